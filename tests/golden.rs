//! Golden cases: tests/cases/**/*.yaml, each an intake record with the
//! assessment the source documents say it should get. See
//! tests/cases/README.md for the format.

use intake::engine::assess;
use intake::model::Intake;
use intake::rules::Pack;
use serde::Deserialize;
use serde_json::Value as J;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    #[allow(dead_code)]
    about: String,
    #[serde(default)]
    pack: Option<String>,
    #[serde(default)]
    as_of: Option<String>,
    intake: serde_yaml::Value,
    expect: Expect,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Expect {
    /// person -> program -> status
    #[serde(default)]
    programs: BTreeMap<String, BTreeMap<String, String>>,
    /// person -> program -> deductible amount
    #[serde(default)]
    deductibles: BTreeMap<String, BTreeMap<String, String>>,
    /// person -> program -> flags raised
    #[serde(default)]
    flags: BTreeMap<String, BTreeMap<String, Vec<String>>>,
    /// person -> figure -> value, as in the JSON output
    #[serde(default)]
    figures: BTreeMap<String, BTreeMap<String, serde_yaml::Value>>,
    /// household figure -> value
    #[serde(default)]
    household: BTreeMap<String, serde_yaml::Value>,
    /// person -> need -> status
    #[serde(default)]
    proofs: BTreeMap<String, BTreeMap<String, String>>,
    /// person -> need -> substring expected in a rejection reason
    #[serde(default)]
    rejections: BTreeMap<String, BTreeMap<String, String>>,
    /// deadline id -> {field: value} (date, days_left, concerns, details.X)
    #[serde(default)]
    deadlines: BTreeMap<String, BTreeMap<String, serde_yaml::Value>>,
    /// deadline ids that must not appear
    #[serde(default)]
    no_deadlines: Vec<String>,
    /// the ids of all deadlines, in the order the assessment lists them
    #[serde(default)]
    order: Option<Vec<String>>,
    /// The assessment must fail with a message containing this.
    #[serde(default)]
    error: Option<String>,
}

fn cases(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            cases(&p, out);
        } else if p.extension().is_some_and(|e| e == "yaml") {
            out.push(p);
        }
    }
}

fn yaml_to_json(v: &serde_yaml::Value) -> J {
    serde_json::to_value(v).unwrap()
}

fn same(expected: &J, actual: &J) -> bool {
    match (expected, actual) {
        (J::Number(a), J::String(b)) | (J::String(b), J::Number(a)) => {
            a.to_string() == *b || b.parse::<f64>().ok() == a.as_f64()
        }
        _ => expected == actual,
    }
}

