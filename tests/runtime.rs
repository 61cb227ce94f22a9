//! The real event loop on a TestBackend: scripted input stream, real tasks, real latency.

use backup_tui::app::App;
use backup_tui::backend::BackupBackend;
use backup_tui::backend::mock::{MockBackend, MockOptions};
use backup_tui::keymap::{Key, Keymap};
use backup_tui::runtime::Runtime;
use backup_tui::theme::Theme;
use crossterm::event::{Event, KeyEvent};
use futures::StreamExt;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;
use std::time::Duration;

fn key(name: &str) -> Event {
    let k = Key::parse(name).expect("key name");
    Event::Key(KeyEvent::new(k.code, k.modifiers))
}

fn text(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    buffer
        .content
        .iter()
        .map(|c| c.symbol())
        .collect::<Vec<_>>()
        .chunks(buffer.area.width as usize)
        .map(|l| l.concat())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Runs the loop with keys sent `gap` apart, and returns the last frame.
async fn run_script(latency_ms: u64, gap_ms: u64, keys: &[&str]) -> String {
    let backend: Arc<dyn BackupBackend> = Arc::new(MockBackend::new(MockOptions {
        latency: Duration::from_millis(latency_ms),
        ..MockOptions::default()
    }));
    let (app, effects) = App::new(
        backend.account(),
        "us-east-1".into(),
        Keymap::defaults(),
        Theme::ansi16(),
        backup_tui::backend::mock::demo_session("test"),
    );
    let mut runtime = Runtime::new(app, backend, effects);
    // A last harmless event 200 ms later lets replies land before the input closes (which quits).
    let mut events: Vec<std::io::Result<Event>> = keys.iter().map(|k| Ok(key(k))).collect();
    events.push(Ok(Event::FocusGained));
    let gap = Duration::from_millis(gap_ms);
    let input = futures::stream::iter(events)
        .then(move |e| async move {
            let wait = if matches!(e, Ok(Event::FocusGained)) {
                Duration::from_millis(200)
            } else {
                gap
            };
            tokio::time::sleep(wait).await;
            e
        })
        .boxed();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    tokio::time::timeout(Duration::from_secs(10), runtime.run(&mut terminal, input))
        .await
        .expect("the loop ends when q is pressed")
        .expect("no terminal error");
    text(&terminal)
}

#[tokio::test]
async fn the_loop_loads_in_the_background_and_ends_with_its_input() {
    // Enter arrives while the resources are still loading (latency 30 ms, keys 300 ms apart).
    let screen = run_script(30, 300, &["enter", "enter", "esc", "esc", "j"]).await;
    assert!(screen.contains(" 2/12 "), "{screen}");
    let child = run_script(0, 50, &["enter"]).await;
    assert!(child.contains("Recovery points (7)"), "{child}");
    let back = run_script(0, 50, &["enter", "q"]).await;
    assert!(
        back.contains("Protected resources (12)") && !back.contains("Recovery points"),
        "q on a child screen goes back:\n{back}"
    );
}

#[tokio::test]
async fn the_screen_draws_before_slow_data_arrives() {
    // Keys during a 2 s load are still handled (the UI never waits for the backend).
    let screen = run_script(2_000, 30, &["/", "a", "c"]).await;
    assert!(screen.contains("/ac_"), "{screen}");
    assert!(screen.contains("Loading protected resources"), "{screen}");
}

#[tokio::test]
async fn the_app_hears_the_starting_size_so_keys_on_a_too_small_terminal_do_nothing() {
    let backend: Arc<dyn BackupBackend> = Arc::new(MockBackend::new(MockOptions::default()));
    let (app, effects) = App::new(
        backend.account(),
        "us-east-1".into(),
        Keymap::defaults(),
        Theme::ansi16(),
        backup_tui::backend::mock::demo_session("test"),
    );
    let mut runtime = Runtime::new(app, backend, effects);
    // No resize event ever comes: the size is the terminal's at start.
    let input = futures::stream::iter(["enter", "/", "a"].map(|k| Ok(key(k)))).boxed();
    let mut terminal = Terminal::new(TestBackend::new(50, 12)).expect("terminal");
    tokio::time::timeout(Duration::from_secs(10), runtime.run(&mut terminal, input))
        .await
        .expect("the loop ends with its input")
        .expect("no terminal error");
    assert_eq!(runtime.app().size(), Some((50, 12)));
    assert!(text(&terminal).contains("Terminal too small"));
    assert!(
        runtime.app().filter_input.is_none(),
        "/ typed on the too-small screen opened no filter"
    );
    assert_eq!(runtime.app().depth(), 1, "enter opened nothing");
}
