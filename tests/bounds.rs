//! Every input has a bound, and record text is data, never terminal
//! control: `check`, `import` and `--open` refuse what no record can hold
//! (in one line, with file:line, exit status 2, at once), and what reaches
//! a terminal from a record (`list`, `export -o -`, error messages) holds
//! no escape sequence, even for a record stored before names were checked.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Run the binary; kill it and fail if it has not ended within `limit`.
fn run(args: &[&str], limit: Duration) -> (i32, Vec<u8>, String, Duration) {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_intake"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env(
            "XDG_DATA_HOME",
            std::env::temp_dir().join("intake-bounds-no-home"),
        )
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Drain the pipes on threads so a chatty child cannot block.
    let mut so = child.stdout.take().unwrap();
    let mut se = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut so, &mut v).ok();
        v
    });
    let err = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut se, &mut v).ok();
        v
    });
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > limit {
            child.kill().ok();
            child.wait().ok();
            panic!("intake {args:?} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let took = start.elapsed();
    let out = out.join().unwrap();
    let err = String::from_utf8_lossy(&err.join().unwrap()).into_owned();
    (status.code().unwrap_or(-1), out, err, took)
}

const FAST: Duration = Duration::from_secs(3);

/// One line on standard error, exit status 2, nothing on standard output.
fn assert_refused(args: &[&str], words: &[&str]) -> String {
    let (code, out, err, took) = run(args, FAST);
    assert_eq!(code, 2, "{args:?}: {err}");
    assert!(
        out.is_empty(),
        "{args:?} printed: {}",
        String::from_utf8_lossy(&out)
    );
    assert_eq!(err.lines().count(), 1, "one line expected: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(!err.as_bytes().contains(&0x1b), "an escape in: {err:?}");
    for w in words {
        assert!(err.contains(w), "expected {w:?} in: {err}");
    }
    eprintln!("{args:?}: refused in {took:?}");
    err
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}

const GOOD: &str = "as_of: 2016-06-01\npeople:\n  - id: ann\n    name: Ann Lee\n    birth_date: 1945-01-01\n    marital_status: single\n    resident: true\n    citizenship: citizen\n";

#[test]
fn dev_zero_ends_at_once() {
    let err = assert_refused(
        &["check", "/dev/zero"],
        &["/dev/zero", "1048576 bytes", "--max-record-bytes"],
    );
    assert!(err.starts_with("error: /dev/zero:"), "{err}");
}

#[test]
fn rescreen_stops_at_a_line_longer_than_a_record() {
    let err = assert_refused(
        &["rescreen", "--input", "/dev/zero", "--as-of", "2016-06-01"],
        &["/dev/zero:1:", "longer than 1048576 bytes"],
    );
    assert!(err.starts_with("error: /dev/zero:1:"), "{err}");
}

#[test]
fn the_size_limit_can_be_raised() {
    let dir = tempfile::tempdir().unwrap();
    let padded = format!("{GOOD}{}", "# padding\n".repeat(200));
    let f = write(dir.path(), "case.yaml", &padded);
    assert_refused(
        &["check", "--max-record-bytes", "1000", &f],
        &["case.yaml", "larger than 1000 bytes", "--max-record-bytes"],
    );
    let (code, _, err, _) = run(&["check", "--max-record-bytes", "3000", &f], FAST);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn deep_nesting_is_refused_before_parsing() {
    let dir = tempfile::tempdir().unwrap();
    // 200 KB of brackets where the people go.
    let flow = write(
        dir.path(),
        "flow.yaml",
        &format!("people: {}", "[".repeat(200_000)),
    );
    assert_refused(
        &["check", &flow],
        &["flow.yaml:1:", "deeper than 64 levels"],
    );
    // 200 KB of nested sequences in block style.
    let dashes = write(
        dir.path(),
        "dashes.yaml",
        &format!("people:\n  - {}x\n", "- ".repeat(100_000)),
    );
    assert_refused(&["check", &dashes], &["dashes.yaml:2:", "deeper than 64"]);
    // 200 KB of ever deeper indentation.
    let mut block = String::from("people:\n");
    let mut i = 1;
    while block.len() < 200_000 {
        block.push_str(&" ".repeat(i));
        block.push_str("a:\n");
        i += 1;
    }
    let block = write(dir.path(), "block.yaml", &block);
    assert_refused(&["import", &block], &["block.yaml:65:", "deeper than 64"]);
}

#[test]
fn ten_thousand_people_are_refused_fast() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = String::from("as_of: 2016-06-01\npeople:\n");
    for n in 0..10_000 {
        s.push_str(&format!("  - id: p{n}\n    birth_date: 1945-01-01\n"));
    }
    let f = write(dir.path(), "many.yaml", &s);
    // The 21st person is on line 43.
    assert_refused(
        &["check", &f],
        &["many.yaml:43:", "people[20]", "at most 20 people", "10000"],
    );
}

#[test]
fn impossible_household_sizes_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.db");
    let db = db.to_str().unwrap();
    for n in ["21", "10000", "4294967295"] {
        let f = write(
            dir.path(),
            "case.yaml",
            &GOOD.replace("people:", &format!("household:\n  size: {n}\npeople:")),
        );
        let words = [
            "case.yaml:3:",
            "household.size",
            "from 1 to 20",
            &format!("a household of {n}"),
        ];
        assert_refused(&["check", &f], &words);
        assert_refused(&["--db", db, "import", &f], &words);
    }
    assert!(!Path::new(db).exists(), "nothing was stored");
}

#[test]
fn impossible_dates_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "case.yaml",
        &GOOD.replace("1945-01-01", "0000-01-01"),
    );
    assert_refused(
        &["check", &f],
        &[
            "case.yaml:5:",
            "people[0].birth_date: a birth year of 0 is not plausible",
            "1880-01-01",
        ],
    );
    // Born in 1885: 131 on the as-of date.
    let f = write(
        dir.path(),
        "case.yaml",
        &GOOD.replace("1945-01-01", "1885-01-01"),
    );
    assert_refused(
        &["check", &f],
        &[
            "case.yaml:5:",
            "a birth year of 1885 is not plausible",
            "131",
        ],
    );
    let f = write(
        dir.path(),
        "case.yaml",
        &format!("{GOOD}application:\n  date: 2201-01-01\n"),
    );
    assert_refused(
        &["check", &f],
        &[
            "case.yaml:10:",
            "application.date",
            "the year 2201 is not plausible",
        ],
    );
    // An interview opened on such a record refuses it the same way.
    let f = write(
        dir.path(),
        "case.yaml",
        &GOOD.replace("1945-01-01", "0000-01-01"),
    );
    let db = dir.path().join("cases.db");
    assert_refused(
        &["--db", db.to_str().unwrap(), "--plain", "--open", &f],
        &["case.yaml:5:", "a birth year of 0 is not plausible"],
    );
}

