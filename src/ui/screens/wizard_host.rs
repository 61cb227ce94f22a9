//! Drives any wizard with the keyboard: fields, pickers, the review of the exact requests,
//! confirmation, sending each request once, and refusals shown without losing the draft.

use super::Nav;
use crate::action::{Loaded, RequestId};
use crate::backend::{BackendError, ErrorKind};
use crate::domain::WriteRequest;
use crate::effect::{Effect, Query};
use crate::remote::Ctx;
use crate::wizard::form::{Control, Field, Input, Item};
use crate::wizard::{After, Wizard};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

mod view;

/// A filterable list over a `Pick` field's options.
struct Picker {
    field: &'static str,
    filter: String,
    cursor: usize,
}

enum Dialog {
    /// Send the requests? `typed` holds the typed confirmation when one is required; `wrong`
    /// once enter was pressed on a text that does not match (the text is kept).
    Confirm { typed: String, wrong: bool },
    /// Esc on an edited draft: discard it?
    Discard,
}

/// The requests of one confirmation, sent one after the other.
struct Sending {
    requests: Vec<WriteRequest>,
    index: usize,
    req: RequestId,
}

pub struct WizardHost {
    wizard: Box<dyn Wizard>,
    focus: usize,
    scroll: usize,
    /// The last scroll position that still fills the review (set when it is drawn), so
    /// scrolling stops at the end instead of running on unseen.
    max_scroll: std::cell::Cell<usize>,
    picker: Option<Picker>,
    dialog: Option<Dialog>,
    /// The request under way: Enter is ignored meanwhile, so nothing is sent twice.
    sending: Option<Sending>,
    /// Requests AWS accepted for this draft: a retry after a later one failed skips them.
    accepted: Vec<WriteRequest>,
    submit_error: Option<BackendError>,
    /// The requests (or the draft's refusal) the error was about: once the user changes the
    /// draft so that they differ, the error no longer applies and is cleared.
    failed_for: Result<Vec<WriteRequest>, String>,
    /// Loads the wizard asked for (`Wizard::wanted`), by request id.
    loads: Vec<(RequestId, Query)>,
    /// Every query ever asked for, so each is loaded once.
    asked: Vec<Query>,
}

impl WizardHost {
    pub fn new(wizard: Box<dyn Wizard>) -> WizardHost {
        WizardHost {
            wizard,
            focus: 0,
            scroll: 0,
            max_scroll: std::cell::Cell::new(0),
            picker: None,
            dialog: None,
            sending: None,
            accepted: Vec::new(),
            submit_error: None,
            failed_for: Ok(Vec::new()),
            loads: Vec::new(),
            asked: Vec::new(),
        }
    }

    pub fn wizard(&self) -> &dyn Wizard {
        self.wizard.as_ref()
    }

    /// Loads what the wizard wants and has not been asked for yet.
    pub fn load_wanted(&mut self, ctx: &mut Ctx) {
        for query in self.wizard.wanted() {
            if !self.asked.contains(&query) {
                let req = ctx.load(query.clone());
                self.asked.push(query.clone());
                self.loads.push((req, query));
            }
        }
    }

    pub fn pending(&self) -> Vec<RequestId> {
        self.loads
            .iter()
            .map(|(req, _)| *req)
            .chain(self.sending.as_ref().map(|s| s.req))
            .collect()
    }

    /// Hands a page of a wanted query to the wizard; false if `req` is not one of its loads.
    pub fn on_loaded(&mut self, req: RequestId, data: Loaded, done: bool) -> bool {
        let Some(i) = self.loads.iter().position(|(r, _)| *r == req) else {
            return false;
        };
        let query = self.loads[i].1.clone();
        if done {
            self.loads.remove(i);
        }
        self.wizard.supply(&query, Ok(data), done);
        true
    }

