//! Drawing the form from the app's state (read-only). The terminal cursor is
//! put on whatever has focus: the caret in a text field, the first letter of
//! the selected choice or panel line, the first line of an open box. A
//! screen reader or magnifier follows it.

use super::app::{App, Focus, Overlay};
use super::panel::Item;
use super::theme::Theme;
use crate::engine::{ProofStatus, Status};
use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// Below this width the panel becomes a view of its own.
pub const WIDE: u16 = 100;

/// Break text into lines of at most `width` characters, at spaces. A
/// line's leading spaces (its indent) are kept on every line it wraps to.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(8);
    let mut out = Vec::new();
    for para in text.split('\n') {
        let body = para.trim_start_matches(' ');
        let indent = " ".repeat((para.len() - body.len()).min(width / 2));
        let room = width - indent.chars().count();
        // Words fill one column short, so a line broken between words keeps
        // its space: a screen reader that speaks what is written (tdsr)
        // otherwise joins the last word of a row to the first of the next
        // ("WalterBrooks").
        let fit = room.saturating_sub(1).max(1);
        let mut line = String::new();
        let push = |l: &mut String, out: &mut Vec<String>| {
            out.push(format!("{indent}{}", std::mem::take(l)))
        };
        for word in body.split(' ').filter(|w| !w.is_empty()) {
            let wl = word.chars().count();
            let ll = line.chars().count();
            if ll > 0 && ll + 1 + wl > fit {
                line.push(' ');
                push(&mut line, &mut out);
            }
            if !line.is_empty() {
                line.push(' ');
            }
            if wl > room {
                // A word longer than the line: cut it.
                let mut rest: Vec<char> = word.chars().collect();
                while rest.len() > room {
                    let head: String = rest.drain(..room).collect();
                    line.push_str(&head);
                    push(&mut line, &mut out);
                }
                line.push_str(&rest.into_iter().collect::<String>());
            } else {
                line.push_str(word);
            }
        }
        push(&mut line, &mut out);
    }
    out
}

/// Spaces that are written, not skipped: ratatui's diff leaves blank cells
/// out and a screen reader then hears words run together. A no-break space
/// looks the same and is written (not in ASCII mode, where it would show
/// as a stray byte).
fn spaced(theme: &Theme, s: &str) -> String {
    if theme.ascii {
        s.to_string()
    } else {
        s.replace(' ', "\u{a0}")
    }
}

/// A row that ends short of the edge ends with a written space, so that a
/// screen reader reading a whole frame does not run its last word into the
/// next row's first ("missing 2Saved.").
fn ended(s: &str, width: usize) -> String {
    if s.ends_with(' ') || s.chars().count() >= width {
        s.to_string()
    } else {
        format!("{s} ")
    }
}

fn line<'a>(theme: &Theme, s: &str, style: Style) -> Line<'a> {
    Line::from(Span::styled(spaced(theme, s), style))
}

/// From this size up (and below WIDE) the panel sits under the question in
/// a few short lines; below it, the panel is a view toggled to.
pub const COMPACT: (u16, u16) = (80, 24);

/// The compact panel's most rows (its lines wrapped), under its title.
const COMPACT_ROWS: usize = 8;

/// The rows the form would take to show its question whole (its box, with
/// every line of the question, its help and its choices).
fn form_rows_wanted(app: &App, theme: &Theme, width: u16, tight: bool) -> usize {
    match app.prompt() {
        Some(p) => {
            let w = width.saturating_sub(2) as usize;
            let body = form_body(app, theme, &p, w, usize::MAX / 4, tight);
            body.lines.len() + 2
        }
        None => 5,
    }
}

/// The compact panel's lines wrapped to the width, at most `most` rows;
/// when more would be needed, the last row says how many are left out.
fn compact_rows(app: &App, width: usize, most: usize) -> Vec<String> {
    let mut rows: Vec<String> = Vec::new();
    for l in &app.compact {
        for (k, r) in wrap(l, width.saturating_sub(2)).into_iter().enumerate() {
            rows.push(if k > 0 { format!("  {r}") } else { r });
        }
    }
    if rows.len() > most {
        let left = rows.len() - (most - 1);
        rows.truncate(most - 1);
        rows.push(app.ui("compact.more", &[("n", &left.to_string())]));
    }
    rows
}

