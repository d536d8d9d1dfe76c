//! Keys become actions (through the keymap, keymap.rs); `update` works on
//! actions, so the logic is testable without a terminal.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_deserialize_for_key_files() {
        let a: Action = serde_yaml::from_str("toggle_panel").unwrap();
        assert_eq!(a, Action::TogglePanel);
    }
}
