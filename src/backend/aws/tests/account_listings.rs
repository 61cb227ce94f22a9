//! IAM roles, DynamoDB tables, KMS keys and S3 buckets over mocks, page by page.

use super::{Harness, calls, nexts, ok_pages, refs};
use crate::backend::BackupBackend;
use crate::domain::replication::ReplicationSummary;
use crate::domain::restore::{Bucket, IamRole, KmsKey};
use aws_sdk_kms::operation::list_aliases::ListAliasesOutput;
use aws_sdk_kms::operation::list_keys::ListKeysOutput;
use aws_sdk_kms::types::{AliasListEntry, KeyListEntry};
use aws_sdk_s3::error::ErrorMetadata;
use aws_sdk_s3::operation::get_bucket_ownership_controls::{
    GetBucketOwnershipControlsError, GetBucketOwnershipControlsOutput,
};
use aws_sdk_s3::operation::get_bucket_replication::{
    GetBucketReplicationError, GetBucketReplicationOutput,
};
use aws_sdk_s3::operation::get_bucket_versioning::{
    GetBucketVersioningError, GetBucketVersioningOutput,
};
use aws_sdk_s3::operation::list_buckets::ListBucketsOutput;
use aws_sdk_s3::types::{
    BucketVersioningStatus, Destination, ObjectOwnership, OwnershipControls, OwnershipControlsRule,
    ReplicationConfiguration, ReplicationRule, ReplicationRuleStatus,
};
use aws_smithy_mocks::{MockResponse, mock};
use aws_smithy_types::DateTime;
use futures::StreamExt;

fn role_arn(name: &str) -> String {
    format!("arn:aws:iam::123456789012:role/{name}")
}

#[tokio::test]
async fn iam_roles_arrive_page_by_page() {
    let name = |n: usize, k: usize| format!("restore-role-{n}-{k}");
    let (rules, inputs) = three_pages!(aws_sdk_iam::Client::list_roles, marker, |n, next| {
        let role = |k: usize| {
            aws_sdk_iam::types::Role::builder()
                .path("/service-role/")
                .role_name(name(n, k))
                .role_id(format!("AROA{n}{k}"))
                .arn(role_arn(&name(n, k)))
                .create_date(DateTime::from_secs(1_700_000_000))
                .build()
                .expect("a complete role")
        };
        aws_sdk_iam::operation::list_roles::ListRolesOutput::builder()
            .roles(role(1))
            .roles(role(2))
            .is_truncated(next.is_some())
            .set_marker(next)
            .build()
            .expect("a complete output")
    });
    let h = Harness::new(&refs(&rules));
    let pages = ok_pages(h.backend.list_iam_roles()).await;
    let got: Vec<Vec<IamRole>> = pages.iter().map(|p| p.items.clone()).collect();
    let want: Vec<Vec<IamRole>> = (1..=3)
        .map(|n| {
            (1..=2)
                .map(|k| IamRole {
                    name: name(n, k),
                    arn: role_arn(&name(n, k)),
                })
                .collect()
        })
        .collect();
    assert_eq!(got, want);
    assert_eq!(nexts(&pages), [Some("t1"), Some("t2"), None]);
    assert_eq!(calls(&rules), [1, 1, 1]);
    let sizes: Vec<_> = inputs
        .lock()
        .unwrap()
        .iter()
        .map(|i| i.max_items())
        .collect();
    assert_eq!(sizes, [Some(200); 3]);
}

#[tokio::test]
async fn dynamodb_tables_arrive_page_by_page() {
    let (rules, inputs) = three_pages!(
        aws_sdk_dynamodb::Client::list_tables,
        exclusive_start_table_name,
        |n, next| {
            aws_sdk_dynamodb::operation::list_tables::ListTablesOutput::builder()
                .table_names(format!("table-{n}-1"))
                .table_names(format!("table-{n}-2"))
                .set_last_evaluated_table_name(next)
                .build()
        }
    );
    let h = Harness::new(&refs(&rules));
    let pages = ok_pages(h.backend.list_tables("us-east-1")).await;
    let got: Vec<Vec<String>> = pages.iter().map(|p| p.items.clone()).collect();
    let want: Vec<Vec<String>> = (1..=3)
        .map(|n| vec![format!("table-{n}-1"), format!("table-{n}-2")])
        .collect();
    assert_eq!(got, want);
    assert_eq!(nexts(&pages), [Some("t1"), Some("t2"), None]);
    assert_eq!(calls(&rules), [1, 1, 1]);
    let sizes: Vec<_> = inputs.lock().unwrap().iter().map(|i| i.limit()).collect();
    assert_eq!(sizes, [Some(100); 3]);
}

