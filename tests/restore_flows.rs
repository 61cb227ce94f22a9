//! Restore flows through the harness: open, fill, review, confirm, submit once, follow the job.

mod harness;

use backup_tui::backend::mock::{MockOptions, Operation};
use backup_tui::effect::{Effect, Query};
use harness::Harness;

/// Opens the restore wizard on acme-media's newest COMPLETED snapshot.
fn s3_wizard() -> Harness {
    let mut h = Harness::with(MockOptions::default(), 100, 40);
    h.settle().press("enter").settle();
    h.press("j")
        .press("enter")
        .press("j")
        .press("enter")
        .settle();
    h.assert_shows("Restore S3 bucket acme-media");
    h
}

#[test]
fn an_unrestorable_point_says_why_instead_of_opening_a_wizard() {
    let mut h = Harness::new();
    h.settle().press("enter").settle();
    h.press("r").assert_shows("still being created");
    h.press("/").type_text("EXPIRED").press("enter").press("r");
    h.assert_shows("EXPIRED: its retention ended");
    assert_eq!(h.app.crumbs(), vec!["Protected resources", "acme-media"]);
}

#[test]
fn item_level_s3_restore_into_a_new_bucket_with_a_chosen_key_runs_to_completion() {
    let mut h = s3_wizard();
    h.press("right")
        .press("down")
        .type_text("s3://acme-media/photos/cat.jpg");
    h.press("down")
        .press("enter")
        .type_text("s3://acme-media/docs/a.pdf")
        .press("enter");
    h.assert_shows("2 Destination");
    h.press("right")
        .press("right")
        .press("down")
        .type_text("acme-restored-2026")
        .press("enter");
    h.press("right")
        .press("right")
        .press("down")
        .press("right")
        .press("down")
        .press("enter");
    h.assert_shows("Choose (type to filter");
    h.type_text("restore-data").press("enter").press("enter");
    h.press("enter"); // role: the default
    h.assert_shows("StartRestoreJob request")
        .assert_shows("aws backup start-restore-job");
    h.press("c").settle();
    assert!(
        h.clipboard
            .last()
            .is_some_and(|c| c.starts_with("aws backup start-restore-job"))
    );
    h.press("enter")
        .assert_shows("Start this restore job in us-east-1?");
    h.press("y").settle();
    let sent = h.mock.restore_requests();
    assert_eq!(sent.len(), 1, "one request");
    let m = &sent[0].metadata;
    assert_eq!(m["DestinationBucketName"], "acme-restored-2026");
    assert_eq!(m["NewBucket"], "true");
    assert_eq!(m["EncryptionType"], "SSE-KMS");
    assert!(m["KMSKey"].ends_with(":key/7c3d2e1f-5a6b-4c8d-9e0f-1a2b3c4d5e6f"));
    assert_eq!(
        m["ItemsToRestore"],
        r#"["s3://acme-media/photos/cat.jpg","s3://acme-media/docs/a.pdf"]"#
    );
    // The app followed the job on the Restore jobs tab until it completed.
    assert_eq!(h.app.crumbs(), vec!["Jobs > Restore jobs"]);
    let screen = h.screen();
    let row = screen
        .lines()
        .find(|l| l.contains("00000001-DE40"))
        .expect("the new job is listed");
    assert!(
        row.contains("COMPLETED") && row.contains("100%"),
        "the polled state is shown: {row}"
    );
    let polls = h
        .mock
        .calls()
        .iter()
        .filter(|c| c.op == Operation::DescribeRestoreJob)
        .count();
    assert_eq!(polls, 4, "polled until the job ended");
    let restore_poll_waits: Vec<u64> = h
        .effects
        .iter()
        .filter_map(|e| match e {
            Effect::Poll {
                after,
                query: Query::DescribeRestoreJob { .. },
                ..
            } => Some(after.as_secs()),
            _ => None,
        })
        .collect();
    assert!(
        restore_poll_waits.contains(&8),
        "backs off: {restore_poll_waits:?}"
    );
}

#[test]
fn a_refused_restore_keeps_the_draft_and_a_retry_reuses_the_token() {
    let mut h = s3_wizard();
    h.press("enter"); // entire bucket
    h.press("right").press("down").press("enter"); // existing bucket: open the list
    h.type_text("static").press("enter");
    h.assert_shows("Versioning is off");
    // Pick a good bucket, then force AWS to refuse once with throttling.
    h.press("space")
        .type_text("staging")
        .press("enter")
        .press("enter")
        .press("enter")
        .press("enter");
    h.mock.fail_next(
        Operation::StartRestoreJob,
        backup_tui::backend::mock::Fault::Throttled,
        1,
    );
    h.press("enter").press("y").settle();
    h.assert_shows("Throttled").assert_shows("Review");
    h.press("enter").press("y").settle();
    let sent = h.mock.restore_requests();
    assert_eq!(sent.len(), 2);
    assert_eq!(
        sent[0].idempotency_token, sent[1].idempotency_token,
        "same token on retry"
    );
    assert_eq!(
        sent[1].metadata["DestinationBucketName"],
        "acme-restore-staging"
    );
}

