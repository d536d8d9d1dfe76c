//! Deadlines: the dates that matter, computed from the record's life events
//! and application dates under the pack's rules (events.yaml,
//! deadlines.yaml). Pure: the as-of date is given, never read from a clock.
//!
//! Each deadline carries its date (None when the record lacks the date it
//! counts from: "needs the date", never guessed), whom it concerns, the days
//! left on the as-of date, the rule it comes from (`what`, whose words are in
//! content/) and details as plain values (ISO dates and ids) that front ends
//! put into words.

use super::facts::{Ctx, Kind};
use super::{Deadline, Status, Statuses, Tri, cite, eval_leaves, fold};
use crate::dates::{Date, add_days, add_months, first_of_month_after};
use crate::error::{Problem, Result};
use crate::model::{Event, Person};
use crate::rules::criteria::{Leaf, Node, Op, Operand, Test};
use crate::rules::events::{
    Anchor, CoverageOption, CoverageRule, DateRule, DeadlineRule, EventRule, IfNoDate, Per,
    WhenSelected, WindowKind,
};
use chrono::Datelike;
use rust_decimal::prelude::ToPrimitive;
use std::collections::{BTreeMap, HashMap};

/// Why coverage ended, for a loss of coverage.
pub const REASONS: &[&str] = &["nonpayment", "fraud", "other"];
pub const METAL_LEVELS: &[&str] = &["bronze", "silver", "gold", "platinum", "catastrophic"];
/// Words a metal-level list in events.yaml may hold.
pub const METAL_LIST_WORDS: &[&str] = &[
    "same",
    "bronze",
    "silver",
    "gold",
    "platinum",
    "catastrophic",
];
/// Care settings that are a medical institution (for the institution entry
/// date: the look-back and the nine months to sell a former home).
pub const INSTITUTIONS: &[&str] = &[
    "ltc_facility",
    "chronic_rehab_hospital",
    "psychiatric_hospital",
    "icf_id",
];

/// Facts an event's conditions may name: the event's own answers and the
/// current coverage of the person it concerns.
pub const EVENT_FACTS: &[(&str, Kind)] = &[
    ("reason", Kind::Text(REASONS)),
    ("prior_coverage", Kind::Bool),
    ("from_abroad", Kind::Bool),
    ("short_term_plan", Kind::Bool),
    ("metal_level", Kind::Text(METAL_LEVELS)),
    ("on_exchange", Kind::Bool),
];

pub fn event_fact_kind(name: &str) -> Option<Kind> {
    EVENT_FACTS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, k)| *k)
}

/// Every deadline for the record, sorted by date; undated ones last.
/// `statuses` holds each applying person's program statuses, in the order
/// of the people, by position in the pack.
pub fn compute(ctx: &Ctx, statuses: &[Vec<Option<Status>>]) -> Result<Vec<Deadline>> {
    let mut out = Vec::new();
    for (i, ev) in ctx.intake.events.iter().enumerate() {
        out.push(event_deadline(ctx, i, ev)?);
    }
    for rule in &ctx.pack.deadlines {
        let first = out.len();
        let outer = ctx.begin_scope();
        let done = program_deadlines(ctx, rule, statuses, &mut out);
        let read = ctx.end_scope(outer);
        done?;
        for d in &mut out[first..] {
            d.stale = ctx.stale_names(read);
        }
    }
    // Ids: the rule, and the person when it concerns one; repeats numbered.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for d in &mut out {
        let n = seen.entry(d.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            d.id = format!("{}#{n}", d.id);
        }
    }
    // Undated last: first those that need a date (something to ask), then
    // those the exchange decides, then those open all year, then those with
    // no window at all.
    let undated_rank = |d: &Deadline| match d.details.get("window").map(String::as_str) {
        None | Some("needs_date") => 0,
        Some("case_by_case") => 1,
        Some("year_round") => 2,
        _ => 3,
    };
    out.sort_by(|a, b| match (a.date, b.date) {
        (Some(x), Some(y)) => x.cmp(&y).then_with(|| a.id.cmp(&b.id)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => undated_rank(a)
            .cmp(&undated_rank(b))
            .then_with(|| a.id.cmp(&b.id)),
    });
    Ok(out)
}

