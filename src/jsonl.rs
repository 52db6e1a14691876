//! JSON Lines helpers for hosts: read requests, events, feedback or a mixed history of
//! [`Record`]s one per line, and write them.
//!
//! The reader never stops at a bad line: each line gives either a value or a [`LineError`]
//! naming its 1-based line number, and reading continues with the next line. Rules:
//!
//! - Lines end at `\n`; a `\r` before it is ignored. The last line needs no line end.
//! - Blank and whitespace-only lines are skipped (they still count for line numbers).
//! - A UTF-8 byte-order mark at the start of the first line is ignored.
//! - Invalid UTF-8 is an [`ErrorKind::InvalidUtf8`], bad JSON an [`ErrorKind::Json`], a bad value
//!   the kind the model reports (e.g. [`ErrorKind::UnknownVariant`]).
//! - An I/O error is yielded once as an [`ErrorKind::Io`] item (on the line being read), and
//!   then the iterator ends: the source is in an unknown state, so nothing after it is trusted.
//!
//! One line buffer is reused for the whole input; a line is held in memory whole, so memory
//! grows with the longest line, not with the input.
//!
//! ```
//! use realboss::jsonl::read_requests;
//! let inbox = concat!(
//!     r#"{"id": "req-1", "channel": "chat", "received_at": "2026-11-23T21:32:00Z", "text": "Hi!","#,
//!     r#" "customer": {"id": "cus-1", "tier": "standard", "customer_since": "2024-01-31","#,
//!     r#" "lifetime_value": {"amount": 0, "currency": "USD"}}}"#, "\n",
//!     "\n",
//!     "{not json}\n",
//! );
//! let results: Vec<_> = read_requests(inbox.as_bytes()).collect();
//! assert_eq!(results.len(), 2);
//! assert!(results[0].is_ok());
//! let bad = results[1].as_ref().unwrap_err();
//! assert_eq!(bad.line, 3);
//! assert!(bad.to_string().starts_with("line 3: invalid JSON"));
//! ```

use std::fmt;
use std::io::{BufRead, Write};
use std::iter::FusedIterator;
use std::marker::PhantomData;

use serde::Serialize;

use crate::model::{ContactEvent, CustomerProfile, Feedback, Request};
use crate::{Error, ErrorKind};

/// A value that can be read from one line of JSON with its exact error kind.
///
/// Implemented for the model's top-level types; implement it for your own types to read them
/// with [`JsonLines`].
pub trait FromJsonLine: Sized {
    /// Parses one line (without its line end).
    fn from_json_line(line: &str) -> Result<Self, Error>;
}

impl FromJsonLine for Request {
    fn from_json_line(line: &str) -> Result<Self, Error> {
        Request::from_json(line)
    }
}

impl FromJsonLine for ContactEvent {
    fn from_json_line(line: &str) -> Result<Self, Error> {
        ContactEvent::from_json(line)
    }
}

impl FromJsonLine for Feedback {
    fn from_json_line(line: &str) -> Result<Self, Error> {
        Feedback::from_json(line)
    }
}

impl FromJsonLine for CustomerProfile {
    fn from_json_line(line: &str) -> Result<Self, Error> {
        CustomerProfile::from_json(line)
    }
}

/// One line of a mixed history: a customer's profile, a contact event or a feedback message.
///
/// Each line is a JSON object with exactly one key naming the kind, whose value is the model's
/// own JSON form of that kind:
///
/// ```json
/// {"customer": {"id": "cus-1", "tier": "gold", "lifetime_value": {"amount": 90, "currency": "EUR"}, "customer_since": "2020-05-01"}}
/// {"event": {"customer": "cus-1", "at": "2026-11-23T09:00:00Z", "channel": "chat", "direction": "inbound", "kind": {"type": "inquiry"}}}
/// {"feedback": {"customer": "cus-1", "at": "2026-11-23T10:00:00Z", "channel": "email", "text": "Thanks!", "rating": {"csat": 5}}}
/// ```
///
/// A bad inner value keeps its exact [`ErrorKind`] (an unknown tier is
/// [`ErrorKind::UnknownVariant`], …); a JSON parser position in it is given within the whole
/// line. A line that is not an object, or whose object has no key, two keys, or a key other than
/// `customer`, `event` or `feedback`, is an [`ErrorKind::Json`] naming the accepted keys. Read
/// them with [`read_records`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Record {
    /// `{"customer": {...}}`: who a customer is (see [`CustomerProfile`]).
    Customer(CustomerProfile),
    /// `{"event": {...}}`: one step between a customer and us (see [`ContactEvent`]).
    Event(ContactEvent),
    /// `{"feedback": {...}}`: what a customer told us about our service (see [`Feedback`]).
    Feedback(Feedback),
}

