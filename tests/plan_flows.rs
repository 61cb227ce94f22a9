//! Backup plan flows through the harness at 80x24: the plans list, a plan's rules, and the
//! create-plan wizard from the plan's name to the new plan in the list.

mod harness;

use backup_tui::domain::WriteRequest;
use backup_tui::domain::plan::PlanRequest;
use backup_tui::effect::Effect;
use harness::Harness;

/// The plans of us-east-1, loaded.
fn plans() -> Harness {
    let mut h = Harness::new();
    h.settle()
        .press(":")
        .type_text("plans")
        .press("enter")
        .settle();
    h
}

/// The create-plan wizard, with the plan names and the home vaults loaded.
fn wizard() -> Harness {
    let mut h = plans();
    h.press("n").settle();
    h.assert_shows("Create backup plan in us-east-1");
    h
}

/// Picks `choice` in the open pick list by typing it.
fn pick(h: &mut Harness, choice: &str) {
    h.press("enter").type_text(choice).press("enter").settle();
}

/// Plan `daily-eu-copy`, rule `daily` (daily, default window) into `Default`: on its Copy step.
fn daily_rule(h: &mut Harness) {
    h.type_text("daily-eu-copy").press("enter");
    h.assert_shows("Backup rule 1 of 1");
    h.type_text("daily");
    for _ in 0..4 {
        h.press("down");
    }
    pick(h, "Default");
    h.press("enter");
    h.assert_shows("Copies of rule daily");
}

/// Adds a copy rule to eu-central-1's vault `eu-prod` (on the Copy step).
fn copy_to_eu_prod(h: &mut Harness) {
    h.press("enter"); // Add a copy rule
    pick(h, "eu-central-1");
    h.press("down").press("down");
    pick(h, "eu-prod");
}

/// Scrolls the review down until `text` shows.
fn scroll_to(h: &mut Harness, text: &str) {
    for _ in 0..100 {
        if h.screen().contains(text) {
            return;
        }
        h.press("j");
    }
    h.assert_shows(text);
}

