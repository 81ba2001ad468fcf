//! Spending lines from a sheet, for programmes with many receipts: the
//! template (`GET /programmes/{id}/spending.xlsx`, the schedule's lectures
//! filled in) or the finance office's own list, read by its column names.
//! All or none: every problem by its row and column.

use axum::extract::{Path, State};
use axum::response::Response;
use rust_xlsxwriter::{Workbook, XlsxError};

use super::repo::NewLine;
use super::Lecture;
use crate::assessment::who::{self, error};
use crate::domain::spending_names::{category_by_name, source_by_name};
use crate::domain::{ExpenseCategory, Fen, FundingSource};
use crate::error::{Problem, RowError};
use crate::server::table::{self, Cell, Column, Header};
use crate::server::AppState;

pub const MAX_BYTES: usize = 2 * 1024 * 1024;

const COLUMNS: &[Column] = &[
    Column {
        field: "category",
        names: &[
            "支出科目",
            "费用类别",
            "支出类别",
            "科目",
            "类别",
            "费用名称",
            "category",
        ],
        required: true,
    },
    Column {
        field: "amount",
        names: &["金额", "支出金额", "实际支出", "金额元", "amount"],
        required: true,
    },
    Column {
        field: "source",
        names: &["资金来源", "经费来源", "来源", "source"],
        required: true,
    },
    Column {
        field: "course",
        names: &["课程", "课程名称", "授课内容", "course"],
        required: false,
    },
    Column {
        field: "lecturer",
        names: &[
            "授课专家",
            "专家",
            "专家姓名",
            "讲师",
            "主讲人",
            "授课人",
            "lecturer",
        ],
        required: false,
    },
    Column {
        field: "day",
        names: &["授课日期", "日期", "day"],
        required: false,
    },
    Column {
        field: "charged",
        names: &["向学员收取", "学员承担", "charged"],
        required: false,
    },
    Column {
        field: "note",
        names: &["摘要", "备注", "说明", "用途", "note"],
        required: false,
    },
];

/// One row as typed.
#[derive(Debug)]
pub struct Row {
    row: u32,
    category: ExpenseCategory,
    source: FundingSource,
    amount: Fen,
    course: String,
    lecturer: String,
    day: String,
    charged: bool,
    note: String,
}

#[derive(Debug)]
pub struct Parsed {
    rows: Vec<Row>,
    header: Header,
}

/// An amount from its cell: a number cell as the sheet stored it (to the
/// fen, so 0.1 + 0.2 is 0.30), a text cell as typed.
fn amount(cell: &Cell, typed: &str) -> Result<Fen, Problem> {
    let fen = match cell {
        Cell::Number(n) if n.is_finite() && *n >= 0.0 => {
            let fen = (n * 100.0).round();
            // A binary fraction is off by a hair, in proportion to its size.
            if (fen - n * 100.0).abs() > 1e-6 + fen * 1e-12 {
                return Err(Problem::TooManyDecimals);
            }
            if fen > Fen::MAX.fen() as f64 {
                return Err(Problem::TooLarge);
            }
            Fen::from_fen(fen as i64)?
        }
        Cell::Number(_) => return Err(Problem::Negative),
        _ => Fen::parse_yuan(typed)?,
    };
    if fen == Fen::ZERO {
        return Err(Problem::Required);
    }
    Ok(fen)
}

/// Whether a row says it was charged to trainees; anything else than a
/// plain yes or no is asked about rather than read as no.
fn yes(raw: &str) -> Result<bool, Problem> {
    let s = crate::domain::fold_width(raw).trim().to_lowercase();
    match s.as_str() {
        "是" | "是的" | "收取" | "y" | "yes" | "1" | "√" | "✓" | "true" => Ok(true),
        "" | "否" | "不" | "无" | "n" | "no" | "0" | "×" | "false" => Ok(false),
        _ => Err(Problem::InvalidChoice),
    }
}

