//! The engine: a pure function from (rule pack, intake record, as-of date)
//! to an assessment. No I/O, no clock.

pub mod assessment;
pub mod deadlines;
pub mod diff;
pub mod facts;
pub mod proofs;
pub mod validate;

use crate::dates::Date;
use crate::error::{Problem, Result};
use crate::model::{Intake, Person};
use crate::money::Money;
use crate::rules::criteria::{Leaf, Node, Op, Operand, Test};
use crate::rules::{Pack, Reference, params};
pub use assessment::*;
use facts::{Ctx, FV};
use rust_decimal::Decimal;
use std::sync::Arc;

/// Assess an intake record on `as_of` under `pack`.
/// How much to say about each determination.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Every criterion with its answer, threshold and citation ("why").
    Reasons,
    /// Statuses, amounts, proofs and deadlines only (bulk rescreening).
    Statuses,
}

pub fn assess(pack: &Pack, intake: &Intake, as_of: Date) -> Result<Assessment> {
    assess_with(pack, intake, as_of, Detail::Reasons)
}

/// Assess an intake record on `as_of` under `pack`, with `detail`.
pub fn assess_with(
    pack: &Pack,
    intake: &Intake,
    as_of: Date,
    detail: Detail,
) -> Result<Assessment> {
    if as_of < pack.covers_from {
        return Err(Problem::new(format!(
            "the {} rules cover dates from {}; the as-of date {as_of} is earlier, and no rule says what applied then",
            pack.name, pack.covers_from
        )));
    }
    validate::validate(pack, intake, as_of)?;
    let mut ctx = Ctx::new(pack, intake, as_of);
    ctx.reasons = detail == Detail::Reasons;
    let mut programs = Vec::new();
    // Each applying person's statuses by position in the pack, in the order
    // of the people (the deadlines' criteria read them).
    let mut by_person: Vec<Vec<Option<Status>>> = Vec::new();
    for person in intake.people.iter().filter(|p| p.applying) {
        let mut statuses: Vec<Option<Status>> = vec![None; pack.programs.len()];
        let person_id: Arc<str> = person.id.as_str().into();
        for (i, prog) in pack.programs.iter().enumerate() {
            let outer = ctx.begin_scope();
            let r = assess_program(&ctx, prog, person, &person_id, &statuses);
            let read = ctx.end_scope(outer);
            let mut r = r?;
            ctx.set_program_stale(person, i, read);
            r.stale = ctx.stale_names(read);
            statuses[i] = Some(r.status);
            programs.push(r);
        }
        by_person.push(statuses);
    }
    let figures = figures(&ctx)?;
    let proofs = proofs::check(&ctx)?;
    let deadlines = deadlines::compute(&ctx, &by_person)?;
    Ok(Assessment {
        as_of,
        pack: PackInfo {
            id: pack.id.clone(),
            name: pack.name.clone(),
            covers_from: pack.covers_from,
            effective_dates: if ctx.reasons {
                ctx.effective_dates()
            } else {
                Default::default()
            },
        },
        figures,
        programs,
        proofs,
        deadlines,
        stale: {
            let mut s = ctx.stale_read();
            sort_stale(&mut s);
            s
        },
    })
}

/// Every figure of the pack past its review date on `as_of`, soonest due
/// first: what a front end says before any answer is taken.
pub fn stale_figures(pack: &Pack, as_of: Date) -> Vec<StaleFigure> {
    let mut out: Vec<StaleFigure> = pack
        .params
        .keys()
        .filter_map(|name| {
            let (effective, review_by) = pack.params[name].stale_on(as_of)?;
            Some(StaleFigure {
                parameter: name.clone(),
                effective,
                review_by,
            })
        })
        .collect();
    sort_stale(&mut out);
    out
}

fn sort_stale(v: &mut [StaleFigure]) {
    v.sort_by(|a, b| {
        (a.review_by, a.effective, &a.parameter).cmp(&(b.review_by, b.effective, &b.parameter))
    });
}

pub(crate) fn cite(r: &Reference) -> Citation {
    Citation {
        source: r.source.clone(),
        section: r.section.clone(),
    }
}

/// Program statuses so far for one person, by position in the pack.
pub(crate) type Statuses = [Option<Status>];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tri {
    T,
    F,
    U,
}

struct LeafResult {
    tri: Tri,
    /// For a failed money comparison: how far over (value - threshold).
    excess: Option<Decimal>,
}

