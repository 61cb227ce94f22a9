//! StartRestoreJob and DescribeRestoreJob in the demo account: the checks AWS makes, idempotency
//! tokens, and jobs that move PENDING → RUNNING → COMPLETED (or FAILED) as they are polled.

use super::fixtures::{ACCOUNT_ID, Account, DEMO_NOW};
use super::invalid;
use crate::backend::{BackendError, ErrorKind};
use crate::domain::restore::{Bucket, RestoreRequest};
use crate::domain::{RecoveryPoint, ResourceType, RestoreJob, RestoreJobStatus, Text};
use std::collections::HashMap;
use time::Duration;

/// Restore bookkeeping: which token started which job, and how far each new job has got.
#[derive(Debug, Default)]
pub struct RestoreBook {
    tokens: HashMap<String, (RestoreRequest, String)>,
    steps: HashMap<String, u8>,
    /// The ARN each job reports as its created resource once it completes.
    created: HashMap<String, String>,
    started: u64,
}

/// How many polls a job takes from PENDING to its end.
const LAST_STEP: u8 = 4;

/// Starts a restore job as AWS would, or says why AWS would refuse it.
pub fn start(
    account: &mut Account,
    book: &mut RestoreBook,
    req: &RestoreRequest,
) -> Result<String, BackendError> {
    if let Some((previous, job_id)) = book.tokens.get(&req.idempotency_token) {
        return if previous == req {
            Ok(job_id.clone())
        } else {
            Err(invalid(format!(
                "InvalidParameterValueException: IdempotencyToken {} was already used with different parameters",
                req.idempotency_token
            )))
        };
    }
    let rp = account
        .region(&req.region)
        .recovery_points
        .iter()
        .find(|rp| *rp.arn == req.recovery_point_arn)
        .cloned()
        .ok_or_else(|| {
            BackendError::new(
                ErrorKind::NotFound,
                format!(
                    "ResourceNotFoundException: recovery point {} not found in {} (a restore runs in the recovery point's own Region)",
                    req.recovery_point_arn, req.region
                ),
            )
        })?;
    if !rp.status.is_restorable() {
        return Err(invalid(format!(
            "InvalidRequestException: recovery point status is {}; only COMPLETED or AVAILABLE recovery points can be restored",
            rp.status
        )));
    }
    if let Some(role) = &req.iam_role_arn
        && !account.roles.iter().any(|r| &r.arn == role)
    {
        return Err(invalid(format!(
            "InvalidParameterValueException: IAM role {role} does not exist or cannot be assumed by AWS Backup"
        )));
    }
    let created_resource = match rp.resource_type {
        ResourceType::S3 => check_s3(account, req)?,
        ResourceType::DynamoDB => check_dynamodb(account, req)?,
        _ => created_arn(&rp, req, book.started),
    };
    book.started += 1;
    let n = book.started;
    let job_id = format!("{n:08X}-DE40-4B7C-9A1E-{:012X}", 0xC0FFEE_u64 * n);
    let job = RestoreJob {
        id: job_id.as_str().into(),
        status: RestoreJobStatus::Pending,
        status_message: None,
        recovery_point_arn: rp.arn.clone(),
        source_resource_name: rp.resource_name.clone(),
        resource_type: rp.resource_type.clone(),
        created_resource_arn: None,
        created: DEMO_NOW + Duration::minutes(n as i64),
        completed: None,
        size_bytes: rp.size_bytes,
        percent_done: Some(0),
        expected_completion_minutes: Some(10),
        iam_role_arn: req
            .iam_role_arn
            .as_deref()
            .unwrap_or(super::fixtures::BACKUP_ROLE)
            .into(),
    };
    account.region_mut(&req.region).restore_jobs.insert(0, job);
    book.tokens
        .insert(req.idempotency_token.clone(), (req.clone(), job_id.clone()));
    book.steps.insert(job_id.clone(), 0);
    book.created.insert(job_id.clone(), created_resource);
    Ok(job_id)
}

