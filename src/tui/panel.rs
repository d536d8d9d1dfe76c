//! The live side panel: programs (likely, after a deductible, possible; not
//! eligible collapsed), missing and insufficient proofs per person, and the
//! next deadlines with days left. Built from the assessment only; "why" is a
//! view of the reasons the engine already returned.

use crate::dates::spoken;
use crate::engine::{Assessment, ProofStatus, Status};
use crate::model::Intake;
use crate::report::Words;

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Heading(String),
    Program {
        program: String,
        status: Status,
        people: Vec<String>,
        text: String,
    },
    Proof {
        person: String,
        need: String,
        status: ProofStatus,
        text: String,
    },
    Deadline {
        index: usize,
        text: String,
    },
    /// The programs not eligible, collapsed to one line (why lists them).
    NotEligible {
        programs: Vec<String>,
        text: String,
    },
    Note(String),
}

impl Item {
    pub fn text(&self) -> &str {
        match self {
            Item::Heading(t) | Item::Note(t) => t,
            Item::Program { text, .. }
            | Item::Proof { text, .. }
            | Item::Deadline { text, .. }
            | Item::NotEligible { text, .. } => text,
        }
    }
    pub fn selectable(&self) -> bool {
        !matches!(self, Item::Heading(_) | Item::Note(_))
    }
}

fn name(intake: &Intake, id: &str) -> String {
    intake
        .person(id)
        .map(|p| p.display_name().to_string())
        .unwrap_or_else(|| id.to_string())
}

/// The panel in the order staff act on it: what is likely, the proofs
/// still needed, the dates; then what is merely possible and the programs
/// not eligible, collapsed to one line.
pub fn build(w: &Words, a: &Assessment, intake: &Intake) -> Vec<Item> {
    let c = w.content;
    let mut items = Vec::new();
    // Figures past their date are said first, above every result.
    if let Some(s) = w.stale_summary(&crate::engine::stale_figures(w.pack, a.as_of)) {
        items.push(Item::Note(s));
    }
    let first = items.len();
    items.push(Item::Heading(c.ui("panel.programs", &[])));
    programs(
        w,
        a,
        intake,
        &[Status::Likely, Status::LikelyAfterDeductible],
        &mut items,
    );
    if items.len() == first + 1 {
        items.push(Item::Note(c.ui("panel.none_likely", &[])));
    }
    proofs_and_deadlines(w, a, intake, &mut items);
    let others = items.len();
    programs(
        w,
        a,
        intake,
        &[Status::Possible, Status::NotEligible],
        &mut items,
    );
    if items.len() > others {
        items.insert(others, Item::Heading(c.ui("panel.other_programs", &[])));
    }
    items
}

/// One line per program and status, naming the people it applies to; the
/// programs not eligible on one line.
fn programs(
    w: &Words,
    a: &Assessment,
    intake: &Intake,
    statuses: &[Status],
    items: &mut Vec<Item>,
) {
    let c = w.content;
    for &status in statuses {
        let mut groups: Vec<(String, Vec<String>, Option<String>, bool)> = Vec::new();
        for pr in a.programs.iter().filter(|p| p.status == status) {
            let who = name(intake, &pr.person);
            let amount = pr.deductible.map(|d| d.to_string());
            let old = !pr.stale.is_empty();
            match groups
                .iter_mut()
                .find(|(p, _, amt, o)| **p == *pr.program && *amt == amount && *o == old)
            {
                Some((_, people, _, _)) => people.push(who),
                None => groups.push((pr.program.to_string(), vec![who], amount, old)),
            }
        }
        if status == Status::NotEligible {
            if !groups.is_empty() {
                let programs: Vec<String> = groups.iter().map(|(p, _, _, _)| p.clone()).collect();
                let n = programs.len().to_string();
                let key = if programs.len() == 1 {
                    "panel.not_eligible_one"
                } else {
                    "panel.not_eligible"
                };
                let text = c.ui(key, &[("status", &w.status(status)), ("n", &n)]);
                items.push(Item::NotEligible { programs, text });
            }
            continue;
        }
        for (program, people, amount, old) in groups {
            let mut text = format!("{} {}", w.status(status), w.program(&program));
            if let Some(a) = amount {
                text.push_str(&format!(
                    " ({})",
                    c.ui("deductible_short", &[("amount", &a)])
                ));
            }
            text.push_str(&format!(" - {}", people.join(", ")));
            if old {
                text.push_str(&w.stale_mark(&["old".to_string()]));
            }
            items.push(Item::Program {
                program,
                status,
                people,
                text,
            });
        }
    }
}

