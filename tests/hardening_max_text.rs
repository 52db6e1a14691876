//! The maximum text length: a text longer than `AnalyzerConfig::max_text_bytes` is scored up to
//! a cut (white space if there is some near the limit, else a character boundary) and every
//! result says so, the same way; never a silent cut, never an allocation for it.

use realboss::ErrorKind;
use realboss::model::Language;
use realboss::signals::{
    Analyzer, AnalyzerConfig, CUT_SEARCH_BYTES, DEFAULT_MAX_TEXT_BYTES, Sentiment,
};

#[path = "common/counting_alloc.rs"]
mod counting_alloc;
use counting_alloc::allocations;

fn analyzer_with_max(max: usize) -> Analyzer {
    let mut config = AnalyzerConfig::default();
    config.max_text_bytes = max;
    Analyzer::new(config).expect("a positive maximum is valid")
}

/// `s` without its truncation note, to compare with the score of the prefix alone.
fn untruncated(mut s: Sentiment) -> Sentiment {
    s.coverage.truncated_at = None;
    s
}

#[test]
fn the_default_is_one_mebibyte_and_a_text_at_the_limit_is_whole() {
    assert_eq!(DEFAULT_MAX_TEXT_BYTES, 1 << 20);
    assert_eq!(
        AnalyzerConfig::default().max_text_bytes,
        DEFAULT_MAX_TEXT_BYTES
    );
    let a = Analyzer::new(AnalyzerConfig::default()).unwrap();
    let at_limit = "a".repeat(DEFAULT_MAX_TEXT_BYTES);
    assert_eq!(a.sentiment(&at_limit).coverage.truncated_at, None);
    let over = "a".repeat(DEFAULT_MAX_TEXT_BYTES + 1);
    assert_eq!(
        a.sentiment(&over).coverage.truncated_at,
        Some(DEFAULT_MAX_TEXT_BYTES),
        "a single token is cut at the limit itself"
    );
}

#[test]
fn a_long_text_is_cut_at_white_space_and_scores_as_its_first_part() {
    let a = analyzer_with_max(40);
    //          0         1         2         3         4
    //          0123456789012345678901234567890123456789012345
    let text = "The agent was great and sorted it wonderfully, then awful awful awful";
    let s = a.sentiment(text);
    let cut = s.coverage.truncated_at.expect("the text is over the limit");
    assert_eq!(cut, 33, "cut before the word the limit falls in");
    assert_eq!(&text[..cut], "The agent was great and sorted it");
    let whole = analyzer_with_max(1 << 20);
    assert_eq!(untruncated(s), whole.sentiment(&text[..cut]));
    assert!(s.compound > 0.5, "the awful part after the cut is not read");
}

#[test]
fn the_limit_right_before_white_space_keeps_the_last_word() {
    let a = analyzer_with_max(9);
    assert_eq!(
        a.sentiment("very good indeed").coverage.truncated_at,
        Some(9)
    );
}

#[test]
fn a_text_without_white_space_is_cut_at_a_character_boundary() {
    // "é" is two bytes, "😀" four: the limit falls inside characters.
    for (text, max) in [
        ("é".repeat(1000), 101),
        ("😀".repeat(1000), 4001 - 2),
        ("😀".repeat(1000), 3),
    ] {
        let a = analyzer_with_max(max);
        let cut = a.sentiment(&text).coverage.truncated_at.unwrap();
        assert!(cut <= max && text.is_char_boundary(cut), "{cut} of {max}");
        assert!(max - cut < 4, "no more than one character is given up");
    }
    // White space farther back than the search window is not used.
    let text = format!("good {}", "x".repeat(CUT_SEARCH_BYTES + 100));
    let a = analyzer_with_max(CUT_SEARCH_BYTES + 50);
    assert_eq!(
        a.sentiment(&text).coverage.truncated_at,
        Some(CUT_SEARCH_BYTES + 50)
    );
    // Nor white space at the very start, which would leave nothing scored.
    let text = format!(" {}", "x".repeat(100));
    assert_eq!(
        analyzer_with_max(50).sentiment(&text).coverage.truncated_at,
        Some(50)
    );
}

