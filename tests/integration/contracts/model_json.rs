//! JSON forms of the domain model: every type round-trips, and the documented sample request
//! reads as the value a host would build by hand.

use realboss::model::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use std::fmt::Debug;
use time::macros::{date, datetime, offset, time};

/// Value → JSON → value must give the value back, and the JSON must be the expected one.
fn round_trip<T>(value: &T, expected: Value)
where
    T: Serialize + DeserializeOwned + PartialEq + Debug,
{
    let text = serde_json::to_string(value).expect("serializes");
    let written: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(written, expected, "JSON form of {value:?}");
    let back: T = serde_json::from_str(&text).expect("reads back");
    assert_eq!(&back, value);
}

const SAMPLE: &str = r#"{"id": "req-1001",
 "customer": {"id": "cus-17", "name": "Maria Lopez", "tier": "gold",
              "lifetime_value": {"amount": 1234.5, "currency": "EUR"},
              "customer_since": "2019-04-02", "language": "es-MX", "utc_offset": "-06:00",
              "preferred_channel": "phone",
              "contact_windows": [{"days": ["mon","tue","wed","thu","fri"], "start": "09:00", "end": "17:30"}],
              "payment_methods": ["card", "paypal"], "opt_outs": ["do_not_call"], "tags": ["reseller"]},
 "text": "My card was charged twice for order 5521.",
 "channel": "email",
 "received_at": "2026-11-23T21:32:00Z",
 "events": [{"customer": "cus-17", "at": "2026-11-23T21:32:00Z", "channel": "email",
             "direction": "inbound", "kind": {"type": "complaint"}, "text": "My card was charged twice"},
            {"customer": "cus-17", "at": "2026-11-23T21:40:00Z", "channel": "phone",
             "direction": "inbound", "kind": {"type": "call", "outcome": "missed"}},
            {"customer": "cus-17", "at": "2026-11-23T22:00:00Z", "channel": "email",
             "direction": "outbound", "kind": {"type": "promise", "due_at": "2026-11-24T09:00:00Z"},
             "agent": "agent-3"}],
 "status": "waiting_on_us",
 "due_at": "2026-11-24T09:00:00Z",
 "priority": "high",
 "requester": "customer"}"#;

fn maria() -> CustomerProfile {
    CustomerProfile::builder(CustomerId::new("cus-17").unwrap())
        .tier(Tier::Gold)
        .lifetime_value(Money::new(1234.5, Currency::new("EUR").unwrap()).unwrap())
        .customer_since(date!(2019 - 04 - 02))
        .name("Maria Lopez")
        .language(LanguageTag::new("es-MX").unwrap())
        .utc_offset(offset!(-6))
        .preferred_channel(Channel::Phone)
        .contact_window(ContactWindow::new(DaySet::WORKDAYS, time!(9:00), time!(17:30)).unwrap())
        .payment_method(PaymentMethod::Card)
        .payment_method(PaymentMethod::Paypal)
        .opt_out(OptOut::DoNotCall)
        .tag("reseller")
        .build()
        .unwrap()
}

fn sample_by_hand() -> Request {
    let cus = CustomerId::new("cus-17").unwrap();
    Request::builder(
        RequestId::new("req-1001").unwrap(),
        maria(),
        Channel::Email,
        datetime!(2026-11-23 21:32 UTC),
    )
    .text("My card was charged twice for order 5521.")
    // Given out of order on purpose: the request keeps events in time order.
    .event(
        ContactEvent::new(
            cus.clone(),
            datetime!(2026-11-23 22:00 UTC),
            Channel::Email,
            Direction::Outbound,
            EventKind::Promise {
                due_at: datetime!(2026-11-24 09:00 UTC),
            },
        )
        .with_agent(AgentId::new("agent-3").unwrap()),
    )
    .event(
        ContactEvent::new(
            cus.clone(),
            datetime!(2026-11-23 21:32 UTC),
            Channel::Email,
            Direction::Inbound,
            EventKind::Complaint,
        )
        .with_text("My card was charged twice"),
    )
    .event(ContactEvent::new(
        cus,
        datetime!(2026-11-23 21:40 UTC),
        Channel::Phone,
        Direction::Inbound,
        EventKind::Call {
            outcome: CallOutcome::Missed,
        },
    ))
    .status(Status::WaitingOnUs)
    .due_at(datetime!(2026-11-24 09:00 UTC))
    .priority(Level::High)
    .build()
    .unwrap()
}

#[test]
fn the_documented_sample_reads_as_the_request_built_by_hand() {
    let parsed = Request::from_json(SAMPLE).expect("the documented sample is valid");
    assert_eq!(parsed, sample_by_hand());
    // Through serde as well, not only `from_json`.
    let via_serde: Request = serde_json::from_str(SAMPLE).unwrap();
    assert_eq!(via_serde, parsed);
}

