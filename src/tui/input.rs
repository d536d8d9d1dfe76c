//! The form's keyboard, read from the terminal by us. crossterm's own
//! reader waits on an edge-triggered epoll and hands back the first key of
//! each 1,024-byte read: after a burst of keys (a paste without bracketed
//! paste, a key held down over a slow link) the rest stays in the kernel
//! with no edge to wake it, and a loop that also waits on the terminal
//! spins at 100% CPU until the next key. Here every read takes all that is
//! waiting (up to a bound), a level-triggered poll(2) does the waiting, and
//! terminput's parser turns bytes into keys. Resizes come from SIGWINCH.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Bytes held before they are parsed, at most; a paste longer than this is
/// cut here (an answer takes 200 characters).
const MAX_HELD: usize = 1 << 20;
const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";
/// No key's escape sequence is longer than this.
const LONGEST_SEQUENCE: usize = 64;

pub struct Keys {
    held: Vec<u8>,
    resized: Arc<AtomicBool>,
    /// The terminal reads as ended (hung up).
    ended: bool,
}

impl Keys {
    pub fn new() -> io::Result<Keys> {
        let resized = Arc::new(AtomicBool::new(false));
        #[cfg(unix)]
        signal_hook::flag::register(signal_hook::consts::SIGWINCH, Arc::clone(&resized))?;
        Ok(Keys {
            held: Vec::new(),
            resized,
            ended: false,
        })
    }

    /// Wait up to `ms` for a key or a resize. False when the terminal hung
    /// up (or reads as ended).
    pub fn wait(&mut self, ms: i32) -> bool {
        if self.ended {
            return false;
        }
        if self.resized.load(Ordering::Relaxed) {
            return true;
        }
        super::term::wait_for_input(ms)
    }

    /// The next event, if a whole one has come; never blocks.
    pub fn next_event(&mut self) -> io::Result<Option<Event>> {
        if self.resized.swap(false, Ordering::Relaxed) {
            let (w, h) = crossterm::terminal::size()?;
            return Ok(Some(Event::Resize(w, h)));
        }
        if let Some(ev) = take_event(&mut self.held, false) {
            return Ok(Some(ev));
        }
        self.fill()?;
        // Everything waiting has been read: an escape sequence cut short
        // here is the Esc key followed by keys.
        Ok(take_event(&mut self.held, true))
    }

    /// Read all that the terminal holds now, up to the bound.
    #[cfg(unix)]
    fn fill(&mut self) -> io::Result<()> {
        let mut buf = [0u8; 16 * 1024];
        while self.held.len() < MAX_HELD && readable_now() {
            // SAFETY: reading into a buffer of its stated length.
            let n = unsafe { libc::read(0, buf.as_mut_ptr().cast(), buf.len()) };
            match n {
                0 => {
                    self.ended = true;
                    break;
                }
                n if n < 0 => {
                    let e = io::Error::last_os_error();
                    match e.kind() {
                        io::ErrorKind::Interrupted => continue,
                        io::ErrorKind::WouldBlock => break,
                        // EIO: the terminal is gone.
                        _ => {
                            self.ended = true;
                            break;
                        }
                    }
                }
                n => self.held.extend_from_slice(&buf[..n as usize]),
            }
        }
        Ok(())
    }

