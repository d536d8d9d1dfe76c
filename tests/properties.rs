//! What must hold for all inputs: more income or assets never helps an
//! income or asset test; the order people and documents are listed in never
//! changes the assessment; every generated record assesses without error.

use intake::dates::Date;
use intake::engine::{Assessment, Status, assess};
use intake::model::{Asset, Care, Coverage, Document, Intake, Person, Tax};
use intake::money::Money;
use intake::rules::Pack;
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::sync::OnceLock;

fn pack() -> &'static Pack {
    static P: OnceLock<Pack> = OnceLock::new();
    P.get_or_init(|| Pack::open("ma").unwrap())
}

fn as_of() -> Date {
    Date::from_ymd_opt(2016, 6, 1).unwrap()
}

const INCOME_KINDS: &[&str] = &[
    "social_security",
    "pension",
    "wages",
    "ssi",
    "interest_dividends",
];
const ASSET_KINDS: &[&str] = &[
    "bank_account",
    "vehicle",
    "life_insurance",
    "burial_fund",
    "home",
    "stocks_bonds_funds",
];
const STATUSES: &[&str] = &["lpr", "refugee", "tps", "daca", "undocumented"];

prop_compose! {
    fn person(i: usize)(
        age in 50i32..95,
        married in any::<bool>(),
        citizen in any::<bool>(),
        status in 0..STATUSES.len(),
        medicare in 0..3usize,
        incomes in prop::collection::vec((0..INCOME_KINDS.len(), 0u32..300000), 0..3),
        assets in prop::collection::vec((0..ASSET_KINDS.len(), 0u32..1_000_000), 0..3),
        insured in any::<bool>(),
        docs in prop::collection::vec(0..3usize, 0..3),
    ) -> Person {
        Person {
            id: format!("p{i}"),
            applying: true,
            birth_date: Date::from_ymd_opt(2016 - age, 3, 15),
            marital_status: Some(if married { "married" } else { "single" }.into()),
            lives_with_spouse: Some(married),
            resident: Some(true),
            incarcerated: Some(false),
            citizenship: Some(if citizen { "citizen" } else { "noncitizen" }.into()),
            immigration: (!citizen).then(|| intake::model::Immigration {
                status: STATUSES[status].into(),
                status_date: Date::from_ymd_opt(2010, 1, 1),
                entered_us: Date::from_ymd_opt(2009, 1, 1),
                ..Default::default()
            }),
            medicare: Some(["has", "eligible", "none"][medicare].into()),
            care: Some(Care { level_of_care: Some("none".into()), setting: Some("home".into()), ..Default::default() }),
            incomes: incomes.into_iter().map(|(k, c)| intake::model::Income {
                kind: INCOME_KINDS[k].into(),
                monthly: Money(Decimal::new(c as i64, 2)),
                data_source_monthly: None,
            }).collect(),
            incomes_complete: Some(true),
            assets: assets.into_iter().map(|(k, c)| Asset {
                kind: ASSET_KINDS[k].into(),
                value: Money(Decimal::new(c as i64, 2)),
                face_value: None, term: None, lives_there: Some(true), in_state: Some(true),
            }).collect(),
            assets_complete: Some(true),
            coverage: Some(Coverage { insured: Some(insured), ..Default::default() }),
            tax: Some(Tax { files: Some(true), files_jointly: Some(true), ..Default::default() }),
            documents: docs.into_iter().map(|d| Document {
                kind: ["us_passport", "birth_certificate", "drivers_license"][d].into(),
                date: Date::from_ymd_opt(2016, 1, 1),
                ..Default::default()
            }).collect(),
            ..Default::default()
        }
    }
}

fn household() -> impl Strategy<Value = Intake> {
    (person(0), person(1), any::<bool>()).prop_map(|(mut a, mut b, couple)| {
        if couple {
            a.marital_status = Some("married".into());
            b.marital_status = Some("married".into());
            a.lives_with_spouse = Some(true);
            b.lives_with_spouse = Some(true);
            a.spouse = Some("p1".into());
            b.spouse = Some("p0".into());
            Intake {
                people: vec![a, b],
                ..Default::default()
            }
        } else {
            a.marital_status = Some("single".into());
            a.lives_with_spouse = None;
            Intake {
                people: vec![a],
                ..Default::default()
            }
        }
    })
}

