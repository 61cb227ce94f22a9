//! The messages panel's model: every notice, warning and error of this run, newest first,
//! with its time, operation, AWS's code and request id, and the keys that read and copy them.

use super::{App, Notice, Overlay};
use crate::action::Command;
use crate::backend::BackendError;
use crate::effect::Effect;
use crossterm::event::{KeyCode, KeyEvent};
use std::collections::VecDeque;

/// Messages kept: far more than an incident produces, few enough to stay small.
const KEPT: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
    Error,
}

impl Level {
    pub fn label(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

/// One thing the program told the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// `14:03:22 UTC`.
    pub at: String,
    pub level: Level,
    pub text: String,
    pub operation: Option<String>,
    pub code: Option<String>,
    pub request_id: Option<String>,
}

impl Message {
    pub fn new(at: String, level: Level, text: impl Into<String>) -> Message {
        Message {
            at,
            level,
            text: text.into(),
            operation: None,
            code: None,
            request_id: None,
        }
    }

    /// A failed call: its words and advice, with what AWS said about it.
    pub fn from_error(at: String, error: &BackendError) -> Message {
        Message {
            operation: error.operation.as_deref().map(str::to_string),
            code: error.code.as_deref().map(str::to_string),
            request_id: error.request_id.as_deref().map(str::to_string),
            ..Message::new(at, Level::Error, error.explained())
        }
    }

    /// The first line: time, level, then the operation, code and request id that are known.
    pub fn heading(&self) -> String {
        let mut parts = vec![self.at.clone(), self.level.label().to_string()];
        parts.extend(self.operation.clone());
        parts.extend(self.code.clone());
        parts.extend(
            self.request_id
                .as_ref()
                .map(|id| format!("request id {id}")),
        );
        parts.join("  ")
    }

    /// Everything, as copied to the clipboard.
    pub fn full_text(&self) -> String {
        format!("{}\n{}", self.heading(), self.text)
    }
}

/// Every message of the run, newest first.
#[derive(Debug, Default)]
pub struct Messages {
    items: VecDeque<Message>,
}

impl Messages {
    /// Keeps `message` as the newest; false when it only refreshed the same newest one.
    pub fn push(&mut self, message: Message) -> bool {
        // A retry notice repeated for every page is said once, with the newest time.
        let repeated = self
            .items
            .front()
            .is_some_and(|m| m.text == message.text && m.level == message.level);
        if repeated {
            self.items.pop_front();
        }
        self.items.push_front(message);
        self.items.truncate(KEPT);
        !repeated
    }

    pub fn newest_first(&self) -> impl Iterator<Item = &Message> {
        self.items.iter()
    }

    pub fn get(&self, index: usize) -> Option<&Message> {
        self.items.get(index)
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// The panel open over the screen: which message is selected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MessagesView {
    pub selected: usize,
    /// The selected message was just copied (the panel says so).
    pub copied: bool,
}

impl App {
    /// Says `text` in the footer and keeps it in the messages panel.
    pub(super) fn notify(&mut self, text: String, is_error: bool) {
        let level = if is_error { Level::Error } else { Level::Info };
        self.remember(Message::new(self.session.time_label(), level, text.clone()));
        self.notice = Some(Notice { text, is_error });
    }

    /// Keeps a failed call in the messages panel (a read-only refusal is said by its screen).
    pub(super) fn record_error(&mut self, error: &BackendError) {
        self.remember(Message::from_error(self.session.time_label(), error));
    }

    /// Keeps `message`; an open panel keeps the same message selected as the list grows.
    pub(super) fn remember(&mut self, message: Message) {
        let added = self.messages.push(message);
        if let Overlay::Messages(view) = &mut self.overlay
            && added
        {
            view.selected = (view.selected + 1).min(self.messages.len().saturating_sub(1));
        }
    }

    pub(super) fn open_messages(&mut self) {
        self.overlay = Overlay::Messages(MessagesView::default());
    }

    /// Keys while the messages panel is open: move, copy the selected message, close.
    pub(super) fn messages_key(&mut self, key: &KeyEvent, effects: &mut Vec<Effect>) {
        let Overlay::Messages(view) = &mut self.overlay else {
            return;
        };
        let last = self.messages.len().saturating_sub(1);
        view.copied = false;
        match key.code {
            KeyCode::Down | KeyCode::Char('j') => view.selected = (view.selected + 1).min(last),
            KeyCode::Up | KeyCode::Char('k') => view.selected = view.selected.saturating_sub(1),
            KeyCode::Home | KeyCode::Char('g') => view.selected = 0,
            KeyCode::End | KeyCode::Char('G') => view.selected = last,
            KeyCode::PageDown => view.selected = (view.selected + 5).min(last),
            KeyCode::PageUp => view.selected = view.selected.saturating_sub(5),
            KeyCode::Char('c') | KeyCode::Char('y') => {
                if let Some(message) = self.messages.get(view.selected) {
                    effects.push(Effect::Copy {
                        text: message.full_text(),
                    });
                    view.copied = true;
                }
            }
            KeyCode::Esc | KeyCode::Char('q') | KeyCode::Char('m') | KeyCode::Backspace => {
                self.overlay = Overlay::None;
            }
            _ if self.keymap.lookup(&[], key) == Some(Command::Messages) => {
                self.overlay = Overlay::None;
            }
            _ => {}
        }
    }
}
