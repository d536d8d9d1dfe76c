//! The kiosk, end to end through a real SSH login.
//!
//! A kiosk puts a stranger at the keyboard, usually over SSH (see the
//! README's "Kiosks and SSH"). Each test here starts its own `sshd` on a
//! free port of 127.0.0.1, with its own host key, client key and config in
//! a temporary folder, and a `Match User` block for whoever runs the test
//! that forces
//!
//! ```text
//! intake --kiosk --idle 2 --db <tmp>/store/intake.db --as-of 2016-06-01
//! ```
//!
//! as the README tells an administrator to. Then it logs in with the
//! OpenSSH client, as a stranger would, and checks:
//!
//! 1. Without a terminal (`ssh -T`, answers piped in) the kiosk runs the
//!    plain mode. The caller's escape attempts get nowhere: `save` to a
//!    path outside the store (a file that exists, and one that does not),
//!    and a command on the ssh command line (`id; touch .../pwned`), which
//!    ForceCommand must ignore. Afterwards no file outside the store folder
//!    has changed (path, size, mode and mtime of every file), and nothing
//!    printed names a case or says `intake resume`.
//! 2. The same with a terminal whose type is `dumb` (`ssh -tt` in a
//!    pseudo-terminal; sshd passes the client's TERM on with the pty
//!    request), which also gets the plain mode.
//! 3. Idle input closes the interview in the plain mode: after a name and
//!    a few answers and twice the idle time without input, the caller is
//!    told a new interview started, `status` knows nothing of the previous
//!    person, and the store has that first case marked `closed`.
//! 4. The form on a real terminal (`ssh -tt`, TERM=xterm-256color): it
//!    appears, typing works, idle input clears the typed name from the
//!    screen, and quitting names no case.
//!
//! Needs /usr/sbin/sshd and ssh (Debian: openssh-server, openssh-client;
//! `.ci/run` installs them). Without them a test prints "skipped: ..." and
//! passes, except under CI (the CI variable set), where it fails. No system
//! sshd is used or touched; every wait is bounded, and the sshd and ssh
//! processes are killed when a test ends, failed or not.

mod common;
use common::pty::Term;
use portable_pty::CommandBuilder;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const SSHD: &str = "/usr/sbin/sshd";
/// The kiosk's idle limit in the ForceCommand, in seconds...
const IDLE_SECS: u64 = 2;
/// ...and how long a test leaves the keyboard alone.
const IDLE_WAIT: Duration = Duration::from_secs(4);
/// No ssh session of a test lives longer than this.
const SESSION_LIMIT: Duration = Duration::from_secs(30);
/// What a stranger types as their name; it must not outlive the interview.
const NAME: &str = "Zed Kioskperson";

// ---------------------------------------------------------------- tools

struct Tools {
    ssh: PathBuf,
    keygen: PathBuf,
}

fn in_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// The OpenSSH programs, or None after saying why the test is skipped.
/// Under CI a missing program is a failure: .ci/run installs them.
fn tools(test: &str) -> Option<Tools> {
    let ssh = in_path("ssh");
    let keygen = in_path("ssh-keygen");
    let mut missing = Vec::new();
    if !Path::new(SSHD).is_file() {
        missing.push(SSHD);
    }
    if ssh.is_none() {
        missing.push("ssh");
    }
    if keygen.is_none() {
        missing.push("ssh-keygen");
    }
    if missing.is_empty() {
        return Some(Tools {
            ssh: ssh.unwrap(),
            keygen: keygen.unwrap(),
        });
    }
    let what = missing.join(", ");
    if std::env::var_os("CI").is_some() {
        panic!(
            "{test}: {what} not found; .ci/run should have installed openssh-server and \
             openssh-client (apt-get install openssh-server openssh-client)"
        );
    }
    eprintln!(
        "skipped: {test}: {what} not found (install openssh-server and openssh-client to run \
         the kiosk over SSH)"
    );
    None
}

fn current_user() -> String {
    // SAFETY: getpwuid returns a pointer into static storage or null; the
    // name is copied out at once, and tests do not call getpw* elsewhere.
    unsafe {
        let pw = libc::getpwuid(libc::geteuid());
        assert!(!pw.is_null(), "the current user has no passwd entry");
        std::ffi::CStr::from_ptr((*pw).pw_name)
            .to_string_lossy()
            .into_owned()
    }
}

