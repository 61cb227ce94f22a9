//! End-to-end deletion with the real binary in an 80x24 pseudo-terminal, `--demo`: the EXPIRED
//! recovery point of acme-media (opened with `--resource`) deleted after the typed
//! confirmation, gone from the reloaded list, and recorded once in the audit log.

#[path = "support/app.rs"]
mod app;
#[path = "support/pty.rs"]
mod pty;

use app::{ENTER, ESC, keys};

#[test]
fn the_expired_recovery_point_of_acme_media_is_deleted_and_audited() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut term = app::spawn_demo_audited(dir.path(), &["--resource", "acme-media"]);
    term.wait_for_text("Recovery points (7)", pty::SCREEN_TIMEOUT);
    keys(&term, &[b"D"]);
    term.wait_for_text("To delete (1)", pty::SCREEN_TIMEOUT);
    term.wait_for_text("aws backup delete-recovery-point", pty::SCREEN_TIMEOUT);
    keys(&term, &[ENTER]);
    term.wait_for_text("Type delete 1 and press enter", pty::SCREEN_TIMEOUT);
    keys(&term, &[b"delete 1"]);
    term.wait_for_text("delete 1_", pty::SCREEN_TIMEOUT);
    keys(&term, &[ENTER]);
    term.wait_for_text("Deleted 1 of 1.", pty::SCREEN_TIMEOUT);
    keys(&term, &[ESC]);
    term.wait_for(
        "the reloaded list without the EXPIRED point",
        pty::SCREEN_TIMEOUT,
        |screen| {
            let text = screen.contents();
            text.contains("Recovery points (6)") && !text.contains("EXPIRED")
        },
    );
    keys(&term, &[ESC]);
    app::wait_for_resource_list(&term);
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
        [("DeleteRecoveryPoint", "us-east-1")],
        "one delete, once"
    );
    assert_eq!(entries[0]["result"]["status"], "ok");
    let request = &entries[0]["request"];
    assert_eq!(request["BackupVaultName"], "prod-daily");
    let arn = request["RecoveryPointArn"].as_str().unwrap_or("");
    assert!(
        arn.starts_with("arn:aws:backup:us-east-1:123456789012:recovery-point:"),
        "{arn}"
    );
}
