//! Service opt-in per Region (DescribeRegionSettings) and the UpdateRegionSettings request.

use super::ResourceType;
use super::restore::shell_quote;
use std::collections::BTreeMap;

/// The resource types AWS Backup documents (GetSupportedResourceTypes). A Region's answer may
/// name more (newer services); the Settings screen shows those too.
pub const DOCUMENTED_TYPES: [&str; 17] = [
    "Aurora",
    "CloudFormation",
    "DocumentDB",
    "DynamoDB",
    "EBS",
    "EC2",
    "EFS",
    "EKS",
    "FSx",
    "Neptune",
    "RDS",
    "Redshift",
    "S3",
    "SAP HANA on Amazon EC2",
    "Storage Gateway",
    "Timestream",
    "VirtualMachine",
];

/// Which of a resource type's two switches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Preference {
    /// ResourceTypeOptInPreference: whether AWS Backup may protect the type in the Region.
    OptIn,
    /// ResourceTypeManagementPreference: full AWS Backup management (for DynamoDB, the
    /// advanced features: cross-Region copy, cold storage, tags).
    Management,
}

/// One switch of a Region's settings, as DescribeRegionSettings reported it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingEntry {
    pub resource_type: String,
    pub preference: Preference,
    pub enabled: bool,
    /// False when the Region's answer does not name the type (it then counts as off).
    pub reported: bool,
}

