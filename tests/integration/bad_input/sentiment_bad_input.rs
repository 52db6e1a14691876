//! Odd and hostile input: every class scores without panic, with finite values in range. (That
//! time grows linearly with the length of the text is the `scale` bench's job.)

use crate::common::fixtures::analyzer;
use realboss::signals::Sentiment;
use realboss::text::tokens;

fn assert_sane(s: &Sentiment, what: &str) {
    for (name, v) in [
        ("compound", s.compound),
        ("positive", s.positive),
        ("neutral", s.neutral),
        ("negative", s.negative),
    ] {
        assert!(v.is_finite(), "{what}: {name} = {v}");
    }
    assert!(
        (-1.0..=1.0).contains(&s.compound),
        "{what}: compound {}",
        s.compound
    );
    for v in [s.positive, s.neutral, s.negative] {
        assert!((0.0..=1.0).contains(&v), "{what}: share {v}");
    }
    let sum = s.positive + s.neutral + s.negative;
    assert!((sum - 1.0).abs() < 1e-9, "{what}: shares sum to {sum}");
    assert!(
        s.coverage.known <= s.coverage.words,
        "{what}: {:?}",
        s.coverage
    );
}

#[test]
fn every_class_of_odd_input_scores_sanely() {
    let a = analyzer();
    let cases: Vec<(&str, String)> = vec![
        ("empty", String::new()),
        (
            "whitespace only",
            " \t\n\r\u{0B}\u{0C}\u{A0}\u{3000}\u{2028}".to_owned(),
        ),
        ("10 MB single token", "a".repeat(10 * 1024 * 1024)),
        (
            "10 MB single capitalised token",
            "GOOD".repeat(2 * 1024 * 1024),
        ),
        (
            "control characters and NUL",
            "\0\u{1}\u{7}\u{1B}[31mgood\u{7F}\0bad\u{0}".to_owned(),
        ),
        (
            "mixed scripts",
            "Отлично! 素晴らしい great مرحبا terrible ελληνικά good".to_owned(),
        ),
        ("emoji ZWJ sequences", "👨‍👩‍👧‍👦👩🏽‍💻 🏳️‍🌈❤️‍🔥😀‍😡 love".to_owned()),
        ("a million !", "!".repeat(1_000_000)),
        (
            "a million ! after a word",
            format!("great{}", "!".repeat(1_000_000)),
        ),
        ("a million ?", "?".repeat(1_000_000)),
        (
            "long negation chain",
            format!("{} good", "not ".repeat(100_000)),
        ),
        (
            "negations and boosters",
            "not very never extremely hardly ".repeat(50_000),
        ),
        (
            "combining-mark flood",
            format!("a{} good", "\u{301}".repeat(500_000)),
        ),
        (
            "combining marks alone",
            "\u{301}\u{302}\u{303}".repeat(100_000),
        ),
        (
            "lone surrogate-like and private use",
            "\u{FFFD}\u{E000}\u{10FFFF} bad".to_owned(),
        ),
        ("many emoticons", ":) :( <3 </3 :-D ".repeat(50_000)),
        (
            "phrase fragments",
            "charged twice went above and beyond no problem ".repeat(20_000),
        ),
        (
            "apostrophes everywhere",
            "'''don't''' ’’can’t’’ ʼʼ".repeat(20_000),
        ),
        ("huge sentiment mass", "love ".repeat(2_000_000)),
        (
            "but and however storms",
            "good but bad however good but ".repeat(30_000),
        ),
    ];
    for (what, text) in &cases {
        let s = a.sentiment(text);
        assert_sane(&s, what);
        assert_eq!(s, a.sentiment(text), "{what}: not deterministic");
    }
}

#[test]
fn explain_survives_odd_input_and_agrees() {
    let a = analyzer();
    for text in [
        String::new(),
        "\0\0\0".to_owned(),
        format!("{} good", "not ".repeat(10_000)),
        "👨‍👩‍👧‍👦 :) ¡no! 😢".repeat(1_000),
    ] {
        let e = a.explain(&text);
        assert_eq!(e.sentiment, a.sentiment(&text));
        for c in &e.contributions {
            assert!(text.is_char_boundary(c.range.start) && text.is_char_boundary(c.range.end));
            assert!(c.valence.is_finite());
        }
    }
}

#[test]
fn tokens_cover_the_input_in_order_whatever_it_is() {
    let text = format!("a{}\u{301}!! 👨‍👩‍👧 x\u{0}y :-) ok.", "\u{300}".repeat(1_000));
    let mut last_end = 0;
    for t in tokens(&text) {
        assert!(t.start() >= last_end && t.end() > t.start());
        assert_eq!(&text[t.range()], t.as_str());
        last_end = t.end();
    }
}

/// Pathological repetitions (negation chains, a flood of `!`, combining marks, emoji joiners,
/// brackets) of 160,000 units score without panicking and give finite scores in range. That
/// their time grows linearly is shown by the `scale` bench, not asserted here: a timing check
/// in a test fails on a busy machine.
#[test]
fn long_pathological_repetitions_score_in_range() {
    let a = analyzer();
    let units = [
        "not ",
        "!",
        "\u{301}",
        "very not kind of no good ",
        "😀‍",
        "charged ",
        "( ",
        "((((",
    ];
    for unit in units {
        let text = unit.repeat(160_000);
        let s = a.sentiment(&text);
        assert!(
            s.compound.is_finite() && (-1.0..=1.0).contains(&s.compound),
            "{unit:?}"
        );
        let signals = a.signals(&text);
        assert!((0.0..=1.0).contains(&signals.urgency.score), "{unit:?}");
    }
}
