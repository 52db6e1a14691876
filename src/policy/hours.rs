//! [`BusinessHours`]: when the team is at work, and how much working time lies between instants.
//!
//! All arithmetic happens on "local seconds": Unix seconds shifted by the schedule's UTC offset,
//! so that local midnight is a multiple of a day. In an IANA time zone the offset is the zone's
//! offset at the instant (one binary search in the zone's table of transitions), and the days
//! around each change of offset are taken out of the pattern: they count as closed there, and
//! their open intervals, turned into instants by the zone's gap and fold rules when the schedule
//! is built, are kept as a sorted list of instant ranges with their own cumulative count. The weekly pattern is a sorted list of open
//! segments within one week; a cumulative count of open seconds (whole weeks times the open
//! seconds per week, plus a lookup within the week, minus holidays found by binary search) makes
//! every question cost O(log n) in the size of the schedule, however far apart the instants are.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::macros::format_description;
use time::{Date, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset, Weekday};

use super::{invalid, quote};
use crate::Error;
use crate::model::TimeZone;
use crate::model::formats::{format_date, format_offset};

/// Seconds in a day.
const DAY: i64 = 86_400;
/// Seconds in a week.
const WEEK: i64 = 7 * DAY;
/// Days from a Monday to the Thursday 1970-01-01 (day 0 of local days), to align weeks on
/// Mondays.
const MONDAY_TO_EPOCH_DAYS: i64 = 3;
/// Julian day number of 1970-01-01, to turn a [`Date`] into a local day number.
const UNIX_EPOCH_JULIAN_DAY: i64 = 2_440_588;
/// Short day names, Monday first, as used in the JSON form and in error field paths.
const DAY_NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// What an interval must look like, for error messages.
const EXPECTED_INTERVAL: &str = "an interval \"HH:MM-HH:MM\" on the 24-hour clock (seconds \
     \"HH:MM:SS\" allowed, end may be \"24:00\"), e.g. \"09:00-17:00\"";
/// What an interval's bounds must satisfy, for error messages.
const EXPECTED_ORDER: &str = "an interval whose start is before its end within one day (for \
     hours past midnight use \"22:00-24:00\" on one day and \"00:00-06:00\" on the next)";

/// One span of open hours within a day, in the schedule's local time: from `start` (inclusive)
/// to `end` (exclusive), at whole-second precision, where the end may be the end of the day.
///
/// Written `"09:00-17:00"` (seconds appear only when not zero: `"09:00:30-17:00"`); an end of
/// `"24:00"` means the end of the day. An interval never crosses midnight: split
/// `"22:00-06:00"` into `"22:00-24:00"` on one day and `"00:00-06:00"` on the next; the two are
/// treated as one open stretch.
///
/// ```
/// use realboss::policy::OpenInterval;
/// use time::macros::time;
///
/// let morning = OpenInterval::new(time!(09:00), time!(12:30))?;
/// assert_eq!(morning.to_string(), "09:00-12:30");
/// assert_eq!(morning.len_secs(), 3 * 3600 + 1800);
/// let late: OpenInterval = "22:00-24:00".parse()?;
/// assert_eq!(late.end_secs(), 86_400);
/// assert!("17:00-09:00".parse::<OpenInterval>().is_err());
/// # Ok::<(), realboss::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OpenInterval {
    /// Seconds after local midnight, `0..86_400`.
    start: u32,
    /// Seconds after local midnight, `start + 1..=86_400`.
    end: u32,
}

impl OpenInterval {
    /// The interval from `start` to `end` on the same day.
    ///
    /// To reach the end of the day use [`OpenInterval::from_secs`] with an end of `86_400`, or
    /// parse `"HH:MM-24:00"`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) with field `interval`
    /// when `start` is not before `end`, or either has a fractional second.
    pub fn new(start: Time, end: Time) -> Result<Self, Error> {
        let secs = |t: Time| {
            if t.nanosecond() != 0 {
                return Err(invalid(
                    "interval",
                    format!("{start}-{end}"),
                    "times in whole seconds",
                ));
            }
            let (h, m, s) = t.as_hms();
            Ok(u32::from(h) * 3_600 + u32::from(m) * 60 + u32::from(s))
        };
        Self::from_secs(secs(start)?, secs(end)?)
    }

    /// The interval from `start` to `end` seconds after local midnight; `end` may be `86_400`,
    /// the end of the day.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) with field `interval`
    /// unless `start < end <= 86_400`.
    pub fn from_secs(start: u32, end: u32) -> Result<Self, Error> {
        checked(start, end).ok_or_else(|| {
            invalid(
                "interval",
                format!("{}-{}", Clock(start), Clock(end)),
                EXPECTED_ORDER,
            )
        })
    }

    /// Where the interval starts, in seconds after local midnight (`0..86_400`).
    pub const fn start_secs(self) -> u32 {
        self.start
    }

    /// Where the interval ends, in seconds after local midnight (`1..=86_400`; `86_400` is the
    /// end of the day).
    pub const fn end_secs(self) -> u32 {
        self.end
    }

    /// The length in seconds (`1..=86_400`).
    pub const fn len_secs(self) -> u32 {
        self.end - self.start
    }

    /// Whether two intervals of the same day share at least one second (touching is fine).
    fn overlaps(self, other: OpenInterval) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// `Some` when `start < end <= 86_400` (a day).
fn checked(start: u32, end: u32) -> Option<OpenInterval> {
    (start < end && end <= DAY as u32).then_some(OpenInterval { start, end })
}

/// Parses `"HH:MM-HH:MM"`, naming `field` in the error.
fn parse_interval(text: &str, field: impl FnOnce() -> String) -> Result<OpenInterval, Error> {
    let bounds = text
        .split_once('-')
        .and_then(|(a, b)| Some((parse_clock(a.trim())?, parse_clock(b.trim())?)));
    match bounds {
        None => Err(invalid(field(), quote(text), EXPECTED_INTERVAL)),
        Some((start, end)) => {
            checked(start, end).ok_or_else(|| invalid(field(), quote(text), EXPECTED_ORDER))
        }
    }
}

/// Parses `"HH:MM"` or `"HH:MM:SS"` (two digits each) into seconds after midnight; `"24:00"`
/// and `"24:00:00"` give `86_400`.
fn parse_clock(text: &str) -> Option<u32> {
    let two = |s: &str| -> Option<u32> {
        (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
    };
    let mut parts = text.split(':');
    let h = two(parts.next()?)?;
    let m = two(parts.next()?)?;
    let s = match parts.next() {
        Some(s) => two(s)?,
        None => 0,
    };
    if parts.next().is_some() || m > 59 || s > 59 || h > 24 || (h == 24 && (m, s) != (0, 0)) {
        return None;
    }
    Some(h * 3_600 + m * 60 + s)
}

/// Seconds after midnight written as `HH:MM` or `HH:MM:SS`.
struct Clock(u32);

impl fmt::Display for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (h, m, s) = (self.0 / 3_600, self.0 / 60 % 60, self.0 % 60);
        if s == 0 {
            write!(f, "{h:02}:{m:02}")
        } else {
            write!(f, "{h:02}:{m:02}:{s:02}")
        }
    }
}

