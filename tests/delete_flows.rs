//! Deleting recovery points through the harness: one point (`d`) or the EXPIRED ones (`D`),
//! the typed confirmation, refusals with their reasons, per-item failures and retry,
//! read-only, and the list reloaded without the deleted points.

mod harness;

use backup_tui::backend::mock::{Fault, MockOptions, Operation};
use backup_tui::effect::Effect;
use harness::Harness;

/// Opens resource `name`'s recovery points (newest first).
fn points_of(name: &str, options: MockOptions) -> Harness {
    let mut h = Harness::with(options, 80, 24);
    h.settle()
        .press("/")
        .type_text(name)
        .press("enter")
        .press("enter")
        .settle();
    h
}

/// The ARNs DeleteRecoveryPoint reached the account for, in order.
fn deleted(h: &Harness) -> Vec<String> {
    h.mock
        .calls()
        .into_iter()
        .filter(|c| c.op == Operation::DeleteRecoveryPoint)
        .filter_map(|c| c.target)
        .collect()
}

#[test]
fn d_deletes_one_point_after_typing_the_count() {
    let mut h = points_of("acme-media", MockOptions::default());
    h.assert_shows("Recovery points (7)");
    // The newest COMPLETED snapshot is the second row.
    h.press("j").press("d").settle();
    h.assert_shows("Delete 1 recovery point")
        .assert_shows("DeleteRecoveryPoint request")
        .assert_shows("\"BackupVaultName\": \"prod-daily\"")
        .assert_shows("aws backup delete-recovery-point");
    h.press("c").settle();
    let copied = h.clipboard.last().cloned().unwrap_or_default();
    assert!(
        copied.starts_with("aws backup delete-recovery-point"),
        "{copied}"
    );
    h.press("enter").type_text("delete").press("enter");
    h.assert_shows("That is not \"delete 1\": type exactly delete 1.");
    insta::assert_snapshot!("delete_confirm_wrong_80x24", h.screen());
    snap_dialog!(h, "delete_wrong");
    assert!(
        deleted(&h).is_empty(),
        "nothing sent on a wrong confirmation"
    );
    // What was typed is kept: finishing it is enough.
    h.type_text(" 1").press("enter").settle();
    h.assert_shows("deleted").assert_shows("Deleted 1 of 1.");
    assert_eq!(deleted(&h).len(), 1);
    h.press("esc").settle();
    h.assert_shows("Recovery points (6)");
}

#[test]
fn shift_d_deletes_the_expired_point_of_acme_media_and_the_list_reloads_without_it() {
    let mut h = points_of("acme-media", MockOptions::default());
    h.assert_shows("EXPIRED");
    h.press("D").settle();
    h.assert_shows("Delete 1 recovery point")
        .assert_shows("To delete (1)")
        .assert_shows("EXPIRED");
    h.press("enter");
    h.assert_shows("Type delete 1 and press enter");
    h.type_text("delete 1");
    insta::assert_snapshot!("delete_confirm_80x24", h.screen());
    snap_dialog!(h, "delete_typed");
    h.press("enter");
    h.assert_shows("Deleting 1 of 1...");
    h.settle();
    h.assert_shows("Deleted 1 of 1.");
    assert_eq!(deleted(&h).len(), 1);
    h.press("esc").settle();
    h.assert_shows("Recovery points (6)")
        .assert_not_shows("EXPIRED");
    assert_eq!(
        h.app.crumbs().last().map(String::as_str),
        Some("acme-media")
    );
}

#[test]
fn a_continuous_backup_is_refused_with_what_to_do_instead() {
    let mut h = points_of("acme-media", MockOptions::default());
    // Newest first: CREATING, COMPLETED, PARTIAL, then the continuous backup.
    h.press("j").press("j").press("j").press("d").settle();
    h.assert_shows("is a continuous backup");
    assert_eq!(h.app.depth(), 2, "no delete screen opened");
    assert!(deleted(&h).is_empty());
}

#[test]
fn a_point_being_created_is_refused() {
    let mut h = points_of("acme-media", MockOptions::default());
    h.press("d").settle();
    let notice = h.app.notice.clone().expect("a refusal");
    assert!(notice.is_error);
    assert!(
        notice
            .text
            .contains("is still being created (CREATING): its backup job is running."),
        "{}",
        notice.text
    );
    // Too long for the footer: it says so, and the messages panel has it whole.
    h.assert_shows("… m: read all");
    assert!(deleted(&h).is_empty());
}