impl SettingEntry {
    /// What the switch is, in the console's words.
    pub fn label(&self) -> &'static str {
        match (self.preference, self.resource_type.as_str()) {
            (Preference::OptIn, _) => "Opt-in",
            (Preference::Management, "DynamoDB") => "Advanced features",
            (Preference::Management, _) => "Full AWS Backup management",
        }
    }

    /// `Enabled`/`Disabled` for opt-in, `On`/`Off` for management (as the console says).
    pub fn state_label(&self) -> &'static str {
        match (self.preference, self.enabled) {
            (Preference::OptIn, true) => "Enabled",
            (Preference::OptIn, false) => "Disabled",
            (Preference::Management, true) => "On",
            (Preference::Management, false) => "Off",
        }
    }

    /// The UpdateRegionSettings request that flips this switch in `region`, and nothing else.
    pub fn toggle_request(&self, region: &str) -> SettingsRequest {
        let change = BTreeMap::from([(self.resource_type.clone(), !self.enabled)]);
        let (opt_in, management) = match self.preference {
            Preference::OptIn => (change, BTreeMap::new()),
            Preference::Management => (BTreeMap::new(), change),
        };
        SettingsRequest {
            region: region.to_string(),
            opt_in,
            management,
        }
    }

    /// "Turn off opt-in for EFS in us-east-1?"
    pub fn change_question(&self, region: &str) -> String {
        let verb = if self.enabled { "Turn off" } else { "Turn on" };
        match self.preference {
            Preference::OptIn => format!("{verb} opt-in for {} in {region}?", self.resource_type),
            Preference::Management => format!(
                "{verb} {} of {} in {region}?",
                self.label().to_lowercase(),
                self.resource_type
            ),
        }
    }
}

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

    /// Every switch, by type (case-insensitive order): each documented or reported type's
    /// opt-in, followed by its management preference when the Region reports one.
    pub fn entries(&self) -> Vec<SettingEntry> {
        let mut types: Vec<&str> = DOCUMENTED_TYPES.to_vec();
        for name in self.opt_in.keys().chain(self.management.keys()) {
            if !types.contains(&name.as_str()) {
                types.push(name);
            }
        }
        types.sort_by_key(|name| name.to_ascii_lowercase());
        let mut entries = Vec::new();
        for name in types {
            entries.push(SettingEntry {
                resource_type: name.to_string(),
                preference: Preference::OptIn,
                enabled: self.is_opted_in(name),
                reported: self.opt_in.contains_key(name),
            });
            if let Some(&enabled) = self.management.get(name) {
                entries.push(SettingEntry {
                    resource_type: name.to_string(),
                    preference: Preference::Management,
                    enabled,
                    reported: true,
                });
            }
        }
        entries
    }

    /// Said when a user picks a resource type AWS Backup may not protect in this Region
    /// (seed 001: a service that is not opted in cannot be backed up on demand or by tags).
    pub fn not_opted_in_message(&self, resource_type: &ResourceType) -> Option<String> {
        let name = resource_type.api_name();
        (!self.is_opted_in(name)).then(|| {
            format!(
                "{name} is not opted in in {}: AWS Backup will not back it up here \
                 (:settings to change).",
                self.region
            )
        })
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

    fn settings() -> RegionSettings {
        RegionSettings {
            region: "us-east-1".into(),
            opt_in: BTreeMap::from([
                ("DynamoDB".to_string(), true),
                ("EFS".to_string(), false),
                ("DSQL".to_string(), true),
            ]),
            management: BTreeMap::from([("DynamoDB".to_string(), false)]),
        }
    }

    #[test]
    fn entries_list_every_documented_and_reported_type_with_management_after_opt_in() {
        let entries = settings().entries();
        let names: Vec<(&str, &str)> = entries
            .iter()
            .map(|e| (e.resource_type.as_str(), e.label()))
            .collect();
        assert_eq!(entries.len(), DOCUMENTED_TYPES.len() + 1 + 1, "{names:?}");
        let dynamo = names
            .iter()
            .position(|n| *n == ("DynamoDB", "Opt-in"))
            .expect("DynamoDB opt-in");
        assert_eq!(names[dynamo + 1], ("DynamoDB", "Advanced features"));
        // A type newer than this build (DSQL) sorts in among the others.
        let dsql = names.iter().position(|n| n.0 == "DSQL").expect("DSQL");
        assert_eq!(names[dsql - 1].0, "DocumentDB");
        let efs = entries.iter().find(|e| e.resource_type == "EFS").unwrap();
        assert!(!efs.enabled && efs.reported);
        assert_eq!(efs.state_label(), "Disabled");
        let eks = entries.iter().find(|e| e.resource_type == "EKS").unwrap();
        assert!(!eks.enabled && !eks.reported, "absent from the answer: off");
    }

    #[test]
    fn toggling_sends_only_the_flipped_switch() {
        let s = settings();
        let entries = s.entries();
        let efs = entries.iter().find(|e| e.resource_type == "EFS").unwrap();
        let request = efs.toggle_request("us-east-1");
        assert_eq!(request.region, "us-east-1");
        assert_eq!(request.opt_in, BTreeMap::from([("EFS".to_string(), true)]));
        assert!(request.management.is_empty());
        assert_eq!(
            efs.change_question("us-east-1"),
            "Turn on opt-in for EFS in us-east-1?"
        );
        let advanced = entries
            .iter()
            .find(|e| e.preference == Preference::Management)
            .unwrap();
        let request = advanced.toggle_request("us-east-1");
        assert!(request.opt_in.is_empty());
        assert_eq!(
            request.management,
            BTreeMap::from([("DynamoDB".to_string(), true)])
        );
        assert_eq!(advanced.state_label(), "Off");
        assert_eq!(
            advanced.change_question("us-east-1"),
            "Turn on advanced features of DynamoDB in us-east-1?"
        );
    }

    #[test]
    fn a_type_that_is_not_opted_in_says_so_with_its_api_name() {
        let s = settings();
        assert_eq!(s.not_opted_in_message(&ResourceType::DynamoDB), None);
        assert_eq!(
            s.not_opted_in_message(&ResourceType::Efs).as_deref(),
            Some(
                "EFS is not opted in in us-east-1: AWS Backup will not back it up here \
                 (:settings to change)."
            )
        );
        // Absent from the answer counts as not opted in, under the API's own name.
        let gateway = s.not_opted_in_message(&ResourceType::StorageGateway);
        assert!(gateway.is_some_and(|m| m.starts_with("Storage Gateway is not opted in")));
    }
}
