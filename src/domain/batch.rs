//! S3 Batch Replication: Batch Operations jobs, their CreateJob request, status changes and
//! completion reports.

use super::Text;
use super::replication::bucket_arn;
use super::restore::shell_quote;
use time::OffsetDateTime;

/// `JobStatus` of S3 Control.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum JobStatus {
    New,
    Preparing,
    Suspended,
    Ready,
    Active,
    Pausing,
    Paused,
    Completing,
    Complete,
    Failing,
    Failed,
    Cancelling,
    Cancelled,
}

impl JobStatus {
    pub const ALL: [JobStatus; 13] = [
        JobStatus::New,
        JobStatus::Preparing,
        JobStatus::Suspended,
        JobStatus::Ready,
        JobStatus::Active,
        JobStatus::Pausing,
        JobStatus::Paused,
        JobStatus::Completing,
        JobStatus::Complete,
        JobStatus::Failing,
        JobStatus::Failed,
        JobStatus::Cancelling,
        JobStatus::Cancelled,
    ];

    pub fn api_name(self) -> &'static str {
        match self {
            JobStatus::New => "New",
            JobStatus::Preparing => "Preparing",
            JobStatus::Suspended => "Suspended",
            JobStatus::Ready => "Ready",
            JobStatus::Active => "Active",
            JobStatus::Pausing => "Pausing",
            JobStatus::Paused => "Paused",
            JobStatus::Completing => "Completing",
            JobStatus::Complete => "Complete",
            JobStatus::Failing => "Failing",
            JobStatus::Failed => "Failed",
            JobStatus::Cancelling => "Cancelling",
            JobStatus::Cancelled => "Cancelled",
        }
    }

    pub fn from_api_name(name: &str) -> Option<JobStatus> {
        Self::ALL.into_iter().find(|s| s.api_name() == name)
    }

    /// Whether the job has ended (no more polling needed).
    pub fn is_final(self) -> bool {
        matches!(
            self,
            JobStatus::Complete | JobStatus::Failed | JobStatus::Cancelled
        )
    }
}

impl std::fmt::Display for JobStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.api_name())
    }
}

/// Where a completion report is written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReportTarget {
    pub bucket: String,
    pub prefix: String,
    /// Every task, or only the failed ones.
    pub failed_only: bool,
}

/// A Batch Operations job (ListJobs / DescribeJob).
#[derive(Debug, Clone, PartialEq)]
pub struct BatchJob {
    pub id: Text,
    pub description: Text,
    /// `S3ReplicateObject` for Batch Replication.
    pub operation: Text,
    pub status: JobStatus,
    pub priority: i32,
    pub created: OffsetDateTime,
    pub terminated: Option<OffsetDateTime>,
    pub tasks_total: Option<u64>,
    pub tasks_succeeded: Option<u64>,
    pub tasks_failed: Option<u64>,
    /// DescribeJob's FailureReasons: (code, reason).
    pub failure_reasons: Vec<(String, String)>,
    pub status_update_reason: Option<Text>,
    /// Set when the job writes a completion report.
    pub report: Option<ReportTarget>,
}

/// Which objects a generated manifest lists (S3JobManifestGenerator's filter).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ManifestFilter {
    /// RFC 3339 times.
    pub created_after: Option<String>,
    pub created_before: Option<String>,
    /// `NONE`, `FAILED`, `COMPLETED`, `REPLICA`; empty: any.
    pub replication_statuses: Vec<String>,
}

/// Where a job's list of objects comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Manifest {
    /// Generated from the source bucket's replication configuration; saved to `save_to`
    /// (a bucket in the source's Region, a prefix, optional `SSE-S3`/`SSE-KMS:<key>`) if set.
    Generated {
        filter: ManifestFilter,
        save_to: Option<(String, String, Option<String>)>,
    },
    /// An existing manifest object: a CSV or an S3 Inventory report.
    Existing {
        object_arn: String,
        etag: String,
        inventory_report: bool,
    },
}

