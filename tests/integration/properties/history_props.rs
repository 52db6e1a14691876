//! Property tests for a request's history: any valid history at any `now` gives sane signals,
//! coming back again never makes a customer look less chased, and waiting longer never makes
//! the wait shorter.

use proptest::prelude::*;
use realboss::model::*;
use realboss::policy::HistoryConfig;
use realboss::policy::HumanDuration;
use realboss::priority::history::history_signals;
use time::macros::{date, datetime};
use time::{Duration, OffsetDateTime};

const BASE: OffsetDateTime = datetime!(2026-11-23 09:00 UTC);

fn customer() -> CustomerProfile {
    CustomerProfile::builder(CustomerId::new("cus-1").unwrap())
        .tier(Tier::Gold)
        .lifetime_value(Money::new(10.0, "EUR".parse().unwrap()).unwrap())
        .customer_since(date!(2020 - 01 - 01))
        .build()
        .unwrap()
}

fn channel() -> impl Strategy<Value = Channel> {
    prop_oneof![
        Just(Channel::Phone),
        Just(Channel::Email),
        Just(Channel::Chat),
        Just(Channel::WebForm),
        Just(Channel::Sms),
        Just(Channel::Social),
        Just(Channel::InPerson),
        Just(Channel::other("whatsapp").unwrap()),
    ]
}

fn kind() -> impl Strategy<Value = EventKind> {
    let call = prop_oneof![
        Just(CallOutcome::Answered),
        Just(CallOutcome::Missed),
        Just(CallOutcome::Voicemail)
    ];
    let paid = prop_oneof![
        Just(PaymentOutcome::Succeeded),
        Just(PaymentOutcome::Failed)
    ];
    prop_oneof![
        Just(EventKind::Inquiry),
        Just(EventKind::Complaint),
        Just(EventKind::FollowUp),
        Just(EventKind::Reply),
        call.prop_map(|outcome| EventKind::Call { outcome }),
        Just(EventKind::CallbackRequest),
        paid.prop_map(|outcome| EventKind::PaymentAttempt {
            outcome,
            method: None,
            amount: None
        }),
        Just(EventKind::Purchase { amount: None }),
        (-600i64..6_000).prop_map(|m| EventKind::Promise {
            due_at: BASE + Duration::minutes(m)
        }),
        Just(EventKind::Resolution),
        Just(EventKind::Note),
    ]
}

fn text() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        Just(Some("thanks, all sorted".to_owned())),
        Just(Some("Great, thanks!".to_owned())),
        Just(Some("any news?".to_owned())),
        Just(Some("oh it turned up, all fine now, thanks!".to_owned())),
        Just(Some("Thanks, but still nothing".to_owned())),
        "\\PC{0,30}".prop_map(Some),
    ]
}

fn event() -> impl Strategy<Value = ContactEvent> {
    (
        -600i64..6_000,
        0i64..60,
        channel(),
        prop_oneof![Just(Direction::Inbound), Just(Direction::Outbound)],
        kind(),
        text(),
    )
        .prop_map(|(minutes, secs, channel, direction, kind, text)| {
            let at = BASE + Duration::minutes(minutes) + Duration::seconds(secs);
            let e = ContactEvent::new(
                CustomerId::new("cus-1").unwrap(),
                at,
                channel,
                direction,
                kind,
            );
            match text {
                Some(t) => e.with_text(t),
                None => e,
            }
        })
}

fn request() -> impl Strategy<Value = Request> {
    (
        channel(),
        -600i64..6_000,
        prop::collection::vec(event(), 0..25),
    )
        .prop_map(|(channel, minutes, events)| {
            Request::builder(
                RequestId::new("req-1").unwrap(),
                customer(),
                channel,
                BASE + Duration::minutes(minutes),
            )
            .text("My order never arrived.")
            .events(events)
            .build()
            .unwrap()
        })
}

