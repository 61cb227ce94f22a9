//! A finished Batch Operations job's completion report: one row per task (key, version,
//! status, error code, message) in a filterable table, failed tasks highlighted.

use super::{Nav, Screen};
use crate::action::{Command, Loaded, RequestId};
use crate::backend::BackendError;
use crate::domain::batch::{ReportQuery, ReportRow};
use crate::effect::Query;
use crate::keymap::KeyContext;
use crate::listing::{ListControl, Sort};
use crate::palette::Section;
use crate::remote::{Ctx, RemoteList};
use crate::ui::UiCtx;
use crate::ui::rows::REPORT_COLUMNS;
use crate::ui::widgets::table;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

const HINTS: &[Command] = &[Command::Filter, Command::SortNext, Command::Refresh];

pub struct ReportScreen {
    job_id: String,
    remote: RemoteList<ReportRow>,
}

impl ReportScreen {
    pub fn new(query: ReportQuery) -> Self {
        ReportScreen {
            job_id: query.job_id.clone(),
            // Failed first ("failed" sorts before "succeeded"), where the user looks.
            remote: RemoteList::new(
                REPORT_COLUMNS,
                Some(Sort {
                    column: 2,
                    descending: false,
                }),
                Query::CompletionReport(query),
            ),
        }
    }

    /// `3 of 120 tasks failed`, under the table once the report is read.
    fn counts(&self) -> String {
        let rows = self.remote.list.items();
        let failed = rows
            .iter()
            .filter(|r| r.status.eq_ignore_ascii_case("failed"))
            .count();
        format!("{failed} of {} tasks failed.", rows.len())
    }
}

impl Screen for ReportScreen {
    fn section(&self) -> Section {
        Section::Batch
    }

    fn crumb(&self) -> String {
        format!("Report of {}", self.job_id)
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
        if let Loaded::Report(rows) = data {
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
        let [table_area, status_area] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
        let title = format!("Completion report of {}", self.job_id);
        let empty = "The report lists no tasks.";
        table::render_remote(frame, table_area, &title, &self.remote, ui, empty);
        // The selected failed task's whole message, which the table cuts.
        let line = match self.remote.list.selected() {
            Some(row) if !row.message.is_empty() => Line::from(vec![
                Span::styled(format!("{}: ", row.error_code), ui.theme.label),
                Span::raw(row.message.clone()),
            ]),
            _ => Line::from(Span::styled(self.counts(), ui.theme.muted)),
        };
        frame.render_widget(Paragraph::new(line), status_area);
    }
}