    pub fn on_failed(&mut self, req: RequestId, error: BackendError) -> bool {
        let Some(i) = self.loads.iter().position(|(r, _)| *r == req) else {
            return false;
        };
        let (_, query) = self.loads.remove(i);
        // Asked again on the next input or reload (`r`), not in a loop.
        self.asked.retain(|q| *q != query);
        self.wizard.supply(&query, Err(error), true);
        true
    }

    /// Forgets failed or finished loads so `load_wanted` asks again (the user pressed `r`).
    pub fn reload(&mut self, ctx: &mut Ctx) {
        self.asked
            .retain(|q| self.loads.iter().any(|(_, loading)| loading == q));
        self.load_wanted(ctx);
    }

    fn is_review(&self) -> bool {
        self.wizard.step() + 1 == self.wizard.steps().len()
    }

    fn fields(&self) -> Vec<Field> {
        self.wizard
            .items()
            .iter()
            .filter_map(Item::field)
            .cloned()
            .collect()
    }

    pub fn handle_key(&mut self, key: &KeyEvent, ctx: &mut Ctx) -> Nav {
        if self.dialog.is_some() {
            return self.dialog_key(key, ctx);
        }
        if self.picker.is_some() {
            self.picker_key(key);
            self.load_wanted(ctx);
            return Nav::Stay;
        }
        let nav = if self.is_review() {
            self.review_key(key, ctx)
        } else {
            self.form_key(key)
        };
        self.forget_outdated_error();
        self.load_wanted(ctx);
        nav
    }

    /// Keeps a submit error only while the draft still makes the requests it was about.
    fn forget_outdated_error(&mut self) {
        if self.submit_error.is_some() && self.wizard.requests() != self.failed_for {
            self.submit_error = None;
        }
    }

    fn fail_submit(&mut self, error: BackendError) {
        self.failed_for = self.wizard.requests();
        self.submit_error = Some(error);
    }

    fn dialog_key(&mut self, key: &KeyEvent, ctx: &mut Ctx) -> Nav {
        match self.dialog.as_mut() {
            Some(Dialog::Discard) => match key.code {
                KeyCode::Char('y') => return Nav::Pop,
                _ => self.dialog = None,
            },
            Some(Dialog::Confirm { typed, wrong }) => {
                let needed = self.wizard.typed_confirmation();
                let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
                match (key.code, &needed) {
                    (KeyCode::Esc, _) | (KeyCode::Char('n'), None) => self.dialog = None,
                    (KeyCode::Char('y'), None) => self.submit(ctx),
                    (KeyCode::Enter, Some(word)) if typed.trim() == word => self.submit(ctx),
                    (KeyCode::Enter, Some(_)) => *wrong = true,
                    (KeyCode::Backspace, Some(_)) => {
                        typed.pop();
                    }
                    (KeyCode::Char('u'), Some(_)) if ctrl => typed.clear(),
                    (KeyCode::Char(c), Some(_)) if !ctrl => {
                        typed.push(c);
                        *wrong = false;
                    }
                    _ => {}
                }
            }
            None => {}
        }
        Nav::Stay
    }

    /// Sends the first request AWS has not accepted yet for this draft.
    fn submit(&mut self, ctx: &mut Ctx) {
        self.dialog = None;
        match self.wizard.requests() {
            Ok(requests) => {
                let index = requests
                    .iter()
                    .position(|r| !self.accepted.contains(r))
                    .unwrap_or(requests.len().saturating_sub(1));
                // A previous refusal stays shown until the retry is answered.
                self.send(requests, index, ctx);
            }
            Err(message) => {
                self.fail_submit(BackendError::new(ErrorKind::InvalidInput, message));
            }
        }
    }

    fn send(&mut self, requests: Vec<WriteRequest>, index: usize, ctx: &mut Ctx) {
        let Some(request) = requests.get(index).cloned() else {
            return;
        };
        let req = ctx.next_id();
        ctx.push(Effect::Submit {
            req,
            request: Box::new(request),
        });
        self.sending = Some(Sending {
            requests,
            index,
            req,
        });
    }