fn status(a: &Assessment, person: &str, program: &str) -> Status {
    a.programs
        .iter()
        .find(|p| &*p.person == person && &*p.program == program)
        .unwrap()
        .status
}

fn rank(s: Status) -> u8 {
    match s {
        Status::Likely => 0,
        Status::LikelyAfterDeductible => 1,
        Status::Possible => 2,
        Status::NotEligible => 3,
    }
}

/// Programs whose money tests are only upper limits.
const UPPER_INCOME: &[&str] = &[
    "masshealth_standard",
    "masshealth_family_assistance",
    "masshealth_limited",
    "masshealth_senior_buy_in",
    "masshealth_buy_in",
    "health_safety_net",
];
const UPPER_ASSETS: &[&str] = &[
    "masshealth_standard",
    "masshealth_family_assistance",
    "masshealth_limited",
    "masshealth_senior_buy_in",
    "masshealth_buy_in",
    "long_term_care",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn every_generated_record_assesses(h in household()) {
        prop_assert!(assess(pack(), &h, as_of()).is_ok());
    }

    #[test]
    fn more_income_never_helps(h in household(), extra in 1u32..500_000, kind in 0..INCOME_KINDS.len()) {
        let before = assess(pack(), &h, as_of()).unwrap();
        let mut more = h.clone();
        more.people[0].incomes.push(intake::model::Income {
            kind: INCOME_KINDS[kind].into(),
            monthly: Money(Decimal::new(extra as i64, 2)),
            data_source_monthly: None,
        });
        let after = assess(pack(), &more, as_of()).unwrap();
        for person in h.people.iter().map(|p| p.id.as_str()) {
            for prog in UPPER_INCOME {
                let (b, a) = (status(&before, person, prog), status(&after, person, prog));
                prop_assert!(rank(a) >= rank(b), "{person}/{prog}: {b:?} became {a:?} with more income");
            }
        }
    }

    #[test]
    fn more_assets_never_help(h in household(), extra in 1u32..5_000_000) {
        let before = assess(pack(), &h, as_of()).unwrap();
        let mut more = h.clone();
        more.people[0].assets.push(Asset {
            kind: "bank_account".into(),
            value: Money(Decimal::new(extra as i64, 2)),
            face_value: None, term: None, lives_there: None, in_state: None,
        });
        let after = assess(pack(), &more, as_of()).unwrap();
        for person in h.people.iter().map(|p| p.id.as_str()) {
            for prog in UPPER_ASSETS {
                let (b, a) = (status(&before, person, prog), status(&after, person, prog));
                prop_assert!(rank(a) >= rank(b), "{person}/{prog}: {b:?} became {a:?} with more assets");
            }
        }
    }

    #[test]
    fn order_of_people_and_documents_does_not_matter(h in household()) {
        let a = assess(pack(), &h, as_of()).unwrap();
        let mut r = h.clone();
        r.people.reverse();
        for p in &mut r.people {
            p.documents.reverse();
            p.incomes.reverse();
            p.assets.reverse();
        }
        let b = assess(pack(), &r, as_of()).unwrap();
        let key = |x: &Assessment| {
            let mut v: Vec<String> = x.programs.iter().map(|p| serde_json::to_string(p).unwrap()).collect();
            v.extend(x.proofs.iter().map(|p| serde_json::to_string(p).unwrap()));
            v.extend(x.deadlines.iter().map(|p| serde_json::to_string(p).unwrap()));
            let mut people: Vec<String> = x.figures.people.iter().map(|p| serde_json::to_string(p).unwrap()).collect();
            people.sort();
            v.sort();
            (v, people, x.figures.magi_monthly_income, x.figures.percent_fpl.clone())
        };
        prop_assert_eq!(key(&a), key(&b));
    }
}
