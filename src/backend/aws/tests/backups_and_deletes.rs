//! On-demand backups, deleting recovery points and editing plans over mocks: each write sends
//! exactly the reviewed request in the request's Region, answers convert, and the refusals AWS
//! gives (missing vault, locked vault, busy point, invalid plan, throttling, read-only) come
//! out classified with AWS's own words.

use super::{Harness, Slot, calls, http_answer, ok_pages, recording, refs, retrying, throttled};
use crate::backend::{BackupBackend, ErrorKind};
use crate::domain::backup::BackupRequest;
use crate::domain::delete::DeleteRequest;
use crate::domain::plan::{BackupRule, CopyAction, PlanUpdateRequest};
use crate::domain::{BackupJobState, Lifecycle};
use aws_sdk_backup::Client;
use aws_sdk_backup::operation::delete_recovery_point::{
    DeleteRecoveryPointInput, DeleteRecoveryPointOutput,
};
use aws_sdk_backup::operation::list_backup_jobs::ListBackupJobsOutput;
use aws_sdk_backup::operation::start_backup_job::{StartBackupJobInput, StartBackupJobOutput};
use aws_sdk_backup::operation::update_backup_plan::{
    UpdateBackupPlanInput, UpdateBackupPlanOutput,
};
use aws_sdk_backup::types as bk;
use aws_smithy_mocks::{Rule, mock};
use aws_smithy_types::DateTime;

const ACCOUNT: &str = "123456789012";
const ROLE: &str = "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole";
const TABLE: &str = "arn:aws:dynamodb:eu-west-1:123456789012:table/orders";

fn vault_arn(region: &str, name: &str) -> String {
    format!("arn:aws:backup:{region}:{ACCOUNT}:backup-vault:{name}")
}

fn point_arn(region: &str, id: &str) -> String {
    format!("arn:aws:backup:{region}:{ACCOUNT}:recovery-point:{id}")
}

fn lifecycle(cold: Option<i64>, delete: Option<i64>) -> Lifecycle {
    Lifecycle {
        move_to_cold_storage_after_days: cold,
        delete_after_days: delete,
    }
}

/// A backup of a table in eu-west-1 (not the home Region), windows and lifecycle as given.
fn backup_request(
    start: Option<i64>,
    complete: Option<i64>,
    lifecycle: Option<Lifecycle>,
) -> BackupRequest {
    BackupRequest {
        region: "eu-west-1".into(),
        vault_name: "prod".into(),
        resource_arn: TABLE.into(),
        resource_name: "orders".into(),
        iam_role_arn: ROLE.into(),
        idempotency_token: "backup-token-1".into(),
        start_window_minutes: start,
        complete_window_minutes: complete,
        lifecycle,
    }
}

fn delete_request() -> DeleteRequest {
    DeleteRequest {
        region: "eu-west-1".into(),
        vault_name: "prod".into(),
        recovery_point_arn: point_arn("eu-west-1", "rp-1"),
        resource_name: "orders".into(),
    }
}

/// The plan as the editor sends it: rules read back from GetBackupPlan keep their RuleIds.
fn update_request() -> PlanUpdateRequest {
    let daily = BackupRule {
        id: Some("rule-id-daily".into()),
        name: "daily".into(),
        target_vault: "Default".into(),
        schedule: "cron(0 5 ? * * *)".into(),
        start_window_minutes: Some(120),
        completion_window_minutes: Some(1440),
        lifecycle: lifecycle(Some(30), Some(365)),
        continuous: true,
        copy_actions: vec![CopyAction {
            destination_vault_arn: vault_arn("eu-central-1", "dr"),
            lifecycle: lifecycle(None, Some(120)),
        }],
    };
    let weekly = BackupRule {
        id: Some("rule-id-weekly".into()),
        name: "weekly".into(),
        target_vault: "Default".into(),
        schedule: "cron(0 5 ? * 1 *)".into(),
        ..BackupRule::default()
    };
    PlanUpdateRequest {
        region: "us-east-1".into(),
        plan_id: "plan-1".into(),
        name: "daily-dr".into(),
        rules: vec![daily, weekly],
    }
}

fn start_backup_rule(store: Slot<StartBackupJobInput>) -> Rule {
    mock!(Client::start_backup_job).then_compute_output(move |input| {
        *store.lock().unwrap() = Some(input.clone());
        StartBackupJobOutput::builder()
            .backup_job_id("backup-job-1")
            .build()
    })
}

