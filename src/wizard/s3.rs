//! The S3 restore wizard: restore time, scope, destination, encryption and role, then review.

use super::form::{Field, FieldId, Input, Item, PickOption};
use super::{Form, RestoreContext, RestoreWizard};
use crate::domain::restore::{Bucket, KmsKey, RestoreRequest};
use crate::domain::validate::{self, MAX_RESTORE_ITEMS};
use crate::domain::{BackupKind, ResourceType};
use std::collections::BTreeMap;
use time::macros::format_description;
use time::{Duration, OffsetDateTime, UtcOffset};

const TIME_CHOICE: FieldId = "restore_time_choice";
const TIME_TEXT: FieldId = "restore_time";
const SCOPE: FieldId = "scope";
// Field ids must be `&'static str`, so each item slot has a fixed name.
const ITEM_IDS: [FieldId; MAX_RESTORE_ITEMS] = ["item1", "item2", "item3", "item4", "item5"];
const ADD_ITEM: FieldId = "add_item";
const REMOVE_ITEM: FieldId = "remove_item";
const DESTINATION: FieldId = "destination";
const EXISTING_BUCKET: FieldId = "existing_bucket";
const NEW_BUCKET: FieldId = "new_bucket";
const ENCRYPTION: FieldId = "encryption";
const KMS_CHOICE: FieldId = "kms_choice";
const KMS_PICK: FieldId = "kms_key";
const KMS_ARN: FieldId = "kms_key_arn";
const ROLE_CHOICE: FieldId = "role_choice";
const ROLE_PICK: FieldId = "role";
const ROLE_ARN: FieldId = "role_arn";

const AWS_S3_ALIAS: &str = "alias/aws/s3";
const TIME_PLACEHOLDER: &str = "2026-11-20T08:00:00Z";
const NEW_BUCKET_NOTE: &str = "The new bucket has versioning on and ACLs enabled; Block Public \
                               Access is off by default — change it in S3 after the restore.";

const TIME_OPTIONS: [&str; 2] = ["Latest restorable time", "Specific date and time"];
const SCOPE_OPTIONS: [&str; 2] = ["Restore entire bucket", "Item-level restore"];
const DEST_OPTIONS: [&str; 3] = [
    "Restore to source bucket",
    "Use existing bucket",
    "Create new bucket",
];
const ENC_OPTIONS: [&str; 3] = [
    "Use original encryption keys (default)",
    "Amazon S3 key (SSE-S3)",
    "AWS KMS key (SSE-KMS)",
];
const KMS_OPTIONS: [&str; 3] = [
    "AWS managed key (aws/s3)",
    "Choose from your AWS KMS keys",
    "Enter AWS KMS key ARN",
];
const ROLE_OPTIONS: [&str; 3] = ["Default role", "Choose an IAM role", "Enter a role ARN"];

/// A wizard step; which ones a recovery point gets depends on its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    RestoreTime,
    Settings,
    Destination,
    Encryption,
    Role,
    Review,
}

impl Step {
    fn name(self) -> &'static str {
        match self {
            Step::RestoreTime => "Restore time",
            Step::Settings => "Settings",
            Step::Destination => "Destination",
            Step::Encryption => "Encryption",
            Step::Role => "Role",
            Step::Review => "Review",
        }
    }

    /// Every field the step can show, visible or not: `next()` refreshes all their errors.
    fn field_ids(self) -> Vec<FieldId> {
        match self {
            Step::RestoreTime => vec![TIME_CHOICE, TIME_TEXT],
            Step::Settings => {
                let mut ids = vec![SCOPE, ADD_ITEM, REMOVE_ITEM];
                ids.extend(ITEM_IDS);
                ids
            }
            Step::Destination => vec![DESTINATION, EXISTING_BUCKET, NEW_BUCKET],
            Step::Encryption => vec![ENCRYPTION, KMS_CHOICE, KMS_PICK, KMS_ARN],
            Step::Role => vec![ROLE_CHOICE, ROLE_PICK, ROLE_ARN],
            Step::Review => Vec::new(),
        }
    }
}

/// Which option of a `Choice` is selected: the option's index.
type Choice = usize;

