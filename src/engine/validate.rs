//! Checks on an intake record that types alone cannot make: dates that are
//! impossible on the as-of date, names the pack does not know, a household
//! of zero. Each problem names the field by its path.

use crate::dates::Date;
use crate::engine::deadlines::{METAL_LEVELS, REASONS};
use crate::error::{Problem, Result};
use crate::model::bounds::{
    HOUSEHOLD_SIZE, Implausible, MAX_AGE, MAX_PEOPLE, YEARS, earliest, implausible_birth,
    implausible_year,
};
use crate::model::{Event, Intake};
use crate::rules::Pack;
use crate::safe::text::has_control;
use crate::suggest::unknown;
use chrono::Datelike;

pub const MARITAL: &[&str] = &["single", "married", "widowed", "divorced", "separated"];
pub const CITIZENSHIP: &[&str] = &["citizen", "national", "noncitizen"];
pub const MEDICARE: &[&str] = &["has", "eligible", "none"];
pub const SSN: &[&str] = &[
    "given",
    "applied",
    "religious_exemption",
    "nonwork_only",
    "not_eligible",
    "none",
];
pub const RELATIVES: &[&str] = &[
    "spouse",
    "disabled_child",
    "blind_child",
    "child_under_21",
    "sibling_with_interest",
];

fn one_of(path: &str, what: &str, v: &Option<String>, allowed: &[&str]) -> Result<()> {
    if let Some(v) = v
        && !allowed.contains(&v.as_str())
    {
        return Err(Problem::field(
            path,
            unknown(what, v, allowed.iter().copied()),
        ));
    }
    Ok(())
}

pub fn validate(pack: &Pack, intake: &Intake, as_of: Date) -> Result<()> {
    // Bounds first: they are cheap, and nothing below (nor a message
    // quoting a value) should see a record they refuse.
    if intake.people.len() > MAX_PEOPLE {
        return Err(Problem::field(
            format!("people[{MAX_PEOPLE}]"),
            format!(
                "a record lists at most {MAX_PEOPLE} people; this one lists {}",
                intake.people.len()
            ),
        ));
    }
    if intake.household.size == Some(0) {
        return Err(Problem::field(
            "household.size",
            "a household has at least one person (got 0)",
        ));
    }
    if let Some(size) = intake.household.size
        && !HOUSEHOLD_SIZE.contains(&size)
    {
        return Err(Problem::field(
            "household.size",
            format!(
                "a household of {size} is not plausible; the household size is from {} to {}",
                HOUSEHOLD_SIZE.start(),
                HOUSEHOLD_SIZE.end()
            ),
        ));
    }
    plausible_dates(intake, as_of)?;
    if let Some(size) = intake.household.size
        && (size as usize) < intake.people.len()
    {
        return Err(Problem::field(
            "household.size",
            format!(
                "the household size {size} is smaller than the {} people listed",
                intake.people.len()
            ),
        ));
    }
    for (i, r) in intake.household.relatives_in_home.iter().enumerate() {
        if !RELATIVES.contains(&r.as_str()) {
            return Err(Problem::field(
                format!("household.relatives_in_home[{i}]"),
                unknown("relative", r, RELATIVES.iter().copied()),
            ));
        }
    }
    for (i, p) in intake.people.iter().enumerate() {
        let at = |f: &str| format!("people[{i}].{f}");
        if p.id.trim().is_empty() {
            return Err(Problem::field(at("id"), "every person needs a short id"));
        }
        if intake.people.iter().filter(|q| q.id == p.id).count() > 1 {
            return Err(Problem::field(
                at("id"),
                format!("two people have the id '{}'", p.id),
            ));
        }
        if let Some(b) = p.birth_date
            && b > as_of
        {
            return Err(Problem::field(
                at("birth_date"),
                format!("{b} is after the as-of date {as_of}"),
            ));
        }
        if let Some(s) = &p.spouse
            && (intake.person(s).is_none() || s == &p.id)
        {
            return Err(Problem::field(
                at("spouse"),
                format!("no other person has the id '{s}'"),
            ));
        }
        one_of(
            &at("marital_status"),
            "marital status",
            &p.marital_status,
            MARITAL,
        )?;
        one_of(
            &at("citizenship"),
            "citizenship",
            &p.citizenship,
            CITIZENSHIP,
        )?;
        one_of(&at("medicare"), "Medicare answer", &p.medicare, MEDICARE)?;
        one_of(&at("ssn"), "Social Security number answer", &p.ssn, SSN)?;
        if let Some(c) = &p.care {
            use crate::engine::facts::{BRAIN_INJURIES, LEVELS_OF_CARE, SETTINGS};
            one_of(
                &at("care.level_of_care"),
                "level of care",
                &c.level_of_care,
                LEVELS_OF_CARE,
            )?;
            one_of(&at("care.setting"), "care setting", &c.setting, SETTINGS)?;
            one_of(
                &at("care.brain_injury"),
                "brain injury answer",
                &c.brain_injury,
                BRAIN_INJURIES,
            )?;
            if let Some(d) = c.institution_entry_date
                && d > as_of
            {
                return Err(Problem::field(
                    at("care.institution_entry_date"),
                    format!("{d} is after the as-of date {as_of}"),
                ));
            }
        }
        if let Some(cov) = &p.coverage {
            one_of(
                &at("coverage.metal_level"),
                "metal level",
                &cov.metal_level,
                METAL_LEVELS,
            )?;
        }
        if let Some(imm) = &p.immigration {
            // A pack without an immigration list (rules/mn) has nothing to
            // check the status against.
            if !pack.immigration.statuses.is_empty()
                && !pack.immigration.statuses.contains_key(&imm.status)
            {
                return Err(Problem::field(
                    at("immigration.status"),
                    unknown(
                        "immigration status",
                        &imm.status,
                        pack.immigration.statuses.keys().map(String::as_str),
                    ),
                ));
            }
            for (f, d) in [
                ("status_date", imm.status_date),
                ("entered_us", imm.entered_us),
            ] {
                if let Some(d) = d
                    && d > as_of
                {
                    return Err(Problem::field(
                        at(&format!("immigration.{f}")),
                        format!("{d} is after the as-of date {as_of}"),
                    ));
                }
            }
        }
        for (j, inc) in p.incomes.iter().enumerate() {
            if !pack.income_kinds.is_empty() && !pack.income_kinds.contains_key(&inc.kind) {
                return Err(Problem::field(
                    at(&format!("incomes[{j}].kind")),
                    unknown(
                        "kind of income",
                        &inc.kind,
                        pack.income_kinds.keys().map(String::as_str),
                    ),
                ));
            }
        }
        if let Some(rules) = &pack.proofs {
            for (j, d) in p.documents.iter().enumerate() {
                if !rules.documents.contains_key(&d.kind) {
                    return Err(Problem::field(
                        at(&format!("documents[{j}].kind")),
                        unknown(
                            "kind of document",
                            &d.kind,
                            rules.documents.keys().map(String::as_str),
                        ),
                    ));
                }
            }
        }
        for (j, a) in p.assets.iter().enumerate() {
            if !pack.asset_kinds.is_empty() && !pack.asset_kinds.contains_key(&a.kind) {
                return Err(Problem::field(
                    at(&format!("assets[{j}].kind")),
                    unknown(
                        "kind of asset",
                        &a.kind,
                        pack.asset_kinds.keys().map(String::as_str),
                    ),
                ));
            }
        }
    }
    for (i, ev) in intake.events.iter().enumerate() {
        validate_event(pack, intake, as_of, i, ev)?;
    }
    Ok(())
}

