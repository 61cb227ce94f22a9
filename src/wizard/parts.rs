//! Shared building blocks of the wizards: step bookkeeping, role and KMS key choosers, metadata helpers.

use super::RestoreContext;
use super::form::{Field, FieldId, Input, Item, PickOption};
use crate::domain::restore::{IamRole, KmsKey, RestoreRequest};
use crate::domain::validate;
use std::collections::BTreeMap;

/// A failed check: the field to mark and its message.
pub type Problem = (FieldId, String);

// ---------------------------------------------------------------------------------------------
// Bookkeeping shared by the wizards.

/// Step position, per-field errors and dirtiness: what every wizard tracks the same way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WizardCore {
    steps: &'static [&'static str],
    step: usize,
    errors: BTreeMap<FieldId, String>,
    dirty: bool,
}

impl WizardCore {
    pub fn new(steps: &'static [&'static str]) -> WizardCore {
        WizardCore {
            steps,
            step: 0,
            errors: BTreeMap::new(),
            dirty: false,
        }
    }

    pub fn steps(&self) -> Vec<&'static str> {
        self.steps.to_vec()
    }

    pub fn step(&self) -> usize {
        self.step
    }

    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// `field` as an item, carrying the message of its last failed check.
    pub fn field(&self, field: Field) -> Item {
        let error = self.errors.get(field.id).cloned();
        Item::Field(field.with_error(error))
    }

    /// Starts applying an input to `id`: true if the field is on screen (`items`), so it may
    /// change. Any input makes the draft dirty; the field's old error goes.
    pub fn begin_input(&mut self, items: &[Item], id: FieldId) -> bool {
        self.dirty = true;
        let visible = items.iter().filter_map(Item::field).any(|f| f.id == id);
        if visible {
            self.errors.remove(id);
        }
        visible
    }

    /// Shows why an input was refused (a pick with a problem).
    pub fn refuse(&mut self, id: FieldId, refusal: Option<String>) {
        if let Some(message) = refusal {
            self.errors.insert(id, message);
        }
    }

    /// Moves to the next step when `problems` (the current step's) is empty; otherwise shows
    /// them. `step_ids` are every field the step can show, whose old errors are dropped first.
    pub fn advance(&mut self, step_ids: &[FieldId], problems: Vec<Problem>) -> bool {
        if self.step + 1 >= self.steps.len() {
            return false;
        }
        for id in step_ids {
            self.errors.remove(id);
        }
        if problems.is_empty() {
            self.step += 1;
            return true;
        }
        self.errors.extend(problems);
        false
    }

    pub fn back(&mut self) -> bool {
        if self.step == 0 {
            return false;
        }
        self.step -= 1;
        true
    }

    /// Moves straight to `step`, for wizards whose steps repeat (a backup plan's Rule and Copy
    /// steps, once per rule). `leaving` are the fields of the step left, whose errors go.
    pub fn go_to(&mut self, step: usize, leaving: &[FieldId]) {
        self.clear_errors(leaving);
        self.step = step.min(self.steps.len().saturating_sub(1));
    }

    /// Drops the errors shown for `ids` (fields removed, or now showing another item).
    pub fn clear_errors(&mut self, ids: &[FieldId]) {
        for id in ids {
            self.errors.remove(id);
        }
    }

    /// The first problem of any step, as `request()` reports it: `Settings: <message>`.
    pub fn first_problem(&self, check: impl Fn(usize) -> Vec<Problem>) -> Result<(), String> {
        for (i, name) in self.steps.iter().enumerate() {
            if let Some((_, message)) = check(i).into_iter().next() {
                return Err(format!("{name}: {message}"));
            }
        }
        Ok(())
    }
}

/// Sets a choice from `Input::Choose`, ignoring an index past the options.
pub fn set_choice(choice: &mut usize, options: usize, input: &Input) {
    if let Input::Choose(i) = input
        && *i < options
    {
        *choice = *i;
    }
}

/// Sets a text from `Input::Text`.
pub fn set_text(text: &mut String, input: &Input) {
    if let Input::Text(t) = input {
        text.clone_from(t);
    }
}

/// The note every wizard opens with: restores never leave the recovery point's Region.
pub fn region_note(ctx: &RestoreContext) -> Item {
    Item::note(format!(
        "This restore runs in {}, the recovery point's Region: everything it creates or uses \
         must be in {}.",
        ctx.region, ctx.region
    ))
}

