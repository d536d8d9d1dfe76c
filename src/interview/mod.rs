//! The interview core: which question comes next, show_if, parsing and
//! validating an answer, back, skip, jumps, progress. One piece used by
//! every front end (the plain mode now, the ratatui form next); no terminal
//! code here. The questions are content (content/<lang>/interview.yaml,
//! read by `script`); the fields they fill are the typed `binds`.
//!
//! Order: sections in turn. A section asked "for each person" goes through
//! all its questions for the first person, then the next; in other sections
//! a question asked "for each person" is asked of each in turn where it
//! stands. After an answer the interview moves to the next question that
//! applies and is not answered yet, so a record opened half-done (or a
//! question gone back to and corrected) continues where answers are
//! missing. When an answer makes an earlier-shown question stop applying,
//! that question's answer is removed from the record.

pub mod binds;
pub mod script;

use crate::dates::{Date, parse_date, spoken};
use crate::engine::{self, Assessment};
use crate::model::Intake;
use crate::money::{Money, parse_money};
use crate::rules::Pack;
use binds::{Item, ListKind, Refusal, Value};
use script::{AnswerType, Choice, Choices, Limit, Question};
pub use script::{Script, check};
use std::collections::HashSet;

/// The longest answer taken, in characters, by every front end: a name,
/// a sum of money or a date is far shorter. The form stops taking typed
/// or pasted characters here; the plain mode refuses a longer line.
pub const MAX_ANSWER_CHARS: usize = 200;

/// One place in the interview: a question, and the person it is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Slot {
    pub section: usize,
    pub question: usize,
    pub person: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pos {
    At(Slot),
    Done,
}

/// A list item being filled in (an income: kind, then amount).
#[derive(Debug, Clone)]
struct Draft {
    item: Item,
    field: usize,
    answered: Vec<bool>,
}

/// What a front end shows for the current question.
#[derive(Debug, Clone, PartialEq)]
pub struct Prompt {
    pub section: usize,
    pub section_id: String,
    pub section_title: String,
    pub sections: usize,
    /// Whom the question is about (a name, or "person 2" before one is given).
    pub person: Option<String>,
    pub person_index: Option<usize>,
    pub question_id: String,
    pub answer_type: AnswerType,
    pub text: String,
    pub help: Option<String>,
    pub choices: Vec<Choice>,
    /// The answer already given, in words.
    pub current: Option<String>,
    /// For a list question: the items so far, in words.
    pub list: Option<ListPrompt>,
    /// For a question about one item of a list.
    pub item: Option<ItemPrompt>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ListPrompt {
    pub item_name: String,
    pub items: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ItemPrompt {
    pub item_name: String,
    /// 1-based number of the item in its list.
    pub number: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SectionInfo {
    pub id: String,
    pub title: String,
    /// Some question of it applies now.
    pub applies: bool,
    pub current: bool,
}

pub struct Interview<'a> {
    script: &'a Script,
    pack: &'a Pack,
    as_of: Date,
    intake: Intake,
    assessment: Assessment,
    pos: Pos,
    draft: Option<Draft>,
    /// Answered (or answered "no more") in this interview.
    asked: HashSet<Slot>,
    /// People this interview added (their defaulted fields are not answers yet).
    fresh: Vec<bool>,
    /// The user went back (or jumped) to earlier questions: an answer then
    /// leads to the next question in order, answered or not, until an
    /// unanswered one is reached, so every question gone back over is seen
    /// again on the way forward.
    reviewing: bool,
    /// The label of the choice (or yes/no) the last accepted answer chose.
    chosen: Option<String>,
}

impl<'a> Interview<'a> {
    /// A new, empty interview.
    pub fn new(
        script: &'a Script,
        pack: &'a Pack,
        as_of: Date,
    ) -> crate::error::Result<Interview<'a>> {
        Self::from_intake(script, pack, Intake::default(), as_of)
    }

    /// An interview that starts from a record: questions it answers are not
    /// asked again (going back shows them with their answers).
    pub fn from_intake(
        script: &'a Script,
        pack: &'a Pack,
        mut intake: Intake,
        as_of: Date,
    ) -> crate::error::Result<Interview<'a>> {
        intake.as_of = Some(as_of);
        let assessment = engine::assess(pack, &intake, as_of)?;
        let fresh = vec![false; intake.people.len()];
        let mut iv = Interview {
            script,
            pack,
            as_of,
            intake,
            assessment,
            pos: Pos::Done,
            draft: None,
            asked: HashSet::new(),
            fresh,
            reviewing: false,
            chosen: None,
        };
        iv.pos = iv.open_after(None).map(Pos::At).unwrap_or(Pos::Done);
        Ok(iv)
    }

