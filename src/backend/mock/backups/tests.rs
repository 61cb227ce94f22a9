//! StartBackupJob in the demo account: AWS's refusals, idempotency, the job's progress over
//! listings and the recovery point it leaves.

use super::*;
use crate::backend::mock::fixtures::{BACKUP_ROLE, HOME_REGION};
use crate::backend::mock::{MockBackend, MockOptions};
use crate::backend::{BackupBackend, ErrorKind, Page};
use crate::domain::Lifecycle;
use crate::domain::settings::SettingsRequest;
use futures::TryStreamExt;
use std::collections::BTreeMap;

const ORDERS: &str = "arn:aws:dynamodb:us-east-1:123456789012:table/orders";

fn mock() -> MockBackend {
    MockBackend::new(MockOptions::default())
}

/// A backup of `orders` into prod-daily under the default role, AWS's defaults otherwise.
fn orders() -> BackupRequest {
    BackupRequest {
        region: HOME_REGION.into(),
        vault_name: "prod-daily".into(),
        resource_arn: ORDERS.into(),
        resource_name: "orders".into(),
        iam_role_arn: BACKUP_ROLE.into(),
        idempotency_token: "token-orders".into(),
        start_window_minutes: None,
        complete_window_minutes: None,
        lifecycle: None,
    }
}

fn expiring(days: i64) -> Option<Lifecycle> {
    Some(Lifecycle {
        move_to_cold_storage_after_days: None,
        delete_after_days: Some(days),
    })
}

async fn refusal(mock: &MockBackend, request: BackupRequest) -> (ErrorKind, String) {
    let error = mock.start_backup_job(&request).await.expect_err("refused");
    (error.kind, error.message)
}

async fn jobs(mock: &MockBackend) -> Vec<BackupJob> {
    mock.list_backup_jobs(HOME_REGION)
        .try_collect::<Vec<Page<BackupJob>>>()
        .await
        .unwrap()
        .into_iter()
        .flat_map(|p| p.items)
        .collect()
}

async fn job(mock: &MockBackend, id: &str) -> BackupJob {
    jobs(mock)
        .await
        .into_iter()
        .find(|j| &*j.id == id)
        .expect("the job is listed")
}

async fn points_of(mock: &MockBackend, resource_arn: &str) -> Vec<RecoveryPoint> {
    mock.list_recovery_points_by_resource(HOME_REGION, resource_arn)
        .try_collect::<Vec<Page<RecoveryPoint>>>()
        .await
        .unwrap()
        .into_iter()
        .flat_map(|p| p.items)
        .collect()
}

