//! Screens: one file each (state + key handling + drawing); they ask for data only through `Ctx`.

mod backup;
mod batch;
mod batch_job;
pub mod batch_wizard;
mod bucket;
mod buckets;
mod copy;
mod copy_job;
mod delete;
mod detail;
mod jobs;
mod plan;
mod plan_edit;
mod plans;
mod point;
mod points;
mod replication;
mod report;
mod resources;
mod restore;
mod settings;
mod vaults;
pub mod wizard_host;
mod wizard_loading;
mod wizard_screen;

pub use batch::BatchScreen;
pub use buckets::BucketsScreen;
pub use detail::DetailScreen;
pub use jobs::JobsScreen;
pub use plans::PlansScreen;
pub use point::RecoveryPointScreen;
pub use points::RecoveryPointsScreen;
pub use resources::ResourcesScreen;
pub use restore::RestoreScreen;
pub use settings::SettingsScreen;
pub use vaults::VaultsScreen;

use crate::action::{Command, Loaded, RequestId};
use crate::backend::BackendError;
use crate::domain::RestoreJob;
use crate::keymap::KeyContext;
use crate::listing::ListControl;
use crate::palette::Section;
use crate::remote::Ctx;
use crate::ui::UiCtx;
use crate::wizard::After;
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;

/// What a screen asks the app to do after handling a command.
pub enum Nav {
    Stay,
    Push(Box<dyn Screen>),
    /// Close this screen (a wizard finished or discarded).
    Pop,
    /// Say something in the footer.
    Notice {
        text: String,
        is_error: bool,
    },
}

/// A screen of the console. Only the top screen gets commands; replies go to their owner.
pub trait Screen {
    /// The navigation-pane section this screen belongs to.
    fn section(&self) -> Section;
    /// This screen's breadcrumb.
    fn crumb(&self) -> String;
    /// Keymap contexts searched (before `global`) while this screen is on top.
    fn key_contexts(&self) -> &'static [KeyContext];
    /// Commands worth a footer hint here.
    fn hints(&self) -> &'static [Command];
    /// Issues the screen's first loads.
    fn start(&mut self, ctx: &mut Ctx);
    fn handle(&mut self, cmd: Command, ctx: &mut Ctx) -> Nav;
    /// Requests still under way for this screen.
    fn pending(&self) -> Vec<RequestId>;
    fn on_loaded(&mut self, req: RequestId, data: Loaded, done: bool);
    fn on_failed(&mut self, req: RequestId, error: BackendError);
    /// The list the generic list commands (move, sort, filter) act on, if any.
    fn list(&self) -> Option<&dyn ListControl> {
        None
    }
    fn list_mut(&mut self) -> Option<&mut dyn ListControl> {
        None
    }
    fn render(&self, frame: &mut Frame, area: Rect, ui: &UiCtx);
    /// Sees every key before the keymap does; `Some` means the screen used it (forms, menus).
    fn handle_key(&mut self, _key: &KeyEvent, _ctx: &mut Ctx) -> Option<Nav> {
        None
    }
    /// A change this screen sent was answered (`Action::Submitted`); `Some` once the last of
    /// its requests was accepted and the app should go somewhere.
    fn on_submitted(
        &mut self,
        _req: RequestId,
        _result: &Result<String, BackendError>,
        _ctx: &mut Ctx,
    ) -> Option<After> {
        None
    }
    /// A restore job changed (polling): lists showing it update the row.
    fn upsert_restore_job(&mut self, _job: &RestoreJob) {}
    /// Runs after each reply this screen got (`on_loaded`, `on_failed`), with a `Ctx` for the
    /// loads that depend on it (polling a listing again while its jobs run).
    fn follow_up(&mut self, _ctx: &mut Ctx) {}
    /// Where the screen wants to go on its own, once a reply arrived (a resource named on
    /// the command line was found): taken by the app after each reply.
    fn take_nav(&mut self) -> Option<Nav> {
        None
    }
    /// Whether this screen changed the account (deleted recovery points): the screen under
    /// it is reloaded when it closes.
    fn changed_account(&self) -> bool {
        false
    }
}

/// The page of one backup plan (a plan just edited shows its new version).
pub fn plan_screen(
    plan: crate::domain::plan::BackupPlan,
    region: &str,
    account_id: &str,
) -> Box<dyn Screen> {
    Box::new(plan::PlanScreen::new(plan, region, account_id))
}

/// The root screen of a section.
pub fn for_section(section: Section, region: &str) -> Box<dyn Screen> {
    match section {
        Section::Resources => Box::new(ResourcesScreen::new(region)),
        Section::Vaults => Box::new(VaultsScreen::new(region)),
        Section::Jobs(tab) => Box::new(JobsScreen::new(region, tab)),
        Section::Buckets => Box::new(BucketsScreen::new(region)),
        Section::Plans => Box::new(PlansScreen::new(region)),
        Section::Settings => Box::new(SettingsScreen::new(region)),
        Section::Batch => Box::new(BatchScreen::new(region)),
    }
}

const LIST_HINTS: &[Command] = &[
    Command::Open,
    Command::Filter,
    Command::SortNext,
    Command::Refresh,
];
const DETAIL_HINTS: &[Command] = &[
    Command::Restore,
    Command::CopyPoint,
    Command::Down,
    Command::Refresh,
];
