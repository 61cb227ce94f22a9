//! Flow tests: keys through the real app and mock account, asserting screens and backend calls.

mod harness;

use backup_tui::action::Action;
use backup_tui::backend::mock::{Fault, MockOptions, Operation};
use backup_tui::backend::{BackendEvent, MfaReply};
use harness::Harness;

#[test]
fn browse_resource_to_recovery_point_and_back() {
    let mut h = Harness::new();
    h.settle()
        .assert_shows("Protected resources (12)")
        .assert_shows("acme-media");
    h.press("enter")
        .settle()
        .assert_shows("Recovery points (7)")
        .assert_shows("arn:aws:s3:::acme-media");
    assert_eq!(h.app.crumbs(), vec!["Protected resources", "acme-media"]);
    // Enter opens the actions menu; its first entry shows the details.
    h.press("enter")
        .press("enter")
        .settle()
        .assert_shows("Recovery point ARN")
        .assert_shows("CREATING");
    h.press("esc").press("backspace");
    assert_eq!(h.app.crumbs(), vec!["Protected resources"]);
    h.press("q");
    assert!(h.app.should_quit());
}

#[test]
fn the_recovery_point_screen_explains_troubled_statuses() {
    let mut h = Harness::with(MockOptions::default(), 100, 60);
    h.settle().press("enter").settle();
    h.press("/")
        .type_text("STOPPED")
        .press("enter")
        .press("enter")
        .press("enter")
        .settle();
    h.assert_shows("STOPPED")
        .assert_shows("What this status means")
        .assert_shows("versioning is")
        .assert_shows("Restorable")
        .assert_shows("No: the status is STOPPED");
    h.press("esc").press("esc"); // clear the filter, then back
    h.press("/")
        .type_text("EXPIRED")
        .press("enter")
        .press("enter")
        .press("enter")
        .settle();
    h.assert_shows("DeleteRecoveryPoint");
    h.press("esc")
        .press("esc")
        .press("/")
        .type_text("PARTIAL")
        .press("enter")
        .press("enter")
        .press("enter")
        .settle();
    h.assert_shows("backup window");
}

#[test]
fn opening_a_recovery_point_refreshes_it_with_describe() {
    let mut h = Harness::new();
    h.settle()
        .press("enter")
        .settle()
        .press("enter")
        .press("enter")
        .settle();
    // The header's failed-copies count lists copy jobs too; it is not part of this path.
    let calls: Vec<_> = h
        .mock
        .calls()
        .into_iter()
        .filter(|c| c.op != Operation::ListCopyJobs)
        .collect();
    let ops: Vec<Operation> = calls.iter().map(|c| c.op).collect();
    assert_eq!(
        ops,
        vec![
            Operation::ListProtectedResources,
            Operation::ListRecoveryPointsByResource,
            Operation::DescribeRecoveryPoint
        ]
    );
    let describe = &calls[2];
    assert_eq!(describe.region, "us-east-1");
    assert!(describe.target.as_deref().is_some_and(|t| t.starts_with("arn:aws:backup:us-east-1:123456789012:recovery-point:")));
}

#[test]
fn filter_type_filter_and_sort_the_resources() {
    let mut h = Harness::new();
    h.settle();
    h.press("/")
        .type_text("ACME")
        .assert_shows("(2 of 12)")
        .assert_shows("/ACME_");
    h.press("enter")
        .assert_shows("[/ACME]")
        .assert_not_shows("orders");
    h.press("esc").assert_shows("Protected resources (12)");
    h.press("t")
        .assert_shows("[type S3]")
        .assert_shows("(2 of 12)");
    h.press("t")
        .assert_shows("[type DynamoDB]")
        .assert_shows("sessions")
        .assert_not_shows("acme-media");
    h.press("T")
        .press("T")
        .assert_shows("Protected resources (12)");
    h.press("s").assert_shows("[sort Name ^]");
    let screen = h.screen();
    let acme = screen.find("acme-logs").expect("acme-logs shown");
    let web = screen.find("web-server-1").expect("web-server-1 shown");
    assert!(acme < web, "sorted by name:\n{screen}");
    h.press("S").assert_shows("[sort Name v]");
}

