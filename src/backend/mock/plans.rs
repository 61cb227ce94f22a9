//! ListBackupPlans, GetBackupPlan and CreateBackupPlan in the demo account: one name per Region,
//! the rule checks AWS makes (names, schedule, window, lifecycle, vaults of the rule and of its
//! copy actions) and a repeated CreatorRequestId answering the plan it already made.

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
    if req.rules.is_empty() {
        return Err(invalid(
            "MissingParameterValueException: a backup plan needs at least one rule (Rules)",
        ));
    }
    for (i, rule) in req.rules.iter().enumerate() {
        if req.rules[..i].iter().any(|r| r.name == rule.name) {
            return Err(invalid(format!(
                "InvalidParameterValueException: rule name {} is used twice; rule names must be unique in a plan",
                rule.name
            )));
        }
        check_rule(account, &req.region, &format!("Rules[{i}]"), rule)?;
    }
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

/// UpdateBackupPlan: a new version of the plan. TEMPORARY stub.
pub fn update(
    _account: &mut Account,
    _ids: &mut Rng,
    req: &PlanUpdateRequest,
) -> Result<String, BackendError> {
    Err(invalid(format!(
        "TEMPORARY: updating plan {} not yet in the demo",
        req.plan_id
    )))
}

#[cfg(test)]
mod tests;
