//! Papers going out: one version (`GET /papers/{id}`), for its trainee or a
//! reader in whose scope the programme is; or every trainee's last version
//! as one ZIP (`GET /programmes/{id}/papers.zip`), written as it streams
//! out, one file in memory at a time. Staff downloads are audited.

use std::io::Write;

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
    // Each ZIP holds a thread while it is written; a few at once.
    let Ok(turn) = state.transfers.zips.clone().try_acquire_owned() else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    let listed = async {
        let mut tx = state.db.write().await?;
        let g = crate::plan::repo::by_id(&mut tx, programme, Scope::of(&caller)?)
            .await?
            .ok_or(AppError::NotFound)?;
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
            key: s.key.clone(),
            at: s.receipt.submitted_at,
        })
        .collect();
    let manifest = manifest(&latest, &entries);
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    let storage = state.storage.clone();
    let handle = tokio::runtime::Handle::current();
    tokio::task::spawn_blocking(move || {
        let _turn = turn;
        let sink = std::io::BufWriter::with_capacity(64 * 1024, Channel(tx.clone()));
        let read = |key: &str| handle.block_on(storage.read(key));
        if let Err(e) = write_zip(sink, &manifest, &entries, read) {
            tracing::error!(error = %e, programme, "papers ZIP");
            // The client sees the download break off, not a whole file.
            let _ = tx.try_send(Err(std::io::Error::other("ZIP failed")));
        }
    });
    let body = Body::from_stream(futures::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    }));
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

/// One file of the ZIP: its name there, its key in the store, and when
/// it was submitted (the ZIP's modified time).
pub struct Entry {
    pub name: String,
    pub key: String,
    pub at: i64,
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

/// A name every file system accepts inside a ZIP: no path separators, no
/// characters Windows refuses, no trailing dots or spaces.
fn portable(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    clean.trim_end_matches(['.', ' ']).to_owned()
}

/// Writes the manifest and the files, stored as they are (PDF and DOCX are
/// compressed already), into a ZIP made for a stream (sizes after each
/// file).
pub fn write_zip<W: Write>(
    sink: W,
    manifest: &[u8],
    entries: &[Entry],
    mut read: impl FnMut(&str) -> Result<Bytes, AppError>,
) -> Result<(), String> {
    use zip::write::SimpleFileOptions;
    let mut zip = zip::ZipWriter::new_stream(sink);
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .large_file(false);
    let listed = match zip_time(crate::server::now()) {
        Some(t) => options.last_modified_time(t),
        None => options,
    };
    zip.start_file("清单.csv", listed)
        .map_err(|e| e.to_string())?;
    zip.write_all(manifest).map_err(|e| e.to_string())?;
    for e in entries {
        let bytes = read(&e.key).map_err(|_| format!("read {}", e.key))?;
        let options = match zip_time(e.at) {
            Some(t) => options.last_modified_time(t),
            None => options,
        };
        zip.start_file(e.name.as_str(), options)
            .map_err(|e| e.to_string())?;
        zip.write_all(&bytes).map_err(|e| e.to_string())?;
    }
    let mut sink = zip.finish().map_err(|e| e.to_string())?;
    sink.flush().map_err(|e| e.to_string())
}

/// A Unix time as the ZIP's local (Shanghai) date and time.
fn zip_time(unix: i64) -> Option<zip::DateTime> {
    use chrono::{Datelike, Timelike};
    let local =
        chrono::DateTime::from_timestamp(unix + i64::from(crate::domain::SHANGHAI_OFFSET_SECS), 0)?
            .naive_utc();
    zip::DateTime::from_date_and_time(
        u16::try_from(local.year()).ok()?,
        local.month() as u8,
        local.day() as u8,
        local.hour() as u8,
        local.minute() as u8,
        local.second() as u8,
    )
    .ok()
}

struct Channel(tokio::sync::mpsc::Sender<Result<Bytes, std::io::Error>>);

/// A reader that takes nothing for this long gives up its ZIP's thread.
const STALLED_SECS: u64 = 60;

impl Write for Channel {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        use tokio::sync::mpsc::error::TrySendError;
        let mut item = Ok(Bytes::copy_from_slice(buf));
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(STALLED_SECS);
        loop {
            match self.0.try_send(item) {
                Ok(()) => return Ok(buf.len()),
                Err(TrySendError::Closed(_)) => {
                    return Err(std::io::Error::other("download closed"))
                }
                Err(TrySendError::Full(back)) => {
                    if std::time::Instant::now() > deadline {
                        return Err(std::io::Error::other("download stalled"));
                    }
                    item = back;
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
            }
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{csv_cell, portable};

    #[test]
    fn a_typed_formula_stays_text_in_the_list() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(csv_cell("李晓燕"), "\"李晓燕\"");
    }

    #[test]
    fn zip_names_suit_every_file_system() {
        assert_eq!(portable("标题:副标题?.pdf"), "标题_副标题_.pdf");
        assert_eq!(portable("a/b\\c<d>|e*\"f"), "a_b_c_d__e__f");
        assert_eq!(portable("名字. "), "名字");
    }
}
