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

/// A holder's name as a verification page shows it to anyone: the first
/// character, and the last of a name of three or more (王*明, 张*).
pub fn mask_name(name: &str) -> String {
    let chars: Vec<char> = name.trim().chars().collect();
    match chars.len() {
        0 => String::new(),
        1 => "*".to_owned(),
        2 => format!("{}*", chars[0]),
        n => format!("{}{}{}", chars[0], "*".repeat(n - 2), chars[n - 1]),
    }
}

/// Every mainland mobile number (eleven digits from 1) and identity number
/// (seventeen digits and a check character) inside a text masked, as the
/// pages mask them; the rest kept. For user names that are mobiles (or an
/// identity number typed into the user name box) and for details.
pub fn mask_mobiles_in(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if run == 0 {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let digits: String = chars[i..i + run].iter().collect();
        let check = chars.get(i + run).filter(|c| matches!(c, 'X' | 'x'));
        if run == 11 && digits.starts_with('1') {
            out.push_str(&mask_phone(&digits));
        } else if run == 18 || (run == 17 && check.is_some()) {
            let whole: String = chars[i..i + run + usize::from(run == 17)].iter().collect();
            out.push_str(&mask_id(&whole));
            i += usize::from(run == 17);
        } else {
            out.push_str(&digits);
        }
        i += run;
    }
    out
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

    #[test]
    fn names_keep_their_first_and_last_character() {
        assert_eq!(mask_name("张三"), "张*");
        assert_eq!(mask_name("王小明"), "王*明");
        assert_eq!(mask_name("欧阳娜娜"), "欧**娜");
        assert_eq!(mask_name("李"), "*");
    }

    #[test]
    fn mobiles_inside_texts_are_masked_and_other_numbers_kept() {
        assert_eq!(mask_mobiles_in("13812345678"), "138****5678");
        assert_eq!(
            mask_mobiles_in("13812345678 (trainee) #12"),
            "138****5678 (trainee) #12"
        );
        assert_eq!(mask_mobiles_in("110105194912310021"), "1101**********0021");
        assert_eq!(
            mask_mobiles_in("id 11010519491231002x."),
            "id 1101**********002x."
        );
        assert_eq!(mask_mobiles_in("#1234567"), "#1234567");
        assert_eq!(mask_mobiles_in("admin"), "admin");
    }
}
