//! The form's keys, as data: config/keys.yaml ships the defaults, and a
//! site's $XDG_CONFIG_HOME/intake/keys.yaml (else ~/.config/intake/keys.yaml)
//! changes them without a rebuild. The key-hint bar and the help screen are
//! views of the same map, so they never name a key that does not work.
//!
//! Editing keys (characters, Backspace, Delete, Left, Right, Home, End) are
//! fixed, and Ctrl-C always quits: a map cannot lock anyone in.

use super::action::Action;
use crate::error::Problem;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::path::{Path, PathBuf};

/// The shipped defaults.
pub const DEFAULTS: &str = include_str!("../../config/keys.yaml");

/// The largest keymap file read: a few lines are all it holds.
const MAX_BYTES: u64 = 64 * 1024;

/// The commands a key can be bound to, in the order help lists them.
pub const COMMANDS: &[(&str, Action)] = &[
    ("accept", Action::Accept),
    ("help", Action::Help),
    ("panel", Action::TogglePanel),
    ("why", Action::Why),
    ("filter", Action::Filter),
    ("quit", Action::Quit),
    ("back", Action::Back),
    ("next", Action::NextQuestion),
    ("prev", Action::PrevQuestion),
    ("next_section", Action::NextSection),
    ("prev_section", Action::PrevSection),
    ("up", Action::Up),
    ("down", Action::Down),
];

/// One key a command can be bound to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Code(KeyCode),
    Ctrl(char),
    /// A punctuation character: a command only outside a text field.
    Punct(char),
}

impl Key {
    pub fn parse(name: &str) -> Result<Key, String> {
        let n = name.trim();
        let lower = n.to_ascii_lowercase();
        let code = match lower.as_str() {
            "enter" | "return" => Some(KeyCode::Enter),
            "tab" => Some(KeyCode::Tab),
            "shift-tab" | "backtab" => Some(KeyCode::BackTab),
            "esc" | "escape" => Some(KeyCode::Esc),
            "up" => Some(KeyCode::Up),
            "down" => Some(KeyCode::Down),
            "pgup" | "pageup" => Some(KeyCode::PageUp),
            "pgdn" | "pagedown" => Some(KeyCode::PageDown),
            _ => None,
        };
        if let Some(c) = code {
            return Ok(Key::Code(c));
        }
        if let Some(num) = lower.strip_prefix('f')
            && let Ok(k) = num.parse::<u8>()
        {
            return if (1..=12).contains(&k) {
                Ok(Key::Code(KeyCode::F(k)))
            } else {
                Err(format!("'{n}': function keys go from F1 to F12"))
            };
        }
        if let Some(rest) = lower.strip_prefix("ctrl-").or(lower.strip_prefix("ctrl+")) {
            let mut cs = rest.chars();
            return match (cs.next(), cs.next()) {
                (Some(c), None) if c.is_ascii_lowercase() => match c {
                    'h' | 'i' | 'j' | 'm' => Err(format!(
                        "'{n}': terminals send it for Backspace, Tab or Enter"
                    )),
                    's' | 'q' => Err(format!("'{n}': some terminals keep it for flow control")),
                    'c' => Err(format!("'{n}': Ctrl-C always quits")),
                    _ => Ok(Key::Ctrl(c)),
                },
                _ => Err(format!("'{n}': use Ctrl- and one letter, such as Ctrl-P")),
            };
        }
        let mut cs = n.chars();
        match (cs.next(), cs.next()) {
            (Some(c), None) if c.is_ascii_punctuation() => Ok(Key::Punct(c)),
            (Some(c), None) if c.is_alphanumeric() => Err(format!(
                "'{n}': letters and digits choose in lists and are typed in answers"
            )),
            _ => Err(format!(
                "'{n}' is not a key name (Enter, Tab, Shift-Tab, Esc, Up, Down, PgUp, PgDn, F1 to F12, Ctrl-A to Ctrl-Z, or one punctuation character)"
            )),
        }
    }

    /// The key's name as the hint bar and the help say it.
    pub fn name(&self) -> String {
        match self {
            Key::Code(KeyCode::Enter) => "Enter".into(),
            Key::Code(KeyCode::Tab) => "Tab".into(),
            Key::Code(KeyCode::BackTab) => "Shift-Tab".into(),
            Key::Code(KeyCode::Esc) => "Esc".into(),
            Key::Code(KeyCode::Up) => "Up".into(),
            Key::Code(KeyCode::Down) => "Down".into(),
            Key::Code(KeyCode::PageUp) => "PgUp".into(),
            Key::Code(KeyCode::PageDown) => "PgDn".into(),
            Key::Code(KeyCode::F(n)) => format!("F{n}"),
            Key::Code(other) => format!("{other:?}"),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::Punct(c) => c.to_string(),
        }
    }

