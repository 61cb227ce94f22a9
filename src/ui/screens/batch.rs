//! PLACEHOLDER: replaced by the Batch Operations jobs screen this session.

use super::{Nav, Screen};
use crate::action::{Command, Loaded, RequestId};
use crate::backend::BackendError;
use crate::keymap::KeyContext;
use crate::palette::Section;
use crate::remote::Ctx;
use crate::ui::UiCtx;
use ratatui::Frame;
use ratatui::layout::Rect;

pub struct BatchScreen {
    region: String,
}

impl BatchScreen {
    pub fn new(region: &str) -> Self {
        BatchScreen {
            region: region.to_string(),
        }
    }
}

impl Screen for BatchScreen {
    fn section(&self) -> Section {
        Section::Batch
    }
    fn crumb(&self) -> String {
        "Batch jobs".to_string()
    }
    fn key_contexts(&self) -> &'static [KeyContext] {
        &[KeyContext::List]
    }
    fn hints(&self) -> &'static [Command] {
        &[]
    }
    fn start(&mut self, _ctx: &mut Ctx) {}
    fn handle(&mut self, _cmd: Command, _ctx: &mut Ctx) -> Nav {
        Nav::Stay
    }
    fn pending(&self) -> Vec<RequestId> {
        Vec::new()
    }
    fn on_loaded(&mut self, _req: RequestId, _data: Loaded, _done: bool) {}
    fn on_failed(&mut self, _req: RequestId, _error: BackendError) {}
    fn render(&self, frame: &mut Frame, area: Rect, _ui: &UiCtx) {
        frame.render_widget(ratatui::widgets::Paragraph::new(self.region.clone()), area);
    }
}
