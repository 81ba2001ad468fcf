//! Assessment (Art. 7, 14; R9): after the programme the host institution
//! grades each admitted trainee's research paper and decides the result,
//! from the list or from an Excel sheet, and publishes the results, which
//! each trainee then sees on the phone. Attendance comes from check-in
//! (with the institution's marks by hand); the rules are
//! `domain::assessment`'s.

mod api;
mod page;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod sheet;
mod view;
#[cfg(feature = "ssr")]
pub mod who;

#[cfg(feature = "ssr")]
pub(crate) use api::ssr::view as results;
pub use api::{
    assessment_overview, import_assessments, AssessmentOverview, ImportAssessments, PublishResults,
    SaveAssessments,
};
pub use page::AssessmentPage;
pub use view::{Filter, Order};

use serde::{Deserialize, Serialize};

use crate::domain::assessment::{Decision, Facts, MinAttendance, Outcome};

/// One admitted trainee's assessment as the list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    pub enrollment_id: i64,
    pub name: String,
    pub employer: String,
    /// Class hours of the courses checked in to.
    pub attended: i64,
    /// The last submitted version: (paper id, version number).
    pub paper: Option<(i64, i64)>,
    pub decision: Decision,
    /// The paper the grade was given to; a later version differs.
    pub graded_paper: Option<i64>,
    /// 0 while nothing is decided; a save names the version it read.
    pub version: i64,
}

/// A row's problem from a refused save: (enrollment, field, problem).
pub type RowProblem = (i64, String, crate::error::Problem);

/// A programme's assessment for the institution, its unit, the admin and
/// inspectors.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentView {
    pub programme_id: i64,
    pub topic: String,
    pub end_date: String,
    /// The schedule's class hours.
    pub total_hours: i64,
    pub min: MinAttendance,
    pub rows: Vec<Row>,
    /// (when, by whom) the results were published.
    pub published: Option<(i64, String)>,
    /// The host institution, from the programme's last day.
    pub may_edit: bool,
    /// Before the programme's last day nothing can be decided.
    pub ended: bool,
}

impl Row {
    /// Graded, and a newer version of the paper came in since.
    pub fn newer_paper(&self) -> bool {
        self.decision.grade.is_some() && self.paper.map(|p| p.0) != self.graded_paper
    }
}

impl AssessmentView {
    pub fn facts(&self, r: &Row) -> Facts {
        Facts {
            paper: r.paper.is_some(),
            attended: r.attended,
            total: self.total_hours,
            min: self.min,
        }
    }

    pub fn count(&self, outcome: Option<Outcome>) -> usize {
        self.rows
            .iter()
            .filter(|r| r.decision.outcome == outcome)
            .count()
    }
}

/// What a trainee sees of their assessment, once published.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyResult {
    pub grade: Option<crate::domain::assessment::Grade>,
    pub comment: String,
    pub outcome: Outcome,
    pub reason: String,
}

/// Imported rows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportDone {
    pub changed: usize,
}
