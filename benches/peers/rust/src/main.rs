//! The Rust side of the peers comparison (driven by `benches/peers/run`).
//!
//! - `realboss-peers corpus COUNT FILE` writes the benches' seeded corpus, one message a line.
//! - `realboss-peers realboss|vader_sentiment FILE REPEATS` reads the file, builds the analyzer,
//!   then times only the scoring loop over every line, `REPEATS` times, on this one thread, and
//!   prints `engine messages best_seconds mean_compound` (the best of the repeats).

use std::hint::black_box;
use std::process::ExitCode;
use std::time::{Duration, Instant};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["corpus", count, file] => {
            let Ok(count) = count.parse::<usize>() else {
                eprintln!("COUNT must be a whole number, got {count:?}");
                return ExitCode::FAILURE;
            };
            let mut text = realboss_benches::corpus(42, count).join("\n");
            text.push('\n');
            if let Err(e) = std::fs::write(file, text) {
                eprintln!("cannot write {file}: {e}");
                return ExitCode::FAILURE;
            }
            ExitCode::SUCCESS
        }
        [engine @ ("realboss" | "vader_sentiment"), file, repeats] => {
            let Ok(repeats) = repeats.parse::<usize>() else {
                eprintln!("REPEATS must be a whole number, got {repeats:?}");
                return ExitCode::FAILURE;
            };
            let text = match std::fs::read_to_string(file) {
                Ok(text) => text,
                Err(e) => {
                    eprintln!("cannot read {file}: {e}");
                    return ExitCode::FAILURE;
                }
            };
            let lines: Vec<&str> = text.lines().collect();
            let (best, sum) = if engine == "realboss" {
                let analyzer = realboss::Analyzer::new(realboss::AnalyzerConfig::default())
                    .expect("the default config is valid");
                time(&lines, repeats.max(1), |m| analyzer.sentiment(m).compound)
            } else {
                let analyzer = vader_sentiment::SentimentIntensityAnalyzer::new();
                time(
                    &lines,
                    repeats.max(1),
                    |m| analyzer.polarity_scores(m)["compound"],
                )
            };
            println!(
                "{engine} {} {:.6} {:.4}",
                lines.len(),
                best.as_secs_f64(),
                sum / lines.len().max(1) as f64
            );
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!(
                "usage: realboss-peers corpus COUNT FILE\n       \
                 realboss-peers realboss|vader_sentiment FILE REPEATS"
            );
            ExitCode::FAILURE
        }
    }
}

/// The best time of `repeats` passes of `score` over `lines`, and the sum of one pass's scores.
fn time(lines: &[&str], repeats: usize, score: impl Fn(&str) -> f64) -> (Duration, f64) {
    let mut best = Duration::MAX;
    let mut sum = 0.0;
    for _ in 0..repeats {
        sum = 0.0;
        let start = Instant::now();
        for line in lines {
            sum += score(black_box(line));
        }
        best = best.min(start.elapsed());
    }
    (best, sum)
}
