//! The restore wizard screen: loads what the wizard needs, then hands it to the wizard host
//! (form, review of the exact request, confirmation, one submission).

use super::wizard_host::WizardHost;
use super::wizard_loading;
use super::{Nav, Screen};
use crate::action::{Command, Loaded, RequestId};
use crate::backend::BackendError;
use crate::domain::RecoveryPoint;
use crate::domain::restore::{Bucket, IamRole, KmsKey};
use crate::effect::Query;
use crate::keymap::KeyContext;
use crate::palette::Section;
use crate::remote::Ctx;
use crate::ui::UiCtx;
use crate::wizard::{self, After, RestoreContext};
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use std::collections::BTreeMap;

/// What the wizard needs from the account, filled in as the loads answer.
#[derive(Default)]
struct Inputs {
    metadata: Option<BTreeMap<String, String>>,
    buckets: Option<Vec<Bucket>>,
    keys: Option<Vec<KmsKey>>,
    roles: Option<Vec<IamRole>>,
    tables: Option<Vec<String>>,
}

/// The account lists a wizard chooses from. Unlike the restore metadata, each can be missing
/// (no permission to list it): the wizard then opens without it and says what to do instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AccountList {
    Buckets,
    Keys,
    Roles,
    Tables,
}

impl AccountList {
    /// "IAM roles could not be listed (…): enter a role ARN instead."
    fn missing(self, error: &BackendError) -> String {
        let (what, instead) = match self {
            AccountList::Buckets => ("S3 buckets", "restore into a new bucket instead"),
            AccountList::Keys => ("KMS keys", "enter a key ARN instead"),
            AccountList::Roles => ("IAM roles", "enter a role ARN instead"),
            AccountList::Tables => ("DynamoDB tables", "AWS will refuse a name in use"),
        };
        format!(
            "{what} could not be listed ({}): {instead}.",
            error.headline()
        )
    }
}

pub struct RestoreScreen {
    rp: RecoveryPoint,
    region: String,
    account_id: String,
    token: String,
    now: time::OffsetDateTime,
    inputs: Inputs,
    pending: Vec<RequestId>,
    /// Which pending load is which account list (the rest is the restore metadata).
    lists: Vec<(RequestId, AccountList)>,
    /// Account lists that could not be loaded, said above the wizard.
    missing: Vec<String>,
    load_error: Option<BackendError>,
    /// The wizard, once everything it needs has arrived.
    host: Option<WizardHost>,
}

impl RestoreScreen {
    /// A wizard for `rp` in `region` (the recovery point's own Region). The idempotency token is
    /// made here, once, and reused by every submit of this wizard.
    pub fn new(rp: RecoveryPoint, region: &str, ctx: &mut Ctx) -> Self {
        RestoreScreen {
            rp,
            region: region.to_string(),
            account_id: ctx.session.account_id.clone(),
            token: ctx.new_token(),
            now: ctx.session.now,
            inputs: Inputs::default(),
            pending: Vec::new(),
            lists: Vec::new(),
            missing: Vec::new(),
            load_error: None,
            host: None,
        }
    }

    fn load_all(&mut self, ctx: &mut Ctx) {
        let region = self.region.clone();
        self.load_error = None;
        // A retry starts over: pages gathered before a failure would otherwise repeat.
        self.inputs = Inputs::default();
        self.missing.clear();
        let metadata = ctx.load(Query::RestoreMetadata {
            region: region.clone(),
            vault: self.rp.vault_name.to_string(),
            arn: self.rp.arn.to_string(),
        });
        self.lists = vec![
            (
                ctx.load(Query::Buckets {
                    region: region.clone(),
                }),
                AccountList::Buckets,
            ),
            (
                ctx.load(Query::KmsKeys {
                    region: region.clone(),
                }),
                AccountList::Keys,
            ),
            (ctx.load(Query::IamRoles), AccountList::Roles),
            (ctx.load(Query::Tables { region }), AccountList::Tables),
        ];
        self.pending = std::iter::once(metadata)
            .chain(self.lists.iter().map(|(req, _)| *req))
            .collect();
    }

