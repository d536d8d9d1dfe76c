//! The interview check: each kind of mistake in content/<lang>/interview.yaml
//! is caught when content loads (here through `intake rules check`), with
//! file:line and a plain sentence. Each test copies the shipped pack and
//! content, breaks one thing, and runs the real binary.

mod common;
use common::copy_dir;
use std::path::{Path, PathBuf};
use std::process::Command;

struct Fixture {
    _dir: tempfile::TempDir,
    content: PathBuf,
    file: PathBuf,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("en");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content/en"),
        &content,
    );
    let file = content.join("interview.yaml");
    Fixture {
        _dir: dir,
        content,
        file,
    }
}

/// Replace the first `from` after the line containing `after`.
fn edit(f: &Fixture, after: &str, from: &str, to: &str) -> usize {
    let s = std::fs::read_to_string(&f.file).unwrap();
    let start = s.find(after).unwrap_or_else(|| panic!("no {after:?}"));
    let at = start
        + s[start..]
            .find(from)
            .unwrap_or_else(|| panic!("no {from:?}"));
    let line = s[..at].matches('\n').count() + 1;
    let mut out = s[..at].to_string();
    out.push_str(to);
    out.push_str(&s[at + from.len()..]);
    std::fs::write(&f.file, out).unwrap();
    line
}

fn check(f: &Fixture) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_intake"))
        .args(["rules", "check", "--content"])
        .arg(&f.content)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn assert_caught(f: &Fixture, line: usize, words: &[&str]) {
    let (code, err) = check(f);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(&format!("interview.yaml:{line}: ")),
        "line {line}: {err}"
    );
    for w in words {
        assert!(err.contains(w), "{w:?} not in: {err}");
    }
}

#[test]
fn shipped_interview_passes() {
    let (code, err) = check(&fixture());
    assert_eq!(code, 0, "{err}");
}

#[test]
fn household_size_question_keeps_the_record_bounds() {
    // model::bounds::HOUSEHOLD_SIZE is 1..=20; the question must say the same.
    let f = fixture();
    edit(&f, "id: household_size", "max: 20", "max: 30");
    let text = std::fs::read_to_string(&f.file).unwrap();
    let at = text.find("- id: household_size").unwrap();
    let line = text[..at].matches('\n').count() + 1;
    assert_caught(
        &f,
        line,
        &["question 'household_size' must have min: 1 and max: 20"],
    );
}

#[test]
fn unknown_bind() {
    let f = fixture();
    let line = edit(
        &f,
        "id: birth_date",
        "binds: person.birth_date",
        "binds: person.birthdate",
    );
    assert_caught(
        &f,
        line,
        &[
            "question 'birth_date' binds unknown field 'person.birthdate'",
            "person.birth_date",
        ],
    );
}

#[test]
fn show_if_names_an_unknown_question() {
    let f = fixture();
    let line = edit(
        &f,
        "id: spouse",
        "{marital_status: married}",
        "{marital: married}",
    );
    assert_caught(
        &f,
        line,
        &["show_if names unknown question 'marital'", "marital_status"],
    );
}

#[test]
fn show_if_names_a_later_question() {
    let f = fixture();
    let line = edit(
        &f,
        "id: birth_date",
        "max: as_of",
        "max: as_of\n        show_if: {ssi: false}",
    );
    assert_caught(
        &f,
        line + 1,
        &["show_if names 'ssi', which is not asked before this"],
    );
}

#[test]
fn show_if_answer_that_is_not_a_choice() {
    let f = fixture();
    let line = edit(
        &f,
        "id: spouse",
        "{marital_status: married}",
        "{marital_status: maried}",
    );
    assert_caught(&f, line, &["unknown answer 'maried'", "married"]);
}

#[test]
fn choice_without_label() {
    let f = fixture();
    let line = edit(
        &f,
        "id: marital_status",
        "{value: widowed, label: Widowed}",
        "{value: widowed}",
    );
    assert_caught(
        &f,
        line,
        &["choice 'widowed' of question 'marital_status' has no label"],
    );
}

#[test]
fn choice_the_record_cannot_hold() {
    let f = fixture();
    let line = edit(
        &f,
        "id: marital_status",
        "{value: widowed,",
        "{value: engaged,",
    );
    assert_caught(
        &f,
        line,
        &["'person.marital_status' takes unknown value 'engaged'"],
    );
}

