//! On-demand backups in the demo account: StartBackupJob with the checks AWS makes, its
//! idempotency token, and the job moving CREATED → RUNNING → COMPLETED as the Region's backup
//! jobs are listed, leaving a new recovery point in the chosen vault.

use super::copy::check_lifecycle;
use super::fixtures::{ACCOUNT_ID, Account, DEMO_NOW, Rng};
use super::settings;
use super::tokens::Tokens;
use super::{invalid, not_found};
use crate::backend::BackendError;
use crate::domain::backup::{
    BackupRequest, complete_window_minutes, start_window_minutes, vault_lock_problem,
};
use crate::domain::{
    BackupJob, BackupJobState, BackupKind, BackupVault, ProtectedResource, RecoveryPoint,
    RecoveryPointStatus, ResourceType, StorageClass,
};
use time::{Duration, OffsetDateTime};

/// How many listings a backup job takes from CREATED to COMPLETED.
const LAST_STEP: u8 = 3;

/// How long a demo backup job runs, from creation to its end.
const BACKUP_MINUTES: i64 = 12;

/// Backup bookkeeping: which token started which job, and the jobs still under way.
#[derive(Debug, Default)]
pub struct BackupBook {
    tokens: Tokens<BackupRequest>,
    /// In the order they started, so every listing ends them in the same order.
    running: Vec<Running>,
    started: u64,
}

/// A backup job started here that has not ended yet.
#[derive(Debug)]
struct Running {
    job_id: String,
    /// Listings seen so far: RUNNING from the first, COMPLETED at [`LAST_STEP`].
    step: u8,
    request: BackupRequest,
    resource: ProtectedResource,
    vault: BackupVault,
}

/// StartBackupJob: starts the job as AWS would, or says why AWS would refuse it.
pub fn start(
    account: &mut Account,
    book: &mut BackupBook,
    ids: &mut Rng,
    req: &BackupRequest,
) -> Result<String, BackendError> {
    if let Some(answer) = book
        .tokens
        .replay("IdempotencyToken", &req.idempotency_token, req)
    {
        return answer;
    }
    for (member, value) in [
        ("BackupVaultName", &req.vault_name),
        ("ResourceArn", &req.resource_arn),
        ("IamRoleArn", &req.iam_role_arn),
    ] {
        if value.is_empty() {
            return Err(invalid(format!(
                "MissingParameterValueException: {member} is required"
            )));
        }
    }
    let (resource, vault) = find(account, req)?;
    if !account.roles.iter().any(|r| r.arn == req.iam_role_arn) {
        return Err(invalid(format!(
            "InvalidParameterValueException: IAM role {} does not exist or cannot be assumed by AWS Backup",
            req.iam_role_arn
        )));
    }
    let type_name = resource.resource_type.api_name();
    if !settings::describe(account, &req.region).is_opted_in(type_name) {
        return Err(invalid(format!(
            "InvalidRequestException: resource type {type_name} is not opted in for AWS Backup in {}; opt in with UpdateRegionSettings first",
            req.region
        )));
    }
    start_window_minutes(req.start_window_minutes)
        .and_then(|()| {
            complete_window_minutes(req.start_window_minutes, req.complete_window_minutes)
        })
        .map_err(|e| invalid(format!("InvalidParameterValueException: {e}")))?;
    if let Some(lifecycle) = &req.lifecycle {
        check_lifecycle(lifecycle, "Lifecycle", false)?;
    }
    if let Some(problem) = vault_lock_problem(&vault, req.lifecycle.as_ref()) {
        return Err(invalid(format!("InvalidRequestException: {problem}")));
    }
    book.started += 1;
    let job_id = ids.uuid().to_uppercase();
    let job = BackupJob {
        id: job_id.as_str().into(),
        state: BackupJobState::Created,
        status_message: None,
        resource_arn: resource.arn.clone(),
        resource_name: resource.name.clone(),
        resource_type: resource.resource_type.clone(),
        vault_name: vault.name.clone(),
        recovery_point_arn: None,
        created: DEMO_NOW + Duration::minutes(book.started as i64),
        completed: None,
        size_bytes: None,
        percent_done: Some(0),
        iam_role_arn: req.iam_role_arn.as_str().into(),
    };
    account.region_mut(&req.region).backup_jobs.insert(0, job);
    book.tokens.remember(&req.idempotency_token, req, &job_id);
    book.running.push(Running {
        job_id: job_id.clone(),
        step: 0,
        request: req.clone(),
        resource,
        vault,
    });
    Ok(job_id)
}

