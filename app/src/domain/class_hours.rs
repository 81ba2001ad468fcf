use serde::{Deserialize, Serialize};

use crate::error::Problem;

/// Art. 12 (R4): a programme has at least 32 class hours (学时) in all.
pub const MIN_PROGRAMME_HOURS: u32 = 32;
/// No programme runs for more than a few weeks; this only catches typos.
pub const MAX_PROGRAMME_HOURS: u32 = 400;

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

    #[test]
    fn malformed_hours_are_named() {
        assert_eq!(ClassHours::parse(" "), Err(Problem::Required));
        assert_eq!(ClassHours::parse("-3"), Err(Problem::Negative));
        assert_eq!(ClassHours::parse("3.5"), Err(Problem::NotANumber));
        assert_eq!(ClassHours::parse("401"), Err(Problem::TooLarge));
    }
}
