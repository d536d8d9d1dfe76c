//! Binds: which field of the intake record an answer fills. A small, typed
//! vocabulary in Rust (like the engine's facts); interview.yaml names binds
//! by their dotted name, and the interview check refuses any other name. A
//! new question for a field listed here is a content edit only.
//!
//! A bind reads its field (`None` = not answered) and writes it (`None` =
//! clear it, used when a question stops applying). A few binds keep the
//! record consistent: a name gives the person an id, a spouse is linked
//! both ways, the household's head count adds or removes people.

use crate::dates::Date;
use crate::engine::facts::{BRAIN_INJURIES, LEVELS_OF_CARE, SETTINGS};
use crate::engine::validate::{CITIZENSHIP, MARITAL, MEDICARE, RELATIVES, SSN};
use crate::model::{Asset, Document, Event, Immigration, Income, Intake, Person};
use crate::money::Money;
use rust_decimal::Decimal;

/// An answer, typed.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Bool(bool),
    Text(String),
    Date(Date),
    Money(Money),
    Number(u32),
}

impl Value {
    /// The form show_if conditions compare with: true/false, the word, the
    /// ISO date, the plain number.
    pub fn canonical(&self) -> String {
        match self {
            Value::Bool(b) => b.to_string(),
            Value::Text(t) => t.clone(),
            Value::Date(d) => d.to_string(),
            Value::Money(m) => m.0.normalize().to_string(),
            Value::Number(n) => n.to_string(),
        }
    }
    pub fn number(&self) -> Option<Decimal> {
        match self {
            Value::Money(m) => Some(m.0),
            Value::Number(n) => Some(Decimal::from(*n)),
            _ => None,
        }
    }
}

/// The lists an interview fills item by item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    Income,
    Asset,
    Document,
    Event,
    Relative,
}

/// Lists of ids that come from the rule pack (values) and content (labels).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PackList {
    IncomeKinds,
    AssetKinds,
    ImmigrationStatuses,
    Documents,
    Places,
}

impl PackList {
    /// The name used after `choices_from:`; also the content section with
    /// the labels.
    pub fn name(self) -> &'static str {
        match self {
            PackList::IncomeKinds => "income_kinds",
            PackList::AssetKinds => "asset_kinds",
            PackList::ImmigrationStatuses => "immigration_statuses",
            PackList::Documents => "documents",
            PackList::Places => "places",
        }
    }
    pub const ALL: [PackList; 5] = [
        PackList::IncomeKinds,
        PackList::AssetKinds,
        PackList::ImmigrationStatuses,
        PackList::Documents,
        PackList::Places,
    ];
    pub fn from_name(s: &str) -> Option<PackList> {
        Self::ALL.into_iter().find(|p| p.name() == s)
    }
}

/// What a bind holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Bool,
    Date,
    Money,
    /// A whole number.
    Number,
    /// Free text.
    Text,
    /// One of a closed set of words the engine knows.
    Choice(&'static [&'static str]),
    /// One of the ids of a list in the rule pack.
    Pack(PackList),
    /// A person's id.
    Person,
    /// A list filled item by item.
    List(ListKind),
}

/// Where a bind's field lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Household,
    Person,
    /// A field of one item of a list (an income, an asset...).
    Item(ListKind),
}

/// Why a value was not written; a message id in interview.yaml `messages`
/// with its placeholders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub message: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl Refusal {
    fn new(message: &'static str) -> Self {
        Refusal {
            message,
            args: Vec::new(),
        }
    }
}

type R = Result<(), Refusal>;

/// One item of a list while it is being filled in.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Income(Income),
    Asset(Asset),
    Document(Document),
    Event(Event),
    Relative(String),
}

#[derive(Clone, Copy)]
pub enum Access {
    /// A field of the household (person = None) or of one person.
    Field {
        get: fn(&Intake, Option<usize>) -> Option<Value>,
        set: fn(&mut Intake, Option<usize>, Option<Value>) -> R,
    },
    /// A field of a list item being filled in.
    Item {
        get: fn(&Item) -> Option<Value>,
        set: fn(&mut Item, Option<Value>),
    },
    List(ListKind),
}

#[derive(Clone, Copy)]
pub struct Bind {
    pub name: &'static str,
    pub scope: Scope,
    pub kind: Kind,
    /// An item field the item cannot be added without.
    pub required: bool,
    /// The field has a default rather than "not answered" (`applying`):
    /// for a person the interview added, it counts as answered only once asked.
    pub defaulted: bool,
    pub access: Access,
}

pub fn find(name: &str) -> Option<&'static Bind> {
    BINDS.iter().find(|b| b.name == name)
}

