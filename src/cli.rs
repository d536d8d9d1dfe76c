//! The command line. Every failure a user can cause ends here as one clear
//! message on standard error and exit status 2.

use crate::content::Content;
use crate::dates::{Date, parse_date};
use crate::engine;
use crate::error::Problem;
use crate::model::Intake;
use crate::report::{Words, text};
use crate::rules::{Pack, check::check_content};
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
pub enum Format {
    Text,
    Json,
}

fn date_arg(s: &str) -> Result<Date, String> {
    parse_date(s)
}

pub fn fail(problems: &[Problem]) -> ExitCode {
    for p in problems {
        eprintln!("error: {p}");
    }
    ExitCode::from(2)
}

pub fn load(pack: &str, content: &str) -> Result<(Pack, Content), Vec<Problem>> {
    let pack = Pack::open(pack)?;
    let content = Content::open(content).map_err(|e| vec![e])?;
    let mut ps = check_content(&pack, &content);
    ps.extend(crate::interview::check(&pack, &content));
    ps.extend(crate::report::changes::check_words(&content));
    ps.extend(crate::plain::check_words(&content));
    if !ps.is_empty() {
        return Err(ps);
    }
    Ok((pack, content))
}

/// Read an intake record (YAML or JSON) with file:line messages.
pub fn read_intake(path: &Path) -> Result<(Intake, String), Problem> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| Problem::new(format!("cannot read {shown}: {e}")))?;
    let intake: Intake = crate::rules::parse_yaml(&shown, &text)?;
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
    match &cli.command {
        Some(Command::Check { file, format, why }) => check(&cli, file, *format, *why),
        Some(Command::Rules {
            command: RulesCommand::Check { dir },
        }) => rules_check(&cli, dir.as_deref()),
        None => interview(&cli),
    }
}

/// The plain mode is for a listener or a script: asked for, or output is
/// not a terminal, or the terminal cannot do more (TERM=dumb).
pub fn wants_plain(cli: &Cli) -> bool {
    use std::io::IsTerminal;
    cli.plain
        || !std::io::stdout().is_terminal()
        || std::env::var("TERM").is_ok_and(|t| t == "dumb")
}

/// `intake` with no command: an interview, new or from `--open FILE`.
fn interview(cli: &Cli) -> ExitCode {
    let (pack, content) = match load(&cli.pack, &cli.content) {
        Ok(x) => x,
        Err(ps) => return fail(&ps),
    };
    let script = match crate::interview::Script::load(&pack, &content) {
        Ok(s) => s,
        Err(ps) => return fail(&ps),
    };
    let (intake, as_of, text) = match &cli.open {
        Some(file) => match read_intake(file) {
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
    };
    let iv = match crate::interview::Interview::from_intake(&script, &pack, intake, as_of) {
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
    // Until the ratatui form (issue 5) lands, every interview is plain;
    // the form will start here when `wants_plain` is false.
    let _plain = wants_plain(cli);
    let opts = crate::plain::Options {
        save: cli.save.clone(),
        opened: cli.open.clone(),
        fit_terminal: std::io::IsTerminal::is_terminal(&std::io::stdout()),
    };
    let end = crate::plain::run(
        iv,
        &words,
        opts,
        std::io::stdin().lock(),
        std::io::stdout().lock(),
    );
    ExitCode::from(end.code)
}

fn check(cli: &Cli, file: &Path, format: Format, why: bool) -> ExitCode {
    let (pack, content) = match load(&cli.pack, &cli.content) {
        Ok(x) => x,
        Err(ps) => return fail(&ps),
    };
    let (intake, text) = match read_intake(file) {
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
        Format::Text => print!("{}", text::render(&words, &a, why)),
    }
    ExitCode::SUCCESS
}

fn rules_check(cli: &Cli, dir: Option<&str>) -> ExitCode {
    let which = dir.unwrap_or(&cli.pack);
    match load(which, &cli.content) {
        Ok((pack, _)) => {
            println!(
                "ok: rule pack '{}' ({}): {} parameters, {} programs, covering dates from {}",
                pack.id,
                pack.name,
                pack.params.len(),
                pack.programs.len(),
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
