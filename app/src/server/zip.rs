//! ZIP downloads written as they stream out, one file in memory at a time,
//! on a blocking thread that holds one of the few turns for ZIPs. Files
//! are stored as they are: PDFs, DOCX and XLSX are compressed already.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use bytes::Bytes;
use tokio::sync::OwnedSemaphorePermit;

use crate::error::AppError;

/// Where an entry's bytes come from.
pub enum Source {
    /// Made for this download (a list, a cover sheet, a workbook).
    Made(Bytes),
    /// Read when its turn comes, by the download's own reader.
    Stored(String),
}

/// One file of the ZIP: its name there, its bytes, and its modified time
/// (Unix seconds, shown in Shanghai time).
pub struct Entry {
    pub name: String,
    pub source: Source,
    pub at: i64,
}

/// The ZIP of `entries` as a response body. `read` runs on the blocking
/// thread (it may `block_on` the runtime's handle); `what` names the ZIP
/// in the log if it breaks off.
pub fn stream(
    turn: OwnedSemaphorePermit,
    entries: Vec<Entry>,
    read: impl FnMut(&str) -> Result<Bytes, AppError> + Send + 'static,
    what: &'static str,
) -> Body {
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    let whole = Arc::new(AtomicBool::new(false));
    let written = whole.clone();
    tokio::task::spawn_blocking(move || {
        let _turn = turn;
        // Held until the outcome is known: the body sees the end of the
        // stream only after the flag says whether the ZIP is whole.
        let _open = tx.clone();
        let channel = Channel {
            tx,
            until: Instant::now() + Duration::from_secs(MAX_SECS),
        };
        let sink = std::io::BufWriter::with_capacity(CHUNK, channel);
        match write(sink, &entries, read) {
            Ok(()) => written.store(true, Ordering::Release),
            Err(e) => tracing::error!(error = %e, what, "ZIP"),
        }
    });
    // A ZIP that broke off ends the body with an error, so the client sees
    // a failed download rather than a short file that looks whole.
    Body::from_stream(futures::stream::unfold(
        (rx, whole, false),
        |(mut rx, whole, over)| async move {
            if over {
                return None;
            }
            match rx.recv().await {
                Some(item) => Some((item, (rx, whole, false))),
                None if whole.load(Ordering::Acquire) => None,
                None => Some((
                    Err(std::io::Error::other("ZIP broke off")),
                    (rx, whole, true),
                )),
            }
        },
    ))
}

/// A turn to write a ZIP, waiting a little for one to come free.
pub async fn turn(zips: &Arc<tokio::sync::Semaphore>) -> Option<OwnedSemaphorePermit> {
    tokio::time::timeout(Duration::from_secs(10), zips.clone().acquire_owned())
        .await
        .ok()
        .and_then(Result::ok)
}

/// Writes the entries in order into a ZIP made for a stream (sizes after
/// each file).
pub fn write<W: Write>(
    sink: W,
    entries: &[Entry],
    mut read: impl FnMut(&str) -> Result<Bytes, AppError>,
) -> Result<(), String> {
    use zip::write::SimpleFileOptions;
    let mut zip = zip::ZipWriter::new_stream(sink);
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .large_file(false);
    for e in entries {
        let bytes = match &e.source {
            Source::Made(b) => b.clone(),
            Source::Stored(key) => read(key).map_err(|_| format!("read {key}"))?,
        };
        let options = match time(e.at) {
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

/// A name every file system accepts inside a ZIP: no path separators, no
/// characters Windows refuses, no trailing dots or spaces.
pub fn portable(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() || is_format(c) => '_',
            c => c,
        })
        .collect();
    clean.trim_end_matches(['.', ' ']).to_owned()
}

/// Invisible format characters (bidirectional overrides, zero-width
/// joiners…) that can make "exe.pdf" read as something else.
fn is_format(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{feff}' | '\u{061c}')
}

/// A Unix time as the ZIP's local (Shanghai) date and time.
fn time(unix: i64) -> Option<zip::DateTime> {
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

/// The body's end of the ZIP: chunks of at most `CHUNK` bytes, given up
/// when the reader stalls or the whole download takes too long.
struct Channel {
    tx: tokio::sync::mpsc::Sender<Result<Bytes, std::io::Error>>,
    until: Instant,
}

/// Bytes per message: with four in the channel, a ZIP holds little more
/// than the file it is reading.
const CHUNK: usize = 64 * 1024;
/// A reader that takes nothing for this long gives up its ZIP's thread.
const STALLED_SECS: u64 = 60;
/// However it is read, a ZIP gives up its thread after this long: a slow
/// reader cannot keep the few turns for hours.
const MAX_SECS: u64 = 15 * 60;

impl Write for Channel {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        use tokio::sync::mpsc::error::TrySendError;
        let n = buf.len().min(CHUNK);
        let mut item = Ok(Bytes::copy_from_slice(&buf[..n]));
        let deadline = (Instant::now() + Duration::from_secs(STALLED_SECS)).min(self.until);
        loop {
            match self.tx.try_send(item) {
                Ok(()) => return Ok(n),
                Err(TrySendError::Closed(_)) => {
                    return Err(std::io::Error::other("download closed"))
                }
                Err(TrySendError::Full(back)) => {
                    if Instant::now() > deadline {
                        return Err(std::io::Error::other("download stalled"));
                    }
                    item = back;
                    std::thread::sleep(Duration::from_millis(20));
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
    use super::*;

    async fn body(read_fails: bool) -> Result<Vec<u8>, String> {
        use http_body_util::BodyExt;
        let turns = Arc::new(tokio::sync::Semaphore::new(1));
        let entries = vec![
            Entry {
                name: "a.txt".into(),
                source: Source::Made(Bytes::from_static(b"a")),
                at: 0,
            },
            Entry {
                name: "b.pdf".into(),
                source: Source::Stored("b".into()),
                at: 0,
            },
        ];
        let read = move |_: &str| {
            if read_fails {
                Err(AppError::Internal)
            } else {
                Ok(Bytes::from(vec![7u8; 3 * CHUNK]))
            }
        };
        let b = stream(turn(&turns).await.unwrap(), entries, read, "test");
        b.collect()
            .await
            .map(|c| c.to_bytes().to_vec())
            .map_err(|e| e.to_string())
    }

    #[tokio::test]
    async fn a_zip_that_breaks_off_fails_the_download_instead_of_ending_short() {
        let whole = body(false).await.expect("a whole ZIP");
        let mut zip = ::zip::ZipArchive::new(std::io::Cursor::new(whole)).unwrap();
        assert_eq!(zip.len(), 2);
        assert_eq!(zip.by_name("b.pdf").unwrap().size(), 3 * CHUNK as u64);
        assert!(body(true).await.is_err());
    }

    #[test]
    fn zip_names_suit_every_file_system() {
        assert_eq!(portable("标题:副标题?.pdf"), "标题_副标题_.pdf");
        assert_eq!(portable("a/b\\c<d>|e*\"f"), "a_b_c_d__e__f");
        assert_eq!(portable("名字. "), "名字");
        assert_eq!(portable("说明\u{202e}fdp.exe"), "说明_fdp.exe");
    }
}
