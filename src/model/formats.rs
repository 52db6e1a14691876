//! Text forms of times and dates in JSON, shared by the model's types.
//!
//! Parsing returns realboss errors with the exact kind; the `serialize_*` functions plug into
//! `#[serde(serialize_with = ...)]`.

use serde::Serializer;
use time::format_description::well_known::Rfc3339;
use time::{Date, Month, OffsetDateTime, Time, UtcOffset};

use crate::error::shown;
use crate::{Error, ErrorKind};

/// Parses an RFC 3339 timestamp such as `2026-11-23T21:32:00Z`.
///
/// The instant must also exist in UTC within the `time` crate's range: RFC 3339 allows
/// `9999-12-31T23:59:59-23:59`, whose UTC form falls in the year 10000, and such a value would
/// make every later change of offset (to the customer's clock, to UTC) panic.
pub(crate) fn parse_timestamp(field: &'static str, text: &str) -> Result<OffsetDateTime, Error> {
    let at = OffsetDateTime::parse(text, &Rfc3339).map_err(|_| {
        Error::from(ErrorKind::InvalidTimestamp {
            field,
            value: shown(text),
        })
    })?;
    if at.checked_to_offset(UtcOffset::UTC).is_none() {
        return Err(Error::invalid_value(
            field,
            text,
            "an instant no later than 9999-12-31T23:59:59Z (this offset moves it past the year 9999)",
        ));
    }
    Ok(at)
}

/// Checks that a timestamp given through the API can be written as RFC 3339 and read back, so
/// a value that passed validation always survives a JSON round trip.
pub(crate) fn check_timestamp(field: &'static str, at: OffsetDateTime) -> Result<(), Error> {
    let text = format_timestamp(at).map_err(|_| unwritable(field, at))?;
    parse_timestamp(field, &text).map(drop)
}

/// The error for a timestamp RFC 3339 cannot write.
fn unwritable(field: &'static str, at: OffsetDateTime) -> Error {
    Error::invalid_value(
        field,
        &at.to_string(),
        "a time in the years 0000 to 9999 (RFC 3339 cannot write others)",
    )
}

/// Writes a timestamp as RFC 3339.
///
/// RFC 3339 cannot carry an offset with seconds or above 23 hours; such a timestamp is written
/// as the same instant in UTC. Years outside 0000..=9999 cannot be written at all and give an
/// error.
pub(crate) fn format_timestamp(at: OffsetDateTime) -> Result<String, Error> {
    let (hours, _, seconds) = at.offset().as_hms();
    let at = if seconds != 0 || hours.unsigned_abs() > 23 {
        // Checked: near the end of the year 9999 the UTC form may be out of range.
        at.checked_to_offset(UtcOffset::UTC)
            .ok_or_else(|| unwritable("timestamp", at))?
    } else {
        at
    };
    at.format(&Rfc3339).map_err(|_| unwritable("timestamp", at))
}

pub(crate) fn serialize_timestamp<S: Serializer>(
    at: &OffsetDateTime,
    s: S,
) -> Result<S::Ok, S::Error> {
    let text = format_timestamp(*at).map_err(serde::ser::Error::custom)?;
    s.serialize_str(&text)
}

pub(crate) fn serialize_opt_timestamp<S: Serializer>(
    at: &Option<OffsetDateTime>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match at {
        Some(at) => serialize_timestamp(at, s),
        None => s.serialize_none(),
    }
}

pub(crate) fn parse_opt_timestamp(
    field: &'static str,
    text: Option<&str>,
) -> Result<Option<OffsetDateTime>, Error> {
    text.map(|t| parse_timestamp(field, t)).transpose()
}

/// Reads exactly `N` ASCII digits as a number.
fn digits<const N: usize>(bytes: &[u8]) -> Option<u32> {
    if bytes.len() != N || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(bytes.iter().fold(0, |n, b| n * 10 + u32::from(b - b'0')))
}