/// Quote for the remote shell that runs the ForceCommand.
fn sh_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// The first question of the interview, from content/en/interview.yaml,
/// so a change of wording there does not break this test.
fn first_question() -> String {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/content/en/interview.yaml"
    ))
    .unwrap();
    let v: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    v["sections"][0]["questions"][0]["text"]
        .as_str()
        .expect("the interview's first question has a text")
        .to_string()
}

/// Its first words: short enough not to be wrapped on a form's screen.
fn first_words(n: usize) -> String {
    first_question()
        .split_whitespace()
        .take(n)
        .collect::<Vec<_>>()
        .join(" ")
}

// ---------------------------------------------------------------- sshd

/// The test's folder: sshd/ (sshd's own files and the client key), store/
/// (the kiosk's --db folder) and outside/ (files a caller must not reach).
struct Place {
    _tmp: tempfile::TempDir,
    root: PathBuf,
}

impl Place {
    fn new() -> Place {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().canonicalize().unwrap();
        for d in ["sshd", "store", "outside"] {
            std::fs::create_dir(root.join(d)).unwrap();
        }
        // A file that exists, with known content: a `save` must not
        // replace it.
        std::fs::write(root.join("outside/bashrc"), "# kiosk bait: never changed\n").unwrap();
        std::fs::set_permissions(
            root.join("outside/bashrc"),
            std::fs::Permissions::from_mode(0o644),
        )
        .unwrap();
        Place { _tmp: tmp, root }
    }
    fn sshd_dir(&self) -> PathBuf {
        self.root.join("sshd")
    }
    fn store(&self) -> PathBuf {
        self.root.join("store")
    }
    fn db(&self) -> PathBuf {
        self.store().join("intake.db")
    }
    fn outside(&self, name: &str) -> PathBuf {
        self.root.join("outside").join(name)
    }
}

/// An sshd of the test's own, killed when dropped.
struct Sshd {
    child: Child,
    port: u16,
    user: String,
    key: PathBuf,
    ssh: PathBuf,
    log: Arc<Mutex<Vec<u8>>>,
}

fn keygen(tools: &Tools, file: &Path) {
    let out = Command::new(&tools.keygen)
        .args([
            "-q",
            "-t",
            "ed25519",
            "-N",
            "",
            "-C",
            "intake-kiosk-test",
            "-f",
        ])
        .arg(file)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "ssh-keygen failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

impl Sshd {
    fn start(tools: &Tools, place: &Place) -> Sshd {
        let dir = place.sshd_dir();
        let host_key = dir.join("host_ed25519");
        let key = dir.join("client_ed25519");
        keygen(tools, &host_key);
        keygen(tools, &key);
        std::fs::copy(dir.join("client_ed25519.pub"), dir.join("authorized_keys")).unwrap();

        // sshd run as root wants its privilege separation folder.
        if unsafe { libc::geteuid() } == 0 && !Path::new("/run/sshd").is_dir() {
            std::fs::create_dir_all("/run/sshd").unwrap();
            std::fs::set_permissions("/run/sshd", std::fs::Permissions::from_mode(0o755)).unwrap();
        }

        // A free port: bind port 0, note it, let it go for sshd.
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap().port()
        };
        let user = current_user();
        let bin = env!("CARGO_BIN_EXE_intake");
        let force = format!(
            "{} --kiosk --idle {IDLE_SECS} --db {} --as-of 2016-06-01",
            sh_quote(bin),
            sh_quote(&place.db().display().to_string())
        );
        let q = |p: PathBuf| format!("\"{}\"", p.display());
        let config = format!(
            "ListenAddress 127.0.0.1\n\
             Port {port}\n\
             HostKey {host_key}\n\
             PidFile {pid}\n\
             AuthorizedKeysFile {auth}\n\
             StrictModes no\n\
             PubkeyAuthentication yes\n\
             PasswordAuthentication no\n\
             KbdInteractiveAuthentication no\n\
             UsePAM no\n\
             PermitRootLogin yes\n\
             PermitUserRC no\n\
             PermitUserEnvironment no\n\
             LogLevel VERBOSE\n\
             Match User {user}\n\
             \tForceCommand {force}\n\
             \tPermitTTY yes\n\
             \tAllowTcpForwarding no\n\
             \tX11Forwarding no\n\
             \tPermitTunnel no\n\
             \tAllowAgentForwarding no\n",
            host_key = q(host_key.clone()),
            pid = q(dir.join("sshd.pid")),
            auth = q(dir.join("authorized_keys")),
        );
        let config_file = dir.join("sshd_config");
        std::fs::write(&config_file, config).unwrap();

        let mut child = Command::new(SSHD)
            .arg("-D")
            .arg("-e")
            .arg("-f")
            .arg(&config_file)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {SSHD}: {e}"));
        let log = Arc::new(Mutex::new(Vec::new()));
        collect(child.stderr.take().unwrap(), Arc::clone(&log));
        let mut sshd = Sshd {
            child,
            port,
            user,
            key,
            ssh: tools.ssh.clone(),
            log,
        };
        // Wait (bounded) until it accepts.
        let end = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = sshd.child.try_wait().unwrap() {
                std::thread::sleep(Duration::from_millis(100));
                panic!("sshd exited ({status}) before accepting:\n{}", sshd.log());
            }
            let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
            if std::net::TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
                break;
            }
            assert!(
                Instant::now() < end,
                "sshd did not accept on port {port} within 10 s:\n{}",
                sshd.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        sshd
    }

    fn log(&self) -> String {
        String::from_utf8_lossy(&self.log.lock().unwrap()).into_owned()
    }

    /// The client's arguments, `flag` (-T or -tt) before the destination.
    fn ssh_args(&self, flag: &str) -> Vec<String> {
        let mut a: Vec<String> = vec!["-F".into(), "/dev/null".into(), "-i".into()];
        a.push(self.key.display().to_string());
        a.push("-p".into());
        a.push(self.port.to_string());
        for o in [
            "StrictHostKeyChecking=no",
            "UserKnownHostsFile=/dev/null",
            "GlobalKnownHostsFile=/dev/null",
            "BatchMode=yes",
            "LogLevel=ERROR",
            "IdentitiesOnly=yes",
            "ConnectTimeout=10",
        ] {
            a.push("-o".into());
            a.push(o.into());
        }
        a.push(flag.into());
        a.push(format!("{}@127.0.0.1", self.user));
        a
    }
}

