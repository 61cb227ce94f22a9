//! S3 changes built from the domain's requests: CreateBucket, PutBucketVersioning and
//! PutBucketReplication, member for member as their `api_json` shows them.

use crate::domain::batch::{BucketRequest, VersioningRequest};
use crate::domain::replication::{
    ReplicationConfig, ReplicationFilter, ReplicationRequest, ReplicationRule, bucket_arn,
};
use aws_sdk_s3::Client;
use aws_sdk_s3::operation::create_bucket::builders::CreateBucketFluentBuilder;
use aws_sdk_s3::operation::put_bucket_replication::builders::PutBucketReplicationFluentBuilder;
use aws_sdk_s3::operation::put_bucket_versioning::builders::PutBucketVersioningFluentBuilder;
use aws_sdk_s3::types as s3;
use aws_smithy_types::error::operation::BuildError;

/// Replication Time Control's only valid threshold, also the metrics' event threshold.
const RTC_MINUTES: i32 = 15;

/// CreateBucket; us-east-1 takes no LocationConstraint (S3 refuses one naming it).
pub fn create_bucket(client: &Client, request: &BucketRequest) -> CreateBucketFluentBuilder {
    let location = (request.region != "us-east-1").then(|| {
        s3::CreateBucketConfiguration::builder()
            .location_constraint(s3::BucketLocationConstraint::from(request.region.as_str()))
            .build()
    });
    client
        .create_bucket()
        .bucket(&request.name)
        .set_create_bucket_configuration(location)
}

/// PutBucketVersioning with Status Enabled.
pub fn enable_versioning(
    client: &Client,
    request: &VersioningRequest,
) -> PutBucketVersioningFluentBuilder {
    client
        .put_bucket_versioning()
        .bucket(&request.bucket)
        .versioning_configuration(
            s3::VersioningConfiguration::builder()
                .status(s3::BucketVersioningStatus::Enabled)
                .build(),
        )
}

/// PutBucketReplication with the whole configuration of `request`.
pub fn put_replication(
    client: &Client,
    request: &ReplicationRequest,
) -> Result<PutBucketReplicationFluentBuilder, BuildError> {
    Ok(client
        .put_bucket_replication()
        .bucket(&request.bucket)
        .replication_configuration(replication_configuration(&request.config)?))
}

/// The SDK's `ReplicationConfiguration`: the V2 schema (a Filter on every rule).
pub fn replication_configuration(
    config: &ReplicationConfig,
) -> Result<s3::ReplicationConfiguration, BuildError> {
    let rules = config
        .rules
        .iter()
        .map(rule)
        .collect::<Result<Vec<_>, _>>()?;
    s3::ReplicationConfiguration::builder()
        .role(&config.role_arn)
        .set_rules(Some(rules))
        .build()
}

fn enabled(on: bool) -> &'static str {
    if on { "Enabled" } else { "Disabled" }
}

fn rule(rule: &ReplicationRule) -> Result<s3::ReplicationRule, BuildError> {
    let mut criteria = None;
    if rule.replica_kms_key_id.is_some() || rule.replica_modifications {
        let sse_kms = rule
            .replica_kms_key_id
            .is_some()
            .then(|| {
                s3::SseKmsEncryptedObjects::builder()
                    .status(s3::SseKmsEncryptedObjectsStatus::Enabled)
                    .build()
            })
            .transpose()?;
        let replica_modifications = rule
            .replica_modifications
            .then(|| {
                s3::ReplicaModifications::builder()
                    .status(s3::ReplicaModificationsStatus::Enabled)
                    .build()
            })
            .transpose()?;
        criteria = Some(
            s3::SourceSelectionCriteria::builder()
                .set_sse_kms_encrypted_objects(sse_kms)
                .set_replica_modifications(replica_modifications)
                .build(),
        );
    }
    s3::ReplicationRule::builder()
        .id(&rule.id)
        .priority(rule.priority)
        .filter(filter(&rule.filter)?)
        .status(s3::ReplicationRuleStatus::from(enabled(rule.enabled)))
        .set_source_selection_criteria(criteria)
        .destination(destination(rule)?)
        .delete_marker_replication(
            s3::DeleteMarkerReplication::builder()
                .status(s3::DeleteMarkerReplicationStatus::from(enabled(
                    rule.delete_marker_replication,
                )))
                .build(),
        )
        .build()
}

/// Exactly one of Prefix, Tag or And, as `ReplicationRequest::configuration_json` chooses.
fn filter(f: &ReplicationFilter) -> Result<s3::ReplicationRuleFilter, BuildError> {
    let builder = s3::ReplicationRuleFilter::builder();
    Ok(match (f.prefix.as_str(), f.tags.as_slice()) {
        (prefix, []) => builder.prefix(prefix).build(),
        ("", [(key, value)]) => builder.tag(tag(key, value)?).build(),
        (prefix, tags) => {
            let tags = tags
                .iter()
                .map(|(k, v)| tag(k, v))
                .collect::<Result<Vec<_>, _>>()?;
            let and = s3::ReplicationRuleAndOperator::builder()
                .set_prefix((!prefix.is_empty()).then(|| prefix.to_string()))
                .set_tags(Some(tags))
                .build();
            builder.and(and).build()
        }
    })
}

fn tag(key: &str, value: &str) -> Result<s3::Tag, BuildError> {
    s3::Tag::builder().key(key).value(value).build()
}

fn fifteen_minutes() -> s3::ReplicationTimeValue {
    s3::ReplicationTimeValue::builder()
        .minutes(RTC_MINUTES)
        .build()
}

fn destination(rule: &ReplicationRule) -> Result<s3::Destination, BuildError> {
    let replication_time = rule
        .replication_time_control
        .then(|| {
            s3::ReplicationTime::builder()
                .status(s3::ReplicationTimeStatus::Enabled)
                .time(fifteen_minutes())
                .build()
        })
        .transpose()?;
    let metrics = rule
        .metrics
        .then(|| {
            s3::Metrics::builder()
                .status(s3::MetricsStatus::Enabled)
                .event_threshold(fifteen_minutes())
                .build()
        })
        .transpose()?;
    s3::Destination::builder()
        .bucket(bucket_arn(&rule.destination_bucket))
        .set_storage_class(rule.storage_class.as_deref().map(s3::StorageClass::from))
        .set_encryption_configuration(rule.replica_kms_key_id.as_ref().map(|key| {
            s3::EncryptionConfiguration::builder()
                .replica_kms_key_id(key)
                .build()
        }))
        .set_replication_time(replication_time)
        .set_metrics(metrics)
        .build()
}
