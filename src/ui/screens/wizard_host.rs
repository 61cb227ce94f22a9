//! Drives any wizard with the keyboard: fields, pickers, the review of the exact requests,
//! confirmation, sending each request once, and refusals shown without losing the draft.

use super::Nav;
use crate::action::{Loaded, RequestId};
use crate::backend::{BackendError, ErrorKind};
use crate::domain::WriteRequest;
use crate::effect::{Effect, Query};
use crate::remote::Ctx;
use crate::theme::Theme;
use crate::ui::UiCtx;
use crate::ui::widgets::dialog::Dialog as DialogBox;
use crate::ui::widgets::fields::{hard_wrap, wrapped};
use crate::ui::widgets::form;
use crate::wizard::form::{Control, Field, Input, Item};
use crate::wizard::{After, Wizard};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

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

    fn review_lines(&self, ui: &UiCtx) -> Vec<Line<'static>> {
        let t = ui.theme;
        let mut lines = vec![Line::from(Span::styled("Summary", t.title))];
        for (what, value) in self.wizard.summary() {
            lines.push(Line::from(vec![
                Span::styled(format!("  {what:<14} "), t.label),
                Span::raw(value),
            ]));
        }
        match self.wizard.requests() {
            Ok(requests) => {
                let numbered = requests.len() > 1;
                for (i, request) in requests.iter().enumerate() {
                    let number = if numbered {
                        format!("{}. ", i + 1)
                    } else {
                        String::new()
                    };
                    let done = if self.accepted.contains(request) {
                        " (done)"
                    } else {
                        ""
                    };
                    lines.push(Line::from(""));
                    lines.push(Line::from(Span::styled(
                        format!(
                            "{number}{} request (exactly what is sent){done}",
                            request.operation()
                        ),
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
            }
            Err(message) => lines.push(Line::from(Span::styled(message, t.error))),
        }
        lines
    }

    /// Draws the wizard; `warnings` go above the form (lists that could not be loaded).
    pub fn render(&self, frame: &mut Frame, area: Rect, ui: &UiCtx, warnings: &[String]) {
        let t = ui.theme;
        let w = self.wizard.as_ref();
        // A refusal is shown whole, wrapped above the key line: AWS's words are what the
        // operator needs, and they are rarely short. At most half the area, so the draft shows.
        let error_lines = self
            .submit_error
            .as_ref()
            .map(|e| submit_error_lines(e, area.width as usize, t))
            .unwrap_or_default();
        let error_height = (error_lines.len() as u16).min(area.height / 2);
        let [steps_area, body, error_area, status] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(error_height),
            Constraint::Length(1),
        ])
        .areas(area);
        frame.render_widget(Paragraph::new(error_lines), error_area);
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
        let review = self.is_review();
        let (mut lines, mut focus_line) = if review {
            (self.review_lines(ui), 0)
        } else {
            form::lines(
                &w.items(),
                self.focus,
                t,
                body.width.saturating_sub(2) as usize,
            )
        };
        if !warnings.is_empty() {
            let shown = warnings
                .iter()
                .map(|m| Line::from(Span::styled(m.clone(), t.warning)));
            lines.splice(0..0, shown);
            focus_line += warnings.len();
        }
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(t.border)
            .title(Span::styled(format!(" {} ", w.title()), t.title));
        let height = body.height.saturating_sub(2) as usize;
        let top = if review {
            // Wrapped here, not by the paragraph, so the scroll range counts screen lines and
            // the end of a long command can be scrolled into view.
            lines = hard_wrap(lines, body.width.saturating_sub(2) as usize);
            let max = lines.len().saturating_sub(height);
            self.max_scroll.set(max);
            self.scroll.min(max)
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
        let hint = if let Some(sending) = &self.sending {
            let op = sending
                .requests
                .get(sending.index)
                .map(WriteRequest::operation)
                .unwrap_or_default();
            Line::from(Span::styled(
                format!("{} Sending {op}...", ui.spinner),
                t.muted,
            ))
        } else if review {
            Line::from(Span::styled(
                format!(
                    "enter {}  c copy CLI  C copy JSON  j/k scroll  esc back",
                    w.submit_label()
                ),
                t.muted,
            ))
        } else {
            let fields = self.fields();
            let focused = fields.get(self.focus.min(fields.len().saturating_sub(1)));
            Line::from(Span::styled(form_hint(focused), t.muted))
        };
        frame.render_widget(Paragraph::new(hint), status);
        if self.picker.is_some() {
            self.render_picker(frame, body, ui);
        }
        if let Some(dialog) = &self.dialog {
            self.render_dialog(frame, body, dialog, ui);
        }
    }

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
        let height = (lines.len() as u16 + 2).min(area.height.saturating_sub(2));
        // Keep the cursor's row on screen in a long list.
        let room = height.saturating_sub(3) as usize;
        let skip = (p.cursor + 1).saturating_sub(room);
        let lines: Vec<Line> = lines
            .into_iter()
            .enumerate()
            .filter(|(i, _)| *i == 0 || *i > skip)
            .map(|(_, l)| l)
            .collect();
        // Over the whole inside of the form's frame, so no form text shows beside it.
        let rect = Rect::new(area.x + 1, area.y + 1, area.width.saturating_sub(2), height);
        frame.render_widget(Clear, rect);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(t.title)
            .title(" Choose (type to filter, enter picks, esc closes) ");
        frame.render_widget(Paragraph::new(lines).block(block), rect);
    }

    fn render_dialog(&self, frame: &mut Frame, area: Rect, dialog: &Dialog, ui: &UiCtx) {
        let t = ui.theme;
        let w = self.wizard.as_ref();
        let box_ = match dialog {
            Dialog::Discard => DialogBox::new(t, "Discard", "Discard this draft?")
                .key("y", "discard")
                .key("any other key", "keeps editing"),
            Dialog::Confirm { typed, wrong } => match w.typed_confirmation() {
                Some(word) => DialogBox::new(t, "Confirm", w.confirm_question())
                    .question_style(t.warning)
                    .input(format!("Type {word} and press enter to start it:"), typed)
                    .error(wrong.then(|| {
                        format!(
                            "That is not {}: type {word} to confirm.",
                            w.typed_confirmation_what()
                        )
                    }))
                    .key("enter", w.submit_label())
                    .key("esc", "cancel"),
                None => DialogBox::new(t, "Confirm", w.confirm_question())
                    .key("y", w.submit_label())
                    .key("n/esc", "cancel (the default)"),
            },
        };
        frame.render_widget(&box_, area);
    }
}

