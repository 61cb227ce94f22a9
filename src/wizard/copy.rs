//! The on-demand copy wizard: destination (Region and vault), role and lifecycle, then review
//! of the StartCopyJob (after a CreateBackupVault when the vault is new).

use super::destination::{DESTINATION_IDS, Destination};
use super::form::{FieldId, Input, Item};
use super::lifecycle::{LIFECYCLE_IDS, LifecycleFields, LifecycleUse};
use super::parts::{Problem, RoleChooser, RoleWording, WizardCore};
use super::{After, Form, Wizard};
use crate::action::Loaded;
use crate::backend::BackendError;
use crate::domain::copy::{
    CopyRequest, SAME_VAULT, arn_region, cold_storage_note, destination_problem, never_expire_note,
    only_within_region, region_problem,
};
use crate::domain::restore::IamRole;
use crate::domain::{RecoveryPoint, WriteRequest};
use crate::effect::Query;
use crate::palette::{JobTab, Section};
use crate::tracker::{Followed, JobKind};

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

const STEPS: [&str; 3] = ["Destination", "Role and lifecycle", "Review"];
const DESTINATION: usize = 0;
const ROLE_AND_LIFECYCLE: usize = 1;

/// The copy wizard's wording (StartCopyJob requires a role, so the request always names one).
const COPY_ROLE: RoleWording = RoleWording {
    label: "IAM role",
    pick_label: "Role",
    placeholder_role: "BackupCopyRole",
};

/// Copies one recovery point to a vault in any Region (or account) the rules allow.
#[derive(Debug, Clone)]
pub struct CopyWizard {
    ctx: CopyContext,
    core: WizardCore,
    destination: Destination,
    role: RoleChooser,
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
            role: RoleChooser::new(COPY_ROLE, &ctx.account_id),
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
                let mut ids = RoleChooser::FIELD_IDS.to_vec();
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
        let mut items = self.role.items(&self.ctx.roles, &self.core);
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
            iam_role_arn: self.role.arn(&self.ctx.roles),
            idempotency_token: self.ctx.idempotency_token.clone(),
            lifecycle: self.lifecycle.lifecycle()?,
        })
    }

    fn destination_region(&self) -> &str {
        self.destination.region().unwrap_or_default()
    }
}

impl Form for CopyWizard {
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
                self.role.input(&self.ctx.roles, id, &input);
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
            (
                "IAM role".into(),
                role_label(&self.role.arn(&self.ctx.roles)),
            ),
            ("Lifecycle".into(), self.lifecycle.summary()),
        ]
    }

    fn is_dirty(&self) -> bool {
        self.core.is_dirty()
    }
}

impl Wizard for CopyWizard {
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
        Some(After::Job {
            job: Followed {
                kind: JobKind::Copy,
                region: self.ctx.source_region.clone(),
                id: last_id.to_string(),
            },
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