/// Exactly what the Batch Replication wizard sends with S3 Control CreateJob.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchJobRequest {
    pub region: String,
    pub account_id: String,
    pub source_bucket: String,
    pub manifest: Manifest,
    pub report: Option<ReportTarget>,
    pub description: String,
    pub priority: i32,
    pub role_arn: String,
    /// Wait in Suspended until confirmed (as the console's jobs do), or run when ready.
    pub confirmation_required: bool,
    pub tags: Vec<(String, String)>,
    /// One per wizard opening: a retried CreateJob makes one job.
    pub client_request_token: String,
}

impl BatchJobRequest {
    /// The CreateJob body, pretty-printed, members in API order.
    pub fn api_json(&self) -> String {
        serde_json::to_string_pretty(&self.body()).unwrap_or_default()
    }

    fn report_json(&self) -> serde_json::Value {
        match &self.report {
            None => serde_json::json!({ "Enabled": false }),
            Some(r) => {
                let mut report = serde_json::Map::new();
                report.insert("Bucket".into(), bucket_arn(&r.bucket).into());
                report.insert("Format".into(), "Report_CSV_20180820".into());
                report.insert("Enabled".into(), true.into());
                if !r.prefix.is_empty() {
                    report.insert("Prefix".into(), r.prefix.clone().into());
                }
                let scope = if r.failed_only {
                    "FailedTasksOnly"
                } else {
                    "AllTasks"
                };
                report.insert("ReportScope".into(), scope.into());
                report.into()
            }
        }
    }

    fn manifest_members(&self) -> Vec<(&'static str, serde_json::Value)> {
        match &self.manifest {
            Manifest::Existing {
                object_arn,
                etag,
                inventory_report,
            } => {
                let (format, fields) = if *inventory_report {
                    ("S3InventoryReport_CSV_20161130", None)
                } else {
                    (
                        "S3BatchOperations_CSV_20180820",
                        Some(serde_json::json!(["Bucket", "Key", "VersionId"])),
                    )
                };
                let mut spec = serde_json::Map::new();
                spec.insert("Format".into(), format.into());
                if let Some(fields) = fields {
                    spec.insert("Fields".into(), fields);
                }
                vec![(
                    "Manifest",
                    serde_json::json!({
                        "Spec": spec,
                        "Location": { "ObjectArn": object_arn, "ETag": etag },
                    }),
                )]
            }
            Manifest::Generated { filter, save_to } => {
                let mut generator = serde_json::Map::new();
                generator.insert(
                    "SourceBucket".into(),
                    bucket_arn(&self.source_bucket).into(),
                );
                generator.insert("EnableManifestOutput".into(), save_to.is_some().into());
                if let Some((bucket, prefix, encryption)) = save_to {
                    let mut output = serde_json::Map::new();
                    output.insert("Bucket".into(), bucket_arn(bucket).into());
                    output.insert(
                        "ManifestFormat".into(),
                        "S3InventoryReport_CSV_20211130".into(),
                    );
                    if !prefix.is_empty() {
                        output.insert("ManifestPrefix".into(), prefix.clone().into());
                    }
                    match encryption.as_deref() {
                        Some("SSE-S3") => {
                            output.insert(
                                "ManifestEncryption".into(),
                                serde_json::json!({ "SSES3": {} }),
                            );
                        }
                        Some(kms) => {
                            let key = kms.strip_prefix("SSE-KMS:").unwrap_or(kms);
                            output.insert(
                                "ManifestEncryption".into(),
                                serde_json::json!({ "SSEKMS": { "KeyId": key } }),
                            );
                        }
                        None => {}
                    }
                    generator.insert("ManifestOutputLocation".into(), output.into());
                }
                let mut f = serde_json::Map::new();
                f.insert("EligibleForReplication".into(), true.into());
                if let Some(after) = &filter.created_after {
                    f.insert("CreatedAfter".into(), after.clone().into());
                }
                if let Some(before) = &filter.created_before {
                    f.insert("CreatedBefore".into(), before.clone().into());
                }
                if !filter.replication_statuses.is_empty() {
                    f.insert(
                        "ObjectReplicationStatuses".into(),
                        filter.replication_statuses.clone().into(),
                    );
                }
                generator.insert("Filter".into(), f.into());
                vec![(
                    "ManifestGenerator",
                    serde_json::json!({ "S3JobManifestGenerator": generator }),
                )]
            }
        }
    }

