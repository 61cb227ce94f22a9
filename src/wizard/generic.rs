//! The EBS, EFS, RDS, Aurora, FSx and Storage Gateway wizard, and `for_non_s3`, which opens every non-S3 wizard.

use super::dynamodb::DynamoDbWizard;
use super::ec2::Ec2Wizard;
use super::form::{Field, FieldId, Input, Item};
use super::metadata_editor::MetadataEditor;
use super::parts::{
    KeyChooser, Problem, RESTORE_ROLE, RoleChooser, WizardCore, build_request, find_key, id_list,
    meta_get, region_note, remove_meta, review_items, set_choice, set_meta, set_text,
};
use super::{Form, RestoreContext, RestoreWizard};
use crate::domain::ResourceType;
use crate::domain::resource::arn_resource_id;
use crate::domain::restore::RestoreRequest;
use crate::domain::validate::{self, MAX_RESTORE_ITEMS};
use std::collections::BTreeMap;

/// Opens the wizard of a non-S3 recovery point: DynamoDB, EC2, or the generic one.
pub fn for_non_s3(ctx: RestoreContext) -> Box<dyn RestoreWizard> {
    match ctx.recovery_point.resource_type {
        ResourceType::DynamoDB => Box::new(DynamoDbWizard::new(ctx)),
        ResourceType::Ec2 => Box::new(Ec2Wizard::new(ctx)),
        _ => Box::new(GenericWizard::new(ctx)),
    }
}

// ---------------------------------------------------------------------------------------------
// Settings of the generic wizard: one text field per important key, or EFS's own step.

/// How a settings field is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Check {
    DbIdentifier,
    SubnetList,
    JsonObject,
    AvailabilityZone,
    VolumeType,
    VolumeSize,
    TargetName,
    GatewayArn,
}

/// A settings field bound to one metadata key.
#[derive(Debug, PartialEq, Eq)]
struct Spec {
    id: FieldId,
    label: &'static str,
    key: &'static str,
    check: Check,
    placeholder: &'static str,
    help: &'static str,
    /// The message for an empty value.
    missing: &'static str,
    /// Shown only when the metadata has the key (FSx for Windows' configuration).
    if_present: bool,
}

const RDS_SPECS: [Spec; 1] = [Spec {
    id: "db_instance_identifier",
    label: "DB instance identifier",
    key: "DBInstanceIdentifier",
    check: Check::DbIdentifier,
    placeholder: "billing-db-restored",
    help: "RDS stores it in lowercase. No DB instance in this Region may have it already.",
    missing: "Enter a DB instance identifier.",
    if_present: false,
}];

const AURORA_SPECS: [Spec; 1] = [Spec {
    id: "db_cluster_identifier",
    label: "DB cluster identifier",
    key: "DBClusterIdentifier",
    check: Check::DbIdentifier,
    placeholder: "analytics-restored",
    help: "RDS stores it in lowercase. No DB cluster in this Region may have it already.",
    missing: "Enter a DB cluster identifier.",
    if_present: false,
}];

const FSX_SPECS: [Spec; 2] = [
    Spec {
        id: "subnet_ids",
        label: "Subnet IDs",
        key: "SubnetIds",
        check: Check::SubnetList,
        placeholder: r#"["subnet-0a1b2c3d4e5f60789"]"#,
        help: "A JSON array; Multi-AZ file systems take two subnets.",
        missing: "Enter the subnets as a JSON array, as in [\"subnet-0a1b2c3d4e5f60789\"].",
        if_present: false,
    },
    Spec {
        id: "windows_configuration",
        label: "Windows configuration",
        key: "WindowsConfiguration",
        check: Check::JsonObject,
        placeholder: r#"{"ThroughputCapacity":32,"ActiveDirectoryId":"d-9067abcd12"}"#,
        help: "A JSON object; ActiveDirectoryId is required.",
        missing: "Enter the Windows configuration as a JSON object.",
        if_present: true,
    },
];

