//! Programme preparation (Art. 6, 12, 18): the host institution's lecturer
//! registry and schedule, each lecturer's vetting for the programme (R6),
//! and the declaring unit's filing of the implementation plan and the
//! enrollment notice (R3), which the admin acknowledges or returns.

mod api;
mod filing_api;
mod filing_section;
mod filing_versions;
mod lecturers_page;
mod page;
#[cfg(feature = "ssr")]
pub mod repo;
mod schedule_section;
mod vetting_section;

pub use api::{
    add_course, create_lecturer, list_lecturers, programme_prep, remove_course, retire_lecturer,
    update_lecturer, vet_lecturer, AddCourse, CreateLecturer, ListLecturers, ProgrammePrep,
    RemoveCourse, RetireLecturer, UpdateLecturer, VetLecturer,
};
#[cfg(feature = "ssr")]
pub use filing_api::download as filing_download;
pub use filing_api::{
    file_programme, review_filing, upload_attachment, FileProgramme, ReviewFiling, UploadAttachment,
};
pub use lecturers_page::LecturersPage;
pub use page::PrepPage;

use serde::{Deserialize, Serialize};

use crate::domain::{LecturerTitle, TeachingForm};
use crate::plan::ProgrammeView;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LecturerView {
    pub id: i64,
    pub name: String,
    pub title_level: LecturerTitle,
    pub affiliation: String,
    pub field: String,
    pub bio: String,
    /// Masked for roles that do not arrange lectures.
    pub phone: String,
    /// No longer offered for new courses; kept on earlier schedules.
    pub retired: bool,
    pub version: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseView {
    pub id: i64,
    pub day: String,
    pub start_time: String,
    pub end_time: String,
    pub title: String,
    pub form: TeachingForm,
    pub class_hours: i64,
    pub place: String,
    pub lecturers: Vec<(i64, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VettingView {
    pub lecturer_id: i64,
    pub lecturer_name: String,
    pub expertise: (String, String, String),
    pub compliance: (String, String, String),
    pub approved: bool,
    pub decided_at: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FilingStatus {
    Filed,
    Acknowledged,
    Returned,
}

impl FilingStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            FilingStatus::Filed => "filed",
            FilingStatus::Acknowledged => "acknowledged",
            FilingStatus::Returned => "returned",
        }
    }

    pub fn parse(s: &str) -> Option<FilingStatus> {
        [
            FilingStatus::Filed,
            FilingStatus::Acknowledged,
            FilingStatus::Returned,
        ]
        .into_iter()
        .find(|f| f.as_str() == s)
    }
}

/// One version of the filing: the implementation plan and the enrollment
/// notice, as structured text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilingView {
    pub id: i64,
    pub version: i64,
    pub objectives: String,
    pub content: String,
    pub organisation: String,
    pub budget_text: String,
    pub eligibility: String,
    pub quota: i64,
    pub quota_in_province: i64,
    pub quota_out_province: i64,
    pub how_to_apply: String,
    pub apply_until: String,
    pub schedule_hours: i64,
    pub due_date: String,
    pub late: bool,
    pub status: FilingStatus,
    pub review_reason: String,
    pub filed_at: i64,
    pub reviewed_at: Option<i64>,
}

/// A PDF attached to a filing; `filing_version` is empty until it is filed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentView {
    pub id: i64,
    pub file_name: String,
    pub size_bytes: i64,
    pub filing_version: Option<i64>,
}

/// Attachments are PDF files of at most this size.
pub const ATTACHMENT_MAX_BYTES: usize = 5 * 1024 * 1024;

/// Everything the preparation page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrepView {
    pub programme: ProgrammeView,
    pub courses: Vec<CourseView>,
    /// The institution's registry (the institution), or the lecturers on
    /// the schedule (everyone else).
    pub lecturers: Vec<LecturerView>,
    pub vettings: Vec<VettingView>,
    pub total_hours: i64,
    /// The province's class hour length: a course holds no more class
    /// hours than fit in its time.
    pub class_hour_minutes: u32,
    /// R3: one calendar month before the start.
    pub due_date: String,
    /// Days from today (Shanghai) to the due date; negative when past.
    pub days_left: i64,
    /// Newest first.
    pub filings: Vec<FilingView>,
    pub attachments: Vec<AttachmentView>,
}

impl PrepView {
    pub fn latest_filing(&self) -> Option<&FilingView> {
        self.filings.first()
    }

    /// The schedule may change unless a filing awaits review or stands.
    pub fn schedule_open(&self) -> bool {
        self.latest_filing()
            .is_none_or(|f| f.status == FilingStatus::Returned)
    }

    /// Lecturers on the schedule without an approved vetting (R6).
    pub fn unvetted(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .courses
            .iter()
            .flat_map(|c| c.lecturers.iter())
            .filter(|(id, _)| {
                !self
                    .vettings
                    .iter()
                    .any(|v| v.lecturer_id == *id && v.approved)
            })
            .map(|(_, n)| n.clone())
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

pub const TEXT_MAX: usize = 4000;
