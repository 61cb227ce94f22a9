//! Tests of the shared wizard parts and the generic wizard (EBS, EFS, RDS, Aurora, FSx, Storage Gateway).

use super::*;
use crate::domain::restore::{IamRole, KmsKey};
use crate::domain::{BackupKind, Lifecycle, RecoveryPoint, RecoveryPointStatus, StorageClass};
use crate::wizard::form::Control;
use crate::wizard::metadata_editor::{META_IDS, is_list_key};
use crate::wizard::parts::{KMS_PICK, ROLE_ARN, ROLE_CHOICE, ROLE_PICK};
use time::macros::datetime;

pub(crate) const ACCOUNT: &str = "123456789012";
pub(crate) const REGION: &str = "us-east-1";
pub(crate) const CUSTOMER_KEY: &str =
    "arn:aws:kms:us-east-1:123456789012:key/7c3d2e1f-5a6b-4c8d-9e0f-1a2b3c4d5e6f";
pub(crate) const WEST_KEY: &str =
    "arn:aws:kms:us-west-2:123456789012:key/9d8c7b6a-5a6b-4c8d-9e0f-1a2b3c4d5e6f";
pub(crate) const DEFAULT_ROLE: &str =
    "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole";

pub(crate) fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// A context in us-east-1 of account 123456789012, like the demo's, with `metadata` as given.
pub(crate) fn context(
    resource_type: ResourceType,
    name: &str,
    arn: &str,
    resource_arn: &str,
    metadata: BTreeMap<String, String>,
) -> RestoreContext {
    let vault_arn = format!("arn:aws:backup:{REGION}:{ACCOUNT}:backup-vault:Default");
    let recovery_point = RecoveryPoint {
        arn: arn.into(),
        resource_arn: resource_arn.into(),
        resource_name: name.into(),
        resource_type,
        vault_name: "Default".into(),
        vault_arn: vault_arn.into(),
        source_vault_arn: None,
        status: RecoveryPointStatus::Completed,
        status_message: None,
        kind: BackupKind::Snapshot,
        created: datetime!(2026-11-20 03:00 UTC),
        completed: Some(datetime!(2026-11-20 03:20 UTC)),
        size_bytes: Some(5 << 30),
        storage_class: StorageClass::Warm,
        encrypted: true,
        encryption_key_arn: None,
        iam_role_arn: DEFAULT_ROLE.into(),
        created_by: Some(crate::domain::PlanRef::named("daily").into()),
        lifecycle: Lifecycle::default(),
        last_restore: None,
    };
    let key = |arn: &str, alias: &str, aws_managed| KmsKey {
        arn: arn.into(),
        alias: Some(alias.into()),
        aws_managed,
    };
    RestoreContext {
        region: REGION.into(),
        account_id: ACCOUNT.into(),
        recovery_point,
        metadata,
        buckets: Vec::new(),
        kms_keys: vec![
            key(
                "arn:aws:kms:us-east-1:123456789012:key/0b2f9c4d-aws-ddb",
                "alias/aws/dynamodb",
                true,
            ),
            key(CUSTOMER_KEY, "alias/restore-data", false),
            key(WEST_KEY, "alias/west-data", false),
        ],
        roles: vec![
            IamRole {
                name: "AWSBackupDefaultServiceRole".into(),
                arn: DEFAULT_ROLE.into(),
            },
            IamRole {
                name: "BackupRestoreOperator".into(),
                arn: "arn:aws:iam::123456789012:role/BackupRestoreOperator".into(),
            },
        ],
        tables: vec!["orders".into(), "sessions".into()],
        idempotency_token: "tok-123".into(),
        now: datetime!(2026-11-22 08:00 UTC),
    }
}

pub(crate) fn text(w: &mut dyn RestoreWizard, id: FieldId, value: &str) {
    w.input(id, Input::Text(value.into()));
}

