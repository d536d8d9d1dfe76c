//! Parameters: a number, date or table, with its description, unit and
//! reference, keyed by the date each value took effect. A value holds until
//! the next date; `null` ends it. Tables by household size are one parameter
//! with a `breakdown`, and may have rule-chosen `columns` (the FPL table's
//! 100%, 133%, ... columns).

use super::Reference;
use crate::dates::Date;
use crate::error::{Problem, Result};
use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::str::FromStr;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawParameter {
    pub description: String,
    pub unit: Unit,
    pub reference: Reference,
    #[serde(default)]
    pub note: Option<String>,
    /// The fact whose value keys the table (household_size, household_type).
    #[serde(default)]
    pub breakdown: Option<String>,
    /// Rule-chosen first level of the table (e.g. FPL percent columns).
    #[serde(default)]
    pub columns: Option<Vec<String>>,
    pub values: BTreeMap<Date, serde_yaml::Value>,
    /// How long a value lasts: money and percentages are updated, and a
    /// value past its review date is said to be so (never used in silence).
    #[serde(default)]
    pub updated: Option<RawUpdate>,
}

/// `updated:` in a parameter file: `every: year` with `on: MM-DD` (the day a
/// new value takes effect each year), or `review_by: DATE`; cited.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawUpdate {
    #[serde(default)]
    pub every: Option<String>,
    #[serde(default)]
    pub on: Option<String>,
    #[serde(default, deserialize_with = "crate::dates::opt")]
    pub review_by: Option<Date>,
    pub reference: Reference,
    #[serde(default)]
    pub note: Option<String>,
}

/// When a parameter's value is due to be replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Renewal {
    /// Each year on this month and day.
    Yearly { month: u32, day: u32 },
    /// By this date (the last value; an earlier one ends at the next).
    By(Date),
}

#[derive(Debug, Clone)]
pub struct Update {
    pub renewal: Renewal,
    pub reference: Reference,
    pub note: Option<String>,
}

impl Update {
    fn from_raw(raw: RawUpdate) -> std::result::Result<Update, String> {
        let renewal = match (raw.every.as_deref(), raw.on.as_deref(), raw.review_by) {
            (Some("year"), Some(on), None) => {
                let (m, d) = on
                    .split_once('-')
                    .and_then(|(m, d)| Some((m.parse::<u32>().ok()?, d.parse::<u32>().ok()?)))
                    .filter(|(m, d)| chrono::NaiveDate::from_ymd_opt(2000, *m, *d).is_some())
                    .ok_or_else(|| {
                        format!("updated.on '{on}' is not a month and day such as 03-01")
                    })?;
                Renewal::Yearly { month: m, day: d }
            }
            (Some(other), _, None) if other != "year" => {
                return Err(format!(
                    "updated.every '{other}': the only period is 'year'"
                ));
            }
            (Some(_), None, None) => {
                return Err("updated.every: year needs 'on', the month and day a new value takes effect (such as 03-01)".into());
            }
            (None, None, Some(d)) => Renewal::By(d),
            _ => {
                return Err(
                    "updated takes either 'every: year' with 'on', or 'review_by' with a date"
                        .into(),
                );
            }
        };
        Ok(Update {
            renewal,
            reference: raw.reference,
            note: raw.note,
        })
    }
}

/// The parameters of a pack, in a vector (rules refer to them by position
/// once loaded) with a name index.
#[derive(Debug, Clone, Default)]
pub struct Params {
    list: Vec<Parameter>,
    index: std::collections::HashMap<String, usize>,
}

impl Params {
    pub fn insert(&mut self, p: Parameter) {
        match self.index.get(&p.name) {
            Some(i) => self.list[*i] = p,
            None => {
                self.index.insert(p.name.clone(), self.list.len());
                self.list.push(p);
            }
        }
    }
    pub fn get(&self, name: &str) -> Option<&Parameter> {
        self.index.get(name).map(|i| &self.list[*i])
    }
    pub fn slot(&self, name: &str) -> Option<usize> {
        self.index.get(name).copied()
    }
    pub fn at(&self, slot: usize) -> &Parameter {
        &self.list[slot]
    }
    pub fn contains_key(&self, name: &str) -> bool {
        self.index.contains_key(name)
    }
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.list.iter().map(|p| &p.name)
    }
    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut Parameter> {
        self.list.iter_mut()
    }
    pub fn len(&self) -> usize {
        self.list.len()
    }
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

