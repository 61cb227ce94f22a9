//! Opens the S3 wizards (create a bucket, enable versioning, add a replication rule); each
//! loads what it needs through `Wizard::wanted`.

use super::wizard_screen::WizardScreen;
use crate::domain::restore::Bucket;
use crate::palette::Section;
use crate::remote::Ctx;
use crate::wizard::bucket::{CreateBucketWizard, VersioningWizard};
use crate::wizard::replication::ReplicationWizard;

/// A new bucket in `region` (its default Region), versioned unless turned off.
pub fn create_bucket(region: &str) -> WizardScreen {
    let wizard = CreateBucketWizard::new(region);
    WizardScreen::new(Box::new(wizard), Section::Buckets, "Create bucket")
}

/// PutBucketVersioning on `bucket`, after its review.
pub fn enable_versioning(bucket: &Bucket) -> WizardScreen {
    let wizard = VersioningWizard::new(&bucket.region, &bucket.name);
    WizardScreen::new(Box::new(wizard), Section::Buckets, "Enable versioning")
}

/// A new replication rule on `source`, added to its configuration.
pub fn add_rule(source: &Bucket, ctx: &Ctx) -> WizardScreen {
    let wizard = ReplicationWizard::new(source.clone(), &ctx.session.account_id);
    WizardScreen::new(Box::new(wizard), Section::Buckets, "Add replication rule")
}
