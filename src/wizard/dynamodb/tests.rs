//! Tests of the DynamoDB wizard: table name rules and the metadata of each encryption choice.

use super::*;
use crate::domain::ResourceType;
use crate::wizard::generic::tests::{
    CUSTOMER_KEY, DEFAULT_ROLE, choose, context, error, fails, map, metadata, notes, text,
    to_review,
};
use crate::wizard::parts::{KMS_ARN, KMS_CHOICE, KMS_PICK};

const BACKUP_ARN: &str = "arn:aws:backup:us-east-1:123456789012:recovery-point:4a1b7c2d-orders";
const DYNAMODB_ARN: &str =
    "arn:aws:dynamodb:us-east-1:123456789012:table/sessions/backup/01763600000000-a1b2c3d4";

/// metadata.rs's answer for a backup of `table` whose ARN is `arn`.
fn backed_up(table: &str, arn: &str) -> BTreeMap<String, String> {
    let mut m = map(&[
        ("autoScaling", "Disabled"),
        ("encryptionType", "Default"),
        ("kmsMasterKeyArn", "Not Applicable"),
        ("secondaryIndices", "[]"),
        ("sortKey", "-"),
        ("stream", "Disabled"),
        ("originalTableName", table),
        ("primaryPartitionKey", "sessionId"),
    ]);
    m.insert("backupArn".into(), arn.into());
    m.insert("backupName".into(), format!("{table}-AwsBackup-1763607600"));
    m
}

fn wizard(arn: &str) -> DynamoDbWizard {
    let table = "arn:aws:dynamodb:us-east-1:123456789012:table/sessions";
    DynamoDbWizard::new(context(
        ResourceType::DynamoDB,
        "sessions",
        arn,
        table,
        backed_up("sessions", arn),
    ))
}

/// Seed 002's example shape: the backed-up keys, plus the target and the encryption pair.
fn expected(arn: &str, encryption_type: &str, key: &str) -> BTreeMap<String, String> {
    let mut m = backed_up("sessions", arn);
    m.insert("targetTableName".into(), "sessions-restored".into());
    m.insert("encryptionType".into(), encryption_type.into());
    m.insert("kmsMasterKeyArn".into(), key.into());
    m
}

/// Restores as `sessions-restored` with encryption choice `choice` (a typed key for the customer one).
fn restore_with(arn: &str, choice: usize) -> BTreeMap<String, String> {
    let mut w = wizard(arn);
    text(&mut w, TABLE_NAME, "sessions-restored");
    assert!(w.next());
    choose(&mut w, ENCRYPTION, choice);
    if choice == CUSTOMER {
        choose(&mut w, KMS_CHOICE, 1);
        text(&mut w, KMS_ARN, CUSTOMER_KEY);
    }
    to_review(&mut w);
    metadata(&w)
}

#[test]
fn each_encryption_choice_of_an_aws_backup_managed_backup() {
    assert_eq!(
        restore_with(BACKUP_ARN, OWNED),
        expected(BACKUP_ARN, "Default", "Not Applicable")
    );
    assert_eq!(
        restore_with(BACKUP_ARN, MANAGED),
        expected(BACKUP_ARN, "KMS", "Not Applicable")
    );
    assert_eq!(
        restore_with(BACKUP_ARN, CUSTOMER),
        expected(BACKUP_ARN, "KMS", CUSTOMER_KEY)
    );
}

#[test]
fn each_encryption_choice_of_a_dynamodb_managed_backup() {
    assert_eq!(
        restore_with(DYNAMODB_ARN, OWNED),
        expected(DYNAMODB_ARN, "Default", "Not Applicable")
    );
    assert_eq!(
        restore_with(DYNAMODB_ARN, MANAGED),
        expected(DYNAMODB_ARN, "KMS", "Not Applicable")
    );
    assert_eq!(
        restore_with(DYNAMODB_ARN, CUSTOMER),
        expected(DYNAMODB_ARN, "KMS", CUSTOMER_KEY)
    );
}

#[test]
fn the_request_is_explicit_about_region_role_and_token() {
    let mut w = wizard(BACKUP_ARN);
    text(&mut w, TABLE_NAME, "sessions-restored");
    to_review(&mut w);
    let r = w.request().expect("valid");
    assert_eq!(
        (r.region.as_str(), r.recovery_point_arn.as_str()),
        ("us-east-1", BACKUP_ARN)
    );
    assert_eq!(r.resource_type, ResourceType::DynamoDB);
    assert_eq!(r.iam_role_arn.as_deref(), Some(DEFAULT_ROLE));
    assert_eq!(r.idempotency_token, "tok-123");
    assert!(w.items().is_empty(), "nothing blocks the review");
}

#[test]
fn a_customer_key_can_be_picked() {
    let mut w = wizard(BACKUP_ARN);
    text(&mut w, TABLE_NAME, "sessions-restored");
    assert!(w.next());
    choose(&mut w, ENCRYPTION, CUSTOMER);
    fails(&mut w, KMS_PICK, "Choose a KMS key.");
    // Offered: the customer keys only (aws/dynamodb is its own choice).
    choose(&mut w, KMS_PICK, 1);
    assert_eq!(
        error(&w, KMS_PICK).as_deref(),
        Some("This key is in us-west-2; a restore in us-east-1 needs a key in us-east-1.")
    );
    choose(&mut w, KMS_PICK, 0);
    to_review(&mut w);
    assert_eq!(metadata(&w)["kmsMasterKeyArn"], CUSTOMER_KEY);
    let encryption = w
        .summary()
        .into_iter()
        .find(|(what, _)| what == "Encryption");
    assert_eq!(
        encryption.map(|(_, v)| v).as_deref(),
        Some("customer-managed key alias/restore-data")
    );
}

