//! Where the plain mode's lines come from. Every line is bounded (a paste
//! of any size, or /dev/zero, costs time linear in its size and memory of
//! one line), and at a kiosk a line can be waited for with a time limit.

use std::io::BufRead;
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, sync_channel};
use std::time::Duration;

/// The longest line taken as an answer, in bytes; the rest of a longer
/// line is read and dropped.
pub const MAX_LINE: usize = 4096;

/// What one read gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// A line, without its line end (raw bytes, not yet cleaned).
    Text(Vec<u8>),
    /// A line longer than [`MAX_LINE`]: dropped whole.
    TooLong,
    /// Input ended (or failed).
    End,
    /// Nothing came within the time given.
    Idle,
}

/// A source of lines; `wait` is the longest to wait (None: for ever).
pub trait LineSource {
    fn next_line(&mut self, wait: Option<Duration>) -> Line;
}

/// Read one bounded line from a buffered reader.
pub fn read_bounded<R: BufRead + ?Sized>(r: &mut R) -> Line {
    let mut line = Vec::new();
    let mut too_long = false;
    loop {
        let buf = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => return Line::End,
        };
        if buf.is_empty() {
            // End of input: a last line without its line end still counts.
            return match (line.is_empty(), too_long) {
                (_, true) => Line::TooLong,
                (true, false) => Line::End,
                (false, false) => Line::Text(line),
            };
        }
        let (chunk, found) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (&buf[..i], Some(i + 1)),
            None => (buf, None),
        };
        if !too_long {
            if line.len() + chunk.len() > MAX_LINE {
                too_long = true;
                line = Vec::new();
            } else {
                line.extend_from_slice(chunk);
            }
        }
        let used = found.unwrap_or(buf.len());
        r.consume(used);
        if found.is_some() {
            return if too_long {
                Line::TooLong
            } else {
                Line::Text(line)
            };
        }
    }
}

/// Any buffered reader: waits for ever (a script, a test, a desk).
impl<R: BufRead> LineSource for R {
    fn next_line(&mut self, _wait: Option<Duration>) -> Line {
        read_bounded(self)
    }
}

/// Lines read on a thread of their own, so that the interview can wait
/// for one with a time limit (the kiosk's idle reset). A few lines are
/// held at most; the reader waits when they are not taken.
pub struct Timed {
    rx: Receiver<Line>,
    ended: bool,
}

impl Timed {
    pub fn spawn<R: BufRead + Send + 'static>(mut r: R) -> Timed {
        let (tx, rx): (SyncSender<Line>, Receiver<Line>) = sync_channel(8);
        std::thread::spawn(move || {
            loop {
                let l = read_bounded(&mut r);
                let end = l == Line::End;
                if tx.send(l).is_err() || end {
                    break;
                }
            }
        });
        Timed { rx, ended: false }
    }
}

impl LineSource for Timed {
    fn next_line(&mut self, wait: Option<Duration>) -> Line {
        if self.ended {
            return Line::End;
        }
        let got = match wait {
            Some(w) => self.rx.recv_timeout(w),
            None => self.rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        match got {
            Ok(Line::End) | Err(RecvTimeoutError::Disconnected) => {
                self.ended = true;
                Line::End
            }
            Ok(l) => l,
            Err(RecvTimeoutError::Timeout) => Line::Idle,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn lines_are_bounded() {
        let mut input = format!("one\n{}\ntwo", "x".repeat(MAX_LINE * 3)).into_bytes();
        input.extend_from_slice(b"\n");
        let mut r = std::io::BufReader::with_capacity(64, &input[..]);
        assert_eq!(read_bounded(&mut r), Line::Text(b"one".to_vec()));
        assert_eq!(read_bounded(&mut r), Line::TooLong);
        assert_eq!(read_bounded(&mut r), Line::Text(b"two".to_vec()));
        assert_eq!(read_bounded(&mut r), Line::End);
        let mut last = &b"no line end"[..];
        assert_eq!(read_bounded(&mut last), Line::Text(b"no line end".to_vec()));
    }

    #[test]
    fn endless_input_without_line_ends_is_read_in_bounded_memory() {
        // Like /dev/zero: 64 MB with no line end, then one.
        let big = std::io::repeat(0).take(64 << 20).chain(&b"\nok\n"[..]);
        let mut r = std::io::BufReader::new(big);
        assert_eq!(read_bounded(&mut r), Line::TooLong);
        assert_eq!(read_bounded(&mut r), Line::Text(b"ok".to_vec()));
    }

    #[test]
    fn a_timed_source_says_idle_then_goes_on() {
        let (r, mut w) = std::io::pipe().unwrap();
        let mut t = Timed::spawn(std::io::BufReader::new(r));
        assert_eq!(t.next_line(Some(Duration::from_millis(50))), Line::Idle);
        use std::io::Write;
        w.write_all(b"hello\n").unwrap();
        drop(w);
        assert_eq!(
            t.next_line(Some(Duration::from_secs(5))),
            Line::Text(b"hello".to_vec())
        );
        assert_eq!(t.next_line(None), Line::End);
        assert_eq!(t.next_line(None), Line::End);
    }
}