fn proofs_and_deadlines(w: &Words, a: &Assessment, intake: &Intake, items: &mut Vec<Item>) {
    let c = w.content;
    items.push(Item::Heading(c.ui("panel.proofs", &[])));
    let mut done = 0;
    for p in &a.proofs {
        if matches!(p.status, ProofStatus::Missing | ProofStatus::Insufficient) {
            let text = format!(
                "{} {} - {}",
                w.proof_status(&p.status),
                w.need(&p.need),
                name(intake, &p.person)
            );
            items.push(Item::Proof {
                person: p.person.clone(),
                need: p.need.clone(),
                status: p.status.clone(),
                text,
            });
        } else {
            done += 1;
        }
    }
    if done > 0 || a.proofs.is_empty() {
        let key = if done == 1 {
            "panel.proofs_done_one"
        } else {
            "panel.proofs_done"
        };
        items.push(Item::Note(c.ui(key, &[("n", &done.to_string())])));
    }
    items.push(Item::Heading(c.ui("panel.deadlines", &[])));
    if a.deadlines.is_empty() {
        items.push(Item::Note(c.ui("panel.no_deadlines", &[])));
    }
    for (i, d) in a.deadlines.iter().enumerate() {
        // Something to do by the date can be overdue; a date coverage may
        // start from, a look-back, a window whose plan was chosen in time
        // cannot: those get the report's own words for the days.
        let to_do = matches!(
            d.details.get("type").map(String::as_str),
            Some("due" | "expected" | "window")
        ) && !matches!(
            d.details.get("selection").map(String::as_str),
            Some("in_window" | "before_event")
        );
        let when = match (d.date, d.days_left) {
            (Some(date), Some(_)) if !to_do => match w.days(d) {
                days if days.is_empty() => spoken(date),
                days => format!("{}, {days}", spoken(date)),
            },
            (Some(date), Some(n)) if n < 0 => c.ui(
                "panel.overdue",
                &[("date", &spoken(date)), ("n", &(-n).to_string())],
            ),
            (Some(date), Some(n)) => c.ui(
                "panel.days_left",
                &[("date", &spoken(date)), ("n", &n.to_string())],
            ),
            // No window, case by case, all year: not a missing date.
            _ => match d.details.get("window").map(String::as_str) {
                Some(wd) if wd != "needs_date" => c.ui(&format!("deadline.undated.{wd}"), &[]),
                _ => c.ui("panel.needs_date", &[]),
            },
        };
        let who = if d.concerns == "household" {
            c.ui("household", &[])
        } else {
            name(intake, &d.concerns)
        };
        items.push(Item::Deadline {
            index: i,
            text: format!(
                "{when}: {} - {who}{}",
                w.deadline(d),
                w.stale_mark(&d.stale)
            ),
        });
    }
}

