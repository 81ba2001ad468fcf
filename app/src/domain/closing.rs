//! Closing (Art. 8, R10): the unit submits the closing materials within
//! one calendar month after the programme's end date. A late closing is
//! accepted and flagged, with the same edges as filing (R3): the whole
//! due day counts, in Shanghai time.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

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

/// Where a version of the closing materials stands. Every version is kept:
/// a returned one stays beside the one sent after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClosingStatus {
    /// Sent, awaiting the province's review; the account is locked.
    Submitted,
    /// Sent back with reasons; the account is open again.
    Returned,
    /// Accepted: the programme is closed and its account final.
    Accepted,
}

impl ClosingStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ClosingStatus::Submitted => "submitted",
            ClosingStatus::Returned => "returned",
            ClosingStatus::Accepted => "accepted",
        }
    }

    pub fn parse(s: &str) -> Option<ClosingStatus> {
        [
            ClosingStatus::Submitted,
            ClosingStatus::Returned,
            ClosingStatus::Accepted,
        ]
        .into_iter()
        .find(|c| c.as_str() == s)
    }

    /// While a version awaits review or has been accepted, the spending
    /// account it was made from may not change.
    pub fn holds_account(self) -> bool {
        self != ClosingStatus::Returned
    }
}

/// Why the closing materials cannot be sent (or the account changed).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// Before the programme's last day is over.
    NotEnded { end: String },
    /// A version awaits review, or the closing was accepted.
    AlreadySent,
    /// The stamped final expense account (a PDF scan) is not uploaded.
    NoScan,
    /// No spending line is entered.
    NoSpending,
    /// R15: the funds received differ from the spending; funds minus
    /// spending, in fen.
    Unbalanced { diff: i64 },
    /// The account is part of closing materials awaiting review.
    AccountLocked,
    /// The account is final: the closing was accepted.
    AccountClosed,
    /// The programme's filing was never acknowledged: it did not run as
    /// filed, so there is nothing to close.
    NotFiled,
    /// At most this many other attachments go with one version.
    TooManyFiles { max: i64 },
}

/// Whether the unit may send its closing materials now: after the last
/// day (Shanghai), with none awaiting review or accepted, the stamped
/// account uploaded, and R15 holding to the fen.
pub struct Sending {
    /// The latest filing was acknowledged.
    pub filed: bool,
    pub end: NaiveDate,
    pub today: NaiveDate,
    pub latest: Option<ClosingStatus>,
    pub has_scan: bool,
    pub lines: usize,
    /// Spending and funds received, in fen.
    pub spent: i64,
    pub funds: i64,
}

impl Sending {
    /// Every refusal that applies, the state first.
    pub fn refusals(&self) -> Vec<Refusal> {
        let mut out = Vec::new();
        if !self.filed {
            out.push(Refusal::NotFiled);
        }
        if self.today <= self.end {
            out.push(Refusal::NotEnded {
                end: self.end.to_string(),
            });
        }
        if self.latest.is_some_and(ClosingStatus::holds_account) {
            out.push(Refusal::AlreadySent);
        }
        if self.lines == 0 {
            out.push(Refusal::NoSpending);
        } else if self.funds != self.spent {
            out.push(Refusal::Unbalanced {
                diff: self.funds - self.spent,
            });
        }
        if !self.has_scan {
            out.push(Refusal::NoScan);
        }
        out
    }
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

    fn sending(today: &str) -> Sending {
        Sending {
            filed: true,
            end: d("2026-10-18"),
            today: d(today),
            latest: None,
            has_scan: true,
            lines: 3,
            spent: 100_000,
            funds: 100_000,
        }
    }

    #[test]
    fn materials_are_sent_after_the_last_day_balanced_to_the_fen() {
        assert_eq!(sending("2026-10-19").refusals(), vec![]);
        assert_eq!(
            sending("2026-10-18").refusals(),
            vec![Refusal::NotEnded {
                end: "2026-10-18".into()
            }]
        );
        let mut short = sending("2026-11-30");
        short.funds -= 1;
        assert_eq!(short.refusals(), vec![Refusal::Unbalanced { diff: -1 }]);
        short.funds += 2;
        assert_eq!(short.refusals(), vec![Refusal::Unbalanced { diff: 1 }]);
        let mut bare = sending("2026-10-19");
        bare.lines = 0;
        bare.has_scan = false;
        assert_eq!(bare.refusals(), vec![Refusal::NoSpending, Refusal::NoScan]);
        bare.filed = false;
        assert_eq!(bare.refusals()[0], Refusal::NotFiled);
    }

    #[test]
    fn a_returned_version_may_be_followed_by_another_but_not_a_pending_one() {
        let mut s = sending("2026-10-19");
        s.latest = Some(ClosingStatus::Returned);
        assert!(s.refusals().is_empty());
        for held in [ClosingStatus::Submitted, ClosingStatus::Accepted] {
            s.latest = Some(held);
            assert_eq!(s.refusals(), vec![Refusal::AlreadySent]);
        }
    }
}
