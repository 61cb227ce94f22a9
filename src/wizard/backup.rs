//! The on-demand backup wizard: vault and role, then backup window and lifecycle, then review
//! of the StartBackupJob (after a CreateBackupVault when the vault is new).

use super::destination::{DESTINATION_IDS, Destination};
use super::form::{Field, FieldId, Input, Item};
use super::lifecycle::{LIFECYCLE_IDS, LifecycleFields, LifecycleUse};
use super::parts::{Problem, RoleChooser, RoleWording, WizardCore, set_text};
use super::{After, Form, Wizard};
use crate::action::Loaded;
use crate::backend::BackendError;
use crate::domain::backup::{
    BackupRequest, DEFAULT_START_WINDOW_MINUTES, cold_storage_note, complete_window_minutes,
    lock_range, minutes, start_window_minutes, vault_lock_problem,
};
use crate::domain::plan::minutes_label;
use crate::domain::restore::IamRole;
use crate::domain::settings::RegionSettings;
use crate::domain::{BackupVault, ProtectedResource, WriteRequest};
use crate::effect::Query;
use crate::palette::{JobTab, Section};
use crate::tracker::{Followed, JobKind};

/// Everything the backup wizard needs, gathered before it opens.
#[derive(Debug, Clone, PartialEq)]
pub struct BackupContext {
    pub resource: ProtectedResource,
    /// The resource's Region: the backup runs there, into a vault of that Region.
    pub region: String,
    pub account_id: String,
    /// The Region's vaults, or why they could not be listed.
    pub vaults: Result<Vec<BackupVault>, BackendError>,
    /// The account's roles to choose from (empty if they could not be listed).
    pub roles: Vec<IamRole>,
    /// The Region's service opt-in, if it could be read (for the cold storage note).
    pub settings: Option<RegionSettings>,
    /// One token per wizard opening: every submit of this draft reuses it.
    pub idempotency_token: String,
    /// The CreatorRequestId of a vault made on the way, reused on retry likewise.
    pub vault_request_id: String,
}

const STEPS: [&str; 3] = ["Vault and role", "Window and lifecycle", "Review"];
const VAULT_AND_ROLE: usize = 0;
const WINDOW_AND_LIFECYCLE: usize = 1;

pub const START_WINDOW: FieldId = "start_window_minutes";
pub const COMPLETE_WINDOW: FieldId = "complete_window_minutes";

/// StartBackupJob requires a role, so the request always names one.
const BACKUP_ROLE: RoleWording = RoleWording {
    label: "IAM role",
    pick_label: "Role",
    placeholder_role: "BackupRole",
};

/// Backs up one protected resource now, into a vault of its Region.
#[derive(Debug, Clone)]
pub struct BackupWizard {
    ctx: BackupContext,
    core: WizardCore,
    vault: Destination,
    role: RoleChooser,
    start: String,
    complete: String,
    lifecycle: LifecycleFields,
    /// The vault chosen for the user on opening (see `vault_candidates`), to say why.
    preselected: Option<String>,
}

/// Where the user most likely wants the backup, best first: the vault of the resource's last
/// backup, then the Region's `Default` vault (the console's choice).
fn vault_candidates(ctx: &BackupContext) -> impl Iterator<Item = String> + '_ {
    let default = ctx.vaults.as_ref().ok().and_then(|vaults| {
        vaults
            .iter()
            .find(|v| &*v.name == "Default")
            .map(|v| v.arn.to_string())
    });
    let last = ctx
        .resource
        .last_backup_vault_arn
        .as_ref()
        .map(|a| a.to_string());
    last.into_iter().chain(default)
}

impl BackupWizard {
    pub fn new(ctx: BackupContext) -> BackupWizard {
        let mut vault = Destination::in_region(
            DESTINATION_IDS,
            &ctx.account_id,
            &ctx.region,
            ctx.vault_request_id.clone(),
        );
        // The loader listed the Region's vaults already: the wizard asks for nothing more.
        let query = Query::BackupVaults {
            region: ctx.region.clone(),
        };
        vault.supply(&query, ctx.vaults.clone().map(Loaded::Vaults), true);
        // The first candidate that is listed (and allowed) is chosen.
        let preselected = vault_candidates(&ctx).find(|arn| vault.preselect(arn));
        BackupWizard {
            preselected,
            core: WizardCore::new(&STEPS),
            vault,
            role: RoleChooser::new(BACKUP_ROLE, &ctx.account_id),
            start: String::new(),
            complete: String::new(),
            lifecycle: LifecycleFields::new(LIFECYCLE_IDS, LifecycleUse::PlanRule),
            ctx,
        }
    }

    fn step_ids(&self, step: usize) -> Vec<FieldId> {
        match step {
            VAULT_AND_ROLE => {
                let mut ids = self.vault.field_ids().to_vec();
                ids.extend(RoleChooser::FIELD_IDS);
                ids
            }
            WINDOW_AND_LIFECYCLE => {
                let mut ids = vec![START_WINDOW, COMPLETE_WINDOW];
                ids.extend(self.lifecycle.field_ids());
                ids
            }
            _ => Vec::new(),
        }
    }