#[test]
fn restoring_into_the_source_bucket_takes_a_typed_confirmation() {
    let mut h = s3_wizard();
    h.press("enter")
        .press("enter")
        .press("enter")
        .press("enter");
    h.press("enter").assert_shows("Type acme-media");
    snap_dialog!(h, "restore_into_source");
    h.type_text("acme-medi").press("enter");
    assert!(
        h.mock.restore_requests().is_empty(),
        "a wrong word starts nothing"
    );
    h.type_text("a").press("enter").settle();
    assert_eq!(h.mock.restore_requests().len(), 1);
}

#[test]
fn a_wrong_bucket_name_says_what_to_type_and_keeps_the_text() {
    let mut h = s3_wizard();
    h.press("enter")
        .press("enter")
        .press("enter")
        .press("enter");
    h.press("enter").type_text("acme-medi").press("enter");
    h.assert_shows("That is not the bucket's name: type acme-media to confirm.")
        .assert_shows("acme-medi_");
    assert!(h.mock.restore_requests().is_empty(), "nothing sent");
    snap_dialog!(h, "restore_into_source_wrong");
    // Typing goes on from what was kept; the message goes once the text changes.
    h.type_text("a");
    h.assert_shows("acme-media_")
        .assert_not_shows("That is not the bucket's name");
    h.press("enter").settle();
    assert_eq!(h.mock.restore_requests().len(), 1);
}

#[test]
fn esc_on_an_edited_first_step_asks_before_discarding() {
    let mut h = s3_wizard();
    h.press("right")
        .press("esc")
        .assert_shows("Discard this draft?")
        .assert_shows("y discard   any other key keeps editing");
    snap_dialog!(h, "discard_draft");
    h.press("n").assert_shows("Item-level restore");
    h.press("esc").press("y");
    assert_eq!(h.app.crumbs(), vec!["Protected resources", "acme-media"]);
}

/// Every step of the S3 wizard at 80x24, the design size.
#[test]
fn s3_wizard_steps_at_80x24() {
    let mut h = Harness::new();
    h.settle().press("enter").settle().press("j").press("enter");
    insta::assert_snapshot!("restore_actions_menu_80x24", h.screen());
    h.press("j").press("enter");
    insta::assert_snapshot!("restore_loading_80x24", h.screen());
    h.settle();
    h.press("right")
        .press("down")
        .type_text("s3://other-bucket/x")
        .press("enter");
    insta::assert_snapshot!("restore_s3_settings_error_80x24", h.screen());
    h.press("ctrl-u")
        .type_text("s3://acme-media/photos/cat.jpg")
        .press("enter");
    h.press("right")
        .press("right")
        .press("down")
        .type_text("acme-restored-2026");
    insta::assert_snapshot!("restore_s3_destination_80x24", h.screen());
    h.press("enter")
        .press("right")
        .press("right")
        .press("down")
        .press("right")
        .press("down");
    h.press("enter");
    insta::assert_snapshot!("restore_s3_key_picker_80x24", h.screen());
    h.press("enter").press("enter");
    insta::assert_snapshot!("restore_s3_role_80x24", h.screen());
    h.press("enter");
    insta::assert_snapshot!("restore_s3_review_80x24", h.screen());
    h.press("enter");
    insta::assert_snapshot!("restore_s3_confirm_80x24", h.screen());
    snap_dialog!(h, "start_restore");
}

#[test]
fn dynamodb_restore_to_a_new_table_refuses_an_existing_name_then_completes() {
    let mut h = Harness::with(MockOptions::default(), 100, 40);
    h.settle()
        .press("/")
        .type_text("orders")
        .press("enter")
        .press("enter")
        .settle();
    h.press("r").settle().assert_shows("New table name");
    h.type_text("sessions").press("enter");
    h.assert_shows("already exists");
    h.press("ctrl-u")
        .type_text("orders-restored")
        .press("enter");
    h.press("enter").press("enter"); // encryption: DynamoDB-owned key, role: default
    h.assert_shows("StartRestoreJob request");
    h.press("enter").press("y").settle();
    let sent = h.mock.restore_requests();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].metadata["targetTableName"], "orders-restored");
    assert_eq!(sent[0].metadata["encryptionType"], "Default");
    h.assert_shows("Restore jobs").assert_shows("COMPLETED");
    assert!(
        h.app
            .notice
            .as_ref()
            .is_some_and(|n| n.text.contains("COMPLETED: created orders-restored")),
        "the notice names the created table"
    );
}

