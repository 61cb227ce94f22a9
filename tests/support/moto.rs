//! A private moto server (the AWS emulator) on 127.0.0.1, with the AWS CLI and boto3 to seed it.
//!
//! `scripts/test.sh` installs moto, the AWS CLI and boto3 into `target/test-venv` and exports
//! `BACKUP_TUI_MOTO` and `BACKUP_TUI_AWS_CLI`; without those variables the venv's usual paths
//! are used. Every request moto serves is logged (werkzeug's access log), and [`Moto::requests`]
//! reads it back, so a test can prove which calls did, or did not, reach the "AWS" side.
//!
//! Known limits of moto (5.x): Backup protected resources, recovery points, restore metadata and
//! restore/copy/backup jobs are not implemented (HTTP 404 with an HTML body; StartBackupJob and
//! DeleteRecoveryPoint too), UpdateBackupPlan answers a bare HTTP 500; ListBuckets
//! honours `prefix`, `bucket-region` and `max-buckets` but returns no `ContinuationToken` (a
//! client paginating by it only sees the first page) and no `BucketRegion`, in creation order;
//! S3 needs path-style addressing against a local endpoint; GetBucketVersioning answers with a
//! `<GetBucketVersioningResponse>` root where AWS sends `<VersioningConfiguration>`, which the
//! Rust SDK rejects (boto3 does not mind).

// Each test binary that includes this file uses a different subset of it.
#![allow(dead_code)]

use std::ffi::OsString;
use std::fmt::Write as _;
use std::fs::{self, File};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// How long moto may take to answer its first request (it is usually ready in under a second).
const READY_TIMEOUT: Duration = Duration::from_secs(30);
/// How long one HTTP exchange with moto's own API may take.
const HTTP_TIMEOUT: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(50);
/// Attempts at starting moto: the free port found may be taken before moto binds it.
const START_ATTEMPTS: usize = 3;

/// The account moto answers as with any credentials.
pub const ACCOUNT_ID: &str = "123456789012";
pub const REGION: &str = "us-east-1";
pub const ACCESS_KEY_ID: &str = "testing";
pub const SECRET_ACCESS_KEY: &str = "testing";

/// A running moto server; it is killed when this guard drops, also when a test panics.
pub struct Moto {
    /// `http://127.0.0.1:PORT`, for `--endpoint-url`, `AWS_ENDPOINT_URL` and boto3's `endpoint_url`.
    pub endpoint: String,
    pub port: u16,
    child: Child,
    log_path: PathBuf,
    /// Holds the log, the (missing) AWS config files and the seeding scripts.
    dir: TempDir,
}

impl Moto {
    /// Starts `moto_server` on a free port of 127.0.0.1 and waits until it answers.
    pub fn start() -> Self {
        let binary = moto_server();
        let mut failures = String::new();
        for attempt in 1..=START_ATTEMPTS {
            let dir = tempfile::Builder::new()
                .prefix("moto-")
                .tempdir()
                .expect("create a temp dir for moto");
            let port = free_port();
            let log_path = dir.path().join("moto.log");
            let log = File::create(&log_path).expect("create moto's log file");
            let stderr = log.try_clone().expect("share moto's log file");
            let child = Command::new(&binary)
                .args(["-H", "127.0.0.1", "-p", &port.to_string()])
                .env("PYTHONUNBUFFERED", "1")
                .stdin(Stdio::null())
                .stdout(log)
                .stderr(stderr)
                .spawn()
                .unwrap_or_else(|e| panic!("start {}: {e}", binary.display()));
            let mut moto = Self {
                endpoint: format!("http://127.0.0.1:{port}"),
                port,
                child,
                log_path,
                dir,
            };
            match moto.wait_ready() {
                Ok(()) => return moto,
                // A server that exited early most likely lost its port to another process:
                // try another one. One that is still running but silent will not get better.
                Err(why) if moto.child.try_wait().is_ok_and(|status| status.is_none()) => {
                    panic!("{why}\n{}", moto.log());
                }
                // Dropping `moto` stops this server before the next attempt.
                Err(why) => {
                    let _ = writeln!(
                        failures,
                        "attempt {attempt} on port {port}: {why}\n{}",
                        moto.log()
                    );
                }
            }
        }
        panic!("moto_server did not start ({START_ATTEMPTS} attempts)\n{failures}");
    }

    /// moto's log: werkzeug's access log, one line a request, and any traceback.
    pub fn log_path(&self) -> &Path {
        &self.log_path
    }

    /// The requests moto served so far, as `METHOD TARGET` (the target keeps its query string:
    /// `PUT /backup-vaults/main`, `GET /?max-buckets=1`, `PUT /restore-jobs`), oldest first.
    /// The rig's own calls to `/moto-api/` (readiness, reset) are left out. Query-protocol and
    /// JSON-protocol services (STS, IAM, KMS, DynamoDB) all show as `POST /`: only REST services
    /// such as Backup and S3 can be told apart here. A request is logged before its response
    /// is sent, so it is there as soon as the client has its answer.
    pub fn requests(&self) -> Vec<String> {
        self.requests_with_status()
            .into_iter()
            .map(|(request, _)| request)
            .collect()
    }