// Option indices of the choices, named so the matches below read as the console does.
const LATEST: Choice = 0;
const ENTIRE_BUCKET: Choice = 0;
const ITEM_LEVEL: Choice = 1;
const TO_SOURCE: Choice = 0;
const TO_EXISTING: Choice = 1;
const TO_NEW: Choice = 2;
const ORIGINAL: Choice = 0;
const SSE_S3: Choice = 1;
const SSE_KMS: Choice = 2;
const AWS_MANAGED: Choice = 0;
const DEFAULT_ROLE: Choice = 0;
const CHOOSE: Choice = 1;
const ENTER_ARN: Choice = 2;

/// What the user entered so far; every value is kept when moving between steps.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Draft {
    time: Choice,
    time_text: String,
    scope: Choice,
    /// Never empty: item-level restore starts with one empty item.
    items: Vec<String>,
    destination: Choice,
    existing: Option<usize>,
    new_bucket: String,
    encryption: Choice,
    kms: Choice,
    /// Index into [`S3Wizard::customer_keys`].
    kms_pick: Option<usize>,
    kms_arn: String,
    role: Choice,
    role_pick: Option<usize>,
    role_arn: String,
}

/// Restores an S3 recovery point (whole bucket or up to five objects) in its own Region.
#[derive(Debug, Clone)]
pub struct S3Wizard {
    ctx: RestoreContext,
    draft: Draft,
    step: usize,
    errors: BTreeMap<FieldId, String>,
    dirty: bool,
}

impl S3Wizard {
    pub fn new(ctx: RestoreContext) -> S3Wizard {
        // The console's defaults, spelled out.
        let draft = Draft {
            time: LATEST,
            scope: ENTIRE_BUCKET,
            items: vec![String::new()],
            destination: TO_SOURCE,
            encryption: ORIGINAL,
            kms: AWS_MANAGED,
            role: DEFAULT_ROLE,
            ..Draft::default()
        };
        S3Wizard {
            ctx,
            draft,
            step: 0,
            errors: BTreeMap::new(),
            dirty: false,
        }
    }

    fn step_list(&self) -> Vec<Step> {
        let mut steps = Vec::with_capacity(6);
        if self.is_continuous() {
            steps.push(Step::RestoreTime);
        }
        steps.extend([
            Step::Settings,
            Step::Destination,
            Step::Encryption,
            Step::Role,
        ]);
        steps.push(Step::Review);
        steps
    }

    fn current(&self) -> Step {
        self.step_list()[self.step]
    }

    fn is_continuous(&self) -> bool {
        self.ctx.recovery_point.kind == BackupKind::Continuous
    }

    /// The backed-up bucket: item URIs must point into it.
    fn source_bucket(&self) -> &str {
        &self.ctx.recovery_point.resource_name
    }

    /// Whether the backup holds ACLs, so the destination must accept them.
    fn restore_acls(&self) -> bool {
        self.ctx
            .metadata
            .get("RestoreACLs")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    }

    fn find_bucket(&self, name: &str) -> Option<&Bucket> {
        self.ctx.buckets.iter().find(|b| b.name == name)
    }

    /// Why `bucket` cannot receive this restore, if it cannot.
    fn bucket_problem(&self, bucket: &Bucket) -> Option<String> {
        // An unknown Region (empty) is not held against the bucket.
        if !bucket.region.is_empty() && bucket.region != self.ctx.region {
            return Some(format!(
                "This bucket is in {}; restores run in {}, the recovery point's Region.",
                bucket.region, self.ctx.region
            ));
        }
        if !bucket.versioning {
            return Some(
                "Versioning is off: a restore destination must have versioning turned on.".into(),
            );
        }
        if !bucket.acls_enabled && self.restore_acls() {
            return Some(
                "ACLs are disabled, but this backup holds ACLs: the restore would fail.".into(),
            );
        }
        None
    }

    /// Keys the user may pick: AWS managed keys are offered by their own option.
    fn customer_keys(&self) -> Vec<&KmsKey> {
        self.ctx
            .kms_keys
            .iter()
            .filter(|k| !k.aws_managed)
            .collect()
    }

