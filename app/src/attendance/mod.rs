//! Attendance (Art. 14): the institution projects a check-in code that
//! changes every 30 seconds; trainees scan it with their phones. The
//! institution watches the roster fill, marks people present by hand with a
//! reason, and reads each trainee's attended class hours, which assessment
//! uses.

mod api;
mod attendance_page;
mod projector_page;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod scan;
#[cfg(feature = "ssr")]
pub mod token;

pub use api::{
    checkin_code, course_roster, mark_present, programme_attendance, CheckinCode, CourseRoster,
    MarkPresent, ProgrammeAttendance,
};
pub use attendance_page::{AttendancePage, CourseRosterPage};
pub use projector_page::ProjectorPage;

use serde::{Deserialize, Serialize};

/// Longest reason for marking someone present by hand.
pub const REASON_MAX: usize = 200;
/// Marks by hand are taken until this many days after the programme ends.
pub const MARKS_CLOSE_DAYS: u64 = 30;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseHead {
    pub id: i64,
    pub programme_id: i64,
    pub topic: String,
    pub title: String,
    pub day: String,
    pub start_time: String,
    pub end_time: String,
    pub place: String,
    pub class_hours: i64,
    /// Check-in window, Unix seconds.
    pub opens: i64,
    pub closes: i64,
}

impl CourseHead {
    /// A course of `programme` with its check-in window; none if its times
    /// do not read as times.
    pub fn of(programme: i64, topic: &str, c: &crate::prep::CourseView) -> Option<CourseHead> {
        let w = crate::domain::checkin::Window::of(&c.day, &c.start_time, &c.end_time)?;
        Some(CourseHead {
            id: c.id,
            programme_id: programme,
            topic: topic.to_owned(),
            title: c.title.clone(),
            day: c.day.clone(),
            start_time: c.start_time.clone(),
            end_time: c.end_time.clone(),
            place: c.place.clone(),
            class_hours: c.class_hours,
            opens: w.opens,
            closes: w.closes,
        })
    }
}

/// What the projector shows now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeView {
    pub course: CourseHead,
    pub open: bool,
    /// The code's SVG while check-in is open.
    pub svg: Option<String>,
    /// The address the code holds (for a phone that cannot scan, and tests).
    pub link: Option<String>,
    pub seconds_left: i64,
    pub checked_in: i64,
    pub admitted: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterEntry {
    pub enrollment_id: i64,
    pub name: String,
    pub employer: String,
    pub at: Option<i64>,
    pub manual: bool,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterView {
    pub course: CourseHead,
    pub open: bool,
    pub may_mark: bool,
    pub rows: Vec<RosterEntry>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceView {
    pub programme_id: i64,
    pub topic: String,
    /// The schedule's class hours.
    pub total_hours: i64,
    /// Each course with how many checked in.
    pub courses: Vec<(CourseHead, i64)>,
    /// Each admitted trainee's attended class hours.
    pub trainees: Vec<(String, i64)>,
    pub admitted: i64,
    pub may_project: bool,
}
