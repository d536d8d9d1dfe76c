//! `cargo bench`: the engine on a one-person and a four-person household,
//! loading and validating the rule pack and content, rendering the form
//! after a keystroke, and rescreening generated records.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use intake::content::Content;
use intake::dates::Date;
use intake::engine::{Detail, assess, assess_with};
use intake::model::Intake;
use intake::rules::Pack;
use std::hint::black_box;

fn as_of() -> Date {
    Date::from_ymd_opt(2016, 6, 1).unwrap()
}

/// A generated household with exactly `n` people (seed scanned until found).
fn household(pack: &Pack, n: usize) -> Intake {
    (0..10_000)
        .map(|i| intake::synth::record(pack, as_of(), 42, i))
        .find(|r| r.people.len() == n)
        .expect("a household of that size")
}

fn engine(c: &mut Criterion) {
    let pack = Pack::open("ma").unwrap();
    let one = household(&pack, 1);
    let four = household(&pack, 4);
    let mut g = c.benchmark_group("engine");
    g.bench_function("assess one person", |b| {
        b.iter(|| assess(&pack, black_box(&one), as_of()).unwrap())
    });
    g.bench_function("assess four people", |b| {
        b.iter(|| assess(&pack, black_box(&four), as_of()).unwrap())
    });
    g.bench_function("statuses only, one person", |b| {
        b.iter(|| assess_with(&pack, black_box(&one), as_of(), Detail::Statuses).unwrap())
    });
    g.finish();
}

fn loading(c: &mut Criterion) {
    let mut g = c.benchmark_group("load");
    g.bench_function("rule pack (parse and check)", |b| {
        b.iter(|| Pack::open(black_box("ma")).unwrap())
    });
    g.bench_function("content", |b| {
        b.iter(|| Content::open(black_box("en")).unwrap())
    });
    g.finish();
}

fn rescreen(c: &mut Criterion) {
    let pack = Pack::open("ma").unwrap();
    let items: Vec<intake::rescreen::Item> = (0..2_000)
        .map(|i| intake::rescreen::Item {
            label: i.to_string(),
            record: intake::synth::record(&pack, as_of(), 7, i),
            as_of: as_of(),
        })
        .collect();
    // Rescreening after a rule change assesses each record twice (old
    // rules, new rules) and compares; with the same rules, once.
    let changed = intake::rescreen::Plan {
        baseline: &pack,
        new: &pack,
        as_of: None,
        same_date: true,
        same_rules: false,
        strict: false,
    };
    let same = intake::rescreen::Plan {
        same_rules: true,
        ..changed
    };
    let mut g = c.benchmark_group("rescreen");
    g.throughput(Throughput::Elements(items.len() as u64));
    g.sample_size(10);
    g.bench_function("2000 records, rules changed, one thread", |b| {
        b.iter(|| intake::rescreen::run(&changed, &items, 1, &mut |_| {}))
    });
    g.bench_function("2000 records, rules changed, two threads", |b| {
        b.iter(|| intake::rescreen::run(&changed, &items, 2, &mut |_| {}))
    });
    g.bench_function("2000 records, same rules, one thread", |b| {
        b.iter(|| intake::rescreen::run(&same, &items, 1, &mut |_| {}))
    });
    g.finish();
}

criterion_group!(benches, engine, loading, rescreen);
criterion_main!(benches);
