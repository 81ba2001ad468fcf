//! Trainee lists as Excel: the export (which the import reads back), the
//! import template, and their download routes. Reading imports is in
//! `roster`.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use serde::Deserialize;

use super::EnrollmentView;
use crate::domain::{title_examples, TraineeTitle};
use crate::i18n::{enrollment_status_key, trainee_title_key, Locale};
use crate::server::download;
use crate::server::AppState;

/// The largest trainee list accepted for import.
pub const MAX_BYTES: usize = 2 * 1024 * 1024;

/// The columns of the export and the template, as the import names them.
const COLUMNS: [&str; 8] = [
    "序号",
    "姓名",
    "性别",
    "身份证号",
    "手机号",
    "工作单位",
    "省份",
    "职称/职务",
];

const WIDTHS: [f64; 9] = [6.0, 10.0, 6.0, 22.0, 14.0, 30.0, 10.0, 14.0, 8.0];

/// The trainee list, one row per applicant or trainee. `full` gives the
/// whole identity number by enrollment id, for the reader whose role needs
/// it; everyone else gets the masked numbers of `rows`.
/// An admitted trainee's sign-in for the institution's export: the sign-in
/// name and, while the account awaits activation, its one-time code and
/// when that expires (Shanghai time).
pub struct SignIn {
    pub enrollment: i64,
    pub username: String,
    pub code: String,
    pub expires: String,
}

const SIGN_IN_COLUMNS: [&str; 3] = ["登录名", "激活码", "激活码有效期至"];

pub fn write(
    topic: &str,
    rows: &[EnrollmentView],
    full: &[(i64, String)],
    sign_ins: &[SignIn],
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("学员名单")?;
    let bold = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    sheet.write_string_with_format(0, 0, topic, &bold)?;
    let with_sign_ins = !sign_ins.is_empty();
    let extra: &[&str] = if with_sign_ins { &SIGN_IN_COLUMNS } else { &[] };
    for (c, h) in COLUMNS
        .iter()
        .chain(["状态"].iter())
        .chain(extra)
        .enumerate()
    {
        sheet.write_string_with_format(1, c as u16, *h, &bold)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 2;
        let id = full
            .iter()
            .find(|(e, _)| *e == r.id)
            .map_or(r.id_number.as_str(), |(_, n)| n.as_str());
        let gender = match r.gender {
            crate::domain::Gender::Male => "男",
            crate::domain::Gender::Female => "女",
        };
        let title = trainee_title_key(r.title_level).text(Locale::Zh);
        let status = enrollment_status_key(r.status).text(Locale::Zh);
        sheet.write_number(row, 0, (i + 1) as f64)?;
        let cells = [
            r.name.as_str(),
            gender,
            id,
            r.mobile.as_str(),
            r.employer.as_str(),
            r.province.as_str(),
            title,
            status,
        ];
        for (c, v) in cells.iter().enumerate() {
            // As text, so Excel never turns a number into 1.3E+17.
            sheet.write_string_with_format(row, c as u16 + 1, *v, &text)?;
        }
        if let Some(s) = sign_ins.iter().find(|s| s.enrollment == r.id) {
            let first = cells.len() as u16 + 1;
            for (c, v) in [&s.username, &s.code, &s.expires].iter().enumerate() {
                sheet.write_string_with_format(row, first + c as u16, v.as_str(), &text)?;
            }
        }
    }
    for (c, w) in WIDTHS.iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    if with_sign_ins {
        for c in 0..SIGN_IN_COLUMNS.len() {
            sheet.set_column_width((WIDTHS.len() + c) as u16, 18)?;
        }
    }
    book.save_to_buffer()
}

