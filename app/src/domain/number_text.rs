use crate::error::Problem;

/// The common first step of every amount a form asks for: trimmed, present,
/// and not negative (money, class hours, counts). The caller parses the rest.
pub(crate) fn unsigned(raw: &str) -> Result<&str, Problem> {
    let s = raw.trim();
    if s.is_empty() {
        Err(Problem::Required)
    } else if s.starts_with('-') {
        Err(Problem::Negative)
    } else {
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_and_negative_are_told_apart() {
        assert_eq!(unsigned("  "), Err(Problem::Required));
        assert_eq!(unsigned(" -1"), Err(Problem::Negative));
        assert_eq!(unsigned(" 12 "), Ok("12"));
    }
}
