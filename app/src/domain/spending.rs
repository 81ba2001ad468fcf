//! Actual spending (Art. 17, 18; R11, R12, R15), line by line: each line
//! is in one of the six categories and names its funding source, so the
//! sources add up to the total by construction. Lines are judged against
//! the fee standards in force on the programme's start date: lecture fees
//! per class hour by the lecturer's title, accommodation and meals per
//! person-day, and venue, materials and transport together per
//! person-day. Trainees pay nothing but their own round-trip transport:
//! any other charge to trainees is a violation flag.

use serde::{Deserialize, Serialize};

use super::fees::{over, FeeStandard, Over, TrainingCategory};
use super::money::{total, Fen};
use super::{ExpenseCategory, FundingSource, LecturerTitle};
use crate::error::Problem;

/// What a line is measured by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Measure {
    /// A lecture fee: class hours (from the schedule) by a lecturer of
    /// this title.
    Lecture { hours: i64, title: LecturerTitle },
    /// Person-days (trainees times days) for the per-day caps.
    PersonDays(i64),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub category: ExpenseCategory,
    pub source: FundingSource,
    pub amount: Fen,
    pub measure: Measure,
    /// Charged to the trainees themselves.
    pub charged_to_trainees: bool,
}

/// Why a line is flagged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Flag {
    /// R12: over the cap, by this much.
    OverCap(Over),
    /// R11: trainees charged for something other than their own
    /// round-trip transport.
    TraineeCharge,
}

/// A line's measure must fit its category: lecture fees by class hours,
/// everything else by person-days.
pub fn check(line: &Line) -> Result<(), Problem> {
    match (line.category, line.measure) {
        (ExpenseCategory::LectureFees, Measure::Lecture { hours, .. }) if hours > 0 => Ok(()),
        (ExpenseCategory::LectureFees, _) => Err(Problem::Required),
        (_, Measure::PersonDays(n)) if n > 0 => Ok(()),
        _ => Err(Problem::Required),
    }
}

/// The per-day cap a category's lines share, if any.
fn day_cap(category: ExpenseCategory, s: &FeeStandard, c: TrainingCategory) -> Option<Fen> {
    let caps = s.day_caps(c);
    match category {
        ExpenseCategory::Accommodation => Some(caps.accommodation),
        ExpenseCategory::Meals => Some(caps.meals),
        ExpenseCategory::Venue | ExpenseCategory::Materials | ExpenseCategory::Transport => {
            Some(caps.venue_materials_transport)
        }
        ExpenseCategory::LectureFees => None,
    }
}

/// The trainees' own round-trip fares: theirs to pay, outside the
/// training's fee caps.
fn own_fares(line: &Line) -> bool {
    line.charged_to_trainees && line.category == ExpenseCategory::Transport
}

/// One line's flags, against the standard in force.
pub fn flags(line: &Line, s: &FeeStandard, c: TrainingCategory) -> Vec<Flag> {
    let mut out = Vec::new();
    if own_fares(line) {
        return out;
    }
    let capped = match line.measure {
        Measure::Lecture { hours, title } => over(s.lecture_cap(title), hours, line.amount),
        Measure::PersonDays(days) => {
            day_cap(line.category, s, c).and_then(|cap| over(cap, days, line.amount))
        }
    };
    out.extend(capped.map(Flag::OverCap));
    if line.charged_to_trainees {
        out.push(Flag::TraineeCharge);
    }
    out
}

/// Venue, materials and transport share one per-day cap: their lines
/// together (the trainees' own fares aside) against it, for
/// `person_days` of the programme.
pub fn shared_over(
    lines: &[Line],
    s: &FeeStandard,
    c: TrainingCategory,
    person_days: i64,
) -> Option<Over> {
    let shared = lines.iter().filter(|l| {
        !own_fares(l)
            && matches!(
                l.category,
                ExpenseCategory::Venue | ExpenseCategory::Materials | ExpenseCategory::Transport
            )
    });
    let sum = total(shared.map(|l| l.amount)).unwrap_or(Fen::MAX);
    over(s.day_caps(c).venue_materials_transport, person_days, sum)
}

