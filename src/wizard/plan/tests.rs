//! Tests of the create-plan wizard: names, schedules, windows, rules and copy rules, and the
//! CreateBackupPlan (and CreateBackupVault) requests field by field.

use super::rule::{
    ADD_COPY, COMPLETION_WINDOW, CONTINUOUS, COPY_SLOTS, CRON, RULE_NAME, SCHEDULE, START_WINDOW,
    TARGET_IDS, WINDOW,
};
use super::*;
use crate::backend::ErrorKind;
use crate::domain::Lifecycle;
use crate::domain::plan::{CONTINUOUS_COPY_NOTE, CopyAction};
use crate::domain::region::REGIONS;
use crate::wizard::form::Control;
use time::macros::datetime;

const ACCOUNT: &str = "123456789012";
const TOKEN: &str = "backup-tui-test-7";
const DAILY: &str = "cron(0 5 ? * * *)";
const RULE_EXPIRE: FieldId = "rule_expire_after_days";
const RULE_COLD: FieldId = "rule_cold_after_days";

fn vault(region: &str, name: &str) -> BackupVault {
    BackupVault {
        name: name.into(),
        arn: vault_arn(region, name).into(),
        region: region.into(),
        encryption_key_arn: None,
        created: datetime!(2026-01-01 00:00 UTC),
        recovery_points: 3,
        locked: false,
        min_retention_days: None,
        max_retention_days: None,
    }
}

fn vault_arn(region: &str, name: &str) -> String {
    format!("arn:aws:backup:{region}:{ACCOUNT}:backup-vault:{name}")
}

fn existing_plan(name: &str) -> plan::BackupPlan {
    plan::BackupPlan {
        id: format!("id-{name}").into(),
        arn: format!("arn:aws:backup:us-east-1:{ACCOUNT}:backup-plan:id-{name}").into(),
        name: name.into(),
        version_id: "v1".into(),
        created: datetime!(2026-01-01 00:00 UTC),
        last_execution: None,
    }
}

fn supply_vaults(w: &mut PlanWizard, region: &str, names: &[&str]) {
    let query = Query::BackupVaults {
        region: region.into(),
    };
    let page = names.iter().map(|n| vault(region, n)).collect();
    w.supply(&query, Ok(Loaded::Vaults(page)), true);
}

/// A wizard in us-east-1 whose plan names and home vaults have arrived.
fn wizard() -> PlanWizard {
    let mut w = PlanWizard::new("us-east-1", ACCOUNT, TOKEN.into());
    let plans = Query::BackupPlans {
        region: "us-east-1".into(),
    };
    assert!(w.wanted().contains(&plans), "the plan names are asked for");
    w.supply(
        &plans,
        Ok(Loaded::Plans(vec![existing_plan("nightly")])),
        true,
    );
    supply_vaults(&mut w, "us-east-1", &["Default", "prod-daily"]);
    w
}

fn set(w: &mut PlanWizard, id: FieldId, text: &str) {
    w.input(id, Input::Text(text.into()));
}

fn choose(w: &mut PlanWizard, id: FieldId, index: usize) {
    w.input(id, Input::Choose(index));
}

fn region_index(code: &str) -> usize {
    REGIONS.iter().position(|r| r.code == code).expect(code)
}

fn error(w: &PlanWizard, id: FieldId) -> Option<String> {
    w.items()
        .iter()
        .filter_map(Item::field)
        .find(|f| f.id == id)
        .and_then(|f| f.error.clone())
}

fn shows(w: &PlanWizard, id: FieldId) -> bool {
    w.items().iter().filter_map(Item::field).any(|f| f.id == id)
}

fn notes(w: &PlanWizard) -> Vec<String> {
    w.items()
        .into_iter()
        .filter_map(|i| match i {
            Item::Note { text, .. } => Some(text),
            _ => None,
        })
        .collect()
}

/// Names the plan and moves to the first rule.
fn named(name: &str) -> PlanWizard {
    let mut w = wizard();
    set(&mut w, PLAN_NAME, name);
    assert!(w.next(), "{:?}", error(&w, PLAN_NAME));
    w
}

