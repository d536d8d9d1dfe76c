//! What changed between two assessments, as short sentences: what a front
//! end says after an answer ("Now likely: MassHealth Buy-In."), never the
//! whole panel again. `diff` finds the changes (kept by a front end to
//! explain "why"); `sentences` words them, one sentence per kind of change,
//! naming the people when the household has more than one.
//!
//! Said: a program becoming likely, or likely after a deductible (or its
//! deductible changing), or no longer likely; a proof becoming missing or
//! not enough, then proved or no longer needed; a new or moved deadline,
//! or one that is gone. Not said: a program moving between "possible" and
//! "not eligible", which is most answers' effect and belongs to `status`.

use super::Words;
use crate::dates::{Date, spoken};
use crate::engine::{Assessment, ProofStatus, Status};
use crate::model::Intake;
use crate::money::Money;

/// Sentences this module says; each needs words in content/<lang>/changes.yaml.
pub const WORDS: &[&str] = &[
    "now_likely",
    "now_likely_for",
    "now_likely_after_deductible",
    "now_likely_after_deductible_for",
    "no_longer_likely",
    "no_longer_likely_for",
    "proof_missing",
    "proof_missing_for",
    "proof_insufficient",
    "proof_insufficient_for",
    "proof_satisfied",
    "proof_satisfied_for",
    "proof_not_needed",
    "proof_not_needed_for",
    "household",
    "deadline_new",
    "deadline_moved",
    "deadline_needs_date",
    "deadline_gone",
];

pub fn check_words(content: &crate::content::Content) -> Vec<crate::error::Problem> {
    content.require("changes", WORDS)
}

#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Program {
        person: String,
        program: String,
        before: Option<(Status, Option<Money>)>,
        after: Option<(Status, Option<Money>)>,
    },
    Proof {
        person: String,
        need: String,
        before: Option<ProofStatus>,
        after: Option<ProofStatus>,
    },
    Deadline {
        id: String,
        concerns: String,
        before: Option<Option<Date>>,
        after: Option<Option<Date>>,
    },
}

fn likely(s: Option<(Status, Option<Money>)>) -> bool {
    matches!(s, Some((Status::Likely | Status::LikelyAfterDeductible, _)))
}

/// The changes worth saying: into or out of a likely status, a new or
/// changed deductible, a proof newly missing or now met, a deadline added,
/// moved or gone. A view of `engine::diff`, which finds every change.
pub fn diff(before: &Assessment, after: &Assessment) -> Vec<Change> {
    use crate::engine::diff::Change as C;
    let open = |s: &Option<ProofStatus>| {
        matches!(s, Some(ProofStatus::Missing | ProofStatus::Insufficient))
    };
    let mut out = Vec::new();
    for ch in crate::engine::diff::diff(before, after) {
        match ch {
            C::Program {
                person,
                program,
                from,
                to,
                deductible_from,
                deductible_to,
            } => {
                let b = from.map(|s| (s, deductible_from));
                let a = to.map(|s| (s, deductible_to));
                let say = match a {
                    Some((Status::Likely, _)) => !matches!(b, Some((Status::Likely, _))),
                    Some((Status::LikelyAfterDeductible, d)) => {
                        b != Some((Status::LikelyAfterDeductible, d))
                    }
                    _ => likely(b),
                };
                if say {
                    out.push(Change::Program {
                        person,
                        program,
                        before: b,
                        after: a,
                    });
                }
            }
            C::Proof {
                person,
                need,
                from,
                to,
            } => {
                let say = match &to {
                    Some(ProofStatus::Missing | ProofStatus::Insufficient) => to != from,
                    _ => open(&from),
                };
                if say {
                    out.push(Change::Proof {
                        person,
                        need,
                        before: from,
                        after: to,
                    });
                }
            }
            C::Deadline {
                id,
                concerns,
                from,
                to,
                was,
                is,
            } => {
                let before = was.then_some(from);
                let after = is.then_some(to);
                out.push(Change::Deadline {
                    id,
                    concerns,
                    before,
                    after,
                });
            }
        }
    }
    out
}

