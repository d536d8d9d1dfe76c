//! Words a caller uses, in the plain mode (issue 13, items 10 to 12):
//! everyday names choose papers, the choice taken is said, a name that is
//! not a choice hears the closest ones, and `missing` reads every paper
//! that is accepted. The real binary, answers piped in; the couple of
//! tests/plain/senior-couple.txt up to their documents.

mod common;
use intake::content::Content;
use intake::interview::Script;
use intake::interview::script::Choices;
use intake::rules::Pack;
use std::path::{Path, PathBuf};
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

struct Run {
    code: i32,
    out: String,
    db: PathBuf,
    _dir: tempfile::TempDir,
}

/// The plain mode with a store of the test's own.
fn plain(input: &str) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("intake.db");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_intake"));
    cmd.args(["--plain", "--as-of", "2016-06-01", "--db"])
        .arg(&db)
        .current_dir(ROOT)
        .env_remove("TERM")
        .env("XDG_DATA_HOME", dir.path());
    let o = common::run_with_input(cmd, input);
    let out = String::from_utf8(o.stdout).expect("output is UTF-8");
    assert!(
        !out.contains('\u{1b}'),
        "an escape sequence was written:\n{out}"
    );
    Run {
        code: o.status.code().unwrap_or(-1),
        out,
        db,
        _dir: dir,
    }
}

/// The senior couple's answers up to their documents, then `rest`.
fn couple_then(rest: &[&str]) -> String {
    let all =
        std::fs::read_to_string(Path::new(ROOT).join("tests/plain/senior-couple.txt")).unwrap();
    let at = all.find("# --- Documents").expect("the documents part");
    let mut s = all[..at].to_string();
    for line in rest {
        s.push_str(line);
        s.push('\n');
    }
    s
}

fn assert_in_order(out: &str, lines: &[&str]) {
    let all: Vec<&str> = out.lines().collect();
    let mut from = 0;
    for want in lines {
        match all[from..].iter().position(|l| l == want) {
            Some(k) => from += k + 1,
            None => panic!("{want:?} not found (in order) in:\n{out}"),
        }
    }
}

/// The record kept in the store under the case the last line names.
fn stored(r: &Run) -> intake::model::Intake {
    let prefix = "Input ended. The answers so far are kept as case ";
    let last = r.out.lines().last().unwrap();
    let id: i64 = last
        .strip_prefix(prefix)
        .and_then(|s| s.trim_end_matches('.').parse().ok())
        .unwrap_or_else(|| panic!("no case number in {last:?}"));
    intake::store::Store::open(&r.db)
        .unwrap()
        .get(id)
        .unwrap()
        .record
}

/// The number of a document in the full list, as the plain mode reads it.
fn document_number(id: &str) -> (usize, usize) {
    let pack = Pack::open("ma").unwrap();
    let content = Content::open("en").unwrap();
    let script = Script::load(&pack, &content).unwrap_or_else(|_| panic!("the interview"));
    let (s, q) = script.locate("documents").unwrap();
    let kind = &script.question(s, q).item[0];
    let Choices::Fixed(cs) = &kind.choices else {
        panic!("documents are a fixed list")
    };
    let n = cs.iter().position(|c| c.value == id).unwrap() + 1;
    (n, cs.len())
}

#[test]
fn everyday_words_choose_papers_and_the_choice_is_said() {
    let r = plain(&couple_then(&[
        // Walter: a green card, a light bill, a utility bill by its own
        // name, and a paper by its number.
        "yes",
        "green card",
        "yes",
        "light bill",
        "5/1/2016",
        "yes",
        "Utility bill",
        "5/2/2016",
        "yes",
        "3",
        "no",
        // Rosa: a passport card (then: not limited), nothing more.
        "yes",
        "passport card",
        "no",
        "no",
    ]));
    assert_eq!(r.code, 0, "{}", r.out);
    assert_in_order(
        &r.out,
        &[
            "Which document is it?",
            "Chosen: Immigration document.",
            "So far: 1. Immigration document.",
            "Which document is it?",
            // Said before anything the choice changed.
            "Chosen: Utility bill.",
            "What date is on it?",
            "Now proved for Walter Brooks: proof of Massachusetts residency.",
            "Chosen: Certificate of U.S. Citizenship.",
            "So far: 1. Immigration document; 2. Utility bill; 3. Utility bill; 4. Certificate of U.S. Citizenship.",
            "Chosen: U.S. passport or passport card.",
            "Was the passport issued with a limitation, such as a shorter time? (yes or no)",
        ],
    );
    // The label typed as it is gets no echo; yes and no never do.
    assert_eq!(
        r.out
            .lines()
            .filter(|l| *l == "Chosen: Utility bill.")
            .count(),
        1,
        "{}",
        r.out
    );
    assert!(
        !r.out
            .lines()
            .any(|l| l == "Chosen: Yes." || l == "Chosen: No."),
        "{}",
        r.out
    );
    // What was said is what the store holds.
    let rec = stored(&r);
    let kinds = |p: usize| -> Vec<String> {
        rec.people[p]
            .documents
            .iter()
            .map(|d| d.kind.clone())
            .collect()
    };
    assert_eq!(
        kinds(0),
        [
            "immigration_document",
            "utility_bill",
            "utility_bill",
            "certificate_of_citizenship"
        ]
    );
    assert_eq!(kinds(1), ["us_passport"]);
}

#[test]
fn a_name_that_is_no_choice_hears_the_closest_and_the_question_again() {
    let r = plain(&couple_then(&[
        "yes",
        "permanant residnt card",
        "xyzzy",
        "greencard",
        "no",
    ]));
    let (n, total) = document_number("immigration_document");
    let question = "Which document is it?";
    let near = format!(
        "\"permanant residnt card\" is not one of the choices. Did you mean {n}. Immigration document? Enter a number from 1 to {total}."
    );
    let none = format!("\"xyzzy\" is not one of the choices. Enter a number from 1 to {total}.");
    assert_in_order(
        &r.out,
        &[
            question,
            &near,
            question,
            &none,
            question,
            "Chosen: Immigration document.",
        ],
    );
    assert_eq!(
        stored(&r).people[0].documents[0].kind,
        "immigration_document"
    );
}

#[test]
fn missing_reads_every_accepted_paper() {
    let r = plain(&couple_then(&["missing"]));
    let said: Vec<&str> = r
        .out
        .lines()
        .skip_while(|l| !l.starts_with("Proof of"))
        .take_while(|l| l.starts_with("Proof of"))
        .collect();
    assert!(!said.is_empty(), "{}", r.out);
    for l in &said {
        assert!(!l.contains("(and "), "a list is cut off: {l}");
    }
    // The fifth paper on was never read before ("(and 8 more)").
    assert!(
        said.contains(
            &"Proof of Massachusetts residency for Rosa Brooks: missing. Accepted: Utility bill; Lease and Most recent rent payment; Property deed or title and Most recent mortgage payment; Property deed or title and Property tax bill; Homeless shelter statement; Section 8 agreement; Homeowner's insurance agreement; School records; Nursery school or day care records; Public school enrollment; Residency data match; Residency affidavit."
        ),
        "{said:#?}"
    );
}