/// Evaluate every leaf of a tree once, in leaf order. With `reasons`, each
/// leaf's reason is pushed there, in the same order (the caller keeps them:
/// no reason is built that nobody keeps).
fn eval_leaves(
    ctx: &Ctx,
    node: &Node,
    count: usize,
    person: &Person,
    statuses: &Statuses,
    default_ref: &Reference,
    mut reasons: Option<&mut Vec<Reason>>,
) -> Result<Vec<LeafResult>> {
    // Leaves are numbered in this same depth-first order, so pushing keeps
    // result i at position i.
    let mut out: Vec<LeafResult> = Vec::with_capacity(count);
    if let Some(r) = reasons.as_deref_mut() {
        r.reserve(count);
    }
    fn walk(
        ctx: &Ctx,
        n: &Node,
        person: &Person,
        statuses: &Statuses,
        default_ref: &Reference,
        out: &mut Vec<LeafResult>,
        reasons: &mut Option<&mut Vec<Reason>>,
    ) -> Result<()> {
        match n {
            Node::All(v) | Node::Any(v) => {
                for c in v {
                    walk(ctx, c, person, statuses, default_ref, out, reasons)?;
                }
            }
            Node::Not(c) => walk(ctx, c, person, statuses, default_ref, out, reasons)?,
            Node::Leaf(l) => {
                debug_assert_eq!(out.len(), l.index);
                out.push(eval_leaf(
                    ctx,
                    l,
                    person,
                    statuses,
                    default_ref,
                    reasons.as_deref_mut(),
                )?)
            }
        }
        Ok(())
    }
    walk(
        ctx,
        node,
        person,
        statuses,
        default_ref,
        &mut out,
        &mut reasons,
    )?;
    Ok(out)
}

/// Combine leaf outcomes through all/any/not; `assume_met` treats one leaf
/// as met (to ask whether meeting a deductible would be enough).
fn fold(node: &Node, leaves: &[LeafResult], assume_met: Option<usize>) -> Tri {
    match node {
        Node::All(ns) => {
            let mut acc = Tri::T;
            for n in ns {
                match fold(n, leaves, assume_met) {
                    Tri::F => acc = Tri::F,
                    Tri::U if acc == Tri::T => acc = Tri::U,
                    _ => {}
                }
            }
            acc
        }
        Node::Any(ns) => {
            let mut acc = Tri::F;
            for n in ns {
                match fold(n, leaves, assume_met) {
                    Tri::T => acc = Tri::T,
                    Tri::U if acc == Tri::F => acc = Tri::U,
                    _ => {}
                }
            }
            acc
        }
        Node::Not(n) => match fold(n, leaves, assume_met) {
            Tri::T => Tri::F,
            Tri::F => Tri::T,
            Tri::U => Tri::U,
        },
        Node::Leaf(l) if assume_met == Some(l.index) => Tri::T,
        Node::Leaf(l) => leaves[l.index].tri,
    }
}

/// Whether criteria hold for a person (None: not known yet).
pub(crate) fn holds(
    ctx: &Ctx,
    node: &Node,
    count: usize,
    person: &Person,
    reference: &Reference,
) -> Result<Option<bool>> {
    let leaves = eval_leaves(ctx, node, count, person, &[], reference, None)?;
    Ok(match fold(node, &leaves, None) {
        Tri::T => Some(true),
        Tri::F => Some(false),
        Tri::U => None,
    })
}

fn assess_program(
    ctx: &Ctx,
    prog: &crate::rules::Program,
    person: &Person,
    person_id: &Arc<str>,
    statuses: &Statuses,
) -> Result<ProgramResult> {
    let mut reasons: Vec<Reason> = Vec::new();
    let leaves = eval_leaves(
        ctx,
        &prog.criteria,
        prog.leaf_count,
        person,
        statuses,
        &prog.reference,
        ctx.reasons.then_some(&mut reasons),
    )?;
    let tri = fold(&prog.criteria, &leaves, None);
    let mut status = match tri {
        Tri::T => Status::Likely,
        Tri::U => Status::Possible,
        Tri::F => Status::NotEligible,
    };
    let mut deductible = None;
    if tri != Tri::T {
        let income = prog.deductible.as_ref().zip(prog.deductible_leaf);
        if let Some((rule, i)) = income.filter(|(_, i)| leaves[*i].tri == Tri::F) {
            match fold(&prog.criteria, &leaves, Some(i)) {
                Tri::T => {
                    let months = ctx.num(&rule.months)?;
                    deductible = leaves[i].excess.map(|e| Money((e * months).round_dp(2)));
                    status = Status::LikelyAfterDeductible;
                }
                Tri::U => status = Status::Possible,
                Tri::F => {}
            }
        }
    }
    // The criteria that decided it, following all/any/not: for a failed
    // `all`, its failed parts; for a met `any`, its met parts; and so on.
    if ctx.reasons {
        let mut decisive = vec![false; leaves.len()];
        mark_decisive(&prog.criteria, &leaves, tri, &mut decisive);
        for (r, d) in reasons.iter_mut().zip(decisive) {
            r.decisive = d;
        }
    }
    let mut flags = Vec::new();
    if matches!(status, Status::Likely | Status::LikelyAfterDeductible) {
        for f in &prog.flags {
            if holds(ctx, &f.when, f.leaf_count, person, &f.reference)? == Some(true) {
                flags.push(FlagNote {
                    flag: f.id.clone(),
                    citation: cite(&f.reference),
                });
            }
        }
    }
    Ok(ProgramResult {
        program: prog.id_arc.clone(),
        person: person_id.clone(),
        status,
        deductible,
        citation: cite(&prog.reference),
        reasons,
        flags,
        stale: Vec::new(),
    })
}

