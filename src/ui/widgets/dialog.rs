//! The one confirmation box: wrapped question, details, typed input, error; keys always shown.

use crate::theme::Theme;
use crate::ui::widgets::fields::{hard_wrap, wrap};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

/// Spaces between two key groups of the key line (`y send   n/esc cancel`).
const KEY_GAP: &str = "   ";

/// A confirmation (or prompt) to draw over a screen; built per frame by the screen that owns
/// the state, so the widget itself keeps none.
#[derive(Debug, Clone)]
pub struct Dialog<'a> {
    title: String,
    question: String,
    question_style: Style,
    details: Vec<(String, Style)>,
    input: Option<(String, &'a str)>,
    error: Option<String>,
    keys: Vec<(String, String)>,
    max_width: u16,
    border: Style,
    theme: &'a Theme,
}

/// What the box holds once laid out in an area: its rectangle and its screen lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Laid {
    pub rect: Rect,
    pub lines: Vec<Line<'static>>,
    /// False when the area is too small for a border: only the key line is drawn.
    pub bordered: bool,
}

impl<'a> Dialog<'a> {
    /// A box titled `title` asking `question`; add keys with `key`.
    pub fn new(theme: &'a Theme, title: impl Into<String>, question: impl Into<String>) -> Self {
        Dialog {
            title: title.into(),
            question: question.into(),
            question_style: Style::new(),
            details: Vec::new(),
            input: None,
            error: None,
            keys: Vec::new(),
            max_width: 60,
            border: theme.warning,
            theme,
        }
    }

    pub fn question_style(mut self, style: Style) -> Self {
        self.question_style = style;
        self
    }

    /// A line under the question (a consequence, the exact request); wrapped under its own
    /// indentation, cut first when the area is short.
    pub fn detail(mut self, text: impl Into<String>, style: Style) -> Self {
        self.details.push((text.into(), style));
        self
    }

    /// A typed confirmation: `prompt` says what to type (empty: nothing said), `typed` is what
    /// was typed so far.
    pub fn input(mut self, prompt: impl Into<String>, typed: &'a str) -> Self {
        self.input = Some((prompt.into(), typed));
        self
    }

    pub fn error(mut self, error: Option<String>) -> Self {
        self.error = error;
        self
    }

    /// One group of the key line: `key("y", "send")` shows `y send`.
    pub fn key(mut self, key: impl Into<String>, what: impl Into<String>) -> Self {
        self.keys.push((key.into(), what.into()));
        self
    }

    /// The border's style (a warning unless said otherwise).
    pub fn border(mut self, style: Style) -> Self {
        self.border = style;
        self
    }

    /// The widest the box gets (it is never wider than the area).
    pub fn max_width(mut self, width: u16) -> Self {
        self.max_width = width;
        self
    }

