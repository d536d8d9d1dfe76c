//! The form's state and its `update(action)`: plain logic, no terminal, so
//! every key's effect is testable. Views render from this state read-only.

use super::action::Action;
use super::panel::{self, Item};
use crate::interview::script::AnswerType;
use crate::interview::{Interview, Prompt};
use crate::report::Words;
use crate::report::changes::Announcer;
use tui_input::{Input, InputRequest};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Form,
    Panel,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// Lines of help for the current question, then the keys.
    Help(Vec<String>),
    /// Why: a title and the reasons with their citations.
    Why(Vec<String>),
    /// Quit? (asks before leaving)
    Quit,
}

pub use crate::store::Saver;

pub struct App<'a> {
    pub iv: Interview<'a>,
    /// What to say after an answer, shared with the plain mode.
    announcer: Announcer,
    pub words: Words<'a>,
    /// The text field for typed answers.
    pub input: Input,
    /// The selected choice (index into the visible, filtered choices).
    pub sel: usize,
    /// `/` filter for choice lists: what has been typed so far.
    pub filter: Option<String>,
    /// Typed to choose in a list (a number or the start of a label).
    pub typed: String,
    /// Why the last answer was refused, shown beside the field.
    pub error: Option<String>,
    /// The last change in the panel, as one short sentence.
    pub status: String,
    pub focus: Focus,
    pub panel: Vec<Item>,
    pub panel_sel: usize,
    /// Below 100 columns the panel is a view toggled to.
    pub show_panel: bool,
    pub overlay: Option<Overlay>,
    /// First line shown of a long help or why box.
    pub overlay_scroll: usize,
    pub quit: bool,
    pub saver: Option<Saver<'a>>,
    /// An accepted answer not yet committed (see flush_save).
    unsaved: bool,
    /// The case number answers are saved to, if any.
    pub case_id: Option<i64>,
    /// A public kiosk: the case number is never shown.
    pub kiosk: bool,
    /// An answer has been accepted in this interview.
    answered: bool,
    /// The question changed: the next frame is drawn whole. Screen readers
    /// that speak what is written (tdsr) would otherwise hear only the
    /// letters that differ from the last question ("th full name").
    pub redraw_all: bool,
    /// Which question the field was filled for (to refill on change).
    shown: Option<(String, Option<usize>, bool, usize)>,
}

