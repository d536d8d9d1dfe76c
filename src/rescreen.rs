//! `intake rescreen`: re-run every stored case (or a JSON Lines file of
//! records) and report the ones whose program statuses, missing proofs or
//! deadlines change. With `--pack DIR` both runs use the same as-of date, so
//! only the rule change shows; without it, the change in date shows.

use crate::dates::Date;
use crate::engine::diff::{Change, diff};
use crate::engine::{Assessment, Detail, assess_with};
use crate::error::Problem;
use crate::model::Intake;
use crate::rules::Pack;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::sync::Arc;
use std::time::Instant;

/// One record to rescreen: its label (case id or line number), the record,
/// and the date it was last assessed on.
pub struct Item {
    pub label: String,
    pub record: Intake,
    pub as_of: Date,
}

#[derive(Debug, Serialize)]
pub struct Outcome {
    pub label: String,
    pub changes: Vec<Change>,
    /// Compact result under the new rules: person -> program -> status
    /// (the ids shared with the assessment, not copied).
    pub programs: BTreeMap<Arc<str>, BTreeMap<Arc<str>, &'static str>>,
    pub proofs_missing: usize,
    pub deadlines: Vec<(String, Option<Date>)>,
    /// Figures past their review date the new results rest on.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stale: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

#[derive(Clone, Copy)]
pub struct Plan<'a> {
    pub baseline: &'a Pack,
    pub new: &'a Pack,
    /// When set, both runs use this date; else baseline uses the item's date.
    pub as_of: Option<Date>,
    pub same_date: bool,
    /// `baseline` and `new` were loaded from the same files.
    pub same_rules: bool,
    /// A record whose new results rest on figures past their date is an
    /// error, not a result (--strict, or the pack's stale_figures: refuse).
    pub strict: bool,
}

fn compact(label: String, changes: Vec<Change>, a: &Assessment) -> Outcome {
    let mut programs: BTreeMap<Arc<str>, BTreeMap<Arc<str>, &'static str>> = BTreeMap::new();
    for p in &a.programs {
        programs
            .entry(p.person.clone())
            .or_default()
            .insert(p.program.clone(), p.status.id());
    }
    Outcome {
        label,
        changes,
        programs,
        proofs_missing: a
            .proofs
            .iter()
            .filter(|p| {
                matches!(
                    p.status,
                    crate::engine::ProofStatus::Missing | crate::engine::ProofStatus::Insufficient
                )
            })
            .count(),
        deadlines: a.deadlines.iter().map(|d| (d.id.clone(), d.date)).collect(),
        stale: a.stale.iter().map(|s| s.parameter.clone()).collect(),
        error: None,
    }
}

pub fn one(plan: &Plan, item: &Item) -> Outcome {
    let new_date = plan.as_of.unwrap_or(item.as_of);
    let base_date = if plan.same_date { new_date } else { item.as_of };
    let run = || -> Result<Outcome, Problem> {
        let after = assess_with(plan.new, &item.record, new_date, Detail::Statuses)?;
        if plan.strict && !after.stale.is_empty() {
            let names: Vec<&str> = after.stale.iter().map(|s| s.parameter.as_str()).collect();
            return Err(Problem::new(format!(
                "refused under --strict: the results rest on figures past their date ({})",
                names.join(", ")
            )));
        }
        // The engine is pure: the same rules on the same date give the
        // same assessment, so there is nothing to compare.
        if plan.same_rules && base_date == new_date {
            return Ok(compact(item.label.clone(), Vec::new(), &after));
        }
        let before = assess_with(plan.baseline, &item.record, base_date, Detail::Statuses)?;
        Ok(compact(item.label.clone(), diff(&before, &after), &after))
    };
    run().unwrap_or_else(|e| Outcome {
        label: item.label.clone(),
        changes: Vec::new(),
        programs: Default::default(),
        proofs_missing: 0,
        deadlines: Vec::new(),
        stale: Vec::new(),
        error: Some(e.to_string()),
    })
}

/// Progress on standard error when it is a terminal; silent otherwise.
pub struct Progress {
    total: usize,
    start: Instant,
    last: Instant,
    on: bool,
}

impl Progress {
    pub fn new(total: usize) -> Progress {
        let now = Instant::now();
        Progress {
            total,
            start: now,
            last: now,
            on: std::io::stderr().is_terminal(),
        }
    }
    pub fn tick(&mut self, done: usize, text: &dyn Fn(usize, usize, f64, f64) -> String) {
        if !self.on || (self.last.elapsed().as_millis() < 200 && done < self.total) {
            return;
        }
        self.last = Instant::now();
        let secs = self.start.elapsed().as_secs_f64().max(1e-9);
        let rate = done as f64 / secs;
        let left = if rate > 0.0 {
            (self.total - done) as f64 / rate
        } else {
            0.0
        };
        let mut e = std::io::stderr();
        let _ = write!(e, "\r{}\x1b[K", text(done, self.total, rate, left));
        let _ = e.flush();
    }
    pub fn finish(&self) {
        if self.on {
            let _ = writeln!(std::io::stderr());
        }
    }
}

