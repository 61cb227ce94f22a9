//! Effects: backend work described as data by `update`, executed only by the runtime.

use crate::action::{Action, Loaded, RequestId};
use crate::backend::{BackendError, BackupBackend, Page};
use crate::domain::restore::RestoreRequest;
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
    /// StartRestoreJob, exactly this request; the reply is `Action::RestoreStarted`. The runtime
    /// appends the request and its result to the audit log.
    StartRestore {
        req: RequestId,
        request: Box<RestoreRequest>,
    },
    /// Put `text` on the clipboard (OSC 52, which also works over SSH and inside tmux).
    Copy { text: String },
}

/// A read the app needs from the backend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
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
    DescribeRestoreJob {
        region: String,
        job_id: String,
    },
}

/// Runs `query` against `backend`, page by page, handing every result to `send`. Stops at
/// the first error (the pages before it stay shown) or when `send` returns false.
pub async fn execute(
    backend: &dyn BackupBackend,
    req: RequestId,
    query: &Query,
    mut send: impl FnMut(Action) -> bool,
) {
    let mut token: Option<String> = None;
    loop {
        let result: Result<(Loaded, Option<String>), BackendError> = match query {
            Query::ProtectedResources { region } => backend
                .list_protected_resources(region, token.take())
                .await
                .map(|p| split(p, Loaded::Resources)),
            Query::RecoveryPointsByResource {
                region,
                resource_arn,
            } => backend
                .list_recovery_points_by_resource(region, resource_arn, token.take())
                .await
                .map(|p| split(p, Loaded::RecoveryPoints)),
            Query::BackupVaults { region } => backend
                .list_backup_vaults(region, token.take())
                .await
                .map(|p| split(p, Loaded::Vaults)),
            Query::RecoveryPointsByVault { region, vault } => backend
                .list_recovery_points_by_vault(region, vault, token.take())
                .await
                .map(|p| split(p, Loaded::RecoveryPoints)),
            Query::DescribeRecoveryPoint { region, vault, arn } => backend
                .describe_recovery_point(region, vault, arn)
                .await
                .map(|rp| (Loaded::RecoveryPoint(Box::new(rp)), None)),
            Query::BackupJobs { region } => backend
                .list_backup_jobs(region, token.take())
                .await
                .map(|p| split(p, Loaded::BackupJobs)),
            Query::RestoreJobs { region } => backend
                .list_restore_jobs(region, token.take())
                .await
                .map(|p| split(p, Loaded::RestoreJobs)),
            Query::CopyJobs { region } => backend
                .list_copy_jobs(region, token.take())
                .await
                .map(|p| split(p, Loaded::CopyJobs)),
            Query::RestoreMetadata { region, vault, arn } => backend
                .get_restore_metadata(region, vault, arn)
                .await
                .map(|m| (Loaded::RestoreMetadata(m), None)),
            Query::Buckets { region } => backend
                .list_buckets(region)
                .await
                .map(|b| (Loaded::Buckets(b), None)),
            Query::KmsKeys { region } => backend
                .list_kms_keys(region)
                .await
                .map(|k| (Loaded::KmsKeys(k), None)),
            Query::IamRoles => backend
                .list_iam_roles()
                .await
                .map(|r| (Loaded::IamRoles(r), None)),
            Query::Tables { region } => backend
                .list_tables(region)
                .await
                .map(|t| (Loaded::Tables(t), None)),
            Query::DescribeRestoreJob { region, job_id } => backend
                .describe_restore_job(region, job_id)
                .await
                .map(|j| (Loaded::RestoreJob(Box::new(j)), None)),
        };
        match result {
            Ok((data, next)) => {
                let done = next.is_none();
                if !send(Action::Loaded { req, data, done }) || done {
                    return;
                }
                token = next;
            }
            Err(error) => {
                send(Action::LoadFailed { req, error });
                return;
            }
        }
    }
}

/// Sends `request` with StartRestoreJob; the caller records the result in the audit log.
pub async fn start_restore(
    backend: &dyn BackupBackend,
    req: RequestId,
    request: &RestoreRequest,
) -> Action {
    let result = backend.start_restore_job(request).await;
    Action::RestoreStarted { req, result }
}

fn split<T>(page: Page<T>, wrap: fn(Vec<T>) -> Loaded) -> (Loaded, Option<String>) {
    (wrap(page.items), page.next.filter(|t| !t.is_empty()))
}
