//! Scoring (sentiment, and the urgency and complaint signals) allocates nothing per message: a counting global allocator watches this thread while
//! the analyzer scores a varied set of messages. Its own test binary, so nothing else counts.

use realboss::model::Language;
use realboss::signals::{Analyzer, AnalyzerConfig};
use realboss::text::tokens;

#[path = "common/counting_alloc.rs"]
mod counting_alloc;
use counting_alloc::allocations;

#[test]
fn scoring_allocates_nothing_per_message() {
    let messages: Vec<String> = vec![
        "Hi, my order #48213 never arrived and I was charged twice. Still waiting!!!".into(),
        "The agent went above and beyond, sorted it out in 5 minutes :) thanks".into(),
        "NOT happy. The app crashes, doesn't load and support is too slow??".into(),
        "Although the courier was late, the parcel was fine. But the box was damaged 😢".into(),
        "Très déçu… the café’s Wi-Fi isn’t working; спасибо anyway 👍🏽 ❤️".into(),
        "kind of disappointingly flimsy, no problems otherwise, would not highly recommend".into(),
        "👨‍👩‍👧‍👦🏳️‍🌈 <3 :-D \u{0} a\u{301}\u{301}\u{301} ％＾＊".into(),
        "".into(),
        "   ".into(),
        format!("{} good", "not ".repeat(500)),
        "I need help with a refund please, urgent".repeat(50),
        "Not urgent, but I can't log in: reply by 5:30pm or within the next 2 hours??!!".into(),
        "No rush, whenever you get a chance. Still not working; never arrived.".into(),
        // The reading's word marks: thanks-only, tone, English function words.
        "Great, thanks! All sorted now :)".into(),
        "That’s perfect, thank you so much, donʼt worry 🙏".into(),
        "Dear Sir or Madam, kindly advise. Kind regards, M. Holloway".into(),
        "hey lol u gonna fix it?? it's broken, I'd say".into(),
        format!("{}n’t thanks", "ÄÖÜäöüß".repeat(12)),
    ];
    let analyzer = Analyzer::new(AnalyzerConfig::default()).expect("default config is valid");
    // First use builds the shared lexicon index once per process; that is construction.
    let _ = analyzer.sentiment("warm up");
    // The cue table's index is built on first use too.
    let _ = analyzer.signals("warm up");
    let german = Language::from_bcp47("de").expect("valid tag");
    // A cut text that is short enough to be thanks: the closing rule reads all of it.
    let mut short = AnalyzerConfig::default();
    short.max_text_bytes = 16;
    let cutting = Analyzer::new(short).expect("valid config");

    let before = allocations();
    let mut checksum = 0.0;
    for _ in 0..3 {
        for m in &messages {
            let s = analyzer.sentiment(m);
            checksum += s.compound + s.positive;
            checksum += analyzer.sentiment_in(m, german).neutral;
            checksum += tokens(m).count() as f64;
            let signals = analyzer.signals(m);
            checksum += signals.urgency.score + signals.complaint.score;
            checksum += analyzer.signals_in(m, german).urgency.score;
            checksum += f64::from(u8::from(signals.thanks_only) + u8::from(signals.leaving));
            checksum += f64::from(signals.tone.formal + signals.tone.casual);
            checksum += f64::from(signals.words.words + signals.words.english_function_words);
            checksum += f64::from(u8::from(cutting.signals(m).thanks_only));
            checksum += analyzer.urgency(m).unmarked_score;
            checksum += analyzer.complaint(m).score;
        }
    }
    let during = allocations() - before;
    std::hint::black_box(checksum);
    assert_eq!(during, 0, "scoring allocated {during} times");

    // The counter does count: explaining allocates.
    let before = allocations();
    std::hint::black_box(analyzer.explain(&messages[0]));
    assert!(allocations() > before);
    let before = allocations();
    std::hint::black_box(analyzer.explain_signals(&messages[0]));
    assert!(allocations() > before);
}
