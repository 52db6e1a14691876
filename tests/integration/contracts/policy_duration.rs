//! `HumanDuration`: the human form of SLA targets ("15m", "1h30m", "1d 4h").

use crate::common::fixtures::policy_error;
use proptest::prelude::*;
use realboss::policy::HumanDuration;

/// The accepted form, as the error message states it.
const FORM: &str = "a duration written as <integer><unit> parts, largest unit first, each unit \
     at most once, units w (weeks), d (days), h (hours), m (minutes), s (seconds), e.g. \"15m\", \
     \"1h30m\" or \"1d 4h\"";
const ORDER: &str = "each unit at most once, largest first (w, d, h, m, s), e.g. \"1h30m\"";
const TOO_LONG: &str =
    "a duration of at most 15250284452471w3d15h30m7s (9223372036854775807 seconds)";

#[test]
fn an_agent_writes_targets_the_way_people_say_them() {
    let cases: &[(&str, u64)] = &[
        ("15m", 15 * 60),
        ("2h", 2 * 3600),
        ("1h30m", 5400),
        ("1h 30m", 5400),
        ("1d 4h", 28 * 3600),
        ("  1w\t2d\n", 9 * 86_400),
        ("90m", 5400),
        ("0s", 0),
        ("0h 0m", 0),
        ("007s", 7),
        ("1w1d1h1m1s", 604_800 + 86_400 + 3600 + 60 + 1),
        ("9223372036854775807s", i64::MAX as u64),
    ];
    for &(text, secs) in cases {
        let parsed: HumanDuration = text.parse().unwrap_or_else(|e| panic!("{text:?}: {e}"));
        assert_eq!(parsed.as_secs(), secs, "{text:?}");
    }
}

#[test]
fn display_writes_the_canonical_form() {
    let cases: &[(u64, &str)] = &[
        (0, "0s"),
        (59, "59s"),
        (60, "1m"),
        (5400, "1h30m"),
        (72 * 3600, "3d"),
        (7 * 86_400 + 1, "1w1s"),
        (3600 + 1, "1h1s"),
        (i64::MAX as u64, "15250284452471w3d15h30m7s"),
    ];
    for &(secs, text) in cases {
        assert_eq!(HumanDuration::from_secs(secs).unwrap().to_string(), text);
    }
    assert_eq!(HumanDuration::MAX.to_string(), "15250284452471w3d15h30m7s");
}

#[test]
fn each_bad_duration_gets_an_error_naming_the_text_and_the_form() {
    let cases: &[(&str, &str)] = &[
        ("", FORM),
        ("   ", FORM),
        ("15", FORM),
        ("m", FORM),
        ("15M", FORM),
        ("1.5h", FORM),
        ("-5m", FORM),
        ("+5m", FORM),
        ("1 h", FORM),
        ("1h 2x", FORM),
        ("15m,", FORM),
        ("\u{ff11}h", FORM),
        ("30m1h", ORDER),
        ("1h1h", ORDER),
        ("1h 2h", ORDER),
        ("18446744073709551616s", TOO_LONG),
        ("9223372036854775808s", TOO_LONG),
        ("30500000000000w", TOO_LONG),
        ("15250284452471w3d15h30m8s", TOO_LONG),
    ];
    for &(text, expected) in cases {
        let err = text.parse::<HumanDuration>().unwrap_err();
        assert_eq!(
            err.kind(),
            &policy_error("duration", &format!("{text:?}"), expected),
            "{text:?}"
        );
    }
    let err = "1.5h".parse::<HumanDuration>().unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("duration must be {FORM}, got \"1.5h\"")
    );
}

#[test]
fn a_huge_bad_text_gives_a_short_error_quickly() {
    let garbage = "9".repeat(1_000_000) + "x";
    let err = garbage.parse::<HumanDuration>().unwrap_err();
    assert!(err.to_string().len() < 400, "{}", err.to_string().len());
    assert!(err.to_string().contains("(1000001 bytes in all)"));
    let spaces = " ".repeat(1_000_000);
    assert!(spaces.parse::<HumanDuration>().is_err());
}

#[test]
fn conversions_keep_every_second_or_refuse() {
    assert_eq!(HumanDuration::from_mins(15).as_secs(), 900);
    assert_eq!(HumanDuration::from_hours(2).as_secs(), 7200);
    assert_eq!(HumanDuration::from_days(3).as_secs(), 259_200);
    assert_eq!(
        HumanDuration::from_days(u32::MAX).as_secs(),
        u64::from(u32::MAX) * 86_400
    );
    assert_eq!(
        HumanDuration::from_secs(i64::MAX as u64 + 1)
            .unwrap_err()
            .kind(),
        &policy_error(
            "duration",
            "9223372036854775808 seconds",
            "at most 9223372036854775807 seconds"
        )
    );
    assert_eq!(
        time::Duration::from(HumanDuration::MAX),
        time::Duration::seconds(i64::MAX)
    );
    assert_eq!(
        HumanDuration::try_from(time::Duration::minutes(90)).unwrap(),
        "1h30m".parse().unwrap()
    );
    assert!(HumanDuration::try_from(time::Duration::seconds(-1)).is_err());
    assert!(HumanDuration::try_from(time::Duration::milliseconds(1500)).is_err());
    assert_eq!(
        std::time::Duration::from(HumanDuration::from_mins(1)),
        std::time::Duration::from_secs(60)
    );
    assert!(HumanDuration::ZERO.is_zero());
    assert_eq!(HumanDuration::default(), HumanDuration::ZERO);
}

#[test]
fn serde_reads_and_writes_the_human_string() {
    let d: HumanDuration = serde_json::from_str("\"1d 4h\"").unwrap();
    assert_eq!(serde_json::to_string(&d).unwrap(), "\"1d4h\"");
    let err = serde_json::from_str::<HumanDuration>("\"4 hours\"").unwrap_err();
    assert!(err.to_string().starts_with("duration must be"), "{err}");
    assert!(err.to_string().contains("\"4 hours\""), "{err}");
    // Plain numbers are refused: the unit must be written.
    assert!(serde_json::from_str::<HumanDuration>("900").is_err());
}

proptest! {
    #[test]
    fn display_then_parse_gives_the_same_duration(secs in 0..=i64::MAX as u64) {
        let d = HumanDuration::from_secs(secs).unwrap();
        let text = d.to_string();
        prop_assert_eq!(text.parse::<HumanDuration>().unwrap(), d);
        let json = serde_json::to_string(&d).unwrap();
        prop_assert_eq!(serde_json::from_str::<HumanDuration>(&json).unwrap(), d);
    }

    #[test]
    fn parts_add_up_whatever_the_spacing(
        parts in proptest::collection::vec(proptest::option::of(0u64..100_000), 5),
        spaced in any::<bool>(),
    ) {
        let units = [('w', 604_800u64), ('d', 86_400), ('h', 3600), ('m', 60), ('s', 1)];
        let mut text = String::new();
        let mut total = 0;
        for (part, (unit, secs)) in parts.iter().zip(units) {
            if let Some(n) = part {
                text.push_str(&format!("{n}{unit}"));
                if spaced { text.push(' '); }
                total += n * secs;
            }
        }
        let parsed = text.parse::<HumanDuration>();
        if parts.iter().all(Option::is_none) {
            prop_assert!(parsed.is_err());
        } else {
            prop_assert_eq!(parsed.unwrap().as_secs(), total);
        }
    }

    #[test]
    fn any_text_parses_or_errors_without_panicking(text in "\\PC{0,40}") {
        let _ = text.parse::<HumanDuration>();
    }
}
