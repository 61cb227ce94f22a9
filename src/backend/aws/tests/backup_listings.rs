//! AWS Backup listings over mocks: three pages each, streamed in order, page size sent.

use super::{Harness, calls, nexts, ok_pages, refs};
use crate::backend::{BackupBackend, Page};
use crate::domain::{
    BackupJobState, CopyJobState, RecoveryPointStatus, ResourceType, RestoreJobStatus,
};
use aws_sdk_backup::Client;
use aws_sdk_backup::operation::list_backup_jobs::ListBackupJobsOutput;
use aws_sdk_backup::operation::list_backup_vaults::ListBackupVaultsOutput;
use aws_sdk_backup::operation::list_copy_jobs::ListCopyJobsOutput;
use aws_sdk_backup::operation::list_protected_resources::{
    ListProtectedResourcesInput, ListProtectedResourcesOutput,
};
use aws_sdk_backup::operation::list_recovery_points_by_backup_vault::ListRecoveryPointsByBackupVaultOutput;
use aws_sdk_backup::operation::list_recovery_points_by_resource::ListRecoveryPointsByResourceOutput;
use aws_sdk_backup::operation::list_restore_jobs::ListRestoreJobsOutput;
use aws_sdk_backup::types as bk;
use aws_smithy_mocks::{Rule, mock};
use aws_smithy_types::DateTime;
use futures::StreamExt;
use std::sync::{Arc, Mutex};

const ACCOUNT: &str = "123456789012";

/// Two items per page: `name(n, k)` for page n = 1..=3, item k = 1..=2.
fn expected(name: impl Fn(usize, usize) -> String) -> Vec<Vec<String>> {
    (1..=3)
        .map(|n| (1..=2).map(|k| name(n, k)).collect())
        .collect()
}

/// Each page's items, as `key` names them.
fn keys<T>(pages: &[Page<T>], key: impl Fn(&T) -> String) -> Vec<Vec<String>> {
    pages
        .iter()
        .map(|p| p.items.iter().map(&key).collect())
        .collect()
}

/// The checks every three-page listing passes: tokens, one call per page.
fn assert_three_pages<T>(pages: &[Page<T>], rules: &[Rule]) {
    assert_eq!(nexts(pages), [Some("t1"), Some("t2"), None]);
    assert_eq!(calls(rules), [1, 1, 1], "one request per page");
}

fn table_arn(n: usize, k: usize) -> String {
    format!("arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/orders-{n}-{k}")
}

fn point_arn(n: usize, k: usize) -> String {
    format!("arn:aws:backup:us-east-1:{ACCOUNT}:recovery-point:rp-{n}-{k}")
}

fn protected_resource(n: usize, k: usize) -> bk::ProtectedResource {
    bk::ProtectedResource::builder()
        .resource_arn(table_arn(n, k))
        .resource_type("DynamoDB")
        .resource_name(format!("orders-{n}-{k}"))
        .last_backup_time(DateTime::from_secs(1_700_000_000 + (n * 10 + k) as i64))
        .build()
}

/// Requests the rules answered, in order.
type Sent<I> = Arc<Mutex<Vec<I>>>;

fn protected_resources_rules() -> (Vec<Rule>, Sent<ListProtectedResourcesInput>) {
    three_pages!(Client::list_protected_resources, next_token, |n, next| {
        ListProtectedResourcesOutput::builder()
            .results(protected_resource(n, 1))
            .results(protected_resource(n, 2))
            .set_next_token(next)
            .build()
    })
}

#[tokio::test]
async fn protected_resources_arrive_page_by_page() {
    let (rules, inputs) = protected_resources_rules();
    let h = Harness::new(&refs(&rules));
    let pages = ok_pages(h.backend.list_protected_resources("us-east-1")).await;
    assert_eq!(keys(&pages, |r| r.arn.to_string()), expected(table_arn));
    assert_eq!(
        keys(&pages, |r| r.name.to_string()),
        expected(|n, k| format!("orders-{n}-{k}"))
    );
    assert!(
        pages
            .iter()
            .flat_map(|p| &p.items)
            .all(|r| r.resource_type == ResourceType::DynamoDB)
    );
    assert_three_pages(&pages, &rules);
    let sizes: Vec<_> = inputs
        .lock()
        .unwrap()
        .iter()
        .map(|i| i.max_results())
        .collect();
    assert_eq!(sizes, [Some(200); 3]);
}

