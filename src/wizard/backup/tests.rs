//! Tests of the on-demand backup wizard: each rule with its message, and the requests it sends
//! for each path through it.

use super::*;
use crate::backend::ErrorKind;
use crate::domain::{Lifecycle, ResourceType, VaultRequest};
use crate::wizard::destination::DESTINATION_IDS as DEST;
use crate::wizard::lifecycle::LIFECYCLE_IDS as LIFE;
use crate::wizard::parts::{ENTER_ROLE, ROLE_ARN, ROLE_CHOICE};
use time::macros::datetime;

const DEFAULT_ROLE: &str =
    "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole";

fn vault(name: &str, lock: Option<(i64, i64)>) -> BackupVault {
    BackupVault {
        name: name.into(),
        arn: format!("arn:aws:backup:us-east-1:123456789012:backup-vault:{name}").into(),
        region: "us-east-1".into(),
        encryption_key_arn: None,
        created: datetime!(2025-01-01 00:00 UTC),
        recovery_points: 3,
        locked: lock.is_some(),
        min_retention_days: lock.map(|l| l.0),
        max_retention_days: lock.map(|l| l.1),
    }
}

fn context() -> BackupContext {
    BackupContext {
        resource: ProtectedResource {
            arn: "arn:aws:dynamodb:us-east-1:123456789012:table/orders".into(),
            resource_type: ResourceType::DynamoDB,
            name: "orders".into(),
            description: None,
            last_backup: None,
            last_backup_vault_arn: None,
            last_recovery_point_arn: None,
        },
        region: "us-east-1".into(),
        account_id: "123456789012".into(),
        vaults: Ok(vec![
            vault("prod-daily", None),
            vault("compliance-locked", Some((30, 3650))),
        ]),
        roles: Vec::new(),
        settings: None,
        idempotency_token: "backup-token-1".into(),
        vault_request_id: "vault-token-1".into(),
    }
}

fn text(w: &mut BackupWizard, id: FieldId, value: &str) {
    w.input(id, Input::Text(value.into()));
}

/// The error shown under field `id` on the current step.
fn error_of(w: &BackupWizard, id: FieldId) -> Option<String> {
    w.items()
        .iter()
        .filter_map(Item::field)
        .find(|f| f.id == id)
        .and_then(|f| f.error.clone())
}

/// A wizard on its second step, with vault `index` of the context chosen.
fn on_window_step(index: usize) -> BackupWizard {
    let mut w = BackupWizard::new(context());
    w.input(DEST.vault, Input::Choose(index));
    assert!(w.next(), "{:?}", w.items());
    w
}

fn the_backup(w: &BackupWizard) -> BackupRequest {
    match w.requests().expect("requests").pop() {
        Some(WriteRequest::StartBackup(r)) => r,
        other => panic!("not a backup: {other:?}"),
    }
}

#[test]
fn the_defaults_send_the_default_role_and_nothing_optional() {
    let mut w = on_window_step(0);
    assert!(w.next());
    assert_eq!(
        the_backup(&w),
        BackupRequest {
            region: "us-east-1".into(),
            vault_name: "prod-daily".into(),
            resource_arn: "arn:aws:dynamodb:us-east-1:123456789012:table/orders".into(),
            resource_name: "orders".into(),
            iam_role_arn: DEFAULT_ROLE.into(),
            idempotency_token: "backup-token-1".into(),
            start_window_minutes: None,
            complete_window_minutes: None,
            lifecycle: None,
        }
    );
    assert!(w.summary().contains(&(
        "Backup window".into(),
        "Start within 8 hours (AWS's default); no completion limit".into()
    )));
    assert_eq!(
        w.confirm_question(),
        "Start a backup of orders into prod-daily now?"
    );
    assert_eq!(
        w.after("JOB-1"),
        Some(After::Job {
            job: Followed {
                kind: JobKind::Backup,
                region: "us-east-1".into(),
                id: "JOB-1".into(),
            },
            section: Section::Jobs(JobTab::Backup),
            notice: "Backup job JOB-1 started for orders.".into(),
        })
    );
}

