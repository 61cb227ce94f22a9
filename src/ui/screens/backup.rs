//! The on-demand backup of a protected resource (`b`): loads what the wizard needs, refuses a
//! service that is not opted in (with a jump to the setting), then hosts the backup wizard.

use super::settings::SettingsScreen;
use super::wizard_host::WizardHost;
use super::wizard_loading;
use super::{Nav, Screen};
use crate::action::{Command, Loaded, RequestId};
use crate::backend::BackendError;
use crate::domain::ProtectedResource;
use crate::domain::backup::opt_in_refusal;
use crate::effect::Query;
use crate::keymap::KeyContext;
use crate::palette::Section;
use crate::remote::Ctx;
use crate::ui::UiCtx;
use crate::wizard::After;
use crate::wizard::backup::{BackupContext, BackupWizard};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// The three listings the wizard opens with, while they run.
#[derive(Debug, Default)]
struct Loads {
    settings: Option<RequestId>,
    vaults: Option<RequestId>,
    roles: Option<RequestId>,
}

impl Loads {
    fn ids(&self) -> impl Iterator<Item = RequestId> {
        [self.settings, self.vaults, self.roles]
            .into_iter()
            .flatten()
    }
}

pub struct BackupScreen {
    /// What the wizard opens with; vaults and roles arrive page by page.
    ctx: BackupContext,
    loads: Loads,
    /// Why the Region's settings could not be read (the wizard opens anyway).
    settings_error: Option<String>,
    /// Why the backup cannot be made: the service is not opted in for the Region.
    refusal: Option<String>,
    /// Said above the wizard when something could not be listed.
    missing: Vec<String>,
    host: Option<WizardHost>,
}

impl BackupScreen {
    /// A backup of `resource` in `region` (its own Region). The idempotency token and the
    /// vault's CreatorRequestId are made here, once, and reused by every submit of this wizard.
    pub fn new(resource: ProtectedResource, region: &str, ctx: &mut Ctx) -> Self {
        let backup = BackupContext {
            resource,
            region: region.to_string(),
            account_id: ctx.session.account_id.clone(),
            vaults: Ok(Vec::new()),
            roles: Vec::new(),
            settings: None,
            idempotency_token: ctx.new_token(),
            vault_request_id: ctx.new_token(),
        };
        BackupScreen {
            ctx: backup,
            loads: Loads::default(),
            settings_error: None,
            refusal: None,
            missing: Vec::new(),
            host: None,
        }
    }

    fn load_settings(&mut self, ctx: &mut Ctx) {
        self.ctx.settings = None;
        self.settings_error = None;
        self.refusal = None;
        self.loads.settings = Some(ctx.load(Query::RegionSettings {
            region: self.ctx.region.clone(),
        }));
    }

    /// Once everything has answered: the refusal, or the wizard.
    fn decide(&mut self) {
        if self.loads.ids().next().is_some() {
            return;
        }
        if let Some(settings) = &self.ctx.settings
            && let Some(reason) = opt_in_refusal(settings, &self.ctx.resource)
        {
            self.refusal = Some(reason);
            return;
        }
        if let Some(error) = &self.settings_error {
            // AWS checks the opt-in itself and refuses if needed: the user may go on.
            self.missing.push(format!(
                "The service opt-in of {} could not be read ({error}): if {} is not opted \
                 in there, AWS refuses the backup.",
                self.ctx.region, self.ctx.resource.resource_type
            ));
        }
        let wizard = BackupWizard::new(self.ctx.clone());
        self.host = Some(WizardHost::new(Box::new(wizard)));
    }

    fn take_page(&mut self, req: RequestId, data: Loaded, done: bool) {
        let loads = &mut self.loads;
        match data {
            Loaded::RegionSettings(settings) if loads.settings == Some(req) => {
                self.ctx.settings = Some(*settings);
                loads.settings = None;
            }
            Loaded::Vaults(page) if loads.vaults == Some(req) => {
                if let Ok(vaults) = &mut self.ctx.vaults {
                    vaults.extend(page);
                }
                if done {
                    loads.vaults = None;
                }
            }
            Loaded::IamRoles(page) if loads.roles == Some(req) => {
                self.ctx.roles.extend(page);
                if done {
                    loads.roles = None;
                }
            }
            _ => {}
        }
    }

