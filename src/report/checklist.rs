//! The applicant's checklist: programs likely and possible, each missing
//! proof with the accepted documents, deadlines with dates, where to send
//! papers and whom to call. Written for the applicant; every sentence comes
//! from content/.

use super::Words;
use crate::dates::spoken;
use crate::engine::{Assessment, ProofStatus, Status};
use crate::model::Intake;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Checklist {
    pub title: String,
    pub prepared: String,
    pub intro: String,
    /// Figures past their date the results rest on, one sentence each
    /// after a summary (empty when none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub old_figures: Vec<String>,
    pub people: Vec<PersonList>,
    pub deadlines: Vec<String>,
    pub send_papers: Vec<String>,
    pub call: Vec<String>,
    pub walk_in: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PersonList {
    pub name: String,
    pub likely: Vec<String>,
    pub after_deductible: Vec<String>,
    pub possible: Vec<String>,
    pub papers: Vec<String>,
}

fn entries<'a>(w: &'a Words, section: &str) -> Vec<(&'a str, &'a serde_yaml::Value)> {
    w.content
        .field_map(section)
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| Some((k.as_str()?, v)))
                .collect()
        })
        .unwrap_or_default()
}

fn get<'a>(v: &'a serde_yaml::Value, k: &str) -> &'a str {
    v.get(k).and_then(|x| x.as_str()).unwrap_or("")
}

pub fn build(w: &Words, intake: &Intake, a: &Assessment, case_id: i64) -> Checklist {
    let c = w.content;
    let t = |k: &str, args: &[(&str, &str)]| c.say("checklist", k, args);
    let name_of = |id: &str| {
        intake
            .person(id)
            .map(|p| p.display_name().to_string())
            .unwrap_or_else(|| id.to_string())
    };
    let mut people = Vec::new();
    for p in intake.people.iter().filter(|p| p.applying) {
        let progs: Vec<_> = a.programs_for(&p.id).collect();
        let names = |s: Status| -> Vec<String> {
            progs
                .iter()
                .filter(|r| r.status == s)
                .map(|r| {
                    let summary = c.field("programs", &r.program, "summary").unwrap_or("");
                    let name = format!("{}{}", w.program(&r.program), w.stale_mark(&r.stale));
                    format!("{name}: {summary}")
                        .trim_end_matches(": ")
                        .to_string()
                })
                .collect()
        };
        let after: Vec<String> = progs
            .iter()
            .filter(|r| r.status == Status::LikelyAfterDeductible)
            .map(|r| {
                t(
                    "after_deductible_line",
                    &[
                        ("program", &w.program(&r.program)),
                        (
                            "amount",
                            &r.deductible.map(|d| d.to_string()).unwrap_or_default(),
                        ),
                    ],
                )
            })
            .collect();
        let mut papers = Vec::new();
        for pr in a.proofs.iter().filter(|x| x.person == p.id) {
            if !matches!(pr.status, ProofStatus::Missing | ProofStatus::Insufficient) {
                continue;
            }
            let mut line = t(
                "send_line",
                &[
                    ("need", &super::capitalise(&w.need(&pr.need))),
                    ("person", p.display_name()),
                    ("alts", &w.sendable_alternatives(pr)),
                ],
            );
            for r in &pr.rejected {
                line.push(' ');
                line.push_str(&t("send_why", &[("reason", &w.rejection(r))]));
            }
            papers.push(line);
        }
        people.push(PersonList {
            name: p.display_name().to_string(),
            likely: names(Status::Likely),
            after_deductible: after,
            possible: names(Status::Possible),
            papers,
        });
    }
    let deadlines = a
        .deadlines
        .iter()
        .filter_map(|d| {
            let date = d.date?;
            let who = if d.concerns == "household" {
                c.ui("household", &[])
            } else {
                name_of(&d.concerns)
            };
            Some(t(
                "deadline_line",
                &[
                    ("date", &spoken(date)),
                    ("what", &w.deadline(d)),
                    ("person", &who),
                ],
            ))
        })
        .collect();
    let send = entries(w, "contacts");
    let mut send_papers = Vec::new();
    let mut call = Vec::new();
    let mut walk_in = Vec::new();
    for (k, v) in send {
        match k {
            "send_papers" => {
                for (key, label) in [("mail", "mail"), ("fax", "fax"), ("hand_deliver", "hand")] {
                    if let Some(x) = v.get(key) {
                        send_papers.push(t(label, &[("x", get(x, "name"))]));
                    }
                }
            }
            "phones" => {
                if let Some(m) = v.as_mapping() {
                    for (_, x) in m {
                        let tty = get(x, "tty");
                        let tty = if tty.is_empty() {
                            String::new()
                        } else {
                            t("tty", &[("tty", tty)])
                        };
                        call.push(t(
                            "call_line",
                            &[
                                ("name", get(x, "name")),
                                ("phone", get(x, "phone")),
                                ("tty", &tty),
                                ("for", get(x, "for")),
                            ],
                        ));
                    }
                }
            }
            "walk_in" => {
                if let Some(m) = v.as_mapping() {
                    for (_, x) in m {
                        walk_in.push(t(
                            "walk_in_line",
                            // The template ends the sentence; hours may end with
                            // "p.m." already.
                            &[
                                ("name", get(x, "name")),
                                ("hours", get(x, "hours").trim_end_matches('.')),
                            ],
                        ));
                    }
                }
            }
            _ => {}
        }
    }
    Checklist {
        title: t("title", &[]),
        prepared: t(
            "prepared",
            &[("date", &spoken(a.as_of)), ("id", &case_id.to_string())],
        ),
        intro: t("intro", &[]),
        old_figures: w
            .stale_summary(&a.stale)
            .into_iter()
            .chain(w.stale_list(&a.stale))
            .collect(),
        people,
        deadlines,
        send_papers,
        call,
        walk_in,
    }
}

