//! The mock's IAM writes: a created role joins the account's roles, so later calls accept it.

use super::fixtures::{ACCOUNT_ID, Account};
use crate::backend::{BackendError, ErrorKind};
use crate::domain::restore::IamRole;
use crate::domain::role::{RolePolicyRequest, RoleRequest};

/// CreateRole: refused, as IAM does, when the name is taken (names are unique per account,
/// whatever their path).
pub fn create(account: &mut Account, request: &RoleRequest) -> Result<String, BackendError> {
    if account.roles.iter().any(|r| r.name == request.name) {
        return Err(BackendError::new(
            ErrorKind::InvalidInput,
            format!("Role with name {} already exists.", request.name),
        ));
    }
    let arn = request.arn(ACCOUNT_ID);
    account.roles.push(IamRole {
        name: request.name.clone(),
        arn: arn.clone(),
    });
    Ok(arn)
}

/// PutRolePolicy: the mock keeps no policies; it only checks that the role exists.
pub fn put_policy(account: &Account, request: &RolePolicyRequest) -> Result<(), BackendError> {
    if account.roles.iter().any(|r| r.name == request.role_name) {
        Ok(())
    } else {
        Err(BackendError::new(
            ErrorKind::NotFound,
            format!("The role with name {} cannot be found.", request.role_name),
        ))
    }
}
