//! The only door to AWS: the `BackupBackend` trait, its page type and its typed errors.

pub mod error;
pub mod mock;

pub use error::{BackendError, ErrorKind};

use crate::domain::restore::{Bucket, IamRole, KmsKey, RestoreRequest};
use crate::domain::{
    BackupJob, BackupVault, CopyJob, ProtectedResource, RecoveryPoint, RestoreJob,
};
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;

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

/// A paginated call's result.
pub type PageResult<'a, T> = BackendFuture<'a, Page<T>>;

/// Everything the program asks of AWS Backup. Implementations: the mock account (`--demo`
/// and tests) and, later, the AWS SDK. Listing calls take the continuation token of the page.
pub trait BackupBackend: Send + Sync {
    fn account(&self) -> AccountInfo;

    fn list_protected_resources<'a>(
        &'a self,
        region: &'a str,
        token: Option<String>,
    ) -> PageResult<'a, ProtectedResource>;

    fn list_recovery_points_by_resource<'a>(
        &'a self,
        region: &'a str,
        resource_arn: &'a str,
        token: Option<String>,
    ) -> PageResult<'a, RecoveryPoint>;

    fn list_backup_vaults<'a>(
        &'a self,
        region: &'a str,
        token: Option<String>,
    ) -> PageResult<'a, BackupVault>;

    fn list_recovery_points_by_vault<'a>(
        &'a self,
        region: &'a str,
        vault_name: &'a str,
        token: Option<String>,
    ) -> PageResult<'a, RecoveryPoint>;

    fn describe_recovery_point<'a>(
        &'a self,
        region: &'a str,
        vault_name: &'a str,
        recovery_point_arn: &'a str,
    ) -> BackendFuture<'a, RecoveryPoint>;

    fn list_backup_jobs<'a>(
        &'a self,
        region: &'a str,
        token: Option<String>,
    ) -> PageResult<'a, BackupJob>;

    fn list_restore_jobs<'a>(
        &'a self,
        region: &'a str,
        token: Option<String>,
    ) -> PageResult<'a, RestoreJob>;

    fn list_copy_jobs<'a>(
        &'a self,
        region: &'a str,
        token: Option<String>,
    ) -> PageResult<'a, CopyJob>;

    /// GetRecoveryPointRestoreMetadata: the metadata a restore starts from.
    fn get_restore_metadata<'a>(
        &'a self,
        region: &'a str,
        vault_name: &'a str,
        recovery_point_arn: &'a str,
    ) -> BackendFuture<'a, BTreeMap<String, String>>;

    /// The Region's S3 buckets, with the versioning and ACL state a restore depends on.
    fn list_buckets<'a>(&'a self, region: &'a str) -> BackendFuture<'a, Vec<Bucket>>;

    /// The Region's KMS keys (customer managed and AWS managed), with their aliases.
    fn list_kms_keys<'a>(&'a self, region: &'a str) -> BackendFuture<'a, Vec<KmsKey>>;

    /// IAM roles of the account (IAM is global).
    fn list_iam_roles(&self) -> BackendFuture<'_, Vec<IamRole>>;

    /// DynamoDB table names in the Region (a restore needs a new name).
    fn list_tables<'a>(&'a self, region: &'a str) -> BackendFuture<'a, Vec<String>>;

    /// StartRestoreJob; returns the restore job ID. Same token, same job.
    fn start_restore_job<'a>(&'a self, request: &'a RestoreRequest) -> BackendFuture<'a, String>;

    /// DescribeRestoreJob.
    fn describe_restore_job<'a>(
        &'a self,
        region: &'a str,
        job_id: &'a str,
    ) -> BackendFuture<'a, RestoreJob>;
}