    fn body(&self) -> serde_json::Value {
        let mut body = serde_json::Map::new();
        body.insert("AccountId".into(), self.account_id.clone().into());
        body.insert(
            "ConfirmationRequired".into(),
            self.confirmation_required.into(),
        );
        body.insert(
            "Operation".into(),
            serde_json::json!({ "S3ReplicateObject": {} }),
        );
        body.insert("Report".into(), self.report_json());
        body.insert(
            "ClientRequestToken".into(),
            self.client_request_token.clone().into(),
        );
        for (name, value) in self.manifest_members() {
            body.insert(name.into(), value);
        }
        if !self.description.is_empty() {
            body.insert("Description".into(), self.description.clone().into());
        }
        body.insert("Priority".into(), self.priority.into());
        body.insert("RoleArn".into(), self.role_arn.clone().into());
        if !self.tags.is_empty() {
            let tags: Vec<serde_json::Value> = self
                .tags
                .iter()
                .map(|(k, v)| serde_json::json!({ "Key": k, "Value": v }))
                .collect();
            body.insert("Tags".into(), tags.into());
        }
        serde_json::Value::Object(body)
    }

    /// The same request as an `aws s3control create-job` command line.
    pub fn cli_command(&self) -> String {
        let body = self.body();
        let json = |name: &str| serde_json::to_string(&body[name]).unwrap_or_default();
        let mut args = vec![
            "aws s3control create-job".to_string(),
            format!("--region {}", shell_quote(&self.region)),
            format!("--account-id {}", shell_quote(&self.account_id)),
            if self.confirmation_required {
                "--confirmation-required".to_string()
            } else {
                "--no-confirmation-required".to_string()
            },
            format!("--operation {}", shell_quote(&json("Operation"))),
            format!("--report {}", shell_quote(&json("Report"))),
        ];
        for (name, _) in self.manifest_members() {
            let flag = if name == "Manifest" {
                "--manifest"
            } else {
                "--manifest-generator"
            };
            args.push(format!("{flag} {}", shell_quote(&json(name))));
        }
        if !self.description.is_empty() {
            args.push(format!("--description {}", shell_quote(&self.description)));
        }
        args.push(format!("--priority {}", self.priority));
        args.push(format!("--role-arn {}", shell_quote(&self.role_arn)));
        args.push(format!(
            "--client-request-token {}",
            shell_quote(&self.client_request_token)
        ));
        if !self.tags.is_empty() {
            args.push(format!("--tags {}", shell_quote(&json("Tags"))));
        }
        args.join(" \\\n  ")
    }
}

/// What to do with an existing job: confirm it (Ready), cancel it, or change its priority.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobChange {
    Confirm,
    Cancel,
    Priority(i32),
}

/// UpdateJobStatus or UpdateJobPriority for one job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobUpdateRequest {
    pub region: String,
    pub account_id: String,
    pub job_id: String,
    pub change: JobChange,
}

