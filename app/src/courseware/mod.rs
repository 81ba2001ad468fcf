//! Online courseware (Art. 9, R14): the province picks lectures already
//! given for its public catalogue. A lecture shows only while every one
//! of its lecturers has a consent in force (recorded with who, when, in
//! what form, until when and on what evidence); revoking one hides the
//! lecture from the next reading of the catalogue on.

mod api;
mod catalogue;
mod page;
#[cfg(feature = "ssr")]
pub mod repo;

pub use api::{
    courseware_admin, list_courseware, record_consent, revoke_consent, withdraw_courseware,
    CoursewareAdmin, ListCourseware, RecordConsent, RevokeConsent, WithdrawCourseware,
};
pub use catalogue::{courseware_catalogue, CataloguePage, CoursewareCatalogue};
pub use page::CoursewarePage;

use serde::{Deserialize, Serialize};

use crate::domain::courseware::ConsentScope;
use crate::domain::{LecturerTitle, TeachingForm};

/// Evidence and reasons are at most this long.
pub const TEXT_MAX: usize = 500;
/// A catalogue field is at most this long (a lecturer's field may be as
/// long, and is the default).
pub const FIELD_MAX: usize = 100;
/// Search words are at most this long, and at most `WORDS_MAX` count.
pub const QUERY_MAX: usize = 60;
pub const WORDS_MAX: usize = 8;
/// The catalogue shows at most this many lectures for one search.
pub const SHOWN_MAX: usize = 100;

/// Who ended something, when, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ended {
    pub by: String,
    pub at: i64,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentView {
    pub id: i64,
    pub scope: ConsentScope,
    pub given_on: String,
    pub until: String,
    pub evidence: String,
    pub recorded_by: String,
    pub recorded_at: i64,
    pub revoked: Option<Ended>,
    /// Given by today, not run out, not revoked.
    pub in_force: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LecturerConsents {
    pub lecturer_id: i64,
    pub name: String,
    pub title: LecturerTitle,
    pub affiliation: String,
    pub field: String,
    /// Newest first.
    pub consents: Vec<ConsentView>,
}

impl LecturerConsents {
    /// The scope of the consent in force, if one is.
    pub fn in_force(&self) -> Option<ConsentScope> {
        self.consents.iter().find(|c| c.in_force).map(|c| c.scope)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listing {
    pub field: String,
    pub listed_by: String,
    pub listed_at: i64,
    pub withdrawn: Option<Ended>,
    /// Listed, not withdrawn, and every lecturer consenting today: the
    /// public catalogue shows it.
    pub public: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LectureView {
    pub course_id: i64,
    pub programme_id: i64,
    pub topic: String,
    pub institution: String,
    pub day: String,
    pub start_time: String,
    pub title: String,
    pub class_hours: i64,
    pub form: TeachingForm,
    pub lecturers: Vec<LecturerConsents>,
    pub listing: Option<Listing>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoursewareAdminView {
    /// The plan year shown; `None` when no lecture has been given yet.
    pub year: Option<i64>,
    /// Years with lectures given, newest first.
    pub years: Vec<i64>,
    /// The year's lectures given, by day.
    pub lectures: Vec<LectureView>,
    pub today: String,
}

/// A lecturer as the public catalogue names them: no contact details.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicLecturer {
    pub name: String,
    pub title: LecturerTitle,
    pub affiliation: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogueItem {
    pub course_id: i64,
    pub title: String,
    pub day: String,
    pub class_hours: i64,
    pub form: TeachingForm,
    pub topic: String,
    pub year: i64,
    pub institution: String,
    pub field: String,
    pub lecturers: Vec<PublicLecturer>,
    /// What every lecturer allows to be published.
    pub scope: ConsentScope,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogueView {
    /// What matched, newest first, at most `SHOWN_MAX`.
    pub items: Vec<CatalogueItem>,
    /// How many matched in all.
    pub matched: usize,
    /// The years and fields of the whole catalogue, for the search form.
    pub years: Vec<i64>,
    pub fields: Vec<String>,
}
