//! End-to-end on-demand backup with the real binary in an 80x24 pseudo-terminal, `--demo`:
//! `orders` backed up now into prod-daily, the job followed to COMPLETED on the Backup jobs
//! tab, its recovery point listed with the resource, and the StartBackupJob in the audit log;
//! and the same job's end announced while the user is on the backup plans instead.

#[path = "support/app.rs"]
mod app;
#[path = "support/pty.rs"]
mod pty;

use app::{DOWN, ENTER, keys};
use std::time::Duration;

/// Demo jobs advance as they are polled (1 s, 2 s, 4 s … apart): each ends within ~15 s.
const JOB_TIMEOUT: Duration = Duration::from_secs(40);

/// From the resources list, `b` on orders: its backup wizard opens.
fn open_orders_backup(term: &pty::PtySession) {
    app::wait_for_resource_list(term);
    keys(term, &[b"/", b"orders", ENTER]);
    term.wait_for_text("orders", pty::SCREEN_TIMEOUT);
    keys(term, &[b"b"]);
    term.wait_for_text("Back up DynamoDB orders now", pty::SCREEN_TIMEOUT);
}

#[test]
fn orders_backed_up_now_completes_and_its_recovery_point_appears() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut term = app::spawn_demo_audited(dir.path(), &[]);
    open_orders_backup(&term);
    // orders' last backup went to prod-daily: the wizard opens with it chosen.
    term.wait_for_text(
        "Preselected: the vault of the last backup",
        pty::SCREEN_TIMEOUT,
    );
    term.wait_for_text("Vault: prod-daily", pty::SCREEN_TIMEOUT);
    keys(&term, &[ENTER]);
    term.wait_for_text("Start within (minutes)", pty::SCREEN_TIMEOUT);
    keys(&term, &[DOWN, DOWN, DOWN, b"35"]);
    term.wait_for_text("Expire after (days): 35", pty::SCREEN_TIMEOUT);
    keys(&term, &[ENTER]);
    term.wait_for_text("StartBackupJob request", pty::SCREEN_TIMEOUT);
    term.wait_for_text("Lifecycle      Expires after 35 days", pty::SCREEN_TIMEOUT);
    keys(&term, &[ENTER]);
    term.wait_for_text(
        "Start a backup of orders into prod-daily now?",
        pty::SCREEN_TIMEOUT,
    );
    keys(&term, &[b"y"]);
    term.wait_for_text("started for orders.", pty::SCREEN_TIMEOUT);
    term.wait_for_text("Backup jobs (12)", pty::SCREEN_TIMEOUT);
    // The tab polls the new job (the newest, first row) until it ends.
    term.wait_for(
        "the new backup job of orders COMPLETED",
        JOB_TIMEOUT,
        |screen| {
            screen
                .contents()
                .lines()
                .find(|l| l.contains("orders") && l.contains("12:01"))
                .is_some_and(|l| l.contains("COMPLETED"))
        },
    );
    // Its recovery point is listed with the resource, newest first.
    keys(&term, &[b":", b"resources", ENTER]);
    app::wait_for_resource_list(&term);
    keys(&term, &[b"/", b"orders", ENTER]);
    term.wait_for_text("orders", pty::SCREEN_TIMEOUT);
    keys(&term, &[ENTER]);
    term.wait_for_text(
        "Last backup: 2026-11-20 12:01 in prod-daily",
        pty::SCREEN_TIMEOUT,
    );
    term.wait_for(
        "the on-demand recovery point COMPLETED at 12:01",
        pty::SCREEN_TIMEOUT,
        |screen| {
            screen
                .contents()
                .lines()
                .any(|l| l.contains("2026-11-20 12:01") && l.contains("COMPLETED"))
        },
    );
    // Back to the list (q on a resource's page goes back too), then quit.
    keys(&term, &[app::ESC]);
    term.wait_for(
        "the filtered resources list",
        pty::SCREEN_TIMEOUT,
        |screen| {
            let text = screen.contents();
            text.contains("Protected resources (1 of 12)") && !text.contains("Recovery points")
        },
    );
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
    assert_eq!(ops, [("StartBackupJob", "us-east-1")], "one backup, once");
    assert_eq!(entries[0]["result"]["status"], "ok");
    let request = &entries[0]["request"];
    assert_eq!(request["BackupVaultName"], "prod-daily");
    assert_eq!(
        request["ResourceArn"],
        "arn:aws:dynamodb:us-east-1:123456789012:table/orders"
    );
    assert_eq!(
        request["IamRoleArn"],
        "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole"
    );
    assert_eq!(
        request["Lifecycle"],
        serde_json::json!({"DeleteAfterDays": 35})
    );
}

#[test]
fn a_backup_ending_while_the_user_is_on_another_screen_is_announced_there() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut term = app::spawn_demo_audited(dir.path(), &[]);
    open_orders_backup(&term);
    term.wait_for_text("Vault: prod-daily", pty::SCREEN_TIMEOUT);
    keys(&term, &[ENTER]);
    term.wait_for_text("Start within (minutes)", pty::SCREEN_TIMEOUT);
    keys(&term, &[ENTER]);
    term.wait_for_text("StartBackupJob request", pty::SCREEN_TIMEOUT);
    keys(&term, &[ENTER]);
    term.wait_for_text(
        "Start a backup of orders into prod-daily now?",
        pty::SCREEN_TIMEOUT,
    );
    keys(&term, &[b"y"]);
    term.wait_for_text("started for orders.", pty::SCREEN_TIMEOUT);
    // Away from the jobs: nothing on the plans screen polls backup jobs.
    keys(&term, &[b":", b"plans", ENTER]);
    term.wait_for_text("Backup plans in us-east-1", pty::SCREEN_TIMEOUT);
    term.wait_for(
        "the end of the backup job announced on the plans screen",
        JOB_TIMEOUT,
        |screen| {
            let text = screen.contents();
            text.contains("Backup plans in us-east-1")
                && text.contains("COMPLETED: recovery point")
                && text.contains("in prod-daily")
        },
    );
    // Kept in the messages panel with its start.
    keys(&term, &[b"m"]);
    term.wait_for(
        "the start and the end in the messages",
        pty::SCREEN_TIMEOUT,
        |screen| {
            let text = screen.contents();
            text.contains("newest first")
                && text.contains("COMPLETED: recovery point")
                && text.contains("started for orders.")
        },
    );
    keys(&term, &[b"q"]);
    term.wait_for("the panel closed", pty::SCREEN_TIMEOUT, |screen| {
        !screen.contents().contains("newest first")
    });
    app::quit_and_check_restored(&mut term);
}
