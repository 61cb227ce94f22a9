//! A read-only details page of labelled fields (jobs), and the shared scroll keys.

use super::{Nav, Screen};
use crate::action::{Command, Loaded, RequestId};
use crate::backend::BackendError;
use crate::keymap::KeyContext;
use crate::palette::Section;
use crate::remote::Ctx;
use crate::ui::UiCtx;
use crate::ui::widgets::fields::{self, Field, Scroll};
use ratatui::Frame;
use ratatui::layout::Rect;

pub struct DetailScreen {
    section: Section,
    crumb: String,
    fields: Vec<Field>,
    scroll: Scroll,
}

impl DetailScreen {
    pub fn new(section: Section, crumb: String, fields: Vec<Field>) -> Self {
        DetailScreen {
            section,
            crumb,
            fields,
            scroll: Scroll::default(),
        }
    }
}

/// Applies a movement command to a details page's scroll.
pub fn scroll(scroll: &mut Scroll, cmd: Command) {
    match cmd {
        Command::Up => scroll.by(-1),
        Command::Down => scroll.by(1),
        Command::PageUp => scroll.page(-1),
        Command::PageDown => scroll.page(1),
        Command::Top => scroll.top = 0,
        Command::Bottom => scroll.to_end(),
        _ => {}
    }
}

impl Screen for DetailScreen {
    fn section(&self) -> Section {
        self.section
    }

    fn crumb(&self) -> String {
        self.crumb.clone()
    }

    fn key_contexts(&self) -> &'static [KeyContext] {
        &[KeyContext::Detail]
    }

    fn hints(&self) -> &'static [Command] {
        &[Command::Down]
    }

    fn start(&mut self, _ctx: &mut Ctx) {}

    fn handle(&mut self, cmd: Command, _ctx: &mut Ctx) -> Nav {
        scroll(&mut self.scroll, cmd);
        Nav::Stay
    }

    fn pending(&self) -> Vec<RequestId> {
        Vec::new()
    }

    fn on_loaded(&mut self, _req: RequestId, _data: Loaded, _done: bool) {}

    fn on_failed(&mut self, _req: RequestId, _error: BackendError) {}

    fn render(&self, frame: &mut Frame, area: Rect, ui: &UiCtx) {
        fields::render(frame, area, &self.crumb, &self.fields, &self.scroll, ui);
    }
}
