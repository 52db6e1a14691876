//! Bad mapping files give a typed error naming the field and what it accepts.

use realboss_helpdesk::{Error, Mapping};

#[test]
fn every_bad_mapping_names_what_is_accepted() {
    let cases = [
        (
            r#"{"tier": [{"when": "colour:red", "tier": "gold"}]}"#,
            "tag:NAME",
        ),
        (
            r#"{"tier": [{"when": "tag:vip", "tier": "diamond"}]}"#,
            "diamond",
        ),
        (
            r#"{"tier": [{"when": "field:plan", "tier": "gold"}]}"#,
            "=VALUE",
        ),
        (r#"{"lead": ["tag:"]}"#, "nothing after the colon"),
        (
            r#"{"lifetime_value": {"field": "ltv", "currency": "euro"}}"#,
            "euro",
        ),
        (r#"{"lifetime_value": {"field": "ltv"}}"#, "currency"),
        (r#"{"tiers": []}"#, "tiers"),
        ("{", "EOF"),
    ];
    for (json, needle) in cases {
        let err = Mapping::from_json(json).unwrap_err();
        assert!(matches!(err, Error::Mapping { .. }), "{json}: {err}");
        assert!(
            err.to_string().contains(needle),
            "{json}: {err} lacks {needle:?}"
        );
    }
}

#[test]
fn the_default_maps_nothing() {
    assert_eq!(Mapping::from_json("{}").unwrap(), Mapping::default());
}
