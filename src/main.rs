//! Entry point: CLI → config → logging → backend → terminal → run → restore.
#![forbid(unsafe_code)]

use backup_tui::app::App;
use backup_tui::audit::{self, AuditLog};
use backup_tui::backend::aws;
use backup_tui::backend::mock::demo_session;
use backup_tui::backend::mock::{MockBackend, MockOptions};
use backup_tui::backend::{BackendEvent, BackupBackend, ErrorKind};
use backup_tui::cli::Cli;
use backup_tui::clipboard;
use backup_tui::config::{self, CONFIG_ENV, Config};
use backup_tui::keymap::Keymap;
use backup_tui::palette::{self, Section};
use backup_tui::runtime::Runtime;
use backup_tui::theme::Theme;
use backup_tui::{action::Action, domain::Region, logging};
use clap::Parser;
use color_eyre::eyre::{Result, WrapErr};
use crossterm::event::EventStream;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::mpsc::{UnboundedReceiver, unbounded_channel};

/// A mistake the user can fix (bad config, missing flag): a plain message and exit code 2,
/// not a crash report.
struct UsageError(String);

/// Everything `start` checked, ready to run.
struct Ready {
    cli: Cli,
    config: Config,
    keymap: Keymap,
    region: String,
    /// The first screen (`--screen`).
    section: Section,
}

#[tokio::main]
async fn main() -> Result<ExitCode> {
    color_eyre::install()?;
    let cli = Cli::parse();
    if cli.print_default_config {
        print!("{}", config::DEFAULT_CONFIG);
        return Ok(ExitCode::SUCCESS);
    }
    if cli.print_paths {
        return Ok(match print_paths(&cli) {
            Ok(()) => ExitCode::SUCCESS,
            Err(UsageError(message)) => {
                eprintln!("backup-tui: {message}");
                ExitCode::from(2)
            }
        });
    }
    let started = match prepare(cli).await {
        Ok(ready) => connect(&ready).await.map(|connected| (ready, connected)),
        Err(error) => Err(error),
    };
    // Checked last so that configuration and credentials problems are still reported without a
    // terminal (a script can ask whether the program would start), but before ratatui touches
    // it: without a TTY, `ratatui::init` can only fail.
    let started = started.and_then(|both| terminal_attached().map(|()| both));
    match started {
        Ok((ready, connected)) => run(ready, connected).await.map(|()| ExitCode::SUCCESS),
        Err(UsageError(message)) => {
            tracing::error!(%message, "not started");
            eprintln!("backup-tui: {message}");
            Ok(ExitCode::from(2))
        }
    }
}

/// The screen needs a terminal on both sides: keys come from stdin, frames go to stdout.
fn terminal_attached() -> std::result::Result<(), UsageError> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        return Ok(());
    }
    Err(UsageError(
        "backup-tui needs a terminal (stdin/stdout are not a TTY). Run it in an interactive \
         terminal (over SSH: `ssh -t`); --print-paths and --print-default-config work without one."
            .into(),
    ))
}

/// `--print-paths`: where the config, log and audit log are, resolved as `prepare` and the
/// submit path resolve them (the log and audit paths can come from the config, so it is
/// loaded). Creates nothing, so it is safe to run just to look.
fn print_paths(cli: &Cli) -> std::result::Result<(), UsageError> {
    let env_config = std::env::var(CONFIG_ENV).ok();
    let config_path = config::config_path(cli.config.as_deref(), env_config.as_deref());
    let config = Config::load(config_path.as_deref())
        .map_err(|e| UsageError(format!("invalid configuration: {e}")))?;
    let log_path = logging::log_path(cli.log_file.as_deref(), &config.log.file);
    let audit_path = audit::audit_path(cli.audit_log.as_deref(), &config.log.audit_log);
    // `None` only happens without a home directory; say so rather than print an empty path.
    let show = |path: Option<PathBuf>| {
        path.map_or_else(
            || "(none: no home directory)".to_string(),
            |p| p.display().to_string(),
        )
    };
    println!("config: {}", show(config_path));
    println!("log: {}", show(log_path));
    println!("audit log: {}", show(audit_path));
    Ok(())
}

/// Reads the configuration and checks the arguments before the terminal is touched.
async fn prepare(cli: Cli) -> std::result::Result<Ready, UsageError> {
    let env_config = std::env::var(CONFIG_ENV).ok();
    let config_path = config::config_path(cli.config.as_deref(), env_config.as_deref());
    let config = Config::load(config_path.as_deref())
        .map_err(|e| UsageError(format!("invalid configuration: {e}")))?;
    let keymap = Keymap::new(&config.keys)
        .map_err(|e| UsageError(format!("invalid key bindings in the configuration: {e}")))?;
    if let Some(path) = logging::log_path(cli.log_file.as_deref(), &config.log.file) {
        logging::init(&path, &config.log.level).map_err(UsageError)?;
    }
    tracing::info!(
        version = env!("CARGO_PKG_VERSION"),
        demo = cli.demo,
        "starting"
    );
    // The Region: --region / AWS_REGION, else (against AWS) the profile's, else the config's.
    let profile_region = if cli.demo {
        None
    } else {
        aws::profile_region(cli.profile.as_deref()).await
    };
    let region = cli
        .region
        .clone()
        .or(profile_region)
        .unwrap_or_else(|| config.region.clone());
    if Region::by_code(&region).is_none() {
        return Err(UsageError(format!(
            "unknown Region `{region}` (from --region, AWS_REGION or the config)"
        )));
    }
    let section = match cli.screen.as_deref() {
        Some(name) => palette::section_named(name).map_err(UsageError)?,
        None => Section::Resources,
    };
    Ok(Ready {
        cli,
        config,
        keymap,
        region,
        section,
    })
}

