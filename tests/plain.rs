//! The plain mode driven as a user (or a script) drives it: answers piped
//! into the real binary, one per line. What is said, what is saved, and
//! that nothing but plain text is ever written.

mod common;
use intake::content::Content;
use intake::engine::{self, Assessment};
use intake::interview::{Interview, Script};
use intake::report::Words;
use intake::rules::Pack;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

struct Run {
    code: i32,
    bytes: Vec<u8>,
    out: String,
    err: String,
}

fn test_store_home() -> std::path::PathBuf {
    std::env::temp_dir().join(format!("intake-plain-tests-{}", std::process::id()))
}

fn intake(args: &[&str], input: &str) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_intake"));
    cmd.args(args)
        .current_dir(ROOT)
        .env_remove("TERM")
        // Autosaved cases go to a store of the test's own, never the user's.
        .env("XDG_DATA_HOME", test_store_home());
    let o = common::run_with_input(cmd, input);
    Run {
        code: o.status.code().unwrap_or(-1),
        out: String::from_utf8(o.stdout.clone()).expect("output is UTF-8"),
        bytes: o.stdout,
        err: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

fn plain(extra: &[&str], input: &str) -> Run {
    let mut args = vec!["--plain", "--as-of", "2016-06-01"];
    args.extend_from_slice(extra);
    let r = intake(&args, input);
    assert_plain_text(&r.bytes);
    r
}

/// Byte for byte: no ESC (so no escape sequence of any kind), no other
/// control character but the line feed, no box-drawing or block character.
fn assert_plain_text(bytes: &[u8]) {
    assert!(!bytes.contains(&0x1b), "an ESC byte was written");
    let s = std::str::from_utf8(bytes).unwrap();
    for (i, c) in s.chars().enumerate() {
        assert!(
            !('\u{2500}'..='\u{259f}').contains(&c),
            "box-drawing character {c:?} at {i}"
        );
        assert!(
            c == '\n' || !c.is_control(),
            "control character {c:?} at {i}"
        );
    }
}

fn couple_answers() -> String {
    std::fs::read_to_string(Path::new(ROOT).join("tests/plain/senior-couple.txt")).unwrap()
}

/// `lines` appear in `out` in this order (each a whole line).
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

/// The case number said on the line that starts with `prefix` ("Goodbye.
/// Your answers are kept as case "), checked against the store: the case
/// is there and holds `name`.
fn kept_case(out: &str, prefix: &str, name: &str) -> i64 {
    let line = out
        .lines()
        .find(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("no line starting {prefix:?} in:\n{out}"));
    let id: i64 = line[prefix.len()..]
        .trim_end_matches('.')
        .parse()
        .unwrap_or_else(|_| panic!("no case number in {line:?}"));
    let store =
        intake::store::Store::open(&test_store_home().join("intake").join("intake.db")).unwrap();
    let case = store.get(id).unwrap();
    assert!(
        case.record.people.iter().any(|p| p.display_name() == name),
        "case {id} does not hold {name}"
    );
    id
}

fn check_json(file: &Path) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_intake"))
        .args(["check", "--format", "json"])
        .arg(file)
        .current_dir(ROOT)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn words_for<T>(f: impl FnOnce(&Words) -> T) -> T {
    let pack = Pack::open("ma").unwrap();
    let content = Content::open("en").unwrap();
    f(&Words::new(&content, &pack))
}

#[test]
fn senior_couple_whole_interview() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("brooks.yaml");
    let r = plain(&["--save", saved.to_str().unwrap()], &couple_answers());
    assert_eq!(r.code, 0, "{}\n{}", r.out, r.err);
    assert!(r.err.is_empty(), "{}", r.err);

    // What changed is said as it changes, in short sentences.
    assert_in_order(
        &r.out,
        &[
            "New missing proof for Walter Brooks and Rosa Brooks: proof of Massachusetts residency.",
            "New missing proof for Walter Brooks: proof of U.S. citizenship, proof of identity.",
            "New missing proof for Walter Brooks: proof of income (Pension or retirement).",
            "Now likely for Walter Brooks and Rosa Brooks after a deductible of $930.00: MassHealth Standard.",
            "Now likely for Walter Brooks: MassHealth Buy-In.",
            "No longer needed for Walter Brooks: proof of U.S. citizenship, proof of identity.",
            // The Health Safety Net's limit uses the poverty table of March
            // 1, 2015, which the guide says is updated each year.
            "Now likely for Walter Brooks: Health Safety Net (OLD FIGURES).",
            "The interview is finished.",
            "Walter Brooks: Likely: Health Safety Net (OLD FIGURES), MassHealth Buy-In. Likely after a deductible of $930.00: MassHealth Standard. Not eligible for 17 other programs.",
        ],
    );
    // Money and dates as words; choices as numbered lines.
    assert!(r.out.contains(
        "So far: 1. Social Security, $820.00 a month; 2. Pension or retirement, $210.00 a month."
    ));
    assert_in_order(
        &r.out,
        &[
            "1. Single, never married",
            "2. Married",
            "Enter a number from 1 to 5.",
        ],
    );
    assert!(r.out.contains("as of June 1, 2016."));
    // A long list of choices is read in full once; after that on request.
    assert_eq!(
        r.out.lines().filter(|l| *l == "12. Other income").count(),
        1
    );
    assert_eq!(r.out.lines().filter(|l| *l == "11. Other asset").count(), 1);
    assert_in_order(
        &r.out,
        &[
            "What kind of income is income 2?",
            "Enter a number from 1 to 12, or say list to hear the choices again.",
        ],
    );
    // Short lists are read each time.
    assert_eq!(
        r.out
            .lines()
            .filter(|l| *l == "3. No, not a citizen or national")
            .count(),
        2
    );
    assert!(r.out.contains(&format!("Saved to {}.", saved.display())));

    // The record is private to its owner.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&saved).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    // The final status is exactly what `intake check` on the saved record
    // says, put in the same sentences.
    let json = check_json(&saved);
    let a: Assessment = serde_json::from_value(json.clone()).unwrap();
    let said = words_for(|w| intake::plain::status_text(w, &a));
    let lines: Vec<&str> = r.out.lines().collect();
    let at = lines
        .iter()
        .position(|l| *l == said[0])
        .expect("the final status");
    assert_eq!(&lines[at..at + said.len()], said.as_slice());

    // And it is the example couple's assessment: the same programs with the
    // same deductibles, the same proofs.
    let example = check_json(&Path::new(ROOT).join("examples/senior-couple.yaml"));
    let pick = |v: &serde_json::Value, what: &str, keys: &[&str]| -> Vec<Vec<serde_json::Value>> {
        v[what]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| keys.iter().map(|k| x[k].clone()).collect())
            .collect()
    };
    let prog_keys = ["person", "program", "status", "deductible"];
    assert_eq!(
        pick(&json, "programs", &prog_keys),
        pick(&example, "programs", &prog_keys)
    );
    let proof_keys = ["person", "need", "status"];
    assert_eq!(
        pick(&json, "proofs", &proof_keys),
        pick(&example, "proofs", &proof_keys)
    );
    assert_eq!(json["figures"], example["figures"]);
}

