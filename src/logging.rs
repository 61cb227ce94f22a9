//! `tracing` to a log file readable by the owner only; never to the screen.

use std::fs::{File, OpenOptions};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tracing_subscriber::EnvFilter;

/// Environment variable holding a `tracing` filter that overrides the config's level.
pub const LOG_ENV: &str = "BACKUP_TUI_LOG";

/// The log file: the flag, then the config's `log.file`, then the platform state directory.
pub fn log_path(flag: Option<&Path>, configured: &str) -> Option<PathBuf> {
    flag.map(Path::to_path_buf)
        .or_else(|| (!configured.is_empty()).then(|| PathBuf::from(configured)))
        .or_else(|| {
            crate::config::project_dirs().map(|d| {
                d.state_dir()
                    .unwrap_or_else(|| d.data_local_dir())
                    .join("backup-tui.log")
            })
        })
}

/// Opens (creating if needed) `path` for appending with mode 0600, tightening an existing
/// file's permissions too, since logs may name accounts and resources.
pub fn open_private(path: &Path) -> std::io::Result<File> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    let file = OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(path)?;
    file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    Ok(file)
}

/// Installs the global subscriber writing to `path` at `level` (or `$BACKUP_TUI_LOG`).
pub fn init(path: &Path, level: &str) -> Result<(), String> {
    let file =
        open_private(path).map_err(|e| format!("cannot open log file {}: {e}", path.display()))?;
    let filter = std::env::var(LOG_ENV)
        .ok()
        .and_then(|f| EnvFilter::try_new(f).ok())
        .or_else(|| EnvFilter::try_new(level).ok())
        .unwrap_or_else(|| EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_writer(Mutex::new(file))
        .with_ansi(false)
        .with_env_filter(filter)
        .try_init()
        .map_err(|e| format!("cannot start logging: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_files_are_private_even_if_they_existed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sub/backup-tui.log");
        open_private(&path).expect("created");
        let mode = std::fs::metadata(&path)
            .expect("exists")
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        open_private(&path).expect("reopened");
        let mode = std::fs::metadata(&path)
            .expect("exists")
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600);
    }

    #[test]
    fn the_flag_wins_over_the_config() {
        let flag = PathBuf::from("/tmp/x.log");
        assert_eq!(log_path(Some(&flag), "/tmp/y.log"), Some(flag));
        assert_eq!(
            log_path(None, "/tmp/y.log"),
            Some(PathBuf::from("/tmp/y.log"))
        );
    }
}
