//! Deleting recovery points in the demo account (DeleteRecoveryPoint), with AWS's refusals.

use super::fixtures::Account;
use super::invalid;
use crate::backend::BackendError;
use crate::domain::delete::DeleteRequest;

/// DeleteRecoveryPoint. TEMPORARY stub.
pub fn delete(_account: &mut Account, request: &DeleteRequest) -> Result<(), BackendError> {
    Err(invalid(format!(
        "TEMPORARY: deleting {} not yet in the demo",
        request.recovery_point_arn
    )))
}
