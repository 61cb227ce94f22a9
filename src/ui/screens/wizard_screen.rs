//! A screen that is only a wizard (plan, bucket, replication rule, Batch Replication job):
//! every key goes to its host, and the wizard loads what it needs through `Wizard::wanted`.

use super::wizard_host::WizardHost;
use super::{Nav, Screen};
use crate::action::{Command, Loaded, RequestId};
use crate::backend::BackendError;
use crate::keymap::KeyContext;
use crate::palette::Section;
use crate::remote::Ctx;
use crate::ui::UiCtx;
use crate::wizard::{After, Wizard};
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;

pub struct WizardScreen {
    host: WizardHost,
    section: Section,
    crumb: String,
}

impl WizardScreen {
    /// `wizard` in `section`, shown in the breadcrumbs as `crumb`.
    pub fn new(wizard: Box<dyn Wizard>, section: Section, crumb: &str) -> Self {
        WizardScreen {
            host: WizardHost::new(wizard),
            section,
            crumb: crumb.to_string(),
        }
    }
}

impl Screen for WizardScreen {
    fn section(&self) -> Section {
        self.section
    }

    fn crumb(&self) -> String {
        self.crumb.clone()
    }

    fn key_contexts(&self) -> &'static [KeyContext] {
        &[]
    }

    fn hints(&self) -> &'static [Command] {
        &[]
    }

    fn start(&mut self, ctx: &mut Ctx) {
        self.host.load_wanted(ctx);
    }

    /// Every key goes to the host (`handle_key`); a failed load is asked again on the next key.
    fn handle(&mut self, _cmd: Command, _ctx: &mut Ctx) -> Nav {
        Nav::Stay
    }

    fn handle_key(&mut self, key: &KeyEvent, ctx: &mut Ctx) -> Option<Nav> {
        Some(self.host.handle_key(key, ctx))
    }

    fn pending(&self) -> Vec<RequestId> {
        self.host.pending()
    }

    fn on_loaded(&mut self, req: RequestId, data: Loaded, done: bool) {
        self.host.on_loaded(req, data, done);
    }

    fn on_failed(&mut self, req: RequestId, error: BackendError) {
        self.host.on_failed(req, error);
    }

    fn on_submitted(
        &mut self,
        req: RequestId,
        result: &Result<String, BackendError>,
        ctx: &mut Ctx,
    ) -> Option<After> {
        self.host.on_submitted(req, result, ctx)
    }

    fn render(&self, frame: &mut Frame, area: Rect, ui: &UiCtx) {
        self.host.render(frame, area, ui, &[]);
    }
}
