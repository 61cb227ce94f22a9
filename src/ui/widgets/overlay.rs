//! Overlays: the help screen generated from the keymap, the command palette, the MFA prompt.

use crate::app::{App, MfaPrompt};
use crate::palette::{self, Palette};
use crate::theme::Theme;
use crate::ui::widgets::dialog::Dialog;
use crate::ui::widgets::fields;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

/// A rectangle of at most `w`x`h` centred in `area`.
fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Widest the help box gets.
const HELP_WIDTH: u16 = 72;

/// The help's lines for a box `inner` columns wide, already wrapped: a long description goes
/// on under itself, so every word can be read and scrolling counts screen lines.
fn help_lines(app: &App, inner: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let contexts = app.top().map(|s| s.key_contexts()).unwrap_or(&[]);
    let mut lines = Vec::new();
    for (keys, cmd) in app.keymap.help(contexts) {
        let lead = vec![Span::styled(format!("{keys:>16}  "), theme.key)];
        lines.extend(hanging(lead, cmd.description(), inner));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "Commands (type : then one of these)",
        theme.title,
    )));
    for (name, aliases, about) in palette::COMMANDS {
        let alias = if aliases.is_empty() {
            String::new()
        } else {
            format!(" ({})", aliases.join(", "))
        };
        let lead = vec![
            Span::styled(format!(":{name}"), theme.key),
            Span::styled(alias, theme.muted),
            Span::raw("  "),
        ];
        lines.extend(hanging(lead, about, inner));
    }
    lines
}

/// `lead` then `text` wrapped to `width`, its continuation lines indented under the text's
/// start (or, when the lead takes half the line or more, under a 4-column indent).
fn hanging(lead: Vec<Span<'static>>, text: &str, width: usize) -> Vec<Line<'static>> {
    let lead_width: usize = lead.iter().map(|s| s.content.chars().count()).sum();
    let indent = if lead_width * 2 <= width {
        lead_width
    } else {
        4
    };
    let mut out = Vec::new();
    let first_room = width.saturating_sub(lead_width);
    let mut rest = text.to_string();
    if first_room > 0 {
        let pieces = fields::wrap(text, first_room);
        let head = pieces.first().cloned().unwrap_or_default();
        rest = text.chars().skip(head.chars().count()).collect::<String>();
        let mut spans = lead;
        spans.push(Span::raw(head));
        out.push(Line::from(spans));
    } else {
        out.extend(fields::hard_wrap(vec![Line::from(lead)], width.max(1)));
    }
    let rest = rest.trim_start();
    if !rest.is_empty() {
        out.extend(fields::wrapped(rest, indent, width, Style::new()));
    }
    out
}

/// The help box in `area`, and its lines.
fn help_box(app: &App, area: Rect) -> (Rect, Vec<Line<'static>>) {
    let inner = usize::from(HELP_WIDTH.min(area.width).saturating_sub(2));
    let lines = help_lines(app, inner);
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    (centered(area, HELP_WIDTH, height), lines)
}

/// The last scroll position that still fills the help box in `area`.
pub fn help_max_scroll(app: &App, area: Rect) -> u16 {
    let (rect, lines) = help_box(app, area);
    let shown = usize::from(rect.height.saturating_sub(2));
    u16::try_from(lines.len().saturating_sub(shown)).unwrap_or(u16::MAX)
}

pub fn help(frame: &mut Frame, area: Rect, app: &App, scroll: u16) {
    let theme = &app.theme;
    let (rect, lines) = help_box(app, area);
    let scroll = scroll.min(help_max_scroll(app, area));
    let title = app.top().map(|s| s.crumb()).unwrap_or_default();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.title)
        .title(Span::styled(format!(" Help: {title} "), theme.title))
        .title_bottom(Span::styled(
            " j/k scroll  any other key closes ",
            theme.muted,
        ));
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), rect);
}

pub fn palette(frame: &mut Frame, area: Rect, palette: &Palette, theme: &Theme) {
    let suggestions = palette::suggestions(&palette.text);
    let mut lines = vec![Line::from(vec![
        Span::styled(":", theme.key),
        Span::styled(palette.text.clone(), theme.input),
        Span::styled("_", theme.key),
    ])];
    if let Some(error) = &palette.error {
        lines.push(Line::from(Span::styled(error.clone(), theme.error)));
    }
    for s in suggestions.iter().take(6) {
        lines.push(Line::from(Span::styled(format!("  {s}"), theme.muted)));
    }
    let width = 64.min(area.width);
    // Wrapped lines (a long error) need their own rows.
    let inner_width = usize::from(width.saturating_sub(2)).max(1);
    let rows: usize = lines
        .iter()
        .map(|l| l.width().div_ceil(inner_width).max(1))
        .sum();
    let height = (rows as u16 + 2).max(4);
    let rect = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + 1.min(area.height),
        width,
        height.min(area.height.saturating_sub(1)),
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.title)
        .title(Span::styled(" Command ", theme.title))
        .title_bottom(Span::styled(
            " tab complete  enter run  esc cancel ",
            theme.muted,
        ));
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        rect,
    );
}

/// The MFA code prompt: which profile and device ask, the code typed so far.
pub fn mfa(frame: &mut Frame, area: Rect, prompt: &MfaPrompt, theme: &Theme) {
    let question = format!(
        "Profile {} assumes a role that requires MFA.",
        prompt.profile
    );
    let dialog = Dialog::new(theme, "MFA code", question)
        .max_width(70)
        .border(theme.title)
        .detail(format!("Device: {}", prompt.serial), theme.muted)
        .input("MFA code:", &prompt.code)
        .error(prompt.error.clone())
        .key("enter", "send")
        .key("esc", "cancel");
    frame.render_widget(&dialog, area);
}
