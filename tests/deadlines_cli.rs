//! Deadlines as a user sees them through `intake check`, in both packs, and
//! the record mistakes about life events: one line, the field and its line,
//! exit status 2.

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

fn check_text(yaml: &str, extra: &[&str]) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("case.yaml");
    std::fs::write(&p, yaml).unwrap();
    let mut args = vec!["check", p.to_str().unwrap()];
    args.extend_from_slice(extra);
    intake(&args)
}

#[test]
fn minnesota_example_prints_windows_and_coverage_starts() {
    let (code, out, err) = intake(&["check", "--pack", "mn", "examples/mn-loss-of-coverage.yaml"]);
    assert_eq!(code, 0, "{err}");
    let want = [
        "Assessment for June 10, 2024, Minnesota rules",
        "Deadlines (soonest first; those without a date last):",
        "- June 1, 2024: Permanent move: choose a plan within the special enrollment period. For Sam Okafor; plan chosen in time. (Source: MNsure Guide to Special Enrollment Period, Change in permanent residence)",
        "    Coverage starts July 1, 2024 (a plan chosen by day 15 of a month starts the first of the next month; later, the first of the month after).",
        "- August 2, 2024: New child in the household",
        "    Coverage starts June 3, 2024 (back to the date of the event).",
        "    Or coverage from July 1, 2024 (first of the month after the event).",
        "- August 29, 2024: Loss of other coverage: choose a plan within the special enrollment period. For Dana Lindqvist; 80 days left.",
        "    Special enrollment window: May 1, 2024 to August 29, 2024, open now.",
        "    Counted from the last day of the other coverage: June 30, 2024.",
        "    Choose a plan by June 30, 2024 for coverage from July 1, 2024.",
    ];
    for w in want {
        assert!(out.contains(w), "expected {w:?} in:\n{out}");
    }
    // No eligibility figures in a pack without programs.
    assert!(!out.contains("Household of"), "{out}");
    let move_at = out.find("June 1, 2024: Permanent move").unwrap();
    let birth_at = out.find("August 2, 2024").unwrap();
    let loss_at = out.find("August 29, 2024").unwrap();
    assert!(
        move_at < birth_at && birth_at < loss_at,
        "not sorted:\n{out}"
    );
}

#[test]
fn massachusetts_example_prints_senior_guide_deadlines() {
    let (code, out, err) = intake(&["check", "examples/ma-household-events.yaml"]);
    assert_eq!(code, 0, "{err}");
    let want = [
        "- May 20, 2011: Transfers for less than their worth from this date on are reviewed. For Maria Santos. (Source: MassHealth Senior Guide (June 2016), Section 2, How We Count Transfers of Income, Assets, and the Home)",
        "- June 7, 2016: Tell MassHealth about the change",
        "For the household; 6 days left.",
        "- June 23, 2016: Dental coverage: enroll any time of year. For Ana Santos; 22 days left.",
        "    Pay the first premium by June 23, 2016 for coverage from July 1, 2016.",
        "- July 4, 2016: MassHealth generally sends its written eligibility notice",
        "- July 12, 2016: Loss of other coverage",
        "    Health Safety Net eligibility may then begin as early as May 10, 2016.",
        "- November 10, 2016: Last day of the time allowed to sell the former home",
    ];
    for w in want {
        assert!(out.contains(w), "expected {w:?} in:\n{out}");
    }
}