fn base_id(what: &str, concerns: &str) -> String {
    if concerns == "household" {
        what.to_string()
    } else {
        format!("{what}:{concerns}")
    }
}

fn iso(d: Date) -> String {
    d.to_string()
}

fn whole(ctx: &Ctx, param: &str) -> Result<i64> {
    let n = ctx.num(param)?;
    n.trunc()
        .to_i64()
        .filter(|_| n.fract().is_zero())
        .ok_or_else(|| Problem::new(format!("parameter '{param}' should be a whole number")))
}

fn last_of_month(d: Date) -> Date {
    add_days(first_of_month_after(d, 1), -1)
}

/// The date `day` of the month of `d`, or of the next month when `d` is past it.
fn next_day_of_month(d: Date, day: u32) -> Date {
    if d.day() <= day {
        d.with_day(day).unwrap_or(d)
    } else {
        let n = first_of_month_after(d, 1);
        n.with_day(day).unwrap_or(n)
    }
}

/// By the cutoff day: the first of the next month; after it, the month after.
fn cutoff_start(d: Date, day: u32) -> Date {
    if d.day() <= day {
        first_of_month_after(d, 1)
    } else {
        first_of_month_after(d, 2)
    }
}

struct Inputs {
    selection: Option<Date>,
    paid: Option<Date>,
    event: Option<Date>,
}

/// Coverage start under one rule, when the dates it needs are known.
fn coverage(rule: CoverageRule, day: Option<u32>, i: &Inputs) -> Option<Date> {
    match rule {
        CoverageRule::SelectionCutoff => Some(cutoff_start(i.selection?, day?)),
        CoverageRule::PremiumByDay => Some(cutoff_start(i.paid?, day?)),
        CoverageRule::FirstOfMonthAfterSelection => Some(first_of_month_after(i.selection?, 1)),
        CoverageRule::FirstOfMonthAfterSelectionAfterEvent => {
            Some(first_of_month_after(i.selection?.max(i.event?), 1))
        }
        CoverageRule::FirstOfMonthAfterSelectionNotBeforeEvent => {
            Some(first_of_month_after(i.selection?, 1).max(first_of_month_on_or_after(i.event?)))
        }
        CoverageRule::EventDate => i.event,
        CoverageRule::FirstOfMonthAfterEvent => Some(first_of_month_after(i.event?, 1)),
        CoverageRule::CaseByCase => None,
    }
}

/// The first day of a month on or after `d`.
fn first_of_month_on_or_after(d: Date) -> Date {
    if d.day() == 1 {
        d
    } else {
        first_of_month_after(d, 1)
    }
}

/// For a rule that depends on when the person acts (chooses a plan, pays):
/// starting on `from`, the last day that still gives the earliest coverage
/// start, kept inside the window (`closes`) when the act is choosing a plan.
fn act_by(
    rule: CoverageRule,
    day: Option<u32>,
    from: Date,
    event: Option<Date>,
    closes: Option<Date>,
) -> Option<Date> {
    let by = match rule {
        CoverageRule::SelectionCutoff => next_day_of_month(from, day?),
        CoverageRule::PremiumByDay => return Some(next_day_of_month(from, day?)),
        // Coverage starts on a first of the month, which moves only when the
        // act moves past the day before it.
        CoverageRule::FirstOfMonthAfterSelection
        | CoverageRule::FirstOfMonthAfterSelectionAfterEvent
        | CoverageRule::FirstOfMonthAfterSelectionNotBeforeEvent => {
            let at = Inputs {
                selection: Some(from),
                paid: None,
                event: event.or(Some(from)),
            };
            add_days(coverage(rule, day, &at)?, -1)
        }
        _ => return None,
    };
    Some(match closes {
        Some(c) if c < by => c,
        _ => by,
    })
}

