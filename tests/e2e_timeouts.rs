//! The real binary in a pseudo-terminal against endpoints that fail as networks do: one that
//! accepts and never answers (the configured timeout is said, naming the operation and the
//! endpoint; `r` retries; `q` quits cleanly), and one that fails once with a 500 (the retry
//! is shown, then the rows).

#[path = "support/app.rs"]
mod app;
#[path = "support/fake_aws.rs"]
mod fake_aws;
#[path = "support/pty.rs"]
mod pty;

use fake_aws::{Response, ScriptedServer, SilentServer};
use portable_pty::CommandBuilder;
use pty::PtySession;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// backup-tui against `endpoint` with static keys, its files and config in `dir`.
fn start_against(endpoint: &str, dir: &Path, config: &str) -> PtySession {
    let config_path = dir.join("config.toml");
    std::fs::write(&config_path, config).expect("config written");
    let mut cmd = CommandBuilder::new(app::BIN);
    cmd.args([
        "--log-file",
        &dir.join("log").display().to_string(),
        "--config",
        &config_path.display().to_string(),
        "--audit-log",
        &dir.join("audit.jsonl").display().to_string(),
        "--endpoint-url",
        endpoint,
    ]);
    app::isolated(&mut cmd, dir);
    cmd.env("AWS_ACCESS_KEY_ID", "testing");
    cmd.env("AWS_SECRET_ACCESS_KEY", "testing");
    cmd.env("AWS_REGION", "us-east-1");
    cmd.env("AWS_EC2_METADATA_DISABLED", "true");
    let mut term = PtySession::spawn(cmd);
    term.dump_on_failure(dir.join("log"));
    term
}

/// `m` opens the messages panel; the text checked next is then the panel's, not the list's.
fn open_messages(term: &PtySession) {
    term.send_keys(b"m");
    term.wait_for("the messages panel", Duration::from_secs(5), |screen| {
        screen.contents().contains("newest first")
    });
}

/// Esc closes the messages panel; waiting for it keeps the next key from reading as alt-key.
fn close_messages(term: &PtySession) {
    term.send_keys(app::ESC);
    term.wait_for(
        "the messages panel closed",
        Duration::from_secs(5),
        |screen| !screen.contents().contains("newest first"),
    );
}

#[test]
fn a_silent_endpoint_times_out_naming_the_operation_then_r_retries_and_q_quits() {
    let server = SilentServer::start();
    let dir = tempfile::tempdir().expect("temp dir");
    let config = "[aws]\nconnect_timeout_secs = 2\nattempt_timeout_secs = 1\n\
                  operation_timeout_secs = 3\nmax_attempts = 1\n";
    let started = Instant::now();
    let mut term = start_against(&server.endpoint, dir.path(), config);
    // The 1 s limit, plus the program's start: far less than the minutes it used to hang.
    term.wait_for(
        "the timeout of ListProtectedResources",
        Duration::from_secs(8),
        |screen| {
            screen
                .contents()
                .contains("ListProtectedResources timed out")
        },
    );
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_secs(1),
        "said before the configured 1 s had passed ({waited:?})"
    );
    // The whole message, with the endpoint and the wait, is in the messages panel.
    open_messages(&term);
    let expected = format!(
        "ListProtectedResources timed out: no answer from {} within 1 s.",
        server.endpoint
    );
    term.wait_for(&expected, Duration::from_secs(5), |screen| {
        // Wrapped at the panel's width: compared without borders, breaks and indentation.
        let text = screen.contents().replace('│', " ");
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        flat.contains(&expected)
    });
    close_messages(&term);

    let before = server.accepted();
    term.send_keys(b"r");
    term.wait_for(
        "a new attempt reaching the endpoint",
        Duration::from_secs(5),
        |_| server.accepted() > before,
    );
    term.wait_for(
        "Loading, then the timeout again",
        Duration::from_secs(8),
        |screen| {
            screen
                .contents()
                .contains("ListProtectedResources timed out")
        },
    );
    app::quit_and_check_restored(&mut term);
}

/// ListProtectedResources' answer with one DynamoDB table.
const ONE_RESOURCE: &str = r#"{"Results":[{"ResourceArn":"arn:aws:dynamodb:us-east-1:123456789012:table/orders-timeout-test","ResourceType":"DynamoDB","ResourceName":"orders-timeout-test","LastBackupTime":1767225600}]}"#;

const IDENTITY: &str = "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\
<GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/ops</Arn><UserId>AIDA</UserId>\
<Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r1</RequestId>\
</ResponseMetadata></GetCallerIdentityResponse>";

#[test]
fn a_500_is_retried_visibly_then_the_rows_show() {
    let listings = AtomicUsize::new(0);
    let server = ScriptedServer::start(move |request| {
        if request.body.contains("Action=GetCallerIdentity") {
            return Response::xml(200, IDENTITY);
        }
        if request.method == "GET" && request.path.starts_with("/resources") {
            // The first listing fails on AWS's side; the SDK's retry gets the rows.
            return if listings.fetch_add(1, Ordering::SeqCst) == 0 {
                Response::json(500, r#"{"message":"Internal failure"}"#)
                    .header("x-amzn-ErrorType", "InternalServerException")
                    .header("x-amzn-RequestId", "req-500-first")
            } else {
                Response::json(200, ONE_RESOURCE)
            };
        }
        Response::json(404, "{}")
    });
    let dir = tempfile::tempdir().expect("temp dir");
    // A short first back-off is the SDK's own (about a second): nothing to configure.
    let mut term = start_against(&server.endpoint, dir.path(), "[aws]\nmax_attempts = 3\n");
    term.wait_for("the retry being said", Duration::from_secs(10), |screen| {
        screen
            .contents()
            .contains("failed with HTTP 500, retrying ListProtectedResources, attempt 2 of 3")
    });
    term.wait_for(
        "the rows after the retry",
        Duration::from_secs(10),
        |screen| screen.contents().contains("orders-timeout-test"),
    );
    let listed = server
        .requests()
        .iter()
        .filter(|r| r.path.starts_with("/resources"))
        .count();
    assert_eq!(listed, 2, "one failed attempt, one retry");
    // The retry stays readable in the messages panel.
    open_messages(&term);
    term.wait_for(
        "the retry in the messages",
        Duration::from_secs(5),
        |screen| {
            let text = screen.contents();
            text.contains("warning") && text.contains("retrying ListProtectedResources")
        },
    );
    close_messages(&term);
    app::quit_and_check_restored(&mut term);
}
