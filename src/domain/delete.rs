//! Deleting a recovery point (DeleteRecoveryPoint) as plain data, its JSON and CLI command.

use super::restore::shell_quote;

/// Exactly what deleting one recovery point sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteRequest {
    pub region: String,
    pub vault_name: String,
    pub recovery_point_arn: String,
    /// For the screen and the audit log only (not sent).
    pub resource_name: String,
}

impl DeleteRequest {
    /// The request (`DELETE /backup-vaults/{name}/recovery-points/{arn}`: both travel in the
    /// path), pretty-printed with the API's member names.
    pub fn api_json(&self) -> String {
        let body = serde_json::json!({
            "BackupVaultName": self.vault_name,
            "RecoveryPointArn": self.recovery_point_arn,
        });
        serde_json::to_string_pretty(&body).unwrap_or_default()
    }

    /// The same request as an `aws backup delete-recovery-point` command line.
    pub fn cli_command(&self) -> String {
        [
            "aws backup delete-recovery-point".to_string(),
            format!("--region {}", shell_quote(&self.region)),
            format!("--backup-vault-name {}", shell_quote(&self.vault_name)),
            format!(
                "--recovery-point-arn {}",
                shell_quote(&self.recovery_point_arn)
            ),
        ]
        .join(" \\\n  ")
    }
}
