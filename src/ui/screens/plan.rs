//! One backup plan (GetBackupPlan): its version, its rules in words (schedule, window, vault,
//! lifecycle, continuous) and each rule's copies, with what AWS does differently for them;
//! `e` edits it, `n` creates another.

use super::detail::scroll;
use super::{Nav, Screen};
use crate::action::{Command, Loaded, RequestId};
use crate::backend::BackendError;
use crate::domain::cron;
use crate::domain::format::opt_date_time;
use crate::domain::plan::{
    BackupPlan, BackupRule, CONTINUOUS_COPY_NOTE, RDS_AURORA_WARNING,
    mixes_cross_region_and_cross_account,
};
use crate::effect::Query;
use crate::keymap::KeyContext;
use crate::listing::Tone;
use crate::palette::Section;
use crate::remote::Ctx;
use crate::ui::UiCtx;
use crate::ui::widgets::fields::{self, Field, Scroll};
use ratatui::Frame;
use ratatui::layout::Rect;

pub struct PlanScreen {
    plan: BackupPlan,
    region: String,
    account_id: String,
    /// `None` until GetBackupPlan answers.
    rules: Option<Vec<BackupRule>>,
    pending: Option<RequestId>,
    error: Option<BackendError>,
    scroll: Scroll,
}

impl PlanScreen {
    /// Shows `plan` as listed at once; its rules come with GetBackupPlan.
    pub fn new(plan: BackupPlan, region: &str, account_id: &str) -> Self {
        PlanScreen {
            plan,
            region: region.to_string(),
            account_id: account_id.to_string(),
            rules: None,
            pending: None,
            error: None,
            scroll: Scroll::default(),
        }
    }

    fn load(&mut self, ctx: &mut Ctx) {
        if let Some(req) = self.pending.take() {
            ctx.cancel(req);
        }
        self.error = None;
        self.pending = Some(ctx.load(Query::BackupPlan {
            region: self.region.clone(),
            plan_id: self.plan.id.to_string(),
        }));
    }

    pub fn fields(&self) -> Vec<Field> {
        let p = &self.plan;
        let mut f = vec![
            Field::pair("Plan name", p.name.to_string()),
            Field::pair("Plan ID", p.id.to_string()),
            Field::pair("Plan ARN", p.arn.to_string()),
            Field::pair("Version ID", p.version_id.to_string()),
            Field::pair("Created", opt_date_time(Some(p.created))),
            Field::pair("Last run", opt_date_time(p.last_execution)),
            Field::Blank,
        ];
        if let Some(error) = &self.error {
            f.push(Field::Text {
                text: format!(
                    "Could not load the rules: {} {} Press r to retry.",
                    error.headline(),
                    error.advice()
                ),
                tone: Tone::Bad,
            });
            return f;
        }
        let Some(rules) = &self.rules else {
            f.push(Field::Text {
                text: "Loading the rules...".into(),
                tone: Tone::Muted,
            });
            return f;
        };
        if mixes_cross_region_and_cross_account(&self.region, &self.account_id, rules) {
            f.push(Field::Text {
                text: RDS_AURORA_WARNING.into(),
                tone: Tone::Warning,
            });
            f.push(Field::Blank);
        }
        if rules.is_empty() {
            f.push(Field::Text {
                text: "This plan has no rules.".into(),
                tone: Tone::Muted,
            });
        }
        for rule in rules {
            f.extend(self.rule_fields(rule));
        }
        f
    }

    fn rule_fields(&self, rule: &BackupRule) -> Vec<Field> {
        let mut f = vec![
            Field::Heading("Backup rule"),
            Field::pair("Rule name", rule.name.clone()),
            Field::pair("Schedule", cron::describe(&rule.schedule)),
            Field::pair("Cron expression", rule.schedule.clone()),
            Field::pair("Backup window", rule.window_summary()),
            Field::pair("Backup vault", rule.target_vault.clone()),
            Field::pair("Retention", rule.lifecycle.summary()),
            Field::pair(
                "Continuous backup",
                if rule.continuous {
                    "On (point-in-time restore for S3, RDS, Aurora, SAP HANA)"
                } else {
                    "Off"
                },
            ),
        ];
        if rule.copy_actions.is_empty() {
            f.push(Field::pair("Copies", "None"));
        }
        for copy in &rule.copy_actions {
            f.push(Field::pair(
                "Copy to",
                copy.destination_label(&self.account_id),
            ));
            f.push(Field::pair("Copy retention", copy.lifecycle.summary()));
        }
        if rule.continuous && !rule.copy_actions.is_empty() {
            f.push(Field::Text {
                text: CONTINUOUS_COPY_NOTE.into(),
                tone: Tone::Warning,
            });
        }
        f.push(Field::Blank);
        f
    }
}

impl Screen for PlanScreen {
    fn section(&self) -> Section {
        Section::Plans
    }

