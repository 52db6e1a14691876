//! Invariants of `BusinessHours` on random schedules, checked against a slow reference that
//! converts each instant to local time with the `time` crate and looks the day up.

use proptest::prelude::*;
use realboss::policy::{BusinessHours, OpenInterval};
use time::macros::datetime;
use time::{Date, Duration, OffsetDateTime, UtcOffset, Weekday};

/// A random schedule with the inputs it was built from, for the reference.
#[derive(Debug, Clone)]
struct Case {
    offset: UtcOffset,
    weekly: Vec<(Weekday, OpenInterval)>,
    holidays: Vec<Date>,
    hours: BusinessHours,
}

/// Start of the window in which holidays and instants are drawn.
const ORIGIN: OffsetDateTime = datetime!(2025-12-01 00:00 UTC);
/// Length of that window in days: short enough that holidays are often hit.
const WINDOW_DAYS: i64 = 40;

/// Whether the schedule is open at `at`, the slow and obvious way.
fn reference_open(case: &Case, at: OffsetDateTime) -> bool {
    let local = at.to_offset(case.offset);
    if case.holidays.contains(&local.date()) {
        return false;
    }
    let (h, m, s) = local.time().as_hms();
    let second = u32::from(h) * 3600 + u32::from(m) * 60 + u32::from(s);
    case.weekly.iter().any(|(day, interval)| {
        *day == local.weekday() && interval.start_secs() <= second && second < interval.end_secs()
    })
}

/// Schedules on whole minutes (so that every change falls on a minute boundary), with
/// touching intervals, nights across midnight and holidays in the window.
fn schedules() -> impl Strategy<Value = Case> {
    let day = (
        proptest::collection::btree_set(0u32..=1440, 0..=7),
        proptest::collection::vec(any::<bool>(), 7),
    );
    (
        -14 * 60..=14 * 60i32,
        proptest::collection::vec(day, 7),
        proptest::collection::vec(0..WINDOW_DAYS, 0..6),
    )
        .prop_map(|(offset_minutes, days, holiday_days)| {
            let offset = UtcOffset::from_whole_seconds(offset_minutes * 60).unwrap();
            let mut weekly = Vec::new();
            for (d, (cuts, open)) in days.into_iter().enumerate() {
                let cuts: Vec<u32> = cuts.into_iter().collect();
                for (pair, open) in cuts.windows(2).zip(open) {
                    if open {
                        let interval = OpenInterval::from_secs(pair[0] * 60, pair[1] * 60).unwrap();
                        weekly.push((Weekday::Monday.nth_next(d as u8), interval));
                    }
                }
            }
            if weekly.is_empty() {
                weekly.push((Weekday::Wednesday, "09:00-17:00".parse().unwrap()));
            }
            let holidays: Vec<Date> = holiday_days
                .into_iter()
                .map(|d| (ORIGIN + Duration::days(d)).date())
                .collect();
            let hours = BusinessHours::new(offset, weekly.clone(), holidays.clone()).unwrap();
            Case {
                offset,
                weekly,
                holidays,
                hours,
            }
        })
}

/// Instants in the window (with a little before and after), at any nanosecond.
fn instants() -> impl Strategy<Value = OffsetDateTime> {
    (-3 * 86_400..(WINDOW_DAYS + 3) * 86_400, 0..1_000_000_000i64)
        .prop_map(|(s, n)| ORIGIN + Duration::seconds(s) + Duration::nanoseconds(n))
}

/// The start of the second containing `at`, as Unix seconds.
fn floor_secs(at: OffsetDateTime) -> i64 {
    at.unix_timestamp()
}

proptest! {
    #[test]
    fn working_time_adds_up(case in schedules(), a in instants(), b in instants(), c in instants()) {
        let mut points = [a, b, c];
        points.sort();
        let [a, b, c] = points;
        let hours = &case.hours;
        prop_assert_eq!(
            hours.open_seconds_between(a, c),
            hours.open_seconds_between(a, b) + hours.open_seconds_between(b, c)
        );
        prop_assert!(hours.open_seconds_between(a, c) <= floor_secs(c) - floor_secs(a));
    }

    #[test]
    fn a_deadline_is_the_first_instant_with_the_target_worked(
        case in schedules(),
        from in instants(),
        secs in prop_oneof![0u64..20_000, 0u64..20_000_000],
    ) {
        let hours = &case.hours;
        let due = hours.add_open_seconds(from, secs);
        prop_assert_eq!(hours.open_seconds_between(from, due), secs as i64);
        if secs > 0 {
            let last_second = due - Duration::SECOND;
            prop_assert_eq!(hours.open_seconds_between(from, last_second), secs as i64 - 1);
            prop_assert!(reference_open(&case, last_second));
            prop_assert!(hours.is_open(last_second));
        } else {
            prop_assert_eq!(due, from);
        }
    }

    #[test]
    fn always_open_counts_wall_time(
        a in -250_000_000_000i64..250_000_000_000,
        b in -250_000_000_000i64..250_000_000_000,
        nanos in 0..1_000_000_000i64,
        secs in 1u64..1_000_000_000,
    ) {
        let always = BusinessHours::always();
        let from = OffsetDateTime::from_unix_timestamp(a).unwrap() + Duration::nanoseconds(nanos);
        let to = OffsetDateTime::from_unix_timestamp(b).unwrap();
        prop_assert_eq!(always.open_seconds_between(from, to), (b - a).max(0));
        prop_assert!(always.is_open(from));
        prop_assert_eq!(always.next_change_after(from), None);
        prop_assert_eq!(
            always.add_open_seconds(from, secs),
            OffsetDateTime::from_unix_timestamp(a + secs as i64).unwrap()
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn minute_by_minute_the_fast_answers_match_the_reference(
        case in schedules(),
        start_minute in -2 * 1440..(WINDOW_DAYS + 1) * 1440,
        late_by in 0..60i64,
        late_nanos in 0..1_000_000_000i64,
    ) {
        let hours = &case.hours;
        let start = ORIGIN + Duration::minutes(start_minute);
        let span_minutes = 3 * 1440;
        let mut open_minutes = 0;
        for k in 0..span_minutes {
            let minute = start + Duration::minutes(k);
            let open = reference_open(&case, minute);
            prop_assert_eq!(hours.is_open(minute), open, "at {}", minute);
            prop_assert_eq!(hours.is_open(minute + Duration::seconds(59)), open, "at {}", minute);
            prop_assert_eq!(
                hours.open_seconds_between(minute, minute + Duration::MINUTE),
                if open { 60 } else { 0 }
            );
            open_minutes += i64::from(open);
        }
        let end = start + Duration::minutes(span_minutes);
        prop_assert_eq!(hours.open_seconds_between(start, end), 60 * open_minutes);

        // The next change: the first minute boundary after `at` whose state differs.
        let at = start + Duration::seconds(late_by) + Duration::nanoseconds(late_nanos);
        let state = reference_open(&case, at);
        prop_assert_eq!(hours.is_open(at), state);
        let expected = (1..=span_minutes)
            .map(|k| start + Duration::minutes(k))
            .find(|&m| reference_open(&case, m) != state);
        let change = hours.next_change_after(at);
        match expected {
            Some(m) => prop_assert_eq!(change, Some(m)),
            None => prop_assert!(change.is_none_or(|c| c > end), "{:?}", change),
        }
    }
}