/// Fills the current rule (name, vault `Default`; everything else as it is) and moves on to
/// its Copy step.
fn rule_done(w: &mut PlanWizard, name: &str) {
    set(w, RULE_NAME, name);
    choose(w, TARGET_IDS.vault, 0);
    assert!(w.next(), "{:?}", w.items());
    assert_eq!(w.step(), COPY);
}

/// Goes from a Copy step to the review.
fn review(w: &mut PlanWizard) {
    assert!(w.next(), "{:?}", w.items());
    assert_eq!(w.step(), 3, "the review");
}

/// The requests of the review: any CreateBackupVault, then the plan.
fn sent(w: &PlanWizard) -> (Vec<VaultRequest>, PlanRequest) {
    let mut vaults = Vec::new();
    let mut plan = None;
    for request in w.requests().expect("a valid draft") {
        match request {
            WriteRequest::CreateVault(v) => {
                assert!(plan.is_none(), "vaults come before the plan");
                vaults.push(v);
            }
            WriteRequest::CreatePlan(p) => plan = Some(p),
            other => panic!("unexpected request {other:?}"),
        }
    }
    (vaults, plan.expect("a CreateBackupPlan"))
}

/// Adds a copy rule to the current rule and returns its slot's ids.
fn add_copy(w: &mut PlanWizard) -> rule::CopySlot {
    let shown = |w: &PlanWizard| -> Vec<rule::CopySlot> {
        COPY_SLOTS
            .iter()
            .filter(|s| shows(w, s.destination.region))
            .copied()
            .collect()
    };
    let before = shown(w);
    w.input(ADD_COPY, Input::Activate);
    let added = shown(w).into_iter().find(|s| !before.contains(s));
    added.expect("the new copy's fields appear")
}

#[test]
fn plan_names_are_checked_with_a_message_under_the_field() {
    let mut w = wizard();
    assert!(!w.next());
    assert_eq!(error(&w, PLAN_NAME).as_deref(), Some("Enter a plan name."));
    set(&mut w, PLAN_NAME, "daily dr");
    assert!(!w.next());
    assert_eq!(
        error(&w, PLAN_NAME).as_deref(),
        Some("Plan names use only letters, digits, -, _ and . (not a space).")
    );
    set(&mut w, PLAN_NAME, "nightly");
    assert!(!w.next());
    assert_eq!(
        error(&w, PLAN_NAME).as_deref(),
        Some("In us-east-1, a backup plan named nightly already exists.")
    );
    set(&mut w, PLAN_NAME, "daily-dr.v2");
    assert!(w.next());
    assert_eq!(w.step(), RULE);
}

#[test]
fn the_plan_names_arriving_late_or_failing_are_said_on_the_plan_step() {
    let mut w = PlanWizard::new("us-east-1", ACCOUNT, TOKEN.into());
    assert!(notes(&w).contains(&"Loading the plan names of us-east-1...".to_string()));
    let plans = Query::BackupPlans {
        region: "us-east-1".into(),
    };
    let error = BackendError::new(ErrorKind::AccessDenied, "no ListBackupPlans");
    w.supply(&plans, Err(error), true);
    assert!(
        !w.wanted().contains(&plans),
        "a failed listing is not asked for again and again"
    );
    let warning = w.items().into_iter().find_map(|i| match i {
        Item::Note { text, .. } if text.contains("could not be listed") => Some(text),
        _ => None,
    });
    assert!(
        warning.is_some_and(
            |t| t.ends_with("AWS refuses a name already in use when the plan is created.")
        ),
        "{:?}",
        w.items()
    );
    set(&mut w, PLAN_NAME, "nightly");
    assert!(
        w.next(),
        "AWS is left to refuse a duplicate it could not be checked against"
    );
}

