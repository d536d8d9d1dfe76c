//! Which papers does each person still need to send? For each applying
//! person and each need, the documents held are checked against the pack's
//! lists and conditions: satisfied (by which documents), exempt (why),
//! insufficient (given but not counting, with the exact reason) or missing
//! (with the accepted alternatives, most common first).

use super::facts::{Ctx, FV};
use super::{AnyOf, ProofResult, ProofStatus, Rejection, cite, holds};
use crate::dates::{add_months, age_on};
use crate::error::Result;
use crate::model::{Document, Person};
use crate::rules::proofs::{Alternatives, DocumentKind, ProofRules, RawNeed};
use crate::rules::{AssetTreatment, Reference};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// Every reason code the checker can give; each needs words in
/// content/<lang>/proof_reasons.yaml (checked by `rules check`).
pub const REASON_CODES: &[&str] = &[
    "after_as_of",
    "limited",
    "foreign",
    "no_date_days",
    "too_old_days",
    "no_date_months",
    "too_old_months",
    "no_place",
    "place_not_listed",
    "born_before_place_rule",
    "born_not_after_place_rule",
    "no_birth_date",
    "over_age",
    "no_person_birth_date",
    "dated_too_late",
    "no_date_before",
    "born_too_late",
    "no_person_birth_date_before",
    "needs_partner",
    "needs_partner_or_second",
    "needs_second",
    "needs_another",
    "private_may_need_more",
    "last_resort",
    "reasonably_compatible",
    "not_reasonably_compatible",
    "ssn_given",
    "ssn_applied",
    "religious_exemption",
    "nonwork_only",
    "not_eligible",
    "ssn_missing",
];

pub fn check(ctx: &Ctx) -> Result<Vec<ProofResult>> {
    let Some(rules) = &ctx.pack.proofs else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for person in ctx.intake.people.iter().filter(|p| p.applying) {
        person_proofs(ctx, rules, person, &mut out)?;
    }
    Ok(out)
}

fn rejection(doc: &Document, code: &str, data: &[(&str, String)]) -> Rejection {
    Rejection {
        document: doc.kind.clone(),
        code: code.to_string(),
        data: data
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
        reason: None,
    }
}

/// Does this document count for `need`? Err: why not.
fn usable(
    ctx: &Ctx,
    kind: &DocumentKind,
    doc: &Document,
    need: &str,
    person: &Person,
) -> std::result::Result<(), Rejection> {
    let as_of = ctx.as_of;
    if let Some(d) = doc.date
        && d > as_of
    {
        return Err(rejection(
            doc,
            "after_as_of",
            &[("date", d.to_string()), ("as_of", as_of.to_string())],
        ));
    }
    if kind.not_limited && doc.limited == Some(true) {
        return Err(rejection(doc, "limited", &[]));
    }
    if kind.not_foreign && doc.foreign == Some(true) {
        return Err(rejection(doc, "foreign", &[]));
    }
    let age_rule_applies =
        kind.age_applies_to.is_empty() || kind.age_applies_to.iter().any(|n| n == need);
    if age_rule_applies && !kind.data_match {
        if let Some(max) = kind.max_age_days {
            let Some(d) = doc.date else {
                return Err(rejection(doc, "no_date_days", &[("max", max.to_string())]));
            };
            let days = (as_of - d).num_days();
            if days > max {
                return Err(rejection(
                    doc,
                    "too_old_days",
                    &[
                        ("date", d.to_string()),
                        ("days", days.to_string()),
                        ("max", max.to_string()),
                        ("as_of", as_of.to_string()),
                    ],
                ));
            }
        }
        if let Some(months) = kind.max_age_months {
            let Some(d) = doc.date else {
                return Err(rejection(
                    doc,
                    "no_date_months",
                    &[("max", months.to_string())],
                ));
            };
            if add_months(d, months as i32) < as_of {
                return Err(rejection(
                    doc,
                    "too_old_months",
                    &[
                        ("date", d.to_string()),
                        ("max", months.to_string()),
                        ("as_of", as_of.to_string()),
                    ],
                ));
            }
        }
    }
    if let Some(places) = &kind.places {
        let Some(place) = &doc.place else {
            return Err(rejection(doc, "no_place", &[]));
        };
        let Some(rule) = places.get(place) else {
            return Err(rejection(
                doc,
                "place_not_listed",
                &[("place", place.clone())],
            ));
        };
        let born = doc.birth_date.or(person.birth_date);
        if let Some(limit) = rule.on_or_after {
            match born {
                Some(b) if b < limit => {
                    return Err(rejection(
                        doc,
                        "born_before_place_rule",
                        &[
                            ("place", place.clone()),
                            ("birth_date", b.to_string()),
                            ("limit", limit.to_string()),
                        ],
                    ));
                }
                None => return Err(rejection(doc, "no_birth_date", &[("place", place.clone())])),
                _ => {}
            }
        }
        if let Some(limit) = rule.after {
            match born {
                Some(b) if b <= limit => {
                    return Err(rejection(
                        doc,
                        "born_not_after_place_rule",
                        &[
                            ("place", place.clone()),
                            ("birth_date", b.to_string()),
                            ("limit", limit.to_string()),
                        ],
                    ));
                }
                None => return Err(rejection(doc, "no_birth_date", &[("place", place.clone())])),
                _ => {}
            }
        }
    }
    if let Some(limit) = kind.under_age {
        match person.birth_date.map(|b| age_on(b, as_of)) {
            Some(a) if a >= limit => {
                return Err(rejection(
                    doc,
                    "over_age",
                    &[("age", a.to_string()), ("limit", limit.to_string())],
                ));
            }
            None => {
                return Err(rejection(
                    doc,
                    "no_person_birth_date",
                    &[("limit", limit.to_string())],
                ));
            }
            _ => {}
        }
    }
    if let Some(before) = kind.dated_before {
        match doc.date {
            Some(d) if d >= before => {
                return Err(rejection(
                    doc,
                    "dated_too_late",
                    &[("date", d.to_string()), ("before", before.to_string())],
                ));
            }
            None => {
                return Err(rejection(
                    doc,
                    "no_date_before",
                    &[("before", before.to_string())],
                ));
            }
            _ => {}
        }
    }
    if let Some(before) = kind.born_before {
        match person.birth_date {
            Some(b) if b >= before => {
                return Err(rejection(
                    doc,
                    "born_too_late",
                    &[
                        ("birth_date", b.to_string()),
                        ("before", before.to_string()),
                    ],
                ));
            }
            None => {
                return Err(rejection(
                    doc,
                    "no_person_birth_date_before",
                    &[("before", before.to_string())],
                ));
            }
            _ => {}
        }
    }
    Ok(())
}

