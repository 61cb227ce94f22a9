//! End-to-end in a real tmux server (its own socket, `set-clipboard on`): `c` on a restore
//! review puts the `aws backup start-restore-job` command in tmux's paste buffer.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_backup-tui");
const TIMEOUT: Duration = Duration::from_secs(20);

/// A tmux server of its own (its socket in the test's temp dir, so nothing is left in
/// /tmp/tmux-*; no user config), killed when dropped, even on failure.
struct Tmux {
    socket: PathBuf,
}

impl Tmux {
    /// Starts the server with one 80x24 session `t` running `command`.
    fn start(command: &str, home: &Path) -> Tmux {
        let tmux = Tmux {
            socket: home.join("tmux.sock"),
        };
        let out = tmux.run(
            &[
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-s",
                "t",
                "-x",
                "80",
                "-y",
                "24",
                command,
                ";",
                "set",
                "-g",
                "set-clipboard",
                "on",
                ";",
                // A crash leaves the pane (and its last screen) to look at.
                "set",
                "-g",
                "remain-on-exit",
                "on",
            ],
            home,
        );
        assert!(
            out.status.success(),
            "tmux new-session failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        tmux
    }

    fn run(&self, args: &[&str], home: &Path) -> Output {
        Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            // The server and the program inherit this environment: nothing outside `home`.
            .env("HOME", home)
            .env_remove("TMUX")
            .env_remove("AWS_PROFILE")
            .env_remove("AWS_REGION")
            .env_remove("NO_COLOR")
            .output()
            .expect("run tmux")
    }

    fn screen(&self, home: &Path) -> String {
        let out = self.run(&["capture-pane", "-p", "-t", "t"], home);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn wait_for(&self, text: &str, home: &Path) {
        let start = Instant::now();
        loop {
            let screen = self.screen(home);
            if screen.contains(text) {
                return;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "waited {TIMEOUT:?} for {text:?}; the screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Types `text` literally.
    fn type_text(&self, text: &str, home: &Path) {
        self.run(&["send-keys", "-t", "t", "-l", text], home);
    }

    /// Presses a key by tmux's name for it (`Enter`).
    fn press(&self, key: &str, home: &Path) {
        self.run(&["send-keys", "-t", "t", key], home);
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .arg("kill-server")
            .output();
    }
}

fn tmux_installed() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Single quotes for `sh -c`, which tmux runs the session's command with.
fn quoted(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', "'\\''"))
}

#[test]
fn copying_the_cli_command_inside_tmux_lands_in_the_tmux_buffer() {
    if !tmux_installed() {
        eprintln!("SKIPPED: tmux is not installed (scripts/test.sh installs it)");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let home = dir.path();
    let command = format!(
        "{} --demo --demo-latency 0 --log-file {} --config {} --audit-log {}",
        quoted(Path::new(BIN)),
        quoted(&home.join("log")),
        quoted(&home.join("none.toml")),
        quoted(&home.join("audit.jsonl")),
    );
    let tmux = Tmux::start(&command, home);
    tmux.wait_for("acme-media", home);

    // DynamoDB orders: its recovery points, restore to a new table, the review.
    tmux.type_text("/orders", home);
    tmux.press("Enter", home);
    tmux.press("Enter", home);
    tmux.wait_for("Recovery points (5)", home);
    tmux.type_text("r", home);
    tmux.wait_for("New table name", home);
    tmux.type_text("orders-tmux", home);
    for _ in 0..3 {
        tmux.press("Enter", home);
    }
    tmux.wait_for("StartRestoreJob request", home);

    tmux.type_text("c", home);
    tmux.wait_for("Copied to the clipboard", home);
    let start = Instant::now();
    let buffer = loop {
        let out = tmux.run(&["show-buffer"], home);
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        if text.contains("aws backup start-restore-job") || start.elapsed() > TIMEOUT {
            break text;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(
        buffer.contains("aws backup start-restore-job"),
        "tmux's buffer holds the CLI command; it holds {buffer:?}; the screen:\n{}",
        tmux.screen(home)
    );
    assert!(buffer.contains("--recovery-point-arn"), "{buffer}");
    assert!(
        buffer.contains("orders-tmux"),
        "the reviewed table name: {buffer}"
    );
    // Nothing of the sequence leaked onto the screen.
    let screen = tmux.screen(home);
    assert!(!screen.contains("52;c;"), "{screen}");
    tmux.type_text("q", home);
}
