//! Copy flows through the harness: open from a recovery point, choose a Region and vault (or
//! make one), role and lifecycle, review, confirm, send in order, land on the Copy jobs tab.

mod harness;

use backup_tui::backend::mock::{Fault, MockOptions, Operation};
use backup_tui::effect::Effect;
use harness::Harness;

/// Opens resource `name`'s recovery points (newest first) at `width`x`height`.
fn points_of(name: &str, options: MockOptions, width: u16, height: u16) -> Harness {
    let mut h = Harness::with(options, width, height);
    h.settle()
        .press("/")
        .type_text(name)
        .press("enter")
        .press("enter")
        .settle();
    h
}

/// The copy wizard on acme-media's newest COMPLETED snapshot (the second row), roles loaded.
fn acme_media_copy(options: MockOptions) -> Harness {
    let mut h = points_of("acme-media", options, 80, 24);
    h.press("j").press("c").settle();
    h.assert_shows("Copy S3 backup of acme-media");
    h
}

/// Destination: ca-central-1, a new vault `dr-copies`; lifecycle: expire after 120 days.
fn fill_new_vault_in_ca_central_expiring_after_120_days(h: &mut Harness) {
    h.press("enter")
        .type_text("ca-central")
        .press("enter")
        .settle();
    h.press("down").press("right"); // Vault: New vault
    h.press("down").type_text("dr-copies").press("enter");
    h.assert_shows("2 Role and lifecycle");
    h.press("down")
        .press("down")
        .type_text("120")
        .press("enter");
    h.assert_shows("1. CreateBackupVault request");
}

/// Scrolls the review down to the StartCopyJob request (below the fold at 80x24).
fn scroll_to_the_copy_request(h: &mut Harness) {
    for _ in 0..12 {
        h.press("j");
    }
    h.assert_shows("2. StartCopyJob request");
}

#[test]
fn copy_the_newest_acme_media_snapshot_to_a_new_vault_in_ca_central_1() {
    let mut h = acme_media_copy(MockOptions::default());
    fill_new_vault_in_ca_central_expiring_after_120_days(&mut h);
    scroll_to_the_copy_request(&mut h);
    h.press("c").settle();
    let copied = h.clipboard.last().cloned().unwrap_or_default();
    assert!(
        copied.contains("aws backup start-copy-job \\\n  --region us-east-1"),
        "the CLI commands of both requests are copied: {copied}"
    );
    h.press("enter")
        .assert_shows("Create vault dr-copies in ca-central-1");
    h.press("y").settle();

    let sent = h.mock.copy_requests();
    assert_eq!(sent.len(), 1, "one copy started");
    let copy = &sent[0];
    assert_eq!(copy.region, "us-east-1");
    assert!(
        copy.recovery_point_arn
            .starts_with("arn:aws:backup:us-east-1:123456789012:")
    );
    assert_eq!(copy.source_vault_name, "prod-daily");
    assert_eq!(
        copy.destination_vault_arn,
        "arn:aws:backup:ca-central-1:123456789012:backup-vault:dr-copies"
    );
    assert_eq!(
        copy.iam_role_arn,
        "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole"
    );
    assert_eq!(copy.lifecycle.and_then(|l| l.delete_after_days), Some(120));
    assert_eq!(
        copy.lifecycle
            .and_then(|l| l.move_to_cold_storage_after_days),
        None
    );
    // The vault was made first, in the destination Region, then the copy in the source's.
    let writes: Vec<(Operation, String)> = h
        .mock
        .calls()
        .into_iter()
        .filter(|c| matches!(c.op, Operation::CreateBackupVault | Operation::StartCopyJob))
        .map(|c| (c.op, c.region))
        .collect();
    assert_eq!(
        writes,
        vec![
            (Operation::CreateBackupVault, "ca-central-1".to_string()),
            (Operation::StartCopyJob, "us-east-1".to_string()),
        ]
    );
    // The app is on the Copy jobs tab of us-east-1, which lists the new job.
    assert_eq!(h.app.crumbs(), vec!["Jobs > Copy jobs"]);
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
            .any(|t| t.starts_with("Copy job ")
                && t.ends_with(" started: us-east-1 → ca-central-1.")),
        "{said:?}"
    );
    assert!(
        notice.starts_with("Copy job ") && notice.ends_with(" COMPLETED: copied to dr-copies"),
        "{notice}"
    );
    let screen = h.screen();
    let row = screen
        .lines()
        .find(|l| l.contains("prod-daily → ca-central-1/dr-copies"))
        .unwrap_or_else(|| panic!("the new copy job is listed:\n{screen}"));
    assert!(row.contains("acme-media"), "{row}");
}

