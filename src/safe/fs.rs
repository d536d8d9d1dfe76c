//! The one way the program writes a file. Case data goes into files only
//! their owner can read (0600), created without following a symbolic link;
//! a file is replaced by writing a new one beside it and renaming it into
//! place, so a failed write never leaves half a file; and nothing that is
//! not a regular file of ours is ever written, truncated or re-moded.
//! Each refusal is an `io::Error` whose message says what and why, ready
//! for "cannot write PATH: ...".

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

fn refuse(why: &str) -> io::Error {
    io::Error::new(io::ErrorKind::PermissionDenied, why.to_string())
}

/// What may be replaced at `path`: nothing (a new file), or a regular,
/// writable, owner-only file of the user's own (one written here before).
/// A symbolic link (dangling or not), a device, a folder, a read-only
/// file, a file others may read or another user's file is refused, so the
/// mode of nothing the program did not make is ever changed.
pub fn check_target(path: &Path) -> io::Result<()> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    let kind = meta.file_type();
    if kind.is_symlink() {
        return Err(refuse(
            "it is a symbolic link, and links are never followed; name the file itself",
        ));
    }
    if kind.is_dir() {
        return Err(refuse("it is a folder"));
    }
    if !kind.is_file() {
        return Err(refuse(
            "it is not a regular file (a device, a pipe or a socket)",
        ));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // SAFETY: geteuid has no preconditions and cannot fail.
        let me = unsafe { libc::geteuid() };
        if meta.uid() != me {
            return Err(refuse("it belongs to another user"));
        }
        if meta.mode() & 0o200 == 0 {
            return Err(refuse("it is read-only"));
        }
        // Replacing it would leave a file of another mode at its name: only
        // an owner-only file (one this program wrote) is replaced.
        if meta.mode() & 0o077 != 0 {
            return Err(refuse(
                "it already exists and others may read it; case data is written only to a new file or over an owner-only file of its own, so choose another name",
            ));
        }
    }
    Ok(())
}

/// Create a new file, owner-only, that must not exist yet (no link is
/// followed, nothing existing is opened).
pub fn create_new(path: &Path) -> io::Result<std::fs::File> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    opts.open(path)
}

/// A name beside `path` for a file being written, unique in this process.
fn partial_name(path: &Path) -> PathBuf {
    static N: AtomicU64 = AtomicU64::new(0);
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".into());
    let n = N.fetch_add(1, Ordering::Relaxed);
    dir.join(format!(".{name}.{}.{n}.partial", std::process::id()))
}

/// A file being written beside its target: renamed over the target by
/// [`Partial::commit`], removed if dropped before that.
pub struct Partial {
    file: Option<std::fs::File>,
    tmp: PathBuf,
    target: PathBuf,
}

impl Partial {
    /// Start writing `target` (checked with [`check_target`] first).
    pub fn new(target: &Path) -> io::Result<Partial> {
        check_target(target)?;
        if target.file_name().is_none() {
            return Err(refuse("it names no file"));
        }
        let tmp = partial_name(target);
        let file = create_new(&tmp)?;
        Ok(Partial {
            file: Some(file),
            tmp,
            target: target.to_path_buf(),
        })
    }

    /// Flush to disk and rename into place.
    pub fn commit(mut self) -> io::Result<()> {
        let file = self.file.take().expect("a partial file is committed once");
        file.sync_all()?;
        drop(file);
        // The target may have become something else since it was checked;
        // a rename replaces a link itself and never writes through it.
        check_target(&self.target)?;
        std::fs::rename(&self.tmp, &self.target)?;
        Ok(())
    }
}

impl Write for Partial {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self.file.as_mut() {
            Some(f) => f.write(buf),
            None => Err(io::Error::other("the file was already committed")),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self.file.as_mut() {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for Partial {
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Write a whole file: owner-only, no link followed, replaced by rename.
pub fn write_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut p = Partial::new(path)?;
    p.write_all(bytes)?;
    p.commit()
}

/// Create `dir` and any missing folders above it, owner-only (0700). A
/// folder that already exists keeps its mode and owner.
pub fn create_dir_private(dir: &Path) -> io::Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(p: &Path) -> u32 {
        std::fs::symlink_metadata(p).unwrap().permissions().mode() & 0o7777
    }

    #[test]
    fn new_files_are_owner_only_and_replace_by_rename() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("out.md");
        write_file(&p, b"one").unwrap();
        assert_eq!(mode(&p), 0o600);
        write_file(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        // Nothing left beside it.
        assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 1);
    }

    #[test]
    fn links_devices_folders_and_read_only_files_are_refused() {
        let d = tempfile::tempdir().unwrap();
        let shared = d.path().join("shared.txt");
        std::fs::write(&shared, "keep").unwrap();
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o644)).unwrap();
        let link = d.path().join("link");
        std::os::unix::fs::symlink(&shared, &link).unwrap();
        let e = write_file(&link, b"x").unwrap_err();
        assert!(e.to_string().contains("symbolic link"), "{e}");
        assert_eq!(std::fs::read_to_string(&shared).unwrap(), "keep");
        assert_eq!(mode(&shared), 0o644);

        let dangling = d.path().join("dangling");
        let target = d.path().join("never-made");
        std::os::unix::fs::symlink(&target, &dangling).unwrap();
        assert!(write_file(&dangling, b"x").is_err());
        assert!(!target.exists());

        let e = write_file(Path::new("/dev/null"), b"x").unwrap_err();
        assert!(e.to_string().contains("not a regular file"), "{e}");
        assert!(write_file(d.path(), b"x").is_err());

        let e = write_file(&shared, b"x").unwrap_err();
        assert!(e.to_string().contains("others may read it"), "{e}");
        assert_eq!(std::fs::read_to_string(&shared).unwrap(), "keep");

        let ro = d.path().join("ro.txt");
        std::fs::write(&ro, "mine").unwrap();
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o400)).unwrap();
        let e = write_file(&ro, b"x").unwrap_err();
        assert!(e.to_string().contains("read-only"), "{e}");
        assert_eq!(std::fs::read_to_string(&ro).unwrap(), "mine");
        // No partial files left behind by the refusals.
        let names: Vec<_> = std::fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| !n.ends_with(".partial")), "{names:?}");
    }

    #[test]
    fn existing_folders_keep_their_mode() {
        let d = tempfile::tempdir().unwrap();
        let open = d.path().join("open");
        std::fs::create_dir(&open).unwrap();
        std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o1777)).unwrap();
        create_dir_private(&open.join("a/b")).unwrap();
        assert_eq!(mode(&open), 0o1777);
        assert_eq!(mode(&open.join("a")), 0o700);
        assert_eq!(mode(&open.join("a/b")), 0o700);
    }

    #[test]
    fn a_dropped_partial_leaves_nothing() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("r.jsonl");
        {
            let mut w = Partial::new(&p).unwrap();
            w.write_all(b"half").unwrap();
        }
        assert!(!p.exists());
        assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 0);
    }
}