fn run_case(
    path: &Path,
    packs: &mut HashMap<String, Pack>,
    content: &intake::content::Content,
) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let case: Case = match serde_yaml::from_str(&text) {
        Ok(c) => c,
        Err(e) => return vec![format!("cannot read case: {e}")],
    };
    let pack_name = case.pack.clone().unwrap_or_else(|| "ma".into());
    let pack = packs
        .entry(pack_name.clone())
        .or_insert_with(|| Pack::open(&pack_name).expect("pack loads"));
    let result = serde_yaml::from_value::<Intake>(case.intake.clone())
        .map_err(|e| e.to_string())
        .and_then(|intake| {
            let as_of = case
                .as_of
                .as_deref()
                .map(|s| intake::dates::parse_date(s).unwrap())
                .or(intake.as_of)
                .expect("case needs an as_of");
            assess(pack, &intake, as_of).map_err(|e| e.to_string())
        });
    let mut errs = Vec::new();
    let a = match (result, &case.expect.error) {
        (Err(e), Some(want)) => {
            if !e.contains(want.as_str()) {
                errs.push(format!("error was {e:?}, expected it to contain {want:?}"));
            }
            return errs;
        }
        (Err(e), None) => return vec![format!("assessment failed: {e}")],
        (Ok(_), Some(want)) => {
            return vec![format!(
                "expected an error containing {want:?}, got an assessment"
            )];
        }
        (Ok(mut a), None) => {
            intake::report::Words::new(content, pack).fill(&mut a);
            a
        }
    };
    let j = serde_json::to_value(&a).unwrap();
    let progs = j["programs"].as_array().unwrap();
    let find = |person: &str, program: &str| {
        progs
            .iter()
            .find(|p| p["person"] == person && p["program"] == program)
    };
    for (person, m) in &case.expect.programs {
        for (program, status) in m {
            match find(person, program) {
                None => errs.push(format!("{person}/{program}: no result")),
                Some(p) if p["status"] != J::String(status.clone()) => {
                    let why: Vec<String> = p["reasons"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .filter(|r| r["decisive"] == J::Bool(true))
                        .map(|r| format!("{}={}", r["criterion"], r["value"]))
                        .collect();
                    errs.push(format!(
                        "{person}/{program}: expected {status}, got {} (decisive: {})",
                        p["status"],
                        why.join(", ")
                    ))
                }
                _ => {}
            }
        }
    }
    for (person, m) in &case.expect.deductibles {
        for (program, amount) in m {
            let got = find(person, program)
                .map(|p| p["deductible"].clone())
                .unwrap_or(J::Null);
            if !same(&J::String(amount.clone()), &got) {
                errs.push(format!(
                    "{person}/{program} deductible: expected {amount}, got {got}"
                ));
            }
        }
    }
    for (person, m) in &case.expect.flags {
        for (program, flags) in m {
            let got: Vec<String> = find(person, program)
                .map(|p| {
                    p["flags"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|f| f["flag"].as_str().unwrap().to_string())
                        .collect()
                })
                .unwrap_or_default();
            if &got != flags {
                errs.push(format!(
                    "{person}/{program} flags: expected {flags:?}, got {got:?}"
                ));
            }
        }
    }
    let people = j["figures"]["people"].as_array().unwrap();
    for (person, m) in &case.expect.figures {
        let Some(pf) = people.iter().find(|p| p["person"] == person.as_str()) else {
            errs.push(format!("{person}: no figures"));
            continue;
        };
        for (k, v) in m {
            let want = yaml_to_json(v);
            if !same(&want, &pf[k]) {
                errs.push(format!(
                    "{person} figure {k}: expected {want}, got {}",
                    pf[k]
                ));
            }
        }
    }
    for (k, v) in &case.expect.household {
        let want = yaml_to_json(v);
        if !same(&want, &j["figures"][k]) {
            errs.push(format!(
                "household figure {k}: expected {want}, got {}",
                j["figures"][k]
            ));
        }
    }
    let proofs = j["proofs"].as_array().unwrap();
    for (person, m) in &case.expect.proofs {
        for (need, status) in m {
            match proofs
                .iter()
                .find(|p| p["person"] == person.as_str() && p["need"] == need.as_str())
            {
                None => errs.push(format!("{person}/{need}: no proof result")),
                Some(p) if p["status"] != J::String(status.clone()) => errs.push(format!(
                    "{person}/{need}: expected {status}, got {} (rejected: {})",
                    p["status"], p["rejected"]
                )),
                _ => {}
            }
        }
    }
    for (person, m) in &case.expect.rejections {
        for (need, want) in m {
            let hit = proofs.iter().any(|p| {
                p["person"] == person.as_str()
                    && p["need"] == need.as_str()
                    && p["rejected"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|r| r["reason"].as_str().unwrap_or("").contains(want.as_str()))
            });
            if !hit {
                errs.push(format!("{person}/{need}: no rejection containing {want:?}"));
            }
        }
    }
    let dls = j["deadlines"].as_array().unwrap();
    for (id, fields) in &case.expect.deadlines {
        let Some(d) = dls.iter().find(|d| d["id"] == id.as_str()) else {
            errs.push(format!(
                "deadline {id}: not found (have: {})",
                dls.iter()
                    .map(|d| d["id"].to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            continue;
        };
        for (k, v) in fields {
            let want = yaml_to_json(v);
            let got = match k.strip_prefix("details.") {
                Some(dk) => d["details"][dk].clone(),
                None => d[k].clone(),
            };
            if !same(&want, &got) {
                errs.push(format!("deadline {id} {k}: expected {want}, got {got}"));
            }
        }
    }
    if let Some(want) = &case.expect.order {
        let got: Vec<&str> = dls.iter().filter_map(|d| d["id"].as_str()).collect();
        if got != *want {
            errs.push(format!("deadline order: expected {want:?}, got {got:?}"));
        }
    }
    for id in &case.expect.no_deadlines {
        if dls.iter().any(|d| d["id"] == id.as_str()) {
            errs.push(format!("deadline {id}: present, expected none"));
        }
    }
    errs
}

#[test]
fn golden_cases() {
    let mut paths = Vec::new();
    cases(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases")),
        &mut paths,
    );
    assert!(!paths.is_empty(), "no golden cases found");
    let mut packs = HashMap::new();
    let content = intake::content::Content::open("en").expect("content loads");
    let mut failures = Vec::new();
    for p in &paths {
        for e in run_case(p, &mut packs, &content) {
            failures.push(format!(
                "{}: {e}",
                p.strip_prefix(env!("CARGO_MANIFEST_DIR"))
                    .unwrap_or(p)
                    .display()
            ));
        }
    }
    eprintln!("{} golden cases", paths.len());
    assert!(
        failures.is_empty(),
        "{} failure(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every life event and program deadline of each shipped pack is pinned by
/// at least one golden case under tests/cases/<pack>/.
#[test]
fn every_event_and_deadline_has_a_golden_case() {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases"));
    let mut missing = Vec::new();
    for name in ["ma", "mn"] {
        let pack = Pack::open(name).expect("pack loads");
        let mut paths = Vec::new();
        cases(&root.join(name), &mut paths);
        let texts: Vec<String> = paths
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
        for id in pack.events.keys() {
            let needle = format!("kind: {id}");
            if !texts.iter().any(|t| t.contains(&needle)) {
                missing.push(format!("{name}: event {id}"));
            }
        }
        for d in &pack.deadlines {
            if !texts.iter().any(|t| t.contains(&format!("    {}", d.id))) {
                missing.push(format!("{name}: deadline {}", d.id));
            }
        }
    }
    assert!(missing.is_empty(), "no golden case for: {missing:?}");
}
