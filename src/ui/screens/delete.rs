//! Deleting recovery points: one, or every EXPIRED one of a resource or vault, after a typed
//! confirmation naming the count; refusals explained, progress and per-item failures shown.

mod view;

use super::{Nav, Screen};
use crate::action::{Command, Loaded, RequestId};
use crate::backend::BackendError;
use crate::domain::delete::{DeleteRequest, confirmation_text, expired_points, why_not_deletable};
use crate::domain::{BackupVault, RecoveryPoint, WriteRequest};
use crate::effect::{Effect, Query};
use crate::keymap::KeyContext;
use crate::palette::Section;
use crate::remote::Ctx;
use crate::ui::UiCtx;
use crate::wizard::After;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;
use std::cell::Cell;

/// Deletes `rp` (after confirmation), or says why it cannot be deleted.
pub fn delete_one(rp: RecoveryPoint, region: &str, section: Section) -> Nav {
    // The vault lock is checked once the screen has the Region's vaults.
    if let Some(reason) = why_not_deletable(&rp, None) {
        return Nav::Notice {
            text: reason,
            is_error: true,
        };
    }
    let crumb = format!("Delete {}", rp.short_id());
    Nav::Push(Box::new(DeleteScreen::new(
        vec![rp],
        crumb,
        region,
        section,
    )))
}

/// Deletes the EXPIRED ones of `points`, the list of `scope` (a resource or vault name);
/// `complete` says whether that list has finished loading.
pub fn delete_expired(
    points: &[RecoveryPoint],
    scope: &str,
    complete: bool,
    region: &str,
    section: Section,
) -> Nav {
    match expired_points(points, scope, complete) {
        Ok(expired) => {
            let crumb = format!("Delete EXPIRED of {scope}");
            Nav::Push(Box::new(DeleteScreen::new(expired, crumb, region, section)))
        }
        Err(text) => Nav::Notice {
            text,
            is_error: true,
        },
    }
}

/// Where one recovery point to delete stands.
#[derive(Debug, Clone, PartialEq, Eq)]
enum ItemState {
    Waiting,
    Deleting,
    Deleted,
    Failed(String),
}

struct Item {
    rp: RecoveryPoint,
    request: DeleteRequest,
    state: ItemState,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// The Region's vaults load, for their lock state.
    Checking(RequestId),
    Review,
    /// The typed confirmation is open.
    Confirm,
    /// The delete of `items[index]` is under way; the others wait their turn.
    Sending {
        req: RequestId,
        index: usize,
    },
    /// Every item was answered (or the user stopped sending).
    Done,
}

pub struct DeleteScreen {
    section: Section,
    crumb: String,
    region: String,
    /// The recovery points asked for, until the vaults say which can be deleted.
    candidates: Vec<RecoveryPoint>,
    vaults: Vec<BackupVault>,
    /// Said above the list when the vaults could not be listed.
    warning: Option<String>,
    items: Vec<Item>,
    refused: Vec<(RecoveryPoint, String)>,
    stage: Stage,
    /// The item whose request is shown.
    cursor: usize,
    scroll: usize,
    max_scroll: Cell<usize>,
    /// The typed confirmation: kept when wrong or cancelled, so nothing typed is lost.
    typed: String,
    wrong: bool,
    /// Esc while sending: no further delete is sent once the one under way is answered.
    stopping: bool,
}

impl DeleteScreen {
    fn new(points: Vec<RecoveryPoint>, crumb: String, region: &str, section: Section) -> Self {
        DeleteScreen {
            section,
            crumb,
            region: region.to_string(),
            candidates: points,
            vaults: Vec::new(),
            warning: None,
            items: Vec::new(),
            refused: Vec::new(),
            stage: Stage::Review,
            cursor: 0,
            scroll: 0,
            max_scroll: Cell::new(0),
            typed: String::new(),
            wrong: false,
            stopping: false,
        }
    }

