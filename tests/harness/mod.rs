//! Test harness: the real app and mock account on a `TestBackend`, driven by scripted keys.
#![allow(dead_code)] // each test binary uses a different part of the harness

use backup_tui::action::Action;
use backup_tui::app::App;
use backup_tui::backend::BackupBackend;
use backup_tui::backend::mock::{MockBackend, MockOptions};
use backup_tui::effect::{self, Effect};
use backup_tui::keymap::{Key, Keymap};
use backup_tui::palette::Section;
use backup_tui::theme::Theme;
use crossterm::event::KeyEvent;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::collections::VecDeque;
use std::sync::Arc;

pub struct Harness {
    pub app: App,
    pub mock: Arc<MockBackend>,
    terminal: Terminal<TestBackend>,
    queue: VecDeque<Effect>,
    /// Every effect `update` returned, in order (cancels included).
    pub effects: Vec<Effect>,
    /// Text the app copied to the clipboard, in order.
    pub clipboard: Vec<String>,
    /// Times the app rang the terminal bell.
    pub bells: usize,
    /// Loads stopped part-way by `settle_pages`, finished by `settle`.
    parked: Vec<(
        backup_tui::action::RequestId,
        backup_tui::effect::Query,
        usize,
    )>,
    runtime: tokio::runtime::Runtime,
}

impl Harness {
    /// An 80x24 app over the demo account, nothing loaded yet (call `settle`).
    pub fn new() -> Harness {
        Harness::with(MockOptions::default(), 80, 24)
    }

    pub fn with(options: MockOptions, width: u16, height: u16) -> Harness {
        let mock = Arc::new(MockBackend::new(options));
        let (app, effects) = App::new(
            mock.account(),
            "us-east-1".to_string(),
            Keymap::defaults(),
            Theme::ansi16(),
            backup_tui::backend::mock::demo_session("test"),
        );
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("tokio runtime");
        let mut h = Harness {
            app,
            mock,
            terminal: Terminal::new(TestBackend::new(width, height)).expect("test terminal"),
            queue: VecDeque::new(),
            effects: Vec::new(),
            clipboard: Vec::new(),
            bells: 0,
            parked: Vec::new(),
            runtime,
        };
        h.enqueue(effects);
        // As the runtime does before its first frame: the app knows the terminal's size.
        h.act(Action::Resize(width, height));
        h
    }

    fn enqueue(&mut self, effects: Vec<Effect>) {
        self.effects.extend(effects.iter().cloned());
        self.queue.extend(effects);
    }

    /// Opens where the command line would (`--screen`, `--resource`), queueing the loads.
    pub fn start_at(&mut self, section: Section, resource: Option<&str>) -> &mut Self {
        let effects = self.app.start_at(section, resource);
        self.enqueue(effects);
        self
    }

    /// Sends one action through `update`, queueing its effects (not run until `settle`).
    pub fn act(&mut self, action: Action) -> &mut Self {
        let effects = self.app.update(action);
        self.enqueue(effects);
        self
    }

    /// Presses a key named as in the keymap (`enter`, `j`, `ctrl-c`, `G`).
    pub fn press(&mut self, key: &str) -> &mut Self {
        let key = Key::parse(key).unwrap_or_else(|e| panic!("bad key in test: {e}"));
        self.act(Action::Key(KeyEvent::new(key.code, key.modifiers)))
    }

    /// Types each character as a key press.
    pub fn type_text(&mut self, text: &str) -> &mut Self {
        for c in text.chars() {
            self.act(Action::Key(KeyEvent::new(
                crossterm::event::KeyCode::Char(c),
                crossterm::event::KeyModifiers::NONE,
            )));
        }
        self
    }

    /// Runs every queued effect to completion, feeding each reply back, until none is left.
    pub fn settle(&mut self) -> &mut Self {
        self.resume_parked();
        let mut rounds = 0;
        while let Some(effect) = self.queue.pop_front() {
            rounds += 1;
            assert!(rounds < 10_000, "effects never settle");
            let (req, query) = match effect {
                Effect::Load { req, query } | Effect::Poll { req, query, .. } => (req, query),
                Effect::Submit { req, request } => {
                    let backend: &dyn BackupBackend = self.mock.as_ref();
                    let reply = self
                        .runtime
                        .block_on(effect::submit(backend, req, &request));
                    self.act(reply);
                    continue;
                }
                Effect::AnswerMfa { reply, code } => {
                    reply.send(code.map(|c| c.0));
                    continue;
                }
                Effect::RearmMfa { reply } => {
                    reply.rearm();
                    continue;
                }
                Effect::Copy { text } => {
                    self.clipboard.push(text);
                    continue;
                }
                Effect::Bell => {
                    self.bells += 1;
                    continue;
                }
                Effect::Cancel { .. } => continue,
            };
            let mut replies = Vec::new();
            let backend: &dyn BackupBackend = self.mock.as_ref();
            self.runtime
                .block_on(effect::execute(backend, req, &query, |a| {
                    replies.push(a);
                    true
                }));
            for reply in replies {
                self.act(reply);
            }
        }
        self
    }

