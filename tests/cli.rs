//! `intake check` as a user runs it: output on good input; one clear line,
//! exit status 2 and no panic on bad input.

use std::process::Command;

fn intake(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_intake"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Write a record to a temp file and check it.
fn check_text(yaml: &str) -> (i32, String, String, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("case.yaml");
    std::fs::write(&p, yaml).unwrap();
    let (c, o, e) = intake(&["check", p.to_str().unwrap()]);
    (c, o, e, dir)
}

const GOOD: &str = "as_of: 2016-06-01\npeople:\n  - id: ann\n    birth_date: 1945-01-01\n    marital_status: single\n    resident: true\n    citizenship: citizen\n    medicare: has\n    incomes:\n      - kind: social_security\n        monthly: 900\n    assets:\n      - kind: bank_account\n        value: 1500\n";

#[test]
fn senior_couple_text_names_likely_programs_and_why() {
    let (code, out, err) = intake(&["check", "examples/senior-couple.yaml"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("LIKELY: MassHealth Buy-In"), "{out}");
    assert!(
        out.contains("LIKELY AFTER DEDUCTIBLE: MassHealth Standard (deductible $930.00)"),
        "{out}"
    );
    assert!(out.contains("Source: MassHealth Senior Guide"), "{out}");
}

#[test]
fn json_has_the_documented_top_level_keys() {
    let (code, out, err) = intake(&["check", "examples/senior-couple.yaml", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    for k in ["programs", "figures", "proofs", "deadlines", "pack"] {
        assert!(v.get(k).is_some(), "missing {k}");
    }
    assert_eq!(v["pack"]["id"], "ma");
    assert_eq!(
        v["pack"]["effective_dates"]["masshealth_standard_income_limit"],
        "2016-03-01"
    );
    assert_eq!(v["pack"]["effective_dates"]["fpl_monthly"], "2015-03-01");
}

#[test]
fn as_of_flag_overrides_the_record_and_accepts_us_dates() {
    let (code, out, err) = intake(&[
        "check",
        "examples/senior-couple.yaml",
        "--as-of",
        "6/1/2017",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["as_of"], "2017-06-01");
}

fn assert_bad(yaml: &str, line: Option<usize>, words: &[&str]) {
    let (code, out, err, _d) = check_text(yaml);
    assert_eq!(code, 2, "stdout: {out}\nstderr: {err}");
    assert!(out.is_empty(), "a partial result was printed: {out}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(err.lines().count(), 1, "one line expected: {err}");
    if let Some(l) = line {
        assert!(
            err.contains(&format!("case.yaml:{l}:")),
            "expected line {l}: {err}"
        );
    }
    for w in words {
        assert!(err.contains(w), "expected {w:?} in: {err}");
    }
}

#[test]
fn good_record_passes() {
    let (code, out, err, _d) = check_text(GOOD);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("MassHealth Standard"), "{out}");
}

#[test]
fn malformed_yaml() {
    assert_bad(
        &GOOD.replace("resident: true", "resident: [true"),
        None,
        &["case.yaml:"],
    );
}

#[test]
fn unknown_field_names_the_field_and_line() {
    assert_bad(
        &GOOD.replace(
            "resident: true",
            "resident: true\n    favourite_colour: blue",
        ),
        Some(7),
        &["unknown field `favourite_colour`"],
    );
}

#[test]
fn negative_money() {
    assert_bad(
        &GOOD.replace("monthly: 900", "monthly: -900"),
        Some(11),
        &["monthly", "negative"],
    );
}

#[test]
fn impossible_date() {
    assert_bad(
        &GOOD.replace("1945-01-01", "1945-02-30"),
        Some(4),
        &["birth_date"],
    );
}

#[test]
fn birth_date_after_as_of() {
    assert_bad(
        &GOOD.replace("1945-01-01", "2017-01-01"),
        Some(4),
        &["people[0].birth_date", "after the as-of date 2016-06-01"],
    );
}

#[test]
fn household_of_zero() {
    assert_bad(
        &GOOD.replace(
            "as_of: 2016-06-01\n",
            "as_of: 2016-06-01\nhousehold:\n  size: 0\n",
        ),
        Some(3),
        &["household.size", "at least one person"],
    );
}

#[test]
fn unknown_income_kind_suggests_the_closest() {
    assert_bad(
        &GOOD.replace("kind: social_security", "kind: socialsecurity"),
        Some(10),
        &["unknown kind of income 'socialsecurity'", "social_security"],
    );
}

#[test]
fn as_of_before_the_rules_is_a_clear_error() {
    let (code, _out, err) = intake(&[
        "check",
        "examples/senior-couple.yaml",
        "--as-of",
        "2015-01-01",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("cover dates from 2016-04-01"), "{err}");
}

#[test]
fn bad_as_of_flag() {
    let (code, _out, err) = intake(&[
        "check",
        "examples/senior-couple.yaml",
        "--as-of",
        "2016-02-30",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("February 30, 2016 is not a real date"),
        "{err}"
    );
}

#[test]
fn missing_file_and_unknown_pack() {
    let (code, _o, err) = intake(&["check", "nope.yaml"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read nope.yaml"), "{err}");
    let (code, _o, err) = intake(&["check", "examples/senior-couple.yaml", "--pack", "zz"]);
    assert_eq!(code, 2);
    assert!(err.contains("no rule pack called 'zz'"), "{err}");
}

#[test]
fn an_interview_on_a_pack_it_was_not_written_for_says_so_once() {
    // The interview's choices come from the Massachusetts lists; on the
    // Minnesota pack it must say which pack to use, in one line, not list
    // every mismatch.
    let home = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_intake"))
        .args(["--plain", "--pack", "mn", "--as-of", "2024-06-01"])
        .env("XDG_DATA_HOME", home.path())
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("written for the ma rules, not the mn rules")
            && err.contains("intake check --pack mn FILE"),
        "{err}"
    );
    // The Minnesota pack still checks a record.
    let (code, _, err) = intake(&[
        "check",
        "--pack",
        "mn",
        "--as-of",
        "2024-06-01",
        "examples/senior-couple.yaml",
    ]);
    assert_eq!(code, 0, "{err}");
}
