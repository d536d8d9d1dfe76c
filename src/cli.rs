//! The command line. Every failure a user can cause ends here as one clear
//! message on standard error and exit status 2.

use crate::content::Content;
use crate::dates::{Date, parse_date};
use crate::engine;
use crate::error::Problem;
use crate::model::{Intake, bounds};
use crate::report::{Words, checklist, text};
use crate::rules::{Pack, check::check_content};
use crate::safe::text::{for_terminal, has_control, one_line};
use crate::store::Store;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "intake",
    version,
    about = "Health-coverage intake assistant: interview, eligibility, proofs, deadlines"
)]
pub struct Cli {
    /// Rule pack: ma, mn, or a directory such as ./rules/ma
    #[arg(long, global = true, default_value = "ma")]
    pub pack: String,
    /// Content language or directory (what is said to people)
    #[arg(long, global = true, default_value = "en")]
    pub content: String,
    /// The date to assess on (2016-06-01 or 6/1/2016); default: the record's, else today
    #[arg(long, global = true, value_parser = date_arg)]
    pub as_of: Option<Date>,
    /// The case store (default: $XDG_DATA_HOME/intake/intake.db)
    #[arg(long, global = true)]
    pub db: Option<PathBuf>,
    /// The largest record file `check`, `import` and `--open` read, in bytes
    #[arg(long, global = true, value_name = "N", default_value_t = bounds::DEFAULT_MAX_RECORD_BYTES)]
    pub max_record_bytes: u64,
    /// Plain, linear interview for screen readers and scripts (chosen by itself when
    /// output is not a terminal or TERM is dumb)
    #[arg(long, visible_alias = "screen-reader")]
    pub plain: bool,
    /// Start the interview from an intake record (YAML or JSON)
    #[arg(long, value_name = "FILE")]
    pub open: Option<PathBuf>,
    /// Where the interview's `save` writes the record (created readable only by you)
    #[arg(long, value_name = "FILE")]
    pub save: Option<PathBuf>,
    /// Monochrome (also when NO_COLOR is set)
    #[arg(long)]
    pub no_color: bool,
    /// ASCII lines instead of line drawing (also when the locale is not UTF-8)
    #[arg(long)]
    pub ascii: bool,
    /// Public kiosk, in the form and the plain mode alike: no file is read or
    /// written at the caller's word, no case is listed or named, and the
    /// interview is closed and cleared after --idle seconds without a key
    #[arg(long)]
    pub kiosk: bool,
    /// Seconds without a key before a kiosk interview is closed (at least 1)
    #[arg(long, default_value_t = 180)]
    pub idle: u64,
    /// Refuse (exit status 2) rather than answer from figures past their
    /// review date on the as-of date; without it they are said next to
    /// every result that rests on them
    #[arg(long)]
    pub strict: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Assess an intake record file and print programs, figures, proofs and deadlines
    Check {
        file: PathBuf,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Show the reasons for every program, with citations
        #[arg(long)]
        why: bool,
    },
    /// Store an intake record file as a new case and print its id
    Import { file: PathBuf },
    /// Continue a stored case where it stopped (the form, or plain mode)
    Resume { id: i64 },
    /// Recent cases: id, when, who, programs likely, proofs missing
    List {
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
    /// Write the applicant's checklist for a case (owner-only file)
    Export {
        id: i64,
        #[arg(long, value_enum, default_value = "md")]
        format: ExportFormat,
        /// File to write (default: intake-case-ID-checklist.EXT here); - for standard output
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Delete a case
    Delete { id: i64 },
    /// Delete cases not changed for DAYS days
    Purge {
        #[arg(long)]
        older_than: u32,
    },
    /// Generate realistic synthetic intake records as JSON Lines (deterministic for a seed)
    Gen {
        #[arg(long, default_value_t = 100)]
        count: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Re-run stored cases (or a JSON Lines file) and report the ones that change
    Rescreen {
        /// JSON Lines of intake records instead of the store
        #[arg(long)]
        input: Option<PathBuf>,
        /// Where to write JSON Lines results (default: standard output)
        #[arg(long)]
        output: Option<PathBuf>,
        /// The rules the cases were last assessed with (default: the case's pack, or ma)
        #[arg(long)]
        from_pack: Option<String>,
        /// Worker threads (default: all cores)
        #[arg(long)]
        jobs: Option<usize>,
    },
    /// Print the form's keys in effect (config/keys.yaml, then the site's
    /// $XDG_CONFIG_HOME/intake/keys.yaml) and where they come from
    Keys,
    /// Rule-pack commands
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
}

#[derive(Subcommand, Debug)]
pub enum RulesCommand {
    /// Validate a rule pack and the content it refers to
    Check {
        /// Pack directory (default: the --pack option)
        dir: Option<String>,
    },
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Md,
    Json,
    Yaml,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

fn date_arg(s: &str) -> Result<Date, String> {
    let d = parse_date(s)?;
    if bounds::implausible_year(d) {
        return Err(format!(
            "the year {} is not plausible; the date must fall in the years {} to {}",
            chrono::Datelike::year(&d),
            bounds::YEARS.start(),
            bounds::YEARS.end()
        ));
    }
    Ok(d)
}

/// Every message on one line, and no terminal control in it: a message
/// may quote a value read from a record.
pub fn fail(problems: &[Problem]) -> ExitCode {
    for p in problems {
        eprintln!("error: {}", one_line(&p.to_string()));
    }
    ExitCode::from(2)
}

pub fn load(pack: &str, content: &str) -> Result<(Pack, Content), Vec<Problem>> {
    load_with_script(pack, content).map(|(p, c, _)| (p, c))
}

/// The pack and the wording, checked, and the interview built from them
/// (or why there is none: a pack without programs, such as rules/mn, has no
/// interview, and that is not a problem of the pack). Most of start-up is
/// parsing YAML, so the work is done two at a time, one on each core, and
/// the interview, which checking builds anyway, is built once.
pub type Loaded = (
    Pack,
    Content,
    Result<crate::interview::Script, Vec<Problem>>,
);

pub fn load_with_script(pack: &str, content: &str) -> Result<Loaded, Vec<Problem>> {
    let (pack, content) = std::thread::scope(|s| {
        let words = s.spawn(|| Content::open(content));
        let pack = Pack::open(pack);
        let words = words
            .join()
            .unwrap_or_else(|_| Err(Problem::new("reading the wording failed")));
        (pack, words)
    });
    let pack = pack?;
    let content = content.map_err(|e| vec![e])?;
    let (script, mut ps) = std::thread::scope(|s| {
        let script = s.spawn(|| crate::interview::Script::load(&pack, &content));
        let mut ps = check_content(&pack, &content);
        ps.extend(crate::report::changes::check_words(&content));
        ps.extend(crate::plain::check_words(&content));
        let script = script
            .join()
            .unwrap_or_else(|_| Err(vec![Problem::new("building the interview failed")]));
        (script, ps)
    });
    // The interview asks what the pack's programs need (its choices come
    // from the pack's lists): with programs, its problems are the pack's.
    if !pack.programs.is_empty()
        && let Err(e) = &script
    {
        ps.extend(e.iter().cloned());
    }
    if !ps.is_empty() {
        return Err(ps);
    }
    Ok((pack, content, script))
}

/// Read an intake record (YAML or JSON) with file:line messages. At most
/// `limit` bytes are read (so /dev/zero or a huge file ends at once), and
/// a file nested deeper than a record can be is refused before parsing.
pub fn read_intake(path: &Path, limit: u64) -> Result<(Intake, String), Problem> {
    use std::io::Read;
    let shown = path.display().to_string();
    let cannot = |e: std::io::Error| Problem::new(format!("cannot read {shown}: {e}"));
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .map_err(cannot)?
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > limit {
        return Err(Problem::at(
            &shown,
            None,
            format!(
                "the file is larger than {limit} bytes, the limit for a record; give --max-record-bytes N to read a larger one"
            ),
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        Problem::at(
            &shown,
            None,
            format!(
                "is not UTF-8 text (a byte at offset {} is not)",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    // A raw control character: named by its line (the YAML parser
    // would give only an offset).
    if let Some(line) = text
        .split('\n')
        .position(|l| has_control(l.strip_suffix('\r').unwrap_or(l)))
    {
        return Err(Problem::at(
            &shown,
            Some(line + 1),
            "the line holds a control character or a terminal escape sequence; only printable text is taken",
        ));
    }
    if let Some(line) = crate::yamlnest::too_deep(&text, bounds::MAX_NESTING) {
        return Err(Problem::at(
            &shown,
            Some(line),
            format!(
                "the record nests deeper than {} levels (brackets or indentation); an intake record needs about six",
                bounds::MAX_NESTING
            ),
        ));
    }
    let intake: Intake = crate::rules::parse_yaml(&shown, &text)?;
    // Escapes written the YAML way ("\e", "\x1b") are found once parsed.
    crate::engine::validate::free_text(&intake).map_err(|p| p.locate(&shown, &text))?;
    Ok((intake, text))
}

/// Today's date, read once at the edge of the program (never in the engine).
pub fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|d| d.date_naive())
        .unwrap_or_default()
}

pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    if let Some(p) = kiosk_refusal(&cli) {
        return fail(&[p]);
    }
    match &cli.command {
        Some(Command::Check { file, format, why }) => check(&cli, file, *format, *why),
        Some(Command::Rules {
            command: RulesCommand::Check { dir },
        }) => rules_check(&cli, dir.as_deref()),
        Some(Command::Import { file }) => result(import(&cli, file)),
        Some(Command::List { limit }) => result(list(&cli, *limit)),
        Some(Command::Export { id, format, output }) => {
            result(export(&cli, *id, *format, output.as_deref()))
        }
        Some(Command::Delete { id }) => result(delete(&cli, *id)),
        Some(Command::Gen { count, seed }) => result(generate(&cli, *count, *seed)),
        Some(Command::Rescreen {
            input,
            output,
            from_pack,
            jobs,
        }) => result(rescreen(
            &cli,
            input.as_deref(),
            output.as_deref(),
            from_pack.as_deref(),
            *jobs,
        )),
        Some(Command::Purge { older_than }) => result(purge(&cli, *older_than)),
        Some(Command::Resume { id }) => interview(&cli, Some(*id)),
        Some(Command::Keys) => result(keys()),
        None => interview(&cli, None),
    }
}

/// `--kiosk` is a policy of the whole program: it runs only a new
/// interview, and takes no file from whoever set it up either, so that a
/// mistake in a ForceCommand line cannot open a way out.
fn kiosk_refusal(cli: &Cli) -> Option<Problem> {
    if !cli.kiosk {
        return None;
    }
    if cli.command.is_some() {
        return Some(Problem::new(
            "--kiosk runs only a new interview; it cannot be used with a command (resume, list, export, check, ...)",
        ));
    }
    if cli.open.is_some() || cli.save.is_some() {
        return Some(Problem::new(
            "--kiosk cannot be used with --open or --save: a kiosk reads and writes no record file",
        ));
    }
    None
}

/// The kiosk's idle limit.
fn kiosk_idle(cli: &Cli) -> Option<std::time::Duration> {
    cli.kiosk
        .then(|| std::time::Duration::from_secs(cli.idle.max(1)))
}

/// The plain mode is for a listener or a script: asked for, or output is
/// not a terminal, or the terminal cannot do more (TERM=dumb).
pub fn wants_plain(cli: &Cli) -> bool {
    use std::io::IsTerminal;
    cli.plain
        || !std::io::stdout().is_terminal()
        || std::env::var("TERM").is_ok_and(|t| t == "dumb")
}

/// `intake` with no command: an interview, new or from `--open FILE`; or
/// `intake resume ID`. The form on a terminal, else the plain mode. Every
/// accepted answer is saved to the case store (the case is created with the
/// first answer, so starting and quitting leaves nothing behind).
fn interview(cli: &Cli, resume: Option<i64>) -> ExitCode {
    // The store first: a resumed case says which pack and date it used. A
    // new interview opens it (creating it is a few fsyncs) while the rules
    // and the wording are parsed.
    let (store, early) = if resume.is_none() {
        let (store, loaded) = std::thread::scope(|s| {
            let store = s.spawn(|| open_store(cli));
            let loaded = load_with_script(&cli.pack, &cli.content);
            let store = store
                .join()
                .unwrap_or_else(|_| Err(vec![Problem::new("opening the case store failed")]));
            (store, loaded)
        });
        (store, Some(loaded))
    } else {
        (open_store(cli), None)
    };
    let (resumed, store) = match (resume, store) {
        (Some(id), Ok(s)) => match s.get(id) {
            Ok(case) => (Some(case), Some(s)),
            Err(p) => return fail(&[p]),
        },
        (Some(_), Err(ps)) => return fail(&ps),
        (None, Ok(s)) => (None, Some(s)),
        (None, Err(_)) => (None, None),
    };
    let pack_name = resumed
        .as_ref()
        .map(|c| c.pack.clone())
        .unwrap_or_else(|| cli.pack.clone());
    let loaded = early.unwrap_or_else(|| load_with_script(&pack_name, &cli.content));
    let (pack, content, script) = match loaded {
        Ok(x) => x,
        Err(ps) => return fail(&ps),
    };
    let script = match script {
        Ok(s) => s,
        Err(ps) => return fail(&ps),
    };
    let (intake, as_of, text) = if let Some(case) = &resumed {
        (
            case.record.clone(),
            cli.as_of.unwrap_or(case.as_of),
            String::new(),
        )
    } else {
        match &cli.open {
            Some(file) => match read_intake(file, cli.max_record_bytes) {
                Ok((intake, text)) => {
                    let as_of = cli.as_of.or(intake.as_of).unwrap_or_else(today);
                    (intake, as_of, text)
                }
                Err(p) => return fail(&[p]),
            },
            None => (
                Intake::default(),
                cli.as_of.unwrap_or_else(today),
                String::new(),
            ),
        }
    };
    if let Some(p) = strict_refusal(cli, &pack, &content, as_of) {
        return fail(&[p]);
    }
    let start =
        |intake: Intake| crate::interview::Interview::from_intake(&script, &pack, intake, as_of);
    let iv = match start(intake) {
        Ok(iv) => iv,
        Err(p) => {
            let shown = cli
                .open
                .as_ref()
                .map(|f| f.display().to_string())
                .unwrap_or_default();
            return fail(&[p.locate(&shown, &text)]);
        }
    };
    let words = Words::new(&content, &pack);
    let case_id = std::cell::Cell::new(resumed.as_ref().map(|c| c.id));
    let store_note = if store.is_none() {
        Some(content.ui("store.unavailable", &[]))
    } else {
        None
    };
    let saver = || -> crate::store::Saver {
        Box::new(|record: &Intake, pos: Option<String>| {
            let Some(st) = store.as_ref() else {
                return Err(content.ui("store.unavailable", &[]));
            };
            let id = match case_id.get() {
                Some(id) => id,
                None => {
                    let id = st.create(&pack.id, as_of, record).map_err(|e| e.message)?;
                    case_id.set(Some(id));
                    id
                }
            };
            st.save(id, record, pos.as_deref()).map_err(|e| e.message)?;
            Ok(id)
        })
    };
    // The kiosk's idle reset, in either front end: the case is kept in the
    // store, marked closed, and the next interview is a new case.
    let close_case = || {
        if let (Some(st), Some(id)) = (store.as_ref(), case_id.get()) {
            let _ = st.set_state(id, "closed");
        }
        case_id.set(None);
    };
    if wants_plain(cli) {
        use std::io::IsTerminal;
        let on_terminal = std::io::stdout().is_terminal();
        let kiosk = kiosk_idle(cli).map(|idle| crate::plain::Kiosk {
            idle,
            reset: Box::new(|| {
                close_case();
                start(Intake::default()).ok()
            }),
            clear_screen: on_terminal && !std::env::var("TERM").is_ok_and(|t| t == "dumb"),
        });
        let opts = crate::plain::Options {
            save: cli.save.clone(),
            opened: cli.open.clone(),
            saver: Some(saver()),
            fit_terminal: on_terminal,
            kiosk,
        };
        let end = if cli.kiosk {
            // Lines are read on a thread of their own so that the idle
            // limit can end a wait for one.
            let input = crate::plain::Timed::spawn(std::io::BufReader::new(std::io::stdin()));
            crate::plain::run(iv, &words, opts, input, std::io::stdout().lock())
        } else {
            crate::plain::run(
                iv,
                &words,
                opts,
                std::io::stdin().lock(),
                std::io::stdout().lock(),
            )
        };
        if cli.kiosk {
            close_case();
        }
        return ExitCode::from(end.code);
    }
    let theme = crate::tui::theme::Theme::detect(cli.no_color, cli.ascii);
    // Loading parsed YAML on two threads; what it freed is given back, so
    // a form session (one of many on a terminal server) stays small.
    #[cfg(target_env = "gnu")]
    // SAFETY: malloc_trim only returns free heap pages to the system; no
    // pointer is touched, and nothing else runs on another thread now.
    unsafe {
        libc::malloc_trim(0);
    }
    let keymap = match crate::tui::keymap::Keymap::load() {
        Ok(k) => k,
        Err(p) => return fail(&[p]),
    };
    let mut app = crate::tui::app::App::new(iv, Words::new(&content, &pack));
    app.saver = Some(saver());
    app.case_id = case_id.get();
    app.kiosk = cli.kiosk;
    app.set_keymap(keymap.clone());
    if let Some(id) = case_id.get() {
        // A resumed case says where it stands, not "New interview".
        let n = app.iv.unanswered();
        app.status = match (app.iv.is_done(), n) {
            (true, 0) => content.ui("tui.resumed_done", &[("id", &id.to_string())]),
            _ => content.ui(
                "tui.resumed",
                &[("id", &id.to_string()), ("n", &n.to_string())],
            ),
        };
    }
    if let Some(note) = &store_note {
        app.status = note.clone();
    }
    let opts = crate::tui::Options {
        theme,
        kiosk_idle: kiosk_idle(cli),
    };
    let mut fresh = || {
        let iv = start(Intake::default()).ok()?;
        let mut a = crate::tui::app::App::new(iv, Words::new(&content, &pack));
        a.saver = Some(saver());
        a.kiosk = cli.kiosk;
        a.set_keymap(keymap.clone());
        Some(a)
    };
    let mut on_idle = |_: &crate::tui::app::App| close_case();
    let result = crate::tui::run(app, &opts, &mut fresh, &mut on_idle);
    if cli.kiosk {
        close_case();
    }
    // After the terminal is restored: where the answers are (never said
    // at a kiosk, where the next person would read it).
    match (result, case_id.get()) {
        (Err(e), _) => fail(&[Problem::new(format!("the terminal failed: {e}"))]),
        (Ok(ended), Some(id)) => {
            if !cli.kiosk {
                println!(
                    "{}",
                    content.ui("tui.bye_saved", &[("id", &id.to_string())])
                );
            }
            ExitCode::from(ended.exit_code())
        }
        (Ok(ended), None) => ExitCode::from(ended.exit_code()),
    }
}

fn check(cli: &Cli, file: &Path, format: Format, why: bool) -> ExitCode {
    let (pack, content) = match load(&cli.pack, &cli.content) {
        Ok(x) => x,
        Err(ps) => return fail(&ps),
    };
    let (intake, text) = match read_intake(file, cli.max_record_bytes) {
        Ok(x) => x,
        Err(p) => return fail(&[p]),
    };
    if intake.people.is_empty() {
        return fail(&[Problem::at(
            file.display().to_string(),
            None,
            "the record lists no people",
        )]);
    }
    let as_of = cli.as_of.or(intake.as_of).unwrap_or_else(today);
    if let Some(p) = strict_refusal(cli, &pack, &content, as_of) {
        return fail(&[p]);
    }
    let mut a = match engine::assess(&pack, &intake, as_of) {
        Ok(a) => a,
        Err(p) => return fail(&[p.locate(&file.display().to_string(), &text)]),
    };
    let words = Words::new(&content, &pack);
    words.fill(&mut a);
    match format {
        Format::Json => match serde_json::to_string_pretty(&a) {
            Ok(s) => println!("{s}"),
            Err(e) => return fail(&[Problem::new(format!("cannot write JSON: {e}"))]),
        },
        Format::Text => print!("{}", for_terminal(&text::render(&words, &a, why))),
    }
    ExitCode::SUCCESS
}

fn rules_check(cli: &Cli, dir: Option<&str>) -> ExitCode {
    let which = dir.unwrap_or(&cli.pack);
    match load(which, &cli.content) {
        Ok((pack, _)) => {
            println!(
                "ok: rule pack '{}' ({}): {} parameters, {} programs, {} life events, {} program deadlines, covering dates from {}",
                pack.id,
                pack.name,
                pack.params.len(),
                pack.programs.len(),
                pack.events.len(),
                pack.deadlines.len(),
                pack.covers_from
            );
            ExitCode::SUCCESS
        }
        Err(ps) => {
            eprintln!("{} problem(s) in the rule pack {which}:", ps.len());
            fail(&ps)
        }
    }
}

fn delete(cli: &Cli, id: i64) -> Result<(), Vec<Problem>> {
    let content = Content::open(&cli.content)?;
    if open_store(cli)?.delete(id)? {
        println!("{}", content.ui("delete.done", &[("id", &id.to_string())]));
        Ok(())
    } else {
        Err(vec![Problem::new(format!("there is no case {id}"))])
    }
}

fn purge(cli: &Cli, days: u32) -> Result<(), Vec<Problem>> {
    let content = Content::open(&cli.content)?;
    let n = open_store(cli)?.purge_older_than(days)?;
    println!(
        "{}",
        content.ui(
            "purge.done",
            &[("n", &n.to_string()), ("days", &days.to_string())]
        )
    );
    Ok(())
}

/// `intake keys`: the keymap in effect, as lines a site can copy.
fn keys() -> Result<(), Vec<Problem>> {
    let map = crate::tui::keymap::Keymap::load()?;
    let from = match crate::tui::keymap::user_file() {
        Some(f) if f.exists() => one_line(&f.display().to_string()),
        _ => "config/keys.yaml (built in)".to_string(),
    };
    println!("# keys in effect, from {from}");
    for l in map.lines() {
        println!("{l}");
    }
    Ok(())
}

/// With --strict (or a pack that says so), figures past their review date
/// on `as_of` are a refusal, not a warning.
fn strict_refusal(cli: &Cli, pack: &Pack, content: &Content, as_of: Date) -> Option<Problem> {
    if !(cli.strict || pack.refuse_stale) {
        return None;
    }
    let stale = engine::stale_figures(pack, as_of);
    let first = stale.first()?;
    Some(Problem::new(content.ui(
        "stale.strict",
        &[
            ("date", &crate::dates::spoken(as_of)),
            ("n", &stale.len().to_string()),
            ("name", content.name("figures", &first.parameter)),
            ("due", &crate::dates::spoken(first.review_by)),
        ],
    )))
}

fn result(r: Result<(), Vec<Problem>>) -> ExitCode {
    match r {
        Ok(()) => ExitCode::SUCCESS,
        Err(ps) => fail(&ps),
    }
}

impl From<Problem> for Vec<Problem> {
    fn from(p: Problem) -> Self {
        vec![p]
    }
}

pub fn open_store(cli: &Cli) -> Result<Store, Vec<Problem>> {
    let path = match &cli.db {
        Some(p) => p.clone(),
        None => crate::store::default_path().ok_or_else(|| {
            vec![Problem::new(
                "cannot find a home folder for the case store; give --db PATH",
            )]
        })?,
    };
    Ok(Store::open(&path)?)
}

fn import(cli: &Cli, file: &Path) -> Result<(), Vec<Problem>> {
    let (pack, _content) = load(&cli.pack, &cli.content)?;
    let (intake, text) = read_intake(file, cli.max_record_bytes)?;
    let as_of = cli.as_of.or(intake.as_of).unwrap_or_else(today);
    engine::assess(&pack, &intake, as_of)
        .map_err(|p| vec![p.locate(&file.display().to_string(), &text)])?;
    let store = open_store(cli)?;
    let id = store.create(&pack.id, as_of, &intake)?;
    println!("{id}");
    Ok(())
}

fn list(cli: &Cli, limit: usize) -> Result<(), Vec<Problem>> {
    let (pack, content) = load(&cli.pack, &cli.content)?;
    let store = open_store(cli)?;
    let words = Words::new(&content, &pack);
    let cases = store.list(limit)?;
    if cases.is_empty() {
        println!("{}", content.ui("list.empty", &[]));
    }
    for case in cases {
        let who: Vec<&str> = case
            .record
            .people
            .iter()
            .map(|p| p.display_name())
            .collect();
        let (likely, missing) = match engine::assess(&pack, &case.record, case.as_of) {
            Ok(a) => {
                let mut likely: Vec<String> = a
                    .programs
                    .iter()
                    .filter(|p| p.status == engine::Status::Likely)
                    .map(|p| words.program(&p.program))
                    .collect();
                likely.sort();
                likely.dedup();
                let missing = a
                    .proofs
                    .iter()
                    .filter(|p| {
                        matches!(
                            p.status,
                            engine::ProofStatus::Missing | engine::ProofStatus::Insufficient
                        )
                    })
                    .count();
                (likely.join(", "), missing.to_string())
            }
            Err(e) => (format!("({e})"), "?".into()),
        };
        // Names come from records, some stored before names were checked.
        println!(
            "{}",
            one_line(&content.ui(
                "list.line",
                &[
                    ("id", &case.id.to_string()),
                    ("when", &case.updated_at),
                    ("state", &case.state),
                    (
                        "who",
                        &if who.is_empty() {
                            content.ui("list.nobody", &[])
                        } else {
                            who.join(", ")
                        }
                    ),
                    ("likely", if likely.is_empty() { "-" } else { &likely }),
                    ("missing", &missing),
                ],
            ))
        );
    }
    Ok(())
}

fn export(
    cli: &Cli,
    id: i64,
    format: ExportFormat,
    output: Option<&Path>,
) -> Result<(), Vec<Problem>> {
    let store = open_store(cli)?;
    let case = store.get(id)?;
    let (pack, content) = load(&case.pack, &cli.content)?;
    if let Some(p) = strict_refusal(cli, &pack, &content, case.as_of) {
        return Err(vec![p]);
    }
    let mut a = engine::assess(&pack, &case.record, case.as_of)?;
    let words = Words::new(&content, &pack);
    words.fill(&mut a);
    let list = checklist::build(&words, &case.record, &a, id);
    let (text, ext) = match format {
        ExportFormat::Md => (checklist::markdown(&words, &list), "md"),
        ExportFormat::Json => (
            serde_json::to_string_pretty(&list).map_err(|e| Problem::new(e.to_string()))? + "\n",
            "json",
        ),
        ExportFormat::Yaml => (
            serde_yaml::to_string(&list).map_err(|e| Problem::new(e.to_string()))?,
            "yaml",
        ),
    };
    let default = PathBuf::from(format!("intake-case-{id}-checklist.{ext}"));
    let path = output.unwrap_or(&default);
    if path == Path::new("-") {
        // A checklist names people; a stored name may predate the check.
        print!("{}", for_terminal(&text));
        return Ok(());
    }
    crate::safe::fs::write_file(path, text.as_bytes())
        .map_err(|e| Problem::new(format!("cannot write {}: {e}", path.display())))?;
    println!(
        "{}",
        content.ui("export.wrote", &[("path", &path.display().to_string())])
    );
    Ok(())
}

fn generate(cli: &Cli, count: u64, seed: u64) -> Result<(), Vec<Problem>> {
    let pack = Pack::open(&cli.pack)?;
    let as_of = cli.as_of.unwrap_or_else(|| {
        pack.covers_from
            .max(Date::from_ymd_opt(2016, 6, 1).unwrap_or(pack.covers_from))
    });
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    use std::io::Write;
    for i in 0..count {
        let r = crate::synth::record(&pack, as_of, seed, i);
        let line = serde_json::to_string(&r).map_err(|e| Problem::new(e.to_string()))?;
        if writeln!(out, "{line}").is_err() {
            break; // reader went away (e.g. `| head`)
        }
    }
    Ok(())
}

/// The rules cases were last assessed with: `new` itself when it is the
/// same pack (read once), else that pack, kept in `other`.
fn baseline_pack<'a>(
    name: &str,
    new: &'a Pack,
    cli: &Cli,
    other: &'a mut Option<Pack>,
) -> Result<&'a Pack, Vec<Problem>> {
    if name == cli.pack {
        return Ok(new);
    }
    Ok(other.insert(Pack::open(name)?))
}

/// Old rules against new: with another pack both runs use one date; with
/// the same files there is nothing to compare.
fn plan_for<'a>(
    baseline: &'a Pack,
    baseline_name: &str,
    new: &'a Pack,
    cli: &Cli,
) -> crate::rescreen::Plan<'a> {
    crate::rescreen::Plan {
        baseline,
        new,
        as_of: cli.as_of,
        same_date: baseline_name != cli.pack,
        same_rules: baseline.same_rules(new),
        strict: cli.strict || new.refuse_stale,
    }
}

fn rescreen(
    cli: &Cli,
    input: Option<&Path>,
    output: Option<&Path>,
    from_pack: Option<&str>,
    jobs: Option<usize>,
) -> Result<(), Vec<Problem>> {
    use crate::rescreen::{Item, Progress, run, stream};
    use std::io::{BufRead, IsTerminal, Write};
    let content = Content::open(&cli.content)?;
    let new = Pack::open(&cli.pack)?;
    let jobs = jobs.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    });
    let text = |done: usize, total: usize, rate: f64, left: f64| {
        content.ui(
            "rescreen.progress",
            &[
                ("done", &done.to_string()),
                ("total", &total.to_string()),
                ("rate", &format!("{rate:.0}")),
                ("left", &format!("{left:.0}")),
            ],
        )
    };
    let figure_words = Words::new(&content, &new);
    let summary = |n: usize, changed: usize, errors: usize, stale: usize, figures: &[String]| {
        eprintln!(
            "{}",
            content.ui(
                "rescreen.summary",
                &[
                    ("n", &n.to_string()),
                    ("changed", &changed.to_string()),
                    ("errors", &errors.to_string())
                ]
            )
        );
        // Results resting on old figures are counted, never left unsaid.
        if stale > 0 {
            let names: Vec<String> = figures.iter().map(|f| figure_words.figure(f)).collect();
            eprintln!(
                "{}",
                content.ui(
                    "rescreen.stale",
                    &[("n", &stale.to_string()), ("list", &names.join(", "))]
                )
            );
        }
    };
    if let Some(path) = input {
        // A file of records: streamed, so memory stays at one chunk.
        let baseline_name = from_pack.unwrap_or("ma");
        let mut other = None;
        let baseline = baseline_pack(baseline_name, &new, cli, &mut other)?;
        let plan = plan_for(baseline, baseline_name, &new, cli);
        let open = || {
            std::fs::File::open(path)
                .map(std::io::BufReader::new)
                .map_err(|e| Problem::new(format!("cannot read {}: {e}", path.display())))
        };
        // The total is counted only when there is a progress line to show.
        let total = if std::io::stderr().is_terminal() {
            open()?
                .lines()
                .map_while(|l| l.ok())
                .filter(|l| !l.trim().is_empty())
                .count()
        } else {
            0
        };
        let mut progress = Progress::new(total);
        let file = path.display().to_string();
        let mut tick = |d: usize| progress.tick(d, &text);
        let cannot_write = |e: std::io::Error| {
            let p = output.unwrap_or(path);
            Problem::new(format!("cannot write {}: {e}", p.display()))
        };
        let mut run_to =
            |w: &mut dyn Write| stream(&plan, &mut open()?, &file, cli.as_of, jobs, w, &mut tick);
        let tally = match output {
            // A file is written beside the target and renamed into place
            // when complete, so a failed run leaves no half-written results.
            Some(p) => {
                let partial = crate::safe::fs::Partial::new(p).map_err(cannot_write)?;
                let mut w = std::io::BufWriter::new(partial);
                let t = run_to(&mut w)?;
                w.into_inner()
                    .map_err(|e| cannot_write(e.into_error()))?
                    .commit()
                    .map_err(cannot_write)?;
                t
            }
            // Standard output: a reader that went away is not an error.
            None => {
                let mut w = std::io::BufWriter::new(std::io::stdout().lock());
                let r = run_to(&mut w);
                let _ = w.flush();
                r?
            }
        };
        progress.finish();
        let figures: Vec<String> = tally.stale_figures.iter().cloned().collect();
        summary(
            tally.records,
            tally.changed,
            tally.errors,
            tally.stale,
            &figures,
        );
        return Ok(());
    }
    // The store's cases: few enough to hold, and reported as sentences.
    let store = open_store(cli)?;
    let mut items = Vec::new();
    let mut case_packs = Vec::new();
    for case in store.list(usize::MAX)? {
        case_packs.push(case.pack.clone());
        items.push(Item {
            label: case.id.to_string(),
            record: case.record,
            as_of: case.as_of,
        });
    }
    let baseline_name = from_pack
        .map(str::to_string)
        .or_else(|| case_packs.first().cloned())
        .unwrap_or_else(|| "ma".into());
    let mut other = None;
    let baseline = baseline_pack(&baseline_name, &new, cli, &mut other)?;
    let plan = plan_for(baseline, &baseline_name, &new, cli);
    let mut progress = Progress::new(items.len());
    let outcomes = run(&plan, &items, jobs, &mut |d| progress.tick(d, &text));
    progress.finish();
    let changed = outcomes.iter().filter(|o| !o.changes.is_empty()).count();
    let errors = outcomes.iter().filter(|o| o.error.is_some()).count();
    let stale = outcomes.iter().filter(|o| !o.stale.is_empty()).count();
    let figures: Vec<String> = outcomes
        .iter()
        .flat_map(|o| o.stale.iter().cloned())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let words = Words::new(&content, &new);
    for o in outcomes
        .iter()
        .filter(|o| !o.changes.is_empty() || o.error.is_some())
    {
        if let Some(e) = &o.error {
            println!(
                "{}",
                one_line(&content.ui("rescreen.error", &[("id", &o.label), ("error", e)]))
            );
            continue;
        }
        for ch in &o.changes {
            println!(
                "{}",
                one_line(&content.ui(
                    "rescreen.change",
                    &[("id", &o.label), ("change", &words.change(ch))]
                ))
            );
        }
    }
    summary(items.len(), changed, errors, stale, &figures);
    Ok(())
}
