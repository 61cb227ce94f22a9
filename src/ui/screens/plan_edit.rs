//! Editing a backup plan (UpdateBackupPlan): loads the plan (GetBackupPlan; found by name first
//! when only its name is known), then hosts the plan wizard over its current version; from a
//! PARTIAL recovery point it opens the rule that made it, its window ready to be raised.

use super::wizard_host::WizardHost;
use super::wizard_loading;
use super::{Nav, Screen};
use crate::action::{Command, Loaded, RequestId};
use crate::backend::{BackendError, ErrorKind};
use crate::domain::plan::{BackupPlan, PlanDetails};
use crate::domain::{PlanRef, RecoveryPoint, RecoveryPointStatus};
use crate::effect::Query;
use crate::keymap::KeyContext;
use crate::palette::Section;
use crate::remote::Ctx;
use crate::ui::UiCtx;
use crate::wizard::After;
use crate::wizard::plan::PlanWizard;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;

/// What the wizard opens on once the plan is loaded.
enum Opening {
    /// The plan's first step.
    Plan,
    /// The rule `made_by` names, which made PARTIAL recovery point `point_id`.
    RaiseWindow { made_by: PlanRef, point_id: String },
}

pub struct PlanEditScreen {
    region: String,
    account_id: String,
    /// The plan's name (always known), and its id once known.
    plan_name: String,
    plan_id: String,
    opening: Opening,
    /// The creator request id base of any vault made on the way, made once per opening.
    token: String,
    pending: Option<RequestId>,
    error: Option<BackendError>,
    host: Option<WizardHost>,
    /// Set when the wizard has just opened: its vault listings are asked for next.
    just_opened: bool,
}

impl PlanEditScreen {
    fn new(region: &str, plan_name: &str, plan_id: &str, opening: Opening, ctx: &mut Ctx) -> Self {
        PlanEditScreen {
            region: region.to_string(),
            account_id: ctx.session.account_id.clone(),
            plan_name: plan_name.to_string(),
            plan_id: plan_id.to_string(),
            opening,
            token: ctx.new_token(),
            pending: None,
            error: None,
            host: None,
            just_opened: false,
        }
    }

    /// GetBackupPlan, or ListBackupPlans to find the plan's id by its name.
    fn load(&mut self, ctx: &mut Ctx) {
        self.error = None;
        let query = if self.plan_id.is_empty() {
            Query::BackupPlans {
                region: self.region.clone(),
            }
        } else {
            Query::BackupPlan {
                region: self.region.clone(),
                plan_id: self.plan_id.clone(),
            }
        };
        self.pending = Some(ctx.load(query));
    }

    fn open(&mut self, details: PlanDetails) {
        let (region, account_id) = (self.region.as_str(), self.account_id.as_str());
        let token = self.token.clone();
        let wizard = match &self.opening {
            Opening::Plan => PlanWizard::edit(details, region, account_id, token),
            Opening::RaiseWindow { made_by, point_id } => {
                PlanWizard::raise_window(details, region, account_id, token, made_by, point_id)
            }
        };
        match wizard {
            Ok(wizard) => {
                self.host = Some(WizardHost::new(Box::new(wizard)));
                self.just_opened = true;
            }
            Err(message) => self.error = Some(BackendError::new(ErrorKind::InvalidInput, message)),
        }
    }
}

impl Screen for PlanEditScreen {
    fn section(&self) -> Section {
        Section::Plans
    }

    fn crumb(&self) -> String {
        format!("Edit {}", self.plan_name)
    }

    fn key_contexts(&self) -> &'static [KeyContext] {
        &[]
    }

    fn hints(&self) -> &'static [Command] {
        &[]
    }

    fn start(&mut self, ctx: &mut Ctx) {
        self.load(ctx);
    }

    fn handle(&mut self, _cmd: Command, _ctx: &mut Ctx) -> Nav {
        Nav::Stay
    }

    fn handle_key(&mut self, key: &KeyEvent, ctx: &mut Ctx) -> Option<Nav> {
        // Before the wizard opens: r retries a failed load, Esc leaves.
        if self.host.is_none() && self.error.is_some() && key.code == KeyCode::Char('r') {
            self.load(ctx);
            return Some(Nav::Stay);
        }
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
        if done {
            self.pending = None;
        }
        match data {
            Loaded::Plan(details) => {
                self.plan_id = details.plan.id.to_string();
                self.plan_name = details.plan.name.to_string();
                self.open(*details);
            }
            Loaded::Plans(plans) => {
                if let Some(plan) = plans.iter().find(|p| *p.name == self.plan_name) {
                    self.plan_id = plan.id.to_string();
                } else if done {
                    self.error = Some(BackendError::new(
                        ErrorKind::NotFound,
                        format!(
                            "No backup plan named {} in {}: it may have been deleted.",
                            self.plan_name, self.region
                        ),
                    ));
                }
            }
            _ => {}
        }
    }

    fn on_failed(&mut self, req: RequestId, error: BackendError) {
        if self.pending != Some(req) {
            if let Some(host) = self.host.as_mut() {
                host.on_failed(req, error);
            }
            return;
        }
        self.pending = None;
        self.error = Some(error);
    }

    fn follow_up(&mut self, ctx: &mut Ctx) {
        // The plan's id found by name: load the plan itself.
        if self.pending.is_none()
            && self.host.is_none()
            && self.error.is_none()
            && !self.plan_id.is_empty()
        {
            self.load(ctx);
        }
        if std::mem::take(&mut self.just_opened)
            && let Some(host) = self.host.as_mut()
        {
            host.load_wanted(ctx);
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
        match &self.host {
            Some(host) => host.render(frame, area, ui, &[]),
            None => wizard_loading::render(frame, area, ui, "Edit", self.error.as_ref()),
        }
    }
}