impl fmt::Display for OpenInterval {
    /// Writes `HH:MM-HH:MM` (with `:SS` when the seconds are not zero).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", Clock(self.start), Clock(self.end))
    }
}

impl FromStr for OpenInterval {
    type Err = Error;

    /// Parses `"HH:MM-HH:MM"` (optionally `:SS`, end up to `"24:00"`, spaces around the dash
    /// allowed).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) with field `interval`
    /// when the text is not in that form or the start is not before the end.
    fn from_str(text: &str) -> Result<Self, Error> {
        parse_interval(text, || "interval".to_owned())
    }
}

impl Serialize for OpenInterval {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for OpenInterval {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// When the team is at work: a weekly schedule of open intervals in a fixed UTC offset or an
/// IANA time zone, plus holidays (whole local days closed).
///
/// Build it with [`BusinessHours::new`], take [`BusinessHours::always`] (the default: open
/// 24/7), or deserialize it. After that every method is infallible and O(log n) in the size of
/// the schedule (number of intervals and holidays), whatever the distance between the instants:
/// whole weeks are counted with a multiplication, never a loop over days. The only exceptions
/// are [`next_change_after`](Self::next_change_after) and
/// [`add_open_seconds`](Self::add_open_seconds), which step once per holiday they pass, so
/// at worst linear in the number of holidays.
///
/// Semantics, in the schedule's offset: a day's intervals are open, everything else is
/// closed; a holiday closes its whole local day (it has no effect on a day with no open
/// intervals). Intervals that touch, within a day or across midnight, form one open stretch.
/// Instants of any offset are accepted; they are compared as instants. Working time is counted
/// in whole seconds: each instant is taken at the start of the second it falls in.
///
/// # Fixed offset or time zone
///
/// A schedule in a fixed UTC offset ([`BusinessHours::new`], JSON `utc_offset`) never changes
/// its clocks. A schedule in an IANA time zone ([`BusinessHours::in_time_zone`], JSON
/// `time_zone`, see [`TimeZone`]) follows its daylight-saving changes: 09:00–17:00 in
/// `Europe/Berlin` is 07:00–15:00 UTC in summer and 08:00–16:00 UTC in winter, and a wait or an
/// SLA deadline across a change counts the hours the team's clocks actually show. The zone's
/// rules (bundled tzdb [`TZDB_VERSION`](crate::model::TZDB_VERSION)) are read once, when the
/// schedule is built. On the day of a change, each interval's start and end become instants by
/// the zone's rules:
///
/// - a time the clocks skip **moves forward by the gap**: in Berlin on 2026-03-29 (02:00 →
///   03:00) an interval starting at 02:30 starts at 03:30 summer time;
/// - a time the clocks show twice takes **the earlier instant**: in Berlin on 2026-10-25
///   (03:00 → 02:00) an interval starting at 02:30 starts at the first 02:30 (summer time),
///   and one ending at 02:30 ends there too; the repeated hour after it is open if the
///   interval is.
///
/// A holiday closes its local day from its first to its last instant (25 hours on a night the
/// clocks fall back). Changes of offset are followed from 1900 to 2200; outside that range the
/// offset at its edge holds.
///
/// # JSON form
///
/// ```json
/// {"utc_offset": "+01:00",
///  "weekly": {"mon": ["09:00-17:00"], "tue": ["09:00-12:00", "13:00-17:00"]},
///  "holidays": ["2026-12-25"]}
/// ```
///
/// or, in a time zone, `{"time_zone": "Europe/Berlin", "weekly": {…}}`.
///
/// - `utc_offset`: `"+HH:MM"` or `"-HH:MM"`, sign mandatory; or
/// - `time_zone`: an IANA zone name of the bundled database, e.g. `"Europe/Berlin"`,
///   `"America/New_York"` (ASCII case does not matter; written back as the database spells it).
///
///   Exactly one of the two is required: both, or neither, is an
///   [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) (field `time_zone` for both,
///   `utc_offset` for neither), and so is a zone the database does not have (field
///   `time_zone`).
/// - `weekly` (required): keys `mon`, `tue`, `wed`, `thu`, `fri`, `sat`, `sun`, each a list of
///   intervals as written by [`OpenInterval`]; a day left out (or with an empty list) is closed.
/// - `holidays` (optional, default none): dates `"YYYY-MM-DD"` in the schedule's offset or zone. They are
///   kept sorted; a date listed twice counts once.
///
/// Unknown keys are rejected, so a typo cannot silently turn into a closed day. Serialization
/// writes the same form with days in week order, empty days and an empty holiday list left out.
///
/// # Validation
///
/// Each interval must have its start before its end; intervals of the same day must not overlap
/// (the error names the day and both intervals); the week must have at least one open interval
/// (a schedule that is never open would leave SLA clocks frozen forever); the offset must be in
/// whole minutes.
///
/// ```
/// use realboss::policy::{BusinessHours, OpenInterval};
/// use time::Weekday::*;
/// use time::macros::{date, datetime, offset};
///
/// let nine_to_five: OpenInterval = "09:00-17:00".parse()?;
/// let hours = BusinessHours::new(
///     offset!(+05:30),
///     [Monday, Tuesday, Wednesday, Thursday, Friday].map(|day| (day, nine_to_five)),
///     [date!(2026-01-26)],
/// )?;
///
/// // 09:00 in Kolkata is 03:30 UTC.
/// assert!(hours.is_open(datetime!(2026-01-27 03:30 UTC)));
/// assert!(!hours.is_open(datetime!(2026-01-27 03:29:59 UTC)));
/// // Monday 2026-01-26 is a holiday, so the week has four working days of 8 hours.
/// let week = hours.open_seconds_between(
///     datetime!(2026-01-26 00:00 +05:30),
///     datetime!(2026-02-02 00:00 +05:30),
/// );
/// assert_eq!(week, 4 * 8 * 3600);
/// # Ok::<(), realboss::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "BusinessHoursSpec", into = "BusinessHoursSpec")]
pub struct BusinessHours {
    /// The fixed offset (UTC for a schedule in a zone).
    utc_offset: UtcOffset,
    /// The IANA zone, when the schedule follows one.
    zone: Option<TimeZone>,
    /// Each day's intervals, Monday first, sorted.
    weekly: [Vec<OpenInterval>; 7],
    /// Sorted, without duplicates.
    holidays: Vec<Date>,
    /// Local day numbers (days since 1970-01-01) closed as a whole in the pattern arithmetic,
    /// sorted: those of `holidays` and, in a zone, the days touched by a change of offset
    /// (whose open time is in `switch_open`).
    holiday_days: Vec<i64>,
    /// `holiday_open_before[i]`: open seconds the pattern has on `holiday_days[..i]`.
    holiday_open_before: Vec<i64>,
    /// In a zone: the open time of the days around each change of offset that are not
    /// holidays, as Unix-second ranges `[start, end)`, sorted, neither overlapping nor touching.
    switch_open: Vec<(i64, i64)>,
    /// `switch_open_before[i]`: open seconds in `switch_open[..i]`.
    switch_open_before: Vec<i64>,
    /// Open seconds of each weekday, Monday first.
    day_open: [i64; 7],
    /// Maximal open stretches of the week pattern, in seconds after Monday 00:00, sorted and
    /// neither overlapping nor touching (a stretch ending at the week's end stays separate from
    /// one starting at Monday 00:00).
    stretches: Vec<(i64, i64)>,
    /// `open_before[i]`: open seconds in `stretches[..i]`.
    open_before: Vec<i64>,
    /// Open seconds in a week without holidays, `1..=WEEK`.
    week_open: i64,
    /// Seconds after Monday 00:00 (`0..WEEK`) at which the week pattern turns from open to
    /// closed or back, sorted; empty when open all week.
    flips: Vec<i64>,
}

impl Default for BusinessHours {
    /// [`BusinessHours::always`]: open 24/7.
    fn default() -> Self {
        BusinessHours::always()
    }
}

impl BusinessHours {
    /// Open 24 hours a day, 7 days a week, no holidays (in UTC, which makes no difference when
    /// always open): working time equals wall-clock time. This is the default.
    pub fn always() -> Self {
        let whole_day = OpenInterval {
            start: 0,
            end: DAY as u32,
        };
        Self::build(
            UtcOffset::UTC,
            None,
            std::array::from_fn(|_| vec![whole_day]),
            Vec::new(),
        )
    }