fn key_arn(id: &str) -> String {
    format!("arn:aws:kms:us-east-1:123456789012:key/{id}")
}

fn alias(name: &str, target: Option<&str>) -> AliasListEntry {
    AliasListEntry::builder()
        .alias_name(name)
        .alias_arn(format!("arn:aws:kms:us-east-1:123456789012:{name}"))
        .set_target_key_id(target.map(str::to_string))
        .build()
}

#[tokio::test]
async fn kms_keys_arrive_page_by_page_with_every_alias() {
    // Aliases in two pages; the first alias a key has wins.
    let aliases_1 = mock!(aws_sdk_kms::Client::list_aliases)
        .match_requests(|i| i.marker().is_none() && i.limit() == Some(100))
        .then_output(|| {
            ListAliasesOutput::builder()
                .aliases(alias("alias/app", Some("key-1-1")))
                .aliases(alias("alias/aws/s3", Some("key-2-2")))
                .next_marker("a1")
                .truncated(true)
                .build()
        });
    let aliases_2 = mock!(aws_sdk_kms::Client::list_aliases)
        .match_requests(|i| i.marker() == Some("a1"))
        .then_output(|| {
            ListAliasesOutput::builder()
                .aliases(alias("alias/unused", None))
                .aliases(alias("alias/second-name", Some("key-1-1")))
                .truncated(false)
                .build()
        });
    let (key_rules, inputs) = three_pages!(aws_sdk_kms::Client::list_keys, marker, |n, next| {
        let key = |k: usize| {
            let id = format!("key-{n}-{k}");
            KeyListEntry::builder()
                .key_id(&id)
                .key_arn(key_arn(&id))
                .build()
        };
        ListKeysOutput::builder()
            .keys(key(1))
            .keys(key(2))
            .truncated(next.is_some())
            .set_next_marker(next)
            .build()
    });
    let mut rules = refs(&key_rules);
    rules.extend([&aliases_1, &aliases_2]);
    let h = Harness::new(&rules);
    let pages = ok_pages(h.backend.list_kms_keys("us-east-1")).await;
    let got: Vec<Vec<KmsKey>> = pages.iter().map(|p| p.items.clone()).collect();
    let key = |id: &str, alias: Option<&str>, aws_managed| KmsKey {
        arn: key_arn(id),
        alias: alias.map(str::to_string),
        aws_managed,
    };
    let want = vec![
        vec![
            key("key-1-1", Some("alias/app"), false),
            key("key-1-2", None, false),
        ],
        vec![
            key("key-2-1", None, false),
            key("key-2-2", Some("alias/aws/s3"), true),
        ],
        vec![key("key-3-1", None, false), key("key-3-2", None, false)],
    ];
    assert_eq!(got, want);
    assert_eq!(nexts(&pages), [Some("t1"), Some("t2"), None]);
    assert_eq!(calls(&key_rules), [1, 1, 1]);
    assert_eq!((aliases_1.num_calls(), aliases_2.num_calls()), (1, 1));
    let sizes: Vec<_> = inputs.lock().unwrap().iter().map(|i| i.limit()).collect();
    assert_eq!(sizes, [Some(100); 3]);
}