    /// Builds the wizard once every input has arrived.
    fn try_open(&mut self) {
        let i = &mut self.inputs;
        let (Some(metadata), Some(buckets), Some(keys), Some(roles), Some(tables)) =
            (&i.metadata, &i.buckets, &i.keys, &i.roles, &i.tables)
        else {
            return;
        };
        let ctx = RestoreContext {
            region: self.region.clone(),
            account_id: self.account_id.clone(),
            recovery_point: self.rp.clone(),
            metadata: metadata.clone(),
            buckets: buckets.clone(),
            kms_keys: keys.clone(),
            roles: roles.clone(),
            tables: tables.clone(),
            idempotency_token: self.token.clone(),
            now: self.now,
        };
        self.host = Some(WizardHost::new(wizard::open(ctx)));
    }
}

impl Screen for RestoreScreen {
    fn section(&self) -> Section {
        Section::Resources
    }

    fn crumb(&self) -> String {
        format!("Restore {}", self.rp.short_id())
    }

    fn key_contexts(&self) -> &'static [KeyContext] {
        &[]
    }

    fn hints(&self) -> &'static [Command] {
        &[]
    }

    fn start(&mut self, ctx: &mut Ctx) {
        self.load_all(ctx);
    }

    fn handle(&mut self, cmd: Command, ctx: &mut Ctx) -> Nav {
        if cmd == Command::Refresh && self.host.is_none() {
            self.load_all(ctx);
        }
        Nav::Stay
    }

    fn handle_key(&mut self, key: &KeyEvent, ctx: &mut Ctx) -> Option<Nav> {
        // Loading or failed: r retries (through the keymap), Esc leaves.
        wizard_loading::handle_key(self.host.as_mut(), key, ctx)
    }

    fn pending(&self) -> Vec<RequestId> {
        self.pending
            .iter()
            .copied()
            .chain(self.host.iter().flat_map(WizardHost::pending))
            .collect()
    }

    fn on_loaded(&mut self, req: RequestId, data: Loaded, done: bool) {
        if !self.pending.contains(&req) {
            return;
        }
        // Lists arrive page by page: gather them; the wizard opens once every list is done.
        fn gather<T>(into: &mut Option<Vec<T>>, page: Vec<T>) {
            into.get_or_insert_with(Vec::new).extend(page);
        }
        match data {
            Loaded::RestoreMetadata(m) => self.inputs.metadata = Some(m),
            Loaded::Buckets(b) => gather(&mut self.inputs.buckets, b),
            Loaded::KmsKeys(k) => gather(&mut self.inputs.keys, k),
            Loaded::IamRoles(r) => gather(&mut self.inputs.roles, r),
            Loaded::Tables(t) => gather(&mut self.inputs.tables, t),
            _ => {}
        }
        if done {
            self.pending.retain(|r| *r != req);
            if self.pending.is_empty() {
                self.try_open();
            }
        }
    }

    fn on_failed(&mut self, req: RequestId, error: BackendError) {
        if !self.pending.contains(&req) {
            return;
        }
        let list = self.lists.iter().find(|(r, _)| *r == req).map(|(_, l)| *l);
        let Some(list) = list else {
            // The restore metadata itself: nothing to restore from.
            self.pending.clear();
            self.load_error = Some(error);
            return;
        };
        tracing::warn!(?list, error = %error.headline(), "opening the wizard without this list");
        self.missing.push(list.missing(&error));
        let i = &mut self.inputs;
        match list {
            AccountList::Buckets => i.buckets = Some(Vec::new()),
            AccountList::Keys => i.keys = Some(Vec::new()),
            AccountList::Roles => i.roles = Some(Vec::new()),
            AccountList::Tables => i.tables = Some(Vec::new()),
        }
        self.pending.retain(|r| *r != req);
        if self.pending.is_empty() {
            self.try_open();
        }
    }

    fn on_submitted(
        &mut self,
        req: RequestId,
        result: &Result<String, BackendError>,
        ctx: &mut Ctx,
    ) -> Option<After> {
        self.host.as_mut()?.on_submitted(req, result, ctx)
    }

    fn render(&self, frame: &mut Frame, area: Rect, ui: &UiCtx) {
        match &self.host {
            Some(host) => host.render(frame, area, ui, &self.missing),
            None => wizard_loading::render(frame, area, ui, "Restore", self.load_error.as_ref()),
        }
    }
}
