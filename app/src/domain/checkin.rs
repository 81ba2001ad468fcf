//! When a course's check-in code is accepted. Judged on the server at the
//! moment a phone opens the code's link; the projector page counts down
//! with the same numbers.

use chrono::{NaiveDate, NaiveTime};

use super::SHANGHAI_OFFSET_SECS;

/// A projected code changes this often.
pub const STEP_SECONDS: i64 = 30;
/// A code opened this long after it changed still counts: the phone read
/// it while it was shown, and the page took a moment to arrive.
pub const GRACE_SECONDS: i64 = 10;
/// Check-in opens this long before the course starts; it closes when the
/// course ends.
pub const OPENS_BEFORE_SECONDS: i64 = 15 * 60;

/// Why a scan did not check the trainee in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Before the window; check-in opens at `opens` (Unix seconds).
    NotYet { opens: i64 },
    /// The course has ended.
    Over,
    /// The code had changed (photographed and forwarded, or old).
    Expired,
    /// Not a code this system made.
    Forged,
    /// The signed-in person is not admitted to the course's programme.
    NotAdmitted,
}

impl Refusal {
    /// A short code for the result page's address.
    pub fn as_str(self) -> &'static str {
        match self {
            Refusal::NotYet { .. } => "not_yet",
            Refusal::Over => "over",
            Refusal::Expired => "expired",
            Refusal::Forged => "forged",
            Refusal::NotAdmitted => "not_admitted",
        }
    }
}

/// The time a code is shown for: its step number.
pub fn step_at(unix: i64) -> i64 {
    unix.div_euclid(STEP_SECONDS)
}

/// Whether a code of `step` is still accepted at `at`.
pub fn step_accepts(step: i64, at: i64) -> bool {
    let shown = step.saturating_mul(STEP_SECONDS);
    at >= shown && at < shown.saturating_add(STEP_SECONDS + GRACE_SECONDS)
}

/// Seconds until the code of `at` changes.
pub fn seconds_left(at: i64) -> i64 {
    STEP_SECONDS - at.rem_euclid(STEP_SECONDS)
}

/// A course's check-in window, `[opens, closes)` in Unix seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub opens: i64,
    pub closes: i64,
}

impl Window {
    /// From a course's day and `HH:MM` times, Shanghai local.
    pub fn of(day: &str, start: &str, end: &str) -> Option<Window> {
        let day = NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?;
        let unix = |t: &str| {
            let t = NaiveTime::parse_from_str(t, "%H:%M").ok()?;
            Some(day.and_time(t).and_utc().timestamp() - SHANGHAI_OFFSET_SECS as i64)
        };
        Some(Window {
            opens: unix(start)? - OPENS_BEFORE_SECONDS,
            closes: unix(end)?,
        })
    }

    pub fn judge(self, at: i64) -> Result<(), Refusal> {
        if at < self.opens {
            Err(Refusal::NotYet { opens: self.opens })
        } else if at >= self.closes {
            Err(Refusal::Over)
        } else {
            Ok(())
        }
    }

    pub fn is_open(self, at: i64) -> bool {
        self.judge(at).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2026-12-01 09:00 in Shanghai is 01:00 UTC.
    const NINE: i64 = 1_796_086_800;

    #[test]
    fn the_window_opens_fifteen_minutes_before_and_closes_at_the_end() {
        let w = Window::of("2026-12-01", "09:00", "11:30").unwrap();
        assert_eq!(w.opens, NINE - 900);
        assert_eq!(
            w.judge(NINE - 901),
            Err(Refusal::NotYet { opens: NINE - 900 })
        );
        assert_eq!(w.judge(NINE - 900), Ok(()));
        assert_eq!(w.judge(NINE + 9000 - 1), Ok(()));
        assert_eq!(w.judge(NINE + 9000), Err(Refusal::Over));
    }

    #[test]
    fn a_code_counts_while_shown_and_briefly_after() {
        let step = step_at(NINE);
        assert!(!step_accepts(step, NINE - 1));
        assert!(step_accepts(step, NINE));
        assert!(step_accepts(step, NINE + STEP_SECONDS + GRACE_SECONDS - 1));
        assert!(!step_accepts(step, NINE + STEP_SECONDS + GRACE_SECONDS));
        assert_eq!(seconds_left(NINE), 30);
        assert_eq!(seconds_left(NINE + 29), 1);
    }
}