    /// The `aws/s3` key's ARN, or its alias when the account listing does not show it.
    fn aws_s3_key(&self) -> String {
        self.ctx
            .kms_keys
            .iter()
            .find(|k| k.alias.as_deref() == Some(AWS_S3_ALIAS))
            .map_or_else(|| AWS_S3_ALIAS.to_string(), |k| k.arn.clone())
    }

    fn time_window(&self) -> (OffsetDateTime, OffsetDateTime) {
        (self.ctx.recovery_point.created, self.ctx.now)
    }

    // Resolved choices: what the draft means, whether or not it passes the checks.

    fn destination_name(&self) -> Option<String> {
        match self.draft.destination {
            TO_EXISTING => self
                .draft
                .existing
                .map(|i| self.ctx.buckets[i].name.clone()),
            TO_NEW => Some(self.draft.new_bucket.trim().to_string()),
            _ => Some(self.source_bucket().to_string()),
        }
    }

    fn kms_key(&self) -> Option<String> {
        match self.draft.kms {
            CHOOSE => self
                .draft
                .kms_pick
                .map(|i| self.customer_keys()[i].arn.clone()),
            ENTER_ARN => Some(self.draft.kms_arn.trim().to_string()),
            _ => Some(self.aws_s3_key()),
        }
    }

    fn role_arn(&self) -> Option<String> {
        match self.draft.role {
            CHOOSE => self.draft.role_pick.map(|i| self.ctx.roles[i].arn.clone()),
            ENTER_ARN => Some(self.draft.role_arn.trim().to_string()),
            _ => Some(self.ctx.default_role_arn()),
        }
    }

    /// The chosen point in time; `None` for the latest restorable time or an invalid entry.
    fn specific_time(&self) -> Option<OffsetDateTime> {
        if !self.is_continuous() || self.draft.time == LATEST {
            return None;
        }
        let (earliest, latest) = self.time_window();
        validate::restore_time(&self.draft.time_text, earliest, latest).ok()
    }

    fn item_level(&self) -> bool {
        self.draft.scope == ITEM_LEVEL
    }

    // Checks: each returns the failing fields of one step with their messages.

    fn check(&self, step: Step) -> Vec<(FieldId, String)> {
        let failure = match step {
            Step::RestoreTime => self.check_time(),
            Step::Settings => return self.check_items(),
            Step::Destination => self.check_destination(),
            Step::Encryption => self.check_encryption(),
            Step::Role => self.check_role(),
            Step::Review => None,
        };
        failure.into_iter().collect()
    }

    fn check_time(&self) -> Option<(FieldId, String)> {
        if self.draft.time == LATEST {
            return None;
        }
        let (earliest, latest) = self.time_window();
        let result = validate::restore_time(&self.draft.time_text, earliest, latest);
        result.err().map(|e| (TIME_TEXT, e))
    }

    /// Per-item errors so each bad field is marked, then the whole-list rules of `s3_items`.
    fn check_items(&self) -> Vec<(FieldId, String)> {
        if !self.item_level() {
            return Vec::new();
        }
        let bucket = self.source_bucket();
        let mut failures = Vec::new();
        let mut keys: Vec<Option<String>> = Vec::new();
        for (i, uri) in self.draft.items.iter().enumerate() {
            let key = match validate::s3_uri_in_bucket(uri, bucket) {
                Ok(key) => key,
                Err(e) => {
                    failures.push((ITEM_IDS[i], e));
                    keys.push(None);
                    continue;
                }
            };
            if let Some(j) = keys.iter().position(|k| k.as_ref() == Some(&key)) {
                failures.push((
                    ITEM_IDS[i],
                    format!("Item {} repeats item {}.", i + 1, j + 1),
                ));
            }
            keys.push(Some(key));
        }
        if failures.is_empty()
            && let Err(e) = validate::s3_items(&self.draft.items, bucket)
        {
            failures.push((ITEM_IDS[0], e));
        }
        failures
    }

