//! A ratatui backend that writes only what changes on the terminal: it
//! remembers where the terminal's cursor is, which colours and attributes
//! are set and whether the cursor is shown, and sends a cursor move, a
//! colour, an attribute or a show/hide only when it differs. crossterm's
//! backend moves the cursor before every frame, resets every attribute
//! after it and shows the cursor again, so one typed character cost 44
//! bytes; here it costs the character.
//!
//! Whole frames (a new question, which screen readers need written whole)
//! are unchanged: `term::wipe` clears the screen and every cell is written.

use crossterm::cursor::{Hide, MoveTo, Show};
use crossterm::queue;
use crossterm::style::{Attribute, Color as CColor, Colors, Print, SetAttribute, SetColors};
use crossterm::terminal::{Clear, ClearType as CClear};
use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

/// The pen: colours and attributes in effect on the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pen {
    fg: Color,
    bg: Color,
    modifier: Modifier,
}

const PLAIN: Pen = Pen {
    fg: Color::Reset,
    bg: Color::Reset,
    modifier: Modifier::empty(),
};

pub struct Lean<W: Write> {
    out: W,
    /// Where the terminal's cursor is, when we know.
    pos: Option<(u16, u16)>,
    /// The pen in effect, when we know (not before the first write).
    pen: Option<Pen>,
    /// The cursor is shown, when we know.
    shown: Option<bool>,
    /// The terminal's width, to know when a write leaves the cursor in the
    /// ambiguous state past the last column.
    width: u16,
}

impl<W: Write> Lean<W> {
    pub fn new(out: W) -> Lean<W> {
        let width = crossterm::terminal::size().map(|(w, _)| w).unwrap_or(80);
        Lean {
            out,
            pos: None,
            pen: None,
            shown: None,
            width,
        }
    }

    /// Bring the terminal's pen to `to`, with as little as possible.
    fn pen(&mut self, to: Pen) -> io::Result<()> {
        let from = match self.pen {
            Some(p) if p == to => return Ok(()),
            Some(p) => p,
            None => {
                queue!(self.out, SetAttribute(Attribute::Reset))?;
                PLAIN
            }
        };
        let mut from = from;
        // An attribute taken away: start from nothing (one reset is shorter
        // than the right "no ..." for each, and always correct).
        if !(from.modifier - to.modifier).is_empty() {
            queue!(self.out, SetAttribute(Attribute::Reset))?;
            from = PLAIN;
        }
        let added = to.modifier - from.modifier;
        for (m, a) in [
            (Modifier::BOLD, Attribute::Bold),
            (Modifier::DIM, Attribute::Dim),
            (Modifier::ITALIC, Attribute::Italic),
            (Modifier::UNDERLINED, Attribute::Underlined),
            (Modifier::SLOW_BLINK, Attribute::SlowBlink),
            (Modifier::RAPID_BLINK, Attribute::RapidBlink),
            (Modifier::REVERSED, Attribute::Reverse),
            (Modifier::HIDDEN, Attribute::Hidden),
            (Modifier::CROSSED_OUT, Attribute::CrossedOut),
        ] {
            if added.contains(m) {
                queue!(self.out, SetAttribute(a))?;
            }
        }
        if from.fg != to.fg || from.bg != to.bg {
            let c = |c: Color| -> Option<CColor> { (c != Color::Reset).then(|| colour(c)) };
            match (from.fg != to.fg, from.bg != to.bg) {
                (true, true) => queue!(
                    self.out,
                    SetColors(Colors {
                        foreground: Some(c(to.fg).unwrap_or(CColor::Reset)),
                        background: Some(c(to.bg).unwrap_or(CColor::Reset)),
                    })
                )?,
                (true, false) => queue!(
                    self.out,
                    crossterm::style::SetForegroundColor(c(to.fg).unwrap_or(CColor::Reset))
                )?,
                _ => queue!(
                    self.out,
                    crossterm::style::SetBackgroundColor(c(to.bg).unwrap_or(CColor::Reset))
                )?,
            }
        }
        self.pen = Some(to);
        Ok(())
    }

