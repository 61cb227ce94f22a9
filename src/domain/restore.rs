//! A StartRestoreJob request as plain data, its JSON body and the equivalent AWS CLI command,
//! plus the account objects restore wizards choose from (buckets, KMS keys, IAM roles).

use super::ResourceType;
use std::collections::BTreeMap;

/// Exactly what a restore wizard sends: the review step renders this very value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreRequest {
    /// Restores run in the recovery point's own Region.
    pub region: String,
    pub recovery_point_arn: String,
    pub resource_type: ResourceType,
    /// `None` lets AWS Backup use its default service role.
    pub iam_role_arn: Option<String>,
    /// One token per submission, reused on retry, so AWS never starts the job twice.
    pub idempotency_token: String,
    /// Restore metadata: every value is a string (JSON-encoded where the key takes a list).
    pub metadata: BTreeMap<String, String>,
}

impl RestoreRequest {
    /// The StartRestoreJob body (`PUT /restore-jobs`), pretty-printed, members in API order.
    pub fn api_json(&self) -> String {
        let mut body = serde_json::Map::new();
        body.insert(
            "RecoveryPointArn".into(),
            self.recovery_point_arn.clone().into(),
        );
        if let Some(role) = &self.iam_role_arn {
            body.insert("IamRoleArn".into(), role.clone().into());
        }
        body.insert(
            "IdempotencyToken".into(),
            self.idempotency_token.clone().into(),
        );
        body.insert("ResourceType".into(), self.resource_type.api_name().into());
        body.insert("Metadata".into(), metadata_json(&self.metadata));
        serde_json::to_string_pretty(&serde_json::Value::Object(body)).unwrap_or_default()
    }

    /// The same request as an `aws backup start-restore-job` command line, safe to paste
    /// into a POSIX shell.
    pub fn cli_command(&self) -> String {
        let metadata = serde_json::to_string(&metadata_json(&self.metadata)).unwrap_or_default();
        let mut args = vec![
            "aws backup start-restore-job".to_string(),
            format!("--region {}", shell_quote(&self.region)),
            format!(
                "--recovery-point-arn {}",
                shell_quote(&self.recovery_point_arn)
            ),
        ];
        if let Some(role) = &self.iam_role_arn {
            args.push(format!("--iam-role-arn {}", shell_quote(role)));
        }
        args.push(format!(
            "--idempotency-token {}",
            shell_quote(&self.idempotency_token)
        ));
        args.push(format!(
            "--resource-type {}",
            shell_quote(self.resource_type.api_name())
        ));
        args.push(format!("--metadata {}", shell_quote(&metadata)));
        args.join(" \\\n  ")
    }
}

fn metadata_json(metadata: &BTreeMap<String, String>) -> serde_json::Value {
    serde_json::Value::Object(
        metadata
            .iter()
            .map(|(k, v)| (k.clone(), v.clone().into()))
            .collect(),
    )
}

/// Single-quotes `s` for a POSIX shell unless it is made only of safe characters.
pub fn shell_quote(s: &str) -> String {
    let safe = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@,+%".contains(c));
    if safe {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// An S3 bucket a restore may write into, with the two settings a restore depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket {
    pub name: String,
    pub region: String,
    /// Restores need versioning enabled on the destination.
    pub versioning: bool,
    /// ACLs enabled (Object Ownership is not `BucketOwnerEnforced`).
    pub acls_enabled: bool,
    /// Its replication rules, when looked up (`None`: not known).
    pub replication: Option<super::replication::ReplicationSummary>,
    /// How many objects it holds, where known (the demo knows; AWS says only through metrics).
    pub objects: Option<u64>,
}

impl Bucket {
    /// Why a restore cannot write into this bucket, in a few words; `None` when it can.
    /// Disabled ACLs are no reason: they only matter when the backup holds ACLs.
    pub fn restore_target_problem(&self) -> Option<&'static str> {
        (!self.versioning).then_some("needs versioning")
    }
}

/// A KMS key of the account, as a restore's encryption choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KmsKey {
    pub arn: String,
    pub alias: Option<String>,
    /// AWS managed keys (`aws/s3`, `aws/dynamodb`) cannot be shared across accounts.
    pub aws_managed: bool,
}

/// An IAM role AWS Backup may assume.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IamRole {
    pub name: String,
    pub arn: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> RestoreRequest {
        RestoreRequest {
            region: "us-east-1".into(),
            recovery_point_arn: "arn:aws:backup:us-east-1:123456789012:recovery-point:ABC".into(),
            resource_type: ResourceType::S3,
            iam_role_arn: Some("arn:aws:iam::123456789012:role/restore".into()),
            idempotency_token: "tok-1".into(),
            metadata: BTreeMap::from([
                ("DestinationBucketName".into(), "acme-restored".into()),
                (
                    "ItemsToRestore".into(),
                    r#"["s3://acme-media/a b.txt"]"#.into(),
                ),
            ]),
        }
    }

    #[test]
    fn the_body_names_every_member_as_the_api_does() {
        let body: serde_json::Value =
            serde_json::from_str(&request().api_json()).expect("valid JSON");
        assert_eq!(
            body["RecoveryPointArn"],
            "arn:aws:backup:us-east-1:123456789012:recovery-point:ABC"
        );
        assert_eq!(body["IamRoleArn"], "arn:aws:iam::123456789012:role/restore");
        assert_eq!(body["IdempotencyToken"], "tok-1");
        assert_eq!(body["ResourceType"], "S3");
        assert_eq!(
            body["Metadata"]["ItemsToRestore"],
            r#"["s3://acme-media/a b.txt"]"#
        );
    }

    #[test]
    fn the_cli_command_round_trips_through_a_shell() {
        let cmd = request().cli_command();
        assert!(cmd.starts_with("aws backup start-restore-job \\\n  --region us-east-1"));
        // Run the metadata argument through sh and compare with the JSON we meant.
        let metadata = cmd.split("--metadata ").nth(1).expect("metadata flag");
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("printf %s {metadata}"))
            .output()
            .expect("sh runs");
        let parsed: serde_json::Value =
            serde_json::from_slice(&out.stdout).expect("JSON after shell quoting");
        assert_eq!(parsed["DestinationBucketName"], "acme-restored");
        assert_eq!(parsed["ItemsToRestore"], r#"["s3://acme-media/a b.txt"]"#);
    }

    #[test]
    fn the_default_role_is_left_out() {
        let mut r = request();
        r.iam_role_arn = None;
        assert!(!r.cli_command().contains("--iam-role-arn"));
        assert!(!r.api_json().contains("IamRoleArn"));
    }

    #[test]
    fn a_restore_target_needs_versioning_but_not_acls() {
        let bucket = |versioning, acls_enabled| Bucket {
            name: "b".into(),
            region: "us-east-1".into(),
            versioning,
            acls_enabled,
            replication: None,
            objects: None,
        };
        assert_eq!(bucket(true, true).restore_target_problem(), None);
        assert_eq!(bucket(true, false).restore_target_problem(), None);
        assert_eq!(
            bucket(false, true).restore_target_problem(),
            Some("needs versioning")
        );
        assert_eq!(
            bucket(false, false).restore_target_problem(),
            Some("needs versioning")
        );
    }

    #[test]
    fn quoting() {
        assert_eq!(shell_quote("abc-1"), "abc-1");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote(""), "''");
    }
}
