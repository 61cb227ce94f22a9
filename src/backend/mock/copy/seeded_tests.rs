//! The seeded copy jobs still under way: polls move them on and end them as they end a job
//! started in the session, their copies landing in the destination vault.

use super::tests::poll_to_end;
use super::*;
use crate::backend::BackupBackend;
use crate::backend::mock::fixtures::{self, HOME_REGION};
use crate::backend::mock::{MockBackend, MockOptions};
use futures::TryStreamExt;

fn mock() -> MockBackend {
    MockBackend::new(MockOptions::default())
}

/// The seeded copy job of `resource` in us-east-1, as the account holds it now.
fn job_of(mock: &MockBackend, resource: &str) -> CopyJob {
    job_in(&mock.lock().account, resource)
}

fn job_in(account: &Account, resource: &str) -> CopyJob {
    account
        .region(HOME_REGION)
        .copy_jobs
        .iter()
        .find(|j| &*j.resource_name == resource)
        .cloned()
        .unwrap_or_else(|| panic!("no seeded copy job of {resource}"))
}

fn dr_west_points(mock: &MockBackend) -> Vec<RecoveryPoint> {
    let state = mock.lock();
    let data = state.account.region("us-west-2");
    data.recovery_points
        .iter()
        .filter(|rp| &*rp.vault_name == "dr-west")
        .cloned()
        .collect()
}

/// Lists us-east-1's copy jobs to the last page: one poll.
async fn list_home(mock: &MockBackend) -> Vec<CopyJob> {
    mock.list_copy_jobs(HOME_REGION)
        .map_ok(|page| page.items)
        .try_concat()
        .await
        .unwrap()
}

#[tokio::test]
async fn seeded_jobs_under_way_end_completed_when_described_with_copies_in_dr_west() {
    let mock = mock();
    let before = dr_west_points(&mock).len();
    for (resource, seeded_as, states) in [
        (
            "web-server-1",
            CopyJobState::Created,
            vec![
                CopyJobState::Running,
                CopyJobState::Running,
                CopyJobState::Completed,
            ],
        ),
        (
            "billing-db",
            CopyJobState::Running,
            vec![CopyJobState::Running, CopyJobState::Completed],
        ),
    ] {
        let seeded = job_of(&mock, resource);
        assert_eq!(seeded.state, seeded_as, "{resource}");
        let (seen, job) = poll_to_end(&mock, HOME_REGION, &seeded.id).await;
        assert_eq!(seen, states, "{resource}");
        assert_eq!(job.status_message, None);
        // Under way at the demo's clock, so it ends after it.
        assert_eq!(
            job.completed,
            Some(DEMO_NOW + Duration::minutes(COPY_MINUTES))
        );
        assert_eq!(job.size_bytes, seeded.size_bytes);
        let copy_arn = job.destination_recovery_point_arn.expect("the copy's ARN");
        let copy = mock
            .describe_recovery_point("us-west-2", "dr-west", &copy_arn)
            .await
            .unwrap();
        assert_eq!(&*copy.resource_name, resource);
        assert_eq!(copy.status, RecoveryPointStatus::Completed);
        assert_eq!(copy.source_vault_arn, Some(seeded.source_vault_arn.clone()));
        assert_eq!(copy.iam_role_arn, seeded.iam_role_arn);
        // Ended jobs stay as they ended.
        let again = mock
            .describe_copy_job(HOME_REGION, &seeded.id)
            .await
            .unwrap();
        assert_eq!(again.state, CopyJobState::Completed);
        assert_eq!(
            again.destination_recovery_point_arn.as_deref(),
            Some(&*copy_arn)
        );
    }
    assert_eq!(dr_west_points(&mock).len(), before + 2);
}

