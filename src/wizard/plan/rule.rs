//! One backup rule of the plan wizard: its Rule step (name, schedule, window, target vault,
//! retention, continuous backup) and its Copy step (copy rules), checked and turned into the
//! `BackupRule` that CreateBackupPlan or UpdateBackupPlan sends.

mod prefill;

use crate::domain::VaultRequest;
use crate::domain::cron::{self, SchedulePreset};
use crate::domain::plan::{self, BackupRule, CONTINUOUS_COPY_NOTE, CopyAction};
use crate::wizard::destination::{Destination, DestinationIds};
use crate::wizard::form::{Field, FieldId, Input, Item};
use crate::wizard::lifecycle::{LifecycleFields, LifecycleIds, LifecycleUse};
use crate::wizard::parts::{Problem, WizardCore, set_choice, set_text};

pub const RULE_NAME: FieldId = "rule_name";
pub const SCHEDULE: FieldId = "schedule";
pub const CRON: FieldId = "cron";
pub const WINDOW: FieldId = "window";
pub const START_WINDOW: FieldId = "start_window";
pub const COMPLETION_WINDOW: FieldId = "completion_window";
pub const CONTINUOUS: FieldId = "continuous";
pub const ADD_COPY: FieldId = "add_copy";

/// The rule's target vault: always in the plan's Region.
pub const TARGET_IDS: DestinationIds = DestinationIds {
    region: "target_region",
    vault_choice: "target_vault_choice",
    vault: "target_vault",
    new_vault: "target_new_vault",
    vault_arn: "target_vault_arn",
};
const RULE_LIFECYCLE: LifecycleIds = LifecycleIds {
    cold: "rule_cold_after_days",
    expire: "rule_expire_after_days",
};

/// Preset schedules, then a typed cron expression.
const SCHEDULE_OPTIONS: [&str; 5] = ["Hourly", "Daily", "Weekly", "Monthly", "Cron"];
const DAILY: usize = 1;
const WINDOW_OPTIONS: [&str; 2] = ["AWS default", "Custom"];
const CUSTOM_WINDOW: usize = 1;
const OFF_ON: [&str; 2] = ["Off", "On"];
const ON: usize = 1;
/// The console's default retention for a new rule.
const DEFAULT_EXPIRE_DAYS: &str = "35";
const COLD_NOTE: &str = "Only EFS (and DynamoDB with advanced backup) moves to cold storage; \
     other types ignore this.";

/// The field ids of one copy rule. Several show at once, so each has its own set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CopySlot {
    pub destination: DestinationIds,
    pub lifecycle: LifecycleIds,
    pub remove: FieldId,
}

impl CopySlot {
    fn ids(&self) -> Vec<FieldId> {
        let d = self.destination;
        vec![
            d.region,
            d.vault_choice,
            d.vault,
            d.new_vault,
            d.vault_arn,
            self.lifecycle.cold,
            self.lifecycle.expire,
            self.remove,
        ]
    }
}

macro_rules! copy_slot {
    ($n:literal) => {
        CopySlot {
            destination: DestinationIds {
                region: concat!("copy", $n, "_region"),
                vault_choice: concat!("copy", $n, "_vault_choice"),
                vault: concat!("copy", $n, "_vault"),
                new_vault: concat!("copy", $n, "_new_vault"),
                vault_arn: concat!("copy", $n, "_vault_arn"),
            },
            lifecycle: LifecycleIds {
                cold: concat!("copy", $n, "_cold_after_days"),
                expire: concat!("copy", $n, "_expire_after_days"),
            },
            remove: concat!("copy", $n, "_remove"),
        }
    };
}

/// Most copy rules one backup rule takes here: enough for any sane plan, and each needs
/// its own (static) field ids.
pub const MAX_COPIES: usize = 5;
pub const COPY_SLOTS: [CopySlot; MAX_COPIES] = [
    copy_slot!(1),
    copy_slot!(2),
    copy_slot!(3),
    copy_slot!(4),
    copy_slot!(5),
];