    fn goto(&mut self, x: u16, y: u16) -> io::Result<()> {
        if self.pos != Some((x, y)) {
            queue!(self.out, MoveTo(x, y))?;
            self.pos = Some((x, y));
        }
        Ok(())
    }
}

/// ratatui's colour as crossterm's.
fn colour(c: Color) -> CColor {
    match c {
        Color::Reset => CColor::Reset,
        Color::Black => CColor::Black,
        Color::Red => CColor::DarkRed,
        Color::Green => CColor::DarkGreen,
        Color::Yellow => CColor::DarkYellow,
        Color::Blue => CColor::DarkBlue,
        Color::Magenta => CColor::DarkMagenta,
        Color::Cyan => CColor::DarkCyan,
        Color::Gray => CColor::Grey,
        Color::DarkGray => CColor::DarkGrey,
        Color::LightRed => CColor::Red,
        Color::LightGreen => CColor::Green,
        Color::LightBlue => CColor::Blue,
        Color::LightYellow => CColor::Yellow,
        Color::LightMagenta => CColor::Magenta,
        Color::LightCyan => CColor::Cyan,
        Color::White => CColor::White,
        Color::Indexed(i) => CColor::AnsiValue(i),
        Color::Rgb(r, g, b) => CColor::Rgb { r, g, b },
    }
}

