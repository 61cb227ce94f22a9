use super::*;
use crate::backend::ErrorKind;
use crate::backend::mock::fixtures::{HOME_REGION, seed};
use crate::domain::Lifecycle;
use crate::domain::plan::CopyAction;

fn keep(cold: Option<i64>, delete: Option<i64>) -> Lifecycle {
    Lifecycle {
        move_to_cold_storage_after_days: cold,
        delete_after_days: delete,
    }
}

fn vault_arn(region: &str, name: &str) -> String {
    format!("arn:aws:backup:{region}:{ACCOUNT_ID}:backup-vault:{name}")
}

/// A daily plan into Default with a copy rule to us-west-2's dr-west.
fn request(name: &str) -> PlanRequest {
    PlanRequest {
        region: HOME_REGION.into(),
        name: name.into(),
        rules: vec![BackupRule {
            id: None,
            name: "daily".into(),
            target_vault: "Default".into(),
            schedule: "cron(0 5 ? * * *)".into(),
            start_window_minutes: Some(60),
            completion_window_minutes: Some(180),
            lifecycle: keep(Some(30), Some(120)),
            continuous: false,
            copy_actions: vec![CopyAction {
                destination_vault_arn: vault_arn("us-west-2", "dr-west"),
                lifecycle: keep(None, Some(35)),
            }],
        }],
        creator_request_id: format!("request-{name}"),
    }
}

struct Setup {
    account: Account,
    tokens: Tokens<PlanRequest>,
    ids: Rng,
}

fn setup() -> Setup {
    Setup {
        account: seed(0),
        tokens: Tokens::default(),
        ids: Rng::new(7),
    }
}

impl Setup {
    fn create(&mut self, req: &PlanRequest) -> Result<String, BackendError> {
        create(&mut self.account, &mut self.tokens, &mut self.ids, req)
    }

    fn names(&self, region: &str) -> Vec<String> {
        self.account
            .region(region)
            .plans
            .iter()
            .map(|p| p.plan.name.to_string())
            .collect()
    }
}

#[test]
fn the_seeded_plans_have_their_rules_and_copy_rules() {
    let s = setup();
    assert_eq!(
        s.names(HOME_REGION),
        ["daily-35d-retention", "prod-dr", "s3-continuous"]
    );
    assert_eq!(s.names("eu-central-1"), ["eu-daily"]);
    let dr_id = s.account.region(HOME_REGION).plans[1].plan.id.clone();
    let dr = get(&s.account, HOME_REGION, &dr_id).unwrap();
    assert_eq!(dr.plan.name.as_str(), "prod-dr");
    assert_eq!(
        dr.plan.arn.as_str(),
        format!("arn:aws:backup:us-east-1:123456789012:backup-plan:{dr_id}")
    );
    let destinations: Vec<&str> = dr.rules[0]
        .copy_actions
        .iter()
        .map(|c| arn_region(&c.destination_vault_arn))
        .collect();
    assert_eq!(destinations, ["us-west-2", "ca-central-1"]);
    let continuous = &s.account.region(HOME_REGION).plans[2].rules[0];
    assert!(continuous.continuous);
    // Every seeded plan passes the checks a new plan must pass.
    for (region, data) in &s.account.regions {
        for plan in &data.plans {
            for (i, rule) in plan.rules.iter().enumerate() {
                check_rule(&s.account, region, &format!("Rules[{i}]"), rule).unwrap();
            }
        }
    }
}

#[test]
fn a_plan_is_stored_with_a_new_id_and_answers_get() {
    let mut s = setup();
    let req = request("weekly-dr");
    let id = s.create(&req).unwrap();
    assert_eq!(id.len(), 36, "{id}");
    let stored = get(&s.account, HOME_REGION, &id).unwrap();
    assert_eq!(stored.plan.name.as_str(), "weekly-dr");
    assert_eq!(stored.plan.created, DEMO_NOW);
    assert_eq!(stored.plan.last_execution, None);
    assert!(stored.plan.arn.ends_with(&format!(":backup-plan:{id}")));
    assert!(!stored.plan.version_id.is_empty());
    assert_eq!(stored.rules, req.rules);
    assert_eq!(
        s.names(HOME_REGION).last().map(String::as_str),
        Some("weekly-dr")
    );
    let err = get(&s.account, "us-west-2", &id).unwrap_err();
    assert_eq!(err.kind, ErrorKind::NotFound);
}