pub(crate) fn choose(w: &mut dyn RestoreWizard, id: FieldId, i: usize) {
    w.input(id, Input::Choose(i));
}

/// The error shown under field `id` of the current step.
pub(crate) fn error(w: &dyn RestoreWizard, id: FieldId) -> Option<String> {
    w.items()
        .iter()
        .filter_map(Item::field)
        .find(|f| f.id == id)
        .and_then(|f| f.error.clone())
}

/// Presses next, expecting the step to fail with `message` on field `id`.
pub(crate) fn fails(w: &mut dyn RestoreWizard, id: FieldId, message: &str) {
    assert!(!w.next(), "next should fail on {id}");
    assert_eq!(error(w, id).as_deref(), Some(message));
}

/// Presses next until the review step, each step expected to pass.
pub(crate) fn to_review(w: &mut dyn RestoreWizard) {
    while w.step() + 1 < w.steps().len() {
        let step = w.steps()[w.step()];
        assert!(w.next(), "step {step} failed: {:?}", w.items());
    }
}

pub(crate) fn notes(w: &dyn RestoreWizard) -> Vec<String> {
    let note = |i: &Item| match i {
        Item::Note { text, .. } => Some(text.clone()),
        _ => None,
    };
    w.items().iter().filter_map(note).collect()
}

pub(crate) fn metadata(w: &dyn RestoreWizard) -> BTreeMap<String, String> {
    w.request().expect("a valid request").metadata
}

fn text_value(w: &dyn RestoreWizard, id: FieldId) -> String {
    let field = w
        .items()
        .into_iter()
        .filter_map(|i| i.field().cloned())
        .find(|f| f.id == id);
    match field.map(|f| f.control) {
        Some(Control::Text { value, .. }) => value,
        other => panic!("{id} is not a text field: {other:?}"),
    }
}

// Metadata as metadata.rs returns it for the demo recovery points.

fn efs() -> GenericWizard {
    let md = map(&[
        ("file-system-id", "fs-0a1b2c3d"),
        ("Encrypted", "true"),
        ("PerformanceMode", "generalPurpose"),
        ("newFileSystem", "true"),
        ("CreationToken", "shared-home-restore"),
    ]);
    let arn = "arn:aws:backup:us-east-1:123456789012:recovery-point:efs-1";
    let fs = "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-0a1b2c3d";
    GenericWizard::new(context(ResourceType::Efs, "shared-home", arn, fs, md))
}

