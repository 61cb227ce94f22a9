//! Settings (service opt-in) through the harness: the Region's switches at 80x24, a change
//! confirmed with its exact request and read back, read-only and refused changes, and the
//! protected resources' type filter warning about a type that is not opted in.

mod harness;

use backup_tui::backend::mock::{Fault, MockOptions, Operation};
use backup_tui::domain::WriteRequest;
use backup_tui::effect::Effect;
use harness::Harness;

/// The Settings screen of us-east-1, loaded.
fn settings(options: MockOptions) -> Harness {
    let mut h = Harness::with(options, 80, 24);
    h.settle()
        .press(":")
        .type_text("settings")
        .press("enter")
        .settle();
    h.assert_shows("Service opt-in in us-east-1 (19)");
    h
}

/// Filters the switches down to `text` (the first match is selected).
fn select(h: &mut Harness, text: &str) {
    h.press("/").type_text(text).press("enter");
}

/// The UpdateRegionSettings requests the app asked to send.
fn updates(h: &Harness) -> Vec<String> {
    h.effects
        .iter()
        .filter_map(|e| match e {
            Effect::Submit { request, .. } => match request.as_ref() {
                WriteRequest::UpdateRegionSettings(r) => Some(r.api_json()),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// The row of the table that starts with `resource_type` and names `setting`.
fn row(h: &mut Harness, resource_type: &str, setting: &str) -> String {
    let screen = h.screen();
    screen
        .lines()
        .find(|l| l.starts_with(&format!("│{resource_type} ")) && l.contains(setting))
        .unwrap_or_else(|| panic!("no {resource_type} {setting} row:\n{screen}"))
        .to_string()
}

#[test]
fn every_switch_of_the_region_and_a_confirmation_at_80x24() {
    let mut h = settings(MockOptions::default());
    insta::assert_snapshot!("settings_80x24", h.screen());
    select(&mut h, "EFS");
    h.press("space");
    insta::assert_snapshot!("settings_confirm_80x24", h.screen());
    snap_dialog!(h, "settings_opt_out");
}

#[test]
fn a_toggle_shows_the_request_sends_it_once_on_y_and_reads_the_change_back() {
    let mut h = settings(MockOptions::default());
    select(&mut h, "EFS");
    assert!(row(&mut h, "EFS", "Opt-in").contains("Enabled"));
    h.press("space")
        .assert_shows("Turn off opt-in for EFS in us-east-1?")
        .assert_shows("\"EFS\": false")
        .assert_shows("--resource-type-opt-in-preference '{\"EFS\":false}'");
    // n (the default) sends nothing.
    h.press("n").settle();
    assert!(updates(&h).is_empty());
    h.assert_not_shows("Turn off opt-in");

    h.press("enter").press("y");
    // A second toggle while the first is under way is not sent.
    h.press("space")
        .assert_shows("The last change is still being sent");
    h.assert_not_shows("Confirm");
    h.settle();
    let sent = updates(&h);
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert!(sent[0].contains("\"EFS\": false") && !sent[0].contains("Management"));
    let writes = h
        .mock
        .calls()
        .iter()
        .filter(|c| c.op == Operation::UpdateRegionSettings)
        .count();
    assert_eq!(writes, 1);
    // The settings were read again and the row shows the new state.
    h.assert_shows("EFS opt-in: now Disabled in us-east-1.");
    assert!(row(&mut h, "EFS", "Opt-in").contains("Disabled"));
    assert!(row(&mut h, "EFS", "Full AWS Backup management").contains("On"));
}

#[test]
fn dynamodb_advanced_features_change_the_management_preference_only() {
    let mut h = settings(MockOptions::default());
    select(&mut h, "Advanced");
    assert!(row(&mut h, "DynamoDB", "Advanced features").contains("On"));
    h.press("enter")
        .assert_shows("Turn off advanced features of DynamoDB in us-east-1?")
        .assert_shows("\"ResourceTypeManagementPreference\": {")
        .assert_shows("--resource-type-management-preference '{\"DynamoDB\":false}'")
        .assert_not_shows("ResourceTypeOptInPreference");
    h.press("y").settle();
    h.assert_shows("DynamoDB advanced features: now Off in us-east-1.");
}

#[test]
fn opt_in_is_per_region() {
    let mut h = settings(MockOptions::default());
    h.assert_shows("Opt-in is per Region: these apply to us-east-1 only");
    select(&mut h, "EFS");
    h.press("space").press("y").settle();
    h.press(":")
        .type_text("region us-west-2")
        .press("enter")
        .settle();
    h.assert_shows("Service opt-in in us-west-2 (19)")
        .assert_shows("these apply to us-west-2 only");
    assert!(row(&mut h, "EFS", "Opt-in").contains("Enabled"));
}

#[test]
fn read_only_says_nothing_can_be_changed_and_sends_nothing() {
    let mut h = settings(MockOptions {
        read_only: true,
        ..MockOptions::default()
    });
    h.assert_shows("Read-only session (--read-only): these settings can be viewed, not changed.");
    h.press("space")
        .assert_shows("Read-only session (--read-only): settings cannot be changed.")
        .assert_not_shows("Confirm");
    h.settle();
    assert!(updates(&h).is_empty());
}

#[test]
fn a_refused_change_says_why_and_keeps_the_setting() {
    let mut h = settings(MockOptions::default());
    h.mock
        .fail_next(Operation::UpdateRegionSettings, Fault::AccessDenied, 1);
    select(&mut h, "EFS");
    h.press("space").press("y").settle();
    h.assert_shows("EFS opt-in was not changed:")
        .assert_shows("not authorized");
    assert!(row(&mut h, "EFS", "Opt-in").contains("Enabled"));
}

#[test]
fn the_type_filter_warns_about_a_type_that_is_not_opted_in() {
    let mut h = settings(MockOptions::default());
    select(&mut h, "EFS");
    h.press("space").press("y").settle();
    h.press(":").type_text("resources").press("enter").settle();
    // S3, DynamoDB, EC2, EBS, EFS.
    for _ in 0..4 {
        h.press("t");
    }
    h.settle().assert_not_shows("not opted in");
    h.press("t")
        .assert_shows("[type EFS]")
        .assert_shows("EFS is not opted in in us-east-1: AWS Backup will not back it up here")
        .assert_shows("to change).");
    insta::assert_snapshot!("resources_type_not_opted_in_80x24", h.screen());
    h.press("t")
        .assert_shows("[type RDS]")
        .assert_not_shows("not opted in");
    let reads = h
        .mock
        .calls()
        .iter()
        .filter(|c| c.op == Operation::DescribeRegionSettings)
        .count();
    assert_eq!(
        reads, 3,
        "settings screen, its re-read, then once for the filter"
    );
}

#[test]
fn help_lists_the_toggle_and_the_palette_commands_of_both_screens() {
    let mut h = settings(MockOptions::default());
    h.press("?")
        .assert_shows("space enter  turn the selected setting on or off");
    for _ in 0..12 {
        h.press("j");
    }
    h.assert_shows(":copy-jobs (cj)  Copy jobs")
        .assert_shows(":settings (opt-in, optin, services)  Service opt-in of the Region");
}

#[test]
fn unreadable_opt_in_gives_no_warning_until_a_reload_reads_it() {
    let mut h = settings(MockOptions::default());
    select(&mut h, "EFS");
    h.press("space").press("y").settle();
    h.mock
        .fail_next(Operation::DescribeRegionSettings, Fault::AccessDenied, 1);
    h.press(":").type_text("resources").press("enter").settle();
    for _ in 0..5 {
        h.press("t");
    }
    h.settle()
        .assert_shows("[type EFS]")
        .assert_not_shows("not opted in");
    h.press("r")
        .settle()
        .assert_shows("EFS is not opted in in us-east-1");
}
