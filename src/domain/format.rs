//! Formatting of sizes, dates and durations for display (pure; same output on every machine).

use time::OffsetDateTime;
use time::macros::format_description;

/// `2026-11-19 05:12` (UTC). Dates are always shown in UTC, as the AWS CLI does.
pub fn date_time(t: OffsetDateTime) -> String {
    let fmt = format_description!("[year]-[month]-[day] [hour]:[minute]");
    t.to_offset(time::UtcOffset::UTC)
        .format(&fmt)
        .unwrap_or_else(|_| "-".to_string())
}

/// Like [`date_time`] but `-` for a missing date.
pub fn opt_date_time(t: Option<OffsetDateTime>) -> String {
    t.map(date_time).unwrap_or_else(|| "-".to_string())
}

/// Binary units as the console shows them: `512 B`, `1.5 KiB`, `20.0 GiB`.
pub fn bytes(n: u64) -> String {
    const UNITS: [&str; 6] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
    if n < 1024 {
        return format!("{n} B");
    }
    let mut value = n as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// Like [`bytes`] but `-` when the size is unknown.
pub fn opt_bytes(n: Option<u64>) -> String {
    n.map(bytes).unwrap_or_else(|| "-".to_string())
}

/// `35 days`, `1 day`.
pub fn days(n: i64) -> String {
    if n == 1 {
        "1 day".to_string()
    } else {
        format!("{n} days")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn sizes_use_binary_units() {
        assert_eq!(bytes(0), "0 B");
        assert_eq!(bytes(1023), "1023 B");
        assert_eq!(bytes(1536), "1.5 KiB");
        assert_eq!(bytes(20 * 1024 * 1024 * 1024), "20.0 GiB");
        assert_eq!(opt_bytes(None), "-");
    }

    #[test]
    fn dates_are_utc() {
        let t = datetime!(2026-11-19 05:12:33 +02:00);
        assert_eq!(date_time(t), "2026-11-19 03:12");
    }

    #[test]
    fn day_counts() {
        assert_eq!(days(1), "1 day");
        assert_eq!(days(35), "35 days");
    }
}