const EBS_SPECS: [Spec; 3] = [
    Spec {
        id: "availability_zone",
        label: "Availability Zone",
        key: "availabilityZone",
        check: Check::AvailabilityZone,
        placeholder: "us-east-1a",
        help: "",
        missing: "Enter an Availability Zone.",
        if_present: false,
    },
    Spec {
        id: "volume_type",
        label: "Volume type",
        key: "volumeType",
        check: Check::VolumeType,
        placeholder: "gp3",
        help: "gp3, gp2, io2, io1, st1, sc1 or standard.",
        missing: "Enter a volume type, like gp3.",
        if_present: false,
    },
    Spec {
        id: "volume_size",
        label: "Volume size (GiB)",
        key: "volumeSize",
        check: Check::VolumeSize,
        placeholder: "500",
        help: "",
        missing: "Enter the volume size in GiB.",
        if_present: false,
    },
];

const GATEWAY_SPECS: [Spec; 2] = [
    Spec {
        id: "target_name",
        label: "Target name",
        key: "TargetName",
        check: Check::TargetName,
        placeholder: "gw-volume-01-restored",
        help: "The iSCSI target name of the new volume.",
        missing: "Enter a target name.",
        if_present: false,
    },
    Spec {
        id: "gateway_arn",
        label: "Gateway ARN",
        key: "GatewayARN",
        check: Check::GatewayArn,
        placeholder: "arn:aws:storagegateway:us-east-1:123456789012:gateway/sgw-12A3456B",
        help: "",
        missing: "Enter the ARN of the gateway that gets the volume.",
        if_present: false,
    },
];

const VOLUME_TYPES: [&str; 7] = ["gp3", "gp2", "io2", "io1", "st1", "sc1", "standard"];

fn specs(resource_type: &ResourceType) -> &'static [Spec] {
    match resource_type {
        ResourceType::Rds => &RDS_SPECS,
        ResourceType::Aurora => &AURORA_SPECS,
        ResourceType::FSx => &FSX_SPECS,
        ResourceType::Ebs => &EBS_SPECS,
        ResourceType::StorageGateway => &GATEWAY_SPECS,
        _ => &[],
    }
}

/// What the restore creates, said once above the settings.
fn settings_note(resource_type: &ResourceType) -> Option<&'static str> {
    Some(match resource_type {
        ResourceType::Rds => "The restore creates a new DB instance from the snapshot.",
        ResourceType::Aurora => "The restore creates a new DB cluster from the snapshot.",
        ResourceType::FSx => "The restore creates a new file system in the subnets below.",
        ResourceType::Ebs => "The restore creates a new volume in the Availability Zone below.",
        ResourceType::StorageGateway => "The restore creates a new volume on the gateway below.",
        _ => return None,
    })
}

fn check_field(check: Check, value: &str, ctx: &RestoreContext) -> Result<(), String> {
    match check {
        Check::DbIdentifier => validate::rds_identifier(value),
        Check::SubnetList => {
            id_list(value, "subnet-", "subnet-0a1b2c3d4e5f60789", true).map(|_| ())
        }
        Check::JsonObject => match validate::json_value(value)? {
            serde_json::Value::Object(_) => Ok(()),
            _ => Err("Enter a JSON object, starting with {.".into()),
        },
        Check::AvailabilityZone => availability_zone(value, &ctx.region),
        Check::VolumeType if VOLUME_TYPES.contains(&value) => Ok(()),
        Check::VolumeType => Err(format!(
            "Volume types are {}, not {value:?}.",
            VOLUME_TYPES.join(", ")
        )),
        Check::VolumeSize => match value.parse::<u64>() {
            Ok(n) if n > 0 => Ok(()),
            _ => Err("Enter the size in GiB as a whole number greater than 0.".into()),
        },
        Check::TargetName => target_name(value),
        Check::GatewayArn => gateway_arn(value, &ctx.region),
    }
}

/// One of `region`'s zones: the Region's name then a letter (`us-east-1a`, `us-east-1-bos-1a`).
fn availability_zone(az: &str, region: &str) -> Result<(), String> {
    let ok = az.strip_prefix(region).is_some_and(|zone| {
        zone.ends_with(|c: char| c.is_ascii_lowercase())
            && zone
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    });
    if ok {
        return Ok(());
    }
    Err(format!(
        "The volume must be in one of {region}'s Availability Zones, like {region}a (not {az:?})."
    ))
}

/// Storage Gateway `TargetName`: 1 to 200 of `[-.;a-z0-9]`.
fn target_name(name: &str) -> Result<(), String> {
    let ok = name.len() <= 200
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-.;".contains(c));
    if ok {
        return Ok(());
    }
    Err("Target names use only lowercase letters, digits, periods (.) and hyphens (-), up to 200 characters.".into())
}

