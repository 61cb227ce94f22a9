//! The SDK calls that change an account, built from the domain's requests: what the review
//! showed (`api_json`) is exactly what is sent, optional members only when the request sets them.

mod batch;
mod s3;

pub use batch::{create_job, update_priority, update_status};
pub use s3::{create_bucket, enable_versioning, put_replication};

use crate::domain::Lifecycle;
use crate::domain::VaultRequest;
use crate::domain::backup::BackupRequest;
use crate::domain::copy::CopyRequest;
use crate::domain::delete::DeleteRequest;
use crate::domain::plan::{BackupRule, CopyAction, PlanRequest, PlanUpdateRequest};
use crate::domain::restore::RestoreRequest;
use crate::domain::settings::SettingsRequest;
use aws_sdk_backup::Client;
use aws_sdk_backup::operation::create_backup_plan::builders::CreateBackupPlanFluentBuilder;
use aws_sdk_backup::operation::create_backup_vault::builders::CreateBackupVaultFluentBuilder;
use aws_sdk_backup::operation::delete_recovery_point::builders::DeleteRecoveryPointFluentBuilder;
use aws_sdk_backup::operation::start_backup_job::builders::StartBackupJobFluentBuilder;
use aws_sdk_backup::operation::start_copy_job::builders::StartCopyJobFluentBuilder;
use aws_sdk_backup::operation::start_restore_job::builders::StartRestoreJobFluentBuilder;
use aws_sdk_backup::operation::update_backup_plan::builders::UpdateBackupPlanFluentBuilder;
use aws_sdk_backup::operation::update_region_settings::builders::UpdateRegionSettingsFluentBuilder;
use aws_sdk_backup::types as bk;
use aws_smithy_types::error::operation::BuildError;
use std::collections::{BTreeMap, HashMap};

/// StartRestoreJob for exactly `request`.
pub fn start_restore(client: &Client, request: &RestoreRequest) -> StartRestoreJobFluentBuilder {
    client
        .start_restore_job()
        .recovery_point_arn(&request.recovery_point_arn)
        .set_iam_role_arn(request.iam_role_arn.clone())
        .idempotency_token(&request.idempotency_token)
        .resource_type(request.resource_type.api_name())
        .set_metadata(Some(
            request
                .metadata
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        ))
}

/// StartCopyJob for exactly `request`; a lifecycle of -1 days ("never expire") goes as is.
pub fn start_copy(client: &Client, request: &CopyRequest) -> StartCopyJobFluentBuilder {
    client
        .start_copy_job()
        .recovery_point_arn(&request.recovery_point_arn)
        .source_backup_vault_name(&request.source_vault_name)
        .destination_backup_vault_arn(&request.destination_vault_arn)
        .iam_role_arn(&request.iam_role_arn)
        .idempotency_token(&request.idempotency_token)
        .set_lifecycle(request.lifecycle.as_ref().map(lifecycle))
}

/// CreateBackupVault for exactly `request` (the name travels in the path).
pub fn create_vault(client: &Client, request: &VaultRequest) -> CreateBackupVaultFluentBuilder {
    client
        .create_backup_vault()
        .backup_vault_name(&request.name)
        .creator_request_id(&request.creator_request_id)
}

/// StartBackupJob for exactly `request`: the windows and the lifecycle only when it sets them
/// (AWS's defaults otherwise), a lifecycle of -1 days ("never expire") as is.
pub fn start_backup(client: &Client, request: &BackupRequest) -> StartBackupJobFluentBuilder {
    client
        .start_backup_job()
        .backup_vault_name(&request.vault_name)
        .resource_arn(&request.resource_arn)
        .iam_role_arn(&request.iam_role_arn)
        .idempotency_token(&request.idempotency_token)
        .set_start_window_minutes(request.start_window_minutes)
        .set_complete_window_minutes(request.complete_window_minutes)
        .set_lifecycle(request.lifecycle.as_ref().map(lifecycle))
}