    fn check_destination(&self) -> Option<(FieldId, String)> {
        match self.draft.destination {
            TO_EXISTING => match self.draft.existing {
                None => Some((EXISTING_BUCKET, "Choose a bucket.".into())),
                Some(i) => self
                    .bucket_problem(&self.ctx.buckets[i])
                    .map(|p| (EXISTING_BUCKET, p)),
            },
            TO_NEW => {
                let name = self.draft.new_bucket.trim();
                let existing: Vec<String> =
                    self.ctx.buckets.iter().map(|b| b.name.clone()).collect();
                validate::bucket_name(name)
                    .and_then(|()| validate::not_in(name, &existing, "A bucket named"))
                    .err()
                    .map(|e| (NEW_BUCKET, e))
            }
            // A source bucket missing from the listing cannot be checked here; AWS reports any problem.
            _ => self
                .find_bucket(self.source_bucket())
                .and_then(|b| self.bucket_problem(b))
                .map(|p| (DESTINATION, p)),
        }
    }

    fn check_encryption(&self) -> Option<(FieldId, String)> {
        if self.draft.encryption != SSE_KMS {
            return None;
        }
        match self.draft.kms {
            CHOOSE => match self.draft.kms_pick {
                None => Some((KMS_PICK, "Choose a KMS key.".into())),
                Some(i) => self
                    .key_problem(self.customer_keys()[i])
                    .map(|p| (KMS_PICK, p)),
            },
            ENTER_ARN => {
                let arn = self.draft.kms_arn.trim();
                validate::kms_key_arn(arn)
                    .and_then(|()| validate::kms_key_in_region(arn, &self.ctx.region))
                    .err()
                    .map(|e| (KMS_ARN, e))
            }
            _ => None,
        }
    }

    fn key_problem(&self, key: &KmsKey) -> Option<String> {
        validate::kms_key_in_region(&key.arn, &self.ctx.region).err()
    }

    fn check_role(&self) -> Option<(FieldId, String)> {
        match self.draft.role {
            CHOOSE if self.draft.role_pick.is_none() => {
                Some((ROLE_PICK, "Choose an IAM role.".into()))
            }
            ENTER_ARN => validate::iam_role_arn(self.draft.role_arn.trim())
                .err()
                .map(|e| (ROLE_ARN, e)),
            _ => None,
        }
    }

    // Items of each step.

    fn field(&self, field: Field) -> Item {
        let error = self.errors.get(field.id).cloned();
        Item::Field(field.with_error(error))
    }

    fn region_note(&self) -> Item {
        let region = &self.ctx.region;
        Item::note(format!(
            "Restores run in {region}, the recovery point's Region: the destination bucket and \
             KMS key must be in {region}."
        ))
    }

    fn time_items(&self) -> Vec<Item> {
        let (earliest, latest) = self.time_window();
        let mut items = vec![self.field(Field::choice(
            TIME_CHOICE,
            "Restore time",
            &TIME_OPTIONS,
            self.draft.time,
        ))];
        if self.draft.time != LATEST {
            let text = Field::text(
                TIME_TEXT,
                "Restore time (UTC)",
                &self.draft.time_text,
                TIME_PLACEHOLDER,
            );
            items.push(self.field(text));
        }
        items.push(Item::note(format!(
            "Restorable window: {} to {} (UTC).",
            rfc3339(ceil_second(earliest)),
            rfc3339(latest)
        )));
        items
    }

    fn settings_items(&self) -> Vec<Item> {
        let mut scope = Field::choice(SCOPE, "Restore scope", &SCOPE_OPTIONS, self.draft.scope);
        if !self.item_level() {
            return vec![self.field(scope)];
        }
        scope = scope.with_help("Restores the current version of each object.");
        let mut items = vec![self.field(scope)];
        let placeholder = format!("s3://{}/path/to/object", self.source_bucket());
        for (i, uri) in self.draft.items.iter().enumerate() {
            let label = format!("Item {}", i + 1);
            items.push(self.field(Field::text(ITEM_IDS[i], label, uri, &placeholder)));
        }
        let count = format!("{} of {MAX_RESTORE_ITEMS} items", self.draft.items.len());
        items.push(self.field(Field::action(ADD_ITEM, "Add item").with_help(count)));
        if self.draft.items.len() > 1 {
            items.push(self.field(Field::action(REMOVE_ITEM, "Remove last item")));
        }
        items
    }