/// One copy rule: where to, and how long the copies are kept.
#[derive(Debug, Clone, PartialEq)]
pub struct CopyDraft {
    slot: usize,
    pub destination: Destination,
    lifecycle: LifecycleFields,
    /// The vault an edited copy rule had, picked once its Region's vaults are listed.
    preset_arn: Option<String>,
}

/// A backup rule as typed so far.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleDraft {
    /// AWS's RuleId of a rule being edited (kept so the review and the demo know it).
    id: Option<String>,
    name: String,
    schedule: usize,
    cron: String,
    window: usize,
    start: String,
    completion: String,
    pub target: Destination,
    /// The vault an edited rule backs up to, picked once the Region's vaults are listed.
    preset_vault: Option<String>,
    lifecycle: LifecycleFields,
    continuous: usize,
    pub copies: Vec<CopyDraft>,
}

/// A number of minutes typed into a field.
/// Unlike an on-demand backup's, a custom rule window has no empty (default) value.
fn minutes(text: &str) -> Result<i64, String> {
    crate::domain::backup::minutes(text)?.ok_or_else(|| "Enter a number of minutes.".into())
}

impl RuleDraft {
    /// A daily rule with the default window and 35 days' retention, backing up to `target`.
    pub fn new(target: Destination) -> RuleDraft {
        let mut lifecycle = LifecycleFields::new(RULE_LIFECYCLE, LifecycleUse::PlanRule);
        lifecycle.input(
            RULE_LIFECYCLE.expire,
            &Input::Text(DEFAULT_EXPIRE_DAYS.into()),
        );
        RuleDraft {
            id: None,
            name: String::new(),
            schedule: DAILY,
            cron: String::new(),
            window: 0,
            start: String::new(),
            completion: String::new(),
            target,
            preset_vault: None,
            lifecycle,
            continuous: 0,
            copies: Vec::new(),
        }
    }

    pub fn name(&self) -> &str {
        self.name.trim()
    }

    fn is_continuous(&self) -> bool {
        self.continuous == ON
    }

    /// Every field the Rule step can show.
    pub fn rule_ids(&self) -> Vec<FieldId> {
        let mut ids = vec![
            RULE_NAME,
            SCHEDULE,
            CRON,
            WINDOW,
            START_WINDOW,
            COMPLETION_WINDOW,
            CONTINUOUS,
        ];
        ids.extend(self.target.field_ids());
        ids.extend(self.lifecycle.field_ids());
        ids
    }

    /// Every field the Copy step can show.
    pub fn copy_ids() -> Vec<FieldId> {
        let mut ids: Vec<FieldId> = COPY_SLOTS.iter().flat_map(CopySlot::ids).collect();
        ids.push(ADD_COPY);
        ids
    }

    /// The schedule as sent, or why it cannot be.
    fn schedule(&self) -> Result<String, String> {
        match SchedulePreset::ALL.get(self.schedule) {
            Some(preset) => Ok(preset.expression().to_string()),
            None => cron::validate(&self.cron),
        }
    }

    /// The custom window as sent (`None`s for AWS's default), or the problem on its field.
    fn window(&self) -> Result<(Option<i64>, Option<i64>), Problem> {
        if self.window != CUSTOM_WINDOW {
            return Ok((None, None));
        }
        let start = minutes(&self.start)
            .and_then(|start| plan::start_window(start).map(|()| start))
            .map_err(|e| (START_WINDOW, e))?;
        let completion = minutes(&self.completion).map_err(|e| (COMPLETION_WINDOW, e))?;
        plan::backup_window(start, completion).map_err(|e| (COMPLETION_WINDOW, e))?;
        Ok((Some(start), Some(completion)))
    }

    /// A continuous rule's retention rule, on the lifecycle field to fix.
    fn continuous_problem(&self) -> Option<Problem> {
        if !self.is_continuous() {
            return None;
        }
        let mut lifecycle = self
            .lifecycle
            .lifecycle()
            .ok()
            .flatten()
            .unwrap_or_default();
        if self.lifecycle.moves_to_cold() {
            // Cold days that break another rule are cold days all the same: a continuous
            // rule takes none, which is the first thing to fix.
            lifecycle.move_to_cold_storage_after_days.get_or_insert(1);
        }
        let message = plan::continuous_lifecycle(&lifecycle).err()?;
        let field = if lifecycle.move_to_cold_storage_after_days.is_some() {
            RULE_LIFECYCLE.cold
        } else {
            RULE_LIFECYCLE.expire
        };
        Some((field, message))
    }

