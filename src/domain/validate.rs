//! Pure checks of wizard input; each error is the short message shown under the field.

use serde_json::Value;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Duration, OffsetDateTime, PrimitiveDateTime, UtcOffset};

/// Most items one item-level restore job takes, for S3 and EFS alike.
///
/// S3: "up to 5 items ... per restore job" (console) and "up to five paths" (CLI). EFS: the old
/// API model says 1 to 5 paths, while the newer guide allows 10 in the console and no limit in the
/// CLI (only 200 KB of metadata); we keep the stricter 5 (`aws-api.md` section 2, "EFS item limits").
pub const MAX_RESTORE_ITEMS: usize = 5;

const RESERVED_BUCKET_PREFIXES: [&str; 3] = ["xn--", "sthree-", "amzn-s3-demo-"];
const RESERVED_BUCKET_SUFFIXES: [&str; 5] =
    ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];
const PARTITIONS: [&str; 3] = ["aws", "aws-cn", "aws-us-gov"];
const MAX_ARN_LEN: usize = 2048;
const KMS_EXAMPLE: &str =
    "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const ROLE_EXAMPLE: &str =
    "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole";
const ARRAY_EXAMPLE: &str = r#"["sg-012d52c68c6e88f00"]"#;
const TIME_EXAMPLE: &str = "2026-11-01T00:00:00Z (or 2026-11-01 00:00)";

/// The first character that `ok` rejects.
fn first_bad(s: &str, ok: impl Fn(char) -> bool) -> Option<char> {
    s.chars().find(|&c| !ok(c))
}

/// S3 general purpose bucket naming rules (`aws-api.md` section 3).
pub fn bucket_name(name: &str) -> Result<(), String> {
    let n = name.chars().count();
    if !(3..=63).contains(&n) {
        return Err(format!(
            "Bucket names must be 3 to 63 characters long (this one has {n})."
        ));
    }
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-';
    if let Some(c) = first_bad(name, allowed) {
        return Err(format!(
            "Bucket names use only lowercase letters, digits, periods (.) and hyphens (-), not {c:?}."
        ));
    }
    let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if !alnum(name.chars().next()) || !alnum(name.chars().next_back()) {
        return Err("Bucket names must start and end with a letter or digit.".into());
    }
    if name.contains("..") {
        return Err("Bucket names must not contain two periods in a row (..).".into());
    }
    if looks_like_ip(name) {
        return Err(
            "Bucket names must not be formatted as an IP address (like 192.168.5.4).".into(),
        );
    }
    if let Some(p) = RESERVED_BUCKET_PREFIXES
        .iter()
        .find(|p| name.starts_with(**p))
    {
        return Err(format!(
            "Bucket names must not start with {p} (reserved: {}).",
            RESERVED_BUCKET_PREFIXES.join(", ")
        ));
    }
    if let Some(s) = RESERVED_BUCKET_SUFFIXES
        .iter()
        .find(|s| name.ends_with(**s))
    {
        return Err(format!(
            "Bucket names must not end with {s} (reserved: {}).",
            RESERVED_BUCKET_SUFFIXES.join(", ")
        ));
    }
    Ok(())
}

/// Four dot-separated groups of one to three digits, like `192.168.5.4`.
fn looks_like_ip(name: &str) -> bool {
    let groups: Vec<&str> = name.split('.').collect();
    groups.len() == 4
        && groups
            .iter()
            .all(|g| (1..=3).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit()))
}

/// DynamoDB table names: 3 to 255 characters from `[a-zA-Z0-9_.-]`.
pub fn dynamodb_table_name(name: &str) -> Result<(), String> {
    let n = name.chars().count();
    if !(3..=255).contains(&n) {
        return Err(format!(
            "Table names must be 3 to 255 characters long (this one has {n})."
        ));
    }
    if let Some(c) = first_bad(name, |c| c.is_ascii_alphanumeric() || "_.-".contains(c)) {
        return Err(format!(
            "Table names use only letters, digits, underscores (_), periods (.) and hyphens (-), not {c:?}."
        ));
    }
    Ok(())
}