/// The review step's items: only what still blocks the restore (normally nothing).
pub fn review_items(request: &Result<RestoreRequest, String>) -> Vec<Item> {
    match request {
        Ok(_) => Vec::new(),
        Err(message) => vec![Item::warning(message.clone())],
    }
}

/// The request every wizard sends: the recovery point's Region and ARN, an explicit role.
pub fn build_request(
    ctx: &RestoreContext,
    role_arn: String,
    metadata: BTreeMap<String, String>,
) -> RestoreRequest {
    RestoreRequest {
        region: ctx.region.clone(),
        recovery_point_arn: ctx.recovery_point.arn.to_string(),
        resource_type: ctx.recovery_point.resource_type.clone(),
        // Explicit even for the default role, so the review shows exactly who restores.
        iam_role_arn: Some(role_arn),
        idempotency_token: ctx.idempotency_token.clone(),
        metadata,
    }
}

// Metadata keys are not case-sensitive for AWS Backup (aws-api.md section 2), and the
// service's own answer mixes cases, so keys are looked up ignoring case and an existing
// spelling is kept rather than sending the same key twice.

/// The metadata's own spelling of `name`, ignoring case.
pub fn find_key<'a>(metadata: &'a BTreeMap<String, String>, name: &str) -> Option<&'a str> {
    metadata
        .keys()
        .find(|k| k.eq_ignore_ascii_case(name))
        .map(String::as_str)
}

/// The value of key `name`, ignoring case.
pub fn meta_get<'a>(metadata: &'a BTreeMap<String, String>, name: &str) -> Option<&'a str> {
    find_key(metadata, name)
        .and_then(|k| metadata.get(k))
        .map(String::as_str)
}

/// Sets key `name`, keeping the metadata's spelling of it if it has one.
pub fn set_meta(metadata: &mut BTreeMap<String, String>, name: &str, value: impl Into<String>) {
    let key = find_key(metadata, name).unwrap_or(name).to_string();
    metadata.insert(key, value.into());
}

/// Removes key `name` in any spelling.
pub fn remove_meta(metadata: &mut BTreeMap<String, String>, name: &str) {
    metadata.retain(|k, _| !k.eq_ignore_ascii_case(name));
}

/// Whether `id` is `prefix` followed by 8 or 17 lowercase hexadecimal digits (`subnet-0a1b…`).
fn is_aws_id(id: &str, prefix: &str) -> bool {
    id.strip_prefix(prefix).is_some_and(|hex| {
        matches!(hex.len(), 8 | 17)
            && hex
                .chars()
                .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
    })
}

/// `subnet-0a1b2c3d4e5f60789`.
pub fn subnet_id(id: &str) -> Result<(), String> {
    if is_aws_id(id, "subnet-") {
        return Ok(());
    }
    Err(format!(
        "Subnet IDs look like subnet-0a1b2c3d4e5f60789 (subnet- then 8 or 17 hexadecimal digits), not {id:?}."
    ))
}

/// A JSON array of IDs that each start with `prefix`; `example` is a valid ID.
pub fn id_list(
    text: &str,
    prefix: &str,
    example: &str,
    required: bool,
) -> Result<Vec<String>, String> {
    let ids = validate::json_string_array(text)?;
    if required && ids.is_empty() {
        return Err(format!("Enter at least one ID, as in [\"{example}\"]."));
    }
    for (i, id) in ids.iter().enumerate() {
        if !is_aws_id(id, prefix) {
            return Err(format!(
                "Element {} ({id:?}) is not an ID like {example}.",
                i + 1
            ));
        }
    }
    Ok(ids)
}

// ---------------------------------------------------------------------------------------------
// The role step.

pub const ROLE_CHOICE: FieldId = "role_choice";
pub const ROLE_PICK: FieldId = "role";
pub const ROLE_ARN: FieldId = "role_arn";
const ROLE_OPTIONS: [&str; 3] = ["Default role", "Choose an IAM role", "Enter a role ARN"];
pub const CHOOSE_ROLE: usize = 1;
pub const ENTER_ROLE: usize = 2;

/// `arn:aws:iam::<account>:role/service-role/AWSBackupDefaultServiceRole`.
pub fn default_role_arn(account_id: &str) -> String {
    format!("arn:aws:iam::{account_id}:role/service-role/AWSBackupDefaultServiceRole")
}

