//! The crate's one error type.
//!
//! Every fallible entry point of realboss (building a validated value, reading JSON, building an
//! analyzer from its configuration) returns [`Error`]. Its [`ErrorKind`] says which class of bad
//! input it was; its message names the field, the bad value and what is accepted.

use std::fmt;

/// An error from realboss: what was wrong and how to fix it.
///
/// Match on [`Error::kind`] to react to a class of error; show it with `Display` to tell a
/// person what to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
}

impl Error {
    /// Wraps a kind into an error.
    pub fn new(kind: ErrorKind) -> Self {
        Error { kind }
    }

    /// The class of error, with its details.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Self {
        Error::new(kind)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.kind, f)
    }
}

impl std::error::Error for Error {}

/// The classes of error realboss reports. New classes may be added in minor releases.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A configuration value is outside what is accepted.
    #[error("invalid configuration: {field} must be {expected}, got {value}")]
    InvalidConfig {
        /// The configuration field, e.g. `positive_threshold`.
        field: &'static str,
        /// The rejected value, as written.
        value: String,
        /// What would have been accepted.
        expected: &'static str,
    },
    /// A policy value (SLA target, business hours, duration) is outside what is accepted.
    ///
    /// Unlike [`ErrorKind::InvalidConfig`] the field is a path built at run time, such as
    /// `sla.urgent.first_reply` or `weekly.mon[1]`, and the value may describe two clashing
    /// entries.
    #[error("invalid policy: {field} must be {expected}, got {value}")]
    InvalidPolicy {
        /// Where the value sits, e.g. `sla.high.next_reply` or `weekly.tue`.
        field: String,
        /// The rejected value, quoted as written where it was text.
        value: String,
        /// What would have been accepted.
        expected: String,
    },
}
