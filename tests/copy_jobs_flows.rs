//! Copy jobs through the harness: the tab and a job's details at 80x24, the header's count of
//! failed copies, polling that keeps the user's place, and a completed copy opened (and
//! restored) in its destination Region.

mod harness;

use backup_tui::backend::BackupBackend;
use backup_tui::backend::mock::{MockOptions, Operation};
use backup_tui::domain::copy::CopyRequest;
use backup_tui::domain::{BackupKind, Lifecycle, RecoveryPointStatus};
use futures::StreamExt;
use harness::Harness;

/// The Copy jobs tab of us-east-1, loaded and polled until no job is under way (newest first:
/// acme-media COMPLETED; billing-db and web-server-1, seeded RUNNING and CREATED, COMPLETED by
/// the polls; shared-home FAILED; analytics PARTIAL).
fn copy_jobs(options: MockOptions) -> Harness {
    let mut h = Harness::with(options, 80, 24);
    h.settle()
        .press(":")
        .type_text("copy-jobs")
        .press("enter")
        .settle();
    h.assert_shows("Copy jobs (5)");
    h
}

/// The first line of the screen.
fn header(h: &mut Harness) -> String {
    h.screen().lines().next().unwrap_or_default().to_string()
}

/// Starts a copy of acme-media's newest snapshot in prod-daily straight in the demo account
/// (as another session would), into `vault` of us-east-1, kept `days`.
fn start_copy(h: &Harness, vault: &str, days: i64) -> String {
    let backend: &dyn BackupBackend = h.mock.as_ref();
    let page = futures::executor::block_on(
        backend
            .list_recovery_points_by_vault("us-east-1", "prod-daily")
            .next(),
    )
    .expect("a page")
    .expect("the vault lists");
    let source = page
        .items
        .iter()
        .filter(|rp| {
            &*rp.resource_name == "acme-media"
                && rp.status == RecoveryPointStatus::Completed
                && rp.kind == BackupKind::Snapshot
        })
        .max_by_key(|rp| rp.created)
        .expect("a completed acme-media snapshot");
    let request = CopyRequest {
        region: "us-east-1".into(),
        recovery_point_arn: source.arn.to_string(),
        source_vault_name: "prod-daily".into(),
        destination_vault_arn: format!(
            "arn:aws:backup:us-east-1:123456789012:backup-vault:{vault}"
        ),
        iam_role_arn: "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole"
            .into(),
        idempotency_token: "copy-jobs-flows".into(),
        lifecycle: Some(Lifecycle {
            move_to_cold_storage_after_days: None,
            delete_after_days: Some(days),
        }),
    };
    futures::executor::block_on(backend.start_copy_job(&request)).expect("the copy starts")
}

#[test]
fn the_copy_jobs_tab_and_a_failed_jobs_details_at_80x24() {
    let mut h = copy_jobs(MockOptions::default());
    insta::assert_snapshot!("copy_jobs_80x24", h.screen());
    h.press("j").press("j").press("j");
    insta::assert_snapshot!("copy_jobs_failed_selected_80x24", h.screen());
    h.press("enter").settle();
    insta::assert_snapshot!("copy_job_failed_details_80x24", h.screen());
}

#[test]
fn a_completed_jobs_details_at_80x24() {
    let mut h = copy_jobs(MockOptions::default());
    h.press("enter").settle();
    insta::assert_snapshot!("copy_job_completed_details_80x24", h.screen());
}

#[test]
fn a_failed_copy_says_why_in_the_list_and_first_in_its_details() {
    let mut h = copy_jobs(MockOptions::default());
    h.press("j").press("j").press("j");
    h.assert_shows("FAILED: Cold storage recovery points cannot be copied (shared-home)");
    h.press("enter").settle();
    let screen = h.screen();
    let first_field = screen.lines().nth(3).unwrap_or_default();
    assert!(
        first_field.contains("This copy failed: Cold storage recovery points cannot be"),
        "{screen}"
    );
    assert!(
        h.mock
            .calls()
            .iter()
            .any(|c| c.op == Operation::DescribeCopyJob && c.region == "us-east-1"),
        "the details are refreshed where the job runs"
    );
}

#[test]
fn the_header_counts_failed_and_partial_copies_of_the_region() {
    let mut h = Harness::new();
    h.settle();
    let line = header(&mut h);
    assert!(line.contains("! 2 failed copies"), "{line}");
    assert!(line.contains("acct 123456789012"), "{line}");
    // us-west-2 has no copy jobs: no count at all (not "0").
    h.press(":")
        .type_text("region us-west-2")
        .press("enter")
        .settle();
    let line = header(&mut h);
    assert!(
        line.contains("us-west-2") && !line.contains("failed"),
        "{line}"
    );
    let counted: Vec<String> = h
        .mock
        .calls()
        .into_iter()
        .filter(|c| c.op == Operation::ListCopyJobs)
        .map(|c| c.region)
        .collect();
    assert_eq!(
        counted,
        ["us-east-1", "us-west-2"],
        "one listing per Region"
    );
}