    fn take_failure(&mut self, req: RequestId, error: BackendError) {
        let loads = &mut self.loads;
        if loads.settings == Some(req) {
            loads.settings = None;
            tracing::warn!(error = %error.headline(), "opening the backup wizard without the opt-in settings");
            self.settings_error = Some(error.headline());
        } else if loads.vaults == Some(req) {
            loads.vaults = None;
            // The wizard says so where the vault is chosen, and offers a new vault.
            self.ctx.vaults = Err(error);
        } else if loads.roles == Some(req) {
            loads.roles = None;
            // The default role or a typed ARN still work: open without the list, and say so.
            self.missing.push(format!(
                "IAM roles could not be listed ({}): use the default role or enter a role ARN.",
                error.headline()
            ));
            self.ctx.roles.clear();
        }
    }

    /// Keys while the refusal shows: the Settings page, check again, or back.
    fn refusal_key(&mut self, key: &KeyEvent, ctx: &mut Ctx) -> Nav {
        match key.code {
            KeyCode::Char('s') => Nav::Push(Box::new(SettingsScreen::new(&self.ctx.region))),
            KeyCode::Char('r') => {
                self.load_settings(ctx);
                Nav::Stay
            }
            KeyCode::Esc => Nav::Pop,
            _ => Nav::Stay,
        }
    }

    fn render_refusal(&self, frame: &mut Frame, area: Rect, ui: &UiCtx, reason: &str) {
        let t = ui.theme;
        let (region, service) = (&self.ctx.region, &self.ctx.resource.resource_type);
        let key = |k: &'static str| Span::styled(k, t.key);
        let lines = vec![
            Line::from(Span::styled(reason.to_string(), t.error)),
            Line::from(""),
            Line::from(format!(
                "Service opt-in is set per Region: turn {service} on in the settings of \
                 {region}, then check again."
            )),
            Line::from(""),
            Line::from(vec![
                key("s"),
                Span::raw(" opens Settings (service opt-in)   "),
                key("r"),
                Span::raw(" checks again   "),
                key("esc"),
                Span::raw(" goes back"),
            ]),
        ];
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(t.border)
            .title(format!(" Back up {} ", self.ctx.resource.name));
        frame.render_widget(
            Paragraph::new(lines).block(block).wrap(Wrap { trim: true }),
            area,
        );
    }
}

impl Screen for BackupScreen {
    fn section(&self) -> Section {
        Section::Resources
    }

    fn crumb(&self) -> String {
        format!("Back up {}", self.ctx.resource.name)
    }

    fn key_contexts(&self) -> &'static [KeyContext] {
        &[]
    }

    fn hints(&self) -> &'static [Command] {
        &[]
    }

    fn start(&mut self, ctx: &mut Ctx) {
        let region = self.ctx.region.clone();
        self.load_settings(ctx);
        self.loads.vaults = Some(ctx.load(Query::BackupVaults { region }));
        self.loads.roles = Some(ctx.load(Query::IamRoles));
    }

    fn handle(&mut self, cmd: Command, ctx: &mut Ctx) -> Nav {
        // Back from the Settings page after a change: the opt-in is read again.
        if cmd == Command::Refresh && self.refusal.is_some() {
            self.load_settings(ctx);
        }
        Nav::Stay
    }

    fn handle_key(&mut self, key: &KeyEvent, ctx: &mut Ctx) -> Option<Nav> {
        if self.host.is_none() && self.refusal.is_some() {
            return Some(self.refusal_key(key, ctx));
        }
        wizard_loading::handle_key(self.host.as_mut(), key, ctx)
    }

    fn pending(&self) -> Vec<RequestId> {
        self.loads
            .ids()
            .chain(self.host.iter().flat_map(WizardHost::pending))
            .collect()
    }

    fn on_loaded(&mut self, req: RequestId, data: Loaded, done: bool) {
        if self.loads.ids().any(|r| r == req) {
            self.take_page(req, data, done);
            self.decide();
        } else if let Some(host) = self.host.as_mut() {
            host.on_loaded(req, data, done);
        }
    }

    fn on_failed(&mut self, req: RequestId, error: BackendError) {
        if self.loads.ids().any(|r| r == req) {
            self.take_failure(req, error);
            self.decide();
        } else if let Some(host) = self.host.as_mut() {
            host.on_failed(req, error);
        }
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
        match (&self.host, &self.refusal) {
            (Some(host), _) => host.render(frame, area, ui, &self.missing),
            (None, Some(reason)) => self.render_refusal(frame, area, ui, reason),
            // A failed listing opens the wizard anyway, so there is no error to show.
            (None, None) => wizard_loading::render(frame, area, ui, "Backup", None),
        }
    }
}