    fn matches(&self, ev: &KeyEvent, typing: bool) -> bool {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        match (self, ev.code) {
            (Key::Ctrl(c), KeyCode::Char(x)) => ctrl && x.to_ascii_lowercase() == *c,
            (Key::Punct(c), KeyCode::Char(x)) => !ctrl && !typing && x == *c,
            (Key::Code(KeyCode::BackTab), KeyCode::BackTab) => true,
            (Key::Code(k), code) => !ctrl && *k == code,
            _ => false,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    /// Each command with its keys, in the order of COMMANDS.
    bound: Vec<(&'static str, Action, Vec<Key>)>,
}

impl Default for Keymap {
    fn default() -> Self {
        let mut m = Keymap { bound: Vec::new() };
        m.apply("config/keys.yaml", DEFAULTS)
            .expect("the shipped keymap is valid (tested)");
        m
    }
}

impl Keymap {
    /// The defaults, then the site's file if there is one.
    pub fn load() -> Result<Keymap, Problem> {
        let mut m = Keymap::default();
        if let Some(path) = user_file()
            && let Some(text) = read_small(&path)?
        {
            m.apply(&path.display().to_string(), &text)?;
        }
        Ok(m)
    }

    /// Bind the commands a file names to the keys it lists.
    pub fn apply(&mut self, file: &str, text: &str) -> Result<(), Problem> {
        let doc: serde_yaml::Value =
            serde_yaml::from_str(text).map_err(|e| crate::error::from_yaml(file, &e))?;
        let map = match doc {
            serde_yaml::Value::Mapping(m) => m,
            serde_yaml::Value::Null => return Ok(()),
            _ => {
                return Err(Problem::at(
                    file,
                    Some(1),
                    "a keymap is a list of commands, each with its keys (command: [Key, Key])",
                ));
            }
        };
        let at = |key: &str| crate::yamlpos::line_of(text, key);
        for (k, v) in map {
            let name = k.as_str().unwrap_or_default().to_string();
            let Some((cmd, action)) = COMMANDS.iter().find(|(c, _)| *c == name) else {
                let known = COMMANDS.iter().map(|(c, _)| *c);
                return Err(Problem::at(
                    file,
                    at(&name),
                    crate::suggest::unknown("command", &name, known),
                ));
            };
            let names: Vec<String> = match v {
                serde_yaml::Value::Sequence(s) => s
                    .iter()
                    .map(|x| match x {
                        serde_yaml::Value::String(s) => s.clone(),
                        other => serde_yaml::to_string(other)
                            .unwrap_or_default()
                            .trim()
                            .to_string(),
                    })
                    .collect(),
                serde_yaml::Value::String(s) => vec![s],
                _ => {
                    return Err(Problem::at(
                        file,
                        at(&name),
                        format!("{name}: list its keys, such as [Ctrl-P, F2]"),
                    ));
                }
            };
            let mut keys = Vec::new();
            for n in &names {
                let key = Key::parse(n)
                    .map_err(|e| Problem::at(file, at(&name), format!("{name}: {e}")))?;
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
            if keys.is_empty() {
                return Err(Problem::at(
                    file,
                    at(&name),
                    format!("{name}: a command needs at least one key"),
                ));
            }
            match self.bound.iter_mut().find(|(c, _, _)| c == cmd) {
                Some(b) => b.2 = keys,
                None => self.bound.push((cmd, action.clone(), keys)),
            }
        }
        self.bound
            .sort_by_key(|(c, _, _)| COMMANDS.iter().position(|(x, _)| x == c));
        // One key, one command.
        for (i, (c, _, keys)) in self.bound.iter().enumerate() {
            for (d, _, other) in &self.bound[i + 1..] {
                if let Some(k) = keys.iter().find(|k| other.contains(k)) {
                    return Err(Problem::at(
                        file,
                        at(d).or(at(c)),
                        format!("{} is bound to both {c} and {d}", k.name()),
                    ));
                }
            }
        }
        Ok(())
    }

    /// What a key does where typing goes (`typing`: a text field).
    pub fn action(&self, ev: KeyEvent, typing: bool) -> Option<Action> {
        if ev.kind == KeyEventKind::Release {
            return None;
        }
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl && matches!(ev.code, KeyCode::Char('c' | 'C')) {
            return Some(Action::Quit);
        }
        for (_, action, keys) in &self.bound {
            if keys.iter().any(|k| k.matches(&ev, typing)) {
                return Some(action.clone());
            }
        }
        Some(match ev.code {
            KeyCode::Backspace => Action::Backspace,
            KeyCode::Delete => Action::Delete,
            KeyCode::Left => Action::Left,
            KeyCode::Right => Action::Right,
            KeyCode::Home => Action::Home,
            KeyCode::End => Action::End,
            KeyCode::Char(c) if !ctrl => Action::Char(c),
            _ => return None,
        })
    }

    /// The keys of a command, the hint bar's first.
    pub fn keys(&self, action: &Action) -> Vec<String> {
        self.bound
            .iter()
            .find(|(_, a, _)| a == action)
            .map(|(_, _, k)| k.iter().map(Key::name).collect())
            .unwrap_or_default()
    }

    /// The key the hint bar shows for a command.
    pub fn first(&self, action: &Action) -> String {
        self.keys(action).into_iter().next().unwrap_or_default()
    }

    /// Every command and its keys, one line each (for `intake keys`).
    pub fn lines(&self) -> Vec<String> {
        self.bound
            .iter()
            .map(|(c, _, k)| {
                let names: Vec<String> = k.iter().map(Key::name).collect();
                format!("{c}: [{}]", names.join(", "))
            })
            .collect()
    }
}

/// $XDG_CONFIG_HOME/intake/keys.yaml, else ~/.config/intake/keys.yaml.
pub fn user_file() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(".config"))
        })?;
    Some(base.join("intake").join("keys.yaml"))
}

