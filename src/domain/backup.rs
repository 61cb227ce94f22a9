//! An on-demand backup (StartBackupJob) as plain data, its JSON body and the AWS CLI command,
//! and the rules it must meet (opt-in, backup window, Vault Lock) to be accepted.

use super::copy::lifecycle_json;
use super::plan::{MAX_WINDOW_MINUTES, minutes_label, start_window};
use super::restore::shell_quote;
use super::settings::RegionSettings;
use super::{BackupVault, Lifecycle, ProtectedResource, ResourceType};

/// AWS's start window when StartWindowMinutes is left out: 8 hours.
pub const DEFAULT_START_WINDOW_MINUTES: i64 = 480;

/// Exactly what the on-demand backup wizard sends: the review step renders this very value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupRequest {
    /// The resource's Region: StartBackupJob is called there.
    pub region: String,
    pub vault_name: String,
    pub resource_arn: String,
    /// For the notice and the audit log only (not sent).
    pub resource_name: String,
    pub iam_role_arn: String,
    /// One token per wizard opening, reused on retry, so AWS never starts the backup twice.
    pub idempotency_token: String,
    /// `None` leaves AWS's default (8 hours).
    pub start_window_minutes: Option<i64>,
    /// `None` leaves AWS's default (no limit beyond the service's own).
    pub complete_window_minutes: Option<i64>,
    /// `None` keeps the recovery point forever.
    pub lifecycle: Option<Lifecycle>,
}

impl BackupRequest {
    fn body(&self) -> serde_json::Value {
        let mut body = serde_json::Map::new();
        body.insert("BackupVaultName".into(), self.vault_name.clone().into());
        body.insert("ResourceArn".into(), self.resource_arn.clone().into());
        body.insert("IamRoleArn".into(), self.iam_role_arn.clone().into());
        body.insert(
            "IdempotencyToken".into(),
            self.idempotency_token.clone().into(),
        );
        if let Some(minutes) = self.start_window_minutes {
            body.insert("StartWindowMinutes".into(), minutes.into());
        }
        if let Some(minutes) = self.complete_window_minutes {
            body.insert("CompleteWindowMinutes".into(), minutes.into());
        }
        if let Some(lifecycle) = &self.lifecycle {
            body.insert("Lifecycle".into(), lifecycle_json(lifecycle));
        }
        serde_json::Value::Object(body)
    }

    /// The StartBackupJob body (`PUT /backup-jobs`), pretty-printed, members in API order.
    pub fn api_json(&self) -> String {
        serde_json::to_string_pretty(&self.body()).unwrap_or_default()
    }

    /// The same request as an `aws backup start-backup-job` command line.
    pub fn cli_command(&self) -> String {
        let mut args = vec![
            "aws backup start-backup-job".to_string(),
            format!("--region {}", shell_quote(&self.region)),
            format!("--backup-vault-name {}", shell_quote(&self.vault_name)),
            format!("--resource-arn {}", shell_quote(&self.resource_arn)),
            format!("--iam-role-arn {}", shell_quote(&self.iam_role_arn)),
            format!(
                "--idempotency-token {}",
                shell_quote(&self.idempotency_token)
            ),
        ];
        if let Some(minutes) = self.start_window_minutes {
            args.push(format!("--start-window-minutes {minutes}"));
        }
        if let Some(minutes) = self.complete_window_minutes {
            args.push(format!("--complete-window-minutes {minutes}"));
        }
        if let Some(lifecycle) = &self.lifecycle {
            let json = serde_json::to_string(&lifecycle_json(lifecycle)).unwrap_or_default();
            args.push(format!("--lifecycle {}", shell_quote(&json)));
        }
        args.join(" \\\n  ")
    }
}

