//! Profiles without invented facts (issue 17): `tier`, `lifetime_value` and `customer_since`
//! may be unknown; an unknown fact adds 0 points and is said so, and tenure hints say "too
//! little data". A lead is what the data says, never the channel.

use realboss::hints::{HintKind, HintValue};
use realboss::model::*;
use realboss::priority::ReasonKind;
use realboss::ranking::Ranker;
use time::macros::{date, datetime};

const AT: time::OffsetDateTime = datetime!(2026-11-23 10:00 UTC);

fn ask(profile: CustomerProfile) -> Request {
    Request::builder(
        RequestId::new("req-1").unwrap(),
        profile,
        Channel::Email,
        AT,
    )
    .text("How do I change the delivery address on my account?")
    .build()
    .unwrap()
}

/// The customer-value reason of the one request, with the priority.
fn customer_value(profile: CustomerProfile) -> (Option<(f64, String)>, f64) {
    let requests = [ask(profile)];
    let ranker = Ranker::default();
    let ranking = ranker.rank(&requests, AT + time::Duration::hours(1));
    let ranked = &ranking.ranked()[0];
    let reason = ranking
        .reasons(ranked)
        .into_iter()
        .find(|r| r.kind == ReasonKind::CustomerValue)
        .map(|r| (r.weight, r.detail));
    (reason, ranked.assessment.priority)
}

fn bare(id: &str) -> CustomerProfileBuilder {
    CustomerProfile::builder(CustomerId::new(id).unwrap())
}

#[test]
fn a_profile_with_only_an_id_reads_writes_and_invents_nothing() {
    let p = CustomerProfile::from_json(r#"{"id": "zd-9001"}"#).unwrap();
    assert_eq!(p.tier(), None);
    assert_eq!(p.lifetime_value(), None);
    assert_eq!(p.customer_since(), None);
    let json = serde_json::to_string(&p).unwrap();
    assert!(
        !json.contains("tier") && !json.contains("lifetime_value"),
        "{json}"
    );
    assert!(!json.contains("customer_since"), "{json}");
    assert_eq!(CustomerProfile::from_json(&json).unwrap(), p);
    // `null` is unknown too, and a known fact still has to be valid.
    let nulls = r#"{"id": "c", "tier": null, "lifetime_value": null, "customer_since": null}"#;
    assert_eq!(CustomerProfile::from_json(nulls).unwrap().tier(), None);
    assert!(CustomerProfile::from_json(r#"{"id": "c", "tier": "golden"}"#).is_err());
    assert!(CustomerProfile::from_json(r#"{"id": "c", "customer_since": "2019-13-01"}"#).is_err());
}

#[test]
fn a_known_fact_can_be_made_unknown_again() {
    let gold = bare("c")
        .tier(Tier::Gold)
        .lifetime_value(Money::new(900.0, "EUR".parse().unwrap()).unwrap())
        .customer_since(date!(2019 - 04 - 02))
        .build()
        .unwrap();
    let cleared = gold
        .to_builder()
        .clear_tier()
        .clear_lifetime_value()
        .clear_customer_since()
        .build()
        .unwrap();
    assert_eq!(cleared, bare("c").build().unwrap());
}

#[test]
fn an_unknown_value_adds_nothing_and_the_reason_says_so() {
    let (reason, unknown) = customer_value(bare("c").build().unwrap());
    assert_eq!(
        reason,
        Some((0.0, "tier unknown, value unknown".to_owned()))
    );
    // Unknown scores as the lowest known facts do: 0 points, never a guess.
    let standard = bare("c")
        .tier(Tier::Standard)
        .lifetime_value(Money::zero("EUR".parse().unwrap()))
        .build()
        .unwrap();
    let (reason, known) = customer_value(standard);
    assert_eq!(reason, None, "a known zero needs no reason");
    assert_eq!(unknown, known);
    // Half known: the tier's points count, the value is said to be unknown.
    let (reason, half) = customer_value(bare("c").tier(Tier::Gold).build().unwrap());
    let (weight, detail) = reason.unwrap();
    assert!(weight > 0.0 && half > unknown, "{weight} {half} {unknown}");
    assert_eq!(detail, "gold tier, value unknown");
}

#[test]
fn tenure_without_a_join_date_is_too_little_data() {
    let hints = realboss::hints::hints(&bare("c").tier(Tier::Gold).build().unwrap(), &[], AT);
    let tenure = hints.get(HintKind::Tenure).unwrap();
    assert_eq!(
        tenure.value,
        HintValue::TooLittleData { needed: 1, seen: 0 }
    );
    assert_eq!(tenure.confidence, 0.0);
    let known = bare("c")
        .customer_since(date!(2019 - 04 - 02))
        .build()
        .unwrap();
    let hints = realboss::hints::hints(&known, &[], AT);
    assert!(matches!(
        hints.get(HintKind::Tenure).unwrap().value,
        HintValue::Tenure {
            years: 7,
            tier: None,
            lifetime_value: None,
            ..
        }
    ));
}

#[test]
fn lead_is_a_flag_of_the_data_written_only_when_set() {
    let form = Request::builder(
        RequestId::new("req-2").unwrap(),
        bare("c").build().unwrap(),
        Channel::WebForm,
        AT,
    )
    .text("We would like a quote for 40 seats.")
    .build()
    .unwrap();
    assert!(!form.is_lead());
    assert!(!serde_json::to_string(&form).unwrap().contains("lead"));
    let lead = form.to_builder().lead(true).build().unwrap();
    let json = serde_json::to_string(&lead).unwrap();
    assert!(json.contains(r#""lead":true"#), "{json}");
    assert_eq!(Request::from_json(&json).unwrap(), lead);
    assert!(Request::from_json(&json.replace("true", "\"yes\"")).is_err());
    // An email marked lead is a lead too: the channel plays no part.
    let email = Request::builder(
        RequestId::new("req-3").unwrap(),
        bare("c").build().unwrap(),
        Channel::Email,
        AT,
    )
    .text("We would like a quote for 40 seats.")
    .lead(true)
    .build()
    .unwrap();
    let requests = [email];
    let ranker = Ranker::default();
    let ranking = ranker.rank(&requests, AT + time::Duration::hours(1));
    assert!(
        ranking
            .reasons(&ranking.ranked()[0])
            .iter()
            .any(|r| r.kind == ReasonKind::Lead)
    );
}
