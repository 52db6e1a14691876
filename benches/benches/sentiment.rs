//! Throughput of sentiment scoring, of the one-pass signals (sentiment, urgency, complaint),
//! explanation and analyzer construction.
//!
//! `cargo bench -p realboss-benches --bench sentiment`. Single-threaded. The machine may be
//! shared, so treat figures as noisy and compare runs made together.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group};
use realboss::signals::{Analyzer, AnalyzerConfig, Label};
use realboss_benches::corpus;

const MESSAGES: usize = 10_000;

fn sentiment(c: &mut Criterion) {
    let messages = corpus(42, MESSAGES);
    let bytes: usize = messages.iter().map(String::len).sum();
    let analyzer = Analyzer::new(AnalyzerConfig::default()).expect("default config is valid");

    let mut group = c.benchmark_group("sentiment");
    group.throughput(Throughput::Elements(MESSAGES as u64));
    group.bench_function("compound_and_label/messages", |b| {
        b.iter(|| {
            let mut positive = 0usize;
            for m in &messages {
                let s = analyzer.sentiment(black_box(m));
                positive += usize::from(s.label == Label::Positive);
                black_box(s.compound);
            }
            positive
        })
    });
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("compound_and_label/bytes", |b| {
        b.iter(|| {
            for m in &messages {
                black_box(analyzer.sentiment(black_box(m)));
            }
        })
    });
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("tokenize_only/bytes", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for m in &messages {
                n += realboss::text::tokens(black_box(m)).count();
            }
            n
        })
    });
    // The naive tokenizer: Unicode word boundaries over the whole text (what one would write
    // without an ASCII fast path).
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("naive_word_bounds/bytes", |b| {
        use unicode_segmentation::UnicodeSegmentation;
        b.iter(|| {
            let mut n = 0usize;
            for m in &messages {
                n += black_box(m)
                    .split_word_bounds()
                    .filter(|w| !w.trim().is_empty())
                    .count();
            }
            n
        })
    });
    group.throughput(Throughput::Elements(MESSAGES as u64));
    group.bench_function("explain/messages", |b| {
        b.iter(|| {
            for m in &messages {
                black_box(analyzer.explain(black_box(m)));
            }
        })
    });
    group.finish();

    // Sentiment, urgency and complaint from one tokenization pass; and the cue pass alone.
    let mut group = c.benchmark_group("signals");
    group.throughput(Throughput::Elements(MESSAGES as u64));
    group.bench_function("signals/messages", |b| {
        b.iter(|| {
            let mut urgent = 0usize;
            for m in &messages {
                let s = analyzer.signals(black_box(m));
                urgent += usize::from(s.urgency.score >= 0.5);
                black_box((s.sentiment.compound, s.complaint.score));
            }
            urgent
        })
    });
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("signals/bytes", |b| {
        b.iter(|| {
            for m in &messages {
                black_box(analyzer.signals(black_box(m)));
            }
        })
    });
    group.throughput(Throughput::Elements(MESSAGES as u64));
    group.bench_function("urgency_only/messages", |b| {
        b.iter(|| {
            for m in &messages {
                black_box(analyzer.urgency(black_box(m)));
            }
        })
    });
    group.throughput(Throughput::Elements(MESSAGES as u64));
    group.bench_function("explain_signals/messages", |b| {
        b.iter(|| {
            for m in &messages {
                black_box(analyzer.explain_signals(black_box(m)));
            }
        })
    });
    group.finish();

    c.bench_function("analyzer_new", |b| {
        b.iter(|| Analyzer::new(black_box(AnalyzerConfig::default())))
    });
}

criterion_group!(benches, sentiment);

fn main() {
    // The first analyzer of a process builds the shared lexicon index; later ones reuse it, so
    // criterion's `analyzer_new` measures only the cheap part. Time the cold build once here.
    let start = std::time::Instant::now();
    let analyzer = Analyzer::new(AnalyzerConfig::default());
    let cold = start.elapsed();
    assert!(analyzer.is_ok());
    println!("first Analyzer::new in this process (builds the lexicon index): {cold:?}");
    benches();
    Criterion::default().configure_from_args().final_summary();
}
