//! Recovery points: status, storage class, lifecycle, and what each troubled status means.

use super::{ResourceType, Text};
use time::{Duration, OffsetDateTime};

/// `RecoveryPointStatus` of the AWS Backup API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RecoveryPointStatus {
    Completed,
    Available,
    Partial,
    Expired,
    Stopped,
    Deleting,
    Creating,
}

impl RecoveryPointStatus {
    pub const ALL: [RecoveryPointStatus; 7] = [
        RecoveryPointStatus::Completed,
        RecoveryPointStatus::Available,
        RecoveryPointStatus::Partial,
        RecoveryPointStatus::Expired,
        RecoveryPointStatus::Stopped,
        RecoveryPointStatus::Deleting,
        RecoveryPointStatus::Creating,
    ];

    pub fn api_name(self) -> &'static str {
        match self {
            RecoveryPointStatus::Completed => "COMPLETED",
            RecoveryPointStatus::Available => "AVAILABLE",
            RecoveryPointStatus::Partial => "PARTIAL",
            RecoveryPointStatus::Expired => "EXPIRED",
            RecoveryPointStatus::Stopped => "STOPPED",
            RecoveryPointStatus::Deleting => "DELETING",
            RecoveryPointStatus::Creating => "CREATING",
        }
    }

    pub fn from_api_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.api_name() == name)
    }

    /// Whether data can be restored from a recovery point in this status.
    pub fn is_restorable(self) -> bool {
        matches!(
            self,
            RecoveryPointStatus::Completed | RecoveryPointStatus::Available
        )
    }

    /// The explanation and remedy from the AWS Backup guide ("Restoring S3 data",
    /// Recovery point status), for the statuses that need one.
    pub fn help(self) -> Option<StatusHelp> {
        match self {
            RecoveryPointStatus::Partial => Some(StatusHelp {
                meaning: "AWS Backup could not create the recovery point before the backup \
                          window closed.",
                remedy: "Increase the backup plan's window: edit the backup plan in the console, \
                         or call UpdateBackupPlan with a longer CompletionWindowMinutes.",
            }),
            RecoveryPointStatus::Expired => Some(StatusHelp {
                meaning: "The recovery point has exceeded its retention period, but AWS Backup \
                          lacks permission or is otherwise unable to delete it.",
                remedy: "Delete it manually (DeleteRecoveryPoint), as in Getting started, \
                         Clean up resources, Step 3: Delete the recovery points.",
            }),
            RecoveryPointStatus::Stopped => Some(StatusHelp {
                meaning: "A continuous backup was disabled by a user action: permissions \
                          removed, versioning turned off, events to Amazon EventBridge turned \
                          off, or AWS Backup's EventBridge rules disabled.",
                remedy: "Make sure all requested permissions are in place and versioning is \
                         enabled on the S3 bucket. The next run of the backup rule then creates \
                         a new continuous recovery point. STOPPED recovery points do not need \
                         to be deleted.",
            }),
            _ => None,
        }
    }
}

impl std::fmt::Display for RecoveryPointStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.api_name())
    }
}

/// What a troubled status means and what to do about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusHelp {
    pub meaning: &'static str,
    pub remedy: &'static str,
}

/// `StorageClass` of a recovery point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StorageClass {
    Warm,
    Cold,
    Deleted,
}

impl StorageClass {
    pub fn api_name(self) -> &'static str {
        match self {
            StorageClass::Warm => "WARM",
            StorageClass::Cold => "COLD",
            StorageClass::Deleted => "DELETED",
        }
    }
}

/// Continuous (point-in-time) backups and snapshots restore differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BackupKind {
    Snapshot,
    Continuous,
}

impl BackupKind {
    pub fn label(self) -> &'static str {
        match self {
            BackupKind::Snapshot => "Snapshot",
            BackupKind::Continuous => "Continuous",
        }
    }
}

/// A recovery point's lifecycle, in days after creation; `None` means never.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Lifecycle {
    pub move_to_cold_storage_after_days: Option<i64>,
    pub delete_after_days: Option<i64>,
}

impl Lifecycle {
    /// One-line summary: `35 days`, `Cold after 30 d, delete after 365 d`, `Never expires`.
    pub fn summary(&self) -> String {
        match (self.move_to_cold_storage_after_days, self.delete_after_days) {
            (None, None) => "Never expires".to_string(),
            (None, Some(d)) => super::format::days(d),
            (Some(c), None) => format!("Cold after {c} d, kept forever"),
            (Some(c), Some(d)) => format!("Cold after {c} d, delete after {d} d"),
        }
    }
}

/// The backup plan rule that made a recovery point (the API's `CreatedBy`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRef {
    /// Empty when AWS named only the plan (ListRecoveryPointsByResource says less than
    /// DescribeRecoveryPoint).
    pub plan_id: Text,
    pub plan_name: Text,
    pub plan_version: Option<Text>,
    pub rule_id: Option<Text>,
    pub rule_name: Option<Text>,
}

