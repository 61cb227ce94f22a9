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