#[test]
fn the_same_creator_request_id_answers_the_same_plan() {
    let mut s = setup();
    let req = request("weekly-dr");
    let first = s.create(&req).unwrap();
    assert_eq!(s.create(&req).unwrap(), first);
    assert_eq!(s.names(HOME_REGION).len(), 4);
    let mut changed = req.clone();
    changed.rules[0].schedule = "cron(0 6 ? * * *)".into();
    let err = s.create(&changed).unwrap_err();
    assert!(
        err.message
            .contains("CreatorRequestId request-weekly-dr was already used")
    );
}

#[test]
fn a_duplicate_name_is_refused_in_its_region_only() {
    let mut s = setup();
    let mut again = request("prod-dr");
    let err = s.create(&again).unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidInput);
    assert_eq!(
        err.message,
        "AlreadyExistsException: Backup plan prod-dr already exists"
    );
    again.region = "us-west-2".into();
    again.rules[0].copy_actions.clear();
    s.create(&again).unwrap();
    assert_eq!(s.names("us-west-2"), ["prod-dr"]);
}

#[test]
fn rules_are_checked_as_aws_checks_them() {
    let mut s = setup();
    let with = |change: &dyn Fn(&mut PlanRequest)| {
        let mut req = request("checked");
        change(&mut req);
        req
    };
    let cases: Vec<(PlanRequest, ErrorKind, &str)> = vec![
        (
            with(&|r| r.name = "has space".into()),
            ErrorKind::InvalidInput,
            "BackupPlanName: Plan names use only letters",
        ),
        (
            with(&|r| r.rules.clear()),
            ErrorKind::InvalidInput,
            "at least one rule",
        ),
        (
            with(&|r| {
                let twin = r.rules[0].clone();
                r.rules.push(twin);
            }),
            ErrorKind::InvalidInput,
            "rule name daily is used twice",
        ),
        (
            with(&|r| r.rules[0].target_vault = "dr-west".into()),
            ErrorKind::NotFound,
            "Rules[0]: backup vault dr-west does not exist in us-east-1",
        ),
        (
            with(&|r| r.rules[0].start_window_minutes = Some(30)),
            ErrorKind::InvalidInput,
            "Rules[0]: StartWindowMinutes must be 60",
        ),
        (
            with(&|r| r.rules[0].schedule = "rate(1 day)".into()),
            ErrorKind::InvalidInput,
            "Rules[0]: AWS Backup schedules are cron expressions only",
        ),
        (
            with(&|r| r.rules[0].lifecycle = keep(Some(30), Some(60))),
            ErrorKind::InvalidInput,
            "Rules[0].Lifecycle: Expire at least 90 days after",
        ),
        (
            with(&|r| r.rules[0].lifecycle = keep(Some(-1), Some(-1))),
            ErrorKind::InvalidInput,
            "Rules[0].Lifecycle: Cold storage days must be 1 or more",
        ),
        (
            with(&|r| {
                r.rules[0].continuous = true;
                r.rules[0].lifecycle = keep(None, Some(90));
            }),
            ErrorKind::InvalidInput,
            "Continuous backups are kept 1 to 35 days",
        ),
        (
            with(&|r| {
                r.rules[0].copy_actions[0].destination_vault_arn = vault_arn("us-west-2", "gone")
            }),
            ErrorKind::NotFound,
            "Rules[0].CopyActions[0]: destination backup vault arn:aws:backup:us-west-2:123456789012:backup-vault:gone does not exist",
        ),
        (
            with(&|r| {
                r.rules[0].copy_actions[0].destination_vault_arn =
                    vault_arn("ap-east-1", "hk-local")
            }),
            ErrorKind::InvalidInput,
            "cross-Region copy is not available in ap-east-1",
        ),
        (
            with(&|r| r.rules[0].copy_actions[0].lifecycle = keep(Some(10), Some(20))),
            ErrorKind::InvalidInput,
            "Rules[0].CopyActions[0].Lifecycle: Expire at least 90 days after",
        ),
    ];
    for (req, kind, says) in cases {
        let err = s.create(&req).unwrap_err();
        assert_eq!(err.kind, kind, "{}", err.message);
        assert!(
            err.message.contains(says),
            "{:?} lacks {says:?}",
            err.message
        );
    }
    assert_eq!(s.names(HOME_REGION).len(), 3, "no plan was made");
    // A copy rule may keep its copies forever; a continuous rule within 35 days is fine.
    let forever = with(&|r| {
        r.rules[0].copy_actions[0].lifecycle = keep(Some(-1), Some(-1));
        r.rules.push(BackupRule {
            name: "pitr".into(),
            continuous: true,
            lifecycle: keep(None, Some(35)),
            copy_actions: Vec::new(),
            ..r.rules[0].clone()
        });
    });
    s.create(&forever).unwrap();
}

