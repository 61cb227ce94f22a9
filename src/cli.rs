//! Command-line arguments.

use clap::Parser;
use std::path::PathBuf;

/// backup-tui: the AWS Backup console in your terminal.
#[derive(Debug, Clone, Parser)]
#[command(name = "backup-tui", version, about)]
pub struct Cli {
    /// Browse a realistic, stateful demo account instead of AWS.
    #[arg(long)]
    pub demo: bool,

    /// Simulated latency of every demo call, in milliseconds (default from the config: 350).
    #[arg(long, value_name = "MS", requires = "demo")]
    pub demo_latency: Option<u64>,

    /// Add N synthetic recovery points to the demo account (large-account rehearsal).
    #[arg(long, value_name = "N", default_value_t = 0, requires = "demo")]
    pub demo_scale: usize,

    /// Open this screen first: resources, vaults, jobs, backup-jobs, restore-jobs, copy-jobs,
    /// buckets, plans, settings or batch (the command palette's names).
    #[arg(long, value_name = "NAME", conflicts_with = "resource")]
    pub screen: Option<String>,

    /// Open the recovery points of this protected resource (its name or ARN) in the Region.
    #[arg(long, value_name = "NAME")]
    pub resource: Option<String>,

    /// The Region to start in.
    #[arg(long, env = "AWS_REGION")]
    pub region: Option<String>,

    /// The AWS profile to use.
    #[arg(long, env = "AWS_PROFILE")]
    pub profile: Option<String>,

    /// Send every AWS call to this endpoint (a local emulator such as moto); S3 then uses
    /// path-style addressing.
    #[arg(long, value_name = "URL", env = "AWS_ENDPOINT_URL")]
    pub endpoint_url: Option<String>,

    /// Browse only: every call that would change the account is refused before it is sent.
    #[arg(long)]
    pub read_only: bool,

    /// Config file (default: $BACKUP_TUI_CONFIG, then the platform config directory).
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Log file (default: from the config, then the platform state directory).
    #[arg(long, value_name = "PATH")]
    pub log_file: Option<PathBuf>,

    /// Audit log of job-starting requests (default: from the config, then the platform data
    /// directory).
    #[arg(long, value_name = "PATH")]
    pub audit_log: Option<PathBuf>,

    /// Print the default configuration (with comments) and exit.
    #[arg(long)]
    pub print_default_config: bool,

    /// Print the config, log and audit-log paths and exit.
    #[arg(long)]
    pub print_paths: bool,
}