pub fn read(bytes: &[u8]) -> Result<Parsed, Vec<RowError>> {
    let whole = crate::enrollment::roster::whole;
    let t = table::read(bytes).map_err(whole)?;
    let header = table::find_header(&t, COLUMNS).map_err(whole)?;
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for index in header.row + 1..t.rows.len() {
        let text = |field: &str| who::text(&t, &header, index, field);
        let raw_category = text("category");
        let raw_amount = text("amount");
        // Blank rows, and the total a finance sheet ends with.
        if (raw_category.is_empty() && raw_amount.is_empty())
            || matches!(raw_category.as_str(), "合计" | "总计" | "小计" | "合 计")
        {
            continue;
        }
        let row = index as u32 + 1;
        let mut problem = |field: &str, p: Problem| errors.push(error(&header, row, field, p));
        let category = category_by_name(&raw_category);
        if category.is_none() {
            problem("category", Problem::NotAnExpenseCategory);
        }
        let source = source_by_name(&text("source"));
        if source.is_none() {
            problem("source", Problem::NotAFundingSource);
        }
        let column = header.column("amount").unwrap_or_default();
        let fen = amount(t.cell(index, column), &raw_amount)
            .map_err(|p| problem("amount", p))
            .ok();
        let charged = yes(&text("charged"))
            .map_err(|p| problem("charged", p))
            .unwrap_or(false);
        let note = text("note");
        if note.chars().count() > super::NOTE_MAX {
            problem(
                "note",
                Problem::TooLong {
                    max: super::NOTE_MAX,
                },
            );
        }
        if let (Some(category), Some(source), Some(amount)) = (category, source, fen) {
            rows.push(Row {
                row,
                category,
                source,
                amount,
                course: text("course"),
                lecturer: text("lecturer"),
                day: text("day"),
                charged,
                note,
            });
        }
        who::bounded(rows.len() + errors.len())?;
    }
    let rows = who::gathered(rows, errors)?;
    if rows.is_empty() {
        return Err(whole(Problem::Required));
    }
    Ok(Parsed { rows, header })
}

impl Parsed {
    /// The lines to enter, each lecture fee matched to the schedule by
    /// course title and lecturer name (and the day where both repeat).
    pub fn lines<'a>(&'a self, lectures: &[Lecture]) -> Result<Vec<NewLine<'a>>, Vec<RowError>> {
        let mut errors = Vec::new();
        let mut out = Vec::with_capacity(self.rows.len());
        for r in &self.rows {
            let mut lecture = None;
            if r.category == ExpenseCategory::LectureFees {
                let found: Vec<&Lecture> = lectures
                    .iter()
                    .filter(|l| l.course == r.course)
                    .filter(|l| r.lecturer.is_empty() || l.lecturer == r.lecturer)
                    .filter(|l| r.day.is_empty() || l.day.starts_with(&r.day))
                    .collect();
                match found.as_slice() {
                    [one] => lecture = Some((one.course_id, one.lecturer_id)),
                    [] => errors.push(error(&self.header, r.row, "course", Problem::NotInSchedule)),
                    _ => errors.push(error(
                        &self.header,
                        r.row,
                        "course",
                        Problem::ManyInSchedule,
                    )),
                }
            }
            out.push(NewLine {
                category: r.category,
                source: r.source,
                amount: r.amount,
                lecture,
                charged_to_trainees: r.charged,
                note: &r.note,
            });
        }
        errors.truncate(who::MAX_REPORTED);
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(errors)
        }
    }
}

const HEAD: [&str; 8] = [
    "支出科目",
    "课程",
    "授课专家",
    "授课日期",
    "金额（元）",
    "资金来源",
    "向学员收取",
    "摘要",
];
const WIDTHS: [f64; 8] = [10.0, 30.0, 12.0, 16.0, 14.0, 10.0, 10.0, 30.0];

pub fn workbook(topic: &str, lectures: &[Lecture]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("经费支出")?;
    let crate::server::download::SheetLook { title, head, cell } =
        crate::server::download::sheet_look();
    sheet.merge_range(0, 0, 0, 7, &format!("{topic} 经费支出明细"), &title)?;
    sheet.write_string(
        1,
        0,
        "支出科目：住宿费、伙食费、场地费、讲课费、资料费、交通费；资金来源：政府、单位、社会、个人。讲课费按课程和专家逐行填写（已按课程表列出），学员往返交通费不填。",
    )?;
    for (c, (h, w)) in HEAD.iter().zip(WIDTHS).enumerate() {
        sheet.write_string_with_format(2, c as u16, *h, &head)?;
        sheet.set_column_width(c as u16, w)?;
    }
    let mut row = 3;
    for l in lectures {
        sheet.write_string_with_format(row, 0, "讲课费", &cell)?;
        sheet.write_string_with_format(row, 1, &l.course, &cell)?;
        sheet.write_string_with_format(row, 2, &l.lecturer, &cell)?;
        sheet.write_string_with_format(row, 3, &l.day, &cell)?;
        sheet.write_string_with_format(row, 5, "政府", &cell)?;
        row += 1;
    }
    for category in ["住宿费", "伙食费", "场地费", "资料费", "交通费"] {
        sheet.write_string_with_format(row, 0, category, &cell)?;
        sheet.write_string_with_format(row, 5, "政府", &cell)?;
        row += 1;
    }
    sheet.set_freeze_panes(3, 0)?;
    book.save_to_buffer()
}