#[test]
fn cursor_keys_move_the_selection_and_enter_opens_it() {
    let mut h = Harness::new();
    h.settle()
        .press("j")
        .press("down")
        .press("k")
        .assert_shows(" 2/12 ");
    h.press("G")
        .assert_shows(" 12/12 ")
        .press("g")
        .assert_shows(" 1/12 ");
    h.press("pagedown").assert_shows(" 12/12 ");
    h.press("G").press("enter").settle();
    assert_eq!(h.app.crumbs(), vec!["Protected resources", "gw-volume-01"]);
}

#[test]
fn vaults_open_to_their_recovery_points() {
    let mut h = Harness::new();
    h.settle()
        .press(":")
        .type_text("vaults")
        .press("enter")
        .settle();
    h.assert_shows("Backup vaults in us-east-1 (4)")
        .assert_shows("compliance-locked")
        .assert_shows("Locked (30-3650 days)");
    h.press("/")
        .type_text("prod")
        .press("enter")
        .press("enter")
        .settle();
    h.assert_shows("Backup vault")
        .assert_shows("Recovery points (")
        .assert_shows("billing-db");
    assert_eq!(h.app.crumbs(), vec!["Backup vaults", "prod-daily"]);
}

#[test]
fn region_switch_shows_that_regions_vaults_and_copies() {
    let mut h = Harness::new();
    h.settle()
        .press(":")
        .type_text("region ca-central-1")
        .press("enter")
        .settle();
    h.assert_shows("ca-central-1 Canada (Central)")
        .assert_shows("acme-media");
    h.press(":")
        .type_text("vaults")
        .press("enter")
        .settle()
        .assert_shows("dr-canada");
    h.press("enter")
        .settle()
        .assert_shows("Recovery points (1)");
    h.press(":")
        .type_text("region ap-east-1")
        .press("enter")
        .settle();
    h.assert_shows("Backup vaults in ap-east-1")
        .assert_shows("hk-local");
    h.press(":")
        .type_text("region us-west-1")
        .press("enter")
        .settle();
    h.assert_shows("No backup vaults in us-west-1.");
}

#[test]
fn buckets_show_restore_settings_filter_and_follow_the_region() {
    // Wide enough for the restore columns, which are the first to go at 80 columns.
    let mut h = Harness::with(MockOptions::default(), 160, 30);
    h.settle()
        .press(":")
        .type_text("buckets")
        .press("enter")
        .settle();
    assert_eq!(h.app.crumbs(), vec!["S3 buckets"]);
    h.assert_shows("S3 buckets in us-east-1 (5)")
        .assert_shows("Restore target")
        .assert_shows("acme-analytics-exports");
    // Each bucket's row carries its own versioning state and verdict.
    let screen = h.screen();
    let row = |name: &str| {
        screen
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} shown:\n{screen}"))
            .to_string()
    };
    let site = row("acme-static-site");
    assert!(
        site.contains("Off") && site.contains("needs versioning"),
        "{site}"
    );
    let logs = row("acme-logs");
    assert!(
        logs.contains("Enabled")
            && logs.contains("Disabled (owner enforced)")
            && logs.contains("ok"),
        "{logs}"
    );
    h.press("/")
        .type_text("static")
        .press("enter")
        .assert_shows("(1 of 5)")
        .assert_shows("acme-static-site")
        .assert_not_shows("acme-media");
    h.press("esc").assert_shows("S3 buckets in us-east-1 (5)");
    h.press(":")
        .type_text("region us-west-2")
        .press("enter")
        .settle();
    assert_eq!(h.app.crumbs(), vec!["S3 buckets"]);
    h.assert_shows("S3 buckets in us-west-2 (1)")
        .assert_shows("acme-dr-west")
        .assert_not_shows("acme-media");
    h.press(":")
        .type_text("region ap-east-1")
        .press("enter")
        .settle()
        .assert_shows("No S3 buckets in ap-east-1.");
    let regions: Vec<String> = h
        .mock
        .calls()
        .into_iter()
        .filter(|c| c.op == Operation::ListBuckets)
        .map(|c| c.region)
        .collect();
    assert_eq!(regions, ["us-east-1", "us-west-2", "ap-east-1"]);
}