    /// A request was answered: send the next one, or say where to go once all were accepted.
    pub fn on_submitted(
        &mut self,
        req: RequestId,
        result: &Result<String, BackendError>,
        ctx: &mut Ctx,
    ) -> Option<After> {
        if self.sending.as_ref().map(|s| s.req) != Some(req) {
            return None;
        }
        let sending = self.sending.take()?;
        match result {
            Ok(id) => {
                self.submit_error = None;
                if let Some(done) = sending.requests.get(sending.index) {
                    self.accepted.push(done.clone());
                }
                if sending.index + 1 < sending.requests.len() {
                    self.send(sending.requests, sending.index + 1, ctx);
                    None
                } else {
                    self.wizard.after(id)
                }
            }
            Err(error) => {
                // The draft stays; Enter retries with the same tokens, from the failed request.
                self.fail_submit(error.clone());
                None
            }
        }
    }

    /// Keys on the review step: confirm, copy, scroll, back.
    fn review_key(&mut self, key: &KeyEvent, ctx: &mut Ctx) -> Nav {
        match key.code {
            KeyCode::Enter if ctx.session.read_only => {
                return Nav::Notice {
                    text: "Read-only session: nothing can be changed (c copies the command)."
                        .into(),
                    is_error: true,
                };
            }
            // `r` too: a refusal's advice says "press r" to retry.
            KeyCode::Enter | KeyCode::Char('r') if self.sending.is_none() => {
                self.dialog = Some(Dialog::Confirm {
                    typed: String::new(),
                    wrong: false,
                })
            }
            KeyCode::Char('c') | KeyCode::Char('C') => {
                if let Ok(requests) = self.wizard.requests() {
                    let texts: Vec<String> = requests
                        .iter()
                        .map(|r| {
                            if key.code == KeyCode::Char('c') {
                                r.cli_command()
                            } else {
                                r.api_json()
                            }
                        })
                        .collect();
                    return copy_to_clipboard(texts.join("\n\n"), ctx);
                }
            }
            KeyCode::Down | KeyCode::Char('j') => {
                self.scroll = (self.scroll + 1).min(self.max_scroll.get())
            }
            KeyCode::Up | KeyCode::Char('k') => self.scroll = self.scroll.saturating_sub(1),
            KeyCode::PageDown | KeyCode::Char(' ') => {
                self.scroll = (self.scroll + 10).min(self.max_scroll.get())
            }
            KeyCode::PageUp => self.scroll = self.scroll.saturating_sub(10),
            KeyCode::Esc | KeyCode::Backspace if self.sending.is_none() => {
                self.wizard.back();
                self.scroll = 0;
            }
            _ => {}
        }
        Nav::Stay
    }

