//! What must hold for every life event in both packs: any dated event the
//! rules accept assesses without error; deadlines come sorted (undated
//! last) with days_left equal to the days from the as-of date; a coverage
//! start that depends on the plan choice is a first of the month after the
//! choice; choosing later never starts coverage earlier.

use chrono::Datelike;
use intake::dates::{Date, add_days};
use intake::engine::{Deadline, assess};
use intake::model::{Coverage, Event, Intake, Person};
use intake::rules::Pack;
use proptest::prelude::*;
use std::sync::OnceLock;

fn packs() -> &'static [(Pack, Date)] {
    static P: OnceLock<Vec<(Pack, Date)>> = OnceLock::new();
    P.get_or_init(|| {
        vec![
            (
                Pack::open("ma").unwrap(),
                Date::from_ymd_opt(2016, 6, 1).unwrap(),
            ),
            (
                Pack::open("mn").unwrap(),
                Date::from_ymd_opt(2024, 6, 1).unwrap(),
            ),
        ]
    })
}

const METALS: &[&str] = &["bronze", "silver", "gold", "platinum"];
const REASONS: &[&str] = &["nonpayment", "fraud", "other"];

#[derive(Debug, Clone)]
struct Gen {
    pack: usize,
    kind: usize,
    /// Event date, days from the as-of date (clamped to the past when the
    /// rule does not allow applying early).
    event: i64,
    selection: Option<i64>,
    paid: Option<i64>,
    as_of_shift: i64,
    reason: Option<usize>,
    prior: Option<bool>,
    abroad: Option<bool>,
    short_term: Option<bool>,
    metal: Option<usize>,
    on_exchange: Option<bool>,
    dated: bool,
}

fn events() -> impl Strategy<Value = Gen> {
    (
        (
            0..2usize,
            0..32usize,
            -150i64..150,
            prop::option::of(-150i64..150),
        ),
        (
            prop::option::of(-150i64..150),
            0i64..400,
            prop::option::of(0..3usize),
        ),
        (
            prop::option::of(any::<bool>()),
            prop::option::of(any::<bool>()),
            prop::option::of(any::<bool>()),
            prop::option::of(0..4usize),
            prop::option::of(any::<bool>()),
            prop::bool::weighted(0.9),
        ),
    )
        .prop_map(
            |(
                (pack, kind, event, selection),
                (paid, as_of_shift, reason),
                (prior, abroad, short_term, metal, on_exchange, dated),
            )| Gen {
                pack,
                kind,
                event,
                selection,
                paid,
                as_of_shift,
                reason,
                prior,
                abroad,
                short_term,
                metal,
                on_exchange,
                dated,
            },
        )
}

fn build(g: &Gen) -> (&'static Pack, Intake, Date, String) {
    let (pack, base) = &packs()[g.pack];
    let as_of = add_days(*base, g.as_of_shift);
    let kinds: Vec<&String> = pack.events.keys().collect();
    let kind = kinds[g.kind % kinds.len()].clone();
    let rule = &pack.events[&kind];
    let offset = if rule.allows_early() {
        g.event
    } else {
        -g.event.abs()
    };
    let ev = Event {
        kind: kind.clone(),
        person: Some("a".into()),
        date: g.dated.then(|| add_days(as_of, offset)),
        reason: g.reason.map(|r| REASONS[r].to_string()),
        prior_coverage: g.prior,
        from_abroad: g.abroad,
        plan_selection_date: g.selection.map(|s| add_days(as_of, s)),
        premium_paid_date: g.paid.map(|s| add_days(as_of, s)),
        short_term_plan: g.short_term,
    };
    let intake = Intake {
        people: vec![Person {
            id: "a".into(),
            coverage: Some(Coverage {
                metal_level: g.metal.map(|m| METALS[m].to_string()),
                on_exchange: g.on_exchange,
                ..Default::default()
            }),
            ..Default::default()
        }],
        events: vec![ev],
        ..Default::default()
    };
    (pack, intake, as_of, kind)
}

fn date(d: &Deadline, k: &str) -> Option<Date> {
    d.details.get(k).and_then(|s| s.parse().ok())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn every_accepted_event_assesses(g in events()) {
        let (pack, intake, as_of, kind) = build(&g);
        let a = assess(pack, &intake, as_of)
            .unwrap_or_else(|e| panic!("{kind}: {e}"));
        let ds = &a.deadlines;
        prop_assert!(ds.iter().any(|d| d.what == kind));
        // Sorted by date, undated last.
        for w in ds.windows(2) {
            match (w[0].date, w[1].date) {
                (Some(x), Some(y)) => prop_assert!(x <= y),
                (None, Some(_)) => prop_assert!(false, "undated before dated"),
                _ => {}
            }
        }
        for d in ds {
            prop_assert_eq!(d.days_left, d.date.map(|x| (x - as_of).num_days()));
            if let (Some(o), Some(c)) = (date(d, "window_opens"), date(d, "window_closes")) {
                prop_assert!(o <= c);
            }
            let rule = d.details.get("coverage_rule").map(String::as_str);
            let start = date(d, "coverage_starts");
            let acted = match rule {
                Some("premium_by_day") => intake.events[0].premium_paid_date,
                Some(r) if r.contains("selection") => intake.events[0].plan_selection_date,
                _ => None,
            };
            if let (Some(s), Some(act)) = (start, acted) {
                prop_assert_eq!(s.day(), 1);
                prop_assert!(s > act, "{} starts {} before the act {}", kind, s, act);
            }
            if let (Some(by), Some(s)) = (date(d, "act_by"), date(d, "coverage_if_act_by")) {
                prop_assert!(by >= as_of || d.details.get("window").map(String::as_str) == Some("not_yet_open"));
                prop_assert!(s > by);
            }
        }
    }

    #[test]
    fn choosing_later_never_starts_coverage_earlier(g in events(), later in 1i64..60) {
        let (pack, intake, as_of, kind) = build(&g);
        let Some(sel) = intake.events[0].plan_selection_date else { return Ok(()); };
        let mut intake2 = intake.clone();
        intake2.events[0].plan_selection_date = Some(add_days(sel, later));
        if let Some(p) = intake2.events[0].premium_paid_date {
            intake2.events[0].premium_paid_date = Some(add_days(p, later));
        }
        let a = assess(pack, &intake, as_of).unwrap();
        let b = assess(pack, &intake2, as_of).unwrap();
        let start = |a: &intake::engine::Assessment| {
            a.deadlines.iter().find(|d| d.what == kind).and_then(|d| date(d, "coverage_starts"))
        };
        let rule = |a: &intake::engine::Assessment| {
            a.deadlines.iter().find(|d| d.what == kind).and_then(|d| d.details.get("coverage_rule").cloned())
        };
        if let (Some(x), Some(y)) = (start(&a), start(&b))
            && rule(&a) == rule(&b)
        {
            prop_assert!(x <= y, "{}: chosen {} starts {}, chosen later starts {}", kind, sel, x, y);
        }
    }
}
