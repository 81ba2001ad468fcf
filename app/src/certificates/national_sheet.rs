//! The ministry's certificate numbers for a national programme, from a
//! sheet: the template lists the trainees awaiting a certificate, or the
//! ministry's own list is read by its column names. Rows are matched to
//! trainees as the assessment sheet's are (`assessment::who`); every
//! trainee awaiting a certificate needs exactly one number.

use std::collections::{BTreeMap, HashMap};

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use rust_xlsxwriter::{Workbook, XlsxError};

use super::{CompletionView, RegisterRow};
use crate::assessment::who::{self, error, Person, Who};
use crate::domain::certificate::CertProblem;
use crate::domain::Role;
use crate::error::{AppError, Problem, RowError};
use crate::server::table::{self, Cell, Column, Header};
use crate::server::AppState;

pub const MAX_BYTES: usize = 2 * 1024 * 1024;

const COLUMNS: &[Column] = &[
    who::NUMBER,
    who::NAME,
    who::ID_NUMBER,
    Column {
        field: "certificate",
        names: &[
            "证书编号",
            "结业证书编号",
            "证书号",
            "证书号码",
            "人社部证书编号",
            "certificate",
        ],
        required: true,
    },
];

/// The sheet's rows that give a number: (row, whom it names, number).
#[derive(Debug)]
pub struct Parsed {
    lines: Vec<(u32, Who, String)>,
    header: Header,
}

/// The numbers by enrollment, as `issue` takes them, and where each came
/// from.
#[derive(Debug)]
pub struct Numbers {
    pub by_enrollment: BTreeMap<String, String>,
    rows: HashMap<i64, u32>,
}

pub fn read(bytes: &[u8]) -> Result<Parsed, Vec<RowError>> {
    let whole = crate::enrollment::roster::whole;
    let t = table::read(bytes).map_err(whole)?;
    let header = table::find_header(&t, COLUMNS).map_err(whole)?;
    let mut lines = Vec::new();
    let mut errors = Vec::new();
    for index in header.row + 1..t.rows.len() {
        // A list of the whole class may leave those without a
        // certificate blank.
        let number = who::text(&t, &header, index, "certificate");
        if number.is_empty() {
            continue;
        }
        let who = who::read(&t, &header, index, &mut errors);
        let column = header.column("certificate").unwrap_or_default();
        if matches!(t.cell(index, column), Cell::Number(_)) {
            errors.push(error(
                &header,
                index as u32 + 1,
                "certificate",
                Problem::Certify(CertProblem::NumberCell),
            ));
            continue;
        }
        lines.push((index as u32 + 1, who, number));
        who::bounded(lines.len() + errors.len())?;
    }
    let lines = who::gathered(lines, errors)?;
    Ok(Parsed { lines, header })
}

impl Parsed {
    /// Each row's trainee among the admitted `people`, who must be one of
    /// `to_issue`; and every one of `to_issue` given a number.
    pub fn numbers(
        &self,
        people: &[Person],
        to_issue: &[&RegisterRow],
        hash: impl Fn(&str) -> String,
    ) -> Result<Numbers, Vec<RowError>> {
        let mut errors = Vec::new();
        let mut out = Numbers {
            by_enrollment: BTreeMap::new(),
            rows: HashMap::new(),
        };
        for (row, who, number) in &self.lines {
            match who.find(people, &hash) {
                Ok(p) if !to_issue.iter().any(|r| r.enrollment_id == p.0) => errors.push(error(
                    &self.header,
                    *row,
                    "name",
                    Problem::Certify(CertProblem::NotToIssue),
                )),
                Ok(p) => match out.rows.insert(p.0, *row) {
                    Some(first) => errors.push(error(
                        &self.header,
                        *row,
                        "name",
                        Problem::DuplicateOf { row: first },
                    )),
                    None => {
                        out.by_enrollment.insert(p.0.to_string(), number.clone());
                    }
                },
                Err((field, r)) => {
                    errors.push(error(&self.header, *row, field, Problem::Assess(r)))
                }
            }
        }
        if errors.is_empty() {
            for r in to_issue {
                if !out.rows.contains_key(&r.enrollment_id) {
                    errors.extend(crate::enrollment::roster::whole(Problem::Certify(
                        CertProblem::Missing {
                            name: r.name.clone(),
                        },
                    )));
                }
            }
        }
        errors.truncate(who::MAX_REPORTED);
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(errors)
        }
    }

    /// `issue`'s refusals of numbers (by "{enrollment}.number") at the
    /// sheet's rows; other refusals as they are.
    pub fn locate(&self, numbers: &Numbers, e: AppError) -> AppError {
        let AppError::Validation(list) = e else {
            return e;
        };
        let rows = list
            .into_iter()
            .map(|f| {
                let enrollment = f
                    .field
                    .split('.')
                    .next()
                    .and_then(|e| e.parse::<i64>().ok())
                    .unwrap_or_default();
                let row = numbers.rows.get(&enrollment).copied().unwrap_or_default();
                error(&self.header, row, "certificate", f.problem)
            })
            .collect();
        AppError::Rows(rows)
    }
}

