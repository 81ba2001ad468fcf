use serde::{Deserialize, Serialize};

use super::fold_width;
use crate::error::Problem;

/// Letters and digits that read unambiguously on a printed slip: no 0/O,
/// 1/I/L.
pub const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
/// 12 symbols of 31: about 59 bits, against a throttled guesser.
pub const CODE_LEN: usize = 12;
/// How long a printed code stays usable.
pub const CODE_DAYS: i64 = 30;

/// A one-time activation code as typed: case, spaces, dashes and full-width
/// characters do not matter; shown in groups of four (`K7M2-Q9XP-3HTR`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivationCode(String);

impl ActivationCode {
    pub fn parse(raw: &str) -> Result<ActivationCode, Problem> {
        let s: String = fold_width(raw)
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .flat_map(char::to_uppercase)
            .collect();
        if s.is_empty() {
            return Err(Problem::Required);
        }
        let known = s.bytes().all(|b| CODE_ALPHABET.contains(&b));
        if s.chars().count() != CODE_LEN || !known {
            return Err(Problem::CodeNotValid);
        }
        Ok(ActivationCode(s))
    }

    /// A code made of `CODE_LEN` random bytes (each taken modulo the
    /// alphabet; 256 % 31 leaves a bias too small to matter at this length).
    pub fn from_random(bytes: [u8; CODE_LEN]) -> ActivationCode {
        ActivationCode(
            bytes
                .iter()
                .map(|b| CODE_ALPHABET[*b as usize % CODE_ALPHABET.len()] as char)
                .collect(),
        )
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Grouped for reading aloud and typing.
    pub fn grouped(&self) -> String {
        self.0
            .as_bytes()
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join("-")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_read_whatever_its_case_spacing_and_width() {
        let c = ActivationCode::parse(" k7m2-q9xp 3htr ").unwrap();
        assert_eq!(c.as_str(), "K7M2Q9XP3HTR");
        assert_eq!(c.grouped(), "K7M2-Q9XP-3HTR");
        let wide = ActivationCode::parse("Ｋ７Ｍ２－Ｑ９ＸＰ－３ＨＴＲ").unwrap();
        assert_eq!(wide, c);
    }

    #[test]
    fn ambiguous_short_and_empty_codes_are_refused() {
        assert_eq!(ActivationCode::parse(""), Err(Problem::Required));
        assert_eq!(
            ActivationCode::parse("K7M2-Q9XP-3HT"),
            Err(Problem::CodeNotValid)
        );
        // O and 0 are not in the alphabet.
        assert_eq!(
            ActivationCode::parse("O7M2-Q9XP-3HT0"),
            Err(Problem::CodeNotValid)
        );
    }

    #[test]
    fn random_bytes_make_codes_that_parse() {
        let c = ActivationCode::from_random([255; CODE_LEN]);
        assert_eq!(ActivationCode::parse(c.as_str()), Ok(c));
    }
}
