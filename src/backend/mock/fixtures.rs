//! The seeded demo account: every resource type, every status, several Regions, fixed clock.

use crate::domain::{
    BackupJob, BackupJobState, BackupKind, BackupVault, CopyJob, CopyJobState, Lifecycle,
    ProtectedResource, RecoveryPoint, RecoveryPointStatus as St, ResourceType as Ty, RestoreJob,
    RestoreJobStatus, StorageClass, Text,
};
use std::collections::BTreeMap;
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

pub const ACCOUNT_ID: &str = "123456789012";
pub const HOME_REGION: &str = "us-east-1";
/// The demo account's clock: every date is relative to this instant, so runs are identical.
pub const DEMO_NOW: OffsetDateTime = datetime!(2026-11-20 12:00 UTC);

const BACKUP_ROLE: &str = "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole";
const PROD_KEY: &str = "arn:aws:kms:us-east-1:123456789012:key/1f0c2b7e-8a4d-4c1e-9b3a-6d2f5e8a7c10";
const BACKUP_KEY: &str = "arn:aws:kms:us-east-1:123456789012:key/aws-backup-5b9e4c21";

/// Everything the demo account holds, by Region.
pub struct Account {
    pub regions: BTreeMap<String, RegionData>,
    empty: RegionData,
}

impl Account {
    /// A Region's data; a Region with nothing in it answers empty, as AWS does.
    pub fn region(&self, code: &str) -> &RegionData {
        self.regions.get(code).unwrap_or(&self.empty)
    }
}

#[derive(Default)]
pub struct RegionData {
    pub resources: Vec<ProtectedResource>,
    pub vaults: Vec<BackupVault>,
    pub recovery_points: Vec<RecoveryPoint>,
    pub backup_jobs: Vec<BackupJob>,
    pub restore_jobs: Vec<RestoreJob>,
    pub copy_jobs: Vec<CopyJob>,
}

