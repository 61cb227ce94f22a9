//! The demo account's listings, one page at a time by continuation token, as AWS serves them.

use super::{MockBackend, Operation, State, backups, copy};
use crate::backend::{BackendError, ErrorKind, PageResult};
use crate::domain::plan::BackupPlan;
use crate::domain::{
    BackupJob, BackupVault, CopyJob, ProtectedResource, RecoveryPoint, RestoreJob,
};

/// Listings one page at a time, by continuation token, as AWS serves them.
impl MockBackend {
    pub fn list_protected_resources_page<'a>(
        &'a self,
        region: &'a str,
        token: Option<String>,
    ) -> PageResult<'a, ProtectedResource> {
        Box::pin(self.list(
            Operation::ListProtectedResources,
            region,
            None,
            token,
            move |account, offset| {
                self.page_of(account.region(region).resources.iter().cloned(), offset)
            },
        ))
    }

    pub fn list_recovery_points_by_resource_page<'a>(
        &'a self,
        region: &'a str,
        resource_arn: &'a str,
        token: Option<String>,
    ) -> PageResult<'a, RecoveryPoint> {
        Box::pin(async move {
            let page = self
                .list(
                    Operation::ListRecoveryPointsByResource,
                    region,
                    Some(resource_arn),
                    token,
                    |account, offset| {
                        let data = account.region(region);
                        if !data.resources.iter().any(|r| &*r.arn == resource_arn) {
                            return None;
                        }
                        let points = data
                            .recovery_points
                            .iter()
                            .filter(|rp| &*rp.resource_arn == resource_arn)
                            .cloned();
                        Some(self.page_of(points, offset))
                    },
                )
                .await?;
            page.ok_or_else(|| {
                BackendError::new(
                    ErrorKind::NotFound,
                    format!("Resource {resource_arn} has no recovery points in {region}"),
                )
            })
        })
    }

    pub fn list_backup_vaults_page<'a>(
        &'a self,
        region: &'a str,
        token: Option<String>,
    ) -> PageResult<'a, BackupVault> {
        Box::pin(self.list(
            Operation::ListBackupVaults,
            region,
            None,
            token,
            move |account, offset| {
                let data = account.region(region);
                let vaults = data.vaults.iter().map(|v| BackupVault {
                    recovery_points: data
                        .recovery_points
                        .iter()
                        .filter(|rp| rp.vault_name == v.name)
                        .count() as u64,
                    ..v.clone()
                });
                self.page_of(vaults, offset)
            },
        ))
    }

    pub fn list_recovery_points_by_vault_page<'a>(
        &'a self,
        region: &'a str,
        vault_name: &'a str,
        token: Option<String>,
    ) -> PageResult<'a, RecoveryPoint> {
        Box::pin(async move {
            let page = self
                .list(
                    Operation::ListRecoveryPointsByBackupVault,
                    region,
                    Some(vault_name),
                    token,
                    |account, offset| {
                        let data = account.region(region);
                        if !data.vaults.iter().any(|v| &*v.name == vault_name) {
                            return None;
                        }
                        let points = data
                            .recovery_points
                            .iter()
                            .filter(|rp| &*rp.vault_name == vault_name)
                            .cloned();
                        Some(self.page_of(points, offset))
                    },
                )
                .await?;
            page.ok_or_else(|| {
                BackendError::new(
                    ErrorKind::NotFound,
                    format!("Backup vault {vault_name} does not exist in {region}"),
                )
            })
        })
    }

    pub fn list_backup_jobs_page<'a>(
        &'a self,
        region: &'a str,
        token: Option<String>,
    ) -> PageResult<'a, BackupJob> {
        Box::pin(async move {
            self.delay().await;
            let offset = self.begin(Operation::ListBackupJobs, region, None, token.as_deref())?;
            let mut state = self.lock();
            let State {
                account,
                backups,
                ids,
                ..
            } = &mut *state;
            // One listing is one poll: only its first page moves the Region's jobs on.
            if offset == 0 {
                backups::advance_region(account, backups, ids, region);
            }
            Ok(self.page_of(account.region(region).backup_jobs.iter().cloned(), offset))
        })
    }

    pub fn list_restore_jobs_page<'a>(
        &'a self,
        region: &'a str,
        token: Option<String>,
    ) -> PageResult<'a, RestoreJob> {
        Box::pin(self.list(
            Operation::ListRestoreJobs,
            region,
            None,
            token,
            move |a, o| self.page_of(a.region(region).restore_jobs.iter().cloned(), o),
        ))
    }

    pub fn list_copy_jobs_page<'a>(
        &'a self,
        region: &'a str,
        token: Option<String>,
    ) -> PageResult<'a, CopyJob> {
        Box::pin(async move {
            self.delay().await;
            let offset = self.begin(Operation::ListCopyJobs, region, None, token.as_deref())?;
            let mut state = self.lock();
            let State {
                account,
                copies,
                ids,
                ..
            } = &mut *state;
            // One listing is one poll: only its first page moves the Region's jobs on.
            if offset == 0 {
                copy::advance_region(account, copies, ids, region);
            }
            Ok(self.page_of(account.region(region).copy_jobs.iter().cloned(), offset))
        })
    }

    pub fn list_backup_plans_page<'a>(
        &'a self,
        region: &'a str,
        token: Option<String>,
    ) -> PageResult<'a, BackupPlan> {
        Box::pin(self.list(
            Operation::ListBackupPlans,
            region,
            None,
            token,
            move |a, o| self.page_of(a.region(region).plans.iter().map(|p| p.plan.clone()), o),
        ))
    }
}
