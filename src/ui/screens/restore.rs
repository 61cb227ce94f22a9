//! The restore wizard screen: loads what the wizard needs, drives its form with the keyboard,
//! reviews the exact request, confirms, submits once, and shows refusals without losing input.

use super::{Nav, Screen};
use crate::action::{Command, Loaded, RequestId};
use crate::backend::BackendError;
use crate::domain::RecoveryPoint;
use crate::domain::restore::{Bucket, IamRole, KmsKey};
use crate::effect::{Effect, Query};
use crate::keymap::KeyContext;
use crate::palette::Section;
use crate::remote::Ctx;
use crate::ui::UiCtx;
use crate::ui::widgets::form;
use crate::wizard::form::{Control, Input, Item};
use crate::wizard::{self, RestoreContext, RestoreWizard};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
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

/// A filterable list over a `Pick` field's options.
struct Picker {
    field: &'static str,
    filter: String,
    cursor: usize,
}

enum Dialog {
    /// Start the job? `typed` holds the typed confirmation when one is required.
    Confirm { typed: String },
    /// Esc on an edited draft: discard it?
    Discard,
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
    wizard: Option<Box<dyn RestoreWizard>>,
    focus: usize,
    scroll: usize,
    picker: Option<Picker>,
    dialog: Option<Dialog>,
    /// The StartRestoreJob under way: Enter is ignored meanwhile, so nothing is sent twice.
    submitting: Option<RequestId>,
    submit_error: Option<BackendError>,
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
            wizard: None,
            focus: 0,
            scroll: 0,
            picker: None,
            dialog: None,
            submitting: None,
            submit_error: None,
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
        self.wizard = Some(wizard::open(ctx));
    }

    fn is_review(w: &dyn RestoreWizard) -> bool {
        w.step() + 1 == w.steps().len()
    }

    fn fields(w: &dyn RestoreWizard) -> Vec<crate::wizard::form::Field> {
        w.items().iter().filter_map(Item::field).cloned().collect()
    }

    /// Keys while a dialog is open.
    fn dialog_key(&mut self, key: &KeyEvent, ctx: &mut Ctx) -> Nav {
        let Some(w) = self.wizard.as_ref() else {
            return Nav::Stay;
        };
        match self.dialog.as_mut() {
            Some(Dialog::Discard) => match key.code {
                KeyCode::Char('y') => return Nav::Pop,
                _ => self.dialog = None,
            },
            Some(Dialog::Confirm { typed }) => {
                let needed = w.typed_confirmation();
                match (key.code, &needed) {
                    (KeyCode::Esc, _) | (KeyCode::Char('n'), None) => self.dialog = None,
                    (KeyCode::Char('y'), None) => self.submit(ctx),
                    (KeyCode::Enter, Some(word)) if typed == word => self.submit(ctx),
                    (KeyCode::Backspace, Some(_)) => {
                        typed.pop();
                    }
                    (KeyCode::Char(c), Some(_)) => typed.push(c),
                    _ => {}
                }
            }
            None => {}
        }
        Nav::Stay
    }

    fn submit(&mut self, ctx: &mut Ctx) {
        self.dialog = None;
        let Some(w) = self.wizard.as_ref() else {
            return;
        };
        match w.request() {
            Ok(request) => {
                let req = ctx.next_id();
                self.submitting = Some(req);
                self.submit_error = None;
                ctx.push(Effect::StartRestore {
                    req,
                    request: Box::new(request),
                });
            }
            Err(message) => {
                self.submit_error = Some(BackendError::new(
                    crate::backend::ErrorKind::InvalidInput,
                    message,
                ));
            }
        }
    }

    /// Keys on the review step: confirm, copy, scroll, back.
    fn review_key(&mut self, key: &KeyEvent, ctx: &mut Ctx) -> Nav {
        let Some(w) = self.wizard.as_mut() else {
            return Nav::Stay;
        };
        match key.code {
            KeyCode::Enter if ctx.session.read_only => {
                return Nav::Notice {
                    text: "Read-only session: restores cannot be started (c copies the command)."
                        .into(),
                    is_error: true,
                };
            }
            KeyCode::Enter if self.submitting.is_none() => {
                self.dialog = Some(Dialog::Confirm {
                    typed: String::new(),
                })
            }
            KeyCode::Char('c') | KeyCode::Char('C') => {
                if let Ok(request) = w.request() {
                    let text = if key.code == KeyCode::Char('c') {
                        request.cli_command()
                    } else {
                        request.api_json()
                    };
                    ctx.push(Effect::Copy { text });
                    return Nav::Notice {
                        text: "Copied to the clipboard (OSC 52).".into(),
                        is_error: false,
                    };
                }
            }
            KeyCode::Down | KeyCode::Char('j') => self.scroll += 1,
            KeyCode::Up | KeyCode::Char('k') => self.scroll = self.scroll.saturating_sub(1),
            KeyCode::Esc | KeyCode::Backspace if self.submitting.is_none() => {
                w.back();
                self.scroll = 0;
            }
            _ => {}
        }
        Nav::Stay
    }

    /// Keys on a form step.
    fn form_key(&mut self, key: &KeyEvent) -> Nav {
        let Some(w) = self.wizard.as_mut() else {
            return Nav::Stay;
        };
        let fields = Self::fields(w.as_ref());
        self.focus = self.focus.min(fields.len().saturating_sub(1));
        let field = fields.get(self.focus);
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
                    self.focus = Self::fields(w.as_ref())
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
        let (Some(w), Some(p)) = (self.wizard.as_ref(), self.picker.as_ref()) else {
            return Vec::new();
        };
        let needle = p.filter.to_lowercase();
        Self::fields(w.as_ref())
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
                if let (Some((index, _, _)), Some(w)) = (rows.get(p.cursor), self.wizard.as_mut()) {
                    w.input(p.field, Input::Choose(*index));
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

    fn render_review(&self, w: &dyn RestoreWizard, ui: &UiCtx) -> Vec<Line<'static>> {
        let t = ui.theme;
        let mut lines = vec![Line::from(Span::styled("Summary", t.title))];
        for (what, value) in w.summary() {
            lines.push(Line::from(vec![
                Span::styled(format!("  {what:<14} "), t.label),
                Span::raw(value),
            ]));
        }
        match w.request() {
            Ok(request) => {
                lines.push(Line::from(""));
                lines.push(Line::from(Span::styled(
                    "StartRestoreJob request (exactly what is sent)",
                    t.title,
                )));
                lines.extend(
                    request
                        .api_json()
                        .lines()
                        .map(|l| Line::from(format!("  {l}"))),
                );
                lines.push(Line::from(""));
                lines.push(Line::from(Span::styled("AWS CLI equivalent", t.title)));
                lines.extend(
                    request
                        .cli_command()
                        .lines()
                        .map(|l| Line::from(format!("  {l}"))),
                );
            }
            Err(message) => lines.push(Line::from(Span::styled(message, t.error))),
        }
        lines
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
        if cmd == Command::Refresh && self.wizard.is_none() {
            self.load_all(ctx);
        }
        Nav::Stay
    }

    fn handle_key(&mut self, key: &KeyEvent, ctx: &mut Ctx) -> Option<Nav> {
        if self.wizard.is_none() {
            // Loading or failed: r retries (through the keymap), Esc leaves.
            return (key.code == KeyCode::Esc).then_some(Nav::Pop);
        }
        if self.dialog.is_some() {
            return Some(self.dialog_key(key, ctx));
        }
        if self.picker.is_some() {
            self.picker_key(key);
            return Some(Nav::Stay);
        }
        let review = self.wizard.as_deref().is_some_and(Self::is_review);
        Some(if review {
            self.review_key(key, ctx)
        } else {
            self.form_key(key)
        })
    }

    fn pending(&self) -> Vec<RequestId> {
        self.pending
            .iter()
            .copied()
            .chain(self.submitting)
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

    fn on_restore_started(
        &mut self,
        req: RequestId,
        result: &Result<String, BackendError>,
    ) -> Option<String> {
        if self.submitting != Some(req) {
            return None;
        }
        self.submitting = None;
        match result {
            Ok(_) => Some(self.region.clone()),
            Err(error) => {
                // The draft stays; Enter retries with the same idempotency token.
                self.submit_error = Some(error.clone());
                None
            }
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, ui: &UiCtx) {
        let t = ui.theme;
        let Some(w) = self.wizard.as_deref() else {
            let lines = match &self.load_error {
                Some(e) => vec![
                    Line::from(Span::styled(e.headline(), t.error)),
                    Line::from(e.kind.advice()),
                    Line::from("Press r to retry, esc to go back."),
                ],
                None => vec![Line::from(Span::styled(
                    format!("{} Loading what the restore needs...", ui.spinner),
                    t.muted,
                ))],
            };
            let block = Block::default()
                .borders(Borders::ALL)
                .border_style(t.border)
                .title(" Restore ");
            frame.render_widget(
                Paragraph::new(lines).block(block).wrap(Wrap { trim: true }),
                area,
            );
            return;
        };
        let [steps_area, body, status] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let steps: Vec<Span> = w
            .steps()
            .iter()
            .enumerate()
            .flat_map(|(i, name)| {
                let style = if i == w.step() { t.selected } else { t.muted };
                [
                    Span::styled(format!(" {} {name} ", i + 1), style),
                    Span::raw(" "),
                ]
            })
            .collect();
        frame.render_widget(Paragraph::new(Line::from(steps)), steps_area);
        let (mut lines, mut focus_line) = if Self::is_review(w) {
            (self.render_review(w, ui), 0)
        } else {
            form::lines(&w.items(), self.focus, t)
        };
        if !self.missing.is_empty() {
            let warnings = self
                .missing
                .iter()
                .map(|m| Line::from(Span::styled(m.clone(), t.warning)));
            lines.splice(0..0, warnings);
            focus_line += self.missing.len();
        }
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(t.border)
            .title(Span::styled(format!(" {} ", w.title()), t.title));
        let height = body.height.saturating_sub(2) as usize;
        let top = if Self::is_review(w) {
            self.scroll.min(lines.len().saturating_sub(height))
        } else {
            focus_line.saturating_sub(height.saturating_sub(3))
        };
        let shown: Vec<Line> = lines.into_iter().skip(top).collect();
        frame.render_widget(
            Paragraph::new(shown)
                .block(block)
                .wrap(Wrap { trim: false }),
            body,
        );
        let hint = if let Some(error) = &self.submit_error {
            Line::from(Span::styled(
                format!("{} {}", error.headline(), error.kind.advice()),
                t.error,
            ))
        } else if self.submitting.is_some() {
            Line::from(Span::styled(
                format!("{} Starting the restore job...", ui.spinner),
                t.muted,
            ))
        } else if Self::is_review(w) {
            Line::from(Span::styled(
                "enter start restore  c copy CLI  C copy JSON  j/k scroll  esc back",
                t.muted,
            ))
        } else {
            Line::from(Span::styled(
                "up/down field  left/right/space choose  enter next  esc back",
                t.muted,
            ))
        };
        frame.render_widget(Paragraph::new(hint), status);
        if self.picker.is_some() {
            self.render_picker(frame, body, ui);
        }
        if let Some(dialog) = &self.dialog {
            self.render_dialog(frame, body, dialog, w, ui);
        }
    }
}

impl RestoreScreen {
    fn render_picker(&self, frame: &mut Frame, area: Rect, ui: &UiCtx) {
        let t = ui.theme;
        let Some(p) = &self.picker else { return };
        let rows = self.picker_rows();
        let mut lines = vec![Line::from(vec![
            Span::styled("/", t.key),
            Span::styled(p.filter.clone(), t.input),
            Span::styled("_", t.key),
        ])];
        for (i, (_, label, detail)) in rows.iter().enumerate() {
            let style = if i == p.cursor {
                t.selected
            } else {
                ratatui::style::Style::new()
            };
            lines.push(Line::from(vec![
                Span::styled(format!("{label}  "), style),
                Span::styled(detail.clone(), t.muted),
            ]));
        }
        if rows.is_empty() {
            lines.push(Line::from(Span::styled("Nothing matches.", t.muted)));
        }
        let height = (lines.len() as u16 + 2).min(area.height);
        let rect = Rect::new(area.x + 2, area.y + 1, area.width.saturating_sub(4), height);
        frame.render_widget(Clear, rect);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(t.title)
            .title(" Choose (type to filter, enter picks, esc closes) ");
        frame.render_widget(Paragraph::new(lines).block(block), rect);
    }

    fn render_dialog(
        &self,
        frame: &mut Frame,
        area: Rect,
        dialog: &Dialog,
        w: &dyn RestoreWizard,
        ui: &UiCtx,
    ) {
        let t = ui.theme;
        let lines = match dialog {
            Dialog::Discard => vec![
                Line::from("Discard this restore draft?"),
                Line::from(vec![
                    Span::styled("y", t.key),
                    Span::raw(" discard   any other key keeps editing"),
                ]),
            ],
            Dialog::Confirm { typed } => match w.typed_confirmation() {
                Some(word) => vec![
                    Line::from(Span::styled(
                        "This restore writes into the SOURCE bucket.",
                        t.warning,
                    )),
                    Line::from(format!(
                        "Type {word} and press enter to start it (esc cancels):"
                    )),
                    Line::from(vec![
                        Span::styled(typed.clone(), t.input),
                        Span::styled("_", t.key),
                    ]),
                ],
                None => vec![
                    Line::from(format!("Start this restore job in {}?", self.region)),
                    Line::from(vec![
                        Span::styled("y", t.key),
                        Span::raw(" start   "),
                        Span::styled("n", t.key),
                        Span::raw("/esc cancel (the default)"),
                    ]),
                ],
            },
        };
        let width = 60.min(area.width);
        let rect = Rect::new(
            area.x + (area.width - width) / 2,
            area.y + area.height / 3,
            width,
            (lines.len() as u16 + 2).min(area.height),
        );
        frame.render_widget(Clear, rect);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(t.warning)
            .title(" Confirm ");
        frame.render_widget(
            Paragraph::new(lines).block(block).wrap(Wrap { trim: true }),
            rect,
        );
    }
}