    /// A schedule in `utc_offset` open during `weekly` intervals (any order, a weekday may
    /// appear several times or not at all) and closed on the `holidays` (local dates, any order;
    /// a date given twice counts once).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue):
    /// - field `weekly.<day>` (e.g. `weekly.tue`) when two intervals of that day overlap; the
    ///   value names both;
    /// - field `weekly` when no interval is given;
    /// - field `utc_offset` when the offset has seconds.
    pub fn new(
        utc_offset: UtcOffset,
        weekly: impl IntoIterator<Item = (Weekday, OpenInterval)>,
        holidays: impl IntoIterator<Item = Date>,
    ) -> Result<Self, Error> {
        if utc_offset.seconds_past_minute() != 0 {
            return Err(invalid(
                "utc_offset",
                utc_offset.to_string(),
                "an offset in whole minutes, such as +01:00 or -05:30",
            ));
        }
        Self::validated(utc_offset, None, weekly, holidays)
    }

    /// A schedule in the IANA time zone `zone`, open during `weekly` intervals and closed on the
    /// `holidays` (local dates), with the same rules as [`BusinessHours::new`]; daylight-saving
    /// changes are followed as the type's docs describe.
    ///
    /// ```
    /// use realboss::model::TimeZone;
    /// use realboss::policy::BusinessHours;
    /// use time::Weekday::*;
    /// use time::macros::datetime;
    ///
    /// let hours = BusinessHours::in_time_zone(
    ///     TimeZone::new("Europe/Berlin")?,
    ///     [Monday, Tuesday, Wednesday, Thursday, Friday].map(|d| (d, "09:00-17:00".parse().unwrap())),
    ///     [],
    /// )?;
    /// // 09:00 in Berlin is 07:00 UTC in summer and 08:00 UTC in winter.
    /// assert!(hours.is_open(datetime!(2026-10-23 07:00 UTC)));
    /// assert!(!hours.is_open(datetime!(2026-10-26 07:00 UTC)));
    /// assert!(hours.is_open(datetime!(2026-10-26 08:00 UTC)));
    /// # Ok::<(), realboss::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`BusinessHours::new`], less the offset check.
    pub fn in_time_zone(
        zone: TimeZone,
        weekly: impl IntoIterator<Item = (Weekday, OpenInterval)>,
        holidays: impl IntoIterator<Item = Date>,
    ) -> Result<Self, Error> {
        Self::validated(UtcOffset::UTC, Some(zone), weekly, holidays)
    }

    /// Validates the intervals and builds the schedule.
    fn validated(
        utc_offset: UtcOffset,
        zone: Option<TimeZone>,
        weekly: impl IntoIterator<Item = (Weekday, OpenInterval)>,
        holidays: impl IntoIterator<Item = Date>,
    ) -> Result<Self, Error> {
        let mut days: [Vec<OpenInterval>; 7] = Default::default();
        for (day, interval) in weekly {
            days[usize::from(day.number_days_from_monday())].push(interval);
        }
        for (name, intervals) in DAY_NAMES.iter().zip(&mut days) {
            intervals.sort_unstable();
            // Sorted by start, any overlap shows up between neighbours.
            if let Some(pair) = intervals.windows(2).find(|w| w[0].overlaps(w[1])) {
                return Err(invalid(
                    format!("weekly.{name}"),
                    format!("\"{}\" and \"{}\"", pair[0], pair[1]),
                    "intervals that do not overlap on the same day (touching, such as \
                     \"09:00-12:00\" and \"12:00-17:00\", is fine)",
                ));
            }
        }
        if days.iter().all(Vec::is_empty) {
            return Err(invalid(
                "weekly",
                "no open interval",
                "at least one open interval in the week (BusinessHours::always() is open 24/7)",
            ));
        }
        let mut holidays: Vec<Date> = holidays.into_iter().collect();
        holidays.sort_unstable();
        holidays.dedup();
        Ok(Self::build(utc_offset, zone, days, holidays))
    }

    /// Computes the lookup tables from validated parts.
    fn build(
        utc_offset: UtcOffset,
        zone: Option<TimeZone>,
        weekly: [Vec<OpenInterval>; 7],
        holidays: Vec<Date>,
    ) -> Self {
        let day_open: [i64; 7] =
            std::array::from_fn(|d| weekly[d].iter().map(|i| i64::from(i.len_secs())).sum());
        let mut stretches: Vec<(i64, i64)> = Vec::new();
        for (d, intervals) in (0..).zip(&weekly) {
            for interval in intervals {
                let (start, end) = (
                    d * DAY + i64::from(interval.start),
                    d * DAY + i64::from(interval.end),
                );
                match stretches.last_mut() {
                    Some(last) if last.1 >= start => last.1 = last.1.max(end),
                    _ => stretches.push((start, end)),
                }
            }
        }
        let mut open_before = Vec::with_capacity(stretches.len());
        let mut week_open = 0;
        for &(start, end) in &stretches {
            open_before.push(week_open);
            week_open += end - start;
        }
        let holiday_days: Vec<i64> = holidays.iter().map(|&h| local_day_number(h)).collect();
        let (switch_days, switch_open) = match &zone {
            Some(zone) => switch_days_and_open_time(zone, &weekly, &holiday_days),
            None => (Vec::new(), Vec::new()),
        };
        let mut closed_days = holiday_days;
        closed_days.extend(switch_days);
        closed_days.sort_unstable();
        closed_days.dedup();
        let mut switch_before = 0;
        let switch_open_before = switch_open
            .iter()
            .map(|&(start, end)| {
                let before = switch_before;
                switch_before += end - start;
                before
            })
            .collect();
        let mut schedule = BusinessHours {
            utc_offset,
            zone,
            weekly,
            holiday_days: closed_days,
            holidays,
            holiday_open_before: Vec::new(),
            switch_open,
            switch_open_before,
            day_open,
            stretches,
            open_before,
            week_open,
            flips: Vec::new(),
        };
        let mut flips: Vec<i64> = schedule
            .stretches
            .iter()
            .flat_map(|&(start, end)| [start, end % WEEK])
            .filter(|&w| {
                schedule.pattern_open(w) != schedule.pattern_open((w - 1).rem_euclid(WEEK))
            })
            .collect();
        flips.sort_unstable();
        flips.dedup();
        schedule.flips = flips;
        let mut before = 0;
        schedule.holiday_open_before = std::iter::once(0)
            .chain(schedule.holiday_days.iter().map(|&day| {
                before += schedule.day_open[weekday_index(day)];
                before
            }))
            .collect();
        schedule
    }