/// The reasons behind an item, with citations.
pub fn why(w: &Words, a: &Assessment, intake: &Intake, item: &Item) -> Vec<String> {
    let c = w.content;
    match item {
        Item::Program {
            program,
            status,
            people,
            ..
        } => {
            let mut out = vec![format!("{}: {}", w.program(program), w.status(*status))];
            if let Some(s) = c.field("programs", program, "summary") {
                out.push(s.to_string());
            }
            // The reasons of the first person named (the others share the status).
            let first = a.programs.iter().find(|p| {
                *p.program == **program
                    && p.status == *status
                    && people.contains(&name(intake, &p.person))
            });
            if let Some(pr) = first {
                out.extend(w.why_program(pr));
                out.extend(w.stale_uses(&pr.stale));
            }
            out
        }
        Item::Proof { person, need, .. } => {
            let Some(p) = a
                .proofs
                .iter()
                .find(|p| &p.person == person && &p.need == need)
            else {
                return Vec::new();
            };
            let mut out = vec![format!(
                "{} {} - {}",
                w.proof_status(&p.status),
                w.need(&p.need),
                name(intake, person)
            )];
            out.extend(p.rejected.iter().map(|r| w.rejection(r)));
            out.push(c.ui("check.proof_accepted", &[("alts", &w.alternatives(p, 99))]));
            out.push(c.ui("source", &[("cite", &w.cite(&p.citation))]));
            out
        }
        Item::Deadline { index, text } => {
            let Some(d) = a.deadlines.get(*index) else {
                return Vec::new();
            };
            let mut out = vec![text.clone()];
            // The same lines `intake check` prints under the deadline.
            out.extend(w.deadline_details(d));
            out.push(c.ui("source", &[("cite", &w.cite(&d.citation))]));
            out
        }
        Item::NotEligible { programs, .. } => {
            let mut out = vec![c.ui("panel.not_eligible_why", &[])];
            for program in programs {
                let first = a
                    .programs
                    .iter()
                    .find(|p| &*p.program == program.as_str() && p.status == Status::NotEligible);
                let reason = first
                    .and_then(|pr| pr.reasons.iter().find(|r| r.decisive))
                    .map(|r| w.reason(r))
                    .unwrap_or_default();
                out.push(format!("{}: {reason}", w.program(program)));
            }
            out
        }
        _ => Vec::new(),
    }
}

