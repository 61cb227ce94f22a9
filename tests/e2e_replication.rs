//! End-to-end, seed tutorial 003 in an 80x24 pseudo-terminal, `--demo`: versioning on a bucket
//! in eu-central-1, a versioned bucket made in us-west-2, a replication rule filtered to
//! `Finance/`, then a Batch Replication job for the existing objects that waits for
//! confirmation, is confirmed, runs to Complete, and whose completion report is opened.

#[path = "support/app.rs"]
mod app;
#[path = "support/pty.rs"]
mod pty;

use app::{DOWN, ENTER, keys};
use std::time::Duration;

/// Demo jobs advance as they are polled (1 s, 2 s, 4 s … apart).
const JOB_TIMEOUT: Duration = Duration::from_secs(40);

#[test]
fn the_seed_tutorial_replicates_finance_and_backfills_existing_objects() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut term = app::spawn_demo_audited(dir.path(), &["--region", "eu-central-1"]);
    term.wait_for_text("eu-central-1", pty::SCREEN_TIMEOUT);
    keys(&term, &[b":", b"buckets", ENTER]);
    term.wait_for_text("S3 buckets in eu-central-1 (2)", pty::SCREEN_TIMEOUT);

    // 1. Versioning on the source, after its review.
    keys(&term, &[b"/", b"acme-finance-eu", ENTER, b"v"]);
    term.wait_for_text("PutBucketVersioning request", pty::SCREEN_TIMEOUT);
    keys(&term, &[ENTER, b"y"]);
    term.wait_for_text(
        "Versioning enabled on acme-finance-eu.",
        pty::SCREEN_TIMEOUT,
    );

    // 2. A versioned destination bucket in us-west-2.
    keys(&term, &[b"n"]);
    term.wait_for_text("Create S3 bucket", pty::SCREEN_TIMEOUT);
    keys(&term, &[b"acme-finance-replica-e2e", DOWN, b" "]);
    term.wait_for_text("Choose (type to filter", pty::SCREEN_TIMEOUT);
    keys(&term, &[b"us-west-2", ENTER, ENTER]);
    term.wait_for_text("1. CreateBucket request", pty::SCREEN_TIMEOUT);
    keys(&term, &[ENTER, b"y"]);
    // The session stays in eu-central-1, where the source bucket is, and says so.
    term.wait_for_text(
        "Bucket acme-finance-replica-e2e created in us-west-2; still in eu-central-1.",
        pty::SCREEN_TIMEOUT,
    );
    term.wait_for_text("S3 buckets in eu-central-1 (2)", pty::SCREEN_TIMEOUT);

    // 3. The rule on the source: prefix Finance/, to the new bucket, with a replication role.
    keys(&term, &[b"/", b"acme-finance-eu", ENTER]);
    term.wait_for_text("(1 of 2) [/acme-finance-eu]", pty::SCREEN_TIMEOUT);
    keys(&term, &[ENTER]);
    term.wait_for_text("S3 bucket acme-finance-eu", pty::SCREEN_TIMEOUT);
    keys(&term, &[b"n"]);
    term.wait_for_text(
        "Add a replication rule to acme-finance-eu",
        pty::SCREEN_TIMEOUT,
    );
    keys(
        &term,
        &[
            b"finance",
            DOWN,
            DOWN,
            DOWN,
            app::RIGHT,
            DOWN,
            b"Finance/",
            ENTER,
        ],
    );
    term.wait_for_text("Destination Region", pty::SCREEN_TIMEOUT);
    keys(&term, &[b" ", b"us-west-2", ENTER]);
    term.wait_for_text("Cross-Region Replication (CRR)", pty::SCREEN_TIMEOUT);
    keys(&term, &[DOWN, DOWN, ENTER, b"finance-replica-e2e", ENTER]);
    keys(&term, &[DOWN, DOWN, ENTER, b"s3-replication", ENTER, ENTER]);
    term.wait_for_text("Replication Time Control", pty::SCREEN_TIMEOUT);
    keys(&term, &[ENTER]);
    term.wait_for_text("PutBucketReplication request", pty::SCREEN_TIMEOUT);
    term.wait_for_text("Scope          prefix Finance/", pty::SCREEN_TIMEOUT);
    keys(&term, &[ENTER, b"y"]);
    term.wait_for_text("Rule finance saved on acme-finance-eu", pty::SCREEN_TIMEOUT);

    // 4. Batch Replication of the objects already there, waiting for confirmation.
    term.wait_for_text("1 rule, 1 on", pty::SCREEN_TIMEOUT);
    keys(&term, &[b"/", b"acme-finance-eu", ENTER]);
    term.wait_for_text("(1 of 2) [/acme-finance-eu]", pty::SCREEN_TIMEOUT);
    keys(&term, &[ENTER]);
    term.wait_for_text("S3 bucket acme-finance-eu", pty::SCREEN_TIMEOUT);
    keys(&term, &[b"b"]);
    term.wait_for_text(
        "Batch Replication job for acme-finance-eu",
        pty::SCREEN_TIMEOUT,
    );
    keys(&term, &[ENTER]);
    term.wait_for_text("Completion report", pty::SCREEN_TIMEOUT);
    keys(&term, &[DOWN, ENTER, b"acme-eu-archive", ENTER, ENTER]);
    term.wait_for_text("Wait for my confirmation", pty::SCREEN_TIMEOUT);
    keys(&term, &[DOWN, DOWN, DOWN, ENTER, b"s3-batch", ENTER, ENTER]);
    term.wait_for_text("CreateJob request", pty::SCREEN_TIMEOUT);
    keys(&term, &[ENTER, b"y"]);
    term.wait_for_text("Awaiting confirmation", pty::SCREEN_TIMEOUT);

    // 5. Confirmed, followed to Complete, its report opened.
    keys(&term, &[ENTER]);
    term.wait_for_text(
        "Status               Awaiting confirmation",
        pty::SCREEN_TIMEOUT,
    );
    keys(&term, &[b"c"]);
    term.wait_for_text("UpdateJobStatus request", pty::SCREEN_TIMEOUT);
    keys(&term, &[b"y"]);
    term.wait_for_text("Status               Complete", JOB_TIMEOUT);
    term.wait_for_text("Tasks ok/failed/all  6/2/8", pty::SCREEN_TIMEOUT);
    keys(&term, &[b"o"]);
    term.wait_for_text("Completion report of", pty::SCREEN_TIMEOUT);
    term.wait_for_text("Finance/payroll/2026-10.csv", pty::SCREEN_TIMEOUT);
    term.wait_for(
        "a failed task with its error code",
        pty::SCREEN_TIMEOUT,
        |screen| {
            screen
                .contents()
                .lines()
                .any(|l| l.contains("failed") && l.contains("AccessDenied"))
        },
    );
    keys(&term, &[b"\x03"]);
    let status = term.wait_exit(pty::EXIT_TIMEOUT);
    assert!(status.success(), "{}", term.report());
    term.assert_terminal_restored();

    let operations: Vec<String> = app::audit_entries(dir.path())
        .iter()
        .map(|e| {
            assert_eq!(e["result"]["status"], "ok", "{e}");
            e["operation"].as_str().unwrap_or("").to_string()
        })
        .collect();
    assert_eq!(
        operations,
        [
            "PutBucketVersioning",
            "CreateBucket",
            "PutBucketVersioning",
            "PutBucketReplication",
            "CreateJob",
            "UpdateJobStatus",
        ],
        "every change, once, in order"
    );
    let entries = app::audit_entries(dir.path());
    let rule = &entries[3]["request"]["ReplicationConfiguration"]["Rules"][0];
    assert_eq!(rule["Filter"]["Prefix"], "Finance/");
    assert_eq!(
        rule["Destination"]["Bucket"],
        "arn:aws:s3:::acme-finance-replica-e2e"
    );
    assert_eq!(entries[4]["request"]["ConfirmationRequired"], true);
    assert_eq!(entries[5]["request"]["RequestedJobStatus"], "Ready");
}