#[test]
fn one_daily_rule_with_the_default_window_sends_exactly_this() {
    let mut w = named("daily-dr");
    rule_done(&mut w, "daily");
    review(&mut w);
    let (vaults, plan) = sent(&w);
    assert!(vaults.is_empty(), "no vault to create");
    assert_eq!(plan.region, "us-east-1");
    assert_eq!(plan.name, "daily-dr");
    assert_eq!(plan.creator_request_id, TOKEN);
    assert_eq!(plan.rules.len(), 1);
    let rule = &plan.rules[0];
    assert_eq!(rule.name, "daily");
    assert_eq!(rule.target_vault, "Default");
    assert_eq!(rule.schedule, DAILY);
    assert_eq!(rule.start_window_minutes, None, "AWS's default window");
    assert_eq!(rule.completion_window_minutes, None);
    assert_eq!(
        rule.lifecycle,
        Lifecycle {
            move_to_cold_storage_after_days: None,
            delete_after_days: Some(35),
        },
        "the console's 35 days"
    );
    assert!(!rule.continuous);
    assert!(rule.copy_actions.is_empty());
    assert_eq!(
        w.confirm_question(),
        "Create backup plan daily-dr in us-east-1?"
    );
    assert_eq!(w.submit_label(), "create plan");
    assert_eq!(
        w.after("plan-id"),
        Some(After::Go {
            region: "us-east-1".into(),
            section: Section::Plans,
            notice: "Backup plan daily-dr created.".into(),
        })
    );
}

#[test]
fn presets_send_their_expressions_and_say_what_they_mean() {
    let mut w = named("p");
    let help = |w: &PlanWizard| {
        w.items()
            .iter()
            .filter_map(Item::field)
            .find(|f| f.id == SCHEDULE)
            .and_then(|f| f.help.clone())
    };
    assert_eq!(
        help(&w).as_deref(),
        Some("cron(0 5 ? * * *): Daily at 05:00 UTC")
    );
    choose(&mut w, SCHEDULE, 2);
    assert_eq!(
        help(&w).as_deref(),
        Some("cron(0 5 ? * SUN *): Weekly on Sunday at 05:00 UTC")
    );
    rule_done(&mut w, "weekly");
    review(&mut w);
    assert_eq!(sent(&w).1.rules[0].schedule, "cron(0 5 ? * SUN *)");
}

#[test]
fn a_cron_expression_is_checked_and_sent_in_canonical_form() {
    let mut w = named("p");
    assert!(!shows(&w, CRON));
    choose(&mut w, SCHEDULE, 4);
    assert!(shows(&w, CRON), "choosing Cron shows the expression field");
    set(&mut w, RULE_NAME, "twice-daily");
    choose(&mut w, TARGET_IDS.vault, 1);
    set(&mut w, CRON, "cron(*/30 * ? * * *)");
    assert!(!w.next());
    assert_eq!(
        error(&w, CRON).as_deref(),
        Some(
            "AWS Backup runs a rule at most once an hour: Minutes must be one number from 0 to \
             59 (not */30)."
        )
    );
    set(&mut w, CRON, "0 5,17 ? * MON-FRI *");
    assert!(w.next());
    review(&mut w);
    let rule = &sent(&w).1.rules[0];
    assert_eq!(rule.schedule, "cron(0 5,17 ? * MON-FRI *)");
    assert_eq!(rule.target_vault, "prod-daily");
}

#[test]
fn a_custom_window_is_checked_and_sent() {
    let mut w = named("p");
    choose(&mut w, WINDOW, 1);
    set(&mut w, RULE_NAME, "daily");
    choose(&mut w, TARGET_IDS.vault, 0);
    assert!(!w.next());
    assert_eq!(
        error(&w, START_WINDOW).as_deref(),
        Some("Enter a number of minutes.")
    );
    set(&mut w, START_WINDOW, "59");
    set(&mut w, COMPLETION_WINDOW, "120");
    assert!(!w.next());
    assert_eq!(
        error(&w, START_WINDOW).as_deref(),
        Some("Start within at least 60 minutes (59 given).")
    );
    set(&mut w, START_WINDOW, "120");
    assert!(!w.next());
    assert_eq!(error(&w, START_WINDOW), None);
    assert_eq!(
        error(&w, COMPLETION_WINDOW).as_deref(),
        Some("The completion window must be longer than the start window (120 minutes).")
    );
    set(&mut w, COMPLETION_WINDOW, "two days");
    assert!(!w.next());
    assert_eq!(
        error(&w, COMPLETION_WINDOW).as_deref(),
        Some("`two days` is not a whole number of minutes.")
    );
    set(&mut w, COMPLETION_WINDOW, "2880");
    assert!(w.next());
    review(&mut w);
    let rule = &sent(&w).1.rules[0];
    assert_eq!(rule.start_window_minutes, Some(120));
    assert_eq!(rule.completion_window_minutes, Some(2880));
    assert!(w.summary().contains(&(
        "  Window".into(),
        "Start within 2 hours, complete within 2 days".into()
    )));
}

