//! Scoring time against text length, 1 KB to 10 MB: throughput (MB/s) should stay flat, which
//! is what linear time looks like. Three kinds of text: customer-like messages joined into one
//! long text, one single token (no white space at all), and a long negation chain.
//!
//! `cargo bench -p realboss-benches --bench scale`. Single-threaded. The analyzer's
//! `max_text_bytes` is raised to 16 MiB so that 10 MB is scored whole (the default, 1 MiB,
//! would cut it). Before criterion runs, `main` prints MB/s per size (each size scoring about
//! 20 MB in all, best of three rounds) and the ratio of the fastest to the slowest, as a quick
//! linearity check.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group};
use realboss::signals::{Analyzer, AnalyzerConfig};
use realboss_benches::corpus;

const SIZES: [(usize, &str); 5] = [
    (1_000, "1KB"),
    (10_000, "10KB"),
    (100_000, "100KB"),
    (1_000_000, "1MB"),
    (10_000_000, "10MB"),
];

/// The largest size plus room: every text is scored whole.
const MAX_TEXT_BYTES: usize = 16 << 20;

fn analyzer() -> Analyzer {
    let mut config = AnalyzerConfig::default();
    config.max_text_bytes = MAX_TEXT_BYTES;
    Analyzer::new(config).expect("a positive maximum is valid")
}

/// The first `len` bytes (at a character boundary) of `unit` repeated.
fn text_of(unit: &str, len: usize) -> String {
    let mut text = unit.repeat(len / unit.len() + 1);
    let mut end = len;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text
}

/// The three kinds of long text, by name.
fn kinds() -> Vec<(&'static str, String)> {
    vec![
        ("messages", corpus(7, 2_000).join(" ")),
        ("single_token", "x".to_owned()),
        ("negation_chain", "not very never no ".to_owned()),
    ]
}

fn scale(c: &mut Criterion) {
    let analyzer = analyzer();
    for (kind, unit) in kinds() {
        let mut group = c.benchmark_group(format!("scale/{kind}"));
        group.sample_size(10);
        group.warm_up_time(Duration::from_millis(500));
        group.measurement_time(Duration::from_secs(3));
        for (len, name) in SIZES {
            let text = text_of(&unit, len);
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(BenchmarkId::new("signals", name), &text, |b, text| {
                b.iter(|| black_box(analyzer.signals(black_box(text))))
            });
        }
        group.finish();
    }
}

criterion_group!(benches, scale);

/// Seconds per byte of `signals` on `text`: the best of three rounds, each scoring the text
/// often enough to cover about 20 MB, so every size does the same amount of work and gets the
/// same number of chances at a quiet moment on a shared machine.
fn seconds_per_byte(analyzer: &Analyzer, text: &str) -> f64 {
    let calls = (20_000_000 / text.len()).max(2);
    (0..3)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..calls {
                let s = analyzer.signals(black_box(text));
                assert_eq!(s.sentiment.coverage.truncated_at, None, "scored whole");
            }
            start.elapsed().as_secs_f64() / (calls * text.len()) as f64
        })
        .fold(f64::MAX, f64::min)
}

fn main() {
    let quick = std::env::args().any(|a| a == "--test");
    if !quick {
        let analyzer = analyzer();
        for (kind, unit) in kinds() {
            let mut rates = Vec::new();
            for (len, name) in SIZES {
                let text = text_of(&unit, len);
                let per_byte = seconds_per_byte(&analyzer, &text);
                let rate = 1e-6 / per_byte;
                let call = Duration::from_secs_f64(per_byte * text.len() as f64);
                println!("{kind:>15} {name:>6}: {rate:8.1} MB/s ({call:?} per call)");
                rates.push(rate);
            }
            let (lo, hi) = rates
                .iter()
                .fold((f64::MAX, 0.0f64), |(lo, hi), &r| (lo.min(r), hi.max(r)));
            println!("{kind:>15} fastest/slowest: {:.2}", hi / lo);
        }
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
