//! Every answer is one the user chose (issue 13), tried through a real
//! pseudo-terminal at 80x24 as a user types: nothing preselected, numbers
//! and letters in every list with numbers that a filter does not change,
//! an edit made by going back leading to the next question in order, the
//! "no" answers kept so a finished case resumes at its end, a status line
//! that says what changed, keys that screen readers leave alone (and a
//! site's own keymap), and a small terminal that keeps the question and a
//! refusal on screen.

mod common;
use common::pty::Term;
use intake::model::Intake;

const CTRL_E: &str = "\x05";
const CTRL_F: &str = "\x06";
const CTRL_G: &str = "\x07";
const CTRL_P: &str = "\x10";
const CTRL_W: &str = "\x17";
const CTRL_X: &str = "\x18";
const SHIFT_TAB: &str = "\x1b[Z";

fn start(home: &std::path::Path) -> Term {
    let t = Term::start(&["--as-of", "2016-06-01"], home);
    t.wait_for("How many people", 10);
    t
}

/// Type an answer and Enter; the answer must be taken.
fn answer(t: &mut Term, text: &str) {
    t.send(&format!("{text}\r"));
    let s = t.screen();
    assert!(!s.contains("Error:"), "{text:?} was refused:\n{s}");
}

fn quit(t: &mut Term) {
    t.send(CTRL_X);
    t.wait_for("Quit?", 5);
    t.send("y");
    let status = t.wait_exit(10).expect("intake exits after quitting");
    assert!(status.success());
}

fn stored(home: &std::path::Path, id: i64) -> Intake {
    let db = home.join("intake").join("intake.db");
    let store = intake::store::Store::open(&db).unwrap();
    store.get(id).unwrap().record
}

/// The row of the screen holding `text`.
fn row<'a>(screen: &'a str, text: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(text))
        .unwrap_or_else(|| panic!("no row with {text:?}:\n{screen}"))
}

#[test]
fn nothing_is_chosen_until_the_user_chooses() {
    let home = tempfile::tempdir().unwrap();
    let mut t = start(home.path());
    answer(&mut t, "1");
    answer(&mut t, "Ann Lee");
    answer(&mut t, "1");
    // A yes/no question opens with nothing selected, and Enter on nothing
    // records nothing: it says how to choose, and asks again.
    let s = t.wait_for("Is Ann Lee applying", 5);
    assert!(!s.contains("(selected)"), "{s}");
    assert!(s.contains("Nothing chosen yet"), "{s}");
    t.send("\r");
    let s = t.wait_for("Nothing is chosen", 5);
    assert!(s.contains("The question again: Is Ann Lee applying"), "{s}");
    // A number works in a yes/no list, and the choice is said.
    t.send("1");
    assert!(t.screen().contains("Typed 1: 1. Yes."), "{}", t.screen());
    answer(&mut t, "");
    t.wait_for("Answer: Yes.", 5);
    answer(&mut t, "1/2/1945");
    // First letters in a choice list; the status line names the choice.
    answer(&mut t, "single");
    t.wait_for("Answer: Single, never married.", 5);
    // A letter in a yes/no list.
    t.wait_for("American Indian or Alaska Native", 5);
    t.send("n");
    assert!(t.screen().contains("> 2. No (selected)"), "{}", t.screen());
    answer(&mut t, "");
    t.wait_for("Answer: No.", 5);
    // Enter on nothing is refused; Tab leaves the question unanswered.
    t.wait_for("live in Massachusetts", 5);
    t.send("\r");
    t.wait_for("Nothing is chosen", 5);
    t.send("\t");
    t.wait_for("jail or prison", 5);
    quit(&mut t);
    let rec = stored(home.path(), 1);
    let ann = &rec.people[0];
    assert_eq!(ann.ai_an, Some(false));
    assert_eq!(ann.resident, None, "Enter recorded an answer nobody gave");
    assert_eq!(ann.marital_status.as_deref(), Some("single"));
}

