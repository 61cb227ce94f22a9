use super::*;

fn restore(id: &str) -> Followed {
    Followed {
        kind: JobKind::Restore,
        region: "us-east-1".into(),
        id: id.into(),
    }
}

#[test]
fn a_uuid_is_shortened_to_its_first_block_and_other_ids_are_kept() {
    assert_eq!(short_id("F91A6AFE-B58B-81E7-A5F0-9F04642AD1EB"), "F91A6AFE");
    assert_eq!(short_id("copy-job-7"), "copy-job-7");
    assert_eq!(short_id(""), "");
}

#[test]
fn polls_back_off_to_thirty_seconds() {
    let waits: Vec<u64> = (0..8).map(|n| backoff(n).as_secs()).collect();
    assert_eq!(waits, vec![1, 2, 4, 8, 16, 30, 30, 30]);
}

#[test]
fn only_its_own_replies_reschedule() {
    let mut t = JobTracker::default();
    let first = t.track(restore("J1"), 7);
    assert!(matches!(first, Effect::Poll { req: 7, after, .. } if after == Duration::from_secs(1)));
    assert!(t.owns(7));
    assert_eq!(t.on_failure(99, 100), None);
    let again = t.on_failure(7, 8);
    assert!(
        matches!(again, Some(Effect::Poll { req: 8, after, .. }) if after == Duration::from_secs(2))
    );
    assert!(!t.owns(7) && t.owns(8));
}

#[test]
fn each_kind_is_followed_with_its_own_describe_call() {
    let mut t = JobTracker::default();
    let kinds = [
        (JobKind::Backup, "DescribeBackupJob"),
        (JobKind::Restore, "DescribeRestoreJob"),
        (JobKind::Copy, "DescribeCopyJob"),
        (JobKind::Batch, "DescribeBatchJob"),
    ];
    for (n, (kind, call)) in kinds.into_iter().enumerate() {
        let job = Followed {
            kind,
            region: "eu-west-1".into(),
            id: format!("job-{n}"),
        };
        let Effect::Poll { query, .. } = t.track(job, n as RequestId) else {
            panic!("not a poll");
        };
        assert!(format!("{query:?}").starts_with(call), "{query:?}");
        assert!(
            format!("{query:?}").contains(&format!("job-{n}")),
            "{query:?}"
        );
    }
}

#[test]
fn a_reply_of_another_kind_keeps_polling_without_a_word() {
    let mut t = JobTracker::default();
    t.track(restore("J1"), 1);
    let (said, next) = t.on_reply(1, &Loaded::Tables(Vec::new()), 2);
    assert_eq!(said, None);
    assert!(matches!(next, Some(Effect::Poll { req: 2, .. })));
}

#[test]
fn a_completed_backup_names_its_point_and_vault_in_a_line_that_fits_80_columns() {
    use crate::domain::{BackupJob, BackupJobState, ResourceType};
    let mut t = JobTracker::default();
    let job = Followed {
        kind: JobKind::Backup,
        region: "us-east-1".into(),
        id: "F91A6AFE-B58B-81E7-A5F0-9F04642AD1EB".into(),
    };
    t.track(job, 1);
    let done = BackupJob {
        id: "F91A6AFE-B58B-81E7-A5F0-9F04642AD1EB".into(),
        state: BackupJobState::Completed,
        status_message: None,
        resource_arn: "arn:aws:dynamodb:us-east-1:123456789012:table/orders".into(),
        resource_name: "orders".into(),
        resource_type: ResourceType::DynamoDB,
        vault_name: "prod-daily".into(),
        recovery_point_arn: Some(
            "arn:aws:backup:us-east-1:123456789012:recovery-point:97B50229-64CC-F32E-6EA4-6F69B8506539"
                .into(),
        ),
        created: time::OffsetDateTime::UNIX_EPOCH,
        completed: None,
        size_bytes: None,
        percent_done: Some(100),
        iam_role_arn: "arn:aws:iam::123456789012:role/backup".into(),
    };
    let (said, next) = t.on_reply(1, &Loaded::BackupJob(Box::new(done)), 2);
    assert_eq!(next, None, "an ended job is not polled again");
    let said = said.expect("the end is said");
    assert_eq!(
        said.text,
        "Backup job F91A6AFE COMPLETED: recovery point 97B50229 in prod-daily"
    );
    assert!(said.ended && !said.is_error);
    assert!(t.is_empty());
}
