//! Tests of the Batch Replication wizard: the CreateJob request field by field for each path,
//! and the rules it checks before anything is sent.

use super::*;
use crate::domain::replication::ReplicationRule;
use crate::wizard::parts::{ENTER_ROLE, ROLE_ARN, ROLE_PICK};

const REGION: &str = "eu-central-1";
const ROLE: &str = "arn:aws:iam::123456789012:role/S3BatchReplication";
const KEY: &str = "arn:aws:kms:eu-central-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

fn bucket(name: &str, region: &str) -> Bucket {
    Bucket {
        name: name.into(),
        region: region.into(),
        versioning: true,
        acls_enabled: false,
        replication: None,
        objects: None,
    }
}

/// Buckets: 0 finance-source, 1 finance-manifests (same Region), 2 reports-west (us-west-2).
fn wizard(source: &str, with_rule: bool) -> BatchWizard {
    let mut w = BatchWizard::new(BatchContext {
        region: REGION.into(),
        account_id: "123456789012".into(),
        source_bucket: source.into(),
        client_request_token: "batch-token-1".into(),
    });
    let buckets = vec![
        bucket("finance-source", REGION),
        bucket("finance-manifests", REGION),
        bucket("reports-west", "us-west-2"),
    ];
    w.supply(
        &Query::Buckets {
            region: REGION.into(),
        },
        Ok(Loaded::Buckets(buckets)),
        true,
    );
    let roles = vec![IamRole {
        name: "S3BatchReplication".into(),
        arn: ROLE.into(),
    }];
    w.supply(&Query::IamRoles, Ok(Loaded::IamRoles(roles)), true);
    if !source.is_empty() {
        supply_replication(&mut w, source, with_rule);
    }
    w
}

fn supply_replication(w: &mut BatchWizard, source: &str, with_rule: bool) {
    let config = with_rule.then(|| {
        Box::new(ReplicationConfig {
            role_arn: "arn:aws:iam::123456789012:role/replication".into(),
            rules: vec![ReplicationRule {
                id: "finance".into(),
                enabled: true,
                ..ReplicationRule::default()
            }],
        })
    });
    let query = Query::BucketReplication {
        region: REGION.into(),
        bucket: source.into(),
    };
    w.supply(&query, Ok(Loaded::Replication(config)), true);
}

fn text(w: &mut BatchWizard, id: FieldId, value: &str) {
    w.input(id, Input::Text(value.into()));
}

fn choose(w: &mut BatchWizard, id: FieldId, i: usize) {
    w.input(id, Input::Choose(i));
}

/// The error shown under field `id` now.
fn error(w: &BatchWizard, id: FieldId) -> Option<String> {
    w.items()
        .iter()
        .filter_map(Item::field)
        .find(|f| f.id == id)
        .and_then(|f| f.error.clone())
}

/// Options step with the role picked; report to finance-manifests unless `report` says.
fn finish(w: &mut BatchWizard, report: usize) {
    assert!(w.next(), "manifest: {:?}", w.items());
    choose(w, SCOPE, report);
    if report != NO_REPORT {
        choose(w, REPORT_BUCKET, 1);
        text(w, REPORT_PREFIX, "reports");
    }
    assert!(w.next(), "report: {:?}", w.items());
    choose(w, ROLE_PICK, 0);
    assert!(w.next(), "options: {:?}", w.items());
}

fn body(w: &BatchWizard) -> serde_json::Value {
    let request = w.request().expect("a complete request");
    serde_json::from_str(&request.api_json()).expect("JSON")
}

