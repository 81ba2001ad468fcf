//! Inspections and sanctions (Art. 19, 21; R17 feeding R2). An inspector
//! records what was checked and what was found; a finding requires the
//! unit to rectify by a date, the unit reports, and the inspection is
//! closed or sent back. A sanction follows a finding: a warning, a
//! recovery of funds (what was recovered is recorded as it comes in), or
//! a disqualification for a period, which stops the unit proposing.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{shanghai_date, Fen};
use crate::error::Problem;

/// Where an inspection stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InspectionStatus {
    /// A finding awaits the unit's rectification report.
    Rectifying,
    /// The unit reported; the inspector decides.
    Reported,
    /// Nothing found, or the rectification accepted.
    Closed,
}

impl InspectionStatus {
    pub const ALL: [InspectionStatus; 3] = [
        InspectionStatus::Rectifying,
        InspectionStatus::Reported,
        InspectionStatus::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            InspectionStatus::Rectifying => "rectifying",
            InspectionStatus::Reported => "reported",
            InspectionStatus::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<InspectionStatus> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// What happens to an inspection after it is recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    /// The unit sends its rectification report.
    Report,
    /// The inspector accepts the rectification.
    Accept,
    /// The inspector sends the report back: the rectification goes on.
    Return,
}

/// The status after `step`, or `None` where the step does not apply.
pub fn after(status: InspectionStatus, step: Step) -> Option<InspectionStatus> {
    use InspectionStatus as S;
    match (status, step) {
        (S::Rectifying, Step::Report) => Some(S::Reported),
        (S::Reported, Step::Accept) => Some(S::Closed),
        (S::Reported, Step::Return) => Some(S::Rectifying),
        _ => None,
    }
}

/// The status an inspection starts in, and the date to rectify by: a
/// finding needs a date after `today`; without one the inspection is
/// closed at once and a date given is ignored.
pub fn opening(
    findings: bool,
    rectify_by: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<(InspectionStatus, Option<NaiveDate>), Problem> {
    match (findings, rectify_by) {
        (false, _) => Ok((InspectionStatus::Closed, None)),
        (true, None) => Err(Problem::Required),
        (true, Some(d)) => Ok((InspectionStatus::Rectifying, Some(rectify_date(d, today)?))),
    }
}

/// A date to rectify by: after `today`, so the unit has at least a day.
pub fn rectify_date(d: NaiveDate, today: NaiveDate) -> Result<NaiveDate, Problem> {
    if d <= today {
        Err(Problem::InPast)
    } else {
        Ok(d)
    }
}

/// The date a report sent back is due by: `new` if given, else the old
/// one while it has not passed (sent back past it, the unit would be late
/// the moment it answered, so a new one is needed).
pub fn return_date(
    new: Option<NaiveDate>,
    old: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<Option<NaiveDate>, Problem> {
    match (new, old) {
        (Some(d), _) => rectify_date(d, today).map(Some),
        (None, Some(o)) if o <= today => Err(Problem::Required),
        (None, _) => Ok(None),
    }
}

/// A report sent at `at` (Unix seconds) after the whole day `rectify_by`
/// (Shanghai time) is late: accepted, and marked.
pub fn report_late(rectify_by: NaiveDate, at: i64) -> bool {
    shanghai_date(at) > rectify_by
}

/// What a sanction imposes (Art. 21).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SanctionKind {
    Warning,
    /// Part or all of the funds granted are recovered.
    Recovery,
    /// The unit may not propose programmes during the period (R2).
    Disqualification,
}

impl SanctionKind {
    pub const ALL: [SanctionKind; 3] = [
        SanctionKind::Warning,
        SanctionKind::Recovery,
        SanctionKind::Disqualification,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SanctionKind::Warning => "warning",
            SanctionKind::Recovery => "recovery",
            SanctionKind::Disqualification => "disqualification",
        }
    }

    pub fn parse(s: &str) -> Option<SanctionKind> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// A sanction's terms, each present only for the kind that has it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Terms {
    pub kind: SanctionKind,
    /// To recover; zero unless a recovery.
    pub amount: Fen,
    /// The disqualification's first and last day, inclusive.
    pub period: Option<(NaiveDate, NaiveDate)>,
}

/// The terms of a sanction of `kind`, from what the form gave: a recovery
/// needs an amount above zero, a disqualification a period that ends on
/// or after its start and not before `today` (one already over would
/// stop nothing). Problems are named by field.
pub fn terms(
    kind: SanctionKind,
    amount: Option<Fen>,
    from: Option<NaiveDate>,
    until: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<Terms, Vec<(&'static str, Problem)>> {
    let mut problems = Vec::new();
    let amount = match kind {
        SanctionKind::Recovery => match amount {
            Some(a) if a.fen() > 0 => a,
            Some(_) => {
                problems.push(("amount", Problem::BelowMinimum { min: 1 }));
                Fen::ZERO
            }
            None => {
                problems.push(("amount", Problem::Required));
                Fen::ZERO
            }
        },
        _ => Fen::ZERO,
    };
    let period = match kind {
        SanctionKind::Disqualification => {
            if from.is_none() {
                problems.push(("from_date", Problem::Required));
            }
            if until.is_none() {
                problems.push(("until_date", Problem::Required));
            }
            match (from, until) {
                (Some(f), Some(u)) if u < f => {
                    problems.push(("until_date", Problem::EndBeforeStart));
                    None
                }
                (Some(_), Some(u)) if u < today => {
                    problems.push(("until_date", Problem::InPast));
                    None
                }
                (Some(f), Some(u)) => Some((f, u)),
                _ => None,
            }
        }
        _ => None,
    };
    if problems.is_empty() {
        Ok(Terms {
            kind,
            amount,
            period,
        })
    } else {
        Err(problems)
    }
}

/// What has been recovered once `add` more comes in: never more than the
/// amount to recover.
pub fn recovered(so_far: Fen, add: Fen, amount: Fen) -> Result<Fen, Problem> {
    if add.fen() <= 0 {
        return Err(Problem::BelowMinimum { min: 1 });
    }
    let total = so_far.checked_add(add).ok_or(Problem::TooLarge)?;
    if total.fen() > amount.fen() {
        return Err(Problem::OverRecovery {
            left_fen: amount.fen() - so_far.fen(),
        });
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn fen(n: i64) -> Fen {
        Fen::from_fen(n).unwrap()
    }

    #[test]
    fn a_finding_needs_a_date_after_today_and_none_closes_at_once() {
        let today = d("2026-12-03");
        assert_eq!(
            opening(false, Some(d("2027-01-01")), today),
            Ok((InspectionStatus::Closed, None))
        );
        assert_eq!(opening(true, None, today), Err(Problem::Required));
        assert_eq!(opening(true, Some(today), today), Err(Problem::InPast));
        assert_eq!(
            opening(true, Some(d("2026-12-04")), today),
            Ok((InspectionStatus::Rectifying, Some(d("2026-12-04"))))
        );
    }

    #[test]
    fn a_report_sent_back_keeps_its_date_until_it_passes() {
        let today = d("2026-12-03");
        let later = Some(d("2026-12-10"));
        assert_eq!(return_date(None, later, today), Ok(None));
        assert_eq!(
            return_date(None, Some(today), today),
            Err(Problem::Required)
        );
        assert_eq!(return_date(Some(today), later, today), Err(Problem::InPast));
        assert_eq!(return_date(later, Some(today), today), Ok(later));
    }

    #[test]
    fn the_rectification_goes_back_and_forth_until_accepted() {
        use InspectionStatus as S;
        assert_eq!(after(S::Rectifying, Step::Report), Some(S::Reported));
        assert_eq!(after(S::Reported, Step::Return), Some(S::Rectifying));
        assert_eq!(after(S::Reported, Step::Accept), Some(S::Closed));
        for step in [Step::Report, Step::Accept, Step::Return] {
            assert_eq!(after(S::Closed, step), None);
        }
        assert_eq!(after(S::Rectifying, Step::Accept), None);
        assert_eq!(after(S::Reported, Step::Report), None);
    }

    #[test]
    fn a_report_is_late_from_the_day_after_the_date_in_shanghai() {
        // 2026-12-10 23:59 and 2026-12-11 00:00 in Shanghai (UTC+8).
        let last_minute = 1_796_918_340;
        assert!(!report_late(d("2026-12-10"), last_minute));
        assert!(report_late(d("2026-12-10"), last_minute + 60));
    }

    #[test]
    fn each_kind_of_sanction_needs_its_own_terms() {
        use SanctionKind as K;
        let today = d("2026-12-03");
        let terms = |k, a, f, u| terms(k, a, f, u, today);
        assert_eq!(
            terms(K::Warning, Some(fen(5)), Some(d("2027-01-01")), None)
                .unwrap()
                .period,
            None
        );
        assert_eq!(
            terms(K::Recovery, None, None, None),
            Err(vec![("amount", Problem::Required)])
        );
        assert_eq!(
            terms(K::Recovery, Some(Fen::ZERO), None, None),
            Err(vec![("amount", Problem::BelowMinimum { min: 1 })])
        );
        assert_eq!(
            terms(K::Recovery, Some(fen(1)), None, None).unwrap().amount,
            fen(1)
        );
        assert_eq!(
            terms(K::Disqualification, None, None, None),
            Err(vec![
                ("from_date", Problem::Required),
                ("until_date", Problem::Required)
            ])
        );
        assert_eq!(
            terms(
                K::Disqualification,
                None,
                Some(d("2027-01-02")),
                Some(d("2027-01-01"))
            ),
            Err(vec![("until_date", Problem::EndBeforeStart)])
        );
        // A period already over stops nothing; one ending today still does.
        assert_eq!(
            terms(
                K::Disqualification,
                None,
                Some(d("2026-01-01")),
                Some(d("2026-12-02"))
            ),
            Err(vec![("until_date", Problem::InPast)])
        );
        assert!(terms(
            K::Disqualification,
            None,
            Some(d("2026-12-01")),
            Some(today)
        )
        .is_ok());
        let one_day = terms(
            K::Disqualification,
            None,
            Some(d("2027-01-01")),
            Some(d("2027-01-01")),
        );
        assert_eq!(
            one_day.unwrap().period,
            Some((d("2027-01-01"), d("2027-01-01")))
        );
    }

    #[test]
    fn no_more_is_recovered_than_is_owed() {
        assert_eq!(recovered(fen(0), fen(100), fen(100)), Ok(fen(100)));
        assert_eq!(
            recovered(fen(60), fen(41), fen(100)),
            Err(Problem::OverRecovery { left_fen: 40 })
        );
        assert_eq!(
            recovered(fen(0), fen(0), fen(100)),
            Err(Problem::BelowMinimum { min: 1 })
        );
    }
}
