//! Keys before the screens see them: force quit, the messages shortcut, overlays (MFA, the
//! messages panel, the palette, help), the filter being typed and the too-small screen.

use super::{App, Overlay};
use crate::action::Command;
use crate::effect::Effect;
use crate::palette;
use crate::remote::Ctx;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

impl App {
    pub(super) fn on_key(&mut self, key: KeyEvent, effects: &mut Vec<Effect>) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        match self.keymap.lookup(&[], &key) {
            Some(Command::ForceQuit) => {
                self.quit = true;
                return;
            }
            // A control key opens the messages from anywhere, even a form's text field (where
            // a plain letter is typed); the panel itself closes with it.
            Some(Command::Messages)
                if key.modifiers.contains(KeyModifiers::CONTROL)
                    && !matches!(self.overlay, Overlay::Messages(_) | Overlay::Mfa(_)) =>
            {
                self.open_messages();
                return;
            }
            _ => {}
        }
        if matches!(self.overlay, Overlay::Messages(_)) {
            self.messages_key(&key, effects);
            return;
        }
        if self.size.is_some_and(|(w, h)| crate::ui::too_small(w, h)) {
            // Only what the too-small message names: the screens under it are hidden, and a
            // key typed blind must not change a draft or send anything.
            if key.code == KeyCode::Char('q')
                && !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
            {
                self.quit = true;
            }
            return;
        }
        if matches!(self.overlay, Overlay::Mfa(_)) {
            self.mfa_key(&key, effects);
            return;
        }
        if let Overlay::Palette(palette) = &mut self.overlay {
            match key.code {
                KeyCode::Esc => self.overlay = Overlay::None,
                KeyCode::Enter => {
                    let text = palette.text.clone();
                    match palette::parse(&text) {
                        Ok(cmd) => {
                            self.overlay = Overlay::None;
                            self.run_palette(cmd, effects);
                        }
                        Err(message) => palette.error = Some(message),
                    }
                }
                KeyCode::Tab => palette.complete(),
                _ => {
                    if edit_text(&mut palette.text, &key) {
                        palette.error = None;
                    }
                }
            }
            return;
        }
        if matches!(self.overlay, Overlay::Help { .. }) {
            self.help_key(&key);
            return;
        }
        if let Some(input) = &self.filter_input {
            let original = input.original.clone();
            let Some(list) = self.top_mut().and_then(|s| s.list_mut()) else {
                self.filter_input = None;
                return;
            };
            match key.code {
                KeyCode::Enter => self.filter_input = None,
                KeyCode::Esc => {
                    list.set_filter(&original);
                    self.filter_input = None;
                }
                // Arrows keep working while typing, so one can filter and pick.
                KeyCode::Up => list.move_by(-1),
                KeyCode::Down => list.move_by(1),
                _ => {
                    let mut text = list.filter().to_string();
                    if edit_text(&mut text, &key) {
                        list.set_filter(&text);
                    }
                }
            }
            return;
        }
        self.notice = None;
        // Screens with their own inputs (wizard forms, menus) see the key first.
        let region = self.region.clone();
        if let Some(screen) = self.stack.last_mut() {
            let mut ctx = Ctx::new(&region, &self.session, &mut self.next_req, effects);
            if let Some(nav) = screen.handle_key(&key, &mut ctx) {
                self.navigate(nav, effects);
                return;
            }
        }
        let contexts = self.top().map(|s| s.key_contexts()).unwrap_or(&[]);
        if let Some(cmd) = self.keymap.lookup(contexts, &key) {
            self.on_command(cmd, effects);
        }
    }

    /// j/k scroll the help, stopping at its last screenful (so `k` acts at once after
    /// holding `j`); any other key closes it.
    fn help_key(&mut self, key: &KeyEvent) {
        let max = self.size.map_or(u16::MAX, |(w, h)| {
            crate::ui::widgets::overlay::help_max_scroll(self, crate::ui::body_area(w, h))
        });
        let Overlay::Help { scroll } = &mut self.overlay else {
            return;
        };
        match key.code {
            KeyCode::Down | KeyCode::Char('j') => *scroll = scroll.saturating_add(1).min(max),
            KeyCode::Up | KeyCode::Char('k') => *scroll = scroll.saturating_sub(1),
            _ => self.overlay = Overlay::None,
        }
    }
}

/// Applies an editing key to `text`; true if it changed. Typed text is never dropped silently.
fn edit_text(text: &mut String, key: &KeyEvent) -> bool {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char('u') if ctrl => {
            text.clear();
            true
        }
        KeyCode::Char('w') if ctrl => {
            let trimmed = text.trim_end().len();
            let cut = text[..trimmed].rfind(' ').map(|i| i + 1).unwrap_or(0);
            text.truncate(cut);
            true
        }
        KeyCode::Char(c) if !ctrl => {
            text.push(c);
            true
        }
        KeyCode::Backspace => text.pop().is_some(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editing_keys() {
        let mut text = String::from("region us");
        assert!(edit_text(
            &mut text,
            &KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL)
        ));
        assert_eq!(text, "region ");
        assert!(edit_text(
            &mut text,
            &KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)
        ));
        assert_eq!(text, "region");
        assert!(edit_text(
            &mut text,
            &KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)
        ));
        assert!(text.is_empty());
        assert!(!edit_text(
            &mut text,
            &KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)
        ));
    }
}