    /// [`Moto::requests`] with the HTTP status moto answered. Operations moto does not
    /// implement are logged too, with 404 (`PUT /restore-jobs` → 404): a call the program must
    /// not make shows here even though moto cannot serve it.
    pub fn requests_with_status(&self) -> Vec<(String, u16)> {
        let log = fs::read_to_string(&self.log_path).expect("read moto's log");
        log.lines()
            .filter_map(request_of_log_line)
            .filter(|(request, _)| {
                !request
                    .split_once(' ')
                    .is_some_and(|(_, target)| target.starts_with("/moto-api/"))
            })
            .collect()
    }

    /// Every request in the log, the rig's own included.
    fn all_requests(&self) -> Vec<String> {
        let log = fs::read_to_string(&self.log_path).expect("read moto's log");
        log.lines()
            .filter_map(request_of_log_line)
            .map(|(request, _)| request)
            .collect()
    }

    /// Forgets every resource of every account and region (`POST /moto-api/reset`).
    /// The request log is kept.
    pub fn reset(&self) {
        let response = self
            .http("POST", "/moto-api/reset")
            .unwrap_or_else(|e| panic!("reset moto: {e}\n{}", self.log()));
        assert!(
            status_code(&response) == Some(200),
            "reset moto: unexpected answer\n{response}\n{}",
            self.log()
        );
    }

    /// The environment a process needs to talk to this moto and nothing else: test credentials,
    /// the endpoint, the region, no instance metadata, and AWS config and credentials files that
    /// do not exist (so `~/.aws` is never read). Callers should also drop the `AWS_*` variables
    /// they inherit, as [`Moto::apply_env`] does.
    pub fn env(&self) -> Vec<(String, String)> {
        let missing = |name: &str| self.dir.path().join(name).display().to_string();
        [
            ("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID.to_string()),
            ("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY.to_string()),
            ("AWS_REGION", REGION.to_string()),
            // The AWS CLI v1 (botocore) reads only this one.
            ("AWS_DEFAULT_REGION", REGION.to_string()),
            ("AWS_ENDPOINT_URL", self.endpoint.clone()),
            ("AWS_EC2_METADATA_DISABLED", "true".to_string()),
            ("AWS_CONFIG_FILE", missing("no-aws-config")),
            ("AWS_SHARED_CREDENTIALS_FILE", missing("no-aws-credentials")),
        ]
        .into_iter()
        .map(|(name, value)| (name.to_string(), value))
        .collect()
    }

    /// Removes every inherited `AWS_*` variable from `cmd` (a developer's profile, session
    /// token, …) and sets [`Moto::env`].
    pub fn apply_env(&self, cmd: &mut Command) {
        for name in inherited_aws_vars() {
            cmd.env_remove(name);
        }
        cmd.envs(self.env());
    }

    /// Runs the venv's AWS CLI (v1) against this moto, e.g.
    /// `moto.aws_cli(&["backup", "create-backup-vault", "--backup-vault-name", "main"])`.
    pub fn aws_cli(&self, args: &[&str]) -> Output {
        let aws = aws_cli();
        assert!(aws.is_file(), "{}", missing_tool_message("aws", &aws));
        let mut cmd = Command::new(&aws);
        self.apply_env(&mut cmd);
        cmd.args(["--endpoint-url", &self.endpoint, "--output", "json"])
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("run {}: {e}", aws.display()))
    }

    /// [`Moto::aws_cli`] that must succeed; returns its standard output.
    pub fn aws_ok(&self, args: &[&str]) -> String {
        let output = self.aws_cli(args);
        assert!(
            output.status.success(),
            "aws {} failed: {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            args.join(" "),
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("aws printed UTF-8")
    }

    /// Runs a Python script with the venv's interpreter (boto3 is there) and [`Moto::env`],
    /// and returns what it printed; panics if it fails. One process seeds thousands of
    /// resources far faster than one CLI call each. Give every client the endpoint:
    ///
    /// ```python
    /// import os, boto3
    /// s3 = boto3.client("s3", endpoint_url=os.environ["AWS_ENDPOINT_URL"])
    /// for i in range(2000):
    ///     s3.create_bucket(Bucket=f"bucket-{i:05}")
    /// ```
    pub fn python(&self, script: &str) -> String {
        static SCRIPTS: AtomicUsize = AtomicUsize::new(0);
        let python = python();
        assert!(
            python.is_file(),
            "{}",
            missing_tool_message("python", &python)
        );
        let n = SCRIPTS.fetch_add(1, Ordering::Relaxed);
        let path = self.dir.path().join(format!("seed-{n}.py"));
        fs::write(&path, script).expect("write the Python script");
        let mut cmd = Command::new(&python);
        self.apply_env(&mut cmd);
        let output = cmd
            .arg(&path)
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("run {}: {e}", python.display()));
        assert!(
            output.status.success(),
            "Python script failed: {}\n--- script ---\n{script}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("the Python script printed UTF-8")
    }

    /// moto's log, for failure reports.
    pub fn log(&self) -> String {
        let text = fs::read_to_string(&self.log_path).unwrap_or_else(|e| e.to_string());
        format!("--- moto log ({}) ---\n{text}", self.log_path.display())
    }

    fn wait_ready(&mut self) -> Result<(), String> {
        let deadline = Instant::now() + READY_TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("poll moto_server") {
                return Err(format!("moto_server exited with {status} before answering"));
            }
            let last_error = match self.http("GET", "/moto-api/") {
                // Only this server's log proves that the answer came from this server, not from
                // another one that took the port first (this one then exits, and is retried).
                Ok(response)
                    if response.starts_with("HTTP/1.")
                        && self.all_requests().iter().any(|r| r == "GET /moto-api/") =>
                {
                    return Ok(());
                }
                Ok(response) if response.starts_with("HTTP/1.") => {
                    "an answer from another server on the same port".to_string()
                }
                Ok(response) => format!("unexpected answer: {response:.200}"),
                Err(e) => e,
            };
            if Instant::now() >= deadline {
                return Err(format!(
                    "moto_server did not answer GET /moto-api/ within {READY_TIMEOUT:?}: {last_error}"
                ));
            }
            thread::sleep(POLL);
        }
    }

    /// One HTTP/1.1 exchange with moto, without a body; the whole response as text.
    fn http(&self, method: &str, path: &str) -> Result<String, String> {
        let addr = SocketAddr::from(([127, 0, 0, 1], self.port));
        let mut stream = TcpStream::connect_timeout(&addr, Duration::from_millis(500))
            .map_err(|e| format!("connect to {addr}: {e}"))?;
        stream
            .set_read_timeout(Some(HTTP_TIMEOUT))
            .and_then(|()| stream.set_write_timeout(Some(HTTP_TIMEOUT)))
            .map_err(|e| format!("set timeouts: {e}"))?;
        let request = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            self.port
        );
        stream
            .write_all(request.as_bytes())
            .map_err(|e| format!("send {method} {path}: {e}"))?;
        let mut response = Vec::new();
        stream
            .read_to_end(&mut response)
            .map_err(|e| format!("read the answer to {method} {path}: {e}"))?;
        Ok(String::from_utf8_lossy(&response).into_owned())
    }

