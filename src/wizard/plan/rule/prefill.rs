//! A rule draft filled from one of a plan's rules, for editing the plan: the schedule (a
//! preset, else the cron expression), the window, the target vault, retention, continuous
//! backup and the copy rules, so that an untouched draft sends the rule back unchanged.

use super::{
    COPY_SLOTS, CUSTOM_WINDOW, CopyDraft, ON, RULE_LIFECYCLE, RuleDraft, SCHEDULE_OPTIONS,
    TARGET_IDS,
};
use crate::domain::cron::SchedulePreset;
use crate::domain::plan::{BackupRule, CopyAction};
use crate::domain::region::REGIONS;
use crate::domain::{BackupVault, Lifecycle};
use crate::wizard::destination::Destination;
use crate::wizard::form::Input;
use crate::wizard::lifecycle::{LifecycleFields, LifecycleIds, LifecycleUse};

/// The destination's vault choices, in its order: an existing vault, or one given by ARN.
const EXISTING_VAULT: usize = 0;
const VAULT_BY_ARN: usize = 2;

/// Lifecycle fields showing `lifecycle`'s days (empty for never).
fn lifecycle_fields(ids: LifecycleIds, lifecycle: &Lifecycle) -> LifecycleFields {
    let mut fields = LifecycleFields::new(ids, LifecycleUse::PlanRule);
    let text = |days: Option<i64>| Input::Text(days.map(|d| d.to_string()).unwrap_or_default());
    fields.input(ids.cold, &text(lifecycle.move_to_cold_storage_after_days));
    fields.input(ids.expire, &text(lifecycle.delete_after_days));
    fields
}

impl RuleDraft {
    /// `rule` as AWS has it, backing up to `target` (made by the plan wizard in the plan's
    /// Region), whose vault is picked once listed. Copy rules are added with `prefill_copy`.
    pub fn from_rule(rule: &BackupRule, target: Destination) -> RuleDraft {
        let preset = SchedulePreset::ALL
            .iter()
            .position(|p| p.expression() == rule.schedule);
        let custom_window =
            rule.start_window_minutes.is_some() || rule.completion_window_minutes.is_some();
        let mut draft = RuleDraft::new(target);
        draft.id = rule.id.clone();
        draft.name = rule.name.clone();
        draft.schedule = preset.unwrap_or(SCHEDULE_OPTIONS.len() - 1);
        if preset.is_none() {
            draft.cron = rule.schedule.clone();
        }
        if custom_window {
            draft.custom_window(rule.start_minutes(), rule.completion_minutes());
        }
        draft.preset_vault = Some(rule.target_vault.clone());
        draft.lifecycle = lifecycle_fields(RULE_LIFECYCLE, &rule.lifecycle);
        draft.continuous = if rule.continuous { ON } else { 0 };
        draft
    }

    fn custom_window(&mut self, start: i64, completion: i64) {
        self.window = CUSTOM_WINDOW;
        self.start = start.to_string();
        self.completion = completion.to_string();
    }

    /// Shows the window as custom minutes (AWS's default spelt out), ready to be raised.
    pub fn open_window(&mut self) {
        let (start, completion) = self.window_minutes().unwrap_or_else(|| {
            let default = BackupRule::default();
            (default.start_minutes(), default.completion_minutes())
        });
        self.custom_window(start, completion);
    }

    /// The window as it would be sent, in minutes (AWS's default spelt out), if it is valid.
    pub fn window_minutes(&self) -> Option<(i64, i64)> {
        let (start, completion) = self.window().ok()?;
        let rule = BackupRule {
            start_window_minutes: start,
            completion_window_minutes: completion,
            ..BackupRule::default()
        };
        Some((rule.start_minutes(), rule.completion_minutes()))
    }

    /// Fills the copy rule added last (`add_copy`) with `copy`: its Region, its vault by ARN
    /// until that Region's vaults are listed (then picked there, when this account's), and its
    /// retention.
    pub fn prefill_copy(&mut self, copy: &CopyAction) {
        let Some(last) = self.copies.last_mut() else {
            return;
        };
        let ids = COPY_SLOTS[last.slot];
        let arn = copy.destination_vault_arn.clone();
        let region = crate::domain::copy::arn_region(&arn);
        if let Some(i) = REGIONS.iter().position(|r| r.code == region) {
            last.destination
                .input(ids.destination.region, &Input::Choose(i));
        }
        let d = ids.destination;
        last.destination
            .input(d.vault_choice, &Input::Choose(VAULT_BY_ARN));
        last.destination
            .input(d.vault_arn, &Input::Text(arn.clone()));
        last.lifecycle = lifecycle_fields(ids.lifecycle, &copy.lifecycle);
        last.preset_arn = Some(arn);
    }

    /// Picks the vaults this rule had among `vaults`, the complete listing of `region`.
    pub fn settle_vaults(&mut self, region: &str, vaults: &[BackupVault]) {
        if self.target.region() == Some(region)
            && let Some(name) = self.preset_vault.take()
            && let Some(i) = vaults.iter().position(|v| *v.name == name)
        {
            self.target.input(TARGET_IDS.vault, &Input::Choose(i));
        }
        for copy in &mut self.copies {
            settle_copy(copy, region, vaults);
        }
    }
}

/// An edited copy rule's vault, found among the Region's vaults, becomes a picked vault.
fn settle_copy(copy: &mut CopyDraft, region: &str, vaults: &[BackupVault]) {
    if copy.destination.region() != Some(region) {
        return;
    }
    let Some(arn) = copy.preset_arn.take() else {
        return;
    };
    if let Some(i) = vaults.iter().position(|v| *v.arn == arn) {
        let d = COPY_SLOTS[copy.slot].destination;
        copy.destination
            .input(d.vault_choice, &Input::Choose(EXISTING_VAULT));
        copy.destination.input(d.vault, &Input::Choose(i));
    }
}
