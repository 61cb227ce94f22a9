//! StartCopyJob and DescribeCopyJob in the demo account: the checks AWS makes, idempotency
//! tokens, and copy jobs that move CREATED → RUNNING → COMPLETED (or FAILED) as they are polled
//! (DescribeCopyJob, or a listing of the source Region's copy jobs), both the jobs started in
//! the session and the seeded ones still under way. A completed copy is a new recovery point
//! in the destination vault, which can be restored in the destination Region.
//!
//! Two kinds of copy are accepted but fail, as they would in a real account, so a rehearsal can
//! show a failure on purpose:
//! - into a vault with Vault Lock (`compliance-locked`, 30 to 3650 days), a copy kept less than
//!   the lock's minimum, more than its maximum, or forever;
//! - an RDS or Aurora snapshot encrypted with a customer managed KMS key (the `analytics`
//!   cluster's, `alias/prod-data`) copied to another Region: the key's policy does not let the
//!   copy role use it through Amazon RDS.

use super::fixtures::{ACCOUNT_ID, Account, DEMO_NOW, Rng};
use super::tokens::Tokens;
use super::{invalid, not_found};
use crate::backend::BackendError;
use crate::domain::copy::{CopyRequest, NO_CROSS_REGION_COPY, arn_region};
use crate::domain::{
    BackupKind, BackupVault, CopyJob, CopyJobState, Lifecycle, ProtectedResource, RecoveryPoint,
    RecoveryPointStatus, Region, ResourceType, StorageClass, Text, validate,
};
use time::{Duration, OffsetDateTime};

/// How many polls a copy job takes from CREATED to its end.
const LAST_STEP: u8 = 3;

/// How long a demo copy job runs, from creation to its end.
const COPY_MINUTES: i64 = 25;

/// Copy bookkeeping: which token started which job, and the jobs still under way.
#[derive(Debug, Default)]
pub struct CopyBook {
    tokens: Tokens<CopyRequest>,
    /// In the order they started, so every poll ends them (and names their copies) in the same
    /// order.
    running: Vec<Running>,
    started: u64,
}

/// A copy job under way (started here, or seeded CREATED or RUNNING) that has not ended yet.
#[derive(Debug)]
struct Running {
    job_id: String,
    /// Polls taken so far: a job is RUNNING from the first and ends at [`LAST_STEP`].
    step: u8,
    /// The source Region, where the job is listed and described.
    region: String,
    iam_role_arn: Text,
    source: RecoveryPoint,
    destination: BackupVault,
    /// The copy's lifecycle: the requested one, else the source's.
    lifecycle: Lifecycle,
    /// Decided when the job starts: why it will fail, if it will.
    failure: Option<String>,
}

impl CopyBook {
    /// The bookkeeping of a freshly seeded account: its CREATED and RUNNING copy jobs are under
    /// way, so polls move them on and end them as they would a job started in the session.
    pub fn new(account: &Account) -> Self {
        let mut under_way: Vec<(OffsetDateTime, Running)> = account
            .regions
            .iter()
            .flat_map(|(region, data)| {
                data.copy_jobs
                    .iter()
                    .filter_map(move |job| Some((job.created, seeded(account, region, job)?)))
            })
            .collect();
        under_way.sort_by_key(|(created, _)| *created);
        CopyBook {
            running: under_way.into_iter().map(|(_, run)| run).collect(),
            ..CopyBook::default()
        }
    }
}

/// A seeded job of `region` still under way, with what it copies and where; `None` for a job
/// that has ended (or whose source or destination the seed lacks).
fn seeded(account: &Account, region: &str, job: &CopyJob) -> Option<Running> {
    let step = match job.state {
        CopyJobState::Created => 0,
        CopyJobState::Running => 1,
        _ => return None,
    };
    let source = account
        .region(region)
        .recovery_points
        .iter()
        .find(|rp| rp.arn == job.source_recovery_point_arn)?
        .clone();
    let destination = account
        .region(arn_region(&job.destination_vault_arn))
        .vaults
        .iter()
        .find(|v| v.arn == job.destination_vault_arn)?
        .clone();
    // A plan's copy rule keeps the copy as long as its source when it names no lifecycle.
    let lifecycle = source.lifecycle;
    let failure = failure(account, &source, region, &destination, &lifecycle);
    Some(Running {
        job_id: job.id.to_string(),
        step,
        region: region.to_string(),
        iam_role_arn: job.iam_role_arn.clone(),
        source,
        destination,
        lifecycle,
        failure,
    })
}

