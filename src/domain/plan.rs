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
mod tests {
    use super::*;

    fn request() -> PlanRequest {
        PlanRequest {
            region: "us-east-1".into(),
            name: "daily-dr".into(),
            rules: vec![BackupRule {
                id: None,
                name: "daily".into(),
                target_vault: "Default".into(),
                schedule: "cron(0 5 ? * * *)".into(),
                start_window_minutes: Some(60),
                completion_window_minutes: Some(120),
                lifecycle: Lifecycle {
                    move_to_cold_storage_after_days: None,
                    delete_after_days: Some(35),
                },
                continuous: false,
                copy_actions: vec![CopyAction {
                    destination_vault_arn:
                        "arn:aws:backup:eu-central-1:111122223333:backup-vault:dr".into(),
                    lifecycle: Lifecycle::default(),
                }],
            }],
            creator_request_id: "backup-tui-1".into(),
        }
    }

    #[test]
    fn body_nests_rules_and_copy_actions_as_the_api_does() {
        let body: serde_json::Value = serde_json::from_str(&request().api_json()).unwrap();
        let rule = &body["BackupPlan"]["Rules"][0];
        assert_eq!(body["BackupPlan"]["BackupPlanName"], "daily-dr");
        assert_eq!(body["CreatorRequestId"], "backup-tui-1");
        assert_eq!(rule["RuleName"], "daily");
        assert_eq!(rule["TargetBackupVaultName"], "Default");
        assert_eq!(rule["ScheduleExpression"], "cron(0 5 ? * * *)");
        assert_eq!(rule["StartWindowMinutes"], 60);
        assert_eq!(rule["CompletionWindowMinutes"], 120);
        assert_eq!(rule["Lifecycle"]["DeleteAfterDays"], 35);
        assert!(rule.get("EnableContinuousBackup").is_none());
        let copy = &rule["CopyActions"][0];
        assert_eq!(
            copy["DestinationBackupVaultArn"],
            "arn:aws:backup:eu-central-1:111122223333:backup-vault:dr"
        );
        assert!(
            copy.get("Lifecycle").is_none(),
            "an empty lifecycle is left out"
        );
    }

    #[test]
    fn cli_command_carries_the_plan_as_one_json_argument() {
        let cli = request().cli_command();
        assert!(cli.starts_with("aws backup create-backup-plan"));
        assert!(cli.contains("--region us-east-1"));
        assert!(
            cli.contains("--backup-plan '{\"BackupPlanName\":\"daily-dr\""),
            "{cli}"
        );
        assert!(cli.contains("--creator-request-id backup-tui-1"));
    }

    fn update() -> PlanUpdateRequest {
        PlanUpdateRequest {
            region: "us-east-1".into(),
            plan_id: "8f2c-plan".into(),
            name: "daily-dr".into(),
            rules: request().rules,
        }
    }

    #[test]
    fn the_update_body_names_the_plan_and_carries_every_rule_without_its_id() {
        let mut req = update();
        req.rules[0].id = Some("rule-1".into());
        let body: serde_json::Value = serde_json::from_str(&req.api_json()).unwrap();
        let members: Vec<&String> = body.as_object().unwrap().keys().collect();
        assert_eq!(members, ["BackupPlanId", "BackupPlan"]);
        assert_eq!(body["BackupPlanId"], "8f2c-plan");
        assert_eq!(body["BackupPlan"]["BackupPlanName"], "daily-dr");
        let rules = body["BackupPlan"]["Rules"].as_array().unwrap();
        assert_eq!(rules.len(), 1);
        let rule = &rules[0];
        assert_eq!(rule["RuleName"], "daily");
        assert_eq!(rule["TargetBackupVaultName"], "Default");
        assert_eq!(rule["ScheduleExpression"], "cron(0 5 ? * * *)");
        assert_eq!(rule["StartWindowMinutes"], 60);
        assert_eq!(rule["CompletionWindowMinutes"], 120);
        assert_eq!(rule["Lifecycle"]["DeleteAfterDays"], 35);
        assert!(rule.get("RuleId").is_none(), "AWS matches rules by name");
        assert_eq!(
            rule["CopyActions"][0]["DestinationBackupVaultArn"],
            "arn:aws:backup:eu-central-1:111122223333:backup-vault:dr"
        );
        assert!(body.get("CreatorRequestId").is_none());
    }

    #[test]
    fn the_update_command_names_the_plan_id_and_the_whole_plan() {
        let cli = update().cli_command();
        let lines: Vec<&str> = cli.lines().collect();
        assert_eq!(lines[0], "aws backup update-backup-plan \\");
        assert_eq!(lines[1], "  --region us-east-1 \\");
        assert_eq!(lines[2], "  --backup-plan-id 8f2c-plan \\");
        assert!(
            lines[3].starts_with("  --backup-plan '{\"BackupPlanName\":\"daily-dr\",\"Rules\":[{"),
            "{cli}"
        );
        assert_eq!(lines.len(), 4);
    }

