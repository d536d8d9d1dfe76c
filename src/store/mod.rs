//! The case store: an embedded SQLite database (bundled, nothing to
//! install). WAL mode; every accepted answer is committed at once, so a
//! killed process loses at most the answer being typed. Owner-only files.
//! A file that is not ours, is damaged, or comes from a newer version is
//! refused and never written to.

use crate::dates::Date;
use crate::error::{Problem, Result};
use crate::model::Intake;
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Called by a front end after each accepted answer; gives the case id the
/// answer was saved to, or says why it was not (the interview carries on).
pub type Saver<'a> =
    Box<dyn FnMut(&Intake, Option<String>) -> std::result::Result<i64, String> + 'a>;

/// Written into the database header so a foreign SQLite file is recognised.
const APPLICATION_ID: i32 = 0x494e_544b; // "INTK"
/// The schema this build reads and writes.
pub const SCHEMA_VERSION: i64 = 1;

/// Each step takes the schema from version i to i + 1.
const MIGRATIONS: &[&str] = &["
    CREATE TABLE cases (
        id INTEGER PRIMARY KEY,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        pack TEXT NOT NULL,
        as_of TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'open',
        record TEXT NOT NULL,
        position TEXT
    );
    CREATE INDEX cases_updated ON cases(updated_at);
"];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Case {
    pub id: i64,
    pub created_at: String,
    pub updated_at: String,
    pub pack: String,
    pub as_of: Date,
    /// open, closed (kiosk idle or hang-up), done
    pub state: String,
    pub record: Intake,
    /// Where the interview stood (the front ends' own bookmark).
    pub position: Option<String>,
}

/// A row of `cases` as read, before its JSON is parsed.
type Row = (
    i64,
    String,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
);

pub struct Store {
    conn: Connection,
    pub path: PathBuf,
}

/// The default place: $XDG_DATA_HOME/intake/intake.db, else
/// ~/.local/share/intake/intake.db.
pub fn default_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))?;
    Some(base.join("intake").join("intake.db"))
}

fn now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

fn db_err(path: &Path, e: rusqlite::Error) -> Problem {
    let msg = e.to_string();
    if msg.contains("not a database") || msg.contains("malformed") || msg.contains("corrupt") {
        Problem::new(format!(
            "{} is not an intake database, or it is damaged ({msg}); it was left exactly as it is. Use --db to choose another file.",
            path.display()
        ))
    } else if msg.contains("readonly") || msg.contains("read-only") {
        Problem::new(format!(
            "{} cannot be written (read-only): {msg}",
            path.display()
        ))
    } else if msg.contains("full") {
        Problem::new(format!(
            "the disk holding {} is full: {msg}",
            path.display()
        ))
    } else {
        Problem::new(format!("{}: {msg}", path.display()))
    }
}