    /// The existing vault chosen, with its lock (a new vault has none).
    fn chosen_vault(&self) -> Option<&BackupVault> {
        let arn = self.vault.vault_arn()?;
        let vaults = self.ctx.vaults.as_ref().ok()?;
        vaults.iter().find(|v| *v.arn == arn)
    }

    /// The typed windows, each checked (on its own field).
    fn window_problems(&self) -> Vec<Problem> {
        let start = minutes(&self.start).and_then(|s| start_window_minutes(s).map(|()| s));
        let complete = minutes(&self.complete);
        let mut problems = Vec::new();
        if let Err(message) = &start {
            problems.push((START_WINDOW, message.clone()));
        }
        match (start, complete) {
            (_, Err(message)) => problems.push((COMPLETE_WINDOW, message)),
            (Ok(start), Ok(complete)) => {
                if let Err(message) = complete_window_minutes(start, complete) {
                    problems.push((COMPLETE_WINDOW, message));
                }
            }
            // Compared once the start window is right.
            (Err(_), Ok(_)) => {}
        }
        problems
    }

    /// The lifecycle's own rules, then the chosen vault's lock (shown under the expiry).
    fn lifecycle_problems(&self) -> Vec<Problem> {
        let problems = self.lifecycle.problems();
        if !problems.is_empty() {
            return problems;
        }
        let lifecycle = self.lifecycle.lifecycle().ok().flatten();
        self.chosen_vault()
            .and_then(|vault| vault_lock_problem(vault, lifecycle.as_ref()))
            .map(|p| (LIFECYCLE_IDS.expire, p))
            .into_iter()
            .collect()
    }

    fn check(&self, step: usize) -> Vec<Problem> {
        match step {
            VAULT_AND_ROLE => {
                let mut problems = self.vault.check();
                problems.extend(self.role.check());
                problems
            }
            WINDOW_AND_LIFECYCLE => {
                let mut problems = self.window_problems();
                problems.extend(self.lifecycle_problems());
                problems
            }
            _ => Vec::new(),
        }
    }

    fn vault_and_role_items(&self) -> Vec<Item> {
        let mut items = vec![Item::note(format!(
            "Backs up {} ({}) now, in {}.",
            self.ctx.resource.name, self.ctx.resource.resource_type, self.ctx.region
        ))];
        items.extend(self.vault.items(&self.core));
        if let Some(note) = self.preselection_note() {
            items.push(Item::note(note));
        }
        items.extend(self.role.items(&self.ctx.roles, &self.core));
        items
    }

    /// Says why the vault shown was chosen, while it still is.
    fn preselection_note(&self) -> Option<String> {
        let preselected = self.preselected.as_deref()?;
        if self.vault.vault_arn().as_deref() != Some(preselected) {
            return None;
        }
        let last = self.ctx.resource.last_backup_vault_arn.as_deref();
        Some(if last == Some(preselected) {
            format!(
                "Preselected: the vault of the last backup of {}.",
                self.ctx.resource.name
            )
        } else {
            "Preselected: the Region's Default vault.".to_string()
        })
    }

    fn window_and_lifecycle_items(&self) -> Vec<Item> {
        let problems = self.window_problems();
        let error = |id: FieldId| {
            problems
                .iter()
                .find(|(field, _)| *field == id)
                .map(|(_, message)| message.clone())
        };
        let default_start = minutes_label(DEFAULT_START_WINDOW_MINUTES);
        let start = Field::text(
            START_WINDOW,
            "Start within (minutes)",
            &self.start,
            &format!("{DEFAULT_START_WINDOW_MINUTES} ({default_start}, AWS's default)"),
        )
        .with_error(error(START_WINDOW))
        .with_help("If the backup has not started by then, it is not made.");
        let complete = Field::text(
            COMPLETE_WINDOW,
            "Complete within (minutes)",
            &self.complete,
            "no limit",
        )
        .with_error(error(COMPLETE_WINDOW))
        .with_help("Still running by then, it is stopped (PARTIAL or FAILED).");
        let mut items = vec![
            Item::Heading("Backup window".into()),
            Item::Field(start),
            Item::Field(complete),
            Item::Heading("Lifecycle".into()),
        ];
        if let Some(vault) = self.chosen_vault()
            && let Some(range) = lock_range(vault)
        {
            items.push(Item::warning(format!(
                "Vault {} is under Vault Lock: it keeps recovery points {range}.",
                vault.name
            )));
        }
        let note = cold_storage_note(&self.ctx.resource.resource_type, self.ctx.settings.as_ref());
        let lifecycle_error = self.lifecycle_problems().into_iter().next();
        for item in self.lifecycle.items(note.as_deref()) {
            // The lock's refusal shows under the expiry, with the lifecycle's own rules.
            items.push(match item {
                Item::Field(field) if field.id == LIFECYCLE_IDS.expire && field.error.is_none() => {
                    let lock = lifecycle_error.clone().map(|(_, message)| message);
                    Item::Field(field.with_error(lock))
                }
                other => other,
            });
        }
        items
    }

