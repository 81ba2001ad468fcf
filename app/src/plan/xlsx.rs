//! The annual plan as an Excel file, in the layout such plans are usually
//! circulated in: a title row, then one row per programme.

use rust_xlsxwriter::{Workbook, XlsxError};

use super::PublicPlan;

pub const HEADERS: [&str; 8] = [
    "序号",
    "项目名称",
    "申报单位",
    "承办机构",
    "举办时间",
    "举办地点",
    "培训人数",
    "学时",
];

pub fn title(year: i32) -> String {
    format!("{year}年度河北省专业技术人才知识更新工程高级研修项目计划")
}

pub fn plan_workbook(plan: &PublicPlan) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(format!("{}年度计划", plan.year))?;
    let crate::server::download::SheetLook {
        title: title_format,
        head,
        cell,
    } = crate::server::download::sheet_look();
    sheet.merge_range(0, 0, 0, 7, &title(plan.year), &title_format)?;
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string_with_format(1, c as u16, *h, &head)?;
    }
    for (i, p) in plan.programmes.iter().enumerate() {
        let r = i as u32 + 2;
        sheet.write_number_with_format(r, 0, p.serial as f64, &cell)?;
        sheet.write_string_with_format(r, 1, &p.topic, &cell)?;
        sheet.write_string_with_format(r, 2, &p.unit_name, &cell)?;
        sheet.write_string_with_format(r, 3, &p.institution_name, &cell)?;
        let dates = format!("{} 至 {}", p.start_date, p.end_date);
        sheet.write_string_with_format(r, 4, &dates, &cell)?;
        sheet.write_string_with_format(r, 5, &p.place, &cell)?;
        sheet.write_number_with_format(r, 6, p.trainees as f64, &cell)?;
        sheet.write_number_with_format(r, 7, p.class_hours as f64, &cell)?;
    }
    for (c, w) in [6.0, 40.0, 30.0, 30.0, 26.0, 16.0, 10.0, 8.0]
        .iter()
        .enumerate()
    {
        sheet.set_column_width(c as u16, *w)?;
    }
    book.save_to_buffer()
}

/// `GET /plan/{year}/xlsx`: public, like the plan page. Not a server
/// function, so a plain link downloads it.
pub async fn download(
    axum::extract::State(state): axum::extract::State<crate::server::AppState>,
    axum::extract::Path(year): axum::extract::Path<i32>,
) -> axum::response::Response {
    use axum::http::StatusCode;
    use axum::response::IntoResponse;

    let plan = async {
        let mut conn = state.db.pool.acquire().await?;
        let years = super::repo::published_years(&mut conn).await?;
        let today = crate::domain::shanghai_date(state.clock.now()).to_string();
        super::repo::public_plan(&mut conn, year, &years, &today).await
    }
    .await;
    let bytes = match plan {
        Ok(Some(plan)) => plan_workbook(&plan).map_err(|e| e.to_string()),
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(e) => Err(e.to_string()),
    };
    match bytes {
        Ok(bytes) => crate::server::download::file(
            crate::server::download::XLSX,
            &format!("gaoyan-plan-{year}.xlsx"),
            None,
            bytes,
        ),
        Err(e) => {
            tracing::error!(error = %e, "plan workbook");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