#[tokio::test]
async fn the_first_page_is_delivered_before_the_second_is_asked_for() {
    let (rules, _) = protected_resources_rules();
    let h = Harness::new(&refs(&rules));
    let mut stream = h.backend.list_protected_resources("us-east-1");
    let first = stream.next().await.expect("a page").expect("page 1");
    assert_eq!(first.items[0].arn.as_str(), table_arn(1, 1));
    assert_eq!(calls(&rules), [1, 0, 0], "page 2 not requested yet");
    let second = stream.next().await.expect("a page").expect("page 2");
    assert_eq!(second.items[0].arn.as_str(), table_arn(2, 1));
    assert_eq!(calls(&rules), [1, 1, 0], "page 3 not requested yet");
    drop(stream);
    assert_eq!(
        calls(&rules),
        [1, 1, 0],
        "dropping the stream stops the listing"
    );
}

#[tokio::test]
async fn recovery_points_of_a_resource_arrive_page_by_page() {
    let resource = "arn:aws:rds:us-east-1:123456789012:cluster:billing";
    let (rules, inputs) = three_pages!(
        Client::list_recovery_points_by_resource,
        next_token,
        |n, next| {
            let point = |k: usize| {
                bk::RecoveryPointByResource::builder()
                    .recovery_point_arn(point_arn(n, k))
                    .backup_vault_name("main")
                    .status(bk::RecoveryPointStatus::Completed)
                    .creation_date(DateTime::from_secs(1_700_000_000))
                    .backup_size_bytes(1024 * k as i64)
                    .build()
            };
            ListRecoveryPointsByResourceOutput::builder()
                .recovery_points(point(1))
                .recovery_points(point(2))
                .set_next_token(next)
                .build()
        }
    );
    let h = Harness::new(&refs(&rules));
    let pages = ok_pages(
        h.backend
            .list_recovery_points_by_resource("us-east-1", resource),
    )
    .await;
    assert_eq!(keys(&pages, |p| p.arn.to_string()), expected(point_arn));
    let first = &pages[0].items[0];
    assert_eq!(first.resource_arn.as_str(), resource);
    assert_eq!(first.resource_type, ResourceType::Aurora);
    assert_eq!(
        first.vault_arn.as_str(),
        "arn:aws:backup:us-east-1:123456789012:backup-vault:main"
    );
    assert_eq!(first.status, RecoveryPointStatus::Completed);
    assert_eq!(pages[0].items[1].size_bytes, Some(2048));
    assert_three_pages(&pages, &rules);
    let sent: Vec<_> = inputs
        .lock()
        .unwrap()
        .iter()
        .map(|i| (i.resource_arn().map(str::to_string), i.max_results()))
        .collect();
    assert_eq!(sent, vec![(Some(resource.to_string()), Some(200)); 3]);
}

#[tokio::test]
async fn recovery_points_of_a_vault_arrive_page_by_page() {
    let (rules, inputs) = three_pages!(
        Client::list_recovery_points_by_backup_vault,
        next_token,
        |n, next| {
            let point = |k: usize| {
                bk::RecoveryPointByBackupVault::builder()
                    .recovery_point_arn(point_arn(n, k))
                    .backup_vault_name("main")
                    .backup_vault_arn("arn:aws:backup:us-east-1:123456789012:backup-vault:main")
                    .resource_arn(table_arn(n, k))
                    .resource_type("DynamoDB")
                    .status(bk::RecoveryPointStatus::Available)
                    .is_encrypted(true)
                    .creation_date(DateTime::from_secs(1_700_000_000))
                    .build()
            };
            ListRecoveryPointsByBackupVaultOutput::builder()
                .recovery_points(point(1))
                .recovery_points(point(2))
                .set_next_token(next)
                .build()
        }
    );
    let h = Harness::new(&refs(&rules));
    let pages = ok_pages(h.backend.list_recovery_points_by_vault("us-east-1", "main")).await;
    assert_eq!(keys(&pages, |p| p.arn.to_string()), expected(point_arn));
    assert_eq!(
        keys(&pages, |p| p.resource_arn.to_string()),
        expected(table_arn)
    );
    let first = &pages[0].items[0];
    assert_eq!(first.status, RecoveryPointStatus::Available);
    assert!(first.encrypted);
    assert_three_pages(&pages, &rules);
    let sent: Vec<_> = inputs
        .lock()
        .unwrap()
        .iter()
        .map(|i| (i.backup_vault_name().map(str::to_string), i.max_results()))
        .collect();
    assert_eq!(sent, vec![(Some("main".to_string()), Some(200)); 3]);
}

