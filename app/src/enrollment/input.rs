//! An applicant as typed on a phone or read from one Excel row: the same
//! parse for both.

use crate::domain::{line, DisplayName, Gender, IdNumber, Mobile, TraineeTitle};
use crate::error::{FieldError, Problem, Problems};

pub fn is_inside_province(province: &str) -> bool {
    crate::domain::is_in_hebei(province)
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applicant {
    pub name: DisplayName,
    pub gender: Gender,
    pub id_number: IdNumber,
    pub mobile: Mobile,
    pub employer: String,
    pub province: String,
    pub title_level: TraineeTitle,
}

/// Field names, in the order of the import sheet's columns.
pub const FIELDS: [&str; 7] = [
    "name",
    "gender",
    "id_number",
    "mobile",
    "employer",
    "province",
    "title_level",
];

/// A gender from its code, its Chinese label, or a roster's shorthand.
pub fn gender(raw: &str) -> Result<Gender, Problem> {
    match raw.trim().to_lowercase().as_str() {
        "" => Err(Problem::Required),
        "男" | "男性" | "male" | "m" => Ok(Gender::Male),
        "女" | "女性" | "female" | "f" => Ok(Gender::Female),
        _ => Err(Problem::InvalidChoice),
    }
}

/// The parsed parts of an applicant, each `None` where its field failed.
pub type Parts = (
    Option<DisplayName>,
    Option<Gender>,
    Option<IdNumber>,
    Option<Mobile>,
    Option<String>,
    Option<String>,
    Option<TraineeTitle>,
);

/// The applicant, when every part parsed.
pub fn complete(parts: Parts) -> Option<Applicant> {
    let (
        Some(name),
        Some(gender),
        Some(id_number),
        Some(mobile),
        Some(employer),
        Some(province),
        Some(title_level),
    ) = parts
    else {
        return None;
    };
    Some(Applicant {
        name,
        gender,
        id_number,
        mobile,
        employer,
        province,
        title_level,
    })
}

/// A level code (the form's choice), a level label, a title name or a
/// post, read by the one title table in `domain::titles`.
fn title(raw: &str) -> Result<TraineeTitle, Problem> {
    if raw.trim().is_empty() {
        return Err(Problem::Required);
    }
    match crate::domain::level_of_title_or_post(raw) {
        Ok(Some(level)) => Ok(level),
        _ => Err(Problem::InvalidChoice),
    }
}

/// Parses the seven fields (in `FIELDS` order); problems by field name.
pub fn parse(values: [&str; 7]) -> Result<Applicant, Vec<FieldError>> {
    let mut p = Problems::default();
    let name = p.check("name", DisplayName::parse(values[0]));
    let g = p.check("gender", gender(values[1]));
    let id = p.check("id_number", IdNumber::parse(values[2]));
    let mobile = p.check("mobile", Mobile::parse(values[3]));
    let employer = p.check("employer", line(values[4], 100));
    let province = p.check("province", line(values[5], 20));
    let t = p.check("title_level", title(values[6]));
    if let (Some(g), Some(id)) = (g, &id) {
        if g != id.gender() {
            p.push("gender", Problem::DisagreesWithId);
        }
    }
    if let Err(crate::error::AppError::Validation(list)) = p.into_result() {
        return Err(list);
    }
    complete((name, g, id, mobile, employer, province, t)).ok_or_else(Vec::new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_codes_are_both_read() {
        let a = parse([
            "李晓燕",
            "女",
            "11010519491231002X",
            "13800138000",
            "河北医科大学第二医院",
            "河北省",
            "副高级",
        ])
        .unwrap();
        assert_eq!(a.title_level, TraineeTitle::AssociateSenior);
        assert!(is_inside_province(&a.province));
        let e = parse(["", "x", "110105194912310021", "123", "", "", "博士"]).unwrap_err();
        let fields: Vec<&str> = e.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, FIELDS.to_vec());
        assert_eq!(e[2].problem, Problem::IdChecksum);
    }

    #[test]
    fn a_gender_the_identity_number_does_not_record_is_named() {
        let e = parse([
            "李晓燕",
            "男",
            "11010519491231002X",
            "13800138000",
            "河北医科大学第二医院",
            "河北省",
            "副主任医师",
        ])
        .unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(
            (e[0].field.as_str(), &e[0].problem),
            ("gender", &Problem::DisagreesWithId)
        );
    }
}
