//! The fact vocabulary: small, typed, computed in Rust and tested. Criteria
//! in rules/ refer to these by name; `rules check` refuses any other name.
//! Numbers the computations need (the working-income fraction, the burial
//! set-aside, the five-year wait) come from the pack's parameters.

use crate::dates::{Date, add_months, age_on};
use crate::error::{Problem, Result};
use crate::model::{Intake, Person};
use crate::rules::{AssetTreatment, IncomeTreatment, Pack, StatusGroup};
use rust_decimal::Decimal;
use std::cell::RefCell;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Bool,
    Int,
    Money,
    Text(&'static [&'static str]),
}

pub const CATEGORIES: &[&str] = &[
    "citizen",
    "qualified",
    "qualified_barred",
    "nonqualified_lawfully_present",
    "nonqualified_prucol",
    "other",
];
pub const LEVELS_OF_CARE: &[&str] = &["none", "nursing_facility", "hospital", "icf_id"];
pub const SETTINGS: &[&str] = &[
    "home",
    "ltc_facility",
    "waiting_for_facility",
    "chronic_rehab_hospital",
    "psychiatric_hospital",
    "icf_id",
];
pub const BRAIN_INJURIES: &[&str] = &["none", "traumatic", "acquired"];
pub const HOUSEHOLD_TYPES: &[&str] = &["individual", "couple"];

/// Every fact a rule may name, with its type.
pub const FACTS: &[(&str, Kind)] = &[
    ("age", Kind::Int),
    ("household_size", Kind::Int),
    ("household_type", Kind::Text(HOUSEHOLD_TYPES)),
    ("married", Kind::Bool),
    ("resident", Kind::Bool),
    ("incarcerated", Kind::Bool),
    ("citizen", Kind::Bool),
    ("immigration_category", Kind::Text(CATEGORIES)),
    ("lawfully_present", Kind::Bool),
    ("lawfully_present_noncitizen", Kind::Bool),
    ("masshealth_on_1997_06_30", Kind::Bool),
    ("has_medicare", Kind::Bool),
    ("medicare_eligible", Kind::Bool),
    ("ssi", Kind::Bool),
    ("ssdi", Kind::Bool),
    ("disabled", Kind::Bool),
    ("blind", Kind::Bool),
    ("pregnant", Kind::Bool),
    ("ai_an", Kind::Bool),
    ("eaedc_cash", Kind::Bool),
    ("born_to_masshealth_mother", Kind::Bool),
    ("level_of_care", Kind::Text(LEVELS_OF_CARE)),
    ("care_setting", Kind::Text(SETTINGS)),
    ("continuous_inpatient_days", Kind::Int),
    ("brain_injury", Kind::Text(BRAIN_INJURIES)),
    ("brain_injury_age", Kind::Int),
    ("dementia_type_disease", Kind::Bool),
    ("intellectual_disability", Kind::Bool),
    ("needs_pca", Kind::Bool),
    ("in_pace_area", Kind::Bool),
    ("in_sco_area", Kind::Bool),
    ("safe_in_community", Kind::Bool),
    ("agrees_pace_only", Kind::Bool),
    ("end_stage_renal_disease", Kind::Bool),
    ("countable_monthly_income", Kind::Money),
    ("applicant_countable_monthly_income", Kind::Money),
    ("countable_assets", Kind::Money),
    ("applicant_countable_assets", Kind::Money),
    ("ltc_countable_assets", Kind::Money),
    ("home_equity", Kind::Money),
    ("home_relative_exception", Kind::Bool),
    ("former_home_countable", Kind::Bool),
    ("magi_monthly_income", Kind::Money),
    ("insured", Kind::Bool),
    ("underinsured", Kind::Bool),
    ("tricare", Kind::Bool),
    ("connector_plan_when_medicare_began", Kind::Bool),
    ("affordable_employer_offer", Kind::Bool),
    ("files_taxes", Kind::Bool),
    ("files_jointly", Kind::Bool),
    ("abuse_or_abandonment", Kind::Bool),
];

