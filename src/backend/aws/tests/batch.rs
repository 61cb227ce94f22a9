//! S3 Batch Operations (S3 Control) and S3 replication writes over SDK-level mocks: the exact
//! inputs sent, ListJobs paging, DescribeJob, error classes, read-only refusals, reports.

use super::Harness;
use crate::backend::{BackupBackend, ErrorKind};
use crate::domain::batch::{
    BatchJobRequest, BucketRequest, JobChange, JobStatus, JobUpdateRequest, Manifest,
    ManifestFilter, ReportQuery, ReportTarget, VersioningRequest,
};
use crate::domain::replication::{
    ReplicationConfig, ReplicationFilter, ReplicationRequest, ReplicationRule,
};
use aws_sdk_s3::primitives::ByteStream;
use aws_sdk_s3control::error::ErrorMetadata;
use aws_sdk_s3control::operation::create_job::{CreateJobError, CreateJobInput, CreateJobOutput};
use aws_sdk_s3control::operation::describe_job::DescribeJobOutput;
use aws_sdk_s3control::operation::list_jobs::ListJobsOutput;
use aws_sdk_s3control::operation::update_job_priority::UpdateJobPriorityOutput;
use aws_sdk_s3control::operation::update_job_status::{
    UpdateJobStatusError, UpdateJobStatusOutput,
};
use aws_sdk_s3control::types as ctl;
use aws_smithy_mocks::{Rule, mock};
use aws_smithy_types::DateTime;
use futures::StreamExt;
use std::sync::{Arc, Mutex};

const ACCOUNT: &str = "123456789012";

/// GetCallerIdentity answering [`ACCOUNT`].
fn identity() -> Rule {
    mock!(aws_sdk_sts::Client::get_caller_identity).then_output(|| {
        aws_sdk_sts::operation::get_caller_identity::GetCallerIdentityOutput::builder()
            .account(ACCOUNT)
            .arn(format!("arn:aws:iam::{ACCOUNT}:user/operator"))
            .build()
    })
}

/// A CreateJob rule that keeps every input it answers.
fn create_job_rule() -> (Rule, Arc<Mutex<Vec<CreateJobInput>>>) {
    let inputs = Arc::new(Mutex::new(Vec::new()));
    let kept = Arc::clone(&inputs);
    let rule = mock!(aws_sdk_s3control::Client::create_job).then_compute_output(move |input| {
        kept.lock().unwrap().push(input.clone());
        CreateJobOutput::builder().job_id("job-1").build()
    });
    (rule, inputs)
}

fn job_request(manifest: Manifest, report: Option<ReportTarget>) -> BatchJobRequest {
    BatchJobRequest {
        region: "eu-central-1".into(),
        account_id: ACCOUNT.into(),
        source_bucket: "finance-source".into(),
        manifest,
        report,
        description: "Replicate existing Finance objects".into(),
        priority: 10,
        role_arn: format!("arn:aws:iam::{ACCOUNT}:role/batch-replication"),
        confirmation_required: true,
        tags: vec![("team".into(), "finance".into())],
        client_request_token: "tok-1".into(),
    }
}