    /// Sends the queued changes (and the changes they lead to) and nothing else: the loads
    /// and polls they cause stay queued, so a test can move elsewhere before they run.
    pub fn settle_writes(&mut self) -> &mut Self {
        let mut rounds = 0;
        while let Some(at) = self
            .queue
            .iter()
            .position(|e| matches!(e, Effect::Submit { .. }))
        {
            rounds += 1;
            assert!(rounds < 1_000, "changes never settle");
            let Some(Effect::Submit { req, request }) = self.queue.remove(at) else {
                continue;
            };
            let backend: &dyn BackupBackend = self.mock.as_ref();
            let reply = self
                .runtime
                .block_on(effect::submit(backend, req, &request));
            self.act(reply);
        }
        self
    }

    /// Finishes loads `settle_pages` stopped: re-runs them and keeps the pages not yet seen.
    fn resume_parked(&mut self) {
        for (req, query, seen) in std::mem::take(&mut self.parked) {
            let mut replies = Vec::new();
            let backend: &dyn BackupBackend = self.mock.as_ref();
            self.runtime
                .block_on(effect::execute(backend, req, &query, |a| {
                    replies.push(a);
                    true
                }));
            for reply in replies.into_iter().skip(seen) {
                self.act(reply);
            }
        }
    }

    /// Runs queued effects but stops each load after `pages` pages, leaving it pending.
    pub fn settle_pages(&mut self, pages: usize) -> &mut Self {
        let queued: Vec<Effect> = self.queue.drain(..).collect();
        for effect in queued {
            let Effect::Load { req, query } = effect else {
                continue;
            };
            let mut replies = Vec::new();
            let backend: &dyn BackupBackend = self.mock.as_ref();
            self.runtime
                .block_on(effect::execute(backend, req, &query, |a| {
                    replies.push(a);
                    replies.len() < pages
                }));
            for reply in replies {
                self.act(reply);
            }
            // `settle` runs this load again from the start and keeps only the pages not seen.
            self.parked.push((req, query, pages));
        }
        self
    }

    pub fn resize(&mut self, width: u16, height: u16) -> &mut Self {
        self.terminal.backend_mut().resize(width, height);
        self.act(Action::Resize(width, height))
    }

    /// The screen at each of `sizes` in turn (for snapshots of one state at several sizes),
    /// then back at the size it had.
    pub fn screens_at(&mut self, sizes: &[(u16, u16)]) -> Vec<(String, String)> {
        let area = self.terminal.backend().buffer().area;
        let shots = sizes
            .iter()
            .map(|&(w, h)| {
                self.resize(w, h);
                (format!("{w}x{h}"), self.screen())
            })
            .collect();
        self.resize(area.width, area.height);
        shots
    }

    /// Draws and returns the screen as text, one line per row.
    pub fn screen(&mut self) -> String {
        let app = &self.app;
        self.terminal
            .draw(|f| backup_tui::ui::draw(f, app))
            .expect("draw");
        let buffer = self.terminal.backend().buffer();
        let width = buffer.area.width as usize;
        let mut out = String::new();
        for (i, cell) in buffer.content.iter().enumerate() {
            out.push_str(cell.symbol());
            if (i + 1) % width == 0 {
                out.push('\n');
            }
        }
        out
    }

    /// The buffer itself, for style assertions.
    pub fn buffer(&mut self) -> ratatui::buffer::Buffer {
        self.screen();
        self.terminal.backend().buffer().clone()
    }

    /// Panics with the screen if `text` is not on it.
    pub fn assert_shows(&mut self, text: &str) -> &mut Self {
        let screen = self.screen();
        assert!(
            screen.contains(text),
            "expected {text:?} on screen:\n{screen}"
        );
        self
    }

    pub fn assert_not_shows(&mut self, text: &str) -> &mut Self {
        let screen = self.screen();
        assert!(
            !screen.contains(text),
            "did not expect {text:?} on screen:\n{screen}"
        );
        self
    }
}

/// Snapshots the screen, a dialog open on it, at 80x24 and 60x20 (the same state resized) as
/// `dialog_<name>_<size>`; a macro so the snapshot belongs to the calling test file.
#[macro_export]
macro_rules! snap_dialog {
    ($h:expr, $name:expr) => {
        for (size, screen) in $h.screens_at(&[(80, 24), (60, 20)]) {
            insta::assert_snapshot!(format!("dialog_{}_{size}", $name), screen);
        }
    };
}