#[test]
fn every_result_agrees_on_the_cut() {
    let a = analyzer_with_max(64);
    let text = "I am locked out of my account and nobody answers. Please help! \
                URGENT refund asap, charged twice, never again";
    let cut = a.sentiment(text).coverage.truncated_at.unwrap();
    assert!(cut <= 64);
    let signals = a.signals(text);
    assert_eq!(signals.sentiment, a.sentiment(text));
    assert_eq!(signals.urgency, a.urgency(text));
    assert_eq!(signals.urgency.truncated_at, Some(cut));
    assert_eq!(signals.complaint, a.complaint(text));
    let why = a.explain(text);
    assert_eq!(why.sentiment, a.sentiment(text));
    assert!(why.contributions.iter().all(|c| c.range.end <= cut));
    let why = a.explain_signals(text);
    assert_eq!(why.signals, signals);
    assert!(why.cues.iter().all(|c| c.range().end <= cut));
    // The cues past the cut ("URGENT", "asap", "charged twice") are not read.
    let whole = analyzer_with_max(1 << 20);
    assert_eq!(
        signals.urgency.score,
        whole.urgency(&text[..cut]).score,
        "the cut text scores as its first part"
    );
    assert!(signals.urgency.score < whole.urgency(text).score);
    // Another language is cut the same way.
    let german = Language::from_bcp47("de").unwrap();
    assert_eq!(
        a.sentiment_in(text, german).coverage.truncated_at,
        Some(cut)
    );
    assert_eq!(a.signals_in(text, german).urgency.truncated_at, Some(cut));
    // A text under the limit says nothing.
    assert_eq!(a.signals("short").urgency.truncated_at, None);
    assert_eq!(a.sentiment("short").coverage.truncated_at, None);
}

#[test]
fn a_zero_maximum_is_a_typed_error_naming_the_field() {
    let mut config = AnalyzerConfig::default();
    config.max_text_bytes = 0;
    let err = Analyzer::new(config).unwrap_err();
    assert!(
        matches!(
            err.kind(),
            ErrorKind::InvalidValue { field, .. } if field == "max_text_bytes"
        ),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("max_text_bytes") && err.to_string().contains("at least 1"),
        "{err}"
    );
    // From JSON: read, then refused when the analyzer is built.
    let config: AnalyzerConfig = serde_json::from_str(r#"{"max_text_bytes": 0}"#).unwrap();
    assert!(Analyzer::new(config).is_err());
    let config: AnalyzerConfig = serde_json::from_str(r#"{"max_text_bytes": 10485760}"#).unwrap();
    assert_eq!(config.max_text_bytes, 10 << 20);
    assert!(serde_json::from_str::<AnalyzerConfig>(r#"{"max_text_bytes": -1}"#).is_err());
}

#[test]
fn a_10_mb_token_is_cut_by_default_and_whole_when_the_limit_is_raised() {
    let text = "a".repeat(10 << 20);
    let a = Analyzer::new(AnalyzerConfig::default()).unwrap();
    let s = a.sentiment(&text);
    assert_eq!(s.coverage.truncated_at, Some(DEFAULT_MAX_TEXT_BYTES));
    assert_eq!(s.coverage.words, 1);
    let raised = analyzer_with_max(16 << 20);
    assert_eq!(raised.sentiment(&text).coverage.truncated_at, None);
}

#[test]
fn cutting_allocates_nothing() {
    let a = analyzer_with_max(100);
    let texts = [
        "The refund was not quick and nobody answers my emails, I am really upset about it all"
            .repeat(10),
        "😀".repeat(500),
        "x".repeat(10_000),
    ];
    // Warm up the lexicon's one-time index outside the count.
    for t in &texts {
        std::hint::black_box(a.signals(t));
    }
    let before = allocations();
    for t in &texts {
        let s = a.signals(std::hint::black_box(t));
        assert!(s.sentiment.coverage.truncated_at.is_some());
        std::hint::black_box(a.sentiment(t));
        std::hint::black_box(a.urgency(t));
    }
    assert_eq!(allocations() - before, 0);
}
