//! The one error type of the importers: reading failed as a whole (problems with single records
//! are [`Problem`](crate::Problem)s instead, and the import goes on).

use crate::System;

/// Why an import or a mapping could not be read at all.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading the input failed.
    #[error("cannot read the export: {0}")]
    Io(#[from] std::io::Error),
    /// The input is not JSON of the expected shape.
    #[error("bad {system} JSON at line {line}, column {column}: {what}")]
    Json {
        /// The system whose export was expected.
        system: System,
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// What was wrong, as serde_json says it.
        what: String,
    },
    /// The file is another system's export (or no helpdesk export at all).
    #[error("this is not a {expected} export: {hint}")]
    WrongSystem {
        /// The system asked for.
        expected: System,
        /// What the file looks like instead, e.g. "this looks like a Freshdesk export".
        hint: String,
    },
    /// The export holds no tickets or conversations.
    #[error("the {system} export holds no records (expected a list `{list}`)")]
    NoRecords {
        /// The system asked for.
        system: System,
        /// The list that was looked for.
        list: &'static str,
    },
    /// The mapping file is bad.
    #[error("bad mapping at line {line}, column {column}: {what}")]
    Mapping {
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// The field and what it accepts.
        what: String,
    },
}

impl Error {
    /// A JSON error of `system`'s reader.
    pub(crate) fn json(system: System, error: &serde_json::Error) -> Error {
        if error.is_io() {
            return Error::Io(std::io::Error::other(error.to_string()));
        }
        Error::Json {
            system,
            line: error.line(),
            column: error.column(),
            what: strip_position(error),
        }
    }
}

/// serde_json's message without its own " at line L column C" suffix, which the fields hold.
pub(crate) fn strip_position(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}
