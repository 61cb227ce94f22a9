//! Domain types of an AWS Backup account: no screen, no SDK, no IO.

pub mod backup;
pub mod batch;
pub mod copy;
pub mod cron;
pub mod delete;
pub mod format;
pub mod job;
pub mod plan;
pub mod recovery_point;
pub mod region;
pub mod replication;
pub mod resource;
pub mod restore;
pub mod role;
pub mod settings;
pub mod validate;
pub mod vault;
pub mod write;

pub use job::{BackupJob, BackupJobState, CopyJob, CopyJobState, RestoreJob, RestoreJobStatus};
pub use recovery_point::{
    BackupKind, Lifecycle, PlanRef, RecoveryPoint, RecoveryPointStatus, StatusHelp, StorageClass,
};
pub use region::Region;
pub use resource::{ProtectedResource, ResourceType};
pub use vault::{BackupVault, VaultRequest};
pub use write::WriteRequest;

/// Text shared cheaply between many rows (ARNs, vault names): cloning is a reference-count bump.
/// A thin pointer (8 bytes, where `Arc<str>` takes 16): a recovery point holds nine of these,
/// and a large vault lists 100,000 points.
pub type Text = arcstr::ArcStr;