/// Every text of the record is data, never terminal control: a name (or a
/// code) holding an escape sequence or another control character is
/// refused. Run where a record file comes in (`check`, `import`, `--open`),
/// before anything can quote it; not in every assessment, so a case stored
/// before this check still lists and exports (cleaned on the way out).
pub fn free_text(intake: &Intake) -> Result<()> {
    let mut texts: Vec<(String, &str)> = Vec::new();
    for (i, r) in intake.household.relatives_in_home.iter().enumerate() {
        texts.push((format!("household.relatives_in_home[{i}]"), r));
    }
    for (i, p) in intake.people.iter().enumerate() {
        let at = |f: &str| format!("people[{i}].{f}");
        let care = p.care.as_ref();
        let coverage = p.coverage.as_ref();
        for (f, v) in [
            ("name", p.name.as_ref()),
            ("marital_status", p.marital_status.as_ref()),
            ("spouse", p.spouse.as_ref()),
            ("citizenship", p.citizenship.as_ref()),
            ("medicare", p.medicare.as_ref()),
            ("ssn", p.ssn.as_ref()),
            (
                "care.level_of_care",
                care.and_then(|c| c.level_of_care.as_ref()),
            ),
            ("care.setting", care.and_then(|c| c.setting.as_ref())),
            (
                "care.brain_injury",
                care.and_then(|c| c.brain_injury.as_ref()),
            ),
            (
                "coverage.metal_level",
                coverage.and_then(|c| c.metal_level.as_ref()),
            ),
        ] {
            if let Some(v) = v {
                texts.push((at(f), v));
            }
        }
        texts.push((at("id"), &p.id));
        if let Some(imm) = &p.immigration {
            texts.push((at("immigration.status"), &imm.status));
        }
        for (j, x) in p.incomes.iter().enumerate() {
            texts.push((at(&format!("incomes[{j}].kind")), &x.kind));
        }
        for (j, x) in p.assets.iter().enumerate() {
            texts.push((at(&format!("assets[{j}].kind")), &x.kind));
        }
        for (j, x) in p.documents.iter().enumerate() {
            texts.push((at(&format!("documents[{j}].kind")), &x.kind));
            if let Some(place) = &x.place {
                texts.push((at(&format!("documents[{j}].place")), place));
            }
        }
    }
    for (i, e) in intake.events.iter().enumerate() {
        texts.push((format!("events[{i}].kind"), &e.kind));
        for (f, v) in [("person", &e.person), ("reason", &e.reason)] {
            if let Some(v) = v {
                texts.push((format!("events[{i}].{f}"), v));
            }
        }
    }
    match texts.into_iter().find(|(_, t)| has_control(t)) {
        Some((path, _)) => Err(Problem::field(
            path,
            "holds a control character or a terminal escape sequence; only printable text is taken",
        )),
        None => Ok(()),
    }
}