fn rds_metadata() -> BTreeMap<String, String> {
    map(&[
        ("DBInstanceIdentifier", "billing-db"),
        ("DBInstanceClass", "db.r6g.large"),
        ("Engine", "postgres"),
        ("EngineVersion", "16.4"),
        ("DBSubnetGroupName", "prod-db-subnets"),
        ("VpcSecurityGroupIds", r#"["sg-0db5a1c2d3e4f5a6b"]"#),
        ("AvailabilityZones", r#"["us-east-1a","us-east-1b"]"#),
        ("MultiAZ", "false"),
        ("PubliclyAccessible", "false"),
        ("Port", "5432"),
        ("StorageType", "gp3"),
    ])
}

fn rds() -> GenericWizard {
    let arn = "arn:aws:rds:us-east-1:123456789012:snapshot:awsbackup:job-1";
    let db = "arn:aws:rds:us-east-1:123456789012:db:billing-db";
    GenericWizard::new(context(
        ResourceType::Rds,
        "billing-db",
        arn,
        db,
        rds_metadata(),
    ))
}

fn aurora() -> GenericWizard {
    let md = map(&[
        ("DBClusterIdentifier", "analytics"),
        ("Engine", "aurora-mysql"),
        ("EngineVersion", "8.0.mysql_aurora.3.08.0"),
        ("DBSubnetGroupName", "analytics-subnets"),
        ("VpcSecurityGroupIds", r#"["sg-0a7e3f2b1c9d8e7f6"]"#),
        (
            "AvailabilityZones",
            r#"["us-east-1a","us-east-1b","us-east-1c"]"#,
        ),
        ("Port", "3306"),
    ]);
    let arn = "arn:aws:rds:us-east-1:123456789012:cluster-snapshot:awsbackup:job-2";
    let cluster = "arn:aws:rds:us-east-1:123456789012:cluster:analytics";
    GenericWizard::new(context(ResourceType::Aurora, "analytics", arn, cluster, md))
}

fn fsx_windows_metadata() -> BTreeMap<String, String> {
    map(&[
        (
            "SubnetIds",
            r#"["subnet-0a1b2c3d4e5f60789","subnet-0b2c3d4e5f6071890"]"#,
        ),
        ("SecurityGroupIds", r#"["sg-0e4d3c2b1a0f9e8d7"]"#),
        (
            "WindowsConfiguration",
            r#"{"ThroughputCapacity":32,"ActiveDirectoryId":"d-9067abcd12","PreferredSubnetId":"subnet-0a1b2c3d4e5f60789"}"#,
        ),
        ("StorageCapacity", "300"),
    ])
}

fn fsx(name: &str, md: BTreeMap<String, String>) -> GenericWizard {
    let arn = "arn:aws:fsx:us-east-1:123456789012:backup/backup-0a1b2c3d4e5f60789";
    let fs = "arn:aws:fsx:us-east-1:123456789012:file-system/fs-0123456789abcdef0";
    GenericWizard::new(context(ResourceType::FSx, name, arn, fs, md))
}

fn fsx_lustre() -> GenericWizard {
    let md = map(&[
        ("SubnetIds", r#"["subnet-0c3d4e5f6a7b8c9d0"]"#),
        ("SecurityGroupIds", r#"["sg-0f5e4d3c2b1a09876"]"#),
        (
            "LustreConfiguration",
            r#"{"DeploymentType":"PERSISTENT_2","PerUnitStorageThroughput":125}"#,
        ),
        ("StorageCapacity", "1200"),
    ]);
    fsx("fsx-lustre-scratch", md)
}

fn ebs_metadata() -> BTreeMap<String, String> {
    map(&[
        ("availabilityZone", "us-east-1a"),
        ("volumeType", "gp3"),
        ("volumeSize", "500"),
        ("iops", "3000"),
        ("throughput", "125"),
        ("encrypted", "true"),
    ])
}

fn ebs() -> GenericWizard {
    let arn = "arn:aws:ec2:us-east-1::snapshot/snap-0a1b2c3d4e5f60789";
    let vol = "arn:aws:ec2:us-east-1:123456789012:volume/vol-0c9d8e7f6a5b41230";
    GenericWizard::new(context(
        ResourceType::Ebs,
        "vol-data-01",
        arn,
        vol,
        ebs_metadata(),
    ))
}

fn gateway() -> GenericWizard {
    let md = map(&[
        ("TargetName", "gw-volume-01-restored"),
        ("NetworkInterfaceId", "10.0.1.25"),
        (
            "GatewayARN",
            "arn:aws:storagegateway:us-east-1:123456789012:gateway/sgw-12A3456B",
        ),
        ("VolumeSizeInBytes", "5368709120"),
    ]);
    let arn = "arn:aws:ec2:us-east-1::snapshot/snap-0fedcba9876543210";
    let vol =
        "arn:aws:storagegateway:us-east-1:123456789012:gateway/sgw-12A3456B/volume/vol-1122AABB";
    GenericWizard::new(context(
        ResourceType::StorageGateway,
        "gw-volume-01",
        arn,
        vol,
        md,
    ))
}

// The factory and titles.

#[test]
fn the_factory_opens_the_wizard_of_each_type() {
    let md = BTreeMap::new;
    let open = |t: ResourceType, name: &str| {
        for_non_s3(context(
            t,
            name,
            "arn:aws:backup:us-east-1:123456789012:recovery-point:x",
            "arn",
            md(),
        ))
    };
    let ddb = open(ResourceType::DynamoDB, "orders");
    assert_eq!(ddb.title(), "Restore DynamoDB table orders");
    assert_eq!(ddb.steps(), ["Settings", "Encryption", "Role", "Review"]);
    let ec2 = open(ResourceType::Ec2, "web-server-1");
    assert_eq!(ec2.title(), "Restore EC2 instance web-server-1");
    assert_eq!(
        ec2.steps(),
        ["Instance", "Network", "Advanced", "Role", "Review"]
    );
    let titles = [
        (ResourceType::Ebs, "Restore EBS volume n"),
        (ResourceType::Efs, "Restore EFS file system n"),
        (ResourceType::Rds, "Restore RDS database n"),
        (ResourceType::Aurora, "Restore Aurora cluster n"),
        (ResourceType::FSx, "Restore FSx file system n"),
        (
            ResourceType::StorageGateway,
            "Restore Storage Gateway volume n",
        ),
    ];
    for (t, title) in titles {
        let w = open(t, "n");
        assert_eq!(w.title(), title);
        assert_eq!(w.steps(), ["Settings", "Metadata", "Role", "Review"]);
        assert_eq!(w.typed_confirmation(), None);
    }
}

#[test]
fn the_first_step_says_where_the_restore_runs() {
    let w = rds();
    assert!(
        notes(&w)[0].starts_with("This restore runs in us-east-1, the recovery point's Region")
    );
}

// Shared wizard behaviour.

#[test]
fn an_unchanged_wizard_sends_the_backed_up_metadata_with_the_default_role() {
    let mut w = rds();
    assert!(!w.is_dirty());
    to_review(&mut w);
    assert_eq!(
        w.items(),
        Vec::new(),
        "the review has no fields and nothing blocks"
    );
    let request = w.request().expect("valid");
    assert_eq!(request.region, "us-east-1");
    assert_eq!(
        request.recovery_point_arn,
        "arn:aws:rds:us-east-1:123456789012:snapshot:awsbackup:job-1"
    );
    assert_eq!(request.resource_type, ResourceType::Rds);
    assert_eq!(request.iam_role_arn.as_deref(), Some(DEFAULT_ROLE));
    assert_eq!(request.idempotency_token, "tok-123");
    assert_eq!(request.metadata, rds_metadata());
    assert!(!w.next(), "review is the last step");
}

#[test]
fn errors_stay_until_their_field_changes_and_back_keeps_the_draft() {
    let mut w = rds();
    text(&mut w, "db_instance_identifier", "1db");
    assert!(w.is_dirty());
    fails(
        &mut w,
        "db_instance_identifier",
        "DB identifiers must start with a letter.",
    );
    text(&mut w, "db_instance_identifier", "db-1");
    assert_eq!(error(&w, "db_instance_identifier"), None);
    assert!(w.next());
    assert!(w.back());
    assert_eq!(text_value(&w, "db_instance_identifier"), "db-1");
    assert!(!w.back(), "no step before the first");
}

#[test]
fn fields_of_other_steps_cannot_change() {
    let mut w = rds();
    text(&mut w, ROLE_ARN, "arn:aws:iam::123456789012:role/x");
    choose(&mut w, ROLE_CHOICE, 2);
    to_review(&mut w);
    assert_eq!(
        w.request().expect("valid").iam_role_arn.as_deref(),
        Some(DEFAULT_ROLE)
    );
}

#[test]
fn request_reports_the_first_invalid_step() {
    let mut w = rds();
    text(&mut w, "db_instance_identifier", "");
    assert_eq!(
        w.request(),
        Err("Settings: Enter a DB instance identifier.".into())
    );
}

// The role step.

#[test]
fn a_chosen_role_is_sent() {
    let mut w = rds();
    assert!(w.next() && w.next());
    choose(&mut w, ROLE_CHOICE, 1);
    fails(&mut w, ROLE_PICK, "Choose an IAM role.");
    let role = w.summary().pop();
    assert_eq!(role, Some(("Role".into(), "(not chosen)".into())));
    assert_eq!(w.request(), Err("Role: Choose an IAM role.".into()));
    choose(&mut w, ROLE_PICK, 1);
    assert!(w.next());
    let role = w.request().expect("valid").iam_role_arn;
    assert_eq!(
        role.as_deref(),
        Some("arn:aws:iam::123456789012:role/BackupRestoreOperator")
    );
}

#[test]
fn a_typed_role_is_checked() {
    let mut w = rds();
    assert!(w.next() && w.next());
    choose(&mut w, ROLE_CHOICE, 2);
    text(&mut w, ROLE_ARN, "arn:aws:s3:::bucket");
    fails(
        &mut w,
        ROLE_ARN,
        "This is not an IAM role ARN (its service is \"s3\", not iam).",
    );
    text(
        &mut w,
        ROLE_ARN,
        "arn:aws:iam::123456789012:role/ops/restorer",
    );
    assert!(w.next());
    let role = w.request().expect("valid").iam_role_arn;
    assert_eq!(
        role.as_deref(),
        Some("arn:aws:iam::123456789012:role/ops/restorer")
    );
}

// The metadata editor.

#[test]
fn list_keys_are_recognised_by_name() {
    for key in [
        "SubnetIds",
        "vpcSecurityGroupIds",
        "AvailabilityZones",
        "securityGroupIds",
        "subnetids",
    ] {
        assert!(is_list_key(key), "{key}");
    }
    for key in [
        "availabilityZone",
        "SubnetId",
        "NetworkInterfaceId",
        "file-system-id",
        "Port",
    ] {
        assert!(!is_list_key(key), "{key}");
    }
}

#[test]
fn invalid_json_is_rejected_with_the_parsers_position() {
    let mut w = fsx_lustre();
    assert!(w.next());
    // Rows in key order: LustreConfiguration, SecurityGroupIds, StorageCapacity.
    text(&mut w, "meta0", r#"{"DeploymentType":"PERSISTENT_2",}"#);
    fails(
        &mut w,
        "meta0",
        "Not valid JSON at line 1, column 34: trailing comma.",
    );
}

#[test]
fn list_keys_must_be_json_string_arrays() {
    let mut w = rds();
    assert!(w.next());
    // Rows in key order: AvailabilityZones, DBInstanceClass, DBSubnetGroupName, Engine, …
    text(&mut w, "meta0", "us-east-1a");
    fails(
        &mut w,
        "meta0",
        r#"Enter a JSON array of strings, as in ["sg-012d52c68c6e88f00"]."#,
    );
    text(&mut w, "meta0", r#"["us-east-1a", 2]"#);
    fails(
        &mut w,
        "meta0",
        r#"Element 2 is a number, not a string; quote it, as in ["sg-012d52c68c6e88f00"]."#,
    );
}

#[test]
fn edited_and_emptied_rows_change_the_metadata() {
    let mut w = rds();
    assert!(w.next());
    let labels: Vec<String> = w
        .items()
        .iter()
        .filter_map(Item::field)
        .map(|f| f.label.clone())
        .collect();
    assert_eq!(
        labels[..3],
        ["AvailabilityZones", "DBInstanceClass", "DBSubnetGroupName"]
    );
    assert!(
        !labels.contains(&"DBInstanceIdentifier".to_string()),
        "shown in Settings"
    );
    text(&mut w, "meta1", "db.r6g.xlarge");
    text(&mut w, "meta2", " ");
    to_review(&mut w);
    let mut expected = rds_metadata();
    expected.insert("DBInstanceClass".into(), "db.r6g.xlarge".into());
    expected.remove("DBSubnetGroupName");
    assert_eq!(metadata(&w), expected);
    let other = w
        .summary()
        .into_iter()
        .find(|(what, _)| what == "Other metadata");
    assert_eq!(
        other.map(|(_, v)| v).as_deref(),
        Some("1 changed, 1 left out")
    );
}

#[test]
fn keys_beyond_the_editor_rows_are_sent_unchanged() {
    let md: BTreeMap<String, String> = (0..25)
        .map(|i| (format!("Key{i:02}"), format!("v{i}")))
        .collect();
    let editor = MetadataEditor::new(&md, &[], &[]);
    assert_eq!(editor.field_ids(), META_IDS.to_vec());
    let core = WizardCore::new(&STEPS);
    let note = Item::note("Also sent unchanged: Key20, Key21, Key22, Key23, Key24.");
    assert!(editor.items(&core).contains(&note));
    let mut sent = md.clone();
    editor.apply(&mut sent);
    assert_eq!(sent, md);
}

#[test]
fn keys_are_matched_ignoring_case() {
    let mut md = map(&[("TargetTableName", "a")]);
    set_meta(&mut md, "targetTableName", "b");
    assert_eq!(md, map(&[("TargetTableName", "b")]));
    remove_meta(&mut md, "TARGETTABLENAME");
    assert!(md.is_empty());
}

// EFS.

#[test]
fn efs_item_level_restore_of_two_paths() {
    let mut w = efs();
    choose(&mut w, EFS_SCOPE, 1);
    text(&mut w, "efs_path1", "/home/alice/report.txt");
    w.input(EFS_ADD_PATH, Input::Activate);
    text(&mut w, "efs_path2", "/srv/shared/");
    to_review(&mut w);
    let expected = map(&[
        ("file-system-id", "fs-0a1b2c3d"),
        ("Encrypted", "true"),
        ("PerformanceMode", "generalPurpose"),
        ("newFileSystem", "true"),
        ("CreationToken", "shared-home-restore"),
        (
            "ItemsToRestore",
            r#"["/home/alice/report.txt","/srv/shared/"]"#,
        ),
    ]);
    assert_eq!(metadata(&w), expected);
}

#[test]
fn efs_paths_are_checked() {
    let mut w = efs();
    choose(&mut w, EFS_SCOPE, 1);
    text(&mut w, "efs_path1", "home/alice");
    fails(
        &mut w,
        "efs_path1",
        "EFS paths start with / (the file system root), as in /home/alice/report.txt.",
    );
    text(&mut w, "efs_path1", "/home/*.txt");
    fails(
        &mut w,
        "efs_path1",
        "Wildcards (* and ?) are not allowed; name each file or directory exactly.",
    );
    text(&mut w, "efs_path1", "/home/alice");
    w.input(EFS_ADD_PATH, Input::Activate);
    text(&mut w, "efs_path2", "/home/alice/");
    fails(&mut w, "efs_path1", "Item 2 repeats item 1.");
    w.input(EFS_REMOVE_PATH, Input::Activate);
    assert!(w.next());
}

#[test]
fn efs_takes_at_most_five_paths() {
    let mut w = efs();
    choose(&mut w, EFS_SCOPE, 1);
    for _ in 0..10 {
        w.input(EFS_ADD_PATH, Input::Activate);
    }
    let paths = w
        .items()
        .iter()
        .filter_map(Item::field)
        .filter(|f| f.id.starts_with("efs_path"))
        .count();
    assert_eq!(paths, MAX_RESTORE_ITEMS);
    assert!(
        !w.items()
            .iter()
            .filter_map(Item::field)
            .any(|f| f.id == EFS_ADD_PATH)
    );
}

#[test]
fn efs_customer_key_sets_encrypted_true() {
    let mut w = efs();
    choose(&mut w, EFS_ENCRYPTION, 1);
    fails(&mut w, KMS_PICK, "Choose a KMS key.");
    // The us-west-2 key cannot encrypt a file system restored in us-east-1.
    choose(&mut w, KMS_PICK, 1);
    assert_eq!(
        error(&w, KMS_PICK).as_deref(),
        Some("This key is in us-west-2; a restore in us-east-1 needs a key in us-east-1.")
    );
    choose(&mut w, KMS_PICK, 0);
    to_review(&mut w);
    let md = metadata(&w);
    assert_eq!(md["KmsKeyId"], CUSTOMER_KEY);
    assert_eq!(md["Encrypted"], "true");
}

#[test]
fn efs_unencrypted_and_existing_file_system() {
    let mut w = efs();
    choose(&mut w, EFS_ENCRYPTION, 2);
    to_review(&mut w);
    assert_eq!(metadata(&w)["Encrypted"], "false");
    while w.back() {}
    choose(&mut w, EFS_TARGET, 1);
    assert!(
        notes(&w)
            .iter()
            .any(|n| n.contains("aws-backup-restore_<timestamp>"))
    );
    assert!(
        !w.items()
            .iter()
            .filter_map(Item::field)
            .any(|f| f.id == EFS_ENCRYPTION)
    );
    let md = metadata(&w);
    assert_eq!(md["newFileSystem"], "false");
    assert_eq!(
        md["Encrypted"], "true",
        "an existing file system keeps its encryption"
    );
}

// RDS and Aurora.

#[test]
fn rds_identifier_is_sent_as_typed() {
    let mut w = rds();
    let help = w
        .items()
        .iter()
        .filter_map(Item::field)
        .find_map(|f| f.help.clone());
    assert!(help.is_some_and(|h| h.starts_with("RDS stores it in lowercase.")));
    text(&mut w, "db_instance_identifier", "Billing-DB-Restored");
    to_review(&mut w);
    let mut expected = rds_metadata();
    expected.insert("DBInstanceIdentifier".into(), "Billing-DB-Restored".into());
    assert_eq!(metadata(&w), expected);
}

#[test]
fn rds_identifier_rules() {
    let mut w = rds();
    let cases = [
        ("", "Enter a DB instance identifier."),
        (
            "db_1",
            "DB identifiers use only letters, digits and hyphens, not '_'.",
        ),
        ("db-", "DB identifiers must not end with a hyphen."),
        (
            "db--1",
            "DB identifiers must not contain two hyphens in a row.",
        ),
    ];
    for (value, message) in cases {
        text(&mut w, "db_instance_identifier", value);
        fails(&mut w, "db_instance_identifier", message);
    }
}

#[test]
fn aurora_cluster_identifier() {
    let mut w = aurora();
    text(&mut w, "db_cluster_identifier", "9lives");
    fails(
        &mut w,
        "db_cluster_identifier",
        "DB identifiers must start with a letter.",
    );
    text(&mut w, "db_cluster_identifier", "analytics-restored");
    to_review(&mut w);
    assert_eq!(metadata(&w)["DBClusterIdentifier"], "analytics-restored");
}

// FSx.

#[test]
fn fsx_subnets_must_be_a_json_array_of_subnet_ids() {
    let mut w = fsx("fsx-windows-share", fsx_windows_metadata());
    let cases = [
        (
            "",
            r#"Enter the subnets as a JSON array, as in ["subnet-0a1b2c3d4e5f60789"]."#,
        ),
        (
            "subnet-0a1b2c3d4e5f60789",
            r#"Enter a JSON array of strings, as in ["sg-012d52c68c6e88f00"]."#,
        ),
        (
            "[]",
            r#"Enter at least one ID, as in ["subnet-0a1b2c3d4e5f60789"]."#,
        ),
        (
            r#"["subnet-xyz"]"#,
            r#"Element 1 ("subnet-xyz") is not an ID like subnet-0a1b2c3d4e5f60789."#,
        ),
    ];
    for (value, message) in cases {
        text(&mut w, "subnet_ids", value);
        fails(&mut w, "subnet_ids", message);
    }
    text(&mut w, "subnet_ids", r#"["subnet-0b2c3d4e5f6071890"]"#);
    to_review(&mut w);
    let mut expected = fsx_windows_metadata();
    expected.insert("SubnetIds".into(), r#"["subnet-0b2c3d4e5f6071890"]"#.into());
    assert_eq!(metadata(&w), expected);
}

#[test]
fn fsx_windows_configuration_must_stay_valid_json() {
    let mut w = fsx("fsx-windows-share", fsx_windows_metadata());
    text(
        &mut w,
        "windows_configuration",
        r#"{"ThroughputCapacity":32"#,
    );
    fails(
        &mut w,
        "windows_configuration",
        "Not valid JSON at line 1, column 24: EOF while parsing an object.",
    );
    text(&mut w, "windows_configuration", "[]");
    fails(
        &mut w,
        "windows_configuration",
        "Enter a JSON object, starting with {.",
    );
}

#[test]
fn fsx_lustre_has_no_windows_field() {
    let w = fsx_lustre();
    let ids: Vec<FieldId> = w
        .items()
        .iter()
        .filter_map(Item::field)
        .map(|f| f.id)
        .collect();
    assert_eq!(ids, ["subnet_ids"]);
}

// EBS and Storage Gateway.

#[test]
fn ebs_settings() {
    let mut w = ebs();
    let cases = [
        (
            "availability_zone",
            "us-west-2a",
            "The volume must be in one of us-east-1's Availability Zones, like us-east-1a (not \"us-west-2a\").",
        ),
        (
            "volume_type",
            "gp4",
            "Volume types are gp3, gp2, io2, io1, st1, sc1, standard, not \"gp4\".",
        ),
        (
            "volume_size",
            "0",
            "Enter the size in GiB as a whole number greater than 0.",
        ),
        (
            "volume_size",
            "1.5",
            "Enter the size in GiB as a whole number greater than 0.",
        ),
    ];
    for (id, value, message) in cases {
        let before = text_value(&w, id);
        text(&mut w, id, value);
        fails(&mut w, id, message);
        text(&mut w, id, &before);
    }
    text(&mut w, "availability_zone", "us-east-1b");
    text(&mut w, "volume_type", "io2");
    text(&mut w, "volume_size", "750");
    to_review(&mut w);
    let mut expected = ebs_metadata();
    expected.insert("availabilityZone".into(), "us-east-1b".into());
    expected.insert("volumeType".into(), "io2".into());
    expected.insert("volumeSize".into(), "750".into());
    assert_eq!(metadata(&w), expected);
}

#[test]
fn storage_gateway_settings() {
    let mut w = gateway();
    text(&mut w, "target_name", "Vol_01");
    fails(
        &mut w,
        "target_name",
        "Target names use only lowercase letters, digits, periods (.) and hyphens (-), up to 200 characters.",
    );
    text(&mut w, "target_name", "vol-01");
    text(
        &mut w,
        "gateway_arn",
        "arn:aws:storagegateway:us-west-2:123456789012:gateway/sgw-12A3456B",
    );
    fails(
        &mut w,
        "gateway_arn",
        "This gateway is in us-west-2; a restore in us-east-1 needs a gateway in us-east-1.",
    );
    text(&mut w, "gateway_arn", "sgw-12A3456B");
    fails(
        &mut w,
        "gateway_arn",
        "Gateway ARNs look like arn:aws:storagegateway:us-east-1:123456789012:gateway/sgw-12A3456B.",
    );
    text(
        &mut w,
        "gateway_arn",
        "arn:aws:storagegateway:us-east-1:123456789012:gateway/sgw-12A3456B",
    );
    to_review(&mut w);
    assert_eq!(metadata(&w)["TargetName"], "vol-01");
}
