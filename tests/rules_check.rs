//! `intake rules check` catches each kind of mistake an administrator can
//! make, with file:line and a plain sentence. Each test copies the shipped
//! pack and content, breaks one thing, and runs the real binary.

mod common;
use common::copy_dir;
use std::path::{Path, PathBuf};
use std::process::Command;

struct Fixture {
    _dir: tempfile::TempDir,
    pack: PathBuf,
    content: PathBuf,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let pack = dir.path().join("ma");
    let content = dir.path().join("en");
    copy_dir(&root.join("rules/ma"), &pack);
    copy_dir(&root.join("content/en"), &content);
    Fixture {
        _dir: dir,
        pack,
        content,
    }
}

fn edit(path: &Path, from: &str, to: &str) {
    let s = std::fs::read_to_string(path).unwrap();
    assert!(
        s.contains(from),
        "{} does not contain {from:?}",
        path.display()
    );
    std::fs::write(path, s.replacen(from, to, 1)).unwrap();
}

/// Run `intake rules check` on the fixture; return (exit code, stderr).
fn check(f: &Fixture) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_intake"))
        .args(["rules", "check"])
        .arg(&f.pack)
        .arg("--content")
        .arg(&f.content)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn line_of(path: &Path, needle: &str) -> usize {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .position(|l| l.contains(needle))
        .unwrap()
        + 1
}

#[test]
fn shipped_pack_passes() {
    let f = fixture();
    let (code, err) = check(&f);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn unknown_fact_is_named_with_line_and_suggestion() {
    let f = fixture();
    let file = f.pack.join("programs.yaml");
    edit(
        &file,
        "fact: countable_assets\n        le: {param: buy_in_asset_limit}",
        "fact: countable_asets\n        le: {param: buy_in_asset_limit}",
    );
    let line = line_of(&file, "countable_asets");
    let (code, err) = check(&f);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(&format!("programs.yaml:{line}:")), "{err}");
    assert!(
        err.contains("unknown fact 'countable_asets'") && err.contains("countable_assets"),
        "{err}"
    );
}

#[test]
fn unknown_key_in_a_parameter() {
    let f = fixture();
    let file = f.pack.join("parameters/ltc.yaml");
    edit(
        &file,
        "  unit: usd\n  reference:\n    source: senior_guide\n    section: Section 2, Asset Rules",
        "  unit: usd\n  colour: red\n  reference:\n    source: senior_guide\n    section: Section 2, Asset Rules",
    );
    let (code, err) = check(&f);
    assert_eq!(code, 2);
    assert!(
        err.contains("ltc.yaml:") && err.contains("unknown field `colour`"),
        "{err}"
    );
}

#[test]
fn uncited_parameter() {
    let f = fixture();
    let file = f.pack.join("parameters/connector.yaml");
    edit(
        &file,
        "  reference:\n    source: senior_guide\n    section: Section 4, What does \"Minimum Value\" mean?\n",
        "",
    );
    let (code, err) = check(&f);
    assert_eq!(code, 2);
    assert!(
        err.contains("connector.yaml") && err.contains("missing field `reference`"),
        "{err}"
    );
}

#[test]
fn citation_of_an_unknown_source() {
    let f = fixture();
    let file = f.pack.join("parameters/ltc.yaml");
    edit(
        &file,
        "source: senior_guide\n    section: Section 2, The Patient-Paid Amount, A personal",
        "source: seniorguide\n    section: Section 2, The Patient-Paid Amount, A personal",
    );
    let (code, err) = check(&f);
    assert_eq!(code, 2);
    assert!(
        err.contains("ltc.yaml:") && err.contains("unknown source 'seniorguide'"),
        "{err}"
    );
}

#[test]
fn gap_before_the_first_value() {
    let f = fixture();
    let file = f.pack.join("parameters/ltc.yaml");
    edit(&file, "    2016-01-01: 828000", "    2017-01-01: 828000");
    let (code, err) = check(&f);
    assert_eq!(code, 2);
    assert!(
        err.contains("ltc.yaml:") && err.contains("home_equity_limit") && err.contains("gap"),
        "{err}"
    );
}

#[test]
fn gap_when_a_value_ends_and_restarts() {
    let f = fixture();
    let file = f.pack.join("parameters/ltc.yaml");
    edit(
        &file,
        "    2016-01-01: 828000",
        "    2016-01-01: 828000\n    2016-05-01: null\n    2017-01-01: 850000",
    );
    let (code, err) = check(&f);
    assert_eq!(code, 2);
    assert!(
        err.contains("it ends on 2016-05-01 and starts again on 2017-01-01"),
        "{err}"
    );
}