/// Why a copy of `source` (in `source_region`) into `destination`, kept per `lifecycle`, will
/// fail once it has run, if it will.
fn failure(
    account: &Account,
    source: &RecoveryPoint,
    source_region: &str,
    destination: &BackupVault,
    lifecycle: &Lifecycle,
) -> Option<String> {
    vault_lock_failure(destination, lifecycle)
        .or_else(|| kms_failure(account, source, source_region, &destination.region))
}

/// Starts a copy job as AWS would (called in the source Region), or says why AWS would refuse.
pub fn start(
    account: &mut Account,
    book: &mut CopyBook,
    ids: &mut Rng,
    req: &CopyRequest,
) -> Result<String, BackendError> {
    if let Some(answer) = book
        .tokens
        .replay("IdempotencyToken", &req.idempotency_token, req)
    {
        return answer;
    }
    for (member, value) in [
        ("RecoveryPointArn", &req.recovery_point_arn),
        ("SourceBackupVaultName", &req.source_vault_name),
        ("DestinationBackupVaultArn", &req.destination_vault_arn),
        ("IamRoleArn", &req.iam_role_arn),
    ] {
        if value.is_empty() {
            return Err(invalid(format!(
                "MissingParameterValueException: {member} is required"
            )));
        }
    }
    let source = source_point(account, req)?;
    let destination = destination_vault(account, req)?;
    if destination.arn == source.vault_arn {
        return Err(invalid(format!(
            "InvalidParameterValueException: the source and destination backup vaults are the same ({}); copy to another vault",
            destination.name
        )));
    }
    refuse_source(&source)?;
    refuse_regions(&source, &req.region, &destination.region)?;
    let lifecycle = match &req.lifecycle {
        None => source.lifecycle,
        Some(requested) => {
            check_lifecycle(requested, "Lifecycle", true)?;
            if never_expires(requested) {
                Lifecycle::default()
            } else {
                *requested
            }
        }
    };
    if !account.roles.iter().any(|r| r.arn == req.iam_role_arn) {
        return Err(invalid(format!(
            "InvalidParameterValueException: IAM role {} does not exist or cannot be assumed by AWS Backup",
            req.iam_role_arn
        )));
    }
    let failure = failure(account, &source, &req.region, &destination, &lifecycle);
    book.started += 1;
    let job_id = ids.uuid().to_uppercase();
    let job = CopyJob {
        id: job_id.as_str().into(),
        state: CopyJobState::Created,
        status_message: None,
        resource_arn: source.resource_arn.clone(),
        resource_name: source.resource_name.clone(),
        resource_type: source.resource_type.clone(),
        source_recovery_point_arn: source.arn.clone(),
        source_vault_arn: source.vault_arn.clone(),
        destination_vault_arn: destination.arn.clone(),
        destination_recovery_point_arn: None,
        created: DEMO_NOW + Duration::minutes(book.started as i64),
        completed: None,
        size_bytes: None,
        iam_role_arn: req.iam_role_arn.as_str().into(),
    };
    account.region_mut(&req.region).copy_jobs.insert(0, job);
    book.tokens.remember(&req.idempotency_token, req, &job_id);
    book.running.push(Running {
        job_id: job_id.clone(),
        step: 0,
        region: req.region.clone(),
        iam_role_arn: req.iam_role_arn.as_str().into(),
        source,
        destination,
        lifecycle,
        failure,
    });
    Ok(job_id)
}

/// The recovery point, which must be in the named vault of the Region the call is sent to.
fn source_point(account: &Account, req: &CopyRequest) -> Result<RecoveryPoint, BackendError> {
    let data = account.region(&req.region);
    if !data.vaults.iter().any(|v| *v.name == req.source_vault_name) {
        return Err(not_found(format!(
            "ResourceNotFoundException: backup vault {} does not exist in {}",
            req.source_vault_name, req.region
        )));
    }
    data.recovery_points
        .iter()
        .find(|rp| *rp.arn == req.recovery_point_arn && *rp.vault_name == req.source_vault_name)
        .cloned()
        .ok_or_else(|| {
            not_found(format!(
                "ResourceNotFoundException: recovery point {} not found in backup vault {} in {} (StartCopyJob is called in the recovery point's own Region)",
                req.recovery_point_arn, req.source_vault_name, req.region
            ))
        })
}

