//! Tests of editing a plan: rules pre-filled and sent back unchanged, the plan's own name,
//! nothing changed refused, UpdateBackupPlan field by field, and raising the window of the
//! rule that made a PARTIAL recovery point.

use super::super::rule::{
    COMPLETION_WINDOW, RULE_NAME, SCHEDULE, START_WINDOW, TARGET_IDS, WINDOW,
};
use super::super::{ADD_RULE, COPY, PLAN, PLAN_NAME, REMOVE_RULE, THEN};
use super::*;
use crate::action::Loaded;
use crate::domain::plan::CopyAction;
use crate::domain::{BackupVault, Lifecycle, WriteRequest};
use crate::effect::Query;
use crate::wizard::form::{Control, FieldId, Input};
use crate::wizard::{Form, Wizard};
use time::macros::datetime;

const ACCOUNT: &str = "123456789012";
const REGION: &str = "us-east-1";

fn vault_arn(region: &str, name: &str) -> String {
    format!("arn:aws:backup:{region}:{ACCOUNT}:backup-vault:{name}")
}

fn keep(cold: Option<i64>, delete: Option<i64>) -> Lifecycle {
    Lifecycle {
        move_to_cold_storage_after_days: cold,
        delete_after_days: delete,
    }
}

/// A plan of three rules covering what a rule can hold: a preset schedule with a custom
/// window and two copy rules, a cron schedule with AWS's window and cold storage, and a
/// continuous rule.
fn details() -> PlanDetails {
    let daily = BackupRule {
        id: Some("rule-daily".into()),
        name: "daily-dr".into(),
        target_vault: "prod-daily".into(),
        schedule: "cron(0 5 ? * * *)".into(),
        start_window_minutes: Some(60),
        completion_window_minutes: Some(480),
        lifecycle: keep(None, Some(35)),
        continuous: false,
        copy_actions: vec![
            CopyAction {
                destination_vault_arn: vault_arn("us-west-2", "dr-west"),
                lifecycle: keep(None, Some(35)),
            },
            CopyAction {
                destination_vault_arn: vault_arn("ca-central-1", "dr-canada"),
                lifecycle: Lifecycle::default(),
            },
        ],
    };
    let monthly = BackupRule {
        id: Some("rule-monthly".into()),
        name: "monthly-compliance".into(),
        target_vault: "compliance-locked".into(),
        schedule: "cron(0 6 1 * ? *)".into(),
        start_window_minutes: None,
        completion_window_minutes: None,
        lifecycle: keep(Some(30), Some(365)),
        continuous: false,
        copy_actions: Vec::new(),
    };
    let pitr = BackupRule {
        id: Some("rule-pitr".into()),
        name: "continuous-35d".into(),
        target_vault: "prod-daily".into(),
        schedule: "cron(0 * ? * * *)".into(),
        continuous: true,
        ..monthly.clone()
    };
    let pitr = BackupRule {
        lifecycle: keep(None, Some(35)),
        ..pitr
    };
    PlanDetails {
        plan: BackupPlan {
            id: "plan-1".into(),
            arn: format!("arn:aws:backup:{REGION}:{ACCOUNT}:backup-plan:plan-1").into(),
            name: "prod-dr".into(),
            version_id: "version-1".into(),
            created: datetime!(2026-01-01 00:00 UTC),
            last_execution: None,
        },
        rules: vec![daily, monthly, pitr],
    }
}

fn supply_vaults(w: &mut PlanWizard, region: &str, names: &[&str]) {
    let page = names
        .iter()
        .map(|name| BackupVault {
            name: (*name).into(),
            arn: vault_arn(region, name).into(),
            region: region.into(),
            encryption_key_arn: None,
            created: datetime!(2026-01-01 00:00 UTC),
            recovery_points: 3,
            locked: false,
            min_retention_days: None,
            max_retention_days: None,
        })
        .collect();
    let query = Query::BackupVaults {
        region: region.into(),
    };
    w.supply(&query, Ok(Loaded::Vaults(page)), true);
}

