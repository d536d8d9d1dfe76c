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

/// One choice of a list as the form shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceRow {
    /// Its number in the whole list, shown beside it and typed to choose it.
    pub number: usize,
    /// What is sent to the interview to choose it.
    pub answer: String,
    pub label: String,
    /// Other words a caller uses for it.
    pub aliases: Vec<String>,
}

impl ChoiceRow {
    /// The filter finds a choice by any part of its name or its aliases.
    pub fn matches(&self, filter: &str) -> bool {
        let f = filter.trim().to_lowercase();
        f.is_empty()
            || self.label.to_lowercase().contains(&f)
            || self.aliases.iter().any(|a| a.to_lowercase().contains(&f))
    }

    /// What was typed is the start of its name (or of an alias).
    fn starts(&self, typed: &str) -> bool {
        let t = typed.trim().to_lowercase();
        !t.is_empty()
            && std::iter::once(&self.label)
                .chain(&self.aliases)
                .any(|s| s.to_lowercase().starts_with(&t))
    }

    /// What was typed is the start of a word of its name (or an alias).
    fn word_starts(&self, typed: &str) -> bool {
        let t = typed.trim().to_lowercase();
        !t.is_empty()
            && std::iter::once(&self.label).chain(&self.aliases).any(|s| {
                s.to_lowercase()
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| w.starts_with(&t))
            })
    }
}

