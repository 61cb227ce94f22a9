//! An on-demand backup (StartBackupJob) as plain data, its JSON body and the AWS CLI command.

use super::Lifecycle;
use super::copy::lifecycle_json;
use super::restore::shell_quote;

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
