//! Actual spending against the province's fee standards (Art. 17, 18;
//! R11, R12, R15): the admin keeps the standards as dated versions; the
//! host institution and the declaring unit enter a programme's spending
//! line by line with its funding source, and the funds received; every
//! over-cap line and every charge to trainees is flagged, never refused.

mod api;
mod fees_api;
mod fees_page;
mod import_api;
mod page;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod sheet;

#[cfg(feature = "ssr")]
pub(crate) use api::ssr::view as account;
pub use api::{
    spending, AddSpendingLine, RemoveSpendingLine, SaveProgrammeAccount, SetTrainingCategory,
    Spending as SpendingFn,
};
pub use fees_api::{fee_standards, AddFeeStandard, FeeStandards, WithdrawFeeStandard};
pub use fees_page::FeesPage;
pub use import_api::{import_spending, ImportSpending};
pub(crate) use page::frozen_lines;
pub use page::SpendingPage;
#[cfg(feature = "ssr")]
pub(crate) use page::{flag_text, lecture_text};

use serde::{Deserialize, Serialize};

use crate::domain::fees::{FeeStandard, Over, TrainingCategory};
use crate::domain::spending::{DayGroup, Flag, Line};
use crate::domain::{ExpenseCategory, FundingSource, LecturerTitle};

/// What an import did: the lines it entered, and those it replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Imported {
    pub added: usize,
    pub replaced: usize,
}

/// A line's description and note are at most this long.
pub const NOTE_MAX: usize = 200;

/// One version of the fee standards as the admin sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StandardView {
    pub id: i64,
    pub standard: FeeStandard,
    pub note: String,
    pub created_by: Option<String>,
    pub created_at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeesView {
    /// Newest first.
    pub versions: Vec<StandardView>,
    /// Today in Shanghai, to tell versions in force from upcoming ones.
    pub today: String,
    pub may_edit: bool,
}

/// A course and one of its lecturers, for a lecture fee line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lecture {
    pub course_id: i64,
    pub lecturer_id: i64,
    pub day: String,
    pub course: String,
    pub lecturer: String,
    pub hours: i64,
    pub title: LecturerTitle,
}

impl Lecture {
    /// The form's value for this choice.
    pub fn key(&self) -> String {
        format!("{}:{}", self.course_id, self.lecturer_id)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineView {
    pub id: i64,
    pub line: Line,
    pub lecture: Option<Lecture>,
    pub note: String,
    pub flags: Vec<Flag>,
    pub entered_at: i64,
}

/// A programme's spending account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpendingView {
    pub programme_id: i64,
    pub topic: String,
    pub start_date: String,
    pub end_date: String,
    pub standard: FeeStandard,
    pub category: TrainingCategory,
    pub trainees: i64,
    pub days: i64,
    pub lines: Vec<LineView>,
    pub day_overs: Vec<(DayGroup, Over)>,
    /// From the proposal, in fen, by `ExpenseCategory::ALL` and
    /// `FundingSource::ALL`.
    pub planned: ([i64; 6], [i64; 4]),
    pub spent: ([i64; 6], [i64; 4]),
    pub total: i64,
    /// Funds received by source, in fen.
    pub funds: [i64; 4],
    /// The schedule's courses with each lecturer, for lecture fee lines.
    pub lectures: Vec<Lecture>,
    pub may_edit: bool,
    /// Closing materials awaiting review or accepted hold the account.
    pub locked: Option<crate::domain::closing::ClosingStatus>,
    /// The admin sets the training category.
    pub may_set_category: bool,
}

impl SpendingView {
    pub fn person_days(&self) -> i64 {
        self.trainees * self.days
    }

    /// R15: funds received minus spending, in fen (zero when balanced).
    pub fn unbalanced(&self) -> i64 {
        self.funds.iter().sum::<i64>() - self.total
    }
}

pub fn category_index(c: ExpenseCategory) -> usize {
    ExpenseCategory::ALL
        .iter()
        .position(|x| *x == c)
        .unwrap_or(0)
}

pub fn source_index(s: FundingSource) -> usize {
    FundingSource::ALL.iter().position(|x| *x == s).unwrap_or(0)
}
