//! S3 Batch Replication in the demo account: CreateJob's checks, jobs that move through their
//! statuses as they are polled, UpdateJobStatus/UpdateJobPriority, and completion reports.
//!
//! Deliberate behaviours:
//! - a poll is a DescribeJob of the job, or the first page of ListJobs for every job of the
//!   Region; each moves a job one step: New → Preparing → Suspended (confirmation required) or
//!   Ready → Active (half the tasks done) → Complete. A Suspended job waits for UpdateJobStatus
//!   Ready; cancelling an Active job passes through Cancelling;
//! - a generated manifest lists the source's object versions that an enabled rule selects
//!   (prefix and tags), narrowed by the request's creation dates and replication statuses;
//!   an existing manifest must be one a generated job of this session saved, else the job fails
//!   in Preparing (the demo cannot read arbitrary CSV files);
//! - tasks on objects encrypted with a locked KMS key (`s3::LOCKED_KEYS`) fail with
//!   AccessDenied: the job still completes (with failed tasks, no FailureReasons) and the
//!   completion report lists them; the replicated versions appear in the destination as REPLICA
//!   and the source versions turn COMPLETED (or FAILED);
//! - a report is written when the job ends having succeeded at least one task, as S3 does.

use super::fixtures::{ACCOUNT_ID, Account, BATCH_ROLE, DEMO_NOW, Rng};
use super::s3::{self, ObjectStatus, S3Object};
use super::tokens::Tokens;
use super::{invalid, not_found};
use crate::backend::BackendError;
use crate::domain::batch::{
    BatchJob, BatchJobRequest, JobChange, JobStatus, JobUpdateRequest, Manifest, ManifestFilter,
    ReportQuery, ReportRow, ReportTarget,
};
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

/// Seed of the job IDs: their own generator, so other IDs of the session do not move.
const JOB_IDS_SEED: u64 = 0x00C0_FFEE_0B47_C400;

/// Jobs, their idempotency tokens and the manifests generated jobs saved.
pub struct BatchBook {
    tokens: Tokens<BatchJobRequest>,
    jobs: Vec<Job>,
    /// Saved manifests: object ARN → the tasks it lists.
    manifests: Vec<(String, Vec<Task>)>,
    ids: Rng,
}

struct Job {
    region: String,
    job: BatchJob,
    request: BatchJobRequest,
    /// The manifest's object versions, known from creation.
    tasks: Vec<Task>,
    /// How many tasks have run.
    done: usize,
    /// Why Preparing will fail, decided at creation.
    failure: Option<Reason>,
    rows: Vec<ReportRow>,
}

/// A FailureReason: (FailureCode, FailureReason).
type Reason = (String, String);

/// One object version to replicate.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Task {
    key: String,
    version_id: String,
}

impl BatchBook {
    /// The book with the demo's two finished jobs in us-east-1 (one Complete with a report, one
    /// Failed), made through the same calls as any job so the objects agree with them.
    pub fn seeded(account: &mut Account) -> Self {
        let mut book = BatchBook {
            tokens: Tokens::default(),
            jobs: Vec::new(),
            manifests: Vec::new(),
            ids: Rng::new(JOB_IDS_SEED),
        };
        let seeds = [
            (
                seed_request("seed-1", "Backfill acme-logs to acme-dr-west", None),
                6,
            ),
            (
                seed_request(
                    "seed-2",
                    "Re-run October's log manifest",
                    Some("arn:aws:s3:::acme-analytics-exports/manifests/logs-2026-10.csv"),
                ),
                3,
            ),
        ];
        for (request, days_ago) in seeds {
            let Ok(id) = book.create(account, &request) else {
                continue;
            };
            while book
                .poll(account, &request.region, &id)
                .is_ok_and(|j| !j.status.is_final())
            {}
            if let Some(job) = book.jobs.iter_mut().find(|j| *j.job.id == *id) {
                job.job.created = DEMO_NOW - Duration::days(days_ago);
                job.job.terminated = Some(job.job.created + Duration::minutes(14));
            }
        }
        book
    }

