//! Scores a few messages with one [`realboss::signals::Analyzer`] and explains one of them.
//!
//! ```text
//! cargo run --example score
//! ```
//!
//! The full program (one JSON line per input line, `--stats`) is `realboss score` in
//! `crates/realboss-cli`.

use realboss::signals::{Analyzer, AnalyzerConfig};

fn main() -> Result<(), realboss::Error> {
    // Building is the only step that can fail; scoring never does.
    let analyzer = Analyzer::new(AnalyzerConfig::default())?;
    let messages = [
        "The refund came quickly, thank you!",
        "I have been on hold for an hour and nobody answers.",
        "Still waiting for my refund. Third time I'm asking!!",
    ];
    for text in messages {
        let signals = analyzer.signals(text);
        let sentiment = analyzer.sentiment(text);
        println!("{text}");
        println!(
            "    compound {:+.3} ({:?}), signals {signals:?}",
            sentiment.compound, sentiment.label
        );
    }
    // Why: every scoring span (byte range), its base valence and the rules that changed it.
    for part in analyzer.explain("The agent was NOT helpful").contributions {
        println!(
            "{:?} base {} -> {} {:?}",
            part.range, part.base, part.valence, part.rules
        );
    }
    Ok(())
}