/// One short sentence per change (changes alike for several people are
/// one sentence).
pub fn changes(before: &Assessment, after: &Assessment, words: &Words) -> Vec<String> {
    sentences(&diff(before, after), before, after, words)
}

/// What to say after each answer, the same for every front end. Nothing
/// is said while someone in the household has no name yet (naming a person
/// gives them an id, which is no change); then everything since the last
/// announcement is said at once, with each person's id of then mapped to
/// their id of now.
#[derive(Debug, Clone)]
pub struct Announcer {
    baseline: Assessment,
    ids: Vec<String>,
}

/// An announcement: the changes, the two assessments they were found
/// between (worded, for "why"), and the sentences to say.
pub struct Announcement {
    pub changes: Vec<Change>,
    pub before: Assessment,
    pub after: Assessment,
    pub sentences: Vec<String>,
}

impl Announcer {
    pub fn new(intake: &Intake, now: &Assessment) -> Self {
        Announcer {
            baseline: now.clone(),
            ids: ids(intake),
        }
    }

    /// What changed since the last announcement. None while someone has no
    /// name; an announcement with no changes when nothing worth saying did.
    pub fn next(
        &mut self,
        intake: &Intake,
        now: &Assessment,
        words: &Words,
    ) -> Option<Announcement> {
        if intake.people.iter().any(|p| p.name.is_none()) {
            return None;
        }
        let now_ids = ids(intake);
        let mut before = align(&self.baseline, &self.ids, &now_ids);
        self.baseline = now.clone();
        self.ids = now_ids;
        let changes = diff(&before, now);
        let mut after = now.clone();
        if changes.is_empty() {
            return Some(Announcement {
                changes,
                before,
                after,
                sentences: Vec::new(),
            });
        }
        words.fill(&mut after);
        words.fill(&mut before);
        let sentences = sentences(&changes, &before, &after, words);
        Some(Announcement {
            changes,
            before,
            after,
            sentences,
        })
    }
}

fn ids(i: &Intake) -> Vec<String> {
    i.people.iter().map(|p| p.id.clone()).collect()
}

/// `a` with person ids of then (`was`) replaced by the ids of now (`now`)
/// person by person: a name gives a person an id, which is no change.
fn align(a: &Assessment, was: &[String], now: &[String]) -> Assessment {
    let map = |id: &mut String| {
        if let Some(k) = was.iter().position(|w| w == id)
            && let Some(n) = now.get(k)
        {
            *id = n.clone();
        }
    };
    let mut a = a.clone();
    a.programs.iter_mut().for_each(|p| {
        let mut id = p.person.to_string();
        map(&mut id);
        p.person = id.into();
    });
    a.proofs.iter_mut().for_each(|p| map(&mut p.person));
    a.figures.people.iter_mut().for_each(|p| map(&mut p.person));
    a.deadlines.iter_mut().for_each(|d| map(&mut d.concerns));
    a
}

/// A person's name as the assessments know it.
pub fn person_name(before: &Assessment, after: &Assessment, id: &str) -> String {
    after
        .figures
        .people
        .iter()
        .chain(before.figures.people.iter())
        .find(|p| p.person == id)
        .map(|p| p.name.clone().unwrap_or_else(|| id.to_string()))
        .unwrap_or_else(|| id.to_string())
}

/// What a deadline is for, in words (the deadline's own words if content
/// has them, else the event's, else the id).
pub fn deadline_words(words: &Words, id: &str) -> String {
    let c = words.content;
    // A deadline's id is its rule's id, then ":person" when it concerns one
    // and "#n" when repeated (engine::deadlines).
    let rule = id.split([':', '#']).next().unwrap_or(id);
    c.field("deadlines", rule, "name")
        .or_else(|| c.field("events", rule, "name"))
        .map(str::to_string)
        .unwrap_or_else(|| rule.replace('_', " "))
}