/// The backend the session talks to, and the events it reports outside calls.
struct Connected {
    backend: Arc<dyn BackupBackend>,
    events: Option<UnboundedReceiver<BackendEvent>>,
    /// Session ids and clocks: the demo's are fixed, AWS's are real.
    session: backup_tui::remote::Session,
}

/// Builds the demo account or connects to AWS. With no AWS credentials anywhere, says how to
/// configure them (or to try the demo) instead of opening a screen full of errors.
async fn connect(ready: &Ready) -> std::result::Result<Connected, UsageError> {
    let Ready { cli, config, .. } = ready;
    // Unique per run, so idempotency tokens never collide between two sessions.
    let run_id = format!(
        "{:x}{:x}",
        std::process::id(),
        time::OffsetDateTime::now_utc().unix_timestamp()
    );
    if cli.demo {
        let latency = Duration::from_millis(cli.demo_latency.unwrap_or(config.demo.latency_ms));
        return Ok(Connected {
            backend: Arc::new(MockBackend::new(MockOptions {
                latency,
                scale: cli.demo_scale,
                read_only: cli.read_only,
                ..MockOptions::default()
            })),
            events: None,
            session: backup_tui::remote::Session {
                live_clock: true,
                ..demo_session(&run_id)
            },
        });
    }
    // A profile that does not exist: name the ones that do, before the SDK's own wording.
    if let Some(profile) = &cli.profile {
        aws::check_profile(profile).await.map_err(UsageError)?;
    }
    let (tx, rx) = unbounded_channel();
    let mut settings = aws::AwsSettings::new(&ready.region);
    settings.profile = cli.profile.clone();
    // clap fills `profile` from AWS_PROFILE too; only a different value came from --profile.
    settings.profile_from_command_line =
        cli.profile.is_some() && std::env::var("AWS_PROFILE").ok() != cli.profile;
    settings.endpoint_url = cli.endpoint_url.clone();
    settings.read_only = cli.read_only;
    settings.timeouts = aws::Timeouts::from_config(&config.aws);
    settings.max_attempts = config.aws.max_attempts;
    let backend = aws::AwsBackend::connect(settings, tx).await;
    if let Err(error) = backend.check_credentials().await {
        tracing::warn!(error = %error.headline(), "credentials");
        if error.kind == ErrorKind::Auth {
            // The kind's general advice ("check your credentials") adds nothing to these
            // messages; advice of the error's own (about AWS_ACCESS_KEY_ID) does.
            return Err(UsageError(match &error.advice {
                Some(advice) => format!("{} {advice}", error.message),
                None => error.message,
            }));
        }
    }
    Ok(Connected {
        backend: Arc::new(backend),
        events: Some(rx),
        session: backup_tui::remote::Session {
            id: run_id,
            now: time::OffsetDateTime::now_utc(),
            account_id: String::new(),
            read_only: false,
            live_clock: true,
        },
    })
}

async fn run(ready: Ready, connected: Connected) -> Result<()> {
    let Ready {
        cli,
        config,
        keymap,
        region,
        section,
    } = ready;
    let Connected {
        backend,
        events,
        session,
    } = connected;
    let theme = Theme::select(config.ui.color, std::env::var("NO_COLOR").ok().as_deref());
    let (mut app, mut effects) = App::new(backend.account(), region, keymap, theme, session);
    app.bell = config.ui.bell;
    effects.extend(app.start_at(section, cli.resource.as_deref()));
    let audit =
        audit::audit_path(cli.audit_log.as_deref(), &config.log.audit_log).map(AuditLog::new);
    let via = clipboard::Multiplexer::detect(
        std::env::var_os("TMUX").is_some(),
        std::env::var_os("STY").is_some(),
    );
    let mut runtime = Runtime::new(app, backend, effects).with_audit(audit);
    if let Some(events) = events {
        runtime = runtime.with_events(events);
    }
    let runtime = runtime.with_clipboard(Box::new(move |text| {
        // The terminal copies on its side: this works over SSH too.
        let mut out = std::io::stdout();
        let _ = out.write_all(clipboard::osc52(text, via).as_bytes());
        let _ = out.flush();
    }));
    let mut runtime = runtime.with_bell(Box::new(|| {
        let mut out = std::io::stdout();
        let _ = out.write_all(b"\x07");
        let _ = out.flush();
    }));
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
