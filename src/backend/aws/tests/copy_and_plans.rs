//! Cross-Region copy, backup plans, vault creation and service opt-in over mocks: each write
//! sends exactly the reviewed request, each answer converts field by field, and the failures
//! (denied, invalid, throttled, read-only) come out as for every other call.

use super::{
    Harness, Slot, calls, http_answer, nexts, ok_pages, recording, refs, retrying, throttled,
};
use crate::backend::{BackupBackend, ErrorKind};
use crate::domain::copy::CopyRequest;
use crate::domain::plan::{BackupRule, CopyAction, PlanRequest};
use crate::domain::settings::SettingsRequest;
use crate::domain::{CopyJob, CopyJobState, Lifecycle, ResourceType, VaultRequest};
use aws_sdk_backup::Client;
use aws_sdk_backup::operation::create_backup_plan::{
    CreateBackupPlanInput, CreateBackupPlanOutput,
};
use aws_sdk_backup::operation::create_backup_vault::CreateBackupVaultOutput;
use aws_sdk_backup::operation::describe_copy_job::DescribeCopyJobOutput;
use aws_sdk_backup::operation::describe_region_settings::DescribeRegionSettingsOutput;
use aws_sdk_backup::operation::get_backup_plan::GetBackupPlanOutput;
use aws_sdk_backup::operation::list_backup_plans::ListBackupPlansOutput;
use aws_sdk_backup::operation::start_copy_job::{StartCopyJobInput, StartCopyJobOutput};
use aws_sdk_backup::operation::update_region_settings::{
    UpdateRegionSettingsInput, UpdateRegionSettingsOutput,
};
use aws_sdk_backup::types as bk;
use aws_smithy_mocks::{Rule, mock};
use aws_smithy_types::DateTime;
use std::collections::{BTreeMap, HashMap};
use time::OffsetDateTime;

const ACCOUNT: &str = "123456789012";
const ROLE: &str = "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole";

fn vault_arn(region: &str, name: &str) -> String {
    format!("arn:aws:backup:{region}:{ACCOUNT}:backup-vault:{name}")
}

fn point_arn(region: &str, id: &str) -> String {
    format!("arn:aws:backup:{region}:{ACCOUNT}:recovery-point:{id}")
}

fn at(secs: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(secs).expect("a valid time")
}

/// A copy from us-east-1 to ca-central-1, as the copy wizard builds it.
fn copy_request(lifecycle: Option<Lifecycle>) -> CopyRequest {
    CopyRequest {
        region: "us-east-1".into(),
        recovery_point_arn: point_arn("us-east-1", "ebs-data-1"),
        source_vault_name: "Default".into(),
        destination_vault_arn: vault_arn("ca-central-1", "dr"),
        iam_role_arn: ROLE.into(),
        idempotency_token: "copy-token-1".into(),
        lifecycle,
    }
}

fn lifecycle(cold: Option<i64>, delete: Option<i64>) -> Lifecycle {
    Lifecycle {
        move_to_cold_storage_after_days: cold,
        delete_after_days: delete,
    }
}

/// A rule with every optional member set, and a copy rule to another Region.
fn full_rule() -> BackupRule {
    BackupRule {
        id: None,
        name: "daily".into(),
        target_vault: "Default".into(),
        schedule: "cron(0 5 ? * * *)".into(),
        start_window_minutes: Some(60),
        completion_window_minutes: Some(120),
        lifecycle: lifecycle(Some(30), Some(365)),
        continuous: true,
        copy_actions: vec![CopyAction {
            destination_vault_arn: vault_arn("eu-central-1", "dr"),
            lifecycle: lifecycle(None, Some(120)),
        }],
    }
}

/// A rule with only the required members (and a schedule, which the wizard always sets).
fn bare_rule() -> BackupRule {
    BackupRule {
        name: "weekly".into(),
        target_vault: "Default".into(),
        schedule: "cron(0 5 ? * 1 *)".into(),
        ..BackupRule::default()
    }
}

fn plan_request(rules: Vec<BackupRule>) -> PlanRequest {
    PlanRequest {
        region: "us-east-1".into(),
        name: "daily-dr".into(),
        rules,
        creator_request_id: "backup-tui-plan-1".into(),
    }
}

fn vault_request() -> VaultRequest {
    VaultRequest {
        region: "ca-central-1".into(),
        name: "dr".into(),
        creator_request_id: "backup-tui-vault-1".into(),
    }
}

