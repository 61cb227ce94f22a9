//! A StartCopyJob request as plain data, its JSON body and the equivalent AWS CLI command.

use super::restore::shell_quote;
use super::{
    BackupKind, Lifecycle, RecoveryPoint, RecoveryPointStatus, Region, ResourceType, StorageClass,
};

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

/// Regions without cross-Region copy: "Cross-Region backup is available in all AWS Regions where
/// AWS Backup is available except for Asia Pacific (Hong Kong), Middle East (Bahrain), Europe
/// (Milan), and Africa (Cape Town)" (seed 004; an older page, which may be outdated).
pub const NO_CROSS_REGION_COPY: [&str; 4] = ["ap-east-1", "me-south-1", "eu-south-1", "af-south-1"];

/// `Asia Pacific (Hong Kong)`, or the bare code for a Region the tool does not know.
fn region_name(code: &str) -> &str {
    Region::by_code(code).map_or(code, |r| r.name)
}

/// Why `rp` cannot be copied at all, or `None` if it can (then see [`destination_problem`]).
pub fn why_not_copyable(rp: &RecoveryPoint) -> Option<String> {
    let status = match rp.status {
        RecoveryPointStatus::Completed | RecoveryPointStatus::Available => None,
        RecoveryPointStatus::Creating => Some(
            "This recovery point is still being created: wait for its backup job to complete, \
             then copy it.",
        ),
        RecoveryPointStatus::Deleting => Some("This recovery point is being deleted."),
        RecoveryPointStatus::Expired => {
            Some("This recovery point has EXPIRED: its retention ended, so it cannot be copied.")
        }
        RecoveryPointStatus::Partial => Some(
            "This recovery point is PARTIAL: the backup did not finish, so it cannot be copied. \
             Copy another one.",
        ),
        RecoveryPointStatus::Stopped => Some(
            "This continuous backup is STOPPED and holds no data to copy; copy a snapshot \
             instead.",
        ),
    };
    if let Some(reason) = status {
        return Some(reason.into());
    }
    match (rp.storage_class, rp.kind) {
        (StorageClass::Deleted, _) => Some("This recovery point's data has been deleted.".into()),
        (StorageClass::Cold, _) => Some(
            "Recovery points in cold storage cannot be copied: copy a recovery point that is \
             still in warm storage."
                .into(),
        ),
        (_, BackupKind::Continuous) => Some(
            "AWS Backup does not support on-demand copies of continuous backups: copy a \
             snapshot of this resource instead. (A backup plan's copy rule can copy it, but \
             the copy becomes a snapshot, without point-in-time restore.)"
                .into(),
        ),
        _ => None,
    }
}

/// Why copies cannot go from `source_region` to `destination_region`: one of them has no
/// cross-Region copy. Copies within one Region are always possible.
pub fn cross_region_problem(source_region: &str, destination_region: &str) -> Option<String> {
    if source_region == destination_region {
        return None;
    }
    // Short, and the reason first: it also shows, cut to one line, in the Region picker.
    if NO_CROSS_REGION_COPY.contains(&source_region) {
        return Some(format!(
            "{}, the source Region, has no cross-Region copy: copy within {source_region}.",
            region_name(source_region)
        ));
    }
    NO_CROSS_REGION_COPY.contains(&destination_region).then(|| {
        format!(
            "{} has no cross-Region copy: choose another Region.",
            region_name(destination_region)
        )
    })
}

/// Why `rp` (in `source_region`) can be copied only within that Region, if so.
pub fn only_within_region(rp: &RecoveryPoint, source_region: &str) -> Option<String> {
    if rp.resource_type == ResourceType::DynamoDB && !rp.managed_by_aws_backup() {
        return Some(format!(
            "This DynamoDB backup is not managed by AWS Backup, so it cannot be copied to \
             another Region: copy it within {source_region}, or turn on advanced DynamoDB \
             backup in Settings (:settings) so that new backups can be."
        ));
    }
    // Any other Region will do: the source's own limit is the one that applies.
    NO_CROSS_REGION_COPY
        .contains(&source_region)
        .then(|| cross_region_problem(source_region, ""))
        .flatten()
}

/// Why `rp` (in `source_region`) cannot be copied to `destination_region` whatever the vault.
pub fn region_problem(
    rp: &RecoveryPoint,
    source_region: &str,
    destination_region: &str,
) -> Option<String> {
    if source_region == destination_region {
        return None;
    }
    only_within_region(rp, source_region)
        .or_else(|| cross_region_problem(source_region, destination_region))
}

