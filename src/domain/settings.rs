//! Service opt-in per Region (DescribeRegionSettings) and the UpdateRegionSettings request.

use super::restore::shell_quote;
use std::collections::BTreeMap;

/// Which resource types AWS Backup may protect in one Region. Keys are the API's
/// resource-type names (`DynamoDB`, `EFS`, `SAP HANA on Amazon EC2`, …).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RegionSettings {
    pub region: String,
    /// ResourceTypeOptInPreference: true = AWS Backup may protect this type here.
    pub opt_in: BTreeMap<String, bool>,
    /// ResourceTypeManagementPreference: true = AWS Backup fully manages the type's backups
    /// (for DynamoDB, the advanced features: cross-Region copy, cold storage, tags).
    pub management: BTreeMap<String, bool>,
}

impl RegionSettings {
    /// Whether `resource_type` (API name) is opted in; types absent from the answer are not.
    pub fn is_opted_in(&self, resource_type: &str) -> bool {
        self.opt_in.get(resource_type).copied().unwrap_or(false)
    }
}

/// Exactly what the Settings screen sends: only the preferences the user changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsRequest {
    pub region: String,
    pub opt_in: BTreeMap<String, bool>,
    pub management: BTreeMap<String, bool>,
}

impl SettingsRequest {
    /// The UpdateRegionSettings body (`PUT /account-settings`), pretty-printed.
    pub fn api_json(&self) -> String {
        serde_json::to_string_pretty(&serde_json::Value::Object(self.members())).unwrap_or_default()
    }

    fn members(&self) -> serde_json::Map<String, serde_json::Value> {
        let mut body = serde_json::Map::new();
        if !self.opt_in.is_empty() {
            body.insert("ResourceTypeOptInPreference".into(), bools(&self.opt_in));
        }
        if !self.management.is_empty() {
            body.insert(
                "ResourceTypeManagementPreference".into(),
                bools(&self.management),
            );
        }
        body
    }

    /// The same request as an `aws backup update-region-settings` command line.
    pub fn cli_command(&self) -> String {
        let mut args = vec![
            "aws backup update-region-settings".to_string(),
            format!("--region {}", shell_quote(&self.region)),
        ];
        if !self.opt_in.is_empty() {
            let json = serde_json::to_string(&bools(&self.opt_in)).unwrap_or_default();
            args.push(format!(
                "--resource-type-opt-in-preference {}",
                shell_quote(&json)
            ));
        }
        if !self.management.is_empty() {
            let json = serde_json::to_string(&bools(&self.management)).unwrap_or_default();
            args.push(format!(
                "--resource-type-management-preference {}",
                shell_quote(&json)
            ));
        }
        args.join(" \\\n  ")
    }
}

fn bools(map: &BTreeMap<String, bool>) -> serde_json::Value {
    serde_json::Value::Object(
        map.iter()
            .map(|(k, v)| (k.clone(), serde_json::Value::Bool(*v)))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_changed_preferences_are_sent() {
        let request = SettingsRequest {
            region: "eu-west-1".into(),
            opt_in: BTreeMap::from([("Redshift".to_string(), true)]),
            management: BTreeMap::new(),
        };
        let body: serde_json::Value = serde_json::from_str(&request.api_json()).unwrap();
        assert_eq!(body["ResourceTypeOptInPreference"]["Redshift"], true);
        assert!(body.get("ResourceTypeManagementPreference").is_none());
        let cli = request.cli_command();
        assert!(cli.contains("--region eu-west-1"));
        assert!(cli.contains("--resource-type-opt-in-preference '{\"Redshift\":true}'"));
        assert!(!cli.contains("management"));
    }

    #[test]
    fn a_type_missing_from_the_answer_is_not_opted_in() {
        let settings = RegionSettings {
            region: "us-east-1".into(),
            opt_in: BTreeMap::from([("EFS".to_string(), true), ("FSx".to_string(), false)]),
            management: BTreeMap::new(),
        };
        assert!(settings.is_opted_in("EFS"));
        assert!(!settings.is_opted_in("FSx"));
        assert!(!settings.is_opted_in("Timestream"));
    }
}