/// Bucket `b-{n}-{k}`: versioning Enabled for k = 1, Suspended for k = 2, and a refused
/// lookup for b-3-2. Object Ownership BucketOwnerEnforced for k = 1, ObjectWriter for k = 2,
/// and none at all (an error, as S3 answers) for b-2-2. Replication: two rules (one enabled)
/// on b-1-1, a refused lookup for b-3-2, none (S3's not-found error) for the others.
fn bucket_rules() -> [aws_smithy_mocks::Rule; 3] {
    let versioning =
        mock!(aws_sdk_s3::Client::get_bucket_versioning).then_compute_response(|input| match input
            .bucket()
            .unwrap_or_default()
        {
            "b-3-2" => MockResponse::Error(GetBucketVersioningError::generic(
                ErrorMetadata::builder()
                    .code("AccessDenied")
                    .message("Access Denied")
                    .build(),
            )),
            name => MockResponse::Output(
                GetBucketVersioningOutput::builder()
                    .status(if name.ends_with("-1") {
                        BucketVersioningStatus::Enabled
                    } else {
                        BucketVersioningStatus::Suspended
                    })
                    .build(),
            ),
        });
    let ownership =
        mock!(aws_sdk_s3::Client::get_bucket_ownership_controls).then_compute_response(|input| {
            match input.bucket().unwrap_or_default() {
                "b-2-2" => MockResponse::Error(GetBucketOwnershipControlsError::generic(
                    ErrorMetadata::builder()
                        .code("OwnershipControlsNotFoundError")
                        .message("The bucket ownership controls were not found")
                        .build(),
                )),
                name => {
                    let ownership = if name.ends_with("-1") {
                        ObjectOwnership::BucketOwnerEnforced
                    } else {
                        ObjectOwnership::ObjectWriter
                    };
                    let rule = OwnershipControlsRule::builder()
                        .object_ownership(ownership)
                        .build()
                        .expect("a complete rule");
                    MockResponse::Output(
                        GetBucketOwnershipControlsOutput::builder()
                            .ownership_controls(
                                OwnershipControls::builder()
                                    .rules(rule)
                                    .build()
                                    .expect("complete controls"),
                            )
                            .build(),
                    )
                }
            }
        });
    let replication =
        mock!(aws_sdk_s3::Client::get_bucket_replication).then_compute_response(|input| {
            let error = |code: &str| {
                MockResponse::Error(GetBucketReplicationError::generic(
                    ErrorMetadata::builder().code(code).build(),
                ))
            };
            match input.bucket().unwrap_or_default() {
                "b-1-1" => {
                    let rule = |id: &str, status| {
                        ReplicationRule::builder()
                            .id(id)
                            .status(status)
                            .destination(
                                Destination::builder()
                                    .bucket("arn:aws:s3:::replica")
                                    .build()
                                    .expect("a destination"),
                            )
                            .build()
                            .expect("a rule")
                    };
                    let config = ReplicationConfiguration::builder()
                        .role("arn:aws:iam::123456789012:role/replication")
                        .rules(rule("on", ReplicationRuleStatus::Enabled))
                        .rules(rule("off", ReplicationRuleStatus::Disabled))
                        .build()
                        .expect("a configuration");
                    MockResponse::Output(
                        GetBucketReplicationOutput::builder()
                            .replication_configuration(config)
                            .build(),
                    )
                }
                "b-3-2" => error("AccessDenied"),
                _ => error("ReplicationConfigurationNotFoundError"),
            }
        });
    [versioning, ownership, replication]
}

