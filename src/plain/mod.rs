//! The plain mode (`intake --plain`, `--screen-reader`): the interview as
//! plain lines for people who listen rather than look, and for scripts.
//! One question at a time, choices as a short numbered list, answers read
//! line by line from standard input; after an answer, only what changed.
//! No escape sequences, no colour, no box-drawing, no tables laid out with
//! spaces. The flow is the interview core's; this file only says and reads.
//! Every word is in content/<lang>/plain.yaml.

use crate::content::Content;
use crate::dates::spoken;
use crate::engine::{Assessment, ProofStatus, Status};
use crate::error::Problem;
use crate::interview::script::{AnswerType, normalise};
use crate::interview::{Interview, Prompt};
use crate::model::Intake;
use crate::report::Words;
use crate::report::changes::{Announcer, Change, deadline_words, person_name};
use std::io::Write;
use std::path::{Path, PathBuf};

mod input;
pub use input::{Line, LineSource, MAX_LINE, Timed};

/// Keys of plain.yaml this mode says; checked when content loads.
pub const WORDS: &[&str] = &[
    "cmd.help",
    "cmd.why",
    "cmd.status",
    "cmd.missing",
    "cmd.deadlines",
    "cmd.repeat",
    "cmd.back",
    "cmd.skip",
    "cmd.save",
    "cmd.quit",
    "cmd.list",
    "intro",
    "opened",
    "commands",
    "part",
    "part_person",
    "yes_no",
    "so_far",
    "current",
    "chosen",
    "choose",
    "choose_one",
    "choose_again",
    "long_choices",
    "help_none",
    "list_help",
    "why_nothing",
    "why_program",
    "why_proof",
    "why_accepted",
    "why_deadline",
    "status_heading",
    "status_person",
    "status_likely",
    "status_after_deductible",
    "status_possible",
    "status_not_eligible",
    "status_not_eligible_one",
    "status_no_people",
    "missing_person",
    "missing_none",
    "missing_detail",
    "insufficient_detail",
    "deadline_line",
    "deadline_overdue",
    "deadline_today",
    "deadline_no_date",
    "deadlines_none",
    "save_ask",
    "save_ask_default",
    "saved",
    "not_saved",
    "save_failed",
    "quit_confirm",
    "goodbye",
    "goodbye_unsaved",
    "finished",
    "skipped",
    "skipped_one",
    "finished_prompt",
    "eof_unsaved",
    "eof_after_save",
    "eof_done_unsaved",
    "eof_stored",
    "goodbye_stored",
    "too_long",
    "kiosk_commands",
    "kiosk_finished_prompt",
    "kiosk_no_save",
    "kiosk_reset",
    "kiosk_goodbye",
    "kiosk_eof",
    "kiosk_goodbye_unsaved",
    "kiosk_eof_unsaved",
];

pub fn check_words(content: &Content) -> Vec<Problem> {
    content.require("plain", WORDS)
}

/// More choices than this are not read out unless asked ("list").
const LONG_LIST: usize = 12;
/// More choices than this are read out the first time only (the kinds of
/// income for a second income); "list" or "repeat" reads them again.
const SHORT_LIST: usize = 5;

/// A public kiosk: no file is read or written at the caller's word, no
/// case is named, and after `idle` without an answer the interview is
/// closed and a new one starts.
pub struct Kiosk<'a, 'i> {
    pub idle: std::time::Duration,
    /// Close the current case (kept in the store, marked closed) and give
    /// a fresh interview; None ends the program.
    pub reset: Box<dyn FnMut() -> Option<Interview<'i>> + 'a>,
    /// Also clear the screen and its scrollback (a real terminal, not
    /// TERM=dumb or a pipe, where the plain mode never sends a control
    /// sequence).
    pub clear_screen: bool,
}