fn meta<'a>(req: &'a RestoreRequest, key: &str) -> Option<&'a str> {
    // Metadata keys are not case-sensitive for AWS Backup.
    req.metadata
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, v)| v.as_str())
}

fn known_key(account: &Account, region: &str, key: &str) -> bool {
    account
        .region(region)
        .kms_keys
        .iter()
        .any(|k| k.arn == key || k.alias.as_deref() == Some(key))
}

fn check_s3(account: &mut Account, req: &RestoreRequest) -> Result<String, BackendError> {
    let bucket = meta(req, "DestinationBucketName")
        .filter(|b| !b.is_empty())
        .ok_or_else(|| {
            invalid("MissingParameterValueException: DestinationBucketName is required")
        })?
        .to_string();
    if meta(req, "EncryptionType") == Some("SSE-KMS") {
        let key = meta(req, "KMSKey").unwrap_or("");
        if !known_key(account, &req.region, key) {
            return Err(invalid(format!(
                "KMS.NotFoundException: key '{key}' does not exist in {}",
                req.region
            )));
        }
    }
    if let Some(items) = meta(req, "ItemsToRestore") {
        let parsed: Vec<String> = serde_json::from_str(items).map_err(|_| {
            invalid(
                "InvalidParameterValueException: ItemsToRestore must be a JSON array of S3 URIs",
            )
        })?;
        if parsed.is_empty() || parsed.len() > 5 {
            return Err(invalid(
                "InvalidParameterValueException: ItemsToRestore takes 1 to 5 items",
            ));
        }
    }
    let exists = account
        .regions
        .values()
        .flat_map(|r| &r.buckets)
        .any(|b| b.name == bucket);
    if meta(req, "NewBucket").is_some_and(|v| v.eq_ignore_ascii_case("true")) {
        if exists {
            return Err(invalid(format!(
                "BucketAlreadyExists: the bucket name {bucket} is already taken"
            )));
        }
        // The console's "Create new bucket": versioning on, ACLs enabled.
        account.region_mut(&req.region).buckets.push(Bucket {
            name: bucket.clone(),
            region: req.region.clone(),
            versioning: true,
            acls_enabled: true,
            replication: None,
            objects: None,
        });
    } else {
        let found = account
            .region(&req.region)
            .buckets
            .iter()
            .find(|b| b.name == bucket)
            .ok_or_else(|| {
                BackendError::new(
                    ErrorKind::NotFound,
                    format!("NoSuchBucket: {bucket} does not exist in {}", req.region),
                )
            })?;
        if !found.versioning {
            return Err(invalid(format!(
                "InvalidRequestException: destination bucket {bucket} must have versioning enabled"
            )));
        }
        if meta(req, "RestoreACLs").is_some_and(|v| v.eq_ignore_ascii_case("true"))
            && !found.acls_enabled
        {
            return Err(invalid(format!(
                "InvalidRequestException: the backup holds ACLs but ACLs are disabled on {bucket} (Object Ownership is BucketOwnerEnforced)"
            )));
        }
    }
    Ok(format!("arn:aws:s3:::{bucket}"))
}

fn check_dynamodb(account: &Account, req: &RestoreRequest) -> Result<String, BackendError> {
    let table = meta(req, "targetTableName")
        .filter(|t| !t.is_empty() && *t != "null")
        .ok_or_else(|| invalid("MissingParameterValueException: targetTableName is required"))?;
    if account
        .region(&req.region)
        .tables
        .iter()
        .any(|t| t == table)
    {
        return Err(invalid(format!(
            "TableAlreadyExistsException: table already exists: {table}"
        )));
    }
    if meta(req, "encryptionType") == Some("KMS")
        && let Some(key) = meta(req, "kmsMasterKeyArn").filter(|k| *k != "Not Applicable")
        && !known_key(account, &req.region, key)
    {
        return Err(invalid(format!(
            "KMS.NotFoundException: key '{key}' does not exist in {}",
            req.region
        )));
    }
    Ok(format!(
        "arn:aws:dynamodb:{}:{ACCOUNT_ID}:table/{table}",
        req.region
    ))
}

