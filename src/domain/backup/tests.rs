use super::*;
use crate::domain::settings::RegionSettings;
use std::collections::BTreeMap;

fn request() -> BackupRequest {
    BackupRequest {
        region: "us-east-1".into(),
        vault_name: "prod-daily".into(),
        resource_arn: "arn:aws:dynamodb:us-east-1:123456789012:table/orders".into(),
        resource_name: "orders".into(),
        iam_role_arn: "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole"
            .into(),
        idempotency_token: "tok-1".into(),
        start_window_minutes: Some(60),
        complete_window_minutes: Some(240),
        lifecycle: Some(Lifecycle {
            move_to_cold_storage_after_days: Some(30),
            delete_after_days: Some(120),
        }),
    }
}

fn resource(ty: ResourceType, name: &str) -> ProtectedResource {
    ProtectedResource {
        arn: format!("arn:aws:x:us-east-1:123456789012:{name}").into(),
        resource_type: ty,
        name: name.into(),
        description: None,
        last_backup: None,
        last_backup_vault_arn: None,
        last_recovery_point_arn: None,
    }
}

fn settings(opted_in: &[&str], dynamodb_managed: bool) -> RegionSettings {
    RegionSettings {
        region: "us-east-1".into(),
        opt_in: opted_in.iter().map(|t| (t.to_string(), true)).collect(),
        management: BTreeMap::from([("DynamoDB".to_string(), dynamodb_managed)]),
    }
}

fn locked(min: Option<i64>, max: Option<i64>) -> BackupVault {
    BackupVault {
        name: "compliance-locked".into(),
        arn: "arn:aws:backup:us-east-1:123456789012:backup-vault:compliance-locked".into(),
        region: "us-east-1".into(),
        encryption_key_arn: None,
        created: time::macros::datetime!(2025-01-01 00:00 UTC),
        recovery_points: 0,
        locked: true,
        min_retention_days: min,
        max_retention_days: max,
    }
}

fn kept(days: Option<i64>) -> Lifecycle {
    Lifecycle {
        move_to_cold_storage_after_days: None,
        delete_after_days: days,
    }
}

#[test]
fn the_request_body_and_cli_name_every_member_sent() {
    let json: serde_json::Value = serde_json::from_str(&request().api_json()).unwrap();
    assert_eq!(json["BackupVaultName"], "prod-daily");
    assert_eq!(json["IdempotencyToken"], "tok-1");
    assert_eq!(json["StartWindowMinutes"], 60);
    assert_eq!(json["CompleteWindowMinutes"], 240);
    assert_eq!(json["Lifecycle"]["DeleteAfterDays"], 120);
    let cli = request().cli_command();
    assert!(cli.starts_with("aws backup start-backup-job \\\n  --region us-east-1"));
    assert!(cli.contains("--start-window-minutes 60"), "{cli}");
    assert!(cli.contains("--complete-window-minutes 240"), "{cli}");
}

#[test]
fn defaults_are_left_out_of_the_request() {
    let bare = BackupRequest {
        start_window_minutes: None,
        complete_window_minutes: None,
        lifecycle: None,
        ..request()
    };
    let json: serde_json::Value = serde_json::from_str(&bare.api_json()).unwrap();
    let members: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        members,
        [
            "BackupVaultName",
            "ResourceArn",
            "IamRoleArn",
            "IdempotencyToken"
        ]
    );
    assert!(!bare.cli_command().contains("window"));
}

#[test]
fn a_service_not_opted_in_is_refused_with_the_reason() {
    let fsx = resource(ResourceType::FSx, "fsx-windows-share");
    assert_eq!(
        opt_in_refusal(&settings(&["EFS"], true), &fsx).as_deref(),
        Some(
            "FSx is not opted in in us-east-1: AWS Backup refuses an on-demand backup of \
             fsx-windows-share until FSx is turned on in the Region's service opt-in settings."
        )
    );
    assert_eq!(opt_in_refusal(&settings(&["FSx"], true), &fsx), None);
}

