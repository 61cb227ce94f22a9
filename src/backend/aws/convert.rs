//! Conversions from AWS SDK shapes to domain types: one named function per shape.
//!
//! Values AWS may add later (a new status) map to the nearest safe domain value and are
//! logged, so a newer service never breaks a listing.

mod batch;
mod replication;

pub use batch::{described_job, listed_job};
pub use replication::{replication_config, replication_summary};

use crate::domain::plan::{BackupPlan, BackupRule, CopyAction, PlanDetails};
use crate::domain::resource::arn_last_colon_segment;
use crate::domain::restore::{Bucket, IamRole, KmsKey};
use crate::domain::settings::RegionSettings;
use crate::domain::{
    BackupJob, BackupJobState, BackupKind, BackupVault, CopyJob, CopyJobState, Lifecycle, PlanRef,
    ProtectedResource, RecoveryPoint, RecoveryPointStatus, ResourceType, RestoreJob,
    RestoreJobStatus, StorageClass, Text,
};
use aws_sdk_backup::types as bk;
use aws_smithy_types::DateTime;
use std::collections::{BTreeMap, HashMap};
use time::OffsetDateTime;

/// An SDK timestamp as a UTC `OffsetDateTime` (millisecond precision, as AWS sends it).
pub fn time_of(t: &DateTime) -> OffsetDateTime {
    let nanos = i128::from(t.secs()) * 1_000_000_000 + i128::from(t.subsec_nanos());
    OffsetDateTime::from_unix_timestamp_nanos(nanos).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

fn opt_time(t: Option<&DateTime>) -> Option<OffsetDateTime> {
    t.map(time_of)
}

fn text(s: Option<&str>) -> Text {
    s.unwrap_or_default().into()
}

fn opt_text(s: Option<&str>) -> Option<Text> {
    s.filter(|s| !s.is_empty()).map(Text::from)
}

fn size(bytes: Option<i64>) -> Option<u64> {
    bytes.and_then(|b| u64::try_from(b).ok())
}

/// The resource's name and type as AWS gives them, else as its ARN implies them.
fn name_and_type(arn: &str, name: Option<&str>, kind: Option<&str>) -> (Text, ResourceType) {
    let name =
        opt_text(name).unwrap_or_else(|| crate::domain::resource::arn_resource_id(arn).into());
    let kind = match kind {
        Some(k) if !k.is_empty() => ResourceType::from_api_name(k),
        _ => resource_type_from_arn(arn),
    };
    (name, kind)
}

/// `"42.5%"` or `"42"` → 42; AWS sends PercentDone as a string.
pub fn percent(s: Option<&str>) -> Option<u8> {
    let s = s?.trim().trim_end_matches('%');
    let value: f64 = s.parse().ok()?;
    (0.0..=100.0).contains(&value).then_some(value as u8)
}

/// The resource type a resource ARN implies, for listings that do not say it.
pub fn resource_type_from_arn(arn: &str) -> ResourceType {
    let mut parts = arn.split(':');
    let service = parts.nth(2).unwrap_or_default();
    let rest = arn.splitn(6, ':').nth(5).unwrap_or_default();
    match service {
        "s3" => ResourceType::S3,
        "dynamodb" => ResourceType::DynamoDB,
        "ec2" if rest.starts_with("volume/") => ResourceType::Ebs,
        "ec2" => ResourceType::Ec2,
        "elasticfilesystem" => ResourceType::Efs,
        "rds" if rest.starts_with("cluster") => ResourceType::Aurora,
        "rds" => ResourceType::Rds,
        "fsx" => ResourceType::FSx,
        "storagegateway" => ResourceType::StorageGateway,
        other => ResourceType::Other(other.into()),
    }
}

/// Continuous (point-in-time) recovery points carry `continuous:` in their ARN.
pub fn backup_kind(recovery_point_arn: &str) -> BackupKind {
    if recovery_point_arn.contains(":recovery-point:continuous:") {
        BackupKind::Continuous
    } else {
        BackupKind::Snapshot
    }
}

/// The vault ARN of `name` in `region` of `account` (listings by resource give only the name).
pub fn vault_arn(region: &str, account: &str, name: &str) -> String {
    format!("arn:aws:backup:{region}:{account}:backup-vault:{name}")
}

/// The account id inside an ARN (`arn:aws:backup:REGION:ACCOUNT:…`).
pub fn arn_account(arn: &str) -> &str {
    arn.split(':').nth(4).unwrap_or_default()
}

pub fn recovery_point_status(s: Option<&bk::RecoveryPointStatus>) -> RecoveryPointStatus {
    let name = s.map(|s| s.as_str()).unwrap_or_default();
    RecoveryPointStatus::from_api_name(name).unwrap_or_else(|| {
        tracing::warn!(
            status = name,
            "unknown recovery point status; shown as CREATING"
        );
        RecoveryPointStatus::Creating
    })
}

pub fn storage_class(s: Option<&bk::StorageClass>) -> StorageClass {
    match s.map(|s| s.as_str()) {
        Some("COLD") => StorageClass::Cold,
        Some("DELETED") => StorageClass::Deleted,
        _ => StorageClass::Warm,
    }
}

pub fn lifecycle(l: Option<&bk::Lifecycle>) -> Lifecycle {
    Lifecycle {
        move_to_cold_storage_after_days: l.and_then(|l| l.move_to_cold_storage_after_days()),
        delete_after_days: l.and_then(|l| l.delete_after_days()),
    }
}

/// The plan rule that made a recovery point; AWS may name the plan, give its id, or both.
fn plan_ref(c: Option<&bk::RecoveryPointCreator>) -> Option<PlanRef> {
    let c = c?;
    let plan_id = text(c.backup_plan_id());
    let plan_name = opt_text(c.backup_plan_name()).unwrap_or_else(|| plan_id.clone());
    if plan_name.is_empty() {
        return None;
    }
    Some(PlanRef {
        plan_id,
        plan_name,
        plan_version: opt_text(c.backup_plan_version()),
        rule_id: opt_text(c.backup_rule_id()),
        rule_name: opt_text(c.backup_rule_name()),
    })
}

pub fn protected_resource(r: &bk::ProtectedResource) -> ProtectedResource {
    let arn = r.resource_arn().unwrap_or_default();
    let (name, resource_type) = name_and_type(arn, r.resource_name(), r.resource_type());
    ProtectedResource {
        arn: arn.into(),
        resource_type,
        name,
        description: None,
        last_backup: opt_time(r.last_backup_time()),
        last_backup_vault_arn: opt_text(r.last_backup_vault_arn()),
        last_recovery_point_arn: opt_text(r.last_recovery_point_arn()),
    }
}

/// A point of ListRecoveryPointsByResource: the listing omits the resource, the vault ARN,
/// the storage class and the lifecycle, so they come from the query or stay at defaults
/// (the details page describes the point in full).
pub fn recovery_point_by_resource(
    p: &bk::RecoveryPointByResource,
    resource_arn: &str,
    region: &str,
) -> RecoveryPoint {
    let arn = p.recovery_point_arn().unwrap_or_default();
    let vault = p.backup_vault_name().unwrap_or_default();
    RecoveryPoint {
        arn: arn.into(),
        resource_arn: resource_arn.into(),
        resource_name: opt_text(p.resource_name())
            .unwrap_or_else(|| crate::domain::resource::arn_resource_id(resource_arn).into()),
        resource_type: resource_type_from_arn(resource_arn),
        vault_name: vault.into(),
        vault_arn: vault_arn(region, arn_account(arn), vault).into(),
        source_vault_arn: None,
        status: recovery_point_status(p.status()),
        status_message: opt_text(p.status_message()),
        kind: backup_kind(arn),
        created: opt_time(p.creation_date()).unwrap_or(OffsetDateTime::UNIX_EPOCH),
        completed: None,
        size_bytes: size(p.backup_size_bytes()),
        storage_class: StorageClass::Warm,
        encrypted: p.encryption_key_arn().is_some(),
        encryption_key_arn: opt_text(p.encryption_key_arn()),
        iam_role_arn: Text::from(""),
        created_by: None,
        lifecycle: Lifecycle::default(),
        last_restore: None,
    }
}

/// ListRecoveryPointsByBackupVault's members and DescribeRecoveryPoint's output name their
/// fields alike (they are distinct types): one mapping for both, storage class aside.
macro_rules! full_recovery_point {
    ($p:expr, $storage_class:expr) => {{
        let p = $p;
        let arn = p.recovery_point_arn().unwrap_or_default();
        let resource_arn = p.resource_arn().unwrap_or_default();
        let (resource_name, resource_type) =
            name_and_type(resource_arn, p.resource_name(), p.resource_type());
        RecoveryPoint {
            arn: arn.into(),
            resource_arn: resource_arn.into(),
            resource_name,
            resource_type,
            vault_name: text(p.backup_vault_name()),
            vault_arn: text(p.backup_vault_arn()),
            source_vault_arn: opt_text(p.source_backup_vault_arn()),
            status: recovery_point_status(p.status()),
            status_message: opt_text(p.status_message()),
            kind: backup_kind(arn),
            created: opt_time(p.creation_date()).unwrap_or(OffsetDateTime::UNIX_EPOCH),
            completed: opt_time(p.completion_date()),
            size_bytes: size(p.backup_size_in_bytes()),
            storage_class: $storage_class,
            encrypted: p.is_encrypted(),
            encryption_key_arn: opt_text(p.encryption_key_arn()),
            iam_role_arn: text(p.iam_role_arn()),
            created_by: plan_ref(p.created_by()).map(Into::into),
            lifecycle: lifecycle(p.lifecycle()),
            last_restore: opt_time(p.last_restore_time()),
        }
    }};
}

pub fn recovery_point_by_vault(p: &bk::RecoveryPointByBackupVault) -> RecoveryPoint {
    // The vault listing has no storage class; a point past its cold date is cold.
    let cold_at = p
        .calculated_lifecycle()
        .and_then(|c| c.move_to_cold_storage_at());
    let storage = match cold_at {
        Some(cold) if time_of(cold) <= OffsetDateTime::now_utc() => StorageClass::Cold,
        _ => StorageClass::Warm,
    };
    full_recovery_point!(p, storage)
}

pub fn described_recovery_point(
    p: &aws_sdk_backup::operation::describe_recovery_point::DescribeRecoveryPointOutput,
) -> RecoveryPoint {
    full_recovery_point!(p, storage_class(p.storage_class()))
}

pub fn backup_vault(v: &bk::BackupVaultListMember, region: &str) -> BackupVault {
    BackupVault {
        name: text(v.backup_vault_name()),
        arn: text(v.backup_vault_arn()),
        region: region.into(),
        encryption_key_arn: opt_text(v.encryption_key_arn()),
        created: opt_time(v.creation_date()).unwrap_or(OffsetDateTime::UNIX_EPOCH),
        recovery_points: u64::try_from(v.number_of_recovery_points()).unwrap_or(0),
        locked: v.locked().unwrap_or(false),
        min_retention_days: v.min_retention_days(),
        max_retention_days: v.max_retention_days(),
    }
}

fn vault_name_of(arn: Option<&str>) -> Text {
    arn_last_colon_segment(arn.unwrap_or_default()).into()
}

pub fn backup_job(j: &bk::BackupJob) -> BackupJob {
    let resource_arn = j.resource_arn().unwrap_or_default();
    let (resource_name, resource_type) =
        name_and_type(resource_arn, j.resource_name(), j.resource_type());
    let state = j.state().map(|s| s.as_str()).unwrap_or_default();
    BackupJob {
        id: text(j.backup_job_id()),
        state: BackupJobState::from_api_name(state).unwrap_or_else(|| {
            tracing::warn!(state, "unknown backup job state; shown as CREATED");
            BackupJobState::Created
        }),
        status_message: opt_text(j.status_message()),
        resource_arn: resource_arn.into(),
        resource_name,
        resource_type,
        vault_name: opt_text(j.backup_vault_name())
            .unwrap_or_else(|| vault_name_of(j.backup_vault_arn())),
        recovery_point_arn: opt_text(j.recovery_point_arn()),
        created: opt_time(j.creation_date()).unwrap_or(OffsetDateTime::UNIX_EPOCH),
        completed: opt_time(j.completion_date()),
        size_bytes: size(j.backup_size_in_bytes()),
        percent_done: percent(j.percent_done()),
        iam_role_arn: text(j.iam_role_arn()),
    }
}

/// DescribeBackupJob's answer: the members ListBackupJobs gives, read the same way.
pub fn described_backup_job(
    out: &aws_sdk_backup::operation::describe_backup_job::DescribeBackupJobOutput,
) -> BackupJob {
    let job = bk::BackupJob::builder()
        .set_backup_job_id(out.backup_job_id().map(str::to_string))
        .set_state(out.state().cloned())
        .set_status_message(out.status_message().map(str::to_string))
        .set_resource_arn(out.resource_arn().map(str::to_string))
        .set_resource_name(out.resource_name().map(str::to_string))
        .set_resource_type(out.resource_type().map(str::to_string))
        .set_backup_vault_name(out.backup_vault_name().map(str::to_string))
        .set_backup_vault_arn(out.backup_vault_arn().map(str::to_string))
        .set_recovery_point_arn(out.recovery_point_arn().map(str::to_string))
        .set_creation_date(out.creation_date().cloned())
        .set_completion_date(out.completion_date().cloned())
        .set_backup_size_in_bytes(out.backup_size_in_bytes())
        .set_percent_done(out.percent_done().map(str::to_string))
        .set_iam_role_arn(out.iam_role_arn().map(str::to_string))
        .build();
    backup_job(&job)
}

/// ListRestoreJobs and DescribeRestoreJob share these members.
pub struct RestoreJobFields<'a> {
    pub id: Option<&'a str>,
    pub status: Option<&'a bk::RestoreJobStatus>,
    pub status_message: Option<&'a str>,
    pub recovery_point_arn: Option<&'a str>,
    pub source_resource_arn: Option<&'a str>,
    pub resource_type: Option<&'a str>,
    pub created_resource_arn: Option<&'a str>,
    pub created: Option<&'a DateTime>,
    pub completed: Option<&'a DateTime>,
    pub size: Option<i64>,
    pub percent_done: Option<&'a str>,
    pub expected_minutes: Option<i64>,
    pub iam_role_arn: Option<&'a str>,
}

