//! Words for an assessment: the sentences every front end shows (text
//! output, the side panel's "why", the plain mode). Only presentation here;
//! all decisions were made by the engine.

pub mod changes;
pub mod text;

pub use changes::changes;

use crate::content::Content;
use crate::dates::spoken;
use crate::engine::{
    Assessment, Citation, Outcome, ProgramResult, ProofResult, ProofStatus, Reason, Rejection,
    Status,
};
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

impl Words<'_> {
    pub fn document(&self, kind: &str) -> String {
        if kind == "data_match" {
            return self.content.ui("proof.data_match", &[]);
        }
        self.content.name("documents", kind).to_string()
    }

    /// "proof of identity", "proof of income (Wages from a job)"
    pub fn need(&self, need: &str) -> String {
        match need.split_once(':') {
            Some((base, kind)) => format!(
                "{} ({})",
                self.content.name("needs", base),
                self.content.name("income_kinds", kind)
            ),
            None => self.content.name("needs", need).to_string(),
        }
    }

    pub fn proof_status(&self, s: &ProofStatus) -> String {
        let id = match s {
            ProofStatus::Satisfied => "satisfied",
            ProofStatus::Exempt => "exempt",
            ProofStatus::Insufficient => "insufficient",
            ProofStatus::Missing => "missing",
        };
        self.content.name("proof_statuses", id).to_string()
    }

    /// A reason code with its figures, in words (dates spoken, documents named).
    pub fn proof_reason(
        &self,
        code: &str,
        doc: Option<&str>,
        data: &std::collections::BTreeMap<String, String>,
    ) -> String {
        let mut args: Vec<(String, String)> = Vec::new();
        if let Some(d) = doc {
            args.push(("doc".into(), capitalise(&self.document(d))));
        }
        for (k, v) in data {
            let words = if let Ok(d) = v.parse::<crate::dates::Date>() {
                spoken(d)
            } else if k == "partners" {
                v.split(',')
                    .map(|p| self.document(p))
                    .collect::<Vec<_>>()
                    .join(&self.content.ui("or_sep", &[]))
            } else if k == "place" {
                self.content
                    .field("places", v, "name")
                    .unwrap_or(v)
                    .to_string()
            } else {
                v.clone()
            };
            args.push((k.clone(), words));
        }
        let refs: Vec<(&str, &str)> = args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let mut s = self
            .content
            .field("proof_reasons", code, "name")
            .unwrap_or(code)
            .to_string();
        for (k, v) in refs {
            s = s.replace(&format!("{{{k}}}"), v);
        }
        s
    }

    pub fn rejection(&self, r: &Rejection) -> String {
        self.proof_reason(&r.code, Some(&r.document), &r.data)
    }

    /// One alternative ("Lease and Most recent rent payment").
    pub fn alternative(&self, alt: &[String]) -> String {
        let mut seen: Vec<(String, usize)> = Vec::new();
        for k in alt {
            match seen.iter_mut().find(|(x, _)| x == k) {
                Some((_, n)) => *n += 1,
                None => seen.push((k.clone(), 1)),
            }
        }
        seen.iter()
            .map(|(k, n)| {
                if *n > 1 {
                    self.content.ui(
                        "proof.count_of",
                        &[("n", &n.to_string()), ("doc", &self.document(k))],
                    )
                } else {
                    self.document(k)
                }
            })
            .collect::<Vec<_>>()
            .join(&self.content.ui("and_sep", &[]))
    }

    /// What would satisfy a proof need, most common first, up to `limit`.
    pub fn alternatives(&self, p: &ProofResult, limit: usize) -> String {
        let mut alts: Vec<String> = p.alternatives.iter().map(|a| self.alternative(a)).collect();
        if let Some(any) = &p.any_of {
            alts.push(
                self.content.ui(
                    "proof.any_of",
                    &[
                        ("n", &any.count.to_string()),
                        (
                            "docs",
                            &any.documents
                                .iter()
                                .map(|d| self.document(d))
                                .collect::<Vec<_>>()
                                .join(", "),
                        ),
                    ],
                ),
            );
        }
        let more = alts.len().saturating_sub(limit);
        alts.truncate(limit);
        let mut s = alts.join("; ");
        if more > 0 {
            s.push_str(
                &self
                    .content
                    .ui("proof.and_more", &[("n", &more.to_string())]),
            );
        }
        s
    }

    /// Fill in the words of every proof reason (the engine returns codes).
    pub fn fill(&self, a: &mut Assessment) {
        for p in &mut a.proofs {
            for r in &mut p.rejected {
                r.reason = Some(self.rejection(r));
            }
            p.reason = p
                .reason_code
                .as_deref()
                .map(|c| self.proof_reason(c, None, &Default::default()));
        }
    }
}

pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}
