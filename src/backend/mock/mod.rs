//! The demo account: a seeded, deterministic, stateful in-memory AWS Backup account.

mod backups;
mod batch;
mod copy;
mod deletes;
mod faults;
mod fixtures;
mod pages;
mod plans;
mod restore;
mod roles;
mod s3;
mod settings;
mod tokens;
mod vaults;

pub use faults::{Fault, FaultRule, Operation};
pub use fixtures::{ACCOUNT_ID, DEMO_NOW, HOME_REGION};

use super::{
    AccountInfo, BackendError, BackendFuture, BackupBackend, CallerIdentity, ErrorKind, Mode, Page,
    PageStream, token_pages,
};
use crate::domain::VaultRequest;
use crate::domain::backup::BackupRequest;
use crate::domain::batch::{
    BatchJob, BatchJobRequest, BucketRequest, JobChange, JobUpdateRequest, ReportQuery, ReportRow,
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
    BackupJob, BackupVault, CopyJob, ProtectedResource, RecoveryPoint, RestoreJob,
};
use faults::FaultPlan;
use fixtures::{Account, Rng};
use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;
use tokens::Tokens;

/// The session of a demo run: the demo's fixed clock and account, and `id` for tokens.
pub fn demo_session(id: &str) -> crate::remote::Session {
    crate::remote::Session {
        id: id.to_string(),
        now: DEMO_NOW,
        account_id: ACCOUNT_ID.to_string(),
        read_only: false,
        live_clock: false,
    }
}

/// One call the mock received, for tests to assert on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    pub op: Operation,
    pub region: String,
    /// The resource ARN or vault name the call was about, if any.
    pub target: Option<String>,
    pub page: usize,
}

/// How the mock account behaves: latency, page size, synthetic scale.
#[derive(Debug, Clone)]
pub struct MockOptions {
    /// Added to every call; 0 in tests.
    pub latency: Duration,
    /// Items per page of every listing (AWS's maximum is 1000).
    pub page_size: usize,
    /// Extra synthetic recovery points, spread over many EBS volumes (`--demo-scale`).
    pub scale: usize,
    /// `--read-only`: the account refuses every change, as the AWS backend does.
    pub read_only: bool,
}

impl Default for MockOptions {
    fn default() -> Self {
        MockOptions {
            latency: Duration::ZERO,
            page_size: 1000,
            scale: 0,
            read_only: false,
        }
    }
}

/// The in-memory account. Its state sits behind a mutex that only the backend touches.
pub struct MockBackend {
    options: MockOptions,
    state: Mutex<State>,
}

struct State {
    account: Account,
    faults: FaultPlan,
    calls: Vec<Call>,
    restores: restore::RestoreBook,
    /// Every StartRestoreJob request received, accepted or not.
    restore_requests: Vec<RestoreRequest>,
    copies: copy::CopyBook,
    /// Every StartCopyJob request that reached the account, accepted or not.
    copy_requests: Vec<CopyRequest>,
    vault_tokens: Tokens<VaultRequest>,
    plan_tokens: Tokens<PlanRequest>,
    /// Batch Operations jobs and their reports.
    batch: batch::BatchBook,
    /// On-demand backup jobs started here.
    backups: backups::BackupBook,
    /// IDs of what the account makes (copies, plans, vault keys): deterministic, so a replayed
    /// session makes the same ones.
    ids: Rng,
}

/// Seed of [`State::ids`].
const IDS_SEED: u64 = 0x00C0_FFEE_0001_D500;

/// An InvalidInput error in AWS's words (`<Exception>: <message>`).
fn invalid(message: impl Into<String>) -> BackendError {
    BackendError::new(ErrorKind::InvalidInput, message)
}

/// A NotFound error in AWS's words.
fn not_found(message: impl Into<String>) -> BackendError {
    BackendError::new(ErrorKind::NotFound, message)
}

