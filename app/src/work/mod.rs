//! What waits for each role: the to-do list on the home page, and each
//! programme's stage and what is due on `/programmes`. Computed from the
//! records every other feature keeps; it changes nothing.

mod api;
mod list;
#[cfg(feature = "ssr")]
pub mod repo;
mod stage;

pub use api::{my_work, programme_stages, MyWork, ProgrammeStages};
pub use list::{StageCell, WorkList};
pub use stage::{Stage, StageInput};

use serde::{Deserialize, Serialize};

/// One thing to do, or to watch, with where to do it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkItem {
    pub kind: WorkKind,
    pub href: String,
    /// The programme's topic, or empty for a count over several.
    pub subject: String,
    pub count: i64,
    /// A date the item must be done by, and days left (negative: late).
    pub due: Option<(String, i64)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum WorkKind {
    /// Admin: a filing awaits acknowledgement or return.
    FilingToReview,
    /// Inspector: the same, to follow.
    FilingAwaitingReview,
    /// Admin: a change request awaits a decision.
    ChangeToDecide,
    /// Admin: submitted proposals of a closed call.
    ProposalsToDecide,
    /// Admin and unit: an open call's deadline within 14 days.
    CallClosing,
    /// Unit: a programme to file (R3), due on a date.
    FilingDue,
    /// Unit: a returned filing to correct.
    FilingReturned,
    /// Inspector: a filing past its due date.
    FilingOverdue,
    /// Unit: drafts in an open call.
    DraftsToSubmit,
    /// Institution: a schedule short of 32 class hours (R4).
    ScheduleShort,
    /// Institution: lecturers on a schedule without an approved vetting (R6).
    LecturersToVet,
    /// Institution: applicants awaiting admission.
    ApplicantsToAdmit,
    /// Institution: a finished programme whose results are not published:
    /// trainees without a result (0: all decided, to publish).
    ResultsToDecide,
    /// Unit: results published and no register yet (0), or the latest
    /// returned (1).
    RegisterToSubmit,
    /// Admin: a completion register awaits approval or return.
    RegisterToReview,
    /// Admin: passed trainees of an approved register without a
    /// certificate.
    CertificatesToIssue,
    /// Unit: a finished programme's closing materials to send (R10), due
    /// on a date; count 1 when the last version was returned.
    ClosingDue,
    /// Admin: closing materials await acceptance or return.
    ClosingToReview,
    /// Unit: inspection findings to rectify and report on (Art. 19), the
    /// earliest due on a date.
    RectificationDue,
    /// Admin and inspector: rectification reports to accept or send back.
    RectificationToReview,
    /// Institution and unit: a programme starting within 14 days.
    StartsSoon,
    /// Trainee: a programme open for applications.
    OpenEnrollment,
    /// Trainee: an application awaiting the institution's decision.
    ApplicationPending,
    /// Trainee: admitted to a programme not yet over.
    Admitted,
}

/// Days ahead that count as "soon" for a deadline or a start.
pub const SOON_DAYS: i64 = 14;
