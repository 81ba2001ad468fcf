//! Actual spending (Art. 17, 18; R11, R12, R15): lines in the six
//! categories, each naming its funding source. Judged against the fee
//! standards in force on the programme's start date:
//! - a lecture fee line (one lecturer, one course) per class hour by the
//!   lecturer's title;
//! - accommodation, meals, and venue with materials and transport, each
//!   as a category total per person-day of the programme (trainees times
//!   days: one figure for the programme, so splitting a category into
//!   lines changes nothing), and the three together against the day's
//!   whole cap.
//!
//! Trainees pay nothing but their own round-trip transport, which is not
//! the programme's spending at all: any line charged to trainees is a
//! violation flag.

use serde::{Deserialize, Serialize};

use super::fees::{over, FeeStandard, Over, TrainingCategory};
use super::money::{total, Fen};
use super::{ExpenseCategory, FundingSource, LecturerTitle};
use crate::error::Problem;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub category: ExpenseCategory,
    pub source: FundingSource,
    pub amount: Fen,
    /// A lecture fee's class hours (from the schedule) and the lecturer's
    /// title; `None` for the other categories.
    pub lecture: Option<(i64, LecturerTitle)>,
    /// Charged to the trainees themselves.
    pub charged_to_trainees: bool,
}

/// Why a line is flagged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Flag {
    /// R12: over the cap, by this much.
    OverCap(Over),
    /// R11: trainees charged for the programme.
    TraineeCharge,
}

/// A lecture fee needs its class hours and title; other lines have none.
pub fn check(line: &Line) -> Result<(), Problem> {
    match (line.category, line.lecture) {
        (ExpenseCategory::LectureFees, Some((hours, _))) if hours > 0 => Ok(()),
        (ExpenseCategory::LectureFees, _) => Err(Problem::Required),
        (_, None) => Ok(()),
        (_, Some(_)) => Err(Problem::InvalidChoice),
    }
}

/// What one lecturer may be paid for one course: its class hours at the
/// per-hour cap of the lecturer's title.
pub fn lecture_line_cap(s: &FeeStandard, hours: i64, title: LecturerTitle) -> Fen {
    Fen::from_fen(s.lecture_cap(title).fen().saturating_mul(hours.max(0))).unwrap_or(Fen::MAX)
}

/// What has been paid for each lecture (the lines with the same key)
/// before the line at `upto`.
pub fn paid_before<K: PartialEq + Copy>(lines: &[(Option<K>, &Line)], upto: usize, key: K) -> Fen {
    let fen: i64 = lines[..upto.min(lines.len())]
        .iter()
        .filter(|(k, l)| *k == Some(key) && l.lecture.is_some())
        .map(|(_, l)| l.amount.fen())
        .fold(0, i64::saturating_add);
    Fen::from_fen(fen).unwrap_or(Fen::MAX)
}

/// One line's flags on its own: a lecture fee over its cap, a charge to
/// trainees.
pub fn flags(line: &Line, s: &FeeStandard) -> Vec<Flag> {
    flags_in_order(&[(Some(()), line)], s)
        .pop()
        .unwrap_or_default()
}

/// Each line's flags, in entry order. A lecture fee is judged on what its
/// lecturer has been paid for the course so far (the lines with the same
/// `key`), so splitting a fee into lines changes nothing: the line that
/// goes past the cap carries the excess it adds.
pub fn flags_in_order<K: PartialEq + Copy>(
    lines: &[(Option<K>, &Line)],
    s: &FeeStandard,
) -> Vec<Vec<Flag>> {
    let mut paid: Vec<(K, i64)> = Vec::new();
    lines
        .iter()
        .map(|(key, line)| {
            let mut out = Vec::new();
            if let (Some(k), Some((hours, title))) = (key, line.lecture) {
                let before = paid.iter().find(|(x, _)| x == k).map_or(0, |p| p.1);
                let after = before.saturating_add(line.amount.fen());
                match paid.iter_mut().find(|(x, _)| x == k) {
                    Some(p) => p.1 = after,
                    None => paid.push((*k, after)),
                }
                let cap = lecture_line_cap(s, hours, title).fen();
                if after > cap {
                    out.push(Flag::OverCap(Over {
                        cap: Fen::from_fen(cap).unwrap_or(Fen::MAX),
                        excess: Fen::from_fen((after - cap).min(line.amount.fen()))
                            .unwrap_or(Fen::MAX),
                    }));
                }
            }
            if line.charged_to_trainees {
                out.push(Flag::TraineeCharge);
            }
            out
        })
        .collect()
}

