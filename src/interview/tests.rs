use super::*;
use crate::content::Content;
use crate::engine::Status;
use crate::rules::Pack;

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

struct Fix {
    pack: Pack,
    script: Script,
}

fn fix() -> Fix {
    let pack = Pack::open("ma").unwrap();
    let content = Content::open("en").unwrap();
    let script = Script::load(&pack, &content).unwrap_or_else(|ps| {
        panic!(
            "{}",
            ps.iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        )
    });
    Fix { pack, script }
}

fn new(f: &Fix) -> Interview<'_> {
    Interview::new(&f.script, &f.pack, d("2016-06-01")).unwrap()
}

fn at(iv: &Interview) -> String {
    iv.current()
        .map(|p| {
            let who = p.person.map(|x| format!("{x}: ")).unwrap_or_default();
            format!("{who}{}", p.question_id)
        })
        .unwrap_or_else(|| "(done)".into())
}

/// Answer questions in order, checking each is the one expected
/// ("Name: question_id", or "question_id" for household questions).
fn drive(iv: &mut Interview, steps: &[(&str, &str)]) {
    for (want, answer) in steps {
        assert_eq!(at(iv), *want, "before answering {answer:?}");
        iv.answer(answer)
            .unwrap_or_else(|e| panic!("{want} <- {answer:?}: {e}"));
    }
}

/// One person, a citizen, single, no care needs: up to the income list.
const SINGLE: &[(&str, &str)] = &[
    ("people_count", "1"),
    ("person 1: name", "Ann Lee"),
    ("household_size", "1"),
    ("Ann Lee: applying", "yes"),
    ("Ann Lee: birth_date", "1/2/1945"),
    ("Ann Lee: marital_status", "single"),
    ("Ann Lee: ai_an", "no"),
    ("Ann Lee: resident", "y"),
    ("Ann Lee: incarcerated", "n"),
    ("Ann Lee: citizenship", "1"),
    ("Ann Lee: ssn", "1"),
    ("Ann Lee: ssi", "no"),
    ("Ann Lee: ssdi", "no"),
    ("Ann Lee: eaedc_cash", "no"),
];

/// Ann Lee after SINGLE: no income or assets, Medicare, no care needs.
const SINGLE_REST: &[(&str, &str)] = &[
    ("Ann Lee: incomes", "no"),
    ("Ann Lee: tax_files", "no"),
    ("Ann Lee: assets", "no"),
    ("Ann Lee: medicare", "has"),
    ("Ann Lee: insured", "yes"),
    ("Ann Lee: underinsured", "yes"),
    ("Ann Lee: tricare", "no"),
    ("Ann Lee: connector_when_medicare", "no"),
    ("Ann Lee: disabled", "no"),
    ("Ann Lee: blind", "no"),
    ("Ann Lee: needs_pca", "no"),
    ("Ann Lee: level_of_care", "no"),
    ("Ann Lee: in_sco_area", "no"),
];

#[test]
fn show_if_skips_what_does_not_apply() {
    let f = fix();
    let mut iv = new(&f);
    drive(&mut iv, SINGLE);
    // A single citizen of 71: no spouse, immigration or pregnancy questions.
    let asked: Vec<&str> = SINGLE.iter().map(|(q, _)| *q).collect();
    for never in [
        "Ann Lee: spouse",
        "Ann Lee: lives_with_spouse",
        "Ann Lee: pregnant",
        "Ann Lee: immigration_status",
    ] {
        assert!(!asked.contains(&never));
    }
    assert_eq!(iv.intake().people[0].id, "ann");
    // No care needed: no setting, days, brain injury or PACE questions; the
    // home left behind does not apply; events are for everyone.
    drive(&mut iv, SINGLE_REST);
    drive(&mut iv, &[("events", "no")]);
    // An empty answer is refused where there is none to keep; skip() is
    // the way past.
    assert_eq!(at(&iv), "application_date");
    assert_eq!(iv.answer("").unwrap_err(), "An answer is needed here.");
    iv.skip().unwrap();
    drive(&mut iv, &[("Ann Lee: documents", "no")]);
    assert!(iv.is_done());
    assert_eq!(iv.intake().people[0].incomes_complete, Some(true));
    let standard = iv
        .assessment()
        .programs
        .iter()
        .find(|p| &*p.program == "masshealth_standard")
        .unwrap();
    assert_eq!(standard.status, Status::Likely);
}

