//! Wizards: steps over a draft of plain data with per-field errors; no ratatui, no IO.
//! `requests()` is the single conversion used by both the review step and the submit path.

pub mod backup;
pub mod batch;
pub mod bucket;
pub mod copy;
pub mod destination;
pub mod dynamodb;
pub mod ec2;
pub mod form;
pub mod generic;
pub mod lifecycle;
pub mod metadata_editor;
pub mod parts;
pub mod plan;
pub mod replication;
pub mod s3;

use crate::action::Loaded;
use crate::backend::BackendError;
use crate::domain::restore::{Bucket, IamRole, KmsKey, RestoreRequest};
use crate::domain::{RecoveryPoint, RecoveryPointStatus, ResourceType, StorageClass, WriteRequest};
use crate::effect::Query;
use crate::palette::{JobTab, Section};
use crate::tracker::{Followed, JobKind};
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
        parts::default_role_arn(&self.account_id)
    }
}

/// The form every wizard shows: named steps of fields over a draft, checked one step at a
/// time; the last step is the review.
pub trait Form {
    /// `Restore S3 bucket acme-media`, `Copy recovery point …`.
    fn title(&self) -> String;
    fn steps(&self) -> Vec<&'static str>;
    /// Index into `steps()`; the last step is the review.
    fn step(&self) -> usize;
    /// The current step's items (fields show the errors of the last failed `next`).
    fn items(&self) -> Vec<Item>;
    /// Applies a user's change to field `id` of the current step.
    fn input(&mut self, id: FieldId, input: Input);
    /// Validates the current step; moves on and returns true, or shows errors and returns false.
    fn next(&mut self) -> bool;
    /// Goes back one step (the draft is kept); false on the first step.
    fn back(&mut self) -> bool;
    /// Plain-language lines for the review: (what, value).
    fn summary(&self) -> Vec<(String, String)>;
    /// Whether the user changed anything (Esc then asks before discarding).
    fn is_dirty(&self) -> bool;
    /// Text the user must type to confirm, for the riskiest changes (a restore into the
    /// source bucket).
    fn typed_confirmation(&self) -> Option<String> {
        None
    }
    /// What the typed confirmation is, for the message when the typed text does not match:
    /// `the bucket's name`.
    fn typed_confirmation_what(&self) -> &'static str {
        "the text asked for"
    }
}

/// Where the app goes once every request of a wizard was accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum After {
    /// Open `section` in the job's Region, say `notice`, and follow the job to its end
    /// wherever the user goes.
    Job {
        job: Followed,
        section: Section,
        notice: String,
    },
    /// Follow the job to its end from here on, without moving the user.
    Follow(Followed),
    /// Open `section` in `region` and say `notice` in the footer.
    Go {
        region: String,
        section: Section,
        notice: String,
    },
    /// Open the page of `plan` (its new version) over the Plans section of `region`.
    Plan {
        region: String,
        plan: crate::domain::plan::BackupPlan,
        notice: String,
    },
}

/// What the wizard screen drives: a restore, a copy, a plan. Forms, review and confirmation
/// are the same for all; each wizard brings its own `Form` and the requests it sends.
pub trait Wizard: Form {
    /// `Start this copy job in us-east-1?`, or the warning above a typed confirmation.
    fn confirm_question(&self) -> String;
    /// What confirming does, for the key hints: `start restore`, `create plan`.
    fn submit_label(&self) -> &'static str;
    /// The exact requests the review shows and the confirmation sends, in order (a vault
    /// made on the way comes before the copy or plan that uses it).
    fn requests(&self) -> Result<Vec<WriteRequest>, String>;
    /// Account data the wizard wants now that it lacks (the vaults of a Region just chosen).
    /// The screen loads each query once and hands its pages to `supply`.
    fn wanted(&self) -> Vec<Query> {
        Vec::new()
    }
    /// A page (or the failure) of a query from `wanted`; `done` on its last page.
    fn supply(&mut self, _query: &Query, _page: Result<Loaded, BackendError>, _done: bool) {}
    /// Where to go after every request was accepted; `last_id` is the last one's answer.
    fn after(&self, last_id: &str) -> Option<After>;
}

/// A restore wizard of one resource type: a form whose review sends one StartRestoreJob in
/// the recovery point's Region. Every restore wizard is a `Wizard` through the impl below;
/// `Wizard` is its supertrait so that a `Box<dyn RestoreWizard>` can be hosted as a
/// `Box<dyn Wizard>`.
pub trait RestoreWizard: Wizard {
    /// The recovery point's Region, where the restore runs.
    fn region(&self) -> &str;
    /// The exact request the review shows and the submit sends.
    fn request(&self) -> Result<RestoreRequest, String>;
}

/// Confirming a restore starts its one restore job, then follows it on the Restore jobs tab.
impl<W: RestoreWizard> Wizard for W {
    fn confirm_question(&self) -> String {
        match self.typed_confirmation() {
            Some(_) => "This restore writes into the SOURCE bucket.".into(),
            None => format!("Start this restore job in {}?", self.region()),
        }
    }
    fn submit_label(&self) -> &'static str {
        "start restore"
    }
    fn requests(&self) -> Result<Vec<WriteRequest>, String> {
        self.request().map(|r| vec![WriteRequest::Restore(r)])
    }
    fn after(&self, last_id: &str) -> Option<After> {
        let region = self.region().to_string();
        Some(After::Job {
            notice: format!("Restore job {last_id} started in {region}."),
            job: Followed {
                kind: JobKind::Restore,
                region,
                id: last_id.to_string(),
            },
            section: Section::Jobs(JobTab::Restore),
        })
    }
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
