//! The on-demand copy wizard: destination (Region and vault), role and lifecycle, then review
//! of the StartCopyJob (after a CreateBackupVault when the vault is new).

use super::destination::{DESTINATION_IDS, Destination};
use super::form::{Field, FieldId, Input, Item, PickOption};
use super::lifecycle::{LIFECYCLE_IDS, LifecycleFields, LifecycleUse};
use super::parts::{Problem, WizardCore, set_choice, set_text};
use super::{After, Wizard};
use crate::action::Loaded;
use crate::backend::BackendError;
use crate::domain::copy::{
    CopyRequest, SAME_VAULT, arn_region, cold_storage_note, destination_problem, never_expire_note,
    only_within_region, region_problem,
};
use crate::domain::restore::IamRole;
use crate::domain::{RecoveryPoint, WriteRequest, validate};
use crate::effect::Query;
use crate::palette::{JobTab, Section};

/// Everything the copy wizard needs, gathered before it opens.
#[derive(Debug, Clone, PartialEq)]
pub struct CopyContext {
    pub recovery_point: RecoveryPoint,
    /// The recovery point's Region: StartCopyJob is sent there.
    pub source_region: String,
    pub account_id: String,
    /// The account's roles to choose from (empty if they could not be listed).
    pub roles: Vec<IamRole>,
    /// One token per wizard opening: every submit of this draft reuses it.
    pub idempotency_token: String,
    /// The CreatorRequestId of a vault made on the way, reused on retry likewise.
    pub vault_request_id: String,
}

impl CopyContext {
    /// `arn:aws:iam::<account>:role/service-role/AWSBackupDefaultServiceRole`.
    pub fn default_role_arn(&self) -> String {
        format!(
            "arn:aws:iam::{}:role/service-role/AWSBackupDefaultServiceRole",
            self.account_id
        )
    }
}

const STEPS: [&str; 3] = ["Destination", "Role and lifecycle", "Review"];
const DESTINATION: usize = 0;
const ROLE_AND_LIFECYCLE: usize = 1;

const ROLE_CHOICE: FieldId = "copy_role_choice";
const ROLE_PICK: FieldId = "copy_role";
const ROLE_ARN: FieldId = "copy_role_arn";
const ROLE_OPTIONS: [&str; 3] = ["Default role", "Choose an IAM role", "Enter a role ARN"];
const CHOOSE_ROLE: usize = 1;
const ENTER_ROLE: usize = 2;

/// The role AWS Backup assumes to copy: StartCopyJob requires one, so it is always explicit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct RoleChoice {
    choice: usize,
    picked: Option<usize>,
    arn: String,
}

impl RoleChoice {
    const FIELD_IDS: [FieldId; 3] = [ROLE_CHOICE, ROLE_PICK, ROLE_ARN];

    fn items(&self, ctx: &CopyContext, core: &WizardCore) -> Vec<Item> {
        let mut choice = Field::choice(ROLE_CHOICE, "IAM role", &ROLE_OPTIONS, self.choice);
        if self.choice == 0 {
            choice = choice.with_help(ctx.default_role_arn());
        }
        let mut items = vec![core.field(choice)];
        match self.choice {
            CHOOSE_ROLE => {
                let option = |r: &IamRole| PickOption {
                    label: r.name.clone(),
                    detail: r.arn.clone(),
                    problem: None,
                };
                let options = ctx.roles.iter().map(option).collect();
                items.push(core.field(Field::pick(ROLE_PICK, "Role", options, self.picked)));
            }
            ENTER_ROLE => {
                let placeholder = format!("arn:aws:iam::{}:role/BackupCopyRole", ctx.account_id);
                items.push(core.field(Field::text(ROLE_ARN, "Role ARN", &self.arn, &placeholder)));
            }
            _ => {}
        }
        items
    }

    fn input(&mut self, ctx: &CopyContext, id: FieldId, input: &Input) {
        match (id, input) {
            (ROLE_CHOICE, _) => set_choice(&mut self.choice, ROLE_OPTIONS.len(), input),
            (ROLE_PICK, Input::Choose(i)) if *i < ctx.roles.len() => self.picked = Some(*i),
            (ROLE_ARN, _) => set_text(&mut self.arn, input),
            _ => {}
        }
    }

