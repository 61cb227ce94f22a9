//! Hosts the S3 wizards (create a bucket, enable versioning, add a replication rule): every
//! key goes to the `WizardHost`; the wizard loads what it needs through `Wizard::wanted`.

use super::wizard_host::WizardHost;
use super::{Nav, Screen};
use crate::action::{Command, Loaded, RequestId};
use crate::backend::BackendError;
use crate::domain::restore::Bucket;
use crate::keymap::KeyContext;
use crate::palette::Section;
use crate::remote::Ctx;
use crate::ui::UiCtx;
use crate::wizard::After;
use crate::wizard::Wizard;
use crate::wizard::bucket::{CreateBucketWizard, VersioningWizard};
use crate::wizard::replication::ReplicationWizard;
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;

pub struct S3WizardScreen {
    host: WizardHost,
    crumb: String,
}

impl S3WizardScreen {
    fn new(wizard: Box<dyn Wizard>, crumb: String) -> Self {
        S3WizardScreen {
            host: WizardHost::new(wizard),
            crumb,
        }
    }

    /// A new bucket in `region` (its default Region), versioned unless turned off.
    pub fn create_bucket(region: &str) -> Self {
        let wizard = CreateBucketWizard::new(region);
        Self::new(Box::new(wizard), "Create bucket".into())
    }

    /// PutBucketVersioning on `bucket`, after its review.
    pub fn enable_versioning(bucket: &Bucket) -> Self {
        let wizard = VersioningWizard::new(&bucket.region, &bucket.name);
        Self::new(Box::new(wizard), "Enable versioning".into())
    }

    /// A new replication rule on `source`, added to its configuration.
    pub fn add_rule(source: &Bucket, ctx: &Ctx) -> Self {
        let wizard = ReplicationWizard::new(source.clone(), &ctx.session.account_id);
        Self::new(Box::new(wizard), "Add replication rule".into())
    }
}

impl Screen for S3WizardScreen {
    fn section(&self) -> Section {
        Section::Buckets
    }

    fn crumb(&self) -> String {
        self.crumb.clone()
    }

    fn key_contexts(&self) -> &'static [KeyContext] {
        &[]
    }

    fn hints(&self) -> &'static [Command] {
        &[]
    }

    fn start(&mut self, ctx: &mut Ctx) {
        self.host.load_wanted(ctx);
    }

    /// Every key goes to the host (`handle_key`).
    fn handle(&mut self, _cmd: Command, _ctx: &mut Ctx) -> Nav {
        Nav::Stay
    }

    fn handle_key(&mut self, key: &KeyEvent, ctx: &mut Ctx) -> Option<Nav> {
        Some(self.host.handle_key(key, ctx))
    }

    fn pending(&self) -> Vec<RequestId> {
        self.host.pending()
    }

    fn on_loaded(&mut self, req: RequestId, data: Loaded, done: bool) {
        self.host.on_loaded(req, data, done);
    }

    fn on_failed(&mut self, req: RequestId, error: BackendError) {
        self.host.on_failed(req, error);
    }

    fn on_submitted(
        &mut self,
        req: RequestId,
        result: &Result<String, BackendError>,
        ctx: &mut Ctx,
    ) -> Option<After> {
        self.host.on_submitted(req, result, ctx)
    }

    fn render(&self, frame: &mut Frame, area: Rect, ui: &UiCtx) {
        self.host.render(frame, area, ui, &[]);
    }
}
