//! Backup vaults, as ListBackupVaults describes them.

use super::Text;
use time::OffsetDateTime;

/// A backup vault in one Region.
#[derive(Debug, Clone, PartialEq)]
pub struct BackupVault {
    pub name: Text,
    pub arn: Text,
    pub region: Text,
    pub encryption_key_arn: Option<Text>,
    pub created: OffsetDateTime,
    /// As AWS says of NumberOfRecoveryPoints, this count can be an approximation.
    pub recovery_points: u64,
    pub locked: bool,
    pub min_retention_days: Option<i64>,
    pub max_retention_days: Option<i64>,
}

impl BackupVault {
    /// `Locked (30–3650 days)` or `-`.
    pub fn lock_label(&self) -> String {
        if !self.locked {
            return "-".to_string();
        }
        match (self.min_retention_days, self.max_retention_days) {
            (Some(min), Some(max)) => format!("Locked ({min}-{max} days)"),
            (Some(min), None) => format!("Locked (min {min} days)"),
            (None, Some(max)) => format!("Locked (max {max} days)"),
            (None, None) => "Locked".to_string(),
        }
    }
}

/// Exactly what CreateBackupVault sends (a vault made on the way by a wizard).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VaultRequest {
    pub region: String,
    pub name: String,
    /// Makes a retried submission idempotent.
    pub creator_request_id: String,
}

impl VaultRequest {
    /// The vault's ARN once made: `arn:aws:backup:<region>:<account>:backup-vault:<name>`.
    pub fn arn(&self, account_id: &str) -> String {
        format!(
            "arn:aws:backup:{}:{account_id}:backup-vault:{}",
            self.region, self.name
        )
    }

    /// The CreateBackupVault body (`PUT /backup-vaults/{name}`; the name travels in the path).
    pub fn api_json(&self) -> String {
        let body = serde_json::json!({
            "BackupVaultName": self.name,
            "CreatorRequestId": self.creator_request_id,
        });
        serde_json::to_string_pretty(&body).unwrap_or_default()
    }

    /// The same request as an `aws backup create-backup-vault` command line.
    pub fn cli_command(&self) -> String {
        use super::restore::shell_quote;
        [
            "aws backup create-backup-vault".to_string(),
            format!("--region {}", shell_quote(&self.region)),
            format!("--backup-vault-name {}", shell_quote(&self.name)),
            format!(
                "--creator-request-id {}",
                shell_quote(&self.creator_request_id)
            ),
        ]
        .join(" \\\n  ")
    }
}