#[tokio::test]
async fn create_job_sends_a_generated_manifest_with_its_filter_and_output() {
    let (rule, inputs) = create_job_rule();
    let h = Harness::new(&[&rule]);
    let request = job_request(
        Manifest::Generated {
            filter: ManifestFilter {
                created_after: Some("2024-01-01T00:00:00Z".into()),
                created_before: None,
                replication_statuses: vec!["NONE".into(), "FAILED".into()],
            },
            save_to: Some((
                "finance-manifests".into(),
                "manifests".into(),
                Some("SSE-KMS:arn:aws:kms:eu-central-1:123456789012:key/k1".into()),
            )),
        },
        Some(ReportTarget {
            bucket: "finance-reports".into(),
            prefix: "batch".into(),
            failed_only: false,
        }),
    );
    let id = h.backend.create_batch_job(&request).await.expect("created");
    assert_eq!(id, "job-1");
    let input = inputs.lock().unwrap().pop().expect("one CreateJob");
    assert_eq!(input.account_id(), Some(ACCOUNT));
    assert_eq!(input.confirmation_required(), Some(true));
    assert!(
        input
            .operation()
            .and_then(|o| o.s3_replicate_object())
            .is_some()
    );
    assert_eq!(input.client_request_token(), Some("tok-1"));
    assert_eq!(input.priority(), Some(10));
    assert_eq!(
        input.role_arn(),
        Some("arn:aws:iam::123456789012:role/batch-replication")
    );
    assert_eq!(
        input.description(),
        Some("Replicate existing Finance objects")
    );
    let tags: Vec<_> = input.tags().iter().map(|t| (t.key(), t.value())).collect();
    assert_eq!(tags, [("team", "finance")]);
    let report = input.report().expect("a report");
    assert!(report.enabled());
    assert_eq!(report.bucket(), Some("arn:aws:s3:::finance-reports"));
    assert_eq!(report.prefix(), Some("batch"));
    assert_eq!(
        report.format(),
        Some(&ctl::JobReportFormat::ReportCsv20180820)
    );
    assert_eq!(report.report_scope(), Some(&ctl::JobReportScope::AllTasks));
    assert!(
        input.manifest().is_none(),
        "a manifest or a generator, not both"
    );
    let Some(ctl::JobManifestGenerator::S3JobManifestGenerator(generator)) =
        input.manifest_generator()
    else {
        panic!("an S3 manifest generator: {:?}", input.manifest_generator());
    };
    assert_eq!(generator.source_bucket(), "arn:aws:s3:::finance-source");
    assert!(generator.enable_manifest_output());
    let output = generator.manifest_output_location().expect("an output");
    assert_eq!(output.bucket(), "arn:aws:s3:::finance-manifests");
    assert_eq!(output.manifest_prefix(), Some("manifests"));
    assert_eq!(
        output.manifest_format(),
        &ctl::GeneratedManifestFormat::S3InventoryReportCsv20211130
    );
    let encryption = output.manifest_encryption().expect("encrypted");
    assert!(encryption.sses3().is_none());
    assert_eq!(
        encryption.ssekms().map(|k| k.key_id()),
        Some("arn:aws:kms:eu-central-1:123456789012:key/k1")
    );
    let filter = generator.filter().expect("a filter");
    assert_eq!(filter.eligible_for_replication(), Some(true));
    assert_eq!(
        filter.created_after(),
        Some(&DateTime::from_secs(1_704_067_200))
    );
    assert_eq!(filter.created_before(), None);
    assert_eq!(
        filter.object_replication_statuses(),
        [ctl::ReplicationStatus::None, ctl::ReplicationStatus::Failed]
    );
}

#[tokio::test]
async fn create_job_sends_an_existing_csv_manifest_and_a_failed_only_report() {
    let (rule, inputs) = create_job_rule();
    let sts = identity();
    let h = Harness::new(&[&rule, &sts]);
    let mut request = job_request(
        Manifest::Existing {
            object_arn: "arn:aws:s3:::finance-reports/manifest.csv".into(),
            etag: "60e460c9d1046e73f7dde5043ac3ae85".into(),
            inventory_report: false,
        },
        Some(ReportTarget {
            bucket: "finance-reports".into(),
            prefix: String::new(),
            failed_only: true,
        }),
    );
    // No account named: the caller's, from STS.
    request.account_id = String::new();
    request.tags.clear();
    request.confirmation_required = false;
    h.backend.create_batch_job(&request).await.expect("created");
    let input = inputs.lock().unwrap().pop().expect("one CreateJob");
    assert_eq!(input.account_id(), Some(ACCOUNT));
    assert_eq!(sts.num_calls(), 1);
    assert_eq!(input.confirmation_required(), Some(false));
    assert!(input.tags().is_empty());
    assert!(input.manifest_generator().is_none());
    let manifest = input.manifest().expect("a manifest");
    let spec = manifest.spec().expect("a spec");
    assert_eq!(
        spec.format(),
        &ctl::JobManifestFormat::S3BatchOperationsCsv20180820
    );
    assert_eq!(
        spec.fields(),
        [
            ctl::JobManifestFieldName::Bucket,
            ctl::JobManifestFieldName::Key,
            ctl::JobManifestFieldName::VersionId
        ]
    );
    let location = manifest.location().expect("a location");
    assert_eq!(
        location.object_arn(),
        "arn:aws:s3:::finance-reports/manifest.csv"
    );
    assert_eq!(location.e_tag(), "60e460c9d1046e73f7dde5043ac3ae85");
    let report = input.report().expect("a report");
    assert_eq!(
        report.report_scope(),
        Some(&ctl::JobReportScope::FailedTasksOnly)
    );
    assert_eq!(report.prefix(), None, "an empty prefix is left out");
}