/// What the per-day caps are judged on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DayGroup {
    Accommodation,
    Meals,
    VenueMaterialsTransport,
    /// The three together against the day's whole cap.
    Whole,
}

impl DayGroup {
    pub fn holds(self, c: ExpenseCategory) -> bool {
        use ExpenseCategory as E;
        match self {
            DayGroup::Accommodation => c == E::Accommodation,
            DayGroup::Meals => c == E::Meals,
            DayGroup::VenueMaterialsTransport => {
                matches!(c, E::Venue | E::Materials | E::Transport)
            }
            DayGroup::Whole => c != E::LectureFees,
        }
    }
}

/// The per-day groups over their caps, for a programme of `person_days`
/// (none to judge without any).
pub fn day_overs(
    lines: &[Line],
    s: &FeeStandard,
    c: TrainingCategory,
    person_days: i64,
) -> Vec<(DayGroup, Over)> {
    if person_days <= 0 {
        return Vec::new();
    }
    let caps = s.day_caps(c);
    [
        (DayGroup::Accommodation, caps.accommodation),
        (DayGroup::Meals, caps.meals),
        (
            DayGroup::VenueMaterialsTransport,
            caps.venue_materials_transport,
        ),
        (DayGroup::Whole, caps.total()),
    ]
    .into_iter()
    .filter_map(|(group, cap)| {
        let sum = total(
            lines
                .iter()
                .filter(|l| group.holds(l.category))
                .map(|l| l.amount),
        )
        .unwrap_or(Fen::MAX);
        over(cap, person_days, sum).map(|o| (group, o))
    })
    .collect()
}

