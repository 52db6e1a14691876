//! `Policy`: documented defaults, JSON round trip, and one typed error per bad-input class.

use realboss::policy::{HistoryConfig, HumanDuration, SelfUrgent, Weights};
use realboss::{ErrorKind, Level, Policy};

fn policy_field(json: &str) -> String {
    match Policy::from_json(json).unwrap_err().kind() {
        ErrorKind::InvalidValue { field, .. } => field.clone(),
        other => panic!("expected InvalidValue for {json}, got {other:?}"),
    }
}

#[test]
fn defaults_are_the_documented_ones_and_round_trip_through_json() {
    let policy = Policy::default();
    assert_eq!(
        policy.sla().target(Level::Urgent).first_reply,
        HumanDuration::from_mins(15)
    );
    assert_eq!(
        policy.sla().target(Level::Low).next_reply,
        HumanDuration::from_hours(72)
    );
    assert_eq!(policy.max_wait(), HumanDuration::from_days(2));
    assert!(policy.business_hours().is_always_open());
    assert_eq!(policy.internal_factor(), 0.5);
    let json = serde_json::to_string(&policy).unwrap();
    assert_eq!(Policy::from_json(&json).unwrap(), policy);
    assert_eq!(Policy::from_json("{}").unwrap(), policy);
}

#[test]
fn a_partial_policy_keeps_the_other_defaults() {
    let policy = Policy::from_json(
        r#"{"weights": {"lead": 6}, "max_wait": "1d 12h",
            "business_hours": {"utc_offset": "+01:00", "weekly": {"mon": ["09:00-17:00"]}},
            "sla": {"urgent": {"first_reply": "5m", "next_reply": "1h"}}}"#,
    )
    .unwrap();
    assert_eq!(policy.weights().lead, 6.0);
    assert_eq!(
        policy.weights().repeat_contact,
        Weights::default().repeat_contact
    );
    assert_eq!(policy.max_wait().as_secs(), 36 * 3600);
    assert_eq!(
        policy.sla().target(Level::Urgent).first_reply,
        HumanDuration::from_mins(5)
    );
    assert!(!policy.business_hours().is_always_open());
}