#[test]
fn buckets_show_the_first_page_at_once_sort_and_retry() {
    let mut h = Harness::with(
        MockOptions {
            page_size: 2,
            ..MockOptions::default()
        },
        80,
        24,
    );
    h.settle().press(":").type_text("s3").press("enter");
    h.assert_shows("Loading S3 buckets in us-east-1");
    h.settle_pages(1)
        .assert_shows("S3 buckets in us-east-1 (2)")
        .assert_shows("loading more");
    h.settle().assert_shows("S3 buckets in us-east-1 (5)");
    h.press("s").assert_shows("[sort Name ^]");
    let screen = h.screen();
    let analytics = screen.find("acme-analytics-exports").expect("shown");
    let static_site = screen.find("acme-static-site").expect("shown");
    assert!(analytics < static_site, "sorted by name:\n{screen}");
    h.mock
        .fail_next(Operation::ListBuckets, Fault::Throttled, 1);
    h.press("r")
        .settle()
        .assert_shows("Throttled: Rate exceeded")
        .assert_shows("Press r to retry");
    h.press("r")
        .settle()
        .assert_shows("S3 buckets in us-east-1 (5)")
        .assert_shows("[sort Name ^]");
}

#[test]
fn jobs_tabs_show_every_state() {
    let mut h = Harness::with(MockOptions::default(), 120, 40);
    h.settle()
        .press(":")
        .type_text("jobs")
        .press("enter")
        .settle();
    for state in [
        "CREATED",
        "PENDING",
        "RUNNING",
        "ABORTING",
        "ABORTED",
        "COMPLETED",
        "FAILED",
        "EXPIRED",
        "PARTIAL",
    ] {
        h.assert_shows(state);
    }
    h.press("tab").assert_shows("Restore jobs (5)");
    h.press("tab")
        .assert_shows("Copy jobs (5)")
        .assert_shows("ca-central-1/dr-canada");
    h.press("/")
        .type_text("failed")
        .press("enter")
        .press("enter");
    h.assert_shows("Cold storage recovery points cannot be copied");
    h.press("esc")
        .press("esc")
        .press("shift-tab")
        .press("shift-tab")
        .assert_shows("Backup jobs (11)");
}

#[test]
fn palette_jumps_straight_to_a_job_tab() {
    let mut h = Harness::new();
    h.settle()
        .press(":")
        .type_text("restore-jobs")
        .press("enter")
        .settle();
    assert_eq!(h.app.crumbs(), vec!["Jobs > Restore jobs"]);
    h.press(":")
        .type_text("cop")
        .press("tab")
        .assert_shows(":copy-jobs_")
        .press("enter")
        .settle();
    assert_eq!(h.app.crumbs(), vec!["Jobs > Copy jobs"]);
}

#[test]
fn an_unknown_command_is_explained_and_the_text_kept() {
    let mut h = Harness::new();
    h.settle().press(":").type_text("vaultz").press("enter");
    h.assert_shows("Unknown command `vaultz`")
        .assert_shows(":vaultz_");
    h.press("backspace")
        .press("s")
        .press("enter")
        .settle()
        .assert_shows("Backup vaults in us-east-1");
}

#[test]
fn help_is_generated_from_the_keymap() {
    let mut h = Harness::with(MockOptions::default(), 100, 40);
    h.settle()
        .press("?")
        .assert_shows("Help: Protected resources")
        .assert_shows("next resource type filter");
    // The palette's commands are below the keys: scrolled into view.
    for _ in 0..10 {
        h.press("j");
    }
    h.assert_shows(":region (reg)")
        .assert_shows(":buckets (bucket, s3)");
    h.press("esc").assert_not_shows("Help:");
}