#[test]
fn overlapping_dates() {
    let f = fixture();
    let file = f.pack.join("parameters/ltc.yaml");
    edit(
        &file,
        "    2016-01-01: 828000",
        "    2016-01-01: 828000\n    2016-01-01: 850000",
    );
    let line = line_of(&file, "828000");
    let (code, err) = check(&f);
    assert_eq!(code, 2);
    assert!(
        err.contains(&format!("ltc.yaml:{line}:")) && err.contains("overlap"),
        "{err}"
    );
}

#[test]
fn table_missing_a_household_size_on_a_later_date() {
    let f = fixture();
    let file = f.pack.join("parameters/masshealth.yaml");
    edit(
        &file,
        "    2016-03-01: {individual: 1357, couple: 1823}",
        "    2016-03-01: {individual: 1357, couple: 1823}\n    2017-03-01: {individual: 1400}",
    );
    let (code, err) = check(&f);
    assert_eq!(code, 2);
    assert!(
        err.contains("buy_in_income_limit") && err.contains("lacks couple"),
        "{err}"
    );
}

#[test]
fn unknown_program_in_a_criterion() {
    let f = fixture();
    let file = f.pack.join("programs.yaml");
    edit(
        &file,
        "program: connectorcare\n",
        "program: connector_care\n",
    );
    let line = line_of(&file, "program: connector_care");
    let (code, err) = check(&f);
    assert_eq!(code, 2);
    // The line points at the criterion (its first key, one line above).
    assert!(
        err.contains(&format!("programs.yaml:{}:", line - 1))
            && err.contains("unknown program 'connector_care'"),
        "{err}"
    );
}

#[test]
fn unknown_parameter_in_a_criterion() {
    let f = fixture();
    let file = f.pack.join("programs.yaml");
    edit(
        &file,
        "lt: {param: buy_in_income_limit}",
        "lt: {param: buyin_income_limit}",
    );
    let (code, err) = check(&f);
    assert_eq!(code, 2);
    assert!(
        err.contains("unknown parameter 'buyin_income_limit'")
            && err.contains("buy_in_income_limit"),
        "{err}"
    );
}

#[test]
fn wrong_value_for_a_coded_fact() {
    let f = fixture();
    let file = f.pack.join("programs.yaml");
    edit(
        &file,
        "in: [qualified_barred, nonqualified_lawfully_present, nonqualified_prucol]",
        "in: [qualified_bared, nonqualified_lawfully_present, nonqualified_prucol]",
    );
    let (code, err) = check(&f);
    assert_eq!(code, 2);
    assert!(
        err.contains("unknown value of immigration_category 'qualified_bared'"),
        "{err}"
    );
}

#[test]
fn program_without_words_in_content() {
    let f = fixture();
    let file = f.content.join("programs.yaml");
    edit(
        &file,
        "eaedc: {name: EAEDC medical coverage",
        "eaedc_old: {name: EAEDC medical coverage",
    );
    let line = line_of(&f.pack.join("programs.yaml"), "eaedc:");
    let (code, err) = check(&f);
    assert_eq!(code, 2);
    assert!(
        err.contains(&format!("programs.yaml:{line}:"))
            && err.contains("'eaedc' has no text in content"),
        "{err}"
    );
}

#[test]
fn malformed_yaml_names_the_line() {
    let f = fixture();
    let file = f.pack.join("income_kinds.yaml");
    edit(
        &file,
        "pension:\n  senior: counted",
        "pension:\n  senior: [counted",
    );
    let (code, err) = check(&f);
    assert_eq!(code, 2);
    assert!(err.contains("income_kinds.yaml:"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn criteria_cycle_is_refused() {
    let f = fixture();
    let file = f.pack.join("programs.yaml");
    edit(
        &file,
        "      - id: age\n        fact: age\n        ge: {param: senior_age}\n      - id: eaedc_cash",
        "      - id: loop\n        program: senior_care_options\n        status_in: [likely]\n      - id: eaedc_cash",
    );
    edit(
        &file,
        "      - id: standard_member\n        program: masshealth_standard",
        "      - id: standard_member\n        program: eaedc",
    );
    let (code, err) = check(&f);
    assert_eq!(code, 2);
    assert!(err.contains("circle"), "{err}");
}