/// How a wizard words its role chooser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoleWording {
    /// The choice between the default role, one of the account's, or an ARN.
    pub label: &'static str,
    /// The list of the account's roles.
    pub pick_label: &'static str,
    /// The role name in the example ARN of the typed choice.
    pub placeholder_role: &'static str,
}

/// The restore wizards' wording.
pub const RESTORE_ROLE: RoleWording = RoleWording {
    label: "Restore role",
    pick_label: "IAM role",
    placeholder_role: "BackupRestoreRole",
};

/// The role AWS Backup assumes: its default service role, one of the account's, or an ARN.
/// The account's roles are passed in by the wizard, which keeps them in its context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleChooser {
    wording: RoleWording,
    account_id: String,
    choice: usize,
    picked: Option<usize>,
    arn: String,
}

impl RoleChooser {
    pub const FIELD_IDS: [FieldId; 3] = [ROLE_CHOICE, ROLE_PICK, ROLE_ARN];

    /// Starts on the default role of `account_id`.
    pub fn new(wording: RoleWording, account_id: &str) -> RoleChooser {
        RoleChooser {
            wording,
            account_id: account_id.to_string(),
            choice: 0,
            picked: None,
            arn: String::new(),
        }
    }

    pub fn items(&self, roles: &[IamRole], core: &WizardCore) -> Vec<Item> {
        let wording = &self.wording;
        let mut choice = Field::choice(ROLE_CHOICE, wording.label, &ROLE_OPTIONS, self.choice);
        if self.choice == 0 {
            choice = choice.with_help(default_role_arn(&self.account_id));
        }
        let mut items = vec![core.field(choice)];
        match self.choice {
            CHOOSE_ROLE => {
                let option = |r: &IamRole| PickOption {
                    label: r.name.clone(),
                    detail: r.arn.clone(),
                    problem: None,
                };
                let options = roles.iter().map(option).collect();
                let pick = Field::pick(ROLE_PICK, wording.pick_label, options, self.picked);
                items.push(core.field(pick));
            }
            ENTER_ROLE => {
                let placeholder = format!(
                    "arn:aws:iam::{}:role/{}",
                    self.account_id, wording.placeholder_role
                );
                items.push(core.field(Field::text(ROLE_ARN, "Role ARN", &self.arn, &placeholder)));
            }
            _ => {}
        }
        items
    }

    pub fn input(&mut self, roles: &[IamRole], id: FieldId, input: &Input) {
        match (id, input) {
            (ROLE_CHOICE, _) => set_choice(&mut self.choice, ROLE_OPTIONS.len(), input),
            (ROLE_PICK, Input::Choose(i)) if *i < roles.len() => self.picked = Some(*i),
            (ROLE_ARN, _) => set_text(&mut self.arn, input),
            _ => {}
        }
    }

    pub fn check(&self) -> Vec<Problem> {
        match self.choice {
            CHOOSE_ROLE if self.picked.is_none() => vec![(ROLE_PICK, "Choose an IAM role.".into())],
            ENTER_ROLE => match validate::iam_role_arn(self.arn.trim()) {
                Err(e) => vec![(ROLE_ARN, e)],
                Ok(()) => Vec::new(),
            },
            _ => Vec::new(),
        }
    }

    /// The role as sent (checked by `check`, not here).
    pub fn arn(&self, roles: &[IamRole]) -> String {
        match self.choice {
            CHOOSE_ROLE => self
                .picked
                .and_then(|i| roles.get(i))
                .map(|r| r.arn.clone())
                .unwrap_or_default(),
            ENTER_ROLE => self.arn.trim().to_string(),
            _ => default_role_arn(&self.account_id),
        }
    }

    /// The role for the review's summary.
    pub fn summary(&self, roles: &[IamRole]) -> String {
        let arn = self.arn(roles);
        if arn.is_empty() {
            "(not chosen)".into()
        } else {
            arn
        }
    }
}

// ---------------------------------------------------------------------------------------------
// A customer-managed KMS key, from the account's keys or typed.

pub const KMS_CHOICE: FieldId = "kms_choice";
pub const KMS_PICK: FieldId = "kms_key";
pub const KMS_ARN: FieldId = "kms_key_arn";
const KMS_OPTIONS: [&str; 2] = ["Choose from your keys", "Enter a key ARN"];
const ENTER_KEY: usize = 1;

/// A customer-managed key: picked from the account's keys (AWS managed ones are left out: they
/// are offered as their own choice where they apply) or entered as an ARN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyChooser {
    keys: Vec<KmsKey>,
    source: usize,
    picked: Option<usize>,
    arn: String,
}