    fn crumb(&self) -> String {
        self.plan.name.to_string()
    }

    fn key_contexts(&self) -> &'static [KeyContext] {
        &[KeyContext::Detail, KeyContext::Plans]
    }

    fn hints(&self) -> &'static [Command] {
        &[Command::Down, Command::Edit, Command::Refresh]
    }

    fn start(&mut self, ctx: &mut Ctx) {
        self.load(ctx);
    }

    fn handle(&mut self, cmd: Command, ctx: &mut Ctx) -> Nav {
        match cmd {
            Command::Refresh => self.load(ctx),
            Command::Edit => return super::plan_edit::edit(&self.plan, &self.region, ctx),
            Command::Create => return super::plans::create(&self.region, ctx),
            cmd => scroll(&mut self.scroll, cmd),
        }
        Nav::Stay
    }

    fn pending(&self) -> Vec<RequestId> {
        self.pending.into_iter().collect()
    }

    fn on_loaded(&mut self, req: RequestId, data: Loaded, _done: bool) {
        if self.pending != Some(req) {
            return;
        }
        self.pending = None;
        if let Loaded::Plan(details) = data {
            self.plan = details.plan;
            self.rules = Some(details.rules);
        }
    }

    fn on_failed(&mut self, req: RequestId, error: BackendError) {
        if self.pending == Some(req) {
            self.pending = None;
            self.error = Some(error);
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, ui: &UiCtx) {
        let title = format!("Backup plan {}", self.plan.name);
        fields::render(frame, area, &title, &self.fields(), &self.scroll, ui);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::mock::demo_session;
    use crate::domain::Lifecycle;
    use crate::domain::plan::{CopyAction, PlanDetails};
    use time::macros::datetime;

    fn plan() -> BackupPlan {
        BackupPlan {
            id: "plan-1".into(),
            arn: "arn:aws:backup:us-east-1:123456789012:backup-plan:plan-1".into(),
            name: "mixed".into(),
            version_id: "v1".into(),
            created: datetime!(2026-01-01 00:00 UTC),
            last_execution: None,
        }
    }

    fn copy_to(arn: &str) -> CopyAction {
        CopyAction {
            destination_vault_arn: arn.into(),
            lifecycle: Lifecycle::default(),
        }
    }

    /// The screen after GetBackupPlan answered with `rules`.
    fn loaded(rules: Vec<BackupRule>) -> PlanScreen {
        let session = demo_session("test");
        let (mut next_req, mut effects) = (0, Vec::new());
        let mut ctx = Ctx::new("us-east-1", &session, &mut next_req, &mut effects);
        let mut screen = PlanScreen::new(plan(), "us-east-1", &session.account_id);
        screen.start(&mut ctx);
        let req = screen
            .pending()
            .first()
            .copied()
            .expect("GetBackupPlan asked");
        let details = PlanDetails {
            plan: plan(),
            rules,
        };
        screen.on_loaded(req, Loaded::Plan(Box::new(details)), true);
        screen
    }

    fn texts(screen: &PlanScreen) -> Vec<String> {
        screen
            .fields()
            .into_iter()
            .filter_map(|f| match f {
                Field::Text { text, .. } => Some(text),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn copies_both_cross_region_and_cross_account_warn_about_rds_and_aurora() {
        let rule = BackupRule {
            name: "daily".into(),
            copy_actions: vec![
                copy_to("arn:aws:backup:us-west-2:123456789012:backup-vault:dr-west"),
                copy_to("arn:aws:backup:us-east-1:999988887777:backup-vault:central"),
            ],
            ..BackupRule::default()
        };
        let screen = loaded(vec![rule]);
        assert!(texts(&screen).contains(&RDS_AURORA_WARNING.to_string()));
        let copies: Vec<String> = screen
            .fields()
            .into_iter()
            .filter_map(|f| match f {
                Field::Pair {
                    label: "Copy to",
                    value,
                    ..
                } => Some(value),
                _ => None,
            })
            .collect();
        assert_eq!(
            copies,
            [
                "us-west-2/dr-west",
                "us-east-1/central (account 999988887777)"
            ]
        );
    }

    #[test]
    fn a_continuous_rule_with_copies_says_they_are_snapshots() {
        let rule = |continuous| BackupRule {
            name: "pitr".into(),
            continuous,
            copy_actions: vec![copy_to(
                "arn:aws:backup:us-west-2:123456789012:backup-vault:dr-west",
            )],
            ..BackupRule::default()
        };
        assert!(texts(&loaded(vec![rule(true)])).contains(&CONTINUOUS_COPY_NOTE.to_string()));
        let snapshot_rule = texts(&loaded(vec![rule(false)]));
        assert!(!snapshot_rule.contains(&CONTINUOUS_COPY_NOTE.to_string()));
        assert!(!snapshot_rule.contains(&RDS_AURORA_WARNING.to_string()));
    }
}