/// The destination vault, found by ARN in the Region the ARN names.
fn destination_vault(account: &Account, req: &CopyRequest) -> Result<BackupVault, BackendError> {
    let region = req.destination_region();
    account
        .region(region)
        .vaults
        .iter()
        .find(|v| *v.arn == req.destination_vault_arn)
        .cloned()
        .ok_or_else(|| {
            not_found(format!(
                "ResourceNotFoundException: destination backup vault {} does not exist",
                req.destination_vault_arn
            ))
        })
}

/// What AWS refuses to copy whatever the destination: unfinished, cold or continuous backups.
fn refuse_source(rp: &RecoveryPoint) -> Result<(), BackendError> {
    if !rp.status.is_restorable() {
        return Err(invalid(format!(
            "InvalidRequestException: recovery point status is {}; only COMPLETED or AVAILABLE recovery points can be copied",
            rp.status
        )));
    }
    match rp.storage_class {
        StorageClass::Warm => {}
        StorageClass::Cold => {
            return Err(invalid(
                "InvalidRequestException: backups in cold storage cannot be copied",
            ));
        }
        StorageClass::Deleted => {
            return Err(invalid(
                "InvalidRequestException: the recovery point's data has been deleted",
            ));
        }
    }
    if rp.kind == BackupKind::Continuous {
        return Err(invalid(
            "InvalidRequestException: AWS Backup does not support on-demand copies of continuous backups",
        ));
    }
    Ok(())
}

/// What AWS refuses to copy from `source_region` to `destination_region`.
fn refuse_regions(
    rp: &RecoveryPoint,
    source_region: &str,
    destination_region: &str,
) -> Result<(), BackendError> {
    if source_region == destination_region {
        return Ok(());
    }
    if rp.resource_type == ResourceType::DynamoDB && !rp.managed_by_aws_backup() {
        return Err(invalid(format!(
            "InvalidRequestException: {} is a backup managed by DynamoDB, which cannot be copied to another Region; only backups made with AWS Backup's advanced DynamoDB features can",
            rp.arn
        )));
    }
    refuse_cross_region(source_region, destination_region)
}

/// Cross-Region copy between two Regions (a copy action of a plan, or StartCopyJob).
pub(super) fn refuse_cross_region(source: &str, destination: &str) -> Result<(), BackendError> {
    if source == destination {
        return Ok(());
    }
    match [source, destination]
        .into_iter()
        .find(|r| NO_CROSS_REGION_COPY.contains(r))
    {
        Some(blocked) => {
            let name = Region::by_code(blocked).map_or(blocked, |r| r.name);
            Err(invalid(format!(
                "InvalidRequestException: cross-Region copy is not available in {blocked} ({name})"
            )))
        }
        None => Ok(()),
    }
}

/// `-1` in both members: keep the copy forever (StartCopyJob and copy actions only).
fn never_expires(lifecycle: &Lifecycle) -> bool {
    lifecycle.move_to_cold_storage_after_days == Some(-1) && lifecycle.delete_after_days == Some(-1)
}

/// AWS's lifecycle rules: days from 1 to 100 years, expiry at least 90 days after the move to
/// cold storage; with `never_allowed`, `-1` in both members for "never expire". `member`
/// names the lifecycle in the message (`Lifecycle`, `Rules[0].Lifecycle`, …).
pub(super) fn check_lifecycle(
    lifecycle: &Lifecycle,
    member: &str,
    never_allowed: bool,
) -> Result<(), BackendError> {
    let (cold, delete) = (
        lifecycle.move_to_cold_storage_after_days,
        lifecycle.delete_after_days,
    );
    if never_allowed {
        if never_expires(lifecycle) {
            return Ok(());
        }
        if cold == Some(-1) || delete == Some(-1) {
            return Err(invalid(format!(
                "InvalidParameterValueException: {member}: to keep a copy forever, set both MoveToColdStorageAfterDays and DeleteAfterDays to -1"
            )));
        }
    }
    validate::lifecycle_days(cold, delete)
        .map_err(|e| invalid(format!("InvalidParameterValueException: {member}: {e}")))
}