pub struct Options<'a, 'i> {
    /// Where `save` writes (asked for when absent).
    pub save: Option<PathBuf>,
    /// The record the interview started from, offered as the place to save.
    pub opened: Option<PathBuf>,
    /// Autosave to the case store after each accepted answer.
    pub saver: Option<crate::store::Saver<'a>>,
    /// Writing to a terminal: break lines between words to fit its width,
    /// so the terminal never wraps inside a word (a screen reader speaks
    /// each screen line apart: "husband or w", "ife who lives").
    pub fit_terminal: bool,
    /// Run as a public kiosk.
    pub kiosk: Option<Kiosk<'a, 'i>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cmd {
    Help,
    Why,
    Status,
    Missing,
    Deadlines,
    Repeat,
    Back,
    Skip,
    Save,
    Quit,
    List,
}

const CMDS: [(&str, Cmd); 11] = [
    ("cmd.help", Cmd::Help),
    ("cmd.why", Cmd::Why),
    ("cmd.status", Cmd::Status),
    ("cmd.missing", Cmd::Missing),
    ("cmd.deadlines", Cmd::Deadlines),
    ("cmd.repeat", Cmd::Repeat),
    ("cmd.back", Cmd::Back),
    ("cmd.skip", Cmd::Skip),
    ("cmd.save", Cmd::Save),
    ("cmd.quit", Cmd::Quit),
    ("cmd.list", Cmd::List),
];

/// Remove escape sequences and other control characters (arrow keys typed
/// at a cooked terminal arrive as "ESC [ A" inside the line), with the one
/// sanitiser every way out of the program uses.
pub fn clean_input(s: &str) -> String {
    crate::safe::text::one_line(s).trim_end().to_string()
}

/// What is written: no control characters, and no box-drawing or block
/// characters, whatever a typed name contained.
fn clean_output(s: &str) -> String {
    crate::safe::text::one_line(s)
        .chars()
        .filter(|c| !('\u{2500}'..='\u{259f}').contains(c))
        .collect()
}

enum Read {
    Line(String),
    End,
    /// The kiosk closed the interview for want of an answer and started
    /// a new one: whatever was being asked is no longer asked.
    Reset,
}

struct Plain<'a, 'i, R: LineSource, W: Write> {
    iv: Interview<'i>,
    words: &'a Words<'a>,
    c: &'a Content,
    opts: Options<'a, 'i>,
    input: R,
    out: W,
    /// Changes made by the last answer that changed something, for "why".
    last: Option<(Vec<Change>, Assessment, Assessment)>,
    /// What to say after an answer (held while people are being named).
    announcer: Announcer,
    /// Where the last announcement was (section, person).
    announced: Option<(usize, Option<usize>)>,
    revision: u64,
    saved: Option<(u64, PathBuf)>,
    /// The revision last kept in the case store, and the case's id.
    stored: Option<(u64, i64)>,
    finish_said: bool,
    /// Choice lists already read out in full (by their labels).
    heard: Vec<Vec<String>>,
    /// Read the choices in full this time (after "repeat").
    read_all: bool,
    /// Lines are written but not flushed (a kiosk reset sends its screen
    /// in one write: Fenrir read only the first part of a screen that
    /// came in pieces after a clear).
    hold: bool,
}

/// How a plain interview ended.
pub struct Outcome {
    /// 0 when the interview was finished or the user quit, 2 when input
    /// ended before it was finished (nothing half-written is saved).
    pub code: u8,
    /// The record as it stood at the end.
    pub intake: Intake,
}

/// Run an interview in plain mode, reading `input` and writing `out`.
pub fn run<'a, 'i, R: LineSource, W: Write>(
    iv: Interview<'i>,
    words: &'a Words<'a>,
    opts: Options<'a, 'i>,
    input: R,
    out: W,
) -> Outcome {
    let announcer = Announcer::new(iv.intake(), iv.assessment());
    let mut p = Plain {
        announcer,
        iv,
        words,
        c: words.content,
        opts,
        input,
        out,
        last: None,
        announced: None,
        revision: 0,
        saved: None,
        stored: None,
        finish_said: false,
        heard: Vec::new(),
        read_all: false,
        hold: false,
    };
    let code = p.main();
    Outcome {
        code,
        intake: p.iv.into_intake(),
    }
}

impl<R: LineSource, W: Write> Plain<'_, '_, R, W> {
    fn t(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.c.say("plain", key, args)
    }

    fn say(&mut self, line: &str) {
        let line = clean_output(line);
        let width = if self.opts.fit_terminal {
            crossterm::terminal::size().ok().map(|(w, _)| w as usize)
        } else {
            None
        };
        match width {
            // One column spare: a full line would leave some terminals
            // waiting to wrap.
            Some(w) if w > 20 => {
                for part in wrap_words(&line, w - 1) {
                    let _ = writeln!(self.out, "{part}");
                }
            }
            _ => {
                let _ = writeln!(self.out, "{line}");
            }
        }
        if !self.hold {
            let _ = self.out.flush();
        }
    }

    fn read(&mut self) -> Read {
        if std::mem::take(&mut self.hold) {
            let _ = self.out.flush();
        }
        loop {
            let wait = self.opts.kiosk.as_ref().map(|k| k.idle);
            match self.input.next_line(wait) {
                Line::End => return Read::End,
                // With no answer given there is nothing to clear; starting
                // again would only read the first question out again.
                Line::Idle if self.revision == 0 => {}
                Line::Idle => {
                    if self.kiosk_reset() {
                        return Read::Reset;
                    }
                    return Read::End;
                }
                Line::TooLong => {
                    let s = self.t("too_long", &[("n", &MAX_LINE.to_string())]);
                    self.say(&s);
                }
                Line::Text(buf) => {
                    let line = clean_input(&String::from_utf8_lossy(&buf));
                    let line = line.trim();
                    // A script's comment lines are not answers.
                    if line.starts_with('#') {
                        continue;
                    }
                    return Read::Line(line.to_string());
                }
            }
        }
    }

