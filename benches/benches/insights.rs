//! Insights throughput: a million pre-scored feedback records into `Insights`, and the
//! end-to-end figure including scoring each text with `Analyzer::sentiment`.
//!
//! `cargo bench -p realboss-benches --bench insights`. Single-threaded. In criterion's test
//! mode (`-- --test`) the stream is cut to 10 000 records so the smoke run stays quick; set
//! `REALBOSS_BENCH_FEEDBACK` to choose the size yourself. The machine may be shared, so treat
//! figures as noisy and compare runs made together.

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, Throughput, criterion_group};
use realboss::insights::{Insights, InsightsConfig};
use realboss::{Analyzer, AnalyzerConfig, Feedback};
use realboss_benches::feedback_stream;
use time::macros::datetime;

/// Whether criterion runs in test mode (each benchmark once, as a smoke test).
fn test_mode() -> bool {
    std::env::args().any(|a| a == "--test")
}

/// The stream's size: `full`, or 10 000 in test mode, or the environment's override.
fn size(full: usize) -> usize {
    if let Some(n) = std::env::var("REALBOSS_BENCH_FEEDBACK")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        return n;
    }
    if test_mode() { full.min(10_000) } else { full }
}

/// Feeds every record with its score; returns a figure of the report so nothing is elided.
fn learn(stream: &[Feedback], compounds: &[Option<f64>]) -> u64 {
    let mut insights = Insights::new(InsightsConfig::default()).expect("default config is valid");
    for (f, c) in stream.iter().zip(compounds) {
        insights.observe_feedback(f, *c);
    }
    insights.report().csat.count
}

fn learn_scoring(analyzer: &Analyzer, stream: &[Feedback]) -> u64 {
    let mut insights = Insights::new(InsightsConfig::default()).expect("default config is valid");
    for f in stream {
        let compound = analyzer.sentiment(f.text()).compound;
        insights.observe_feedback(f, Some(compound));
    }
    insights.report().csat.count
}

fn insights(c: &mut Criterion) {
    let n = size(1_000_000);
    let analyzer = Analyzer::new(AnalyzerConfig::default()).expect("default config is valid");
    let started = Instant::now();
    let stream = feedback_stream(5, n, datetime!(2026-10-01 0:00 UTC));
    let generated = started.elapsed();
    let started = Instant::now();
    let compounds: Vec<Option<f64>> = stream
        .iter()
        .map(|f| Some(analyzer.sentiment(f.text()).compound))
        .collect();
    let scored = started.elapsed();
    let started = Instant::now();
    black_box(learn(&stream, &compounds));
    let learned = started.elapsed();
    let bytes: usize = stream.iter().map(|f| f.text().len()).sum();
    eprintln!(
        "one-off, {n} feedback records ({:.1} MiB of text): generated in {generated:.2?}, \
         scored in {scored:.2?}, insights (pre-scored) in {learned:.2?}; end to end \
         (scoring + insights) {:.2?}",
        bytes as f64 / (1024.0 * 1024.0),
        scored + learned
    );

    let mut group = c.benchmark_group("insights");
    group.sample_size(10);
    group.throughput(Throughput::Elements(n as u64));
    group.bench_function(format!("pre_scored_feedback/{n}"), |b| {
        b.iter(|| black_box(learn(black_box(&stream), &compounds)))
    });
    // End to end on a tenth of the stream: every text scored, then fed.
    let tenth = &stream[..n / 10];
    group.throughput(Throughput::Elements(tenth.len() as u64));
    group.bench_function(format!("score_and_learn/{}", tenth.len()), |b| {
        b.iter(|| black_box(learn_scoring(&analyzer, black_box(tenth))))
    });
    group.finish();
}

criterion_group!(benches, insights);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