/// The six colon-separated parts of an ARN; the resource part may itself contain colons.
struct Arn<'a> {
    partition: &'a str,
    service: &'a str,
    region: &'a str,
    account: &'a str,
    resource: &'a str,
}

fn parse_arn(arn: &str) -> Option<Arn<'_>> {
    let mut parts = arn.splitn(6, ':');
    if parts.next()? != "arn" {
        return None;
    }
    Some(Arn {
        partition: parts.next()?,
        service: parts.next()?,
        region: parts.next()?,
        account: parts.next()?,
        resource: parts.next()?,
    })
}

/// The checks shared by every ARN: length, partition and a 12-digit account ID.
fn check_arn_basics(arn: &str, a: &Arn<'_>) -> Result<(), String> {
    if arn.chars().count() > MAX_ARN_LEN {
        return Err(format!("ARNs are at most {MAX_ARN_LEN} characters long."));
    }
    if !PARTITIONS.contains(&a.partition) {
        return Err(format!(
            "The partition must be aws, aws-cn or aws-us-gov, not {:?}.",
            a.partition
        ));
    }
    if a.account.len() != 12 || !a.account.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "The account ID in the ARN must be 12 digits, not {:?}.",
            a.account
        ));
    }
    Ok(())
}

fn parse_kms_arn(arn: &str) -> Result<Arn<'_>, String> {
    let Some(a) = parse_arn(arn) else {
        return Err(format!(
            "This is not an ARN; a KMS key ARN looks like {KMS_EXAMPLE}."
        ));
    };
    if a.service != "kms" {
        return Err(format!(
            "This is not a KMS key ARN (its service is {:?}, not kms).",
            a.service
        ));
    }
    check_arn_basics(arn, &a)?;
    let region_ok = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
    if a.region.is_empty() || first_bad(a.region, region_ok).is_some() {
        return Err(format!(
            "The Region in the ARN must look like us-east-1, not {:?}.",
            a.region
        ));
    }
    if let Some(id) = a.resource.strip_prefix("key/") {
        if id.is_empty() {
            return Err("The ARN is missing the key ID after key/.".into());
        }
        if let Some(c) = first_bad(id, |c| c.is_ascii_alphanumeric() || c == '-') {
            return Err(format!(
                "Key IDs use only letters, digits and hyphens, not {c:?}."
            ));
        }
    } else if let Some(alias) = a.resource.strip_prefix("alias/") {
        if alias.is_empty() {
            return Err("The ARN is missing the alias name after alias/.".into());
        }
        if let Some(c) = first_bad(alias, |c| c.is_ascii_alphanumeric() || ":/_-".contains(c)) {
            return Err(format!(
                "Alias names use only letters, digits, colons, slashes, underscores and hyphens, not {c:?}."
            ));
        }
        if a.resource.len() > 256 {
            return Err("Alias names (alias/...) are at most 256 characters long.".into());
        }
    } else {
        return Err(format!(
            "The ARN is missing the key ID: it must end with key/<key ID> or alias/<alias name>, not {:?}.",
            a.resource
        ));
    }
    Ok(a)
}

/// `arn:<partition>:kms:<region>:<account>:key/<key ID>` or `...:alias/<name>`.
pub fn kms_key_arn(arn: &str) -> Result<(), String> {
    parse_kms_arn(arn).map(|_| ())
}

/// [`kms_key_arn`], and the key must live in `region` (restores run in the vault's Region).
pub fn kms_key_in_region(arn: &str, region: &str) -> Result<(), String> {
    let a = parse_kms_arn(arn)?;
    if a.region != region {
        return Err(format!(
            "This key is in {}; a restore in {region} needs a key in {region}.",
            a.region
        ));
    }
    Ok(())
}

/// An IAM role name: 1 to 64 of letters, digits and `_+=,.@-`.
pub fn iam_role_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("Give the new role a name.".into());
    }
    let n = name.chars().count();
    if n > 64 {
        return Err(format!(
            "Role names are at most 64 characters long (this one has {n})."
        ));
    }
    if let Some(c) = first_bad(name, |c| c.is_ascii_alphanumeric() || "_+=,.@-".contains(c)) {
        return Err(format!(
            "Role names use only letters, digits and _+=,.@- characters, not {c:?}."
        ));
    }
    Ok(())
}

