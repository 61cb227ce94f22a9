use super::*;
use crate::backend::ErrorKind;
use crate::backend::mock::fixtures::{REPLICATION_ROLE, seed};
use crate::domain::replication::ReplicationRule;

fn bucket(region: &str, name: &str) -> BucketRequest {
    BucketRequest {
        region: region.into(),
        name: name.into(),
    }
}

fn versioning(region: &str, name: &str) -> VersioningRequest {
    VersioningRequest {
        region: region.into(),
        bucket: name.into(),
    }
}

/// The tutorial's rule: `Finance/` of acme-finance-eu to `destination`.
fn finance(destination: &str) -> ReplicationRequest {
    ReplicationRequest {
        region: "eu-central-1".into(),
        bucket: "acme-finance-eu".into(),
        config: ReplicationConfig {
            role_arn: REPLICATION_ROLE.into(),
            rules: vec![ReplicationRule {
                id: "finance".into(),
                enabled: true,
                priority: 1,
                filter: ReplicationFilter {
                    prefix: "Finance/".into(),
                    tags: vec![],
                },
                destination_bucket: destination.into(),
                destination_region: "us-west-2".into(),
                ..ReplicationRule::default()
            }],
        },
    }
}

/// The seed account with the tutorial's two versioned buckets.
fn ready() -> Account {
    let mut a = seed(0);
    create_bucket(&mut a, &bucket("us-west-2", "acme-finance-replica")).unwrap();
    enable_versioning(&mut a, &versioning("us-west-2", "acme-finance-replica")).unwrap();
    enable_versioning(&mut a, &versioning("eu-central-1", "acme-finance-eu")).unwrap();
    a
}

fn refused(a: &mut Account, req: &ReplicationRequest) -> String {
    let err = put_replication(a, req).unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidInput);
    err.message
}

#[test]
fn the_seed_lists_object_counts_and_the_configured_bucket_summary() {
    let a = seed(0);
    let listed = |region: &str, name: &str| {
        let b = a
            .region(region)
            .buckets
            .iter()
            .find(|b| b.name == name)
            .unwrap();
        listed(&a, b)
    };
    let finance = listed("eu-central-1", "acme-finance-eu");
    assert_eq!((finance.objects, finance.versioning), (Some(12), false));
    assert_eq!(finance.replication, Some(ReplicationSummary::default()));
    let logs = listed("us-east-1", "acme-logs");
    assert_eq!(
        logs.replication,
        Some(ReplicationSummary {
            rules: 1,
            enabled: 1
        })
    );
    // Only the two objects written after the rule were replicated.
    let statuses: Vec<_> = a.s3.objects["acme-logs"].iter().map(|o| o.status).collect();
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == ObjectStatus::None)
            .count(),
        4
    );
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == ObjectStatus::Completed)
            .count(),
        2
    );
    let replicas = a.s3.objects["acme-dr-west"]
        .iter()
        .filter(|o| o.status == ObjectStatus::Replica)
        .count();
    assert_eq!(replicas, 2);
}

#[test]
fn bucket_names_follow_s3s_rules_and_are_global() {
    let mut a = seed(0);
    let err = create_bucket(&mut a, &bucket("us-west-2", "Bad_Name")).unwrap_err();
    assert!(
        err.message
            .starts_with("InvalidBucketName: The specified bucket is not valid.")
    );
    let err = create_bucket(&mut a, &bucket("us-west-2", "my-bucket")).unwrap_err();
    assert!(
        err.message
            .starts_with("BucketAlreadyExists: The requested bucket name is not available.")
    );
    let err = create_bucket(&mut a, &bucket("us-west-2", "acme-finance-eu")).unwrap_err();
    assert_eq!(
        err.message,
        "BucketAlreadyOwnedByYou: Your previous request to create the named bucket succeeded and you already own it."
    );
    // us-east-1's legacy answer: your own bucket there is "created" again.
    assert_eq!(
        create_bucket(&mut a, &bucket("us-east-1", "acme-logs")).unwrap(),
        "acme-logs"
    );
    let name = create_bucket(&mut a, &bucket("us-west-2", "acme-finance-replica")).unwrap();
    let made = find(&a, &name).unwrap();
    assert_eq!(
        (made.region.as_str(), made.versioning),
        ("us-west-2", false)
    );
    assert_eq!(listed(&a, made).objects, Some(0));
}

#[test]
fn versioning_needs_the_bucket_in_its_region() {
    let mut a = seed(0);
    let err = enable_versioning(&mut a, &versioning("eu-central-1", "nope-bucket")).unwrap_err();
    assert_eq!(
        (err.kind, err.message.as_str()),
        (
            ErrorKind::NotFound,
            "NoSuchBucket: The specified bucket does not exist"
        )
    );
    let err = enable_versioning(&mut a, &versioning("us-east-1", "acme-finance-eu")).unwrap_err();
    assert!(
        err.message
            .starts_with("PermanentRedirect: The bucket is in this region: eu-central-1.")
    );
    enable_versioning(&mut a, &versioning("eu-central-1", "acme-finance-eu")).unwrap();
    assert!(find(&a, "acme-finance-eu").unwrap().versioning);
}

