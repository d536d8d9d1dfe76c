//! content/<lang>/interview.yaml, read and checked: sections of questions,
//! each with its text, help, answer type, choices, limits, show_if
//! condition and bind. Loading checks everything a front end would trip
//! over later (an unknown bind, a show_if naming an unknown or later
//! question, a choice without a label, a bind of the wrong type or scope)
//! and reports each as `file:line: sentence`.

use super::binds::{self, Bind, Kind, ListKind, PackList, Scope, Value};
use crate::content::Content;
use crate::dates::{Date, age_on};
use crate::error::Problem;
use crate::rules::{Pack, parse_yaml};
use crate::suggest::unknown;
use crate::yamlpos::line_of;
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_yaml::Value as Y;
use std::collections::{BTreeMap, HashMap};

/// Message ids the interview core uses; each needs words under
/// `messages:` in interview.yaml.
pub const MESSAGES: &[&str] = &[
    "wrong_pack",
    "empty",
    "too_long",
    "yes_no",
    "not_a_number",
    "number_range",
    "number_min",
    "number_max",
    "money_min",
    "money_max",
    "date_min",
    "date_max",
    "date_years",
    "birth_implausible",
    "choice_number",
    "choice_unknown",
    "choice_suggest",
    "choice_or",
    "choice_many",
    "no_choices",
    "household_smaller",
    "status_first",
    "spouse_self",
    "no_person",
    "no_such_item",
    "wrong_type",
    "item_required",
    "cannot_use",
    "first_question",
    "finished",
    "nothing_in_section",
    "unknown_section",
    "person_n",
    "spouse_unnamed",
];

