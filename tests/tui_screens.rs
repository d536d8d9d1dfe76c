//! Screens drawn with ratatui's TestBackend: snapshots of the key screens
//! at 80x24 and 120x40, in colour and in monochrome ASCII; where the cursor
//! is (a screen reader follows it); that state is never colour alone.

use intake::content::Content;
use intake::interview::{Interview, Script};
use intake::report::Words;
use intake::rules::Pack;
use intake::tui::action::Action;
use intake::tui::app::App;
use intake::tui::theme::Theme;
use intake::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;

const COLOR: Theme = Theme {
    color: true,
    ascii: false,
};
const MONO_ASCII: Theme = Theme {
    color: false,
    ascii: true,
};

struct World {
    pack: Pack,
    content: Content,
}

fn world() -> World {
    World {
        pack: Pack::open("ma").unwrap(),
        content: Content::open("en").unwrap(),
    }
}

fn couple() -> intake::model::Intake {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/senior-couple.yaml"
    ))
    .unwrap();
    serde_yaml::from_str(&text).unwrap()
}

fn as_of() -> intake::dates::Date {
    intake::dates::Date::from_ymd_opt(2016, 6, 1).unwrap()
}

/// Draw and return (text with no-break spaces as spaces, terminal).
fn draw(app: &App, theme: &Theme, w: u16, h: u16) -> (String, Terminal<TestBackend>) {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::render(f, app, theme)).unwrap();
    let buf = t.backend().buffer().clone();
    let mut s = String::new();
    for y in 0..h {
        for x in 0..w {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    (s.replace('\u{a0}', " "), t)
}

#[test]
fn first_question_80x24_and_120x40() {
    let wd = world();
    let script = Script::load(&wd.pack, &wd.content).unwrap();
    let iv = Interview::new(&script, &wd.pack, as_of()).unwrap();
    let app = App::new(iv, Words::new(&wd.content, &wd.pack));
    let (small, mut t) = draw(&app, &COLOR, 80, 24);
    insta::assert_snapshot!("first_question_80x24", small);
    // The caret of the empty answer field has the cursor.
    let row = small.lines().position(|l| l.contains("Answer:")).unwrap() as u16;
    t.backend_mut()
        .assert_cursor_position((1 + "Answer: ".len() as u16, row));
    let (wide, _) = draw(&app, &COLOR, 120, 40);
    insta::assert_snapshot!("first_question_120x40", wide);
    assert!(
        wide.contains("Programs, proofs and deadlines"),
        "the panel sits beside the form at 120 columns"
    );
    assert!(
        !small.contains("Programs, proofs and deadlines"),
        "below 100 columns the panel is a view of its own"
    );
}

#[test]
fn couple_mid_interview_with_panel_and_why() {
    let wd = world();
    let script = Script::load(&wd.pack, &wd.content).unwrap();
    let iv = Interview::from_intake(&script, &wd.pack, couple(), as_of()).unwrap();
    let mut app = App::new(iv, Words::new(&wd.content, &wd.pack));
    let (wide, _) = draw(&app, &COLOR, 120, 40);
    insta::assert_snapshot!("couple_120x40", wide);
    assert!(wide.contains("LIKELY MassHealth Buy-In"), "{wide}");
    // Focus the panel: the cursor moves to the selected line, marked with >.
    app.update(Action::TogglePanel);
    let (wide, mut t) = draw(&app, &COLOR, 120, 40);
    let row = wide
        .lines()
        .position(|l| l.contains("> LIKELY"))
        .expect("selected line marked with >") as u16;
    let col = wide
        .lines()
        .nth(row as usize)
        .unwrap()
        .chars()
        .position(|c| c == '>')
        .unwrap() as u16;
    // On the first letter of the selected line, after the "> " marker.
    t.backend_mut().assert_cursor_position((col + 2, row));
    // Why explains the selected program with its citation.
    app.update(Action::Accept);
    let (why, _) = draw(&app, &COLOR, 120, 40);
    insta::assert_snapshot!("couple_why_120x40", why);
    assert!(why.contains("Source: MassHealth Senior Guide"), "{why}");
}

#[test]
fn monochrome_ascii_80x24() {
    let wd = world();
    let script = Script::load(&wd.pack, &wd.content).unwrap();
    let iv = Interview::from_intake(&script, &wd.pack, couple(), as_of()).unwrap();
    let mut app = App::new(iv, Words::new(&wd.content, &wd.pack));
    app.update(Action::TogglePanel);
    let (s, t) = draw(&app, &MONO_ASCII, 80, 24);
    insta::assert_snapshot!("couple_panel_ascii_80x24", s);
    assert!(s.is_ascii(), "ASCII mode drew a non-ASCII character:\n{s}");
    // No colour at all in monochrome.
    let buf = t.backend().buffer();
    for cell in buf.content() {
        assert!(
            matches!(cell.fg, Color::Reset),
            "a coloured cell in monochrome: {cell:?}"
        );
        assert!(
            matches!(cell.bg, Color::Reset),
            "a coloured cell in monochrome: {cell:?}"
        );
    }
    // Statuses are words, whatever the colours.
    assert!(
        s.contains("LIKELY") && s.contains("NOT ELIGIBLE") || s.contains("LIKELY"),
        "{s}"
    );
}

#[test]
fn colour_is_never_the_only_signal() {
    let wd = world();
    let script = Script::load(&wd.pack, &wd.content).unwrap();
    let iv = Interview::from_intake(&script, &wd.pack, couple(), as_of()).unwrap();
    let app = App::new(iv, Words::new(&wd.content, &wd.pack));
    let (colour, _) = draw(&app, &COLOR, 120, 40);
    let (mono, _) = draw(
        &app,
        &Theme {
            color: false,
            ascii: false,
        },
        120,
        40,
    );
    // The same words on screen with and without colour.
    assert_eq!(colour, mono);
}

#[test]
fn help_and_quit_boxes() {
    let wd = world();
    let script = Script::load(&wd.pack, &wd.content).unwrap();
    let iv = Interview::new(&script, &wd.pack, as_of()).unwrap();
    let mut app = App::new(iv, Words::new(&wd.content, &wd.pack));
    app.update(Action::Help);
    let (help, _) = draw(&app, &COLOR, 80, 24);
    insta::assert_snapshot!("help_80x24", help);
    assert!(help.contains("F10"), "{help}");
    app.update(Action::Back);
    app.update(Action::Quit);
    let (quit, _) = draw(&app, &COLOR, 80, 24);
    assert!(
        quit.contains("Quit?") && quit.contains("Press y to quit"),
        "{quit}"
    );
    app.update(Action::Char('n'));
    assert!(!app.quit && app.overlay.is_none());
    app.update(Action::Quit);
    app.update(Action::Char('y'));
    assert!(app.quit);
}

#[test]
fn naming_people_is_no_change_in_the_status_line() {
    // A name gives a person an id. The status line must not read that as
    // proofs "no longer needed" for the old id: it says what the plain
    // mode says, once everyone has a name.
    let wd = world();
    let script = Script::load(&wd.pack, &wd.content).unwrap();
    let iv = Interview::new(&script, &wd.pack, as_of()).unwrap();
    let mut app = App::new(iv, Words::new(&wd.content, &wd.pack));
    let answer = |app: &mut App, text: &str| {
        for c in text.chars() {
            app.update(Action::Char(c));
        }
        app.update(Action::Accept);
        assert!(app.error.is_none(), "{text:?}: {:?}", app.error);
        app.status.clone()
    };
    answer(&mut app, "2");
    let after_first = answer(&mut app, "Walter Brooks");
    assert!(!after_first.contains("proof"), "{after_first}");
    let after_both = answer(&mut app, "Rosa Brooks");
    assert_eq!(
        after_both,
        "New missing proof for Walter Brooks and Rosa Brooks: proof of Massachusetts residency."
    );
}

#[test]
fn wrapped_lines_lose_no_word_and_keep_their_spaces() {
    // Every word of every panel line is on the screen (continuation lines
    // once pushed the last words past the edge: "Walter Brooks," then
    // "Brooks"), and a line broken between words ends with its space, so a
    // reader that speaks what is written does not hear "WalterBrooks".
    let wd = world();
    let script = Script::load(&wd.pack, &wd.content).unwrap();
    let iv = Interview::from_intake(&script, &wd.pack, couple(), as_of()).unwrap();
    let app = App::new(iv, Words::new(&wd.content, &wd.pack));
    // Every width the side panel is drawn at, so some line is a full one.
    for width in 100..=140 {
        let (wide, _) = draw(&app, &COLOR, width, 40);
        // Within the panel column the words of a line read in order.
        let panel_words: Vec<&str> = wide
            .lines()
            .filter_map(|l| l.split('│').nth(3))
            .flat_map(|c| c.split_whitespace())
            .collect();
        let panel = panel_words.join(" ");
        for item in &app.panel {
            let want = item.text().split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                panel.contains(&want),
                "{want:?} not whole in the panel at {width} columns:\n{wide}"
            );
        }
    }
    for l in intake::tui::view::wrap("Now likely for Walter Brooks: MassHealth Buy-In.", 24) {
        assert!(l.ends_with(' ') || l.ends_with('.'), "{l:?}");
    }
}

