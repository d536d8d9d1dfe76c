//! The terminal, set up and always restored: on quit, on a panic, and on
//! SIGTERM or SIGHUP (an SSH session that hangs up).

use super::backend::Lean;

/// The form's terminal: ratatui over our lean backend on standard output.
pub type Term = ratatui::Terminal<Lean<std::io::Stdout>>;
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Restores the terminal when dropped, whatever way the program leaves.
pub struct Guard {
    pub terminal: Term,
    /// The number of the signal (SIGTERM, SIGHUP, SIGINT) that asked us
    /// to stop, or 0; the event loop checks it between events.
    stop: Arc<AtomicUsize>,
}

/// Why the form ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The user quit.
    Quit,
    /// A signal asked us to stop (its number).
    Signal(i32),
    /// The terminal hung up.
    HangUp,
}

impl Ended {
    /// The exit status: 0 for a quit; 128 + the signal's number for a
    /// signal, as a shell reports a process the signal ended; 129 (as for
    /// SIGHUP) for a terminal that went away.
    pub fn exit_code(self) -> u8 {
        match self {
            Ended::Quit => 0,
            Ended::Signal(n) => (128 + n.clamp(1, 127)) as u8,
            Ended::HangUp => 128 + signal_hook::consts::SIGHUP as u8,
        }
    }
}

pub fn restore() {
    let _ = crossterm::execute!(std::io::stdout(), crossterm::event::DisableBracketedPaste);
    ratatui::restore();
    // Plain colours, the cursor shown: the lean backend leaves the pen
    // as the last frame set it.
    let mut out = std::io::stdout();
    let _ = write!(out, "\x1b[0m\x1b[?25h");
    let _ = out.flush();
}

impl Guard {
    pub fn new() -> std::io::Result<Guard> {
        let stop = Arc::new(AtomicUsize::new(0));
        for sig in [
            signal_hook::consts::SIGTERM,
            signal_hook::consts::SIGHUP,
            signal_hook::consts::SIGINT,
        ] {
            signal_hook::flag::register_usize(sig, Arc::clone(&stop), sig as usize)?;
        }
        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            prev(info);
        }));
        crossterm::terminal::enable_raw_mode()?;
        crossterm::execute!(std::io::stdout(), crossterm::terminal::EnterAlternateScreen)?;
        let terminal = ratatui::Terminal::new(Lean::new(std::io::stdout()))?;
        // A paste arrives as one event, not as thousands of keys.
        crossterm::execute!(std::io::stdout(), crossterm::event::EnableBracketedPaste)?;
        Ok(Guard { terminal, stop })
    }

    /// Why the form must end now, if it must: a signal, or a terminal that
    /// hung up.
    pub fn ended(&self) -> Option<Ended> {
        match self.stop.load(Ordering::Relaxed) {
            0 if hung_up() => Some(Ended::HangUp),
            0 => None,
            n => Some(Ended::Signal(n as i32)),
        }
    }

    /// A signal asked us to stop, or the terminal hung up (an SSH session
    /// that dropped, a closed window). The second matters: a hung-up
    /// terminal reads as end of file forever, and not every hang-up brings
    /// a SIGHUP, so we ask the terminal itself.
    pub fn stopped(&self) -> bool {
        self.ended().is_some()
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        // Clear what the session showed (a kiosk's next user must not see it).
        let _ = wipe(&mut self.terminal);
        restore();
    }
}

/// Blank the screen and make the next frame write every cell. Unlike
/// `Terminal::clear`, this never asks the terminal where its cursor is, a
/// question some terminals (and screen readers' terminals) never answer.
pub fn wipe(terminal: &mut Term) -> std::io::Result<()> {
    use ratatui::backend::{Backend, ClearType};
    terminal.backend_mut().clear_region(ClearType::All)?;
    // After a draw the current buffer is blank and the previous one holds
    // the screen; swapping resets that one too, so both are blank.
    terminal.swap_buffers();
    Ok(())
}

/// Standard input's terminal has hung up (or gone away).
#[cfg(unix)]
pub fn hung_up() -> bool {
    let mut fds = libc::pollfd {
        fd: 0,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd, zero timeout.
    let n = unsafe { libc::poll(&mut fds, 1, 0) };
    n < 0 || fds.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

#[cfg(not(unix))]
pub fn hung_up() -> bool {
    false
}

/// Wait up to `ms` milliseconds for input on the terminal. False when the
/// terminal hung up (crossterm would read its end of file forever).
#[cfg(unix)]
pub fn wait_for_input(ms: i32) -> bool {
    let mut fds = libc::pollfd {
        fd: 0,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd.
    let n = unsafe { libc::poll(&mut fds, 1, ms) };
    !(n < 0 && std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted
        || fds.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0)
}

#[cfg(not(unix))]
pub fn wait_for_input(ms: i32) -> bool {
    std::thread::sleep(std::time::Duration::from_millis(ms as u64));
    true
}