const HEAD: [&str; 4] = ["学员编号", "姓名", "工作单位", "证书编号"];
const WIDTHS: [f64; 4] = [10.0, 12.0, 32.0, 30.0];

pub fn workbook(v: &CompletionView) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("证书编号")?;
    let crate::server::download::SheetLook { title, head, cell } =
        crate::server::download::sheet_look();
    // Text, so a number typed in keeps its leading zeros.
    let text = cell.clone().set_num_format("@");
    sheet.merge_range(0, 0, 0, 3, &format!("{} 人社部证书编号", v.topic), &title)?;
    sheet.write_string(
        1,
        0,
        "请在“证书编号”列填写人社部下发的编号，每名待发证学员一个；学员编号请勿修改。",
    )?;
    for (c, (h, w)) in HEAD.iter().zip(WIDTHS).enumerate() {
        sheet.write_string_with_format(2, c as u16, *h, &head)?;
        sheet.set_column_width(c as u16, w)?;
    }
    for (i, r) in v.to_issue().iter().enumerate() {
        let row = i as u32 + 3;
        sheet.write_number_with_format(row, 0, r.enrollment_id as f64, &cell)?;
        sheet.write_string_with_format(row, 1, &r.name, &cell)?;
        sheet.write_string_with_format(row, 2, &r.employer, &cell)?;
        sheet.write_string_with_format(row, 3, "", &text)?;
    }
    sheet.set_freeze_panes(3, 2)?;
    book.save_to_buffer()
}

