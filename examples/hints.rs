//! Personalization hints for every customer of the sample history, with
//! [`realboss::hints::Hinter`].
//!
//! ```text
//! cargo run --example hints
//! ```
//!
//! The full program, with `--now` and `--json`, is `realboss hints` in `crates/realboss-cli`.

use std::fs::File;
use std::io::BufReader;

use realboss::hints::{Hinter, HintsConfig};
use realboss::jsonl::{Record, read_records};
use realboss::model::ContactEvent;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/events.jsonl");
    let (mut customers, mut events) = (Vec::new(), Vec::new());
    for record in read_records(BufReader::new(File::open(path)?)) {
        match record? {
            Record::Customer(profile) => customers.push(profile),
            Record::Event(event) => events.push(event),
            _ => {}
        }
    }
    let now = events
        .iter()
        .map(ContactEvent::at)
        .max()
        .ok_or("no events")?;
    let hinter = Hinter::new(HintsConfig::default())?;
    for profile in &customers {
        // Each event is scored once, as a service would on arrival.
        let history: Vec<_> = events
            .iter()
            .filter(|e| e.customer() == profile.id())
            .map(|e| hinter.score(profile, e.clone()))
            .collect();
        let hints = hinter.hints(profile, &history, now);
        println!(
            "{}: {}",
            profile.id().as_str(),
            serde_json::to_string(&hints.hints)?
        );
    }
    Ok(())
}