/// Vault Lock refuses a recovery point kept outside its retention range.
fn vault_lock_failure(vault: &BackupVault, lifecycle: &Lifecycle) -> Option<String> {
    if !vault.locked {
        return None;
    }
    let (min, max) = (vault.min_retention_days, vault.max_retention_days);
    let kept = lifecycle.delete_after_days;
    let outside = match kept {
        None => max.is_some(),
        Some(days) => min.is_some_and(|m| days < m) || max.is_some_and(|m| days > m),
    };
    if !outside {
        return None;
    }
    let range = match (min, max) {
        (Some(min), Some(max)) => format!("{min} to {max} days"),
        (Some(min), None) => format!("at least {min} days"),
        (None, Some(max)) => format!("at most {max} days"),
        (None, None) => return None,
    };
    let kept = kept.map_or_else(|| "forever".to_string(), |d| format!("{d} days"));
    Some(format!(
        "The vault lock on {} only accepts recovery points kept {range}, and this copy would be kept {kept}: copy again with an expiry in that range",
        vault.name
    ))
}

/// RDS copies a snapshot encrypted with a customer managed key to another Region only with a
/// grant on that key, which the demo's key policy does not give the copy role.
fn kms_failure(
    account: &Account,
    rp: &RecoveryPoint,
    source_region: &str,
    destination_region: &str,
) -> Option<String> {
    if source_region == destination_region
        || !matches!(rp.resource_type, ResourceType::Rds | ResourceType::Aurora)
    {
        return None;
    }
    let key = rp.encryption_key_arn.as_deref()?;
    let customer_managed = account
        .region(source_region)
        .kms_keys
        .iter()
        .any(|k| k.arn == key && !k.aws_managed);
    customer_managed.then(|| {
        format!(
            "Access denied to KMS key {key}: its key policy does not allow the copy role to use it through Amazon RDS (kms:CreateGrant), so the snapshot cannot be copied to {destination_region}. Allow the role in the key policy, then copy again"
        )
    })
}

/// DescribeCopyJob: each poll moves a job under way one step on.
pub fn describe(
    account: &mut Account,
    book: &mut CopyBook,
    ids: &mut Rng,
    region: &str,
    job_id: &str,
) -> Result<CopyJob, BackendError> {
    if book
        .running
        .iter()
        .any(|run| run.job_id == job_id && run.region == region)
    {
        advance(account, book, ids, job_id);
    }
    account
        .region(region)
        .copy_jobs
        .iter()
        .find(|j| &*j.id == job_id)
        .cloned()
        .ok_or_else(|| {
            not_found(format!(
                "ResourceNotFoundException: copy job {job_id} not found in {region} (a copy job is in its source Region)"
            ))
        })
}

/// A listing of `region`'s copy jobs: every job under way there moves one step on.
pub fn advance_region(account: &mut Account, book: &mut CopyBook, ids: &mut Rng, region: &str) {
    let due: Vec<String> = book
        .running
        .iter()
        .filter(|run| run.region == region)
        .map(|run| run.job_id.clone())
        .collect();
    for job_id in due {
        advance(account, book, ids, &job_id);
    }
}

fn advance(account: &mut Account, book: &mut CopyBook, ids: &mut Rng, job_id: &str) {
    let Some(index) = book.running.iter().position(|run| run.job_id == job_id) else {
        return;
    };
    let run = &mut book.running[index];
    run.step += 1;
    let (step, region) = (run.step, run.region.clone());
    let Some(job) = job_mut(account, &region, job_id) else {
        return;
    };
    if step < LAST_STEP {
        job.state = CopyJobState::Running;
        return;
    }
    let created = job.created;
    // A seeded job was still under way at the demo's clock, so it ends after it.
    let completed = created.max(DEMO_NOW) + Duration::minutes(COPY_MINUTES);
    let run = book.running.remove(index);
    let copy_arn = run
        .failure
        .is_none()
        .then(|| deliver(account, ids, &run, created, completed));
    let Some(job) = job_mut(account, &region, job_id) else {
        return;
    };
    job.completed = Some(completed);
    match run.failure {
        Some(message) => {
            job.state = CopyJobState::Failed;
            job.status_message = Some(message.into());
        }
        None => {
            job.state = CopyJobState::Completed;
            job.destination_recovery_point_arn = copy_arn;
            job.size_bytes = run.source.size_bytes;
        }
    }
}

