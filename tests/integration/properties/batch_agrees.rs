//! A column scored by the batch entry points equals the same texts scored one at a time, bit for
//! bit, with `None` exactly where a text is missing, and the caller's buffer is reused (cleared,
//! not appended to).

use crate::common::fixtures::analyzer;
use proptest::prelude::*;
use realboss::signals::{Analyzer, AnalyzerConfig, Label};

fn assert_agrees(analyzer: &Analyzer, column: &[Option<&str>]) {
    let mut scores = vec![Some(99.0); 3]; // stale content a reused buffer might hold
    let mut labels = Vec::new();

    analyzer.sentiment_batch(column.iter().copied(), &mut scores);
    let expected: Vec<_> = column
        .iter()
        .map(|t| t.map(|t| analyzer.sentiment(t).compound))
        .collect();
    assert_eq!(bits(&scores), bits(&expected), "sentiment of {column:?}");

    analyzer.urgency_batch(column.iter().copied(), &mut scores);
    let expected: Vec<_> = column
        .iter()
        .map(|t| t.map(|t| analyzer.urgency(t).score))
        .collect();
    assert_eq!(bits(&scores), bits(&expected), "urgency of {column:?}");

    analyzer.complaint_batch(column.iter().copied(), &mut scores);
    let expected: Vec<_> = column
        .iter()
        .map(|t| t.map(|t| analyzer.signals(t).complaint.score))
        .collect();
    assert_eq!(bits(&scores), bits(&expected), "complaint of {column:?}");

    analyzer.label_batch(column.iter().copied(), &mut labels);
    let expected: Vec<_> = column
        .iter()
        .map(|t| t.map(|t| analyzer.sentiment(t).label))
        .collect();
    assert_eq!(labels, expected, "labels of {column:?}");
}

/// Compares floats by their bits, so that equal means bit-equal.
fn bits(scores: &[Option<f64>]) -> Vec<Option<u64>> {
    scores.iter().map(|s| s.map(f64::to_bits)).collect()
}

#[test]
fn a_feedback_column_with_gaps_scores_as_its_rows_do() {
    let column = [
        Some("My parcel never arrived and I was charged twice!!"),
        None,
        Some("Sorted in five minutes, the agent was brilliant :)"),
        Some(""),
        Some("URGENT: can't log in, please reply today"),
        None,
        Some("Not bad at all, but the app still crashes."),
    ];
    assert_agrees(&analyzer(), &column);
}

#[test]
fn an_empty_column_clears_the_buffer() {
    let analyzer = analyzer();
    let mut scores = vec![Some(1.0), None];
    analyzer.sentiment_batch(std::iter::empty(), &mut scores);
    assert!(scores.is_empty());
    let mut labels = vec![None];
    analyzer.label_batch([], &mut labels);
    assert!(labels.is_empty());
}

#[test]
fn thresholds_of_the_analyzer_decide_the_labels() {
    let mut config = AnalyzerConfig::default();
    config.positive_threshold = 0.99;
    let strict = Analyzer::new(config).expect("valid thresholds");
    let text = "Thanks, that was good.";
    let mut labels = Vec::new();
    strict.label_batch([Some(text)], &mut labels);
    assert_eq!(labels, [Some(Label::Neutral)]);
    analyzer().label_batch([Some(text)], &mut labels);
    assert_eq!(labels, [Some(Label::Positive)]);
}

proptest! {
    #[test]
    fn any_column_scores_as_its_rows_do(column in prop::collection::vec(prop::option::of(".{0,80}"), 0..24)) {
        let column: Vec<Option<&str>> = column.iter().map(Option::as_deref).collect();
        assert_agrees(&analyzer(), &column);
    }
}
