//! Rule packs: everything that decides an outcome, as YAML with citations.
//!
//! A pack is a directory (rules/ma, rules/mn) or its embedded copy:
//!   pack.yaml            id, name, sources, the date the pack covers from
//!   parameters/*.yaml    dated, cited numbers and tables
//!   programs.yaml        criteria for each program
//!   income_kinds.yaml, asset_kinds.yaml, immigration.yaml
//!   events.yaml          qualifying life events: windows, coverage starts
//!   deadlines.yaml       program deadlines counted from the record's dates
//! Everything but pack.yaml is optional (absent = empty), so a pack may hold
//! only what its jurisdiction needs (rules/mn has events and no programs).
//! Loading validates everything (see `check`), so a pack that loads is one
//! the engine can run without surprises.

pub mod check;
pub mod criteria;
pub mod events;
pub mod params;
pub mod proofs;

use crate::dates::Date;
use crate::error::{Problem, Result};
use crate::yamlpos::line_of;
use criteria::{Node, parse_node};
use events::{DeadlineRule, EventRule, RawDeadlineRule, RawEventRule};
use params::{Parameter, Params, RawParameter};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// Files of a pack or of content: (path as shown to the user, text).
#[derive(Debug, Clone, Default)]
pub struct FileSet {
    /// Where the files were read from ("rules/ma" embedded, or a directory).
    pub root: String,
    pub files: Vec<(String, String)>,
}

impl FileSet {
    /// The embedded copy of `rules/<name>` or `content/<name>`.
    pub fn embedded(prefix: &str) -> FileSet {
        let p = format!("{}/", prefix.trim_end_matches('/'));
        FileSet {
            root: p.clone(),
            files: embedded::FILES
                .iter()
                .filter(|(path, _)| path.starts_with(&p))
                .map(|(path, text)| (path.to_string(), text.to_string()))
                .collect(),
        }
    }

    pub fn from_dir(dir: &Path) -> Result<FileSet> {
        if !dir.is_dir() {
            return Err(Problem::new(format!(
                "{} is not a directory",
                dir.display()
            )));
        }
        let mut files = Vec::new();
        fn walk(d: &Path, files: &mut Vec<(String, String)>) -> Result<()> {
            let mut entries: Vec<_> = std::fs::read_dir(d)
                .map_err(|e| Problem::new(format!("cannot read {}: {e}", d.display())))?
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .collect();
            entries.sort();
            for p in entries {
                if p.is_dir() {
                    walk(&p, files)?;
                } else if p.extension().is_some_and(|e| e == "yaml") {
                    let text = std::fs::read_to_string(&p)
                        .map_err(|e| Problem::new(format!("cannot read {}: {e}", p.display())))?;
                    files.push((p.display().to_string(), text));
                }
            }
            Ok(())
        }
        walk(dir, &mut files)?;
        let mut root = dir.display().to_string();
        if !root.ends_with('/') {
            root.push('/');
        }
        Ok(FileSet { root, files })
    }

    /// Each file's path below the root, with its text, sorted: two sets
    /// with the same contents are equal wherever they were read from.
    pub fn contents(&self) -> Vec<(&str, &str)> {
        let mut v: Vec<(&str, &str)> = self
            .files
            .iter()
            .map(|(p, t)| (p.strip_prefix(&self.root).unwrap_or(p), t.as_str()))
            .collect();
        v.sort();
        v
    }

    /// Files whose path (after the pack directory) matches `name`, e.g.
    /// "programs.yaml" or the folder "parameters/".
    pub fn matching<'a>(
        &'a self,
        name: &'a str,
    ) -> impl Iterator<Item = &'a (String, String)> + 'a {
        self.files.iter().filter(move |(p, _)| {
            let p = p.replace('\\', "/");
            if name.ends_with('/') {
                p.contains(&format!("/{name}"))
            } else {
                p.ends_with(&format!("/{name}"))
            }
        })
    }

    pub fn names_available(prefix: &str) -> Vec<String> {
        let mut v: Vec<String> = embedded::FILES
            .iter()
            .filter_map(|(p, _)| p.strip_prefix(&format!("{prefix}/")))
            .filter_map(|rest| rest.split('/').next())
            .filter(|s| !s.ends_with(".yaml"))
            .map(str::to_string)
            .collect();
        v.sort();
        v.dedup();
        v
    }
}

