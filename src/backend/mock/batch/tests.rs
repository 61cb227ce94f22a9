use super::*;
use crate::backend::ErrorKind;
use crate::backend::mock::fixtures::{REPLICATION_ROLE, seed};
use crate::domain::batch::{BucketRequest, VersioningRequest};
use crate::domain::replication::{
    ReplicationConfig, ReplicationFilter, ReplicationRequest, ReplicationRule,
};

/// The seed tutorial up to its replication rule: acme-finance-eu (`Finance/`) → a new
/// versioned bucket in us-west-2.
fn tutorial() -> (Account, BatchBook) {
    let mut a = seed(0);
    let book = BatchBook::seeded(&mut a);
    let bucket = BucketRequest {
        region: "us-west-2".into(),
        name: "acme-finance-replica".into(),
    };
    s3::create_bucket(&mut a, &bucket).unwrap();
    for (region, name) in [
        ("us-west-2", "acme-finance-replica"),
        ("eu-central-1", "acme-finance-eu"),
    ] {
        let req = VersioningRequest {
            region: region.into(),
            bucket: name.into(),
        };
        s3::enable_versioning(&mut a, &req).unwrap();
    }
    let rule = ReplicationRule {
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
    };
    let req = ReplicationRequest {
        region: "eu-central-1".into(),
        bucket: "acme-finance-eu".into(),
        config: ReplicationConfig {
            role_arn: REPLICATION_ROLE.into(),
            rules: vec![rule],
        },
    };
    s3::put_replication(&mut a, &req).unwrap();
    (a, book)
}

fn job() -> BatchJobRequest {
    BatchJobRequest {
        region: "eu-central-1".into(),
        source_bucket: "acme-finance-eu".into(),
        manifest: Manifest::Generated {
            filter: ManifestFilter {
                replication_statuses: vec!["NONE".into()],
                ..ManifestFilter::default()
            },
            save_to: Some(("acme-eu-archive".into(), "manifests".into(), None)),
        },
        report: Some(ReportTarget {
            bucket: "acme-eu-archive".into(),
            prefix: "reports".into(),
            failed_only: false,
        }),
        confirmation_required: true,
        ..seed_request("tok-finance", "Replicate existing Finance objects", None)
    }
}

fn poll(book: &mut BatchBook, a: &mut Account, id: &str) -> BatchJob {
    book.poll(a, "eu-central-1", id).unwrap()
}

fn update(book: &mut BatchBook, id: &str, change: JobChange) -> Result<(), BackendError> {
    book.update(&JobUpdateRequest {
        region: "eu-central-1".into(),
        account_id: ACCOUNT_ID.into(),
        job_id: id.into(),
        change,
    })
}

fn query(id: &str, bucket: &str) -> ReportQuery {
    ReportQuery {
        region: "eu-central-1".into(),
        job_id: id.into(),
        target: ReportTarget {
            bucket: bucket.into(),
            prefix: "reports".into(),
            failed_only: false,
        },
    }
}