#[test]
fn the_final_assessment_equals_check_on_the_saved_record() {
    // In-process, the whole assessment (every reason and citation) of the
    // record the interview ended with equals `intake check` on the file.
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("brooks.yaml");
    let pack = Pack::open("ma").unwrap();
    let content = Content::open("en").unwrap();
    let script = Script::load(&pack, &content).unwrap();
    let as_of = "2016-06-01".parse().unwrap();
    let iv = Interview::new(&script, &pack, as_of).unwrap();
    let words = Words::new(&content, &pack);
    let mut out = Vec::new();
    let end = intake::plain::run(
        iv,
        &words,
        intake::plain::Options {
            save: Some(saved.clone()),
            opened: None,
            saver: None,
            fit_terminal: false,
            kiosk: None,
        },
        couple_answers().as_bytes(),
        &mut out,
    );
    assert_eq!(end.code, 0);
    let mut a = engine::assess(&pack, &end.intake, as_of).unwrap();
    words.fill(&mut a);
    assert_eq!(serde_json::to_value(&a).unwrap(), check_json(&saved));
}

/// The reason, then the same question again.
fn assert_reasked(out: &str, reason: &str, question: &str) {
    let lines: Vec<&str> = out.lines().collect();
    let k = lines
        .windows(2)
        .position(|w| w[0] == reason && w[1] == question)
        .unwrap_or_else(|| panic!("{reason:?} then {question:?} not said in:\n{out}"));
    assert!(
        lines[..k].contains(&question),
        "{question:?} was not asked before {reason:?}"
    );
}

