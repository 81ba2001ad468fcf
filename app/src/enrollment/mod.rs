//! Enrollment (Art. 10): once a filing is acknowledged the enrollment
//! notice is public and trainees apply on their phones (which creates their
//! account); the host institution can import a list from Excel, admits
//! applicants up to the planned number, watches the mix (R7) and exports
//! the trainee list.

mod api;
mod apply_page;
pub mod input;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod roster;
#[cfg(feature = "ssr")]
pub mod sheet;
mod trainees_page;

pub use api::{
    apply, decide_enrollment, enrollment_notice, import_trainees, list_trainees, Apply,
    DecideEnrollment, EnrollmentNotice, ImportTrainees, ListTrainees,
};
pub use apply_page::ApplyPage;
pub use trainees_page::TraineesPage;

use serde::{Deserialize, Serialize};

use crate::domain::{Gender, TraineeTitle};

/// The public notice of an acknowledged filing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeView {
    pub programme_id: i64,
    pub topic: String,
    pub institution_name: String,
    pub start_date: String,
    pub end_date: String,
    pub place: String,
    pub class_hours: i64,
    pub eligibility: String,
    pub quota: i64,
    pub quota_in_province: i64,
    pub quota_out_province: i64,
    pub how_to_apply: String,
    pub apply_until: String,
    pub open: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EnrollmentStatus {
    Applied,
    Admitted,
    Declined,
}

impl EnrollmentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            EnrollmentStatus::Applied => "applied",
            EnrollmentStatus::Admitted => "admitted",
            EnrollmentStatus::Declined => "declined",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Applied, Self::Admitted, Self::Declined]
            .into_iter()
            .find(|x| x.as_str() == s)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrollmentView {
    pub id: i64,
    pub name: String,
    pub gender: Gender,
    /// Always masked on pages.
    pub id_number: String,
    /// Full for the institution, masked for others.
    pub mobile: String,
    pub employer: String,
    pub province: String,
    pub title_level: TraineeTitle,
    pub imported: bool,
    pub status: EnrollmentStatus,
    pub version: i64,
}

/// R7: the mix of admitted trainees.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mix {
    pub admitted: i64,
    pub inside: i64,
    pub outside: i64,
    pub mid_or_senior: i64,
    /// Count per `TraineeTitle::ALL` entry.
    pub by_title: Vec<i64>,
}

impl Mix {
    pub fn of<'a>(rows: impl IntoIterator<Item = &'a EnrollmentView>) -> Mix {
        let mut m = Mix {
            by_title: vec![0; TraineeTitle::ALL.len()],
            ..Mix::default()
        };
        for r in rows
            .into_iter()
            .filter(|r| r.status == EnrollmentStatus::Admitted)
        {
            m.admitted += 1;
            if input::is_inside_province(&r.province) {
                m.inside += 1;
            } else {
                m.outside += 1;
            }
            if r.title_level.counts_as_mid_or_senior() {
                m.mid_or_senior += 1;
            }
            if let Some(i) = TraineeTitle::ALL.iter().position(|t| *t == r.title_level) {
                m.by_title[i] += 1;
            }
        }
        m
    }

    /// No one from outside the province.
    pub fn warns_no_outside(&self) -> bool {
        self.admitted > 0 && self.outside == 0
    }

    /// Fewer than four in five hold a mid-level or senior title or a post.
    pub fn warns_few_senior(&self) -> bool {
        self.admitted > 0 && self.mid_or_senior * 5 < self.admitted * 4
    }
}

/// What an import did: new people added (as applicants, to be admitted),
/// and rows skipped because the person is on the list already.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Imported {
    pub imported: usize,
    pub skipped: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TraineesView {
    pub programme_id: i64,
    pub topic: String,
    pub planned: i64,
    pub rows: Vec<EnrollmentView>,
    pub mix: Mix,
    pub notice_open: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(province: &str, title: TraineeTitle) -> EnrollmentView {
        EnrollmentView {
            id: 1,
            name: "张三".into(),
            gender: Gender::Male,
            id_number: String::new(),
            mobile: String::new(),
            employer: String::new(),
            province: province.into(),
            title_level: title,
            imported: false,
            status: EnrollmentStatus::Admitted,
            version: 1,
        }
    }

    #[test]
    fn the_mix_warns_without_outside_trainees_or_with_too_few_seniors() {
        let all_inside = [
            row("河北省", TraineeTitle::Mid),
            row("河北", TraineeTitle::FullSenior),
        ];
        let m = Mix::of(&all_inside);
        assert!(m.warns_no_outside());
        assert!(!m.warns_few_senior());
        let juniors = [
            row("北京市", TraineeTitle::Junior),
            row("河北省", TraineeTitle::Mid),
        ];
        let m = Mix::of(&juniors);
        assert!(!m.warns_no_outside());
        assert!(m.warns_few_senior());
    }
}