/// The value of an event fact: the event's answers are yes/no or words.
#[derive(Debug, Clone, PartialEq)]
enum EV {
    Bool(bool),
    Text(String),
    Unknown,
}

fn text(o: Option<&String>) -> EV {
    o.map(|s| EV::Text(s.clone())).unwrap_or(EV::Unknown)
}
fn b(o: Option<bool>) -> EV {
    o.map(EV::Bool).unwrap_or(EV::Unknown)
}

fn event_fact(name: &str, ev: &Event, person: Option<&Person>) -> EV {
    let cov = person.and_then(|p| p.coverage.as_ref());
    match name {
        "reason" => text(ev.reason.as_ref()),
        "prior_coverage" => b(ev.prior_coverage),
        "from_abroad" => b(ev.from_abroad),
        "short_term_plan" => b(ev.short_term_plan),
        "metal_level" => text(cov.and_then(|c| c.metal_level.as_ref())),
        "on_exchange" => b(cov.and_then(|c| c.on_exchange)),
        _ => EV::Unknown,
    }
}

fn leaf_tri(leaf: &Leaf, ev: &Event, person: Option<&Person>) -> Tri {
    let Test::Fact { fact, op, rhs, .. } = &leaf.test else {
        return Tri::U;
    };
    let v = event_fact(fact, ev, person);
    if v == EV::Unknown {
        return Tri::U;
    }
    let hit = match (op, rhs) {
        (Op::In | Op::NotIn, Operand::List(items)) => {
            let inside = matches!(&v, EV::Text(t) if items.contains(t));
            if *op == Op::In { inside } else { !inside }
        }
        (Op::Eq | Op::Ne, Operand::Bool(x)) => (v == EV::Bool(*x)) == (*op == Op::Eq),
        (Op::Eq | Op::Ne, Operand::Text(t)) => (v == EV::Text(t.clone())) == (*op == Op::Eq),
        _ => return Tri::U,
    };
    if hit { Tri::T } else { Tri::F }
}

/// Three-valued result of an event's conditions, with each leaf's outcome.
fn eval_conditions<'a>(
    node: &'a Node,
    ev: &Event,
    person: Option<&Person>,
    leaves: &mut Vec<(&'a Leaf, Tri)>,
) -> Tri {
    match node {
        Node::All(ns) => ns.iter().fold(Tri::T, |acc, n| {
            match (acc, eval_conditions(n, ev, person, leaves)) {
                (Tri::F, _) | (_, Tri::F) => Tri::F,
                (Tri::U, _) | (_, Tri::U) => Tri::U,
                _ => Tri::T,
            }
        }),
        Node::Any(ns) => ns.iter().fold(Tri::F, |acc, n| {
            match (acc, eval_conditions(n, ev, person, leaves)) {
                (Tri::T, _) | (_, Tri::T) => Tri::T,
                (Tri::U, _) | (_, Tri::U) => Tri::U,
                _ => Tri::F,
            }
        }),
        Node::Not(n) => match eval_conditions(n, ev, person, leaves) {
            Tri::T => Tri::F,
            Tri::F => Tri::T,
            Tri::U => Tri::U,
        },
        Node::Leaf(l) => {
            let t = leaf_tri(l, ev, person);
            leaves.push((l, t));
            t
        }
    }
}

struct Draft {
    what: String,
    concerns: String,
    date: Option<Date>,
    details: BTreeMap<String, String>,
    citation: super::Citation,
}

