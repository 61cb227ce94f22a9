//! Key bindings as data: parsing key names, embedded defaults merged with the user's overrides.

use crate::action::Command;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::BTreeMap;
use std::fmt;

const DEFAULT_KEYMAP: &str = include_str!("../assets/keymap.toml");

/// Where a binding applies. A screen looks keys up in its own contexts, then `Global`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyContext {
    Global,
    List,
    Resources,
    Detail,
    Jobs,
    /// Recovery point lists and details: `r` restores there, `c` copies.
    Points,
    /// Backup plans: `n` creates one.
    Plans,
    /// Settings (service opt-in): space toggles.
    Settings,
    /// Batch Operations jobs: `n` creates one; on a job `c` confirms, `x` cancels, `p`
    /// changes the priority, `o` opens the completion report.
    Batch,
    /// S3 buckets and a bucket's page: `n` creates (a bucket, a replication rule), `v`
    /// enables versioning, `b` replicates existing objects.
    Buckets,
}

impl KeyContext {
    const ALL: [KeyContext; 10] = [
        KeyContext::Global,
        KeyContext::List,
        KeyContext::Resources,
        KeyContext::Detail,
        KeyContext::Jobs,
        KeyContext::Points,
        KeyContext::Plans,
        KeyContext::Settings,
        KeyContext::Batch,
        KeyContext::Buckets,
    ];

    pub fn name(self) -> &'static str {
        match self {
            KeyContext::Global => "global",
            KeyContext::List => "list",
            KeyContext::Resources => "resources",
            KeyContext::Detail => "detail",
            KeyContext::Jobs => "jobs",
            KeyContext::Points => "points",
            KeyContext::Plans => "plans",
            KeyContext::Settings => "settings",
            KeyContext::Batch => "batch",
            KeyContext::Buckets => "buckets",
        }
    }

    fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// A key with its modifiers, as written in the keymap (`ctrl-c`, `G`, `pagedown`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    /// Normalises a terminal event: a typed character's SHIFT is part of the character.
    pub fn from_event(event: &KeyEvent) -> Key {
        let mut modifiers =
            event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match event.code {
            KeyCode::Char(c) => {
                modifiers.remove(KeyModifiers::SHIFT);
                KeyCode::Char(if modifiers.contains(KeyModifiers::CONTROL) {
                    c.to_ascii_lowercase()
                } else {
                    c
                })
            }
            KeyCode::BackTab => {
                modifiers.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Key { code, modifiers }
    }

    /// Parses `ctrl-c`, `alt-x`, `shift-up`, `enter`, `G`, `?`.
    pub fn parse(text: &str) -> Result<Key, String> {
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (prefix, flag) = if lower.starts_with("ctrl-") {
                ("ctrl-", KeyModifiers::CONTROL)
            } else if lower.starts_with("alt-") {
                ("alt-", KeyModifiers::ALT)
            } else if lower.starts_with("shift-") && rest.len() > 6 {
                ("shift-", KeyModifiers::SHIFT)
            } else {
                break;
            };
            modifiers |= flag;
            rest = &rest[prefix.len()..];
        }
        let named = match rest.to_ascii_lowercase().as_str() {
            "enter" | "return" => Some(KeyCode::Enter),
            "esc" | "escape" => Some(KeyCode::Esc),
            "backspace" | "bs" => Some(KeyCode::Backspace),
            "tab" => Some(KeyCode::Tab),
            "backtab" => Some(KeyCode::BackTab),
            "space" => Some(KeyCode::Char(' ')),
            "up" => Some(KeyCode::Up),
            "down" => Some(KeyCode::Down),
            "left" => Some(KeyCode::Left),
            "right" => Some(KeyCode::Right),
            "home" => Some(KeyCode::Home),
            "end" => Some(KeyCode::End),
            "pageup" | "pgup" => Some(KeyCode::PageUp),
            "pagedown" | "pgdn" => Some(KeyCode::PageDown),
            "delete" | "del" => Some(KeyCode::Delete),
            "insert" => Some(KeyCode::Insert),
            _ => None,
        };
        let code = match named {
            Some(KeyCode::Tab) if modifiers.contains(KeyModifiers::SHIFT) => {
                modifiers.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            Some(code) => code,
            None => {
                let mut chars = rest.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => {
                        KeyCode::Char(if modifiers.contains(KeyModifiers::CONTROL) {
                            c.to_ascii_lowercase()
                        } else {
                            c
                        })
                    }
                    _ => match rest
                        .strip_prefix(['f', 'F'])
                        .and_then(|n| n.parse::<u8>().ok())
                    {
                        Some(n @ 1..=12) => KeyCode::F(n),
                        _ => return Err(format!("unknown key `{text}`")),
                    },
                }
            }
        };
        Ok(Key { code, modifiers })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("ctrl-")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            f.write_str("alt-")?;
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) {
            f.write_str("shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("enter"),
            KeyCode::Esc => f.write_str("esc"),
            KeyCode::Backspace => f.write_str("bksp"),
            KeyCode::Tab => f.write_str("tab"),
            KeyCode::BackTab => f.write_str("shift-tab"),
            KeyCode::Up => f.write_str("up"),
            KeyCode::Down => f.write_str("down"),
            KeyCode::Left => f.write_str("left"),
            KeyCode::Right => f.write_str("right"),
            KeyCode::Home => f.write_str("home"),
            KeyCode::End => f.write_str("end"),
            KeyCode::PageUp => f.write_str("pgup"),
            KeyCode::PageDown => f.write_str("pgdn"),
            KeyCode::Delete => f.write_str("del"),
            KeyCode::Insert => f.write_str("ins"),
            KeyCode::F(n) => write!(f, "f{n}"),
            _ => f.write_str("?"),
        }
    }
}