    pub fn intake(&self) -> &Intake {
        &self.intake
    }
    pub fn into_intake(self) -> Intake {
        self.intake
    }
    /// The assessment of the record as it stands.
    pub fn assessment(&self) -> &Assessment {
        &self.assessment
    }
    pub fn as_of(&self) -> Date {
        self.as_of
    }
    pub fn script(&self) -> &Script {
        self.script
    }
    pub fn is_done(&self) -> bool {
        self.pos == Pos::Done
    }
    pub fn slot(&self) -> Option<Slot> {
        match self.pos {
            Pos::At(s) => Some(s),
            Pos::Done => None,
        }
    }
    /// After `answer` accepted an answer to a choice or yes/no question (a
    /// list's yes/no, an item's choice among them), the label of what was
    /// chosen ("Immigration document", "Yes"); None after any other answer,
    /// a refused one, or Enter keeping an earlier answer. It holds until
    /// the next call of `answer` (skip and back leave it as it is).
    pub fn chosen(&self) -> Option<String> {
        self.chosen.clone()
    }
    /// Inside a list item (kind, amount...) rather than at a question.
    pub fn in_item(&self) -> bool {
        self.draft.is_some()
    }

    // --- order and visibility ---

    fn key(&self, s: &Slot) -> (usize, usize, usize) {
        let p = s.person.unwrap_or(0);
        if self.script.sections[s.section].for_each_person {
            (s.section, p, s.question)
        } else {
            (s.section, s.question, p)
        }
    }

    /// Every slot for the people of `intake`, in order.
    fn slots(&self, intake: &Intake) -> Vec<Slot> {
        let n = intake.people.len();
        let mut out = Vec::new();
        for (si, sec) in self.script.sections.iter().enumerate() {
            if sec.for_each_person {
                for p in 0..n {
                    for qi in 0..sec.questions.len() {
                        out.push(Slot {
                            section: si,
                            question: qi,
                            person: Some(p),
                        });
                    }
                }
            } else {
                for (qi, q) in sec.questions.iter().enumerate() {
                    if q.for_each_person {
                        for p in 0..n {
                            out.push(Slot {
                                section: si,
                                question: qi,
                                person: Some(p),
                            });
                        }
                    } else {
                        out.push(Slot {
                            section: si,
                            question: qi,
                            person: None,
                        });
                    }
                }
            }
        }
        out
    }