#[test]
fn a_noncitizen_is_asked_about_status_and_a_citizen_is_not() {
    let f = fix();
    let mut iv = new(&f);
    drive(&mut iv, &SINGLE[..9]);
    drive(
        &mut iv,
        &[
            ("Ann Lee: citizenship", "3"),
            ("Ann Lee: immigration_status", "green card"),
            ("Ann Lee: status_date", "2001-05-01"),
            ("Ann Lee: entered_us", "1990-01-01"),
            ("Ann Lee: longest_absence_days", "0"),
            ("Ann Lee: total_absence_days", "0"),
            ("Ann Lee: had_always_qualified_status", "no"),
            ("Ann Lee: masshealth_1997", "no"),
        ],
    );
    assert_eq!(
        iv.intake().people[0].immigration.as_ref().unwrap().status,
        "lpr"
    );
    // Going back and answering "citizen" drops the immigration answers.
    for _ in 0..8 {
        iv.back().unwrap();
    }
    assert_eq!(at(&iv), "Ann Lee: citizenship");
    iv.answer("1").unwrap();
    assert!(iv.intake().people[0].immigration.is_none());
    assert_eq!(iv.intake().people[0].masshealth_on_1997_06_30, None);
    assert_eq!(at(&iv), "Ann Lee: ssn");
}

#[test]
fn back_shows_the_answer_and_goes_on_where_answers_are_missing() {
    let f = fix();
    let mut iv = new(&f);
    drive(&mut iv, &SINGLE[..6]);
    assert_eq!(at(&iv), "Ann Lee: ai_an");
    iv.back().unwrap();
    let p = iv.current().unwrap();
    assert_eq!(p.question_id, "marital_status");
    assert_eq!(p.current.as_deref(), Some("Single, never married"));
    iv.back().unwrap();
    assert_eq!(
        iv.current().unwrap().current.as_deref(),
        Some("January 2, 1945")
    );
    // Enter keeps the answer; the questions gone back over follow in
    // order, then the first unanswered one.
    iv.answer("").unwrap();
    assert_eq!(at(&iv), "Ann Lee: marital_status");
    iv.answer("").unwrap();
    assert_eq!(at(&iv), "Ann Lee: ai_an");
    // Skip leaves it unanswered.
    iv.skip().unwrap();
    assert_eq!(at(&iv), "Ann Lee: resident");
    assert_eq!(iv.intake().people[0].ai_an, None);
    // back() from the first question says so.
    let mut first = new(&f);
    assert_eq!(first.back().unwrap_err(), "This is the first question.");
}

