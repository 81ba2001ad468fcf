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

/// Reads a gender or title from its code or its Chinese label.
fn gender(raw: &str) -> Result<Gender, Problem> {
    match raw.trim() {
        "" => Err(Problem::Required),
        "男" | "male" => Ok(Gender::Male),
        "女" | "female" => Ok(Gender::Female),
        _ => Err(Problem::InvalidChoice),
    }
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
    if let Err(crate::error::AppError::Validation(list)) = p.into_result() {
        return Err(list);
    }
    match (name, g, id, mobile, employer, province, t) {
        (
            Some(name),
            Some(gender),
            Some(id_number),
            Some(mobile),
            Some(employer),
            Some(province),
            Some(title_level),
        ) => Ok(Applicant {
            name,
            gender,
            id_number,
            mobile,
            employer,
            province,
            title_level,
        }),
        _ => Err(vec![]),
    }
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
}