struct Outcome {
    used: Vec<String>,
    rejected: Vec<Rejection>,
    note: Option<String>,
}

/// Try a need's alternatives (and any-of list) against a person's documents.
fn try_need(
    ctx: &Ctx,
    rules: &ProofRules,
    need_id: &str,
    need: &RawNeed,
    person: &Person,
) -> Outcome {
    let docs = &person.documents;
    // Which documents count for this need, and why the others do not.
    let mut valid: Vec<usize> = Vec::new();
    let mut rejected = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        if need.named.binary_search(&d.kind).is_err() {
            continue;
        }
        let Some(kind) = rules.documents.get(&d.kind) else {
            continue;
        };
        match usable(ctx, kind, d, need_id, person) {
            Ok(()) => valid.push(i),
            Err(r) => rejected.push(r),
        }
    }
    let satisfy = |alt: &[String]| -> Option<Vec<usize>> {
        let mut taken: Vec<usize> = Vec::new();
        for k in alt {
            let pick = valid
                .iter()
                .copied()
                .find(|i| docs[*i].kind == *k && !taken.contains(i))?;
            taken.push(pick);
        }
        Some(taken)
    };
    for pass_last_resort in [false, true] {
        for alt in need
            .alternatives
            .iter()
            .zip(&need.last_resort)
            .filter(|(_, lr)| **lr == pass_last_resort)
            .map(|(a, _)| a)
        {
            if let Some(taken) = satisfy(alt) {
                let note = taken
                    .iter()
                    .find(|i| {
                        docs[**i].private_school == Some(true)
                            && rules
                                .documents
                                .get(&docs[**i].kind)
                                .is_some_and(|k| k.private_may_need_more)
                    })
                    .map(|_| "private_may_need_more".to_string())
                    .or_else(|| pass_last_resort.then(|| "last_resort".to_string()));
                return Outcome {
                    used: taken.iter().map(|i| docs[*i].kind.clone()).collect(),
                    rejected,
                    note,
                };
            }
        }
        if !pass_last_resort && let Some(any) = &need.any_of {
            let mut picked: Vec<usize> = Vec::new();
            for i in &valid {
                if any.documents.contains(&docs[*i].kind) && picked.len() < any.count {
                    picked.push(*i);
                }
            }
            if picked.len() == any.count {
                return Outcome {
                    used: picked.iter().map(|i| docs[*i].kind.clone()).collect(),
                    rejected,
                    note: None,
                };
            }
        }
    }
    // Not satisfied: documents that count but lack their partner(s).
    for i in &valid {
        let k = &docs[*i].kind;
        let partners: Vec<String> = need
            .alternatives
            .iter()
            .filter(|alt| alt.len() > 1 && alt.contains(k))
            .flat_map(|alt| alt.iter().filter(|x| *x != k).cloned())
            .collect();
        let in_any = need
            .any_of
            .as_ref()
            .is_some_and(|a| a.documents.contains(k));
        let alone_ok = need
            .alternatives
            .iter()
            .any(|alt| alt.len() == 1 && alt[0] == *k);
        if !partners.is_empty() && !alone_ok && !in_any {
            rejected.push(rejection(
                &docs[*i],
                "needs_partner",
                &[("partners", partners.join(","))],
            ));
        } else if !partners.is_empty() && !alone_ok && in_any {
            rejected.push(rejection(
                &docs[*i],
                "needs_partner_or_second",
                &[
                    ("partners", partners.join(",")),
                    (
                        "count",
                        need.any_of
                            .as_ref()
                            .map(|a| a.count)
                            .unwrap_or(2)
                            .to_string(),
                    ),
                ],
            ));
        } else if in_any && !alone_ok {
            let count = need.any_of.as_ref().map(|a| a.count).unwrap_or(2);
            rejected.push(rejection(
                &docs[*i],
                "needs_second",
                &[("count", count.to_string())],
            ));
        } else if alt_repeats(need, k) {
            rejected.push(rejection(&docs[*i], "needs_another", &[]));
        }
    }
    Outcome {
        used: Vec::new(),
        rejected,
        note: None,
    }
}

