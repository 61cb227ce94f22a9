//! The copy wizard screen: loads the account's IAM roles, then hands the copy wizard to the
//! wizard host (destination vaults load inside it as Regions are chosen).

use super::wizard_host::WizardHost;
use super::wizard_loading;
use super::{Nav, Screen};
use crate::action::{Command, Loaded, RequestId};
use crate::backend::BackendError;
use crate::domain::RecoveryPoint;
use crate::domain::copy::why_not_copyable;
use crate::effect::Query;
use crate::keymap::KeyContext;
use crate::palette::Section;
use crate::remote::Ctx;
use crate::ui::UiCtx;
use crate::wizard::After;
use crate::wizard::copy::{CopyContext, CopyWizard};
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;

pub struct CopyScreen {
    /// The section the copy was started from (resources or vaults), kept in the navigation.
    section: Section,
    /// What the wizard opens with; its roles arrive page by page.
    ctx: CopyContext,
    /// The IAM roles listing, while it runs.
    pending: Option<RequestId>,
    /// Said above the wizard when the roles could not be listed.
    missing: Vec<String>,
    host: Option<WizardHost>,
}

impl CopyScreen {
    /// A copy of `rp` from `region` (its own Region). The idempotency token and the vault's
    /// CreatorRequestId are made here, once, and reused by every submit of this wizard.
    pub fn new(rp: RecoveryPoint, region: &str, section: Section, ctx: &mut Ctx) -> Self {
        let copy = CopyContext {
            recovery_point: rp,
            source_region: region.to_string(),
            account_id: ctx.session.account_id.clone(),
            roles: Vec::new(),
            idempotency_token: ctx.new_token(),
            vault_request_id: ctx.new_token(),
        };
        CopyScreen {
            section,
            ctx: copy,
            pending: None,
            missing: Vec::new(),
            host: None,
        }
    }

    fn open(&mut self) {
        let wizard = CopyWizard::new(self.ctx.clone());
        self.host = Some(WizardHost::new(Box::new(wizard)));
    }
}

impl Screen for CopyScreen {
    fn section(&self) -> Section {
        self.section
    }

    fn crumb(&self) -> String {
        format!("Copy {}", self.ctx.recovery_point.short_id())
    }

    fn key_contexts(&self) -> &'static [KeyContext] {
        &[]
    }

    fn hints(&self) -> &'static [Command] {
        &[]
    }

    fn start(&mut self, ctx: &mut Ctx) {
        self.pending = Some(ctx.load(Query::IamRoles));
    }

    fn handle(&mut self, _cmd: Command, _ctx: &mut Ctx) -> Nav {
        Nav::Stay
    }

    fn handle_key(&mut self, key: &KeyEvent, ctx: &mut Ctx) -> Option<Nav> {
        wizard_loading::handle_key(self.host.as_mut(), key, ctx)
    }

    fn pending(&self) -> Vec<RequestId> {
        self.pending
            .into_iter()
            .chain(self.host.iter().flat_map(WizardHost::pending))
            .collect()
    }

    fn on_loaded(&mut self, req: RequestId, data: Loaded, done: bool) {
        if self.pending != Some(req) {
            if let Some(host) = self.host.as_mut() {
                host.on_loaded(req, data, done);
            }
            return;
        }
        if let Loaded::IamRoles(page) = data {
            self.ctx.roles.extend(page);
        }
        if done {
            self.pending = None;
            self.open();
        }
    }

    fn on_failed(&mut self, req: RequestId, error: BackendError) {
        if self.pending != Some(req) {
            if let Some(host) = self.host.as_mut() {
                host.on_failed(req, error);
            }
            return;
        }
        // The default role or a typed ARN still work: open without the list, and say so.
        tracing::warn!(error = %error.headline(), "opening the copy wizard without IAM roles");
        self.missing.push(format!(
            "IAM roles could not be listed ({}): use the default role or enter a role ARN.",
            error.headline()
        ));
        self.pending = None;
        self.ctx.roles.clear();
        self.open();
    }

    fn on_submitted(
        &mut self,
        req: RequestId,
        result: &Result<String, BackendError>,
        ctx: &mut Ctx,
    ) -> Option<After> {
        self.host.as_mut()?.on_submitted(req, result, ctx)
    }

    fn render(&self, frame: &mut Frame, area: Rect, ui: &UiCtx) {
        match &self.host {
            Some(host) => host.render(frame, area, ui, &self.missing),
            // A failed roles listing opens the wizard anyway, so there is no error to show.
            None => wizard_loading::render(frame, area, ui, "Copy", None),
        }
    }
}

/// Opens the copy wizard for `rp` (in `region`), or says why it cannot be copied.
pub fn copy_or_explain(rp: RecoveryPoint, region: &str, section: Section, ctx: &mut Ctx) -> Nav {
    match why_not_copyable(&rp) {
        Some(reason) => Nav::Notice {
            text: reason,
            is_error: true,
        },
        None => Nav::Push(Box::new(CopyScreen::new(rp, region, section, ctx))),
    }
}
