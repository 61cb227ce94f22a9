//! One Batch Operations job: status, progress, failure reasons and report location; `c`
//! confirms a job awaiting confirmation, `x` cancels, `p` changes the priority (each after a
//! confirmation showing the exact request), `o` opens the completion report.

use super::detail::{Refresh, scroll};
use super::report::ReportScreen;
use super::{Nav, Screen};
use crate::action::{Command, Loaded, RequestId};
use crate::backend::BackendError;
use crate::domain::WriteRequest;
use crate::domain::batch::{BatchJob, JobChange, JobStatus, JobUpdateRequest, ReportQuery};
use crate::domain::format::opt_date_time;
use crate::effect::{Effect, Query};
use crate::keymap::KeyContext;
use crate::listing::Tone;
use crate::palette::Section;
use crate::remote::Ctx;
use crate::tracker::{Followed, JobKind, backoff};
use crate::ui::UiCtx;
use crate::ui::rows::{batch_progress, batch_status_label, batch_status_tone};
use crate::ui::widgets::dialog::Dialog;
use crate::ui::widgets::fields::{self, Field, Scroll};
use crate::wizard::After;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

const HINTS: &[Command] = &[
    Command::ConfirmJob,
    Command::CancelJob,
    Command::JobPriority,
    Command::OpenReport,
    Command::Refresh,
];

/// What the page is doing besides showing the job.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Mode {
    Idle,
    /// Typing the new priority.
    Priority(String),
    /// Asking before sending this request.
    Confirm(JobUpdateRequest),
}

pub struct BatchJobScreen {
    region: String,
    job: BatchJob,
    refresh: Refresh,
    /// A re-describe while the job moves (a failed one stops them: `r` goes on).
    poll: Option<RequestId>,
    polls: u32,
    /// A re-describe failed: no more until the user reloads.
    poll_failed: bool,
    scroll: Scroll,
    mode: Mode,
    /// The change under way.
    sending: Option<RequestId>,
    /// That change confirms the job: once accepted, the app follows it to its end.
    confirming: bool,
    /// What became of the last change (text, whether it failed).
    outcome: Option<(String, bool)>,
}

impl BatchJobScreen {
    pub fn new(job: BatchJob, region: &str) -> Self {
        BatchJobScreen {
            region: region.to_string(),
            job,
            refresh: Refresh::default(),
            poll: None,
            polls: 0,
            poll_failed: false,
            scroll: Scroll::default(),
            mode: Mode::Idle,
            sending: None,
            confirming: false,
            outcome: None,
        }
    }

    fn describe(&mut self, ctx: &mut Ctx) {
        self.polls = 0;
        self.poll_failed = false;
        let query = Query::DescribeBatchJob {
            region: self.region.clone(),
            job_id: self.job.id.to_string(),
        };
        self.refresh.start(ctx, query);
    }

    fn update(&self, ctx: &Ctx, change: JobChange) -> JobUpdateRequest {
        JobUpdateRequest {
            region: self.region.clone(),
            account_id: ctx.session.account_id.clone(),
            job_id: self.job.id.to_string(),
            change,
        }
    }

    /// Why `cmd` cannot be done now, or `None`.
    fn refusal(&self, cmd: Command, ctx: &Ctx) -> Option<String> {
        let status = self.job.status;
        if ctx.session.read_only {
            return Some("Read-only session (--read-only): jobs cannot be changed.".into());
        }
        if self.sending.is_some() {
            return Some("The last change is still being sent: wait for AWS's answer.".into());
        }
        match cmd {
            Command::ConfirmJob if status != JobStatus::Suspended => Some(format!(
                "Only a job awaiting confirmation (Suspended) can be confirmed; this one is {status}."
            )),
            Command::CancelJob | Command::JobPriority if status.is_final() => {
                Some(format!("This job has ended ({status}): nothing to change."))
            }
            _ => None,
        }
    }

    fn open_report(&self) -> Nav {
        let notice = |text: String| Nav::Notice {
            text,
            is_error: false,
        };
        let Some(target) = self.job.report.clone() else {
            return notice("This job writes no completion report.".into());
        };
        if !self.job.status.is_final() {
            return notice(format!(
                "The completion report is written when the job ends; it is {}.",
                self.job.status
            ));
        }
        let query = ReportQuery {
            region: self.region.clone(),
            job_id: self.job.id.to_string(),
            target,
        };
        Nav::Push(Box::new(ReportScreen::new(query)))
    }

