//! Jumping in from the command line: `--resource` opens a resource's recovery points (by name
//! or ARN, or says it is not there), `--screen` opens a section.

mod harness;

use backup_tui::palette::{JobTab, Section};
use harness::Harness;

#[test]
fn a_resource_named_on_the_command_line_opens_its_recovery_points() {
    let mut h = Harness::new();
    h.start_at(Section::Resources, Some("acme-media")).settle();
    assert_eq!(
        h.app.crumbs(),
        ["Protected resources", "acme-media"],
        "the resource's page is on top of the list"
    );
    h.assert_shows("Recovery points")
        .assert_shows("arn:aws:s3:::acme-media")
        .assert_shows("EXPIRED");
    // Esc goes back to the list it was found in.
    h.press("esc").settle();
    assert_eq!(h.app.crumbs(), ["Protected resources"]);
}

#[test]
fn a_resource_is_found_by_its_arn_too() {
    let mut h = Harness::new();
    h.start_at(Section::Resources, Some("arn:aws:s3:::acme-media"))
        .settle();
    assert_eq!(h.app.crumbs(), ["Protected resources", "acme-media"]);
}

#[test]
fn an_unknown_resource_is_named_and_the_list_stays() {
    let mut h = Harness::new();
    h.start_at(Section::Resources, Some("no-such-bucket"))
        .settle();
    assert_eq!(h.app.crumbs(), ["Protected resources"]);
    let notice = h.app.notice.clone().expect("a notice");
    assert!(notice.is_error);
    assert_eq!(
        notice.text,
        "No protected resource named no-such-bucket in us-east-1: choose one below."
    );
    h.assert_shows("acme-media");
}

#[test]
fn a_resource_on_a_later_page_is_still_found() {
    // One resource per page: the jump waits for the page that has it.
    let mut h = Harness::with(
        backup_tui::backend::mock::MockOptions {
            page_size: 1,
            ..Default::default()
        },
        80,
        24,
    );
    h.start_at(Section::Resources, Some("orders")).settle();
    assert_eq!(h.app.crumbs(), ["Protected resources", "orders"]);
}

#[test]
fn a_screen_named_on_the_command_line_opens_that_section() {
    let mut h = Harness::new();
    h.start_at(Section::Plans, None).settle();
    assert_eq!(h.app.crumbs(), ["Backup plans"]);
    h.assert_shows("daily-35d-retention");

    let mut h = Harness::new();
    h.start_at(Section::Jobs(JobTab::Copy), None).settle();
    h.assert_shows("Copy jobs");
}