/// An alternative that needs two of this kind (two pay stubs).
fn alt_repeats(need: &RawNeed, k: &str) -> bool {
    need.alternatives
        .iter()
        .any(|alt| alt.iter().filter(|x| *x == k).count() > 1)
}

fn result(
    person: &Person,
    need: &str,
    out: Outcome,
    alternatives: &Alternatives,
    any_of: Option<AnyOf>,
    reference: &Reference,
) -> ProofResult {
    let status = if !out.used.is_empty() {
        ProofStatus::Satisfied
    } else if !out.rejected.is_empty() {
        ProofStatus::Insufficient
    } else {
        ProofStatus::Missing
    };
    let done = status == ProofStatus::Satisfied;
    ProofResult {
        person: person.id.clone(),
        need: need.to_string(),
        status,
        used: out.used,
        rejected: out.rejected,
        reason_code: out.note,
        reason: None,
        alternatives: if done {
            Alternatives::default()
        } else {
            alternatives.clone()
        },
        any_of: if done { None } else { any_of },
        citation: cite(reference),
    }
}

fn exempt(person: &Person, need: &str, code: &str, reference: &Reference) -> ProofResult {
    ProofResult {
        person: person.id.clone(),
        need: need.to_string(),
        status: ProofStatus::Exempt,
        used: Vec::new(),
        rejected: Vec::new(),
        reason_code: Some(code.to_string()),
        reason: None,
        alternatives: Alternatives::default(),
        any_of: None,
        citation: cite(reference),
    }
}

