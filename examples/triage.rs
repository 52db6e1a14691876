//! Ranks the sample inbox with [`realboss::Ranker`] and prints the top five with their reasons.
//!
//! ```text
//! cargo run --example triage
//! ```
//!
//! The full program, with `--json`, `--now` and `--policy`, is `realboss triage` in
//! `crates/realboss-cli`.

use std::fs::File;
use std::io::BufReader;

use realboss::jsonl::read_requests;
use realboss::{Policy, Ranker};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/inbox.jsonl");
    // Bad lines are reported and skipped; the good requests are ranked.
    let mut requests = Vec::new();
    for item in read_requests(BufReader::new(File::open(path)?)) {
        match item {
            Ok(request) => requests.push(request),
            Err(bad) => eprintln!("{bad}"),
        }
    }
    // Waits are measured up to the latest arrival, so the output never changes.
    let now = requests
        .iter()
        .map(|r| r.received_at())
        .max()
        .ok_or("the inbox is empty")?;
    let ranker = Ranker::new(Policy::default());
    let ranking = ranker.rank(&requests, now);
    for ranked in ranking.ranked().iter().take(5) {
        let request = &ranking.requests()[ranked.index];
        let a = &ranked.assessment;
        println!(
            "{} {} priority {:.2} ({})",
            ranked.rank,
            request.id(),
            a.priority,
            a.level.as_str()
        );
        for reason in ranking.reasons(ranked).iter().take(3) {
            println!("    {:+.1} {}", reason.weight, reason.detail);
        }
    }
    Ok(())
}
