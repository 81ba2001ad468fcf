//! The research paper (R9), the basis of assessment: the institution sets
//! the theme, deadline, accepted types and size cap; the trainee submits
//! from the phone and gets a receipt; every version is kept; after the
//! deadline only a trainee granted an extension may submit. Files live in
//! the file store (`server::storage`), streamed in and out.

mod api;
#[cfg(feature = "ssr")]
pub mod files;
mod my_page;
#[cfg(feature = "ssr")]
pub mod repo;
mod staff_page;
#[cfg(feature = "ssr")]
pub mod upload;

pub use api::{my_paper, paper_overview, GrantExtension, MyPaper, PaperOverview, SetPaper};
pub use my_page::MyPaperPage;
pub use staff_page::PapersPage;

use serde::{Deserialize, Serialize};

use crate::domain::paper::{PaperType, Timeliness};

/// An extension's reason is one line.
pub const REASON_MAX: usize = 200;

/// What the institution asks for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperSet {
    pub theme: String,
    /// Unix seconds; submissions must arrive before it.
    pub deadline: i64,
    pub types: Vec<PaperType>,
    pub max_bytes: i64,
}

/// One submitted version as its receipt shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    pub id: i64,
    pub version: i64,
    pub file_name: String,
    pub kind: PaperType,
    pub size: i64,
    pub sha256: String,
    pub submitted_at: i64,
    /// After the deadline then in force (within an extension).
    pub late: bool,
}

/// The trainee's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyPaperView {
    pub programme_id: i64,
    pub topic: String,
    pub set: Option<PaperSet>,
    /// An extension granted to this trainee: until when.
    pub extension: Option<i64>,
    pub may_submit: bool,
    /// Newest first.
    pub versions: Vec<Receipt>,
    pub now: i64,
}

/// One admitted trainee's submission, for the institution.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmissionRow {
    pub enrollment_id: i64,
    pub name: String,
    pub employer: String,
    pub state: Timeliness,
    /// The last version.
    pub last: Option<Receipt>,
    pub versions: i64,
    /// (until, reason) of an extension.
    pub extension: Option<(i64, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PapersView {
    pub programme_id: i64,
    pub topic: String,
    pub set: Option<PaperSet>,
    pub rows: Vec<SubmissionRow>,
    /// The host institution sets the paper and grants extensions.
    pub may_edit: bool,
    pub now: i64,
}

impl PapersView {
    pub fn count(&self, state: Timeliness) -> usize {
        self.rows.iter().filter(|r| r.state == state).count()
    }
}

/// What the home page says is due: a paper not yet submitted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperDue {
    pub programme_id: i64,
    pub topic: String,
    /// The deadline, or this trainee's extension.
    pub until: i64,
}

/// Why an upload was refused, carried in the page's address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    NotSet,
    Closed,
    TooLarge,
    WrongType,
    Empty,
    /// Another upload of the same account is under way.
    Busy,
    /// `upload::MAX_VERSIONS` submitted already.
    TooMany,
}

impl Refused {
    pub const ALL: [Refused; 7] = [
        Refused::NotSet,
        Refused::Closed,
        Refused::TooLarge,
        Refused::WrongType,
        Refused::Empty,
        Refused::Busy,
        Refused::TooMany,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Refused::NotSet => "not_set",
            Refused::Closed => "closed",
            Refused::TooLarge => "too_large",
            Refused::WrongType => "wrong_type",
            Refused::Empty => "empty",
            Refused::Busy => "busy",
            Refused::TooMany => "too_many",
        }
    }

    pub fn parse(s: &str) -> Option<Refused> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// A size as people read it: "1.4 MB", "820 KB".
pub fn size_text(bytes: i64) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", (bytes + 1023) / 1024)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size_text(45), "45 B");
        assert_eq!(size_text(1024), "1 KB");
        assert_eq!(size_text(820 * 1024), "820 KB");
        assert_eq!(size_text(1_468_006), "1.4 MB");
        assert_eq!(size_text(20 * 1024 * 1024), "20.0 MB");
    }

    #[test]
    fn refusals_travel_by_their_code() {
        for r in Refused::ALL {
            assert_eq!(Refused::parse(r.as_str()), Some(r));
        }
        assert_eq!(Refused::parse("x"), None);
    }
}
