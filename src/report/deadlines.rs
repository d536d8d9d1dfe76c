//! Words for deadlines: the line a caseworker reads (date, what must happen,
//! who, days left or overdue, source) and the detail lines under it. Every
//! sentence comes from content/; the engine's details are ids and ISO dates.

use super::Words;
use crate::dates::{Date, spoken};
use crate::engine::{Citation, Deadline};

impl Words<'_> {
    fn date_words(&self, iso: &str) -> String {
        iso.parse::<Date>()
            .map(spoken)
            .unwrap_or_else(|_| iso.to_string())
    }

    fn who(&self, d: &Deadline, people: &[(String, String)]) -> String {
        if d.concerns == "household" {
            return self.content.ui("deadline.household", &[]);
        }
        people
            .iter()
            .find(|(id, _)| *id == d.concerns)
            .map(|(_, name)| name.clone())
            .unwrap_or_else(|| d.concerns.clone())
    }

    /// "29 days left", "3 days overdue", "closed 2 days ago", "in 10 days".
    pub fn days(&self, d: &Deadline) -> String {
        let c = self.content;
        let Some(n) = d.days_left else {
            return String::new();
        };
        let ty = d.details.get("type").map(String::as_str).unwrap_or("due");
        let window = d.details.get("window").map(String::as_str);
        let plural = |key: &str, n: i64| {
            if n == 1 {
                c.ui(&format!("{key}_one"), &[])
            } else {
                c.ui(key, &[("n", &n.to_string())])
            }
        };
        if matches!(
            d.details.get("selection").map(String::as_str),
            Some("in_window" | "before_event")
        ) {
            return c.ui("days.chosen", &[]);
        }
        match ty {
            "look_back" => String::new(),
            "coverage_start" => match n {
                0 => c.ui("days.today", &[]),
                n if n > 0 => plural("days.in", n),
                n => plural("days.ago", -n),
            },
            _ => match n {
                0 => c.ui("days.last_day", &[]),
                n if n > 0 => plural("days.left", n),
                n if window == Some("closed") => plural("days.closed", -n),
                n => plural("days.overdue", -n),
            },
        }
    }

    fn cite_line(&self, c: &Citation) -> String {
        self.content.ui("source", &[("cite", &self.cite(c))])
    }

    /// The first line of a deadline. `people` maps person ids to names.
    pub fn deadline_line(&self, d: &Deadline, people: &[(String, String)]) -> String {
        let c = self.content;
        let section = if d.details.get("type").map(String::as_str) == Some("window") {
            "events"
        } else {
            "deadlines"
        };
        // With no window, say what the event is rather than what to do.
        let field = match d.details.get("window").map(String::as_str) {
            Some("no_window" | "not_in_effect") => "name",
            _ => "due",
        };
        let due = c.field(section, &d.what, field).unwrap_or(&d.what);
        let (key, date) = match d.date {
            Some(x) if d.details.get("type").map(String::as_str) == Some("look_back") => {
                ("deadline.line_undated", spoken(x))
            }
            Some(x) => ("deadline.line", spoken(x)),
            None => (
                if field == "name" {
                    "deadline.line_named"
                } else {
                    "deadline.line_undated"
                },
                match d.details.get("window") {
                    Some(w) => c.ui(&format!("deadline.undated.{w}"), &[]),
                    None => c.ui("deadline.no_date", &[]),
                },
            ),
        };
        c.ui(
            key,
            &[
                ("date", &date),
                ("due", due),
                ("who", &self.who(d, people)),
                ("days", &self.days(d)),
                ("source", &self.cite_line(&d.citation)),
            ],
        )
    }

    fn metal_words(&self, d: &Deadline, levels: &str) -> String {
        let c = self.content;
        levels
            .split(", ")
            .map(|l| match (l, d.details.get("current_metal_level")) {
                ("same", Some(cur)) => c.ui(
                    "metal.same_known",
                    &[("level", &c.ui(&format!("metal.{cur}"), &[]))],
                ),
                ("same", None) => c.ui("metal.same", &[]),
                (l, _) => c.ui(&format!("metal.{l}"), &[]),
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn terms(&self, ids: &str, field: &str) -> String {
        ids.split(", ")
            .map(|id| {
                self.content
                    .field("event_terms", id, field)
                    .unwrap_or(id)
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn rule_words(&self, rule: &str, d: &Deadline) -> String {
        let day = d
            .details
            .get("cutoff_day")
            .map(String::as_str)
            .unwrap_or("?");
        self.content
            .ui(&format!("coverage_rule.{rule}"), &[("day", day)])
    }

    /// The lines under a deadline: the window, the plan chosen, coverage
    /// start, metal levels, proofs, the dates shown with it.
    pub fn deadline_details(&self, d: &Deadline) -> Vec<String> {
        let c = self.content;
        let det = &d.details;
        let get = |k: &str| det.get(k).map(String::as_str);
        let date = |k: &str| get(k).map(|v| self.date_words(v)).unwrap_or_default();
        let mut lines = Vec::new();
        if get("type") != Some("window") {
            if let Some(field) = get("needs") {
                lines.push(c.ui("deadline.needs_date", &[("field", field)]));
            }
            for (k, v) in det {
                if matches!(k.as_str(), "type" | "needs") {
                    continue;
                }
                if let Some(t) = c.field("deadlines", &d.what, k) {
                    lines.push(t.replace("{date}", &self.date_words(v)));
                }
            }
            return lines;
        }
        let date_is = get("date_is")
            .map(|w| c.name("event_terms", w).to_string())
            .unwrap_or_default();
        let window = get("window").unwrap_or("");
        match window {
            "open" | "not_yet_open" | "closed" => {
                let key = if get("event_date").is_none() && window == "open" {
                    "window.calendar_month"
                } else {
                    match window {
                        "open" => "window.open",
                        "not_yet_open" => "window.not_yet_open",
                        _ => "window.closed",
                    }
                };
                lines.push(c.ui(
                    key,
                    &[
                        ("opens", &date("window_opens")),
                        ("closes", &date("window_closes")),
                    ],
                ));
            }
            "no_window" => lines.push(c.ui(
                "window.no_window",
                &[(
                    "reasons",
                    &self.terms(get("condition_failed").unwrap_or(""), "not_met"),
                )],
            )),
            "needs_date" => lines.push(c.ui(
                "window.needs_date",
                &[("field", get("needs").unwrap_or("")), ("date_is", &date_is)],
            )),
            "not_in_effect" => {
                lines.push(c.ui("window.not_in_effect", &[("date", &date("in_effect_from"))]))
            }
            "year_round" => lines.push(c.ui("window.year_round", &[])),
            "case_by_case" => lines.push(c.ui("window.case_by_case", &[])),
            _ => {}
        }
        if get("event_date").is_some()
            && !date_is.is_empty()
            && !matches!(window, "no_window" | "not_in_effect")
        {
            lines.push(c.ui(
                "window.counted_from",
                &[("date_is", &date_is), ("date", &date("event_date"))],
            ));
        }
        if let Some(u) = get("conditions_unknown") {
            lines.push(c.ui(
                "window.still_to_ask",
                &[("conditions", &self.terms(u, "name"))],
            ));
        }
        if let Some(sel) = get("selection") {
            lines.push(c.ui(
                &format!("selection.{sel}"),
                &[("date", &date("plan_selection"))],
            ));
        }
        if get("premium_paid").is_some() {
            lines.push(c.ui("premium_paid", &[("date", &date("premium_paid"))]));
        }
        let main_rule = get("coverage_rule").unwrap_or("");
        for (k, v) in det {
            let (key, rule) = if k == "coverage_starts" {
                ("coverage.starts", main_rule)
            } else if let Some(r) = k.strip_prefix("coverage_starts.") {
                ("coverage.also", r)
            } else {
                continue;
            };
            let rule_words = self.rule_words(rule, d);
            if v == "case_by_case" {
                lines.push(c.ui("coverage.case_by_case", &[]));
            } else {
                lines.push(c.ui(key, &[("date", &self.date_words(v)), ("rule", &rule_words)]));
            }
        }
        if get("act_by").is_some() {
            let key = if main_rule == "premium_by_day" {
                "coverage.act_by_pay"
            } else {
                "coverage.act_by_choose"
            };
            lines.push(c.ui(
                key,
                &[
                    ("date", &date("act_by")),
                    ("start", &date("coverage_if_act_by")),
                ],
            ));
        }
        if let Some(levels) = get("metal_levels") {
            let cite = Citation {
                source: get("metal_levels_source").unwrap_or("").into(),
                section: get("metal_levels_section").unwrap_or("").into(),
            };
            lines.push(c.ui(
                "metal.allowed",
                &[
                    ("levels", &self.metal_words(d, levels)),
                    ("source", &self.cite_line(&cite)),
                ],
            ));
        }
        if let Some(p) = get("proofs") {
            lines.push(c.ui("proofs", &[("proofs", &self.terms(p, "name"))]));
        }
        if let Some(w) = get("caution") {
            lines.push(c.name("event_terms", w).to_string());
        }
        lines
    }
}