impl PlanRef {
    /// A reference that knows only the plan's name.
    pub fn named(plan_name: &str) -> PlanRef {
        PlanRef {
            plan_id: Text::from(""),
            plan_name: plan_name.into(),
            plan_version: None,
            rule_id: None,
            rule_name: None,
        }
    }
}

/// One recovery point, with every field DescribeRecoveryPoint returns that the console shows.
#[derive(Debug, Clone, PartialEq)]
pub struct RecoveryPoint {
    pub arn: Text,
    pub resource_arn: Text,
    pub resource_name: Text,
    pub resource_type: ResourceType,
    pub vault_name: Text,
    pub vault_arn: Text,
    /// Set on a copy: the vault the copy came from.
    pub source_vault_arn: Option<Text>,
    pub status: RecoveryPointStatus,
    pub status_message: Option<Text>,
    pub kind: BackupKind,
    pub created: OffsetDateTime,
    pub completed: Option<OffsetDateTime>,
    pub size_bytes: Option<u64>,
    pub storage_class: StorageClass,
    pub encrypted: bool,
    pub encryption_key_arn: Option<Text>,
    pub iam_role_arn: Text,
    /// The backup plan rule that created it; `None` for on-demand backups. Shared: the many
    /// points one rule made hold one copy (a large vault lists 100,000 of them).
    pub created_by: Option<std::sync::Arc<PlanRef>>,
    pub lifecycle: Lifecycle,
    pub last_restore: Option<OffsetDateTime>,
}

impl RecoveryPoint {
    /// The short ID the console's tables show: the ARN's last segment.
    pub fn short_id(&self) -> &str {
        super::resource::arn_resource_id(&self.arn)
    }

    /// When the recovery point moves to cold storage, per its lifecycle.
    pub fn move_to_cold_at(&self) -> Option<OffsetDateTime> {
        self.lifecycle
            .move_to_cold_storage_after_days
            .map(|d| self.created + Duration::days(d))
    }

    /// When the recovery point is deleted, per its lifecycle.
    pub fn delete_at(&self) -> Option<OffsetDateTime> {
        self.lifecycle
            .delete_after_days
            .map(|d| self.created + Duration::days(d))
    }

    /// Whether the DynamoDB backup is fully managed by AWS Backup (ARN `arn:aws:backup:…`)
    /// rather than a DynamoDB-managed backup (`arn:aws:dynamodb:…`).
    pub fn managed_by_aws_backup(&self) -> bool {
        self.arn.starts_with("arn:aws:backup:")
    }

    /// `Encrypted (KMS key …)` or `Not encrypted`.
    pub fn encryption_label(&self) -> String {
        match (&self.encrypted, &self.encryption_key_arn) {
            (false, _) => "Not encrypted".to_string(),
            (true, Some(key)) => format!("Encrypted ({})", short_key(key)),
            (true, None) => "Encrypted".to_string(),
        }
    }
}

/// `arn:aws:kms:…:key/1f0c…` → `key/1f0c…`; aliases keep their `alias/` prefix.
pub fn short_key(arn: &str) -> &str {
    arn.rsplit(':').next().unwrap_or(arn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn troubled_statuses_carry_help() {
        for status in RecoveryPointStatus::ALL {
            let needs_help = matches!(
                status,
                RecoveryPointStatus::Partial
                    | RecoveryPointStatus::Expired
                    | RecoveryPointStatus::Stopped
            );
            assert_eq!(status.help().is_some(), needs_help, "{status}");
        }
        let stopped = RecoveryPointStatus::Stopped.help().map(|h| h.remedy);
        assert!(stopped.is_some_and(|r| r.contains("versioning")));
    }

    #[test]
    fn status_names_round_trip() {
        for s in RecoveryPointStatus::ALL {
            assert_eq!(RecoveryPointStatus::from_api_name(s.api_name()), Some(s));
        }
        assert_eq!(RecoveryPointStatus::from_api_name("nope"), None);
    }

    #[test]
    fn lifecycle_summaries() {
        let l = |c, d| Lifecycle {
            move_to_cold_storage_after_days: c,
            delete_after_days: d,
        };
        assert_eq!(l(None, None).summary(), "Never expires");
        assert_eq!(l(None, Some(35)).summary(), "35 days");
        assert_eq!(
            l(Some(30), Some(365)).summary(),
            "Cold after 30 d, delete after 365 d"
        );
    }

    /// A `--demo-scale 100000` vault is held twice in demo mode (the mock account and the
    /// list), against an 80 MB budget (BENCHMARKS.md): every 8 bytes here is 1.6 MB there.
    #[test]
    fn a_recovery_point_stays_small() {
        let size = std::mem::size_of::<RecoveryPoint>();
        assert!(size <= 200, "RecoveryPoint grew to {size} bytes");
    }

    #[test]
    fn only_completed_and_available_restore() {
        assert!(RecoveryPointStatus::Completed.is_restorable());
        assert!(RecoveryPointStatus::Available.is_restorable());
        assert!(!RecoveryPointStatus::Expired.is_restorable());
    }
}