impl std::ops::Index<&String> for Params {
    type Output = Parameter;
    fn index(&self, name: &String) -> &Parameter {
        self.get(name).expect("parameter exists")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    UsdPerMonth,
    Usd,
    Percent,
    Fraction,
    Days,
    Months,
    Years,
    /// A day of the month (the 15th, the 23rd).
    DayOfMonth,
    Date,
    Count,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Num(Decimal),
    Date(Date),
    Table(BTreeMap<String, Value>),
}

#[derive(Debug, Clone)]
pub struct Parameter {
    pub name: String,
    /// The name, shared with every reason that cites it.
    pub name_arc: std::sync::Arc<str>,
    pub description: String,
    pub unit: Unit,
    pub reference: Reference,
    pub note: Option<String>,
    pub breakdown: Option<String>,
    /// The breakdown fact's index in facts::FACTS (resolved at load).
    pub breakdown_index: Option<usize>,
    pub columns: Option<Vec<String>>,
    /// Effective date -> value (None: no value from that date on).
    pub values: Vec<(Date, Option<Value>)>,
    pub file: String,
    /// How long a value lasts (money and percentages).
    pub update: Option<Update>,
    /// The spans of dates on which the value in effect is past its review
    /// date (from, until; worked out at load, so the engine compares dates
    /// instead of working it out at every assessment).
    pub stale_spans: Vec<(Date, Option<Date>, Date, Date)>,
}

impl Parameter {
    pub fn from_raw(name: &str, raw: RawParameter, file: &str, text: &str) -> Result<Parameter> {
        let update = match raw.updated {
            Some(u) => Some(Update::from_raw(u).map_err(|m| {
                Problem::at(
                    file,
                    crate::yamlpos::line_of(text, &format!("{name}.updated")),
                    format!("{name}: {m}"),
                )
            })?),
            None => None,
        };
        let mut values = Vec::new();
        for (date, v) in raw.values {
            let path = format!("{name}.values.{date}");
            let val = if v.is_null() {
                None
            } else {
                Some(convert(&v, raw.unit).map_err(|m| {
                    Problem::at(
                        file,
                        crate::yamlpos::line_of(text, &path),
                        format!("{name}: value from {date}: {m}"),
                    )
                })?)
            };
            values.push((date, val));
        }
        Ok(Parameter {
            name: name.to_string(),
            name_arc: name.into(),
            description: raw.description,
            unit: raw.unit,
            reference: raw.reference,
            note: raw.note,
            breakdown_index: raw
                .breakdown
                .as_deref()
                .and_then(crate::engine::facts::index_of),
            breakdown: raw.breakdown,
            columns: raw.columns,
            values,
            file: file.to_string(),
            update,
            stale_spans: Vec::new(),
        }
        .with_stale_spans())
    }

    /// Work out `stale_spans`: for each value, from its review date until
    /// the next value takes effect (or for good after the last), with the
    /// date it took effect and its review date.
    fn with_stale_spans(mut self) -> Parameter {
        let mut spans = Vec::new();
        for (i, (eff, v)) in self.values.iter().enumerate() {
            if v.is_none() {
                continue;
            }
            let next = self.values.get(i + 1).map(|(d, _)| *d);
            if let Some(due) = self.review_by(*eff)
                && next.is_none_or(|n| due < n)
            {
                spans.push((due, next, *eff, due));
            }
        }
        self.stale_spans = spans;
        self
    }

    /// Money and percentages change over time: they must say how long a
    /// value lasts.
    pub fn needs_update(&self) -> bool {
        matches!(
            self.unit,
            Unit::Usd | Unit::UsdPerMonth | Unit::Percent | Unit::Fraction
        )
    }

    /// The date by which the value that took effect on `effective` should
    /// have been replaced, if the parameter says.
    pub fn review_by(&self, effective: Date) -> Option<Date> {
        let u = self.update.as_ref()?;
        match u.renewal {
            Renewal::By(d) => Some(d),
            Renewal::Yearly { month, day } => {
                use chrono::Datelike;
                let y = effective.year();
                [y, y + 1]
                    .into_iter()
                    .filter_map(|y| chrono::NaiveDate::from_ymd_opt(y, month, day))
                    .find(|d| *d > effective)
            }
        }
    }

    /// The value in effect on `on` is past its review date: (the date it
    /// took effect, the date it was due for review).
    pub fn stale_on(&self, on: Date) -> Option<(Date, Date)> {
        self.stale_spans
            .iter()
            .find(|(from, until, _, _)| on >= *from && until.is_none_or(|u| on < u))
            .map(|(_, _, eff, due)| (*eff, *due))
    }

