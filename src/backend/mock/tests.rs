//! The demo account's write operations through the backend trait: read-only, faults, paging.

use super::*;
use crate::domain::Lifecycle;
use crate::domain::batch::{JobChange, JobStatus};
use futures::TryStreamExt;

fn vault() -> VaultRequest {
    VaultRequest {
        region: "us-west-2".into(),
        name: "new-vault".into(),
        creator_request_id: "r-1".into(),
    }
}

fn copy() -> CopyRequest {
    CopyRequest {
        region: HOME_REGION.into(),
        recovery_point_arn: "arn:aws:backup:us-east-1:123456789012:recovery-point:X".into(),
        source_vault_name: "Default".into(),
        destination_vault_arn: "arn:aws:backup:us-west-2:123456789012:backup-vault:dr-west".into(),
        iam_role_arn: fixtures::BACKUP_ROLE.into(),
        idempotency_token: "t-1".into(),
        lifecycle: Some(Lifecycle::default()),
    }
}

fn plan() -> PlanRequest {
    PlanRequest {
        region: HOME_REGION.into(),
        name: "new-plan".into(),
        rules: Vec::new(),
        creator_request_id: "r-2".into(),
    }
}

fn settings() -> SettingsRequest {
    SettingsRequest {
        region: HOME_REGION.into(),
        opt_in: BTreeMap::from([("Timestream".to_string(), true)]),
        management: BTreeMap::new(),
    }
}

#[tokio::test]
async fn read_only_refuses_every_change_before_it_reaches_the_account() {
    let mock = MockBackend::new(MockOptions {
        read_only: true,
        ..MockOptions::default()
    });
    let errors = [
        mock.create_backup_vault(&vault()).await.unwrap_err(),
        mock.start_copy_job(&copy()).await.unwrap_err(),
        mock.create_backup_plan(&plan()).await.unwrap_err(),
        mock.update_region_settings(&settings()).await.unwrap_err(),
    ];
    let operations = [
        "CreateBackupVault",
        "StartCopyJob",
        "CreateBackupPlan",
        "UpdateRegionSettings",
    ];
    for (err, op) in errors.iter().zip(operations) {
        assert_eq!(err.kind, ErrorKind::ReadOnly);
        assert!(err.message.starts_with(op), "{}", err.message);
    }
    assert!(mock.calls().is_empty(), "nothing reached the account");
    assert!(mock.copy_requests().is_empty());
    // Reads still answer.
    let settings = mock.describe_region_settings(HOME_REGION).await.unwrap();
    assert!(!settings.is_opted_in("Timestream"));
}

#[tokio::test]
async fn injected_faults_reach_the_new_operations() {
    let mock = MockBackend::new(MockOptions::default());
    mock.fail_next(Operation::CreateBackupVault, Fault::Throttled, 1);
    mock.fail_next(Operation::UpdateRegionSettings, Fault::AccessDenied, 1);
    mock.fail_next(Operation::DescribeCopyJob, Fault::Timeout, 1);
    let err = mock.create_backup_vault(&vault()).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Throttled);
    mock.create_backup_vault(&vault()).await.unwrap();
    let err = mock.update_region_settings(&settings()).await.unwrap_err();
    assert!(
        err.message.contains("backup:UpdateRegionSettings"),
        "{}",
        err.message
    );
    let err = mock
        .describe_copy_job(HOME_REGION, "any")
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Timeout);
    mock.update_region_settings(&settings()).await.unwrap();
    assert!(
        mock.describe_region_settings(HOME_REGION)
            .await
            .unwrap()
            .is_opted_in("Timestream")
    );
    let ops: Vec<Operation> = mock.calls().iter().map(|c| c.op).collect();
    assert_eq!(
        ops,
        [
            Operation::CreateBackupVault,
            Operation::CreateBackupVault,
            Operation::UpdateRegionSettings,
            Operation::DescribeCopyJob,
            Operation::UpdateRegionSettings,
            Operation::DescribeRegionSettings,
        ]
    );
}

#[tokio::test]
async fn backup_plans_are_listed_page_by_page_and_described() {
    let mock = MockBackend::new(MockOptions {
        page_size: 2,
        ..MockOptions::default()
    });
    let pages: Vec<Page<BackupPlan>> = mock
        .list_backup_plans(HOME_REGION)
        .try_collect()
        .await
        .unwrap();
    let sizes: Vec<usize> = pages.iter().map(|p| p.items.len()).collect();
    assert_eq!(sizes, [2, 1]);
    let prod_dr = pages
        .iter()
        .flat_map(|p| &p.items)
        .find(|p| &*p.name == "prod-dr")
        .unwrap();
    let details = mock
        .get_backup_plan(HOME_REGION, &prod_dr.id)
        .await
        .unwrap();
    assert_eq!(&details.plan, prod_dr);
    assert_eq!(details.rules.len(), 2);
    mock.fail_on_page(Operation::ListBackupPlans, 1, Fault::Network);
    let err = mock
        .list_backup_plans(HOME_REGION)
        .try_collect::<Vec<_>>()
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Network);
}