/// `arn:aws:storagegateway:<region>:<account>:gateway/sgw-…`, in the restore's Region.
fn gateway_arn(arn: &str, region: &str) -> Result<(), String> {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let shape_ok = parts.len() == 6
        && parts[0] == "arn"
        && parts[2] == "storagegateway"
        && parts[4].len() == 12
        && parts[5].starts_with("gateway/sgw-");
    if !shape_ok {
        return Err(format!(
            "Gateway ARNs look like arn:aws:storagegateway:{region}:123456789012:gateway/sgw-12A3456B."
        ));
    }
    if parts[3] != region {
        return Err(format!(
            "This gateway is in {}; a restore in {region} needs a gateway in {region}.",
            parts[3]
        ));
    }
    Ok(())
}

/// A settings field and its current text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct KeyedField {
    spec: &'static Spec,
    /// The metadata's spelling of the key, or the spec's when the metadata lacks it.
    key: String,
    value: String,
}

fn keyed_fields(ctx: &RestoreContext) -> Vec<KeyedField> {
    let md = &ctx.metadata;
    let field = |spec: &'static Spec| match find_key(md, spec.key) {
        Some(key) => Some(KeyedField {
            spec,
            key: key.to_string(),
            value: md[key].clone(),
        }),
        None if spec.if_present => None,
        None => Some(KeyedField {
            spec,
            key: spec.key.to_string(),
            value: String::new(),
        }),
    };
    specs(&ctx.recovery_point.resource_type)
        .iter()
        .filter_map(field)
        .collect()
}

fn keyed_items(fields: &[KeyedField], core: &WizardCore) -> Vec<Item> {
    let item = |f: &KeyedField| {
        let field = Field::text(f.spec.id, f.spec.label, &f.value, f.spec.placeholder);
        core.field(if f.spec.help.is_empty() {
            field
        } else {
            field.with_help(f.spec.help)
        })
    };
    fields.iter().map(item).collect()
}

fn keyed_check(fields: &[KeyedField], ctx: &RestoreContext) -> Vec<Problem> {
    let problem = |f: &KeyedField| match f.value.trim() {
        "" => Some((f.spec.id, f.spec.missing.to_string())),
        v => check_field(f.spec.check, v, ctx)
            .err()
            .map(|e| (f.spec.id, e)),
    };
    fields.iter().filter_map(problem).collect()
}

// EFS.

const EFS_TARGET: FieldId = "efs_target";
const EFS_SCOPE: FieldId = "efs_scope";
const EFS_ADD_PATH: FieldId = "efs_add_path";
const EFS_REMOVE_PATH: FieldId = "efs_remove_path";
const EFS_ENCRYPTION: FieldId = "efs_encryption";
const PATH_IDS: [FieldId; MAX_RESTORE_ITEMS] = [
    "efs_path1",
    "efs_path2",
    "efs_path3",
    "efs_path4",
    "efs_path5",
];
const EFS_SCOPES: [&str; 2] = ["Full restore", "Item-level restore"];
const EFS_ENCRYPTIONS: [&str; 3] = [
    "Encrypted with the AWS managed key (aws/elasticfilesystem)",
    "Encrypted with a customer-managed key",
    "Not encrypted",
];
const NEW_FS: usize = 0;
const ITEM_LEVEL: usize = 1;
const EFS_CUSTOMER_KEY: usize = 1;
const EFS_UNENCRYPTED: usize = 2;
/// Keys the EFS settings step owns (the file system ID is fixed: the source or a new one).
const EFS_KEYS: [&str; 5] = [
    "file-system-id",
    "newFileSystem",
    "ItemsToRestore",
    "Encrypted",
    "KmsKeyId",
];

/// EFS: where to restore, what, and (for a new file system) how to encrypt it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct EfsSettings {
    file_system_id: String,
    target: usize,
    scope: usize,
    /// Never empty: item-level restore starts with one empty path.
    paths: Vec<String>,
    encryption: usize,
    key: KeyChooser,
}

