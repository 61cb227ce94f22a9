//! Backup plans of the Region: Enter shows a plan's rules, `n` opens the create-plan wizard,
//! `e` edits the selected plan.

use super::plan::PlanScreen;
use super::plan_edit;
use super::wizard_screen::WizardScreen;
use super::{Nav, Screen};
use crate::action::{Command, Loaded, RequestId};
use crate::backend::BackendError;
use crate::domain::plan::BackupPlan;
use crate::effect::Query;
use crate::keymap::KeyContext;
use crate::listing::{ListControl, Sort};
use crate::palette::Section;
use crate::remote::{Ctx, RemoteList};
use crate::ui::UiCtx;
use crate::ui::rows::PLAN_COLUMNS;
use crate::ui::widgets::table;
use crate::wizard::plan::PlanWizard;
use ratatui::Frame;
use ratatui::layout::Rect;

const PLAN_HINTS: &[Command] = &[
    Command::Open,
    Command::Create,
    Command::Edit,
    Command::Filter,
    Command::Refresh,
];

pub struct PlansScreen {
    region: String,
    remote: RemoteList<BackupPlan>,
}

impl PlansScreen {
    pub fn new(region: &str) -> Self {
        PlansScreen {
            region: region.to_string(),
            remote: RemoteList::new(
                PLAN_COLUMNS,
                Some(Sort {
                    column: 0,
                    descending: false,
                }),
                Query::BackupPlans {
                    region: region.to_string(),
                },
            ),
        }
    }
}

impl Screen for PlansScreen {
    fn section(&self) -> Section {
        Section::Plans
    }

    fn crumb(&self) -> String {
        "Backup plans".to_string()
    }

    fn key_contexts(&self) -> &'static [KeyContext] {
        &[KeyContext::List, KeyContext::Plans]
    }

    fn hints(&self) -> &'static [Command] {
        PLAN_HINTS
    }

    fn start(&mut self, ctx: &mut Ctx) {
        self.remote.load(ctx);
    }

    fn handle(&mut self, cmd: Command, ctx: &mut Ctx) -> Nav {
        match cmd {
            Command::Open => {
                if let Some(plan) = self.remote.list.selected() {
                    return Nav::Push(Box::new(PlanScreen::new(
                        plan.clone(),
                        &self.region,
                        &ctx.session.account_id,
                    )));
                }
            }
            Command::Create => return create(&self.region, ctx),
            Command::Edit => {
                if let Some(plan) = self.remote.list.selected() {
                    return plan_edit::edit(plan, &self.region, ctx);
                }
            }
            Command::Refresh => self.remote.load(ctx),
            _ => {}
        }
        Nav::Stay
    }

    fn pending(&self) -> Vec<RequestId> {
        self.remote.pending().into_iter().collect()
    }

    fn on_loaded(&mut self, req: RequestId, data: Loaded, done: bool) {
        if let Loaded::Plans(rows) = data {
            self.remote.accept(req, rows, done);
        }
    }

    fn on_failed(&mut self, req: RequestId, error: BackendError) {
        self.remote.fail(req, error);
    }

    fn list(&self) -> Option<&dyn ListControl> {
        Some(&self.remote.list)
    }

    fn list_mut(&mut self) -> Option<&mut dyn ListControl> {
        Some(&mut self.remote.list)
    }

    fn render(&self, frame: &mut Frame, area: Rect, ui: &UiCtx) {
        let empty = format!("No backup plans in {}. Press n to create one.", self.region);
        table::render_remote(
            frame,
            area,
            &format!("Backup plans in {}", self.region),
            &self.remote,
            ui,
            &empty,
        );
    }
}

/// The create-plan wizard for `region`.
pub fn create(region: &str, ctx: &mut Ctx) -> Nav {
    // The creator request id is made here, once per opening: every retry reuses it.
    let wizard = PlanWizard::new(region, &ctx.session.account_id, ctx.new_token());
    let screen = WizardScreen::new(Box::new(wizard), Section::Plans, "Create backup plan");
    Nav::Push(Box::new(screen))
}
