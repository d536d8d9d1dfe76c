//! Qualifying life events (events.yaml) and program deadlines
//! (deadlines.yaml) as rule data. The engine (engine::deadlines) turns them
//! into dated deadlines; `rules check` validates them (rules::check).
//!
//! An event kind says how long its special enrollment window is and when it
//! starts, whether one may apply before the event, the conditions under which
//! there is a window at all, how coverage start is computed from the date a
//! plan is chosen (or the first premium paid), and which metal levels a plan
//! change may move to. Every one cites its source.

use super::Reference;
use super::criteria::Node;
use crate::dates::Date;
use serde::Deserialize;
use std::collections::BTreeMap;

/// How the window is placed in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WindowKind {
    /// Opens on the event's date and closes `days` later.
    DaysFromEvent,
    /// The calendar month of the as-of date (American Indian / Alaska Native
    /// monthly enrollment). No event date needed.
    CalendarMonth,
    /// No window: enrollment is open all year.
    YearRound,
    /// Decided case by case by the exchange; nothing to compute.
    CaseByCase,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Window {
    pub kind: WindowKind,
    /// Parameter: the window's length in days (days_from_event).
    #[serde(default)]
    pub days: Option<String>,
    /// What the event's date is, in this pack (words in
    /// content/en/event_terms.yaml): the date of the event, the last day of
    /// the old coverage, the date it was reported...
    #[serde(default)]
    pub date_is: Option<String>,
    /// Parameter: one may apply this many days before the event.
    #[serde(default)]
    pub early_days: Option<String>,
}

/// How a coverage start date is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CoverageRule {
    /// A plan chosen on or before day `day` of a month starts the first of
    /// the next month; later, the first of the month after that.
    SelectionCutoff,
    /// The same with the date the first premium is paid (Health Connector).
    PremiumByDay,
    /// The first of the month after the plan is chosen.
    FirstOfMonthAfterSelection,
    /// The first of the month after the plan is chosen, and after the
    /// event: the event's date is the last day of the old coverage.
    FirstOfMonthAfterSelectionAfterEvent,
    /// The first of the month after the plan is chosen, but not before the
    /// event's date (the day an employer plan's change takes effect).
    FirstOfMonthAfterSelectionNotBeforeEvent,
    /// Back to the event's date (retroactive).
    EventDate,
    /// The first of the month after the event.
    FirstOfMonthAfterEvent,
    /// Decided by the exchange; nothing to compute.
    CaseByCase,
}