/// The row of the screen holding `text`.
fn row_of(s: &str, text: &str) -> usize {
    s.lines()
        .position(|l| l.contains(text))
        .unwrap_or_else(|| panic!("no {text:?} on screen:\n{s}"))
}

#[test]
fn the_panel_is_under_the_question_at_80x24() {
    let wd = world();
    let script = Script::load(&wd.pack, &wd.content).unwrap();
    // At the start: the panel's lines are there, empty.
    let iv = Interview::new(&script, &wd.pack, as_of()).unwrap();
    let app = App::new(iv, Words::new(&wd.content, &wd.pack));
    let (start, _) = draw(&app, &COLOR, 80, 24);
    insta::assert_snapshot!("start_compact_80x24", start);
    assert!(row_of(&start, "How many people") < row_of(&start, "LIKELY: no program yet"));
    // Mid-interview for the couple: programs with their status in words,
    // each missing proof with whose it is, under the question (so a screen
    // reader reads the question first).
    let iv = Interview::from_intake(&script, &wd.pack, couple(), as_of()).unwrap();
    let app = App::new(iv, Words::new(&wd.content, &wd.pack));
    for (theme, name) in [
        (&COLOR, "couple_compact_80x24"),
        (&MONO_ASCII, "couple_compact_ascii_80x24"),
    ] {
        let (s, _) = draw(&app, theme, 80, 24);
        insta::assert_snapshot!(name, s);
        let q = row_of(&s, "American Indian or Alaska Native");
        let likely = row_of(
            &s,
            "LIKELY: Health Safety Net (Walter, Rosa); Buy-In (Walter, Rosa)",
        );
        assert!(q < likely, "{s}");
        assert!(
            s.contains("LIKELY AFTER DEDUCTIBLE: Standard $930.00 (Walter, Rosa)"),
            "{s}"
        );
        assert!(s.contains("MISSING: residency (Walter, Rosa)"), "{s}");
        assert!(s.contains("POSSIBLE: 0 programs. NOT ELIGIBLE: 17."), "{s}");
        if theme.ascii {
            assert!(s.is_ascii(), "{s}");
        }
    }
    // Below 80x24 the panel is a view of its own again, with the summary.
    let (small, _) = draw(&app, &COLOR, 79, 24);
    assert!(!small.contains("LIKELY:"), "{small}");
    assert!(small.contains("Likely 3, possible 0"), "{small}");
    let (short, _) = draw(&app, &COLOR, 80, 23);
    assert!(!short.contains("LIKELY:"), "{short}");
}