#[tokio::test]
async fn a_listing_of_the_source_region_polls_its_seeded_jobs_and_other_regions_do_not() {
    // Two jobs a page: a listing of three pages is still one poll.
    let mock = MockBackend::new(MockOptions {
        page_size: 2,
        ..MockOptions::default()
    });
    let states = |jobs: &[CopyJob]| -> Vec<(String, CopyJobState)> {
        jobs.iter()
            .map(|j| (j.resource_name.to_string(), j.state))
            .collect()
    };
    let seeded = states(&mock.lock().account.region(HOME_REGION).copy_jobs);
    for _ in 0..4 {
        let west: Vec<CopyJob> = mock
            .list_copy_jobs("us-west-2")
            .map_ok(|page| page.items)
            .try_concat()
            .await
            .unwrap();
        assert!(west.is_empty());
    }
    assert_eq!(
        states(&mock.lock().account.region(HOME_REGION).copy_jobs),
        seeded,
        "polls of another Region move nothing"
    );
    let expect = |billing, web| {
        let mut expected = seeded.clone();
        for (name, state) in &mut expected {
            match name.as_str() {
                "billing-db" => *state = billing,
                "web-server-1" => *state = web,
                _ => {}
            }
        }
        expected
    };
    use CopyJobState::{Completed, Running};
    for (poll, billing, web) in [
        (1, Running, Running),
        (2, Completed, Running),
        (3, Completed, Completed),
        (4, Completed, Completed),
    ] {
        let listed = list_home(&mock).await;
        assert_eq!(states(&listed), expect(billing, web), "listing {poll}");
    }
}

#[tokio::test]
async fn the_seeded_jobs_end_the_same_way_in_every_run() {
    let (a, b) = (mock(), mock());
    for mock in [&a, &b] {
        for _ in 0..LAST_STEP {
            list_home(mock).await;
        }
    }
    assert_eq!(list_home(&a).await, list_home(&b).await);
    assert_eq!(dr_west_points(&a), dr_west_points(&b));
}

#[test]
fn a_seeded_job_that_the_copy_rules_fail_ends_failed_with_their_reason() {
    // The CREATED job made to copy the analytics cluster's newest snapshot, encrypted with the
    // customer managed prod-data key, to us-west-2: RDS cannot use the key there.
    let mut account = fixtures::seed(0);
    let snapshot = account
        .region(HOME_REGION)
        .recovery_points
        .iter()
        .filter(|rp| &*rp.resource_name == "analytics" && rp.kind == BackupKind::Snapshot)
        .filter(|rp| rp.status.is_restorable())
        .max_by_key(|rp| rp.created)
        .cloned()
        .expect("an analytics snapshot");
    let jobs = &mut account.region_mut(HOME_REGION).copy_jobs;
    let index = jobs
        .iter()
        .position(|j| &*j.resource_name == "web-server-1")
        .expect("the seeded web-server-1 job");
    let job = &mut jobs[index];
    let job_id = job.id.to_string();
    job.source_recovery_point_arn = snapshot.arn.clone();
    let copies_before = account.region("us-west-2").recovery_points.len();

    let mut book = CopyBook::new(&account);
    let mut ids = Rng::new(1);
    let mut seen = Vec::new();
    for _ in 0..LAST_STEP {
        let job = describe(&mut account, &mut book, &mut ids, HOME_REGION, &job_id).unwrap();
        seen.push(job.state);
    }
    assert_eq!(
        seen,
        [
            CopyJobState::Running,
            CopyJobState::Running,
            CopyJobState::Failed
        ]
    );
    let job = account.region(HOME_REGION).copy_jobs[index].clone();
    let message = job.status_message.as_deref().unwrap_or_default();
    assert!(
        message.starts_with("Access denied to KMS key") && message.contains("us-west-2"),
        "{message}"
    );
    assert_eq!(job.destination_recovery_point_arn, None);
    assert_eq!(
        account.region("us-west-2").recovery_points.len(),
        copies_before,
        "a failed copy leaves nothing in the destination"
    );
}
