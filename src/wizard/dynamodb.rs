//! The DynamoDB restore wizard: new table name, any of the three encryption keys, role.

use super::form::{Field, FieldId, Input, Item};
use super::parts::{
    KeyChooser, Problem, RESTORE_ROLE, RoleChooser, WizardCore, build_request, meta_get,
    region_note, review_items, set_choice, set_meta, set_text,
};
use super::{Form, RestoreContext, RestoreWizard};
use crate::domain::restore::RestoreRequest;
use crate::domain::validate;
use std::collections::BTreeMap;

const TABLE_NAME: FieldId = "table_name";
const ENCRYPTION: FieldId = "encryption";
const STEPS: [&str; 4] = ["Settings", "Encryption", "Role", "Review"];
const SETTINGS: usize = 0;
const ENCRYPTION_STEP: usize = 1;
const ROLE: usize = 2;

const ENCRYPTION_OPTIONS: [&str; 3] = [
    "DynamoDB-owned key (default)",
    "DynamoDB-managed key (aws/dynamodb)",
    "Customer-managed key",
];
const OWNED: usize = 0;
const MANAGED: usize = 1;
const CUSTOMER: usize = 2;
/// The value the service uses for "no key ARN" (seed 002's examples).
const NOT_APPLICABLE: &str = "Not Applicable";

/// Restores a DynamoDB backup into a new table in the backup's Region.
#[derive(Debug, Clone, PartialEq)]
pub struct DynamoDbWizard {
    ctx: RestoreContext,
    core: WizardCore,
    table_name: String,
    encryption: usize,
    key: KeyChooser,
    role: RoleChooser,
}

impl DynamoDbWizard {
    /// Starts from the backed-up table's encryption as the metadata states it.
    pub fn new(ctx: RestoreContext) -> DynamoDbWizard {
        let kms = meta_get(&ctx.metadata, "encryptionType")
            .is_some_and(|t| t.eq_ignore_ascii_case("KMS"));
        // GetRecoveryPointRestoreMetadata may name the aws/dynamodb key itself: that is the
        // DynamoDB-managed choice, not a customer key.
        let aws_managed = |arn: &str| ctx.kms_keys.iter().any(|k| k.aws_managed && k.arn == arn);
        let key_arn = meta_get(&ctx.metadata, "kmsMasterKeyArn")
            .filter(|k| k.starts_with("arn:") && !aws_managed(k));
        let encryption = match (kms, key_arn) {
            (true, Some(_)) => CUSTOMER,
            (true, None) => MANAGED,
            _ => OWNED,
        };
        let key = KeyChooser::new(&ctx, key_arn);
        DynamoDbWizard {
            core: WizardCore::new(&STEPS),
            table_name: String::new(),
            encryption,
            key,
            role: RoleChooser::new(RESTORE_ROLE, &ctx.account_id),
            ctx,
        }
    }

    fn original_table(&self) -> &str {
        meta_get(&self.ctx.metadata, "originalTableName")
            .unwrap_or(&self.ctx.recovery_point.resource_name)
    }

    fn settings_items(&self) -> Vec<Item> {
        let placeholder = format!("{}-restored", self.original_table());
        let name = Field::text(TABLE_NAME, "New table name", &self.table_name, &placeholder)
            .with_help("3 to 255 letters, digits, underscores, periods and hyphens.");
        vec![region_note(&self.ctx), self.core.field(name)]
    }

    fn encryption_items(&self) -> Vec<Item> {
        let mut items = Vec::new();
        if !self.ctx.recovery_point.managed_by_aws_backup() {
            // The console offers only the AWS-owned key here; StartRestoreJob takes any.
            items.push(Item::note(
                "This backup is managed by DynamoDB (its ARN begins with arn:aws:dynamodb:). The AWS Backup \
                 console restores it only with the AWS-owned key, but StartRestoreJob, which this restore \
                 calls, accepts any of the keys below.",
            ));
        }
        let help = match self.encryption {
            OWNED => "No additional charge for encryption.",
            _ => "KMS charges apply.",
        };
        let choice = Field::choice(
            ENCRYPTION,
            "Encryption key",
            &ENCRYPTION_OPTIONS,
            self.encryption,
        )
        .with_help(help);
        items.push(self.core.field(choice));
        if self.encryption == CUSTOMER {
            items.extend(self.key.items(&self.ctx, &self.core));
        }
        items.extend(copy_notes(&self.ctx).into_iter().map(Item::note));
        items
    }

    fn step_ids(step: usize) -> Vec<FieldId> {
        match step {
            SETTINGS => vec![TABLE_NAME],
            ENCRYPTION_STEP => [ENCRYPTION]
                .into_iter()
                .chain(KeyChooser::FIELD_IDS)
                .collect(),
            ROLE => RoleChooser::FIELD_IDS.to_vec(),
            _ => Vec::new(),
        }
    }