/// What a record line's one key may be, for error messages.
const RECORD_KEYS: &str = "one JSON object with exactly one key: `customer`, `event` or `feedback`";

impl FromJsonLine for Record {
    fn from_json_line(line: &str) -> Result<Self, Error> {
        let (key, key_at, start, end) = split_record(line)?;
        let inner = &line[start..end];
        let record = match key.as_str() {
            "customer" => CustomerProfile::from_json(inner).map(Record::Customer),
            "event" => ContactEvent::from_json(inner).map(Record::Event),
            "feedback" => Feedback::from_json(inner).map(Record::Feedback),
            other => {
                return Err(record_error(
                    key_at,
                    format!("unknown record kind `{}`", crate::error::shown(other)),
                ));
            }
        };
        record.map_err(|e| within_line(e, start))
    }
}

/// Finds a record line's only key, where it starts, and the byte range of its value.
///
/// The line is first checked as JSON as a whole, so a syntax error reports the parser's own
/// message and position; then its top level is walked by hand, because the inner value must
/// be parsed by the model's `from_json` to keep its exact error kind.
fn split_record(line: &str) -> Result<(String, usize, usize, usize), Error> {
    serde_json::from_str::<serde::de::IgnoredAny>(line).map_err(|e| Error::json(&e))?;
    let bytes = line.as_bytes();
    let skip_ws = |mut i: usize| {
        while bytes
            .get(i)
            .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
        {
            i += 1;
        }
        i
    };
    let open = skip_ws(0);
    if bytes.get(open) != Some(&b'{') {
        return Err(record_error(open, "not a JSON object".to_owned()));
    }
    // Valid JSON, so the key, the colon and the value are where the grammar puts them.
    let key_at = skip_ws(open + 1);
    if bytes.get(key_at) == Some(&b'}') {
        return Err(record_error(key_at, "an empty object".to_owned()));
    }
    let (key, after_key) = parse_prefix::<String>(line, key_at)?;
    let start = skip_ws(skip_ws(after_key) + 1);
    let (_, end) = parse_prefix::<serde::de::IgnoredAny>(line, start)?;
    let after = skip_ws(end);
    if bytes.get(after) == Some(&b',') {
        let second_at = skip_ws(after + 1);
        let (second, _) = parse_prefix::<String>(line, second_at)?;
        return Err(record_error(
            second_at,
            format!(
                "a second key `{}` after `{}`",
                crate::error::shown(&second),
                crate::error::shown(&key)
            ),
        ));
    }
    Ok((key, key_at, start, end))
}

/// Parses one JSON value at byte `at` of `line`; gives it and the byte just after it.
fn parse_prefix<T: serde::de::DeserializeOwned>(
    line: &str,
    at: usize,
) -> Result<(T, usize), Error> {
    let mut values = serde_json::Deserializer::from_str(&line[at..]).into_iter::<T>();
    match values.next() {
        Some(Ok(value)) => Ok((value, at + values.byte_offset())),
        Some(Err(e)) => Err(within_line(Error::json(&e), at)),
        None => Err(record_error(at, "nothing".to_owned())),
    }
}

/// An [`ErrorKind::Json`] for a record line of the wrong shape, at byte `at` of the line.
fn record_error(at: usize, found: String) -> Error {
    ErrorKind::Json {
        line: 1,
        // Bytes, as serde_json counts its columns.
        column: at + 1,
        message: format!("found {found}; a record line is {RECORD_KEYS}"),
    }
    .into()
}

/// Moves a JSON parser position found in the text starting at byte `start` of a line so that
/// it counts from the line's start; other errors are returned as they are.
fn within_line(error: Error, start: usize) -> Error {
    match error.kind() {
        ErrorKind::Json {
            line: 1,
            column,
            message,
        } if start > 0 => ErrorKind::Json {
            line: 1,
            column: column + start,
            message: message.clone(),
        }
        .into(),
        _ => error,
    }
}

/// A bad line of JSON Lines input: its 1-based line number and what was wrong.
///
/// Displays as `line 7: <error>`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LineError {
    /// 1-based line number in the input (blank lines count).
    pub line: usize,
    /// What was wrong with the line.
    pub error: Error,
}

impl LineError {
    /// The error's kind, a shortcut for `self.error.kind()`.
    pub fn kind(&self) -> &ErrorKind {
        self.error.kind()
    }
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.error)
    }
}

impl std::error::Error for LineError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

