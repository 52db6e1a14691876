//! The batch entry points allocate nothing per row: once the caller's buffer has room for the
//! column, scoring a whole column of texts (with missing ones among them) allocates nothing. A
//! counting global allocator watches this thread; its own test binary, so nothing else counts.

use realboss::signals::{Analyzer, AnalyzerConfig};

#[path = "common/counting_alloc.rs"]
mod counting_alloc;
use counting_alloc::allocations;

#[test]
fn a_column_is_scored_without_allocating_once_the_buffer_has_room() {
    let owned: Vec<Option<String>> = vec![
        Some("Hi, my order #48213 never arrived and I was charged twice. Still waiting!!!".into()),
        None,
        Some("The agent went above and beyond, sorted it out in 5 minutes :) thanks".into()),
        Some("NOT happy. The app crashes, doesn't load and support is too slow??".into()),
        Some(String::new()),
        None,
        Some("Très déçu… the café’s Wi-Fi isn’t working; спасибо anyway 👍🏽 ❤️".into()),
        Some(format!("{} good", "not ".repeat(500))),
        Some("I need help with a refund please, urgent".repeat(50)),
        Some("No rush, whenever you get a chance. Still not working; never arrived.".into()),
        // The reading's word marks (complaint runs the whole reading): thanks, tone, apostrophes.
        Some("That’s perfect, thank you so much, donʼt worry 🙏".into()),
        Some("Dear Sir or Madam, kindly advise. Kind regards, M. Holloway".into()),
    ];
    // A column of 1,000 rows, as an engine would hand over: borrowed texts, some missing.
    let column: Vec<Option<&str>> = owned
        .iter()
        .cycle()
        .take(1_000)
        .map(Option::as_deref)
        .collect();
    let analyzer = Analyzer::new(AnalyzerConfig::default()).expect("default config is valid");
    // First use builds the shared lexicon and cue indexes once per process; that is construction.
    let _ = analyzer.signals("warm up");
    let mut scores = Vec::with_capacity(column.len());
    let mut labels = Vec::with_capacity(column.len());

    let before = allocations();
    for _ in 0..2 {
        analyzer.sentiment_batch(column.iter().copied(), &mut scores);
        analyzer.urgency_batch(column.iter().copied(), &mut scores);
        analyzer.complaint_batch(column.iter().copied(), &mut scores);
        analyzer.label_batch(column.iter().copied(), &mut labels);
    }
    let during = allocations() - before;
    std::hint::black_box((&scores, &labels));
    assert_eq!(during, 0, "scoring 8,000 rows allocated {during} times");
    assert_eq!(scores.len(), column.len());
    assert_eq!(labels.len(), column.len());

    // The counter does count: a buffer without room grows.
    let mut empty = Vec::new();
    let before = allocations();
    analyzer.sentiment_batch(column.iter().copied(), &mut empty);
    assert!(allocations() > before);
}