/// Every CreateBackupPlan the app sent.
fn plans_sent(h: &Harness) -> Vec<PlanRequest> {
    h.effects
        .iter()
        .filter_map(|e| match e {
            Effect::Submit { request, .. } => match request.as_ref() {
                WriteRequest::CreatePlan(p) => Some(p.clone()),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

#[test]
fn the_plans_list_and_a_plans_rules() {
    let mut h = plans();
    h.assert_shows("Backup plans in us-east-1 (3)")
        .assert_shows("prod-dr")
        .assert_shows("n new");
    insta::assert_snapshot!("plans_list_80x24", h.screen());
    h.press("/")
        .type_text("prod-dr")
        .press("enter")
        .press("enter")
        .settle();
    assert_eq!(h.app.crumbs(), vec!["Backup plans", "prod-dr"]);
    h.assert_shows("Daily at 03:00 UTC")
        .assert_shows("us-west-2/dr-west");
    insta::assert_snapshot!("plan_details_80x24", h.screen());
    for _ in 0..20 {
        h.press("j");
    }
    h.assert_shows("Monthly on day 1 at 06:00 UTC")
        .assert_shows("compliance-locked");
    insta::assert_snapshot!("plan_details_scrolled_80x24", h.screen());
}

#[test]
fn a_continuous_plan_says_its_schedule_and_retention() {
    let mut h = plans();
    h.press("/")
        .type_text("s3-continuous")
        .press("enter")
        .press("enter")
        .settle();
    h.assert_shows("Hourly at 00 minutes past the hour (UTC)")
        .assert_shows("On (point-in-time restore");
}

#[test]
fn each_wizard_step_at_80x24() {
    let mut h = wizard();
    insta::assert_snapshot!("wizard_plan_80x24", h.screen());
    h.type_text("prod-dr").press("enter");
    h.assert_shows("In us-east-1, a backup plan named prod-dr already exists.");
    insta::assert_snapshot!("wizard_plan_name_taken_80x24", h.screen());
    h.press("ctrl-u").type_text("daily-eu-copy").press("enter");
    insta::assert_snapshot!("wizard_rule_80x24", h.screen());
    // A cron expression and a custom window, checked on enter.
    h.type_text("daily");
    h.press("down").press("left").press("left"); // Schedule: Cron
    h.press("down").type_text("*/15 * ? * * *");
    h.press("down").press("right"); // Backup window: Custom
    h.press("down").type_text("30");
    h.press("enter");
    h.assert_shows("Minutes must be one number")
        .assert_shows("Start within at least 60 minutes (30 given).");
    insta::assert_snapshot!("wizard_rule_errors_80x24", h.screen());
    // Back to the daily preset and the default window, then the vault.
    h.press("up").press("right").press("right");
    h.press("down").press("left");
    h.press("down").press("down");
    pick(&mut h, "Default");
    h.press("enter");
    insta::assert_snapshot!("wizard_copy_80x24", h.screen());
    copy_to_eu_prod(&mut h);
    insta::assert_snapshot!("wizard_copy_rule_80x24", h.screen());
    h.press("enter");
    h.assert_shows("CreateBackupPlan request");
    insta::assert_snapshot!("wizard_review_80x24", h.screen());
    h.press("enter");
    h.assert_shows("Create backup plan daily-eu-copy in us-east-1?");
    insta::assert_snapshot!("wizard_confirm_80x24", h.screen());
}

#[test]
fn a_daily_plan_copying_to_eu_central_1_is_created_and_listed() {
    let mut h = wizard();
    daily_rule(&mut h);
    copy_to_eu_prod(&mut h);
    h.press("enter");
    h.assert_shows("CreateBackupPlan request");
    scroll_to(&mut h, "aws backup create-backup-plan");
    h.press("c").settle();
    let cli = h.clipboard.last().cloned().unwrap_or_default();
    assert!(cli.starts_with("aws backup create-backup-plan"), "{cli}");
    assert!(cli.contains("--region us-east-1"), "{cli}");
    assert!(
        cli.contains(r#"--backup-plan '{"BackupPlanName":"daily-eu-copy","Rules":[{"#),
        "{cli}"
    );
    assert!(
        cli.contains("--creator-request-id backup-tui-test-"),
        "{cli}"
    );
    h.press("enter").press("y").settle();

    let sent = plans_sent(&h);
    assert_eq!(sent.len(), 1, "one CreateBackupPlan");
    let plan = &sent[0];
    assert_eq!(plan.region, "us-east-1");
    assert_eq!(plan.name, "daily-eu-copy");
    assert!(plan.creator_request_id.starts_with("backup-tui-test-"));
    let rule = &plan.rules[0];
    assert_eq!(rule.name, "daily");
    assert_eq!(rule.schedule, "cron(0 5 ? * * *)");
    assert_eq!(rule.target_vault, "Default");
    assert_eq!(rule.start_window_minutes, None);
    assert_eq!(rule.lifecycle.delete_after_days, Some(35));
    assert_eq!(
        rule.copy_actions[0].destination_vault_arn,
        "arn:aws:backup:eu-central-1:123456789012:backup-vault:eu-prod"
    );

    // Back on the plans list, which shows the new plan.
    assert_eq!(h.app.crumbs(), vec!["Backup plans"]);
    h.assert_shows("Backup plan daily-eu-copy created.")
        .assert_shows("Backup plans in us-east-1 (4)")
        .assert_shows("daily-eu-copy");
    insta::assert_snapshot!("plans_list_after_create_80x24", h.screen());
    h.press("/")
        .type_text("daily-eu")
        .press("enter")
        .press("enter")
        .settle();
    h.assert_shows("Daily at 05:00 UTC")
        .assert_shows("eu-central-1/eu-prod");
}

#[test]
fn a_plan_copying_to_a_new_vault_creates_the_vault_first() {
    let mut h = wizard();
    daily_rule(&mut h);
    h.press("enter");
    pick(&mut h, "eu-central-1");
    h.press("down").press("right"); // Vault: New vault
    h.press("down").type_text("plan-copies");
    h.press("enter");
    h.assert_shows("1. CreateBackupVault request");
    scroll_to(&mut h, "2. CreateBackupPlan request");
    h.press("enter").press("y").settle();
    let ops: Vec<String> = h
        .mock
        .calls()
        .iter()
        .map(|c| format!("{:?}", c.op))
        .filter(|op| op.starts_with("Create"))
        .collect();
    assert_eq!(ops, ["CreateBackupVault", "CreateBackupPlan"]);
    assert_eq!(
        plans_sent(&h)[0].rules[0].copy_actions[0].destination_vault_arn,
        "arn:aws:backup:eu-central-1:123456789012:backup-vault:plan-copies"
    );
    h.assert_shows("Backup plan daily-eu-copy created.");
}

#[test]
fn leaving_an_edited_draft_asks_first() {
    let mut h = wizard();
    h.type_text("x").press("esc");
    h.assert_shows("Discard this draft?");
    h.press("y");
    assert_eq!(h.app.crumbs(), vec!["Backup plans"]);
}
