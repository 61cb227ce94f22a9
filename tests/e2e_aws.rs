//! The real binary against AWS (a moto server on 127.0.0.1) in a pseudo-terminal: the account
//! from STS, vaults and buckets from the emulator, a clear message for an operation the
//! endpoint lacks, `--read-only`, and what happens without credentials.

#[path = "support/app.rs"]
mod app;
#[path = "support/moto.rs"]
mod moto;
#[path = "support/pty.rs"]
mod pty;

use moto::Moto;
use portable_pty::CommandBuilder;
use pty::{PtySession, SCREEN_TIMEOUT};
use std::path::Path;

/// Starts backup-tui against `moto` with `--endpoint-url` (no `--demo`), its files in `dir`.
fn start_against(moto: &Moto, dir: &Path, extra: &[&str]) -> PtySession {
    let mut cmd = CommandBuilder::new(app::BIN);
    cmd.args([
        "--log-file",
        &dir.join("log").display().to_string(),
        "--config",
        &dir.join("none.toml").display().to_string(),
        "--audit-log",
        &dir.join("audit.jsonl").display().to_string(),
    ]);
    cmd.args(extra);
    app::isolated(&mut cmd, dir);
    // The endpoint comes from the flag, not from AWS_ENDPOINT_URL.
    for (name, value) in moto.env() {
        if name != "AWS_ENDPOINT_URL" {
            cmd.env(name, value);
        }
    }
    cmd.args(["--endpoint-url", &moto.endpoint]);
    let mut term = PtySession::spawn(cmd);
    term.dump_on_failure(dir.join("log"));
    term
}

fn seed(moto: &Moto) {
    moto.aws_ok(&[
        "backup",
        "create-backup-vault",
        "--backup-vault-name",
        "prod-vault",
    ]);
    moto.aws_ok(&[
        "backup",
        "create-backup-vault",
        "--backup-vault-name",
        "dr-vault",
    ]);
    moto.aws_ok(&["s3api", "create-bucket", "--bucket", "acme-logs"]);
    moto.aws_ok(&[
        "s3api",
        "put-bucket-versioning",
        "--bucket",
        "acme-logs",
        "--versioning-configuration",
        "Status=Enabled",
    ]);
    moto.aws_ok(&["s3api", "create-bucket", "--bucket", "acme-scratch"]);
}

#[test]
fn against_moto_it_shows_the_account_vaults_buckets_and_what_the_endpoint_lacks() {
    let moto = Moto::start();
    seed(&moto);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut term = start_against(&moto, dir.path(), &[]);

    // The header carries the account from GetCallerIdentity; the first screen asks for
    // ListProtectedResources, which moto does not implement: a message, not a crash.
    term.wait_for_text("acct 123456789012", SCREEN_TIMEOUT);
    term.wait_for_text("Not implemented by the endpoint", SCREEN_TIMEOUT);
    term.wait_for_text("backup:ListProtectedResources", SCREEN_TIMEOUT);
    let header = term.contents();
    assert!(header.contains(" AWS "), "{header}");
    assert!(header.contains("us-east-1"), "{header}");
    // The keys are the environment's (AWS_ACCESS_KEY_ID), not a profile's.
    assert!(header.contains("acct 123456789012  env keys"), "{header}");
    assert!(!header.contains("profile default"), "{header}");

    term.send_keys(b":vaults\r");
    term.wait_for_text("prod-vault", SCREEN_TIMEOUT);
    term.wait_for_text("dr-vault", SCREEN_TIMEOUT);

    term.send_keys(b":buckets\r");
    term.wait_for_text("acme-logs", SCREEN_TIMEOUT);
    term.wait_for_text("acme-scratch", SCREEN_TIMEOUT);
    // Each row carries the bucket's settings. (moto 5.2's GetBucketVersioning answer has a
    // root element the Rust SDK rejects, so versioning reads as off here; the lookup itself
    // is checked in moto's log below, and the values in src/backend/aws/tests/moto.rs.) The
    // ACLs column is the first to go at 80 columns, so the terminal is widened to see it.
    term.resize(24, 160);
    // Waited for, not read once: the widened screen is drawn in more than one write.
    term.wait_for("ACLs enabled on acme-logs", SCREEN_TIMEOUT, |screen| {
        screen
            .contents()
            .lines()
            .any(|l| l.contains("acme-logs") && l.contains("Enabled"))
    });

    app::quit_and_check_restored(&mut term);
    let requests = moto.requests();
    assert!(
        requests.iter().any(|r| r.starts_with("GET /backup-vaults")),
        "{requests:?}"
    );
    assert!(
        requests.iter().any(|r| r.contains("versioning")),
        "bucket settings were looked up: {requests:?}"
    );
}

