//! What the end-to-end tests know about backup-tui: how to start the demo and the browse flow.
// Each test binary uses a different part of this module.
#![allow(dead_code)]

use std::path::Path;

use crate::pty::{EXIT_TIMEOUT, PtySession, SCREEN_TIMEOUT};

/// The binary under test, built by cargo for this test run.
pub const BIN: &str = env!("CARGO_BIN_EXE_backup-tui");

pub const ENTER: &[u8] = b"\r";
pub const ESC: &[u8] = b"\x1b";
pub const DOWN: &[u8] = b"\x1b[B";
pub const UP: &[u8] = b"\x1b[A";
pub const RIGHT: &[u8] = b"\x1b[C";

/// Arguments for the deterministic demo, with its log and a (missing) config file in `dir`.
pub fn demo_args(dir: &Path) -> Vec<String> {
    vec![
        "--demo".into(),
        "--demo-latency".into(),
        "0".into(),
        "--log-file".into(),
        dir.join("log").display().to_string(),
        "--config".into(),
        dir.join("none.toml").display().to_string(),
    ]
}

/// Protected resources → filter to acme-media → its recovery points → back to the list.
pub fn browse_resource_details(term: &PtySession) {
    wait_for_resource_list(term);

    // Move around (down twice, up twice: back on the first row), then filter to one resource,
    // so that Enter opens acme-media whatever the order of the list.
    for key in [b"j".as_slice(), DOWN, UP, b"k"] {
        term.send_keys(key);
    }
    term.send_keys(b"/");
    term.send_keys(b"acme-media");
    term.send_keys(ENTER);
    term.send_keys(ENTER);
    term.wait_for(
        "the details of acme-media (\"Recovery points\" and \"acme-media\")",
        SCREEN_TIMEOUT,
        |screen| {
            let text = screen.contents();
            text.contains("Recovery points") && text.contains("acme-media")
        },
    );

    term.send_keys(ESC);
    wait_for_resource_list(term);
}

/// Waits for the list of protected resources, showing acme-media. The details screen shows
/// "Protected resources" too (in its breadcrumb), so the list is also told by its lack of a
/// "Recovery points" table.
pub fn wait_for_resource_list(term: &PtySession) {
    term.wait_for(
        "the protected resources list (\"Protected resources\" and \"acme-media\", no \"Recovery points\")",
        SCREEN_TIMEOUT,
        |screen| {
            let text = screen.contents();
            text.contains("Protected resources")
                && text.contains("acme-media")
                && !text.contains("Recovery points")
        },
    );
}

/// The demo in an 80x24 pseudo-terminal with its audit log at `dir/audit.jsonl`, plus `extra`
/// arguments (e.g. `--read-only`); the screen is dumped to `dir/log` if the test fails.
pub fn spawn_demo_audited(dir: &Path, extra: &[&str]) -> PtySession {
    let mut cmd = portable_pty::CommandBuilder::new(BIN);
    cmd.args(demo_args(dir));
    cmd.args(extra);
    cmd.arg("--audit-log");
    cmd.arg(dir.join("audit.jsonl"));
    cmd.env("TERM", "xterm-256color");
    for var in ["NO_COLOR", "AWS_REGION", "AWS_PROFILE", "TMUX", "STY"] {
        cmd.env_remove(var);
    }
    let mut term = PtySession::spawn(cmd);
    term.dump_on_failure(dir.join("log"));
    term
}

/// Runs `cmd` in `dir` as a fresh user would: `dir` as HOME and working directory, an xterm,
/// no `AWS_*` variable of the machine's and no terminal multiplexer around it.
pub fn isolated(cmd: &mut portable_pty::CommandBuilder, dir: &Path) {
    cmd.cwd(dir);
    cmd.env("TERM", "xterm-256color");
    cmd.env("HOME", dir.display().to_string());
    for (name, _) in std::env::vars() {
        if name.starts_with("AWS_") {
            cmd.env_remove(&name);
        }
    }
    for var in ["TMUX", "STY"] {
        cmd.env_remove(var);
    }
}

/// Sends each key (or typed text) in order.
pub fn keys(term: &PtySession, keys: &[&[u8]]) {
    for k in keys {
        term.send_keys(k);
    }
}

/// The audit log's entries, one JSON value per line.
pub fn audit_entries(dir: &Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(dir.join("audit.jsonl")).expect("audit log readable");
    text.lines()
        .map(|l| serde_json::from_str(l).expect("each audit line is JSON"))
        .collect()
}

/// Presses `q`, expects exit status 0 and a terminal left usable.
pub fn quit_and_check_restored(term: &mut PtySession) {
    term.send_keys(b"q");
    let status = term.wait_exit(EXIT_TIMEOUT);
    assert!(
        status.success(),
        "expected exit status 0 after q, got {status}\n{}",
        term.report()
    );
    term.assert_terminal_restored();
}
