//! 学员满意度测评统计表: a programme's survey statistics as the Excel
//! table the closing materials (Art. 8) carry. Only from five answers up,
//! like the page.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use rust_xlsxwriter::{Format, FormatBorder, Workbook, XlsxError};

use super::{Figures, SurveyView};
use crate::domain::survey::SCALE;
use crate::error::AppError;
use crate::plan::ProgrammeView;
use crate::server::AppState;

pub const TITLE: &str = "学员满意度测评统计表";

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
        let today = crate::domain::shanghai_date(caller.now()).to_string();
        super::api::ssr::view(&mut conn, g.clone(), false, &today).await
    }
    .await;
    let v = match found {
        Ok(v) => v,
        Err(e) => return e.status().into_response(),
    };
    if v.stats.is_none() {
        return AppError::WrongState.status().into_response();
    }
    crate::server::download::workbook(
        workbook(&g, &v),
        &format!("survey-{programme}.xlsx"),
        &format!("{TITLE}-{}.xlsx", g.topic),
        "survey",
    )
}

pub fn workbook(g: &ProgrammeView, v: &SurveyView) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("满意度测评统计")?;
    let crate::server::download::SheetLook { title, head, cell } =
        crate::server::download::sheet_look();
    let mean = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("0.00");
    let share = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("0.0%");
    let bold = Format::new().set_bold();
    sheet.merge_range(0, 0, 0, 9, TITLE, &title)?;
    sheet.write_string(1, 0, format!("项目名称：{}", g.topic))?;
    sheet.write_string(
        2,
        0,
        format!(
            "承办机构：{}　举办时间：{} 至 {}",
            g.institution_name, g.start_date, g.end_date
        ),
    )?;
    sheet.write_string(
        3,
        0,
        format!(
            "有效答卷：{} 份　录取学员：{} 人　答卷率：{}　问卷版本：v{}",
            v.answered,
            v.admitted,
            rate(v.answered, v.admitted),
            v.version
        ),
    )?;
    let mut headers = vec![
        "序号".to_owned(),
        "测评项目".to_owned(),
        "答卷数".to_owned(),
        "平均分".to_owned(),
        "满意率（4–5分）".to_owned(),
    ];
    headers.extend(
        (1..=5)
            .rev()
            .map(|s| format!("{}（{s}分）", SCALE[s - 1].0)),
    );
    let mut r = 5;
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(r, c as u16, h, &head)?;
    }
    let stats = v.stats.as_deref().unwrap_or_default();
    let mut n = 0;
    for s in stats {
        let Figures::Score(f) = &s.figures else {
            continue;
        };
        r += 1;
        n += 1;
        let label = if crate::domain::survey::is_lecturer(&s.item.key) {
            format!("授课专家评价：{}", s.item.text.zh)
        } else {
            s.item.text.zh.clone()
        };
        sheet.write_number_with_format(r, 0, n as f64, &cell)?;
        sheet.write_string_with_format(r, 1, &label, &cell)?;
        sheet.write_number_with_format(r, 2, f.count as f64, &cell)?;
        if f.count > 0 {
            sheet.write_number_with_format(r, 3, f.sum as f64 / f.count as f64, &mean)?;
            let satisfied = (f.by_score[3] + f.by_score[4]) as f64 / f.count as f64;
            sheet.write_number_with_format(r, 4, satisfied, &share)?;
        }
        for (i, score) in (1..=5).rev().enumerate() {
            sheet.write_number_with_format(r, 5 + i as u16, f.by_score[score - 1] as f64, &cell)?;
        }
    }
    for s in stats {
        match &s.figures {
            Figures::Choice(counts) => {
                r += 2;
                sheet.write_string_with_format(r, 1, &s.item.text.zh, &bold)?;
                r += 1;
                for (c, h) in [(1, "选项"), (2, "人数"), (4, "占比")] {
                    sheet.write_string_with_format(r, c, h, &head)?;
                }
                let total: i64 = counts.iter().sum();
                for (o, count) in s.item.options.iter().zip(counts) {
                    r += 1;
                    sheet.write_string_with_format(r, 1, &o.zh, &cell)?;
                    sheet.write_number_with_format(r, 2, *count as f64, &cell)?;
                    if total > 0 {
                        sheet.write_number_with_format(
                            r,
                            4,
                            *count as f64 / total as f64,
                            &share,
                        )?;
                    }
                }
            }
            Figures::Text(texts) => {
                r += 2;
                sheet.write_string_with_format(
                    r,
                    1,
                    format!("{}（不显示作者）", s.item.text.zh),
                    &bold,
                )?;
                for t in texts {
                    r += 1;
                    // Typed by trainees: written as text, never a formula.
                    sheet.write_string_with_format(r, 1, t, &cell)?;
                }
            }
            Figures::Score(_) => {}
        }
    }
    r += 3;
    sheet.write_string(r, 1, "填报单位（盖章）：")?;
    sheet.write_string(r, 5, "填报日期：　　年　　月　　日")?;
    // One page wide, landscape, as it is filed with the closing materials.
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(5, 5)?;
    for (c, w) in [6.0, 44.0, 8.0, 8.0, 12.0, 10.0, 10.0, 10.0, 10.0, 10.0]
        .iter()
        .enumerate()
    {
        sheet.set_column_width(c as u16, *w)?;
    }
    book.save_to_buffer()
}

/// "83.3%" of `n` in `of`, rounded half up; "—" of none.
fn rate(n: i64, of: i64) -> String {
    if of == 0 {
        return "—".to_owned();
    }
    let tenths = (n * 2000 + of) / (of * 2);
    format!("{}.{}%", tenths / 10, tenths % 10)
}
