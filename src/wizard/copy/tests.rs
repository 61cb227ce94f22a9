//! Tests of the copy wizard: every limitation and lifecycle rule with its message, and the
//! StartCopyJob request field by field for each path through the wizard.

use super::*;
use crate::domain::copy::{cross_region_problem, why_not_copyable};
use crate::domain::region::REGIONS;
use crate::domain::{
    BackupKind, BackupVault, Lifecycle, RecoveryPointStatus, ResourceType, StorageClass,
    VaultRequest,
};
use crate::wizard::destination::DESTINATION_IDS as DEST;
use crate::wizard::lifecycle::LIFECYCLE_IDS as LIFE;
use crate::wizard::parts::{CHOOSE_ROLE, ENTER_ROLE, ROLE_ARN, ROLE_CHOICE, ROLE_PICK};
use time::macros::datetime;

const ACCOUNT: &str = "123456789012";
const SOURCE: &str = "us-east-1";
const SOURCE_VAULT: &str = "arn:aws:backup:us-east-1:123456789012:backup-vault:Default";
const DEFAULT_ROLE: &str =
    "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole";
const POINT_ARN: &str = "arn:aws:backup:us-east-1:123456789012:recovery-point:1a2b3c";

fn point(resource_type: ResourceType) -> RecoveryPoint {
    RecoveryPoint {
        arn: POINT_ARN.into(),
        resource_arn: "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-1".into(),
        resource_name: "shared-home".into(),
        resource_type,
        vault_name: "Default".into(),
        vault_arn: SOURCE_VAULT.into(),
        source_vault_arn: None,
        status: RecoveryPointStatus::Completed,
        status_message: None,
        kind: BackupKind::Snapshot,
        created: datetime!(2026-11-20 03:00 UTC),
        completed: Some(datetime!(2026-11-20 03:20 UTC)),
        size_bytes: Some(5 << 30),
        storage_class: StorageClass::Warm,
        encrypted: true,
        encryption_key_arn: None,
        iam_role_arn: DEFAULT_ROLE.into(),
        created_by: None,
        lifecycle: Lifecycle::default(),
        last_restore: None,
    }
}

fn context(rp: RecoveryPoint) -> CopyContext {
    CopyContext {
        recovery_point: rp,
        source_region: SOURCE.into(),
        account_id: ACCOUNT.into(),
        roles: vec![IamRole {
            name: "BackupCopier".into(),
            arn: "arn:aws:iam::123456789012:role/BackupCopier".into(),
        }],
        idempotency_token: "copy-token-1".into(),
        vault_request_id: "vault-token-1".into(),
    }
}

fn vault(region: &str, name: &str) -> BackupVault {
    BackupVault {
        name: name.into(),
        arn: format!("arn:aws:backup:{region}:{ACCOUNT}:backup-vault:{name}").into(),
        region: region.into(),
        encryption_key_arn: None,
        created: datetime!(2026-01-01 00:00 UTC),
        recovery_points: 2,
        locked: false,
        min_retention_days: None,
        max_retention_days: None,
    }
}

fn region_index(code: &str) -> usize {
    REGIONS.iter().position(|r| r.code == code).expect(code)
}

fn text(w: &mut CopyWizard, id: FieldId, value: &str) {
    w.input(id, Input::Text(value.into()));
}

/// A wizard on `rp` with `region` chosen and its vaults (`names`) loaded.
fn in_region(rp: RecoveryPoint, region: &str, names: &[&str]) -> CopyWizard {
    let mut w = CopyWizard::new(context(rp));
    w.input(DEST.region, Input::Choose(region_index(region)));
    let query = Query::BackupVaults {
        region: region.into(),
    };
    assert_eq!(w.wanted(), vec![query.clone()], "the vaults are wanted");
    let page = names.iter().map(|n| vault(region, n)).collect();
    w.supply(&query, Ok(Loaded::Vaults(page)), true);
    assert!(w.wanted().is_empty());
    w
}