/// An iterator over the values of a JSON Lines input; see the [module docs](self) for the rules.
#[derive(Debug)]
pub struct JsonLines<R, T> {
    reader: R,
    buf: Vec<u8>,
    line: usize,
    done: bool,
    _values: PhantomData<fn() -> T>,
}

impl<R: BufRead, T: FromJsonLine> JsonLines<R, T> {
    /// Reads values of type `T` from `reader`, one per line.
    pub fn new(reader: R) -> Self {
        JsonLines {
            reader,
            buf: Vec::new(),
            line: 0,
            done: false,
            _values: PhantomData,
        }
    }

    /// Number of lines read so far (the line number of the last item yielded).
    pub fn lines_read(&self) -> usize {
        self.line
    }

    fn parse_current(&self) -> Option<Result<T, Error>> {
        let mut bytes = self.buf.as_slice();
        if let Some(rest) = bytes.strip_suffix(b"\n") {
            bytes = rest;
        }
        if let Some(rest) = bytes.strip_suffix(b"\r") {
            bytes = rest;
        }
        if self.line == 1
            && let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF")
        {
            bytes = rest;
        }
        // JSON's own whitespace; a line of only that holds no value.
        if bytes
            .iter()
            .all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
        {
            return None;
        }
        Some(match std::str::from_utf8(bytes) {
            Ok(text) => T::from_json_line(text),
            Err(e) => Err(ErrorKind::InvalidUtf8 {
                valid_up_to: e.valid_up_to(),
            }
            .into()),
        })
    }
}

impl<R: BufRead, T: FromJsonLine> Iterator for JsonLines<R, T> {
    type Item = Result<T, LineError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.buf.clear();
            self.line += 1;
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => {
                    self.line -= 1;
                    self.done = true;
                }
                Ok(_) => {
                    if let Some(result) = self.parse_current() {
                        return Some(result.map_err(|error| LineError {
                            line: self.line,
                            error,
                        }));
                    }
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(LineError {
                        line: self.line,
                        error: ErrorKind::Io {
                            kind: e.kind(),
                            message: e.to_string(),
                        }
                        .into(),
                    }));
                }
            }
        }
        None
    }
}

impl<R: BufRead, T: FromJsonLine> FusedIterator for JsonLines<R, T> {}

/// Reads [`Request`]s, one JSON object per line.
pub fn read_requests<R: BufRead>(reader: R) -> JsonLines<R, Request> {
    JsonLines::new(reader)
}

/// Reads [`ContactEvent`]s, one JSON object per line.
pub fn read_events<R: BufRead>(reader: R) -> JsonLines<R, ContactEvent> {
    JsonLines::new(reader)
}

/// Reads [`Feedback`], one JSON object per line.
pub fn read_feedback<R: BufRead>(reader: R) -> JsonLines<R, Feedback> {
    JsonLines::new(reader)
}

/// Reads [`Record`]s, a mixed history of customers, events and feedback, one per line.
///
/// ```
/// use realboss::jsonl::{Record, read_records};
/// use realboss::ErrorKind;
/// let history = concat!(
///     r#"{"customer": {"id": "cus-1", "tier": "gold", "customer_since": "2020-05-01","#,
///     r#" "lifetime_value": {"amount": 90, "currency": "EUR"}}}"#, "\n",
///     r#"{"event": {"customer": "cus-1", "at": "2026-11-23T09:00:00Z", "channel": "chat","#,
///     r#" "direction": "inbound", "kind": {"type": "inquiry"}, "text": "Where is my order?"}}"#, "\n",
///     r#"{"feedback": {"customer": "cus-1", "at": "2026-11-23T10:00:00Z", "channel": "email","#,
///     r#" "text": "Quick answer, thanks!", "rating": {"csat": 5}}}"#, "\n",
///     r#"{"order": {"id": "o-1"}}"#, "\n",
///     r#"{"customer": {"id": "cus-2", "tier": "diamond", "customer_since": "2020-05-01","#,
///     r#" "lifetime_value": {"amount": 0, "currency": "EUR"}}}"#, "\n",
/// );
/// let records: Vec<_> = read_records(history.as_bytes()).collect();
/// assert!(matches!(records[0], Ok(Record::Customer(_))));
/// assert!(matches!(records[1], Ok(Record::Event(_))));
/// assert!(matches!(records[2], Ok(Record::Feedback(_))));
/// let unknown = records[3].as_ref().unwrap_err();
/// assert!(matches!(unknown.kind(), ErrorKind::Json { .. }));
/// assert!(unknown.to_string().contains("`customer`, `event` or `feedback`"));
/// let bad_tier = records[4].as_ref().unwrap_err();
/// assert!(matches!(bad_tier.kind(), ErrorKind::UnknownVariant { .. }));
/// ```
pub fn read_records<R: BufRead>(reader: R) -> JsonLines<R, Record> {
    JsonLines::new(reader)
}

