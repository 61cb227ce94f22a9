//! The only door to AWS: the `BackupBackend` trait, its page type and its typed errors.

pub mod aws;
pub mod error;
pub mod mock;

pub use error::{BackendError, ErrorKind};

use crate::domain::backup::BackupRequest;
use crate::domain::batch::{
    BatchJob, BatchJobRequest, BucketRequest, JobUpdateRequest, ReportQuery, ReportRow,
    VersioningRequest,
};
use crate::domain::copy::CopyRequest;
use crate::domain::delete::DeleteRequest;
use crate::domain::plan::{BackupPlan, PlanDetails, PlanRequest, PlanUpdateRequest};
use crate::domain::replication::{ReplicationConfig, ReplicationRequest};
use crate::domain::restore::{Bucket, IamRole, KmsKey, RestoreRequest};
use crate::domain::role::{RolePolicyRequest, RoleRequest};
use crate::domain::settings::{RegionSettings, SettingsRequest};
use crate::domain::{
    BackupJob, BackupVault, CopyJob, ProtectedResource, RecoveryPoint, RestoreJob, VaultRequest,
};
use futures::Stream;
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use tokio::sync::oneshot;

/// One page of a paginated listing; `next` is the token for the following page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next: Option<String>,
}

/// Who the backend talks to, shown in the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountInfo {
    pub mode: Mode,
    pub account_id: String,
    pub profile: String,
    /// The keys come from `AWS_ACCESS_KEY_ID`, not from `profile` (shown as "env keys").
    pub env_keys: bool,
    /// `--read-only`: nothing that changes the account may be sent.
    pub read_only: bool,
}

/// The identity behind the credentials, from STS GetCallerIdentity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallerIdentity {
    pub account_id: String,
    pub arn: String,
}

/// Something a backend reports outside any one call, for the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackendEvent {
    /// An attempt of `operation` failed in a way the SDK retries; it waits and sends it again
    /// (attempt `attempt` of `max`).
    Retrying {
        operation: String,
        reason: RetryReason,
        attempt: u32,
        max: u32,
    },
    /// The profile assumes a role that requires MFA: ask for the code, answer through `reply`.
    MfaNeeded {
        profile: String,
        serial: String,
        reply: MfaReply,
    },
}

/// Why a call is being sent again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryReason {
    Throttled,
    /// AWS failed on its side with this HTTP status.
    ServerError(u16),
    /// The attempt got no answer in time.
    NoAnswer,
    /// The endpoint could not be reached.
    Unreachable,
}

impl RetryReason {
    /// `throttled`, `HTTP 503`: the start of "…, retrying X, attempt 2 of 3".
    pub fn words(self) -> String {
        match self {
            RetryReason::Throttled => "throttled".to_string(),
            RetryReason::ServerError(status) => format!("AWS failed with HTTP {status}"),
            RetryReason::NoAnswer => "no answer".to_string(),
            RetryReason::Unreachable => "could not connect".to_string(),
        }
    }
}

/// The way back to a credentials provider waiting for an MFA code (`None`: the user declined).
/// A decline holds for every call until `rearm` (the user asks to reload), so one refusal
/// does not open a prompt per waiting call.
#[derive(Clone)]
pub struct MfaReply {
    tx: Arc<Mutex<Option<oneshot::Sender<Option<String>>>>>,
    declined: Arc<AtomicBool>,
}

impl MfaReply {
    /// A reply handle sharing the provider's `declined` flag, and the receiver it awaits.
    pub fn new(declined: Arc<AtomicBool>) -> (MfaReply, oneshot::Receiver<Option<String>>) {
        let (tx, rx) = oneshot::channel();
        let reply = MfaReply {
            tx: Arc::new(Mutex::new(Some(tx))),
            declined,
        };
        (reply, rx)
    }

    /// Answers once; later answers (a double Enter) are ignored.
    pub fn send(&self, code: Option<String>) {
        if code.is_none() {
            self.declined.store(true, Ordering::SeqCst);
        }
        let sender = self.tx.lock().map(|mut s| s.take()).unwrap_or(None);
        if let Some(sender) = sender {
            let _ = sender.send(code);
        }
    }

    /// Lets the provider ask again after a decline.
    pub fn rearm(&self) {
        self.declined.store(false, Ordering::SeqCst);
    }
}

impl PartialEq for MfaReply {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.tx, &other.tx)
    }
}

impl Eq for MfaReply {}

impl std::fmt::Debug for MfaReply {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MfaReply")
    }
}

/// Demo (the in-memory account) or a real AWS account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Demo,
    Aws,
}