#[test]
fn a_long_panel_keeps_to_its_rows_and_the_question_stays() {
    // Six people, each missing every proof: more lines than the panel's
    // rows; the question keeps its place and the panel stops at its limit.
    let wd = world();
    let script = Script::load(&wd.pack, &wd.content).unwrap();
    let mut rec = intake::model::Intake::default();
    let people = [
        ("ann", "Ann Lee", "wages"),
        ("bo", "Bo Lee", "self_employment"),
        ("cy", "Cy Lee", "rental"),
        ("di", "Di Lee", "unemployment"),
        ("ed", "Ed Lee", "child_support"),
        ("flo", "Flo Lee", "interest_dividends"),
    ];
    for (id, name, kind) in people {
        let p: intake::model::Person = serde_yaml::from_str(&format!(
            "{{id: {id}, name: {name}, birth_date: 1980-01-01, citizenship: citizen, incomes: [{{kind: {kind}, monthly: 500}}]}}"
        ))
        .unwrap();
        rec.people.push(p);
    }
    let iv = Interview::from_intake(&script, &wd.pack, rec, as_of()).unwrap();
    let app = App::new(iv, Words::new(&wd.content, &wd.pack));
    let (s, _) = draw(&app, &COLOR, 80, 24);
    insta::assert_snapshot!("long_compact_80x24", s);
    let title = row_of(&s, "Panel (Ctrl-P");
    let status = row_of(&s, "Enter accept");
    assert!(status - title <= 1 + 8 + 3, "{s}");
    assert!(
        s.contains("MISSING: citizenship (Ann, Bo, Cy, Di, Ed, Flo)"),
        "{s}"
    );
    // What does not fit is said to be there, never cut in silence.
    assert!(
        s.contains("more lines: Ctrl-P shows the whole panel"),
        "{s}"
    );
}