/// Conversions between a record field's type and `Value`.
trait Field: Sized {
    fn to_value(self) -> Value;
    fn from_value(v: Value) -> Option<Self>;
}
/// `impl Field` for a type held by one variant of `Value`.
macro_rules! field {
    ($t:ty, $variant:ident) => {
        impl Field for $t {
            fn to_value(self) -> Value {
                Value::$variant(self)
            }
            fn from_value(v: Value) -> Option<Self> {
                match v {
                    Value::$variant(x) => Some(x),
                    _ => None,
                }
            }
        }
    };
}
field!(bool, Bool);
field!(String, Text);
field!(Date, Date);
field!(Money, Money);
field!(u32, Number);

fn conv<T: Field>(v: Option<Value>) -> Result<Option<T>, Refusal> {
    match v {
        None => Ok(None),
        Some(v) => T::from_value(v)
            .map(Some)
            .ok_or_else(|| Refusal::new("wrong_type")),
    }
}

fn person(i: &Intake, p: Option<usize>) -> Option<&Person> {
    i.people.get(p?)
}
fn person_mut(i: &mut Intake, p: Option<usize>) -> Result<&mut Person, Refusal> {
    p.and_then(|p| i.people.get_mut(p))
        .ok_or_else(|| Refusal::new("no_person"))
}

/// Leave `None` rather than an empty `care: {}` behind.
fn tidy<T: Default + PartialEq>(o: &mut Option<T>) {
    if o.as_ref().is_some_and(|x| *x == T::default()) {
        *o = None;
    }
}

/// `person.<field>` for an `Option<T>` field of Person.
macro_rules! person_field {
    ($name:literal, $kind:expr, $f:ident) => {
        Bind {
            name: $name,
            scope: Scope::Person,
            kind: $kind,
            required: false,
            defaulted: false,
            access: Access::Field {
                get: |i, p| person(i, p)?.$f.clone().map(Field::to_value),
                set: |i, p, v| {
                    person_mut(i, p)?.$f = conv(v)?;
                    Ok(())
                },
            },
        }
    };
    ($name:literal, $kind:expr, $outer:ident . $f:ident) => {
        Bind {
            name: $name,
            scope: Scope::Person,
            kind: $kind,
            required: false,
            defaulted: false,
            access: Access::Field {
                get: |i, p| {
                    person(i, p)?
                        .$outer
                        .as_ref()?
                        .$f
                        .clone()
                        .map(Field::to_value)
                },
                set: |i, p, v| {
                    let v = conv(v)?;
                    let o = &mut person_mut(i, p)?.$outer;
                    if v.is_none() && o.is_none() {
                        return Ok(());
                    }
                    o.get_or_insert_with(Default::default).$f = v;
                    tidy(o);
                    Ok(())
                },
            },
        }
    };
    ($name:literal, $kind:expr, $outer:ident . $mid:ident . $f:ident) => {
        Bind {
            name: $name,
            scope: Scope::Person,
            kind: $kind,
            required: false,
            defaulted: false,
            access: Access::Field {
                get: |i, p| {
                    person(i, p)?
                        .$outer
                        .as_ref()?
                        .$mid
                        .as_ref()?
                        .$f
                        .clone()
                        .map(Field::to_value)
                },
                set: |i, p, v| {
                    let v = conv(v)?;
                    let o = &mut person_mut(i, p)?.$outer;
                    if v.is_none() && o.as_ref().is_none_or(|o| o.$mid.is_none()) {
                        return Ok(());
                    }
                    let m = &mut o.get_or_insert_with(Default::default).$mid;
                    m.get_or_insert_with(Default::default).$f = v;
                    tidy(m);
                    tidy(o);
                    Ok(())
                },
            },
        }
    };
}

/// `person.immigration.<field>`: needs the status answered first.
macro_rules! immigration_field {
    ($name:literal, $kind:expr, $f:ident) => {
        Bind {
            name: $name,
            scope: Scope::Person,
            kind: $kind,
            required: false,
            defaulted: false,
            access: Access::Field {
                get: |i, p| {
                    person(i, p)?
                        .immigration
                        .as_ref()?
                        .$f
                        .clone()
                        .map(Field::to_value)
                },
                set: |i, p, v| {
                    let v = conv(v)?;
                    match &mut person_mut(i, p)?.immigration {
                        Some(imm) => imm.$f = v,
                        None if v.is_none() => {}
                        None => return Err(Refusal::new("status_first")),
                    }
                    Ok(())
                },
            },
        }
    };
}

/// `<item>.<field>` for an `Option<T>` field of a list item.
macro_rules! item_field {
    ($name:literal, $list:ident, $variant:ident, $kind:expr, $f:ident) => {
        Bind {
            name: $name,
            scope: Scope::Item(ListKind::$list),
            kind: $kind,
            required: false,
            defaulted: false,
            access: Access::Item {
                get: |it| match it {
                    Item::$variant(x) => x.$f.clone().map(Field::to_value),
                    _ => None,
                },
                set: |it, v| {
                    if let Item::$variant(x) = it {
                        x.$f = conv(v).ok().flatten();
                    }
                },
            },
        }
    };
}