    #[test]
    fn the_plans_own_name_is_not_taken() {
        let names = vec!["daily-dr".to_string(), "prod-dr".to_string()];
        let check = |name, own| unique_plan_name(name, "us-east-1", &names, own);
        assert_eq!(check("daily-dr", Some("daily-dr")), Ok(()));
        assert_eq!(check("new-plan", None), Ok(()));
        assert_eq!(
            check("daily-dr", None),
            Err("In us-east-1, a backup plan named daily-dr already exists.".into())
        );
        assert_eq!(
            check("prod-dr", Some("daily-dr")),
            Err("In us-east-1, a backup plan named prod-dr already exists.".into())
        );
    }

    #[test]
    fn rules_are_unchanged_unless_something_sent_differs() {
        let before = request().rules;
        let mut same = before.clone();
        same[0].id = Some("rule-1".into());
        assert!(rules_unchanged(&before, &same), "RuleIds are never sent");
        let defaults = [BackupRule::default()];
        let spelt_out = [BackupRule {
            start_window_minutes: Some(DEFAULT_START_WINDOW_MINUTES),
            completion_window_minutes: Some(DEFAULT_COMPLETION_WINDOW_MINUTES),
            ..BackupRule::default()
        }];
        assert!(rules_unchanged(&defaults, &spelt_out));
        let mut longer = before.clone();
        longer[0].completion_window_minutes = Some(240);
        assert!(!rules_unchanged(&before, &longer));
        let mut more = before.clone();
        more.push(BackupRule::default());
        assert!(!rules_unchanged(&before, &more));
    }

    #[test]
    fn plan_and_rule_names_say_what_is_allowed() {
        assert_eq!(plan_name("daily-dr_v1.2"), Ok(()));
        assert_eq!(plan_name(""), Err("Enter a plan name.".into()));
        assert_eq!(
            plan_name(&"p".repeat(51)),
            Err("Plan names are 1 to 50 characters (51 given).".into())
        );
        assert_eq!(
            plan_name("daily dr"),
            Err("Plan names use only letters, digits, -, _ and . (not a space).".into())
        );
        assert_eq!(rule_name(""), Err("Enter a rule name.".into()));
        assert_eq!(
            rule_name("daily/eu"),
            Err("Rule names use only letters, digits, -, _ and . (not `/`).".into())
        );
        assert_eq!(rule_name(&"r".repeat(50)), Ok(()));
    }

    #[test]
    fn a_custom_window_starts_within_an_hour_or_more_and_completes_after_it() {
        assert_eq!(backup_window(60, 120), Ok(()));
        assert_eq!(
            backup_window(59, 120),
            Err("Start within at least 60 minutes (59 given).".into())
        );
        assert_eq!(
            backup_window(52_560_001, 52_560_002),
            Err("Start within at most 52560000 minutes (100 years).".into())
        );
        assert_eq!(
            backup_window(480, 480),
            Err("The completion window must be longer than the start window (480 minutes).".into())
        );
    }

    #[test]
    fn continuous_rules_keep_1_to_35_days_without_cold_storage() {
        let l = |c, d| Lifecycle {
            move_to_cold_storage_after_days: c,
            delete_after_days: d,
        };
        assert_eq!(continuous_lifecycle(&l(None, Some(35))), Ok(()));
        assert_eq!(
            continuous_lifecycle(&l(None, Some(36))),
            Err("Continuous backups are kept 1 to 35 days: set the expiry.".into())
        );
        assert!(continuous_lifecycle(&l(None, None)).is_err());
        assert_eq!(
            continuous_lifecycle(&l(Some(7), Some(30))),
            Err("Continuous backups cannot move to cold storage: leave it empty.".into())
        );
    }

    #[test]
    fn windows_read_in_the_largest_whole_unit() {
        let rule = BackupRule::default();
        assert_eq!(
            rule.window_summary(),
            "Start within 8 hours, complete within 7 days (AWS defaults)"
        );
        let custom = BackupRule {
            start_window_minutes: Some(90),
            completion_window_minutes: Some(1440),
            ..BackupRule::default()
        };
        assert_eq!(
            custom.window_summary(),
            "Start within 90 minutes, complete within 1 day"
        );
    }

    #[test]
    fn copies_both_cross_region_and_cross_account_are_flagged() {
        let copy = |arn: &str| CopyAction {
            destination_vault_arn: arn.into(),
            lifecycle: Lifecycle::default(),
        };
        let rule = |copies: Vec<CopyAction>| BackupRule {
            copy_actions: copies,
            ..BackupRule::default()
        };
        let other_region = copy("arn:aws:backup:eu-central-1:123456789012:backup-vault:dr");
        let other_account = copy("arn:aws:backup:us-east-1:999988887777:backup-vault:central");
        let mixes = |rules: &[BackupRule]| {
            mixes_cross_region_and_cross_account("us-east-1", "123456789012", rules)
        };
        assert!(!mixes(&[rule(vec![other_region.clone()])]));
        assert!(!mixes(&[rule(vec![other_account.clone()])]));
        assert!(mixes(&[
            rule(vec![other_region.clone()]),
            rule(vec![other_account.clone()])
        ]));
        assert_eq!(
            other_region.destination_label("123456789012"),
            "eu-central-1/dr"
        );
        assert_eq!(
            other_account.destination_label("123456789012"),
            "us-east-1/central (account 999988887777)"
        );
    }
}