#[test]
fn read_only_sends_no_change_to_the_endpoint() {
    let moto = Moto::start();
    seed(&moto);
    let before = moto.requests().len();
    let dir = tempfile::tempdir().expect("temp dir");
    let mut term = start_against(&moto, dir.path(), &["--read-only"]);
    term.wait_for_text("READ-ONLY", SCREEN_TIMEOUT);
    term.wait_for_text("acct 123456789012", SCREEN_TIMEOUT);
    term.send_keys(b":vaults\r");
    term.wait_for_text("prod-vault", SCREEN_TIMEOUT);
    term.send_keys(b":buckets\r");
    term.wait_for_text("acme-logs", SCREEN_TIMEOUT);
    app::quit_and_check_restored(&mut term);
    // Backup and S3 are REST services: a change is a PUT, POST to a path, or DELETE.
    let sent: Vec<String> = moto.requests().into_iter().skip(before).collect();
    assert!(!sent.is_empty());
    let changes: Vec<&String> = sent
        .iter()
        .filter(|r| {
            r.starts_with("PUT ")
                || r.starts_with("DELETE ")
                || (r.starts_with("POST ") && r.as_str() != "POST /")
        })
        .collect();
    assert!(changes.is_empty(), "changes reached moto: {changes:?}");
}

#[test]
fn without_any_credentials_it_says_how_to_configure_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut cmd = std::process::Command::new(app::BIN);
    for (name, _) in std::env::vars() {
        if name.starts_with("AWS_") {
            cmd.env_remove(&name);
        }
    }
    let output = cmd
        .args(["--region", "us-east-1", "--log-file"])
        .arg(dir.path().join("log"))
        .arg("--config")
        .arg(dir.path().join("none.toml"))
        .env("HOME", dir.path())
        .env("AWS_CONFIG_FILE", dir.path().join("no-config"))
        .env(
            "AWS_SHARED_CREDENTIALS_FILE",
            dir.path().join("no-credentials"),
        )
        // No instance metadata lookup: no address but loopback is ever a target here.
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run backup-tui");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("No AWS credentials found"), "{stderr}");
    assert!(stderr.contains("aws configure"), "{stderr}");
    assert!(stderr.contains("backup-tui --demo"), "{stderr}");
}

/// Starts backup-tui with `--profile profile` from a shared config written to `dir` (no keys
/// in the environment, so the profile is the only source of credentials).
fn start_with_profile(moto: &Moto, dir: &Path, config: &str, profile: &str) -> PtySession {
    start_with_profile_env(moto, dir, config, profile, &[])
}

/// Like `start_with_profile`, with extra environment variables.
fn start_with_profile_env(
    moto: &Moto,
    dir: &Path,
    config: &str,
    profile: &str,
    env: &[(&str, &str)],
) -> PtySession {
    let config_path = dir.join("aws-config");
    std::fs::write(&config_path, config).expect("write the AWS config");
    let mut cmd = CommandBuilder::new(app::BIN);
    cmd.args([
        "--log-file",
        &dir.join("log").display().to_string(),
        "--config",
        &dir.join("none.toml").display().to_string(),
        "--profile",
        profile,
    ]);
    app::isolated(&mut cmd, dir);
    cmd.env("AWS_CONFIG_FILE", config_path.display().to_string());
    cmd.env(
        "AWS_SHARED_CREDENTIALS_FILE",
        dir.join("no-credentials").display().to_string(),
    );
    cmd.env("AWS_ENDPOINT_URL", &moto.endpoint);
    cmd.env("AWS_EC2_METADATA_DISABLED", "true");
    for (name, value) in env {
        cmd.env(name, value);
    }
    let mut term = PtySession::spawn(cmd);
    term.dump_on_failure(dir.join("log"));
    term
}

/// A base profile with keys, a role in another account (moto then answers as that account),
/// and the same role behind MFA.
const PROFILES: &str = "\
[profile base]
aws_access_key_id = testing
aws_secret_access_key = testing
region = us-east-1

[profile ops]
role_arn = arn:aws:iam::111122223333:role/ops
source_profile = base
region = us-east-1

[profile env-role]
role_arn = arn:aws:iam::444455556666:role/from-env
credential_source = Environment
region = us-east-1

[profile admin]
role_arn = arn:aws:iam::111122223333:role/admin
source_profile = base
mfa_serial = arn:aws:iam::123456789012:mfa/alice
region = eu-central-1
";

#[test]
fn profiles_from_the_shared_config_static_keys_and_assume_role() {
    let moto = Moto::start();
    let dir = tempfile::tempdir().expect("temp dir");
    let mut term = start_with_profile(&moto, dir.path(), PROFILES, "base");
    term.wait_for_text("acct 123456789012", SCREEN_TIMEOUT);
    term.wait_for_text("profile base", SCREEN_TIMEOUT);
    app::quit_and_check_restored(&mut term);

    // The SDK assumes the role with the source profile's keys: moto then answers as the
    // role's account.
    let dir = tempfile::tempdir().expect("temp dir");
    let mut term = start_with_profile(&moto, dir.path(), PROFILES, "ops");
    term.wait_for_text("acct 111122223333", SCREEN_TIMEOUT);
    app::quit_and_check_restored(&mut term);
}

