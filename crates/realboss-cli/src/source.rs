//! Requests from a helpdesk export (`--from SYSTEM FILE [--mapping FILE]`), shared by `triage`
//! and `convert`.
//!
//! The export is read by [`realboss_helpdesk::import`]; its mapping tables (status, channel,
//! author role, priority, notes) are in that crate's docs. `--mapping FILE` is a JSON
//! [`Mapping`] saying where tier, lifetime value, customer-since date and leads come from;
//! without it those facts stay unknown (0 points, "value unknown" in the reasons).
//!
//! Every record that did not map cleanly is reported on stderr with its position and reason.
//! A problem that cost data (a skipped ticket or comment, see
//! [`ProblemKind::loses_data`](realboss_helpdesk::ProblemKind::loses_data)) makes the input
//! unclean: the command still prints its result and exits with status 1.

use std::fmt;
use std::fs::File;
use std::io::{self, BufReader, Write};
use std::path::{Path, PathBuf};

use realboss::model::Request;
use realboss_helpdesk::{Mapping, System, import};

/// The command-line flags that name a helpdesk export.
#[derive(Debug, Clone, Default, PartialEq, clap::Args)]
pub struct Source {
    /// Read FILE as this helpdesk's export (zendesk, freshdesk, zammad, helpscout, intercom)
    /// instead of realboss JSON Lines
    #[arg(long, value_name = "SYSTEM")]
    pub from: Option<System>,
    /// With --from: a JSON mapping of where tier, lifetime value, customer-since and leads come
    /// from (default: nothing mapped, those facts stay unknown)
    #[arg(long, value_name = "FILE", requires = "from")]
    pub mapping: Option<PathBuf>,
}

/// Why an export could not be read at all.
#[derive(Debug)]
pub enum ImportFailure {
    /// A file could not be opened or read.
    Open(PathBuf, io::Error),
    /// The mapping file is not a valid mapping.
    Mapping(PathBuf, realboss_helpdesk::Error),
    /// The export is not readable as the system's (wrong system, bad JSON, no records).
    Export(PathBuf, realboss_helpdesk::Error),
}

impl fmt::Display for ImportFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportFailure::Open(path, e) => write!(f, "cannot open {}: {e}", path.display()),
            ImportFailure::Mapping(path, e) => write!(f, "{}: {e}", path.display()),
            ImportFailure::Export(path, e) => write!(f, "{}: {e}", path.display()),
        }
    }
}

/// The requests of an export, and how many reported problems cost data.
pub struct Imported {
    /// The mapped requests in the export's order.
    pub requests: Vec<Request>,
    /// How many problems skipped a ticket or a comment.
    pub lost: usize,
}

/// Reads `file` as `system`'s export under the mapping in `mapping` (none: nothing mapped),
/// reporting every problem on `errors` as `{command}: {problem}`.
pub fn import_file(
    command: &str,
    system: System,
    file: &Path,
    mapping: Option<&Path>,
    errors: &mut impl Write,
) -> Result<Imported, ImportFailure> {
    let mapping = match mapping {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| ImportFailure::Open(path.to_path_buf(), e))?;
            Mapping::from_json(&text).map_err(|e| ImportFailure::Mapping(path.to_path_buf(), e))?
        }
        None => Mapping::default(),
    };
    let opened = File::open(file).map_err(|e| ImportFailure::Open(file.to_path_buf(), e))?;
    let imported = import(system, BufReader::new(opened), &mapping)
        .map_err(|e| ImportFailure::Export(file.to_path_buf(), e))?;
    let mut lost = 0;
    for problem in &imported.problems {
        lost += usize::from(problem.kind.loses_data());
        // A closed stderr cannot be told; the result on stdout still counts.
        let _ = writeln!(errors, "{command}: {problem}");
    }
    Ok(Imported {
        requests: imported.requests,
        lost,
    })
}