/// An empty list to fill in: the columns the import expects (formatted as
/// text, so long numbers keep their digits), and a sheet with an example
/// row and the other column names and titles the import understands. The
/// example stays off the list itself, so an unchanged template imports no
/// one.
pub fn template() -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    let sheet = book.add_worksheet();
    sheet.set_name("学员名单")?;
    sheet.write_string_with_format(0, 0, "高级研修项目学员名单（可在此行填写项目名称）", &bold)?;
    for (c, h) in COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(1, c as u16, *h, &bold)?;
    }
    for c in 0..COLUMNS.len() as u16 {
        sheet.set_column_format(c, &text)?;
    }
    for (c, w) in WIDTHS.iter().take(COLUMNS.len()).enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }

    let notes = book.add_worksheet();
    notes.set_name("填写说明")?;
    notes.set_column_width(0, 16.0)?;
    notes.set_column_width(1, 90.0)?;
    let mut row = 0;
    let mut line = |a: &str, b: &str, fmt: Option<&Format>| -> Result<(), XlsxError> {
        match fmt {
            Some(f) => notes.write_string_with_format(row, 0, a, f)?,
            None => notes.write_string(row, 0, a)?,
        };
        notes.write_string(row, 1, b)?;
        row += 1;
        Ok(())
    };
    line(
        "说明",
        "在“学员名单”表的表头下逐行填写。表头上方可有标题行；列的顺序不限；其他列（如出生日期、备注）会被忽略。导入的学员状态为“已报名”，录取需在学员页面逐一确认；已在名单中的身份证号会跳过。",
        Some(&bold),
    )?;
    line(
        "示例",
        "1 | 李晓燕 | 女 | 11010519491231002X | 13800138000 | 河北医科大学第二医院 | 河北省 | 副主任医师",
        None,
    )?;
    for c in super::roster::COLUMNS {
        let names = c.names.join("、");
        let what = match (c.field, c.required) {
            ("title" | "post", _) => "职称、职务至少一列",
            (_, true) => "必填",
            (_, false) => "可选",
        };
        line(c.names[0], &format!("{what}；列名可为：{names}"), None)?;
    }
    line("性别", "可不填：按身份证号第 17 位判断。", Some(&bold))?;
    line(
        "职称与职务",
        "可分两列（职称、职务）或合为一列（职称/职务）。只有职务、没有职称的，按管理岗位统计；既无职称也无职务的，请填“管理岗位”或级别（正高级、副高级、中级、初级）。",
        Some(&bold),
    )?;
    for level in TraineeTitle::ALL {
        let label = trainee_title_key(*level).text(Locale::Zh);
        line(label, &title_examples(*level).join("、"), None)?;
    }
    book.save_to_buffer()
}

/// Why the full identity numbers are taken out of the system.
#[derive(Debug, Default, Deserialize)]
pub struct ExportQuery {
    #[serde(default)]
    pub reason: String,
}

/// The reasons an institution may give for exporting full identity numbers.
pub const EXPORT_REASONS: [&str; 4] = ["registration", "certificates", "check_in", "other"];