#[test]
fn two_rules_are_sent_in_order_and_their_names_must_differ() {
    let mut w = named("two-rules");
    rule_done(&mut w, "daily");
    choose(&mut w, THEN, 1);
    assert!(w.next(), "Add another rule");
    assert_eq!(w.step(), RULE);
    assert_eq!(
        w.items().first(),
        Some(&Item::Heading("Backup rule 2 of 2".into()))
    );
    set(&mut w, RULE_NAME, "daily");
    choose(&mut w, SCHEDULE, 3);
    choose(&mut w, TARGET_IDS.vault, 1);
    set(&mut w, RULE_EXPIRE, "365");
    assert!(!w.next());
    assert_eq!(
        error(&w, RULE_NAME).as_deref(),
        Some("Another rule of this plan is named daily: rule names must differ.")
    );
    set(&mut w, RULE_NAME, "monthly");
    assert!(w.next());
    assert_eq!(
        w.items()
            .iter()
            .filter_map(Item::field)
            .find(|f| f.id == THEN)
            .map(|f| f.control.clone()),
        Some(Control::Choice {
            options: vec!["Review the plan".into(), "Add another rule".into()],
            selected: 0
        }),
        "the choice starts again on Review"
    );
    review(&mut w);
    let rules = sent(&w).1.rules;
    let names: Vec<&str> = rules.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["daily", "monthly"]);
    assert_eq!(rules[1].schedule, "cron(0 5 1 * ? *)");
    assert_eq!(rules[1].target_vault, "prod-daily");
    assert_eq!(rules[1].lifecycle.delete_after_days, Some(365));
    // Going back walks through the rules in reverse, keeping both drafts.
    assert!(w.back() && w.step() == COPY);
    assert!(w.back() && w.step() == RULE);
    assert!(w.back() && w.step() == COPY, "to rule 1's copies");
    assert!(w.back() && w.step() == RULE);
    assert_eq!(
        w.items().first(),
        Some(&Item::Heading("Backup rule 1 of 2".into()))
    );
    assert_eq!(sent(&w).1.rules, rules, "nothing was lost on the way back");
}

#[test]
fn removing_a_rule_keeps_the_others() {
    let mut w = named("p");
    rule_done(&mut w, "first");
    choose(&mut w, THEN, 1);
    assert!(w.next());
    assert!(shows(&w, REMOVE_RULE), "a plan with two rules can lose one");
    w.input(REMOVE_RULE, Input::Activate);
    assert_eq!(
        w.items().first(),
        Some(&Item::Heading("Backup rule 1 of 1".into()))
    );
    assert!(!shows(&w, REMOVE_RULE), "the last rule stays");
    assert!(w.next());
    review(&mut w);
    assert_eq!(sent(&w).1.rules.len(), 1);
    assert_eq!(sent(&w).1.rules[0].name, "first");
}

#[test]
fn a_copy_rule_to_an_existing_eu_central_1_vault() {
    let mut w = named("daily-dr");
    rule_done(&mut w, "daily");
    let slot = add_copy(&mut w);
    choose(
        &mut w,
        slot.destination.region,
        region_index("eu-central-1"),
    );
    let frankfurt = Query::BackupVaults {
        region: "eu-central-1".into(),
    };
    assert!(
        w.wanted().contains(&frankfurt),
        "the Region's vaults are asked for"
    );
    assert!(!w.next());
    assert_eq!(
        error(&w, slot.destination.vault).as_deref(),
        Some("The vaults of eu-central-1 are still loading: wait a moment, then choose one.")
    );
    supply_vaults(&mut w, "eu-central-1", &["dr-frankfurt"]);
    choose(&mut w, slot.destination.vault, 0);
    set(&mut w, slot.lifecycle.expire, "365");
    review(&mut w);
    let (vaults, plan) = sent(&w);
    assert!(vaults.is_empty());
    assert_eq!(
        plan.rules[0].copy_actions,
        vec![CopyAction {
            destination_vault_arn: vault_arn("eu-central-1", "dr-frankfurt"),
            lifecycle: Lifecycle {
                move_to_cold_storage_after_days: None,
                delete_after_days: Some(365),
            },
        }]
    );
    assert!(w.summary().contains(&(
        "  Copy to".into(),
        "dr-frankfurt in eu-central-1, expires after 365 days".into()
    )));
}

