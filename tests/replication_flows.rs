//! S3 buckets and replication flows through the harness at 80x24: the Buckets screen, creating
//! a bucket, enabling versioning, a bucket's page and the replication rule wizard.

mod harness;

use backup_tui::domain::WriteRequest;
use backup_tui::effect::Effect;
use harness::Harness;

/// The buckets of us-east-1, loaded.
fn buckets() -> Harness {
    let mut h = Harness::new();
    h.settle()
        .press(":")
        .type_text("buckets")
        .press("enter")
        .settle();
    h
}

/// Selects the bucket named `name` with the filter.
fn select(h: &mut Harness, name: &str) {
    h.press("/").type_text(name).press("enter").settle();
}

/// Every change the app sent, in order.
fn sent(h: &Harness) -> Vec<WriteRequest> {
    h.effects
        .iter()
        .filter_map(|e| match e {
            Effect::Submit { request, .. } => Some(request.as_ref().clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_buckets_screen_fits_80_columns() {
    let mut h = buckets();
    h.assert_shows("Replication").assert_shows("acme-media");
    insta::assert_snapshot!("buckets_list_80x24", h.screen());
}

#[test]
fn creating_a_bucket_sends_create_then_versioning() {
    let mut h = buckets();
    h.press("n").settle();
    h.assert_shows("Create S3 bucket");
    insta::assert_snapshot!("create_bucket_80x24", h.screen());
    h.type_text("Finance");
    h.assert_shows("Bucket names use only lowercase letters");
    for _ in 0..7 {
        h.press("backspace");
    }
    h.type_text("finance-replica").press("enter").settle();
    insta::assert_snapshot!("create_bucket_review_80x24", h.screen());
    h.press("enter");
    snap_dialog!(h, "create_bucket");
    h.press("y").settle();
    let sent = sent(&h);
    let ops: Vec<&str> = sent.iter().map(WriteRequest::operation).collect();
    assert_eq!(ops, ["CreateBucket", "PutBucketVersioning"]);
    assert!(sent.iter().all(|r| r.region() == "us-east-1"));
}

#[test]
fn a_bucket_made_in_another_region_leaves_the_session_in_its_region_and_says_so() {
    let mut h = buckets();
    h.press("n").settle();
    h.type_text("finance-replica").press("down").press("space");
    h.assert_shows("Choose (type to filter");
    h.type_text("eu-west-1")
        .press("enter")
        .press("enter")
        .settle();
    h.assert_shows("1. CreateBucket request");
    h.press("enter").press("y").settle();
    let sent = sent(&h);
    assert_eq!(sent.len(), 2, "{sent:?}");
    assert!(
        sent.iter().all(|r| r.region() == "eu-west-1"),
        "the bucket is made where it was asked for: {sent:?}"
    );
    // The session did not move: same Region in the app, the header and the list's title.
    assert_eq!(h.app.region, "us-east-1");
    let screen = h.screen();
    let header = screen.lines().next().unwrap_or_default();
    assert!(header.contains("us-east-1"), "{header}");
    h.assert_shows("S3 buckets in us-east-1");
    h.assert_shows("Bucket finance-replica created in eu-west-1; still in us-east-1.");
    h.assert_not_shows("Switched to");
}

#[test]
fn versioning_is_enabled_after_its_review_and_refused_when_on() {
    let mut h = buckets();
    select(&mut h, "acme-media");
    h.press("v").settle();
    h.assert_shows("Versioning is already enabled on acme-media.");
    assert!(sent(&h).is_empty());

    let mut h = buckets();
    select(&mut h, "acme-static-site");
    h.press("v").settle();
    h.assert_shows("Enable versioning on acme-static-site");
    insta::assert_snapshot!("enable_versioning_80x24", h.screen());
    h.press("enter");
    snap_dialog!(h, "enable_versioning");
    h.press("y").settle();
    let sent = sent(&h);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].operation(), "PutBucketVersioning");
}

#[test]
fn a_bucket_page_and_every_step_of_the_rule_wizard() {
    let mut h = buckets();
    select(&mut h, "acme-media");
    h.press("enter").settle();
    h.assert_shows("S3 bucket acme-media");
    insta::assert_snapshot!("bucket_page_80x24", h.screen());
    h.press("n").settle();
    h.assert_shows("Add a replication rule to acme-media");
    insta::assert_snapshot!("rule_wizard_rule_80x24", h.screen());
    h.type_text("media-to-west").press("enter").settle();
    insta::assert_snapshot!("rule_wizard_destination_80x24", h.screen());
    // Destination: us-west-2's versioned acme-dr-west, with the replication role.
    h.press("space")
        .type_text("us-west-2")
        .press("enter")
        .settle();
    h.assert_shows("Cross-Region Replication (CRR)");
    h.press("down").press("down").press("enter");
    h.type_text("acme-dr-west").press("enter");
    h.press("down").press("down").press("enter");
    h.type_text("s3-replication").press("enter");
    h.press("enter").settle();
    h.assert_shows("Replication Time Control");
    // Time Control without metrics is refused on the step, with the reason.
    h.press("down").press("down").press("right").press("enter");
    h.assert_shows("needs metrics");
    insta::assert_snapshot!("rule_wizard_options_80x24", h.screen());
    // The cursor is on the field to fix; metrics are the next one.
    h.press("down").press("right").press("enter").settle();
    h.assert_shows("PutBucketReplication request");
    insta::assert_snapshot!("rule_wizard_review_80x24", h.screen());
    h.press("enter");
    h.assert_shows("y save rule");
    snap_dialog!(h, "replace_replication");
    h.press("y").settle();
    h.assert_shows("Rule media-to-west saved on acme-media");
    let row = h
        .screen()
        .lines()
        .find(|l| l.contains("acme-media"))
        .map(str::to_string)
        .unwrap_or_default();
    assert!(row.contains("1 rule, 1 on"), "{row}");
}
