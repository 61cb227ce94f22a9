//! Whole-process startup time and resident memory of the release binary in an 80x24 PTY (`cargo bench --bench startup`).

#[path = "support/pty.rs"]
mod pty;

use pty::{Result, Session};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// The longest any single wait may take.
const TIMEOUT: Duration = Duration::from_secs(20);
/// Measured startups (after one untimed warm-up).
const RUNS: usize = 20;
/// The text of the first frame: the breadcrumb and title of the Protected resources screen.
const FIRST_FRAME: &str = "Protected resources";
const SCALE: usize = 100_000;

const STARTUP_LIMIT: Duration = Duration::from_millis(50);
const MEMORY_LIMIT_KB: u64 = 80 * 1024;

/// Starts `bin args` and notes when `FIRST_FRAME` first shows on its screen.
fn spawn(bin: &Path, args: &[String], dir: &Path) -> Result<Session<1>> {
    let mut cmd = pty::command(bin, args, dir);
    for var in ["AWS_REGION", "AWS_PROFILE"] {
        cmd.env_remove(var);
    }
    Session::spawn(cmd, [FIRST_FRAME], TIMEOUT)
}

/// Time from spawn until the watched text first showed.
fn watch_time(session: &Session<1>) -> Result<Duration> {
    session.wait_for("the first frame", |text| text.contains(FIRST_FRAME))?;
    let seen = session.lock().seen[0].ok_or("watched text not recorded")?;
    Ok(seen - session.started())
}

/// Sends `keys` and waits (at most `TIMEOUT`) for the program to exit.
fn quit(mut session: Session<1>, keys: &[u8]) -> Result<()> {
    session.send(keys)?;
    match session.exited_within(TIMEOUT) {
        Ok(true) => Ok(()),
        Ok(false) => Err(format!("the program did not exit within {TIMEOUT:?}")),
        Err(e) => Err(format!("wait for the program: {e}")),
    }
}

/// `VmRSS` and `VmHWM` of `pid`, in kB.
fn memory_kb(pid: u32) -> Result<(u64, u64)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .map_err(|e| format!("read /proc/{pid}/status: {e}"))?;
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .ok_or(format!("no {name} in /proc/{pid}/status"))
    };
    Ok((field("VmRSS:")?, field("VmHWM:")?))
}

/// The release binary: `<target dir>/release/backup-tui`, next to this bench's own target dir.
fn release_binary() -> PathBuf {
    let from_exe = std::env::current_exe().ok().and_then(|exe| {
        // <target>/<profile>/deps/startup-<hash>
        exe.parent()?.parent()?.parent().map(Path::to_path_buf)
    });
    from_exe
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
        .join("release")
        .join("backup-tui")
}

fn demo_args(dir: &Path, extra: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = vec![
        "--demo".into(),
        "--log-file".into(),
        dir.join("log").display().to_string(),
        // A config file that does not exist: the defaults, whatever the user's config says.
        "--config".into(),
        dir.join("none.toml").display().to_string(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    args
}

/// Spawn to first frame, default demo latency (the first frame comes before any data).
fn startup_once(bin: &Path, dir: &Path) -> Result<Duration> {
    let session = spawn(bin, &demo_args(dir, &[]), dir)?;
    let time = watch_time(&session)?;
    quit(session, b"q")?;
    Ok(time)
}

fn kb(v: u64) -> String {
    format!("{:.1} MB", v as f64 / 1024.0)
}

fn verdict(ok: bool) -> &'static str {
    if ok { "PASS" } else { "FAIL" }
}

fn startup_times(bin: &Path, dir: &Path) -> Result<bool> {
    startup_once(bin, dir)?; // warm-up: page cache, dynamic loader
    let mut times = (0..RUNS)
        .map(|_| startup_once(bin, dir))
        .collect::<Result<Vec<_>>>()?;
    times.sort();
    let median = times[RUNS / 2];
    let ok = median < STARTUP_LIMIT;
    println!(
        "startup to first frame ({RUNS} runs, 80x24 PTY): min {:.1?} median {median:.1?} max {:.1?} \
         (median must be < {STARTUP_LIMIT:?}) {}",
        times[0],
        times[RUNS - 1],
        verdict(ok)
    );
    Ok(ok)
}

fn large_account_memory(bin: &Path, dir: &Path) -> Result<bool> {
    let scale = SCALE.to_string();
    let args = demo_args(dir, &["--demo-scale", &scale, "--demo-latency", "0"]);
    let session = spawn(bin, &args, dir)?;
    let pid = session.pid()?;
    session.wait_for("the loaded Protected resources list", |text| {
        text.contains("Protected resources (")
            && text.contains("synthetic-vol")
            && !text.to_lowercase().contains("loading")
    })?;
    let resources_at = session.started().elapsed();
    let (rss, hwm) = memory_kb(pid)?;
    let ok_list = rss < MEMORY_LIMIT_KB && hwm < MEMORY_LIMIT_KB;
    println!(
        "--demo-scale {SCALE}, Protected resources loaded after {resources_at:.0?}: \
         VmRSS {} VmHWM {} (must be < 80 MB) {}",
        kb(rss),
        kb(hwm),
        verdict(ok_list)
    );

    session.send(b":vaults\r")?;
    session.wait_for("the vault list showing bulk-archive", |text| {
        text.contains("bulk-archive") && !text.to_lowercase().contains("loading")
    })?;
    session.send(b"/bulk\r")?;
    session.wait_for("the vault list filtered to bulk-archive", |text| {
        text.contains("[/bulk]")
    })?;
    let opened = Instant::now();
    session.send(b"\r")?;
    let title = format!("Recovery points ({SCALE})");
    session.wait_for(&format!("{title:?}"), |text| text.contains(&title))?;
    let open_time = opened.elapsed();
    let (rss, hwm) = memory_kb(pid)?;
    let ok_vault = rss < MEMORY_LIMIT_KB && hwm < MEMORY_LIMIT_KB;
    println!(
        "bulk-archive opened, all {SCALE} recovery points loaded after {open_time:.0?}: \
         VmRSS {} VmHWM {} (must be < 80 MB) {}",
        kb(rss),
        kb(hwm),
        verdict(ok_vault)
    );
    quit(session, b"\x03")?;
    Ok(ok_list && ok_vault)
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
            eprintln!("startup bench: {message}");
            return ExitCode::FAILURE;
        }
        println!("startup bench: skipped in test mode ({message})");
        return ExitCode::SUCCESS;
    }
    let dir = match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(e) => {
            eprintln!("startup bench: cannot create a temp dir: {e}");
            return ExitCode::FAILURE;
        }
    };
    if !benchmarking {
        // `cargo test --benches`: one quick startup as a smoke test; the release binary may be
        // stale, so a problem is a note, not a failure.
        match startup_once(&bin, dir.path()) {
            Ok(time) => println!("startup bench (test mode): first frame after {time:.1?}"),
            Err(e) => println!("startup bench (test mode): note: {e}"),
        }
        return ExitCode::SUCCESS;
    }
    println!("=== backup-tui startup and memory ({}) ===", bin.display());
    let result = startup_times(&bin, dir.path())
        .and_then(|ok| Ok(large_account_memory(&bin, dir.path())? && ok));
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => {
            println!("startup bench: a requirement failed (see FAIL above)");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("startup bench: {e}");
            ExitCode::FAILURE
        }
    }
}
