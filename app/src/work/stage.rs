use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::prep::FilingStatus;

/// Where a published programme stands, from its filing and its dates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stage {
    /// Not filed yet: due on `due`, `days` left (negative: overdue).
    Preparing {
        due: String,
        days: i64,
    },
    /// Returned by the province: to correct and file again by `due`.
    Returned {
        due: String,
        days: i64,
    },
    /// Filed, awaiting acknowledgement.
    Filed,
    /// Acknowledged; applications open until `until`.
    Enrolling {
        until: String,
    },
    /// Acknowledged, applications closed, not started.
    Ready {
        starts: String,
    },
    Running,
    Finished,
}

/// What the stage is computed from.
pub struct StageInput<'a> {
    pub filing: Option<FilingStatus>,
    pub apply_until: Option<&'a str>,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub today: NaiveDate,
}

impl Stage {
    pub fn of(i: &StageInput) -> Stage {
        let due = crate::domain::filing_due(i.start);
        let days = (due - i.today).num_days();
        let due_s = due.to_string();
        if i.today > i.end {
            return Stage::Finished;
        }
        if i.today >= i.start && i.filing == Some(FilingStatus::Acknowledged) {
            return Stage::Running;
        }
        match i.filing {
            None => Stage::Preparing { due: due_s, days },
            Some(FilingStatus::Returned) => Stage::Returned { due: due_s, days },
            Some(FilingStatus::Filed) => Stage::Filed,
            Some(FilingStatus::Acknowledged) => match i.apply_until {
                Some(u) if u >= i.today.to_string().as_str() => Stage::Enrolling {
                    until: u.to_owned(),
                },
                _ => Stage::Ready {
                    starts: i.start.to_string(),
                },
            },
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            Stage::Preparing { .. } => "preparing",
            Stage::Returned { .. } => "returned",
            Stage::Filed => "filed",
            Stage::Enrolling { .. } => "enrolling",
            Stage::Ready { .. } => "ready",
            Stage::Running => "running",
            Stage::Finished => "finished",
        }
    }

    /// Whether the schedule and vettings may still change (not filed).
    pub fn preparing(&self) -> bool {
        matches!(self, Stage::Preparing { .. } | Stage::Returned { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn at(filing: Option<FilingStatus>, today: &str) -> Stage {
        Stage::of(&StageInput {
            filing,
            apply_until: Some("2027-05-01"),
            start: d("2027-05-10"),
            end: d("2027-05-14"),
            today: d(today),
        })
    }

    #[test]
    fn a_programme_moves_from_preparing_to_finished() {
        assert_eq!(
            at(None, "2027-04-05"),
            Stage::Preparing {
                due: "2027-04-10".into(),
                days: 5
            }
        );
        assert_eq!(
            at(Some(FilingStatus::Returned), "2027-04-12"),
            Stage::Returned {
                due: "2027-04-10".into(),
                days: -2
            }
        );
        assert_eq!(at(Some(FilingStatus::Filed), "2027-04-12"), Stage::Filed);
        assert_eq!(
            at(Some(FilingStatus::Acknowledged), "2027-05-01"),
            Stage::Enrolling {
                until: "2027-05-01".into()
            }
        );
        assert_eq!(
            at(Some(FilingStatus::Acknowledged), "2027-05-02"),
            Stage::Ready {
                starts: "2027-05-10".into()
            }
        );
        assert_eq!(
            at(Some(FilingStatus::Acknowledged), "2027-05-10"),
            Stage::Running
        );
        assert_eq!(
            at(Some(FilingStatus::Acknowledged), "2027-05-15"),
            Stage::Finished
        );
    }

    #[test]
    fn a_filing_met_on_its_due_day_is_not_shown_as_overdue() {
        // Filed on time, the programme is "filed", never "overdue".
        assert_eq!(at(Some(FilingStatus::Filed), "2027-04-20"), Stage::Filed);
        assert!(matches!(
            at(None, "2027-04-10"),
            Stage::Preparing { days: 0, .. }
        ));
    }
}
