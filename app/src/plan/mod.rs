//! The published annual plan (Art. 5): each selected proposal becomes a
//! programme with its topic, dates, place, host institution and declaring
//! unit. Dates and place change only by an approved request (Art. 20, R13).
//! The plan is public, as a page and as an Excel file.

mod api;
mod changes_page;
mod links;
mod programmes_page;
mod public_page;
#[cfg(feature = "ssr")]
pub mod reader;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod xlsx;

pub use api::{
    decide_change, get_plan, list_programmes, publish_plan, request_change, DecideChange, GetPlan,
    ListProgrammes, PublishPlan, RequestChange,
};
pub use changes_page::ProgrammePage;
pub use links::ProgrammeLinks;
pub use programmes_page::ProgrammesPage;
pub use public_page::PlanPage;

use serde::{Deserialize, Serialize};

use crate::domain::ChangeStatus;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeView {
    pub id: i64,
    pub programme_id: i64,
    pub old_start_date: String,
    pub old_end_date: String,
    pub old_place: String,
    pub new_start_date: String,
    pub new_end_date: String,
    pub new_place: String,
    pub reason: String,
    pub status: ChangeStatus,
    pub decision_reason: String,
    pub requested_at: i64,
    pub decided_at: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeView {
    pub id: i64,
    pub year: i32,
    pub serial: i64,
    pub topic: String,
    pub unit_id: i64,
    pub unit_name: String,
    pub institution_id: i64,
    pub institution_name: String,
    pub start_date: String,
    pub end_date: String,
    pub place: String,
    pub trainees: i64,
    pub class_hours: i64,
    pub recommend_national: bool,
    pub version: i64,
    /// Newest first. The public plan carries approved ones only.
    pub changes: Vec<ChangeView>,
}

impl ProgrammeView {
    pub fn pending_change(&self) -> Option<&ChangeView> {
        self.changes
            .iter()
            .find(|c| c.status == ChangeStatus::Pending)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicPlan {
    pub year: i32,
    pub published_at: i64,
    pub programmes: Vec<ProgrammeView>,
    /// Every year with a published plan, newest first.
    pub years: Vec<i32>,
    /// Programmes open for applications today, with their last day.
    pub enrolling: Vec<(i64, String)>,
}

pub const REASON_MAX: usize = 500;