    /// The kiosk's idle reset: the case is closed (kept in the store),
    /// everything of it is dropped from memory (and from a real screen),
    /// and the next person hears a new interview begin. False when no new
    /// interview could be made.
    fn kiosk_reset(&mut self) -> bool {
        let Some(k) = self.opts.kiosk.as_mut() else {
            return false;
        };
        let secs = k.idle.as_secs().to_string();
        let clear = k.clear_screen;
        let Some(iv) = (k.reset)() else {
            return false;
        };
        self.iv = iv;
        self.announcer = Announcer::new(self.iv.intake(), self.iv.assessment());
        self.last = None;
        self.announced = None;
        self.revision = 0;
        self.saved = None;
        self.stored = None;
        self.finish_said = false;
        self.heard.clear();
        self.read_all = false;
        // The new screen goes out in one write, up to the next question: a
        // screen reader (Fenrir) read only the first piece of a screen that
        // came in pieces after the clear.
        self.hold = true;
        if clear {
            // Home, erase the screen, erase the scrollback; the blank screen
            // on its own first, so that a screen reader takes what follows
            // as new text (Fenrir, given both at once, read the first rows
            // and took the rest as the screen it had already read).
            let _ = write!(self.out, "\x1b[H\x1b[2J\x1b[3J");
            let _ = self.out.flush();
            std::thread::sleep(std::time::Duration::from_millis(150));
        }
        let s = self.t("kiosk_reset", &[("seconds", &secs)]);
        self.say(&s);
        self.begin();
        // Released (and flushed) when the next question has been said and
        // an answer is waited for: see `read`.
        true
    }

    fn command(&self, line: &str) -> Option<Cmd> {
        let l = line.to_lowercase();
        CMDS.iter()
            .find(|(k, _)| self.c.say("plain", k, &[]).to_lowercase() == l)
            .map(|(_, c)| *c)
    }

    fn main(&mut self) -> u8 {
        self.begin();
        loop {
            let line = match self.read() {
                Read::Line(l) => l,
                Read::End => return self.end_of_input(),
                Read::Reset => continue,
            };
            match self.command(&line) {
                Some(Cmd::Quit) => {
                    if let Some(code) = self.quit() {
                        return code;
                    }
                }
                Some(cmd) => {
                    if let Some(code) = self.run_command(cmd) {
                        return code;
                    }
                }
                None if self.iv.is_done() && line.is_empty() => self.ask(false),
                None => self.answer(&line),
            }
        }
    }

    /// The words said where an interview begins, and its first question.
    fn begin(&mut self) {
        let a = self.iv.assessment();
        let intro = self.t(
            "intro",
            &[("pack", &a.pack.name.clone()), ("date", &spoken(a.as_of))],
        );
        self.say(&intro);
        // Figures past their date are said before any question or result.
        let stale = crate::engine::stale_figures(self.words.pack, self.iv.as_of());
        if let Some(s) = self.words.stale_summary(&stale) {
            self.say(&s);
        }
        if let Some(f) = &self.opts.opened {
            let s = self.t("opened", &[("file", &f.display().to_string())]);
            self.say(&s);
        }
        let s = self.t(self.kiosk_key("commands"), &[]);
        self.say(&s);
        self.ask(true);
    }

