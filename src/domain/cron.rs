//! AWS Backup schedule expressions: the presets, validation of `cron(…)`, and a plain-English
//! reading of one for the plan details page. No screen, no SDK.

/// The schedules the create-plan wizard offers besides a typed cron expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchedulePreset {
    Hourly,
    Daily,
    Weekly,
    Monthly,
}

impl SchedulePreset {
    pub const ALL: [SchedulePreset; 4] = [
        SchedulePreset::Hourly,
        SchedulePreset::Daily,
        SchedulePreset::Weekly,
        SchedulePreset::Monthly,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SchedulePreset::Hourly => "Hourly",
            SchedulePreset::Daily => "Daily",
            SchedulePreset::Weekly => "Weekly",
            SchedulePreset::Monthly => "Monthly",
        }
    }

    /// The console's expressions: daily, weekly and monthly backups start at 05:00 UTC.
    pub fn expression(self) -> &'static str {
        match self {
            SchedulePreset::Hourly => "cron(0 * ? * * *)",
            SchedulePreset::Daily => "cron(0 5 ? * * *)",
            SchedulePreset::Weekly => "cron(0 5 ? * SUN *)",
            SchedulePreset::Monthly => "cron(0 5 1 * ? *)",
        }
    }
}

/// The six fields of an AWS cron expression, in order.
const FIELD_NAMES: [&str; 6] = [
    "Minutes",
    "Hours",
    "Day-of-month",
    "Month",
    "Day-of-week",
    "Year",
];
const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];
const WEEKDAYS: [&str; 7] = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
const WEEKDAY_NAMES: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
const FORM: &str =
    "cron(Minutes Hours Day-of-month Month Day-of-week Year), e.g. cron(0 5 ? * * *)";

/// The values one field takes: numbers from `min` to `max`, or `names` (which stand for
/// `min`, `min + 1`, …).
struct Range {
    min: u32,
    max: u32,
    names: &'static [&'static str],
}

const RANGES: [Range; 6] = [
    Range {
        min: 0,
        max: 59,
        names: &[],
    },
    Range {
        min: 0,
        max: 23,
        names: &[],
    },
    Range {
        min: 1,
        max: 31,
        names: &[],
    },
    Range {
        min: 1,
        max: 12,
        names: &MONTHS,
    },
    Range {
        min: 1,
        max: 7,
        names: &WEEKDAYS,
    },
    Range {
        min: 1970,
        max: 2199,
        names: &[],
    },
];

const DAY_OF_MONTH: usize = 2;
const DAY_OF_WEEK: usize = 4;

/// Checks a schedule as AWS Backup takes it and returns it in canonical form
/// (`cron(` + the six fields separated by single spaces + `)`). The six fields may be typed
/// without the `cron( )` around them.
pub fn validate(text: &str) -> Result<String, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(format!("Enter a cron expression: {FORM}."));
    }
    let inner = match text.strip_prefix("cron(") {
        Some(rest) => rest
            .strip_suffix(')')
            .ok_or_else(|| format!("Close the expression with `)`: {FORM}."))?,
        None if text.starts_with("rate(") || text.starts_with("at(") => {
            return Err(format!(
                "AWS Backup schedules are cron expressions only: {FORM}."
            ));
        }
        None => text,
    };
    let fields: Vec<&str> = inner.split_whitespace().collect();
    if fields.len() != 6 {
        return Err(format!(
            "A cron expression has 6 fields ({} given): {FORM}.",
            fields.len()
        ));
    }
    let unasked = |i: usize| fields[i] == "?";
    if unasked(DAY_OF_MONTH) == unasked(DAY_OF_WEEK) {
        return Err(
            "Put ? in exactly one of Day-of-month and Day-of-week (e.g. cron(0 5 ? * MON *) \
             or cron(0 5 1 * ? *))."
                .into(),
        );
    }
    for (i, field) in fields.iter().enumerate() {
        check_field(i, field).map_err(|problem| format!("{}: {problem}", FIELD_NAMES[i]))?;
    }
    if !is_number(fields[0]) {
        return Err(format!(
            "AWS Backup runs a rule at most once an hour: Minutes must be one number from 0 \
             to 59 (not {}).",
            fields[0]
        ));
    }
    Ok(format!("cron({})", fields.join(" ")))
}

fn is_number(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_digit())
}

/// One field: a comma-separated list of `*`, values, ranges `a-b`, steps `x/n`, plus the
/// special forms of the day fields (`?`, `L`, `W`, `#`).
fn check_field(i: usize, field: &str) -> Result<(), String> {
    if field == "?" {
        return match i {
            DAY_OF_MONTH | DAY_OF_WEEK => Ok(()),
            _ => Err("? is only for Day-of-month or Day-of-week.".into()),
        };
    }
    for part in field.split(',') {
        check_part(i, part)?;
    }
    Ok(())
}

