//! One copy job: a failure's reason first, every field, and from a completed copy the way to
//! its recovery point in the destination Region (where it is restored).

use super::detail::{Refresh, scroll};
use super::{Nav, RecoveryPointScreen, Screen};
use crate::action::{Command, Loaded, RequestId};
use crate::backend::BackendError;
use crate::domain::copy::arn_region;
use crate::domain::format::{opt_bytes, opt_date_time};
use crate::domain::resource::arn_last_colon_segment;
use crate::domain::{
    BackupKind, CopyJob, CopyJobState, Lifecycle, RecoveryPoint, RecoveryPointStatus, StorageClass,
};
use crate::effect::Query;
use crate::keymap::KeyContext;
use crate::listing::Tone;
use crate::palette::{JobTab, Section};
use crate::remote::Ctx;
use crate::ui::UiCtx;
use crate::ui::rows::{copy_state_tone, vault_location};
use crate::ui::widgets::fields::{self, Field, Scroll};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;

pub struct CopyJobScreen {
    job: CopyJob,
    /// The Region the job was listed in (the copy's source Region).
    region: String,
    /// DescribeCopyJob, refreshing the job as listed.
    refresh: Refresh,
    scroll: Scroll,
}

impl CopyJobScreen {
    /// Shows `job` as listed at once; DescribeCopyJob then refreshes it.
    pub fn new(job: CopyJob, region: &str) -> Self {
        CopyJobScreen {
            job,
            region: region.to_string(),
            refresh: Refresh::default(),
            scroll: Scroll::default(),
        }
    }

    fn describe(&mut self, ctx: &mut Ctx) {
        let query = Query::DescribeCopyJob {
            region: self.region.clone(),
            job_id: self.job.id.to_string(),
        };
        self.refresh.start(ctx, query);
    }

    /// What the user can do next, or why not yet; first on the page, so it is never missed.
    fn headline(&self) -> Option<Field> {
        let job = &self.job;
        let message = job.status_message.as_deref();
        let (text, tone) = match job.state {
            CopyJobState::Failed => (
                format!(
                    "This copy failed: {}",
                    message.unwrap_or("AWS gave no reason.")
                ),
                Tone::Bad,
            ),
            CopyJobState::Partial => (
                format!(
                    "Only part of this copy was made: {}",
                    message.unwrap_or("some of its resources were not copied.")
                ),
                Tone::Warning,
            ),
            CopyJobState::Completed => match destination_point(job) {
                Some(_) => (
                    format!(
                        "Press enter to open the copy in {}; restores run there, where the \
                         copy is.",
                        arn_region(&job.destination_vault_arn)
                    ),
                    Tone::Good,
                ),
                None => (
                    "AWS has not reported the copy's recovery point yet: r reloads.".into(),
                    Tone::Muted,
                ),
            },
            CopyJobState::Created | CopyJobState::Running => return None,
        };
        Some(Field::Text { text, tone })
    }

    /// Every field, the headline and any refresh error first.
    pub fn fields(&self) -> Vec<Field> {
        let j = &self.job;
        let mut f: Vec<Field> = self.refresh.error_field().into_iter().collect();
        if let Some(headline) = self.headline() {
            f.push(headline);
        }
        if !f.is_empty() {
            f.push(Field::Blank);
        }
        f.extend([
            Field::toned("State", j.state.api_name(), copy_state_tone(j.state)),
            Field::pair("Status message", j.status_message.as_deref().unwrap_or("-")),
            Field::pair("Job ID", j.id.to_string()),
            Field::pair("Resource", j.resource_name.to_string()),
            Field::pair("Resource type", j.resource_type.to_string()),
            Field::pair("Resource ARN", j.resource_arn.to_string()),
            Field::pair("From vault", vault_location(&j.source_vault_arn)),
            Field::pair("Source point", j.source_recovery_point_arn.to_string()),
            Field::pair("To vault", vault_location(&j.destination_vault_arn)),
            Field::pair(
                "Copy's point",
                j.destination_recovery_point_arn.as_deref().unwrap_or("-"),
            ),
            Field::pair("Created", opt_date_time(Some(j.created))),
            Field::pair("Completed", opt_date_time(j.completed)),
            Field::pair("Backup size", opt_bytes(j.size_bytes)),
            Field::pair("IAM role", j.iam_role_arn.to_string()),
        ]);
        f
    }
}

/// The copy's recovery point as far as the job tells (the point's own screen then describes
/// it in the destination Region); `None` until AWS reports it.
fn destination_point(job: &CopyJob) -> Option<RecoveryPoint> {
    let arn = job.destination_recovery_point_arn.clone()?;
    Some(RecoveryPoint {
        arn,
        resource_arn: job.resource_arn.clone(),
        resource_name: job.resource_name.clone(),
        resource_type: job.resource_type.clone(),
        vault_name: arn_last_colon_segment(&job.destination_vault_arn).into(),
        vault_arn: job.destination_vault_arn.clone(),
        source_vault_arn: Some(job.source_vault_arn.clone()),
        status: RecoveryPointStatus::Completed,
        status_message: None,
        // A cross-Region copy is a snapshot, even of a continuous backup.
        kind: BackupKind::Snapshot,
        created: job.completed.unwrap_or(job.created),
        completed: job.completed,
        size_bytes: job.size_bytes,
        storage_class: StorageClass::Warm,
        // AWS Backup encrypts every copy with the destination vault's key.
        encrypted: true,
        encryption_key_arn: None,
        iam_role_arn: job.iam_role_arn.clone(),
        created_by: None,
        lifecycle: Lifecycle::default(),
        last_restore: None,
    })
}

