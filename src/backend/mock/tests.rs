//! The demo account's write operations through the backend trait: read-only, faults, paging.

use super::*;
use crate::domain::Lifecycle;
use futures::TryStreamExt;

fn vault() -> VaultRequest {
    VaultRequest {
        region: "us-west-2".into(),
        name: "new-vault".into(),
        creator_request_id: "r-1".into(),
    }
}

fn copy() -> CopyRequest {
    CopyRequest {
        region: HOME_REGION.into(),
        recovery_point_arn: "arn:aws:backup:us-east-1:123456789012:recovery-point:X".into(),
        source_vault_name: "Default".into(),
        destination_vault_arn: "arn:aws:backup:us-west-2:123456789012:backup-vault:dr-west".into(),
        iam_role_arn: fixtures::BACKUP_ROLE.into(),
        idempotency_token: "t-1".into(),
        lifecycle: Some(Lifecycle::default()),
    }
}

fn plan() -> PlanRequest {
    PlanRequest {
        region: HOME_REGION.into(),
        name: "new-plan".into(),
        rules: Vec::new(),
        creator_request_id: "r-2".into(),
    }
}

fn settings() -> SettingsRequest {
    SettingsRequest {
        region: HOME_REGION.into(),
        opt_in: BTreeMap::from([("Timestream".to_string(), true)]),
        management: BTreeMap::new(),
    }
}

#[tokio::test]
async fn read_only_refuses_every_change_before_it_reaches_the_account() {
    let mock = MockBackend::new(MockOptions {
        read_only: true,
        ..MockOptions::default()
    });
    let errors = [
        mock.create_backup_vault(&vault()).await.unwrap_err(),
        mock.start_copy_job(&copy()).await.unwrap_err(),
        mock.create_backup_plan(&plan()).await.unwrap_err(),
        mock.update_region_settings(&settings()).await.unwrap_err(),
    ];
    let operations = [
        "CreateBackupVault",
        "StartCopyJob",
        "CreateBackupPlan",
        "UpdateRegionSettings",
    ];
    for (err, op) in errors.iter().zip(operations) {
        assert_eq!(err.kind, ErrorKind::ReadOnly);
        assert!(err.message.starts_with(op), "{}", err.message);
    }
    assert!(mock.calls().is_empty(), "nothing reached the account");
    assert!(mock.copy_requests().is_empty());
    // Reads still answer.
    let settings = mock.describe_region_settings(HOME_REGION).await.unwrap();
    assert!(!settings.is_opted_in("Timestream"));
}

#[tokio::test]
async fn injected_faults_reach_the_new_operations() {
    let mock = MockBackend::new(MockOptions::default());
    mock.fail_next(Operation::CreateBackupVault, Fault::Throttled, 1);
    mock.fail_next(Operation::UpdateRegionSettings, Fault::AccessDenied, 1);
    mock.fail_next(Operation::DescribeCopyJob, Fault::Timeout, 1);
    let err = mock.create_backup_vault(&vault()).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Throttled);
    mock.create_backup_vault(&vault()).await.unwrap();
    let err = mock.update_region_settings(&settings()).await.unwrap_err();
    assert!(
        err.message.contains("backup:UpdateRegionSettings"),
        "{}",
        err.message
    );
    let err = mock
        .describe_copy_job(HOME_REGION, "any")
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Timeout);
    mock.update_region_settings(&settings()).await.unwrap();
    assert!(
        mock.describe_region_settings(HOME_REGION)
            .await
            .unwrap()
            .is_opted_in("Timestream")
    );
    let ops: Vec<Operation> = mock.calls().iter().map(|c| c.op).collect();
    assert_eq!(
        ops,
        [
            Operation::CreateBackupVault,
            Operation::CreateBackupVault,
            Operation::UpdateRegionSettings,
            Operation::DescribeCopyJob,
            Operation::UpdateRegionSettings,
            Operation::DescribeRegionSettings,
        ]
    );
}

#[tokio::test]
async fn backup_plans_are_listed_page_by_page_and_described() {
    let mock = MockBackend::new(MockOptions {
        page_size: 2,
        ..MockOptions::default()
    });
    let pages: Vec<Page<BackupPlan>> = mock
        .list_backup_plans(HOME_REGION)
        .try_collect()
        .await
        .unwrap();
    let sizes: Vec<usize> = pages.iter().map(|p| p.items.len()).collect();
    assert_eq!(sizes, [2, 1]);
    let prod_dr = pages
        .iter()
        .flat_map(|p| &p.items)
        .find(|p| &*p.name == "prod-dr")
        .unwrap();
    let details = mock
        .get_backup_plan(HOME_REGION, &prod_dr.id)
        .await
        .unwrap();
    assert_eq!(&details.plan, prod_dr);
    assert_eq!(details.rules.len(), 2);
    mock.fail_on_page(Operation::ListBackupPlans, 1, Fault::Network);
    let err = mock
        .list_backup_plans(HOME_REGION)
        .try_collect::<Vec<_>>()
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Network);
}
