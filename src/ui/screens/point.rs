//! One recovery point with every field, and what a troubled status means and how to fix it.

use super::detail::{Refresh, scroll};
use super::{DETAIL_HINTS, Nav, Screen};
use crate::action::{Command, Loaded, RequestId};
use crate::backend::{BackendError, ErrorKind};
use crate::domain::format::{bytes, days, opt_date_time};
use crate::domain::{BackupKind, RecoveryPoint};
use crate::effect::Query;
use crate::keymap::KeyContext;
use crate::listing::Tone;
use crate::palette::Section;
use crate::remote::Ctx;
use crate::ui::UiCtx;
use crate::ui::rows::point_status_tone;
use crate::ui::widgets::fields::{self, Field, Scroll};
use ratatui::Frame;
use ratatui::layout::Rect;

pub struct RecoveryPointScreen {
    rp: RecoveryPoint,
    region: String,
    /// DescribeRecoveryPoint, refreshing the point as listed.
    refresh: Refresh,
    scroll: Scroll,
    /// DescribeRecoveryPoint says it no longer exists (deleted): the page closes itself.
    gone: bool,
}

impl RecoveryPointScreen {
    /// Shows `rp` as listed at once; DescribeRecoveryPoint then refreshes it.
    pub fn new(rp: RecoveryPoint, region: &str) -> Self {
        RecoveryPointScreen {
            rp,
            region: region.to_string(),
            refresh: Refresh::default(),
            scroll: Scroll::default(),
            gone: false,
        }
    }

    fn describe(&mut self, ctx: &mut Ctx) {
        let query = Query::DescribeRecoveryPoint {
            region: self.region.clone(),
            vault: self.rp.vault_name.to_string(),
            arn: self.rp.arn.to_string(),
        };
        self.refresh.start(ctx, query);
    }

    /// Every field, in the console's order.
    pub fn fields(&self) -> Vec<Field> {
        let rp = &self.rp;
        let mut f = Vec::new();
        if let Some(error) = self.refresh.error_field() {
            f.extend([error, Field::Blank]);
        }
        f.push(Field::toned(
            "Status",
            rp.status.api_name(),
            point_status_tone(rp.status),
        ));
        if let Some(message) = &rp.status_message {
            f.push(Field::pair("Status message", message.to_string()));
        }
        f.push(Field::pair("Recovery point ARN", rp.arn.to_string()));
        f.push(Field::pair("Resource name", rp.resource_name.to_string()));
        f.push(Field::pair("Resource ARN", rp.resource_arn.to_string()));
        f.push(Field::pair("Resource type", rp.resource_type.to_string()));
        let kind = match rp.kind {
            BackupKind::Continuous => "Continuous (point-in-time restore)",
            BackupKind::Snapshot => "Snapshot",
        };
        f.push(Field::pair("Backup type", kind));
        f.push(Field::pair("Backup vault", rp.vault_name.to_string()));
        f.push(Field::pair("Vault ARN", rp.vault_arn.to_string()));
        if let Some(source) = &rp.source_vault_arn {
            f.push(Field::pair("Copied from vault", source.to_string()));
        }
        f.push(Field::pair("Created", opt_date_time(Some(rp.created))));
        f.push(Field::pair("Completed", opt_date_time(rp.completed)));
        f.push(Field::pair(
            "Backup size",
            rp.size_bytes.map(bytes).unwrap_or_else(|| "-".into()),
        ));
        f.push(Field::pair("Storage class", rp.storage_class.api_name()));
        f.push(Field::toned(
            "Encryption",
            rp.encryption_label(),
            if rp.encrypted {
                Tone::Normal
            } else {
                Tone::Warning
            },
        ));
        if let Some(key) = &rp.encryption_key_arn {
            f.push(Field::pair("Encryption key ARN", key.to_string()));
        }
        f.push(Field::pair("IAM role", rp.iam_role_arn.to_string()));
        f.push(Field::pair(
            "Created by",
            rp.created_by
                .as_ref()
                .map(|p| match &p.rule_name {
                    Some(rule) => format!("Backup plan {}, rule {rule}", p.plan_name),
                    None => format!("Backup plan {}", p.plan_name),
                })
                .unwrap_or_else(|| "On-demand backup".into()),
        ));
        let cold = rp
            .lifecycle
            .move_to_cold_storage_after_days
            .map(days)
            .unwrap_or_else(|| "Never".into());
        let delete = rp
            .lifecycle
            .delete_after_days
            .map(days)
            .unwrap_or_else(|| "Never".into());
        f.push(Field::pair("Move to cold after", cold));
        f.push(Field::pair("Delete after", delete));
        f.push(Field::pair(
            "Moves to cold on",
            opt_date_time(rp.move_to_cold_at()),
        ));
        f.push(Field::pair("Expires on", opt_date_time(rp.delete_at())));
        f.push(Field::pair("Last restored", opt_date_time(rp.last_restore)));
        if rp.resource_type == crate::domain::ResourceType::DynamoDB {
            let managed = if rp.managed_by_aws_backup() {
                "AWS Backup (advanced DynamoDB backup)"
            } else {
                "DynamoDB (the console cannot pick a restore KMS key)"
            };
            f.push(Field::pair("Backups managed by", managed));
        }
        let restorable = if rp.status.is_restorable() {
            "Yes".to_string()
        } else {
            format!("No: the status is {}", rp.status)
        };
        f.push(Field::toned(
            "Restorable",
            restorable,
            if rp.status.is_restorable() {
                Tone::Good
            } else {
                Tone::Warning
            },
        ));
        if let Some(help) = rp.status.help() {
            f.push(Field::Blank);
            f.push(Field::Heading("What this status means"));
            f.push(Field::Text {
                text: help.meaning.to_string(),
                tone: Tone::Normal,
            });
            f.push(Field::Blank);
            f.push(Field::Heading("What to do"));
            f.push(Field::Text {
                text: help.remedy.to_string(),
                tone: Tone::Normal,
            });
        }
        f
    }
}