#[test]
fn json_lists_deadlines_sorted_with_ids_and_citations() {
    let (code, out, err) = intake(&[
        "check",
        "--pack",
        "mn",
        "examples/mn-loss-of-coverage.yaml",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let ids: Vec<&str> = v["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["move:sam", "new_dependent:baby", "loss_of_coverage:dana"]
    );
    let loss = &v["deadlines"][2];
    assert_eq!(loss["date"], "2024-08-29");
    assert_eq!(loss["days_left"], 80);
    assert_eq!(loss["concerns"], "dana");
    assert_eq!(loss["what"], "loss_of_coverage");
    assert_eq!(loss["citation"]["source"], "mnsure_guide");
    assert_eq!(loss["details"]["window_opens"], "2024-05-01");
    assert_eq!(
        v["pack"]["effective_dates"]["sep_window_days"],
        "2024-01-01"
    );
}

#[test]
fn default_pack_is_massachusetts_and_says_when_there_are_no_deadlines() {
    let (code, out, err) = intake(&["check", "examples/senior-couple.yaml"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Massachusetts rules"), "{out}");
    assert!(
        out.contains("Deadlines: none from the answers so far."),
        "{out}"
    );
}

#[test]
fn rules_check_counts_events_in_both_packs() {
    let (code, out, err) = intake(&["rules", "check", "--pack", "mn"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("0 programs, 19 life events"), "{out}");
    let (code, out, err) = intake(&["rules", "check"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("20 life events, 9 program deadlines"), "{out}");
}

const EVENT: &str = "as_of: 2024-06-01\npeople:\n  - id: ann\nevents:\n  - kind: move\n    person: ann\n    date: 2024-05-01\n    prior_coverage: true\n";

fn assert_bad(yaml: &str, pack: &str, line: usize, words: &[&str]) {
    let (code, out, err) = check_text(yaml, &["--pack", pack]);
    assert_eq!(code, 2, "stdout: {out}\nstderr: {err}");
    assert!(out.is_empty(), "a partial result was printed: {out}");
    assert_eq!(err.lines().count(), 1, "one line expected: {err}");
    assert!(
        err.contains(&format!("case.yaml:{line}:")),
        "expected line {line}: {err}"
    );
    for w in words {
        assert!(err.contains(w), "expected {w:?} in: {err}");
    }
}

#[test]
fn good_event_passes() {
    let (code, out, err) = check_text(EVENT, &["--pack", "mn"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("June 30, 2024: Permanent move"), "{out}");
}

#[test]
fn future_event_that_cannot_be_applied_for_early() {
    assert_bad(
        &EVENT.replace("date: 2024-05-01", "date: 2024-07-01"),
        "mn",
        7,
        &[
            "events[0].date: 2024-07-01 is after the as-of date 2024-06-01",
            "a 'move' event cannot be reported before it happens",
            "only employer_plan_change, loss_of_coverage may be applied for early",
        ],
    );
}

#[test]
fn future_loss_of_coverage_is_allowed_in_minnesota() {
    let yaml = EVENT
        .replace("kind: move", "kind: loss_of_coverage")
        .replace("date: 2024-05-01", "date: 2024-07-01");
    let (code, out, err) = check_text(&yaml, &["--pack", "mn"]);
    assert_eq!(code, 0, "{err}");
    // The window opens 60 days before the loss (May 2) and is open now.
    assert!(
        out.contains("Special enrollment window: May 2, 2024 to August 30, 2024, open now."),
        "{out}"
    );
}

#[test]
fn unknown_event_kind_names_the_closest() {
    assert_bad(
        &EVENT.replace("kind: move", "kind: mvoe"),
        "mn",
        5,
        &["events[0].kind: unknown event kind 'mvoe'", "move"],
    );
}

#[test]
fn event_for_a_person_not_listed() {
    assert_bad(
        &EVENT.replace("person: ann", "person: anne"),
        "mn",
        6,
        &["events[0].person: unknown person 'anne'", "ann"],
    );
}

#[test]
fn unknown_reason_for_a_loss_of_coverage() {
    assert_bad(
        &EVENT
            .replace("kind: move", "kind: loss_of_coverage")
            .replace("prior_coverage: true", "reason: unpaid"),
        "mn",
        8,
        &["unknown reason coverage ended 'unpaid'", "nonpayment"],
    );
}

#[test]
fn massachusetts_record_with_incomes_runs_under_the_minnesota_pack() {
    // The Minnesota pack has no income or asset rules: the record's incomes
    // are not checked against them and no figures are computed from them.
    let (code, out, err) = intake(&[
        "check",
        "--pack",
        "mn",
        "examples/senior-couple.yaml",
        "--as-of",
        "2024-06-01",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["figures"]["magi_monthly_income"], serde_json::Value::Null);
    assert_eq!(
        v["figures"]["people"][0]["countable_monthly_income"],
        serde_json::Value::Null
    );
    assert_eq!(v["programs"].as_array().unwrap().len(), 0);
}

#[test]
fn minnesota_pack_refuses_dates_before_it_covers() {
    let (code, _out, err) = check_text(EVENT, &["--pack", "mn", "--as-of", "2023-06-01"]);
    assert_eq!(code, 2);
    assert!(err.contains("cover dates from 2024-01-01"), "{err}");
}