/// Every vault listing the plan's rules want, as the host would load them.
fn with_vaults(mut w: PlanWizard) -> PlanWizard {
    let wanted = w.wanted();
    for region in [REGION, "us-west-2", "ca-central-1"] {
        let query = Query::BackupVaults {
            region: region.into(),
        };
        assert!(wanted.contains(&query), "{region} vaults are wanted");
    }
    supply_vaults(
        &mut w,
        REGION,
        &["Default", "compliance-locked", "prod-daily"],
    );
    supply_vaults(&mut w, "us-west-2", &["dr-west"]);
    supply_vaults(&mut w, "ca-central-1", &["dr-canada"]);
    w
}

fn edited() -> PlanWizard {
    with_vaults(PlanWizard::edit(details(), REGION, ACCOUNT, "token".into()).unwrap())
}

/// The rule that made acme-media's PARTIAL point, named by `made_by`.
fn raised(made_by: PlanRef) -> PlanWizard {
    let w = PlanWizard::raise_window(details(), REGION, ACCOUNT, "token".into(), &made_by, "rp-9")
        .unwrap();
    with_vaults(w)
}

fn made_by(rule_id: Option<&str>, rule_name: Option<&str>) -> PlanRef {
    PlanRef {
        rule_id: rule_id.map(Into::into),
        rule_name: rule_name.map(Into::into),
        ..PlanRef::named("prod-dr")
    }
}

fn field(w: &PlanWizard, id: FieldId) -> Option<Control> {
    w.items()
        .into_iter()
        .filter_map(|i| match i {
            Item::Field(f) if f.id == id => Some(f.control),
            _ => None,
        })
        .next()
}

fn text(w: &PlanWizard, id: FieldId) -> String {
    match field(w, id) {
        Some(Control::Text { value, .. }) => value,
        other => panic!("{id} is {other:?}"),
    }
}

