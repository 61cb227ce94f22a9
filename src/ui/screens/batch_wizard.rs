//! Hosts the Batch Replication job wizard; it loads what it needs (buckets, roles, the
//! source's replication configuration) through `Wizard::wanted`.

use super::wizard_host::WizardHost;
use super::{Nav, Screen};
use crate::action::{Command, Loaded, RequestId};
use crate::backend::BackendError;
use crate::keymap::KeyContext;
use crate::palette::Section;
use crate::remote::Ctx;
use crate::ui::UiCtx;
use crate::wizard::After;
use crate::wizard::batch::{BatchContext, BatchWizard};
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;

pub struct BatchWizardScreen {
    host: WizardHost,
}

impl BatchWizardScreen {
    /// A job for the existing objects of `source_bucket` (in `region`, its Region); an empty
    /// name asks for the bucket first. The client request token is made here, once per
    /// opening, so a retried CreateJob makes one job.
    pub fn new(region: &str, source_bucket: &str, ctx: &mut Ctx) -> Self {
        let wizard = BatchWizard::new(BatchContext {
            region: region.to_string(),
            account_id: ctx.session.account_id.clone(),
            source_bucket: source_bucket.to_string(),
            client_request_token: ctx.new_token(),
        });
        BatchWizardScreen {
            host: WizardHost::new(Box::new(wizard)),
        }
    }
}

impl Screen for BatchWizardScreen {
    fn section(&self) -> Section {
        Section::Batch
    }

    fn crumb(&self) -> String {
        "Create Batch Replication job".to_string()
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

    /// Every key goes to the host (`handle_key`).
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