#[test]
fn numbers_stay_with_their_choices_under_a_filter() {
    let home = tempfile::tempdir().unwrap();
    let mut t = start(home.path());
    for a in ["1", "Ann Lee", "1", "1", "1/2/1945"] {
        answer(&mut t, a);
    }
    let all = t.wait_for("Divorced", 5);
    let widowed = row(&all, "Widowed").trim_matches(|c| c == '│' || c == ' ');
    let number: String = widowed.chars().take_while(char::is_ascii_digit).collect();
    assert!(!number.is_empty(), "{widowed}");
    t.send(CTRL_F);
    t.send("wid");
    let s = t.wait_for("Filter: wid", 5);
    assert!(s.contains(&format!("{number}. Widowed")), "{s}");
    assert!(!s.contains("1. Widowed") || number == "1", "{s}");
    // The one choice left is the one chosen; Enter records it.
    answer(&mut t, "");
    t.wait_for("Answer: Widowed.", 5);
    // Going back, the number chooses the same choice without a filter.
    t.send(SHIFT_TAB);
    t.wait_for("Answer so far: Widowed", 5);
    t.send(&number);
    let s = t.screen();
    assert!(
        s.contains(&format!("Typed {number}: {number}. Widowed.")),
        "{s}"
    );
    quit(&mut t);
}

#[test]
fn an_edit_made_by_going_back_goes_on_to_the_next_question() {
    let home = tempfile::tempdir().unwrap();
    let mut t = start(home.path());
    for a in ["1", "Ann Lee", "1", "1", "1/2/1945", "single", "no", "yes"] {
        answer(&mut t, a);
    }
    t.wait_for("jail or prison", 5);
    for _ in 0..4 {
        t.send(SHIFT_TAB);
    }
    let s = t.wait_for("date of birth", 5);
    assert!(s.contains("Answer so far: January 2, 1945"), "{s}");
    // The field holds the answer so far; replace it.
    t.send(&"\x7f".repeat(20));
    answer(&mut t, "1/3/1945");
    // Next in order: the marital status, not the first unanswered question.
    let s = t.wait_for("Answer so far: Single", 5);
    assert!(!s.contains("jail or prison"), "{s}");
    answer(&mut t, "");
    t.wait_for("American Indian", 5);
    answer(&mut t, "");
    t.wait_for("live in Massachusetts", 5);
    answer(&mut t, "");
    t.wait_for("jail or prison", 5);
    quit(&mut t);
    let rec = stored(home.path(), 1);
    assert_eq!(
        rec.people[0].birth_date.map(|d| d.to_string()).as_deref(),
        Some("1945-01-03")
    );
}

/// Ann Lee's whole interview, as typed in the form.
const ANN: &[&str] = &[
    "1",
    "Ann Lee",
    "1",
    "1",
    "1/2/1945",
    "single",
    "no",
    "yes",
    "no",
    "1",
    "1",
    "no",
    "no",
    "no",
    // incomes, tax, assets
    "no",
    "no",
    "no", // medicare, insured, underinsured, tricare, connector
    "1",
    "yes",
    "yes",
    "no",
    "no", // disabled, blind, pca, level of care, sco
    "no",
    "no",
    "no",
    "no",
    "no", // events, application date, documents
    "no",
    "5/20/2016",
    "no",
];

#[test]
fn no_answers_are_kept_and_a_finished_case_resumes_at_its_end() {
    let home = tempfile::tempdir().unwrap();
    let mut t = start(home.path());
    for a in ANN {
        answer(&mut t, a);
    }
    t.wait_for("Interview complete", 5);
    quit(&mut t);
    let rec = stored(home.path(), 1);
    assert_eq!(rec.events_complete, Some(true));
    assert_eq!(rec.people[0].documents_complete, Some(true));
    let mut t = Term::start(&["--as-of", "2016-06-01", "resume", "1"], home.path());
    let s = t.wait_for("Interview complete", 10);
    assert!(s.contains("Case 1 resumed. Every question"), "{s}");
    assert!(!s.contains("New interview"), "{s}");
    quit(&mut t);
}

#[test]
fn the_status_line_says_what_changed() {
    let home = tempfile::tempdir().unwrap();
    let mut t = start(home.path());
    // The first answer moves the counts (possible 0 to 20): said, not
    // "Nothing changed".
    answer(&mut t, "1");
    let s = t.wait_for("Saved.", 5);
    let status = row(&s, "Saved.");
    assert!(status.contains("Panel now:"), "{s}");
    assert!(status.contains("Likely 0, possible 20"), "{s}");
    assert!(!s.contains("Nothing changed"), "{s}");
    answer(&mut t, "Ann Lee");
    answer(&mut t, "1");
    quit(&mut t);
}

