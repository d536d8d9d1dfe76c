//! intake rescreen reports exactly the stored cases that change when the
//! rule pack gains a new dated value (a later income table), and intake
//! gen is the same for the same seed.

mod common;
use common::copy_dir;
use std::path::Path;
use std::process::Command;

fn intake(db: &Path, args: &[&str]) -> (i32, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_intake"))
        .arg("--db")
        .arg(db)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into(),
        String::from_utf8_lossy(&o.stderr).into(),
    )
}

/// intake rescreen --input INPUT --output OUTPUT, and more arguments.
fn rescreen_file(db: &Path, input: &Path, output: &Path, more: &[&str]) -> (i32, String, String) {
    let mut args = vec![
        "rescreen",
        "--input",
        input.to_str().unwrap(),
        "--output",
        output.to_str().unwrap(),
    ];
    args.extend_from_slice(more);
    intake(db, &args)
}

/// A single 70-year-old citizen resident with this much Social Security.
fn person(income: &str, resident: bool) -> String {
    format!(
        "as_of: 2016-06-01\npeople:\n  - id: a\n    name: Case {income}\n    birth_date: 1946-01-01\n    marital_status: single\n    resident: {resident}\n    citizenship: citizen\n    medicare: has\n    incomes: [{{kind: social_security, monthly: {income}}}]\n    assets: [{{kind: bank_account, value: 500}}]\n"
    )
}

#[test]
fn a_later_income_table_changes_exactly_the_cases_it_should() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.db");
    // 900: likely under both tables. 1,050: over the 2016 limit ($1,010),
    // under the new one ($1,100). Not a resident: not eligible either way.
    let mut ids = Vec::new();
    for (income, resident) in [("900", true), ("1050", true), ("1050", false)] {
        let f = dir.path().join(format!("{income}-{resident}.yaml"));
        std::fs::write(&f, person(income, resident)).unwrap();
        let (code, out, err) = intake(&db, &["import", f.to_str().unwrap()]);
        assert_eq!(code, 0, "{err}");
        ids.push(out.trim().to_string());
    }
    // A copy of the pack whose Standard and Senior Buy-In limits gain a
    // value from March 1, 2017.
    let pack = dir.path().join("ma");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/ma"),
        &pack,
    );
    let file = pack.join("parameters/masshealth.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let old = "    2016-03-01: {individual: 1010, couple: 1355}";
    assert_eq!(
        text.matches(old).count(),
        2,
        "the Standard and Senior Buy-In limits"
    );
    let text = text.replace(
        old,
        &format!("{old}\n    2017-03-01: {{individual: 1100, couple: 1480}}"),
    );
    std::fs::write(&file, text).unwrap();
    let (code, out, err) = intake(&db, &["rules", "check", pack.to_str().unwrap()]);
    assert_eq!(code, 0, "the changed pack is valid: {out}{err}");

    let (code, out, err) = intake(
        &db,
        &[
            "rescreen",
            "--pack",
            pack.to_str().unwrap(),
            "--as-of",
            "2017-06-01",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let changed: Vec<&str> = out
        .lines()
        .filter_map(|l| l.strip_prefix("Case "))
        .map(|l| l.split(':').next().unwrap())
        .collect();
    assert!(!changed.is_empty(), "nothing reported:\n{out}\n{err}");
    assert!(
        changed.iter().all(|c| *c == ids[1]),
        "only case {} should change; report:\n{out}",
        ids[1]
    );
    assert!(
        out.contains("MassHealth Standard") && out.contains("MassHealth Senior Buy-In"),
        "{out}"
    );
    assert!(err.contains("Rescreened 3 cases: 1 changed"), "{err}");

    // Without the new pack, the same date changes nothing by the rules.
    let (_, out, err) = intake(
        &db,
        &[
            "rescreen",
            "--from-pack",
            "ma",
            "--pack",
            "ma",
            "--as-of",
            "2016-06-01",
        ],
    );
    assert!(err.contains("0 changed"), "{out}{err}");
}

#[test]
fn gen_is_deterministic_and_rescreen_reads_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("unused.db");
    let (_, a, _) = intake(&db, &["gen", "--count", "50", "--seed", "9"]);
    let (_, b, _) = intake(&db, &["gen", "--count", "50", "--seed", "9"]);
    assert_eq!(a, b);
    assert_eq!(a.lines().count(), 50);
    let input = dir.path().join("g.jsonl");
    std::fs::write(&input, &a).unwrap();
    let output = dir.path().join("r.jsonl");
    let (code, _, err) = rescreen_file(&db, &input, &output, &[]);
    assert_eq!(code, 0, "{err}");
    let lines = std::fs::read_to_string(&output).unwrap();
    assert_eq!(lines.lines().count(), 50);
    for l in lines.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        assert!(v.get("error").is_none(), "a generated record failed: {l}");
    }
    // Quiet when not on a terminal: no progress bar in the captured output.
    assert!(!err.contains('\r'), "{err:?}");
}

