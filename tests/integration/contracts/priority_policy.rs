//! `Policy`: documented defaults, JSON round trip, and one typed error per bad-input class.

use realboss::ErrorKind;
use realboss::policy::HumanDuration;
use realboss::priority::{Policy, SelfUrgent, Weights};

fn policy_field(json: &str) -> String {
    match Policy::from_json(json).unwrap_err().kind() {
        ErrorKind::InvalidPolicy { field, .. } => field.clone(),
        other => panic!("expected InvalidPolicy for {json}, got {other:?}"),
    }
}

#[test]
fn defaults_are_the_documented_ones_and_round_trip_through_json() {
    let policy = Policy::default();
    assert_eq!(
        policy.sla().urgent().first_reply,
        HumanDuration::from_mins(15)
    );
    assert_eq!(policy.sla().low().next_reply, HumanDuration::from_hours(72));
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
        policy.sla().urgent().first_reply,
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
        matches!(err.kind(), ErrorKind::InvalidPolicy { .. }),
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
    let err = Policy::default().with_weights(nan).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::InvalidPolicy { field, .. } if field == "weights.complaint")
    );
    assert!(Policy::default().with_internal_factor(f64::NAN).is_err());
    assert!(
        Policy::default()
            .with_off_hours_wait(f64::INFINITY)
            .is_err()
    );
    assert!(
        Policy::default()
            .with_max_wait(HumanDuration::from_secs(0).unwrap())
            .is_err()
    );
    let shy = SelfUrgent {
        share: f64::NAN,
        ..SelfUrgent::default()
    };
    assert!(Policy::default().with_self_urgent(shy).is_err());
    assert!(Policy::default().with_internal_factor(0.25).is_ok());
}

#[test]
fn policy_is_send_and_sync() {
    fn shared<T: Send + Sync>() {}
    shared::<Policy>();
    shared::<realboss::Ranker>();
}
