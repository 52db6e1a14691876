//! `realboss`: the command-line tool of the realboss library.
//!
//! ```text
//! realboss triage   [FILE] [--now RFC3339|now] [--json] [--policy FILE] [--from SYSTEM [--mapping FILE]]
//! realboss convert  --from SYSTEM FILE [--mapping FILE]
//! realboss score    [FILE|-] [--stats]
//! realboss hints    [FILE] [--now RFC3339] [--json]
//! realboss insights [FILE] [--json]
//! realboss eval     [--check] [--cues] [--kind auto|binary|complaint|valence|urgency] FILE...
//! ```
//!
//! Each subcommand is one module; `realboss SUBCOMMAND --help` lists its flags. Exit status: 0
//! for a clean run, 1 when an input cannot be read or holds bad records (they are reported on
//! stderr, the rest is still processed), 2 for a bad command line.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod convert;
mod eval;
mod hints;
mod insights;
mod score;
mod source;
mod triage;

/// The command line: one subcommand.
#[derive(Debug, Parser)]
#[command(
    name = "realboss",
    version,
    about = "Customer-first triage: rank requests, score messages, hints, insights and the evaluation gate."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The subcommands, one per module.
#[derive(Debug, Subcommand)]
enum Command {
    /// Rank an inbox of requests (JSON Lines): who to answer first, and why
    Triage(Box<triage::Args>),
    /// Score messages, one per line, as JSON Lines (sentiment, urgency, complaint)
    Score(score::Args),
    /// Personalization hints for every customer of a contact history
    Hints(hints::Args),
    /// Feedback insights of a contact history: trends, topics, agents
    Insights(insights::Args),
    /// Write a helpdesk export (Zendesk, Freshdesk, Zammad, Help Scout, Intercom) as realboss JSON Lines
    Convert(convert::Args),
    /// Measure realboss on labeled `LABEL<TAB>TEXT` files, optionally gated on reference figures
    Eval(eval::Args),
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Triage(args) => triage::execute(*args),
        Command::Score(args) => score::execute(args),
        Command::Hints(args) => hints::execute(args),
        Command::Insights(args) => insights::execute(args),
        Command::Eval(args) => eval::execute(args),
        Command::Convert(args) => convert::execute(args),
    }
}