    fn check(&self, step: usize) -> Vec<Problem> {
        match step {
            SETTINGS => self
                .check_name()
                .err()
                .map(|e| (TABLE_NAME, e))
                .into_iter()
                .collect(),
            ENCRYPTION_STEP if self.encryption == CUSTOMER => self.key.check(&self.ctx),
            ROLE => self.role.check(),
            _ => Vec::new(),
        }
    }

    fn check_name(&self) -> Result<(), String> {
        let name = self.table_name.trim();
        if name.is_empty() {
            return Err("Enter a name for the new table.".into());
        }
        validate::dynamodb_table_name(name)?;
        // Restores never overwrite: the new table must not exist in the restore's Region.
        validate::not_in(name, &self.ctx.tables, "A table named")
            .map_err(|e| format!("{} in {}.", e.trim_end_matches('.'), self.ctx.region))
    }

    /// `(encryptionType, kmsMasterKeyArn)` as seed 002's examples spell them.
    fn encryption_metadata(&self) -> (&'static str, String) {
        match self.encryption {
            MANAGED => ("KMS", NOT_APPLICABLE.into()),
            CUSTOMER => ("KMS", self.key.arn()),
            _ => ("Default", NOT_APPLICABLE.into()),
        }
    }

    fn metadata(&self) -> BTreeMap<String, String> {
        let mut md = self.ctx.metadata.clone();
        let (encryption_type, key) = self.encryption_metadata();
        set_meta(&mut md, "targetTableName", self.table_name.trim());
        set_meta(&mut md, "encryptionType", encryption_type);
        set_meta(&mut md, "kmsMasterKeyArn", key);
        md
    }

    fn encryption_summary(&self) -> String {
        match self.encryption {
            MANAGED => "DynamoDB-managed key (aws/dynamodb)".into(),
            CUSTOMER => format!("customer-managed key {}", self.key.label()),
            _ => "DynamoDB-owned key".into(),
        }
    }
}

/// Seed 002's guidance for restoring a copy with the original table's key, for the kind of
/// copy this recovery point is (none for a backup in its own vault).
fn copy_notes(ctx: &RestoreContext) -> Vec<&'static str> {
    let Some(source) = ctx.recovery_point.source_vault_arn.as_deref() else {
        return Vec::new();
    };
    // arn:aws:backup:<region>:<account>:backup-vault:<name>
    let parts: Vec<&str> = source.splitn(6, ':').collect();
    let (region, account) = (parts.get(3).copied(), parts.get(4).copied());
    let mut notes = Vec::new();
    if region.is_some_and(|r| r != ctx.region) {
        notes.push(
            "This is a cross-Region copy: to encrypt the restored table with the original table's key, that key \
             must be a multi-Region key. AWS-owned and AWS-managed keys are not multi-Region keys.",
        );
    }
    if account.is_some_and(|a| a != ctx.account_id) {
        notes.push(
            "This is a cross-account copy: to encrypt the restored table with the original table's key, the \
             source account must share that key with this account. AWS-owned and AWS-managed keys cannot be \
             shared between accounts.",
        );
    }
    notes
}

impl Form for DynamoDbWizard {
    fn title(&self) -> String {
        format!(
            "Restore DynamoDB table {}",
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
            ENCRYPTION_STEP => self.encryption_items(),
            ROLE => self.role.items(&self.ctx.roles, &self.core),
            _ => review_items(&self.request()),
        }
    }

    fn input(&mut self, id: FieldId, input: Input) {
        if !self.core.begin_input(&self.items(), id) {
            return;
        }
        match id {
            TABLE_NAME => set_text(&mut self.table_name, &input),
            ENCRYPTION => set_choice(&mut self.encryption, ENCRYPTION_OPTIONS.len(), &input),
            _ if self.core.step() == ROLE => self.role.input(&self.ctx.roles, id, &input),
            _ => {
                let refusal = self.key.input(&self.ctx, id, &input);
                self.core.refuse(id, refusal);
            }
        }
    }

    fn next(&mut self) -> bool {
        let step = self.core.step();
        let problems = self.check(step);
        self.core.advance(&Self::step_ids(step), problems)
    }

    fn back(&mut self) -> bool {
        self.core.back()
    }

    fn summary(&self) -> Vec<(String, String)> {
        vec![
            ("Region".into(), self.ctx.region.clone()),
            ("Backup of".into(), self.original_table().to_string()),
            ("New table".into(), self.table_name.trim().to_string()),
            ("Encryption".into(), self.encryption_summary()),
            ("Role".into(), self.role.summary(&self.ctx.roles)),
        ]
    }

    fn is_dirty(&self) -> bool {
        self.core.is_dirty()
    }
}

impl RestoreWizard for DynamoDbWizard {
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
