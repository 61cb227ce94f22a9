//! The AWS backend over SDK-level mocks: how soon the first page of a 10,000-point vault (100
//! pages of 100) reaches the app, against when the last one does (`cargo bench --bench aws_pages`).
//!
//! Every request waits a simulated network latency (an async sleep in the HTTP client, so the
//! runtime's threads stay free), then aws-smithy-mocks answers ListRecoveryPointsByBackupVault.
//! What is timed is `effect::execute`, the function the app's runtime runs for a load: from its
//! start to the first `Action::Loaded`, and to the last one (`done`). A second measurement puts
//! the real `App` on the vault's recovery points screen and draws an 80x24 `TestBackend` after
//! each page, timing until the first row is on screen and until the last page is drawn.

use aws_sdk_backup::Client;
use aws_sdk_backup::operation::list_backup_vaults::ListBackupVaultsOutput;
use aws_sdk_backup::operation::list_recovery_points_by_backup_vault::ListRecoveryPointsByBackupVaultOutput;
use aws_sdk_backup::types as bk;
use aws_smithy_mocks::{MockResponseInterceptor, Rule, RuleMode, create_mock_http_client, mock};
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, SharedHttpClient, SharedHttpConnector,
    http_client_fn,
};
use aws_smithy_runtime_api::client::interceptors::SharedInterceptor;
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use aws_smithy_types::DateTime;
use backup_tui::action::{Action, Loaded};
use backup_tui::app::App;
use backup_tui::backend::BackupBackend;
use backup_tui::backend::aws::{AwsBackend, AwsSettings};
use backup_tui::effect::{self, Effect, Query};
use backup_tui::keymap::Keymap;
use backup_tui::theme::Theme;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::process::ExitCode;
use std::time::{Duration, Instant};

const ACCOUNT: &str = "123456789012";
const REGION: &str = "us-east-1";
const VAULT: &str = "big";
const PAGES: usize = 100;
const PER_PAGE: usize = 100;
const TOTAL: usize = PAGES * PER_PAGE;
/// Simulated latency per request, and the measured runs at each.
const CASES: &[(u64, usize)] = &[(0, 10), (5, 10), (20, 5)];

/// The resource name of point `i`; points are created one minute apart, so the newest of the
/// first page (the app lists newest first) is `vol-00099`.
fn resource_name(i: usize) -> String {
    format!("vol-{i:05}")
}

/// ListRecoveryPointsByBackupVault in `PAGES` pages of `PER_PAGE`, the token naming the page.
fn points_rule() -> Rule {
    mock!(Client::list_recovery_points_by_backup_vault).then_compute_output(|input| {
        let page = match input.next_token() {
            None => 0,
            Some(t) => t
                .trim_start_matches('p')
                .parse::<usize>()
                .expect("a token this rule handed out"),
        };
        let points = (page * PER_PAGE..(page + 1) * PER_PAGE).map(|i| {
            bk::RecoveryPointByBackupVault::builder()
                .recovery_point_arn(format!(
                    "arn:aws:backup:{REGION}:{ACCOUNT}:recovery-point:rp-{i:05}"
                ))
                .backup_vault_name(VAULT)
                .resource_arn(format!(
                    "arn:aws:ec2:{REGION}:{ACCOUNT}:volume/{}",
                    resource_name(i)
                ))
                .resource_name(resource_name(i))
                .resource_type("EBS")
                .status(bk::RecoveryPointStatus::Completed)
                .creation_date(DateTime::from_secs(1_700_000_000 + 60 * i as i64))
                .backup_size_in_bytes(1 << 30)
                .build()
        });
        ListRecoveryPointsByBackupVaultOutput::builder()
            .set_recovery_points(Some(points.collect()))
            .set_next_token((page + 1 < PAGES).then(|| format!("p{}", page + 1)))
            .build()
    })
}

/// ListBackupVaults: the one vault, for the app to open.
fn vaults_rule() -> Rule {
    mock!(Client::list_backup_vaults).then_output(|| {
        ListBackupVaultsOutput::builder()
            .backup_vault_list(
                bk::BackupVaultListMember::builder()
                    .backup_vault_name(VAULT)
                    .backup_vault_arn(format!(
                        "arn:aws:backup:{REGION}:{ACCOUNT}:backup-vault:{VAULT}"
                    ))
                    .number_of_recovery_points(TOTAL as i64)
                    .build(),
            )
            .build()
    })
}

/// The mock HTTP client (it hands aws-smithy-mocks' answers back) behind `latency`: every
/// request waits that long on the runtime's timer before it is answered.
fn delayed_client(latency: Duration) -> SharedHttpClient {
    let inner = create_mock_http_client();
    http_client_fn(move |settings, components| {
        SharedHttpConnector::new(Delayed {
            inner: inner.http_connector(settings, components),
            latency,
        })
    })
}

