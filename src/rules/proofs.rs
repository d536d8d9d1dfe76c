//! Proof rules: the document catalog (what each document's conditions are)
//! and, per need (citizenship, identity, residency, income, ...), the
//! accepted alternatives in order, most common first. Exemptions are
//! criteria, written like program criteria.

use super::criteria::{Node, parse_node};
use super::{Reference, parse_yaml};
use crate::dates::Date;
use crate::error::{Problem, Result};
use crate::yamlpos::line_of;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::Arc;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentKind {
    pub reference: Reference,
    /// Must be dated within this many days of the as-of date.
    #[serde(default)]
    pub max_age_days: Option<i64>,
    /// Must be dated within this many months of the as-of date.
    #[serde(default)]
    pub max_age_months: Option<u32>,
    /// The age limit applies only when used for these needs (default: all).
    #[serde(default)]
    pub age_applies_to: Vec<String>,
    /// Counts only if issued without limitation (passports).
    #[serde(default)]
    pub not_limited: bool,
    /// Does not count when issued by a foreign government (Canadian licenses).
    #[serde(default)]
    pub not_foreign: bool,
    /// Places of birth accepted, each with an optional date rule on the birth.
    #[serde(default)]
    pub places: Option<BTreeMap<String, PlaceRule>>,
    /// Counts only for a person younger than this.
    #[serde(default)]
    pub under_age: Option<i64>,
    /// Counts only if the document is dated before this date.
    #[serde(default)]
    pub dated_before: Option<Date>,
    /// Counts only for a person born before this date.
    #[serde(default)]
    pub born_before: Option<Date>,
    /// From a private school more documents may be asked for.
    #[serde(default)]
    pub private_may_need_more: bool,
    /// Counts only when no other accepted document is given.
    #[serde(default)]
    pub last_resort: bool,
    /// A data match rather than a paper: no date to check.
    #[serde(default)]
    pub data_match: bool,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceRule {
    #[serde(default)]
    pub on_or_after: Option<Date>,
    #[serde(default)]
    pub after: Option<Date>,
}

/// Accepted alternatives, each the documents needed together.
pub type Alternatives = Arc<Vec<Vec<String>>>;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNeed {
    pub reference: Reference,
    /// Each alternative: the documents needed together (a kind listed twice
    /// means two documents of that kind). Shared with every result that
    /// lists them.
    #[serde(default)]
    pub alternatives: Alternatives,
    /// Or any `count` different documents from this list (identity).
    #[serde(default)]
    pub any_of: Option<AnyOf>,
    /// Worked out at load: for each alternative, whether it names a
    /// last-resort document (tried only after all the others).
    #[serde(skip)]
    pub last_resort: Vec<bool>,
    /// Worked out at load: every kind the need names, sorted.
    #[serde(skip)]
    pub named: Vec<String>,
}

impl RawNeed {
    /// A need from a list of alternatives (an income kind's papers).
    pub fn of(alternatives: Alternatives, reference: Reference) -> RawNeed {
        RawNeed {
            reference,
            alternatives,
            any_of: None,
            last_resort: Vec::new(),
            named: Vec::new(),
        }
    }

    /// Work out what evaluation asks of the lists, once.
    fn index(&mut self, documents: &BTreeMap<String, DocumentKind>) {
        self.last_resort = self
            .alternatives
            .iter()
            .map(|alt| {
                alt.iter()
                    .any(|k| documents.get(k).is_some_and(|d| d.last_resort))
            })
            .collect();
        let mut named: Vec<String> = self
            .alternatives
            .iter()
            .flatten()
            .chain(self.any_of.iter().flat_map(|a| a.documents.iter()))
            .cloned()
            .collect();
        named.sort();
        named.dedup();
        self.named = named;
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnyOf {
    pub count: usize,
    pub documents: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProofFile {
    /// Documents that prove citizenship and identity at once.
    both: RawNeed,
    needs: BTreeMap<String, RawNeed>,
    /// Income kind -> the need that proves it (absent: no proof needed).
    income: BTreeMap<String, IncomeProof>,
    exemptions: BTreeMap<String, RawExemption>,
    /// Reasonable compatibility: attested income within this percent of the
    /// data-source figure (or higher than it) is proved by the data match.
    reasonable_compatibility_percent: rust_decimal::Decimal,
    reasonable_compatibility_reference: Reference,
    ssn_reference: Reference,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IncomeProof {
    #[serde(default)]
    pub not_needed: bool,
    #[serde(default)]
    pub alternatives: Alternatives,
    pub reference: Reference,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExemption {
    /// Needs this exemption lifts.
    needs: Vec<String>,
    when: serde_yaml::Value,
    reference: Reference,
}

#[derive(Debug, Clone)]
pub struct Exemption {
    pub id: String,
    pub needs: Vec<String>,
    pub when: Node,
    pub leaf_count: usize,
    pub reference: Reference,
}

#[derive(Debug, Clone)]
pub struct ProofRules {
    pub documents: BTreeMap<String, DocumentKind>,
    pub both: RawNeed,
    pub needs: BTreeMap<String, RawNeed>,
    /// For a need a document of `both` also meets (citizenship; identity
    /// for a citizen): both's alternatives, then the need's own.
    pub with_both: BTreeMap<String, Alternatives>,
    pub income: BTreeMap<String, IncomeProof>,
    /// Each income kind's papers as a need (kinds whose proof is needed).
    pub income_needs: BTreeMap<String, RawNeed>,
    pub exemptions: Vec<Exemption>,
    pub rc_percent: rust_decimal::Decimal,
    pub rc_reference: Reference,
    pub ssn_reference: Reference,
    pub documents_file: String,
    pub proofs_file: String,
}

impl ProofRules {
    pub fn load(docs: (&str, &str), proofs: (&str, &str)) -> Result<ProofRules> {
        let documents: BTreeMap<String, DocumentKind> = parse_yaml(docs.0, docs.1)?;
        let raw: RawProofFile = parse_yaml(proofs.0, proofs.1)?;
        let mut exemptions = Vec::new();
        for (id, e) in raw.exemptions {
            let mut when = parse_node(&e.when, &format!("exemptions.{id}.when"))
                .map_err(|(path, msg)| Problem::at(proofs.0, line_of(proofs.1, &path), msg))?;
            let leaf_count = super::criteria::number(&mut when);
            exemptions.push(Exemption {
                id,
                needs: e.needs,
                when,
                leaf_count,
                reference: e.reference,
            });
        }
        let with_both = raw
            .needs
            .iter()
            .map(|(id, n)| {
                let mut v: Vec<Vec<String>> = raw.both.alternatives.to_vec();
                v.extend(n.alternatives.iter().cloned());
                (id.clone(), Arc::new(v))
            })
            .collect();
        let mut both = raw.both;
        both.index(&documents);
        let mut needs = raw.needs;
        for n in needs.values_mut() {
            n.index(&documents);
        }
        let income_needs = raw
            .income
            .iter()
            .filter(|(_, ip)| !ip.not_needed)
            .map(|(k, ip)| {
                let mut n = RawNeed::of(ip.alternatives.clone(), ip.reference.clone());
                n.index(&documents);
                (k.clone(), n)
            })
            .collect();
        Ok(ProofRules {
            documents,
            both,
            needs,
            income_needs,
            with_both,
            income: raw.income,
            exemptions,
            rc_percent: raw.reasonable_compatibility_percent,
            rc_reference: raw.reasonable_compatibility_reference,
            ssn_reference: raw.ssn_reference,
            documents_file: docs.0.to_string(),
            proofs_file: proofs.0.to_string(),
        })
    }

    /// Every document kind a need's lists name, with the yaml path.
    pub fn named_documents(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut need = |name: &str, n: &RawNeed| {
            for (i, alt) in n.alternatives.iter().enumerate() {
                for d in alt {
                    out.push((d.clone(), format!("{name}.alternatives[{i}]")));
                }
            }
            if let Some(a) = &n.any_of {
                for d in &a.documents {
                    out.push((d.clone(), format!("{name}.any_of")));
                }
            }
        };
        need("both", &self.both);
        for (k, n) in &self.needs {
            need(&format!("needs.{k}"), n);
        }
        for (k, ip) in &self.income {
            for (i, alt) in ip.alternatives.iter().enumerate() {
                for d in alt {
                    out.push((d.clone(), format!("income.{k}.alternatives[{i}]")));
                }
            }
        }
        out
    }
}
