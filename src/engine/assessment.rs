//! What the engine returns. Every determination carries its reasons: the
//! criterion, the answer used, the rule's citation. Front ends only show it.

use crate::dates::Date;
use crate::money::Money;
use crate::rules::criteria::Op;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    pub as_of: Date,
    pub pack: PackInfo,
    pub figures: Figures,
    pub programs: Vec<ProgramResult>,
    pub proofs: Vec<ProofResult>,
    pub deadlines: Vec<Deadline>,
    /// Figures this assessment used whose value was past its review date on
    /// the as-of date: the results that rest on them say so.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stale: Vec<StaleFigure>,
}

/// A parameter's value used after the date it should have been replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaleFigure {
    pub parameter: String,
    /// The date the value used took effect.
    pub effective: Date,
    /// The date by which it should have been replaced.
    pub review_by: Date,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackInfo {
    pub id: String,
    pub name: String,
    pub covers_from: Date,
    /// Each parameter the assessment read, with the date its value took effect.
    pub effective_dates: BTreeMap<String, Date>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    pub household_size: i64,
    /// Monthly Modified Adjusted Gross Income of the household.
    pub magi_monthly_income: Option<Money>,
    /// MAGI as a percent of the poverty level for the household size.
    pub percent_fpl: Option<String>,
    pub people: Vec<PersonFigures>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonFigures {
    pub person: String,
    pub name: Option<String>,
    pub age: Option<i64>,
    pub household_type: Option<String>,
    pub immigration_category: Option<String>,
    /// Senior-rules countable monthly income (with a spouse living together).
    pub countable_monthly_income: Option<Money>,
    pub countable_assets: Option<Money>,
    /// Countable income as a percent of MassHealth's 100% poverty figure.
    pub masshealth_percent_fpl: Option<String>,
    /// The six-month deductible, when income is over the Standard limit.
    pub deductible: Option<Money>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Likely,
    LikelyAfterDeductible,
    Possible,
    NotEligible,
}

impl Status {
    pub fn id(self) -> &'static str {
        match self {
            Status::Likely => "likely",
            Status::LikelyAfterDeductible => "likely_after_deductible",
            Status::Possible => "possible",
            Status::NotEligible => "not_eligible",
        }
    }
    pub const IDS: [&'static str; 4] = [
        "likely",
        "likely_after_deductible",
        "possible",
        "not_eligible",
    ];
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Citation {
    pub source: Arc<str>,
    pub section: Arc<str>,
}

/// A value in a reason: kept typed while the engine runs, written as text
/// ("$1,010.00", "yes", "65", "citizen, qualified") when shown or serialized.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Bool(bool),
    Int(i64),
    Num(Decimal),
    Money(Decimal),
    Text(Arc<str>),
    Static(&'static str),
    List(Arc<Vec<String>>),
}

impl fmt::Display for Val {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Val::Bool(b) => f.write_str(if *b { "yes" } else { "no" }),
            Val::Int(i) => write!(f, "{i}"),
            Val::Num(n) => write!(f, "{}", n.normalize()),
            Val::Money(m) => write!(f, "{}", Money(*m)),
            Val::Text(t) => f.write_str(t),
            Val::Static(t) => f.write_str(t),
            Val::List(items) => f.write_str(&items.join(", ")),
        }
    }
}

impl Serialize for Val {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Val {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Val::Text(String::deserialize(d)?.into()))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgramResult {
    pub program: Arc<str>,
    pub person: Arc<str>,
    pub status: Status,
    /// The deductible to meet, for likely_after_deductible.
    pub deductible: Option<Money>,
    pub citation: Citation,
    pub reasons: Vec<Reason>,
    /// Notes that apply (e.g. a Health Safety Net deductible may apply).
    pub flags: Vec<FlagNote>,
    /// Parameters past their review date that this status rests on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stale: Vec<Arc<str>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Met,
    NotMet,
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    pub criterion: Arc<str>,
    pub outcome: Outcome,
    /// This criterion decided the status (failed for not_eligible, missing
    /// for possible, met for likely).
    pub decisive: bool,
    /// The fact compared, or `program:<id>` for a program test.
    pub fact: Arc<str>,
    /// The answer or computed figure used; None when not answered yet.
    pub value: Option<Val>,
    pub op: Op,
    /// The criterion is met when this test fails (it sits under a `not`):
    /// "needed: not ...". `outcome` already reads the right way round.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub negated: bool,
    /// What it was compared with.
    pub threshold: Option<Val>,
    /// The parameter the threshold came from, and the date its value took effect.
    pub parameter: Option<Arc<str>>,
    pub parameter_effective: Option<Date>,
    pub citation: Citation,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FlagNote {
    pub flag: String,
    pub citation: Citation,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProofStatus {
    Satisfied,
    Exempt,
    Insufficient,
    Missing,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProofResult {
    pub person: String,
    /// citizenship, identity, immigration, residency, assets, ssn, or
    /// income:<kind>
    pub need: String,
    pub status: ProofStatus,
    /// Documents that satisfy the need (kinds; "data_match" for a match).
    pub used: Vec<String>,
    /// Documents given that do not count, each with why.
    pub rejected: Vec<Rejection>,
    /// Why exempt, or a note on how it was satisfied (a code; words in
    /// `reason`).
    pub reason_code: Option<String>,
    /// The reason in words, filled in from content/ by the report layer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Accepted alternatives (each: documents needed together), most common
    /// first; empty once satisfied or exempt.
    pub alternatives: crate::rules::proofs::Alternatives,
    /// Or any `count` different documents from a list.
    pub any_of: Option<AnyOf>,
    pub citation: Citation,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnyOf {
    pub count: usize,
    pub documents: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rejection {
    pub document: String,
    /// Why it does not count, as a code (too_old_days, limited, ...).
    pub code: String,
    /// The figures in the reason (date, days, max, ...).
    pub data: BTreeMap<String, String>,
    /// The reason in words, filled in from content/ by the report layer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deadline {
    pub id: String,
    /// None when the date is not known yet ("needs the date").
    pub date: Option<Date>,
    /// Whom it concerns: a person id, or "household".
    pub concerns: String,
    /// Days from the as-of date to the date (negative: overdue).
    pub days_left: Option<i64>,
    /// What must happen by then (the event or rule id; words in content/).
    pub what: String,
    /// Extra dates (window opens, coverage starts...).
    pub details: BTreeMap<String, String>,
    pub citation: Citation,
    /// Parameters past their review date that this deadline rests on
    /// (through the program statuses it depends on).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stale: Vec<Arc<str>>,
}

impl Assessment {
    pub fn programs_for<'a>(
        &'a self,
        person: &'a str,
    ) -> impl Iterator<Item = &'a ProgramResult> + 'a {
        self.programs.iter().filter(move |p| &*p.person == person)
    }
}
