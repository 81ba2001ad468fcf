use serde::{Deserialize, Serialize};

use crate::error::Problem;

fn bounded(raw: &str, min: usize, max: usize) -> Result<String, Problem> {
    // Collapse runs of white space so "河北  大学" and "河北 大学" are one name.
    let s = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let len = s.chars().count();
    if len == 0 {
        return Err(Problem::Required);
    }
    if len < min {
        return Err(Problem::TooShort { min });
    }
    if len > max {
        return Err(Problem::TooLong { max });
    }
    if s.chars().any(char::is_control) {
        return Err(Problem::InvalidChars);
    }
    Ok(s)
}

/// A person's name as shown in lists, e.g. 张三.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisplayName(String);

impl DisplayName {
    pub const MAX: usize = 50;

    pub fn parse(raw: &str) -> Result<Self, Problem> {
        bounded(raw, 1, Self::MAX).map(DisplayName)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An organisation's full name, e.g. 石家庄市人力资源和社会保障局.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgName(String);

impl OrgName {
    pub const MIN: usize = 2;
    pub const MAX: usize = 100;

    pub fn parse(raw: &str) -> Result<Self, Problem> {
        bounded(raw, Self::MIN, Self::MAX).map(OrgName)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Free text a form requires: trimmed, present, at most `max` characters,
/// line breaks kept (a need statement, guidance, a reason).
pub fn required_text(raw: &str, max: usize) -> Result<String, Problem> {
    let s = raw.trim().replace("\r\n", "\n");
    let len = s.chars().count();
    if len == 0 {
        return Err(Problem::Required);
    }
    if len > max {
        return Err(Problem::TooLong { max });
    }
    if s.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(Problem::InvalidChars);
    }
    Ok(s)
}

/// Free text a form may leave empty; otherwise as `required_text`.
pub fn optional_text(raw: &str, max: usize) -> Result<String, Problem> {
    if raw.trim().is_empty() {
        return Ok(String::new());
    }
    required_text(raw, max)
}

/// A one-line text (title, place, contact): white space collapsed.
pub fn line(raw: &str, max: usize) -> Result<String, Problem> {
    bounded(raw, 1, max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_inner_space_collapsed() {
        assert_eq!(
            OrgName::parse("  河北  大学 ").unwrap().as_str(),
            "河北 大学"
        );
    }

    #[test]
    fn empty_one_character_and_oversized_org_names_fail() {
        assert_eq!(OrgName::parse(" "), Err(Problem::Required));
        assert_eq!(OrgName::parse("局"), Err(Problem::TooShort { min: 2 }));
        assert_eq!(
            OrgName::parse(&"局".repeat(101)),
            Err(Problem::TooLong { max: 100 })
        );
        assert!(OrgName::parse(&"局".repeat(100)).is_ok());
    }

    #[test]
    fn a_display_name_of_one_chinese_character_is_fine() {
        assert!(DisplayName::parse("王").is_ok());
        assert_eq!(
            DisplayName::parse(&"王".repeat(51)),
            Err(Problem::TooLong { max: 50 })
        );
    }

    #[test]
    fn free_text_keeps_lines_and_counts_characters_not_bytes() {
        assert_eq!(required_text(" 一\r\n二 ", 3), Ok("一\n二".into()));
        assert_eq!(required_text("  ", 3), Err(Problem::Required));
        assert_eq!(
            required_text("一二三四", 3),
            Err(Problem::TooLong { max: 3 })
        );
        assert_eq!(line("石家庄  市", 10), Ok("石家庄 市".into()));
    }
}
