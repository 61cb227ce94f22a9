//! Shared by `benches/render.rs` and `tests/terminal_bytes.rs`: the app over the mock on any ratatui backend.
#![allow(dead_code)] // each target uses a different part of it

use backup_tui::action::Action;
use backup_tui::app::App;
use backup_tui::backend::BackupBackend;
use backup_tui::backend::mock::{MockBackend, MockOptions};
use backup_tui::effect::{self, Effect};
use backup_tui::keymap::Keymap;
use backup_tui::theme::Theme;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::cell::Cell;
use std::collections::VecDeque;
use std::io::{self, Write};
use std::rc::Rc;
use std::sync::Arc;

/// The app over the mock account with latency 0, its effects run to completion on demand
/// (as the test harness does), drawn on `terminal`.
pub struct Driver<B: Backend> {
    pub app: App,
    pub mock: Arc<MockBackend>,
    pub terminal: Terminal<B>,
    queue: VecDeque<Effect>,
    runtime: tokio::runtime::Runtime,
}

impl<B: Backend> Driver<B> {
    /// A new app in the demo's home Region on the Protected resources screen, loaded.
    pub fn new(scale: usize, terminal: Terminal<B>) -> Self {
        let mock = Arc::new(MockBackend::new(MockOptions {
            scale,
            ..MockOptions::default()
        }));
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
        let mut driver = Driver {
            app,
            mock,
            terminal,
            queue: effects.into(),
            runtime,
        };
        driver.settle();
        driver
    }

    /// Sends one action through `update`; its effects wait for `settle`.
    pub fn act(&mut self, action: Action) {
        let effects = self.app.update(action);
        self.queue.extend(effects);
    }

    pub fn key(&mut self, code: KeyCode) {
        self.act(Action::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    /// Types each character as a key press.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    /// Runs every queued effect to completion, feeding each reply back, until none is left.
    pub fn settle(&mut self) {
        while let Some(effect) = self.queue.pop_front() {
            let Effect::Load { req, query } = effect else {
                continue;
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
    }

    /// Draws one frame of the whole app.
    pub fn draw(&mut self) {
        let app = &self.app;
        self.terminal
            .draw(|f| backup_tui::ui::draw(f, app))
            .expect("draw");
    }

    /// `:vaults`, filter to `bulk-archive`, open it: its recovery points, every page loaded.
    pub fn open_bulk_archive(&mut self) {
        self.type_text(":vaults");
        self.key(KeyCode::Enter);
        self.settle();
        self.type_text("/bulk-archive");
        self.key(KeyCode::Enter);
        self.key(KeyCode::Enter);
        self.settle();
    }
}

/// A writer that only counts the bytes written to it; clones share the count.
#[derive(Debug, Default, Clone)]
pub struct CountingWriter {
    bytes: Rc<Cell<usize>>,
}

impl CountingWriter {
    pub fn bytes(&self) -> usize {
        self.bytes.get()
    }
}

impl Write for CountingWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.bytes.set(self.bytes.get() + buf.len());
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A `width`x`height` crossterm terminal writing into `writer`. The viewport is fixed, so
/// ratatui never asks the (absent) real terminal for its size.
pub fn counting_terminal(
    writer: CountingWriter,
    width: u16,
    height: u16,
) -> Terminal<CrosstermBackend<CountingWriter>> {
    Terminal::with_options(
        CrosstermBackend::new(writer),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
        },
    )
    .expect("counting terminal")
}

/// Bytes written to an 80x24 terminal by the frame after one `j` on the loaded Protected
/// resources list (the first frame, which paints the whole screen, is not counted).
pub fn cursor_move_bytes() -> usize {
    let counter = CountingWriter::default();
    let mut driver = Driver::new(0, counting_terminal(counter.clone(), 80, 24));
    driver.draw();
    let before = counter.bytes();
    driver.key(KeyCode::Char('j'));
    driver.settle();
    driver.draw();
    counter.bytes() - before
}