    /// The key line as one line of groups, then wrapped to `width` group by group (a group
    /// wider than a line is cut into pieces).
    fn key_lines(&self, width: usize) -> Vec<Line<'static>> {
        let mut out = Vec::new();
        let mut row: Vec<Span<'static>> = Vec::new();
        let mut used = 0;
        for (key, what) in &self.keys {
            let len = key.chars().count() + 1 + what.chars().count();
            if used > 0 && used + KEY_GAP.len() + len > width {
                out.push(Line::from(std::mem::take(&mut row)));
                used = 0;
            }
            if used > 0 {
                row.push(Span::raw(KEY_GAP));
                used += KEY_GAP.len();
            }
            row.push(Span::styled(key.clone(), self.theme.key));
            row.push(Span::raw(format!(" {what}")));
            used += len;
        }
        if !row.is_empty() {
            out.push(Line::from(row));
        }
        hard_wrap(out, width)
    }

    /// The typed text and its cursor; the end stays in view when it is longer than a line.
    fn input_line(typed: &str, width: usize, theme: &Theme) -> Line<'static> {
        let room = width.saturating_sub(1);
        let count = typed.chars().count();
        let shown = if count > room {
            let tail: String = typed.chars().skip(count + 1 - room).collect();
            format!("…{tail}")
        } else {
            typed.to_string()
        };
        Line::from(vec![
            Span::styled(shown, theme.input),
            Span::styled("_", theme.key),
        ])
    }

    /// Lays the box out in `area`: the key line always, then (as room allows) the first line
    /// of the question, the typed input, the error, what to type, the rest of the question
    /// and the details. What does not fit ends with `…`.
    pub fn layout(&self, area: Rect) -> Laid {
        let width = self.max_width.min(area.width);
        if width < 3 || area.height < 3 {
            // No room for a border: the keys alone, as far as they go.
            let lines: Vec<Line<'static>> = self
                .key_lines(usize::from(area.width).max(1))
                .into_iter()
                .take(usize::from(area.height))
                .collect();
            let height = lines.len() as u16;
            return Laid {
                rect: Rect::new(area.x, area.y, area.width, height),
                lines,
                bordered: false,
            };
        }
        let inner = usize::from(width - 2);
        let t = self.theme;
        let keys = self.key_lines(inner);
        let question = wrap(&self.question, inner);
        let details: Vec<(String, Style, usize)> = self
            .details
            .iter()
            .flat_map(|(text, style)| {
                let body = text.trim_start();
                let indent = (text.len() - body.len()).min(inner / 2);
                wrap(body, inner - indent)
                    .into_iter()
                    .map(move |l| (l, *style, indent))
            })
            .collect();
        let (prompt, typed) = match &self.input {
            Some((prompt, typed)) if prompt.is_empty() => (Vec::new(), Some(*typed)),
            Some((prompt, typed)) => (wrap(prompt, inner), Some(*typed)),
            None => (Vec::new(), None),
        };
        let error = self
            .error
            .as_deref()
            .map(|e| wrap(e, inner))
            .unwrap_or_default();

        // Rows go to each part in order of need; the key line first, whatever the size.
        let mut budget = usize::from(area.height - 2);
        let mut take = |want: usize| {
            let n = want.min(budget);
            budget -= n;
            n
        };
        let n_keys = take(keys.len());
        let q_first = take(question.len().min(1));
        let n_input = take(usize::from(typed.is_some()));
        let n_error = take(error.len());
        let n_prompt = take(prompt.len());
        let q_rest = take(question.len() - q_first);
        let n_details = take(details.len());
        let gap = take(usize::from(!details.is_empty()));

        let mut lines = Vec::new();
        let n_question = q_first + q_rest;
        lines.extend(
            shown(&question, n_question, inner)
                .into_iter()
                .map(|l| Line::from(Span::styled(l, self.question_style))),
        );
        let detail_texts: Vec<String> = details.iter().map(|(l, _, _)| l.clone()).collect();
        for (i, text) in shown(&detail_texts, n_details, inner)
            .into_iter()
            .enumerate()
        {
            let (_, style, indent) = &details[i];
            lines.push(Line::from(Span::styled(
                format!("{:indent$}{text}", ""),
                *style,
            )));
        }
        if gap > 0 {
            lines.push(Line::from(""));
        }
        lines.extend(shown(&prompt, n_prompt, inner).into_iter().map(Line::from));
        if let Some(typed) = typed.filter(|_| n_input > 0) {
            lines.push(Self::input_line(typed, inner, t));
        }
        lines.extend(
            shown(&error, n_error, inner)
                .into_iter()
                .map(|l| Line::from(Span::styled(l, t.error))),
        );
        lines.extend(keys.into_iter().take(n_keys));

        let height = lines.len() as u16 + 2;
        let rect = Rect::new(
            area.x + (area.width - width) / 2,
            area.y + (area.height - height) / 2,
            width,
            height,
        );
        Laid {
            rect,
            lines,
            bordered: true,
        }
    }
}

/// The first `n` of `lines`; the last one shown ends with `…` when some are left out.
fn shown(lines: &[String], n: usize, width: usize) -> Vec<String> {
    let mut out: Vec<String> = lines.iter().take(n).cloned().collect();
    if n < lines.len()
        && let Some(last) = out.last_mut()
    {
        let keep: String = last.chars().take(width.saturating_sub(1)).collect();
        *last = format!("{keep}…");
    }
    out
}

impl Widget for &Dialog<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let laid = self.layout(area);
        Clear.render(laid.rect, buf);
        if !laid.bordered {
            Paragraph::new(laid.lines).render(laid.rect, buf);
            return;
        }
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(self.border)
            .title(format!(" {} ", self.title));
        Paragraph::new(laid.lines)
            .block(block)
            .render(laid.rect, buf);
    }
}

#[cfg(test)]
mod tests;