#[test]
fn credential_source_environment_and_credential_process() {
    let moto = Moto::start();
    // credential_source = Environment: the role is assumed with the keys in the environment.
    let dir = tempfile::tempdir().expect("temp dir");
    let mut term = start_with_profile_env(
        &moto,
        dir.path(),
        PROFILES,
        "env-role",
        &[
            ("AWS_ACCESS_KEY_ID", "testing"),
            ("AWS_SECRET_ACCESS_KEY", "testing"),
        ],
    );
    term.wait_for_text("acct 444455556666", SCREEN_TIMEOUT);
    app::quit_and_check_restored(&mut term);

    // credential_process: a program prints the keys as JSON.
    let dir = tempfile::tempdir().expect("temp dir");
    let script = dir.path().join("creds.sh");
    std::fs::write(
        &script,
        "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"testing\", \"SecretAccessKey\": \"testing\"}'\n",
    )
    .expect("write the credential process");
    std::process::Command::new("chmod")
        .arg("+x")
        .arg(&script)
        .status()
        .expect("chmod");
    let config = format!(
        "[profile proc]\ncredential_process = {}\nregion = us-west-2\n",
        script.display()
    );
    let mut term = start_with_profile(&moto, dir.path(), &config, "proc");
    term.wait_for_text("acct 123456789012", SCREEN_TIMEOUT);
    term.wait_for_text("us-west-2", SCREEN_TIMEOUT);
    app::quit_and_check_restored(&mut term);
}

#[test]
fn an_expired_sso_session_says_which_login_to_run() {
    let moto = Moto::start();
    let dir = tempfile::tempdir().expect("temp dir");
    let config = "\
[profile sso-dev]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Admin
region = us-east-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access
";
    // The AWS CLI's token cache: ~/.aws/sso/cache/<sha1 of the session name>.json, expired.
    let hash = std::process::Command::new("sh")
        .arg("-c")
        .arg("printf corp | sha1sum | cut -d' ' -f1")
        .output()
        .expect("sha1sum");
    let hash = String::from_utf8_lossy(&hash.stdout).trim().to_string();
    let cache = dir.path().join(".aws/sso/cache");
    std::fs::create_dir_all(&cache).expect("cache dir");
    std::fs::write(
        cache.join(format!("{hash}.json")),
        r#"{"startUrl": "https://corp.awsapps.com/start", "region": "us-east-1",
            "accessToken": "expired-token", "expiresAt": "2020-01-01T00:00:00Z"}"#,
    )
    .expect("write the token cache");
    let mut term = start_with_profile(&moto, dir.path(), config, "sso-dev");
    term.wait_for_text("aws sso login --profile sso-dev", SCREEN_TIMEOUT);
    term.wait_for_text("Credentials expired", SCREEN_TIMEOUT);
    app::quit_and_check_restored(&mut term);
}

#[test]
fn an_mfa_profile_asks_for_the_code_inside_the_tui_and_assumes_the_role_with_it() {
    let moto = Moto::start();
    let dir = tempfile::tempdir().expect("temp dir");
    let mut term = start_with_profile(&moto, dir.path(), PROFILES, "admin");
    term.wait_for_text("MFA code", SCREEN_TIMEOUT);
    term.wait_for_text("arn:aws:iam::123456789012:mfa/alice", SCREEN_TIMEOUT);
    // The profile's Region is used when none is given.
    term.wait_for_text("eu-central-1", SCREEN_TIMEOUT);
    // Letters are refused with a reason; a short code is refused too; nothing is lost.
    term.send_keys(b"12a");
    term.wait_for_text(
        "The MFA code is 6 digits; 'a' is not a digit.",
        SCREEN_TIMEOUT,
    );
    term.send_keys(b"\r");
    term.wait_for_text("An MFA code is 6 digits", SCREEN_TIMEOUT);
    // Longer than the SDK's default 5 s for loading credentials: a person finding a phone.
    std::thread::sleep(std::time::Duration::from_secs(6));
    term.send_keys(b"3456\r");
    term.wait_for_text("acct 111122223333", SCREEN_TIMEOUT);
    let screen = term.contents();
    assert!(
        !screen.contains("MFA code:"),
        "the prompt closed:\n{screen}"
    );
    assert!(
        !screen.contains("timed out"),
        "the lists waited for the code:\n{screen}"
    );
    app::quit_and_check_restored(&mut term);
    let log = std::fs::read_to_string(dir.path().join("log")).expect("read the log");
    assert!(
        log.contains("assumed-role/admin"),
        "the identity is the assumed role:\n{log}"
    );
    assert!(!log.contains("123456\""), "the code is never logged");
}

#[test]
fn declining_the_mfa_prompt_explains_and_keeps_running() {
    let moto = Moto::start();
    let dir = tempfile::tempdir().expect("temp dir");
    let mut term = start_with_profile(&moto, dir.path(), PROFILES, "admin");
    term.wait_for_text("MFA code", SCREEN_TIMEOUT);
    term.send_keys(app::ESC);
    term.wait_for_text("to be asked again", SCREEN_TIMEOUT);
    term.assert_running();
    // r reloads, which asks again.
    term.send_keys(b"r");
    term.wait_for_text("MFA code:", SCREEN_TIMEOUT);
    term.send_keys(app::ESC);
    term.wait_for("the prompt to close", SCREEN_TIMEOUT, |screen| {
        !screen.contents().contains("MFA code:")
    });
    app::quit_and_check_restored(&mut term);
}
