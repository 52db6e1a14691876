//! A customer profile's IANA `time_zone` (issue 17): it wins over `utc_offset` for the
//! customer's clock, and contact windows may cross midnight, also on a night the clocks change.

use realboss::model::*;
use realboss::{CustomerProfile, ErrorKind};
use time::macros::{date, datetime, offset, time};

fn profile_json(extra: &str) -> String {
    format!(
        r#"{{"id": "cus-anna", "tier": "gold", "lifetime_value": {{"amount": 900, "currency": "EUR"}},
            "customer_since": "2020-02-02", "utc_offset": "+01:00"{extra}}}"#
    )
}

#[test]
fn the_zone_wins_over_the_offset_for_the_customers_clock() {
    let anna =
        CustomerProfile::from_json(&profile_json(r#", "time_zone": "Europe/Berlin""#)).unwrap();
    assert_eq!(anna.utc_offset(), offset!(+01:00));
    let summer = datetime!(2026-10-23 14:30 UTC);
    assert_eq!(anna.utc_offset_at(summer), offset!(+02:00));
    assert_eq!(
        anna.local_time(summer),
        Some(datetime!(2026-10-23 16:30 +02:00))
    );
    let winter = datetime!(2026-10-26 14:30 UTC);
    assert_eq!(
        anna.local_time(winter),
        Some(datetime!(2026-10-26 15:30 +01:00))
    );
    // Without the zone the fixed offset stays.
    let fixed = anna.to_builder().clear_time_zone().build().unwrap();
    assert_eq!(fixed.utc_offset_at(summer), offset!(+01:00));
}

#[test]
fn a_window_across_midnight_follows_the_clock_on_the_night_it_falls_back() {
    let night = ContactWindow::new(
        DaySet::EMPTY
            .with(time::Weekday::Saturday)
            .with(time::Weekday::Sunday),
        time!(22:00),
        time!(2:00),
    )
    .unwrap();
    let builder = CustomerProfile::builder(CustomerId::new("cus-night").unwrap())
        .tier(Tier::Standard)
        .lifetime_value(Money::new(10.0, "EUR".parse().unwrap()).unwrap())
        .customer_since(date!(2024 - 01 - 01))
        .utc_offset(offset!(+01:00))
        .contact_window(night);
    let berlin = builder
        .clone()
        .time_zone(TimeZone::new("Europe/Berlin").unwrap())
        .build()
        .unwrap();
    let fixed = builder.build().unwrap();
    // (instant, Berlin's clock, inside on Berlin's clock, inside at a fixed +01:00)
    let cases = [
        // Saturday 21:59 CEST: not yet; at +01:00 it would be 20:59.
        (datetime!(2026-10-24 19:59 UTC), false, false),
        // Saturday 22:00 CEST opens the window; +01:00 reads 21:00.
        (datetime!(2026-10-24 20:00 UTC), true, false),
        // Sunday 01:59 CEST: still inside.
        (datetime!(2026-10-24 23:59 UTC), true, true),
        // Sunday 02:00 CEST: closed, though +01:00 reads 01:00.
        (datetime!(2026-10-25 00:00 UTC), false, true),
        // Sunday 02:30 CET, the repeated hour: closed, the clock shows a time after 02:00.
        (datetime!(2026-10-25 01:30 UTC), false, false),
        // Sunday 22:00 CET opens Sunday's window, which runs into Monday 02:00.
        (datetime!(2026-10-25 21:00 UTC), true, true),
        (datetime!(2026-10-26 00:59 UTC), true, true),
        (datetime!(2026-10-26 01:00 UTC), false, false),
    ];
    for (at, in_berlin, at_fixed) in cases {
        assert_eq!(berlin.is_contact_time(at), in_berlin, "Berlin at {at}");
        assert_eq!(fixed.is_contact_time(at), at_fixed, "+01:00 at {at}");
    }
}

#[test]
fn a_profile_with_a_zone_round_trips_through_json() {
    let json = profile_json(
        r#", "time_zone": "australia/sydney",
            "contact_windows": [{"days": ["fri"], "start": "22:00", "end": "02:00"}]"#,
    );
    let profile = CustomerProfile::from_json(&json).unwrap();
    assert_eq!(
        profile.time_zone().map(TimeZone::name),
        Some("Australia/Sydney")
    );
    assert!(profile.contact_windows()[0].crosses_midnight());
    let written = serde_json::to_value(&profile).unwrap();
    assert_eq!(written["time_zone"], "Australia/Sydney");
    assert_eq!(written["contact_windows"][0]["end"], "02:00");
    let back = CustomerProfile::from_json(&written.to_string()).unwrap();
    assert_eq!(back, profile);
}

#[test]
fn a_profile_naming_a_zone_that_does_not_exist_is_refused_by_name() {
    let err =
        CustomerProfile::from_json(&profile_json(r#", "time_zone": "Mars/Olympus""#)).unwrap_err();
    match err.kind() {
        ErrorKind::InvalidValue { field, value, .. } => {
            assert_eq!(field, "time_zone");
            assert_eq!(value, "\"Mars/Olympus\"");
        }
        other => panic!("{other:?}"),
    }
}
