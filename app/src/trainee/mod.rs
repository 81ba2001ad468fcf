//! The trainee's side (Art. 7, 10, 14): one account per person across
//! programmes, activated with a one-time code; a home that says what is on
//! today and what is due; each programme's schedule. Light pages: complete
//! HTML with plain forms, for phones (see `ui::light`).

mod activate_page;
mod api;
mod checkin_page;
mod home_page;
#[cfg(feature = "ssr")]
pub mod home_repo;
mod programme_page;
#[cfg(feature = "ssr")]
pub mod repo;
mod slips_page;

pub use activate_page::ActivatePage;
pub use api::{
    activate, activation_slips, my_checkin, my_home, my_programme, Activate, ActivationSlips,
    MyCheckin, MyHome, MyProgramme,
};
pub use checkin_page::MyCheckinPage;
pub use home_page::MePage;
pub use programme_page::MyProgrammePage;
pub use slips_page::SlipsPage;

use serde::{Deserialize, Serialize};

use crate::prep::CourseView;

/// Where a person stands in one programme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stage {
    Applied,
    Declined,
    /// Admitted; the programme has not started.
    Admitted,
    Running,
    Finished,
}

impl Stage {
    /// From the enrollment's status and the programme's dates, on `today`.
    pub fn of(status: &str, start: &str, end: &str, today: &str) -> Stage {
        match status {
            "admitted" if today > end => Stage::Finished,
            "admitted" if today >= start => Stage::Running,
            "admitted" => Stage::Admitted,
            "declined" => Stage::Declined,
            _ => Stage::Applied,
        }
    }

    /// Order on the home page: what runs now first, declined last.
    pub fn rank(self) -> u8 {
        match self {
            Stage::Running => 0,
            Stage::Admitted => 1,
            Stage::Applied => 2,
            Stage::Finished => 3,
            Stage::Declined => 4,
        }
    }

    /// Whether the schedule is the person's to read.
    pub fn admitted(self) -> bool {
        matches!(self, Stage::Admitted | Stage::Running | Stage::Finished)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyProgrammeRow {
    pub id: i64,
    pub topic: String,
    pub institution_name: String,
    pub start_date: String,
    pub end_date: String,
    pub place: String,
    pub stage: Stage,
    /// The result, once the institution has published it.
    pub result: Option<crate::domain::assessment::Outcome>,
}

/// A course as its trainee sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyCourse {
    pub programme_id: i64,
    pub course: CourseView,
    /// When this trainee checked in (Unix seconds).
    pub checked_in_at: Option<i64>,
    /// Check-in is open now.
    pub check_in_open: bool,
    /// Under way now.
    pub current: bool,
    /// Over.
    pub ended: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeView {
    pub name: String,
    pub username: String,
    pub programmes: Vec<MyProgrammeRow>,
    /// Today's courses of the running programmes, in order.
    pub today: Vec<MyCourse>,
    /// The first course after today's.
    pub next: Option<MyCourse>,
    /// Courses whose check-in is open and not done: what is due now.
    pub check_in_due: Vec<MyCourse>,
    /// Papers set and not yet submitted, soonest first.
    pub papers_due: Vec<crate::papers::PaperDue>,
    /// Surveys open and not yet answered.
    pub surveys_due: Vec<crate::survey::SurveyDue>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyScheduleView {
    pub programme: MyProgrammeRow,
    /// Today in Shanghai, to mark its day.
    pub today: String,
    /// Day by day.
    pub days: Vec<(String, Vec<MyCourse>)>,
    pub attended_hours: i64,
    pub total_hours: i64,
    /// The assessment, once published.
    pub result: Option<crate::assessment::MyResult>,
    /// The certificate, once issued (revoked ones too, marked).
    pub certificate: Option<crate::certificates::MyCertificate>,
}

/// One admitted trainee's activation slip.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slip {
    pub name: String,
    pub state: SlipState,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SlipState {
    /// To activate: the sign-in name, the grouped code, when it expires,
    /// and the QR code of the activation link (SVG made on the server).
    Code {
        username: String,
        code: String,
        expires: i64,
        qr_svg: String,
    },
    /// Activated: signs in with this name.
    Active { username: String },
    /// Has an account from before: signs in with it as usual.
    Existing,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlipsView {
    pub programme_id: i64,
    pub topic: String,
    pub activate_url: String,
    pub slips: Vec<Slip>,
}

#[cfg(test)]
mod tests {
    use super::Stage;

    #[test]
    fn an_admitted_trainee_s_stage_follows_the_dates() {
        let at = |today| Stage::of("admitted", "2026-12-01", "2026-12-05", today);
        assert_eq!(at("2026-11-30"), Stage::Admitted);
        assert_eq!(at("2026-12-01"), Stage::Running);
        assert_eq!(at("2026-12-05"), Stage::Running);
        assert_eq!(at("2026-12-06"), Stage::Finished);
        assert_eq!(
            Stage::of("applied", "2026-12-01", "2026-12-05", "2026-12-03"),
            Stage::Applied
        );
        assert!(!Stage::Declined.admitted());
    }
}
