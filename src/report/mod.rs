//! Words for an assessment: the sentences every front end shows (text
//! output, the side panel's "why", the plain mode). Only presentation here;
//! all decisions were made by the engine.

pub mod deadlines;
pub mod text;

use crate::content::Content;
use crate::engine::{Citation, Outcome, ProgramResult, Reason, Status};
use crate::rules::Pack;

pub struct Words<'a> {
    pub content: &'a Content,
    pub pack: &'a Pack,
}

impl<'a> Words<'a> {
    pub fn new(content: &'a Content, pack: &'a Pack) -> Self {
        Words { content, pack }
    }

    pub fn program(&self, id: &str) -> String {
        self.content.name("programs", id).to_string()
    }

    /// "LIKELY", "NOT ELIGIBLE", ... (words, never colour alone)
    pub fn status(&self, s: Status) -> String {
        self.content.name("statuses", s.id()).to_string()
    }

    pub fn cite(&self, c: &Citation) -> String {
        let title = match self.content.field("sources", &c.source, "name") {
            Some(t) => t,
            None => self
                .pack
                .sources
                .get(&c.source)
                .map(|s| s.title.as_str())
                .unwrap_or(&c.source),
        };
        format!("{title}, {}", c.section)
    }

    fn value_words(&self, fact: &str, v: &str) -> String {
        match v {
            "yes" | "no" => self.content.ui(v, &[]),
            _ => {
                if fact == "immigration_category" {
                    return self.content.name("immigration_categories", v).to_string();
                }
                self.content
                    .field("values", v, "name")
                    .unwrap_or(v)
                    .to_string()
            }
        }
    }

    /// One sentence for one criterion: "Countable monthly income is
    /// $1,400.00; the limit is at or below $1,355.00: not met."
    pub fn reason(&self, r: &Reason) -> String {
        let fact = if let Some(p) = r.fact.strip_prefix("program:") {
            self.program(p)
        } else {
            self.content.name("facts", &r.fact).to_string()
        };
        let outcome = self.content.ui(
            match r.outcome {
                Outcome::Met => "outcome.met",
                Outcome::NotMet => "outcome.not_met",
                Outcome::Unknown => "outcome.unknown",
            },
            &[],
        );
        let op = self.content.ui(&format!("op.{}", r.op), &[]);
        let threshold = match &r.threshold {
            Some(t) if r.fact == "immigration_category" => t
                .split(", ")
                .map(|c| self.content.name("immigration_categories", c).to_string())
                .collect::<Vec<_>>()
                .join(", "),
            Some(t) if r.fact.starts_with("program:") => t
                .split(", ")
                .map(|s| self.content.name("statuses", s).to_string())
                .collect::<Vec<_>>()
                .join(", "),
            Some(t) => t
                .split(", ")
                .map(|x| self.value_words(&r.fact, x))
                .collect::<Vec<_>>()
                .join(", "),
            None => String::new(),
        };
        let value = match &r.value {
            Some(v) if r.fact.starts_with("program:") => {
                self.content.name("statuses", v).to_string()
            }
            Some(v) => self.value_words(&r.fact, v),
            None => self.content.ui("not_answered", &[]),
        };
        let needed = format!("{op} {threshold}");
        self.content
            .ui(
                "reason",
                &[
                    ("fact", &capitalise(&fact)),
                    ("value", &value),
                    ("op {threshold}", needed.trim()),
                    ("outcome", &outcome),
                ],
            )
            .replace("{op} {threshold}", needed.trim())
    }

    /// The reasons that decided a program, each with its citation.
    pub fn why_program(&self, pr: &ProgramResult) -> Vec<String> {
        let mut lines = Vec::new();
        for r in pr.reasons.iter().filter(|r| r.decisive) {
            let mut s = self.reason(r);
            if let Some(p) = &r.parameter {
                s.push_str(&format!(" [{p}]"));
            }
            s.push_str(&format!(
                " {}",
                self.content
                    .ui("source", &[("cite", &self.cite(&r.citation))])
            ));
            lines.push(s);
        }
        if let Some(d) = pr.deductible {
            lines.push(
                self.content
                    .ui("deductible_line", &[("amount", &d.to_string())]),
            );
        }
        for f in &pr.flags {
            lines.push(format!(
                "{} {}",
                self.content.name("flags", &f.flag),
                self.content
                    .ui("source", &[("cite", &self.cite(&f.citation))])
            ));
        }
        lines
    }
}

pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}
