//! Effects: backend work described as data by `update`, executed only by the runtime.

use crate::action::{Action, Loaded, RequestId};
use crate::backend::{BackendError, BackupBackend, MfaReply, PageStream};
use crate::domain::WriteRequest;
use futures::StreamExt;
use std::time::Duration;

/// Side effects `App::update` asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Load every page of `query`, sending each page back as `Action::Loaded`.
    Load { req: RequestId, query: Query },
    /// Like `Load`, after waiting `after` (job polling with back-off).
    Poll {
        req: RequestId,
        query: Query,
        after: Duration,
    },
    /// The user left the screen that wanted `req`: stop fetching its pages.
    Cancel { req: RequestId },
    /// Sends exactly this change (a restore, a copy, a vault, a plan, opt-in settings); the
    /// reply is `Action::Submitted`. The runtime appends the request and its result to the
    /// audit log, and never cancels it half-way.
    Submit {
        req: RequestId,
        request: Box<WriteRequest>,
    },
    /// Hand the MFA code (or the user's refusal) to the credentials provider waiting for it.
    AnswerMfa {
        reply: MfaReply,
        code: Option<OneTimeCode>,
    },
    /// After a declined MFA prompt, let the provider ask again (the user reloads).
    RearmMfa { reply: MfaReply },
    /// Put `text` on the clipboard (OSC 52, which also works over SSH and inside tmux).
    Copy { text: String },
    /// Ring the terminal bell (a followed job ended and the config asks for it).
    Bell,
}

impl Effect {
    /// Whether the effect changes the AWS account (refused under `--read-only`).
    pub fn is_write(&self) -> bool {
        matches!(self, Effect::Submit { .. })
    }
}

/// An MFA code: kept out of logs and `Debug` output.
#[derive(Clone, PartialEq, Eq)]
pub struct OneTimeCode(pub String);

impl std::fmt::Debug for OneTimeCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OneTimeCode(******)")
    }
}

/// A read the app needs from the backend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    /// Whose credentials these are (STS GetCallerIdentity), for the header.
    Identity,
    ProtectedResources {
        region: String,
    },
    RecoveryPointsByResource {
        region: String,
        resource_arn: String,
    },
    BackupVaults {
        region: String,
    },
    RecoveryPointsByVault {
        region: String,
        vault: String,
    },
    DescribeRecoveryPoint {
        region: String,
        vault: String,
        arn: String,
    },
    BackupJobs {
        region: String,
    },
    RestoreJobs {
        region: String,
    },
    CopyJobs {
        region: String,
    },
    RestoreMetadata {
        region: String,
        vault: String,
        arn: String,
    },
    Buckets {
        region: String,
    },
    KmsKeys {
        region: String,
    },
    IamRoles,
    Tables {
        region: String,
    },
    DescribeBackupJob {
        region: String,
        job_id: String,
    },
    DescribeRestoreJob {
        region: String,
        job_id: String,
    },
    DescribeCopyJob {
        region: String,
        job_id: String,
    },
    BackupPlans {
        region: String,
    },
    BackupPlan {
        region: String,
        plan_id: String,
    },
    RegionSettings {
        region: String,
    },
    BucketReplication {
        region: String,
        bucket: String,
    },
    BatchJobs {
        region: String,
    },
    DescribeBatchJob {
        region: String,
        job_id: String,
    },
    CompletionReport(crate::domain::batch::ReportQuery),
}