#[test]
fn typed_minutes_are_whole_numbers_or_empty() {
    assert_eq!(minutes(" "), Ok(None));
    assert_eq!(minutes("90"), Ok(Some(90)));
    assert_eq!(
        minutes("1h"),
        Err("`1h` is not a whole number of minutes.".to_string())
    );
}

#[test]
fn the_start_window_is_60_minutes_to_100_years() {
    assert_eq!(start_window_minutes(None), Ok(()));
    assert_eq!(start_window_minutes(Some(60)), Ok(()));
    assert_eq!(
        start_window_minutes(Some(59)),
        Err("Start within at least 60 minutes (59 given).".to_string())
    );
    assert_eq!(
        start_window_minutes(Some(52_560_001)),
        Err("Start within at most 52560000 minutes (100 years).".to_string())
    );
}

#[test]
fn the_completion_window_must_outlast_the_start_window() {
    assert_eq!(complete_window_minutes(Some(60), None), Ok(()));
    assert_eq!(complete_window_minutes(Some(60), Some(61)), Ok(()));
    assert_eq!(
        complete_window_minutes(Some(120), Some(120)),
        Err(
            "Complete within must be longer than the start window (2 hours): more than 120 \
             minutes."
                .to_string()
        )
    );
    assert_eq!(
        complete_window_minutes(None, Some(480)),
        Err(
            "Complete within must be longer than the default start window (8 hours): more \
             than 480 minutes."
                .to_string()
        )
    );
    assert_eq!(complete_window_minutes(None, Some(481)), Ok(()));
    assert_eq!(
        complete_window_minutes(None, Some(52_560_001)),
        Err("Complete within at most 52560000 minutes (100 years).".to_string())
    );
}

#[test]
fn vault_lock_refuses_retention_outside_its_range() {
    let vault = locked(Some(30), Some(3650));
    assert_eq!(
        vault_lock_problem(&vault, Some(&kept(Some(7)))).as_deref(),
        Some(
            "Vault compliance-locked is locked (Vault Lock): it keeps recovery points 30 to \
             3650 days, so 7 days is too short. Set the expiry within that range."
        )
    );
    assert_eq!(
        vault_lock_problem(&vault, Some(&kept(Some(4000)))).as_deref(),
        Some(
            "Vault compliance-locked is locked (Vault Lock): it keeps recovery points 30 to \
             3650 days, so 4000 days is too long. Set the expiry within that range."
        )
    );
    assert_eq!(
        vault_lock_problem(&vault, None).as_deref(),
        Some(
            "Vault compliance-locked is locked (Vault Lock): it keeps recovery points 30 to \
             3650 days, so a backup that never expires is too long. Set the expiry within \
             that range."
        )
    );
    assert_eq!(vault_lock_problem(&vault, Some(&kept(Some(30)))), None);
    assert_eq!(vault_lock_problem(&vault, Some(&kept(Some(3650)))), None);
    // A lock with only a minimum keeps a backup forever.
    assert_eq!(vault_lock_problem(&locked(Some(30), None), None), None);
    let unlocked = BackupVault {
        locked: false,
        ..vault
    };
    assert_eq!(vault_lock_problem(&unlocked, Some(&kept(Some(1)))), None);
}

#[test]
fn only_efs_and_managed_dynamodb_move_to_cold_storage() {
    let managed = settings(&[], true);
    let unmanaged = settings(&[], false);
    assert_eq!(
        cold_storage_note(&ResourceType::Efs, Some(&unmanaged)),
        None
    );
    assert_eq!(
        cold_storage_note(&ResourceType::DynamoDB, Some(&managed)),
        None
    );
    assert_eq!(
        cold_storage_note(&ResourceType::DynamoDB, Some(&unmanaged)).as_deref(),
        Some(
            "Only EFS backups (and DynamoDB backups with AWS Backup's advanced features) move \
             to cold storage: for DynamoDB the setting is ignored."
        )
    );
    assert!(cold_storage_note(&ResourceType::S3, None).is_some());
}
