//! Figures past their date are said, never applied in silence (issue 20).
//! A copy of the shipped pack whose poverty table is dated March 1, 2016
//! (so that every figure is current on June 1, 2016) shows the mechanism:
//! inside every period nothing is said; a day past one figure's review date
//! that figure alone is listed and only the results that used it are
//! marked; --strict and the pack's `stale_figures: refuse` refuse.

mod common;
use common::copy_dir;
use serde_json::Value as J;
use std::path::{Path, PathBuf};
use std::process::Command;

struct Fixture {
    _dir: tempfile::TempDir,
    pack: PathBuf,
    content: PathBuf,
    record: PathBuf,
}

/// The shipped pack with every figure current until January 1, 2017 (the
/// amount a spouse at home may keep, due every January, comes first).
fn current_pack() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let pack = dir.path().join("ma");
    let content = dir.path().join("en");
    copy_dir(&root.join("rules/ma"), &pack);
    copy_dir(&root.join("content/en"), &content);
    edit(
        &pack.join("parameters/fpl.yaml"),
        "    2015-03-01:\n",
        "    2016-03-01:\n",
    );
    let record = dir.path().join("ann.yaml");
    std::fs::write(
        &record,
        "people:\n  - id: ann\n    name: Ann Lee\n    birth_date: 1945-01-02\n    marital_status: single\n    resident: true\n    citizenship: citizen\n    incomes:\n      - {kind: social_security, monthly: 900}\n    incomes_complete: true\n    assets_complete: true\n",
    )
    .unwrap();
    Fixture {
        _dir: dir,
        pack,
        content,
        record,
    }
}

fn edit(path: &Path, from: &str, to: &str) {
    let s = std::fs::read_to_string(path).unwrap();
    assert!(s.contains(from), "{} lacks {from:?}", path.display());
    std::fs::write(path, s.replacen(from, to, 1)).unwrap();
}

fn intake(f: &Fixture, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_intake"))
        .arg("--pack")
        .arg(&f.pack)
        .arg("--content")
        .arg(&f.content)
        .args(args)
        .env("XDG_DATA_HOME", f._dir.path())
        .output()
        .unwrap()
}

