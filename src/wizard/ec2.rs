//! The EC2 restore wizard: instance, network, every other launch setting (even the console's missing ones), role.

use super::form::{Field, FieldId, Input, Item};
use super::metadata_editor::{ExtraKey, MetadataEditor};
use super::parts::{
    Problem, RESTORE_ROLE, RoleChooser, WizardCore, build_request, id_list, meta_get, region_note,
    remove_meta, review_items, set_choice, set_meta, set_text, subnet_id,
};
use super::{Form, RestoreContext, RestoreWizard};
use crate::domain::restore::RestoreRequest;
use std::collections::BTreeMap;

const INSTANCE_TYPE: FieldId = "instance_type";
const PROFILE: FieldId = "instance_profile";
const PROFILE_NAME: FieldId = "instance_profile_name";
const SUBNET: FieldId = "subnet";
const SECURITY_GROUPS: FieldId = "security_groups";

const STEPS: [&str; 5] = ["Instance", "Network", "Advanced", "Role", "Review"];
const INSTANCE: usize = 0;
const NETWORK: usize = 1;
const ADVANCED: usize = 2;
const ROLE: usize = 3;

const PROFILE_OPTIONS: [&str; 3] = [
    "Keep the backed-up profile",
    "No instance profile",
    "Another profile",
];
const KEEP_PROFILE: usize = 0;
const NO_PROFILE: usize = 1;
const OTHER_PROFILE: usize = 2;

/// Keys the first two steps show; the key pair is shown but cannot change.
const SHOWN_KEYS: [&str; 5] = [
    "InstanceType",
    "SubnetId",
    "SecurityGroupIds",
    "IamInstanceProfileName",
    "KeyName",
];

/// RunInstances parameters the console cannot set (seed 001), with its examples as placeholders.
pub const EXTRA_KEYS: [ExtraKey; 5] = [
    ExtraKey {
        key: "NetworkInterfaces",
        placeholder: r#"[{"DeviceIndex":1,"SubnetId":"subnet-0a1b2c3d4e5f60789","Groups":["sg-012d52c68c6e88f00"],"AssociatePublicIpAddress":true,"DeleteOnTermination":false}]"#,
    },
    ExtraKey {
        key: "CapacityReservationSpecification",
        placeholder: r#"{"CapacityReservationPreference":"none"}"#,
    },
    ExtraKey {
        key: "InstanceMarketOptions",
        placeholder: r#"{"MarketType":"spot","SpotOptions":{"SpotInstanceType":"persistent","InstanceInterruptionBehavior":"hibernate"}}"#,
    },
    ExtraKey {
        key: "LicenseSpecifications",
        placeholder: r#"[{"LicenseConfigurationArn":"your_license_configuration_arn"}]"#,
    },
    ExtraKey {
        key: "ElasticGpuSpecification",
        placeholder: r#"[{"Type":"test_elastic_gpu_type"}]"#,
    },
];

const PASS_ROLE_WARNING: &str = "Applying an instance profile needs iam:PassRole for its role on the restore role, \
                                 or EC2 cannot launch the instance.";

/// Restores an EC2 instance from its AMI-backed recovery point, as a new instance.
#[derive(Debug, Clone, PartialEq)]
pub struct Ec2Wizard {
    ctx: RestoreContext,
    core: WizardCore,
    instance_type: String,
    profile: usize,
    other_profile: String,
    subnet: String,
    security_groups: String,
    editor: MetadataEditor,
    role: RoleChooser,
}

impl Ec2Wizard {
    pub fn new(ctx: RestoreContext) -> Ec2Wizard {
        let get = |key: &str| meta_get(&ctx.metadata, key).unwrap_or_default().to_string();
        Ec2Wizard {
            core: WizardCore::new(&STEPS),
            instance_type: get("InstanceType"),
            profile: KEEP_PROFILE,
            other_profile: String::new(),
            subnet: get("SubnetId"),
            security_groups: get("SecurityGroupIds"),
            editor: MetadataEditor::new(&ctx.metadata, &SHOWN_KEYS, &EXTRA_KEYS),
            role: RoleChooser::new(RESTORE_ROLE, &ctx.account_id),
            ctx,
        }
    }