/// `GET /programmes/{id}/trainees/xlsx?reason=…`: the trainee list for a
/// signed-in reader in whose scope the programme is (the same rule as
/// `list_trainees`). Full identity numbers only for the host institution,
/// which registers completions with them, only of admitted trainees, and
/// only with a reason. Every export is audited with its reader, reason and
/// address.
pub async fn download(
    State(state): State<AppState>,
    Path(programme): Path<i64>,
    Query(query): Query<ExportQuery>,
    session: tower_sessions::Session,
    parts: http::request::Parts,
) -> Response {
    use crate::auth::guard::session_caller;
    use crate::domain::Role;
    use crate::error::{AppError, Problem};

    let caller = match session_caller(session, &state, &parts).await {
        Ok(c) => c,
        Err(e) => return e.status().into_response(),
    };
    let full_ids = caller.user.role == Role::Institution;
    let reason = query.reason.trim();
    if full_ids && !EXPORT_REASONS.contains(&reason) {
        let e = AppError::field("reason", Problem::Required);
        return (
            e.status(),
            "请选择导出原因 / Choose a reason for the export",
        )
            .into_response();
    }
    let result = async {
        let mut tx = state.db.write().await?;
        let view = super::api::ssr::trainees(&mut tx, &caller, programme).await?;
        // Whole numbers only of the admitted: the register and certificates
        // need theirs; an applicant's or a declined one's are none of it.
        let full: Vec<(i64, String)> = if full_ids {
            super::repo::list(&mut tx, &state.keys, programme)
                .await?
                .into_iter()
                .filter(|r| r.status == super::EnrollmentStatus::Admitted)
                .map(|r| (r.id, r.id_number))
                .collect()
        } else {
            vec![]
        };
        // The institution's export carries each admitted trainee's sign-in
        // and any live activation code, as the slips do (codes still
        // missing are issued, as printing the slips would).
        let sign_ins = if full_ids {
            sign_ins(&mut tx, &state, &caller, programme).await?
        } else {
            vec![]
        };
        let bytes = write(&view.topic, &view.rows, &full, &sign_ins).map_err(|e| {
            tracing::error!(error = %e, "trainee workbook");
            AppError::Internal
        })?;
        let codes = sign_ins.iter().filter(|s| !s.code.is_empty()).count();
        let detail = match full_ids {
            true => format!(
                "{} rows, full id numbers, {codes} activation codes: {reason}",
                view.rows.len()
            ),
            false => format!("{} rows, masked", view.rows.len()),
        };
        caller
            .audit(
                &mut tx,
                "trainees_exported",
                "programme",
                programme,
                &detail,
                caller.now(),
            )
            .await?;
        tx.commit().await?;
        Ok::<_, AppError>(bytes)
    }
    .await;
    match result {
        Ok(bytes) => download::file(
            download::XLSX,
            &format!("gaoyan-trainees-{programme}.xlsx"),
            None,
            bytes,
        ),
        Err(e) => e.status().into_response(),
    }
}

/// `GET /templates/trainees.xlsx`: the import template, for anyone.
pub async fn template_download() -> Response {
    download::workbook(
        template(),
        "gaoyan-trainee-template.xlsx",
        "学员名单导入模板.xlsx",
        "trainee template",
    )
}

async fn sign_ins(
    tx: &mut sqlx::AnyConnection,
    state: &AppState,
    caller: &crate::auth::guard::Caller,
    programme: i64,
) -> Result<Vec<SignIn>, sqlx::Error> {
    use crate::trainee::repo::SlipKind;
    let (rows, _) =
        crate::trainee::repo::slips(tx, &state.keys, programme, caller.user.id, caller.now())
            .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let (username, code, expires) = match r.kind {
                SlipKind::Code {
                    username,
                    code,
                    expires,
                } => (
                    username,
                    code.grouped(),
                    crate::domain::format_shanghai(expires),
                ),
                SlipKind::Active { username } => (username, String::new(), String::new()),
                SlipKind::Existing => return None,
            };
            Some(SignIn {
                enrollment: r.enrollment,
                username,
                code,
                expires,
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The template as it comes imports no one; filled in, its row reads
    /// back; the export of that row imports again.
    #[test]
    fn the_template_and_the_export_read_back_through_the_import() {
        let empty = template().unwrap();
        let e = super::super::roster::read(&empty).unwrap_err();
        assert_eq!(e[0].problem, crate::error::Problem::Required);
        let filled = "学员名单\n序号,姓名,性别,身份证号,手机号,工作单位,省份,职称/职务\n\
                      1,李晓燕,女,11010519491231002X,13800138000,河北医科大学第二医院,河北省,副主任医师\n";
        let roster = super::super::roster::read(filled.as_bytes()).unwrap();
        assert_eq!(roster.rows.len(), 1);
        let a = &roster.rows[0].1;
        assert_eq!(a.title_level, TraineeTitle::AssociateSenior);
        let view = EnrollmentView {
            id: 7,
            name: a.name.as_str().into(),
            gender: a.gender,
            id_number: "1101**********002X".into(),
            mobile: a.mobile.as_str().into(),
            employer: a.employer.clone(),
            province: a.province.clone(),
            title_level: a.title_level,
            imported: true,
            status: super::super::EnrollmentStatus::Admitted,
            version: 1,
        };
        let export = write(
            "某高研班",
            &[view],
            &[(7, a.id_number.as_str().into())],
            &[],
        )
        .unwrap();
        let again = super::super::roster::read(&export).unwrap();
        assert_eq!(again.rows[0].1, *a);
    }
}
