//! What the demo tells, and when each part happens, counted from today.

use chrono::{Datelike, NaiveDate};

use super::calendar::{due, programme_dates, shift, Calendar};
use super::plans::PLANS;

/// Where a programme stands today.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Stage {
    /// Ran two months ago.
    Finished,
    /// Ran seven weeks ago: the institution has published the results
    /// and the completion register awaits the unit.
    Registering,
    /// Ran five weeks ago: its papers are in and the institution is
    /// deciding the results.
    Closing,
    /// Filing acknowledged; applications open until two weeks from now.
    Enrolling,
    /// Under way today: the trainees admitted, a course's check-in open at
    /// the time the demo is loaded.
    Running,
    /// Filed three days ago; awaits the admin.
    Filed,
    /// Filed, and returned by the admin with reasons.
    Returned,
    /// Selected and published; the schedule is half done.
    Preparing,
    /// Proposed and not selected.
    Rejected,
}

pub struct Programme {
    pub stage: Stage,
    /// The unit's and the institution's demo accounts.
    pub unit: &'static str,
    pub institution: &'static str,
    pub institution_org: &'static str,
    pub title: &'static str,
    /// Indexes into `planning::AREAS`.
    pub areas: &'static [usize],
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub place: &'static str,
    pub trainees: i64,
    pub hours: i64,
    /// Accommodation, meals, venue, lecture fees, materials, transport.
    pub costs: [&'static str; 6],
    /// Government, unit, society, individual.
    pub funds: [&'static str; 4],
}

impl Programme {
    pub fn year(&self) -> i32 {
        self.start.year()
    }

    /// R3: one calendar month before the start.
    pub fn due(&self) -> NaiveDate {
        due(self.start)
    }
}

pub struct Story {
    pub cal: Calendar,
    pub programmes: Vec<Programme>,
}

/// Five days that hold today, from yesterday where the year allows: a
/// programme lies within its plan's year.
fn running_dates(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let start = shift(today, -1);
    let end = shift(start, 4);
    if start.year() < today.year() {
        (today, shift(today, 4))
    } else if end.year() > today.year() {
        let last = NaiveDate::from_ymd_opt(today.year(), 12, 31).unwrap_or(today);
        (shift(last, -4), last)
    } else {
        (start, end)
    }
}

impl Story {
    pub fn new(cal: &Calendar) -> Story {
        let programmes = PLANS
            .iter()
            .map(|p| {
                let (start, end) = match p.stage {
                    Stage::Running => running_dates(cal.today),
                    _ => programme_dates(cal.day(p.start), 5),
                };
                Programme {
                    stage: p.stage,
                    unit: p.unit,
                    institution: p.institution,
                    institution_org: p.institution_org,
                    title: p.title,
                    areas: p.areas,
                    start,
                    end,
                    place: p.place,
                    trainees: p.trainees,
                    hours: p.hours,
                    costs: p.costs,
                    funds: p.funds,
                }
            })
            .collect();
        Story {
            cal: *cal,
            programmes,
        }
    }

    pub fn get(&self, stage: Stage) -> &Programme {
        self.programmes
            .iter()
            .find(|p| p.stage == stage)
            .expect("every stage is in the story")
    }

    /// The plan years the story's programmes fall in, earliest first.
    pub fn years(&self) -> Vec<i32> {
        let mut years: Vec<i32> = self.programmes.iter().map(Programme::year).collect();
        years.sort_unstable();
        years.dedup();
        years
    }

    /// A call's last day: the end of the year before (Art. 4), or earlier
    /// when today or a programme of the plan needs it published sooner.
    pub fn deadline(&self, year: i32) -> NaiveDate {
        let end_of_year = NaiveDate::from_ymd_opt(year - 1, 12, 31).unwrap_or(self.cal.today);
        let earliest = self
            .programmes
            .iter()
            .filter(|p| p.year() == year)
            .map(|p| shift(p.start, -40))
            .min()
            .unwrap_or(end_of_year);
        end_of_year.min(self.cal.day(-100)).min(earliest)
    }

    /// When the plan of `year` was published (three days after the call).
    pub fn published(&self, year: i32) -> NaiveDate {
        shift(self.deadline(year), 3)
    }

    /// The day the first account was made: before any call opened.
    pub fn first_day(&self) -> NaiveDate {
        let first = self
            .years()
            .into_iter()
            .map(|y| shift(self.deadline(y), -50))
            .min()
            .unwrap_or(self.cal.today);
        first.min(self.cal.day(-30))
    }

    /// The day a programme's unit files (or filed) it.
    pub fn filing_day(&self, p: &Programme) -> NaiveDate {
        match p.stage {
            Stage::Finished | Stage::Registering | Stage::Closing | Stage::Running => {
                shift(p.due(), -2)
            }
            Stage::Enrolling => shift(p.due(), -2).min(self.cal.day(-12)),
            Stage::Filed => self.cal.day(-3),
            Stage::Returned => self.cal.day(-8),
            Stage::Preparing | Stage::Rejected => self.cal.day(-1),
        }
    }

    /// The day the institution starts on the schedule.
    pub fn preparation_day(&self, p: &Programme) -> NaiveDate {
        let after_publication = shift(self.published(p.year()), 1);
        match p.stage {
            Stage::Preparing => after_publication.max(self.cal.day(-20)),
            _ => after_publication.max(shift(self.filing_day(p), -10)),
        }
    }

    /// The last day to apply: 25 days after filing, a week before the start
    /// at the latest.
    pub fn apply_until(&self, p: &Programme) -> NaiveDate {
        shift(self.filing_day(p), 25).min(shift(p.start, -7))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whatever today is, every programme's steps follow each other as
    /// the rules need: published before preparation, preparation before
    /// filing, filing on time except where the story says otherwise, and
    /// everything that happened before today.
    #[test]
    fn the_story_holds_on_every_day_of_a_year() {
        let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        for offset in 0..366 {
            let today = shift(start, offset);
            let now = today.and_hms_opt(12, 0, 0).unwrap().and_utc().timestamp() - 8 * 3600;
            let story = Story::new(&Calendar::new(now));
            for p in &story.programmes {
                let year = p.year();
                assert_eq!(p.end.year(), year, "{today} {:?}", p.stage);
                let deadline = story.deadline(year);
                assert!(
                    shift(deadline, 40) <= p.start,
                    "{today}: call {year} closes {deadline}"
                );
                assert!(story.first_day() < shift(deadline, -40), "{today}");
                assert!(story.published(year) < today, "{today}");
                if p.stage == Stage::Rejected {
                    continue;
                }
                assert!(
                    story.published(year) < story.preparation_day(p),
                    "{today} {:?}",
                    p.stage
                );
                assert!(story.preparation_day(p) < today, "{today} {:?}", p.stage);
                if p.stage == Stage::Preparing {
                    continue;
                }
                assert!(
                    shift(story.preparation_day(p), 3) <= story.filing_day(p),
                    "{today} {:?}",
                    p.stage
                );
                assert!(
                    story.filing_day(p) <= p.due(),
                    "{today} {:?} filed late",
                    p.stage
                );
                assert!(story.filing_day(p) < today);
                assert!(story.apply_until(p) < p.start);
            }
            let enrolling = story.get(Stage::Enrolling);
            assert!(
                story.apply_until(enrolling) >= today,
                "{today}: enrolling is open"
            );
            let finished = story.get(Stage::Finished);
            assert!(finished.end < today);
            // Its results were published (eleven days after the end).
            let registering = story.get(Stage::Registering);
            assert!(shift(registering.end, 11) < today, "{today}");
            // The paper deadline (a week after the end) has passed.
            let closing = story.get(Stage::Closing);
            assert!(shift(closing.end, 8) < today, "{today}");
            let running = story.get(Stage::Running);
            assert!(running.start <= today && today <= running.end, "{today}");
            assert_eq!(
                (running.end - running.start).num_days(),
                4,
                "{today}: five days"
            );
        }
    }
}
