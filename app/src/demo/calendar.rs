//! When things happen in the demo: every date is counted from today, so
//! the demo looks current whenever it is loaded.

use chrono::{Datelike, Days, NaiveDate};

use crate::domain::{filing_due, shanghai_date, SHANGHAI_OFFSET_SECS};

#[derive(Clone, Copy, Debug)]
pub struct Calendar {
    pub today: NaiveDate,
    /// The real time of loading; nothing in the demo happens after it.
    pub now: i64,
}

impl Calendar {
    pub fn new(now: i64) -> Calendar {
        Calendar {
            today: shanghai_date(now),
            now,
        }
    }

    /// `days` from today (negative: before).
    pub fn day(&self, days: i64) -> NaiveDate {
        shift(self.today, days)
    }

    /// A Shanghai date and time of day as Unix seconds, never later than
    /// an hour before loading.
    pub fn at(&self, date: NaiveDate, hour: u32, minute: u32) -> i64 {
        let t = date
            .and_hms_opt(hour, minute, 0)
            .map(|t| t.and_utc().timestamp() - i64::from(SHANGHAI_OFFSET_SECS))
            .unwrap_or(self.now);
        t.min(self.now - 3600)
    }
}

pub fn shift(date: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        date + Days::new(days as u64)
    } else {
        date - Days::new(days.unsigned_abs())
    }
}

/// A programme of `days` days starting about `start`: moved to the next
/// 2 January when it would run across a new year, since a programme lies
/// within its plan's year.
pub fn programme_dates(start: NaiveDate, days: i64) -> (NaiveDate, NaiveDate) {
    let end = shift(start, days - 1);
    if end.year() == start.year() {
        return (start, end);
    }
    let start = NaiveDate::from_ymd_opt(end.year(), 1, 2).unwrap_or(end);
    (start, shift(start, days - 1))
}

/// The filing due date of a programme (R3).
pub fn due(start: NaiveDate) -> NaiveDate {
    filing_due(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_programme_never_runs_across_a_new_year() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 29).unwrap();
        let (s, e) = programme_dates(d, 5);
        assert_eq!(s, NaiveDate::from_ymd_opt(2027, 1, 2).unwrap());
        assert_eq!(e, NaiveDate::from_ymd_opt(2027, 1, 6).unwrap());
        let d = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        assert_eq!(
            programme_dates(d, 5).1,
            NaiveDate::from_ymd_opt(2026, 6, 5).unwrap()
        );
    }
}
