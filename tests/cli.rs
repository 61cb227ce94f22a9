//! The binary's command line: version, default config, errors without credentials, private logs.

use std::os::unix::fs::PermissionsExt;
use std::process::Command;

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