impl Draft {
    fn set(&mut self, k: &str, v: impl Into<String>) {
        self.details.insert(k.to_string(), v.into());
    }
    fn finish(self, as_of: Date) -> Deadline {
        Deadline {
            id: base_id(&self.what, &self.concerns),
            date: self.date,
            days_left: self.date.map(|d| (d - as_of).num_days()),
            concerns: self.concerns,
            what: self.what,
            details: self.details,
            citation: self.citation,
            stale: Vec::new(),
        }
    }
}

fn event_deadline(ctx: &Ctx, i: usize, ev: &Event) -> Result<Deadline> {
    let rule: &EventRule = ctx.pack.events.get(&ev.kind).ok_or_else(|| {
        Problem::field(
            format!("events[{i}].kind"),
            format!("unknown event kind '{}'", ev.kind),
        )
    })?;
    let person = ev.person.as_deref().and_then(|id| ctx.intake.person(id));
    let mut d = Draft {
        what: rule.id.clone(),
        concerns: ev.person.clone().unwrap_or_else(|| "household".into()),
        date: None,
        details: BTreeMap::new(),
        citation: cite(&rule.reference),
    };
    d.set("type", "window");
    if let Some(w) = &rule.window.date_is {
        d.set("date_is", w.clone());
    }
    if let Some(e) = ev.date {
        d.set("event_date", iso(e));
    }
    if let Some(from) = rule.in_effect_from
        && ctx.as_of < from
    {
        d.set("window", "not_in_effect");
        d.set("in_effect_from", iso(from));
        return Ok(d.finish(ctx.as_of));
    }
    if let Some(node) = &rule.conditions {
        let mut leaves = Vec::new();
        match eval_conditions(node, ev, person, &mut leaves) {
            Tri::F => {
                let failed: Vec<&Leaf> = leaves
                    .iter()
                    .filter(|(_, t)| *t == Tri::F)
                    .map(|(l, _)| *l)
                    .collect();
                d.set("window", "no_window");
                d.set(
                    "condition_failed",
                    failed.iter().map(|l| &*l.id).collect::<Vec<_>>().join(", "),
                );
                if let Some(r) = failed.iter().find_map(|l| l.reference.as_ref()) {
                    d.citation = cite(r);
                }
                return Ok(d.finish(ctx.as_of));
            }
            Tri::U => {
                let unknown: Vec<&str> = leaves
                    .iter()
                    .filter(|(_, t)| *t == Tri::U)
                    .map(|(l, _)| &*l.id)
                    .collect();
                d.set("conditions_unknown", unknown.join(", "));
            }
            Tri::T => {}
        }
    }
    let (opens, closes) = match rule.window.kind {
        WindowKind::DaysFromEvent => {
            let Some(e) = ev.date else {
                d.set("window", "needs_date");
                d.set("needs", format!("events[{i}].date"));
                return Ok(d.finish(ctx.as_of));
            };
            let days = whole(ctx, rule.window.days.as_deref().unwrap_or_default())?;
            let early = match &rule.window.early_days {
                Some(p) => whole(ctx, p)?,
                None => 0,
            };
            (Some(add_days(e, -early)), Some(add_days(e, days)))
        }
        WindowKind::CalendarMonth => {
            let first = ctx.as_of.with_day(1).unwrap_or(ctx.as_of);
            (Some(first), Some(last_of_month(first)))
        }
        WindowKind::YearRound => (None, None),
        WindowKind::CaseByCase => {
            d.set("window", "case_by_case");
            return Ok(d.finish(ctx.as_of));
        }
    };
    let status = match (opens, closes) {
        (Some(o), _) if ctx.as_of < o => "not_yet_open",
        (_, Some(c)) if ctx.as_of > c => "closed",
        (Some(_), Some(_)) => "open",
        _ => "year_round",
    };
    d.set("window", status);
    if let (Some(o), Some(c)) = (opens, closes) {
        d.set("window_opens", iso(o));
        d.set("window_closes", iso(c));
    }
    d.date = closes;

    // The plan chosen (or to be chosen), and when coverage starts.
    let mut selection_ok = true;
    if let Some(s) = ev.plan_selection_date {
        d.set("plan_selection", iso(s));
        let inside = opens.is_none_or(|o| s >= o) && closes.is_none_or(|c| s <= c);
        // A rule with a coverage start for plans chosen before the event
        // (MNsure: a move) accepts a choice made before the window opened.
        let before_event = ev.date.is_some_and(|e| s < e)
            && rule
                .coverage_start
                .iter()
                .any(|o| o.when_selected == Some(WhenSelected::BeforeEvent));
        d.set(
            "selection",
            if inside {
                "in_window"
            } else if before_event {
                "before_event"
            } else {
                "outside_window"
            },
        );
        selection_ok = inside || before_event;
    }
    if let Some(p) = ev.premium_paid_date {
        d.set("premium_paid", iso(p));
    }
    let inputs = Inputs {
        selection: ev.plan_selection_date,
        paid: ev.premium_paid_date,
        event: ev.date,
    };
    if selection_ok {
        coverage_details(ctx, rule, &inputs, opens, closes, &mut d)?;
    }
    if status == "year_round" {
        // No window to close: the date that matters is the one to act by.
        d.date = d.details.get("act_by").and_then(|s| s.parse().ok());
    }

    if let Some(ml) = &rule.metal_levels
        && let Some((eff, levels)) = ml.at(ctx.as_of)
    {
        ctx.note_used(&format!("event:{}.metal_levels", rule.id), eff);
        d.set("metal_levels", levels.join(", "));
        if levels.iter().any(|l| l == "same")
            && let Some(cur) = person
                .and_then(|p| p.coverage.as_ref())
                .and_then(|c| c.metal_level.clone())
        {
            d.set("current_metal_level", cur);
        }
        d.set("metal_levels_source", &*ml.reference.source);
        d.set("metal_levels_section", &*ml.reference.section);
    }
    if !rule.proofs.is_empty() {
        d.set("proofs", rule.proofs.join(", "));
    }
    if let Some(c) = &rule.caution {
        d.set("caution", c.clone());
    }
    Ok(d.finish(ctx.as_of))
}

