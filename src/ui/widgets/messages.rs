//! The messages panel: every notice and error of this run, newest first, each in full
//! (wrapped to the width), the selected one highlighted and kept in view.

use crate::app::{App, Level, Message, MessagesView};
use crate::theme::Theme;
use crate::ui::widgets::fields::wrapped;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// Draws the panel over `area` (the body: header and footer stay visible).
pub fn panel(frame: &mut Frame, area: Rect, app: &App, view: &MessagesView) {
    let theme = &app.theme;
    let inner_width = area.width.saturating_sub(2) as usize;
    let height = area.height.saturating_sub(2) as usize;
    let keys = if view.copied {
        " copied  j/k select  c copy  esc close ".to_string()
    } else {
        " j/k select  c copy  esc close ".to_string()
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.title)
        .title(Span::styled(
            format!(" Messages ({}) newest first ", app.messages.len()),
            theme.title,
        ))
        .title_bottom(Span::styled(keys, theme.muted));
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_span = (0, 0);
    for (index, message) in app.messages.newest_first().enumerate() {
        let start = lines.len();
        lines.extend(message_lines(
            message,
            index == view.selected,
            inner_width,
            theme,
        ));
        if index == view.selected {
            selected_span = (start, lines.len());
        }
    }
    if lines.is_empty() {
        lines.push(Line::from(Span::styled(
            "Nothing to report yet: notices, retries and errors appear here.",
            theme.muted,
        )));
    }
    // The selected message in view, whole when it fits, else from its first line.
    let (start, end) = selected_span;
    let top = if end <= height {
        0
    } else if end - start > height {
        start
    } else {
        end - height
    };
    let shown: Vec<Line> = lines.into_iter().skip(top).take(height).collect();
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(shown).block(block), area);
}

/// One message: its heading (time, level, operation, code, request id), then its text.
fn message_lines(
    message: &Message,
    selected: bool,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let level_style = match message.level {
        Level::Error => theme.error,
        Level::Warning => theme.warning,
        Level::Info => theme.info,
    };
    let heading_style = if selected {
        theme.selected
    } else {
        level_style
    };
    let marker = if selected { "> " } else { "  " };
    let mut lines = wrapped(
        &format!("{marker}{}", message.heading()),
        0,
        width,
        heading_style,
    );
    lines.extend(wrapped(&message.text, 4, width, Style::default()));
    lines
}