/// UpdateBackupPlan of the seeded plan `name` with its rules changed by `change`.
fn update_request(
    s: &Setup,
    name: &str,
    change: &dyn Fn(&mut Vec<BackupRule>),
) -> PlanUpdateRequest {
    let details = s
        .account
        .region(HOME_REGION)
        .plans
        .iter()
        .find(|p| *p.plan.name == *name)
        .cloned()
        .unwrap();
    let mut rules = details.rules;
    change(&mut rules);
    PlanUpdateRequest {
        region: HOME_REGION.into(),
        plan_id: details.plan.id.to_string(),
        name: name.into(),
        rules,
    }
}

#[test]
fn an_update_makes_a_new_version_keeping_the_plan_and_its_rule_ids() {
    let mut s = setup();
    let req = update_request(&s, "prod-dr", &|rules| {
        rules[0].completion_window_minutes = Some(1440);
        rules.push(BackupRule {
            id: None,
            name: "weekly".into(),
            schedule: "cron(0 5 ? * SUN *)".into(),
            copy_actions: Vec::new(),
            ..rules[0].clone()
        });
    });
    let before = get(&s.account, HOME_REGION, &req.plan_id).unwrap();
    let version = update(&mut s.account, &mut s.ids, &req).unwrap();
    assert_eq!(version.len(), 48, "{version}");
    assert_ne!(version, before.plan.version_id.as_str());
    let after = get(&s.account, HOME_REGION, &req.plan_id).unwrap();
    assert_eq!(after.plan.id, before.plan.id);
    assert_eq!(after.plan.arn, before.plan.arn);
    assert_eq!(after.plan.version_id.as_str(), version);
    assert_eq!(after.rules[0].completion_window_minutes, Some(1440));
    // Rules that keep their name keep their RuleId; the new one gets its own.
    assert_eq!(after.rules[0].id, before.rules[0].id);
    assert_eq!(after.rules[1].id, before.rules[1].id);
    let new_id = after.rules[2].id.clone().expect("the new rule has an id");
    assert!(before.rules.iter().all(|r| r.id.as_ref() != Some(&new_id)));
    assert_eq!(after.rules[2].name, "weekly");
    // ListBackupPlans answers the new version.
    let listed = s
        .account
        .region(HOME_REGION)
        .plans
        .iter()
        .find(|p| p.plan.id == before.plan.id)
        .map(|p| p.plan.version_id.to_string());
    assert_eq!(listed, Some(version));
    assert_eq!(s.names(HOME_REGION).len(), 3, "no plan was added");
}

#[test]
fn an_update_of_an_unknown_plan_or_with_a_bad_rule_is_refused() {
    let mut s = setup();
    let mut unknown = update_request(&s, "prod-dr", &|_| {});
    unknown.plan_id = "00000000-0000-0000-0000-000000000000".into();
    let err = update(&mut s.account, &mut s.ids, &unknown).unwrap_err();
    assert_eq!(err.kind, ErrorKind::NotFound);
    assert_eq!(
        err.message,
        "ResourceNotFoundException: backup plan 00000000-0000-0000-0000-000000000000 not found in us-east-1"
    );
    let short = update_request(&s, "daily-35d-retention", &|rules| {
        rules[0].start_window_minutes = Some(480);
        rules[0].completion_window_minutes = Some(480);
    });
    let err = update(&mut s.account, &mut s.ids, &short).unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidInput);
    assert_eq!(
        err.message,
        "InvalidParameterValueException: Rules[0]: The completion window must be longer than the start window (480 minutes)."
    );
    let empty = update_request(&s, "daily-35d-retention", &|rules| rules.clear());
    let err = update(&mut s.account, &mut s.ids, &empty).unwrap_err();
    assert!(err.message.contains("at least one rule"), "{}", err.message);
    let mut taken = update_request(&s, "daily-35d-retention", &|_| {});
    taken.name = "prod-dr".into();
    let err = update(&mut s.account, &mut s.ids, &taken).unwrap_err();
    assert_eq!(
        err.message,
        "AlreadyExistsException: Backup plan prod-dr already exists"
    );
    // Nothing was stored: the plan keeps its version.
    let plan = get(&s.account, HOME_REGION, &short.plan_id).unwrap();
    let seeded = get(&seed(0), HOME_REGION, &short.plan_id).unwrap();
    assert_eq!(plan, seeded);
}
