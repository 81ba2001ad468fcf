//! A trainee list as institutions really keep it: title rows above the
//! header, columns in any order under common alternative names, extra
//! columns (序号, dates), separate 职称 and 职务 columns, numbers stored as
//! numbers, full-width digits. What is unambiguous is normalised; every
//! other problem is named by its row and column, and nothing is imported
//! unless every row is right.

use std::collections::HashMap;

use super::input::Applicant;
use crate::domain::{
    fold_width, level_of_title_or_post, line, DisplayName, IdNumber, Mobile, TraineeTitle,
};
use crate::error::{Problem, RowError};
use crate::server::table::{self, Cell, Column, Header, Table};

/// More trainees than any programme plans for.
pub const MAX_TRAINEES: usize = 500;
/// Problems reported at most; a file with more is mostly wrong anyway.
pub const MAX_REPORTED: usize = 200;

/// The names an identity number column goes by.
pub const ID_NUMBER_NAMES: &[&str] = &[
    "身份证号",
    "身份证号码",
    "身份证",
    "公民身份号码",
    "身份证件号码",
    "证件号码",
    "id number",
    "idnumber",
];

/// The columns, each under the names rosters give it (the first is the
/// template's). Gender may be left out: the identity number holds it.
pub const COLUMNS: &[Column] = &[
    Column {
        field: "name",
        names: &["姓名", "学员姓名", "名字", "name"],
        required: true,
    },
    Column {
        field: "gender",
        names: &["性别", "gender", "sex"],
        required: false,
    },
    Column {
        field: "id_number",
        names: ID_NUMBER_NAMES,
        required: true,
    },
    Column {
        field: "mobile",
        names: &[
            "手机号",
            "手机号码",
            "手机",
            "移动电话",
            "联系电话",
            "联系方式",
            "电话",
            "mobile",
            "phone",
        ],
        required: true,
    },
    Column {
        field: "employer",
        names: &[
            "工作单位",
            "单位",
            "单位名称",
            "所在单位",
            "工作单位名称",
            "employer",
        ],
        required: true,
    },
    Column {
        field: "province",
        names: &[
            "省份",
            "所在省份",
            "所在省",
            "省",
            "省市",
            "所在地区",
            "地区",
            "province",
        ],
        required: true,
    },
    Column {
        field: "title",
        names: &[
            "职称/职务",
            "职称",
            "职称职务",
            "职称或职务",
            "专业技术职称",
            "专业技术职务",
            "技术职称",
            "职称名称",
            "title",
        ],
        required: false,
    },
    Column {
        field: "post",
        names: &["职务", "行政职务", "职位", "post"],
        required: false,
    },
];

/// The trainees of a file, each with its sheet row number.
#[derive(Debug)]
pub struct Roster {
    pub rows: Vec<(u32, Applicant)>,
}

impl Roster {
    /// The rows to import, and how many are on the programme's list already
    /// (an institution sends a growing list again; those are skipped).
    pub fn without_enrolled(self, is_taken: impl Fn(&str) -> bool) -> (Vec<Applicant>, usize) {
        let total = self.rows.len();
        let new: Vec<Applicant> = self
            .rows
            .into_iter()
            .map(|(_, a)| a)
            .filter(|a| !is_taken(a.id_number.as_str()))
            .collect();
        let skipped = total - new.len();
        (new, skipped)
    }
}

