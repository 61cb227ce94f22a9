//! Tests of backup plan requests and the rules the wizards check.

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
                destination_vault_arn: "arn:aws:backup:eu-central-1:111122223333:backup-vault:dr"
                    .into(),
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