#[tokio::test]
async fn a_malformed_filter_time_is_refused_before_sending() {
    let (rule, _) = create_job_rule();
    let h = Harness::new(&[&rule]);
    let request = job_request(
        Manifest::Generated {
            filter: ManifestFilter {
                created_after: Some("yesterday".into()),
                ..ManifestFilter::default()
            },
            save_to: None,
        },
        None,
    );
    let err = h.backend.create_batch_job(&request).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidInput);
    assert!(err.message.contains("CreatedAfter"), "{}", err.message);
    assert_eq!(rule.num_calls(), 0);
}

fn listed(id: &str, status: ctl::JobStatus) -> ctl::JobListDescriptor {
    ctl::JobListDescriptor::builder()
        .job_id(id)
        .description("backfill")
        .operation(ctl::OperationName::S3ReplicateObject)
        .priority(10)
        .status(status)
        .creation_time(DateTime::from_secs(1_700_000_000))
        .progress_summary(
            ctl::JobProgressSummary::builder()
                .total_number_of_tasks(100)
                .number_of_tasks_succeeded(90)
                .number_of_tasks_failed(2)
                .build(),
        )
        .build()
}

#[tokio::test]
async fn list_jobs_follows_next_token_with_the_callers_account() {
    let tokens = Arc::new(Mutex::new(Vec::new()));
    let (t1, t2) = (Arc::clone(&tokens), Arc::clone(&tokens));
    let first = mock!(aws_sdk_s3control::Client::list_jobs)
        .match_requests(|i| i.next_token().is_none())
        .then_compute_output(move |i| {
            t1.lock()
                .unwrap()
                .push((i.account_id().map(str::to_string), None));
            ListJobsOutput::builder()
                .jobs(listed("job-a", ctl::JobStatus::Suspended))
                .next_token("t1")
                .build()
        });
    let second = mock!(aws_sdk_s3control::Client::list_jobs)
        .match_requests(|i| i.next_token() == Some("t1"))
        .then_compute_output(move |i| {
            t2.lock()
                .unwrap()
                .push((i.account_id().map(str::to_string), Some("t1")));
            ListJobsOutput::builder()
                .jobs(listed("job-b", ctl::JobStatus::Complete))
                .build()
        });
    let sts = identity();
    let h = Harness::new(&[&first, &second, &sts]);
    let pages: Vec<_> = h.backend.list_batch_jobs("eu-central-1").collect().await;
    let pages: Vec<_> = pages.into_iter().map(|p| p.expect("a page")).collect();
    assert_eq!(
        pages.iter().map(|p| p.next.as_deref()).collect::<Vec<_>>(),
        [Some("t1"), None]
    );
    let jobs: Vec<_> = pages.iter().flat_map(|p| &p.items).collect();
    assert_eq!(jobs.len(), 2);
    assert_eq!(jobs[0].id.as_str(), "job-a");
    assert_eq!(jobs[0].status, JobStatus::Suspended);
    assert_eq!(jobs[0].operation.as_str(), "S3ReplicateObject");
    assert_eq!(
        (
            jobs[0].tasks_total,
            jobs[0].tasks_succeeded,
            jobs[0].tasks_failed
        ),
        (Some(100), Some(90), Some(2))
    );
    assert_eq!(jobs[1].status, JobStatus::Complete);
    let account = Some(ACCOUNT.to_string());
    assert_eq!(
        *tokens.lock().unwrap(),
        [(account.clone(), None), (account, Some("t1"))]
    );
    // The account is asked once, then remembered for every S3 Control call.
    h.backend
        .list_batch_jobs("eu-central-1")
        .collect::<Vec<_>>()
        .await;
    assert_eq!(sts.num_calls(), 1);
}