fn check_part(i: usize, part: &str) -> Result<(), String> {
    let range = &RANGES[i];
    if part.is_empty() {
        return Err("an empty value (two commas in a row?).".into());
    }
    if part == "*" {
        return Ok(());
    }
    if i == DAY_OF_MONTH {
        if part == "L" || part == "LW" {
            return Ok(());
        }
        if let Some(day) = part.strip_suffix('W') {
            return value(range, day).map(drop);
        }
    }
    if i == DAY_OF_WEEK {
        if part == "L" {
            return Ok(());
        }
        if let Some(day) = part.strip_suffix('L') {
            return value(range, day).map(drop);
        }
        if let Some((day, nth)) = part.split_once('#') {
            value(range, day)?;
            return match nth.parse::<u32>() {
                Ok(1..=5) => Ok(()),
                _ => Err(format!(
                    "#{nth} must be #1 to #5 (the nth weekday of the month)."
                )),
            };
        }
    }
    let (base, step) = match part.split_once('/') {
        Some((base, step)) => (base, Some(step)),
        None => (part, None),
    };
    if let Some(step) = step {
        match step.parse::<u32>() {
            Ok(n) if n >= 1 => {}
            _ => {
                return Err(format!(
                    "the step after / must be a whole number from 1 (not {step})."
                ));
            }
        }
    }
    if base == "*" && step.is_some() {
        return Ok(());
    }
    match base.split_once('-') {
        Some((from, to)) => {
            value(range, from)?;
            value(range, to)?;
        }
        None => {
            value(range, base)?;
        }
    }
    Ok(())
}

/// A number within `range`, or one of its names (any case).
fn value(range: &Range, text: &str) -> Result<u32, String> {
    if let Some(pos) = range
        .names
        .iter()
        .position(|n| n.eq_ignore_ascii_case(text))
    {
        return Ok(range.min + pos as u32);
    }
    let allowed = match range.names {
        [] => format!("{} to {}", range.min, range.max),
        names => format!(
            "{} to {} or {}-{}",
            range.min,
            range.max,
            names[0],
            names[names.len() - 1]
        ),
    };
    match text.parse::<u32>() {
        Ok(n) if (range.min..=range.max).contains(&n) => Ok(n),
        _ => Err(format!("values are {allowed} (not {text}).")),
    }
}

/// A schedule in words: `Daily at 05:00 UTC`, `Weekly on Sunday at 05:00 UTC`. Expressions
/// without a simple reading are shown as they are, marked UTC; invalid ones as they are.
pub fn describe(expr: &str) -> String {
    let Ok(canonical) = validate(expr) else {
        return expr.to_string();
    };
    reading(&canonical).unwrap_or_else(|| format!("{canonical} (UTC)"))
}

/// The plain reading of a valid, canonical expression, if it has a simple one.
fn reading(canonical: &str) -> Option<String> {
    let inner = canonical.strip_prefix("cron(")?.strip_suffix(')')?;
    let fields: Vec<&str> = inner.split(' ').collect();
    let [minute, hour, dom, month, dow, year] = fields[..] else {
        return None;
    };
    if month != "*" || year != "*" {
        return None;
    }
    let minute: u32 = minute.parse().ok()?;
    let every_day = matches!((dom, dow), ("?", "*") | ("*", "?"));
    if hour == "*" && every_day {
        return Some(format!("Hourly at {minute:02} minutes past the hour (UTC)"));
    }
    if let Some(n) = hour.strip_prefix("*/").or_else(|| hour.strip_prefix("0/"))
        && every_day
    {
        return Some(format!(
            "Every {n} hours at {minute:02} minutes past the hour (UTC)"
        ));
    }
    let hour: u32 = hour.parse().ok()?;
    let when = format!("at {hour:02}:{minute:02} UTC");
    match (dom, dow) {
        _ if every_day => Some(format!("Daily {when}")),
        ("?", day) => weekday(day).map(|name| format!("Weekly on {name} {when}")),
        ("L", "?") => Some(format!("Monthly on the last day {when}")),
        (day, "?") if is_number(day) => Some(format!("Monthly on day {day} {when}")),
        _ => None,
    }
}