#[tokio::test]
async fn start_backup_job_sends_exactly_the_reviewed_request() {
    let cases = [
        backup_request(None, None, None),
        backup_request(Some(60), Some(720), Some(lifecycle(Some(30), Some(120)))),
        backup_request(None, Some(120), Some(lifecycle(None, Some(-1)))),
    ];
    for request in cases {
        let (store, seen) = recording::<StartBackupJobInput>();
        let rule = start_backup_rule(store);
        let h = Harness::new(&[&rule]);
        let got = h.backend.start_backup_job(&request).await;
        assert_eq!(got.as_deref(), Ok("backup-job-1"), "{request:?}");

        let input = seen
            .lock()
            .unwrap()
            .take()
            .expect("StartBackupJob was called");
        assert_eq!(input.backup_vault_name(), Some("prod"));
        assert_eq!(input.resource_arn(), Some(TABLE));
        assert_eq!(input.iam_role_arn(), Some(ROLE));
        assert_eq!(input.idempotency_token(), Some("backup-token-1"));
        assert_eq!(input.start_window_minutes(), request.start_window_minutes);
        assert_eq!(
            input.complete_window_minutes(),
            request.complete_window_minutes
        );
        let sent_lifecycle = input
            .lifecycle()
            .map(|l| (l.move_to_cold_storage_after_days(), l.delete_after_days()));
        let wanted_lifecycle = request
            .lifecycle
            .map(|l| (l.move_to_cold_storage_after_days, l.delete_after_days));
        assert_eq!(sent_lifecycle, wanted_lifecycle);
        assert!(input.recovery_point_tags().is_none(), "nothing unasked");
        assert!(input.backup_options().is_none(), "nothing unasked");

        // On the wire: the review's JSON, sent to the resource's Region.
        let sent = h.sent();
        assert_eq!(sent.len(), 1);
        let shown: serde_json::Value =
            serde_json::from_str(&request.api_json()).expect("the review's JSON");
        assert_eq!(sent[0].json(), shown, "{request:?}");
        assert_eq!(
            sent[0].uri,
            "https://backup.eu-west-1.amazonaws.com/backup-jobs"
        );
    }
}

#[tokio::test]
async fn a_retried_backup_sends_the_same_idempotency_token() {
    let rule = mock!(Client::start_backup_job)
        .sequence()
        .http_response(throttled)
        .output(|| {
            StartBackupJobOutput::builder()
                .backup_job_id("backup-after-retry")
                .build()
        })
        .build();
    let mut h = Harness::new(&[&rule]);
    let job = h
        .backend
        .start_backup_job(&backup_request(None, None, None))
        .await;
    assert_eq!(job.as_deref(), Ok("backup-after-retry"));
    let sent = h.sent();
    assert_eq!(sent.len(), 2, "the first attempt and its retry");
    assert_eq!(sent[0].body, sent[1].body, "the retry is the same request");
    assert_eq!(sent[1].json()["IdempotencyToken"], "backup-token-1");
    assert_eq!(h.drain_events(), [retrying("StartBackupJob", 2)]);
}

#[tokio::test]
async fn an_answer_without_a_job_id_is_a_service_error() {
    let rule =
        mock!(Client::start_backup_job).then_output(|| StartBackupJobOutput::builder().build());
    let h = Harness::new(&[&rule]);
    let error = h
        .backend
        .start_backup_job(&backup_request(None, None, None))
        .await
        .expect_err("no job to follow");
    assert_eq!(error.kind, ErrorKind::Service);
}