    /// CreateJob: checks what S3 Control checks; returns the new (or, for a repeated token,
    /// the earlier) job's ID.
    pub fn create(
        &mut self,
        account: &Account,
        req: &BatchJobRequest,
    ) -> Result<String, BackendError> {
        if let Some(answer) =
            self.tokens
                .replay("ClientRequestToken", &req.client_request_token, req)
        {
            return answer.map_err(|_| {
                invalid(format!(
                    "IdempotencyException: ClientRequestToken {} was already used with a different request",
                    req.client_request_token
                ))
            });
        }
        check(account, req)?;
        let (tasks, failure) = self.manifest_tasks(account, req)?;
        let id = self.ids.uuid();
        self.jobs.push(Job {
            region: req.region.clone(),
            job: BatchJob {
                id: id.as_str().into(),
                description: req.description.as_str().into(),
                operation: "S3ReplicateObject".into(),
                status: JobStatus::New,
                priority: req.priority,
                created: DEMO_NOW,
                terminated: None,
                tasks_total: None,
                tasks_succeeded: None,
                tasks_failed: None,
                failure_reasons: Vec::new(),
                status_update_reason: None,
                report: req.report.clone(),
            },
            request: req.clone(),
            tasks,
            done: 0,
            failure,
            rows: Vec::new(),
        });
        self.tokens.remember(&req.client_request_token, req, &id);
        Ok(id)
    }

    /// The tasks of the job's manifest, or why reading it will fail in Preparing.
    fn manifest_tasks(
        &self,
        account: &Account,
        req: &BatchJobRequest,
    ) -> Result<(Vec<Task>, Option<Reason>), BackendError> {
        match &req.manifest {
            Manifest::Generated { filter, .. } => {
                Ok((generate(account, &req.source_bucket, filter)?, None))
            }
            Manifest::Existing { object_arn, .. } => {
                match self.manifests.iter().find(|(arn, _)| arn == object_arn) {
                    Some((_, tasks)) => Ok((tasks.clone(), None)),
                    None => Ok((
                        Vec::new(),
                        Some((
                            "NoSuchKey".into(),
                            format!(
                                "Reading the manifest failed: the specified key does not exist ({object_arn})"
                            ),
                        )),
                    )),
                }
            }
        }
    }

    /// DescribeJob: moves the job one step, then describes it.
    pub fn poll(
        &mut self,
        account: &mut Account,
        region: &str,
        job_id: &str,
    ) -> Result<BatchJob, BackendError> {
        let index = self.index(region, job_id)?;
        self.step(account, index);
        Ok(self.jobs[index].job.clone())
    }

    /// The first page of ListJobs: every unfinished job of the Region moves one step.
    pub fn poll_region(&mut self, account: &mut Account, region: &str) {
        for index in 0..self.jobs.len() {
            if self.jobs[index].region == region {
                self.step(account, index);
            }
        }
    }

    /// The Region's jobs, newest first.
    pub fn list(&self, region: &str) -> Vec<BatchJob> {
        let mut jobs: Vec<BatchJob> = self
            .jobs
            .iter()
            .rev()
            .filter(|j| j.region == region)
            .map(|j| j.job.clone())
            .collect();
        jobs.sort_by_key(|j| std::cmp::Reverse(j.created));
        jobs
    }

    /// UpdateJobStatus (confirm, cancel) or UpdateJobPriority.
    pub fn update(&mut self, req: &JobUpdateRequest) -> Result<(), BackendError> {
        let index = self.index(&req.region, &req.job_id)?;
        let status = self.jobs[index].job.status;
        let refuse = |to: &str| {
            invalid(format!(
                "JobStatusException: Job {} cannot be moved to {to} from its current status {status}",
                req.job_id
            ))
        };
        match req.change {
            JobChange::Priority(p) => {
                check_priority(p)?;
                self.jobs[index].job.priority = p;
            }
            JobChange::Confirm if status == JobStatus::Suspended => {
                let job = &mut self.jobs[index].job;
                job.status = JobStatus::Ready;
                job.status_update_reason = Some("Confirmed".into());
            }
            JobChange::Confirm => return Err(refuse("Ready")),
            JobChange::Cancel if status.is_final() || status == JobStatus::Cancelling => {
                return Err(refuse("Cancelled"));
            }
            JobChange::Cancel => {
                let job = &mut self.jobs[index];
                job.job.status_update_reason = Some("Cancelled by request".into());
                if status == JobStatus::Active {
                    job.job.status = JobStatus::Cancelling;
                } else {
                    finish(job, JobStatus::Cancelled);
                }
            }
        }
        Ok(())
    }

    /// The rows of a finished job's completion report.
    pub fn report(&self, query: &ReportQuery) -> Result<Vec<ReportRow>, BackendError> {
        let job = &self.jobs[self.index(&query.region, &query.job_id)?];
        let written = job.job.status.is_final()
            && job
                .job
                .report
                .as_ref()
                .is_some_and(|r| r.bucket == query.target.bucket)
            && job.job.tasks_succeeded.unwrap_or(0) > 0;
        if !written {
            return Err(not_found("NoSuchKey: The specified key does not exist."));
        }
        Ok(job.rows.clone())
    }

