//! Protected resources: every resource with a recovery point in the Region.

use super::{Nav, RecoveryPointsScreen, Screen};
use crate::action::{Command, Loaded, RequestId};
use crate::backend::BackendError;
use crate::domain::{ProtectedResource, ResourceType};
use crate::effect::Query;
use crate::keymap::KeyContext;
use crate::listing::ListControl;
use crate::palette::Section;
use crate::remote::{Ctx, RemoteList};
use crate::ui::UiCtx;
use crate::ui::rows::RESOURCE_COLUMNS;
use crate::ui::widgets::table;
use ratatui::Frame;
use ratatui::layout::Rect;

pub struct ResourcesScreen {
    region: String,
    remote: RemoteList<ProtectedResource>,
}

impl ResourcesScreen {
    pub fn new(region: &str) -> Self {
        ResourcesScreen {
            region: region.to_string(),
            remote: RemoteList::new(
                RESOURCE_COLUMNS,
                None,
                Query::ProtectedResources {
                    region: region.to_string(),
                },
            ),
        }
    }

    /// Steps the resource-type filter: all → S3 → DynamoDB → … → all.
    fn step_type_filter(&mut self, forward: bool) {
        let known = &ResourceType::KNOWN;
        let current = self
            .remote
            .list
            .type_filter()
            .and_then(|t| known.iter().position(|k| k == t));
        let next = match (current, forward) {
            (None, true) => Some(0),
            (None, false) => Some(known.len() - 1),
            (Some(i), true) => (i + 1 < known.len()).then_some(i + 1),
            (Some(i), false) => i.checked_sub(1),
        };
        self.remote
            .list
            .set_type_filter(next.map(|i| known[i].clone()));
    }
}

impl Screen for ResourcesScreen {
    fn section(&self) -> Section {
        Section::Resources
    }

    fn crumb(&self) -> String {
        "Protected resources".to_string()
    }

    fn key_contexts(&self) -> &'static [KeyContext] {
        &[KeyContext::Resources, KeyContext::List]
    }

    fn hints(&self) -> &'static [Command] {
        &[
            Command::Open,
            Command::Filter,
            Command::TypeFilterNext,
            Command::SortNext,
            Command::Refresh,
        ]
    }

    fn start(&mut self, ctx: &mut Ctx) {
        self.remote.load(ctx);
    }

    fn handle(&mut self, cmd: Command, ctx: &mut Ctx) -> Nav {
        match cmd {
            Command::Open => {
                if let Some(resource) = self.remote.list.selected() {
                    return Nav::Push(Box::new(RecoveryPointsScreen::for_resource(
                        resource.clone(),
                        &self.region,
                    )));
                }
            }
            Command::Refresh => self.remote.load(ctx),
            Command::TypeFilterNext => self.step_type_filter(true),
            Command::TypeFilterPrev => self.step_type_filter(false),
            _ => {}
        }
        Nav::Stay
    }

    fn pending(&self) -> Vec<RequestId> {
        self.remote.pending().into_iter().collect()
    }

    fn on_loaded(&mut self, req: RequestId, data: Loaded, done: bool) {
        if let Loaded::Resources(rows) = data {
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
        let empty = format!(
            "No protected resources in {}. A resource appears here once AWS Backup has a recovery point of it.",
            self.region
        );
        table::render_remote(frame, area, "Protected resources", &self.remote, ui, &empty);
    }
}
