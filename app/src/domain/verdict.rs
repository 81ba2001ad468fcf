//! A reviewer's verdict as a form sends it.

use crate::error::Problem;

/// "true" accepts, "false" returns. The verdict is chosen, never
/// defaulted: an acceptance cannot be undone, so a blank choice is
/// `Required` rather than either answer.
pub fn accept_choice(raw: &str) -> Result<bool, Problem> {
    match raw.trim() {
        "true" => Ok(true),
        "false" => Ok(false),
        "" => Err(Problem::Required),
        _ => Err(Problem::InvalidChoice),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_explicit_choice_decides() {
        assert_eq!(accept_choice("true"), Ok(true));
        assert_eq!(accept_choice(" false "), Ok(false));
        assert_eq!(accept_choice(""), Err(Problem::Required));
        assert_eq!(accept_choice("yes"), Err(Problem::InvalidChoice));
    }
}
