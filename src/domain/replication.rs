//! S3 replication: a bucket's replication configuration and the PutBucketReplication request.

use super::restore::shell_quote;

/// Which objects a rule replicates. The V2 schema (with `Filter`) is always used: it is the one
/// that allows priorities, delete-marker replication and replica modification sync.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReplicationFilter {
    /// Empty: every key.
    pub prefix: String,
    /// Every tag must match (AND).
    pub tags: Vec<(String, String)>,
}

/// One replication rule, as the wizard builds it and GetBucketReplication describes it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReplicationRule {
    pub id: String,
    pub enabled: bool,
    /// Higher wins when two rules send the same object to the same destination.
    pub priority: i32,
    pub filter: ReplicationFilter,
    /// The destination bucket's name (sent as its ARN).
    pub destination_bucket: String,
    /// The destination's Region (same Region: SRR; another: CRR), when known.
    pub destination_region: String,
    /// `STANDARD_IA`, `GLACIER_IR`…; `None` keeps the source object's class.
    pub storage_class: Option<String>,
    /// Replicate SSE-KMS objects, re-encrypted with this key in the destination Region.
    pub replica_kms_key_id: Option<String>,
    /// Replication Time Control (15 minutes); needs `metrics`.
    pub replication_time_control: bool,
    pub metrics: bool,
    pub delete_marker_replication: bool,
    pub replica_modifications: bool,
}

/// A bucket's replication at a glance, for the Buckets list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReplicationSummary {
    pub rules: usize,
    pub enabled: usize,
}

/// A bucket's whole replication configuration (PutBucketReplication replaces it whole).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReplicationConfig {
    pub role_arn: String,
    pub rules: Vec<ReplicationRule>,
}

/// Exactly what the replication wizard sends: the source bucket's new configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplicationRequest {
    /// The source bucket's Region.
    pub region: String,
    pub bucket: String,
    pub config: ReplicationConfig,
}

impl ReplicationRequest {
    /// The `ReplicationConfiguration`, as `aws s3api put-bucket-replication` takes it.
    pub fn configuration_json(&self) -> serde_json::Value {
        let rules: Vec<serde_json::Value> = self.config.rules.iter().map(rule_json).collect();
        serde_json::json!({ "Role": self.config.role_arn, "Rules": rules })
    }

    /// The request (bucket and configuration), pretty-printed.
    pub fn api_json(&self) -> String {
        let body = serde_json::json!({
            "Bucket": self.bucket,
            "ReplicationConfiguration": self.configuration_json(),
        });
        serde_json::to_string_pretty(&body).unwrap_or_default()
    }

    /// The same request as an `aws s3api put-bucket-replication` command line.
    pub fn cli_command(&self) -> String {
        let config = serde_json::to_string(&self.configuration_json()).unwrap_or_default();
        [
            "aws s3api put-bucket-replication".to_string(),
            format!("--region {}", shell_quote(&self.region)),
            format!("--bucket {}", shell_quote(&self.bucket)),
            format!("--replication-configuration {}", shell_quote(&config)),
        ]
        .join(" \\\n  ")
    }
}

/// The storage classes a replica can be written in (`None` in a rule: same as the source).
pub const STORAGE_CLASSES: [&str; 7] = [
    "STANDARD",
    "STANDARD_IA",
    "ONEZONE_IA",
    "INTELLIGENT_TIERING",
    "GLACIER_IR",
    "GLACIER",
    "DEEP_ARCHIVE",
];

/// Why delete-marker replication is usually left off (seed 003, step 2.9).
pub const DELETE_MARKER_WARNING: &str = "Replicating delete markers deletes on the destination \
     what is deleted on the source: it keeps both in sync but no longer protects against \
     accidental or malicious deletes.";

