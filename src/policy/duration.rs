//! [`HumanDuration`]: whole-second durations written as `"15m"`, `"1h30m"`, `"1d 4h"`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{invalid, quote};
use crate::Error;

/// What a duration must look like, for error messages.
const EXPECTED_FORM: &str = "a duration written as <integer><unit> parts, largest unit first, each \
     unit at most once, units w (weeks), d (days), h (hours), m (minutes), s (seconds), e.g. \
     \"15m\", \"1h30m\" or \"1d 4h\"";

/// The units, largest first, with their length in seconds. A week is 7 days, a day 24 hours:
/// these are spans of elapsed time, not calendar units.
const UNITS: [(u8, u64); 5] = [
    (b'w', 7 * 86_400),
    (b'd', 86_400),
    (b'h', 3_600),
    (b'm', 60),
    (b's', 1),
];

/// A non-negative span of time in whole seconds, written in a human form such as `"15m"`,
/// `"2h"`, `"1h30m"` or `"1d 4h"`.
///
/// This is how a policy file states SLA targets and waits. The written form is a sequence of
/// `<integer><unit>` parts:
///
/// - units are `w` (week = 7 days), `d` (day = 24 hours), `h`, `m` and `s`, lower case only;
/// - parts go from the largest unit to the smallest, each unit at most once (`"1h30m"`, not
///   `"30m1h"` or `"1h 1h"`), which catches swapped or doubled parts in hand-written files;
/// - a part's integer is ASCII digits (leading zeros allowed) and may exceed the next unit
///   (`"90m"` is accepted and means `1h30m`);
/// - parts may be separated, and the whole surrounded, by ASCII whitespace; there is no space
///   between a number and its unit;
/// - no sign, no fractions (`"1.5h"` is rejected: write `"1h30m"`), at least one part (zero is
///   `"0s"`).
///
/// [`Display`](fmt::Display) writes the canonical form: largest units first, zero parts left
/// out, no spaces, and `"0s"` for zero; so `"90m"` is written `"1h30m"` and `"72h"` is `"3d"`.
/// Serde reads and writes that string.
///
/// The largest value is [`HumanDuration::MAX`] (`i64::MAX` seconds, about 292 billion years),
/// so that every value converts to [`time::Duration`] without loss. Anything larger, including
/// a part whose number overflows, is an error rather than a wrapped value.
///
/// ```
/// use realboss::policy::HumanDuration;
///
/// let target: HumanDuration = "1h 30m".parse()?;
/// assert_eq!(target.as_secs(), 5_400);
/// assert_eq!(target.to_string(), "1h30m");
/// assert_eq!("90m".parse::<HumanDuration>()?, target);
///
/// let err = "1.5h".parse::<HumanDuration>().unwrap_err();
/// assert!(err.to_string().contains("\"1.5h\""));
/// # Ok::<(), realboss::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HumanDuration(u64);

impl HumanDuration {
    /// No time at all, written `"0s"`.
    pub const ZERO: HumanDuration = HumanDuration(0);

    /// The longest duration accepted: `i64::MAX` seconds, written `"15250284452471w3d15h30m7s"`,
    /// the most [`time::Duration`] holds in whole seconds.
    pub const MAX: HumanDuration = HumanDuration(i64::MAX as u64);

    /// A duration of `secs` seconds.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) when `secs` is larger
    /// than [`HumanDuration::MAX`].
    pub fn from_secs(secs: u64) -> Result<Self, Error> {
        if secs > Self::MAX.0 {
            return Err(invalid(
                "duration",
                format!("{secs} seconds"),
                format!("at most {} seconds", Self::MAX.0),
            ));
        }
        Ok(HumanDuration(secs))
    }

    /// A duration of `minutes` whole minutes; never fails because any `u32` count fits.
    pub const fn from_mins(minutes: u32) -> Self {
        HumanDuration(minutes as u64 * 60)
    }

    /// A duration of `hours` whole hours; never fails because any `u32` count fits.
    pub const fn from_hours(hours: u32) -> Self {
        HumanDuration(hours as u64 * 3_600)
    }

    /// A duration of `days` days of 24 hours; never fails because any `u32` count fits.
    pub const fn from_days(days: u32) -> Self {
        HumanDuration(days as u64 * 86_400)
    }

    /// The length in seconds, `0..=i64::MAX`.
    pub const fn as_secs(self) -> u64 {
        self.0
    }

    /// Whether this is zero.
    pub const fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// The same span as a [`time::Duration`] (always positive or zero, never truncated).
    pub const fn as_duration(self) -> time::Duration {
        // The invariant `self.0 <= i64::MAX` makes this cast exact.
        time::Duration::seconds(self.0 as i64)
    }
}

impl From<HumanDuration> for time::Duration {
    fn from(value: HumanDuration) -> Self {
        value.as_duration()
    }
}