/// The trainees of a file, or every problem, by row and column. Reads
/// nothing but the bytes.
pub fn read(bytes: &[u8]) -> Result<Roster, Vec<RowError>> {
    let table = table::read(bytes).map_err(whole)?;
    let header = table::find_header(&table, COLUMNS).map_err(whole)?;
    if header.column("title").is_none() && header.column("post").is_none() {
        return Err(whole(Problem::MissingColumns {
            fields: vec!["title_level".into()],
        }));
    }
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let mut rows = 0;
    let mut seen: HashMap<String, u32> = HashMap::new();
    let id_column = header.column("id_number").unwrap_or_default();
    for index in header.row + 1..table.rows.len() {
        let row = index as u32 + 1;
        let cells: Vec<(&'static str, &Cell)> = header
            .columns
            .iter()
            .map(|(field, col, _)| (*field, table.cell(index, *col)))
            .collect();
        if cells.iter().all(|(_, c)| c.is_empty()) {
            continue;
        }
        rows += 1;
        // A repeated person is found whatever else is wrong with the rows,
        // so all problems come in one round.
        let duplicate = match id_number(table.cell(index, id_column)) {
            Ok(id) => match seen.get(id.as_str()) {
                Some(first) => Some(*first),
                None => {
                    seen.insert(id.as_str().to_owned(), row);
                    None
                }
            },
            Err(_) => None,
        };
        if let Some(first) = duplicate {
            errors.push(RowError {
                row,
                column: header.label("id_number"),
                field: "id_number".into(),
                problem: Problem::DuplicateOf { row: first },
            });
        }
        match parse_row(&table, index, &header) {
            Ok(a) if duplicate.is_none() => out.push((row, a)),
            Ok(_) => {}
            Err(list) => errors.extend(list.into_iter().map(|(field, problem)| RowError {
                row,
                column: header.label(column_of(field)),
                field: field.into(),
                problem,
            })),
        }
    }
    if rows > MAX_TRAINEES {
        return Err(whole(Problem::TooManyRows {
            max: MAX_TRAINEES as u32,
        }));
    }
    if out.is_empty() && errors.is_empty() {
        return Err(whole(Problem::Required));
    }
    errors.truncate(MAX_REPORTED);
    if errors.is_empty() {
        Ok(Roster { rows: out })
    } else {
        Err(errors)
    }
}

/// The problem with a file as a whole.
pub fn whole(problem: Problem) -> Vec<RowError> {
    vec![RowError {
        row: 0,
        column: String::new(),
        field: "file".into(),
        problem,
    }]
}

/// Where a field's problem is shown: the level comes from the title column
/// (or the post column when there is no title column).
fn column_of(field: &str) -> &str {
    match field {
        "title_level" => "title",
        other => other,
    }
}

fn parse_row(
    table: &Table,
    index: usize,
    header: &Header,
) -> Result<Applicant, Vec<(&'static str, Problem)>> {
    let cell = |field: &str| {
        header
            .column(field)
            .map_or(&Cell::Empty, |c| table.cell(index, c))
    };
    let text = |field: &str| fold_width(&cell(field).text()).trim().to_owned();
    let mut problems = Vec::new();
    let p = &mut problems;
    let name = check(p, "name", DisplayName::parse(&text("name")));
    let id = check(p, "id_number", id_number(cell("id_number")));
    let mobile = check(p, "mobile", Mobile::parse(&text("mobile")));
    let employer = check(p, "employer", line(&text("employer"), 100));
    let province = check(p, "province", line(&text("province"), 20));
    let gender = match (text("gender").as_str(), &id) {
        ("", Some(id)) => Some(id.gender()),
        ("", None) => None,
        (g, _) => check(p, "gender", super::input::gender(g)),
    };
    let level = check(
        p,
        "title_level",
        level(&text("title"), &text("post"), header),
    );
    if let (Some(g), Some(id)) = (gender, &id) {
        if g != id.gender() {
            problems.push(("gender", Problem::DisagreesWithId));
        }
    }
    match super::input::complete((name, gender, id, mobile, employer, province, level)) {
        Some(a) if problems.is_empty() => Ok(a),
        _ => Err(problems),
    }
}

fn check<T>(
    problems: &mut Vec<(&'static str, Problem)>,
    field: &'static str,
    result: Result<T, Problem>,
) -> Option<T> {
    match result {
        Ok(v) => Some(v),
        Err(p) => {
            problems.push((field, p));
            None
        }
    }
}

/// An identity number cell. A number cell can hold at most 15 exact
/// digits, so an 18-digit number stored as one has lost its end.
fn id_number(cell: &Cell) -> Result<IdNumber, Problem> {
    match cell {
        Cell::Number(n) if n.abs() >= 1e15 => Err(Problem::StoredAsNumber),
        Cell::Text(s) if looks_like_scientific(s) => Err(Problem::StoredAsNumber),
        other => IdNumber::parse(&other.text()),
    }
}

/// "1.30102E+17", as a CSV saved from Excel writes a number cell.
fn looks_like_scientific(s: &str) -> bool {
    let s = s.trim();
    s.contains(['E', 'e'])
        && s.contains('+')
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'E' | 'e' | '+'))
}

