//! Append-only JSON-lines audit log of every change sent to an account (demo or AWS).

use crate::backend::{AccountInfo, BackendError, ErrorKind, Mode};
use crate::domain::WriteRequest;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};
use time::OffsetDateTime;
use time::macros::format_description;

/// File name of the audit log inside the platform data directory.
const AUDIT_FILE: &str = "audit.jsonl";

/// The audit log: the flag, then the config's `log.audit_log`, then the platform data
/// directory. Same precedence as `logging::log_path`, so both are explained the same way.
///
/// The data directory (not the state directory of the log) because the audit trail is a record
/// the operator keeps, while the log is disposable diagnostics.
pub fn audit_path(flag: Option<&Path>, configured: &str) -> Option<PathBuf> {
    flag.map(Path::to_path_buf)
        .or_else(|| (!configured.is_empty()).then(|| PathBuf::from(configured)))
        .or_else(|| crate::config::project_dirs().map(|d| d.data_local_dir().join(AUDIT_FILE)))
}

/// Where audit entries go. Only a path: each append opens the file afresh, so the log can be
/// shared (`Clone`, `Send + Sync`) with background tasks without a lock, and a rotated or
/// deleted file is recreated instead of written into the void.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditLog {
    path: PathBuf,
}

impl AuditLog {
    pub fn new(path: PathBuf) -> Self {
        AuditLog { path }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends `entry` as one line of compact JSON. The file is created mode 0600 (and an
    /// existing one tightened), since entries name accounts and resources.
    pub fn append(&self, entry: &AuditEntry) -> std::io::Result<()> {
        let mut line = serde_json::to_vec(entry)?;
        line.push(b'\n');
        let mut file = crate::logging::open_private(&self.path)?;
        // One write of the whole line on an O_APPEND file: concurrent appends (two tasks, or
        // two instances of the program) land as whole lines, never interleaved.
        file.write_all(&line)
    }
}

/// One change (a job started, a vault or plan made, settings updated) and how it ended. Deliberately has no credential fields: the
/// request body and AWS's error message are all that is recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// RFC 3339 in UTC to the second, e.g. `2026-11-22T04:30:00Z`.
    pub time: String,
    /// `"demo"` or `"aws"`, so rehearsals are told apart from real jobs.
    pub mode: String,
    /// The profile, or `env keys` when the keys came from `AWS_ACCESS_KEY_ID` (naming the
    /// profile then would point a reviewer at credentials that were not used).
    pub profile: String,
    pub region: String,
    /// The API operation, e.g. `StartRestoreJob`.
    pub operation: String,
    /// The request body as sent, plus its `Region`.
    pub request: serde_json::Value,
    pub result: AuditResult,
}

/// Serialized as `{"status":"ok","id":…}` or `{"status":"error","kind":…,"message":…}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status")]
pub enum AuditResult {
    /// The job was accepted; `id` is the job id AWS returned.
    #[serde(rename = "ok")]
    Ok { id: String },
    #[serde(rename = "error")]
    Err { kind: String, message: String },
}

impl AuditResult {
    pub fn from_result(result: Result<&str, &BackendError>) -> Self {
        match result {
            Ok(id) => AuditResult::Ok { id: id.to_string() },
            Err(e) => AuditResult::Err {
                kind: kind_name(e.kind).to_string(),
                message: e.message.clone(),
            },
        }
    }
}

impl AuditEntry {
    /// The entry for one request. `now` is passed in so tests (and the demo clock) decide the
    /// time.
    pub fn new(
        now: OffsetDateTime,
        account: &AccountInfo,
        request: &WriteRequest,
        result: Result<&str, &BackendError>,
    ) -> AuditEntry {
        // The body is the very JSON the review step shows; the Region travels outside the body
        // in the real call, so it is added (first, as in the CLI command) to make the entry
        // replayable on its own.
        let mut body = serde_json::Map::new();
        body.insert("Region".into(), request.region().into());
        // Serializing a `Value` cannot fail, so `api_json` always parses back to an object.
        if let Ok(serde_json::Value::Object(members)) =
            serde_json::from_str::<serde_json::Value>(&request.api_json())
        {
            body.extend(members);
        }
        AuditEntry {
            time: timestamp(now),
            mode: mode_name(account.mode).to_string(),
            profile: if account.env_keys {
                "env keys".to_string()
            } else {
                account.profile.clone()
            },
            region: request.region().to_string(),
            operation: request.operation().to_string(),
            request: serde_json::Value::Object(body),
            result: AuditResult::from_result(result),
        }
    }
}

/// `2026-11-22T04:30:00Z`: converted to UTC and without fractions, so entries sort as text.
fn timestamp(now: OffsetDateTime) -> String {
    let format = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    // Only fails for components the format lacks, and an `OffsetDateTime` has them all.
    now.to_offset(time::UtcOffset::UTC)
        .format(&format)
        .unwrap_or_default()
}

fn mode_name(mode: Mode) -> &'static str {
    match mode {
        Mode::Demo => "demo",
        Mode::Aws => "aws",
    }
}

