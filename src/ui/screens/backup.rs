//! The on-demand backup of a protected resource (`b`): loads what the wizard needs, refuses a
//! service that is not opted in (with a jump to the setting), then hosts the backup wizard.

use super::Nav;
use crate::domain::ProtectedResource;
use crate::remote::Ctx;

/// Opens the on-demand backup of `resource`. TEMPORARY stub.
pub fn open(resource: ProtectedResource, _region: &str, _ctx: &mut Ctx) -> Nav {
    Nav::Notice {
        text: format!(
            "TEMPORARY: on-demand backup of {} is not built yet",
            resource.name
        ),
        is_error: true,
    }
}
