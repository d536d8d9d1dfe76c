//! Words for an assessment: the sentences every front end shows (text
//! output, the side panel's "why", the plain mode). Only presentation here;
//! all decisions were made by the engine.

pub mod changes;
pub mod checklist;
pub mod deadlines;
pub mod text;

pub use changes::changes;

use crate::content::Content;
use crate::dates::spoken;
use crate::engine::Val;
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
                .get(&*c.source)
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

    /// One sentence for one criterion: "Countable monthly income: $1,400.00
    /// (needed: at or below $1,355.00): not met."
    pub fn reason(&self, r: &Reason) -> String {
        let program_test = r.fact.starts_with("program:");
        let fact = match r.fact.strip_prefix("program:") {
            Some(p) => self.program(p),
            None => self.content.name("facts", &r.fact).to_string(),
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
        // Coded values read as words: statuses, categories, care levels...
        let word = |code: &str| -> String {
            if program_test {
                self.content.name("statuses", code).to_string()
            } else {
                self.value_words(&r.fact, code)
            }
        };
        let words = |v: &Val| -> String {
            match v {
                Val::List(items) => items.iter().map(|i| word(i)).collect::<Vec<_>>().join(", "),
                Val::Static(t) => word(t),
                Val::Text(t) => word(t),
                other => word(&other.to_string()),
            }
        };
        // Under a `not`, say what is needed the right way round: "no" for
        // a yes/no test, "not ..." for the rest.
        let (threshold, op) = match (&r.threshold, r.negated, r.op) {
            (Some(Val::Bool(b)), true, crate::rules::criteria::Op::Eq) => {
                (words(&Val::Bool(!b)), op)
            }
            (t, true, _) => (
                t.as_ref().map(words).unwrap_or_default(),
                self.content.ui("op_not", &[("op", &op)]),
            ),
            (t, false, _) => (t.as_ref().map(words).unwrap_or_default(), op),
        };
        let value = r
            .value
            .as_ref()
            .map(words)
            .unwrap_or_else(|| self.content.ui("not_answered", &[]));
        let needed = format!("{op} {threshold}");
        self.content
            .ui(
                "reason",
                &[
                    ("fact", &capitalise(&fact)),
                    ("value", &value),
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
            if let (Some(p), Some(d)) = (&r.parameter, r.parameter_effective) {
                s.push_str(&format!(
                    " [{}]",
                    self.content
                        .ui("param_from", &[("name", p), ("date", &d.to_string())])
                ));
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

    /// A program's short name for the panel at 80 columns ("Buy-In").
    pub fn program_short(&self, id: &str) -> String {
        self.content
            .field("programs", id, "short")
            .map(str::to_string)
            .unwrap_or_else(|| self.program(id))
    }

    /// A proof need's short name ("residency", "income (Pension)").
    pub fn need_short(&self, need: &str) -> String {
        let short = |id: &str| {
            self.content
                .field("needs", id, "short")
                .unwrap_or_else(|| self.content.name("needs", id))
                .to_string()
        };
        match need.split_once(':') {
            Some((base, kind)) => format!(
                "{} ({})",
                short(base),
                self.content.name("income_kinds", kind)
            ),
            None => short(need),
        }
    }

    /// What must happen by a deadline, in words (falls back to its id).
    pub fn deadline(&self, d: &crate::engine::Deadline) -> String {
        self.content
            .field("deadlines", &d.what, "name")
            .or_else(|| self.content.field("events", &d.what, "name"))
            .unwrap_or(&d.what)
            .to_string()
    }

    /// One change, in words: "Rosa: MassHealth Standard: likely -> not eligible".
    pub fn change(&self, ch: &crate::engine::diff::Change) -> String {
        use crate::engine::diff::Change;
        let none = self.content.ui("change.none", &[]);
        match ch {
            Change::Program {
                person,
                program,
                from,
                to,
                ..
            } => self.content.ui(
                "change.program",
                &[
                    ("person", person),
                    ("program", &self.program(program)),
                    (
                        "from",
                        &from.map(|s| self.status(s)).unwrap_or_else(|| none.clone()),
                    ),
                    (
                        "to",
                        &to.map(|s| self.status(s)).unwrap_or_else(|| none.clone()),
                    ),
                ],
            ),
            Change::Proof {
                person,
                need,
                from,
                to,
            } => self.content.ui(
                "change.proof",
                &[
                    ("person", person),
                    ("need", &self.need(need)),
                    (
                        "from",
                        &from
                            .as_ref()
                            .map(|s| self.proof_status(s))
                            .unwrap_or_else(|| none.clone()),
                    ),
                    (
                        "to",
                        &to.as_ref()
                            .map(|s| self.proof_status(s))
                            .unwrap_or_else(|| none.clone()),
                    ),
                ],
            ),
            Change::Deadline {
                id,
                concerns,
                from,
                to,
                ..
            } => self.content.ui(
                "change.deadline",
                &[
                    ("who", concerns),
                    (
                        "what",
                        self.content
                            .field("deadlines", id, "name")
                            .or_else(|| self.content.field("events", id, "name"))
                            .unwrap_or(id),
                    ),
                    ("from", &from.map(spoken).unwrap_or_else(|| none.clone())),
                    ("to", &to.map(spoken).unwrap_or_else(|| none.clone())),
                ],
            ),
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
        self.content.say("proof_reasons", code, &refs)
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
        self.alternatives_where(p, limit, false)
    }

    /// Every alternative, for a listener: nothing is cut off with "(and N
    /// more)", which nothing would then read out.
    pub fn all_alternatives(&self, p: &ProofResult) -> String {
        self.alternatives_where(p, usize::MAX, false)
    }

    /// Only what a person can send (no electronic data matches).
    pub fn sendable_alternatives(&self, p: &ProofResult) -> String {
        self.alternatives_where(p, usize::MAX, true)
    }

    fn alternatives_where(&self, p: &ProofResult, limit: usize, sendable: bool) -> String {
        let is_match = |k: &String| {
            self.pack
                .proofs
                .as_ref()
                .and_then(|r| r.documents.get(k))
                .is_some_and(|d| d.data_match)
        };
        let mut alts: Vec<String> = p
            .alternatives
            .iter()
            .filter(|a| !sendable || !a.iter().any(is_match))
            .map(|a| self.alternative(a))
            .collect();
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

    /// A figure's short name ("the federal poverty levels").
    pub fn figure(&self, id: &str) -> String {
        self.content.name("figures", id).to_string()
    }

    /// One line saying the assessment used figures past their review date,
    /// with the oldest; None when it used none. Said at the start of every
    /// front end and in the panel's heading.
    pub fn stale_summary(&self, stale: &[crate::engine::StaleFigure]) -> Option<String> {
        let c = self.content;
        let oldest = stale.iter().min_by_key(|s| (s.review_by, s.effective))?;
        let (from, due) = (spoken(oldest.effective), spoken(oldest.review_by));
        Some(if stale.len() == 1 {
            c.ui(
                "stale.summary_one",
                &[
                    ("name", &self.figure(&oldest.parameter)),
                    ("from", &from),
                    ("due", &due),
                ],
            )
        } else {
            c.ui(
                "stale.summary",
                &[
                    ("n", &stale.len().to_string()),
                    ("from", &from),
                    ("due", &due),
                ],
            )
        })
    }

    /// Every figure past its review date, one sentence each.
    pub fn stale_list(&self, stale: &[crate::engine::StaleFigure]) -> Vec<String> {
        stale
            .iter()
            .map(|s| {
                self.content.ui(
                    "stale.item",
                    &[
                        ("name", &capitalise(&self.figure(&s.parameter))),
                        ("from", &spoken(s.effective)),
                        ("due", &spoken(s.review_by)),
                    ],
                )
            })
            .collect()
    }

    /// The words next to a result that rests on old figures ("" if none).
    pub fn stale_mark<S: AsRef<str>>(&self, stale: &[S]) -> String {
        if stale.is_empty() {
            String::new()
        } else {
            format!(" {}", self.content.ui("stale.mark", &[]))
        }
    }

    /// "Rests on figures past their date: ..." under a result, for why.
    pub fn stale_uses<S: AsRef<str>>(&self, stale: &[S]) -> Option<String> {
        if stale.is_empty() {
            return None;
        }
        let names: Vec<String> = stale.iter().map(|s| self.figure(s.as_ref())).collect();
        Some(
            self.content
                .ui("stale.uses", &[("list", &names.join(", "))]),
        )
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