    /// A kiosk says some things its own way (no save, no case number).
    fn kiosk_key<'k>(&self, key: &'k str) -> &'k str {
        if self.opts.kiosk.is_none() {
            return key;
        }
        match key {
            "commands" => "kiosk_commands",
            "finished_prompt" => "kiosk_finished_prompt",
            "goodbye" | "goodbye_stored" => "kiosk_goodbye",
            "goodbye_unsaved" => "kiosk_goodbye_unsaved",
            "eof_stored" => "kiosk_eof",
            "eof_unsaved" | "eof_done_unsaved" => "kiosk_eof_unsaved",
            k => k,
        }
    }

    /// Every answer so far is kept (in the store or a saved file).
    fn all_kept(&self) -> bool {
        self.revision == 0
            || self.stored.is_some_and(|(r, _)| r == self.revision)
            || self
                .saved
                .as_ref()
                .is_some_and(|(r, _)| *r == self.revision)
    }

    /// The case the answers are kept in, when every one of them is.
    fn stored_case(&self) -> Option<i64> {
        self.stored
            .filter(|(r, _)| *r == self.revision && self.revision > 0)
            .map(|(_, id)| id)
    }

    fn end_of_input(&mut self) -> u8 {
        let kept = self.all_kept();
        let case = self.stored_case();
        let s = if self.iv.is_done() {
            match case {
                Some(id) => Some(self.t(self.kiosk_key("eof_stored"), &[("id", &id.to_string())])),
                None if !kept => Some(self.t(self.kiosk_key("eof_done_unsaved"), &[])),
                None => None,
            }
        } else {
            Some(match (case, &self.saved) {
                (Some(id), _) => self.t(self.kiosk_key("eof_stored"), &[("id", &id.to_string())]),
                (None, Some((_, f))) if self.opts.kiosk.is_none() => {
                    self.t("eof_after_save", &[("file", &f.display().to_string())])
                }
                _ => self.t(self.kiosk_key("eof_unsaved"), &[]),
            })
        };
        if let Some(s) = s {
            self.say(&s);
        }
        if self.iv.is_done() { 0 } else { 2 }
    }

    // --- asking ---

    /// Say the current question (with its part heading when the part or
    /// person changed, or when `full`).
    fn ask(&mut self, full: bool) {
        let Some(p) = self.iv.current() else {
            self.finish();
            return;
        };
        let each = self.iv.script().sections[p.section].for_each_person;
        let here = (p.section, p.person_index.filter(|_| each));
        if p.item.is_none() && self.announced != Some(here) {
            let (n, m) = ((p.section + 1).to_string(), p.sections.to_string());
            let s = match &p.person {
                Some(who) if each => self.t(
                    "part_person",
                    &[
                        ("n", &n),
                        ("m", &m),
                        ("title", &p.section_title),
                        ("person", who),
                    ],
                ),
                _ => self.t("part", &[("n", &n), ("m", &m), ("title", &p.section_title)]),
            };
            self.say(&s);
            self.announced = Some(here);
        }
        self.say_prompt(&p, full);
    }

    fn say_prompt(&mut self, p: &Prompt, choices: bool) {
        if let Some(list) = &p.list
            && !list.items.is_empty()
        {
            let items: Vec<String> = list
                .items
                .iter()
                .enumerate()
                .map(|(i, x)| format!("{}. {x}", i + 1))
                .collect();
            let s = self.t("so_far", &[("items", &items.join("; "))]);
            self.say(&s);
        }
        self.say_question(p);
        if let Some(cur) = &p.current {
            let s = self.t("current", &[("answer", cur)]);
            self.say(&s);
        }
        if p.answer_type == AnswerType::Choice {
            let n = p.choices.len();
            if n > LONG_LIST {
                let s = self.t("long_choices", &[("n", &n.to_string())]);
                self.say(&s);
            } else {
                let labels: Vec<String> = p.choices.iter().map(|c| c.label.clone()).collect();
                let again = !self.read_all && n > SHORT_LIST && self.heard.contains(&labels);
                if choices && !again {
                    self.say_choices(p);
                    if !self.heard.contains(&labels) {
                        self.heard.push(labels);
                    }
                }
                let s = if n == 1 {
                    self.t("choose_one", &[])
                } else if choices && again {
                    self.t("choose_again", &[("n", &n.to_string())])
                } else {
                    self.t("choose", &[("n", &n.to_string())])
                };
                self.say(&s);
            }
        }
        self.read_all = false;
    }

    fn say_question(&mut self, p: &Prompt) {
        if matches!(p.answer_type, AnswerType::YesNo | AnswerType::List) {
            let s = format!("{} {}", p.text, self.t("yes_no", &[]));
            self.say(&s);
        } else {
            self.say(&p.text);
        }
    }

    fn say_choices(&mut self, p: &Prompt) {
        for (i, c) in p.choices.iter().enumerate() {
            let s = format!("{}. {}", i + 1, c.label);
            self.say(&s);
        }
    }

    fn answer(&mut self, line: &str) {
        if self.iv.is_done() {
            let s = self.iv.script().msg("finished", &[]);
            self.say(&s);
            let s = self.t(self.kiosk_key("finished_prompt"), &[]);
            self.say(&s);
            return;
        }
        let choice = self
            .iv
            .current()
            .is_some_and(|p| p.answer_type == AnswerType::Choice);
        match self.iv.answer(line) {
            Ok(()) => {
                self.revision += 1;
                // A number, a few letters or an everyday word chose this:
                // say which choice it was, before anything it changed.
                // (Typing the label itself needs no echo; nor does yes/no.)
                if let Some(label) = self
                    .iv
                    .chosen()
                    .filter(|l| choice && normalise(l) != normalise(line))
                {
                    let s = self.t("chosen", &[("choice", &label)]);
                    self.say(&s);
                }
                let pos = self.iv.current().map(|p| p.question_id);
                if let Some(saver) = self.opts.saver.as_mut() {
                    match saver(self.iv.intake(), pos) {
                        Ok(id) => self.stored = Some((self.revision, id)),
                        Err(e) => {
                            let s = self.t("autosave_failed", &[("error", &e)]);
                            self.say(&s);
                        }
                    }
                }
                let Some(said) =
                    self.announcer
                        .next(self.iv.intake(), self.iv.assessment(), self.words)
                else {
                    self.ask(true);
                    return;
                };
                for s in &said.sentences {
                    self.say(s);
                }
                if !said.changes.is_empty() {
                    self.last = Some((said.changes, said.before, said.after));
                }
                self.ask(true);
            }
            Err(why) => {
                // The reason, then the question again (its choices are read
                // again on "repeat").
                self.say(&why);
                if let Some(p) = self.iv.current() {
                    self.say_question(&p);
                }
            }
        }
    }

    // --- commands ---

    fn run_command(&mut self, cmd: Cmd) -> Option<u8> {
        match cmd {
            Cmd::Help => {
                let help = self.iv.current().and_then(|p| {
                    let mut h = p.help.clone();
                    if p.list.is_some() {
                        let l = self.t("list_help", &[]);
                        h = Some(match h {
                            Some(h) if !h.contains(&l) => format!("{h} {l}"),
                            Some(h) => h,
                            None => l,
                        });
                    }
                    h
                });
                let s = help.unwrap_or_else(|| self.t("help_none", &[]));
                self.say(&s);
                let s = self.t("commands", &[]);
                self.say(&s);
                self.ask(false);
            }
            Cmd::Why => {
                self.why();
                self.ask(false);
            }
            Cmd::Status => {
                self.status();
                self.ask(false);
            }
            Cmd::Missing => {
                self.missing(true);
                self.ask(false);
            }
            Cmd::Deadlines => {
                self.deadlines();
                self.ask(false);
            }
            Cmd::Repeat => {
                self.announced = None;
                self.read_all = true;
                self.ask(true);
            }
            Cmd::List => {
                if let Some(p) = self.iv.current()
                    && p.answer_type == AnswerType::Choice
                {
                    self.say_choices(&p);
                    let s = self.t("choose", &[("n", &p.choices.len().to_string())]);
                    self.say(&s);
                } else {
                    self.ask(true);
                }
            }
            Cmd::Back => {
                self.finish_said = false;
                if let Err(e) = self.iv.back() {
                    self.say(&e);
                }
                self.ask(true);
            }
            Cmd::Skip => {
                if let Err(e) = self.iv.skip() {
                    self.say(&e);
                }
                self.ask(true);
            }
            Cmd::Save if self.opts.kiosk.is_some() => {
                // A kiosk never writes where the caller says.
                let s = self.t("kiosk_no_save", &[]);
                self.say(&s);
                self.ask(false);
            }
            Cmd::Save => {
                match self.save() {
                    Ok(()) => {}
                    Err(SaveEnd::Input) => return Some(self.end_of_input()),
                    Err(SaveEnd::Failed) => {}
                }
                self.ask(false);
            }
            Cmd::Quit => unreachable!("quit is handled by main"),
        }
        None
    }

    fn quit(&mut self) -> Option<u8> {
        if self.all_kept() {
            let s = match self.stored_case() {
                Some(id) => self.t(self.kiosk_key("goodbye_stored"), &[("id", &id.to_string())]),
                None => self.t(self.kiosk_key("goodbye"), &[]),
            };
            self.say(&s);
            return Some(0);
        }
        let s = self.t("quit_confirm", &[]);
        self.say(&s);
        loop {
            match self.read() {
                Read::End => return Some(self.end_of_input()),
                Read::Reset => return None,
                Read::Line(l) => {
                    let l = l.to_lowercase();
                    let script = self.iv.script();
                    if script.yes_words.iter().any(|w| w.to_lowercase() == l) {
                        let s = self.t(self.kiosk_key("goodbye_unsaved"), &[]);
                        self.say(&s);
                        return Some(0);
                    }
                    if script.no_words.iter().any(|w| w.to_lowercase() == l) {
                        self.ask(false);
                        return None;
                    }
                    let s = script.msg("yes_no", &[]);
                    self.say(&s);
                }
            }
        }
    }

    fn save(&mut self) -> Result<(), SaveEnd> {
        let path = match &self.opts.save {
            Some(p) => p.clone(),
            None => {
                let s = match &self.opts.opened {
                    Some(f) => self.t("save_ask_default", &[("file", &f.display().to_string())]),
                    None => self.t("save_ask", &[]),
                };
                self.say(&s);
                match self.read() {
                    Read::End => return Err(SaveEnd::Input),
                    Read::Reset => return Err(SaveEnd::Failed),
                    // A command word is not a file name ("save", then
                    // "quit", must not make a file called quit).
                    Read::Line(l) if self.command(&l).is_some() => {
                        let s = self.t("not_saved", &[]);
                        self.say(&s);
                        return Err(SaveEnd::Failed);
                    }
                    Read::Line(l) if l.is_empty() => match &self.opts.opened {
                        Some(f) => f.clone(),
                        None => {
                            let s = self.t("not_saved", &[]);
                            self.say(&s);
                            return Err(SaveEnd::Failed);
                        }
                    },
                    Read::Line(l) => PathBuf::from(l),
                }
            }
        };
        match write_record(&path, self.iv.intake()) {
            Ok(()) => {
                let s = self.t("saved", &[("file", &path.display().to_string())]);
                self.say(&s);
                self.saved = Some((self.revision, path));
                Ok(())
            }
            Err(e) => {
                let s = self.t(
                    "save_failed",
                    &[("file", &path.display().to_string()), ("error", &e)],
                );
                self.say(&s);
                Err(SaveEnd::Failed)
            }
        }
    }

    fn finish(&mut self) {
        if self.finish_said {
            let s = self.t(self.kiosk_key("finished_prompt"), &[]);
            self.say(&s);
            return;
        }
        self.finish_said = true;
        let s = self.t("finished", &[]);
        self.say(&s);
        let n = self.iv.unanswered();
        if n > 0 {
            let key = if n == 1 { "skipped_one" } else { "skipped" };
            let s = self.t(key, &[("n", &n.to_string())]);
            self.say(&s);
        }
        self.status();
        if self.opts.save.is_some() {
            let _ = self.save();
        }
        let s = self.t(self.kiosk_key("finished_prompt"), &[]);
        self.say(&s);
    }

    // --- what is said about the assessment ---

    fn filled(&self) -> Assessment {
        let mut a = self.iv.assessment().clone();
        self.words.fill(&mut a);
        a
    }

    fn name(&self, a: &Assessment, id: &str) -> String {
        person_name(a, a, id)
    }

    fn why(&mut self) {
        let Some((ch, b, a)) = self.last.clone() else {
            let s = self.t("why_nothing", &[]);
            self.say(&s);
            return;
        };
        let w = self.words;
        for c in &ch {
            match c {
                Change::Program {
                    person, program, ..
                } => {
                    let pr = a
                        .programs
                        .iter()
                        .chain(b.programs.iter())
                        .find(|p| *p.person == **person && *p.program == **program);
                    let Some(pr) = pr else { continue };
                    let s = self.t(
                        "why_program",
                        &[
                            ("program", &w.program(program)),
                            ("person", &self.name(&a, person)),
                        ],
                    );
                    self.say(&s);
                    for line in w.why_program(pr) {
                        self.say(&line);
                    }
                }
                Change::Proof { person, need, .. } => {
                    let pr = a
                        .proofs
                        .iter()
                        .chain(b.proofs.iter())
                        .find(|p| &p.person == person && &p.need == need);
                    let Some(pr) = pr else { continue };
                    let status = pr_status_words(w, &a, person, need);
                    let s = self.t(
                        "why_proof",
                        &[
                            ("need", &crate::report::capitalise(&w.need(need))),
                            ("person", &self.name(&a, person)),
                            ("status", &status),
                        ],
                    );
                    self.say(&s);
                    for r in &pr.rejected {
                        if let Some(r) = &r.reason {
                            self.say(r);
                        }
                    }
                    if let Some(r) = &pr.reason {
                        self.say(r);
                    }
                    if matches!(pr.status, ProofStatus::Missing | ProofStatus::Insufficient) {
                        let s = self.t("why_accepted", &[("alts", &w.all_alternatives(pr))]);
                        self.say(&s);
                    }
                    let s = w.content.ui("source", &[("cite", &w.cite(&pr.citation))]);
                    self.say(&s);
                }
                Change::Deadline { id, concerns, .. } => {
                    let d = a
                        .deadlines
                        .iter()
                        .chain(b.deadlines.iter())
                        .find(|d| &d.id == id && &d.concerns == concerns);
                    let Some(d) = d else { continue };
                    let who = self.who(&a, concerns);
                    let source = w.content.ui("source", &[("cite", &w.cite(&d.citation))]);
                    let s = self.t(
                        "why_deadline",
                        &[
                            ("what", &deadline_words(w, id)),
                            ("who", &who),
                            ("source", &source),
                        ],
                    );
                    self.say(&s);
                }
            }
        }
    }

    fn who(&self, a: &Assessment, concerns: &str) -> String {
        if concerns == "household" {
            self.c.say("changes", "household", &[])
        } else {
            self.name(a, concerns)
        }
    }

    /// Programs, then missing proofs, then deadlines, as sentences.
    fn status(&mut self) {
        for s in status_text(self.words, &self.filled()) {
            self.say(&s);
        }
    }

    fn missing(&mut self, detail: bool) {
        let a = self.filled();
        if !detail {
            for s in missing_summary(self.words, &a) {
                self.say(&s);
            }
            return;
        }
        let w = self.words;
        let open: Vec<_> = a
            .proofs
            .iter()
            .filter(|p| matches!(p.status, ProofStatus::Missing | ProofStatus::Insufficient))
            .collect();
        if open.is_empty() {
            let s = self.t("missing_none", &[]);
            self.say(&s);
            return;
        }
        for p in open {
            let need = crate::report::capitalise(&w.need(&p.need));
            let status = w.proof_status(&p.status).to_lowercase();
            let person = self.name(&a, &p.person);
            let s = if p.status == ProofStatus::Insufficient {
                let reasons: Vec<String> =
                    p.rejected.iter().filter_map(|r| r.reason.clone()).collect();
                self.t(
                    "insufficient_detail",
                    &[
                        ("need", &need),
                        ("person", &person),
                        ("status", &status),
                        ("reasons", &reasons.join(" ")),
                    ],
                )
            } else {
                self.t(
                    "missing_detail",
                    &[
                        ("need", &need),
                        ("person", &person),
                        ("status", &status),
                        ("alts", &w.all_alternatives(p)),
                    ],
                )
            };
            self.say(&s);
        }
    }

    fn deadlines(&mut self) {
        for s in deadline_lines(self.words, &self.filled()) {
            self.say(&s);
        }
    }
}