impl CoverageRule {
    pub const IDS: [&'static str; 8] = [
        "selection_cutoff",
        "premium_by_day",
        "first_of_month_after_selection",
        "first_of_month_after_selection_after_event",
        "first_of_month_after_selection_not_before_event",
        "event_date",
        "first_of_month_after_event",
        "case_by_case",
    ];
    pub fn id(self) -> &'static str {
        match self {
            CoverageRule::SelectionCutoff => "selection_cutoff",
            CoverageRule::PremiumByDay => "premium_by_day",
            CoverageRule::FirstOfMonthAfterSelection => "first_of_month_after_selection",
            CoverageRule::FirstOfMonthAfterSelectionAfterEvent => {
                "first_of_month_after_selection_after_event"
            }
            CoverageRule::FirstOfMonthAfterSelectionNotBeforeEvent => {
                "first_of_month_after_selection_not_before_event"
            }
            CoverageRule::EventDate => "event_date",
            CoverageRule::FirstOfMonthAfterEvent => "first_of_month_after_event",
            CoverageRule::CaseByCase => "case_by_case",
        }
    }
    /// The rule needs a day-of-month parameter.
    pub fn needs_day(self) -> bool {
        matches!(
            self,
            CoverageRule::SelectionCutoff | CoverageRule::PremiumByDay
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WhenSelected {
    BeforeEvent,
    OnOrAfterEvent,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoverageOption {
    pub rule: CoverageRule,
    /// Parameter: the cutoff day of the month (selection_cutoff, premium_by_day).
    #[serde(default)]
    pub day: Option<String>,
    /// The option applies only to a plan chosen before (or on or after) the event.
    #[serde(default)]
    pub when_selected: Option<WhenSelected>,
    #[serde(default)]
    pub reference: Option<Reference>,
}

/// A list of words whose value depends on the date (the metal levels a plan
/// change may move to). `same` means the enrollee's current metal level.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatedList {
    pub reference: Reference,
    #[serde(default)]
    pub note: Option<String>,
    pub values: BTreeMap<Date, Vec<String>>,
}

impl DatedList {
    /// The list in effect on `on`, with the date it took effect.
    pub fn at(&self, on: Date) -> Option<(Date, &Vec<String>)> {
        self.values.range(..=on).next_back().map(|(d, v)| (*d, v))
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawEventRule {
    pub reference: Reference,
    #[serde(default)]
    pub note: Option<String>,
    pub window: Window,
    #[serde(default)]
    pub conditions: Option<serde_yaml::Value>,
    #[serde(default)]
    pub coverage_start: Vec<CoverageOption>,
    #[serde(default)]
    pub metal_levels: Option<DatedList>,
    /// Proofs the exchange asks for (words in content/en/event_terms.yaml).
    #[serde(default)]
    pub proofs: Vec<String>,
    /// A warning to show with the window (words in event_terms.yaml).
    #[serde(default)]
    pub caution: Option<String>,
    /// The first date the rule applies (on the as-of date); before it there
    /// is no window.
    #[serde(default)]
    pub in_effect_from: Option<Date>,
}

#[derive(Debug, Clone)]
pub struct EventRule {
    pub id: String,
    pub reference: Reference,
    pub note: Option<String>,
    pub window: Window,
    /// When present, the window exists only if these hold.
    pub conditions: Option<Node>,
    pub coverage_start: Vec<CoverageOption>,
    pub metal_levels: Option<DatedList>,
    pub proofs: Vec<String>,
    pub caution: Option<String>,
    pub in_effect_from: Option<Date>,
    pub file: String,
}

impl EventRule {
    /// The window is placed from the event's own date.
    pub fn needs_date(&self) -> bool {
        self.window.kind == WindowKind::DaysFromEvent
    }
    pub fn allows_early(&self) -> bool {
        self.window.early_days.is_some()
    }
}

/// How a program deadline is presented: something to do by a date, a date
/// the agency should act by, a date coverage may start, or the start of a
/// look-back period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineType {
    Due,
    Expected,
    CoverageStart,
    LookBack,
}

impl DeadlineType {
    pub fn id(self) -> &'static str {
        match self {
            DeadlineType::Due => "due",
            DeadlineType::Expected => "expected",
            DeadlineType::CoverageStart => "coverage_start",
            DeadlineType::LookBack => "look_back",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Per {
    Household,
    Person,
}

/// The dates of the record a deadline counts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Anchor {
    ApplicationDate,
    DecisionDate,
    ChangeDate,
    AccidentClaimDate,
    /// The person's `care.institution_entry_date`; only applies to someone
    /// living in a medical institution.
    InstitutionEntryDate,
}

impl Anchor {
    /// The record field, for "needs the date" and messages.
    pub fn field(self) -> &'static str {
        match self {
            Anchor::ApplicationDate => "application.date",
            Anchor::DecisionDate => "application.decision_date",
            Anchor::ChangeDate => "application.change_date",
            Anchor::AccidentClaimDate => "application.accident_claim_date",
            Anchor::InstitutionEntryDate => "care.institution_entry_date",
        }
    }
}

/// How a date is computed from its anchor. Numbers are parameters. Written
/// as a word (`first_of_month_after`) or a one-key mapping
/// (`{add_days: decision_notice_days}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateRule {
    OnTheDate,
    AddDays(String),
    SubtractDays(String),
    AddMonths(String),
    SubtractMonths(String),
    FirstOfMonthAfter,
    /// The first day of the month this many months before the anchor's month.
    FirstOfMonthMonthsBefore(String),
}

impl<'de> Deserialize<'de> for DateRule {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Word(String),
            Map(BTreeMap<String, String>),
        }
        const WORDS: &str = "on_the_date, first_of_month_after, or one of add_days, subtract_days, \
             add_months, subtract_months, first_of_month_months_before with a parameter";
        match Raw::deserialize(d).map_err(|_| D::Error::custom(format!("expected {WORDS}")))? {
            Raw::Word(w) => match w.as_str() {
                "on_the_date" => Ok(DateRule::OnTheDate),
                "first_of_month_after" => Ok(DateRule::FirstOfMonthAfter),
                _ => Err(D::Error::custom(format!(
                    "unknown date rule '{w}'; expected {WORDS}"
                ))),
            },
            Raw::Map(m) if m.len() == 1 => {
                let (k, p) = m.into_iter().next().expect("one entry");
                Ok(match k.as_str() {
                    "add_days" => DateRule::AddDays(p),
                    "subtract_days" => DateRule::SubtractDays(p),
                    "add_months" => DateRule::AddMonths(p),
                    "subtract_months" => DateRule::SubtractMonths(p),
                    "first_of_month_months_before" => DateRule::FirstOfMonthMonthsBefore(p),
                    _ => {
                        return Err(D::Error::custom(format!(
                            "unknown date rule '{k}'; expected {WORDS}"
                        )));
                    }
                })
            }
            Raw::Map(_) => Err(D::Error::custom(format!(
                "a date rule has exactly one key: {WORDS}"
            ))),
        }
    }
}

