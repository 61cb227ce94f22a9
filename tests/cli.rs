//! The binary's command line: version, default config, errors without credentials or a
//! terminal, unknown profiles, private logs.

use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Stdio};

/// The binary with no AWS credentials anywhere: no `AWS_*` variables, no shared files, and no
/// instance metadata lookup (no address but loopback is ever a target in tests).
fn backup_tui() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_backup-tui"));
    for (name, _) in std::env::vars() {
        if name.starts_with("AWS_") {
            cmd.env_remove(name);
        }
    }
    cmd.env_remove("BACKUP_TUI_CONFIG")
        .env("AWS_CONFIG_FILE", "/nonexistent/aws-config")
        .env(
            "AWS_SHARED_CREDENTIALS_FILE",
            "/nonexistent/aws-credentials",
        )
        .env("AWS_EC2_METADATA_DISABLED", "true");
    cmd
}

#[test]
fn version_is_printed() {
    let out = backup_tui().arg("--version").output().expect("run");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("backup-tui {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn the_printed_default_config_is_valid_and_complete() {
    let out = backup_tui()
        .arg("--print-default-config")
        .output()
        .expect("run");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let parsed = backup_tui::config::Config::parse(&text).expect("the printed config parses");
    assert_eq!(parsed, backup_tui::config::Config::default());
    for field in ["region", "latency_ms", "color", "level", "file", "[keys]"] {
        assert!(
            text.contains(field),
            "{field} missing from the default config"
        );
    }
}

#[test]
fn without_credentials_it_says_how_to_get_them_and_the_log_is_private() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = dir.path().join("logs/backup-tui.log");
    let out = backup_tui()
        .args(["--config", "/nonexistent.toml", "--log-file"])
        .arg(&log)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2), "usage errors exit 2");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("No AWS credentials found"), "{stderr}");
    assert!(stderr.contains("backup-tui --demo"), "{stderr}");
    let mode = std::fs::metadata(&log)
        .expect("log created")
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn a_bad_config_is_reported_with_the_field_and_nothing_starts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[demo]\nlatencyms = 5\n").expect("write");
    let out = backup_tui()
        .arg("--demo")
        .arg("--config")
        .arg(&config)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2), "usage errors exit 2");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("invalid configuration") && stderr.contains("latencyms"),
        "{stderr}"
    );
}

#[test]
fn the_config_file_comes_from_the_environment_too() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[keys.list]\n\"j\" = \"teleport\"\n").expect("write");
    let out = backup_tui()
        .arg("--demo")
        .env("BACKUP_TUI_CONFIG", &config)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2), "usage errors exit 2");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("unknown command `teleport`"), "{stderr}");
}

#[test]
fn an_unknown_region_is_refused() {
    let out = backup_tui()
        .args([
            "--demo",
            "--region",
            "mars-1",
            "--config",
            "/nonexistent.toml",
        ])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2), "usage errors exit 2");
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown Region `mars-1`"));
}

#[test]
fn an_unknown_screen_is_refused_with_the_names_to_use() {
    let out = backup_tui()
        .args([
            "--demo",
            "--config",
            "/nonexistent.toml",
            "--screen",
            "backups",
        ])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("unknown screen `backups`: use one of resources, vaults, jobs"),
        "{err}"
    );
}

#[test]
fn screen_and_resource_cannot_be_asked_together() {
    let out = backup_tui()
        .args(["--demo", "--screen", "plans", "--resource", "orders"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot be used with"), "{err}");
}

#[test]
fn without_a_terminal_it_says_so_and_exits_2_instead_of_panicking() {
    let dir = tempfile::tempdir().expect("tempdir");
    // `output()` pipes stdout; stdin comes from /dev/null, as with `backup-tui </dev/null`.
    let out = backup_tui()
        .args(["--demo", "--config", "/nonexistent.toml", "--log-file"])
        .arg(dir.path().join("log"))
        .stdin(Stdio::null())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2), "not 101 (a panic)");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("backup-tui: backup-tui needs a terminal (stdin/stdout are not a TTY)"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        out.stdout.is_empty(),
        "nothing was drawn: {:?}",
        String::from_utf8_lossy(&out.stdout)
    );

    // What works without a terminal still does.
    for flag in ["--print-paths", "--print-default-config"] {
        let out = backup_tui()
            .args([flag, "--config", "/nonexistent.toml"])
            .stdin(Stdio::null())
            .output()
            .expect("run");
        assert!(out.status.success(), "{flag}: {:?}", out.status);
        assert!(!out.stdout.is_empty(), "{flag} printed nothing");
    }
}

#[test]
fn an_unknown_profile_names_the_profiles_the_files_define() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("config");
    let credentials = dir.path().join("credentials");
    std::fs::write(
        &config,
        "[default]\nregion = us-east-1\n[profile staging]\nregion = eu-west-1\n",
    )
    .expect("write config");
    std::fs::write(
        &credentials,
        "[prod]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = not-a-secret\n",
    )
    .expect("write credentials");
    let out = backup_tui()
        .env("AWS_CONFIG_FILE", &config)
        .env("AWS_SHARED_CREDENTIALS_FILE", &credentials)
        .args([
            "--profile",
            "nope",
            "--config",
            "/nonexistent.toml",
            "--log-file",
        ])
        .arg(dir.path().join("log"))
        .stdin(Stdio::null())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let expected = format!(
        "backup-tui: Profile `nope` is not defined in {} or {}. Defined profiles: default, \
         prod, staging.",
        config.display(),
        credentials.display()
    );
    assert_eq!(stderr.trim_end(), expected);
    assert!(!stderr.contains("not-a-secret"), "no secret is shown");
}

#[test]
fn an_access_key_without_its_secret_is_named_instead_of_asking_to_configure_keys() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = backup_tui()
        .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .args(["--config", "/nonexistent.toml", "--log-file"])
        .arg(dir.path().join("log"))
        .stdin(Stdio::null())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is empty or missing, and no \
             other credentials were found."
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("Export AWS_SECRET_ACCESS_KEY too"),
        "the advice is printed: {stderr}"
    );
    assert!(!stderr.contains("aws configure"), "{stderr}");
}
