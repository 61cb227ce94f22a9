//! Where credentials come from: the profiles the shared files define, whether the keys are the
//! environment's, and the default chain with an instance-metadata lookup that cannot stall startup.

use aws_config::default_provider::credentials::DefaultCredentialsChain;
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_types::os_shim_internal::{Env, Fs};
use std::time::Duration;

/// The profile names the config and credentials files define (`AWS_CONFIG_FILE` and
/// `AWS_SHARED_CREDENTIALS_FILE` respected), sorted; `Err` when a file does not parse.
pub async fn defined_profiles(env: &Env) -> Result<Vec<String>, String> {
    let set = aws_config::profile::load(&Fs::real(), env, &Default::default(), None)
        .await
        .map_err(|e| e.to_string())?;
    let mut names: Vec<String> = set.profiles().map(str::to_string).collect();
    names.sort();
    Ok(names)
}

/// `Err` with a message naming the profiles that exist when `profile` is not one of them (the
/// SDK's own wording, "ProfileFile provider could not be built", says neither).
pub async fn check_profile(profile: &str, env: &Env) -> Result<(), String> {
    let defined = defined_profiles(env)
        .await
        .map_err(|e| format!("The AWS config or credentials file could not be read: {e}"))?;
    if defined.iter().any(|p| p == profile) {
        return Ok(());
    }
    let files = format!(
        "{} or {}",
        file_name(env, "AWS_CONFIG_FILE", "~/.aws/config"),
        file_name(env, "AWS_SHARED_CREDENTIALS_FILE", "~/.aws/credentials")
    );
    let from_env = env.get("AWS_PROFILE").ok().as_deref() == Some(profile);
    let named = if from_env {
        format!("Profile `{profile}` (from AWS_PROFILE)")
    } else {
        format!("Profile `{profile}`")
    };
    Err(if defined.is_empty() {
        format!(
            "{named} is not defined in {files}, which define no profile. Create it with \
             `aws configure --profile {profile}` (or `aws configure sso`), or try \
             `backup-tui --demo`."
        )
    } else {
        format!(
            "{named} is not defined in {files}. Defined profiles: {}.",
            defined.join(", ")
        )
    })
}

fn file_name(env: &Env, variable: &str, default: &str) -> String {
    env.get(variable)
        .ok()
        .filter(|v| !v.trim().is_empty())
        .unwrap_or_else(|| default.to_string())
}

/// Whether the default chain will sign with `AWS_ACCESS_KEY_ID`: it reads the environment
/// first, unless `--profile` (or an MFA role) put a provider of its own in front.
pub fn env_keys_in_use(env: &Env, own_provider: bool) -> bool {
    !own_provider
        && env
            .get("AWS_ACCESS_KEY_ID")
            .is_ok_and(|key| !key.trim().is_empty())
}

/// Instance metadata answers in milliseconds where it exists; elsewhere (a laptop, a container,
/// a corporate network) it is refused, dropped or blocked. The SDK's default (4 attempts of up
/// to 1 s connect and 1 s read, with backoff) then makes a user without credentials wait
/// seconds for the "no credentials" message; one retry with the same short timeouts is enough
/// for a real instance.
const IMDS_ATTEMPTS: u32 = 2;
const IMDS_TIMEOUT: Duration = Duration::from_secs(1);
const IMDS_OPERATION_TIMEOUT: Duration = Duration::from_secs(3);

/// The SDK's default chain (environment, profile, web identity, container, instance metadata)
/// for `profile` in `region`, with the short instance-metadata lookup above.
pub async fn default_chain(profile: Option<&str>, region: &str) -> SharedCredentialsProvider {
    let imds = aws_config::imds::Client::builder()
        .max_attempts(IMDS_ATTEMPTS)
        .connect_timeout(IMDS_TIMEOUT)
        .read_timeout(IMDS_TIMEOUT)
        .operation_attempt_timeout(IMDS_TIMEOUT)
        .operation_timeout(IMDS_OPERATION_TIMEOUT)
        .build();
    let mut builder = DefaultCredentialsChain::builder()
        .region(aws_config::Region::new(region.to_string()))
        .imds_client(imds);
    if let Some(p) = profile {
        builder = builder.profile_name(p);
    }
    SharedCredentialsProvider::new(builder.build().await)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An environment naming `config` and `credentials` as the shared files.
    fn files(dir: &std::path::Path, config: &str, credentials: &str) -> Env {
        let config_path = dir.join("config");
        let credentials_path = dir.join("credentials");
        std::fs::write(&config_path, config).expect("write config");
        std::fs::write(&credentials_path, credentials).expect("write credentials");
        let (config, credentials) = (
            config_path.display().to_string(),
            credentials_path.display().to_string(),
        );
        Env::from_slice(&[
            ("AWS_CONFIG_FILE", config.as_str()),
            ("AWS_SHARED_CREDENTIALS_FILE", credentials.as_str()),
        ])
    }

    #[tokio::test]
    async fn an_unknown_profile_lists_the_profiles_of_both_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        let env = files(
            dir.path(),
            "[default]\nregion = us-east-1\n[profile staging]\nregion = eu-west-1\n",
            "[prod]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = s\n",
        );
        let message = check_profile("nope", &env)
            .await
            .expect_err("nope is unknown");
        let config = dir.path().join("config").display().to_string();
        let credentials = dir.path().join("credentials").display().to_string();
        assert_eq!(
            message,
            format!(
                "Profile `nope` is not defined in {config} or {credentials}. \
                 Defined profiles: default, prod, staging."
            )
        );
        assert_eq!(check_profile("prod", &env).await, Ok(()));
        assert_eq!(check_profile("staging", &env).await, Ok(()));
    }

    #[tokio::test]
    async fn no_profile_at_all_says_how_to_create_one() {
        let dir = tempfile::tempdir().expect("tempdir");
        let env = files(dir.path(), "", "");
        let message = check_profile("ops", &env).await.expect_err("no profiles");
        assert!(message.contains("which define no profile"), "{message}");
        assert!(message.contains("aws configure --profile ops"), "{message}");
        assert!(message.contains("backup-tui --demo"), "{message}");
    }

    #[test]
    fn environment_keys_count_only_when_no_provider_of_our_own_goes_first() {
        let with_key = Env::from_slice(&[("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")]);
        assert!(env_keys_in_use(&with_key, false));
        assert!(!env_keys_in_use(&with_key, true), "--profile wins");
        assert!(!env_keys_in_use(&Env::from_slice(&[]), false));
        let blank = Env::from_slice(&[("AWS_ACCESS_KEY_ID", " ")]);
        assert!(
            !env_keys_in_use(&blank, false),
            "the SDK ignores a blank key"
        );
    }
}