fn new_bucket() -> BucketRequest {
    BucketRequest {
        region: "us-west-2".into(),
        name: "acme-finance-replica".into(),
    }
}

fn enable(region: &str, bucket: &str) -> VersioningRequest {
    VersioningRequest {
        region: region.into(),
        bucket: bucket.into(),
    }
}

fn finance_rule() -> ReplicationRequest {
    use crate::domain::replication::{ReplicationFilter, ReplicationRule};
    ReplicationRequest {
        region: "eu-central-1".into(),
        bucket: "acme-finance-eu".into(),
        config: ReplicationConfig {
            role_arn: fixtures::REPLICATION_ROLE.into(),
            rules: vec![ReplicationRule {
                id: "finance".into(),
                enabled: true,
                priority: 1,
                filter: ReplicationFilter {
                    prefix: "Finance/".into(),
                    tags: vec![],
                },
                destination_bucket: "acme-finance-replica".into(),
                destination_region: "us-west-2".into(),
                ..ReplicationRule::default()
            }],
        },
    }
}

fn finance_job() -> BatchJobRequest {
    use crate::domain::batch::{Manifest, ManifestFilter, ReportTarget};
    BatchJobRequest {
        region: "eu-central-1".into(),
        account_id: ACCOUNT_ID.into(),
        source_bucket: "acme-finance-eu".into(),
        manifest: Manifest::Generated {
            filter: ManifestFilter::default(),
            save_to: None,
        },
        report: Some(ReportTarget {
            bucket: "acme-eu-archive".into(),
            prefix: "reports".into(),
            failed_only: false,
        }),
        description: "Replicate existing Finance objects".into(),
        priority: 10,
        role_arn: fixtures::BATCH_ROLE.into(),
        confirmation_required: true,
        tags: Vec::new(),
        client_request_token: "tok-finance".into(),
    }
}

fn job_update(id: &str, change: JobChange) -> JobUpdateRequest {
    JobUpdateRequest {
        region: "eu-central-1".into(),
        account_id: ACCOUNT_ID.into(),
        job_id: id.into(),
        change,
    }
}

async fn jobs(mock: &MockBackend, region: &str) -> Vec<BatchJob> {
    let pages: Vec<Page<BatchJob>> = mock.list_batch_jobs(region).try_collect().await.unwrap();
    pages.into_iter().flat_map(|p| p.items).collect()
}

#[tokio::test]
async fn the_seed_tutorial_runs_through_the_trait_and_listing_jobs_follows_them() {
    let mock = MockBackend::new(MockOptions::default());
    assert_eq!(
        mock.get_bucket_replication("eu-central-1", "acme-finance-eu")
            .await
            .unwrap(),
        None
    );
    mock.create_bucket(&new_bucket()).await.unwrap();
    mock.put_bucket_versioning(&enable("us-west-2", "acme-finance-replica"))
        .await
        .unwrap();
    mock.put_bucket_versioning(&enable("eu-central-1", "acme-finance-eu"))
        .await
        .unwrap();
    mock.put_bucket_replication(&finance_rule()).await.unwrap();
    assert_eq!(
        mock.get_bucket_replication("eu-central-1", "acme-finance-eu")
            .await
            .unwrap(),
        Some(finance_rule().config)
    );
    let id = mock.create_batch_job(&finance_job()).await.unwrap();
    // Each first page of ListJobs is a poll: Preparing, then Suspended until confirmed.
    assert_eq!(
        jobs(&mock, "eu-central-1").await[0].status,
        JobStatus::Preparing
    );
    assert_eq!(
        jobs(&mock, "eu-central-1").await[0].status,
        JobStatus::Suspended
    );
    mock.update_batch_job(&job_update(&id, JobChange::Confirm))
        .await
        .unwrap();
    assert_eq!(
        jobs(&mock, "eu-central-1").await[0].status,
        JobStatus::Active
    );
    let done = mock.describe_batch_job("eu-central-1", &id).await.unwrap();
    assert_eq!(done.status, JobStatus::Complete);
    let query = ReportQuery {
        region: "eu-central-1".into(),
        job_id: id.clone(),
        target: finance_job().report.unwrap(),
    };
    let rows = mock.get_completion_report(&query).await.unwrap();
    assert_eq!(rows.iter().filter(|r| r.status == "failed").count(), 2);
    let west: Vec<Page<Bucket>> = mock.list_buckets("us-west-2").try_collect().await.unwrap();
    let replica = west
        .iter()
        .flat_map(|p| &p.items)
        .find(|b| b.name == "acme-finance-replica")
        .unwrap();
    assert_eq!((replica.objects, replica.versioning), (Some(6), true));
    let ops: Vec<Operation> = mock.calls().iter().map(|c| c.op).collect();
    assert!(ops.contains(&Operation::UpdateJobStatus) && ops.contains(&Operation::GetObject));
}