/// Edits `plan` (of `region`): its rules load first.
pub fn edit(plan: &BackupPlan, region: &str, ctx: &mut Ctx) -> Nav {
    let screen = PlanEditScreen::new(region, &plan.name, &plan.id, Opening::Plan, ctx);
    Nav::Push(Box::new(screen))
}

/// "Increase the backup window" of a PARTIAL recovery point: opens the rule of the plan that
/// made it, or says why there is none to open.
pub fn raise_window(rp: RecoveryPoint, region: &str, ctx: &mut Ctx) -> Nav {
    let refuse = |text: String| Nav::Notice {
        text,
        is_error: true,
    };
    if rp.status != RecoveryPointStatus::Partial {
        return refuse(format!(
            "Only PARTIAL points are fixed by a longer backup window (this one is {}).",
            rp.status
        ));
    }
    let Some(made_by) = rp.created_by.as_deref().cloned() else {
        // Said in one footer line: a plan rule to edit does not exist.
        return refuse(
            "No plan made this point (on-demand): press b to back up with a longer window.".into(),
        );
    };
    let opening = Opening::RaiseWindow {
        point_id: rp.short_id().to_string(),
        made_by: made_by.clone(),
    };
    let screen = PlanEditScreen::new(region, &made_by.plan_name, &made_by.plan_id, opening, ctx);
    Nav::Push(Box::new(screen))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::mock::demo_session;
    use crate::effect::Effect;
    use time::macros::datetime;

    fn plan(name: &str, id: &str) -> BackupPlan {
        BackupPlan {
            id: id.into(),
            arn: format!("arn:aws:backup:us-east-1:123456789012:backup-plan:{id}").into(),
            name: name.into(),
            version_id: "v1".into(),
            created: datetime!(2026-01-01 00:00 UTC),
            last_execution: None,
        }
    }

    /// The queries the screen asked for, in order.
    fn queries(effects: &[Effect]) -> Vec<Query> {
        effects
            .iter()
            .filter_map(|e| match e {
                Effect::Load { query, .. } => Some(query.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_plan_known_only_by_name_is_found_in_the_list_then_loaded() {
        let session = demo_session("test");
        let (mut next_req, mut effects) = (0, Vec::new());
        let mut ctx = Ctx::new("us-east-1", &session, &mut next_req, &mut effects);
        let opening = Opening::RaiseWindow {
            made_by: PlanRef::named("nightly"),
            point_id: "rp-1".into(),
        };
        let mut screen = PlanEditScreen::new("us-east-1", "nightly", "", opening, &mut ctx);
        screen.start(&mut ctx);
        let listing = screen.pending()[0];
        let page = vec![plan("weekly", "id-weekly"), plan("nightly", "id-nightly")];
        screen.on_loaded(listing, Loaded::Plans(page), true);
        screen.follow_up(&mut ctx);
        assert_eq!(
            queries(&effects),
            [
                Query::BackupPlans {
                    region: "us-east-1".into()
                },
                Query::BackupPlan {
                    region: "us-east-1".into(),
                    plan_id: "id-nightly".into()
                },
            ]
        );
    }

    #[test]
    fn a_plan_no_longer_listed_is_said_and_not_looked_for_again() {
        let session = demo_session("test");
        let (mut next_req, mut effects) = (0, Vec::new());
        let mut ctx = Ctx::new("us-east-1", &session, &mut next_req, &mut effects);
        let opening = Opening::RaiseWindow {
            made_by: PlanRef::named("gone"),
            point_id: "rp-1".into(),
        };
        let mut screen = PlanEditScreen::new("us-east-1", "gone", "", opening, &mut ctx);
        screen.start(&mut ctx);
        let listing = screen.pending()[0];
        screen.on_loaded(
            listing,
            Loaded::Plans(vec![plan("weekly", "id-weekly")]),
            true,
        );
        screen.follow_up(&mut ctx);
        assert_eq!(
            screen.error.as_ref().map(|e| e.message.as_str()),
            Some("No backup plan named gone in us-east-1: it may have been deleted.")
        );
        assert!(screen.pending().is_empty());
        assert_eq!(queries(&effects).len(), 1, "only the listing");
    }
}
