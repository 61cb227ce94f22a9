//! Restore wizards: steps over a draft of plain data with per-field errors; no ratatui, no IO.
//! `request()` is the single conversion used by both the review step and the submit path.

pub mod dynamodb;
pub mod ec2;
pub mod form;
pub mod generic;
pub mod metadata_editor;
pub mod parts;
pub mod s3;

use crate::domain::restore::{Bucket, IamRole, KmsKey, RestoreRequest};
use crate::domain::{RecoveryPoint, RecoveryPointStatus, ResourceType, StorageClass};
use form::{FieldId, Input, Item};
use std::collections::BTreeMap;
use time::OffsetDateTime;

/// Everything a wizard needs from the account, loaded before it opens.
#[derive(Debug, Clone, PartialEq)]
pub struct RestoreContext {
    /// The recovery point's Region: restores run there and nowhere else.
    pub region: String,
    pub account_id: String,
    pub recovery_point: RecoveryPoint,
    /// GetRecoveryPointRestoreMetadata's answer, the starting point of every wizard.
    pub metadata: BTreeMap<String, String>,
    pub buckets: Vec<Bucket>,
    pub kms_keys: Vec<KmsKey>,
    pub roles: Vec<IamRole>,
    pub tables: Vec<String>,
    /// One token per wizard opening: every submit of this draft reuses it.
    pub idempotency_token: String,
    /// The current time (the demo's fixed clock in tests): the end of a continuous window.
    pub now: OffsetDateTime,
}

impl RestoreContext {
    /// `arn:aws:iam::<account>:role/service-role/AWSBackupDefaultServiceRole`.
    pub fn default_role_arn(&self) -> String {
        format!(
            "arn:aws:iam::{}:role/service-role/AWSBackupDefaultServiceRole",
            self.account_id
        )
    }
}

/// A restore wizard of one resource type. Steps are named; the last one is always "Review".
pub trait RestoreWizard {
    /// `Restore S3 bucket acme-media`.
    fn title(&self) -> String;
    fn steps(&self) -> Vec<&'static str>;
    /// Index into `steps()`.
    fn step(&self) -> usize;
    /// The current step's items (fields show the errors of the last failed `next`).
    fn items(&self) -> Vec<Item>;
    /// Applies a user's change to field `id` of the current step.
    fn input(&mut self, id: FieldId, input: Input);
    /// Validates the current step; moves on and returns true, or shows errors and returns false.
    fn next(&mut self) -> bool;
    /// Goes back one step (the draft is kept); false on the first step.
    fn back(&mut self) -> bool;
    /// The exact request the review shows and the submit sends.
    fn request(&self) -> Result<RestoreRequest, String>;
    /// Plain-language lines for the review: (what, value).
    fn summary(&self) -> Vec<(String, String)>;
    /// Whether the user changed anything (Esc then asks before discarding).
    fn is_dirty(&self) -> bool;
    /// Text the user must type to confirm, for the riskiest restores (into the source bucket).
    fn typed_confirmation(&self) -> Option<String>;
}

/// The wizard for the recovery point's resource type.
pub fn open(ctx: RestoreContext) -> Box<dyn RestoreWizard> {
    match ctx.recovery_point.resource_type {
        ResourceType::S3 => Box::new(s3::S3Wizard::new(ctx)),
        _ => generic::for_non_s3(ctx),
    }
}

/// Why `rp` cannot be restored, or `None` if it can.
pub fn why_not_restorable(rp: &RecoveryPoint) -> Option<String> {
    match rp.status {
        RecoveryPointStatus::Completed | RecoveryPointStatus::Available => {}
        RecoveryPointStatus::Creating => {
            return Some(
                "This recovery point is still being created: wait for its backup job to complete."
                    .into(),
            );
        }
        RecoveryPointStatus::Deleting => {
            return Some("This recovery point is being deleted.".into());
        }
        RecoveryPointStatus::Expired => {
            return Some("This recovery point has EXPIRED: its retention ended and it can no longer be restored; delete it.".into());
        }
        RecoveryPointStatus::Partial => {
            return Some("This recovery point is PARTIAL: the backup did not finish, so it cannot be restored. Restore another one.".into());
        }
        RecoveryPointStatus::Stopped => {
            return Some("This continuous backup is STOPPED and holds no restorable data; restore a snapshot instead.".into());
        }
    }
    if rp.storage_class == StorageClass::Deleted {
        return Some("This recovery point's data has been deleted.".into());
    }
    if rp.storage_class == StorageClass::Cold
        && !matches!(
            rp.resource_type,
            ResourceType::Efs | ResourceType::DynamoDB | ResourceType::Ebs
        )
    {
        return Some(format!(
            "{} recovery points cannot be restored from cold storage.",
            rp.resource_type
        ));
    }
    None
}