    fn backup_request(&self) -> Result<BackupRequest, String> {
        let window = |text: &str| minutes(text).ok().flatten();
        Ok(BackupRequest {
            region: self.ctx.region.clone(),
            vault_name: self.vault.vault_name().unwrap_or_default(),
            resource_arn: self.ctx.resource.arn.to_string(),
            resource_name: self.ctx.resource.name.to_string(),
            iam_role_arn: self.role.arn(&self.ctx.roles),
            idempotency_token: self.ctx.idempotency_token.clone(),
            start_window_minutes: window(&self.start),
            complete_window_minutes: window(&self.complete),
            lifecycle: self.lifecycle.lifecycle()?,
        })
    }

    fn window_summary(text: &str, default: &str) -> String {
        match minutes(text) {
            Ok(Some(m)) => minutes_label(m),
            Ok(None) => default.to_string(),
            Err(_) => "(not valid yet)".into(),
        }
    }
}

impl Form for BackupWizard {
    fn title(&self) -> String {
        let r = &self.ctx.resource;
        format!("Back up {} {} now", r.resource_type, r.name)
    }

    fn steps(&self) -> Vec<&'static str> {
        self.core.steps()
    }

    fn step(&self) -> usize {
        self.core.step()
    }

    fn items(&self) -> Vec<Item> {
        match self.core.step() {
            VAULT_AND_ROLE => self.vault_and_role_items(),
            WINDOW_AND_LIFECYCLE => self.window_and_lifecycle_items(),
            _ => Vec::new(),
        }
    }

    fn input(&mut self, id: FieldId, input: Input) {
        let items = self.items();
        if !self.core.begin_input(&items, id) {
            return;
        }
        match self.core.step() {
            VAULT_AND_ROLE => {
                // Each takes only its own fields.
                let refusal = self.vault.input(id, &input);
                self.core.refuse(id, refusal);
                self.role.input(&self.ctx.roles, id, &input);
            }
            WINDOW_AND_LIFECYCLE => match id {
                START_WINDOW => set_text(&mut self.start, &input),
                COMPLETE_WINDOW => set_text(&mut self.complete, &input),
                _ => {
                    self.lifecycle.input(id, &input);
                }
            },
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
        let role = self.role.arn(&self.ctx.roles);
        let role_name = role.rsplit('/').next().unwrap_or_default().to_string();
        vec![
            (
                "Resource".into(),
                format!(
                    "{} ({})",
                    self.ctx.resource.name, self.ctx.resource.resource_type
                ),
            ),
            ("Vault".into(), self.vault.summary()),
            ("IAM role".into(), role_name),
            ("Backup window".into(), {
                let start = Self::window_summary(&self.start, "8 hours (AWS's default)");
                if self.complete.trim().is_empty() {
                    format!("Start within {start}; no completion limit")
                } else {
                    let complete = Self::window_summary(&self.complete, "");
                    format!("Start within {start}; complete within {complete}")
                }
            }),
            ("Lifecycle".into(), self.lifecycle.summary()),
        ]
    }

    fn is_dirty(&self) -> bool {
        self.core.is_dirty()
    }
}

impl Wizard for BackupWizard {
    fn confirm_question(&self) -> String {
        let (name, region) = (&self.ctx.resource.name, &self.ctx.region);
        match self.vault.vault_request() {
            Some(vault) => format!(
                "Create vault {} in {region} and start a backup of {name} into it now?",
                vault.name
            ),
            None => format!(
                "Start a backup of {name} into {} now?",
                self.vault.vault_name().unwrap_or_default()
            ),
        }
    }

    fn submit_label(&self) -> &'static str {
        "start backup"
    }

    fn requests(&self) -> Result<Vec<WriteRequest>, String> {
        self.core.first_problem(|step| self.check(step))?;
        let mut requests = Vec::with_capacity(2);
        // The vault must exist before the backup that goes into it: the host sends in order.
        if let Some(vault) = self.vault.vault_request() {
            requests.push(WriteRequest::CreateVault(vault));
        }
        requests.push(WriteRequest::StartBackup(self.backup_request()?));
        Ok(requests)
    }

    fn after(&self, last_id: &str) -> Option<After> {
        Some(After::Job {
            job: Followed {
                kind: JobKind::Backup,
                region: self.ctx.region.clone(),
                id: last_id.to_string(),
            },
            section: Section::Jobs(JobTab::Backup),
            notice: format!(
                "Backup job {last_id} started for {}.",
                self.ctx.resource.name
            ),
        })
    }
}

#[cfg(test)]
mod tests;
