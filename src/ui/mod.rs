//! Drawing: the chrome (header, breadcrumbs, footer, overlays) around the top screen.

pub mod rows;
pub mod screens;
pub mod widgets;

use crate::app::{App, Overlay};
use crate::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// Below this size the screens cannot be laid out; a message says so instead.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;

/// Whether a terminal of `width`x`height` is too small for the screens: the one check shared
/// by drawing (the message instead of the screens) and by the keys (only q and ctrl-c act).
pub fn too_small(width: u16, height: u16) -> bool {
    width < MIN_WIDTH || height < MIN_HEIGHT
}

/// What every screen's renderer gets besides its own state.
pub struct UiCtx<'a> {
    pub theme: &'a Theme,
    /// The spinner frame to show next to loading lists.
    pub spinner: &'static str,
}

const SPINNER: [&str; 4] = ["-", "\\", "|", "/"];

/// Draws the whole app into `frame`. Never panics, whatever the size (down to 1x1).
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let theme = &app.theme;
    if too_small(area.width, area.height) {
        too_small_message(frame, area, theme);
        return;
    }
    let [header, crumbs, body, footer] = chrome_areas(area);
    widgets::chrome::header(frame, header, app);
    widgets::chrome::breadcrumbs(frame, crumbs, app);
    let ui = UiCtx {
        theme,
        spinner: SPINNER[app.spinner % SPINNER.len()],
    };
    if let Some(screen) = app.top() {
        screen.render(frame, body, &ui);
    }
    widgets::chrome::footer(frame, footer, app);
    match &app.overlay {
        Overlay::None => {}
        Overlay::Help { scroll } => widgets::overlay::help(frame, body, app, *scroll),
        Overlay::Palette(palette) => widgets::overlay::palette(frame, body, palette, theme),
        Overlay::Mfa(prompt) => widgets::overlay::mfa(frame, body, prompt, theme),
        Overlay::Messages(view) => widgets::messages::panel(frame, body, app, view),
    }
}

/// The header, breadcrumbs, body and footer rows of a frame of `area`.
fn chrome_areas(area: Rect) -> [Rect; 4] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area)
}

/// Where the screens and overlays go in a terminal of `width`x`height`.
pub fn body_area(width: u16, height: u16) -> Rect {
    chrome_areas(Rect::new(0, 0, width, height))[2]
}

fn too_small_message(frame: &mut Frame, area: Rect, theme: &Theme) {
    let lines = vec![
        Line::from(Span::styled("Terminal too small", theme.error)),
        Line::from(format!(
            "{}x{}: backup-tui needs at least {MIN_WIDTH}x{MIN_HEIGHT}.",
            area.width, area.height
        )),
        Line::from("Enlarge the window, or press q to quit."),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
}