#[tokio::test]
async fn describe_job_converts_progress_failures_and_report() {
    let describe = mock!(aws_sdk_s3control::Client::describe_job)
        .match_requests(|i| i.job_id() == Some("job-1") && i.account_id() == Some(ACCOUNT))
        .then_output(|| {
            let job = ctl::JobDescriptor::builder()
                .job_id("job-1")
                .description("backfill")
                .status(ctl::JobStatus::Failed)
                .priority(7)
                .operation(
                    ctl::JobOperation::builder()
                        .s3_replicate_object(ctl::S3ReplicateObjectOperation::builder().build())
                        .build(),
                )
                .creation_time(DateTime::from_secs(1_700_000_000))
                .termination_date(DateTime::from_secs(1_700_000_600))
                .status_update_reason("Job failed")
                .failure_reasons(
                    ctl::JobFailure::builder()
                        .failure_code("ReplicationConfigurationNotFound")
                        .failure_reason("The source bucket has no replication configuration")
                        .build(),
                )
                .progress_summary(
                    ctl::JobProgressSummary::builder()
                        .total_number_of_tasks(3)
                        .number_of_tasks_succeeded(1)
                        .number_of_tasks_failed(2)
                        .build(),
                )
                .report(
                    ctl::JobReport::builder()
                        .enabled(true)
                        .bucket("arn:aws:s3:::finance-reports")
                        .prefix("batch")
                        .report_scope(ctl::JobReportScope::FailedTasksOnly)
                        .build(),
                )
                .build();
            DescribeJobOutput::builder().job(job).build()
        });
    let sts = identity();
    let h = Harness::new(&[&describe, &sts]);
    let job = h
        .backend
        .describe_batch_job("eu-central-1", "job-1")
        .await
        .expect("described");
    assert_eq!(job.id.as_str(), "job-1");
    assert_eq!(job.status, JobStatus::Failed);
    assert_eq!(job.priority, 7);
    assert_eq!(job.operation.as_str(), "S3ReplicateObject");
    assert_eq!(
        (job.tasks_total, job.tasks_succeeded, job.tasks_failed),
        (Some(3), Some(1), Some(2))
    );
    assert_eq!(
        job.failure_reasons,
        [(
            "ReplicationConfigurationNotFound".to_string(),
            "The source bucket has no replication configuration".to_string()
        )]
    );
    assert_eq!(job.status_update_reason.as_deref(), Some("Job failed"));
    assert!(job.terminated.is_some());
    assert_eq!(
        job.report,
        Some(ReportTarget {
            bucket: "finance-reports".into(),
            prefix: "batch".into(),
            failed_only: true,
        })
    );
}

fn update(change: JobChange) -> JobUpdateRequest {
    JobUpdateRequest {
        region: "eu-central-1".into(),
        account_id: ACCOUNT.into(),
        job_id: "job-1".into(),
        change,
    }
}