    /// The fixed UTC offset the schedule and its holidays are written in; UTC for a schedule in
    /// a [`time_zone`](Self::time_zone), whose offset changes: ask
    /// [`utc_offset_at`](Self::utc_offset_at).
    pub fn utc_offset(&self) -> UtcOffset {
        self.utc_offset
    }

    /// The IANA time zone the schedule follows, `None` for a fixed offset.
    pub fn time_zone(&self) -> Option<&TimeZone> {
        self.zone.as_ref()
    }

    /// The UTC offset of the schedule's clocks at `at`: the fixed offset, or the zone's offset
    /// at that instant.
    pub fn utc_offset_at(&self, at: OffsetDateTime) -> UtcOffset {
        match &self.zone {
            None => self.utc_offset,
            Some(zone) => zone.offset_at(at),
        }
    }

    /// The open intervals of `day`, sorted by start (empty when closed all day).
    pub fn intervals(&self, day: Weekday) -> &[OpenInterval] {
        &self.weekly[usize::from(day.number_days_from_monday())]
    }

    /// The holidays, sorted, each listed once.
    pub fn holidays(&self) -> &[Date] {
        &self.holidays
    }

    /// Open seconds in a week without holidays, `1..=604_800`.
    pub fn open_seconds_per_week(&self) -> i64 {
        self.week_open
    }

    /// Whether the schedule is open at every instant: open all week with no holidays.
    pub fn is_always_open(&self) -> bool {
        self.week_open == WEEK && self.holidays.is_empty()
    }

    /// Whether the team is at work at `at` (any offset; the open second containing `at` counts,
    /// so an interval's start is open and its end is closed).
    pub fn is_open(&self, at: OffsetDateTime) -> bool {
        self.open_at_unix(at.unix_timestamp())
    }

    /// Working time between `from` and `to`, in seconds: the open seconds from the start of the
    /// second containing `from` to the start of the second containing `to`. Zero when
    /// `to <= from`.
    ///
    /// It adds up: for `a <= b <= c`, the time from `a` to `c` is the time from `a` to `b` plus
    /// the time from `b` to `c`. Each holiday inside the span is subtracted once. The cost does not
    /// depend on the span: a century is as quick as an hour.
    pub fn open_seconds_between(&self, from: OffsetDateTime, to: OffsetDateTime) -> i64 {
        if to <= from {
            return 0;
        }
        self.open_clock(to) - self.open_clock(from)
    }

    /// Open seconds from a fixed origin of this schedule up to the second containing `at`: a
    /// running clock that only ticks while the team is at work, so that
    /// `open_seconds_between(a, b) == open_clock(b) - open_clock(a)` for `a <= b`. Only
    /// differences of it mean anything.
    pub(crate) fn open_clock(&self, at: OffsetDateTime) -> i64 {
        let unix = at.unix_timestamp();
        let pattern = self.open_before_local(self.local_of_unix(unix));
        if self.switch_open.is_empty() {
            pattern
        } else {
            pattern + self.switch_open_before_unix(unix)
        }
    }

    /// The next instant strictly after `at` at which the schedule turns from open to closed or
    /// from closed to open, in `at`'s offset; `None` when it never changes again (an always-open
    /// schedule, or one open all week after its last holiday) or the change would fall outside
    /// the range of [`OffsetDateTime`].
    ///
    /// This is the "business-hours edge" a queue re-keys at: between `at` and the returned
    /// instant, [`is_open`](Self::is_open) keeps the value it has at `at`. Consecutive holidays
    /// on closed days are stepped over one by one.
    pub fn next_change_after(&self, at: OffsetDateTime) -> Option<OffsetDateTime> {
        if let Some(zone) = &self.zone {
            return self.next_change_in_zone(zone, at);
        }
        let start = self.local_secs(at);
        let state = self.open_at(start);
        let mut cursor = start;
        // Every step moves forward to a pattern flip or a holiday edge. Away from holidays a
        // pattern flip always changes the state, so only holiday edges can be passed without
        // returning: at most two steps per holiday, then a flip or `None`.
        loop {
            let candidate = self.next_edge_local(cursor)?;
            if self.open_at(candidate) != state {
                return self.instant(candidate, at.offset());
            }
            cursor = candidate;
        }
    }

    /// The instant at which `seconds` of working time will have passed since `from`: the earliest
    /// instant `t` with `open_seconds_between(from, t) == seconds`, in `from`'s offset. For
    /// `seconds == 0` that is `from` itself; otherwise it is the end of an open second, so a
    /// deadline that runs out at closing time is at closing time, not at the next opening.
    ///
    /// Whole weeks are counted with a division, so a huge `seconds` costs no more than a small
    /// one (plus one step per holiday passed). A schedule always has open time (validation
    /// rejects one that is never open), so the result exists, unless it falls after the last
    /// instant [`OffsetDateTime`] can hold (year 9999 with `time`'s default features): then the
    /// result saturates at that last instant.
    pub fn add_open_seconds(&self, from: OffsetDateTime, seconds: u64) -> OffsetDateTime {
        if seconds == 0 {
            return from;
        }
        if self.is_always_open()
            && let Some(end) = i64::try_from(seconds)
                .ok()
                .and_then(|s| from.unix_timestamp().checked_add(s))
                .and_then(|end| OffsetDateTime::from_unix_timestamp(end).ok())
        {
            // Every second counts: the same whole-second arithmetic as below, without the walk.
            return if from.offset().is_utc() {
                end
            } else {
                end.checked_to_offset(from.offset()).unwrap_or(end)
            };
        }
        let last = PrimitiveDateTime::MAX.assume_utc();
        let saturated = last.checked_to_offset(from.offset()).unwrap_or(last);
        // Working time never runs faster than wall time, so beyond this the answer is too late.
        let wall_room = last.unix_timestamp() - from.unix_timestamp();
        let Ok(remaining) = i64::try_from(seconds) else {
            return saturated;
        };
        if remaining > wall_room {
            return saturated;
        }
        if let Some(zone) = &self.zone {
            let end = self.add_open_seconds_in_zone(zone, from.unix_timestamp(), remaining);
            return at_unix(end, from.offset()).unwrap_or(saturated);
        }
        let end = self.reach_local(self.local_secs(from), remaining);
        self.instant(end, from.offset()).unwrap_or(saturated)
    }