    /// The value in effect on `on`, with the date it took effect.
    pub fn at(&self, on: Date) -> Result<(Date, &Value)> {
        let mut found = None;
        for (d, v) in &self.values {
            if *d <= on {
                found = Some((*d, v.as_ref()));
            } else {
                break;
            }
        }
        match found {
            Some((d, Some(v))) => Ok((d, v)),
            Some((d, None)) => Err(Problem::new(format!(
                "the rule value '{}' has no value on {on}: it ended on {d}",
                self.name
            ))),
            None => Err(Problem::new(format!(
                "the rule value '{}' has no value on {on}; its first value takes effect on {}",
                self.name,
                self.values
                    .first()
                    .map(|(d, _)| d.to_string())
                    .unwrap_or_default()
            ))),
        }
    }

    pub fn first_date(&self) -> Option<Date> {
        self.values.first().map(|(d, _)| *d)
    }
}

fn convert(v: &serde_yaml::Value, unit: Unit) -> std::result::Result<Value, String> {
    use serde_yaml::Value as Y;
    match v {
        Y::Mapping(m) => {
            let mut t = BTreeMap::new();
            for (k, val) in m {
                let key = match k {
                    Y::String(s) => s.clone(),
                    Y::Number(n) => n.to_string(),
                    Y::Bool(b) => b.to_string(),
                    _ => return Err("table keys must be words or numbers".into()),
                };
                if val.is_null() {
                    return Err(format!("table entry '{key}' has no value"));
                }
                t.insert(key, convert(val, unit)?);
            }
            Ok(Value::Table(t))
        }
        Y::Number(n) => {
            if unit == Unit::Date {
                return Err("expected a date such as 1996-08-22".into());
            }
            let d = Decimal::from_str(&n.to_string())
                .map_err(|_| format!("{n} is not a number we can use"))?;
            if d.is_sign_negative() {
                return Err(format!("{n} is negative"));
            }
            Ok(Value::Num(d))
        }
        Y::String(s) if unit == Unit::Date => Date::from_str(s)
            .map(Value::Date)
            .map_err(|_| format!("'{s}' is not a date")),
        Y::String(s) => Decimal::from_str(s)
            .map(Value::Num)
            .map_err(|_| format!("'{s}' is not a number")),
        _ => Err("expected a number, a date or a table".into()),
    }
}

/// Look up a number in a value by keys; for a numeric key past the end of a
/// table that has `additional`, extend by that much per extra step (the FPL
/// table's "additional persons" row).
pub fn lookup_num(v: &Value, keys: &[&str]) -> Option<Decimal> {
    match (v, keys.split_first()) {
        (Value::Num(n), None) => Some(*n),
        (Value::Table(t), Some((k, rest))) => {
            if let Some(inner) = t.get(*k) {
                return lookup_num(inner, rest);
            }
            let n: u32 = k.parse().ok()?;
            let add = t.get("additional")?;
            let max = t.keys().filter_map(|s| s.parse::<u32>().ok()).max()?;
            if n <= max {
                return None;
            }
            let base = lookup_num(t.get(&max.to_string())?, rest)?;
            let step = lookup_num(add, rest)?;
            Some(base + step * Decimal::from(n - max))
        }
        _ => None,
    }
}

pub fn lookup_date(v: &Value) -> Option<Date> {
    match v {
        Value::Date(d) => Some(*d),
        _ => None,
    }
}

/// The key sets of each dated table value, for the gap check: a key present
/// on one date and missing on a later one is a gap.
pub fn table_keys(v: &Value, prefix: &str, out: &mut Vec<String>) {
    if let Value::Table(t) = v {
        for (k, inner) in t {
            let p = if prefix.is_empty() {
                k.clone()
            } else {
                format!("{prefix}.{k}")
            };
            if let Value::Table(_) = inner {
                table_keys(inner, &p, out);
            } else {
                out.push(p);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn additional_person_extends_table() {
        let y: serde_yaml::Value =
            serde_yaml::from_str("{'100': {1: 981, 2: 1328, 8: 3408, additional: 347}}").unwrap();
        let v = convert(&y, Unit::UsdPerMonth).unwrap();
        assert_eq!(lookup_num(&v, &["100", "8"]), Some(dec!(3408)));
        assert_eq!(lookup_num(&v, &["100", "10"]), Some(dec!(4102)));
        assert_eq!(lookup_num(&v, &["100", "1"]), Some(dec!(981)));
        assert_eq!(lookup_num(&v, &["200", "1"]), None);
    }
}