impl Screen for CopyJobScreen {
    fn section(&self) -> Section {
        Section::Jobs(JobTab::Copy)
    }

    fn crumb(&self) -> String {
        format!("Copy job {}", self.job.id)
    }

    fn key_contexts(&self) -> &'static [KeyContext] {
        &[KeyContext::Detail]
    }

    fn hints(&self) -> &'static [Command] {
        &[Command::Refresh, Command::Down]
    }

    fn start(&mut self, ctx: &mut Ctx) {
        self.describe(ctx);
    }

    /// Enter opens a completed copy's recovery point in its own Region (the page says so).
    fn handle_key(&mut self, key: &KeyEvent, _ctx: &mut Ctx) -> Option<Nav> {
        if key.code != KeyCode::Enter || self.job.state != CopyJobState::Completed {
            return None;
        }
        let point = destination_point(&self.job)?;
        let region = arn_region(&self.job.destination_vault_arn);
        Some(Nav::Push(Box::new(RecoveryPointScreen::new(point, region))))
    }

    fn handle(&mut self, cmd: Command, ctx: &mut Ctx) -> Nav {
        match cmd {
            Command::Refresh => self.describe(ctx),
            other => scroll(&mut self.scroll, other),
        }
        Nav::Stay
    }

    fn pending(&self) -> Vec<RequestId> {
        self.refresh.pending().into_iter().collect()
    }

    fn on_loaded(&mut self, req: RequestId, data: Loaded, _done: bool) {
        if let Loaded::CopyJob(job) = data
            && self.refresh.answered(req)
        {
            self.job = *job;
        }
    }

    fn on_failed(&mut self, req: RequestId, error: BackendError) {
        self.refresh.failed(req, error);
    }

    fn render(&self, frame: &mut Frame, area: Rect, ui: &UiCtx) {
        let title = match self.refresh.pending() {
            Some(_) => format!("Copy job {} {}", ui.spinner, self.job.id),
            None => format!("Copy job {}", self.job.id),
        };
        fields::render(frame, area, &title, &self.fields(), &self.scroll, ui);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ResourceType;

    fn job(state: CopyJobState, destination_point: Option<&str>) -> CopyJob {
        let created = time::macros::datetime!(2026-11-20 10:00 UTC);
        CopyJob {
            id: "C0FFEE".into(),
            state,
            status_message: None,
            resource_arn: "arn:aws:s3:::acme-media".into(),
            resource_name: "acme-media".into(),
            resource_type: ResourceType::S3,
            source_recovery_point_arn: "arn:aws:backup:us-east-1:123456789012:recovery-point:src"
                .into(),
            source_vault_arn: "arn:aws:backup:us-east-1:123456789012:backup-vault:prod-daily"
                .into(),
            destination_vault_arn:
                "arn:aws:backup:ca-central-1:123456789012:backup-vault:dr-canada".into(),
            destination_recovery_point_arn: destination_point.map(Into::into),
            created,
            completed: Some(created + time::Duration::minutes(55)),
            size_bytes: Some(1024),
            iam_role_arn: "arn:aws:iam::123456789012:role/backup".into(),
        }
    }

    #[test]
    fn the_copys_point_lives_in_the_destination_vault() {
        let arn = "arn:aws:backup:ca-central-1:123456789012:recovery-point:copy";
        let point = destination_point(&job(CopyJobState::Completed, Some(arn))).unwrap();
        assert_eq!(&*point.arn, arn);
        assert_eq!(&*point.vault_name, "dr-canada");
        assert_eq!(arn_region(&point.vault_arn), "ca-central-1");
        assert_eq!(point.resource_type, ResourceType::S3);
        assert!(point.status.is_restorable());
        assert_eq!(destination_point(&job(CopyJobState::Completed, None)), None);
    }

    #[test]
    fn a_failure_is_the_first_thing_said() {
        let mut failed = job(CopyJobState::Failed, None);
        failed.status_message = Some("Cold storage recovery points cannot be copied".into());
        let screen = CopyJobScreen::new(failed, "us-east-1");
        assert_eq!(
            screen.fields()[0],
            Field::Text {
                text: "This copy failed: Cold storage recovery points cannot be copied".into(),
                tone: Tone::Bad,
            }
        );
        let running = CopyJobScreen::new(job(CopyJobState::Running, None), "us-east-1");
        assert!(matches!(
            running.fields()[0],
            Field::Pair { label: "State", .. }
        ));
    }
}