impl MockBackend {
    pub fn new(options: MockOptions) -> Self {
        let mut account = fixtures::seed(options.scale);
        let copies = copy::CopyBook::new(&account);
        let batch = batch::BatchBook::seeded(&mut account);
        MockBackend {
            options,
            state: Mutex::new(State {
                account,
                faults: FaultPlan::default(),
                calls: Vec::new(),
                restores: restore::RestoreBook::default(),
                restore_requests: Vec::new(),
                copies,
                copy_requests: Vec::new(),
                vault_tokens: Tokens::default(),
                plan_tokens: Tokens::default(),
                batch,
                backups: backups::BackupBook::default(),
                ids: Rng::new(IDS_SEED),
            }),
        }
    }

    /// Makes the next call of `op` fail with `fault`, `times` times.
    pub fn fail_next(&self, op: Operation, fault: Fault, times: usize) {
        self.lock().faults.push(FaultRule {
            op,
            page: None,
            fault,
            remaining: times,
        });
    }

    /// Makes the call for page `page` (0 = first) of `op` fail once: a failure mid-pagination.
    pub fn fail_on_page(&self, op: Operation, page: usize, fault: Fault) {
        self.lock().faults.push(FaultRule {
            op,
            page: Some(page),
            fault,
            remaining: 1,
        });
    }

    /// Every call received so far, in order.
    pub fn calls(&self) -> Vec<Call> {
        self.lock().calls.clone()
    }

    /// Every StartRestoreJob request received so far, in order.
    pub fn restore_requests(&self) -> Vec<RestoreRequest> {
        self.lock().restore_requests.clone()
    }

    /// Every StartCopyJob request that reached the account so far, in order.
    pub fn copy_requests(&self) -> Vec<CopyRequest> {
        self.lock().copy_requests.clone()
    }

    /// A change to the account: refused under `--read-only` before anything is sent, else
    /// recorded with faults and latency applied like any call.
    async fn write<T>(
        &self,
        op: Operation,
        region: &str,
        target: Option<&str>,
        apply: impl FnOnce(&mut State) -> Result<T, BackendError>,
    ) -> Result<T, BackendError> {
        if self.options.read_only {
            return Err(BackendError::read_only(&format!("{op:?}")));
        }
        self.delay().await;
        self.begin(op, region, target, None)?;
        let mut state = self.lock();
        apply(&mut state)
    }

