//! The delete screen's sequencing: one request at a time, past failures, never twice.

use super::*;
use crate::backend::ErrorKind;
use crate::backend::mock::demo_session;
use crate::domain::{BackupKind, Lifecycle, RecoveryPointStatus, StorageClass};
use crossterm::event::KeyEvent;
use time::macros::datetime;

fn point(n: usize) -> RecoveryPoint {
    RecoveryPoint {
        arn: format!("arn:aws:ec2:us-east-1::snapshot/snap-0{n}").into(),
        resource_arn: "arn:aws:ec2:us-east-1:123456789012:volume/vol-1".into(),
        resource_name: "vol-1".into(),
        resource_type: crate::domain::ResourceType::Ebs,
        vault_name: "bulk-archive".into(),
        vault_arn: "arn:aws:backup:us-east-1:123456789012:backup-vault:bulk-archive".into(),
        source_vault_arn: None,
        status: RecoveryPointStatus::Expired,
        status_message: None,
        kind: BackupKind::Snapshot,
        created: datetime!(2026-01-01 03:00 UTC),
        completed: None,
        size_bytes: None,
        storage_class: StorageClass::Warm,
        encrypted: true,
        encryption_key_arn: None,
        iam_role_arn: "arn:aws:iam::123456789012:role/backup".into(),
        created_by: None,
        lifecycle: Lifecycle::default(),
        last_restore: None,
    }
}

/// Runs `f` with a fresh `Ctx` and returns what it pushed.
fn with_ctx(next: &mut RequestId, f: impl FnOnce(&mut Ctx)) -> Vec<Effect> {
    let session = demo_session("t");
    let mut effects = Vec::new();
    let mut ctx = Ctx::new("us-east-1", &session, next, &mut effects);
    f(&mut ctx);
    effects
}

