//! Backup plans and their rules (with copy rules), the CreateBackupPlan and UpdateBackupPlan
//! requests, and the rules the plan wizard checks before sending them.

use super::copy::lifecycle_json;
use super::restore::shell_quote;
use super::{Lifecycle, Text};
use time::OffsetDateTime;

/// A backup plan as ListBackupPlans describes it (no rules: those come from GetBackupPlan).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupPlan {
    pub id: Text,
    pub arn: Text,
    pub name: Text,
    pub version_id: Text,
    pub created: OffsetDateTime,
    pub last_execution: Option<OffsetDateTime>,
}

/// A plan with its rules (GetBackupPlan).
#[derive(Debug, Clone, PartialEq)]
pub struct PlanDetails {
    pub plan: BackupPlan,
    pub rules: Vec<BackupRule>,
}

/// One backup rule: when to back up, where to, how long to keep, and where to copy.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BackupRule {
    /// AWS's RuleId (GetBackupPlan); `None` for a rule not yet created. Never sent: AWS
    /// matches the rules of UpdateBackupPlan by name.
    pub id: Option<String>,
    pub name: String,
    pub target_vault: String,
    /// A cron expression in UTC, e.g. `cron(0 5 ? * * *)`.
    pub schedule: String,
    /// Minutes after the scheduled time before a job that has not started is cancelled;
    /// `None` uses AWS's default (8 hours).
    pub start_window_minutes: Option<i64>,
    /// Minutes a started job may run; `None` uses AWS's default (7 days).
    pub completion_window_minutes: Option<i64>,
    pub lifecycle: Lifecycle,
    /// Continuous backup (point-in-time restore) for the types that support it.
    pub continuous: bool,
    pub copy_actions: Vec<CopyAction>,
}

/// A copy rule: after each backup, copy the recovery point to this vault (any Region).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CopyAction {
    pub destination_vault_arn: String,
    pub lifecycle: Lifecycle,
}

/// Exactly what the create-plan wizard sends with CreateBackupPlan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRequest {
    pub region: String,
    pub name: String,
    pub rules: Vec<BackupRule>,
    /// Makes a retried submission idempotent (AWS answers with the plan it already made).
    pub creator_request_id: String,
}

impl PlanRequest {
    /// The `BackupPlan` member of the body, as the CLI's `--backup-plan` takes it.
    pub fn plan_json(&self) -> serde_json::Value {
        let rules: Vec<serde_json::Value> = self.rules.iter().map(rule_json).collect();
        let mut plan = serde_json::Map::new();
        plan.insert("BackupPlanName".into(), self.name.clone().into());
        plan.insert("Rules".into(), rules.into());
        serde_json::Value::Object(plan)
    }

    /// The CreateBackupPlan body (`PUT /backup/plans/`), pretty-printed, members in API order.
    pub fn api_json(&self) -> String {
        let mut body = serde_json::Map::new();
        body.insert("BackupPlan".into(), self.plan_json());
        body.insert(
            "CreatorRequestId".into(),
            self.creator_request_id.clone().into(),
        );
        serde_json::to_string_pretty(&serde_json::Value::Object(body)).unwrap_or_default()
    }

    /// The same request as an `aws backup create-backup-plan` command line.
    pub fn cli_command(&self) -> String {
        let plan = serde_json::to_string(&self.plan_json()).unwrap_or_default();
        [
            "aws backup create-backup-plan".to_string(),
            format!("--region {}", shell_quote(&self.region)),
            format!("--backup-plan {}", shell_quote(&plan)),
            format!(
                "--creator-request-id {}",
                shell_quote(&self.creator_request_id)
            ),
        ]
        .join(" \\\n  ")
    }
}

/// Exactly what editing a plan sends with UpdateBackupPlan: the whole plan, every rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanUpdateRequest {
    pub region: String,
    pub plan_id: String,
    pub name: String,
    pub rules: Vec<BackupRule>,
}

impl PlanUpdateRequest {
    fn plan(&self) -> PlanRequest {
        PlanRequest {
            region: self.region.clone(),
            name: self.name.clone(),
            rules: self.rules.clone(),
            creator_request_id: String::new(),
        }
    }

    /// The UpdateBackupPlan body (`POST /backup/plans/{id}`; the id travels in the path,
    /// shown here as `BackupPlanId`), pretty-printed, members in API order.
    pub fn api_json(&self) -> String {
        let mut body = serde_json::Map::new();
        body.insert("BackupPlanId".into(), self.plan_id.clone().into());
        body.insert("BackupPlan".into(), self.plan().plan_json());
        serde_json::to_string_pretty(&serde_json::Value::Object(body)).unwrap_or_default()
    }