impl EfsSettings {
    fn new(ctx: &RestoreContext) -> EfsSettings {
        let md = &ctx.metadata;
        let file_system_id = meta_get(md, "file-system-id")
            .unwrap_or_else(|| arn_resource_id(&ctx.recovery_point.resource_arn))
            .to_string();
        let existing =
            meta_get(md, "newFileSystem").is_some_and(|v| v.eq_ignore_ascii_case("false"));
        let paths = meta_get(md, "ItemsToRestore")
            .and_then(|v| validate::json_string_array(v).ok())
            .filter(|p| (1..=MAX_RESTORE_ITEMS).contains(&p.len()));
        let kms_key = meta_get(md, "KmsKeyId").filter(|k| !k.is_empty());
        let encryption = match (kms_key, meta_get(md, "Encrypted")) {
            (Some(_), _) => EFS_CUSTOMER_KEY,
            (None, Some(e)) if e.eq_ignore_ascii_case("false") => EFS_UNENCRYPTED,
            _ => 0,
        };
        EfsSettings {
            file_system_id,
            target: usize::from(existing),
            scope: if paths.is_some() { ITEM_LEVEL } else { 0 },
            paths: paths.unwrap_or_else(|| vec![String::new()]),
            encryption,
            key: KeyChooser::new(ctx, kms_key),
        }
    }

    fn field_ids() -> Vec<FieldId> {
        let mut ids = vec![
            EFS_TARGET,
            EFS_SCOPE,
            EFS_ADD_PATH,
            EFS_REMOVE_PATH,
            EFS_ENCRYPTION,
        ];
        ids.extend(PATH_IDS);
        ids.extend(KeyChooser::FIELD_IDS);
        ids
    }

    fn items(&self, ctx: &RestoreContext, core: &WizardCore) -> Vec<Item> {
        let existing = format!("Existing file system ({})", self.file_system_id);
        let mut items = vec![core.field(Field::choice(
            EFS_TARGET,
            "Restore to",
            &["New file system", existing.as_str()],
            self.target,
        ))];
        if self.target != NEW_FS {
            items.push(Item::note(format!(
                "AWS Backup restores into a new directory, aws-backup-restore_<timestamp>, at the root of {}: \
                 nothing there is overwritten.",
                self.file_system_id
            )));
        }
        items.push(core.field(Field::choice(
            EFS_SCOPE,
            "Restore type",
            &EFS_SCOPES,
            self.scope,
        )));
        if self.scope == ITEM_LEVEL {
            items.extend(self.path_items(core));
        }
        if self.target == NEW_FS {
            items.push(core.field(Field::choice(
                EFS_ENCRYPTION,
                "Encryption",
                &EFS_ENCRYPTIONS,
                self.encryption,
            )));
            if self.encryption == EFS_CUSTOMER_KEY {
                items.extend(self.key.items(ctx, core));
            }
        }
        items
    }

    fn path_items(&self, core: &WizardCore) -> Vec<Item> {
        let mut items = vec![Item::note(
            "Paths start at the file system root and are case-sensitive; wildcards are not allowed.",
        )];
        for (i, path) in self.paths.iter().enumerate() {
            let field = Field::text(
                PATH_IDS[i],
                format!("Item {} path", i + 1),
                path,
                "/home/alice/report.txt",
            );
            items.push(core.field(field));
        }
        if self.paths.len() < MAX_RESTORE_ITEMS {
            let count = format!("{} of {MAX_RESTORE_ITEMS} items", self.paths.len());
            items.push(core.field(Field::action(EFS_ADD_PATH, "Add path").with_help(count)));
        }
        if self.paths.len() > 1 {
            items.push(core.field(Field::action(EFS_REMOVE_PATH, "Remove last path")));
        }
        items
    }

    fn input(&mut self, ctx: &RestoreContext, id: FieldId, input: &Input) -> Option<String> {
        match id {
            EFS_TARGET => set_choice(&mut self.target, 2, input),
            EFS_SCOPE => set_choice(&mut self.scope, EFS_SCOPES.len(), input),
            EFS_ENCRYPTION => set_choice(&mut self.encryption, EFS_ENCRYPTIONS.len(), input),
            EFS_ADD_PATH if self.paths.len() < MAX_RESTORE_ITEMS => self.paths.push(String::new()),
            EFS_REMOVE_PATH if self.paths.len() > 1 => {
                self.paths.pop();
            }
            _ => match PATH_IDS
                .iter()
                .position(|p| *p == id)
                .and_then(|i| self.paths.get_mut(i))
            {
                Some(path) => set_text(path, input),
                None => return self.key.input(ctx, id, input),
            },
        }
        None
    }

    fn trimmed_paths(&self) -> Vec<String> {
        self.paths.iter().map(|p| p.trim().to_string()).collect()
    }