fn option_applies(o: &CoverageOption, i: &Inputs) -> bool {
    match o.when_selected {
        None => true,
        Some(WhenSelected::BeforeEvent) => {
            matches!((i.selection, i.event), (Some(s), Some(e)) if s < e)
        }
        Some(WhenSelected::OnOrAfterEvent) => match (i.selection, i.event) {
            (Some(s), Some(e)) => s >= e,
            _ => true,
        },
    }
}

fn coverage_details(
    ctx: &Ctx,
    rule: &EventRule,
    i: &Inputs,
    opens: Option<Date>,
    closes: Option<Date>,
    d: &mut Draft,
) -> Result<()> {
    let mut main = true;
    for o in rule.coverage_start.iter().filter(|o| option_applies(o, i)) {
        let day = match &o.day {
            Some(p) => Some(whole(ctx, p)? as u32),
            None => None,
        };
        if let Some(n) = day {
            d.set("cutoff_day", n.to_string());
        }
        let key = if main {
            "coverage_starts".to_string()
        } else {
            format!("coverage_starts.{}", o.rule.id())
        };
        if main {
            d.set("coverage_rule", o.rule.id());
        }
        match coverage(o.rule, day, i) {
            Some(start) => d.set(&key, iso(start)),
            None if o.rule == CoverageRule::CaseByCase => d.set(&key, "case_by_case"),
            None if main => {
                // Not chosen (or paid) yet: the last day to act for the
                // earliest start, counting from the as-of date.
                let mut from = ctx.as_of;
                if let Some(op) = opens {
                    from = from.max(op);
                }
                if o.rule == CoverageRule::PremiumByDay
                    && let Some(s) = i.selection
                {
                    from = from.max(s);
                }
                let choosing = o.rule != CoverageRule::PremiumByDay;
                if !(choosing && closes.is_some_and(|c| from > c))
                    && let Some(by) = act_by(
                        o.rule,
                        day,
                        from,
                        i.event,
                        if choosing { closes } else { None },
                    )
                {
                    let hyp = Inputs {
                        selection: Some(i.selection.unwrap_or(by)),
                        paid: Some(by),
                        event: i.event,
                    };
                    d.set("act_by", iso(by));
                    if let Some(start) = coverage(o.rule, day, &hyp) {
                        d.set("coverage_if_act_by", iso(start));
                    }
                }
            }
            None => {}
        }
        main = false;
    }
    Ok(())
}