#[test]
fn a_refused_copy_keeps_the_draft_and_the_retry_does_not_make_the_vault_twice() {
    let mut h = acme_media_copy(MockOptions::default());
    fill_new_vault_in_ca_central_expiring_after_120_days(&mut h);
    h.mock
        .fail_next(Operation::StartCopyJob, Fault::Throttled, 1);
    h.press("enter").press("y").settle();
    assert!(h.mock.copy_requests().is_empty(), "throttled");
    h.assert_shows("CreateBackupVault request (exactly what is sent) (done)");
    h.press("enter").press("y").settle();
    assert_eq!(h.mock.copy_requests().len(), 1, "the retry went through");
    let vaults_made = h
        .mock
        .calls()
        .iter()
        .filter(|c| c.op == Operation::CreateBackupVault)
        .count();
    assert_eq!(
        vaults_made, 1,
        "the accepted vault request was not sent again"
    );
    assert_eq!(h.app.crumbs(), vec!["Jobs > Copy jobs"]);
}

/// The screen's text without borders and white space (a wrapped message reads the same).
fn flat(screen: &str) -> String {
    screen
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '│')
        .collect()
}

#[test]
fn a_refusal_is_shown_whole_on_the_review_until_the_retry_is_accepted() {
    let mut h = acme_media_copy(MockOptions::default());
    fill_new_vault_in_ca_central_expiring_after_120_days(&mut h);
    h.mock
        .fail_next(Operation::StartCopyJob, Fault::AccessDenied, 1);
    h.press("enter").press("y").settle();
    let screen = h.screen();
    insta::assert_snapshot!("copy_refused_whole_80x24", screen);
    let text = flat(&screen);
    assert!(
        text.contains(
            "Accessdenied:User:arn:aws:iam::123456789012:user/demoisnotauthorizedtoperform:backup:StartCopyJob"
        ),
        "{screen}"
    );
    assert!(
        text.contains("backup:StartCopyJob.YourIAMidentitylackspermission"),
        "{screen}"
    );
    assert!(text.contains("askforit,orswitchprofile."), "{screen}");
    assert!(
        text.contains("AccessDeniedExceptionrequestidd3m0d3m0-0000-4000-8000-000000000001"),
        "{screen}"
    );
    // The retry is accepted: the refusal goes with it.
    h.press("enter").press("y").settle();
    assert_eq!(h.mock.copy_requests().len(), 1);
    assert_eq!(h.app.crumbs(), vec!["Jobs > Copy jobs"]);
}

#[test]
fn a_refusal_is_cleared_once_the_draft_it_was_about_changes() {
    let mut h = acme_media_copy(MockOptions::default());
    fill_new_vault_in_ca_central_expiring_after_120_days(&mut h);
    h.mock
        .fail_next(Operation::StartCopyJob, Fault::AccessDenied, 1);
    h.press("enter").press("y").settle();
    h.assert_shows("AccessDeniedException");
    // Back on the review without a change: still said.
    h.press("esc").press("enter");
    h.assert_shows("AccessDeniedException");
    // The expiry changed from 120 to 1200 days: the draft is not the refused one any more.
    h.press("esc")
        .press("down")
        .press("down")
        .type_text("0")
        .press("enter");
    h.assert_shows("1. CreateBackupVault request");
    h.assert_not_shows("AccessDeniedException")
        .assert_not_shows("is not authorized");
}

#[test]
fn copy_wizard_steps_at_80x24() {
    let mut h = points_of("acme-media", MockOptions::default(), 80, 24);
    h.press("j").press("enter");
    insta::assert_snapshot!("copy_actions_menu_80x24", h.screen());
    h.press("j").press("j").press("enter");
    insta::assert_snapshot!("copy_loading_80x24", h.screen());
    h.settle();
    insta::assert_snapshot!("copy_destination_80x24", h.screen());
    h.press("enter").type_text("ca-c");
    insta::assert_snapshot!("copy_region_picker_80x24", h.screen());
    h.press("enter");
    insta::assert_snapshot!("copy_vaults_loading_80x24", h.screen());
    h.settle().press("down").press("right").press("down");
    h.type_text("dr copies");
    insta::assert_snapshot!("copy_new_vault_error_80x24", h.screen());
    h.press("ctrl-u").type_text("dr-copies").press("enter");
    insta::assert_snapshot!("copy_role_lifecycle_80x24", h.screen());
    h.press("down")
        .type_text("30")
        .press("down")
        .type_text("100");
    insta::assert_snapshot!("copy_lifecycle_error_80x24", h.screen());
    h.press("up").press("ctrl-u").press("down").press("ctrl-u");
    h.type_text("120").press("enter");
    insta::assert_snapshot!("copy_review_80x24", h.screen());
    h.press("enter");
    insta::assert_snapshot!("copy_confirm_80x24", h.screen());
    h.assert_shows("Create vault dr-copies");
    snap_dialog!(h, "copy_with_new_vault");
}