/// The panel in a few lines, for 80 columns, under the question: what is
/// likely (with deductibles), the proofs still needed and whose, the next
/// dates with days left, then how many are possible or not eligible. Short
/// names; the whole panel with long names and why is one key away.
pub fn compact(w: &Words, a: &Assessment, intake: &Intake) -> Vec<String> {
    let c = w.content;
    let mut out = Vec::new();
    // "Buy-In (Walter, Rosa)": one entry per program (and amount), the
    // people it applies to after it.
    let group = |items: Vec<(String, String)>| -> String {
        let mut groups: Vec<(String, Vec<String>)> = Vec::new();
        for (what, who) in items {
            match groups.iter_mut().find(|(w, _)| *w == what) {
                Some((_, people)) => {
                    if !people.contains(&who) {
                        people.push(who)
                    }
                }
                None => groups.push((what, vec![who])),
            }
        }
        groups
            .into_iter()
            .map(|(what, people)| format!("{what} ({})", people.join(", ")))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let first_name = |id: &str| -> String {
        let n = name(intake, id);
        n.split_whitespace().next().unwrap_or(&n).to_string()
    };
    let programs = |s: Status| -> Vec<(String, String)> {
        a.programs
            .iter()
            .filter(|p| p.status == s)
            .map(|p| {
                let what = match p.deductible {
                    Some(d) => format!("{} {d}", w.program_short(&p.program)),
                    None => w.program_short(&p.program),
                };
                (what, first_name(&p.person))
            })
            .collect()
    };
    let likely = programs(Status::Likely);
    out.push(if likely.is_empty() {
        c.ui(
            "compact.likely_none",
            &[("status", &w.status(Status::Likely))],
        )
    } else {
        format!("{}: {}", w.status(Status::Likely), group(likely))
    });
    let after = programs(Status::LikelyAfterDeductible);
    if !after.is_empty() {
        out.push(format!(
            "{}: {}",
            w.status(Status::LikelyAfterDeductible),
            group(after)
        ));
    }
    let mut any_proof = false;
    for st in [ProofStatus::Missing, ProofStatus::Insufficient] {
        let open: Vec<(String, String)> = a
            .proofs
            .iter()
            .filter(|p| p.status == st)
            .map(|p| (w.need_short(&p.need), first_name(&p.person)))
            .collect();
        if !open.is_empty() {
            any_proof = true;
            out.push(format!("{}: {}", w.proof_status(&st), group(open)));
        }
    }
    if !any_proof {
        out.push(c.ui("compact.proofs_none", &[]));
    }
    let dated: Vec<String> = a
        .deadlines
        .iter()
        .filter(|d| d.days_left.is_some_and(|n| n >= 0))
        .take(2)
        .filter_map(|d| {
            Some(c.ui(
                "compact.date",
                &[
                    ("date", &spoken(d.date?)),
                    ("what", &w.deadline(d)),
                    ("n", &d.days_left?.to_string()),
                ],
            ))
        })
        .collect();
    out.push(if dated.is_empty() {
        c.ui("compact.dates_none", &[])
    } else {
        c.ui("compact.dates", &[("list", &dated.join("; "))])
    });
    let count = |s: Status| programs_with(a, s);
    out.push(c.ui(
        "compact.others",
        &[
            ("possible", &count(Status::Possible).to_string()),
            ("not", &count(Status::NotEligible).to_string()),
        ],
    ));
    // Last in these few lines (the status line said it at the start, and
    // the whole panel says it first): which results are marked is there.
    if a.programs.iter().any(|p| !p.stale.is_empty())
        || a.deadlines.iter().any(|d| !d.stale.is_empty())
    {
        out.push(c.ui("compact.old", &[]));
    }
    out
}

/// How many programs have status `s` for someone.
fn programs_with(a: &Assessment, s: Status) -> usize {
    let mut v: Vec<&str> = a
        .programs
        .iter()
        .filter(|p| p.status == s)
        .map(|p| &*p.program)
        .collect();
    v.sort();
    v.dedup();
    v.len()
}

/// One line for narrow terminals: counts and the next deadline.
pub fn summary(w: &Words, a: &Assessment) -> String {
    let c = w.content;
    let count = |s: Status| programs_with(a, s);
    let missing = a
        .proofs
        .iter()
        .filter(|p| matches!(p.status, ProofStatus::Missing | ProofStatus::Insufficient))
        .count();
    let next = a
        .deadlines
        .iter()
        .find(|d| d.days_left.is_some_and(|n| n >= 0))
        .and_then(|d| {
            Some(c.ui(
                "summary.next",
                &[("date", &spoken(d.date?)), ("n", &d.days_left?.to_string())],
            ))
        })
        .unwrap_or_default();
    let old = if a.stale.is_empty() {
        String::new()
    } else {
        format!("{} ", c.ui("stale.mark", &[]))
    };
    old + &c.ui(
        "summary.line",
        &[
            (
                "likely",
                &(count(Status::Likely) + count(Status::LikelyAfterDeductible)).to_string(),
            ),
            ("possible", &count(Status::Possible).to_string()),
            ("missing", &missing.to_string()),
            ("next", &next),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Content;
    use crate::rules::Pack;

    /// A deadline's line and its "why" in the panel: the dates in words, no
    /// OVERDUE for a look-back, and the same detail lines `intake check`
    /// prints.
    #[test]
    fn deadlines_in_the_panel() {
        let pack = Pack::open("ma").unwrap();
        let content = Content::open("en").unwrap();
        let w = Words::new(&content, &pack);
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/ma-household-events.yaml"
        ))
        .unwrap();
        let intake: Intake = serde_yaml::from_str(&text).unwrap();
        let a = crate::engine::assess(&pack, &intake, intake.as_of.unwrap()).unwrap();
        let items = build(&w, &a, &intake);
        let lines: Vec<&str> = items
            .iter()
            .filter_map(|i| match i {
                Item::Deadline { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(
            lines[0], "May 20, 2011: Transfer look-back - Maria Santos",
            "{lines:?}"
        );
        let loss = items
            .iter()
            .find(|i| matches!(i, Item::Deadline { text, .. } if text.contains("Losing other")))
            .unwrap();
        let why = why(&w, &a, &intake, loss);
        assert_eq!(
            why[1..],
            [
                "Special enrollment window: May 13, 2016 to July 12, 2016, open now.",
                "Counted from the date the other coverage ends: May 13, 2016.",
                "Pay the first premium by June 23, 2016 for coverage from July 1, 2016.",
                "(Source: Health Connector enrollment notice, Special Enrollment Period (\"Losing minimum essential coverage\"))",
            ],
            "{why:?}"
        );
    }
}
