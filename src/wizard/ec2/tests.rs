//! Tests of the EC2 wizard: instance and network checks, the advanced metadata editor, profile removal.

use super::*;
use crate::domain::ResourceType;
use crate::wizard::form::Control;
use crate::wizard::generic::tests::{
    choose, context, error, fails, map, metadata, notes, text, to_review,
};

const ARN: &str = "arn:aws:ec2:us-east-1::image/ami-0a1b2c3d4e5f60718";

/// metadata.rs's answer for web-server-1.
fn backed_up() -> BTreeMap<String, String> {
    map(&[
        ("InstanceType", "m6i.large"),
        ("SubnetId", "subnet-0a1b2c3d4e5f60789"),
        ("SecurityGroupIds", r#"["sg-012d52c68c6e88f00"]"#),
        ("IamInstanceProfileName", "web-server-profile"),
        ("KeyName", "ops-keypair"),
        ("RequireIMDSv2", "true"),
        ("DisableApiTermination", "false"),
        (
            "Placement",
            r#"{"AvailabilityZone":"us-east-1a","Tenancy":"default"}"#,
        ),
        ("EbsOptimized", "true"),
    ])
}

fn wizard() -> Ec2Wizard {
    let instance = "arn:aws:ec2:us-east-1:123456789012:instance/i-0a1b2c3d4e5f60718";
    Ec2Wizard::new(context(
        ResourceType::Ec2,
        "web-server-1",
        ARN,
        instance,
        backed_up(),
    ))
}

fn labels(w: &Ec2Wizard) -> Vec<String> {
    w.items()
        .iter()
        .filter_map(Item::field)
        .map(|f| f.label.clone())
        .collect()
}

const NICS: &str = r#"[{"DeviceIndex":0,"SubnetId":"subnet-0b2c3d4e5f6071890","Groups":["sg-012d52c68c6e88f00"],"AssociatePublicIpAddress":true}]"#;

#[test]
fn changed_type_no_profile_and_network_interfaces() {
    let mut w = wizard();
    text(&mut w, INSTANCE_TYPE, "m7i.xlarge");
    choose(&mut w, PROFILE, NO_PROFILE);
    assert!(w.next() && w.next());
    text(&mut w, "NetworkInterfaces", NICS);
    to_review(&mut w);
    let mut expected = backed_up();
    expected.insert("InstanceType".into(), "m7i.xlarge".into());
    expected.remove("IamInstanceProfileName");
    expected.insert("NetworkInterfaces".into(), NICS.into());
    assert_eq!(metadata(&w), expected);
}

#[test]
fn an_untouched_wizard_sends_the_backed_up_metadata() {
    let mut w = wizard();
    to_review(&mut w);
    assert_eq!(metadata(&w), backed_up());
    assert!(!w.is_dirty());
}

#[test]
fn another_profile_is_sent_with_warnings() {
    let mut w = wizard();
    choose(&mut w, PROFILE, OTHER_PROFILE);
    fails(
        &mut w,
        PROFILE_NAME,
        "Enter the name of an instance profile.",
    );
    text(&mut w, PROFILE_NAME, "web server");
    fails(
        &mut w,
        PROFILE_NAME,
        "Instance profile names are up to 128 letters, digits and _+=,.@- characters.",
    );
    text(&mut w, PROFILE_NAME, "app-profile");
    assert!(
        notes(&w)
            .iter()
            .any(|n| n.starts_with("AWS Backup may refuse a profile"))
    );
    to_review(&mut w);
    assert_eq!(metadata(&w)["IamInstanceProfileName"], "app-profile");
}

#[test]
fn pass_role_warning_only_when_a_profile_is_applied() {
    let mut w = wizard();
    let warning = "Applying an instance profile needs iam:PassRole for its role on the restore role, or EC2 cannot \
                   launch the instance.";
    assert!(notes(&w).contains(&warning.to_string()));
    choose(&mut w, PROFILE, NO_PROFILE);
    assert!(!notes(&w).contains(&warning.to_string()));
    choose(&mut w, PROFILE, OTHER_PROFILE);
    assert!(notes(&w).contains(&warning.to_string()));
}

#[test]
fn the_key_pair_is_shown_but_fixed() {
    let w = wizard();
    let key = "Key pair: ops-keypair (cannot be changed: AWS Backup restores only with the backed-up key pair)";
    assert!(notes(&w).contains(&key.to_string()));
    assert!(notes(&w)[0].starts_with("This restore runs in us-east-1"));
    assert!(!labels(&w).iter().any(|l| l.contains("KeyName")));
}

#[test]
fn instance_type_rules() {
    let mut w = wizard();
    text(&mut w, INSTANCE_TYPE, "");
    fails(
        &mut w,
        INSTANCE_TYPE,
        "Enter an instance type, like m6i.large.",
    );
    text(&mut w, INSTANCE_TYPE, "M6i.Large");
    fails(
        &mut w,
        INSTANCE_TYPE,
        "Instance types look like m6i.large: a lowercase family, a period, then a size (not \"M6i.Large\").",
    );
    for ok in ["u-6tb1.metal", "m7i.metal-24xl", "c6gn.16xlarge"] {
        assert_eq!(instance_type(ok), Ok(()), "{ok}");
    }
}

#[test]
fn subnet_and_security_group_rules() {
    let mut w = wizard();
    assert!(w.next());
    text(&mut w, SUBNET, "subnet-xyz");
    fails(
        &mut w,
        SUBNET,
        "Subnet IDs look like subnet-0a1b2c3d4e5f60789 (subnet- then 8 or 17 hexadecimal digits), not \"subnet-xyz\".",
    );
    text(&mut w, SUBNET, "subnet-0b2c3d4e");
    text(&mut w, SECURITY_GROUPS, "sg-012d52c68c6e88f00");
    fails(
        &mut w,
        SECURITY_GROUPS,
        r#"Enter a JSON array of strings, as in ["sg-012d52c68c6e88f00"]."#,
    );
    text(&mut w, SECURITY_GROUPS, r#"["subnet-0b2c3d4e"]"#);
    fails(
        &mut w,
        SECURITY_GROUPS,
        r#"Element 1 ("subnet-0b2c3d4e") is not an ID like sg-012d52c68c6e88f00."#,
    );
    text(
        &mut w,
        SECURITY_GROUPS,
        r#"["sg-012d52c68c6e88f00", "sg-0db5a1c2"]"#,
    );
    assert_eq!(error(&w, SECURITY_GROUPS), None);
    to_review(&mut w);
    let md = metadata(&w);
    assert_eq!(md["SubnetId"], "subnet-0b2c3d4e");
    assert_eq!(
        md["SecurityGroupIds"],
        r#"["sg-012d52c68c6e88f00", "sg-0db5a1c2"]"#
    );
}

#[test]
fn the_advanced_step_lists_other_keys_by_index_then_the_extras() {
    let mut w = wizard();
    assert!(w.next() && w.next());
    let ids: Vec<FieldId> = w
        .items()
        .iter()
        .filter_map(Item::field)
        .map(|f| f.id)
        .collect();
    let expected_ids = [
        "meta0",
        "meta1",
        "meta2",
        "meta3",
        "NetworkInterfaces",
        "CapacityReservationSpecification",
        "InstanceMarketOptions",
        "LicenseSpecifications",
        "ElasticGpuSpecification",
    ];
    assert_eq!(ids, expected_ids);
    assert_eq!(
        labels(&w)[..4],
        [
            "DisableApiTermination",
            "EbsOptimized",
            "Placement",
            "RequireIMDSv2"
        ]
    );
    let placeholder = w
        .items()
        .iter()
        .filter_map(Item::field)
        .find(|f| f.id == "CapacityReservationSpecification")
        .map(|f| f.control.clone());
    let Some(Control::Text { value, placeholder }) = placeholder else {
        panic!("a text field")
    };
    assert_eq!(
        (value.as_str(), placeholder.as_str()),
        ("", r#"{"CapacityReservationPreference":"none"}"#)
    );
}

#[test]
fn advanced_values_must_be_json() {
    let mut w = wizard();
    assert!(w.next() && w.next());
    // An extra must be JSON whatever it starts with.
    text(&mut w, "InstanceMarketOptions", "spot");
    fails(
        &mut w,
        "InstanceMarketOptions",
        "Not valid JSON at line 1, column 1: expected value.",
    );
    text(&mut w, "InstanceMarketOptions", "");
    // meta2 is Placement: a value starting with { must be valid JSON.
    text(
        &mut w,
        "meta2",
        r#"{"AvailabilityZone":"us-east-1b" "Tenancy":"default"}"#,
    );
    fails(
        &mut w,
        "meta2",
        "Not valid JSON at line 1, column 34: expected `,` or `}`.",
    );
    text(
        &mut w,
        "meta2",
        r#"{"AvailabilityZone":"us-east-1b","Tenancy":"default"}"#,
    );
    text(&mut w, "meta1", "false");
    to_review(&mut w);
    let mut expected = backed_up();
    expected.insert(
        "Placement".into(),
        r#"{"AvailabilityZone":"us-east-1b","Tenancy":"default"}"#.into(),
    );
    expected.insert("EbsOptimized".into(), "false".into());
    assert_eq!(metadata(&w), expected);
    let other = w
        .summary()
        .into_iter()
        .find(|(what, _)| what == "Other settings");
    assert_eq!(other.map(|(_, v)| v).as_deref(), Some("2 changed"));
}