impl Mode {
    pub fn label(self) -> &'static str {
        match self {
            Mode::Demo => "DEMO",
            Mode::Aws => "AWS",
        }
    }
}

/// The future every backend call returns: boxed so the trait stays object-safe.
pub type BackendFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, BackendError>> + Send + 'a>>;

/// One page fetched by continuation token (how the demo account serves its listings).
pub type PageResult<'a, T> = BackendFuture<'a, Page<T>>;

/// A paginated listing: pages as they arrive (the first can be shown while the rest load),
/// ending after the page without a `next` token or after the first error. Dropping the stream
/// stops the listing.
pub type PageStream<'a, T> = Pin<Box<dyn Stream<Item = Result<Page<T>, BackendError>> + Send + 'a>>;

/// Turns "fetch the page at this token" into a [`PageStream`].
pub fn token_pages<'a, T, F, Fut>(mut fetch: F) -> PageStream<'a, T>
where
    T: Send + 'a,
    F: FnMut(Option<String>) -> Fut + Send + 'a,
    Fut: Future<Output = Result<Page<T>, BackendError>> + Send + 'a,
{
    // State: `Some(token)` while a page is due, `None` once the listing is over.
    Box::pin(futures::stream::unfold(
        Some(None),
        move |state: Option<Option<String>>| {
            let due = state.map(&mut fetch);
            async move {
                let page = due?.await;
                let after = match &page {
                    Ok(p) => p.next.clone().filter(|t| !t.is_empty()).map(Some),
                    Err(_) => None,
                };
                Some((page, after))
            }
        },
    ))
}

pub trait BackupBackend: Send + Sync {
    /// Mode and profile, known before any call; the account id may still be empty.
    fn account(&self) -> AccountInfo;