    /// The earliest local second `x` with `remaining` open seconds (holidays closed) between
    /// local second `cursor` and `x`; `remaining > 0`.
    fn reach_local(&self, mut cursor: i64, mut remaining: i64) -> i64 {
        let mut next = self
            .holiday_days
            .partition_point(|&h| h * DAY + DAY <= cursor);
        // `next` is the first holiday that ends after `cursor`.
        while let Some(&holiday) = self.holiday_days.get(next) {
            let holiday_start = holiday * DAY;
            if cursor >= holiday_start {
                cursor = holiday_start + DAY;
                next += 1;
                continue;
            }
            let available =
                self.pattern_open_before(holiday_start) - self.pattern_open_before(cursor);
            if remaining <= available {
                break;
            }
            remaining -= available;
            cursor = holiday_start;
        }
        self.pattern_reach(self.pattern_open_before(cursor) + remaining)
    }

    /// [`add_open_seconds`](Self::add_open_seconds) in a zone, in Unix seconds: walks from one
    /// change of offset or switch-day stretch to the next (within one, the offset is fixed and
    /// the pattern arithmetic applies); `remaining > 0`.
    fn add_open_seconds_in_zone(&self, zone: &TimeZone, from: i64, mut remaining: i64) -> i64 {
        let transitions = zone.transitions();
        let mut cursor = from;
        loop {
            let i = self.switch_open.partition_point(|s| s.0 <= cursor);
            if let Some(&(_, end)) = i.checked_sub(1).and_then(|j| self.switch_open.get(j))
                && cursor < end
            {
                if remaining <= end - cursor {
                    return cursor + remaining;
                }
                remaining -= end - cursor;
                cursor = end;
                continue;
            }
            let next_stretch = self.switch_open.get(i).map(|s| s.0);
            let next_transition = transitions
                .get(transitions.partition_point(|t| t.at <= cursor))
                .map(|t| t.at);
            let offset = i64::from(zone.offset_secs_at(cursor));
            let local = cursor + offset;
            let limit = match (next_stretch, next_transition) {
                (Some(a), Some(b)) => a.min(b),
                (a, b) => match a.or(b) {
                    Some(limit) => limit,
                    None => return self.reach_local(local, remaining) - offset,
                },
            };
            // Until `limit` the offset stays `offset`, so pattern arithmetic counts the time.
            let available = self.open_before_local(limit + offset) - self.open_before_local(local);
            if remaining <= available {
                return self.reach_local(local, remaining) - offset;
            }
            remaining -= available;
            cursor = limit;
        }
    }

    /// [`next_change_after`](Self::next_change_after) in a zone: the earliest of the next
    /// pattern edge (in the offset in force), the next edge of a switch-day stretch and the next
    /// change of offset, until one changes whether the team is at work.
    fn next_change_in_zone(&self, zone: &TimeZone, at: OffsetDateTime) -> Option<OffsetDateTime> {
        if self.is_always_open() {
            return None;
        }
        let transitions = zone.transitions();
        let start = at.unix_timestamp();
        let state = self.open_at_unix(start);
        let mut cursor = start;
        loop {
            let offset = i64::from(zone.offset_secs_at(cursor));
            let pattern = self.next_edge_local(cursor + offset).map(|l| l - offset);
            let i = self.switch_open.partition_point(|s| s.0 <= cursor);
            let stretch = match i.checked_sub(1).and_then(|j| self.switch_open.get(j)) {
                Some(&(_, end)) if cursor < end => Some(end),
                _ => self.switch_open.get(i).map(|s| s.0),
            };
            let transition = transitions
                .get(transitions.partition_point(|t| t.at <= cursor))
                .map(|t| t.at);
            let candidate = [pattern, stretch, transition].into_iter().flatten().min()?;
            if self.open_at_unix(candidate) != state {
                return at_unix(candidate, at.offset());
            }
            cursor = candidate;
        }
    }

