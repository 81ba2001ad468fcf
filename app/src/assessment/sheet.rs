//! The assessment sheet: downloaded with the programme's trainees and
//! their current grades (lists to pick from in the grade and result
//! columns), filled in, and read back; or the institution's own sheet,
//! found by its column names. Rows are matched to trainees by the trainee
//! number, else the identity number, else a name no one else has.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use rust_xlsxwriter::{DataValidation, Workbook, XlsxError};

use super::who::{self, error, Person, Who};
use super::AssessmentView;
use crate::domain::assessment::{parse, Decision, Given, Grade, Outcome};
use crate::error::{Problem, RowError};
use crate::server::table::{self, Cell, Column, Header};
use crate::server::AppState;

pub const MAX_BYTES: usize = 2 * 1024 * 1024;

const COLUMNS: &[Column] = &[
    who::NUMBER,
    who::NAME,
    who::ID_NUMBER,
    Column {
        field: "grade",
        names: &[
            "论文成绩",
            "成绩",
            "论文等级",
            "论文评定",
            "等级",
            "评定等级",
            "grade",
        ],
        required: false,
    },
    Column {
        field: "assessor",
        names: &["评阅人", "评阅专家", "评审人", "评阅教师", "assessor"],
        required: false,
    },
    Column {
        field: "comment",
        names: &["评语", "评阅意见", "论文评语", "comment"],
        required: false,
    },
    Column {
        field: "outcome",
        names: &[
            "考核结果",
            "结果",
            "考核结论",
            "结业情况",
            "是否合格",
            "result",
            "outcome",
        ],
        required: false,
    },
    Column {
        field: "reason",
        names: &["原因", "未完成原因", "未结业原因", "reason"],
        required: false,
    },
    Column {
        field: "version",
        names: &["版本", "version"],
        required: false,
    },
];

/// Who a row names, and what it decides.
#[derive(Debug)]
pub struct Line {
    pub row: u32,
    pub who: Who,
    pub decision: Decision,
    /// The fields the row gives; the others stay as recorded.
    pub given: Given,
    /// The decision's version when the sheet was downloaded.
    pub version: Option<i64>,
}

/// A row matched to its trainee.
#[derive(Debug)]
pub struct Matched {
    pub enrollment: i64,
    pub decision: Decision,
    pub given: Given,
    pub version: Option<i64>,
    pub row: u32,
}

#[derive(Debug)]
pub struct Parsed {
    pub lines: Vec<Line>,
    header: Header,
}

/// The sheet's rows that decide something (a row whose grade, assessor,
/// comment, result and reason are all empty is left out), or every
/// problem by row and column.
pub fn read(bytes: &[u8]) -> Result<Parsed, Vec<RowError>> {
    let whole = crate::enrollment::roster::whole;
    let t = table::read(bytes).map_err(whole)?;
    let header = table::find_header(&t, COLUMNS).map_err(whole)?;
    if header.column("grade").is_none() && header.column("outcome").is_none() {
        return Err(whole(Problem::MissingColumns {
            fields: vec!["grade".into(), "outcome".into()],
        }));
    }
    let mut lines = Vec::new();
    let mut errors = Vec::new();
    for index in header.row + 1..t.rows.len() {
        let row = index as u32 + 1;
        let cell = |field: &str| {
            header
                .column(field)
                .map_or(&Cell::Empty, |c| t.cell(index, c))
        };
        // Codes and choices read full-width alike; free text stays as typed
        // (a comment's "，" is not a ",").
        let text = |field: &str| who::text(&t, &header, index, field);
        let free = |field: &str| cell(field).text();
        let decides = ["grade", "assessor", "comment", "outcome", "reason"]
            .iter()
            .any(|f| !cell(f).is_empty());
        if !decides {
            continue;
        }
        let who = who::read(&t, &header, index, &mut errors);
        let version = match text("version") {
            v if v.is_empty() => None,
            v => match v.parse::<i64>() {
                Ok(v) => Some(v),
                Err(_) => {
                    errors.push(error(&header, row, "version", Problem::NotANumber));
                    None
                }
            },
        };
        let given = Given {
            grade: !cell("grade").is_empty(),
            assessor: !cell("assessor").is_empty(),
            comment: !cell("comment").is_empty(),
            outcome: !cell("outcome").is_empty(),
            reason: !cell("reason").is_empty(),
        };
        match parse(
            &text("grade"),
            &free("assessor"),
            &free("comment"),
            &text("outcome"),
            &free("reason"),
        ) {
            Ok(decision) => lines.push(Line {
                row,
                who,
                decision,
                given,
                version,
            }),
            Err(list) => errors.extend(list.into_iter().map(|(f, p)| error(&header, row, f, p))),
        }
        who::bounded(lines.len() + errors.len())?;
    }
    let lines = who::gathered(lines, errors)?;
    Ok(Parsed { lines, header })
}

