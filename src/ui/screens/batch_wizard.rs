//! Opens the Batch Replication job wizard; it loads what it needs (buckets, roles, the
//! source's replication configuration) through `Wizard::wanted`.

use super::wizard_screen::WizardScreen;
use crate::palette::Section;
use crate::remote::Ctx;
use crate::wizard::batch::{BatchContext, BatchWizard};

/// A job for the existing objects of `source_bucket` (in `region`, its Region); an empty
/// name asks for the bucket first. The client request token is made here, once per opening,
/// so a retried CreateJob makes one job.
pub fn open(region: &str, source_bucket: &str, ctx: &mut Ctx) -> WizardScreen {
    let wizard = BatchWizard::new(BatchContext {
        region: region.to_string(),
        account_id: ctx.session.account_id.clone(),
        source_bucket: source_bucket.to_string(),
        client_request_token: ctx.new_token(),
    });
    WizardScreen::new(
        Box::new(wizard),
        Section::Batch,
        "Create Batch Replication job",
    )
}