/// A rule ID: 1 to 255 characters, unique among the configuration's other rules.
pub fn rule_id(id: &str, existing: &[ReplicationRule]) -> Result<(), String> {
    let len = id.chars().count();
    if len == 0 {
        return Err("Give the rule a name (its ID).".into());
    }
    if len > 255 {
        return Err(format!(
            "Rule names are at most 255 characters ({len} given)."
        ));
    }
    if existing.iter().any(|r| r.id == id) {
        return Err(format!(
            "This bucket already has a replication rule named {id}: choose another name."
        ));
    }
    Ok(())
}

/// A rule's priority: a whole number, 0 or more (higher wins between rules sharing a
/// destination).
pub fn priority(text: &str) -> Result<i32, String> {
    match text.trim().parse::<i32>() {
        Ok(p) if p >= 0 => Ok(p),
        _ => Err(format!(
            "The priority is a whole number, 0 or more (not {:?}).",
            text.trim()
        )),
    }
}

/// Replication needs versioning on both buckets; `None`: not known (a typed destination).
pub fn both_versioned(
    source: &str,
    source_versioned: bool,
    destination: &str,
    destination_versioned: Option<bool>,
) -> Result<(), String> {
    let fix = "press v on it in the Buckets screen (:buckets) to enable versioning";
    if !source_versioned {
        return Err(format!(
            "The source bucket {source} is not versioned, and replication needs versioning on \
             both buckets: {fix}."
        ));
    }
    if destination_versioned == Some(false) {
        return Err(format!(
            "The destination bucket {destination} is not versioned, and replication needs \
             versioning on both buckets: {fix}."
        ));
    }
    Ok(())
}

/// A rule cannot replicate a bucket into itself.
pub fn distinct_buckets(source: &str, destination: &str) -> Result<(), String> {
    if source == destination {
        return Err(format!(
            "The destination must be another bucket than the source ({source})."
        ));
    }
    Ok(())
}

/// Replication Time Control is only accepted together with replication metrics.
pub fn time_control_needs_metrics(rule: &ReplicationRule) -> Result<(), String> {
    if rule.replication_time_control && !rule.metrics {
        return Err(
            "Replication Time Control needs replication metrics: turn metrics on too.".into(),
        );
    }
    Ok(())
}

/// S3 refuses delete-marker replication in a rule whose filter has a tag.
pub fn tags_forbid_delete_markers(rule: &ReplicationRule) -> Result<(), String> {
    if rule.delete_marker_replication && !rule.filter.tags.is_empty() {
        return Err(
            "A rule filtered by tags cannot replicate delete markers: turn delete-marker \
             replication off, or filter by prefix only."
                .into(),
        );
    }
    Ok(())
}

/// Every check of one new rule against the configuration it joins (versioning aside: it
/// depends on the buckets, see `both_versioned`). A filter makes Priority and
/// DeleteMarkerReplication required: the request always carries both, so that one is met.
pub fn check_rule(
    source: &str,
    rule: &ReplicationRule,
    existing: &[ReplicationRule],
) -> Result<(), String> {
    rule_id(&rule.id, existing)?;
    distinct_buckets(source, &rule.destination_bucket)?;
    time_control_needs_metrics(rule)?;
    tags_forbid_delete_markers(rule)
}

/// `arn:aws:s3:::<bucket>`.
pub fn bucket_arn(bucket: &str) -> String {
    format!("arn:aws:s3:::{bucket}")
}

fn enabled(on: bool) -> &'static str {
    if on { "Enabled" } else { "Disabled" }
}