    /// The next local second after `cursor` at which the pattern (holidays closed) may turn:
    /// a flip of the week pattern or a holiday's edge; `None` when there is none.
    fn next_edge_local(&self, cursor: i64) -> Option<i64> {
        let day = cursor.div_euclid(DAY);
        if self.is_holiday(day) {
            return Some((day + 1) * DAY);
        }
        let next_holiday = self
            .holiday_days
            .get(self.holiday_days.partition_point(|&h| h <= day))
            .map(|&h| h * DAY);
        match (self.next_flip(cursor), next_holiday) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Unix seconds of `at` shifted into the schedule's local time.
    fn local_secs(&self, at: OffsetDateTime) -> i64 {
        self.local_of_unix(at.unix_timestamp())
    }

    /// Unix second `unix` shifted into the schedule's local time (the zone's offset then).
    fn local_of_unix(&self, unix: i64) -> i64 {
        match &self.zone {
            None => unix + i64::from(self.utc_offset.whole_seconds()),
            Some(zone) => unix + i64::from(zone.offset_secs_at(unix)),
        }
    }

    /// Whether the second starting at Unix second `unix` is open.
    fn open_at_unix(&self, unix: i64) -> bool {
        self.open_at(self.local_of_unix(unix)) || self.in_switch_open(unix)
    }

    /// Whether Unix second `unix` lies in an open stretch of a switch day.
    fn in_switch_open(&self, unix: i64) -> bool {
        let i = self.switch_open.partition_point(|s| s.0 <= unix);
        i > 0 && unix < self.switch_open[i - 1].1
    }

    /// Open seconds of the switch-day stretches before Unix second `unix`.
    fn switch_open_before_unix(&self, unix: i64) -> i64 {
        let i = self.switch_open.partition_point(|s| s.0 <= unix);
        if i == 0 {
            return 0;
        }
        let (start, end) = self.switch_open[i - 1];
        self.switch_open_before[i - 1] + unix.min(end) - start
    }

    /// The instant at local second `local`, in `offset` (UTC when `offset` cannot hold it);
    /// `None` outside [`OffsetDateTime`]'s range.
    fn instant(&self, local: i64, offset: UtcOffset) -> Option<OffsetDateTime> {
        let utc =
            OffsetDateTime::from_unix_timestamp(local - i64::from(self.utc_offset.whole_seconds()))
                .ok()?;
        Some(utc.checked_to_offset(offset).unwrap_or(utc))
    }

    /// Whether local day `day` is a holiday.
    fn is_holiday(&self, day: i64) -> bool {
        self.holiday_days.binary_search(&day).is_ok()
    }

    /// Whether the local second starting at `local` is open.
    fn open_at(&self, local: i64) -> bool {
        !self.is_holiday(local.div_euclid(DAY)) && self.pattern_open(week_position(local))
    }

    /// Whether the week pattern is open at `position` seconds after Monday 00:00.
    fn pattern_open(&self, position: i64) -> bool {
        let i = self.stretches.partition_point(|s| s.0 <= position);
        i > 0 && position < self.stretches[i - 1].1
    }

    /// Open seconds before `position` (`0..=WEEK`) in the week pattern.
    fn open_in_week_before(&self, position: i64) -> i64 {
        let i = self.stretches.partition_point(|s| s.0 <= position);
        if i == 0 {
            return 0;
        }
        let (start, end) = self.stretches[i - 1];
        self.open_before[i - 1] + position.min(end) - start
    }

    /// Open seconds of the week pattern (holidays ignored) from the Monday before 1970-01-01
    /// to local second `local` (negative before it). Differences of this give working time.
    fn pattern_open_before(&self, local: i64) -> i64 {
        let since_monday = local + MONDAY_TO_EPOCH_DAYS * DAY;
        since_monday.div_euclid(WEEK) * self.week_open
            + self.open_in_week_before(since_monday.rem_euclid(WEEK))
    }

    /// Like [`pattern_open_before`](Self::pattern_open_before) with holidays closed.
    fn open_before_local(&self, local: i64) -> i64 {
        let day = local.div_euclid(DAY);
        let i = self.holiday_days.partition_point(|&h| h < day);
        let mut closed = self.holiday_open_before[i];
        if self.holiday_days.get(i) == Some(&day) {
            closed += self.pattern_open_before(local) - self.pattern_open_before(day * DAY);
        }
        self.pattern_open_before(local) - closed
    }

    /// The earliest local second `x` with `pattern_open_before(x) >= target`.
    fn pattern_reach(&self, target: i64) -> i64 {
        // Week `weeks` holds the target's open second; `rest` of its open seconds are needed.
        let weeks = (target - 1).div_euclid(self.week_open);
        let rest = target - weeks * self.week_open;
        let i = self
            .open_before
            .partition_point(|&before| before < rest)
            .saturating_sub(1);
        let position = self.stretches[i].0 + (rest - self.open_before[i]);
        weeks * WEEK + position - MONDAY_TO_EPOCH_DAYS * DAY
    }

    /// The first local second after `local` at which the week pattern flips.
    fn next_flip(&self, local: i64) -> Option<i64> {
        let first = *self.flips.first()?;
        let position = week_position(local);
        let i = self.flips.partition_point(|&f| f <= position);
        Some(match self.flips.get(i) {
            Some(&f) => local + (f - position),
            None => local + (WEEK - position) + first,
        })
    }
}

/// The instant at Unix second `unix` in `offset` (UTC when `offset` cannot hold it); `None`
/// outside [`OffsetDateTime`]'s range.
fn at_unix(unix: i64, offset: UtcOffset) -> Option<OffsetDateTime> {
    let utc = OffsetDateTime::from_unix_timestamp(unix).ok()?;
    Some(utc.checked_to_offset(offset).unwrap_or(utc))
}

/// The local days around each change of `zone`'s offset, and the open time of those that are
/// not holidays as sorted, merged Unix-second ranges.
///
/// The days are those holding a local time near the change: from the earlier of the two local
/// readings of its instant to the later one plus the jump (where a skipped time lands once it
/// moves forward by the gap). Each of their intervals becomes an instant range by the zone's
/// gap and fold rules; a range that the rules turn empty is dropped.
fn switch_days_and_open_time(
    zone: &TimeZone,
    weekly: &[Vec<OpenInterval>; 7],
    holidays: &[i64],
) -> (Vec<i64>, Vec<(i64, i64)>) {
    let mut days: Vec<i64> = Vec::new();
    for t in zone.transitions() {
        let (low, high) = (
            i64::from(t.before.min(t.after)),
            i64::from(t.before.max(t.after)),
        );
        let first = (t.at + low).div_euclid(DAY);
        let last = (t.at + high + (high - low)).div_euclid(DAY);
        days.extend(first..=last);
    }
    days.sort_unstable();
    days.dedup();
    let mut ranges: Vec<(i64, i64)> = days
        .iter()
        .filter(|day| holidays.binary_search(day).is_err())
        .flat_map(|&day| {
            weekly[weekday_index(day)].iter().map(move |interval| {
                (
                    zone.resolve_local_secs(day * DAY + i64::from(interval.start)),
                    zone.resolve_local_secs(day * DAY + i64::from(interval.end)),
                )
            })
        })
        .filter(|(start, end)| start < end)
        .collect();
    ranges.sort_unstable();
    let mut merged: Vec<(i64, i64)> = Vec::with_capacity(ranges.len());
    for (start, end) in ranges {
        match merged.last_mut() {
            Some(last) if last.1 >= start => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    (days, merged)
}

/// Seconds after the most recent Monday 00:00 of local second `local`.
fn week_position(local: i64) -> i64 {
    (local + MONDAY_TO_EPOCH_DAYS * DAY).rem_euclid(WEEK)
}

/// Monday-first index (0..7) of the weekday of local day `day`.
fn weekday_index(day: i64) -> usize {
    // The value is in 0..7, so the cast is exact.
    (day + MONDAY_TO_EPOCH_DAYS).rem_euclid(7) as usize
}

/// Days from 1970-01-01 to `date`.
fn local_day_number(date: Date) -> i64 {
    i64::from(date.to_julian_day()) - UNIX_EPOCH_JULIAN_DAY
}

/// The JSON form of [`BusinessHours`], before validation.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct BusinessHoursSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    utc_offset: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    time_zone: Option<String>,
    weekly: WeeklySpec,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    holidays: Vec<String>,
}

/// The `weekly` object: each day's intervals as written.
#[derive(Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WeeklySpec {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    mon: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    tue: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    wed: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    thu: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    fri: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    sat: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    sun: Vec<String>,
}

impl WeeklySpec {
    /// The days, Monday first, mutably.
    fn days_mut(&mut self) -> [&mut Vec<String>; 7] {
        let WeeklySpec {
            mon,
            tue,
            wed,
            thu,
            fri,
            sat,
            sun,
        } = self;
        [mon, tue, wed, thu, fri, sat, sun]
    }
}

impl TryFrom<BusinessHoursSpec> for BusinessHours {
    type Error = Error;

