//! The completion register and certificates (Art. 7; R8): the register's
//! states, the certificate levels, the province's number format and the
//! ministry's numbers as typed, and how a verifier's name is compared.

use serde::{Deserialize, Serialize};

use super::fold_width;

codes! {
    /// A completion register version: submitted by the unit, then approved
    /// or returned (with reasons) by the admin.
    RegisterStatus { Submitted = "submitted", Approved = "approved", Returned = "returned" }
}

codes! {
    /// Who numbers the certificate: the province (from its counter) or the
    /// ministry (the number is recorded as given).
    Level { Provincial = "provincial", National = "national" }
}

/// A refused step of the register or the certificates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CertProblem {
    /// The format lacks `{year}` or `{no}`, repeats one, or has other
    /// braces.
    Format,
    /// A ministry number that is empty, too long or has odd characters.
    National,
    /// The number is on another certificate already.
    Taken { number: String },
    /// Two trainees in one batch were given the same number.
    Repeated { number: String },
    /// A ministry number written like the province's own: the counter
    /// would run into it.
    LooksProvincial { number: String },
    /// A ministry sheet without a number for a trainee awaiting one.
    Missing { name: String },
    /// A ministry sheet's row for a trainee who awaits no certificate
    /// (did not pass, or has one).
    NotToIssue,
    /// A ministry number in a number cell: leading zeros and long digit
    /// runs are lost there.
    NumberCell,
}

/// Longest format and longest ministry number accepted.
pub const FORMAT_MAX: usize = 40;
pub const NATIONAL_MAX: usize = 40;
pub const DEFAULT_FORMAT: &str = "冀高研〔{year}〕第{no:4}号";

/// The province's number format: free text around exactly one `{year}`
/// and one `{no}` or `{no:N}` (the sequence, padded to N digits). The
/// year must be in it, or a new year's first certificate would repeat
/// last year's first number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NumberFormat(String);

/// Characters no number may hold: spaces (dropped when a verifier types
/// a number), controls, and the invisible and direction-changing marks
/// that make two different numbers look alike.
fn unfit(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// A number as stored and looked up: full-width folded, Latin letters in
/// capitals.
fn canonical(raw: &str) -> String {
    fold_width(raw.trim()).to_ascii_uppercase()
}

impl NumberFormat {
    pub fn parse(raw: &str) -> Result<NumberFormat, CertProblem> {
        let s = canonical(raw)
            .replace("{YEAR}", "{year}")
            .replace("{NO", "{no");
        if s.is_empty() || s.chars().count() > FORMAT_MAX || s.chars().any(unfit) {
            return Err(CertProblem::Format);
        }
        let mut year = 0;
        let mut no = 0;
        for piece in pieces(&s) {
            match piece {
                Piece::Year => year += 1,
                Piece::No(_) => no += 1,
                Piece::Bad => return Err(CertProblem::Format),
                Piece::Text(_) => {}
            }
        }
        if year == 1 && no == 1 {
            Ok(NumberFormat(s))
        } else {
            Err(CertProblem::Format)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `number` is written in this format (any year, any serial).
    pub fn matches(&self, number: &str) -> bool {
        let mut rest = number;
        for p in pieces(&self.0) {
            match p {
                Piece::Text(t) => match rest.strip_prefix(t) {
                    Some(r) => rest = r,
                    None => return false,
                },
                Piece::Year | Piece::No(_) => {
                    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
                    if digits == 0 {
                        return false;
                    }
                    rest = &rest[digits..];
                }
                Piece::Bad => return false,
            }
        }
        rest.is_empty()
    }

    /// The number of the `serial`th certificate of `year`.
    pub fn number(&self, year: i64, serial: i64) -> String {
        pieces(&self.0)
            .map(|p| match p {
                Piece::Text(t) => t.to_owned(),
                Piece::Year => year.to_string(),
                Piece::No(width) => format!("{serial:0width$}"),
                Piece::Bad => String::new(),
            })
            .collect()
    }
}

impl Default for NumberFormat {
    fn default() -> Self {
        NumberFormat(DEFAULT_FORMAT.to_owned())
    }
}

enum Piece<'a> {
    Text(&'a str),
    Year,
    No(usize),
    Bad,
}

fn pieces(s: &str) -> impl Iterator<Item = Piece<'_>> {
    let mut rest = s;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let Some(open) = rest.find(['{', '}']) else {
            let t = rest;
            rest = "";
            return Some(Piece::Text(t));
        };
        if open > 0 {
            let t = &rest[..open];
            rest = &rest[open..];
            return Some(Piece::Text(t));
        }
        let Some(close) = rest.find('}').filter(|_| rest.starts_with('{')) else {
            rest = "";
            return Some(Piece::Bad);
        };
        let inner = &rest[1..close];
        rest = &rest[close + 1..];
        Some(match inner {
            "year" => Piece::Year,
            "no" => Piece::No(1),
            _ => match inner.strip_prefix("no:").map(str::parse::<usize>) {
                Some(Ok(w @ 1..=8)) => Piece::No(w),
                _ => Piece::Bad,
            },
        })
    })
}