fn settings_request(opt_in: &[(&str, bool)], management: &[(&str, bool)]) -> SettingsRequest {
    let map = |pairs: &[(&str, bool)]| -> BTreeMap<String, bool> {
        pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    };
    SettingsRequest {
        region: "eu-west-1".into(),
        opt_in: map(opt_in),
        management: map(management),
    }
}

fn start_copy_rule(store: Slot<StartCopyJobInput>) -> Rule {
    mock!(Client::start_copy_job).then_compute_output(move |input| {
        *store.lock().unwrap() = Some(input.clone());
        StartCopyJobOutput::builder()
            .copy_job_id("copy-job-1")
            .build()
    })
}

#[tokio::test]
async fn start_copy_job_sends_exactly_the_reviewed_request() {
    let never_expire = lifecycle(Some(-1), Some(-1));
    for wanted in [None, Some(lifecycle(None, Some(120))), Some(never_expire)] {
        let (store, seen) = recording::<StartCopyJobInput>();
        let rule = start_copy_rule(store);
        let h = Harness::new(&[&rule]);
        let request = copy_request(wanted);
        let got = h.backend.start_copy_job(&request).await;
        assert_eq!(got.as_deref(), Ok("copy-job-1"), "{wanted:?}");

        let input = seen
            .lock()
            .unwrap()
            .take()
            .expect("StartCopyJob was called");
        assert_eq!(
            input.recovery_point_arn(),
            Some(point_arn("us-east-1", "ebs-data-1").as_str())
        );
        assert_eq!(input.source_backup_vault_name(), Some("Default"));
        assert_eq!(
            input.destination_backup_vault_arn(),
            Some(vault_arn("ca-central-1", "dr").as_str())
        );
        assert_eq!(input.iam_role_arn(), Some(ROLE));
        assert_eq!(input.idempotency_token(), Some("copy-token-1"));
        let sent_lifecycle = input
            .lifecycle()
            .map(|l| (l.move_to_cold_storage_after_days(), l.delete_after_days()));
        let wanted_lifecycle =
            wanted.map(|l| (l.move_to_cold_storage_after_days, l.delete_after_days));
        assert_eq!(
            sent_lifecycle, wanted_lifecycle,
            "-1 goes through unchanged"
        );

        // On the wire: the review's JSON, sent to the source Region.
        let sent = h.sent();
        assert_eq!(sent.len(), 1);
        let shown: serde_json::Value =
            serde_json::from_str(&request.api_json()).expect("the review's JSON");
        assert_eq!(sent[0].json(), shown, "{wanted:?}");
        assert_eq!(
            sent[0].uri,
            "https://backup.us-east-1.amazonaws.com/copy-jobs"
        );
    }
}

#[tokio::test]
async fn a_retried_copy_sends_the_same_idempotency_token() {
    let rule = mock!(Client::start_copy_job)
        .sequence()
        .http_response(throttled)
        .output(|| {
            StartCopyJobOutput::builder()
                .copy_job_id("copy-after-retry")
                .build()
        })
        .build();
    let mut h = Harness::new(&[&rule]);
    let job = h.backend.start_copy_job(&copy_request(None)).await;
    assert_eq!(job.as_deref(), Ok("copy-after-retry"));
    let sent = h.sent();
    assert_eq!(sent.len(), 2, "the first attempt and its retry");
    assert_eq!(sent[0].body, sent[1].body, "the retry is the same request");
    assert_eq!(sent[1].json()["IdempotencyToken"], "copy-token-1");
    assert_eq!(h.drain_events(), [retrying("StartCopyJob", 2)]);
}