fn val(v: &FV) -> Option<Val> {
    match v {
        FV::Bool(b) => Some(Val::Bool(*b)),
        FV::Int(i) => Some(Val::Int(*i)),
        FV::Money(m) => Some(Val::Money(*m)),
        FV::Text(t) => Some(Val::Static(t)),
        FV::Unknown => None,
    }
}

/// The right-hand side of a comparison, resolved on the as-of date, with
/// the parameter it came from and that value's effective date.
/// A resolved threshold and, when it came from a parameter, which one and
/// the date its value took effect.
/// (The parameter by its slot: its name is only needed for reasons.)
type Resolved = (FV, Option<(usize, Date)>);

fn resolve(ctx: &Ctx, rhs: &Operand, person: &Person) -> Result<Resolved> {
    Ok(match rhs {
        Operand::Bool(b) => (FV::Bool(*b), None),
        Operand::Num(n) => (FV::Money(*n), None),
        Operand::Text(_) | Operand::List(_) => (FV::Unknown, None),
        Operand::Param {
            name,
            slot,
            column_slot,
            column,
            ..
        } => {
            let p = ctx.pack.params.at(*slot);
            let (eff, v) = p.at(ctx.as_of)?;
            ctx.note_used_slot(*slot, eff);
            // Table keys, written on the stack: no allocation per criterion.
            let mut col_buf = [0u8; 24];
            let mut key_buf = [0u8; 24];
            let mut keys: [&str; 2] = [""; 2];
            let mut n = 0;
            if let Some(c) = column {
                keys[n] = c;
                n += 1;
            }
            if *column_slot != usize::MAX {
                let cp = ctx.pack.params.at(*column_slot);
                let (ceff, cv) = cp.at(ctx.as_of)?;
                ctx.note_used_slot(*column_slot, ceff);
                let num = params::lookup_num(cv, &[]).unwrap_or_default();
                keys[n] = int_key(num, &mut col_buf);
                n += 1;
            }
            if let Some(bi) = p.breakdown_index {
                let key = match ctx.fact_at(person, bi)? {
                    FV::Text(t) => t,
                    FV::Int(i) => int_key(Decimal::from(i), &mut key_buf),
                    FV::Bool(b) => {
                        if b {
                            "true"
                        } else {
                            "false"
                        }
                    }
                    _ => return Ok((FV::Unknown, Some((*slot, eff)))),
                };
                if n < 2 {
                    keys[n] = key;
                    n += 1;
                }
            }
            let num = params::lookup_num(v, &keys[..n]).ok_or_else(|| {
                Problem::new(format!(
                    "parameter '{name}' has no value for {} on {}",
                    keys[..n].join(", "),
                    ctx.as_of
                ))
            })?;
            (FV::Money(num), Some((*slot, eff)))
        }
    })
}

/// A whole number written into `buf`, as table keys are ("300", "2").
fn int_key(n: Decimal, buf: &mut [u8; 24]) -> &str {
    let n = n.normalize();
    let Ok(mut v) = u64::try_from(n.trunc()) else {
        return "";
    };
    if n.fract() != Decimal::ZERO {
        return "";
    }
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 || i == 0 {
            break;
        }
    }
    std::str::from_utf8(&buf[i..]).unwrap_or("")
}

fn num_of(v: &FV) -> Option<Decimal> {
    match v {
        FV::Int(i) => Some(Decimal::from(*i)),
        FV::Money(m) => Some(*m),
        _ => None,
    }
}