    /// The same request as an `aws backup update-backup-plan` command line.
    pub fn cli_command(&self) -> String {
        let plan = serde_json::to_string(&self.plan().plan_json()).unwrap_or_default();
        [
            "aws backup update-backup-plan".to_string(),
            format!("--region {}", shell_quote(&self.region)),
            format!("--backup-plan-id {}", shell_quote(&self.plan_id)),
            format!("--backup-plan {}", shell_quote(&plan)),
        ]
        .join(" \\\n  ")
    }
}

fn rule_json(rule: &BackupRule) -> serde_json::Value {
    let mut map = serde_json::Map::new();
    map.insert("RuleName".into(), rule.name.clone().into());
    map.insert(
        "TargetBackupVaultName".into(),
        rule.target_vault.clone().into(),
    );
    map.insert("ScheduleExpression".into(), rule.schedule.clone().into());
    if let Some(minutes) = rule.start_window_minutes {
        map.insert("StartWindowMinutes".into(), minutes.into());
    }
    if let Some(minutes) = rule.completion_window_minutes {
        map.insert("CompletionWindowMinutes".into(), minutes.into());
    }
    if rule.lifecycle != Lifecycle::default() {
        map.insert("Lifecycle".into(), lifecycle_json(&rule.lifecycle));
    }
    if rule.continuous {
        map.insert("EnableContinuousBackup".into(), true.into());
    }
    if !rule.copy_actions.is_empty() {
        let copies: Vec<serde_json::Value> = rule
            .copy_actions
            .iter()
            .map(|copy| {
                let mut c = serde_json::Map::new();
                c.insert(
                    "DestinationBackupVaultArn".into(),
                    copy.destination_vault_arn.clone().into(),
                );
                if copy.lifecycle != Lifecycle::default() {
                    c.insert("Lifecycle".into(), lifecycle_json(&copy.lifecycle));
                }
                serde_json::Value::Object(c)
            })
            .collect();
        map.insert("CopyActions".into(), copies.into());
    }
    serde_json::Value::Object(map)
}

// ---------------------------------------------------------------------------------------------
// Rules of CreateBackupPlan the wizard checks before sending (aws-api.md section 3).

/// AWS's window when a rule sends none: start within 8 hours, complete within 7 days.
pub const DEFAULT_START_WINDOW_MINUTES: i64 = 480;
pub const DEFAULT_COMPLETION_WINDOW_MINUTES: i64 = 10_080;
/// StartWindowMinutes: "if included, must be at least 60 minutes", at most 100 years.
pub const MIN_START_WINDOW_MINUTES: i64 = 60;
pub const MAX_WINDOW_MINUTES: i64 = 52_560_000;
/// Continuous backups (point-in-time restore) are kept 1 to 35 days.
pub const MAX_CONTINUOUS_DAYS: i64 = 35;

/// Plan and rule names: 1 to 50 letters, digits, `-`, `_` and `.`. `what` is `plan` or
/// `rule`, `what_cap` the same capitalised.
fn name(what: &str, what_cap: &str, name: &str) -> Result<(), String> {
    let len = name.chars().count();
    if len == 0 {
        return Err(format!("Enter a {what} name."));
    }
    if len > 50 {
        return Err(format!(
            "{what_cap} names are 1 to 50 characters ({len} given)."
        ));
    }
    if let Some(c) = name
        .chars()
        .find(|&c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
    {
        let shown = if c == ' ' {
            "a space".to_string()
        } else {
            format!("`{c}`")
        };
        return Err(format!(
            "{what_cap} names use only letters, digits, -, _ and . (not {shown})."
        ));
    }
    Ok(())
}

/// BackupPlanName: "1 to 50 alphanumeric or '-_.' characters".
pub fn plan_name(text: &str) -> Result<(), String> {
    name("plan", "Plan", text)
}

/// RuleName: `^[a-zA-Z0-9\-\_\.]{1,50}$`.
pub fn rule_name(text: &str) -> Result<(), String> {
    name("rule", "Rule", text)
}

/// A plan name not used by another plan of `region` (`existing`: the Region's plan names).
/// `own` is the name of the plan being edited, which is its own and not taken.
pub fn unique_plan_name(
    name: &str,
    region: &str,
    existing: &[String],
    own: Option<&str>,
) -> Result<(), String> {
    if own == Some(name) {
        return Ok(());
    }
    super::validate::not_in(name, existing, &format!("In {region}, a backup plan named"))
}

/// Whether `after` asks for exactly the plan `before` already is: same rules in the same order,
/// ignoring RuleIds (never sent) and whether AWS's default window is spelt out. Sending it would
/// only make a new version for nothing.
pub fn rules_unchanged(before: &[BackupRule], after: &[BackupRule]) -> bool {
    let normal = |rule: &BackupRule| BackupRule {
        id: None,
        start_window_minutes: Some(rule.start_minutes()),
        completion_window_minutes: Some(rule.completion_minutes()),
        ..rule.clone()
    };
    before.len() == after.len()
        && before
            .iter()
            .zip(after)
            .all(|(b, a)| normal(b) == normal(a))
}

/// A custom start window: "if included, must be at least 60 minutes", at most 100 years.
pub fn start_window(start: i64) -> Result<(), String> {
    if start < MIN_START_WINDOW_MINUTES {
        return Err(format!(
            "Start within at least {MIN_START_WINDOW_MINUTES} minutes ({start} given)."
        ));
    }
    if start > MAX_WINDOW_MINUTES {
        return Err(format!(
            "Start within at most {MAX_WINDOW_MINUTES} minutes (100 years)."
        ));
    }
    Ok(())
}

/// A custom backup window: a valid start window, and a completion window longer than it (a
/// job must have time to run once it starts).
pub fn backup_window(start: i64, completion: i64) -> Result<(), String> {
    start_window(start)?;
    if completion <= start {
        return Err(format!(
            "The completion window must be longer than the start window ({start} minutes)."
        ));
    }
    if completion > MAX_WINDOW_MINUTES {
        return Err(format!(
            "Complete within at most {MAX_WINDOW_MINUTES} minutes (100 years)."
        ));
    }
    Ok(())
}

/// A continuous rule keeps its backups 1 to 35 days and never moves them to cold storage.
pub fn continuous_lifecycle(lifecycle: &Lifecycle) -> Result<(), String> {
    if lifecycle.move_to_cold_storage_after_days.is_some() {
        return Err("Continuous backups cannot move to cold storage: leave it empty.".into());
    }
    match lifecycle.delete_after_days {
        Some(1..=MAX_CONTINUOUS_DAYS) => Ok(()),
        _ => Err(format!(
            "Continuous backups are kept 1 to {MAX_CONTINUOUS_DAYS} days: set the expiry."
        )),
    }
}

/// `90 minutes`, `8 hours`, `7 days`: the largest whole unit.
pub fn minutes_label(minutes: i64) -> String {
    let unit = |n: i64, one: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {one}s")
        }
    };
    match minutes {
        m if m >= 1440 && m % 1440 == 0 => unit(m / 1440, "day"),
        m if m >= 60 && m % 60 == 0 => unit(m / 60, "hour"),
        m => unit(m, "minute"),
    }
}

