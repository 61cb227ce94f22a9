//! Jobs: backup, restore and copy jobs of the Region in three tabs; unfinished backup and copy
//! jobs are followed by re-polling their listing.

use super::copy_job::CopyJobScreen;
use super::{DetailScreen, Nav, Screen};
use crate::action::{Command, Loaded, RequestId};
use crate::backend::BackendError;
use crate::domain::format::{opt_bytes, opt_date_time};
use crate::domain::{BackupJob, BackupJobState, CopyJob, CopyJobState, RestoreJob};
use crate::effect::Query;
use crate::keymap::KeyContext;
use crate::listing::{ListControl, Row, Sort};
use crate::palette::{JobTab, Section};
use crate::remote::poll::{Followed, ListPoll};
use crate::remote::{Ctx, LoadState, RemoteList};
use crate::ui::UiCtx;
use crate::ui::rows::{BACKUP_JOB_COLUMNS, COPY_JOB_COLUMNS, RESTORE_JOB_COLUMNS};
use crate::ui::widgets::fields::Field;
use crate::ui::widgets::table;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Tabs};

pub struct JobsScreen {
    region: String,
    tab: JobTab,
    backup: RemoteList<BackupJob>,
    restore: RemoteList<RestoreJob>,
    copy: RemoteList<CopyJob>,
    /// Follows unfinished backup jobs (CREATED, PENDING or RUNNING).
    backup_poll: ListPoll<BackupJob>,
    /// Follows unfinished copy jobs (CREATED or RUNNING).
    copy_poll: ListPoll<CopyJob>,
}

impl Followed for BackupJob {
    fn is_unfinished(&self) -> bool {
        matches!(
            self.state,
            BackupJobState::Created | BackupJobState::Pending | BackupJobState::Running
        )
    }

    fn key(&self) -> &str {
        &self.id
    }
}

impl Followed for CopyJob {
    fn is_unfinished(&self) -> bool {
        matches!(self.state, CopyJobState::Created | CopyJobState::Running)
    }

    fn key(&self) -> &str {
        &self.id
    }
}

/// Newest first (column 4 is Created in every job table).
const NEWEST_FIRST: Option<Sort> = Some(Sort {
    column: 4,
    descending: true,
});

impl JobsScreen {
    pub fn new(region: &str, tab: JobTab) -> Self {
        let r = region.to_string();
        JobsScreen {
            region: r.clone(),
            tab,
            backup: RemoteList::new(
                BACKUP_JOB_COLUMNS,
                NEWEST_FIRST,
                Query::BackupJobs { region: r.clone() },
            ),
            backup_poll: ListPoll::new(Query::BackupJobs { region: r.clone() }),
            restore: RemoteList::new(
                RESTORE_JOB_COLUMNS,
                NEWEST_FIRST,
                Query::RestoreJobs { region: r.clone() },
            ),
            copy: RemoteList::new(
                COPY_JOB_COLUMNS,
                NEWEST_FIRST,
                Query::CopyJobs { region: r.clone() },
            ),
            copy_poll: ListPoll::new(Query::CopyJobs { region: r }),
        }
    }

    fn unfinished_copies(&self) -> usize {
        self.copy
            .list
            .items()
            .iter()
            .filter(|j| j.is_unfinished())
            .count()
    }

    fn load_copies(&mut self, ctx: &mut Ctx) {
        self.copy_poll.load(&mut self.copy, ctx);
    }

    fn load_backups(&mut self, ctx: &mut Ctx) {
        self.backup_poll.load(&mut self.backup, ctx);
    }