#[test]
fn every_bad_value_is_a_typed_error_naming_its_field() {
    let cases = [
        (r#"{"weights": {"lead": -1}}"#, "weights.lead"),
        (
            r#"{"weights": {"waiting_per_hour": 1e9}}"#,
            "weights.waiting_per_hour",
        ),
        (
            r#"{"customer_value": {"gold": -0.5}}"#,
            "customer_value.gold",
        ),
        (
            r#"{"customer_value": {"lifetime_value_half": 0}}"#,
            "customer_value.lifetime_value_half",
        ),
        (
            r#"{"self_urgent": {"min_requests": 1}}"#,
            "self_urgent.min_requests",
        ),
        (r#"{"self_urgent": {"share": 0}}"#, "self_urgent.share"),
        (r#"{"self_urgent": {"factor": 1.5}}"#, "self_urgent.factor"),
        (r#"{"internal_factor": 1}"#, "internal_factor"),
        (r#"{"off_hours_wait": -0.1}"#, "off_hours_wait"),
        (r#"{"max_wait": "0s"}"#, "max_wait"),
        (r#"{"max_wait": "400d"}"#, "max_wait"),
        (
            r#"{"sla": {"high": {"first_reply": "0s", "next_reply": "8h"}}}"#,
            "sla.high.first_reply",
        ),
        (
            r#"{"business_hours": {"utc_offset": "+00:00", "weekly": {"mon": ["09:00-12:00", "11:00-17:00"]}}}"#,
            "weekly.mon",
        ),
        (r#"{"history": {"burst_window": "3h"}}"#, "burst_window"),
    ];
    for (json, field) in cases {
        let got = policy_field(json);
        assert!(
            got.starts_with(field),
            "{json}: field {got:?}, expected {field:?}"
        );
    }
}

#[test]
fn an_unparsable_duration_is_a_typed_error_with_the_accepted_form() {
    let err = Policy::from_json(r#"{"max_wait": "two days"}"#).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::InvalidValue { .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("two days"), "{err}");
}

#[test]
fn malformed_json_wrong_types_and_unknown_fields_are_json_errors() {
    for json in [
        "{",
        r#"{"weights": {"lead": "high"}}"#,
        r#"{"wieghts": {}}"#,
        r#"{"weights": {"leed": 1}}"#,
    ] {
        let err = Policy::from_json(json).unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::Json { .. }),
            "{json}: {err:?}"
        );
    }
}

#[test]
fn rust_built_policies_are_validated_too() {
    let nan = Weights {
        complaint: f64::NAN,
        ..Weights::default()
    };
    let err = Policy::builder().weights(nan).build().unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::InvalidValue { field, .. } if field == "weights.complaint")
    );
    assert!(Policy::builder().internal_factor(f64::NAN).build().is_err());
    assert!(
        Policy::builder()
            .off_hours_wait(f64::INFINITY)
            .build()
            .is_err()
    );
    assert!(
        Policy::builder()
            .max_wait(HumanDuration::from_secs(0).unwrap())
            .build()
            .is_err()
    );
    let shy = SelfUrgent {
        share: f64::NAN,
        ..SelfUrgent::default()
    };
    assert!(Policy::builder().self_urgent(shy).build().is_err());
    let mut slow = HistoryConfig::default();
    slow.burst_window = HumanDuration::from_hours(3);
    assert!(Policy::builder().history(slow).build().is_err());
    let policy = Policy::builder().internal_factor(0.25).build().unwrap();
    assert_eq!(policy.internal_factor(), 0.25);
    // A builder from a policy keeps its other values, and is checked again when built.
    let changed = policy.to_builder().off_hours_wait(0.75).build().unwrap();
    assert_eq!(
        (changed.internal_factor(), changed.off_hours_wait()),
        (0.25, 0.75)
    );
    assert!(policy.to_builder().off_hours_wait(2.0).build().is_err());
}

#[test]
fn the_builder_and_from_json_give_the_same_policy_and_the_same_errors() {
    let weights = Weights {
        lead: 6.0,
        ..Weights::default()
    };
    let built = Policy::builder()
        .weights(weights)
        .max_wait(HumanDuration::from_days(1))
        .build()
        .unwrap();
    let read = Policy::from_json(r#"{"weights": {"lead": 6}, "max_wait": "1d"}"#).unwrap();
    assert_eq!(built, read);
    let bad = Weights {
        repeat_contact: 1e9,
        ..Weights::default()
    };
    let from_builder = Policy::builder().weights(bad).build().unwrap_err();
    let from_json = Policy::from_json(r#"{"weights": {"repeat_contact": 1e9}}"#).unwrap_err();
    assert_eq!(from_builder, from_json);
    assert_eq!(
        from_json.to_string(),
        "weights.repeat_contact must be a number of points from 0 to 1000, got 1000000000"
    );
}

#[test]
fn a_huge_weight_is_shown_short_and_the_limit_comes_from_the_constant() {
    let err = Policy::from_json(r#"{"weights": {"lead": 1.79e308}}"#).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("got 1.79e308"), "{message}");
    assert!(message.len() < 120, "{message}");
    assert!(
        message.contains(&format!("from 0 to {}", realboss::policy::MAX_WEIGHT)),
        "{message}"
    );
}

#[test]
fn a_bad_duration_in_a_policy_names_its_field_and_any_thread_reads_it() {
    // Nothing is remembered per thread: the typed error comes back on another thread too,
    // and an earlier error on this thread does not leak into a later parse.
    let err = std::thread::spawn(|| Policy::from_json(r#"{"max_wait": "two days"}"#))
        .join()
        .unwrap()
        .unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::InvalidValue { field, value, .. }
            if field == "max_wait" && value == "\"two days\""),
        "{err:?}"
    );
    let err =
        Policy::from_json(r#"{"sla": {"urgent": {"first_reply": "soon", "next_reply": "2h"}}}"#)
            .unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::InvalidValue { field, .. } if field == "sla.urgent.first_reply"),
        "{err:?}"
    );
    let err = Policy::from_json(r#"{"history": {"burst_window": "a while"}}"#).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::InvalidValue { field, .. } if field == "burst_window"),
        "{err:?}"
    );
    // A wrong JSON type stays a JSON error, as does a null schedule.
    for json in [r#"{"max_wait": 5}"#, r#"{"business_hours": null}"#] {
        let err = Policy::from_json(json).unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::Json { .. }),
            "{json}: {err:?}"
        );
    }
}

#[test]
fn policy_is_send_and_sync() {
    fn shared<T: Send + Sync>() {}
    shared::<Policy>();
    shared::<realboss::Ranker>();
}
