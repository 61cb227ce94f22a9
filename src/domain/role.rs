//! The IAM role the replication wizard can create for S3: CreateRole and its inline policy.

use super::replication::bucket_arn;
use super::restore::shell_quote;

/// Where the console puts the roles it creates for services.
pub const SERVICE_ROLE_PATH: &str = "/service-role/";
/// The service that assumes a replication role.
pub const S3_SERVICE: &str = "s3.amazonaws.com";

/// CreateRole: a role S3 can assume.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleRequest {
    /// Only for the audit log: IAM is global and ignores the Region.
    pub region: String,
    pub name: String,
    pub path: String,
    pub trust_service: String,
    pub description: String,
}

impl RoleRequest {
    /// A service role for S3 replication named `name`.
    pub fn for_s3(region: &str, name: &str, description: &str) -> RoleRequest {
        RoleRequest {
            region: region.to_string(),
            name: name.to_string(),
            path: SERVICE_ROLE_PATH.to_string(),
            trust_service: S3_SERVICE.to_string(),
            description: description.to_string(),
        }
    }

    /// The ARN IAM gives the role in `account_id`.
    pub fn arn(&self, account_id: &str) -> String {
        format!("arn:aws:iam::{account_id}:role{}{}", self.path, self.name)
    }

    /// The trust policy, as the JSON string CreateRole takes.
    pub fn trust_policy(&self) -> String {
        let policy = serde_json::json!({
            "Version": "2012-10-17",
            "Statement": [{
                "Effect": "Allow",
                "Principal": { "Service": self.trust_service },
                "Action": "sts:AssumeRole",
            }],
        });
        serde_json::to_string(&policy).unwrap_or_default()
    }

    /// The CreateRole body.
    pub fn api_json(&self) -> String {
        let body = serde_json::json!({
            "RoleName": self.name,
            "Path": self.path,
            "AssumeRolePolicyDocument": self.trust_policy(),
            "Description": self.description,
        });
        serde_json::to_string_pretty(&body).unwrap_or_default()
    }

    pub fn cli_command(&self) -> String {
        [
            "aws iam create-role".to_string(),
            format!("--role-name {}", shell_quote(&self.name)),
            format!("--path {}", shell_quote(&self.path)),
            format!("--description {}", shell_quote(&self.description)),
            format!(
                "--assume-role-policy-document {}",
                shell_quote(&self.trust_policy())
            ),
        ]
        .join(" \\\n  ")
    }
}

/// PutRolePolicy: the inline policy a replication role needs, scoped to its two buckets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RolePolicyRequest {
    /// Only for the audit log: IAM is global and ignores the Region.
    pub region: String,
    pub role_name: String,
    pub policy_name: String,
    pub source_bucket: String,
    pub destination_bucket: String,
}

impl RolePolicyRequest {
    /// The permissions policy the S3 replication guide documents, as a JSON string.
    pub fn policy(&self) -> String {
        let source = bucket_arn(&self.source_bucket);
        let destination = bucket_arn(&self.destination_bucket);
        let policy = serde_json::json!({
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Action": ["s3:GetReplicationConfiguration", "s3:ListBucket"],
                    "Resource": [source],
                },
                {
                    "Effect": "Allow",
                    "Action": [
                        "s3:GetObjectVersionForReplication",
                        "s3:GetObjectVersionAcl",
                        "s3:GetObjectVersionTagging",
                    ],
                    "Resource": [format!("{source}/*")],
                },
                {
                    "Effect": "Allow",
                    "Action": ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"],
                    "Resource": [format!("{destination}/*")],
                },
            ],
        });
        serde_json::to_string(&policy).unwrap_or_default()
    }

    /// The PutRolePolicy body.
    pub fn api_json(&self) -> String {
        let body = serde_json::json!({
            "RoleName": self.role_name,
            "PolicyName": self.policy_name,
            "PolicyDocument": self.policy(),
        });
        serde_json::to_string_pretty(&body).unwrap_or_default()
    }

    pub fn cli_command(&self) -> String {
        [
            "aws iam put-role-policy".to_string(),
            format!("--role-name {}", shell_quote(&self.role_name)),
            format!("--policy-name {}", shell_quote(&self.policy_name)),
            format!("--policy-document {}", shell_quote(&self.policy())),
        ]
        .join(" \\\n  ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn body(text: &str) -> Value {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn create_role_trusts_s3_under_the_service_role_path() {
        let role = RoleRequest::for_s3("eu-west-1", "s3-repl", "S3 replication");
        assert_eq!(
            role.arn("123456789012"),
            "arn:aws:iam::123456789012:role/service-role/s3-repl"
        );
        let api = body(&role.api_json());
        assert_eq!(api["RoleName"], "s3-repl");
        assert_eq!(api["Path"], "/service-role/");
        assert_eq!(
            api["AssumeRolePolicyDocument"],
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
        );
        let cli = role.cli_command();
        assert!(cli.starts_with("aws iam create-role"), "{cli}");
        assert!(cli.contains("--path /service-role/"), "{cli}");
        assert!(
            cli.contains(r#"--assume-role-policy-document '{"Version""#),
            "{cli}"
        );
    }

    #[test]
    fn the_inline_policy_reads_the_source_and_replicates_into_the_destination() {
        let request = RolePolicyRequest {
            region: "eu-west-1".into(),
            role_name: "s3-repl".into(),
            policy_name: "s3-replication".into(),
            source_bucket: "finance".into(),
            destination_bucket: "finance-replica".into(),
        };
        let api = body(&request.api_json());
        assert_eq!(api["RoleName"], "s3-repl");
        assert_eq!(api["PolicyName"], "s3-replication");
        let policy = body(api["PolicyDocument"].as_str().unwrap());
        assert_eq!(
            policy["Statement"],
            json!([
                {"Effect": "Allow",
                 "Action": ["s3:GetReplicationConfiguration", "s3:ListBucket"],
                 "Resource": ["arn:aws:s3:::finance"]},
                {"Effect": "Allow",
                 "Action": ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl",
                            "s3:GetObjectVersionTagging"],
                 "Resource": ["arn:aws:s3:::finance/*"]},
                {"Effect": "Allow",
                 "Action": ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"],
                 "Resource": ["arn:aws:s3:::finance-replica/*"]},
            ])
        );
        assert!(request.cli_command().starts_with("aws iam put-role-policy"));
    }
}