/// The error a StartBackupJob answered with `status`, `code` and `message`, after one call.
async fn backup_refused(status: u16, code: &str, message: &str) -> crate::backend::BackendError {
    let body = format!(r#"{{"Message":"{message}"}}"#);
    let code = code.to_string();
    let rule = mock!(Client::start_backup_job)
        .then_http_response(move || http_answer(status, Some(&code), &body));
    let h = Harness::new(&[&rule]);
    let error = h
        .backend
        .start_backup_job(&backup_request(None, None, None))
        .await
        .expect_err("refused");
    assert_eq!(rule.num_calls(), 1, "a refusal is not retried");
    error
}

#[tokio::test]
async fn a_refused_backup_is_classified_with_the_reason_aws_gave() {
    let missing = backup_refused(
        400,
        "ResourceNotFoundException",
        "Backup vault prod does not exist",
    )
    .await;
    assert_eq!(missing.kind, ErrorKind::NotFound);
    assert_eq!(missing.message, "Backup vault prod does not exist");

    let invalid = backup_refused(
        400,
        "InvalidParameterValueException",
        "StartWindowMinutes must be at least 60",
    )
    .await;
    assert_eq!(invalid.kind, ErrorKind::InvalidInput);
    assert_eq!(
        invalid.message,
        "InvalidParameterValueException: StartWindowMinutes must be at least 60"
    );

    let not_opted_in = backup_refused(
        400,
        "InvalidRequestException",
        "Resource type DynamoDB is not opted in",
    )
    .await;
    assert_eq!(not_opted_in.kind, ErrorKind::InvalidInput);
    assert!(not_opted_in.message.contains("not opted in"));

    let denied = backup_refused(
        403,
        "AccessDeniedException",
        "User: arn:aws:iam::123456789012:user/ops is not authorized to perform: iam:PassRole",
    )
    .await;
    assert_eq!(denied.kind, ErrorKind::AccessDenied);
    assert!(
        denied
            .message
            .starts_with("backup:StartBackupJob was denied"),
        "{}",
        denied.message
    );
    assert!(
        denied.message.contains("iam:PassRole"),
        "{}",
        denied.message
    );
}

#[tokio::test]
async fn delete_recovery_point_names_the_vault_and_point_in_its_region() {
    let (store, seen) = recording::<DeleteRecoveryPointInput>();
    let rule = mock!(Client::delete_recovery_point).then_compute_output(move |input| {
        *store.lock().unwrap() = Some(input.clone());
        DeleteRecoveryPointOutput::builder().build()
    });
    let h = Harness::new(&[&rule]);
    h.backend
        .delete_recovery_point(&delete_request())
        .await
        .expect("deleted");
    let input = seen
        .lock()
        .unwrap()
        .take()
        .expect("DeleteRecoveryPoint was called");
    assert_eq!(input.backup_vault_name(), Some("prod"));
    assert_eq!(
        input.recovery_point_arn(),
        Some(point_arn("eu-west-1", "rp-1").as_str())
    );
    let sent = h.sent();
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0].uri,
        "https://backup.eu-west-1.amazonaws.com/backup-vaults/prod/recovery-points/\
         arn%3Aaws%3Abackup%3Aeu-west-1%3A123456789012%3Arecovery-point%3Arp-1",
        "both travel in the path, to the point's Region"
    );
    assert!(sent[0].body.is_empty(), "no body");
}

