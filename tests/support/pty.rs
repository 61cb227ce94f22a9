//! PTY harness for end-to-end tests: runs a real program in a pseudo-terminal and reads its screen through vt100.

// Each test binary that includes this file uses a different subset of it.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::io::{ErrorKind, Read, Write};
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// The terminal size every session starts with.
pub const ROWS: u16 = 24;
pub const COLS: u16 = 80;
/// How long to wait for the screen to show something.
pub const SCREEN_TIMEOUT: Duration = Duration::from_secs(10);
/// How long to wait for the program to exit once it was told to.
pub const EXIT_TIMEOUT: Duration = Duration::from_secs(5);

/// The escape sequence that leaves the alternate screen.
pub const LEAVE_ALTERNATE_SCREEN: &[u8] = b"\x1b[?1049l";

const POLL: Duration = Duration::from_millis(20);

/// What the program wrote so far.
struct Output {
    parser: vt100::Parser,
    raw: Vec<u8>,
    /// How much of `raw` was already scanned for terminal queries.
    scanned: usize,
    /// The PTY reported end of file: nothing holds its other end any more.
    closed: bool,
}

type SharedOutput = Arc<(Mutex<Output>, Condvar)>;
type SharedWriter = Arc<Mutex<Box<dyn Write + Send>>>;

/// A program running in a pseudo-terminal, with a vt100 emulator reading its output.
pub struct PtySession {
    master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
    writer: SharedWriter,
    output: SharedOutput,
    started: Instant,
    /// Files whose tail goes into the failure report (the program's log, a server's log).
    dump_files: Vec<PathBuf>,
}

impl PtySession {
    /// Starts `cmd` in a new 80x24 pseudo-terminal.
    pub fn spawn(cmd: CommandBuilder) -> Self {
        let size = PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        };
        let pair = native_pty_system()
            .openpty(size)
            .expect("open a pseudo-terminal");
        let argv = format!("{:?}", cmd.get_argv());
        let child = pair
            .slave
            .spawn_command(cmd)
            .unwrap_or_else(|e| panic!("spawn {argv} in the PTY: {e}"));
        // Only the child may hold the slave side, so that reading the master ends when it exits.
        drop(pair.slave);