    fn bucket_options(&self) -> Vec<PickOption> {
        let option = |b: &Bucket| PickOption {
            label: b.name.clone(),
            detail: bucket_detail(b),
            problem: self.bucket_problem(b),
        };
        self.ctx.buckets.iter().map(option).collect()
    }

    fn destination_items(&self) -> Vec<Item> {
        let choice = Field::choice(DESTINATION, "Restore destination", &DEST_OPTIONS, self.draft.destination)
            .with_help("The destination must have versioning turned on. Objects that already exist there with the same name or version ID are skipped.");
        let mut items = vec![self.field(choice)];
        match self.draft.destination {
            TO_EXISTING => {
                let pick = Field::pick(
                    EXISTING_BUCKET,
                    "Bucket",
                    self.bucket_options(),
                    self.draft.existing,
                );
                items.push(self.field(pick));
                if self.ctx.buckets.is_empty() {
                    items.push(Item::warning(format!("No buckets in {}.", self.ctx.region)));
                }
            }
            TO_NEW => {
                let placeholder = format!("{}-restored", self.source_bucket());
                let text = Field::text(
                    NEW_BUCKET,
                    "New bucket name",
                    &self.draft.new_bucket,
                    &placeholder,
                );
                items.push(self.field(text));
                items.push(Item::note(NEW_BUCKET_NOTE));
            }
            _ => {
                if let Some(b) = self.find_bucket(self.source_bucket()) {
                    items.push(Item::note(format!("{}: {}.", b.name, bucket_detail(b))));
                    // Said now rather than only after Next, since this option is the default.
                    if let Some(problem) = self.bucket_problem(b) {
                        items.push(Item::warning(problem));
                    }
                }
            }
        }
        if self.restore_acls() {
            items.push(Item::note(
                "This backup holds ACLs: the destination bucket must have ACLs enabled.",
            ));
        }
        items
    }

    fn key_options(&self) -> Vec<PickOption> {
        let option = |k: &&KmsKey| PickOption {
            label: k
                .alias
                .clone()
                .unwrap_or_else(|| key_id(&k.arn).to_string()),
            detail: k.arn.clone(),
            problem: self.key_problem(k),
        };
        self.customer_keys().iter().map(option).collect()
    }