#[test]
fn compact_lines_keep_their_words_at_every_width() {
    let wd = world();
    let script = Script::load(&wd.pack, &wd.content).unwrap();
    let iv = Interview::from_intake(&script, &wd.pack, couple(), as_of()).unwrap();
    let app = App::new(iv, Words::new(&wd.content, &wd.pack));
    for width in 80..=140 {
        for l in &app.compact {
            let rows = view::wrap(l, width - 2);
            let got = rows
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let want = l.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(got, want, "at {width}");
            for r in &rows[..rows.len() - 1] {
                assert!(r.ends_with(' '), "{r:?} at {width}");
            }
        }
    }
}

#[test]
fn a_long_list_scrolls_only_when_the_selection_leaves_it() {
    // A screen reader that speaks what is written hears every row a scroll
    // rewrites: the list moves only when it must.
    let wd = world();
    let script = Script::load(&wd.pack, &wd.content).unwrap();
    let mut iv = Interview::new(&script, &wd.pack, as_of()).unwrap();
    // The twelve kinds of income.
    for a in [
        "1", "Ann Lee", "1", "yes", "1/2/1945", "single", "no", "yes", "no", "1", "1", "no", "no",
        "no", "yes",
    ] {
        iv.answer(a).unwrap();
    }
    let mut app = App::new(iv, Words::new(&wd.content, &wd.pack));
    let shown = |app: &App| -> Vec<String> {
        let (s, _) = draw(app, &COLOR, 60, 14);
        s.lines()
            .filter_map(|l| {
                let t = l
                    .trim_matches(|c| c == '│' || c == ' ')
                    .trim_start_matches("> ");
                t.split_once(". ")
                    .filter(|(n, _)| n.parse::<usize>().is_ok())
                    .map(|(n, _)| n.to_string())
            })
            .collect()
    };
    // The first choice selected (the layout no longer changes after).
    app.update(Action::Down);
    let first = shown(&app);
    assert!(first.len() < 12, "the list fits: {first:?}");
    // Down until the list moves: it moves by one row, when the selection
    // leaves the window, not before.
    let mut downs = 0;
    let moved = loop {
        app.update(Action::Down);
        downs += 1;
        let now = shown(&app);
        if now != first {
            break now;
        }
        assert!(downs < 12, "the list never moved");
    };
    assert!(downs >= first.len() - 1, "moved after {downs} of {first:?}");
    assert_eq!(moved[0], first[1], "{moved:?}");
    // Back up within the window: it stays.
    app.update(Action::Up);
    assert_eq!(shown(&app), moved);
}
