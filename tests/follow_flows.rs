//! Jobs started in this run are followed to their end wherever the user goes: the end of a
//! backup, copy, restore or Batch job is announced on whatever screen is open, kept in the
//! messages panel, and rings the bell when the config asks for it.

mod harness;

use backup_tui::app::Overlay;
use harness::Harness;

/// orders' on-demand backup wizard, open on its first step.
fn backup_of_orders() -> Harness {
    let mut h = Harness::new();
    h.settle()
        .press("/")
        .type_text("orders")
        .press("enter")
        .press("b")
        .settle();
    h.assert_shows("Back up DynamoDB orders now");
    h
}

/// orders' on-demand backup, confirmed and sent; the polls that follow it not yet run.
fn backup_of_orders_sent() -> Harness {
    let mut h = backup_of_orders();
    h.press("enter").press("enter");
    h.assert_shows("StartBackupJob request");
    h.press("enter").press("y").settle_writes();
    h
}

/// Leaves for the backup plans: nothing on screen follows the job any more.
fn go_to_plans(h: &mut Harness) {
    h.press(":").type_text("plans").press("enter");
    assert_eq!(h.app.crumbs(), vec!["Backup plans"]);
}

fn notice(h: &Harness) -> String {
    h.app
        .notice
        .as_ref()
        .map(|n| n.text.clone())
        .unwrap_or_default()
}

#[test]
fn a_backup_job_ending_while_the_user_is_elsewhere_is_announced_and_kept() {
    let mut h = backup_of_orders_sent();
    assert!(
        notice(&h).ends_with("started for orders."),
        "{}",
        notice(&h)
    );
    go_to_plans(&mut h);
    h.settle();
    assert_eq!(
        h.app.crumbs(),
        vec!["Backup plans"],
        "the user was not moved"
    );
    let said = notice(&h);
    assert!(
        said.starts_with("Backup job ") && said.contains(" COMPLETED: recovery point "),
        "{said}"
    );
    assert!(!h.app.notice.as_ref().is_some_and(|n| n.is_error));
    h.assert_shows(" COMPLETED: recovery point");
    // Kept after the footer moved on: the panel has the start and the end, newest first.
    h.press("j");
    let texts: Vec<String> = h
        .app
        .messages
        .newest_first()
        .map(|m| m.text.clone())
        .collect();
    let end = texts.iter().position(|t| t.contains(" COMPLETED"));
    let start = texts
        .iter()
        .position(|t| t.ends_with("started for orders."));
    assert!(
        matches!((end, start), (Some(e), Some(s)) if e < s),
        "{texts:?}"
    );
    assert_eq!(h.bells, 0, "no bell unless the config asks for it");
}

#[test]
fn the_bell_rings_once_when_a_followed_job_ends_if_asked() {
    let mut h = backup_of_orders_sent();
    h.app.bell = true;
    go_to_plans(&mut h);
    h.settle();
    assert_eq!(h.bells, 1);
}

/// Picks `choice` in the open pick list by typing it.
fn pick(h: &mut Harness, choice: &str) {
    h.press("enter").type_text(choice).press("enter").settle();
}

#[test]
fn a_batch_job_awaiting_confirmation_is_said_once_not_before_it_is_prepared() {
    let mut h = Harness::new();
    h.settle()
        .press(":")
        .type_text("batch")
        .press("enter")
        .settle();
    h.press("n").settle();
    pick(&mut h, "acme-logs");
    h.press("enter").settle(); // Source → Manifest
    h.press("enter"); // Manifest → Report
    h.press("down");
    pick(&mut h, "acme-logs");
    h.press("enter"); // Report → Options
    h.press("down").press("down").press("down");
    pick(&mut h, "s3-batch-replication");
    h.press("enter"); // Options → Review
    h.assert_shows("Review");
    h.press("enter").press("y").settle_writes();
    let created = notice(&h);
    assert!(
        created.ends_with("created; you are told when it awaits confirmation."),
        "{created}"
    );
    go_to_plans(&mut h);
    h.settle();
    let said = notice(&h);
    assert!(
        said.starts_with("Batch job ")
            && said.ends_with("awaits your confirmation: open it on :batch, then c."),
        "{said}"
    );
    let waiting = h
        .app
        .messages
        .newest_first()
        .filter(|m| m.text.contains("awaits your confirmation"))
        .count();
    assert_eq!(waiting, 1, "said once, not on every poll");
}

#[test]
fn ctrl_l_opens_the_messages_from_a_text_field_and_leaves_the_draft_alone() {
    let mut h = backup_of_orders();
    h.press("enter").assert_shows("Start within (minutes)");
    h.type_text("12");
    let field = |h: &mut Harness| {
        h.screen()
            .lines()
            .find(|l| l.contains("Start within (minutes)"))
            .unwrap_or_default()
            .to_string()
    };
    let typed = field(&mut h);
    assert!(typed.contains("12"), "{typed}");
    h.press("ctrl-l");
    assert!(matches!(h.app.overlay, Overlay::Messages(_)));
    h.assert_shows("Messages (");
    h.press("esc");
    assert!(matches!(h.app.overlay, Overlay::None));
    assert_eq!(field(&mut h), typed, "the draft is as it was");
    // m is a letter in a text field: typed (or refused there), not a shortcut.
    h.press("m");
    assert!(matches!(h.app.overlay, Overlay::None));
    h.assert_shows("Start within (minutes)");
}
