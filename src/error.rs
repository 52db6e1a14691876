//! The crate's one error type.
//!
//! Every fallible entry point of realboss (building a validated value, reading JSON, building an
//! analyzer from its configuration) returns [`Error`]. Its [`ErrorKind`] says which class of bad
//! input it was; its message names the field, the bad value and what is accepted.
//!
//! Bad values are quoted in messages in Rust's debug form (so control characters show as escapes)
//! and cut to [`MAX_SHOWN_VALUE_CHARS`] characters, so a huge bad value cannot produce a huge
//! message.

use std::fmt;

/// Longest bad value, in characters, that an error message repeats; longer values are cut and
/// end in `…`. Long enough to recognise an id or a timestamp, short enough for a log line.
pub const MAX_SHOWN_VALUE_CHARS: usize = 80;

/// Longest JSON parser message, in characters, that an [`ErrorKind::Json`] keeps: room for
/// serde_json's list of accepted field names, while a huge quoted bad value is still cut.
pub const MAX_JSON_MESSAGE_CHARS: usize = 400;

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
        let error = Error { kind };
        if matches!(error.kind, ErrorKind::InvalidPolicy { .. }) {
            remember_policy_error(&error);
        }
        error
    }

    /// The class of error, with its details.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// Turns a `serde_json` error (syntax, missing field, wrong type) into an [`ErrorKind::Json`].
    pub(crate) fn json(err: &serde_json::Error) -> Self {
        let (line, column) = (err.line(), err.column());
        let mut message = err.to_string();
        // serde_json appends the position to its message; it lives in our own fields instead.
        let suffix = format!(" at line {line} column {column}");
        if message.ends_with(&suffix) {
            message.truncate(message.len() - suffix.len());
        }
        ErrorKind::Json {
            line,
            column,
            message: cut(&message, MAX_JSON_MESSAGE_CHARS),
        }
        .into()
    }

    /// An [`ErrorKind::InvalidValue`] with a value quoted by [`shown`].
    pub(crate) fn invalid_value(
        field: &'static str,
        value: &str,
        expected: impl Into<String>,
    ) -> Self {
        ErrorKind::InvalidValue {
            field,
            value: shown(value),
            expected: expected.into(),
        }
        .into()
    }
}

thread_local! {
    /// The latest policy error built on this thread. serde can only carry a validation error
    /// through a deserializer as text; `Policy::from_json` takes the typed error back from here
    /// so that callers can match on [`ErrorKind::InvalidPolicy`] and its fields.
    static LAST_POLICY_ERROR: std::cell::RefCell<Option<Error>> = const { std::cell::RefCell::new(None) };
}

fn remember_policy_error(error: &Error) {
    LAST_POLICY_ERROR.with(|last| *last.borrow_mut() = Some(error.clone()));
}

/// Forgets the remembered policy error of this thread (call before parsing).
pub(crate) fn forget_policy_error() {
    LAST_POLICY_ERROR.with(|last| last.borrow_mut().take());
}

/// The policy error built on this thread since [`forget_policy_error`], if any.
pub(crate) fn take_policy_error() -> Option<Error> {
    LAST_POLICY_ERROR.with(|last| last.borrow_mut().take())
}

/// Cuts a value to at most [`MAX_SHOWN_VALUE_CHARS`] characters for an error message.
pub(crate) fn shown(value: &str) -> String {
    cut(value, MAX_SHOWN_VALUE_CHARS)
}

