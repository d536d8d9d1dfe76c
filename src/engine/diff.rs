//! What changed between two assessments of the same household: program
//! statuses (and deductibles), proof statuses, deadlines added, removed or
//! moved. Data only; the announcements and the rescreen report are views.

use super::{Assessment, ProofStatus, Status};
use crate::dates::Date;
use crate::money::Money;
use serde::Serialize;
use std::collections::BTreeMap;

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
        from: Option<Date>,
        to: Option<Date>,
    },
}

pub fn diff(before: &Assessment, after: &Assessment) -> Vec<Change> {
    let mut out = Vec::new();
    let progs = |a: &Assessment| -> BTreeMap<(String, String), (Status, Option<Money>)> {
        a.programs
            .iter()
            .map(|p| {
                (
                    (p.person.clone(), p.program.clone()),
                    (p.status, p.deductible),
                )
            })
            .collect()
    };
    let (b, a) = (progs(before), progs(after));
    for key in b.keys().chain(a.keys().filter(|k| !b.contains_key(*k))) {
        let (x, y) = (b.get(key), a.get(key));
        if x != y {
            out.push(Change::Program {
                person: key.0.clone(),
                program: key.1.clone(),
                from: x.map(|v| v.0),
                to: y.map(|v| v.0),
                deductible_from: x.and_then(|v| v.1),
                deductible_to: y.and_then(|v| v.1),
            });
        }
    }
    let proofs = |a: &Assessment| -> BTreeMap<(String, String), ProofStatus> {
        a.proofs
            .iter()
            .map(|p| ((p.person.clone(), p.need.clone()), p.status.clone()))
            .collect()
    };
    let (b, a) = (proofs(before), proofs(after));
    for key in b.keys().chain(a.keys().filter(|k| !b.contains_key(*k))) {
        let (x, y) = (b.get(key), a.get(key));
        if x != y {
            out.push(Change::Proof {
                person: key.0.clone(),
                need: key.1.clone(),
                from: x.cloned(),
                to: y.cloned(),
            });
        }
    }
    let dls = |a: &Assessment| -> BTreeMap<(String, String), Option<Date>> {
        a.deadlines
            .iter()
            .map(|d| ((d.id.clone(), d.concerns.clone()), d.date))
            .collect()
    };
    let (b, a) = (dls(before), dls(after));
    for key in b.keys().chain(a.keys().filter(|k| !b.contains_key(*k))) {
        let (x, y) = (b.get(key), a.get(key));
        if x != y {
            out.push(Change::Deadline {
                id: key.0.clone(),
                concerns: key.1.clone(),
                from: x.copied().flatten(),
                to: y.copied().flatten(),
            });
        }
    }
    out
}