#[tokio::test]
async fn the_job_runs_to_completion_and_leaves_an_on_demand_recovery_point() {
    let mock = mock();
    let request = BackupRequest {
        lifecycle: expiring(35),
        ..orders()
    };
    let id = mock.start_backup_job(&request).await.unwrap();
    let before = points_of(&mock, ORDERS).await.len();
    let progress: Vec<(BackupJobState, Option<u8>)> = {
        let mut seen = Vec::new();
        for _ in 0..3 {
            let j = job(&mock, &id).await;
            seen.push((j.state, j.percent_done));
        }
        seen
    };
    assert_eq!(
        progress,
        vec![
            (BackupJobState::Running, Some(33)),
            (BackupJobState::Running, Some(66)),
            (BackupJobState::Completed, Some(100)),
        ]
    );
    let done = job(&mock, &id).await;
    assert_eq!(done.state, BackupJobState::Completed, "it stays COMPLETED");
    assert_eq!(done.created, DEMO_NOW + Duration::minutes(1));
    assert_eq!(done.completed, Some(DEMO_NOW + Duration::minutes(13)));
    let arn = done
        .recovery_point_arn
        .clone()
        .expect("the job names its point");

    let points = points_of(&mock, ORDERS).await;
    assert_eq!(points.len(), before + 1);
    let point = points
        .iter()
        .find(|rp| rp.arn == arn)
        .expect("listed by resource");
    assert!(arn.starts_with("arn:aws:backup:us-east-1:123456789012:recovery-point:"));
    assert_eq!(point.status, RecoveryPointStatus::Completed);
    assert_eq!(point.created_by, None, "on demand");
    assert_eq!(&*point.vault_name, "prod-daily");
    assert_eq!(&*point.iam_role_arn, BACKUP_ROLE);
    assert_eq!(point.lifecycle, expiring(35).unwrap());
    assert_eq!(point.created, done.created);
    assert_eq!(done.size_bytes, point.size_bytes);

    let in_vault: Vec<RecoveryPoint> = mock
        .list_recovery_points_by_vault(HOME_REGION, "prod-daily")
        .try_collect::<Vec<Page<RecoveryPoint>>>()
        .await
        .unwrap()
        .into_iter()
        .flat_map(|p| p.items)
        .collect();
    assert!(in_vault.iter().any(|rp| rp.arn == arn));
    let resources: Vec<ProtectedResource> = mock
        .list_protected_resources(HOME_REGION)
        .try_collect::<Vec<Page<ProtectedResource>>>()
        .await
        .unwrap()
        .into_iter()
        .flat_map(|p| p.items)
        .collect();
    let orders = resources.iter().find(|r| &*r.arn == ORDERS).unwrap();
    assert_eq!(orders.last_backup, Some(done.created));
    assert_eq!(orders.last_recovery_point_arn.as_ref(), Some(&arn));
}

#[tokio::test]
async fn a_repeated_token_answers_the_same_job_and_starts_nothing_more() {
    let mock = mock();
    let first = mock.start_backup_job(&orders()).await.unwrap();
    let again = mock.start_backup_job(&orders()).await.unwrap();
    assert_eq!(first, again);
    let started: Vec<BackupJob> = jobs(&mock)
        .await
        .into_iter()
        .filter(|j| j.created > DEMO_NOW)
        .collect();
    assert_eq!(started.len(), 1);
    let other = BackupRequest {
        vault_name: "Default".into(),
        ..orders()
    };
    assert_eq!(
        refusal(&mock, other).await,
        (
            ErrorKind::InvalidInput,
            "InvalidParameterValueException: IdempotencyToken token-orders was already used with different parameters".into()
        )
    );
}

#[tokio::test]
async fn a_vault_or_resource_not_in_the_region_is_not_found() {
    let mock = mock();
    let no_vault = BackupRequest {
        vault_name: "nope".into(),
        ..orders()
    };
    assert_eq!(
        refusal(&mock, no_vault).await,
        (
            ErrorKind::NotFound,
            "ResourceNotFoundException: backup vault nope does not exist in us-east-1".into()
        )
    );
    let elsewhere = BackupRequest {
        region: "eu-central-1".into(),
        vault_name: "eu-prod".into(),
        ..orders()
    };
    assert_eq!(
        refusal(&mock, elsewhere).await,
        (
            ErrorKind::NotFound,
            format!(
                "ResourceNotFoundException: resource {ORDERS} not found in eu-central-1 (StartBackupJob is called in the resource's own Region)"
            )
        )
    );
}

#[tokio::test]
async fn a_missing_or_unknown_role_is_refused() {
    let mock = mock();
    let none = BackupRequest {
        iam_role_arn: String::new(),
        ..orders()
    };
    assert_eq!(
        refusal(&mock, none).await.1,
        "MissingParameterValueException: IamRoleArn is required"
    );
    let unknown = BackupRequest {
        iam_role_arn: "arn:aws:iam::123456789012:role/Nobody".into(),
        ..orders()
    };
    assert_eq!(
        refusal(&mock, unknown).await.1,
        "InvalidParameterValueException: IAM role arn:aws:iam::123456789012:role/Nobody does not exist or cannot be assumed by AWS Backup"
    );
}

