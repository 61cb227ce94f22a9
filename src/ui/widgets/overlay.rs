//! Overlays: the help screen generated from the keymap, the command palette, the MFA prompt.

use crate::app::{App, MfaPrompt};
use crate::palette::{self, Palette};
use crate::theme::Theme;
use crate::ui::widgets::dialog::Dialog;
use ratatui::Frame;
use ratatui::layout::Rect;
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

pub fn help(frame: &mut Frame, area: Rect, app: &App, scroll: u16) {
    let theme = &app.theme;
    let contexts = app.top().map(|s| s.key_contexts()).unwrap_or(&[]);
    let mut lines: Vec<Line> = app
        .keymap
        .help(contexts)
        .into_iter()
        .map(|(keys, cmd)| {
            Line::from(vec![
                Span::styled(format!("{keys:>16}  "), theme.key),
                Span::raw(cmd.description()),
            ])
        })
        .collect();
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
        lines.push(Line::from(vec![
            Span::styled(format!(":{name}"), theme.key),
            Span::styled(alias, theme.muted),
            Span::raw(format!("  {about}")),
        ]));
    }
    let rect = centered(area, 72, lines.len() as u16 + 2);
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