/// `arn:<partition>:iam::<account>:role/<optional path/><name>`.
pub fn iam_role_arn(arn: &str) -> Result<(), String> {
    let Some(a) = parse_arn(arn) else {
        return Err(format!(
            "This is not an ARN; a role ARN looks like {ROLE_EXAMPLE}."
        ));
    };
    if a.service != "iam" {
        return Err(format!(
            "This is not an IAM role ARN (its service is {:?}, not iam).",
            a.service
        ));
    }
    check_arn_basics(arn, &a)?;
    if !a.region.is_empty() {
        return Err(format!(
            "IAM ARNs have no Region (iam::<account>), but this one has {:?}.",
            a.region
        ));
    }
    let Some(rest) = a.resource.strip_prefix("role/") else {
        return Err(format!(
            "This is not a role ARN: after the account comes role/<name>, not {:?}.",
            a.resource
        ));
    };
    let (path, name) = rest.rsplit_once('/').unwrap_or(("", rest));
    if name.is_empty() {
        return Err("The ARN is missing the role name after role/.".into());
    }
    iam_role_name(name)?;
    if rest.contains('/') {
        if path.split('/').any(str::is_empty) {
            return Err("The role path must not have empty parts (//).".into());
        }
        if let Some(c) = first_bad(path, |c| ('!'..='~').contains(&c)) {
            return Err(format!(
                "Role paths use only printable ASCII characters without spaces, not {c:?}."
            ));
        }
    }
    Ok(())
}

/// An item of an S3 item-level restore: `s3://<bucket>/<key>` in the backed-up bucket. Returns the key.
pub fn s3_uri_in_bucket(uri: &str, bucket: &str) -> Result<String, String> {
    let Some(rest) = uri.strip_prefix("s3://") else {
        return Err(format!(
            "S3 URIs start with s3://, as in s3://{bucket}/photos/cat.jpg."
        ));
    };
    let (in_bucket, key) = rest.split_once('/').unwrap_or((rest, ""));
    if in_bucket != bucket {
        return Err(format!(
            "This URI is in bucket {in_bucket:?}, but items must be in {bucket:?}, the backed-up bucket."
        ));
    }
    if key.is_empty() {
        return Err(format!(
            "The URI names no object: add its key after s3://{bucket}/."
        ));
    }
    if key.contains(['*', '?']) {
        return Err(
            "Wildcards (* and ?) are not allowed; name each object or folder exactly.".into(),
        );
    }
    Ok(key.to_string())
}

/// Checks the count, each item (`check` returns the item's identity) and duplicates.
fn restore_items(
    items: &[String],
    check: impl Fn(&str) -> Result<String, String>,
) -> Result<(), String> {
    if items.is_empty() {
        return Err("Add at least one item to restore.".into());
    }
    if items.len() > MAX_RESTORE_ITEMS {
        return Err(format!(
            "Item-level restore takes at most {MAX_RESTORE_ITEMS} items per restore job."
        ));
    }
    let mut seen: Vec<String> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let id = check(item).map_err(|e| format!("Item {}: {e}", i + 1))?;
        if let Some(j) = seen.iter().position(|s| *s == id) {
            return Err(format!("Item {} repeats item {}.", i + 1, j + 1));
        }
        seen.push(id);
    }
    Ok(())
}

/// S3 item-level restore: 1 to 5 distinct URIs in `bucket`.
pub fn s3_items(uris: &[String], bucket: &str) -> Result<(), String> {
    restore_items(uris, |uri| s3_uri_in_bucket(uri, bucket))
}

/// An EFS item path: absolute (from the file system root), not `/` itself, no wildcards.
pub fn efs_item_path(path: &str) -> Result<(), String> {
    if !path.starts_with('/') {
        return Err(
            "EFS paths start with / (the file system root), as in /home/alice/report.txt.".into(),
        );
    }
    if path.trim_end_matches('/').is_empty() {
        return Err(
            "Name a file or directory below /; for the whole file system choose a full restore."
                .into(),
        );
    }
    if path.contains(['*', '?']) {
        return Err(
            "Wildcards (* and ?) are not allowed; name each file or directory exactly.".into(),
        );
    }
    Ok(())
}

