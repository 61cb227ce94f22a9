//! Protected resources: every resource with a recovery point in the Region.

use super::{Nav, RecoveryPointsScreen, Screen};
use crate::action::{Command, Loaded, RequestId};
use crate::backend::BackendError;
use crate::domain::settings::RegionSettings;
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
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Paragraph, Wrap};

pub struct ResourcesScreen {
    region: String,
    remote: RemoteList<ProtectedResource>,
    /// The Region's service opt-in, read the first time a type filter is chosen.
    opt_in: OptIn,
    /// A resource to open once listed (`--resource`, by name or ARN).
    open: Option<String>,
    /// Where to go once `open` was found (or why not).
    nav: Option<Nav>,
}

/// Where the Region's opt-in settings stand (to warn about a type that is not opted in).
enum OptIn {
    NotAsked,
    Loading(RequestId),
    Known(RegionSettings),
    /// Not readable (no permission, an emulator without the call): no warning is given.
    Unknown,
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
            opt_in: OptIn::NotAsked,
            open: None,
            nav: None,
        }
    }

    /// The list, opening the recovery points of `resource` (a name or an ARN) once it is
    /// listed, or saying it is not there.
    pub fn opening(region: &str, resource: &str) -> Self {
        let mut screen = ResourcesScreen::new(region);
        screen.open = Some(resource.to_string());
        screen
    }

    /// Opens the resource asked for once it arrives; says so once the listing ends without it.
    fn look_for_resource(&mut self, done: bool) {
        let Some(wanted) = &self.open else {
            return;
        };
        let found = self
            .remote
            .list
            .items()
            .iter()
            .find(|r| &*r.name == wanted || &*r.arn == wanted);
        if let Some(resource) = found {
            self.nav = Some(Nav::Push(Box::new(RecoveryPointsScreen::for_resource(
                resource.clone(),
                &self.region,
            ))));
            self.open = None;
        } else if done {
            self.nav = Some(Nav::Notice {
                text: format!(
                    "No protected resource named {wanted} in {}: choose one below.",
                    self.region
                ),
                is_error: true,
            });
            self.open = None;
        }
    }

    /// Reads the Region's opt-in once, when a type filter is first chosen.
    fn want_opt_in(&mut self, ctx: &mut Ctx) {
        if matches!(self.opt_in, OptIn::NotAsked) {
            self.opt_in = OptIn::Loading(ctx.load(Query::RegionSettings {
                region: self.region.clone(),
            }));
        }
    }

    /// "EFS is not opted in in us-east-1: …" while that type is the filter.
    fn opt_in_warning(&self) -> Option<String> {
        let OptIn::Known(settings) = &self.opt_in else {
            return None;
        };
        settings.not_opted_in_message(self.remote.list.type_filter()?)
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
            Command::BackupNow,
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
            Command::BackupNow => {
                if let Some(resource) = self.remote.list.selected() {
                    return super::backup::open(resource.clone(), &self.region, ctx);
                }
            }
            Command::Refresh => {
                self.remote.load(ctx);
                // Opt-in that could not be read is tried again, with the rest.
                if matches!(self.opt_in, OptIn::Unknown) {
                    self.opt_in = OptIn::NotAsked;
                    if self.remote.list.type_filter().is_some() {
                        self.want_opt_in(ctx);
                    }
                }
            }
            Command::TypeFilterNext | Command::TypeFilterPrev => {
                self.step_type_filter(cmd == Command::TypeFilterNext);
                self.want_opt_in(ctx);
            }
            _ => {}
        }
        Nav::Stay
    }

    fn pending(&self) -> Vec<RequestId> {
        let opt_in = match self.opt_in {
            OptIn::Loading(req) => Some(req),
            _ => None,
        };
        self.remote.pending().into_iter().chain(opt_in).collect()
    }

    fn on_loaded(&mut self, req: RequestId, data: Loaded, done: bool) {
        match data {
            Loaded::Resources(rows) => {
                let accepted = self.remote.accept(req, rows, done);
                if accepted {
                    self.look_for_resource(done);
                }
            }
            Loaded::RegionSettings(settings) if matches!(self.opt_in, OptIn::Loading(r) if r == req) =>
            {
                self.opt_in = OptIn::Known(*settings);
            }
            _ => {}
        }
    }

    fn take_nav(&mut self) -> Option<Nav> {
        self.nav.take()
    }

    fn on_failed(&mut self, req: RequestId, error: BackendError) {
        if matches!(self.opt_in, OptIn::Loading(r) if r == req) {
            tracing::warn!(error = %error.headline(), "opt-in settings unreadable: no type warning");
            self.opt_in = OptIn::Unknown;
            return;
        }
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
        let warning = self.opt_in_warning();
        // Two lines hold the longest warning at 80 columns.
        let height = if warning.is_some() { 2 } else { 0 };
        let [note, rest] =
            Layout::vertical([Constraint::Length(height), Constraint::Fill(1)]).areas(area);
        if let Some(text) = warning {
            frame.render_widget(
                Paragraph::new(Span::styled(text, ui.theme.warning)).wrap(Wrap { trim: true }),
                note,
            );
        }
        table::render_remote(frame, rest, "Protected resources", &self.remote, ui, &empty);
    }
}