    /// Waits until calls can be signed: a human typing an MFA code may take minutes, which
    /// must not count against any one call's timeouts. Most backends are always ready.
    fn ready(&self) -> BackendFuture<'_, ()> {
        Box::pin(async { Ok(()) })
    }

    /// STS GetCallerIdentity: whose credentials these are.
    fn caller_identity(&self) -> BackendFuture<'_, CallerIdentity>;

    fn list_protected_resources<'a>(&'a self, region: &'a str)
    -> PageStream<'a, ProtectedResource>;

    fn list_recovery_points_by_resource<'a>(
        &'a self,
        region: &'a str,
        resource_arn: &'a str,
    ) -> PageStream<'a, RecoveryPoint>;

    fn list_backup_vaults<'a>(&'a self, region: &'a str) -> PageStream<'a, BackupVault>;

    fn list_recovery_points_by_vault<'a>(
        &'a self,
        region: &'a str,
        vault_name: &'a str,
    ) -> PageStream<'a, RecoveryPoint>;

    fn describe_recovery_point<'a>(
        &'a self,
        region: &'a str,
        vault_name: &'a str,
        recovery_point_arn: &'a str,
    ) -> BackendFuture<'a, RecoveryPoint>;

    fn list_backup_jobs<'a>(&'a self, region: &'a str) -> PageStream<'a, BackupJob>;

    fn list_restore_jobs<'a>(&'a self, region: &'a str) -> PageStream<'a, RestoreJob>;

    fn list_copy_jobs<'a>(&'a self, region: &'a str) -> PageStream<'a, CopyJob>;

    /// GetRecoveryPointRestoreMetadata: the metadata a restore starts from.
    fn get_restore_metadata<'a>(
        &'a self,
        region: &'a str,
        vault_name: &'a str,
        recovery_point_arn: &'a str,
    ) -> BackendFuture<'a, BTreeMap<String, String>>;

    /// The Region's S3 buckets, with the versioning and ACL state a restore depends on.
    fn list_buckets<'a>(&'a self, region: &'a str) -> PageStream<'a, Bucket>;

    /// The Region's KMS keys (customer managed and AWS managed), with their aliases.
    fn list_kms_keys<'a>(&'a self, region: &'a str) -> PageStream<'a, KmsKey>;

    /// IAM roles of the account (IAM is global).
    fn list_iam_roles(&self) -> PageStream<'_, IamRole>;

    /// DynamoDB table names in the Region (a restore needs a new name).
    fn list_tables<'a>(&'a self, region: &'a str) -> PageStream<'a, String>;

    /// StartRestoreJob; returns the restore job ID. Same token, same job.
    fn start_restore_job<'a>(&'a self, request: &'a RestoreRequest) -> BackendFuture<'a, String>;

    /// DescribeBackupJob: one backup job, to follow it to its end.
    fn describe_backup_job<'a>(
        &'a self,
        region: &'a str,
        job_id: &'a str,
    ) -> BackendFuture<'a, BackupJob>;

    /// DescribeRestoreJob.
    fn describe_restore_job<'a>(
        &'a self,
        region: &'a str,
        job_id: &'a str,
    ) -> BackendFuture<'a, RestoreJob>;

    /// CreateBackupVault; returns the new vault's ARN.
    fn create_backup_vault<'a>(&'a self, request: &'a VaultRequest) -> BackendFuture<'a, String>;

    /// StartCopyJob, called in the source Region; returns the copy job ID. Same token, same job.
    fn start_copy_job<'a>(&'a self, request: &'a CopyRequest) -> BackendFuture<'a, String>;

    /// DescribeCopyJob.
    fn describe_copy_job<'a>(
        &'a self,
        region: &'a str,
        job_id: &'a str,
    ) -> BackendFuture<'a, CopyJob>;

    /// ListBackupPlans (without deleted plans).
    fn list_backup_plans<'a>(&'a self, region: &'a str) -> PageStream<'a, BackupPlan>;

    /// GetBackupPlan: the plan's current version with its rules.
    fn get_backup_plan<'a>(
        &'a self,
        region: &'a str,
        plan_id: &'a str,
    ) -> BackendFuture<'a, PlanDetails>;

    /// CreateBackupPlan; returns the new plan's ID.
    fn create_backup_plan<'a>(&'a self, request: &'a PlanRequest) -> BackendFuture<'a, String>;

    /// DescribeRegionSettings: the Region's service opt-in and management preferences.
    fn describe_region_settings<'a>(&'a self, region: &'a str)
    -> BackendFuture<'a, RegionSettings>;

    /// UpdateRegionSettings with exactly the preferences in `request`.
    fn update_region_settings<'a>(&'a self, request: &'a SettingsRequest) -> BackendFuture<'a, ()>;

    /// GetBucketReplication: the bucket's replication configuration, `None` if it has none.
    fn get_bucket_replication<'a>(
        &'a self,
        region: &'a str,
        bucket: &'a str,
    ) -> BackendFuture<'a, Option<ReplicationConfig>>;

    /// CreateBucket in `request.region`; returns the bucket's name.
    fn create_bucket<'a>(&'a self, request: &'a BucketRequest) -> BackendFuture<'a, String>;

    /// PutBucketVersioning with Status Enabled.
    fn put_bucket_versioning<'a>(&'a self, request: &'a VersioningRequest)
    -> BackendFuture<'a, ()>;

    /// PutBucketReplication: replaces the source bucket's whole configuration.
    fn put_bucket_replication<'a>(
        &'a self,
        request: &'a ReplicationRequest,
    ) -> BackendFuture<'a, ()>;

    /// S3 Control ListJobs of the Region (unfinished jobs and those ended in 90 days).
    fn list_batch_jobs<'a>(&'a self, region: &'a str) -> PageStream<'a, BatchJob>;

    /// S3 Control DescribeJob.
    fn describe_batch_job<'a>(
        &'a self,
        region: &'a str,
        job_id: &'a str,
    ) -> BackendFuture<'a, BatchJob>;

    /// S3 Control CreateJob; returns the job ID. Same token, same job.
    fn create_batch_job<'a>(&'a self, request: &'a BatchJobRequest) -> BackendFuture<'a, String>;

    /// S3 Control UpdateJobStatus (confirm, cancel) or UpdateJobPriority.
    fn update_batch_job<'a>(&'a self, request: &'a JobUpdateRequest) -> BackendFuture<'a, ()>;

    /// The rows of a finished job's completion report (read from its report bucket).
    fn get_completion_report<'a>(
        &'a self,
        query: &'a ReportQuery,
    ) -> BackendFuture<'a, Vec<ReportRow>>;

    /// IAM CreateRole; returns the new role's ARN.
    fn create_role<'a>(&'a self, request: &'a RoleRequest) -> BackendFuture<'a, String>;

    /// IAM PutRolePolicy: adds (or replaces) the role's inline policy.
    fn put_role_policy<'a>(&'a self, request: &'a RolePolicyRequest) -> BackendFuture<'a, ()>;

    /// StartBackupJob (an on-demand backup); returns the backup job ID. Same token, same job.
    fn start_backup_job<'a>(&'a self, request: &'a BackupRequest) -> BackendFuture<'a, String>;

    /// DeleteRecoveryPoint.
    fn delete_recovery_point<'a>(&'a self, request: &'a DeleteRequest) -> BackendFuture<'a, ()>;

    /// UpdateBackupPlan; returns the plan's new version ID.
    fn update_backup_plan<'a>(
        &'a self,
        request: &'a PlanUpdateRequest,
    ) -> BackendFuture<'a, String>;
}