/// EFS item-level restore: 1 to [`MAX_RESTORE_ITEMS`] distinct paths (`/a/` and `/a` are the same).
pub fn efs_items(paths: &[String]) -> Result<(), String> {
    restore_items(paths, |path| {
        efs_item_path(path).map(|()| path.trim_end_matches('/').to_string())
    })
}

/// Any JSON value; the error gives the parser's line and column.
pub fn json_value(text: &str) -> Result<Value, String> {
    serde_json::from_str(text).map_err(|e| {
        let full = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        let what = full.strip_suffix(&suffix).unwrap_or(&full);
        format!(
            "Not valid JSON at line {}, column {}: {what}.",
            e.line(),
            e.column()
        )
    })
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a true/false value",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A JSON array of strings, as list-typed restore metadata needs (`subnetIds`, `securityGroupIds`).
/// An empty array is accepted; callers decide whether the list is required.
pub fn json_string_array(text: &str) -> Result<Vec<String>, String> {
    let hint = format!("Enter a JSON array of strings, as in {ARRAY_EXAMPLE}");
    let value = match json_value(text) {
        Ok(v) => v,
        Err(_) if !text.trim_start().starts_with('[') => return Err(format!("{hint}.")),
        Err(e) => return Err(e),
    };
    let Value::Array(items) = value else {
        return Err(format!("{hint} (this is {}).", json_kind(&value)));
    };
    items
        .into_iter()
        .enumerate()
        .map(|(i, v)| match v {
            Value::String(s) => Ok(s),
            other => Err(format!(
                "Element {} is {}, not a string; quote it, as in {ARRAY_EXAMPLE}.",
                i + 1,
                json_kind(&other)
            )),
        })
        .collect()
}

/// `2026-11-01T00:00:00Z`; the time is shown in UTC.
fn utc_text(t: OffsetDateTime) -> String {
    let fmt = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    t.checked_to_offset(UtcOffset::UTC)
        .and_then(|u| u.format(&fmt).ok())
        .unwrap_or_else(|| "?".to_string())
}

fn time_error(e: time::error::Parse) -> String {
    use time::error::{Parse, ParseFromDescription, TryFromParsed};
    let name = match e {
        Parse::ParseFromDescription(ParseFromDescription::InvalidComponent(name)) => name,
        Parse::TryFromParsed(TryFromParsed::ComponentRange(range)) => range.name(),
        _ => return format!("Enter a UTC time like {TIME_EXAMPLE}."),
    };
    if name.starts_with("offset") {
        format!("End the time with Z (UTC), as in {TIME_EXAMPLE}.")
    } else {
        format!("The {name} is not valid; enter a UTC time like {TIME_EXAMPLE}.")
    }
}

/// Parses RFC 3339 (`2026-11-01T00:00:00Z`; another offset is converted to UTC), or
/// `2026-11-01 00:00:00` / `2026-11-01 00:00` taken as UTC.
fn parse_time(text: &str) -> Result<OffsetDateTime, String> {
    if text.is_empty()
        || first_bad(text, |c| c.is_ascii_digit() || "-: Tt.Zz+".contains(c)).is_some()
    {
        return Err(format!("Enter a UTC time like {TIME_EXAMPLE}."));
    }
    if text.contains(['T', 't']) {
        let t = OffsetDateTime::parse(text, &Rfc3339).map_err(time_error)?;
        return t
            .checked_to_offset(UtcOffset::UTC)
            .ok_or_else(|| format!("Enter a UTC time like {TIME_EXAMPLE}."));
    }
    let t = if text.matches(':').count() == 1 {
        let fmt = format_description!("[year]-[month]-[day] [hour]:[minute]");
        PrimitiveDateTime::parse(text, &fmt)
    } else {
        let fmt = format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
        PrimitiveDateTime::parse(text, &fmt)
    };
    t.map(PrimitiveDateTime::assume_utc).map_err(time_error)
}

/// A point-in-time restore time, within `[earliest, latest]` inclusive.
pub fn restore_time(
    text: &str,
    earliest: OffsetDateTime,
    latest: OffsetDateTime,
) -> Result<OffsetDateTime, String> {
    let t = parse_time(text.trim())?;
    if t < earliest || t > latest {
        // The window as whole seconds that are inside it, so typing a shown bound is accepted.
        let first = match earliest.nanosecond() {
            0 => Some(earliest),
            _ => earliest
                .replace_nanosecond(0)
                .ok()
                .and_then(|e| e.checked_add(Duration::SECOND)),
        };
        let side = if t < earliest {
            "before the earliest"
        } else {
            "after the latest"
        };
        return Err(format!(
            "{} is {side} restorable time; choose a time from {} to {}.",
            utc_text(t),
            first.map_or_else(|| "?".to_string(), utc_text),
            utc_text(latest)
        ));
    }
    Ok(t)
}

/// RDS DB instance or Aurora cluster identifier (RDS stores it lowercase; this does not transform).
pub fn rds_identifier(id: &str) -> Result<(), String> {
    let n = id.chars().count();
    if !(1..=63).contains(&n) {
        return Err(format!(
            "DB identifiers must be 1 to 63 characters long (this one has {n})."
        ));
    }
    if let Some(c) = first_bad(id, |c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(format!(
            "DB identifiers use only letters, digits and hyphens, not {c:?}."
        ));
    }
    if !id.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Err("DB identifiers must start with a letter.".into());
    }
    if id.ends_with('-') {
        return Err("DB identifiers must not end with a hyphen.".into());
    }
    if id.contains("--") {
        return Err("DB identifiers must not contain two hyphens in a row.".into());
    }
    Ok(())
}

