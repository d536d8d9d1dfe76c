//! `intake check --format text`: the assessment as plain text for a
//! caseworker. No tables laid out with spaces; one line per thing.

use super::Words;
use crate::dates::spoken;
use crate::engine::{Assessment, ProofStatus, Status};

pub fn render(w: &Words, a: &Assessment, why: bool) -> String {
    let c = w.content;
    let mut out = String::new();
    out.push_str(&c.ui(
        "check.heading",
        &[
            ("date", &spoken(a.as_of)),
            ("pack", &a.pack.name),
            ("from", &spoken(a.pack.covers_from)),
        ],
    ));
    out.push('\n');
    // Old figures are said before any result that rests on them.
    if let Some(s) = w.stale_summary(&a.stale) {
        out.push_str(&s);
        out.push('\n');
        for l in w.stale_list(&a.stale) {
            out.push_str(&format!("  {l}\n"));
        }
    }
    let f = &a.figures;
    // A pack without programs (rules/mn: special enrollment only) has no
    // eligibility figures to show.
    if w.pack.programs.is_empty() {
        deadlines(w, a, &mut out);
        return out;
    }
    let key = if f.magi_monthly_income.is_some() {
        "check.household"
    } else {
        "check.household_unknown"
    };
    out.push_str(
        &c.ui(
            key,
            &[
                ("size", &f.household_size.to_string()),
                (
                    "magi",
                    &f.magi_monthly_income
                        .map(|m| m.to_string())
                        .unwrap_or_else(|| c.ui("not_answered", &[])),
                ),
                ("pct", f.percent_fpl.as_deref().unwrap_or("?")),
            ],
        ),
    );
    out.push('\n');
    for pf in &f.people {
        let who = pf.name.clone().unwrap_or_else(|| pf.person.clone());
        out.push('\n');
        let unknown = c.ui("not_answered", &[]);
        out.push_str(
            &c.ui(
                "check.person",
                &[
                    ("person", &who),
                    (
                        "age",
                        &pf.age
                            .map(|x| x.to_string())
                            .unwrap_or_else(|| unknown.clone()),
                    ),
                    (
                        "type",
                        pf.household_type
                            .as_deref()
                            .map(|t| c.name("values", t))
                            .unwrap_or(&unknown),
                    ),
                    (
                        "category",
                        pf.immigration_category
                            .as_deref()
                            .map(|t| c.name("immigration_categories", t))
                            .unwrap_or(&unknown),
                    ),
                ],
            ),
        );
        out.push('\n');
        out.push_str(
            &c.ui(
                "check.person_figures",
                &[
                    (
                        "income",
                        &pf.countable_monthly_income
                            .map(|m| m.to_string())
                            .unwrap_or_else(|| unknown.clone()),
                    ),
                    ("pct", pf.masshealth_percent_fpl.as_deref().unwrap_or("?")),
                    (
                        "assets",
                        &pf.countable_assets
                            .map(|m| m.to_string())
                            .unwrap_or_else(|| unknown.clone()),
                    ),
                ],
            ),
        );
        out.push('\n');
        if let Some(d) = pf.deductible {
            out.push_str(&c.ui("check.deductible", &[("amount", &d.to_string())]));
            out.push('\n');
        }
        let mut progs: Vec<_> = a.programs_for(&pf.person).collect();
        progs.sort_by_key(|p| p.status);
        for pr in progs {
            if !why && pr.status == Status::NotEligible {
                continue;
            }
            let mut line = format!("  {}: {}", w.status(pr.status), w.program(&pr.program));
            if let Some(d) = pr.deductible {
                line.push_str(&format!(
                    " ({})",
                    c.ui("deductible_short", &[("amount", &d.to_string())])
                ));
            }
            line.push_str(&w.stale_mark(&pr.stale));
            out.push_str(&line);
            out.push('\n');
            if why || pr.status != Status::Likely {
                for r in w.why_program(pr) {
                    out.push_str(&format!("    {r}\n"));
                }
                if let Some(u) = w.stale_uses(&pr.stale) {
                    out.push_str(&format!("    {u}\n"));
                }
            } else {
                // A likely program's notes (a deductible may apply...) are
                // always worth saying.
                for f in &pr.flags {
                    out.push_str(&format!("    {}\n", c.name("flags", &f.flag)));
                }
            }
        }
        render_proofs(w, a, &pf.person, why, &mut out);
        let hidden = a
            .programs_for(&pf.person)
            .filter(|p| p.status == Status::NotEligible)
            .count();
        if !why && hidden > 0 {
            out.push_str(&format!(
                "  {}\n",
                c.ui("check.hidden", &[("n", &hidden.to_string())])
            ));
        }
    }
    deadlines(w, a, &mut out);
    out
}

/// The deadlines, soonest first, each with its details indented under it.
fn deadlines(w: &Words, a: &Assessment, out: &mut String) {
    let c = w.content;
    out.push('\n');
    if a.deadlines.is_empty() {
        out.push_str(&c.ui("check.no_deadlines", &[]));
        out.push('\n');
        return;
    }
    out.push_str(&c.ui("check.deadlines", &[]));
    out.push('\n');
    let people: Vec<(String, String)> = a
        .figures
        .people
        .iter()
        .map(|p| (p.person.clone(), p.name.clone().unwrap_or(p.person.clone())))
        .collect();
    for d in &a.deadlines {
        out.push_str(&w.deadline_line(d, &people));
        out.push_str(&w.stale_mark(&d.stale));
        out.push('\n');
        for l in w.deadline_details(d) {
            out.push_str(&format!("    {l}\n"));
        }
    }
}

fn render_proofs(w: &Words, a: &Assessment, person: &str, why: bool, out: &mut String) {
    let c = w.content;
    let proofs: Vec<_> = a.proofs.iter().filter(|p| p.person == person).collect();
    if !proofs.is_empty() {
        out.push_str(&c.ui("check.proofs", &[]));
        out.push('\n');
    }
    for p in proofs {
        let mut line = c.ui(
            "check.proof_line",
            &[
                ("status", &w.proof_status(&p.status)),
                ("need", &w.need(&p.need)),
            ],
        );
        if !p.used.is_empty() {
            let docs: Vec<String> = p.used.iter().map(|d| w.document(d)).collect();
            line.push_str(&format!(
                " {}",
                c.ui(
                    "check.proof_used",
                    &[("docs", &docs.join(&c.ui("and_sep", &[])))]
                )
            ));
        }
        out.push_str(&line);
        out.push('\n');
        for r in &p.rejected {
            out.push_str(&format!(
                "      {}\n",
                r.reason.clone().unwrap_or_else(|| w.rejection(r))
            ));
        }
        if let Some(reason) = &p.reason {
            out.push_str(&format!("      {reason}\n"));
        }
        if matches!(p.status, ProofStatus::Missing | ProofStatus::Insufficient) {
            let alts = w.alternatives(p, if why { 99 } else { 4 });
            out.push_str(&format!(
                "      {}\n",
                c.ui("check.proof_accepted", &[("alts", &alts)])
            ));
        }
    }
}
