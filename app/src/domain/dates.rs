use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::Problem;

/// A programme's planned first and last day, both in the plan's year, the
/// last not before the first (topic proposals, Art. 4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedDates {
    start: NaiveDate,
    end: NaiveDate,
}

/// Which field a date problem belongs to.
pub type DateProblems = Vec<(&'static str, Problem)>;

impl PlannedDates {
    pub fn parse(start: &str, end: &str, year: i32) -> Result<PlannedDates, DateProblems> {
        let day = |raw: &str| -> Result<NaiveDate, Problem> {
            let d = super::time::parse_date(raw)?;
            if d.year() != year {
                return Err(Problem::OutsideYear { year });
            }
            Ok(d)
        };
        match (day(start), day(end)) {
            (Ok(start), Ok(end)) if end < start => Err(vec![("end_date", Problem::EndBeforeStart)]),
            (Ok(start), Ok(end)) => Ok(PlannedDates { start, end }),
            (s, e) => Err([("start_date", s.err()), ("end_date", e.err())]
                .into_iter()
                .filter_map(|(f, p)| p.map(|p| (f, p)))
                .collect()),
        }
    }

    pub fn start(self) -> NaiveDate {
        self.start
    }

    pub fn end(self) -> NaiveDate {
        self.end
    }

    /// Days on site, counting both ends (a one-day programme has one day).
    pub fn days(self) -> i64 {
        (self.end - self.start).num_days() + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_year_with_the_end_not_before_the_start_pass() {
        let d = PlannedDates::parse("2027-05-10", "2027-05-14", 2027).unwrap();
        assert_eq!(d.days(), 5);
        assert_eq!(
            PlannedDates::parse("2027-05-10", "2027-05-10", 2027)
                .unwrap()
                .days(),
            1
        );
    }

    #[test]
    fn wrong_dates_are_named_by_field() {
        assert_eq!(
            PlannedDates::parse("2027-05-14", "2027-05-13", 2027),
            Err(vec![("end_date", Problem::EndBeforeStart)])
        );
        assert_eq!(
            PlannedDates::parse("2026-12-31", "2027-01-02", 2027),
            Err(vec![("start_date", Problem::OutsideYear { year: 2027 })])
        );
        assert_eq!(
            PlannedDates::parse("", "2027-02-30", 2027),
            Err(vec![
                ("start_date", Problem::Required),
                ("end_date", Problem::NotADate)
            ])
        );
    }
}
