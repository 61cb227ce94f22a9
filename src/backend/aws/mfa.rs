//! Profiles whose role needs an MFA code (`mfa_serial`): the SDK cannot prompt, so this
//! provider asks the screen for the code and assumes the role with it, as the AWS CLI does.

use crate::backend::{BackendEvent, MfaReply};
use aws_config::profile::ProfileSet;
use aws_credential_types::Credentials;
use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::provider::{self, ProvideCredentials, SharedCredentialsProvider};
use aws_smithy_runtime_api::client::identity::SharedIdentityCache;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime};
use tokio::sync::mpsc::UnboundedSender;

/// How long a credentials load may wait for the code. The SDK's identity cache gives a load
/// 5 s, then fails every call with "identity resolver timed out after 5s": a person fetching a
/// phone needs longer. The AWS CLI waits indefinitely; a quarter of an hour keeps a forgotten
/// prompt from holding calls forever.
pub const MFA_LOAD_TIMEOUT: Duration = Duration::from_secs(15 * 60);

/// The identity cache for a role behind MFA: loads wait up to `MFA_LOAD_TIMEOUT`.
pub fn identity_cache() -> SharedIdentityCache {
    aws_config::identity::IdentityCache::lazy()
        .load_timeout(MFA_LOAD_TIMEOUT)
        .build()
}

/// What the profile says about the role to assume with MFA.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MfaRole {
    pub profile: String,
    pub role_arn: String,
    pub serial: String,
    /// The profile whose credentials call AssumeRole.
    pub source_profile: Option<String>,
    pub session_name: Option<String>,
    pub external_id: Option<String>,
    pub duration_seconds: Option<i32>,
}

/// The MFA role of `profile`, if it assumes a role with an `mfa_serial`.
pub fn mfa_role(profiles: &ProfileSet, profile: &str) -> Option<MfaRole> {
    let p = profiles.get_profile(profile)?;
    let role_arn = p.get("role_arn")?.to_string();
    let serial = p.get("mfa_serial")?.to_string();
    Some(MfaRole {
        profile: profile.to_string(),
        role_arn,
        serial,
        source_profile: p.get("source_profile").map(str::to_string),
        session_name: p.get("role_session_name").map(str::to_string),
        external_id: p.get("external_id").map(str::to_string),
        duration_seconds: p.get("duration_seconds").and_then(|d| d.parse().ok()),
    })
}

/// Assumes `role` with a code the user types: each time credentials are needed (the SDK
/// caches them until they expire), it asks the screen through `events` and waits.
#[derive(Debug)]
pub struct MfaRoleProvider {
    pub role: MfaRole,
    /// Calls STS with the source profile's credentials.
    pub sts: aws_sdk_sts::Client,
    pub events: UnboundedSender<BackendEvent>,
    /// Set when the user declines: every call then fails at once instead of each opening a
    /// prompt, until the user reloads (which re-arms it through the `MfaReply`).
    declined: Arc<AtomicBool>,
    /// The role's credentials once assumed. The lock also makes callers that arrive while
    /// the code is being typed wait for that one prompt instead of opening their own.
    assumed: tokio::sync::Mutex<Option<Credentials>>,
}

/// Credentials this close to their expiry are assumed again rather than handed out.
const REFRESH_BEFORE_EXPIRY: Duration = Duration::from_secs(5 * 60);

impl MfaRoleProvider {
    pub fn new(
        role: MfaRole,
        sts: aws_sdk_sts::Client,
        events: UnboundedSender<BackendEvent>,
    ) -> MfaRoleProvider {
        MfaRoleProvider {
            role,
            sts,
            events,
            declined: Arc::new(AtomicBool::new(false)),
            assumed: tokio::sync::Mutex::new(None),
        }
    }

    /// The assumed role's credentials: remembered ones while they last, else a new prompt.
    async fn credentials(&self) -> provider::Result {
        let mut assumed = self.assumed.lock().await;
        let fresh = |c: &Credentials| {
            c.expiry().is_none_or(|at| {
                at.duration_since(SystemTime::now())
                    .is_ok_and(|left| left > REFRESH_BEFORE_EXPIRY)
            })
        };
        if let Some(creds) = assumed.as_ref().filter(|c| fresh(c)) {
            return Ok(creds.clone());
        }
        let creds = self.assume().await?;
        *assumed = Some(creds.clone());
        Ok(creds)
    }