    fn stop(&mut self) {
        // Best effort: it may have died already; wait() reaps it either way.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        self.stop();
    }
}

/// `127.0.0.1 - - [22/Nov/2026 22:08:28] "PUT /backup-vaults/main HTTP/1.1" 200 -`
/// → (`PUT /backup-vaults/main`, 200).
fn request_of_log_line(line: &str) -> Option<(String, u16)> {
    let (_, rest) = line.split_once("] \"")?;
    let (request_line, after) = rest.rsplit_once("\" ")?;
    let (request, version) = request_line.rsplit_once(' ')?;
    let status = after.split_whitespace().next()?.parse().ok()?;
    version
        .starts_with("HTTP/")
        .then(|| (request.to_string(), status))
}

fn status_code(response: &str) -> Option<u16> {
    response.split_whitespace().nth(1)?.parse().ok()
}

/// The `AWS_*` variables of this process, which a child talking to moto must not inherit.
fn inherited_aws_vars() -> Vec<OsString> {
    std::env::vars_os()
        .map(|(name, _)| name)
        .filter(|name| name.to_string_lossy().starts_with("AWS_"))
        .collect()
}

fn venv_bin() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-venv/bin")
}

fn from_env_or(variable: &str, default: PathBuf) -> PathBuf {
    std::env::var_os(variable)
        .filter(|value| !value.is_empty())
        .map_or(default, PathBuf::from)
}

/// `$BACKUP_TUI_MOTO`, else the venv's `moto_server`; fails (never skips) when missing.
fn moto_server() -> PathBuf {
    let path = from_env_or("BACKUP_TUI_MOTO", venv_bin().join("moto_server"));
    assert!(
        path.is_file(),
        "{}",
        missing_tool_message("moto_server", &path)
    );
    path
}

/// `$BACKUP_TUI_AWS_CLI`, else the venv's `aws`.
fn aws_cli() -> PathBuf {
    from_env_or("BACKUP_TUI_AWS_CLI", venv_bin().join("aws"))
}

/// The interpreter of the venv that holds moto (and so boto3).
fn python() -> PathBuf {
    moto_server().with_file_name("python")
}

fn missing_tool_message(tool: &str, path: &Path) -> String {
    format!(
        "{tool} not found at {}: run `scripts/test.sh --install-only`, which installs moto, \
         boto3 and the AWS CLI into target/test-venv (BACKUP_TUI_MOTO and BACKUP_TUI_AWS_CLI \
         override the paths)",
        path.display()
    )
}

/// A port that was free on 127.0.0.1 a moment ago.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("find a free port on 127.0.0.1")
        .port()
}
