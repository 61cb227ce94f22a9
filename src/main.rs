//! Entry point: CLI → config → logging → backend → terminal → run → restore.
#![forbid(unsafe_code)]

use backup_tui::app::App;
use backup_tui::backend::BackupBackend;
use backup_tui::backend::mock::{MockBackend, MockOptions};
use backup_tui::cli::Cli;
use backup_tui::config::{self, CONFIG_ENV, Config};
use backup_tui::keymap::Keymap;
use backup_tui::runtime::Runtime;
use backup_tui::theme::Theme;
use backup_tui::{action::Action, domain::Region, logging};
use clap::Parser;
use color_eyre::eyre::{Result, WrapErr, eyre};
use crossterm::event::EventStream;
use std::sync::Arc;
use std::time::Duration;
use tokio::signal::unix::{SignalKind, signal};

#[tokio::main]
async fn main() -> Result<()> {
    color_eyre::install()?;
    let cli = Cli::parse();
    if cli.print_default_config {
        print!("{}", config::DEFAULT_CONFIG);
        return Ok(());
    }
    let env_config = std::env::var(CONFIG_ENV).ok();
    let config_path = config::config_path(cli.config.as_deref(), env_config.as_deref());
    let config =
        Config::load(config_path.as_deref()).map_err(|e| eyre!("invalid configuration: {e}"))?;
    let keymap = Keymap::new(&config.keys)
        .map_err(|e| eyre!("invalid key bindings in the configuration: {e}"))?;
    if let Some(path) = logging::log_path(cli.log_file.as_deref(), &config.log.file) {
        logging::init(&path, &config.log.level).map_err(|e| eyre!(e))?;
    }
    tracing::info!(
        version = env!("CARGO_PKG_VERSION"),
        demo = cli.demo,
        "starting"
    );

    if !cli.demo {
        return Err(eyre!(
            "The AWS backend is not available yet in this build.\n\
             Run `backup-tui --demo` to browse the demo account."
        ));
    }
    let region = cli.region.clone().unwrap_or_else(|| config.region.clone());
    if Region::by_code(&region).is_none() {
        return Err(eyre!(
            "unknown Region `{region}` (from --region, AWS_REGION or the config)"
        ));
    }
    let latency = Duration::from_millis(cli.demo_latency.unwrap_or(config.demo.latency_ms));
    let backend: Arc<dyn BackupBackend> = Arc::new(MockBackend::new(MockOptions {
        latency,
        scale: cli.demo_scale,
        ..MockOptions::default()
    }));
    let theme = Theme::select(config.ui.color, std::env::var("NO_COLOR").ok().as_deref());
    let (app, effects) = App::new(backend.account(), region, keymap, theme);
    let mut runtime = Runtime::new(app, backend, effects);
    forward_signals(&runtime)?;

    // ratatui::init installs a panic hook that restores the terminal before the report.
    let mut terminal = ratatui::init();
    let result = runtime.run(&mut terminal, EventStream::new()).await;
    ratatui::restore();
    result.wrap_err("the terminal failed")?;
    tracing::info!("bye");
    Ok(())
}

/// SIGTERM and SIGHUP (an SSH connection dropping) end the loop, which restores the terminal.
fn forward_signals(runtime: &Runtime) -> Result<()> {
    let mut term = signal(SignalKind::terminate())?;
    let mut hup = signal(SignalKind::hangup())?;
    let tx = runtime.sender();
    tokio::spawn(async move {
        tokio::select! {
            _ = term.recv() => tracing::info!("SIGTERM"),
            _ = hup.recv() => tracing::info!("SIGHUP"),
        }
        let _ = tx.send(Action::Shutdown);
    });
    Ok(())
}
