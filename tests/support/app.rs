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