/// A number the ministry gave, as typed or imported: full-width folded,
/// spaces around dropped.
pub fn national_number(raw: &str, provincial: &NumberFormat) -> Result<String, CertProblem> {
    let s = canonical(raw);
    let n = s.chars().count();
    if n == 0 || n > NATIONAL_MAX || s.chars().any(unfit) {
        return Err(CertProblem::National);
    }
    if provincial.matches(&s) {
        return Err(CertProblem::LooksProvincial { number: s });
    }
    Ok(s)
}

/// A name as a verifier types it, compared with the certificate's: spaces,
/// the width and the case of letters do not matter, the characters do.
pub fn same_name(typed: &str, on_certificate: &str) -> bool {
    let fold = |s: &str| -> String {
        fold_width(s)
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let typed = fold(typed);
    !typed.is_empty() && typed == fold(on_certificate)
}

/// A certificate number as typed into the verification form.
pub fn typed_number(raw: &str) -> String {
    canonical(raw)
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(NATIONAL_MAX + 8)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_format_gives_the_provinces_numbers() {
        let f = NumberFormat::parse(DEFAULT_FORMAT).unwrap();
        assert_eq!(f.number(2026, 1), "冀高研〔2026〕第0001号");
        assert_eq!(f.number(2026, 12345), "冀高研〔2026〕第12345号");
        assert_eq!(NumberFormat::default(), f);
    }

    #[test]
    fn a_format_needs_the_year_and_the_sequence_once() {
        for bad in [
            "冀高研第{no:4}号",
            "冀高研〔{year}〕",
            "{year}{year}{no}",
            "{year}-{no}-{no}",
            "{year}-{no:0}",
            "{year}-{no:9}",
            "{year}-{n}",
            "{year}-{no}}",
            "{year-{no}",
            "",
        ] {
            assert_eq!(NumberFormat::parse(bad), Err(CertProblem::Format), "{bad}");
        }
        let f = NumberFormat::parse(" hb{year}-{no} ").unwrap();
        assert_eq!(f.number(2027, 7), "HB2027-7");
        // Placeholders in any case, as a Chinese keyboard may give them.
        let f = NumberFormat::parse("HB{YEAR}-{No:3}").unwrap();
        assert_eq!(f.number(2027, 7), "HB2027-007");
        // A space would be lost when a verifier types the number.
        assert_eq!(
            NumberFormat::parse("HB {year}-{no}"),
            Err(CertProblem::Format)
        );
        assert_eq!(
            NumberFormat::parse("HB{year}\u{202E}-{no}"),
            Err(CertProblem::Format)
        );
        // Typed on a Chinese keyboard.
        let f = NumberFormat::parse("ＨＢ{year}-{no:3}").unwrap();
        assert_eq!(f.number(2027, 7), "HB2027-007");
    }

    #[test]
    fn ministry_numbers_are_kept_as_given() {
        let f = NumberFormat::default();
        assert_eq!(
            national_number(" ＧＪ２０２６０１２ ", &f).unwrap(),
            "GJ2026012"
        );
        assert_eq!(national_number("gj2026012", &f).unwrap(), "GJ2026012");
        assert_eq!(national_number("", &f), Err(CertProblem::National));
        assert_eq!(national_number("GJ 12", &f), Err(CertProblem::National));
        assert_eq!(
            national_number("GJ\u{200B}12", &f),
            Err(CertProblem::National)
        );
        assert_eq!(
            national_number(&"9".repeat(NATIONAL_MAX + 1), &f),
            Err(CertProblem::National)
        );
        // One the province's counter would reach one day.
        assert_eq!(
            national_number("冀高研〔2026〕第0005号", &f),
            Err(CertProblem::LooksProvincial {
                number: "冀高研〔2026〕第0005号".into()
            })
        );
        assert!(f.matches("冀高研〔2027〕第12345号"));
        assert!(!f.matches("冀高研〔2027〕第号"));
        assert!(!f.matches("冀高研〔2027〕第0001号X"));
    }

    #[test]
    fn a_name_matches_whatever_the_spaces_and_width() {
        assert!(same_name(" 王 小明", "王小明"));
        assert!(same_name("ＬＩ Ｌｅｉ", "LiLei"));
        assert!(!same_name("王小", "王小明"));
        assert!(!same_name("", ""));
        assert_eq!(
            typed_number(" 冀高研〔２０２６〕第 0001号"),
            "冀高研〔2026〕第0001号"
        );
    }
}
