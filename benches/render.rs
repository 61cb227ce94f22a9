//! Render, filter and cursor benchmarks over 100 vs 100,000 recovery points (`cargo bench --bench render`).

mod support;

use backup_tui::action::RequestId;
use backup_tui::backend::mock::MockBackend;
use backup_tui::domain::RecoveryPoint;
use backup_tui::effect::{Effect, Query};
use backup_tui::listing::{FilteredList, Sort};
use backup_tui::remote::{Ctx, RemoteList};
use backup_tui::theme::Theme;
use backup_tui::ui::UiCtx;
use backup_tui::ui::rows::VAULT_POINT_COLUMNS;
use backup_tui::ui::widgets::table::render_remote;
use criterion::{BenchmarkId, Criterion};
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::time::{Duration, Instant};
use support::Driver;

const BIG: usize = 100_000;
/// The big size under `cargo test --benches`, which only checks that each bench runs.
const BIG_IN_TESTS: usize = 1_000;
const SMALL: usize = 100;
const REGION: &str = "us-east-1";
const VAULT: &str = "bulk-archive";

/// The vault screen's order: newest first.
const NEWEST_FIRST: Option<Sort> = Some(Sort {
    column: 3,
    descending: true,
});

/// Every recovery point of `bulk-archive`, fetched page by page as the app does.
fn fetch_vault_points(mock: &MockBackend) -> Vec<RecoveryPoint> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let mut points = Vec::new();
    let mut token = None;
    loop {
        let page = runtime
            .block_on(mock.list_recovery_points_by_vault_page(REGION, VAULT, token.take()))
            .expect("list bulk-archive");
        points.extend(page.items);
        match page.next {
            Some(next) => token = Some(next),
            None => return points,
        }
    }
}

/// The vault screen's table holding `points`, loaded.
fn vault_table(points: Vec<RecoveryPoint>) -> RemoteList<RecoveryPoint> {
    let query = Query::RecoveryPointsByVault {
        region: REGION.to_string(),
        vault: VAULT.to_string(),
    };
    let mut remote = RemoteList::new(VAULT_POINT_COLUMNS, NEWEST_FIRST, query);
    let mut next_req: RequestId = 0;
    let mut effects: Vec<Effect> = Vec::new();
    let session = backup_tui::backend::mock::demo_session("bench");
    remote.load(&mut Ctx::new(REGION, &session, &mut next_req, &mut effects));
    let req = remote.pending().expect("loading");
    assert!(remote.accept(req, points, true));
    remote
}

fn filtered_list(points: Vec<RecoveryPoint>) -> FilteredList<RecoveryPoint> {
    let mut list = FilteredList::new(VAULT_POINT_COLUMNS, NEWEST_FIRST);
    list.append(points);
    list
}

fn draw_table(terminal: &mut Terminal<TestBackend>, remote: &RemoteList<RecoveryPoint>) {
    let theme = Theme::ansi16();
    let ui = UiCtx {
        theme: &theme,
        spinner: "-",
    };
    terminal
        .draw(|f| render_remote(f, f.area(), "Recovery points", remote, &ui, "empty"))
        .expect("draw");
}

fn test_terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(80, 24)).expect("test terminal")
}

/// An app showing the recovery points of `bulk-archive` (holding `scale` points) on 80x24.
fn vault_app(scale: usize) -> Driver<TestBackend> {
    let mut driver = Driver::new(scale, test_terminal());
    driver.open_bulk_archive();
    driver.draw();
    let shown = format!("Recovery points ({scale})");
    let screen: String = driver
        .terminal
        .backend()
        .buffer()
        .content
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(screen.contains(&shown), "expected {shown:?}:\n{screen}");
    driver
}

/// One row down (or up, every other call, so the cursor never sticks at an end) and a frame.
fn move_and_draw(driver: &mut Driver<TestBackend>, down: &mut bool) {
    driver.key(KeyCode::Char(if *down { 'j' } else { 'k' }));
    *down = !*down;
    driver.draw();
}

struct Fixtures {
    points: Vec<RecoveryPoint>,
    apps: [(usize, Driver<TestBackend>); 2],
}

fn fixtures(big: usize) -> Fixtures {
    let big_app = vault_app(big);
    let points = fetch_vault_points(&big_app.mock);
    assert_eq!(points.len(), big);
    Fixtures {
        points,
        apps: [(SMALL, vault_app(SMALL)), (big, big_app)],
    }
}

fn bench_render_table(c: &mut Criterion, points: &[RecoveryPoint]) {
    let mut group = c.benchmark_group("render_table");
    for n in [SMALL, points.len()] {
        let remote = vault_table(points[..n].to_vec());
        let mut terminal = test_terminal();
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter(|| draw_table(&mut terminal, black_box(&remote)))
        });
    }
    group.finish();
}

