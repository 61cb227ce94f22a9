//! S3 Control job shapes (ListJobs' descriptors, DescribeJob's job) as the domain's `BatchJob`.

use super::replication::bucket_of_arn;
use super::{opt_text, opt_time, text};
use crate::domain::batch::{BatchJob, JobStatus, ReportTarget};
use aws_sdk_s3control::types as ctl;
use time::OffsetDateTime;

/// A status AWS may add later reads as New (it will be described again) and is logged.
pub fn job_status(s: Option<&ctl::JobStatus>) -> JobStatus {
    let name = s.map(|s| s.as_str()).unwrap_or_default();
    JobStatus::from_api_name(name).unwrap_or_else(|| {
        tracing::warn!(status = name, "unknown batch job status; shown as New");
        JobStatus::New
    })
}

fn tasks(count: Option<i64>) -> Option<u64> {
    count.and_then(|c| u64::try_from(c).ok())
}

/// The report a job writes, when it writes one.
pub fn report_target(r: Option<&ctl::JobReport>) -> Option<ReportTarget> {
    let r = r.filter(|r| r.enabled())?;
    Some(ReportTarget {
        bucket: bucket_of_arn(r.bucket().unwrap_or_default()).to_string(),
        prefix: r.prefix().unwrap_or_default().to_string(),
        failed_only: r
            .report_scope()
            .is_some_and(|s| *s == ctl::JobReportScope::FailedTasksOnly),
    })
}

/// The operation's name as ListJobs gives it (`S3ReplicateObject`).
fn operation_name(op: Option<&ctl::JobOperation>) -> &'static str {
    match op {
        Some(op) if op.s3_replicate_object().is_some() => "S3ReplicateObject",
        Some(op) if op.s3_put_object_copy().is_some() => "S3PutObjectCopy",
        Some(op) if op.lambda_invoke().is_some() => "LambdaInvoke",
        Some(_) => "Other",
        None => "",
    }
}

pub fn listed_job(j: &ctl::JobListDescriptor) -> BatchJob {
    let progress = j.progress_summary();
    BatchJob {
        id: text(j.job_id()),
        description: text(j.description()),
        operation: text(j.operation().map(|o| o.as_str())),
        status: job_status(j.status()),
        priority: j.priority(),
        created: opt_time(j.creation_time()).unwrap_or(OffsetDateTime::UNIX_EPOCH),
        terminated: opt_time(j.termination_date()),
        tasks_total: tasks(progress.and_then(|p| p.total_number_of_tasks())),
        tasks_succeeded: tasks(progress.and_then(|p| p.number_of_tasks_succeeded())),
        tasks_failed: tasks(progress.and_then(|p| p.number_of_tasks_failed())),
        // Only DescribeJob tells these.
        failure_reasons: Vec::new(),
        status_update_reason: None,
        report: None,
    }
}

pub fn described_job(j: &ctl::JobDescriptor) -> BatchJob {
    let progress = j.progress_summary();
    BatchJob {
        id: text(j.job_id()),
        description: text(j.description()),
        operation: operation_name(j.operation()).into(),
        status: job_status(j.status()),
        priority: j.priority(),
        created: opt_time(j.creation_time()).unwrap_or(OffsetDateTime::UNIX_EPOCH),
        terminated: opt_time(j.termination_date()),
        tasks_total: tasks(progress.and_then(|p| p.total_number_of_tasks())),
        tasks_succeeded: tasks(progress.and_then(|p| p.number_of_tasks_succeeded())),
        tasks_failed: tasks(progress.and_then(|p| p.number_of_tasks_failed())),
        failure_reasons: j
            .failure_reasons()
            .iter()
            .map(|f| {
                (
                    f.failure_code().unwrap_or_default().to_string(),
                    f.failure_reason().unwrap_or_default().to_string(),
                )
            })
            .collect(),
        status_update_reason: opt_text(j.status_update_reason()),
        report: report_target(j.report()),
    }
}