fn household_field(
    name: &'static str,
    kind: Kind,
    get: fn(&Intake, Option<usize>) -> Option<Value>,
    set: fn(&mut Intake, Option<usize>, Option<Value>) -> R,
) -> Bind {
    Bind {
        name,
        scope: Scope::Household,
        kind,
        required: false,
        defaulted: false,
        access: Access::Field { get, set },
    }
}

const fn list(name: &'static str, scope: Scope, kind: ListKind) -> Bind {
    Bind {
        name,
        scope,
        kind: Kind::List(kind),
        required: false,
        defaulted: false,
        access: Access::List(kind),
    }
}

const METAL_LEVELS: &[&str] = &["bronze", "silver", "gold", "platinum"];
const LOSS_REASONS: &[&str] = &["nonpayment", "fraud", "other"];

pub static BINDS: std::sync::LazyLock<Vec<Bind>> = std::sync::LazyLock::new(|| {
    use Kind::*;
    vec![
        // --- the household ---
        household_field(
            "household.people",
            Number,
            get_people_count,
            set_people_count,
        ),
        household_field(
            "household.size",
            Number,
            |i, _| i.household.size.map(Value::Number),
            set_household_size,
        ),
        list(
            "household.relatives_in_home",
            Scope::Household,
            ListKind::Relative,
        ),
        list("household.events", Scope::Household, ListKind::Event),
        household_field(
            "application.date",
            Date,
            |i, _| i.application.date.map(Value::Date),
            |i, _, v| {
                i.application.date = conv(v)?;
                Ok(())
            },
        ),
        household_field(
            "application.decision_date",
            Date,
            |i, _| i.application.decision_date.map(Value::Date),
            |i, _, v| {
                i.application.decision_date = conv(v)?;
                Ok(())
            },
        ),
        household_field(
            "application.change_date",
            Date,
            |i, _| i.application.change_date.map(Value::Date),
            |i, _, v| {
                i.application.change_date = conv(v)?;
                Ok(())
            },
        ),
        household_field(
            "application.accident_claim_date",
            Date,
            |i, _| i.application.accident_claim_date.map(Value::Date),
            |i, _, v| {
                i.application.accident_claim_date = conv(v)?;
                Ok(())
            },
        ),
        // --- a person ---
        Bind {
            name: "person.name",
            scope: Scope::Person,
            kind: Text,
            required: false,
            defaulted: false,
            access: Access::Field {
                get: |i, p| person(i, p)?.name.clone().map(Value::Text),
                set: set_name,
            },
        },
        Bind {
            name: "person.applying",
            scope: Scope::Person,
            kind: Bool,
            required: false,
            defaulted: true,
            access: Access::Field {
                get: |i, p| Some(Value::Bool(person(i, p)?.applying)),
                set: |i, p, v| {
                    person_mut(i, p)?.applying = conv(v)?.unwrap_or(true);
                    Ok(())
                },
            },
        },
        person_field!("person.birth_date", Date, birth_date),
        person_field!("person.marital_status", Choice(MARITAL), marital_status),
        Bind {
            name: "person.spouse",
            scope: Scope::Person,
            kind: Person,
            required: false,
            defaulted: false,
            access: Access::Field {
                get: |i, p| person(i, p)?.spouse.clone().map(Value::Text),
                set: set_spouse,
            },
        },
        Bind {
            name: "person.lives_with_spouse",
            scope: Scope::Person,
            kind: Bool,
            required: false,
            defaulted: false,
            access: Access::Field {
                get: |i, p| person(i, p)?.lives_with_spouse.map(Value::Bool),
                set: set_lives_with_spouse,
            },
        },
        person_field!("person.resident", Bool, resident),
        person_field!("person.incarcerated", Bool, incarcerated),
        person_field!("person.citizenship", Choice(CITIZENSHIP), citizenship),
        Bind {
            name: "person.immigration.status",
            scope: Scope::Person,
            kind: Pack(PackList::ImmigrationStatuses),
            required: false,
            defaulted: false,
            access: Access::Field {
                get: |i, p| {
                    let s = &person(i, p)?.immigration.as_ref()?.status;
                    (!s.is_empty()).then(|| Value::Text(s.clone()))
                },
                set: |i, p, v| {
                    let v: Option<String> = conv(v)?;
                    let imm = &mut person_mut(i, p)?.immigration;
                    match v {
                        None => *imm = None,
                        Some(s) => {
                            imm.get_or_insert_with(Immigration::default).status = s;
                        }
                    }
                    Ok(())
                },
            },
        },
        immigration_field!("person.immigration.status_date", Date, status_date),
        immigration_field!("person.immigration.entered_us", Date, entered_us),
        immigration_field!(
            "person.immigration.longest_absence_days",
            Number,
            longest_absence_days
        ),
        immigration_field!(
            "person.immigration.total_absence_days",
            Number,
            total_absence_days
        ),
        immigration_field!(
            "person.immigration.had_always_qualified_status",
            Bool,
            had_always_qualified_status
        ),
        person_field!(
            "person.masshealth_on_1997_06_30",
            Bool,
            masshealth_on_1997_06_30
        ),
        person_field!("person.medicare", Choice(MEDICARE), medicare),
        person_field!("person.ssi", Bool, ssi),
        person_field!("person.ssdi", Bool, ssdi),
        person_field!("person.disabled", Bool, disabled),
        person_field!("person.blind", Bool, blind),
        person_field!("person.pregnant", Bool, pregnant),
        person_field!("person.ai_an", Bool, ai_an),
        person_field!("person.eaedc_cash", Bool, eaedc_cash),
        person_field!(
            "person.born_to_masshealth_mother",
            Bool,
            born_to_masshealth_mother
        ),
        person_field!("person.ssn", Choice(SSN), ssn),
        // care
        person_field!(
            "person.care.level_of_care",
            Choice(LEVELS_OF_CARE),
            care.level_of_care
        ),
        person_field!("person.care.setting", Choice(SETTINGS), care.setting),
        person_field!(
            "person.care.continuous_inpatient_days",
            Number,
            care.continuous_inpatient_days
        ),
        person_field!(
            "person.care.brain_injury",
            Choice(BRAIN_INJURIES),
            care.brain_injury
        ),
        person_field!(
            "person.care.brain_injury_age",
            Number,
            care.brain_injury_age
        ),
        person_field!(
            "person.care.dementia_type_disease",
            Bool,
            care.dementia_type_disease
        ),
        person_field!(
            "person.care.intellectual_disability",
            Bool,
            care.intellectual_disability
        ),
        person_field!("person.care.needs_pca", Bool, care.needs_pca),
        person_field!("person.care.in_pace_area", Bool, care.in_pace_area),
        person_field!("person.care.in_sco_area", Bool, care.in_sco_area),
        person_field!(
            "person.care.safe_in_community",
            Bool,
            care.safe_in_community
        ),
        person_field!("person.care.agrees_pace_only", Bool, care.agrees_pace_only),
        person_field!(
            "person.care.end_stage_renal_disease",
            Bool,
            care.end_stage_renal_disease
        ),
        person_field!(
            "person.care.expected_home_within_6_months",
            Bool,
            care.expected_home_within_6_months
        ),
        person_field!(
            "person.care.intends_to_return_home",
            Bool,
            care.intends_to_return_home
        ),
        person_field!(
            "person.care.has_ltc_insurance",
            Bool,
            care.has_ltc_insurance
        ),
        person_field!(
            "person.care.institution_entry_date",
            Date,
            care.institution_entry_date
        ),
        person_field!(
            "person.care.transferred_assets",
            Bool,
            care.transferred_assets
        ),
        // coverage and taxes
        person_field!("person.coverage.insured", Bool, coverage.insured),
        person_field!("person.coverage.underinsured", Bool, coverage.underinsured),
        person_field!("person.coverage.tricare", Bool, coverage.tricare),
        person_field!(
            "person.coverage.connector_plan_when_medicare_began",
            Bool,
            coverage.connector_plan_when_medicare_began
        ),
        person_field!("person.coverage.on_exchange", Bool, coverage.on_exchange),
        person_field!(
            "person.coverage.metal_level",
            Choice(METAL_LEVELS),
            coverage.metal_level
        ),
        person_field!(
            "person.coverage.employer_offer.self_only_monthly_premium",
            Money,
            coverage.employer_offer.self_only_monthly_premium
        ),
        person_field!(
            "person.coverage.employer_offer.actuarial_value_percent",
            Number,
            coverage.employer_offer.actuarial_value_percent
        ),
        person_field!("person.tax.files", Bool, tax.files),
        person_field!("person.tax.files_jointly", Bool, tax.files_jointly),
        person_field!(
            "person.tax.abuse_or_abandonment",
            Bool,
            tax.abuse_or_abandonment
        ),
        // lists of a person
        list("person.incomes", Scope::Person, ListKind::Income),
        list("person.assets", Scope::Person, ListKind::Asset),
        list("person.documents", Scope::Person, ListKind::Document),
        // --- items of lists ---
        Bind {
            name: "income.kind",
            scope: Scope::Item(ListKind::Income),
            kind: Pack(PackList::IncomeKinds),
            required: true,
            defaulted: false,
            access: Access::Item {
                get: |it| match it {
                    Item::Income(x) if !x.kind.is_empty() => Some(Value::Text(x.kind.clone())),
                    _ => None,
                },
                set: |it, v| {
                    if let Item::Income(x) = it {
                        x.kind = conv(v).ok().flatten().unwrap_or_default();
                    }
                },
            },
        },
        Bind {
            name: "income.monthly",
            scope: Scope::Item(ListKind::Income),
            kind: Money,
            required: true,
            defaulted: false,
            access: Access::Item {
                get: |it| match it {
                    Item::Income(x) => Some(Value::Money(x.monthly)),
                    _ => None,
                },
                set: |it, v| {
                    if let Item::Income(x) = it {
                        x.monthly = conv(v).ok().flatten().unwrap_or_default();
                    }
                },
            },
        },
        item_field!(
            "income.data_source_monthly",
            Income,
            Income,
            Money,
            data_source_monthly
        ),
        Bind {
            name: "asset.kind",
            scope: Scope::Item(ListKind::Asset),
            kind: Pack(PackList::AssetKinds),
            required: true,
            defaulted: false,
            access: Access::Item {
                get: |it| match it {
                    Item::Asset(x) if !x.kind.is_empty() => Some(Value::Text(x.kind.clone())),
                    _ => None,
                },
                set: |it, v| {
                    if let Item::Asset(x) = it {
                        x.kind = conv(v).ok().flatten().unwrap_or_default();
                    }
                },
            },
        },
        Bind {
            name: "asset.value",
            scope: Scope::Item(ListKind::Asset),
            kind: Money,
            required: true,
            defaulted: false,
            access: Access::Item {
                get: |it| match it {
                    Item::Asset(x) => Some(Value::Money(x.value)),
                    _ => None,
                },
                set: |it, v| {
                    if let Item::Asset(x) = it {
                        x.value = conv(v).ok().flatten().unwrap_or_default();
                    }
                },
            },
        },
        item_field!("asset.face_value", Asset, Asset, Money, face_value),
        item_field!("asset.term", Asset, Asset, Bool, term),
        item_field!("asset.lives_there", Asset, Asset, Bool, lives_there),
        item_field!("asset.in_state", Asset, Asset, Bool, in_state),
        Bind {
            name: "document.kind",
            scope: Scope::Item(ListKind::Document),
            kind: Pack(PackList::Documents),
            required: true,
            defaulted: false,
            access: Access::Item {
                get: |it| match it {
                    Item::Document(x) if !x.kind.is_empty() => Some(Value::Text(x.kind.clone())),
                    _ => None,
                },
                set: |it, v| {
                    if let Item::Document(x) = it {
                        x.kind = conv(v).ok().flatten().unwrap_or_default();
                    }
                },
            },
        },
        item_field!("document.date", Document, Document, Date, date),
        item_field!("document.limited", Document, Document, Bool, limited),
        item_field!(
            "document.place",
            Document,
            Document,
            Pack(PackList::Places),
            place
        ),
        item_field!("document.birth_date", Document, Document, Date, birth_date),
        item_field!("document.foreign", Document, Document, Bool, foreign),
        item_field!(
            "document.private_school",
            Document,
            Document,
            Bool,
            private_school
        ),
        item_field!(
            "document.mortgage_paid_off",
            Document,
            Document,
            Bool,
            mortgage_paid_off
        ),
        Bind {
            name: "event.kind",
            scope: Scope::Item(ListKind::Event),
            kind: Text,
            required: true,
            defaulted: false,
            access: Access::Item {
                get: |it| match it {
                    Item::Event(x) if !x.kind.is_empty() => Some(Value::Text(x.kind.clone())),
                    _ => None,
                },
                set: |it, v| {
                    if let Item::Event(x) = it {
                        x.kind = conv(v).ok().flatten().unwrap_or_default();
                    }
                },
            },
        },
        item_field!("event.person", Event, Event, Person, person),
        item_field!("event.date", Event, Event, Date, date),
        item_field!("event.reason", Event, Event, Choice(LOSS_REASONS), reason),
        item_field!("event.prior_coverage", Event, Event, Bool, prior_coverage),
        item_field!("event.from_abroad", Event, Event, Bool, from_abroad),
        item_field!(
            "event.plan_selection_date",
            Event,
            Event,
            Date,
            plan_selection_date
        ),
        item_field!(
            "event.premium_paid_date",
            Event,
            Event,
            Date,
            premium_paid_date
        ),
        item_field!("event.short_term_plan", Event, Event, Bool, short_term_plan),
        Bind {
            name: "relative.kind",
            scope: Scope::Item(ListKind::Relative),
            kind: Choice(RELATIVES),
            required: true,
            defaulted: false,
            access: Access::Item {
                get: |it| match it {
                    Item::Relative(r) if !r.is_empty() => Some(Value::Text(r.clone())),
                    _ => None,
                },
                set: |it, v| {
                    if let Item::Relative(r) = it {
                        *r = conv(v).ok().flatten().unwrap_or_default();
                    }
                },
            },
        },
    ]
});

