use super::*;
use crate::domain::restore::IamRole;
use crate::domain::{Lifecycle, RecoveryPoint, RecoveryPointStatus, StorageClass};
use crate::wizard::form::Control;
use time::macros::datetime;

const REGION: &str = "us-east-1";
const ACCOUNT: &str = "123456789012";
const TOKEN: &str = "tok-7f3a";
const RP_ARN: &str = "arn:aws:backup:us-east-1:123456789012:recovery-point:continuous:acme-media-1";
const CUSTOMER_KEY: &str =
    "arn:aws:kms:us-east-1:123456789012:key/7c3d2e1f-5a6b-4c8d-9e0f-1a2b3c4d5e6f";
const AWS_S3_KEY: &str = "arn:aws:kms:us-east-1:123456789012:key/0a1e8b3c-aws-s3";
const DEFAULT_ROLE_ARN: &str =
    "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole";
const OPERATOR_ROLE: &str = "arn:aws:iam::123456789012:role/BackupRestoreOperator";
const CREATED: OffsetDateTime = datetime!(2026-10-21 04:55 UTC);
const NOW: OffsetDateTime = datetime!(2026-11-20 12:00 UTC);

fn recovery_point(kind: BackupKind) -> RecoveryPoint {
    RecoveryPoint {
        arn: RP_ARN.into(),
        resource_arn: "arn:aws:s3:::acme-media".into(),
        resource_name: "acme-media".into(),
        resource_type: ResourceType::S3,
        vault_name: "Default".into(),
        vault_arn: "arn:aws:backup:us-east-1:123456789012:backup-vault:Default".into(),
        source_vault_arn: None,
        status: RecoveryPointStatus::Completed,
        status_message: None,
        kind,
        created: CREATED,
        completed: Some(CREATED),
        size_bytes: Some(1 << 30),
        storage_class: StorageClass::Warm,
        encrypted: true,
        encryption_key_arn: None,
        iam_role_arn: DEFAULT_ROLE_ARN.into(),
        created_by: Some(crate::domain::PlanRef::named("daily").into()),
        lifecycle: Lifecycle::default(),
        last_restore: None,
    }
}

fn bucket(name: &str, versioning: bool, acls_enabled: bool) -> Bucket {
    Bucket {
        name: name.into(),
        region: REGION.into(),
        versioning,
        acls_enabled,
        replication: None,
        objects: None,
    }
}

fn key(arn: &str, alias: &str, aws_managed: bool) -> KmsKey {
    KmsKey {
        arn: arn.into(),
        alias: Some(alias.into()),
        aws_managed,
    }
}

/// The demo account's us-east-1, by hand: `restore_acls` is the metadata's `RestoreACLs`.
fn context(kind: BackupKind, restore_acls: &str) -> RestoreContext {
    let metadata = [
        ("DestinationBucketName", "acme-media"),
        ("EncryptionType", "original"),
        ("RestoreACLs", restore_acls),
    ];
    RestoreContext {
        region: REGION.into(),
        account_id: ACCOUNT.into(),
        recovery_point: recovery_point(kind),
        metadata: metadata
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        buckets: vec![
            bucket("acme-media", true, true),
            bucket("acme-logs", true, false),
            bucket("acme-restore-staging", true, true),
            bucket("acme-static-site", false, true),
        ],
        kms_keys: vec![
            key(AWS_S3_KEY, "alias/aws/s3", true),
            key(
                "arn:aws:kms:us-east-1:123456789012:key/0b2f9c4d-aws-ddb",
                "alias/aws/dynamodb",
                true,
            ),
            key(CUSTOMER_KEY, "alias/restore-data", false),
        ],
        roles: vec![
            IamRole {
                name: "AWSBackupDefaultServiceRole".into(),
                arn: DEFAULT_ROLE_ARN.into(),
            },
            IamRole {
                name: "BackupRestoreOperator".into(),
                arn: OPERATOR_ROLE.into(),
            },
        ],
        tables: Vec::new(),
        idempotency_token: TOKEN.into(),
        now: NOW,
    }
}

fn snapshot() -> S3Wizard {
    S3Wizard::new(context(BackupKind::Snapshot, "true"))
}

fn continuous() -> S3Wizard {
    S3Wizard::new(context(BackupKind::Continuous, "true"))
}

fn step_name(w: &S3Wizard) -> &'static str {
    w.steps()[w.step()]
}