/// What `status` says: each applying person's programs, then missing
/// proofs, then deadlines (of an assessment whose words are filled in).
pub fn status_text(w: &Words, a: &Assessment) -> Vec<String> {
    let c = w.content;
    let mut out = vec![c.say("plain", "status_heading", &[("date", &spoken(a.as_of))])];
    out.extend(w.stale_summary(&a.stale));
    let mut people: Vec<&str> = a.programs.iter().map(|p| &*p.person).collect();
    people.dedup();
    if people.is_empty() {
        out.push(c.say("plain", "status_no_people", &[]));
    }
    for who in people {
        out.push(status_line(w, a, who));
    }
    out.extend(missing_summary(w, a));
    out.extend(deadline_lines(w, a));
    out
}

/// One sentence per person with missing or insufficient proofs.
pub fn missing_summary(w: &Words, a: &Assessment) -> Vec<String> {
    let c = w.content;
    let open: Vec<_> = a
        .proofs
        .iter()
        .filter(|p| matches!(p.status, ProofStatus::Missing | ProofStatus::Insufficient))
        .collect();
    if open.is_empty() {
        return vec![c.say("plain", "missing_none", &[])];
    }
    let mut people: Vec<&str> = open.iter().map(|p| p.person.as_str()).collect();
    people.dedup();
    people
        .into_iter()
        .map(|who| {
            let needs: Vec<String> = open
                .iter()
                .filter(|p| p.person == who)
                .map(|p| w.need(&p.need))
                .collect();
            c.say(
                "plain",
                "missing_person",
                &[
                    ("person", &person_name(a, a, who)),
                    ("items", &join_and(&needs, &c.ui("and_sep", &[]))),
                ],
            )
        })
        .collect()
}