/// `GET /programmes/{id}/national-numbers.xlsx`: the admin's template for
/// a national programme with trainees awaiting certificates.
pub async fn template(
    State(state): State<AppState>,
    Path(id): Path<String>,
    session: tower_sessions::Session,
    parts: http::request::Parts,
) -> Response {
    let (caller, g) = match crate::plan::reader::scoped(&state, &id, session, &parts).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    if caller.user.role != Role::Admin {
        return StatusCode::FORBIDDEN.into_response();
    }
    let programme = g.id;
    let found = async {
        let mut conn = state.db.pool.acquire().await?;
        super::api::ssr::view(&mut conn, g).await
    }
    .await;
    let v = match found {
        Ok(v) if super::certificate_api::ssr::issuable(&v, true).is_ok() => v,
        Ok(_) => return StatusCode::NOT_FOUND.into_response(),
        Err(e) => return e.status().into_response(),
    };
    crate::server::download::workbook(
        workbook(&v),
        &format!("national-numbers-{programme}.xlsx"),
        &format!("人社部证书编号-{}.xlsx", v.topic),
        "national numbers",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::assessment::{Grade, Outcome, Refusal};

    fn people() -> Vec<Person> {
        vec![
            (7, "张三".into(), Some("h-11010519491231002X".into())),
            (8, "李四".into(), None),
            (9, "王五".into(), None),
        ]
    }

    fn row(enrollment_id: i64, name: &str) -> RegisterRow {
        RegisterRow {
            enrollment_id,
            name: name.into(),
            employer: String::new(),
            attended: 40,
            grade: Some(Grade::Good),
            outcome: Outcome::Passed,
        }
    }

    fn hash(id: &str) -> String {
        format!("h-{id}")
    }

    #[test]
    fn the_ministrys_own_list_reads_by_its_column_names() {
        let csv = "人社部高级研修项目结业证书编号\n序号,身份证号码,姓名,结业证书编号,备注\n\
                   1,11010519491231002X,张三,ＲＳＢ２０２６００１,\n\
                   2,,李四,RSB2026002,\n3,,王五,,未结业\n";
        let p = read(csv.as_bytes()).unwrap();
        let (a, b) = (row(7, "张三"), row(8, "李四"));
        let n = p.numbers(&people(), &[&a, &b], hash).unwrap();
        // Full-width letters and digits fold; the blank row is left out.
        assert_eq!(n.by_enrollment.get("7").unwrap(), "RSB2026001");
        assert_eq!(n.by_enrollment.get("8").unwrap(), "RSB2026002");
        assert_eq!(n.by_enrollment.len(), 2);
    }

    #[test]
    fn every_awaiting_trainee_needs_a_number_and_no_one_else_gets_one() {
        let csv = "学员编号,姓名,证书编号\n8,李四,RSB1\n9,王五,RSB2\n8,李四,RSB3\n1,赵六,RSB4\n";
        let p = read(csv.as_bytes()).unwrap();
        let (a, b) = (row(7, "张三"), row(8, "李四"));
        let e = p.numbers(&people(), &[&a, &b], hash).unwrap_err();
        let at: Vec<(u32, &str, &Problem)> = e
            .iter()
            .map(|e| (e.row, e.field.as_str(), &e.problem))
            .collect();
        assert_eq!(
            at,
            vec![
                (3, "name", &Problem::Certify(CertProblem::NotToIssue)),
                (4, "name", &Problem::DuplicateOf { row: 2 }),
                (5, "number", &Problem::Assess(Refusal::NotOnList)),
            ]
        );
        let p = read("姓名,证书编号\n李四,RSB1\n".as_bytes()).unwrap();
        let e = p.numbers(&people(), &[&a, &b], hash).unwrap_err();
        assert_eq!(
            (e[0].row, &e[0].problem),
            (
                0,
                &Problem::Certify(CertProblem::Missing {
                    name: "张三".into()
                })
            )
        );
    }

    #[test]
    fn a_row_whose_identity_number_is_someone_elses_is_refused() {
        // 李四's row carries 张三's identity number: the columns slipped.
        let csv = "姓名,身份证号,证书编号\n李四,11010519491231002X,RSB1\n";
        let p = read(csv.as_bytes()).unwrap();
        let (a, b) = (row(7, "张三"), row(8, "李四"));
        let e = p.numbers(&people(), &[&a, &b], hash).unwrap_err();
        assert_eq!(
            (e[0].row, e[0].field.as_str(), &e[0].problem),
            (2, "id_number", &Problem::Assess(Refusal::NotOnList))
        );
        // 张三 by number and name, with someone else's identity number.
        let csv = "学员编号,姓名,身份证号,证书编号\n7,张三,110105198001010016,RSB1\n";
        let e = read(csv.as_bytes())
            .unwrap()
            .numbers(&people(), &[&a, &b], hash)
            .unwrap_err();
        assert_eq!(e[0].field, "id_number");
    }

    #[test]
    fn a_number_stored_as_a_number_is_refused() {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "姓名").unwrap();
        sheet.write_string(0, 1, "证书编号").unwrap();
        sheet.write_string(1, 0, "张三").unwrap();
        sheet.write_number(1, 1, 12345.0).unwrap();
        let e = read(&book.save_to_buffer().unwrap()).unwrap_err();
        assert_eq!(
            (e[0].row, &e[0].problem),
            (2, &Problem::Certify(CertProblem::NumberCell))
        );
    }

    #[test]
    fn a_sheet_without_numbers_says_so() {
        let e = read("姓名,身份证号\n张三,11010519491231002X\n".as_bytes()).unwrap_err();
        assert!(matches!(e[0].problem, Problem::MissingColumns { .. }));
        let e = read("姓名,证书编号\n张三,\n".as_bytes()).unwrap_err();
        assert_eq!(e[0].problem, Problem::Required);
    }
}
