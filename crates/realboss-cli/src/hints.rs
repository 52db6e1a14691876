//! Personalization hints for every customer of a contact history (JSON Lines): how to reach
//! them, in what tone, what we owe them, and what to do next.
//!
//! ```text
//! realboss hints [FILE] [--now RFC3339] [--json]
//! ```
//!
//! - `FILE`: JSON Lines, one record per line: `{"customer": <profile>}`, `{"event": <contact
//!   event>}` or `{"feedback": <feedback>}`, each holding the model's JSON form; `-` reads
//!   stdin. Default: the sample history `examples/data/events.jsonl` (relative to the working
//!   directory: the repository root). Feedback is not used by
//!   hints and is skipped.
//! - `--now`: the moment hints are given at. Default: the latest event timestamp in the file,
//!   so the output for a given file never changes.
//! - `--json`: one JSON object per customer (JSON Lines): `customer` (the id), then `hints`,
//!   each with `kind`, `value`, `confidence` and `evidence` (whose `examples` index the
//!   customer's own events in file order), then `ignored`.
//!
//! Customers are printed in the order their profiles appear. Bad lines are reported on stderr
//! with their line number and skipped, and so are events of customers without a profile
//! (counted). Exit status: 0 clean, 1 when the file cannot be read or a line is bad, 2 for a
//! bad command line.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::process::ExitCode;

use realboss::ErrorKind;
use realboss::hints::{Hint, Hinter, HintsConfig, Ignored, ScoredEvent};
use realboss::jsonl::{Record, read_records};
use realboss::model::{ContactEvent, CustomerProfile};
use serde::Serialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

const DEFAULT_FILE: &str = "examples/data/events.jsonl";

/// The command line of `realboss hints`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Customers and contact events as JSON Lines, `-` for stdin (default: the sample history
    /// examples/data/events.jsonl, relative to the working directory, so it works from the
    /// repository root)
    #[arg(value_name = "FILE", default_value = DEFAULT_FILE, hide_default_value = true)]
    file: String,
    /// Give hints at TIME, an RFC 3339 timestamp such as 2026-11-23T21:51:00Z (default: the
    /// latest event timestamp in the input)
    #[arg(long, value_name = "TIME", value_parser = parse_now)]
    now: Option<OffsetDateTime>,
    /// One JSON object per customer instead of one line of text
    #[arg(long)]
    json: bool,
}

/// Reads `--now`; the error shows the accepted form.
fn parse_now(value: &str) -> Result<OffsetDateTime, String> {
    OffsetDateTime::parse(value, &Rfc3339).map_err(|_| {
        format!("--now must be an RFC 3339 timestamp such as 2026-11-23T21:51:00Z, got {value:?}")
    })
}

/// One `--json` line: the customer, then their hints (each `kind`, `value`, `confidence`,
/// `evidence`; evidence `examples` index the customer's events in file order).
#[derive(Serialize)]
struct CustomerHints<'a> {
    customer: &'a str,
    hints: &'a [Hint],
    ignored: Ignored,
}

/// What the file holds, in file order.
#[derive(Default)]
struct Input {
    customers: Vec<CustomerProfile>,
    events: Vec<ContactEvent>,
    bad_lines: usize,
}

/// Reads the records with [`read_records`]; bad lines go to stderr with their number.
fn read(reader: impl BufRead) -> Result<Input, String> {
    let mut input = Input::default();
    for record in read_records(reader) {
        match record {
            Ok(Record::Customer(profile)) => input.customers.push(profile),
            Ok(Record::Event(event)) => input.events.push(event),
            // Feedback says how we did, not how to reach the customer.
            Ok(Record::Feedback(_)) => {}
            Ok(other) => {
                input.bad_lines += 1;
                eprintln!("a record this example does not know: {other:?}");
            }
            Err(e) => {
                if matches!(e.kind(), ErrorKind::Io { .. }) {
                    return Err(e.to_string());
                }
                input.bad_lines += 1;
                eprintln!("{e}");
            }
        }
    }
    Ok(input)
}

/// Runs `realboss hints`: prints the hints of every customer.
pub fn execute(options: Args) -> ExitCode {
    let input = if options.file == "-" {
        read(io::stdin().lock())
    } else {
        File::open(&options.file)
            .map_err(|e| e.to_string())
            .and_then(|f| read(BufReader::new(f)))
    };
    let input = match input {
        Ok(input) => input,
        Err(e) => {
            eprintln!("hints: cannot read {}: {e}", options.file);
            return ExitCode::from(1);
        }
    };
    let Some(now) = options
        .now
        .or_else(|| input.events.iter().map(ContactEvent::at).max())
    else {
        eprintln!("hints: no events and no --now: nothing to give hints at");
        return ExitCode::from(if input.bad_lines > 0 { 1 } else { 0 });
    };
    let hinter = match Hinter::new(HintsConfig::default()) {
        Ok(hinter) => hinter,
        Err(e) => {
            eprintln!("hints: {e}");
            return ExitCode::from(1);
        }
    };

    // Each event is scored once, as a service would on arrival, and filed under its customer.
    let by_id: HashMap<&str, &CustomerProfile> = input
        .customers
        .iter()
        .map(|c| (c.id().as_str(), c))
        .collect();
    let mut histories: HashMap<&str, Vec<ScoredEvent>> = HashMap::new();
    let mut orphans = 0usize;
    for event in &input.events {
        match by_id.get(event.customer().as_str()) {
            Some(profile) => histories
                .entry(profile.id().as_str())
                .or_default()
                .push(hinter.score(profile, event.clone())),
            None => orphans += 1,
        }
    }
    if orphans > 0 {
        eprintln!("hints: skipped {orphans} events of customers without a profile");
    }

    let mut out = BufWriter::new(io::stdout().lock());
    let mut written = Ok(());
    for profile in &input.customers {
        let history = histories
            .get(profile.id().as_str())
            .map_or(&[][..], Vec::as_slice);
        let hints = hinter.hints(profile, history, now);
        written = if options.json {
            let record = CustomerHints {
                customer: profile.id().as_str(),
                hints: &hints.hints,
                ignored: hints.ignored,
            };
            match serde_json::to_string(&record) {
                Ok(line) => writeln!(out, "{line}"),
                Err(e) => Err(io::Error::other(e)),
            }
        } else {
            let parts: Vec<String> = hints
                .hints
                .iter()
                .map(|h| {
                    format!(
                        "{}: {} ({:.0}%)",
                        h.kind.as_str(),
                        h.value,
                        h.confidence * 100.0
                    )
                })
                .collect();
            writeln!(out, "{}  {}", profile.id().as_str(), parts.join(" · "))
        };
        if written.is_err() {
            break;
        }
    }
    if let Err(e) = written.and_then(|()| out.flush()) {
        // A closed pipe (`| head`) is not an error worth a message.
        if e.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("hints: cannot write: {e}");
            return ExitCode::from(1);
        }
    }
    ExitCode::from(if input.bad_lines > 0 { 1 } else { 0 })
}
