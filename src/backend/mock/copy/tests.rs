use super::*;
use crate::backend::mock::fixtures::{BACKUP_ROLE, HOME_REGION};
use crate::backend::mock::{MockBackend, MockOptions};
use crate::backend::{BackupBackend, ErrorKind};
use crate::domain::restore::RestoreRequest;
use crate::domain::{RestoreJobStatus, VaultRequest};
use futures::TryStreamExt;
use std::collections::BTreeMap;

fn mock() -> MockBackend {
    MockBackend::new(MockOptions::default())
}

/// The newest recovery point of `resource` in `region` that `pick` accepts.
fn point(
    mock: &MockBackend,
    region: &str,
    resource: &str,
    pick: impl Fn(&RecoveryPoint) -> bool,
) -> RecoveryPoint {
    let state = mock.lock();
    let found = state
        .account
        .region(region)
        .recovery_points
        .iter()
        .filter(|rp| &*rp.resource_name == resource && pick(rp))
        .max_by_key(|rp| rp.created)
        .cloned();
    found.unwrap_or_else(|| panic!("no such recovery point of {resource} in {region}"))
}

fn copyable(rp: &RecoveryPoint) -> bool {
    rp.status.is_restorable()
        && rp.storage_class == StorageClass::Warm
        && rp.kind == BackupKind::Snapshot
}

fn vault_arn(region: &str, name: &str) -> String {
    format!("arn:aws:backup:{region}:{ACCOUNT_ID}:backup-vault:{name}")
}

/// A copy of `rp` (in `region`) into `vault` of `to`, under the default role.
fn request(rp: &RecoveryPoint, region: &str, to: &str, vault: &str) -> CopyRequest {
    CopyRequest {
        region: region.into(),
        recovery_point_arn: rp.arn.to_string(),
        source_vault_name: rp.vault_name.to_string(),
        destination_vault_arn: vault_arn(to, vault),
        iam_role_arn: BACKUP_ROLE.into(),
        idempotency_token: format!("token-{}-{to}-{vault}", rp.short_id()),
        lifecycle: None,
    }
}

fn keep(cold: Option<i64>, delete: Option<i64>) -> Option<Lifecycle> {
    Some(Lifecycle {
        move_to_cold_storage_after_days: cold,
        delete_after_days: delete,
    })
}

/// Describes the job until it ends; returns the states seen and the final job.
pub(super) async fn poll_to_end(
    mock: &MockBackend,
    region: &str,
    job_id: &str,
) -> (Vec<CopyJobState>, CopyJob) {
    let mut states = Vec::new();
    for _ in 0..10 {
        let job = mock.describe_copy_job(region, job_id).await.unwrap();
        states.push(job.state);
        if job.completed.is_some() {
            return (states, job);
        }
    }
    panic!("copy job {job_id} never ended: {states:?}");
}

async fn refusal(mock: &MockBackend, req: &CopyRequest, kind: ErrorKind, says: &str) {
    let err = mock.start_copy_job(req).await.unwrap_err();
    assert_eq!(err.kind, kind, "{}", err.message);
    assert!(
        err.message.contains(says),
        "{:?} lacks {says:?}",
        err.message
    );
}

fn copy_jobs(mock: &MockBackend, region: &str) -> usize {
    mock.lock().account.region(region).copy_jobs.len()
}