/// Overrides from the config file: context name → key name → command name (or `none`).
pub type KeyOverrides = BTreeMap<String, BTreeMap<String, String>>;

/// The bindings of every context, in file order.
#[derive(Debug, Clone)]
pub struct Keymap {
    contexts: BTreeMap<KeyContext, Vec<(Key, Command)>>,
}

impl Keymap {
    /// The embedded defaults with `overrides` applied. Errors name the offending entry.
    pub fn new(overrides: &KeyOverrides) -> Result<Keymap, String> {
        // Parsed in file order: the first key of a command is the one the footer shows.
        let defaults: toml::Table = DEFAULT_KEYMAP
            .parse()
            .map_err(|e| format!("built-in keymap: {e}"))?;
        let mut map = Keymap {
            contexts: BTreeMap::new(),
        };
        for (context, bindings) in &defaults {
            let pairs = bindings
                .as_table()
                .into_iter()
                .flatten()
                .map(|(k, v)| (k.as_str(), v.as_str().unwrap_or("")));
            map.apply(context, pairs, "built-in keymap")?;
        }
        for (context, bindings) in overrides {
            map.apply(
                context,
                bindings.iter().map(|(k, v)| (k.as_str(), v.as_str())),
                "[keys]",
            )?;
        }
        Ok(map)
    }

    /// The defaults alone.
    pub fn defaults() -> Keymap {
        // The embedded file is checked by a unit test, so this cannot fail in a release.
        Keymap::new(&KeyOverrides::new()).unwrap_or(Keymap {
            contexts: BTreeMap::new(),
        })
    }

    fn apply<'a>(
        &mut self,
        context_name: &str,
        bindings: impl Iterator<Item = (&'a str, &'a str)>,
        origin: &str,
    ) -> Result<(), String> {
        let context = KeyContext::from_name(context_name).ok_or_else(|| {
            format!("{origin}: unknown context `{context_name}` (use global, list, resources, detail, jobs or points)")
        })?;
        let entries = self.contexts.entry(context).or_default();
        for (key_name, command_name) in bindings {
            let key = Key::parse(key_name).map_err(|e| format!("{origin}.{context_name}: {e}"))?;
            entries.retain(|(k, _)| *k != key);
            if command_name == "none" {
                continue;
            }
            let command = parse_command(command_name).ok_or_else(|| {
                format!(
                    "{origin}.{context_name}: unknown command `{command_name}` for key `{key_name}`"
                )
            })?;
            entries.push((key, command));
        }
        Ok(())
    }

    /// The command `event` means in `contexts` (searched in order), then in `Global`.
    pub fn lookup(&self, contexts: &[KeyContext], event: &KeyEvent) -> Option<Command> {
        let key = Key::from_event(event);
        contexts
            .iter()
            .chain(std::iter::once(&KeyContext::Global))
            .filter_map(|c| self.contexts.get(c))
            .find_map(|bindings| {
                bindings
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map(|(_, cmd)| *cmd)
            })
    }

    /// The first key bound to `command` in `contexts` or `Global`, for footer hints.
    pub fn key_for(&self, contexts: &[KeyContext], command: Command) -> Option<Key> {
        contexts
            .iter()
            .chain(std::iter::once(&KeyContext::Global))
            .filter_map(|c| self.contexts.get(c))
            .find_map(|bindings| {
                bindings
                    .iter()
                    .find(|(_, cmd)| *cmd == command)
                    .map(|(k, _)| *k)
            })
    }

    /// Every (keys, command) pair reachable in `contexts`, for the help screen.
    pub fn help(&self, contexts: &[KeyContext]) -> Vec<(String, Command)> {
        let mut seen: BTreeMap<Command, Vec<String>> = BTreeMap::new();
        for ctx in contexts.iter().chain(std::iter::once(&KeyContext::Global)) {
            for (key, cmd) in self.contexts.get(ctx).into_iter().flatten() {
                // A key already bound in an earlier context shadows this binding.
                if self.lookup_key(contexts, *key) == Some(*cmd) {
                    let keys = seen.entry(*cmd).or_default();
                    let name = key.to_string();
                    if !keys.contains(&name) {
                        keys.push(name);
                    }
                }
            }
        }
        Command::ALL
            .iter()
            .filter_map(|cmd| seen.get(cmd).map(|keys| (keys.join(" "), *cmd)))
            .collect()
    }

    fn lookup_key(&self, contexts: &[KeyContext], key: Key) -> Option<Command> {
        let event = KeyEvent::new(key.code, key.modifiers);
        self.lookup(contexts, &event)
    }
}