#[tokio::test]
async fn describe_copy_job_converts_every_field() {
    let rule = mock!(Client::describe_copy_job)
        .match_requests(|i| i.copy_job_id() == Some("copy-42"))
        .then_output(|| {
            DescribeCopyJobOutput::builder()
                .copy_job(
                    bk::CopyJob::builder()
                        .copy_job_id("copy-42")
                        .state(bk::CopyJobState::Completed)
                        .status_message("Copied")
                        .resource_arn("arn:aws:ec2:us-east-1:123456789012:volume/vol-0abc")
                        .resource_type("EBS")
                        .resource_name("data")
                        .source_recovery_point_arn(point_arn("us-east-1", "ebs-data-1"))
                        .source_backup_vault_arn(vault_arn("us-east-1", "Default"))
                        .destination_backup_vault_arn(vault_arn("ca-central-1", "dr"))
                        .destination_recovery_point_arn(point_arn("ca-central-1", "copy-1"))
                        .creation_date(DateTime::from_secs(1_700_000_000))
                        .completion_date(DateTime::from_secs(1_700_000_600))
                        .backup_size_in_bytes(10_737_418_240)
                        .iam_role_arn(ROLE)
                        .build(),
                )
                .build()
        });
    let h = Harness::new(&[&rule]);
    let got = h
        .backend
        .describe_copy_job("us-east-1", "copy-42")
        .await
        .expect("described");
    let want = CopyJob {
        id: "copy-42".into(),
        state: CopyJobState::Completed,
        status_message: Some("Copied".into()),
        resource_arn: "arn:aws:ec2:us-east-1:123456789012:volume/vol-0abc".into(),
        resource_name: "data".into(),
        resource_type: ResourceType::Ebs,
        source_recovery_point_arn: point_arn("us-east-1", "ebs-data-1").as_str().into(),
        source_vault_arn: vault_arn("us-east-1", "Default").as_str().into(),
        destination_vault_arn: vault_arn("ca-central-1", "dr").as_str().into(),
        destination_recovery_point_arn: Some(point_arn("ca-central-1", "copy-1").as_str().into()),
        created: at(1_700_000_000),
        completed: Some(at(1_700_000_600)),
        size_bytes: Some(10_737_418_240),
        iam_role_arn: ROLE.into(),
    };
    assert_eq!(got, want);
    assert_eq!(rule.num_calls(), 1);
}

#[tokio::test]
async fn a_copy_job_in_a_state_aws_added_later_shows_as_created() {
    let rule = mock!(Client::describe_copy_job).then_output(|| {
        DescribeCopyJobOutput::builder()
            .copy_job(
                bk::CopyJob::builder()
                    .copy_job_id("copy-43")
                    .state(bk::CopyJobState::from("ARCHIVING"))
                    .build(),
            )
            .build()
    });
    let h = Harness::new(&[&rule]);
    let job = h.backend.describe_copy_job("us-east-1", "copy-43").await;
    assert_eq!(job.map(|j| j.state), Ok(CopyJobState::Created));
}

#[tokio::test]
async fn an_answer_without_the_copy_job_is_a_service_error() {
    let rule =
        mock!(Client::describe_copy_job).then_output(|| DescribeCopyJobOutput::builder().build());
    let h = Harness::new(&[&rule]);
    let error = h
        .backend
        .describe_copy_job("us-east-1", "copy-44")
        .await
        .expect_err("no job to show");
    assert_eq!(error.kind, ErrorKind::Service);
}

fn listed_plan(n: usize, k: usize) -> bk::BackupPlansListMember {
    bk::BackupPlansListMember::builder()
        .backup_plan_id(format!("plan-{n}-{k}"))
        .backup_plan_arn(format!(
            "arn:aws:backup:us-east-1:{ACCOUNT}:backup-plan:plan-{n}-{k}"
        ))
        .backup_plan_name(format!("plan {n}.{k}"))
        .version_id(format!("v{n}{k}"))
        .creation_date(DateTime::from_secs(1_700_000_000))
        .build()
}

#[tokio::test]
async fn backup_plans_arrive_page_by_page_without_deleted_ones() {
    let (rules, inputs) = three_pages!(Client::list_backup_plans, next_token, |n, next| {
        ListBackupPlansOutput::builder()
            .backup_plans_list(listed_plan(n, 1))
            .backup_plans_list(listed_plan(n, 2))
            .set_next_token(next)
            .build()
    });
    let h = Harness::new(&refs(&rules));
    let pages = ok_pages(h.backend.list_backup_plans("us-east-1")).await;
    assert_eq!(nexts(&pages), [Some("t1"), Some("t2"), None]);
    assert_eq!(calls(&rules), [1, 1, 1], "one request per page");
    let ids: Vec<Vec<String>> = pages
        .iter()
        .map(|p| p.items.iter().map(|plan| plan.id.to_string()).collect())
        .collect();
    assert_eq!(
        ids,
        [
            ["plan-1-1", "plan-1-2"],
            ["plan-2-1", "plan-2-2"],
            ["plan-3-1", "plan-3-2"]
        ]
    );
    assert_eq!(&*pages[1].items[0].name, "plan 2.1");
    for input in inputs.lock().unwrap().iter() {
        assert_eq!(input.include_deleted(), Some(false));
        assert_eq!(input.max_results(), Some(200));
    }
}

