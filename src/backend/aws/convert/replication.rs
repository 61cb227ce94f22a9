//! GetBucketReplication's answer as the domain's `ReplicationConfig`.

use crate::domain::replication::{
    ReplicationConfig, ReplicationFilter, ReplicationRule, ReplicationSummary,
};
use aws_sdk_s3::types as s3;

pub fn replication_config(c: &s3::ReplicationConfiguration) -> ReplicationConfig {
    ReplicationConfig {
        role_arn: c.role().to_string(),
        rules: c.rules().iter().map(replication_rule).collect(),
    }
}

/// Rules and enabled rules, for the Buckets list.
pub fn replication_summary(c: &ReplicationConfig) -> ReplicationSummary {
    ReplicationSummary {
        rules: c.rules.len(),
        enabled: c.rules.iter().filter(|r| r.enabled).count(),
    }
}

/// The bucket name inside a bucket ARN (`arn:aws:s3:::name`, any partition); a bare name
/// stays as it is.
pub fn bucket_of_arn(arn: &str) -> &str {
    arn.rsplit_once(":::").map_or(arn, |(_, name)| name)
}

pub fn replication_rule(r: &s3::ReplicationRule) -> ReplicationRule {
    let destination = r.destination();
    let is_on = |s: Option<&str>| s == Some("Enabled");
    let criteria = r.source_selection_criteria();
    ReplicationRule {
        id: r.id().unwrap_or_default().to_string(),
        enabled: r.status().as_str() == "Enabled",
        priority: r.priority().unwrap_or(0),
        filter: filter(r),
        destination_bucket: bucket_of_arn(destination.map(s3::Destination::bucket).unwrap_or(""))
            .to_string(),
        // S3 does not say where the destination is; the Buckets listing knows.
        destination_region: String::new(),
        storage_class: destination
            .and_then(|d| d.storage_class())
            .map(|c| c.as_str().to_string()),
        replica_kms_key_id: destination
            .and_then(|d| d.encryption_configuration())
            .and_then(|e| e.replica_kms_key_id())
            .map(str::to_string),
        replication_time_control: is_on(
            destination
                .and_then(|d| d.replication_time())
                .map(|t| t.status().as_str()),
        ),
        metrics: is_on(
            destination
                .and_then(|d| d.metrics())
                .map(|m| m.status().as_str()),
        ),
        delete_marker_replication: is_on(
            r.delete_marker_replication()
                .and_then(|d| d.status())
                .map(|s| s.as_str()),
        ),
        replica_modifications: is_on(
            criteria
                .and_then(|c| c.replica_modifications())
                .map(|m| m.status().as_str()),
        ),
    }
}

/// The V2 Filter (Prefix, Tag or And), else the deprecated V1 rule Prefix.
fn filter(r: &s3::ReplicationRule) -> ReplicationFilter {
    let tag = |t: &s3::Tag| (t.key().to_string(), t.value().to_string());
    match r.filter() {
        Some(f) if f.and().is_some() => {
            let and = f.and();
            ReplicationFilter {
                prefix: and.and_then(|a| a.prefix()).unwrap_or_default().to_string(),
                tags: and
                    .map(|a| a.tags().iter().map(tag).collect())
                    .unwrap_or_default(),
            }
        }
        Some(f) if f.tag().is_some() => ReplicationFilter {
            prefix: String::new(),
            tags: f.tag().map(tag).into_iter().collect(),
        },
        Some(f) => ReplicationFilter {
            prefix: f.prefix().unwrap_or_default().to_string(),
            tags: Vec::new(),
        },
        // A V1 rule (made before filters existed, or by another tool) has only a Prefix.
        #[allow(deprecated)]
        None => ReplicationFilter {
            prefix: r.prefix().unwrap_or_default().to_string(),
            tags: Vec::new(),
        },
    }
}