/// A file's text, or None when there is none; refused when it is not a
/// regular file or is larger than a keymap can be.
fn read_small(path: &Path) -> Result<Option<String>, Problem> {
    let shown = path.display().to_string();
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Problem::at(&shown, None, e.to_string())),
    };
    if !meta.is_file() {
        return Err(Problem::at(&shown, None, "a keymap must be a regular file"));
    }
    if meta.len() > MAX_BYTES {
        return Err(Problem::at(
            &shown,
            None,
            format!(
                "a keymap is at most {MAX_BYTES} bytes; this one is {}",
                meta.len()
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| Problem::at(&shown, None, e.to_string()))?;
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| Problem::at(&shown, None, "a keymap must be UTF-8 text"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }
    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    #[test]
    fn every_command_has_a_key_screen_readers_leave_alone() {
        let m = Keymap::default();
        for (name, action) in COMMANDS {
            let keys = m.keys(action);
            assert!(!keys.is_empty(), "{name} has no key");
            // Fenrir takes F1, F2 and Esc: each command has another key.
            assert!(
                keys.iter()
                    .any(|k| !matches!(k.as_str(), "F1" | "F2" | "Esc")),
                "{name}: {keys:?}"
            );
        }
        assert_eq!(m.action(ctrl('p'), true), Some(Action::TogglePanel));
        assert_eq!(m.action(ctrl('g'), true), Some(Action::Help));
        assert_eq!(m.action(ctrl('w'), false), Some(Action::Why));
        assert_eq!(m.action(ctrl('e'), false), Some(Action::Back));
        assert_eq!(m.action(k(KeyCode::F(2)), true), Some(Action::TogglePanel));
        assert_eq!(m.action(ctrl('c'), true), Some(Action::Quit));
        assert_eq!(m.first(&Action::TogglePanel), "Ctrl-P");
    }

    #[test]
    fn punctuation_is_a_command_only_outside_a_text_field() {
        let m = Keymap::default();
        assert_eq!(m.action(k(KeyCode::Char('?')), false), Some(Action::Help));
        assert_eq!(
            m.action(k(KeyCode::Char('?')), true),
            Some(Action::Char('?'))
        );
        assert_eq!(
            m.action(k(KeyCode::Char('p')), false),
            Some(Action::Char('p'))
        );
        assert_eq!(
            m.action(k(KeyCode::BackTab), true),
            Some(Action::PrevQuestion)
        );
    }

    #[test]
    fn a_site_file_rebinds_and_bad_files_say_where() {
        let mut m = Keymap::default();
        m.apply("keys.yaml", "panel: [Ctrl-O]\n").unwrap();
        assert_eq!(m.action(ctrl('o'), false), Some(Action::TogglePanel));
        // F2 was panel's; the file replaced panel's keys.
        assert_eq!(m.action(k(KeyCode::F(2)), false), None);
        assert_eq!(m.keys(&Action::Help)[0], "Ctrl-G");

        let bad = |text: &str| {
            Keymap::default()
                .apply("keys.yaml", text)
                .unwrap_err()
                .to_string()
        };
        let e = bad("# site keys\npannel: [Ctrl-O]\n");
        assert!(e.contains("keys.yaml:2"), "{e}");
        assert!(e.contains("panel"), "{e}");
        assert!(bad("help: [Ctrl-H]\n").contains("Backspace"));
        assert!(bad("help: [p]\n").contains("letters"));
        assert!(bad("help: [Ctrl-P]\n").contains("bound to both"));
        assert!(bad("help: []\n").contains("at least one key"));
        assert!(bad("help: [F13]\n").contains("F1 to F12"));
        assert!(bad("[1, 2]\n").contains("list of commands"));
        assert!(bad("help: [Ctrl-\n").contains("keys.yaml"));
    }
}
