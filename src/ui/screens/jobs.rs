//! Jobs: backup, restore and copy jobs of the Region in three tabs (browse only).

use super::{DetailScreen, Nav, Screen};
use crate::action::{Command, Loaded, RequestId};
use crate::backend::BackendError;
use crate::domain::format::{opt_bytes, opt_date_time};
use crate::domain::{BackupJob, CopyJob, RestoreJob};
use crate::effect::Query;
use crate::keymap::KeyContext;
use crate::listing::{ListControl, Row, Sort};
use crate::palette::{JobTab, Section};
use crate::remote::{Ctx, RemoteList};
use crate::ui::UiCtx;
use crate::ui::rows::{BACKUP_JOB_COLUMNS, COPY_JOB_COLUMNS, RESTORE_JOB_COLUMNS};
use crate::ui::widgets::fields::Field;
use crate::ui::widgets::table;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Tabs;

pub struct JobsScreen {
    region: String,
    tab: JobTab,
    backup: RemoteList<BackupJob>,
    restore: RemoteList<RestoreJob>,
    copy: RemoteList<CopyJob>,
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
            restore: RemoteList::new(
                RESTORE_JOB_COLUMNS,
                NEWEST_FIRST,
                Query::RestoreJobs { region: r.clone() },
            ),
            copy: RemoteList::new(
                COPY_JOB_COLUMNS,
                NEWEST_FIRST,
                Query::CopyJobs { region: r },
            ),
        }
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
            JobTab::Copy => {
                let j = self.copy.list.selected()?;
                (
                    format!("Copy job {}", j.id),
                    vec![
                        Field::toned("State", j.state.api_name(), j.tone(2)),
                        Field::pair("Status message", j.status_message.as_deref().unwrap_or("-")),
                        Field::pair("Job ID", j.id.to_string()),
                        Field::pair("Resource", j.resource_name.to_string()),
                        Field::pair("Resource type", j.resource_type.to_string()),
                        Field::pair("Source point", j.source_recovery_point_arn.to_string()),
                        Field::pair("Source vault", j.source_vault_arn.to_string()),
                        Field::pair("Destination vault", j.destination_vault_arn.to_string()),
                        Field::pair(
                            "Destination point",
                            j.destination_recovery_point_arn.as_deref().unwrap_or("-"),
                        ),
                        Field::pair("Created", opt_date_time(Some(j.created))),
                        Field::pair("Completed", opt_date_time(j.completed)),
                        Field::pair("Backup size", opt_bytes(j.size_bytes)),
                        Field::pair("IAM role", j.iam_role_arn.to_string()),
                    ],
                )
            }
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
        self.backup.load(ctx);
        self.restore.load(ctx);
        self.copy.load(ctx);
    }

    fn handle(&mut self, cmd: Command, ctx: &mut Ctx) -> Nav {
        match cmd {
            Command::NextTab => self.tab = self.tab.shifted(1),
            Command::PrevTab => self.tab = self.tab.shifted(-1),
            Command::Refresh => match self.tab {
                JobTab::Backup => self.backup.load(ctx),
                JobTab::Restore => self.restore.load(ctx),
                JobTab::Copy => self.copy.load(ctx),
            },
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
            self.restore.pending(),
            self.copy.pending(),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    fn on_loaded(&mut self, req: RequestId, data: Loaded, done: bool) {
        match data {
            Loaded::BackupJobs(rows) => self.backup.accept(req, rows, done),
            Loaded::RestoreJobs(rows) => self.restore.accept(req, rows, done),
            Loaded::CopyJobs(rows) => self.copy.accept(req, rows, done),
            _ => false,
        };
    }

    fn on_failed(&mut self, req: RequestId, error: BackendError) {
        let _ = self.backup.fail(req, error.clone())
            || self.restore.fail(req, error.clone())
            || self.copy.fail(req, error);
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
        match self.tab {
            JobTab::Backup => table::render_remote(frame, rest, name, &self.backup, ui, &empty),
            JobTab::Restore => table::render_remote(frame, rest, name, &self.restore, ui, &empty),
            JobTab::Copy => table::render_remote(frame, rest, name, &self.copy, ui, &empty),
        }
    }
}