pub fn sentences(
    changes: &[Change],
    before: &Assessment,
    after: &Assessment,
    words: &Words,
) -> Vec<String> {
    let c = words.content;
    let applying = |a: &Assessment| {
        let mut v: Vec<&str> = a.programs.iter().map(|p| &*p.person).collect();
        v.dedup();
        v.len()
    };
    let many = applying(after).max(applying(before)) > 1;
    // (sentence key, detail, subject words, person) in order of saying.
    let mut rows: Vec<(&str, String, String, String)> = Vec::new();
    for ch in changes {
        match ch {
            Change::Program {
                person,
                program,
                after: a,
                ..
            } => {
                let (key, detail) = match a {
                    Some((Status::Likely, _)) => ("now_likely", String::new()),
                    Some((Status::LikelyAfterDeductible, d)) => (
                        "now_likely_after_deductible",
                        d.map(|m| m.to_string()).unwrap_or_default(),
                    ),
                    _ => ("no_longer_likely", String::new()),
                };
                // A result that rests on figures past their date says so.
                let stale = after
                    .programs
                    .iter()
                    .find(|p| &*p.program == program.as_str() && &*p.person == person.as_str())
                    .map(|p| p.stale.as_slice())
                    .unwrap_or_default();
                let name = format!("{}{}", words.program(program), words.stale_mark(stale));
                rows.push((key, detail, name, person.clone()));
            }
            Change::Proof {
                person,
                need,
                after: a,
                ..
            } => {
                let key = match a {
                    Some(ProofStatus::Missing) => "proof_missing",
                    Some(ProofStatus::Insufficient) => "proof_insufficient",
                    Some(ProofStatus::Satisfied) => "proof_satisfied",
                    Some(ProofStatus::Exempt) | None => "proof_not_needed",
                };
                rows.push((key, String::new(), words.need(need), person.clone()));
            }
            Change::Deadline { .. } => {}
        }
    }
    const ORDER: [&str; 7] = [
        "now_likely",
        "now_likely_after_deductible",
        "no_longer_likely",
        "proof_missing",
        "proof_insufficient",
        "proof_satisfied",
        "proof_not_needed",
    ];
    rows.sort_by_key(|r| ORDER.iter().position(|k| *k == r.0));
    // Group: for each (key, detail, subject), the people; then for each
    // (key, detail, people), the subjects.
    let mut by_subject: Vec<(&str, String, String, Vec<String>)> = Vec::new();
    for (k, d, s, p) in rows {
        match by_subject
            .iter_mut()
            .find(|x| x.0 == k && x.1 == d && x.2 == s)
        {
            Some(x) => x.3.push(p),
            None => by_subject.push((k, d, s, vec![p])),
        }
    }
    let mut by_people: Vec<(&str, String, Vec<String>, Vec<String>)> = Vec::new();
    for (k, d, s, ps) in by_subject {
        match by_people
            .iter_mut()
            .find(|x| x.0 == k && x.1 == d && x.2 == ps)
        {
            Some(x) => x.3.push(s),
            None => by_people.push((k, d, ps, vec![s])),
        }
    }
    let and = c.ui("and_sep", &[]);
    let mut out = Vec::new();
    for (k, d, ps, subjects) in by_people {
        let people: Vec<String> = ps.iter().map(|p| person_name(before, after, p)).collect();
        let key = if many {
            format!("{k}_for")
        } else {
            k.to_string()
        };
        out.push(c.say(
            "changes",
            &key,
            &[
                ("items", &subjects.join(", ")),
                ("people", &people.join(&and)),
                ("amount", &d),
            ],
        ));
    }
    for ch in changes {
        if let Change::Deadline {
            id,
            concerns,
            before: b,
            after: a,
        } = ch
        {
            let what = deadline_words(words, id);
            let who = if concerns == "household" {
                c.say("changes", "household", &[])
            } else {
                person_name(before, after, concerns)
            };
            let s = match (b, a) {
                (_, None) => c.say(
                    "changes",
                    "deadline_gone",
                    &[("what", &what), ("who", &who)],
                ),
                (None, Some(None)) | (Some(_), Some(None)) => c.say(
                    "changes",
                    "deadline_needs_date",
                    &[("what", &what), ("who", &who)],
                ),
                (None, Some(Some(date))) => c.say(
                    "changes",
                    "deadline_new",
                    &[("what", &what), ("who", &who), ("date", &spoken(*date))],
                ),
                (Some(_), Some(Some(date))) => c.say(
                    "changes",
                    "deadline_moved",
                    &[("what", &what), ("who", &who), ("date", &spoken(*date))],
                ),
            };
            out.push(s);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Content;
    use crate::engine::{
        Citation, Deadline, Figures, PackInfo, PersonFigures, ProgramResult, ProofResult,
    };
    use crate::rules::Pack;
    use rust_decimal_macros::dec;

    fn empty(people: &[(&str, &str)]) -> Assessment {
        Assessment {
            as_of: "2016-06-01".parse().unwrap(),
            pack: PackInfo {
                id: "ma".into(),
                name: "Massachusetts".into(),
                covers_from: "2016-04-01".parse().unwrap(),
                effective_dates: Default::default(),
            },
            stale: Vec::new(),
            figures: Figures {
                household_size: people.len() as i64,
                magi_monthly_income: None,
                percent_fpl: None,
                people: people
                    .iter()
                    .map(|(id, name)| PersonFigures {
                        person: id.to_string(),
                        name: Some(name.to_string()),
                        age: None,
                        household_type: None,
                        immigration_category: None,
                        countable_monthly_income: None,
                        countable_assets: None,
                        masshealth_percent_fpl: None,
                        deductible: None,
                    })
                    .collect(),
            },
            programs: Vec::new(),
            proofs: Vec::new(),
            deadlines: Vec::new(),
        }
    }

    fn cite() -> Citation {
        Citation {
            source: "senior_guide".into(),
            section: "x".into(),
        }
    }

    fn prog(a: &mut Assessment, person: &str, program: &str, s: Status, d: Option<Money>) {
        a.programs.push(ProgramResult {
            program: program.into(),
            person: person.into(),
            status: s,
            deductible: d,
            citation: cite(),
            reasons: Vec::new(),
            flags: Vec::new(),
            stale: Vec::new(),
        });
    }

    fn proof(a: &mut Assessment, person: &str, need: &str, s: ProofStatus) {
        a.proofs.push(ProofResult {
            person: person.into(),
            need: need.into(),
            status: s,
            used: Vec::new(),
            rejected: Vec::new(),
            reason_code: None,
            reason: None,
            alternatives: Default::default(),
            any_of: None,
            citation: cite(),
        });
    }

    fn say(before: &Assessment, after: &Assessment) -> Vec<String> {
        let pack = Pack::open("ma").unwrap();
        let content = Content::open("en").unwrap();
        changes(before, after, &Words::new(&content, &pack))
    }

    #[test]
    fn one_person() {
        let mut b = empty(&[("rosa", "Rosa")]);
        prog(
            &mut b,
            "rosa",
            "masshealth_senior_buy_in",
            Status::Possible,
            None,
        );
        prog(
            &mut b,
            "rosa",
            "masshealth_standard",
            Status::Possible,
            None,
        );
        prog(&mut b, "rosa", "health_safety_net", Status::Likely, None);
        prog(&mut b, "rosa", "pace", Status::Possible, None);
        let mut a = empty(&[("rosa", "Rosa")]);
        prog(
            &mut a,
            "rosa",
            "masshealth_senior_buy_in",
            Status::Likely,
            None,
        );
        prog(
            &mut a,
            "rosa",
            "masshealth_standard",
            Status::LikelyAfterDeductible,
            Some(Money(dec!(930))),
        );
        prog(
            &mut a,
            "rosa",
            "health_safety_net",
            Status::NotEligible,
            None,
        );
        // possible -> not eligible is not said
        prog(&mut a, "rosa", "pace", Status::NotEligible, None);
        proof(&mut a, "rosa", "identity", ProofStatus::Missing);
        assert_eq!(
            say(&b, &a),
            vec![
                "Now likely: MassHealth Senior Buy-In.",
                "Now likely after a deductible of $930.00: MassHealth Standard.",
                "No longer likely: Health Safety Net.",
                "New missing proof: proof of identity for Rosa.",
            ]
        );
        assert!(say(&a, &a).is_empty());
    }

    #[test]
    fn a_couple_alike_is_one_sentence() {
        let people = [("walter", "Walter"), ("rosa", "Rosa")];
        let mut b = empty(&people);
        let mut a = empty(&people);
        for p in ["walter", "rosa"] {
            prog(&mut b, p, "masshealth_buy_in", Status::Possible, None);
            prog(&mut b, p, "health_safety_net", Status::Possible, None);
            prog(&mut a, p, "masshealth_buy_in", Status::Likely, None);
            prog(&mut a, p, "health_safety_net", Status::Likely, None);
            proof(&mut b, p, "identity", ProofStatus::Missing);
            proof(&mut a, p, "identity", ProofStatus::Exempt);
        }
        proof(&mut a, "walter", "income:pension", ProofStatus::Missing);
        assert_eq!(
            say(&b, &a),
            vec![
                "Now likely for Walter and Rosa: MassHealth Buy-In, Health Safety Net.",
                "New missing proof for Walter: proof of income (Pension or retirement).",
                "No longer needed for Walter and Rosa: proof of identity.",
            ]
        );
    }

    #[test]
    fn proofs_and_deadlines() {
        let mut b = empty(&[("ann", "Ann")]);
        proof(&mut b, "ann", "residency", ProofStatus::Missing);
        proof(&mut b, "ann", "assets", ProofStatus::Missing);
        let mut a = empty(&[("ann", "Ann")]);
        proof(&mut a, "ann", "residency", ProofStatus::Insufficient);
        proof(&mut a, "ann", "assets", ProofStatus::Satisfied);
        a.deadlines.push(Deadline {
            id: "loss_of_coverage:ann".into(),
            date: Some("2016-07-30".parse().unwrap()),
            concerns: "ann".into(),
            days_left: Some(59),
            what: "loss_of_coverage".into(),
            details: Default::default(),
            citation: cite(),
            stale: Vec::new(),
        });
        assert_eq!(
            say(&b, &a),
            vec![
                "Not enough yet: proof of Massachusetts residency for Ann.",
                "Now proved: proof of assets for Ann.",
                "New deadline: Losing other health coverage for Ann, July 30, 2016.",
            ]
        );
        let mut moved = a.clone();
        moved.deadlines[0].date = None;
        assert_eq!(
            say(&a, &moved),
            vec!["Deadline needs a date: Losing other health coverage for Ann."]
        );
        assert_eq!(
            say(&moved, &b),
            vec![
                "New missing proof: proof of Massachusetts residency, proof of assets for Ann.",
                "No longer a deadline: Losing other health coverage for Ann.",
            ]
        );
    }

    #[test]
    fn diff_keeps_what_changed_for_why() {
        let mut b = empty(&[("ann", "Ann")]);
        prog(&mut b, "ann", "masshealth_buy_in", Status::Possible, None);
        let mut a = b.clone();
        a.programs[0].status = Status::Likely;
        assert_eq!(
            diff(&b, &a),
            vec![Change::Program {
                person: "ann".into(),
                program: "masshealth_buy_in".into(),
                before: Some((Status::Possible, None)),
                after: Some((Status::Likely, None)),
            }]
        );
    }
}