impl JobUpdateRequest {
    pub fn operation(&self) -> &'static str {
        match self.change {
            JobChange::Priority(_) => "UpdateJobPriority",
            _ => "UpdateJobStatus",
        }
    }

    pub fn api_json(&self) -> String {
        let body = match self.change {
            JobChange::Confirm => serde_json::json!({
                "AccountId": self.account_id, "JobId": self.job_id, "RequestedJobStatus": "Ready",
            }),
            JobChange::Cancel => serde_json::json!({
                "AccountId": self.account_id, "JobId": self.job_id, "RequestedJobStatus": "Cancelled",
            }),
            JobChange::Priority(p) => serde_json::json!({
                "AccountId": self.account_id, "JobId": self.job_id, "Priority": p,
            }),
        };
        serde_json::to_string_pretty(&body).unwrap_or_default()
    }

    pub fn cli_command(&self) -> String {
        let head = [
            format!("--region {}", shell_quote(&self.region)),
            format!("--account-id {}", shell_quote(&self.account_id)),
            format!("--job-id {}", shell_quote(&self.job_id)),
        ];
        let (command, last) = match self.change {
            JobChange::Confirm => (
                "aws s3control update-job-status",
                "--requested-job-status Ready".to_string(),
            ),
            JobChange::Cancel => (
                "aws s3control update-job-status",
                "--requested-job-status Cancelled".to_string(),
            ),
            JobChange::Priority(p) => (
                "aws s3control update-job-priority",
                format!("--priority {p}"),
            ),
        };
        std::iter::once(command.to_string())
            .chain(head)
            .chain(std::iter::once(last))
            .collect::<Vec<_>>()
            .join(" \\\n  ")
    }
}

/// One row of a completion report (`Report_CSV_20180820`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRow {
    pub bucket: String,
    pub key: String,
    pub version_id: String,
    /// `succeeded` or `failed`.
    pub status: String,
    pub error_code: String,
    pub http_status: String,
    pub message: String,
}

/// Where a finished job's completion report is, to read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportQuery {
    pub region: String,
    pub job_id: String,
    pub target: ReportTarget,
}

/// Exactly what CreateBucket (then PutBucketVersioning) sends for a new bucket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BucketRequest {
    pub region: String,
    pub name: String,
}

impl BucketRequest {
    pub fn api_json(&self) -> String {
        let body = if self.region == "us-east-1" {
            serde_json::json!({ "Bucket": self.name })
        } else {
            serde_json::json!({
                "Bucket": self.name,
                "CreateBucketConfiguration": { "LocationConstraint": self.region },
            })
        };
        serde_json::to_string_pretty(&body).unwrap_or_default()
    }

    pub fn cli_command(&self) -> String {
        let mut args = vec![
            "aws s3api create-bucket".to_string(),
            format!("--region {}", shell_quote(&self.region)),
            format!("--bucket {}", shell_quote(&self.name)),
        ];
        // us-east-1 takes no location constraint (AWS refuses one naming it).
        if self.region != "us-east-1" {
            args.push(format!(
                "--create-bucket-configuration LocationConstraint={}",
                shell_quote(&self.region)
            ));
        }
        args.join(" \\\n  ")
    }
}

/// PutBucketVersioning with Status Enabled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersioningRequest {
    pub region: String,
    pub bucket: String,
}

impl VersioningRequest {
    pub fn api_json(&self) -> String {
        let body = serde_json::json!({
            "Bucket": self.bucket,
            "VersioningConfiguration": { "Status": "Enabled" },
        });
        serde_json::to_string_pretty(&body).unwrap_or_default()
    }

    pub fn cli_command(&self) -> String {
        [
            "aws s3api put-bucket-versioning".to_string(),
            format!("--region {}", shell_quote(&self.region)),
            format!("--bucket {}", shell_quote(&self.bucket)),
            "--versioning-configuration Status=Enabled".to_string(),
        ]
        .join(" \\\n  ")
    }
}

// ---------------------------------------------------------------------------------------------
// Rules checked before CreateJob is sent (S3 would refuse the job otherwise).

/// Batch Replication replicates by the source bucket's replication rules, so it needs some.
pub fn source_replication_problem(
    bucket: &str,
    config: Option<&super::replication::ReplicationConfig>,
) -> Option<String> {
    match config {
        Some(c) if c.rules.iter().any(|r| r.enabled) => None,
        Some(c) if !c.rules.is_empty() => Some(format!(
            "Every replication rule of {bucket} is disabled: Batch Replication runs the \
             enabled rules, so enable one first."
        )),
        _ => Some(format!(
            "{bucket} has no replication configuration: Batch Replication replicates by the \
             bucket's rules, so add a replication rule first (:buckets, then the bucket)."
        )),
    }
}