    /// Keys on a form step.
    fn form_key(&mut self, key: &KeyEvent) -> Nav {
        let fields = self.fields();
        self.focus = self.focus.min(fields.len().saturating_sub(1));
        let field = fields.get(self.focus);
        let w = &mut self.wizard;
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match (key.code, field.map(|f| &f.control)) {
            (KeyCode::Down | KeyCode::Tab, _) => {
                self.focus = (self.focus + 1).min(fields.len().saturating_sub(1))
            }
            (KeyCode::Up | KeyCode::BackTab, _) => self.focus = self.focus.saturating_sub(1),
            (
                KeyCode::Left | KeyCode::Right | KeyCode::Char(' '),
                Some(Control::Choice { options, selected }),
            ) => {
                let n = options.len().max(1);
                let next = if key.code == KeyCode::Left {
                    (selected + n - 1) % n
                } else {
                    (selected + 1) % n
                };
                if let Some(f) = field {
                    w.input(f.id, Input::Choose(next));
                }
            }
            // Enter picks when nothing is chosen yet (else it moves on); space or right re-picks.
            (KeyCode::Enter, Some(Control::Pick { selected: None, .. }))
            | (KeyCode::Char(' ') | KeyCode::Right, Some(Control::Pick { .. })) => {
                if let Some(f) = field {
                    self.picker = Some(Picker {
                        field: f.id,
                        filter: String::new(),
                        cursor: 0,
                    });
                }
            }
            (KeyCode::Enter, Some(Control::Action)) => {
                if let Some(f) = field {
                    w.input(f.id, Input::Activate);
                }
            }
            (KeyCode::Enter, _) => {
                if w.next() {
                    self.focus = 0;
                    self.scroll = 0;
                } else {
                    // Put the cursor on the first field that needs fixing.
                    self.focus = self
                        .fields()
                        .iter()
                        .position(|f| f.error.is_some())
                        .unwrap_or(self.focus);
                }
            }
            (KeyCode::Esc, _) => {
                if w.back() {
                    self.focus = 0;
                } else if w.is_dirty() {
                    self.dialog = Some(Dialog::Discard);
                } else {
                    return Nav::Pop;
                }
            }
            (KeyCode::Char('u'), Some(Control::Text { .. })) if ctrl => {
                if let Some(f) = field {
                    w.input(f.id, Input::Text(String::new()));
                }
            }
            (KeyCode::Char(c), Some(Control::Text { value, .. })) if !ctrl => {
                let mut text = value.clone();
                text.push(c);
                if let Some(f) = field {
                    w.input(f.id, Input::Text(text));
                }
            }
            (KeyCode::Backspace, Some(Control::Text { value, .. })) => {
                let mut text = value.clone();
                text.pop();
                if let Some(f) = field {
                    w.input(f.id, Input::Text(text));
                }
            }
            _ => {}
        }
        Nav::Stay
    }

    /// The picker's options matching its filter: (index in the field's options, label, detail).
    fn picker_rows(&self) -> Vec<(usize, String, String)> {
        let Some(p) = self.picker.as_ref() else {
            return Vec::new();
        };
        let needle = p.filter.to_lowercase();
        self.fields()
            .into_iter()
            .find(|f| f.id == p.field)
            .map(|f| match f.control {
                Control::Pick { options, .. } => options
                    .into_iter()
                    .enumerate()
                    .filter(|(_, o)| {
                        o.label.to_lowercase().contains(&needle)
                            || o.detail.to_lowercase().contains(&needle)
                    })
                    .map(|(i, o)| {
                        let detail = match o.problem {
                            Some(problem) => format!("! {problem}"),
                            None => o.detail,
                        };
                        (i, o.label, detail)
                    })
                    .collect(),
                _ => Vec::new(),
            })
            .unwrap_or_default()
    }

    fn picker_key(&mut self, key: &KeyEvent) {
        let rows = self.picker_rows();
        let Some(p) = self.picker.as_mut() else {
            return;
        };
        match key.code {
            KeyCode::Esc => self.picker = None,
            KeyCode::Down => p.cursor = (p.cursor + 1).min(rows.len().saturating_sub(1)),
            KeyCode::Up => p.cursor = p.cursor.saturating_sub(1),
            KeyCode::Enter => {
                if let Some((index, _, _)) = rows.get(p.cursor) {
                    self.wizard.input(p.field, Input::Choose(*index));
                }
                self.picker = None;
            }
            KeyCode::Backspace => {
                p.filter.pop();
                p.cursor = 0;
            }
            KeyCode::Char(c) => {
                p.filter.push(c);
                p.cursor = 0;
            }
            _ => {}
        }
    }
}

/// Puts `text` on the clipboard (OSC 52, which works over SSH) and says so in the footer.
pub fn copy_to_clipboard(text: String, ctx: &mut Ctx) -> Nav {
    ctx.push(Effect::Copy { text });
    Nav::Notice {
        text: "Copied to the clipboard (OSC 52).".into(),
        is_error: false,
    }
}
