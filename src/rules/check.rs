//! `intake rules check`: what a pack must satisfy beyond its YAML shape.
//! Unknown facts, programs, parameters and sources; uncited values; gaps and
//! overlaps in effective dates; text missing from content/. Each problem is
//! a `file:line` and a plain sentence.

use super::criteria::{Node, Operand, Test};
use super::params::{Value, table_keys};
use super::{Pack, Reference};
use crate::content::Content;
use crate::engine::assessment::Status;
use crate::engine::facts::{self, Kind};
use crate::error::Problem;
use crate::suggest::unknown;

pub fn check_pack(pack: &Pack) -> Vec<Problem> {
    let mut out = Vec::new();
    let at = |file: &str, path: &str, msg: String| Problem::at(file, pack.line(file, path), msg);
    let check_ref = |out: &mut Vec<Problem>, file: &str, path: &str, r: &Reference, whose: &str| {
        if !pack.sources.contains_key(&*r.source) {
            out.push(at(
                file,
                path,
                format!(
                    "{whose} cites {}",
                    unknown("source", &r.source, pack.sources.keys().map(String::as_str))
                ),
            ));
        }
        if r.section.trim().is_empty() {
            out.push(at(
                file,
                path,
                format!("{whose} cites no section of its source"),
            ));
        }
    };

    // Parameters: cited, dated without gaps from the date the pack covers.
    let mut names: Vec<&String> = pack.params.keys().collect();
    names.sort();
    for name in names {
        let p = &pack.params[name];
        check_ref(
            &mut out,
            &p.file,
            &format!("{name}.reference"),
            &p.reference,
            &format!("parameter '{name}'"),
        );
        if p.values.is_empty() {
            out.push(at(
                &p.file,
                name,
                format!("parameter '{name}' has no values"),
            ));
            continue;
        }
        if let Some(first) = p.first_date()
            && first > pack.covers_from
        {
            out.push(at(
                    &p.file,
                    &format!("{name}.values"),
                    format!(
                        "parameter '{name}' has a gap: the pack covers dates from {} but its first value takes effect on {first}",
                        pack.covers_from
                    ),
                ));
        }
        for w in p.values.windows(2) {
            if w[0].1.is_none() && w[1].0 > pack.covers_from {
                out.push(at(
                    &p.file,
                    &format!("{name}.values"),
                    format!(
                        "parameter '{name}' has a gap: it ends on {} and starts again on {}",
                        w[0].0, w[1].0
                    ),
                ));
            }
        }
        if let Some((d, None)) = p.values.last() {
            out.push(at(
                &p.file,
                &format!("{name}.values"),
                format!("parameter '{name}' ends on {d} with nothing after it"),
            ));
        }
        // Every dated table must have the same keys.
        let mut first_keys: Option<(crate::dates::Date, Vec<String>)> = None;
        for (d, v) in &p.values {
            if let Some(v) = v {
                let mut keys = Vec::new();
                table_keys(v, "", &mut keys);
                match &first_keys {
                    None => first_keys = Some((*d, keys)),
                    Some((d0, k0)) => {
                        let missing: Vec<&String> =
                            k0.iter().filter(|k| !keys.contains(k)).collect();
                        if !missing.is_empty() {
                            out.push(at(
                                &p.file,
                                &format!("{name}.values.{d}"),
                                format!(
                                    "parameter '{name}' has a gap: the value from {d} lacks {} that the value from {d0} has",
                                    missing.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
                                ),
                            ));
                        }
                    }
                }
            }
        }
        if let Some(bd) = &p.breakdown
            && facts::kind_of(bd).is_none()
        {
            out.push(at(
                &p.file,
                &format!("{name}.breakdown"),
                format!(
                    "parameter '{name}' is broken down by {}",
                    unknown("fact", bd, facts::FACTS.iter().map(|(n, _)| *n))
                ),
            ));
        }
        if let (Some(cols), Some((_, Some(Value::Table(t))))) = (&p.columns, p.values.first()) {
            for c in cols {
                if !t.contains_key(c) {
                    out.push(at(
                        &p.file,
                        &format!("{name}.columns"),
                        format!("parameter '{name}' lists column '{c}' but has no values for it"),
                    ));
                }
            }
        }
    }
    for req in facts::REQUIRED_PARAMS {
        if !pack.params.contains_key(req) {
            out.push(Problem::new(format!(
                "the rule pack has no parameter '{req}', which the engine needs"
            )));
        }
    }

    // Programs: criteria name known facts, parameters, programs.
    let program_ids: Vec<&str> = pack.programs.iter().map(|p| p.id.as_str()).collect();
    for prog in &pack.programs {
        let file = prog.file.as_str();
        check_ref(
            &mut out,
            file,
            &format!("{}.reference", prog.id),
            &prog.reference,
            &format!("program '{}'", prog.id),
        );
        let mut seen = std::collections::HashSet::new();
        let mut nodes: Vec<(&Node, String)> = vec![(&prog.criteria, prog.id.clone())];
        for f in &prog.flags {
            check_ref(
                &mut out,
                file,
                &format!("{}.reference", f.path),
                &f.reference,
                &format!("flag '{}'", f.id),
            );
            nodes.push((&f.when, format!("flag '{}'", f.id)));
        }
        for (node, _) in nodes {
            for leaf in node.leaves() {
                let lp = leaf.path.as_str();
                if std::ptr::eq(node, &prog.criteria) && !seen.insert(leaf.id.clone()) {
                    out.push(at(
                        file,
                        lp,
                        format!(
                            "program '{}' has two criteria with the id '{}'",
                            prog.id, leaf.id
                        ),
                    ));
                }
                if let Some(r) = &leaf.reference {
                    check_ref(
                        &mut out,
                        file,
                        &format!("{lp}.reference"),
                        r,
                        &format!("criterion '{}'", leaf.id),
                    );
                }
                match &leaf.test {
                    Test::Program {
                        program, status_in, ..
                    } => {
                        if !program_ids.contains(&program.as_str()) {
                            out.push(at(
                                file,
                                lp,
                                format!(
                                    "criterion '{}' tests {}",
                                    leaf.id,
                                    unknown("program", program, program_ids.iter().copied())
                                ),
                            ));
                        }
                        for s in status_in.iter() {
                            if !Status::IDS.contains(&s.as_str()) {
                                out.push(at(
                                    file,
                                    lp,
                                    format!(
                                        "criterion '{}': {}",
                                        leaf.id,
                                        unknown("status", s, Status::IDS)
                                    ),
                                ));
                            }
                        }
                    }
                    Test::Fact { fact, op, rhs, .. } => {
                        let Some(kind) = facts::kind_of(fact) else {
                            out.push(at(
                                file,
                                &format!("{lp}.fact"),
                                format!(
                                    "criterion '{}' names {}",
                                    leaf.id,
                                    unknown("fact", fact, facts::FACTS.iter().map(|(n, _)| *n))
                                ),
                            ));
                            continue;
                        };
                        check_operand(pack, &mut out, file, lp, &leaf.id, fact, kind, *op, rhs);
                    }
                }
            }
        }
        if let Some(d) = &prog.deductible {
            if !prog.criteria.leaves().iter().any(|l| *l.id == *d.criterion) {
                out.push(at(
                    file,
                    &format!("{}.deductible", prog.id),
                    format!(
                        "program '{}': the deductible names criterion '{}', which it does not have",
                        prog.id, d.criterion
                    ),
                ));
            }
            if !pack.params.contains_key(&d.months) {
                out.push(at(
                    file,
                    &format!("{}.deductible", prog.id),
                    format!(
                        "program '{}': {}",
                        prog.id,
                        unknown(
                            "parameter",
                            &d.months,
                            pack.params.keys().map(String::as_str)
                        )
                    ),
                ));
            }
        }
    }

    let kind_files = [
        (
            "income",
            pack.income_kinds
                .iter()
                .map(|(k, v)| (k, &v.reference))
                .collect::<Vec<_>>(),
        ),
        (
            "asset",
            pack.asset_kinds
                .iter()
                .map(|(k, v)| (k, &v.reference))
                .collect(),
        ),
    ];
    for (what, items) in kind_files {
        let file = pack
            .origins
            .get(&format!("file:{what}"))
            .map(|o| o.0.clone())
            .unwrap_or_default();
        for (k, r) in items {
            check_ref(
                &mut out,
                &file,
                &format!("{k}.reference"),
                r,
                &format!("{what} kind '{k}'"),
            );
        }
    }
    let file = pack
        .origins
        .get("file:immigration")
        .map(|o| o.0.clone())
        .unwrap_or_default();
    for (k, s) in &pack.immigration.statuses {
        check_ref(
            &mut out,
            &file,
            &format!("statuses.{k}.reference"),
            &s.reference,
            &format!("immigration status '{k}'"),
        );
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn check_operand(
    pack: &Pack,
    out: &mut Vec<Problem>,
    file: &str,
    lp: &str,
    id: &str,
    fact: &str,
    kind: Kind,
    op: super::criteria::Op,
    rhs: &Operand,
) {
    use super::criteria::Op;
    let at = |path: &str, msg: String| Problem::at(file, pack.line(file, path), msg);
    let opname = op.name();
    match rhs {
        Operand::Param {
            name,
            column,
            column_from,
            ..
        } => {
            let Some(p) = pack.params.get(name) else {
                out.push(at(
                    &format!("{lp}.{opname}"),
                    format!(
                        "criterion '{id}' compares with {}",
                        unknown("parameter", name, pack.params.keys().map(String::as_str))
                    ),
                ));
                return;
            };
            if !matches!(kind, Kind::Int | Kind::Money) {
                out.push(at(lp, format!("criterion '{id}' compares '{fact}', which is not a number, with parameter '{name}'")));
            }
            if let Some(c) = column
                && !p.columns.as_ref().is_some_and(|cs| cs.contains(c))
            {
                out.push(at(
                    &format!("{lp}.{opname}"),
                    format!("criterion '{id}': parameter '{name}' has no column '{c}'"),
                ));
            }
            if let Some(cf) = column_from
                && !pack.params.contains_key(cf)
            {
                out.push(at(
                    &format!("{lp}.{opname}"),
                    format!(
                        "criterion '{id}': the column comes from {}",
                        unknown("parameter", cf, pack.params.keys().map(String::as_str))
                    ),
                ));
            }
            if p.columns.is_some() && column.is_none() && column_from.is_none() {
                out.push(at(&format!("{lp}.{opname}"), format!("criterion '{id}': parameter '{name}' is a table with columns; say which with 'column' or 'column_from'")));
            }
        }
        Operand::Bool(_) => {
            if kind != Kind::Bool || !matches!(op, Op::Eq | Op::Ne) {
                out.push(at(
                    lp,
                    format!("criterion '{id}' compares '{fact}' with yes/no using '{opname}'"),
                ));
            }
        }
        Operand::Num(_) => {
            if !matches!(kind, Kind::Int | Kind::Money) {
                out.push(at(
                    lp,
                    format!(
                        "criterion '{id}' compares '{fact}', which is not a number, with a number"
                    ),
                ));
            }
        }
        Operand::Text(t) => match kind {
            Kind::Text(allowed) if !allowed.contains(&t.as_str()) => {
                out.push(at(
                    lp,
                    format!(
                        "criterion '{id}': {}",
                        unknown(&format!("value of {fact}"), t, allowed.iter().copied())
                    ),
                ));
            }
            Kind::Text(_) => {}
            _ => out.push(at(
                lp,
                format!("criterion '{id}' compares '{fact}' with the word '{t}'"),
            )),
        },
        Operand::List(items) => {
            if !matches!(op, Op::In | Op::NotIn) {
                out.push(at(
                    lp,
                    format!("criterion '{id}' uses a list with '{opname}'; use 'in' or 'not_in'"),
                ));
            }
            if let Kind::Text(allowed) = kind {
                for t in items.iter() {
                    if !allowed.contains(&t.as_str()) {
                        out.push(at(
                            lp,
                            format!(
                                "criterion '{id}': {}",
                                unknown(&format!("value of {fact}"), t, allowed.iter().copied())
                            ),
                        ));
                    }
                }
            }
        }
    }
}

/// Every id the pack uses has words in content/.
pub fn check_content(pack: &Pack, content: &Content) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut need = |section: &str, id: &str, file: &str, path: &str| {
        if content.get(section, id).is_none() {
            out.push(Problem::at(
                file,
                pack.line(file, path),
                format!(
                    "'{id}' has no text in content ({}: {id})",
                    content.file_for(section)
                ),
            ));
        }
    };
    for prog in &pack.programs {
        need("programs", &prog.id, &prog.file, &prog.id);
        for leaf in prog.criteria.leaves() {
            if let Test::Fact { fact, .. } = &leaf.test {
                need("facts", fact, &prog.file, &leaf.path);
            }
        }
        for f in &prog.flags {
            need("flags", &f.id, &prog.file, &f.path);
        }
    }
    let origin = |k: &str| {
        pack.origins
            .get(&format!("file:{k}"))
            .map(|o| o.0.clone())
            .unwrap_or_default()
    };
    for k in pack.income_kinds.keys() {
        need("income_kinds", k, &origin("income"), k);
    }
    for k in pack.asset_kinds.keys() {
        need("asset_kinds", k, &origin("asset"), k);
    }
    for k in pack.immigration.statuses.keys() {
        need(
            "immigration_statuses",
            k,
            &origin("immigration"),
            &format!("statuses.{k}"),
        );
    }
    for c in facts::CATEGORIES {
        need(
            "immigration_categories",
            c,
            &origin("immigration"),
            "statuses",
        );
    }
    if let Some(pr) = &pack.proofs {
        for k in pr.documents.keys() {
            need("documents", k, &pr.documents_file, k);
        }
        for k in pr.needs.keys() {
            need("needs", k, &pr.proofs_file, &format!("needs.{k}"));
        }
        for e in &pr.exemptions {
            need(
                "proof_reasons",
                &e.id,
                &pr.proofs_file,
                &format!("exemptions.{}", e.id),
            );
        }
    }
    if pack.proofs.is_some() {
        for code in crate::engine::proofs::REASON_CODES {
            need("proof_reasons", code, "", "");
        }
        for st in ["satisfied", "exempt", "insufficient", "missing"] {
            need("proof_statuses", st, "", "");
        }
    }
    for src in pack.sources.keys() {
        need("sources", src, "", "");
    }
    for s in Status::IDS {
        need("statuses", s, "", "");
    }
    out
}
