//! The intake record: what a caller told us, typed. Read from YAML (or JSON),
//! written by the interview, stored by the case store. Documented with a
//! complete example in docs/intake-format.md.
//!
//! Unknown is a first-class answer: every field a caller may not have given
//! yet is an `Option`, and the engine turns a missing answer into "possible",
//! never into a guess.

pub mod bounds;

use crate::dates::Date;
use crate::money::Money;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Intake {
    /// The date the assessment is made for. `--as-of` overrides it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::dates::opt"
    )]
    pub as_of: Option<Date>,
    #[serde(default)]
    pub household: Household,
    #[serde(default)]
    pub people: Vec<Person>,
    /// Life events that may open a special enrollment period.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<Event>,
    /// `events` is complete: an empty list means "no such event", not
    /// "not asked".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events_complete: Option<bool>,
    #[serde(default, skip_serializing_if = "Application::is_empty")]
    pub application: Application,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Household {
    /// People in the tax household, counting those not applying. Defaults to
    /// the number of people listed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<u32>,
    /// Relatives living in the applicant's home (for the long-term-care
    /// home-equity rule): spouse, disabled_child, blind_child, child_under_21,
    /// sibling_with_interest.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relatives_in_home: Vec<String>,
    /// `relatives_in_home` is complete: an empty list means "nobody".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relatives_complete: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Short id used to refer to this person (e.g. "john").
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Applying for coverage (default yes).
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub applying: bool,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::dates::opt"
    )]
    pub birth_date: Option<Date>,
    /// single, married, widowed, divorced, separated
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marital_status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lives_with_spouse: Option<bool>,
    /// Id of the spouse, when the spouse is listed in `people`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spouse: Option<String>,
    /// Lives in Massachusetts (or the pack's state), not visiting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resident: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incarcerated: Option<bool>,
    /// citizen, national, noncitizen
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citizenship: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub immigration: Option<Immigration>,
    /// Was getting MassHealth (Medical Assistance) or CommonHealth on June 30, 1997.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub masshealth_on_1997_06_30: Option<bool>,
    /// has, eligible (can get it), none
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub medicare: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ssi: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ssdi: Option<bool>,
    /// Totally and permanently disabled (Social Security rules).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blind: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pregnant: Option<bool>,
    /// American Indian or Alaska Native.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ai_an: Option<bool>,
    /// Gets EAEDC cash assistance from the Department of Transitional Assistance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eaedc_cash: Option<bool>,
    /// Mother was getting MassHealth on the date of this person's birth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub born_to_masshealth_mother: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub care: Option<Care>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub incomes: Vec<Income>,
    /// `incomes` is complete: an empty list means "no income", not "not asked".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incomes_complete: Option<bool>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assets: Vec<Asset>,
    /// `assets` is complete: an empty list means "no assets".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assets_complete: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coverage: Option<Coverage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax: Option<Tax>,
    /// given, applied, religious_exemption, nonwork_only, not_eligible, none.
    /// The store never keeps the number itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ssn: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<Document>,
    /// `documents` is complete: an empty list means "no papers to send".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documents_complete: Option<bool>,
}

