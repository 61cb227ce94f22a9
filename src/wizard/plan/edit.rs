//! Editing a backup plan (UpdateBackupPlan): the plan wizard over the plan's current version,
//! its name fixed and each rule pre-filled; from a PARTIAL recovery point, opened on the rule
//! that made it, its window ready to be raised.

use super::rule::{MAX_COPIES, RuleDraft};
use super::{PlanNames, PlanWizard, RULE};
use crate::domain::PlanRef;
use crate::domain::plan::{
    self, BackupPlan, BackupRule, PlanDetails, PlanUpdateRequest, minutes_label,
};
use crate::wizard::After;
use crate::wizard::form::Item;

/// The plan being edited, as loaded.
pub(super) struct Editing {
    pub plan: BackupPlan,
    /// Its rules as GetBackupPlan gave them: an update must differ from them.
    original: Vec<BackupRule>,
    raise: Option<Raise>,
}

/// Opened from a PARTIAL recovery point: the rule whose window closed too soon.
struct Raise {
    /// Index of the rule among the wizard's rules.
    rule: usize,
    /// Why the window should grow, shown above it.
    note: String,
    /// The completion window that closed, in minutes; `None` when that rule is gone.
    completion_before: Option<i64>,
}

impl PlanWizard {
    /// The wizard over `details` (GetBackupPlan), on its first step: the plan's name is
    /// fixed, its rules pre-filled. Refused, with the reason, for a rule with more copy rules
    /// than the wizard holds (an update would drop the others).
    pub fn edit(
        details: PlanDetails,
        region: &str,
        account_id: &str,
        token: String,
    ) -> Result<PlanWizard, String> {
        if let Some(rule) = details
            .rules
            .iter()
            .find(|r| r.copy_actions.len() > MAX_COPIES)
        {
            return Err(format!(
                "Rule {} of backup plan {} has {} copy rules; this editor takes at most \
                 {MAX_COPIES}: edit it in the AWS console.",
                rule.name,
                details.plan.name,
                rule.copy_actions.len()
            ));
        }
        let mut wizard = PlanWizard::without_rules(region, account_id, token);
        wizard.name = details.plan.name.to_string();
        // The name stays, so the Region's other names need not be listed.
        wizard.names = PlanNames::Done(Vec::new());
        for (i, rule) in details.rules.iter().enumerate() {
            let target = wizard.new_target();
            wizard.rules.push(RuleDraft::from_rule(rule, target));
            wizard.current = i;
            for copy in &rule.copy_actions {
                wizard.add_copy();
                wizard.rule_mut().prefill_copy(copy);
            }
        }
        if wizard.rules.is_empty() {
            let rule = wizard.new_rule();
            wizard.rules.push(rule);
        }
        wizard.current = 0;
        wizard.editing = Some(Editing {
            plan: details.plan,
            original: details.rules,
            raise: None,
        });
        Ok(wizard)
    }

