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
    /// Full-width digits, spaces anywhere and a lower-case check letter
    /// are unambiguous and normalised; anything else is refused.
    pub fn parse(raw: &str) -> Result<IdNumber, Problem> {
        let s: String = super::fold_width(raw)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase();
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

    /// The gender the number records (its 17th digit: odd for men).
    pub fn gender(&self) -> Gender {
        match self.0.as_bytes().get(16) {
            Some(d) if (d.wrapping_sub(b'0')) % 2 == 1 => Gender::Male,
            _ => Gender::Female,
        }
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
    /// Full-width digits, spaces, dashes and a +86 country code are
    /// normalised away.
    pub fn parse(raw: &str) -> Result<Mobile, Problem> {
        let s: String = super::fold_width(raw)
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        let s = match s.strip_prefix("+86").or_else(|| s.strip_prefix("0086")) {
            Some(rest) => rest.to_owned(),
            None if s.len() == 13 && s.starts_with("86") => s[2..].to_owned(),
            None => s,
        };
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
    fn full_width_digits_spaces_and_a_lower_case_x_are_normalised() {
        let id = IdNumber::parse(" １１０１０５ １９４９１２３１００２ｘ ").unwrap();
        assert_eq!(id.as_str(), "11010519491231002X");
        assert_eq!(
            Mobile::parse("+86 １３８-0013-8000").unwrap().as_str(),
            "13800138000"
        );
        assert_eq!(
            Mobile::parse("8613800138000").unwrap().as_str(),
            "13800138000"
        );
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
