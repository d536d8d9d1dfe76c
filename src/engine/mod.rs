//! The engine: a pure function from (rule pack, intake record, as-of date)
//! to an assessment. No I/O, no clock.

pub mod assessment;
pub mod deadlines;
pub mod facts;
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
use std::collections::HashMap;

/// Assess an intake record on `as_of` under `pack`.
pub fn assess(pack: &Pack, intake: &Intake, as_of: Date) -> Result<Assessment> {
    if as_of < pack.covers_from {
        return Err(Problem::new(format!(
            "the {} rules cover dates from {}; the as-of date {as_of} is earlier, and no rule says what applied then",
            pack.name, pack.covers_from
        )));
    }
    validate::validate(pack, intake, as_of)?;
    let ctx = Ctx::new(pack, intake, as_of);
    let mut programs = Vec::new();
    for person in intake.people.iter().filter(|p| p.applying) {
        let mut statuses: HashMap<&str, Status> = HashMap::new();
        for prog in &pack.programs {
            let r = assess_program(&ctx, prog, person, &statuses)?;
            statuses.insert(prog.id.as_str(), r.status);
            programs.push(r);
        }
    }
    let figures = figures(&ctx)?;
    let deadlines = deadlines::compute(&ctx, &programs)?;
    Ok(Assessment {
        as_of,
        pack: PackInfo {
            id: pack.id.clone(),
            name: pack.name.clone(),
            covers_from: pack.covers_from,
            effective_dates: ctx.used.into_inner(),
        },
        figures,
        programs,
        proofs: Vec::new(),
        deadlines,
    })
}