#[test]
fn a_copy_rule_to_a_new_vault_creates_it_before_the_plan() {
    let mut w = named("daily-dr");
    rule_done(&mut w, "daily");
    let slot = add_copy(&mut w);
    choose(
        &mut w,
        slot.destination.region,
        region_index("eu-central-1"),
    );
    supply_vaults(&mut w, "eu-central-1", &["dr-frankfurt"]);
    choose(&mut w, slot.destination.vault_choice, 1);
    set(&mut w, slot.destination.new_vault, "dr-frankfurt");
    assert_eq!(
        error(&w, slot.destination.new_vault).as_deref(),
        Some("In eu-central-1, a vault named dr-frankfurt already exists.")
    );
    set(&mut w, slot.destination.new_vault, "plan-copies");
    review(&mut w);
    let requests = w.requests().expect("valid");
    assert_eq!(
        requests
            .iter()
            .map(WriteRequest::operation)
            .collect::<Vec<_>>(),
        ["CreateBackupVault", "CreateBackupPlan"]
    );
    let (vaults, plan) = sent(&w);
    assert_eq!(
        vaults,
        vec![VaultRequest {
            region: "eu-central-1".into(),
            name: "plan-copies".into(),
            // The rule's target took -v1, this copy's destination -v2.
            creator_request_id: format!("{TOKEN}-v2"),
        }]
    );
    assert_eq!(
        plan.rules[0].copy_actions[0].destination_vault_arn,
        vault_arn("eu-central-1", "plan-copies")
    );
    assert_eq!(
        plan.rules[0].copy_actions[0].lifecycle,
        Lifecycle::default(),
        "no lifecycle entered: none sent"
    );
}

#[test]
fn a_new_target_vault_named_twice_is_created_once() {
    let mut w = named("p");
    set(&mut w, RULE_NAME, "a");
    choose(&mut w, TARGET_IDS.vault_choice, 1);
    set(&mut w, TARGET_IDS.new_vault, "plan-vault");
    assert!(w.next());
    choose(&mut w, THEN, 1);
    assert!(w.next());
    set(&mut w, RULE_NAME, "b");
    choose(&mut w, TARGET_IDS.vault_choice, 1);
    set(&mut w, TARGET_IDS.new_vault, "plan-vault");
    assert!(w.next());
    review(&mut w);
    let (vaults, plan) = sent(&w);
    assert_eq!(vaults.len(), 1, "{vaults:?}");
    assert_eq!(vaults[0].region, "us-east-1");
    assert_eq!(vaults[0].name, "plan-vault");
    assert!(plan.rules.iter().all(|r| r.target_vault == "plan-vault"));
}

#[test]
fn a_continuous_rule_keeps_35_days_at_most_without_cold_storage() {
    let mut w = named("pitr");
    set(&mut w, RULE_NAME, "continuous");
    choose(&mut w, TARGET_IDS.vault, 0);
    choose(&mut w, CONTINUOUS, 1);
    set(&mut w, RULE_EXPIRE, "36");
    assert_eq!(
        error(&w, RULE_EXPIRE).as_deref(),
        Some("Continuous backups are kept 1 to 35 days: set the expiry."),
        "shown as it is typed"
    );
    assert!(!w.next());
    set(&mut w, RULE_EXPIRE, "30");
    set(&mut w, RULE_COLD, "7");
    assert!(!w.next());
    assert_eq!(
        error(&w, RULE_COLD).as_deref(),
        Some("Continuous backups cannot move to cold storage: leave it empty.")
    );
    set(&mut w, RULE_COLD, "");
    assert!(w.next());
    // Its copies are snapshots, and the Copy step and the review say so.
    assert!(!notes(&w).contains(&CONTINUOUS_COPY_NOTE.to_string()));
    let slot = add_copy(&mut w);
    assert!(notes(&w).contains(&CONTINUOUS_COPY_NOTE.to_string()));
    choose(&mut w, slot.destination.region, region_index("us-west-2"));
    supply_vaults(&mut w, "us-west-2", &["dr-west"]);
    choose(&mut w, slot.destination.vault, 0);
    review(&mut w);
    let rule = &sent(&w).1.rules[0];
    assert!(rule.continuous);
    assert_eq!(rule.lifecycle.delete_after_days, Some(30));
    assert_eq!(rule.lifecycle.move_to_cold_storage_after_days, None);
    assert!(
        w.summary()
            .contains(&("  Note".into(), CONTINUOUS_COPY_NOTE.into()))
    );
}