#[test]
fn keys_screen_readers_leave_alone_reach_every_view() {
    let home = tempfile::tempdir().unwrap();
    let mut t = start(home.path());
    for a in [
        "1", "Ann Lee", "1", "1", "1/2/1945", "single", "no", "yes", "no",
    ] {
        answer(&mut t, a);
    }
    let s = t.wait_for("Ctrl-P panel", 5);
    assert!(s.contains("Ctrl-G help"), "{s}");
    // The panel (missing proofs, deadlines) at 80x24, without F2.
    t.send(CTRL_P);
    let s = t.wait_for("Proofs still needed", 5);
    assert!(s.contains("MISSING proof"), "{s}");
    let proofs = s.find("Proofs still needed").unwrap();
    let possible = s.find("POSSIBLE").unwrap_or(usize::MAX);
    assert!(proofs < possible, "proofs after possible programs:\n{s}");
    // Why, without F3.
    t.send(CTRL_W);
    t.wait_for("Why", 5);
    t.send(CTRL_E);
    t.send(CTRL_P);
    t.wait_for("Ctrl-P panel", 5);
    // Help, without F1, lists every key.
    t.send(CTRL_G);
    let s = t.wait_for("Keys:", 5);
    assert!(s.contains("Ctrl-P or F2"), "{s}");
    t.send(CTRL_E);
    quit(&mut t);
}

#[test]
fn a_site_keymap_changes_the_keys_and_the_hints() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("config").join("intake");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("keys.yaml"), "panel: [Ctrl-O, F2]\n").unwrap();
    let mut t = start(home.path());
    let s = t.wait_for("Ctrl-O panel", 5);
    assert!(!s.contains("Ctrl-P"), "{s}");
    t.send("\x0f");
    t.wait_for("Programs, proofs and deadlines", 5);
    t.send("\x0f");
    quit(&mut t);
    // A bad file: one line naming the file and line, status 2, before the
    // terminal is touched.
    std::fs::write(dir.join("keys.yaml"), "# ours\npanel: [Ctrl-H]\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_intake"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path())
        .arg("keys")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("keys.yaml:2"), "{err}");
    assert!(err.contains("Backspace"), "{err}");
}

#[test]
fn a_small_terminal_keeps_the_question_and_the_refusal_in_view() {
    let home = tempfile::tempdir().unwrap();
    let mut t = start(home.path());
    for a in ["1", "Ann Lee", "1"] {
        answer(&mut t, a);
    }
    t.wait_for("Is Ann Lee applying", 5);
    t.resize(10, 40);
    let s = t.wait_for("applying", 5);
    assert!(s.contains("1. Yes"), "{s}");
    t.send("x\r");
    let s = t.wait_for("Error:", 5);
    assert!(s.contains("The question again"), "{s}");
    // A filter that matches nothing says so, and the message goes when the
    // filter changes.
    t.send(CTRL_F);
    t.send("zz");
    t.wait_for("No choice matches", 5);
    t.send("\x7f\x7fy");
    let s = t.screen();
    assert!(!s.contains("No choice matches"), "{s}");
    assert!(s.contains("1. Yes"), "{s}");
    t.resize(24, 80);
    quit(&mut t);
}

#[test]
fn everyday_words_choose_in_the_form_and_the_choice_is_said() {
    let home = tempfile::tempdir().unwrap();
    let mut t = start(home.path());
    // Ann's interview up to her papers.
    for a in &ANN[..ANN.len() - 1] {
        answer(&mut t, a);
    }
    t.wait_for("any papers to send", 5);
    answer(&mut t, "yes");
    t.wait_for("Which document is it?", 5);
    // A caller's words, typed to choose: the choice is named before Enter.
    t.send("green card");
    let s = t.screen();
    assert!(s.contains("Typed green card:"), "{s}");
    assert!(s.contains("Immigration document"), "{s}");
    answer(&mut t, "");
    t.wait_for("Answer: Immigration document.", 5);
    // The filter finds a paper by an everyday word too.
    answer(&mut t, "yes");
    t.wait_for("Which document is it?", 5);
    t.send(CTRL_F);
    t.send("light bill");
    let s = t.screen();
    assert!(s.contains("Utility bill"), "{s}");
    quit(&mut t);
    let rec = stored(home.path(), 1);
    assert_eq!(rec.people[0].documents.len(), 1);
}
