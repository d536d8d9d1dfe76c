//! `intake rules check`: what a pack must satisfy beyond its YAML shape.
//! Unknown facts, programs, parameters and sources; uncited values; gaps and
//! overlaps in effective dates; text missing from content/. Each problem is
//! a `file:line` and a plain sentence.

use super::criteria::{Node, Operand, Test};
use super::events::{Anchor, DateRule, Per, WindowKind};
use super::params::{Unit, Value, table_keys};
use super::{Pack, Reference};
use crate::content::Content;
use crate::engine::assessment::Status;
use crate::engine::deadlines::{EVENT_FACTS, METAL_LIST_WORDS, event_fact_kind};
use crate::engine::facts::{self, Kind};
use crate::error::Problem;
use crate::suggest::unknown;
use rust_decimal::Decimal;

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
        match &p.update {
            None if p.needs_update() => out.push(at(
                &p.file,
                name,
                format!(
                    "parameter '{name}' is money or a percentage but does not say how long a value lasts: add 'updated' (every: year with on: MM-DD, or review_by: DATE), with its reference"
                ),
            )),
            Some(u) => check_ref(
                &mut out,
                &p.file,
                &format!("{name}.updated.reference"),
                &u.reference,
                &format!("parameter '{name}' (updated)"),
            ),
            None => {}
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
    // The facts' computations read these; a pack without programs (rules/mn)
    // computes no facts.
    for req in facts::REQUIRED_PARAMS {
        if !pack.programs.is_empty() && !pack.params.contains_key(req) {
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
                check_leaf(pack, &mut out, file, leaf, &program_ids);
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
    check_events(pack, &mut out);
    check_deadlines(pack, &mut out, &program_ids);
    out
}

/// The line of `path`, or of its nearest enclosing key that can be found:
/// a key inside a one-line `{...}` mapping is on its parent's line.
fn line_near(pack: &Pack, file: &str, path: &str) -> Option<usize> {
    let mut p = path;
    loop {
        if let Some(l) = pack.line(file, p) {
            return Some(l);
        }
        match p.rfind(['.', '[']) {
            Some(i) => p = &p[..i],
            None => return None,
        }
    }
}

/// A parameter named by an event or deadline exists, has one of the
/// expected units, and holds whole numbers (a day of the month: 1 to 28, so
/// every month has it).
fn check_param(
    pack: &Pack,
    out: &mut Vec<Problem>,
    file: &str,
    path: &str,
    name: &str,
    units: &[Unit],
    whose: &str,
) {
    let at = |msg: String| Problem::at(file, line_near(pack, file, path), msg);
    let Some(p) = pack.params.get(name) else {
        out.push(at(format!(
            "{whose} names {}",
            unknown("parameter", name, pack.params.keys().map(String::as_str))
        )));
        return;
    };
    if !units.contains(&p.unit) {
        out.push(at(format!(
            "{whose} names parameter '{name}', whose unit is {:?}; expected {}",
            p.unit,
            units
                .iter()
                .map(|u| format!("{u:?}"))
                .collect::<Vec<_>>()
                .join(" or ")
        )));
    }
    for (d, v) in &p.values {
        match v {
            Some(Value::Num(n)) if !n.fract().is_zero() => out.push(at(format!(
                "{whose}: parameter '{name}' from {d} is {n}, not a whole number"
            ))),
            Some(Value::Num(n))
                if p.unit == Unit::DayOfMonth
                    && (*n < Decimal::ONE || *n > Decimal::from(28)) =>
            {
                out.push(at(format!(
                    "{whose}: parameter '{name}' from {d} is {n}; a day every month has runs from 1 to 28"
                )))
            }
            Some(Value::Table(_)) => out.push(at(format!(
                "{whose}: parameter '{name}' is a table; a single number was expected"
            ))),
            _ => {}
        }
    }
}

fn check_events(pack: &Pack, out: &mut Vec<Problem>) {
    for (id, ev) in &pack.events {
        let file = ev.file.as_str();
        let at = |path: &str, msg: String| Problem::at(file, line_near(pack, file, path), msg);
        let whose = format!("event '{id}'");
        check_source(
            pack,
            out,
            file,
            &format!("{id}.reference"),
            &ev.reference,
            &whose,
        );
        let w = &ev.window;
        let wp = format!("{id}.window");
        if w.kind == WindowKind::DaysFromEvent {
            match &w.days {
                Some(p) => check_param(
                    pack,
                    out,
                    file,
                    &format!("{wp}.days"),
                    p,
                    &[Unit::Days],
                    &whose,
                ),
                None => out.push(at(
                    &wp,
                    format!("{whose}: a window counted from the event needs 'days' (a parameter)"),
                )),
            }
            if let Some(p) = &w.early_days {
                check_param(
                    pack,
                    out,
                    file,
                    &format!("{wp}.early_days"),
                    p,
                    &[Unit::Days],
                    &whose,
                );
            }
        } else {
            for (k, v) in [
                ("days", &w.days),
                ("early_days", &w.early_days),
                ("date_is", &w.date_is),
            ] {
                if v.is_some() {
                    out.push(at(
                        &format!("{wp}.{k}"),
                        format!("{whose}: '{k}' applies only to a window counted from the event (kind: days_from_event)"),
                    ));
                }
            }
        }
        if let Some(node) = &ev.conditions {
            let mut seen = std::collections::HashSet::new();
            for leaf in node.leaves() {
                let lp = leaf.path.as_str();
                if !seen.insert(&*leaf.id) {
                    out.push(at(
                        lp,
                        format!("{whose} has two conditions with the id '{}'", leaf.id),
                    ));
                }
                if let Some(r) = &leaf.reference {
                    check_source(
                        pack,
                        out,
                        file,
                        &format!("{lp}.reference"),
                        r,
                        &format!("condition '{}'", leaf.id),
                    );
                }
                match &leaf.test {
                    Test::Program { .. } => out.push(at(
                        lp,
                        format!("condition '{}' tests a program; an event's conditions test the event's answers", leaf.id),
                    )),
                    Test::Fact { fact, op, rhs, .. } => {
                        let Some(kind) = event_fact_kind(fact) else {
                            out.push(at(
                                &format!("{lp}.fact"),
                                format!(
                                    "condition '{}' names {}",
                                    leaf.id,
                                    unknown("event fact", fact, EVENT_FACTS.iter().map(|(n, _)| *n))
                                ),
                            ));
                            continue;
                        };
                        if matches!(rhs, Operand::Param { .. } | Operand::Num(_)) {
                            out.push(at(lp, format!("condition '{}' compares '{fact}' with a number; an event's answers are yes/no or words", leaf.id)));
                            continue;
                        }
                        check_operand(pack, out, file, lp, &leaf.id, fact, kind, *op, rhs);
                    }
                }
            }
        }
        for (i, o) in ev.coverage_start.iter().enumerate() {
            let op = format!("{id}.coverage_start[{i}]");
            if o.rule.needs_day() {
                match &o.day {
                    Some(p) => check_param(pack, out, file, &format!("{op}.day"), p, &[Unit::DayOfMonth], &whose),
                    None => out.push(at(
                        &op,
                        format!("{whose}: coverage rule '{}' needs 'day' (a parameter: the cutoff day of the month)", o.rule.id()),
                    )),
                }
            } else if o.day.is_some() {
                out.push(at(
                    &format!("{op}.day"),
                    format!("{whose}: coverage rule '{}' takes no 'day'", o.rule.id()),
                ));
            }
            if o.when_selected.is_some() && w.kind != WindowKind::DaysFromEvent {
                out.push(at(
                    &op,
                    format!("{whose}: 'when_selected' needs an event date (kind: days_from_event)"),
                ));
            }
            if let Some(r) = &o.reference {
                check_source(pack, out, file, &format!("{op}.reference"), r, &whose);
            }
            if ev.coverage_start[..i].iter().any(|x| x.rule == o.rule) {
                out.push(at(
                    &op,
                    format!("{whose} lists coverage rule '{}' twice", o.rule.id()),
                ));
            }
        }
        if let Some(ml) = &ev.metal_levels {
            let mp = format!("{id}.metal_levels");
            check_source(
                pack,
                out,
                file,
                &format!("{mp}.reference"),
                &ml.reference,
                &whose,
            );
            match ml.values.keys().next() {
                None => out.push(at(&mp, format!("{whose}: metal_levels has no values"))),
                Some(first) if *first > pack.covers_from => out.push(at(
                    &format!("{mp}.values"),
                    format!(
                        "{whose}: metal_levels has a gap: the pack covers dates from {} but its first value takes effect on {first}",
                        pack.covers_from
                    ),
                )),
                _ => {}
            }
            for (d, list) in &ml.values {
                if list.is_empty() {
                    out.push(at(
                        &format!("{mp}.values.{d}"),
                        format!("{whose}: metal_levels from {d} is empty"),
                    ));
                }
                for l in list {
                    if !METAL_LIST_WORDS.contains(&l.as_str()) {
                        out.push(at(
                            &format!("{mp}.values.{d}"),
                            format!(
                                "{whose}: {}",
                                unknown("metal level", l, METAL_LIST_WORDS.iter().copied())
                            ),
                        ));
                    }
                }
            }
        }
    }
}

fn check_deadlines(pack: &Pack, out: &mut Vec<Problem>, program_ids: &[&str]) {
    for dl in &pack.deadlines {
        let file = dl.file.as_str();
        let id = &dl.id;
        let at = |path: &str, msg: String| Problem::at(file, line_near(pack, file, path), msg);
        let whose = format!("deadline '{id}'");
        check_source(
            pack,
            out,
            file,
            &format!("{id}.reference"),
            &dl.reference,
            &whose,
        );
        let mut rules = vec![(format!("{id}.rule"), &dl.from, &dl.rule)];
        for (i, a) in dl.also.iter().enumerate() {
            rules.push((format!("{id}.also[{i}]"), &a.from, &a.rule));
            if dl.also[..i].iter().any(|b| b.id == a.id) {
                out.push(at(
                    &format!("{id}.also[{i}]"),
                    format!("{whose} lists '{}' twice", a.id),
                ));
            }
        }
        for (path, from, rule) in rules {
            if from.is_empty() {
                out.push(at(
                    &path,
                    format!("{whose}: 'from' names no date to count from"),
                ));
            }
            if dl.per == Per::Household && from.contains(&Anchor::InstitutionEntryDate) {
                out.push(at(
                    &path,
                    format!("{whose} is for the household but counts from a person's institution entry date; use 'for: person'"),
                ));
            }
            if let Some(p) = rule.param() {
                let units: &[Unit] = match rule {
                    DateRule::AddDays(_) | DateRule::SubtractDays(_) => &[Unit::Days],
                    _ => &[Unit::Months],
                };
                check_param(pack, out, file, &path, p, units, &whose);
            }
        }
        if let Some(node) = &dl.when {
            for leaf in node.leaves() {
                check_leaf(pack, out, file, leaf, program_ids);
            }
        }
    }
}

/// One criterion of a program or a deadline's condition: its citation, and
/// the fact, parameter or program it names.
fn check_leaf(
    pack: &Pack,
    out: &mut Vec<Problem>,
    file: &str,
    leaf: &super::criteria::Leaf,
    program_ids: &[&str],
) {
    let at = |path: &str, msg: String| Problem::at(file, pack.line(file, path), msg);
    let lp = leaf.path.as_str();
    if let Some(r) = &leaf.reference {
        check_source(
            pack,
            out,
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
                    &format!("{lp}.fact"),
                    format!(
                        "criterion '{}' names {}",
                        leaf.id,
                        unknown("fact", fact, facts::FACTS.iter().map(|(n, _)| *n))
                    ),
                ));
                return;
            };
            check_operand(pack, out, file, lp, &leaf.id, fact, kind, *op, rhs);
        }
    }
}

