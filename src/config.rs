//! TOML configuration: every field defaulted, located through `directories` or an override.

use crate::keymap::KeyOverrides;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The commented default configuration, printed by `--print-default-config`.
pub const DEFAULT_CONFIG: &str = include_str!("../assets/config.toml");

/// Environment variable naming the config file.
pub const CONFIG_ENV: &str = "BACKUP_TUI_CONFIG";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub region: String,
    pub demo: DemoConfig,
    pub aws: AwsConfig,
    pub ui: UiConfig,
    pub log: LogConfig,
    pub keys: KeyOverrides,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            region: "us-east-1".to_string(),
            demo: DemoConfig::default(),
            aws: AwsConfig::default(),
            ui: UiConfig::default(),
            log: LogConfig::default(),
            keys: KeyOverrides::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DemoConfig {
    pub latency_ms: u64,
}

impl Default for DemoConfig {
    fn default() -> Self {
        DemoConfig { latency_ms: 350 }
    }
}

/// How long AWS calls may take and how often they are tried: fit for a slow link by default,
/// so an endpoint that never answers is said within a minute or two instead of never.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AwsConfig {
    /// Opening the connection (TCP and TLS).
    pub connect_timeout_secs: u64,
    /// One attempt of a call, from sending to the whole answer.
    pub attempt_timeout_secs: u64,
    /// A whole call, every retry included.
    pub operation_timeout_secs: u64,
    /// Attempts per call when AWS throttles, fails on its side or does not answer.
    pub max_attempts: u32,
}

impl Default for AwsConfig {
    fn default() -> Self {
        AwsConfig {
            connect_timeout_secs: 10,
            attempt_timeout_secs: 30,
            operation_timeout_secs: 90,
            max_attempts: 3,
        }
    }
}

impl AwsConfig {
    /// Refuses values the SDK would misread (a zero timeout) or that make no sense.
    pub fn check(&self) -> Result<(), String> {
        for (name, value) in [
            ("connect_timeout_secs", self.connect_timeout_secs),
            ("attempt_timeout_secs", self.attempt_timeout_secs),
            ("operation_timeout_secs", self.operation_timeout_secs),
        ] {
            if value == 0 {
                return Err(format!("[aws] {name} must be at least 1 second"));
            }
        }
        if !(1..=10).contains(&self.max_attempts) {
            return Err("[aws] max_attempts must be between 1 and 10".to_string());
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColorMode {
    #[default]
    Auto,
    Never,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct UiConfig {
    pub color: ColorMode,
    /// Ring the terminal bell when a job started in this run ends.
    pub bell: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LogConfig {
    pub level: String,
    /// Empty means the platform state directory.
    pub file: String,
    /// Audit log of job-starting requests; empty means the platform data directory.
    pub audit_log: String,
}

impl Default for LogConfig {
    fn default() -> Self {
        LogConfig {
            level: "info".to_string(),
            file: String::new(),
            audit_log: String::new(),
        }
    }
}

/// The platform directories of backup-tui (XDG on Linux).
pub fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "backup-tui")
}

/// Where the config is read from: the flag, then the environment, then the platform default.
pub fn config_path(flag: Option<&Path>, env: Option<&str>) -> Option<PathBuf> {
    flag.map(Path::to_path_buf)
        .or_else(|| env.filter(|e| !e.is_empty()).map(PathBuf::from))
        .or_else(|| project_dirs().map(|d| d.config_dir().join("config.toml")))
}

impl Config {
    /// Parses TOML text; errors say which field is wrong.
    pub fn parse(text: &str) -> Result<Config, String> {
        let config: Config = toml::from_str(text).map_err(|e| e.to_string())?;
        config.aws.check()?;
        Ok(config)
    }

    /// Reads `path`; a missing file means the defaults.
    pub fn load(path: Option<&Path>) -> Result<Config, String> {
        let Some(path) = path else {
            return Ok(Config::default());
        };
        match std::fs::read_to_string(path) {
            Ok(text) => Config::parse(&text).map_err(|e| format!("{}: {e}", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(format!("cannot read {}: {e}", path.display())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_printed_default_config_is_the_default() {
        assert_eq!(Config::parse(DEFAULT_CONFIG), Ok(Config::default()));
    }

    #[test]
    fn every_field_is_optional() {
        assert_eq!(Config::parse(""), Ok(Config::default()));
        let c = Config::parse("[demo]\nlatency_ms = 0\n").expect("valid");
        assert_eq!(c.demo.latency_ms, 0);
        assert_eq!(c.region, "us-east-1");
    }

    #[test]
    fn typos_are_reported_with_the_field() {
        let err = Config::parse("[demo]\nlatency = 5\n").expect_err("unknown field");
        assert!(err.contains("latency"), "{err}");
    }

    #[test]
    fn keymap_overrides_are_read() {
        let c = Config::parse("[keys.list]\n\"ctrl-n\" = \"down\"\n").expect("valid");
        assert_eq!(c.keys["list"]["ctrl-n"], "down");
    }

    #[test]
    fn the_flag_wins_over_the_environment() {
        let flag = PathBuf::from("/tmp/a.toml");
        assert_eq!(config_path(Some(&flag), Some("/tmp/b.toml")), Some(flag));
        assert_eq!(
            config_path(None, Some("/tmp/b.toml")),
            Some(PathBuf::from("/tmp/b.toml"))
        );
    }

    #[test]
    fn timeouts_are_read_and_zero_is_refused() {
        let c = Config::parse("[aws]\nattempt_timeout_secs = 2\n").expect("valid");
        assert_eq!(c.aws.attempt_timeout_secs, 2);
        assert_eq!(c.aws.connect_timeout_secs, 10);
        let err = Config::parse("[aws]\noperation_timeout_secs = 0\n").expect_err("zero");
        assert!(err.contains("operation_timeout_secs"), "{err}");
        let err = Config::parse("[aws]\nmax_attempts = 0\n").expect_err("zero");
        assert!(err.contains("max_attempts"), "{err}");
    }

    #[test]
    fn a_missing_file_means_defaults() {
        let c = Config::load(Some(Path::new("/nonexistent/backup-tui.toml")));
        assert_eq!(c, Ok(Config::default()));
    }
}