    /// A one-shot read of the account: records the call, applies faults and latency.
    async fn read<T>(
        &self,
        op: Operation,
        region: &str,
        target: Option<&str>,
        select: impl FnOnce(&mut Account) -> Result<T, BackendError>,
    ) -> Result<T, BackendError> {
        self.delay().await;
        self.begin(op, region, target, None)?;
        let mut state = self.lock();
        select(&mut state.account)
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock cannot leave the account half-written (every write is
        // a single push), so a poisoned lock is still safe to use.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Records the call, applies a planned fault, and returns the page index of `token`.
    fn begin(
        &self,
        op: Operation,
        region: &str,
        target: Option<&str>,
        token: Option<&str>,
    ) -> Result<usize, BackendError> {
        let offset = parse_token(token)?;
        let page = offset / self.options.page_size.max(1);
        let mut state = self.lock();
        state.calls.push(Call {
            op,
            region: region.to_string(),
            target: target.map(str::to_string),
            page,
        });
        if let Some(fault) = state.faults.take(op, page) {
            return Err(fault.to_error(op));
        }
        Ok(offset)
    }

    async fn delay(&self) {
        if !self.options.latency.is_zero() {
            tokio::time::sleep(self.options.latency).await;
        }
    }

    /// One page of `items` starting at `offset`.
    fn page_of<T>(&self, items: impl Iterator<Item = T>, offset: usize) -> Page<T> {
        let size = self.options.page_size.max(1);
        let mut items = items.skip(offset);
        let page: Vec<T> = items.by_ref().take(size).collect();
        let next = items.next().map(|_| (offset + size).to_string());
        Page { items: page, next }
    }

    async fn list<R>(
        &self,
        op: Operation,
        region: &str,
        target: Option<&str>,
        token: Option<String>,
        select: impl FnOnce(&Account, usize) -> R,
    ) -> Result<R, BackendError> {
        self.delay().await;
        let offset = self.begin(op, region, target, token.as_deref())?;
        let state = self.lock();
        Ok(select(&state.account, offset))
    }
}

fn parse_token(token: Option<&str>) -> Result<usize, BackendError> {
    match token {
        None => Ok(0),
        Some(t) => t.parse().map_err(|_| {
            BackendError::new(ErrorKind::InvalidInput, format!("Invalid NextToken: {t}"))
        }),
    }
}

impl BackupBackend for MockBackend {
    fn account(&self) -> AccountInfo {
        AccountInfo {
            mode: Mode::Demo,
            account_id: ACCOUNT_ID.to_string(),
            profile: "demo".to_string(),
            env_keys: false,
            read_only: self.options.read_only,
        }
    }

    fn caller_identity(&self) -> BackendFuture<'_, CallerIdentity> {
        Box::pin(
            self.read(Operation::GetCallerIdentity, "global", None, |_| {
                Ok(CallerIdentity {
                    account_id: ACCOUNT_ID.to_string(),
                    arn: format!("arn:aws:iam::{ACCOUNT_ID}:user/demo"),
                })
            }),
        )
    }

    fn list_protected_resources<'a>(
        &'a self,
        region: &'a str,
    ) -> PageStream<'a, ProtectedResource> {
        token_pages(move |token| self.list_protected_resources_page(region, token))
    }

    fn list_recovery_points_by_resource<'a>(
        &'a self,
        region: &'a str,
        resource_arn: &'a str,
    ) -> PageStream<'a, RecoveryPoint> {
        token_pages(move |token| {
            self.list_recovery_points_by_resource_page(region, resource_arn, token)
        })
    }

    fn list_backup_vaults<'a>(&'a self, region: &'a str) -> PageStream<'a, BackupVault> {
        token_pages(move |token| self.list_backup_vaults_page(region, token))
    }

    fn list_recovery_points_by_vault<'a>(
        &'a self,
        region: &'a str,
        vault_name: &'a str,
    ) -> PageStream<'a, RecoveryPoint> {
        token_pages(move |token| self.list_recovery_points_by_vault_page(region, vault_name, token))
    }

    fn list_backup_jobs<'a>(&'a self, region: &'a str) -> PageStream<'a, BackupJob> {
        token_pages(move |token| self.list_backup_jobs_page(region, token))
    }

    fn list_restore_jobs<'a>(&'a self, region: &'a str) -> PageStream<'a, RestoreJob> {
        token_pages(move |token| self.list_restore_jobs_page(region, token))
    }

    fn list_copy_jobs<'a>(&'a self, region: &'a str) -> PageStream<'a, CopyJob> {
        token_pages(move |token| self.list_copy_jobs_page(region, token))
    }

    fn describe_recovery_point<'a>(
        &'a self,
        region: &'a str,
        vault_name: &'a str,
        recovery_point_arn: &'a str,
    ) -> BackendFuture<'a, RecoveryPoint> {
        Box::pin(async move {
            self.delay().await;
            self.begin(
                Operation::DescribeRecoveryPoint,
                region,
                Some(recovery_point_arn),
                None,
            )?;
            let state = self.lock();
            state
                .account
                .region(region)
                .recovery_points
                .iter()
                .find(|rp| &*rp.arn == recovery_point_arn && &*rp.vault_name == vault_name)
                .cloned()
                .ok_or_else(|| {
                    BackendError::new(
                        ErrorKind::NotFound,
                        format!("Recovery point {recovery_point_arn} not found in {vault_name}"),
                    )
                })
        })
    }

    fn get_restore_metadata<'a>(
        &'a self,
        region: &'a str,
        vault_name: &'a str,
        recovery_point_arn: &'a str,
    ) -> BackendFuture<'a, BTreeMap<String, String>> {
        Box::pin(self.read(
            Operation::GetRecoveryPointRestoreMetadata,
            region,
            Some(recovery_point_arn),
            move |account| {
                account
                    .region(region)
                    .recovery_points
                    .iter()
                    .find(|rp| &*rp.arn == recovery_point_arn && &*rp.vault_name == vault_name)
                    .map(|rp| fixtures::restore_metadata(rp, region))
                    .ok_or_else(|| {
                        BackendError::new(
                            ErrorKind::NotFound,
                            format!(
                                "Recovery point {recovery_point_arn} not found in {vault_name}"
                            ),
                        )
                    })
            },
        ))
    }

    fn list_buckets<'a>(&'a self, region: &'a str) -> PageStream<'a, Bucket> {
        token_pages(move |token| {
            self.list(Operation::ListBuckets, region, None, token, move |a, o| {
                self.page_of(a.region(region).buckets.iter().map(|b| s3::listed(a, b)), o)
            })
        })
    }

    fn list_kms_keys<'a>(&'a self, region: &'a str) -> PageStream<'a, KmsKey> {
        token_pages(move |token| {
            self.list(Operation::ListKeys, region, None, token, move |a, o| {
                self.page_of(a.region(region).kms_keys.iter().cloned(), o)
            })
        })
    }

    fn list_iam_roles(&self) -> PageStream<'_, IamRole> {
        token_pages(move |token| {
            self.list(Operation::ListRoles, "global", None, token, move |a, o| {
                self.page_of(a.roles.iter().cloned(), o)
            })
        })
    }

    fn list_tables<'a>(&'a self, region: &'a str) -> PageStream<'a, String> {
        token_pages(move |token| {
            self.list(Operation::ListTables, region, None, token, move |a, o| {
                self.page_of(a.region(region).tables.iter().cloned(), o)
            })
        })
    }

    fn start_restore_job<'a>(&'a self, request: &'a RestoreRequest) -> BackendFuture<'a, String> {
        Box::pin(async move {
            if self.options.read_only {
                return Err(BackendError::read_only("StartRestoreJob"));
            }
            self.delay().await;
            self.lock().restore_requests.push(request.clone());
            self.begin(
                Operation::StartRestoreJob,
                &request.region,
                Some(&request.recovery_point_arn),
                None,
            )?;
            let mut state = self.lock();
            let State {
                account, restores, ..
            } = &mut *state;
            restore::start(account, restores, request)
        })
    }

    fn describe_restore_job<'a>(
        &'a self,
        region: &'a str,
        job_id: &'a str,
    ) -> BackendFuture<'a, RestoreJob> {
        Box::pin(async move {
            self.delay().await;
            self.begin(Operation::DescribeRestoreJob, region, Some(job_id), None)?;
            let mut state = self.lock();
            let State {
                account, restores, ..
            } = &mut *state;
            restore::describe(account, restores, region, job_id)
        })
    }

    fn create_backup_vault<'a>(&'a self, request: &'a VaultRequest) -> BackendFuture<'a, String> {
        Box::pin(self.write(
            Operation::CreateBackupVault,
            &request.region,
            Some(&request.name),
            move |state| {
                let State {
                    account,
                    vault_tokens,
                    ids,
                    ..
                } = state;
                vaults::create(account, vault_tokens, ids, request)
            },
        ))
    }

    fn start_copy_job<'a>(&'a self, request: &'a CopyRequest) -> BackendFuture<'a, String> {
        Box::pin(self.write(
            Operation::StartCopyJob,
            &request.region,
            Some(&request.recovery_point_arn),
            move |state| {
                state.copy_requests.push(request.clone());
                let State {
                    account,
                    copies,
                    ids,
                    ..
                } = state;
                copy::start(account, copies, ids, request)
            },
        ))
    }

    fn describe_backup_job<'a>(
        &'a self,
        region: &'a str,
        job_id: &'a str,
    ) -> BackendFuture<'a, BackupJob> {
        Box::pin(async move {
            self.delay().await;
            self.begin(Operation::DescribeBackupJob, region, Some(job_id), None)?;
            let mut state = self.lock();
            let State {
                account,
                backups,
                ids,
                ..
            } = &mut *state;
            backups::describe(account, backups, ids, region, job_id)
        })
    }

    fn describe_copy_job<'a>(
        &'a self,
        region: &'a str,
        job_id: &'a str,
    ) -> BackendFuture<'a, CopyJob> {
        Box::pin(async move {
            self.delay().await;
            self.begin(Operation::DescribeCopyJob, region, Some(job_id), None)?;
            let mut state = self.lock();
            let State {
                account,
                copies,
                ids,
                ..
            } = &mut *state;
            copy::describe(account, copies, ids, region, job_id)
        })
    }

    fn list_backup_plans<'a>(&'a self, region: &'a str) -> PageStream<'a, BackupPlan> {
        token_pages(move |token| self.list_backup_plans_page(region, token))
    }

    fn get_backup_plan<'a>(
        &'a self,
        region: &'a str,
        plan_id: &'a str,
    ) -> BackendFuture<'a, PlanDetails> {
        Box::pin(
            self.read(Operation::GetBackupPlan, region, Some(plan_id), move |a| {
                plans::get(a, region, plan_id)
            }),
        )
    }

    fn create_backup_plan<'a>(&'a self, request: &'a PlanRequest) -> BackendFuture<'a, String> {
        Box::pin(self.write(
            Operation::CreateBackupPlan,
            &request.region,
            Some(&request.name),
            move |state| {
                let State {
                    account,
                    plan_tokens,
                    ids,
                    ..
                } = state;
                plans::create(account, plan_tokens, ids, request)
            },
        ))
    }

    fn describe_region_settings<'a>(
        &'a self,
        region: &'a str,
    ) -> BackendFuture<'a, RegionSettings> {
        Box::pin(
            self.read(Operation::DescribeRegionSettings, region, None, move |a| {
                Ok(settings::describe(a, region))
            }),
        )
    }

    fn update_region_settings<'a>(&'a self, request: &'a SettingsRequest) -> BackendFuture<'a, ()> {
        Box::pin(self.write(
            Operation::UpdateRegionSettings,
            &request.region,
            None,
            move |state| settings::update(&mut state.account, request),
        ))
    }
    fn get_bucket_replication<'a>(
        &'a self,
        region: &'a str,
        bucket: &'a str,
    ) -> BackendFuture<'a, Option<ReplicationConfig>> {
        Box::pin(self.read(
            Operation::GetBucketReplication,
            region,
            Some(bucket),
            move |a| s3::get_replication(a, region, bucket),
        ))
    }

    fn create_bucket<'a>(&'a self, request: &'a BucketRequest) -> BackendFuture<'a, String> {
        Box::pin(self.write(
            Operation::CreateBucket,
            &request.region,
            Some(&request.name),
            move |state| s3::create_bucket(&mut state.account, request),
        ))
    }

    fn put_bucket_versioning<'a>(
        &'a self,
        request: &'a VersioningRequest,
    ) -> BackendFuture<'a, ()> {
        Box::pin(self.write(
            Operation::PutBucketVersioning,
            &request.region,
            Some(&request.bucket),
            move |state| s3::enable_versioning(&mut state.account, request),
        ))
    }

    fn put_bucket_replication<'a>(
        &'a self,
        request: &'a ReplicationRequest,
    ) -> BackendFuture<'a, ()> {
        Box::pin(self.write(
            Operation::PutBucketReplication,
            &request.region,
            Some(&request.bucket),
            move |state| s3::put_replication(&mut state.account, request),
        ))
    }

    fn list_batch_jobs<'a>(&'a self, region: &'a str) -> PageStream<'a, BatchJob> {
        token_pages(move |token| async move {
            self.delay().await;
            let offset = self.begin(Operation::ListJobs, region, None, token.as_deref())?;
            let mut state = self.lock();
            let State { account, batch, .. } = &mut *state;
            // Listing the Region's jobs is how the console follows them: a poll of each.
            if offset == 0 {
                batch.poll_region(account, region);
            }
            Ok(self.page_of(batch.list(region).into_iter(), offset))
        })
    }

    fn describe_batch_job<'a>(
        &'a self,
        region: &'a str,
        job_id: &'a str,
    ) -> BackendFuture<'a, BatchJob> {
        Box::pin(async move {
            self.delay().await;
            self.begin(Operation::DescribeJob, region, Some(job_id), None)?;
            let mut state = self.lock();
            let State { account, batch, .. } = &mut *state;
            batch.poll(account, region, job_id)
        })
    }

    fn create_batch_job<'a>(&'a self, request: &'a BatchJobRequest) -> BackendFuture<'a, String> {
        Box::pin(self.write(
            Operation::CreateJob,
            &request.region,
            Some(&request.source_bucket),
            move |state| state.batch.create(&state.account, request),
        ))
    }

    fn update_batch_job<'a>(&'a self, request: &'a JobUpdateRequest) -> BackendFuture<'a, ()> {
        let op = match request.change {
            JobChange::Priority(_) => Operation::UpdateJobPriority,
            JobChange::Confirm | JobChange::Cancel => Operation::UpdateJobStatus,
        };
        Box::pin(
            self.write(op, &request.region, Some(&request.job_id), move |state| {
                state.batch.update(request)
            }),
        )
    }

    fn get_completion_report<'a>(
        &'a self,
        query: &'a ReportQuery,
    ) -> BackendFuture<'a, Vec<ReportRow>> {
        Box::pin(async move {
            self.delay().await;
            self.begin(
                Operation::GetObject,
                &query.region,
                Some(&query.target.bucket),
                None,
            )?;
            self.lock().batch.report(query)
        })
    }

    fn create_role<'a>(&'a self, request: &'a RoleRequest) -> BackendFuture<'a, String> {
        Box::pin(self.write(
            Operation::CreateRole,
            "global",
            Some(&request.name),
            move |state| roles::create(&mut state.account, request),
        ))
    }

    fn put_role_policy<'a>(&'a self, request: &'a RolePolicyRequest) -> BackendFuture<'a, ()> {
        Box::pin(self.write(
            Operation::PutRolePolicy,
            "global",
            Some(&request.role_name),
            move |state| roles::put_policy(&state.account, request),
        ))
    }

    fn start_backup_job<'a>(&'a self, request: &'a BackupRequest) -> BackendFuture<'a, String> {
        Box::pin(self.write(
            Operation::StartBackupJob,
            &request.region,
            Some(&request.resource_arn),
            move |state| {
                let State {
                    account,
                    backups,
                    ids,
                    ..
                } = state;
                backups::start(account, backups, ids, request)
            },
        ))
    }

    fn delete_recovery_point<'a>(&'a self, request: &'a DeleteRequest) -> BackendFuture<'a, ()> {
        Box::pin(self.write(
            Operation::DeleteRecoveryPoint,
            &request.region,
            Some(&request.recovery_point_arn),
            move |state| deletes::delete(&mut state.account, request),
        ))
    }

    fn update_backup_plan<'a>(
        &'a self,
        request: &'a PlanUpdateRequest,
    ) -> BackendFuture<'a, String> {
        Box::pin(self.write(
            Operation::UpdateBackupPlan,
            &request.region,
            Some(&request.plan_id),
            move |state| {
                let State { account, ids, .. } = state;
                plans::update(account, ids, request)
            },
        ))
    }
}

#[cfg(test)]
mod tests;