/// Stable names for the error kinds: spelled out rather than taken from `Debug`, so renaming
/// a variant cannot silently change what existing audit logs mean. Exhaustive on purpose.
fn kind_name(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::Auth => "Auth",
        ErrorKind::ExpiredCredentials => "ExpiredCredentials",
        ErrorKind::AccessDenied => "AccessDenied",
        ErrorKind::Throttled => "Throttled",
        ErrorKind::NotFound => "NotFound",
        ErrorKind::InvalidInput => "InvalidInput",
        ErrorKind::Network => "Network",
        ErrorKind::Timeout => "Timeout",
        ErrorKind::Service => "Service",
        ErrorKind::NotImplemented => "NotImplemented",
        ErrorKind::ReadOnly => "ReadOnly",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ResourceType;
    use std::collections::BTreeMap;
    use std::os::unix::fs::PermissionsExt;
    use time::macros::datetime;

    fn account() -> AccountInfo {
        AccountInfo {
            mode: Mode::Demo,
            account_id: "123456789012".into(),
            profile: "demo".into(),
            env_keys: false,
            read_only: false,
        }
    }

    fn request() -> WriteRequest {
        WriteRequest::Restore(crate::domain::restore::RestoreRequest {
            region: "eu-west-1".into(),
            recovery_point_arn: "arn:aws:backup:eu-west-1:123456789012:recovery-point:ABC".into(),
            resource_type: ResourceType::S3,
            iam_role_arn: None,
            idempotency_token: "tok-1".into(),
            metadata: BTreeMap::from([("DestinationBucketName".into(), "acme-restored".into())]),
        })
    }

    fn mode_of(path: &Path) -> u32 {
        std::fs::metadata(path)
            .expect("exists")
            .permissions()
            .mode()
            & 0o777
    }

    #[test]
    fn the_log_is_shareable_with_background_tasks() {
        fn shareable<T: Clone + Send + Sync + 'static>() {}
        shareable::<AuditLog>();
    }

    #[test]
    fn the_file_is_private_even_if_it_existed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sub/audit.jsonl");
        let log = AuditLog::new(path.clone());
        let entry = AuditEntry::new(
            datetime!(2026-11-22 04:30 UTC),
            &account(),
            &request(),
            Ok("job-1"),
        );
        log.append(&entry).expect("appended");
        assert_eq!(mode_of(&path), 0o600);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        log.append(&entry).expect("appended again");
        assert_eq!(mode_of(&path), 0o600);
    }

    #[test]
    fn appends_are_whole_lines_in_order() {
        let dir = tempfile::tempdir().expect("tempdir");
        let log = AuditLog::new(dir.path().join("audit.jsonl"));
        // A non-UTC offset with fractions: the entry must still read as UTC to the second.
        let first = AuditEntry::new(
            datetime!(2026-11-22 06:30:00.123 +02:00),
            &account(),
            &request(),
            Ok("job-1"),
        );
        let second = AuditEntry::new(
            datetime!(2026-11-22 04:31 UTC),
            &account(),
            &request(),
            Ok("job-2"),
        );
        log.append(&first).expect("first");
        log.append(&second).expect("second");

        let text = std::fs::read_to_string(log.path()).expect("read");
        assert!(text.ends_with('\n'), "{text}");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2, "{text}");
        let parsed: Vec<serde_json::Value> = lines
            .iter()
            .map(|l| serde_json::from_str(l).expect("each line is JSON"))
            .collect();
        assert_eq!(parsed[0]["time"], "2026-11-22T04:30:00Z");
        assert_eq!(parsed[0]["result"]["status"], "ok");
        assert_eq!(parsed[0]["result"]["id"], "job-1");
        assert_eq!(parsed[1]["result"]["id"], "job-2");
        assert_eq!(parsed[0]["mode"], "demo");
        assert_eq!(parsed[0]["profile"], "demo");
        assert_eq!(parsed[0]["region"], "eu-west-1");
        assert_eq!(parsed[0]["operation"], "StartRestoreJob");
        let body = &parsed[0]["request"];
        assert_eq!(body["Region"], "eu-west-1");
        assert_eq!(body["IdempotencyToken"], "tok-1");
        assert_eq!(body["ResourceType"], "S3");
        assert_eq!(body["Metadata"]["DestinationBucketName"], "acme-restored");
        // And the typed form reads back what was written.
        let back: AuditEntry = serde_json::from_str(lines[1]).expect("typed");
        assert_eq!(back, second);
    }

    #[test]
    fn an_error_is_recorded_with_its_kind_and_message() {
        let error = BackendError::new(
            ErrorKind::AccessDenied,
            "not authorized: backup:StartRestoreJob",
        );
        let entry = AuditEntry::new(
            datetime!(2026-11-22 04:30 UTC),
            &AccountInfo {
                mode: Mode::Aws,
                ..account()
            },
            &request(),
            Err(&error),
        );
        let json: serde_json::Value =
            serde_json::from_str(&serde_json::to_string(&entry).expect("serializes"))
                .expect("parses");
        assert_eq!(json["mode"], "aws");
        assert_eq!(
            json["result"],
            serde_json::json!({
                "status": "error",
                "kind": "AccessDenied",
                "message": "not authorized: backup:StartRestoreJob",
            })
        );
    }

    #[test]
    fn keys_from_the_environment_are_recorded_as_such_not_as_the_default_profile() {
        let account = AccountInfo {
            mode: Mode::Aws,
            profile: "default".into(),
            env_keys: true,
            ..account()
        };
        let entry = AuditEntry::new(
            datetime!(2026-11-22 04:30 UTC),
            &account,
            &request(),
            Ok("job-1"),
        );
        assert_eq!(entry.profile, "env keys");
    }

    #[test]
    fn a_copy_is_recorded_under_its_own_operation_and_region() {
        let copy = WriteRequest::Copy(crate::domain::copy::CopyRequest {
            region: "us-east-1".into(),
            recovery_point_arn: "arn:aws:ec2:us-east-1::snapshot/snap-1".into(),
            source_vault_name: "Default".into(),
            destination_vault_arn: "arn:aws:backup:ca-central-1:123456789012:backup-vault:dr"
                .into(),
            iam_role_arn: "arn:aws:iam::123456789012:role/r".into(),
            idempotency_token: "tok-2".into(),
            lifecycle: None,
        });
        let entry = AuditEntry::new(
            datetime!(2026-11-22 04:30 UTC),
            &account(),
            &copy,
            Ok("copy-1"),
        );
        assert_eq!(entry.operation, "StartCopyJob");
        assert_eq!(entry.region, "us-east-1");
        assert_eq!(entry.request["Region"], "us-east-1");
        assert_eq!(
            entry.request["DestinationBackupVaultArn"],
            "arn:aws:backup:ca-central-1:123456789012:backup-vault:dr"
        );
    }

    #[test]
    fn the_flag_wins_over_the_config_then_the_data_directory() {
        let flag = PathBuf::from("/tmp/a.jsonl");
        assert_eq!(audit_path(Some(&flag), "/tmp/b.jsonl"), Some(flag));
        assert_eq!(
            audit_path(None, "/tmp/b.jsonl"),
            Some(PathBuf::from("/tmp/b.jsonl"))
        );
        if let Some(default) = audit_path(None, "") {
            assert!(default.ends_with("backup-tui/audit.jsonl"), "{default:?}");
        }
    }
}