#[tokio::test]
async fn a_service_not_opted_in_is_refused_in_aws_words() {
    let mock = mock();
    mock.update_region_settings(&SettingsRequest {
        region: HOME_REGION.into(),
        opt_in: BTreeMap::from([("DynamoDB".to_string(), false)]),
        management: BTreeMap::new(),
    })
    .await
    .unwrap();
    assert_eq!(
        refusal(&mock, orders()).await,
        (
            ErrorKind::InvalidInput,
            "InvalidRequestException: resource type DynamoDB is not opted in for AWS Backup in us-east-1; opt in with UpdateRegionSettings first".into()
        )
    );
}

#[tokio::test]
async fn windows_and_lifecycle_are_checked() {
    let mock = mock();
    let short_start = BackupRequest {
        start_window_minutes: Some(30),
        ..orders()
    };
    assert_eq!(
        refusal(&mock, short_start).await.1,
        "InvalidParameterValueException: Start within at least 60 minutes (30 given)."
    );
    let short_completion = BackupRequest {
        start_window_minutes: Some(120),
        complete_window_minutes: Some(90),
        ..orders()
    };
    assert_eq!(
        refusal(&mock, short_completion).await.1,
        "InvalidParameterValueException: Complete within must be longer than the start window (2 hours): more than 120 minutes."
    );
    let cold_too_close = BackupRequest {
        lifecycle: Some(Lifecycle {
            move_to_cold_storage_after_days: Some(30),
            delete_after_days: Some(100),
        }),
        ..orders()
    };
    assert!(
        refusal(&mock, cold_too_close)
            .await
            .1
            .starts_with("InvalidParameterValueException: Lifecycle: Expire at least 90 days")
    );
}

#[tokio::test]
async fn vault_lock_refuses_a_retention_outside_its_range() {
    let mock = mock();
    let locked = |lifecycle| BackupRequest {
        vault_name: "compliance-locked".into(),
        lifecycle,
        ..orders()
    };
    assert_eq!(
        refusal(&mock, locked(expiring(7))).await.1,
        "InvalidRequestException: Vault compliance-locked is locked (Vault Lock): it keeps recovery points 30 to 3650 days, so 7 days is too short. Set the expiry within that range."
    );
    assert!(
        refusal(&mock, locked(None))
            .await
            .1
            .contains("a backup that never expires is too long")
    );
    assert!(mock.start_backup_job(&locked(expiring(365))).await.is_ok());
}

#[tokio::test]
async fn read_only_refuses_before_anything_is_started() {
    let mock = MockBackend::new(MockOptions {
        read_only: true,
        ..MockOptions::default()
    });
    let error = mock.start_backup_job(&orders()).await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::ReadOnly);
    assert!(jobs(&mock).await.iter().all(|j| j.created <= DEMO_NOW));
}

#[tokio::test]
async fn describe_moves_the_job_on_until_it_completes_and_an_unknown_job_is_not_found() {
    let mock = mock();
    let id = mock.start_backup_job(&orders()).await.expect("started");
    let mut states = Vec::new();
    for _ in 0..10 {
        let job = mock
            .describe_backup_job(HOME_REGION, &id)
            .await
            .expect("described");
        states.push(job.state);
        if job.state == BackupJobState::Completed {
            assert!(job.recovery_point_arn.is_some(), "{job:?}");
            break;
        }
    }
    assert_eq!(states.first(), Some(&BackupJobState::Running), "{states:?}");
    assert_eq!(
        states.last(),
        Some(&BackupJobState::Completed),
        "{states:?}"
    );
    let error = mock
        .describe_backup_job(HOME_REGION, "NO-SUCH-JOB")
        .await
        .expect_err("unknown");
    assert_eq!(error.kind, ErrorKind::NotFound);
    assert!(error.message.contains("NO-SUCH-JOB"), "{}", error.message);
}