/// Parameters the fact computations read by name; a pack must define them.
pub const REQUIRED_PARAMS: &[&str] = &[
    "working_income_counted_fraction",
    "life_insurance_face_value_limit",
    "burial_fund_limit_per_person",
    "qualified_waiting_period_years",
    "continuous_presence_entry_before",
    "continuous_presence_max_consecutive_absence_days",
    "continuous_presence_max_total_absence_days",
    "employer_affordability_percent",
    "employer_minimum_value_percent",
];

fn has_all(pack: &Pack, names: &[&str]) -> bool {
    names.iter().all(|n| pack.params.contains_key(n))
}

/// The pack can count income under the senior rules.
pub fn has_income_params(pack: &Pack) -> bool {
    has_all(pack, &["working_income_counted_fraction"])
}

/// The pack can count assets.
pub fn has_asset_params(pack: &Pack) -> bool {
    has_all(
        pack,
        &[
            "life_insurance_face_value_limit",
            "burial_fund_limit_per_person",
        ],
    )
}

/// The pack can place a noncitizen in an immigration category.
pub fn has_immigration_rules(pack: &Pack) -> bool {
    !pack.immigration.statuses.is_empty()
        && has_all(
            pack,
            &[
                "qualified_waiting_period_years",
                "continuous_presence_entry_before",
                "continuous_presence_max_consecutive_absence_days",
                "continuous_presence_max_total_absence_days",
            ],
        )
}

pub fn index_of(name: &str) -> Option<usize> {
    FACTS.iter().position(|(n, _)| *n == name)
}

/// The interned copy of a coded answer, if it is one of `allowed`.
fn intern(allowed: &'static [&'static str], v: Option<&str>) -> FV {
    match v {
        None => FV::Unknown,
        Some(v) => allowed
            .iter()
            .find(|a| **a == v)
            .map(|a| FV::Text(a))
            .unwrap_or(FV::Unknown),
    }
}

