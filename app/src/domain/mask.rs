//! Personal numbers as shown to readers who do not need them whole.

/// Keeps `head` leading and `tail` trailing characters; too short a value
/// is hidden entirely.
fn keep(value: &str, head: usize, tail: usize, middle: Option<usize>) -> String {
    let chars: Vec<char> = value.chars().collect();
    if chars.len() <= head + tail {
        return "*".repeat(middle.unwrap_or(chars.len()).max(4));
    }
    let h: String = chars[..head].iter().collect();
    let t: String = chars[chars.len() - tail..].iter().collect();
    let stars = middle.unwrap_or(chars.len() - head - tail);
    format!("{h}{}{t}", "*".repeat(stars))
}

/// A phone: first three and last four digits, enough to recognise a
/// number, not enough to call it.
pub fn mask_phone(phone: &str) -> String {
    keep(phone, 3, 4, Some(4))
}

/// An identity number: first four and last four characters.
pub fn mask_id(id: &str) -> String {
    keep(id, 4, 4, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_and_ids_are_masked_in_the_middle() {
        assert_eq!(mask_phone("13812345678"), "138****5678");
        assert_eq!(mask_phone("0311-86001234"), "031****1234");
        assert_eq!(mask_phone("12345"), "****");
        assert_eq!(mask_id("11010519491231002X"), "1101**********002X");
    }
}
