//! StartRestoreJob sends exactly the wizard's request; restore metadata, point and job lookups.

use super::{Harness, retrying, throttled};
use crate::backend::BackupBackend;
use crate::domain::restore::RestoreRequest;
use crate::domain::{
    BackupKind, Lifecycle, RecoveryPoint, RecoveryPointStatus, ResourceType, RestoreJob,
    RestoreJobStatus, StorageClass,
};
use aws_sdk_backup::Client;
use aws_sdk_backup::operation::describe_recovery_point::DescribeRecoveryPointOutput;
use aws_sdk_backup::operation::describe_restore_job::DescribeRestoreJobOutput;
use aws_sdk_backup::operation::get_recovery_point_restore_metadata::GetRecoveryPointRestoreMetadataOutput;
use aws_sdk_backup::operation::start_restore_job::{StartRestoreJobInput, StartRestoreJobOutput};
use aws_sdk_backup::types as bk;
use aws_smithy_mocks::mock;
use aws_smithy_types::DateTime;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use time::OffsetDateTime;

const ACCOUNT: &str = "123456789012";

fn role(name: &str) -> Option<String> {
    Some(format!("arn:aws:iam::{ACCOUNT}:role/{name}"))
}

fn point(region: &str, id: &str) -> String {
    format!("arn:aws:backup:{region}:{ACCOUNT}:recovery-point:{id}")
}

