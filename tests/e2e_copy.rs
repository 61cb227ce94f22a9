//! End-to-end cross-Region copies and backup plans with the real binary in an 80x24
//! pseudo-terminal, `--demo`: the seed's example (acme-media from us-east-1 to ca-central-1,
//! into a vault made on the way, expiring after 120 days) followed to COMPLETED and restored
//! in ca-central-1; an EFS copy with cold storage; and a plan with a copy rule to eu-central-1.

#[path = "support/app.rs"]
mod app;
#[path = "support/pty.rs"]
mod pty;

use app::{DOWN, ENTER, RIGHT, keys};
use std::time::Duration;

/// Demo jobs advance as they are polled (1 s, 2 s, 4 s … apart): each ends within ~15 s.
const JOB_TIMEOUT: Duration = Duration::from_secs(40);

#[test]
fn acme_media_copied_to_a_new_vault_in_canada_completes_and_restores_there() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut term = app::spawn_demo_audited(dir.path(), &[]);
    app::wait_for_resource_list(&term);
    keys(&term, &[b"/", b"acme-media", ENTER, ENTER]);
    term.wait_for_text("Recovery points (7)", pty::SCREEN_TIMEOUT);
    // The newest COMPLETED snapshot is the second row.
    keys(&term, &[b"j", b"c"]);
    term.wait_for_text("Copy S3 backup of acme-media", pty::SCREEN_TIMEOUT);
    keys(&term, &[ENTER, b"ca-central", ENTER]);
    term.wait_for_text("Destination vault", pty::SCREEN_TIMEOUT);
    keys(&term, &[DOWN, RIGHT, DOWN, b"dr-canada-e2e", ENTER]);
    term.wait_for_text("Lifecycle of the copy", pty::SCREEN_TIMEOUT);
    keys(&term, &[DOWN, DOWN, b"120", ENTER]);
    term.wait_for_text("1. CreateBackupVault request", pty::SCREEN_TIMEOUT);
    term.wait_for_text("Lifecycle      Expires after 120 days", pty::SCREEN_TIMEOUT);
    keys(&term, &[ENTER]);
    term.wait_for_text(
        "Create vault dr-canada-e2e in ca-central-1",
        pty::SCREEN_TIMEOUT,
    );
    keys(&term, &[b"y"]);
    term.wait_for_text("started: us-east-1 → ca-central-1", pty::SCREEN_TIMEOUT);
    term.wait_for_text("Copy jobs", pty::SCREEN_TIMEOUT);
    // The list polls the new job (first row, newest) until it ends.
    term.wait_for(
        "the new copy job COMPLETED in the first row",
        JOB_TIMEOUT,
        |screen| {
            screen
                .contents()
                .lines()
                .find(|l| l.contains("dr-canad"))
                .is_some_and(|l| l.contains("COMPLETED") && l.contains("12:01"))
        },
    );
    // Details, then the copy's recovery point in ca-central-1, then a restore there.
    keys(&term, &[ENTER]);
    term.wait_for_text("open the copy in ca-central-1", pty::SCREEN_TIMEOUT);
    keys(&term, &[ENTER]);
    term.wait_for_text("Backup vault         dr-canada-e2e", pty::SCREEN_TIMEOUT);
    keys(&term, &[b"r"]);
    term.wait_for_text("Restores run in ca-central-1", pty::SCREEN_TIMEOUT);
    keys(
        &term,
        &[ENTER, RIGHT, RIGHT, DOWN, b"acme-media-ca-e2e", ENTER],
    );
    term.wait_for_text("3 Encryption", pty::SCREEN_TIMEOUT);
    keys(&term, &[ENTER, ENTER]);
    term.wait_for_text("StartRestoreJob request", pty::SCREEN_TIMEOUT);
    keys(&term, &[ENTER, b"y"]);
    term.wait_for_text("started in ca-central-1", pty::SCREEN_TIMEOUT);
    term.wait_for_text("COMPLETED: created acme-media-ca-e2e", JOB_TIMEOUT);
    app::quit_and_check_restored(&mut term);

    let entries = app::audit_entries(dir.path());
    let ops: Vec<(&str, &str)> = entries
        .iter()
        .map(|e| {
            (
                e["operation"].as_str().unwrap_or(""),
                e["region"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        ops,
        [
            ("CreateBackupVault", "ca-central-1"),
            ("StartCopyJob", "us-east-1"),
            ("StartRestoreJob", "ca-central-1"),
        ],
        "every change, once, in order"
    );
    assert!(entries.iter().all(|e| e["result"]["status"] == "ok"));
    let copy = &entries[1]["request"];
    assert_eq!(
        copy["DestinationBackupVaultArn"],
        "arn:aws:backup:ca-central-1:123456789012:backup-vault:dr-canada-e2e"
    );
    assert_eq!(copy["SourceBackupVaultName"], "prod-daily");
    assert_eq!(
        copy["Lifecycle"],
        serde_json::json!({"DeleteAfterDays": 120})
    );
    let restored = entries[2]["request"]["RecoveryPointArn"]
        .as_str()
        .unwrap_or("");
    assert!(
        restored.starts_with("arn:aws:backup:ca-central-1:123456789012:recovery-point:"),
        "the restore used the copy in ca-central-1: {restored}"
    );
}

#[test]
fn an_efs_copy_moves_to_cold_storage_after_30_days_and_expires_after_120() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut term = app::spawn_demo_audited(dir.path(), &[]);
    app::wait_for_resource_list(&term);
    keys(&term, &[b"/", b"shared-home", ENTER, ENTER]);
    term.wait_for_text("Recovery points (3)", pty::SCREEN_TIMEOUT);
    keys(&term, &[b"c"]);
    term.wait_for_text("Copy EFS backup of shared-home", pty::SCREEN_TIMEOUT);
    keys(&term, &[ENTER, b"us-west-2", ENTER]);
    term.wait_for_text("Destination vault", pty::SCREEN_TIMEOUT);
    keys(&term, &[DOWN, DOWN, ENTER]);
    term.wait_for_text("dr-west", pty::SCREEN_TIMEOUT);
    keys(&term, &[b"dr-west", ENTER, ENTER]);
    term.wait_for_text("Lifecycle of the copy", pty::SCREEN_TIMEOUT);
    // 119 days is refused as typed: expiry must come 90 days after the move to cold storage.
    keys(&term, &[DOWN, b"30", DOWN, b"119"]);
    term.wait_for_text("120 days or more", pty::SCREEN_TIMEOUT);
    keys(&term, &[b"\x7f\x7f", b"20", ENTER]);
    term.wait_for_text(
        "Cold after 30 days, expires after 120 days",
        pty::SCREEN_TIMEOUT,
    );
    keys(&term, &[ENTER, b"y"]);
    term.wait_for_text("started: us-east-1 → us-west-2", pty::SCREEN_TIMEOUT);
    term.wait_for("the EFS copy COMPLETED", JOB_TIMEOUT, |screen| {
        screen
            .contents()
            .lines()
            .any(|l| l.contains("shared-home") && l.contains("COMPLETED"))
    });
    app::quit_and_check_restored(&mut term);

    let entries = app::audit_entries(dir.path());
    assert_eq!(entries.len(), 1, "one copy job, started once");
    assert_eq!(entries[0]["operation"], "StartCopyJob");
    assert_eq!(
        entries[0]["request"]["Lifecycle"],
        serde_json::json!({"MoveToColdStorageAfterDays": 30, "DeleteAfterDays": 120})
    );
    assert_eq!(
        entries[0]["request"]["DestinationBackupVaultArn"],
        "arn:aws:backup:us-west-2:123456789012:backup-vault:dr-west"
    );
}

#[test]
fn a_daily_plan_copying_to_eu_central_1_is_created_and_listed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut term = app::spawn_demo_audited(dir.path(), &[]);
    app::wait_for_resource_list(&term);
    keys(&term, &[b":", b"plans", ENTER]);
    term.wait_for_text("Backup plans in us-east-1 (3)", pty::SCREEN_TIMEOUT);
    keys(&term, &[b"n"]);
    term.wait_for_text("Create backup plan in us-east-1", pty::SCREEN_TIMEOUT);
    keys(&term, &[b"daily-eu-e2e", ENTER]);
    term.wait_for_text("Backup rule 1 of 1", pty::SCREEN_TIMEOUT);
    // Rule name, Daily (the default schedule), AWS's window; the vault: Default.
    keys(&term, &[b"daily", DOWN, DOWN, DOWN, DOWN, ENTER]);
    term.wait_for_text("Choose (type to filter", pty::SCREEN_TIMEOUT);
    keys(&term, &[b"Default", ENTER, ENTER]);
    term.wait_for_text("Copies of rule daily", pty::SCREEN_TIMEOUT);
    keys(&term, &[ENTER]);
    term.wait_for_text("Copy 1", pty::SCREEN_TIMEOUT);
    keys(&term, &[ENTER, b"eu-central-1", ENTER]);
    term.wait_for_text("Destination vault", pty::SCREEN_TIMEOUT);
    keys(&term, &[DOWN, DOWN, ENTER]);
    term.wait_for_text("eu-prod", pty::SCREEN_TIMEOUT);
    keys(&term, &[b"eu-prod", ENTER, DOWN, DOWN, b"365", ENTER]);
    term.wait_for_text("CreateBackupPlan request", pty::SCREEN_TIMEOUT);
    term.wait_for_text(
        "eu-prod in eu-central-1, expires after 365 days",
        pty::SCREEN_TIMEOUT,
    );
    keys(&term, &[ENTER]);
    term.wait_for_text(
        "Create backup plan daily-eu-e2e in us-east-1?",
        pty::SCREEN_TIMEOUT,
    );
    keys(&term, &[b"y"]);
    term.wait_for_text("Backup plan daily-eu-e2e created.", pty::SCREEN_TIMEOUT);
    term.wait_for_text("Backup plans in us-east-1 (4)", pty::SCREEN_TIMEOUT);
    // Open it: the rule and its copy rule are there, read back from the account.
    keys(&term, &[b"/", b"daily-eu-e2e", ENTER, ENTER]);
    term.wait_for_text(
        "Copy to              eu-central-1/eu-prod",
        pty::SCREEN_TIMEOUT,
    );
    term.wait_for_text("Daily at 05:00 UTC", pty::SCREEN_TIMEOUT);
    keys(&term, &[app::ESC]);
    term.wait_for_text("Backup plans in us-east-1 (1 of 4)", pty::SCREEN_TIMEOUT);
    app::quit_and_check_restored(&mut term);

    let entries = app::audit_entries(dir.path());
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0]["operation"], "CreateBackupPlan");
    let rule = &entries[0]["request"]["BackupPlan"]["Rules"][0];
    assert_eq!(rule["RuleName"], "daily");
    assert_eq!(rule["ScheduleExpression"], "cron(0 5 ? * * *)");
    assert_eq!(rule["TargetBackupVaultName"], "Default");
    assert_eq!(
        rule["CopyActions"][0]["DestinationBackupVaultArn"],
        "arn:aws:backup:eu-central-1:123456789012:backup-vault:eu-prod"
    );
    assert_eq!(rule["CopyActions"][0]["Lifecycle"]["DeleteAfterDays"], 365);
}
