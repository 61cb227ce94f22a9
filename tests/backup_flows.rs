//! On-demand backup flows through the harness: open with `b` from the resources list, the
//! refusal of a service that is not opted in (and the way to the setting), vault, role, window
//! and lifecycle, review, confirm, the job followed to its end and its new recovery point.

mod harness;

use backup_tui::backend::BackupBackend;
use backup_tui::backend::mock::{MockOptions, Operation};
use backup_tui::domain::settings::SettingsRequest;
use backup_tui::effect::Effect;
use backup_tui::palette::Section;
use harness::Harness;
use std::collections::BTreeMap;

/// The backup wizard of resource `name`, opened with `b` on the resources list.
fn backup_of(name: &str, options: MockOptions) -> Harness {
    let mut h = Harness::with(options, 80, 24);
    h.settle()
        .press("/")
        .type_text(name)
        .press("enter")
        .press("b")
        .settle();
    h
}

/// Vault prod-daily (preselected: orders' last backup went there), default role; start within
/// 2 hours, complete within 10, expire after 35 days: the review.
fn fill_orders_into_prod_daily(h: &mut Harness) {
    h.assert_shows("Back up DynamoDB orders now")
        .assert_shows("Preselected: the vault of the last backup of orders.");
    h.assert_shows("Vault: prod-daily");
    h.press("enter").assert_shows("Start within (minutes)");
    h.type_text("120").press("down").type_text("600");
    h.press("down").press("down").type_text("35").press("enter");
    h.assert_shows("StartBackupJob request");
}

#[test]
fn back_up_orders_now_and_follow_the_job_to_its_recovery_point() {
    let mut h = backup_of("orders", MockOptions::default());
    insta::assert_snapshot!("backup_vault_and_role_80x24", h.screen());
    fill_orders_into_prod_daily(&mut h);
    insta::assert_snapshot!("backup_review_80x24", h.screen());
    h.assert_shows("\"BackupVaultName\": \"prod-daily\"")
        .assert_shows("\"StartWindowMinutes\": 120")
        .assert_shows("\"CompleteWindowMinutes\": 600");
    h.press("c").settle();
    let cli = h.clipboard.last().cloned().unwrap_or_default();
    assert!(
        cli.starts_with("aws backup start-backup-job \\\n  --region us-east-1")
            && cli.contains("--resource-arn arn:aws:dynamodb:us-east-1:123456789012:table/orders")
            && cli.contains("--start-window-minutes 120")
            && cli.contains("--lifecycle '{\"DeleteAfterDays\":35}'"),
        "{cli}"
    );
    h.press("enter")
        .assert_shows("Start a backup of orders into prod-daily now?");
    h.press("y").settle();

    let started: Vec<_> = h
        .mock
        .calls()
        .into_iter()
        .filter(|c| c.op == Operation::StartBackupJob)
        .collect();
    assert_eq!(started.len(), 1, "one backup started");
    assert_eq!(started[0].region, "us-east-1");
    assert_eq!(h.app.crumbs(), vec!["Jobs > Backup jobs"]);
    let notice = h
        .app
        .notice
        .as_ref()
        .map(|n| n.text.clone())
        .unwrap_or_default();
    // The start was said, then the job was followed to its end and that was said too.
    let said: Vec<String> = h
        .app
        .messages
        .newest_first()
        .map(|m| m.text.clone())
        .collect();
    assert!(
        said.iter()
            .any(|t| t.starts_with("Backup job ") && t.ends_with(" started for orders.")),
        "{said:?}"
    );
    assert!(
        notice.starts_with("Backup job ") && notice.contains(" COMPLETED: recovery point "),
        "{notice}"
    );
    // Followed by polling the listing until it ended: the new job is on top, COMPLETED.
    let polls = h
        .mock
        .calls()
        .iter()
        .filter(|c| c.op == Operation::ListBackupJobs)
        .count();
    assert!(polls >= 3, "listed {polls} times");
    let screen = h.screen();
    let row = screen
        .lines()
        .find(|l| l.contains("orders"))
        .unwrap_or_default();
    assert!(
        row.contains("COMPLETED") && row.contains("2026-11-20 12:01"),
        "{screen}"
    );

    // The resource's recovery points now start with the on-demand one, in prod-daily.
    h.start_at(Section::Resources, Some("orders")).settle();
    let screen = h.screen();
    assert!(
        screen.contains("Last backup: 2026-11-20 12:01 in prod-daily"),
        "{screen}"
    );
    let newest = screen
        .lines()
        .find(|l| l.contains("2026-11-20 12:01") && !l.contains("Last backup"))
        .unwrap_or_else(|| panic!("no new recovery point:\n{screen}"));
    assert!(newest.contains("COMPLETED"), "{screen}");
}