// --- binds that keep the record consistent ---

fn get_people_count(i: &Intake, _: Option<usize>) -> Option<Value> {
    (!i.people.is_empty()).then_some(Value::Number(i.people.len() as u32))
}

/// Add people (p1, p2, ...) or remove the last ones, with every reference
/// to a removed person.
fn set_people_count(i: &mut Intake, _: Option<usize>, v: Option<Value>) -> R {
    let n = conv::<u32>(v)?.unwrap_or(0) as usize;
    if n < i.people.len() {
        let gone: Vec<String> = i.people.drain(n..).map(|p| p.id).collect();
        for p in &mut i.people {
            if p.spouse.as_ref().is_some_and(|s| gone.contains(s)) {
                p.spouse = None;
            }
        }
        i.events
            .retain(|e| !e.person.as_ref().is_some_and(|p| gone.contains(p)));
    }
    while i.people.len() < n {
        let mut k = i.people.len() + 1;
        while i.people.iter().any(|p| p.id == format!("p{k}")) {
            k += 1;
        }
        i.people.push(Person {
            id: format!("p{k}"),
            applying: true,
            ..Person::default()
        });
    }
    if let Some(size) = i.household.size
        && (size as usize) < n
    {
        i.household.size = Some(n as u32);
    }
    Ok(())
}