pub fn restore_job(f: RestoreJobFields<'_>) -> RestoreJob {
    let status = f.status.map(|s| s.as_str()).unwrap_or_default();
    let source = f.source_resource_arn.unwrap_or_default();
    RestoreJob {
        id: text(f.id),
        status: RestoreJobStatus::from_api_name(status).unwrap_or_else(|| {
            tracing::warn!(status, "unknown restore job status; shown as PENDING");
            RestoreJobStatus::Pending
        }),
        status_message: opt_text(f.status_message),
        recovery_point_arn: text(f.recovery_point_arn),
        source_resource_name: crate::domain::resource::arn_resource_id(source).into(),
        resource_type: f
            .resource_type
            .map(ResourceType::from_api_name)
            .unwrap_or_else(|| resource_type_from_arn(source)),
        created_resource_arn: opt_text(f.created_resource_arn),
        created: opt_time(f.created).unwrap_or(OffsetDateTime::UNIX_EPOCH),
        completed: opt_time(f.completed),
        size_bytes: size(f.size),
        percent_done: percent(f.percent_done),
        expected_completion_minutes: f.expected_minutes,
        iam_role_arn: text(f.iam_role_arn),
    }
}

pub fn listed_restore_job(j: &bk::RestoreJobsListMember) -> RestoreJob {
    restore_job(RestoreJobFields {
        id: j.restore_job_id(),
        status: j.status(),
        status_message: j.status_message(),
        recovery_point_arn: j.recovery_point_arn(),
        source_resource_arn: j.source_resource_arn(),
        resource_type: j.resource_type(),
        created_resource_arn: j.created_resource_arn(),
        created: j.creation_date(),
        completed: j.completion_date(),
        size: j.backup_size_in_bytes(),
        percent_done: j.percent_done(),
        expected_minutes: j.expected_completion_time_minutes(),
        iam_role_arn: j.iam_role_arn(),
    })
}

