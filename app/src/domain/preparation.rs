//! Programme preparation rules: teaching forms (R5), lecturer titles,
//! course times and clashes, and the filing deadline (R3).

use chrono::{Months, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::error::Problem;

codes! {
    /// Art. 12 / R5: the five teaching forms.
    TeachingForm {
        Keynote = "keynote",
        Seminar = "seminar",
        AcademicExchange = "academic_exchange",
        OnSite = "on_site",
        FieldVisit = "field_visit",
    }
}

codes! {
    /// A lecturer's title level; it sets the lecture-fee cap (R12).
    LecturerTitle {
        MidOrBelow = "mid_or_below",
        AssociateSenior = "associate_senior",
        FullSenior = "full_senior",
        Academician = "academician",
    }
}

/// `HH:MM`, 24-hour.
pub fn parse_clock(raw: &str) -> Result<NaiveTime, Problem> {
    match raw.trim() {
        "" => Err(Problem::Required),
        t => NaiveTime::parse_from_str(t, "%H:%M").map_err(|_| Problem::NotATime),
    }
}

/// A course's day and time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeSlot {
    pub day: NaiveDate,
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl TimeSlot {
    pub fn parse(
        day: &str,
        start: &str,
        end: &str,
    ) -> Result<TimeSlot, Vec<(&'static str, Problem)>> {
        let d = super::parse_date(day);
        let s = parse_clock(start);
        let e = parse_clock(end);
        match (d, s, e) {
            (Ok(_), Ok(start), Ok(end)) if end <= start => {
                Err(vec![("end_time", Problem::EndTimeNotAfterStart)])
            }
            (Ok(day), Ok(start), Ok(end)) => Ok(TimeSlot { day, start, end }),
            (d, s, e) => Err([
                ("day", d.err()),
                ("start_time", s.err()),
                ("end_time", e.err()),
            ]
            .into_iter()
            .filter_map(|(f, p)| p.map(|p| (f, p)))
            .collect()),
        }
    }

    /// Minutes from start to end.
    pub fn minutes(&self) -> u32 {
        u32::try_from((self.end - self.start).num_minutes()).unwrap_or(0)
    }

    /// Two slots overlap when they share a moment (touching ends do not).
    pub fn overlaps(&self, other: &TimeSlot) -> bool {
        self.day == other.day && self.start < other.end && other.start < self.end
    }
}

/// Whether `slot` overlaps any of `others`.
pub fn clashes(slot: &TimeSlot, others: &[TimeSlot]) -> bool {
    others.iter().any(|o| slot.overlaps(o))
}

/// R3: the implementation plan and enrollment notice are due one calendar
/// month before the start (a start on 31 March is due on 28 or 29 February).
pub fn filing_due(start: NaiveDate) -> NaiveDate {
    start.checked_sub_months(Months::new(1)).unwrap_or(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn filing_is_due_one_calendar_month_before_the_start() {
        assert_eq!(filing_due(d("2027-05-10")), d("2027-04-10"));
        assert_eq!(filing_due(d("2027-03-31")), d("2027-02-28"));
        assert_eq!(filing_due(d("2028-03-31")), d("2028-02-29"));
    }

    #[test]
    fn overlapping_courses_clash_and_touching_ones_do_not() {
        let a = TimeSlot::parse("2027-05-10", "08:30", "11:30").unwrap();
        let b = TimeSlot::parse("2027-05-10", "11:30", "12:00").unwrap();
        let c = TimeSlot::parse("2027-05-10", "11:00", "12:00").unwrap();
        assert!(!clashes(&b, &[a]));
        assert!(clashes(&c, &[a]));
        assert_eq!(
            TimeSlot::parse("2027-05-10", "10:00", "09:00"),
            Err(vec![("end_time", Problem::EndTimeNotAfterStart)])
        );
    }

    #[test]
    fn the_five_teaching_forms_and_nothing_else() {
        assert_eq!(TeachingForm::ALL.len(), 5);
        assert_eq!(TeachingForm::parse("lecture"), None);
    }
}