#[tokio::test]
async fn get_backup_plan_returns_its_rules_and_copy_actions() {
    let rule = mock!(Client::get_backup_plan)
        .match_requests(|i| i.backup_plan_id() == Some("plan-1"))
        .then_output(|| {
            let copy = bk::CopyAction::builder()
                .destination_backup_vault_arn(vault_arn("eu-central-1", "dr"))
                .lifecycle(bk::Lifecycle::builder().delete_after_days(120).build())
                .build()
                .expect("a copy action");
            let rule = bk::BackupRule::builder()
                .rule_name("daily")
                .rule_id("rule-id-1")
                .target_backup_vault_name("Default")
                .schedule_expression("cron(0 5 ? * * *)")
                .start_window_minutes(60)
                .completion_window_minutes(120)
                .lifecycle(
                    bk::Lifecycle::builder()
                        .move_to_cold_storage_after_days(30)
                        .delete_after_days(365)
                        .build(),
                )
                .enable_continuous_backup(true)
                .copy_actions(copy)
                .build()
                .expect("a rule");
            GetBackupPlanOutput::builder()
                .backup_plan(
                    bk::BackupPlan::builder()
                        .backup_plan_name("daily-dr")
                        .rules(rule)
                        .build()
                        .expect("a plan"),
                )
                .backup_plan_id("plan-1")
                .backup_plan_arn(format!(
                    "arn:aws:backup:us-east-1:{ACCOUNT}:backup-plan:plan-1"
                ))
                .version_id("v1")
                .creation_date(DateTime::from_secs(1_700_000_000))
                .last_execution_date(DateTime::from_secs(1_700_086_400))
                .build()
        });
    let h = Harness::new(&[&rule]);
    let details = h
        .backend
        .get_backup_plan("us-east-1", "plan-1")
        .await
        .expect("the plan");
    assert_eq!(&*details.plan.id, "plan-1");
    assert_eq!(&*details.plan.name, "daily-dr");
    assert_eq!(&*details.plan.version_id, "v1");
    assert_eq!(details.plan.created, at(1_700_000_000));
    assert_eq!(details.plan.last_execution, Some(at(1_700_086_400)));
    let read_back = BackupRule {
        id: Some("rule-id-1".into()),
        ..full_rule()
    };
    assert_eq!(details.rules, [read_back], "the RuleId is kept for editing");
}

#[tokio::test]
async fn create_backup_plan_sends_only_the_members_a_rule_sets() {
    let (store, seen) = recording::<CreateBackupPlanInput>();
    let rule = mock!(Client::create_backup_plan).then_compute_output(move |input| {
        *store.lock().unwrap() = Some(input.clone());
        CreateBackupPlanOutput::builder()
            .backup_plan_id("plan-new")
            .build()
    });
    let h = Harness::new(&[&rule]);
    let request = plan_request(vec![full_rule(), bare_rule()]);
    let got = h.backend.create_backup_plan(&request).await;
    assert_eq!(got.as_deref(), Ok("plan-new"));

    let input = seen
        .lock()
        .unwrap()
        .take()
        .expect("CreateBackupPlan was called");
    assert_eq!(input.creator_request_id(), Some("backup-tui-plan-1"));
    let plan = input.backup_plan().expect("a plan");
    assert_eq!(plan.backup_plan_name(), "daily-dr");
    let [full, bare] = plan.rules() else {
        panic!("two rules: {:?}", plan.rules());
    };
    assert_eq!(full.rule_name(), "daily");
    assert_eq!(full.target_backup_vault_name(), "Default");
    assert_eq!(full.schedule_expression(), Some("cron(0 5 ? * * *)"));
    assert_eq!(full.start_window_minutes(), Some(60));
    assert_eq!(full.completion_window_minutes(), Some(120));
    let cycle = full.lifecycle().expect("a lifecycle");
    assert_eq!(cycle.move_to_cold_storage_after_days(), Some(30));
    assert_eq!(cycle.delete_after_days(), Some(365));
    assert_eq!(full.enable_continuous_backup(), Some(true));
    let [copy] = full.copy_actions() else {
        panic!("one copy action: {:?}", full.copy_actions());
    };
    assert_eq!(
        copy.destination_backup_vault_arn(),
        vault_arn("eu-central-1", "dr")
    );
    assert_eq!(
        copy.lifecycle().and_then(|l| l.delete_after_days()),
        Some(120)
    );

    assert_eq!(bare.rule_name(), "weekly");
    assert_eq!(bare.start_window_minutes(), None);
    assert_eq!(bare.completion_window_minutes(), None);
    assert!(bare.lifecycle().is_none());
    assert_eq!(bare.enable_continuous_backup(), None);
    assert!(bare.copy_actions.is_none(), "no empty CopyActions list");

    let sent = h.sent();
    assert_eq!(sent.len(), 1);
    let shown: serde_json::Value =
        serde_json::from_str(&request.api_json()).expect("the review's JSON");
    assert_eq!(sent[0].json(), shown);
    assert_eq!(
        sent[0].uri,
        "https://backup.us-east-1.amazonaws.com/backup/plans"
    );
}

