//! A trainee's identity as an application form gives it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::Problem;

codes! {
    Gender { Male = "male", Female = "female" }
}

codes! {
    /// Art. 10: trainees generally hold a mid-level or senior title, or a
    /// management post (R7 counts them).
    TraineeTitle {
        Junior = "junior",
        Mid = "mid",
        AssociateSenior = "associate_senior",
        FullSenior = "full_senior",
        Manager = "manager",
    }
}

impl TraineeTitle {
    /// Mid-level or senior title, or a manager: the trainees Art. 10 means.
    pub fn counts_as_mid_or_senior(self) -> bool {
        self != TraineeTitle::Junior
    }
}

/// A mainland resident identity number (GB 11643-1999): 17 digits and an
/// ISO 7064 MOD 11-2 check character, with a real date of birth inside.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdNumber(String);

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

impl IdNumber {
    pub fn parse(raw: &str) -> Result<IdNumber, Problem> {
        let s = raw.trim().to_ascii_uppercase();
        if s.is_empty() {
            return Err(Problem::Required);
        }
        let chars: Vec<char> = s.chars().collect();
        if chars.len() != 18
            || !chars[..17].iter().all(char::is_ascii_digit)
            || !(chars[17].is_ascii_digit() || chars[17] == 'X')
        {
            return Err(Problem::IdFormat);
        }
        if NaiveDate::parse_from_str(&s[6..14], "%Y%m%d").is_err() {
            return Err(Problem::IdFormat);
        }
        let sum: u32 = chars[..17]
            .iter()
            .zip(WEIGHTS)
            .map(|(c, w)| c.to_digit(10).unwrap_or(0) * w)
            .sum();
        if CHECK[(sum % 11) as usize] != chars[17] {
            return Err(Problem::IdChecksum);
        }
        Ok(IdNumber(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// First four and last four characters; the rest hidden.
    pub fn masked(&self) -> String {
        super::mask::mask_id(&self.0)
    }
}

/// A mainland mobile number: 11 digits starting with 1.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mobile(String);

impl Mobile {
    pub fn parse(raw: &str) -> Result<Mobile, Problem> {
        let s: String = raw
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        if s.is_empty() {
            return Err(Problem::Required);
        }
        if s.len() != 11 || !s.starts_with('1') || !s.chars().all(|c| c.is_ascii_digit()) {
            return Err(Problem::MobileFormat);
        }
        Ok(Mobile(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_valid_identity_number_passes_and_one_wrong_digit_fails_the_checksum() {
        // The standard's own example.
        assert!(IdNumber::parse("11010519491231002x").is_ok());
        assert_eq!(
            IdNumber::parse("110105194912310021"),
            Err(Problem::IdChecksum)
        );
        assert_eq!(
            IdNumber::parse("110105194912310020").unwrap_err(),
            Problem::IdChecksum
        );
        assert_eq!(
            IdNumber::parse("11010519491331002X"),
            Err(Problem::IdFormat)
        );
        assert_eq!(IdNumber::parse("1101051949123100"), Err(Problem::IdFormat));
        assert_eq!(IdNumber::parse(" "), Err(Problem::Required));
    }

    #[test]
    fn identity_numbers_are_masked_in_the_middle() {
        let id = IdNumber::parse("11010519491231002X").unwrap();
        assert_eq!(id.masked(), "1101**********002X");
    }

    #[test]
    fn mobiles_are_eleven_digits_from_one() {
        assert_eq!(
            Mobile::parse("138 0013 8000").unwrap().as_str(),
            "13800138000"
        );
        assert_eq!(Mobile::parse("0311-8600123"), Err(Problem::MobileFormat));
        assert!(TraineeTitle::Manager.counts_as_mid_or_senior());
        assert!(!TraineeTitle::Junior.counts_as_mid_or_senior());
    }
}
