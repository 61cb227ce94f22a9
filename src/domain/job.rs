//! Backup, restore and copy jobs with their states (browse-only for now).

use super::{ResourceType, Text};
use time::OffsetDateTime;

macro_rules! api_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $api:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn api_name(self) -> &'static str {
                match self { $($name::$variant => $api),+ }
            }

            pub fn from_api_name(name: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|s| s.api_name() == name)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.api_name())
            }
        }
    };
}

api_enum!(
    /// `BackupJobState` of the AWS Backup API.
    BackupJobState {
        Created => "CREATED",
        Pending => "PENDING",
        Running => "RUNNING",
        Aborting => "ABORTING",
        Aborted => "ABORTED",
        Completed => "COMPLETED",
        Failed => "FAILED",
        Expired => "EXPIRED",
        Partial => "PARTIAL",
    }
);

api_enum!(
    /// `RestoreJobStatus` of the AWS Backup API.
    RestoreJobStatus {
        Pending => "PENDING",
        Running => "RUNNING",
        Completed => "COMPLETED",
        Aborted => "ABORTED",
        Failed => "FAILED",
    }
);

api_enum!(
    /// `CopyJobState` of the AWS Backup API.
    CopyJobState {
        Created => "CREATED",
        Running => "RUNNING",
        Completed => "COMPLETED",
        Failed => "FAILED",
        Partial => "PARTIAL",
    }
);

/// A backup job (ListBackupJobs).
#[derive(Debug, Clone, PartialEq)]
pub struct BackupJob {
    pub id: Text,
    pub state: BackupJobState,
    pub status_message: Option<Text>,
    pub resource_arn: Text,
    pub resource_name: Text,
    pub resource_type: ResourceType,
    pub vault_name: Text,
    pub recovery_point_arn: Option<Text>,
    pub created: OffsetDateTime,
    pub completed: Option<OffsetDateTime>,
    pub size_bytes: Option<u64>,
    pub percent_done: Option<u8>,
    pub iam_role_arn: Text,
}

impl RestoreJobStatus {
    /// Whether the job has ended (no more polling needed).
    pub fn is_final(self) -> bool {
        matches!(
            self,
            RestoreJobStatus::Completed | RestoreJobStatus::Aborted | RestoreJobStatus::Failed
        )
    }
}

/// A restore job (ListRestoreJobs).
#[derive(Debug, Clone, PartialEq)]
pub struct RestoreJob {
    pub id: Text,
    pub status: RestoreJobStatus,
    pub status_message: Option<Text>,
    pub recovery_point_arn: Text,
    pub source_resource_name: Text,
    pub resource_type: ResourceType,
    pub created_resource_arn: Option<Text>,
    pub created: OffsetDateTime,
    pub completed: Option<OffsetDateTime>,
    pub size_bytes: Option<u64>,
    pub percent_done: Option<u8>,
    /// AWS's estimate while the job runs.
    pub expected_completion_minutes: Option<i64>,
    pub iam_role_arn: Text,
}

/// A copy job (ListCopyJobs).
#[derive(Debug, Clone, PartialEq)]
pub struct CopyJob {
    pub id: Text,
    pub state: CopyJobState,
    pub status_message: Option<Text>,
    pub resource_arn: Text,
    pub resource_name: Text,
    pub resource_type: ResourceType,
    pub source_recovery_point_arn: Text,
    pub source_vault_arn: Text,
    pub destination_vault_arn: Text,
    pub destination_recovery_point_arn: Option<Text>,
    pub created: OffsetDateTime,
    pub completed: Option<OffsetDateTime>,
    pub size_bytes: Option<u64>,
    pub iam_role_arn: Text,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn job_states_round_trip() {
        for s in BackupJobState::ALL {
            assert_eq!(BackupJobState::from_api_name(s.api_name()), Some(*s));
        }
        for s in RestoreJobStatus::ALL {
            assert_eq!(RestoreJobStatus::from_api_name(s.api_name()), Some(*s));
        }
        for s in CopyJobState::ALL {
            assert_eq!(CopyJobState::from_api_name(s.api_name()), Some(*s));
        }
        assert_eq!(CopyJobState::from_api_name("DONE"), None);
    }
}
