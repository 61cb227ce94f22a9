//! `--print-paths`: the config, log and audit-log paths, from flags, the config and defaults.

use std::path::Path;
use std::process::{Command, Output};

/// The binary with nothing inherited that could move a path: the config variable and every
/// directory `directories` consults point into `home`.
fn backup_tui(home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_backup-tui"));
    cmd.env_remove("BACKUP_TUI_CONFIG")
        .env_remove("AWS_REGION")
        .env_remove("AWS_PROFILE")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"));
    cmd
}

fn lines(out: &Output) -> Vec<String> {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone())
        .expect("utf-8")
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn the_flags_are_printed_as_given() {
    let dir = tempfile::tempdir().expect("tempdir");
    let tmp = dir.path();
    let out = backup_tui(tmp)
        .arg("--print-paths")
        .arg("--config")
        .arg(tmp.join("c.toml"))
        .arg("--log-file")
        .arg(tmp.join("l.log"))
        .arg("--audit-log")
        .arg(tmp.join("a.jsonl"))
        .output()
        .expect("run");
    assert_eq!(
        lines(&out),
        [
            format!("config: {}", tmp.join("c.toml").display()),
            format!("log: {}", tmp.join("l.log").display()),
            format!("audit log: {}", tmp.join("a.jsonl").display()),
        ]
    );
    // Looking must not create anything: no log, no audit log.
    assert!(!tmp.join("l.log").exists());
    assert!(!tmp.join("a.jsonl").exists());
}

#[test]
fn the_defaults_are_the_platform_directories() {
    let dir = tempfile::tempdir().expect("tempdir");
    let home = dir.path();
    let out = backup_tui(home).arg("--print-paths").output().expect("run");
    assert_eq!(
        lines(&out),
        [
            format!(
                "config: {}",
                home.join("config/backup-tui/config.toml").display()
            ),
            format!(
                "log: {}",
                home.join("state/backup-tui/backup-tui.log").display()
            ),
            format!(
                "audit log: {}",
                home.join("data/backup-tui/audit.jsonl").display()
            ),
        ]
    );
    assert!(!home.join("state").exists() && !home.join("data").exists());
}

#[test]
fn the_config_moves_the_log_and_the_audit_log() {
    let dir = tempfile::tempdir().expect("tempdir");
    let home = dir.path();
    let config = home.join("c.toml");
    std::fs::write(
        &config,
        "[log]\nfile = \"/var/tmp/bt.log\"\naudit_log = \"/var/tmp/bt-audit.jsonl\"\n",
    )
    .expect("write");
    let out = backup_tui(home)
        .arg("--print-paths")
        .env("BACKUP_TUI_CONFIG", &config)
        .output()
        .expect("run");
    assert_eq!(
        lines(&out),
        [
            format!("config: {}", config.display()),
            "log: /var/tmp/bt.log".to_string(),
            "audit log: /var/tmp/bt-audit.jsonl".to_string(),
        ]
    );
}

#[test]
fn a_bad_config_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("c.toml");
    std::fs::write(&config, "[log]\naudit = \"x\"\n").expect("write");
    let out = backup_tui(dir.path())
        .arg("--print-paths")
        .arg("--config")
        .arg(&config)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2), "usage errors exit 2");
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("invalid configuration") && stderr.contains("audit"),
        "{stderr}"
    );
}