#[tokio::test]
async fn confirm_cancel_and_priority_send_their_own_calls() {
    let statuses = Arc::new(Mutex::new(Vec::new()));
    let kept = Arc::clone(&statuses);
    let status =
        mock!(aws_sdk_s3control::Client::update_job_status).then_compute_output(move |i| {
            kept.lock().unwrap().push((
                i.account_id().map(str::to_string),
                i.job_id().map(str::to_string),
                i.requested_job_status().cloned(),
            ));
            UpdateJobStatusOutput::builder().job_id("job-1").build()
        });
    let priority = mock!(aws_sdk_s3control::Client::update_job_priority)
        .match_requests(|i| {
            i.priority() == Some(42)
                && i.job_id() == Some("job-1")
                && i.account_id() == Some(ACCOUNT)
        })
        .then_output(|| {
            UpdateJobPriorityOutput::builder()
                .job_id("job-1")
                .priority(42)
                .build()
                .expect("a complete output")
        });
    let h = Harness::new(&[&status, &priority]);
    for change in [
        JobChange::Confirm,
        JobChange::Cancel,
        JobChange::Priority(42),
    ] {
        h.backend
            .update_batch_job(&update(change))
            .await
            .expect("updated");
    }
    let one = |s| {
        (
            Some(ACCOUNT.to_string()),
            Some("job-1".to_string()),
            Some(s),
        )
    };
    assert_eq!(
        *statuses.lock().unwrap(),
        [
            one(ctl::RequestedJobStatus::Ready),
            one(ctl::RequestedJobStatus::Cancelled)
        ]
    );
    assert_eq!(priority.num_calls(), 1);
}

#[tokio::test]
async fn refusals_name_the_action_and_keep_the_message() {
    let denied = mock!(aws_sdk_s3control::Client::create_job).then_error(|| {
        CreateJobError::generic(
            ErrorMetadata::builder()
                .code("AccessDenied")
                .message("Access Denied")
                .build(),
        )
    });
    let message = "Job status Active is not allowed for the requested status Ready";
    let wrong_state = mock!(aws_sdk_s3control::Client::update_job_status).then_error(move || {
        UpdateJobStatusError::JobStatusException(
            aws_sdk_s3control::types::error::JobStatusException::builder()
                .message(message)
                .meta(
                    ErrorMetadata::builder()
                        .code("JobStatusException")
                        .message(message)
                        .build(),
                )
                .build(),
        )
    });
    let h = Harness::new(&[&denied, &wrong_state]);
    let request = job_request(
        Manifest::Generated {
            filter: ManifestFilter::default(),
            save_to: None,
        },
        None,
    );
    let err = h.backend.create_batch_job(&request).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::AccessDenied);
    assert!(err.message.contains("s3:CreateJob"), "{}", err.message);
    let err = h
        .backend
        .update_batch_job(&update(JobChange::Confirm))
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidInput);
    assert!(err.message.contains(message), "{}", err.message);
}

