//! Reusable "where to": a Region, then a vault there (loaded when the Region is chosen), a new
//! vault made on the way, or any vault by ARN (another account's). Used by the copy wizard and
//! by backup plan rules (target vault, copy rules).
//!
//! A wizard embeds a [`Destination`], forwards `items`, `input`, `check`, `wanted` and `supply`
//! to it, and reads the result with `vault_arn` and `vault_request` (the CreateBackupVault
//! that must be sent before the request that uses the vault).

use super::form::{Field, FieldId, Input, Item, PickOption};
use super::parts::{Problem, WizardCore, set_choice, set_text};
use crate::action::Loaded;
use crate::backend::BackendError;
use crate::domain::copy::{cross_region_problem, vault_arn};
use crate::domain::region::REGIONS;
use crate::domain::{BackupVault, VaultRequest, validate};
use crate::effect::Query;
use std::collections::BTreeMap;

/// The field ids of one destination (a form with two destinations needs two sets).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DestinationIds {
    pub region: FieldId,
    pub vault_choice: FieldId,
    pub vault: FieldId,
    pub new_vault: FieldId,
    pub vault_arn: FieldId,
}

/// The ids of a form with one destination.
pub const DESTINATION_IDS: DestinationIds = DestinationIds {
    region: "destination_region",
    vault_choice: "destination_vault_choice",
    vault: "destination_vault",
    new_vault: "new_vault_name",
    vault_arn: "destination_vault_arn",
};

const VAULT_OPTIONS: [&str; 3] = ["Existing vault", "New vault", "Vault ARN"];
const EXISTING: usize = 0;
const NEW: usize = 1;
const BY_ARN: usize = 2;

/// The vaults of one Region, as far as they have arrived.
#[derive(Debug, Clone, PartialEq)]
enum Vaults {
    Loading(Vec<BackupVault>),
    Done(Vec<BackupVault>),
    /// The message to show; choosing the Region again retries.
    Failed(String),
}

impl Vaults {
    fn list(&self) -> &[BackupVault] {
        match self {
            Vaults::Loading(v) | Vaults::Done(v) => v,
            Vaults::Failed(_) => &[],
        }
    }
}

/// A destination vault being chosen. See the module documentation.
#[derive(Debug, Clone, PartialEq)]
pub struct Destination {
    ids: DestinationIds,
    account_id: String,
    creator_request_id: String,
    /// Set when the Region is given (a plan's target vault): no Region field, no ARN option.
    fixed_region: Option<String>,
    /// Why each of `REGIONS` cannot be chosen, if it cannot (same order).
    region_problems: Vec<Option<String>>,
    /// A vault that cannot be the destination, and why (the vault copied from).
    avoid: Option<(String, String)>,
    region: Option<usize>,
    choice: usize,
    picked: Option<usize>,
    new_name: String,
    arn: String,
    vaults: BTreeMap<String, Vaults>,
}

impl Destination {
    /// Any Region (those without cross-Region copy from `source_region` are refused, with the
    /// reason), any vault. `creator_request_id` makes a retried CreateBackupVault idempotent.
    pub fn new(
        ids: DestinationIds,
        account_id: &str,
        source_region: &str,
        creator_request_id: String,
    ) -> Destination {
        Destination {
            ids,
            account_id: account_id.to_string(),
            creator_request_id,
            fixed_region: None,
            region_problems: REGIONS
                .iter()
                .map(|r| cross_region_problem(source_region, r.code))
                .collect(),
            avoid: None,
            region: None,
            choice: EXISTING,
            picked: None,
            new_name: String::new(),
            arn: String::new(),
            vaults: BTreeMap::new(),
        }
    }

    /// A vault of this account in `region` only (a backup rule's target vault).
    pub fn in_region(
        ids: DestinationIds,
        account_id: &str,
        region: &str,
        creator_request_id: String,
    ) -> Destination {
        let mut d = Destination::new(ids, account_id, region, creator_request_id);
        d.fixed_region = Some(region.to_string());
        d
    }