    /// The Rule step. `heading` says which rule this is; `remove` is the action that removes
    /// it, when the plan has another.
    pub fn rule_items(
        &self,
        core: &WizardCore,
        heading: String,
        remove: Option<Field>,
    ) -> Vec<Item> {
        let mut items = vec![Item::Heading(heading)];
        items.extend(self.name_and_schedule_items(core));
        items.extend(self.window_items(core));
        items.extend(self.vault_and_retention_items(core));
        items.extend(remove.map(|f| core.field(f)));
        items
    }

    /// The rule's name and schedule fields.
    pub fn name_and_schedule_items(&self, core: &WizardCore) -> Vec<Item> {
        let mut items = vec![core.field(Field::text(RULE_NAME, "Rule name", &self.name, "daily"))];
        let schedule = Field::choice(SCHEDULE, "Schedule", &SCHEDULE_OPTIONS, self.schedule);
        match SchedulePreset::ALL.get(self.schedule) {
            Some(preset) => {
                let expr = preset.expression();
                items.push(
                    core.field(schedule.with_help(format!("{expr}: {}", cron::describe(expr)))),
                );
            }
            None => {
                items.push(core.field(schedule));
                let help = match cron::validate(&self.cron) {
                    Ok(expr) => cron::describe(&expr),
                    Err(_) => "Minutes Hours Day-of-month Month Day-of-week Year, in UTC; at \
                               most once an hour."
                        .into(),
                };
                let cron = Field::text(CRON, "Cron expression", &self.cron, "cron(0 5 ? * * *)");
                items.push(core.field(cron.with_help(help)));
            }
        }
        items
    }

    /// The backup window: AWS's default, or custom start and completion windows.
    pub fn window_items(&self, core: &WizardCore) -> Vec<Item> {
        let mut items = Vec::new();
        let window = Field::choice(WINDOW, "Backup window", &WINDOW_OPTIONS, self.window);
        if self.window == CUSTOM_WINDOW {
            items.push(core.field(window));
            let start = Field::text(START_WINDOW, "Start within (minutes)", &self.start, "480");
            items.push(
                core.field(start.with_help("60 or more: jobs not started by then are cancelled.")),
            );
            let completion = Field::text(
                COMPLETION_WINDOW,
                "Complete within (minutes)",
                &self.completion,
                "10080",
            );
            items.push(core.field(completion.with_help("Longer than the start window.")));
        } else {
            items.push(
                core.field(window.with_help("Start within 8 hours, complete within 7 days.")),
            );
        }
        items
    }

    /// The target vault, continuous backup and retention.
    pub fn vault_and_retention_items(&self, core: &WizardCore) -> Vec<Item> {
        let mut items = self.target.items(core);
        let mut continuous =
            Field::choice(CONTINUOUS, "Continuous backup", &OFF_ON, self.continuous);
        if self.is_continuous() {
            continuous = continuous.with_help(
                "S3, RDS, Aurora and SAP HANA keep point-in-time backups (1 to 35 days, no \
                 cold storage); other types get snapshots.",
            );
        }
        items.push(core.field(continuous));
        let continuous_problem = self.continuous_problem();
        items.extend(
            self.lifecycle
                .items(Some(COLD_NOTE))
                .into_iter()
                .map(|item| {
                    match (item, &continuous_problem) {
                        // The lifecycle checks itself as the user types; a continuous rule adds its
                        // own limit, shown the same way.
                        (Item::Field(f), Some((id, message)))
                            if f.id == *id && f.error.is_none() =>
                        {
                            Item::Field(f.with_error(Some(message.clone())))
                        }
                        (item, _) => item,
                    }
                }),
        );
        items
    }