#[tokio::test]
async fn create_backup_vault_returns_the_new_vaults_arn() {
    let rule = mock!(Client::create_backup_vault)
        .match_requests(|i| {
            i.backup_vault_name() == Some("dr")
                && i.creator_request_id() == Some("backup-tui-vault-1")
        })
        .then_output(|| {
            CreateBackupVaultOutput::builder()
                .backup_vault_name("dr")
                .backup_vault_arn(vault_arn("ca-central-1", "dr"))
                .build()
        });
    let h = Harness::new(&[&rule]);
    let arn = h.backend.create_backup_vault(&vault_request()).await;
    assert_eq!(arn, Ok(vault_arn("ca-central-1", "dr")));
    let sent = h.sent();
    assert_eq!(
        sent[0].uri, "https://backup.ca-central-1.amazonaws.com/backup-vaults/dr",
        "made in the destination Region, the name in the path"
    );
    assert_eq!(
        sent[0].json(),
        serde_json::json!({"CreatorRequestId": "backup-tui-vault-1"})
    );
}

#[tokio::test]
async fn describe_region_settings_converts_both_maps() {
    let rule = mock!(Client::describe_region_settings).then_output(|| {
        DescribeRegionSettingsOutput::builder()
            .resource_type_opt_in_preference("DynamoDB", true)
            .resource_type_opt_in_preference("Redshift", false)
            .resource_type_opt_in_preference("SAP HANA on Amazon EC2", true)
            .resource_type_management_preference("DynamoDB", false)
            .resource_type_management_preference("EFS", true)
            .build()
    });
    let h = Harness::new(&[&rule]);
    let settings = h
        .backend
        .describe_region_settings("eu-west-1")
        .await
        .expect("the settings");
    assert_eq!(settings.region, "eu-west-1");
    let map = |pairs: &[(&str, bool)]| -> BTreeMap<String, bool> {
        pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    };
    assert_eq!(
        settings.opt_in,
        map(&[
            ("DynamoDB", true),
            ("Redshift", false),
            ("SAP HANA on Amazon EC2", true)
        ])
    );
    assert_eq!(
        settings.management,
        map(&[("DynamoDB", false), ("EFS", true)])
    );
    assert_eq!(
        h.sent()[0].uri,
        "https://backup.eu-west-1.amazonaws.com/account-settings"
    );
}

/// The maps UpdateRegionSettings sent for `request`, and the body on the wire.
async fn update_settings(
    request: &SettingsRequest,
) -> (
    Option<HashMap<String, bool>>,
    Option<HashMap<String, bool>>,
    serde_json::Value,
) {
    let (store, seen) = recording::<UpdateRegionSettingsInput>();
    let rule = mock!(Client::update_region_settings).then_compute_output(move |input| {
        *store.lock().unwrap() = Some(input.clone());
        UpdateRegionSettingsOutput::builder().build()
    });
    let h = Harness::new(&[&rule]);
    h.backend
        .update_region_settings(request)
        .await
        .expect("updated");
    let input = seen
        .lock()
        .unwrap()
        .take()
        .expect("UpdateRegionSettings was called");
    let sent = h.sent();
    assert_eq!(
        sent[0].uri,
        "https://backup.eu-west-1.amazonaws.com/account-settings"
    );
    let shown: serde_json::Value =
        serde_json::from_str(&request.api_json()).expect("the review's JSON");
    assert_eq!(sent[0].json(), shown);
    (
        input.resource_type_opt_in_preference().cloned(),
        input.resource_type_management_preference().cloned(),
        sent[0].json(),
    )
}