/// Totals by category and by source (R15: both add up to the same
/// total, to the fen).
pub fn totals(lines: &[Line]) -> Result<([Fen; 6], [Fen; 4], Fen), Problem> {
    let by_category = ExpenseCategory::ALL
        .map(|c| total(lines.iter().filter(|l| l.category == c).map(|l| l.amount)));
    let by_source =
        FundingSource::ALL.map(|f| total(lines.iter().filter(|l| l.source == f).map(|l| l.amount)));
    let mut categories = [Fen::ZERO; 6];
    for (slot, t) in categories.iter_mut().zip(by_category) {
        *slot = t?;
    }
    let mut sources = [Fen::ZERO; 4];
    for (slot, t) in sources.iter_mut().zip(by_source) {
        *slot = t?;
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

    fn line(category: ExpenseCategory, amount: Fen, measure: Measure) -> Line {
        Line {
            category,
            source: FundingSource::Government,
            amount,
            measure,
            charged_to_trainees: false,
        }
    }

    #[test]
    fn a_lecture_fee_at_its_cap_passes_and_one_fen_over_is_flagged() {
        let s = standard();
        let c = TrainingCategory::Third;
        let m = Measure::Lecture {
            hours: 4,
            title: LecturerTitle::FullSenior,
        };
        let at = line(ExpenseCategory::LectureFees, yuan(4000), m);
        assert!(flags(&at, &s, c).is_empty());
        let over_by_a_fen = line(
            ExpenseCategory::LectureFees,
            Fen::from_fen(400_001).unwrap(),
            m,
        );
        assert_eq!(
            flags(&over_by_a_fen, &s, c),
            vec![Flag::OverCap(Over {
                cap: yuan(4000),
                excess: Fen::from_fen(1).unwrap()
            })]
        );
    }

    #[test]
    fn accommodation_is_judged_per_person_day_by_training_category() {
        let s = standard();
        // 30 trainees for 5 days: 150 person-days.
        let l = line(
            ExpenseCategory::Accommodation,
            yuan(60_000),
            Measure::PersonDays(150),
        );
        assert!(flags(&l, &s, TrainingCategory::First).is_empty());
        assert_eq!(
            flags(&l, &s, TrainingCategory::Third),
            vec![Flag::OverCap(Over {
                cap: yuan(51_000),
                excess: yuan(9_000)
            })]
        );
    }

    #[test]
    fn venue_materials_and_transport_share_one_cap() {
        let s = standard();
        let c = TrainingCategory::Third;
        let lines = [
            line(
                ExpenseCategory::Venue,
                yuan(5_000),
                Measure::PersonDays(150),
            ),
            line(
                ExpenseCategory::Materials,
                yuan(1_500),
                Measure::PersonDays(150),
            ),
            line(
                ExpenseCategory::Transport,
                yuan(1_000),
                Measure::PersonDays(150),
            ),
        ];
        // 50 yuan a person-day: 7,500 yuan for 150.
        assert_eq!(shared_over(&lines, &s, c, 150), None);
        let mut more = lines.to_vec();
        more[2].amount = Fen::from_fen(100_001).unwrap();
        assert_eq!(
            shared_over(&more, &s, c, 150).map(|o| o.excess),
            Some(Fen::from_fen(1).unwrap())
        );
    }

    #[test]
    fn trainees_pay_only_their_own_transport() {
        let s = standard();
        let c = TrainingCategory::Third;
        let mut fare = line(
            ExpenseCategory::Transport,
            yuan(100),
            Measure::PersonDays(1),
        );
        fare.charged_to_trainees = true;
        assert!(flags(&fare, &s, c).is_empty());
        let mut materials = line(ExpenseCategory::Materials, yuan(10), Measure::PersonDays(1));
        materials.charged_to_trainees = true;
        assert_eq!(flags(&materials, &s, c), vec![Flag::TraineeCharge]);
    }

    #[test]
    fn a_line_is_measured_as_its_category_needs() {
        let l = line(
            ExpenseCategory::LectureFees,
            yuan(1),
            Measure::PersonDays(3),
        );
        assert_eq!(check(&l), Err(Problem::Required));
        let l = line(ExpenseCategory::Meals, yuan(1), Measure::PersonDays(0));
        assert_eq!(check(&l), Err(Problem::Required));
        let l = line(ExpenseCategory::Meals, yuan(1), Measure::PersonDays(2));
        assert_eq!(check(&l), Ok(()));
    }

    #[test]
    fn categories_and_sources_add_up_to_the_same_total() {
        let mut a = line(
            ExpenseCategory::Meals,
            Fen::from_fen(12_345).unwrap(),
            Measure::PersonDays(3),
        );
        a.source = FundingSource::Unit;
        let b = line(
            ExpenseCategory::Venue,
            Fen::from_fen(1).unwrap(),
            Measure::PersonDays(3),
        );
        let (cats, sources, all) = totals(&[a, b]).unwrap();
        assert_eq!(all, Fen::from_fen(12_346).unwrap());
        assert_eq!(total(cats).unwrap(), all);
        assert_eq!(total(sources).unwrap(), all);
        assert_eq!(sources[1], Fen::from_fen(12_345).unwrap());
    }
}