/// Moves forward to `name`, failing the test if a step on the way refuses.
#[track_caller]
fn go_to(w: &mut S3Wizard, name: &str) {
    while step_name(w) != name {
        let from = step_name(w);
        assert!(w.next(), "{from} refused: {:?}", errors(w));
    }
}

fn field(w: &S3Wizard, id: FieldId) -> Option<Field> {
    w.items()
        .iter()
        .filter_map(Item::field)
        .find(|f| f.id == id)
        .cloned()
}

fn error(w: &S3Wizard, id: FieldId) -> Option<String> {
    field(w, id).and_then(|f| f.error)
}

fn errors(w: &S3Wizard) -> Vec<(FieldId, String)> {
    w.items()
        .iter()
        .filter_map(Item::field)
        .filter_map(|f| Some((f.id, f.error.clone()?)))
        .collect()
}

fn notes(w: &S3Wizard) -> Vec<String> {
    let note = |i: &Item| match i {
        Item::Note { text, .. } => Some(text.clone()),
        _ => None,
    };
    w.items().iter().filter_map(note).collect()
}

/// Runs `next()` expecting a refusal and returns the error shown on `id`.
#[track_caller]
fn refused(w: &mut S3Wizard, id: FieldId) -> String {
    let at = step_name(w);
    assert!(!w.next(), "{at} accepted");
    assert_eq!(step_name(w), at);
    error(w, id).unwrap_or_else(|| panic!("no error on {id}: {:?}", errors(w)))
}

#[track_caller]
fn assert_contains(msg: &str, part: &str) {
    assert!(msg.contains(part), "{msg:?} does not contain {part:?}");
}

fn text(w: &mut S3Wizard, id: FieldId, value: &str) {
    w.input(id, Input::Text(value.into()));
}

fn choose(w: &mut S3Wizard, id: FieldId, i: usize) {
    w.input(id, Input::Choose(i));
}

fn set_items(w: &mut S3Wizard, uris: &[&str]) {
    choose(w, SCOPE, ITEM_LEVEL);
    for (i, uri) in uris.iter().enumerate() {
        if i > 0 {
            w.input(ADD_ITEM, Input::Activate);
        }
        text(w, ITEM_IDS[i], uri);
    }
}

