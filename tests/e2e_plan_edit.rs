//! End-to-end plan editing with the real binary in an 80x24 pseudo-terminal, `--demo`: the
//! backup window of the rule that made acme-media's PARTIAL recovery point (opened with
//! `--resource`) raised to a day, the plan's page showing its new version and window, and the
//! UpdateBackupPlan recorded once in the audit log.

#[path = "support/app.rs"]
mod app;
#[path = "support/pty.rs"]
mod pty;

use app::{DOWN, ENTER, ESC, keys};

/// Ctrl-U clears a text field.
const CLEAR: &[u8] = b"\x15";

#[test]
fn the_window_of_the_rule_behind_a_partial_point_is_raised_and_audited() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut term = app::spawn_demo_audited(dir.path(), &["--resource", "acme-media"]);
    term.wait_for_text("Recovery points (7)", pty::SCREEN_TIMEOUT);
    keys(&term, &[b"/", b"PARTIAL"]);
    term.wait_for_text("/PARTIAL", pty::SCREEN_TIMEOUT);
    keys(&term, &[ENTER]);
    term.wait_for_text("Recovery points (1 of 7)", pty::SCREEN_TIMEOUT);
    keys(&term, &[b"w"]);
    term.wait_for_text("This rule made PARTIAL recovery point", pty::SCREEN_TIMEOUT);
    term.wait_for_text("Complete within (minutes): 480", pty::SCREEN_TIMEOUT);
    keys(&term, &[DOWN, DOWN, CLEAR, b"1440"]);
    term.wait_for_text("Complete within (minutes): 1440", pty::SCREEN_TIMEOUT);
    keys(&term, &[ENTER]);
    term.wait_for_text("Add a copy rule", pty::SCREEN_TIMEOUT);
    keys(&term, &[DOWN, ENTER]);
    term.wait_for_text("UpdateBackupPlan request", pty::SCREEN_TIMEOUT);
    keys(&term, &[ENTER]);
    term.wait_for_text("makes a new version of the plan", pty::SCREEN_TIMEOUT);
    keys(&term, &[b"y"]);
    term.wait_for_text(
        "Backup plan daily-35d-retention updated",
        pty::SCREEN_TIMEOUT,
    );
    term.wait_for_text(
        "Start within 1 hour, complete within 1 day",
        pty::SCREEN_TIMEOUT,
    );
    let page = term.contents();
    keys(&term, &[ESC]);
    term.wait_for_text("Backup plans in us-east-1", pty::SCREEN_TIMEOUT);
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
    assert_eq!(ops, [("UpdateBackupPlan", "us-east-1")], "one update, once");
    assert_eq!(entries[0]["result"]["status"], "ok");
    let request = &entries[0]["request"];
    assert_eq!(
        request["BackupPlan"]["BackupPlanName"],
        "daily-35d-retention"
    );
    let rule = &request["BackupPlan"]["Rules"][0];
    assert_eq!(rule["RuleName"], "daily-0500");
    assert_eq!(rule["StartWindowMinutes"], 60);
    assert_eq!(rule["CompletionWindowMinutes"], 1440);
    // The page showed the version UpdateBackupPlan answered.
    let version = entries[0]["result"]["id"].as_str().unwrap_or("");
    assert!(!version.is_empty());
    assert!(
        page.lines()
            .any(|l| l.contains("Version ID") && l.contains(&version[..20])),
        "{version} not on\n{page}"
    );
}