enum AnchorVal {
    Known(Date),
    Missing(&'static str),
    NotApplicable,
}

fn anchor(ctx: &Ctx, a: Anchor, person: Option<&Person>) -> AnchorVal {
    let app = &ctx.intake.application;
    let v = match a {
        Anchor::ApplicationDate => app.date,
        Anchor::DecisionDate => app.decision_date,
        Anchor::ChangeDate => app.change_date,
        Anchor::AccidentClaimDate => app.accident_claim_date,
        Anchor::InstitutionEntryDate => {
            let Some(care) = person.and_then(|p| p.care.as_ref()) else {
                return AnchorVal::NotApplicable;
            };
            if !care
                .setting
                .as_deref()
                .is_some_and(|s| INSTITUTIONS.contains(&s))
            {
                return AnchorVal::NotApplicable;
            }
            care.institution_entry_date
        }
    };
    match v {
        Some(d) => AnchorVal::Known(d),
        None => AnchorVal::Missing(a.field()),
    }
}

/// The later of the anchors that apply; Err(field) when one is missing.
fn anchors(
    ctx: &Ctx,
    list: &[Anchor],
    person: Option<&Person>,
) -> std::result::Result<Option<Date>, &'static str> {
    let mut best: Option<Date> = None;
    for a in list {
        match anchor(ctx, *a, person) {
            AnchorVal::Known(d) => best = Some(best.map_or(d, |b| b.max(d))),
            AnchorVal::Missing(f) => return Err(f),
            AnchorVal::NotApplicable => {}
        }
    }
    Ok(best)
}

fn apply(ctx: &Ctx, rule: &DateRule, a: Date) -> Result<Date> {
    Ok(match rule {
        DateRule::OnTheDate => a,
        DateRule::AddDays(p) => add_days(a, whole(ctx, p)?),
        DateRule::SubtractDays(p) => add_days(a, -whole(ctx, p)?),
        DateRule::AddMonths(p) => add_months(a, whole(ctx, p)? as i32),
        DateRule::SubtractMonths(p) => add_months(a, -(whole(ctx, p)? as i32)),
        DateRule::FirstOfMonthAfter => first_of_month_after(a, 1),
        DateRule::FirstOfMonthMonthsBefore(p) => {
            add_months(a.with_day(1).unwrap_or(a), -(whole(ctx, p)? as i32))
        }
    })
}

/// Whether a rule's `when` holds for a person, given that person's program
/// statuses by position in the pack.
fn holds(ctx: &Ctx, rule: &DeadlineRule, person: &Person, statuses: &Statuses) -> Result<bool> {
    let Some(node) = &rule.when else {
        return Ok(true);
    };
    let leaves = eval_leaves(
        ctx,
        node,
        rule.leaf_count,
        person,
        statuses,
        &rule.reference,
        None,
    )?;
    Ok(fold(node, &leaves, None) == Tri::T)
}