impl Drop for Sshd {
    /// Never leave an sshd behind; say what it logged when a test failed.
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if std::thread::panicking() {
            eprintln!("--- sshd log ---\n{}", self.log());
        }
    }
}

fn collect(mut from: impl Read + Send + 'static, into: Arc<Mutex<Vec<u8>>>) {
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = from.read(&mut buf) {
            if n == 0 {
                break;
            }
            into.lock().unwrap().extend_from_slice(&buf[..n]);
        }
    });
}

// ---------------------------------------------------------------- ssh -T

/// `ssh -T`: no terminal, the answers on a pipe. Killed when dropped.
struct Piped {
    child: Child,
    stdin: Option<ChildStdin>,
    out: Arc<Mutex<Vec<u8>>>,
    err: Arc<Mutex<Vec<u8>>>,
    deadline: Instant,
}

impl Piped {
    fn start(sshd: &Sshd, remote_command: Option<&str>) -> Piped {
        let mut cmd = Command::new(&sshd.ssh);
        cmd.args(sshd.ssh_args("-T"));
        if let Some(c) = remote_command {
            cmd.arg(c);
        }
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let out = Arc::new(Mutex::new(Vec::new()));
        let err = Arc::new(Mutex::new(Vec::new()));
        collect(child.stdout.take().unwrap(), Arc::clone(&out));
        collect(child.stderr.take().unwrap(), Arc::clone(&err));
        Piped {
            stdin: child.stdin.take(),
            child,
            out,
            err,
            deadline: Instant::now() + SESSION_LIMIT,
        }
    }

    fn send(&mut self, text: &str) {
        let w = self.stdin.as_mut().expect("stdin is still open");
        // The session may have ended already; what it said shows why.
        let _ = w.write_all(text.as_bytes()).and_then(|_| w.flush());
    }

    fn output(&self) -> String {
        String::from_utf8_lossy(&self.out.lock().unwrap()).into_owned()
    }

    fn errors(&self) -> String {
        String::from_utf8_lossy(&self.err.lock().unwrap()).into_owned()
    }

