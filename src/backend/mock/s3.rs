//! S3 in the demo account: buckets (CreateBucket, PutBucketVersioning), replication
//! configurations (PutBucketReplication, GetBucketReplication) and objects with their
//! replication status. Knows nothing of Batch Operations jobs (`batch.rs` drives them).
//!
//! Deliberate behaviours, as S3 has them:
//! - bucket names are global: a name another account owns ([`OTHER_ACCOUNTS`]) answers
//!   BucketAlreadyExists, one of this account's answers BucketAlreadyOwnedByYou, except in
//!   us-east-1 where S3 (legacy behaviour) answers success for a bucket you already own there;
//! - a new bucket is empty and unversioned;
//! - a replication configuration replicates objects written after it is saved, never those
//!   already there (their status stays NONE): backfilling them is Batch Replication's work;
//! - objects encrypted with a KMS key whose key policy does not let the replication roles use it
//!   ([`LOCKED_KEYS`]: `alias/payroll` in eu-central-1, `alias/audit-logs` in us-east-1) fail to
//!   replicate, with live replication (FAILED) and with Batch Replication (a failed task).

use super::fixtures::{ACCOUNT_ID, Account};
use super::{invalid, not_found};
use crate::backend::BackendError;
use crate::domain::batch::{BucketRequest, VersioningRequest};
use crate::domain::replication::{
    ReplicationConfig, ReplicationFilter, ReplicationRequest, ReplicationSummary,
};
use crate::domain::restore::Bucket;
use crate::domain::validate;
use std::collections::{BTreeMap, BTreeSet};
use time::OffsetDateTime;

/// Bucket names other AWS accounts own (the namespace is shared by everyone).
pub const OTHER_ACCOUNTS: [&str; 4] = ["backups", "my-bucket", "test-bucket", "finance"];

/// KMS key aliases whose key policies let no replication role decrypt: objects under them fail
/// to replicate, deterministically.
pub const LOCKED_KEYS: [&str; 2] = ["alias/payroll", "alias/audit-logs"];

/// At most this many rules in one configuration.
const MAX_RULES: usize = 1000;

/// `x-amz-replication-status` of an object version (NONE when it has none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectStatus {
    None,
    Completed,
    Failed,
    Replica,
}

impl ObjectStatus {
    pub fn api_name(self) -> &'static str {
        match self {
            ObjectStatus::None => "NONE",
            ObjectStatus::Completed => "COMPLETED",
            ObjectStatus::Failed => "FAILED",
            ObjectStatus::Replica => "REPLICA",
        }
    }
}

/// One object version in a bucket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct S3Object {
    pub key: String,
    /// `null` for an object written before versioning was enabled, as S3 names it.
    pub version_id: String,
    pub created: OffsetDateTime,
    pub size: u64,
    /// The SSE-KMS key's alias, if the object is encrypted with a customer managed key.
    pub kms_key: Option<String>,
    pub tags: Vec<(String, String)>,
    pub status: ObjectStatus,
}

impl S3Object {
    /// Whether the replication roles can read this object (see [`LOCKED_KEYS`]).
    pub fn replicable(&self) -> bool {
        !self
            .kms_key
            .as_deref()
            .is_some_and(|k| LOCKED_KEYS.contains(&k))
    }
}

/// The account's S3 data beyond the bucket list: objects and replication, by bucket name
/// (names are global).
#[derive(Debug, Default)]
pub struct S3Data {
    pub objects: BTreeMap<String, Vec<S3Object>>,
    pub replication: BTreeMap<String, ReplicationConfig>,
}

/// Whether `filter` selects an object with this key and these tags (prefix AND every tag).
pub fn matches(filter: &ReplicationFilter, key: &str, tags: &[(String, String)]) -> bool {
    key.starts_with(&filter.prefix) && filter.tags.iter().all(|t| tags.contains(t))
}

/// The bucket named `name`, wherever it is.
pub fn find<'a>(account: &'a Account, name: &str) -> Option<&'a Bucket> {
    account
        .regions
        .values()
        .flat_map(|d| d.buckets.iter())
        .find(|b| b.name == name)
}