/// Opens the on-demand backup of `resource` (in `region`).
pub fn open(resource: ProtectedResource, region: &str, ctx: &mut Ctx) -> Nav {
    Nav::Push(Box::new(BackupScreen::new(resource, region, ctx)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ResourceType;
    use crate::domain::settings::RegionSettings;
    use crate::effect::Effect;
    use std::collections::BTreeMap;

    fn resource() -> ProtectedResource {
        ProtectedResource {
            arn: "arn:aws:fsx:us-east-1:123456789012:file-system/fs-0123456789abcdef0".into(),
            resource_type: ResourceType::FSx,
            name: "fsx-windows-share".into(),
            description: None,
            last_backup: None,
            last_backup_vault_arn: None,
            last_recovery_point_arn: None,
        }
    }

    /// The screen with its three loads issued, and their ids: settings, vaults, roles.
    fn started() -> (BackupScreen, [RequestId; 3]) {
        let session = crate::backend::mock::demo_session("t");
        let (mut next, mut effects) = (0, Vec::new());
        let mut ctx = Ctx::new("us-east-1", &session, &mut next, &mut effects);
        let mut screen = BackupScreen::new(resource(), "us-east-1", &mut ctx);
        screen.start(&mut ctx);
        let ids: Vec<RequestId> = effects
            .iter()
            .filter_map(|e| match e {
                Effect::Load { req, .. } => Some(*req),
                _ => None,
            })
            .collect();
        (screen, [ids[0], ids[1], ids[2]])
    }

    fn settings(fsx: bool) -> Loaded {
        Loaded::RegionSettings(Box::new(RegionSettings {
            region: "us-east-1".into(),
            opt_in: BTreeMap::from([("FSx".to_string(), fsx)]),
            management: BTreeMap::new(),
        }))
    }

    #[test]
    fn a_service_not_opted_in_is_refused_and_no_wizard_opens() {
        let (mut screen, [s, v, r]) = started();
        screen.on_loaded(s, settings(false), true);
        screen.on_loaded(v, Loaded::Vaults(Vec::new()), true);
        assert!(screen.refusal.is_none(), "waits for every answer");
        screen.on_loaded(r, Loaded::IamRoles(Vec::new()), true);
        assert!(screen.host.is_none());
        assert!(
            screen
                .refusal
                .as_deref()
                .is_some_and(|r| r.starts_with("FSx is not opted in in us-east-1")),
            "{:?}",
            screen.refusal
        );
    }

    #[test]
    fn settings_that_cannot_be_read_leave_the_user_to_go_on() {
        let (mut screen, [s, v, r]) = started();
        let denied = BackendError::new(crate::backend::ErrorKind::AccessDenied, "denied");
        screen.on_failed(s, denied);
        screen.on_loaded(v, Loaded::Vaults(Vec::new()), true);
        screen.on_loaded(r, Loaded::IamRoles(Vec::new()), true);
        assert!(screen.refusal.is_none());
        assert!(screen.host.is_some(), "the wizard opens");
        assert!(
            screen.missing[0].starts_with("The service opt-in of us-east-1 could not be read"),
            "{:?}",
            screen.missing
        );
    }

    #[test]
    fn an_opted_in_service_opens_the_wizard() {
        let (mut screen, [s, v, r]) = started();
        screen.on_loaded(s, settings(true), true);
        screen.on_loaded(v, Loaded::Vaults(Vec::new()), true);
        screen.on_loaded(r, Loaded::IamRoles(Vec::new()), true);
        assert!(screen.host.is_some());
        assert!(screen.missing.is_empty());
    }
}