fn program_deadlines(
    ctx: &Ctx,
    rule: &DeadlineRule,
    statuses: &[Vec<Option<Status>>],
    out: &mut Vec<Deadline>,
) -> Result<()> {
    let applying: Vec<(&Person, &Statuses)> = ctx
        .intake
        .people
        .iter()
        .filter(|p| p.applying)
        .zip(statuses.iter().map(Vec::as_slice))
        .collect();
    let mut whom: Vec<Option<&Person>> = Vec::new();
    match rule.per {
        Per::Person => {
            for &(p, st) in &applying {
                if holds(ctx, rule, p, st)? {
                    whom.push(Some(p));
                }
            }
        }
        Per::Household => {
            let mut any = rule.when.is_none();
            for &(p, st) in &applying {
                if !any && holds(ctx, rule, p, st)? {
                    any = true;
                }
            }
            if any {
                whom.push(None);
            }
        }
    }
    for person in whom {
        if rule
            .requires
            .iter()
            .any(|a| matches!(anchor(ctx, *a, person), AnchorVal::Missing(_)))
        {
            continue;
        }
        let mut d = Draft {
            what: rule.id.clone(),
            concerns: person
                .map(|p| p.id.clone())
                .unwrap_or_else(|| "household".into()),
            date: None,
            details: BTreeMap::new(),
            citation: cite(&rule.reference),
        };
        d.set("type", rule.kind.id());
        match anchors(ctx, &rule.from, person) {
            Err(field) => {
                if rule.if_no_date == IfNoDate::Skip {
                    continue;
                }
                d.set("needs", field);
            }
            Ok(None) => continue,
            Ok(Some(a)) => {
                d.date = Some(apply(ctx, &rule.rule, a)?);
                for also in &rule.also {
                    if let Ok(Some(a2)) = anchors(ctx, &also.from, person) {
                        let v = apply(ctx, &also.rule, a2)?;
                        d.set(&also.id, iso(v));
                    }
                }
            }
        }
        out.push(d.finish(ctx.as_of));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn cutoff_rules_across_month_and_year_ends() {
        assert_eq!(cutoff_start(d(2016, 6, 15), 15), d(2016, 7, 1));
        assert_eq!(cutoff_start(d(2016, 6, 16), 15), d(2016, 8, 1));
        assert_eq!(cutoff_start(d(2016, 12, 23), 23), d(2017, 1, 1));
        assert_eq!(cutoff_start(d(2016, 12, 24), 23), d(2017, 2, 1));
        assert_eq!(cutoff_start(d(2016, 11, 30), 23), d(2017, 1, 1));
    }

    #[test]
    fn last_day_to_act() {
        assert_eq!(next_day_of_month(d(2016, 6, 1), 15), d(2016, 6, 15));
        assert_eq!(next_day_of_month(d(2016, 6, 16), 15), d(2016, 7, 15));
        assert_eq!(next_day_of_month(d(2016, 12, 24), 23), d(2017, 1, 23));
        assert_eq!(last_of_month(d(2016, 2, 10)), d(2016, 2, 29));
        // Choosing before the old coverage ends: any day up to the end of
        // the month it ends in gives the first of the next month.
        assert_eq!(
            act_by(
                CoverageRule::FirstOfMonthAfterSelectionAfterEvent,
                None,
                d(2016, 5, 1),
                Some(d(2016, 6, 30)),
                Some(d(2016, 8, 29)),
            ),
            Some(d(2016, 6, 30))
        );
        // An employer plan change on September 1: any choice up to August 31
        // starts coverage on September 1.
        assert_eq!(
            act_by(
                CoverageRule::FirstOfMonthAfterSelectionNotBeforeEvent,
                None,
                d(2016, 7, 15),
                Some(d(2016, 9, 1)),
                Some(d(2016, 10, 31)),
            ),
            Some(d(2016, 8, 31))
        );
        // The window closes before the cutoff: choose by the close.
        assert_eq!(
            act_by(
                CoverageRule::SelectionCutoff,
                Some(15),
                d(2016, 6, 1),
                None,
                Some(d(2016, 6, 10)),
            ),
            Some(d(2016, 6, 10))
        );
    }
}