#[tokio::test]
async fn read_only_refuses_every_change_before_sending_and_lets_reads_through() {
    let (create, _) = create_job_rule();
    let status = mock!(aws_sdk_s3control::Client::update_job_status)
        .then_output(|| UpdateJobStatusOutput::builder().build());
    let priority = mock!(aws_sdk_s3control::Client::update_job_priority).then_output(|| {
        UpdateJobPriorityOutput::builder()
            .job_id("job-1")
            .priority(1)
            .build()
            .expect("a complete output")
    });
    let bucket = mock!(aws_sdk_s3::Client::create_bucket).then_output(|| {
        aws_sdk_s3::operation::create_bucket::CreateBucketOutput::builder().build()
    });
    let versioning = mock!(aws_sdk_s3::Client::put_bucket_versioning).then_output(|| {
        aws_sdk_s3::operation::put_bucket_versioning::PutBucketVersioningOutput::builder().build()
    });
    let replication = mock!(aws_sdk_s3::Client::put_bucket_replication).then_output(|| {
        aws_sdk_s3::operation::put_bucket_replication::PutBucketReplicationOutput::builder().build()
    });
    let list = mock!(aws_sdk_s3control::Client::list_jobs)
        .then_output(|| ListJobsOutput::builder().build());
    let sts = identity();
    let rules = [
        &create,
        &status,
        &priority,
        &bucket,
        &versioning,
        &replication,
        &list,
        &sts,
    ];
    let h = Harness::with(&rules, |s| s.read_only = true);
    let manifest = Manifest::Generated {
        filter: ManifestFilter::default(),
        save_to: None,
    };
    let b = &h.backend;
    let refusals = [
        b.create_batch_job(&job_request(manifest, None)).await.err(),
        b.update_batch_job(&update(JobChange::Confirm)).await.err(),
        b.update_batch_job(&update(JobChange::Priority(1)))
            .await
            .err(),
        b.create_bucket(&BucketRequest {
            region: "eu-central-1".into(),
            name: "new-bucket".into(),
        })
        .await
        .err(),
        b.put_bucket_versioning(&VersioningRequest {
            region: "eu-central-1".into(),
            bucket: "new-bucket".into(),
        })
        .await
        .err(),
        b.put_bucket_replication(&replication_request()).await.err(),
    ];
    for refusal in refusals {
        let kind = refusal.map(|e| e.kind);
        assert_eq!(kind, Some(ErrorKind::ReadOnly));
    }
    let sent = [
        &create,
        &status,
        &priority,
        &bucket,
        &versioning,
        &replication,
    ];
    assert!(sent.iter().all(|r| r.num_calls() == 0), "nothing was sent");
    let pages: Vec<_> = b.list_batch_jobs("eu-central-1").collect().await;
    assert!(pages.iter().all(Result::is_ok), "{pages:?}");
    assert_eq!(list.num_calls(), 1);
}

fn replication_request() -> ReplicationRequest {
    ReplicationRequest {
        region: "eu-central-1".into(),
        bucket: "finance-source".into(),
        config: ReplicationConfig {
            role_arn: format!("arn:aws:iam::{ACCOUNT}:role/s3-replication"),
            rules: vec![ReplicationRule {
                id: "finance".into(),
                enabled: true,
                priority: 1,
                filter: ReplicationFilter {
                    prefix: "Finance/".into(),
                    tags: vec![("team".into(), "finance".into())],
                },
                destination_bucket: "finance-replica".into(),
                destination_region: "us-west-2".into(),
                storage_class: Some("STANDARD_IA".into()),
                replica_kms_key_id: Some("arn:aws:kms:us-west-2:123456789012:key/r1".into()),
                replication_time_control: true,
                metrics: true,
                delete_marker_replication: false,
                replica_modifications: true,
            }],
        },
    }
}