fn bench_filter(c: &mut Criterion, points: &[RecoveryPoint]) {
    let n = points.len();
    let mut list = filtered_list(points.to_vec());
    let mut group = c.benchmark_group("filter_keystroke");
    // Two needles, neither containing the other: every call rescans all the rows, and almost
    // none matches, so every searchable field of every row is read.
    let needles = ["vol-00042", "vol-00017"];
    let mut i = 0;
    group.bench_function(BenchmarkId::new("non_narrowing", n), |b| {
        b.iter(|| {
            i += 1;
            list.set_filter(black_box(needles[i % 2]));
        })
    });
    // One more character on a filter every row matches: the narrowing path rescans the rows
    // still shown (all of them). The broader filter is set, untimed, before each keystroke.
    group.bench_function(BenchmarkId::new("narrowing", n), |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                list.set_filter("bulk-archiv");
                let start = Instant::now();
                list.set_filter(black_box("bulk-archive"));
                total += start.elapsed();
            }
            total
        })
    });
    group.finish();
    assert_eq!(list.visible_len(), n);
}

fn bench_cursor(c: &mut Criterion, apps: &mut [(usize, Driver<TestBackend>)]) {
    let mut group = c.benchmark_group("cursor_move_redraw");
    for (n, driver) in apps.iter_mut() {
        let mut down = true;
        group.bench_function(BenchmarkId::from_parameter(*n), |b| {
            b.iter(|| move_and_draw(driver, &mut down))
        });
    }
    group.finish();
}

/// The median time of `f` over `samples` samples of `per_sample` calls each.
fn median(samples: usize, per_sample: u32, mut f: impl FnMut()) -> Duration {
    for _ in 0..per_sample {
        f();
    }
    let mut times: Vec<Duration> = (0..samples)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..per_sample {
                f();
            }
            start.elapsed() / per_sample
        })
        .collect();
    times.sort();
    times[samples / 2]
}

fn verdict(ok: bool) -> &'static str {
    if ok { "PASS" } else { "FAIL" }
}

/// A short table of the figures the requirements name, from its own median timings.
fn summary(fx: &mut Fixtures) {
    println!("\n=== backup-tui render requirements (medians; 80x24) ===");
    let mut render = [Duration::ZERO; 2];
    for (slot, n) in render.iter_mut().zip([SMALL, BIG]) {
        let remote = vault_table(fx.points[..n].to_vec());
        let mut terminal = test_terminal();
        *slot = median(101, 50, || draw_table(&mut terminal, &remote));
    }
    let ratio = render[1].as_secs_f64() / render[0].as_secs_f64();
    println!(
        "render table: {SMALL} rows {:?}, {BIG} rows {:?}: ratio {ratio:.2} (must be < 1.5) {}",
        render[0],
        render[1],
        verdict(ratio < 1.5)
    );

    let mut list = filtered_list(fx.points.clone());
    let needles = ["vol-00042", "vol-00017"];
    let mut i = 0;
    let wide = median(31, 1, || {
        i += 1;
        list.set_filter(needles[i % 2]);
    });
    let mut narrow_times: Vec<Duration> = (0..31)
        .map(|_| {
            list.set_filter("bulk-archiv");
            let start = Instant::now();
            list.set_filter("bulk-archive");
            start.elapsed()
        })
        .collect();
    narrow_times.sort();
    let narrow = narrow_times[narrow_times.len() / 2];
    let limit = Duration::from_millis(10);
    println!(
        "filter keystroke over {BIG} rows: non-narrowing {wide:?} {}, narrowing {narrow:?} {} (must be < 10 ms)",
        verdict(wide < limit),
        verdict(narrow < limit)
    );

    for (n, driver) in fx.apps.iter_mut() {
        let mut down = true;
        let t = median(101, 20, || move_and_draw(driver, &mut down));
        println!("cursor move + redraw, {n} rows: {t:?}");
    }

    let bytes = support::cursor_move_bytes();
    println!(
        "bytes written for one cursor move (80x24, Protected resources): {bytes} (must be < 300) {}",
        verdict(bytes < 300)
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let benchmarking =
        args.iter().any(|a| a == "--bench") && !args.iter().any(|a| a == "--test" || a == "--list");
    let mut criterion = Criterion::default().configure_from_args();
    let mut fx = fixtures(if benchmarking { BIG } else { BIG_IN_TESTS });
    bench_render_table(&mut criterion, &fx.points);
    bench_filter(&mut criterion, &fx.points);
    bench_cursor(&mut criterion, &mut fx.apps);
    criterion.final_summary();
    if benchmarking {
        summary(&mut fx);
    }
}