    fn backed_up_profile(&self) -> Option<&str> {
        meta_get(&self.ctx.metadata, "IamInstanceProfileName").filter(|p| !p.is_empty())
    }

    /// Whether the restored instance gets a profile, which needs iam:PassRole.
    fn applies_profile(&self) -> bool {
        match self.profile {
            KEEP_PROFILE => self.backed_up_profile().is_some(),
            NO_PROFILE => false,
            _ => true,
        }
    }

    fn instance_items(&self) -> Vec<Item> {
        let backed_up = self.backed_up_profile().unwrap_or("none");
        let instance_type = Field::text(
            INSTANCE_TYPE,
            "Instance type",
            &self.instance_type,
            "m6i.large",
        );
        let profile = Field::choice(PROFILE, "Instance profile", &PROFILE_OPTIONS, self.profile)
            .with_help(format!("Backed-up profile: {backed_up}"));
        let mut items = vec![
            region_note(&self.ctx),
            self.core.field(instance_type),
            self.core.field(profile),
        ];
        if self.profile == OTHER_PROFILE {
            let name = Field::text(
                PROFILE_NAME,
                "Instance profile name",
                &self.other_profile,
                "web-server-profile",
            );
            items.push(self.core.field(name));
            // Seed 001: AWS Backup guards the profile against privilege escalation.
            items.push(Item::warning(
                "AWS Backup may refuse a profile other than the backed-up one; if it does, restore without a \
                 profile and attach it in EC2 afterwards.",
            ));
        }
        if self.applies_profile() {
            items.push(Item::warning(PASS_ROLE_WARNING));
        }
        let key = meta_get(&self.ctx.metadata, "KeyName")
            .filter(|k| !k.is_empty())
            .unwrap_or("none");
        items.push(Item::note(format!(
            "Key pair: {key} (cannot be changed: AWS Backup restores only with the backed-up key pair)"
        )));
        items
    }

    fn network_items(&self) -> Vec<Item> {
        let subnet = Field::text(SUBNET, "Subnet", &self.subnet, "subnet-0a1b2c3d4e5f60789");
        let groups = Field::text(
            SECURITY_GROUPS,
            "Security groups",
            &self.security_groups,
            r#"["sg-012d52c68c6e88f00"]"#,
        )
        .with_help("A JSON array of security group IDs; [] uses the VPC's default group.");
        vec![self.core.field(subnet), self.core.field(groups)]
    }

    fn step_ids(&self, step: usize) -> Vec<FieldId> {
        match step {
            INSTANCE => vec![INSTANCE_TYPE, PROFILE, PROFILE_NAME],
            NETWORK => vec![SUBNET, SECURITY_GROUPS],
            ADVANCED => self.editor.field_ids(),
            ROLE => RoleChooser::FIELD_IDS.to_vec(),
            _ => Vec::new(),
        }
    }

    fn check(&self, step: usize) -> Vec<Problem> {
        match step {
            INSTANCE => self.check_instance(),
            NETWORK => self.check_network(),
            ADVANCED => self.editor.check(),
            ROLE => self.role.check(),
            _ => Vec::new(),
        }
    }

    fn check_instance(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        if let Err(e) = instance_type(self.instance_type.trim()) {
            problems.push((INSTANCE_TYPE, e));
        }
        if self.profile == OTHER_PROFILE
            && let Err(e) = profile_name(self.other_profile.trim())
        {
            problems.push((PROFILE_NAME, e));
        }
        problems
    }

    fn check_network(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        if let Err(e) = subnet_id(self.subnet.trim()) {
            problems.push((SUBNET, e));
        }
        if let Err(e) = id_list(
            self.security_groups.trim(),
            "sg-",
            "sg-012d52c68c6e88f00",
            false,
        ) {
            problems.push((SECURITY_GROUPS, e));
        }
        problems
    }

    fn metadata(&self) -> BTreeMap<String, String> {
        let mut md = self.ctx.metadata.clone();
        self.editor.apply(&mut md);
        set_meta(&mut md, "InstanceType", self.instance_type.trim());
        set_meta(&mut md, "SubnetId", self.subnet.trim());
        set_meta(&mut md, "SecurityGroupIds", self.security_groups.trim());
        match self.profile {
            NO_PROFILE => remove_meta(&mut md, "IamInstanceProfileName"),
            OTHER_PROFILE => set_meta(&mut md, "IamInstanceProfileName", self.other_profile.trim()),
            _ => {}
        }
        md
    }

