//! The real AWS backend: `BackupBackend` on the AWS SDK for Rust. SDK types never leave
//! this module: answers cross the boundary through `convert`, changes through `calls`.

mod batch;
mod buckets;
mod calls;
mod convert;
mod endpoint;
mod errors;
mod guard;
mod keys;
mod mfa;
mod pages;
mod report;

pub use guard::{READ_ONLY_ALLOWLIST, read_only_allows};

use super::{
    AccountInfo, BackendError, BackendEvent, BackendFuture, BackupBackend, CallerIdentity,
    ErrorKind, Mode, PageStream,
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
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::provider::ProvideCredentials;
use aws_smithy_runtime_api::client::interceptors::SharedInterceptor;
use aws_smithy_runtime_api::http::Response;
use aws_smithy_types::retry::RetryConfig;
use errors::{Caller, Op, classify};
use pages::{page, sdk_pages};
use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;
use std::time::Duration;
use tokio::sync::mpsc::UnboundedSender;

/// Items asked for per page: small enough that the first rows show quickly on a slow link,
/// at least 20 (RDS's minimum for ListRecoveryPointsByResource).
const PAGE_SIZE: i32 = 200;

/// How to reach AWS: profile, Region, endpoint, and how hard to retry.
#[derive(Debug, Clone)]
pub struct AwsSettings {
    /// `--profile` / `AWS_PROFILE`; `None` uses the SDK's default chain.
    pub profile: Option<String>,
    /// The profile was named on the command line: as with the AWS CLI's `--profile`, its
    /// credentials then win over keys in the environment (`AWS_PROFILE` does not).
    pub profile_from_command_line: bool,
    pub region: String,
    /// `--endpoint-url` (`AWS_ENDPOINT_URL` is read by the SDK itself).
    pub endpoint_url: Option<String>,
    pub read_only: bool,
    /// Attempts per call when AWS throttles or fails transiently (the SDK backs off between).
    pub max_attempts: u32,
    pub initial_backoff: Duration,
}

impl AwsSettings {
    pub fn new(region: &str) -> AwsSettings {
        AwsSettings {
            profile: None,
            profile_from_command_line: false,
            region: region.to_string(),
            endpoint_url: None,
            read_only: false,
            max_attempts: 5,
            initial_backoff: Duration::from_secs(1),
        }
    }
}

/// The Region the profile names (`region` in the shared config), if any.
pub async fn profile_region(profile: Option<&str>) -> Option<String> {
    use aws_config::meta::region::ProvideRegion;
    let mut builder = aws_config::profile::ProfileFileRegionProvider::builder();
    if let Some(p) = profile {
        builder = builder.profile_name(p);
    }
    builder.build().region().await.map(|r| r.to_string())
}

/// The clients of one Region.
#[derive(Clone)]
struct Regional {
    backup: aws_sdk_backup::Client,
    s3: aws_sdk_s3::Client,
    kms: aws_sdk_kms::Client,
    dynamodb: aws_sdk_dynamodb::Client,
    sts: aws_sdk_sts::Client,
    s3control: aws_sdk_s3control::Client,
}

/// A real AWS account, through one client per service and Region (made on first use, so
/// switching Region, or listing another Region's vaults, just picks other clients).
pub struct AwsBackend {
    base: SdkConfig,
    caller: Caller,
    read_only: bool,
    /// S3 through a custom endpoint (an emulator) needs path-style addressing.
    path_style: bool,
    /// The MFA prompt when the profile's role needs one: credentials wait for it.
    needs_mfa: bool,
    interceptors: Vec<SharedInterceptor>,
    regional: Mutex<HashMap<String, Regional>>,
    iam: aws_sdk_iam::Client,
    /// The account id from STS, asked once: S3 Control names the account in every call.
    account_id: tokio::sync::OnceCell<String>,
}

impl AwsBackend {
    /// Loads the configuration as the AWS CLI does (environment, shared config and
    /// credentials files, SSO, assume-role, credential_process, instance metadata).
    /// `events` carries throttling notices and MFA prompts to the screen.
    pub async fn connect(
        settings: AwsSettings,
        events: UnboundedSender<BackendEvent>,
    ) -> AwsBackend {
        let retry = RetryConfig::standard()
            .with_max_attempts(settings.max_attempts)
            .with_initial_backoff(settings.initial_backoff);
        let mut loader = aws_config::defaults(BehaviorVersion::latest())
            .region(Region::new(settings.region.clone()))
            .retry_config(retry);
        if let Some(profile) = &settings.profile {
            loader = loader.profile_name(profile);
        }
        if let Some(url) = &settings.endpoint_url {
            loader = loader.endpoint_url(url);
        }
        let selected = settings
            .profile
            .clone()
            .unwrap_or_else(|| "default".to_string());
        let profiles = aws_config::profile::load(
            &aws_types::os_shim_internal::Fs::real(),
            &aws_types::os_shim_internal::Env::real(),
            &Default::default(),
            Some(selected.clone().into()),
        )
        .await
        .ok();
        let mfa_role = profiles.as_ref().and_then(|p| mfa::mfa_role(p, &selected));
        let needs_mfa = mfa_role.is_some();
        if let Some(role) = mfa_role {
            // STS is called with the source profile's own credentials.
            let source = mfa::source_credentials(role.source_profile.as_deref(), &settings.region);
            let mut sts_loader = aws_config::defaults(BehaviorVersion::latest())
                .region(Region::new(settings.region.clone()))
                .credentials_provider(source);
            if let Some(url) = &settings.endpoint_url {
                sts_loader = sts_loader.endpoint_url(url);
            }
            let sts = aws_sdk_sts::Client::new(&sts_loader.load().await);
            loader =
                loader.credentials_provider(mfa::MfaRoleProvider::new(role, sts, events.clone()));
        } else if settings.profile_from_command_line
            && let Some(profile) = &settings.profile
        {
            loader = loader
                .credentials_provider(mfa::source_credentials(Some(profile), &settings.region));
        }
        let base = loader.load().await;
        let caller = Caller {
            profile: settings.profile.clone(),
            endpoint: None,
        };
        AwsBackend::from_config(base, caller, &settings, needs_mfa, events, Vec::new())
    }

    /// The backend over a configuration built by the caller (an endpoint, static keys, an
    /// HTTP client): for benchmarks and tests, which put SDK-level mocks or latency in
    /// `extra`, the interceptors every client gets. The program itself uses `connect`.
    pub fn over_config(
        base: SdkConfig,
        settings: &AwsSettings,
        events: UnboundedSender<BackendEvent>,
        extra: Vec<SharedInterceptor>,
    ) -> AwsBackend {
        let caller = Caller {
            profile: settings.profile.clone(),
            endpoint: None,
        };
        AwsBackend::from_config(base, caller, settings, false, events, extra)
    }

    /// The backend over an already loaded configuration; `extra` interceptors go on every
    /// client (tests put SDK-level mocks there).
    fn from_config(
        base: SdkConfig,
        caller: Caller,
        settings: &AwsSettings,
        needs_mfa: bool,
        events: UnboundedSender<BackendEvent>,
        extra: Vec<SharedInterceptor>,
    ) -> AwsBackend {
        let path_style =
            base.endpoint_url().is_some() || std::env::var_os("AWS_ENDPOINT_URL_S3").is_some();
        // The endpoint the clients really use (`--endpoint-url`, `AWS_ENDPOINT_URL`, a test's).
        let caller = Caller {
            endpoint: base.endpoint_url().map(str::to_string),
            ..caller
        };
        let mut interceptors = vec![SharedInterceptor::new(guard::ThrottleWatch {
            events,
            max_attempts: settings.max_attempts,
        })];
        if settings.read_only {
            interceptors.push(SharedInterceptor::new(guard::ReadOnlyGuard));
        }
        interceptors.extend(extra);
        let mut iam_conf = aws_sdk_iam::config::Builder::from(&base);
        for i in &interceptors {
            iam_conf.push_interceptor(i.clone());
        }
        AwsBackend {
            iam: aws_sdk_iam::Client::from_conf(iam_conf.build()),
            base,
            caller,
            read_only: settings.read_only,
            path_style,
            needs_mfa,
            interceptors,
            regional: Mutex::new(HashMap::new()),
            account_id: tokio::sync::OnceCell::new(),
        }
    }

    /// Whether credentials can be found at all. `Err` with `ErrorKind::Auth` means none are
    /// configured anywhere; an MFA profile is only checked once its code is typed.
    pub async fn check_credentials(&self) -> Result<(), BackendError> {
        if self.needs_mfa {
            return Ok(());
        }
        let Some(provider) = self.base.credentials_provider() else {
            return Err(BackendError::new(
                ErrorKind::Auth,
                "No AWS credentials provider is configured. Try `backup-tui --demo`.",
            ));
        };
        match tokio::time::timeout(Duration::from_secs(30), provider.provide_credentials()).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) => Err(errors::credentials_error(&e, &self.caller)),
            Err(_) => Err(BackendError::new(
                ErrorKind::Timeout,
                "Loading the AWS credentials took more than 30 s",
            )),
        }
    }

    /// The clients of `region`, made on first use.
    fn clients(&self, region: &str) -> Regional {
        let mut map = self.regional.lock().unwrap_or_else(|p| p.into_inner());
        map.entry(region.to_string())
            .or_insert_with(|| {
                let region = Region::new(region.to_string());
                let mut backup = aws_sdk_backup::config::Builder::from(&self.base);
                let mut s3 =
                    aws_sdk_s3::config::Builder::from(&self.base).force_path_style(self.path_style);
                let mut kms = aws_sdk_kms::config::Builder::from(&self.base);
                let mut dynamodb = aws_sdk_dynamodb::config::Builder::from(&self.base);
                let mut sts = aws_sdk_sts::config::Builder::from(&self.base);
                let mut s3control = aws_sdk_s3control::config::Builder::from(&self.base)
                    .endpoint_resolver(endpoint::ControlEndpoint::default());
                for i in &self.interceptors {
                    s3control.push_interceptor(i.clone());
                    backup.push_interceptor(i.clone());
                    s3.push_interceptor(i.clone());
                    kms.push_interceptor(i.clone());
                    dynamodb.push_interceptor(i.clone());
                    sts.push_interceptor(i.clone());
                }
                Regional {
                    backup: aws_sdk_backup::Client::from_conf(
                        backup.region(region.clone()).build(),
                    ),
                    s3: aws_sdk_s3::Client::from_conf(s3.region(region.clone()).build()),
                    kms: aws_sdk_kms::Client::from_conf(kms.region(region.clone()).build()),
                    dynamodb: aws_sdk_dynamodb::Client::from_conf(
                        dynamodb.region(region.clone()).build(),
                    ),
                    sts: aws_sdk_sts::Client::from_conf(sts.region(region.clone()).build()),
                    s3control: aws_sdk_s3control::Client::from_conf(
                        s3control.region(region).build(),
                    ),
                }
            })
            .clone()
    }

    /// The caller's account id (GetCallerIdentity once, then remembered).
    async fn account_id(&self) -> Result<String, BackendError> {
        self.account_id
            .get_or_try_init(|| async { Ok(self.caller_identity().await?.account_id) })
            .await
            .cloned()
    }

    /// The account a request names, else the caller's.
    async fn account_or_caller(&self, named: &str) -> Result<String, BackendError> {
        if named.is_empty() {
            self.account_id().await
        } else {
            Ok(named.to_string())
        }
    }

    fn home_region(&self) -> String {
        self.base
            .region()
            .map(|r| r.to_string())
            .unwrap_or_else(|| "us-east-1".to_string())
    }

    /// Classifies a failed call and logs it (never the request: it may hold metadata).
    fn fail<E>(&self, op: Op, err: &aws_sdk_backup::error::SdkError<E, Response>) -> BackendError
    where
        E: aws_sdk_backup::error::ProvideErrorMetadata + std::error::Error + 'static,
    {
        let error = classify(op, &self.caller, err);
        tracing::warn!(action = %op.action(), kind = ?error.kind, "AWS call failed");
        error
    }
}

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
                .map_err(|e| self.fail(CALLER_IDENTITY, &e))?;
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
            self.caller.clone(),
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
            self.caller.clone(),
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
        sdk_pages(pages, LIST_VAULTS, self.caller.clone(), move |out| {
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
        sdk_pages(pages, LIST_POINTS_BY_VAULT, self.caller.clone(), |out| {
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
                .map_err(|e| self.fail(DESCRIBE_POINT, &e))?;
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
        sdk_pages(pages, LIST_BACKUP_JOBS, self.caller.clone(), |out| {
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
        sdk_pages(pages, LIST_RESTORE_JOBS, self.caller.clone(), |out| {
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
        sdk_pages(pages, LIST_COPY_JOBS, self.caller.clone(), |out| {
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
                .map_err(|e| self.fail(RESTORE_METADATA, &e))?;
            Ok(out
                .restore_metadata()
                .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
                .unwrap_or_default())
        })
    }

    fn list_buckets<'a>(&'a self, region: &'a str) -> PageStream<'a, Bucket> {
        buckets::list(self.clients(region).s3, region, self.caller.clone())
    }

    fn list_kms_keys<'a>(&'a self, region: &'a str) -> PageStream<'a, KmsKey> {
        keys::list(self.clients(region).kms, self.caller.clone())
    }

    fn list_iam_roles(&self) -> PageStream<'_, IamRole> {
        let pages = self
            .iam
            .list_roles()
            .max_items(PAGE_SIZE)
            .into_paginator()
            .send();
        sdk_pages(pages, LIST_ROLES, self.caller.clone(), |out| {
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
        sdk_pages(pages, LIST_TABLES, self.caller.clone(), |out| {
            page(out.table_names().to_vec(), out.last_evaluated_table_name())
        })
    }

    fn start_restore_job<'a>(&'a self, request: &'a RestoreRequest) -> BackendFuture<'a, String> {
        Box::pin(async move {
            let client = self.clients(&request.region).backup;
            let out = calls::start_restore(&client, request)
                .send()
                .await
                .map_err(|e| self.fail(START_RESTORE, &e))?;
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
                .map_err(|e| self.fail(DESCRIBE_RESTORE, &e))?;
            Ok(convert::described_restore_job(&out))
        })
    }

    fn create_backup_vault<'a>(&'a self, request: &'a VaultRequest) -> BackendFuture<'a, String> {
        Box::pin(async move {
            let client = self.clients(&request.region).backup;
            let out = calls::create_vault(&client, request)
                .send()
                .await
                .map_err(|e| self.fail(CREATE_VAULT, &e))?;
            answered(out.backup_vault_arn(), "no vault ARN")
        })
    }

    fn start_copy_job<'a>(&'a self, request: &'a CopyRequest) -> BackendFuture<'a, String> {
        Box::pin(async move {
            let client = self.clients(&request.region).backup;
            let out = calls::start_copy(&client, request)
                .send()
                .await
                .map_err(|e| self.fail(START_COPY, &e))?;
            answered(out.copy_job_id(), "no job id")
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
                .map_err(|e| self.fail(DESCRIBE_COPY, &e))?;
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
        sdk_pages(pages, LIST_PLANS, self.caller.clone(), |out| {
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
                .map_err(|e| self.fail(GET_PLAN, &e))?;
            Ok(convert::plan_details(&out))
        })
    }

    fn create_backup_plan<'a>(&'a self, request: &'a PlanRequest) -> BackendFuture<'a, String> {
        Box::pin(async move {
            let client = self.clients(&request.region).backup;
            let call = calls::create_plan(&client, request)
                .map_err(|e| errors::not_built(CREATE_PLAN, &e))?;
            let out = call.send().await.map_err(|e| self.fail(CREATE_PLAN, &e))?;
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
                .map_err(|e| self.fail(DESCRIBE_REGION_SETTINGS, &e))?;
            Ok(convert::region_settings(region, &out))
        })
    }

    fn update_region_settings<'a>(&'a self, request: &'a SettingsRequest) -> BackendFuture<'a, ()> {
        Box::pin(async move {
            let client = self.clients(&request.region).backup;
            calls::update_region_settings(&client, request)
                .send()
                .await
                .map_err(|e| self.fail(UPDATE_REGION_SETTINGS, &e))?;
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
                Err(e) => Err(self.fail(GET_REPLICATION, &e)),
            }
        })
    }

    fn create_bucket<'a>(&'a self, request: &'a BucketRequest) -> BackendFuture<'a, String> {
        Box::pin(async move {
            let client = self.clients(&request.region).s3;
            calls::create_bucket(&client, request)
                .send()
                .await
                .map_err(|e| self.fail(CREATE_BUCKET, &e))?;
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
                .map_err(|e| self.fail(PUT_VERSIONING, &e))?;
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
                .map_err(|e| self.fail(PUT_REPLICATION, &e))?;
            Ok(())
        })
    }

    fn list_batch_jobs<'a>(&'a self, region: &'a str) -> PageStream<'a, BatchJob> {
        batch::list(
            self.clients(region).s3control,
            Box::pin(self.account_id()),
            self.caller.clone(),
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
                .map_err(|e| self.fail(DESCRIBE_JOB, &e))?;
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
            let out = call.send().await.map_err(|e| self.fail(CREATE_JOB, &e))?;
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
                        .map_err(|e| self.fail(UPDATE_JOB_STATUS, &e))?;
                }
                JobChange::Priority(priority) => {
                    calls::update_priority(&client, &account, job, priority)
                        .send()
                        .await
                        .map_err(|e| self.fail(UPDATE_JOB_PRIORITY, &e))?;
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
                .map_err(|e| self.fail(CREATE_ROLE, &e))?;
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
                .map_err(|e| self.fail(PUT_ROLE_POLICY, &e))?;
            Ok(())
        })
    }

    fn start_backup_job<'a>(&'a self, request: &'a BackupRequest) -> BackendFuture<'a, String> {
        Box::pin(async move {
            let client = self.clients(&request.region).backup;
            let out = calls::start_backup(&client, request)
                .send()
                .await
                .map_err(|e| self.fail(START_BACKUP, &e))?;
            answered(out.backup_job_id(), "no job id")
        })
    }

    fn delete_recovery_point<'a>(&'a self, request: &'a DeleteRequest) -> BackendFuture<'a, ()> {
        Box::pin(async move {
            let client = self.clients(&request.region).backup;
            calls::delete_point(&client, request)
                .send()
                .await
                .map_err(|e| self.fail(DELETE_POINT, &e))?;
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
            let out = call.send().await.map_err(|e| self.fail(UPDATE_PLAN, &e))?;
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

#[cfg(test)]
mod tests;
