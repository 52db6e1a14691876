//! `BusinessHours`: when the team is at work, and how much working time a customer has waited.

use crate::common::fixtures::policy_error;
use realboss::ErrorKind;
use realboss::policy::{BusinessHours, OpenInterval};
use time::Weekday::*;
use time::macros::{date, datetime, offset, time};
use time::{Date, Duration, OffsetDateTime, PrimitiveDateTime};

const INTERVAL_FORM: &str = "an interval \"HH:MM-HH:MM\" on the 24-hour clock (seconds \
     \"HH:MM:SS\" allowed, end may be \"24:00\"), e.g. \"09:00-17:00\"";
const INTERVAL_ORDER: &str = "an interval whose start is before its end within one day (for \
     hours past midnight use \"22:00-24:00\" on one day and \"00:00-06:00\" on the next)";
const NO_OVERLAP: &str = "intervals that do not overlap on the same day (touching, such as \
     \"09:00-12:00\" and \"12:00-17:00\", is fine)";

fn iv(text: &str) -> OpenInterval {
    text.parse().unwrap()
}

/// Monday to Friday 09:00-17:00 in `+01:00`, Christmas 2026 off.
fn office() -> BusinessHours {
    serde_json::from_str(
        r#"{"utc_offset": "+01:00",
            "weekly": {"mon": ["09:00-17:00"], "tue": ["09:00-17:00"], "wed": ["09:00-17:00"],
                       "thu": ["09:00-17:00"], "fri": ["09:00-17:00"]},
            "holidays": ["2026-12-25"]}"#,
    )
    .unwrap()
}

/// The error message of a serde failure without serde_json's " at line L column C".
fn message(err: serde_json::Error) -> String {
    let text = err.to_string();
    match text.rsplit_once(" at line ") {
        Some((head, _)) => head.to_owned(),
        None => text,
    }
}