    /// The line under the backup jobs table: the selected job's status message, or its
    /// progress while it runs, and whether unfinished jobs are being followed.
    fn backup_status_line(&self, ui: &UiCtx) -> Option<Line<'static>> {
        let t = ui.theme;
        let selected = self.backup.list.selected();
        if let Some(job) = selected
            && let Some(message) = &job.status_message
        {
            return Some(Line::from(vec![
                Span::styled(format!("{}: ", job.state), t.tone(job.tone(3))),
                Span::raw(format!("{} ({})", message, job.resource_name)),
            ]));
        }
        let unfinished = self
            .backup
            .list
            .items()
            .iter()
            .filter(|j| j.is_unfinished())
            .count();
        if unfinished == 0 || !matches!(self.backup.state, LoadState::Done) {
            return None;
        }
        let mut spans = Vec::new();
        if let Some(job) = selected.filter(|j| j.is_unfinished()) {
            let percent = job
                .percent_done
                .map(|p| format!(" {p}%"))
                .unwrap_or_default();
            spans.push(Span::styled(
                format!("{}{percent}", job.state),
                t.tone(job.tone(3)),
            ));
            spans.push(Span::raw(format!(" ({}) · ", job.resource_name)));
        }
        let jobs = if unfinished == 1 { "job" } else { "jobs" };
        spans.push(Span::styled(
            if self.backup_poll.is_exhausted() {
                format!("{unfinished} backup {jobs} still unfinished: r reloads.")
            } else {
                format!("{unfinished} backup {jobs} unfinished: refreshing as they run.")
            },
            t.muted,
        ));
        Some(Line::from(spans))
    }

    /// The line under the copy jobs table: the selected job's status message (a failure's
    /// reason is what users miss), else whether unfinished jobs are being followed.
    fn copy_status_line(&self, ui: &UiCtx) -> Option<Line<'static>> {
        let t = ui.theme;
        if let Some(job) = self.copy.list.selected()
            && let Some(message) = &job.status_message
        {
            return Some(Line::from(vec![
                Span::styled(
                    format!("{}: ", job.state),
                    t.tone(crate::ui::rows::copy_state_tone(job.state)),
                ),
                Span::raw(format!("{} ({})", message, job.resource_name)),
            ]));
        }
        let unfinished = self.unfinished_copies();
        if unfinished == 0 || !matches!(self.copy.state, LoadState::Done) {
            return None;
        }
        let jobs = if unfinished == 1 { "job" } else { "jobs" };
        let text = if self.copy_poll.is_exhausted() {
            format!("{unfinished} copy {jobs} still unfinished: r reloads.")
        } else {
            format!("{unfinished} copy {jobs} unfinished: refreshing as they run.")
        };
        Some(Line::from(Span::styled(text, t.muted)))
    }

    fn detail(&self) -> Option<DetailScreen> {
        let section = Section::Jobs(self.tab);
        let (crumb, fields) = match self.tab {
            JobTab::Backup => {
                let j = self.backup.list.selected()?;
                (
                    format!("Backup job {}", j.id),
                    vec![
                        Field::toned("State", j.state.api_name(), j.tone(3)),
                        Field::pair("Status message", j.status_message.as_deref().unwrap_or("-")),
                        Field::pair("Job ID", j.id.to_string()),
                        Field::pair("Resource", j.resource_name.to_string()),
                        Field::pair("Resource ARN", j.resource_arn.to_string()),
                        Field::pair("Resource type", j.resource_type.to_string()),
                        Field::pair("Backup vault", j.vault_name.to_string()),
                        Field::pair(
                            "Recovery point",
                            j.recovery_point_arn.as_deref().unwrap_or("-"),
                        ),
                        Field::pair("Created", opt_date_time(Some(j.created))),
                        Field::pair("Completed", opt_date_time(j.completed)),
                        Field::pair(
                            "Progress",
                            j.percent_done
                                .map(|p| format!("{p}%"))
                                .unwrap_or_else(|| "-".into()),
                        ),
                        Field::pair("Backup size", opt_bytes(j.size_bytes)),
                        Field::pair("IAM role", j.iam_role_arn.to_string()),
                    ],
                )
            }
            JobTab::Restore => {
                let j = self.restore.list.selected()?;
                (
                    format!("Restore job {}", j.id),
                    vec![
                        Field::toned("Status", j.status.api_name(), j.tone(3)),
                        Field::pair("Status message", j.status_message.as_deref().unwrap_or("-")),
                        Field::pair("Job ID", j.id.to_string()),
                        Field::pair("Source resource", j.source_resource_name.to_string()),
                        Field::pair("Resource type", j.resource_type.to_string()),
                        Field::pair("Recovery point", j.recovery_point_arn.to_string()),
                        Field::pair(
                            "Created resource",
                            j.created_resource_arn.as_deref().unwrap_or("-"),
                        ),
                        Field::pair("Created", opt_date_time(Some(j.created))),
                        Field::pair("Completed", opt_date_time(j.completed)),
                        Field::pair(
                            "Progress",
                            j.percent_done
                                .map(|p| format!("{p}%"))
                                .unwrap_or_else(|| "-".into()),
                        ),
                        Field::pair(
                            "Expected in",
                            j.expected_completion_minutes
                                .map(|m| format!("about {m} min"))
                                .unwrap_or_else(|| "-".into()),
                        ),
                        Field::pair("Backup size", opt_bytes(j.size_bytes)),
                        Field::pair("IAM role", j.iam_role_arn.to_string()),
                    ],
                )
            }
            // A copy job has its own screen (CopyJobScreen), with the way to its copy.
            JobTab::Copy => return None,
        };
        Some(DetailScreen::new(section, crumb, fields))
    }
}

