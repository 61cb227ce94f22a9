//! S3 buckets of the Region with the settings a restore into them depends on (read-only list).

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

/// No row opens anything, so `enter` gets no hint.
const HINTS: &[Command] = &[Command::Filter, Command::SortNext, Command::Refresh];

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
        &[KeyContext::List]
    }

    fn hints(&self) -> &'static [Command] {
        HINTS
    }

    fn start(&mut self, ctx: &mut Ctx) {
        self.remote.load(ctx);
    }

    fn handle(&mut self, cmd: Command, ctx: &mut Ctx) -> Nav {
        if cmd == Command::Refresh {
            self.remote.load(ctx);
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
        let empty = format!("No S3 buckets in {}.", self.region);
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
