//! Text from a record (a name, a value quoted in an error) is data, never
//! terminal control. Every place that prints such text passes it through
//! here: escape sequences (CSI, OSC, DCS and their kin) are removed whole,
//! other control characters (C0 and C1) and the bidirectional overrides
//! that can make a line read differently from what it holds are dropped.

/// Clean a whole block of output: line feeds and tabs are kept.
pub fn for_terminal(s: &str) -> String {
    clean(s, true)
}

/// Clean a value shown inside one line: a line break becomes a space.
pub fn one_line(s: &str) -> String {
    clean(s, false)
}

/// True when `s` would be changed by [`for_terminal`] (a control character,
/// an escape sequence or a direction override in it).
pub fn has_control(s: &str) -> bool {
    s.chars().any(|c| unsafe_char(c) && c != '\n' && c != '\t')
}

fn unsafe_char(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// Explicit direction embeddings, overrides and isolates (U+202A-U+202E,
/// U+2066-U+2069): they reorder what follows on screen.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn clean(s: &str, keep_lines: bool) -> String {
    // Nothing to do for the common case: no allocation beyond the copy.
    if !s.chars().any(unsafe_char) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        match c {
            '\n' | '\t' if keep_lines => out.push(c),
            '\n' | '\t' => out.push(' '),
            '\u{1b}' => skip_escape(&mut it),
            // An 8-bit CSI / OSC / DCS etc.: its body is dropped as well.
            '\u{9b}' => skip_csi(&mut it),
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut it),
            c if unsafe_char(c) => {}
            c => out.push(c),
        }
    }
    out
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// After ESC: the rest of the sequence it starts.
fn skip_escape(it: &mut Chars) {
    match it.next() {
        Some('[') => skip_csi(it),
        // OSC, DCS, SOS, PM, APC: a string ended by BEL or ST (ESC \).
        Some(']' | 'P' | 'X' | '^' | '_') => skip_string(it),
        // SS2, SS3 and the character-set designators take one more.
        Some('N' | 'O' | '(' | ')' | '*' | '+' | '#' | '%') => {
            it.next();
        }
        Some(_) | None => {}
    }
}

/// Parameters and intermediates, up to and including the final byte.
fn skip_csi(it: &mut Chars) {
    for d in it.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&d) {
            break;
        }
    }
}

/// A control string: up to BEL, ST (ESC \) or the 8-bit ST (U+009C).
fn skip_string(it: &mut Chars) {
    while let Some(d) = it.next() {
        match d {
            '\u{7}' | '\u{9c}' => break,
            '\u{1b}' => {
                if it.peek() == Some(&'\\') {
                    it.next();
                }
                break;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_go_whole() {
        // A window-title change, a colour, a cursor move, an 8-bit CSI.
        assert_eq!(for_terminal("Ann\u{1b}]2;pwned\u{7}e"), "Anne");
        assert_eq!(for_terminal("Ann\u{1b}]0;x\u{1b}\\e"), "Anne");
        assert_eq!(for_terminal("\u{1b}[31mRed\u{1b}[0m"), "Red");
        assert_eq!(for_terminal("a\u{1b}[2J\u{1b}[Hb"), "ab");
        assert_eq!(for_terminal("a\u{9b}31mb"), "ab");
        assert_eq!(for_terminal("a\u{1b}Pq#0;2\u{1b}\\b"), "ab");
        assert_eq!(for_terminal("a\u{1b}(Bb"), "ab");
    }

    #[test]
    fn controls_and_overrides_are_dropped() {
        assert_eq!(for_terminal("a\u{7}\u{8}\r\u{0}b"), "ab");
        assert_eq!(for_terminal("evil\u{202e}gnp.exe"), "evilgnp.exe");
        assert_eq!(for_terminal("two\nlines\tok"), "two\nlines\tok");
        assert_eq!(one_line("two\nlines"), "two lines");
        // An unterminated string swallows the rest rather than leak it.
        assert_eq!(for_terminal("a\u{1b}]2;never ends"), "a");
    }

    #[test]
    fn plain_text_is_untouched() {
        let s = "Walter Brooks — 70, São Paulo, 日本";
        assert_eq!(for_terminal(s), s);
        assert!(!has_control(s));
        assert!(has_control("a\u{1b}b"));
        assert!(!has_control("a\nb"));
    }
}