impl From<HumanDuration> for std::time::Duration {
    fn from(value: HumanDuration) -> Self {
        std::time::Duration::from_secs(value.0)
    }
}

impl TryFrom<time::Duration> for HumanDuration {
    type Error = Error;

    /// Converts a [`time::Duration`] of whole seconds.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) when the duration is
    /// negative or has a fractional second (nothing is rounded away silently).
    fn try_from(value: time::Duration) -> Result<Self, Error> {
        if value.is_negative() || value.subsec_nanoseconds() != 0 {
            return Err(invalid(
                "duration",
                format!("{value}"),
                "a non-negative duration in whole seconds",
            ));
        }
        // Non-negative whole seconds of a `time::Duration` are at most `i64::MAX`.
        Ok(HumanDuration(value.whole_seconds().unsigned_abs()))
    }
}

impl fmt::Display for HumanDuration {
    /// Writes the canonical form: largest units first, zero parts left out, `"0s"` for zero.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 == 0 {
            return f.write_str("0s");
        }
        let mut rest = self.0;
        for (unit, secs) in UNITS {
            let count = rest / secs;
            if count > 0 {
                write!(f, "{count}{}", char::from(unit))?;
                rest -= count * secs;
            }
        }
        Ok(())
    }
}

impl FromStr for HumanDuration {
    type Err = Error;

    /// Parses the human form described on [`HumanDuration`].
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) with field `duration`,
    /// the quoted text and the accepted form, when the text is empty, has a sign, a fraction,
    /// a part without unit, an unknown unit, units out of order or repeated, or a total above
    /// [`HumanDuration::MAX`].
    fn from_str(text: &str) -> Result<Self, Error> {
        HumanDuration::parse(text, "duration")
    }
}

impl HumanDuration {
    /// Parses the human form, naming `field` in the error (see [`FromStr`]).
    fn parse(text: &str, field: &str) -> Result<Self, Error> {
        let bad = |expected: &str| invalid(field, quote(text), expected);
        let bytes = text.as_bytes();
        let mut at = 0;
        let mut total: u64 = 0;
        // Index in `UNITS` of the previous part's unit; the next must come strictly later.
        let mut previous_unit: Option<usize> = None;
        loop {
            while at < bytes.len() && bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            if at == bytes.len() {
                break;
            }
            let digits_start = at;
            let mut count: u64 = 0;
            while at < bytes.len() && bytes[at].is_ascii_digit() {
                count = count
                    .checked_mul(10)
                    .and_then(|c| c.checked_add(u64::from(bytes[at] - b'0')))
                    .ok_or_else(|| bad(&too_long()))?;
                at += 1;
            }
            if at == digits_start {
                return Err(bad(EXPECTED_FORM));
            }
            let Some(unit) = bytes
                .get(at)
                .and_then(|b| UNITS.iter().position(|(u, _)| u == b))
            else {
                return Err(bad(EXPECTED_FORM));
            };
            at += 1;
            if previous_unit.is_some_and(|p| p >= unit) {
                return Err(bad(
                    "each unit at most once, largest first (w, d, h, m, s), e.g. \"1h30m\"",
                ));
            }
            previous_unit = Some(unit);
            total = count
                .checked_mul(UNITS[unit].1)
                .and_then(|part| total.checked_add(part))
                .ok_or_else(|| bad(&too_long()))?;
        }
        if previous_unit.is_none() {
            return Err(bad(EXPECTED_FORM));
        }
        if total > HumanDuration::MAX.0 {
            return Err(bad(&too_long()));
        }
        Ok(HumanDuration(total))
    }
}

/// The message for a duration beyond [`HumanDuration::MAX`].
fn too_long() -> String {
    format!(
        "a duration of at most {} ({} seconds)",
        HumanDuration::MAX,
        HumanDuration::MAX.0
    )
}

/// A duration as written in a configuration, parsed when the configuration is validated so
/// that a bad one is a typed error naming its field (`max_wait`, `sla.urgent.first_reply`).
/// It reads from JSON exactly what a [`HumanDuration`] reads (a string, with the same
/// "expected" text for a value of another JSON type) and writes the same string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DurationText(String);

impl DurationText {
    /// The duration, or an error naming `field`.
    pub(crate) fn parse(&self, field: &str) -> Result<HumanDuration, Error> {
        HumanDuration::parse(&self.0, field)
    }
}

impl From<HumanDuration> for DurationText {
    fn from(value: HumanDuration) -> Self {
        DurationText(value.to_string())
    }
}

impl Serialize for DurationText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for DurationText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = DurationText;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(EXPECTED_FORM)
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<DurationText, E> {
                Ok(DurationText(text.to_owned()))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

impl Serialize for HumanDuration {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for HumanDuration {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = HumanDuration;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(EXPECTED_FORM)
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<HumanDuration, E> {
                text.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}