/// Why `resource` cannot be backed up on demand in its Region: its service is not opted in
/// there (seed 001: "you receive an error message and cannot complete the process").
pub fn opt_in_refusal(settings: &RegionSettings, resource: &ProtectedResource) -> Option<String> {
    let name = resource.resource_type.api_name();
    (!settings.is_opted_in(name)).then(|| {
        format!(
            "{name} is not opted in in {region}: AWS Backup refuses an on-demand backup of \
             {resource} until {name} is turned on in the Region's service opt-in settings.",
            region = settings.region,
            resource = resource.name,
        )
    })
}

/// A typed number of minutes; empty is `None` (AWS's default).
pub fn minutes(text: &str) -> Result<Option<i64>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<i64>()
        .map(Some)
        .map_err(|_| format!("`{text}` is not a whole number of minutes."))
}

/// The start window, if one is given: 60 minutes to 100 years.
pub fn start_window_minutes(start: Option<i64>) -> Result<(), String> {
    start.map_or(Ok(()), start_window)
}

/// The completion window, if one is given: longer than the start window (AWS's 8 hours when
/// none is given), at most 100 years.
pub fn complete_window_minutes(start: Option<i64>, complete: Option<i64>) -> Result<(), String> {
    let Some(complete) = complete else {
        return Ok(());
    };
    let (start, whose) = match start {
        Some(start) => (start, "the start window"),
        None => (DEFAULT_START_WINDOW_MINUTES, "the default start window"),
    };
    if complete <= start {
        return Err(format!(
            "Complete within must be longer than {whose} ({}): more than {start} minutes.",
            minutes_label(start)
        ));
    }
    if complete > MAX_WINDOW_MINUTES {
        return Err(format!(
            "Complete within at most {MAX_WINDOW_MINUTES} minutes (100 years)."
        ));
    }
    Ok(())
}

/// How long Vault Lock on `vault` keeps recovery points: `30 to 3650 days`, `at least 7 days`;
/// `None` for a vault without a lock (or a lock without limits).
pub fn lock_range(vault: &BackupVault) -> Option<String> {
    if !vault.locked {
        return None;
    }
    match (vault.min_retention_days, vault.max_retention_days) {
        (Some(min), Some(max)) => Some(format!("{min} to {max} days")),
        (Some(min), None) => Some(format!("at least {min} days")),
        (None, Some(max)) => Some(format!("at most {max} days")),
        (None, None) => None,
    }
}

/// Why Vault Lock on `vault` refuses a recovery point kept per `lifecycle` (`None`: kept
/// forever): a lock keeps recovery points between its minimum and maximum retention.
pub fn vault_lock_problem(vault: &BackupVault, lifecycle: Option<&Lifecycle>) -> Option<String> {
    let (min, max) = (vault.min_retention_days, vault.max_retention_days);
    let kept = lifecycle.and_then(|l| l.delete_after_days);
    let range = lock_range(vault)?;
    let fix = match kept {
        Some(days) if min.is_some_and(|m| days < m) => {
            format!("{days} days is too short")
        }
        Some(days) if max.is_some_and(|m| days > m) => format!("{days} days is too long"),
        None if max.is_some() => "a backup that never expires is too long".to_string(),
        _ => return None,
    };
    Some(format!(
        "Vault {} is locked (Vault Lock): it keeps recovery points {range}, so {fix}. Set \
         the expiry within that range.",
        vault.name
    ))
}

/// Why the cold storage days may not apply to a backup of `resource_type` (a note, not a
/// refusal): only EFS, and DynamoDB with AWS Backup's advanced features, move to cold storage.
pub fn cold_storage_note(
    resource_type: &ResourceType,
    settings: Option<&RegionSettings>,
) -> Option<String> {
    let dynamodb_managed = settings
        .and_then(|s| s.management.get("DynamoDB").copied())
        .unwrap_or(true);
    match resource_type {
        ResourceType::Efs => None,
        ResourceType::DynamoDB if dynamodb_managed => None,
        other => Some(format!(
            "Only EFS backups (and DynamoDB backups with AWS Backup's advanced features) move \
             to cold storage: for {other} the setting is ignored."
        )),
    }
}

#[cfg(test)]
mod tests;