fn job_mut<'a>(account: &'a mut Account, region: &str, job_id: &str) -> Option<&'a mut CopyJob> {
    account
        .region_mut(region)
        .copy_jobs
        .iter_mut()
        .find(|j| &*j.id == job_id)
}

/// Puts the copy in the destination vault and returns its ARN. It is always a snapshot
/// (continuous backups are refused before), encrypted with the destination vault's key.
fn deliver(
    account: &mut Account,
    ids: &mut Rng,
    run: &Running,
    created: OffsetDateTime,
    completed: OffsetDateTime,
) -> Text {
    let source = &run.source;
    let vault = &run.destination;
    let arn: Text = copy_arn(ids, source, &vault.region).into();
    let copy = RecoveryPoint {
        arn: arn.clone(),
        vault_name: vault.name.clone(),
        vault_arn: vault.arn.clone(),
        source_vault_arn: Some(source.vault_arn.clone()),
        status: RecoveryPointStatus::Completed,
        status_message: None,
        kind: BackupKind::Snapshot,
        created,
        completed: Some(completed),
        storage_class: StorageClass::Warm,
        encrypted: vault.encryption_key_arn.is_some(),
        encryption_key_arn: vault.encryption_key_arn.clone(),
        iam_role_arn: run.iam_role_arn.clone(),
        created_by: None,
        lifecycle: run.lifecycle,
        last_restore: None,
        ..source.clone()
    };
    let data = account.region_mut(&vault.region);
    match data
        .resources
        .iter_mut()
        .find(|r| r.arn == source.resource_arn)
    {
        Some(resource) => {
            if resource.last_backup.is_none_or(|t| t < created) {
                resource.last_backup = Some(created);
                resource.last_backup_vault_arn = Some(vault.arn.clone());
                resource.last_recovery_point_arn = Some(arn.clone());
            }
        }
        None => data.resources.push(ProtectedResource {
            arn: source.resource_arn.clone(),
            resource_type: source.resource_type.clone(),
            name: source.resource_name.clone(),
            description: Some("Cross-Region copies only".into()),
            last_backup: Some(created),
            last_backup_vault_arn: Some(vault.arn.clone()),
            last_recovery_point_arn: Some(arn.clone()),
        }),
    }
    data.recovery_points.push(copy);
    arn
}

/// The ARN the real service gives a copy of `rp` made in `region`.
fn copy_arn(ids: &mut Rng, rp: &RecoveryPoint, region: &str) -> String {
    let a = ACCOUNT_ID;
    match rp.resource_type {
        ResourceType::Ec2 => format!("arn:aws:ec2:{region}::image/ami-0{}", ids.hex(16)),
        ResourceType::Ebs | ResourceType::StorageGateway => {
            format!("arn:aws:ec2:{region}::snapshot/snap-0{}", ids.hex(16))
        }
        ResourceType::Rds => format!(
            "arn:aws:rds:{region}:{a}:snapshot:awsbackup:copyjob-{}",
            ids.uuid()
        ),
        ResourceType::Aurora => format!(
            "arn:aws:rds:{region}:{a}:cluster-snapshot:awsbackup:copyjob-{}",
            ids.uuid()
        ),
        ResourceType::FSx => format!("arn:aws:fsx:{region}:{a}:backup/backup-0{}", ids.hex(16)),
        // A copy of a DynamoDB-managed backup (within its Region) stays a DynamoDB backup.
        ResourceType::DynamoDB if !rp.managed_by_aws_backup() => format!(
            "arn:aws:dynamodb:{region}:{a}:table/{}/backup/0{}-{}",
            rp.resource_name,
            DEMO_NOW.unix_timestamp() * 1000,
            ids.hex(8)
        ),
        _ => format!(
            "arn:aws:backup:{region}:{a}:recovery-point:{}",
            ids.uuid().to_uppercase()
        ),
    }
}

#[cfg(test)]
mod seeded_tests;
#[cfg(test)]
mod tests;