#[tokio::test]
async fn vaults_arrive_page_by_page() {
    let vault_name = |n: usize, k: usize| format!("vault-{n}-{k}");
    let (rules, inputs) = three_pages!(Client::list_backup_vaults, next_token, |n, next| {
        let vault = |k: usize| {
            bk::BackupVaultListMember::builder()
                .backup_vault_name(vault_name(n, k))
                .backup_vault_arn(format!(
                    "arn:aws:backup:eu-west-1:{ACCOUNT}:backup-vault:{}",
                    vault_name(n, k)
                ))
                .number_of_recovery_points((n * 100 + k) as i64)
                .locked(k == 2)
                .creation_date(DateTime::from_secs(1_700_000_000))
                .build()
        };
        ListBackupVaultsOutput::builder()
            .backup_vault_list(vault(1))
            .backup_vault_list(vault(2))
            .set_next_token(next)
            .build()
    });
    let h = Harness::new(&refs(&rules));
    let pages = ok_pages(h.backend.list_backup_vaults("eu-west-1")).await;
    assert_eq!(keys(&pages, |v| v.name.to_string()), expected(vault_name));
    assert_eq!(
        keys(&pages, |v| v.recovery_points.to_string()),
        expected(|n, k| (n * 100 + k).to_string())
    );
    let first = &pages[0].items[0];
    assert_eq!(first.region.as_str(), "eu-west-1");
    assert!(!first.locked);
    assert!(pages[0].items[1].locked);
    assert_three_pages(&pages, &rules);
    let sizes: Vec<_> = inputs
        .lock()
        .unwrap()
        .iter()
        .map(|i| i.max_results())
        .collect();
    assert_eq!(sizes, [Some(200); 3]);
}

#[tokio::test]
async fn restore_jobs_arrive_page_by_page() {
    let job_id = |n: usize, k: usize| format!("restore-{n}-{k}");
    let (rules, inputs) = three_pages!(Client::list_restore_jobs, next_token, |n, next| {
        let job = |k: usize| {
            bk::RestoreJobsListMember::builder()
                .restore_job_id(job_id(n, k))
                .status(bk::RestoreJobStatus::Running)
                .recovery_point_arn(point_arn(n, k))
                .resource_type("DynamoDB")
                .percent_done("42.5%")
                .creation_date(DateTime::from_secs(1_700_000_000))
                .build()
        };
        ListRestoreJobsOutput::builder()
            .restore_jobs(job(1))
            .restore_jobs(job(2))
            .set_next_token(next)
            .build()
    });
    let h = Harness::new(&refs(&rules));
    let pages = ok_pages(h.backend.list_restore_jobs("us-east-1")).await;
    assert_eq!(keys(&pages, |j| j.id.to_string()), expected(job_id));
    assert_eq!(
        keys(&pages, |j| j.recovery_point_arn.to_string()),
        expected(point_arn)
    );
    let first = &pages[0].items[0];
    assert_eq!(first.status, RestoreJobStatus::Running);
    assert_eq!(first.percent_done, Some(42));
    assert_three_pages(&pages, &rules);
    let sizes: Vec<_> = inputs
        .lock()
        .unwrap()
        .iter()
        .map(|i| i.max_results())
        .collect();
    assert_eq!(sizes, [Some(200); 3]);
}

#[tokio::test]
async fn copy_jobs_arrive_page_by_page() {
    let job_id = |n: usize, k: usize| format!("copy-{n}-{k}");
    let (rules, inputs) = three_pages!(Client::list_copy_jobs, next_token, |n, next| {
        let job = |k: usize| {
            bk::CopyJob::builder()
                .copy_job_id(job_id(n, k))
                .state(bk::CopyJobState::Completed)
                .resource_arn(table_arn(n, k))
                .source_recovery_point_arn(point_arn(n, k))
                .destination_backup_vault_arn(
                    "arn:aws:backup:eu-west-1:123456789012:backup-vault:dr",
                )
                .creation_date(DateTime::from_secs(1_700_000_000))
                .build()
        };
        ListCopyJobsOutput::builder()
            .copy_jobs(job(1))
            .copy_jobs(job(2))
            .set_next_token(next)
            .build()
    });
    let h = Harness::new(&refs(&rules));
    let pages = ok_pages(h.backend.list_copy_jobs("us-east-1")).await;
    assert_eq!(keys(&pages, |j| j.id.to_string()), expected(job_id));
    assert_eq!(
        keys(&pages, |j| j.source_recovery_point_arn.to_string()),
        expected(point_arn)
    );
    let first = &pages[0].items[0];
    assert_eq!(first.state, CopyJobState::Completed);
    assert_eq!(first.resource_type, ResourceType::DynamoDB);
    assert_three_pages(&pages, &rules);
    let sizes: Vec<_> = inputs
        .lock()
        .unwrap()
        .iter()
        .map(|i| i.max_results())
        .collect();
    assert_eq!(sizes, [Some(200); 3]);
}