/// `GET /programmes/{id}/spending.xlsx`: the template, for the programme's
/// unit and institution (and the province's readers).
pub async fn template(
    State(state): State<AppState>,
    Path(id): Path<String>,
    session: tower_sessions::Session,
    parts: http::request::Parts,
) -> Response {
    use axum::response::IntoResponse;
    let (_, g) = match crate::plan::reader::scoped(&state, &id, session, &parts).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    let lectures = async {
        let mut conn = state.db.pool.acquire().await?;
        super::repo::lectures(&mut conn, g.id).await
    }
    .await;
    let lectures = match lectures {
        Ok(l) => l,
        Err(e) => return crate::error::AppError::from(e).status().into_response(),
    };
    crate::server::download::workbook(
        workbook(&g.topic, &lectures),
        &format!("spending-{}.xlsx", g.id),
        &format!("经费支出-{}.xlsx", g.topic),
        "spending template",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::LecturerTitle;

    fn lectures() -> Vec<Lecture> {
        let l = |course_id, day: &str, course: &str, lecturer: &str| Lecture {
            course_id,
            lecturer_id: 7,
            day: day.into(),
            course: course.into(),
            lecturer: lecturer.into(),
            hours: 4,
            title: LecturerTitle::FullSenior,
        };
        vec![
            l(1, "2026-05-12 08:30", "桥隧检测新技术", "王建华"),
            l(2, "2026-05-13 08:30", "养护决策", "李明"),
            l(3, "2026-05-14 08:30", "养护决策", "李明"),
        ]
    }

    fn csv(body: &str) -> Vec<u8> {
        body.as_bytes().to_vec()
    }

    #[test]
    fn a_finance_sheet_with_a_title_other_names_and_a_total_row_is_read() {
        let sheet = csv("某某项目经费支出明细表\n\
             序号,费用名称,授课内容,主讲人,金额（元）,经费来源,备注\n\
             1,讲课费,桥隧检测新技术,王建华,\"4,000.00\",财政拨款,税后\n\
             2,餐费,,,１２００.５,单位自筹,\n\
             ,合计,,,5200.50,,\n");
        let parsed = read(&sheet).unwrap();
        let lines = parsed.lines(&lectures()).unwrap();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].lecture, Some((1, 7)));
        assert_eq!(lines[0].amount.fen(), 400_000);
        assert_eq!(lines[1].category, ExpenseCategory::Meals);
        assert_eq!(lines[1].source, FundingSource::Unit);
        assert_eq!(lines[1].amount.fen(), 120_050);
    }

    #[test]
    fn every_bad_row_is_named_and_nothing_is_taken() {
        let sheet = csv("支出科目,课程,授课专家,金额,资金来源\n\
             礼品费,,,100,政府\n\
             讲课费,不存在的课,王建华,100,政府\n\
             讲课费,养护决策,李明,100,政府\n\
             住宿费,,,12.345,学员\n");
        let parsed = read(&sheet).unwrap_err();
        let found: Vec<(u32, &str)> = parsed.iter().map(|e| (e.row, e.field.as_str())).collect();
        assert_eq!(found, [(2, "category"), (5, "source"), (5, "amount")]);
        let sheet = csv("支出科目,课程,授课专家,金额,资金来源\n\
             讲课费,不存在的课,王建华,100,政府\n\
             讲课费,养护决策,李明,100,政府\n");
        let e = read(&sheet).unwrap().lines(&lectures()).unwrap_err();
        let problems: Vec<(u32, Problem)> = e.into_iter().map(|e| (e.row, e.problem)).collect();
        assert_eq!(
            problems,
            [(2, Problem::NotInSchedule), (3, Problem::ManyInSchedule)]
        );
    }

    #[test]
    fn a_lecture_fee_in_a_sheet_without_a_course_column_names_the_column() {
        use crate::i18n::{row_error_text, Locale};
        let sheet = csv("支出科目,金额,资金来源\n住宿费,100,政府\n讲课费,100,政府\n");
        let e = read(&sheet).unwrap().lines(&lectures()).unwrap_err();
        assert_eq!((e[0].row, e[0].field.as_str()), (3, "course"));
        let said = row_error_text(
            e[0].row,
            &e[0].column,
            &e[0].field,
            &e[0].problem,
            Locale::Zh,
        );
        assert!(said.starts_with("第 3 行 课程"), "{said}");
        assert!(!said.contains("名单"), "{said}");
    }

    #[test]
    fn a_number_cell_is_taken_to_the_fen() {
        assert_eq!(amount(&Cell::Number(0.1 + 0.2), "").unwrap().fen(), 30);
        assert_eq!(
            amount(&Cell::Number(12.345), ""),
            Err(Problem::TooManyDecimals)
        );
        assert_eq!(amount(&Cell::Number(0.0), ""), Err(Problem::Required));
    }
}