#[test]
fn the_sample_is_written_back_in_its_documented_form() {
    let expected: Value = serde_json::from_str(SAMPLE).unwrap();
    round_trip(&sample_by_hand(), expected);
}

#[test]
fn omitted_optional_fields_take_their_documented_defaults() {
    let minimal = r#"{"id": "req-1", "channel": "web_form",
        "received_at": "2026-11-23T18:00:00+01:00", "text": "Please call me back.",
        "customer": {"id": "cus-2", "tier": "standard", "customer_since": "2025-06-30",
                     "lifetime_value": {"amount": 0, "currency": "USD"}}}"#;
    let r = Request::from_json(minimal).unwrap();
    assert_eq!(r.status(), Status::Open);
    assert_eq!(r.requester(), &Requester::Customer);
    assert!(r.events().is_empty() && r.due_at().is_none() && r.priority().is_none());
    let c = r.customer();
    assert_eq!(c.language().as_str(), "en");
    assert_eq!(c.utc_offset(), offset!(UTC));
    assert!(c.name().is_none() && c.preferred_channel().is_none());
    assert!(c.contact_windows().is_empty() && c.payment_methods().is_empty());
    assert!(c.opt_outs().is_empty() && c.tags().is_empty());
    // The instant is kept, whatever the offset it was written in.
    assert_eq!(r.received_at(), datetime!(2026-11-23 17:00 UTC));

    // `null` means the same as omitted.
    let nulls = minimal.replace(
        r#""text": "Please call me back.","#,
        r#""text": "Please call me back.", "events": null, "status": null, "requester": null,"#,
    );
    assert_eq!(Request::from_json(&nulls).unwrap(), r);

    // Written back: defaults for status and requester are written, absent fields are not.
    let written = serde_json::to_value(&r).unwrap();
    let keys: Vec<&str> = written
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "channel",
            "customer",
            "id",
            "received_at",
            "requester",
            "status",
            "text"
        ]
    );
    assert_eq!(written["received_at"], "2026-11-23T18:00:00+01:00");
}

#[test]
fn events_at_the_same_instant_keep_their_given_order() {
    let cus = CustomerId::new("cus-17").unwrap();
    let at = datetime!(2026-11-23 21:32 UTC);
    let first = ContactEvent::new(
        cus.clone(),
        at,
        Channel::Chat,
        Direction::Inbound,
        EventKind::Inquiry,
    );
    let second = ContactEvent::new(
        cus,
        at,
        Channel::Chat,
        Direction::Outbound,
        EventKind::Reply,
    );
    let r = Request::builder(RequestId::new("r").unwrap(), maria(), Channel::Chat, at)
        .event(first.clone())
        .event(second.clone())
        .build()
        .unwrap();
    assert_eq!(r.events(), &[first, second]);
}

#[test]
fn every_event_kind_round_trips() {
    let eur = Currency::new("EUR").unwrap();
    let cases = [
        (EventKind::Inquiry, json!({"type": "inquiry"})),
        (EventKind::Complaint, json!({"type": "complaint"})),
        (EventKind::FollowUp, json!({"type": "follow_up"})),
        (EventKind::Reply, json!({"type": "reply"})),
        (
            EventKind::Call {
                outcome: CallOutcome::Voicemail,
            },
            json!({"type": "call", "outcome": "voicemail"}),
        ),
        (
            EventKind::CallbackRequest,
            json!({"type": "callback_request"}),
        ),
        (
            EventKind::PaymentAttempt {
                outcome: PaymentOutcome::Failed,
                method: Some(PaymentMethod::other("klarna").unwrap()),
                amount: Some(Money::new(49.9, eur).unwrap()),
            },
            json!({"type": "payment_attempt", "outcome": "failed", "method": {"other": "klarna"},
                   "amount": {"amount": 49.9, "currency": "EUR"}}),
        ),
        (
            EventKind::PaymentAttempt {
                outcome: PaymentOutcome::Succeeded,
                method: None,
                amount: None,
            },
            json!({"type": "payment_attempt", "outcome": "succeeded"}),
        ),
        (
            EventKind::Purchase { amount: None },
            json!({"type": "purchase"}),
        ),
        (
            EventKind::Promise {
                due_at: datetime!(2026-11-24 09:00 +01:00),
            },
            json!({"type": "promise", "due_at": "2026-11-24T09:00:00+01:00"}),
        ),
        (EventKind::Resolution, json!({"type": "resolution"})),
        (EventKind::Note, json!({"type": "note"})),
    ];
    for (kind, expected) in cases {
        round_trip(&kind, expected);
    }
}