/// Fails with `"{what} {name} already exists."` when `name` is in `existing` (exact match).
pub fn not_in(name: &str, existing: &[String], what: &str) -> Result<(), String> {
    if existing.iter().any(|e| e == name) {
        return Err(format!("{what} {name} already exists."));
    }
    Ok(())
}

/// Backup vault names: `^[a-zA-Z0-9\-\_]{2,50}$` (CreateBackupVault).
pub fn vault_name(name: &str) -> Result<(), String> {
    let len = name.chars().count();
    if !(2..=50).contains(&len) {
        return Err(format!("Vault names are 2 to 50 characters ({len} given)."));
    }
    if let Some(c) = first_bad(name, |c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        return Err(format!(
            "Vault names use only letters, digits, - and _ (not `{c}`)."
        ));
    }
    Ok(())
}

/// The longest lifecycle a backup rule takes: 100 years.
pub const MAX_LIFECYCLE_DAYS: i64 = 36_500;

/// A lifecycle's two numbers of days (`None`: not set). Expiry must come at least 90 days
/// after the move to cold storage, since cold storage is billed for 90 days at least.
pub fn lifecycle_days(cold_after: Option<i64>, expire_after: Option<i64>) -> Result<(), String> {
    for (what, days) in [("Cold storage", cold_after), ("Expiry", expire_after)] {
        if let Some(days) = days {
            if days < 1 {
                return Err(format!("{what} days must be 1 or more."));
            }
            if days > MAX_LIFECYCLE_DAYS {
                return Err(format!(
                    "{what} days must be at most {MAX_LIFECYCLE_DAYS} (100 years)."
                ));
            }
        }
    }
    if let (Some(cold), Some(expire)) = (cold_after, expire_after)
        && expire < cold + 90
    {
        return Err(format!(
            "Expire at least 90 days after the move to cold storage: {} days or more (cold \
             storage keeps a backup 90 days at least).",
            cold + 90
        ));
    }
    Ok(())
}

/// A whole number of days typed into a field; empty is `None`.
pub fn days(text: &str) -> Result<Option<i64>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<i64>()
        .map(Some)
        .map_err(|_| format!("`{text}` is not a whole number of days."))
}

#[cfg(test)]
mod tests;
