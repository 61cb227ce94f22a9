//! Batch Replication flows through the harness at 80x24: the `:batch` jobs list, a job's page
//! and its completion report, the job wizard step by step to a job awaiting confirmation, and
//! confirming, cancelling and re-prioritising a job (each sent once, exactly as reviewed).

mod harness;

use backup_tui::domain::WriteRequest;
use backup_tui::domain::batch::{JobChange, JobUpdateRequest, Manifest};
use backup_tui::effect::Effect;
use harness::Harness;

/// The Batch Operations jobs of us-east-1, loaded (and followed to their ends).
fn batch() -> Harness {
    let mut h = Harness::new();
    h.settle()
        .press(":")
        .type_text("batch")
        .press("enter")
        .settle();
    h
}

/// Every request the app sent, in order.
fn sent(h: &Harness) -> Vec<WriteRequest> {
    h.effects
        .iter()
        .filter_map(|e| match e {
            Effect::Submit { request, .. } => Some((**request).clone()),
            _ => None,
        })
        .collect()
}

fn updates(h: &Harness) -> Vec<JobUpdateRequest> {
    sent(h)
        .into_iter()
        .filter_map(|r| match r {
            WriteRequest::UpdateBatchJob(u) => Some(u),
            _ => None,
        })
        .collect()
}

/// Picks `choice` in the open pick list by typing it.
fn pick(h: &mut Harness, choice: &str) {
    h.press("enter").type_text(choice).press("enter").settle();
}

/// From `:batch`, a job for acme-logs' existing objects that waits for confirmation, created.
fn create_job(h: &mut Harness) {
    h.press("n").settle();
    pick(h, "acme-logs");
    h.press("enter").settle(); // Source → Manifest
    h.assert_shows("Source: acme-logs");
    h.press("enter"); // Manifest → Report
    h.press("down");
    pick(h, "acme-logs");
    h.press("enter"); // Report → Options
    h.press("down").press("down").press("down");
    pick(h, "s3-batch-replication");
    h.press("enter"); // Options → Review
    h.assert_shows("Review");
    h.press("enter").press("y").settle();
}

#[test]
fn the_jobs_list_a_job_and_its_completion_report() {
    let mut h = batch();
    h.assert_shows("Batch Operations jobs in us-east-1")
        .assert_shows("Complete");
    insta::assert_snapshot!("batch_jobs_80x24", h.screen());
    h.press("/")
        .type_text("Backfill")
        .press("enter")
        .press("enter")
        .settle();
    h.assert_shows("Completion report");
    insta::assert_snapshot!("batch_job_80x24", h.screen());
    h.press("o").settle();
    h.assert_shows("AccessDenied: Access Denied");
    insta::assert_snapshot!("batch_report_80x24", h.screen());
}

#[test]
fn every_wizard_step_at_80x24() {
    let mut h = batch();
    h.press("n").settle();
    insta::assert_snapshot!("wizard_source_80x24", h.screen());
    pick(&mut h, "acme-logs");
    h.press("enter").settle();
    // Only objects that never replicated or failed to.
    h.press("down").press("down").press("down").press("right");
    h.press("down").press("right");
    insta::assert_snapshot!("wizard_manifest_80x24", h.screen());
    h.press("enter");
    insta::assert_snapshot!("wizard_report_80x24", h.screen());
    h.press("right").press("right"); // No report
    h.assert_shows("Without a completion report");
    h.press("enter");
    insta::assert_snapshot!("wizard_options_80x24", h.screen());
    h.press("down").press("down").press("down");
    pick(&mut h, "s3-batch-replication");
    h.press("enter");
    insta::assert_snapshot!("wizard_review_80x24", h.screen());
    h.press("enter");
    h.assert_shows("y create job");
    snap_dialog!(h, "create_batch_job");
    h.press("y").settle();
    let created: Vec<_> = sent(&h)
        .into_iter()
        .filter_map(|r| match r {
            WriteRequest::CreateBatchJob(j) => Some(j),
            _ => None,
        })
        .collect();
    assert_eq!(created.len(), 1, "one CreateJob");
    let job = &created[0];
    assert_eq!(job.source_bucket, "acme-logs");
    assert!(job.confirmation_required);
    assert_eq!(job.report, None);
    let Manifest::Generated { filter, save_to } = &job.manifest else {
        panic!("a generated manifest: {job:?}");
    };
    assert_eq!(filter.replication_statuses, ["NONE", "FAILED"]);
    assert_eq!(save_to, &None);
    // Followed until S3 prepared it: then (and not before) it says to confirm.
    h.assert_shows("awaits your confirmation: open it on :batch, then c.");
}

#[test]
fn a_source_without_replication_is_refused() {
    let mut h = batch();
    h.press("n").settle();
    pick(&mut h, "acme-media");
    h.press("enter").settle();
    h.assert_shows("add a replication rule first");
}

#[test]
fn confirm_sends_update_job_status_ready_once() {
    let mut h = batch();
    create_job(&mut h);
    h.assert_shows("Awaiting confirmation");
    h.press("/")
        .type_text("Awaiting")
        .press("enter")
        .press("enter")
        .settle();
    h.press("c");
    h.assert_shows("UpdateJobStatus request");
    insta::assert_snapshot!("batch_confirm_80x24", h.screen());
    snap_dialog!(h, "confirm_batch_job");
    h.press("y").settle();
    let updates = updates(&h);
    assert_eq!(updates.len(), 1, "{updates:?}");
    assert_eq!(updates[0].change, JobChange::Confirm);
    h.assert_shows("AWS accepted the change");
    h.assert_not_shows("Awaiting confirmation");
    // The page kept describing the job while it ran, to its end; the app followed it too.
    let screen = h.screen();
    let status = screen
        .lines()
        .find(|l| l.contains("Status "))
        .unwrap_or_default();
    assert!(status.contains("Complete"), "{screen}");
    let notice = h.app.notice.clone().expect("the end announced");
    assert!(
        notice.text.starts_with("Batch job ") && notice.text.contains(" Complete"),
        "{}",
        notice.text
    );
    // A second c is refused: the job no longer awaits confirmation.
    h.press("c").settle();
    assert_eq!(self::updates(&h).len(), 1);
}

#[test]
fn cancel_and_priority_are_sent_after_their_confirmation() {
    let mut h = batch();
    create_job(&mut h);
    h.press("/")
        .type_text("Awaiting")
        .press("enter")
        .press("enter")
        .settle();
    h.press("p")
        .press("backspace")
        .press("backspace")
        .type_text("42");
    snap_dialog!(h, "batch_job_priority");
    h.press("enter");
    h.assert_shows("UpdateJobPriority request");
    h.press("y").settle();
    h.press("x");
    snap_dialog!(h, "cancel_batch_job");
    h.press("n").settle();
    assert_eq!(updates(&h).len(), 1, "n sends nothing");
    h.press("x").press("y").settle();
    let changes: Vec<JobChange> = updates(&h).into_iter().map(|u| u.change).collect();
    assert_eq!(changes, [JobChange::Priority(42), JobChange::Cancel]);
    h.assert_shows("Cancel");
}

#[test]
fn the_help_lists_the_batch_keys() {
    let mut h = batch();
    h.press("?");
    h.assert_shows("confirm the batch job");
}
