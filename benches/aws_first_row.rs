//! Against moto on loopback: spawn → the first S3 bucket of a 5,000-bucket account on screen,
//! beside `aws s3api list-buckets` listing the same buckets (`cargo bench --bench aws_first_row`).
//!
//! The release binary runs in an 80x24 PTY against a private moto server (no `--demo`); as soon
//! as its first frame is up, `:buckets` Enter is typed, and the time from spawn until
//! `bucket-00000` (moto lists buckets in creation order) shows on screen is taken. The AWS CLI
//! of the test venv is timed from spawn to exit for the same listing, and its output must hold
//! all 5,000 buckets. Runs alternate between the two, after one untimed warm-up of each.

#[path = "../tests/support/moto.rs"]
mod moto;
#[path = "support/pty.rs"]
mod pty;

use moto::Moto;
use pty::{Result, Session};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::thread;
use std::time::{Duration, Instant};

/// The longest any single wait may take.
const TIMEOUT: Duration = Duration::from_secs(60);
const BUCKETS: usize = 5_000;
/// Measured runs of each (after one untimed warm-up of each).
const RUNS: usize = 5;
/// In `cargo test --benches`: a quick smoke run on a small account.
const SMOKE_BUCKETS: usize = 120;
/// The first frame: the breadcrumb and title of the Protected resources screen.
const FIRST_FRAME: &str = "Protected resources";
/// The first bucket moto lists (it lists in creation order; the screen keeps that order).
const FIRST_BUCKET: &str = "bucket-00000";
/// What the reader thread watches for, in this order.
const WATCHES: [&str; 2] = [FIRST_FRAME, FIRST_BUCKET];

/// Starts `bin` against `moto`, with its log, config and audit log in `dir`.
fn spawn(bin: &Path, moto: &Moto, dir: &Path) -> Result<Session<{ WATCHES.len() }>> {
    let path = |name: &str| dir.join(name).display().to_string();
    let args = [
        "--log-file".to_string(),
        path("log"),
        // A config file that does not exist: the defaults, whatever the user's config says.
        "--config".to_string(),
        path("none.toml"),
        "--audit-log".to_string(),
        path("audit.jsonl"),
    ];
    let mut cmd = pty::command(bin, &args, dir);
    cmd.env("HOME", dir.display().to_string());
    for (name, _) in std::env::vars() {
        if name.starts_with("AWS_") {
            cmd.env_remove(&name);
        }
    }
    for (name, value) in moto.env() {
        cmd.env(name, value);
    }
    Session::spawn(cmd, WATCHES, TIMEOUT)
}

/// Sends ctrl-c and waits (at most 10 s) for the program to exit; drop kills it otherwise.
fn quit(mut session: Session<{ WATCHES.len() }>) -> Result<()> {
    session.send(b"\x03")?;
    match session.exited_within(Duration::from_secs(10)) {
        Ok(true) => Ok(()),
        Ok(false) => Err("backup-tui did not exit within 10 s of ctrl-c".into()),
        Err(e) => Err(format!("wait for backup-tui: {e}")),
    }
}

/// One backup-tui run: spawn → first frame, spawn → first bucket, `:buckets` keystroke → first
/// bucket, and how many bucket settings lookups moto had served when the row was seen.
struct OurRun {
    first_frame: Duration,
    first_row: Duration,
    from_keystroke: Duration,
    lookups: usize,
}

fn ours_once(bin: &Path, moto: &Moto, dir: &Path) -> Result<OurRun> {
    let before = moto.requests().len();
    let session = spawn(bin, moto, dir)?;
    let frame = session.wait_seen(0)?;
    let typed = Instant::now();
    session.send(b":buckets\r")?;
    let row = session.wait_seen(1)?;
    // Read at once, while backup-tui keeps looking up the next pages: an upper bound.
    let lookups = moto.requests()[before..]
        .iter()
        .filter(|r| r.contains("?versioning") || r.contains("?ownershipControls"))
        .count();
    let run = OurRun {
        first_frame: frame - session.started(),
        first_row: row - session.started(),
        from_keystroke: row - typed,
        lookups,
    };
    quit(session)?;
    Ok(run)
}

