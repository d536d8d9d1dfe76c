//! A real pseudo-terminal for end-to-end tests: start `intake`, type as a
//! user types, read the screen as a person reads it.
#![allow(dead_code)]

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub struct Term {
    pub parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    master: Box<dyn portable_pty::MasterPty + Send>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    pub raw: Arc<Mutex<Vec<u8>>>,
}

impl Term {
    pub fn start(args: &[&str], home: &std::path::Path) -> Term {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_intake"));
        cmd.args(args);
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        cmd.env("XDG_DATA_HOME", home);
        // The site's keymap is the test's own (none, unless it writes one).
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env_remove("NO_COLOR");
        Term::spawn(cmd)
    }

    /// Any program in a 24x80 terminal (an `ssh -tt` client, say); the
    /// caller sets its environment, TERM included.
    pub fn spawn(cmd: CommandBuilder) -> Term {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(24), nz(80), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let (p, r) = (Arc::clone(&parser), Arc::clone(&raw));
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        let writer = pair.master.take_writer().unwrap();
        Term {
            parser,
            writer,
            master: pair.master,
            child,
            raw,
        }
    }

    /// The screen as a person reads it (no-break spaces are spaces).
    pub fn screen(&self) -> String {
        self.parser
            .lock()
            .unwrap()
            .screen()
            .contents()
            .replace('\u{a0}', " ")
    }

    pub fn wait_for(&self, text: &str, secs: u64) -> String {
        let end = Instant::now() + Duration::from_secs(secs);
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            if Instant::now() > end {
                panic!("waited for {text:?}; the screen shows:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Send keys, then wait until the screen has changed and is quiet.
    /// Write bytes as they come, without waiting for the screen.
    pub fn write_raw(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
    }

    /// A handle that writes to the terminal from another thread (a big
    /// paste blocks until the program has read it).
    pub fn take_writer(&mut self) -> Box<dyn Write + Send> {
        std::mem::replace(&mut self.writer, Box::new(std::io::sink()))
    }

    /// Everything the program has written so far, as text.
    pub fn output(&self) -> String {
        String::from_utf8_lossy(&self.raw.lock().unwrap()).into_owned()
    }

    pub fn send(&mut self, keys: &str) {
        let before = self.screen();
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        let end = Instant::now() + Duration::from_secs(5);
        while self.screen() == before && Instant::now() < end {
            std::thread::sleep(Duration::from_millis(15));
        }
        std::thread::sleep(Duration::from_millis(40));
    }

    pub fn resize(&mut self, rows: u16, cols: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        self.parser.lock().unwrap().set_size(nz(rows), nz(cols));
        std::thread::sleep(Duration::from_millis(300));
    }
}

fn nz(n: u16) -> std::num::NonZero<u16> {
    std::num::NonZero::new(n).expect("a size above zero")
}

impl Drop for Term {
    /// A failed test must not leave the program running.
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

impl Term {
    /// The process id of the program in the terminal.
    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }

    /// Wait up to `secs` for the program to exit; its status if it did.
    pub fn wait_exit(&mut self, secs: u64) -> Option<portable_pty::ExitStatus> {
        let end = Instant::now() + Duration::from_secs(secs);
        while Instant::now() < end {
            if let Some(s) = self.child.try_wait().unwrap() {
                return Some(s);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        None
    }
}