    fn try_from(mut spec: BusinessHoursSpec) -> Result<Self, Error> {
        let mut weekly = Vec::new();
        for (d, texts) in spec.weekly.days_mut().into_iter().enumerate() {
            let day = Weekday::Monday.nth_next(d as u8);
            for (i, text) in texts.iter().enumerate() {
                let interval = parse_interval(text, || format!("weekly.{}[{i}]", DAY_NAMES[d]))?;
                weekly.push((day, interval));
            }
        }
        let holidays = spec
            .holidays
            .iter()
            .enumerate()
            .map(|(i, text)| {
                Date::parse(text, format_description!("[year]-[month]-[day]")).map_err(|_| {
                    invalid(
                        format!("holidays[{i}]"),
                        quote(text),
                        "a date \"YYYY-MM-DD\" between -9999 and 9999, e.g. \"2026-12-25\"",
                    )
                })
            })
            .collect::<Result<Vec<Date>, Error>>()?;
        match (spec.utc_offset.as_deref(), spec.time_zone.as_deref()) {
            (Some(offset), Some(zone)) => Err(invalid(
                "time_zone",
                format!("{} beside utc_offset {}", quote(zone), quote(offset)),
                "given without utc_offset: a schedule has either a fixed `utc_offset` or a \
                 `time_zone`, not both",
            )),
            (None, None) => Err(invalid(
                "utc_offset",
                "nothing (missing field `utc_offset`, and no `time_zone`)",
                "an offset \"+HH:MM\" such as \"+01:00\", or a `time_zone` such as \
                 \"Europe/Berlin\" instead",
            )),
            (None, Some(zone)) => {
                BusinessHours::in_time_zone(TimeZone::new(zone)?, weekly, holidays)
            }
            (Some(offset), None) => {
                let utc_offset = UtcOffset::parse(
                    offset,
                    format_description!("[offset_hour sign:mandatory]:[offset_minute]"),
                )
                .map_err(|_| {
                    invalid(
                        "utc_offset",
                        quote(offset),
                        "an offset \"+HH:MM\" or \"-HH:MM\" (sign required), e.g. \"+01:00\" or \"-05:30\"",
                    )
                })?;
                BusinessHours::new(utc_offset, weekly, holidays)
            }
        }
    }
}

impl From<BusinessHours> for BusinessHoursSpec {
    fn from(hours: BusinessHours) -> Self {
        let mut weekly = WeeklySpec::default();
        for (texts, intervals) in weekly.days_mut().into_iter().zip(&hours.weekly) {
            *texts = intervals.iter().map(ToString::to_string).collect();
        }
        BusinessHoursSpec {
            utc_offset: hours
                .zone
                .is_none()
                .then(|| format_offset(hours.utc_offset)),
            time_zone: hours.zone.as_ref().map(|z| z.name().to_owned()),
            weekly,
            holidays: hours.holidays.iter().map(|d| format_date(*d)).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::Weekday::*;
    use time::macros::datetime;

    fn zone(name: &str) -> TimeZone {
        TimeZone::new(name).expect("a zone of the bundled database")
    }

    fn iv(text: &str) -> OpenInterval {
        text.parse().expect("a valid interval")
    }

    /// Weekdays 09:00-17:00 in `zone`.
    fn office(name: &str) -> BusinessHours {
        BusinessHours::in_time_zone(
            zone(name),
            [Monday, Tuesday, Wednesday, Thursday, Friday].map(|d| (d, iv("09:00-17:00"))),
            [],
        )
        .expect("valid hours")
    }

    /// A night shift from Saturday 22:00 to Sunday 06:00 in `zone`.
    fn night_shift(name: &str) -> BusinessHours {
        BusinessHours::in_time_zone(
            zone(name),
            [(Saturday, iv("22:00-24:00")), (Sunday, iv("00:00-06:00"))],
            [],
        )
        .expect("valid hours")
    }

    #[test]
    fn the_night_shift_on_a_switch_night_counts_the_hours_the_clocks_show() {
        // (zone, shift start, shift end, real hours): 7 when the clocks spring forward, 9 when
        // they fall back.
        let cases = [
            (
                "Europe/Berlin",
                datetime!(2026-03-28 21:00 UTC),
                datetime!(2026-03-29 04:00 UTC),
                7,
            ),
            (
                "Europe/Berlin",
                datetime!(2026-10-24 20:00 UTC),
                datetime!(2026-10-25 05:00 UTC),
                9,
            ),
            (
                "America/New_York",
                datetime!(2026-03-08 03:00 UTC),
                datetime!(2026-03-08 10:00 UTC),
                7,
            ),
            (
                "America/New_York",
                datetime!(2026-11-01 02:00 UTC),
                datetime!(2026-11-01 11:00 UTC),
                9,
            ),
            (
                "Australia/Sydney",
                datetime!(2026-04-04 11:00 UTC),
                datetime!(2026-04-04 20:00 UTC),
                9,
            ),
            (
                "Australia/Sydney",
                datetime!(2026-10-03 12:00 UTC),
                datetime!(2026-10-03 19:00 UTC),
                7,
            ),
        ];
        for (name, start, end, hours) in cases {
            let shift = night_shift(name);
            let seconds = hours * 3_600;
            let early = start - time::Duration::hours(2);
            let late = end + time::Duration::hours(2);
            assert_eq!(shift.open_seconds_between(early, late), seconds, "{name}");
            assert_eq!(shift.open_seconds_between(start, end), seconds, "{name}");
            assert!(shift.is_open(start) && !shift.is_open(end), "{name}");
            assert!(!shift.is_open(start - time::Duration::SECOND), "{name}");
            assert_eq!(shift.next_change_after(early), Some(start), "{name}");
            assert_eq!(shift.next_change_after(start), Some(end), "{name}");
            assert_eq!(
                shift.add_open_seconds(early, seconds as u64),
                end,
                "{name}: the deadline runs out at the end of the shift"
            );
        }
    }

    #[test]
    fn a_weekday_wait_across_the_weekend_switch_counts_monday_in_winter_time() {
        let berlin = office("Europe/Berlin");
        // Friday 16:00 CEST to Monday 10:00 CET: one hour on each side.
        let friday = datetime!(2026-10-23 14:00 UTC);
        let monday = datetime!(2026-10-26 09:00 UTC);
        assert_eq!(berlin.open_seconds_between(friday, monday), 2 * 3_600);
        assert_eq!(berlin.add_open_seconds(friday, 2 * 3_600), monday);
        assert_eq!(
            berlin.next_change_after(datetime!(2026-10-23 16:00 UTC)),
            Some(datetime!(2026-10-26 08:00 UTC))
        );
        // The fixed summer offset would have counted three hours, ending at 08:00 UTC.
        let fixed = BusinessHours::new(
            time::macros::offset!(+02:00),
            [Monday, Tuesday, Wednesday, Thursday, Friday].map(|d| (d, iv("09:00-17:00"))),
            [],
        )
        .unwrap();
        assert_eq!(fixed.open_seconds_between(friday, monday), 3 * 3_600);
    }

    #[test]
    fn intervals_starting_in_a_gap_move_forward_and_in_a_fold_start_at_the_first_reading() {
        let sunday = |text| {
            BusinessHours::in_time_zone(zone("Europe/Berlin"), [(Sunday, iv(text))], []).unwrap()
        };
        let late = sunday("02:30-05:00");
        // Spring: 02:30 does not exist; it is read as 03:30 CEST (01:30 UTC).
        assert!(!late.is_open(datetime!(2026-03-29 01:29:59 UTC)));
        assert!(late.is_open(datetime!(2026-03-29 01:30 UTC)));
        assert_eq!(
            late.open_seconds_between(
                datetime!(2026-03-28 12:00 UTC),
                datetime!(2026-03-29 12:00 UTC)
            ),
            5_400
        );
        // Autumn: the first 02:30 (CEST, 00:30 UTC) opens, and the repeated hour stays open.
        assert!(late.is_open(datetime!(2026-10-25 00:30 UTC)));
        assert!(late.is_open(datetime!(2026-10-25 01:15 UTC)));
        assert_eq!(
            late.open_seconds_between(
                datetime!(2026-10-24 12:00 UTC),
                datetime!(2026-10-25 12:00 UTC)
            ),
            12_600
        );
        // An interval ending in the fold ends at its first reading.
        let early = sunday("00:00-02:30");
        assert!(early.is_open(datetime!(2026-10-25 00:29:59 UTC)));
        assert!(!early.is_open(datetime!(2026-10-25 01:15 UTC)));
        assert_eq!(
            early.open_seconds_between(
                datetime!(2026-10-24 12:00 UTC),
                datetime!(2026-10-25 12:00 UTC)
            ),
            9_000
        );
    }

    #[test]
    fn a_holiday_on_a_fall_back_sunday_closes_all_25_hours() {
        let hours = BusinessHours::in_time_zone(
            zone("Europe/Berlin"),
            [
                Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday,
            ]
            .map(|d| (d, iv("00:00-24:00"))),
            [time::macros::date!(2026 - 10 - 25)],
        )
        .unwrap();
        let saturday = datetime!(2026-10-23 22:00 UTC);
        let monday = datetime!(2026-10-25 23:00 UTC);
        assert_eq!(hours.open_seconds_between(saturday, monday), 86_400);
        assert_eq!(
            hours.next_change_after(datetime!(2026-10-24 12:00 UTC)),
            Some(datetime!(2026-10-24 22:00 UTC))
        );
        assert_eq!(
            hours.next_change_after(datetime!(2026-10-24 22:00 UTC)),
            Some(monday)
        );
    }

    /// Whether `at` lies in an interval occurrence, each interval's ends made instants by the
    /// zone's rules: the definition, computed the slow way.
    fn open_by_definition(hours: &BusinessHours, zone: &TimeZone, at: i64) -> bool {
        let day = (at + i64::from(zone.offset_secs_at(at))).div_euclid(DAY);
        (day - 2..=day + 2).any(|d| {
            !hours.holiday_days_public().contains(&d)
                && hours.weekly[weekday_index(d)].iter().any(|iv| {
                    let start = zone.resolve_local_secs(d * DAY + i64::from(iv.start));
                    let end = zone.resolve_local_secs(d * DAY + i64::from(iv.end));
                    start <= at && at < end
                })
        })
    }

    impl BusinessHours {
        /// Local day numbers of the holidays the caller gave.
        fn holiday_days_public(&self) -> Vec<i64> {
            self.holidays.iter().map(|&h| local_day_number(h)).collect()
        }
    }

    #[test]
    fn every_minute_around_the_switches_agrees_with_the_definition() {
        // Intervals that start and end around the switch hours of each zone.
        let weekly = [
            (Saturday, iv("23:30-24:00")),
            (Sunday, iv("00:00-01:30")),
            (Sunday, iv("02:15-02:45")),
            (Sunday, iv("03:00-03:20")),
            (Sunday, iv("09:00-17:00")),
            (Monday, iv("09:00-17:00")),
        ];
        let cases = [
            ("Europe/Berlin", datetime!(2026-03-28 12:00 UTC)),
            ("Europe/Berlin", datetime!(2026-10-24 12:00 UTC)),
            ("America/New_York", datetime!(2026-03-07 12:00 UTC)),
            ("America/New_York", datetime!(2026-10-31 12:00 UTC)),
            ("Australia/Sydney", datetime!(2026-04-04 00:00 UTC)),
            ("Australia/Sydney", datetime!(2026-10-03 00:00 UTC)),
        ];
        for (name, from) in cases {
            let zone = zone(name);
            let hours = BusinessHours::in_time_zone(zone.clone(), weekly, []).unwrap();
            // The switch days' intervals are the ones read by the zone's rules.
            assert!(!hours.switch_open.is_empty(), "{name}");
            let start = from.unix_timestamp();
            let mut counted = 0;
            for minute in 0..(3 * 24 * 60) {
                let at = start + minute * 60;
                let instant = OffsetDateTime::from_unix_timestamp(at).unwrap();
                let open = open_by_definition(&hours, &zone, at);
                assert_eq!(hours.is_open(instant), open, "{name} at {instant}");
                assert_eq!(
                    hours.open_seconds_between(from, instant),
                    counted,
                    "{name} at {instant}"
                );
                if counted > 0 {
                    let due = hours.add_open_seconds(from, counted as u64);
                    assert!(due <= instant, "{name}: due {due} after {instant}");
                    assert_eq!(hours.open_seconds_between(from, due), counted, "{name}");
                }
                let next = hours.next_change_after(instant).unwrap();
                assert_ne!(hours.is_open(next), open, "{name} at {instant}: {next}");
                let before = next - time::Duration::SECOND;
                assert_eq!(hours.is_open(before), open, "{name} at {instant}: {next}");
                if open {
                    counted += 60;
                }
            }
        }
    }

    #[test]
    fn json_names_the_zone_and_refuses_both_or_neither_clock() {
        let json = r#"{"time_zone":"europe/berlin","weekly":{"mon":["09:00-17:00"]}}"#;
        let hours: BusinessHours = serde_json::from_str(json).unwrap();
        assert_eq!(hours.time_zone().map(TimeZone::name), Some("Europe/Berlin"));
        let written = serde_json::to_string(&hours).unwrap();
        assert_eq!(
            written,
            r#"{"time_zone":"Europe/Berlin","weekly":{"mon":["09:00-17:00"]}}"#
        );
        assert_eq!(
            serde_json::from_str::<BusinessHours>(&written).unwrap(),
            hours
        );
        for (json, needle) in [
            (
                r#"{"time_zone":"Europe/Berlin","utc_offset":"+01:00","weekly":{"mon":["09:00-17:00"]}}"#,
                "time_zone must be given without utc_offset",
            ),
            (
                r#"{"weekly":{"mon":["09:00-17:00"]}}"#,
                "missing field `utc_offset`",
            ),
            (
                r#"{"time_zone":"Europe/Atlantis","weekly":{"mon":["09:00-17:00"]}}"#,
                "time_zone must be an IANA time zone name",
            ),
        ] {
            let err = serde_json::from_str::<BusinessHours>(json).unwrap_err();
            assert!(err.to_string().contains(needle), "{json}: {err}");
        }
    }
}