/// Parses a calendar date written `YYYY-MM-DD`.
pub(crate) fn parse_date(field: &'static str, text: &str) -> Result<Date, Error> {
    let bad = || Error::invalid_value(field, text, "a real calendar date written YYYY-MM-DD");
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(bad());
    }
    let year = digits::<4>(&b[..4]).ok_or_else(bad)?;
    let month = digits::<2>(&b[5..7]).ok_or_else(bad)?;
    let day = digits::<2>(&b[8..]).ok_or_else(bad)?;
    let month = u8::try_from(month)
        .ok()
        .and_then(|m| Month::try_from(m).ok())
        .ok_or_else(bad)?;
    // Four digits always fit an i32 and the `time` year range.
    Date::from_calendar_date(year as i32, month, day as u8).map_err(|_| bad())
}

/// Checks that a date given through the API can be written as `YYYY-MM-DD` (years 0..=9999).
pub(crate) fn check_date(field: &'static str, date: Date) -> Result<(), Error> {
    if !(0..=9999).contains(&date.year()) {
        return Err(Error::invalid_value(
            field,
            &format_date(date),
            "a date in the years 0000 to 9999 (YYYY-MM-DD cannot write others)",
        ));
    }
    Ok(())
}

/// Writes a date as `YYYY-MM-DD`; a year outside 0..=9999 (only in error messages: validated
/// values never have one) is written with its sign and at least four digits, e.g. `-0005`.
pub(crate) fn format_date(date: Date) -> String {
    let (year, month, day) = (date.year(), u8::from(date.month()), date.day());
    if (0..=9999).contains(&year) {
        format!("{year:04}-{month:02}-{day:02}")
    } else {
        format!("{year:+05}-{month:02}-{day:02}")
    }
}

pub(crate) fn serialize_date<S: Serializer>(date: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format_date(*date))
}

pub(crate) fn serialize_opt_date<S: Serializer>(
    date: &Option<Date>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match date {
        Some(date) => serialize_date(date, s),
        None => s.serialize_none(),
    }
}

/// Parses a time of day written `HH:MM` or `HH:MM:SS` (24-hour clock).
pub(crate) fn parse_time_of_day(field: &'static str, text: &str) -> Result<Time, Error> {
    let bad = || Error::invalid_value(field, text, "a time of day written HH:MM such as 09:00");
    let b = text.as_bytes();
    let (hm, sec) = match b.len() {
        5 => (b, None),
        8 if b[5] == b':' => (&b[..5], Some(&b[6..])),
        _ => return Err(bad()),
    };
    if hm[2] != b':' {
        return Err(bad());
    }
    let hour = digits::<2>(&hm[..2]).ok_or_else(bad)?;
    let minute = digits::<2>(&hm[3..]).ok_or_else(bad)?;
    let second = match sec {
        Some(sec) => digits::<2>(sec).ok_or_else(bad)?,
        None => 0,
    };
    Time::from_hms(hour as u8, minute as u8, second as u8).map_err(|_| bad())
}

/// Writes a time of day as `HH:MM`, or `HH:MM:SS` when it has seconds (sub-seconds are not
/// written; contact windows reject them).
pub(crate) fn format_time_of_day(t: Time) -> String {
    if t.second() == 0 {
        format!("{:02}:{:02}", t.hour(), t.minute())
    } else {
        format!("{:02}:{:02}:{:02}", t.hour(), t.minute(), t.second())
    }
}

pub(crate) fn serialize_time_of_day<S: Serializer>(t: &Time, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format_time_of_day(*t))
}

/// Parses a UTC offset written `+HH:MM` or `-HH:MM` (hours 00..=23).
pub(crate) fn parse_offset(field: &'static str, text: &str) -> Result<UtcOffset, Error> {
    let bad = || Error::invalid_value(field, text, "a UTC offset written +HH:MM or -HH:MM");
    let b = text.as_bytes();
    if b.len() != 6 || b[3] != b':' {
        return Err(bad());
    }
    let sign: i8 = match b[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return Err(bad()),
    };
    let hours = digits::<2>(&b[1..3]).filter(|h| *h <= 23).ok_or_else(bad)?;
    let minutes = digits::<2>(&b[4..]).filter(|m| *m <= 59).ok_or_else(bad)?;
    UtcOffset::from_hms(sign * hours as i8, sign * minutes as i8, 0).map_err(|_| bad())
}