/// Totals by category and by source, and the whole.
pub fn totals(lines: &[Line]) -> Result<([Fen; 6], [Fen; 4], Fen), Problem> {
    let mut categories = [Fen::ZERO; 6];
    for (slot, c) in categories.iter_mut().zip(ExpenseCategory::ALL) {
        *slot = total(lines.iter().filter(|l| l.category == c).map(|l| l.amount))?;
    }
    let mut sources = [Fen::ZERO; 4];
    for (slot, f) in sources.iter_mut().zip(FundingSource::ALL) {
        *slot = total(lines.iter().filter(|l| l.source == f).map(|l| l.amount))?;
    }
    let all = total(lines.iter().map(|l| l.amount))?;
    Ok((categories, sources, all))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn yuan(y: i64) -> Fen {
        Fen::from_fen(y * 100).unwrap()
    }

    fn standard() -> FeeStandard {
        FeeStandard::national(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap())
    }

    fn line(category: ExpenseCategory, amount: Fen) -> Line {
        Line {
            category,
            source: FundingSource::Government,
            amount,
            lecture: None,
            charged_to_trainees: false,
        }
    }

    fn lecture(amount: Fen) -> Line {
        Line {
            lecture: Some((4, LecturerTitle::FullSenior)),
            ..line(ExpenseCategory::LectureFees, amount)
        }
    }

    #[test]
    fn a_lecture_fee_at_its_cap_passes_and_one_fen_over_is_flagged() {
        let s = standard();
        assert!(flags(&lecture(yuan(4000)), &s).is_empty());
        assert_eq!(
            flags(&lecture(Fen::from_fen(400_001).unwrap()), &s),
            vec![Flag::OverCap(Over {
                cap: yuan(4000),
                excess: Fen::from_fen(1).unwrap()
            })]
        );
    }

    #[test]
    fn a_lecture_fee_split_into_lines_is_judged_as_one() {
        let s = standard();
        // 4 hours at 1,000 yuan: 4,000. Two lines of 2,000 pass; a third
        // of 500 carries the whole excess; another course is apart.
        let half = lecture(yuan(2000));
        let more = lecture(yuan(500));
        let lines = [
            (Some(1), &half),
            (Some(2), &half),
            (Some(1), &half),
            (Some(1), &more),
        ];
        let f = flags_in_order(&lines, &s);
        assert!(f[0].is_empty() && f[1].is_empty() && f[2].is_empty());
        assert_eq!(
            f[3],
            vec![Flag::OverCap(Over {
                cap: yuan(4000),
                excess: yuan(500)
            })]
        );
        let crossing = lecture(yuan(2001));
        let f = flags_in_order(&[(Some(1), &half), (Some(1), &crossing)], &s);
        assert_eq!(
            f[1],
            vec![Flag::OverCap(Over {
                cap: yuan(4000),
                excess: Fen::from_fen(100).unwrap()
            })]
        );
    }

    #[test]
    fn what_a_lecture_was_paid_before_counts_only_its_own_lines() {
        let s = standard();
        assert_eq!(
            lecture_line_cap(&s, 4, LecturerTitle::FullSenior),
            yuan(4000)
        );
        let half = lecture(yuan(2000));
        let meals = line(ExpenseCategory::Meals, yuan(7));
        let lines = [
            (Some(1), &half),
            (None, &meals),
            (Some(2), &half),
            (Some(1), &half),
        ];
        assert_eq!(paid_before(&lines, 3, 1), yuan(2000));
        assert_eq!(paid_before(&lines, 4, 1), yuan(4000));
        assert_eq!(paid_before(&lines, 0, 1), Fen::ZERO);
        assert_eq!(paid_before(&lines, 9, 2), yuan(2000));
    }

    #[test]
    fn accommodation_is_judged_as_a_total_per_person_day() {
        let s = standard();
        // 30 trainees for 5 days: 150 person-days; two lines of 30,000.
        let lines = [
            line(ExpenseCategory::Accommodation, yuan(30_000)),
            line(ExpenseCategory::Accommodation, yuan(30_000)),
        ];
        assert!(day_overs(&lines, &s, TrainingCategory::First, 150).is_empty());
        let third = day_overs(&lines, &s, TrainingCategory::Third, 150);
        assert_eq!(
            third,
            vec![
                (
                    DayGroup::Accommodation,
                    Over {
                        cap: yuan(51_000),
                        excess: yuan(9_000)
                    }
                ),
                // 550 a day: 82,500 for the whole; 60,000 is within it.
            ]
        );
    }

    #[test]
    fn the_whole_day_cap_holds_the_items_together() {
        let s = standard();
        let c = TrainingCategory::Third;
        // At each item's cap: 340 + 130 + 50 = 520 a day, under 550.
        let at = [
            line(ExpenseCategory::Accommodation, yuan(340)),
            line(ExpenseCategory::Meals, yuan(130)),
            line(ExpenseCategory::Venue, yuan(30)),
            line(ExpenseCategory::Materials, yuan(10)),
            line(ExpenseCategory::Transport, yuan(10)),
            lecture(yuan(4000)),
        ];
        assert!(day_overs(&at, &s, c, 1).is_empty());
        let mut more = at.to_vec();
        more[4].amount = Fen::from_fen(1_001).unwrap();
        assert_eq!(
            day_overs(&more, &s, c, 1),
            vec![(
                DayGroup::VenueMaterialsTransport,
                Over {
                    cap: yuan(50),
                    excess: Fen::from_fen(1).unwrap()
                }
            )]
        );
        more[0].amount = yuan(370);
        let groups: Vec<DayGroup> = day_overs(&more, &s, c, 1).iter().map(|g| g.0).collect();
        assert_eq!(
            groups,
            [
                DayGroup::Accommodation,
                DayGroup::VenueMaterialsTransport,
                DayGroup::Whole
            ]
        );
        assert!(day_overs(&more, &s, c, 0).is_empty());
    }

    #[test]
    fn any_charge_to_trainees_is_flagged() {
        let s = standard();
        let mut fare = line(ExpenseCategory::Transport, yuan(100));
        fare.charged_to_trainees = true;
        assert_eq!(flags(&fare, &s), vec![Flag::TraineeCharge]);
        assert!(flags(&line(ExpenseCategory::Materials, yuan(10)), &s).is_empty());
    }

    #[test]
    fn a_lecture_fee_needs_its_hours_and_only_it_has_them() {
        let mut l = lecture(yuan(1));
        assert_eq!(check(&l), Ok(()));
        l.lecture = None;
        assert_eq!(check(&l), Err(Problem::Required));
        let mut meals = line(ExpenseCategory::Meals, yuan(1));
        assert_eq!(check(&meals), Ok(()));
        meals.lecture = Some((2, LecturerTitle::MidOrBelow));
        assert_eq!(check(&meals), Err(Problem::InvalidChoice));
    }

    #[test]
    fn categories_and_sources_add_up_to_the_same_total() {
        let mut a = line(ExpenseCategory::Meals, Fen::from_fen(12_345).unwrap());
        a.source = FundingSource::Unit;
        let b = line(ExpenseCategory::Venue, Fen::from_fen(1).unwrap());
        let (cats, sources, all) = totals(&[a, b]).unwrap();
        assert_eq!(all, Fen::from_fen(12_346).unwrap());
        assert_eq!(total(cats).unwrap(), all);
        assert_eq!(total(sources).unwrap(), all);
        assert_eq!(sources[1], Fen::from_fen(12_345).unwrap());
    }
}
