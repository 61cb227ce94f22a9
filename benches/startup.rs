//! Whole-process startup time and resident memory of the release binary in an 80x24 PTY (`cargo bench --bench startup`).

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

const ROWS: u16 = 24;
const COLS: u16 = 80;
/// The longest any single wait may take.
const TIMEOUT: Duration = Duration::from_secs(20);
/// Measured startups (after one untimed warm-up).
const RUNS: usize = 20;
/// The text of the first frame: the breadcrumb and title of the Protected resources screen.
const FIRST_FRAME: &str = "Protected resources";
const SCALE: usize = 100_000;

const STARTUP_LIMIT: Duration = Duration::from_millis(50);
const MEMORY_LIMIT_KB: u64 = 80 * 1024;

type Result<T> = std::result::Result<T, String>;
/// The PTY's input, shared by the keys sent and the reader thread's answers to queries.
type SharedWriter = Arc<Mutex<Box<dyn Write + Send>>>;

/// What the program wrote so far, as an emulated screen.
struct Output {
    parser: vt100::Parser,
    /// When `watch` first appeared on the screen (checked as each read is parsed).
    watch_seen: Option<Instant>,
    closed: bool,
}

/// The program in an 80x24 pseudo-terminal; killed and reaped on drop if still running.
struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: SharedWriter,
    output: Arc<(Mutex<Output>, Condvar)>,
    started: Instant,
    _master: Box<dyn MasterPty + Send>,
}

impl Session {
    /// Starts `bin args` and notes when `watch` first shows on its screen.
    fn spawn(bin: &Path, args: &[String], dir: &Path, watch: &'static str) -> Result<Session> {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .map_err(|e| format!("open a PTY: {e}"))?;
        let mut cmd = CommandBuilder::new(bin);
        cmd.args(args);
        cmd.cwd(dir);
        cmd.env("TERM", "xterm-256color");
        for var in [
            "NO_COLOR",
            "COLUMNS",
            "LINES",
            "AWS_REGION",
            "AWS_PROFILE",
            "BACKUP_TUI_CONFIG",
        ] {
            cmd.env_remove(var);
        }
        let output = Arc::new((
            Mutex::new(Output {
                parser: vt100::Parser::new(ROWS, COLS, 0),
                watch_seen: None,
                closed: false,
            }),
            Condvar::new(),
        ));
        let started = Instant::now();
        let child = pair
            .slave
            .spawn_command(cmd)
            .map_err(|e| format!("spawn {}: {e}", bin.display()))?;
        drop(pair.slave);
        let writer: SharedWriter = Arc::new(Mutex::new(
            pair.master
                .take_writer()
                .map_err(|e| format!("PTY writer: {e}"))?,
        ));
        let reader = pair
            .master
            .try_clone_reader()
            .map_err(|e| format!("PTY reader: {e}"))?;
        let session = Session {
            child,
            writer: Arc::clone(&writer),
            output: Arc::clone(&output),
            started,
            _master: pair.master,
        };
        thread::Builder::new()
            .name("pty-reader".into())
            .spawn(move || pump(reader, &writer, &output, watch))
            .map_err(|e| format!("start the reader thread: {e}"))?;
        Ok(session)
    }

    fn pid(&self) -> Result<u32> {
        self.child.process_id().ok_or("the child has no pid".into())
    }

    fn lock(&self) -> MutexGuard<'_, Output> {
        self.output.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn send(&self, keys: &[u8]) -> Result<()> {
        let mut writer = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        writer
            .write_all(keys)
            .and_then(|()| writer.flush())
            .map_err(|e| format!("send keys: {e}"))
    }

    /// Waits (at most `TIMEOUT`) until `ready` holds for the screen.
    fn wait_for(&self, what: &str, mut ready: impl FnMut(&str) -> bool) -> Result<()> {
        let deadline = Instant::now() + TIMEOUT;
        let mut out = self.lock();
        loop {
            let text = out.parser.screen().contents();
            if ready(&text) {
                return Ok(());
            }
            let now = Instant::now();
            if now >= deadline || out.closed {
                return Err(format!(
                    "{} waiting for {what}; the screen:\n{text}",
                    if out.closed {
                        "the program exited"
                    } else {
                        "timed out"
                    }
                ));
            }
            out = self
                .output
                .1
                .wait_timeout(out, (deadline - now).min(Duration::from_millis(100)))
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }

    /// Time from spawn until the watched text first showed.
    fn watch_time(&self) -> Result<Duration> {
        self.wait_for("the first frame", |text| text.contains(FIRST_FRAME))?;
        let seen = self.lock().watch_seen.ok_or("watched text not recorded")?;
        Ok(seen - self.started)
    }

    /// Sends `keys` and waits (at most `TIMEOUT`) for the program to exit.
    fn quit(mut self, keys: &[u8]) -> Result<()> {
        self.send(keys)?;
        let deadline = Instant::now() + TIMEOUT;
        loop {
            match self.child.try_wait() {
                Ok(Some(_)) => return Ok(()),
                Ok(None) if Instant::now() < deadline => thread::sleep(Duration::from_millis(5)),
                Ok(None) => return Err(format!("the program did not exit within {TIMEOUT:?}")),
                Err(e) => return Err(format!("wait for the program: {e}")),
            }
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Reader thread: feeds the output to the emulator, notes when `watch` first shows, and
/// answers cursor position queries as a terminal would, until the PTY closes.
fn pump(
    mut reader: Box<dyn Read + Send>,
    replies: &SharedWriter,
    output: &(Mutex<Output>, Condvar),
    watch: &str,
) {
    let mut buf = [0u8; 16384];
    loop {
        let n = match reader.read(&mut buf) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Ok(n) => n,
            Err(_) => 0,
        };
        let now = Instant::now();
        let mut out = output.0.lock().unwrap_or_else(PoisonError::into_inner);
        if n == 0 {
            out.closed = true;
            output.1.notify_all();
            return;
        }
        out.parser.process(&buf[..n]);
        if out.watch_seen.is_none() && out.parser.screen().contents().contains(watch) {
            out.watch_seen = Some(now);
        }
        let query = buf[..n].windows(4).any(|w| w == b"\x1b[6n");
        let (row, col) = out.parser.screen().cursor_position();
        drop(out);
        output.1.notify_all();
        if query {
            let mut w = replies.lock().unwrap_or_else(PoisonError::into_inner);
            let _ = write!(w, "\x1b[{};{}R", row + 1, col + 1).and_then(|()| w.flush());
        }
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
    let session = Session::spawn(bin, &demo_args(dir, &[]), dir, FIRST_FRAME)?;
    let time = session.watch_time()?;
    session.quit(b"q")?;
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
    let session = Session::spawn(bin, &args, dir, FIRST_FRAME)?;
    let pid = session.pid()?;
    session.wait_for("the loaded Protected resources list", |text| {
        text.contains("Protected resources (")
            && text.contains("synthetic-vol")
            && !text.to_lowercase().contains("loading")
    })?;
    let resources_at = session.started.elapsed();
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
    session.quit(b"\x03")?;
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
