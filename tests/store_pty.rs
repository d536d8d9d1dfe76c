//! Cases survive: kill -9 an interview in a pseudo-terminal mid-way, resume
//! it, and find every accepted answer (the one being typed is lost). And a
//! store that cannot be written: the user is told, the interview goes on.

mod common;
use common::pty::Term;
use std::process::Command;

fn record(home: &std::path::Path) -> serde_json::Value {
    let db = home.join("intake/intake.db");
    let c = rusqlite::Connection::open(db).unwrap();
    let json: String = c
        .query_row("SELECT record FROM cases WHERE id = 1", [], |r| r.get(0))
        .unwrap();
    serde_json::from_str(&json).unwrap()
}

#[test]
fn kill_dash_nine_then_resume_keeps_every_accepted_answer() {
    let home = tempfile::tempdir().unwrap();
    let mut t = Term::start(&["--as-of", "2016-06-01"], home.path());
    t.wait_for("How many people", 10);
    for answer in ["2", "Walter Brooks", "Rosa Brooks", "2", "yes", "3/12/1944"] {
        t.send(&format!("{answer}\r"));
    }
    t.wait_for("single, married", 5);
    // Half an answer typed, not accepted: this one may be lost. Keys are
    // read only after the last accepted answer is committed, so once they
    // show, every answer before them is on disk.
    t.send("mar");
    t.wait_for("Typed mar:", 5);
    let pid = t.pid().expect("a process id") as i32;
    // SIGKILL: no chance to save or tidy up.
    unsafe {
        libc::kill(pid, libc::SIGKILL);
    }
    assert!(t.wait_exit(5).is_some(), "the process did not die");
    drop(t);

    let r = record(home.path());
    assert_eq!(r["people"][0]["name"], "Walter Brooks");
    assert_eq!(r["people"][1]["name"], "Rosa Brooks");
    assert_eq!(r["people"][0]["birth_date"], "1944-03-12");
    assert_eq!(r["household"]["size"], 2);
    assert!(
        r["people"][0].get("marital_status").is_none(),
        "the half-typed answer was not accepted"
    );

    // Resume: the same case, at the question where it stopped.
    let mut t = Term::start(&["resume", "1"], home.path());
    let s = t.wait_for("single, married", 10);
    assert!(s.contains("Walter Brooks"), "{s}");
    t.send("2\r");
    t.wait_for("husband or wife", 5);
    let r = record(home.path());
    assert_eq!(r["people"][0]["marital_status"], "married");
    assert_eq!(
        r["people"][0]["birth_date"], "1944-03-12",
        "earlier answers are kept"
    );
    t.send("\x1b[21~");
    t.wait_for("Quit?", 5);
    t.send("y");
    assert!(t.wait_exit(5).is_some_and(|s| s.success()));
}

#[test]
fn a_store_that_cannot_be_written_is_reported_and_the_interview_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    // The store's folder is a regular file: nothing can be written there,
    // whoever runs the test.
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, "x").unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_intake"));
    cmd.args(["--plain", "--as-of", "2016-06-01", "--db"])
        .arg(blocker.join("intake.db"))
        .env_remove("TERM");
    let out = common::run_with_input(cmd, "1\nAnn Lee\n1\n");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("not saved in the case store"), "{text}");
    // The interview went on to the next questions after the refusal.
    assert!(text.contains("Ann Lee"), "{text}");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}
