//! Business hours in an IANA time zone (issue 17): waits and deadlines across the European, US
//! and Australian switch dates, the gap and fold rules, and the JSON form with `time_zone`.

use realboss::model::{TZDB_VERSION, TimeZone};
use realboss::policy::{BusinessHours, OpenInterval};
use realboss::{ErrorKind, Policy};
use time::Weekday::{self, *};
use time::macros::{datetime, offset};
use time::{OffsetDateTime, UtcOffset};

const WEEKDAYS: [Weekday; 5] = [Monday, Tuesday, Wednesday, Thursday, Friday];

fn nine_to_five() -> impl Iterator<Item = (Weekday, OpenInterval)> {
    WEEKDAYS
        .map(|d| (d, "09:00-17:00".parse().unwrap()))
        .into_iter()
}

fn office_in(zone: &str) -> BusinessHours {
    BusinessHours::in_time_zone(TimeZone::new(zone).unwrap(), nine_to_five(), []).unwrap()
}

fn office_at(offset: UtcOffset) -> BusinessHours {
    BusinessHours::new(offset, nine_to_five(), []).unwrap()
}

/// For each zone, the weekend its clocks change: Friday 16:00 local before the change, Monday
/// 10:00 local after it, and the fixed offset of the Friday.
const WEEKENDS: [(&str, OffsetDateTime, OffsetDateTime, UtcOffset); 6] = [
    // Berlin springs forward on Sunday 2026-03-29 and falls back on 2026-10-25.
    (
        "Europe/Berlin",
        datetime!(2026-03-27 16:00 +01:00),
        datetime!(2026-03-30 10:00 +02:00),
        offset!(+01:00),
    ),
    (
        "Europe/Berlin",
        datetime!(2026-10-23 16:00 +02:00),
        datetime!(2026-10-26 10:00 +01:00),
        offset!(+02:00),
    ),
    // New York springs forward on 2026-03-08 and falls back on 2026-11-01.
    (
        "America/New_York",
        datetime!(2026-03-06 16:00 -05:00),
        datetime!(2026-03-09 10:00 -04:00),
        offset!(-05:00),
    ),
    (
        "America/New_York",
        datetime!(2026-10-30 16:00 -04:00),
        datetime!(2026-11-02 10:00 -05:00),
        offset!(-04:00),
    ),
    // Sydney falls back on 2026-04-05 and springs forward on 2026-10-04.
    (
        "Australia/Sydney",
        datetime!(2026-04-03 16:00 +11:00),
        datetime!(2026-04-06 10:00 +10:00),
        offset!(+11:00),
    ),
    (
        "Australia/Sydney",
        datetime!(2026-10-02 16:00 +10:00),
        datetime!(2026-10-05 10:00 +11:00),
        offset!(+10:00),
    ),
];

#[test]
fn a_wait_across_each_switch_weekend_counts_one_hour_friday_and_one_hour_monday() {
    for (zone, friday, monday, friday_offset) in WEEKENDS {
        let hours = office_in(zone);
        assert_eq!(hours.open_seconds_between(friday, monday), 7_200, "{zone}");
        // The SLA deadline of two working hours is Monday 10:00 on the new clock.
        assert_eq!(hours.add_open_seconds(friday, 7_200), monday, "{zone}");
        assert_eq!(hours.utc_offset_at(friday), friday_offset, "{zone}");
        assert_ne!(hours.utc_offset_at(monday), friday_offset, "{zone}");
        // Friday's fixed offset is an hour off on Monday, in the direction of the change.
        let fixed = office_at(friday_offset);
        let spring = hours.utc_offset_at(monday) > friday_offset;
        let expected_fixed = if spring { 3_600 } else { 3 * 3_600 };
        assert_eq!(
            fixed.open_seconds_between(friday, monday),
            expected_fixed,
            "{zone}"
        );
    }
}

#[test]
fn the_issue_berlin_example_counts_the_summer_hour_on_the_last_friday_of_october() {
    let request_at = datetime!(2026-10-23 14:30 UTC);
    let now = datetime!(2026-10-23 16:30 UTC);
    // 16:30-17:00 CEST open, 17:00-18:30 closed: 30 minutes of working time.
    assert_eq!(
        office_in("Europe/Berlin").open_seconds_between(request_at, now),
        1_800
    );
    assert_eq!(
        office_at(offset!(+01:00)).open_seconds_between(request_at, now),
        5_400
    );
}

