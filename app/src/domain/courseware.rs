//! Online courseware (R14, Art. 9): a lecture given in a programme may be
//! published in the province's catalogue only while every one of its
//! lecturers has consented, for the form of publication, from the day
//! the consent was given until the day it runs out. A revoked consent
//! ends at once.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::Problem;

codes! {
    /// What of the lecture the lecturer agreed may be published.
    ConsentScope {
        Video = "video",
        Slides = "slides",
        VideoAndSlides = "video_and_slides",
    }
}

/// Why a lecture cannot be listed in the catalogue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// R14: these lecturers have no consent in force today.
    NoConsent { names: String },
    /// The lecture has not been given yet (its day is after today).
    NotGiven { day: NaiveDate },
    /// A consent recorded as given on a day still to come.
    GivenInFuture,
    /// A consent whose last day is already past.
    Expired,
    /// The lecturers allow different forms (one video only, another
    /// slides only): nothing may be published.
    NoCommonScope,
}

/// A consent's first and last day, checked against `today`: it was given
/// already (not on a day to come), and it runs at least until today, so
/// that recording it makes the lecture publishable now.
pub fn consent_period(
    given_on: NaiveDate,
    until: NaiveDate,
    today: NaiveDate,
) -> Result<(NaiveDate, NaiveDate), (&'static str, Problem)> {
    if given_on > today {
        return Err(("given_on", Problem::Courseware(Refusal::GivenInFuture)));
    }
    if until < given_on {
        return Err(("until", Problem::EndBeforeStart));
    }
    if until < today {
        return Err(("until", Problem::Courseware(Refusal::Expired)));
    }
    Ok((given_on, until))
}

/// Whether a consent allows publishing on `today`: given by then, not
/// run out, not revoked.
pub fn in_force(given_on: &str, until: &str, revoked: bool, today: &str) -> bool {
    // ISO dates order as text.
    !revoked && given_on <= today && today <= until
}

impl ConsentScope {
    fn parts(self) -> (bool, bool) {
        match self {
            ConsentScope::Video => (true, false),
            ConsentScope::Slides => (false, true),
            ConsentScope::VideoAndSlides => (true, true),
        }
    }

    /// What two consents both allow, if anything.
    pub fn and(self, other: ConsentScope) -> Option<ConsentScope> {
        let ((v1, s1), (v2, s2)) = (self.parts(), other.parts());
        match (v1 && v2, s1 && s2) {
            (true, true) => Some(ConsentScope::VideoAndSlides),
            (true, false) => Some(ConsentScope::Video),
            (false, true) => Some(ConsentScope::Slides),
            (false, false) => None,
        }
    }
}

/// What of a lecture on `day` may be published: it has been given, and
/// every lecturer (`(name, scope of the consent in force)`) has consented,
/// to a form they all allow.
pub fn publishable(
    day: NaiveDate,
    lecturers: &[(String, Option<ConsentScope>)],
    today: NaiveDate,
) -> Result<ConsentScope, Refusal> {
    if day > today {
        return Err(Refusal::NotGiven { day });
    }
    let missing: Vec<&str> = lecturers
        .iter()
        .filter(|(_, s)| s.is_none())
        .map(|(n, _)| n.as_str())
        .collect();
    if !missing.is_empty() || lecturers.is_empty() {
        return Err(Refusal::NoConsent {
            names: missing.join("、"),
        });
    }
    lecturers
        .iter()
        .filter_map(|(_, s)| *s)
        .try_fold(ConsentScope::VideoAndSlides, |all, s| all.and(s))
        .ok_or(Refusal::NoCommonScope)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_consent_is_given_already_and_runs_until_today_at_least() {
        let today = d("2026-12-03");
        assert!(consent_period(d("2026-12-03"), d("2026-12-03"), today).is_ok());
        assert!(consent_period(d("2026-01-01"), d("2029-12-31"), today).is_ok());
        assert_eq!(
            consent_period(d("2026-12-04"), d("2027-12-31"), today),
            Err(("given_on", Problem::Courseware(Refusal::GivenInFuture)))
        );
        assert_eq!(
            consent_period(d("2026-06-01"), d("2026-05-31"), today),
            Err(("until", Problem::EndBeforeStart))
        );
        assert_eq!(
            consent_period(d("2026-06-01"), d("2026-12-02"), today),
            Err(("until", Problem::Courseware(Refusal::Expired)))
        );
    }

    #[test]
    fn a_consent_is_in_force_from_its_first_to_its_last_day_unless_revoked() {
        assert!(in_force("2026-01-01", "2026-12-03", false, "2026-12-03"));
        assert!(in_force("2026-12-03", "2027-01-01", false, "2026-12-03"));
        assert!(!in_force("2026-01-01", "2026-12-02", false, "2026-12-03"));
        assert!(!in_force("2026-12-04", "2027-01-01", false, "2026-12-03"));
        assert!(!in_force("2026-01-01", "2027-01-01", true, "2026-12-03"));
    }

    #[test]
    fn every_lecturer_must_consent_to_a_lecture_already_given() {
        let today = d("2026-12-03");
        let both = [
            ("甲".to_owned(), Some(ConsentScope::VideoAndSlides)),
            ("乙".to_owned(), Some(ConsentScope::Video)),
        ];
        assert_eq!(
            publishable(d("2026-12-03"), &both, today),
            Ok(ConsentScope::Video)
        );
        assert_eq!(
            publishable(d("2026-12-04"), &both, today),
            Err(Refusal::NotGiven {
                day: d("2026-12-04")
            })
        );
        let one = [
            ("甲".to_owned(), Some(ConsentScope::Slides)),
            ("乙".to_owned(), None),
            ("丙".to_owned(), None),
        ];
        assert_eq!(
            publishable(d("2026-11-01"), &one, today),
            Err(Refusal::NoConsent {
                names: "乙、丙".into()
            })
        );
        assert!(publishable(d("2026-11-01"), &[], today).is_err());
        let apart = [
            ("甲".to_owned(), Some(ConsentScope::Slides)),
            ("乙".to_owned(), Some(ConsentScope::Video)),
        ];
        assert_eq!(
            publishable(d("2026-11-01"), &apart, today),
            Err(Refusal::NoCommonScope)
        );
    }

    #[test]
    fn scopes_read_back_from_their_codes() {
        for s in ConsentScope::ALL {
            assert_eq!(ConsentScope::parse(s.as_str()), Some(*s));
        }
        assert_eq!(ConsentScope::parse("audio"), None);
    }
}
