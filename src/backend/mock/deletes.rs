//! Deleting recovery points in the demo account (DeleteRecoveryPoint), with AWS's refusals.

use super::fixtures::Account;
use super::{invalid, not_found};
use crate::backend::BackendError;
use crate::domain::RecoveryPointStatus;
use crate::domain::delete::DeleteRequest;

/// DeleteRecoveryPoint: removes the recovery point from its Region (both listings read the
/// same points, and vault counts are counted from them), or refuses as AWS would.
pub fn delete(account: &mut Account, request: &DeleteRequest) -> Result<(), BackendError> {
    let data = account.region_mut(&request.region);
    let Some(vault) = data.vaults.iter().find(|v| *v.name == request.vault_name) else {
        return Err(not_found(format!(
            "ResourceNotFoundException: Backup vault {} does not exist in {}",
            request.vault_name, request.region
        )));
    };
    let Some(index) = data.recovery_points.iter().position(|rp| {
        *rp.arn == request.recovery_point_arn && *rp.vault_name == request.vault_name
    }) else {
        return Err(not_found(format!(
            "ResourceNotFoundException: Recovery point {} does not exist in backup vault {}",
            request.recovery_point_arn, request.vault_name
        )));
    };
    if vault.locked {
        return Err(invalid(format!(
            "InvalidRequestException: Recovery point {} cannot be deleted: backup vault {} is \
             locked by Vault Lock, and its recovery points are deleted when their retention \
             period ends",
            request.recovery_point_arn, request.vault_name
        )));
    }
    if data.recovery_points[index].status == RecoveryPointStatus::Deleting {
        return Err(invalid(format!(
            "InvalidResourceStateException: Recovery point {} is already being deleted",
            request.recovery_point_arn
        )));
    }
    let gone = data.recovery_points.remove(index);
    // The resource's last backup stays when it happened; only a pointer to the point just
    // deleted moves to the newest point left (or goes, when none is left).
    let newest = data
        .recovery_points
        .iter()
        .filter(|rp| rp.resource_arn == gone.resource_arn)
        .max_by_key(|rp| rp.created)
        .cloned();
    if let Some(resource) = data
        .resources
        .iter_mut()
        .find(|r| r.arn == gone.resource_arn && r.last_recovery_point_arn == Some(gone.arn.clone()))
    {
        match newest {
            Some(rp) => {
                resource.last_backup = Some(rp.created);
                resource.last_backup_vault_arn = Some(rp.vault_arn);
                resource.last_recovery_point_arn = Some(rp.arn);
            }
            None => resource.last_recovery_point_arn = None,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::ErrorKind;
    use crate::backend::mock::fixtures::{HOME_REGION, seed};
    use crate::domain::RecoveryPoint;

    fn points_of(account: &Account, resource: &str) -> Vec<RecoveryPoint> {
        account
            .region(HOME_REGION)
            .recovery_points
            .iter()
            .filter(|rp| &*rp.resource_name == resource)
            .cloned()
            .collect()
    }

    fn first(account: &Account, resource: &str, status: RecoveryPointStatus) -> RecoveryPoint {
        points_of(account, resource)
            .into_iter()
            .find(|rp| rp.status == status)
            .expect("a seeded point with that status")
    }

    fn request_for(rp: &RecoveryPoint) -> DeleteRequest {
        DeleteRequest::for_point(rp, HOME_REGION)
    }

    #[test]
    fn an_expired_point_is_removed_from_its_resource_and_vault() {
        let mut account = seed(0);
        let rp = first(&account, "acme-media", RecoveryPointStatus::Expired);
        let in_vault = |a: &Account| {
            a.region(HOME_REGION)
                .recovery_points
                .iter()
                .filter(|p| p.vault_name == rp.vault_name)
                .count()
        };
        let (before, vault_before) = (points_of(&account, "acme-media").len(), in_vault(&account));
        delete(&mut account, &request_for(&rp)).unwrap();
        let after = points_of(&account, "acme-media");
        assert_eq!(after.len(), before - 1);
        assert!(after.iter().all(|p| p.arn != rp.arn));
        assert_eq!(in_vault(&account), vault_before - 1);
    }

    #[test]
    fn deleting_the_newest_point_moves_the_resources_last_backup_to_the_next() {
        let mut account = seed(0);
        let points = points_of(&account, "web-server-1");
        let newest = points.iter().max_by_key(|rp| rp.created).unwrap().clone();
        delete(&mut account, &request_for(&newest)).unwrap();
        let next = points_of(&account, "web-server-1")
            .into_iter()
            .max_by_key(|rp| rp.created)
            .unwrap();
        let resource = account
            .region(HOME_REGION)
            .resources
            .iter()
            .find(|r| &*r.name == "web-server-1")
            .unwrap()
            .clone();
        assert_eq!(resource.last_recovery_point_arn, Some(next.arn));
        assert_eq!(resource.last_backup, Some(next.created));
    }

    #[test]
    fn an_unknown_vault_is_not_found() {
        let mut account = seed(0);
        let mut req = request_for(&first(&account, "acme-media", RecoveryPointStatus::Expired));
        req.vault_name = "no-such-vault".into();
        let err = delete(&mut account, &req).unwrap_err();
        assert_eq!(err.kind, ErrorKind::NotFound);
        assert_eq!(
            err.message,
            "ResourceNotFoundException: Backup vault no-such-vault does not exist in us-east-1"
        );
    }

    #[test]
    fn an_unknown_point_is_not_found_and_a_second_delete_too() {
        let mut account = seed(0);
        let rp = first(&account, "acme-media", RecoveryPointStatus::Expired);
        delete(&mut account, &request_for(&rp)).unwrap();
        let err = delete(&mut account, &request_for(&rp)).unwrap_err();
        assert_eq!(err.kind, ErrorKind::NotFound);
        assert_eq!(
            err.message,
            format!(
                "ResourceNotFoundException: Recovery point {} does not exist in backup vault \
                 prod-daily",
                rp.arn
            )
        );
    }

    #[test]
    fn a_point_in_a_locked_vault_is_refused_and_kept() {
        let mut account = seed(0);
        let rp = first(&account, "shared-home", RecoveryPointStatus::Completed);
        assert_eq!(&*rp.vault_name, "compliance-locked");
        let err = delete(&mut account, &request_for(&rp)).unwrap_err();
        assert_eq!(err.kind, ErrorKind::InvalidInput);
        assert!(
            err.message.starts_with("InvalidRequestException: ")
                && err
                    .message
                    .contains("compliance-locked is locked by Vault Lock"),
            "{}",
            err.message
        );
        assert!(
            points_of(&account, "shared-home")
                .iter()
                .any(|p| p.arn == rp.arn)
        );
    }

    #[test]
    fn a_point_already_deleting_is_refused() {
        let mut account = seed(0);
        let rp = first(&account, "orders", RecoveryPointStatus::Deleting);
        let err = delete(&mut account, &request_for(&rp)).unwrap_err();
        assert_eq!(err.kind, ErrorKind::InvalidInput);
        assert_eq!(
            err.message,
            format!(
                "InvalidResourceStateException: Recovery point {} is already being deleted",
                rp.arn
            )
        );
    }
}
