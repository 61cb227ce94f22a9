use super::*;
use crate::backend::ErrorKind;
use crate::wizard::form::Control;

const ROLE: &str = "arn:aws:iam::123456789012:role/s3-replication";

fn bucket(name: &str, region: &str, versioning: bool) -> Bucket {
    Bucket {
        name: name.into(),
        region: region.into(),
        versioning,
        acls_enabled: false,
        replication: None,
        objects: None,
    }
}

fn existing_rule(id: &str, priority: i32) -> ReplicationRule {
    ReplicationRule {
        id: id.into(),
        enabled: true,
        priority,
        destination_bucket: "archive".into(),
        destination_region: "eu-central-1".into(),
        ..ReplicationRule::default()
    }
}

/// A wizard on `finance-source` (eu-central-1) whose configuration was read as `existing`,
/// with the buckets of us-west-2 listed.
fn wizard(existing: Option<ReplicationConfig>) -> ReplicationWizard {
    let mut w = ReplicationWizard::new(
        bucket("finance-source", "eu-central-1", true),
        "123456789012",
    );
    let query = Query::BucketReplication {
        region: "eu-central-1".into(),
        bucket: "finance-source".into(),
    };
    w.supply(
        &query,
        Ok(Loaded::Replication(existing.map(Box::new))),
        true,
    );
    let buckets = vec![
        bucket("finance-replica", "us-west-2", true),
        bucket("unversioned", "us-west-2", false),
    ];
    let query = Query::Buckets {
        region: "us-west-2".into(),
    };
    w.supply(&query, Ok(Loaded::Buckets(buckets)), true);
    w
}

fn region_index(code: &str) -> usize {
    REGIONS.iter().position(|r| r.code == code).unwrap()
}

/// Fills the Rule step as given, a typed role and `finance-replica` in us-west-2.
fn fill(w: &mut ReplicationWizard, prefix: &str, tags: &str) {
    w.input(RULE_ID, Input::Text("finance".into()));
    if !prefix.is_empty() || !tags.is_empty() {
        w.input(SCOPE, Input::Choose(1));
        w.input(PREFIX, Input::Text(prefix.into()));
        w.input(TAGS, Input::Text(tags.into()));
    }
    assert!(w.next(), "{:?}", w.items());
    w.input(DEST_REGION, Input::Choose(region_index("us-west-2")));
    w.input(DEST_PICK, Input::Choose(0));
    choose_role(w, "Enter a role ARN");
    w.input(ROLE_ARN, Input::Text(ROLE.into()));
    assert!(w.next(), "{:?}", w.items());
}

/// The IAM role options on offer and the one chosen.
fn role_options(w: &ReplicationWizard) -> (Vec<String>, usize) {
    w.items()
        .iter()
        .filter_map(Item::field)
        .find(|f| f.id == ROLE_CHOICE)
        .map(|f| match &f.control {
            Control::Choice { options, selected } => (options.clone(), *selected),
            other => panic!("the role is not a choice: {other:?}"),
        })
        .expect("the Destination step offers an IAM role")
}

/// Chooses the role option labelled `label` (the options offered depend on the bucket).
fn choose_role(w: &mut ReplicationWizard, label: &str) {
    let (options, _) = role_options(w);
    let i = options.iter().position(|o| o == label).unwrap();
    w.input(ROLE_CHOICE, Input::Choose(i));
}

fn configuration(w: &ReplicationWizard) -> serde_json::Value {
    match w.requests().unwrap().remove(0) {
        WriteRequest::PutReplication(r) => {
            assert_eq!(r.region, "eu-central-1");
            assert_eq!(r.bucket, "finance-source");
            r.configuration_json()
        }
        other => panic!("not a PutBucketReplication: {other:?}"),
    }
}

fn error_of(w: &ReplicationWizard, id: FieldId) -> Option<String> {
    w.items()
        .iter()
        .filter_map(Item::field)
        .find(|f| f.id == id)
        .and_then(|f| f.error.clone())
}