    fn profile_summary(&self) -> String {
        match (self.profile, self.backed_up_profile()) {
            (KEEP_PROFILE, Some(p)) => format!("{p} (backed up)"),
            (OTHER_PROFILE, _) => self.other_profile.trim().to_string(),
            _ => "none".into(),
        }
    }
}

/// `m6i.large`, `u-6tb1.metal`, `m7i.metal-24xl`: a lowercase family, a period, a size.
fn instance_type(t: &str) -> Result<(), String> {
    if t.is_empty() {
        return Err("Enter an instance type, like m6i.large.".into());
    }
    let part = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    };
    let ok = t.split_once('.').is_some_and(|(family, size)| {
        family.starts_with(|c: char| c.is_ascii_lowercase()) && part(family) && part(size)
    });
    if ok {
        return Ok(());
    }
    Err(format!(
        "Instance types look like m6i.large: a lowercase family, a period, then a size (not {t:?})."
    ))
}

/// IAM instance profile names: 1 to 128 of `[\w+=,.@-]`.
fn profile_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("Enter the name of an instance profile.".into());
    }
    let ok = name.len() <= 128
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_+=,.@-".contains(c));
    if ok {
        return Ok(());
    }
    Err("Instance profile names are up to 128 letters, digits and _+=,.@- characters.".into())
}

impl Form for Ec2Wizard {
    fn title(&self) -> String {
        format!(
            "Restore EC2 instance {}",
            self.ctx.recovery_point.resource_name
        )
    }

    fn steps(&self) -> Vec<&'static str> {
        self.core.steps()
    }

    fn step(&self) -> usize {
        self.core.step()
    }

    fn items(&self) -> Vec<Item> {
        match self.core.step() {
            INSTANCE => self.instance_items(),
            NETWORK => self.network_items(),
            ADVANCED => self.editor.items(&self.core),
            ROLE => self.role.items(&self.ctx.roles, &self.core),
            _ => review_items(&self.request()),
        }
    }

    fn input(&mut self, id: FieldId, input: Input) {
        if !self.core.begin_input(&self.items(), id) {
            return;
        }
        match (self.core.step(), id) {
            (_, INSTANCE_TYPE) => set_text(&mut self.instance_type, &input),
            (_, PROFILE) => set_choice(&mut self.profile, PROFILE_OPTIONS.len(), &input),
            (_, PROFILE_NAME) => set_text(&mut self.other_profile, &input),
            (_, SUBNET) => set_text(&mut self.subnet, &input),
            (_, SECURITY_GROUPS) => set_text(&mut self.security_groups, &input),
            (ADVANCED, _) => self.editor.input(id, &input),
            _ => self.role.input(&self.ctx.roles, id, &input),
        }
    }

    fn next(&mut self) -> bool {
        let step = self.core.step();
        let problems = self.check(step);
        self.core.advance(&self.step_ids(step), problems)
    }

    fn back(&mut self) -> bool {
        self.core.back()
    }

    fn summary(&self) -> Vec<(String, String)> {
        let key = meta_get(&self.ctx.metadata, "KeyName").unwrap_or("none");
        vec![
            ("Region".into(), self.ctx.region.clone()),
            (
                "Instance type".into(),
                self.instance_type.trim().to_string(),
            ),
            ("Instance profile".into(), self.profile_summary()),
            ("Key pair".into(), key.to_string()),
            ("Subnet".into(), self.subnet.trim().to_string()),
            (
                "Security groups".into(),
                self.security_groups.trim().to_string(),
            ),
            ("Other settings".into(), self.editor.summary()),
            ("Role".into(), self.role.summary(&self.ctx.roles)),
        ]
    }

    fn is_dirty(&self) -> bool {
        self.core.is_dirty()
    }
}

impl RestoreWizard for Ec2Wizard {
    fn region(&self) -> &str {
        &self.ctx.region
    }

    fn request(&self) -> Result<RestoreRequest, String> {
        self.core.first_problem(|step| self.check(step))?;
        Ok(build_request(
            &self.ctx,
            self.role.arn(&self.ctx.roles),
            self.metadata(),
        ))
    }
}

#[cfg(test)]
mod tests;