/// Dates a person could have meant: a birth no earlier than 1880 and no
/// more than 130 years before the as-of date; every other date within the
/// years 1880 to 2200.
fn plausible_dates(intake: &Intake, as_of: Date) -> Result<()> {
    let years = || {
        format!(
            "dates in a record fall in the years {} to {}",
            YEARS.start(),
            YEARS.end()
        )
    };
    let year = |path: String, d: Option<Date>| -> Result<()> {
        match d {
            Some(d) if implausible_year(d) => Err(Problem::field(
                path,
                format!("the year {} is not plausible; {}", d.year(), years()),
            )),
            _ => Ok(()),
        }
    };
    year("as_of".into(), intake.as_of)?;
    for (i, p) in intake.people.iter().enumerate() {
        let at = |f: &str| format!("people[{i}].{f}");
        if let Some(b) = p.birth_date
            && let Some(why) = implausible_birth(b, as_of)
        {
            let rule = format!(
                "a date of birth is on or after {} and at most {MAX_AGE} years before the as-of date",
                earliest()
            );
            return Err(Problem::field(
                at("birth_date"),
                match why {
                    Implausible::TooEarly => {
                        format!("a birth year of {} is not plausible; {rule}", b.year())
                    }
                    Implausible::TooOld { age } => format!(
                        "a birth year of {} is not plausible: it makes the person {age} on {as_of}; {rule}",
                        b.year()
                    ),
                },
            ));
        }
        if let Some(c) = &p.care {
            year(at("care.institution_entry_date"), c.institution_entry_date)?;
        }
        if let Some(imm) = &p.immigration {
            year(at("immigration.status_date"), imm.status_date)?;
            year(at("immigration.entered_us"), imm.entered_us)?;
        }
        for (j, d) in p.documents.iter().enumerate() {
            year(at(&format!("documents[{j}].date")), d.date)?;
            year(at(&format!("documents[{j}].birth_date")), d.birth_date)?;
        }
    }
    for (i, e) in intake.events.iter().enumerate() {
        let at = |f: &str| format!("events[{i}].{f}");
        year(at("date"), e.date)?;
        year(at("plan_selection_date"), e.plan_selection_date)?;
        year(at("premium_paid_date"), e.premium_paid_date)?;
    }
    let a = &intake.application;
    year("application.date".into(), a.date)?;
    year("application.decision_date".into(), a.decision_date)?;
    year("application.change_date".into(), a.change_date)?;
    year(
        "application.accident_claim_date".into(),
        a.accident_claim_date,
    )?;
    Ok(())
}

/// An event's kind must be one the pack knows; its date may be after the
/// as-of date only where the rule lets one apply before the event.
fn validate_event(pack: &Pack, intake: &Intake, as_of: Date, i: usize, ev: &Event) -> Result<()> {
    let at = |f: &str| format!("events[{i}].{f}");
    let Some(rule) = pack.events.get(&ev.kind) else {
        let known = unknown(
            "event kind",
            &ev.kind,
            pack.events.keys().map(String::as_str),
        );
        return Err(Problem::field(
            at("kind"),
            if pack.events.is_empty() {
                format!("{known}; the {} rules list no life events", pack.name)
            } else {
                format!("{known} (in the {} rules)", pack.name)
            },
        ));
    };
    if let Some(p) = &ev.person
        && intake.person(p).is_none()
    {
        return Err(Problem::field(
            at("person"),
            unknown("person", p, intake.people.iter().map(|q| q.id.as_str())),
        ));
    }
    one_of(&at("reason"), "reason coverage ended", &ev.reason, REASONS)?;
    if let Some(d) = ev.date
        && d > as_of
        && rule.needs_date()
        && !rule.allows_early()
    {
        let early: Vec<&str> = pack
            .events
            .values()
            .filter(|r| r.allows_early())
            .map(|r| r.id.as_str())
            .collect();
        return Err(Problem::field(
            at("date"),
            format!(
                "{d} is after the as-of date {as_of}, and a '{}' event cannot be reported before it happens{}",
                ev.kind,
                if early.is_empty() {
                    String::new()
                } else {
                    format!(
                        " (in the {} rules only {} may be applied for early)",
                        pack.name,
                        early.join(", ")
                    )
                }
            ),
        ));
    }
    Ok(())
}