#[test]
fn a_generated_manifest_with_status_filters_saved_with_sse_kms() {
    let mut w = wizard("finance-source", true);
    text(&mut w, AFTER, "2026-01-01");
    text(&mut w, BEFORE, "2026-06-30");
    choose(&mut w, STATUSES[0].0, 1);
    choose(&mut w, STATUSES[1].0, 1);
    choose(&mut w, SAVE, 1);
    choose(&mut w, OUT_BUCKET, 1);
    text(&mut w, OUT_PREFIX, "manifests");
    choose(&mut w, OUT_ENCRYPTION, SSE_KMS);
    text(&mut w, OUT_KEY, KEY);
    finish(&mut w, 0);
    let b = body(&w);
    assert_eq!(b["AccountId"], "123456789012");
    assert_eq!(b["ConfirmationRequired"], true);
    assert_eq!(b["ClientRequestToken"], "batch-token-1");
    assert_eq!(b["Operation"], serde_json::json!({"S3ReplicateObject": {}}));
    let g = &b["ManifestGenerator"]["S3JobManifestGenerator"];
    assert_eq!(g["SourceBucket"], "arn:aws:s3:::finance-source");
    assert_eq!(g["EnableManifestOutput"], true);
    let out = &g["ManifestOutputLocation"];
    assert_eq!(out["Bucket"], "arn:aws:s3:::finance-manifests");
    assert_eq!(out["ManifestPrefix"], "manifests");
    assert_eq!(out["ManifestFormat"], "S3InventoryReport_CSV_20211130");
    assert_eq!(
        out["ManifestEncryption"],
        serde_json::json!({"SSEKMS": {"KeyId": KEY}})
    );
    assert_eq!(g["Filter"]["CreatedAfter"], "2026-01-01T00:00:00Z");
    assert_eq!(g["Filter"]["CreatedBefore"], "2026-06-30T00:00:00Z");
    assert_eq!(
        g["Filter"]["ObjectReplicationStatuses"],
        serde_json::json!(["NONE", "FAILED"])
    );
    assert_eq!(g["Filter"]["EligibleForReplication"], true);
    assert_eq!(b["Report"]["Bucket"], "arn:aws:s3:::finance-manifests");
    assert_eq!(b["Report"]["Prefix"], "reports");
    assert_eq!(b["Report"]["ReportScope"], "AllTasks");
    assert_eq!(
        b["Description"],
        "Replicate existing objects of finance-source"
    );
    assert_eq!(b["Priority"], 10);
    assert_eq!(b["RoleArn"], ROLE);
    assert!(b.get("Manifest").is_none());
    let requests = w.requests().unwrap();
    assert!(matches!(
        requests.as_slice(),
        [WriteRequest::CreateBatchJob(_)]
    ));
}

#[test]
fn an_existing_csv_manifest_with_a_failed_only_report_that_runs_when_ready() {
    let mut w = wizard("finance-source", true);
    choose(&mut w, KIND, 1);
    text(
        &mut w,
        OBJECT_ARN,
        "arn:aws:s3:::finance-manifests/list.csv",
    );
    text(&mut w, ETAG, "\"60e460c9d1046e73f7dde5043ac3ae85\"");
    assert!(w.next());
    choose(&mut w, SCOPE, 1);
    choose(&mut w, REPORT_BUCKET, 2);
    assert!(w.next(), "a report may go to another Region");
    choose(&mut w, ROLE_PICK, 0);
    text(&mut w, DESCRIPTION, "Backfill");
    text(&mut w, PRIORITY, "2147483647");
    text(&mut w, TAGS, "team=finance");
    choose(&mut w, RUN, 1);
    assert!(w.next());
    let b = body(&w);
    assert_eq!(b["ConfirmationRequired"], false);
    let m = &b["Manifest"];
    assert_eq!(m["Spec"]["Format"], "S3BatchOperations_CSV_20180820");
    assert_eq!(
        m["Location"]["ObjectArn"],
        "arn:aws:s3:::finance-manifests/list.csv"
    );
    assert_eq!(m["Location"]["ETag"], "60e460c9d1046e73f7dde5043ac3ae85");
    assert!(b.get("ManifestGenerator").is_none());
    assert_eq!(b["Report"]["ReportScope"], "FailedTasksOnly");
    assert_eq!(b["Report"]["Bucket"], "arn:aws:s3:::reports-west");
    assert_eq!(b["Description"], "Backfill");
    assert_eq!(b["Priority"], i32::MAX);
    assert_eq!(
        b["Tags"],
        serde_json::json!([{"Key": "team", "Value": "finance"}])
    );
    let after = w.after("job-42");
    assert!(matches!(
        after,
        Some(After::Job {
            section: Section::Batch,
            job: Followed {
                kind: JobKind::Batch,
                ..
            },
            ..
        })
    ));
}

#[test]
fn no_report_warns_and_sends_a_disabled_report() {
    let mut w = wizard("finance-source", true);
    assert!(w.next());
    choose(&mut w, SCOPE, NO_REPORT);
    let warned = w.items().iter().any(
        |i| matches!(i, Item::Note { text, .. } if text.starts_with("Without a completion report")),
    );
    assert!(warned, "{:?}", w.items());
    assert!(w.next());
    choose(&mut w, ROLE_PICK, 0);
    assert!(w.next());
    let b = body(&w);
    assert_eq!(b["Report"], serde_json::json!({"Enabled": false}));
    assert_eq!(
        b["ManifestGenerator"]["S3JobManifestGenerator"]["EnableManifestOutput"],
        false
    );
}