/// A refusal in full: what happened and what to do, then AWS's code and request id.
fn submit_error_lines(error: &BackendError, width: usize, t: &Theme) -> Vec<Line<'static>> {
    let mut lines = wrapped(&error.explained(), 0, width, t.error);
    let ids: Vec<String> = [
        error.code.as_deref().map(str::to_string),
        error
            .request_id
            .as_ref()
            .map(|id| format!("request id {id}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !ids.is_empty() {
        lines.extend(wrapped(&ids.join("  "), 2, width, t.muted));
    }
    lines
}

/// The footer of a form step, saying what enter does on the focused field: on a button it
/// presses it (`enter add a copy rule`), on a pick with nothing chosen it opens the list.
fn form_hint(field: Option<&Field>) -> String {
    match field.map(|f| (&f.control, f)) {
        Some((Control::Action, f)) => {
            format!("up/down field  enter {}  esc back", f.label.to_lowercase())
        }
        Some((Control::Pick { selected: None, .. }, _)) => {
            "up/down field  enter choose from the list  esc back".to_string()
        }
        _ => "up/down field  left/right/space choose  enter next  esc back".to_string(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_hint_says_what_enter_does_on_the_focused_field() {
        let add = Field::action("add", "Add a copy rule");
        assert_eq!(
            form_hint(Some(&add)),
            "up/down field  enter add a copy rule  esc back"
        );
        let pick = Field::pick("vault", "Vault", Vec::new(), None);
        assert_eq!(
            form_hint(Some(&pick)),
            "up/down field  enter choose from the list  esc back"
        );
        let choice = Field::choice("mode", "Mode", &["a", "b"], 0);
        assert!(form_hint(Some(&choice)).contains("enter next"));
        assert!(form_hint(None).contains("enter next"));
    }
}