/// Checks that an offset can be written as `+HH:MM`.
pub(crate) fn check_offset(field: &'static str, offset: UtcOffset) -> Result<UtcOffset, Error> {
    let (h, _, s) = offset.as_hms();
    if s != 0 || h.unsigned_abs() > 23 {
        return Err(Error::invalid_value(
            field,
            &offset.to_string(),
            "a UTC offset of whole minutes within ±23:59",
        ));
    }
    Ok(offset)
}

/// Writes an offset as `+HH:MM` / `-HH:MM` (UTC is `+00:00`).
pub(crate) fn format_offset(offset: UtcOffset) -> String {
    let (h, m, _) = offset.as_hms();
    let sign = if offset.is_negative() { '-' } else { '+' };
    format!("{sign}{:02}:{:02}", h.unsigned_abs(), m.unsigned_abs())
}

pub(crate) fn serialize_offset<S: Serializer>(o: &UtcOffset, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format_offset(*o))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime, offset, time};

    #[test]
    fn timestamps_round_trip_and_reject_non_rfc3339() {
        let at = parse_timestamp("at", "2026-11-23T21:32:00Z").unwrap();
        assert_eq!(at, datetime!(2026-11-23 21:32 UTC));
        assert_eq!(format_timestamp(at).unwrap(), "2026-11-23T21:32:00Z");
        let local = parse_timestamp("at", "2026-11-23T22:32:00+01:00").unwrap();
        assert_eq!(local, at);
        assert_eq!(
            format_timestamp(local).unwrap(),
            "2026-11-23T22:32:00+01:00"
        );
        for bad in ["2026-11-23 21:32", "2026-11-23T21:32:00", "yesterday", ""] {
            let err = parse_timestamp("at", bad).unwrap_err();
            assert!(
                matches!(err.kind(), ErrorKind::InvalidTimestamp { .. }),
                "{bad}"
            );
        }
    }

    #[test]
    fn offsets_with_seconds_are_written_in_utc() {
        let odd = datetime!(2026-11-23 21:32 UTC).to_offset(offset!(+01:00:30));
        assert_eq!(format_timestamp(odd).unwrap(), "2026-11-23T21:32:00Z");
        let far = datetime!(2026-11-23 21:32 UTC).replace_year(-5).unwrap();
        assert!(format_timestamp(far).is_err());
    }

    #[test]
    fn dates_times_and_offsets_parse_strictly() {
        assert_eq!(
            parse_date("d", "2019-04-02").unwrap(),
            date!(2019 - 04 - 02)
        );
        assert_eq!(format_date(date!(2019 - 04 - 02)), "2019-04-02");
        assert_eq!(format_date(date!(-5 - 01 - 01)), "-0005-01-01");
        for bad in [
            "2019-02-30",
            "2019-4-02",
            "+019-04-02",
            "2019-04-02x",
            "2019/04/02",
        ] {
            assert!(parse_date("d", bad).is_err(), "{bad}");
        }
        assert_eq!(parse_time_of_day("t", "09:05").unwrap(), time!(9:05));
        assert_eq!(parse_time_of_day("t", "23:59:30").unwrap(), time!(23:59:30));
        assert_eq!(format_time_of_day(time!(17:30)), "17:30");
        for bad in ["24:00", "9:00", "09:60", "09:00:60", "0900", "09:00:0"] {
            assert!(parse_time_of_day("t", bad).is_err(), "{bad}");
        }
        assert_eq!(parse_offset("o", "-06:00").unwrap(), offset!(-6));
        assert_eq!(parse_offset("o", "+05:30").unwrap(), offset!(+5:30));
        assert_eq!(parse_offset("o", "-00:30").unwrap(), offset!(-0:30));
        assert_eq!(format_offset(offset!(-0:30)), "-00:30");
        assert_eq!(format_offset(offset!(UTC)), "+00:00");
        for bad in ["Z", "+5:30", "+24:00", "05:30", "+05:60", "+0530"] {
            assert!(parse_offset("o", bad).is_err(), "{bad}");
        }
    }
}