impl Store {
    /// Open (creating if needed) the store at `path`.
    pub fn open(path: &Path) -> Result<Store> {
        // A link is never followed and nothing but a regular file is
        // opened: a store path pointing at another file must not turn it
        // into a database (or let SQLite write through the link).
        let fresh = match std::fs::symlink_metadata(path) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(Problem::new(format!(
                    "{} is a symbolic link, and links are never followed; give the store's real path with --db",
                    path.display()
                )));
            }
            Ok(m) if !m.is_file() => {
                return Err(Problem::new(format!(
                    "{} is not a regular file, so it cannot be a case store; use --db to choose another file",
                    path.display()
                )));
            }
            Ok(_) => false,
            // A missing file, or a folder on the way that is missing or is
            // not a folder (said when making it, below).
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
                ) =>
            {
                true
            }
            Err(e) => return Err(Problem::new(format!("cannot open {}: {e}", path.display()))),
        };
        if fresh {
            // Only folders the program makes are made owner-only; one that
            // exists (say /tmp, or a shared folder) keeps its mode.
            if let Some(dir) = path.parent() {
                crate::safe::fs::create_dir_private(dir).map_err(|e| {
                    Problem::new(format!("cannot create the folder {}: {e}", dir.display()))
                })?;
            }
            match crate::safe::fs::create_new(path) {
                Ok(_) => {}
                // Another process made it first: open theirs.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => {
                    return Err(Problem::new(format!(
                        "cannot create {}: {e}",
                        path.display()
                    )));
                }
            }
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_NOFOLLOW,
        )
        .map_err(|e| db_err(path, e))?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.prepare(fresh)?;
        Ok(store)
    }

    fn prepare(&self, fresh: bool) -> Result<()> {
        let c = &self.conn;
        let p = &self.path;
        c.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(|e| db_err(p, e))?;
        // Reading the header first: a file that is not SQLite fails here,
        // before anything could be written to it.
        let app: i32 = c
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(|e| db_err(p, e))?;
        let version: i64 = c
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| db_err(p, e))?;
        let tables: i64 = c
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .map_err(|e| db_err(p, e))?;
        if app != APPLICATION_ID && (tables > 0 || !fresh && version != 0) {
            return Err(Problem::new(format!(
                "{} is a database of another program, not an intake case store; it was left exactly as it is. Use --db to choose another file.",
                p.display()
            )));
        }
        if version > SCHEMA_VERSION {
            return Err(Problem::new(format!(
                "{} was written by a newer version of intake (schema {version}; this one knows up to {SCHEMA_VERSION}). Update intake; the file was not changed.",
                p.display()
            )));
        }
        let mode: String = c
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
            .map_err(|e| db_err(p, e))?;
        if mode.to_lowercase() != "wal" {
            return Err(Problem::new(format!(
                "{}: could not switch to write-ahead logging",
                p.display()
            )));
        }
        c.execute_batch("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;")
            .map_err(|e| db_err(p, e))?;
        if version < SCHEMA_VERSION {
            self.migrate(version)?;
        }
        Ok(())
    }

    fn migrate(&self, from: i64) -> Result<()> {
        let p = &self.path;
        let c = &self.conn;
        c.execute_batch("BEGIN IMMEDIATE")
            .map_err(|e| db_err(p, e))?;
        let run = || -> rusqlite::Result<()> {
            // Someone else may have migrated while we waited for the lock.
            let now_version: i64 = c.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            for step in MIGRATIONS.iter().skip(now_version.max(from) as usize) {
                c.execute_batch(step)?;
            }
            c.execute_batch(&format!(
                "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {SCHEMA_VERSION};"
            ))?;
            Ok(())
        };
        match run() {
            Ok(()) => c.execute_batch("COMMIT").map_err(|e| db_err(p, e)),
            Err(e) => {
                let _ = c.execute_batch("ROLLBACK");
                Err(db_err(p, e))
            }
        }
    }

    /// Start a new case; returns its id.
    pub fn create(&self, pack: &str, as_of: Date, record: &Intake) -> Result<i64> {
        let json = serde_json::to_string(record).map_err(|e| Problem::new(e.to_string()))?;
        let t = now();
        self.conn
            .execute(
                "INSERT INTO cases (created_at, updated_at, pack, as_of, record) VALUES (?1, ?1, ?2, ?3, ?4)",
                params![t, pack, as_of.to_string(), json],
            )
            .map_err(|e| db_err(&self.path, e))?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Save the record after an accepted answer (committed at once).
    pub fn save(&self, id: i64, record: &Intake, position: Option<&str>) -> Result<()> {
        let json = serde_json::to_string(record).map_err(|e| Problem::new(e.to_string()))?;
        let n = self
            .conn
            .execute(
                "UPDATE cases SET record = ?1, position = ?2, updated_at = ?3 WHERE id = ?4",
                params![json, position, now(), id],
            )
            .map_err(|e| db_err(&self.path, e))?;
        if n == 0 {
            return Err(Problem::new(format!("there is no case {id}")));
        }
        Ok(())
    }

    pub fn set_state(&self, id: i64, state: &str) -> Result<()> {
        self.conn
            .execute(
                "UPDATE cases SET state = ?1, updated_at = ?2 WHERE id = ?3",
                params![state, now(), id],
            )
            .map_err(|e| db_err(&self.path, e))?;
        Ok(())
    }

    fn row(r: &rusqlite::Row) -> rusqlite::Result<Row> {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
            r.get(7)?,
        ))
    }

    fn to_case(&self, t: Row) -> Result<Case> {
        let (id, created_at, updated_at, pack, as_of, state, record, position) = t;
        let record: Intake = serde_json::from_str(&record).map_err(|e| {
            Problem::new(format!(
                "case {id} in {} cannot be read: {e}",
                self.path.display()
            ))
        })?;
        let as_of = as_of.parse().map_err(|_| {
            Problem::new(format!(
                "case {id} in {} has a bad date",
                self.path.display()
            ))
        })?;
        Ok(Case {
            id,
            created_at,
            updated_at,
            pack,
            as_of,
            state,
            record,
            position,
        })
    }

    pub fn get(&self, id: i64) -> Result<Case> {
        let t = self
            .conn
            .query_row(
                "SELECT id, created_at, updated_at, pack, as_of, state, record, position FROM cases WHERE id = ?1",
                [id],
                Self::row,
            )
            .optional()
            .map_err(|e| db_err(&self.path, e))?
            .ok_or_else(|| Problem::new(format!("there is no case {id} in {}", self.path.display())))?;
        self.to_case(t)
    }

    /// Cases, most recently changed first.
    pub fn list(&self, limit: usize) -> Result<Vec<Case>> {
        let mut st = self
            .conn
            .prepare("SELECT id, created_at, updated_at, pack, as_of, state, record, position FROM cases ORDER BY updated_at DESC, id DESC LIMIT ?1")
            .map_err(|e| db_err(&self.path, e))?;
        let rows = st
            .query_map([limit as i64], Self::row)
            .map_err(|e| db_err(&self.path, e))?;
        let mut out = Vec::new();
        for r in rows {
            out.push(self.to_case(r.map_err(|e| db_err(&self.path, e))?)?);
        }
        Ok(out)
    }

    pub fn delete(&self, id: i64) -> Result<bool> {
        let n = self
            .conn
            .execute("DELETE FROM cases WHERE id = ?1", [id])
            .map_err(|e| db_err(&self.path, e))?;
        Ok(n > 0)
    }

    /// Delete cases not changed for `days` days; returns how many.
    pub fn purge_older_than(&self, days: u32) -> Result<usize> {
        let cutoff = chrono::DateTime::from_timestamp(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0)
                - i64::from(days) * 86_400,
            0,
        )
        .map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default();
        let n = self
            .conn
            .execute("DELETE FROM cases WHERE updated_at < ?1", [cutoff])
            .map_err(|e| db_err(&self.path, e))?;
        // Give the space (and the deleted answers) back to the file system.
        let _ = self
            .conn
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE); VACUUM;");
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/intake.db");
        let s = Store::open(&path).unwrap();
        let mut rec = Intake::default();
        rec.people.push(crate::model::Person {
            id: "a".into(),
            applying: true,
            ..Default::default()
        });
        let id = s
            .create("ma", Date::from_ymd_opt(2016, 6, 1).unwrap(), &rec)
            .unwrap();
        rec.people[0].name = Some("Ann".into());
        s.save(id, &rec, Some("q3")).unwrap();
        let c = s.get(id).unwrap();
        assert_eq!(c.record, rec);
        assert_eq!(c.position.as_deref(), Some("q3"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        assert!(s.delete(id).unwrap());
        assert!(s.get(id).is_err());
    }

    #[test]
    fn refuses_a_text_file_and_leaves_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.db");
        std::fs::write(&path, "these are my notes, not a database\n".repeat(200)).unwrap();
        let before = std::fs::read(&path).unwrap();
        let e = Store::open(&path).err().unwrap();
        assert!(e.message.contains("not an intake database"), "{e}");
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn refuses_another_programs_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("other.db");
        let c = Connection::open(&path).unwrap();
        c.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
            .unwrap();
        drop(c);
        let before = std::fs::read(&path).unwrap();
        let e = Store::open(&path).err().unwrap();
        assert!(e.message.contains("another program"), "{e}");
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn refuses_a_newer_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.db");
        drop(Store::open(&path).unwrap());
        let c = Connection::open(&path).unwrap();
        c.execute_batch("PRAGMA user_version = 99;").unwrap();
        drop(c);
        let e = Store::open(&path).err().unwrap();
        assert!(e.message.contains("newer version"), "{e}");
    }
}