/// The resource and the vault, both in the Region the call is sent to.
fn find(
    account: &Account,
    req: &BackupRequest,
) -> Result<(ProtectedResource, BackupVault), BackendError> {
    let data = account.region(&req.region);
    let vault = data
        .vaults
        .iter()
        .find(|v| *v.name == req.vault_name)
        .cloned()
        .ok_or_else(|| {
            not_found(format!(
                "ResourceNotFoundException: backup vault {} does not exist in {}",
                req.vault_name, req.region
            ))
        })?;
    let resource = data
        .resources
        .iter()
        .find(|r| *r.arn == req.resource_arn)
        .cloned()
        .ok_or_else(|| {
            not_found(format!(
                "ResourceNotFoundException: resource {} not found in {} (StartBackupJob is called in the resource's own Region)",
                req.resource_arn, req.region
            ))
        })?;
    Ok((resource, vault))
}

/// A listing of `region`'s backup jobs: every job started there moves one step on.
pub fn advance_region(account: &mut Account, book: &mut BackupBook, ids: &mut Rng, region: &str) {
    let mut index = 0;
    while index < book.running.len() {
        if book.running[index].request.region != region || !advance(account, book, ids, index) {
            index += 1;
        }
    }
}

/// DescribeBackupJob: each poll moves the job one step on, as a listing does.
pub fn describe(
    account: &mut Account,
    book: &mut BackupBook,
    ids: &mut Rng,
    region: &str,
    job_id: &str,
) -> Result<BackupJob, BackendError> {
    if let Some(index) = book
        .running
        .iter()
        .position(|run| run.request.region == region && run.job_id == job_id)
    {
        advance(account, book, ids, index);
    }
    job_mut(account, region, job_id)
        .map(|job| job.clone())
        .ok_or_else(|| not_found(format!("Backup job {job_id} not found in {region}")))
}

/// Moves the running job at `index` one step on; true if it finished (and left the book).
fn advance(account: &mut Account, book: &mut BackupBook, ids: &mut Rng, index: usize) -> bool {
    let run = &mut book.running[index];
    run.step += 1;
    if run.step < LAST_STEP {
        let (step, job_id, region) = (run.step, run.job_id.clone(), run.request.region.clone());
        if let Some(job) = job_mut(account, &region, &job_id) {
            job.state = BackupJobState::Running;
            job.percent_done = Some(step * 100 / LAST_STEP);
        }
        return false;
    }
    let run = book.running.remove(index);
    finish(account, ids, &run);
    true
}

/// Ends the job COMPLETED, with its recovery point in the vault and the resource's last backup.
fn finish(account: &mut Account, ids: &mut Rng, run: &Running) {
    let region = run.request.region.as_str();
    let Some(created) = job_mut(account, region, &run.job_id).map(|job| job.created) else {
        return;
    };
    let completed = created + Duration::minutes(BACKUP_MINUTES);
    let point = recovery_point(account, ids, run, created, completed);
    let (arn, size) = (point.arn.clone(), point.size_bytes);
    let data = account.region_mut(region);
    if let Some(resource) = data
        .resources
        .iter_mut()
        .find(|r| r.arn == run.resource.arn)
    {
        resource.last_backup = Some(created);
        resource.last_backup_vault_arn = Some(run.vault.arn.clone());
        resource.last_recovery_point_arn = Some(arn.clone());
    }
    data.recovery_points.push(point);
    if let Some(job) = job_mut(account, region, &run.job_id) {
        job.state = BackupJobState::Completed;
        job.percent_done = Some(100);
        job.completed = Some(completed);
        job.size_bytes = size;
        job.recovery_point_arn = Some(arn);
    }
}

