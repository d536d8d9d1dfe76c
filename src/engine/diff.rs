//! What changed between two assessments of the same household: program
//! statuses (and deductibles), proof statuses, deadlines added, removed or
//! moved. Data only; the announcements and the rescreen report are views.

use super::{Assessment, ProofStatus, Status};
use crate::dates::Date;
use crate::money::Money;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    Program {
        person: String,
        program: String,
        from: Option<Status>,
        to: Option<Status>,
        deductible_from: Option<Money>,
        deductible_to: Option<Money>,
    },
    Proof {
        person: String,
        need: String,
        from: Option<ProofStatus>,
        to: Option<ProofStatus>,
    },
    Deadline {
        id: String,
        concerns: String,
        /// The date before and after (None: no date yet).
        from: Option<Date>,
        to: Option<Date>,
        /// The deadline was there before / is there now.
        was: bool,
        is: bool,
    },
}

/// A key, and its value before and after (None where absent).
type Pair<'a, V> = ((&'a str, &'a str), Option<V>, Option<V>);

/// Pairs of values by key, in the order of `after` (the household's and
/// the checker's order), then what is gone, in the order of `before`.
fn pairs<'a, V: Clone>(
    b: &[((&'a str, &'a str), V)],
    a: &[((&'a str, &'a str), V)],
) -> Vec<Pair<'a, V>> {
    let find = |list: &[((&'a str, &'a str), V)], k: &(&str, &str)| {
        list.iter().find(|(x, _)| x == k).map(|(_, v)| v.clone())
    };
    let mut out: Vec<Pair<'a, V>> = a
        .iter()
        .map(|(k, v)| (*k, find(b, k), Some(v.clone())))
        .collect();
    out.extend(
        b.iter()
            .filter(|(k, _)| find(a, k).is_none())
            .map(|(k, v)| (*k, Some(v.clone()), None)),
    );
    out
}

pub fn diff(before: &Assessment, after: &Assessment) -> Vec<Change> {
    let mut out = Vec::new();
    // Usually both runs list the same programs in the same order: compare
    // pairwise, and match by name only when they do not.
    let same_order = before.programs.len() == after.programs.len()
        && before
            .programs
            .iter()
            .zip(&after.programs)
            .all(|(x, y)| x.person == y.person && x.program == y.program);
    let program = |person: &str,
                   prog: &str,
                   x: Option<(Status, Option<Money>)>,
                   y: Option<(Status, Option<Money>)>| {
        Change::Program {
            person: person.to_string(),
            program: prog.to_string(),
            from: x.map(|v| v.0),
            to: y.map(|v| v.0),
            deductible_from: x.and_then(|v| v.1),
            deductible_to: y.and_then(|v| v.1),
        }
    };
    if same_order {
        for (x, y) in before.programs.iter().zip(&after.programs) {
            if x.status != y.status || x.deductible != y.deductible {
                out.push(program(
                    &x.person,
                    &x.program,
                    Some((x.status, x.deductible)),
                    Some((y.status, y.deductible)),
                ));
            }
        }
    } else {
        let (b, a) = (progs(before), progs(after));
        for (k, x, y) in pairs(&b, &a) {
            if x != y {
                out.push(program(k.0, k.1, x, y));
            }
        }
    }
    // Proofs and deadlines: a handful per household, matched by name.
    let (b, a) = (proofs(before), proofs(after));
    for (k, x, y) in pairs(&b, &a) {
        if x != y {
            out.push(Change::Proof {
                person: k.0.to_string(),
                need: k.1.to_string(),
                from: x,
                to: y,
            });
        }
    }
    let (b, a) = (dls(before), dls(after));
    for (k, x, y) in pairs(&b, &a) {
        if x != y {
            out.push(Change::Deadline {
                id: k.0.to_string(),
                concerns: k.1.to_string(),
                was: x.is_some(),
                is: y.is_some(),
                from: x.flatten(),
                to: y.flatten(),
            });
        }
    }
    out
}

type Keyed<'a, V> = Vec<((&'a str, &'a str), V)>;

fn progs(a: &Assessment) -> Keyed<'_, (Status, Option<Money>)> {
    a.programs
        .iter()
        .map(|p| ((&*p.person, &*p.program), (p.status, p.deductible)))
        .collect()
}

fn proofs(a: &Assessment) -> Keyed<'_, ProofStatus> {
    a.proofs
        .iter()
        .map(|p| ((p.person.as_str(), p.need.as_str()), p.status.clone()))
        .collect()
}

fn dls(a: &Assessment) -> Keyed<'_, Option<Date>> {
    a.deadlines
        .iter()
        .map(|d| ((d.id.as_str(), d.concerns.as_str()), d.date))
        .collect()
}