#[test]
fn a_job_waits_for_confirmation_then_replicates_the_existing_finance_objects() {
    let (mut a, mut book) = tutorial();
    let id = book.create(&a, &job()).unwrap();
    let statuses: Vec<JobStatus> = (0..3)
        .map(|_| poll(&mut book, &mut a, &id).status)
        .collect();
    assert_eq!(
        statuses,
        [
            JobStatus::Preparing,
            JobStatus::Suspended,
            JobStatus::Suspended
        ]
    );
    let err = update(&mut book, &id, JobChange::Cancel).map(|_| ());
    assert!(err.is_ok(), "a suspended job can be cancelled");
    // A fresh job (another token) is confirmed instead.
    let id = book
        .create(
            &a,
            &BatchJobRequest {
                client_request_token: "tok-2".into(),
                ..job()
            },
        )
        .unwrap();
    poll(&mut book, &mut a, &id);
    let suspended = poll(&mut book, &mut a, &id);
    // Eight objects under Finance/, all NONE: eight tasks.
    assert_eq!(suspended.tasks_total, Some(8));
    assert_eq!(
        book.report(&query(&id, "acme-eu-archive"))
            .unwrap_err()
            .message,
        "NoSuchKey: The specified key does not exist."
    );
    update(&mut book, &id, JobChange::Priority(42)).unwrap();
    update(&mut book, &id, JobChange::Confirm).unwrap();
    let active = poll(&mut book, &mut a, &id);
    assert_eq!((active.status, active.priority), (JobStatus::Active, 42));
    assert_eq!(
        active.tasks_succeeded.unwrap() + active.tasks_failed.unwrap(),
        4
    );
    let done = poll(&mut book, &mut a, &id);
    assert_eq!(done.status, JobStatus::Complete);
    assert_eq!(
        (done.tasks_succeeded, done.tasks_failed),
        (Some(6), Some(2))
    );
    assert!(
        done.failure_reasons.is_empty(),
        "failed tasks are no job failure"
    );
    assert_eq!(done.terminated, Some(DEMO_NOW));
    // The destination holds the six replicas; the source's versions say what happened.
    let replicas: Vec<&S3Object> = a.s3.objects["acme-finance-replica"].iter().collect();
    assert_eq!(replicas.len(), 6);
    assert!(
        replicas
            .iter()
            .all(|o| o.status == ObjectStatus::Replica && o.key.starts_with("Finance/"))
    );
    let status = |key: &str| {
        a.s3.objects["acme-finance-eu"]
            .iter()
            .find(|o| o.key == key)
            .unwrap()
            .status
    };
    assert_eq!(
        status("Finance/2025/q1-close.xlsx"),
        ObjectStatus::Completed
    );
    assert_eq!(status("Finance/payroll/2026-10.csv"), ObjectStatus::Failed);
    assert_eq!(status("Marketing/brand-guide.pdf"), ObjectStatus::None);
    let rows = book.report(&query(&id, "acme-eu-archive")).unwrap();
    assert_eq!(rows.len(), 8);
    let failed: Vec<&ReportRow> = rows.iter().filter(|r| r.status == "failed").collect();
    assert_eq!(failed.len(), 2);
    assert_eq!(failed[0].key, "Finance/payroll/2026-10.csv");
    assert_eq!(failed[0].version_id, "null");
    assert_eq!(
        (
            failed[0].error_code.as_str(),
            failed[0].http_status.as_str()
        ),
        ("AccessDenied", "403")
    );
    assert!(
        failed[0].message.contains("alias/payroll"),
        "{}",
        failed[0].message
    );
    let ok = rows.iter().find(|r| r.status == "succeeded").unwrap();
    assert_eq!(
        (ok.bucket.as_str(), ok.http_status.as_str()),
        ("acme-finance-eu", "200")
    );
    // Finished: no more confirming or cancelling.
    assert_eq!(
        update(&mut book, &id, JobChange::Confirm)
            .unwrap_err()
            .message,
        format!(
            "JobStatusException: Job {id} cannot be moved to Ready from its current status Complete"
        )
    );
    assert!(
        update(&mut book, &id, JobChange::Cancel)
            .unwrap_err()
            .message
            .starts_with("JobStatusException:")
    );
}

#[test]
fn a_saved_manifest_can_run_again_and_a_failed_only_report_lists_failures() {
    let (mut a, mut book) = tutorial();
    let first = BatchJobRequest {
        confirmation_required: false,
        ..job()
    };
    let id = book.create(&a, &first).unwrap();
    while !poll(&mut book, &mut a, &id).status.is_final() {}
    let again = BatchJobRequest {
        client_request_token: "tok-again".into(),
        confirmation_required: false,
        manifest: Manifest::Existing {
            object_arn: format!("arn:aws:s3:::acme-eu-archive/manifests/job-{id}/manifest.csv"),
            etag: "e".into(),
            inventory_report: false,
        },
        report: Some(ReportTarget {
            failed_only: true,
            ..first.report.clone().unwrap()
        }),
        ..first
    };
    let id = book.create(&a, &again).unwrap();
    while !poll(&mut book, &mut a, &id).status.is_final() {}
    let job = poll(&mut book, &mut a, &id);
    assert_eq!(
        (job.status, job.tasks_total, job.tasks_failed),
        (JobStatus::Complete, Some(8), Some(2))
    );
    let rows = book.report(&query(&id, "acme-eu-archive")).unwrap();
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r.status == "failed"));
}