#[tokio::test]
async fn the_newest_acme_media_snapshot_copied_to_a_new_vault_in_canada_completes_and_restores_there()
 {
    let mock = mock();
    let vault = VaultRequest {
        region: "ca-central-1".into(),
        name: "acme-media-dr".into(),
        creator_request_id: "vault-1".into(),
    };
    let vault_arn = mock.create_backup_vault(&vault).await.unwrap();
    let source = point(&mock, HOME_REGION, "acme-media", copyable);
    assert_eq!(
        source.created,
        DEMO_NOW - Duration::days(1) - Duration::minutes(425)
    );
    let mut req = request(&source, HOME_REGION, "ca-central-1", "acme-media-dr");
    req.lifecycle = keep(None, Some(120));
    assert_eq!(req.destination_vault_arn, vault_arn);

    let job_id = mock.start_copy_job(&req).await.unwrap();
    let created = mock.lock().account.region(HOME_REGION).copy_jobs[0].clone();
    assert_eq!(
        (&*created.id, created.state),
        (job_id.as_str(), CopyJobState::Created)
    );
    assert_eq!(created.destination_recovery_point_arn, None);
    let (states, job) = poll_to_end(&mock, HOME_REGION, &job_id).await;
    assert_eq!(
        states,
        [
            CopyJobState::Running,
            CopyJobState::Running,
            CopyJobState::Completed
        ]
    );
    assert_eq!(job.size_bytes, source.size_bytes);
    assert_eq!(
        job.completed,
        Some(job.created + Duration::minutes(COPY_MINUTES))
    );
    let copy_arn = job.destination_recovery_point_arn.expect("the copy's ARN");

    let copy = mock
        .describe_recovery_point("ca-central-1", "acme-media-dr", &copy_arn)
        .await
        .unwrap();
    assert_eq!(copy.resource_arn, source.resource_arn);
    assert_eq!(copy.resource_type, ResourceType::S3);
    assert_eq!(copy.status, RecoveryPointStatus::Completed);
    assert_eq!(copy.source_vault_arn.as_deref(), Some(&*source.vault_arn));
    assert_eq!(copy.lifecycle, keep(None, Some(120)).unwrap());
    assert_eq!(copy.created, job.created);
    assert!(copy.arn.starts_with("arn:aws:backup:ca-central-1:"));
    let vaults: Vec<BackupVault> = mock
        .list_backup_vaults("ca-central-1")
        .map_ok(|page| page.items)
        .try_concat()
        .await
        .unwrap();
    let new_vault = vaults.iter().find(|v| *v.arn == vault_arn).unwrap();
    assert_eq!(new_vault.recovery_points, 1);
    assert_eq!(copy.encryption_key_arn, new_vault.encryption_key_arn);
    let by_resource: Vec<RecoveryPoint> = mock
        .list_recovery_points_by_resource("ca-central-1", &source.resource_arn)
        .map_ok(|page| page.items)
        .try_concat()
        .await
        .unwrap();
    assert!(by_resource.iter().any(|rp| *rp.arn == *copy_arn));

    // The copy restores in its own Region, from its own restore metadata.
    let metadata = mock
        .get_restore_metadata("ca-central-1", "acme-media-dr", &copy_arn)
        .await
        .unwrap();
    assert_eq!(metadata["DestinationBucketName"], "acme-media");
    let restore = RestoreRequest {
        region: "ca-central-1".into(),
        recovery_point_arn: copy_arn.to_string(),
        resource_type: ResourceType::S3,
        iam_role_arn: None,
        idempotency_token: "restore-copy".into(),
        metadata: BTreeMap::from([
            ("DestinationBucketName".into(), "acme-dr-canada".into()),
            ("EncryptionType".into(), "original".into()),
        ]),
    };
    let restore_id = mock.start_restore_job(&restore).await.unwrap();
    let mut status = RestoreJobStatus::Pending;
    for _ in 0..5 {
        status = mock
            .describe_restore_job("ca-central-1", &restore_id)
            .await
            .unwrap()
            .status;
    }
    assert_eq!(status, RestoreJobStatus::Completed);
}

#[tokio::test]
async fn an_efs_point_copied_to_another_region_keeps_the_requested_lifecycle_and_listing_polls_it()
{
    let mock = mock();
    let source = point(&mock, HOME_REGION, "shared-home", copyable);
    let mut req = request(&source, HOME_REGION, "us-west-2", "dr-west");
    req.lifecycle = keep(Some(30), Some(120));
    let job_id = mock.start_copy_job(&req).await.unwrap();
    let mut job = None;
    for _ in 0..LAST_STEP {
        let jobs: Vec<CopyJob> = mock
            .list_copy_jobs(HOME_REGION)
            .map_ok(|page| page.items)
            .try_concat()
            .await
            .unwrap();
        job = jobs.into_iter().find(|j| *j.id == job_id);
    }
    let job = job.unwrap();
    assert_eq!(job.state, CopyJobState::Completed);
    let copy_arn = job.destination_recovery_point_arn.unwrap();
    let copy = mock
        .describe_recovery_point("us-west-2", "dr-west", &copy_arn)
        .await
        .unwrap();
    assert_eq!(copy.lifecycle, keep(Some(30), Some(120)).unwrap());
    assert_eq!(copy.resource_type, ResourceType::Efs);
    assert_eq!(copy.storage_class, StorageClass::Warm);
    // The destination Region now lists the file system as protected.
    let resources = mock.lock().account.region("us-west-2").resources.clone();
    let home = resources
        .iter()
        .find(|r| r.arn == source.resource_arn)
        .unwrap();
    assert_eq!(home.last_recovery_point_arn.as_deref(), Some(&*copy_arn));
}

