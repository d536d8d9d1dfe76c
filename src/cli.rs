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
    let ps = check_content(&pack, &content);
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
        None => {
            eprintln!("The interview form is not built yet; use `intake check FILE`.");
            ExitCode::from(2)
        }
    }
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
    let a = match engine::assess(&pack, &intake, as_of) {
        Ok(a) => a,
        Err(p) => return fail(&[p.locate(&file.display().to_string(), &text)]),
    };
    match format {
        Format::Json => match serde_json::to_string_pretty(&a) {
            Ok(s) => println!("{s}"),
            Err(e) => return fail(&[Problem::new(format!("cannot write JSON: {e}"))]),
        },
        Format::Text => print!("{}", text::render(&Words::new(&content, &pack), &a, why)),
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
