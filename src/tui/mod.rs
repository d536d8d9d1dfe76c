//! The full-screen interview: a ratatui form on the left, the live side
//! panel on the right (or a toggled view below 100 columns). The screen
//! changes only when something happened: no clocks, no timed redraws.

pub mod action;
pub mod app;
pub mod backend;
pub mod input;
pub mod keymap;
pub mod panel;
pub mod term;
pub mod theme;
pub mod view;

use app::App;
use ratatui::crossterm::event::Event;
use std::time::{Duration, Instant};
use theme::Theme;

pub struct Options {
    pub theme: Theme,
    /// Kiosk: after this long without a key, close the interview, clear the
    /// screen and start a new one for the next person.
    pub kiosk_idle: Option<Duration>,
}

/// Run the form until the user quits (or a signal ends it). `fresh` makes
/// the next interview in kiosk mode; `on_idle` closes the current one.
/// Says why it ended, for the exit status.
pub fn run<'a>(
    mut app: App<'a>,
    opts: &Options,
    fresh: &mut dyn FnMut() -> Option<App<'a>>,
    on_idle: &mut dyn FnMut(&App<'a>),
) -> std::io::Result<term::Ended> {
    let mut guard = term::Guard::new()?;
    let mut keys = input::Keys::new()?;
    let result = event_loop(&mut app, &mut guard, &mut keys, opts, fresh, on_idle);
    // Whatever ended the loop (quit, a signal, a hung-up terminal, an
    // error writing to it), an accepted answer is committed before the
    // terminal is given back.
    app.flush_save();
    result?;
    Ok(guard.ended().unwrap_or(term::Ended::Quit))
}

/// Handle one event; true when the screen must be drawn again.
fn handle(app: &mut App<'_>, ev: Event) -> bool {
    match ev {
        Event::Key(k) => match app.keymap.action(k, app.typing()) {
            Some(a) => {
                app.update(a);
                true
            }
            None => false,
        },
        Event::Paste(text) => {
            app.paste(&text);
            true
        }
        Event::Resize(_, _) => true,
        _ => false,
    }
}

/// An event that is not a key press: a key release or repeat report, a
/// focus change, a mouse movement. It does not count as the caller being
/// there.
fn is_input(ev: &Event) -> bool {
    matches!(ev, Event::Key(_) | Event::Paste(_))
}

fn event_loop<'a>(
    app: &mut App<'a>,
    guard: &mut term::Guard,
    keys: &mut input::Keys,
    opts: &Options,
    fresh: &mut dyn FnMut() -> Option<App<'a>>,
    on_idle: &mut dyn FnMut(&App<'a>),
) -> std::io::Result<()> {
    let mut last_key = Instant::now();
    let mut dirty = true;
    // A box (help, why, quit) is on screen since the last frame.
    let mut box_shown = false;
    loop {
        if guard.stopped() {
            // Every accepted answer is saved (below, after the loop); only
            // the one being typed is lost. The guard restores the terminal.
            break;
        }
        if dirty {
            if app.redraw_all {
                // Forget what is on screen so every cell is written again.
                term::wipe(&mut guard.terminal)?;
                app.redraw_all = false;
            }
            if app.overlay.is_some() && !box_shown {
                guard
                    .terminal
                    .draw(|f| view::render_under_box(f, app, &opts.theme))?;
            }
            box_shown = app.overlay.is_some();
            guard.terminal.draw(|f| view::render(f, app, &opts.theme))?;
            dirty = false;
        }
        // The frame with the answer is out; now commit it, before anything
        // else is read or the loop can end.
        if app.flush_save() {
            dirty = true;
            continue;
        }
        // Wake up now and then only to notice a signal or the kiosk timer;
        // nothing is drawn unless something happened.
        let wait = match opts.kiosk_idle {
            Some(idle) => idle
                .saturating_sub(last_key.elapsed())
                .min(Duration::from_millis(500)),
            None => Duration::from_millis(500),
        };
        // Keys already read come first; only then wait on the terminal, in
        // short steps so that a signal is noticed. Our own reader (see
        // input.rs) takes everything waiting at each read, so a burst of
        // keys never leaves bytes behind for the wait to spin on.
        let mut ev = keys.next_event()?;
        if ev.is_none() {
            if !keys.wait(wait.min(Duration::from_millis(100)).as_millis() as i32)
                || guard.stopped()
            {
                break;
            }
            ev = keys.next_event()?;
        }
        if let Some(first) = ev {
            // Every event already waiting is taken before the next frame
            // (keys typed or pasted faster than frames are drawn cost one
            // frame, not one each), but never past an accepted answer:
            // that is drawn and committed before another key is read.
            let mut next = Some(first);
            while let Some(ev) = next.take() {
                if is_input(&ev) {
                    last_key = Instant::now();
                }
                dirty |= handle(app, ev);
                if app.quit || app.save_pending() || guard.stopped() {
                    break;
                }
                next = keys.next_event()?;
            }
            if app.quit {
                break;
            }
        } else if let Some(idle) = opts.kiosk_idle
            && last_key.elapsed() >= idle
        {
            if app.untouched() {
                // Nobody's answers to clear: the screen stays as it is.
                last_key = Instant::now();
                continue;
            }
            on_idle(app);
            match fresh() {
                Some(next) => *app = next,
                None => break,
            }
            // Nothing of the last person's session stays on screen.
            term::wipe(&mut guard.terminal)?;
            last_key = Instant::now();
            dirty = true;
        }
    }
    Ok(())
}
