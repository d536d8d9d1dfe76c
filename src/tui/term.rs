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

    pub fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        // Clear what the session showed (a kiosk's next user must not see it).
        let _ = self.terminal.clear();
        restore();
    }
}