fn yes() -> bool {
    true
}
fn is_true(b: &bool) -> bool {
    *b
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Immigration {
    /// A status id from the pack's immigration list (lpr, refugee, asylee,
    /// parolee_1yr, tps, daca, undocumented, ...).
    pub status: String,
    /// When the current status was granted.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::dates::opt"
    )]
    pub status_date: Option<Date>,
    /// First entry into the U.S.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::dates::opt"
    )]
    pub entered_us: Option<Date>,
    /// Longest single absence from the U.S. before getting the status, in days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub longest_absence_days: Option<u32>,
    /// All absences before getting the status, added up, in days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_absence_days: Option<u32>,
    /// Also has or had a status from the always-qualified group
    /// (refugee, asylee, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub had_always_qualified_status: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Care {
    /// none, nursing_facility, hospital, icf_id (intermediate care facility
    /// for people with an intellectual disability), as determined or expected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level_of_care: Option<String>,
    /// home, ltc_facility, waiting_for_facility, chronic_rehab_hospital,
    /// psychiatric_hospital, icf_id
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub setting: Option<String>,
    /// Continuous inpatient days in a nursing facility or chronic-disease or
    /// rehabilitation hospital (excluding rehabilitation days).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub continuous_inpatient_days: Option<u32>,
    /// none, traumatic, acquired
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brain_injury: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brain_injury_age: Option<u32>,
    /// Alzheimer's disease or a similar disease whose main sign is dementia.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dementia_type_disease: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intellectual_disability: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub needs_pca: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_pace_area: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_sco_area: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safe_in_community: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agrees_pace_only: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_stage_renal_disease: Option<bool>,
    /// Single and expected by a doctor to return home within six months.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_home_within_6_months: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intends_to_return_home: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_ltc_insurance: Option<bool>,
    /// Date of entry into a medical institution (for the look-back and the
    /// nine months to sell a former home).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::dates::opt"
    )]
    pub institution_entry_date: Option<Date>,
    /// Gave away or sold something for less than it was worth in the last
    /// 60 months.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transferred_assets: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Income {
    /// An income kind id from the pack (social_security, ssi, pension,
    /// wages, self_employment, ...).
    pub kind: String,
    /// Gross monthly amount, before taxes and deductions.
    pub monthly: Money,
    /// The monthly amount an electronic data match found, if one was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_source_monthly: Option<Money>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Asset {
    /// An asset kind id from the pack (bank_account, home, vehicle,
    /// life_insurance, burial_plot, burial_fund, burial_trust, ...).
    pub kind: String,
    /// Current value (cash value for life insurance, equity for a home).
    pub value: Money,
    /// Face value of a life insurance policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub face_value: Option<Money>,
    /// A term life policy (its face value is not counted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term: Option<bool>,
    /// For a home: it is in Massachusetts and the owner lives in it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lives_there: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_state: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Coverage {
    /// Has health insurance now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insured: Option<bool>,
    /// Has insurance that does not cover all medically necessary services.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub underinsured: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tricare: Option<bool>,
    /// Was in a Health Connector plan when Medicare eligibility began.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connector_plan_when_medicare_began: Option<bool>,
    /// Offered a plan through an employer (own or a family member's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employer_offer: Option<EmployerOffer>,
    /// Metal level of a current exchange plan: bronze, silver, gold, platinum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metal_level: Option<String>,
    /// Enrolled through the exchange (the Health Connector or MNsure).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_exchange: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmployerOffer {
    /// Monthly premium of the lowest-cost plan covering only the employee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_only_monthly_premium: Option<Money>,
    /// Share of total costs the plan pays, in percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actuarial_value_percent: Option<u32>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tax {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files_jointly: Option<bool>,
    /// Victim of domestic abuse or abandoned by a spouse.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abuse_or_abandonment: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// A document kind id from the pack's catalog.
    pub kind: String,
    /// The date on the document (or the date it was issued).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::dates::opt"
    )]
    pub date: Option<Date>,
    /// For a passport: issued with a limitation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limited: Option<bool>,
    /// For a birth certificate: where the birth was (a place id such as
    /// us_state, puerto_rico, virgin_islands, northern_mariana_islands).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Date of birth shown on a birth record.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::dates::opt"
    )]
    pub birth_date: Option<Date>,
    /// Issued by a government outside the U.S. (e.g. a Canadian driver's license).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub foreign: Option<bool>,
    /// From a private school (more may be asked for).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_school: Option<bool>,
    /// For a deed: the mortgage is paid off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mortgage_paid_off: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// An event kind id from the pack (loss_of_coverage, marriage, birth, move, ...).
    pub kind: String,
    /// Whom it concerns (a person id); the household when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    /// When it happened (or will happen, where applying early is allowed).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::dates::opt"
    )]
    pub date: Option<Date>,
    /// Why coverage ended, for a loss of coverage: nonpayment, fraud, other.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Had qualifying coverage for at least one of the 60 days before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prior_coverage: Option<bool>,
    /// Moved from a foreign country or a U.S. territory.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_abroad: Option<bool>,
    /// Date a plan was (or will be) selected.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::dates::opt"
    )]
    pub plan_selection_date: Option<Date>,
    /// Date the first premium was (or will be) paid.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::dates::opt"
    )]
    pub premium_paid_date: Option<Date>,
    /// The prior coverage was a short-term plan (not minimum essential coverage).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_term_plan: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Application {
    /// Date the signed application reached the agency (or will).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::dates::opt"
    )]
    pub date: Option<Date>,
    /// Date of the eligibility decision.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::dates::opt"
    )]
    pub decision_date: Option<Date>,
    /// Date of a change in the household that must be reported.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::dates::opt"
    )]
    pub change_date: Option<Date>,
    /// Date an accident insurance claim or lawsuit was filed.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::dates::opt"
    )]
    pub accident_claim_date: Option<Date>,
}

impl Application {
    pub fn is_empty(&self) -> bool {
        *self == Application::default()
    }
}

impl Person {
    pub fn display_name(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.id)
    }
}

impl Intake {
    pub fn person(&self, id: &str) -> Option<&Person> {
        self.people.iter().find(|p| p.id == id)
    }
}