#[test]
fn a_typed_key_is_checked() {
    let mut w = wizard(BACKUP_ARN);
    text(&mut w, TABLE_NAME, "sessions-restored");
    assert!(w.next());
    choose(&mut w, ENCRYPTION, CUSTOMER);
    choose(&mut w, KMS_CHOICE, 1);
    fails(&mut w, KMS_ARN, "Enter a key ARN.");
    text(&mut w, KMS_ARN, "arn:aws:iam::123456789012:role/x");
    fails(
        &mut w,
        KMS_ARN,
        "This is not a KMS key ARN (its service is \"iam\", not kms).",
    );
    text(
        &mut w,
        KMS_ARN,
        "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    );
    fails(
        &mut w,
        KMS_ARN,
        "This key is in eu-west-1; a restore in us-east-1 needs a key in us-east-1.",
    );
}

#[test]
fn the_table_name_is_required_and_valid() {
    let mut w = wizard(BACKUP_ARN);
    fails(&mut w, TABLE_NAME, "Enter a name for the new table.");
    text(&mut w, TABLE_NAME, "ab");
    fails(
        &mut w,
        TABLE_NAME,
        "Table names must be 3 to 255 characters long (this one has 2).",
    );
    text(&mut w, TABLE_NAME, "orders copy");
    fails(
        &mut w,
        TABLE_NAME,
        "Table names use only letters, digits, underscores (_), periods (.) and hyphens (-), not ' '.",
    );
}

#[test]
fn the_new_table_must_not_exist_in_the_region() {
    let mut w = wizard(BACKUP_ARN);
    text(&mut w, TABLE_NAME, "orders");
    fails(
        &mut w,
        TABLE_NAME,
        "A table named orders already exists in us-east-1.",
    );
    assert_eq!(
        w.request(),
        Err("Settings: A table named orders already exists in us-east-1.".into())
    );
}

#[test]
fn a_dynamodb_managed_backup_says_the_console_would_not_offer_the_choice() {
    let mut w = wizard(DYNAMODB_ARN);
    text(&mut w, TABLE_NAME, "sessions-restored");
    assert!(w.next());
    assert!(notes(&w)[0].starts_with(
        "This backup is managed by DynamoDB (its ARN begins with arn:aws:dynamodb:)."
    ));
    let mut w = wizard(BACKUP_ARN);
    text(&mut w, TABLE_NAME, "sessions-restored");
    assert!(w.next());
    assert!(notes(&w).is_empty());
}

#[test]
fn copies_explain_which_keys_can_keep_the_original_encryption() {
    let mut ctx = context(
        ResourceType::DynamoDB,
        "sessions",
        BACKUP_ARN,
        "arn:aws:dynamodb:eu-west-1:210987654321:table/sessions",
        backed_up("sessions", BACKUP_ARN),
    );
    ctx.recovery_point.source_vault_arn =
        Some("arn:aws:backup:eu-west-1:210987654321:backup-vault:Default".into());
    let mut w = DynamoDbWizard::new(ctx);
    text(&mut w, TABLE_NAME, "sessions-restored");
    assert!(w.next());
    let notes = notes(&w);
    assert_eq!(notes.len(), 2);
    assert!(
        notes[0].starts_with("This is a cross-Region copy")
            && notes[0].contains("multi-Region key")
    );
    assert!(
        notes[1].starts_with("This is a cross-account copy")
            && notes[1].contains("cannot be shared")
    );
}

#[test]
fn a_kms_encrypted_backup_starts_on_its_key() {
    let mut md = backed_up("sessions", BACKUP_ARN);
    md.insert("encryptionType".into(), "KMS".into());
    md.insert("kmsMasterKeyArn".into(), CUSTOMER_KEY.into());
    let table = "arn:aws:dynamodb:us-east-1:123456789012:table/sessions";
    let mut w = DynamoDbWizard::new(context(
        ResourceType::DynamoDB,
        "sessions",
        BACKUP_ARN,
        table,
        md.clone(),
    ));
    text(&mut w, TABLE_NAME, "sessions-2");
    to_review(&mut w);
    md.insert("targetTableName".into(), "sessions-2".into());
    assert_eq!(metadata(&w), md);
}

#[test]
fn the_aws_managed_key_in_the_metadata_means_the_managed_choice() {
    let mut md = backed_up("sessions", BACKUP_ARN);
    md.insert("encryptionType".into(), "KMS".into());
    md.insert(
        "kmsMasterKeyArn".into(),
        "arn:aws:kms:us-east-1:123456789012:key/0b2f9c4d-aws-ddb".into(),
    );
    let table = "arn:aws:dynamodb:us-east-1:123456789012:table/sessions";
    let mut w = DynamoDbWizard::new(context(
        ResourceType::DynamoDB,
        "sessions",
        BACKUP_ARN,
        table,
        md,
    ));
    text(&mut w, TABLE_NAME, "sessions-restored");
    to_review(&mut w);
    assert_eq!(metadata(&w), expected(BACKUP_ARN, "KMS", "Not Applicable"));
}