impl KeyChooser {
    pub const FIELD_IDS: [FieldId; 3] = [KMS_CHOICE, KMS_PICK, KMS_ARN];

    /// Starts on `initial` (a key ARN from the metadata) if there is one.
    pub fn new(ctx: &RestoreContext, initial: Option<&str>) -> KeyChooser {
        let keys: Vec<KmsKey> = ctx
            .kms_keys
            .iter()
            .filter(|k| !k.aws_managed)
            .cloned()
            .collect();
        let picked = initial.and_then(|arn| keys.iter().position(|k| k.arn == arn));
        let typed = if picked.is_none() {
            initial.unwrap_or_default().to_string()
        } else {
            String::new()
        };
        let source = if typed.is_empty() { 0 } else { ENTER_KEY };
        KeyChooser {
            keys,
            source,
            picked,
            arn: typed,
        }
    }

    fn options(&self, region: &str) -> Vec<PickOption> {
        let option = |k: &KmsKey| PickOption {
            label: k
                .alias
                .clone()
                .unwrap_or_else(|| k.arn.rsplit('/').next().unwrap_or(&k.arn).to_string()),
            detail: k.arn.clone(),
            problem: validate::kms_key_in_region(&k.arn, region).err(),
        };
        self.keys.iter().map(option).collect()
    }

    pub fn items(&self, ctx: &RestoreContext, core: &WizardCore) -> Vec<Item> {
        let mut items = vec![core.field(Field::choice(
            KMS_CHOICE,
            "Customer-managed key",
            &KMS_OPTIONS,
            self.source,
        ))];
        if self.source == ENTER_KEY {
            let placeholder = format!(
                "arn:aws:kms:{}:{}:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                ctx.region, ctx.account_id
            );
            items.push(core.field(Field::text(KMS_ARN, "Key ARN", &self.arn, &placeholder)));
            return items;
        }
        items.push(core.field(Field::pick(
            KMS_PICK,
            "KMS key",
            self.options(&ctx.region),
            self.picked,
        )));
        if self.keys.is_empty() {
            items.push(Item::warning(format!(
                "There are no customer-managed keys in {}: enter a key ARN instead.",
                ctx.region
            )));
        }
        items
    }

    /// Applies an input; a key that cannot be used is refused with the reason.
    pub fn input(&mut self, ctx: &RestoreContext, id: FieldId, input: &Input) -> Option<String> {
        match (id, input) {
            (KMS_CHOICE, _) => set_choice(&mut self.source, KMS_OPTIONS.len(), input),
            (KMS_PICK, Input::Choose(i)) => {
                let key = self.keys.get(*i)?;
                if let Err(problem) = validate::kms_key_in_region(&key.arn, &ctx.region) {
                    return Some(problem);
                }
                self.picked = Some(*i);
            }
            (KMS_ARN, _) => set_text(&mut self.arn, input),
            _ => {}
        }
        None
    }

    pub fn check(&self, ctx: &RestoreContext) -> Vec<Problem> {
        if self.source != ENTER_KEY {
            return match self.picked {
                None => vec![(KMS_PICK, "Choose a KMS key.".into())],
                Some(_) => Vec::new(),
            };
        }
        let arn = self.arn.trim();
        if arn.is_empty() {
            return vec![(KMS_ARN, "Enter a key ARN.".into())];
        }
        match validate::kms_key_arn(arn)
            .and_then(|()| validate::kms_key_in_region(arn, &ctx.region))
        {
            Err(e) => vec![(KMS_ARN, e)],
            Ok(()) => Vec::new(),
        }
    }

    /// The key as sent (checked by `check`, not here).
    pub fn arn(&self) -> String {
        match self.source {
            ENTER_KEY => self.arn.trim().to_string(),
            _ => self
                .picked
                .and_then(|i| self.keys.get(i))
                .map(|k| k.arn.clone())
                .unwrap_or_default(),
        }
    }

    /// `alias/restore-data` for a picked key, the ARN for a typed one.
    pub fn label(&self) -> String {
        let alias = self
            .picked
            .and_then(|i| self.keys.get(i))
            .and_then(|k| k.alias.clone());
        let shown = match (self.source, alias) {
            (ENTER_KEY, _) | (_, None) => self.arn(),
            (_, Some(alias)) => alias,
        };
        if shown.is_empty() {
            "(not chosen)".into()
        } else {
            shown
        }
    }
}