    fn fields(&self) -> Vec<Field> {
        let j = &self.job;
        let mut f = Vec::new();
        if let Some(error) = self.refresh.error_field() {
            f.push(error);
        }
        if let Some((text, failed)) = &self.outcome {
            let tone = if *failed { Tone::Bad } else { Tone::Good };
            f.push(Field::Text {
                text: text.clone(),
                tone,
            });
        }
        let status = batch_status_label(j.status);
        f.push(Field::toned("Status", status, batch_status_tone(j.status)));
        if j.status == JobStatus::Suspended {
            f.push(Field::Text {
                text: "This job waits for your confirmation: c confirms it (it then runs), x \
                       cancels it."
                    .into(),
                tone: Tone::Warning,
            });
        }
        f.extend([
            Field::pair("Description", j.description.to_string()),
            Field::pair("Job ID", j.id.to_string()),
            Field::pair("Operation", j.operation.to_string()),
            Field::pair("Priority", j.priority.to_string()),
            Field::pair("Tasks ok/failed/all", batch_progress(j)),
            Field::pair("Created", opt_date_time(Some(j.created))),
            Field::pair("Ended", opt_date_time(j.terminated)),
            Field::pair(
                "Status reason",
                j.status_update_reason.as_deref().unwrap_or("-"),
            ),
        ]);
        let report = match &j.report {
            None => "none".to_string(),
            Some(r) => {
                let scope = if r.failed_only {
                    "failed tasks"
                } else {
                    "all tasks"
                };
                format!("s3://{}/{} ({scope})", r.bucket, r.prefix)
            }
        };
        f.push(Field::pair("Completion report", report));
        if !j.failure_reasons.is_empty() {
            f.push(Field::Heading("Failure reasons"));
            for (code, reason) in &j.failure_reasons {
                f.push(Field::Text {
                    text: format!("{code}: {reason}"),
                    tone: Tone::Bad,
                });
            }
        }
        f
    }

    /// The confirmation: the question, then exactly what is sent.
    fn confirm_dialog<'a>(request: &JobUpdateRequest, ui: &UiCtx<'a>) -> Dialog<'a> {
        let t = ui.theme;
        let question = match request.change {
            JobChange::Confirm => format!("Confirm job {}? It then runs.", request.job_id),
            JobChange::Cancel => format!("Cancel job {}? This cannot be undone.", request.job_id),
            JobChange::Priority(p) => format!("Set job {}'s priority to {p}?", request.job_id),
        };
        let mut dialog = Dialog::new(t, "Confirm", question)
            .question_style(t.title)
            .max_width(76)
            .detail(
                format!("{} request (exactly what is sent)", request.operation()),
                t.label,
            );
        for line in request.api_json().lines() {
            dialog = dialog.detail(line, Style::new());
        }
        dialog = dialog.detail("AWS CLI equivalent", t.label);
        for line in request.cli_command().lines() {
            dialog = dialog.detail(line, Style::new());
        }
        dialog.key("y", "send").key("n/esc", "cancel (the default)")
    }
}

impl Screen for BatchJobScreen {
    fn section(&self) -> Section {
        Section::Batch
    }

    fn crumb(&self) -> String {
        format!("Batch job {}", self.job.id)
    }

