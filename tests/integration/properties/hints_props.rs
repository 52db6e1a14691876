//! Invariants of the hints for any history: opt-outs are never broken, confidences are
//! probabilities, and the answer depends on the events, not on their order in the slice.

use proptest::prelude::*;
use realboss::hints::{Hint, HintValue, Hinter, HintsConfig, ScoredEvent};
use realboss::model::*;
use time::macros::{date, datetime, time};
use time::{Duration, OffsetDateTime};

const NOW: OffsetDateTime = datetime!(2026-11-23 21:40 UTC);

const TEXTS: &[&str] = &[
    "Where is my parcel?",
    "hey, still waiting!! 😡",
    "Dear team, kindly refund me. Regards",
    "I will cancel and switch provider",
    "Thanks, great service :)",
    "¿Dónde está mi pedido?",
    "",
];

fn channel() -> impl Strategy<Value = Channel> {
    prop::sample::select(vec![
        Channel::Phone,
        Channel::Email,
        Channel::Chat,
        Channel::Sms,
        Channel::WebForm,
    ])
}

fn kind() -> impl Strategy<Value = EventKind> {
    let outcome = prop::sample::select(vec![
        CallOutcome::Answered,
        CallOutcome::Missed,
        CallOutcome::Voicemail,
    ]);
    let method = prop::sample::select(vec![
        PaymentMethod::Card,
        PaymentMethod::Paypal,
        PaymentMethod::BankTransfer,
    ]);
    prop_oneof![
        Just(EventKind::Inquiry),
        Just(EventKind::Complaint),
        Just(EventKind::FollowUp),
        Just(EventKind::Reply),
        Just(EventKind::CallbackRequest),
        Just(EventKind::Resolution),
        Just(EventKind::Purchase { amount: None }),
        outcome.prop_map(|outcome| EventKind::Call { outcome }),
        (any::<bool>(), method).prop_map(|(ok, m)| EventKind::PaymentAttempt {
            outcome: if ok {
                PaymentOutcome::Succeeded
            } else {
                PaymentOutcome::Failed
            },
            method: Some(m),
            amount: None,
        }),
        (-72i64..72).prop_map(|h| EventKind::Promise {
            due_at: NOW + Duration::hours(h)
        }),
    ]
}

/// Events at distinct minutes (so that their order is their time order), any customer mix.
fn history() -> impl Strategy<Value = Vec<ContactEvent>> {
    prop::collection::vec(
        (
            channel(),
            any::<bool>(),
            kind(),
            prop::sample::select(TEXTS),
            0u8..10,
            0i64..7,
        ),
        0..40,
    )
    .prop_map(|items| {
        items
            .into_iter()
            .enumerate()
            .map(|(i, (channel, inbound, kind, text, who, jitter))| {
                // Mostly our customer; sometimes someone else, sometimes after now.
                let customer = if who == 0 { "cus-other" } else { "cus-1" };
                let at = NOW - Duration::days(40) + Duration::minutes(i as i64 * 1_000 + jitter);
                let direction = if inbound {
                    Direction::Inbound
                } else {
                    Direction::Outbound
                };
                ContactEvent::new(
                    CustomerId::new(customer).unwrap(),
                    at,
                    channel,
                    direction,
                    kind,
                )
                .with_text(text)
            })
            .collect()
    })
}

fn profile() -> impl Strategy<Value = CustomerProfile> {
    (
        prop::option::of(channel()),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        -12i8..=12,
    )
        .prop_map(|(preferred, no_email, no_sms, window, offset)| {
            let mut b = CustomerProfile::builder(CustomerId::new("cus-1").unwrap())
                .tier(Tier::Gold)
                .lifetime_value(Money::new(10.0, "EUR".parse().unwrap()).unwrap())
                .customer_since(date!(2020 - 01 - 01))
                .utc_offset(time::UtcOffset::from_hms(offset, 0, 0).unwrap())
                .opt_out(OptOut::DoNotCall);
            if let Some(c) = preferred {
                b = b.preferred_channel(c);
            }
            if no_email {
                b = b.opt_out(OptOut::DoNotEmail);
            }
            if no_sms {
                b = b.opt_out(OptOut::DoNotSms);
            }
            if window {
                b = b.contact_window(
                    ContactWindow::new(DaySet::WORKDAYS, time!(12:00), time!(13:00)).unwrap(),
                );
            }
            b.build().unwrap()
        })
}