    /// Splits the candidates into those to delete and those refused (with why).
    fn classify(&mut self) {
        for rp in std::mem::take(&mut self.candidates) {
            let vault = self.vaults.iter().find(|v| v.name == rp.vault_name);
            match why_not_deletable(&rp, vault) {
                Some(reason) => self.refused.push((rp, reason)),
                None => self.items.push(Item {
                    request: DeleteRequest::for_point(&rp, &self.region),
                    rp,
                    state: ItemState::Waiting,
                }),
            }
        }
        self.stage = Stage::Review;
    }

    fn confirmation(&self) -> String {
        confirmation_text(self.items.len())
    }

    /// Sends the next waiting item's delete, one at a time; done when none is left.
    fn send_next(&mut self, ctx: &mut Ctx) {
        let next = self
            .items
            .iter()
            .position(|i| i.state == ItemState::Waiting);
        match next {
            Some(index) if !self.stopping => {
                let item = &mut self.items[index];
                let req = ctx.next_id();
                ctx.push(Effect::Submit {
                    req,
                    request: Box::new(WriteRequest::DeleteRecoveryPoint(item.request.clone())),
                });
                item.state = ItemState::Deleting;
                self.cursor = index;
                self.stage = Stage::Sending { req, index };
            }
            _ => self.stage = Stage::Done,
        }
    }

    /// Sends again the items that failed or were not sent; deleted ones are never resent.
    fn retry(&mut self, ctx: &mut Ctx) {
        for item in &mut self.items {
            if matches!(item.state, ItemState::Failed(_)) {
                item.state = ItemState::Waiting;
            }
        }
        self.stopping = false;
        self.send_next(ctx);
    }

    fn count(&self, state: fn(&ItemState) -> bool) -> usize {
        self.items.iter().filter(|i| state(&i.state)).count()
    }

    /// Copies the shown item's CLI command (`c`) or request JSON (`C`).
    fn copy(&self, cli: bool, ctx: &mut Ctx) -> Nav {
        let Some(item) = self.items.get(self.cursor) else {
            return Nav::Stay;
        };
        let text = if cli {
            item.request.cli_command()
        } else {
            item.request.api_json()
        };
        super::wizard_host::copy_to_clipboard(text, ctx)
    }

    /// Keys that move and copy, on the review and once done; `None` if `key` is not one.
    fn browse_key(&mut self, key: &KeyEvent, ctx: &mut Ctx) -> Option<Nav> {
        let last = self.items.len().saturating_sub(1);
        match key.code {
            KeyCode::Down | KeyCode::Char('j') => self.cursor = (self.cursor + 1).min(last),
            KeyCode::Up | KeyCode::Char('k') => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::PageDown | KeyCode::Char(' ') => {
                self.scroll = (self.scroll + 10).min(self.max_scroll.get())
            }
            KeyCode::PageUp => self.scroll = self.scroll.saturating_sub(10),
            KeyCode::Char('c') => return Some(self.copy(true, ctx)),
            KeyCode::Char('C') => return Some(self.copy(false, ctx)),
            _ => return None,
        }
        Some(Nav::Stay)
    }

    fn review_key(&mut self, key: &KeyEvent, ctx: &mut Ctx) -> Option<Nav> {
        match key.code {
            KeyCode::Esc => Some(Nav::Pop),
            KeyCode::Enter if self.items.is_empty() => Some(Nav::Notice {
                text: "None of these recovery points can be deleted here (see why above).".into(),
                is_error: true,
            }),
            KeyCode::Enter if ctx.session.read_only => Some(Nav::Notice {
                text: "Read-only session: nothing can be deleted (c copies the command).".into(),
                is_error: true,
            }),
            KeyCode::Enter => {
                self.stage = Stage::Confirm;
                Some(Nav::Stay)
            }
            _ => self.browse_key(key, ctx),
        }
    }