    fn index(&self, region: &str, job_id: &str) -> Result<usize, BackendError> {
        self.jobs
            .iter()
            .position(|j| j.region == region && *j.job.id == *job_id)
            .ok_or_else(|| {
                not_found(format!(
                    "NotFoundException: Job {job_id} was not found in {region}"
                ))
            })
    }

    /// Moves job `index` one step along its lifecycle.
    fn step(&mut self, account: &mut Account, index: usize) {
        let job = &mut self.jobs[index];
        match job.job.status {
            JobStatus::New => job.job.status = JobStatus::Preparing,
            JobStatus::Preparing => {
                if let Some(reason) = job.failure.take() {
                    job.job.failure_reasons.push(reason);
                    finish(job, JobStatus::Failed);
                    return;
                }
                job.job.tasks_total = Some(job.tasks.len() as u64);
                job.job.tasks_succeeded = Some(0);
                job.job.tasks_failed = Some(0);
                if let Manifest::Generated {
                    save_to: Some((bucket, prefix, _)),
                    ..
                } = &job.request.manifest
                {
                    let arn = manifest_arn(bucket, prefix, &job.job.id);
                    self.manifests.push((arn, job.tasks.clone()));
                }
                job.job.status = if job.request.confirmation_required {
                    JobStatus::Suspended
                } else {
                    JobStatus::Ready
                };
            }
            JobStatus::Ready => {
                job.job.status = JobStatus::Active;
                run(account, job, job.tasks.len() / 2);
            }
            JobStatus::Active => {
                run(account, job, job.tasks.len());
                finish(job, JobStatus::Complete);
            }
            JobStatus::Cancelling => finish(job, JobStatus::Cancelled),
            _ => {}
        }
    }
}

/// Where a generated job saves its manifest, as S3 names it.
fn manifest_arn(bucket: &str, prefix: &str, job_id: &str) -> String {
    let prefix = if prefix.is_empty() {
        String::new()
    } else {
        format!("{}/", prefix.trim_end_matches('/'))
    };
    format!("arn:aws:s3:::{bucket}/{prefix}job-{job_id}/manifest.csv")
}

/// Runs the job's tasks up to `upto`: each replicates its version to the rule's destinations,
/// or fails when the role cannot read it.
fn run(account: &mut Account, job: &mut Job, upto: usize) {
    let source = job.request.source_bucket.clone();
    let report_failed_only = job.job.report.as_ref().is_some_and(|r| r.failed_only);
    while job.done < upto {
        let task = job.tasks[job.done].clone();
        job.done += 1;
        let object = account
            .s3
            .objects
            .get(&source)
            .and_then(|v| {
                v.iter()
                    .find(|o| o.key == task.key && o.version_id == task.version_id)
            })
            .cloned();
        let Some(object) = object else { continue };
        let ok = object.replicable();
        if ok {
            for destination in s3::destinations(account, &source, &object) {
                s3::replicate(account, &destination, &object);
            }
        }
        let status = if ok {
            ObjectStatus::Completed
        } else {
            ObjectStatus::Failed
        };
        s3::set_status(account, &source, &task.key, &task.version_id, status);
        let counter = if ok {
            &mut job.job.tasks_succeeded
        } else {
            &mut job.job.tasks_failed
        };
        *counter = Some(counter.unwrap_or(0) + 1);
        if !(ok && report_failed_only) {
            job.rows.push(row(&source, &object, ok));
        }
    }
}

fn row(bucket: &str, object: &S3Object, ok: bool) -> ReportRow {
    let (status, code, http, message) = if ok {
        ("succeeded", "", "200", "Successful".to_string())
    } else {
        (
            "failed",
            "AccessDenied",
            "403",
            format!(
                "Access Denied: the role cannot use KMS key {} to decrypt the object",
                object.kms_key.as_deref().unwrap_or_default()
            ),
        )
    };
    ReportRow {
        bucket: bucket.to_string(),
        key: object.key.clone(),
        version_id: object.version_id.clone(),
        status: status.into(),
        error_code: code.into(),
        http_status: http.into(),
        message,
    }
}

/// Ends the job in `status` (its report, if any, holds the rows of the tasks that ran).
fn finish(job: &mut Job, status: JobStatus) {
    job.job.status = status;
    job.job.terminated = Some(DEMO_NOW);
}