#[test]
fn invalid_answers_get_a_reason_and_the_same_question() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("never.yaml");
    let input = "abc\n0\n1\n\n  \nAnn Lee\n1\nmaybe\nyes\n2/30/1944\n7/1/2016\nyesterday\n1/2/1945\n9\nengaged\nse\n1\n";
    let r = plain(&["--save", saved.to_str().unwrap()], input);
    let count = "How many people should we go through today? Count the caller, and a husband or wife who lives with them even if not applying.";
    assert_reasked(&r.out, "\"abc\" is not a whole number.", count);
    assert_reasked(&r.out, "Enter a whole number from 1 to 12.", count);
    assert_reasked(
        &r.out,
        "An answer is needed here.",
        "What is the full name of person 1?",
    );
    let applying = "Is Ann Lee applying for health coverage? (yes or no)";
    assert_reasked(&r.out, "Please answer yes or no.", applying);
    let born = "What is Ann Lee's date of birth?";
    assert_reasked(&r.out, "February 30, 1944 is not a real date.", born);
    assert_reasked(
        &r.out,
        "July 1, 2016 is too late; the date must be on or before June 1, 2016.",
        born,
    );
    assert_reasked(
        &r.out,
        "\"yesterday\" is not a date. Use 2016-06-01 or 6/1/2016.",
        born,
    );
    let marital = "Is Ann Lee single, married, widowed, divorced or separated?";
    assert_reasked(&r.out, "Enter a number from 1 to 5.", marital);
    assert_reasked(
        &r.out,
        "\"engaged\" is not one of the choices. Enter a number from 1 to 5.",
        marital,
    );
    // End of input mid-interview: status 2, no file, and the words say
    // truly that the answers given are in the store.
    assert_eq!(r.code, 2);
    let last = r.out.lines().last().unwrap();
    assert!(
        last.starts_with("Input ended. The answers so far are kept as case "),
        "{last}"
    );
    kept_case(
        &r.out,
        "Input ended. The answers so far are kept as case ",
        "Ann Lee",
    );
    assert!(!saved.exists());
    assert!(!r.out.contains("panicked") && !r.err.contains("panicked"));
}

#[test]
fn impossible_birth_dates_and_household_sizes_are_reasked() {
    // The same bounds as `intake check` (model::bounds): born on or after
    // 1880-01-01, at most 130 on the as-of date; a household of 1 to 20.
    let input = "1\nAnn Lee\n21\n1\nyes\n0000-01-01\n1/2/1885\n9/9/9999\n1/2/1945\n";
    let r = plain(&[], input);
    assert_reasked(
        &r.out,
        "Enter a whole number from 1 to 20.",
        "How many people are in the household in all, counting anyone not being asked about today, such as a child claimed on taxes?",
    );
    let born = "What is Ann Lee's date of birth?";
    let implausible = |d: &str| {
        format!(
            "{d} cannot be a date of birth; it must be on or after January 1, 1880, and no one is taken to be over 130 years old."
        )
    };
    assert_reasked(&r.out, &implausible("January 1, 0"), born);
    assert_reasked(&r.out, &implausible("January 2, 1885"), born);
    assert_reasked(
        &r.out,
        "September 9, 9999 is too late; the date must be on or before June 1, 2016.",
        born,
    );
    assert!(!r.out.contains("panicked") && !r.err.contains("panicked"));
}

