//! Draws the wizard host: the steps, the form or the review of the exact requests, a refusal in
//! full, the key line for the focused field, the pick list and the confirmation.

use super::{Dialog, WizardHost};
use crate::backend::BackendError;
use crate::domain::WriteRequest;
use crate::theme::Theme;
use crate::ui::UiCtx;
use crate::ui::widgets::dialog::Dialog as DialogBox;
use crate::ui::widgets::fields::{hard_wrap, wrapped};
use crate::ui::widgets::form;
use crate::wizard::form::{Control, Field};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

impl WizardHost {
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