fn chosen(w: &PlanWizard, id: FieldId) -> String {
    match field(w, id) {
        Some(Control::Choice { options, selected }) => options[selected].clone(),
        other => panic!("{id} is {other:?}"),
    }
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

/// The UpdateBackupPlan of the review, after any CreateBackupVault.
fn update(w: &PlanWizard) -> PlanUpdateRequest {
    match w.requests().expect("a change to send").pop() {
        Some(WriteRequest::UpdatePlan(update)) => update,
        other => panic!("{other:?}"),
    }
}

/// From a rule's Rule step to the review, through the rules after it.
fn to_review(w: &mut PlanWizard) {
    while w.step() != 3 {
        assert!(w.next(), "{:?}", w.items());
    }
}

#[test]
fn each_rule_is_prefilled_and_sent_back_as_it_was() {
    let w = edited();
    let original = details().rules;
    let names: Vec<&str> = original.iter().map(|r| r.name.as_str()).collect();
    for (i, draft) in w.rules.iter().enumerate() {
        let others: Vec<&str> = names.iter().filter(|n| **n != names[i]).copied().collect();
        assert_eq!(draft.to_rule(&others), Ok(original[i].clone()), "rule {i}");
    }
    // The copy rules are this account's vaults: picked in the list, not left as ARNs.
    assert_eq!(
        w.rules[0].copies[0].destination.summary(),
        "dr-west in us-west-2"
    );
    assert_eq!(w.rules[0].target.summary(), "prod-daily in us-east-1");
    assert!(!w.is_dirty(), "nothing was typed");
}

#[test]
fn the_fields_show_the_rules_schedule_window_and_retention() {
    let mut w = edited();
    assert_eq!(w.title(), "Edit backup plan prod-dr");
    assert_eq!(w.step(), PLAN);
    assert!(field(&w, PLAN_NAME).is_none(), "the name cannot change");
    assert!(
        w.items()
            .contains(&Item::Heading("Backup plan prod-dr".into()))
    );
    assert!(w.next());
    assert_eq!(chosen(&w, SCHEDULE), "Daily");
    assert_eq!(chosen(&w, WINDOW), "Custom");
    assert_eq!(text(&w, START_WINDOW), "60");
    assert_eq!(text(&w, COMPLETION_WINDOW), "480");
    assert_eq!(text(&w, "rule_expire_after_days"), "35");
    assert!(w.next() && w.next(), "rule 1's Copy step, then rule 2");
    assert_eq!(chosen(&w, SCHEDULE), "Cron");
    assert_eq!(text(&w, "cron"), "cron(0 6 1 * ? *)");
    assert_eq!(chosen(&w, WINDOW), "AWS default");
    assert_eq!(text(&w, "rule_cold_after_days"), "30");
}

#[test]
fn the_plans_own_name_is_not_refused_and_other_names_are_not_asked_for() {
    let mut w = edited();
    let plans = Query::BackupPlans {
        region: REGION.into(),
    };
    assert!(!w.wanted().contains(&plans));
    // Even listed, the plan's own name is its own.
    let listed = vec![details().plan];
    w.supply(&plans, Ok(Loaded::Plans(listed)), true);
    assert!(w.next(), "{:?}", w.items());
}

#[test]
fn nothing_changed_is_said_on_the_review_and_nothing_is_sent() {
    let mut w = edited();
    to_review(&mut w);
    let refusal = w.requests().unwrap_err();
    assert_eq!(
        refusal,
        "Nothing changed: backup plan prod-dr already has these rules, so nothing is sent (AWS \
         would make a new version for nothing). Press esc to go back and change a rule."
    );
    assert_eq!(w.items(), vec![Item::warning(refusal)]);
}

#[test]
fn a_new_schedule_is_sent_as_update_backup_plan_of_the_whole_plan() {
    let mut w = edited();
    assert!(w.next());
    w.input(SCHEDULE, Input::Choose(2)); // Weekly
    to_review(&mut w);
    let update = update(&w);
    assert_eq!(update.region, REGION);
    assert_eq!(update.plan_id, "plan-1");
    assert_eq!(update.name, "prod-dr");
    let mut expected = details().rules;
    expected[0].schedule = "cron(0 5 ? * SUN *)".into();
    assert_eq!(
        update.rules, expected,
        "every rule, ids kept, one schedule changed"
    );
    assert_eq!(w.requests().unwrap().len(), 1, "no vault to make");
    assert_eq!(
        w.confirm_question(),
        "Update backup plan prod-dr in us-east-1? AWS makes a new version of the plan."
    );
    assert_eq!(w.submit_label(), "update plan");
    let summary = w.summary();
    assert!(summary.contains(&("From version".to_string(), "version-1".to_string())));
    let Some(After::Plan {
        region,
        plan,
        notice,
    }) = w.after("0123456789abcdef")
    else {
        panic!("the plan's page comes next");
    };
    assert_eq!(region, REGION);
    assert_eq!(&*plan.id, "plan-1");
    assert_eq!(&*plan.version_id, "0123456789abcdef");
    assert_eq!(notice, "Backup plan prod-dr updated: version 01234567.");
}

#[test]
fn a_removed_rule_and_an_added_one_are_sent() {
    let mut w = edited();
    assert!(w.next());
    w.input(REMOVE_RULE, Input::Activate);
    // Through the two rules left, then a new one on the last Copy step.
    while !(w.step() == COPY && w.current == 1) {
        assert!(w.next(), "{:?}", w.items());
    }
    w.input(THEN, Input::Choose(ADD_RULE));
    assert!(w.next());
    w.input(RULE_NAME, Input::Text("weekly".into()));
    w.input(TARGET_IDS.vault, Input::Choose(0)); // Default
    to_review(&mut w);
    let rules = update(&w).rules;
    let names: Vec<&str> = rules.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["monthly-compliance", "continuous-35d", "weekly"]);
    let ids: Vec<Option<&str>> = rules.iter().map(|r| r.id.as_deref()).collect();
    assert_eq!(ids, [Some("rule-monthly"), Some("rule-pitr"), None]);
    assert_eq!(rules[2].target_vault, "Default");
}