fn set_household_size(i: &mut Intake, _: Option<usize>, v: Option<Value>) -> R {
    let n: Option<u32> = conv(v)?;
    if let Some(n) = n
        && (n as usize) < i.people.len()
    {
        return Err(Refusal {
            message: "household_smaller",
            args: vec![("n", i.people.len().to_string())],
        });
    }
    i.household.size = n;
    Ok(())
}

/// "Walter Brooks" -> "walter", else "walter-brooks", else "walter-brooks-2".
pub fn slug_for(i: &Intake, me: usize, name: &str) -> String {
    let words: Vec<String> = name
        .split_whitespace()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let taken = |id: &str| {
        i.people
            .iter()
            .enumerate()
            .any(|(k, p)| k != me && p.id == id)
    };
    let mut tries = Vec::new();
    if let Some(first) = words.first() {
        tries.push(first.clone());
        tries.push(words.join("-"));
    }
    for t in tries {
        if !taken(&t) {
            return t;
        }
    }
    let base = if words.is_empty() {
        format!("p{}", me + 1)
    } else {
        words.join("-")
    };
    let mut k = 2;
    while taken(&format!("{base}-{k}")) {
        k += 1;
    }
    format!("{base}-{k}")
}

/// A name also gives an interview-made person (id p1, p2...) an id from the
/// name; every reference to the old id follows. Any other id is kept: a
/// record's ids, or one already made from an earlier answer.
fn set_name(i: &mut Intake, p: Option<usize>, v: Option<Value>) -> R {
    let name: Option<String> = conv(v)?;
    let idx = p.ok_or_else(|| Refusal::new("no_person"))?;
    let old = person_mut(i, p)?.id.clone();
    let auto =
        old.len() > 1 && old.starts_with('p') && old[1..].chars().all(|c| c.is_ascii_digit());
    if auto && let Some(n) = &name {
        let new_id = slug_for(i, idx, n);
        rename(i, &old, &new_id);
        i.people[idx].id = new_id;
    }
    i.people[idx].name = name;
    Ok(())
}