    /// The Copy step's copy rules; the plan adds what concerns every rule.
    pub fn copy_items(&self, core: &WizardCore) -> Vec<Item> {
        let mut items = vec![
            Item::Heading(format!("Copies of rule {}", self.name())),
            Item::note("After each backup, AWS Backup copies it to these vaults (optional)."),
        ];
        if self.is_continuous() && !self.copies.is_empty() {
            items.push(Item::warning(CONTINUOUS_COPY_NOTE));
        }
        for (n, copy) in self.copies.iter().enumerate() {
            let slot = COPY_SLOTS[copy.slot];
            items.push(Item::Heading(format!("Copy {}", n + 1)));
            items.extend(copy.destination.items(core));
            items.extend(copy.lifecycle.items(Some(COLD_NOTE)));
            let remove = Field::action(slot.remove, format!("Remove copy {}", n + 1));
            items.push(core.field(remove));
        }
        if self.copies.len() < MAX_COPIES {
            items.push(core.field(Field::action(ADD_COPY, "Add a copy rule")));
        } else {
            items.push(Item::note(format!(
                "A rule takes at most {MAX_COPIES} copy rules here."
            )));
        }
        items
    }

    /// Applies a change to a field of either step; returns a refusal to show, if any.
    pub fn input(&mut self, id: FieldId, input: &Input) -> Option<String> {
        match id {
            RULE_NAME => set_text(&mut self.name, input),
            SCHEDULE => set_choice(&mut self.schedule, SCHEDULE_OPTIONS.len(), input),
            CRON => set_text(&mut self.cron, input),
            WINDOW => set_choice(&mut self.window, WINDOW_OPTIONS.len(), input),
            START_WINDOW => set_text(&mut self.start, input),
            COMPLETION_WINDOW => set_text(&mut self.completion, input),
            CONTINUOUS => set_choice(&mut self.continuous, OFF_ON.len(), input),
            _ if self.lifecycle.input(id, input) => {}
            _ if self.target.field_ids().contains(&id) => return self.target.input(id, input),
            _ => {
                let copy = self
                    .copies
                    .iter_mut()
                    .find(|c| COPY_SLOTS[c.slot].ids().contains(&id))?;
                if !copy.lifecycle.input(id, input) {
                    return copy.destination.input(id, input);
                }
            }
        }
        None
    }

    /// The index into `COPY_SLOTS` a new copy rule would take, if the rule has room for one.
    pub fn free_slot(&self) -> Option<usize> {
        (0..MAX_COPIES).find(|i| !self.copies.iter().any(|c| c.slot == *i))
    }

    /// Adds a copy rule in `slot` (from `free_slot`) to `destination`, made with that slot's
    /// ids, with no lifecycle until one is entered.
    pub fn add_copy(&mut self, slot: usize, destination: Destination) {
        let Some(ids) = COPY_SLOTS.get(slot) else {
            return;
        };
        let lifecycle = LifecycleFields::new(ids.lifecycle, LifecycleUse::PlanRule);
        self.copies.push(CopyDraft {
            slot,
            destination,
            lifecycle,
            preset_arn: None,
        });
    }

    /// Removes the copy rule whose remove action is `id`; returns its field ids (their errors
    /// must go), or `None` if `id` is no such action.
    pub fn remove_copy(&mut self, id: FieldId) -> Option<Vec<FieldId>> {
        let i = self
            .copies
            .iter()
            .position(|c| COPY_SLOTS[c.slot].remove == id)?;
        let copy = self.copies.remove(i);
        Some(COPY_SLOTS[copy.slot].ids())
    }

    /// The Rule step's problems; `taken` are the names of the plan's other rules.
    pub fn rule_problems(&self, taken: &[&str]) -> Vec<Problem> {
        let mut problems = Vec::new();
        let name = self.name();
        if let Err(e) = plan::rule_name(name) {
            problems.push((RULE_NAME, e));
        } else if taken.contains(&name) {
            problems.push((
                RULE_NAME,
                format!("Another rule of this plan is named {name}: rule names must differ."),
            ));
        }
        if let Err(e) = self.schedule() {
            problems.push((CRON, e));
        }
        if let Err(problem) = self.window() {
            problems.push(problem);
        }
        problems.extend(self.target.check());
        problems.extend(self.lifecycle.problems());
        problems.extend(self.continuous_problem());
        problems
    }