/// Markdown for printing or mailing.
pub fn markdown(w: &Words, list: &Checklist) -> String {
    let c = w.content;
    let t = |k: &str| c.field("checklist", k, "name").unwrap_or(k).to_string();
    let mut s = format!("# {}\n\n{}\n\n{}\n", list.title, list.prepared, list.intro);
    if let Some((summary, items)) = list.old_figures.split_first() {
        s.push_str(&format!("\n**{summary}**\n\n"));
        for i in items {
            s.push_str(&format!("- {i}\n"));
        }
    }
    let bullets = |s: &mut String, items: &[String]| {
        if items.is_empty() {
            s.push_str(&format!("- {}\n", t("none")));
        }
        for i in items {
            s.push_str(&format!("- {i}\n"));
        }
    };
    for p in &list.people {
        s.push_str(&format!("\n## {}\n\n### {}\n\n", p.name, t("likely")));
        bullets(&mut s, &p.likely);
        if !p.after_deductible.is_empty() {
            s.push_str(&format!("\n### {}\n\n", t("after_deductible")));
            bullets(&mut s, &p.after_deductible);
        }
        if !p.possible.is_empty() {
            s.push_str(&format!("\n### {}\n\n", t("possible")));
            bullets(&mut s, &p.possible);
        }
        s.push_str(&format!("\n### {}\n\n", t("send")));
        if p.papers.is_empty() {
            s.push_str(&format!("- {}\n", t("send_none")));
        }
        for (i, line) in p.papers.iter().enumerate() {
            s.push_str(&format!("{}. [ ] {line}\n", i + 1));
        }
    }
    s.push_str(&format!("\n## {}\n\n", t("deadlines")));
    if list.deadlines.is_empty() {
        s.push_str(&format!("- {}\n", t("deadlines_none")));
    }
    for d in &list.deadlines {
        s.push_str(&format!("- {d}\n"));
    }
    for (head, items) in [
        ("where", &list.send_papers),
        ("call", &list.call),
        ("walk_in", &list.walk_in),
    ] {
        s.push_str(&format!("\n## {}\n\n", t(head)));
        for i in items {
            s.push_str(&format!("- {i}\n"));
        }
    }
    s
}