#[tokio::test]
async fn backup_jobs_arrive_page_by_page() {
    let job_id = |n: usize, k: usize| format!("backup-{n}-{k}");
    let (rules, inputs) = three_pages!(Client::list_backup_jobs, next_token, |n, next| {
        let job = |k: usize| {
            bk::BackupJob::builder()
                .backup_job_id(job_id(n, k))
                .state(bk::BackupJobState::Failed)
                .status_message("Insufficient privileges")
                .resource_arn(table_arn(n, k))
                .backup_vault_name("main")
                .creation_date(DateTime::from_secs(1_700_000_000))
                .build()
        };
        ListBackupJobsOutput::builder()
            .backup_jobs(job(1))
            .backup_jobs(job(2))
            .set_next_token(next)
            .build()
    });
    let h = Harness::new(&refs(&rules));
    let pages = ok_pages(h.backend.list_backup_jobs("us-east-1")).await;
    assert_eq!(keys(&pages, |j| j.id.to_string()), expected(job_id));
    assert_eq!(
        keys(&pages, |j| j.resource_arn.to_string()),
        expected(table_arn)
    );
    let first = &pages[0].items[0];
    assert_eq!(first.state, BackupJobState::Failed);
    assert_eq!(
        first.status_message.as_deref(),
        Some("Insufficient privileges")
    );
    assert_eq!(first.vault_name.as_str(), "main");
    assert_three_pages(&pages, &rules);
    let sizes: Vec<_> = inputs
        .lock()
        .unwrap()
        .iter()
        .map(|i| i.max_results())
        .collect();
    assert_eq!(sizes, [Some(200); 3]);
}

#[tokio::test]
async fn ten_thousand_points_stream_in_order_over_a_hundred_pages() {
    const PAGES: usize = 100;
    const PER_PAGE: usize = 100;
    let arn = |i: usize| format!("arn:aws:backup:us-east-1:{ACCOUNT}:recovery-point:rp-{i:05}");
    let rule =
        mock!(Client::list_recovery_points_by_backup_vault).then_compute_output(move |input| {
            let page = match input.next_token() {
                None => 0,
                Some(t) => t
                    .trim_start_matches('p')
                    .parse::<usize>()
                    .expect("our token"),
            };
            let points = (page * PER_PAGE..(page + 1) * PER_PAGE).map(|i| {
                bk::RecoveryPointByBackupVault::builder()
                    .recovery_point_arn(arn(i))
                    .backup_vault_name("big")
                    .status(bk::RecoveryPointStatus::Completed)
                    .build()
            });
            ListRecoveryPointsByBackupVaultOutput::builder()
                .set_recovery_points(Some(points.collect()))
                .set_next_token((page + 1 < PAGES).then(|| format!("p{}", page + 1)))
                .build()
        });
    let h = Harness::new(&[&rule]);
    let pages = ok_pages(h.backend.list_recovery_points_by_vault("us-east-1", "big")).await;
    assert_eq!(pages.len(), PAGES);
    assert_eq!(rule.num_calls(), PAGES);
    assert!(pages[..PAGES - 1].iter().all(|p| p.next.is_some()));
    assert_eq!(pages[PAGES - 1].next, None);
    let got: Vec<String> = pages
        .iter()
        .flat_map(|p| &p.items)
        .map(|p| p.arn.to_string())
        .collect();
    let want: Vec<String> = (0..PAGES * PER_PAGE).map(arn).collect();
    assert_eq!(got.len(), 10_000);
    assert!(got == want, "the 10,000 points arrive in order");
}