#[test]
fn end_of_input_inside_a_list_item_saves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("never.yaml");
    let answers = couple_answers();
    // Stop after choosing the kind of Walter's first income.
    let upto = answers.find("social security\n").unwrap() + "social security\n".len();
    let r = plain(&["--save", saved.to_str().unwrap()], &answers[..upto]);
    assert_eq!(r.code, 2);
    assert!(
        r.out.contains(
            "How much is it a month, before taxes and deductions?\nInput ended. The answers so far are kept as case "
        ),
        "{}",
        r.out
    );
    kept_case(
        &r.out,
        "Input ended. The answers so far are kept as case ",
        "Walter Brooks",
    );
    assert!(!saved.exists());
    assert!(
        std::fs::read_dir(dir.path()).unwrap().next().is_none(),
        "a temporary file was left"
    );
}

#[test]
fn commands_at_any_prompt() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("ann.yaml");
    let input = [
        "help",
        "1",
        "Ann Lee",
        "1",
        "yes",
        "1/2/1945",
        "1",
        "no",
        "yes",
        "no",
        "1",
        "1",
        "no",
        "no",
        "no",
        "yes",
        "1",
        "900",
        "no",
        "no",
        "yes",
        "bank",
        "1500",
        "no",
        // Medicare: Buy-In and Senior Buy-In become likely
        "has",
        "why",
        "status",
        "missing",
        "deadlines",
        "repeat",
        "back",
        "skip",
        "skip",
        "save",
    ]
    .join("\n")
        + "\n"
        + saved.to_str().unwrap()
        + "\nquit\n";
    let r = plain(&[], &input);
    assert_eq!(r.code, 0, "{}", r.out);
    let commands = "At any question you can say: help, why, status, missing, deadlines, repeat, back, skip, save or quit.";
    // Said once at the start, and again with help.
    assert_eq!(r.out.lines().filter(|l| *l == commands).count(), 2);
    assert_in_order(
        &r.out,
        &[
            commands,
            "Each person is asked about in turn. A spouse living with the caller is counted because their income and assets count too.",
            commands,
            "Now likely: MassHealth Standard.",
            "Now likely: MassHealth Buy-In, MassHealth Senior Buy-In.",
            "No longer needed: proof of U.S. citizenship, proof of identity for Ann Lee.",
            "Why MassHealth Buy-In for Ann Lee:",
            "Where things stand on June 1, 2016:",
            "Ann Lee: Likely: MassHealth Standard, MassHealth Buy-In, MassHealth Senior Buy-In. Possible, needing more answers: Health Connector plan, Acquired Brain Injury Waivers, Frail Elder Waiver, Intellectual Disability Waivers, Money Follows the Person Waivers, Traumatic Brain Injury Waiver, Health Safety Net (OLD FIGURES), Long-term care in a facility, PACE (Elder Service Plan), Senior Care Options (SCO). Not eligible for 7 other programs.",
            "Ann Lee still needs proof of Massachusetts residency and proof of assets.",
            "No deadlines yet.",
            // Every accepted paper is read: nothing says "(and 8 more)".
            "Proof of Massachusetts residency for Ann Lee: missing. Accepted: Utility bill; Lease and Most recent rent payment; Property deed or title and Most recent mortgage payment; Property deed or title and Property tax bill; Homeless shelter statement; Section 8 agreement; Homeowner's insurance agreement; School records; Nursery school or day care records; Public school enrollment; Residency data match; Residency affidavit.",
            "No deadlines yet.",
            // repeat: the part and the question again
            "Part 7 of 11: Medicare and other coverage, Ann Lee.",
            "Does Ann Lee have any health insurance now, counting Medicare? (yes or no)",
            // back: Medicare, with the answer given
            "Does Ann Lee have Medicare?",
            "Now: Yes, has Medicare. Press Enter to keep it.",
            // skip, skip: insurance left unanswered
            "Does Ann Lee have any health insurance now, counting Medicare? (yes or no)",
            "Was Ann Lee in a Health Connector plan when Medicare began? (yes or no)",
            "Enter a file name to save the record to, or press Enter to cancel.",
            &format!("Saved to {}.", saved.display()),
        ],
    );
    // Every answer is in the store too, and the goodbye says so.
    kept_case(&r.out, "Goodbye. Your answers are kept as case ", "Ann Lee");
    // why gives the reasons with their sources.
    let why = r
        .out
        .lines()
        .position(|l| l == "Why MassHealth Buy-In for Ann Lee:")
        .unwrap();
    let reasons: Vec<&str> = r
        .out
        .lines()
        .skip(why + 1)
        .take_while(|l| !l.starts_with("Why ") && !l.starts_with("Where"))
        .collect();
    assert!(
        !reasons.is_empty() && reasons.iter().all(|l| l.contains("(Source: ")),
        "{reasons:?}"
    );
    let rec = std::fs::read_to_string(&saved).unwrap();
    assert!(
        rec.contains("name: Ann Lee") && rec.contains("medicare: has"),
        "{rec}"
    );
}

