//! The hints for the shipped sample history, `examples/data/events.jsonl`: each customer gets
//! the hint their story is about (the stories are in `sample_events.rs`).

use std::collections::BTreeMap;

use realboss::hints::{
    Action, ChurnReason, HintKind, HintValue, Hinter, Hints, HintsConfig, RiskLevel, Source, Tone,
};
use realboss::jsonl::{Record, read_records};
use realboss::model::{Channel, ContactEvent, CustomerProfile, PaymentMethod};
use time::macros::time;

const SAMPLE: &str = include_str!("../../../examples/data/events.jsonl");

/// The hints of every customer at the latest event, as the `hints` example gives them.
fn sample_hints() -> BTreeMap<String, Hints> {
    let mut customers = Vec::new();
    let mut events: Vec<ContactEvent> = Vec::new();
    for record in read_records(SAMPLE.as_bytes()) {
        match record.expect("the sample reads") {
            Record::Customer(c) => customers.push(c),
            Record::Event(e) => events.push(e),
            _ => {}
        }
    }
    let now = events.iter().map(ContactEvent::at).max().unwrap();
    let hinter = Hinter::new(HintsConfig::default()).unwrap();
    customers
        .iter()
        .map(|c: &CustomerProfile| {
            let history: Vec<_> = events
                .iter()
                .filter(|e| e.customer() == c.id())
                .map(|e| hinter.score(c, e.clone()))
                .collect();
            (c.id().as_str().to_owned(), hinter.hints(c, &history, now))
        })
        .collect()
}

fn value<'a>(all: &'a BTreeMap<String, Hints>, id: &str, kind: HintKind) -> &'a HintValue {
    &all[id].get(kind).unwrap().value
}

#[test]
fn each_sample_customer_gets_the_hint_of_their_story() {
    let all = sample_hints();
    assert_eq!(all.len(), 12);

    // Lena answers our calls only at lunch.
    assert!(matches!(
        value(&all, "cus-101", HintKind::BestTime),
        HintValue::BestTime { channel: Channel::Phone, from, source: Source::Observed, .. }
            if *from == time!(12:00)
    ));
    // Harold must never be called; he prefers email.
    for hint in &all["cus-102"].hints {
        assert_ne!(hint.suggested_channel(), Some(&Channel::Phone), "{hint:?}");
    }
    assert!(matches!(
        value(&all, "cus-102", HintKind::PreferredChannel),
        HintValue::Channel {
            channel: Channel::Email,
            ..
        }
    ));
    // Priya declared phone but lives on chat.
    assert!(matches!(
        value(&all, "cus-103", HintKind::PreferredChannel),
        HintValue::Channel {
            channel: Channel::Chat,
            declared: Some(Channel::Phone),
            source: Source::Observed,
            ..
        }
    ));
    // Margaret: long-standing, many orders, formal.
    assert!(matches!(
        value(&all, "cus-104", HintKind::Tenure),
        HintValue::Tenure { worth_acknowledging: true, orders, .. } if *orders >= 10
    ));
    assert!(matches!(
        value(&all, "cus-104", HintKind::Tone),
        HintValue::Tone {
            tone: Tone::Formal,
            ..
        }
    ));
    // Tomasz paid by PayPal until his card failed: offer PayPal.
    assert!(matches!(
        value(&all, "cus-105", HintKind::Payment),
        HintValue::Payment {
            failed: Some(PaymentMethod::Card),
            offer: Some(PaymentMethod::Paypal),
            ..
        }
    ));
    // Daniel complains more each month and talks of leaving.
    match value(&all, "cus-106", HintKind::ChurnRisk) {
        HintValue::ChurnRisk { level, reasons } => {
            assert_eq!(*level, RiskLevel::High);
            assert!(
                reasons
                    .iter()
                    .any(|r| matches!(r, ChurnReason::LeavingMention { .. }))
            );
        }
        other => panic!("{other:?}"),
    }
    // Aiko is owed an overdue promise.
    assert!(matches!(
        value(&all, "cus-109", HintKind::Promises),
        HintValue::Promises { owed } if owed.iter().any(|p| p.overdue)
    ));
    // Jake writes casually; Sofía writes in Spanish.
    assert!(matches!(
        value(&all, "cus-107", HintKind::Tone),
        HintValue::Tone {
            tone: Tone::Casual,
            ..
        }
    ));
    assert!(matches!(
        value(&all, "cus-108", HintKind::Language),
        HintValue::Language {
            writes_english: Some(false),
            ..
        }
    ));
    // Noah is brand new: too little data, nothing due.
    assert!(matches!(
        value(&all, "cus-110", HintKind::PreferredChannel),
        HintValue::TooLittleData { .. }
    ));
    assert!(matches!(
        value(&all, "cus-110", HintKind::NextBestAction),
        HintValue::NextBestAction {
            action: Action::NothingDue,
            ..
        }
    ));
}