fn rename(i: &mut Intake, old: &str, new: &str) {
    for q in &mut i.people {
        if q.spouse.as_deref() == Some(old) {
            q.spouse = Some(new.to_string());
        }
    }
    for e in &mut i.events {
        if e.person.as_deref() == Some(old) {
            e.person = Some(new.to_string());
        }
    }
}

/// Spouses are linked both ways: the other person is married to this one
/// and lives with them when this one does.
fn set_spouse(i: &mut Intake, p: Option<usize>, v: Option<Value>) -> R {
    let to: Option<String> = conv(v)?;
    let me = p.ok_or_else(|| Refusal::new("no_person"))?;
    person_mut(i, p)?;
    let my_id = i.people[me].id.clone();
    if let Some(old) = i.people[me].spouse.clone()
        && Some(&old) != to.as_ref()
        && let Some(q) = i.people.iter_mut().find(|q| q.id == old)
        && q.spouse.as_deref() == Some(my_id.as_str())
    {
        q.spouse = None;
    }
    if let Some(to) = &to {
        if *to == my_id {
            return Err(Refusal::new("spouse_self"));
        }
        let lives = i.people[me].lives_with_spouse;
        let Some(q) = i.people.iter_mut().find(|q| q.id == *to) else {
            return Err(Refusal::new("no_person"));
        };
        q.spouse = Some(my_id.clone());
        q.marital_status = Some("married".into());
        if q.lives_with_spouse.is_none() {
            q.lives_with_spouse = lives;
        }
    }
    i.people[me].spouse = to;
    Ok(())
}