fn rule_json(rule: &ReplicationRule) -> serde_json::Value {
    let filter = match (rule.filter.prefix.as_str(), rule.filter.tags.as_slice()) {
        (prefix, []) => serde_json::json!({ "Prefix": prefix }),
        ("", [(key, value)]) => serde_json::json!({ "Tag": { "Key": key, "Value": value } }),
        (prefix, tags) => {
            let tags: Vec<serde_json::Value> = tags
                .iter()
                .map(|(k, v)| serde_json::json!({ "Key": k, "Value": v }))
                .collect();
            let mut and = serde_json::Map::new();
            if !prefix.is_empty() {
                and.insert("Prefix".into(), prefix.into());
            }
            and.insert("Tags".into(), tags.into());
            serde_json::json!({ "And": and })
        }
    };
    let mut destination = serde_json::Map::new();
    destination.insert("Bucket".into(), bucket_arn(&rule.destination_bucket).into());
    if let Some(class) = &rule.storage_class {
        destination.insert("StorageClass".into(), class.clone().into());
    }
    if let Some(key) = &rule.replica_kms_key_id {
        destination.insert(
            "EncryptionConfiguration".into(),
            serde_json::json!({ "ReplicaKmsKeyID": key }),
        );
    }
    if rule.replication_time_control {
        destination.insert(
            "ReplicationTime".into(),
            serde_json::json!({ "Status": "Enabled", "Time": { "Minutes": 15 } }),
        );
    }
    if rule.metrics {
        destination.insert(
            "Metrics".into(),
            serde_json::json!({ "Status": "Enabled", "EventThreshold": { "Minutes": 15 } }),
        );
    }
    let mut map = serde_json::Map::new();
    map.insert("ID".into(), rule.id.clone().into());
    map.insert("Priority".into(), rule.priority.into());
    map.insert("Filter".into(), filter);
    map.insert("Status".into(), enabled(rule.enabled).into());
    let mut criteria = serde_json::Map::new();
    if rule.replica_kms_key_id.is_some() {
        criteria.insert(
            "SseKmsEncryptedObjects".into(),
            serde_json::json!({ "Status": "Enabled" }),
        );
    }
    if rule.replica_modifications {
        criteria.insert(
            "ReplicaModifications".into(),
            serde_json::json!({ "Status": "Enabled" }),
        );
    }
    if !criteria.is_empty() {
        map.insert("SourceSelectionCriteria".into(), criteria.into());
    }
    map.insert("Destination".into(), destination.into());
    map.insert(
        "DeleteMarkerReplication".into(),
        serde_json::json!({ "Status": enabled(rule.delete_marker_replication) }),
    );
    serde_json::Value::Object(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(id: &str) -> ReplicationRule {
        ReplicationRule {
            id: id.into(),
            destination_bucket: "finance-replica".into(),
            ..ReplicationRule::default()
        }
    }

    #[test]
    fn rule_ids_are_named_short_and_unique() {
        assert_eq!(
            rule_id("", &[]),
            Err("Give the rule a name (its ID).".into())
        );
        assert_eq!(
            rule_id(&"x".repeat(256), &[]),
            Err("Rule names are at most 255 characters (256 given).".into())
        );
        assert_eq!(
            rule_id("finance", &[rule("finance")]),
            Err(
                "This bucket already has a replication rule named finance: choose another name."
                    .into()
            )
        );
        assert_eq!(rule_id("finance", &[rule("other")]), Ok(()));
    }

    #[test]
    fn priorities_are_whole_numbers_from_zero() {
        assert_eq!(priority(" 3 "), Ok(3));
        assert_eq!(
            priority("-1"),
            Err("The priority is a whole number, 0 or more (not \"-1\").".into())
        );
        assert!(priority("high").is_err());
    }

    #[test]
    fn versioning_names_the_unversioned_bucket_and_the_fix() {
        assert_eq!(
            both_versioned("src", false, "dst", Some(true)),
            Err(
                "The source bucket src is not versioned, and replication needs versioning on \
                 both buckets: press v on it in the Buckets screen (:buckets) to enable \
                 versioning."
                    .into()
            )
        );
        let dst = both_versioned("src", true, "dst", Some(false)).unwrap_err();
        assert!(
            dst.starts_with("The destination bucket dst is not versioned"),
            "{dst}"
        );
        assert_eq!(both_versioned("src", true, "dst", None), Ok(()));
    }

    #[test]
    fn a_bucket_does_not_replicate_into_itself() {
        assert_eq!(
            distinct_buckets("a", "a"),
            Err("The destination must be another bucket than the source (a).".into())
        );
        assert_eq!(distinct_buckets("a", "b"), Ok(()));
    }

    #[test]
    fn time_control_needs_metrics_and_tags_forbid_delete_markers() {
        let mut r = rule("r");
        r.replication_time_control = true;
        assert_eq!(
            time_control_needs_metrics(&r),
            Err("Replication Time Control needs replication metrics: turn metrics on too.".into())
        );
        r.metrics = true;
        assert_eq!(time_control_needs_metrics(&r), Ok(()));

        r.delete_marker_replication = true;
        assert_eq!(tags_forbid_delete_markers(&r), Ok(()));
        r.filter.tags.push(("team".into(), "finance".into()));
        assert_eq!(
            tags_forbid_delete_markers(&r),
            Err(
                "A rule filtered by tags cannot replicate delete markers: turn delete-marker \
                 replication off, or filter by prefix only."
                    .into()
            )
        );
        assert_eq!(check_rule("src", &r, &[]), tags_forbid_delete_markers(&r));
        assert!(check_rule("finance-replica", &rule("r"), &[]).is_err());
    }

    fn request(filter: ReplicationFilter) -> ReplicationRequest {
        ReplicationRequest {
            region: "eu-central-1".into(),
            bucket: "finance-source".into(),
            config: ReplicationConfig {
                role_arn: "arn:aws:iam::123456789012:role/s3-replication".into(),
                rules: vec![ReplicationRule {
                    id: "finance".into(),
                    enabled: true,
                    priority: 1,
                    filter,
                    destination_bucket: "finance-replica".into(),
                    destination_region: "us-west-2".into(),
                    storage_class: Some("STANDARD_IA".into()),
                    replica_kms_key_id: None,
                    replication_time_control: true,
                    metrics: true,
                    delete_marker_replication: false,
                    replica_modifications: false,
                }],
            },
        }
    }

    #[test]
    fn a_prefix_rule_is_the_v2_schema_with_every_required_member() {
        let r = request(ReplicationFilter {
            prefix: "Finance/".into(),
            tags: vec![],
        });
        let c = r.configuration_json();
        let rule = &c["Rules"][0];
        assert_eq!(c["Role"], "arn:aws:iam::123456789012:role/s3-replication");
        assert_eq!(rule["ID"], "finance");
        assert_eq!(rule["Priority"], 1);
        assert_eq!(rule["Filter"], serde_json::json!({"Prefix": "Finance/"}));
        assert_eq!(rule["Status"], "Enabled");
        assert_eq!(rule["DeleteMarkerReplication"]["Status"], "Disabled");
        assert_eq!(
            rule["Destination"]["Bucket"],
            "arn:aws:s3:::finance-replica"
        );
        assert_eq!(rule["Destination"]["StorageClass"], "STANDARD_IA");
        assert_eq!(
            rule["Destination"]["ReplicationTime"]["Time"]["Minutes"],
            15
        );
        assert_eq!(rule["Destination"]["Metrics"]["Status"], "Enabled");
        assert!(rule.get("SourceSelectionCriteria").is_none());
        let cli = r.cli_command();
        assert!(cli.starts_with("aws s3api put-bucket-replication"));
        assert!(cli.contains("--bucket finance-source"));
        assert!(
            cli.contains("--replication-configuration '{\"Role\""),
            "{cli}"
        );
    }

    #[test]
    fn tags_alone_one_tag_or_and_with_a_prefix() {
        let one = request(ReplicationFilter {
            prefix: String::new(),
            tags: vec![("team".into(), "finance".into())],
        });
        assert_eq!(
            one.configuration_json()["Rules"][0]["Filter"],
            serde_json::json!({"Tag": {"Key": "team", "Value": "finance"}})
        );
        let and = request(ReplicationFilter {
            prefix: "Finance/".into(),
            tags: vec![("team".into(), "finance".into())],
        });
        assert_eq!(
            and.configuration_json()["Rules"][0]["Filter"],
            serde_json::json!({"And": {"Prefix": "Finance/", "Tags": [{"Key": "team", "Value": "finance"}]}})
        );
    }
}
