//! The case store as users meet it: import, list, export, delete, purge;
//! eight processes at once; owner-only files; damaged, foreign and newer
//! files refused and left untouched; a read-only folder reported clearly.

use std::path::Path;
use std::process::{Command, Output};

fn intake(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_intake"))
        .arg("--db")
        .arg(db)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn import_list_export_delete() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.db");
    let o = intake(&db, &["import", "examples/senior-couple.yaml"]);
    let (out, err) = text(&o);
    assert!(o.status.success(), "{err}");
    let id = out.trim().to_string();
    let (out, _) = text(&intake(&db, &["list"]));
    assert!(
        out.contains(&format!("Case {id},")) && out.contains("Walter Brooks, Rosa Brooks"),
        "{out}"
    );
    assert!(out.contains("MassHealth Buy-In"), "{out}");
    let md = dir.path().join("list.md");
    let o = intake(
        &db,
        &[
            "export",
            &id,
            "--format",
            "md",
            "--output",
            md.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", text(&o).1);
    let list = std::fs::read_to_string(&md).unwrap();
    assert!(
        list.contains(
            "MassHealth Standard: once you have medical bills of $930.00 over six months."
        ),
        "{list}"
    );
    assert!(
        list.contains("1-800-841-2900 (TTY 1-800-497-4648)"),
        "{list}"
    );
    assert!(list.contains("133 Portland Street"), "{list}");
    assert!(
        !list.contains("data match"),
        "a data match is not something to send: {list}"
    );
    for fmt in ["json", "yaml"] {
        let f = dir.path().join(format!("list.{fmt}"));
        let o = intake(
            &db,
            &[
                "export",
                &id,
                "--format",
                fmt,
                "--output",
                f.to_str().unwrap(),
            ],
        );
        assert!(o.status.success());
        #[cfg(unix)]
        assert_eq!(mode(&f), 0o600);
    }
    #[cfg(unix)]
    {
        assert_eq!(mode(&db), 0o600);
        assert_eq!(mode(&md), 0o600);
        let wal = dir.path().join("cases.db-wal");
        if wal.exists() {
            assert_eq!(mode(&wal), 0o600);
        }
    }
    assert!(intake(&db, &["delete", &id]).status.success());
    let o = intake(&db, &["export", &id]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).1.contains(&format!("there is no case {id}")));
}

#[test]
fn eight_processes_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shared.db");
    // Create the store first so all eight find it.
    assert!(intake(&db, &["list"]).status.success());
    let children: Vec<_> = (0..8)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_intake"))
                .arg("--db")
                .arg(&db)
                .args(["import", "examples/senior-couple.yaml"])
                .current_dir(env!("CARGO_MANIFEST_DIR"))
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut ids = Vec::new();
    for c in children {
        let o = c.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", text(&o).1);
        ids.push(text(&o).0.trim().to_string());
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 8);
    let (out, _) = text(&intake(&db, &["list"]));
    assert_eq!(
        out.lines().filter(|l| l.contains("Walter Brooks")).count(),
        8,
        "{out}"
    );
    let c = rusqlite::Connection::open(&db).unwrap();
    let ok: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
}

#[test]
fn damaged_foreign_and_newer_files_are_refused_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"SQLite format 3\0 but then garbage ".repeat(300)).unwrap();
    let before = std::fs::read(&junk).unwrap();
    let o = intake(&junk, &["list"]);
    assert_eq!(o.status.code(), Some(2));
    let (_, err) = text(&o);
    assert!(
        err.contains("not an intake database") || err.contains("damaged"),
        "{err}"
    );
    assert_eq!(std::fs::read(&junk).unwrap(), before);

    let newer = dir.path().join("newer.db");
    assert!(intake(&newer, &["list"]).status.success());
    rusqlite::Connection::open(&newer)
        .unwrap()
        .execute_batch("PRAGMA user_version = 7;")
        .unwrap();
    let o = intake(&newer, &["list"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o).1.contains("newer version of intake"),
        "{}",
        text(&o).1
    );
}

#[test]
fn a_folder_that_cannot_be_made_is_a_clear_message() {
    // The folder for the store is a regular file: nothing can be created
    // there, whoever runs the test (root ignores permission bits).
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, "x").unwrap();
    let o = intake(&blocker.join("cases.db"), &["list"]);
    assert_eq!(o.status.code(), Some(2));
    let (_, err) = text(&o);
    assert!(err.contains("cannot create the folder"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}
