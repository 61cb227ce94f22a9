//! Each `BackupBackend` operation as one AWS call (or a paged listing): the client of the
//! request's Region, the request built by `calls`, the answer turned into domain types by
//! `convert`, a failure classified by `errors`.

use super::errors::{self, Op};
use super::pages::{page, sdk_pages};
use super::{AwsBackend, PAGE_SIZE, batch, buckets, calls, convert, keys};
use crate::backend::{
    AccountInfo, BackendError, BackendFuture, BackupBackend, CallerIdentity, ErrorKind, Mode,
    PageStream,
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
use std::collections::BTreeMap;

const LIST_PROTECTED_RESOURCES: Op = Op::new("backup", "ListProtectedResources");
const LIST_POINTS_BY_RESOURCE: Op = Op::new("backup", "ListRecoveryPointsByResource");
const LIST_POINTS_BY_VAULT: Op = Op::new("backup", "ListRecoveryPointsByBackupVault");
const LIST_VAULTS: Op = Op::new("backup", "ListBackupVaults");
const DESCRIBE_POINT: Op = Op::new("backup", "DescribeRecoveryPoint");
const LIST_BACKUP_JOBS: Op = Op::new("backup", "ListBackupJobs");
const LIST_RESTORE_JOBS: Op = Op::new("backup", "ListRestoreJobs");
const LIST_COPY_JOBS: Op = Op::new("backup", "ListCopyJobs");
const RESTORE_METADATA: Op = Op::new("backup", "GetRecoveryPointRestoreMetadata");
const START_RESTORE: Op = Op::new("backup", "StartRestoreJob");
const DESCRIBE_BACKUP_JOB: Op = Op::new("backup", "DescribeBackupJob");
const DESCRIBE_RESTORE: Op = Op::new("backup", "DescribeRestoreJob");
const LIST_ROLES: Op = Op::new("iam", "ListRoles");
const LIST_TABLES: Op = Op::new("dynamodb", "ListTables");
const CALLER_IDENTITY: Op = Op::new("sts", "GetCallerIdentity");
const CREATE_VAULT: Op = Op::new("backup", "CreateBackupVault");
const START_COPY: Op = Op::new("backup", "StartCopyJob");
const DESCRIBE_COPY: Op = Op::new("backup", "DescribeCopyJob");
const LIST_PLANS: Op = Op::new("backup", "ListBackupPlans");
const GET_PLAN: Op = Op::new("backup", "GetBackupPlan");
const CREATE_PLAN: Op = Op::new("backup", "CreateBackupPlan");
const UPDATE_PLAN: Op = Op::new("backup", "UpdateBackupPlan");
const START_BACKUP: Op = Op::new("backup", "StartBackupJob");
const DELETE_POINT: Op = Op::new("backup", "DeleteRecoveryPoint");
const DESCRIBE_REGION_SETTINGS: Op = Op::new("backup", "DescribeRegionSettings");
const UPDATE_REGION_SETTINGS: Op = Op::new("backup", "UpdateRegionSettings");
const GET_REPLICATION: Op = Op::new("s3", "GetReplicationConfiguration");
const CREATE_BUCKET: Op = Op::new("s3", "CreateBucket");
const PUT_VERSIONING: Op = Op::new("s3", "PutBucketVersioning");
const PUT_REPLICATION: Op = Op::new("s3", "PutReplicationConfiguration");
const DESCRIBE_JOB: Op = Op::new("s3", "DescribeJob");
const CREATE_JOB: Op = Op::new("s3", "CreateJob");
const UPDATE_JOB_STATUS: Op = Op::new("s3", "UpdateJobStatus");
const UPDATE_JOB_PRIORITY: Op = Op::new("s3", "UpdateJobPriority");
const CREATE_ROLE: Op = Op::new("iam", "CreateRole");
const PUT_ROLE_POLICY: Op = Op::new("iam", "PutRolePolicy");

impl BackupBackend for AwsBackend {
    fn ready(&self) -> BackendFuture<'_, ()> {
        Box::pin(self.mfa_ready())
    }

    fn account(&self) -> AccountInfo {
        AccountInfo {
            mode: Mode::Aws,
            // Filled in by GetCallerIdentity once the app starts.
            account_id: String::new(),
            profile: self
                .caller
                .profile
                .clone()
                .unwrap_or_else(|| "default".to_string()),
            env_keys: self.caller.env_keys,
            read_only: self.read_only,
        }
    }

    fn caller_identity(&self) -> BackendFuture<'_, CallerIdentity> {
        Box::pin(async move {
            let sts = self.clients(&self.home_region()).sts;
            let out = sts
                .get_caller_identity()
                .send()
                .await
                .map_err(|e| self.fail(&self.home_region(), CALLER_IDENTITY, &e))?;
            Ok(CallerIdentity {
                account_id: out.account().unwrap_or_default().to_string(),
                arn: out.arn().unwrap_or_default().to_string(),
            })
        })
    }

    fn list_protected_resources<'a>(
        &'a self,
        region: &'a str,
    ) -> PageStream<'a, ProtectedResource> {
        let pages = self
            .clients(region)
            .backup
            .list_protected_resources()
            .max_results(PAGE_SIZE)
            .into_paginator()
            .send();
        sdk_pages(
            pages,
            LIST_PROTECTED_RESOURCES,
            self.caller_in(region),
            |out| {
                let items = out
                    .results()
                    .iter()
                    .map(convert::protected_resource)
                    .collect();
                page(items, out.next_token())
            },
        )
    }

    fn list_recovery_points_by_resource<'a>(
        &'a self,
        region: &'a str,
        resource_arn: &'a str,
    ) -> PageStream<'a, RecoveryPoint> {
        let pages = self
            .clients(region)
            .backup
            .list_recovery_points_by_resource()
            .resource_arn(resource_arn)
            .max_results(PAGE_SIZE)
            .into_paginator()
            .send();
        sdk_pages(
            pages,
            LIST_POINTS_BY_RESOURCE,
            self.caller_in(region),
            move |out| {
                let items = out
                    .recovery_points()
                    .iter()
                    .map(|p| convert::recovery_point_by_resource(p, resource_arn, region))
                    .collect();
                page(items, out.next_token())
            },
        )
    }

    fn list_backup_vaults<'a>(&'a self, region: &'a str) -> PageStream<'a, BackupVault> {
        let pages = self
            .clients(region)
            .backup
            .list_backup_vaults()
            .max_results(PAGE_SIZE)
            .into_paginator()
            .send();
        sdk_pages(pages, LIST_VAULTS, self.caller_in(region), move |out| {
            let items = out
                .backup_vault_list()
                .iter()
                .map(|v| convert::backup_vault(v, region))
                .collect();
            page(items, out.next_token())
        })
    }

    fn list_recovery_points_by_vault<'a>(
        &'a self,
        region: &'a str,
        vault_name: &'a str,
    ) -> PageStream<'a, RecoveryPoint> {
        let pages = self
            .clients(region)
            .backup
            .list_recovery_points_by_backup_vault()
            .backup_vault_name(vault_name)
            .max_results(PAGE_SIZE)
            .into_paginator()
            .send();
        sdk_pages(pages, LIST_POINTS_BY_VAULT, self.caller_in(region), |out| {
            let items = out
                .recovery_points()
                .iter()
                .map(convert::recovery_point_by_vault)
                .collect();
            page(items, out.next_token())
        })
    }

    fn describe_recovery_point<'a>(
        &'a self,
        region: &'a str,
        vault_name: &'a str,
        recovery_point_arn: &'a str,
    ) -> BackendFuture<'a, RecoveryPoint> {
        Box::pin(async move {
            let out = self
                .clients(region)
                .backup
                .describe_recovery_point()
                .backup_vault_name(vault_name)
                .recovery_point_arn(recovery_point_arn)
                .send()
                .await
                .map_err(|e| self.fail(region, DESCRIBE_POINT, &e))?;
            Ok(convert::described_recovery_point(&out))
        })
    }

    fn list_backup_jobs<'a>(&'a self, region: &'a str) -> PageStream<'a, BackupJob> {
        let pages = self
            .clients(region)
            .backup
            .list_backup_jobs()
            .max_results(PAGE_SIZE)
            .into_paginator()
            .send();
        sdk_pages(pages, LIST_BACKUP_JOBS, self.caller_in(region), |out| {
            let items = out.backup_jobs().iter().map(convert::backup_job).collect();
            page(items, out.next_token())
        })
    }

    fn list_restore_jobs<'a>(&'a self, region: &'a str) -> PageStream<'a, RestoreJob> {
        let pages = self
            .clients(region)
            .backup
            .list_restore_jobs()
            .max_results(PAGE_SIZE)
            .into_paginator()
            .send();
        sdk_pages(pages, LIST_RESTORE_JOBS, self.caller_in(region), |out| {
            let items = out
                .restore_jobs()
                .iter()
                .map(convert::listed_restore_job)
                .collect();
            page(items, out.next_token())
        })
    }

    fn list_copy_jobs<'a>(&'a self, region: &'a str) -> PageStream<'a, CopyJob> {
        let pages = self
            .clients(region)
            .backup
            .list_copy_jobs()
            .max_results(PAGE_SIZE)
            .into_paginator()
            .send();
        sdk_pages(pages, LIST_COPY_JOBS, self.caller_in(region), |out| {
            let items = out.copy_jobs().iter().map(convert::copy_job).collect();
            page(items, out.next_token())
        })
    }

    fn get_restore_metadata<'a>(
        &'a self,
        region: &'a str,
        vault_name: &'a str,
        recovery_point_arn: &'a str,
    ) -> BackendFuture<'a, BTreeMap<String, String>> {
        Box::pin(async move {
            let out = self
                .clients(region)
                .backup
                .get_recovery_point_restore_metadata()
                .backup_vault_name(vault_name)
                .recovery_point_arn(recovery_point_arn)
                .send()
                .await
                .map_err(|e| self.fail(region, RESTORE_METADATA, &e))?;
            Ok(out
                .restore_metadata()
                .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
                .unwrap_or_default())
        })
    }

    fn list_buckets<'a>(&'a self, region: &'a str) -> PageStream<'a, Bucket> {
        buckets::list(self.clients(region).s3, region, self.caller_in(region))
    }

    fn list_kms_keys<'a>(&'a self, region: &'a str) -> PageStream<'a, KmsKey> {
        keys::list(self.clients(region).kms, self.caller_in(region))
    }

    fn list_iam_roles(&self) -> PageStream<'_, IamRole> {
        let pages = self
            .iam
            .list_roles()
            .max_items(PAGE_SIZE)
            .into_paginator()
            .send();
        sdk_pages(pages, LIST_ROLES, self.caller_in(""), |out| {
            let items = out.roles().iter().map(convert::iam_role).collect();
            page(items, out.marker())
        })
    }

    fn list_tables<'a>(&'a self, region: &'a str) -> PageStream<'a, String> {
        let pages = self
            .clients(region)
            .dynamodb
            .list_tables()
            .limit(100)
            .into_paginator()
            .send();
        sdk_pages(pages, LIST_TABLES, self.caller_in(region), |out| {
            page(out.table_names().to_vec(), out.last_evaluated_table_name())
        })
    }

    fn start_restore_job<'a>(&'a self, request: &'a RestoreRequest) -> BackendFuture<'a, String> {
        Box::pin(async move {
            let client = self.clients(&request.region).backup;
            let out = calls::start_restore(&client, request)
                .send()
                .await
                .map_err(|e| self.fail(&request.region, START_RESTORE, &e))?;
            answered(out.restore_job_id(), "no job id")
        })
    }

    fn describe_restore_job<'a>(
        &'a self,
        region: &'a str,
        job_id: &'a str,
    ) -> BackendFuture<'a, RestoreJob> {
        Box::pin(async move {
            let out = self
                .clients(region)
                .backup
                .describe_restore_job()
                .restore_job_id(job_id)
                .send()
                .await
                .map_err(|e| self.fail(region, DESCRIBE_RESTORE, &e))?;
            Ok(convert::described_restore_job(&out))
        })
    }

    fn create_backup_vault<'a>(&'a self, request: &'a VaultRequest) -> BackendFuture<'a, String> {
        Box::pin(async move {
            let client = self.clients(&request.region).backup;
            let out = calls::create_vault(&client, request)
                .send()
                .await
                .map_err(|e| self.fail(&request.region, CREATE_VAULT, &e))?;
            answered(out.backup_vault_arn(), "no vault ARN")
        })
    }

    fn start_copy_job<'a>(&'a self, request: &'a CopyRequest) -> BackendFuture<'a, String> {
        Box::pin(async move {
            let client = self.clients(&request.region).backup;
            let out = calls::start_copy(&client, request)
                .send()
                .await
                .map_err(|e| self.fail(&request.region, START_COPY, &e))?;
            answered(out.copy_job_id(), "no job id")
        })
    }

    fn describe_backup_job<'a>(
        &'a self,
        region: &'a str,
        job_id: &'a str,
    ) -> BackendFuture<'a, BackupJob> {
        Box::pin(async move {
            let out = self
                .clients(region)
                .backup
                .describe_backup_job()
                .backup_job_id(job_id)
                .send()
                .await
                .map_err(|e| self.fail(region, DESCRIBE_BACKUP_JOB, &e))?;
            Ok(convert::described_backup_job(&out))
        })
    }

    fn describe_copy_job<'a>(
        &'a self,
        region: &'a str,
        job_id: &'a str,
    ) -> BackendFuture<'a, CopyJob> {
        Box::pin(async move {
            let out = self
                .clients(region)
                .backup
                .describe_copy_job()
                .copy_job_id(job_id)
                .send()
                .await
                .map_err(|e| self.fail(region, DESCRIBE_COPY, &e))?;
            out.copy_job()
                .map(convert::copy_job)
                .ok_or_else(|| BackendError::new(ErrorKind::Service, "AWS described no copy job"))
        })
    }

    fn list_backup_plans<'a>(&'a self, region: &'a str) -> PageStream<'a, BackupPlan> {
        let pages = self
            .clients(region)
            .backup
            .list_backup_plans()
            .include_deleted(false)
            .max_results(PAGE_SIZE)
            .into_paginator()
            .send();
        sdk_pages(pages, LIST_PLANS, self.caller_in(region), |out| {
            let items = out
                .backup_plans_list()
                .iter()
                .map(convert::backup_plan)
                .collect();
            page(items, out.next_token())
        })
    }

    fn get_backup_plan<'a>(
        &'a self,
        region: &'a str,
        plan_id: &'a str,
    ) -> BackendFuture<'a, PlanDetails> {
        Box::pin(async move {
            let out = self
                .clients(region)
                .backup
                .get_backup_plan()
                .backup_plan_id(plan_id)
                .send()
                .await
                .map_err(|e| self.fail(region, GET_PLAN, &e))?;
            Ok(convert::plan_details(&out))
        })
    }

    fn create_backup_plan<'a>(&'a self, request: &'a PlanRequest) -> BackendFuture<'a, String> {
        Box::pin(async move {
            let client = self.clients(&request.region).backup;
            let call = calls::create_plan(&client, request)
                .map_err(|e| errors::not_built(CREATE_PLAN, &e))?;
            let out = call
                .send()
                .await
                .map_err(|e| self.fail(&request.region, CREATE_PLAN, &e))?;
            answered(out.backup_plan_id(), "no plan id")
        })
    }

    fn describe_region_settings<'a>(
        &'a self,
        region: &'a str,
    ) -> BackendFuture<'a, RegionSettings> {
        Box::pin(async move {
            let out = self
                .clients(region)
                .backup
                .describe_region_settings()
                .send()
                .await
                .map_err(|e| self.fail(region, DESCRIBE_REGION_SETTINGS, &e))?;
            Ok(convert::region_settings(region, &out))
        })
    }

    fn update_region_settings<'a>(&'a self, request: &'a SettingsRequest) -> BackendFuture<'a, ()> {
        Box::pin(async move {
            let client = self.clients(&request.region).backup;
            calls::update_region_settings(&client, request)
                .send()
                .await
                .map_err(|e| self.fail(&request.region, UPDATE_REGION_SETTINGS, &e))?;
            Ok(())
        })
    }

    fn get_bucket_replication<'a>(
        &'a self,
        region: &'a str,
        bucket: &'a str,
    ) -> BackendFuture<'a, Option<ReplicationConfig>> {
        Box::pin(async move {
            let answer = self
                .clients(region)
                .s3
                .get_bucket_replication()
                .bucket(bucket)
                .send()
                .await;
            match answer {
                Ok(out) => Ok(out
                    .replication_configuration()
                    .map(convert::replication_config)),
                Err(e) if buckets::has_no_replication(&e) => Ok(None),
                Err(e) => Err(self.fail(region, GET_REPLICATION, &e)),
            }
        })
    }

    fn create_bucket<'a>(&'a self, request: &'a BucketRequest) -> BackendFuture<'a, String> {
        Box::pin(async move {
            let client = self.clients(&request.region).s3;
            calls::create_bucket(&client, request)
                .send()
                .await
                .map_err(|e| self.fail(&request.region, CREATE_BUCKET, &e))?;
            Ok(request.name.clone())
        })
    }

    fn put_bucket_versioning<'a>(
        &'a self,
        request: &'a VersioningRequest,
    ) -> BackendFuture<'a, ()> {
        Box::pin(async move {
            let client = self.clients(&request.region).s3;
            calls::enable_versioning(&client, request)
                .send()
                .await
                .map_err(|e| self.fail(&request.region, PUT_VERSIONING, &e))?;
            Ok(())
        })
    }

    fn put_bucket_replication<'a>(
        &'a self,
        request: &'a ReplicationRequest,
    ) -> BackendFuture<'a, ()> {
        Box::pin(async move {
            let client = self.clients(&request.region).s3;
            let call = calls::put_replication(&client, request)
                .map_err(|e| errors::not_built(PUT_REPLICATION, &e))?;
            call.send()
                .await
                .map_err(|e| self.fail(&request.region, PUT_REPLICATION, &e))?;
            Ok(())
        })
    }

    fn list_batch_jobs<'a>(&'a self, region: &'a str) -> PageStream<'a, BatchJob> {
        batch::list(
            self.clients(region).s3control,
            Box::pin(self.account_id()),
            self.caller_in(region),
        )
    }

    fn describe_batch_job<'a>(
        &'a self,
        region: &'a str,
        job_id: &'a str,
    ) -> BackendFuture<'a, BatchJob> {
        Box::pin(async move {
            let account = self.account_id().await?;
            let out = self
                .clients(region)
                .s3control
                .describe_job()
                .account_id(account)
                .job_id(job_id)
                .send()
                .await
                .map_err(|e| self.fail(region, DESCRIBE_JOB, &e))?;
            out.job()
                .map(convert::described_job)
                .ok_or_else(|| BackendError::new(ErrorKind::Service, "AWS described no job"))
        })
    }

    fn create_batch_job<'a>(&'a self, request: &'a BatchJobRequest) -> BackendFuture<'a, String> {
        Box::pin(async move {
            let account = self.account_or_caller(&request.account_id).await?;
            let client = self.clients(&request.region).s3control;
            let call = calls::create_job(&client, request, &account)
                .map_err(|e| errors::not_built(CREATE_JOB, &e))?;
            let out = call
                .send()
                .await
                .map_err(|e| self.fail(&request.region, CREATE_JOB, &e))?;
            answered(out.job_id(), "no job id")
        })
    }

    fn update_batch_job<'a>(&'a self, request: &'a JobUpdateRequest) -> BackendFuture<'a, ()> {
        Box::pin(async move {
            let account = self.account_or_caller(&request.account_id).await?;
            let client = self.clients(&request.region).s3control;
            let job = &request.job_id;
            match request.change {
                JobChange::Confirm | JobChange::Cancel => {
                    let confirm = request.change == JobChange::Confirm;
                    calls::update_status(&client, &account, job, confirm)
                        .send()
                        .await
                        .map_err(|e| self.fail(&request.region, UPDATE_JOB_STATUS, &e))?;
                }
                JobChange::Priority(priority) => {
                    calls::update_priority(&client, &account, job, priority)
                        .send()
                        .await
                        .map_err(|e| self.fail(&request.region, UPDATE_JOB_PRIORITY, &e))?;
                }
            }
            Ok(())
        })
    }

    fn get_completion_report<'a>(
        &'a self,
        query: &'a ReportQuery,
    ) -> BackendFuture<'a, Vec<ReportRow>> {
        Box::pin(async move {
            let s3 = self.clients(&query.region).s3;
            batch::read_report(&s3, query, &self.caller).await
        })
    }

    fn create_role<'a>(&'a self, request: &'a RoleRequest) -> BackendFuture<'a, String> {
        Box::pin(async move {
            // IAM is global: the one client, whatever the request's Region.
            let out = self
                .iam
                .create_role()
                .role_name(&request.name)
                .path(&request.path)
                .description(&request.description)
                .assume_role_policy_document(request.trust_policy())
                .send()
                .await
                .map_err(|e| self.fail("", CREATE_ROLE, &e))?;
            Ok(out.role().map(|r| r.arn().to_string()).unwrap_or_default())
        })
    }

    fn put_role_policy<'a>(&'a self, request: &'a RolePolicyRequest) -> BackendFuture<'a, ()> {
        Box::pin(async move {
            self.iam
                .put_role_policy()
                .role_name(&request.role_name)
                .policy_name(&request.policy_name)
                .policy_document(request.policy())
                .send()
                .await
                .map_err(|e| self.fail("", PUT_ROLE_POLICY, &e))?;
            Ok(())
        })
    }

    fn start_backup_job<'a>(&'a self, request: &'a BackupRequest) -> BackendFuture<'a, String> {
        Box::pin(async move {
            let client = self.clients(&request.region).backup;
            let out = calls::start_backup(&client, request)
                .send()
                .await
                .map_err(|e| self.fail(&request.region, START_BACKUP, &e))?;
            answered(out.backup_job_id(), "no job id")
        })
    }

    fn delete_recovery_point<'a>(&'a self, request: &'a DeleteRequest) -> BackendFuture<'a, ()> {
        Box::pin(async move {
            let client = self.clients(&request.region).backup;
            calls::delete_point(&client, request)
                .send()
                .await
                .map_err(|e| self.fail(&request.region, DELETE_POINT, &e))?;
            Ok(())
        })
    }

    fn update_backup_plan<'a>(
        &'a self,
        request: &'a PlanUpdateRequest,
    ) -> BackendFuture<'a, String> {
        Box::pin(async move {
            let client = self.clients(&request.region).backup;
            let call = calls::update_plan(&client, request)
                .map_err(|e| errors::not_built(UPDATE_PLAN, &e))?;
            let out = call
                .send()
                .await
                .map_err(|e| self.fail(&request.region, UPDATE_PLAN, &e))?;
            answered(out.version_id(), "no version id")
        })
    }
}

/// The id a write call answered with; AWS always sends it, so its absence is a service fault.
fn answered(id: Option<&str>, missing: &str) -> Result<String, BackendError> {
    id.filter(|id| !id.is_empty())
        .map(str::to_string)
        .ok_or_else(|| BackendError::new(ErrorKind::Service, format!("AWS returned {missing}")))
}
