//! Named styles. Screens ask for a role, never a raw colour; NO_COLOR drops every colour.

use crate::listing::Tone;
use ratatui::style::{Color, Modifier, Style};

/// Styles by role. The default uses only the 16 ANSI colours, so any terminal shows it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    pub header: Style,
    pub mode_demo: Style,
    pub mode_aws: Style,
    pub breadcrumb: Style,
    pub border: Style,
    pub title: Style,
    pub table_header: Style,
    pub selected: Style,
    pub label: Style,
    pub good: Style,
    pub warning: Style,
    pub bad: Style,
    pub muted: Style,
    pub key: Style,
    pub error: Style,
    pub info: Style,
    pub input: Style,
}

impl Theme {
    /// The 16-colour default.
    pub fn ansi16() -> Theme {
        let plain = Style::new();
        Theme {
            header: plain
                .fg(Color::White)
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD),
            mode_demo: plain
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            mode_aws: plain
                .fg(Color::Black)
                .bg(Color::Green)
                .add_modifier(Modifier::BOLD),
            breadcrumb: plain.fg(Color::Cyan),
            border: plain.fg(Color::DarkGray),
            title: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            table_header: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            selected: plain.add_modifier(Modifier::REVERSED),
            label: plain.fg(Color::Cyan),
            good: plain.fg(Color::Green),
            warning: plain.fg(Color::Yellow),
            bad: plain.fg(Color::Red),
            muted: plain.fg(Color::DarkGray),
            key: plain.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            error: plain.fg(Color::Red).add_modifier(Modifier::BOLD),
            info: plain.fg(Color::Green),
            input: plain.add_modifier(Modifier::BOLD),
        }
    }

    /// No colours at all (NO_COLOR, or `ui.color = "never"`): emphasis by modifiers only.
    pub fn monochrome() -> Theme {
        let plain = Style::new();
        let bold = plain.add_modifier(Modifier::BOLD);
        Theme {
            header: plain.add_modifier(Modifier::REVERSED),
            mode_demo: bold.add_modifier(Modifier::REVERSED),
            mode_aws: bold.add_modifier(Modifier::REVERSED),
            breadcrumb: plain,
            border: plain,
            title: bold,
            table_header: bold.add_modifier(Modifier::UNDERLINED),
            selected: plain.add_modifier(Modifier::REVERSED),
            label: bold,
            good: plain,
            warning: bold,
            bad: bold,
            muted: plain.add_modifier(Modifier::DIM),
            key: bold,
            error: bold,
            info: plain,
            input: bold,
        }
    }

    /// Picks the theme from the config's colour mode and the NO_COLOR variable's value.
    pub fn select(mode: crate::config::ColorMode, no_color: Option<&str>) -> Theme {
        let no_color = no_color.is_some_and(|v| !v.is_empty());
        if no_color || mode == crate::config::ColorMode::Never {
            Theme::monochrome()
        } else {
            Theme::ansi16()
        }
    }

    pub fn tone(&self, tone: Tone) -> Style {
        match tone {
            Tone::Normal => Style::new(),
            Tone::Good => self.good,
            Tone::Warning => self.warning,
            Tone::Bad => self.bad,
            Tone::Muted => self.muted,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ColorMode;

    fn has_colour(s: Style) -> bool {
        s.fg.is_some_and(|c| c != Color::Reset) || s.bg.is_some_and(|c| c != Color::Reset)
    }

    #[test]
    fn no_color_removes_every_colour() {
        let t = Theme::select(ColorMode::Auto, Some("1"));
        for s in [
            t.header, t.selected, t.good, t.bad, t.warning, t.muted, t.key, t.error,
        ] {
            assert!(!has_colour(s), "{s:?}");
        }
        // An empty NO_COLOR does not count, as no-color.org says.
        assert_eq!(Theme::select(ColorMode::Auto, Some("")), Theme::ansi16());
        assert_eq!(Theme::select(ColorMode::Never, None), Theme::monochrome());
    }

    #[test]
    fn the_default_uses_only_the_16_ansi_colours() {
        let t = Theme::ansi16();
        for s in [
            t.header,
            t.mode_demo,
            t.breadcrumb,
            t.border,
            t.good,
            t.bad,
            t.muted,
            t.key,
        ] {
            for c in [s.fg, s.bg].into_iter().flatten() {
                assert!(!matches!(c, Color::Rgb(..) | Color::Indexed(_)), "{c:?}");
            }
        }
    }
}