pub fn render(f: &mut Frame, app: &App, theme: &Theme) {
    let area = f.area();
    let wide = area.width >= WIDE;
    let panel_view = app.show_panel || app.focus == Focus::Panel;
    let compact = !wide && area.width >= COMPACT.0 && area.height >= COMPACT.1 && !panel_view;
    let panel_rows = if compact {
        // The question and its choices come first: the panel takes the rows
        // they leave (three at least: its title and two lines), so a list
        // of twelve choices is shown whole at 80x24.
        let status = 1 + status_rows(app, area.width) as usize;
        let left = |tight: bool| {
            (area.height as usize)
                .saturating_sub(status + form_rows_wanted(app, theme, area.width, tight) + 1)
        };
        // The form drops its sections line and blank rows (it does so
        // itself when it must) before the panel goes below four lines.
        let room = match left(false) {
            n if n >= 4 => n,
            _ => left(true),
        }
        .clamp(2, COMPACT_ROWS);
        compact_rows(app, area.width as usize, room)
    } else {
        Vec::new()
    };
    let rows = Layout::default()
        .direction(Direction::Vertical)
        .constraints([
            Constraint::Min(5),
            Constraint::Length(match (wide, compact) {
                (true, _) => 0,
                (false, true) => panel_rows.len() as u16 + 1,
                (false, false) => 1,
            }),
            Constraint::Length(1 + status_rows(app, area.width)),
        ])
        .split(area);
    let mut cursor: Option<Position> = None;
    if wide {
        let cols = Layout::default()
            .direction(Direction::Horizontal)
            .constraints([Constraint::Percentage(58), Constraint::Percentage(42)])
            .split(rows[0]);
        form(f, app, theme, cols[0], &mut cursor);
        panel(f, app, theme, cols[1], &mut cursor);
    } else if compact {
        // The question first (a screen reader reads it first), the panel's
        // short lines under it.
        form(f, app, theme, rows[0], &mut cursor);
        // Its title is words, not a rule of line drawing: a screen reader
        // reading the frame would say that rule at every question.
        let w = rows[1].width as usize;
        let mut lines: Vec<Line> = vec![line(
            theme,
            &ended(&app.ui("compact.title", &[]), w),
            theme.title(),
        )];
        lines.extend(
            panel_rows
                .iter()
                .map(|l| line(theme, &ended(l, w), compact_style(app, theme, l))),
        );
        f.render_widget(Paragraph::new(lines), rows[1]);
    } else {
        if panel_view {
            panel(f, app, theme, rows[0], &mut cursor);
        } else {
            form(f, app, theme, rows[0], &mut cursor);
        }
        let summary = crate::tui::panel::summary(&app.words, app.iv.assessment());
        f.render_widget(
            Paragraph::new(line(
                theme,
                &ended(&summary, area.width as usize),
                theme.title(),
            )),
            rows[1],
        );
    }
    footer(f, app, theme, rows[2]);
    if let Some(o) = &app.overlay {
        overlay(f, app, theme, o, area, &mut cursor);
    }
    if let Some(c) = cursor {
        f.set_cursor_position(c);
    }
}

fn block<'a>(theme: &Theme, title: &str, focused: bool) -> Block<'a> {
    let marker = if focused { "> " } else { "" };
    Block::default()
        .borders(Borders::ALL)
        .border_set(theme.border())
        .title(Span::styled(
            spaced(theme, &format!("{marker}{title}")),
            theme.title(),
        ))
}