    /// Wait for `text` in the output after byte `from`; false on timeout.
    fn saw(&self, text: &str, from: usize, secs: u64) -> bool {
        let end = (Instant::now() + Duration::from_secs(secs)).min(self.deadline);
        loop {
            let o = self.output();
            if o.get(from..).is_some_and(|s| s.contains(text)) {
                return true;
            }
            if Instant::now() >= end {
                return false;
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    fn wait_for(&self, text: &str, secs: u64) {
        if !self.saw(text, 0, secs) {
            panic!(
                "waited {secs} s for {text:?}; the session printed:\n{}\n--- its stderr ---\n{}",
                self.output(),
                self.errors()
            );
        }
    }

    /// Close stdin (end of input) and wait, bounded, for the session to end.
    fn finish(&mut self) {
        drop(self.stdin.take());
        while Instant::now() < self.deadline {
            if self.child.try_wait().unwrap().is_some() {
                std::thread::sleep(Duration::from_millis(100)); // the last output
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        panic!(
            "the ssh session did not end within {} s of starting; it printed:\n{}\n--- its stderr ---\n{}",
            SESSION_LIMIT.as_secs(),
            self.output(),
            self.errors()
        );
    }
}

impl Drop for Piped {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ---------------------------------------------------------------- ssh -tt

/// `ssh -tt` in a pseudo-terminal of type `term`.
fn in_terminal(sshd: &Sshd, term: &str, remote_command: Option<&str>) -> Term {
    let mut cmd = CommandBuilder::new(&sshd.ssh);
    cmd.args(sshd.ssh_args("-tt"));
    if let Some(c) = remote_command {
        cmd.arg(c);
    }
    // sshd hands the client's TERM to the session with the pty request.
    cmd.env("TERM", term);
    cmd.env("LANG", "C.UTF-8");
    Term::spawn(cmd)
}

fn everything_sent(t: &Term) -> String {
    String::from_utf8_lossy(&t.raw.lock().unwrap()).into_owned()
}

fn wait_exit_or_kill(t: &mut Term, end: Instant) -> bool {
    let secs = end
        .saturating_duration_since(Instant::now())
        .as_secs()
        .max(1);
    if t.wait_exit(secs).is_some() {
        std::thread::sleep(Duration::from_millis(200)); // the last output
        true
    } else {
        let _ = t.child.kill();
        false
    }
}

// ---------------------------------------------------------------- checks

/// The kiosk's promises, each checked and all reported together, so one
/// run lists everything still missing.
#[derive(Default)]
struct Checks(Vec<String>);

impl Checks {
    fn check(&mut self, ok: bool, what: impl Into<String>) {
        if !ok {
            self.0.push(what.into());
        }
    }

    fn done(self, transcript: &str) {
        if !self.0.is_empty() {
            panic!(
                "{} kiosk check(s) failed:\n  - {}\n--- what the caller saw ---\n{transcript}",
                self.0.len(),
                self.0.join("\n  - ")
            );
        }
    }
}

/// A case number or a resume hint in `text`, if any.
fn names_a_case(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    if let Some(i) = lower.find("intake resume") {
        return Some(text[i..].lines().next().unwrap_or("").to_string());
    }
    for (i, _) in lower.match_indices("case") {
        let rest = lower[i + 4..].trim_start_matches([' ', '#', ':']);
        if rest.starts_with(|c: char| c.is_ascii_digit()) {
            let end = (i + 40).min(text.len());
            return Some(String::from_utf8_lossy(&text.as_bytes()[i..end]).into_owned());
        }
    }
    None
}

type Snapshot = BTreeMap<PathBuf, String>;

/// Every file and folder under the test's folder but the store's and
/// sshd's: kind, size, mode and mtime.
fn snapshot(place: &Place) -> Snapshot {
    fn walk(p: &Path, skip: &[PathBuf], out: &mut Snapshot) {
        if skip.iter().any(|s| s == p) {
            return;
        }
        let m = std::fs::symlink_metadata(p).unwrap();
        let kind = if m.is_dir() {
            "dir"
        } else if m.file_type().is_symlink() {
            "link"
        } else {
            "file"
        };
        out.insert(
            p.to_path_buf(),
            format!(
                "{kind} size {} mode {:o} mtime {}.{:09}",
                m.len(),
                m.mode(),
                m.mtime(),
                m.mtime_nsec()
            ),
        );
        if m.is_dir() {
            for e in std::fs::read_dir(p).unwrap() {
                walk(&e.unwrap().path(), skip, out);
            }
        }
    }
    let mut out = Snapshot::new();
    walk(&place.root, &[place.store(), place.sshd_dir()], &mut out);
    out
}

fn changes(before: &Snapshot, after: &Snapshot) -> Vec<String> {
    let mut c = Vec::new();
    for (p, b) in before {
        match after.get(p) {
            None => c.push(format!("{} removed (was {b})", p.display())),
            Some(a) if a != b => c.push(format!("{} changed: {b} -> {a}", p.display())),
            Some(_) => {}
        }
    }
    for (p, a) in after {
        if !before.contains_key(p) {
            c.push(format!("{} created ({a})", p.display()));
        }
    }
    c
}

/// A caller's way out: the remote command ssh is given.
fn remote_escape(place: &Place) -> String {
    format!(
        "id; touch {}",
        sh_quote(&place.outside("pwned").display().to_string())
    )
}

/// A caller's way out in the plain mode: a couple of answers, then `save`
/// to a file that exists and to one that does not.
fn plain_escape_lines(place: &Place) -> Vec<String> {
    vec![
        "1".into(),
        NAME.into(),
        "save".into(),
        place.outside("bashrc").display().to_string(),
        "save".into(),
        place.outside("new-record.yaml").display().to_string(),
    ]
}

/// What holds after every escape attempt, with or without a terminal.
fn check_no_escape(c: &mut Checks, place: &Place, before: &Snapshot, seen: &str) {
    c.check(
        !seen.contains("uid="),
        "the remote command ran: `uid=` was printed (ForceCommand must ignore it)",
    );
    c.check(
        !place.outside("pwned").exists(),
        "the remote command ran: outside/pwned exists",
    );
    let changed = changes(before, &snapshot(place));
    c.check(
        changed.is_empty(),
        format!(
            "files outside the store folder changed:\n      {}",
            changed.join("\n      ")
        ),
    );
    if let Some(hint) = names_a_case(seen) {
        c.check(false, format!("the output names a case: {hint:?}"));
    }
}

// ---------------------------------------------------------------- tests

#[test]
fn without_a_terminal_the_kiosk_is_plain_and_nothing_escapes() {
    let Some(tools) = tools("kiosk over ssh -T") else {
        return;
    };
    let place = Place::new();
    let sshd = Sshd::start(&tools, &place);
    let before = snapshot(&place);
    let question = first_question();

    let mut s = Piped::start(&sshd, Some(&remote_escape(&place)));
    // The plumbing: a login, and the interview's first question.
    s.wait_for(&question, 15);
    for line in plain_escape_lines(&place) {
        s.send(&format!("{line}\n"));
    }
    s.finish();
    let seen = format!("{}{}", s.output(), s.errors());

    let mut c = Checks::default();
    c.check(
        seen.contains("plain mode"),
        "the plain mode did not announce itself (\"plain mode\")",
    );
    check_no_escape(&mut c, &place, &before, &seen);
    c.done(&seen);
}

#[test]
fn a_dumb_terminal_gets_the_plain_mode_and_nothing_escapes() {
    let Some(tools) = tools("kiosk over ssh -tt with TERM=dumb") else {
        return;
    };
    let place = Place::new();
    let sshd = Sshd::start(&tools, &place);
    let before = snapshot(&place);
    let end = Instant::now() + SESSION_LIMIT;

    let mut t = in_terminal(&sshd, "dumb", Some(&remote_escape(&place)));
    t.wait_for(&first_words(3), 15);
    for line in plain_escape_lines(&place) {
        t.send(&format!("{line}\r"));
    }
    // End of input, as a person at a terminal gives it.
    t.send("\x04");
    let ended = wait_exit_or_kill(&mut t, end);
    let seen = everything_sent(&t);

    let mut c = Checks::default();
    c.check(ended, "the session did not end after Ctrl-D");
    c.check(
        seen.contains("plain mode"),
        "TERM=dumb did not give the plain mode (no \"plain mode\" announced)",
    );
    c.check(
        !seen.contains("\x1b[?1049h"),
        "TERM=dumb got the form (the alternate screen was switched on)",
    );
    check_no_escape(&mut c, &place, &before, &seen);
    c.done(&seen);
}

#[test]
fn idle_input_closes_the_plain_interview_and_starts_a_new_one() {
    let Some(tools) = tools("kiosk idle reset over ssh -T") else {
        return;
    };
    let place = Place::new();
    let sshd = Sshd::start(&tools, &place);
    let question = first_question();

    let mut s = Piped::start(&sshd, None);
    s.wait_for(&question, 15);
    s.send(&format!("1\n{NAME}\n1\nyes\n"));
    s.wait_for("date of birth", 10);
    // Hands off the keyboard for twice the idle limit.
    let wait_from = s.output().len();
    std::thread::sleep(IDLE_WAIT);
    let status_from = s.output().len();
    s.send("status\n");
    s.saw("Where things stand", status_from, 5);
    s.finish();
    let out = s.output();
    let after_wait = &out[wait_from..];
    let status = &out[status_from..];

    // "New missing proof: ..." follows an answer; it is not the news sought.
    let said_new = after_wait
        .to_lowercase()
        .replace("new missing proof", "")
        .contains("new");
    let mut c = Checks::default();
    c.check(
        said_new && after_wait.contains(&question),
        format!(
            "no word after {} s idle that a new interview started (the word \"new\" and the \
             first question again); after the wait the caller saw:\n{after_wait}",
            IDLE_WAIT.as_secs()
        ),
    );
    c.check(
        !status.contains("Zed") && !status.contains("Kioskperson"),
        format!("`status` after the idle reset still knows the previous person:\n{status}"),
    );
    match intake::store::Store::open(&place.db()).and_then(|st| st.list(50)) {
        Err(e) => c.check(false, format!("the store cannot be read: {e}")),
        Ok(cases) => match cases.iter().min_by_key(|k| k.id) {
            None => c.check(false, "the store has no case"),
            Some(first) => {
                let names: Vec<_> = first.record.people.iter().map(|p| &p.name).collect();
                c.check(
                    first.state == "closed",
                    format!(
                        "the first case (id {}, people {names:?}) is {:?}, not \"closed\"",
                        first.id, first.state
                    ),
                )
            }
        },
    }
    c.done(&out);
}

#[test]
fn the_form_over_ssh_clears_itself_when_idle_and_quits_without_naming_a_case() {
    let Some(tools) = tools("kiosk form over ssh -tt") else {
        return;
    };
    let place = Place::new();
    let sshd = Sshd::start(&tools, &place);
    let end = Instant::now() + SESSION_LIMIT;
    let first = first_words(3);

    let mut t = in_terminal(&sshd, "xterm-256color", None);
    // The plumbing, and the form: the first question on the alternate screen.
    t.wait_for(&first, 15);
    let on_form = t.parser.lock().unwrap().screen().alternate_screen();
    assert!(
        on_form,
        "TERM=xterm-256color over ssh -tt did not get the form:\n{}",
        t.screen()
    );
    t.send("1\r");
    t.wait_for("full name", 5);
    t.send(NAME);
    t.wait_for(NAME, 5);

    let mut c = Checks::default();
    std::thread::sleep(IDLE_WAIT);
    let idle = t.screen();
    c.check(
        !idle.contains("Kioskperson"),
        format!(
            "after {} s idle the screen still shows the typed name:\n{idle}",
            IDLE_WAIT.as_secs()
        ),
    );
    c.check(
        idle.contains(&first),
        format!("after the idle reset the first question is not shown:\n{idle}"),
    );
    // One answer for the next person (a case of its own), then quit.
    t.send("1\r");
    t.send("\x1b[21~"); // F10
    let asking = {
        let until = Instant::now() + Duration::from_secs(3);
        while !t.screen().contains("Quit?") && Instant::now() < until {
            std::thread::sleep(Duration::from_millis(30));
        }
        t.screen()
    };
    if let Some(hint) = names_a_case(&asking) {
        c.check(false, format!("the quit question names a case: {hint:?}"));
    }
    t.send("y");
    let ended = wait_exit_or_kill(&mut t, end);
    c.check(ended, "the session did not end after F10 and y");
    let last = t.screen();
    if let Some(hint) = names_a_case(&last) {
        c.check(
            false,
            format!("the screen after quitting names a case: {hint:?}"),
        );
    }
    c.done(&format!("{asking}\n--- after quitting ---\n{last}"));
}