pub fn described_restore_job(
    j: &aws_sdk_backup::operation::describe_restore_job::DescribeRestoreJobOutput,
) -> RestoreJob {
    restore_job(RestoreJobFields {
        id: j.restore_job_id(),
        status: j.status(),
        status_message: j.status_message(),
        recovery_point_arn: j.recovery_point_arn(),
        source_resource_arn: j.source_resource_arn(),
        resource_type: j.resource_type(),
        created_resource_arn: j.created_resource_arn(),
        created: j.creation_date(),
        completed: j.completion_date(),
        size: j.backup_size_in_bytes(),
        percent_done: j.percent_done(),
        expected_minutes: j.expected_completion_time_minutes(),
        iam_role_arn: j.iam_role_arn(),
    })
}

pub fn copy_job(j: &bk::CopyJob) -> CopyJob {
    let resource_arn = j.resource_arn().unwrap_or_default();
    let (resource_name, resource_type) =
        name_and_type(resource_arn, j.resource_name(), j.resource_type());
    let state = j.state().map(|s| s.as_str()).unwrap_or_default();
    CopyJob {
        id: text(j.copy_job_id()),
        state: CopyJobState::from_api_name(state).unwrap_or_else(|| {
            tracing::warn!(state, "unknown copy job state; shown as CREATED");
            CopyJobState::Created
        }),
        status_message: opt_text(j.status_message()),
        resource_arn: resource_arn.into(),
        resource_name,
        resource_type,
        source_recovery_point_arn: text(j.source_recovery_point_arn()),
        source_vault_arn: text(j.source_backup_vault_arn()),
        destination_vault_arn: text(j.destination_backup_vault_arn()),
        destination_recovery_point_arn: opt_text(j.destination_recovery_point_arn()),
        created: opt_time(j.creation_date()).unwrap_or(OffsetDateTime::UNIX_EPOCH),
        completed: opt_time(j.completion_date()),
        size_bytes: size(j.backup_size_in_bytes()),
        iam_role_arn: text(j.iam_role_arn()),
    }
}

