use serde::{Deserialize, Serialize};

use crate::error::Problem;

/// An amount of money in fen (0.01 yuan). Never a float: sums of budget
/// lines must add up to the fen (R15).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Fen(i64);

impl Fen {
    pub const ZERO: Fen = Fen(0);
    /// 100 million yuan: far above any training budget, far below overflow.
    pub const MAX: Fen = Fen(10_000_000_000);

    pub fn from_fen(fen: i64) -> Result<Fen, Problem> {
        if fen < 0 {
            Err(Problem::Negative)
        } else if fen > Self::MAX.0 {
            Err(Problem::TooLarge)
        } else {
            Ok(Fen(fen))
        }
    }

    /// Parses yuan as typed: `1234`, `1234.5`, `1,234.56`, `¥1234.56`.
    /// More than two decimals is an error rather than a silent rounding.
    pub fn parse_yuan(raw: &str) -> Result<Fen, Problem> {
        let s: String = super::number_text::unsigned(raw.trim().trim_start_matches(['¥', '￥']))?
            .chars()
            .filter(|c| *c != ',' && *c != '，' && !c.is_whitespace())
            .collect();
        let (whole, frac) = s.split_once('.').unwrap_or((&s, ""));
        let digits = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
        if !digits(whole) || (!frac.is_empty() && !digits(frac)) || s.ends_with('.') {
            return Err(Problem::NotANumber);
        }
        if frac.len() > 2 {
            return Err(Problem::TooManyDecimals);
        }
        if whole.len() > 12 {
            return Err(Problem::TooLarge);
        }
        let yuan: i64 = whole.parse().map_err(|_| Problem::NotANumber)?;
        let cents: i64 = format!("{frac:0<2}")
            .parse()
            .map_err(|_| Problem::NotANumber)?;
        Fen::from_fen(yuan * 100 + cents)
    }

    pub fn fen(self) -> i64 {
        self.0
    }

    pub fn checked_add(self, other: Fen) -> Option<Fen> {
        self.0.checked_add(other.0).map(Fen)
    }

    /// `12,345.60`, without a currency sign (tables add their own header).
    pub fn yuan_text(self) -> String {
        yuan_text(self.0)
    }
}

/// Any sum in fen as `12,345.60`, a difference with its minus sign
/// (`-0.01`): for totals and differences that need not be an amount.
pub fn yuan_text(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    let whole = (abs / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}.{:02}", abs % 100)
}

/// Plain yuan for an input's value (no thousands separators); zero is an
/// empty box.
pub fn yuan_input(fen: i64) -> String {
    if fen == 0 {
        String::new()
    } else if fen % 100 == 0 {
        (fen / 100).to_string()
    } else {
        format!("{}.{:02}", fen / 100, fen % 100)
    }
}

/// Adds amounts, or says the total is beyond `Fen::MAX`.
pub fn total(amounts: impl IntoIterator<Item = Fen>) -> Result<Fen, Problem> {
    amounts
        .into_iter()
        .try_fold(Fen::ZERO, |acc, a| {
            acc.checked_add(a).ok_or(Problem::TooLarge)
        })
        .and_then(|t| Fen::from_fen(t.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_as_people_type_them_become_exact_fen() {
        assert_eq!(Fen::parse_yuan("1234").unwrap().fen(), 123_400);
        assert_eq!(Fen::parse_yuan("1234.5").unwrap().fen(), 123_450);
        assert_eq!(Fen::parse_yuan(" ¥1,234.56 ").unwrap().fen(), 123_456);
        assert_eq!(Fen::parse_yuan("0.01").unwrap().fen(), 1);
        assert_eq!(Fen::parse_yuan("0").unwrap(), Fen::ZERO);
    }

    #[test]
    fn bad_amounts_say_what_is_wrong() {
        assert_eq!(Fen::parse_yuan(""), Err(Problem::Required));
        assert_eq!(Fen::parse_yuan("-5"), Err(Problem::Negative));
        assert_eq!(Fen::parse_yuan("12.345"), Err(Problem::TooManyDecimals));
        assert_eq!(Fen::parse_yuan("12a"), Err(Problem::NotANumber));
        assert_eq!(Fen::parse_yuan("12."), Err(Problem::NotANumber));
        assert_eq!(Fen::parse_yuan(".5"), Err(Problem::NotANumber));
        assert_eq!(Fen::parse_yuan("100000001"), Err(Problem::TooLarge));
        assert_eq!(Fen::parse_yuan("9999999999999"), Err(Problem::TooLarge));
    }

    #[test]
    fn amounts_print_with_thousands_and_two_decimals() {
        assert_eq!(
            Fen::parse_yuan("1234567.8").unwrap().yuan_text(),
            "1,234,567.80"
        );
        assert_eq!(Fen::from_fen(5).unwrap().yuan_text(), "0.05");
        // A difference keeps its sign, however large.
        assert_eq!(yuan_text(-1), "-0.01");
        assert_eq!(yuan_text(-123_456_789), "-1,234,567.89");
        assert_eq!(yuan_text(i64::MIN), "-92,233,720,368,547,758.08");
    }

    #[test]
    fn totals_never_overflow_silently() {
        assert_eq!(total([Fen(1), Fen(2)]), Ok(Fen(3)));
        assert_eq!(total([Fen::MAX, Fen(1)]), Err(Problem::TooLarge));
    }
}
