//! A private sshd on 127.0.0.1 with throwaway keys, and the ssh client command to reach it.

use std::fs::{self, File};
use std::io::Read;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::CommandBuilder;

pub const SSHD: &str = "/usr/sbin/sshd";
const READY_TIMEOUT: Duration = Duration::from_secs(5);
const KEYGEN_TIMEOUT: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(50);

/// A running sshd; it is killed when this guard drops, also when a test panics.
pub struct Sshd {
    child: Child,
    port: u16,
    dir: PathBuf,
}

impl Sshd {
    /// Starts sshd on a free port of 127.0.0.1 with its config and keys in `dir`,
    /// and waits until it accepts connections.
    pub fn start(dir: &Path) -> Self {
        require_tools();
        let run_sshd = Path::new("/run/sshd");
        fs::create_dir_all(run_sshd)
            .and_then(|()| fs::set_permissions(run_sshd, fs::Permissions::from_mode(0o755)))
            .unwrap_or_else(|e| {
                panic!("sshd needs its privilege-separation directory /run/sshd (mode 0755): {e}")
            });

        for key in ["host_ed25519", "client_ed25519"] {
            keygen(&dir.join(key));
        }
        fs::copy(dir.join("client_ed25519.pub"), dir.join("authorized_keys"))
            .expect("install the client key in authorized_keys");

        let port = free_port();
        let d = dir.display();
        let config = format!(
            "Port {port}\n\
             ListenAddress 127.0.0.1\n\
             HostKey {d}/host_ed25519\n\
             PidFile {d}/sshd.pid\n\
             AuthorizedKeysFile {d}/authorized_keys\n\
             PasswordAuthentication no\n\
             KbdInteractiveAuthentication no\n\
             PermitRootLogin prohibit-password\n\
             UsePAM no\n\
             StrictModes no\n\
             AcceptEnv LANG LC_*\n"
        );
        let config_path = dir.join("sshd_config");
        fs::write(&config_path, config).expect("write sshd_config");

        let log = File::create(dir.join("sshd.log")).expect("create sshd.log");
        let child = Command::new(SSHD)
            .arg("-D")
            .arg("-e")
            .arg("-f")
            .arg(&config_path)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| panic!("start {SSHD}: {e}"));
        let mut sshd = Self {
            child,
            port,
            dir: dir.to_path_buf(),
        };
        sshd.wait_ready();
        sshd
    }

    /// sshd's own log (stderr), for failure reports.
    pub fn log_path(&self) -> PathBuf {
        self.dir.join("sshd.log")
    }

    /// `ssh -tt … user@127.0.0.1 REMOTE_COMMAND`, to be run in a PTY whose TERM is `term`.
    pub fn ssh_command(&self, remote_command: &str, term: &str) -> CommandBuilder {
        let d = &self.dir;
        let mut cmd = CommandBuilder::new("ssh");
        cmd.args(["-tt", "-F", "/dev/null", "-p", &self.port.to_string(), "-i"]);
        cmd.arg(d.join("client_ed25519"));
        cmd.args(["-o", "StrictHostKeyChecking=no", "-o"]);
        cmd.arg(format!(
            "UserKnownHostsFile={}",
            d.join("known_hosts").display()
        ));
        cmd.args(["-o", "BatchMode=yes", "-o", "LogLevel=ERROR"]);
        cmd.arg(format!("{}@127.0.0.1", login_name()));
        cmd.arg(remote_command);
        cmd.cwd(d);
        // ssh -tt passes TERM on; with -F /dev/null it sends no other variable.
        cmd.env("TERM", term);
        cmd
    }

    fn wait_ready(&mut self) {
        let addr = SocketAddr::from(([127, 0, 0, 1], self.port));
        let deadline = Instant::now() + READY_TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("poll sshd") {
                panic!(
                    "sshd exited with {status} before accepting connections\n{}",
                    self.log()
                );
            }
            if greets_with_ssh(&addr) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "sshd did not accept connections on {addr} within {READY_TIMEOUT:?}\n{}",
                self.log()
            );
            thread::sleep(POLL);
        }
    }

    fn log(&self) -> String {
        let text = fs::read_to_string(self.log_path()).unwrap_or_else(|e| e.to_string());
        format!("--- sshd log ---\n{text}")
    }
}

impl Drop for Sshd {
    fn drop(&mut self) {
        // Best effort: it may have died already; wait() reaps it either way.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Quotes `s` for the remote login shell.
pub fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// Fails (never skips) when the tools are missing: scripts/test.sh installs them.
fn require_tools() {
    let mut missing = Vec::new();
    if !Path::new(SSHD).is_file() {
        missing.push(SSHD.to_string());
    }
    for tool in ["ssh", "ssh-keygen"] {
        if !on_path(tool) {
            missing.push(tool.to_string());
        }
    }
    assert!(
        missing.is_empty(),
        "missing {}: run scripts/test.sh, which installs openssh-server and openssh-client",
        missing.join(", ")
    );
}

fn on_path(tool: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(tool).is_file()))
}

/// The user to log in as: root when the tests run as root (sshd can only switch to another
/// user as root), else the current user.
fn login_name() -> String {
    let uid = fs::metadata("/proc/self")
        .expect("read /proc/self to learn the current uid")
        .uid();
    if uid == 0 {
        "root".into()
    } else {
        std::env::var("USER").expect("USER names the current user")
    }
}

/// Whether an SSH server answers on `addr`. A bare connect is not proof: while nothing
/// listens yet, a connect from an ephemeral port that happens to equal the (ephemeral) target
/// port connects to itself (TCP self-connect), and the test would then start ssh too early.
fn greets_with_ssh(addr: &SocketAddr) -> bool {
    let Ok(mut stream) = TcpStream::connect_timeout(addr, Duration::from_millis(200)) else {
        return false;
    };
    if stream.local_addr().ok() == stream.peer_addr().ok() {
        return false;
    }
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let mut greeting = [0u8; 4];
    stream.read_exact(&mut greeting).is_ok() && &greeting == b"SSH-"
}

/// A port that was free on 127.0.0.1 a moment ago.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("find a free port on 127.0.0.1")
        .port()
}

/// `ssh-keygen -q -t ed25519 -N '' -f PATH`, bounded in time.
fn keygen(path: &Path) {
    let mut child = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start ssh-keygen");
    let deadline = Instant::now() + KEYGEN_TIMEOUT;
    loop {
        if let Some(status) = child.try_wait().expect("poll ssh-keygen") {
            assert!(
                status.success(),
                "ssh-keygen for {} failed: {status}",
                path.display()
            );
            return;
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("ssh-keygen did not finish within {KEYGEN_TIMEOUT:?}");
        }
        thread::sleep(POLL);
    }
}