    async fn assume(&self) -> provider::Result {
        if self.declined.load(Ordering::SeqCst) {
            return Err(CredentialsError::not_loaded("no MFA code was entered"));
        }
        let (reply, answer) = MfaReply::new(Arc::clone(&self.declined));
        self.events
            .send(BackendEvent::MfaNeeded {
                profile: self.role.profile.clone(),
                serial: self.role.serial.clone(),
                reply,
            })
            .map_err(|_| CredentialsError::provider_error("the screen is gone"))?;
        let Some(code) = answer.await.ok().flatten() else {
            return Err(CredentialsError::not_loaded("no MFA code was entered"));
        };
        let session = self.role.session_name.clone().unwrap_or_else(|| {
            let secs = SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0);
            format!("backup-tui-{secs}")
        });
        let out = self
            .sts
            .assume_role()
            .role_arn(&self.role.role_arn)
            .role_session_name(session)
            .serial_number(&self.role.serial)
            .token_code(code)
            .set_external_id(self.role.external_id.clone())
            .set_duration_seconds(self.role.duration_seconds)
            .send()
            .await
            .map_err(|e| {
                CredentialsError::provider_error(format!(
                    "AssumeRole with MFA failed: {}",
                    super::errors::chain_text(&e)
                ))
            })?;
        let creds = out
            .credentials()
            .ok_or_else(|| CredentialsError::unhandled("AssumeRole returned no credentials"))?;
        let expiry = SystemTime::try_from(*creds.expiration()).ok();
        Ok(Credentials::new(
            creds.access_key_id(),
            creds.secret_access_key(),
            Some(creds.session_token().to_string()),
            expiry,
            "backup-tui-mfa",
        ))
    }
}

impl ProvideCredentials for MfaRoleProvider {
    fn provide_credentials<'a>(&'a self) -> provider::future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        provider::future::ProvideCredentials::new(self.credentials())
    }
}

/// The credentials of `profile` alone (static keys, SSO, a process, a chained role), not the
/// environment's: what the MFA role's AssumeRole is signed with, and what `--profile` uses.
pub fn source_credentials(profile: Option<&str>, region: &str) -> SharedCredentialsProvider {
    // The Region is needed by the STS calls of roles chained in the profile.
    let conf = aws_config::provider_config::ProviderConfig::without_region()
        .with_region(Some(aws_config::Region::new(region.to_string())));
    let mut builder =
        aws_config::profile::ProfileFileCredentialsProvider::builder().configure(&conf);
    if let Some(p) = profile {
        builder = builder.profile_name(p);
    }
    SharedCredentialsProvider::new(builder.build())
}

#[cfg(test)]
mod tests {
    use super::*;
    // aws-config's own names for these are deprecated in favour of aws-runtime's, which is
    // not a dependency of ours; they are the same types.
    #[allow(deprecated)]
    use aws_config::profile::profile_file::{ProfileFileKind, ProfileFiles};

    #[allow(deprecated)]
    async fn profiles(config: &str) -> ProfileSet {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("config");
        std::fs::write(&path, config).expect("write config");
        let files = ProfileFiles::builder()
            .with_file(ProfileFileKind::Config, &path)
            .build();
        aws_config::profile::load(
            &aws_types::os_shim_internal::Fs::real(),
            &aws_types::os_shim_internal::Env::from_slice(&[]),
            &files,
            None,
        )
        .await
        .expect("profiles parse")
    }

    /// Answers after `delay`, as the MFA provider does once the user has typed the code;
    /// `answered` is set only if the caller waited that long (a timeout drops the future).
    #[derive(Debug)]
    struct SlowHuman {
        delay: Duration,
        answered: Arc<AtomicBool>,
    }

