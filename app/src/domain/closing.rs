//! Closing (Art. 8, R10): the unit submits the closing materials within
//! one calendar month after the programme's end date. A late closing is
//! accepted and flagged, with the same edges as filing (R3): the whole
//! due day counts, in Shanghai time.

use chrono::{Months, NaiveDate};

use super::shanghai_date;

/// The last day to close: one calendar month after the end (31 January
/// gives the last day of February).
pub fn closing_due(end: NaiveDate) -> NaiveDate {
    end.checked_add_months(Months::new(1)).unwrap_or(end)
}

/// Whether a closing submitted at `at` (Unix seconds) is late.
pub fn closing_late(end: NaiveDate, at: i64) -> bool {
    shanghai_date(at) > closing_due(end)
}

/// Whole days from `today` to the due day: negative once it has passed.
pub fn days_to_close(end: NaiveDate, today: NaiveDate) -> i64 {
    (closing_due(end) - today).num_days()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::SHANGHAI_OFFSET_SECS;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// Unix seconds of a Shanghai wall-clock time.
    fn at(date: &str, h: u32, m: u32, s: u32) -> i64 {
        d(date).and_hms_opt(h, m, s).unwrap().and_utc().timestamp()
            - i64::from(SHANGHAI_OFFSET_SECS)
    }

    #[test]
    fn closing_is_due_one_calendar_month_after_the_end() {
        assert_eq!(closing_due(d("2026-10-18")), d("2026-11-18"));
        assert_eq!(closing_due(d("2027-01-31")), d("2027-02-28"));
        assert_eq!(closing_due(d("2028-01-31")), d("2028-02-29"));
        assert_eq!(days_to_close(d("2026-10-18"), d("2026-11-08")), 10);
        assert_eq!(days_to_close(d("2026-10-18"), d("2026-11-19")), -1);
    }

    #[test]
    fn the_due_day_counts_to_its_last_second_in_shanghai() {
        let end = d("2026-10-18");
        assert!(!closing_late(end, at("2026-11-18", 23, 59, 59)));
        assert!(closing_late(end, at("2026-11-19", 0, 0, 0)));
        // 23:59 in Shanghai is 15:59 UTC the same day.
        assert!(!closing_late(end, at("2026-11-18", 23, 59, 0)));
    }
}