fn check_json(f: &Fixture, as_of: &str) -> J {
    let out = intake(
        f,
        &[
            "check",
            f.record.to_str().unwrap(),
            "--as-of",
            as_of,
            "--format",
            "json",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn marked(a: &J) -> Vec<(String, Vec<String>)> {
    a["programs"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| {
            let s: Vec<String> = p
                .get("stale")?
                .as_array()?
                .iter()
                .map(|x| x.as_str().unwrap().to_string())
                .collect();
            Some((p["program"].as_str().unwrap().to_string(), s))
        })
        .collect()
}

#[test]
fn inside_every_period_nothing_is_said() {
    let f = current_pack();
    for day in ["2016-06-01", "2016-12-31"] {
        let a = check_json(&f, day);
        assert!(a.get("stale").is_none(), "{day}: {}", a["stale"]);
        assert!(marked(&a).is_empty(), "{day}: {:?}", marked(&a));
    }
    let out = intake(
        &f,
        &["check", f.record.to_str().unwrap(), "--as-of", "2016-12-31"],
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains("OLD FIGURES"));
}

#[test]
fn a_day_past_a_review_date_lists_that_figure_and_marks_what_used_it() {
    let f = current_pack();
    // The amount a spouse at home may keep "changes every January".
    for day in ["2017-01-01", "2017-01-02"] {
        let a = check_json(&f, day);
        let stale = a["stale"].as_array().unwrap();
        assert_eq!(stale.len(), 1, "{day}: {stale:?}");
        assert_eq!(stale[0]["parameter"], "ltc_asset_limit");
        assert_eq!(stale[0]["effective"], "2016-01-01");
        assert_eq!(stale[0]["review_by"], "2017-01-01");
        let m = marked(&a);
        assert!(!m.is_empty(), "no result marked");
        for (program, figures) in &m {
            assert_eq!(figures, &["ltc_asset_limit"], "{program}");
        }
        // The community programs' limits do not use it.
        assert!(!m.iter().any(|(p, _)| p == "masshealth_standard"), "{m:?}");
        assert!(!m.iter().any(|(p, _)| p == "masshealth_buy_in"), "{m:?}");
    }
    // In text: one summary line before the results, and the mark beside
    // each result that rests on it and no other.
    let out = intake(
        &f,
        &[
            "check",
            f.record.to_str().unwrap(),
            "--as-of",
            "2017-01-02",
            "--why",
        ],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[1].starts_with("OLD FIGURES: the amount a spouse at home may keep, from January 1, 2016, were due for update by January 1, 2017"), "{text}");
    let a = check_json(&f, "2017-01-02");
    let names = |id: &str| -> String {
        let c = std::fs::read_to_string(f.content.join("programs.yaml")).unwrap();
        let v: serde_yaml::Value = serde_yaml::from_str(&c).unwrap();
        v[id]["name"].as_str().unwrap().to_string()
    };
    for (program, _) in marked(&a) {
        let name = names(&program);
        assert!(
            lines
                .iter()
                .any(|l| l.contains(&format!(": {name}")) && l.ends_with("(OLD FIGURES)")),
            "{name} not marked:\n{text}"
        );
    }
    let standard = lines
        .iter()
        .find(|l| l.contains(": MassHealth Standard"))
        .unwrap();
    assert!(!standard.contains("OLD FIGURES"), "{standard}");
}

#[test]
fn strict_and_the_pack_setting_refuse_old_figures() {
    let f = current_pack();
    let rec = f.record.to_str().unwrap().to_string();
    let out = intake(&f, &["--strict", "check", &rec, "--as-of", "2017-01-02"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("past their date"), "{err}");
    assert!(err.contains("January 1, 2017"), "{err}");
    assert!(out.stdout.is_empty());
    // Inside the period, --strict answers.
    let out = intake(&f, &["--strict", "check", &rec, "--as-of", "2016-12-31"]);
    assert_eq!(out.status.code(), Some(0));
    // The pack can say so for every run.
    let pack_yaml = f.pack.join("pack.yaml");
    let mut s = std::fs::read_to_string(&pack_yaml).unwrap();
    s.push_str("stale_figures: refuse\n");
    std::fs::write(&pack_yaml, s).unwrap();
    let out = intake(&f, &["check", &rec, "--as-of", "2017-01-02"]);
    assert_eq!(out.status.code(), Some(2));
    // The form and the plain mode refuse before asking anything.
    let out = intake(&f, &["--plain", "--as-of", "2017-01-02"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

/// `intake rules check` on the fixture: it must fail; its standard error.
fn rules_check_fails(f: &Fixture) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_intake"))
        .args(["rules", "check"])
        .arg(&f.pack)
        .arg("--content")
        .arg(&f.content)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_money_figure_must_say_how_long_it_lasts() {
    let f = current_pack();
    let file = f.pack.join("parameters/masshealth.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    // Take out the first parameter's `updated` block.
    let start = text.find("  updated:\n").unwrap();
    let end = start + text[start..].find("\n  breakdown:").unwrap();
    std::fs::write(&file, format!("{}{}", &text[..start], &text[end + 1..])).unwrap();
    let err = rules_check_fails(&f);
    assert!(
        err.contains("masshealth.yaml:1: parameter 'masshealth_standard_income_limit' is money or a percentage but does not say how long a value lasts"),
        "{err}"
    );
    // A month and day that do not exist, with the line of the block.
    let f = current_pack();
    let file = f.pack.join("parameters/masshealth.yaml");
    edit(&file, "    on: 03-01\n", "    on: 02-30\n");
    let err = rules_check_fails(&f);
    let line = std::fs::read_to_string(&file)
        .unwrap()
        .lines()
        .position(|l| l == "  updated:")
        .unwrap()
        + 1;
    assert!(err.contains(&format!("masshealth.yaml:{line}:")), "{err}");
    assert!(err.contains("02-30"), "{err}");
}

#[test]
fn the_shipped_pack_says_its_old_figures_in_every_front_end() {
    // Shipped: the poverty table reflects March 1, 2015, and the guide
    // says it is updated each year.
    let root = env!("CARGO_MANIFEST_DIR");
    let home = tempfile::tempdir().unwrap();
    let run = |args: &[&str], input: &str| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_intake"));
        cmd.args(args)
            .current_dir(root)
            .env("XDG_DATA_HOME", home.path())
            .env_remove("TERM");
        common::run_with_input(cmd, input)
    };
    let plain = run(&["--plain", "--as-of", "2016-06-01"], "quit\n");
    let said = String::from_utf8_lossy(&plain.stdout);
    let lines: Vec<&str> = said.lines().collect();
    assert_eq!(
        lines[1],
        "OLD FIGURES: the federal poverty levels, from March 1, 2015, were due for update by March 1, 2016; results marked so may be out of date."
    );
    // Ten years on, every dated figure.
    let plain = run(&["--plain", "--as-of", "2026-11-30"], "quit\n");
    let said = String::from_utf8_lossy(&plain.stdout);
    assert!(said.contains("OLD FIGURES: 24 figures are past their date (the oldest from March 1, 2015, due for update by March 1, 2016)"), "{said}");
    // The checklist export and rescreen's summary.
    let imported = run(
        &[
            "--as-of",
            "2016-06-01",
            "import",
            "examples/senior-couple.yaml",
        ],
        "",
    );
    assert_eq!(
        imported.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    let md = run(&["export", "1", "-o", "-"], "");
    let md = String::from_utf8_lossy(&md.stdout);
    assert!(
        md.contains("**OLD FIGURES: the federal poverty levels"),
        "{md}"
    );
    assert!(md.contains("Health Safety Net (OLD FIGURES)"), "{md}");
    let re = run(&["rescreen"], "");
    let err = String::from_utf8_lossy(&re.stderr);
    assert!(
        err.contains(
            "OLD FIGURES: 1 of them rest on figures past their date: the federal poverty levels."
        ),
        "{err}"
    );
}

#[test]
fn the_form_says_old_figures_at_the_start_and_beside_each_result() {
    use common::pty::Term;
    let home = tempfile::tempdir().unwrap();
    let mut t = Term::start(&["--as-of", "2016-06-01"], home.path());
    let s = t.wait_for("How many people", 10);
    assert!(
        s.contains("OLD") && s.contains("the federal poverty levels, from March 1, 2015"),
        "{s}"
    );
    for a in ["1", "Ann Lee", "1"] {
        t.send(&format!("{a}\r"));
    }
    t.wait_for("applying", 5);
    // The panel under the question says it first; the whole panel says it
    // at its top and beside each result that rests on the old table.
    assert!(
        t.screen().contains("OLD FIGURES under some results"),
        "{}",
        t.screen()
    );
    t.send("\x10");
    let panel = t.wait_for("Proofs still needed", 5);
    let first = panel.lines().nth(1).unwrap();
    assert!(first.contains("OLD FIGURES"), "{panel}");
    assert!(
        panel
            .lines()
            .any(|l| l.contains("POSSIBLE") && l.contains("(OLD FIGURES)")),
        "{panel}"
    );
    t.send("\x10");
    t.send("\x18");
    t.wait_for("Quit?", 5);
    t.send("y");
    assert!(t.wait_exit(10).is_some());
}