#[test]
fn invalid_answers_say_why_and_change_nothing() {
    let f = fix();
    let mut iv = new(&f);
    assert_eq!(
        iv.answer("two").unwrap_err(),
        "\"two\" is not a whole number."
    );
    assert_eq!(
        iv.answer("0").unwrap_err(),
        "Enter a whole number from 1 to 12."
    );
    drive(&mut iv, &SINGLE[..4]);
    let before = iv.intake().clone();
    let cases = [
        ("2016-02-30", "February 30, 2016 is not a real date."),
        (
            "7/1/2016",
            "July 1, 2016 is too late; the date must be on or before June 1, 2016.",
        ),
        (
            "tomorrow",
            "\"tomorrow\" is not a date. Use 2016-06-01 or 6/1/2016.",
        ),
    ];
    for (input, want) in cases {
        assert_eq!(iv.answer(input).unwrap_err(), want);
        assert_eq!(at(&iv), "Ann Lee: birth_date");
    }
    iv.answer("1/2/1945").unwrap();
    assert_eq!(iv.answer("7").unwrap_err(), "Enter a number from 1 to 5.");
    assert_eq!(
        iv.answer("engaged").unwrap_err(),
        "\"engaged\" is not one of the choices. Enter a number from 1 to 5."
    );
    assert_eq!(
        iv.answer("se").unwrap_err(),
        "\"se\" is not one of the choices. Enter a number from 1 to 5."
    );
    assert_eq!(
        iv.answer("ed").unwrap_err(),
        "\"ed\" is not one of the choices. Enter a number from 1 to 5."
    );
    assert!(
        iv.answer("rried")
            .unwrap_err()
            .contains("matches 2 choices")
    );
    iv.answer("marr").unwrap();
    assert_eq!(
        iv.intake().people[0].marital_status.as_deref(),
        Some("married")
    );
    // One person, married: no spouse to pick, but living together is asked.
    assert_eq!(at(&iv), "Ann Lee: lives_with_spouse");
    iv.back().unwrap();
    assert_eq!(at(&iv), "Ann Lee: marital_status");
    assert_eq!(
        iv.answer("iED").unwrap_err(),
        "\"iED\" matches 2 choices: 1. Single, never married; 2. Married. Enter the number of the one you mean."
    );
    iv.answer("div").unwrap();
    assert_eq!(
        iv.intake().people[0].marital_status.as_deref(),
        Some("divorced")
    );
    assert_eq!(iv.answer("maybe").unwrap_err(), "Please answer yes or no.");
    assert_ne!(&before, iv.intake());
}

#[test]
fn money_and_lists() {
    let f = fix();
    let mut iv = new(&f);
    drive(&mut iv, SINGLE);
    drive(&mut iv, &[("Ann Lee: incomes", "yes")]);
    let p = iv.current().unwrap();
    assert_eq!(p.text, "What kind of income is income 1?");
    assert_eq!(p.choices[0].label, "Social Security");
    iv.answer("social security").unwrap();
    assert_eq!(
        iv.answer("-5").unwrap_err(),
        "The amount cannot be negative."
    );
    assert_eq!(
        iv.answer("1,01").unwrap_err(),
        "\"1,01\" is not a valid amount: commas must separate thousands."
    );
    // The amount is needed to add the income.
    assert!(iv.skip().unwrap_err().contains("needed to add the income"));
    iv.answer("$1,010.50").unwrap();
    let p = iv.current().unwrap();
    assert_eq!(p.text, "Does Ann Lee have any other income?");
    assert_eq!(
        p.list.unwrap().items,
        vec!["Social Security, $1,010.50 a month"]
    );
    // A second, then take it off again.
    drive(&mut iv, &[("Ann Lee: incomes", "y")]);
    iv.answer("pension").unwrap();
    iv.answer("100").unwrap();
    assert_eq!(iv.intake().people[0].incomes.len(), 2);
    assert!(iv.answer("remove 3").is_err());
    iv.answer("remove 2").unwrap();
    assert_eq!(iv.intake().people[0].incomes.len(), 1);
    // Back out of an item: it is not added.
    iv.answer("yes").unwrap();
    iv.back().unwrap();
    assert_eq!(at(&iv), "Ann Lee: incomes");
    assert!(!iv.in_item());
    iv.answer("no").unwrap();
    assert_eq!(iv.intake().people[0].incomes.len(), 1);
    assert_eq!(iv.intake().people[0].incomes_complete, Some(true));
    assert_eq!(at(&iv), "Ann Lee: tax_files");
}

