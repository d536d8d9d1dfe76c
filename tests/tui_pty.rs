//! End to end through a real pseudo-terminal: start `intake`, answer the
//! senior couple's interview by keystrokes as a user would (the same
//! answers as the plain-mode script), resize mid-interview, read the side
//! panel at the end, quit, and check the terminal was restored.

mod common;
use common::pty::Term;
use std::time::{Duration, Instant};

const F2: &str = "\x1bOQ";
const F10: &str = "\x1b[21~";

#[test]
fn senior_couple_by_keystrokes() {
    let home = tempfile::tempdir().unwrap();
    let mut t = Term::start(&["--as-of", "2016-06-01"], home.path());
    let first = t.wait_for("How many people", 10);
    assert!(first.contains("Part 1 of"), "{first}");
    // A wrong answer first: refused, with the reason beside the field.
    t.send("abc\r");
    let s = t.wait_for("Error:", 15);
    assert!(s.contains("abc"), "{s}");
    // Clear the field and answer as the script does.
    t.send("\x7f\x7f\x7f");
    let script = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/plain/senior-couple.txt"
    ))
    .unwrap();
    let answers: Vec<&str> = script
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .collect();
    for (i, a) in answers.iter().enumerate() {
        if i == 20 {
            // Resize mid-interview: wide, then back.
            t.resize(40, 120);
            let wide = t.wait_for("Programs, proofs and deadlines", 15);
            assert!(wide.contains("Part "), "{wide}");
            t.resize(24, 80);
        }
        match *a {
            "skip" => t.send("\t"),
            text => t.send(&format!("{text}\r")),
        }
        let s = t.screen();
        assert!(
            !s.contains("Error:"),
            "answer {i} ({a:?}) was refused:\n{s}"
        );
        if i == 10 {
            // At 80x24 the panel is on screen under the question, and
            // moves as answers come in.
            assert!(s.contains("Panel (Ctrl-P"), "{s}");
            assert!(s.contains("MISSING: residency (Walter, Rosa)"), "{s}");
            assert!(s.contains("LIKELY: no program yet"), "{s}");
        }
    }
    let s = t.wait_for("Interview complete", 15);
    assert!(
        s.contains("LIKELY: Health Safety Net (Walter, Rosa); Buy-In (Walter, Rosa)"),
        "{s}"
    );
    assert!(
        s.contains("LIKELY AFTER DEDUCTIBLE: Standard $930.00 (Walter, Rosa)"),
        "{s}"
    );
    // The panel at 80x24 is a view of its own.
    t.send(F2);
    let panel = t.wait_for("Programs", 15);
    assert!(
        panel.contains("LIKELY MassHealth Buy-In - Walter Brooks, Rosa Brooks"),
        "{panel}"
    );
    assert!(
        panel.contains("LIKELY AFTER DEDUCTIBLE MassHealth Standard ($930.00 deductible)")
            || panel.contains("AFTER DEDUCTIBLE MassHealth Standard"),
        "{panel}"
    );
    assert!(panel.contains("LIKELY Health Safety Net"), "{panel}");
    // Quit asks first, and says where the answers are.
    t.send(F10);
    let q = t.wait_for("Quit?", 15);
    assert!(q.contains("saved as case 1"), "{q}");
    t.send("y");
    let end = Instant::now() + Duration::from_secs(10);
    while t.child.try_wait().unwrap().is_none() && Instant::now() < end {
        std::thread::sleep(Duration::from_millis(50));
    }
    let status = t
        .child
        .try_wait()
        .unwrap()
        .expect("intake exits after quitting");
    assert!(status.success());
    std::thread::sleep(Duration::from_millis(200));
    let p = t.parser.lock().unwrap();
    let screen = p.screen();
    assert!(!screen.alternate_screen(), "still on the alternate screen");
    assert!(!screen.hide_cursor(), "the cursor was left hidden");
    let text = screen.contents().replace('\u{a0}', " ");
    assert!(text.contains("intake resume 1"), "{text}");
    drop(p);
    // What was typed is in the store.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_intake"))
        .args(["list"])
        .env("XDG_DATA_HOME", home.path())
        .output()
        .unwrap();
    let list = String::from_utf8_lossy(&out.stdout);
    assert!(list.contains("Walter Brooks, Rosa Brooks"), "{list}");
    assert!(list.contains("MassHealth Buy-In"), "{list}");
    let _ = &t.raw;
}
