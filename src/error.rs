//! The crate's one error type.
//!
//! Every fallible entry point of realboss (building a validated value, reading JSON, building an
//! analyzer from its configuration) returns [`Error`]. Its [`ErrorKind`] says which class of bad
//! input it was; its message names the field, the bad value and what is accepted.
//!
//! Bad values are quoted in messages in Rust's debug form (so control characters show as escapes)
//! and cut to `MAX_SHOWN_VALUE_CHARS` (80) characters, so a huge bad value cannot produce a huge
//! message.

use std::fmt;

/// Longest bad value, in characters, that an error message repeats; longer values are cut and
/// end in `…`. Long enough to recognise an id or a timestamp, short enough for a log line.
pub(crate) const MAX_SHOWN_VALUE_CHARS: usize = 80;

/// Longest JSON parser message, in characters, that an [`ErrorKind::Json`] keeps: room for
/// serde_json's list of accepted field names, while a huge quoted bad value is still cut.
pub(crate) const MAX_JSON_MESSAGE_CHARS: usize = 400;

/// An error from realboss: what was wrong and how to fix it.
///
/// Match on [`Error::kind`] to react to a class of error; show it with `Display` to tell a
/// person what to fix. The kind is boxed, so an `Error` (and a `Result<T, Error>` around a
/// small `T`) is one pointer wide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: Box<ErrorKind>,
}

impl Error {
    /// Wraps a kind into an error.
    pub fn new(kind: ErrorKind) -> Self {
        Error {
            kind: Box::new(kind),
        }
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

    /// An [`ErrorKind::InvalidValue`] for rejected text, quoted by [`quoted`].
    pub(crate) fn invalid_value(
        field: impl Into<String>,
        value: &str,
        expected: impl Into<String>,
    ) -> Self {
        Error::invalid_shown(field, quoted(value), expected)
    }

    /// An [`ErrorKind::InvalidValue`] for a rejected number, written by [`short_number`].
    pub(crate) fn invalid_number(
        field: impl Into<String>,
        value: f64,
        expected: impl Into<String>,
    ) -> Self {
        Error::invalid_shown(field, short_number(value), expected)
    }

    /// An [`ErrorKind::InvalidValue`] whose value is already written as the message shows it
    /// (a duration, a whole number, a quoted text, or two clashing entries).
    pub(crate) fn invalid_shown(
        field: impl Into<String>,
        value: impl Into<String>,
        expected: impl Into<String>,
    ) -> Self {
        ErrorKind::InvalidValue {
            field: field.into(),
            value: value.into(),
            expected: expected.into(),
        }
        .into()
    }
}

/// Quotes rejected text for a message: cut by [`shown`], then in Rust's debug form (so control
/// characters show as escapes).
pub(crate) fn quoted(value: &str) -> String {
    format!("{:?}", shown(value))
}

/// Largest magnitude written in full by [`short_number`]; larger numbers use an exponent.
const MAX_PLAIN_NUMBER: f64 = 1e16;

/// Smallest non-zero magnitude written in full by [`short_number`]; smaller ones use an
/// exponent.
const MIN_PLAIN_NUMBER: f64 = 1e-6;

/// Writes a number for a message in a short form: as Rust writes it (`1.5`, `-1`, `NaN`,
/// `inf`) when that is short, else in the shortest exponent form that reads back to the same
/// number (`1.79e308`, not 309 digits).
pub(crate) fn short_number(value: f64) -> String {
    let magnitude = value.abs();
    if magnitude.is_finite()
        && magnitude != 0.0
        && !(MIN_PLAIN_NUMBER..MAX_PLAIN_NUMBER).contains(&magnitude)
    {
        format!("{value:e}")
    } else {
        value.to_string()
    }
}

/// Cuts a value to at most `MAX_SHOWN_VALUE_CHARS` (80) characters for an error message.
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
/// String fields hold the bad value as written, cut to `MAX_SHOWN_VALUE_CHARS` (80) characters.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
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

    /// A value outside what is accepted, with the path of its field: a configuration or
    /// policy value out of range (`weights.repeat_contact`, `sla.urgent.first_reply`,
    /// `max_text_bytes`), a duration or interval that does not parse, a contact window that
    /// ends before it starts, a currency that is not three letters, a field that does not
    /// belong.
    #[error("{field} must be {expected}, got {value}")]
    InvalidValue {
        /// Where the value sits, e.g. `weights.lead`, `sla.high.next_reply`, `weekly.mon[1]`,
        /// `max_text_bytes` or `contact_windows.end`.
        field: String,
        /// The rejected value as the message shows it: text quoted in Rust's debug form and
        /// cut to `MAX_SHOWN_VALUE_CHARS` (80) characters, numbers in a short form (`1.79e308`),
        /// durations in their written form (`2h`); for two clashing entries, both.
        value: String,
        /// What is accepted, with the limits of the field.
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
        /// What the JSON parser found wrong (at most `MAX_JSON_MESSAGE_CHARS` (400) characters).
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
    fn an_error_is_one_pointer_wide() {
        assert_eq!(std::mem::size_of::<Error>(), std::mem::size_of::<usize>());
        assert_eq!(
            std::mem::size_of::<Result<(), Error>>(),
            std::mem::size_of::<usize>()
        );
    }

    #[test]
    fn numbers_in_messages_are_short() {
        assert_eq!(short_number(1.5), "1.5");
        assert_eq!(short_number(-1.0), "-1");
        assert_eq!(short_number(0.0), "0");
        assert_eq!(short_number(1e9), "1000000000");
        assert_eq!(short_number(f64::NAN), "NaN");
        assert_eq!(short_number(f64::INFINITY), "inf");
        assert_eq!(short_number(1.79e308), "1.79e308");
        assert_eq!(short_number(-f64::MAX), "-1.7976931348623157e308");
        assert_eq!(short_number(1e-300), "1e-300");
        let err = Error::invalid_number("weights.lead", 1.79e308, "at most 1000");
        assert_eq!(
            err.to_string(),
            "weights.lead must be at most 1000, got 1.79e308"
        );
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
