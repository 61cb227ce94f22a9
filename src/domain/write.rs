//! Every change the tool can make to an account, as one type: what is reviewed, confirmed,
//! refused under `--read-only`, sent once, and written to the audit log.

use super::backup::BackupRequest;
use super::batch::{BatchJobRequest, BucketRequest, JobUpdateRequest, VersioningRequest};
use super::copy::CopyRequest;
use super::delete::DeleteRequest;
use super::plan::{PlanRequest, PlanUpdateRequest};
use super::replication::ReplicationRequest;
use super::restore::RestoreRequest;
use super::role::{RolePolicyRequest, RoleRequest};
use super::settings::SettingsRequest;
use super::vault::VaultRequest;

/// One request that changes the account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteRequest {
    Restore(RestoreRequest),
    Copy(CopyRequest),
    CreateVault(VaultRequest),
    CreatePlan(PlanRequest),
    UpdateRegionSettings(SettingsRequest),
    CreateBucket(BucketRequest),
    EnableVersioning(VersioningRequest),
    PutReplication(ReplicationRequest),
    CreateBatchJob(BatchJobRequest),
    UpdateBatchJob(JobUpdateRequest),
    CreateRole(RoleRequest),
    PutRolePolicy(RolePolicyRequest),
    StartBackup(BackupRequest),
    DeleteRecoveryPoint(DeleteRequest),
    UpdatePlan(PlanUpdateRequest),
}

impl WriteRequest {
    /// The API operation, e.g. `StartCopyJob`.
    pub fn operation(&self) -> &'static str {
        match self {
            WriteRequest::Restore(_) => "StartRestoreJob",
            WriteRequest::Copy(_) => "StartCopyJob",
            WriteRequest::CreateVault(_) => "CreateBackupVault",
            WriteRequest::CreatePlan(_) => "CreateBackupPlan",
            WriteRequest::UpdateRegionSettings(_) => "UpdateRegionSettings",
            WriteRequest::CreateBucket(_) => "CreateBucket",
            WriteRequest::EnableVersioning(_) => "PutBucketVersioning",
            WriteRequest::PutReplication(_) => "PutBucketReplication",
            WriteRequest::CreateBatchJob(_) => "CreateJob",
            WriteRequest::UpdateBatchJob(r) => r.operation(),
            WriteRequest::CreateRole(_) => "CreateRole",
            WriteRequest::PutRolePolicy(_) => "PutRolePolicy",
            WriteRequest::StartBackup(_) => "StartBackupJob",
            WriteRequest::DeleteRecoveryPoint(_) => "DeleteRecoveryPoint",
            WriteRequest::UpdatePlan(_) => "UpdateBackupPlan",
        }
    }

    /// The Region the call is sent to.
    pub fn region(&self) -> &str {
        match self {
            WriteRequest::Restore(r) => &r.region,
            WriteRequest::Copy(r) => &r.region,
            WriteRequest::CreateVault(r) => &r.region,
            WriteRequest::CreatePlan(r) => &r.region,
            WriteRequest::UpdateRegionSettings(r) => &r.region,
            WriteRequest::CreateBucket(r) => &r.region,
            WriteRequest::EnableVersioning(r) => &r.region,
            WriteRequest::PutReplication(r) => &r.region,
            WriteRequest::CreateBatchJob(r) => &r.region,
            WriteRequest::UpdateBatchJob(r) => &r.region,
            // IAM is global and ignores it: the wizard's Region, kept for the audit entry.
            WriteRequest::CreateRole(r) => &r.region,
            WriteRequest::PutRolePolicy(r) => &r.region,
            WriteRequest::StartBackup(r) => &r.region,
            WriteRequest::DeleteRecoveryPoint(r) => &r.region,
            WriteRequest::UpdatePlan(r) => &r.region,
        }
    }

    /// The request body, pretty-printed: what the review shows and the audit log records.
    pub fn api_json(&self) -> String {
        match self {
            WriteRequest::Restore(r) => r.api_json(),
            WriteRequest::Copy(r) => r.api_json(),
            WriteRequest::CreateVault(r) => r.api_json(),
            WriteRequest::CreatePlan(r) => r.api_json(),
            WriteRequest::UpdateRegionSettings(r) => r.api_json(),
            WriteRequest::CreateBucket(r) => r.api_json(),
            WriteRequest::EnableVersioning(r) => r.api_json(),
            WriteRequest::PutReplication(r) => r.api_json(),
            WriteRequest::CreateBatchJob(r) => r.api_json(),
            WriteRequest::UpdateBatchJob(r) => r.api_json(),
            WriteRequest::CreateRole(r) => r.api_json(),
            WriteRequest::PutRolePolicy(r) => r.api_json(),
            WriteRequest::StartBackup(r) => r.api_json(),
            WriteRequest::DeleteRecoveryPoint(r) => r.api_json(),
            WriteRequest::UpdatePlan(r) => r.api_json(),
        }
    }

    /// The equivalent AWS CLI command.
    pub fn cli_command(&self) -> String {
        match self {
            WriteRequest::Restore(r) => r.cli_command(),
            WriteRequest::Copy(r) => r.cli_command(),
            WriteRequest::CreateVault(r) => r.cli_command(),
            WriteRequest::CreatePlan(r) => r.cli_command(),
            WriteRequest::UpdateRegionSettings(r) => r.cli_command(),
            WriteRequest::CreateBucket(r) => r.cli_command(),
            WriteRequest::EnableVersioning(r) => r.cli_command(),
            WriteRequest::PutReplication(r) => r.cli_command(),
            WriteRequest::CreateBatchJob(r) => r.cli_command(),
            WriteRequest::UpdateBatchJob(r) => r.cli_command(),
            WriteRequest::CreateRole(r) => r.cli_command(),
            WriteRequest::PutRolePolicy(r) => r.cli_command(),
            WriteRequest::StartBackup(r) => r.cli_command(),
            WriteRequest::DeleteRecoveryPoint(r) => r.cli_command(),
            WriteRequest::UpdatePlan(r) => r.cli_command(),
        }
    }
}