    fn check(&self) -> Vec<Problem> {
        match self.choice {
            CHOOSE_ROLE if self.picked.is_none() => vec![(ROLE_PICK, "Choose an IAM role.".into())],
            ENTER_ROLE => validate::iam_role_arn(self.arn.trim())
                .err()
                .map(|e| (ROLE_ARN, e))
                .into_iter()
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The role as sent (checked by `check`, not here).
    fn arn(&self, ctx: &CopyContext) -> String {
        match self.choice {
            CHOOSE_ROLE => self
                .picked
                .and_then(|i| ctx.roles.get(i))
                .map(|r| r.arn.clone())
                .unwrap_or_default(),
            ENTER_ROLE => self.arn.trim().to_string(),
            _ => ctx.default_role_arn(),
        }
    }
}

/// Copies one recovery point to a vault in any Region (or account) the rules allow.
#[derive(Debug, Clone)]
pub struct CopyWizard {
    ctx: CopyContext,
    core: WizardCore,
    destination: Destination,
    role: RoleChoice,
    lifecycle: LifecycleFields,
}

impl CopyWizard {
    /// A wizard for a recovery point that can be copied (`why_not_copyable` said nothing).
    pub fn new(ctx: CopyContext) -> CopyWizard {
        let rp = &ctx.recovery_point;
        let source = ctx.source_region.as_str();
        let destination = Destination::new(
            DESTINATION_IDS,
            &ctx.account_id,
            source,
            ctx.vault_request_id.clone(),
        )
        .with_region_rule(|region| region_problem(rp, source, region))
        .avoiding_vault(&rp.vault_arn, SAME_VAULT);
        CopyWizard {
            core: WizardCore::new(&STEPS),
            destination,
            role: RoleChoice::default(),
            lifecycle: LifecycleFields::new(LIFECYCLE_IDS, LifecycleUse::Copy),
            ctx,
        }
    }

    fn rp(&self) -> &RecoveryPoint {
        &self.ctx.recovery_point
    }

    fn step_ids(&self, step: usize) -> Vec<FieldId> {
        match step {
            DESTINATION => self.destination.field_ids().to_vec(),
            ROLE_AND_LIFECYCLE => {
                let mut ids = RoleChoice::FIELD_IDS.to_vec();
                ids.extend(self.lifecycle.field_ids());
                ids
            }
            _ => Vec::new(),
        }
    }

    fn check(&self, step: usize) -> Vec<Problem> {
        match step {
            DESTINATION => {
                let problems = self.destination.check();
                if !problems.is_empty() {
                    return problems;
                }
                let arn = self.destination.vault_arn().unwrap_or_default();
                destination_problem(self.rp(), &self.ctx.source_region, &arn)
                    .map(|p| (self.destination.vault_field(), p))
                    .into_iter()
                    .collect()
            }
            ROLE_AND_LIFECYCLE => {
                let mut problems = self.role.check();
                problems.extend(self.lifecycle.problems());
                problems
            }
            _ => Vec::new(),
        }
    }

    fn destination_items(&self) -> Vec<Item> {
        let rp = self.rp();
        let mut items = vec![Item::note(format!(
            "From vault {} in {}. The copy is encrypted with the destination vault's key.",
            rp.vault_name, self.ctx.source_region
        ))];
        if let Some(limit) = only_within_region(rp, &self.ctx.source_region) {
            items.push(Item::warning(limit));
        }
        items.extend(self.destination.items(&self.core));
        items
    }

    fn role_and_lifecycle_items(&self) -> Vec<Item> {
        let mut items = self.role.items(&self.ctx, &self.core);
        items.push(Item::Heading("Lifecycle of the copy".into()));
        items.extend(
            self.lifecycle
                .items(cold_storage_note(self.rp()).as_deref()),
        );
        if self.lifecycle.never_expires()
            && let Some(note) = never_expire_note(self.rp())
        {
            items.push(Item::warning(note));
        }
        items
    }

    fn copy_request(&self) -> Result<CopyRequest, String> {
        let rp = self.rp();
        Ok(CopyRequest {
            region: self.ctx.source_region.clone(),
            recovery_point_arn: rp.arn.to_string(),
            source_vault_name: rp.vault_name.to_string(),
            destination_vault_arn: self.destination.vault_arn().unwrap_or_default(),
            iam_role_arn: self.role.arn(&self.ctx),
            idempotency_token: self.ctx.idempotency_token.clone(),
            lifecycle: self.lifecycle.lifecycle()?,
        })
    }

    fn destination_region(&self) -> &str {
        self.destination.region().unwrap_or_default()
    }
}

impl Wizard for CopyWizard {
    fn title(&self) -> String {
        let rp = self.rp();
        format!("Copy {} backup of {}", rp.resource_type, rp.resource_name)
    }

    fn steps(&self) -> Vec<&'static str> {
        self.core.steps()
    }

    fn step(&self) -> usize {
        self.core.step()
    }

    fn items(&self) -> Vec<Item> {
        match self.core.step() {
            DESTINATION => self.destination_items(),
            ROLE_AND_LIFECYCLE => self.role_and_lifecycle_items(),
            _ => Vec::new(),
        }
    }

    fn input(&mut self, id: FieldId, input: Input) {
        let items = self.items();
        if !self.core.begin_input(&items, id) {
            return;
        }
        match self.core.step() {
            DESTINATION => {
                let refusal = self.destination.input(id, &input);
                self.core.refuse(id, refusal);
            }
            ROLE_AND_LIFECYCLE => {
                // Each takes only its own fields.
                self.lifecycle.input(id, &input);
                self.role.input(&self.ctx, id, &input);
            }
            _ => {}
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
        let rp = self.rp();
        vec![
            ("Recovery point".into(), rp.short_id().to_string()),
            (
                "From".into(),
                format!("{} in {}", rp.vault_name, self.ctx.source_region),
            ),
            ("To".into(), self.destination.summary()),
            ("IAM role".into(), role_label(&self.role.arn(&self.ctx))),
            ("Lifecycle".into(), self.lifecycle.summary()),
        ]
    }

    fn is_dirty(&self) -> bool {
        self.core.is_dirty()
    }

    fn confirm_question(&self) -> String {
        let (from, to) = (&self.ctx.source_region, self.destination_region());
        match self.destination.vault_request() {
            Some(vault) => format!(
                "Create vault {} in {to} and start this copy job from {from} to {to}?",
                vault.name
            ),
            None => format!("Start this copy job from {from} to {to}?"),
        }
    }

    fn submit_label(&self) -> &'static str {
        "start copy"
    }

    fn requests(&self) -> Result<Vec<WriteRequest>, String> {
        self.core.first_problem(|step| self.check(step))?;
        let mut requests = Vec::with_capacity(2);
        // The vault must exist before the copy that goes into it: the host sends in order.
        if let Some(vault) = self.destination.vault_request() {
            requests.push(WriteRequest::CreateVault(vault));
        }
        requests.push(WriteRequest::Copy(self.copy_request()?));
        Ok(requests)
    }

    fn wanted(&self) -> Vec<Query> {
        self.destination.wanted()
    }

    fn supply(&mut self, query: &Query, page: Result<Loaded, BackendError>, done: bool) {
        self.destination.supply(query, page, done);
    }

    fn after(&self, last_id: &str) -> Option<After> {
        let destination = self
            .destination
            .vault_arn()
            .map(|arn| arn_region(&arn).to_string())
            .unwrap_or_default();
        Some(After::Go {
            region: self.ctx.source_region.clone(),
            section: Section::Jobs(JobTab::Copy),
            notice: format!(
                "Copy job {last_id} started: {} → {destination}.",
                self.ctx.source_region
            ),
        })
    }
}

/// `service-role/AWSBackupDefaultServiceRole`: the role without the ARN's prefix, so the
/// review's summary fits 80 columns (the request below it shows the whole ARN).
fn role_label(arn: &str) -> String {
    match arn.split_once(":role/") {
        Some((_, role)) => role.to_string(),
        None if arn.is_empty() => "(not chosen)".into(),
        None => arn.to_string(),
    }
}

#[cfg(test)]
mod tests;
