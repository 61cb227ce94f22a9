//! The plan wizard: the plan's name, then for each backup rule a Rule step and a Copy step,
//! then the review of CreateBackupPlan, or of UpdateBackupPlan when editing a plan (`edit`),
//! after any CreateBackupVault it needs.

mod edit;
mod rule;

use super::destination::Destination;
use super::form::{Field, FieldId, Input, Item};
use super::parts::{Problem, WizardCore, set_choice, set_text};
use super::{After, Form, Wizard};
use crate::action::Loaded;
use crate::backend::BackendError;
use crate::domain::plan::{
    self, BackupRule, PlanRequest, RDS_AURORA_WARNING, mixes_cross_region_and_cross_account,
};
use crate::domain::{BackupVault, VaultRequest, WriteRequest};
use crate::effect::Query;
use crate::palette::Section;
use rule::{COPY_SLOTS, RuleDraft, TARGET_IDS};
use std::collections::BTreeMap;

pub const PLAN_NAME: FieldId = "plan_name";
pub const REMOVE_RULE: FieldId = "remove_rule";
/// On the last rule's Copy step: review the plan, or add another rule.
pub const THEN: FieldId = "then";
const THEN_OPTIONS: [&str; 2] = ["Review the plan", "Add another rule"];
const ADD_RULE: usize = 1;

const STEPS: &[&str] = &["Plan", "Rule", "Copy", "Review"];
const PLAN: usize = 0;
const RULE: usize = 1;
const COPY: usize = 2;

/// The Region's plan names, which a new plan's name must not repeat.
#[derive(Debug, Clone, PartialEq)]
enum PlanNames {
    Loading(Vec<String>),
    Done(Vec<String>),
    /// Why they could not be listed (AWS still refuses a duplicate name).
    Failed(String),
}

pub struct PlanWizard {
    /// The plan being edited; `None` when creating one.
    editing: Option<edit::Editing>,
    region: String,
    account_id: String,
    /// The plan's CreatorRequestId; new vaults get their own, derived from it.
    token: String,
    core: WizardCore,
    name: String,
    names: PlanNames,
    rules: Vec<RuleDraft>,
    /// The rule the Rule and Copy steps show.
    current: usize,
    then: usize,
    /// Vault listings received so far, per Region (and whether complete), handed to
    /// destinations added later: the host loads each query only once.
    vaults: BTreeMap<String, (Vec<BackupVault>, bool)>,
    /// How many destinations were made: each new vault gets its own CreatorRequestId.
    destinations_made: usize,
}

impl PlanWizard {
    /// A plan in `region` with one daily rule; `token` is made once per wizard opening.
    pub fn new(region: &str, account_id: &str, token: String) -> PlanWizard {
        let mut wizard = PlanWizard::without_rules(region, account_id, token);
        let rule = wizard.new_rule();
        wizard.rules.push(rule);
        wizard
    }

    /// A plan in `region` with no rule yet, on the first step.
    fn without_rules(region: &str, account_id: &str, token: String) -> PlanWizard {
        PlanWizard {
            editing: None,
            region: region.to_string(),
            account_id: account_id.to_string(),
            token,
            core: WizardCore::new(STEPS),
            name: String::new(),
            names: PlanNames::Loading(Vec::new()),
            rules: Vec::new(),
            current: 0,
            then: 0,
            vaults: BTreeMap::new(),
            destinations_made: 0,
        }
    }

    fn new_rule(&mut self) -> RuleDraft {
        let target = self.new_target();
        RuleDraft::new(target)
    }

    /// A rule's target vault: one of the plan's Region.
    fn new_target(&mut self) -> Destination {
        let token = self.vault_token();
        let target = Destination::in_region(TARGET_IDS, &self.account_id, &self.region, token);
        self.with_known_vaults(target)
    }

    fn vault_token(&mut self) -> String {
        self.destinations_made += 1;
        format!("{}-v{}", self.token, self.destinations_made)
    }

    /// Hands `destination` the vault listings already received.
    fn with_known_vaults(&self, mut destination: Destination) -> Destination {
        for (region, (vaults, done)) in &self.vaults {
            let query = Query::BackupVaults {
                region: region.clone(),
            };
            destination.supply(&query, Ok(Loaded::Vaults(vaults.clone())), *done);
        }
        destination
    }