fn set_lives_with_spouse(i: &mut Intake, p: Option<usize>, v: Option<Value>) -> R {
    let lives: Option<bool> = conv(v)?;
    let me = person_mut(i, p)?;
    me.lives_with_spouse = lives;
    let (my_id, spouse) = (me.id.clone(), me.spouse.clone());
    if let Some(s) = spouse
        && lives.is_some()
        && let Some(q) = i.people.iter_mut().find(|q| q.id == s)
        && q.spouse.as_deref() == Some(my_id.as_str())
    {
        q.lives_with_spouse = lives;
    }
    Ok(())
}

// --- lists ---

impl ListKind {
    pub fn new_item(self) -> Item {
        match self {
            ListKind::Income => Item::Income(Income {
                kind: String::new(),
                monthly: Money::ZERO,
                data_source_monthly: None,
            }),
            ListKind::Asset => Item::Asset(Asset {
                kind: String::new(),
                value: Money::ZERO,
                face_value: None,
                term: None,
                lives_there: None,
                in_state: None,
            }),
            ListKind::Document => Item::Document(Document::default()),
            ListKind::Event => Item::Event(Event::default()),
            ListKind::Relative => Item::Relative(String::new()),
        }
    }

    pub fn items(self, i: &Intake, p: Option<usize>) -> Vec<Item> {
        let per = person(i, p);
        match self {
            ListKind::Income => per
                .map(|x| x.incomes.iter().cloned().map(Item::Income).collect())
                .unwrap_or_default(),
            ListKind::Asset => per
                .map(|x| x.assets.iter().cloned().map(Item::Asset).collect())
                .unwrap_or_default(),
            ListKind::Document => per
                .map(|x| x.documents.iter().cloned().map(Item::Document).collect())
                .unwrap_or_default(),
            ListKind::Event => i.events.iter().cloned().map(Item::Event).collect(),
            ListKind::Relative => i
                .household
                .relatives_in_home
                .iter()
                .cloned()
                .map(Item::Relative)
                .collect(),
        }
    }

    pub fn len(self, i: &Intake, p: Option<usize>) -> usize {
        self.items(i, p).len()
    }

    /// The record says the list is complete (the caller said "no more").
    pub fn complete(self, i: &Intake, p: Option<usize>) -> bool {
        let per = person(i, p);
        match self {
            ListKind::Income => per.is_some_and(|x| x.incomes_complete == Some(true)),
            ListKind::Asset => per.is_some_and(|x| x.assets_complete == Some(true)),
            ListKind::Document => per.is_some_and(|x| x.documents_complete == Some(true)),
            ListKind::Event => i.events_complete == Some(true),
            ListKind::Relative => i.household.relatives_complete == Some(true),
        }
    }

    pub fn set_complete(self, i: &mut Intake, p: Option<usize>, done: Option<bool>) -> R {
        match self {
            ListKind::Income => person_mut(i, p)?.incomes_complete = done,
            ListKind::Asset => person_mut(i, p)?.assets_complete = done,
            ListKind::Document => person_mut(i, p)?.documents_complete = done,
            ListKind::Event => i.events_complete = done,
            ListKind::Relative => i.household.relatives_complete = done,
        }
        Ok(())
    }

    pub fn push(self, i: &mut Intake, p: Option<usize>, item: Item) -> R {
        match (self, item) {
            (ListKind::Income, Item::Income(x)) => person_mut(i, p)?.incomes.push(x),
            (ListKind::Asset, Item::Asset(x)) => person_mut(i, p)?.assets.push(x),
            (ListKind::Document, Item::Document(x)) => person_mut(i, p)?.documents.push(x),
            (ListKind::Event, Item::Event(x)) => i.events.push(x),
            (ListKind::Relative, Item::Relative(x)) => i.household.relatives_in_home.push(x),
            _ => return Err(Refusal::new("wrong_type")),
        }
        Ok(())
    }

    /// Remove item `n` (0-based).
    pub fn remove(self, i: &mut Intake, p: Option<usize>, n: usize) -> R {
        fn rm<T>(v: &mut Vec<T>, n: usize) -> R {
            if n < v.len() {
                v.remove(n);
                Ok(())
            } else {
                Err(Refusal::new("no_such_item"))
            }
        }
        match self {
            ListKind::Income => rm(&mut person_mut(i, p)?.incomes, n),
            ListKind::Asset => rm(&mut person_mut(i, p)?.assets, n),
            ListKind::Document => rm(&mut person_mut(i, p)?.documents, n),
            ListKind::Event => rm(&mut i.events, n),
            ListKind::Relative => rm(&mut i.household.relatives_in_home, n),
        }
    }