    fn check(&self, ctx: &RestoreContext) -> Vec<Problem> {
        let mut problems = Vec::new();
        if self.scope == ITEM_LEVEL {
            let paths = self.trimmed_paths();
            for (i, path) in paths.iter().enumerate() {
                if let Err(e) = validate::efs_item_path(path) {
                    problems.push((PATH_IDS[i], e));
                }
            }
            // Whole-list rules (repeats) once every path is fine on its own.
            if problems.is_empty()
                && let Err(e) = validate::efs_items(&paths)
            {
                problems.push((PATH_IDS[0], e));
            }
        }
        if self.target == NEW_FS && self.encryption == EFS_CUSTOMER_KEY {
            problems.extend(self.key.check(ctx));
        }
        problems
    }

    fn apply(&self, md: &mut BTreeMap<String, String>) {
        set_meta(
            md,
            "newFileSystem",
            if self.target == NEW_FS {
                "true"
            } else {
                "false"
            },
        );
        if self.scope == ITEM_LEVEL {
            // The API takes the list as a JSON-encoded string.
            set_meta(
                md,
                "ItemsToRestore",
                serde_json::Value::from(self.trimmed_paths()).to_string(),
            );
        } else {
            remove_meta(md, "ItemsToRestore");
        }
        // An existing file system keeps its own encryption: nothing to set.
        if self.target != NEW_FS {
            return;
        }
        // KmsKeyId requires Encrypted = true, so both are set together.
        match self.encryption {
            EFS_CUSTOMER_KEY => {
                set_meta(md, "Encrypted", "true");
                set_meta(md, "KmsKeyId", self.key.arn());
            }
            EFS_UNENCRYPTED => {
                set_meta(md, "Encrypted", "false");
                remove_meta(md, "KmsKeyId");
            }
            _ => {
                set_meta(md, "Encrypted", "true");
                remove_meta(md, "KmsKeyId");
            }
        }
    }

    fn summary(&self) -> Vec<(String, String)> {
        let target = match self.target {
            NEW_FS => "new file system".to_string(),
            _ => format!("{} (into a new directory)", self.file_system_id),
        };
        let items = match self.scope {
            ITEM_LEVEL => self.trimmed_paths().join(", "),
            _ => "entire file system".to_string(),
        };
        let mut lines = vec![
            ("Restore to".to_string(), target),
            ("Items".to_string(), items),
        ];
        if self.target == NEW_FS {
            let encryption = match self.encryption {
                EFS_CUSTOMER_KEY => format!("encrypted with {}", self.key.label()),
                EFS_UNENCRYPTED => "not encrypted".to_string(),
                _ => "encrypted with aws/elasticfilesystem".to_string(),
            };
            lines.push(("Encryption".to_string(), encryption));
        }
        lines
    }
}

/// The settings step of the generic wizard.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Settings {
    Efs(Box<EfsSettings>),
    Keyed(Vec<KeyedField>),
}