impl Parsed {
    /// Each line's trainee among `people` (enrollment, name, keyed hash of
    /// the identity number).
    pub fn match_people(
        &self,
        people: &[Person],
        hash: impl Fn(&str) -> String,
    ) -> Result<Vec<Matched>, Vec<RowError>> {
        let mut out = Vec::new();
        let mut errors = Vec::new();
        let mut seen: HashMap<i64, u32> = HashMap::new();
        for l in &self.lines {
            match l.who.find(people, &hash) {
                Ok(p) => match seen.insert(p.0, l.row) {
                    Some(first) => errors.push(error(
                        &self.header,
                        l.row,
                        "name",
                        Problem::DuplicateOf { row: first },
                    )),
                    None => out.push(Matched {
                        enrollment: p.0,
                        decision: l.decision.clone(),
                        given: l.given,
                        version: l.version,
                        row: l.row,
                    }),
                },
                Err((field, r)) => {
                    errors.push(error(&self.header, l.row, field, Problem::Assess(r)))
                }
            }
        }
        if errors.is_empty() {
            Ok(out)
        } else {
            errors.truncate(who::MAX_REPORTED);
            Err(errors)
        }
    }

    /// The rules' refusals by the sheet's rows and columns.
    pub fn row_errors(
        &self,
        rows: &[(i64, u32)],
        refused: Vec<(i64, &'static str, Problem)>,
    ) -> Vec<RowError> {
        refused
            .into_iter()
            .take(who::MAX_REPORTED)
            .map(|(e, field, p)| {
                let row = rows.iter().find(|(x, _)| *x == e).map_or(0, |(_, r)| *r);
                // A row changed since the sheet was downloaded is named by
                // its version column. A column the sheet lacks (a grade
                // needs its assessor) has no label: the field names it.
                let field = if field == "row" { "version" } else { field };
                error(&self.header, row, field, p)
            })
            .collect()
    }
}

const HEAD: [&str; 11] = [
    "学员编号",
    "姓名",
    "工作单位",
    "出勤学时",
    "研修论文",
    "论文成绩",
    "评阅人",
    "评语",
    "考核结果",
    "原因（未完成的必填）",
    "版本（请勿修改）",
];
const WIDTHS: [f64; 11] = [
    9.0, 10.0, 28.0, 9.0, 12.0, 10.0, 10.0, 30.0, 10.0, 24.0, 8.0,
];

pub fn workbook(v: &AssessmentView) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("学员考核表")?;
    let crate::server::download::SheetLook { title, head, cell } =
        crate::server::download::sheet_look();
    sheet.merge_range(0, 0, 0, 10, &format!("{} 学员考核表", v.topic), &title)?;
    sheet.write_string(
        1,
        0,
        format!(
            "结业要求：提交研修论文且成绩为合格以上；出勤不少于 {} 学时（课表 {} 学时的 {}%）。学员编号和版本请勿修改；空白单元格保持原样。",
            v.min.required(v.total_hours),
            v.total_hours,
            v.min.percent()
        ),
    )?;
    for (c, (h, w)) in HEAD.iter().zip(WIDTHS).enumerate() {
        sheet.write_string_with_format(2, c as u16, *h, &head)?;
        sheet.set_column_width(c as u16, w)?;
    }
    for (i, r) in v.rows.iter().enumerate() {
        let row = i as u32 + 3;
        let d = &r.decision;
        let paper = r.paper.map_or("未提交".to_owned(), |(_, n)| {
            format!("已提交（第 {n} 版）")
        });
        sheet.write_number_with_format(row, 0, r.enrollment_id as f64, &cell)?;
        sheet.write_string_with_format(row, 1, &r.name, &cell)?;
        sheet.write_string_with_format(row, 2, &r.employer, &cell)?;
        sheet.write_number_with_format(row, 3, r.attended as f64, &cell)?;
        sheet.write_string_with_format(row, 4, &paper, &cell)?;
        sheet.write_string_with_format(row, 5, d.grade.map_or("", Grade::zh), &cell)?;
        sheet.write_string_with_format(row, 6, &d.assessor, &cell)?;
        sheet.write_string_with_format(row, 7, &d.comment, &cell)?;
        sheet.write_string_with_format(row, 8, d.outcome.map_or("", Outcome::zh), &cell)?;
        sheet.write_string_with_format(row, 9, &d.reason, &cell)?;
        sheet.write_number_with_format(row, 10, r.version as f64, &cell)?;
    }
    let last = (v.rows.len() as u32 + 2).max(3);
    let grades: Vec<&str> = Grade::ALL.iter().map(|g| g.zh()).collect();
    let outcomes: Vec<&str> = Outcome::ALL.iter().map(|o| o.zh()).collect();
    sheet.add_data_validation(
        3,
        5,
        last,
        5,
        &DataValidation::new().allow_list_strings(&grades)?,
    )?;
    sheet.add_data_validation(
        3,
        8,
        last,
        8,
        &DataValidation::new().allow_list_strings(&outcomes)?,
    )?;
    sheet.set_freeze_panes(3, 2)?;
    book.save_to_buffer()
}

