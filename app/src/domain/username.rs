use serde::{Deserialize, Serialize};

use crate::error::Problem;

pub const USERNAME_MIN: usize = 3;
pub const USERNAME_MAX: usize = 32;

/// Login name: lower-case ASCII letters, digits, `.`, `_` and `-`. Input is
/// trimmed and lower-cased so `Admin` and `admin` are one account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Username(String);

impl Username {
    pub fn parse(raw: &str) -> Result<Username, Problem> {
        let s = raw.trim().to_lowercase();
        let len = s.chars().count();
        if len == 0 {
            return Err(Problem::Required);
        }
        if len < USERNAME_MIN {
            return Err(Problem::TooShort { min: USERNAME_MIN });
        }
        if len > USERNAME_MAX {
            return Err(Problem::TooLong { max: USERNAME_MAX });
        }
        let ok = s
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
        if !ok {
            return Err(Problem::InvalidChars);
        }
        Ok(Username(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_username_is_trimmed_and_lower_cased() {
        assert_eq!(Username::parse("  Admin.01 ").unwrap().as_str(), "admin.01");
    }

    #[test]
    fn empty_short_long_and_odd_usernames_are_rejected_with_their_reason() {
        assert_eq!(Username::parse("   "), Err(Problem::Required));
        assert_eq!(Username::parse("ab"), Err(Problem::TooShort { min: 3 }));
        assert_eq!(
            Username::parse(&"a".repeat(33)),
            Err(Problem::TooLong { max: 32 })
        );
        assert_eq!(Username::parse("张三"), Err(Problem::TooShort { min: 3 }));
        assert_eq!(Username::parse("张三丰"), Err(Problem::InvalidChars));
        assert_eq!(Username::parse("a b c"), Err(Problem::InvalidChars));
    }

    #[test]
    fn exactly_the_limits_are_accepted() {
        assert!(Username::parse("abc").is_ok());
        assert!(Username::parse(&"a".repeat(32)).is_ok());
    }
}
