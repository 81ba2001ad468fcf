use crate::error::Problem;

pub const PASSWORD_MIN: usize = 8;
/// argon2 hashes whatever it is given; a cap keeps one request cheap.
pub const PASSWORD_MAX: usize = 128;

/// A password that meets the policy: at least 8 characters and three of the
/// four classes lower case, upper case, digit, symbol. Not serialisable and
/// not printable, so it cannot end up in a log or a response.
pub struct NewPassword(String);

impl NewPassword {
    pub fn parse(raw: &str) -> Result<NewPassword, Problem> {
        let len = raw.chars().count();
        if len == 0 {
            return Err(Problem::Required);
        }
        if len < PASSWORD_MIN {
            return Err(Problem::TooShort { min: PASSWORD_MIN });
        }
        if len > PASSWORD_MAX {
            return Err(Problem::TooLong { max: PASSWORD_MAX });
        }
        if Self::classes(raw) < 3 {
            return Err(Problem::WeakPassword);
        }
        Ok(NewPassword(raw.to_owned()))
    }

    /// How many of the four character classes occur; the form shows it live.
    pub fn classes(raw: &str) -> usize {
        let lower = raw.chars().any(|c| c.is_lowercase());
        let upper = raw.chars().any(|c| c.is_uppercase());
        let digit = raw.chars().any(|c| c.is_ascii_digit());
        let symbol = raw
            .chars()
            .any(|c| !c.is_alphanumeric() && !c.is_whitespace());
        [lower, upper, digit, symbol]
            .into_iter()
            .filter(|b| *b)
            .count()
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_of_four_classes_and_eight_characters_pass() {
        assert!(NewPassword::parse("abcDEF12").is_ok());
        assert!(NewPassword::parse("abcdef1!").is_ok());
        assert!(NewPassword::parse("ABCDEF1!").is_ok());
    }

    #[test]
    fn short_or_two_class_passwords_fail_with_their_reason() {
        assert_eq!(NewPassword::parse("").unwrap_err(), Problem::Required);
        assert_eq!(
            NewPassword::parse("aB1!aB1").unwrap_err(),
            Problem::TooShort { min: 8 }
        );
        assert_eq!(
            NewPassword::parse("abcdefgh12").unwrap_err(),
            Problem::WeakPassword
        );
        assert_eq!(
            NewPassword::parse(&"aB1!".repeat(33)).unwrap_err(),
            Problem::TooLong { max: 128 }
        );
    }

    #[test]
    fn a_password_never_shows_in_debug_output() {
        let p = NewPassword::parse("Secret-Pass1").unwrap();
        assert!(!format!("{p:?}").contains("Secret"));
    }
}