impl DateRule {
    pub fn param(&self) -> Option<&str> {
        match self {
            DateRule::AddDays(p)
            | DateRule::SubtractDays(p)
            | DateRule::AddMonths(p)
            | DateRule::SubtractMonths(p)
            | DateRule::FirstOfMonthMonthsBefore(p) => Some(p),
            DateRule::OnTheDate | DateRule::FirstOfMonthAfter => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IfNoDate {
    /// Report the deadline as "needs the date".
    #[default]
    NeedsDate,
    /// Leave it out (a change or a claim that has not happened).
    Skip,
}

/// Another date shown with a deadline (coverage may begin from...).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlsoDate {
    /// Words in the deadline's entry in content/en/deadlines.yaml.
    pub id: String,
    pub from: Vec<Anchor>,
    pub rule: DateRule,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDeadlineRule {
    pub reference: Reference,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(rename = "type")]
    pub kind: DeadlineType,
    #[serde(rename = "for")]
    pub per: Per,
    /// The date(s) it counts from; with several, the later one.
    pub from: Vec<Anchor>,
    pub rule: DateRule,
    #[serde(default)]
    pub when: Option<serde_yaml::Value>,
    #[serde(default)]
    pub if_no_date: IfNoDate,
    /// Dates that must be on record for the deadline to apply at all (a
    /// decision needs an application first); without them it is left out.
    #[serde(default)]
    pub requires: Vec<Anchor>,
    #[serde(default)]
    pub also: Vec<AlsoDate>,
}

#[derive(Debug, Clone)]
pub struct DeadlineRule {
    pub id: String,
    pub reference: Reference,
    pub note: Option<String>,
    pub kind: DeadlineType,
    pub per: Per,
    pub from: Vec<Anchor>,
    pub rule: DateRule,
    /// For a person: the person meets it. For the household: some applying
    /// person does.
    pub when: Option<Node>,
    /// The number of leaves of `when` (see criteria::number).
    pub leaf_count: usize,
    pub if_no_date: IfNoDate,
    pub requires: Vec<Anchor>,
    pub also: Vec<AlsoDate>,
    pub file: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_rules_read_as_words_or_single_key_maps() {
        let r: DateRule = serde_yaml::from_str("first_of_month_after").unwrap();
        assert_eq!(r, DateRule::FirstOfMonthAfter);
        let r: DateRule = serde_yaml::from_str("{add_days: decision_notice_days}").unwrap();
        assert_eq!(r, DateRule::AddDays("decision_notice_days".into()));
        assert!(serde_yaml::from_str::<DateRule>("{add_weeks: x}").is_err());
    }
}