#[test]
fn a_whole_bucket_rule_sends_every_required_member() {
    let mut w = wizard(None);
    fill(&mut w, "", "");
    assert!(w.next());
    let c = configuration(&w);
    assert_eq!(c["Role"], ROLE);
    let rule = &c["Rules"][0];
    assert_eq!(c["Rules"].as_array().unwrap().len(), 1);
    assert_eq!(rule["ID"], "finance");
    assert_eq!(rule["Status"], "Enabled");
    assert_eq!(rule["Priority"], 0);
    assert_eq!(rule["Filter"], serde_json::json!({"Prefix": ""}));
    assert_eq!(rule["DeleteMarkerReplication"]["Status"], "Disabled");
    assert_eq!(
        rule["Destination"],
        serde_json::json!({"Bucket": "arn:aws:s3:::finance-replica"})
    );
    assert!(rule.get("SourceSelectionCriteria").is_none());
    assert!(
        w.summary()
            .iter()
            .any(|(k, v)| k == "Destination" && v.contains("Cross-Region Replication (CRR)"))
    );
}

#[test]
fn a_prefix_filter_is_sent_as_is() {
    let mut w = wizard(None);
    fill(&mut w, "Finance/", "");
    let c = configuration(&w);
    assert_eq!(
        c["Rules"][0]["Filter"],
        serde_json::json!({"Prefix": "Finance/"})
    );
}

#[test]
fn tags_and_prefix_with_tags() {
    let mut w = wizard(None);
    fill(&mut w, "", "team=finance");
    assert_eq!(
        configuration(&w)["Rules"][0]["Filter"],
        serde_json::json!({"Tag": {"Key": "team", "Value": "finance"}})
    );
    let mut w = wizard(None);
    fill(&mut w, "Finance/", "team=finance, year=2024");
    assert_eq!(
        configuration(&w)["Rules"][0]["Filter"],
        serde_json::json!({"And": {"Prefix": "Finance/", "Tags": [
            {"Key": "team", "Value": "finance"}, {"Key": "year", "Value": "2024"}]}})
    );
}

#[test]
fn time_control_is_refused_without_metrics_and_sent_with_them() {
    let mut w = wizard(None);
    fill(&mut w, "", "");
    w.input(RTC, Input::Choose(1));
    assert!(!w.next());
    assert_eq!(
        error_of(&w, RTC).as_deref(),
        Some("Replication Time Control needs replication metrics: turn metrics on too.")
    );
    w.input(METRICS, Input::Choose(1));
    assert!(w.next());
    let destination = &configuration(&w)["Rules"][0]["Destination"];
    assert_eq!(
        destination["ReplicationTime"],
        serde_json::json!({"Status": "Enabled", "Time": {"Minutes": 15}})
    );
    assert_eq!(
        destination["Metrics"],
        serde_json::json!({"Status": "Enabled", "EventThreshold": {"Minutes": 15}})
    );
}

#[test]
fn a_replica_kms_key_of_the_destination_region_is_asked_for_and_sent() {
    let mut w = wizard(None);
    fill(&mut w, "", "");
    w.input(KMS, Input::Choose(1));
    assert_eq!(
        w.wanted(),
        vec![
            Query::IamRoles,
            Query::KmsKeys {
                region: "us-west-2".into()
            }
        ]
    );
    let key = KmsKey {
        arn: "arn:aws:kms:us-west-2:123456789012:key/replica".into(),
        alias: Some("alias/replica".into()),
        aws_managed: false,
    };
    w.supply(
        &Query::KmsKeys {
            region: "us-west-2".into(),
        },
        Ok(Loaded::KmsKeys(vec![key])),
        true,
    );
    assert!(!w.next(), "a key must be chosen");
    w.input(KMS_PICK, Input::Choose(0));
    assert!(w.next());
    let rule = &configuration(&w)["Rules"][0];
    assert_eq!(
        rule["Destination"]["EncryptionConfiguration"]["ReplicaKmsKeyID"],
        "arn:aws:kms:us-west-2:123456789012:key/replica"
    );
    assert_eq!(
        rule["SourceSelectionCriteria"]["SseKmsEncryptedObjects"]["Status"],
        "Enabled"
    );
}