/// Writes one value as a line of JSON (compact, ending in `\n`).
///
/// Fails with [`ErrorKind::Io`] if writing fails, or [`ErrorKind::InvalidValue`] if the value
/// cannot be written as JSON (a timestamp outside the years 0000–9999). Wrap a file in a
/// `BufWriter`: this makes several small writes per value.
///
/// ```
/// use realboss::jsonl::{read_requests, write_line};
/// let line = r#"{"id": "req-1", "channel": "chat", "received_at": "2026-11-23T21:32:00Z",
///   "text": "Hi!", "customer": {"id": "cus-1", "tier": "standard",
///   "customer_since": "2024-01-31", "lifetime_value": {"amount": 0, "currency": "USD"}}}"#;
/// let request = realboss::model::Request::from_json(line)?;
/// let mut out = Vec::new();
/// write_line(&mut out, &request)?;
/// let back: Vec<_> = read_requests(out.as_slice()).collect();
/// assert_eq!(back, vec![Ok(request)]);
/// # Ok::<(), realboss::Error>(())
/// ```
pub fn write_line<W: Write, T: Serialize + ?Sized>(mut writer: W, value: &T) -> Result<(), Error> {
    serde_json::to_writer(&mut writer, value).map_err(|e| {
        if let Some(kind) = e.io_error_kind() {
            io_error(kind, &e)
        } else {
            Error::invalid_value(
                "value",
                &e.to_string(),
                "a value that can be written as JSON",
            )
        }
    })?;
    writer.write_all(b"\n").map_err(|e| io_error(e.kind(), &e))
}

