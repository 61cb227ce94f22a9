//! Draws the delete screen: what is deleted and what is refused (with why), the exact request
//! and CLI command of the chosen item, progress, and the typed confirmation.

use super::{DeleteScreen, ItemState, Stage};
use crate::ui::UiCtx;
use crate::ui::widgets::dialog::Dialog;
use crate::ui::widgets::fields::wrapped;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

pub fn render(s: &DeleteScreen, frame: &mut Frame, area: Rect, ui: &UiCtx) {
    let t = ui.theme;
    let [body, status] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    let width = body.width.saturating_sub(2) as usize;
    let lines = body_lines(s, ui, width);
    let height = body.height.saturating_sub(2) as usize;
    let max = lines.len().saturating_sub(height);
    s.max_scroll.set(max);
    let shown: Vec<Line> = lines.into_iter().skip(s.scroll.min(max)).collect();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border)
        .title(Span::styled(format!(" {} ", title(s)), t.title));
    frame.render_widget(Paragraph::new(shown).block(block), body);
    frame.render_widget(Paragraph::new(status_line(s, ui)), status);
    if s.stage == Stage::Confirm {
        confirm_dialog(s, frame, body, ui);
    }
}

fn title(s: &DeleteScreen) -> String {
    let n = s.items.len();
    match n {
        1 => "Delete 1 recovery point".to_string(),
        _ => format!("Delete {n} recovery points"),
    }
}

/// A line of JSON or of a command, indented by 2 beyond its own indentation and wrapped.
fn code(line: &str, width: usize) -> Vec<Line<'static>> {
    let text = line.trim_start();
    let indent = 2 + line.len() - text.len();
    wrapped(text, indent, width, Style::new())
}

fn body_lines(s: &DeleteScreen, ui: &UiCtx, width: usize) -> Vec<Line<'static>> {
    let t = ui.theme;
    if let Stage::Checking(_) = s.stage {
        return vec![Line::from(Span::styled(
            format!(
                "{} Checking whether the vaults are locked (ListBackupVaults)...",
                ui.spinner
            ),
            t.muted,
        ))];
    }
    let mut lines = Vec::new();
    if let Some(warning) = &s.warning {
        lines.extend(wrapped(warning, 0, width, t.warning));
    }
    lines.push(Line::from(Span::styled(
        format!("To delete ({})", s.items.len()),
        t.title,
    )));
    for (i, item) in s.items.iter().enumerate() {
        let marker = if i == s.cursor && s.items.len() > 1 {
            "> "
        } else {
            "  "
        };
        let (state, style) = match &item.state {
            ItemState::Waiting => ("waiting".to_string(), t.muted),
            ItemState::Deleting => (format!("{} deleting", ui.spinner), t.info),
            ItemState::Deleted => ("deleted".to_string(), t.good),
            ItemState::Failed(_) => ("failed".to_string(), t.error),
        };
        lines.push(Line::from(vec![
            Span::raw(format!(
                "{marker}{}  {}  {}  ",
                item.rp.short_id(),
                item.rp.resource_name,
                item.rp.status
            )),
            Span::styled(state, style),
        ]));
        if let ItemState::Failed(message) = &item.state {
            lines.extend(wrapped(message, 4, width, t.error));
        }
    }
    if s.items.is_empty() {
        lines.push(Line::from(Span::styled("  Nothing.", t.muted)));
    }
    if !s.refused.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            format!("Cannot be deleted here ({})", s.refused.len()),
            t.title,
        )));
        for (rp, reason) in &s.refused {
            lines.push(Line::from(format!(
                "  {}  {}  {}",
                rp.short_id(),
                rp.resource_name,
                rp.status
            )));
            lines.extend(wrapped(reason, 4, width, t.warning));
        }
    }
    if let Some(item) = s.items.get(s.cursor) {
        lines.push(Line::from(""));
        let which = if s.items.len() > 1 {
            format!(" ({} of {}, j/k)", s.cursor + 1, s.items.len())
        } else {
            String::new()
        };
        lines.push(Line::from(Span::styled(
            format!("DeleteRecoveryPoint request{which}"),
            t.title,
        )));
        for l in item.request.api_json().lines() {
            lines.extend(code(l, width));
        }
        lines.push(Line::from(Span::styled("AWS CLI equivalent", t.title)));
        for l in item.request.cli_command().lines() {
            lines.extend(code(l, width));
        }
    }
    lines
}

fn status_line(s: &DeleteScreen, ui: &UiCtx) -> Line<'static> {
    let t = ui.theme;
    let total = s.items.len();
    let deleted = s.count(|st| matches!(st, ItemState::Deleted));
    let failed = s.count(|st| matches!(st, ItemState::Failed(_)));
    let unsent = s.count(|st| matches!(st, ItemState::Waiting));
    let (text, style) = match s.stage {
        Stage::Checking(_) => ("esc back".to_string(), t.muted),
        Stage::Review | Stage::Confirm if total == 0 => (
            "Nothing can be deleted here.  esc back".to_string(),
            t.muted,
        ),
        Stage::Review => (
            "enter delete  c copy CLI  C copy JSON  space scroll  esc back".to_string(),
            t.muted,
        ),
        Stage::Confirm => (
            "type the confirmation, enter deletes, esc cancels".to_string(),
            t.muted,
        ),
        Stage::Sending { index, .. } if s.stopping => (
            format!(
                "{} Stopping: waiting for the answer for {} of {total}; the rest are not sent.",
                ui.spinner,
                index + 1
            ),
            t.warning,
        ),
        Stage::Sending { index, .. } => (
            format!(
                "{} Deleting {} of {total}...  esc stops after this one",
                ui.spinner,
                index + 1
            ),
            t.info,
        ),
        Stage::Done if failed + unsent == 0 => (
            format!("Deleted {deleted} of {total}.  esc back (the list reloads)"),
            t.good,
        ),
        Stage::Done => {
            let mut parts = vec![format!("Deleted {deleted} of {total}")];
            if failed > 0 {
                parts.push(format!("{failed} failed"));
            }
            if unsent > 0 {
                parts.push(format!("{unsent} not sent"));
            }
            (
                format!("{}.  r retry those  esc back", parts.join(", ")),
                t.error,
            )
        }
    };
    Line::from(Span::styled(text, style))
}

fn confirm_dialog(s: &DeleteScreen, frame: &mut Frame, area: Rect, ui: &UiCtx) {
    let t = ui.theme;
    let word = s.confirmation();
    let n = s.items.len();
    let what = if n == 1 {
        "1 recovery point".to_string()
    } else {
        format!("{n} recovery points")
    };
    let dialog = Dialog::new(
        t,
        "Confirm",
        format!("Delete {what}? This cannot be undone."),
    )
    .question_style(t.warning)
    .input(format!("Type {word} and press enter:"), &s.typed)
    .error(
        s.wrong
            .then(|| format!("That is not \"{word}\": type exactly {word}.")),
    )
    .key("enter", "delete")
    .key("esc", "cancel");
    frame.render_widget(&dialog, area);
}
