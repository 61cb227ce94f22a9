//! What the restore and copy screens do before their wizard opens, while its inputs load:
//! Esc leaves, and a box says that they are loading (or why they could not be loaded).

use super::Nav;
use super::wizard_host::WizardHost;
use crate::backend::BackendError;
use crate::remote::Ctx;
use crate::ui::UiCtx;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// A key on a wizard screen: the wizard's once it is open; before that only Esc, which leaves.
pub fn handle_key(host: Option<&mut WizardHost>, key: &KeyEvent, ctx: &mut Ctx) -> Option<Nav> {
    match host {
        Some(host) => Some(host.handle_key(key, ctx)),
        None => (key.code == KeyCode::Esc).then_some(Nav::Pop),
    }
}

/// The box titled `title` (`Restore`) until the wizard opens: `Loading what the restore
/// needs...`, or `error` with what to do about it and how to retry.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    ui: &UiCtx,
    title: &str,
    error: Option<&BackendError>,
) {
    let t = ui.theme;
    let lines = match error {
        Some(e) => vec![
            Line::from(Span::styled(e.headline(), t.error)),
            Line::from(e.advice()),
            Line::from("Press r to retry, esc to go back."),
        ],
        None => vec![Line::from(Span::styled(
            format!(
                "{} Loading what the {} needs...",
                ui.spinner,
                title.to_lowercase()
            ),
            t.muted,
        ))],
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border)
        .title(format!(" {title} "));
    frame.render_widget(
        Paragraph::new(lines).block(block).wrap(Wrap { trim: true }),
        area,
    );
}