/// Refusal of a copy into the vault the recovery point is already in.
pub const SAME_VAULT: &str =
    "This is the vault the recovery point is in: choose another vault or another Region.";

/// Why `rp` (in `source_region`) cannot be copied into the vault `destination_vault_arn`.
pub fn destination_problem(
    rp: &RecoveryPoint,
    source_region: &str,
    destination_vault_arn: &str,
) -> Option<String> {
    let destination_region = arn_region(destination_vault_arn);
    if let Some(problem) = region_problem(rp, source_region, destination_region) {
        return Some(problem);
    }
    if destination_vault_arn == &*rp.vault_arn {
        return Some(SAME_VAULT.into());
    }
    let source_account = arn_account(&rp.vault_arn);
    let destination_account = arn_account(destination_vault_arn);
    let cross_account = !source_account.is_empty() && destination_account != source_account;
    let cross_region = destination_region != source_region;
    if cross_account && rp.resource_type == ResourceType::DynamoDB && !rp.managed_by_aws_backup() {
        return Some(
            "This DynamoDB backup is not managed by AWS Backup, so it cannot be copied to \
             another account: turn on advanced DynamoDB backup in Settings (:settings) so that \
             new backups can be."
                .into(),
        );
    }
    if cross_account
        && cross_region
        && matches!(rp.resource_type, ResourceType::Rds | ResourceType::Aurora)
    {
        return Some(format!(
            "{} copies go to another Region or to another account, not both at once: choose \
             a vault in {source_region}, or one in account {source_account}.",
            rp.resource_type
        ));
    }
    None
}

/// Why the cold storage setting may not apply to `rp`'s copies (a note, not a refusal).
pub fn cold_storage_note(rp: &RecoveryPoint) -> Option<String> {
    let which = match rp.resource_type {
        ResourceType::Efs => return None,
        // Advanced DynamoDB backup (backups managed by AWS Backup) supports cold storage.
        ResourceType::DynamoDB if rp.managed_by_aws_backup() => return None,
        ResourceType::DynamoDB => "DynamoDB backups not managed by AWS Backup".to_string(),
        ref other => format!("{other} backups"),
    };
    Some(format!(
        "Currently only Amazon EFS file system backups (and DynamoDB backups managed by AWS \
         Backup) can be transitioned to cold storage: for {which} the setting is ignored."
    ))
}

/// What "never expire" really means for a copy of `rp`: it keeps its source's expiry date.
pub fn never_expire_note(rp: &RecoveryPoint) -> Option<String> {
    let expires = rp.delete_at()?;
    Some(format!(
        "A copy set to never expire still keeps its source's expiry ({}): to keep it longer, \
         set an expiry of up to 36500 days (100 years).",
        super::format::date_time(expires)
    ))
}

/// The parts of a backup vault ARN: `arn:<partition>:backup:<region>:<account>:backup-vault:<name>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VaultArn {
    pub region: String,
    pub account: String,
    pub name: String,
}

/// Checks a typed backup vault ARN (another account's vault, say).
pub fn vault_arn(arn: &str) -> Result<VaultArn, String> {
    const EXAMPLE: &str = "arn:aws:backup:ca-central-1:111122223333:backup-vault:dr-copies";
    let parts: Vec<&str> = arn.splitn(7, ':').collect();
    let [prefix, partition, service, region, account, kind, name] = parts[..] else {
        return Err(format!("A vault ARN looks like {EXAMPLE}."));
    };
    if prefix != "arn" || partition.is_empty() || service != "backup" || kind != "backup-vault" {
        return Err(format!(
            "This is not a backup vault ARN; one looks like {EXAMPLE}."
        ));
    }
    if Region::by_code(region).is_none_or(|r| r.code != region) {
        return Err(format!(
            "{region:?} is not a Region this tool knows (like ca-central-1)."
        ));
    }
    if account.len() != 12 || !account.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "The account in a vault ARN is 12 digits, not {account:?}."
        ));
    }
    super::validate::vault_name(name)?;
    Ok(VaultArn {
        region: region.into(),
        account: account.into(),
        name: name.into(),
    })
}

/// The account of an ARN (`arn:aws:backup:<region>:<account>:…`), or `""`.
pub fn arn_account(arn: &str) -> &str {
    arn.split(':').nth(4).unwrap_or("")
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