    #[cfg(not(unix))]
    fn fill(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(unix)]
fn readable_now() -> bool {
    let mut fds = libc::pollfd {
        fd: 0,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd, zero timeout.
    let n = unsafe { libc::poll(&mut fds, 1, 0) };
    n > 0 && fds.revents & libc::POLLIN != 0
}

/// Take the first whole event off the front of `held`. `drained`: nothing
/// more is waiting, so a lone or cut-short escape is the Esc key.
fn take_event(held: &mut Vec<u8>, drained: bool) -> Option<Event> {
    while !held.is_empty() {
        if held.starts_with(PASTE_START) {
            // Found in one pass over what is held: linear in the paste.
            let body = &held[PASTE_START.len()..];
            let end = body.windows(PASTE_END.len()).position(|w| w == PASTE_END);
            let (text, used) = match end {
                Some(e) => (&body[..e], PASTE_START.len() + e + PASTE_END.len()),
                // Held as much as we hold: take it as the paste.
                None if held.len() >= MAX_HELD => (body, held.len()),
                None => return None,
            };
            let text = String::from_utf8_lossy(text).into_owned();
            held.drain(..used);
            return Some(Event::Paste(text));
        }
        // An escape starts a sequence: try it at its full lengths first
        // (ESC alone would parse as the Esc key).
        let first = if held[0] == 0x1b && held.len() > 1 {
            2
        } else {
            1
        };
        let mut taken = None;
        let mut refused = None;
        for n in first..=held.len().min(LONGEST_SEQUENCE) {
            match terminput::Event::parse_from(&held[..n]) {
                Ok(Some(ev)) => {
                    taken = Some((n, ev));
                    break;
                }
                Ok(None) => {}
                Err(_) => {
                    refused = Some(n);
                    break;
                }
            }
        }
        match (taken, refused) {
            (Some((n, ev)), _) => {
                held.drain(..n);
                if let Some(ev) = convert(ev) {
                    return Some(ev);
                }
            }
            // Not a key: dropped whole.
            (None, Some(n)) => {
                held.drain(..n);
            }
            (None, None) if held.len() >= LONGEST_SEQUENCE => {
                held.drain(..1);
            }
            (None, None) if drained && held[0] == 0x1b => {
                held.drain(..1);
                return Some(key(KeyCode::Esc, KeyModifiers::NONE));
            }
            // Part of a key: wait for the rest.
            (None, None) => return None,
        }
    }
    None
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

/// terminput's event as crossterm's (the form's keys are crossterm's).
fn convert(ev: terminput::Event) -> Option<Event> {
    use terminput::KeyCode as T;
    let k = match ev {
        terminput::Event::Key(k) => k,
        terminput::Event::Paste(s) => return Some(Event::Paste(s)),
        _ => return None,
    };
    if k.kind != terminput::KeyEventKind::Press {
        return None;
    }
    let m = k.modifiers;
    let mut mods = KeyModifiers::NONE;
    for (t, c) in [
        (terminput::KeyModifiers::SHIFT, KeyModifiers::SHIFT),
        (terminput::KeyModifiers::CTRL, KeyModifiers::CONTROL),
        (terminput::KeyModifiers::ALT, KeyModifiers::ALT),
        (terminput::KeyModifiers::SUPER, KeyModifiers::SUPER),
        (terminput::KeyModifiers::HYPER, KeyModifiers::HYPER),
        (terminput::KeyModifiers::META, KeyModifiers::META),
    ] {
        if m.contains(t) {
            mods |= c;
        }
    }
    let code = match k.code {
        T::Backspace => KeyCode::Backspace,
        T::Enter => KeyCode::Enter,
        T::Left => KeyCode::Left,
        T::Right => KeyCode::Right,
        T::Up => KeyCode::Up,
        T::Down => KeyCode::Down,
        T::Home => KeyCode::Home,
        T::End => KeyCode::End,
        T::PageUp => KeyCode::PageUp,
        T::PageDown => KeyCode::PageDown,
        T::Tab if m.contains(terminput::KeyModifiers::SHIFT) => KeyCode::BackTab,
        T::Tab => KeyCode::Tab,
        T::Delete => KeyCode::Delete,
        T::Insert => KeyCode::Insert,
        T::F(n) => KeyCode::F(n),
        T::Char(c) => KeyCode::Char(c),
        T::Esc => KeyCode::Esc,
        _ => return None,
    };
    Some(key(code, mods))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(bytes: &[u8]) -> Vec<Event> {
        let mut held = bytes.to_vec();
        let mut out = Vec::new();
        while let Some(e) = take_event(&mut held, true) {
            out.push(e);
        }
        assert!(held.is_empty(), "left unparsed: {held:?}");
        out
    }

    fn k(code: KeyCode) -> Event {
        key(code, KeyModifiers::NONE)
    }

    #[test]
    fn keys_the_form_uses() {
        assert_eq!(
            all(b"a\r\t\x1b[Z\x7f\x1b[A\x1bOB\x1b[6~\x1bOP\x1b[21~\x03"),
            vec![
                k(KeyCode::Char('a')),
                k(KeyCode::Enter),
                k(KeyCode::Tab),
                key(KeyCode::BackTab, KeyModifiers::SHIFT),
                k(KeyCode::Backspace),
                k(KeyCode::Up),
                k(KeyCode::Down),
                k(KeyCode::PageDown),
                k(KeyCode::F(1)),
                k(KeyCode::F(10)),
                key(KeyCode::Char('c'), KeyModifiers::CONTROL),
            ]
        );
        assert_eq!(all("é".as_bytes()), vec![k(KeyCode::Char('é'))]);
        assert_eq!(all(b"\x1b"), vec![k(KeyCode::Esc)]);
    }

    #[test]
    fn a_cut_sequence_waits_unless_nothing_more_is_coming() {
        let mut held = b"\x1b[".to_vec();
        assert_eq!(take_event(&mut held, false), None);
        held.extend_from_slice(b"B");
        assert_eq!(take_event(&mut held, false), Some(k(KeyCode::Down)));
        // Half a character waits for its other half.
        let mut held = "é".as_bytes()[..1].to_vec();
        assert_eq!(take_event(&mut held, true), None);
    }

    #[test]
    fn a_paste_is_one_event_found_in_linear_time() {
        let body = "x".repeat(500_000);
        let bytes = [PASTE_START, body.as_bytes(), PASTE_END, b"q"].concat();
        let t = std::time::Instant::now();
        let evs = all(&bytes);
        assert!(t.elapsed() < std::time::Duration::from_secs(2));
        assert_eq!(evs.len(), 2);
        assert_eq!(evs[0], Event::Paste(body));
        assert_eq!(evs[1], k(KeyCode::Char('q')));
        // Unfinished: waits for the rest.
        let mut held = [PASTE_START, b"abc"].concat();
        assert_eq!(take_event(&mut held, true), None);
    }

    #[test]
    fn unknown_sequences_are_dropped_whole() {
        // A mouse report and a focus report are not keys.
        assert_eq!(
            all(b"\x1b[<0;10;5Mz\x1b[Iy"),
            vec![k(KeyCode::Char('z')), k(KeyCode::Char('y')),]
        );
    }
}
