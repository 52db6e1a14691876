//! Writes a helpdesk export as realboss JSON Lines, to see or store the mapping.
//!
//! ```text
//! realboss convert --from zendesk|freshdesk|zammad|helpscout|intercom FILE [--mapping FILE]
//! ```
//!
//! One request per line on stdout, in realboss's JSON form (`realboss::model::Request`), in
//! the export's order; `realboss triage` reads the result as it is. Problems are reported on
//! stderr (see the `source` module). Exit status: 0 for a clean import, 1 when the export cannot
//! be read or a ticket or comment was skipped, 2 for a bad command line.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use realboss_helpdesk::System;

use crate::source::import_file;

/// The command line of `realboss convert`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The helpdesk whose export FILE is (zendesk, freshdesk, zammad, helpscout, intercom)
    #[arg(long, value_name = "SYSTEM")]
    from: System,
    /// The export: the JSON the vendor's API returns for a list of tickets or conversations
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// A JSON mapping of where tier, lifetime value, customer-since and leads come from
    #[arg(long, value_name = "FILE")]
    mapping: Option<PathBuf>,
}

/// Runs `realboss convert`.
pub fn execute(args: Args) -> ExitCode {
    let mut errors = io::stderr().lock();
    let imported = match import_file(
        "convert",
        args.from,
        &args.file,
        args.mapping.as_deref(),
        &mut errors,
    ) {
        Ok(imported) => imported,
        Err(failure) => {
            let _ = writeln!(errors, "convert: {failure}");
            return ExitCode::FAILURE;
        }
    };
    let mut out = BufWriter::new(io::stdout().lock());
    let written = imported.requests.iter().try_for_each(|request| {
        serde_json::to_writer(&mut out, request)?;
        out.write_all(b"\n")
    });
    match written.and_then(|()| out.flush()) {
        Ok(()) if imported.lost == 0 => ExitCode::SUCCESS,
        Ok(()) => ExitCode::FAILURE,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(errors, "convert: cannot write output: {e}");
            ExitCode::FAILURE
        }
    }
}