/// The error a DeleteRecoveryPoint answered with `code` and `message`, after one call.
async fn delete_refused(code: &str, message: &str) -> crate::backend::BackendError {
    let body = format!(r#"{{"Message":"{message}"}}"#);
    let code = code.to_string();
    let rule = mock!(Client::delete_recovery_point)
        .then_http_response(move || http_answer(400, Some(&code), &body));
    let h = Harness::new(&[&rule]);
    let error = h
        .backend
        .delete_recovery_point(&delete_request())
        .await
        .expect_err("refused");
    assert_eq!(rule.num_calls(), 1, "a refusal is not retried");
    error
}

#[tokio::test]
async fn a_refused_deletion_keeps_aws_reason_for_the_screen() {
    let locked = delete_refused(
        "InvalidRequestException",
        "Recovery point cannot be deleted because the vault is locked with a minimum retention period of 7 days",
    )
    .await;
    assert_eq!(locked.kind, ErrorKind::InvalidInput);
    assert!(
        locked
            .message
            .ends_with("minimum retention period of 7 days"),
        "{}",
        locked.message
    );

    let busy = delete_refused(
        "InvalidResourceStateException",
        "Recovery point is being created and cannot be deleted",
    )
    .await;
    assert_eq!(busy.kind, ErrorKind::InvalidInput);
    assert_eq!(
        busy.message,
        "InvalidResourceStateException: Recovery point is being created and cannot be deleted"
    );

    let gone = delete_refused("ResourceNotFoundException", "Recovery point not found").await;
    assert_eq!(gone.kind, ErrorKind::NotFound);
    assert_eq!(gone.message, "Recovery point not found");
}

#[tokio::test]
async fn update_backup_plan_sends_the_whole_plan_without_rule_ids() {
    let (store, seen) = recording::<UpdateBackupPlanInput>();
    let rule = mock!(Client::update_backup_plan).then_compute_output(move |input| {
        *store.lock().unwrap() = Some(input.clone());
        UpdateBackupPlanOutput::builder()
            .backup_plan_id("plan-1")
            .version_id("v2")
            .build()
    });
    let h = Harness::new(&[&rule]);
    let request = update_request();
    let version = h.backend.update_backup_plan(&request).await;
    assert_eq!(version.as_deref(), Ok("v2"), "the new version id");

    let input = seen
        .lock()
        .unwrap()
        .take()
        .expect("UpdateBackupPlan was called");
    assert_eq!(input.backup_plan_id(), Some("plan-1"));
    let plan = input.backup_plan().expect("a plan");
    assert_eq!(plan.backup_plan_name(), "daily-dr");
    let [daily, weekly] = plan.rules() else {
        panic!("two rules: {:?}", plan.rules());
    };
    assert_eq!(daily.rule_name(), "daily");
    assert_eq!(daily.target_backup_vault_name(), "Default");
    assert_eq!(daily.schedule_expression(), Some("cron(0 5 ? * * *)"));
    assert_eq!(daily.start_window_minutes(), Some(120));
    assert_eq!(daily.completion_window_minutes(), Some(1440));
    let cycle = daily.lifecycle().expect("a lifecycle");
    assert_eq!(cycle.move_to_cold_storage_after_days(), Some(30));
    assert_eq!(cycle.delete_after_days(), Some(365));
    assert_eq!(daily.enable_continuous_backup(), Some(true));
    let [copy] = daily.copy_actions() else {
        panic!("one copy action: {:?}", daily.copy_actions());
    };
    assert_eq!(
        copy.destination_backup_vault_arn(),
        vault_arn("eu-central-1", "dr")
    );
    assert_eq!(
        copy.lifecycle()
            .map(|l| (l.move_to_cold_storage_after_days(), l.delete_after_days())),
        Some((None, Some(120)))
    );
    assert_eq!(weekly.rule_name(), "weekly");
    assert_eq!(weekly.schedule_expression(), Some("cron(0 5 ? * 1 *)"));
    assert_eq!(weekly.start_window_minutes(), None);
    assert_eq!(weekly.completion_window_minutes(), None);
    assert!(weekly.lifecycle().is_none());
    assert_eq!(weekly.enable_continuous_backup(), None);
    assert!(weekly.copy_actions.is_none(), "no empty CopyActions list");

    // On the wire: the review's JSON but the plan id, which travels in the path; no RuleId.
    let sent = h.sent();
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0].uri,
        "https://backup.us-east-1.amazonaws.com/backup/plans/plan-1"
    );
    let mut shown: serde_json::Value =
        serde_json::from_str(&request.api_json()).expect("the review's JSON");
    let path_member = shown
        .as_object_mut()
        .and_then(|body| body.remove("BackupPlanId"));
    assert_eq!(path_member, Some("plan-1".into()));
    assert_eq!(sent[0].json(), shown);
    let wire = String::from_utf8_lossy(&sent[0].body);
    assert!(!wire.contains("RuleId"), "{wire}");
    assert!(!wire.contains("rule-id-"), "{wire}");
}

#[tokio::test]
async fn a_plan_update_without_a_version_id_is_a_service_error() {
    let rule = mock!(Client::update_backup_plan).then_output(|| {
        UpdateBackupPlanOutput::builder()
            .backup_plan_id("plan-1")
            .build()
    });
    let h = Harness::new(&[&rule]);
    let error = h
        .backend
        .update_backup_plan(&update_request())
        .await
        .expect_err("no version");
    assert_eq!(error.kind, ErrorKind::Service);
    assert!(error.message.contains("no version id"), "{}", error.message);
}