    /// Replaces the Region rule: `problem(region code)` says why a Region cannot be chosen.
    pub fn with_region_rule(mut self, problem: impl Fn(&str) -> Option<String>) -> Destination {
        self.region_problems = REGIONS.iter().map(|r| problem(r.code)).collect();
        self
    }

    /// Refuses the vault `arn` with `why` (copying a recovery point into its own vault).
    pub fn avoiding_vault(mut self, arn: &str, why: &str) -> Destination {
        self.avoid = Some((arn.to_string(), why.to_string()));
        self
    }

    /// Picks the listed vault `arn` of the chosen Region, unless it is refused; false if it is
    /// not there (so nothing is picked).
    pub fn preselect(&mut self, arn: &str) -> bool {
        let found = self.vault_list().iter().position(|v| *v.arn == *arn);
        match found {
            Some(i) if self.vault_problem(&self.vault_list()[i]).is_none() => {
                self.picked = Some(i);
                true
            }
            _ => false,
        }
    }

    /// Every field the destination can show, visible or not.
    pub fn field_ids(&self) -> [FieldId; 5] {
        let i = self.ids;
        [i.region, i.vault_choice, i.vault, i.new_vault, i.vault_arn]
    }

    /// The field that holds the vault as now chosen (where a problem with it is shown).
    pub fn vault_field(&self) -> FieldId {
        match self.choice {
            NEW => self.ids.new_vault,
            BY_ARN => self.ids.vault_arn,
            _ => self.ids.vault,
        }
    }

    /// The chosen Region's code.
    pub fn region(&self) -> Option<&str> {
        match &self.fixed_region {
            Some(region) => Some(region),
            None => self.region.and_then(|i| REGIONS.get(i)).map(|r| r.code),
        }
    }

    fn vaults(&self) -> Option<&Vaults> {
        self.vaults.get(self.region()?)
    }

    fn vault_list(&self) -> &[BackupVault] {
        self.vaults().map(Vaults::list).unwrap_or_default()
    }

    fn picked_vault(&self) -> Option<&BackupVault> {
        self.picked.and_then(|i| self.vault_list().get(i))
    }

    fn vault_problem(&self, vault: &BackupVault) -> Option<String> {
        let (arn, why) = self.avoid.as_ref()?;
        (*vault.arn == **arn).then(|| why.clone())
    }

    fn region_options(&self) -> Vec<PickOption> {
        REGIONS
            .iter()
            .zip(&self.region_problems)
            .map(|(r, problem)| PickOption {
                label: r.code.to_string(),
                detail: r.name.to_string(),
                problem: problem.clone(),
            })
            .collect()
    }

    fn vault_options(&self) -> Vec<PickOption> {
        let option = |v: &BackupVault| PickOption {
            label: v.name.to_string(),
            detail: match v.lock_label().as_str() {
                "-" => format!("{} recovery points", v.recovery_points),
                lock => format!("{} recovery points, {lock}", v.recovery_points),
            },
            problem: self.vault_problem(v),
        };
        self.vault_list().iter().map(option).collect()
    }

    pub fn items(&self, core: &WizardCore) -> Vec<Item> {
        let ids = self.ids;
        let mut items = Vec::new();
        if self.fixed_region.is_none() {
            let region = Field::pick(
                ids.region,
                "Destination Region",
                self.region_options(),
                self.region,
            );
            items.push(core.field(region));
        }
        let Some(region) = self.region() else {
            return items;
        };
        let options: &[&str] = if self.fixed_region.is_some() {
            &VAULT_OPTIONS[..BY_ARN]
        } else {
            &VAULT_OPTIONS
        };
        // A rule's own vault is where backups are made, not a destination.
        let label = if self.fixed_region.is_some() {
            "Backup vault"
        } else {
            "Destination vault"
        };
        items.push(core.field(Field::choice(ids.vault_choice, label, options, self.choice)));
        match self.choice {
            NEW => {
                let name = Field::text(
                    ids.new_vault,
                    "New vault name",
                    &self.new_name,
                    "dr-copies",
                )
                .with_help(format!(
                    "Created in {region} (encrypted with AWS Backup's default key) before it \
                         is used."
                ));
                items.push(core.field(name));
            }
            BY_ARN => {
                let placeholder =
                    format!("arn:aws:backup:{region}:111122223333:backup-vault:dr-copies");
                let arn = Field::text(ids.vault_arn, "Vault ARN", &self.arn, &placeholder)
                    .with_help(format!(
                        "Any vault in {region}, another account's too (its access policy must \
                         allow the copy)."
                    ));
                items.push(core.field(arn));
            }
            _ => {
                let pick = Field::pick(ids.vault, "Vault", self.vault_options(), self.picked);
                items.push(core.field(pick));
                items.extend(self.loading_note(region));
            }
        }
        items
    }