fn metadata(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Goes to the review and returns the request, failing the test if it is refused.
#[track_caller]
fn review(w: &mut S3Wizard) -> RestoreRequest {
    go_to(w, "Review");
    w.request().expect("a complete draft")
}

// Steps and notes.

#[test]
fn steps_depend_on_the_backup_kind() {
    let cont = continuous();
    assert_eq!(
        cont.steps(),
        [
            "Restore time",
            "Settings",
            "Destination",
            "Encryption",
            "Role",
            "Review"
        ]
    );
    assert_eq!(
        snapshot().steps(),
        ["Settings", "Destination", "Encryption", "Role", "Review"]
    );
    assert_eq!(cont.title(), "Restore S3 bucket acme-media");
}

#[test]
fn the_first_step_says_where_the_restore_runs() {
    for w in [continuous(), snapshot()] {
        assert!(
            notes(&w)
                .iter()
                .any(|n| n.contains("Restores run in us-east-1")),
            "{:?}",
            notes(&w)
        );
    }
    let mut w = snapshot();
    w.next();
    assert!(!notes(&w).iter().any(|n| n.contains("Restores run in")));
}

#[test]
fn the_restore_time_step_shows_the_window() {
    let mut w = continuous();
    assert!(field(&w, TIME_TEXT).is_none(), "latest time needs no text");
    choose(&mut w, TIME_CHOICE, 1);
    let f = field(&w, TIME_TEXT).expect("time field");
    assert_eq!(f.label, "Restore time (UTC)");
    assert_eq!(
        f.control,
        Control::Text {
            value: String::new(),
            placeholder: "2026-11-20T08:00:00Z".into()
        }
    );
    assert!(notes(&w).contains(
        &"Restorable window: 2026-10-21T04:55:00Z to 2026-11-20T12:00:00Z (UTC).".into()
    ));
}

// Validation rules, one per test.

#[test]
fn a_time_outside_the_window_is_refused() {
    let mut w = continuous();
    choose(&mut w, TIME_CHOICE, 1);
    text(&mut w, TIME_TEXT, "2026-10-01T00:00:00Z");
    assert_contains(
        &refused(&mut w, TIME_TEXT),
        "before the earliest restorable time",
    );
    text(&mut w, TIME_TEXT, "2026-11-21T00:00:00Z");
    assert_contains(
        &refused(&mut w, TIME_TEXT),
        "after the latest restorable time",
    );
    text(&mut w, TIME_TEXT, "yesterday");
    assert_contains(&refused(&mut w, TIME_TEXT), "Enter a UTC time like");
}

#[test]
fn a_bad_uri_is_refused() {
    let mut w = snapshot();
    set_items(&mut w, &["acme-media/a.txt"]);
    assert_contains(&refused(&mut w, "item1"), "S3 URIs start with s3://");
}

#[test]
fn an_item_of_another_bucket_is_refused() {
    let mut w = snapshot();
    set_items(&mut w, &["s3://acme-media/a.txt", "s3://acme-logs/b.txt"]);
    let msg = refused(&mut w, "item2");
    assert_contains(
        &msg,
        "in bucket \"acme-logs\", but items must be in \"acme-media\"",
    );
    assert_eq!(error(&w, "item1"), None, "only the bad item is marked");
}

#[test]
fn a_sixth_item_is_refused() {
    let mut w = snapshot();
    set_items(
        &mut w,
        &[
            "s3://acme-media/1",
            "s3://acme-media/2",
            "s3://acme-media/3",
            "s3://acme-media/4",
            "s3://acme-media/5",
        ],
    );
    w.input(ADD_ITEM, Input::Activate);
    assert_eq!(
        error(&w, ADD_ITEM).as_deref(),
        Some("At most 5 items per restore job.")
    );
    assert!(field(&w, "item5").is_some());
    assert_eq!(w.draft.items.len(), 5, "no sixth slot");
    // Five distinct items are fine.
    assert!(w.next());
}

#[test]
fn a_duplicate_item_is_refused() {
    let mut w = snapshot();
    set_items(
        &mut w,
        &[
            "s3://acme-media/a.txt",
            "s3://acme-media/b.txt",
            "s3://acme-media/a.txt",
        ],
    );
    assert_eq!(refused(&mut w, "item3"), "Item 3 repeats item 1.");
}

#[test]
fn an_empty_item_is_refused() {
    let mut w = snapshot();
    choose(&mut w, SCOPE, ITEM_LEVEL);
    assert_contains(&refused(&mut w, "item1"), "S3 URIs start with s3://");
    text(&mut w, "item1", "s3://acme-media/");
    assert_contains(&refused(&mut w, "item1"), "names no object");
}

#[test]
fn a_bad_new_bucket_name_is_refused() {
    let mut w = snapshot();
    go_to(&mut w, "Destination");
    choose(&mut w, DESTINATION, TO_NEW);
    text(&mut w, NEW_BUCKET, "Acme_Restored");
    assert_contains(
        &refused(&mut w, NEW_BUCKET),
        "Bucket names use only lowercase letters",
    );
    text(&mut w, NEW_BUCKET, "ab");
    assert_contains(&refused(&mut w, NEW_BUCKET), "3 to 63 characters");
}

#[test]
fn an_existing_name_is_refused_for_a_new_bucket() {
    let mut w = snapshot();
    go_to(&mut w, "Destination");
    choose(&mut w, DESTINATION, TO_NEW);
    text(&mut w, NEW_BUCKET, "acme-logs");
    assert_eq!(
        refused(&mut w, NEW_BUCKET),
        "A bucket named acme-logs already exists."
    );
}

#[test]
fn the_new_bucket_note_is_shown() {
    let mut w = snapshot();
    go_to(&mut w, "Destination");
    choose(&mut w, DESTINATION, TO_NEW);
    assert!(notes(&w).contains(&NEW_BUCKET_NOTE.to_string()));
}

#[test]
fn an_unversioned_destination_is_refused() {
    let mut w = snapshot();
    go_to(&mut w, "Destination");
    choose(&mut w, DESTINATION, TO_EXISTING);
    let f = field(&w, EXISTING_BUCKET).expect("bucket pick");
    let Control::Pick {
        options,
        selected: None,
    } = &f.control
    else {
        panic!("{f:?}")
    };
    let site = &options[3];
    assert_eq!(
        (site.label.as_str(), site.detail.as_str()),
        ("acme-static-site", "versioning off, ACLs enabled")
    );
    let versioning = "Versioning is off: a restore destination must have versioning turned on.";
    assert_eq!(site.problem.as_deref(), Some(versioning));
    choose(&mut w, EXISTING_BUCKET, 3);
    assert_eq!(error(&w, EXISTING_BUCKET).as_deref(), Some(versioning));
    assert_eq!(w.draft.existing, None, "the choice is refused");
    assert_eq!(refused(&mut w, EXISTING_BUCKET), "Choose a bucket.");
}

#[test]
fn an_acl_less_destination_is_refused_when_the_backup_holds_acls() {
    let acls = "ACLs are disabled, but this backup holds ACLs: the restore would fail.";
    let mut w = snapshot();
    go_to(&mut w, "Destination");
    choose(&mut w, DESTINATION, TO_EXISTING);
    choose(&mut w, EXISTING_BUCKET, 1);
    assert_eq!(error(&w, EXISTING_BUCKET).as_deref(), Some(acls));
    assert_eq!(w.draft.existing, None);
    // A refused choice keeps the previous one.
    choose(&mut w, EXISTING_BUCKET, 2);
    choose(&mut w, EXISTING_BUCKET, 1);
    assert_eq!(w.draft.existing, Some(2));
}

#[test]
fn an_acl_less_destination_is_allowed_when_the_backup_holds_no_acls() {
    let mut w = S3Wizard::new(context(BackupKind::Snapshot, "false"));
    go_to(&mut w, "Destination");
    choose(&mut w, DESTINATION, TO_EXISTING);
    choose(&mut w, EXISTING_BUCKET, 1);
    assert_eq!(error(&w, EXISTING_BUCKET), None);
    assert!(w.next());
    assert_eq!(
        w.request()
            .map(|r| r.metadata["DestinationBucketName"].clone()),
        Ok("acme-logs".into())
    );
}

#[test]
fn the_source_bucket_is_checked_too() {
    let mut ctx = context(BackupKind::Snapshot, "true");
    ctx.buckets[0].acls_enabled = false;
    let mut w = S3Wizard::new(ctx);
    go_to(&mut w, "Destination");
    let acls = "ACLs are disabled, but this backup holds ACLs: the restore would fail.";
    assert!(notes(&w).contains(&acls.to_string()), "warned before Next");
    assert_eq!(refused(&mut w, DESTINATION), acls);
    assert_eq!(w.request().map(|_| ()), Err(format!("Destination: {acls}")));
}

#[test]
fn a_bad_kms_arn_is_refused() {
    let mut w = snapshot();
    go_to(&mut w, "Encryption");
    choose(&mut w, ENCRYPTION, SSE_KMS);
    choose(&mut w, KMS_CHOICE, ENTER_ARN);
    text(&mut w, KMS_ARN, "restore-data");
    assert_contains(&refused(&mut w, KMS_ARN), "This is not an ARN");
    text(&mut w, KMS_ARN, "arn:aws:s3:::acme-media");
    assert_contains(&refused(&mut w, KMS_ARN), "not a KMS key ARN");
}

#[test]
fn a_kms_arn_in_another_region_is_refused() {
    let mut w = snapshot();
    go_to(&mut w, "Encryption");
    choose(&mut w, ENCRYPTION, SSE_KMS);
    choose(&mut w, KMS_CHOICE, ENTER_ARN);
    text(
        &mut w,
        KMS_ARN,
        "arn:aws:kms:us-west-2:123456789012:key/7c3d2e1f-5a6b-4c8d-9e0f-1a2b3c4d5e6f",
    );
    assert_contains(
        &refused(&mut w, KMS_ARN),
        "This key is in us-west-2; a restore in us-east-1",
    );
}

#[test]
fn a_kms_key_must_be_chosen() {
    let mut w = snapshot();
    go_to(&mut w, "Encryption");
    choose(&mut w, ENCRYPTION, SSE_KMS);
    choose(&mut w, KMS_CHOICE, CHOOSE);
    let f = field(&w, KMS_PICK).expect("key pick");
    let only_customer_keys = vec![PickOption {
        label: "alias/restore-data".into(),
        detail: CUSTOMER_KEY.into(),
        problem: None,
    }];
    assert_eq!(
        f.control,
        Control::Pick {
            options: only_customer_keys,
            selected: None
        }
    );
    assert_eq!(refused(&mut w, KMS_PICK), "Choose a KMS key.");
}

#[test]
fn a_bad_role_arn_is_refused() {
    let mut w = snapshot();
    go_to(&mut w, "Role");
    choose(&mut w, ROLE_CHOICE, ENTER_ARN);
    text(&mut w, ROLE_ARN, "BackupRestoreOperator");
    assert_contains(&refused(&mut w, ROLE_ARN), "This is not an ARN");
    text(&mut w, ROLE_ARN, "arn:aws:iam::123456789012:user/alice");
    assert_contains(&refused(&mut w, ROLE_ARN), "This is not a role ARN");
    choose(&mut w, ROLE_CHOICE, CHOOSE);
    assert_eq!(refused(&mut w, ROLE_PICK), "Choose an IAM role.");
}

#[test]
fn errors_stay_until_their_field_changes() {
    let mut w = snapshot();
    set_items(&mut w, &["bad", "also bad"]);
    assert!(!w.next());
    assert!(error(&w, "item1").is_some() && error(&w, "item2").is_some());
    text(&mut w, "item1", "s3://acme-media/a.txt");
    assert_eq!(error(&w, "item1"), None);
    assert!(
        error(&w, "item2").is_some(),
        "untouched fields keep their error"
    );
    text(&mut w, "item2", "s3://acme-media/b.txt");
    assert!(w.next());
}

#[test]
fn remove_last_item_appears_with_a_second_item() {
    let mut w = snapshot();
    choose(&mut w, SCOPE, ITEM_LEVEL);
    assert!(field(&w, REMOVE_ITEM).is_none());
    assert_eq!(
        field(&w, SCOPE).and_then(|f| f.help).as_deref(),
        Some("Restores the current version of each object.")
    );
    w.input(ADD_ITEM, Input::Activate);
    assert!(field(&w, "item2").is_some() && field(&w, REMOVE_ITEM).is_some());
    w.input(REMOVE_ITEM, Input::Activate);
    assert!(field(&w, "item2").is_none() && field(&w, REMOVE_ITEM).is_none());
    // A field of another step is not editable from here.
    text(&mut w, NEW_BUCKET, "acme-restored");
    assert_eq!(w.draft.new_bucket, "");
}

// Metadata, key by key.

#[test]
fn entire_bucket_snapshot_to_the_source_bucket() {
    let mut w = snapshot();
    assert!(!w.is_dirty());
    let request = review(&mut w);
    assert_eq!(
        request,
        RestoreRequest {
            region: REGION.into(),
            recovery_point_arn: RP_ARN.into(),
            resource_type: ResourceType::S3,
            iam_role_arn: Some(DEFAULT_ROLE_ARN.into()),
            idempotency_token: TOKEN.into(),
            metadata: metadata(&[
                ("DestinationBucketName", "acme-media"),
                ("NewBucket", "false"),
                ("Encrypted", "false"),
                ("EncryptionType", "original"),
                ("RestoreACLs", "true"),
                ("CreationToken", TOKEN),
            ]),
        }
    );
    assert_eq!(w.typed_confirmation().as_deref(), Some("acme-media"));
    assert!(!w.next(), "review is the last step");
}

#[test]
fn two_objects_into_a_new_bucket_with_a_customer_key() {
    let mut w = snapshot();
    set_items(
        &mut w,
        &["s3://acme-media/a.txt", "s3://acme-media/b/c.txt"],
    );
    go_to(&mut w, "Destination");
    choose(&mut w, DESTINATION, TO_NEW);
    text(&mut w, NEW_BUCKET, "acme-restored");
    go_to(&mut w, "Encryption");
    choose(&mut w, ENCRYPTION, SSE_KMS);
    choose(&mut w, KMS_CHOICE, CHOOSE);
    choose(&mut w, KMS_PICK, 0);
    let request = review(&mut w);
    let expected = metadata(&[
        ("DestinationBucketName", "acme-restored"),
        ("NewBucket", "true"),
        ("Encrypted", "true"),
        ("EncryptionType", "SSE-KMS"),
        ("KMSKey", CUSTOMER_KEY),
        (
            "ItemsToRestore",
            r#"["s3://acme-media/a.txt","s3://acme-media/b/c.txt"]"#,
        ),
        ("RestoreACLs", "true"),
        ("CreationToken", TOKEN),
    ]);
    assert_eq!(request.metadata, expected);
    assert_eq!(w.typed_confirmation(), None);
    let summary = w.summary();
    let line = |what: &str| {
        summary
            .iter()
            .find(|(k, _)| k == what)
            .map(|(_, v)| v.as_str())
    };
    assert_eq!(
        line("Destination"),
        Some("new bucket acme-restored (versioning on, ACLs enabled)")
    );
    assert_eq!(
        line("Items"),
        Some("2 objects: s3://acme-media/a.txt, s3://acme-media/b/c.txt")
    );
    assert_eq!(line("Encryption"), Some("SSE-KMS with alias/restore-data"));
    assert_eq!(line("Role"), Some(DEFAULT_ROLE_ARN));
    assert_eq!(line("Region"), Some(REGION));
    assert_eq!(line("Restore time"), None, "snapshots have no restore time");
}

#[test]
fn continuous_at_the_latest_time() {
    let mut w = continuous();
    let request = review(&mut w);
    let expected = metadata(&[
        ("DestinationBucketName", "acme-media"),
        ("NewBucket", "false"),
        ("Encrypted", "false"),
        ("EncryptionType", "original"),
        ("RestoreACLs", "true"),
        ("CreationToken", TOKEN),
    ]);
    assert_eq!(request.metadata, expected);
    assert!(
        w.summary()
            .contains(&("Restore time".into(), "latest restorable time".into()))
    );
}

#[test]
fn continuous_at_a_specific_time() {
    let mut w = continuous();
    choose(&mut w, TIME_CHOICE, 1);
    // Another offset is converted to the UTC format the API takes.
    text(&mut w, TIME_TEXT, "2026-11-19T10:00:00+02:00");
    let request = review(&mut w);
    let expected = metadata(&[
        ("DestinationBucketName", "acme-media"),
        ("NewBucket", "false"),
        ("Encrypted", "false"),
        ("EncryptionType", "original"),
        ("RestoreTime", "2026-11-19T08:00:00Z"),
        ("RestoreACLs", "true"),
        ("CreationToken", TOKEN),
    ]);
    assert_eq!(request.metadata, expected);
    assert!(
        w.summary()
            .contains(&("Restore time".into(), "2026-11-19T08:00:00Z".into()))
    );
}

#[test]
fn existing_bucket_with_sse_s3() {
    let mut w = snapshot();
    go_to(&mut w, "Destination");
    choose(&mut w, DESTINATION, TO_EXISTING);
    choose(&mut w, EXISTING_BUCKET, 2);
    go_to(&mut w, "Encryption");
    choose(&mut w, ENCRYPTION, SSE_S3);
    let request = review(&mut w);
    let expected = metadata(&[
        ("DestinationBucketName", "acme-restore-staging"),
        ("NewBucket", "false"),
        ("Encrypted", "true"),
        ("EncryptionType", "SSE-S3"),
        ("RestoreACLs", "true"),
        ("CreationToken", TOKEN),
    ]);
    assert_eq!(request.metadata, expected);
    assert_eq!(w.typed_confirmation(), None);
    assert!(w.summary().contains(&(
        "Destination".into(),
        "existing bucket acme-restore-staging (versioning on, ACLs enabled)".into()
    )));
}

#[test]
fn choosing_the_source_bucket_as_existing_still_asks_for_confirmation() {
    let mut w = snapshot();
    go_to(&mut w, "Destination");
    choose(&mut w, DESTINATION, TO_EXISTING);
    choose(&mut w, EXISTING_BUCKET, 0);
    assert_eq!(w.typed_confirmation().as_deref(), Some("acme-media"));
}

fn sse_kms(w: &mut S3Wizard, kms: Choice) {
    go_to(w, "Encryption");
    choose(w, ENCRYPTION, SSE_KMS);
    choose(w, KMS_CHOICE, kms);
}

fn kms_metadata(key: &str) -> BTreeMap<String, String> {
    metadata(&[
        ("DestinationBucketName", "acme-media"),
        ("NewBucket", "false"),
        ("Encrypted", "true"),
        ("EncryptionType", "SSE-KMS"),
        ("KMSKey", key),
        ("RestoreACLs", "true"),
        ("CreationToken", TOKEN),
    ])
}

#[test]
fn sse_kms_with_the_aws_managed_key() {
    let mut w = snapshot();
    sse_kms(&mut w, AWS_MANAGED);
    assert_eq!(review(&mut w).metadata, kms_metadata(AWS_S3_KEY));
    assert!(
        w.summary()
            .contains(&("Encryption".into(), "SSE-KMS with alias/aws/s3".into()))
    );
    // Without the key in the listing, its alias names it.
    let mut ctx = context(BackupKind::Snapshot, "true");
    ctx.kms_keys.retain(|k| !k.aws_managed);
    let mut w = S3Wizard::new(ctx);
    sse_kms(&mut w, AWS_MANAGED);
    assert_eq!(review(&mut w).metadata, kms_metadata("alias/aws/s3"));
}

#[test]
fn sse_kms_with_a_typed_arn() {
    let arn = "arn:aws:kms:us-east-1:210987654321:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    let mut w = snapshot();
    sse_kms(&mut w, ENTER_ARN);
    text(&mut w, KMS_ARN, &format!(" {arn} "));
    assert_eq!(review(&mut w).metadata, kms_metadata(arn));
}

fn role_request(choice: Choice, then: impl Fn(&mut S3Wizard)) -> RestoreRequest {
    let mut w = snapshot();
    go_to(&mut w, "Role");
    choose(&mut w, ROLE_CHOICE, choice);
    then(&mut w);
    review(&mut w)
}

#[test]
fn each_role_choice() {
    let default = role_request(DEFAULT_ROLE, |_| {});
    assert_eq!(
        default.iam_role_arn.as_deref(),
        Some(DEFAULT_ROLE_ARN),
        "explicit even by default"
    );
    let picked = role_request(CHOOSE, |w| choose(w, ROLE_PICK, 1));
    assert_eq!(picked.iam_role_arn.as_deref(), Some(OPERATOR_ROLE));
    let typed_arn = "arn:aws:iam::123456789012:role/ops/ops-break-glass";
    let typed = role_request(ENTER_ARN, |w| text(w, ROLE_ARN, typed_arn));
    assert_eq!(typed.iam_role_arn.as_deref(), Some(typed_arn));
    // The role is not restore metadata: the rest of the request is the same.
    for r in [&picked, &typed] {
        assert_eq!(r.metadata, default.metadata);
        assert_eq!(r.idempotency_token, TOKEN);
    }
}

// Navigation and the review.

#[test]
fn back_keeps_the_draft() {
    let mut w = continuous();
    assert!(!w.back(), "nothing before the first step");
    choose(&mut w, TIME_CHOICE, 1);
    text(&mut w, TIME_TEXT, "2026-11-19T08:00:00Z");
    go_to(&mut w, "Settings");
    set_items(&mut w, &["s3://acme-media/a.txt", "s3://acme-media/b.txt"]);
    go_to(&mut w, "Destination");
    choose(&mut w, DESTINATION, TO_NEW);
    text(&mut w, NEW_BUCKET, "acme-restored");
    let draft = w.draft.clone();
    while w.back() {}
    assert_eq!(step_name(&w), "Restore time");
    assert_eq!(w.draft, draft);
    let f = field(&w, TIME_TEXT).expect("time field");
    assert_eq!(
        f.control,
        Control::Text {
            value: "2026-11-19T08:00:00Z".into(),
            placeholder: TIME_PLACEHOLDER.into()
        }
    );
    go_to(&mut w, "Destination");
    assert_eq!(
        field(&w, NEW_BUCKET).map(|f| f.control),
        Some(Control::Text {
            value: "acme-restored".into(),
            placeholder: "acme-media-restored".into()
        })
    );
}

#[test]
fn the_review_request_is_what_is_submitted() {
    let mut w = snapshot();
    assert!(!w.is_dirty());
    choose(&mut w, SCOPE, 0);
    assert!(w.is_dirty());
    let first = review(&mut w);
    let second = w.request().expect("same draft");
    assert_eq!(first, second);
    assert_eq!(first.idempotency_token, second.idempotency_token);
    assert_eq!(first.metadata["CreationToken"], TOKEN);
}

#[test]
fn request_revalidates_every_step() {
    let mut w = continuous();
    choose(&mut w, TIME_CHOICE, 1);
    assert_eq!(
        w.request().map(|_| ()),
        Err(
            "Restore time: Enter a UTC time like 2026-11-01T00:00:00Z (or 2026-11-01 00:00)."
                .into()
        )
    );
    text(&mut w, TIME_TEXT, "2026-11-19 08:00");
    assert!(w.request().is_ok());
}