#[test]
fn an_existing_vault_in_another_region_is_listed_once_the_region_is_chosen() {
    let mut h = acme_media_copy(MockOptions::default());
    h.press("enter").type_text("us-west-2").press("enter");
    h.assert_shows("Loading the vaults of us-west-2...");
    h.settle();
    let listed = h
        .mock
        .calls()
        .iter()
        .filter(|c| c.op == Operation::ListBackupVaults && c.region == "us-west-2")
        .count();
    assert_eq!(
        listed, 1,
        "the vaults of the chosen Region were listed once"
    );
    h.press("down").press("down").press("enter");
    h.assert_shows("Choose (type to filter");
    h.press("enter").press("enter");
    h.assert_shows("2 Role and lifecycle");
    h.press("enter").assert_shows("StartCopyJob request");
    h.assert_shows("Lifecycle      Never expires");
    h.assert_not_shows("CreateBackupVault request");
    h.assert_shows("\"DestinationBackupVaultArn\": \"arn:aws:backup:us-west-2:123456789012:backup");
}

#[test]
fn a_cold_recovery_point_says_why_it_cannot_be_copied() {
    let mut h = points_of("shared-home", MockOptions::default(), 80, 24);
    h.press("j").press("c");
    h.assert_shows("Recovery points in cold storage cannot be copied");
    assert_eq!(h.app.crumbs(), vec!["Protected resources", "shared-home"]);
}

#[test]
fn a_continuous_backup_says_on_demand_copies_are_not_supported() {
    let mut h = points_of("acme-media", MockOptions::default(), 120, 30);
    h.press("/").type_text("Continuous").press("enter");
    h.press("c");
    h.assert_shows("AWS Backup does not support on-demand copies of continuous backups");
    assert_eq!(h.app.crumbs(), vec!["Protected resources", "acme-media"]);
}

#[test]
fn the_recovery_point_page_opens_the_copy_wizard_with_c() {
    let mut h = points_of("acme-media", MockOptions::default(), 80, 24);
    h.press("j").press("enter").press("enter").settle();
    h.assert_shows("c copy");
    h.press("c").settle();
    h.assert_shows("Copy S3 backup of acme-media");
}

#[test]
fn a_dynamodb_backup_not_managed_by_aws_backup_cannot_leave_its_region() {
    let mut h = points_of("sessions", MockOptions::default(), 100, 30);
    h.press("c").settle();
    h.assert_shows("This DynamoDB backup is not managed by AWS Backup");
    h.press("enter").type_text("ca-central-1").press("enter");
    h.assert_shows("! This DynamoDB backup is not managed by AWS Backup, so it cannot be");
    h.assert_not_shows("Loading the vaults of ca-central-1");
}

#[test]
fn read_only_shows_the_requests_and_copies_them_but_cannot_start() {
    let mut h = acme_media_copy(MockOptions {
        read_only: true,
        ..MockOptions::default()
    });
    fill_new_vault_in_ca_central_expiring_after_120_days(&mut h);
    h.press("enter")
        .assert_shows("Read-only session: nothing can be changed")
        .assert_not_shows("start this copy job");
    h.press("c").settle();
    let copied = h.clipboard.last().cloned().unwrap_or_default();
    assert!(
        copied.starts_with("aws backup create-backup-vault")
            && copied.contains("aws backup start-copy-job"),
        "{copied}"
    );
    assert!(h.mock.copy_requests().is_empty());
    assert!(
        !h.effects.iter().any(|e| matches!(e, Effect::Submit { .. })),
        "nothing was sent"
    );
}

#[test]
fn roles_that_cannot_be_listed_leave_the_default_role_and_a_typed_arn() {
    let mut h = points_of("acme-media", MockOptions::default(), 100, 30);
    h.mock
        .fail_next(Operation::ListRoles, Fault::AccessDenied, 1);
    h.press("j").press("c").settle();
    h.assert_shows("IAM roles could not be listed (")
        .assert_shows("use the default role or enter a role ARN.")
        .assert_shows("Copy S3 backup of acme-media");
}
