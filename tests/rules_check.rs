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
    fixture_of("ma")
}

fn fixture_of(name: &str) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let pack = dir.path().join(name);
    let content = dir.path().join("en");
    copy_dir(&root.join("rules").join(name), &pack);
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

// --- Life events and program deadlines (events.yaml, deadlines.yaml) ---

#[test]
fn shipped_minnesota_pack_passes_with_only_events() {
    let f = fixture_of("mn");
    let (code, err) = check(&f);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn unknown_key_in_an_event() {
    let f = fixture_of("mn");
    let file = f.pack.join("events.yaml");
    edit(
        &file,
        "marriage:\n  reference:",
        "marriage:\n  colour: red\n  reference:",
    );
    let (code, err) = check(&f);
    assert_eq!(code, 2);
    assert!(
        err.contains("events.yaml:") && err.contains("unknown field `colour`"),
        "{err}"
    );
}

#[test]
fn event_citing_an_unknown_source() {
    let f = fixture_of("mn");
    let file = f.pack.join("events.yaml");
    edit(
        &file,
        "  reference: {source: mnsure_guide, section: \"Change in household size - due to marriage\"}",
        "  reference: {source: mnsure, section: \"Change in household size - due to marriage\"}",
    );
    let line = line_of(&file, "source: mnsure,");
    let (code, err) = check(&f);
    assert_eq!(code, 2);
    assert!(
        err.contains(&format!("events.yaml:{line}:"))
            && err.contains("event 'marriage' cites unknown source 'mnsure'")
            && err.contains("mnsure_guide"),
        "{err}"
    );
}

#[test]
fn event_without_a_section() {
    let f = fixture_of("mn");
    let file = f.pack.join("events.yaml");
    edit(
        &file,
        "section: \"Change in household size - due to marriage\"",
        "section: \"\"",
    );
    let (code, err) = check(&f);
    assert_eq!(code, 2);
    assert!(err.contains("event 'marriage' cites no section"), "{err}");
}

#[test]
fn event_window_names_an_unknown_parameter() {
    let f = fixture_of("mn");
    let file = f.pack.join("events.yaml");
    edit(
        &file,
        "date_is: last_day_covered, early_days: early_application_days}",
        "date_is: last_day_covered, early_days: early_aplication_days}",
    );
    let line = line_of(&file, "early_aplication_days");
    let (code, err) = check(&f);
    assert_eq!(code, 2);
    assert!(
        err.contains(&format!("events.yaml:{line}:"))
            && err.contains("unknown parameter 'early_aplication_days'")
            && err.contains("early_application_days"),
        "{err}"
    );
}

#[test]
fn event_window_parameter_with_the_wrong_unit() {
    let f = fixture_of("mn");
    let file = f.pack.join("events.yaml");
    edit(
        &file,
        "date_is: last_day_covered, early_days: early_application_days}",
        "date_is: last_day_covered, early_days: selection_cutoff_day}",
    );
    let (code, err) = check(&f);
    assert_eq!(code, 2);
    assert!(
        err.contains("parameter 'selection_cutoff_day', whose unit is DayOfMonth; expected Days"),
        "{err}"
    );
}

#[test]
fn cutoff_day_every_month_has() {
    let f = fixture_of("mn");
    let file = f.pack.join("parameters/enrollment.yaml");
    edit(&file, "    2024-01-01: 15", "    2024-01-01: 31");
    let (code, err) = check(&f);
    assert_eq!(code, 2);
    assert!(err.contains("from 1 to 28"), "{err}");
}

#[test]
fn event_condition_names_an_unknown_fact() {
    let f = fixture_of("mn");
    let file = f.pack.join("events.yaml");
    edit(
        &file,
        "fact: prior_coverage, eq: true}",
        "fact: prior_coverag, eq: true}",
    );
    let (code, err) = check(&f);
    assert_eq!(code, 2);
    assert!(
        err.contains("condition 'had_prior_coverage' names unknown event fact 'prior_coverag'")
            && err.contains("prior_coverage"),
        "{err}"
    );
}

#[test]
fn unknown_coverage_rule() {
    let f = fixture_of("mn");
    let file = f.pack.join("events.yaml");
    edit(
        &file,
        "    - {rule: first_of_month_after_selection}\n",
        "    - {rule: first_of_the_month}\n",
    );
    let (code, err) = check(&f);
    assert_eq!(code, 2);
    assert!(
        err.contains("events.yaml:") && err.contains("unknown variant `first_of_the_month`"),
        "{err}"
    );
}

#[test]
fn unknown_metal_level() {
    let f = fixture_of("mn");
    let file = f.pack.join("events.yaml");
    edit(
        &file,
        "2024-01-01: [bronze, gold]",
        "2024-01-01: [bronze, golden]",
    );
    let (code, err) = check(&f);
    assert_eq!(code, 2);
    assert!(
        err.contains("unknown metal level 'golden'") && err.contains("gold"),
        "{err}"
    );
}

#[test]
fn metal_levels_with_a_gap_before_the_first_value() {
    let f = fixture_of("mn");
    let file = f.pack.join("events.yaml");
    edit(&file, "2024-01-01: [silver]", "2025-01-01: [silver]");
    let (code, err) = check(&f);
    assert_eq!(code, 2);
    assert!(
        err.contains("event 'csr_newly_eligible': metal_levels has a gap"),
        "{err}"
    );
}

#[test]
fn event_without_words_in_content() {
    let f = fixture_of("mn");
    let file = f.content.join("events.yaml");
    edit(&file, "americorps: {name:", "americorp: {name:");
    let line = line_of(&f.pack.join("events.yaml"), "americorps:");
    let (code, err) = check(&f);
    assert_eq!(code, 2);
    assert!(
        err.contains(&format!("events.yaml:{line}:"))
            && err.contains("'americorps' has no text in content"),
        "{err}"
    );
}

#[test]
fn condition_without_words_in_content() {
    let f = fixture_of("mn");
    let file = f.content.join("event_terms.yaml");
    edit(&file, "moved_from_abroad: {", "moved_abroad: {");
    let (code, err) = check(&f);
    assert_eq!(code, 2);
    assert!(
        err.contains("'moved_from_abroad' has no text in content"),
        "{err}"
    );
}

#[test]
fn deadline_names_an_unknown_parameter() {
    let f = fixture();
    let file = f.pack.join("deadlines.yaml");
    edit(
        &file,
        "rule: {add_days: decision_notice_days}",
        "rule: {add_days: decision_days}",
    );
    let line = line_of(&file, "decision_days}");
    let (code, err) = check(&f);
    assert_eq!(code, 2);
    assert!(
        err.contains(&format!("deadlines.yaml:{line}:"))
            && err.contains("deadline 'decision_notice' names unknown parameter 'decision_days'")
            && err.contains("decision_notice_days"),
        "{err}"
    );
}

#[test]
fn deadline_adding_days_from_a_months_parameter() {
    let f = fixture();
    let file = f.pack.join("deadlines.yaml");
    edit(
        &file,
        "rule: {add_days: decision_notice_days}",
        "rule: {add_days: retroactive_months}",
    );
    let (code, err) = check(&f);
    assert_eq!(code, 2);
    assert!(err.contains("whose unit is Months; expected Days"), "{err}");
}

#[test]
fn deadline_with_an_unknown_date_rule() {
    let f = fixture();
    let file = f.pack.join("deadlines.yaml");
    edit(
        &file,
        "rule: {add_days: decision_notice_days}",
        "rule: {add_weeks: decision_notice_days}",
    );
    let (code, err) = check(&f);
    assert_eq!(code, 2);
    assert!(
        err.contains("deadlines.yaml:") && err.contains("unknown date rule 'add_weeks'"),
        "{err}"
    );
}

#[test]
fn deadline_condition_names_an_unknown_program() {
    let f = fixture();
    let file = f.pack.join("deadlines.yaml");
    edit(
        &file,
        "program: health_safety_net, status_in",
        "program: health_safety, status_in",
    );
    let (code, err) = check(&f);
    assert_eq!(code, 2);
    assert!(
        err.contains("unknown program 'health_safety'") && err.contains("health_safety_net"),
        "{err}"
    );
}

#[test]
fn deadline_without_its_extra_date_words() {
    let f = fixture();
    let file = f.content.join("deadlines.yaml");
    edit(
        &file,
        "  coverage_may_start: \"Health Safety Net eligibility may then begin as early as {date}.\"\n",
        "",
    );
    let (code, err) = check(&f);
    assert_eq!(code, 2);
    assert!(
        err.contains("'hsn_information' has no 'coverage_may_start' in content"),
        "{err}"
    );
}

#[test]
fn household_deadline_from_a_persons_date() {
    let f = fixture();
    let file = f.pack.join("deadlines.yaml");
    edit(
        &file,
        "  for: household\n  from: [application_date]\n  rule: {add_days: decision_notice_days}",
        "  for: household\n  from: [institution_entry_date]\n  rule: {add_days: decision_notice_days}",
    );
    let (code, err) = check(&f);
    assert_eq!(code, 2);
    assert!(err.contains("use 'for: person'"), "{err}");
}