/// A generated manifest "must be stored in the same AWS Region as the source bucket".
pub fn manifest_bucket_region(
    bucket: &str,
    bucket_region: &str,
    source_region: &str,
) -> Result<(), String> {
    if bucket_region == source_region {
        return Ok(());
    }
    Err(format!(
        "{bucket} is in {bucket_region}: a generated manifest must be stored in the same \
         Region as the source bucket ({source_region})."
    ))
}

/// A `YYYY-MM-DD` date as the RFC 3339 start of that day (UTC); empty: no bound.
fn day(text: &str, what: &str) -> Result<Option<String>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(text, &format)
        .map(|_| Some(format!("{text}T00:00:00Z")))
        .map_err(|_| format!("{what} is a date like 2026-01-31 (YYYY-MM-DD), not {text:?}."))
}

/// The created-after/created-before filter: dates, the first before the second.
pub fn created_range(
    after: &str,
    before: &str,
) -> Result<(Option<String>, Option<String>), String> {
    let after = day(after, "Created after")?;
    let before = day(before, "Created before")?;
    if let (Some(a), Some(b)) = (&after, &before)
        && a >= b
    {
        return Err(format!(
            "Created after ({}) must be before Created before ({}): no object matches.",
            &a[..10],
            &b[..10]
        ));
    }
    Ok((after, before))
}

/// CreateJob's Priority: 0 to 2147483647, higher runs first.
pub fn priority(text: &str) -> Result<i32, String> {
    let text = text.trim();
    text.parse::<i32>().ok().filter(|p| *p >= 0).ok_or_else(|| {
        format!(
            "Priority is a whole number from 0 to 2147483647 (higher runs first), not {text:?}."
        )
    })
}

/// CreateJob's Description: 1 to 256 characters.
pub fn description(text: &str) -> Result<(), String> {
    match text.chars().count() {
        0 => Err("Enter a description (1 to 256 characters): it names the job in the list.".into()),
        1..=256 => Ok(()),
        n => Err(format!(
            "A description has at most 256 characters, not {n}."
        )),
    }
}

/// An existing manifest's object ARN: `arn:aws:s3:::bucket/key`.
pub fn manifest_object_arn(arn: &str) -> Result<(), String> {
    let rest = arn.strip_prefix("arn:aws:s3:::").unwrap_or_default();
    match rest.split_once('/') {
        Some((bucket, key)) if !bucket.is_empty() && !key.is_empty() => Ok(()),
        _ => Err(format!(
            "A manifest is named by its object ARN, like arn:aws:s3:::my-bucket/manifest.csv, not {arn:?}."
        )),
    }
}

/// An existing manifest's ETag (S3 reads the manifest only if it is unchanged).
pub fn manifest_etag(etag: &str) -> Result<(), String> {
    let etag = etag.trim_matches('"');
    if !etag.is_empty() && etag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Ok(());
    }
    Err("Enter the manifest object's ETag (HeadObject or the console shows it), like 60e460c9d1046e73f7dde5043ac3ae85.".into())
}