/// The on-demand recovery point: no plan made it (`created_by` is `None`), kept as asked.
fn recovery_point(
    account: &Account,
    ids: &mut Rng,
    run: &Running,
    created: OffsetDateTime,
    completed: OffsetDateTime,
) -> RecoveryPoint {
    let (resource, vault, region) = (&run.resource, &run.vault, run.request.region.as_str());
    let dynamodb_managed = settings::describe(account, region)
        .management
        .get("DynamoDB")
        .copied()
        .unwrap_or(false);
    // As big as the resource's last backup, if the account has one.
    let size = account
        .region(region)
        .recovery_points
        .iter()
        .filter(|rp| rp.resource_arn == resource.arn)
        .max_by_key(|rp| rp.created)
        .and_then(|rp| rp.size_bytes)
        .unwrap_or(1 << 20);
    RecoveryPoint {
        arn: point_arn(ids, resource, region, dynamodb_managed).into(),
        resource_arn: resource.arn.clone(),
        resource_name: resource.name.clone(),
        resource_type: resource.resource_type.clone(),
        vault_name: vault.name.clone(),
        vault_arn: vault.arn.clone(),
        source_vault_arn: None,
        status: RecoveryPointStatus::Completed,
        status_message: None,
        kind: BackupKind::Snapshot,
        created,
        completed: Some(completed),
        size_bytes: Some(size),
        storage_class: StorageClass::Warm,
        encrypted: vault.encryption_key_arn.is_some(),
        encryption_key_arn: vault.encryption_key_arn.clone(),
        iam_role_arn: run.request.iam_role_arn.as_str().into(),
        created_by: None,
        lifecycle: run.request.lifecycle.unwrap_or_default(),
        last_restore: None,
    }
}

/// The ARN the real service gives a backup of `resource` made in `region`.
fn point_arn(
    ids: &mut Rng,
    resource: &ProtectedResource,
    region: &str,
    dynamodb_managed: bool,
) -> String {
    let a = ACCOUNT_ID;
    match resource.resource_type {
        ResourceType::Ec2 => format!("arn:aws:ec2:{region}::image/ami-0{}", ids.hex(16)),
        ResourceType::Ebs | ResourceType::StorageGateway => {
            format!("arn:aws:ec2:{region}::snapshot/snap-0{}", ids.hex(16))
        }
        ResourceType::Rds => format!(
            "arn:aws:rds:{region}:{a}:snapshot:awsbackup:job-{}",
            ids.uuid()
        ),
        ResourceType::Aurora => format!(
            "arn:aws:rds:{region}:{a}:cluster-snapshot:awsbackup:job-{}",
            ids.uuid()
        ),
        ResourceType::FSx => format!("arn:aws:fsx:{region}:{a}:backup/backup-0{}", ids.hex(16)),
        // Without AWS Backup's advanced features, DynamoDB makes the backup itself.
        ResourceType::DynamoDB if !dynamodb_managed => format!(
            "{}/backup/0{}-{}",
            resource.arn,
            DEMO_NOW.unix_timestamp() * 1000,
            ids.hex(8)
        ),
        _ => format!(
            "arn:aws:backup:{region}:{a}:recovery-point:{}",
            ids.uuid().to_uppercase()
        ),
    }
}

fn job_mut<'a>(account: &'a mut Account, region: &str, job_id: &str) -> Option<&'a mut BackupJob> {
    account
        .region_mut(region)
        .backup_jobs
        .iter_mut()
        .find(|j| &*j.id == job_id)
}

#[cfg(test)]
mod tests;