fn person_proofs(
    ctx: &Ctx,
    rules: &ProofRules,
    person: &Person,
    out: &mut Vec<ProofResult>,
) -> Result<()> {
    // Exemptions that hold for this person, by need.
    let mut exemptions: BTreeMap<&str, (&str, &Reference)> = BTreeMap::new();
    for e in &rules.exemptions {
        if holds(ctx, &e.when, e.leaf_count, person, &e.reference)? == Some(true) {
            for n in &e.needs {
                exemptions
                    .entry(n.as_str())
                    .or_insert((e.id.as_str(), &e.reference));
            }
        }
    }
    let category = ctx.immigration_category(person)?;
    let citizen = matches!(&category, FV::Text(c) if *c == "citizen");
    let noncitizen_other = matches!(&category, FV::Text(c) if *c == "other");
    let noncitizen = person.citizenship.as_deref() == Some("noncitizen");

    let need_of = |id: &str| rules.needs.get(id);
    // Citizenship and identity: one document for both, else one each.
    let both = try_need(ctx, rules, "both", &rules.both, person);
    let mut needs: Vec<&str> = Vec::new();
    if citizen {
        needs.push("citizenship");
    }
    if noncitizen && !noncitizen_other {
        needs.push("immigration");
    }
    if person.citizenship.is_some() {
        needs.push("identity");
    }
    needs.push("residency");
    for need in needs {
        let Some(rule) = need_of(need) else { continue };
        if let Some((code, reference)) = exemptions.get(need) {
            out.push(exempt(person, need, code, reference));
            continue;
        }
        let mut o = try_need(ctx, rules, need, rule, person);
        if o.used.is_empty() && (need == "citizenship" || (need == "identity" && citizen)) {
            if !both.used.is_empty() {
                o = Outcome {
                    used: both.used.clone(),
                    rejected: Vec::new(),
                    note: None,
                };
            } else {
                o.rejected.extend(both.rejected.iter().cloned());
            }
        }
        let alternatives = if need == "citizenship" || (need == "identity" && citizen) {
            rules.with_both.get(need).unwrap_or(&rule.alternatives)
        } else {
            &rule.alternatives
        };
        let any = rule.any_of.as_ref().map(|a| AnyOf {
            count: a.count,
            documents: a.documents.clone(),
        });
        let reference = if o.used == both.used && !both.used.is_empty() {
            &rules.both.reference
        } else {
            &rule.reference
        };
        out.push(result(person, need, o, alternatives, any, reference));
    }

    // Income, by kind: a data match that is reasonably compatible, or papers.
    let mut kinds: Vec<&str> = person.incomes.iter().map(|i| i.kind.as_str()).collect();
    kinds.sort();
    kinds.dedup();
    for kind in kinds {
        let Some(ip) = rules.income.get(kind) else {
            continue;
        };
        if ip.not_needed {
            continue;
        }
        let need = format!("income:{kind}");
        let entries: Vec<_> = person.incomes.iter().filter(|i| i.kind == kind).collect();
        let matched = entries.iter().all(|i| match i.data_source_monthly {
            Some(ds) => compatible(i.monthly.0, ds.0, rules.rc_percent),
            None => false,
        });
        if matched {
            out.push(ProofResult {
                person: person.id.clone(),
                need,
                status: ProofStatus::Satisfied,
                used: vec!["data_match".into()],
                rejected: Vec::new(),
                reason_code: Some("reasonably_compatible".into()),
                reason: None,
                alternatives: Alternatives::default(),
                any_of: None,
                citation: cite(&rules.rc_reference),
            });
            continue;
        }
        let Some(raw) = rules.income_needs.get(kind) else {
            continue;
        };
        let mut o = try_need(ctx, rules, &need, raw, person);
        if o.used.is_empty() && entries.iter().any(|i| i.data_source_monthly.is_some()) {
            o.note = Some("not_reasonably_compatible".into());
        }
        out.push(result(
            person,
            &need,
            o,
            &ip.alternatives,
            None,
            &ip.reference,
        ));
    }

    // Assets: current statements for countable accounts.
    let has_countable = person.assets.iter().any(|a| {
        ctx.pack
            .asset_kinds
            .get(&a.kind)
            .is_some_and(|k| k.treatment == AssetTreatment::Countable)
            && !a.value.0.is_zero()
    });
    if has_countable && let Some(rule) = need_of("assets") {
        let o = try_need(ctx, rules, "assets", rule, person);
        out.push(result(
            person,
            "assets",
            o,
            &rule.alternatives,
            None,
            &rule.reference,
        ));
    }

    // Social Security number: given or applied for, or an exception.
    let ssn = match person.ssn.as_deref() {
        Some("given") => Some(result_code(
            person,
            ProofStatus::Satisfied,
            "ssn_given",
            rules,
        )),
        Some("applied") => Some(result_code(
            person,
            ProofStatus::Satisfied,
            "ssn_applied",
            rules,
        )),
        Some(e @ ("religious_exemption" | "nonwork_only" | "not_eligible")) => {
            Some(result_code(person, ProofStatus::Exempt, e, rules))
        }
        Some(_) => Some(result_code(
            person,
            ProofStatus::Missing,
            "ssn_missing",
            rules,
        )),
        None => None,
    };
    out.extend(ssn);
    Ok(())
}

fn result_code(
    person: &Person,
    status: ProofStatus,
    code: &str,
    rules: &ProofRules,
) -> ProofResult {
    ProofResult {
        person: person.id.clone(),
        need: "ssn".into(),
        status,
        used: Vec::new(),
        rejected: Vec::new(),
        reason_code: Some(code.into()),
        reason: None,
        alternatives: Alternatives::default(),
        any_of: None,
        citation: cite(&rules.ssn_reference),
    }
}

/// Attested income is proved by the data match when it is higher than the
/// data-source figure, or within `pct` percent of it.
pub fn compatible(attested: Decimal, data: Decimal, pct: Decimal) -> bool {
    if attested > data {
        return true;
    }
    (data - attested) * Decimal::from(100) <= data * pct
}

#[cfg(test)]
mod tests {
    use super::compatible;
    use rust_decimal_macros::dec;

    #[test]
    fn reasonable_compatibility() {
        assert!(compatible(dec!(1100), dec!(1000), dec!(10)));
        assert!(compatible(dec!(910), dec!(1000), dec!(10)));
        assert!(compatible(dec!(900), dec!(1000), dec!(10)));
        assert!(!compatible(dec!(890), dec!(1000), dec!(10)));
    }
}