    impl ProvideCredentials for SlowHuman {
        fn provide_credentials<'a>(&'a self) -> provider::future::ProvideCredentials<'a>
        where
            Self: 'a,
        {
            provider::future::ProvideCredentials::new(async move {
                tokio::time::sleep(self.delay).await;
                self.answered.store(true, Ordering::SeqCst);
                Ok(Credentials::new("AKID", "secret", None, None, "slow-human"))
            })
        }
    }

    /// Makes a GetCallerIdentity call (answered by a mock, nothing leaves the process) through
    /// `cache`, with credentials that take `delay` to arrive. Whether the credentials were
    /// waited for.
    async fn waited_for_credentials(cache: SharedIdentityCache, delay: Duration) -> bool {
        let rule =
            aws_smithy_mocks::mock!(aws_sdk_sts::Client::get_caller_identity).then_output(|| {
                aws_sdk_sts::operation::get_caller_identity::GetCallerIdentityOutput::builder()
                    .account("123456789012")
                    .build()
            });
        let answered = Arc::new(AtomicBool::new(false));
        let provider = SlowHuman {
            delay,
            answered: Arc::clone(&answered),
        };
        let base = aws_config::SdkConfig::builder()
            .behavior_version(aws_config::BehaviorVersion::latest())
            .region(aws_config::Region::new("us-east-1"))
            .credentials_provider(SharedCredentialsProvider::new(provider))
            .identity_cache(cache)
            .http_client(aws_smithy_mocks::create_mock_http_client())
            .sleep_impl(aws_smithy_async::rt::sleep::SharedAsyncSleep::new(
                aws_smithy_async::rt::sleep::TokioSleep::new(),
            ))
            .retry_config(aws_smithy_types::retry::RetryConfig::disabled())
            .build();
        let conf = aws_sdk_sts::config::Builder::from(&base)
            .interceptor(aws_smithy_mocks::MockResponseInterceptor::new().with_rule(&rule))
            .build();
        // The mock may answer even when signing failed, so the outcome is read from the
        // provider, not from the call's result.
        let _ = aws_sdk_sts::Client::from_conf(conf)
            .get_caller_identity()
            .send()
            .await;
        answered.load(Ordering::SeqCst)
    }

    // Paused time: the minutes pass at once, as soon as nothing else can run.
    #[tokio::test(start_paused = true)]
    async fn a_call_waits_minutes_for_the_mfa_code() {
        let ten_minutes = Duration::from_secs(600);
        let started = tokio::time::Instant::now();
        assert!(
            waited_for_credentials(identity_cache(), ten_minutes).await,
            "the call waited for the code"
        );
        assert!(started.elapsed() >= ten_minutes);
        // The SDK's default cache gives up after 5 s: what this cache exists to avoid.
        let started = tokio::time::Instant::now();
        let default = aws_config::identity::IdentityCache::lazy().build();
        assert!(
            !waited_for_credentials(default, ten_minutes).await,
            "the SDK's default load timeout does not wait"
        );
        assert!(started.elapsed() < Duration::from_secs(10));
    }

    #[tokio::test]
    async fn a_role_with_mfa_serial_is_recognised_with_its_options() {
        let set = profiles(
            "[profile base]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = s\n\
             [profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\n\
             source_profile = base\nmfa_serial = arn:aws:iam::123456789012:mfa/alice\n\
             duration_seconds = 1800\nexternal_id = ext-1\n\
             [profile plain-role]\nrole_arn = arn:aws:iam::123456789012:role/x\nsource_profile = base\n",
        )
        .await;
        let role = mfa_role(&set, "admin").expect("admin needs MFA");
        assert_eq!(role.serial, "arn:aws:iam::123456789012:mfa/alice");
        assert_eq!(role.role_arn, "arn:aws:iam::123456789012:role/admin");
        assert_eq!(role.source_profile.as_deref(), Some("base"));
        assert_eq!(role.duration_seconds, Some(1800));
        assert_eq!(role.external_id.as_deref(), Some("ext-1"));
        assert_eq!(
            mfa_role(&set, "plain-role"),
            None,
            "no mfa_serial: the SDK handles it"
        );
        assert_eq!(mfa_role(&set, "base"), None);
        assert_eq!(mfa_role(&set, "missing"), None);
    }
}