#[tokio::test]
async fn update_region_settings_sends_only_the_opt_in_map() {
    let request = settings_request(&[("Redshift", true), ("FSx", false)], &[]);
    let (opt_in, management, body) = update_settings(&request).await;
    let want = HashMap::from([("Redshift".to_string(), true), ("FSx".to_string(), false)]);
    assert_eq!(opt_in, Some(want));
    assert_eq!(management, None);
    assert!(body.get("ResourceTypeManagementPreference").is_none());
}

#[tokio::test]
async fn update_region_settings_sends_only_the_management_map() {
    let request = settings_request(&[], &[("DynamoDB", true)]);
    let (opt_in, management, body) = update_settings(&request).await;
    assert_eq!(opt_in, None);
    assert_eq!(
        management,
        Some(HashMap::from([("DynamoDB".to_string(), true)]))
    );
    assert!(body.get("ResourceTypeOptInPreference").is_none());
}

#[tokio::test]
async fn a_denied_copy_names_the_iam_action() {
    let rule = mock!(Client::start_copy_job).then_http_response(|| {
        http_answer(
            403,
            Some("AccessDeniedException"),
            r#"{"Message":"User: arn:aws:iam::123456789012:user/ops is not authorized to perform: backup:StartCopyJob"}"#,
        )
    });
    let h = Harness::new(&[&rule]);
    let error = h
        .backend
        .start_copy_job(&copy_request(None))
        .await
        .expect_err("denied");
    assert_eq!(error.kind, ErrorKind::AccessDenied);
    assert!(
        error.message.starts_with("backup:StartCopyJob was denied"),
        "{}",
        error.message
    );
    assert!(error.message.contains("user/ops"), "{}", error.message);
    assert_eq!(rule.num_calls(), 1, "not retried");
}

#[tokio::test]
async fn denied_reads_name_their_iam_actions() {
    let denied = || {
        http_answer(
            403,
            Some("AccessDeniedException"),
            r#"{"Message":"not authorized"}"#,
        )
    };
    let plans = mock!(Client::get_backup_plan).then_http_response(denied);
    let settings = mock!(Client::describe_region_settings).then_http_response(denied);
    let h = Harness::new(&[&plans, &settings]);
    let plan = h.backend.get_backup_plan("us-east-1", "plan-1").await;
    let opt_in = h.backend.describe_region_settings("us-east-1").await;
    for (result, action) in [
        (plan.map(drop), "backup:GetBackupPlan was denied"),
        (opt_in.map(drop), "backup:DescribeRegionSettings was denied"),
    ] {
        let error = result.expect_err("denied");
        assert_eq!(error.kind, ErrorKind::AccessDenied);
        assert!(error.message.starts_with(action), "{}", error.message);
    }
}

#[tokio::test]
async fn an_invalid_plan_keeps_the_message_aws_gave() {
    let message = "Invalid lifecycle. DeleteAfterDays must be 90 days greater than MoveToColdStorageAfterDays";
    let rule = mock!(Client::create_backup_plan).then_http_response(move || {
        let body = format!(
            r#"{{"Code":"ERROR_2501","Context":"Lifecycle","Message":"{message}","Type":"User"}}"#
        );
        http_answer(400, Some("InvalidParameterValueException"), &body)
    });
    let h = Harness::new(&[&rule]);
    let error = h
        .backend
        .create_backup_plan(&plan_request(vec![full_rule()]))
        .await
        .expect_err("refused");
    assert_eq!(error.kind, ErrorKind::InvalidInput);
    assert!(error.message.contains(message), "{}", error.message);
    assert_eq!(rule.num_calls(), 1, "not retried");
}

#[tokio::test]
async fn an_existing_vault_name_says_to_choose_another() {
    let rule = mock!(Client::create_backup_vault).then_http_response(|| {
        http_answer(
            400,
            Some("AlreadyExistsException"),
            r#"{"Message":"Backup vault with the same name already exists"}"#,
        )
    });
    let h = Harness::new(&[&rule]);
    let error = h
        .backend
        .create_backup_vault(&vault_request())
        .await
        .expect_err("exists");
    assert_eq!(error.kind, ErrorKind::InvalidInput);
    assert_eq!(
        error.message,
        "CreateBackupVault refused: Backup vault with the same name already exists. \
         Choose another name."
    );
}

