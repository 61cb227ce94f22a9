//! End-to-end tests of the real backup-tui binary in a local pseudo-terminal: browse, SIGTERM, resize.

#[path = "support/app.rs"]
mod app;
#[path = "support/pty.rs"]
mod pty;

use std::path::Path;
use std::process::Command;

use portable_pty::CommandBuilder;

use pty::{COLS, EXIT_TIMEOUT, PtySession, ROWS, SCREEN_TIMEOUT};

/// Starts the demo in an 80x24 PTY, as a user's xterm-256color terminal would (colours on).
fn start_demo(dir: &Path) -> PtySession {
    start_demo_with(dir, &[])
}

/// Like `start_demo`, with extra environment variables.
fn start_demo_with(dir: &Path, env: &[(&str, &str)]) -> PtySession {
    let mut cmd = CommandBuilder::new(app::BIN);
    cmd.args(app::demo_args(dir));
    cmd.cwd(dir);
    cmd.env("TERM", "xterm-256color");
    // A deterministic start: no colour opt-out, no size override, the demo's default Region.
    for var in ["NO_COLOR", "COLUMNS", "LINES", "AWS_REGION", "AWS_PROFILE"] {
        cmd.env_remove(var);
    }
    for (key, value) in env {
        cmd.env(key, value);
    }
    let mut term = PtySession::spawn(cmd);
    term.dump_on_failure(dir.join("log"));
    term
}

/// Whether `bytes` set a foreground or background colour (SGR 30-37, 38, 40-47, 48, 90-107).
fn sets_a_colour(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    text.split("\x1b[").skip(1).any(|seq| {
        let params = seq
            .split(|c: char| c.is_ascii_alphabetic())
            .next()
            .unwrap_or("");
        seq[params.len()..].starts_with('m')
            && params.split(';').any(|p| {
                matches!(
                    p.parse::<u16>(),
                    Ok(30..=38 | 40..=48 | 90..=97 | 100..=107)
                )
            })
    })
}

#[test]
fn no_color_draws_without_colours() {
    let dir = tempfile::tempdir().expect("create a temp dir");
    let mut coloured = start_demo(dir.path());
    app::wait_for_resource_list(&coloured);
    assert!(
        sets_a_colour(&coloured.raw_output()),
        "the default theme should use colours"
    );
    app::quit_and_check_restored(&mut coloured);

    let dir = tempfile::tempdir().expect("create a temp dir");
    let mut plain = start_demo_with(dir.path(), &[("NO_COLOR", "1")]);
    app::wait_for_resource_list(&plain);
    assert!(
        !sets_a_colour(&plain.raw_output()),
        "NO_COLOR=1 must draw without colours"
    );
    app::quit_and_check_restored(&mut plain);
}

#[test]
fn browse_a_resource_then_quit_restores_the_terminal() {
    let dir = tempfile::tempdir().expect("create a temp dir");
    let mut term = start_demo(dir.path());
    app::browse_resource_details(&term);
    app::quit_and_check_restored(&mut term);
}

#[test]
fn sigterm_on_the_main_screen_restores_the_terminal() {
    signal_leaves_cleanly("-TERM");
}

#[test]
fn sighup_as_when_ssh_drops_restores_the_terminal() {
    signal_leaves_cleanly("-HUP");
}

/// Sends `signal` to the app on its main screen: it must exit 0 with the terminal restored.
fn signal_leaves_cleanly(signal: &str) {
    let dir = tempfile::tempdir().expect("create a temp dir");
    let mut term = start_demo(dir.path());
    app::wait_for_resource_list(&term);

    let pid = term.pid().to_string();
    let kill = Command::new("kill")
        .args([signal, &pid])
        .status()
        .expect("run kill");
    assert!(kill.success(), "kill {signal} {pid} failed: {kill}");

    let status = term.wait_exit(EXIT_TIMEOUT);
    assert!(
        status.success(),
        "backup-tui exited with {status} after {signal}"
    );
    term.assert_terminal_restored();
}

#[test]
fn too_small_a_terminal_says_so_and_recovers() {
    let dir = tempfile::tempdir().expect("create a temp dir");
    let mut term = start_demo(dir.path());
    app::wait_for_resource_list(&term);

    term.resize(10, 40);
    term.wait_for("a \"too small\" message", SCREEN_TIMEOUT, |screen| {
        // The message may wrap on a narrow screen: compare words, ignoring case.
        let words: Vec<String> = screen
            .contents()
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        words.join(" ").contains("too small")
    });
    term.assert_running();

    term.resize(ROWS, COLS);
    app::wait_for_resource_list(&term);
    term.assert_running();

    app::quit_and_check_restored(&mut term);
}