#[test]
fn windows_and_lifecycle_are_sent_as_typed() {
    let mut w = on_window_step(0);
    text(&mut w, START_WINDOW, "60");
    text(&mut w, COMPLETE_WINDOW, "240");
    text(&mut w, LIFE.cold, "30");
    text(&mut w, LIFE.expire, "120");
    assert!(w.next());
    let sent = the_backup(&w);
    assert_eq!(sent.start_window_minutes, Some(60));
    assert_eq!(sent.complete_window_minutes, Some(240));
    assert_eq!(
        sent.lifecycle,
        Some(Lifecycle {
            move_to_cold_storage_after_days: Some(30),
            delete_after_days: Some(120),
        })
    );
    let summary = w.summary();
    assert!(summary.contains(&(
        "Backup window".into(),
        "Start within 1 hour; complete within 4 hours".into()
    )));
}

#[test]
fn a_start_window_under_an_hour_is_refused_on_its_field() {
    let mut w = on_window_step(0);
    text(&mut w, START_WINDOW, "30");
    assert_eq!(
        error_of(&w, START_WINDOW).as_deref(),
        Some("Start within at least 60 minutes (30 given).")
    );
    assert!(!w.next());
    assert_eq!(
        w.requests(),
        Err("Window and lifecycle: Start within at least 60 minutes (30 given).".into())
    );
}

#[test]
fn the_completion_window_must_outlast_the_default_start_window() {
    let mut w = on_window_step(0);
    text(&mut w, COMPLETE_WINDOW, "120");
    assert_eq!(
        error_of(&w, COMPLETE_WINDOW).as_deref(),
        Some(
            "Complete within must be longer than the default start window (8 hours): more \
             than 480 minutes."
        )
    );
    text(&mut w, COMPLETE_WINDOW, "soon");
    assert_eq!(
        error_of(&w, COMPLETE_WINDOW).as_deref(),
        Some("`soon` is not a whole number of minutes.")
    );
    assert!(!w.next());
}

#[test]
fn the_lifecycle_keeps_the_90_day_rule() {
    let mut w = on_window_step(0);
    text(&mut w, LIFE.cold, "30");
    text(&mut w, LIFE.expire, "100");
    assert_eq!(
        error_of(&w, LIFE.expire).as_deref(),
        Some(
            "Expire at least 90 days after the move to cold storage: 120 days or more (cold \
             storage keeps a backup 90 days at least)."
        )
    );
    assert!(!w.next());
}

#[test]
fn a_locked_vault_refuses_a_retention_outside_its_range() {
    let mut w = on_window_step(1);
    assert!(
        w.items().iter().any(|i| matches!(i, Item::Note { text, .. }
            if text == "Vault compliance-locked is under Vault Lock: it keeps recovery points 30 to 3650 days.")),
        "{:?}",
        w.items()
    );
    // Never expires: longer than the lock's maximum.
    assert_eq!(
        error_of(&w, LIFE.expire).as_deref(),
        Some(
            "Vault compliance-locked is locked (Vault Lock): it keeps recovery points 30 to \
             3650 days, so a backup that never expires is too long. Set the expiry within \
             that range."
        )
    );
    assert!(!w.next());
    text(&mut w, LIFE.expire, "7");
    assert_eq!(
        error_of(&w, LIFE.expire).as_deref(),
        Some(
            "Vault compliance-locked is locked (Vault Lock): it keeps recovery points 30 to \
             3650 days, so 7 days is too short. Set the expiry within that range."
        )
    );
    assert!(!w.next());
    text(&mut w, LIFE.expire, "365");
    assert_eq!(error_of(&w, LIFE.expire), None);
    assert!(w.next());
    assert_eq!(the_backup(&w).vault_name, "compliance-locked");
}

#[test]
fn a_new_vault_is_created_before_the_backup() {
    let mut w = BackupWizard::new(context());
    w.input(DEST.vault_choice, Input::Choose(1));
    text(&mut w, DEST.new_vault, "on-demand");
    assert!(w.next());
    assert!(w.next());
    let requests = w.requests().expect("requests");
    assert_eq!(
        requests[0],
        WriteRequest::CreateVault(VaultRequest {
            region: "us-east-1".into(),
            name: "on-demand".into(),
            creator_request_id: "vault-token-1".into(),
        })
    );
    assert!(matches!(&requests[1], WriteRequest::StartBackup(r) if r.vault_name == "on-demand"));
    assert_eq!(
        w.confirm_question(),
        "Create vault on-demand in us-east-1 and start a backup of orders into it now?"
    );
}