#[test]
fn a_point_in_a_locked_vault_is_refused_with_the_reason() {
    let mut h = Harness::new();
    h.settle()
        .press(":")
        .type_text("vaults")
        .press("enter")
        .settle();
    h.press("/")
        .type_text("compliance")
        .press("enter")
        .press("enter")
        .settle();
    h.assert_shows("Recovery points (3)");
    h.press("d").settle();
    h.assert_shows("To delete (0)")
        .assert_shows("Cannot be deleted here (1)")
        .assert_shows("under Vault Lock")
        .assert_shows("retention ends");
    h.press("enter")
        .assert_shows("None of these recovery points can be deleted here");
    assert!(deleted(&h).is_empty());
}

#[test]
fn shift_d_without_expired_points_says_so() {
    let mut h = points_of("orders", MockOptions::default());
    h.press("D").settle();
    h.assert_shows("no EXPIRED recovery points");
    assert_eq!(h.app.depth(), 2, "no delete screen opened");
}

#[test]
fn shift_d_while_the_list_loads_says_to_wait() {
    let mut h = Harness::new();
    h.settle()
        .press("/")
        .type_text("acme-media")
        .press("enter")
        .press("enter");
    // The recovery points are asked for but not answered yet.
    h.press("D");
    h.assert_shows("have not all loaded");
    assert_eq!(h.app.depth(), 2);
}

#[test]
fn a_failed_delete_is_shown_the_others_go_on_and_r_retries_only_it() {
    // 18 synthetic points on one volume: three of them EXPIRED.
    let options = MockOptions {
        scale: 18,
        ..MockOptions::default()
    };
    let mut h = points_of("synthetic-vol-00000", options);
    h.press("D").settle();
    h.assert_shows("Delete 3 recovery points");
    h.mock
        .fail_next(Operation::DeleteRecoveryPoint, Fault::AccessDenied, 1);
    h.press("enter").type_text("delete 3").press("enter");
    insta::assert_snapshot!("delete_progress_80x24", h.screen());
    h.settle();
    h.assert_shows("Deleted 2 of 3, 1 failed.")
        .assert_shows("failed")
        .assert_shows("is not authorized to perform:");
    insta::assert_snapshot!("delete_one_failed_80x24", h.screen());
    let first = deleted(&h);
    assert_eq!(first.len(), 3, "each sent once, past the failure");
    h.press("r").settle();
    h.assert_shows("Deleted 3 of 3.");
    let all = deleted(&h);
    assert_eq!(all.len(), 4, "only the failed one was sent again");
    assert_eq!(all[3], first[0]);
    h.press("esc").settle();
    h.assert_shows("Recovery points (15)");
}

#[test]
fn read_only_shows_the_request_but_deletes_nothing() {
    let mut h = points_of(
        "acme-media",
        MockOptions {
            read_only: true,
            ..MockOptions::default()
        },
    );
    h.press("D").settle();
    h.assert_shows("aws backup delete-recovery-point");
    h.press("enter")
        .assert_shows("Read-only session: nothing can be deleted")
        .assert_not_shows("Type delete 1");
    h.settle();
    assert!(deleted(&h).is_empty());
    assert!(
        !h.effects.iter().any(|e| matches!(e, Effect::Submit { .. })),
        "nothing was sent"
    );
    h.press("esc").settle();
    h.assert_shows("Recovery points (7)");
}

#[test]
fn deleting_from_a_recovery_points_page_closes_that_page_and_reloads_the_list() {
    let mut h = points_of("acme-media", MockOptions::default());
    h.assert_shows("Recovery points (7)");
    // The newest COMPLETED snapshot's page: enter opens the actions menu, enter "View details".
    h.press("j").press("enter").press("enter").settle();
    h.assert_shows("Recovery point ARN");
    h.press("d").settle();
    h.press("enter")
        .type_text("delete 1")
        .press("enter")
        .settle();
    h.assert_shows("Deleted 1 of 1.");
    h.press("esc").settle();
    // The page of a point that no longer exists closes; the list under it reloads.
    assert_eq!(h.app.crumbs(), ["Protected resources", "acme-media"]);
    h.assert_shows("Recovery points (6)");
}
