//! The province's fee standards (R12, Art. 18): caps on the lecture fee
//! per class hour by the lecturer's title level, and per person per day
//! on accommodation, meals, and venue with materials and transport, by
//! training category. They are data the admin edits, versioned by the
//! date they take effect; a programme is judged by the version in force
//! on its start date. Over-cap spending is flagged with its cap and its
//! excess, never refused: the province decides what follows.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::money::{total, Fen};
use super::LecturerTitle;
use crate::error::Problem;

codes! {
    /// 培训类别: the first has the highest per-day caps.
    TrainingCategory { First = "first", Second = "second", Third = "third" }
}

/// Per person per day caps of one training category.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayCaps {
    pub accommodation: Fen,
    pub meals: Fen,
    /// Venue, materials and transport together.
    pub venue_materials_transport: Fen,
    /// Within the day's whole cap, for what the three above do not use.
    pub other: Fen,
}

impl DayCaps {
    /// The day's whole cap.
    pub fn total(&self) -> Fen {
        total([
            self.accommodation,
            self.meals,
            self.venue_materials_transport,
            self.other,
        ])
        .unwrap_or(Fen::MAX)
    }
}

/// One version of the standards.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeStandard {
    pub effective_from: NaiveDate,
    /// After tax, per class hour, in `LecturerTitle::ALL` order.
    pub lecture: [Fen; 4],
    /// In `TrainingCategory::ALL` order.
    pub days: [DayCaps; 3],
}

/// Where `x` stands in a vocabulary's `ALL`: the index of its column.
fn index<T: PartialEq>(all: &[T], x: T) -> usize {
    all.iter().position(|a| *a == x).unwrap_or(0)
}

fn yuan(y: i64) -> Fen {
    Fen::from_fen(y * 100).unwrap_or(Fen::ZERO)
}

fn day(accommodation: i64, meals: i64, vmt: i64, other: i64) -> DayCaps {
    DayCaps {
        accommodation: yuan(accommodation),
        meals: yuan(meals),
        venue_materials_transport: yuan(vmt),
        other: yuan(other),
    }
}

impl FeeStandard {
    /// The widely used national figures, as the first version: lecture
    /// fees 300, 500, 1000 and 1500 yuan; per day 760, 650 and 550 yuan
    /// in all for the three categories.
    pub fn national(effective_from: NaiveDate) -> FeeStandard {
        FeeStandard {
            effective_from,
            lecture: [yuan(300), yuan(500), yuan(1000), yuan(1500)],
            days: [
                day(500, 150, 80, 30),
                day(400, 150, 70, 30),
                day(340, 130, 50, 30),
            ],
        }
    }

    pub fn lecture_cap(&self, title: LecturerTitle) -> Fen {
        self.lecture[index(LecturerTitle::ALL, title)]
    }

    pub fn day_caps(&self, category: TrainingCategory) -> DayCaps {
        self.days[index(TrainingCategory::ALL, category)]
    }
}

/// Each cap's key, as stored and as a form field, in `items` order:
/// `lecture-<title level>` per class hour, `<training category>-<item>`
/// per person-day.
pub const CAP_KEYS: [&str; 16] = [
    "lecture-mid_or_below",
    "lecture-associate_senior",
    "lecture-full_senior",
    "lecture-academician",
    "first-accommodation",
    "first-meals",
    "first-venue",
    "first-other",
    "second-accommodation",
    "second-meals",
    "second-venue",
    "second-other",
    "third-accommodation",
    "third-meals",
    "third-venue",
    "third-other",
];

impl FeeStandard {
    /// Every cap with its key, lecture caps first.
    pub fn items(&self) -> Vec<(&'static str, Fen)> {
        let mut values = self.lecture.to_vec();
        for d in self.days {
            values.extend([
                d.accommodation,
                d.meals,
                d.venue_materials_transport,
                d.other,
            ]);
        }
        CAP_KEYS.into_iter().zip(values).collect()
    }