impl<'a> App<'a> {
    pub fn new(iv: Interview<'a>, words: Words<'a>) -> App<'a> {
        let mut app = App {
            announcer: Announcer::new(iv.intake(), iv.assessment()),
            iv,
            words,
            input: Input::default(),
            sel: 0,
            filter: None,
            typed: String::new(),
            error: None,
            status: String::new(),
            focus: Focus::Form,
            panel: Vec::new(),
            panel_sel: 0,
            show_panel: false,
            overlay: None,
            overlay_scroll: 0,
            quit: false,
            saver: None,
            unsaved: false,
            case_id: None,
            kiosk: false,
            answered: false,
            redraw_all: true,
            shown: None,
        };
        app.status = app.ui("tui.welcome", &[]);
        app.refresh();
        app
    }

    pub fn ui(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.words.content.ui(key, args)
    }

    pub fn prompt(&self) -> Option<Prompt> {
        self.iv.current()
    }

    /// Answers typed as text (dates, money, numbers, names).
    pub fn typing(&self) -> bool {
        self.overlay.is_none()
            && self.focus == Focus::Form
            && self.prompt().is_some_and(|p| {
                matches!(
                    p.answer_type,
                    AnswerType::Date | AnswerType::Money | AnswerType::Number | AnswerType::Text
                )
            })
    }

    /// Choices as (number to answer with, label), after the filter.
    pub fn choices(&self) -> Vec<(String, String)> {
        let Some(p) = self.prompt() else {
            return Vec::new();
        };
        let all: Vec<(String, String)> = match p.answer_type {
            AnswerType::YesNo | AnswerType::List => {
                let s = self.iv.script();
                vec![
                    (
                        s.yes_words.first().cloned().unwrap_or_else(|| "yes".into()),
                        self.ui("choice.yes", &[]),
                    ),
                    (
                        s.no_words.first().cloned().unwrap_or_else(|| "no".into()),
                        self.ui("choice.no", &[]),
                    ),
                ]
            }
            AnswerType::Choice => p
                .choices
                .iter()
                .enumerate()
                .map(|(i, c)| ((i + 1).to_string(), c.label.clone()))
                .collect(),
            _ => Vec::new(),
        };
        match &self.filter {
            Some(f) if !f.is_empty() => {
                let f = f.to_lowercase();
                all.into_iter()
                    .filter(|(_, l)| l.to_lowercase().contains(&f))
                    .collect()
            }
            _ => all,
        }
    }

    /// After anything that can change the question or the assessment.
    fn refresh(&mut self) {
        self.panel = panel::build(&self.words, self.iv.assessment(), self.iv.intake());
        if self.panel_sel >= self.panel.len()
            || !self.panel.get(self.panel_sel).is_some_and(Item::selectable)
        {
            self.panel_sel = self.panel.iter().position(Item::selectable).unwrap_or(0);
        }
        let key = self.prompt().map(|p| {
            (
                p.question_id.clone(),
                p.person_index,
                p.item.is_some(),
                p.item.as_ref().map(|i| i.number).unwrap_or(0),
            )
        });
        if key != self.shown {
            self.shown = key;
            self.redraw_all = true;
            self.filter = None;
            self.typed.clear();
            let current = self.prompt().and_then(|p| p.current);
            self.input = Input::new(if self.typing() {
                current.clone().unwrap_or_default()
            } else {
                String::new()
            });
            // Start a choice list on the answer already given, if any.
            self.sel = current
                .and_then(|c| {
                    self.choices()
                        .iter()
                        .position(|(_, l)| l.eq_ignore_ascii_case(&c))
                })
                .unwrap_or(0);
        }
    }

    fn submit(&mut self, text: String) {
        match self.iv.answer(&text) {
            Ok(()) => {
                self.error = None;
                let said = self
                    .announcer
                    .next(self.iv.intake(), self.iv.assessment(), &self.words)
                    .map(|a| a.sentences)
                    .unwrap_or_default();
                self.status = if said.is_empty() {
                    self.ui("tui.no_change", &[])
                } else {
                    said.join(" ")
                };
                // Saved once the new frame is out (see flush_save).
                self.unsaved = true;
                self.answered = true;
                self.refresh();
            }
            Err(e) => self.error = Some(e),
        }
    }

    /// Commit an accepted answer that is not saved yet. The event loop
    /// calls this right after drawing the frame that shows the answer, so
    /// the caller sees it at once and the committed write (an fsync) comes
    /// after, before the next key is read. True when the status line
    /// changed (the save failed) and the screen needs drawing again.
    pub fn flush_save(&mut self) -> bool {
        if !std::mem::take(&mut self.unsaved) {
            return false;
        }
        let pos = self.prompt().map(|p| p.question_id);
        if let Some(saver) = self.saver.as_mut() {
            match saver(self.iv.intake(), pos) {
                Ok(id) => self.case_id = Some(id),
                Err(e) => {
                    let msg = self.ui("tui.not_saved", &[("error", &e)]);
                    self.status = format!("{msg} {}", self.status);
                    return true;
                }
            }
        }
        false
    }

    /// The field being typed into holds the longest answer taken.
    fn field_full(&self) -> bool {
        let len = if self.typing() {
            self.input.value().chars().count()
        } else if let Some(f) = &self.filter {
            f.chars().count()
        } else {
            self.typed.chars().count()
        };
        len >= crate::interview::MAX_ANSWER_CHARS
    }

    /// Text pasted at once (bracketed paste): its characters as if typed,
    /// without control characters, up to the longest answer taken.
    pub fn paste(&mut self, text: &str) {
        for ch in text.chars().filter(|c| !c.is_control()) {
            if self.overlay.is_some() || self.field_full() {
                break;
            }
            self.update(Action::Char(ch));
        }
    }

    /// Nothing of a caller is here: no answer accepted, nothing typed. A
    /// kiosk has nothing to clear then, and does not start again (which
    /// would make a screen reader read the first screen again and again).
    pub fn untouched(&self) -> bool {
        !self.answered
            && self.case_id.is_none()
            && self.input.value().is_empty()
            && self.typed.is_empty()
            && self.filter.is_none()
    }

    /// An accepted answer waits to be committed (see flush_save).
    pub fn save_pending(&self) -> bool {
        self.unsaved
    }

    /// Put the selection on the choice that what was typed names: its
    /// number, else the first label starting with it, else containing it.
    fn follow_typed(&mut self) {
        let t = self.typed.trim().to_lowercase();
        if t.is_empty() {
            return;
        }
        let choices = self.choices();
        let hit = t
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=choices.len()).contains(n))
            .map(|n| n - 1)
            .or_else(|| {
                choices
                    .iter()
                    .position(|(_, l)| l.to_lowercase().starts_with(&t))
            })
            .or_else(|| {
                choices
                    .iter()
                    .position(|(_, l)| l.to_lowercase().contains(&t))
            });
        if let Some(i) = hit {
            self.sel = i;
        }
    }

    fn move_section(&mut self, forward: bool) {
        let secs = self.iv.sections();
        let Some(cur) = secs.iter().position(|s| s.current) else {
            return;
        };
        let target = if forward {
            secs.iter()
                .enumerate()
                .skip(cur + 1)
                .find(|(_, s)| s.applies)
        } else {
            secs.iter()
                .enumerate()
                .take(cur)
                .rev()
                .find(|(_, s)| s.applies)
        };
        if let Some((_, s)) = target {
            let id = s.id.clone();
            if let Err(e) = self.iv.goto_section(&id) {
                self.error = Some(e);
            }
            self.refresh();
        }
    }

    fn move_panel(&mut self, down: bool) {
        let n = self.panel.len();
        let mut i = self.panel_sel;
        for _ in 0..n {
            i = if down { (i + 1) % n } else { (i + n - 1) % n };
            if self.panel[i].selectable() {
                self.panel_sel = i;
                return;
            }
        }
    }

    pub fn why_lines(&self) -> Vec<String> {
        match self.panel.get(self.panel_sel) {
            Some(item) if item.selectable() => {
                panel::why(&self.words, self.iv.assessment(), self.iv.intake(), item)
            }
            _ => vec![self.ui("tui.why_nothing", &[])],
        }
    }

    pub fn help_lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if let Some(p) = self.prompt() {
            lines.push(p.text.clone());
            lines.push(
                p.help
                    .clone()
                    .unwrap_or_else(|| self.ui("tui.no_help", &[])),
            );
            lines.push(String::new());
        }
        lines.push(self.ui("tui.keys_heading", &[]));
        for (k, what) in self.commands() {
            lines.push(format!("{k}: {what}"));
        }
        lines
    }

    /// The commands the current view accepts: (key, what it does). Feeds
    /// both the key-hint bar and the help screen.
    pub fn commands(&self) -> Vec<(String, String)> {
        let c = |k: &str, what: &str| {
            (
                self.ui(&format!("key.{k}"), &[]),
                self.ui(&format!("cmd.{what}"), &[]),
            )
        };
        if let Some(o) = &self.overlay {
            return match o {
                Overlay::Quit => vec![c("y", "quit_yes"), c("n", "quit_no")],
                _ => vec![c("updown", "scroll"), c("esc", "close")],
            };
        }
        if self.focus == Focus::Panel {
            return vec![
                c("updown", "panel_move"),
                c("enter", "why"),
                c("esc", "to_form"),
                c("f10", "quit"),
            ];
        }
        let typing = self.typing();
        let mut v = vec![
            c("enter", "accept"),
            c(if typing { "f1" } else { "help" }, "help"),
            c("f2", "panel"),
            c("f10", "quit"),
        ];
        if !typing {
            v.push(c("updown", "choose"));
            v.push(c("slash", "filter"));
        }
        v.extend([c("tab", "next"), c("btab", "prev"), c("pgdn", "section")]);
        v
    }

    pub fn update(&mut self, action: Action) {
        // An overlay takes every key until it is closed.
        if let Some(o) = self.overlay.clone() {
            match (o, action) {
                (Overlay::Quit, Action::Char('y' | 'Y')) | (Overlay::Quit, Action::Quit) => {
                    self.quit = true
                }
                (Overlay::Quit, _) => self.overlay = None,
                (_, Action::Down) => self.overlay_scroll += 1,
                (_, Action::Up) => self.overlay_scroll = self.overlay_scroll.saturating_sub(1),
                (_, Action::NextSection) => self.overlay_scroll += 10,
                (_, Action::PrevSection) => {
                    self.overlay_scroll = self.overlay_scroll.saturating_sub(10)
                }
                (_, _) => {
                    self.overlay = None;
                    self.overlay_scroll = 0;
                }
            }
            return;
        }
        if self.focus == Focus::Panel {
            match action {
                Action::Up => self.move_panel(false),
                Action::Down => self.move_panel(true),
                Action::Accept | Action::Why => self.overlay = Some(Overlay::Why(self.why_lines())),
                Action::Back
                | Action::TogglePanel
                | Action::NextQuestion
                | Action::PrevQuestion => {
                    self.focus = Focus::Form;
                    self.show_panel = false;
                }
                Action::Quit => self.overlay = Some(Overlay::Quit),
                Action::Help => self.overlay = Some(Overlay::Help(self.help_lines())),
                _ => {}
            }
            return;
        }
        let typing = self.typing();
        match action {
            Action::Quit => self.overlay = Some(Overlay::Quit),
            Action::Help => self.overlay = Some(Overlay::Help(self.help_lines())),
            Action::TogglePanel => {
                self.focus = Focus::Panel;
                self.show_panel = true;
            }
            Action::Why => {
                self.focus = Focus::Panel;
                self.show_panel = true;
                self.overlay = Some(Overlay::Why(self.why_lines()));
            }
            Action::Accept => {
                if self.iv.is_done() {
                    self.status = self.ui("tui.done", &[]);
                } else if typing {
                    let t = self.input.value().to_string();
                    self.submit(t);
                } else if !self.typed.is_empty() && self.filter.is_none() {
                    let t = std::mem::take(&mut self.typed);
                    self.submit(t);
                } else if let Some((answer, _)) = self.choices().get(self.sel).cloned() {
                    self.submit(answer);
                } else {
                    self.error = Some(self.ui("tui.nothing_matches", &[]));
                }
            }
            Action::NextQuestion => {
                self.iv.forward();
                self.error = None;
                self.refresh();
            }
            Action::PrevQuestion => {
                if let Err(e) = self.iv.back() {
                    self.status = e;
                }
                self.error = None;
                self.refresh();
            }
            Action::NextSection => self.move_section(true),
            Action::PrevSection => self.move_section(false),
            Action::Up if !typing => {
                self.typed.clear();
                self.sel = self.sel.saturating_sub(1)
            }
            Action::Down if !typing => {
                self.typed.clear();
                self.sel = (self.sel + 1).min(self.choices().len().saturating_sub(1))
            }
            Action::Filter if !typing => {
                self.filter = Some(String::new());
                self.sel = 0;
            }
            Action::Back => {
                if self.filter.is_some() {
                    self.filter = None;
                    self.sel = 0;
                } else if !self.typed.is_empty() {
                    self.typed.clear();
                } else if self.error.is_some() {
                    self.error = None;
                } else {
                    self.overlay = Some(Overlay::Quit);
                }
            }
            // Past the longest answer anyone gives, characters are not
            // taken: a paste of any size costs time linear in its size.
            Action::Char(_) if self.field_full() => {}
            Action::Char(ch) if typing => {
                self.input.handle(InputRequest::InsertChar(ch));
            }
            Action::Char(ch) => {
                if let Some(f) = self.filter.as_mut() {
                    f.push(ch);
                    self.sel = 0;
                } else {
                    // Type to choose: the selection follows what is typed,
                    // and Enter sends the typed text to the same reader the
                    // plain mode uses (a number, or a label or part of one).
                    self.typed.push(ch);
                    self.follow_typed();
                }
            }
            Action::Backspace => {
                if let Some(f) = self.filter.as_mut() {
                    f.pop();
                    self.sel = 0;
                } else if !self.typed.is_empty() {
                    self.typed.pop();
                    self.follow_typed();
                } else if typing {
                    self.input.handle(InputRequest::DeletePrevChar);
                }
            }
            Action::Delete if typing => {
                self.input.handle(InputRequest::DeleteNextChar);
            }
            Action::Left if typing => {
                self.input.handle(InputRequest::GoToPrevChar);
            }
            Action::Right if typing => {
                self.input.handle(InputRequest::GoToNextChar);
            }
            Action::Home if typing => {
                self.input.handle(InputRequest::GoToStart);
            }
            Action::End if typing => {
                self.input.handle(InputRequest::GoToEnd);
            }
            _ => {}
        }
    }
}
