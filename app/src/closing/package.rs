//! `GET /programmes/{id}/closing/{version}/package.zip`: one version of
//! the closing materials as the province files them (Art. 8): a cover
//! sheet listing the parts, the summary report, the trainee list and the
//! satisfaction statistics from the system's records, the final expense
//! account from the lines the version froze, the stamped scan and the
//! other attachments sent with it. For every reader of the programme;
//! audited, as the trainee list names people.

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;

use super::cover::{self, Cover};
use super::{repo, FileKind, VersionView};
use crate::auth::guard::Caller;
use crate::error::AppError;
use crate::i18n::{closing_status_key, Locale};
use crate::plan::ProgrammeView;
use crate::server::zip::{portable, Entry, Source};
use crate::server::AppState;

pub async fn download(
    State(state): State<AppState>,
    Path((id, version)): Path<(String, String)>,
    session: tower_sessions::Session,
    parts: http::request::Parts,
) -> Response {
    let Ok(version) = version.parse::<i64>() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let (caller, g) = match crate::plan::reader::scoped(&state, &id, session, &parts).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    // Each ZIP holds a thread while it is made and written; a few at once.
    let Some(turn) = crate::server::zip::turn(&state.transfers.zips).await else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    let programme = g.id;
    let topic = g.topic.clone();
    let (turn, entries) = match parts_of(&state, &caller, g, version, turn).await {
        Ok(e) => e,
        Err(e) => return e.status().into_response(),
    };
    let pool = state.db.pool.clone();
    let handle = tokio::runtime::Handle::current();
    let read = move |key: &str| {
        let file: i64 = key.parse().map_err(|_| AppError::Internal)?;
        handle.block_on(async {
            let mut conn = pool.acquire().await?;
            repo::file(&mut conn, file)
                .await?
                .map(|(_, _, bytes)| Bytes::from(bytes))
                .ok_or(AppError::NotFound)
        })
    };
    let body = crate::server::zip::stream(turn, entries, read, "closing package");
    let disposition = crate::server::download::disposition(
        &format!("closing-{programme}-v{version}.zip"),
        Some(&format!("结项材料-{}-第{version}版.zip", portable(&topic))),
    );
    (
        [
            (header::CONTENT_TYPE, "application/zip".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response()
}

/// The package's entries, in order, the cover first; the download is
/// audited once they are known.
async fn parts_of(
    state: &AppState,
    caller: &Caller,
    g: ProgrammeView,
    version: i64,
    turn: tokio::sync::OwnedSemaphorePermit,
) -> Result<(tokio::sync::OwnedSemaphorePermit, Vec<Entry>), AppError> {
    let now = caller.now();
    let programme = g.id;
    let today = crate::domain::shanghai_date(now).to_string();
    let mut conn = state.db.pool.acquire().await?;
    let x = repo::versions(&mut conn, g.id)
        .await?
        .into_iter()
        .find(|v| v.version == version)
        .ok_or(AppError::NotFound)?;
    let account: crate::spending::SpendingView = serde_json::from_str(
        &repo::account(&mut conn, x.id)
            .await?
            .ok_or(AppError::NotFound)?,
    )
    .map_err(|_| AppError::Internal)?;
    let files: Vec<_> = repo::files(&mut conn, g.id)
        .await?
        .into_iter()
        .filter(|f| f.version == Some(version))
        .collect();
    let sent: Vec<String> = files.iter().map(|f| format!("#{}", f.id)).collect();
    let results = crate::assessment::results(&mut conn, caller, g.clone()).await?;
    let survey = crate::survey::survey_view(&mut conn, g.clone(), false, &today).await?;
    drop(conn);

    let made_by = caller.user.display_name.clone();
    let font_path = state.config.pdf_font.clone();
    // The turn goes with the drawing, so that a request given up midway
    // still counts until the thread is done.
    let made = tokio::task::spawn_blocking(move || {
        let turn = turn;
        let font = crate::server::pdf::Font::load(&font_path).map_err(|e| e.to_string())?;
        let xlsx = |r: Result<Vec<u8>, rust_xlsxwriter::XlsxError>| r.map_err(|e| e.to_string());
        let mut made: Vec<(String, String, Vec<u8>)> = vec![
            (
                "01-总结报告.pdf".to_owned(),
                "总结报告".to_owned(),
                cover::summary(font, &g.topic, version, &x.summary).map_err(|e| e.to_string())?,
            ),
            (
                "02-学员名单.xlsx".to_owned(),
                "学员名单（系统生成）".to_owned(),
                xlsx(super::sheets::trainees(&results))?,
            ),
        ];
        if survey.stats.is_some() {
            made.push((
                format!("03-{}.xlsx", crate::survey::xlsx::TITLE),
                "学员满意度测评统计（系统生成）".to_owned(),
                xlsx(crate::survey::xlsx::workbook(&g, &survey))?,
            ));
        }
        made.push((
            "04-经费决算表.xlsx".to_owned(),
            format!("经费决算表（按第{version}版提交时的经费明细生成）"),
            xlsx(super::sheets::account(&account, version))?,
        ));
        let stored = stored_parts(&files);
        let mut listed: Vec<(String, String, Option<usize>)> = vec![(
            "00-封面.pdf".to_owned(),
            "封面及材料清单（本页）".to_owned(),
            None,
        )];
        listed.extend(
            made.iter()
                .map(|(n, w, b)| (n.clone(), w.clone(), Some(b.len()))),
        );
        listed.extend(
            stored
                .iter()
                .map(|(n, w, _, size)| (n.clone(), w.clone(), Some(*size))),
        );
        let facts = facts(&g, &x, survey.stats.is_some(), survey.answered);
        let sheet = Cover {
            facts,
            parts: listed,
            made_by,
            made_at: now,
        };
        let front = cover::cover(font, &g.topic, &sheet).map_err(|e| e.to_string())?;
        let mut entries = vec![Entry {
            name: "00-封面.pdf".to_owned(),
            source: Source::Made(Bytes::from(front)),
            at: now,
        }];
        entries.extend(made.into_iter().map(|(name, _, bytes)| Entry {
            name,
            source: Source::Made(Bytes::from(bytes)),
            at: now,
        }));
        entries.extend(stored.into_iter().map(|(name, _, id, _)| Entry {
            name,
            source: Source::Stored(id.to_string()),
            at: x.submitted_at,
        }));
        Ok::<_, String>((turn, entries))
    })
    .await
    .map_err(|e| e.to_string())
    .and_then(|r| r);
    let (turn, entries) = match made {
        Ok(e) => e,
        Err(e) => {
            tracing::error!(error = %e, programme, "closing package");
            return Err(AppError::Internal);
        }
    };

    let mut tx = state.db.write().await?;
    caller
        .audit(
            &mut tx,
            "closing_package_downloaded",
            "programme",
            programme,
            &format!(
                "v{version}; {} parts; files {}",
                entries.len(),
                sent.join(",")
            ),
            now,
        )
        .await?;
    tx.commit().await?;
    Ok((turn, entries))
}

/// (name in the package, what it is, file id, size) of the files sent
/// with the version: the stamped scan, then the other attachments.
fn stored_parts(files: &[super::FileView]) -> Vec<(String, String, i64, usize)> {
    let mut out = Vec::new();
    for f in files.iter().filter(|f| f.kind == FileKind::Scan) {
        out.push((
            "05-经费决算表（盖章扫描件）.pdf".to_owned(),
            format!("经费决算表盖章扫描件（原文件名：{}）", f.file_name),
            f.id,
            f.size_bytes.max(0) as usize,
        ));
    }
    let others = files.iter().filter(|f| f.kind == FileKind::Other);
    for (i, f) in others.enumerate() {
        out.push((
            format!("06-附件{}.pdf", i + 1),
            format!("其他附件{}（原文件名：{}）", i + 1, f.file_name),
            f.id,
            f.size_bytes.max(0) as usize,
        ));
    }
    out
}

/// The cover's lines about the programme and the version.
fn facts(g: &ProgrammeView, x: &VersionView, stats: bool, answered: i64) -> Vec<(String, String)> {
    let zh = Locale::Zh;
    let yuan = crate::domain::yuan_text;
    let mut status = closing_status_key(x.status).text(zh).to_owned();
    if x.late {
        status.push_str("（逾期提交）");
    }
    let mut out = vec![
        ("项目名称".to_owned(), g.topic.clone()),
        ("申报单位".to_owned(), g.unit_name.clone()),
        ("承办机构".to_owned(), g.institution_name.clone()),
        (
            "举办时间和地点".to_owned(),
            format!("{} 至 {}，{}", g.start_date, g.end_date, g.place),
        ),
        (
            "结项材料".to_owned(),
            format!("第{}版，{status}", x.version),
        ),
        ("提交截止日期".to_owned(), x.due_date.clone()),
        (
            "提交".to_owned(),
            format!(
                "{}，{}",
                x.submitted_by,
                crate::domain::format_shanghai(x.submitted_at)
            ),
        ),
    ];
    if let (Some(by), Some(at)) = (&x.decided_by, x.decided_at) {
        out.push((
            "审核".to_owned(),
            format!("{by}，{}", crate::domain::format_shanghai(at)),
        ));
    }
    if !x.reason.is_empty() {
        out.push(("审核意见".to_owned(), x.reason.clone()));
    }
    out.push((
        "经费".to_owned(),
        format!(
            "支出 {} 笔，合计 {} 元；到位资金 {} 元",
            x.lines,
            yuan(x.spent),
            yuan(x.funds)
        ),
    ));
    if !stats {
        out.push((
            "满意度测评统计".to_owned(),
            format!(
                "未生成统计表（问卷结束且有效答卷不少于 {} 份后生成；现有 {answered} 份）",
                crate::domain::survey::MIN_ANSWERS_FOR_STATS
            ),
        ));
    }
    out
}
