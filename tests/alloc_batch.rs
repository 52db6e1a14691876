//! The batch entry points allocate nothing per row: once the caller's buffer has room for the
//! column, scoring a whole column of texts (with missing ones among them) allocates nothing. A
//! counting global allocator watches this thread; its own test binary, so nothing else counts.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use realboss::signals::{Analyzer, AnalyzerConfig};

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: every call is forwarded unchanged to the system allocator; the counter is a
// thread-local `Cell` with a const initializer and no destructor, so touching it never allocates
// or re-enters the allocator.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        // SAFETY: same contract as ours.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as ours.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        // SAFETY: same contract as ours.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations() -> usize {
    ALLOCATIONS.with(Cell::get)
}

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