#[test]
fn the_same_token_makes_one_job_and_a_different_request_is_refused() {
    let (a, mut book) = tutorial();
    let first = book.create(&a, &job()).unwrap();
    assert_eq!(book.create(&a, &job()).unwrap(), first);
    assert_eq!(book.list("eu-central-1").len(), 1);
    let other = BatchJobRequest {
        priority: 99,
        ..job()
    };
    assert_eq!(
        book.create(&a, &other).unwrap_err().message,
        "IdempotencyException: ClientRequestToken tok-finance was already used with a different request"
    );
}

#[test]
fn create_job_refuses_what_s3_control_refuses() {
    let (a, mut book) = tutorial();
    let mut refused = |req: BatchJobRequest| {
        let err = book.create(&a, &req).unwrap_err();
        assert_eq!(err.kind, ErrorKind::InvalidInput);
        err.message
    };
    assert_eq!(
        refused(BatchJobRequest {
            source_bucket: "acme-eu-archive".into(),
            ..job()
        }),
        "BadRequest: The source bucket acme-eu-archive has no replication configuration: Batch Replication replicates by its rules (ReplicationConfigurationNotFoundError)"
    );
    assert_eq!(
        refused(BatchJobRequest {
            region: "us-east-1".into(),
            ..job()
        }),
        "BadRequest: The job must be created in the source bucket's Region (eu-central-1), not us-east-1"
    );
    let save_west = Manifest::Generated {
        filter: ManifestFilter::default(),
        save_to: Some(("acme-finance-replica".into(), String::new(), None)),
    };
    assert_eq!(
        refused(BatchJobRequest {
            manifest: save_west,
            ..job()
        }),
        "BadRequest: The manifest must be stored in the source bucket's Region (eu-central-1); acme-finance-replica is in us-west-2"
    );
    let report = ReportTarget {
        bucket: "no-such-reports".into(),
        prefix: String::new(),
        failed_only: false,
    };
    assert_eq!(
        refused(BatchJobRequest {
            report: Some(report),
            ..job()
        }),
        "BadRequest: The completion report bucket no-such-reports does not exist"
    );
    assert_eq!(
        refused(BatchJobRequest {
            role_arn: "arn:aws:iam::123456789012:role/ghost".into(),
            ..job()
        }),
        "BadRequest: The IAM role arn:aws:iam::123456789012:role/ghost does not exist in account 123456789012"
    );
    assert_eq!(
        refused(BatchJobRequest {
            priority: -1,
            ..job()
        }),
        "BadRequest: Priority must be between 0 and 2147483647, not -1"
    );
    let bad_date = Manifest::Generated {
        filter: ManifestFilter {
            created_after: Some("yesterday".into()),
            ..ManifestFilter::default()
        },
        save_to: None,
    };
    assert_eq!(
        refused(BatchJobRequest {
            manifest: bad_date,
            ..job()
        }),
        "BadRequest: CreatedAfter is not a valid timestamp: yesterday"
    );
    assert!(book.list("eu-central-1").is_empty());
}

#[test]
fn the_seeded_jobs_are_one_complete_with_a_report_and_one_failed() {
    let mut a = seed(0);
    let book = BatchBook::seeded(&mut a);
    let jobs = book.list("us-east-1");
    assert_eq!(jobs.len(), 2);
    let (failed, complete) = (&jobs[0], &jobs[1]);
    assert_eq!(complete.status, JobStatus::Complete);
    assert_eq!(
        (complete.tasks_total, complete.tasks_failed),
        (Some(4), Some(1))
    );
    assert_eq!(failed.status, JobStatus::Failed);
    assert_eq!(failed.failure_reasons[0].0, "NoSuchKey");
    assert!(complete.created < DEMO_NOW && failed.terminated.is_some());
    let rows = book
        .report(&ReportQuery {
            region: "us-east-1".into(),
            job_id: complete.id.to_string(),
            target: complete.report.clone().unwrap(),
        })
        .unwrap();
    assert_eq!(rows.len(), 4);
    assert_eq!(
        rows.iter()
            .filter(|r| r.key == "audit/2026-11.log" && r.status == "failed")
            .count(),
        1
    );
    // The backfill made the old logs COMPLETED and put them in acme-dr-west.
    assert_eq!(
        a.s3.objects["acme-dr-west"]
            .iter()
            .filter(|o| o.status == ObjectStatus::Replica)
            .count(),
        5
    );
}