impl Screen for RecoveryPointScreen {
    fn section(&self) -> Section {
        Section::Resources
    }

    fn crumb(&self) -> String {
        format!("Recovery point {}", self.rp.short_id())
    }

    fn key_contexts(&self) -> &'static [KeyContext] {
        &[KeyContext::Points, KeyContext::Detail]
    }

    fn hints(&self) -> &'static [Command] {
        DETAIL_HINTS
    }

    fn start(&mut self, ctx: &mut Ctx) {
        self.describe(ctx);
    }

    fn handle(&mut self, cmd: Command, ctx: &mut Ctx) -> Nav {
        match cmd {
            Command::Refresh => self.describe(ctx),
            Command::Restore => {
                return super::points::restore_or_explain(self.rp.clone(), &self.region, ctx);
            }
            Command::CopyPoint => {
                let section = self.section();
                return super::copy::copy_or_explain(self.rp.clone(), &self.region, section, ctx);
            }
            Command::BackupNow => {
                let resource = super::points::resource_of(&self.rp);
                return super::backup::open(resource, &self.region, ctx);
            }
            Command::DeletePoint => {
                let section = self.section();
                return super::delete::delete_one(self.rp.clone(), &self.region, section);
            }
            Command::RaiseWindow => {
                return super::plan_edit::raise_window(self.rp.clone(), &self.region, ctx);
            }
            other => scroll(&mut self.scroll, other),
        }
        Nav::Stay
    }

    fn pending(&self) -> Vec<RequestId> {
        self.refresh.pending().into_iter().collect()
    }

    fn on_loaded(&mut self, req: RequestId, data: Loaded, _done: bool) {
        if let Loaded::RecoveryPoint(rp) = data
            && self.refresh.answered(req)
        {
            self.rp = *rp;
        }
    }

    fn on_failed(&mut self, req: RequestId, error: BackendError) {
        if self.refresh.pending() == Some(req) && error.kind == ErrorKind::NotFound {
            self.gone = true;
        }
        self.refresh.failed(req, error);
    }

    fn take_nav(&mut self) -> Option<Nav> {
        self.gone.then_some(Nav::Pop)
    }

    fn changed_account(&self) -> bool {
        // The list under it still shows the point: it reloads when this page closes.
        self.gone
    }

    fn render(&self, frame: &mut Frame, area: Rect, ui: &UiCtx) {
        let title = if self.refresh.pending().is_some() {
            format!("Recovery point {} {}", ui.spinner, self.rp.short_id())
        } else {
            format!("Recovery point {}", self.rp.short_id())
        };
        fields::render(frame, area, &title, &self.fields(), &self.scroll, ui);
    }
}