#[test]
fn item_questions_follow_the_item() {
    let f = fix();
    let mut iv = new(&f);
    drive(&mut iv, SINGLE);
    drive(
        &mut iv,
        &[
            ("Ann Lee: incomes", "no"),
            ("Ann Lee: tax_files", "no"),
            ("Ann Lee: assets", "yes"),
        ],
    );
    iv.answer("life insurance").unwrap();
    iv.answer("900").unwrap();
    assert_eq!(
        iv.current().unwrap().text,
        "What is the policy's face value, the amount it pays out?"
    );
    iv.answer("1200").unwrap();
    iv.answer("no").unwrap();
    // A bank account is not asked about face value.
    iv.answer("yes").unwrap();
    iv.answer("bank").unwrap();
    iv.answer("1800").unwrap();
    let p = iv.current().unwrap();
    assert_eq!(
        p.list.unwrap().items,
        vec![
            "Life insurance, worth $900.00",
            "Bank account, worth $1,800.00"
        ]
    );
    let a = &iv.intake().people[0].assets;
    assert_eq!(
        a[0].face_value.map(|m| m.to_string()).as_deref(),
        Some("$1,200.00")
    );
    assert_eq!(a[1].face_value, None);
}

#[test]
fn spouses_are_linked_and_the_second_is_not_asked_again() {
    let f = fix();
    let mut iv = new(&f);
    drive(
        &mut iv,
        &[
            ("people_count", "2"),
            ("person 1: name", "Walter Brooks"),
            ("person 2: name", "Rosa Brooks"),
            ("household_size", "2"),
            ("Walter Brooks: applying", "yes"),
            ("Walter Brooks: birth_date", "1944-03-12"),
            ("Walter Brooks: marital_status", "married"),
            ("Walter Brooks: spouse", "1"),
            ("Walter Brooks: lives_with_spouse", "yes"),
            ("Walter Brooks: ai_an", "no"),
            ("Rosa Brooks: applying", "yes"),
            ("Rosa Brooks: birth_date", "9/30/1947"),
            // marital status, spouse and living together came with Walter's answers
            ("Rosa Brooks: ai_an", "no"),
        ],
    );
    let people = &iv.intake().people;
    assert_eq!(people[0].spouse.as_deref(), Some("rosa"));
    assert_eq!(people[1].spouse.as_deref(), Some("walter"));
    assert_eq!(people[1].lives_with_spouse, Some(true));
    // The household cannot be made smaller than the people listed.
    iv.goto_section("household").unwrap();
    assert_eq!(at(&iv), "people_count");
    iv.forward();
    iv.forward();
    iv.forward();
    assert_eq!(at(&iv), "household_size");
    assert_eq!(
        iv.answer("1").unwrap_err(),
        "The household cannot be smaller than the 2 people listed."
    );
}

#[test]
fn a_record_resumes_where_answers_are_missing() {
    let f = fix();
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/senior-couple.yaml"
    ))
    .unwrap();
    let intake: Intake = serde_yaml::from_str(&text).unwrap();
    let mut iv = Interview::from_intake(&f.script, &f.pack, intake, d("2016-06-01")).unwrap();
    // Names, ages, marriage, residency, citizenship, SSI... are in the record.
    assert_eq!(at(&iv), "Walter Brooks: ai_an");
    let before = iv.progress();
    iv.skip().unwrap();
    assert_eq!(at(&iv), "Rosa Brooks: ai_an");
    assert!(iv.progress().0 > before.0);
    // Going back shows an answer from the record.
    iv.back().unwrap();
    let p = iv.current().unwrap();
    assert_eq!(p.question_id, "lives_with_spouse");
    assert_eq!(p.text, "Does Rosa Brooks live with Walter Brooks?");
    assert_eq!(p.current.as_deref(), Some("Yes"));
    // The record's ids stay.
    assert_eq!(iv.intake().people[0].id, "walter");
}

#[test]
fn sections_can_be_jumped_to() {
    let f = fix();
    let mut iv = new(&f);
    drive(&mut iv, &SINGLE[..5]);
    iv.goto_section("assets").unwrap();
    assert_eq!(at(&iv), "Ann Lee: assets");
    assert_eq!(
        iv.goto_section("home").unwrap_err(),
        "Nothing in The home left behind applies now."
    );
    assert!(iv.goto_section("nope").is_err());
    let s = iv.sections();
    assert!(s.iter().any(|x| x.id == "assets" && x.current));
    assert!(s.iter().any(|x| x.id == "home" && !x.applies));
}