#[test]
fn a_storage_class_and_replica_sync_are_sent() {
    let mut w = wizard(None);
    fill(&mut w, "", "");
    w.input(STORAGE, Input::Choose(2));
    w.input(REPLICA_SYNC, Input::Choose(1));
    assert!(w.next());
    let rule = &configuration(&w)["Rules"][0];
    assert_eq!(rule["Destination"]["StorageClass"], "STANDARD_IA");
    assert_eq!(
        rule["SourceSelectionCriteria"]["ReplicaModifications"]["Status"],
        "Enabled"
    );
}

#[test]
fn a_tag_filter_refuses_delete_marker_replication() {
    let mut w = wizard(None);
    fill(&mut w, "", "team=finance");
    w.input(DELETE_MARKERS, Input::Choose(1));
    assert!(w.items().contains(&Item::warning(DELETE_MARKER_WARNING)));
    assert!(!w.next());
    assert!(
        error_of(&w, DELETE_MARKERS)
            .unwrap()
            .starts_with("A rule filtered by tags")
    );
}

#[test]
fn the_new_rule_is_added_to_the_existing_ones_keeping_the_role() {
    let old = ReplicationConfig {
        role_arn: "arn:aws:iam::123456789012:role/old".into(),
        rules: vec![existing_rule("archive", 4)],
    };
    let mut w = wizard(Some(old));
    w.input(RULE_ID, Input::Text("archive".into()));
    assert!(!w.next());
    assert_eq!(
        error_of(&w, RULE_ID).as_deref(),
        Some("This bucket already has a replication rule named archive: choose another name.")
    );
    w.input(RULE_ID, Input::Text("finance".into()));
    assert!(w.next());
    w.input(DEST_REGION, Input::Choose(region_index("us-west-2")));
    w.input(DEST_PICK, Input::Choose(0));
    assert!(w.next(), "{:?}", w.items());
    assert!(w.next());
    let c = configuration(&w);
    assert_eq!(c["Role"], "arn:aws:iam::123456789012:role/old");
    let rules = c["Rules"].as_array().unwrap();
    assert_eq!(rules.len(), 2);
    assert_eq!(rules[0]["ID"], "archive");
    assert_eq!(rules[0]["Priority"], 4);
    assert_eq!(rules[1]["ID"], "finance");
    assert_eq!(
        rules[1]["Priority"], 5,
        "a new rule starts above the existing ones"
    );
    let review = format!("{:?}", w.items());
    assert!(
        review.contains("replaces the whole configuration"),
        "{review}"
    );
}

#[test]
fn an_unversioned_destination_and_the_source_itself_are_refused() {
    let mut w = wizard(None);
    w.input(RULE_ID, Input::Text("finance".into()));
    assert!(w.next());
    w.input(DEST_REGION, Input::Choose(region_index("us-west-2")));
    w.input(DEST_PICK, Input::Choose(1));
    choose_role(&mut w, "Enter a role ARN");
    w.input(ROLE_ARN, Input::Text(ROLE.into()));
    assert!(!w.next());
    assert!(
        error_of(&w, DEST_PICK)
            .unwrap()
            .starts_with("The destination bucket unversioned is not versioned")
    );
    w.input(DEST_REGION, Input::Choose(region_index("eu-central-1")));
    w.input(DEST_CHOICE, Input::Choose(1));
    w.input(DEST_NAME, Input::Text("finance-source".into()));
    assert!(!w.next());
    assert_eq!(
        error_of(&w, DEST_NAME).as_deref(),
        Some("The destination must be another bucket than the source (finance-source).")
    );
}

#[test]
fn an_unversioned_source_is_named_with_the_fix() {
    let mut w = ReplicationWizard::new(bucket("src", "eu-central-1", false), "123456789012");
    w.input(RULE_ID, Input::Text("r".into()));
    assert!(w.next());
    w.input(DEST_CHOICE, Input::Choose(1));
    w.input(DEST_NAME, Input::Text("dst".into()));
    assert!(!w.next());
    assert!(
        error_of(&w, DEST_NAME)
            .unwrap()
            .contains("press v on it in the Buckets screen")
    );
}