#[test]
fn quit_asks_before_losing_answers() {
    // No store to keep the answers in (a device is never opened as one).
    let r = plain(
        &["--db", "/dev/null"],
        "1\nAnn Lee\nquit\nmaybe\nno\nquit\nyes\n",
    );
    assert_eq!(r.code, 0);
    assert_in_order(
        &r.out,
        &[
            "Quit without saving the answers? (yes or no)",
            "Please answer yes or no.",
            "How many people are in the household in all, counting anyone not being asked about today, such as a child claimed on taxes?",
            "Quit without saving the answers? (yes or no)",
            "Goodbye. The answers were not saved.",
        ],
    );
}

#[test]
fn quit_with_every_answer_stored_says_where_they_are() {
    let r = plain(&[], "1\nRuth Quinn\nquit\n");
    assert_eq!(r.code, 0);
    assert!(!r.out.contains("Quit without saving"), "{}", r.out);
    kept_case(
        &r.out,
        "Goodbye. Your answers are kept as case ",
        "Ruth Quinn",
    );
}

#[test]
fn save_then_a_command_word_makes_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let r = Command::new(env!("CARGO_BIN_EXE_intake"))
        .args(["--plain", "--as-of", "2016-06-01"])
        .current_dir(dir.path())
        .env("XDG_DATA_HOME", test_store_home())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            c.stdin
                .take()
                .unwrap()
                .write_all(b"1\nAnn Lee\nsave\nquit\nquit\n")?;
            c.wait_with_output()
        })
        .unwrap();
    let out = String::from_utf8_lossy(&r.stdout);
    assert!(out.contains("Not saved."), "{out}");
    assert!(
        !dir.path().join("quit").exists(),
        "save made a file named quit"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn an_interview_resumes_from_a_record() {
    let r = plain(&["--open", "examples/senior-couple.yaml"], "quit\n");
    assert_eq!(r.code, 0);
    let lines: Vec<&str> = r.out.lines().collect();
    assert_eq!(
        lines,
        vec![
            "Health coverage intake, plain mode. Massachusetts rules, as of June 1, 2016.",
            "OLD FIGURES: the federal poverty levels, from March 1, 2015, were due for update by March 1, 2016; results marked so may be out of date.",
            "Starting from the record in examples/senior-couple.yaml. Questions it answers are not asked again.",
            "At any question you can say: help, why, status, missing, deadlines, repeat, back, skip, save or quit.",
            "Part 2 of 11: Basics, Walter Brooks.",
            "Is Walter Brooks American Indian or Alaska Native? (yes or no)",
            "Goodbye.",
        ]
    );
}

#[test]
fn plain_is_chosen_when_output_is_not_a_terminal() {
    // No --plain: standard output is a pipe here.
    let r = intake(&["--as-of", "2016-06-01"], "");
    assert_plain_text(&r.bytes);
    assert_eq!(r.code, 2);
    assert!(
        r.out.starts_with("Health coverage intake, plain mode."),
        "{}",
        r.out
    );
    // --screen-reader is the same mode.
    let r = intake(&["--screen-reader", "--as-of", "2016-06-01"], "");
    assert!(
        r.out.starts_with("Health coverage intake, plain mode."),
        "{}",
        r.out
    );
}

#[test]
fn typed_escape_sequences_never_come_back_out() {
    // Arrow keys at a cooked terminal put ESC [ A into the line.
    let r = plain(&[], "1\nAnn\u{1b}[D\u{1b}[C Lee\u{2502}\n");
    assert!(
        r.out.contains("Is Ann Lee applying")
            || r.out.contains("How many people are in the household"),
        "{}",
        r.out
    );
}

#[test]
fn a_save_path_that_cannot_be_written_is_said_and_the_interview_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let bad: PathBuf = dir.path().join("no/such/dir/x.yaml");
    let r = plain(&[], &format!("1\nsave\n{}\nAnn Lee\n", bad.display()));
    assert!(
        r.out
            .contains(&format!("Could not save to {}: ", bad.display())),
        "{}",
        r.out
    );
    assert_in_order(
        &r.out,
        &[
            "What is the full name of person 1?",
            "How many people are in the household in all, counting anyone not being asked about today, such as a child claimed on taxes?",
        ],
    );
    assert_eq!(r.code, 2);
}