#[derive(Debug)]
struct Delayed {
    inner: SharedHttpConnector,
    latency: Duration,
}

impl HttpConnector for Delayed {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let inner = self.inner.clone();
        let latency = self.latency;
        HttpConnectorFuture::new(async move {
            if !latency.is_zero() {
                tokio::time::sleep(latency).await;
            }
            inner.call(request).await
        })
    }
}

/// An `AwsBackend` whose requests take `latency` and are answered by the mock rules.
fn backend(latency: Duration) -> AwsBackend {
    let mock = MockResponseInterceptor::new()
        .rule_mode(RuleMode::MatchAny)
        .with_rule(&points_rule())
        .with_rule(&vaults_rule());
    let base = aws_config::SdkConfig::builder()
        .behavior_version(aws_config::BehaviorVersion::latest())
        .region(aws_config::Region::new(REGION))
        .credentials_provider(
            aws_credential_types::provider::SharedCredentialsProvider::new(
                aws_credential_types::Credentials::new("AKID", "secret", None, None, "bench"),
            ),
        )
        .http_client(delayed_client(latency))
        .sleep_impl(aws_smithy_async::rt::sleep::SharedAsyncSleep::new(
            aws_smithy_async::rt::sleep::TokioSleep::new(),
        ))
        .build();
    let (events, _) = tokio::sync::mpsc::unbounded_channel();
    AwsBackend::over_config(
        base,
        &AwsSettings::new(REGION),
        events,
        vec![SharedInterceptor::new(mock)],
    )
}

/// When the first and the last page arrived, from the start of the load.
struct Timing {
    first: Duration,
    last: Duration,
}

fn points_query() -> Query {
    Query::RecoveryPointsByVault {
        region: REGION.to_string(),
        vault: VAULT.to_string(),
    }
}

/// One load of the vault's 10,000 points through `effect::execute`.
async fn effect_once(backend: &AwsBackend) -> Result<Timing, String> {
    let started = Instant::now();
    let mut first = None;
    let mut last = None;
    let mut pages = 0;
    let mut items = 0;
    let mut failure = None;
    effect::execute(backend, 1, &points_query(), |action| {
        let now = started.elapsed();
        match action {
            Action::Loaded {
                data: Loaded::RecoveryPoints(points),
                done,
                ..
            } => {
                first.get_or_insert(now);
                pages += 1;
                items += points.len();
                if done {
                    last = Some(now);
                }
            }
            other => failure = Some(format!("unexpected {other:?}")),
        }
        true
    })
    .await;
    if let Some(failure) = failure {
        return Err(failure);
    }
    if pages != PAGES || items != TOTAL {
        return Err(format!(
            "{pages} pages and {items} points, not {PAGES} and {TOTAL}"
        ));
    }
    Ok(Timing {
        first: first.ok_or("no page")?,
        last: last.ok_or("no last page")?,
    })
}

/// The app over `backend`: on the vault list, then Enter on `big`; returns the app, the
/// terminal and the load the recovery points screen asked for (not run yet).
fn app_on_vault(
    runtime: &tokio::runtime::Runtime,
    backend: &AwsBackend,
) -> Result<(App, Terminal<TestBackend>, u64, Query), String> {
    let mut account = backend.account();
    account.account_id = ACCOUNT.to_string();
    let session = backup_tui::remote::Session {
        id: "bench".to_string(),
        now: time::OffsetDateTime::now_utc(),
        account_id: ACCOUNT.to_string(),
        read_only: false,
        live_clock: true,
    };
    // The first screen's own load (protected resources) is not needed here: it is not run.
    let (mut app, _) = App::new(
        account,
        REGION.to_string(),
        Keymap::defaults(),
        Theme::ansi16(),
        session,
    );
    let press = |app: &mut App, code: KeyCode| {
        app.update(Action::Key(KeyEvent::new(code, KeyModifiers::NONE)))
    };
    for c in ":vaults".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    let effects = press(&mut app, KeyCode::Enter);
    let (req, query) = load_of(effects, |q| matches!(q, Query::BackupVaults { .. }))
        .ok_or("`:vaults` asked for no vault listing")?;
    let mut replies = Vec::new();
    runtime.block_on(effect::execute(backend, req, &query, |a| {
        replies.push(a);
        true
    }));
    for reply in replies {
        app.update(reply);
    }
    let effects = press(&mut app, KeyCode::Enter);
    let (req, query) = load_of(effects, |q| {
        matches!(q, Query::RecoveryPointsByVault { .. })
    })
    .ok_or("opening the vault asked for no recovery points")?;
    let terminal = Terminal::new(TestBackend::new(80, 24)).map_err(|e| e.to_string())?;
    Ok((app, terminal, req, query))
}

fn load_of(effects: Vec<Effect>, want: impl Fn(&Query) -> bool) -> Option<(u64, Query)> {
    effects.into_iter().find_map(|e| match e {
        Effect::Load { req, query } if want(&query) => Some((req, query)),
        _ => None,
    })
}

fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let mut text = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            text.push_str(buffer[(x, y)].symbol());
        }
        text.push('\n');
    }
    text
}

/// The vault's points loaded into the app, drawn after each page as it arrives: until the
/// first row (`vol-00099`, the newest of page 1) is on screen, and until the title counts all
/// 10,000.
fn app_once(runtime: &tokio::runtime::Runtime, backend: &AwsBackend) -> Result<Timing, String> {
    let (mut app, mut terminal, req, query) = app_on_vault(runtime, backend)?;
    let first_row = resource_name(PER_PAGE - 1);
    // The cursor stays on the row it was on as later pages arrive (the view does not jump),
    // so the last page shows in the title's count.
    let all_loaded = format!("Recovery points ({TOTAL})");
    let mut first = None;
    let mut last = None;
    let mut failure = None;
    let started = Instant::now();
    runtime.block_on(effect::execute(backend, req, &query, |action| {
        let done = matches!(action, Action::Loaded { done: true, .. });
        app.update(action);
        if let Err(e) = terminal.draw(|f| backup_tui::ui::draw(f, &app)) {
            failure = Some(e.to_string());
            return false;
        }
        let now = started.elapsed();
        let text = screen_text(&terminal);
        if first.is_none() && text.contains(&first_row) {
            first = Some(now);
        }
        if done {
            if text.contains(&all_loaded) {
                last = Some(now);
            } else {
                failure = Some(format!("after the last page, no {all_loaded:?}:\n{text}"));
            }
        }
        true
    }));
    if let Some(failure) = failure {
        return Err(failure);
    }
    Ok(Timing {
        first: first.ok_or_else(|| {
            format!(
                "{first_row} never showed; the screen:\n{}",
                screen_text(&terminal)
            )
        })?,
        last: last.ok_or("the last page never came")?,
    })
}

/// `min / median / max` of `times`, in ms.
fn summary(times: &mut [Duration]) -> String {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    format!(
        "min {:7.2} ms  median {:7.2} ms  max {:7.2} ms",
        ms(times[0]),
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1])
    )
}

fn report(what: &str, first_label: &str, latency: u64, timings: &[Timing]) {
    let mut firsts: Vec<Duration> = timings.iter().map(|t| t.first).collect();
    let mut lasts: Vec<Duration> = timings.iter().map(|t| t.last).collect();
    let first = summary(&mut firsts);
    let last = summary(&mut lasts);
    let all = format!("all {PAGES} pages:");
    let ratio =
        lasts[lasts.len() / 2].as_secs_f64() / firsts[firsts.len() / 2].as_secs_f64().max(1e-9);
    println!(
        "{what}, {latency:>2} ms/request, {} runs:\n  {first_label:<18} {first}\n  \
         {all:<18} {last}\n  median all/first: {ratio:.0}x",
        timings.len(),
    );
}

fn run(benchmarking: bool) -> Result<bool, String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("tokio runtime: {e}"))?;
    let cases: &[(u64, usize)] = if benchmarking { CASES } else { &[(0, 1)] };
    let mut ok = true;
    for &(latency_ms, runs) in cases {
        let latency = Duration::from_millis(latency_ms);
        let backend = backend(latency);
        // Warm-up (untimed): the Region's clients are made, the code paths are hot.
        runtime.block_on(effect_once(&backend))?;
        let effect_runs = (0..runs)
            .map(|_| runtime.block_on(effect_once(&backend)))
            .collect::<Result<Vec<_>, _>>()?;
        report("effect::execute", "first page:", latency_ms, &effect_runs);
        let app_runs = (0..runs)
            .map(|_| app_once(&runtime, &backend))
            .collect::<Result<Vec<_>, _>>()?;
        report(
            "App drawn on an 80x24 TestBackend after each page",
            "first row shown:",
            latency_ms,
            &app_runs,
        );
        // The requirement: the first row shows after the first page, not after the last.
        let before_last = effect_runs
            .iter()
            .chain(&app_runs)
            .all(|t| t.first < t.last);
        if latency_ms > 0 {
            let pass = effect_runs
                .iter()
                .chain(&app_runs)
                .all(|t| t.first * 10 < t.last);
            println!(
                "  every run's first page came in under 1/10 of its whole load: {}",
                if pass { "PASS" } else { "FAIL" }
            );
            ok &= pass;
        }
        ok &= before_last;
    }
    Ok(ok)
}

fn main() -> ExitCode {
    let benchmarking = std::env::args().any(|a| a == "--bench");
    if benchmarking {
        println!("=== AWS backend over SDK mocks: {TOTAL} recovery points in {PAGES} pages ===");
    }
    match run(benchmarking) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => {
            println!("aws_pages bench: a requirement failed (see FAIL above)");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("aws_pages bench: {e}");
            ExitCode::FAILURE
        }
    }
}