fn io_error(kind: std::io::ErrorKind, e: &dyn fmt::Display) -> Error {
    ErrorKind::Io {
        kind,
        message: e.to_string(),
    }
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{self, Read};

    /// A reader that fails after `good` bytes.
    struct Broken<'a> {
        good: &'a [u8],
    }

    impl Read for Broken<'_> {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            if self.good.is_empty() {
                return Err(io::Error::other("disk on fire"));
            }
            let n = self.good.len().min(out.len());
            out[..n].copy_from_slice(&self.good[..n]);
            self.good = &self.good[n..];
            Ok(n)
        }
    }

    const FEEDBACK: &str = r#"{"customer": "cus-1", "at": "2026-11-23T21:32:00Z", "channel": "email", "rating": {"nps": 9}}"#;

    #[test]
    fn io_errors_are_reported_once_then_reading_stops() {
        let input = format!("{FEEDBACK}\n");
        let reader = io::BufReader::new(Broken {
            good: input.as_bytes(),
        });
        let items: Vec<_> = read_feedback(reader).collect();
        assert_eq!(items.len(), 2);
        assert!(items[0].is_ok());
        let err = items[1].as_ref().unwrap_err();
        assert_eq!(err.line, 2);
        assert!(matches!(err.kind(), ErrorKind::Io { .. }));
        assert!(err.to_string().contains("disk on fire"));
    }

    #[test]
    fn crlf_bom_blank_lines_and_missing_final_newline() {
        let input = format!("\u{feff}{FEEDBACK}\r\n   \r\n\t\n{FEEDBACK}");
        let items: Vec<_> = read_feedback(input.as_bytes()).collect();
        assert_eq!(items.len(), 2);
        assert!(items.iter().all(Result::is_ok), "{items:?}");
    }

    #[test]
    fn invalid_utf8_is_reported_with_its_line_and_reading_goes_on() {
        let mut input = format!("{FEEDBACK}\n").into_bytes();
        input.extend_from_slice(b"{\"customer\": \"\xff\"}\n");
        input.extend_from_slice(format!("{FEEDBACK}\n").as_bytes());
        let items: Vec<_> = read_feedback(input.as_slice()).collect();
        assert_eq!(items.len(), 3);
        let err = items[1].as_ref().unwrap_err();
        assert_eq!(err.line, 2);
        assert_eq!(err.kind(), &ErrorKind::InvalidUtf8 { valid_up_to: 14 });
        assert!(items[2].is_ok());
    }

    const CUSTOMER: &str = r#"{"id": "cus-1", "tier": "gold", "customer_since": "2020-05-01", "lifetime_value": {"amount": 90, "currency": "EUR"}}"#;
    const EVENT: &str = r#"{"customer": "cus-1", "at": "2026-11-23T09:00:00Z", "channel": "chat", "direction": "inbound", "kind": {"type": "inquiry"}}"#;

    fn record(line: &str) -> Result<Record, Error> {
        Record::from_json_line(line)
    }

    #[test]
    fn records_of_each_kind_read_as_the_model_reads_them() {
        let customer = record(&format!(r#"{{"customer": {CUSTOMER}}}"#)).unwrap();
        assert_eq!(
            customer,
            Record::Customer(CustomerProfile::from_json(CUSTOMER).unwrap())
        );
        let event = record(&format!(r#"  {{ "event" :{EVENT} }} "#)).unwrap();
        assert_eq!(
            event,
            Record::Event(ContactEvent::from_json(EVENT).unwrap())
        );
        let feedback = record(&format!(r#"{{"feedback": {FEEDBACK}}}"#)).unwrap();
        assert_eq!(
            feedback,
            Record::Feedback(Feedback::from_json(FEEDBACK).unwrap())
        );
    }

    fn json_error(line: &str) -> (usize, usize, String) {
        match record(line).unwrap_err().kind() {
            ErrorKind::Json {
                line,
                column,
                message,
            } => (*line, *column, message.clone()),
            other => panic!("{line}: expected a JSON error, got {other:?}"),
        }
    }

    #[test]
    fn lines_of_the_wrong_shape_name_the_accepted_keys() {
        let two = format!(r#"{{"event": {EVENT}, "feedback": {FEEDBACK}}}"#);
        let cases: [(&str, &str); 6] = [
            (r#"{"order": {"id": 1}}"#, "unknown record kind `order`"),
            ("{}", "an empty object"),
            (" { } ", "an empty object"),
            (r#"[{"event": {}}]"#, "not a JSON object"),
            ("42", "not a JSON object"),
            (&two, "a second key `feedback` after `event`"),
        ];
        for (line, found) in cases {
            let (_, column, message) = json_error(line);
            assert!(message.contains(found), "{line}: {message}");
            // An unknown kind is pointed at: the column of its key's opening quote.
            if found.starts_with("unknown") {
                assert_eq!(column, line.find('"').unwrap() + 1, "{line}");
            }
            assert!(
                message.contains("exactly one key: `customer`, `event` or `feedback`"),
                "{line}: {message}"
            );
        }
    }

    #[test]
    fn syntax_errors_keep_the_parsers_message_and_position() {
        let (line, column, message) = json_error(r#"{"event": {"customer": }}"#);
        assert_eq!((line, column), (1, 24));
        assert!(message.contains("expected value"), "{message}");
    }

    #[test]
    fn a_bad_inner_value_keeps_its_kind_and_its_position_counts_from_the_line_start() {
        let bad_tier = CUSTOMER.replace("gold", "diamond");
        let err = record(&format!(r#"{{"customer": {bad_tier}}}"#)).unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::UnknownVariant { .. }),
            "{err}"
        );
        let bad_rating = FEEDBACK.replace(r#""nps": 9"#, r#""nps": 11"#);
        let err = record(&format!(r#"{{"feedback": {bad_rating}}}"#)).unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::RatingOutOfRange { .. }),
            "{err}"
        );
        // A missing field is found by the parser at the end of the inner object.
        let inner = r#"{"customer": "cus-1"}"#;
        let line = format!(r#"{{"event": {inner}}}"#);
        let (_, column, message) = json_error(&line);
        assert!(message.contains("missing field"), "{message}");
        assert_eq!(column, line.find(inner).unwrap() + inner.len());
    }

    #[test]
    fn read_records_reports_bad_lines_and_goes_on() {
        let input = format!(
            "{{\"customer\": {CUSTOMER}}}\n{{\"evnt\": {EVENT}}}\n\n{{\"event\": {EVENT}}}\n"
        );
        let items: Vec<_> = read_records(input.as_bytes()).collect();
        assert_eq!(items.len(), 3);
        assert!(matches!(items[0], Ok(Record::Customer(_))));
        let err = items[1].as_ref().unwrap_err();
        assert_eq!(err.line, 2);
        assert!(
            err.to_string().contains("unknown record kind `evnt`"),
            "{err}"
        );
        assert!(matches!(items[2], Ok(Record::Event(_))));
    }

    #[test]
    fn write_line_reports_io_errors() {
        struct Full;
        impl Write for Full {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::new(io::ErrorKind::StorageFull, "no space"))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let feedback = Feedback::from_json(FEEDBACK).unwrap();
        let err = write_line(Full, &feedback).unwrap_err();
        assert!(matches!(
            err.kind(),
            ErrorKind::Io {
                kind: io::ErrorKind::StorageFull,
                ..
            }
        ));
    }
}