const HOSTILE: &str = "Ann\u{1b}]2;pwned\u{7}";

#[test]
fn control_characters_in_a_name_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "case.yaml", &GOOD.replace("Ann Lee", HOSTILE));
    let db = dir.path().join("cases.db");
    let words = ["case.yaml:4:", "control character"];
    assert_refused(&["check", &f], &words);
    assert_refused(&["--db", db.to_str().unwrap(), "import", &f], &words);
    assert_refused(
        &["--db", db.to_str().unwrap(), "--plain", "--open", &f],
        &words,
    );
    // Written as a YAML escape, the same.
    let f = write(
        dir.path(),
        "case.yaml",
        &GOOD.replace("Ann Lee", "\"Ann\\e[2J\\a\""),
    );
    assert_refused(
        &["check", &f],
        &["case.yaml:4:", "people[0].name", "control character"],
    );
    // In an id (it is shown when there is no name).
    let f = write(
        dir.path(),
        "case.yaml",
        &GOOD.replace("id: ann", "id: \"a\\e]0;x\\a\""),
    );
    assert_refused(&["check", &f], &["case.yaml:3:", "people[0].id"]);
}

#[test]
fn an_error_quoting_a_hostile_value_holds_no_escape() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "case.yaml",
        &GOOD.replace("1945-01-01", "\"x\\e]2;pwned\\a\""),
    );
    // The escape goes whole from the message; the rest of it stays.
    assert_refused(&["check", &f], &["case.yaml:5:", "\"x\" is not a date"]);
}

fn no_control(what: &str, bytes: &[u8]) {
    assert!(
        !bytes.iter().any(|b| *b == 0x1b || *b == 0x07),
        "{what} printed terminal control: {:?}",
        String::from_utf8_lossy(bytes)
    );
}

#[test]
fn a_stored_hostile_name_prints_clean() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.db");
    let mut record: intake::model::Intake = serde_yaml::from_str(GOOD).unwrap();
    record.people[0].name = Some(HOSTILE.to_string());
    record.people[0].id = "ann\u{1b}[2J".to_string();
    let as_of = "2016-06-01".parse().unwrap();
    // As a record imported before names were checked would be.
    let id = {
        let store = intake::store::Store::open(&db).unwrap();
        store.create("ma", as_of, &record).unwrap()
    };
    let db = db.to_str().unwrap();
    let (code, out, err, _) = run(&["--db", db, "list"], FAST);
    assert_eq!(code, 0, "{err}");
    no_control("list", &out);
    let out = String::from_utf8_lossy(&out);
    assert!(out.contains("Ann"), "{out}");
    let id = id.to_string();
    for format in ["md", "yaml", "json"] {
        let (code, out, err, _) = run(
            &["--db", db, "export", &id, "--format", format, "-o", "-"],
            FAST,
        );
        assert_eq!(code, 0, "{format}: {err}");
        no_control(&format!("export --format {format}"), &out);
        no_control("export's errors", err.as_bytes());
    }
}
