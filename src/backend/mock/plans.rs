//! ListBackupPlans, GetBackupPlan, CreateBackupPlan and UpdateBackupPlan in the demo account:
//! one name per Region, the rule checks AWS makes (names, schedule, window, lifecycle, vaults of
//! the rule and of its copy actions), a repeated CreatorRequestId answering the plan it already
//! made, and a new version for each update.

use super::copy::{check_lifecycle, refuse_cross_region};
use super::fixtures::{ACCOUNT_ID, Account, DEMO_NOW, Rng};
use super::tokens::Tokens;
use super::{invalid, not_found};
use crate::backend::BackendError;
use crate::domain::copy::arn_region;
use crate::domain::cron;
use crate::domain::plan::{
    self, BackupPlan, BackupRule, MAX_WINDOW_MINUTES, MIN_START_WINDOW_MINUTES, PlanDetails,
    PlanRequest, PlanUpdateRequest,
};

/// GetBackupPlan: the plan with its rules.
pub fn get(account: &Account, region: &str, plan_id: &str) -> Result<PlanDetails, BackendError> {
    account
        .region(region)
        .plans
        .iter()
        .find(|p| &*p.plan.id == plan_id)
        .cloned()
        .ok_or_else(|| {
            not_found(format!(
                "ResourceNotFoundException: backup plan {plan_id} not found in {region}"
            ))
        })
}

/// Creates the plan and returns its ID, or says why AWS would refuse it.
pub fn create(
    account: &mut Account,
    tokens: &mut Tokens<PlanRequest>,
    ids: &mut Rng,
    req: &PlanRequest,
) -> Result<String, BackendError> {
    if let Some(answer) = tokens.replay("CreatorRequestId", &req.creator_request_id, req) {
        return answer;
    }
    plan::plan_name(&req.name).map_err(|e| {
        invalid(format!(
            "InvalidParameterValueException: BackupPlanName: {e}"
        ))
    })?;
    if account
        .region(&req.region)
        .plans
        .iter()
        .any(|p| *p.plan.name == req.name)
    {
        return Err(invalid(format!(
            "AlreadyExistsException: Backup plan {} already exists",
            req.name
        )));
    }
    check_rules(account, &req.region, &req.rules)?;
    let id = ids.uuid();
    let plan = BackupPlan {
        arn: format!(
            "arn:aws:backup:{}:{ACCOUNT_ID}:backup-plan:{id}",
            req.region
        )
        .into(),
        id: id.as_str().into(),
        name: req.name.as_str().into(),
        version_id: ids.hex(48).into(),
        created: DEMO_NOW,
        last_execution: None,
    };
    account.region_mut(&req.region).plans.push(PlanDetails {
        plan,
        rules: req.rules.clone(),
    });
    tokens.remember(&req.creator_request_id, req, &id);
    Ok(id)
}

/// The rules of a plan in `region`, as CreateBackupPlan and UpdateBackupPlan check them.
fn check_rules(account: &Account, region: &str, rules: &[BackupRule]) -> Result<(), BackendError> {
    if rules.is_empty() {
        return Err(invalid(
            "MissingParameterValueException: a backup plan needs at least one rule (Rules)",
        ));
    }
    for (i, rule) in rules.iter().enumerate() {
        if rules[..i].iter().any(|r| r.name == rule.name) {
            return Err(invalid(format!(
                "InvalidParameterValueException: rule name {} is used twice; rule names must be unique in a plan",
                rule.name
            )));
        }
        check_rule(account, region, &format!("Rules[{i}]"), rule)?;
    }
    Ok(())
}

/// One rule of a plan in `region`; `at` names it in messages (`Rules[0]`).
fn check_rule(
    account: &Account,
    region: &str,
    at: &str,
    rule: &BackupRule,
) -> Result<(), BackendError> {
    let bad = |e: String| invalid(format!("InvalidParameterValueException: {at}: {e}"));
    plan::rule_name(&rule.name).map_err(bad)?;
    if !rule.schedule.is_empty() {
        cron::validate(&rule.schedule).map_err(bad)?;
    }
    if let Some(start) = rule.start_window_minutes
        && !(MIN_START_WINDOW_MINUTES..=MAX_WINDOW_MINUTES).contains(&start)
    {
        return Err(bad(format!(
            "StartWindowMinutes must be {MIN_START_WINDOW_MINUTES} to {MAX_WINDOW_MINUTES} ({start} given)"
        )));
    }
    if let (Some(start), Some(completion)) =
        (rule.start_window_minutes, rule.completion_window_minutes)
    {
        plan::backup_window(start, completion).map_err(bad)?;
    }
    if !account
        .region(region)
        .vaults
        .iter()
        .any(|v| *v.name == rule.target_vault)
    {
        return Err(not_found(format!(
            "ResourceNotFoundException: {at}: backup vault {} does not exist in {region}",
            rule.target_vault
        )));
    }
    if rule.continuous {
        plan::continuous_lifecycle(&rule.lifecycle).map_err(bad)?;
    } else {
        check_lifecycle(&rule.lifecycle, &format!("{at}.Lifecycle"), false)?;
    }
    for (j, copy) in rule.copy_actions.iter().enumerate() {
        let at = format!("{at}.CopyActions[{j}]");
        let destination = arn_region(&copy.destination_vault_arn);
        if !account
            .region(destination)
            .vaults
            .iter()
            .any(|v| *v.arn == copy.destination_vault_arn)
        {
            return Err(not_found(format!(
                "ResourceNotFoundException: {at}: destination backup vault {} does not exist",
                copy.destination_vault_arn
            )));
        }
        refuse_cross_region(region, destination)?;
        check_lifecycle(&copy.lifecycle, &format!("{at}.Lifecycle"), true)?;
    }
    Ok(())
}

/// UpdateBackupPlan: checks the rules as CreateBackupPlan does, then stores them as a new
/// version of the plan (same id and ARN) and returns the version's id. A rule keeps its RuleId
/// when a rule of that name was in the plan (AWS matches rules by name); others get new ones.
pub fn update(
    account: &mut Account,
    ids: &mut Rng,
    req: &PlanUpdateRequest,
) -> Result<String, BackendError> {
    let region = req.region.as_str();
    let Some(index) = account
        .region(region)
        .plans
        .iter()
        .position(|p| *p.plan.id == req.plan_id)
    else {
        return Err(not_found(format!(
            "ResourceNotFoundException: backup plan {} not found in {region}",
            req.plan_id
        )));
    };
    plan::plan_name(&req.name).map_err(|e| {
        invalid(format!(
            "InvalidParameterValueException: BackupPlanName: {e}"
        ))
    })?;
    if account
        .region(region)
        .plans
        .iter()
        .any(|p| *p.plan.name == req.name && *p.plan.id != req.plan_id)
    {
        return Err(invalid(format!(
            "AlreadyExistsException: Backup plan {} already exists",
            req.name
        )));
    }
    check_rules(account, region, &req.rules)?;
    let before = &account.region(region).plans[index].rules;
    let rules: Vec<BackupRule> = req
        .rules
        .iter()
        .map(|rule| {
            let kept = before.iter().find(|b| b.name == rule.name);
            let id = kept
                .and_then(|b| b.id.clone())
                .unwrap_or_else(|| ids.uuid());
            BackupRule {
                id: Some(id),
                ..rule.clone()
            }
        })
        .collect();
    let version = ids.hex(48);
    let details = &mut account.region_mut(region).plans[index];
    details.plan.name = req.name.as_str().into();
    details.plan.version_id = version.as_str().into();
    details.rules = rules;
    Ok(version)
}

#[cfg(test)]
mod tests;
