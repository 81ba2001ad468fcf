use serde::{Deserialize, Serialize};

use super::TimeSlot;
use crate::error::Problem;

/// Art. 12 (R4): a programme has at least 32 class hours (学时) in all.
pub const MIN_PROGRAMME_HOURS: u32 = 32;
/// No programme runs for more than a few weeks; this only catches typos.
pub const MAX_PROGRAMME_HOURS: u32 = 400;

/// Minutes of teaching in one class hour (学时), unless the province sets
/// another length.
pub const DEFAULT_CLASS_HOUR_MINUTES: u32 = 45;

/// The length of one class hour as the province sets it: whole minutes,
/// 30 to 60 (a teaching hour in China is 40, 45 or 50 minutes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassHourLength(u32);

impl ClassHourLength {
    pub const MIN: u32 = 30;
    pub const MAX: u32 = 60;

    pub fn parse(raw: &str) -> Result<ClassHourLength, Problem> {
        let raw = super::fold_width(raw);
        let n: u32 = super::number_text::unsigned(&raw)?
            .parse()
            .map_err(|_| Problem::NotANumber)?;
        Self::from_minutes(n)
    }

    pub fn from_minutes(n: u32) -> Result<ClassHourLength, Problem> {
        if n < Self::MIN {
            Err(Problem::BelowMinimum {
                min: i64::from(Self::MIN),
            })
        } else if n > Self::MAX {
            Err(Problem::TooLarge)
        } else {
            Ok(ClassHourLength(n))
        }
    }

    pub fn minutes(self) -> u32 {
        self.0
    }

    /// The most class hours that fit in a course's time.
    pub fn most_in(self, slot: &TimeSlot) -> u32 {
        slot.minutes() / self.0
    }
}

impl Default for ClassHourLength {
    fn default() -> Self {
        ClassHourLength(DEFAULT_CLASS_HOUR_MINUTES)
    }
}

/// A number of class hours, whole hours as the regulation counts them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ClassHours(u32);

impl ClassHours {
    pub fn parse(raw: &str) -> Result<ClassHours, Problem> {
        let n: u32 = super::number_text::unsigned(raw)?
            .parse()
            .map_err(|_| Problem::NotANumber)?;
        if n > MAX_PROGRAMME_HOURS {
            return Err(Problem::TooLarge);
        }
        Ok(ClassHours(n))
    }

    /// A programme's planned or scheduled total, checked against R4.
    pub fn parse_programme_total(raw: &str) -> Result<ClassHours, Problem> {
        let h = Self::parse(raw)?;
        h.check_programme_minimum()?;
        Ok(h)
    }

    /// One course's hours: a whole number from 1 up.
    pub fn parse_course(raw: &str) -> Result<ClassHours, Problem> {
        let h = Self::parse(raw)?;
        if h.0 == 0 {
            return Err(Problem::BelowMinimum { min: 1 });
        }
        Ok(h)
    }

    /// One course's hours, which must fit in its time (R4 is met by
    /// teaching, not by numbers typed beside a short slot).
    pub fn parse_course_in(
        raw: &str,
        slot: &TimeSlot,
        length: ClassHourLength,
    ) -> Result<ClassHours, Problem> {
        let h = Self::parse_course(raw)?;
        let most = length.most_in(slot);
        if h.0 > most {
            return Err(Problem::LongerThanSlot {
                most,
                minutes: length.minutes(),
            });
        }
        Ok(h)
    }

    /// A schedule's stored total, as the class hours it amounts to.
    pub fn from_total(total: i64) -> Result<ClassHours, Problem> {
        match u32::try_from(total) {
            Err(_) if total < 0 => Err(Problem::Negative),
            Ok(n) if n <= MAX_PROGRAMME_HOURS => Ok(ClassHours(n)),
            _ => Err(Problem::TooLarge),
        }
    }

    pub fn check_programme_minimum(self) -> Result<(), Problem> {
        if self.0 < MIN_PROGRAMME_HOURS {
            Err(Problem::BelowMinimum {
                min: MIN_PROGRAMME_HOURS as i64,
            })
        } else {
            Ok(())
        }
    }

    pub fn hours(self) -> u32 {
        self.0
    }

    /// How many hours a schedule still lacks for R4; shown live while editing.
    pub fn missing_for_minimum(self) -> u32 {
        MIN_PROGRAMME_HOURS.saturating_sub(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exactly_thirty_two_hours_meet_the_minimum_and_thirty_one_do_not() {
        assert!(ClassHours::parse_programme_total("32").is_ok());
        assert_eq!(
            ClassHours::parse_programme_total("31"),
            Err(Problem::BelowMinimum { min: 32 })
        );
    }

    #[test]
    fn the_live_check_says_how_many_hours_are_missing() {
        assert_eq!(ClassHours::parse("20").unwrap().missing_for_minimum(), 12);
        assert_eq!(ClassHours::parse("40").unwrap().missing_for_minimum(), 0);
    }

    #[test]
    fn a_course_has_at_least_one_hour_and_a_total_is_bounded() {
        assert_eq!(
            ClassHours::parse_course("0"),
            Err(Problem::BelowMinimum { min: 1 })
        );
        assert_eq!(ClassHours::from_total(32).unwrap().missing_for_minimum(), 0);
        assert_eq!(ClassHours::from_total(-1), Err(Problem::Negative));
        assert_eq!(ClassHours::from_total(401), Err(Problem::TooLarge));
    }

    fn slot(start: &str, end: &str) -> TimeSlot {
        TimeSlot::parse("2027-05-10", start, end).unwrap()
    }

    #[test]
    fn a_course_holds_no_more_class_hours_than_its_time_allows() {
        let len = ClassHourLength::default();
        // One hour of clock time holds one 45-minute class hour, not twenty.
        assert_eq!(
            ClassHours::parse_course_in("20", &slot("14:00", "15:00"), len),
            Err(Problem::LongerThanSlot {
                most: 1,
                minutes: 45
            })
        );
        assert!(ClassHours::parse_course_in("1", &slot("14:00", "15:00"), len).is_ok());
        // 180 minutes are exactly four class hours; 179 are three.
        assert!(ClassHours::parse_course_in("4", &slot("08:30", "11:30"), len).is_ok());
        assert_eq!(
            ClassHours::parse_course_in("4", &slot("08:30", "11:29"), len),
            Err(Problem::LongerThanSlot {
                most: 3,
                minutes: 45
            })
        );
        // A slot shorter than one class hour holds none.
        assert_eq!(
            ClassHours::parse_course_in("1", &slot("09:00", "09:30"), len),
            Err(Problem::LongerThanSlot {
                most: 0,
                minutes: 45
            })
        );
    }

    #[test]
    fn the_province_may_set_another_class_hour_length() {
        let forty = ClassHourLength::parse("40").unwrap();
        assert_eq!(forty.most_in(&slot("08:00", "12:00")), 6);
        assert_eq!(
            ClassHourLength::parse("20"),
            Err(Problem::BelowMinimum { min: 30 })
        );
        assert_eq!(ClassHourLength::parse("90"), Err(Problem::TooLarge));
        assert_eq!(ClassHourLength::parse("４５").unwrap().minutes(), 45);
    }

    #[test]
    fn malformed_hours_are_named() {
        assert_eq!(ClassHours::parse(" "), Err(Problem::Required));
        assert_eq!(ClassHours::parse("-3"), Err(Problem::Negative));
        assert_eq!(ClassHours::parse("3.5"), Err(Problem::NotANumber));
        assert_eq!(ClassHours::parse("401"), Err(Problem::TooLarge));
    }
}