#[tokio::test]
async fn put_bucket_replication_sends_the_whole_v2_configuration() {
    let kept = Arc::new(Mutex::new(None));
    let keep = Arc::clone(&kept);
    let put = mock!(aws_sdk_s3::Client::put_bucket_replication).then_compute_output(move |i| {
        *keep.lock().unwrap() = Some(i.clone());
        aws_sdk_s3::operation::put_bucket_replication::PutBucketReplicationOutput::builder().build()
    });
    let h = Harness::new(&[&put]);
    h.backend
        .put_bucket_replication(&replication_request())
        .await
        .expect("saved");
    let input = kept
        .lock()
        .unwrap()
        .take()
        .expect("one PutBucketReplication");
    assert_eq!(input.bucket(), Some("finance-source"));
    let config = input.replication_configuration().expect("a configuration");
    assert_eq!(
        config.role(),
        "arn:aws:iam::123456789012:role/s3-replication"
    );
    let [rule] = config.rules() else {
        panic!("one rule: {config:?}")
    };
    assert_eq!(rule.id(), Some("finance"));
    assert_eq!(rule.priority(), Some(1));
    assert_eq!(rule.status().as_str(), "Enabled");
    let and = rule.filter().and_then(|f| f.and()).expect("an And filter");
    assert_eq!(and.prefix(), Some("Finance/"));
    let tags: Vec<_> = and.tags().iter().map(|t| (t.key(), t.value())).collect();
    assert_eq!(tags, [("team", "finance")]);
    assert_eq!(
        rule.delete_marker_replication()
            .and_then(|d| d.status())
            .map(|s| s.as_str()),
        Some("Disabled")
    );
    let criteria = rule.source_selection_criteria().expect("criteria");
    assert_eq!(
        criteria
            .sse_kms_encrypted_objects()
            .map(|s| s.status().as_str()),
        Some("Enabled")
    );
    assert_eq!(
        criteria
            .replica_modifications()
            .map(|s| s.status().as_str()),
        Some("Enabled")
    );
    let d = rule.destination().expect("a destination");
    assert_eq!(d.bucket(), "arn:aws:s3:::finance-replica");
    assert_eq!(d.storage_class().map(|c| c.as_str()), Some("STANDARD_IA"));
    assert_eq!(
        d.encryption_configuration()
            .and_then(|e| e.replica_kms_key_id()),
        Some("arn:aws:kms:us-west-2:123456789012:key/r1")
    );
    let rtc = d.replication_time().expect("RTC");
    assert_eq!(rtc.status().as_str(), "Enabled");
    assert_eq!(rtc.time().and_then(|t| t.minutes()), Some(15));
    let metrics = d.metrics().expect("metrics");
    assert_eq!(metrics.status().as_str(), "Enabled");
    assert_eq!(
        metrics.event_threshold().and_then(|t| t.minutes()),
        Some(15)
    );
}

#[tokio::test]
async fn the_completion_report_is_read_from_every_results_csv() {
    let prefixes = Arc::new(Mutex::new(Vec::new()));
    let kept = Arc::clone(&prefixes);
    let list = mock!(aws_sdk_s3::Client::list_objects_v2).then_compute_output(move |i| {
        kept.lock().unwrap().push((
            i.bucket().map(str::to_string),
            i.prefix().map(str::to_string),
        ));
        let object = |key: &str| aws_sdk_s3::types::Object::builder().key(key).build();
        aws_sdk_s3::operation::list_objects_v2::ListObjectsV2Output::builder()
            .contents(object("batch/job-job-1/results/b.csv"))
            .contents(object("batch/job-job-1/results/a.csv"))
            .contents(object("batch/job-job-1/results/notes.json"))
            .build()
    });
    let get = mock!(aws_sdk_s3::Client::get_object).then_compute_output(|i| {
        let body: &'static str = match i.key() {
            Some("batch/job-job-1/results/a.csv") => {
                "finance-source,Finance/q1%20report.csv,v1,succeeded,,200,Successful\n"
            }
            _ => "finance-source,Finance/q2.csv,v2,failed,400,InvalidRequest,\"Task failed, no version\"\n",
        };
        aws_sdk_s3::operation::get_object::GetObjectOutput::builder()
            .body(ByteStream::from_static(body.as_bytes()))
            .build()
    });
    let h = Harness::with(&[&list, &get], |s| s.read_only = true);
    let query = ReportQuery {
        region: "eu-central-1".into(),
        job_id: "job-1".into(),
        target: ReportTarget {
            bucket: "finance-reports".into(),
            prefix: "batch".into(),
            failed_only: false,
        },
    };
    let rows = h
        .backend
        .get_completion_report(&query)
        .await
        .expect("read under --read-only too");
    assert_eq!(
        *prefixes.lock().unwrap(),
        [(
            Some("finance-reports".to_string()),
            Some("batch/job-job-1/results/".to_string())
        )]
    );
    assert_eq!(get.num_calls(), 2, "the CSV files only");
    let keys: Vec<_> = rows.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(
        keys,
        ["Finance/q1 report.csv", "Finance/q2.csv"],
        "in key order"
    );
    assert_eq!(rows[1].status, "failed");
    assert_eq!(rows[1].error_code, "InvalidRequest");
    assert_eq!(rows[1].http_status, "400");
    assert_eq!(rows[1].message, "Task failed, no version");
}