impl<W: Write> Backend for Lean<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        for (x, y, cell) in content {
            self.goto(x, y)?;
            self.pen(Pen {
                fg: cell.fg,
                bg: cell.bg,
                modifier: cell.modifier,
            })?;
            let sym = cell.symbol();
            queue!(self.out, Print(sym))?;
            let next = x.saturating_add(sym.width().max(1) as u16);
            // Past the last column the cursor's place is the terminal's
            // own business (pending wrap): the next write moves it.
            self.pos = (next < self.width).then_some((next, y));
        }
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.shown != Some(false) {
            queue!(self.out, Hide)?;
            self.shown = Some(false);
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.shown != Some(true) {
            queue!(self.out, Show)?;
            self.shown = Some(true);
        }
        Ok(())
    }

    /// Where we put the cursor. The terminal is never asked: some terminals
    /// (and screen readers' terminals) never answer, and a resize would
    /// then hang the form for seconds.
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        let (x, y) = self.pos.unwrap_or_default();
        Ok(Position { x, y })
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let p = position.into();
        self.goto(p.x, p.y)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        // A clear paints with the background in effect: the plain one.
        self.pen(PLAIN)?;
        let t = match clear_type {
            ClearType::All => CClear::All,
            ClearType::AfterCursor => CClear::FromCursorDown,
            ClearType::BeforeCursor => CClear::FromCursorUp,
            ClearType::CurrentLine => CClear::CurrentLine,
            ClearType::UntilNewLine => CClear::UntilNewLine,
        };
        queue!(self.out, Clear(t))?;
        self.pos = None;
        Ok(())
    }

    fn size(&self) -> io::Result<Size> {
        let (width, height) = crossterm::terminal::size()?;
        Ok(Size { width, height })
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        let crossterm::terminal::WindowSize {
            columns,
            rows,
            width,
            height,
        } = crossterm::terminal::window_size()?;
        Ok(WindowSize {
            columns_rows: Size {
                width: columns,
                height: rows,
            },
            pixels: Size { width, height },
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        // The width may have changed since the last frame (a resize).
        if let Ok((w, _)) = crossterm::terminal::size() {
            self.width = w;
        }
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::layout::Rect;
    use ratatui::style::Style;
    use ratatui::widgets::Paragraph;

    /// A Lean writing into a buffer, for a terminal of `w` columns.
    fn lean(w: u16) -> Lean<Vec<u8>> {
        Lean {
            out: Vec::new(),
            pos: None,
            pen: None,
            shown: None,
            width: w,
        }
    }

    fn cells(text: &str, style: Style) -> Vec<(u16, u16, Cell)> {
        text.chars()
            .enumerate()
            .map(|(i, ch)| {
                let mut c = Cell::default();
                c.set_char(ch).set_style(style);
                (i as u16, 0, c)
            })
            .collect()
    }

    #[test]
    fn a_typed_character_costs_the_character() {
        let rev = Style::default().add_modifier(Modifier::REVERSED);
        let mut b = lean(80);
        let first = cells("ab", rev);
        b.draw(first.iter().map(|(x, y, c)| (*x, *y, c))).unwrap();
        b.set_cursor_position(Position { x: 2, y: 0 }).unwrap();
        b.show_cursor().unwrap();
        b.out.clear();
        // The next character, at the cursor, in the same style.
        let mut c = Cell::default();
        c.set_char('c').set_style(rev);
        b.draw(std::iter::once((2u16, 0u16, &c))).unwrap();
        b.set_cursor_position(Position { x: 3, y: 0 }).unwrap();
        b.show_cursor().unwrap();
        assert_eq!(b.out, b"c");
    }

    fn draw(b: &mut Lean<Vec<u8>>, x: u16, y: u16, text: &str, style: Style) -> String {
        b.out.clear();
        let cs: Vec<(u16, u16, Cell)> = cells(text, style)
            .into_iter()
            .map(|(i, _, c)| (x + i, y, c))
            .collect();
        b.draw(cs.iter().map(|(x, y, c)| (*x, *y, c))).unwrap();
        String::from_utf8(std::mem::take(&mut b.out)).unwrap()
    }

    #[test]
    fn only_what_changes_is_sent() {
        let mut b = lean(80);
        // The first write moves the cursor and sets the pen from nothing.
        assert_eq!(
            draw(&mut b, 0, 0, "x", Style::default()),
            "\x1b[1;1H\x1b[0mx"
        );
        // The next cell, same pen: only the character.
        assert_eq!(draw(&mut b, 1, 0, "y", Style::default()), "y");
        // Elsewhere, in red: a move and a colour, no reset.
        let red = Style::default().fg(Color::Red);
        assert_eq!(draw(&mut b, 5, 0, "z", red), "\x1b[1;6H\x1b[38;5;1mz");
        // Reverse added to red: the attribute alone.
        let both = red.add_modifier(Modifier::REVERSED);
        assert_eq!(draw(&mut b, 6, 0, "w", both), "\x1b[7mw");
        // Reverse taken away: a reset, then the colour again.
        assert_eq!(draw(&mut b, 7, 0, "v", red), "\x1b[0m\x1b[38;5;1mv");
        // Show and hide are sent once each.
        b.show_cursor().unwrap();
        b.show_cursor().unwrap();
        b.hide_cursor().unwrap();
        b.hide_cursor().unwrap();
        assert_eq!(
            String::from_utf8(std::mem::take(&mut b.out)).unwrap(),
            "\x1b[?25h\x1b[?25l"
        );
        // A clear paints with the plain pen (here: the default foreground
        // back), and forgets the cursor.
        b.clear().unwrap();
        assert_eq!(
            String::from_utf8(std::mem::take(&mut b.out)).unwrap(),
            "\x1b[39m\x1b[2J"
        );
        assert_eq!(draw(&mut b, 0, 0, "a", Style::default()), "\x1b[1;1Ha");
    }

    #[test]
    fn past_the_last_column_the_cursor_is_moved_again() {
        let mut b = lean(10);
        draw(&mut b, 8, 0, "ab", Style::default());
        // After the last column the terminal may or may not have wrapped.
        assert_eq!(draw(&mut b, 0, 1, "c", Style::default()), "\x1b[2;1Hc");
    }

    #[test]
    fn a_frame_through_ratatui_ends_without_resets() {
        let mut t = Terminal::new(lean(20)).unwrap();
        t.draw(|f| {
            f.render_widget(Paragraph::new("hello"), Rect::new(0, 0, 20, 1));
            f.set_cursor_position(Position { x: 5, y: 0 });
        })
        .unwrap();
        let out = String::from_utf8(t.backend().out.clone()).unwrap();
        assert!(out.contains("hello"), "{out:?}");
        assert!(!out.ends_with("\x1b[0m"), "{out:?}");
    }
}