#[test]
fn an_edit_made_by_going_back_leads_to_the_next_question_in_order() {
    let f = fix();
    let mut iv = new(&f);
    drive(&mut iv, &SINGLE[..8]);
    assert_eq!(at(&iv), "Ann Lee: incarcerated");
    for _ in 0..4 {
        iv.back().unwrap();
    }
    assert_eq!(at(&iv), "Ann Lee: birth_date");
    // A corrected answer goes on to the question after it, not to the
    // first unanswered one, and every one gone back over comes again.
    drive(
        &mut iv,
        &[
            ("Ann Lee: birth_date", "1/3/1945"),
            ("Ann Lee: marital_status", "widowed"),
            ("Ann Lee: ai_an", ""),
            ("Ann Lee: resident", ""),
            ("Ann Lee: incarcerated", "no"),
            ("Ann Lee: citizenship", "1"),
        ],
    );
    assert_eq!(
        iv.intake().people[0].marital_status.as_deref(),
        Some("widowed")
    );
    // A section jump is going back too.
    iv.goto_section("basics").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(at(&iv), "Ann Lee: applying");
    iv.answer("").unwrap();
    assert_eq!(at(&iv), "Ann Lee: birth_date");
}

#[test]
fn no_events_and_no_papers_are_answers_a_finished_case_keeps() {
    let f = fix();
    let mut iv = new(&f);
    drive(&mut iv, SINGLE);
    drive(&mut iv, SINGLE_REST);
    drive(
        &mut iv,
        &[
            ("events", "no"),
            ("application_date", "5/20/2016"),
            ("Ann Lee: documents", "no"),
        ],
    );
    assert!(iv.is_done());
    let rec = iv.into_intake();
    assert_eq!(rec.events_complete, Some(true));
    assert_eq!(rec.people[0].documents_complete, Some(true));
    // Through the record's text, as the store keeps it: nothing is asked
    // again.
    let text = serde_json::to_string(&rec).unwrap();
    let back: Intake = serde_json::from_str(&text).unwrap();
    let again = Interview::from_intake(&f.script, &f.pack, back, d("2016-06-01")).unwrap();
    assert!(again.is_done(), "resumed at {}", at(&again));
    assert_eq!(again.unanswered(), 0);
}

/// The choices of question `id`, or of its item question `field`.
fn choices_of(f: &Fix, id: &str, field: Option<&str>) -> Vec<Choice> {
    let (s, q) = f.script.locate(id).unwrap();
    let mut q = f.script.question(s, q);
    if let Some(field) = field {
        q = q.item.iter().find(|x| x.id == field).unwrap();
    }
    match &q.choices {
        Choices::Fixed(cs) => cs.clone(),
        Choices::People { .. } => panic!("{id} lists people"),
    }
}