    fn confirm_key(&mut self, key: &KeyEvent, ctx: &mut Ctx) -> Nav {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => self.stage = Stage::Review,
            KeyCode::Enter if self.typed.trim() == self.confirmation() => {
                self.wrong = false;
                self.send_next(ctx);
            }
            KeyCode::Enter => self.wrong = true,
            KeyCode::Backspace => {
                self.typed.pop();
            }
            KeyCode::Char('u') if ctrl => self.typed.clear(),
            KeyCode::Char(c) if !ctrl => {
                self.typed.push(c);
                self.wrong = false;
            }
            _ => {}
        }
        Nav::Stay
    }

    fn done_key(&mut self, key: &KeyEvent, ctx: &mut Ctx) -> Option<Nav> {
        let unfinished = self.count(|s| !matches!(s, ItemState::Deleted));
        match key.code {
            KeyCode::Esc | KeyCode::Enter => Some(Nav::Pop),
            KeyCode::Char('r') if unfinished > 0 => {
                self.retry(ctx);
                Some(Nav::Stay)
            }
            _ => self.browse_key(key, ctx),
        }
    }
}

impl Screen for DeleteScreen {
    fn section(&self) -> Section {
        self.section
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
        let req = ctx.load(Query::BackupVaults {
            region: self.region.clone(),
        });
        self.stage = Stage::Checking(req);
    }

    fn handle(&mut self, _cmd: Command, _ctx: &mut Ctx) -> Nav {
        Nav::Stay
    }

    fn handle_key(&mut self, key: &KeyEvent, ctx: &mut Ctx) -> Option<Nav> {
        match self.stage {
            Stage::Checking(_) => (key.code == KeyCode::Esc).then_some(Nav::Pop),
            Stage::Review => self.review_key(key, ctx),
            Stage::Confirm => Some(self.confirm_key(key, ctx)),
            // Every key is kept from the app while a delete is under way (`q` would close
            // the screen that waits for its answer); Esc stops after the one under way.
            Stage::Sending { .. } => {
                if key.code == KeyCode::Esc {
                    self.stopping = true;
                }
                Some(self.browse_key(key, ctx).unwrap_or(Nav::Stay))
            }
            Stage::Done => self.done_key(key, ctx),
        }
    }

    fn pending(&self) -> Vec<RequestId> {
        match self.stage {
            Stage::Checking(req) | Stage::Sending { req, .. } => vec![req],
            _ => Vec::new(),
        }
    }

    fn on_loaded(&mut self, req: RequestId, data: Loaded, done: bool) {
        if self.stage != Stage::Checking(req) {
            return;
        }
        if let Loaded::Vaults(page) = data {
            self.vaults.extend(page);
        }
        if done {
            self.classify();
        }
    }

    fn on_failed(&mut self, req: RequestId, error: BackendError) {
        if self.stage != Stage::Checking(req) {
            return;
        }
        tracing::warn!(error = %error.headline(), "deleting without the vaults' lock state");
        self.warning = Some(format!(
            "Vault lock state unknown ({}): AWS refuses the delete if the vault is locked.",
            error.headline()
        ));
        self.vaults.clear();
        self.classify();
    }

    fn on_submitted(
        &mut self,
        req: RequestId,
        result: &Result<String, BackendError>,
        ctx: &mut Ctx,
    ) -> Option<After> {
        let Stage::Sending { req: sent, index } = self.stage else {
            return None;
        };
        if sent != req {
            return None;
        }
        if let Some(item) = self.items.get_mut(index) {
            item.state = match result {
                Ok(_) => ItemState::Deleted,
                Err(error) => {
                    tracing::warn!(arn = %item.request.recovery_point_arn, error = %error.headline(), "delete failed");
                    ItemState::Failed(error.message.clone())
                }
            };
        }
        // Failures do not stop the others: each is shown, and `r` retries just those.
        self.send_next(ctx);
        None
    }

    fn changed_account(&self) -> bool {
        self.items.iter().any(|i| i.state == ItemState::Deleted)
    }

    fn render(&self, frame: &mut Frame, area: Rect, ui: &UiCtx) {
        view::render(self, frame, area, ui);
    }
}

#[cfg(test)]
mod tests;
