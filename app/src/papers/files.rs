//! Papers going out: one version (`GET /papers/{id}`), for its trainee or a
//! reader in whose scope the programme is; or every trainee's last version
//! as one ZIP (`GET /programmes/{id}/papers.zip`), written as it streams
//! out, one file in memory at a time. Staff downloads are audited.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use tower_sessions::Session;

use crate::auth::guard::{session_caller, Caller};
use crate::domain::Role;
use crate::error::AppError;
use crate::plan::repo::Scope;
use crate::server::zip::{portable, Entry, Source};
use crate::server::AppState;

pub async fn one(
    State(state): State<AppState>,
    Path(id): Path<String>,
    session: Session,
    parts: http::request::Parts,
) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let caller = match session_caller(session, &state, &parts).await {
        Ok(c) => c,
        Err(e) => return e.status().into_response(),
    };
    match version(&state, &caller, id).await {
        Ok((name, kind, size, stream)) => {
            let disposition = crate::server::download::disposition(
                &format!("paper-{id}.{}", kind.extension()),
                Some(&name),
            );
            (
                [
                    (header::CONTENT_TYPE, kind.mime().to_owned()),
                    (header::CONTENT_DISPOSITION, disposition),
                    (header::CONTENT_LENGTH, size.to_string()),
                ],
                Body::from_stream(stream),
            )
                .into_response()
        }
        Err(e) => e.status().into_response(),
    }
}

type FileStream = futures::stream::BoxStream<'static, Result<Bytes, std::io::Error>>;

/// The version's name, type, size and bytes, streamed from the store; a
/// staff reader's download is audited once the file is found.
async fn version(
    state: &AppState,
    caller: &Caller,
    id: i64,
) -> Result<(String, crate::domain::paper::PaperType, u64, FileStream), AppError> {
    // Read on a pooled connection and open the stream outside any write
    // transaction: SQLite's one writer must not wait on the file store.
    let stored = {
        let mut conn = state.db.pool.acquire().await?;
        let stored = super::repo::by_id(&mut conn, id)
            .await?
            .ok_or(AppError::NotFound)?;
        if caller.user.role != Role::Trainee {
            crate::plan::repo::by_id(&mut conn, stored.programme, Scope::of(caller)?)
                .await?
                .ok_or(AppError::NotFound)?;
        } else if stored.account != Some(caller.user.id) {
            // A trainee reads only their own versions.
            return Err(AppError::NotFound);
        }
        stored
    };
    let (size, stream) = state.storage.stream(&stored.key).await?;
    if caller.user.role != Role::Trainee {
        let detail = format!("{} v{}", stored.name, stored.receipt.version);
        let mut tx = state.db.write().await?;
        caller
            .audit(
                &mut tx,
                "paper_downloaded",
                "programme",
                stored.programme,
                &detail,
                caller.now(),
            )
            .await?;
        tx.commit().await?;
    }
    Ok((stored.receipt.file_name, stored.receipt.kind, size, stream))
}

pub async fn zip(
    State(state): State<AppState>,
    Path(id): Path<String>,
    session: Session,
    parts: http::request::Parts,
) -> Response {
    let Ok(programme) = id.parse::<i64>() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let caller = match session_caller(session, &state, &parts).await {
        Ok(c) => c,
        Err(e) => return e.status().into_response(),
    };
    let found = async {
        let mut conn = state.db.pool.acquire().await?;
        crate::plan::repo::by_id(&mut conn, programme, Scope::of(&caller)?)
            .await?
            .ok_or(AppError::NotFound)
    }
    .await;
    let g = match found {
        Ok(g) => g,
        Err(e) => return e.status().into_response(),
    };
    // Each ZIP holds a thread while it is written; a few at once, taken
    // only by those who may read the papers, before the download is
    // recorded.
    let Some(turn) = crate::server::zip::turn(&state.transfers.zips).await else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    let listed = async {
        let mut tx = state.db.write().await?;
        let latest = super::repo::latest(&mut tx, programme).await?;
        let detail = format!("ZIP {}", latest.len());
        caller
            .audit(
                &mut tx,
                "papers_downloaded",
                "programme",
                programme,
                &detail,
                caller.now(),
            )
            .await?;
        tx.commit().await?;
        Ok::<_, AppError>((g.topic, latest))
    }
    .await;
    let (topic, latest) = match listed {
        Ok(l) => l,
        Err(e) => return e.status().into_response(),
    };
    let entries: Vec<Entry> = latest
        .iter()
        .map(|s| Entry {
            // The trainee's name first, so the files sort by person; the
            // enrollment keeps namesakes apart; then the version and the
            // name the file came with.
            name: format!(
                "{}-{}-v{}-{}",
                portable(&s.name),
                s.enrollment,
                s.receipt.version,
                portable(&s.receipt.file_name)
            ),
            source: Source::Stored(s.key.clone()),
            at: s.receipt.submitted_at,
        })
        .collect();
    let manifest = Entry {
        name: "清单.csv".to_owned(),
        source: Source::Made(Bytes::from(manifest(&latest, &entries))),
        at: crate::server::now(),
    };
    let entries: Vec<Entry> = std::iter::once(manifest).chain(entries).collect();
    let storage = state.storage.clone();
    let handle = tokio::runtime::Handle::current();
    let read = move |key: &str| handle.block_on(storage.read(key));
    let body = crate::server::zip::stream(turn, entries, read, "papers");
    let disposition = crate::server::download::disposition(
        &format!("papers-{programme}.zip"),
        Some(&format!("研修论文-{}.zip", portable(&topic))),
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

/// 清单.csv: who submitted what, when, with its SHA-256 (UTF-8 with a BOM,
/// so Excel reads the Chinese).
fn manifest(latest: &[super::repo::Stored], entries: &[Entry]) -> Vec<u8> {
    let mut out = "\u{feff}姓名,文件,版本,大小（字节）,SHA-256,提交时间,是否逾期\r\n".to_owned();
    for (s, e) in latest.iter().zip(entries) {
        let r = &s.receipt;
        let cells = [
            s.name.clone(),
            e.name.clone(),
            r.version.to_string(),
            r.size.to_string(),
            r.sha256.clone(),
            crate::domain::format_shanghai(r.submitted_at),
            if r.late { "延期内提交" } else { "按时" }.to_owned(),
        ];
        let quoted: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&quoted.join(","));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// A quoted CSV cell that a spreadsheet shows as text: a name typed as
/// "=HYPERLINK(…)" must not become a formula.
fn csv_cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    format!("\"{}\"", text.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::csv_cell;

    #[test]
    fn a_typed_formula_stays_text_in_the_list() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(csv_cell("李晓燕"), "\"李晓燕\"");
    }
}
