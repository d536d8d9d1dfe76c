//! Files nobody can be tricked into overwriting: every write of the
//! program (export, the plain mode's save, rescreen's output, the store)
//! refuses a symbolic link, a device, a read-only file or a file others may
//! read, in one line with exit status 2, and changes the mode of nothing
//! it did not create.

mod common;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn intake(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_intake"))
        .arg("--db")
        .arg(db)
        .args(args)
        .current_dir(ROOT)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn mode(p: &Path) -> u32 {
    std::fs::symlink_metadata(p).unwrap().permissions().mode() & 0o7777
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A store holding the senior couple as case 1.
fn store(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("store/intake.db");
    let o = intake(&db, &["import", "examples/senior-couple.yaml"]);
    assert!(o.status.success(), "{}", err(&o));
    db
}

fn refused(o: &Output, why: &str) {
    assert_eq!(o.status.code(), Some(2), "{}", err(o));
    let e = err(o);
    assert_eq!(e.lines().count(), 1, "{e}");
    assert!(e.contains(why), "{e}");
}

#[test]
fn export_writes_only_new_or_its_own_private_files() {
    let d = tempfile::tempdir().unwrap();
    let db = store(d.path());
    let export = |to: &Path| intake(&db, &["export", "1", "-o", to.to_str().unwrap()]);

    let shared = d.path().join("notes.txt");
    std::fs::write(&shared, "mine\n").unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o644)).unwrap();
    let link = d.path().join("link.md");
    std::os::unix::fs::symlink(&shared, &link).unwrap();
    refused(&export(&link), "symbolic link");
    refused(&export(&shared), "others may read it");
    assert_eq!(std::fs::read_to_string(&shared).unwrap(), "mine\n");
    assert_eq!(mode(&shared), 0o644);

    let nowhere = d.path().join("never-made.md");
    let dangling = d.path().join("dangling.md");
    std::os::unix::fs::symlink(&nowhere, &dangling).unwrap();
    refused(&export(&dangling), "symbolic link");
    assert!(!nowhere.exists());

    let null_mode = mode(Path::new("/dev/null"));
    refused(&export(Path::new("/dev/null")), "not a regular file");
    assert_eq!(mode(Path::new("/dev/null")), null_mode);

    let ro = d.path().join("ro.md");
    std::fs::write(&ro, "old").unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o400)).unwrap();
    refused(&export(&ro), "read-only");
    assert_eq!(std::fs::read_to_string(&ro).unwrap(), "old");

    // A new file is owner-only, and the program's own file is replaced.
    let fresh = d.path().join("checklist.md");
    assert!(export(&fresh).status.success());
    assert_eq!(mode(&fresh), 0o600);
    assert!(export(&fresh).status.success());
    let names: Vec<String> = std::fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains(".partial")), "{names:?}");
}

#[test]
fn the_store_is_never_a_link_a_device_or_a_stranger_folder_remoded() {
    let d = tempfile::tempdir().unwrap();
    let real = store(d.path());
    let before = std::fs::read(&real).unwrap();

    let link = d.path().join("link.db");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    refused(&intake(&link, &["list"]), "symbolic link");
    refused(
        &intake(Path::new("/dev/null"), &["list"]),
        "not a regular file",
    );
    let dangling = d.path().join("dangling.db");
    std::os::unix::fs::symlink(d.path().join("nothing-here"), &dangling).unwrap();
    refused(&intake(&dangling, &["list"]), "symbolic link");
    assert!(!d.path().join("nothing-here").exists());
    assert_eq!(std::fs::read(&real).unwrap(), before);

    // A shared folder (like /tmp) keeps its mode; a folder made is 0700.
    let open = d.path().join("open");
    std::fs::create_dir(&open).unwrap();
    std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o1777)).unwrap();
    let o = intake(&open.join("x.db"), &["list"]);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(mode(&open), 0o1777);
    assert_eq!(mode(&open.join("x.db")), 0o600);
    let o = intake(&open.join("made/x.db"), &["list"]);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(mode(&open.join("made")), 0o700);
}

#[test]
fn rescreen_output_and_plain_save_refuse_links() {
    let d = tempfile::tempdir().unwrap();
    let target = d.path().join("target.txt");
    std::fs::write(&target, "keep\n").unwrap();
    let link = d.path().join("out.jsonl");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_intake"))
        .args(["rescreen", "--input", "/dev/null", "--output"])
        .arg(&link)
        .current_dir(ROOT)
        .output()
        .unwrap();
    refused(&o, "symbolic link");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep\n");

    // The plain mode's save (away from a kiosk) goes through the same door.
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_intake"));
    cmd.args(["--plain", "--as-of", "2016-06-01", "--db"])
        .arg(d.path().join("s.db"))
        .current_dir(ROOT);
    let input = format!("1\nAnn Lee\nsave\n{}\nquit\n", link.display());
    let o = common::run_with_input(cmd, &input);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("Could not save to"), "{out}");
    assert!(out.contains("symbolic link"), "{out}");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep\n");
}