    /// How the listing of the Region's vaults is going, if it needs saying.
    fn loading_note(&self, region: &str) -> Option<Item> {
        match self.vaults() {
            None | Some(Vaults::Loading(_)) => {
                Some(Item::note(format!("Loading the vaults of {region}...")))
            }
            Some(Vaults::Failed(message)) => Some(Item::warning(message.clone())),
            Some(Vaults::Done(v)) if v.is_empty() => Some(Item::note(format!(
                "{region} has no vaults yet: choose New vault to create one."
            ))),
            Some(Vaults::Done(_)) => None,
        }
    }

    /// Applies a change to one of its fields. Returns the refusal to show under the field (a
    /// Region or vault that cannot be chosen, a bad new vault name), if any.
    pub fn input(&mut self, id: FieldId, input: &Input) -> Option<String> {
        let ids = self.ids;
        if id == ids.region {
            let Input::Choose(i) = input else { return None };
            if let Some(problem) = self.region_problems.get(*i)? {
                return Some(problem.clone());
            }
            if self.region != Some(*i) {
                self.picked = None;
            }
            self.region = Some(*i);
            // Choosing a Region whose listing failed asks for it again.
            if let Some(code) = self.region().map(str::to_string)
                && matches!(self.vaults.get(&code), Some(Vaults::Failed(_)))
            {
                self.vaults.remove(&code);
            }
        } else if id == ids.vault_choice {
            let count = if self.fixed_region.is_some() {
                BY_ARN
            } else {
                VAULT_OPTIONS.len()
            };
            set_choice(&mut self.choice, count, input);
        } else if id == ids.vault {
            let Input::Choose(i) = input else { return None };
            let vault = self.vault_list().get(*i)?;
            if let Some(problem) = self.vault_problem(vault) {
                return Some(problem);
            }
            self.picked = Some(*i);
        } else if id == ids.new_vault {
            set_text(&mut self.new_name, input);
            return self.new_name_problem();
        } else if id == ids.vault_arn {
            set_text(&mut self.arn, input);
        }
        None
    }

    fn new_name_problem(&self) -> Option<String> {
        let name = self.new_name.trim();
        let existing: Vec<String> = self
            .vault_list()
            .iter()
            .map(|v| v.name.to_string())
            .collect();
        let region = self.region().unwrap_or_default();
        validate::vault_name(name)
            .and_then(|()| {
                validate::not_in(name, &existing, &format!("In {region}, a vault named"))
            })
            .err()
    }

    fn arn_problem(&self) -> Option<String> {
        let parsed = vault_arn(self.arn.trim());
        let region = self.region().unwrap_or_default();
        match parsed {
            Err(e) => Some(e),
            Ok(v) if v.region != region => Some(format!(
                "This vault is in {}, not {region}: choose {} as the destination Region, or a \
                 vault in {region}.",
                v.region, v.region
            )),
            Ok(_) => None,
        }
    }

