//! The kiosk, tried as a stranger at its keyboard would try it: in the
//! plain mode it falls into on a dumb terminal or without one, and in the
//! form. No file is written at the caller's word, no case is named, an
//! idle interview is closed and cleared, and a paste of any size leaves
//! the process idle afterwards.

mod common;
use common::pty::Term;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_intake"));
    c.current_dir(ROOT).env_remove("NO_COLOR");
    c
}

struct Run {
    code: i32,
    out: String,
    err: String,
}

/// Run with answers piped in, as `ssh -T` gives them.
fn piped(args: &[&str], term: Option<&str>, input: &str) -> Run {
    let mut c = bin();
    c.args(args);
    match term {
        Some(t) => c.env("TERM", t),
        None => c.env_remove("TERM"),
    };
    let o = common::run_with_input(c, input);
    Run {
        code: o.status.code().unwrap_or(-1),
        out: String::from_utf8_lossy(&o.stdout).into_owned(),
        err: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

fn store_at(dir: &Path) -> PathBuf {
    dir.join("store").join("intake.db")
}

fn cases(db: &Path) -> Vec<intake::store::Case> {
    intake::store::Store::open(db).unwrap().list(100).unwrap()
}

#[test]
fn the_plain_kiosk_writes_no_file_the_caller_names() {
    for term in [None, Some("dumb")] {
        let dir = tempfile::tempdir().unwrap();
        let db = store_at(dir.path());
        let bashrc = dir.path().join("bashrc");
        std::fs::write(&bashrc, "# the kiosk user's own\n").unwrap();
        let fresh = dir.path().join("authorized_keys");
        let input = format!(
            "1\nx; id > /tmp/p\nsave\n{}\nsave\n{}\nsave\n{}\nstatus\nquit\n",
            bashrc.display(),
            fresh.display(),
            db.display()
        );
        let args = [
            "--kiosk",
            "--as-of",
            "2016-06-01",
            "--db",
            db.to_str().unwrap(),
        ];
        let r = piped(&args, term, &input);
        assert_eq!(r.code, 0, "TERM={term:?}: {}{}", r.out, r.err);
        assert_eq!(
            r.out.matches("they cannot be saved to a file").count(),
            3,
            "TERM={term:?}: {}",
            r.out
        );
        // Nothing outside the store changed, and the store is a store.
        assert_eq!(
            std::fs::read_to_string(&bashrc).unwrap(),
            "# the kiosk user's own\n"
        );
        assert!(!fresh.exists());
        let kept = cases(&db);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].record.people[0].display_name(), "x; id > /tmp/p");
        // Saving is not offered, and no case number is said.
        assert!(!r.out.contains(", save or quit"), "{}", r.out);
        assert!(!r.out.contains("case 1"), "{}", r.out);
        assert!(
            r.out
                .contains("Goodbye. Your answers are kept for the staff.")
        );
    }
}

#[test]
fn a_kiosk_takes_no_command_and_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = store_at(dir.path());
    let db = db.to_str().unwrap();
    for args in [
        vec!["--kiosk", "--db", db, "list"],
        vec!["--kiosk", "--db", db, "resume", "1"],
        vec!["--kiosk", "--db", db, "export", "1", "-o", "-"],
        vec![
            "--kiosk",
            "--db",
            db,
            "check",
            "examples/senior-couple.yaml",
        ],
        vec![
            "--kiosk",
            "--db",
            db,
            "--open",
            "examples/senior-couple.yaml",
        ],
        vec!["--kiosk", "--db", db, "--save", "/tmp/x.yaml"],
    ] {
        let r = piped(&args, None, "");
        assert_eq!(r.code, 2, "{args:?}: {}", r.out);
        assert_eq!(r.err.lines().count(), 1, "{args:?}: {}", r.err);
        assert!(r.err.contains("--kiosk"), "{}", r.err);
        assert!(r.out.is_empty(), "{args:?}: {}", r.out);
    }
}

/// The plain mode at a kiosk, fed by hand: answers, then silence longer
/// than --idle, then a question about where things stand.
#[test]
fn the_plain_kiosk_forgets_an_idle_caller() {
    let dir = tempfile::tempdir().unwrap();
    let db = store_at(dir.path());
    let mut child = bin()
        .args(["--kiosk", "--idle", "1", "--as-of", "2016-06-01", "--db"])
        .arg(&db)
        .env("TERM", "dumb")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"1\nZed Kioskperson\n2\n").unwrap();
    stdin.flush().unwrap();
    std::thread::sleep(Duration::from_millis(2500));
    stdin.write_all(b"status\nquit\n").unwrap();
    drop(stdin);
    let o = child.wait_with_output().unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    let reset = "No answer came for 1 seconds, so the last interview was closed and its answers were cleared. A new interview starts now.";
    let at = out
        .find(reset)
        .unwrap_or_else(|| panic!("no reset said:\n{out}"));
    // Said once: the new interview, with nothing in it yet, is not reset
    // again (a listener would hear the first question again and again).
    assert_eq!(out.matches(reset).count(), 1, "{out}");
    let after = &out[at..];
    assert!(
        after.contains("How many people should we go through today?"),
        "{after}"
    );
    assert!(after.contains("No one is applying yet."), "{after}");
    assert!(
        !after.contains("Zed") && !after.contains("Kioskperson"),
        "{after}"
    );
    assert_eq!(o.status.code(), Some(0));
    // The case is kept, closed, and the new interview made none.
    let kept = cases(&db);
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(kept[0].state, "closed");
    assert_eq!(kept[0].record.people[0].display_name(), "Zed Kioskperson");
}

fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // Fields after the command name (which may hold spaces) in brackets.
    let rest = &stat[stat.rfind(')').unwrap() + 2..];
    let f: Vec<&str> = rest.split(' ').collect();
    // utime and stime are fields 14 and 15 of the whole line.
    f[11].parse::<u64>().unwrap() + f[12].parse::<u64>().unwrap()
}

/// A paste of 100,000 characters into a field of the form, sent as one
/// bracketed paste and as loose keys: handled at once, the field keeps the
/// longest answer taken, and afterwards the process sleeps.
#[test]
fn a_huge_paste_leaves_the_form_idle() {
    for bracketed in [true, false] {
        let home = tempfile::tempdir().unwrap();
        let mut t = Term::start(&["--as-of", "2016-06-01"], home.path());
        t.wait_for("How many people", 10);
        t.send("1\r");
        t.wait_for("name", 5);
        let pid = t.pid().unwrap();
        let mut w = t.take_writer();
        let started = Instant::now();
        let writer = std::thread::spawn(move || {
            let body = "a".repeat(100_000);
            let text = if bracketed {
                format!("\x1b[200~{body}\x1b[201~")
            } else {
                body
            };
            w.write_all(text.as_bytes()).unwrap();
            w.flush().unwrap();
            w
        });
        let mut w = writer.join().unwrap();
        // The field shows the longest answer taken: 200 letters.
        let end = Instant::now() + Duration::from_secs(20);
        while !t.output().contains(&"a".repeat(60)) && Instant::now() < end {
            std::thread::sleep(Duration::from_millis(50));
        }
        std::thread::sleep(Duration::from_millis(500));
        let took = started.elapsed();
        assert!(
            took < Duration::from_secs(10),
            "bracketed={bracketed}: the paste took {took:?}"
        );
        let before = cpu_ticks(pid);
        std::thread::sleep(Duration::from_secs(2));
        let spent = cpu_ticks(pid) - before;
        // Ticks are 1/100 s: at most 0.1 s of CPU over 2 idle seconds.
        assert!(
            spent <= 10,
            "bracketed={bracketed}: {spent} ticks of CPU while idle"
        );
        // The field holds the longest answer taken, and keys still work.
        assert!(t.screen().contains(&"a".repeat(60)), "{}", t.screen());
        w.write_all(b"\x03").unwrap();
        w.flush().unwrap();
        t.wait_for("Quit?", 5);
    }
}

#[test]
fn sigterm_restores_the_terminal_and_exits_non_zero() {
    let home = tempfile::tempdir().unwrap();
    let mut t = Term::start(&["--as-of", "2016-06-01"], home.path());
    t.wait_for("How many people", 10);
    let pid = t.pid().unwrap() as i32;
    unsafe {
        libc::kill(pid, libc::SIGTERM);
    }
    let status = t.wait_exit(5).expect("SIGTERM ended the form");
    assert_eq!(status.exit_code(), 128 + 15);
    let raw = t.output();
    let left = raw
        .rfind("\x1b[?1049l")
        .expect("the alternate screen was left");
    assert!(raw.rfind("\x1b[?1049h").unwrap() < left);
    assert!(
        raw[left..].contains("\x1b[?25h"),
        "the cursor is shown again"
    );
}

#[test]
fn the_form_kiosk_names_no_case_and_forgets_an_idle_caller() {
    let home = tempfile::tempdir().unwrap();
    let db = store_at(home.path());
    let args = [
        "--kiosk",
        "--idle",
        "1",
        "--as-of",
        "2016-06-01",
        "--db",
        db.to_str().unwrap(),
    ];
    let mut t = Term::start(&args, home.path());
    t.wait_for("How many people", 10);
    t.send("1\r");
    t.wait_for("name", 5);
    t.send("Zed Kioskperson\r");
    t.wait_for("Zed Kioskperson", 5);
    // Idle: the screen forgets the caller, the case is closed.
    std::thread::sleep(Duration::from_millis(2500));
    let s = t.wait_for("How many people", 5);
    assert!(!s.contains("Kioskperson"), "{s}");
    let kept = cases(&db);
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].state, "closed");
    // A new caller answers, then quits: no case number, on screen or after.
    t.send("1\r");
    t.wait_for("name", 5);
    t.send("Amy Second\r");
    t.wait_for("Amy Second", 5);
    t.send("\x03");
    let s = t.wait_for("Quit?", 5);
    assert!(s.contains("Your answers are kept for the staff."), "{s}");
    assert!(!s.contains("resume") && !s.contains("case 2"), "{s}");
    t.send("y");
    let status = t.wait_exit(5).expect("the form ended");
    assert_eq!(status.exit_code(), 0);
    let raw = t.output();
    assert!(!raw.contains("intake resume"), "the case number was shown");
    let kept = cases(&db);
    assert_eq!(kept.len(), 2);
    assert!(kept.iter().all(|c| c.state == "closed"), "{kept:?}");
}