/// The deadlines, soonest first, with the days left.
pub fn deadline_lines(w: &Words, a: &Assessment) -> Vec<String> {
    let c = w.content;
    if a.deadlines.is_empty() {
        return vec![c.say("plain", "deadlines_none", &[])];
    }
    let mut ds: Vec<_> = a.deadlines.iter().collect();
    ds.sort_by_key(|d| (d.date.is_none(), d.date));
    let mut out = Vec::new();
    for d in ds {
        let what = format!("{}{}", deadline_words(w, &d.id), w.stale_mark(&d.stale));
        let who = if d.concerns == "household" {
            c.say("changes", "household", &[])
        } else {
            person_name(a, a, &d.concerns)
        };
        let args = |date: &str, days: &str| -> Vec<(String, String)> {
            vec![
                ("what".into(), what.clone()),
                ("who".into(), who.clone()),
                ("date".into(), date.to_string()),
                ("days".into(), days.to_string()),
            ]
        };
        let (key, args) = match (d.date, d.days_left) {
            (None, _) => ("deadline_no_date", args("", "")),
            (Some(date), Some(0)) => ("deadline_today", args(&spoken(date), "0")),
            (Some(date), Some(n)) if n < 0 => {
                ("deadline_overdue", args(&spoken(date), &(-n).to_string()))
            }
            (Some(date), n) => (
                "deadline_line",
                args(&spoken(date), &n.map(|x| x.to_string()).unwrap_or_default()),
            ),
        };
        let refs: Vec<(&str, &str)> = args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        out.push(c.say("plain", key, &refs));
    }
    out
}

