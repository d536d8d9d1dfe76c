//! The full-screen interview: a ratatui form on the left, the live side
//! panel on the right (or a toggled view below 100 columns).

pub mod action;
pub mod panel;
pub mod term;
pub mod theme;