/// The ARNs the effects delete, in order.
fn deletes(effects: &[Effect]) -> Vec<(RequestId, String)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Submit { req, request } => match request.as_ref() {
                WriteRequest::DeleteRecoveryPoint(d) => Some((*req, d.recovery_point_arn.clone())),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// A screen over three EXPIRED points, vaults loaded, confirmed: the first delete sent.
fn confirmed(next: &mut RequestId) -> (DeleteScreen, Vec<(RequestId, String)>) {
    let mut s = DeleteScreen::new(
        (1..=3).map(point).collect(),
        "Delete".into(),
        "us-east-1",
        Section::Vaults,
    );
    with_ctx(next, |ctx| s.start(ctx));
    let Stage::Checking(req) = s.stage else {
        panic!("not checking the vaults")
    };
    s.on_loaded(req, Loaded::Vaults(Vec::new()), true);
    let mut sent = Vec::new();
    for k in [KeyCode::Enter]
        .into_iter()
        .chain("delete 3".chars().map(KeyCode::Char))
        .chain([KeyCode::Enter])
    {
        let effects = with_ctx(next, |ctx| {
            s.handle_key(&key(k), ctx);
        });
        sent.extend(deletes(&effects));
    }
    (s, sent)
}

fn answer(
    s: &mut DeleteScreen,
    next: &mut RequestId,
    req: RequestId,
    result: Result<String, BackendError>,
) -> Vec<(RequestId, String)> {
    deletes(&with_ctx(next, |ctx| {
        s.on_submitted(req, &result, ctx);
    }))
}

#[test]
fn wrong_confirmation_sends_nothing_and_keeps_the_text() {
    let mut next = 0;
    let mut s = DeleteScreen::new(
        vec![point(1)],
        "Delete".into(),
        "us-east-1",
        Section::Vaults,
    );
    with_ctx(&mut next, |ctx| s.start(ctx));
    let Stage::Checking(req) = s.stage else {
        panic!("not checking the vaults")
    };
    s.on_loaded(req, Loaded::Vaults(Vec::new()), true);
    let mut effects = Vec::new();
    for k in [
        KeyCode::Enter,
        KeyCode::Char('d'),
        KeyCode::Char('e'),
        KeyCode::Enter,
    ] {
        effects.extend(with_ctx(&mut next, |ctx| {
            s.handle_key(&key(k), ctx);
        }));
    }
    assert!(deletes(&effects).is_empty());
    assert!(s.wrong);
    assert_eq!(s.typed, "de");
    assert_eq!(s.stage, Stage::Confirm);
}

#[test]
fn one_at_a_time_past_a_failure_and_retry_sends_only_the_failed_one() {
    let mut next = 0;
    let (mut s, sent) = confirmed(&mut next);
    assert_eq!(sent.len(), 1, "only the first delete is sent at once");
    assert_eq!(sent[0].1, "arn:aws:ec2:us-east-1::snapshot/snap-01");
    let denied = BackendError::new(ErrorKind::AccessDenied, "not authorized");
    let second = answer(&mut s, &mut next, sent[0].0, Err(denied));
    assert_eq!(second.len(), 1);
    assert_eq!(second[0].1, "arn:aws:ec2:us-east-1::snapshot/snap-02");
    let third = answer(&mut s, &mut next, second[0].0, Ok(String::new()));
    assert_eq!(third[0].1, "arn:aws:ec2:us-east-1::snapshot/snap-03");
    assert!(answer(&mut s, &mut next, third[0].0, Ok(String::new())).is_empty());
    assert_eq!(s.stage, Stage::Done);
    assert!(s.changed_account());
    assert_eq!(s.items[0].state, ItemState::Failed("not authorized".into()));
    // An answer arriving twice changes nothing and sends nothing.
    assert!(answer(&mut s, &mut next, third[0].0, Ok(String::new())).is_empty());

    let retried = deletes(&with_ctx(&mut next, |ctx| {
        s.handle_key(&key(KeyCode::Char('r')), ctx);
    }));
    assert_eq!(retried.len(), 1);
    assert_eq!(retried[0].1, "arn:aws:ec2:us-east-1::snapshot/snap-01");
    assert!(answer(&mut s, &mut next, retried[0].0, Ok(String::new())).is_empty());
    assert!(s.items.iter().all(|i| i.state == ItemState::Deleted));
}

#[test]
fn esc_while_sending_keeps_the_screen_and_stops_after_the_answer() {
    let mut next = 0;
    let (mut s, sent) = confirmed(&mut next);
    let nav = with_ctx(&mut next, |ctx| {
        assert!(matches!(
            s.handle_key(&key(KeyCode::Esc), ctx),
            Some(Nav::Stay)
        ));
    });
    assert!(nav.is_empty());
    assert_eq!(
        s.pending(),
        vec![sent[0].0],
        "the answer still has its owner"
    );
    assert!(answer(&mut s, &mut next, sent[0].0, Ok(String::new())).is_empty());
    assert_eq!(s.stage, Stage::Done);
    assert_eq!(s.items[1].state, ItemState::Waiting);
    // `r` sends the ones not sent, the deleted one never again.
    let rest = deletes(&with_ctx(&mut next, |ctx| {
        s.handle_key(&key(KeyCode::Char('r')), ctx);
    }));
    assert_eq!(rest[0].1, "arn:aws:ec2:us-east-1::snapshot/snap-02");
}

#[test]
fn a_failed_vault_listing_lets_aws_decide_and_says_so() {
    let mut next = 0;
    let mut s = DeleteScreen::new(
        vec![point(1)],
        "Delete".into(),
        "us-east-1",
        Section::Vaults,
    );
    with_ctx(&mut next, |ctx| s.start(ctx));
    let Stage::Checking(req) = s.stage else {
        panic!("not checking the vaults")
    };
    s.on_failed(
        req,
        BackendError::new(ErrorKind::Throttled, "Rate exceeded"),
    );
    assert_eq!(s.items.len(), 1);
    assert_eq!(
        s.warning.as_deref(),
        Some(
            "Vault lock state unknown (Throttled: Rate exceeded): AWS refuses the delete if \
             the vault is locked."
        )
    );
}