    fn encryption_items(&self) -> Vec<Item> {
        let choice = Field::choice(
            ENCRYPTION,
            "Restored object encryption",
            &ENC_OPTIONS,
            self.draft.encryption,
        );
        let mut items = vec![self.field(choice)];
        match self.draft.encryption {
            ORIGINAL => items.push(Item::note(
                "If an object was unencrypted, it stays unencrypted.",
            )),
            SSE_KMS => {
                let kms = Field::choice(KMS_CHOICE, "AWS KMS key", &KMS_OPTIONS, self.draft.kms);
                items.push(self.field(kms));
                match self.draft.kms {
                    CHOOSE => {
                        let pick = Field::pick(
                            KMS_PICK,
                            "KMS key",
                            self.key_options(),
                            self.draft.kms_pick,
                        );
                        items.push(self.field(pick));
                        if self.customer_keys().is_empty() {
                            items.push(Item::warning(format!(
                                "No customer managed keys in {}.",
                                self.ctx.region
                            )));
                        }
                    }
                    ENTER_ARN => {
                        let placeholder = format!(
                            "arn:aws:kms:{}:{}:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                            self.ctx.region, self.ctx.account_id
                        );
                        let text = Field::text(
                            KMS_ARN,
                            "AWS KMS key ARN",
                            &self.draft.kms_arn,
                            &placeholder,
                        );
                        items.push(self.field(text));
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        items
    }

    fn role_items(&self) -> Vec<Item> {
        let mut choice = Field::choice(ROLE_CHOICE, "Restore role", &ROLE_OPTIONS, self.draft.role);
        if self.draft.role == DEFAULT_ROLE {
            choice = choice.with_help(self.ctx.default_role_arn());
        }
        let mut items = vec![self.field(choice)];
        match self.draft.role {
            CHOOSE => {
                let options = self
                    .ctx
                    .roles
                    .iter()
                    .map(|r| PickOption {
                        label: r.name.clone(),
                        detail: r.arn.clone(),
                        problem: None,
                    })
                    .collect();
                items.push(self.field(Field::pick(
                    ROLE_PICK,
                    "IAM role",
                    options,
                    self.draft.role_pick,
                )));
            }
            ENTER_ARN => {
                let placeholder = format!(
                    "arn:aws:iam::{}:role/BackupRestoreRole",
                    self.ctx.account_id
                );
                let text = Field::text(ROLE_ARN, "Role ARN", &self.draft.role_arn, &placeholder);
                items.push(self.field(text));
            }
            _ => {}
        }
        items
    }

    fn review_items(&self) -> Vec<Item> {
        match self.typed_confirmation() {
            Some(name) => vec![Item::warning(format!(
                "This restore writes into the source bucket {name}; objects that already exist \
                 there are skipped. You will type {name} to confirm."
            ))],
            None => Vec::new(),
        }
    }

    // Input handling.

    /// Applies `input` to a visible field of the current step; anything else is ignored.
    fn apply(&mut self, id: FieldId, input: Input) {
        match (id, input) {
            (TIME_CHOICE, Input::Choose(i)) => {
                set_choice(&mut self.draft.time, i, TIME_OPTIONS.len())
            }
            (TIME_TEXT, Input::Text(t)) => self.draft.time_text = t,
            (SCOPE, Input::Choose(i)) => set_choice(&mut self.draft.scope, i, SCOPE_OPTIONS.len()),
            (ADD_ITEM, Input::Activate) => self.add_item(),
            (REMOVE_ITEM, Input::Activate) => self.remove_item(),
            (DESTINATION, Input::Choose(i)) => {
                set_choice(&mut self.draft.destination, i, DEST_OPTIONS.len())
            }
            (EXISTING_BUCKET, Input::Choose(i)) => self.pick_bucket(i),
            (NEW_BUCKET, Input::Text(t)) => self.draft.new_bucket = t,
            (ENCRYPTION, Input::Choose(i)) => {
                set_choice(&mut self.draft.encryption, i, ENC_OPTIONS.len())
            }
            (KMS_CHOICE, Input::Choose(i)) => set_choice(&mut self.draft.kms, i, KMS_OPTIONS.len()),
            (KMS_PICK, Input::Choose(i)) => self.pick_key(i),
            (KMS_ARN, Input::Text(t)) => self.draft.kms_arn = t,
            (ROLE_CHOICE, Input::Choose(i)) => {
                set_choice(&mut self.draft.role, i, ROLE_OPTIONS.len())
            }
            (ROLE_PICK, Input::Choose(i)) if i < self.ctx.roles.len() => {
                self.draft.role_pick = Some(i)
            }
            (ROLE_ARN, Input::Text(t)) => self.draft.role_arn = t,
            (id, Input::Text(t)) => {
                if let Some(i) = ITEM_IDS.iter().position(|item| *item == id) {
                    self.draft.items[i] = t;
                }
            }
            _ => {}
        }
    }

    fn add_item(&mut self) {
        if self.draft.items.len() >= MAX_RESTORE_ITEMS {
            let msg = format!("At most {MAX_RESTORE_ITEMS} items per restore job.");
            self.errors.insert(ADD_ITEM, msg);
            return;
        }
        self.draft.items.push(String::new());
    }

    fn remove_item(&mut self) {
        if self.draft.items.len() > 1 {
            self.draft.items.pop();
            // The slot may come back empty later; its old error must not come back with it.
            self.errors.remove(ITEM_IDS[self.draft.items.len()]);
            self.errors.remove(ADD_ITEM);
        }
    }

    /// A bucket that cannot take this restore is refused, keeping the previous choice.
    fn pick_bucket(&mut self, i: usize) {
        let Some(bucket) = self.ctx.buckets.get(i) else {
            return;
        };
        match self.bucket_problem(bucket) {
            Some(problem) => {
                self.errors.insert(EXISTING_BUCKET, problem);
            }
            None => self.draft.existing = Some(i),
        }
    }

    fn pick_key(&mut self, i: usize) {
        let Some(key) = self.customer_keys().get(i).copied() else {
            return;
        };
        match self.key_problem(key) {
            Some(problem) => {
                self.errors.insert(KMS_PICK, problem);
            }
            None => self.draft.kms_pick = Some(i),
        }
    }

    // Review.

    fn metadata(&self) -> BTreeMap<String, String> {
        let mut m = BTreeMap::new();
        let mut put = |k: &str, v: String| {
            m.insert(k.to_string(), v);
        };
        put(
            "DestinationBucketName",
            self.destination_name().unwrap_or_default(),
        );
        put("NewBucket", (self.draft.destination == TO_NEW).to_string());
        put("Encrypted", (self.draft.encryption != ORIGINAL).to_string());
        let encryption_type = match self.draft.encryption {
            SSE_S3 => "SSE-S3",
            SSE_KMS => "SSE-KMS",
            _ => "original",
        };
        put("EncryptionType", encryption_type.to_string());
        if self.draft.encryption == SSE_KMS {
            put("KMSKey", self.kms_key().unwrap_or_default());
        }
        if self.item_level() {
            // The API takes a list as a JSON-encoded string.
            let items = serde_json::to_string(&self.draft.items).unwrap_or_default();
            put("ItemsToRestore", items);
        }
        if let Some(t) = self.specific_time() {
            put("RestoreTime", rfc3339(t));
        }
        put("RestoreACLs", self.restore_acls().to_string());
        put("CreationToken", self.ctx.idempotency_token.clone());
        m
    }

    fn destination_summary(&self) -> String {
        let name = self
            .destination_name()
            .unwrap_or_else(|| "(not chosen)".into());
        let known = |name: &str| {
            self.find_bucket(name)
                .map_or_else(String::new, |b| format!(" ({})", bucket_detail(b)))
        };
        match self.draft.destination {
            TO_EXISTING => format!("existing bucket {name}{}", known(&name)),
            TO_NEW => format!("new bucket {name} (versioning on, ACLs enabled)"),
            _ => format!("source bucket {name}{}", known(&name)),
        }
    }

    fn items_summary(&self) -> String {
        if !self.item_level() {
            return format!("entire bucket {}", self.source_bucket());
        }
        let n = self.draft.items.len();
        let noun = if n == 1 { "object" } else { "objects" };
        format!("{n} {noun}: {}", self.draft.items.join(", "))
    }

    fn encryption_summary(&self) -> String {
        match self.draft.encryption {
            SSE_S3 => "SSE-S3 (Amazon S3 key)".into(),
            SSE_KMS => {
                let key = match self.draft.kms {
                    AWS_MANAGED => Some(AWS_S3_ALIAS.to_string()),
                    CHOOSE => self
                        .draft
                        .kms_pick
                        .map(|i| self.key_options()[i].label.clone()),
                    _ => self.kms_key(),
                };
                format!(
                    "SSE-KMS with {}",
                    key.unwrap_or_else(|| "(no key chosen)".into())
                )
            }
            _ => "original keys (unencrypted objects stay unencrypted)".into(),
        }
    }
}

impl Form for S3Wizard {
    fn title(&self) -> String {
        format!("Restore S3 bucket {}", self.source_bucket())
    }

    fn steps(&self) -> Vec<&'static str> {
        self.step_list().into_iter().map(Step::name).collect()
    }

    fn step(&self) -> usize {
        self.step
    }

    fn items(&self) -> Vec<Item> {
        let mut items = match self.current() {
            Step::RestoreTime => self.time_items(),
            Step::Settings => self.settings_items(),
            Step::Destination => self.destination_items(),
            Step::Encryption => self.encryption_items(),
            Step::Role => self.role_items(),
            Step::Review => self.review_items(),
        };
        if self.step == 0 {
            items.insert(0, self.region_note());
        }
        items
    }

    fn input(&mut self, id: FieldId, input: Input) {
        self.dirty = true;
        // Only what the user can see on this step may change; a stale id is ignored.
        let visible = self
            .items()
            .iter()
            .filter_map(Item::field)
            .any(|f| f.id == id);
        if !visible {
            return;
        }
        self.errors.remove(id);
        self.apply(id, input);
    }

    fn next(&mut self) -> bool {
        let step = self.current();
        if step == Step::Review {
            return false;
        }
        for id in step.field_ids() {
            self.errors.remove(id);
        }
        let failures = self.check(step);
        if failures.is_empty() {
            self.step += 1;
            return true;
        }
        self.errors.extend(failures);
        false
    }

    fn back(&mut self) -> bool {
        if self.step == 0 {
            return false;
        }
        self.step -= 1;
        true
    }

    fn summary(&self) -> Vec<(String, String)> {
        let mut lines = vec![("Region".to_string(), self.ctx.region.clone())];
        if self.is_continuous() {
            let time = match self.draft.time {
                LATEST => "latest restorable time".to_string(),
                _ => self
                    .specific_time()
                    .map_or_else(|| "(invalid time)".into(), rfc3339),
            };
            lines.push(("Restore time".into(), time));
        }
        lines.push(("Items".into(), self.items_summary()));
        lines.push(("Destination".into(), self.destination_summary()));
        lines.push(("Encryption".into(), self.encryption_summary()));
        let acls = if self.restore_acls() {
            "restored from the backup"
        } else {
            "none in the backup"
        };
        lines.push(("ACLs".into(), acls.into()));
        let role = self.role_arn().unwrap_or_else(|| "(not chosen)".into());
        lines.push(("Role".into(), role));
        lines
    }

    fn is_dirty(&self) -> bool {
        self.dirty
    }

    fn typed_confirmation(&self) -> Option<String> {
        let source = self.source_bucket();
        (self.destination_name().as_deref() == Some(source)).then(|| source.to_string())
    }

    fn typed_confirmation_what(&self) -> &'static str {
        "the bucket's name"
    }
}

impl RestoreWizard for S3Wizard {
    fn region(&self) -> &str {
        &self.ctx.region
    }

    fn request(&self) -> Result<RestoreRequest, String> {
        for step in self.step_list() {
            if let Some((_, e)) = self.check(step).into_iter().next() {
                return Err(format!("{}: {e}", step.name()));
            }
        }
        let role = self.role_arn().ok_or("Role: Choose an IAM role.")?;
        Ok(RestoreRequest {
            region: self.ctx.region.clone(),
            recovery_point_arn: self.ctx.recovery_point.arn.to_string(),
            resource_type: ResourceType::S3,
            // Explicit even for the default role, so the review shows exactly who restores.
            iam_role_arn: Some(role),
            idempotency_token: self.ctx.idempotency_token.clone(),
            metadata: self.metadata(),
        })
    }
}

/// Sets a choice, ignoring an index past the options.
fn set_choice(choice: &mut Choice, i: usize, options: usize) {
    if i < options {
        *choice = i;
    }
}

/// `versioning on, ACLs enabled`.
fn bucket_detail(b: &Bucket) -> String {
    let versioning = if b.versioning { "on" } else { "off" };
    let acls = if b.acls_enabled {
        "enabled"
    } else {
        "disabled"
    };
    format!("versioning {versioning}, ACLs {acls}")
}

/// `arn:aws:kms:…:key/1f0c…` → `1f0c…`, for a key without an alias.
fn key_id(arn: &str) -> &str {
    arn.rsplit('/').next().unwrap_or(arn)
}

/// `2026-11-19T08:00:00Z`, the format `RestoreTime` takes; fractions only when present.
fn rfc3339(t: OffsetDateTime) -> String {
    let t = t.to_offset(UtcOffset::UTC);
    let formatted = if t.nanosecond() == 0 {
        t.format(format_description!(
            "[year]-[month]-[day]T[hour]:[minute]:[second]Z"
        ))
    } else {
        t.format(format_description!(
            "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond]Z"
        ))
    };
    formatted.unwrap_or_default()
}

/// Rounds up to a whole second, so the window shown only holds times the check accepts.
fn ceil_second(t: OffsetDateTime) -> OffsetDateTime {
    match t.replace_nanosecond(0) {
        Ok(whole) if whole != t => whole + Duration::SECOND,
        _ => t,
    }
}

#[cfg(test)]
mod tests;