/// The error shown under field `id` now.
fn error(w: &CopyWizard, id: FieldId) -> Option<String> {
    w.items()
        .iter()
        .filter_map(Item::field)
        .find(|f| f.id == id)
        .and_then(|f| f.error.clone())
}

fn notes(w: &CopyWizard) -> Vec<String> {
    w.items()
        .into_iter()
        .filter_map(|i| match i {
            Item::Note { text, .. } => Some(text),
            _ => None,
        })
        .collect()
}

/// The one StartCopyJob of a wizard that needs no new vault.
fn only_copy(w: &CopyWizard) -> CopyRequest {
    match w.requests().as_deref() {
        Ok([WriteRequest::Copy(copy)]) => copy.clone(),
        other => panic!("expected one StartCopyJob, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Limitations, each with its message.

#[test]
fn only_completed_warm_snapshots_can_be_copied() {
    let with = |status, storage_class, kind| {
        why_not_copyable(&RecoveryPoint {
            status,
            storage_class,
            kind,
            ..point(ResourceType::Ebs)
        })
    };
    use BackupKind::{Continuous, Snapshot};
    use RecoveryPointStatus as S;
    use StorageClass::{Cold, Deleted, Warm};
    assert_eq!(with(S::Completed, Warm, Snapshot), None);
    assert_eq!(with(S::Available, Warm, Snapshot), None);
    assert_eq!(
        with(S::Completed, Cold, Snapshot).as_deref(),
        Some(
            "Recovery points in cold storage cannot be copied: copy a recovery point that is \
             still in warm storage."
        )
    );
    assert_eq!(
        with(S::Completed, Warm, Continuous).as_deref(),
        Some(
            "AWS Backup does not support on-demand copies of continuous backups: copy a \
             snapshot of this resource instead. (A backup plan's copy rule can copy it, but the \
             copy becomes a snapshot, without point-in-time restore.)"
        )
    );
    assert_eq!(
        with(S::Completed, Deleted, Snapshot).as_deref(),
        Some("This recovery point's data has been deleted.")
    );
    assert_eq!(
        with(S::Creating, Warm, Snapshot).as_deref(),
        Some(
            "This recovery point is still being created: wait for its backup job to complete, \
             then copy it."
        )
    );
    assert_eq!(
        with(S::Deleting, Warm, Snapshot).as_deref(),
        Some("This recovery point is being deleted.")
    );
    assert_eq!(
        with(S::Expired, Warm, Snapshot).as_deref(),
        Some("This recovery point has EXPIRED: its retention ended, so it cannot be copied.")
    );
    assert_eq!(
        with(S::Partial, Warm, Snapshot).as_deref(),
        Some(
            "This recovery point is PARTIAL: the backup did not finish, so it cannot be copied. \
             Copy another one."
        )
    );
    assert_eq!(
        with(S::Stopped, Warm, Continuous).as_deref(),
        Some(
            "This continuous backup is STOPPED and holds no data to copy; copy a snapshot \
             instead."
        )
    );
}

#[test]
fn the_four_regions_without_cross_region_copy_are_named_as_the_guide_does() {
    let names = [
        ("ap-east-1", "Asia Pacific (Hong Kong)"),
        ("me-south-1", "Middle East (Bahrain)"),
        ("eu-south-1", "Europe (Milan)"),
        ("af-south-1", "Africa (Cape Town)"),
    ];
    for (code, name) in names {
        assert_eq!(
            cross_region_problem("us-east-1", code),
            Some(format!(
                "{name} has no cross-Region copy: choose another Region."
            ))
        );
        assert_eq!(
            cross_region_problem(code, "us-east-1"),
            Some(format!(
                "{name}, the source Region, has no cross-Region copy: copy within {code}."
            ))
        );
        assert_eq!(
            cross_region_problem(code, code),
            None,
            "within {code} is fine"
        );
    }
    assert_eq!(cross_region_problem("us-east-1", "ca-central-1"), None);
}

#[test]
fn a_dynamodb_backup_not_managed_by_aws_backup_stays_in_its_region_and_account() {
    let mut rp = point(ResourceType::DynamoDB);
    rp.arn = "arn:aws:dynamodb:us-east-1:123456789012:table/orders/backup/0169".into();
    assert!(!rp.managed_by_aws_backup());
    let other_region = "arn:aws:backup:ca-central-1:123456789012:backup-vault:dr";
    assert_eq!(
        destination_problem(&rp, SOURCE, other_region).as_deref(),
        Some(
            "This DynamoDB backup is not managed by AWS Backup, so it cannot be copied to \
             another Region: copy it within us-east-1, or turn on advanced DynamoDB backup in \
             Settings (:settings) so that new backups can be."
        )
    );
    let other_account = "arn:aws:backup:us-east-1:111122223333:backup-vault:dr";
    assert_eq!(
        destination_problem(&rp, SOURCE, other_account).as_deref(),
        Some(
            "This DynamoDB backup is not managed by AWS Backup, so it cannot be copied to \
             another account: turn on advanced DynamoDB backup in Settings (:settings) so that \
             new backups can be."
        )
    );
    let same_region = "arn:aws:backup:us-east-1:123456789012:backup-vault:dr";
    assert_eq!(destination_problem(&rp, SOURCE, same_region), None);
    // Managed by AWS Backup (advanced DynamoDB backup): it may go anywhere.
    assert_eq!(
        destination_problem(&point(ResourceType::DynamoDB), SOURCE, other_region),
        None
    );
}

#[test]
fn the_wizard_says_up_front_when_a_backup_can_only_stay_in_its_region() {
    let mut rp = point(ResourceType::DynamoDB);
    rp.arn = "arn:aws:dynamodb:us-east-1:123456789012:table/orders/backup/0169".into();
    let mut w = CopyWizard::new(context(rp));
    assert!(
        notes(&w)
            .iter()
            .any(|n| n.starts_with("This DynamoDB backup is not managed by AWS Backup")),
        "{:?}",
        notes(&w)
    );
    w.input(DEST.region, Input::Choose(region_index("ca-central-1")));
    assert!(
        error(&w, DEST.region).is_some_and(|e| e.contains("cannot be copied to another Region")),
        "choosing another Region is refused"
    );
    w.input(DEST.region, Input::Choose(region_index("us-east-1")));
    assert_eq!(
        w.destination_region(),
        "us-east-1",
        "its own Region is fine"
    );
}

#[test]
fn rds_and_aurora_go_cross_region_or_cross_account_not_both() {
    let far_other_account = "arn:aws:backup:ca-central-1:111122223333:backup-vault:dr";
    for (kind, name) in [(ResourceType::Rds, "RDS"), (ResourceType::Aurora, "Aurora")] {
        let rp = point(kind);
        assert_eq!(
            destination_problem(&rp, SOURCE, far_other_account),
            Some(format!(
                "{name} copies go to another Region or to another account, not both at once: \
                 choose a vault in us-east-1, or one in account 123456789012."
            ))
        );
        let near_other_account = "arn:aws:backup:us-east-1:111122223333:backup-vault:dr";
        assert_eq!(destination_problem(&rp, SOURCE, near_other_account), None);
        let far_same_account = "arn:aws:backup:ca-central-1:123456789012:backup-vault:dr";
        assert_eq!(destination_problem(&rp, SOURCE, far_same_account), None);
    }
    assert_eq!(
        destination_problem(&point(ResourceType::Ebs), SOURCE, far_other_account),
        None,
        "other types may do both"
    );
}

#[test]
fn copying_into_the_same_region_and_vault_is_refused() {
    let rp = point(ResourceType::Ebs);
    assert_eq!(
        destination_problem(&rp, SOURCE, SOURCE_VAULT).as_deref(),
        Some("This is the vault the recovery point is in: choose another vault or another Region.")
    );
    // In the wizard, the source vault is marked in the list and refused when chosen.
    let mut w = in_region(rp, "us-east-1", &["Default", "nightly"]);
    w.input(DEST.vault, Input::Choose(0));
    assert_eq!(error(&w, DEST.vault).as_deref(), Some(SAME_VAULT));
    assert!(!w.next());
    assert_eq!(error(&w, DEST.vault).as_deref(), Some("Choose a vault."));
    w.input(DEST.vault, Input::Choose(1));
    assert!(w.next(), "another vault in the same Region is fine");
}

#[test]
fn from_a_region_without_cross_region_copy_only_its_own_region_can_be_chosen() {
    let mut ctx = context(point(ResourceType::Ebs));
    ctx.source_region = "ap-east-1".into();
    let mut w = CopyWizard::new(ctx);
    let limit = "Asia Pacific (Hong Kong), the source Region, has no cross-Region copy: copy \
                 within ap-east-1.";
    assert!(notes(&w).iter().any(|n| n == limit), "said up front");
    w.input(DEST.region, Input::Choose(region_index("us-west-2")));
    assert_eq!(error(&w, DEST.region).as_deref(), Some(limit));
    w.input(DEST.region, Input::Choose(region_index("ap-east-1")));
    assert_eq!(error(&w, DEST.region), None);
    assert_eq!(
        w.wanted(),
        vec![Query::BackupVaults {
            region: "ap-east-1".into()
        }]
    );
}

#[test]
fn a_regions_problem_is_refused_in_the_wizard_with_the_reason() {
    let mut w = CopyWizard::new(context(point(ResourceType::Efs)));
    w.input(DEST.region, Input::Choose(region_index("af-south-1")));
    assert_eq!(
        error(&w, DEST.region).as_deref(),
        Some("Africa (Cape Town) has no cross-Region copy: choose another Region.")
    );
    assert!(w.wanted().is_empty(), "nothing loads for a refused Region");
    assert!(!w.next());
    assert_eq!(
        error(&w, DEST.region).as_deref(),
        Some("Choose the destination Region.")
    );
}

#[test]
fn cold_storage_applies_only_to_efs_and_managed_dynamodb_so_others_get_the_note() {
    assert_eq!(cold_storage_note(&point(ResourceType::Efs)), None);
    assert_eq!(cold_storage_note(&point(ResourceType::DynamoDB)), None);
    let note = |which: &str| {
        format!(
            "Currently only Amazon EFS file system backups (and DynamoDB backups managed by AWS \
             Backup) can be transitioned to cold storage: for {which} the setting is ignored."
        )
    };
    for (kind, which) in [
        (ResourceType::Ebs, "EBS backups"),
        (ResourceType::Rds, "RDS backups"),
        (ResourceType::Aurora, "Aurora backups"),
        (ResourceType::StorageGateway, "Storage Gateway backups"),
        (ResourceType::S3, "S3 backups"),
    ] {
        assert_eq!(cold_storage_note(&point(kind)), Some(note(which)));
    }
    let mut unmanaged = point(ResourceType::DynamoDB);
    unmanaged.arn = "arn:aws:dynamodb:us-east-1:123456789012:table/orders/backup/0169".into();
    assert_eq!(
        cold_storage_note(&unmanaged),
        Some(note("DynamoDB backups not managed by AWS Backup"))
    );
    // In the wizard: shown once cold days are typed, and it does not block.
    let mut w = in_region(point(ResourceType::Ebs), "ca-central-1", &["dr"]);
    w.input(DEST.vault, Input::Choose(0));
    assert!(w.next());
    let ebs_note = note("EBS backups");
    assert!(!notes(&w).contains(&ebs_note));
    text(&mut w, LIFE.cold, "30");
    text(&mut w, LIFE.expire, "120");
    assert!(notes(&w).contains(&ebs_note));
    assert!(w.next());
}

#[test]
fn never_expire_says_the_copy_keeps_its_sources_expiry() {
    let mut rp = point(ResourceType::Ebs);
    assert_eq!(never_expire_note(&rp), None, "the source never expires");
    rp.lifecycle.delete_after_days = Some(35);
    let note = "A copy set to never expire still keeps its source's expiry (2026-12-25 03:00): \
                to keep it longer, set an expiry of up to 36500 days (100 years).";
    assert_eq!(never_expire_note(&rp).as_deref(), Some(note));
    let mut w = in_region(rp, "ca-central-1", &["dr"]);
    w.input(DEST.vault, Input::Choose(0));
    assert!(w.next());
    assert!(notes(&w).iter().any(|n| n == note), "shown for never");
    text(&mut w, LIFE.expire, "400");
    assert!(
        !notes(&w).iter().any(|n| n == note),
        "gone once an expiry is set"
    );
}

#[test]
fn lifecycle_errors_show_while_typing_and_block_the_step() {
    let mut w = in_region(point(ResourceType::Efs), "ca-central-1", &["dr"]);
    w.input(DEST.vault, Input::Choose(0));
    assert!(w.next());
    text(&mut w, LIFE.cold, "30");
    text(&mut w, LIFE.expire, "100");
    let rule = "Expire at least 90 days after the move to cold storage: 120 days or more (cold \
                storage keeps a backup 90 days at least).";
    assert_eq!(
        error(&w, LIFE.expire).as_deref(),
        Some(rule),
        "before Enter"
    );
    assert!(!w.next());
    assert_eq!(
        w.requests(),
        Err(format!("Role and lifecycle: {rule}")),
        "the review cannot show a request either"
    );
    text(&mut w, LIFE.cold, "10");
    assert_eq!(
        error(&w, LIFE.expire),
        None,
        "fixing the other field clears it"
    );
    text(&mut w, LIFE.cold, "x");
    assert_eq!(
        error(&w, LIFE.cold).as_deref(),
        Some("`x` is not a whole number of days.")
    );
}

// ---------------------------------------------------------------------------------------------
// The requests, field by field, for each path.

#[test]
fn existing_vault_in_another_region_with_an_expiry() {
    let mut w = in_region(point(ResourceType::Ebs), "ca-central-1", &["Default", "dr"]);
    w.input(DEST.vault, Input::Choose(1));
    assert!(w.next());
    text(&mut w, LIFE.expire, "120");
    assert!(w.next());
    assert_eq!(w.step(), 2, "review");
    let copy = only_copy(&w);
    assert_eq!(copy.region, "us-east-1", "sent where the recovery point is");
    assert_eq!(copy.recovery_point_arn, POINT_ARN);
    assert_eq!(copy.source_vault_name, "Default");
    assert_eq!(
        copy.destination_vault_arn,
        "arn:aws:backup:ca-central-1:123456789012:backup-vault:dr"
    );
    assert_eq!(copy.iam_role_arn, DEFAULT_ROLE);
    assert_eq!(copy.idempotency_token, "copy-token-1");
    assert_eq!(
        copy.lifecycle,
        Some(Lifecycle {
            move_to_cold_storage_after_days: None,
            delete_after_days: Some(120),
        })
    );
    assert_eq!(
        w.confirm_question(),
        "Start this copy job from us-east-1 to ca-central-1?"
    );
    assert_eq!(w.submit_label(), "start copy");
    assert_eq!(
        w.summary()[2],
        ("To".to_string(), "dr in ca-central-1".to_string())
    );
    assert_eq!(
        w.after("copy-job-7"),
        Some(After::Job {
            job: Followed {
                kind: JobKind::Copy,
                region: "us-east-1".into(),
                id: "copy-job-7".into(),
            },
            section: Section::Jobs(JobTab::Copy),
            notice: "Copy job copy-job-7 started: us-east-1 → ca-central-1.".into(),
        })
    );
}

#[test]
fn a_new_vault_is_created_first_then_the_copy_goes_into_it() {
    let mut w = in_region(point(ResourceType::Ebs), "ca-central-1", &["Default"]);
    w.input(DEST.vault_choice, Input::Choose(1));
    text(&mut w, DEST.new_vault, "Default");
    assert_eq!(
        error(&w, DEST.new_vault).as_deref(),
        Some("In ca-central-1, a vault named Default already exists."),
        "checked as typed against the Region's vaults"
    );
    text(&mut w, DEST.new_vault, "dr-copies");
    assert_eq!(error(&w, DEST.new_vault), None);
    assert!(w.next());
    text(&mut w, LIFE.expire, "120");
    assert!(w.next());
    let requests = w.requests().expect("requests");
    assert_eq!(requests.len(), 2);
    assert_eq!(
        requests[0],
        WriteRequest::CreateVault(VaultRequest {
            region: "ca-central-1".into(),
            name: "dr-copies".into(),
            creator_request_id: "vault-token-1".into(),
        })
    );
    let WriteRequest::Copy(copy) = &requests[1] else {
        panic!("the copy comes second: {requests:?}");
    };
    assert_eq!(copy.region, "us-east-1");
    assert_eq!(copy.recovery_point_arn, POINT_ARN);
    assert_eq!(copy.source_vault_name, "Default");
    assert_eq!(
        copy.destination_vault_arn,
        "arn:aws:backup:ca-central-1:123456789012:backup-vault:dr-copies"
    );
    assert_eq!(copy.iam_role_arn, DEFAULT_ROLE);
    assert_eq!(copy.idempotency_token, "copy-token-1");
    assert_eq!(copy.lifecycle.and_then(|l| l.delete_after_days), Some(120));
    assert_eq!(
        w.confirm_question(),
        "Create vault dr-copies in ca-central-1 and start this copy job from us-east-1 to \
         ca-central-1?"
    );
}

#[test]
fn never_expire_sends_minus_one_for_both_days() {
    let mut w = in_region(point(ResourceType::Ebs), "us-west-2", &["dr"]);
    w.input(DEST.vault, Input::Choose(0));
    assert!(w.next());
    assert!(w.next(), "empty lifecycle fields mean never");
    let copy = only_copy(&w);
    assert_eq!(
        copy.lifecycle,
        Some(Lifecycle {
            move_to_cold_storage_after_days: Some(-1),
            delete_after_days: Some(-1),
        })
    );
    assert_eq!(
        copy.destination_vault_arn,
        "arn:aws:backup:us-west-2:123456789012:backup-vault:dr"
    );
    assert_eq!(copy.iam_role_arn, DEFAULT_ROLE);
    assert_eq!(w.summary()[4], ("Lifecycle".into(), "Never expires".into()));
    assert_eq!(
        w.summary()[3],
        (
            "IAM role".into(),
            "service-role/AWSBackupDefaultServiceRole".into()
        )
    );
}

#[test]
fn efs_cold_after_30_days_expiring_after_120() {
    let mut w = in_region(point(ResourceType::Efs), "eu-central-1", &["archive"]);
    w.input(DEST.vault, Input::Choose(0));
    assert!(w.next());
    text(&mut w, LIFE.cold, "30");
    text(&mut w, LIFE.expire, "120");
    assert!(
        !notes(&w)
            .iter()
            .any(|n| n.contains("cold storage setting is ignored")),
        "EFS supports cold storage"
    );
    assert!(w.next());
    let copy = only_copy(&w);
    assert_eq!(
        copy.lifecycle,
        Some(Lifecycle {
            move_to_cold_storage_after_days: Some(30),
            delete_after_days: Some(120),
        })
    );
    assert_eq!(
        copy.destination_vault_arn,
        "arn:aws:backup:eu-central-1:123456789012:backup-vault:archive"
    );
    assert_eq!(copy.source_vault_name, "Default");
    assert_eq!(copy.region, "us-east-1");
    assert_eq!(
        w.summary()[4].1,
        "Cold after 30 days, expires after 120 days"
    );
}

#[test]
fn a_role_chosen_from_the_account_is_sent() {
    let mut w = in_region(point(ResourceType::Ebs), "ca-central-1", &["dr"]);
    w.input(DEST.vault, Input::Choose(0));
    assert!(w.next());
    w.input(ROLE_CHOICE, Input::Choose(CHOOSE_ROLE));
    assert!(!w.next(), "a role must be chosen");
    assert_eq!(error(&w, ROLE_PICK).as_deref(), Some("Choose an IAM role."));
    w.input(ROLE_PICK, Input::Choose(0));
    text(&mut w, LIFE.expire, "365");
    assert!(w.next());
    let copy = only_copy(&w);
    assert_eq!(
        copy.iam_role_arn,
        "arn:aws:iam::123456789012:role/BackupCopier"
    );
    assert_eq!(
        copy.destination_vault_arn,
        "arn:aws:backup:ca-central-1:123456789012:backup-vault:dr"
    );
    assert_eq!(copy.lifecycle.and_then(|l| l.delete_after_days), Some(365));
    assert_eq!(w.summary()[3], ("IAM role".into(), "BackupCopier".into()));
}

#[test]
fn a_typed_role_arn_is_checked_then_sent() {
    let mut w = in_region(point(ResourceType::Ebs), "ca-central-1", &["dr"]);
    w.input(DEST.vault, Input::Choose(0));
    assert!(w.next());
    w.input(ROLE_CHOICE, Input::Choose(ENTER_ROLE));
    text(&mut w, ROLE_ARN, "arn:aws:iam::123456789012:user/alice");
    assert!(!w.next());
    assert!(
        error(&w, ROLE_ARN).is_some_and(|e| e.starts_with("This is not a role ARN")),
        "{:?}",
        error(&w, ROLE_ARN)
    );
    let role = "arn:aws:iam::123456789012:role/service-role/CopyRole";
    text(&mut w, ROLE_ARN, role);
    assert!(w.next());
    let copy = only_copy(&w);
    assert_eq!(copy.iam_role_arn, role);
    assert_eq!(copy.idempotency_token, "copy-token-1");
}

#[test]
fn another_accounts_vault_by_arn_in_the_same_region() {
    let mut w = in_region(point(ResourceType::Rds), "us-east-1", &["Default"]);
    w.input(DEST.vault_choice, Input::Choose(2));
    text(
        &mut w,
        DEST.vault_arn,
        "arn:aws:backup:us-east-1:111122223333:backup-vault:central",
    );
    assert!(w.next());
    assert!(w.next());
    let copy = only_copy(&w);
    assert_eq!(
        copy.destination_vault_arn,
        "arn:aws:backup:us-east-1:111122223333:backup-vault:central"
    );
    assert_eq!(copy.region, "us-east-1");
}

#[test]
fn rds_to_another_accounts_vault_in_another_region_is_stopped_at_the_destination() {
    let mut w = in_region(point(ResourceType::Rds), "ca-central-1", &[]);
    w.input(DEST.vault_choice, Input::Choose(2));
    text(
        &mut w,
        DEST.vault_arn,
        "arn:aws:backup:ca-central-1:111122223333:backup-vault:central",
    );
    assert!(!w.next());
    assert!(
        error(&w, DEST.vault_arn).is_some_and(|e| e.contains("not both at once")),
        "{:?}",
        error(&w, DEST.vault_arn)
    );
}

#[test]
fn a_draft_is_dirty_once_touched_and_back_keeps_it() {
    let mut w = in_region(point(ResourceType::Ebs), "ca-central-1", &["dr"]);
    assert!(w.is_dirty(), "choosing a Region is an edit");
    w.input(DEST.vault, Input::Choose(0));
    assert!(w.next());
    text(&mut w, LIFE.expire, "120");
    assert!(w.back());
    assert!(w.next());
    assert_eq!(
        only_copy(&w).lifecycle.and_then(|l| l.delete_after_days),
        Some(120)
    );
    assert_eq!(w.title(), "Copy EBS backup of shared-home");
}