#[test]
fn a_new_vault_cannot_take_an_existing_name() {
    let mut w = BackupWizard::new(context());
    w.input(DEST.vault_choice, Input::Choose(1));
    text(&mut w, DEST.new_vault, "prod-daily");
    assert!(!w.next());
    assert!(
        error_of(&w, DEST.new_vault).is_some_and(|e| e.contains("prod-daily")),
        "{:?}",
        w.items()
    );
}

#[test]
fn no_vault_chosen_and_a_bad_role_arn_are_caught_on_the_first_step() {
    let mut w = BackupWizard::new(context());
    w.input(ROLE_CHOICE, Input::Choose(ENTER_ROLE));
    text(&mut w, ROLE_ARN, "BackupRole");
    assert!(!w.next());
    assert_eq!(error_of(&w, DEST.vault).as_deref(), Some("Choose a vault."));
    assert!(error_of(&w, ROLE_ARN).is_some());
}

#[test]
fn vaults_that_could_not_be_listed_leave_a_new_vault() {
    let mut ctx = context();
    ctx.vaults = Err(BackendError::new(
        ErrorKind::AccessDenied,
        "no ListBackupVaults",
    ));
    let w = BackupWizard::new(ctx);
    assert!(
        w.items().iter().any(|i| matches!(i, Item::Note { text, .. }
            if text.starts_with("The vaults of us-east-1 could not be listed"))),
        "{:?}",
        w.items()
    );
}

#[test]
fn the_same_token_is_sent_on_every_submit_of_one_opening() {
    let mut w = on_window_step(0);
    assert!(w.next());
    assert_eq!(the_backup(&w).idempotency_token, "backup-token-1");
    assert_eq!(the_backup(&w), the_backup(&w));
}

#[test]
fn cold_storage_is_noted_for_types_that_do_not_move_there() {
    let mut ctx = context();
    ctx.resource.resource_type = ResourceType::S3;
    let mut w = BackupWizard::new(ctx);
    w.input(DEST.vault, Input::Choose(0));
    assert!(w.next());
    text(&mut w, LIFE.cold, "30");
    assert!(
        w.items().iter().any(|i| matches!(i, Item::Note { text, .. }
            if text.ends_with("for S3 the setting is ignored."))),
        "{:?}",
        w.items()
    );
}

/// The vault note on the first step, if any.
fn preselection_note(w: &BackupWizard) -> Option<String> {
    w.items()
        .iter()
        .map(|item| format!("{item:?}"))
        .find(|debug| debug.contains("Preselected"))
}

#[test]
fn the_vault_of_the_last_backup_is_preselected_and_says_so() {
    let mut ctx = context();
    ctx.resource.last_backup_vault_arn = Some(vault("compliance-locked", None).arn);
    let mut w = BackupWizard::new(ctx);
    assert_eq!(w.vault.vault_name().as_deref(), Some("compliance-locked"));
    assert!(
        preselection_note(&w).is_some_and(|n| n.contains("the vault of the last backup of orders")),
        "{:?}",
        w.items()
    );
    // Choosing another vault keeps the choice and drops the note.
    w.input(DEST.vault, Input::Choose(0));
    assert_eq!(w.vault.vault_name().as_deref(), Some("prod-daily"));
    assert_eq!(preselection_note(&w), None);
}

#[test]
fn without_a_last_backup_vault_the_default_vault_is_preselected() {
    let mut ctx = context();
    // The last backup went to a vault that is no longer listed: Default instead.
    ctx.resource.last_backup_vault_arn = Some(vault("gone", None).arn);
    ctx.vaults.as_mut().unwrap().push(vault("Default", None));
    let w = BackupWizard::new(ctx);
    assert_eq!(w.vault.vault_name().as_deref(), Some("Default"));
    assert!(
        preselection_note(&w).is_some_and(|n| n.contains("the Region's Default vault")),
        "{:?}",
        w.items()
    );
}

#[test]
fn with_neither_nothing_is_preselected() {
    let w = BackupWizard::new(context());
    assert_eq!(w.vault.vault_name(), None);
    assert_eq!(preselection_note(&w), None);
}
