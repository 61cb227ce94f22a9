//! DescribeRegionSettings and UpdateRegionSettings in the demo account: service opt-in and
//! management preferences per Region, with the API's resource-type names.

use super::fixtures::{Account, HOME_REGION};
use super::invalid;
use crate::backend::BackendError;
use crate::domain::settings::{DOCUMENTED_TYPES, RegionSettings, SettingsRequest};
use std::collections::BTreeMap;

/// Opted in everywhere: the types the account backs up.
const OPTED_IN: [&str; 12] = [
    "Aurora",
    "DocumentDB",
    "DynamoDB",
    "EBS",
    "EC2",
    "EFS",
    "FSx",
    "Neptune",
    "RDS",
    "S3",
    "Storage Gateway",
    "VirtualMachine",
];

/// The one type opted out where the account has a resource of it: (Region, type).
const OPTED_OUT: (&str, &str) = ("ap-east-1", "EBS");

/// The types whose backups AWS Backup can fully manage (ResourceTypeManagementPreference).
const MANAGED_TYPES: [&str; 2] = ["DynamoDB", "EFS"];

/// The Region's settings until someone changes them. The home Region also protects Redshift
/// and CloudFormation stacks; DynamoDB's advanced features are off in eu-west-1 (an account's
/// Region where a vault existed before they became the default, in November 2021). EBS was
/// opted out in ap-east-1 after hk-vol-01 was backed up there, so an on-demand backup of it
/// is refused (seed 001) until EBS is turned back on.
fn defaults(region: &str) -> RegionSettings {
    let opt_in = DOCUMENTED_TYPES
        .iter()
        .map(|t| {
            let home_extra = region == HOME_REGION && matches!(*t, "Redshift" | "CloudFormation");
            let opted_out = region == OPTED_OUT.0 && *t == OPTED_OUT.1;
            (
                t.to_string(),
                (OPTED_IN.contains(t) || home_extra) && !opted_out,
            )
        })
        .collect();
    let management = BTreeMap::from([
        ("DynamoDB".to_string(), region != "eu-west-1"),
        ("EFS".to_string(), true),
    ]);
    RegionSettings {
        region: region.to_string(),
        opt_in,
        management,
    }
}

/// DescribeRegionSettings.
pub fn describe(account: &Account, region: &str) -> RegionSettings {
    account
        .region(region)
        .settings
        .clone()
        .unwrap_or_else(|| defaults(region))
}

/// UpdateRegionSettings: sets exactly the preferences in the request, leaves the others.
pub fn update(account: &mut Account, req: &SettingsRequest) -> Result<(), BackendError> {
    if let Some(unknown) = req
        .opt_in
        .keys()
        .find(|t| !DOCUMENTED_TYPES.contains(&t.as_str()))
    {
        return Err(invalid(format!(
            "InvalidParameterValueException: ResourceTypeOptInPreference: unsupported resource type {unknown}"
        )));
    }
    if let Some(unknown) = req
        .management
        .keys()
        .find(|t| !MANAGED_TYPES.contains(&t.as_str()))
    {
        return Err(invalid(format!(
            "InvalidParameterValueException: ResourceTypeManagementPreference: {unknown} cannot be managed by AWS Backup (only DynamoDB and EFS)"
        )));
    }
    let settings = account
        .region_mut(&req.region)
        .settings
        .get_or_insert_with(|| defaults(&req.region));
    settings.opt_in.extend(req.opt_in.clone());
    settings.management.extend(req.management.clone());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::ErrorKind;
    use crate::backend::mock::fixtures::seed;

    fn request(
        region: &str,
        opt_in: &[(&str, bool)],
        management: &[(&str, bool)],
    ) -> SettingsRequest {
        let map = |pairs: &[(&str, bool)]| pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect();
        SettingsRequest {
            region: region.into(),
            opt_in: map(opt_in),
            management: map(management),
        }
    }

    #[test]
    fn every_region_answers_every_type_with_the_common_ones_opted_in() {
        let account = seed(0);
        for region in ["us-east-1", "eu-west-1", "ap-southeast-2"] {
            let settings = describe(&account, region);
            assert_eq!(settings.region, region);
            assert_eq!(settings.opt_in.len(), DOCUMENTED_TYPES.len());
            for t in OPTED_IN {
                assert!(settings.is_opted_in(t), "{t} not opted in in {region}");
            }
            for t in ["SAP HANA on Amazon EC2", "Timestream", "EKS"] {
                assert!(!settings.is_opted_in(t), "{t} opted in in {region}");
            }
        }
        let home = describe(&account, "us-east-1");
        assert!(home.is_opted_in("Redshift") && home.is_opted_in("CloudFormation"));
        assert!(!describe(&account, "us-west-2").is_opted_in("Redshift"));
        assert_eq!(home.management.get("DynamoDB"), Some(&true));
        let ireland = describe(&account, "eu-west-1");
        assert_eq!(ireland.management.get("DynamoDB"), Some(&false));
    }

    #[test]
    fn an_update_changes_exactly_its_entries_in_its_region() {
        let mut account = seed(0);
        let before = describe(&account, "eu-west-1");
        update(
            &mut account,
            &request(
                "eu-west-1",
                &[("Timestream", true), ("FSx", false)],
                &[("DynamoDB", true)],
            ),
        )
        .unwrap();
        let after = describe(&account, "eu-west-1");
        assert!(after.is_opted_in("Timestream"));
        assert!(!after.is_opted_in("FSx"));
        assert_eq!(after.management.get("DynamoDB"), Some(&true));
        let unchanged = |s: &RegionSettings| {
            s.opt_in
                .iter()
                .filter(|(k, _)| !matches!(k.as_str(), "Timestream" | "FSx"))
                .map(|(k, v)| (k.clone(), *v))
                .collect::<Vec<_>>()
        };
        assert_eq!(unchanged(&before), unchanged(&after));
        assert_eq!(after.management.get("EFS"), Some(&true));
        // Settings are per Region: Frankfurt did not change.
        assert!(!describe(&account, "eu-central-1").is_opted_in("Timestream"));
        assert!(describe(&account, "eu-central-1").is_opted_in("FSx"));
    }

    #[test]
    fn unknown_types_are_refused_and_change_nothing() {
        let mut account = seed(0);
        let err = update(
            &mut account,
            &request("us-east-1", &[("Lambda", true)], &[]),
        )
        .unwrap_err();
        assert_eq!(err.kind, ErrorKind::InvalidInput);
        assert!(
            err.message.contains("unsupported resource type Lambda"),
            "{}",
            err.message
        );
        let err = update(&mut account, &request("us-east-1", &[], &[("S3", true)])).unwrap_err();
        assert!(
            err.message.contains("only DynamoDB and EFS"),
            "{}",
            err.message
        );
        assert!(account.region("us-east-1").settings.is_none());
    }
}