#[test]
fn throttling_shows_an_error_with_advice_and_r_retries() {
    let mut h = Harness::new();
    h.mock
        .fail_next(Operation::ListProtectedResources, Fault::Throttled, 1);
    h.settle()
        .assert_shows("Throttled: Rate exceeded")
        .assert_shows("Press r to retry");
    h.press("r")
        .settle()
        .assert_shows("Protected resources (12)");
}

#[test]
fn expired_credentials_and_access_denied_say_what_to_do() {
    let mut h = Harness::new();
    h.mock.fail_next(
        Operation::ListProtectedResources,
        Fault::ExpiredCredentials,
        1,
    );
    h.settle()
        .assert_shows("Credentials expired")
        .assert_shows("aws sso login");
    h.mock
        .fail_next(Operation::ListProtectedResources, Fault::AccessDenied, 1);
    h.press("r")
        .settle()
        .assert_shows("Access denied")
        .assert_shows("lacks permission");
    h.mock
        .fail_next(Operation::ListProtectedResources, Fault::Timeout, 1);
    h.press("r").settle().assert_shows("Timed out");
}

#[test]
fn a_failure_mid_pagination_keeps_the_rows_so_far() {
    let mut h = Harness::with(
        MockOptions {
            page_size: 5,
            ..MockOptions::default()
        },
        80,
        24,
    );
    h.mock
        .fail_on_page(Operation::ListProtectedResources, 1, Fault::Network);
    h.settle()
        .assert_shows("Protected resources (5)")
        .assert_shows("Network error")
        .assert_shows("partial list");
    h.press("r")
        .settle()
        .assert_shows("Protected resources (12)")
        .assert_not_shows("Network error");
    let pages: Vec<usize> = h
        .mock
        .calls()
        .iter()
        .filter(|c| c.op == Operation::ListProtectedResources)
        .map(|c| c.page)
        .collect();
    assert_eq!(pages, vec![0, 1, 0, 1, 2]);
}

#[test]
fn pages_arrive_one_by_one_and_the_first_shows_at_once() {
    let mut h = Harness::with(
        MockOptions {
            page_size: 4,
            ..MockOptions::default()
        },
        80,
        24,
    );
    h.assert_shows("Loading protected resources");
    // Run only the first page: the list is usable while the rest loads.
    h.settle_pages(1)
        .assert_shows("Protected resources (4)")
        .assert_shows("loading more");
    h.press("j").assert_shows(" 2/4 ");
    h.settle().assert_shows("Protected resources (12)");
}

#[test]
fn leaving_a_screen_cancels_its_load() {
    let mut h = Harness::new();
    h.settle().press("enter").press("esc");
    let cancels = h
        .effects
        .iter()
        .filter(|e| matches!(e, backup_tui::effect::Effect::Cancel { .. }))
        .count();
    assert_eq!(cancels, 1);
    h.settle();
    assert_eq!(h.app.crumbs(), vec!["Protected resources"]);
}

#[test]
fn a_large_vault_pages_in_and_filters() {
    let mut h = Harness::with(
        MockOptions {
            scale: 5_000,
            ..MockOptions::default()
        },
        100,
        30,
    );
    h.settle()
        .press(":")
        .type_text("vaults")
        .press("enter")
        .settle();
    h.press("/")
        .type_text("bulk")
        .press("enter")
        .press("enter")
        .settle();
    h.assert_shows("Recovery points (5000)");
    h.press("/")
        .type_text("synthetic-vol-00007")
        .press("enter")
        .assert_shows("(100 of 5000)");
    assert!(
        h.mock
            .calls()
            .iter()
            .filter(|c| c.op == Operation::ListRecoveryPointsByBackupVault)
            .count()
            == 5
    );
}

#[test]
fn dynamodb_backups_say_who_manages_them() {
    let mut h = Harness::with(MockOptions::default(), 100, 50);
    h.settle()
        .press("/")
        .type_text("sessions")
        .press("enter")
        .press("enter")
        .settle()
        .press("enter")
        .press("enter")
        .settle();
    h.assert_shows("arn:aws:dynamodb:us-east-1:123456789012:table/sessions/backup/")
        .assert_shows("DynamoDB (the console");
    h.press("esc")
        .press("esc")
        .press("esc")
        .press("esc")
        .press("/")
        .type_text("orders")
        .press("enter")
        .press("enter")
        .settle();
    h.press("enter")
        .press("enter")
        .settle()
        .assert_shows("AWS Backup (advanced DynamoDB backup)");
}