pub fn kind_of(name: &str) -> Option<Kind> {
    FACTS.iter().find(|(n, _)| *n == name).map(|(_, k)| *k)
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FV {
    Bool(bool),
    Int(i64),
    Money(Decimal),
    Text(&'static str),
    Unknown,
}

impl FV {
    pub fn key(&self) -> Option<String> {
        match self {
            FV::Int(i) => Some(i.to_string()),
            FV::Text(t) => Some(t.to_string()),
            FV::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }
}

fn b(o: Option<bool>) -> FV {
    o.map(FV::Bool).unwrap_or(FV::Unknown)
}

/// Everything facts need, for one run of the engine.
pub struct Ctx<'a> {
    pub pack: &'a Pack,
    pub intake: &'a Intake,
    pub as_of: Date,
    /// Parameters read, with the date the value used took effect.
    pub used: RefCell<BTreeMap<String, Date>>,
    /// Parameters read by slot (see note_used_slot).
    used_slots: RefCell<Vec<Option<Date>>>,
    /// Facts already computed, by person position then fact index.
    cache: RefCell<Vec<Option<FV>>>,
    /// Build the explanation of every criterion (false: statuses only).
    pub reasons: bool,
    /// Parameters past their review date on the as-of date, by slot, each
    /// with its own bit (0: not stale). Reads of them are tracked below so
    /// that each result can say which stale figure it rests on.
    stale_bit: Vec<u64>,
    /// Bits of the stale parameters read in the current scope.
    scope: std::cell::Cell<u64>,
    /// For each cached fact, the stale parameters it read.
    fact_stale: RefCell<Vec<u64>>,
    /// For each person and program, the stale parameters its status rests on.
    program_stale: RefCell<Vec<u64>>,
}

impl<'a> Ctx<'a> {
    pub fn new(pack: &'a Pack, intake: &'a Intake, as_of: Date) -> Self {
        Ctx {
            pack,
            intake,
            as_of,
            used: RefCell::new(BTreeMap::new()),
            cache: RefCell::new(vec![None; intake.people.len() * FACTS.len()]),
            used_slots: RefCell::new(vec![None; pack.params.len()]),
            reasons: true,
            stale_bit: stale_bits(pack, as_of),
            scope: std::cell::Cell::new(0),
            fact_stale: RefCell::new(vec![0; intake.people.len() * FACTS.len()]),
            program_stale: RefCell::new(vec![0; intake.people.len() * pack.programs.len()]),
        }
    }

    /// Start a scope: reads of stale parameters are collected from here.
    /// Give what it returns to `end_scope`.
    pub fn begin_scope(&self) -> u64 {
        self.scope.replace(0)
    }

    /// The stale parameters read since `begin_scope` (as bits); the
    /// enclosing scope keeps them too.
    pub fn end_scope(&self, outer: u64) -> u64 {
        let mine = self.scope.get();
        self.scope.set(outer | mine);
        mine
    }

    fn note_stale(&self, bits: u64) {
        if bits != 0 {
            self.scope.set(self.scope.get() | bits);
        }
    }

    fn person_index(&self, p: &Person) -> Option<usize> {
        self.intake.people.iter().position(|q| std::ptr::eq(q, p))
    }

    /// Keep the stale parameters a program's status rests on, for the
    /// criteria (deadlines) that read that status later.
    pub fn set_program_stale(&self, p: &Person, program: usize, bits: u64) {
        let n = self.pack.programs.len();
        if let Some(i) = self.person_index(p)
            && let Some(x) = self.program_stale.borrow_mut().get_mut(i * n + program)
        {
            *x = bits;
        }
    }

    /// A criterion read a program's status: it rests on what that did.
    pub fn read_program_status(&self, p: &Person, program: usize) {
        let n = self.pack.programs.len();
        if let Some(i) = self.person_index(p)
            && let Some(x) = self.program_stale.borrow().get(i * n + program)
        {
            self.note_stale(*x);
        }
    }

    /// The names of the stale parameters in `bits`.
    pub fn stale_names(&self, bits: u64) -> Vec<std::sync::Arc<str>> {
        if bits == 0 {
            return Vec::new();
        }
        self.stale_bit
            .iter()
            .enumerate()
            .filter(|(_, b)| **b & bits != 0)
            .map(|(i, _)| self.pack.params.at(i).name_arc.clone())
            .collect()
    }

    /// Every stale parameter read in this run, with its dates.
    pub fn stale_read(&self) -> Vec<crate::engine::StaleFigure> {
        if self.stale_bit.iter().all(|b| *b == 0) {
            return Vec::new();
        }
        let slots = self.used_slots.borrow();
        let named = self.used.borrow();
        self.stale_bit
            .iter()
            .enumerate()
            .filter(|(_, b)| **b != 0)
            .filter_map(|(i, _)| {
                let p = self.pack.params.at(i);
                let read = slots.get(i).copied().flatten().is_some() || named.contains_key(&p.name);
                if !read {
                    return None;
                }
                let (effective, review_by) = p.stale_on(self.as_of)?;
                Some(crate::engine::StaleFigure {
                    parameter: p.name.clone(),
                    effective,
                    review_by,
                })
            })
            .collect()
    }

    pub fn num(&self, name: &str) -> Result<Decimal> {
        let (v, d) = self.pack.num(name, self.as_of)?;
        self.note_used(name, d);
        Ok(v)
    }

    pub fn date_param(&self, name: &str) -> Result<Date> {
        let (v, d) = self.pack.date(name, self.as_of)?;
        self.note_used(name, d);
        Ok(v)
    }

    /// A fact by its index in FACTS, computed once per person.
    pub fn fact_at(&self, p: &'a Person, index: usize) -> Result<FV> {
        let slot = self
            .intake
            .people
            .iter()
            .position(|q| std::ptr::eq(q, p))
            .map(|i| i * FACTS.len() + index);
        if let Some(Some(v)) = slot.and_then(|s| self.cache.borrow().get(s).cloned()) {
            if let Some(s) = slot {
                self.note_stale(self.fact_stale.borrow()[s]);
            }
            return Ok(v);
        }
        let name = FACTS.get(index).map(|(n, _)| *n).unwrap_or("?");
        let outer = self.begin_scope();
        let v = self.compute(p, name);
        let read = self.end_scope(outer);
        let v = v?;
        if let Some(s) = slot
            && let Some(c) = self.cache.borrow_mut().get_mut(s)
        {
            *c = Some(v);
            self.fact_stale.borrow_mut()[s] = read;
        }
        Ok(v)
    }

    /// The value of fact `name` for person `p`.
    pub fn fact(&self, p: &'a Person, name: &str) -> Result<FV> {
        match index_of(name) {
            Some(i) => self.fact_at(p, i),
            None => Err(Problem::new(format!(
                "the engine has no fact called '{name}'"
            ))),
        }
    }

    /// Note a parameter read by its slot (no name lookup on the hot path).
    pub fn note_used_slot(&self, slot: usize, d: Date) {
        self.note_stale(self.stale_bit.get(slot).copied().unwrap_or(0));
        let mut seen = self.used_slots.borrow_mut();
        if seen.get(slot).copied().flatten().is_none()
            && let Some(x) = seen.get_mut(slot)
        {
            *x = Some(d);
        }
    }

    /// Every parameter read, with the date its value took effect.
    pub fn effective_dates(&self) -> BTreeMap<String, Date> {
        let mut out = self.used.borrow().clone();
        for (i, d) in self.used_slots.borrow().iter().enumerate() {
            if let Some(d) = d {
                out.entry(self.pack.params.at(i).name.clone()).or_insert(*d);
            }
        }
        out
    }

    pub fn note_used(&self, name: &str, d: Date) {
        if let Some(slot) = self.pack.params.slot(name) {
            self.note_stale(self.stale_bit[slot]);
        }
        let mut used = self.used.borrow_mut();
        if !used.contains_key(name) {
            used.insert(name.to_string(), d);
        }
    }

    pub fn household_size(&self) -> i64 {
        self.intake
            .household
            .size
            .map(i64::from)
            .unwrap_or(self.intake.people.len() as i64)
    }

    pub fn spouse_of(&self, p: &'a Person) -> Option<&'a Person> {
        p.spouse.as_deref().and_then(|id| self.intake.person(id))
    }

    /// Individual or couple (married and living together), for the chart.
    pub fn household_type(&self, p: &Person) -> FV {
        match p.marital_status.as_deref() {
            None => FV::Unknown,
            Some("married") => match p.lives_with_spouse {
                Some(true) => FV::Text("couple"),
                Some(false) => FV::Text("individual"),
                None => FV::Unknown,
            },
            Some(_) => FV::Text("individual"),
        }
    }

    /// The people whose income and assets count with `p` under the senior
    /// rules: `p`, and a spouse living with them. None when that cannot be
    /// known yet (married and living together, spouse not listed).
    fn unit(&self, p: &'a Person) -> Option<Vec<&'a Person>> {
        match self.household_type(p) {
            FV::Text("couple") => Some(vec![p, self.spouse_of(p)?]),
            FV::Text(_) => Some(vec![p]),
            _ => None,
        }
    }

    /// The incomes listed are all there are: said so, or some are listed
    /// and nobody said more are coming (`incomes_complete: false`).
    fn incomes_known(p: &Person) -> bool {
        match p.incomes_complete {
            Some(done) => done,
            None => !p.incomes.is_empty(),
        }
    }
    fn assets_known(p: &Person) -> bool {
        match p.assets_complete {
            Some(done) => done,
            None => !p.assets.is_empty(),
        }
    }

    /// Senior-rules countable monthly income of some people.
    pub fn senior_income(&self, people: &[&Person]) -> Result<Option<Decimal>> {
        if !people.iter().all(|p| Self::incomes_known(p)) {
            return Ok(None);
        }
        let mut total = Decimal::ZERO;
        for p in people {
            for inc in &p.incomes {
                let kind = self.pack.income_kinds.get(&inc.kind).ok_or_else(|| {
                    Problem::new(format!("unknown kind of income '{}'", inc.kind))
                })?;
                total += match kind.senior {
                    IncomeTreatment::Counted => inc.monthly.0,
                    IncomeTreatment::Working => {
                        inc.monthly.0 * self.num("working_income_counted_fraction")?
                    }
                    IncomeTreatment::NotCounted => Decimal::ZERO,
                };
            }
        }
        Ok(Some(total.round_dp(2)))
    }

    /// Monthly MAGI of the whole household.
    pub fn magi_income(&self) -> Result<Option<Decimal>> {
        if !self.intake.people.iter().all(Self::incomes_known) {
            return Ok(None);
        }
        let mut total = Decimal::ZERO;
        // Under MAGI, income received by an SSI or EAEDC recipient is not
        // counted (Senior Guide, MAGI, Noncountable Income).
        for p in self
            .intake
            .people
            .iter()
            .filter(|p| p.ssi != Some(true) && p.eaedc_cash != Some(true))
        {
            for inc in &p.incomes {
                if self
                    .pack
                    .income_kinds
                    .get(&inc.kind)
                    .is_some_and(|k| k.magi)
                {
                    total += inc.monthly.0;
                }
            }
        }
        Ok(Some(total))
    }

    /// Countable assets of some people under the community rules; with
    /// `ltc` set, the long-term-care rule for the home applies instead.
    pub fn countable_assets(&self, people: &[&Person], ltc: bool) -> Result<Option<Decimal>> {
        if !people.iter().all(|p| Self::assets_known(p)) {
            return Ok(None);
        }
        let face_limit = self.num("life_insurance_face_value_limit")?;
        let burial_limit = self.num("burial_fund_limit_per_person")?;
        let mut total = Decimal::ZERO;
        let mut vehicles: Vec<Decimal> = Vec::new();
        for p in people {
            let mut burial = Decimal::ZERO;
            let whole_life_face: Decimal = p
                .assets
                .iter()
                .filter(|a| {
                    self.treatment(&a.kind) == Some(AssetTreatment::LifeInsurance)
                        && a.term != Some(true)
                })
                .map(|a| a.face_value.map(|m| m.0))
                .sum::<Option<Decimal>>()
                // A whole-life policy without its face value: not known yet.
                .unwrap_or(Decimal::MAX);
            if whole_life_face == Decimal::MAX {
                return Ok(None);
            }
            for a in &p.assets {
                let t = self
                    .treatment(&a.kind)
                    .ok_or_else(|| Problem::new(format!("unknown kind of asset '{}'", a.kind)))?;
                match t {
                    AssetTreatment::Countable => total += a.value.0,
                    AssetTreatment::Home => {
                        // In a facility, the long-term-care rule; otherwise
                        // the home lived in, in the state, is not counted.
                        // Unanswered: not known yet, never guessed.
                        if ltc && self.in_institution(p) {
                            if self.ltc_home_countable(p) {
                                total += a.value.0;
                            }
                        } else {
                            match (a.lives_there, a.in_state) {
                                (Some(true), Some(true)) => {}
                                (Some(false), _) | (_, Some(false)) => total += a.value.0,
                                _ => return Ok(None),
                            }
                        }
                    }
                    AssetTreatment::Vehicle => vehicles.push(a.value.0),
                    AssetTreatment::LifeInsurance => {
                        if a.term != Some(true) && whole_life_face > face_limit {
                            total += a.value.0;
                        }
                    }
                    AssetTreatment::BurialFund => burial += a.value.0,
                    AssetTreatment::BurialPlot
                    | AssetTreatment::BurialTrust
                    | AssetTreatment::NotCountable => {}
                }
            }
            if burial > burial_limit {
                total += burial - burial_limit;
            }
        }
        // One vehicle for each household is not counted: the most valuable.
        vehicles.sort();
        vehicles.pop();
        total += vehicles.iter().copied().sum::<Decimal>();
        Ok(Some(total))
    }

    fn treatment(&self, kind: &str) -> Option<AssetTreatment> {
        self.pack.asset_kinds.get(kind).map(|k| k.treatment)
    }

    /// In a long-term-care facility, the home counts unless a spouse or
    /// relative lives there, the person intends to return, or has qualifying
    /// long-term-care insurance.
    fn in_institution(&self, p: &Person) -> bool {
        matches!(
            p.care.as_ref().and_then(|c| c.setting.as_deref()),
            Some("ltc_facility")
                | Some("chronic_rehab_hospital")
                | Some("psychiatric_hospital")
                | Some("icf_id")
        )
    }

    fn ltc_home_countable(&self, p: &Person) -> bool {
        let care = p.care.clone().unwrap_or_default();
        let relatives = !self.intake.household.relatives_in_home.is_empty();
        !(relatives
            || care.intends_to_return_home == Some(true)
            || care.has_ltc_insurance == Some(true))
    }

    /// The immigration category, from the status and its dates.
    pub fn immigration_category(&self, p: &Person) -> Result<FV> {
        match p.citizenship.as_deref() {
            None => return Ok(FV::Unknown),
            Some("citizen") | Some("national") => return Ok(FV::Text("citizen")),
            _ => {}
        }
        let Some(imm) = &p.immigration else {
            return Ok(FV::Unknown);
        };
        let st = self
            .pack
            .immigration
            .statuses
            .get(&imm.status)
            .ok_or_else(|| Problem::new(format!("unknown immigration status '{}'", imm.status)))?;
        let cat = match st.group {
            StatusGroup::AlwaysQualified => "qualified",
            StatusGroup::NonqualifiedLawfullyPresent => "nonqualified_lawfully_present",
            StatusGroup::Prucol => "nonqualified_prucol",
            StatusGroup::Other => "other",
            StatusGroup::Conditional => {
                // 2.B: five years in status, or entry before 8/22/1996 with
                // continuous presence, or an always-qualified status too.
                let years = self.num("qualified_waiting_period_years")?;
                let five = imm.status_date.map(|d| {
                    let years_i = years.trunc().to_string().parse::<i32>().unwrap_or(5);
                    add_months(d, years_i * 12) <= self.as_of
                });
                let cutoff = self.date_param("continuous_presence_entry_before")?;
                let max_one = self.num("continuous_presence_max_consecutive_absence_days")?;
                let max_all = self.num("continuous_presence_max_total_absence_days")?;
                let early = match imm.entered_us {
                    Some(e) if e < cutoff => {
                        match (imm.longest_absence_days, imm.total_absence_days) {
                            (Some(l), Some(t)) => {
                                Some(Decimal::from(l) <= max_one && Decimal::from(t) <= max_all)
                            }
                            _ => None,
                        }
                    }
                    Some(_) => Some(false),
                    None => None,
                };
                let group1 = imm.had_always_qualified_status;
                let any_true = five == Some(true) || early == Some(true) || group1 == Some(true);
                // Barred only when every way to qualify is known to fail.
                let all_false =
                    five == Some(false) && early == Some(false) && group1 == Some(false);
                if any_true {
                    "qualified"
                } else if all_false {
                    "qualified_barred"
                } else {
                    return Ok(FV::Unknown);
                }
            }
        };
        Ok(FV::Text(cat))
    }

    /// Offered employer coverage that is affordable (self-only premium less
    /// than the affordability percent of household income) and meets
    /// minimum value. No offer: false.
    fn affordable_offer(&self, p: &Person) -> Result<FV> {
        let Some(cov) = &p.coverage else {
            return Ok(FV::Unknown);
        };
        let Some(offer) = &cov.employer_offer else {
            return Ok(if cov.insured.is_some() {
                FV::Bool(false)
            } else {
                FV::Unknown
            });
        };
        let mv = offer.actuarial_value_percent.map(|v| {
            Decimal::from(v)
                >= self
                    .num("employer_minimum_value_percent")
                    .unwrap_or(Decimal::ZERO)
        });
        let pct = self.num("employer_affordability_percent")?;
        let affordable = match (offer.self_only_monthly_premium, self.magi_income()?) {
            (Some(prem), Some(inc)) => Some(prem.0 < inc * pct / Decimal::from(100)),
            _ => None,
        };
        Ok(match (mv, affordable) {
            (Some(false), _) | (_, Some(false)) => FV::Bool(false),
            (Some(true), Some(true)) => FV::Bool(true),
            _ => FV::Unknown,
        })
    }

    fn compute(&self, p: &'a Person, name: &str) -> Result<FV> {
        let care = p.care.as_ref();
        let cov = p.coverage.as_ref();
        let tax = p.tax.as_ref();
        let money = |o: Option<Decimal>| o.map(FV::Money).unwrap_or(FV::Unknown);
        Ok(match name {
            "age" => p
                .birth_date
                .map(|d| FV::Int(age_on(d, self.as_of)))
                .unwrap_or(FV::Unknown),
            "household_size" => FV::Int(self.household_size()),
            "married" => p
                .marital_status
                .as_deref()
                .map(|m| FV::Bool(m == "married"))
                .unwrap_or(FV::Unknown),
            "resident" => b(p.resident),
            "incarcerated" => b(p.incarcerated),
            "citizen" => p
                .citizenship
                .as_deref()
                .map(|c| FV::Bool(c == "citizen" || c == "national"))
                .unwrap_or(FV::Unknown),
            "immigration_category" => self.immigration_category(p)?,
            "household_type" => self.household_type(p),
            "lawfully_present" | "lawfully_present_noncitizen" => {
                match self.immigration_category(p)? {
                    FV::Text(c) => {
                        let lp = matches!(
                            c,
                            "citizen"
                                | "qualified"
                                | "qualified_barred"
                                | "nonqualified_lawfully_present"
                        );
                        FV::Bool(if name == "lawfully_present" {
                            lp
                        } else {
                            lp && c != "citizen"
                        })
                    }
                    other => other,
                }
            }
            "masshealth_on_1997_06_30" => b(p.masshealth_on_1997_06_30),
            "has_medicare" => p
                .medicare
                .as_deref()
                .map(|m| FV::Bool(m == "has"))
                .unwrap_or(FV::Unknown),
            "medicare_eligible" => p
                .medicare
                .as_deref()
                .map(|m| FV::Bool(m == "has" || m == "eligible"))
                .unwrap_or(FV::Unknown),
            "ssi" => b(p.ssi),
            "ssdi" => b(p.ssdi),
            "disabled" => b(p.disabled),
            "blind" => b(p.blind),
            "pregnant" => b(p.pregnant),
            "ai_an" => b(p.ai_an),
            "eaedc_cash" => b(p.eaedc_cash),
            "born_to_masshealth_mother" => b(p.born_to_masshealth_mother),
            "level_of_care" => intern(
                LEVELS_OF_CARE,
                care.and_then(|c| c.level_of_care.as_deref()),
            ),
            "care_setting" => intern(SETTINGS, care.and_then(|c| c.setting.as_deref())),
            "continuous_inpatient_days" => care
                .and_then(|c| c.continuous_inpatient_days)
                .map(|d| FV::Int(d as i64))
                .unwrap_or(FV::Unknown),
            "brain_injury" => intern(BRAIN_INJURIES, care.and_then(|c| c.brain_injury.as_deref())),
            "brain_injury_age" => care
                .and_then(|c| c.brain_injury_age)
                .map(|d| FV::Int(d as i64))
                .unwrap_or(FV::Unknown),
            "dementia_type_disease" => b(care.and_then(|c| c.dementia_type_disease)),
            "intellectual_disability" => b(care.and_then(|c| c.intellectual_disability)),
            "needs_pca" => b(care.and_then(|c| c.needs_pca)),
            "in_pace_area" => b(care.and_then(|c| c.in_pace_area)),
            "in_sco_area" => b(care.and_then(|c| c.in_sco_area)),
            "safe_in_community" => b(care.and_then(|c| c.safe_in_community)),
            "agrees_pace_only" => b(care.and_then(|c| c.agrees_pace_only)),
            "end_stage_renal_disease" => b(care.and_then(|c| c.end_stage_renal_disease)),
            "countable_monthly_income" => match self.unit(p) {
                Some(u) => money(self.senior_income(&u)?),
                None => FV::Unknown,
            },
            "applicant_countable_monthly_income" => money(self.senior_income(&[p])?),
            "countable_assets" => match self.unit(p) {
                Some(u) => money(self.countable_assets(&u, false)?),
                None => FV::Unknown,
            },
            "applicant_countable_assets" => money(self.countable_assets(&[p], false)?),
            "ltc_countable_assets" => money(self.countable_assets(&[p], true)?),
            "home_equity" => {
                if !Self::assets_known(p) {
                    FV::Unknown
                } else {
                    FV::Money(
                        p.assets
                            .iter()
                            .filter(|a| self.treatment(&a.kind) == Some(AssetTreatment::Home))
                            .map(|a| a.value.0)
                            .sum(),
                    )
                }
            }
            "home_relative_exception" => {
                FV::Bool(self.intake.household.relatives_in_home.iter().any(|r| {
                    matches!(
                        r.as_str(),
                        "spouse" | "disabled_child" | "blind_child" | "child_under_21"
                    )
                }))
            }
            "former_home_countable" => {
                // In a medical institution, owns a home, and none of the
                // three exceptions applies: nine months to sell it.
                let owns_home = p
                    .assets
                    .iter()
                    .any(|a| self.treatment(&a.kind) == Some(AssetTreatment::Home));
                if care.and_then(|c| c.setting.as_ref()).is_none()
                    || (!owns_home && !Self::assets_known(p))
                {
                    FV::Unknown
                } else {
                    FV::Bool(owns_home && self.ltc_home_countable(p))
                }
            }
            "magi_monthly_income" => money(self.magi_income()?),
            "insured" => b(cov.and_then(|c| c.insured)),
            "underinsured" => b(cov.and_then(|c| c.underinsured)),
            "tricare" => b(cov.and_then(|c| c.tricare)),
            "connector_plan_when_medicare_began" => {
                b(cov.and_then(|c| c.connector_plan_when_medicare_began))
            }
            "affordable_employer_offer" => self.affordable_offer(p)?,
            "files_taxes" => b(tax.and_then(|t| t.files)),
            "files_jointly" => b(tax.and_then(|t| t.files_jointly)),
            "abuse_or_abandonment" => b(tax.and_then(|t| t.abuse_or_abandonment)),
            other => {
                return Err(Problem::new(format!(
                    "the engine has no fact called '{other}'"
                )));
            }
        })
    }
}

/// A bit for each parameter past its review date on `as_of` (0 for the
/// others). Past 63 stale parameters, the rest share the last bit.
fn stale_bits(pack: &Pack, as_of: Date) -> Vec<u64> {
    let mut k = 0u32;
    (0..pack.params.len())
        .map(|i| {
            if pack.params.at(i).stale_on(as_of).is_some() {
                let b = 1u64 << k.min(63);
                k += 1;
                b
            } else {
                0
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fact_is_computable() {
        let pack = Pack::open("ma").expect("shipped pack loads");
        let intake = Intake {
            people: vec![Person {
                id: "a".into(),
                ..Default::default()
            }],
            ..Default::default()
        };
        let as_of = Date::from_ymd_opt(2016, 6, 1).unwrap();
        let ctx = Ctx::new(&pack, &intake, as_of);
        for (name, _) in FACTS {
            ctx.fact(&intake.people[0], name)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
}