    /// The wizard over `details`, opened on the Rule step of the rule `made_by` names (by
    /// RuleId, else by name; the first rule if it is gone), which made PARTIAL recovery point
    /// `point_id`: its window is shown as custom minutes, ready to be raised.
    pub fn raise_window(
        details: PlanDetails,
        region: &str,
        account_id: &str,
        token: String,
        made_by: &PlanRef,
        point_id: &str,
    ) -> Result<PlanWizard, String> {
        let by_id = made_by.rule_id.as_deref().and_then(|id| {
            details
                .rules
                .iter()
                .position(|r| r.id.as_deref() == Some(id))
        });
        let by_name = || {
            let name = made_by.rule_name.as_deref()?;
            details.rules.iter().position(|r| r.name == name)
        };
        let found = by_id.or_else(by_name);
        let completion_before = found.map(|i| details.rules[i].completion_minutes());
        let mut wizard = PlanWizard::edit(details, region, account_id, token)?;
        let note = match completion_before {
            Some(minutes) => format!(
                "This rule made PARTIAL recovery point {point_id}: AWS Backup could not finish \
                 it before the backup window closed. Raise \"Complete within\" above {} \
                 ({minutes} minutes).",
                minutes_label(minutes)
            ),
            None => format!(
                "The rule that made PARTIAL recovery point {point_id} ({}) is no longer in this \
                 plan; here is its first rule. A longer \"Complete within\" gives a backup more \
                 time to finish before the window closes.",
                made_by
                    .rule_name
                    .as_deref()
                    .or(made_by.rule_id.as_deref())
                    .unwrap_or("unnamed")
            ),
        };
        let rule = found.unwrap_or(0);
        wizard.current = rule;
        wizard.rules[rule].open_window();
        wizard.core.go_to(RULE, &[]);
        if let Some(editing) = &mut wizard.editing {
            editing.raise = Some(Raise {
                rule,
                note,
                completion_before,
            });
        }
        Ok(wizard)
    }

    /// On the Rule step of the rule to raise: the note saying why, then its window fields
    /// (first, so they are a few keys away), and whether the window is raised yet.
    pub(super) fn raise_items(&self) -> Option<Vec<Item>> {
        let raise = self.editing.as_ref()?.raise.as_ref()?;
        if raise.rule != self.current {
            return None;
        }
        let mut items = vec![Item::warning(raise.note.clone())];
        items.extend(self.rule().window_items(&self.core));
        if let (Some(before), Some((_, now))) =
            (raise.completion_before, self.rule().window_minutes())
            && now <= before
        {
            items.push(Item::note(format!(
                "Complete within is still {} or less: raise it so the backup can finish.",
                minutes_label(before)
            )));
        }
        Some(items)
    }
}

impl Editing {
    /// The first step: the plan, whose name cannot change.
    pub(super) fn plan_items(&self, region: &str) -> Vec<Item> {
        vec![
            Item::Heading(format!("Backup plan {}", self.plan.name)),
            Item::note(format!(
                "In {region}; plan ID {}, version {}.",
                self.plan.id, self.plan.version_id
            )),
            Item::note(
                "Its name stays: UpdateBackupPlan keeps the plan (and the resources assigned to \
                 it) and AWS makes a new version with the rules of the next steps.",
            ),
        ]
    }

    /// Rule `index` was removed: the rule to raise moves up, or is gone.
    pub(super) fn rule_removed(&mut self, index: usize) {
        let Some(raise) = &mut self.raise else {
            return;
        };
        match raise.rule {
            r if r == index => self.raise = None,
            r if r > index => raise.rule -= 1,
            _ => {}
        }
    }

    /// UpdateBackupPlan with `rules`, unless they are the plan's own: nothing to send then.
    pub(super) fn request(
        &self,
        region: &str,
        rules: Vec<BackupRule>,
    ) -> Result<PlanUpdateRequest, String> {
        if plan::rules_unchanged(&self.original, &rules) {
            return Err(format!(
                "Nothing changed: backup plan {} already has these rules, so nothing is sent \
                 (AWS would make a new version for nothing). Press esc to go back and change a \
                 rule.",
                self.plan.name
            ));
        }
        Ok(PlanUpdateRequest {
            region: region.to_string(),
            plan_id: self.plan.id.to_string(),
            name: self.plan.name.to_string(),
            rules,
        })
    }

    /// The plan's page, showing version `version_id` (UpdateBackupPlan's answer).
    pub(super) fn after(&self, region: &str, version_id: &str) -> After {
        let short: String = version_id.chars().take(8).collect();
        After::Plan {
            region: region.to_string(),
            plan: BackupPlan {
                version_id: version_id.into(),
                ..self.plan.clone()
            },
            notice: format!("Backup plan {} updated: version {short}.", self.plan.name),
        }
    }
}

#[cfg(test)]
mod tests;