    fn key_contexts(&self) -> &'static [KeyContext] {
        &[KeyContext::Batch, KeyContext::Detail]
    }

    fn hints(&self) -> &'static [Command] {
        HINTS
    }

    fn start(&mut self, ctx: &mut Ctx) {
        self.describe(ctx);
    }

    /// The priority prompt and the confirmation take every key while open.
    fn handle_key(&mut self, key: &KeyEvent, ctx: &mut Ctx) -> Option<Nav> {
        match std::mem::replace(&mut self.mode, Mode::Idle) {
            Mode::Idle => return None,
            Mode::Confirm(request) => match key.code {
                KeyCode::Char('y') => {
                    self.confirming = request.change == JobChange::Confirm;
                    let req = ctx.next_id();
                    ctx.push(Effect::Submit {
                        req,
                        request: Box::new(WriteRequest::UpdateBatchJob(request)),
                    });
                    self.sending = Some(req);
                    self.outcome = None;
                }
                KeyCode::Char('n') | KeyCode::Esc => {}
                _ => self.mode = Mode::Confirm(request),
            },
            Mode::Priority(mut typed) => match key.code {
                KeyCode::Esc => {}
                KeyCode::Enter => match crate::domain::batch::priority(&typed) {
                    Ok(p) => self.mode = Mode::Confirm(self.update(ctx, JobChange::Priority(p))),
                    Err(e) => {
                        self.mode = Mode::Priority(typed);
                        return Some(Nav::Notice {
                            text: e,
                            is_error: true,
                        });
                    }
                },
                KeyCode::Backspace => {
                    typed.pop();
                    self.mode = Mode::Priority(typed);
                }
                KeyCode::Char(c) if c.is_ascii_digit() && typed.len() < 10 => {
                    typed.push(c);
                    self.mode = Mode::Priority(typed);
                }
                _ => self.mode = Mode::Priority(typed),
            },
        }
        Some(Nav::Stay)
    }

    fn handle(&mut self, cmd: Command, ctx: &mut Ctx) -> Nav {
        if matches!(
            cmd,
            Command::ConfirmJob | Command::CancelJob | Command::JobPriority
        ) && let Some(text) = self.refusal(cmd, ctx)
        {
            return Nav::Notice {
                text,
                is_error: true,
            };
        }
        match cmd {
            Command::ConfirmJob => self.mode = Mode::Confirm(self.update(ctx, JobChange::Confirm)),
            Command::CancelJob => self.mode = Mode::Confirm(self.update(ctx, JobChange::Cancel)),
            Command::JobPriority => self.mode = Mode::Priority(self.job.priority.to_string()),
            Command::OpenReport => return self.open_report(),
            Command::Refresh => self.describe(ctx),
            other => scroll(&mut self.scroll, other),
        }
        Nav::Stay
    }

    fn pending(&self) -> Vec<RequestId> {
        let reads = self.refresh.pending().into_iter().chain(self.poll);
        reads.chain(self.sending).collect()
    }

    fn on_loaded(&mut self, req: RequestId, data: Loaded, _done: bool) {
        let polled = self.poll == Some(req);
        if polled {
            self.poll = None;
        }
        if let Loaded::BatchJob(job) = data
            && (polled || self.refresh.answered(req))
        {
            self.job = *job;
        }
    }

    fn on_failed(&mut self, req: RequestId, error: BackendError) {
        if self.poll == Some(req) {
            tracing::warn!(req, error = %error.headline(), "batch job poll failed; r reloads");
            self.poll = None;
            self.poll_failed = true;
            return;
        }
        self.refresh.failed(req, error);
    }

    /// A change was answered: say so and read the job again.
    fn on_submitted(
        &mut self,
        req: RequestId,
        result: &Result<String, BackendError>,
        ctx: &mut Ctx,
    ) -> Option<After> {
        if self.sending != Some(req) {
            return None;
        }
        self.sending = None;
        self.outcome = Some(match result {
            Ok(_) => ("Sent: AWS accepted the change.".to_string(), false),
            Err(e) => (
                format!("Not changed: {} {}", e.headline(), e.advice()),
                true,
            ),
        });
        self.describe(ctx);
        let confirmed = result.is_ok() && std::mem::take(&mut self.confirming);
        confirmed.then(|| {
            After::Follow(Followed {
                kind: JobKind::Batch,
                region: self.region.clone(),
                id: self.job.id.to_string(),
            })
        })
    }

    /// While the job moves on its own (preparing, running, finishing), it is described
    /// again with back-off (at most every 30 s) for as long as the page is open. A job that
    /// waits for the user (Suspended, Paused) or has ended is not.
    fn follow_up(&mut self, ctx: &mut Ctx) {
        let busy = self.refresh.pending().is_some() || self.poll.is_some();
        let waits = matches!(self.job.status, JobStatus::Suspended | JobStatus::Paused);
        if busy || waits || self.job.status.is_final() || self.poll_failed {
            return;
        }
        let req = ctx.next_id();
        ctx.push(Effect::Poll {
            req,
            query: Query::DescribeBatchJob {
                region: self.region.clone(),
                job_id: self.job.id.to_string(),
            },
            after: backoff(self.polls),
        });
        self.poll = Some(req);
        self.polls += 1;
    }

    fn render(&self, frame: &mut Frame, area: Rect, ui: &UiCtx) {
        let title = match (self.refresh.pending(), self.sending) {
            (_, Some(_)) => format!("Batch job {} {} sending", self.job.id, ui.spinner),
            _ => format!("Batch job {}", self.job.id),
        };
        fields::render(frame, area, &title, &self.fields(), &self.scroll, ui);
        match &self.mode {
            Mode::Idle => {}
            Mode::Confirm(request) => {
                frame.render_widget(&Self::confirm_dialog(request, ui), area);
            }
            Mode::Priority(typed) => {
                let t = ui.theme;
                let question = format!("New priority (now {}):", self.job.priority);
                let dialog = Dialog::new(t, "Priority", question)
                    .max_width(76)
                    .detail("0 to 2147483647, higher runs first.", t.muted)
                    .input("", typed)
                    .key("enter", "next")
                    .key("esc", "cancel");
                frame.render_widget(&dialog, area);
            }
        }
    }
}