fn config() -> impl Strategy<Value = HistoryConfig> {
    (0u32..=60).prop_map(|m| {
        let mut config = HistoryConfig::default();
        config.burst_window = HumanDuration::from_mins(m);
        config.validate().unwrap();
        config
    })
}

/// The latest instant in the request (its own arrival or an event).
fn last_instant(r: &Request) -> OffsetDateTime {
    r.events()
        .iter()
        .map(ContactEvent::at)
        .fold(r.received_at(), OffsetDateTime::max)
}

proptest! {
    #[test]
    fn any_history_at_any_now_gives_consistent_signals(
        r in request(), now_min in -2_000i64..10_000, config in config(),
    ) {
        let now = BASE + Duration::minutes(now_min);
        let s = history_signals(&r, now, &config);
        prop_assert_eq!(&s, &history_signals(&r, now, &config));
        prop_assert!(s.waited >= Duration::ZERO);
        match s.waiting_since {
            None => {
                prop_assert_eq!(s.waited, Duration::ZERO);
                prop_assert!(s.repeat_contacts.is_empty() && s.missed_calls.is_empty());
                prop_assert!(s.channel_escalation.is_none());
            }
            Some(since) => {
                prop_assert!(since <= now);
                prop_assert_eq!(s.waited, now - since);
                for (i, repeat) in s.repeat_contacts.iter().enumerate() {
                    prop_assert!(repeat.at > since && repeat.at <= now);
                    // Counted contacts are more than a burst window apart.
                    let before = if i == 0 { since } else { s.repeat_contacts[i - 1].at };
                    prop_assert!(repeat.at - before > config.burst_window.as_duration());
                }
            }
        }
        for p in &s.broken_promises {
            prop_assert!(p.due_at < now && p.promised_at <= now && p.overdue > Duration::ZERO);
        }
        if let Some(closure) = &s.closure {
            // A standing closure ended the wait and no contact came after it.
            prop_assert!(closure.at <= now);
            prop_assert!(s.waiting_since.is_none() && s.lead.is_none());
            prop_assert!(r.events()[closure.event].is_customer_message());
        }
        if let Some(lead) = &s.lead {
            prop_assert_eq!(r.channel(), &Channel::WebForm);
            prop_assert_eq!(lead.waited, now - r.received_at());
        }
        serde_json::to_string(&s).unwrap();
    }

    #[test]
    fn coming_back_again_never_lowers_the_repeat_count(
        r in request(), gap_secs in 1i64..100_000, extra_min in 0i64..1_000,
        channel in channel(), config in config(),
    ) {
        let at = last_instant(&r) + config.burst_window.as_duration() + Duration::seconds(gap_secs);
        let now = at + Duration::minutes(extra_min);
        let before = history_signals(&r, now, &config);
        let again = ContactEvent::new(
            CustomerId::new("cus-1").unwrap(), at, channel, Direction::Inbound, EventKind::FollowUp,
        )
        .with_text("Still nothing, please call me");
        let with_again = Request::builder(r.id().clone(), r.customer().clone(), r.channel().clone(), r.received_at())
            .text("My order never arrived.")
            .events(r.events().iter().cloned())
            .event(again)
            .build()
            .unwrap();
        let after = history_signals(&with_again, now, &config);
        prop_assert!(after.repeat_count() >= before.repeat_count());
        prop_assert!(after.waiting_since.is_some());
    }

    #[test]
    fn a_later_now_never_shortens_the_wait(
        r in request(), first in 0i64..10_000, later in 0i64..10_000, config in config(),
    ) {
        // With every event already in the past, time passing only makes the wait longer.
        let now = last_instant(&r) + Duration::minutes(first);
        let then = now + Duration::minutes(later);
        let s_now = history_signals(&r, now, &config);
        let s_then = history_signals(&r, then, &config);
        prop_assert!(s_then.waited >= s_now.waited);
        prop_assert_eq!(s_then.repeat_count(), s_now.repeat_count());
        prop_assert!(s_then.broken_promises.len() >= s_now.broken_promises.len());
    }
}