    /// A version from its caps by key (as typed, in yuan, or stored, in
    /// fen); every key is needed. Problems name the key.
    pub fn from_items(
        effective_from: NaiveDate,
        mut cap: impl FnMut(&str) -> Result<Fen, Problem>,
    ) -> Result<FeeStandard, Vec<(&'static str, Problem)>> {
        let mut problems = Vec::new();
        let mut s = FeeStandard::national(effective_from);
        let mut slots: Vec<&mut Fen> = s.lecture.iter_mut().collect();
        for d in s.days.iter_mut() {
            slots.extend([
                &mut d.accommodation,
                &mut d.meals,
                &mut d.venue_materials_transport,
                &mut d.other,
            ]);
        }
        for (key, slot) in CAP_KEYS.into_iter().zip(slots) {
            match cap(key) {
                Ok(f) => *slot = f,
                Err(p) => problems.push((key, p)),
            }
        }
        if problems.is_empty() {
            Ok(s)
        } else {
            Err(problems)
        }
    }
}

/// The version a programme starting on `start` is judged by: the latest
/// to take effect on or before that day.
pub fn in_force(standards: &[FeeStandard], start: NaiveDate) -> Option<&FeeStandard> {
    standards
        .iter()
        .filter(|s| s.effective_from <= start)
        .max_by_key(|s| s.effective_from)
}

/// A line over its cap: what it may cost and by how much it is over.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Over {
    pub cap: Fen,
    pub excess: Fen,
}

/// `amount` against `per_unit` times `units`; `None` within the cap.
pub fn over(per_unit: Fen, units: i64, amount: Fen) -> Option<Over> {
    let cap = per_unit.fen().saturating_mul(units.max(0));
    let excess = amount.fen() - cap;
    (excess > 0).then(|| Over {
        cap: Fen::from_fen(cap).unwrap_or(Fen::MAX),
        excess: Fen::from_fen(excess).unwrap_or(Fen::MAX),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_national_figures_add_up_by_category() {
        let s = FeeStandard::national(d("2026-01-01"));
        let totals: Vec<i64> = TrainingCategory::ALL
            .iter()
            .map(|c| s.day_caps(*c).total().fen() / 100)
            .collect();
        assert_eq!(totals, [760, 650, 550]);
        assert_eq!(s.lecture_cap(LecturerTitle::AssociateSenior), yuan(500));
        assert_eq!(s.lecture_cap(LecturerTitle::Academician), yuan(1500));
    }

    #[test]
    fn caps_go_out_and_come_back_by_key() {
        let s = FeeStandard::national(d("2026-01-01"));
        let items = s.items();
        assert_eq!(items.len(), 16);
        for (i, t) in LecturerTitle::ALL.iter().enumerate() {
            assert_eq!(CAP_KEYS[i], format!("lecture-{}", t.as_str()));
        }
        for (j, c) in TrainingCategory::ALL.iter().enumerate() {
            assert_eq!(CAP_KEYS[4 + 4 * j], format!("{}-accommodation", c.as_str()));
        }
        assert_eq!(items[3], ("lecture-academician", yuan(1500)));
        assert_eq!(items[15], ("third-other", yuan(30)));
        let back = FeeStandard::from_items(d("2026-01-01"), |k| {
            Ok(items.iter().find(|(i, _)| *i == k).unwrap().1)
        });
        assert_eq!(back, Ok(s));
        let e = FeeStandard::from_items(d("2026-01-01"), |k| {
            if k == "second-meals" {
                Err(Problem::NotANumber)
            } else {
                Ok(Fen::ZERO)
            }
        });
        assert_eq!(e, Err(vec![("second-meals", Problem::NotANumber)]));
    }

    #[test]
    fn a_programme_is_judged_by_the_standard_in_force_on_its_start_date() {
        let old = FeeStandard::national(d("2026-01-01"));
        let mut new = FeeStandard::national(d("2026-07-01"));
        new.lecture[0] = yuan(400);
        let all = [new.clone(), old.clone()];
        assert_eq!(in_force(&all, d("2026-06-30")), Some(&old));
        assert_eq!(in_force(&all, d("2026-07-01")), Some(&new));
        assert_eq!(in_force(&all, d("2025-12-31")), None);
    }

    #[test]
    fn a_line_at_its_cap_passes_and_one_fen_over_is_flagged() {
        let cap = yuan(500);
        assert_eq!(over(cap, 4, yuan(2000)), None);
        let one_fen = Fen::from_fen(200_001).unwrap();
        assert_eq!(
            over(cap, 4, one_fen),
            Some(Over {
                cap: yuan(2000),
                excess: Fen::from_fen(1).unwrap()
            })
        );
        // 30 trainees for 5 days at 340 yuan: 51,000 yuan.
        assert_eq!(over(yuan(340), 150, yuan(51_000)), None);
        assert!(over(yuan(340), 150, yuan(51_001)).is_some());
    }
}