fn form(f: &mut Frame, app: &App, theme: &Theme, area: Rect, cursor: &mut Option<Position>) {
    let focused = app.focus == Focus::Form && app.overlay.is_none();
    let (n, m) = app.iv.progress();
    let Some(p) = app.prompt() else {
        let b = block(theme, &app.ui("tui.done_title", &[]), focused);
        let inner = b.inner(area);
        f.render_widget(b, area);
        let lines: Vec<Line> = wrap(&app.ui("tui.done", &[]), inner.width as usize)
            .iter()
            .map(|l| line(theme, l, Style::default()))
            .collect();
        f.render_widget(Paragraph::new(lines), inner);
        *cursor = Some(Position::new(inner.x, inner.y));
        return;
    };
    let title = app.ui(
        "tui.form_title",
        &[
            ("n", &(p.section + 1).to_string()),
            ("m", &p.sections.to_string()),
            ("section", &p.section_title),
            ("q", &n.to_string()),
            ("qs", &m.to_string()),
        ],
    );
    let b = block(theme, &title, focused);
    let inner = b.inner(area);
    f.render_widget(b, area);
    let w = inner.width as usize;
    let h = inner.height as usize;
    // Tight when the question, its help and all its choices would not fit
    // whole: choices come before the sections line, blank rows and help.
    let whole = form_body(app, theme, &p, w, usize::MAX / 4, false)
        .lines
        .len();
    let body = form_body(app, theme, &p, w, h, whole > h);
    let Body {
        lines,
        show_to,
        focus_row,
        focus_col,
    } = body;
    // Scroll so the focused row is visible (with the question, when the
    // two fit: the tight body above is for that).
    let mut top = if focus_row >= h { focus_row + 1 - h } else { 0 };
    if show_to >= top + h {
        top = focus_row.min(show_to + 1 - h);
    }
    let shown: Vec<Line> = lines.into_iter().skip(top).take(h).collect();
    f.render_widget(Paragraph::new(shown), inner);
    if focused {
        *cursor = Some(Position::new(
            inner.x + focus_col.min(inner.width.saturating_sub(1)),
            inner.y + (focus_row - top) as u16,
        ));
    }
}

/// The form's lines for a question and the row and column that have
/// focus. `tight` leaves out what F1 and the title
/// also give (the sections line, the help, blank lines) so that on a small
/// terminal the question and the field stay on screen together.
struct Body<'a> {
    lines: Vec<Line<'a>>,
    /// The last row worth keeping in view below the focus (a refusal and
    /// the question asked again).
    show_to: usize,
    focus_row: usize,
    focus_col: u16,
}

