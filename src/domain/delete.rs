//! Deleting a recovery point (DeleteRecoveryPoint) as plain data, its JSON and CLI command, and
//! the rules saying which recovery points may be deleted from here.

use super::restore::shell_quote;
use super::{BackupKind, BackupVault, RecoveryPoint, RecoveryPointStatus};

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

impl DeleteRequest {
    /// The request deleting `rp`, which lives in `region`.
    pub fn for_point(rp: &RecoveryPoint, region: &str) -> DeleteRequest {
        DeleteRequest {
            region: region.to_string(),
            vault_name: rp.vault_name.to_string(),
            recovery_point_arn: rp.arn.to_string(),
            resource_name: rp.resource_name.to_string(),
        }
    }
}

/// What the user types to confirm deleting `count` recovery points: `delete 3`.
pub fn confirmation_text(count: usize) -> String {
    format!("delete {count}")
}

/// Why `rp` cannot be deleted from here, or `None`. `vault` is its vault when the Region's
/// vaults are known (for the lock); without it the lock is left to AWS to enforce.
pub fn why_not_deletable(rp: &RecoveryPoint, vault: Option<&BackupVault>) -> Option<String> {
    let id = rp.short_id();
    match rp.status {
        RecoveryPointStatus::Deleting => {
            return Some(format!(
                "{id} is already being deleted (DELETING): AWS Backup finishes it on its own."
            ));
        }
        RecoveryPointStatus::Creating => {
            return Some(format!(
                "{id} is still being created (CREATING): its backup job is running. Delete it \
                 once the job has ended."
            ));
        }
        _ => {}
    }
    if rp.kind == BackupKind::Continuous {
        // DeleteRecoveryPoint on a continuous backup deletes it and stops future continuous
        // backup of the resource: far more than "delete one recovery point".
        let rule = match &rp.created_by {
            Some(by) => match &by.rule_name {
                Some(rule) => format!("rule {rule} of backup plan {}", by.plan_name),
                None => format!("the rule of backup plan {}", by.plan_name),
            },
            None => "its backup plan rule".to_string(),
        };
        return Some(format!(
            "{id} is a continuous backup of {}: deleting it stops continuous backup \
             (point-in-time restore) of the resource. To stop it, turn off continuous backup \
             in {rule}, or remove the resource from the plan.",
            rp.resource_name
        ));
    }
    if let Some(vault) = vault.filter(|v| v.locked && v.name == rp.vault_name) {
        return Some(format!(
            "{id} is in vault {}, which is under Vault Lock ({}): its recovery points cannot \
             be deleted. AWS Backup deletes them when their retention ends.",
            vault.name,
            vault.lock_label()
        ));
    }
    None
}