/// `GET /programmes/{id}/assessment.xlsx`: for every reader of the
/// programme's assessment.
pub async fn download(
    State(state): State<AppState>,
    Path(id): Path<String>,
    session: tower_sessions::Session,
    parts: http::request::Parts,
) -> Response {
    let (caller, g) = match crate::plan::reader::scoped(&state, &id, session, &parts).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    let programme = g.id;
    let found = async {
        let mut conn = state.db.pool.acquire().await?;
        super::api::ssr::view(&mut conn, &caller, g).await
    }
    .await;
    let v = match found {
        Ok(v) => v,
        Err(e) => return e.status().into_response(),
    };
    crate::server::download::workbook(
        workbook(&v),
        &format!("assessment-{programme}.xlsx"),
        &format!("学员考核表-{}.xlsx", v.topic),
        "assessment",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::assessment::Refusal;

    fn people() -> Vec<(i64, String, Option<String>)> {
        vec![
            (7, "张三".into(), Some("h-11010519491231002X".into())),
            (8, "李四".into(), None),
            (9, "李四".into(), None),
        ]
    }

    fn hash(id: &str) -> String {
        format!("h-{id}")
    }

    #[test]
    fn an_own_sheet_with_a_title_row_other_names_and_full_width_text_reads() {
        let csv = "2026年学员成绩\n序号,姓名,身份证号码,成绩,评阅专家,结业情况,未完成原因\n\
                   1,张三,11010519491231002X,优 秀,王教授,准予结业,\n\
                   2,李四,,,,未结业,中途离开\n";
        let p = read(csv.as_bytes()).unwrap();
        assert_eq!(p.lines.len(), 2);
        let m = p.match_people(&people(), hash);
        // 李四 is two people: the row needs a number.
        let e = m.unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].row, 4);
        assert_eq!(e[0].problem, Problem::Assess(Refusal::SameName));
    }

    #[test]
    fn the_template_matches_by_number_and_checks_the_name() {
        let csv = "学员编号,姓名,论文成绩,评阅人,考核结果,原因\n\
                   8,李四,良好,王教授,合格,\n9,张三,合格,王教授,合格,\n7,张三,,,,\n";
        let p = read(csv.as_bytes()).unwrap();
        // The empty row decides nothing and is left out.
        assert_eq!(p.lines.len(), 2);
        let e = p.match_people(&people(), hash).unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!((e[0].row, e[0].field.as_str()), (3, "number"));
        let csv = "学员编号,姓名,论文成绩,评阅人,考核结果\n8,李四,良好,王教授,合格\n";
        let m = read(csv.as_bytes())
            .unwrap()
            .match_people(&people(), hash)
            .unwrap();
        assert_eq!(m[0].enrollment, 8);
        assert_eq!(m[0].decision.grade, Some(Grade::Good));
        assert!(m[0].given.grade && !m[0].given.comment);
    }

    #[test]
    fn bad_cells_are_named_by_row_and_column() {
        let csv = "姓名,论文成绩,考核结果\n张三,九十五,合格\n李四,良,也许\n";
        let e = read(csv.as_bytes()).unwrap_err();
        let at: Vec<(u32, &str)> = e.iter().map(|e| (e.row, e.column.as_str())).collect();
        assert_eq!(at, vec![(2, "B（论文成绩）"), (3, "C（考核结果）")]);
        let e = read("姓名,身份证号\n张三,11010519491231002X\n".as_bytes()).unwrap_err();
        assert!(matches!(e[0].problem, Problem::MissingColumns { .. }));
    }
}