/// A tiny deterministic generator (SplitMix64) for IDs and sizes.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn hex(&mut self, len: usize) -> String {
        let mut s = String::with_capacity(len);
        while s.len() < len {
            s.push_str(&format!("{:016x}", self.next()));
        }
        s.truncate(len);
        s
    }

    fn uuid(&mut self) -> String {
        let h = self.hex(32);
        format!("{}-{}-{}-{}-{}", &h[..8], &h[8..12], &h[12..16], &h[16..20], &h[20..])
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// A resource as the seed describes it.
struct Spec {
    region: &'static str,
    ty: Ty,
    name: &'static str,
    arn: String,
    description: &'static str,
    vault: &'static str,
}

fn specs() -> Vec<Spec> {
    let a = ACCOUNT_ID;
    let r = HOME_REGION;
    let spec = |region, ty, name, arn: String, description, vault| Spec {
        region,
        ty,
        name,
        arn,
        description,
        vault,
    };
    vec![
        spec(r, Ty::S3, "acme-media", "arn:aws:s3:::acme-media".into(), "S3 bucket, versioned, continuous backup + snapshots", "prod-daily"),
        spec(r, Ty::S3, "acme-logs", "arn:aws:s3:::acme-logs".into(), "S3 bucket, versioned", "Default"),
        spec(r, Ty::DynamoDB, "orders", format!("arn:aws:dynamodb:{r}:{a}:table/orders"), "DynamoDB table, advanced backup (managed by AWS Backup)", "prod-daily"),
        spec(r, Ty::DynamoDB, "sessions", format!("arn:aws:dynamodb:{r}:{a}:table/sessions"), "DynamoDB table, DynamoDB-managed backups", "Default"),
        spec(r, Ty::Ec2, "web-server-1", format!("arn:aws:ec2:{r}:{a}:instance/i-0a1b2c3d4e5f60718"), "EC2 instance m6i.large, EBS-backed", "prod-daily"),
        spec(r, Ty::Ebs, "vol-data-01", format!("arn:aws:ec2:{r}:{a}:volume/vol-0c9d8e7f6a5b41230"), "EBS volume gp3, 500 GiB", "prod-daily"),
        spec(r, Ty::Efs, "shared-home", format!("arn:aws:elasticfilesystem:{r}:{a}:file-system/fs-0a1b2c3d"), "EFS file system, General Purpose", "compliance-locked"),
        spec(r, Ty::Rds, "billing-db", format!("arn:aws:rds:{r}:{a}:db:billing-db"), "RDS PostgreSQL 16.4, db.r6g.large", "prod-daily"),
        spec(r, Ty::Aurora, "analytics", format!("arn:aws:rds:{r}:{a}:cluster:analytics"), "Aurora MySQL 3.08 cluster", "prod-daily"),
        spec(r, Ty::FSx, "fsx-windows-share", format!("arn:aws:fsx:{r}:{a}:file-system/fs-0123456789abcdef0"), "FSx for Windows File Server, Multi-AZ", "Default"),
        spec(r, Ty::FSx, "fsx-lustre-scratch", format!("arn:aws:fsx:{r}:{a}:file-system/fs-0fedcba9876543210"), "FSx for Lustre, persistent storage", "Default"),
        spec(r, Ty::StorageGateway, "gw-volume-01", format!("arn:aws:storagegateway:{r}:{a}:gateway/sgw-12A3456B/volume/vol-1122AABB"), "Storage Gateway cached volume", "Default"),
        spec("eu-central-1", Ty::S3, "acme-eu-archive", "arn:aws:s3:::acme-eu-archive".into(), "S3 bucket, versioned", "eu-prod"),
        spec("eu-central-1", Ty::DynamoDB, "eu-customers", format!("arn:aws:dynamodb:eu-central-1:{a}:table/eu-customers"), "DynamoDB table, advanced backup", "eu-prod"),
        spec("ap-east-1", Ty::Ebs, "hk-vol-01", format!("arn:aws:ec2:ap-east-1:{a}:volume/vol-0aa11bb22cc33dd44"), "EBS volume gp3, 100 GiB", "hk-local"),
    ]
}

/// One planned recovery point of a resource: age in days, status, kind, class, lifecycle.
struct Point {
    age_days: i64,
    status: St,
    kind: BackupKind,
    class: StorageClass,
    encrypted: bool,
    lifecycle: (Option<i64>, Option<i64>),
    message: Option<&'static str>,
}

fn point(age_days: i64, status: St) -> Point {
    Point {
        age_days,
        status,
        kind: BackupKind::Snapshot,
        class: StorageClass::Warm,
        encrypted: true,
        lifecycle: (None, Some(35)),
        message: None,
    }
}

impl Point {
    fn continuous(mut self) -> Self {
        self.kind = BackupKind::Continuous;
        self
    }
    fn cold(mut self, cold: i64, delete: i64) -> Self {
        self.class = StorageClass::Cold;
        self.lifecycle = (Some(cold), Some(delete));
        self
    }
    fn keep(mut self, cold: Option<i64>, delete: Option<i64>) -> Self {
        self.lifecycle = (cold, delete);
        self
    }
    fn unencrypted(mut self) -> Self {
        self.encrypted = false;
        self
    }
    fn message(mut self, m: &'static str) -> Self {
        self.message = Some(m);
        self
    }
}

/// The recovery points each named resource has; together they cover every status.
fn points_for(name: &str) -> Vec<Point> {
    match name {
        "acme-media" => vec![
            point(0, St::Creating).message("Backup job is in progress"),
            point(1, St::Completed),
            point(8, St::Partial).message("The backup window closed before the recovery point was fully created"),
            point(20, St::Completed).continuous().keep(None, Some(35)),
            point(45, St::Available),
            point(120, St::Stopped).continuous().message("Continuous backup stopped: versioning was suspended on the bucket"),
            point(190, St::Expired).message("Retention ended, but AWS Backup could not delete the recovery point: access denied"),
        ],
        "acme-logs" => vec![point(1, St::Completed), point(2, St::Completed), point(9, St::Completed)],
        "orders" => vec![
            point(1, St::Completed).keep(Some(30), Some(365)),
            point(7, St::Completed).keep(Some(30), Some(365)),
            point(60, St::Completed).cold(30, 365),
            point(150, St::Completed).cold(30, 365),
            point(400, St::Deleting).cold(30, 365).message("Deleting: retention period ended"),
        ],
        "sessions" => vec![point(1, St::Available), point(2, St::Available), point(3, St::Available)],
        "web-server-1" => vec![point(1, St::Completed), point(8, St::Completed), point(15, St::Completed)],
        "vol-data-01" => vec![point(1, St::Completed), point(2, St::Completed).unencrypted(), point(31, St::Completed).keep(None, None)],
        "shared-home" => vec![
            point(1, St::Completed).keep(Some(30), Some(365)),
            point(32, St::Completed).cold(30, 365),
            point(95, St::Completed).cold(30, 365),
        ],
        "billing-db" => vec![
            point(0, St::Completed).continuous().keep(None, Some(35)),
            point(1, St::Completed).unencrypted(),
            point(14, St::Completed).unencrypted(),
        ],
        "analytics" => vec![point(0, St::Completed).continuous(), point(3, St::Completed), point(10, St::Partial).message("Backup job expired before completion")],
        "fsx-windows-share" => vec![point(1, St::Completed), point(6, St::Completed)],
        "fsx-lustre-scratch" => vec![point(2, St::Completed), point(30, St::Completed)],
        "gw-volume-01" => vec![point(1, St::Completed), point(4, St::Completed)],
        _ => vec![point(1, St::Completed), point(5, St::Completed)],
    }
}

/// The recovery point ARN the real service would give this resource type.
fn recovery_point_arn(rng: &mut Rng, spec: &Spec, kind: BackupKind) -> String {
    let (r, a) = (spec.region, ACCOUNT_ID);
    match (&spec.ty, kind) {
        (_, BackupKind::Continuous) => {
            format!("arn:aws:backup:{r}:{a}:recovery-point:continuous:{}-{}", spec.name, rng.hex(8))
        }
        (Ty::DynamoDB, _) if spec.name == "sessions" => format!(
            "arn:aws:dynamodb:{r}:{a}:table/sessions/backup/0{}-{}",
            1_700_000_000_000u64 + rng.below(60_000_000_000),
            rng.hex(8)
        ),
        (Ty::Ec2, _) => format!("arn:aws:ec2:{r}::image/ami-0{}", rng.hex(16)),
        (Ty::Ebs | Ty::StorageGateway, _) => format!("arn:aws:ec2:{r}::snapshot/snap-0{}", rng.hex(16)),
        (Ty::Rds, _) => format!("arn:aws:rds:{r}:{a}:snapshot:awsbackup:job-{}", rng.uuid()),
        (Ty::Aurora, _) => format!("arn:aws:rds:{r}:{a}:cluster-snapshot:awsbackup:job-{}", rng.uuid()),
        (Ty::FSx, _) => format!("arn:aws:fsx:{r}:{a}:backup/backup-0{}", rng.hex(16)),
        _ => format!("arn:aws:backup:{r}:{a}:recovery-point:{}", rng.uuid().to_uppercase()),
    }
}

fn vault(rng: &mut Rng, region: &str, name: &str, key: Option<&str>, age_days: i64) -> BackupVault {
    BackupVault {
        name: name.into(),
        arn: format!("arn:aws:backup:{region}:{ACCOUNT_ID}:backup-vault:{name}").into(),
        region: region.into(),
        encryption_key_arn: Some(key.map(str::to_string).unwrap_or_else(|| {
            format!("arn:aws:kms:{region}:{ACCOUNT_ID}:key/{}", rng.uuid())
        }).into()),
        created: DEMO_NOW - Duration::days(age_days),
        recovery_points: 0,
        locked: false,
        min_retention_days: None,
        max_retention_days: None,
    }
}

fn vaults(rng: &mut Rng) -> Vec<BackupVault> {
    let mut locked = vault(rng, HOME_REGION, "compliance-locked", Some(PROD_KEY), 700);
    locked.locked = true;
    locked.min_retention_days = Some(30);
    locked.max_retention_days = Some(3650);
    vec![
        vault(rng, HOME_REGION, "Default", Some(BACKUP_KEY), 900),
        vault(rng, HOME_REGION, "prod-daily", Some(PROD_KEY), 800),
        locked,
        vault(rng, HOME_REGION, "bulk-archive", Some(PROD_KEY), 600),
        vault(rng, "us-west-2", "Default", None, 850),
        vault(rng, "us-west-2", "dr-west", None, 500),
        vault(rng, "ca-central-1", "dr-canada", None, 400),
        vault(rng, "eu-central-1", "Default", None, 300),
        vault(rng, "eu-central-1", "eu-prod", None, 300),
        vault(rng, "ap-east-1", "hk-local", None, 200),
    ]
}

struct Builder {
    rng: Rng,
    account: Account,
}

impl Builder {
    fn data(&mut self, region: &str) -> &mut RegionData {
        self.account.regions.entry(region.to_string()).or_default()
    }

    fn vault_arn(region: &str, name: &str) -> Text {
        format!("arn:aws:backup:{region}:{ACCOUNT_ID}:backup-vault:{name}").into()
    }

    fn add_resource(&mut self, spec: &Spec, points: Vec<Point>) {
        let vault_arn = Self::vault_arn(spec.region, spec.vault);
        let mut rps = Vec::with_capacity(points.len());
        let (arn, name): (Text, Text) = (spec.arn.as_str().into(), spec.name.into());
        for p in points {
            let created = DEMO_NOW - Duration::days(p.age_days) - Duration::minutes(7 * 60 + 5);
            let size = match spec.ty {
                Ty::Ebs | Ty::Ec2 | Ty::StorageGateway => 8 << 30,
                Ty::FSx => 300 << 30,
                _ => 1 << 20,
            } + self.rng.below(64 << 30);
            let rp_arn = recovery_point_arn(&mut self.rng, spec, p.kind);
            rps.push(RecoveryPoint {
                arn: rp_arn.into(),
                resource_arn: arn.clone(),
                resource_name: name.clone(),
                resource_type: spec.ty.clone(),
                vault_name: spec.vault.into(),
                vault_arn: vault_arn.clone(),
                source_vault_arn: None,
                status: p.status,
                status_message: p.message.map(Text::from),
                kind: p.kind,
                created,
                completed: (p.status != St::Creating).then(|| created + Duration::minutes(42)),
                size_bytes: (p.status != St::Creating).then_some(size),
                storage_class: p.class,
                encrypted: p.encrypted,
                encryption_key_arn: p.encrypted.then(|| Text::from(PROD_KEY)),
                iam_role_arn: BACKUP_ROLE.into(),
                created_by_plan: (p.age_days % 7 != 3).then(|| Text::from("daily-35d-retention")),
                lifecycle: Lifecycle {
                    move_to_cold_storage_after_days: p.lifecycle.0,
                    delete_after_days: p.lifecycle.1,
                },
                last_restore: None,
            });
        }
        let latest = rps.iter().max_by_key(|rp| rp.created);
        let resource = ProtectedResource {
            arn: arn.clone(),
            resource_type: spec.ty.clone(),
            name,
            description: Some(spec.description.into()),
            last_backup: latest.map(|rp| rp.created),
            last_backup_vault_arn: latest.map(|rp| rp.vault_arn.clone()),
            last_recovery_point_arn: latest.map(|rp| rp.arn.clone()),
        };
        let data = self.data(spec.region);
        data.resources.push(resource);
        data.recovery_points.extend(rps);
    }

    /// A copy of `source`'s newest completed point in another Region's vault. A copy of a
    /// continuous backup is a snapshot, as AWS makes it.
    fn add_copy(&mut self, resource: &str, region: &'static str, vault: &'static str) {
        let source = self
            .account
            .regions
            .values()
            .flat_map(|d| d.recovery_points.iter())
            .filter(|rp| &*rp.resource_name == resource && rp.status == St::Completed)
            .min_by_key(|rp| DEMO_NOW - rp.created)
            .cloned();
        let Some(source) = source else { return };
        let arn = format!("arn:aws:backup:{region}:{ACCOUNT_ID}:recovery-point:{}", self.rng.uuid().to_uppercase());
        let copy = RecoveryPoint {
            arn: arn.into(),
            vault_name: vault.into(),
            vault_arn: Self::vault_arn(region, vault),
            source_vault_arn: Some(source.vault_arn.clone()),
            kind: BackupKind::Snapshot,
            encryption_key_arn: Some(format!("arn:aws:kms:{region}:{ACCOUNT_ID}:key/{}", self.rng.uuid()).into()),
            created: source.created + Duration::hours(2),
            completed: Some(source.created + Duration::hours(3)),
            ..source.clone()
        };
        let data = self.data(region);
        if !data.resources.iter().any(|r| r.arn == source.resource_arn) {
            data.resources.push(ProtectedResource {
                arn: source.resource_arn.clone(),
                resource_type: source.resource_type.clone(),
                name: source.resource_name.clone(),
                description: Some("Cross-Region copies only".into()),
                last_backup: Some(copy.created),
                last_backup_vault_arn: Some(copy.vault_arn.clone()),
                last_recovery_point_arn: Some(copy.arn.clone()),
            });
        }
        data.recovery_points.push(copy);
    }

    /// `n` synthetic recovery points over `n / 100` EBS volumes in `bulk-archive`.
    fn add_synthetic(&mut self, n: usize) {
        let statuses = [St::Completed, St::Completed, St::Completed, St::Available, St::Partial, St::Expired];
        let volumes = n.div_ceil(100).max(1);
        let vault_arn = Self::vault_arn(HOME_REGION, "bulk-archive");
        let mut made = 0;
        for v in 0..volumes {
            let name: Text = format!("synthetic-vol-{v:05}").into();
            let arn: Text = format!("arn:aws:ec2:{HOME_REGION}:{ACCOUNT_ID}:volume/vol-{}", self.rng.hex(17)).into();
            let count = (n - made).min(100);
            let mut newest = None;
            let mut rps = Vec::with_capacity(count);
            for i in 0..count {
                let created = DEMO_NOW - Duration::hours((i as i64) * 24 * 7 + (v as i64 % 24));
                newest.get_or_insert(created);
                rps.push(RecoveryPoint {
                    arn: format!("arn:aws:ec2:{HOME_REGION}::snapshot/snap-0{}", self.rng.hex(16)).into(),
                    resource_arn: arn.clone(),
                    resource_name: name.clone(),
                    resource_type: Ty::Ebs,
                    vault_name: "bulk-archive".into(),
                    vault_arn: vault_arn.clone(),
                    source_vault_arn: None,
                    status: statuses[(v + i) % statuses.len()],
                    status_message: None,
                    kind: BackupKind::Snapshot,
                    created,
                    completed: Some(created + Duration::minutes(20)),
                    size_bytes: Some(1 << 30 | self.rng.below(1 << 36)),
                    storage_class: if i > 12 { StorageClass::Cold } else { StorageClass::Warm },
                    encrypted: i % 9 != 0,
                    encryption_key_arn: (i % 9 != 0).then(|| Text::from(PROD_KEY)),
                    iam_role_arn: BACKUP_ROLE.into(),
                    created_by_plan: Some("weekly-archive".into()),
                    lifecycle: Lifecycle { move_to_cold_storage_after_days: Some(90), delete_after_days: Some(3650) },
                    last_restore: None,
                });
            }
            made += count;
            let last_rp = rps.first().map(|rp: &RecoveryPoint| rp.arn.clone());
            let data = self.data(HOME_REGION);
            data.resources.push(ProtectedResource {
                arn,
                resource_type: Ty::Ebs,
                name,
                description: Some("Synthetic volume (--demo-scale)".into()),
                last_backup: newest,
                last_backup_vault_arn: Some(vault_arn.clone()),
                last_recovery_point_arn: last_rp,
            });
            data.recovery_points.extend(rps);
        }
    }

    fn add_jobs(&mut self) {
        let region = HOME_REGION;
        let points: Vec<RecoveryPoint> = self.data(region).recovery_points.clone();
        let pick = |name: &str| points.iter().find(|rp| &*rp.resource_name == name).cloned();
        let backup_states = [
            ("acme-media", BackupJobState::Running, Some("Backing up 1.2 M objects")),
            ("orders", BackupJobState::Completed, None),
            ("web-server-1", BackupJobState::Completed, None),
            ("vol-data-01", BackupJobState::Created, None),
            ("shared-home", BackupJobState::Pending, None),
            ("billing-db", BackupJobState::Aborting, Some("Abort requested by user")),
            ("analytics", BackupJobState::Expired, Some("Backup job expired before completion. Configure a longer backup window.")),
            ("fsx-windows-share", BackupJobState::Failed, Some("Insufficient privileges to perform this action: fsx:CreateBackup")),
            ("fsx-lustre-scratch", BackupJobState::Aborted, Some("Aborted by user")),
            ("acme-logs", BackupJobState::Partial, Some("Some objects could not be backed up: 12 objects skipped")),
            ("gw-volume-01", BackupJobState::Completed, None),
        ];
        let mut jobs = Vec::new();
        for (i, (name, state, message)) in backup_states.into_iter().enumerate() {
            let Some(rp) = pick(name) else { continue };
            let done = matches!(state, BackupJobState::Completed | BackupJobState::Failed | BackupJobState::Aborted | BackupJobState::Expired | BackupJobState::Partial);
            let created = DEMO_NOW - Duration::hours(3 + 5 * i as i64);
            jobs.push(BackupJob {
                id: self.rng.uuid().to_uppercase().into(),
                state,
                status_message: message.map(Text::from),
                resource_arn: rp.resource_arn.clone(),
                resource_name: rp.resource_name.clone(),
                resource_type: rp.resource_type.clone(),
                vault_name: rp.vault_name.clone(),
                recovery_point_arn: (state == BackupJobState::Completed).then(|| rp.arn.clone()),
                created,
                completed: done.then(|| created + Duration::minutes(37)),
                size_bytes: rp.size_bytes,
                percent_done: Some(match state { BackupJobState::Running => 42, BackupJobState::Aborting => 10, s if done && s == BackupJobState::Completed => 100, _ => 0 }),
                iam_role_arn: BACKUP_ROLE.into(),
            });
        }
        let restore_states = [
            ("acme-media", RestoreJobStatus::Running, None),
            ("orders", RestoreJobStatus::Completed, None),
            ("billing-db", RestoreJobStatus::Pending, None),
            ("vol-data-01", RestoreJobStatus::Failed, Some("Access denied: the restore role cannot use KMS key key/1f0c2b7e")),
            ("shared-home", RestoreJobStatus::Aborted, Some("Aborted by user")),
        ];
        let mut restores = Vec::new();
        for (i, (name, status, message)) in restore_states.into_iter().enumerate() {
            let Some(rp) = pick(name) else { continue };
            let created = DEMO_NOW - Duration::hours(1 + 30 * i as i64);
            let done = !matches!(status, RestoreJobStatus::Running | RestoreJobStatus::Pending);
            restores.push(RestoreJob {
                id: self.rng.uuid().to_uppercase().into(),
                status,
                status_message: message.map(Text::from),
                recovery_point_arn: rp.arn.clone(),
                source_resource_name: rp.resource_name.clone(),
                resource_type: rp.resource_type.clone(),
                created_resource_arn: (status == RestoreJobStatus::Completed)
                    .then(|| Text::from(format!("arn:aws:dynamodb:{region}:{ACCOUNT_ID}:table/orders-restored"))),
                created,
                completed: done.then(|| created + Duration::minutes(18)),
                size_bytes: rp.size_bytes,
                percent_done: Some(match status { RestoreJobStatus::Running => 67, RestoreJobStatus::Completed => 100, _ => 0 }),
                iam_role_arn: BACKUP_ROLE.into(),
            });
        }
        let copy_states = [
            ("acme-media", CopyJobState::Completed, "ca-central-1", "dr-canada", None),
            ("billing-db", CopyJobState::Running, "us-west-2", "dr-west", None),
            ("web-server-1", CopyJobState::Created, "us-west-2", "dr-west", None),
            ("shared-home", CopyJobState::Failed, "us-west-2", "dr-west", Some("Cold storage recovery points cannot be copied")),
            ("analytics", CopyJobState::Partial, "us-west-2", "dr-west", Some("2 of 3 cluster snapshots copied")),
        ];
        let mut copies = Vec::new();
        for (i, (name, state, dest_region, dest_vault, message)) in copy_states.into_iter().enumerate() {
            let Some(rp) = pick(name) else { continue };
            let created = DEMO_NOW - Duration::hours(2 + 11 * i as i64);
            copies.push(CopyJob {
                id: self.rng.uuid().to_uppercase().into(),
                state,
                status_message: message.map(Text::from),
                resource_arn: rp.resource_arn.clone(),
                resource_name: rp.resource_name.clone(),
                resource_type: rp.resource_type.clone(),
                source_recovery_point_arn: rp.arn.clone(),
                source_vault_arn: rp.vault_arn.clone(),
                destination_vault_arn: Self::vault_arn(dest_region, dest_vault),
                destination_recovery_point_arn: None,
                created,
                completed: matches!(state, CopyJobState::Completed | CopyJobState::Failed | CopyJobState::Partial)
                    .then(|| created + Duration::minutes(55)),
                size_bytes: rp.size_bytes,
                iam_role_arn: BACKUP_ROLE.into(),
            });
        }
        let data = self.data(region);
        data.backup_jobs = jobs;
        data.restore_jobs = restores;
        data.copy_jobs = copies;
    }
}

/// Builds the demo account; `scale` adds that many synthetic recovery points.
pub fn seed(scale: usize) -> Account {
    let mut b = Builder {
        rng: Rng(0x00C0_FFEE_BAC4_0001),
        account: Account { regions: BTreeMap::new(), empty: RegionData::default() },
    };
    let all_vaults = vaults(&mut b.rng);
    for v in all_vaults {
        let region = v.region.to_string();
        b.data(&region).vaults.push(v);
    }
    for spec in specs() {
        let points = points_for(spec.name);
        b.add_resource(&spec, points);
    }
    b.add_copy("acme-media", "ca-central-1", "dr-canada");
    b.add_copy("acme-media", "us-west-2", "dr-west");
    b.add_copy("billing-db", "us-west-2", "dr-west");
    b.add_copy("web-server-1", "us-west-2", "dr-west");
    b.add_jobs();
    if scale > 0 {
        b.add_synthetic(scale);
    }
    b.account
}

#[cfg(test)]
mod tests {
    use super::*;

    fn home(scale: usize) -> Account {
        seed(scale)
    }

    #[test]
    fn every_status_appears_and_acme_media_has_the_troubled_ones() {
        let account = home(0);
        let points: Vec<_> = account.regions.values().flat_map(|d| &d.recovery_points).collect();
        for status in St::ALL {
            assert!(points.iter().any(|rp| rp.status == status), "no {status} recovery point");
        }
        let media: Vec<_> = points.iter().filter(|rp| &*rp.resource_name == "acme-media").map(|rp| rp.status).collect();
        for status in [St::Completed, St::Partial, St::Expired, St::Stopped] {
            assert!(media.contains(&status), "acme-media lacks {status}");
        }
        assert!(points.iter().any(|rp| rp.kind == BackupKind::Continuous));
        assert!(points.iter().any(|rp| rp.storage_class == StorageClass::Cold));
        assert!(points.iter().any(|rp| !rp.encrypted));
    }

    #[test]
    fn dynamodb_backups_are_managed_by_backup_or_by_dynamodb() {
        let account = home(0);
        let data = account.region(HOME_REGION);
        let of = |name: &str| data.recovery_points.iter().filter(move |rp| &*rp.resource_name == name);
        assert!(of("orders").all(|rp| rp.arn.starts_with("arn:aws:backup:")));
        assert!(of("sessions").all(|rp| rp.arn.starts_with("arn:aws:dynamodb:")));
    }

    #[test]
    fn every_named_resource_exists() {
        let account = home(0);
        let names: Vec<_> = account.regions.values().flat_map(|d| &d.resources).map(|r| r.name.to_string()).collect();
        for name in [
            "acme-media", "acme-logs", "orders", "sessions", "web-server-1", "vol-data-01", "shared-home",
            "billing-db", "analytics", "fsx-windows-share", "fsx-lustre-scratch", "gw-volume-01",
        ] {
            assert!(names.iter().any(|n| n == name), "{name} missing");
        }
        for region in ["us-east-1", "us-west-2", "ca-central-1", "eu-central-1", "ap-east-1"] {
            assert!(!account.region(region).vaults.is_empty(), "no vault in {region}");
        }
    }

    #[test]
    fn jobs_cover_every_state() {
        let account = home(0);
        let data = account.region(HOME_REGION);
        for s in BackupJobState::ALL {
            assert!(data.backup_jobs.iter().any(|j| j.state == *s), "no backup job {s}");
        }
        for s in RestoreJobStatus::ALL {
            assert!(data.restore_jobs.iter().any(|j| j.status == *s), "no restore job {s}");
        }
        for s in CopyJobState::ALL {
            assert!(data.copy_jobs.iter().any(|j| j.state == *s), "no copy job {s}");
        }
    }

    #[test]
    fn seeding_is_deterministic_and_scales() {
        let a = home(0);
        let b = home(0);
        let arns = |acc: &Account| acc.regions.values().flat_map(|d| &d.recovery_points).map(|rp| rp.arn.to_string()).collect::<Vec<_>>();
        assert_eq!(arns(&a), arns(&b));
        let base = arns(&a).len();
        let scaled = home(1234);
        assert_eq!(arns(&scaled).len(), base + 1234);
    }
}