    fn rule(&self) -> &RuleDraft {
        &self.rules[self.current.min(self.rules.len() - 1)]
    }

    fn rule_mut(&mut self) -> &mut RuleDraft {
        let i = self.current.min(self.rules.len() - 1);
        &mut self.rules[i]
    }

    /// The names of the rules other than rule `i`.
    fn other_names(&self, i: usize) -> Vec<&str> {
        let others = self.rules.iter().enumerate().filter(|(j, _)| *j != i);
        others.map(|(_, r)| r.name()).collect()
    }

    fn existing_names(&self) -> &[String] {
        match &self.names {
            PlanNames::Loading(names) | PlanNames::Done(names) => names,
            PlanNames::Failed(_) => &[],
        }
    }

    fn plan_problems(&self) -> Vec<Problem> {
        let name = self.name.trim();
        let own = self.editing.as_ref().map(|e| &*e.plan.name);
        plan::plan_name(name)
            .and_then(|()| plan::unique_plan_name(name, &self.region, self.existing_names(), own))
            .err()
            .map(|e| (PLAN_NAME, e))
            .into_iter()
            .collect()
    }

    fn is_last_rule(&self) -> bool {
        self.current + 1 >= self.rules.len()
    }

    /// Whether copies so far go both to another Region and to another account.
    fn mixes_copies(&self) -> bool {
        let rules: Vec<BackupRule> = self
            .rules
            .iter()
            .map(|r| BackupRule {
                copy_actions: r.copy_actions_so_far(),
                ..BackupRule::default()
            })
            .collect();
        mixes_cross_region_and_cross_account(&self.region, &self.account_id, &rules)
    }

    fn plan_items(&self) -> Vec<Item> {
        if let Some(editing) = &self.editing {
            return editing.plan_items(&self.region);
        }
        let name = Field::text(PLAN_NAME, "Backup plan name", &self.name, "daily-dr")
            .with_help("1 to 50 letters, digits, -, _ and .");
        let mut items = vec![self.core.field(name)];
        match &self.names {
            PlanNames::Loading(_) => items.push(Item::note(format!(
                "Loading the plan names of {}...",
                self.region
            ))),
            PlanNames::Failed(message) => items.push(Item::warning(message.clone())),
            PlanNames::Done(_) => {}
        }
        items.push(Item::note(format!(
            "The plan is created in {}. It backs up nothing until resources are assigned to it \
             (in the AWS console, or with aws backup create-backup-selection).",
            self.region
        )));
        items
    }

    fn copy_step_items(&self) -> Vec<Item> {
        let mut items = self.rule().copy_items(&self.core);
        if self.mixes_copies() {
            items.push(Item::warning(RDS_AURORA_WARNING));
        }
        if self.is_last_rule() {
            let then = Field::choice(THEN, "Then", &THEN_OPTIONS, self.then);
            items.push(self.core.field(then));
        }
        items
    }

    /// Adds a copy rule to the current rule, if it has room.
    fn add_copy(&mut self) {
        let Some(slot) = self.rule().free_slot() else {
            return;
        };
        let token = self.vault_token();
        let destination = Destination::new(
            COPY_SLOTS[slot].destination,
            &self.account_id,
            &self.region,
            token,
        );
        let destination = self.with_known_vaults(destination);
        self.rule_mut().add_copy(slot, destination);
    }

    /// Keeps a vault listing for later destinations and hands it to every one there is.
    fn supply_vaults(&mut self, query: &Query, page: Result<Loaded, BackendError>, done: bool) {
        let Query::BackupVaults { region } = query else {
            return;
        };
        match &page {
            Ok(Loaded::Vaults(vaults)) => {
                let entry = self.vaults.entry(region.clone()).or_default();
                if entry.1 {
                    // A fresh listing of a Region listed before starts over.
                    entry.0.clear();
                }
                entry.0.extend(vaults.iter().cloned());
                entry.1 = done;
            }
            _ => {
                self.vaults.remove(region);
            }
        }
        for rule in &mut self.rules {
            for destination in rule.destinations_mut() {
                destination.supply(query, page.clone(), done);
            }
        }
        // An edited rule's vaults are picked once their Region is listed in full.
        if let Some((vaults, true)) = self.vaults.get(region) {
            for rule in &mut self.rules {
                rule.settle_vaults(region, vaults);
            }
        }
    }
}

