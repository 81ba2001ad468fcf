use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime};

use crate::error::Problem;

/// Asia/Shanghai has kept UTC+8 without daylight saving since 1991, so a
/// fixed offset is exact for every time this system records.
pub const SHANGHAI_OFFSET_SECS: i32 = 8 * 3600;

/// Formats a Unix time (seconds) as Shanghai local time, e.g.
/// `2026-11-25 14:03 (UTC+8)`.
pub fn format_shanghai(unix_secs: i64) -> String {
    let offset = FixedOffset::east_opt(SHANGHAI_OFFSET_SECS).expect("valid offset");
    match DateTime::from_timestamp(unix_secs, 0) {
        Some(t) => t
            .with_timezone(&offset)
            .format("%Y-%m-%d %H:%M (UTC+8)")
            .to_string(),
        None => String::from("—"),
    }
}

fn shanghai() -> FixedOffset {
    FixedOffset::east_opt(SHANGHAI_OFFSET_SECS).expect("valid offset")
}

/// The calendar day in Shanghai at a Unix time: what "today" means for
/// date rules such as a disqualification period.
pub fn shanghai_date(unix_secs: i64) -> NaiveDate {
    DateTime::from_timestamp(unix_secs, 0)
        .unwrap_or_default()
        .with_timezone(&shanghai())
        .date_naive()
}

/// Shanghai date and `HH:MM` of a Unix time, as a form's inputs show them.
pub fn shanghai_date_time(unix_secs: i64) -> (String, String) {
    let t = DateTime::from_timestamp(unix_secs, 0)
        .unwrap_or_default()
        .with_timezone(&shanghai());
    (
        t.format("%Y-%m-%d").to_string(),
        t.format("%H:%M").to_string(),
    )
}

/// The years this system plans for (topic calls, commendations).
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// A plan year as typed.
pub fn parse_year(raw: &str) -> Result<i32, Problem> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(Problem::Required);
    }
    let n: i32 = s.parse().map_err(|_| Problem::NotANumber)?;
    if !YEARS.contains(&n) {
        return Err(Problem::InvalidChoice);
    }
    Ok(n)
}

/// A date as typed, `YYYY-MM-DD`.
pub fn parse_date(raw: &str) -> Result<NaiveDate, Problem> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(Problem::Required);
    }
    let d = NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| Problem::NotADate)?;
    // chrono reads signed and five-digit years too ("+42195-01-01"), which
    // no form means and no stored date may hold.
    if (1000..=9999).contains(&d.year()) && !raw.starts_with(['+', '-']) {
        Ok(d)
    } else {
        Err(Problem::NotADate)
    }
}

/// A deadline typed as a Shanghai date (`date`) and time of day (`time`,
/// `HH:MM`), as a Unix time. Problems are named by those two fields.
pub fn parse_deadline(date: &str, time: &str) -> Result<i64, Vec<(&'static str, Problem)>> {
    let day = parse_date(date);
    let clock = match time.trim() {
        "" => Err(Problem::Required),
        t => NaiveTime::parse_from_str(t, "%H:%M").map_err(|_| Problem::NotATime),
    };
    match (day, clock) {
        (Ok(d), Ok(t)) => Ok(d.and_time(t).and_utc().timestamp() - SHANGHAI_OFFSET_SECS as i64),
        (d, t) => Err([("deadline_date", d.err()), ("deadline_time", t.err())]
            .into_iter()
            .filter_map(|(f, p)| p.map(|p| (f, p)))
            .collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_four_digit_years_are_dates() {
        assert!(parse_date("2027-05-10").is_ok());
        for odd in ["+42195-01-01", "-0001-01-01", "0999-12-31", "+2027-05-10"] {
            assert_eq!(parse_date(odd), Err(Problem::NotADate), "{odd}");
        }
    }

    #[test]
    fn a_deadline_is_read_as_shanghai_time() {
        // 2026-12-31 17:00 in Shanghai is 09:00 UTC.
        let at = parse_deadline("2026-12-31", "17:00").unwrap();
        assert_eq!(format_shanghai(at), "2026-12-31 17:00 (UTC+8)");
        assert_eq!(
            shanghai_date_time(at),
            ("2026-12-31".into(), "17:00".into())
        );
        assert_eq!(
            parse_deadline("2026-02-30", "25:00"),
            Err(vec![
                ("deadline_date", Problem::NotADate),
                ("deadline_time", Problem::NotATime)
            ])
        );
    }

    #[test]
    fn plan_years_are_bounded() {
        assert_eq!(parse_year(" 2027 "), Ok(2027));
        assert_eq!(parse_year("1999"), Err(Problem::InvalidChoice));
        assert_eq!(parse_year("二〇二七"), Err(Problem::NotANumber));
        assert_eq!(parse_year(""), Err(Problem::Required));
    }

    #[test]
    fn the_shanghai_day_starts_at_sixteen_hundred_utc() {
        let eve = parse_deadline("2027-01-01", "00:00").unwrap();
        assert_eq!(shanghai_date(eve).to_string(), "2027-01-01");
        assert_eq!(shanghai_date(eve - 1).to_string(), "2026-12-31");
    }

    #[test]
    fn midnight_utc_is_eight_in_the_morning_in_shanghai() {
        // 2026-01-01T00:00:00Z
        assert_eq!(format_shanghai(1_767_225_600), "2026-01-01 08:00 (UTC+8)");
    }
}