#[tokio::test]
async fn s3_buckets_arrive_page_by_page_with_versioning_and_ownership() {
    let (list_rules, inputs) = three_pages!(
        aws_sdk_s3::Client::list_buckets,
        continuation_token,
        |n, next| {
            let bucket = |name: String, region: &str| {
                aws_sdk_s3::types::Bucket::builder()
                    .name(name)
                    .bucket_region(region)
                    .build()
            };
            let mut out = ListBucketsOutput::builder()
                .buckets(bucket(format!("b-{n}-1"), "us-east-1"))
                .buckets(bucket(format!("b-{n}-2"), "us-east-1"));
            if n == 1 {
                // An endpoint that ignores BucketRegion: the backend filters it out.
                out = out.buckets(bucket("elsewhere".into(), "eu-west-1"));
            }
            out.set_continuation_token(next).build()
        }
    );
    let [versioning, ownership, replication] = bucket_rules();
    let mut rules = refs(&list_rules);
    rules.extend([&versioning, &ownership, &replication]);
    let h = Harness::new(&rules);
    let pages = ok_pages(h.backend.list_buckets("us-east-1")).await;
    let got: Vec<Vec<Bucket>> = pages.iter().map(|p| p.items.clone()).collect();
    // No configuration reads as no rules; a lookup refused (b-3-2) as unknown.
    let bucket = |name: &str, versioning, acls_enabled| Bucket {
        name: name.to_string(),
        region: "us-east-1".to_string(),
        versioning,
        acls_enabled,
        replication: Some(ReplicationSummary::default()),
        objects: None,
    };
    let replicated = Bucket {
        replication: Some(ReplicationSummary {
            rules: 2,
            enabled: 1,
        }),
        ..bucket("b-1-1", true, false)
    };
    let want = vec![
        vec![replicated, bucket("b-1-2", false, true)],
        vec![bucket("b-2-1", true, false), bucket("b-2-2", false, true)],
        vec![
            bucket("b-3-1", true, false),
            Bucket {
                replication: None,
                ..bucket("b-3-2", false, true)
            },
        ],
    ];
    assert_eq!(got, want);
    // The screen's pages are cut from the names listed: `next` only says more will follow.
    assert_eq!(nexts(&pages), [Some("more"), Some("more"), None]);
    assert_eq!(calls(&list_rules), [1, 1, 1]);
    assert_eq!(
        (
            versioning.num_calls(),
            ownership.num_calls(),
            replication.num_calls()
        ),
        (6, 6, 6),
        "one lookup of each kind per bucket of the Region, none for the other Region's"
    );
    // No MaxBuckets: AWS then answers up to 10,000 names at once.
    let sent: Vec<_> = inputs
        .lock()
        .unwrap()
        .iter()
        .map(|i| (i.bucket_region().map(str::to_string), i.max_buckets()))
        .collect();
    assert_eq!(sent, vec![(Some("us-east-1".to_string()), None); 3]);
}

#[tokio::test]
async fn many_buckets_show_fifty_at_a_time_looked_up_as_they_are_shown() {
    let name = |i: usize| format!("b-{i:03}-{}", 1 + i % 2);
    let list = mock!(aws_sdk_s3::Client::list_buckets).then_output(move || {
        let buckets = (0..120).map(|i| {
            aws_sdk_s3::types::Bucket::builder()
                .name(name(i))
                .bucket_region("us-east-1")
                .build()
        });
        ListBucketsOutput::builder()
            .set_buckets(Some(buckets.collect()))
            .build()
    });
    let [versioning, ownership, replication] = bucket_rules();
    let h = Harness::new(&[&list, &versioning, &ownership, &replication]);
    let mut stream = h.backend.list_buckets("us-east-1");
    let first = stream.next().await.expect("a page").expect("page 1");
    assert_eq!(first.items.len(), 50);
    assert_eq!(first.items[0].name, name(0));
    assert_eq!(first.next.as_deref(), Some("more"));
    assert_eq!(
        (
            versioning.num_calls(),
            ownership.num_calls(),
            replication.num_calls()
        ),
        (50, 50, 50),
        "only the first page's buckets are looked up before it is shown"
    );
    let rest: Vec<_> = stream.collect().await;
    let rest: Vec<_> = rest.into_iter().map(|p| p.expect("a page")).collect();
    assert_eq!(
        rest.iter().map(|p| p.items.len()).collect::<Vec<_>>(),
        [50, 20]
    );
    assert_eq!(nexts(&rest), [Some("more"), None]);
    let names: Vec<String> = std::iter::once(&first)
        .chain(&rest)
        .flat_map(|p| &p.items)
        .map(|b| b.name.clone())
        .collect();
    assert_eq!(names, (0..120).map(name).collect::<Vec<_>>(), "in order");
    assert!(
        rest.iter()
            .flat_map(|p| &p.items)
            .all(|b| b.versioning == b.name.ends_with("-1")),
        "versioning Enabled exactly for the -1 buckets"
    );
    assert_eq!(list.num_calls(), 1);
    assert_eq!(
        (
            versioning.num_calls(),
            ownership.num_calls(),
            replication.num_calls()
        ),
        (120, 120, 120)
    );
}