/// The bucket `name` addressed in `region`: NoSuchBucket, or S3's redirect when it lives in
/// another Region.
fn locate<'a>(account: &'a Account, region: &str, name: &str) -> Result<&'a Bucket, BackendError> {
    let bucket = find(account, name)
        .ok_or_else(|| not_found("NoSuchBucket: The specified bucket does not exist"))?;
    if bucket.region != region {
        return Err(invalid(format!(
            "PermanentRedirect: The bucket is in this region: {}. Please use this region to retry the request",
            bucket.region
        )));
    }
    Ok(bucket)
}

/// The bucket as ListBuckets shows it: with its object count and its replication summary
/// (no rules when it has no configuration: the demo always knows).
pub fn listed(account: &Account, bucket: &Bucket) -> Bucket {
    let objects = account.s3.objects.get(&bucket.name).map_or(0, Vec::len);
    let replication = account
        .s3
        .replication
        .get(&bucket.name)
        .map(|c| ReplicationSummary {
            rules: c.rules.len(),
            enabled: c.rules.iter().filter(|r| r.enabled).count(),
        })
        .unwrap_or_default();
    Bucket {
        objects: Some(objects as u64),
        replication: Some(replication),
        ..bucket.clone()
    }
}

/// CreateBucket: returns the bucket's name.
pub fn create_bucket(account: &mut Account, req: &BucketRequest) -> Result<String, BackendError> {
    validate::bucket_name(&req.name).map_err(|e| {
        invalid(format!(
            "InvalidBucketName: The specified bucket is not valid. {e}"
        ))
    })?;
    if OTHER_ACCOUNTS.contains(&req.name.as_str()) {
        return Err(invalid(
            "BucketAlreadyExists: The requested bucket name is not available. The bucket \
             namespace is shared by all users of the system. Please select a different name and \
             try again.",
        ));
    }
    if let Some(existing) = find(account, &req.name) {
        // S3 keeps a legacy answer in us-east-1: creating a bucket you own there succeeds.
        if existing.region == "us-east-1" && req.region == "us-east-1" {
            return Ok(req.name.clone());
        }
        return Err(invalid(
            "BucketAlreadyOwnedByYou: Your previous request to create the named bucket succeeded \
             and you already own it.",
        ));
    }
    account.region_mut(&req.region).buckets.push(Bucket {
        name: req.name.clone(),
        region: req.region.clone(),
        versioning: false,
        // New buckets enforce bucket ownership (ACLs disabled), S3's default since April 2023.
        acls_enabled: false,
        replication: None,
        objects: None,
    });
    Ok(req.name.clone())
}

/// PutBucketVersioning with Status Enabled.
pub fn enable_versioning(
    account: &mut Account,
    req: &VersioningRequest,
) -> Result<(), BackendError> {
    locate(account, &req.region, &req.bucket)?;
    let bucket = account
        .region_mut(&req.region)
        .buckets
        .iter_mut()
        .find(|b| b.name == req.bucket);
    if let Some(bucket) = bucket {
        bucket.versioning = true;
    }
    Ok(())
}

/// GetBucketReplication: the configuration, `None` when the bucket has none (S3 answers
/// ReplicationConfigurationNotFoundError, which means "none" to the caller).
pub fn get_replication(
    account: &Account,
    region: &str,
    bucket: &str,
) -> Result<Option<ReplicationConfig>, BackendError> {
    locate(account, region, bucket)?;
    Ok(account.s3.replication.get(bucket).cloned())
}

/// PutBucketReplication: checks what S3 checks, then replaces the whole configuration.
/// Objects already in the bucket are left as they are (status NONE).
pub fn put_replication(
    account: &mut Account,
    req: &ReplicationRequest,
) -> Result<(), BackendError> {
    check_replication(account, req)?;
    account
        .s3
        .replication
        .insert(req.bucket.clone(), req.config.clone());
    Ok(())
}