impl BackupRule {
    /// Minutes a job may wait to start (AWS's default when the rule sends none).
    pub fn start_minutes(&self) -> i64 {
        self.start_window_minutes
            .unwrap_or(DEFAULT_START_WINDOW_MINUTES)
    }

    /// Minutes a started job may run (AWS's default when the rule sends none).
    pub fn completion_minutes(&self) -> i64 {
        self.completion_window_minutes
            .unwrap_or(DEFAULT_COMPLETION_WINDOW_MINUTES)
    }

    /// `Start within 8 hours, complete within 7 days`; `(AWS defaults)` when none was sent.
    pub fn window_summary(&self) -> String {
        let start = self.start_minutes();
        let completion = self.completion_minutes();
        let defaults =
            if self.start_window_minutes.is_none() && self.completion_window_minutes.is_none() {
                " (AWS defaults)"
            } else {
                ""
            };
        format!(
            "Start within {}, complete within {}{defaults}",
            minutes_label(start),
            minutes_label(completion)
        )
    }
}

impl CopyAction {
    /// `eu-central-1/dr-frankfurt`, with the account when it is another one.
    pub fn destination_label(&self, account_id: &str) -> String {
        let parts: Vec<&str> = self.destination_vault_arn.split(':').collect();
        match parts[..] {
            [_, _, _, region, account, _, name] if account == account_id => {
                format!("{region}/{name}")
            }
            [_, _, _, region, account, _, name] => format!("{region}/{name} (account {account})"),
            _ => self.destination_vault_arn.clone(),
        }
    }
}

/// The RDS/Aurora limit (cross-account or cross-Region copies in one plan, not both).
pub const RDS_AURORA_WARNING: &str = "RDS and Aurora support cross-Region or cross-account \
     copies in one backup plan, not both: keep RDS and Aurora out of this plan, or put the two \
     kinds of copy in separate plans.";

/// Why copies of a continuous rule are not continuous.
pub const CONTINUOUS_COPY_NOTE: &str = "Copies of a continuous backup are snapshots: \
     point-in-time restore stays with the source.";

/// Whether the plan copies both to another Region and to another account's vault: RDS and
/// Aurora support one or the other in a plan, not both.
pub fn mixes_cross_region_and_cross_account(
    region: &str,
    account_id: &str,
    rules: &[BackupRule],
) -> bool {
    let copies = || rules.iter().flat_map(|r| r.copy_actions.iter());
    let part = |arn: &str, i: usize| arn.split(':').nth(i).unwrap_or_default().to_string();
    let cross_region = copies().any(|c| part(&c.destination_vault_arn, 3) != region);
    let cross_account = copies().any(|c| part(&c.destination_vault_arn, 4) != account_id);
    cross_region && cross_account
}

#[cfg(test)]
mod tests;