/// The EXPIRED recovery points of `points`, the list of `scope` (a resource or vault name);
/// `complete` says whether the whole list has loaded. Refused with the reason when there is
/// nothing to delete yet.
pub fn expired_points(
    points: &[RecoveryPoint],
    scope: &str,
    complete: bool,
) -> Result<Vec<RecoveryPoint>, String> {
    if !complete {
        return Err(format!(
            "The recovery points of {scope} have not all loaded: wait for the list (or press r \
             to reload it), then press D again."
        ));
    }
    let expired: Vec<RecoveryPoint> = points
        .iter()
        .filter(|rp| rp.status == RecoveryPointStatus::Expired)
        .cloned()
        .collect();
    if expired.is_empty() {
        return Err(format!("{scope} has no EXPIRED recovery points to delete."));
    }
    Ok(expired)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Lifecycle, PlanRef, StorageClass};
    use time::macros::datetime;

    const POINT_ARN: &str =
        "arn:aws:backup:us-east-1:123456789012:recovery-point:3C659969-E768-C1FF";

    fn point(status: RecoveryPointStatus, kind: BackupKind, vault: &str) -> RecoveryPoint {
        RecoveryPoint {
            arn: POINT_ARN.into(),
            resource_arn: "arn:aws:s3:::acme-media".into(),
            resource_name: "acme-media".into(),
            resource_type: crate::domain::ResourceType::S3,
            vault_name: vault.into(),
            vault_arn: format!("arn:aws:backup:us-east-1:123456789012:backup-vault:{vault}").into(),
            source_vault_arn: None,
            status,
            status_message: None,
            kind,
            created: datetime!(2026-05-01 03:00 UTC),
            completed: Some(datetime!(2026-05-01 03:42 UTC)),
            size_bytes: Some(1 << 30),
            storage_class: StorageClass::Warm,
            encrypted: true,
            encryption_key_arn: None,
            iam_role_arn: "arn:aws:iam::123456789012:role/backup".into(),
            created_by: None,
            lifecycle: Lifecycle::default(),
            last_restore: None,
        }
    }

    fn expired() -> RecoveryPoint {
        point(
            RecoveryPointStatus::Expired,
            BackupKind::Snapshot,
            "prod-daily",
        )
    }

    fn vault(name: &str, locked: bool) -> BackupVault {
        BackupVault {
            name: name.into(),
            arn: format!("arn:aws:backup:us-east-1:123456789012:backup-vault:{name}").into(),
            region: "us-east-1".into(),
            encryption_key_arn: None,
            created: datetime!(2025-01-01 00:00 UTC),
            recovery_points: 3,
            locked,
            min_retention_days: locked.then_some(30),
            max_retention_days: locked.then_some(3650),
        }
    }

    fn request() -> DeleteRequest {
        DeleteRequest::for_point(&expired(), "us-east-1")
    }

    #[test]
    fn the_request_names_the_vault_and_point_of_the_recovery_point() {
        let r = request();
        assert_eq!(r.region, "us-east-1");
        assert_eq!(r.vault_name, "prod-daily");
        assert_eq!(r.recovery_point_arn, POINT_ARN);
        assert_eq!(r.resource_name, "acme-media");
    }

    #[test]
    fn json_has_exactly_the_vault_name_and_point_arn() {
        let json: serde_json::Value = serde_json::from_str(&request().api_json()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "BackupVaultName": "prod-daily",
                "RecoveryPointArn": POINT_ARN,
            })
        );
    }

    #[test]
    fn cli_command_names_region_vault_and_point_one_option_a_line() {
        let cli = request().cli_command();
        let lines: Vec<&str> = cli.lines().map(str::trim).collect();
        assert_eq!(
            lines,
            [
                "aws backup delete-recovery-point \\",
                "--region us-east-1 \\",
                "--backup-vault-name prod-daily \\",
                &format!("--recovery-point-arn {POINT_ARN}"),
            ]
        );
    }

    #[test]
    fn cli_command_quotes_a_vault_name_the_shell_would_split() {
        let mut r = request();
        r.vault_name = "my vault".into();
        assert!(r.cli_command().contains("--backup-vault-name 'my vault'"));
    }

    #[test]
    fn the_confirmation_names_the_count() {
        assert_eq!(confirmation_text(3), "delete 3");
        assert_eq!(confirmation_text(1), "delete 1");
    }

    #[test]
    fn an_expired_snapshot_in_an_unlocked_vault_can_be_deleted() {
        assert_eq!(why_not_deletable(&expired(), None), None);
        let v = vault("prod-daily", false);
        assert_eq!(why_not_deletable(&expired(), Some(&v)), None);
    }

    #[test]
    fn a_continuous_backup_is_refused_saying_what_to_do_instead() {
        let mut rp = point(
            RecoveryPointStatus::Completed,
            BackupKind::Continuous,
            "prod-daily",
        );
        assert_eq!(
            why_not_deletable(&rp, None).unwrap(),
            "3C659969-E768-C1FF is a continuous backup of acme-media: deleting it stops \
             continuous backup (point-in-time restore) of the resource. To stop it, turn off \
             continuous backup in its backup plan rule, or remove the resource from the plan."
        );
        rp.created_by = Some(
            PlanRef {
                rule_name: Some("hourly-pitr".into()),
                ..PlanRef::named("daily-35d-retention")
            }
            .into(),
        );
        assert!(why_not_deletable(&rp, None).unwrap().contains(
            "turn off continuous backup in rule hourly-pitr of backup plan daily-35d-retention"
        ));
    }

    #[test]
    fn a_point_in_a_locked_vault_is_refused_until_its_retention_ends() {
        let rp = point(
            RecoveryPointStatus::Completed,
            BackupKind::Snapshot,
            "compliance-locked",
        );
        let locked = vault("compliance-locked", true);
        assert_eq!(
            why_not_deletable(&rp, Some(&locked)).unwrap(),
            "3C659969-E768-C1FF is in vault compliance-locked, which is under Vault Lock \
             (Locked (30-3650 days)): its recovery points cannot be deleted. AWS Backup \
             deletes them when their retention ends."
        );
    }

    #[test]
    fn another_vaults_lock_does_not_refuse() {
        let locked = vault("compliance-locked", true);
        assert_eq!(why_not_deletable(&expired(), Some(&locked)), None);
    }

    #[test]
    fn a_point_being_deleted_or_created_is_refused_with_the_reason() {
        let deleting = point(
            RecoveryPointStatus::Deleting,
            BackupKind::Snapshot,
            "prod-daily",
        );
        assert_eq!(
            why_not_deletable(&deleting, None).unwrap(),
            "3C659969-E768-C1FF is already being deleted (DELETING): AWS Backup finishes it on \
             its own."
        );
        let creating = point(
            RecoveryPointStatus::Creating,
            BackupKind::Snapshot,
            "prod-daily",
        );
        assert_eq!(
            why_not_deletable(&creating, None).unwrap(),
            "3C659969-E768-C1FF is still being created (CREATING): its backup job is running. \
             Delete it once the job has ended."
        );
    }

    #[test]
    fn bulk_delete_takes_only_the_expired_points() {
        let completed = point(
            RecoveryPointStatus::Completed,
            BackupKind::Snapshot,
            "prod-daily",
        );
        let list = [completed, expired(), expired()];
        let picked = expired_points(&list, "acme-media", true).unwrap();
        assert_eq!(picked.len(), 2);
        assert!(
            picked
                .iter()
                .all(|rp| rp.status == RecoveryPointStatus::Expired)
        );
    }

    #[test]
    fn bulk_delete_with_nothing_expired_says_so() {
        let completed = point(
            RecoveryPointStatus::Completed,
            BackupKind::Snapshot,
            "prod-daily",
        );
        assert_eq!(
            expired_points(&[completed], "orders", true).unwrap_err(),
            "orders has no EXPIRED recovery points to delete."
        );
    }

    #[test]
    fn bulk_delete_while_the_list_loads_says_to_wait() {
        assert_eq!(
            expired_points(&[expired()], "acme-media", false).unwrap_err(),
            "The recovery points of acme-media have not all loaded: wait for the list (or press \
             r to reload it), then press D again."
        );
    }
}