/// Break a line between words into lines of at most `width` characters
/// (a word longer than that stands alone).
pub fn wrap_words(line: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for word in line.split(' ') {
        let n = cur.chars().count();
        if n > 0 && n + 1 + word.chars().count() > width {
            out.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
    }
    out.push(cur);
    out
}

enum SaveEnd {
    /// Input ended while asking for the file name.
    Input,
    Failed,
}

fn pr_status_words(w: &Words, a: &Assessment, person: &str, need: &str) -> String {
    a.proofs
        .iter()
        .find(|p| p.person == person && p.need == need)
        .map(|p| w.proof_status(&p.status).to_lowercase())
        .unwrap_or_else(|| w.content.ui("not_answered", &[]))
}

fn join_and(items: &[String], and: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{}{and}{last}", rest.join(", ")),
    }
}

/// One person's programs as sentences: likely, likely after a deductible,
/// possible, and how many are not eligible.
pub fn status_line(w: &Words, a: &Assessment, person: &str) -> String {
    let c = w.content;
    let progs: Vec<_> = a.programs_for(person).collect();
    let names = |s: Status| -> Vec<String> {
        progs
            .iter()
            .filter(|p| p.status == s)
            .map(|p| format!("{}{}", w.program(&p.program), w.stale_mark(&p.stale)))
            .collect()
    };
    let mut parts = Vec::new();
    let likely = names(Status::Likely);
    if !likely.is_empty() {
        parts.push(c.say("plain", "status_likely", &[("items", &likely.join(", "))]));
    }
    let mut amounts: Vec<String> = Vec::new();
    for p in progs
        .iter()
        .filter(|p| p.status == Status::LikelyAfterDeductible)
    {
        let amt = p.deductible.map(|m| m.to_string()).unwrap_or_default();
        if !amounts.contains(&amt) {
            amounts.push(amt);
        }
    }
    for amt in amounts {
        let items: Vec<String> = progs
            .iter()
            .filter(|p| {
                p.status == Status::LikelyAfterDeductible
                    && p.deductible.map(|m| m.to_string()).unwrap_or_default() == amt
            })
            .map(|p| w.program(&p.program))
            .collect();
        parts.push(c.say(
            "plain",
            "status_after_deductible",
            &[("amount", &amt), ("items", &items.join(", "))],
        ));
    }
    let possible = names(Status::Possible);
    if !possible.is_empty() {
        parts.push(c.say(
            "plain",
            "status_possible",
            &[("items", &possible.join(", "))],
        ));
    }
    let not = names(Status::NotEligible).len();
    if not > 0 {
        let key = if not == 1 {
            "status_not_eligible_one"
        } else {
            "status_not_eligible"
        };
        parts.push(c.say("plain", key, &[("n", &not.to_string())]));
    }
    c.say(
        "plain",
        "status_person",
        &[
            ("person", &person_name(a, a, person)),
            ("parts", &parts.join(" ")),
        ],
    )
}