        let reader = pair
            .master
            .try_clone_reader()
            .expect("clone the PTY reader");
        let writer: SharedWriter = Arc::new(Mutex::new(
            pair.master.take_writer().expect("take the PTY writer"),
        ));
        let output: SharedOutput = Arc::new((
            Mutex::new(Output {
                parser: vt100::Parser::new(ROWS, COLS, 0),
                raw: Vec::new(),
                scanned: 0,
                closed: false,
            }),
            Condvar::new(),
        ));
        {
            let output = Arc::clone(&output);
            let writer = Arc::clone(&writer);
            thread::Builder::new()
                .name("pty-reader".into())
                .spawn(move || pump(reader, &output, &writer))
                .expect("start the PTY reader thread");
        }
        Self {
            master: pair.master,
            child,
            writer,
            output,
            started: Instant::now(),
            dump_files: Vec::new(),
        }
    }

    /// Adds a file whose last lines are printed when a wait fails.
    pub fn dump_on_failure(&mut self, path: impl Into<PathBuf>) {
        self.dump_files.push(path.into());
    }

    /// The process id of the program started in the PTY.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("the child has a process id")
    }

    /// Types bytes as if they came from the keyboard.
    pub fn send_keys(&self, keys: &[u8]) {
        let mut writer = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        writer.write_all(keys).expect("write keys to the PTY");
        writer.flush().expect("flush keys to the PTY");
    }

    /// A copy of the emulated screen as it is now.
    pub fn screen(&self) -> vt100::Screen {
        self.lock().parser.screen().clone()
    }

    /// The text on the screen now, one line per row.
    pub fn contents(&self) -> String {
        self.lock().parser.screen().contents()
    }

    /// Everything the program wrote so far, escape sequences included.
    pub fn raw_output(&self) -> Vec<u8> {
        self.lock().raw.clone()
    }

    /// Waits until the screen shows `text`; panics with the screen on timeout.
    pub fn wait_for_text(&self, text: &str, timeout: Duration) {
        self.wait_for(&format!("{text:?} on screen"), timeout, |screen| {
            screen.contents().contains(text)
        });
    }

    /// Waits until `ready` holds for the screen; panics with the screen on timeout.
    pub fn wait_for(
        &self,
        what: &str,
        timeout: Duration,
        mut ready: impl FnMut(&vt100::Screen) -> bool,
    ) {
        let deadline = Instant::now() + timeout;
        let (_, changed) = &*self.output;
        let mut out = self.lock();
        loop {
            if ready(out.parser.screen()) {
                return;
            }
            let now = Instant::now();
            if now >= deadline {
                drop(out);
                panic!(
                    "timed out after {timeout:?} waiting for {what}\n{}",
                    self.report()
                );
            }
            // Woken by new output; the bounded wait also notices the deadline.
            out = changed
                .wait_timeout(out, (deadline - now).min(Duration::from_millis(200)))
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }

    /// Resizes the PTY (the program gets SIGWINCH) and the emulated screen together.
    pub fn resize(&self, rows: u16, cols: u16) {
        // Hold the output lock so that no output is parsed at the wrong size.
        let mut out = self.lock();
        out.parser.screen_mut().set_size(rows, cols);
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the PTY");
    }

    /// Panics with the screen if the program has exited.
    pub fn assert_running(&mut self) {
        let status = self.child.try_wait().expect("poll the child");
        if let Some(status) = status {
            panic!(
                "the program exited unexpectedly with {status}\n{}",
                self.report()
            );
        }
    }

    /// Waits for the program to exit and for all its output to be read.
    /// On timeout the program is killed and the test panics with the screen.
    pub fn wait_exit(&mut self, timeout: Duration) -> ExitStatus {
        let deadline = Instant::now() + timeout;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("poll the child") {
                break status;
            }
            if Instant::now() >= deadline {
                let report = self.report();
                // Best effort: Drop kills it too.
                let _ = self.child.kill();
                panic!("the program did not exit within {timeout:?}\n{report}");
            }
            thread::sleep(POLL);
        };
        // The program's last bytes may still be in flight: read until the PTY closes.
        let (_, changed) = &*self.output;
        let close_deadline = Instant::now() + EXIT_TIMEOUT;
        let mut out = self.lock();
        while !out.closed {
            if Instant::now() >= close_deadline {
                drop(out);
                panic!(
                    "the program exited with {status} but the PTY stayed open (a child of it still holds the terminal?)\n{}",
                    self.report()
                );
            }
            out = changed
                .wait_timeout(out, Duration::from_millis(200))
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        status
    }

    /// Asserts the program left the terminal usable: main screen, cursor shown.
    pub fn assert_terminal_restored(&self) {
        let screen = self.screen();
        let raw = self.raw_output();
        let mut problems = Vec::new();
        if screen.alternate_screen() {
            problems.push("the alternate screen is still active");
        }
        if screen.hide_cursor() {
            problems.push("the cursor is still hidden");
        }
        if !raw
            .windows(LEAVE_ALTERNATE_SCREEN.len())
            .any(|w| w == LEAVE_ALTERNATE_SCREEN)
        {
            problems.push("the output never contained ESC[?1049l (leave alternate screen)");
        }
        assert!(
            problems.is_empty(),
            "terminal not restored: {}\n{}",
            problems.join("; "),
            self.report()
        );
    }

    /// A failure report: the screen, the last raw bytes and the tail of the dump files.
    pub fn report(&self) -> String {
        let (screen, raw_tail, closed) = {
            let out = self.lock();
            let tail = out.raw[out.raw.len().saturating_sub(600)..].escape_ascii();
            (out.parser.screen().clone(), tail.to_string(), out.closed)
        };
        let (rows, cols) = screen.size();
        let (cursor_row, cursor_col) = screen.cursor_position();
        let mut report = format!(
            "--- screen {cols}x{rows} after {:.2?} (alternate screen: {}, cursor hidden: {}, cursor at {cursor_row},{cursor_col}, PTY closed: {closed}) ---\n",
            self.started.elapsed(),
            screen.alternate_screen(),
            screen.hide_cursor(),
        );
        for (i, row) in screen.rows(0, cols).enumerate() {
            let _ = writeln!(report, "{:>2}|{}", i + 1, row.trim_end());
        }
        let _ = writeln!(report, "--- last raw output bytes ---\n{raw_tail}");
        for path in &self.dump_files {
            let _ = writeln!(report, "--- last lines of {} ---", path.display());
            match std::fs::read_to_string(path) {
                Ok(text) => {
                    let lines: Vec<&str> = text.lines().collect();
                    for line in &lines[lines.len().saturating_sub(30)..] {
                        let _ = writeln!(report, "{line}");
                    }
                }
                Err(e) => {
                    let _ = writeln!(report, "(cannot read it: {e})");
                }
            }
        }
        report
    }

    fn lock(&self) -> MutexGuard<'_, Output> {
        self.output.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Drop for PtySession {
    /// Stops the program if a test failed before it exited.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let deadline = Instant::now() + EXIT_TIMEOUT;
            while let Ok(None) = self.child.try_wait() {
                if Instant::now() >= deadline {
                    break;
                }
                thread::sleep(POLL);
            }
        }
    }
}