/// The four lists a caller names in everyday words.
fn word_lists(f: &Fix) -> [(&'static str, Vec<Choice>); 4] {
    [
        ("documents", choices_of(f, "documents", Some("kind"))),
        ("income", choices_of(f, "incomes", Some("kind"))),
        ("assets", choices_of(f, "assets", Some("kind"))),
        ("status", choices_of(f, "immigration_status", None)),
    ]
}

#[test]
fn everyday_words_choose_as_labels_do() {
    let f = fix();
    let iv = new(&f);
    let [(_, docs), (_, income), (_, assets), (_, status)] = word_lists(&f);
    let cases: &[(&[Choice], &str, &str)] = &[
        (&docs, "green card", "immigration_document"),
        (&docs, "Green Card", "immigration_document"),
        (&docs, "greencard", "immigration_document"),
        (&docs, "I551", "immigration_document"),
        (&docs, "permanent resident card", "immigration_document"),
        (&docs, "work permit", "immigration_document"),
        (&docs, "light bill", "utility_bill"),
        (&docs, "electric bill", "utility_bill"),
        (&docs, "phone bill", "utility_bill"),
        // The start of an alias, as of a label.
        (&docs, "light", "utility_bill"),
        (&docs, "pay stub", "pay_stub"),
        (&docs, "paystub", "pay_stub"),
        (&docs, "paycheck", "pay_stub"),
        (&docs, "W-2", "w2_form"),
        (&docs, "w2", "w2_form"),
        (&docs, "tax return", "tax_return"),
        (&docs, "passport card", "us_passport"),
        (
            &docs,
            "naturalization papers",
            "certificate_of_naturalization",
        ),
        (&docs, "license", "drivers_license"),
        (&docs, "state ID", "government_id_card"),
        (&docs, "lease", "lease"),
        (&docs, "rental agreement", "lease"),
        (&income, "social security", "social_security"),
        (&income, "SSA", "social_security"),
        (&income, "SSI", "ssi"),
        (&income, "paycheck", "wages"),
        (&income, "pension", "pension"),
        (&income, "unemployment", "unemployment"),
        (&assets, "savings", "bank_account"),
        (&assets, "checking", "bank_account"),
        (&assets, "401k", "other"),
        (&assets, "IRA", "other"),
        (&assets, "car", "vehicle"),
        (&assets, "house", "home"),
        // Two letters, said whole.
        (&assets, "CD", "certificate_of_deposit"),
        (&status, "green card", "lpr"),
        (&status, "asylee", "asylee"),
        (&status, "refugee", "refugee"),
        (&status, "EAD", "employment_authorized"),
    ];
    for (cs, said, want) in cases {
        assert_eq!(iv.choose(cs, said).as_deref(), Ok(*want), "{said:?}");
    }
    // Fewer than three letters never match by their start: "gr" is not
    // "green card", "ca" is not "car".
    assert!(iv.choose(&docs, "gr").is_err());
    assert!(iv.choose(&assets, "ca").is_err());
}

#[test]
fn an_alias_never_takes_a_word_away_from_a_label() {
    // Each word of every label chooses what it chose before there were
    // aliases, or at least names it among the choices it matches: an
    // everyday word never hides a choice that was found by its name.
    let f = fix();
    let iv = new(&f);
    for (list, cs) in word_lists(&f) {
        assert!(cs.iter().any(|c| !c.aliases.is_empty()), "{list}");
        let bare: Vec<Choice> = cs
            .iter()
            .map(|c| Choice::new(c.value.clone(), c.label.clone()))
            .collect();
        let label = |v: &str| cs.iter().find(|c| c.value == v).unwrap().label.clone();
        for c in &cs {
            for w in c.label.split(|ch: char| !ch.is_alphanumeric()) {
                if w.chars().count() < 3 {
                    continue;
                }
                match (iv.choose(&bare, w), iv.choose(&cs, w)) {
                    (Ok(x), Ok(y)) => assert_eq!(x, y, "{list}: {w:?}"),
                    (Ok(x), Err(e)) => assert!(e.contains(&label(&x)), "{list}: {w:?}: {e}"),
                    (Err(_), Ok(y)) => assert!(
                        label(&y)
                            .to_lowercase()
                            .split(|ch: char| !ch.is_alphanumeric())
                            .any(|x| x.starts_with(&w.to_lowercase())),
                        "{list}: {w:?} chose {y}"
                    ),
                    (Err(_), Err(_)) => {}
                }
            }
        }
    }
}

#[test]
fn an_unknown_answer_suggests_the_closest_choices_by_number() {
    let f = fix();
    let iv = new(&f);
    let docs = choices_of(&f, "documents", Some("kind"));
    let n = docs.len();
    let num = |v: &str| docs.iter().position(|c| c.value == v).unwrap() + 1;
    // Misspelt, by an alias's words; numbered as in the whole list.
    assert_eq!(
        iv.choose(&docs, "permanant residnt card").unwrap_err(),
        format!(
            "\"permanant residnt card\" is not one of the choices. Did you mean {}. Immigration document? Enter a number from 1 to {n}.",
            num("immigration_document")
        )
    );
    // Two as near: both, the one more fully said first.
    assert_eq!(
        iv.choose(&docs, "pensoin").unwrap_err(),
        format!(
            "\"pensoin\" is not one of the choices. Did you mean {}. Pension stub, or {}. Pension or retirement statement? Enter a number from 1 to {n}.",
            num("pension_stub"),
            num("pension_statement")
        )
    );
    let status = choices_of(&f, "immigration_status", None);
    let e = iv.choose(&status, "green crad holder").unwrap_err();
    assert!(
        e.contains("Did you mean ") && e.contains(". Legal permanent resident (green card)?"),
        "{e}"
    );
    // Nothing near: no guess.
    assert_eq!(
        iv.choose(&docs, "xyzzy").unwrap_err(),
        format!("\"xyzzy\" is not one of the choices. Enter a number from 1 to {n}.")
    );
}

#[test]
fn a_filter_keeps_choices_by_label_or_alias() {
    let f = fix();
    let docs = choices_of(&f, "documents", Some("kind"));
    let kept = |filter: &str| -> Vec<String> {
        docs.iter()
            .filter(|c| c.matches_filter(filter))
            .map(|c| c.value.clone())
            .collect()
    };
    assert_eq!(kept("GREEN"), vec!["immigration_document"]);
    assert_eq!(kept("light b"), vec!["utility_bill"]);
    assert!(kept("Utility").contains(&"utility_bill".to_string()));
    assert!(kept("zzz").is_empty());
    assert_eq!(kept("").len(), docs.len());
    // A person has no aliases: the label alone.
    let c = Choice::new("p1", "Rosa Brooks");
    assert!(c.matches_filter("rosa") && !c.matches_filter("walter"));
}

#[test]
fn chosen_names_what_an_answer_chose() {
    let f = fix();
    let mut iv = new(&f);
    assert_eq!(iv.chosen(), None);
    let steps: &[(&str, Option<&str>)] = &[
        ("1", None),
        ("Ann Lee", None),
        ("1", None),
        ("y", Some("Yes")),
        ("1/2/1945", None),
        ("wid", Some("Widowed")),
        ("no", Some("No")),
    ];
    for (answer, want) in steps {
        iv.answer(answer).unwrap();
        assert_eq!(iv.chosen().as_deref(), *want, "after {answer:?}");
    }
    // A refused answer chose nothing.
    iv.answer("maybe").unwrap_err();
    assert_eq!(iv.chosen(), None);
    drive(
        &mut iv,
        &[
            ("Ann Lee: resident", "y"),
            ("Ann Lee: incarcerated", "n"),
            ("Ann Lee: citizenship", "3"),
        ],
    );
    assert_eq!(
        iv.chosen().as_deref(),
        Some("No, not a citizen or national")
    );
    iv.answer("green card").unwrap();
    assert_eq!(
        iv.chosen().as_deref(),
        Some("Legal permanent resident (green card)")
    );
    // Enter keeps an earlier answer: nothing is chosen by it.
    iv.back().unwrap();
    iv.answer("").unwrap();
    assert_eq!(iv.chosen(), None);

    // A list's yes and no, and an item's choice.
    let mut iv = new(&f);
    drive(&mut iv, SINGLE);
    iv.answer("yes").unwrap();
    assert_eq!(iv.chosen().as_deref(), Some("Yes"));
    iv.answer("SSA").unwrap();
    assert_eq!(iv.chosen().as_deref(), Some("Social Security"));
    iv.answer("oops").unwrap_err();
    assert_eq!(iv.chosen(), None);
    iv.answer("820").unwrap();
    assert_eq!(iv.chosen(), None);
    iv.answer("no").unwrap();
    assert_eq!(iv.chosen().as_deref(), Some("No"));
}