/// Tags typed as `key=value, key=value`; empty: none.
pub fn tags(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut tags = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        match part.split_once('=') {
            Some((k, v)) if !k.trim().is_empty() => {
                tags.push((k.trim().to_string(), v.trim().to_string()))
            }
            _ => {
                return Err(format!(
                    "Tags are key=value pairs separated by commas; {part:?} is not one."
                ));
            }
        }
    }
    Ok(tags)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(manifest: Manifest) -> BatchJobRequest {
        BatchJobRequest {
            region: "eu-central-1".into(),
            account_id: "123456789012".into(),
            source_bucket: "finance-source".into(),
            manifest,
            report: Some(ReportTarget {
                bucket: "finance-reports".into(),
                prefix: "batch".into(),
                failed_only: false,
            }),
            description: "Replicate existing Finance objects".into(),
            priority: 10,
            role_arn: "arn:aws:iam::123456789012:role/batch-replication".into(),
            confirmation_required: true,
            tags: vec![],
            client_request_token: "tok-1".into(),
        }
    }

    #[test]
    fn a_generated_manifest_job_has_every_member_create_job_needs() {
        let r = request(Manifest::Generated {
            filter: ManifestFilter {
                created_after: None,
                created_before: None,
                replication_statuses: vec!["NONE".into(), "FAILED".into()],
            },
            save_to: Some((
                "finance-reports".into(),
                "manifests".into(),
                Some("SSE-S3".into()),
            )),
        });
        let body: serde_json::Value = serde_json::from_str(&r.api_json()).unwrap();
        assert_eq!(body["AccountId"], "123456789012");
        assert_eq!(body["ConfirmationRequired"], true);
        assert_eq!(
            body["Operation"],
            serde_json::json!({"S3ReplicateObject": {}})
        );
        assert_eq!(body["Report"]["Bucket"], "arn:aws:s3:::finance-reports");
        assert_eq!(body["Report"]["ReportScope"], "AllTasks");
        assert_eq!(body["Report"]["Format"], "Report_CSV_20180820");
        let generator = &body["ManifestGenerator"]["S3JobManifestGenerator"];
        assert_eq!(generator["SourceBucket"], "arn:aws:s3:::finance-source");
        assert_eq!(generator["EnableManifestOutput"], true);
        assert_eq!(
            generator["ManifestOutputLocation"]["ManifestEncryption"],
            serde_json::json!({"SSES3": {}})
        );
        assert_eq!(
            generator["Filter"]["ObjectReplicationStatuses"],
            serde_json::json!(["NONE", "FAILED"])
        );
        assert!(
            body.get("Manifest").is_none(),
            "a manifest or a generator, not both"
        );
        assert_eq!(body["Priority"], 10);
        let cli = r.cli_command();
        assert!(cli.starts_with("aws s3control create-job"));
        assert!(cli.contains("--confirmation-required"));
        assert!(
            cli.contains("--manifest-generator '{\"S3JobManifestGenerator\""),
            "{cli}"
        );
    }

    #[test]
    fn an_existing_csv_manifest_names_its_fields() {
        let r = request(Manifest::Existing {
            object_arn: "arn:aws:s3:::finance-reports/manifest.csv".into(),
            etag: "60e460c9d1046e73f7dde5043ac3ae85".into(),
            inventory_report: false,
        });
        let body: serde_json::Value = serde_json::from_str(&r.api_json()).unwrap();
        assert_eq!(
            body["Manifest"]["Spec"]["Fields"],
            serde_json::json!(["Bucket", "Key", "VersionId"])
        );
        assert!(body.get("ManifestGenerator").is_none());
    }

    #[test]
    fn job_updates_and_buckets_have_their_commands() {
        let confirm = JobUpdateRequest {
            region: "eu-central-1".into(),
            account_id: "123456789012".into(),
            job_id: "job-1".into(),
            change: JobChange::Confirm,
        };
        assert_eq!(confirm.operation(), "UpdateJobStatus");
        assert!(
            confirm
                .cli_command()
                .contains("--requested-job-status Ready")
        );
        let bucket = BucketRequest {
            region: "us-east-1".into(),
            name: "b1".into(),
        };
        assert!(!bucket.cli_command().contains("LocationConstraint"));
        let bucket = BucketRequest {
            region: "eu-central-1".into(),
            name: "b1".into(),
        };
        assert!(
            bucket
                .cli_command()
                .contains("LocationConstraint=eu-central-1")
        );
        assert!(
            bucket
                .api_json()
                .contains("\"LocationConstraint\": \"eu-central-1\"")
        );
    }

    #[test]
    fn statuses_round_trip() {
        for s in JobStatus::ALL {
            assert_eq!(JobStatus::from_api_name(s.api_name()), Some(s));
        }
        assert!(JobStatus::Complete.is_final());
        assert!(!JobStatus::Suspended.is_final());
    }

    #[test]
    fn the_source_needs_an_enabled_replication_rule() {
        use crate::domain::replication::{ReplicationConfig, ReplicationRule};
        let none = source_replication_problem("finance-source", None).unwrap();
        assert_eq!(
            none,
            "finance-source has no replication configuration: Batch Replication replicates by \
             the bucket's rules, so add a replication rule first (:buckets, then the bucket)."
        );
        let mut config = ReplicationConfig {
            role_arn: "arn:aws:iam::123456789012:role/r".into(),
            rules: vec![ReplicationRule::default()],
        };
        assert!(
            source_replication_problem("b", Some(&config))
                .unwrap()
                .starts_with("Every replication rule of b is disabled")
        );
        config.rules[0].enabled = true;
        assert_eq!(source_replication_problem("b", Some(&config)), None);
    }

    #[test]
    fn a_generated_manifest_stays_in_the_source_region() {
        assert_eq!(
            manifest_bucket_region("reports-west", "us-west-2", "eu-central-1"),
            Err(
                "reports-west is in us-west-2: a generated manifest must be stored in the same \
                 Region as the source bucket (eu-central-1)."
                    .into()
            )
        );
        assert!(manifest_bucket_region("r", "eu-central-1", "eu-central-1").is_ok());
    }

    #[test]
    fn created_dates_are_days_in_order() {
        assert_eq!(created_range("", ""), Ok((None, None)));
        assert_eq!(
            created_range("2026-01-01", "2026-02-01"),
            Ok((
                Some("2026-01-01T00:00:00Z".into()),
                Some("2026-02-01T00:00:00Z".into())
            ))
        );
        assert_eq!(
            created_range("2026-02-01", "2026-01-01"),
            Err(
                "Created after (2026-02-01) must be before Created before (2026-01-01): no \
                 object matches."
                    .into()
            )
        );
        assert_eq!(
            created_range("1/2/2026", ""),
            Err("Created after is a date like 2026-01-31 (YYYY-MM-DD), not \"1/2/2026\".".into())
        );
    }

    #[test]
    fn priority_description_and_tags_are_checked() {
        assert_eq!(priority("2147483647"), Ok(i32::MAX));
        assert_eq!(priority(" 0 "), Ok(0));
        let refusal = "Priority is a whole number from 0 to 2147483647 (higher runs first), not";
        assert_eq!(priority("-1"), Err(format!("{refusal} \"-1\".")));
        assert_eq!(
            priority("2147483648"),
            Err(format!("{refusal} \"2147483648\"."))
        );
        assert_eq!(
            description(""),
            Err("Enter a description (1 to 256 characters): it names the job in the list.".into())
        );
        assert!(description(&"a".repeat(256)).is_ok());
        assert_eq!(
            description(&"a".repeat(257)),
            Err("A description has at most 256 characters, not 257.".into())
        );
        assert_eq!(
            tags("team=finance, env = prod"),
            Ok(vec![
                ("team".into(), "finance".into()),
                ("env".into(), "prod".into())
            ])
        );
        assert_eq!(
            tags("team"),
            Err("Tags are key=value pairs separated by commas; \"team\" is not one.".into())
        );
    }

    #[test]
    fn an_existing_manifest_is_an_object_arn_and_an_etag() {
        assert!(manifest_object_arn("arn:aws:s3:::b/manifest.csv").is_ok());
        assert_eq!(
            manifest_object_arn("s3://b/m.csv"),
            Err("A manifest is named by its object ARN, like \
                 arn:aws:s3:::my-bucket/manifest.csv, not \"s3://b/m.csv\"."
                .into())
        );
        assert!(manifest_etag("\"60e460c9d1046e73f7dde5043ac3ae85\"").is_ok());
        assert!(manifest_etag("").is_err());
    }
}
