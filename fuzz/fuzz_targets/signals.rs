//! Sentiment, urgency and complaint on arbitrary bytes (read lossily and, when valid, as is):
//! never a panic; scores finite and in range; the one-pass signals, the explanations and the
//! separate calls agree bit for bit.
#![no_main]

use libfuzzer_sys::fuzz_target;
use realboss::{Analyzer, AnalyzerConfig, Language};
use std::sync::LazyLock;

static ANALYZER: LazyLock<Analyzer> =
    LazyLock::new(|| Analyzer::new(AnalyzerConfig::default()).expect("the default is valid"));
static GERMAN: LazyLock<Language> =
    LazyLock::new(|| Language::from_bcp47("de").expect("a valid subtag"));

fn check(analyzer: &Analyzer, text: &str) {
    let s = analyzer.sentiment(text);
    for v in [s.compound, s.positive, s.neutral, s.negative] {
        assert!(v.is_finite(), "{s:?}");
    }
    assert!((-1.0..=1.0).contains(&s.compound), "{s:?}");
    for v in [s.positive, s.neutral, s.negative] {
        assert!((0.0..=1.0).contains(&v), "{s:?}");
    }
    assert!(
        (s.positive + s.neutral + s.negative - 1.0).abs() < 1e-6,
        "{s:?}"
    );
    assert!(s.coverage.known <= s.coverage.words);

    let u = analyzer.urgency(text);
    assert!(
        (0.0..=1.0).contains(&u.score) && (0.0..=1.0).contains(&u.unmarked_score),
        "{u:?}"
    );
    let all = analyzer.signals(text);
    assert_eq!(all.sentiment, s);
    assert_eq!(all.urgency, u);
    assert!(
        (0.0..=1.0).contains(&all.complaint.score),
        "{:?}",
        all.complaint
    );

    let why = analyzer.explain(text);
    assert_eq!(why.sentiment, s);
    for c in &why.contributions {
        assert!(
            text.get(c.range.clone()).is_some(),
            "{:?} is not a slice of the text",
            c.range
        );
    }
    let why = analyzer.explain_signals(text);
    assert_eq!(why.signals, all);

    // Another language: no lexicon, neutral, never a panic.
    let other = analyzer.sentiment_in(text, *GERMAN);
    assert!(other.compound.is_finite());
}

fuzz_target!(|data: &[u8]| {
    let analyzer = &*ANALYZER;
    if let Ok(text) = std::str::from_utf8(data) {
        check(analyzer, text);
    }
    check(analyzer, &String::from_utf8_lossy(data));
});