/// Parse YAML twice: as a generic value (which refuses duplicate keys, so a
/// date given twice is caught as an overlap) and as the typed structure
/// (whose errors carry lines).
pub fn parse_yaml<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T> {
    let explain = |e: serde_yaml::Error| {
        let mut p = crate::error::from_yaml(file, &e);
        if p.message.contains("duplicate entry") {
            p.message = format!(
                "{}: given twice (two values for one key, or two values for one date overlap)",
                p.message
            );
        }
        p
    };
    serde_yaml::from_str::<serde_yaml::Value>(text).map_err(explain)?;
    serde_yaml::from_str(text).map_err(explain)
}

/// A citation: which source document, and where in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    pub source: std::sync::Arc<str>,
    pub section: std::sync::Arc<str>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub file: String,
    pub title: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPackFile {
    id: String,
    name: String,
    sources: BTreeMap<String, Source>,
    /// The first date every rule of the pack has a value for.
    covers_from: Date,
    /// What to do with a figure past its review date: warn (say it next to
    /// every result that rests on it) or refuse (exit status 2).
    #[serde(default)]
    stale_figures: StalePolicy,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StalePolicy {
    #[default]
    Warn,
    Refuse,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProgram {
    reference: Reference,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    deductible: Option<DeductibleRule>,
    #[serde(default)]
    flags: Vec<serde_yaml::Value>,
    criteria: serde_yaml::Value,
}

/// A program whose failed income test can be cured by meeting a deductible.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeductibleRule {
    /// The id of the income criterion.
    pub criterion: String,
    /// Parameter: the number of months in the deductible period.
    pub months: String,
}

#[derive(Debug, Clone)]
pub struct Program {
    pub id: String,
    /// The id, shared with every result for this program.
    pub id_arc: std::sync::Arc<str>,
    pub reference: Reference,
    pub note: Option<String>,
    pub deductible: Option<DeductibleRule>,
    /// Notes raised when the program is likely and their condition holds.
    pub flags: Vec<Flag>,
    pub criteria: Node,
    pub leaf_count: usize,
    /// The leaf a deductible can cure (resolved at load).
    pub deductible_leaf: Option<usize>,
    pub file: String,
}

#[derive(Debug, Clone)]
pub struct Flag {
    pub id: String,
    pub when: Node,
    pub leaf_count: usize,
    pub reference: Reference,
    pub path: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IncomeTreatment {
    /// Counted in full.
    Counted,
    /// Income from working: counted at the working-income fraction.
    Working,
    NotCounted,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IncomeKind {
    /// How MassHealth's senior rules count it.
    pub senior: IncomeTreatment,
    /// Counted in Modified Adjusted Gross Income (Health Connector, HSN).
    pub magi: bool,
    pub reference: Reference,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AssetTreatment {
    Countable,
    Home,
    Vehicle,
    LifeInsurance,
    BurialPlot,
    BurialFund,
    BurialTrust,
    NotCountable,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssetKind {
    pub treatment: AssetTreatment,
    pub reference: Reference,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusGroup {
    /// Qualified regardless of entry date or time in status (group 1).
    AlwaysQualified,
    /// Qualified once a condition is met (group 2.A), else qualified barred.
    Conditional,
    NonqualifiedLawfullyPresent,
    Prucol,
    Other,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImmigrationStatus {
    pub group: StatusGroup,
    pub reference: Reference,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImmigrationRules {
    pub statuses: BTreeMap<String, ImmigrationStatus>,
}

#[derive(Debug, Clone)]
pub struct Pack {
    pub id: String,
    pub name: String,
    pub covers_from: Date,
    /// Refuse to answer from figures past their review date (pack.yaml
    /// `stale_figures: refuse`; `--strict` does the same for one run).
    pub refuse_stale: bool,
    pub sources: BTreeMap<String, Source>,
    pub params: Params,
    /// In evaluation order: a program comes after those its criteria test.
    pub programs: Vec<Program>,
    pub income_kinds: BTreeMap<String, IncomeKind>,
    pub asset_kinds: BTreeMap<String, AssetKind>,
    pub immigration: ImmigrationRules,
    /// The document catalog and proof needs (absent in a pack without them).
    pub proofs: Option<proofs::ProofRules>,
    /// Qualifying life events by kind.
    pub events: BTreeMap<String, EventRule>,
    /// Program deadlines, in the order written.
    pub deadlines: Vec<DeadlineRule>,
    /// Where each thing was written, for messages: key -> (file, yaml path).
    pub origins: HashMap<String, (String, String)>,
    pub files: FileSet,
}

fn yaml_problem(file: &str, text: &str, (path, msg): (String, String)) -> Problem {
    Problem::at(file, line_of(text, &path), msg)
}

impl Pack {
    /// Whether two packs were loaded from the same files (the engine is
    /// pure, so they assess every record alike).
    pub fn same_rules(&self, other: &Pack) -> bool {
        self.files.contents() == other.files.contents()
    }

    /// Load a pack by name ("ma", "mn": the embedded copy) or from a directory.
    pub fn open(name_or_dir: &str) -> std::result::Result<Pack, Vec<Problem>> {
        let files = if Path::new(name_or_dir).is_dir() && name_or_dir.contains(['/', '.']) {
            FileSet::from_dir(Path::new(name_or_dir)).map_err(|e| vec![e])?
        } else {
            let fs = FileSet::embedded(&format!("rules/{name_or_dir}"));
            if fs.files.is_empty() {
                return Err(vec![Problem::new(format!(
                    "no rule pack called '{name_or_dir}'; the packs are {} (or give a directory such as ./rules/ma)",
                    FileSet::names_available("rules").join(", ")
                ))]);
            }
            fs
        };
        Pack::load(files)
    }

    pub fn load(files: FileSet) -> std::result::Result<Pack, Vec<Problem>> {
        let mut problems = Vec::new();
        fn first<'f>(
            files: &'f FileSet,
            name: &str,
        ) -> std::result::Result<&'f (String, String), Problem> {
            files
                .files
                .iter()
                .find(|(p, _)| p.replace('\\', "/").ends_with(&format!("/{name}")))
                .ok_or_else(|| Problem::new(format!("the rule pack has no {name}")))
        }
        let one = |name: &str| first(&files, name);
        macro_rules! need {
            ($e:expr) => {
                match $e {
                    Ok(v) => v,
                    Err(p) => {
                        problems.push(p);
                        return Err(problems);
                    }
                }
            };
        }
        let (pf, pt) = need!(one("pack.yaml"));
        let raw: RawPackFile = need!(parse_yaml(pf, pt));
        let mut origins = HashMap::new();

        let mut params = Params::default();
        for (file, text) in files.matching("parameters/") {
            match parse_yaml::<BTreeMap<String, RawParameter>>(file, text) {
                Ok(map) => {
                    for (name, rp) in map {
                        match Parameter::from_raw(&name, rp, file, text) {
                            Ok(p) => {
                                if params.contains_key(&name) {
                                    problems.push(Problem::at(
                                        file,
                                        line_of(text, &name),
                                        format!("parameter '{name}' is defined twice"),
                                    ));
                                }
                                origins
                                    .insert(format!("param:{name}"), (file.clone(), name.clone()));
                                params.insert(p);
                            }
                            Err(p) => problems.push(p),
                        }
                    }
                }
                Err(p) => problems.push(p),
            }
        }

        let mut programs = Vec::new();
        if let Ok((file, text)) = one("programs.yaml") {
            match parse_yaml::<BTreeMap<String, RawProgram>>(file, text) {
                Ok(map) => {
                    for (id, rp) in map {
                        origins.insert(format!("program:{id}"), (file.clone(), id.clone()));
                        let mut criteria = match parse_node(&rp.criteria, &format!("{id}.criteria"))
                        {
                            Ok(n) => n,
                            Err(e) => {
                                problems.push(yaml_problem(file, text, e));
                                continue;
                            }
                        };
                        let leaf_count = criteria::number(&mut criteria);
                        let mut flags = Vec::new();
                        for (i, fv) in rp.flags.iter().enumerate() {
                            let path = format!("{id}.flags[{i}]");
                            match parse_flag(fv, &path) {
                                Ok(f) => flags.push(f),
                                Err(e) => problems.push(yaml_problem(file, text, e)),
                            }
                        }
                        programs.push(Program {
                            id_arc: id.as_str().into(),
                            id,
                            reference: rp.reference,
                            note: rp.note,
                            deductible: rp.deductible,
                            flags,
                            criteria,
                            leaf_count,
                            deductible_leaf: None,
                            file: file.clone(),
                        });
                    }
                }
                Err(p) => problems.push(p),
            }
        }

        let load_map = |name: &str| -> Option<(String, String)> {
            one(name).ok().map(|(f, t)| (f.clone(), t.clone()))
        };
        let inc = load_map("income_kinds.yaml");
        let ast = load_map("asset_kinds.yaml");
        let imm = load_map("immigration.yaml");
        let mut income_kinds = BTreeMap::new();
        if let Some((f, t)) = &inc {
            match parse_yaml(f, t) {
                Ok(m) => income_kinds = m,
                Err(p) => problems.push(p),
            }
        }
        let mut asset_kinds = BTreeMap::new();
        if let Some((f, t)) = &ast {
            match parse_yaml(f, t) {
                Ok(m) => asset_kinds = m,
                Err(p) => problems.push(p),
            }
        }
        let mut immigration = ImmigrationRules {
            statuses: BTreeMap::new(),
        };
        if let Some((f, t)) = &imm {
            match parse_yaml(f, t) {
                Ok(m) => immigration = m,
                Err(p) => problems.push(p),
            }
        }
        for (kind, name) in [("income", &inc), ("asset", &ast), ("immigration", &imm)] {
            if let Some((f, _)) = name {
                origins.insert(format!("file:{kind}"), (f.clone(), String::new()));
            }
        }

        let proof_rules = match (one("documents.yaml"), one("proofs.yaml")) {
            (Ok((df, dt)), Ok((pf, pt))) => match proofs::ProofRules::load((df, dt), (pf, pt)) {
                Ok(r) => Some(r),
                Err(p) => {
                    problems.push(p);
                    None
                }
            },
            (Err(_), Err(_)) => None,
            (Ok(_), Err(p)) | (Err(p), Ok(_)) => {
                problems.push(p);
                None
            }
        };
        let (events, deadlines) = load_events(&files, &mut problems, &mut origins);
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut pack = Pack {
            id: raw.id,
            name: raw.name,
            covers_from: raw.covers_from,
            refuse_stale: raw.stale_figures == StalePolicy::Refuse,
            sources: raw.sources,
            params,
            programs,
            income_kinds,
            asset_kinds,
            immigration,
            proofs: proof_rules,
            events,
            deadlines,
            origins,
            files,
        };
        if let Err(mut ps) = pack.order_programs() {
            problems.append(&mut ps);
        }
        pack.resolve_positions();
        problems.extend(check::check_pack(&pack));
        if problems.is_empty() {
            Ok(pack)
        } else {
            Err(problems)
        }
    }

    /// Sort programs so that each comes after the programs it tests.
    fn order_programs(&mut self) -> std::result::Result<(), Vec<Problem>> {
        let ids: Vec<String> = self.programs.iter().map(|p| p.id.clone()).collect();
        let deps: HashMap<String, Vec<String>> = self
            .programs
            .iter()
            .map(|p| {
                let mut d: Vec<String> = p
                    .criteria
                    .leaves()
                    .into_iter()
                    .chain(p.flags.iter().flat_map(|f| f.when.leaves()))
                    .filter_map(|l| match &l.test {
                        criteria::Test::Program { program, .. } => Some(program.clone()),
                        _ => None,
                    })
                    .collect();
                d.sort();
                d.dedup();
                (p.id.clone(), d)
            })
            .collect();
        let mut order: Vec<String> = Vec::new();
        let mut state: HashMap<String, u8> = HashMap::new();
        fn visit(
            id: &str,
            deps: &HashMap<String, Vec<String>>,
            state: &mut HashMap<String, u8>,
            order: &mut Vec<String>,
            stack: &mut Vec<String>,
        ) -> std::result::Result<(), String> {
            match state.get(id) {
                Some(2) => return Ok(()),
                Some(1) => {
                    stack.push(id.to_string());
                    return Err(stack.join(" -> "));
                }
                _ => {}
            }
            state.insert(id.to_string(), 1);
            stack.push(id.to_string());
            for d in deps.get(id).into_iter().flatten() {
                if deps.contains_key(d) {
                    visit(d, deps, state, order, stack)?;
                }
            }
            stack.pop();
            state.insert(id.to_string(), 2);
            order.push(id.to_string());
            Ok(())
        }
        for id in &ids {
            let mut stack = Vec::new();
            if let Err(cycle) = visit(id, &deps, &mut state, &mut order, &mut stack) {
                let p = &self.programs.iter().find(|p| &p.id == id).unwrap().file;
                return Err(vec![Problem::at(
                    p,
                    None,
                    format!("programs test each other in a circle: {cycle}"),
                )]);
            }
        }
        let mut by_id: HashMap<String, Program> =
            self.programs.drain(..).map(|p| (p.id.clone(), p)).collect();
        self.programs = order
            .into_iter()
            .filter_map(|id| by_id.remove(&id))
            .collect();
        Ok(())
    }

    /// Turn names in criteria into positions (parameters, programs, the
    /// deductible's leaf), so evaluation does no name lookups.
    fn resolve_positions(&mut self) {
        let program_index: HashMap<String, usize> = self
            .programs
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        let params = &self.params;
        let mut fix = |l: &mut criteria::Leaf| match &mut l.test {
            criteria::Test::Fact {
                rhs:
                    criteria::Operand::Param {
                        name,
                        slot,
                        column_slot,
                        column_from,
                        ..
                    },
                ..
            } => {
                *slot = params.slot(name).unwrap_or(usize::MAX);
                *column_slot = column_from
                    .as_deref()
                    .and_then(|c| params.slot(c))
                    .unwrap_or(usize::MAX);
            }
            criteria::Test::Program {
                program,
                program_index: pi,
                ..
            } => {
                *pi = program_index
                    .get(program.as_str())
                    .copied()
                    .unwrap_or(usize::MAX);
            }
            _ => {}
        };
        for prog in &mut self.programs {
            prog.criteria.for_each_leaf_mut(&mut fix);
            for f in &mut prog.flags {
                f.when.for_each_leaf_mut(&mut fix);
            }
            prog.deductible_leaf = prog.deductible.as_ref().and_then(|d| {
                prog.criteria
                    .leaves()
                    .into_iter()
                    .find(|l| *l.id == *d.criterion)
                    .map(|l| l.index)
            });
        }
        if let Some(pr) = &mut self.proofs {
            for e in &mut pr.exemptions {
                e.when.for_each_leaf_mut(&mut fix);
            }
        }
        for d in &mut self.deadlines {
            if let Some(w) = &mut d.when {
                w.for_each_leaf_mut(&mut fix);
            }
        }
    }

    pub fn param(&self, name: &str) -> Result<&Parameter> {
        self.params
            .get(name)
            .ok_or_else(|| Problem::new(format!("the rule pack has no parameter '{name}'")))
    }

    /// A plain number parameter on a date.
    pub fn num(&self, name: &str, on: Date) -> Result<(Decimal, Date)> {
        let p = self.param(name)?;
        let (d, v) = p.at(on)?;
        params::lookup_num(v, &[]).map(|n| (n, d)).ok_or_else(|| {
            Problem::new(format!(
                "parameter '{name}' is a table; a single number was expected"
            ))
        })
    }

    pub fn date(&self, name: &str, on: Date) -> Result<(Date, Date)> {
        let p = self.param(name)?;
        let (d, v) = p.at(on)?;
        params::lookup_date(v)
            .map(|x| (x, d))
            .ok_or_else(|| Problem::new(format!("parameter '{name}' should be a date")))
    }

    pub fn program(&self, id: &str) -> Option<&Program> {
        self.programs.iter().find(|p| p.id == id)
    }

    pub fn source_title(&self, r: &Reference) -> String {
        self.sources
            .get(&*r.source)
            .map(|s| s.title.clone())
            .unwrap_or_else(|| r.source.to_string())
    }

    /// "MassHealth Senior Guide..., MassHealth Income and Asset Chart"
    pub fn cite(&self, r: &Reference) -> String {
        format!("{}, {}", self.source_title(r), r.section)
    }

    /// Text of a file of the pack, for line lookups.
    pub fn text_of(&self, file: &str) -> Option<&str> {
        self.files
            .files
            .iter()
            .find(|(f, _)| f == file)
            .map(|(_, t)| t.as_str())
    }

    pub fn line(&self, file: &str, path: &str) -> Option<usize> {
        self.text_of(file).and_then(|t| line_of(t, path))
    }
}

/// events.yaml and deadlines.yaml, when the pack has them.
fn load_events(
    files: &FileSet,
    problems: &mut Vec<Problem>,
    origins: &mut HashMap<String, (String, String)>,
) -> (BTreeMap<String, EventRule>, Vec<DeadlineRule>) {
    let find = |name: &str| {
        files
            .files
            .iter()
            .find(|(p, _)| p.replace('\\', "/").ends_with(&format!("/{name}")))
    };
    let mut events = BTreeMap::new();
    if let Some((file, text)) = find("events.yaml") {
        origins.insert("file:events".into(), (file.clone(), String::new()));
        match parse_yaml::<BTreeMap<String, RawEventRule>>(file, text) {
            Ok(map) => {
                for (id, r) in map {
                    let conditions = match &r.conditions {
                        None => None,
                        Some(v) => match parse_node(v, &format!("{id}.conditions")) {
                            Ok(n) => Some(n),
                            Err(e) => {
                                problems.push(yaml_problem(file, text, e));
                                continue;
                            }
                        },
                    };
                    events.insert(
                        id.clone(),
                        EventRule {
                            id,
                            reference: r.reference,
                            note: r.note,
                            window: r.window,
                            conditions,
                            coverage_start: r.coverage_start,
                            metal_levels: r.metal_levels,
                            proofs: r.proofs,
                            caution: r.caution,
                            in_effect_from: r.in_effect_from,
                            file: file.clone(),
                        },
                    );
                }
            }
            Err(p) => problems.push(p),
        }
    }
    let mut deadlines = Vec::new();
    if let Some((file, text)) = find("deadlines.yaml") {
        origins.insert("file:deadlines".into(), (file.clone(), String::new()));
        match parse_yaml::<BTreeMap<String, RawDeadlineRule>>(file, text) {
            Ok(map) => {
                for (id, r) in map {
                    let mut leaf_count = 0;
                    let when = match &r.when {
                        None => None,
                        Some(v) => match parse_node(v, &format!("{id}.when")) {
                            Ok(mut n) => {
                                leaf_count = criteria::number(&mut n);
                                Some(n)
                            }
                            Err(e) => {
                                problems.push(yaml_problem(file, text, e));
                                continue;
                            }
                        },
                    };
                    deadlines.push(DeadlineRule {
                        id,
                        reference: r.reference,
                        note: r.note,
                        kind: r.kind,
                        per: r.per,
                        from: r.from,
                        rule: r.rule,
                        when,
                        leaf_count,
                        if_no_date: r.if_no_date,
                        requires: r.requires,
                        also: r.also,
                        file: file.clone(),
                    });
                }
            }
            Err(p) => problems.push(p),
        }
    }
    (events, deadlines)
}

fn parse_flag(v: &serde_yaml::Value, path: &str) -> std::result::Result<Flag, (String, String)> {
    let m = v.as_mapping().ok_or_else(|| {
        (
            path.to_string(),
            "a flag must be a mapping with id, when, reference".to_string(),
        )
    })?;
    let id = m
        .get("id")
        .and_then(|x| x.as_str())
        .ok_or_else(|| (path.to_string(), "this flag has no 'id'".to_string()))?
        .to_string();
    for (k, _) in m {
        let k = k.as_str().unwrap_or("");
        if !["id", "when", "reference"].contains(&k) {
            return Err((
                format!("{path}.{k}"),
                format!("flag '{id}' has an unknown key '{k}'"),
            ));
        }
    }
    let mut when = parse_node(
        m.get("when")
            .ok_or_else(|| (path.to_string(), format!("flag '{id}' has no 'when'")))?,
        &format!("{path}.when"),
    )?;
    let reference = serde_yaml::from_value::<Reference>(
        m.get("reference")
            .cloned()
            .ok_or_else(|| (path.to_string(), format!("flag '{id}' has no reference")))?,
    )
    .map_err(|e| {
        (
            format!("{path}.reference"),
            format!("flag '{id}': reference: {e}"),
        )
    })?;
    let leaf_count = criteria::number(&mut when);
    Ok(Flag {
        id,
        when,
        leaf_count,
        reference,
        path: path.to_string(),
    })
}
