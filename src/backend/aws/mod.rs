//! The real AWS backend: `BackupBackend` on the AWS SDK for Rust. This file connects (settings,
//! credentials, one set of clients per Region); `operations` implements the trait. SDK types
//! never leave this module: answers cross the boundary through `convert`, changes through `calls`.

mod batch;
mod buckets;
mod calls;
mod convert;
mod endpoint;
mod errors;
mod guard;
mod keys;
mod mfa;
mod operations;
mod pages;
mod report;
mod sources;
mod timeouts;

pub use guard::{READ_ONLY_ALLOWLIST, read_only_allows};
pub use timeouts::Timeouts;

use super::{BackendError, BackendEvent, BackupBackend, ErrorKind};
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};
use aws_smithy_runtime_api::client::interceptors::SharedInterceptor;
use aws_smithy_runtime_api::http::Response;
use aws_smithy_types::retry::RetryConfig;
use errors::{Caller, Op, classify};
use std::collections::HashMap;
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
    /// Connect, attempt and whole-call limits for every client.
    pub timeouts: Timeouts,
    /// The keys come from the environment (advice and the header say so).
    pub env_keys: bool,
}

impl AwsSettings {
    pub fn new(region: &str) -> AwsSettings {
        AwsSettings {
            profile: None,
            profile_from_command_line: false,
            region: region.to_string(),
            endpoint_url: None,
            read_only: false,
            max_attempts: crate::config::AwsConfig::default().max_attempts,
            initial_backoff: Duration::from_secs(1),
            timeouts: Timeouts::default(),
            env_keys: false,
        }
    }
}

/// `Err` with the defined profiles when `profile` is in neither shared file.
pub async fn check_profile(profile: &str) -> Result<(), String> {
    sources::check_profile(profile, &aws_types::os_shim_internal::Env::real()).await
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
    /// The role behind MFA, when the profile has one: `ready` waits on it for the code, outside
    /// any call, so the time a human takes never counts against a call's timeouts.
    mfa: Option<SharedCredentialsProvider>,
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
            .retry_config(retry)
            .timeout_config(settings.timeouts.sdk());
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
        let mut mfa = None;
        if let Some(role) = mfa_role {
            // STS is called with the source profile's own credentials.
            let source = mfa::source_credentials(role.source_profile.as_deref(), &settings.region);
            let mut sts_loader = aws_config::defaults(BehaviorVersion::latest())
                .region(Region::new(settings.region.clone()))
                .timeout_config(settings.timeouts.sdk())
                .credentials_provider(source);
            if let Some(url) = &settings.endpoint_url {
                sts_loader = sts_loader.endpoint_url(url);
            }
            let sts = aws_sdk_sts::Client::new(&sts_loader.load().await);
            let provider = SharedCredentialsProvider::new(mfa::MfaRoleProvider::new(
                role,
                sts,
                events.clone(),
            ));
            mfa = Some(provider.clone());
            loader = loader
                .credentials_provider(provider)
                .identity_cache(mfa::identity_cache());
        } else if settings.profile_from_command_line
            && let Some(profile) = &settings.profile
        {
            loader = loader
                .credentials_provider(mfa::source_credentials(Some(profile), &settings.region));
        } else {
            loader = loader.credentials_provider(
                sources::default_chain(settings.profile.as_deref(), &settings.region).await,
            );
        }
        let base = loader.load().await;
        let settings = AwsSettings {
            env_keys: sources::env_keys_in_use(
                &aws_types::os_shim_internal::Env::real(),
                needs_mfa || settings.profile_from_command_line,
            ),
            ..settings
        };
        AwsBackend::from_config(base, &settings, mfa, events, Vec::new())
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
        AwsBackend::from_config(base, settings, None, events, extra)
    }

    /// The backend over an already loaded configuration; `extra` interceptors go on every
    /// client (tests put SDK-level mocks there).
    fn from_config(
        base: SdkConfig,
        settings: &AwsSettings,
        mfa: Option<SharedCredentialsProvider>,
        events: UnboundedSender<BackendEvent>,
        extra: Vec<SharedInterceptor>,
    ) -> AwsBackend {
        let path_style =
            base.endpoint_url().is_some() || std::env::var_os("AWS_ENDPOINT_URL_S3").is_some();
        // The endpoint the clients really use (`--endpoint-url`, `AWS_ENDPOINT_URL`, a test's).
        let caller = Caller {
            profile: settings.profile.clone(),
            endpoint: base.endpoint_url().map(str::to_string),
            region: settings.region.clone(),
            timeouts: settings.timeouts,
            max_attempts: settings.max_attempts,
            env_keys: settings.env_keys,
        };
        let mut interceptors = vec![SharedInterceptor::new(guard::RetryWatch {
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
            mfa,
            interceptors,
            regional: Mutex::new(HashMap::new()),
            account_id: tokio::sync::OnceCell::new(),
        }
    }

    /// Whether credentials can be found at all. `Err` with `ErrorKind::Auth` means none are
    /// configured anywhere; an MFA profile is only checked once its code is typed.
    pub async fn check_credentials(&self) -> Result<(), BackendError> {
        if self.mfa.is_some() {
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

    /// Waits for the MFA code, when the profile's role needs one (its credentials are then
    /// remembered, and every call finds them ready).
    async fn mfa_ready(&self) -> Result<(), BackendError> {
        let Some(provider) = &self.mfa else {
            return Ok(());
        };
        provider
            .provide_credentials()
            .await
            .map(|_| ())
            .map_err(|e| errors::credentials_error(&e, &self.caller))
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

    /// Who calls, for a call to `region` (a timeout names where it waited).
    fn caller_in(&self, region: &str) -> Caller {
        Caller {
            region: region.to_string(),
            ..self.caller.clone()
        }
    }

    /// Classifies a failed call to `region` and logs it (never the request: it may hold
    /// metadata).
    fn fail<E>(
        &self,
        region: &str,
        op: Op,
        err: &aws_sdk_backup::error::SdkError<E, Response>,
    ) -> BackendError
    where
        E: aws_sdk_backup::error::ProvideErrorMetadata + std::error::Error + 'static,
    {
        let error = classify(op, &self.caller_in(region), err);
        tracing::warn!(action = %op.action(), kind = ?error.kind, "AWS call failed");
        error
    }
}

#[cfg(test)]
mod tests;