#[test]
fn every_rejection_of_put_bucket_replication_has_s3s_message() {
    let mut a = seed(0);
    create_bucket(&mut a, &bucket("us-west-2", "acme-finance-replica")).unwrap();
    assert_eq!(
        refused(&mut a, &finance("acme-finance-replica")),
        "InvalidRequest: Versioning must be 'Enabled' on the bucket to apply a replication configuration"
    );
    enable_versioning(&mut a, &versioning("eu-central-1", "acme-finance-eu")).unwrap();
    assert_eq!(
        refused(&mut a, &finance("acme-finance-replica")),
        "InvalidRequest: Destination bucket must have versioning enabled."
    );
    assert_eq!(
        refused(&mut a, &finance("no-such-replica")),
        "InvalidRequest: Destination bucket must exist."
    );
    assert_eq!(
        refused(&mut a, &finance("acme-finance-eu")),
        "InvalidRequest: Destination bucket cannot be the same as the source bucket."
    );
    let mut a = ready();
    let mut req = finance("acme-finance-replica");
    req.config.role_arn = "arn:aws:iam::123456789012:role/nobody".into();
    assert_eq!(
        refused(&mut a, &req),
        "InvalidArgument: Invalid Role: arn:aws:iam::123456789012:role/nobody does not exist in account 123456789012"
    );
    let mut req = finance("acme-finance-replica");
    req.config.rules[0].replication_time_control = true;
    assert_eq!(
        refused(&mut a, &req),
        "InvalidRequest: Replication Time Control must be specified together with a Metrics block."
    );
    let mut req = finance("acme-finance-replica");
    req.config.rules[0].filter.tags = vec![("team".into(), "finance".into())];
    req.config.rules[0].delete_marker_replication = true;
    assert_eq!(
        refused(&mut a, &req),
        "InvalidArgument: Delete marker replication is not supported if any Tag filter is specified."
    );
    let mut req = finance("acme-finance-replica");
    req.config.rules.push(req.config.rules[0].clone());
    assert_eq!(
        refused(&mut a, &req),
        "InvalidArgument: Rule Id must be unique. Found same ID for more than one rule: finance"
    );
    let mut req = finance("acme-finance-replica");
    let rule = req.config.rules[0].clone();
    req.config.rules = (0..1001)
        .map(|i| ReplicationRule {
            id: format!("r{i}"),
            ..rule.clone()
        })
        .collect();
    assert_eq!(
        refused(&mut a, &req),
        "InvalidRequest: The replication configuration has 1001 rules; the maximum is 1000"
    );
    assert_eq!(
        get_replication(&a, "eu-central-1", "acme-finance-eu").unwrap(),
        None
    );
}

#[test]
fn a_saved_configuration_reads_back_and_replicates_only_new_objects() {
    let mut a = ready();
    let req = finance("acme-finance-replica");
    put_replication(&mut a, &req).unwrap();
    assert_eq!(
        get_replication(&a, "eu-central-1", "acme-finance-eu").unwrap(),
        Some(req.config.clone())
    );
    // Existing objects are not replicated: that is Batch Replication's work.
    assert!(
        a.s3.objects["acme-finance-eu"]
            .iter()
            .all(|o| o.status == ObjectStatus::None)
    );
    assert!(!a.s3.objects.contains_key("acme-finance-replica"));
    let new = |key: &str, kms: Option<&str>| S3Object {
        key: key.into(),
        version_id: "v-new".into(),
        created: crate::backend::mock::DEMO_NOW,
        size: 10,
        kms_key: kms.map(str::to_string),
        tags: vec![],
        status: ObjectStatus::None,
    };
    put_object(&mut a, "acme-finance-eu", new("Finance/new.pdf", None));
    put_object(
        &mut a,
        "acme-finance-eu",
        new("Finance/payroll/new.csv", Some("alias/payroll")),
    );
    put_object(&mut a, "acme-finance-eu", new("Marketing/new.png", None));
    let status = |key: &str| {
        a.s3.objects["acme-finance-eu"]
            .iter()
            .find(|o| o.key == key)
            .unwrap()
            .status
    };
    assert_eq!(status("Finance/new.pdf"), ObjectStatus::Completed);
    assert_eq!(status("Finance/payroll/new.csv"), ObjectStatus::Failed);
    assert_eq!(status("Marketing/new.png"), ObjectStatus::None);
    let replicas: Vec<_> = a.s3.objects["acme-finance-replica"]
        .iter()
        .map(|o| (o.key.as_str(), o.status))
        .collect();
    assert_eq!(replicas, [("Finance/new.pdf", ObjectStatus::Replica)]);
}