#[tokio::test]
async fn a_refused_plan_update_is_classified_with_the_reason_aws_gave() {
    // The SDK counts LimitExceededException as throttling and tries again; it is still a
    // quota the user must act on, not a passing rate limit.
    let answers = [
        (
            "ResourceNotFoundException",
            "Backup plan plan-1 does not exist",
            ErrorKind::NotFound,
            1,
        ),
        (
            "InvalidParameterValueException",
            "Invalid lifecycle. DeleteAfterDays must be 90 days greater than MoveToColdStorageAfterDays",
            ErrorKind::InvalidInput,
            1,
        ),
        (
            "LimitExceededException",
            "A backup plan can have at most 100 rules",
            ErrorKind::InvalidInput,
            3,
        ),
    ];
    for (code, message, kind, attempts) in answers {
        let body = format!(r#"{{"Message":"{message}"}}"#);
        let rule = mock!(Client::update_backup_plan)
            .then_http_response(move || http_answer(400, Some(code), &body));
        let h = Harness::new(&[&rule]);
        let error = h
            .backend
            .update_backup_plan(&update_request())
            .await
            .expect_err(code);
        assert_eq!(error.kind, kind, "{code}");
        assert!(error.message.contains(message), "{}", error.message);
        assert_eq!(rule.num_calls(), attempts, "{code}");
    }
}

#[tokio::test]
async fn throttling_on_every_attempt_of_each_write_is_reported() {
    let backup = mock!(Client::start_backup_job).then_http_response(throttled);
    let delete = mock!(Client::delete_recovery_point).then_http_response(throttled);
    let update = mock!(Client::update_backup_plan).then_http_response(throttled);
    let mut h = Harness::new(&[&backup, &delete, &update]);
    let b = &h.backend;
    let results = [
        b.start_backup_job(&backup_request(None, None, None))
            .await
            .map(drop),
        b.delete_recovery_point(&delete_request()).await,
        b.update_backup_plan(&update_request()).await.map(drop),
    ];
    for result in results {
        assert_eq!(result.map_err(|e| e.kind), Err(ErrorKind::Throttled));
    }
    assert_eq!(calls(&[backup, delete, update]), [3, 3, 3]);
    let tokens: Vec<serde_json::Value> = h
        .sent()
        .iter()
        .take(3)
        .map(|s| s.json()["IdempotencyToken"].clone())
        .collect();
    assert_eq!(tokens, ["backup-token-1"; 3], "every attempt, one token");
    assert_eq!(
        h.drain_events(),
        [
            retrying("StartBackupJob", 2),
            retrying("StartBackupJob", 3),
            retrying("DeleteRecoveryPoint", 2),
            retrying("DeleteRecoveryPoint", 3),
            retrying("UpdateBackupPlan", 2),
            retrying("UpdateBackupPlan", 3),
        ]
    );
}

#[tokio::test]
async fn read_only_refuses_backups_deletions_and_plan_edits_before_sending() {
    let backup = mock!(Client::start_backup_job)
        .then_output(|| StartBackupJobOutput::builder().backup_job_id("j").build());
    let delete = mock!(Client::delete_recovery_point)
        .then_output(|| DeleteRecoveryPointOutput::builder().build());
    let update = mock!(Client::update_backup_plan)
        .then_output(|| UpdateBackupPlanOutput::builder().version_id("v").build());
    let jobs = mock!(Client::list_backup_jobs).then_output(|| {
        ListBackupJobsOutput::builder()
            .backup_jobs(bk::BackupJob::builder().backup_job_id("j-1").build())
            .build()
    });
    let h = Harness::with(&[&backup, &delete, &update, &jobs], |s| s.read_only = true);
    let b = &h.backend;
    let refusals = [
        (
            b.start_backup_job(&backup_request(None, None, None))
                .await
                .map(drop),
            "StartBackupJob",
        ),
        (
            b.delete_recovery_point(&delete_request()).await,
            "DeleteRecoveryPoint",
        ),
        (
            b.update_backup_plan(&update_request()).await.map(drop),
            "UpdateBackupPlan",
        ),
    ];
    for (result, operation) in refusals {
        let error = result.expect_err(operation);
        assert_eq!(error.kind, ErrorKind::ReadOnly, "{operation}: {error:?}");
        assert!(error.message.contains(operation), "{}", error.message);
    }
    assert!(h.sent().is_empty(), "no write reached the wire");
    assert_eq!(calls(&[backup, delete, update]), [0, 0, 0]);

    // Following the jobs still reads.
    let pages = ok_pages(b.list_backup_jobs("us-east-1")).await;
    assert_eq!(&*pages[0].items[0].id, "j-1");
    assert_eq!(jobs.num_calls(), 1);
}

#[tokio::test]
async fn a_followed_backup_job_converts_state_progress_and_recovery_point() {
    let job = |id: &str, state: bk::BackupJobState| {
        bk::BackupJob::builder()
            .backup_job_id(id)
            .state(state)
            .resource_arn(TABLE)
            .resource_type("DynamoDB")
            .backup_vault_name("prod")
            .backup_vault_arn(vault_arn("eu-west-1", "prod"))
            .iam_role_arn(ROLE)
            .creation_date(DateTime::from_secs(1_700_000_000))
    };
    let rules = [mock!(Client::list_backup_jobs).then_output(move || {
        ListBackupJobsOutput::builder()
            .backup_jobs(
                job("job-running", bk::BackupJobState::Running)
                    .percent_done("42.0")
                    .recovery_point_arn(point_arn("eu-west-1", "rp-new"))
                    .build(),
            )
            .backup_jobs(
                job("job-done", bk::BackupJobState::Completed)
                    .percent_done("100.0")
                    .recovery_point_arn(point_arn("eu-west-1", "rp-done"))
                    .completion_date(DateTime::from_secs(1_700_000_900))
                    .backup_size_in_bytes(4096)
                    .build(),
            )
            .backup_jobs(job("job-queued", bk::BackupJobState::Created).build())
            .build()
    })];
    let h = Harness::new(&refs(&rules));
    let pages = ok_pages(h.backend.list_backup_jobs("eu-west-1")).await;
    let [running, done, queued] = pages[0].items.as_slice() else {
        panic!("three jobs: {pages:?}");
    };
    assert_eq!(running.state, BackupJobState::Running);
    assert_eq!(running.percent_done, Some(42));
    assert_eq!(
        running.recovery_point_arn.as_deref(),
        Some(point_arn("eu-west-1", "rp-new").as_str())
    );
    assert_eq!(&*running.resource_name, "orders");
    assert_eq!(&*running.vault_name, "prod");
    assert_eq!(running.completed, None);

    assert_eq!(done.state, BackupJobState::Completed);
    assert_eq!(done.percent_done, Some(100));
    assert_eq!(done.size_bytes, Some(4096));
    assert!(done.completed.is_some());
    assert_eq!(
        done.recovery_point_arn.as_deref(),
        Some(point_arn("eu-west-1", "rp-done").as_str())
    );

    assert_eq!(queued.state, BackupJobState::Created);
    assert_eq!(queued.percent_done, None);
    assert_eq!(queued.recovery_point_arn, None);
    assert_eq!(
        h.sent()[0].uri,
        "https://backup.eu-west-1.amazonaws.com/backup-jobs?maxResults=200"
    );
}

#[tokio::test]
async fn describe_backup_job_converts_what_following_a_job_needs() {
    let rule = mock!(Client::describe_backup_job)
        .match_requests(|i| i.backup_job_id() == Some("JOB-7"))
        .then_output(|| {
            aws_sdk_backup::operation::describe_backup_job::DescribeBackupJobOutput::builder()
                .backup_job_id("JOB-7")
                .state(bk::BackupJobState::Completed)
                .status_message("Done")
                .resource_arn(TABLE)
                .resource_type("DynamoDB")
                .backup_vault_name("prod-daily")
                .recovery_point_arn(format!(
                    "arn:aws:backup:eu-west-1:{ACCOUNT}:recovery-point:RP-1"
                ))
                .creation_date(DateTime::from_secs(1_700_000_000))
                .completion_date(DateTime::from_secs(1_700_000_600))
                .percent_done("100.0")
                .iam_role_arn(ROLE)
                .build()
        });
    let h = Harness::new(&[&rule]);
    let job = h
        .backend
        .describe_backup_job("eu-west-1", "JOB-7")
        .await
        .expect("described");
    assert_eq!(&*job.id, "JOB-7");
    assert_eq!(job.state, BackupJobState::Completed);
    assert_eq!(job.status_message.as_deref(), Some("Done"));
    assert_eq!(&*job.vault_name, "prod-daily");
    assert_eq!(&*job.resource_name, "orders");
    assert!(
        job.recovery_point_arn
            .as_deref()
            .is_some_and(|arn| arn.ends_with(":recovery-point:RP-1"))
    );
    assert_eq!(job.percent_done, Some(100));
    assert_eq!(rule.num_calls(), 1);
    let sent = h.sent();
    assert!(
        sent[0].uri.contains("/backup-jobs/JOB-7"),
        "{}",
        sent[0].uri
    );
    assert!(sent[0].uri.contains("backup.eu-west-1."), "{}", sent[0].uri);
}