fn cite(r: &Reference) -> Citation {
    Citation {
        source: r.source.clone(),
        section: r.section.clone(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tri {
    T,
    F,
    U,
}

struct LeafResult {
    tri: Tri,
    reason: Reason,
    /// For a failed money comparison: how far over (value - threshold).
    excess: Option<Decimal>,
}

fn assess_program(
    ctx: &Ctx,
    prog: &crate::rules::Program,
    person: &Person,
    statuses: &HashMap<&str, Status>,
) -> Result<ProgramResult> {
    let mut leaves: HashMap<String, LeafResult> = HashMap::new();
    let mut order = Vec::new();
    let tri = eval(
        ctx,
        &prog.criteria,
        person,
        statuses,
        &prog.reference,
        &mut leaves,
        &mut order,
        None,
    )?;
    let mut status = match tri {
        Tri::T => Status::Likely,
        Tri::U => Status::Possible,
        Tri::F => Status::NotEligible,
    };
    let mut deductible = None;
    if tri != Tri::T
        && let Some(rule) = &prog.deductible
        && let Some(lr) = leaves.get(&rule.criterion)
        && lr.tri == Tri::F
    {
        let mut scratch = HashMap::new();
        let mut o2 = Vec::new();
        let cured = eval(
            ctx,
            &prog.criteria,
            person,
            statuses,
            &prog.reference,
            &mut scratch,
            &mut o2,
            Some(&rule.criterion),
        )?;
        match cured {
            Tri::T => {
                let months = ctx.num(&rule.months)?;
                deductible = lr.excess.map(|e| Money((e * months).round_dp(2)));
                status = Status::LikelyAfterDeductible;
            }
            Tri::U => status = Status::Possible,
            Tri::F => {}
        }
    }
    let want = match status {
        Status::Likely => Outcome::Met,
        Status::Possible => Outcome::Unknown,
        Status::NotEligible | Status::LikelyAfterDeductible => Outcome::NotMet,
    };
    let reasons = order
        .into_iter()
        .filter_map(|id| leaves.remove(&id))
        .map(|mut lr| {
            lr.reason.decisive = lr.reason.outcome == want;
            lr.reason
        })
        .collect();
    let mut flags = Vec::new();
    if matches!(status, Status::Likely | Status::LikelyAfterDeductible) {
        for f in &prog.flags {
            let mut scratch = HashMap::new();
            let mut o = Vec::new();
            if eval(
                ctx,
                &f.when,
                person,
                statuses,
                &f.reference,
                &mut scratch,
                &mut o,
                None,
            )? == Tri::T
            {
                flags.push(FlagNote {
                    flag: f.id.clone(),
                    citation: cite(&f.reference),
                });
            }
        }
    }
    Ok(ProgramResult {
        program: prog.id.clone(),
        person: person.id.clone(),
        status,
        deductible,
        citation: cite(&prog.reference),
        reasons,
        flags,
    })
}

#[allow(clippy::too_many_arguments)]
fn eval(
    ctx: &Ctx,
    node: &Node,
    person: &Person,
    statuses: &HashMap<&str, Status>,
    default_ref: &Reference,
    leaves: &mut HashMap<String, LeafResult>,
    order: &mut Vec<String>,
    assume_met: Option<&str>,
) -> Result<Tri> {
    Ok(match node {
        Node::All(ns) => {
            let mut acc = Tri::T;
            for n in ns {
                match eval(
                    ctx,
                    n,
                    person,
                    statuses,
                    default_ref,
                    leaves,
                    order,
                    assume_met,
                )? {
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
                match eval(
                    ctx,
                    n,
                    person,
                    statuses,
                    default_ref,
                    leaves,
                    order,
                    assume_met,
                )? {
                    Tri::T => acc = Tri::T,
                    Tri::U if acc == Tri::F => acc = Tri::U,
                    _ => {}
                }
            }
            acc
        }
        Node::Not(n) => match eval(
            ctx,
            n,
            person,
            statuses,
            default_ref,
            leaves,
            order,
            assume_met,
        )? {
            Tri::T => Tri::F,
            Tri::F => Tri::T,
            Tri::U => Tri::U,
        },
        Node::Leaf(leaf) => {
            let lr = eval_leaf(ctx, leaf, person, statuses, default_ref)?;
            let tri = if assume_met == Some(leaf.id.as_str()) {
                Tri::T
            } else {
                lr.tri
            };
            if !leaves.contains_key(&leaf.id) {
                order.push(leaf.id.clone());
            }
            leaves.insert(leaf.id.clone(), lr);
            tri
        }
    })
}

fn show(v: &FV) -> Option<String> {
    match v {
        FV::Bool(b) => Some(if *b { "yes".into() } else { "no".into() }),
        FV::Int(i) => Some(i.to_string()),
        FV::Money(m) => Some(Money(*m).to_string()),
        FV::Text(t) => Some(t.clone()),
        FV::Unknown => None,
    }
}

/// The right-hand side of a comparison, resolved on the as-of date.
fn resolve(ctx: &Ctx, rhs: &Operand, person: &Person) -> Result<(FV, Option<String>)> {
    Ok(match rhs {
        Operand::Bool(b) => (FV::Bool(*b), None),
        Operand::Num(n) => (FV::Money(*n), None),
        Operand::Text(t) => (FV::Text(t.clone()), None),
        Operand::List(_) => (FV::Unknown, None),
        Operand::Param {
            name,
            column,
            column_from,
        } => {
            let p = ctx.pack.param(name)?;
            let (eff, v) = p.at(ctx.as_of)?;
            ctx.note_used(name, eff);
            let mut keys: Vec<String> = Vec::new();
            if let Some(c) = column {
                keys.push(c.clone());
            }
            if let Some(cf) = column_from {
                keys.push(ctx.num(cf)?.normalize().to_string());
            }
            if let Some(bd) = &p.breakdown {
                match ctx.fact(person, bd)?.key() {
                    Some(k) => keys.push(k),
                    None => return Ok((FV::Unknown, Some(format!("{name} (from {eff})")))),
                }
            }
            let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
            let n = params::lookup_num(v, &refs).ok_or_else(|| {
                Problem::new(format!(
                    "parameter '{name}' has no value for {} on {}",
                    refs.join(", "),
                    ctx.as_of
                ))
            })?;
            (FV::Money(n), Some(format!("{name} (from {eff})")))
        }
    })
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
    statuses: &HashMap<&str, Status>,
    default_ref: &Reference,
) -> Result<LeafResult> {
    let citation = cite(leaf.reference.as_ref().unwrap_or(default_ref));
    match &leaf.test {
        Test::Program { program, status_in } => {
            let st = statuses.get(program.as_str()).copied();
            let tri = match st {
                Some(s) if status_in.iter().any(|x| x == s.id()) => Tri::T,
                Some(Status::Possible) => Tri::U,
                Some(_) => Tri::F,
                None => Tri::U,
            };
            Ok(LeafResult {
                tri,
                excess: None,
                reason: Reason {
                    criterion: leaf.id.clone(),
                    outcome: outcome(tri),
                    decisive: false,
                    fact: format!("program:{program}"),
                    value: st.map(|s| s.id().to_string()),
                    op: "in".into(),
                    threshold: Some(status_in.join(", ")),
                    parameter: None,
                    citation,
                },
            })
        }
        Test::Fact { fact, op, rhs } => {
            let lhs = ctx.fact(person, fact)?;
            let (rv, parameter) = resolve(ctx, rhs, person)?;
            let mut excess = None;
            let tri = if lhs == FV::Unknown {
                Tri::U
            } else {
                match (op, rhs) {
                    (Op::In | Op::NotIn, Operand::List(items)) => {
                        let k = lhs.key().unwrap_or_default();
                        let inside = items.contains(&k);
                        tri_of(if *op == Op::In { inside } else { !inside })
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
                                // For "lt", the amount over is how far past the
                                // last allowed cent.
                                let e = if *op == Op::Lt {
                                    a - b + Decimal::new(1, 2)
                                } else {
                                    a - b
                                };
                                excess = Some(e);
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
            let threshold = match rhs {
                Operand::List(items) => Some(items.join(", ")),
                _ => match (&lhs, &rv) {
                    (FV::Int(_), FV::Money(n)) => Some(n.normalize().to_string()),
                    _ => show(&rv),
                },
            };
            Ok(LeafResult {
                tri,
                excess,
                reason: Reason {
                    criterion: leaf.id.clone(),
                    outcome: outcome(tri),
                    decisive: false,
                    fact: fact.clone(),
                    value: show(&lhs),
                    op: op.name().to_string(),
                    threshold,
                    parameter,
                    citation,
                },
            })
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
    Some(format!("{}%", (num * Decimal::from(100) / den).round_dp(1)))
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