fn form_body<'a>(
    app: &App,
    theme: &Theme,
    p: &crate::interview::Prompt,
    w: usize,
    height: usize,
    tight: bool,
) -> Body<'a> {
    let mut lines: Vec<Line> = Vec::new();
    // Where the sections stand: the current one marked, as words.
    let secs = app.iv.sections();
    let list: Vec<String> = secs
        .iter()
        .filter(|s| s.applies)
        .map(|s| {
            if s.current {
                format!("[{}]", s.title)
            } else {
                s.title.clone()
            }
        })
        .collect();
    let all = wrap(&app.ui("tui.sections", &[("list", &list.join(", "))]), w);
    if let Some(first) = all.first().filter(|_| !tight) {
        let more = if all.len() > 1 { "..." } else { "" };
        let mut l: String = first.chars().take(w.saturating_sub(more.len())).collect();
        l.push_str(more);
        lines.push(line(theme, &l, theme.dim()));
    }
    if !tight {
        lines.push(Line::from(""));
    }
    let question_row = lines.len();
    for l in wrap(&p.text, w) {
        lines.push(line(theme, &l, theme.title()));
    }
    if let Some(list) = &p.list {
        for (i, it) in list.items.iter().enumerate() {
            for l in wrap(&format!("  {}. {it}", i + 1), w) {
                lines.push(line(theme, &l, Style::default()));
            }
        }
    }
    if let Some(h) = p.help.as_ref().filter(|_| !tight) {
        for l in wrap(h, w) {
            lines.push(line(theme, &l, theme.dim()));
        }
    }
    if !tight {
        lines.push(Line::from(""));
    }
    let mut focus_row = question_row;
    let mut focus_col = 0u16;
    if app.typing() {
        let label = app.ui("tui.answer", &[]);
        let prefix = format!("{label} ");
        let width = w.saturating_sub(prefix.chars().count() + 1).max(1);
        let scroll = app.input.visual_scroll(width);
        let shown: String = app.input.value().chars().skip(scroll).take(width).collect();
        focus_row = lines.len();
        focus_col =
            (prefix.chars().count() + app.input.visual_cursor().saturating_sub(scroll)) as u16;
        lines.push(Line::from(vec![
            Span::styled(spaced(theme, &prefix), theme.title()),
            Span::styled(shown, theme.selected()),
        ]));
    } else {
        if !app.typed.is_empty() {
            // What was typed and the choice it picks, in words: the list
            // moving under it is not something a listener can follow.
            let said = match app.selected() {
                Some(c) => app.ui(
                    "tui.typed",
                    &[
                        ("text", &app.typed),
                        ("n", &c.number.to_string()),
                        ("label", &c.label),
                    ],
                ),
                None => app.ui("tui.typed_none", &[("text", &app.typed)]),
            };
            for l in wrap(&said, w) {
                lines.push(line(theme, &l, theme.title()));
            }
        }
        if let Some(fl) = &app.filter {
            lines.push(line(
                theme,
                &app.ui("tui.filter", &[("text", fl)]),
                theme.title(),
            ));
        }
        let choices = app.choices();
        if choices.is_empty() {
            for l in wrap(&app.ui("tui.nothing_matches", &[]), w) {
                lines.push(line(theme, &l, theme.dim()));
            }
        } else if app.sel.is_none() && p.current.is_none() && app.typed.is_empty() && !tight {
            for l in wrap(&app.ui("tui.none_chosen", &[]), w) {
                lines.push(line(theme, &l, theme.dim()));
            }
        }
        // Keep the selected choice in view.
        // Rows after the list: the answer so far, and a refusal with the
        // question asked again.
        let after = usize::from(p.current.is_some()) + if app.error.is_some() { 3 } else { 0 };
        let room = height.saturating_sub(lines.len() + after).max(3);
        let at = app
            .sel
            .and_then(|n| choices.iter().position(|c| c.number == n))
            .unwrap_or(0);
        // The list stays where it is while the selection is in view: a
        // list that scrolls at every key is rewritten at every key, and a
        // screen reader that speaks what is written hears it all.
        let top = app.list_top.get().min(choices.len().saturating_sub(1));
        let start = if at < top {
            at
        } else if at >= top + room {
            at + 1 - room
        } else {
            top
        };
        app.list_top.set(start);
        for c in choices.iter().skip(start).take(room) {
            let selected = app.sel == Some(c.number);
            // The selection is said in words too: one screen reader
            // (Fenrir) drops the ">" and reads the neighbouring row as well.
            // The number is the choice's own, whatever the filter hides.
            let text = if selected {
                format!("> {}. {}{}", c.number, c.label, app.ui("tui.selected", &[]))
            } else {
                format!("  {}. {}", c.number, c.label)
            };
            if selected {
                focus_row = lines.len();
                focus_col = 2;
            }
            lines.push(line(
                theme,
                &text,
                if selected {
                    theme.selected()
                } else {
                    Style::default()
                },
            ));
        }
    }
    if let Some(cur) = &p.current {
        lines.push(line(
            theme,
            &app.ui("tui.current", &[("answer", cur)]),
            theme.dim(),
        ));
    }
    let mut show_to = 0;
    if let Some(e) = &app.error {
        // The reason, then the question again: a listener hears both.
        let again = app.ui("tui.again", &[("question", &p.text)]);
        if app.error_fresh || (!app.typing() && app.sel.is_none()) {
            // Just refused, or nothing else has focus: the refusal does,
            // so it is in view and a screen reader's cursor is on it. The
            // next key goes to the field as ever, and the cursor with it.
            focus_row = lines.len();
            focus_col = 0;
        }
        for l in wrap(&app.ui("tui.error", &[("message", e)]), w) {
            lines.push(line(theme, &l, theme.error()));
        }
        for l in wrap(&again, w) {
            lines.push(line(theme, &l, Style::default()));
        }
        show_to = lines.len().saturating_sub(1);
    }
    Body {
        lines,
        show_to,
        focus_row,
        focus_col,
    }
}