fn check_replication(account: &Account, req: &ReplicationRequest) -> Result<(), BackendError> {
    let source = locate(account, &req.region, &req.bucket)?;
    if !source.versioning {
        return Err(invalid(
            "InvalidRequest: Versioning must be 'Enabled' on the bucket to apply a replication \
             configuration",
        ));
    }
    let config = &req.config;
    if config.rules.is_empty() {
        return Err(invalid(
            "MalformedXML: The XML you provided was not well-formed or did not validate against \
             our published schema",
        ));
    }
    if config.rules.len() > MAX_RULES {
        return Err(invalid(format!(
            "InvalidRequest: The replication configuration has {} rules; the maximum is {MAX_RULES}",
            config.rules.len()
        )));
    }
    if !account.roles.iter().any(|r| r.arn == config.role_arn) {
        return Err(invalid(format!(
            "InvalidArgument: Invalid Role: {} does not exist in account {ACCOUNT_ID}",
            config.role_arn
        )));
    }
    let mut ids = BTreeSet::new();
    for rule in &config.rules {
        if !ids.insert(rule.id.as_str()) {
            return Err(invalid(format!(
                "InvalidArgument: Rule Id must be unique. Found same ID for more than one rule: {}",
                rule.id
            )));
        }
        if rule.destination_bucket == req.bucket {
            return Err(invalid(
                "InvalidRequest: Destination bucket cannot be the same as the source bucket.",
            ));
        }
        let Some(destination) = find(account, &rule.destination_bucket) else {
            return Err(invalid("InvalidRequest: Destination bucket must exist."));
        };
        if !destination.versioning {
            return Err(invalid(
                "InvalidRequest: Destination bucket must have versioning enabled.",
            ));
        }
        if rule.replication_time_control && !rule.metrics {
            return Err(invalid(
                "InvalidRequest: Replication Time Control must be specified together with a \
                 Metrics block.",
            ));
        }
        if rule.delete_marker_replication && !rule.filter.tags.is_empty() {
            return Err(invalid(
                "InvalidArgument: Delete marker replication is not supported if any Tag filter \
                 is specified.",
            ));
        }
    }
    Ok(())
}

/// Where an object of `bucket` is replicated under its configuration: the destination bucket of
/// every enabled rule whose filter selects it (highest priority first, once each).
pub fn destinations(account: &Account, bucket: &str, object: &S3Object) -> Vec<String> {
    let Some(config) = account.s3.replication.get(bucket) else {
        return Vec::new();
    };
    let mut rules: Vec<_> = config
        .rules
        .iter()
        .filter(|r| r.enabled && matches(&r.filter, &object.key, &object.tags))
        .collect();
    rules.sort_by_key(|r| std::cmp::Reverse(r.priority));
    let mut out: Vec<String> = Vec::new();
    for rule in rules {
        if !out.contains(&rule.destination_bucket) {
            out.push(rule.destination_bucket.clone());
        }
    }
    out
}

/// Copies `object` of `source` into `destination` as a REPLICA (same key and version id), once.
pub fn replicate(account: &mut Account, destination: &str, object: &S3Object) {
    let objects = account
        .s3
        .objects
        .entry(destination.to_string())
        .or_default();
    if !objects
        .iter()
        .any(|o| o.key == object.key && o.version_id == object.version_id)
    {
        objects.push(S3Object {
            status: ObjectStatus::Replica,
            ..object.clone()
        });
    }
}

/// Sets the replication status of `bucket`'s version `key`/`version_id`.
pub fn set_status(
    account: &mut Account,
    bucket: &str,
    key: &str,
    version_id: &str,
    status: ObjectStatus,
) {
    let found = account.s3.objects.get_mut(bucket).and_then(|v| {
        v.iter_mut()
            .find(|o| o.key == key && o.version_id == version_id)
    });
    if let Some(object) = found {
        object.status = status;
    }
}

/// Writes a new object version into `bucket` (PutObject, as the seed's applications do): under a
/// replication configuration it is replicated at once (COMPLETED, a REPLICA in each
/// destination), or FAILED when the replication role cannot read it.
pub fn put_object(account: &mut Account, bucket: &str, mut object: S3Object) {
    let destinations = destinations(account, bucket, &object);
    if !destinations.is_empty() {
        object.status = if object.replicable() {
            ObjectStatus::Completed
        } else {
            ObjectStatus::Failed
        };
        if object.replicable() {
            for destination in &destinations {
                replicate(account, destination, &object);
            }
        }
    }
    account
        .s3
        .objects
        .entry(bucket.to_string())
        .or_default()
        .push(object);
}

#[cfg(test)]
mod tests;