    /// Empty the list (the question stopped applying).
    pub fn clear(self, i: &mut Intake, p: Option<usize>) -> R {
        match self {
            ListKind::Income => {
                let x = person_mut(i, p)?;
                x.incomes.clear();
                x.incomes_complete = None;
            }
            ListKind::Asset => {
                let x = person_mut(i, p)?;
                x.assets.clear();
                x.assets_complete = None;
            }
            ListKind::Document => {
                let x = person_mut(i, p)?;
                x.documents.clear();
                x.documents_complete = None;
            }
            ListKind::Event => {
                i.events.clear();
                i.events_complete = None;
            }
            ListKind::Relative => {
                i.household.relatives_in_home.clear();
                i.household.relatives_complete = None;
            }
        }
        Ok(())
    }
}

impl Bind {
    pub fn get(&self, i: &Intake, p: Option<usize>) -> Option<Value> {
        match self.access {
            Access::Field { get, .. } => get(i, p),
            Access::List(k) => Some(Value::Number(k.len(i, p) as u32)),
            Access::Item { .. } => None,
        }
    }
    pub fn set(&self, i: &mut Intake, p: Option<usize>, v: Option<Value>) -> R {
        match self.access {
            Access::Field { set, .. } => set(i, p, v),
            Access::List(k) if v.is_none() => k.clear(i, p),
            _ => Err(Refusal::new("wrong_type")),
        }
    }
    pub fn get_item(&self, it: &Item) -> Option<Value> {
        match self.access {
            Access::Item { get, .. } => get(it),
            _ => None,
        }
    }
    pub fn set_item(&self, it: &mut Item, v: Option<Value>) {
        if let Access::Item { set, .. } = self.access {
            set(it, v)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two() -> Intake {
        let mut i = Intake::default();
        find("household.people")
            .unwrap()
            .set(&mut i, None, Some(Value::Number(2)))
            .unwrap();
        i
    }

    #[test]
    fn names_give_ids_and_references_follow() {
        let mut i = two();
        assert_eq!(i.people[0].id, "p1");
        let spouse = find("person.spouse").unwrap();
        spouse
            .set(&mut i, Some(0), Some(Value::Text("p2".into())))
            .unwrap();
        let name = find("person.name").unwrap();
        name.set(&mut i, Some(1), Some(Value::Text("Rosa Brooks".into())))
            .unwrap();
        assert_eq!(i.people[1].id, "rosa");
        assert_eq!(i.people[0].spouse.as_deref(), Some("rosa"));
        assert_eq!(i.people[1].spouse.as_deref(), Some("p1"));
        assert_eq!(i.people[1].marital_status.as_deref(), Some("married"));
        name.set(&mut i, Some(0), Some(Value::Text("Rosa Lee".into())))
            .unwrap();
        assert_eq!(i.people[0].id, "rosa-lee");
        assert_eq!(i.people[1].spouse.as_deref(), Some("rosa-lee"));
    }

    #[test]
    fn a_record_keeps_its_ids() {
        let mut i = Intake {
            people: vec![Person {
                id: "walter".into(),
                applying: true,
                ..Default::default()
            }],
            ..Default::default()
        };
        find("person.name")
            .unwrap()
            .set(&mut i, Some(0), Some(Value::Text("Walt Brooks".into())))
            .unwrap();
        assert_eq!(i.people[0].id, "walter");
    }

    #[test]
    fn nested_fields_are_created_and_tidied() {
        let mut i = two();
        let b = find("person.care.needs_pca").unwrap();
        b.set(&mut i, Some(0), Some(Value::Bool(false))).unwrap();
        assert_eq!(b.get(&i, Some(0)), Some(Value::Bool(false)));
        b.set(&mut i, Some(0), None).unwrap();
        assert!(i.people[0].care.is_none());
        let e = find("person.coverage.employer_offer.actuarial_value_percent").unwrap();
        e.set(&mut i, Some(1), Some(Value::Number(60))).unwrap();
        assert_eq!(e.get(&i, Some(1)), Some(Value::Number(60)));
    }

    #[test]
    fn refusals() {
        let mut i = two();
        let size = find("household.size").unwrap();
        let r = size.set(&mut i, None, Some(Value::Number(1))).unwrap_err();
        assert_eq!(r.message, "household_smaller");
        let d = find("person.immigration.entered_us").unwrap();
        let r = d
            .set(
                &mut i,
                Some(0),
                Some(Value::Date(Date::from_ymd_opt(2000, 1, 1).unwrap())),
            )
            .unwrap_err();
        assert_eq!(r.message, "status_first");
    }

    #[test]
    fn fewer_people_drops_references() {
        let mut i = two();
        find("person.spouse")
            .unwrap()
            .set(&mut i, Some(0), Some(Value::Text("p2".into())))
            .unwrap();
        find("household.people")
            .unwrap()
            .set(&mut i, None, Some(Value::Number(1)))
            .unwrap();
        assert_eq!(i.people.len(), 1);
        assert_eq!(i.people[0].spouse, None);
    }

    #[test]
    fn names_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for b in BINDS.iter() {
            assert!(seen.insert(b.name), "{} twice", b.name);
        }
    }
}
