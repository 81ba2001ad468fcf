//! Inspections and sanctions (Art. 19, 21): an inspector records what was
//! checked on a programme and what was found, maybe as part of a spot
//! check; a finding asks the unit to rectify by a date; the unit reports;
//! the inspector closes the inspection or sends it back. The province may
//! sanction the unit for a finding: a warning, a recovery of funds (what
//! comes back is recorded), or a disqualification that stops its
//! proposals (R17 feeding R2).

mod api;
mod page;
#[cfg(feature = "ssr")]
pub mod repo;
mod sanctions_api;

pub use api::{
    decide_rectification, inspections, record_inspection, report_rectification,
    DecideRectification, Inspections, RecordInspection, ReportRectification,
};
pub use page::InspectionsPage;
pub use sanctions_api::{record_recovery, sanction, RecordRecovery, Sanction};

use serde::{Deserialize, Serialize};

use crate::domain::inspection::{InspectionStatus, SanctionKind};

/// What was checked is at most this long; findings and reports too.
pub const TEXT_MAX: usize = 4000;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SanctionView {
    pub id: i64,
    pub inspection_id: i64,
    pub kind: SanctionKind,
    /// In fen; zero unless a recovery.
    pub amount: i64,
    pub recovered: i64,
    /// A disqualification's first and last day.
    pub period: Option<(String, String)>,
    pub reason: String,
    pub created_by: String,
    pub created_at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InspectionView {
    pub id: i64,
    pub programme_id: i64,
    /// The spot check that drew the programme, if it was drawn.
    pub spot_check_id: Option<i64>,
    pub checked: String,
    /// Empty when nothing was found.
    pub findings: String,
    pub rectify_by: Option<String>,
    pub status: InspectionStatus,
    pub report: String,
    pub reported_by: Option<String>,
    pub reported_at: Option<i64>,
    pub report_late: bool,
    /// Why a report was sent back, or a note on closing.
    pub decision_note: String,
    pub recorded_by: String,
    pub recorded_at: i64,
    pub closed_by: Option<String>,
    pub closed_at: Option<i64>,
    pub sanctions: Vec<SanctionView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InspectionsView {
    pub programme_id: i64,
    pub topic: String,
    pub unit_name: String,
    /// Newest first.
    pub inspections: Vec<InspectionView>,
    /// Spot checks whose sample holds the programme, newest first.
    pub drawn_in: Vec<i64>,
    pub today: String,
    /// Admin or inspector: record inspections, decide reports.
    pub may_inspect: bool,
    /// The programme's unit: report rectifications.
    pub may_report: bool,
    /// Admin: sanction the unit, record recoveries.
    pub may_sanction: bool,
}