/// A citation names a known source and a section of it.
fn check_source(
    pack: &Pack,
    out: &mut Vec<Problem>,
    file: &str,
    path: &str,
    r: &Reference,
    whose: &str,
) {
    if !pack.sources.contains_key(&*r.source) {
        out.push(Problem::at(
            file,
            line_near(pack, file, path),
            format!(
                "{whose} cites {}",
                unknown("source", &r.source, pack.sources.keys().map(String::as_str))
            ),
        ));
    }
    if r.section.trim().is_empty() {
        out.push(Problem::at(
            file,
            line_near(pack, file, path),
            format!("{whose} cites no section of its source"),
        ));
    }
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
    for name in pack.params.keys() {
        let p = &pack.params[name];
        if p.needs_update() {
            need("figures", name, &p.file, name);
        }
    }
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
    for (id, ev) in &pack.events {
        need("events", id, &ev.file, id);
        if let Some(w) = &ev.window.date_is {
            need("event_terms", w, &ev.file, &format!("{id}.window.date_is"));
        }
        if let Some(node) = &ev.conditions {
            for leaf in node.leaves() {
                need("event_terms", &leaf.id, &ev.file, &leaf.path);
            }
        }
        for p in &ev.proofs {
            need("event_terms", p, &ev.file, &format!("{id}.proofs"));
        }
        if let Some(c) = &ev.caution {
            need("event_terms", c, &ev.file, &format!("{id}.caution"));
        }
    }
    for dl in &pack.deadlines {
        need("deadlines", &dl.id, &dl.file, &dl.id);
        if let Some(node) = &dl.when {
            for leaf in node.leaves() {
                if let Test::Fact { fact, .. } = &leaf.test {
                    need("facts", fact, &dl.file, &leaf.path);
                }
            }
        }
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
    // Events and deadlines are shown with a name and what must happen by
    // the date; a deadline's extra dates are named in its own entry.
    let mut field = |section: &str, id: &str, f: &str, file: &str, path: &str| {
        if content.get(section, id).is_some() && content.field(section, id, f).is_none() {
            out.push(Problem::at(
                file,
                pack.line(file, path),
                format!(
                    "'{id}' has no '{f}' in content ({}: {id}.{f})",
                    content.file_for(section)
                ),
            ));
        }
    };
    for (id, ev) in &pack.events {
        for f in ["name", "due"] {
            field("events", id, f, &ev.file, id);
        }
    }
    for dl in &pack.deadlines {
        for f in ["name", "due"] {
            field("deadlines", &dl.id, f, &dl.file, &dl.id);
        }
        for (i, a) in dl.also.iter().enumerate() {
            field(
                "deadlines",
                &dl.id,
                &a.id,
                &dl.file,
                &format!("{}.also[{i}]", dl.id),
            );
        }
    }
    out
}
