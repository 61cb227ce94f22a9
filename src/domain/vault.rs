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