#[tokio::test]
async fn read_only_refuses_every_bucket_replication_and_job_change() {
    let mock = MockBackend::new(MockOptions {
        read_only: true,
        ..MockOptions::default()
    });
    let errors = [
        mock.create_bucket(&new_bucket()).await.unwrap_err(),
        mock.put_bucket_versioning(&enable("eu-central-1", "acme-finance-eu"))
            .await
            .unwrap_err(),
        mock.put_bucket_replication(&finance_rule())
            .await
            .unwrap_err(),
        mock.create_batch_job(&finance_job()).await.unwrap_err(),
        mock.update_batch_job(&job_update("j", JobChange::Confirm))
            .await
            .unwrap_err(),
        mock.update_batch_job(&job_update("j", JobChange::Priority(3)))
            .await
            .unwrap_err(),
    ];
    let operations = [
        "CreateBucket",
        "PutBucketVersioning",
        "PutBucketReplication",
        "CreateJob",
        "UpdateJobStatus",
        "UpdateJobPriority",
    ];
    for (err, op) in errors.iter().zip(operations) {
        assert_eq!(err.kind, ErrorKind::ReadOnly);
        assert!(err.message.starts_with(op), "{}", err.message);
    }
    assert!(mock.calls().is_empty(), "nothing reached the account");
    // Reads still answer, and the seeded jobs are there.
    assert_eq!(jobs(&mock, HOME_REGION).await.len(), 2);
}

#[tokio::test]
async fn injected_faults_reach_the_s3_and_batch_operations() {
    let mock = MockBackend::new(MockOptions::default());
    mock.fail_next(Operation::CreateBucket, Fault::AccessDenied, 1);
    mock.fail_next(Operation::ListJobs, Fault::Throttled, 1);
    mock.fail_next(Operation::GetBucketReplication, Fault::Timeout, 1);
    mock.fail_next(Operation::CreateJob, Fault::Network, 1);
    let err = mock.create_bucket(&new_bucket()).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::AccessDenied);
    assert!(err.message.ends_with("s3:CreateBucket"), "{}", err.message);
    let err = mock
        .list_batch_jobs(HOME_REGION)
        .try_collect::<Vec<_>>()
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Throttled);
    let err = mock
        .get_bucket_replication(HOME_REGION, "acme-logs")
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Timeout);
    let err = mock.create_batch_job(&finance_job()).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Network);
    // Each fault fires once; the calls then answer.
    mock.create_bucket(&new_bucket()).await.unwrap();
    assert_eq!(jobs(&mock, HOME_REGION).await.len(), 2);
    let logs = mock
        .get_bucket_replication(HOME_REGION, "acme-logs")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(logs.rules[0].id, "logs-to-west");
}

#[tokio::test]
async fn a_created_role_is_listed_and_accepted_by_replication_and_its_name_is_then_taken() {
    let mock = MockBackend::new(MockOptions::default());
    let role = RoleRequest::for_s3("eu-central-1", "s3-new", "S3 replication");
    let arn = mock.create_role(&role).await.unwrap();
    assert_eq!(arn, "arn:aws:iam::123456789012:role/service-role/s3-new");
    let policy = RolePolicyRequest {
        region: "eu-central-1".into(),
        role_name: "s3-new".into(),
        policy_name: "s3-replication".into(),
        source_bucket: "acme-finance-eu".into(),
        destination_bucket: "acme-finance-replica".into(),
    };
    mock.put_role_policy(&policy).await.unwrap();
    let roles: Vec<Page<IamRole>> = mock.list_iam_roles().try_collect().await.unwrap();
    assert!(roles.iter().flat_map(|p| &p.items).any(|r| r.arn == arn));

    mock.create_bucket(&new_bucket()).await.unwrap();
    for (region, bucket) in [
        ("us-west-2", "acme-finance-replica"),
        ("eu-central-1", "acme-finance-eu"),
    ] {
        mock.put_bucket_versioning(&enable(region, bucket))
            .await
            .unwrap();
    }
    let mut put = finance_rule();
    put.config.role_arn = arn;
    mock.put_bucket_replication(&put).await.unwrap();

    let taken = mock.create_role(&role).await.unwrap_err();
    assert_eq!(taken.message, "Role with name s3-new already exists.");

    let read_only = MockBackend::new(MockOptions {
        read_only: true,
        ..MockOptions::default()
    });
    for e in [
        read_only.create_role(&role).await.unwrap_err(),
        read_only.put_role_policy(&policy).await.unwrap_err(),
    ] {
        assert_eq!(e.kind, ErrorKind::ReadOnly, "{e:?}");
    }
}
