//! S3 buckets of the Region (versioning, replication, objects): `enter` opens one, `n` creates
//! one, `v` enables versioning.

use super::bucket::{BucketScreen, versioning};
use super::replication;
use super::{Nav, Screen};
use crate::action::{Command, Loaded, RequestId};
use crate::backend::BackendError;
use crate::domain::restore::Bucket;
use crate::effect::Query;
use crate::keymap::KeyContext;
use crate::listing::ListControl;
use crate::palette::Section;
use crate::remote::{Ctx, RemoteList};
use crate::ui::UiCtx;
use crate::ui::rows::BUCKET_COLUMNS;
use crate::ui::widgets::table;
use ratatui::Frame;
use ratatui::layout::Rect;

const HINTS: &[Command] = &[
    Command::Open,
    Command::Create,
    Command::EnableVersioning,
    Command::Filter,
    Command::Refresh,
];

pub struct BucketsScreen {
    region: String,
    remote: RemoteList<Bucket>,
}

impl BucketsScreen {
    pub fn new(region: &str) -> Self {
        BucketsScreen {
            region: region.to_string(),
            remote: RemoteList::new(
                BUCKET_COLUMNS,
                None,
                Query::Buckets {
                    region: region.to_string(),
                },
            ),
        }
    }
}

impl Screen for BucketsScreen {
    fn section(&self) -> Section {
        Section::Buckets
    }

    fn crumb(&self) -> String {
        "S3 buckets".to_string()
    }

    fn key_contexts(&self) -> &'static [KeyContext] {
        &[KeyContext::List, KeyContext::Buckets]
    }

    fn hints(&self) -> &'static [Command] {
        HINTS
    }

    fn start(&mut self, ctx: &mut Ctx) {
        self.remote.load(ctx);
    }

    fn handle(&mut self, cmd: Command, ctx: &mut Ctx) -> Nav {
        let selected = self.remote.list.selected().cloned();
        match (cmd, selected) {
            (Command::Refresh, _) => self.remote.load(ctx),
            (Command::Create, _) => {
                return Nav::Push(Box::new(replication::create_bucket(&self.region)));
            }
            (Command::Open, Some(bucket)) => return Nav::Push(Box::new(BucketScreen::new(bucket))),
            (Command::EnableVersioning, Some(bucket)) => return versioning(&bucket),
            _ => {}
        }
        Nav::Stay
    }

    fn pending(&self) -> Vec<RequestId> {
        self.remote.pending().into_iter().collect()
    }

    fn on_loaded(&mut self, req: RequestId, data: Loaded, done: bool) {
        if let Loaded::Buckets(rows) = data {
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
        let empty = format!("No S3 buckets in {}. Press n to create one.", self.region);
        table::render_remote(
            frame,
            area,
            &format!("S3 buckets in {}", self.region),
            &self.remote,
            ui,
            &empty,
        );
    }
}
