//! Backup plans and their rules (with copy rules), and the CreateBackupPlan request.

use super::copy::lifecycle_json;
use super::restore::shell_quote;
use super::{Lifecycle, Text};
use time::OffsetDateTime;

/// A backup plan as ListBackupPlans describes it (no rules: those come from GetBackupPlan).
#[derive(Debug, Clone, PartialEq)]
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

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> PlanRequest {
        PlanRequest {
            region: "us-east-1".into(),
            name: "daily-dr".into(),
            rules: vec![BackupRule {
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
}
