//! A StartCopyJob request as plain data, its JSON body and the equivalent AWS CLI command.

use super::Lifecycle;
use super::restore::shell_quote;

/// Exactly what the copy wizard sends: the review step renders this very value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyRequest {
    /// The source Region: StartCopyJob is called where the recovery point is.
    pub region: String,
    pub recovery_point_arn: String,
    pub source_vault_name: String,
    pub destination_vault_arn: String,
    /// Required by StartCopyJob (unlike StartRestoreJob).
    pub iam_role_arn: String,
    /// One token per wizard opening, reused on retry, so AWS never starts the copy twice.
    pub idempotency_token: String,
    /// `None` keeps the copy under the destination's default (the source's expiry). `-1` in
    /// both members means "never expire", as the API documents.
    pub lifecycle: Option<Lifecycle>,
}

impl CopyRequest {
    /// The Region of the destination vault (the copy's recovery point lives there).
    pub fn destination_region(&self) -> &str {
        arn_region(&self.destination_vault_arn)
    }

    /// The StartCopyJob body (`PUT /copy-jobs`), pretty-printed, members in API order.
    pub fn api_json(&self) -> String {
        serde_json::to_string_pretty(&self.body()).unwrap_or_default()
    }

    fn body(&self) -> serde_json::Value {
        let mut body = serde_json::Map::new();
        body.insert(
            "RecoveryPointArn".into(),
            self.recovery_point_arn.clone().into(),
        );
        body.insert(
            "SourceBackupVaultName".into(),
            self.source_vault_name.clone().into(),
        );
        body.insert(
            "DestinationBackupVaultArn".into(),
            self.destination_vault_arn.clone().into(),
        );
        body.insert("IamRoleArn".into(), self.iam_role_arn.clone().into());
        body.insert(
            "IdempotencyToken".into(),
            self.idempotency_token.clone().into(),
        );
        if let Some(lifecycle) = &self.lifecycle {
            body.insert("Lifecycle".into(), lifecycle_json(lifecycle));
        }
        serde_json::Value::Object(body)
    }

    /// The same request as an `aws backup start-copy-job` command line.
    pub fn cli_command(&self) -> String {
        let mut args = vec![
            "aws backup start-copy-job".to_string(),
            format!("--region {}", shell_quote(&self.region)),
            format!(
                "--recovery-point-arn {}",
                shell_quote(&self.recovery_point_arn)
            ),
            format!(
                "--source-backup-vault-name {}",
                shell_quote(&self.source_vault_name)
            ),
            format!(
                "--destination-backup-vault-arn {}",
                shell_quote(&self.destination_vault_arn)
            ),
            format!("--iam-role-arn {}", shell_quote(&self.iam_role_arn)),
            format!(
                "--idempotency-token {}",
                shell_quote(&self.idempotency_token)
            ),
        ];
        if let Some(lifecycle) = &self.lifecycle {
            let json = serde_json::to_string(&lifecycle_json(lifecycle)).unwrap_or_default();
            args.push(format!("--lifecycle {}", shell_quote(&json)));
        }
        args.join(" \\\n  ")
    }
}

/// `{"MoveToColdStorageAfterDays":30,"DeleteAfterDays":120}`, leaving out unset members.
pub fn lifecycle_json(lifecycle: &Lifecycle) -> serde_json::Value {
    let mut map = serde_json::Map::new();
    if let Some(days) = lifecycle.move_to_cold_storage_after_days {
        map.insert("MoveToColdStorageAfterDays".into(), days.into());
    }
    if let Some(days) = lifecycle.delete_after_days {
        map.insert("DeleteAfterDays".into(), days.into());
    }
    serde_json::Value::Object(map)
}

/// The Region of an ARN (`arn:aws:backup:<region>:…`), or `""`.
pub fn arn_region(arn: &str) -> &str {
    arn.split(':').nth(3).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> CopyRequest {
        CopyRequest {
            region: "us-east-1".into(),
            recovery_point_arn: "arn:aws:backup:us-east-1:111122223333:recovery-point:abc".into(),
            source_vault_name: "Default".into(),
            destination_vault_arn: "arn:aws:backup:ca-central-1:111122223333:backup-vault:dr"
                .into(),
            iam_role_arn: "arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole"
                .into(),
            idempotency_token: "tok-1".into(),
            lifecycle: Some(Lifecycle {
                move_to_cold_storage_after_days: None,
                delete_after_days: Some(120),
            }),
        }
    }

    #[test]
    fn body_has_every_member_in_api_order() {
        let json = request().api_json();
        let keys: Vec<&str> = [
            "RecoveryPointArn",
            "SourceBackupVaultName",
            "DestinationBackupVaultArn",
            "IamRoleArn",
            "IdempotencyToken",
            "Lifecycle",
        ]
        .into_iter()
        .collect();
        let positions: Vec<usize> = keys
            .iter()
            .map(|k| json.find(&format!("\"{k}\"")).expect(k))
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{json}");
        assert!(json.contains("\"DeleteAfterDays\": 120"), "{json}");
        assert!(!json.contains("MoveToColdStorageAfterDays"), "{json}");
    }

    #[test]
    fn cli_command_names_every_member_and_the_lifecycle() {
        let cli = request().cli_command();
        assert!(cli.starts_with("aws backup start-copy-job"));
        assert!(cli.contains("--region us-east-1"));
        assert!(cli.contains("--source-backup-vault-name Default"));
        assert!(
            cli.contains("--lifecycle '{\"DeleteAfterDays\":120}'"),
            "{cli}"
        );
        let mut no_lifecycle = request();
        no_lifecycle.lifecycle = None;
        assert!(!no_lifecycle.cli_command().contains("--lifecycle"));
        assert!(!no_lifecycle.api_json().contains("Lifecycle"));
    }

    #[test]
    fn the_destination_region_comes_from_the_vault_arn() {
        assert_eq!(request().destination_region(), "ca-central-1");
        assert_eq!(arn_region("nonsense"), "");
    }
}
