//! `SlaTargets`: how long each level of customer may wait for a reply.

use crate::common::fixtures::policy_error;
use realboss::ErrorKind;
use realboss::Level;
use realboss::policy::{HumanDuration, ReplyTargets, SlaTargets};

fn targets(first: &str, next: &str) -> ReplyTargets {
    ReplyTargets {
        first_reply: first.parse().unwrap(),
        next_reply: next.parse().unwrap(),
    }
}

#[test]
fn defaults_follow_the_documented_table() {
    let sla = SlaTargets::default();
    assert_eq!(sla.target(Level::Urgent), targets("15m", "2h"));
    assert_eq!(sla.target(Level::High), targets("1h", "8h"));
    assert_eq!(sla.target(Level::Normal), targets("4h", "24h"));
    assert_eq!(sla.target(Level::Low), targets("24h", "72h"));
    // Each level has its own targets, strictly faster going up.
    for pair in Level::ALL.windows(2) {
        let (below, above) = (sla.target(pair[0]), sla.target(pair[1]));
        assert!(above.first_reply < below.first_reply, "{pair:?}");
        assert!(above.next_reply < below.next_reply, "{pair:?}");
    }
}

#[test]
fn the_json_form_round_trips_and_missing_levels_take_defaults() {
    let sla = SlaTargets::default();
    let json = serde_json::to_string(&sla).unwrap();
    assert_eq!(
        json,
        r#"{"urgent":{"first_reply":"15m","next_reply":"2h"},"high":{"first_reply":"1h","next_reply":"8h"},"normal":{"first_reply":"4h","next_reply":"1d"},"low":{"first_reply":"1d","next_reply":"3d"}}"#
    );
    assert_eq!(serde_json::from_str::<SlaTargets>(&json).unwrap(), sla);
    assert_eq!(serde_json::from_str::<SlaTargets>("{}").unwrap(), sla);

    let custom: SlaTargets =
        serde_json::from_str(r#"{"high": {"first_reply": "30m", "next_reply": "4h"}}"#).unwrap();
    assert_eq!(custom.target(Level::High), targets("30m", "4h"));
    assert_eq!(custom.target(Level::Urgent), sla.target(Level::Urgent));
}

#[test]
fn each_bad_target_gets_an_error_naming_the_level() {
    let ordered = "at most sla.{below}.{kind}: a higher level may not wait longer \
         (urgent ≤ high ≤ normal ≤ low)";
    let longer =
        |below: &str, kind: &str| ordered.replace("{below}", below).replace("{kind}", kind);
    let zero = "a target greater than zero, e.g. \"15m\"";
    let cases: Vec<(&str, ErrorKind)> = vec![
        (
            r#"{"urgent": {"first_reply": "0s", "next_reply": "2h"}}"#,
            policy_error("sla.urgent.first_reply", "\"0s\"", zero),
        ),
        (
            r#"{"low": {"first_reply": "1d", "next_reply": "0m"}}"#,
            policy_error("sla.low.next_reply", "\"0s\"", zero),
        ),
        (
            r#"{"urgent": {"first_reply": "2h", "next_reply": "2h"}}"#,
            policy_error(
                "sla.urgent.first_reply",
                "\"2h\" (longer than sla.high.first_reply = \"1h\")",
                &longer("high", "first_reply"),
            ),
        ),
        (
            r#"{"normal": {"first_reply": "4h", "next_reply": "4d"}}"#,
            policy_error(
                "sla.normal.next_reply",
                "\"4d\" (longer than sla.low.next_reply = \"3d\")",
                &longer("low", "next_reply"),
            ),
        ),
        (
            r#"{"high": {"first_reply": "4h1s", "next_reply": "8h"}}"#,
            policy_error(
                "sla.high.first_reply",
                "\"4h1s\" (longer than sla.normal.first_reply = \"4h\")",
                &longer("normal", "first_reply"),
            ),
        ),
    ];
    for (json, kind) in cases {
        let err = serde_json::from_str::<SlaTargets>(json)
            .unwrap_err()
            .to_string();
        let expected = realboss::Error::new(kind).to_string();
        assert!(err.starts_with(&expected), "{json}\n{err}\n{expected}");
    }
    for (json, needle) in [
        (
            r#"{"urgent": {"first_reply": "15m"}}"#,
            "missing field `next_reply`",
        ),
        (
            r#"{"critical": {"first_reply": "5m", "next_reply": "1h"}}"#,
            "unknown field `critical`",
        ),
        (
            r#"{"urgent": {"first_reply": "15 min", "next_reply": "2h"}}"#,
            "\"15 min\"",
        ),
    ] {
        let err = serde_json::from_str::<SlaTargets>(json)
            .unwrap_err()
            .to_string();
        assert!(err.contains(needle), "{json}: {err}");
    }
}

#[test]
fn equal_targets_across_levels_are_allowed_and_first_may_exceed_next() {
    let same = targets("1h", "1h");
    let sla = SlaTargets::new(same, same, same, same).unwrap();
    assert_eq!(sla.target(Level::Urgent), same);
    let slow_first = targets("2h", "30m");
    assert!(SlaTargets::new(slow_first, slow_first, slow_first, slow_first).is_ok());
    let err = SlaTargets::new(same, same, targets("1h", "1h1s"), same).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::InvalidValue { field, .. } if field == "sla.high.next_reply")
    );
    let err = SlaTargets::new(same, targets("1h", "0s"), same, same).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::InvalidValue { field, .. } if field == "sla.normal.next_reply")
    );
    assert_eq!(
        realboss::policy::DEFAULT_URGENT_FIRST_REPLY,
        HumanDuration::from_mins(15)
    );
}

#[test]
fn policy_pieces_can_be_shared_between_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<SlaTargets>();
    assert_send_sync::<HumanDuration>();
}