#[test]
fn each_bad_schedule_gets_an_error_naming_the_field_value_and_fix() {
    let with_weekly = |weekly: &str| format!(r#"{{"utc_offset": "+01:00", "weekly": {weekly}}}"#);
    let cases: Vec<(String, ErrorKind)> = vec![
        (
            with_weekly(r#"{"mon": ["17:00-09:00"]}"#),
            policy_error("weekly.mon[0]", "\"17:00-09:00\"", INTERVAL_ORDER),
        ),
        (
            with_weekly(r#"{"wed": ["09:00-09:00"]}"#),
            policy_error("weekly.wed[0]", "\"09:00-09:00\"", INTERVAL_ORDER),
        ),
        (
            with_weekly(r#"{"fri": ["09:00-17:00", "9:00-17:00"]}"#),
            policy_error("weekly.fri[1]", "\"9:00-17:00\"", INTERVAL_FORM),
        ),
        (
            with_weekly(r#"{"sat": ["09:00-24:01"]}"#),
            policy_error("weekly.sat[0]", "\"09:00-24:01\"", INTERVAL_FORM),
        ),
        (
            with_weekly(r#"{"sun": ["09:60-10:00"]}"#),
            policy_error("weekly.sun[0]", "\"09:60-10:00\"", INTERVAL_FORM),
        ),
        (
            with_weekly(r#"{"mon": ["09:00"]}"#),
            policy_error("weekly.mon[0]", "\"09:00\"", INTERVAL_FORM),
        ),
        (
            with_weekly(r#"{"mon": ["24:00-24:00"]}"#),
            policy_error("weekly.mon[0]", "\"24:00-24:00\"", INTERVAL_ORDER),
        ),
        (
            with_weekly(r#"{"tue": ["13:00-17:00", "09:00-12:00", "11:00-13:00"]}"#),
            policy_error(
                "weekly.tue",
                "\"09:00-12:00\" and \"11:00-13:00\"",
                NO_OVERLAP,
            ),
        ),
        (
            with_weekly(r#"{"thu": ["09:00-17:00", "09:00-17:00"]}"#),
            policy_error(
                "weekly.thu",
                "\"09:00-17:00\" and \"09:00-17:00\"",
                NO_OVERLAP,
            ),
        ),
        (
            with_weekly(r#"{"mon": ["08:00-18:00", "12:00-13:00"]}"#),
            policy_error(
                "weekly.mon",
                "\"08:00-18:00\" and \"12:00-13:00\"",
                NO_OVERLAP,
            ),
        ),
        (
            with_weekly(r#"{}"#),
            policy_error(
                "weekly",
                "no open interval",
                "at least one open interval in the week (BusinessHours::always() is open 24/7)",
            ),
        ),
        (
            with_weekly(r#"{"mon": [], "sun": []}"#),
            policy_error(
                "weekly",
                "no open interval",
                "at least one open interval in the week (BusinessHours::always() is open 24/7)",
            ),
        ),
        (
            r#"{"utc_offset": "01:00", "weekly": {"mon": ["09:00-17:00"]}}"#.to_owned(),
            policy_error(
                "utc_offset",
                "\"01:00\"",
                "an offset \"+HH:MM\" or \"-HH:MM\" (sign required), e.g. \"+01:00\" or \"-05:30\"",
            ),
        ),
        (
            r#"{"utc_offset": "+1:00", "weekly": {"mon": ["09:00-17:00"]}}"#.to_owned(),
            policy_error(
                "utc_offset",
                "\"+1:00\"",
                "an offset \"+HH:MM\" or \"-HH:MM\" (sign required), e.g. \"+01:00\" or \"-05:30\"",
            ),
        ),
        (
            r#"{"utc_offset": "+01:00", "weekly": {"mon": ["09:00-17:00"]},
                "holidays": ["2026-12-25", "2026-02-30"]}"#
                .to_owned(),
            policy_error(
                "holidays[1]",
                "\"2026-02-30\"",
                "a date \"YYYY-MM-DD\" between -9999 and 9999, e.g. \"2026-12-25\"",
            ),
        ),
    ];
    for (json, kind) in cases {
        let err = serde_json::from_str::<BusinessHours>(&json).unwrap_err();
        assert_eq!(
            message(err),
            realboss::Error::new(kind).to_string(),
            "{json}"
        );
    }
}

#[test]
fn typos_and_missing_parts_are_refused_by_the_json_reader() {
    let cases = [
        (
            r#"{"utc_offset": "+01:00", "weekly": {"monday": ["09:00-17:00"]}}"#,
            "unknown field `monday`",
        ),
        (
            r#"{"utc_offset": "+01:00", "weekly": {"mon": ["09:00-17:00"]}, "holiday": []}"#,
            "unknown field `holiday`",
        ),
        (r#"{"utc_offset": "+01:00"}"#, "missing field `weekly`"),
        (
            r#"{"weekly": {"mon": ["09:00-17:00"]}}"#,
            "missing field `utc_offset`",
        ),
    ];
    for (json, expected) in cases {
        let err = serde_json::from_str::<BusinessHours>(json).unwrap_err();
        assert!(err.to_string().contains(expected), "{json}: {err}");
    }
}

#[test]
fn the_rust_api_reports_the_same_errors() {
    let err = BusinessHours::new(
        offset!(+01:00),
        [(Tuesday, iv("09:00-12:00")), (Tuesday, iv("11:00-13:00"))],
        [],
    )
    .unwrap_err();
    assert_eq!(
        err.kind(),
        &policy_error(
            "weekly.tue",
            "\"09:00-12:00\" and \"11:00-13:00\"",
            NO_OVERLAP
        )
    );
    let err = BusinessHours::new(offset!(+01:00), [], [date!(2026 - 12 - 25)]).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::InvalidValue { field, .. } if field == "weekly"));
    let err =
        BusinessHours::new(offset!(+01:00:30), [(Monday, iv("09:00-17:00"))], []).unwrap_err();
    assert_eq!(
        err.kind(),
        &policy_error(
            "utc_offset",
            "+01:00:30",
            "an offset in whole minutes, such as +01:00 or -05:30"
        )
    );
    let err = OpenInterval::new(time!(17:00), time!(09:00)).unwrap_err();
    assert_eq!(
        err.kind(),
        &policy_error("interval", "17:00-09:00", INTERVAL_ORDER)
    );
    assert!(OpenInterval::new(time!(09:00), time!(10:00:00.5)).is_err());
    assert!(OpenInterval::from_secs(0, 86_401).is_err());
    assert!(OpenInterval::from_secs(86_400, 86_400).is_err());
    assert_eq!(
        OpenInterval::from_secs(0, 86_400).unwrap().to_string(),
        "00:00-24:00"
    );
    assert_eq!(iv("09:00:30 - 17:00").to_string(), "09:00:30-17:00");
    assert_eq!(iv("09:00-17:59:59").len_secs(), 8 * 3600 + 3599);
}

#[test]
fn json_form_round_trips_in_canonical_order() {
    let json = r#"{"utc_offset": "-05:30", "weekly": {"tue": ["13:00-17:00", "09:00 - 12:00"],
        "mon": ["09:00-17:00"], "sun": []}, "holidays": ["2026-12-25", "2026-01-01", "2026-12-25"]}"#;
    let hours: BusinessHours = serde_json::from_str(json).unwrap();
    let written = serde_json::to_string(&hours).unwrap();
    assert_eq!(
        written,
        r#"{"utc_offset":"-05:30","weekly":{"mon":["09:00-17:00"],"tue":["09:00-12:00","13:00-17:00"]},"holidays":["2026-01-01","2026-12-25"]}"#
    );
    assert_eq!(
        serde_json::from_str::<BusinessHours>(&written).unwrap(),
        hours
    );
    assert_eq!(
        hours.holidays(),
        &[date!(2026 - 01 - 01), date!(2026 - 12 - 25)]
    );
    assert_eq!(
        hours.intervals(Tuesday),
        &[iv("09:00-12:00"), iv("13:00-17:00")]
    );
    assert_eq!(hours.intervals(Wednesday), &[]);
    assert_eq!(hours.open_seconds_per_week(), 15 * 3600);
    assert_eq!(hours.utc_offset(), offset!(-05:30));

    let always = serde_json::to_string(&BusinessHours::always()).unwrap();
    assert!(always.starts_with(r#"{"utc_offset":"+00:00","weekly":{"mon":["00:00-24:00"]"#));
    let back: BusinessHours = serde_json::from_str(&always).unwrap();
    assert_eq!(back, BusinessHours::default());
    assert!(back.is_always_open());

    let far: BusinessHours = serde_json::from_str(
        r#"{"utc_offset": "+00:00", "weekly": {"mon": ["09:00-17:00"]}, "holidays": ["-0044-03-15", "9999-12-31"]}"#,
    )
    .unwrap();
    let again: BusinessHours = serde_json::from_str(&serde_json::to_string(&far).unwrap()).unwrap();
    assert_eq!(again, far);
}

#[test]
fn the_office_is_open_in_its_own_hours_and_closed_on_christmas() {
    let office = office();
    // Thursday 2026-12-24 09:00 +01:00 is 08:00 UTC.
    assert!(office.is_open(datetime!(2026-12-24 08:00 UTC)));
    assert!(!office.is_open(datetime!(2026-12-24 07:59:59.999 UTC)));
    assert!(office.is_open(datetime!(2026-12-24 16:59:59.999 +01:00)));
    assert!(!office.is_open(datetime!(2026-12-24 17:00 +01:00)));
    // Friday 2026-12-25 is a holiday, Saturday is closed anyway.
    assert!(!office.is_open(datetime!(2026-12-25 12:00 +01:00)));
    assert!(!office.is_open(datetime!(2026-12-26 12:00 +01:00)));
    assert!(office.is_open(datetime!(2026-12-28 09:00 +01:00)));
    assert!(!office.is_always_open());
}

#[test]
fn a_customer_writing_before_christmas_waits_through_the_holiday() {
    let office = office();
    let wrote = datetime!(2026-12-24 16:00 +01:00);
    // One working hour on Thursday, then Friday (holiday) and the weekend count nothing.
    assert_eq!(
        office.open_seconds_between(wrote, datetime!(2026-12-28 10:00 +01:00)),
        2 * 3600
    );
    // A 4h target runs out on Monday 12:00.
    assert_eq!(
        office.add_open_seconds(wrote, 4 * 3600),
        datetime!(2026-12-28 12:00 +01:00)
    );
    // Exactly one working hour left: due at closing time, not at the next opening.
    assert_eq!(
        office.add_open_seconds(wrote, 3600),
        datetime!(2026-12-24 17:00 +01:00)
    );
    assert_eq!(
        office.add_open_seconds(wrote, 3601),
        datetime!(2026-12-28 09:00:01 +01:00)
    );
    // The result is in the caller's offset.
    let due = office.add_open_seconds(datetime!(2026-12-24 16:00 UTC), 1);
    assert_eq!(due.offset(), offset!(UTC));
    assert_eq!(due, datetime!(2026-12-28 08:00:01 UTC));
    assert_eq!(office.add_open_seconds(wrote, 0), wrote);
    // Backwards spans count nothing.
    assert_eq!(
        office.open_seconds_between(datetime!(2026-12-28 10:00 +01:00), wrote),
        0
    );
}

#[test]
fn edges_are_where_the_queue_re_keys() {
    let office = office();
    let edge = |at| office.next_change_after(at);
    assert_eq!(
        edge(datetime!(2026-12-23 12:00 +01:00)),
        Some(datetime!(2026-12-23 17:00 +01:00))
    );
    // Strictly after: at the opening instant the next change is the closing.
    assert_eq!(
        edge(datetime!(2026-12-23 09:00 +01:00)),
        Some(datetime!(2026-12-23 17:00 +01:00))
    );
    assert_eq!(
        edge(datetime!(2026-12-23 08:59:59.5 +01:00)),
        Some(datetime!(2026-12-23 09:00 +01:00))
    );
    // Thursday evening: Friday is a holiday, so the next opening is Monday.
    assert_eq!(
        edge(datetime!(2026-12-24 17:00 +01:00)),
        Some(datetime!(2026-12-28 09:00 +01:00))
    );
    // In the caller's offset.
    let utc = edge(datetime!(2026-12-24 18:00 UTC)).unwrap();
    assert_eq!(utc.offset(), offset!(UTC));
    assert_eq!(utc, datetime!(2026-12-28 08:00 UTC));
    assert_eq!(
        BusinessHours::always().next_change_after(datetime!(2026-12-24 18:00 UTC)),
        None
    );
}

#[test]
fn night_shifts_across_midnight_and_the_weekend_are_one_stretch() {
    let hours = BusinessHours::new(
        offset!(+00:00),
        [
            (Friday, iv("22:00-24:00")),
            (Saturday, iv("00:00-06:00")),
            (Sunday, iv("20:00-24:00")),
            (Monday, iv("00:00-02:00")),
            (Monday, iv("02:00-03:00")),
        ],
        [],
    )
    .unwrap();
    // 2026-03-06 is a Friday.
    assert_eq!(
        hours.next_change_after(datetime!(2026-03-06 23:00 UTC)),
        Some(datetime!(2026-03-07 06:00 UTC))
    );
    assert_eq!(
        hours.next_change_after(datetime!(2026-03-08 21:00 UTC)),
        Some(datetime!(2026-03-09 03:00 UTC))
    );
    assert_eq!(
        hours.next_change_after(datetime!(2026-03-09 03:00 UTC)),
        Some(datetime!(2026-03-13 22:00 UTC))
    );
    assert_eq!(hours.open_seconds_per_week(), (2 + 6 + 4 + 3) * 3600);
}

#[test]
fn holidays_on_a_day_off_change_nothing_and_duplicates_count_once() {
    let plain = BusinessHours::new(offset!(+01:00), [(Monday, iv("09:00-17:00"))], []).unwrap();
    // 2026-03-01 is a Sunday, 2026-03-02 a Monday.
    let with = BusinessHours::new(
        offset!(+01:00),
        [(Monday, iv("09:00-17:00"))],
        [
            date!(2026 - 03 - 01),
            date!(2026 - 03 - 02),
            date!(2026 - 03 - 02),
        ],
    )
    .unwrap();
    let (from, to) = (
        datetime!(2026-02-01 00:00 UTC),
        datetime!(2026-04-01 00:00 UTC),
    );
    assert_eq!(
        with.open_seconds_between(from, to),
        plain.open_seconds_between(from, to) - 8 * 3600
    );
    assert_eq!(with.holidays().len(), 2);
}

#[test]
fn a_schedule_in_india_is_checked_against_utc_instants() {
    let nine_to_six: OpenInterval = "09:00-18:00".parse().unwrap();
    let hours = BusinessHours::new(
        offset!(+05:30),
        [Monday, Tuesday, Wednesday, Thursday, Friday].map(|d| (d, nine_to_six)),
        [date!(2026 - 01 - 26)],
    )
    .unwrap();
    // 09:00 IST = 03:30 UTC, 18:00 IST = 12:30 UTC.
    assert!(hours.is_open(datetime!(2026-01-27 03:30 UTC)));
    assert!(!hours.is_open(datetime!(2026-01-27 03:29:59 UTC)));
    assert!(hours.is_open(datetime!(2026-01-27 12:29:59 UTC)));
    assert!(!hours.is_open(datetime!(2026-01-27 12:30 UTC)));
    // Republic Day (Monday 26 January) is closed in IST, even though at 20:00 UTC on Sunday
    // the 26th has already begun in India.
    assert!(!hours.is_open(datetime!(2026-01-26 05:00 UTC)));
    assert_eq!(
        hours.next_change_after(datetime!(2026-01-25 20:00 UTC)),
        Some(datetime!(2026-01-27 03:30 UTC))
    );
    // A day late on a Friday evening in UTC is Saturday in India: the deadline moves to Monday.
    assert_eq!(
        hours.add_open_seconds(datetime!(2026-01-30 12:00 UTC), 3600),
        datetime!(2026-02-02 04:00 UTC)
    );
}

#[test]
fn a_century_of_working_time_is_counted_exactly_and_fast() {
    let nine_to_five = iv("09:00-17:00");
    let holidays: Vec<Date> = (2000..2100)
        .flat_map(|y| {
            [(1, 1), (5, 1), (12, 25), (12, 26)].map(|(m, d)| {
                Date::from_calendar_date(y, time::Month::try_from(m).unwrap(), d).unwrap()
            })
        })
        .collect();
    let hours = BusinessHours::new(
        offset!(+01:00),
        [Monday, Tuesday, Wednesday, Thursday, Friday].map(|d| (d, nine_to_five)),
        holidays.iter().copied(),
    )
    .unwrap();
    let from = datetime!(2000-01-01 00:00 +01:00);
    let to = datetime!(2100-01-01 00:00 +01:00);

    // Slow reference: walk every day of the century.
    let mut expected = 0i64;
    let mut day = from.date();
    while day < to.date() {
        if day.weekday().number_days_from_monday() < 5 && !holidays.contains(&day) {
            expected += 8 * 3600;
        }
        day = day.next_day().unwrap();
    }

    let started = std::time::Instant::now();
    let mut total = 0;
    for _ in 0..10_000 {
        total = hours.open_seconds_between(from, to);
    }
    let due = hours.add_open_seconds(from, u64::try_from(expected).unwrap());
    let edge = hours.next_change_after(datetime!(2099-12-31 17:00 +01:00));
    let elapsed = started.elapsed();
    assert_eq!(total, expected);
    // The last working second of the century ends Thursday 2099-12-31 17:00.
    assert_eq!(due, datetime!(2099-12-31 17:00 +01:00));
    assert_eq!(edge, Some(datetime!(2100-01-01 09:00 +01:00)));
    // 10 000 century-long counts in well under a second, even unoptimized.
    assert!(elapsed < std::time::Duration::from_secs(2), "{elapsed:?}");
}

#[test]
fn the_ends_of_time_do_not_panic() {
    let first = PrimitiveDateTime::MIN.assume_utc();
    let last = PrimitiveDateTime::MAX.assume_utc();
    let office = office();
    let always = BusinessHours::always();
    assert_eq!(
        always.open_seconds_between(first, last),
        last.unix_timestamp() - first.unix_timestamp()
    );
    assert!(office.open_seconds_between(first, last) > 0);
    assert_eq!(office.add_open_seconds(first, u64::MAX), last);
    assert_eq!(
        office.add_open_seconds(last - Duration::days(3), 100 * 3600),
        last
    );
    assert_eq!(
        always.add_open_seconds(last - Duration::SECOND, 1),
        last.replace_nanosecond(0).unwrap()
    );
    assert_eq!(office.next_change_after(last), None);
    assert!(office.next_change_after(first).is_some());
    let east = BusinessHours::new(offset!(+14:00), [(Sunday, iv("00:00-24:00"))], []).unwrap();
    assert!(!east.is_open(first));
    let _ = east.next_change_after(last - Duration::hours(1));
    let _ = east.add_open_seconds(last - Duration::days(10), 86_400);
    // A change beyond year 9999 in the caller's offset is reported in UTC instead.
    let east_caller =
        OffsetDateTime::new_in_offset(date!(9999 - 12 - 31), time!(23:00), offset!(+12:00));
    let due = always.add_open_seconds(east_caller, 2 * 3600);
    assert_eq!(due.offset(), offset!(UTC));
    assert_eq!(due, datetime!(9999-12-31 13:00 UTC));
    assert_eq!(always.next_change_after(east_caller), None);
}

#[test]
fn schedules_can_be_shared_between_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<BusinessHours>();
    assert_send_sync::<OpenInterval>();
}