#[test]
fn answer_type_that_does_not_fit_the_field() {
    let f = fixture();
    let line = edit(&f, "id: birth_date", "type: date", "type: money");
    assert_caught(
        &f,
        line + 1,
        &[
            "question 'birth_date' is a money question but 'person.birth_date' does not hold that kind of answer",
        ],
    );
}

#[test]
fn person_field_asked_of_the_household() {
    let f = fixture();
    let line = edit(
        &f,
        "id: household_size",
        "binds: household.size",
        "binds: person.ssi",
    );
    assert_caught(
        &f,
        line,
        &["asked of the household but 'person.ssi' is a field of each person"],
    );
}

#[test]
fn list_without_a_required_item_question() {
    let f = fixture();
    edit(
        &f,
        "id: monthly",
        "binds: income.monthly",
        "binds: income.data_source_monthly",
    );
    let (code, err) = check(&f);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("never asks 'income.monthly'"), "{err}");
}

#[test]
fn missing_message_and_unknown_key() {
    let f = fixture();
    edit(&f, "messages:", "  first_question:", "  first_questio:");
    let (code, err) = check(&f);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("no words for message 'first_question'"),
        "{err}"
    );
    let g = fixture();
    let line = edit(&g, "id: ssi", "type: yes_no", "kind: yes_no");
    let (code, err) = check(&g);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(&format!("interview.yaml:{line}:")) && err.contains("unknown field `kind`"),
        "{err}"
    );
}

/// Replace `from` (once) in a content file of the fixture; the line of
/// the change.
fn edit_content(f: &Fixture, file: &str, from: &str, to: &str) -> usize {
    let path = f.content.join(file);
    let s = std::fs::read_to_string(&path).unwrap();
    let at = s
        .find(from)
        .unwrap_or_else(|| panic!("no {from:?} in {file}"));
    let line = s[..at].matches('\n').count() + 1;
    std::fs::write(&path, s.replacen(from, to, 1)).unwrap();
    line
}

fn assert_content_caught(f: &Fixture, file: &str, line: usize, words: &[&str]) {
    let (code, err) = check(f);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(&format!("{file}:{line}: ")),
        "line {line}: {err}"
    );
    for w in words {
        assert!(err.contains(w), "{w:?} not in: {err}");
    }
}

#[test]
fn an_alias_for_an_entry_the_pack_does_not_have() {
    let f = fixture();
    let line = edit_content(
        &f,
        "documents.yaml",
        "immigration_document:",
        "imigration_document:",
    );
    assert_content_caught(
        &f,
        "documents.yaml",
        line,
        &[
            "aliases are given to 'imigration_document', which is not one of the pack's documents",
            "the closest known are: immigration_document",
        ],
    );
}

#[test]
fn an_alias_two_entries_share() {
    let f = fixture();
    // "light bill" is already the utility bill's, further down the file:
    // the second to claim it is named, at its line.
    edit_content(
        &f,
        "documents.yaml",
        "aliases: [paycheck,",
        "aliases: [Light Bill, paycheck,",
    );
    let text = std::fs::read_to_string(f.content.join("documents.yaml")).unwrap();
    let at = text.find("aliases: [light bill,").unwrap();
    let line = text[..at].matches('\n').count() + 1;
    assert_content_caught(
        &f,
        "documents.yaml",
        line,
        &[
            "alias 'light bill' of 'utility_bill' is also alias 'Light Bill' of 'pay_stub'; an alias must name one choice",
        ],
    );
}

#[test]
fn an_alias_that_is_another_entrys_name_or_a_number() {
    let f = fixture();
    let line = edit_content(
        &f,
        "income_kinds.yaml",
        "aliases: [annuity]",
        "aliases: [annuity, wages from a job, \"401\"]",
    );
    assert_content_caught(
        &f,
        "income_kinds.yaml",
        line,
        &[
            "alias 'wages from a job' of 'pension' is the name of 'wages' (Wages from a job); an alias must name one choice",
            "alias '401' of 'pension' is a number, but a number chooses by its place in the list",
        ],
    );
    let g = fixture();
    let line = edit_content(
        &g,
        "asset_kinds.yaml",
        "aliases: [car,",
        "aliases: [home, car,",
    );
    assert_content_caught(
        &g,
        "asset_kinds.yaml",
        line,
        &["alias 'home' of 'vehicle' is the name of 'home' (Home)"],
    );
}
