//! S3 Control changes built from the domain's requests: CreateJob for Batch Replication as
//! `BatchJobRequest::api_json` shows it, UpdateJobStatus and UpdateJobPriority.

use crate::domain::batch::{BatchJobRequest, Manifest, ManifestFilter, ReportTarget};
use crate::domain::replication::bucket_arn;
use aws_sdk_s3control::Client;
use aws_sdk_s3control::operation::create_job::builders::CreateJobFluentBuilder;
use aws_sdk_s3control::operation::update_job_priority::builders::UpdateJobPriorityFluentBuilder;
use aws_sdk_s3control::operation::update_job_status::builders::UpdateJobStatusFluentBuilder;
use aws_sdk_s3control::types as ctl;
use aws_smithy_types::DateTime;
use aws_smithy_types::date_time::Format;
use aws_smithy_types::error::operation::BuildError;

/// CreateJob for exactly `request`, on behalf of `account_id`.
pub fn create_job(
    client: &Client,
    request: &BatchJobRequest,
    account_id: &str,
) -> Result<CreateJobFluentBuilder, BuildError> {
    let tags = request
        .tags
        .iter()
        .map(|(k, v)| ctl::S3Tag::builder().key(k).value(v).build())
        .collect::<Result<Vec<_>, _>>()?;
    let call = client
        .create_job()
        .account_id(account_id)
        .confirmation_required(request.confirmation_required)
        .operation(
            ctl::JobOperation::builder()
                .s3_replicate_object(ctl::S3ReplicateObjectOperation::builder().build())
                .build(),
        )
        .report(report(request.report.as_ref()))
        .client_request_token(&request.client_request_token)
        .set_description((!request.description.is_empty()).then(|| request.description.clone()))
        .priority(request.priority)
        .role_arn(&request.role_arn)
        .set_tags((!tags.is_empty()).then_some(tags));
    Ok(match &request.manifest {
        Manifest::Existing {
            object_arn,
            etag,
            inventory_report,
        } => call.manifest(existing_manifest(object_arn, etag, *inventory_report)?),
        Manifest::Generated { filter, save_to } => {
            call.manifest_generator(ctl::JobManifestGenerator::S3JobManifestGenerator(
                generator(&request.source_bucket, filter, save_to.as_ref())?,
            ))
        }
    })
}

/// UpdateJobStatus to Ready (`confirm`) or Cancelled.
pub fn update_status(
    client: &Client,
    account_id: &str,
    job_id: &str,
    confirm: bool,
) -> UpdateJobStatusFluentBuilder {
    let status = if confirm {
        ctl::RequestedJobStatus::Ready
    } else {
        ctl::RequestedJobStatus::Cancelled
    };
    client
        .update_job_status()
        .account_id(account_id)
        .job_id(job_id)
        .requested_job_status(status)
}

/// UpdateJobPriority.
pub fn update_priority(
    client: &Client,
    account_id: &str,
    job_id: &str,
    priority: i32,
) -> UpdateJobPriorityFluentBuilder {
    client
        .update_job_priority()
        .account_id(account_id)
        .job_id(job_id)
        .priority(priority)
}

/// The completion report: disabled, or CSV in the target bucket, all tasks or failed ones.
fn report(target: Option<&ReportTarget>) -> ctl::JobReport {
    let Some(target) = target else {
        return ctl::JobReport::builder().enabled(false).build();
    };
    let scope = if target.failed_only {
        ctl::JobReportScope::FailedTasksOnly
    } else {
        ctl::JobReportScope::AllTasks
    };
    ctl::JobReport::builder()
        .bucket(bucket_arn(&target.bucket))
        .format(ctl::JobReportFormat::ReportCsv20180820)
        .enabled(true)
        .set_prefix((!target.prefix.is_empty()).then(|| target.prefix.clone()))
        .report_scope(scope)
        .build()
}

/// A manifest object: an S3 Inventory report, or a CSV of Bucket,Key,VersionId.
fn existing_manifest(
    object_arn: &str,
    etag: &str,
    inventory_report: bool,
) -> Result<ctl::JobManifest, BuildError> {
    let spec = if inventory_report {
        ctl::JobManifestSpec::builder().format(ctl::JobManifestFormat::S3InventoryReportCsv20161130)
    } else {
        ctl::JobManifestSpec::builder()
            .format(ctl::JobManifestFormat::S3BatchOperationsCsv20180820)
            .fields(ctl::JobManifestFieldName::Bucket)
            .fields(ctl::JobManifestFieldName::Key)
            .fields(ctl::JobManifestFieldName::VersionId)
    };
    let location = ctl::JobManifestLocation::builder()
        .object_arn(object_arn)
        .e_tag(etag)
        .build()?;
    Ok(ctl::JobManifest::builder()
        .spec(spec.build()?)
        .location(location)
        .build())
}

/// A manifest S3 generates from the source bucket's replication configuration.
fn generator(
    source_bucket: &str,
    filter: &ManifestFilter,
    save_to: Option<&(String, String, Option<String>)>,
) -> Result<ctl::S3JobManifestGenerator, BuildError> {
    let output = save_to
        .map(|(bucket, prefix, encryption)| {
            ctl::S3ManifestOutputLocation::builder()
                .bucket(bucket_arn(bucket))
                .manifest_format(ctl::GeneratedManifestFormat::S3InventoryReportCsv20211130)
                .set_manifest_prefix((!prefix.is_empty()).then(|| prefix.clone()))
                .set_manifest_encryption(manifest_encryption(encryption.as_deref())?)
                .build()
        })
        .transpose()?;
    let statuses = filter
        .replication_statuses
        .iter()
        .map(|s| ctl::ReplicationStatus::from(s.as_str()))
        .collect::<Vec<_>>();
    let filter = ctl::JobManifestGeneratorFilter::builder()
        .eligible_for_replication(true)
        .set_created_after(time("CreatedAfter", filter.created_after.as_deref())?)
        .set_created_before(time("CreatedBefore", filter.created_before.as_deref())?)
        .set_object_replication_statuses((!statuses.is_empty()).then_some(statuses))
        .build();
    ctl::S3JobManifestGenerator::builder()
        .source_bucket(bucket_arn(source_bucket))
        .enable_manifest_output(save_to.is_some())
        .set_manifest_output_location(output)
        .filter(filter)
        .build()
}

/// `SSE-S3`, `SSE-KMS:<key>` (or a bare key, as `api_json` reads it), or nothing.
fn manifest_encryption(
    encryption: Option<&str>,
) -> Result<Option<ctl::GeneratedManifestEncryption>, BuildError> {
    Ok(match encryption {
        None => None,
        Some("SSE-S3") => Some(
            ctl::GeneratedManifestEncryption::builder()
                .sses3(ctl::Sses3Encryption::builder().build())
                .build(),
        ),
        Some(kms) => {
            let key = kms.strip_prefix("SSE-KMS:").unwrap_or(kms);
            Some(
                ctl::GeneratedManifestEncryption::builder()
                    .ssekms(ctl::SsekmsEncryption::builder().key_id(key).build()?)
                    .build(),
            )
        }
    })
}

/// An RFC 3339 time of the filter; a malformed one is refused before anything is sent.
fn time(field: &'static str, value: Option<&str>) -> Result<Option<DateTime>, BuildError> {
    value
        .map(|v| {
            DateTime::from_str(v, Format::DateTime)
                .map_err(|e| BuildError::invalid_field(field, format!("{v:?}: {e}")))
        })
        .transpose()
}
