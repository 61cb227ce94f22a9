//! On-demand backups in the demo account: StartBackupJob, its job running to its end, and the
//! recovery point it leaves.

use super::fixtures::{Account, Rng};
use super::invalid;
use crate::backend::BackendError;
use crate::domain::backup::BackupRequest;

/// The backup jobs started here (TEMPORARY: filled in by the on-demand backup work).
#[derive(Default)]
pub struct BackupBook {}

/// StartBackupJob. TEMPORARY stub.
pub fn start(
    _account: &mut Account,
    _book: &mut BackupBook,
    _ids: &mut Rng,
    request: &BackupRequest,
) -> Result<String, BackendError> {
    Err(invalid(format!(
        "TEMPORARY: on-demand backup of {} not yet in the demo",
        request.resource_name
    )))
}