pub struct App<'a> {
    pub iv: Interview<'a>,
    /// What to say after an answer, shared with the plain mode.
    announcer: Announcer,
    pub words: Words<'a>,
    /// The text field for typed answers.
    pub input: Input,
    /// The selected choice, by its number; none until the user picks one
    /// (or the question already has an answer): Enter never records a
    /// choice nobody made.
    pub sel: Option<usize>,
    /// The first choice shown of a long list (kept by the view between
    /// frames, so the list scrolls only when the selection leaves it).
    pub list_top: std::cell::Cell<usize>,
    /// `/` filter for choice lists: what has been typed so far.
    pub filter: Option<String>,
    /// Typed to choose in a list (a number or the start of a label).
    pub typed: String,
    /// Why the last answer was refused, shown beside the field.
    pub error: Option<String>,
    /// The refusal was just given: until the next key the cursor rests on
    /// it, so a screen reader that reads the cursor's line (Fenrir) says it.
    pub error_fresh: bool,
    /// The last change in the panel, as one short sentence.
    pub status: String,
    /// What the last answer changed, without the word about saving.
    said: String,
    pub focus: Focus,
    pub panel: Vec<Item>,
    /// The panel in a few short lines, under the question at 80 columns.
    pub compact: Vec<String>,
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
    /// Which key does what (shipped defaults, or the site's file).
    pub keymap: super::keymap::Keymap,
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
            sel: None,
            list_top: std::cell::Cell::new(0),
            filter: None,
            typed: String::new(),
            error: None,
            error_fresh: false,
            status: String::new(),
            said: String::new(),
            focus: Focus::Form,
            panel: Vec::new(),
            compact: Vec::new(),
            panel_sel: 0,
            show_panel: false,
            overlay: None,
            overlay_scroll: 0,
            quit: false,
            saver: None,
            unsaved: false,
            case_id: None,
            kiosk: false,
            keymap: super::keymap::Keymap::default(),
            answered: false,
            redraw_all: true,
            shown: None,
        };
        app.status = app.welcome();
        app.refresh();
        app
    }

    /// Words from content/<lang>/ui.yaml. Besides `args`, a text can name
    /// the keys in effect: {help_key}, {panel_key}, {quit_key}, {back_key},
    /// {prev_key}, {next_key}, so it never names a key the keymap changed.
    pub fn ui(&self, key: &str, args: &[(&str, &str)]) -> String {
        let k = |a: Action| self.keymap.first(&a);
        let keys = [
            ("help_key", k(Action::Help)),
            ("panel_key", k(Action::TogglePanel)),
            ("quit_key", k(Action::Quit)),
            ("back_key", k(Action::Back)),
            ("prev_key", k(Action::PrevQuestion)),
            ("next_key", k(Action::NextQuestion)),
        ];
        let mut all: Vec<(&str, &str)> = args.to_vec();
        all.extend(keys.iter().map(|(n, v)| (*n, v.as_str())));
        self.words.content.ui(key, &all)
    }

    /// Use a site's keys; the welcome line names them.
    pub fn set_keymap(&mut self, keymap: super::keymap::Keymap) {
        self.keymap = keymap;
        if !self.answered {
            self.status = self.welcome();
        }
    }

    /// The first status line: how to answer, and the figures past their
    /// date, if any, before any result is shown.
    fn welcome(&self) -> String {
        let w = self.ui("tui.welcome", &[]);
        let stale = crate::engine::stale_figures(self.words.pack, self.iv.as_of());
        match self.words.stale_summary(&stale) {
            Some(s) => format!("{w} {s}"),
            None => w,
        }
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

    /// Every choice of the current list, numbered for good: a filter hides
    /// choices, it never renumbers them.
    pub fn all_choices(&self) -> Vec<ChoiceRow> {
        let Some(p) = self.prompt() else {
            return Vec::new();
        };
        match p.answer_type {
            AnswerType::YesNo | AnswerType::List => {
                let s = self.iv.script();
                let word = |w: &[String], d: &str| w.first().cloned().unwrap_or_else(|| d.into());
                vec![
                    ChoiceRow {
                        number: 1,
                        answer: word(&s.yes_words, "yes"),
                        label: self.ui("choice.yes", &[]),
                        aliases: Vec::new(),
                    },
                    ChoiceRow {
                        number: 2,
                        answer: word(&s.no_words, "no"),
                        label: self.ui("choice.no", &[]),
                        aliases: Vec::new(),
                    },
                ]
            }
            AnswerType::Choice => p
                .choices
                .iter()
                .enumerate()
                .map(|(i, c)| ChoiceRow {
                    number: i + 1,
                    answer: (i + 1).to_string(),
                    label: c.label.clone(),
                    aliases: c.aliases.clone(),
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The choices the filter leaves in view, with their own numbers.
    pub fn choices(&self) -> Vec<ChoiceRow> {
        let all = self.all_choices();
        match &self.filter {
            Some(f) if !f.is_empty() => all.into_iter().filter(|c| c.matches(f)).collect(),
            _ => all,
        }
    }

    /// The selected choice, if it is in view.
    pub fn selected(&self) -> Option<ChoiceRow> {
        let n = self.sel?;
        self.choices().into_iter().find(|c| c.number == n)
    }

    /// After anything that can change the question or the assessment.
    fn refresh(&mut self) {
        self.panel = panel::build(&self.words, self.iv.assessment(), self.iv.intake());
        self.compact = panel::compact(&self.words, self.iv.assessment(), self.iv.intake());
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
            self.list_top.set(0);
            let current = self.prompt().and_then(|p| p.current);
            self.input = Input::new(if self.typing() {
                current.clone().unwrap_or_default()
            } else {
                String::new()
            });
            // A list starts on the answer already given, or on nothing.
            self.sel = current.and_then(|c| {
                self.all_choices()
                    .into_iter()
                    .find(|r| r.label.eq_ignore_ascii_case(&c))
                    .map(|r| r.number)
            });
        }
    }

    /// Send an answer to the interview. Accepted: the status line says
    /// what was chosen, whether it is being saved, and what changed in the
    /// panel (the counts, when no change is worth a sentence). Refused: the
    /// reason, and the question again.
    fn submit(&mut self, text: String) {
        let before = panel::summary(&self.words, self.iv.assessment());
        match self.iv.answer(&text) {
            Ok(()) => {
                self.error = None;
                let said = self
                    .announcer
                    .next(self.iv.intake(), self.iv.assessment(), &self.words)
                    .map(|a| a.sentences)
                    .unwrap_or_default();
                let mut parts = Vec::new();
                // What the interview took the answer for: a number, letters
                // or everyday words name a choice; it is said in full.
                if let Some(label) = self.iv.chosen() {
                    parts.push(self.ui("tui.chosen", &[("answer", &label)]));
                }
                if said.is_empty() {
                    let after = panel::summary(&self.words, self.iv.assessment());
                    parts.push(if after == before {
                        self.ui("tui.no_change", &[])
                    } else {
                        self.ui("tui.now", &[("summary", &after)])
                    });
                } else {
                    parts.extend(said);
                }
                self.said = parts.join(" ");
                self.status = if self.saver.is_some() {
                    format!("{} {}", self.ui("tui.saved", &[]), self.said)
                } else {
                    self.said.clone()
                };
                // Saved once the new frame is out (see flush_save).
                self.unsaved = true;
                self.answered = true;
                self.refresh();
            }
            Err(e) => self.refuse(e),
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
                    self.status = format!("{msg} {}", self.said);
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
    /// number, else the first whose name starts with it, else the first
    /// with a word that does, else one containing it; nothing when none does, so
    /// that Enter sends the words to the interview to be read or refused.
    fn follow_typed(&mut self) {
        let t = self.typed.trim().to_lowercase();
        if t.is_empty() {
            return;
        }
        let choices = self.choices();
        self.sel = t
            .parse::<usize>()
            .ok()
            .filter(|n| choices.iter().any(|c| c.number == *n))
            .or_else(|| choices.iter().find(|c| c.starts(&t)).map(|c| c.number))
            .or_else(|| choices.iter().find(|c| c.word_starts(&t)).map(|c| c.number))
            .or_else(|| {
                choices
                    .iter()
                    .find(|c| c.matches(&t) && t.chars().count() >= 3)
                    .map(|c| c.number)
            });
    }

    /// A filter that hides the selected choice leaves nothing selected; one
    /// that leaves a single choice selects it (it is on screen, alone).
    fn keep_selection_in_view(&mut self) {
        let choices = self.choices();
        if self
            .sel
            .is_some_and(|n| !choices.iter().any(|c| c.number == n))
        {
            self.sel = None;
        }
        if choices.len() == 1 {
            self.sel = Some(choices[0].number);
        }
    }

    /// Say why an answer was not taken.
    fn refuse(&mut self, why: String) {
        self.error = Some(why);
        self.error_fresh = true;
    }

    /// Move the selection among the choices in view.
    fn step(&mut self, down: bool) {
        let choices = self.choices();
        if choices.is_empty() {
            return;
        }
        let at = self
            .sel
            .and_then(|n| choices.iter().position(|c| c.number == n));
        let i = match (at, down) {
            (None, true) => 0,
            (None, false) => choices.len() - 1,
            (Some(i), true) => (i + 1).min(choices.len() - 1),
            (Some(i), false) => i.saturating_sub(1),
        };
        self.sel = Some(choices[i].number);
    }

    /// Enter in a list: the selected choice; else what was typed, for the
    /// interview to read or refuse; else the answer already given; else
    /// say how to choose. Never a choice nobody made.
    fn accept_choice(&mut self) {
        if let Some(row) = self.selected() {
            self.typed.clear();
            self.submit(row.answer);
        } else if !self.typed.trim().is_empty() {
            let t = std::mem::take(&mut self.typed);
            self.submit(t);
        } else if self.prompt().is_some_and(|p| p.current.is_some()) {
            self.submit(String::new());
        } else if self.filter.as_ref().is_some_and(|f| !f.is_empty()) && self.choices().is_empty() {
            self.refuse(self.ui("tui.nothing_matches", &[]));
        } else {
            self.refuse(self.ui("tui.choose_first", &[]));
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
                self.refuse(e);
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
            // The question is on screen already; its help comes first.
            lines.push(
                p.help
                    .clone()
                    .unwrap_or_else(|| self.ui("tui.no_help", &[])),
            );
            lines.push(String::new());
        }
        lines.push(self.ui("tui.keys_heading", &[]));
        let or = self.ui("tui.keys_or", &[]);
        for (name, action) in super::keymap::COMMANDS {
            let keys = self.keymap.keys(action);
            let said = match keys.split_last() {
                Some((last, rest)) if !rest.is_empty() => {
                    format!("{} {or} {last}", rest.join(", "))
                }
                _ => keys.join(""),
            };
            lines.push(format!(
                "{said}: {}",
                self.ui(&format!("keyhelp.{name}"), &[])
            ));
        }
        lines
    }

    /// The commands the current view accepts: (key, what it does), from
    /// the keymap. Feeds the key-hint bar.
    pub fn commands(&self) -> Vec<(String, String)> {
        let c =
            |a: Action, what: &str| (self.keymap.first(&a), self.ui(&format!("cmd.{what}"), &[]));
        let updown = |what: &str| {
            (
                format!(
                    "{}/{}",
                    self.keymap.first(&Action::Up),
                    self.keymap.first(&Action::Down)
                ),
                self.ui(&format!("cmd.{what}"), &[]),
            )
        };
        if let Some(o) = &self.overlay {
            return match o {
                Overlay::Quit => vec![
                    (self.ui("key.y", &[]), self.ui("cmd.quit_yes", &[])),
                    (self.ui("key.n", &[]), self.ui("cmd.quit_no", &[])),
                ],
                _ => vec![updown("scroll"), c(Action::Back, "close")],
            };
        }
        if self.focus == Focus::Panel {
            return vec![
                updown("panel_move"),
                c(Action::Accept, "why"),
                c(Action::TogglePanel, "to_form"),
                c(Action::Help, "help"),
                c(Action::Quit, "quit"),
            ];
        }
        if self.iv.is_done() {
            return vec![
                c(Action::TogglePanel, "panel"),
                c(Action::Help, "help"),
                c(Action::PrevQuestion, "prev"),
                c(Action::Quit, "quit"),
            ];
        }
        let mut v = vec![
            c(Action::Accept, "accept"),
            c(Action::Help, "help"),
            c(Action::TogglePanel, "panel"),
            c(Action::Quit, "quit"),
        ];
        if !self.typing() {
            v.push(updown("choose"));
            v.push(c(Action::Filter, "filter"));
        }
        v.extend([
            c(Action::NextQuestion, "next"),
            c(Action::PrevQuestion, "prev"),
            c(Action::NextSection, "section"),
        ]);
        v
    }

    pub fn update(&mut self, action: Action) {
        self.error_fresh = false;
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
                    if t.trim().is_empty() && self.prompt().is_some_and(|p| p.current.is_none()) {
                        self.refuse(self.ui("tui.type_first", &[]));
                    } else {
                        self.submit(t);
                    }
                } else {
                    self.accept_choice();
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
                self.error = None;
                self.step(false);
            }
            Action::Down if !typing => {
                self.typed.clear();
                self.error = None;
                self.step(true);
            }
            Action::Filter if !typing => {
                self.filter = Some(String::new());
                self.typed.clear();
                self.error = None;
            }
            Action::Back => {
                if self.filter.is_some() {
                    self.filter = None;
                    self.error = None;
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
                    self.error = None;
                    self.keep_selection_in_view();
                } else {
                    // Type to choose: the selection follows what is typed,
                    // and Enter sends the typed text to the same reader the
                    // plain mode uses (a number, or a label or part of one).
                    // A new try: the last refusal goes.
                    self.error = None;
                    self.typed.push(ch);
                    self.follow_typed();
                }
            }
            Action::Backspace => {
                if let Some(f) = self.filter.as_mut() {
                    f.pop();
                    self.error = None;
                    self.keep_selection_in_view();
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