/// Placeholders a question's text may use.
const PLACEHOLDERS: &[&str] = &["person", "number", "state", "spouse", "item", "n"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerType {
    YesNo,
    Choice,
    Date,
    Money,
    Number,
    Text,
    List,
}

impl AnswerType {
    const NAMES: [(&'static str, AnswerType); 7] = [
        ("yes_no", AnswerType::YesNo),
        ("choice", AnswerType::Choice),
        ("date", AnswerType::Date),
        ("money", AnswerType::Money),
        ("number", AnswerType::Number),
        ("text", AnswerType::Text),
        ("list", AnswerType::List),
    ];
    fn from_name(s: &str) -> Option<AnswerType> {
        Self::NAMES.iter().find(|(n, _)| *n == s).map(|(_, t)| *t)
    }
    /// Can an answer of this type fill a bind of this kind?
    fn fits(self, k: Kind) -> bool {
        matches!(
            (self, k),
            (AnswerType::YesNo, Kind::Bool)
                | (
                    AnswerType::Choice,
                    Kind::Choice(_) | Kind::Pack(_) | Kind::Person | Kind::Text
                )
                | (AnswerType::Date, Kind::Date)
                | (AnswerType::Money, Kind::Money)
                | (AnswerType::Number, Kind::Number)
                | (AnswerType::Text, Kind::Text)
                | (AnswerType::List, Kind::List(_))
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub value: String,
    pub label: String,
    /// Everyday words for it ("green card", "light bill"), from the
    /// `aliases:` of its entry in content; a caller's words choose it as
    /// its label does.
    pub aliases: Vec<String>,
}

impl Choice {
    pub fn new(value: impl Into<String>, label: impl Into<String>) -> Choice {
        Choice {
            value: value.into(),
            label: label.into(),
            aliases: Vec::new(),
        }
    }

    /// The label, then the aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.label.as_str()).chain(self.aliases.iter().map(String::as_str))
    }

    /// Does a filter typed over a list keep this choice: its label or one
    /// of its aliases contains it, in any case.
    pub fn matches_filter(&self, filter: &str) -> bool {
        let f = filter.to_lowercase();
        self.names().any(|n| n.to_lowercase().contains(&f))
    }
}

/// A name with letters and digits only, in lower case: how answers are
/// compared with labels and aliases ("paystub" is "Pay stub", "w2" is
/// "W-2").
pub fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[derive(Debug, Clone, PartialEq)]
pub enum Choices {
    /// Written in interview.yaml, or a pack list with labels from content.
    Fixed(Vec<Choice>),
    /// The people of the household (`others`: all but the one asked about).
    People { others: bool },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Limit {
    Num(Decimal),
    Date(Date),
    /// The interview's as-of date.
    AsOf,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Test {
    OneOf(Vec<String>),
    NoneOf(Vec<String>),
    Min(Decimal),
    Max(Decimal),
    Before(Date),
    After(Date),
    AgeBelow(i64),
    AgeAtLeast(i64),
    Answered(bool),
}

/// A show_if condition on earlier answers.
#[derive(Debug, Clone, PartialEq)]
pub enum Cond {
    All(Vec<Cond>),
    Any(Vec<Cond>),
    Not(Box<Cond>),
    Test { question: String, test: Test },
}

impl Cond {
    /// `values(id)`: the answers of question `id` that apply here (one for
    /// the same person or the household; every person's when a household
    /// question asks about a person question: then any one will do).
    pub fn holds(&self, values: &dyn Fn(&str) -> Vec<Option<Value>>, as_of: Date) -> bool {
        match self {
            Cond::All(cs) => cs.iter().all(|c| c.holds(values, as_of)),
            Cond::Any(cs) => cs.iter().any(|c| c.holds(values, as_of)),
            Cond::Not(c) => !c.holds(values, as_of),
            Cond::Test { question, test } => {
                let vs = values(question);
                match test {
                    Test::Answered(want) => vs.iter().any(|v| v.is_some() == *want),
                    _ => vs.iter().flatten().any(|v| test.holds(v, as_of)),
                }
            }
        }
    }
}

impl Test {
    fn holds(&self, v: &Value, as_of: Date) -> bool {
        let date = || match v {
            Value::Date(d) => Some(*d),
            _ => None,
        };
        match self {
            Test::OneOf(xs) => xs.contains(&v.canonical()),
            Test::NoneOf(xs) => !xs.contains(&v.canonical()),
            Test::Min(n) => v.number().is_some_and(|x| x >= *n),
            Test::Max(n) => v.number().is_some_and(|x| x <= *n),
            Test::Before(d) => date().is_some_and(|x| x < *d),
            Test::After(d) => date().is_some_and(|x| x > *d),
            Test::AgeBelow(n) => date().is_some_and(|b| age_on(b, as_of) < *n),
            Test::AgeAtLeast(n) => date().is_some_and(|b| age_on(b, as_of) >= *n),
            Test::Answered(_) => true,
        }
    }
}

#[derive(Clone)]
pub struct Question {
    pub id: String,
    pub text: String,
    pub help: Option<String>,
    pub answer: AnswerType,
    pub bind: &'static Bind,
    pub choices: Choices,
    pub min: Option<Limit>,
    pub max: Option<Limit>,
    pub show_if: Option<Cond>,
    /// Asked once for each person, in a section that is not per person.
    pub for_each_person: bool,
    /// A list: the question asked once it has items ("Any other income?").
    pub more: Option<String>,
    /// A list: how an item is read back, with item question ids as
    /// placeholders ("{kind}, {monthly} a month").
    pub describe: Option<String>,
    /// A list: what one item is called ("income").
    pub item_name: Option<String>,
    /// A list: the questions asked for each item.
    pub item: Vec<Question>,
}

pub struct Section {
    pub id: String,
    pub title: String,
    pub help: Option<String>,
    /// Every question is asked for each person in turn.
    pub for_each_person: bool,
    pub show_if: Option<Cond>,
    pub questions: Vec<Question>,
}

pub struct Script {
    pub file: String,
    pub sections: Vec<Section>,
    messages: BTreeMap<String, String>,
    pub yes_words: Vec<String>,
    pub no_words: Vec<String>,
    pub remove_word: String,
    pub yes_label: String,
    pub no_label: String,
    /// Question id -> (section, question).
    index: HashMap<String, (usize, usize)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScript {
    /// The rule packs (ids) the questions are written for.
    packs: Vec<String>,
    answers: RawAnswers,
    messages: BTreeMap<String, String>,
    sections: Vec<RawSection>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnswers {
    #[serde(rename = "yes")]
    yes_words: Vec<String>,
    #[serde(rename = "no")]
    no_words: Vec<String>,
    yes_label: String,
    no_label: String,
    remove: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    id: String,
    title: String,
    #[serde(default)]
    help: Option<String>,
    #[serde(default)]
    for_each: Option<String>,
    #[serde(default)]
    show_if: Option<Y>,
    questions: Vec<RawQuestion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: String,
    text: String,
    #[serde(default)]
    help: Option<String>,
    #[serde(rename = "type")]
    answer: String,
    binds: String,
    #[serde(default)]
    choices: Option<Vec<RawChoice>>,
    #[serde(default)]
    choices_from: Option<String>,
    #[serde(default)]
    min: Option<Y>,
    #[serde(default)]
    max: Option<Y>,
    #[serde(default)]
    show_if: Option<Y>,
    #[serde(default)]
    for_each: Option<String>,
    #[serde(default)]
    more: Option<String>,
    #[serde(default)]
    describe: Option<String>,
    #[serde(default)]
    item_name: Option<String>,
    #[serde(default)]
    item: Vec<RawQuestion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChoice {
    value: Y,
    #[serde(default)]
    label: Option<String>,
}

/// The scalar forms a condition or a choice value may take, as compared.
fn scalar(v: &Y) -> Option<String> {
    match v {
        Y::Bool(b) => Some(b.to_string()),
        Y::Number(n) => Some(n.to_string()),
        Y::String(s) => Some(s.clone()),
        _ => None,
    }
}

/// What a show_if may say about one question, by the question's type.
struct Known {
    answer: AnswerType,
    values: Option<Vec<String>>,
    order: usize,
}

struct Builder<'a> {
    file: String,
    text: String,
    pack: &'a Pack,
    content: &'a Content,
    problems: Vec<Problem>,
    /// Every top-level question id in the file, in order.
    all_ids: Vec<String>,
    /// Questions already reported as broken (not reported again via show_if).
    broken: Vec<String>,
}

impl Builder<'_> {
    /// The numbers a record may hold are fixed in model::bounds; a
    /// question filling one must allow the same range, so the interview
    /// never takes what `intake check` would refuse (nor refuses what it
    /// takes).
    fn within_bounds(
        &mut self,
        bind: &Bind,
        id: &str,
        min: &Option<Limit>,
        max: &Option<Limit>,
        path: &str,
    ) {
        use crate::model::bounds::{HOUSEHOLD_SIZE, MAX_PEOPLE};
        let num = |l: &Option<Limit>| match l {
            Some(Limit::Num(n)) => Some(*n),
            _ => None,
        };
        let (lo, hi) = (num(min), num(max));
        match bind.name {
            "household.size" => {
                let want = (
                    Decimal::from(*HOUSEHOLD_SIZE.start()),
                    Decimal::from(*HOUSEHOLD_SIZE.end()),
                );
                if (lo, hi) != (Some(want.0), Some(want.1)) {
                    self.problem(
                        path,
                        format!(
                            "question '{id}' must have min: {} and max: {}, the household sizes a record may hold",
                            want.0, want.1
                        ),
                    );
                }
            }
            "household.people" if hi.is_none_or(|h| h > Decimal::from(MAX_PEOPLE)) => {
                self.problem(
                    path,
                    format!(
                        "question '{id}' needs a max of at most {MAX_PEOPLE}, the people a record may list"
                    ),
                );
            }
            _ => {}
        }
    }

    fn problem(&mut self, path: &str, msg: String) {
        // The line of the path, else of the nearest enclosing key (inside a
        // flow mapping such as `show_if: {a: b}` only the key's line is known).
        let mut p = path;
        let mut line = line_of(&self.text, p);
        while line.is_none() {
            match p.rfind(['.', '[']) {
                Some(i) => {
                    p = &p[..i];
                    line = line_of(&self.text, p);
                }
                None => break,
            }
        }
        self.problems
            .push(Problem::at(self.file.clone(), line, msg));
    }

    /// The ids of a pack list.
    fn pack_ids(&self, list: PackList) -> Vec<String> {
        match list {
            PackList::IncomeKinds => self.pack.income_kinds.keys().cloned().collect(),
            PackList::AssetKinds => self.pack.asset_kinds.keys().cloned().collect(),
            PackList::ImmigrationStatuses => {
                self.pack.immigration.statuses.keys().cloned().collect()
            }
            PackList::Documents => self
                .pack
                .proofs
                .as_ref()
                .map(|p| p.documents.keys().cloned().collect())
                .unwrap_or_default(),
            PackList::Places => {
                let mut v: Vec<String> = self
                    .pack
                    .proofs
                    .as_ref()
                    .map(|p| {
                        p.documents
                            .values()
                            .filter_map(|d| d.places.as_ref())
                            .flat_map(|m| m.keys().cloned())
                            .collect()
                    })
                    .unwrap_or_default();
                v.sort();
                v.dedup();
                v
            }
        }
    }

    /// The ids of a pack list, in the order content lists their labels,
    /// with their aliases.
    fn pack_choices(&mut self, list: PackList, path: &str) -> Vec<Choice> {
        let ids = self.pack_ids(list);
        let section = list.name();
        let mut out = Vec::new();
        if let Some(m) = self.content.section(section) {
            for (k, _) in m {
                if let Some(k) = k.as_str()
                    && ids.iter().any(|i| i == k)
                {
                    out.push(Choice {
                        value: k.to_string(),
                        label: self.content.name(section, k).to_string(),
                        aliases: aliases_of(self.content, section, k),
                    });
                }
            }
        }
        for id in &ids {
            if !out.iter().any(|c| &c.value == id) {
                self.problem(
                    path,
                    format!(
                        "'{id}' has no label in content ({}: {id})",
                        self.content.file_for(section)
                    ),
                );
            }
        }
        out
    }

    /// The `aliases:` of every pack list's entries in content: each entry
    /// with aliases is in the pack's list, and each alias is a word (a
    /// number chooses by place in the list, so it could never choose by
    /// alias) naming one choice only: no other entry's alias, name or id.
    fn check_aliases(&mut self) {
        for list in PackList::ALL {
            let section = list.name();
            let Some(m) = self.content.section(section) else {
                continue;
            };
            let file = self.content.file_for(section);
            let text = self.content.text_of(section).unwrap_or("");
            let ids = self.pack_ids(list);
            let mut problems = Vec::new();
            // At the entry's aliases (or the entry, when it is the entry
            // that is wrong).
            let mut say = |id: &str, msg: String| {
                let path = if ids.iter().any(|i| i == id) {
                    format!("{id}.aliases")
                } else {
                    id.to_string()
                };
                let line = line_of(text, &path).or_else(|| line_of(text, id));
                problems.push(Problem::at(&file, line, msg));
            };
            // (alias normalised, alias, entry) for every alias.
            let mut seen: Vec<(String, String, String)> = Vec::new();
            for (k, v) in m {
                let Some(id) = k.as_str() else { continue };
                let Some(raw) = v.as_mapping().and_then(|e| e.get("aliases")) else {
                    continue;
                };
                let Some(items) = raw.as_sequence() else {
                    say(
                        id,
                        format!(
                            "the aliases of '{id}' must be a list, such as [green card, I-551]"
                        ),
                    );
                    continue;
                };
                if !ids.iter().any(|i| i == id) {
                    let near = crate::suggest::closest(id, ids.iter().map(String::as_str));
                    let hint = if near.is_empty() {
                        String::new()
                    } else {
                        format!("; the closest known are: {}", near.join(", "))
                    };
                    say(
                        id,
                        format!(
                            "aliases are given to '{id}', which is not one of the pack's {section}{hint}"
                        ),
                    );
                    continue;
                }
                for a in items {
                    let Some(a) = scalar(a) else {
                        say(
                            id,
                            format!("an alias of '{id}' must be words, not a list or mapping"),
                        );
                        continue;
                    };
                    let n = normalise(&a);
                    if n.is_empty() {
                        say(id, format!("'{id}' has an alias with no letters or digits"));
                    } else if n.chars().all(|c| c.is_ascii_digit()) {
                        say(
                            id,
                            format!(
                                "alias '{a}' of '{id}' is a number, but a number chooses by its place in the list; add words to it"
                            ),
                        );
                    } else if let Some((_, b, other)) =
                        seen.iter().find(|(x, _, o)| *x == n && o != id)
                    {
                        say(
                            id,
                            format!(
                                "alias '{a}' of '{id}' is also alias '{b}' of '{other}'; an alias must name one choice"
                            ),
                        );
                    } else {
                        seen.push((n, a, id.to_string()));
                    }
                }
            }
            // Each entry's name and id, normalised once (not once per alias).
            let names: Vec<(&String, String, String)> = ids
                .iter()
                .map(|o| (o, normalise(self.content.name(section, o)), normalise(o)))
                .collect();
            for (n, a, id) in &seen {
                let other = names
                    .iter()
                    .find(|(o, name, idn)| *o != id && (name == n || idn == n))
                    .map(|(o, _, _)| *o);
                if let Some(o) = other {
                    say(
                        id,
                        format!(
                            "alias '{a}' of '{id}' is the name of '{o}' ({}); an alias must name one choice",
                            self.content.name(section, o)
                        ),
                    );
                }
            }
            self.problems.extend(problems);
        }
    }

    fn limit(&mut self, v: &Option<Y>, answer: AnswerType, path: &str) -> Option<Limit> {
        let v = v.as_ref()?;
        match (answer, v) {
            (AnswerType::Number | AnswerType::Money, Y::Number(n)) => {
                match n.to_string().parse::<Decimal>() {
                    Ok(d) => Some(Limit::Num(d)),
                    Err(_) => {
                        self.problem(path, format!("'{n}' is not a number"));
                        None
                    }
                }
            }
            (AnswerType::Date, Y::String(s)) if s == "as_of" => Some(Limit::AsOf),
            (AnswerType::Date, Y::String(s)) => match s.parse::<Date>() {
                Ok(d) => Some(Limit::Date(d)),
                Err(_) => {
                    self.problem(
                        path,
                        format!("'{s}' is not a date; use 2016-06-01 or as_of"),
                    );
                    None
                }
            },
            _ => {
                self.problem(
                    path,
                    "a limit fits only number, money (a number) and date (a date or as_of) questions"
                        .into(),
                );
                None
            }
        }
    }

    fn placeholders(&mut self, s: &str, extra: &[String], path: &str) {
        let mut rest = s;
        while let Some(a) = rest.find('{') {
            let Some(b) = rest[a..].find('}') else { break };
            let name = &rest[a + 1..a + b];
            if !PLACEHOLDERS.contains(&name) && !extra.iter().any(|e| e == name) {
                let known: Vec<&str> = PLACEHOLDERS
                    .iter()
                    .copied()
                    .chain(extra.iter().map(String::as_str))
                    .collect();
                self.problem(
                    path,
                    format!(
                        "the text uses {}",
                        unknown("placeholder", name, known.iter().copied())
                    ),
                );
            }
            rest = &rest[a + b + 1..];
        }
    }

    fn cond(
        &mut self,
        v: &Y,
        path: &str,
        known: &dyn Fn(&str) -> Option<Known>,
        here: usize,
    ) -> Option<Cond> {
        let m = match v {
            Y::Mapping(m) => m,
            _ => {
                self.problem(
                    path,
                    "show_if must be a mapping from question ids to the answers that show this (or all/any/not)".into(),
                );
                return None;
            }
        };
        let mut all = Vec::new();
        for (k, val) in m {
            let Some(k) = k.as_str() else {
                self.problem(path, "a show_if key must be a question id".into());
                continue;
            };
            let p = format!("{path}.{k}");
            match k {
                "all" | "any" => {
                    let Some(items) = val.as_sequence() else {
                        self.problem(&p, format!("'{k}' takes a list of conditions"));
                        continue;
                    };
                    let cs: Vec<Cond> = items
                        .iter()
                        .enumerate()
                        .filter_map(|(i, c)| self.cond(c, &format!("{p}[{i}]"), known, here))
                        .collect();
                    all.push(if k == "all" {
                        Cond::All(cs)
                    } else {
                        Cond::Any(cs)
                    });
                }
                "not" => {
                    if let Some(c) = self.cond(val, &p, known, here) {
                        all.push(Cond::Not(Box::new(c)));
                    }
                }
                q => {
                    let Some(info) = known(q) else {
                        if self.broken.iter().any(|b| b == q) {
                            continue;
                        }
                        let msg = if self.all_ids.iter().any(|b| b == q) {
                            format!("show_if names '{q}', which is not asked before this")
                        } else {
                            format!(
                                "show_if names {}",
                                unknown("question", q, self.all_ids.iter().map(String::as_str))
                            )
                        };
                        self.problem(&p, msg);
                        continue;
                    };
                    if info.order >= here {
                        self.problem(
                            &p,
                            format!("show_if names '{q}', which is not asked before this"),
                        );
                        continue;
                    }
                    for t in self.tests(val, &p, &info) {
                        all.push(Cond::Test {
                            question: q.to_string(),
                            test: t,
                        });
                    }
                }
            }
        }
        Some(if all.len() == 1 {
            all.pop().unwrap()
        } else {
            Cond::All(all)
        })
    }

    fn values_ok(&mut self, vals: &[String], info: &Known, path: &str) {
        let allowed: Option<Vec<String>> = match info.answer {
            AnswerType::YesNo => Some(vec!["true".into(), "false".into()]),
            _ => info.values.clone(),
        };
        if let Some(allowed) = allowed {
            for v in vals {
                if !allowed.contains(v) {
                    self.problem(
                        path,
                        format!(
                            "show_if expects {}",
                            unknown("answer", v, allowed.iter().map(String::as_str))
                        ),
                    );
                }
            }
        }
    }

    fn tests(&mut self, v: &Y, path: &str, info: &Known) -> Vec<Test> {
        let list = |v: &Y| -> Option<Vec<String>> {
            match v {
                Y::Sequence(s) => s.iter().map(scalar).collect(),
                other => scalar(other).map(|s| vec![s]),
            }
        };
        if let Y::Mapping(m) = v {
            let mut out = Vec::new();
            for (k, val) in m {
                let k = k.as_str().unwrap_or("");
                let p = format!("{path}.{k}");
                let num = || scalar(val).and_then(|s| s.parse::<Decimal>().ok());
                let date = || val.as_str().and_then(|s| s.parse::<Date>().ok());
                let t = match k {
                    "not" => list(val).map(|vs| {
                        self.values_ok(&vs, info, &p);
                        Test::NoneOf(vs)
                    }),
                    "min" => num().map(Test::Min),
                    "max" => num().map(Test::Max),
                    "before" => date().map(Test::Before),
                    "after" => date().map(Test::After),
                    "age_below" => num()
                        .and_then(|n| i64::try_from(n).ok())
                        .map(Test::AgeBelow),
                    "age_at_least" => num()
                        .and_then(|n| i64::try_from(n).ok())
                        .map(Test::AgeAtLeast),
                    "answered" => val.as_bool().map(Test::Answered),
                    _ => {
                        self.problem(
                            &p,
                            format!(
                                "show_if has {}",
                                unknown(
                                    "test",
                                    k,
                                    [
                                        "not",
                                        "min",
                                        "max",
                                        "before",
                                        "after",
                                        "age_below",
                                        "age_at_least",
                                        "answered"
                                    ]
                                )
                            ),
                        );
                        continue;
                    }
                };
                match t {
                    Some(t) => out.push(t),
                    None => {
                        self.problem(&p, format!("show_if: '{k}' has a value of the wrong kind"))
                    }
                }
            }
            return out;
        }
        match list(v) {
            Some(vs) => {
                self.values_ok(&vs, info, path);
                vec![Test::OneOf(vs)]
            }
            None => {
                self.problem(
                    path,
                    "show_if: expected an answer or a list of answers".into(),
                );
                Vec::new()
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn question(
        &mut self,
        rq: &RawQuestion,
        path: &str,
        scope: Scope,
        known: &dyn Fn(&str) -> Option<Known>,
        here: usize,
        section_each: bool,
    ) -> Option<Question> {
        let Some(answer) = AnswerType::from_name(&rq.answer) else {
            self.problem(
                &format!("{path}.type"),
                format!(
                    "question '{}' has {}",
                    rq.id,
                    unknown(
                        "answer type",
                        &rq.answer,
                        AnswerType::NAMES.iter().map(|(n, _)| *n)
                    )
                ),
            );
            return None;
        };
        let Some(bind) = binds::find(&rq.binds) else {
            self.problem(
                &format!("{path}.binds"),
                format!(
                    "question '{}' binds {}",
                    rq.id,
                    unknown("field", &rq.binds, binds::BINDS.iter().map(|b| b.name))
                ),
            );
            return None;
        };
        let bp = format!("{path}.binds");
        if !answer.fits(bind.kind) {
            self.problem(
                &bp,
                format!(
                    "question '{}' is a {} question but '{}' does not hold that kind of answer",
                    rq.id, rq.answer, bind.name
                ),
            );
        }
        let each = section_each || rq.for_each.is_some();
        if let Some(f) = &rq.for_each
            && f != "person"
        {
            self.problem(
                &format!("{path}.for_each"),
                format!("for_each can only be 'person' (got '{f}')"),
            );
        }
        let want = match scope {
            Scope::Item(k) => Scope::Item(k),
            _ if each => Scope::Person,
            _ => Scope::Household,
        };
        if bind.scope != want {
            let what = |s: Scope| match s {
                Scope::Household => "the household".to_string(),
                Scope::Person => "each person".to_string(),
                Scope::Item(_) => "an item of a list".to_string(),
            };
            self.problem(
                &bp,
                format!(
                    "question '{}' is asked of {} but '{}' is a field of {}",
                    rq.id,
                    what(want),
                    bind.name,
                    what(bind.scope)
                ),
            );
        }
        // Choices.
        let cp = format!("{path}.choices");
        let choices = match (answer, &rq.choices, &rq.choices_from) {
            (AnswerType::Choice, Some(_), Some(_)) => {
                self.problem(
                    &cp,
                    format!("question '{}' has both choices and choices_from", rq.id),
                );
                Choices::Fixed(Vec::new())
            }
            (AnswerType::Choice, None, None) => {
                self.problem(
                    path,
                    format!("question '{}' is a choice with no choices", rq.id),
                );
                Choices::Fixed(Vec::new())
            }
            (AnswerType::Choice, None, Some(from)) => {
                let fp = format!("{path}.choices_from");
                match (from.as_str(), PackList::from_name(from)) {
                    ("people" | "other_people", _) => {
                        if bind.kind != Kind::Person {
                            self.problem(&fp, format!("'{}' does not hold a person", bind.name));
                        }
                        Choices::People {
                            others: from == "other_people",
                        }
                    }
                    (_, Some(list)) => {
                        if bind.kind != Kind::Pack(list) {
                            self.problem(
                                &fp,
                                format!("'{}' does not hold one of the pack's {from}", bind.name),
                            );
                        }
                        Choices::Fixed(self.pack_choices(list, &fp))
                    }
                    _ => {
                        let known = ["people", "other_people"]
                            .into_iter()
                            .chain(PackList::ALL.iter().map(|p| p.name()));
                        self.problem(
                            &fp,
                            format!("choices_from names {}", unknown("list", from, known)),
                        );
                        Choices::Fixed(Vec::new())
                    }
                }
            }
            (AnswerType::Choice, Some(cs), None) => {
                let mut out = Vec::new();
                let allowed: Option<Vec<String>> = match bind.kind {
                    Kind::Choice(set) => Some(set.iter().map(|s| s.to_string()).collect()),
                    Kind::Pack(list) => Some(
                        self.pack_choices(list, &cp)
                            .into_iter()
                            .map(|c| c.value)
                            .collect(),
                    ),
                    _ => None,
                };
                for (i, c) in cs.iter().enumerate() {
                    let ip = format!("{cp}[{i}]");
                    let Some(value) = scalar(&c.value) else {
                        self.problem(&ip, "a choice's value must be a word".into());
                        continue;
                    };
                    let label = c.label.clone().unwrap_or_default();
                    if label.trim().is_empty() {
                        self.problem(
                            &ip,
                            format!("choice '{value}' of question '{}' has no label", rq.id),
                        );
                    }
                    if let Some(a) = &allowed
                        && !a.contains(&value)
                    {
                        self.problem(
                            &ip,
                            format!(
                                "question '{}': '{}' takes {}",
                                rq.id,
                                bind.name,
                                unknown("value", &value, a.iter().map(String::as_str))
                            ),
                        );
                    }
                    if out.iter().any(|x: &Choice| x.value == value) {
                        self.problem(&ip, format!("choice '{value}' is listed twice"));
                    }
                    out.push(Choice::new(value, label));
                }
                Choices::Fixed(out)
            }
            (_, None, None) => Choices::Fixed(Vec::new()),
            _ => {
                self.problem(
                    &cp,
                    format!("question '{}' is not a choice but lists choices", rq.id),
                );
                Choices::Fixed(Vec::new())
            }
        };
        let min = self.limit(&rq.min, answer, &format!("{path}.min"));
        let max = self.limit(&rq.max, answer, &format!("{path}.max"));
        self.within_bounds(bind, &rq.id, &min, &max, path);
        let show_if = rq
            .show_if
            .as_ref()
            .and_then(|v| self.cond(v, &format!("{path}.show_if"), known, here));
        // Lists: the item's questions.
        let mut item = Vec::new();
        if let Kind::List(lk) = bind.kind {
            if rq.item.is_empty() {
                self.problem(
                    path,
                    format!("list question '{}' has no item questions", rq.id),
                );
            }
            if rq.item_name.is_none() {
                self.problem(path, format!("list question '{}' has no item_name", rq.id));
            }
            let ids: Vec<&str> = rq.item.iter().map(|q| q.id.as_str()).collect();
            for (i, iq) in rq.item.iter().enumerate() {
                if ids[..i].contains(&iq.id.as_str()) {
                    self.problem(
                        &format!("{path}.item[{i}].id"),
                        format!("question id '{}' is used twice in this list", iq.id),
                    );
                }
                // An item question sees the item's earlier questions, then
                // everything before the list.
                let sib: Vec<(String, AnswerType, Option<Vec<String>>)> = item
                    .iter()
                    .map(|q: &Question| {
                        (
                            q.id.clone(),
                            q.answer,
                            match &q.choices {
                                Choices::Fixed(cs) if q.answer == AnswerType::Choice => {
                                    Some(cs.iter().map(|c| c.value.clone()).collect())
                                }
                                _ => None,
                            },
                        )
                    })
                    .collect();
                let inner = |id: &str| -> Option<Known> {
                    if let Some((_, a, v)) = sib.iter().find(|(q, _, _)| q == id) {
                        return Some(Known {
                            answer: *a,
                            values: v.clone(),
                            order: 0,
                        });
                    }
                    known(id)
                };
                if let Some(q) = self.question(
                    iq,
                    &format!("{path}.item[{i}]"),
                    Scope::Item(lk),
                    &inner,
                    here.max(1),
                    false,
                ) {
                    item.push(q);
                }
            }
            for b in binds::BINDS.iter() {
                if b.scope == Scope::Item(lk)
                    && b.required
                    && !item.iter().any(|q| q.bind.name == b.name)
                {
                    self.problem(
                        path,
                        format!(
                            "list question '{}' never asks '{}', which each item needs",
                            rq.id, b.name
                        ),
                    );
                }
            }
            if let Some(d) = &rq.describe {
                let ids: Vec<String> = item.iter().map(|q| q.id.clone()).collect();
                self.placeholders(d, &ids, &format!("{path}.describe"));
            } else {
                self.problem(path, format!("list question '{}' has no describe", rq.id));
            }
        } else if !rq.item.is_empty() || rq.more.is_some() || rq.describe.is_some() {
            self.problem(
                path,
                format!(
                    "question '{}' is not a list but has item, more or describe",
                    rq.id
                ),
            );
        }
        self.placeholders(&rq.text, &[], &format!("{path}.text"));
        if let Some(m) = &rq.more {
            self.placeholders(m, &[], &format!("{path}.more"));
        }
        if rq.text.trim().is_empty() {
            self.problem(
                &format!("{path}.text"),
                format!("question '{}' has no text", rq.id),
            );
        }
        Some(Question {
            id: rq.id.clone(),
            text: rq.text.clone(),
            help: rq.help.clone(),
            answer,
            bind,
            choices,
            min,
            max,
            show_if,
            for_each_person: rq.for_each.is_some(),
            more: rq.more.clone(),
            describe: rq.describe.clone(),
            item_name: rq.item_name.clone(),
            item,
        })
    }
}

/// The `aliases:` of an entry of a content list (none when it is a plain
/// name); checked by `Builder::check_aliases`.
fn aliases_of(content: &Content, section: &str, id: &str) -> Vec<String> {
    content
        .get(section, id)
        .and_then(Y::as_mapping)
        .and_then(|m| m.get("aliases"))
        .and_then(Y::as_sequence)
        .map(|items| {
            items
                .iter()
                .filter_map(scalar)
                .filter(|a| !normalise(a).is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// Questions met so far while loading: id -> (position, answer type, the
/// values of a fixed choice list).
type Order = HashMap<String, (usize, AnswerType, Option<Vec<String>>)>;

/// What a show_if may know of an earlier question.
fn known_in(order: &Order, id: &str) -> Option<Known> {
    order.get(id).map(|(o, a, v)| Known {
        answer: *a,
        values: v.clone(),
        order: *o,
    })
}

impl Script {
    /// Read and check `interview.yaml` of `content` against `pack`.
    pub fn load(pack: &Pack, content: &Content) -> Result<Script, Vec<Problem>> {
        let file = content.file_for("interview");
        let Some(text) = content.text_of("interview") else {
            return Err(vec![Problem::at(
                file,
                None,
                "the content has no interview (interview.yaml)",
            )]);
        };
        let raw: RawScript = parse_yaml(&file, text).map_err(|p| vec![p])?;
        // Another pack's lists would not match the choices: say that once,
        // not every mismatch.
        // (Without its words, the missing message is reported below.)
        if !raw.packs.contains(&pack.id)
            && let Some(template) = raw.messages.get("wrong_pack")
        {
            let packs = raw.packs.join(", ");
            let msg = crate::content::placeholders(
                template,
                &[("packs", &packs), ("pack", &pack.id), ("name", &pack.name)],
            );
            return Err(vec![Problem::at(&file, line_of(text, "packs"), msg)]);
        }
        let mut b = Builder {
            file: file.clone(),
            text: text.to_string(),
            pack,
            content,
            problems: Vec::new(),
            all_ids: raw
                .sections
                .iter()
                .flat_map(|s| s.questions.iter().map(|q| q.id.clone()))
                .collect(),
            broken: Vec::new(),
        };
        b.check_aliases();
        for m in MESSAGES {
            if !raw.messages.contains_key(*m) {
                b.problem(
                    "messages",
                    format!("the interview has no words for message '{m}'"),
                );
            }
        }
        // Every top-level question, in order, for show_if.
        let mut order: Order = HashMap::new();
        let mut sections = Vec::new();
        let mut index = HashMap::new();
        let mut n = 0usize;
        for (si, rs) in raw.sections.iter().enumerate() {
            let sp = format!("sections[{si}]");
            if raw.sections[..si].iter().any(|s| s.id == rs.id) {
                b.problem(
                    &format!("{sp}.id"),
                    format!("section id '{}' is used twice", rs.id),
                );
            }
            if let Some(f) = &rs.for_each
                && f != "person"
            {
                b.problem(
                    &format!("{sp}.for_each"),
                    format!("for_each can only be 'person' (got '{f}')"),
                );
            }
            let each = rs.for_each.is_some();
            n += 1;
            let here = n;
            let known = |id: &str| known_in(&order, id);
            let show_if = rs
                .show_if
                .as_ref()
                .and_then(|v| b.cond(v, &format!("{sp}.show_if"), &known, here));
            let mut questions = Vec::new();
            for (qi, rq) in rs.questions.iter().enumerate() {
                let qp = format!("{sp}.questions[{qi}]");
                n += 1;
                let here = n;
                if order.contains_key(&rq.id) {
                    b.problem(
                        &format!("{qp}.id"),
                        format!("question id '{}' is used twice", rq.id),
                    );
                }
                if each && rq.for_each.is_some() {
                    b.problem(
                        &format!("{qp}.for_each"),
                        "the section is already asked for each person".into(),
                    );
                }
                let known = |id: &str| known_in(&order, id);
                let q = b.question(rq, &qp, Scope::Household, &known, here, each);
                if q.is_none() {
                    b.broken.push(rq.id.clone());
                }
                if let Some(q) = q {
                    let values = match &q.choices {
                        Choices::Fixed(cs) if q.answer == AnswerType::Choice => {
                            Some(cs.iter().map(|c| c.value.clone()).collect())
                        }
                        _ => None,
                    };
                    order.insert(q.id.clone(), (here, q.answer, values));
                    index.insert(q.id.clone(), (si, questions.len()));
                    questions.push(q);
                }
            }
            if questions.is_empty() && rs.questions.is_empty() {
                b.problem(&sp, format!("section '{}' has no questions", rs.id));
            }
            b.placeholders(&rs.title, &[], &format!("{sp}.title"));
            sections.push(Section {
                id: rs.id.clone(),
                title: rs.title.clone(),
                help: rs.help.clone(),
                for_each_person: each,
                show_if,
                questions,
            });
        }
        if !b.problems.is_empty() {
            return Err(b.problems);
        }
        Ok(Script {
            file,
            sections,
            messages: raw.messages,
            yes_words: raw.answers.yes_words,
            no_words: raw.answers.no_words,
            remove_word: raw.answers.remove,
            yes_label: raw.answers.yes_label,
            no_label: raw.answers.no_label,
            index,
        })
    }

    /// A message with `{placeholders}` filled in.
    pub fn msg(&self, key: &str, args: &[(&str, &str)]) -> String {
        let template = self.messages.get(key).map(String::as_str).unwrap_or(key);
        crate::content::placeholders(template, args)
    }

    /// Where a top-level question is: (section, question).
    pub fn locate(&self, id: &str) -> Option<(usize, usize)> {
        self.index.get(id).copied()
    }

    pub fn question(&self, s: usize, q: usize) -> &Question {
        &self.sections[s].questions[q]
    }

    /// Is question `id` asked of each person (so its answers are per person)?
    pub fn per_person(&self, id: &str) -> bool {
        self.locate(id).is_some_and(|(s, q)| {
            self.sections[s].for_each_person || self.sections[s].questions[q].for_each_person
        })
    }
}

/// The interview check, for `cli::load`: the problems in interview.yaml.
pub fn check(pack: &Pack, content: &Content) -> Vec<Problem> {
    match Script::load(pack, content) {
        Ok(_) => Vec::new(),
        Err(ps) => ps,
    }
}

/// The list a list question fills.
pub fn list_kind(q: &Question) -> Option<ListKind> {
    match q.bind.kind {
        Kind::List(k) => Some(k),
        _ => None,
    }
}