    /// What still keeps the destination from being used, on the field to fix.
    pub fn check(&self) -> Vec<Problem> {
        let ids = self.ids;
        let Some(region) = self.region() else {
            return vec![(ids.region, "Choose the destination Region.".into())];
        };
        let problem = match self.choice {
            NEW => self.new_name_problem(),
            BY_ARN => self.arn_problem(),
            _ => match (self.picked_vault(), self.vaults()) {
                (Some(vault), _) => self.vault_problem(vault),
                (None, Some(Vaults::Failed(message))) => Some(message.clone()),
                (None, Some(Vaults::Done(_))) => Some("Choose a vault.".into()),
                (None, _) => Some(format!(
                    "The vaults of {region} are still loading: wait a moment, then choose one."
                )),
            },
        };
        problem
            .map(|p| (self.vault_field(), p))
            .into_iter()
            .collect()
    }

    /// The destination vault's ARN (a new vault's too), once there is one to name.
    pub fn vault_arn(&self) -> Option<String> {
        match self.choice {
            NEW => self.vault_request().map(|r| r.arn(&self.account_id)),
            BY_ARN => Some(self.arn.trim().to_string()).filter(|a| !a.is_empty()),
            _ => self.picked_vault().map(|v| v.arn.to_string()),
        }
    }

    /// The destination vault's name (a backup rule names its target vault, not its ARN).
    pub fn vault_name(&self) -> Option<String> {
        match self.choice {
            NEW => Some(self.new_name.trim().to_string()),
            BY_ARN => vault_arn(self.arn.trim()).ok().map(|v| v.name),
            _ => self.picked_vault().map(|v| v.name.to_string()),
        }
        .filter(|n| !n.is_empty())
    }

    /// The CreateBackupVault to send first, when a new vault was asked for.
    pub fn vault_request(&self) -> Option<VaultRequest> {
        if self.choice != NEW {
            return None;
        }
        Some(VaultRequest {
            region: self.region()?.to_string(),
            name: self.new_name.trim().to_string(),
            creator_request_id: self.creator_request_id.clone(),
        })
    }

    /// `dr-copies (new) in ca-central-1`, for the review.
    pub fn summary(&self) -> String {
        let region = self.region().unwrap_or("(no Region)");
        match (self.choice, self.vault_name()) {
            (_, None) => format!("(no vault) in {region}"),
            (NEW, Some(name)) => format!("{name} (new) in {region}"),
            (BY_ARN, Some(_)) => self.arn.trim().to_string(),
            (_, Some(name)) => format!("{name} in {region}"),
        }
    }

    /// The vaults listing the chosen Region still needs.
    pub fn wanted(&self) -> Vec<Query> {
        let Some(region) = self.region() else {
            return Vec::new();
        };
        match self.vaults() {
            Some(Vaults::Done(_) | Vaults::Failed(_)) => Vec::new(),
            _ => vec![Query::BackupVaults {
                region: region.to_string(),
            }],
        }
    }

    /// Takes a page of a Region's vaults (or its failure); false if `query` is not a vault
    /// listing.
    pub fn supply(
        &mut self,
        query: &Query,
        page: Result<Loaded, BackendError>,
        done: bool,
    ) -> bool {
        let Query::BackupVaults { region } = query else {
            return false;
        };
        let entry = self
            .vaults
            .entry(region.clone())
            .or_insert_with(|| Vaults::Loading(Vec::new()));
        match page {
            Ok(Loaded::Vaults(page)) => {
                let mut list = match std::mem::replace(entry, Vaults::Loading(Vec::new())) {
                    Vaults::Loading(list) => list,
                    // A fresh listing after a failure or a reload starts over.
                    Vaults::Done(_) | Vaults::Failed(_) => Vec::new(),
                };
                list.extend(page);
                *entry = if done {
                    Vaults::Done(list)
                } else {
                    Vaults::Loading(list)
                };
            }
            Ok(_) => return false,
            Err(error) => {
                *entry = Vaults::Failed(format!(
                    "The vaults of {region} could not be listed ({}): choose New vault or \
                     Vault ARN, or choose the Region again to retry.",
                    error.headline()
                ));
            }
        }
        true
    }
}

#[cfg(test)]
mod tests;