impl Form for PlanWizard {
    fn title(&self) -> String {
        match &self.editing {
            Some(editing) => format!("Edit backup plan {}", editing.plan.name),
            None => format!("Create backup plan in {}", self.region),
        }
    }

    fn steps(&self) -> Vec<&'static str> {
        self.core.steps()
    }

    fn step(&self) -> usize {
        self.core.step()
    }

    fn items(&self) -> Vec<Item> {
        match self.core.step() {
            PLAN => self.plan_items(),
            RULE => {
                let heading = format!("Backup rule {} of {}", self.current + 1, self.rules.len());
                let remove =
                    (self.rules.len() > 1).then(|| Field::action(REMOVE_RULE, "Remove this rule"));
                match self.raise_items() {
                    Some(lead) => {
                        let mut items = vec![Item::Heading(heading)];
                        items.extend(lead);
                        items.extend(self.rule().name_and_schedule_items(&self.core));
                        items.extend(self.rule().vault_and_retention_items(&self.core));
                        items.extend(remove.map(|f| self.core.field(f)));
                        items
                    }
                    None => self.rule().rule_items(&self.core, heading, remove),
                }
            }
            COPY => self.copy_step_items(),
            _ => match self.requests() {
                Ok(_) => Vec::new(),
                Err(message) => vec![Item::warning(message)],
            },
        }
    }

    fn input(&mut self, id: FieldId, input: Input) {
        let items = self.items();
        if !self.core.begin_input(&items, id) {
            return;
        }
        let refusal = match (id, &input) {
            (PLAN_NAME, _) => {
                set_text(&mut self.name, &input);
                None
            }
            (THEN, _) => {
                set_choice(&mut self.then, THEN_OPTIONS.len(), &input);
                None
            }
            (REMOVE_RULE, Input::Activate) if self.rules.len() > 1 => {
                let ids = self.rule().rule_ids();
                if let Some(editing) = &mut self.editing {
                    editing.rule_removed(self.current);
                }
                self.rules.remove(self.current);
                self.current = self.current.min(self.rules.len() - 1);
                self.core.clear_errors(&ids);
                None
            }
            (rule::ADD_COPY, Input::Activate) => {
                self.add_copy();
                None
            }
            (_, Input::Activate) => {
                if let Some(ids) = self.rule_mut().remove_copy(id) {
                    self.core.clear_errors(&ids);
                }
                None
            }
            _ => self.rule_mut().input(id, &input),
        };
        self.core.refuse(id, refusal);
    }

    fn next(&mut self) -> bool {
        match self.core.step() {
            PLAN => self.core.advance(&[PLAN_NAME], self.plan_problems()),
            RULE => {
                let ids = self.rule().rule_ids();
                let problems = self.rule().rule_problems(&self.other_names(self.current));
                self.core.advance(&ids, problems)
            }
            COPY => {
                let mut ids = RuleDraft::copy_ids();
                ids.push(THEN);
                let problems = self.rule().copy_problems();
                let add_rule = self.is_last_rule() && self.then == ADD_RULE;
                if !problems.is_empty() || (self.is_last_rule() && !add_rule) {
                    return self.core.advance(&ids, problems);
                }
                if add_rule {
                    let rule = self.new_rule();
                    self.rules.push(rule);
                    self.then = 0;
                }
                self.current += 1;
                self.core.go_to(RULE, &ids);
                true
            }
            _ => false,
        }
    }

    fn back(&mut self) -> bool {
        match self.core.step() {
            RULE if self.current > 0 => {
                let ids = self.rule().rule_ids();
                self.current -= 1;
                self.core.go_to(COPY, &ids);
                true
            }
            _ => self.core.back(),
        }
    }

    fn summary(&self) -> Vec<(String, String)> {
        let mut lines = vec![
            ("Plan name".to_string(), self.name.trim().to_string()),
            ("Region".to_string(), self.region.clone()),
        ];
        if let Some(editing) = &self.editing {
            lines.push(("Plan ID".into(), editing.plan.id.to_string()));
            lines.push(("From version".into(), editing.plan.version_id.to_string()));
        }
        for (i, rule) in self.rules.iter().enumerate() {
            lines.extend(rule.summary(i + 1));
        }
        if self.mixes_copies() {
            lines.push(("Warning".into(), RDS_AURORA_WARNING.into()));
        }
        lines
    }

    fn is_dirty(&self) -> bool {
        self.core.is_dirty()
    }
}

