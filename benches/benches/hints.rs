//! Hints speed: one customer with 10,000 contact events whose texts were scored on arrival
//! (the target: under 1 ms), and end to end including reading every text.
//!
//! `cargo bench -p realboss-benches --bench hints`. Single-threaded. In criterion's test mode
//! (`-- --test`) each benchmark runs once as a smoke test; set `REALBOSS_BENCH_EVENTS` to
//! choose the history's length. The machine may be shared, so treat figures as noisy.

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, Throughput, criterion_group};
use realboss::hints::{Hinter, HintsConfig, ScoredEvent};
use realboss_benches::{contact_history, hints_profile};
use time::OffsetDateTime;
use time::macros::datetime;

const NOW: OffsetDateTime = datetime!(2026-11-23 21:51 UTC);

fn events() -> usize {
    std::env::var("REALBOSS_BENCH_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}

fn hints(c: &mut Criterion) {
    let n = events();
    let hinter = Hinter::new(HintsConfig::default()).expect("the default configuration is valid");
    let profile = hints_profile();
    let raw = contact_history(n, NOW);
    let started = Instant::now();
    let scored: Vec<ScoredEvent> = raw
        .iter()
        .map(|e| hinter.score(&profile, e.clone()))
        .collect();
    let scoring = started.elapsed();
    let started = Instant::now();
    let result = hinter.hints(&profile, &scored, NOW);
    let hinting = started.elapsed();
    let messages = scored.iter().filter(|s| s.notes.is_some()).count();
    eprintln!(
        "one-off, {n} events ({messages} customer messages): scored on arrival in {scoring:.2?} \
         ({:.2?} per event), hints in {hinting:.2?}; {} hints",
        scoring / n.max(1) as u32,
        result.hints.len()
    );
    for hint in &result.hints {
        eprintln!(
            "  {:?}: {} (confidence {:.2})",
            hint.kind, hint.value, hint.confidence
        );
    }

    let mut group = c.benchmark_group("hints");
    group.throughput(Throughput::Elements(n as u64));
    group.bench_function(format!("pre_scored/{n}"), |b| {
        b.iter(|| black_box(hinter.hints(black_box(&profile), black_box(&scored), NOW)))
    });
    group.sample_size(10);
    group.bench_function(format!("score_and_hint/{n}"), |b| {
        b.iter(|| black_box(hinter.hints_from_events(black_box(&profile), black_box(&raw), NOW)))
    });
    group.finish();
}

criterion_group!(benches, hints);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