impl Settings {
    /// The metadata keys the step owns (the editor leaves them out).
    fn keys(&self) -> Vec<&'static str> {
        match self {
            Settings::Efs(_) => EFS_KEYS.to_vec(),
            Settings::Keyed(fields) => fields.iter().map(|f| f.spec.key).collect(),
        }
    }

    fn field_ids(&self) -> Vec<FieldId> {
        match self {
            Settings::Efs(_) => EfsSettings::field_ids(),
            Settings::Keyed(fields) => fields.iter().map(|f| f.spec.id).collect(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The generic wizard.

const STEPS: [&str; 4] = ["Settings", "Metadata", "Role", "Review"];
const SETTINGS: usize = 0;
const METADATA: usize = 1;
const ROLE: usize = 2;

/// Restores EBS, EFS, RDS, Aurora, FSx and Storage Gateway recovery points: the type's
/// important settings, then every other metadata key, then the role.
#[derive(Debug, Clone, PartialEq)]
pub struct GenericWizard {
    ctx: RestoreContext,
    core: WizardCore,
    settings: Settings,
    editor: MetadataEditor,
    role: RoleChooser,
}

impl GenericWizard {
    pub fn new(ctx: RestoreContext) -> GenericWizard {
        let settings = match ctx.recovery_point.resource_type {
            ResourceType::Efs => Settings::Efs(Box::new(EfsSettings::new(&ctx))),
            _ => Settings::Keyed(keyed_fields(&ctx)),
        };
        let editor = MetadataEditor::new(&ctx.metadata, &settings.keys(), &[]);
        GenericWizard {
            core: WizardCore::new(&STEPS),
            settings,
            editor,
            role: RoleChooser::new(RESTORE_ROLE, &ctx.account_id),
            ctx,
        }
    }

    /// `EBS volume`, `RDS database`, …
    fn noun(&self) -> String {
        let noun = match &self.ctx.recovery_point.resource_type {
            ResourceType::Ebs => "EBS volume",
            ResourceType::Efs => "EFS file system",
            ResourceType::Rds => "RDS database",
            ResourceType::Aurora => "Aurora cluster",
            ResourceType::FSx => "FSx file system",
            ResourceType::StorageGateway => "Storage Gateway volume",
            other => return format!("{other} resource"),
        };
        noun.to_string()
    }

    fn settings_items(&self) -> Vec<Item> {
        let mut items = vec![region_note(&self.ctx)];
        items.extend(settings_note(&self.ctx.recovery_point.resource_type).map(Item::note));
        match &self.settings {
            Settings::Efs(efs) => items.extend(efs.items(&self.ctx, &self.core)),
            Settings::Keyed(fields) if fields.is_empty() => items.push(Item::note(
                "This resource type has no settings of its own: edit its metadata next.",
            )),
            Settings::Keyed(fields) => items.extend(keyed_items(fields, &self.core)),
        }
        items
    }

    fn step_ids(&self, step: usize) -> Vec<FieldId> {
        match step {
            SETTINGS => self.settings.field_ids(),
            METADATA => self.editor.field_ids(),
            ROLE => RoleChooser::FIELD_IDS.to_vec(),
            _ => Vec::new(),
        }
    }

    fn check(&self, step: usize) -> Vec<Problem> {
        match (step, &self.settings) {
            (SETTINGS, Settings::Efs(efs)) => efs.check(&self.ctx),
            (SETTINGS, Settings::Keyed(fields)) => keyed_check(fields, &self.ctx),
            (METADATA, _) => self.editor.check(),
            (ROLE, _) => self.role.check(),
            _ => Vec::new(),
        }
    }

    fn metadata(&self) -> BTreeMap<String, String> {
        let mut md = self.ctx.metadata.clone();
        self.editor.apply(&mut md);
        match &self.settings {
            Settings::Efs(efs) => efs.apply(&mut md),
            Settings::Keyed(fields) => {
                for f in fields {
                    md.insert(f.key.clone(), f.value.trim().to_string());
                }
            }
        }
        md
    }
}

impl Form for GenericWizard {
    fn title(&self) -> String {
        format!(
            "Restore {} {}",
            self.noun(),
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
            SETTINGS => self.settings_items(),
            METADATA => self.editor.items(&self.core),
            ROLE => self.role.items(&self.ctx.roles, &self.core),
            _ => review_items(&self.request()),
        }
    }

    fn input(&mut self, id: FieldId, input: Input) {
        if !self.core.begin_input(&self.items(), id) {
            return;
        }
        let refusal = match self.core.step() {
            SETTINGS => match &mut self.settings {
                Settings::Efs(efs) => efs.input(&self.ctx, id, &input),
                Settings::Keyed(fields) => {
                    if let Some(f) = fields.iter_mut().find(|f| f.spec.id == id) {
                        set_text(&mut f.value, &input);
                    }
                    None
                }
            },
            METADATA => {
                self.editor.input(id, &input);
                None
            }
            _ => {
                self.role.input(&self.ctx.roles, id, &input);
                None
            }
        };
        self.core.refuse(id, refusal);
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
        let mut lines = vec![("Region".to_string(), self.ctx.region.clone())];
        match &self.settings {
            Settings::Efs(efs) => lines.extend(efs.summary()),
            Settings::Keyed(fields) => lines.extend(
                fields
                    .iter()
                    .map(|f| (f.spec.label.to_string(), f.value.trim().to_string())),
            ),
        }
        lines.push(("Other metadata".into(), self.editor.summary()));
        lines.push(("Role".into(), self.role.summary(&self.ctx.roles)));
        lines
    }

    fn is_dirty(&self) -> bool {
        self.core.is_dirty()
    }
}

impl RestoreWizard for GenericWizard {
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
pub(crate) mod tests;