/// `aws s3api list-buckets` from spawn to exit; checks it listed `buckets` buckets.
fn cli_once(moto: &Moto, buckets: usize) -> Result<Duration> {
    let started = Instant::now();
    let output = moto.aws_cli(&["s3api", "list-buckets"]);
    let time = started.elapsed();
    if !output.status.success() {
        return Err(format!(
            "aws s3api list-buckets failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let json: serde_json::Value = serde_json::from_slice(&output.stdout)
        .map_err(|e| format!("aws s3api list-buckets printed no JSON: {e}"))?;
    let listed = json["Buckets"].as_array().map_or(0, Vec::len);
    if listed != buckets {
        return Err(format!(
            "aws s3api list-buckets listed {listed} buckets, not {buckets}"
        ));
    }
    Ok(time)
}

/// Creates `count` buckets, `bucket-00000` first, with boto3 in one process.
fn seed(moto: &Moto, count: usize) -> Result<Duration> {
    let started = Instant::now();
    let printed = moto.python(&format!(
        r#"import os, boto3
s3 = boto3.client("s3", endpoint_url=os.environ["AWS_ENDPOINT_URL"])
for i in range({count}):
    s3.create_bucket(Bucket=f"bucket-{{i:05}}")
print(len(s3.list_buckets()["Buckets"]))
"#
    ));
    if printed.trim() != count.to_string() {
        return Err(format!(
            "seeding left {} buckets, not {count}",
            printed.trim()
        ));
    }
    Ok(started.elapsed())
}

/// What moto itself costs, without any client's start-up (Python in one process, the median
/// of 5 calls each after one warm-up): ListBuckets as a raw HTTP GET (moto's own time: it
/// answers unsigned requests as the default account), the same through boto3 (plus its XML
/// parsing), and one GetBucketVersioning as a raw GET.
struct MotoFloor {
    list_raw: Duration,
    list_boto3: Duration,
    versioning_raw: Duration,
}

fn moto_floor(moto: &Moto, buckets: usize) -> Result<MotoFloor> {
    let printed = moto.python(
        r#"import os, time, boto3, urllib.request
endpoint = os.environ["AWS_ENDPOINT_URL"]
s3 = boto3.client("s3", endpoint_url=endpoint)
def median(call):
    call()
    times = []
    for _ in range(5):
        t = time.perf_counter()
        call()
        times.append(time.perf_counter() - t)
    return sorted(times)[2]
def raw(path):
    return lambda: urllib.request.urlopen(endpoint + path).read()
names = urllib.request.urlopen(endpoint + "/").read().count(b"<Name>")
print(names, median(raw("/")), median(s3.list_buckets), median(raw("/bucket-00000?versioning")))
"#,
    );
    let fields: Vec<&str> = printed.split_whitespace().collect();
    let secs = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .map(Duration::from_secs_f64)
            .ok_or_else(|| format!("timing moto printed {printed:?}"))
    };
    if fields.first() != Some(&buckets.to_string().as_str()) {
        return Err(format!(
            "an unsigned ListBuckets did not list {buckets} buckets: {printed:?}"
        ));
    }
    Ok(MotoFloor {
        list_raw: secs(1)?,
        list_boto3: secs(2)?,
        versioning_raw: secs(3)?,
    })
}

/// The release binary: `<target dir>/release/backup-tui`, next to this bench's own target dir.
fn release_binary() -> PathBuf {
    let from_exe = std::env::current_exe().ok().and_then(|exe| {
        // <target>/<profile>/deps/aws_first_row-<hash>
        exe.parent()?.parent()?.parent().map(Path::to_path_buf)
    });
    from_exe
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
        .join("release")
        .join("backup-tui")
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// `min / median / max (each run)` of `times`.
fn summary(times: &[Duration]) -> (Duration, String) {
    let mut sorted = times.to_vec();
    sorted.sort();
    let median = sorted[sorted.len() / 2];
    let each: Vec<String> = times.iter().map(|t| format!("{:.0}", ms(*t))).collect();
    let text = format!(
        "min {:6.0} ms  median {:6.0} ms  max {:6.0} ms  (runs: {})",
        ms(sorted[0]),
        ms(median),
        ms(sorted[sorted.len() - 1]),
        each.join(", ")
    );
    (median, text)
}

fn bench(bin: &Path, dir: &Path) -> Result<bool> {
    let moto = Moto::start();
    let seeding = seed(&moto, BUCKETS)?;
    println!(
        "moto at {}: {BUCKETS} buckets created in {:.1} s",
        moto.endpoint,
        seeding.as_secs_f64()
    );
    let floor = moto_floor(&moto, BUCKETS)?;
    println!(
        "moto alone (one Python process, medians of 5): ListBuckets raw GET {:.0} ms, \
         through boto3 {:.0} ms; one GetBucketVersioning raw GET {:.1} ms",
        ms(floor.list_raw),
        ms(floor.list_boto3),
        ms(floor.versioning_raw)
    );
    // Warm-up (untimed): page cache, Python bytecode, moto's code paths.
    let warm_ours = ours_once(bin, &moto, dir)?;
    let warm_cli = cli_once(&moto, BUCKETS)?;
    println!(
        "warm-up: backup-tui first bucket after {:.0} ms, aws s3api list-buckets {:.0} ms",
        ms(warm_ours.first_row),
        ms(warm_cli)
    );
    let mut ours = Vec::new();
    let mut cli = Vec::new();
    for _ in 0..RUNS {
        ours.push(ours_once(bin, &moto, dir)?);
        // Let moto finish the lookups still in flight from the run just quit.
        thread::sleep(Duration::from_millis(300));
        cli.push(cli_once(&moto, BUCKETS)?);
    }
    let pick = |f: fn(&OurRun) -> Duration| ours.iter().map(f).collect::<Vec<_>>();
    let (_, frame) = summary(&pick(|r| r.first_frame));
    let (row_median, row) = summary(&pick(|r| r.first_row));
    let (_, keystroke) = summary(&pick(|r| r.from_keystroke));
    let (cli_median, cli_text) = summary(&cli);
    let lookups: Vec<String> = ours.iter().map(|r| r.lookups.to_string()).collect();
    println!("{BUCKETS} buckets, {RUNS} runs each, alternating, 80x24 PTY:");
    println!("  backup-tui spawn -> first frame:        {frame}");
    println!("  backup-tui spawn -> {FIRST_BUCKET} shown: {row}");
    println!("  backup-tui `:buckets` -> {FIRST_BUCKET}:  {keystroke}");
    println!("  aws s3api list-buckets spawn -> exit:   {cli_text}");
    println!(
        "  bucket settings lookups moto had served when the row was seen (of {}): {}",
        2 * BUCKETS,
        lookups.join(", ")
    );
    let slowest_ours = ours.iter().map(|r| r.first_row).max().unwrap_or_default();
    let fastest_cli = cli.iter().min().copied().unwrap_or_default();
    let ok = row_median < cli_median;
    println!(
        "  median ratio backup-tui first row / CLI done: {:.2} (every run of ours before every CLI run: {}) {}",
        row_median.as_secs_f64() / cli_median.as_secs_f64(),
        if slowest_ours < fastest_cli {
            "yes"
        } else {
            "no"
        },
        if ok { "PASS" } else { "FAIL" }
    );
    Ok(ok)
}

/// `cargo test --benches`: one run each on a small account; any problem is a note.
fn smoke(bin: &Path, dir: &Path) {
    let result = std::panic::catch_unwind(AssertUnwindSafe(|| -> Result<String> {
        let moto = Moto::start();
        seed(&moto, SMOKE_BUCKETS)?;
        let ours = ours_once(bin, &moto, dir)?;
        let cli = cli_once(&moto, SMOKE_BUCKETS)?;
        Ok(format!(
            "{SMOKE_BUCKETS} buckets: first bucket after {:.0} ms, aws s3api list-buckets {:.0} ms",
            ms(ours.first_row),
            ms(cli)
        ))
    }));
    match result {
        Ok(Ok(text)) => println!("aws_first_row bench (test mode): {text}"),
        Ok(Err(e)) => println!("aws_first_row bench (test mode): note: {e}"),
        Err(_) => println!("aws_first_row bench (test mode): note: the moto rig panicked"),
    }
}

fn main() -> ExitCode {
    let benchmarking = std::env::args().any(|a| a == "--bench");
    let bin = release_binary();
    if !bin.exists() {
        let message = format!(
            "{} is missing: run `cargo build --release` first",
            bin.display()
        );
        if benchmarking {
            eprintln!("aws_first_row bench: {message}");
            return ExitCode::FAILURE;
        }
        println!("aws_first_row bench: skipped in test mode ({message})");
        return ExitCode::SUCCESS;
    }
    let dir = match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(e) => {
            eprintln!("aws_first_row bench: cannot create a temp dir: {e}");
            return ExitCode::FAILURE;
        }
    };
    if !benchmarking {
        smoke(&bin, dir.path());
        return ExitCode::SUCCESS;
    }
    println!(
        "=== backup-tui vs the AWS CLI against moto ({}) ===",
        bin.display()
    );
    match bench(&bin, dir.path()) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => {
            println!("aws_first_row bench: a requirement failed (see FAIL above)");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("aws_first_row bench: {e}");
            ExitCode::FAILURE
        }
    }
}