    /// The Copy step's problems.
    pub fn copy_problems(&self) -> Vec<Problem> {
        self.copies
            .iter()
            .flat_map(|c| {
                let mut problems = c.destination.check();
                problems.extend(c.lifecycle.problems());
                problems
            })
            .collect()
    }

    /// The copy rules whose destination is known so far (for warnings while typing).
    pub fn copy_actions_so_far(&self) -> Vec<CopyAction> {
        self.copies
            .iter()
            .filter_map(|c| {
                Some(CopyAction {
                    destination_vault_arn: c.destination.vault_arn()?,
                    lifecycle: c.lifecycle.lifecycle().ok()?.unwrap_or_default(),
                })
            })
            .collect()
    }

    /// The rule as CreateBackupPlan sends it, or the first problem.
    pub fn to_rule(&self, taken: &[&str]) -> Result<BackupRule, String> {
        let problems = self.rule_problems(taken).into_iter();
        if let Some((_, message)) = problems.chain(self.copy_problems()).next() {
            return Err(message);
        }
        let (start_window_minutes, completion_window_minutes) =
            self.window().map_err(|(_, e)| e)?;
        let mut copy_actions = Vec::new();
        for copy in &self.copies {
            copy_actions.push(CopyAction {
                destination_vault_arn: copy
                    .destination
                    .vault_arn()
                    .ok_or("Choose the copy's vault.")?,
                lifecycle: copy.lifecycle.lifecycle()?.unwrap_or_default(),
            });
        }
        Ok(BackupRule {
            id: self.id.clone(),
            name: self.name().to_string(),
            target_vault: self.target.vault_name().ok_or("Choose the backup vault.")?,
            schedule: self.schedule()?,
            start_window_minutes,
            completion_window_minutes,
            lifecycle: self.lifecycle.lifecycle()?.unwrap_or_default(),
            continuous: self.is_continuous(),
            copy_actions,
        })
    }

    /// The vaults to create before the plan (its target, its copies' destinations).
    pub fn vault_requests(&self) -> Vec<VaultRequest> {
        self.destinations()
            .filter_map(Destination::vault_request)
            .collect()
    }

    pub fn destinations(&self) -> impl Iterator<Item = &Destination> {
        std::iter::once(&self.target).chain(self.copies.iter().map(|c| &c.destination))
    }

    pub fn destinations_mut(&mut self) -> impl Iterator<Item = &mut Destination> {
        std::iter::once(&mut self.target).chain(self.copies.iter_mut().map(|c| &mut c.destination))
    }

    /// Review lines for this rule: (what, value).
    pub fn summary(&self, number: usize) -> Vec<(String, String)> {
        let schedule = self
            .schedule()
            .map(|s| cron::describe(&s))
            .unwrap_or_else(|e| e);
        let window = match self.window() {
            Ok((start, completion)) => BackupRule {
                start_window_minutes: start,
                completion_window_minutes: completion,
                ..BackupRule::default()
            }
            .window_summary(),
            Err((_, e)) => e,
        };
        let mut lines = vec![
            (
                format!("Rule {number}"),
                format!("{}: {schedule}", self.name()),
            ),
            ("  Window".into(), window),
            ("  Vault".into(), self.target.summary()),
            ("  Retention".into(), self.lifecycle.summary()),
            (
                "  Continuous".into(),
                OFF_ON[self.continuous.min(ON)].to_string(),
            ),
        ];
        for copy in &self.copies {
            lines.push((
                "  Copy to".into(),
                format!(
                    "{}, {}",
                    copy.destination.summary(),
                    copy.lifecycle.summary().to_lowercase()
                ),
            ));
        }
        if self.is_continuous() && !self.copies.is_empty() {
            lines.push(("  Note".into(), CONTINUOUS_COPY_NOTE.into()));
        }
        lines
    }
}