/// The answers a sr-harness key script types, one per Enter (Tab is `skip`).
fn typed_by(script: &str) -> Vec<String> {
    let keys = std::fs::read_to_string(Path::new(ROOT).join(script)).unwrap();
    let mut typed = Vec::new();
    let mut pending = String::new();
    for line in keys.lines() {
        if let Some(t) = line.strip_prefix("type ") {
            pending = t.to_string();
        } else if line == "key Enter" {
            typed.push(std::mem::take(&mut pending));
        } else if line == "key Tab" {
            assert!(pending.is_empty(), "{script}: Tab after typing {pending:?}");
            typed.push("skip".to_string());
        }
    }
    typed
}

#[test]
fn the_screen_reader_scripts_type_the_same_answers() {
    // tests/sr/senior-couple.keys (the plain mode) and
    // tests/sr/form-senior-couple.keys (the form) answer exactly what
    // tests/plain/senior-couple.txt does, so their timings compare.
    let answers: Vec<String> = couple_answers()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(str::to_string)
        .collect();
    let plain = typed_by("tests/sr/senior-couple.keys");
    // The plain script ends by saying quit after the interview.
    assert_eq!(plain.last().map(String::as_str), Some("quit"));
    assert_eq!(&plain[..plain.len() - 1], answers.as_slice());
    // The form script quits with F10, so every Enter is an answer.
    assert_eq!(typed_by("tests/sr/form-senior-couple.keys"), answers);
}

#[test]
fn one_program_is_one_program_in_status() {
    // Walter, 72, is not eligible for exactly one program at this point.
    let r = plain(
        &[],
        "2\nWalter Brooks\nRosa Brooks\n2\nyes\n3/12/1944\nstatus\nquit\nyes\n",
    );
    assert!(
        r.out.contains("Not eligible for 1 other program."),
        "{}",
        r.out
    );
    assert!(!r.out.contains("1 other programs"), "{}", r.out);
}
