//! Editing a backup plan (UpdateBackupPlan): loads the plan, then hosts the plan wizard over
//! its current version; from a PARTIAL recovery point it opens the rule that made it.

use super::Nav;
use crate::domain::RecoveryPoint;
use crate::remote::Ctx;

/// "Increase the backup window" of a PARTIAL recovery point. TEMPORARY stub.
pub fn raise_window(rp: RecoveryPoint, _region: &str, _ctx: &mut Ctx) -> Nav {
    Nav::Notice {
        text: format!(
            "TEMPORARY: editing the rule of {} is not built yet",
            rp.short_id()
        ),
        is_error: true,
    }
}