fn cut(value: &str, max_chars: usize) -> String {
    match value.char_indices().nth(max_chars) {
        None => value.to_owned(),
        Some((cut, _)) => format!("{}…", &value[..cut]),
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
///
/// String fields hold the bad value as written, cut to [`MAX_SHOWN_VALUE_CHARS`] characters.
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

    /// A name that is not one of an enumeration's variants, e.g. tier `"diamond"`.
    #[error("unknown {field} {value:?}; accepted: {expected}")]
    UnknownVariant {
        /// What was being named, e.g. `tier` or `channel`.
        field: &'static str,
        /// The unknown name.
        value: String,
        /// The accepted names.
        expected: &'static str,
    },

    /// A money amount that is negative, NaN or infinite.
    #[error("{field} must be a finite amount >= 0, got {value}")]
    InvalidMoney {
        /// The money field, e.g. `lifetime_value.amount` (`amount` from [`Money::new`](crate::model::Money::new)).
        field: &'static str,
        /// The rejected amount.
        value: String,
    },

    /// A rating outside its scale, e.g. NPS 11 or 4.5 stars.
    #[error("{scale} must be an integer in {expected}, got {value}")]
    RatingOutOfRange {
        /// The rating scale: `stars`, `CSAT` or `NPS`.
        scale: &'static str,
        /// The rejected rating, as written.
        value: String,
        /// The accepted range, e.g. `0..=10`.
        expected: &'static str,
    },

    /// A timestamp that is not RFC 3339 (or cannot be written as RFC 3339).
    #[error(
        "{field} must be an RFC 3339 timestamp with an offset, such as \
         2026-11-23T21:32:00Z or 2026-11-23T22:32:00+01:00, got {value:?}"
    )]
    InvalidTimestamp {
        /// The timestamp field, e.g. `received_at`.
        field: &'static str,
        /// The rejected text.
        value: String,
    },

    /// A language tag that does not have the shape of a BCP 47 tag.
    #[error(
        "language must be a BCP 47 language tag such as en, es-MX or zh-Hant-TW, \
         got {value:?}: {reason}"
    )]
    InvalidLanguageTag {
        /// The rejected tag.
        value: String,
        /// What is wrong with its shape.
        reason: &'static str,
    },

    /// An id (customer, request or agent) that is empty, too long or holds control characters.
    #[error("{field} must be 1 to 128 bytes without control characters, got {value:?}: {reason}")]
    InvalidId {
        /// Which id, e.g. `request id`.
        field: &'static str,
        /// The rejected id.
        value: String,
        /// What is wrong with it.
        reason: &'static str,
    },

    /// A request holds an event of another customer.
    #[error(
        "request {request:?}: event {index} belongs to customer {found:?}, but the request is \
         from customer {expected:?}; move the event to a request of that customer"
    )]
    ForeignEvent {
        /// The request's id.
        request: String,
        /// The event's position in the request's events, 0-based, after sorting by time.
        index: usize,
        /// The request's customer id.
        expected: String,
        /// The event's customer id.
        found: String,
    },

    /// A request holds an event whose own `request` field names another request.
    #[error(
        "request {request:?}: event {index} names request {found:?}; an event inside a request \
         must name that request or none"
    )]
    MisfiledEvent {
        /// The enclosing request's id.
        request: String,
        /// The event's position in the request's events, 0-based, after sorting by time.
        index: usize,
        /// The request id the event names.
        found: String,
    },

    /// A request with neither (non-blank) text nor any event: nothing to answer.
    #[error(
        "request {request:?} has neither text nor events; give it the customer's message as \
         text or at least one contact event"
    )]
    EmptyRequest {
        /// The request's id.
        request: String,
    },

    /// Two requests of one batch share an id.
    #[error(
        "duplicate request id {request:?} at batch positions {first} and {second} (0-based); \
         request ids must be unique"
    )]
    DuplicateRequestId {
        /// The shared id.
        request: String,
        /// Position of the first request with this id.
        first: usize,
        /// Position of the second one.
        second: usize,
    },

    /// Two requests of one batch carry different profiles for the same customer id.
    #[error(
        "customer {customer:?} has two different profiles, in requests {first_request:?} and \
         {second_request:?} (first difference: {field}); send one profile per customer"
    )]
    ConflictingProfiles {
        /// The customer id.
        customer: String,
        /// The first request carrying this customer.
        first_request: String,
        /// The request whose profile differs from the first one.
        second_request: String,
        /// The first profile field that differs, e.g. `tier`.
        field: &'static str,
    },

    /// A value of the wrong shape not covered by a more specific kind: a contact window that
    /// ends before it starts, a currency that is not three letters, a field that does not belong.
    #[error("{field} must be {expected}, got {value:?}")]
    InvalidValue {
        /// The field, e.g. `currency` or `contact_windows.end`.
        field: &'static str,
        /// The rejected value, as written.
        value: String,
        /// What is accepted.
        expected: String,
    },

    /// Text that is not JSON of the expected shape: a syntax error, a missing required field,
    /// an unknown field or a value of the wrong JSON type.
    #[error("invalid JSON at line {line}, column {column}: {message}")]
    Json {
        /// 1-based line within the parsed text (0 when unknown).
        line: usize,
        /// 1-based column within that line (0 when unknown).
        column: usize,
        /// What the JSON parser found wrong (at most [`MAX_JSON_MESSAGE_CHARS`] characters).
        message: String,
    },

    /// A line of input that is not valid UTF-8.
    #[error(
        "input is not valid UTF-8 (first bad byte at byte offset {valid_up_to} of the line); \
         save the file as UTF-8"
    )]
    InvalidUtf8 {
        /// Number of valid bytes before the first bad one.
        valid_up_to: usize,
    },

    /// Reading the input failed (for example a closed pipe or a disk error).
    #[error("could not read input: {message}")]
    Io {
        /// The I/O error's class.
        kind: std::io::ErrorKind,
        /// The I/O error's message.
        message: String,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_cuts_long_values_on_a_char_boundary() {
        let long = "é".repeat(200);
        let cut = shown(&long);
        assert_eq!(cut.chars().count(), MAX_SHOWN_VALUE_CHARS + 1);
        assert!(cut.ends_with('…'));
        assert_eq!(shown("short"), "short");
    }

    #[test]
    fn json_errors_keep_position_in_fields_not_message() {
        let err = serde_json::from_str::<serde_json::Value>("{\"a\": }").unwrap_err();
        let err = Error::json(&err);
        match err.kind() {
            ErrorKind::Json {
                line,
                column,
                message,
            } => {
                assert_eq!((*line, *column), (1, 7));
                assert!(!message.contains("at line"), "{message}");
            }
            other => panic!("unexpected kind {other:?}"),
        }
    }
}
