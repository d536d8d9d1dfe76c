//! Keys become actions; `update` works on actions, so the logic is testable
//! without a terminal and bindings could come from a file. Only keys that
//! SSH clients and old terminals deliver reliably: Enter, Tab, Shift-Tab
//! (ESC [ Z), arrows, PgUp/PgDn, F1-F10, Esc, Ctrl-C, printable keys.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Accept the answer and move on.
    Accept,
    NextQuestion,
    PrevQuestion,
    Up,
    Down,
    NextSection,
    PrevSection,
    Help,
    /// Focus the side panel (or, below 100 columns, show it).
    TogglePanel,
    Why,
    Filter,
    /// Close what is open; step out.
    Back,
    Quit,
    /// A character typed into the field.
    Char(char),
    Backspace,
    Delete,
    Left,
    Right,
    Home,
    End,
    Resize,
}

/// Where typing goes decides what a printable key means: in a text field it
/// is text; elsewhere `?`, `p`, `w`, `/`, `q` are commands.
pub fn map(key: KeyEvent, typing: bool) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    Some(match key.code {
        KeyCode::Char('c') | KeyCode::Char('q') if ctrl => Action::Quit,
        KeyCode::Enter => Action::Accept,
        KeyCode::Tab => Action::NextQuestion,
        KeyCode::BackTab => Action::PrevQuestion,
        KeyCode::Up => Action::Up,
        KeyCode::Down => Action::Down,
        KeyCode::PageDown => Action::NextSection,
        KeyCode::PageUp => Action::PrevSection,
        KeyCode::F(1) => Action::Help,
        KeyCode::F(2) => Action::TogglePanel,
        KeyCode::F(3) => Action::Why,
        KeyCode::F(4) => Action::Filter,
        KeyCode::F(10) => Action::Quit,
        KeyCode::Esc => Action::Back,
        KeyCode::Backspace => Action::Backspace,
        KeyCode::Delete => Action::Delete,
        KeyCode::Left => Action::Left,
        KeyCode::Right => Action::Right,
        KeyCode::Home => Action::Home,
        KeyCode::End => Action::End,
        KeyCode::Char(c) if ctrl => {
            let _ = c;
            return None;
        }
        // Letters choose by typing in a list, so only `?` and `/` are
        // commands outside a text field; the rest are F-keys.
        KeyCode::Char(c) if !typing => match c {
            '?' => Action::Help,
            '/' => Action::Filter,
            other => Action::Char(other),
        },
        KeyCode::Char(c) => Action::Char(c),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEvent;

    fn k(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn letters_type_in_a_field_and_command_outside() {
        assert_eq!(map(k(KeyCode::Char('p')), true), Some(Action::Char('p')));
        assert_eq!(map(k(KeyCode::Char('p')), false), Some(Action::Char('p')));
        assert_eq!(map(k(KeyCode::F(2)), false), Some(Action::TogglePanel));
        assert_eq!(map(k(KeyCode::Char('?')), false), Some(Action::Help));
        assert_eq!(map(k(KeyCode::F(1)), true), Some(Action::Help));
        assert_eq!(
            map(
                KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
                true
            ),
            Some(Action::Quit)
        );
        assert_eq!(map(k(KeyCode::BackTab), true), Some(Action::PrevQuestion));
    }

    #[test]
    fn actions_deserialize_for_key_files() {
        let a: Action = serde_yaml::from_str("toggle_panel").unwrap();
        assert_eq!(a, Action::TogglePanel);
    }
}
