//! End-to-end jumps from the command line with the real binary in an 80x24 pseudo-terminal,
//! `--demo`: `--resource` opens a resource's recovery points, `--screen` a section, and
//! `--region` applies to both.

#[path = "support/app.rs"]
mod app;
#[path = "support/pty.rs"]
mod pty;

use app::ESC;

#[test]
fn resource_flag_opens_its_recovery_points_and_esc_returns_to_the_list() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut term = app::spawn_demo_audited(dir.path(), &["--resource", "acme-media"]);
    term.wait_for_text("Recovery points (7)", pty::SCREEN_TIMEOUT);
    term.wait_for_text("arn:aws:s3:::acme-media", pty::SCREEN_TIMEOUT);
    term.send_keys(ESC);
    app::wait_for_resource_list(&term);
    app::quit_and_check_restored(&mut term);
}

#[test]
fn screen_and_region_flags_open_that_section_in_that_region() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut term = app::spawn_demo_audited(
        dir.path(),
        &["--screen", "plans", "--region", "eu-central-1"],
    );
    term.wait_for_text("eu-daily", pty::SCREEN_TIMEOUT);
    term.wait_for_text("eu-central-1", pty::SCREEN_TIMEOUT);
    assert!(
        !term.screen().contents().contains("daily-35d-retention"),
        "only the plans of eu-central-1"
    );
    app::quit_and_check_restored(&mut term);
}

#[test]
fn a_resource_of_another_region_is_found_with_region() {
    // dr-canada holds copies of acme-media: in ca-central-1 it is a protected resource too.
    let dir = tempfile::tempdir().expect("tempdir");
    let mut term = app::spawn_demo_audited(
        dir.path(),
        &["--region", "ca-central-1", "--resource", "acme-media"],
    );
    term.wait_for_text("Recovery points (", pty::SCREEN_TIMEOUT);
    term.wait_for_text("dr-canada", pty::SCREEN_TIMEOUT);
    term.send_keys(ESC);
    term.wait_for_text("Protected resources (1)", pty::SCREEN_TIMEOUT);
    app::quit_and_check_restored(&mut term);
}
