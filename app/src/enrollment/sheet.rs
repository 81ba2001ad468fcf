//! Trainee lists as Excel: reading an import (every bad row reported) and
//! writing the export.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::input::{self, Applicant};
use super::EnrollmentView;
use crate::error::{Problem, RowError};

pub const HEADERS: [&str; 7] = [
    "姓名",
    "性别",
    "身份证号",
    "手机号",
    "工作单位",
    "省份",
    "职称/职务",
];
pub const MAX_ROWS: usize = 500;
pub const MAX_BYTES: usize = 2 * 1024 * 1024;

fn text(c: &Data) -> String {
    match c {
        Data::Float(f) if f.fract() == 0.0 => format!("{f:.0}"),
        Data::Int(i) => i.to_string(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// Every row after the header, parsed; or every problem, by sheet row.
/// `taken` are identity numbers already in the programme.
pub fn read(bytes: &[u8], taken: &[String]) -> Result<Vec<Applicant>, Vec<RowError>> {
    let whole = |problem| {
        vec![RowError {
            row: 0,
            field: "file".into(),
            problem,
        }]
    };
    let mut book =
        Xlsx::new(Cursor::new(bytes.to_vec())).map_err(|_| whole(Problem::InvalidChoice))?;
    let range = match book.worksheet_range_at(0) {
        Some(Ok(r)) => r,
        _ => return Err(whole(Problem::InvalidChoice)),
    };
    let mut rows = range.rows();
    let header: Vec<String> = rows
        .next()
        .map(|r| r.iter().map(text).collect())
        .unwrap_or_default();
    if header
        .iter()
        .map(String::as_str)
        .take(7)
        .collect::<Vec<_>>()
        != HEADERS
    {
        return Err(whole(Problem::InvalidChoice));
    }
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let mut seen: Vec<String> = taken.to_vec();
    for (i, r) in rows.enumerate() {
        let row = i as u32 + 2;
        let cells: Vec<String> = (0..7)
            .map(|c| r.get(c).map(text).unwrap_or_default())
            .collect();
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let values: [&str; 7] = std::array::from_fn(|c| cells[c].as_str());
        match input::parse(values) {
            Ok(a) if seen.iter().any(|s| s == a.id_number.as_str()) => errors.push(RowError {
                row,
                field: "id_number".into(),
                problem: Problem::Taken,
            }),
            Ok(a) => {
                seen.push(a.id_number.as_str().to_owned());
                out.push(a);
            }
            Err(list) => errors.extend(list.into_iter().map(|e| RowError {
                row,
                field: e.field,
                problem: e.problem,
            })),
        }
    }
    if out.len() + errors.len() > MAX_ROWS {
        return Err(whole(Problem::TooLarge));
    }
    if out.is_empty() && errors.is_empty() {
        return Err(whole(Problem::Required));
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// The trainee list; `full_ids` when the reader's role needs them.
pub fn write(
    topic: &str,
    rows: &[EnrollmentView],
    full: &[(i64, String)],
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("学员名单")?;
    let bold = Format::new().set_bold();
    sheet.write_string_with_format(0, 0, topic, &bold)?;
    let headers = [
        "序号",
        "姓名",
        "性别",
        "身份证号",
        "手机号",
        "工作单位",
        "省份",
        "职称/职务",
        "状态",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(1, c as u16, *h, &bold)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 2;
        let id = full
            .iter()
            .find(|(e, _)| *e == r.id)
            .map_or(r.id_number.clone(), |(_, n)| n.clone());
        let gender = match r.gender {
            crate::domain::Gender::Male => "男",
            crate::domain::Gender::Female => "女",
        };
        let title = crate::i18n::trainee_title_key(r.title_level).text(crate::i18n::Locale::Zh);
        let status = crate::i18n::enrollment_status_key(r.status).text(crate::i18n::Locale::Zh);
        let cells = [
            r.name.as_str(),
            gender,
            id.as_str(),
            r.mobile.as_str(),
            r.employer.as_str(),
            r.province.as_str(),
            title,
            status,
        ];
        sheet.write_number(row, 0, (i + 1) as f64)?;
        for (c, v) in cells.iter().enumerate() {
            sheet.write_string(row, c as u16 + 1, *v)?;
        }
    }
    for (c, w) in [6.0, 10.0, 6.0, 22.0, 14.0, 30.0, 10.0, 12.0, 8.0]
        .iter()
        .enumerate()
    {
        sheet.set_column_width(c as u16, *w)?;
    }
    book.save_to_buffer()
}

/// `GET /programmes/{id}/trainees/xlsx`: the trainee list for a signed-in
/// reader in whose scope the programme is (the same rule as
/// `list_trainees`). Full identity numbers only for the host institution,
/// which registers completions with them.
pub async fn download(
    axum::extract::State(state): axum::extract::State<crate::server::AppState>,
    axum::extract::Path(programme): axum::extract::Path<i64>,
    session: tower_sessions::Session,
) -> axum::response::Response {
    use axum::response::IntoResponse;

    use crate::auth::guard::session_caller;
    use crate::domain::Role;

    let caller = match session_caller(session, &state).await {
        Ok(c) => c,
        Err(e) => return e.status().into_response(),
    };
    let full_ids = caller.user.role == Role::Institution;
    let result = async {
        let mut conn = state.db.pool.acquire().await?;
        let view = super::api::ssr::trainees(&mut conn, &caller, programme).await?;
        let full: Vec<(i64, String)> = if full_ids {
            super::repo::list(&mut conn, programme)
                .await?
                .into_iter()
                .map(|r| (r.id, r.id_number))
                .collect()
        } else {
            vec![]
        };
        write(&view.topic, &view.rows, &full).map_err(|e| {
            tracing::error!(error = %e, "trainee workbook");
            crate::error::AppError::Internal
        })
    }
    .await;
    match result {
        Ok(bytes) => crate::server::download::file(
            crate::server::download::XLSX,
            &format!("gaoyan-trainees-{programme}.xlsx"),
            None,
            bytes,
        ),
        Err(e) => e.status().into_response(),
    }
}
