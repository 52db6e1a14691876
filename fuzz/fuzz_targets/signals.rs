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

/// Analyzers with small maximum lengths, so that fuzz-sized inputs are cut.
static SHORT: LazyLock<Vec<Analyzer>> = LazyLock::new(|| {
    [1, 2, 3, 5, 8, 13, 32, 100, 300]
        .into_iter()
        .map(|max| {
            let mut config = AnalyzerConfig::default();
            config.max_text_bytes = max;
            Analyzer::new(config).expect("a positive maximum is valid")
        })
        .collect()
});

/// A text over the limit is scored exactly as its first part, and every result says where.
fn check_cut(short: &Analyzer, text: &str) {
    let s = short.signals(text);
    let max = short.config().max_text_bytes;
    match s.sentiment.coverage.truncated_at {
        None => assert!(text.len() <= max),
        Some(cut) => {
            assert!(
                text.len() > max && cut <= max && text.is_char_boundary(cut),
                "{cut} of {max}"
            );
            let whole = ANALYZER.signals(&text[..cut]);
            assert_eq!(
                whole.sentiment.compound.to_bits(),
                s.sentiment.compound.to_bits()
            );
            assert_eq!(whole.urgency.score.to_bits(), s.urgency.score.to_bits());
            assert_eq!(whole.complaint.score.to_bits(), s.complaint.score.to_bits());
        }
    }
    assert_eq!(s.urgency.truncated_at, s.sentiment.coverage.truncated_at);
    assert_eq!(short.urgency(text), s.urgency);
    assert_eq!(short.explain(text).sentiment, s.sentiment);
    assert_eq!(short.explain_signals(text).signals, s);
}

fuzz_target!(|data: &[u8]| {
    let analyzer = &*ANALYZER;
    if let Some((&pick, rest)) = data.split_first() {
        let short = &SHORT[usize::from(pick) % SHORT.len()];
        check_cut(short, &String::from_utf8_lossy(rest));
    }
    if let Ok(text) = std::str::from_utf8(data) {
        check(analyzer, text);
    }
    check(analyzer, &String::from_utf8_lossy(data));
});
