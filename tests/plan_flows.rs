//! Backup plan flows through the harness at 80x24: the plans list, a plan's rules, the
//! create-plan wizard from the plan's name to the new plan in the list, and editing a plan
//! (from its page, the list, or a PARTIAL recovery point) to its new version.

mod harness;

use backup_tui::backend::mock::MockOptions;
use backup_tui::domain::WriteRequest;
use backup_tui::domain::plan::{PlanRequest, PlanUpdateRequest};
use backup_tui::effect::Effect;
use backup_tui::palette::Section;
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
    snap_dialog!(h, "create_plan");
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

/// Every UpdateBackupPlan the app sent.
fn updates_sent(h: &Harness) -> Vec<PlanUpdateRequest> {
    h.effects
        .iter()
        .filter_map(|e| match e {
            Effect::Submit { request, .. } => match request.as_ref() {
                WriteRequest::UpdatePlan(p) => Some(p.clone()),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// From a rule's Copy step (no copy rules) to the review: past "Add a copy rule" to "Then".
fn to_review(h: &mut Harness) {
    h.assert_shows("Add a copy rule");
    h.press("down").press("enter");
}

/// The page of plan `name`, its rules loaded.
fn plan_page(h: &mut Harness, name: &str) {
    h.press("/")
        .type_text(name)
        .press("enter")
        .press("enter")
        .settle();
    assert_eq!(h.app.crumbs(), vec!["Backup plans", name]);
}

/// The value shown after `label` on the screen.
fn shown_after(h: &mut Harness, label: &str) -> String {
    let screen = h.screen();
    let line = screen
        .lines()
        .find(|l| l.contains(label))
        .unwrap_or_else(|| panic!("no {label} in\n{screen}"));
    let rest = &line[line.find(label).unwrap() + label.len()..];
    rest.trim_matches(|c: char| c.is_whitespace() || c == '│')
        .to_string()
}

/// acme-media's recovery points, with its PARTIAL one (made by daily-35d-retention's rule
/// daily-0500) selected.
fn acme_media_partial(options: MockOptions) -> Harness {
    let mut h = Harness::with(options, 80, 24);
    h.start_at(Section::Resources, Some("acme-media")).settle();
    h.press("/").type_text("PARTIAL").press("enter").settle();
    h.assert_shows("PARTIAL");
    h
}

#[test]
fn editing_a_plan_from_its_page_sends_update_backup_plan_and_shows_the_new_version() {
    let mut h = plans();
    plan_page(&mut h, "daily-35d-retention");
    h.assert_shows("e edit");
    let before = shown_after(&mut h, "Version ID");
    h.press("e").settle();
    h.assert_shows("Edit backup plan daily-35d-retention")
        .assert_shows("Its name stays");
    h.press("enter");
    h.assert_shows("Backup rule 1 of 1");
    h.press("down").press("right"); // Schedule: Daily -> Weekly
    h.assert_shows("cron(0 5 ? * SUN *)");
    h.press("enter");
    to_review(&mut h);
    h.assert_shows("UpdateBackupPlan request");
    insta::assert_snapshot!("edit_review_80x24", h.screen());
    h.press("enter");
    h.assert_shows("Update backup plan daily-35d-retention in us-east-1? AWS")
        .assert_shows("makes a new version of the plan.");
    snap_dialog!(h, "update_plan");
    h.press("y").settle();

    let sent = updates_sent(&h);
    assert_eq!(sent.len(), 1, "one UpdateBackupPlan");
    assert_eq!(sent[0].name, "daily-35d-retention");
    assert_eq!(sent[0].rules.len(), 1);
    assert_eq!(sent[0].rules[0].name, "daily-0500");
    assert_eq!(sent[0].rules[0].schedule, "cron(0 5 ? * SUN *)");
    assert_eq!(sent[0].rules[0].target_vault, "prod-daily");
    // The plan's page again, over the plans list: the new version and schedule.
    assert_eq!(h.app.crumbs(), vec!["Backup plans", "daily-35d-retention"]);
    h.assert_shows("Backup plan daily-35d-retention updated: version ");
    let after = shown_after(&mut h, "Version ID");
    assert_ne!(after, before);
    let short = shown_after(&mut h, "updated: version ");
    assert!(
        after.starts_with(short.trim_end_matches('.')),
        "{after} / {short}"
    );
    h.assert_shows("cron(0 5 ? * SUN *)");
}

#[test]
fn an_unchanged_plan_is_not_sent() {
    let mut h = plans();
    plan_page(&mut h, "daily-35d-retention");
    h.press("e").settle();
    h.press("enter").press("enter");
    to_review(&mut h);
    h.assert_shows("Nothing changed: backup plan daily-35d-retention already has these");
    h.press("enter").press("y").settle();
    assert!(updates_sent(&h).is_empty(), "no new version for nothing");
}

#[test]
fn the_plans_list_edits_the_selected_plan() {
    let mut h = plans();
    h.press("/")
        .type_text("prod-dr")
        .press("enter")
        .press("e")
        .settle();
    h.assert_shows("Edit backup plan prod-dr");
    h.press("enter");
    h.assert_shows("Backup rule 1 of 2")
        .assert_shows("daily-dr");
}

#[test]
fn raising_the_window_of_a_partial_point_updates_the_rule_that_made_it() {
    let mut h = acme_media_partial(MockOptions::default());
    h.press("w").settle();
    h.assert_shows("Edit backup plan daily-35d-retention")
        .assert_shows("This rule made PARTIAL recovery point");
    insta::assert_snapshot!("raise_window_rule_80x24", h.screen());
    // The window fields come first: Backup window, Start within, Complete within.
    h.press("down")
        .press("down")
        .press("ctrl-u")
        .type_text("1440");
    h.press("enter");
    to_review(&mut h);
    h.assert_shows("UpdateBackupPlan request");
    h.press("enter").press("y").settle();

    let sent = updates_sent(&h);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].rules[0].name, "daily-0500");
    assert_eq!(sent[0].rules[0].start_window_minutes, Some(60));
    assert_eq!(sent[0].rules[0].completion_window_minutes, Some(1440));
    assert_eq!(h.app.crumbs(), vec!["Backup plans", "daily-35d-retention"]);
    h.assert_shows("Backup plan daily-35d-retention updated")
        .assert_shows("Start within 1 hour, complete within 1 day");
}

#[test]
fn only_a_partial_point_made_by_a_plan_opens_a_rule() {
    let mut h = Harness::new();
    h.start_at(Section::Resources, Some("acme-media")).settle();
    h.press("/")
        .type_text("COMPLETED")
        .press("enter")
        .press("w")
        .settle();
    h.assert_shows(
        "Only PARTIAL points are fixed by a longer backup window (this one is COMPLETED).",
    );
    // analytics' PARTIAL point was an on-demand backup.
    let mut h = Harness::new();
    h.start_at(Section::Resources, Some("analytics")).settle();
    h.press("/")
        .type_text("PARTIAL")
        .press("enter")
        .press("w")
        .settle();
    h.assert_shows("No plan made this point (on-demand): press b to back up with a longer window.");
    assert!(updates_sent(&h).is_empty());
}

#[test]
fn read_only_shows_the_update_but_cannot_send_it() {
    let mut h = acme_media_partial(MockOptions {
        read_only: true,
        ..MockOptions::default()
    });
    h.press("w").settle();
    h.press("down")
        .press("down")
        .press("ctrl-u")
        .type_text("1440");
    h.press("enter");
    to_review(&mut h);
    h.assert_shows("UpdateBackupPlan request");
    h.press("enter")
        .assert_shows("Read-only session: nothing can be changed");
    assert!(updates_sent(&h).is_empty());
}

#[test]
fn on_add_a_copy_rule_the_hint_says_enter_adds_one_and_enter_does() {
    let mut h = wizard();
    daily_rule(&mut h);
    h.assert_shows("enter add a copy rule")
        .assert_not_shows("enter next");
    h.press("down").assert_shows("enter next");
    h.press("up").press("enter");
    h.assert_shows("Copy 1")
        .assert_shows("Copies of rule daily");
}
