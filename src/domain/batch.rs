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
}