fn hinter() -> Hinter {
    let mut config = HintsConfig::default();
    config.min_evidence = 2;
    Hinter::new(config).unwrap()
}

/// A hint without its evidence's example indexes (which point into the slice).
fn without_examples(hint: &Hint) -> (String, String, u64, u32) {
    (
        format!("{:?}", hint.kind),
        format!("{:?}", hint.value),
        hint.confidence.to_bits(),
        hint.evidence.events,
    )
}

proptest! {
    #[test]
    fn a_do_not_call_customer_is_never_told_to_be_called(profile in profile(), history in history()) {
        let hinter = hinter();
        let scored: Vec<ScoredEvent> = history.iter().map(|e| hinter.score(&profile, e.clone())).collect();
        for now in [NOW, NOW - Duration::days(20)] {
            let hints = hinter.hints(&profile, &scored, now);
            prop_assert_eq!(hints.hints.len(), 10);
            for hint in &hints.hints {
                if let Some(channel) = hint.suggested_channel() {
                    prop_assert!(profile.allows(channel), "{:?}", hint);
                    prop_assert_ne!(channel, &Channel::Phone);
                }
                if let HintValue::NextBestAction { action, .. } = &hint.value {
                    prop_assert_ne!(*action, realboss::hints::Action::CallBack);
                }
                prop_assert!((0.0..=1.0).contains(&hint.confidence), "{:?}", hint);
            }
        }
    }

    #[test]
    fn hints_are_deterministic_and_do_not_depend_on_slice_order(
        profile in profile(),
        history in history(),
        seed in any::<u64>(),
    ) {
        let hinter = hinter();
        let scored: Vec<ScoredEvent> = history.iter().map(|e| hinter.score(&profile, e.clone())).collect();
        let once = hinter.hints(&profile, &scored, NOW);
        prop_assert_eq!(&once, &hinter.hints(&profile, &scored, NOW));
        // Shuffle with a simple deterministic generator.
        let mut shuffled = scored.clone();
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let again = hinter.hints(&profile, &shuffled, NOW);
        let a: Vec<_> = once.hints.iter().map(without_examples).collect();
        let b: Vec<_> = again.hints.iter().map(without_examples).collect();
        prop_assert_eq!(a, b);
        prop_assert_eq!(once.ignored, again.ignored);
    }
}

/// Any text, any instant within ±3,000 years, any customer offset: never a panic, always ten
/// hints with finite confidences in [0, 1].
fn wild_history() -> impl Strategy<Value = Vec<ContactEvent>> {
    prop::collection::vec(
        (
            channel(),
            any::<bool>(),
            kind(),
            any::<String>(),
            any::<bool>(),
            -95_000_000_000i64..95_000_000_000,
        ),
        0..30,
    )
    .prop_map(|items| {
        items
            .into_iter()
            .map(|(channel, inbound, kind, text, ours, secs)| {
                let customer = if ours { "cus-1" } else { "cus-2" };
                let direction = if inbound {
                    Direction::Inbound
                } else {
                    Direction::Outbound
                };
                ContactEvent::new(
                    CustomerId::new(customer).unwrap(),
                    NOW + Duration::seconds(secs),
                    channel,
                    direction,
                    kind,
                )
                .with_text(text)
            })
            .collect()
    })
}

proptest! {
    #[test]
    fn any_history_at_any_time_gives_ten_sane_hints(
        profile in profile(),
        history in wild_history(),
        now_secs in -95_000_000_000i64..95_000_000_000,
        offset_minutes in -1_439i32..=1_439,
    ) {
        let offset = time::UtcOffset::from_whole_seconds(offset_minutes * 60).unwrap();
        let now = (NOW + Duration::seconds(now_secs)).to_offset(offset);
        let hints = realboss::hints::hints(&profile, &history, now);
        prop_assert_eq!(hints.hints.len(), 10);
        for hint in &hints.hints {
            prop_assert!(hint.confidence.is_finite() && (0.0..=1.0).contains(&hint.confidence));
            prop_assert!(hint.evidence.examples.iter().all(|&i| i < history.len()));
            if let Some(channel) = hint.suggested_channel() {
                prop_assert!(profile.allows(channel));
            }
        }
        let counted = hints.ignored.other_customers + hints.ignored.after_now;
        prop_assert!(counted as usize <= history.len());
        for hint in &hints.hints {
            prop_assert!(!hint.value.to_string().is_empty());
        }
    }
}
