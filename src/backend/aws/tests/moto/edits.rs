//! Editing plans, backing up and deleting against moto: what an editor starts from, what a
//! locked vault looks like to the delete screen, and how the calls moto lacks fail.

use super::rig::{ACCOUNT_ID, REGION};
use super::{Emulator, MAX_ATTEMPTS, items, ok_pages, plan_request, vault};
use crate::backend::{BackupBackend, ErrorKind};
use crate::domain::backup::BackupRequest;
use crate::domain::delete::DeleteRequest;
use crate::domain::plan::PlanUpdateRequest;

#[tokio::test]
async fn a_plan_reads_back_as_an_editor_needs_it_and_moto_cannot_update_it() {
    let emu = Emulator::start();
    let request = plan_request("daily-dr", "backup-tui-plan-1");
    let id = emu
        .backend
        .create_backup_plan(&request)
        .await
        .expect("CreateBackupPlan");
    let details = emu
        .backend
        .get_backup_plan(REGION, &id)
        .await
        .expect("GetBackupPlan");
    assert!(!details.plan.version_id.is_empty(), "{details:?}");
    let [rule] = details.rules.as_slice() else {
        panic!("one rule: {:?}", details.rules);
    };
    let rule_id = rule.id.as_deref().expect("moto gives each rule a RuleId");
    assert!(!rule_id.is_empty());
    assert_eq!(rule.name, "daily");

    // The editor sends the plan it read back, one rule changed; moto lacks UpdateBackupPlan.
    let mut edited = rule.clone();
    edited.schedule = "cron(0 4 ? * * *)".to_string();
    let update = PlanUpdateRequest {
        region: REGION.to_string(),
        plan_id: id.clone(),
        name: details.plan.name.to_string(),
        rules: vec![edited],
    };
    let error = emu
        .backend
        .update_backup_plan(&update)
        .await
        .expect_err("moto has no UpdateBackupPlan");
    assert_eq!(error.kind, ErrorKind::NotImplemented, "{error:?}");
    assert!(
        error.message.contains("backup:UpdateBackupPlan"),
        "{error:?}"
    );
    assert!(error.message.contains(&emu.moto.endpoint), "{error:?}");
    // moto answers a bare HTTP 500, which the SDK retries as a server fault.
    let posts: Vec<(String, u16)> = emu
        .moto
        .requests_with_status()
        .into_iter()
        .filter(|(request, _)| request.starts_with("POST "))
        .collect();
    assert_eq!(
        posts,
        vec![(format!("POST /backup/plans/{id}"), 500); MAX_ATTEMPTS as usize]
    );
    // The plan is unchanged.
    let again = emu
        .backend
        .get_backup_plan(REGION, &id)
        .await
        .expect("GetBackupPlan");
    assert_eq!(again, details);
}

#[tokio::test]
async fn a_locked_vault_is_listed_with_its_retention_limits() {
    let emu = Emulator::start();
    for name in ["locked", "open"] {
        emu.cli(&format!(
            "backup create-backup-vault --backup-vault-name {name}"
        ));
    }
    // The program never locks a vault: a raw SDK client does it here.
    let raw = aws_sdk_backup::Client::new(&emu.config);
    raw.put_backup_vault_lock_configuration()
        .backup_vault_name("locked")
        .min_retention_days(7)
        .max_retention_days(3650)
        .send()
        .await
        .expect("PutBackupVaultLockConfiguration");

    let mut listed = items(ok_pages(emu.backend.list_backup_vaults(REGION)).await);
    listed.sort_by(|a, b| a.name.cmp(&b.name));
    let [locked, open] = listed.as_slice() else {
        panic!("two vaults: {listed:?}");
    };
    assert_eq!(
        (&*locked.name, &*locked.arn),
        (
            vault(REGION, "locked").0.as_str(),
            vault(REGION, "locked").1.as_str()
        )
    );
    assert!(locked.locked);
    assert_eq!(locked.min_retention_days, Some(7));
    assert_eq!(locked.max_retention_days, Some(3650));
    assert_eq!(locked.lock_label(), "Locked (7-3650 days)");
    assert!(!open.locked);
    assert_eq!(
        (open.min_retention_days, open.max_retention_days),
        (None, None)
    );
}

#[tokio::test]
async fn backing_up_and_deleting_are_not_implemented_by_moto() {
    let emu = Emulator::start();
    let backup = BackupRequest {
        region: REGION.to_string(),
        vault_name: "main".to_string(),
        resource_arn: format!("arn:aws:dynamodb:{REGION}:{ACCOUNT_ID}:table/orders"),
        resource_name: "orders".to_string(),
        iam_role_arn: format!("arn:aws:iam::{ACCOUNT_ID}:role/backup"),
        idempotency_token: "token-backup-1".to_string(),
        start_window_minutes: None,
        complete_window_minutes: None,
        lifecycle: None,
    };
    let point = format!("arn:aws:backup:{REGION}:{ACCOUNT_ID}:recovery-point:p-1");
    let delete = DeleteRequest {
        region: REGION.to_string(),
        vault_name: "main".to_string(),
        recovery_point_arn: point.clone(),
        resource_name: "orders".to_string(),
    };
    let b = &emu.backend;
    let results = [
        (
            b.start_backup_job(&backup).await.map(drop),
            "backup:StartBackupJob",
        ),
        (
            b.delete_recovery_point(&delete).await,
            "backup:DeleteRecoveryPoint",
        ),
    ];
    for (result, action) in results {
        let error = result.expect_err(action);
        assert_eq!(error.kind, ErrorKind::NotImplemented, "{error:?}");
        assert!(error.message.contains(action), "{error:?}");
    }
    // Each sent once (a 404 is not retried).
    assert_eq!(
        emu.moto.requests_with_status(),
        [
            ("PUT /backup-jobs".to_string(), 404),
            (
                format!("DELETE /backup-vaults/main/recovery-points/{point}"),
                404
            ),
        ]
    );
}
