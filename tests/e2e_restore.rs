//! End-to-end restores with the real binary in an 80x24 pseudo-terminal: an item-level S3
//! restore into a new bucket with a chosen KMS key followed to COMPLETED, then the audit log;
//! and a DynamoDB restore to a new table.

#[path = "support/app.rs"]
mod app;
#[path = "support/pty.rs"]
mod pty;

use pty::PtySession;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::Duration;

/// Polling backs off 1 s, 2 s, 4 s, 8 s: a demo job ends within about 15 s.
const JOB_TIMEOUT: Duration = Duration::from_secs(40);

fn start(dir: &Path) -> PtySession {
    app::spawn_demo_audited(dir, &[])
}

#[test]
fn item_level_s3_restore_into_a_new_bucket_is_followed_to_completion_and_audited() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut term = start(dir.path());
    app::wait_for_resource_list(&term);
    app::keys(&term, &[b"/", b"acme-media", app::ENTER, app::ENTER]);
    term.wait_for_text("Recovery points (7)", pty::SCREEN_TIMEOUT);
    // The newest COMPLETED snapshot is the second row; Enter opens the actions menu.
    app::keys(&term, &[b"j", app::ENTER, b"j", app::ENTER]);
    term.wait_for_text("Restore S3 bucket acme-media", pty::SCREEN_TIMEOUT);
    app::keys(
        &term,
        &[
            app::RIGHT,
            app::DOWN,
            b"s3://acme-media/photos/cat.jpg",
            app::DOWN,
            app::ENTER,
        ],
    );
    app::keys(&term, &[b"s3://acme-media/docs/a.pdf", app::ENTER]);
    term.wait_for_text("2 Destination", pty::SCREEN_TIMEOUT);
    app::keys(
        &term,
        &[
            app::RIGHT,
            app::RIGHT,
            app::DOWN,
            b"acme-restored-e2e",
            app::ENTER,
        ],
    );
    app::keys(
        &term,
        &[
            app::RIGHT,
            app::RIGHT,
            app::DOWN,
            app::RIGHT,
            app::DOWN,
            app::ENTER,
        ],
    );
    term.wait_for_text("Choose (type to filter", pty::SCREEN_TIMEOUT);
    app::keys(
        &term,
        &[b"restore-data", app::ENTER, app::ENTER, app::ENTER],
    );
    term.wait_for_text("StartRestoreJob request", pty::SCREEN_TIMEOUT);
    // `c` copies the CLI command through the terminal (OSC 52), as over SSH.
    app::keys(&term, &[b"c"]);
    term.wait_for_text("Copied to the clipboard", pty::SCREEN_TIMEOUT);
    let raw = String::from_utf8_lossy(&term.raw_output()).into_owned();
    let start = raw
        .find("\x1b]52;c;")
        .expect("an OSC 52 sequence was written");
    let end = raw[start..].find('\x07').expect("OSC 52 ends with BEL") + start;
    // base64 of "aws backup start-restore-jo": the copied text is the CLI command.
    assert!(
        raw[start..end].contains("YXdzIGJhY2t1cCBzdGFydC1yZXN0b3JlLWpv"),
        "the copied command is in the sequence"
    );
    app::keys(&term, &[app::ENTER]);
    term.wait_for_text("Start this restore job", pty::SCREEN_TIMEOUT);
    app::keys(&term, &[b"y"]);
    term.wait_for_text("Restore jobs", pty::SCREEN_TIMEOUT);
    term.wait_for_text("COMPLETED: created acme-restored-e2e", JOB_TIMEOUT);
    app::quit_and_check_restored(&mut term);

    let path = dir.path().join("audit.jsonl");
    let mode = std::fs::metadata(&path)
        .expect("audit log written")
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600, "the audit log is private");
    let text = std::fs::read_to_string(&path).expect("audit log readable");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "one start, one line: {text}");
    let entry: serde_json::Value = serde_json::from_str(lines[0]).expect("JSON line");
    assert_eq!(entry["operation"], "StartRestoreJob");
    assert_eq!(entry["mode"], "demo");
    assert_eq!(entry["region"], "us-east-1");
    assert_eq!(entry["result"]["status"], "ok");
    let metadata = &entry["request"]["Metadata"];
    assert_eq!(metadata["DestinationBucketName"], "acme-restored-e2e");
    assert_eq!(metadata["NewBucket"], "true");
    assert_eq!(metadata["EncryptionType"], "SSE-KMS");
    assert_eq!(
        metadata["ItemsToRestore"],
        r#"["s3://acme-media/photos/cat.jpg","s3://acme-media/docs/a.pdf"]"#
    );
}

#[test]
fn dynamodb_restore_to_a_new_table() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut term = start(dir.path());
    app::wait_for_resource_list(&term);
    app::keys(&term, &[b"/", b"orders", app::ENTER, app::ENTER]);
    term.wait_for_text("Recovery points (5)", pty::SCREEN_TIMEOUT);
    app::keys(&term, &[b"r"]);
    term.wait_for_text("New table name", pty::SCREEN_TIMEOUT);
    app::keys(&term, &[b"orders-e2e", app::ENTER, app::ENTER, app::ENTER]);
    term.wait_for_text("StartRestoreJob request", pty::SCREEN_TIMEOUT);
    app::keys(&term, &[app::ENTER, b"y"]);
    term.wait_for_text("COMPLETED: created orders-e2e", JOB_TIMEOUT);
    app::quit_and_check_restored(&mut term);
}

#[test]
fn read_only_shows_the_request_but_never_starts_the_restore() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut term = app::spawn_demo_audited(dir.path(), &["--read-only"]);
    app::wait_for_resource_list(&term);
    term.wait_for_text("READ-ONLY", pty::SCREEN_TIMEOUT);
    app::keys(&term, &[b"/", b"acme-media", app::ENTER, app::ENTER]);
    term.wait_for_text("Recovery points (7)", pty::SCREEN_TIMEOUT);
    app::keys(&term, &[b"j", app::ENTER, b"j", app::ENTER]);
    term.wait_for_text("Restore S3 bucket acme-media", pty::SCREEN_TIMEOUT);
    app::keys(
        &term,
        &[
            app::RIGHT,
            app::DOWN,
            b"s3://acme-media/photos/cat.jpg",
            app::ENTER,
        ],
    );
    term.wait_for_text("2 Destination", pty::SCREEN_TIMEOUT);
    app::keys(
        &term,
        &[
            app::RIGHT,
            app::RIGHT,
            app::DOWN,
            b"acme-restored-ro",
            app::ENTER,
        ],
    );
    app::keys(&term, &[app::ENTER, app::ENTER]);
    term.wait_for_text("StartRestoreJob request", pty::SCREEN_TIMEOUT);
    app::keys(&term, &[app::ENTER]);
    term.wait_for_text("nothing can be changed", pty::SCREEN_TIMEOUT);
    let screen = term.contents();
    assert!(
        !screen.contains("Restore jobs"),
        "no job was started:\n{screen}"
    );
    // The wizard keeps its draft (and its keys): ctrl-c leaves from anywhere.
    app::keys(&term, &[b"\x03"]);
    let status = term.wait_exit(pty::EXIT_TIMEOUT);
    assert!(status.success(), "{}", term.report());
    term.assert_terminal_restored();
    assert!(
        !dir.path().join("audit.jsonl").exists(),
        "nothing was sent, so nothing was audited"
    );
}