/// The footer line (the last row).
fn footer(h: &mut Harness) -> String {
    h.screen().lines().last().unwrap_or_default().to_string()
}

#[test]
fn a_failed_recovery_point_list_offers_the_reload_it_asks_for_and_r_does_it() {
    let mut h = Harness::new();
    h.settle();
    h.mock
        .fail_next(Operation::ListRecoveryPointsByResource, Fault::Throttled, 1);
    h.press("enter").settle().assert_shows("Press r to retry");
    let hints = footer(&mut h);
    assert!(hints.contains("r reload"), "{hints}");
    assert!(!hints.contains("restore"), "{hints}");
    // r, as both say, loads the list again (and opens no restore).
    h.press("r").settle().assert_shows("Recovery points (7)");
    let hints = footer(&mut h);
    assert!(hints.contains("r restore"), "{hints}");
    assert_eq!(h.app.crumbs(), vec!["Protected resources", "acme-media"]);
}

#[test]
fn a_long_help_line_wraps_under_itself_and_scrolls_to_its_end_at_80x24() {
    let mut h = Harness::new();
    h.settle().press("?");
    for _ in 0..200 {
        h.press("j");
    }
    let screen = h.screen();
    let at = screen
        .lines()
        .position(|l| l.contains(":batch (batch-jobs, s3-batch)  S3 Batch Operations jobs"))
        .unwrap_or_else(|| panic!("the :batch line:\n{screen}"));
    let next = screen.lines().nth(at + 1).unwrap_or_default();
    let start = |l: &str| l.find("S3 Batch").or_else(|| l.find("Replication)"));
    assert!(next.contains("Replication)"), "continued:\n{screen}");
    assert_eq!(
        start(next),
        screen.lines().nth(at).and_then(start),
        "under its own start:\n{screen}"
    );
    h.assert_shows(":quit (q, exit)  Quit backup-tui");
    // Scrolling stopped at the end: one k moves the text at once.
    h.press("k");
    assert_ne!(h.screen(), screen, "k scrolls back straight away");
}

#[test]
fn keys_typed_on_the_too_small_screen_change_nothing_and_q_quits() {
    let mut h = Harness::new();
    h.settle()
        .press(":")
        .type_text("buckets")
        .press("enter")
        .settle()
        .press("n")
        .settle();
    h.assert_shows("Create S3 bucket").type_text("finance");
    let crumbs = h.app.crumbs();
    let before = h.screen();
    assert!(before.contains("finance"), "{before}");
    h.resize(50, 12).assert_shows("Terminal too small");
    h.type_text("xyz")
        .press("enter")
        .press("backspace")
        .press("esc")
        .press("esc")
        .press(":")
        .press("?")
        .settle();
    h.resize(80, 24);
    assert_eq!(
        h.screen(),
        before,
        "the draft and the wizard are as they were"
    );
    assert_eq!(h.app.crumbs(), crumbs);
    assert!(!h.app.should_quit());
    h.resize(50, 12).press("q");
    assert!(h.app.should_quit(), "q quits from the too-small screen");
}

#[test]
fn the_mfa_prompt_is_a_dialog_whose_keys_show_at_80x24_and_60x20() {
    let mut h = Harness::new();
    h.settle();
    let declined = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (reply, _answer) = MfaReply::new(declined);
    h.act(Action::Backend(BackendEvent::MfaNeeded {
        profile: "production-admin".into(),
        serial: "arn:aws:iam::123456789012:mfa/operator-on-call-hardware-token".into(),
        reply,
    }));
    h.type_text("12x");
    h.assert_shows("MFA code:")
        .assert_shows("12_")
        .assert_shows("The MFA code is 6 digits; 'x' is not a digit.")
        .assert_shows("enter send   esc cancel");
    snap_dialog!(h, "mfa_code");
}