#[test]
fn packs_are_the_same_rules_only_when_every_file_is_the_same() {
    // Rescreen assesses once when the old and new rules are the same files
    // (the engine is pure); any edit must make them differ.
    use intake::rules::Pack;
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("ma");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/ma"),
        &copy,
    );
    let embedded = Pack::open("ma").unwrap();
    let same = Pack::open(copy.to_str().unwrap()).unwrap();
    assert!(embedded.same_rules(&same));
    assert!(!embedded.same_rules(&Pack::open("mn").unwrap()));
    // One changed character in one file.
    let f = copy.join("pack.yaml");
    let text = std::fs::read_to_string(&f).unwrap();
    std::fs::write(&f, format!("{text}\n# edited\n")).unwrap();
    let edited = Pack::open(copy.to_str().unwrap()).unwrap();
    assert!(!embedded.same_rules(&edited));
}

#[test]
fn rescreen_streams_in_order_across_chunks_and_threads() {
    // More records than one chunk (8,192): one thread and two give the
    // same lines, labelled by input line, in input order; blank lines are
    // skipped but still counted.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("unused.db");
    let (_, generated, _) = intake(&db, &["gen", "--count", "9000", "--seed", "3"]);
    let mut text = String::new();
    for (i, l) in generated.lines().enumerate() {
        if i == 10 {
            text.push('\n');
        }
        text.push_str(l);
        text.push('\n');
    }
    let input = dir.path().join("g.jsonl");
    std::fs::write(&input, &text).unwrap();
    let mut outs = Vec::new();
    for jobs in ["1", "2"] {
        let output = dir.path().join(format!("r{jobs}.jsonl"));
        let (code, _, err) = rescreen_file(&db, &input, &output, &["--jobs", jobs]);
        assert_eq!(code, 0, "{err}");
        assert!(err.contains("Rescreened 9000 cases"), "{err}");
        outs.push(std::fs::read_to_string(&output).unwrap());
    }
    assert_eq!(outs[0], outs[1]);
    let labels: Vec<usize> = outs[0]
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["label"].as_str().unwrap().parse().unwrap()
        })
        .collect();
    let expected: Vec<usize> = (1..=9001).filter(|n| *n != 11).collect();
    assert_eq!(labels, expected);
}

#[test]
fn a_bad_line_stops_rescreen_with_its_line_and_leaves_no_half_output() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("unused.db");
    let (_, generated, _) = intake(&db, &["gen", "--count", "5", "--seed", "3"]);
    let mut lines: Vec<&str> = generated.lines().collect();
    lines.insert(3, "{\"people\": [ broken");
    let input = dir.path().join("bad.jsonl");
    std::fs::write(&input, lines.join("\n")).unwrap();
    let output = dir.path().join("r.jsonl");
    std::fs::write(&output, "results of an earlier run\n").unwrap();
    // As an earlier run left it: readable by its owner only.
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&output, std::fs::Permissions::from_mode(0o600)).unwrap();
    let (code, out, err) = rescreen_file(&db, &input, &output, &[]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("bad.jsonl:4:"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    // The earlier results are untouched, and nothing partial is left.
    assert_eq!(
        std::fs::read_to_string(&output).unwrap(),
        "results of an earlier run\n"
    );
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("partial"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}