/// The resource a restore of `rp` creates, named from the metadata where it names one.
fn created_arn(rp: &RecoveryPoint, req: &RestoreRequest, n: u64) -> String {
    let (r, a) = (&req.region, ACCOUNT_ID);
    let suffix = format!("{:017x}", 0x5eed_u64.wrapping_mul(n + 7));
    match rp.resource_type {
        ResourceType::Ec2 => format!("arn:aws:ec2:{r}:{a}:instance/i-{suffix}"),
        ResourceType::Ebs => format!("arn:aws:ec2:{r}:{a}:volume/vol-{suffix}"),
        ResourceType::Efs => format!(
            "arn:aws:elasticfilesystem:{r}:{a}:file-system/fs-{}",
            &suffix[..8]
        ),
        ResourceType::Rds => format!(
            "arn:aws:rds:{r}:{a}:db:{}",
            meta(req, "DBInstanceIdentifier").unwrap_or("restored-db")
        ),
        ResourceType::Aurora => {
            format!(
                "arn:aws:rds:{r}:{a}:cluster:{}",
                meta(req, "DBClusterIdentifier").unwrap_or("restored-cluster")
            )
        }
        ResourceType::FSx => format!("arn:aws:fsx:{r}:{a}:file-system/fs-{suffix}"),
        ResourceType::StorageGateway => format!(
            "arn:aws:storagegateway:{r}:{a}:gateway/sgw-12A3456B/volume/vol-{}",
            &suffix[..8]
        ),
        _ => String::new(),
    }
}

/// DescribeRestoreJob: each poll moves a job started here one step on.
pub fn describe(
    account: &mut Account,
    book: &mut RestoreBook,
    region: &str,
    job_id: &str,
) -> Result<RestoreJob, BackendError> {
    let created = book.created.get(job_id).cloned();
    let jobs = &mut account.region_mut(region).restore_jobs;
    let job = jobs.iter_mut().find(|j| &*j.id == job_id).ok_or_else(|| {
        BackendError::new(
            ErrorKind::NotFound,
            format!("ResourceNotFoundException: restore job {job_id} not found in {region}"),
        )
    })?;
    if let Some(step) = book.steps.get_mut(job_id)
        && *step < LAST_STEP
    {
        *step += 1;
        advance(job, *step, created);
    }
    let job = job.clone();
    if job.status == RestoreJobStatus::Completed
        && job.resource_type == ResourceType::DynamoDB
        && let Some(table) = job
            .created_resource_arn
            .as_deref()
            .and_then(|a| a.rsplit('/').next())
    {
        let tables = &mut account.region_mut(region).tables;
        if !tables.iter().any(|t| t == table) {
            tables.push(table.to_string());
        }
    }
    Ok(job)
}

fn advance(job: &mut RestoreJob, step: u8, created: Option<String>) {
    job.status = RestoreJobStatus::Running;
    job.percent_done = Some([0, 25, 60, 90, 100][step as usize]);
    job.expected_completion_minutes = Some(i64::from(LAST_STEP - step) * 3);
    if step < LAST_STEP {
        return;
    }
    job.completed = Some(job.created + Duration::minutes(12));
    job.expected_completion_minutes = None;
    // FSx for Windows needs its Active Directory: the demo's is unreachable, as happens.
    if job.resource_type == ResourceType::FSx && !job.source_resource_name.contains("lustre") {
        job.status = RestoreJobStatus::Failed;
        job.percent_done = Some(90);
        job.status_message = Some(Text::from(
            "The Active Directory d-9067abcd12 could not be reached from subnet-0a1b2c3d4e5f60789: check the security group rules",
        ));
    } else {
        job.status = RestoreJobStatus::Completed;
        job.created_resource_arn = created.map(Text::from);
    }
}
