//! Deleting recovery points: one, or every EXPIRED one of a resource or vault, after a typed
//! confirmation naming the count; refusals explained, progress and per-item failures shown.

use super::Nav;
use crate::domain::RecoveryPoint;
use crate::remote::Ctx;

/// Deletes `rp` (after confirmation), or says why it cannot be deleted. TEMPORARY stub.
pub fn delete_one(rp: RecoveryPoint, _region: &str, _ctx: &mut Ctx) -> Nav {
    Nav::Notice {
        text: format!("TEMPORARY: deleting {} is not built yet", rp.short_id()),
        is_error: true,
    }
}

/// Deletes the EXPIRED ones of `points` (those of `scope`, a resource or vault name).
/// TEMPORARY stub.
pub fn delete_expired(
    _points: Vec<RecoveryPoint>,
    scope: &str,
    _region: &str,
    _ctx: &mut Ctx,
) -> Nav {
    Nav::Notice {
        text: format!(
            "TEMPORARY: deleting the EXPIRED recovery points of {scope} is not built yet"
        ),
        is_error: true,
    }
}
