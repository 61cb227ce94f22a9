//! Protected resources and their types, as ListProtectedResources describes them.

use super::Text;
use time::OffsetDateTime;

/// The resource types AWS Backup protects. `Other` keeps any type this build does not know yet,
/// so a newer service never breaks the listing.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ResourceType {
    S3,
    DynamoDB,
    Ec2,
    Ebs,
    Efs,
    Rds,
    Aurora,
    FSx,
    StorageGateway,
    Other(Text),
}

impl ResourceType {
    /// Every type the console offers as a filter, in the console's order.
    pub const KNOWN: [ResourceType; 9] = [
        ResourceType::S3,
        ResourceType::DynamoDB,
        ResourceType::Ec2,
        ResourceType::Ebs,
        ResourceType::Efs,
        ResourceType::Rds,
        ResourceType::Aurora,
        ResourceType::FSx,
        ResourceType::StorageGateway,
    ];

    /// The string the AWS API uses (`ResourceType` member of ListProtectedResources).
    pub fn api_name(&self) -> &str {
        match self {
            ResourceType::S3 => "S3",
            ResourceType::DynamoDB => "DynamoDB",
            ResourceType::Ec2 => "EC2",
            ResourceType::Ebs => "EBS",
            ResourceType::Efs => "EFS",
            ResourceType::Rds => "RDS",
            ResourceType::Aurora => "Aurora",
            ResourceType::FSx => "FSx",
            ResourceType::StorageGateway => "Storage Gateway",
            ResourceType::Other(name) => name,
        }
    }

    /// Parses the API string; unknown strings become `Other`.
    pub fn from_api_name(name: &str) -> ResourceType {
        Self::KNOWN
            .iter()
            .find(|t| t.api_name().eq_ignore_ascii_case(name))
            .cloned()
            .unwrap_or_else(|| ResourceType::Other(name.into()))
    }
}

impl std::fmt::Display for ResourceType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.api_name())
    }
}

/// A resource that has at least one recovery point (ListProtectedResources + Describe).
#[derive(Debug, Clone, PartialEq)]
pub struct ProtectedResource {
    pub arn: Text,
    pub resource_type: ResourceType,
    pub name: Text,
    /// A short human description (engine, file system flavour), shown on the details page.
    pub description: Option<Text>,
    pub last_backup: Option<OffsetDateTime>,
    pub last_backup_vault_arn: Option<Text>,
    pub last_recovery_point_arn: Option<Text>,
}

impl ProtectedResource {
    /// The resource's ID as the console shows it: the last segment of the ARN.
    pub fn resource_id(&self) -> &str {
        arn_resource_id(&self.arn)
    }
}

/// The last path segment of an ARN: `arn:aws:s3:::acme-media` → `acme-media`,
/// `arn:aws:ec2:…:instance/i-0abc` → `i-0abc`.
pub fn arn_resource_id(arn: &str) -> &str {
    let tail = arn.rsplit(':').next().unwrap_or(arn);
    tail.rsplit('/').next().unwrap_or(tail)
}

/// The last segment of an ARN after the final `:` (for vault ARNs this is the vault name).
pub fn arn_last_colon_segment(arn: &str) -> &str {
    arn.rsplit(':').next().unwrap_or(arn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_names_round_trip() {
        for t in ResourceType::KNOWN {
            assert_eq!(ResourceType::from_api_name(t.api_name()), t);
        }
        assert_eq!(
            ResourceType::from_api_name("Neptune"),
            ResourceType::Other("Neptune".into())
        );
        assert_eq!(
            ResourceType::from_api_name("dynamodb"),
            ResourceType::DynamoDB
        );
    }

    #[test]
    fn resource_ids_come_from_the_arn() {
        assert_eq!(arn_resource_id("arn:aws:s3:::acme-media"), "acme-media");
        assert_eq!(
            arn_resource_id("arn:aws:ec2:us-east-1:123456789012:instance/i-0abc"),
            "i-0abc"
        );
        assert_eq!(
            arn_resource_id("arn:aws:rds:us-east-1:123456789012:db:billing-db"),
            "billing-db"
        );
    }
}
