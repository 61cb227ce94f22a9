//! Shared by `benches/startup.rs` and `benches/aws_first_row.rs`: the release binary in an
//! 80x24 pseudo-terminal, its output read into a vt100 screen by a reader thread that notes
//! when each watched text first shows.
#![allow(dead_code)] // each bench uses a different part of it

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

pub const ROWS: u16 = 24;
pub const COLS: u16 = 80;

pub type Result<T> = std::result::Result<T, String>;
/// The PTY's input, shared by the keys sent and the reader thread's answers to queries.
type SharedWriter = Arc<Mutex<Box<dyn Write + Send>>>;

/// `bin args` in `dir`, with `TERM=xterm-256color` and none of the variables that would change
/// its size, colours or config; callers add their own environment.
pub fn command(bin: &Path, args: &[String], dir: &Path) -> CommandBuilder {
    let mut cmd = CommandBuilder::new(bin);
    cmd.args(args);
    cmd.cwd(dir);
    cmd.env("TERM", "xterm-256color");
    for var in ["NO_COLOR", "COLUMNS", "LINES", "BACKUP_TUI_CONFIG"] {
        cmd.env_remove(var);
    }
    cmd
}

/// What the program wrote so far, as an emulated screen.
pub struct Output<const N: usize> {
    pub parser: vt100::Parser,
    /// When each watched text first appeared on the screen (checked as each read is parsed).
    pub seen: [Option<Instant>; N],
    pub closed: bool,
}

/// The program in an 80x24 pseudo-terminal, watching for `N` texts; killed and reaped on drop
/// if still running.
pub struct Session<const N: usize> {
    child: Box<dyn Child + Send + Sync>,
    writer: SharedWriter,
    output: Arc<(Mutex<Output<N>>, Condvar)>,
    watches: [&'static str; N],
    /// The longest any single wait may take.
    timeout: Duration,
    started: Instant,
    _master: Box<dyn MasterPty + Send>,
}

impl<const N: usize> Session<N> {
    /// Starts `cmd` and notes when each of `watches` first shows on its screen; every wait
    /// takes at most `timeout`.
    pub fn spawn(
        cmd: CommandBuilder,
        watches: [&'static str; N],
        timeout: Duration,
    ) -> Result<Self> {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .map_err(|e| format!("open a PTY: {e}"))?;
        let bin = Path::new(&cmd.get_argv()[0]).display().to_string();
        let output = Arc::new((
            Mutex::new(Output {
                parser: vt100::Parser::new(ROWS, COLS, 0),
                seen: [None; N],
                closed: false,
            }),
            Condvar::new(),
        ));
        let started = Instant::now();
        let child = pair
            .slave
            .spawn_command(cmd)
            .map_err(|e| format!("spawn {bin}: {e}"))?;
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
            watches,
            timeout,
            started,
            _master: pair.master,
        };
        thread::Builder::new()
            .name("pty-reader".into())
            .spawn(move || pump(reader, &writer, &output, watches))
            .map_err(|e| format!("start the reader thread: {e}"))?;
        Ok(session)
    }

    /// When the program was spawned.
    pub fn started(&self) -> Instant {
        self.started
    }

    pub fn pid(&self) -> Result<u32> {
        self.child.process_id().ok_or("the child has no pid".into())
    }

    pub fn lock(&self) -> MutexGuard<'_, Output<N>> {
        self.output.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn send(&self, keys: &[u8]) -> Result<()> {
        let mut writer = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        writer
            .write_all(keys)
            .and_then(|()| writer.flush())
            .map_err(|e| format!("send keys: {e}"))
    }

    /// Waits (at most the session's timeout) until `ready` holds for the screen.
    pub fn wait_for(&self, what: &str, mut ready: impl FnMut(&str) -> bool) -> Result<()> {
        self.wait_until(what, Duration::from_millis(100), |out| {
            ready(&out.parser.screen().contents()).then_some(())
        })
    }

    /// Waits (at most the session's timeout) until `watches[watch]` has shown; returns when it
    /// first did.
    pub fn wait_seen(&self, watch: usize) -> Result<Instant> {
        let what = format!("{:?}", self.watches[watch]);
        self.wait_until(&what, Duration::MAX, |out| out.seen[watch])
    }

    /// Waits (at most the session's timeout, checking at least every `poll` and whenever the
    /// reader thread has parsed more) until `ready` gives a value.
    fn wait_until<T>(
        &self,
        what: &str,
        poll: Duration,
        mut ready: impl FnMut(&Output<N>) -> Option<T>,
    ) -> Result<T> {
        let deadline = Instant::now() + self.timeout;
        let mut out = self.lock();
        loop {
            if let Some(value) = ready(&out) {
                return Ok(value);
            }
            let now = Instant::now();
            if now >= deadline || out.closed {
                return Err(format!(
                    "{} waiting for {what}; the screen:\n{}",
                    if out.closed {
                        "the program exited"
                    } else {
                        "timed out"
                    },
                    out.parser.screen().contents()
                ));
            }
            out = self
                .output
                .1
                .wait_timeout(out, (deadline - now).min(poll))
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }

    /// Waits (at most `within`) for the program to exit: `false` if it has not by then (drop
    /// kills it).
    pub fn exited_within(&mut self, within: Duration) -> std::io::Result<bool> {
        let deadline = Instant::now() + within;
        loop {
            match self.child.try_wait()? {
                Some(_) => return Ok(true),
                None if Instant::now() < deadline => thread::sleep(Duration::from_millis(5)),
                None => return Ok(false),
            }
        }
    }
}

impl<const N: usize> Drop for Session<N> {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Reader thread: feeds the output to the emulator, notes when each of `watches` first shows,
/// and answers cursor position queries as a terminal would, until the PTY closes.
fn pump<const N: usize>(
    mut reader: Box<dyn Read + Send>,
    replies: &SharedWriter,
    output: &(Mutex<Output<N>>, Condvar),
    watches: [&str; N],
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
        if out.seen.iter().any(Option::is_none) {
            let text = out.parser.screen().contents();
            for (seen, watch) in out.seen.iter_mut().zip(watches) {
                if seen.is_none() && text.contains(watch) {
                    *seen = Some(now);
                }
            }
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
