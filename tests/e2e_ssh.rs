//! End-to-end tests of the real backup-tui binary over SSH: a private sshd on 127.0.0.1, ssh -tt in a PTY.

#[path = "support/app.rs"]
mod app;
#[path = "support/pty.rs"]
mod pty;
#[path = "support/sshd.rs"]
mod sshd;

use pty::PtySession;
use sshd::{Sshd, shell_quote};

/// Browses resources → recovery points → back → quit through ssh with the given TERM.
fn browse_over_ssh(term_name: &str) {
    let dir = tempfile::tempdir().expect("create a temp dir");
    let server = Sshd::start(dir.path());

    let remote_command = std::iter::once(app::BIN.to_string())
        .chain(app::demo_args(dir.path()))
        .map(|arg| shell_quote(&arg))
        .collect::<Vec<_>>()
        .join(" ");
    // Declared after `server`, so it drops (killing ssh) before sshd is stopped.
    let mut term = PtySession::spawn(server.ssh_command(&remote_command, term_name));
    term.dump_on_failure(dir.path().join("log"));
    term.dump_on_failure(server.log_path());

    app::browse_resource_details(&term);
    app::quit_and_check_restored(&mut term);
}

#[test]
fn browse_over_ssh_with_xterm_256color() {
    browse_over_ssh("xterm-256color");
}

#[test]
fn browse_over_ssh_with_xterm() {
    browse_over_ssh("xterm");
}