/// Runs `query` against `backend`, page by page, handing every result to `send`. Stops at
/// the first error (the pages before it stay shown) or when `send` returns false.
pub async fn execute(
    backend: &dyn BackupBackend,
    req: RequestId,
    query: &Query,
    mut send: impl FnMut(Action) -> bool,
) {
    let send = &mut send;
    // The MFA code first, outside the call: its timeouts are for AWS, not for the human.
    if let Err(error) = backend.ready().await {
        send(Action::LoadFailed { req, error });
        return;
    }
    match query {
        Query::Identity => {
            let result = backend.caller_identity().await;
            one(req, result.map(Loaded::Identity), send)
        }
        Query::ProtectedResources { region } => {
            pages(
                req,
                backend.list_protected_resources(region),
                Loaded::Resources,
                send,
            )
            .await
        }
        Query::RecoveryPointsByResource {
            region,
            resource_arn,
        } => {
            let stream = backend.list_recovery_points_by_resource(region, resource_arn);
            pages(req, stream, Loaded::RecoveryPoints, send).await
        }
        Query::BackupVaults { region } => {
            pages(
                req,
                backend.list_backup_vaults(region),
                Loaded::Vaults,
                send,
            )
            .await
        }
        Query::RecoveryPointsByVault { region, vault } => {
            let stream = backend.list_recovery_points_by_vault(region, vault);
            pages(req, stream, Loaded::RecoveryPoints, send).await
        }
        Query::DescribeRecoveryPoint { region, vault, arn } => {
            let result = backend.describe_recovery_point(region, vault, arn).await;
            one(
                req,
                result.map(|rp| Loaded::RecoveryPoint(Box::new(rp))),
                send,
            )
        }
        Query::BackupJobs { region } => {
            pages(
                req,
                backend.list_backup_jobs(region),
                Loaded::BackupJobs,
                send,
            )
            .await
        }
        Query::RestoreJobs { region } => {
            pages(
                req,
                backend.list_restore_jobs(region),
                Loaded::RestoreJobs,
                send,
            )
            .await
        }
        Query::CopyJobs { region } => {
            pages(req, backend.list_copy_jobs(region), Loaded::CopyJobs, send).await
        }
        Query::RestoreMetadata { region, vault, arn } => {
            let result = backend.get_restore_metadata(region, vault, arn).await;
            one(req, result.map(Loaded::RestoreMetadata), send)
        }
        Query::Buckets { region } => {
            pages(req, backend.list_buckets(region), Loaded::Buckets, send).await
        }
        Query::KmsKeys { region } => {
            pages(req, backend.list_kms_keys(region), Loaded::KmsKeys, send).await
        }
        Query::IamRoles => pages(req, backend.list_iam_roles(), Loaded::IamRoles, send).await,
        Query::Tables { region } => {
            pages(req, backend.list_tables(region), Loaded::Tables, send).await
        }
        Query::DescribeBackupJob { region, job_id } => {
            let result = backend.describe_backup_job(region, job_id).await;
            one(req, result.map(|j| Loaded::BackupJob(Box::new(j))), send)
        }
        Query::DescribeRestoreJob { region, job_id } => {
            let result = backend.describe_restore_job(region, job_id).await;
            one(req, result.map(|j| Loaded::RestoreJob(Box::new(j))), send)
        }
        Query::DescribeCopyJob { region, job_id } => {
            let result = backend.describe_copy_job(region, job_id).await;
            one(req, result.map(|j| Loaded::CopyJob(Box::new(j))), send)
        }
        Query::BackupPlans { region } => {
            pages(req, backend.list_backup_plans(region), Loaded::Plans, send).await
        }
        Query::BackupPlan { region, plan_id } => {
            let result = backend.get_backup_plan(region, plan_id).await;
            one(req, result.map(|p| Loaded::Plan(Box::new(p))), send)
        }
        Query::BucketReplication { region, bucket } => {
            let result = backend.get_bucket_replication(region, bucket).await;
            one(
                req,
                result.map(|c| Loaded::Replication(c.map(Box::new))),
                send,
            )
        }
        Query::BatchJobs { region } => {
            pages(
                req,
                backend.list_batch_jobs(region),
                Loaded::BatchJobs,
                send,
            )
            .await
        }
        Query::DescribeBatchJob { region, job_id } => {
            let result = backend.describe_batch_job(region, job_id).await;
            one(req, result.map(|j| Loaded::BatchJob(Box::new(j))), send)
        }
        Query::CompletionReport(query) => {
            let result = backend.get_completion_report(query).await;
            one(req, result.map(Loaded::Report), send)
        }
        Query::RegionSettings { region } => {
            let result = backend.describe_region_settings(region).await;
            one(
                req,
                result.map(|s| Loaded::RegionSettings(Box::new(s))),
                send,
            )
        }
    }
}

/// Hands on each page as it arrives; the page without a `next` token is marked `done`.
async fn pages<T>(
    req: RequestId,
    mut stream: PageStream<'_, T>,
    wrap: fn(Vec<T>) -> Loaded,
    send: &mut impl FnMut(Action) -> bool,
) {
    while let Some(result) = stream.next().await {
        match result {
            Ok(page) => {
                let done = page.next.as_deref().is_none_or(str::is_empty);
                if !send(Action::Loaded {
                    req,
                    data: wrap(page.items),
                    done,
                }) || done
                {
                    return;
                }
            }
            Err(error) => {
                send(Action::LoadFailed { req, error });
                return;
            }
        }
    }
    // The listing ended without a last page (AWS repeated a token): close it all the same.
    send(Action::Loaded {
        req,
        data: wrap(Vec::new()),
        done: true,
    });
}

/// Hands on the answer of a call that has no pages.
fn one(
    req: RequestId,
    result: Result<Loaded, BackendError>,
    send: &mut impl FnMut(Action) -> bool,
) {
    send(match result {
        Ok(data) => Action::Loaded {
            req,
            data,
            done: true,
        },
        Err(error) => Action::LoadFailed { req, error },
    });
}

/// Sends `request` with its operation; the caller records the result in the audit log. The
/// answer is the new job's, vault's or plan's identifier (empty for settings).
pub async fn submit(backend: &dyn BackupBackend, req: RequestId, request: &WriteRequest) -> Action {
    if let Err(error) = backend.ready().await {
        return Action::Submitted {
            req,
            result: Err(error),
        };
    }
    let result = match request {
        WriteRequest::Restore(r) => backend.start_restore_job(r).await,
        WriteRequest::Copy(r) => backend.start_copy_job(r).await,
        WriteRequest::CreateVault(r) => backend.create_backup_vault(r).await,
        WriteRequest::CreatePlan(r) => backend.create_backup_plan(r).await,
        WriteRequest::UpdateRegionSettings(r) => backend
            .update_region_settings(r)
            .await
            .map(|()| String::new()),
        WriteRequest::CreateBucket(r) => backend.create_bucket(r).await,
        WriteRequest::EnableVersioning(r) => backend
            .put_bucket_versioning(r)
            .await
            .map(|()| String::new()),
        WriteRequest::PutReplication(r) => backend
            .put_bucket_replication(r)
            .await
            .map(|()| String::new()),
        WriteRequest::CreateBatchJob(r) => backend.create_batch_job(r).await,
        WriteRequest::UpdateBatchJob(r) => {
            backend.update_batch_job(r).await.map(|()| String::new())
        }
        WriteRequest::CreateRole(r) => backend.create_role(r).await,
        WriteRequest::PutRolePolicy(r) => backend.put_role_policy(r).await.map(|()| String::new()),
        WriteRequest::StartBackup(r) => backend.start_backup_job(r).await,
        WriteRequest::DeleteRecoveryPoint(r) => backend
            .delete_recovery_point(r)
            .await
            .map(|()| String::new()),
        WriteRequest::UpdatePlan(r) => backend.update_backup_plan(r).await,
    };
    Action::Submitted { req, result }
}