#[test]
fn removing_the_rule_to_raise_drops_its_note() {
    let mut w = raised(made_by(Some("rule-monthly"), None));
    let is_note = |w: &PlanWizard| {
        w.items()
            .iter()
            .any(|i| matches!(i, Item::Note { text, .. } if text.contains("rp-9")))
    };
    assert!(is_note(&w));
    w.input(REMOVE_RULE, Input::Activate);
    assert_eq!(w.current, 1, "now the continuous rule");
    assert!(!is_note(&w));
}

#[test]
fn raising_the_window_opens_the_rule_that_made_the_point() {
    let mut w = raised(made_by(Some("rule-monthly"), Some("monthly-compliance")));
    assert_eq!(w.step(), RULE);
    assert_eq!(w.current, 1, "found by RuleId");
    let items = w.items();
    let note = "This rule made PARTIAL recovery point rp-9: AWS Backup could not finish it \
                before the backup window closed. Raise \"Complete within\" above 7 days (10080 \
                minutes).";
    assert!(items.contains(&Item::warning(note)), "{items:?}");
    // AWS's default window, spelt out so only the number needs changing.
    assert_eq!(chosen(&w, WINDOW), "Custom");
    assert_eq!(text(&w, START_WINDOW), "480");
    assert_eq!(text(&w, COMPLETION_WINDOW), "10080");
    let still = "Complete within is still 7 days or less: raise it so the backup can finish.";
    assert!(notes(&w).contains(&still.to_string()));
    // The window comes first among the fields.
    let first = w.items().into_iter().find_map(|i| match i {
        Item::Field(f) => Some(f.id),
        _ => None,
    });
    assert_eq!(first, Some(WINDOW));
    w.input(COMPLETION_WINDOW, Input::Text("20160".into()));
    assert!(!notes(&w).contains(&still.to_string()));
    to_review(&mut w);
    let rules = update(&w).rules;
    assert_eq!(rules[1].start_window_minutes, Some(480));
    assert_eq!(rules[1].completion_window_minutes, Some(20160));
    assert_eq!(rules[1].id.as_deref(), Some("rule-monthly"));
    assert_eq!(
        rules[0],
        details().rules[0],
        "the other rules are unchanged"
    );
}

#[test]
fn a_raised_window_is_checked_like_any_window() {
    let mut w = raised(made_by(None, Some("daily-dr")));
    assert_eq!(w.current, 0, "found by name");
    assert_eq!(text(&w, COMPLETION_WINDOW), "480");
    w.input(COMPLETION_WINDOW, Input::Text("60".into()));
    assert!(!w.next());
    let error = w.items().into_iter().find_map(|i| match i {
        Item::Field(f) if f.id == COMPLETION_WINDOW => f.error,
        _ => None,
    });
    assert_eq!(
        error.as_deref(),
        Some("The completion window must be longer than the start window (60 minutes).")
    );
    w.input(COMPLETION_WINDOW, Input::Text("1440".into()));
    assert!(w.next());
    assert_eq!(w.step(), COPY);
}

#[test]
fn a_rule_no_longer_in_the_plan_opens_the_first_and_says_so() {
    let w = raised(made_by(Some("rule-gone"), Some("hourly-old")));
    assert_eq!((w.step(), w.current), (RULE, 0));
    let note = "The rule that made PARTIAL recovery point rp-9 (hourly-old) is no longer in this \
                plan; here is its first rule. A longer \"Complete within\" gives a backup more \
                time to finish before the window closes.";
    assert!(w.items().contains(&Item::warning(note)));
}

#[test]
fn a_rule_with_more_copy_rules_than_the_editor_holds_is_refused() {
    let mut plan = details();
    let copy = plan.rules[0].copy_actions[0].clone();
    plan.rules[0].copy_actions = vec![copy; MAX_COPIES + 1];
    let refusal = PlanWizard::edit(plan, REGION, ACCOUNT, "token".into()).err();
    assert_eq!(
        refusal.as_deref(),
        Some(
            "Rule daily-dr of backup plan prod-dr has 6 copy rules; this editor takes at most \
             5: edit it in the AWS console."
        )
    );
}