#[test]
fn a_local_time_in_a_gap_moves_forward_and_one_in_a_fold_takes_the_earlier_instant() {
    let new_york = TimeZone::new("America/New_York").unwrap();
    assert_eq!(
        new_york.resolve(datetime!(2026-03-08 02:30)),
        Some(datetime!(2026-03-08 03:30 -04:00))
    );
    assert_eq!(
        new_york.resolve(datetime!(2026-11-01 01:30)),
        Some(datetime!(2026-11-01 01:30 -04:00))
    );
    // A Sunday shift 01:30-02:30 in New York. In March its end, 02:30, is in the gap and moves
    // to 03:30 EDT (07:30 UTC): one hour open. In
    // November its start, 01:30, is in the fold and takes the first reading (EDT, 05:30 UTC);
    // its end is 02:30 EST (07:30 UTC): two hours open.
    let shift =
        BusinessHours::in_time_zone(new_york, [(Sunday, "01:30-02:30".parse().unwrap())], [])
            .unwrap();
    let march = (
        datetime!(2026-03-08 06:30 UTC),
        datetime!(2026-03-08 07:30 UTC),
    );
    let november = (
        datetime!(2026-11-01 05:30 UTC),
        datetime!(2026-11-01 07:30 UTC),
    );
    for (start, end) in [march, november] {
        let day_before = start - time::Duration::days(1);
        assert!(!shift.is_open(start - time::Duration::SECOND), "{start}");
        assert!(shift.is_open(start) && !shift.is_open(end), "{start}");
        assert_eq!(shift.next_change_after(day_before), Some(start), "{start}");
        assert_eq!(shift.next_change_after(start), Some(end), "{start}");
        let seconds = (end - start).whole_seconds();
        assert_eq!(
            shift.open_seconds_between(day_before, end + time::Duration::days(1)),
            seconds
        );
    }
}

#[test]
fn a_zone_that_does_not_exist_is_a_typed_error_naming_the_field_and_the_accepted_names() {
    let err = TimeZone::new("Europe/Atlantis").unwrap_err();
    assert_eq!(
        err.kind(),
        &ErrorKind::InvalidValue {
            field: "time_zone".into(),
            value: "\"Europe/Atlantis\"".into(),
            expected: format!(
                "an IANA time zone name of the bundled database (tzdb {TZDB_VERSION}), such as \
                 \"Europe/Berlin\", \"America/New_York\" or \"UTC\""
            ),
        }
    );
    assert_eq!(
        err.to_string(),
        "time_zone must be an IANA time zone name of the bundled database (tzdb 2026f), such as \
         \"Europe/Berlin\", \"America/New_York\" or \"UTC\", got \"Europe/Atlantis\""
    );
    let policy = Policy::from_json(
        r#"{"business_hours": {"time_zone": "Europe/Atlantis", "weekly": {"mon": ["09:00-17:00"]}}}"#,
    )
    .unwrap_err();
    assert!(
        matches!(policy.kind(), ErrorKind::InvalidValue { field, .. } if field == "time_zone"),
        "{policy:?}"
    );
}

#[test]
fn a_policy_names_either_an_offset_or_a_zone() {
    let both = Policy::from_json(
        r#"{"business_hours": {"utc_offset": "+01:00", "time_zone": "Europe/Berlin",
            "weekly": {"mon": ["09:00-17:00"]}}}"#,
    )
    .unwrap_err();
    match both.kind() {
        ErrorKind::InvalidValue {
            field,
            value,
            expected,
        } => {
            assert_eq!(field, "time_zone");
            assert_eq!(value, "\"Europe/Berlin\" beside utc_offset \"+01:00\"");
            assert!(expected.contains("not both"), "{expected}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_policy_with_a_time_zone_round_trips_through_json() {
    let policy = Policy::from_json(
        r#"{"off_hours_wait": 0.25,
            "business_hours": {"time_zone": "australia/sydney",
                               "weekly": {"mon": ["08:30-17:30"], "fri": ["08:30-16:00"]},
                               "holidays": ["2026-12-25"]}}"#,
    )
    .unwrap();
    let hours = policy.business_hours();
    assert_eq!(
        hours.time_zone().map(TimeZone::name),
        Some("Australia/Sydney")
    );
    let json = serde_json::to_value(&policy).unwrap();
    assert_eq!(json["business_hours"]["time_zone"], "Australia/Sydney");
    assert!(json["business_hours"].get("utc_offset").is_none());
    let back = Policy::from_json(&json.to_string()).unwrap();
    assert_eq!(back, policy);
    // A fixed offset keeps its own form.
    let fixed = Policy::from_json(
        r#"{"business_hours": {"utc_offset": "+01:00", "weekly": {"mon": ["09:00-17:00"]}}}"#,
    )
    .unwrap();
    let json = serde_json::to_value(&fixed).unwrap();
    assert_eq!(json["business_hours"]["utc_offset"], "+01:00");
    assert!(json["business_hours"].get("time_zone").is_none());
}