impl Screen for JobsScreen {
    fn section(&self) -> Section {
        Section::Jobs(self.tab)
    }

    fn crumb(&self) -> String {
        format!("Jobs > {}", self.tab.label())
    }

    fn key_contexts(&self) -> &'static [KeyContext] {
        &[KeyContext::Jobs, KeyContext::List]
    }

    fn hints(&self) -> &'static [Command] {
        &[
            Command::NextTab,
            Command::Open,
            Command::Filter,
            Command::Refresh,
        ]
    }

    fn start(&mut self, ctx: &mut Ctx) {
        self.load_backups(ctx);
        self.restore.load(ctx);
        self.load_copies(ctx);
    }

    fn handle(&mut self, cmd: Command, ctx: &mut Ctx) -> Nav {
        match cmd {
            Command::NextTab => self.tab = self.tab.shifted(1),
            Command::PrevTab => self.tab = self.tab.shifted(-1),
            Command::Refresh => match self.tab {
                JobTab::Backup => self.load_backups(ctx),
                JobTab::Restore => self.restore.load(ctx),
                JobTab::Copy => self.load_copies(ctx),
            },
            Command::Open if self.tab == JobTab::Copy => {
                if let Some(job) = self.copy.list.selected() {
                    return Nav::Push(Box::new(CopyJobScreen::new(job.clone(), &self.region)));
                }
            }
            Command::Open => {
                if let Some(detail) = self.detail() {
                    return Nav::Push(Box::new(detail));
                }
            }
            _ => {}
        }
        Nav::Stay
    }

    fn pending(&self) -> Vec<RequestId> {
        [
            self.backup.pending(),
            self.backup_poll.pending(),
            self.restore.pending(),
            self.copy.pending(),
            self.copy_poll.pending(),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    fn on_loaded(&mut self, req: RequestId, data: Loaded, done: bool) {
        match data {
            Loaded::BackupJobs(rows) => {
                self.backup_poll.accept(&mut self.backup, req, rows, done);
            }
            Loaded::RestoreJobs(rows) => {
                self.restore.accept(req, rows, done);
            }
            Loaded::CopyJobs(rows) => {
                self.copy_poll.accept(&mut self.copy, req, rows, done);
            }
            _ => {}
        }
    }

    fn on_failed(&mut self, req: RequestId, error: BackendError) {
        let _ = self.backup_poll.fail(&mut self.backup, req, error.clone())
            || self.restore.fail(req, error.clone())
            || self.copy_poll.fail(&mut self.copy, req, error);
    }

    fn follow_up(&mut self, ctx: &mut Ctx) {
        self.backup_poll.follow_up(&self.backup, ctx);
        self.copy_poll.follow_up(&self.copy, ctx);
    }

    fn list(&self) -> Option<&dyn ListControl> {
        Some(match self.tab {
            JobTab::Backup => &self.backup.list,
            JobTab::Restore => &self.restore.list,
            JobTab::Copy => &self.copy.list,
        })
    }

    fn list_mut(&mut self) -> Option<&mut dyn ListControl> {
        Some(match self.tab {
            JobTab::Backup => &mut self.backup.list,
            JobTab::Restore => &mut self.restore.list,
            JobTab::Copy => &mut self.copy.list,
        })
    }

    fn upsert_restore_job(&mut self, job: &RestoreJob) {
        self.restore.list.upsert(job.clone(), |j| j.id == job.id);
    }

    fn render(&self, frame: &mut Frame, area: Rect, ui: &UiCtx) {
        let [tabs_area, rest] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
        let selected = JobTab::ALL.iter().position(|t| *t == self.tab).unwrap_or(0);
        let tabs = Tabs::new(JobTab::ALL.iter().map(|t| Line::from(t.label())))
            .select(selected)
            .style(ui.theme.muted)
            .highlight_style(ui.theme.selected);
        frame.render_widget(tabs, tabs_area);
        let empty = format!(
            "No {} in {} in the last 30 days.",
            self.tab.label().to_lowercase(),
            self.region
        );
        let name = self.tab.label();
        // The followed tabs keep one status line always, so the table does not resize as the
        // cursor moves.
        let [table_area, status_area] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(rest);
        let status = match self.tab {
            JobTab::Backup => {
                table::render_remote(frame, table_area, name, &self.backup, ui, &empty);
                self.backup_status_line(ui)
            }
            JobTab::Restore => {
                table::render_remote(frame, rest, name, &self.restore, ui, &empty);
                None
            }
            JobTab::Copy => {
                table::render_remote(frame, table_area, name, &self.copy, ui, &empty);
                self.copy_status_line(ui)
            }
        };
        if let Some(line) = status {
            frame.render_widget(Paragraph::new(line), status_area);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ResourceType;
    use crate::effect::Effect;
    use crate::remote::poll::MAX_POLLS;
    use crate::tracker::backoff;

    fn running_job() -> CopyJob {
        let created = time::macros::datetime!(2026-11-20 10:00 UTC);
        CopyJob {
            id: "C0FFEE".into(),
            state: CopyJobState::Running,
            status_message: None,
            resource_arn: "arn:aws:s3:::acme-media".into(),
            resource_name: "acme-media".into(),
            resource_type: ResourceType::S3,
            source_recovery_point_arn: "arn:aws:backup:us-east-1:1:recovery-point:src".into(),
            source_vault_arn: "arn:aws:backup:us-east-1:1:backup-vault:prod-daily".into(),
            destination_vault_arn: "arn:aws:backup:ca-central-1:1:backup-vault:dr".into(),
            destination_recovery_point_arn: None,
            created,
            completed: None,
            size_bytes: None,
            iam_role_arn: "arn:aws:iam::1:role/backup".into(),
        }
    }

    /// The polls `follow_up` asked for: (request id, wait).
    fn polls(effects: &[Effect]) -> Vec<(RequestId, std::time::Duration)> {
        effects
            .iter()
            .filter_map(|e| match e {
                Effect::Poll { req, after, .. } => Some((*req, *after)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_job_that_never_ends_is_polled_with_back_off_then_left_to_the_user() {
        let session = crate::backend::mock::demo_session("t");
        let mut next = 0;
        let mut effects = Vec::new();
        let mut screen = JobsScreen::new("us-east-1", JobTab::Copy);
        let mut ctx = Ctx::new("us-east-1", &session, &mut next, &mut effects);
        screen.start(&mut ctx);
        let first = screen.copy.pending().expect("the listing is under way");
        screen.on_loaded(first, Loaded::CopyJobs(vec![running_job()]), true);
        let mut waits = Vec::new();
        for _ in 0..MAX_POLLS + 3 {
            let mut effects = Vec::new();
            let mut ctx = Ctx::new("us-east-1", &session, &mut next, &mut effects);
            screen.follow_up(&mut ctx);
            let Some(&(req, wait)) = polls(&effects).first() else {
                break;
            };
            waits.push(wait);
            screen.on_loaded(req, Loaded::CopyJobs(vec![running_job()]), true);
        }
        assert_eq!(waits.len(), MAX_POLLS as usize, "then polling stops");
        assert_eq!(waits[0], backoff(0));
        assert!(waits.windows(2).all(|w| w[0] <= w[1]), "{waits:?}");
        let theme = crate::theme::Theme::monochrome();
        let ui = UiCtx {
            theme: &theme,
            spinner: "-",
        };
        let line = screen.copy_status_line(&ui).expect("a status line");
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, "1 copy job still unfinished: r reloads.");
        // A reload starts following again.
        let mut effects = Vec::new();
        let mut ctx = Ctx::new("us-east-1", &session, &mut next, &mut effects);
        screen.handle(Command::Refresh, &mut ctx);
        let reload = screen.copy.pending().expect("reloading");
        screen.on_loaded(reload, Loaded::CopyJobs(vec![running_job()]), true);
        let mut effects = Vec::new();
        let mut ctx = Ctx::new("us-east-1", &session, &mut next, &mut effects);
        screen.follow_up(&mut ctx);
        assert_eq!(polls(&effects).len(), 1, "polling again after r");
    }
}