/// `Sunday` for `SUN` or `1`.
fn weekday(text: &str) -> Option<&'static str> {
    value(&RANGES[DAY_OF_WEEK], text)
        .ok()
        .map(|n| WEEKDAY_NAMES[(n - 1) as usize])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_are_valid_and_read_as_their_names() {
        for preset in SchedulePreset::ALL {
            assert_eq!(
                validate(preset.expression()).as_deref(),
                Ok(preset.expression())
            );
        }
        assert_eq!(
            describe(SchedulePreset::Hourly.expression()),
            "Hourly at 00 minutes past the hour (UTC)"
        );
        assert_eq!(
            describe(SchedulePreset::Daily.expression()),
            "Daily at 05:00 UTC"
        );
        assert_eq!(
            describe(SchedulePreset::Weekly.expression()),
            "Weekly on Sunday at 05:00 UTC"
        );
        assert_eq!(
            describe(SchedulePreset::Monthly.expression()),
            "Monthly on day 1 at 05:00 UTC"
        );
    }

    #[test]
    fn typed_expressions_are_canonicalised() {
        assert_eq!(
            validate("  cron(30  2 ? * MON-FRI *) ").as_deref(),
            Ok("cron(30 2 ? * MON-FRI *)")
        );
        assert_eq!(
            validate("0 */12 ? * * *").as_deref(),
            Ok("cron(0 */12 ? * * *)"),
            "the six fields alone are wrapped"
        );
        for ok in [
            "cron(0 5 L * ? *)",
            "cron(0 5 15W * ? *)",
            "cron(0 5 ? * 6#3 *)",
            "cron(0 5 ? * 6L *)",
            "cron(15 1,13 ? JAN-JUN MON,WED 2027)",
            "cron(0 0/6 ? * * *)",
            "cron(0 5 1/7 * ? 2026-2030)",
        ] {
            assert!(validate(ok).is_ok(), "{ok}: {:?}", validate(ok));
        }
    }

    #[test]
    fn malformed_expressions_say_what_is_wrong() {
        let err = |text: &str| validate(text).unwrap_err();
        assert_eq!(
            err(""),
            "Enter a cron expression: cron(Minutes Hours Day-of-month Month Day-of-week Year), \
             e.g. cron(0 5 ? * * *)."
        );
        assert!(err("cron(0 5 * * *)").starts_with("A cron expression has 6 fields (5 given)"));
        assert!(err("cron(0 5 ? * * *").starts_with("Close the expression with `)`"));
        assert!(err("rate(1 hour)").starts_with("AWS Backup schedules are cron expressions only"));
        assert_eq!(
            err("cron(0 5 * * * *)"),
            "Put ? in exactly one of Day-of-month and Day-of-week (e.g. cron(0 5 ? * MON *) or \
             cron(0 5 1 * ? *))."
        );
        assert!(err("cron(0 5 ? * ? *)").starts_with("Put ? in exactly one"));
    }

    #[test]
    fn out_of_range_values_name_the_field_and_the_range() {
        let err = |text: &str| validate(text).unwrap_err();
        assert_eq!(
            err("cron(0 24 ? * * *)"),
            "Hours: values are 0 to 23 (not 24)."
        );
        assert_eq!(
            err("cron(60 5 ? * * *)"),
            "Minutes: values are 0 to 59 (not 60)."
        );
        assert_eq!(
            err("cron(0 5 32 * ? *)"),
            "Day-of-month: values are 1 to 31 (not 32)."
        );
        assert_eq!(
            err("cron(0 5 ? FOO * *)"),
            "Month: values are 1 to 12 or JAN-DEC (not FOO)."
        );
        assert_eq!(
            err("cron(0 5 ? * 8 *)"),
            "Day-of-week: values are 1 to 7 or SUN-SAT (not 8)."
        );
        assert_eq!(
            err("cron(0 5 ? * * 1969)"),
            "Year: values are 1970 to 2199 (not 1969)."
        );
        assert_eq!(
            err("cron(? 5 1 * ? *)"),
            "Minutes: ? is only for Day-of-month or Day-of-week."
        );
        assert_eq!(
            err("cron(0 5 ? * MON#6 *)"),
            "Day-of-week: #6 must be #1 to #5 (the nth weekday of the month)."
        );
        assert_eq!(
            err("cron(0 */0 ? * * *)"),
            "Hours: the step after / must be a whole number from 1 (not 0)."
        );
    }

    #[test]
    fn more_than_once_an_hour_is_refused() {
        for text in [
            "cron(*/15 * ? * * *)",
            "cron(0,30 * ? * * *)",
            "cron(* 5 ? * * *)",
        ] {
            let minutes = text["cron(".len()..].split(' ').next().unwrap_or_default();
            assert_eq!(
                validate(text).unwrap_err(),
                format!(
                    "AWS Backup runs a rule at most once an hour: Minutes must be one number \
                     from 0 to 59 (not {minutes})."
                )
            );
        }
    }

    #[test]
    fn other_schedules_read_plainly_or_show_the_expression() {
        assert_eq!(
            describe("cron(30 2 ? * MON *)"),
            "Weekly on Monday at 02:30 UTC"
        );
        assert_eq!(
            describe("cron(0 */12 ? * * *)"),
            "Every 12 hours at 00 minutes past the hour (UTC)"
        );
        assert_eq!(
            describe("cron(0 5 L * ? *)"),
            "Monthly on the last day at 05:00 UTC"
        );
        assert_eq!(
            describe("cron(0 5 ? * MON-FRI *)"),
            "cron(0 5 ? * MON-FRI *) (UTC)"
        );
        assert_eq!(describe("not a cron"), "not a cron");
    }
}