/// A compact panel line's style, from the status words it starts with
/// (content's words, so colour follows whatever they say; colour is never
/// the only signal: the words are there).
fn compact_style(app: &App, theme: &Theme, l: &str) -> Style {
    let w = &app.words;
    let starts = |word: String| !word.is_empty() && l.starts_with(&word);
    if starts(w.status(Status::Likely)) {
        theme.likely()
    } else if starts(w.proof_status(&ProofStatus::Missing)) {
        theme.possible()
    } else if starts(w.proof_status(&ProofStatus::Insufficient)) || l == app.ui("compact.old", &[])
    {
        theme.bad()
    } else {
        Style::default()
    }
}

fn item_style(theme: &Theme, it: &Item) -> Style {
    match it {
        Item::Heading(_) => theme.title(),
        Item::Program {
            status: Status::Likely | Status::LikelyAfterDeductible,
            ..
        } => theme.likely(),
        Item::Program {
            status: Status::Possible,
            ..
        } => theme.possible(),
        Item::Program { .. } | Item::NotEligible { .. } | Item::Note(_) => theme.dim(),
        Item::Proof {
            status: ProofStatus::Insufficient,
            ..
        } => theme.bad(),
        Item::Proof { .. } => theme.possible(),
        Item::Deadline { .. } => Style::default(),
    }
}

fn panel(f: &mut Frame, app: &App, theme: &Theme, area: Rect, cursor: &mut Option<Position>) {
    let focused = app.focus == Focus::Panel && app.overlay.is_none();
    let b = block(theme, &app.ui("tui.panel_title", &[]), focused);
    let inner = b.inner(area);
    f.render_widget(b, area);
    let w = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    let mut sel_row = 0;
    for (i, it) in app.panel.iter().enumerate() {
        let selected = focused && i == app.panel_sel;
        let text = match it {
            Item::Heading(t) => t.clone(),
            _ if selected => format!("> {}{}", it.text(), app.ui("tui.selected", &[])),
            _ => format!("  {}", it.text()),
        };
        if selected {
            sel_row = lines.len();
        }
        let style = if selected {
            theme.selected()
        } else {
            item_style(theme, it)
        };
        // Continuation lines hang two columns in, so wrap two short.
        for (k, l) in wrap(&text, w.saturating_sub(2)).into_iter().enumerate() {
            let l = if k > 0 { format!("  {l}") } else { l };
            lines.push(line(theme, &l, style));
        }
    }
    let h = inner.height as usize;
    let top = if sel_row >= h { sel_row + 1 - h } else { 0 };
    let shown: Vec<Line> = lines.into_iter().skip(top).take(h).collect();
    f.render_widget(Paragraph::new(shown), inner);
    if focused {
        *cursor = Some(Position::new(inner.x + 2, inner.y + (sel_row - top) as u16));
    }
}

/// The status line takes two rows when it needs them.
fn status_rows(app: &App, width: u16) -> u16 {
    wrap(&app.status, width as usize).len().clamp(1, 3) as u16
}

fn footer(f: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let w = area.width as usize;
    let mut lines: Vec<Line> = wrap(&app.status, w)
        .iter()
        .take(3)
        .map(|l| line(theme, &ended(l, w), theme.title()))
        .collect();
    // As many key hints as fit, whole.
    let mut keys = String::new();
    for (k, what) in app.commands() {
        let item = format!("{k} {what}");
        let sep = if keys.is_empty() { 0 } else { 2 };
        if keys.chars().count() + sep + item.chars().count() > w {
            break;
        }
        if sep > 0 {
            keys.push_str("  ");
        }
        keys.push_str(&item);
    }
    lines.push(line(theme, &keys, theme.key()));
    f.render_widget(Paragraph::new(lines), area);
}