fn eval_leaf(
    ctx: &Ctx,
    leaf: &Leaf,
    person: &Person,
    statuses: &Statuses,
    default_ref: &Reference,
    reasons: Option<&mut Vec<Reason>>,
) -> Result<LeafResult> {
    match &leaf.test {
        Test::Program {
            program_index,
            status_in,
            ..
        } => {
            let st = statuses.get(*program_index).copied().flatten();
            ctx.read_program_status(person, *program_index);
            let tri = match st {
                Some(s) if status_in.iter().any(|x| x == s.id()) => Tri::T,
                Some(Status::Possible) => Tri::U,
                Some(_) => Tri::F,
                None => Tri::U,
            };
            if let Some(out) = reasons {
                out.push(reason(
                    leaf,
                    tri,
                    default_ref,
                    st.map(|s| Val::Static(s.id())),
                    Op::In,
                    Some(Val::List(status_in.clone())),
                    None,
                ));
            }
            Ok(LeafResult { tri, excess: None })
        }
        Test::Fact {
            fact_index,
            op,
            rhs,
            ..
        } => {
            let lhs = ctx.fact_at(person, *fact_index)?;
            let (rv, parameter) = resolve(ctx, rhs, person)?;
            let mut excess = None;
            let tri = if lhs == FV::Unknown {
                Tri::U
            } else {
                match rhs {
                    Operand::List(items) => {
                        let inside = match &lhs {
                            FV::Text(t) => items.iter().any(|i| i == t),
                            other => other.key().is_some_and(|k| items.contains(&k)),
                        };
                        tri_of(if *op == Op::NotIn { !inside } else { inside })
                    }
                    Operand::Text(t) => {
                        let eq = matches!(&lhs, FV::Text(x) if x == t);
                        match op {
                            Op::Eq => tri_of(eq),
                            Op::Ne => tri_of(!eq),
                            _ => Tri::U,
                        }
                    }
                    _ if rv == FV::Unknown => Tri::U,
                    _ => match (num_of(&lhs), num_of(&rv)) {
                        (Some(a), Some(b)) => {
                            let ok = match op {
                                Op::Eq => a == b,
                                Op::Ne => a != b,
                                Op::Lt => a < b,
                                Op::Le => a <= b,
                                Op::Gt => a > b,
                                Op::Ge => a >= b,
                                _ => false,
                            };
                            if !ok && matches!(op, Op::Le | Op::Lt) {
                                // For "below", the amount over counts from the
                                // last allowed cent.
                                excess = Some(if *op == Op::Lt {
                                    a - b + Decimal::new(1, 2)
                                } else {
                                    a - b
                                });
                            }
                            tri_of(ok)
                        }
                        _ => {
                            let eq = lhs == rv;
                            match op {
                                Op::Eq => tri_of(eq),
                                Op::Ne => tri_of(!eq),
                                _ => Tri::U,
                            }
                        }
                    },
                }
            };
            // Statuses only: nothing below is needed, so nothing is built.
            if let Some(out) = reasons {
                let threshold = match rhs {
                    Operand::List(items) => Some(Val::List(items.clone())),
                    Operand::Text(t) => Some(Val::Text(t.as_str().into())),
                    _ => match (&lhs, &rv) {
                        (FV::Int(_), FV::Money(n)) => Some(Val::Num(*n)),
                        _ => val(&rv),
                    },
                };
                let parameter =
                    parameter.map(|(slot, d)| (ctx.pack.params.at(slot).name_arc.clone(), d));
                out.push(reason(
                    leaf,
                    tri,
                    default_ref,
                    val(&lhs),
                    *op,
                    threshold,
                    parameter,
                ));
            }
            Ok(LeafResult { tri, excess })
        }
    }
}

/// A criterion's reason: its answer read the right way round (under a
/// `not`, met when the test fails) and where the rule is written.
fn reason(
    leaf: &Leaf,
    tri: Tri,
    default_ref: &Reference,
    value: Option<Val>,
    op: Op,
    threshold: Option<Val>,
    parameter: Option<(Arc<str>, Date)>,
) -> Reason {
    Reason {
        criterion: leaf.id.clone(),
        outcome: outcome(if leaf.negated { flip(tri) } else { tri }),
        negated: leaf.negated,
        decisive: false,
        fact: leaf.label.clone(),
        value,
        op,
        threshold,
        parameter_effective: parameter.as_ref().map(|p| p.1),
        parameter: parameter.map(|p| p.0),
        citation: cite(leaf.reference.as_ref().unwrap_or(default_ref)),
    }
}

fn flip(t: Tri) -> Tri {
    match t {
        Tri::T => Tri::F,
        Tri::F => Tri::T,
        Tri::U => Tri::U,
    }
}