#[test]
fn contact_events_and_feedback_round_trip() {
    let event = ContactEvent::new(
        CustomerId::new("cus-9").unwrap(),
        datetime!(2026-11-23 09:15:30.25 UTC),
        Channel::other("whatsapp").unwrap(),
        Direction::Inbound,
        EventKind::CallbackRequest,
    )
    .with_text("call me 🙏")
    .with_request(RequestId::new("req-7").unwrap())
    .with_agent(AgentId::new("agent-1").unwrap());
    round_trip(
        &event,
        json!({"customer": "cus-9", "at": "2026-11-23T09:15:30.25Z", "channel": {"other": "whatsapp"},
               "direction": "inbound", "kind": {"type": "callback_request"}, "agent": "agent-1",
               "text": "call me 🙏", "request": "req-7"}),
    );
    assert_eq!(
        ContactEvent::from_json(&serde_json::to_string(&event).unwrap()).unwrap(),
        event
    );

    let feedback = Feedback::new(
        CustomerId::new("cus-9").unwrap(),
        datetime!(2026-11-24 10:00 UTC),
        Channel::Email,
        "",
    )
    .with_rating(Rating::Thumbs(Thumb::Up))
    .with_request(RequestId::new("req-7").unwrap())
    .with_agent(AgentId::new("agent-1").unwrap());
    round_trip(
        &feedback,
        json!({"customer": "cus-9", "at": "2026-11-24T10:00:00Z", "channel": "email", "text": "",
               "rating": {"thumbs": "up"}, "request": "req-7", "agent": "agent-1"}),
    );
    let bare = r#"{"customer": "cus-9", "at": "2026-11-24T10:00:00Z", "channel": "sms"}"#;
    assert_eq!(Feedback::from_json(bare).unwrap().text(), "");
}

#[test]
fn ratings_round_trip_on_every_scale() {
    let cases = [
        (Rating::stars(4).unwrap(), json!({"stars": 4})),
        (Rating::csat(1).unwrap(), json!({"csat": 1})),
        (Rating::nps(0).unwrap(), json!({"nps": 0})),
        (Rating::nps(10).unwrap(), json!({"nps": 10})),
        (Rating::Thumbs(Thumb::Down), json!({"thumbs": "down"})),
    ];
    for (rating, expected) in cases {
        round_trip(&rating, expected);
    }
}

#[test]
fn small_enums_round_trip_by_name() {
    for tier in Tier::ALL {
        round_trip(tier, json!(tier.as_str()));
    }
    for status in Status::ALL {
        round_trip(status, json!(status.as_str()));
    }
    for level in Level::ALL {
        round_trip(level, json!(level.as_str()));
    }
    for opt_out in OptOut::ALL {
        round_trip(opt_out, json!(opt_out.as_str()));
    }
    for d in Direction::ALL {
        round_trip(d, json!(d.as_str()));
    }
    for c in Channel::BUILT_IN {
        round_trip(c, json!(c.as_str()));
    }
    for m in PaymentMethod::BUILT_IN {
        round_trip(m, json!(m.as_str()));
    }
    assert_eq!(
        Status::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
        ["open", "waiting_on_us", "waiting_on_customer", "resolved"]
    );
    assert!(
        Level::Low < Level::Normal && Level::Normal < Level::High && Level::High < Level::Urgent
    );
}

#[test]
fn requesters_round_trip() {
    round_trip(&Requester::Customer, json!("customer"));
    round_trip(
        &Requester::Internal {
            name: Some("Dana".into()),
            role: Some("manager".into()),
        },
        json!({"internal": {"name": "Dana", "role": "manager"}}),
    );
    round_trip(
        &Requester::Internal {
            name: None,
            role: None,
        },
        json!({"internal": {}}),
    );
}

#[test]
fn ids_money_language_and_windows_round_trip() {
    round_trip(&CustomerId::new("cus-17").unwrap(), json!("cus-17"));
    round_trip(&RequestId::new("req 1 ✓").unwrap(), json!("req 1 ✓"));
    round_trip(&AgentId::new("agent-3").unwrap(), json!("agent-3"));
    round_trip(
        &Money::new(0.1, Currency::new("JPY").unwrap()).unwrap(),
        json!({"amount": 0.1, "currency": "JPY"}),
    );
    round_trip(
        &LanguageTag::new("zh-Hant-TW").unwrap(),
        json!("zh-Hant-TW"),
    );
    round_trip(
        &ContactWindow::new(
            DaySet::EMPTY
                .with(time::Weekday::Saturday)
                .with(time::Weekday::Monday),
            time!(8:00:30),
            time!(12:00),
        )
        .unwrap(),
        json!({"days": ["mon", "sat"], "start": "08:00:30", "end": "12:00"}),
    );
}

#[test]
fn a_profile_reads_back_from_its_own_json() {
    let profile = maria();
    let text = serde_json::to_string(&profile).unwrap();
    assert_eq!(CustomerProfile::from_json(&text).unwrap(), profile);
}

#[test]
fn model_values_can_be_shared_across_threads() {
    fn shareable<T: Send + Sync + 'static>() {}
    shareable::<Request>();
    shareable::<CustomerProfile>();
    shareable::<ContactEvent>();
    shareable::<Feedback>();
    shareable::<realboss::Error>();
    shareable::<realboss::LineError>();
}
