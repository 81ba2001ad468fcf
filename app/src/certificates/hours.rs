//! The continuing-education hours register (继续教育学时登记): a year's
//! valid certificates as Excel, one row per trainee with name, identity
//! number, employer, programme, its class hours and those attended,
//! certificate number and dates. The identity numbers are masked unless the admin gives a reason;
//! every export is audited with its reader, reason and address.

use leptos::prelude::*;

use super::CertificateYear;
use crate::error::AppError;

/// The reasons the admin may give for exporting whole identity numbers.
pub const EXPORT_REASONS: [&str; 4] = ["ce_register", "title_review", "inspection", "other"];

/// The years with certificates, newest first.
#[server(endpoint = "certificate_years")]
pub async fn certificate_years() -> Result<Vec<CertificateYear>, AppError> {
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::CERTIFICATE_YEARS).await?;
    let mut conn = caller.state.db.pool.acquire().await?;
    Ok(super::repo::years(&mut conn).await?)
}

#[cfg(feature = "ssr")]
pub use ssr::download;

#[cfg(feature = "ssr")]
mod ssr {
    use axum::extract::{Path, Query, State};
    use axum::response::{IntoResponse, Response};
    use rust_xlsxwriter::{Workbook, XlsxError};
    use serde::Deserialize;

    use super::super::repo::{self, Completion};
    use super::EXPORT_REASONS;
    use crate::auth::guard::session_caller;
    use crate::domain::{mask_id, shanghai_date, Role};
    use crate::error::{AppError, Problem};
    use crate::server::download;
    use crate::server::AppState;

    const COLUMNS: [(&str, f64); 10] = [
        ("序号", 6.0),
        ("姓名", 10.0),
        ("身份证号", 22.0),
        ("工作单位", 28.0),
        ("项目名称", 36.0),
        ("项目学时", 8.0),
        ("出勤学时", 8.0),
        ("证书编号", 26.0),
        ("结业日期", 12.0),
        ("发证日期", 12.0),
    ];

    #[derive(Debug, Default, Deserialize)]
    pub struct ExportQuery {
        #[serde(default)]
        reason: String,
    }

    /// `GET /admin/certificates/{year}.xlsx[?reason=…]`: for the admin,
    /// with whole identity numbers when a reason is given; for the admin
    /// without one and for inspectors, masked.
    pub async fn download(
        State(state): State<AppState>,
        Path(file): Path<String>,
        Query(query): Query<ExportQuery>,
        session: tower_sessions::Session,
        parts: http::request::Parts,
    ) -> Response {
        let Some(year) = file
            .strip_suffix(".xlsx")
            .and_then(|y| crate::domain::parse_year(y).ok())
        else {
            return axum::http::StatusCode::NOT_FOUND.into_response();
        };
        let caller = match session_caller(session, &state, &parts).await {
            Ok(c) => c,
            Err(e) => return e.status().into_response(),
        };
        if !matches!(caller.user.role, Role::Admin | Role::Inspector) {
            return AppError::Forbidden.status().into_response();
        }
        let reason = query.reason.trim();
        let full = !reason.is_empty();
        if full && (caller.user.role != Role::Admin || !EXPORT_REASONS.contains(&reason)) {
            let e = AppError::field("reason", Problem::InvalidChoice);
            return (
                e.status(),
                "请选择导出原因 / Choose a reason for the export",
            )
                .into_response();
        }
        // Read and written outside any write transaction (SQLite's one
        // writer must not wait on decryption and the workbook); the audit
        // is a short transaction of its own, and the file goes out only
        // once it is recorded.
        let result = async {
            let mut conn = state.db.pool.acquire().await?;
            let rows = repo::of_year(&mut conn, year).await?;
            drop(conn);
            let mut ids = Vec::with_capacity(rows.len());
            for r in &rows {
                let id = match &r.id_number_sealed {
                    Some(sealed) => state.keys.open_column(sealed)?,
                    None => String::new(),
                };
                ids.push(if full { id } else { mask_id(&id) });
            }
            let bytes = workbook(year, &rows, &ids, full).map_err(|e| {
                tracing::error!(error = %e, "continuing-education workbook");
                AppError::Internal
            })?;
            let detail = match full {
                true => format!("{year}: {} rows, full id numbers: {reason}", rows.len()),
                false => format!("{year}: {} rows, masked", rows.len()),
            };
            let mut tx = state.db.write().await?;
            caller
                .audit(
                    &mut tx,
                    "completions_exported",
                    "year",
                    i64::from(year),
                    &detail,
                    caller.now(),
                )
                .await?;
            tx.commit().await?;
            Ok::<_, AppError>(bytes)
        }
        .await;
        match result {
            Ok(bytes) => {
                let (fallback, name) = match full {
                    true => (
                        format!("continuing-education-{year}-full-ids.xlsx"),
                        format!("继续教育学时登记-{year}-完整身份证号.xlsx"),
                    ),
                    false => (
                        format!("continuing-education-{year}.xlsx"),
                        format!("继续教育学时登记-{year}.xlsx"),
                    ),
                };
                download::file(download::XLSX, &fallback, Some(&name), bytes)
            }
            Err(e) => e.status().into_response(),
        }
    }

    fn workbook(
        year: i32,
        rows: &[Completion],
        ids: &[String],
        full: bool,
    ) -> Result<Vec<u8>, XlsxError> {
        let look = download::sheet_look();
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name(format!("{year}年结业学员"))?;
        let last = COLUMNS.len() as u16 - 1;
        sheet.merge_range(
            0,
            0,
            0,
            last,
            &match full {
                // Whole numbers say so on the sheet, so a copy is not
                // mistaken for the masked one.
                true => {
                    format!("{year}年度高级研修项目继续教育学时登记表（含完整身份证号，注意保密）")
                }
                false => format!("{year}年度高级研修项目继续教育学时登记表"),
            },
            &look.title,
        )?;
        for (col, (head, width)) in COLUMNS.iter().enumerate() {
            sheet.write_string_with_format(1, col as u16, *head, &look.head)?;
            sheet.set_column_width(col as u16, *width)?;
        }
        // Identity numbers and certificate numbers stay text: Excel would
        // round an 18-digit number.
        let text = look.cell.clone().set_num_format("@");
        for (i, (r, id)) in rows.iter().zip(ids).enumerate() {
            let row = i as u32 + 2;
            sheet.write_number_with_format(row, 0, (i + 1) as f64, &look.cell)?;
            sheet.write_string_with_format(row, 1, &r.name, &look.cell)?;
            sheet.write_string_with_format(row, 2, id, &text)?;
            sheet.write_string_with_format(row, 3, &r.employer, &look.cell)?;
            sheet.write_string_with_format(row, 4, &r.topic, &look.cell)?;
            sheet.write_number_with_format(row, 5, r.class_hours as f64, &look.cell)?;
            match r.attended {
                Some(h) => sheet.write_number_with_format(row, 6, h as f64, &look.cell)?,
                None => sheet.write_blank(row, 6, &look.cell)?,
            };
            sheet.write_string_with_format(row, 7, &r.number, &text)?;
            sheet.write_string_with_format(row, 8, &r.end_date, &look.cell)?;
            let issued = shanghai_date(r.issued_at).to_string();
            sheet.write_string_with_format(row, 9, &issued, &look.cell)?;
        }
        sheet.set_freeze_panes(2, 2)?;
        book.save_to_buffer()
    }
}