/// Walks a wizard from its first step to the review with the defaults (after `fill`),
/// snapshotting every step at 80x24.
fn snapshot_steps(resource: &str, name: &str, fill: impl Fn(&mut Harness, usize)) {
    let mut h = Harness::new();
    h.settle()
        .press("/")
        .type_text(resource)
        .press("enter")
        .press("enter")
        .settle();
    h.press("/")
        .type_text("COMPLETED")
        .press("enter")
        .press("r")
        .settle();
    for step in 0..8 {
        fill(&mut h, step);
        let screen = h.screen();
        insta::assert_snapshot!(format!("restore_{name}_step{step}_80x24"), screen);
        if screen.contains("StartRestoreJob request") {
            return;
        }
        h.press("enter");
    }
    panic!(
        "the {name} wizard never reached its review:\n{}",
        h.screen()
    );
}

#[test]
fn every_wizard_step_at_80x24() {
    snapshot_steps("orders", "dynamodb", |h, step| {
        if step == 0 {
            h.type_text("orders-restored");
        }
    });
    snapshot_steps("web-server-1", "ec2", |_, _| {});
    snapshot_steps("shared-home", "efs", |_, _| {});
    snapshot_steps("billing-db", "rds", |h, step| {
        if step == 0 {
            h.press("ctrl-u").type_text("billing-db-restored");
        }
    });
    snapshot_steps("analytics", "aurora", |_, _| {});
    snapshot_steps("vol-data-01", "ebs", |_, _| {});
    snapshot_steps("fsx-windows-share", "fsx", |_, _| {});
    snapshot_steps("gw-volume-01", "storage_gateway", |_, _| {});
}

/// The S3 wizard at its review, in a read-only session, after an item-level draft.
fn read_only_review() -> Harness {
    let mut h = Harness::with(
        MockOptions {
            read_only: true,
            ..MockOptions::default()
        },
        100,
        40,
    );
    h.settle().assert_shows("READ-ONLY");
    h.press("enter").settle();
    h.press("j")
        .press("enter")
        .press("j")
        .press("enter")
        .settle();
    h.assert_shows("Restore S3 bucket acme-media");
    // Item-level into a new bucket, default key and role: the same path as above.
    h.press("right")
        .press("down")
        .type_text("s3://acme-media/photos/cat.jpg")
        .press("enter");
    h.press("right")
        .press("right")
        .press("down")
        .type_text("acme-restored-2026")
        .press("enter");
    h.press("enter").press("enter");
    h.assert_shows("aws backup start-restore-job");
    h
}

fn nothing_was_sent(h: &Harness) {
    assert!(
        h.mock.restore_requests().is_empty(),
        "nothing reached the account"
    );
    assert!(
        !h.effects.iter().any(|e| matches!(e, Effect::Submit { .. })),
        "the app never asked the runtime to send it"
    );
}

#[test]
fn read_only_walks_the_wizard_and_copies_the_command_but_cannot_start() {
    let mut h = read_only_review();
    h.press("enter")
        .assert_shows("Read-only session: nothing can be changed")
        .assert_not_shows("Start this restore job");
    h.press("c").settle();
    assert!(
        h.clipboard
            .last()
            .is_some_and(|c| c.starts_with("aws backup start-restore-job"))
    );
    nothing_was_sent(&h);
}

#[test]
fn a_screen_that_forgets_read_only_is_still_stopped_by_the_app() {
    let mut h = read_only_review();
    // As if the wizard did not check: the app's own filter must still refuse the write.
    h.app.session.read_only = false;
    h.press("enter")
        .assert_shows("Start this restore job in us-east-1?");
    h.press("y").settle();
    h.assert_shows("Read-only");
    nothing_was_sent(&h);
    // The draft is still there: still on the wizard's review.
    h.assert_shows("aws backup start-restore-job");
}

#[test]
fn a_list_that_cannot_be_read_leaves_the_wizard_open_with_a_way_around() {
    let mut h = Harness::with(MockOptions::default(), 100, 40);
    h.settle().press("enter").settle();
    h.mock.fail_next(
        Operation::ListRoles,
        backup_tui::backend::mock::Fault::AccessDenied,
        1,
    );
    h.press("j")
        .press("enter")
        .press("j")
        .press("enter")
        .settle();
    h.assert_shows("Restore S3 bucket acme-media")
        .assert_shows("IAM roles could not be listed (Access denied")
        .assert_shows("enter a role ARN instead");
    // The metadata itself is not optional: without it there is nothing to restore from.
    let mut h = Harness::with(MockOptions::default(), 100, 40);
    h.settle().press("enter").settle();
    h.mock.fail_next(
        Operation::GetRecoveryPointRestoreMetadata,
        backup_tui::backend::mock::Fault::AccessDenied,
        1,
    );
    h.press("j")
        .press("enter")
        .press("j")
        .press("enter")
        .settle();
    h.assert_shows("Access denied")
        .assert_shows("Press r to retry")
        .assert_not_shows("Restore S3 bucket acme-media");
}