/// A command by its snake_case name, as the keymap writes it.
fn parse_command(name: &str) -> Option<Command> {
    use serde::Deserialize;
    use serde::de::IntoDeserializer;
    let de: serde::de::value::StrDeserializer<'_, serde::de::value::Error> =
        name.into_deserializer();
    Command::deserialize(de).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn parses_key_names() {
        assert_eq!(
            Key::parse("ctrl-c"),
            Ok(Key {
                code: KeyCode::Char('c'),
                modifiers: KeyModifiers::CONTROL
            })
        );
        assert_eq!(Key::parse("G").map(|k| k.code), Ok(KeyCode::Char('G')));
        assert_eq!(Key::parse("pgdn").map(|k| k.code), Ok(KeyCode::PageDown));
        assert_eq!(
            Key::parse("shift-tab").map(|k| k.code),
            Ok(KeyCode::BackTab)
        );
        assert_eq!(Key::parse("f5").map(|k| k.code), Ok(KeyCode::F(5)));
        assert!(Key::parse("hyper-x").is_err());
        assert!(Key::parse("").is_err());
    }

    #[test]
    fn defaults_parse_and_resolve_by_context() {
        let map = Keymap::new(&KeyOverrides::new()).expect("embedded keymap parses");
        let list = [KeyContext::List];
        assert_eq!(
            map.lookup(&list, &ev(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(Command::Down)
        );
        // A terminal reports shift for capitals; `G` still means bottom.
        assert_eq!(
            map.lookup(&list, &ev(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Command::Bottom)
        );
        assert_eq!(
            map.lookup(&list, &ev(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Command::ForceQuit)
        );
        assert_eq!(
            map.lookup(
                &[KeyContext::Detail],
                &ev(KeyCode::Enter, KeyModifiers::NONE)
            ),
            None
        );
    }

    #[test]
    fn overrides_add_replace_and_unbind() {
        let mut overrides = KeyOverrides::new();
        overrides.insert(
            "list".into(),
            BTreeMap::from([
                ("ctrl-n".into(), "down".into()),
                ("j".into(), "none".into()),
            ]),
        );
        let map = Keymap::new(&overrides).expect("valid overrides");
        let list = [KeyContext::List];
        assert_eq!(
            map.lookup(&list, &ev(KeyCode::Char('n'), KeyModifiers::CONTROL)),
            Some(Command::Down)
        );
        assert_eq!(
            map.lookup(&list, &ev(KeyCode::Char('j'), KeyModifiers::NONE)),
            None
        );
    }

    #[test]
    fn bad_overrides_are_named() {
        let bad = |ctx: &str, key: &str, cmd: &str| {
            let mut o = KeyOverrides::new();
            o.insert(ctx.into(), BTreeMap::from([(key.into(), cmd.into())]));
            Keymap::new(&o).expect_err("should be rejected")
        };
        assert!(bad("lists", "j", "down").contains("unknown context `lists`"));
        assert!(bad("list", "j", "downn").contains("unknown command `downn`"));
        assert!(bad("list", "hyper-j", "down").contains("unknown key"));
    }

    #[test]
    fn help_lists_every_reachable_binding() {
        let map = Keymap::defaults();
        let help = map.help(&[KeyContext::Resources, KeyContext::List]);
        let find = |c| {
            help.iter()
                .find(|(_, cmd)| *cmd == c)
                .map(|(k, _)| k.clone())
        };
        assert_eq!(find(Command::Down).as_deref(), Some("down j"));
        assert_eq!(find(Command::TypeFilterNext).as_deref(), Some("t"));
        assert_eq!(find(Command::NextTab), None);
    }
}