/// Rescreen items on `jobs` threads, keeping their order.
pub fn run(
    plan: &Plan,
    items: &[Item],
    jobs: usize,
    progress: &mut dyn FnMut(usize),
) -> Vec<Outcome> {
    let jobs = jobs.max(1).min(items.len().max(1));
    if jobs == 1 {
        let mut out = Vec::with_capacity(items.len());
        for (i, it) in items.iter().enumerate() {
            out.push(one(plan, it));
            if i % 256 == 0 {
                progress(i);
            }
        }
        progress(items.len());
        return out;
    }
    let done = std::sync::atomic::AtomicUsize::new(0);
    let chunk = items.len().div_ceil(jobs);
    let mut results: Vec<Vec<Outcome>> = Vec::new();
    std::thread::scope(|s| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| {
                let done = &done;
                s.spawn(move || {
                    let mut out = Vec::with_capacity(part.len());
                    for it in part {
                        out.push(one(plan, it));
                        done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    }
                    out
                })
            })
            .collect();
        while handles.iter().any(|h| !h.is_finished()) {
            progress(done.load(std::sync::atomic::Ordering::Relaxed));
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        for h in handles {
            results.push(h.join().unwrap_or_default());
        }
    });
    progress(items.len());
    results.into_iter().flatten().collect()
}

/// One record's line of results, and whether it changed, failed, or rests
/// on figures past their date (which).
type Done = (String, bool, bool, Vec<String>);

/// What a streamed rescreen did.
#[derive(Debug, Default, PartialEq)]
pub struct Tally {
    pub records: usize,
    pub changed: usize,
    pub errors: usize,
    /// Records whose results rest on figures past their date, and which.
    pub stale: usize,
    pub stale_figures: std::collections::BTreeSet<String>,
}

/// Lines read and worked through at a time: memory stays at one chunk.
const CHUNK: usize = 8192;

/// Rescreen a JSON Lines file of intake records, writing one JSON line of
/// results per record, in input order, to `out`. Read in chunks; each of
/// `jobs` threads parses, assesses and writes out its share of a chunk, so
/// every part of the work runs on every core. A record with no as_of takes
/// `as_of`. A line that is not an intake record stops the run with its
/// file:line; what was written before it stays written.
pub fn stream(
    plan: &Plan,
    input: &mut dyn std::io::BufRead,
    file: &str,
    as_of: Option<Date>,
    jobs: usize,
    out: &mut dyn Write,
    progress: &mut dyn FnMut(usize),
) -> Result<Tally, Problem> {
    let jobs = jobs.max(1);
    let mut tally = Tally::default();
    let mut line_no = 0usize;
    let mut eof = false;
    while !eof {
        // (line number, text) of the next non-empty lines.
        let mut chunk: Vec<(usize, String)> = Vec::with_capacity(CHUNK);
        while chunk.len() < CHUNK {
            let mut line = String::new();
            // One record per line, each as bounded as a record file: a
            // file without line ends (or /dev/zero) stops at the limit.
            let limit = crate::model::bounds::DEFAULT_MAX_RECORD_BYTES;
            let n = std::io::BufRead::read_line(
                &mut std::io::Read::take(&mut *input, limit + 1),
                &mut line,
            )
            .map_err(|e| Problem::new(format!("cannot read {file}: {e}")))?;
            if n == 0 {
                eof = true;
                break;
            }
            line_no += 1;
            if n as u64 > limit {
                return Err(Problem::at(
                    file,
                    Some(line_no),
                    format!("the line is longer than {limit} bytes, the most one record may be"),
                ));
            }
            if !line.trim().is_empty() {
                chunk.push((line_no, line));
            }
        }
        let work = |part: &[(usize, String)]| -> Vec<Result<Done, Problem>> {
            part.iter()
                .map(|(n, line)| {
                    let at = |msg: String| Problem::at(file, Some(*n), msg);
                    let record: Intake =
                        serde_json::from_str(line).map_err(|e| at(e.to_string()))?;
                    let date = record.as_of.or(as_of).ok_or_else(|| {
                        at("the record has no as_of date; give --as-of".to_string())
                    })?;
                    let item = Item {
                        label: n.to_string(),
                        record,
                        as_of: date,
                    };
                    let o = one(plan, &item);
                    let json = serde_json::to_string(&o).map_err(|e| at(e.to_string()))?;
                    Ok((json, !o.changes.is_empty(), o.error.is_some(), o.stale))
                })
                .collect()
        };
        let results: Vec<_> = if jobs == 1 || chunk.len() < 2 * jobs {
            work(&chunk)
        } else {
            let size = chunk.len().div_ceil(jobs);
            std::thread::scope(|s| {
                let handles: Vec<_> = chunk
                    .chunks(size)
                    .map(|p| s.spawn(move || work(p)))
                    .collect();
                handles
                    .into_iter()
                    .flat_map(|h| {
                        h.join().unwrap_or_else(|_| {
                            vec![Err(Problem::new("a rescreen worker thread failed"))]
                        })
                    })
                    .collect()
            })
        };
        for r in results {
            let (json, changed, error, stale) = r?;
            if writeln!(out, "{json}").is_err() {
                // The reader went away (`| head`): stop quietly.
                return Ok(tally);
            }
            tally.records += 1;
            tally.changed += usize::from(changed);
            tally.errors += usize::from(error);
            tally.stale += usize::from(!stale.is_empty());
            tally.stale_figures.extend(stale);
        }
        progress(tally.records);
    }
    Ok(tally)
}
