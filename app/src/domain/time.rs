use chrono::{DateTime, FixedOffset};

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn midnight_utc_is_eight_in_the_morning_in_shanghai() {
        // 2026-01-01T00:00:00Z
        assert_eq!(format_shanghai(1_767_225_600), "2026-01-01 08:00 (UTC+8)");
    }
}