/// A plan of ListBackupPlans (its rules come from GetBackupPlan).
pub fn backup_plan(p: &bk::BackupPlansListMember) -> BackupPlan {
    BackupPlan {
        id: text(p.backup_plan_id()),
        arn: text(p.backup_plan_arn()),
        name: text(p.backup_plan_name()),
        version_id: text(p.version_id()),
        created: opt_time(p.creation_date()).unwrap_or(OffsetDateTime::UNIX_EPOCH),
        last_execution: opt_time(p.last_execution_date()),
    }
}

/// GetBackupPlan's answer: the plan (its name is inside `BackupPlan`) with every rule.
pub fn plan_details(
    out: &aws_sdk_backup::operation::get_backup_plan::GetBackupPlanOutput,
) -> PlanDetails {
    let plan = out.backup_plan();
    PlanDetails {
        plan: BackupPlan {
            id: text(out.backup_plan_id()),
            arn: text(out.backup_plan_arn()),
            name: text(plan.map(bk::BackupPlan::backup_plan_name)),
            version_id: text(out.version_id()),
            created: opt_time(out.creation_date()).unwrap_or(OffsetDateTime::UNIX_EPOCH),
            last_execution: opt_time(out.last_execution_date()),
        },
        rules: plan
            .map(|p| p.rules().iter().map(backup_rule).collect())
            .unwrap_or_default(),
    }
}

