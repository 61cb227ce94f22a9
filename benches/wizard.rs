//! Restore wizard latency in the headless runtime (app + demo account + TestBackend): opening a
//! wizard, moving between steps and typing in a field, on a 100,000-recovery-point account.

#[path = "support/mod.rs"]
mod support;

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use support::Driver;

/// `cargo bench` measures the large account; `cargo test --benches` a small one, quickly.
fn scale() -> usize {
    if std::env::args().any(|a| a == "--bench") {
        100_000
    } else {
        1_000
    }
}

/// The app on acme-media's recovery points, the newest COMPLETED snapshot selected.
fn on_recovery_points() -> Driver<TestBackend> {
    let mut d = Driver::new(
        scale(),
        Terminal::new(TestBackend::new(80, 24)).expect("terminal"),
    );
    d.type_text("/acme-media");
    d.key(KeyCode::Enter);
    d.key(KeyCode::Enter);
    d.settle();
    d.key(KeyCode::Char('j'));
    d.draw();
    d
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("restore_wizard");

    let mut d = on_recovery_points();
    // The measured loop must really open the wizard and close it again.
    d.key(KeyCode::Char('r'));
    d.settle();
    assert!(
        d.app
            .crumbs()
            .last()
            .is_some_and(|c| c.starts_with("Restore")),
        "{:?}",
        d.app.crumbs()
    );
    d.key(KeyCode::Esc);
    assert_eq!(d.app.depth(), 2);
    group.bench_function("open_and_close", |b| {
        b.iter(|| {
            d.key(KeyCode::Char('r'));
            d.settle();
            d.draw();
            d.key(KeyCode::Esc);
            d.draw();
        })
    });

    let mut d = on_recovery_points();
    d.key(KeyCode::Char('r'));
    d.settle();
    d.key(KeyCode::Enter);
    assert!(
        d.app
            .crumbs()
            .last()
            .is_some_and(|c| c.starts_with("Restore"))
    );
    d.key(KeyCode::Esc);
    group.bench_function("next_step_and_back", |b| {
        b.iter(|| {
            d.key(KeyCode::Enter);
            d.draw();
            d.key(KeyCode::Esc);
            d.draw();
        })
    });

    // Item-level restore: the cursor in the first item's text field.
    d.key(KeyCode::Right);
    d.key(KeyCode::Down);
    d.type_text("s3://acme-media/photos/");
    group.bench_function("type_and_erase_a_character", |b| {
        b.iter(|| {
            d.key(KeyCode::Char('x'));
            d.draw();
            d.key(KeyCode::Backspace);
            d.draw();
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