fn meta(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn request(
    resource_type: ResourceType,
    region: &str,
    point_id: &str,
    iam_role_arn: Option<String>,
    metadata: &[(&str, &str)],
) -> RestoreRequest {
    RestoreRequest {
        region: region.to_string(),
        recovery_point_arn: point(region, point_id),
        resource_type,
        iam_role_arn,
        idempotency_token: format!("token-{point_id}"),
        metadata: meta(metadata),
    }
}

/// An S3 item-level restore, as the S3 wizard builds it.
pub(super) fn s3_item_request() -> RestoreRequest {
    request(
        ResourceType::S3,
        "us-east-1",
        "s3-snapshot-1",
        role("service-role/AWSBackupDefaultServiceRole"),
        &[
            ("DestinationBucketName", "acme-media-restored"),
            ("NewBucket", "false"),
            (
                "ItemsToRestore",
                r#"["s3://acme-media/reports/2024/q1.pdf","s3://acme-media/a b/it's.txt"]"#,
            ),
            ("EncryptionType", "SSE-KMS"),
            ("KMSKey", "arn:aws:kms:us-east-1:123456789012:key/1a2b3c4d"),
            ("RestoreACLs", "false"),
        ],
    )
}

/// One request per resource type the wizards produce.
fn every_kind_of_request() -> Vec<RestoreRequest> {
    vec![
        s3_item_request(),
        request(
            ResourceType::S3,
            "us-east-1",
            "continuous:s3-acme-media-5f6e",
            role("BackupRestoreOperator"),
            &[
                ("DestinationBucketName", "acme-media"),
                ("RestoreTime", "2024-05-01T12:30:00Z"),
                ("EncryptionType", "original"),
            ],
        ),
        request(
            ResourceType::DynamoDB,
            "us-east-1",
            "ddb-orders-1",
            None,
            &[
                ("targetTableName", "orders-restored"),
                ("encryptionType", "KMS"),
                (
                    "kmsMasterKeyArn",
                    "arn:aws:kms:us-east-1:123456789012:key/9f8e7d6c",
                ),
            ],
        ),
        request(
            ResourceType::Ec2,
            "us-east-1",
            "ec2-web-1",
            role("BackupRestoreOperator"),
            &[
                ("InstanceType", "t3.micro"),
                ("SubnetId", "subnet-0a1b2c3d4e5f60789"),
                ("SecurityGroupIds", r#"["sg-0123456789abcdef0"]"#),
                ("iamInstanceProfileName", "UseBackedUpValue"),
                ("requireImdsV2", "true"),
            ],
        ),
        request(
            ResourceType::Ebs,
            "us-east-1",
            "ebs-data-1",
            None,
            &[
                ("availabilityZone", "us-east-1a"),
                ("volumeType", "gp3"),
                ("volumeSize", "100"),
                ("encrypted", "true"),
            ],
        ),
        request(
            ResourceType::Efs,
            "us-east-1",
            "efs-home-1",
            None,
            &[
                ("file-system-id", "fs-0123456789abcdef0"),
                ("newFileSystem", "false"),
                ("Encrypted", "false"),
                ("PerformanceMode", "generalPurpose"),
                ("CreationToken", "restore-efs-home-1"),
                ("itemsToRestore", r#"["/home/ops","/srv/data file.txt"]"#),
            ],
        ),
        request(
            ResourceType::Rds,
            "us-east-1",
            "rds-billing-1",
            None,
            &[
                ("DBInstanceIdentifier", "billing-db-restored"),
                ("DBInstanceClass", "db.t3.medium"),
                ("MultiAZ", "false"),
                ("vpcSecurityGroupIds", r#"["sg-0123456789abcdef0"]"#),
            ],
        ),
        request(
            ResourceType::Aurora,
            "us-east-1",
            "aurora-billing-1",
            role("BackupRestoreOperator"),
            &[
                ("DBClusterIdentifier", "billing-cluster-restored"),
                ("Engine", "aurora-postgresql"),
                ("availabilityZones", r#"["us-east-1a","us-east-1b"]"#),
            ],
        ),
        request(
            ResourceType::FSx,
            "eu-west-1",
            "fsx-share-1",
            None,
            &[
                ("subnetIds", r#"["subnet-0a1b2c3d4e5f60789"]"#),
                ("securityGroupIds", r#"["sg-0123456789abcdef0"]"#),
                (
                    "windowsConfiguration",
                    r#"{"throughputCapacity":32,"activeDirectoryId":"d-1234567890"}"#,
                ),
            ],
        ),
        request(
            ResourceType::StorageGateway,
            "us-east-1",
            "sgw-volume-1",
            None,
            &[
                (
                    "GatewayARN",
                    "arn:aws:storagegateway:us-east-1:123456789012:gateway/sgw-12A3456B",
                ),
                ("TargetName", "restored-volume"),
                ("NetworkInterfaceId", "10.0.0.5"),
            ],
        ),
    ]
}

#[tokio::test]
async fn start_restore_job_sends_exactly_the_request_of_every_wizard() {
    for (i, request) in every_kind_of_request().into_iter().enumerate() {
        let seen: Arc<Mutex<Option<StartRestoreJobInput>>> = Arc::default();
        let store = Arc::clone(&seen);
        let job_id = format!("job-{i}");
        let answer = job_id.clone();
        let rule = mock!(Client::start_restore_job).then_compute_output(move |input| {
            *store.lock().unwrap() = Some(input.clone());
            StartRestoreJobOutput::builder()
                .restore_job_id(answer.clone())
                .build()
        });
        let h = Harness::new(&[&rule]);
        let what = request.resource_type.api_name();
        let got = h.backend.start_restore_job(&request).await;
        assert_eq!(got.as_deref(), Ok(job_id.as_str()), "{what}");

        let input = seen
            .lock()
            .unwrap()
            .take()
            .expect("StartRestoreJob was called");
        assert_eq!(
            input.recovery_point_arn(),
            Some(request.recovery_point_arn.as_str()),
            "{what}"
        );
        assert_eq!(
            input.iam_role_arn(),
            request.iam_role_arn.as_deref(),
            "{what}"
        );
        assert_eq!(
            input.idempotency_token(),
            Some(request.idempotency_token.as_str()),
            "{what}"
        );
        assert_eq!(input.resource_type(), Some(what), "{what}");
        let metadata: Option<BTreeMap<String, String>> = input
            .metadata()
            .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect());
        assert_eq!(metadata.as_ref(), Some(&request.metadata), "{what}");

        // On the wire: the very body the review step showed, in the point's own Region.
        let sent = h.sent();
        assert_eq!(sent.len(), 1, "{what}");
        let shown: serde_json::Value =
            serde_json::from_str(&request.api_json()).expect("the review's JSON");
        assert_eq!(sent[0].json(), shown, "{what}");
        let endpoint = format!(
            "https://backup.{}.amazonaws.com/restore-jobs",
            request.region
        );
        assert!(
            sent[0].uri.starts_with(&endpoint),
            "{what}: {}",
            sent[0].uri
        );
    }
}

#[tokio::test]
async fn a_retried_restore_sends_the_same_idempotency_token() {
    let rule = mock!(Client::start_restore_job)
        .sequence()
        .http_response(throttled)
        .output(|| {
            StartRestoreJobOutput::builder()
                .restore_job_id("job-after-retry")
                .build()
        })
        .build();
    let mut h = Harness::new(&[&rule]);
    let request = s3_item_request();
    let job = h.backend.start_restore_job(&request).await;
    assert_eq!(job.as_deref(), Ok("job-after-retry"));
    assert_eq!(rule.num_calls(), 2);
    let sent = h.sent();
    assert_eq!(sent.len(), 2, "the first attempt and its retry");
    for attempt in &sent {
        assert_eq!(
            attempt.json()["IdempotencyToken"],
            request.idempotency_token.as_str()
        );
    }
    assert_eq!(sent[0].body, sent[1].body, "the retry is the same request");
    assert_eq!(h.drain_events(), [retrying("StartRestoreJob", 2)]);
}

fn at(secs: i64, millis: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(secs * 1000 + millis) * 1_000_000)
        .expect("a valid time")
}

#[tokio::test]
async fn describe_recovery_point_converts_every_field() {
    let arn = point("us-east-1", "continuous:s3-acme-media-5f6e");
    let vault_arn = format!("arn:aws:backup:us-east-1:{ACCOUNT}:backup-vault:main");
    let key = "arn:aws:kms:us-east-1:123456789012:key/1a2b3c4d";
    let (want_arn, want_vault_arn) = (arn.clone(), vault_arn.clone());
    let rule = mock!(Client::describe_recovery_point)
        .match_requests(move |i| {
            i.backup_vault_name() == Some("main") && i.recovery_point_arn() == Some(&want_arn)
        })
        .then_output(move || {
            DescribeRecoveryPointOutput::builder()
                .recovery_point_arn(point("us-east-1", "continuous:s3-acme-media-5f6e"))
                .backup_vault_name("main")
                .backup_vault_arn(&want_vault_arn)
                .source_backup_vault_arn("arn:aws:backup:eu-west-1:123456789012:backup-vault:dr")
                .resource_arn("arn:aws:s3:::acme-media")
                .resource_type("S3")
                .resource_name("acme-media")
                .created_by(
                    bk::RecoveryPointCreator::builder()
                        .backup_plan_name("daily")
                        .build(),
                )
                .iam_role_arn("arn:aws:iam::123456789012:role/BackupRole")
                .status(bk::RecoveryPointStatus::Partial)
                .status_message("Some objects were not backed up")
                .creation_date(DateTime::from_millis(1_700_000_000_250))
                .completion_date(DateTime::from_secs(1_700_003_600))
                .backup_size_in_bytes(5_368_709_120)
                .lifecycle(
                    bk::Lifecycle::builder()
                        .move_to_cold_storage_after_days(30)
                        .delete_after_days(365)
                        .build(),
                )
                .encryption_key_arn(key)
                .is_encrypted(true)
                .storage_class(bk::StorageClass::Cold)
                .last_restore_time(DateTime::from_secs(1_710_000_000))
                .build()
        });
    let h = Harness::new(&[&rule]);
    let got = h
        .backend
        .describe_recovery_point("us-east-1", "main", &arn)
        .await
        .expect("described");
    let want = RecoveryPoint {
        arn: arn.as_str().into(),
        resource_arn: "arn:aws:s3:::acme-media".into(),
        resource_name: "acme-media".into(),
        resource_type: ResourceType::S3,
        vault_name: "main".into(),
        vault_arn: vault_arn.as_str().into(),
        source_vault_arn: Some("arn:aws:backup:eu-west-1:123456789012:backup-vault:dr".into()),
        status: RecoveryPointStatus::Partial,
        status_message: Some("Some objects were not backed up".into()),
        kind: BackupKind::Continuous,
        created: at(1_700_000_000, 250),
        completed: Some(at(1_700_003_600, 0)),
        size_bytes: Some(5_368_709_120),
        storage_class: StorageClass::Cold,
        encrypted: true,
        encryption_key_arn: Some(key.into()),
        iam_role_arn: "arn:aws:iam::123456789012:role/BackupRole".into(),
        created_by: Some(crate::domain::PlanRef::named("daily").into()),
        lifecycle: Lifecycle {
            move_to_cold_storage_after_days: Some(30),
            delete_after_days: Some(365),
        },
        last_restore: Some(at(1_710_000_000, 0)),
    };
    assert_eq!(got, want);
    assert_eq!(rule.num_calls(), 1);
}

#[tokio::test]
async fn restore_metadata_is_returned_exactly() {
    let arn = point("us-east-1", "ddb-orders-1");
    let aws: HashMap<String, String> = [
        ("originalTableName", "orders"),
        ("encryptionType", "Default"),
        (
            "aws:backup:request-id",
            "5e0c8f00-1d2c-4b3a-9f8e-7d6c5b4a3f2e",
        ),
        ("billingMode", "PAY_PER_REQUEST"),
        ("globalSecondaryIndexes", r#"[{"IndexName":"by-customer"}]"#),
        ("Empty", ""),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let answer = aws.clone();
    let want_arn = arn.clone();
    let rule = mock!(Client::get_recovery_point_restore_metadata)
        .match_requests(move |i| {
            i.backup_vault_name() == Some("main") && i.recovery_point_arn() == Some(&want_arn)
        })
        .then_output(move || {
            GetRecoveryPointRestoreMetadataOutput::builder()
                .set_restore_metadata(Some(answer.clone()))
                .resource_type("DynamoDB")
                .build()
        });
    let h = Harness::new(&[&rule]);
    let got = h
        .backend
        .get_restore_metadata("us-east-1", "main", &arn)
        .await
        .expect("metadata");
    let want: BTreeMap<String, String> = aws.into_iter().collect();
    assert_eq!(got, want);
    assert_eq!(rule.num_calls(), 1);
}

#[tokio::test]
async fn describe_restore_job_converts_every_field() {
    let rule = mock!(Client::describe_restore_job)
        .match_requests(|i| i.restore_job_id() == Some("job-42"))
        .then_output(|| {
            DescribeRestoreJobOutput::builder()
                .restore_job_id("job-42")
                .status(bk::RestoreJobStatus::Failed)
                .status_message("Access denied to the destination bucket")
                .recovery_point_arn(point("us-east-1", "ddb-orders-1"))
                .source_resource_arn("arn:aws:dynamodb:us-east-1:123456789012:table/orders")
                .resource_type("DynamoDB")
                .created_resource_arn(
                    "arn:aws:dynamodb:us-east-1:123456789012:table/orders-restored",
                )
                .creation_date(DateTime::from_millis(1_700_000_000_500))
                .completion_date(DateTime::from_secs(1_700_000_900))
                .backup_size_in_bytes(123_456)
                .percent_done("99.5%")
                .expected_completion_time_minutes(15)
                .iam_role_arn("arn:aws:iam::123456789012:role/BackupRestoreOperator")
                .build()
        });
    let h = Harness::new(&[&rule]);
    let got = h
        .backend
        .describe_restore_job("us-east-1", "job-42")
        .await
        .expect("described");
    let want = RestoreJob {
        id: "job-42".into(),
        status: RestoreJobStatus::Failed,
        status_message: Some("Access denied to the destination bucket".into()),
        recovery_point_arn: point("us-east-1", "ddb-orders-1").as_str().into(),
        source_resource_name: "orders".into(),
        resource_type: ResourceType::DynamoDB,
        created_resource_arn: Some(
            "arn:aws:dynamodb:us-east-1:123456789012:table/orders-restored".into(),
        ),
        created: at(1_700_000_000, 500),
        completed: Some(at(1_700_000_900, 0)),
        size_bytes: Some(123_456),
        percent_done: Some(99),
        expected_completion_minutes: Some(15),
        iam_role_arn: "arn:aws:iam::123456789012:role/BackupRestoreOperator".into(),
    };
    assert_eq!(got, want);
    assert_eq!(rule.num_calls(), 1);
}