#[test]
fn confirmation_required_waits_and_says_how_to_confirm() {
    let mut w = wizard("finance-source", true);
    finish(&mut w, 0);
    assert_eq!(body(&w)["ConfirmationRequired"], true);
    let Some(After::Job { notice, .. }) = w.after("job-7") else {
        panic!("goes to :batch");
    };
    // Not "confirm now": the job may still fail while S3 prepares it.
    assert_eq!(
        notice,
        "Batch job job-7 created; you are told when it awaits confirmation."
    );
    // A real job id is a UUID: its first block keeps the notice within 80 columns.
    let Some(After::Job { notice, .. }) = w.after("4e1ebead-1533-2158-c17c-7adfc2aa2a34") else {
        panic!("goes to :batch");
    };
    assert_eq!(
        notice,
        "Batch job 4e1ebead created; you are told when it awaits confirmation."
    );
    assert!(
        w.request()
            .unwrap()
            .cli_command()
            .contains("--confirmation-required")
    );
}

#[test]
fn a_source_without_replication_rules_is_refused() {
    let mut w = wizard("finance-source", false);
    assert!(!w.next());
    let message = error(&w, KIND).expect("refused on the manifest step");
    assert!(
        message.contains("add a replication rule first"),
        "{message}"
    );
    assert!(
        w.request()
            .unwrap_err()
            .starts_with("Manifest: finance-source has no replication")
    );
}

#[test]
fn the_source_step_loads_the_chosen_buckets_replication() {
    let mut w = wizard("", true);
    assert_eq!(w.steps(), STEPS_WITH_SOURCE.to_vec());
    assert!(!w.next());
    assert_eq!(
        error(&w, SOURCE_PICK).as_deref(),
        Some("Choose the source bucket.")
    );
    choose(&mut w, SOURCE_PICK, 0);
    let wanted = Query::BucketReplication {
        region: REGION.into(),
        bucket: "finance-source".into(),
    };
    assert!(w.wanted().contains(&wanted));
    assert!(!w.next(), "not before the configuration is read");
    supply_replication(&mut w, "finance-source", true);
    assert!(w.next());
    assert_eq!(w.title(), "Batch Replication job for finance-source");
}

#[test]
fn a_manifest_bucket_in_another_region_and_bad_dates_are_refused() {
    let mut w = wizard("finance-source", true);
    choose(&mut w, SAVE, 1);
    choose(&mut w, OUT_BUCKET, 2);
    assert_eq!(
        error(&w, OUT_BUCKET).as_deref(),
        Some(
            "reports-west is in us-west-2: a generated manifest must be stored in the same \
             Region as the source bucket (eu-central-1)."
        )
    );
    text(&mut w, AFTER, "2026-03-01");
    text(&mut w, BEFORE, "2026-01-01");
    assert!(!w.next());
    assert!(
        error(&w, AFTER)
            .unwrap()
            .contains("must be before Created before")
    );
    assert_eq!(
        error(&w, OUT_BUCKET).as_deref(),
        Some("Choose where to save the manifest.")
    );
}

#[test]
fn options_are_checked() {
    let mut w = wizard("finance-source", true);
    assert!(w.next());
    choose(&mut w, SCOPE, NO_REPORT);
    assert!(w.next());
    text(&mut w, DESCRIPTION, "");
    text(&mut w, PRIORITY, "-3");
    assert!(!w.next());
    assert!(
        error(&w, DESCRIPTION)
            .unwrap()
            .starts_with("Enter a description")
    );
    assert!(
        error(&w, PRIORITY)
            .unwrap()
            .starts_with("Priority is a whole number")
    );
    assert_eq!(error(&w, ROLE_PICK).as_deref(), Some("Choose an IAM role."));
}

#[test]
fn aws_backups_default_role_is_refused() {
    let mut w = wizard("finance-source", true);
    assert!(w.next());
    choose(&mut w, SCOPE, NO_REPORT);
    assert!(w.next());
    choose(&mut w, ROLE_CHOICE, 0);
    assert!(!w.next(), "the default role is refused on Next");
    assert_eq!(
        error(&w, ROLE_CHOICE).as_deref(),
        Some(
            "S3 Batch Operations cannot assume AWS Backup's default role: choose or enter a \
             role that trusts batchoperations.s3.amazonaws.com."
        )
    );
    // Typed by hand, it is the same role.
    choose(&mut w, ROLE_CHOICE, ENTER_ROLE);
    text(&mut w, ROLE_ARN, &default_role_arn("123456789012"));
    assert!(!w.next());
    assert!(error(&w, ROLE_CHOICE).is_some());
    text(&mut w, ROLE_ARN, ROLE);
    assert!(w.next(), "another role goes on: {:?}", w.items());
}
