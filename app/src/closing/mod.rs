//! Closing (Art. 8, R10, R15): after the programme the declaring unit
//! sends its closing materials within a month (later ones are accepted,
//! flagged); sending checks R15 to the fen and locks the spending
//! account; the province accepts the closing or returns it with reasons,
//! and every version is kept with the account as it was sent.

mod api;
#[cfg(feature = "ssr")]
mod cover;
mod files_api;
#[cfg(feature = "ssr")]
pub mod package;
mod page;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
mod sheets;
mod versions_page;

pub use api::{closing, review_closing, submit_closing, Closing, ReviewClosing, SubmitClosing};
#[cfg(feature = "ssr")]
pub use files_api::download;
pub use files_api::{
    remove_closing_file, upload_closing_file, upload_closing_scan, RemoveClosingFile,
};
pub use page::{ClosingPage, ClosingSummary};

use serde::{Deserialize, Serialize};

use crate::domain::closing::{ClosingStatus, Refusal};

/// The summary report is at most this many characters.
pub const SUMMARY_MAX: usize = 10_000;
/// Each file is a PDF of at most 10 MiB.
pub const FILE_MAX_BYTES: usize = 10 * 1024 * 1024;
/// At most this many other attachments go with a version, those carried
/// from the version before included.
pub const MAX_PENDING_FILES: i64 = 10;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileKind {
    /// The final expense account with the unit's stamp, scanned.
    Scan,
    Other,
}

impl FileKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FileKind::Scan => "scan",
            FileKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<FileKind> {
        [FileKind::Scan, FileKind::Other]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileView {
    pub id: i64,
    pub kind: FileKind,
    pub file_name: String,
    pub size_bytes: i64,
    /// The version it went with; none while it waits for the next one.
    pub version: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionView {
    pub id: i64,
    pub version: i64,
    pub summary: String,
    pub status: ClosingStatus,
    pub late: bool,
    pub due_date: String,
    /// The account as sent: its lines, spending and funds in fen.
    pub lines: i64,
    pub spent: i64,
    pub funds: i64,
    pub submitted_by: String,
    pub submitted_at: i64,
    pub reason: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<i64>,
    /// The spending lines as judged when this version was sent.
    pub items: Vec<crate::spending::LineView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosingView {
    pub programme_id: i64,
    pub topic: String,
    pub end_date: String,
    pub due_date: String,
    /// Whole days to the due day; negative once it has passed.
    pub days_left: i64,
    /// The account now: lines, spending and funds received in fen.
    pub lines: usize,
    pub spent: i64,
    pub funds: i64,
    /// Newest first.
    pub versions: Vec<VersionView>,
    pub files: Vec<FileView>,
    /// What stops the unit sending now (empty: it may).
    pub refusals: Vec<Refusal>,
    /// The caller is the programme's unit.
    pub may_send: bool,
    /// The caller is the admin.
    pub may_review: bool,
}

impl ClosingView {
    pub fn latest(&self) -> Option<&VersionView> {
        self.versions.first()
    }

    pub fn ended(&self) -> bool {
        !self
            .refusals
            .iter()
            .any(|r| matches!(r, Refusal::NotEnded { .. }))
    }

    /// The unit may prepare the next version: open, after the end, and
    /// for a programme that ran as filed.
    pub fn may_prepare(&self) -> bool {
        self.open()
            && !self
                .refusals
                .iter()
                .any(|r| matches!(r, Refusal::NotEnded { .. } | Refusal::NotFiled))
    }

    /// Files may be added or removed while no version holds the account.
    pub fn open(&self) -> bool {
        self.may_send && !self.latest().is_some_and(|v| v.status.holds_account())
    }
}