/// The trainee's level from the title and post columns (see
/// `domain::trainee_level`). A title column without a post column may
/// hold either, as the combined "职称/职务" does.
fn level(title: &str, post: &str, header: &Header) -> Result<TraineeTitle, Problem> {
    let found = if header.column("post").is_some() {
        crate::domain::trainee_level(title, post)
    } else {
        level_of_title_or_post(title)
    };
    found?.ok_or(Problem::Required)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Gender;

    fn csv(text: &str) -> Result<Vec<(u32, Applicant)>, Vec<RowError>> {
        read(text.as_bytes()).map(|r| r.rows)
    }

    #[test]
    fn a_real_roster_with_a_title_row_other_names_and_extra_columns_reads() {
        let rows = csv(
            "2026年高级研修班学员名单,,,,,,,\n\
             序号,学员姓名,身份证号码,联系电话,所在单位,所在省份,职称,职务,报到日期\n\
             1,李晓燕,１１０１０５１９４９１２３１００２ｘ, 138 0013 8000 ,河北医科大学,河北省,副主任医师,,2026-05-10\n\
             2,王强,130102199002020012,13800138003,唐山市交通运输局,石家庄,,处长,\n",
        )
        .unwrap();
        assert_eq!(rows.len(), 2);
        let (row, a) = &rows[0];
        assert_eq!(*row, 3);
        assert_eq!(a.id_number.as_str(), "11010519491231002X");
        assert_eq!(a.mobile.as_str(), "13800138000");
        assert_eq!(a.gender, Gender::Female);
        assert_eq!(a.title_level, TraineeTitle::AssociateSenior);
        assert_eq!(rows[1].1.title_level, TraineeTitle::Manager);
        assert_eq!(rows[1].1.gender, Gender::Male);
    }

    #[test]
    fn problems_name_row_and_column_and_duplicates_name_both_rows() {
        let errors = csv("姓名,身份证号,手机号,工作单位,省份,职称/职务\n\
             张三,11010519491231002X,13800138000,甲单位,河北省,教授\n\
             李四,110105194912310021,1380013800,乙单位,河北省,博士\n\
             王五,11010519491231002X,13800138001,丙单位,北京市,讲师\n")
        .unwrap_err();
        let found: Vec<(u32, &str, &str, Problem)> = errors
            .iter()
            .map(|e| {
                (
                    e.row,
                    e.field.as_str(),
                    e.column.as_str(),
                    e.problem.clone(),
                )
            })
            .collect();
        assert!(found.contains(&(3, "id_number", "B（身份证号）", Problem::IdChecksum)));
        assert!(found.contains(&(3, "mobile", "C（手机号）", Problem::MobileFormat)));
        assert!(found.contains(&(3, "title_level", "F（职称/职务）", Problem::UnknownTitle)));
        assert!(found.contains(&(
            4,
            "id_number",
            "B（身份证号）",
            Problem::DuplicateOf { row: 2 }
        )));
    }

    #[test]
    fn a_missing_column_is_named() {
        let errors =
            csv("姓名,身份证号,工作单位,省份,职称\n张三,11010519491231002X,甲,河北,教授\n")
                .unwrap_err();
        assert_eq!(
            errors[0].problem,
            Problem::MissingColumns {
                fields: vec!["mobile".into()]
            }
        );
        let errors = csv("姓名,身份证号,手机号,工作单位,省份\n").unwrap_err();
        assert_eq!(
            errors[0].problem,
            Problem::MissingColumns {
                fields: vec!["title_level".into()]
            }
        );
        assert_eq!(
            csv("随便,什么\n1,2\n").unwrap_err()[0].problem,
            Problem::NoHeaderRow
        );
    }

    #[test]
    fn an_identity_number_saved_as_a_number_is_told_apart() {
        let errors = csv(
            "姓名,身份证号,手机号,工作单位,省份,职称\n张三,1.10105E+17,13800138000,甲,河北,教授\n",
        )
        .unwrap_err();
        assert_eq!(errors[0].problem, Problem::StoredAsNumber);
    }

    mod props {
        use proptest::prelude::*;

        use super::super::*;

        fn cell() -> impl Strategy<Value = String> {
            prop_oneof![
                any::<String>(),
                "[\\p{Han}]{1,6}",
                "[0-9０-９xX ]{10,20}",
                Just("姓名".to_string()),
                Just("身份证号码".to_string()),
                Just("联系电话".to_string()),
                Just("职称".to_string()),
                Just("职务".to_string()),
                Just("所在省份".to_string()),
                Just("工作单位".to_string()),
            ]
        }

        /// Every refusal is a list of row problems, each with its field.
        fn well_formed(errors: &[RowError]) -> bool {
            !errors.is_empty() && errors.iter().all(|e| !e.field.is_empty())
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

            #[test]
            fn any_bytes_are_read_or_refused_by_row(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
                if let Err(e) = read(&bytes) {
                    prop_assert!(well_formed(&e));
                }
            }

            #[test]
            fn any_table_as_csv_is_read_or_refused_by_row(
                rows in proptest::collection::vec(proptest::collection::vec(cell(), 0..10), 0..12)
            ) {
                let mut w = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
                for r in &rows {
                    w.write_record(r).unwrap();
                }
                let bytes = w.into_inner().unwrap();
                match read(&bytes) {
                    Ok(roster) => prop_assert!(!roster.rows.is_empty()),
                    Err(e) => prop_assert!(well_formed(&e)),
                }
            }

            #[test]
            fn any_small_workbook_is_read_or_refused_by_row(
                cells in proptest::collection::vec((0u32..40, 0u16..12, cell(), any::<f64>()), 0..30)
            ) {
                let mut book = rust_xlsxwriter::Workbook::new();
                let sheet = book.add_worksheet();
                for (row, col, text, number) in &cells {
                    if number.is_finite() && text.len() % 2 == 0 {
                        let _ = sheet.write_number(*row, *col, *number);
                    } else {
                        // Texts Excel cannot hold are refused by the writer.
                        let _ = sheet.write_string(*row, *col, text);
                    }
                }
                let bytes = book.save_to_buffer().unwrap();
                if let Err(e) = read(&bytes) {
                    prop_assert!(well_formed(&e));
                }
            }
        }
    }
}