/// What CreateJob refuses, in S3 Control's words.
fn check(account: &Account, req: &BatchJobRequest) -> Result<(), BackendError> {
    check_priority(req.priority)?;
    let bad = |m: String| invalid(format!("BadRequest: {m}"));
    let source = s3::find(account, &req.source_bucket).ok_or_else(|| {
        bad(format!(
            "The source bucket {} does not exist",
            req.source_bucket
        ))
    })?;
    if source.region != req.region {
        return Err(bad(format!(
            "The job must be created in the source bucket's Region ({}), not {}",
            source.region, req.region
        )));
    }
    if !account.s3.replication.contains_key(&req.source_bucket) {
        return Err(bad(format!(
            "The source bucket {} has no replication configuration: Batch Replication replicates by its rules (ReplicationConfigurationNotFoundError)",
            req.source_bucket
        )));
    }
    if let Manifest::Generated {
        save_to: Some((bucket, ..)),
        ..
    } = &req.manifest
    {
        let output = s3::find(account, bucket).ok_or_else(|| {
            bad(format!(
                "The manifest output bucket {bucket} does not exist"
            ))
        })?;
        if output.region != source.region {
            return Err(bad(format!(
                "The manifest must be stored in the source bucket's Region ({}); {bucket} is in {}",
                source.region, output.region
            )));
        }
    }
    if let Some(ReportTarget { bucket, .. }) = &req.report
        && s3::find(account, bucket).is_none()
    {
        return Err(bad(format!(
            "The completion report bucket {bucket} does not exist"
        )));
    }
    if !account.roles.iter().any(|r| r.arn == req.role_arn) {
        return Err(bad(format!(
            "The IAM role {} does not exist in account {ACCOUNT_ID}",
            req.role_arn
        )));
    }
    Ok(())
}

fn check_priority(priority: i32) -> Result<(), BackendError> {
    if priority < 0 {
        return Err(invalid(format!(
            "BadRequest: Priority must be between 0 and 2147483647, not {priority}"
        )));
    }
    Ok(())
}

/// The generated manifest: versions of `bucket` an enabled rule selects, within the filter.
fn generate(
    account: &Account,
    bucket: &str,
    filter: &ManifestFilter,
) -> Result<Vec<Task>, BackendError> {
    let after = parse_time("CreatedAfter", filter.created_after.as_deref())?;
    let before = parse_time("CreatedBefore", filter.created_before.as_deref())?;
    let objects = account
        .s3
        .objects
        .get(bucket)
        .map(Vec::as_slice)
        .unwrap_or_default();
    Ok(objects
        .iter()
        .filter(|o| !s3::destinations(account, bucket, o).is_empty())
        .filter(|o| after.is_none_or(|t| o.created > t) && before.is_none_or(|t| o.created < t))
        .filter(|o| {
            filter.replication_statuses.is_empty()
                || filter
                    .replication_statuses
                    .iter()
                    .any(|s| s == o.status.api_name())
        })
        .map(|o| Task {
            key: o.key.clone(),
            version_id: o.version_id.clone(),
        })
        .collect())
}

fn parse_time(member: &str, value: Option<&str>) -> Result<Option<OffsetDateTime>, BackendError> {
    value
        .map(|v| {
            OffsetDateTime::parse(v, &Rfc3339).map_err(|_| {
                invalid(format!(
                    "BadRequest: {member} is not a valid timestamp: {v}"
                ))
            })
        })
        .transpose()
}

/// A seeded job on acme-logs: generated manifest (or `existing` one), report to
/// acme-analytics-exports, no confirmation.
fn seed_request(token: &str, description: &str, existing: Option<&str>) -> BatchJobRequest {
    let manifest = match existing {
        None => Manifest::Generated {
            filter: ManifestFilter {
                replication_statuses: vec!["NONE".into(), "FAILED".into()],
                ..ManifestFilter::default()
            },
            save_to: None,
        },
        Some(arn) => Manifest::Existing {
            object_arn: arn.into(),
            etag: "5f2b51d3c7a9e0f41b6d8c2a3e9f7d10".into(),
            inventory_report: false,
        },
    };
    BatchJobRequest {
        region: "us-east-1".into(),
        account_id: ACCOUNT_ID.into(),
        source_bucket: "acme-logs".into(),
        manifest,
        report: Some(ReportTarget {
            bucket: "acme-analytics-exports".into(),
            prefix: "batch-reports".into(),
            failed_only: false,
        }),
        description: description.into(),
        priority: 10,
        role_arn: BATCH_ROLE.into(),
        confirmation_required: false,
        tags: Vec::new(),
        client_request_token: token.into(),
    }
}

#[cfg(test)]
mod tests;
