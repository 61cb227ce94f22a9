//! Batch Operations jobs of the Region (`:batch`): status, priority and progress, refreshed in
//! place with back-off while a job is unfinished; `enter` opens a job, `n` creates one.

use super::batch_job::BatchJobScreen;
use super::batch_wizard;
use super::{Nav, Screen};
use crate::action::{Command, Loaded, RequestId};
use crate::backend::BackendError;
use crate::domain::batch::BatchJob;
use crate::effect::Query;
use crate::keymap::KeyContext;
use crate::listing::{ListControl, Sort};
use crate::palette::Section;
use crate::remote::poll::{Followed, ListPoll};
use crate::remote::{Ctx, LoadState, RemoteList};
use crate::ui::UiCtx;
use crate::ui::rows::{BATCH_JOB_COLUMNS, batch_status_label};
use crate::ui::widgets::table;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

const HINTS: &[Command] = &[
    Command::Open,
    Command::Create,
    Command::Filter,
    Command::Refresh,
];

/// Newest first (column 4 is Created).
const NEWEST_FIRST: Option<Sort> = Some(Sort {
    column: 4,
    descending: true,
});

pub struct BatchScreen {
    region: String,
    remote: RemoteList<BatchJob>,
    /// Follows unfinished jobs (any status short of Complete, Failed or Cancelled).
    poll: ListPoll<BatchJob>,
}

impl Followed for BatchJob {
    fn is_unfinished(&self) -> bool {
        !self.status.is_final()
    }

    fn key(&self) -> &str {
        &self.id
    }
}

impl BatchScreen {
    pub fn new(region: &str) -> Self {
        let query = Query::BatchJobs {
            region: region.to_string(),
        };
        BatchScreen {
            region: region.to_string(),
            remote: RemoteList::new(BATCH_JOB_COLUMNS, NEWEST_FIRST, query.clone()),
            poll: ListPoll::new(query),
        }
    }

    fn load(&mut self, ctx: &mut Ctx) {
        self.poll.load(&mut self.remote, ctx);
    }

    fn unfinished(&self) -> usize {
        let items = self.remote.list.items();
        items.iter().filter(|j| j.is_unfinished()).count()
    }

    /// Under the table: why the selected job stopped or waits, else whether jobs are followed.
    fn status_line(&self, ui: &UiCtx) -> Option<Line<'static>> {
        let t = ui.theme;
        if let Some(job) = self.remote.list.selected() {
            let reason = job
                .failure_reasons
                .first()
                .map(|(code, reason)| format!("{code}: {reason}"))
                .or_else(|| job.status_update_reason.as_deref().map(str::to_string));
            let waiting = matches!(job.status, crate::domain::batch::JobStatus::Suspended)
                .then(|| "enter, then c confirms it (x cancels).".to_string());
            if let Some(text) = waiting.or(reason) {
                return Some(Line::from(vec![
                    Span::styled(format!("{}: ", batch_status_label(job.status)), t.label),
                    Span::raw(text),
                ]));
            }
        }
        let unfinished = self.unfinished();
        if unfinished == 0 || !matches!(self.remote.state, LoadState::Done) {
            return None;
        }
        let jobs = if unfinished == 1 { "job" } else { "jobs" };
        let text = if self.poll.is_exhausted() {
            format!("{unfinished} {jobs} still unfinished: r reloads.")
        } else {
            format!("{unfinished} {jobs} unfinished: refreshing as they run.")
        };
        Some(Line::from(Span::styled(text, t.muted)))
    }
}

impl Screen for BatchScreen {
    fn section(&self) -> Section {
        Section::Batch
    }

    fn crumb(&self) -> String {
        "Batch Operations jobs".to_string()
    }

    fn key_contexts(&self) -> &'static [KeyContext] {
        &[KeyContext::Batch, KeyContext::List]
    }

    fn hints(&self) -> &'static [Command] {
        HINTS
    }

    fn start(&mut self, ctx: &mut Ctx) {
        self.load(ctx);
    }

    fn handle(&mut self, cmd: Command, ctx: &mut Ctx) -> Nav {
        match cmd {
            Command::Open => {
                if let Some(job) = self.remote.list.selected() {
                    return Nav::Push(Box::new(BatchJobScreen::new(job.clone(), &self.region)));
                }
            }
            Command::Create => {
                return Nav::Push(Box::new(batch_wizard::open(&self.region, "", ctx)));
            }
            Command::ConfirmJob | Command::CancelJob | Command::JobPriority => {
                return Nav::Notice {
                    text: "Open the job first (enter), then c confirms, x cancels, p sets the \
                           priority."
                        .into(),
                    is_error: false,
                };
            }
            Command::Refresh => self.load(ctx),
            _ => {}
        }
        Nav::Stay
    }

    fn pending(&self) -> Vec<RequestId> {
        self.remote
            .pending()
            .into_iter()
            .chain(self.poll.pending())
            .collect()
    }

    fn on_loaded(&mut self, req: RequestId, data: Loaded, done: bool) {
        let Loaded::BatchJobs(rows) = data else {
            return;
        };
        self.poll.accept(&mut self.remote, req, rows, done);
    }

    fn on_failed(&mut self, req: RequestId, error: BackendError) {
        self.poll.fail(&mut self.remote, req, error);
    }

    fn follow_up(&mut self, ctx: &mut Ctx) {
        self.poll.follow_up(&self.remote, ctx);
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
        let empty = format!(
            "No Batch Operations jobs in {} (unfinished, or ended in the last 90 days). Press \
             n to create a Batch Replication job.",
            self.region
        );
        let title = format!("Batch Operations jobs in {}", self.region);
        table::render_remote(frame, table_area, &title, &self.remote, ui, &empty);
        if let Some(line) = self.status_line(ui) {
            frame.render_widget(Paragraph::new(line), status_area);
        }
    }
}
