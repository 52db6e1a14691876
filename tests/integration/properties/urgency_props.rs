//! Invariants of urgency and complaint scoring, for arbitrary text.

use crate::common::fixtures::analyzer;
use crate::common::strategies::any_text;
use proptest::prelude::*;
use realboss::model::Language;
use realboss::signals::text_urgency_level;

/// Words and marks the cue rules react to, so generated text exercises them.
const VOCABULARY: &[&str] = &[
    "urgent",
    "URGENT",
    "asap",
    "not",
    "no",
    "never",
    "can't",
    "rush",
    "hurry",
    "stranded",
    "locked",
    "locking",
    "out",
    "log",
    "in",
    "within",
    "an",
    "hour",
    "30",
    "minutes",
    "by",
    "5",
    "5pm",
    "pm",
    ":",
    "00",
    "tomorrow",
    "today",
    "charged",
    "twice",
    "refund",
    "cancel",
    "cancelled",
    "working",
    "still",
    "waiting",
    "any",
    "update",
    "please",
    "help",
    "how",
    "do",
    "i",
    "late",
    "never",
    "arrived",
    "whenever",
    "you",
    "get",
    "a",
    "chance",
    "no",
    "worries",
    "?",
    "!",
    ".",
    ",",
    "-",
    "'",
    "é",
    "\u{301}",
    "😀",
    "\0",
    ":)",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn scores_are_finite_in_range_and_consistent(text in any_text(VOCABULARY)) {
        let a = analyzer();
        let s = a.signals(&text);
        let u = s.urgency;
        prop_assert!(u.score.is_finite() && (0.0..=1.0).contains(&u.score));
        prop_assert!(u.unmarked_score.is_finite() && (0.0..=u.score).contains(&u.unmarked_score));
        prop_assert_eq!(u.level, text_urgency_level(u.score));
        prop_assert!(s.complaint.score.is_finite() && (0.0..=1.0).contains(&s.complaint.score));
        // A complaint comes from its cues (the strongest named) or from mood aimed at us.
        prop_assert_eq!(
            s.complaint.score > 0.0,
            s.complaint.strongest.is_some() || s.complaint.mood > 0.0
        );
        prop_assert!((0.0..=s.complaint.score).contains(&s.complaint.mood));
        let mut last = f64::INFINITY;
        for cue in u.top.iter().flatten() {
            prop_assert!(cue.start < cue.end && cue.end <= text.len());
            prop_assert!(text.is_char_boundary(cue.start) && text.is_char_boundary(cue.end));
            prop_assert!(cue.weight > 0.0 && cue.weight < 1.0 && cue.weight <= last);
            last = cue.weight;
        }
        prop_assert!(u.top.iter().flatten().count() <= u.cues as usize);
        prop_assert_eq!(a.signals(&text), s);
    }

    #[test]
    fn signals_sentiment_equals_sentiment_bit_for_bit(text in any_text(VOCABULARY)) {
        let a = analyzer();
        let s = a.signals(&text);
        let alone = a.sentiment(&text);
        prop_assert_eq!(s.sentiment.compound.to_bits(), alone.compound.to_bits());
        prop_assert_eq!(s.sentiment.positive.to_bits(), alone.positive.to_bits());
        prop_assert_eq!(s.sentiment.neutral.to_bits(), alone.neutral.to_bits());
        prop_assert_eq!(s.sentiment.negative.to_bits(), alone.negative.to_bits());
        prop_assert_eq!(s.sentiment, alone);
        prop_assert_eq!(s.urgency, a.urgency(&text));
        prop_assert_eq!(s.complaint, a.complaint(&text));
        let why = a.explain_signals(&text);
        prop_assert_eq!(why.signals, s);
        prop_assert_eq!(why.cues.len(), s.urgency.cues as usize);
        let german = Language::from_bcp47("de").expect("valid tag");
        prop_assert_eq!(a.signals_in(&text, german).sentiment, a.sentiment_in(&text, german));
    }

    #[test]
    fn appending_a_clear_cue_never_lowers_urgency(text in any_text(VOCABULARY)) {
        let a = analyzer();
        let before = a.urgency(&text);
        let after = a.urgency(&format!("{text} I am locked out of my account."));
        prop_assert!(after.score >= before.score, "{} -> {}", before.score, after.score);
        prop_assert!(after.cues >= before.cues);
        let complaint_before = a.signals(&text).complaint.score;
        let after = a.signals(&format!("{text} My order never arrived."));
        prop_assert!(after.urgency.score >= before.score);
        // Not asserted for complaint: the appended words change the sentiment nudge.
        let _ = complaint_before;
    }
}

#[test]
fn huge_and_odd_inputs_score_without_panic() {
    let a = analyzer();
    let inputs = [
        "a".repeat(1 << 20),
        "not ".repeat(100_000),
        "by 5 ".repeat(50_000),
        "in an hour? ".repeat(50_000),
        "\u{301}".repeat(10_000),
        "!".repeat(100_000),
        "?".repeat(100_000),
        (0u8..128).map(char::from).collect::<String>().repeat(500),
    ];
    for text in &inputs {
        let s = a.signals(text);
        assert!((0.0..=1.0).contains(&s.urgency.score));
        assert!((0.0..=1.0).contains(&s.complaint.score));
    }
}