#[test]
fn the_count_fits_beside_a_read_only_badge_at_80_columns() {
    let mut h = Harness::with(
        MockOptions {
            read_only: true,
            ..MockOptions::default()
        },
        80,
        24,
    );
    h.settle();
    let line = header(&mut h);
    assert!(
        line.contains("READ-ONLY")
            && line.contains("acct 123456789012")
            && line.contains("us-east-1")
            && line.trim_end().ends_with("! 2 failed copies"),
        "{line}"
    );
}

#[test]
fn polling_replaces_rows_in_place_keeping_selection_filter_and_sort() {
    let mut h = Harness::new();
    h.settle();
    let job_id = start_copy(&h, "Default", 35);
    h.press(":").type_text("copy-jobs").press("enter");
    // Only the first loads: the first poll stays queued.
    h.settle_pages(1).assert_shows("Copy jobs (6)");
    h.press("/").type_text("prod-daily").press("enter");
    h.press("S"); // oldest first
    // Oldest first: analytics, web-server-1 (seeded CREATED, RUNNING by now), billing-db,
    // acme-media, the new job. The selected row is one the polls change.
    h.press("g").press("j");
    h.assert_shows("[/prod-daily]")
        .assert_shows("[sort Created ^]");
    let before = h.screen();
    assert!(before.contains(" 2/5 "), "{before}");
    let row = |screen: &str| {
        screen
            .lines()
            .find(|l| l.contains("web-server-1"))
            .unwrap_or_default()
            .to_string()
    };
    assert!(row(&before).contains("RUNNING"), "{before}");

    h.settle();
    let after = h.screen();
    let polls = h
        .mock
        .calls()
        .iter()
        .filter(|c| c.op == Operation::ListCopyJobs)
        .count();
    assert!(polls >= 4, "the listing was polled again: {polls} listings");
    // The started job ran to its end while being followed, in its row.
    let started = after
        .lines()
        .find(|l| l.contains("us-east-1/Default"))
        .unwrap_or_default();
    assert!(started.contains("COMPLETED"), "{job_id} ended:\n{after}");
    assert!(row(&after).contains("COMPLETED"), "{after}");
    // The filter, the sort and the selected row are where the user left them.
    assert!(
        after.contains("[/prod-daily]") && after.contains("[sort Created ^]"),
        "{after}"
    );
    assert!(after.contains(" 2/5 "), "{after}");
    h.press("enter").settle();
    assert!(
        h.app
            .crumbs()
            .last()
            .is_some_and(|c| c.starts_with("Copy job ")),
        "{:?}",
        h.app.crumbs()
    );
    h.assert_shows("web-server-1");
}

#[test]
fn the_count_follows_a_copy_that_fails_while_it_is_followed() {
    let mut h = Harness::new();
    h.settle();
    // compliance-locked keeps recovery points 30 days at least: a 10-day copy fails.
    start_copy(&h, "compliance-locked", 10);
    h.press(":").type_text("copy-jobs").press("enter");
    h.settle_pages(1);
    assert!(header(&mut h).contains("! 2 failed copies"));
    h.settle();
    let line = header(&mut h);
    assert!(line.contains("! 3 failed copies"), "{line}");
}

#[test]
fn a_completed_copy_opens_in_its_destination_region_and_restores_there() {
    let mut h = copy_jobs(MockOptions::default());
    h.press("enter").settle();
    h.assert_shows("Press enter to open the copy in ca-central-1");
    h.press("enter").settle();
    let crumbs = h.app.crumbs();
    assert!(
        crumbs
            .last()
            .is_some_and(|c| c.starts_with("Recovery point ")),
        "{crumbs:?}"
    );
    h.assert_shows("dr-canada").assert_shows("COMPLETED");
    let describe = h
        .mock
        .calls()
        .into_iter()
        .find(|c| c.op == Operation::DescribeRecoveryPoint)
        .expect("the copy's point is described");
    assert_eq!(describe.region, "ca-central-1");
    assert_eq!(
        describe
            .target
            .as_deref()
            .map(|t| t.contains(":ca-central-1:")),
        Some(true)
    );

    h.press("r").settle();
    h.assert_shows("Restores run in ca-central-1, the recovery point's Region");
    let metadata = h
        .mock
        .calls()
        .into_iter()
        .find(|c| c.op == Operation::GetRecoveryPointRestoreMetadata)
        .expect("the wizard reads the restore metadata");
    assert_eq!(metadata.region, "ca-central-1");
}

#[test]
fn an_unfinished_copy_has_no_way_to_its_point_yet() {
    let mut h = Harness::new();
    h.settle();
    // Only the first listing loads, before any poll: web-server-1 (seeded CREATED) is RUNNING.
    h.press(":")
        .type_text("copy-jobs")
        .press("enter")
        .settle_pages(1);
    h.assert_shows("1 copy job unfinished: refreshing as they run.");
    h.press("j").press("j").press("enter");
    h.assert_shows("web-server-1")
        .assert_shows("RUNNING")
        .assert_not_shows("Press enter to open the copy");
    let depth = h.app.depth();
    h.press("enter");
    assert_eq!(h.app.depth(), depth, "enter does nothing on a running copy");
    // Once the refresh finds it completed, the way to its copy appears.
    h.settle();
    h.assert_shows("COMPLETED")
        .assert_shows("Press enter to open the copy in us-west-2");
}