/// Reader thread: feeds the program's output to the emulator and answers terminal queries,
/// until the PTY closes.
fn pump(mut reader: Box<dyn Read + Send>, output: &SharedOutput, writer: &SharedWriter) {
    let (lock, changed) = &**output;
    let mut buf = [0u8; 8192];
    loop {
        let n = match reader.read(&mut buf) {
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            // portable-pty turns EIO (the other side closed) into end of file.
            Ok(n) => n,
            Err(_) => 0,
        };
        let mut out = lock.lock().unwrap_or_else(PoisonError::into_inner);
        if n == 0 {
            out.closed = true;
            changed.notify_all();
            return;
        }
        out.parser.process(&buf[..n]);
        out.raw.extend_from_slice(&buf[..n]);
        let replies = answer_queries(&mut out);
        drop(out);
        changed.notify_all();
        if !replies.is_empty() {
            let mut w = writer.lock().unwrap_or_else(PoisonError::into_inner);
            // The program may be gone already; then nobody needs the answer.
            let _ = w.write_all(&replies).and_then(|()| w.flush());
        }
    }
}

/// Answers the queries a real terminal answers, as crossterm may wait for them:
/// cursor position (`ESC[6n`) and primary device attributes (`ESC[c`). Other queries,
/// such as the kitty keyboard protocol's `ESC[?u`, get no answer, as from xterm.
fn answer_queries(out: &mut Output) -> Vec<u8> {
    const DSR: &[u8] = b"\x1b[6n";
    const DA1: &[&[u8]] = &[b"\x1b[c", b"\x1b[0c"];
    let mut found: Vec<(usize, Vec<u8>)> = Vec::new();
    let mut scan = |pattern: &[u8], reply: &dyn Fn() -> Vec<u8>| {
        // Start early enough to catch a query split across two reads; every match found
        // from here ends in the new bytes, so none is answered twice.
        let from = out.scanned.saturating_sub(pattern.len() - 1);
        for (i, w) in out.raw[from..].windows(pattern.len()).enumerate() {
            if w == pattern {
                found.push((from + i, reply()));
            }
        }
    };
    let (row, col) = out.parser.screen().cursor_position();
    scan(DSR, &|| {
        format!("\x1b[{};{}R", row + 1, col + 1).into_bytes()
    });
    for pattern in DA1 {
        scan(pattern, &|| b"\x1b[?1;2c".to_vec());
    }
    out.scanned = out.raw.len();
    found.sort_by_key(|(at, _)| *at);
    found.into_iter().flat_map(|(_, reply)| reply).collect()
}