#[test]
fn a_locked_vault_refuses_a_backup_kept_forever_before_aws_does() {
    let mut h = backup_of("orders", MockOptions::default());
    // Space re-picks over the preselected vault.
    h.press("down")
        .press("space")
        .type_text("compliance")
        .press("enter");
    h.assert_not_shows("Preselected");
    h.press("enter");
    h.assert_shows("Vault compliance-locked is under Vault Lock: it keeps recovery")
        .assert_shows("so a backup that never expires is too long.");
    insta::assert_snapshot!("backup_window_lock_error_80x24", h.screen());
    h.press("down").press("down").press("down").type_text("7");
    h.assert_shows("so 7 days is too short.");
    h.press("enter").assert_shows("2 Window and lifecycle");
    h.press("backspace").type_text("30").press("enter");
    h.assert_shows("StartBackupJob request");
}

#[test]
fn a_service_not_opted_in_is_refused_with_a_way_to_the_setting() {
    let mut h = Harness::new();
    // The demo opts every type of its resources in: turn FSx off in us-east-1 first.
    futures::executor::block_on(h.mock.update_region_settings(&SettingsRequest {
        region: "us-east-1".into(),
        opt_in: BTreeMap::from([("FSx".to_string(), false)]),
        management: BTreeMap::new(),
    }))
    .expect("FSx opted out");
    h.settle()
        .press("/")
        .type_text("fsx-windows")
        .press("enter")
        .press("b")
        .settle();
    h.assert_shows("FSx is not opted in in us-east-1: AWS Backup refuses an")
        .assert_not_shows("Vault and role");
    insta::assert_snapshot!("backup_not_opted_in_80x24", h.screen());

    // s opens the Service opt-in settings; FSx is turned on there.
    h.press("s").settle();
    assert_eq!(
        h.app.crumbs().last().map(String::as_str),
        Some("Settings > Service opt-in")
    );
    h.press("/")
        .type_text("FSx")
        .press("enter")
        .press("space")
        .press("y")
        .settle();
    // Esc clears the filter, then leaves the settings.
    h.press("esc")
        .press("esc")
        .assert_shows("FSx is not opted in");
    // r checks again: now the wizard opens.
    h.press("r").settle();
    h.assert_shows("Back up FSx fsx-windows-share now")
        .assert_shows("1 Vault and role");
    assert!(
        !h.mock
            .calls()
            .iter()
            .any(|c| c.op == Operation::StartBackupJob),
        "nothing was sent while refused"
    );
}

#[test]
fn esc_leaves_the_refusal() {
    let mut h = Harness::new();
    futures::executor::block_on(h.mock.update_region_settings(&SettingsRequest {
        region: "us-east-1".into(),
        opt_in: BTreeMap::from([("DynamoDB".to_string(), false)]),
        management: BTreeMap::new(),
    }))
    .expect("DynamoDB opted out");
    h.settle()
        .press("/")
        .type_text("orders")
        .press("enter")
        .press("b")
        .settle();
    h.assert_shows("DynamoDB is not opted in in us-east-1");
    h.press("esc");
    assert_eq!(h.app.crumbs(), vec!["Protected resources"]);
}

#[test]
fn read_only_shows_the_request_and_copies_it_but_cannot_start() {
    let mut h = backup_of(
        "orders",
        MockOptions {
            read_only: true,
            ..MockOptions::default()
        },
    );
    fill_orders_into_prod_daily(&mut h);
    h.press("enter")
        .assert_shows("Read-only session: nothing can be changed");
    h.press("c").settle();
    let copied = h.clipboard.last().cloned().unwrap_or_default();
    assert!(
        copied.starts_with("aws backup start-backup-job"),
        "{copied}"
    );
    assert!(
        !h.effects.iter().any(|e| matches!(e, Effect::Submit { .. })),
        "nothing was sent"
    );
}

#[test]
fn the_demo_refuses_a_backup_of_hk_vol_01_as_ebs_is_opted_out_in_hong_kong() {
    // Out of the box, without changing any setting: the demo's realistic refusal.
    let mut h = Harness::new();
    h.settle()
        .press(":")
        .type_text("region ap-east-1")
        .press("enter")
        .settle();
    h.press("/")
        .type_text("hk-vol-01")
        .press("enter")
        .press("b")
        .settle();
    h.assert_shows("EBS is not opted in in ap-east-1");
    assert!(
        !h.mock
            .calls()
            .iter()
            .any(|c| c.op == Operation::StartBackupJob),
        "nothing was sent"
    );
}

/// The longest backup question: a vault made on the way, named at length.
#[test]
fn a_backup_into_a_new_vault_asks_to_create_it_first() {
    let mut h = backup_of("orders", MockOptions::default());
    h.press("right")
        .press("down")
        .type_text("orders-on-demand-backups-before-migration")
        .press("enter");
    h.assert_shows("Start within (minutes)");
    h.type_text("120").press("down").type_text("600");
    h.press("down").press("down").type_text("35").press("enter");
    h.assert_shows("CreateBackupVault request");
    h.press("enter")
        .assert_shows("Create vault orders-on-demand-backups-before-migration");
    snap_dialog!(h, "backup_with_new_vault");
    h.press("n");
    assert!(
        h.mock
            .calls()
            .iter()
            .all(|c| c.op != Operation::CreateBackupVault)
    );
}