#[tokio::test]
async fn throttled_reads_are_retried_then_answer() {
    let settings = mock!(Client::describe_region_settings)
        .sequence()
        .http_response(throttled)
        .output(|| {
            DescribeRegionSettingsOutput::builder()
                .resource_type_opt_in_preference("EFS", true)
                .build()
        })
        .build();
    let plans = mock!(Client::list_backup_plans)
        .sequence()
        .http_response(throttled)
        .output(|| {
            ListBackupPlansOutput::builder()
                .backup_plans_list(listed_plan(1, 1))
                .build()
        })
        .build();
    let mut h = Harness::new(&[&settings, &plans]);
    let got = h.backend.describe_region_settings("us-east-1").await;
    assert!(got.expect("answered after a retry").is_opted_in("EFS"));
    let pages = ok_pages(h.backend.list_backup_plans("us-east-1")).await;
    assert_eq!(&*pages[0].items[0].id, "plan-1-1");
    assert_eq!(calls(&[settings, plans]), [2, 2]);
    assert_eq!(
        h.drain_events(),
        [
            retrying("DescribeRegionSettings", 2),
            retrying("ListBackupPlans", 2)
        ]
    );
}

#[tokio::test]
async fn throttling_on_every_attempt_of_a_plan_is_reported() {
    let rule = mock!(Client::create_backup_plan).then_http_response(throttled);
    let h = Harness::new(&[&rule]);
    let error = h
        .backend
        .create_backup_plan(&plan_request(vec![bare_rule()]))
        .await
        .expect_err("throttled");
    assert_eq!(error.kind, ErrorKind::Throttled);
    assert_eq!(rule.num_calls(), 3, "the SDK tried max_attempts times");
    let sent = h.sent();
    assert!(
        sent.iter()
            .all(|s| s.json()["CreatorRequestId"] == "backup-tui-plan-1"),
        "every attempt carries the same CreatorRequestId"
    );
}

#[tokio::test]
async fn read_only_refuses_every_new_write_before_sending_but_reads_pass() {
    let copy = mock!(Client::start_copy_job)
        .then_output(|| StartCopyJobOutput::builder().copy_job_id("c").build());
    let plan = mock!(Client::create_backup_plan).then_output(|| {
        CreateBackupPlanOutput::builder()
            .backup_plan_id("p")
            .build()
    });
    let vault = mock!(Client::create_backup_vault).then_output(|| {
        CreateBackupVaultOutput::builder()
            .backup_vault_arn("a")
            .build()
    });
    let update = mock!(Client::update_region_settings)
        .then_output(|| UpdateRegionSettingsOutput::builder().build());
    let settings = mock!(Client::describe_region_settings).then_output(|| {
        DescribeRegionSettingsOutput::builder()
            .resource_type_opt_in_preference("S3", true)
            .build()
    });
    let plans = mock!(Client::list_backup_plans).then_output(|| {
        ListBackupPlansOutput::builder()
            .backup_plans_list(listed_plan(1, 1))
            .build()
    });
    let h = Harness::with(&[&copy, &plan, &vault, &update, &settings, &plans], |s| {
        s.read_only = true
    });
    let b = &h.backend;
    let refusals = [
        (
            b.start_copy_job(&copy_request(None)).await.map(drop),
            "StartCopyJob",
        ),
        (
            b.create_backup_plan(&plan_request(vec![full_rule()]))
                .await
                .map(drop),
            "CreateBackupPlan",
        ),
        (
            b.create_backup_vault(&vault_request()).await.map(drop),
            "CreateBackupVault",
        ),
        (
            b.update_region_settings(&settings_request(&[("S3", false)], &[]))
                .await,
            "UpdateRegionSettings",
        ),
    ];
    for (result, operation) in refusals {
        let error = result.expect_err(operation);
        assert_eq!(error.kind, ErrorKind::ReadOnly, "{operation}: {error:?}");
        assert!(error.message.contains(operation), "{}", error.message);
    }
    assert!(h.sent().is_empty(), "no write reached the wire");
    assert_eq!(calls(&[copy, plan, vault, update]), [0, 0, 0, 0]);

    let opted = b.describe_region_settings("us-east-1").await;
    assert!(opted.expect("reads pass").is_opted_in("S3"));
    let pages = ok_pages(b.list_backup_plans("us-east-1")).await;
    assert_eq!(&*pages[0].items[0].id, "plan-1-1");
    assert_eq!(calls(&[settings, plans]), [1, 1]);
}