/// Where a box goes, its title and its lines.
fn overlay_box(app: &App, o: &Overlay, area: Rect) -> (Rect, String, Vec<String>) {
    let (title, body) = match o {
        Overlay::Help(lines) => (app.ui("tui.help_title", &[]), lines.clone()),
        Overlay::Why(lines) => (app.ui("tui.why_title", &[]), lines.clone()),
        Overlay::Quit => (
            app.ui("tui.quit_title", &[]),
            vec![match app.case_id {
                // At a kiosk the next person could read the number.
                Some(_) if app.kiosk => app.ui("tui.quit_kiosk", &[]),
                Some(id) => app.ui("tui.quit_saved", &[("id", &id.to_string())]),
                None => app.ui("tui.quit_unsaved", &[]),
            }],
        ),
    };
    let w = area.width.saturating_sub(4).clamp(20, 90);
    let inner_w = w.saturating_sub(2) as usize;
    let mut lines: Vec<String> = Vec::new();
    for b in &body {
        lines.extend(wrap(b, inner_w));
    }
    lines.push(String::new());
    lines.push(app.ui(
        if matches!(o, Overlay::Quit) {
            "tui.quit_keys"
        } else {
            "tui.close_keys"
        },
        &[],
    ));
    let h = (lines.len() as u16 + 2)
        .min(area.height.saturating_sub(2))
        .max(3);
    let r = Rect::new(
        area.x + (area.width.saturating_sub(w)) / 2,
        area.y + (area.height.saturating_sub(h)) / 2,
        w,
        h,
    );
    (r, title, lines)
}

/// The screen as `render` draws it, with the place of a box just opened
/// left blank. Drawn once before the box itself, it makes the next frame
/// write every cell of the box: ratatui's diff would otherwise skip the
/// letters that happen to match what was under them, and a screen reader
/// that speaks what is written hears the box cut to pieces.
pub fn render_under_box(f: &mut Frame, app: &App, theme: &Theme) {
    render(f, app, theme);
    if let Some(o) = &app.overlay {
        let (r, _, _) = overlay_box(app, o, f.area());
        f.render_widget(Clear, r);
    }
}

fn overlay(
    f: &mut Frame,
    app: &App,
    theme: &Theme,
    o: &Overlay,
    area: Rect,
    cursor: &mut Option<Position>,
) {
    let (r, title, lines) = overlay_box(app, o, area);
    let h = r.height;
    f.render_widget(Clear, r);
    let room = (h as usize).saturating_sub(2);
    // Scroll long text; say that there is more, in words.
    let max_top = lines.len().saturating_sub(room);
    let top = app.overlay_scroll.min(max_top);
    let mut title = title;
    if max_top > 0 {
        let (from, to, of) = (
            (top + 1).to_string(),
            (top + room).min(lines.len()).to_string(),
            lines.len().to_string(),
        );
        title = app.ui(
            "tui.scroll_title",
            &[("title", &title), ("from", &from), ("to", &to), ("of", &of)],
        );
    }
    let b = block(theme, &title, true);
    let inner = b.inner(r);
    f.render_widget(b, r);
    let shown: Vec<Line> = lines
        .iter()
        .skip(top)
        .take(inner.height as usize)
        .map(|l| line(theme, l, Style::default()))
        .collect();
    f.render_widget(Paragraph::new(shown), inner);
    *cursor = Some(Position::new(inner.x, inner.y));
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wraps_at_spaces_and_cuts_long_words() {
        // A line broken between words ends with its space.
        assert_eq!(
            wrap("What is your name?", 11),
            vec!["What is ", "your name?"]
        );
        assert_eq!(wrap("Walter Brooks", 10), vec!["Walter ", "Brooks"]);
        assert_eq!(wrap("abcdefghijkl", 8), vec!["abcdefgh", "ijkl"]);
        assert_eq!(wrap("a\nb", 10), vec!["a", "b"]);
    }
}
