//! No credentials anywhere while the instance metadata service refuses, fails, drops the
//! connection or never answers (a local fake on a free 127.0.0.1 port): the binary still says
//! "No AWS credentials found … try --demo", exits 2, and does so quickly.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The SDK's default lookup took about 4.2 s here against a service answering 500 (4 attempts
/// with backoff); backup-tui's (2 attempts) about 0.9 s, and 1 s against one that never answers.
const STARTUP_LIMIT: Duration = Duration::from_secs(3);
/// backup-tui asks instance metadata at most twice (the SDK's default: 4 times).
const MAX_IMDS_CONNECTIONS: usize = 2;

/// How the fake instance metadata service treats each connection.
#[derive(Debug, Clone, Copy)]
enum Behaviour {
    /// Reads the request and answers with this status and an empty body.
    Status(u16),
    /// Accepts, then closes without a word.
    Close,
    /// Accepts and never answers (held open until the fake stops).
    Hang,
}

/// The fake IMDS: a thread accepting on 127.0.0.1, stopped and joined when dropped.
struct FakeImds {
    port: u16,
    connections: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl FakeImds {
    fn start(behaviour: Behaviour) -> FakeImds {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free loopback port");
        let port = listener.local_addr().expect("local address").port();
        listener.set_nonblocking(true).expect("nonblocking");
        let connections = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let (connections, stop) = (Arc::clone(&connections), Arc::clone(&stop));
            std::thread::spawn(move || serve(&listener, behaviour, &connections, &stop))
        };
        FakeImds {
            port,
            connections,
            stop,
            thread: Some(thread),
        }
    }

    fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

impl Drop for FakeImds {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve(listener: &TcpListener, behaviour: Behaviour, count: &AtomicUsize, stop: &AtomicBool) {
    let mut held: Vec<TcpStream> = Vec::new();
    while !stop.load(Ordering::SeqCst) {
        match listener.accept() {
            Ok((mut stream, _)) => {
                count.fetch_add(1, Ordering::SeqCst);
                let _ = stream.set_nonblocking(false);
                let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
                match behaviour {
                    Behaviour::Status(status) => {
                        read_head(&mut stream);
                        let reason = if status == 403 { "Forbidden" } else { "Error" };
                        let _ = stream.write_all(
                            format!(
                                "HTTP/1.1 {status} {reason}\r\nContent-Length: 0\r\n\
                                 Connection: close\r\n\r\n"
                            )
                            .as_bytes(),
                        );
                    }
                    Behaviour::Close => drop(stream),
                    Behaviour::Hang => held.push(stream),
                }
            }
            Err(_) => std::thread::sleep(Duration::from_millis(10)),
        }
    }
}

/// Reads up to the end of the request's head (IMDS requests have no body).
fn read_head(stream: &mut TcpStream) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && head.len() < 16 * 1024 {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
    }
}

/// Runs the binary against AWS with no credentials: an empty HOME (no ~/.aws), no AWS_*
/// variables but the metadata endpoint, which is the fake.
fn run_without_credentials(imds: &FakeImds) -> (Option<i32>, String, Duration) {
    let home = tempfile::tempdir().expect("tempdir");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_backup-tui"));
    for (name, _) in std::env::vars() {
        if name.starts_with("AWS_") {
            cmd.env_remove(name);
        }
    }
    cmd.env_remove("BACKUP_TUI_CONFIG")
        .env("HOME", home.path())
        .env(
            "AWS_EC2_METADATA_SERVICE_ENDPOINT",
            format!("http://127.0.0.1:{}", imds.port),
        )
        .args(["--config", "/nonexistent.toml", "--log-file"])
        .arg(home.path().join("log"))
        .stdin(Stdio::null());
    let started = Instant::now();
    let out = cmd.output().expect("run");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        started.elapsed(),
    )
}

fn assert_no_credentials_message(behaviour: Behaviour) {
    let imds = FakeImds::start(behaviour);
    let (code, stderr, took) = run_without_credentials(&imds);
    let asked = imds.connections();
    assert!(asked > 0, "{behaviour:?}: IMDS was never asked");
    assert!(
        asked <= MAX_IMDS_CONNECTIONS,
        "{behaviour:?}: IMDS was asked {asked} times"
    );
    assert_eq!(code, Some(2), "{behaviour:?}: {stderr}");
    assert!(
        stderr.contains("No AWS credentials found"),
        "{behaviour:?}: {stderr}"
    );
    assert!(
        stderr.contains("backup-tui --demo"),
        "{behaviour:?}: {stderr}"
    );
    assert!(
        !stderr.contains("IMDS"),
        "{behaviour:?}: the SDK's chain is not the message: {stderr}"
    );
    assert!(
        took < STARTUP_LIMIT,
        "{behaviour:?}: took {took:?}, IMDS slowed startup"
    );
}

#[test]
fn imds_answering_403_is_still_no_credentials() {
    assert_no_credentials_message(Behaviour::Status(403));
}

#[test]
fn imds_answering_500_is_still_no_credentials() {
    assert_no_credentials_message(Behaviour::Status(500));
}

#[test]
fn imds_closing_the_connection_is_still_no_credentials() {
    assert_no_credentials_message(Behaviour::Close);
}

#[test]
fn imds_that_never_answers_is_no_credentials_within_seconds() {
    assert_no_credentials_message(Behaviour::Hang);
}