/// DeleteRecoveryPoint for exactly `request` (both members travel in the path).
pub fn delete_point(client: &Client, request: &DeleteRequest) -> DeleteRecoveryPointFluentBuilder {
    client
        .delete_recovery_point()
        .backup_vault_name(&request.vault_name)
        .recovery_point_arn(&request.recovery_point_arn)
}

/// CreateBackupPlan for exactly `request`. The SDK's rule and copy-action builders check
/// their required members, hence the `BuildError`.
pub fn create_plan(
    client: &Client,
    request: &PlanRequest,
) -> Result<CreateBackupPlanFluentBuilder, BuildError> {
    Ok(client
        .create_backup_plan()
        .backup_plan(plan_input(&request.name, &request.rules)?)
        .creator_request_id(&request.creator_request_id))
}

/// UpdateBackupPlan for exactly `request`: the whole plan, its rules built as CreateBackupPlan
/// builds them (a rule's `id` is not sent: AWS matches the rules by name).
pub fn update_plan(
    client: &Client,
    request: &PlanUpdateRequest,
) -> Result<UpdateBackupPlanFluentBuilder, BuildError> {
    Ok(client
        .update_backup_plan()
        .backup_plan_id(&request.plan_id)
        .backup_plan(plan_input(&request.name, &request.rules)?))
}

/// The `BackupPlan` member CreateBackupPlan and UpdateBackupPlan share.
fn plan_input(name: &str, rules: &[BackupRule]) -> Result<bk::BackupPlanInput, BuildError> {
    let rules = rules
        .iter()
        .map(rule_input)
        .collect::<Result<Vec<_>, _>>()?;
    bk::BackupPlanInput::builder()
        .backup_plan_name(name)
        .set_rules(Some(rules))
        .build()
}

/// UpdateRegionSettings with the preferences `request` changes; an empty map is left out, so
/// AWS keeps the preferences it holds.
pub fn update_region_settings(
    client: &Client,
    request: &SettingsRequest,
) -> UpdateRegionSettingsFluentBuilder {
    client
        .update_region_settings()
        .set_resource_type_opt_in_preference(preferences(&request.opt_in))
        .set_resource_type_management_preference(preferences(&request.management))
}

fn preferences(map: &BTreeMap<String, bool>) -> Option<HashMap<String, bool>> {
    (!map.is_empty()).then(|| map.iter().map(|(k, v)| (k.clone(), *v)).collect())
}

/// A domain lifecycle as the SDK's, unset members left unset.
pub fn lifecycle(l: &Lifecycle) -> bk::Lifecycle {
    bk::Lifecycle::builder()
        .set_move_to_cold_storage_after_days(l.move_to_cold_storage_after_days)
        .set_delete_after_days(l.delete_after_days)
        .build()
}

/// A lifecycle worth sending: an empty one is left out, as `PlanRequest::api_json` does.
fn lifecycle_if_set(l: &Lifecycle) -> Option<bk::Lifecycle> {
    (*l != Lifecycle::default()).then(|| lifecycle(l))
}

fn rule_input(rule: &BackupRule) -> Result<bk::BackupRuleInput, BuildError> {
    let copies = rule
        .copy_actions
        .iter()
        .map(copy_action_input)
        .collect::<Result<Vec<_>, _>>()?;
    bk::BackupRuleInput::builder()
        .rule_name(&rule.name)
        .target_backup_vault_name(&rule.target_vault)
        .schedule_expression(&rule.schedule)
        .set_start_window_minutes(rule.start_window_minutes)
        .set_completion_window_minutes(rule.completion_window_minutes)
        .set_lifecycle(lifecycle_if_set(&rule.lifecycle))
        .set_enable_continuous_backup(rule.continuous.then_some(true))
        .set_copy_actions((!copies.is_empty()).then_some(copies))
        .build()
}

fn copy_action_input(copy: &CopyAction) -> Result<bk::CopyAction, BuildError> {
    bk::CopyAction::builder()
        .destination_backup_vault_arn(&copy.destination_vault_arn)
        .set_lifecycle(lifecycle_if_set(&copy.lifecycle))
        .build()
}