#[test]
fn a_configuration_that_could_not_be_read_blocks_the_review() {
    let mut w = ReplicationWizard::new(bucket("src", "eu-central-1", true), "123456789012");
    let query = Query::BucketReplication {
        region: "eu-central-1".into(),
        bucket: "src".into(),
    };
    let error = BackendError::new(ErrorKind::AccessDenied, "denied");
    w.supply(&query, Err(error), true);
    let message = w.requests().unwrap_err();
    assert!(message.contains("saving would replace it"), "{message}");
}

#[test]
fn keeping_the_current_role_is_offered_only_when_there_is_one() {
    let mut w = wizard(None);
    w.input(RULE_ID, Input::Text("finance".into()));
    assert!(w.next());
    assert_eq!(
        role_options(&w),
        (
            vec![
                "Choose a role".into(),
                "Enter a role ARN".into(),
                "Create a new role".into()
            ],
            0
        )
    );

    let old = ReplicationConfig {
        role_arn: "arn:aws:iam::123456789012:role/old".into(),
        rules: vec![existing_rule("archive", 4)],
    };
    let mut w = wizard(Some(old));
    w.input(RULE_ID, Input::Text("finance".into()));
    assert!(w.next());
    let (options, selected) = role_options(&w);
    assert_eq!(
        options,
        [
            "Keep the current role",
            "Choose a role",
            "Enter a role ARN",
            "Create a new role"
        ]
    );
    assert_eq!(options[selected], "Keep the current role");
    let help = format!("{:?}", w.items());
    assert!(
        help.contains("arn:aws:iam::123456789012:role/old"),
        "{help}"
    );
    choose_role(&mut w, "Enter a role ARN");
    assert_eq!(role_options(&w).1, 2);
}

#[test]
fn a_new_role_is_created_and_given_its_policy_before_the_configuration_names_it() {
    let mut w = wizard(None);
    let roles = vec![IamRole {
        name: "taken".into(),
        arn: "arn:aws:iam::123456789012:role/taken".into(),
    }];
    w.supply(&Query::IamRoles, Ok(Loaded::IamRoles(roles)), true);
    w.input(RULE_ID, Input::Text("finance".into()));
    assert!(w.next());
    w.input(DEST_REGION, Input::Choose(region_index("us-west-2")));
    w.input(DEST_PICK, Input::Choose(0));
    choose_role(&mut w, "Create a new role");

    w.input(ROLE_NAME, Input::Text("bad name".into()));
    assert!(!w.next());
    assert!(
        error_of(&w, ROLE_NAME).unwrap().contains("' '"),
        "{:?}",
        w.items()
    );
    w.input(ROLE_NAME, Input::Text("taken".into()));
    assert!(!w.next());
    assert!(
        error_of(&w, ROLE_NAME)
            .unwrap()
            .contains("already has a role named taken")
    );

    w.input(ROLE_NAME, Input::Text("s3-finance-repl".into()));
    assert!(w.next(), "{:?}", w.items());
    assert!(w.next(), "{:?}", w.items());
    let arn = "arn:aws:iam::123456789012:role/service-role/s3-finance-repl";
    let requests = w.requests().unwrap();
    let ops: Vec<_> = requests.iter().map(WriteRequest::operation).collect();
    assert_eq!(ops, ["CreateRole", "PutRolePolicy", "PutBucketReplication"]);
    match (&requests[0], &requests[1], &requests[2]) {
        (
            WriteRequest::CreateRole(role),
            WriteRequest::PutRolePolicy(policy),
            WriteRequest::PutReplication(put),
        ) => {
            assert_eq!(role.arn("123456789012"), arn);
            assert_eq!(policy.role_name, "s3-finance-repl");
            assert_eq!(policy.source_bucket, "finance-source");
            assert_eq!(policy.destination_bucket, "finance-replica");
            assert_eq!(put.configuration_json()["Role"], arn);
        }
        other => panic!("not the three requests: {other:?}"),
    }
    let summary = w.summary();
    let role = summary.iter().find(|(k, _)| k == "IAM role").unwrap();
    assert_eq!(role.1, "new role s3-finance-repl (created first)");
}