#[tokio::test]
async fn without_a_lifecycle_the_copy_keeps_the_sources_and_minus_one_keeps_it_forever() {
    let mock = mock();
    let source = point(&mock, HOME_REGION, "web-server-1", copyable);
    let plain = request(&source, HOME_REGION, "us-west-2", "Default");
    let mut forever = request(&source, HOME_REGION, "us-west-2", "dr-west");
    forever.lifecycle = keep(Some(-1), Some(-1));
    for (req, expected) in [(plain, source.lifecycle), (forever, Lifecycle::default())] {
        let job_id = mock.start_copy_job(&req).await.unwrap();
        let (_, job) = poll_to_end(&mock, HOME_REGION, &job_id).await;
        let vault = arn_resource_name(&req.destination_vault_arn);
        let copy = mock
            .describe_recovery_point(
                "us-west-2",
                vault,
                &job.destination_recovery_point_arn.unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(copy.lifecycle, expected);
        assert!(
            copy.arn.starts_with("arn:aws:ec2:us-west-2::image/ami-"),
            "{}",
            copy.arn
        );
    }
}

fn arn_resource_name(arn: &str) -> &str {
    arn.rsplit(':').next().unwrap_or_default()
}

#[tokio::test]
async fn copies_outside_the_vault_lock_range_fail_with_the_reason() {
    let mock = mock();
    let source = point(&mock, HOME_REGION, "acme-logs", copyable);
    let locked = |lifecycle, token: &str| {
        let mut req = request(&source, HOME_REGION, HOME_REGION, "compliance-locked");
        req.lifecycle = lifecycle;
        req.idempotency_token = token.into();
        req
    };
    let before = mock
        .lock()
        .account
        .region(HOME_REGION)
        .recovery_points
        .len();
    for (req, kept) in [
        (locked(keep(None, Some(7)), "short"), "7 days"),
        (locked(keep(Some(-1), Some(-1)), "forever"), "forever"),
    ] {
        let job_id = mock.start_copy_job(&req).await.unwrap();
        let (states, job) = poll_to_end(&mock, HOME_REGION, &job_id).await;
        assert_eq!(states.last(), Some(&CopyJobState::Failed));
        let message = job.status_message.unwrap();
        assert!(message.contains("30 to 3650 days"), "{message}");
        assert!(message.contains(&format!("kept {kept}")), "{message}");
        assert_eq!(job.destination_recovery_point_arn, None);
    }
    let after = mock
        .lock()
        .account
        .region(HOME_REGION)
        .recovery_points
        .len();
    assert_eq!(before, after, "a failed copy leaves no recovery point");
    // Within the range, the same copy completes.
    let job_id = mock
        .start_copy_job(&locked(keep(None, Some(35)), "in-range"))
        .await
        .unwrap();
    let (states, _) = poll_to_end(&mock, HOME_REGION, &job_id).await;
    assert_eq!(states.last(), Some(&CopyJobState::Completed));
}

#[tokio::test]
async fn an_aurora_snapshot_under_a_customer_managed_key_fails_to_copy_to_another_region_only() {
    let mock = mock();
    let source = point(&mock, HOME_REGION, "analytics", copyable);
    let job_id = mock
        .start_copy_job(&request(&source, HOME_REGION, "us-west-2", "dr-west"))
        .await
        .unwrap();
    let (_, job) = poll_to_end(&mock, HOME_REGION, &job_id).await;
    assert_eq!(job.state, CopyJobState::Failed);
    let message = job.status_message.unwrap();
    assert!(
        message.contains("Access denied to KMS key arn:aws:kms:us-east-1:"),
        "{message}"
    );
    let job_id = mock
        .start_copy_job(&request(&source, HOME_REGION, HOME_REGION, "Default"))
        .await
        .unwrap();
    let (_, job) = poll_to_end(&mock, HOME_REGION, &job_id).await;
    assert_eq!(job.state, CopyJobState::Completed);
    let copy = job.destination_recovery_point_arn.unwrap();
    assert!(
        copy.starts_with("arn:aws:rds:us-east-1:123456789012:cluster-snapshot:awsbackup:copyjob-"),
        "{copy}"
    );
}

#[tokio::test]
async fn points_aws_cannot_copy_are_refused_with_the_reason() {
    let mock = mock();
    let newest =
        |name: &str, pick: fn(&RecoveryPoint) -> bool| point(&mock, HOME_REGION, name, pick);
    let partial = newest("acme-media", |rp| rp.status == RecoveryPointStatus::Partial);
    let cold = newest("orders", |rp| rp.storage_class == StorageClass::Cold);
    let continuous = newest("acme-media", |rp| {
        rp.kind == BackupKind::Continuous && rp.status.is_restorable()
    });
    let cases = [
        (partial, "recovery point status is PARTIAL"),
        (cold, "backups in cold storage cannot be copied"),
        (
            continuous,
            "AWS Backup does not support on-demand copies of continuous backups",
        ),
    ];
    for (rp, says) in cases {
        let req = request(&rp, HOME_REGION, "us-west-2", "dr-west");
        refusal(&mock, &req, ErrorKind::InvalidInput, says).await;
    }
    assert_eq!(copy_jobs(&mock, HOME_REGION), 5, "no job was started");
}

#[tokio::test]
async fn a_dynamodb_managed_backup_copies_within_its_region_but_not_to_another() {
    let mock = mock();
    let sessions = point(&mock, HOME_REGION, "sessions", copyable);
    assert!(!sessions.managed_by_aws_backup());
    let away = request(&sessions, HOME_REGION, "us-west-2", "dr-west");
    refusal(
        &mock,
        &away,
        ErrorKind::InvalidInput,
        "is a backup managed by DynamoDB",
    )
    .await;
    let here = request(&sessions, HOME_REGION, HOME_REGION, "prod-daily");
    let job_id = mock.start_copy_job(&here).await.unwrap();
    let (_, job) = poll_to_end(&mock, HOME_REGION, &job_id).await;
    let copy = job.destination_recovery_point_arn.unwrap();
    assert!(
        copy.starts_with("arn:aws:dynamodb:us-east-1:123456789012:table/sessions/backup/"),
        "{copy}"
    );
    // A DynamoDB backup made by AWS Backup goes anywhere.
    let orders = point(&mock, HOME_REGION, "orders", copyable);
    mock.start_copy_job(&request(&orders, HOME_REGION, "us-west-2", "dr-west"))
        .await
        .unwrap();
}

#[tokio::test]
async fn regions_without_cross_region_copy_are_refused_both_ways() {
    let mock = mock();
    let hong_kong = point(&mock, "ap-east-1", "hk-vol-01", copyable);
    let out = request(&hong_kong, "ap-east-1", "us-west-2", "dr-west");
    refusal(
        &mock,
        &out,
        ErrorKind::InvalidInput,
        "cross-Region copy is not available in ap-east-1 (Asia Pacific (Hong Kong))",
    )
    .await;
    let logs = point(&mock, HOME_REGION, "acme-logs", copyable);
    let into = request(&logs, HOME_REGION, "ap-east-1", "hk-local");
    refusal(
        &mock,
        &into,
        ErrorKind::InvalidInput,
        "not available in ap-east-1",
    )
    .await;
}

#[tokio::test]
async fn vaults_roles_and_lifecycles_are_checked() {
    let mock = mock();
    let logs = point(&mock, HOME_REGION, "acme-logs", copyable);
    let base = request(&logs, HOME_REGION, "us-west-2", "dr-west");
    let with = |change: &dyn Fn(&mut CopyRequest)| {
        let mut req = base.clone();
        change(&mut req);
        req
    };
    let cases: Vec<(CopyRequest, ErrorKind, &str)> = vec![
        (
            with(&|r| r.iam_role_arn.clear()),
            ErrorKind::InvalidInput,
            "MissingParameterValueException: IamRoleArn is required",
        ),
        (
            with(&|r| r.source_vault_name = "no-such-vault".into()),
            ErrorKind::NotFound,
            "backup vault no-such-vault does not exist in us-east-1",
        ),
        (
            with(&|r| r.source_vault_name = "prod-daily".into()),
            ErrorKind::NotFound,
            "not found in backup vault prod-daily",
        ),
        (
            with(&|r| r.region = "us-west-2".into()),
            ErrorKind::NotFound,
            "not found in backup vault Default in us-west-2",
        ),
        (
            with(&|r| r.destination_vault_arn = vault_arn("eu-central-1", "dr-west")),
            ErrorKind::NotFound,
            "destination backup vault arn:aws:backup:eu-central-1:123456789012:backup-vault:dr-west does not exist",
        ),
        (
            with(&|r| r.destination_vault_arn = vault_arn(HOME_REGION, "Default")),
            ErrorKind::InvalidInput,
            "the source and destination backup vaults are the same (Default)",
        ),
        (
            with(&|r| r.lifecycle = keep(Some(60), Some(100))),
            ErrorKind::InvalidInput,
            "150 days or more",
        ),
        (
            with(&|r| r.lifecycle = keep(None, Some(-1))),
            ErrorKind::InvalidInput,
            "set both MoveToColdStorageAfterDays and DeleteAfterDays to -1",
        ),
        (
            with(&|r| r.lifecycle = keep(None, Some(0))),
            ErrorKind::InvalidInput,
            "Expiry days must be 1 or more",
        ),
        (
            with(&|r| r.iam_role_arn = format!("arn:aws:iam::{ACCOUNT_ID}:role/nobody")),
            ErrorKind::InvalidInput,
            "IAM role arn:aws:iam::123456789012:role/nobody does not exist",
        ),
    ];
    for (req, kind, says) in cases {
        refusal(&mock, &req, kind, says).await;
    }
    assert_eq!(copy_jobs(&mock, HOME_REGION), 5, "no job was started");
    mock.start_copy_job(&base).await.unwrap();
}

#[tokio::test]
async fn a_repeated_token_starts_one_job_and_a_reused_one_is_refused() {
    let mock = mock();
    let logs = point(&mock, HOME_REGION, "acme-logs", copyable);
    let req = request(&logs, HOME_REGION, "us-west-2", "dr-west");
    let first = mock.start_copy_job(&req).await.unwrap();
    let again = mock.start_copy_job(&req).await.unwrap();
    assert_eq!(first, again);
    assert_eq!(copy_jobs(&mock, HOME_REGION), 6);
    let mut other = req.clone();
    other.lifecycle = keep(None, Some(60));
    refusal(
        &mock,
        &other,
        ErrorKind::InvalidInput,
        "IdempotencyToken token-",
    )
    .await;
    assert_eq!(mock.copy_requests(), vec![req.clone(), req, other]);
    assert_eq!(copy_jobs(&mock, HOME_REGION), 6);
}

#[tokio::test]
async fn a_copy_job_is_described_only_in_its_source_region() {
    let mock = mock();
    let logs = point(&mock, HOME_REGION, "acme-logs", copyable);
    let job_id = mock
        .start_copy_job(&request(&logs, HOME_REGION, "us-west-2", "dr-west"))
        .await
        .unwrap();
    let err = mock
        .describe_copy_job("us-west-2", &job_id)
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::NotFound);
    assert!(err.message.contains("its source Region"), "{}", err.message);
    // A seeded job that has ended answers as it is.
    let seeded = mock
        .lock()
        .account
        .region(HOME_REGION)
        .copy_jobs
        .iter()
        .find(|j| j.state == CopyJobState::Completed)
        .cloned()
        .expect("a seeded completed copy job");
    let described = mock
        .describe_copy_job(HOME_REGION, &seeded.id)
        .await
        .unwrap();
    assert_eq!(described, seeded);
}