/// Write the record as YAML through the one safe writer (owner-only, no
/// link followed, replaced by rename).
pub fn write_record(path: &Path, intake: &Intake) -> Result<(), String> {
    let text = serde_yaml::to_string(intake).map_err(|e| e.to_string())?;
    crate::safe::fs::write_file(path, text.as_bytes()).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_loses_escape_sequences() {
        assert_eq!(clean_input("Wal\u{1b}[Dter\u{1b}[A\r\n"), "Walter");
        assert_eq!(clean_input("a\u{7}b\u{1b}Oc"), "ab");
        assert_eq!(clean_output("x\u{1b}[31my\u{2500}z"), "xyz");
    }

    #[test]
    fn lines_break_between_words() {
        let s = "How many people should we go through today? Count the caller, and a husband or wife who lives with them even if not applying.";
        let lines = wrap_words(s, 79);
        assert_eq!(
            lines,
            vec![
                "How many people should we go through today? Count the caller, and a husband or",
                "wife who lives with them even if not applying."
            ]
        );
        assert!(lines.iter().all(|l| l.chars().count() <= 79));
        assert_eq!(wrap_words("short", 79), vec!["short"]);
        assert_eq!(
            wrap_words("a verylongword b", 5),
            vec!["a", "verylongword", "b"]
        );
    }

    #[test]
    fn lists_read_as_sentences() {
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(join_and(&v(&["a"]), " and "), "a");
        assert_eq!(join_and(&v(&["a", "b", "c"]), " and "), "a, b and c");
    }
}
