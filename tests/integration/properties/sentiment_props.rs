//! Invariants of sentiment scoring and tokenizing, for arbitrary text.

use crate::common::strategies::{any_text, vocabulary_text};
use proptest::prelude::*;
use realboss::signals::{Analyzer, AnalyzerConfig};
use realboss::text::tokens;

/// Words and marks the rules react to, so generated text exercises them and not only unknown
/// words.
const VOCABULARY: &[&str] = &[
    "good",
    "GOOD",
    "bad",
    "not",
    "never",
    "no",
    "very",
    "kind",
    "of",
    "but",
    "however",
    "although",
    "least",
    "at",
    "so",
    "this",
    "without",
    "doubt",
    "too",
    "small",
    "charged",
    "twice",
    "still",
    "waiting",
    "problem",
    "highly",
    "recommend",
    "don't",
    "can’t",
    "!",
    "?",
    ".",
    ",",
    ":)",
    "<3",
    "😀",
    "😢",
    "👍🏽",
    "❤️",
    "é",
    "\u{301}",
    "café",
    "\0",
    "-",
    "'",
    "@united",
    "@",
    "#NeverAgain",
    "#worst_service",
    "#",
    "_",
    "https://x.co/a.",
    "www.x.com)",
    "a.b@c.com",
    "&gt;",
    "&#39;",
    "&nbsp;",
    "&",
    "&#33;",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn scores_are_finite_in_range_and_deterministic(text in any_text(VOCABULARY)) {
        let a = Analyzer::new(AnalyzerConfig::default()).expect("valid");
        let s = a.sentiment(&text);
        prop_assert!(s.compound.is_finite() && (-1.0..=1.0).contains(&s.compound));
        for v in [s.positive, s.neutral, s.negative] {
            prop_assert!(v.is_finite() && (0.0..=1.0).contains(&v));
        }
        prop_assert!((s.positive + s.neutral + s.negative - 1.0).abs() < 1e-9);
        prop_assert!(s.coverage.known <= s.coverage.words);
        let again = a.sentiment(&text);
        prop_assert_eq!(s.compound.to_bits(), again.compound.to_bits());
        prop_assert_eq!(s, again);
    }

    #[test]
    fn explain_equals_sentiment_bit_for_bit(text in any_text(VOCABULARY)) {
        let a = Analyzer::new(AnalyzerConfig::default()).expect("valid");
        let s = a.sentiment(&text);
        let e = a.explain(&text);
        prop_assert_eq!(e.sentiment.compound.to_bits(), s.compound.to_bits());
        prop_assert_eq!(e.sentiment.positive.to_bits(), s.positive.to_bits());
        prop_assert_eq!(e.sentiment.neutral.to_bits(), s.neutral.to_bits());
        prop_assert_eq!(e.sentiment.negative.to_bits(), s.negative.to_bits());
        prop_assert_eq!(e.sentiment, s);
        for c in &e.contributions {
            prop_assert!(c.range.start < c.range.end && c.range.end <= text.len());
            prop_assert!(c.valence.is_finite() && c.base.is_finite());
        }
    }

    #[test]
    fn tokens_are_ordered_disjoint_slices_of_the_input(text in any_text(VOCABULARY)) {
        let mut last_end = 0;
        for t in tokens(&text) {
            prop_assert!(t.start() >= last_end);
            prop_assert!(t.end() > t.start());
            prop_assert_eq!(&text[t.range()], t.as_str());
            prop_assert!(!t.as_str().starts_with(char::is_whitespace));
            last_end = t.end();
        }
    }

    #[test]
    fn the_byte_scanner_matches_the_grapheme_path_on_any_text(text in any_text(VOCABULARY)) {
        let fast: Vec<_> = tokens(&text).collect();
        let slow: Vec<_> = tokens(&text).with_graphemes_only().collect();
        prop_assert_eq!(fast, slow);
    }

    #[test]
    fn the_ascii_fast_path_matches_the_grapheme_path(
        text in prop_oneof!["[ -~\t\n]{0,120}", "([a-zA-Z_@#&;.:/ ]|&[a-z]{2,4};|&#[0-9]{1,3};|https?://|www\\.){0,40}", vocabulary_text(VOCABULARY).prop_filter("ascii", |t| t.is_ascii())]
    ) {
        let fast: Vec<_> = tokens(&text).collect();
        let slow: Vec<_> = tokens(&text).with_graphemes_only().collect();
        prop_assert_eq!(fast, slow);
        // In text that is not all ASCII, ASCII chunks take the chunk scanner.
        let mixed = format!("é {text}");
        let fast: Vec<_> = tokens(&mixed).collect();
        let slow: Vec<_> = tokens(&mixed).with_graphemes_only().collect();
        prop_assert_eq!(fast, slow);
    }
}