impl Wizard for PlanWizard {
    fn confirm_question(&self) -> String {
        match &self.editing {
            Some(editing) => format!(
                "Update backup plan {} in {}? AWS makes a new version of the plan.",
                editing.plan.name, self.region
            ),
            None => format!(
                "Create backup plan {} in {}?",
                self.name.trim(),
                self.region
            ),
        }
    }

    fn submit_label(&self) -> &'static str {
        match self.editing {
            Some(_) => "update plan",
            None => "create plan",
        }
    }

    fn requests(&self) -> Result<Vec<WriteRequest>, String> {
        if let Some((_, message)) = self.plan_problems().into_iter().next() {
            return Err(format!("Plan: {message}"));
        }
        let mut rules = Vec::new();
        for (i, draft) in self.rules.iter().enumerate() {
            let rule = draft
                .to_rule(&self.other_names(i))
                .map_err(|e| format!("Rule {}: {e}", i + 1))?;
            rules.push(rule);
        }
        // Two rules may name the same new vault: it is created once.
        let mut vaults: Vec<VaultRequest> = Vec::new();
        for request in self.rules.iter().flat_map(RuleDraft::vault_requests) {
            if !vaults
                .iter()
                .any(|v| v.region == request.region && v.name == request.name)
            {
                vaults.push(request);
            }
        }
        let plan = match &self.editing {
            Some(editing) => WriteRequest::UpdatePlan(editing.request(&self.region, rules)?),
            None => WriteRequest::CreatePlan(PlanRequest {
                region: self.region.clone(),
                name: self.name.trim().to_string(),
                rules,
                creator_request_id: self.token.clone(),
            }),
        };
        Ok(vaults
            .into_iter()
            .map(WriteRequest::CreateVault)
            .chain(std::iter::once(plan))
            .collect())
    }

    fn wanted(&self) -> Vec<Query> {
        let mut wanted = Vec::new();
        if matches!(self.names, PlanNames::Loading(_)) {
            wanted.push(Query::BackupPlans {
                region: self.region.clone(),
            });
        }
        for destination in self.rules.iter().flat_map(RuleDraft::destinations) {
            for query in destination.wanted() {
                if !wanted.contains(&query) {
                    wanted.push(query);
                }
            }
        }
        wanted
    }

    fn supply(&mut self, query: &Query, page: Result<Loaded, BackendError>, done: bool) {
        match (query, page) {
            (Query::BackupPlans { .. }, Ok(Loaded::Plans(plans))) => {
                let mut names = match std::mem::replace(&mut self.names, PlanNames::Done(vec![])) {
                    PlanNames::Loading(names) => names,
                    PlanNames::Done(_) | PlanNames::Failed(_) => Vec::new(),
                };
                names.extend(plans.iter().map(|p| p.name.to_string()));
                self.names = if done {
                    PlanNames::Done(names)
                } else {
                    PlanNames::Loading(names)
                };
            }
            (Query::BackupPlans { region }, Err(error)) => {
                self.names = PlanNames::Failed(format!(
                    "The plan names of {region} could not be listed ({}): AWS refuses a name \
                     already in use when the plan is created.",
                    error.headline()
                ));
            }
            (query @ Query::BackupVaults { .. }, page) => self.supply_vaults(query, page, done),
            _ => {}
        }
    }

    fn after(&self, last_id: &str) -> Option<After> {
        if let Some(editing) = &self.editing {
            return Some(editing.after(&self.region, last_id));
        }
        Some(After::Go {
            region: self.region.clone(),
            section: Section::Plans,
            notice: format!("Backup plan {} created.", self.name.trim()),
        })
    }
}

#[cfg(test)]
mod tests;