pub fn backup_rule(r: &bk::BackupRule) -> BackupRule {
    BackupRule {
        id: r.rule_id().map(str::to_string),
        name: r.rule_name().to_string(),
        target_vault: r.target_backup_vault_name().to_string(),
        schedule: r.schedule_expression().unwrap_or_default().to_string(),
        start_window_minutes: r.start_window_minutes(),
        completion_window_minutes: r.completion_window_minutes(),
        lifecycle: lifecycle(r.lifecycle()),
        continuous: r.enable_continuous_backup().unwrap_or(false),
        copy_actions: r.copy_actions().iter().map(copy_action).collect(),
    }
}

pub fn copy_action(c: &bk::CopyAction) -> CopyAction {
    CopyAction {
        destination_vault_arn: c.destination_backup_vault_arn().to_string(),
        lifecycle: lifecycle(c.lifecycle()),
    }
}

/// DescribeRegionSettings' two maps; a map AWS leaves out is empty (nothing opted in).
pub fn region_settings(
    region: &str,
    out: &aws_sdk_backup::operation::describe_region_settings::DescribeRegionSettingsOutput,
) -> RegionSettings {
    RegionSettings {
        region: region.to_string(),
        opt_in: sorted(out.resource_type_opt_in_preference()),
        management: sorted(out.resource_type_management_preference()),
    }
}

fn sorted(map: Option<&HashMap<String, bool>>) -> BTreeMap<String, bool> {
    map.map(|m| m.iter().map(|(k, v)| (k.clone(), *v)).collect())
        .unwrap_or_default()
}

/// A bucket with the two settings a restore depends on. `ownership` is the bucket's Object
/// Ownership (`None` when the bucket has no ownership controls: ACLs are then enabled).
pub fn bucket(
    name: &str,
    region: &str,
    versioning_enabled: bool,
    ownership: Option<&str>,
) -> Bucket {
    Bucket {
        name: name.to_string(),
        region: region.to_string(),
        versioning: versioning_enabled,
        acls_enabled: ownership != Some("BucketOwnerEnforced"),
        replication: None,
        objects: None,
    }
}

/// A KMS key with its alias; AWS managed keys have aliases under `alias/aws/`.
pub fn kms_key(arn: &str, alias: Option<&str>) -> KmsKey {
    KmsKey {
        arn: arn.to_string(),
        alias: alias.map(str::to_string),
        aws_managed: alias.is_some_and(|a| a.starts_with("alias/aws/")),
    }
}

pub fn iam_role(r: &aws_sdk_iam::types::Role) -> IamRole {
    IamRole {
        name: r.role_name().to_string(),
        arn: r.arn().to_string(),
    }
}

#[cfg(test)]
mod tests;
