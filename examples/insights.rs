//! Feeds the sample history to [`realboss::insights::Insights`] and prints its report as JSON.
//!
//! ```text
//! cargo run --example insights
//! ```
//!
//! The full program, with a readable report, is `realboss insights` in `crates/realboss-cli`.

use std::fs::File;
use std::io::BufReader;

use realboss::insights::{Insights, InsightsConfig};
use realboss::jsonl::{Record, read_records};
use realboss::model::Direction;
use realboss::{Analyzer, AnalyzerConfig};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/events.jsonl");
    let analyzer = Analyzer::new(AnalyzerConfig::default())?;
    let mut insights = Insights::new(InsightsConfig::default())?;
    for record in read_records(BufReader::new(File::open(path)?)) {
        match record? {
            // Only the customer's own words say how they feel.
            Record::Event(event) => {
                let compound = match (event.direction(), event.text()) {
                    (Direction::Inbound, Some(text)) => Some(analyzer.sentiment(text).compound),
                    _ => None,
                };
                insights.observe_event(&event, compound);
            }
            Record::Feedback(feedback) => {
                let text = feedback.text();
                let compound = (!text.trim().is_empty()).then(|| analyzer.sentiment(text).compound);
                insights.observe_feedback(&feedback, compound);
            }
            _ => {}
        }
    }
    println!("{}", serde_json::to_string_pretty(&insights.report())?);
    Ok(())
}