#[test]
fn copies_to_another_region_and_another_account_warn_about_rds_and_aurora() {
    let mut w = named("mixed");
    rule_done(&mut w, "daily");
    let west = add_copy(&mut w);
    choose(&mut w, west.destination.region, region_index("us-west-2"));
    supply_vaults(&mut w, "us-west-2", &["dr-west"]);
    choose(&mut w, west.destination.vault, 0);
    assert!(!notes(&w).contains(&RDS_AURORA_WARNING.to_string()));
    let central = add_copy(&mut w);
    choose(
        &mut w,
        central.destination.region,
        region_index("us-east-1"),
    );
    choose(&mut w, central.destination.vault_choice, 2);
    set(
        &mut w,
        central.destination.vault_arn,
        "arn:aws:backup:us-east-1:999988887777:backup-vault:central",
    );
    assert!(notes(&w).contains(&RDS_AURORA_WARNING.to_string()));
    review(&mut w);
    assert!(
        w.summary()
            .contains(&("Warning".into(), RDS_AURORA_WARNING.into()))
    );
    let copies = &sent(&w).1.rules[0].copy_actions;
    assert_eq!(copies.len(), 2, "a warning, not a refusal");
}

#[test]
fn removing_a_copy_rule_drops_it_and_its_errors() {
    let mut w = named("p");
    rule_done(&mut w, "daily");
    let slot = add_copy(&mut w);
    assert!(!w.next(), "a copy without a Region");
    assert_eq!(
        error(&w, slot.destination.region).as_deref(),
        Some("Choose the destination Region.")
    );
    w.input(slot.remove, Input::Activate);
    assert!(!shows(&w, slot.destination.region));
    review(&mut w);
    assert!(sent(&w).1.rules[0].copy_actions.is_empty());
}

#[test]
fn vaults_listed_before_a_copy_is_added_are_handed_to_it() {
    let mut w = named("p");
    rule_done(&mut w, "daily");
    let first = add_copy(&mut w);
    choose(
        &mut w,
        first.destination.region,
        region_index("eu-central-1"),
    );
    supply_vaults(&mut w, "eu-central-1", &["dr-frankfurt"]);
    let second = add_copy(&mut w);
    choose(
        &mut w,
        second.destination.region,
        region_index("eu-central-1"),
    );
    choose(&mut w, second.destination.vault, 0);
    assert_eq!(error(&w, second.destination.vault), None);
    assert!(
        !notes(&w)
            .iter()
            .any(|n| n.starts_with("Loading the vaults")),
        "the host loads a query once, so the wizard hands on what it has: {:?}",
        notes(&w)
    );
    choose(&mut w, first.destination.vault, 0);
    review(&mut w);
    assert_eq!(sent(&w).1.rules[0].copy_actions.len(), 2);
}

#[test]
fn a_rule_takes_at_most_five_copy_rules() {
    let mut w = named("p");
    rule_done(&mut w, "daily");
    for _ in 0..rule::MAX_COPIES {
        add_copy(&mut w);
    }
    assert!(!shows(&w, ADD_COPY));
    assert!(notes(&w).contains(&"A rule takes at most 5 copy rules here.".to_string()));
}

#[test]
fn the_review_refuses_a_draft_that_became_invalid() {
    let mut w = named("p");
    rule_done(&mut w, "daily");
    review(&mut w);
    assert!(w.back() && w.back() && w.step() == RULE);
    set(&mut w, RULE_NAME, "bad name");
    assert_eq!(
        w.requests(),
        Err("Rule 1: Rule names use only letters, digits, -, _ and . (not a space).".into())
    );
}