/// Mark the leaves that made `node` come out `want`.
fn mark_decisive(node: &Node, leaves: &[LeafResult], want: Tri, out: &mut [bool]) {
    match node {
        Node::Leaf(l) => out[l.index] = leaves[l.index].tri == want,
        Node::Not(n) => mark_decisive(n, leaves, flip(want), out),
        Node::All(ns) | Node::Any(ns) => {
            // Every part counts when all had to agree (a met `all`, a failed
            // `any`); otherwise only the parts that came out `want`.
            let every = matches!(
                (node, want),
                (Node::All(_), Tri::T) | (Node::Any(_), Tri::F)
            );
            for n in ns {
                if every || fold(n, leaves, None) == want {
                    mark_decisive(n, leaves, want, out);
                }
            }
        }
    }
}

fn tri_of(b: bool) -> Tri {
    if b { Tri::T } else { Tri::F }
}

fn outcome(t: Tri) -> Outcome {
    match t {
        Tri::T => Outcome::Met,
        Tri::F => Outcome::NotMet,
        Tri::U => Outcome::Unknown,
    }
}

fn pct(num: Decimal, den: Decimal) -> Option<String> {
    if den.is_zero() {
        return None;
    }
    Some(format!(
        "{:.1}%",
        (num * Decimal::from(100) / den).round_dp(1)
    ))
}

/// The figures a caseworker checks by hand. A pack without the lists or
/// parameters a figure needs (the Minnesota pack holds only events) gets
/// None for that figure, not an error.
fn figures(ctx: &Ctx) -> Result<Figures> {
    let pack = ctx.pack;
    let size = ctx.household_size();
    let has_incomes = !pack.income_kinds.is_empty();
    let has_assets = !pack.asset_kinds.is_empty() && facts::has_asset_params(pack);
    let magi = if has_incomes {
        ctx.magi_income()?
    } else {
        None
    };
    let fpl100 = match pack.params.get("fpl_monthly") {
        Some(p) if size > 0 => {
            let (eff, v) = p.at(ctx.as_of)?;
            ctx.note_used("fpl_monthly", eff);
            params::lookup_num(v, &["100", &size.to_string()])
        }
        _ => None,
    };
    let mut people = Vec::new();
    for p in &ctx.intake.people {
        let get_money = |name: &str, known: bool| -> Result<Option<Money>> {
            if !known {
                return Ok(None);
            }
            Ok(match ctx.fact(p, name)? {
                FV::Money(m) => Some(Money(m)),
                _ => None,
            })
        };
        let income = get_money(
            "countable_monthly_income",
            has_incomes && facts::has_income_params(pack),
        )?;
        let ht = ctx.household_type(p);
        let mh100 = match (&ht, ctx.pack.params.get("masshealth_fpl_100_monthly")) {
            (FV::Text(t), Some(param)) => {
                let (eff, v) = param.at(ctx.as_of)?;
                ctx.note_used(&param.name, eff);
                params::lookup_num(v, &[t])
            }
            _ => None,
        };
        let std_limit = match (&ht, ctx.pack.params.get("masshealth_standard_income_limit")) {
            (FV::Text(t), Some(param)) => param
                .at(ctx.as_of)
                .ok()
                .and_then(|(_, v)| params::lookup_num(v, &[t])),
            _ => None,
        };
        let deductible = match (
            income,
            std_limit,
            ctx.pack.params.get("deductible_period_months"),
        ) {
            (Some(i), Some(l), Some(_)) if i.0 > l => Some(Money(
                ((i.0 - l) * ctx.num("deductible_period_months")?).round_dp(2),
            )),
            _ => None,
        };
        people.push(PersonFigures {
            person: p.id.clone(),
            name: p.name.clone(),
            age: match ctx.fact(p, "age")? {
                FV::Int(a) => Some(a),
                _ => None,
            },
            household_type: ht.key(),
            immigration_category: if !facts::has_immigration_rules(pack)
                && p.citizenship.as_deref() == Some("noncitizen")
            {
                None
            } else {
                ctx.immigration_category(p)?.key()
            },
            countable_monthly_income: income,
            countable_assets: get_money("countable_assets", has_assets)?,
            masshealth_percent_fpl: match (income, mh100) {
                (Some(i), Some(h)) => pct(i.0, h),
                _ => None,
            },
            deductible,
        });
    }
    Ok(Figures {
        household_size: size,
        magi_monthly_income: magi.map(Money),
        percent_fpl: match (magi, fpl100) {
            (Some(m), Some(f)) => pct(m, f),
            _ => None,
        },
        people,
    })
}
