//! The terminal, set up and always restored: on quit, on a panic, and on
//! SIGTERM or SIGHUP (an SSH session that hangs up).

use ratatui::DefaultTerminal;
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Restores the terminal when dropped, whatever way the program leaves.
pub struct Guard {
    pub terminal: DefaultTerminal,
    /// Set by SIGTERM / SIGHUP; the event loop checks it between events.
    pub stop: Arc<AtomicBool>,
}

pub fn restore() {
    ratatui::restore();
    // Show the cursor and leave nothing of the session on screen.
    let mut out = std::io::stdout();
    let _ = write!(out, "\x1b[?25h");
    let _ = out.flush();
}

impl Guard {
    pub fn new() -> std::io::Result<Guard> {
        let stop = Arc::new(AtomicBool::new(false));
        for sig in [
            signal_hook::consts::SIGTERM,
            signal_hook::consts::SIGHUP,
            signal_hook::consts::SIGINT,
        ] {
            signal_hook::flag::register(sig, Arc::clone(&stop))?;
        }
        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            prev(info);
        }));
        let terminal = ratatui::try_init()?;
        Ok(Guard { terminal, stop })
    }

    /// A signal asked us to stop, or the terminal hung up (an SSH session
    /// that dropped, a closed window). The second matters: a hung-up
    /// terminal reads as end of file forever, and not every hang-up brings
    /// a SIGHUP, so we ask the terminal itself.
    pub fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed) || hung_up()
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        // Clear what the session showed (a kiosk's next user must not see it).
        let _ = self.terminal.clear();
        restore();
    }
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