    fn question(&self, s: Slot) -> &'a Question {
        let script: &'a Script = self.script;
        script.question(s.section, s.question)
    }

    /// The answer of a question as show_if sees it.
    fn value_of(&self, intake: &Intake, q: &Question, person: Option<usize>) -> Option<Value> {
        match script::list_kind(q) {
            Some(k) => {
                let n = k.len(intake, person);
                (n > 0 || k.complete(intake, person)).then_some(Value::Number(n as u32))
            }
            None => q.bind.get(intake, person),
        }
    }

    fn values_for(&self, intake: &Intake, id: &str, person: Option<usize>) -> Vec<Option<Value>> {
        let Some((si, qi)) = self.script.locate(id) else {
            return Vec::new();
        };
        let q = self.script.question(si, qi);
        if self.script.per_person(id) {
            match person {
                Some(p) => vec![self.value_of(intake, q, Some(p))],
                None => (0..intake.people.len())
                    .map(|p| self.value_of(intake, q, Some(p)))
                    .collect(),
            }
        } else {
            vec![self.value_of(intake, q, None)]
        }
    }

    fn choices_in(&self, intake: &Intake, q: &Question, person: Option<usize>) -> Vec<Choice> {
        match &q.choices {
            Choices::Fixed(cs) => cs.clone(),
            Choices::People { others } => intake
                .people
                .iter()
                .enumerate()
                .filter(|(k, _)| !(*others && Some(*k) == person))
                .map(|(k, p)| Choice::new(p.id.clone(), self.person_name_in(intake, k)))
                .collect(),
        }
    }

    fn visible_in(&self, intake: &Intake, s: Slot) -> bool {
        if s.person.is_some_and(|p| p >= intake.people.len()) {
            return false;
        }
        let sec = &self.script.sections[s.section];
        let q = &sec.questions[s.question];
        if q.answer == AnswerType::Choice && self.choices_in(intake, q, s.person).is_empty() {
            return false;
        }
        let vals = |id: &str| self.values_for(intake, id, s.person);
        sec.show_if
            .as_ref()
            .is_none_or(|c| c.holds(&vals, self.as_of))
            && q.show_if
                .as_ref()
                .is_none_or(|c| c.holds(&vals, self.as_of))
    }

    fn answered_in(&self, intake: &Intake, s: Slot) -> bool {
        if self.asked.contains(&s) {
            return true;
        }
        let q = self.question(s);
        match script::list_kind(q) {
            Some(k) => k.complete(intake, s.person) || k.len(intake, s.person) > 0,
            None => {
                if q.bind.defaulted
                    && s.person
                        .is_some_and(|p| self.fresh.get(p).copied().unwrap_or(false))
                {
                    return false;
                }
                q.bind.get(intake, s.person).is_some()
            }
        }
    }

    /// The first slot after `after` (from the start if None) that applies
    /// and is not answered.
    fn open_after(&self, after: Option<Slot>) -> Option<Slot> {
        let k = after.map(|s| self.key(&s));
        self.slots(&self.intake).into_iter().find(|s| {
            k.is_none_or(|k| self.key(s) > k)
                && self.visible_in(&self.intake, *s)
                && !self.answered_in(&self.intake, *s)
        })
    }

    fn advance(&mut self) {
        let Pos::At(s) = self.pos else { return };
        if self.reviewing {
            let k = self.key(&s);
            let next = self.visible_slots().into_iter().find(|x| self.key(x) > k);
            match next {
                Some(n) => {
                    self.reviewing = self.answered_in(&self.intake, n);
                    self.pos = Pos::At(n);
                    return;
                }
                None => self.reviewing = false,
            }
        }
        self.pos = self.open_after(Some(s)).map(Pos::At).unwrap_or(Pos::Done);
    }

    fn visible_slots(&self) -> Vec<Slot> {
        self.slots(&self.intake)
            .into_iter()
            .filter(|s| self.visible_in(&self.intake, *s))
            .collect()
    }

    // --- words ---

    fn person_name_in(&self, intake: &Intake, p: usize) -> String {
        match intake.people.get(p).and_then(|x| x.name.clone()) {
            Some(n) => n,
            None => self.script.msg("person_n", &[("n", &(p + 1).to_string())]),
        }
    }

    /// A person's name, or "person 2" before one is given.
    pub fn person_name(&self, p: usize) -> String {
        self.person_name_in(&self.intake, p)
    }

    fn fill(&self, text: &str, person: Option<usize>, item: Option<(&str, usize)>) -> String {
        let mut s = text.replace("{state}", &self.pack.name);
        if let Some(p) = person {
            s = s
                .replace("{person}", &self.person_name(p))
                .replace("{number}", &(p + 1).to_string());
            let spouse = self.intake.people[p]
                .spouse
                .as_ref()
                .and_then(|id| self.intake.people.iter().position(|q| &q.id == id))
                .map(|k| self.person_name(k))
                .unwrap_or_else(|| self.script.msg("spouse_unnamed", &[]));
            s = s.replace("{spouse}", &spouse);
        }
        if let Some((name, n)) = item {
            s = s.replace("{item}", name).replace("{n}", &n.to_string());
        }
        s
    }

    /// An answer in words: a date spoken, money with cents, a choice's label.
    fn show(&self, q: &Question, v: &Value, person: Option<usize>) -> String {
        match v {
            Value::Bool(true) => self.script.yes_label.clone(),
            Value::Bool(false) => self.script.no_label.clone(),
            Value::Date(d) => spoken(*d),
            Value::Money(m) => m.to_string(),
            Value::Number(n) => n.to_string(),
            Value::Text(t) if q.answer == AnswerType::Choice => self
                .choices_in(&self.intake, q, person)
                .into_iter()
                .find(|c| &c.value == t)
                .map(|c| c.label)
                .unwrap_or_else(|| t.clone()),
            Value::Text(t) => t.clone(),
        }
    }

    fn describe(&self, q: &Question, it: &Item, person: Option<usize>) -> String {
        let mut s = q.describe.clone().unwrap_or_default();
        for iq in &q.item {
            let v = iq
                .bind
                .get_item(it)
                .map(|v| self.show(iq, &v, person))
                .unwrap_or_default();
            s = s.replace(&format!("{{{}}}", iq.id), &v);
        }
        s
    }

    fn refusal(&self, r: &Refusal) -> String {
        let args: Vec<(&str, &str)> = r.args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.script.msg(r.message, &args)
    }

    // --- the current question ---

    pub fn current(&self) -> Option<Prompt> {
        let Pos::At(s) = self.pos else { return None };
        let sec = &self.script.sections[s.section];
        let q = self.question(s);
        let base = |q: &Question, text: String, current: Option<String>| Prompt {
            section: s.section,
            section_id: sec.id.clone(),
            section_title: self.fill(&sec.title, s.person, None),
            sections: self.script.sections.len(),
            person: s.person.map(|p| self.person_name(p)),
            person_index: s.person,
            question_id: q.id.clone(),
            answer_type: q.answer,
            text,
            help: q.help.as_ref().map(|h| self.fill(h, s.person, None)),
            choices: self.choices_in(&self.intake, q, s.person),
            current,
            list: None,
            item: None,
        };
        if let Some(k) = script::list_kind(q) {
            let name = q.item_name.clone().unwrap_or_default();
            if let Some(d) = &self.draft {
                let iq = &q.item[d.field];
                let number = k.len(&self.intake, s.person) + 1;
                let current = d.answered[d.field]
                    .then(|| iq.bind.get_item(&d.item))
                    .flatten()
                    .map(|v| self.show(iq, &v, s.person));
                let mut p = base(
                    iq,
                    self.fill(&iq.text, s.person, Some((&name, number))),
                    current,
                );
                p.help = iq.help.as_ref().map(|h| self.fill(h, s.person, None));
                p.item = Some(ItemPrompt {
                    item_name: name,
                    number,
                });
                return Some(p);
            }
            let items: Vec<String> = k
                .items(&self.intake, s.person)
                .iter()
                .map(|it| self.describe(q, it, s.person))
                .collect();
            let text = match (&q.more, items.is_empty()) {
                (Some(m), false) => m,
                _ => &q.text,
            };
            let mut p = base(q, self.fill(text, s.person, None), None);
            p.list = Some(ListPrompt {
                item_name: name,
                items,
            });
            return Some(p);
        }
        let current = (self.answered_in(&self.intake, s) || !q.bind.defaulted)
            .then(|| q.bind.get(&self.intake, s.person))
            .flatten()
            .map(|v| self.show(q, &v, s.person));
        Some(base(q, self.fill(&q.text, s.person, None), current))
    }

    /// (n, m): the current question is the n-th of the m that apply now.
    pub fn progress(&self) -> (usize, usize) {
        let vis = self.visible_slots();
        let m = vis.len();
        let n = match self.pos {
            Pos::At(s) => {
                let k = self.key(&s);
                vis.iter().filter(|x| self.key(x) < k).count() + 1
            }
            Pos::Done => m,
        };
        (n.min(m.max(1)), m)
    }

    /// Questions that apply and have no answer (skipped ones).
    pub fn unanswered(&self) -> usize {
        self.visible_slots()
            .into_iter()
            .filter(|s| !self.answered_in(&self.intake, *s))
            .count()
    }

    pub fn sections(&self) -> Vec<SectionInfo> {
        let vis = self.visible_slots();
        let cur = self.slot().map(|s| s.section);
        self.script
            .sections
            .iter()
            .enumerate()
            .map(|(i, s)| SectionInfo {
                id: s.id.clone(),
                title: self.fill(&s.title, None, None),
                applies: vis.iter().any(|v| v.section == i),
                current: cur == Some(i),
            })
            .collect()
    }

    // --- answering ---

    fn yes_no(&self, t: &str) -> Option<bool> {
        let l = t.trim().to_lowercase();
        if self.script.yes_words.iter().any(|w| w.to_lowercase() == l) {
            Some(true)
        } else if self.script.no_words.iter().any(|w| w.to_lowercase() == l) {
            Some(false)
        } else {
            None
        }
    }

    fn choose(&self, choices: &[Choice], t: &str) -> Result<String, String> {
        let n = choices.len();
        let ns = n.to_string();
        if n == 0 {
            return Err(self.script.msg("no_choices", &[]));
        }
        if let Ok(k) = t.parse::<usize>() {
            return if (1..=n).contains(&k) {
                Ok(choices[k - 1].value.clone())
            } else {
                Err(self.script.msg("choice_number", &[("n", &ns)]))
            };
        }
        let l = t.to_lowercase();
        if let Some(c) = choices
            .iter()
            .find(|c| c.label.to_lowercase() == l || c.value.to_lowercase() == l)
        {
            return Ok(c.value.clone());
        }
        // Then by letters and digits only ("paystub" is "Pay stub"), a label
        // or an alias ("green card"): the rules check lets no alias be
        // another choice's name or alias, so this is never two.
        let norm = script::normalise;
        let want = norm(t);
        if let Some(c) = choices
            .iter()
            .find(|c| !want.is_empty() && c.names().any(|n| norm(n) == want))
        {
            return Ok(c.value.clone());
        }
        // Labels or aliases that start with what was typed, else a word of
        // one that does, else any containing it; letters and digits only
        // ("us passport" finds "U.S. passport"), and three at least, so
        // "no" is never taken for "Northern Mariana...".
        let words = |lab: &str| -> Vec<String> {
            lab.char_indices()
                .filter(|(i, c)| c.is_alphanumeric() && !lab[..*i].ends_with(char::is_alphanumeric))
                .map(|(i, _)| norm(&lab[i..]))
                .collect()
        };
        let tiers: [&dyn Fn(&str) -> bool; 3] = [
            &|lab: &str| norm(lab).starts_with(&want),
            &|lab: &str| words(lab).iter().any(|w| w.starts_with(&want)),
            &|lab: &str| norm(lab).contains(&want),
        ];
        let hits: Vec<(usize, &Choice)> = if want.chars().count() < 3 {
            Vec::new()
        } else {
            tiers
                .iter()
                .map(|t| {
                    choices
                        .iter()
                        .enumerate()
                        .filter(|(_, c)| c.names().any(t))
                        .collect::<Vec<_>>()
                })
                .find(|h| !h.is_empty())
                .unwrap_or_default()
        };
        let numbered = |(i, c): &(usize, &Choice)| format!("{}. {}", i + 1, c.label);
        match hits.len() {
            1 => Ok(hits[0].1.value.clone()),
            0 => {
                // The choices closest by name, numbered as in the full list.
                let names: Vec<Vec<&str>> = choices.iter().map(|c| c.names().collect()).collect();
                let near: Vec<String> = crate::suggest::closest_by_words(t, &names, 3)
                    .into_iter()
                    .map(|i| numbered(&(i, &choices[i])))
                    .collect();
                Err(if near.is_empty() {
                    self.script
                        .msg("choice_unknown", &[("input", t), ("n", &ns)])
                } else {
                    let or = self.script.msg("choice_or", &[]);
                    self.script.msg(
                        "choice_suggest",
                        &[("input", t), ("list", &near.join(&or)), ("n", &ns)],
                    )
                })
            }
            k => {
                let list: Vec<String> = hits.iter().map(numbered).collect();
                Err(self.script.msg(
                    "choice_many",
                    &[
                        ("input", t),
                        ("count", &k.to_string()),
                        ("list", &list.join("; ")),
                    ],
                ))
            }
        }
    }

    /// The label a choice or yes/no answer chose, for `chosen`.
    fn said(&self, q: &Question, v: &Value, person: Option<usize>) -> Option<String> {
        matches!(q.answer, AnswerType::Choice | AnswerType::YesNo).then(|| self.show(q, v, person))
    }

    fn limit_num(&self, l: &Option<Limit>) -> Option<rust_decimal::Decimal> {
        match l {
            Some(Limit::Num(n)) => Some(*n),
            _ => None,
        }
    }
    fn limit_date(&self, l: &Option<Limit>) -> Option<Date> {
        match l {
            Some(Limit::Date(d)) => Some(*d),
            Some(Limit::AsOf) => Some(self.as_of),
            _ => None,
        }
    }

    /// Read what was typed as an answer to `q`; a sentence if it cannot be.
    fn parse(&self, q: &Question, person: Option<usize>, t: &str) -> Result<Value, String> {
        let m = |k: &str, a: &[(&str, &str)]| self.script.msg(k, a);
        match q.answer {
            AnswerType::YesNo | AnswerType::List => self
                .yes_no(t)
                .map(Value::Bool)
                .ok_or_else(|| m("yes_no", &[])),
            AnswerType::Choice => self
                .choose(&self.choices_in(&self.intake, q, person), t)
                .map(Value::Text),
            AnswerType::Text => Ok(Value::Text(t.to_string())),
            AnswerType::Date => {
                let d = parse_date(t)?;
                if let Some(lo) = self.limit_date(&q.min)
                    && d < lo
                {
                    return Err(m("date_min", &[("date", &spoken(d)), ("min", &spoken(lo))]));
                }
                if let Some(hi) = self.limit_date(&q.max)
                    && d > hi
                {
                    return Err(m("date_max", &[("date", &spoken(d)), ("max", &spoken(hi))]));
                }
                // The same bounds as a record file (model::bounds).
                use crate::model::bounds::{MAX_AGE, YEARS, earliest, implausible_birth};
                if q.bind.name.ends_with(".birth_date")
                    && implausible_birth(d, self.as_of).is_some()
                {
                    return Err(m(
                        "birth_implausible",
                        &[
                            ("date", &spoken(d)),
                            ("min", &spoken(earliest())),
                            ("years", &MAX_AGE.to_string()),
                        ],
                    ));
                }
                if crate::model::bounds::implausible_year(d) {
                    return Err(m(
                        "date_years",
                        &[
                            ("date", &spoken(d)),
                            ("from", &YEARS.start().to_string()),
                            ("to", &YEARS.end().to_string()),
                        ],
                    ));
                }
                Ok(Value::Date(d))
            }
            AnswerType::Money => {
                let d = parse_money(t)?;
                if let Some(lo) = self.limit_num(&q.min)
                    && d < lo
                {
                    return Err(m("money_min", &[("min", &Money(lo).to_string())]));
                }
                if let Some(hi) = self.limit_num(&q.max)
                    && d > hi
                {
                    return Err(m("money_max", &[("max", &Money(hi).to_string())]));
                }
                Ok(Value::Money(Money(d)))
            }
            AnswerType::Number => {
                let n: u32 = t
                    .trim()
                    .parse()
                    .map_err(|_| m("not_a_number", &[("input", t)]))?;
                let d = rust_decimal::Decimal::from(n);
                let (lo, hi) = (self.limit_num(&q.min), self.limit_num(&q.max));
                let out = lo.is_some_and(|lo| d < lo) || hi.is_some_and(|hi| d > hi);
                if out {
                    let (ls, hs) = (
                        lo.map(|x| x.normalize().to_string()).unwrap_or_default(),
                        hi.map(|x| x.normalize().to_string()).unwrap_or_default(),
                    );
                    return Err(match (lo, hi) {
                        (Some(_), Some(_)) => m("number_range", &[("min", &ls), ("max", &hs)]),
                        (Some(_), None) => m("number_min", &[("min", &ls)]),
                        _ => m("number_max", &[("max", &hs)]),
                    });
                }
                Ok(Value::Number(n))
            }
        }
    }

    /// Apply a change to a copy of the record, remove answers to questions
    /// that stopped applying, and keep it only if the engine can assess it.
    fn change(&mut self, f: impl FnOnce(&mut Intake) -> Result<(), Refusal>) -> Result<(), String> {
        let mut next = self.intake.clone();
        f(&mut next).map_err(|r| self.refusal(&r))?;
        let before = self.visible_slots();
        let mut cleared = Vec::new();
        for _ in 0..8 {
            let mut any = false;
            for s in &before {
                if cleared.contains(s) || s.person.is_some_and(|p| p >= next.people.len()) {
                    continue;
                }
                if !self.visible_in(&next, *s) {
                    let q = self.question(*s);
                    let _ = q.bind.set(&mut next, s.person, None);
                    if let Some(k) = script::list_kind(q) {
                        let _ = k.clear(&mut next, s.person);
                    }
                    cleared.push(*s);
                    any = true;
                }
            }
            if !any {
                break;
            }
        }
        let a = engine::assess(self.pack, &next, self.as_of)
            .map_err(|p| self.script.msg("cannot_use", &[("problem", &p.message)]))?;
        for s in cleared {
            self.asked.remove(&s);
        }
        self.intake = next;
        self.assessment = a;
        let n = self.intake.people.len();
        self.fresh.resize(n, true);
        Ok(())
    }

    /// Answer the current question. Invalid input is never applied; the
    /// error is a sentence saying what was wrong. An empty answer keeps an
    /// answer already given.
    pub fn answer(&mut self, input: &str) -> Result<(), String> {
        self.chosen = None;
        let Pos::At(slot) = self.pos else {
            return Err(self.script.msg("finished", &[]));
        };
        let t = input.trim();
        if t.chars().count() > MAX_ANSWER_CHARS {
            let n = MAX_ANSWER_CHARS.to_string();
            return Err(self.script.msg("too_long", &[("n", &n)]));
        }
        if self.draft.is_some() {
            return self.answer_item(slot, t);
        }
        let q = self.question(slot);
        if t.is_empty() {
            if self.answered_in(&self.intake, slot) {
                self.asked.insert(slot);
                self.advance();
                return Ok(());
            }
            return Err(self.script.msg("empty", &[]));
        }
        if script::list_kind(q).is_some() {
            return self.answer_list(slot, t);
        }
        let v = self.parse(q, slot.person, t)?;
        let said = self.said(q, &v, slot.person);
        let bind = q.bind;
        self.change(|i| bind.set(i, slot.person, Some(v)))?;
        self.chosen = said;
        self.asked.insert(slot);
        self.advance();
        Ok(())
    }

    fn answer_list(&mut self, slot: Slot, t: &str) -> Result<(), String> {
        let q = self.question(slot);
        let k = script::list_kind(q).expect("a list question");
        let rw = self.script.remove_word.to_lowercase();
        let lower = t.to_lowercase();
        if let Some(rest) = lower.strip_prefix(&rw) {
            let n = rest.trim().parse::<usize>().unwrap_or(0);
            return self.remove_item(n);
        }
        match self.yes_no(t) {
            Some(true) => {
                let mut d = Draft {
                    item: k.new_item(),
                    field: 0,
                    answered: vec![false; q.item.len()],
                };
                match self.next_field(slot, &d, None) {
                    Some(f) => {
                        d.field = f;
                        self.draft = Some(d);
                        self.chosen = Some(self.script.yes_label.clone());
                        Ok(())
                    }
                    None => Err(self.script.msg("no_choices", &[])),
                }
            }
            Some(false) => {
                self.change(|i| k.set_complete(i, slot.person, Some(true)))?;
                self.chosen = Some(self.script.no_label.clone());
                self.asked.insert(slot);
                self.advance();
                Ok(())
            }
            None => Err(self.script.msg("yes_no", &[])),
        }
    }

    /// Remove item `n` (1-based) of the list being asked about.
    pub fn remove_item(&mut self, n: usize) -> Result<(), String> {
        let Pos::At(slot) = self.pos else {
            return Err(self.script.msg("finished", &[]));
        };
        let q = self.question(slot);
        let Some(k) = script::list_kind(q) else {
            return Err(self.script.msg("wrong_type", &[]));
        };
        let len = k.len(&self.intake, slot.person);
        if n == 0 || n > len {
            return Err(self.script.msg(
                "no_such_item",
                &[
                    ("item", q.item_name.as_deref().unwrap_or("")),
                    ("n", &n.to_string()),
                    ("count", &len.to_string()),
                ],
            ));
        }
        self.draft = None;
        self.change(|i| k.remove(i, slot.person, n - 1))
    }

    fn field_visible(&self, slot: Slot, d: &Draft, f: usize) -> bool {
        let q = self.question(slot);
        let iq = &q.item[f];
        if iq.answer == AnswerType::Choice
            && self.choices_in(&self.intake, iq, slot.person).is_empty()
        {
            return false;
        }
        let vals = |id: &str| -> Vec<Option<Value>> {
            match q.item.iter().position(|x| x.id == id) {
                Some(j) => vec![
                    d.answered[j]
                        .then(|| q.item[j].bind.get_item(&d.item))
                        .flatten(),
                ],
                None => self.values_for(&self.intake, id, slot.person),
            }
        };
        iq.show_if
            .as_ref()
            .is_none_or(|c| c.holds(&vals, self.as_of))
    }

    fn next_field(&self, slot: Slot, d: &Draft, after: Option<usize>) -> Option<usize> {
        let n = self.question(slot).item.len();
        let start = after.map(|a| a + 1).unwrap_or(0);
        (start..n).find(|f| self.field_visible(slot, d, *f))
    }

    fn answer_item(&mut self, slot: Slot, t: &str) -> Result<(), String> {
        let q = self.question(slot);
        let mut d = self.draft.clone().expect("a draft");
        let iq = &q.item[d.field];
        if t.is_empty() {
            if d.answered[d.field] {
                return self.next_in_item(slot, d);
            }
            return Err(self.script.msg("empty", &[]));
        }
        let v = self.parse(iq, slot.person, t)?;
        let said = self.said(iq, &v, slot.person);
        iq.bind.set_item(&mut d.item, Some(v));
        d.answered[d.field] = true;
        // Fields that stopped applying lose their answers.
        for f in 0..q.item.len() {
            if d.answered[f] && !self.field_visible(slot, &d, f) {
                q.item[f].bind.set_item(&mut d.item, None);
                d.answered[f] = false;
            }
        }
        self.next_in_item(slot, d).map(|()| self.chosen = said)
    }

    fn next_in_item(&mut self, slot: Slot, mut d: Draft) -> Result<(), String> {
        match self.next_field(slot, &d, Some(d.field)) {
            Some(f) => {
                d.field = f;
                self.draft = Some(d);
                Ok(())
            }
            None => {
                let q = self.question(slot);
                let k = script::list_kind(q).expect("a list question");
                let item = d.item.clone();
                self.draft = Some(d);
                self.change(|i| k.push(i, slot.person, item))?;
                self.draft = None;
                Ok(())
            }
        }
    }

    /// Leave the current question unanswered and go on. An item of a list
    /// cannot be added without its required answers.
    pub fn skip(&mut self) -> Result<(), String> {
        let Pos::At(slot) = self.pos else {
            return Err(self.script.msg("finished", &[]));
        };
        if let Some(d) = self.draft.clone() {
            let q = self.question(slot);
            if q.item[d.field].bind.required {
                return Err(self.script.msg(
                    "item_required",
                    &[("item", q.item_name.as_deref().unwrap_or(""))],
                ));
            }
            return self.next_in_item(slot, d);
        }
        self.advance();
        Ok(())
    }

    /// Go to the previous question that applies (answered or not). Inside a
    /// list item: the item's previous question, or out of the item (which
    /// is then not added).
    pub fn back(&mut self) -> Result<(), String> {
        if let (Some(mut d), Pos::At(slot)) = (self.draft.clone(), self.pos) {
            let prev = (0..d.field)
                .rev()
                .find(|f| self.field_visible(slot, &d, *f));
            match prev {
                Some(f) => {
                    d.field = f;
                    self.draft = Some(d);
                }
                None => self.draft = None,
            }
            return Ok(());
        }
        let k = self.slot().map(|s| self.key(&s));
        let prev = self
            .visible_slots()
            .into_iter()
            .rfind(|s| k.is_none_or(|k| self.key(s) < k));
        match prev {
            Some(s) => {
                self.pos = Pos::At(s);
                self.reviewing = true;
                Ok(())
            }
            None => Err(self.script.msg("first_question", &[])),
        }
    }

    /// Go to the next question that applies, answered or not (a form's Tab).
    pub fn forward(&mut self) {
        if self.draft.is_some() {
            return;
        }
        if let Pos::At(s) = self.pos {
            let k = self.key(&s);
            self.pos = self
                .visible_slots()
                .into_iter()
                .find(|x| self.key(x) > k)
                .map(Pos::At)
                .unwrap_or(Pos::Done);
            self.reviewing = matches!(self.pos, Pos::At(n) if self.answered_in(&self.intake, n));
        }
    }

    /// Jump to the first question of a section that applies (for the same
    /// person when the section is asked of each person).
    pub fn goto_section(&mut self, id: &str) -> Result<(), String> {
        let Some(si) = self.script.sections.iter().position(|s| s.id == id) else {
            return Err(self.script.msg("unknown_section", &[("section", id)]));
        };
        let person = self.slot().and_then(|s| s.person);
        let cands: Vec<Slot> = self
            .visible_slots()
            .into_iter()
            .filter(|s| s.section == si)
            .collect();
        let each = self.script.sections[si].for_each_person;
        let pick = cands
            .iter()
            .find(|s| each && person.is_some() && s.person == person)
            .or(cands.first())
            .copied();
        match pick {
            Some(s) => {
                self.draft = None;
                self.pos = Pos::At(s);
                self.reviewing = true;
                Ok(())
            }
            None => Err(self.script.msg(
                "nothing_in_section",
                &[("section", &self.script.sections[si].title)],
            )),
        }
    }
}

/// The list kind of the question at a slot, for front ends.
pub fn list_kind_at(iv: &Interview, s: Slot) -> Option<ListKind> {
    script::list_kind(iv.question(s))
}

#[cfg(test)]
mod tests;
