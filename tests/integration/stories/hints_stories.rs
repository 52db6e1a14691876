//! Personalization hints, in the words of the people who use them.

use realboss::hints::{
    Action, ActionReason, ChurnReason, HintKind, HintValue, Hinter, Hints, HintsConfig, RiskLevel,
    Source, Tone,
};
use realboss::model::*;
use time::macros::{date, datetime, offset, time};
use time::{Duration, OffsetDateTime};

fn customer(id: &str) -> CustomerProfileBuilder {
    CustomerProfile::builder(CustomerId::new(id).unwrap())
        .tier(Tier::Standard)
        .lifetime_value(Money::new(250.0, "EUR".parse().unwrap()).unwrap())
        .customer_since(date!(2024 - 01 - 15))
}

fn event(
    who: &str,
    at: OffsetDateTime,
    channel: Channel,
    direction: Direction,
    kind: EventKind,
) -> ContactEvent {
    ContactEvent::new(CustomerId::new(who).unwrap(), at, channel, direction, kind)
}

fn call(who: &str, at: OffsetDateTime, direction: Direction, outcome: CallOutcome) -> ContactEvent {
    event(
        who,
        at,
        Channel::Phone,
        direction,
        EventKind::Call { outcome },
    )
}

fn message(who: &str, at: OffsetDateTime, channel: Channel, text: &str) -> ContactEvent {
    event(who, at, channel, Direction::Inbound, EventKind::Inquiry).with_text(text)
}

fn reply(who: &str, at: OffsetDateTime, channel: Channel) -> ContactEvent {
    event(who, at, channel, Direction::Outbound, EventKind::Reply)
}

fn payment(
    who: &str,
    at: OffsetDateTime,
    outcome: PaymentOutcome,
    method: PaymentMethod,
) -> ContactEvent {
    event(
        who,
        at,
        Channel::WebForm,
        Direction::Inbound,
        EventKind::PaymentAttempt {
            outcome,
            method: Some(method),
            amount: None,
        },
    )
}

fn value(hints: &Hints, kind: HintKind) -> &HintValue {
    &hints.get(kind).expect("every kind is present").value
}

#[test]
fn a_customer_who_always_answers_calls_at_lunch_gets_a_lunch_time_call_suggestion() {
    // Berlin in winter: UTC+01:00. We tried mornings and evenings too; only lunch works.
    let ana = customer("cus-ana").utc_offset(offset!(+1)).build().unwrap();
    let mut history = Vec::new();
    for week in 0..5 {
        let monday = datetime!(2026-09-07 00:00 UTC) + Duration::weeks(week);
        history.push(call(
            "cus-ana",
            monday + Duration::hours(8),
            Direction::Outbound,
            CallOutcome::Missed,
        ));
        history.push(call(
            "cus-ana",
            monday + Duration::minutes(11 * 60 + 15),
            Direction::Outbound,
            CallOutcome::Answered,
        ));
        history.push(call(
            "cus-ana",
            monday + Duration::hours(17),
            Direction::Outbound,
            CallOutcome::Voicemail,
        ));
    }
    let hints = realboss::hints::hints(&ana, &history, datetime!(2026-11-23 08:00 UTC));
    match value(&hints, HintKind::BestTime) {
        HintValue::BestTime {
            channel,
            from,
            to,
            source,
            answered,
            tried,
            ..
        } => {
            assert_eq!(*channel, Channel::Phone);
            assert_eq!(
                (*from, *to),
                (time!(12:00), time!(13:00)),
                "11:15 UTC is 12:15 in Berlin"
            );
            assert_eq!(*source, Source::Observed);
            assert_eq!((*answered, *tried), (5, 5));
        }
        other => panic!("expected a best time, got {other:?}"),
    }
    let best = hints.get(HintKind::BestTime).unwrap();
    assert_eq!(best.evidence.events, 5);
    assert!(
        best.confidence > 0.5 && best.confidence <= 1.0,
        "{}",
        best.confidence
    );
}

#[test]
fn a_do_not_call_customer_is_never_told_to_be_called() {
    // Bo phones us all the time and even said phone is his channel, but asked us never to call.
    let bo = customer("cus-bo")
        .preferred_channel(Channel::Phone)
        .opt_out(OptOut::DoNotCall)
        .build()
        .unwrap();
    let now = datetime!(2026-11-23 21:40 UTC);
    let mut history = vec![
        call(
            "cus-bo",
            now - Duration::days(30),
            Direction::Outbound,
            CallOutcome::Answered,
        ),
        call(
            "cus-bo",
            now - Duration::days(20),
            Direction::Inbound,
            CallOutcome::Answered,
        ),
        reply(
            "cus-bo",
            now - Duration::days(20) + Duration::hours(1),
            Channel::Email,
        ),
        call(
            "cus-bo",
            now - Duration::minutes(10),
            Direction::Inbound,
            CallOutcome::Missed,
        ),
        call("cus-bo", now, Direction::Inbound, CallOutcome::Missed),
    ];
    history.push(message(
        "cus-bo",
        now - Duration::days(5),
        Channel::Email,
        "Where is my refund?",
    ));
    history.sort_by_key(ContactEvent::at);
    let hints = realboss::hints::hints(&bo, &history, now);
    for hint in &hints.hints {
        assert_ne!(hint.suggested_channel(), Some(&Channel::Phone), "{hint:?}");
    }
    match value(&hints, HintKind::NextBestAction) {
        HintValue::NextBestAction {
            action,
            channel,
            reasons,
            ..
        } => {
            assert_ne!(*action, Action::CallBack);
            assert_eq!(channel.as_ref(), Some(&Channel::Email));
            assert!(
                reasons.contains(&ActionReason::OptedOut {
                    channel: Channel::Phone
                }),
                "{reasons:?}"
            );
        }
        other => panic!("{other:?}"),
    }
    // What he does is still reported honestly: he uses the phone.
    match value(&hints, HintKind::PreferredChannel) {
        HintValue::Channel {
            channel, observed, ..
        } => {
            assert_ne!(*channel, Channel::Phone);
            assert_eq!(observed.as_ref(), Some(&Channel::Phone));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn two_calls_in_ten_minutes_within_their_window_mean_call_back_now() {
    let cy = customer("cus-cy")
        .preferred_channel(Channel::Phone)
        .contact_window(ContactWindow::new(DaySet::ALL, time!(18:00), time!(22:00)).unwrap())
        .build()
        .unwrap();
    let now = datetime!(2026-11-23 21:42 UTC);
    let history = [
        call(
            "cus-cy",
            datetime!(2026-11-23 21:30 UTC),
            Direction::Inbound,
            CallOutcome::Missed,
        ),
        call(
            "cus-cy",
            datetime!(2026-11-23 21:40 UTC),
            Direction::Inbound,
            CallOutcome::Voicemail,
        ),
    ];
    let hints = realboss::hints::hints(&cy, &history, now);
    assert_eq!(
        hints
            .get(HintKind::NextBestAction)
            .unwrap()
            .value
            .to_string(),
        "call_back by phone now: 2 calls in 10 minutes, phone preferred, \
         18:00–22:00 is within their window"
    );
    match value(&hints, HintKind::NextBestAction) {
        HintValue::NextBestAction {
            action,
            channel,
            at,
            reasons,
        } => {
            assert_eq!(*action, Action::CallBack);
            assert_eq!(channel.as_ref(), Some(&Channel::Phone));
            assert_eq!(*at, now, "now, not later");
            assert!(
                reasons.contains(&ActionReason::Waiting {
                    contacts: 2,
                    channel: Channel::Phone,
                    minutes: 10
                }),
                "{reasons:?}"
            );
            assert!(
                reasons.contains(&ActionReason::Preferred {
                    channel: Channel::Phone
                }),
                "{reasons:?}"
            );
            assert!(
                reasons.contains(&ActionReason::InWindow {
                    from: time!(18:00),
                    to: time!(22:00)
                }),
                "{reasons:?}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn outside_their_window_the_call_waits_for_the_next_one_to_open() {
    let di = customer("cus-di")
        .utc_offset(offset!(-5))
        .contact_window(ContactWindow::new(DaySet::WORKDAYS, time!(09:00), time!(17:00)).unwrap())
        .build()
        .unwrap();
    // Saturday 23:00 in New York (UTC-5) is Sunday 04:00 UTC; next window: Monday 09:00 local.
    let now = datetime!(2026-11-22 04:00 UTC);
    let history = [call(
        "cus-di",
        now - Duration::minutes(5),
        Direction::Inbound,
        CallOutcome::Missed,
    )];
    let hints = realboss::hints::hints(&di, &history, now);
    match value(&hints, HintKind::NextBestAction) {
        HintValue::NextBestAction {
            action,
            at,
            reasons,
            ..
        } => {
            assert_eq!(*action, Action::CallBack);
            assert_eq!(*at, datetime!(2026-11-23 09:00 -5));
            assert!(reasons.contains(&ActionReason::OutsideWindow {
                opens_at: datetime!(2026-11-23 14:00 UTC)
            }));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_failed_card_payment_after_paypal_worked_offers_paypal() {
    let ed = customer("cus-ed")
        .payment_method(PaymentMethod::Card)
        .build()
        .unwrap();
    let now = datetime!(2026-11-23 12:00 UTC);
    let history = [
        payment(
            "cus-ed",
            datetime!(2026-08-01 10:00 UTC),
            PaymentOutcome::Succeeded,
            PaymentMethod::Paypal,
        ),
        payment(
            "cus-ed",
            datetime!(2026-09-01 10:00 UTC),
            PaymentOutcome::Succeeded,
            PaymentMethod::Paypal,
        ),
        payment(
            "cus-ed",
            datetime!(2026-11-23 11:50 UTC),
            PaymentOutcome::Failed,
            PaymentMethod::Card,
        ),
    ];
    let hints = realboss::hints::hints(&ed, &history, now);
    match value(&hints, HintKind::Payment) {
        HintValue::Payment {
            worked,
            failed,
            unresolved_failure,
            offer,
            on_file,
        } => {
            assert_eq!(worked, &[PaymentMethod::Paypal]);
            assert_eq!(on_file, &[PaymentMethod::Card]);
            assert_eq!(failed.as_ref(), Some(&PaymentMethod::Card));
            assert!(*unresolved_failure);
            assert_eq!(offer.as_ref(), Some(&PaymentMethod::Paypal));
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        value(&hints, HintKind::NextBestAction),
        HintValue::NextBestAction {
            action: Action::OfferPaymentAlternative,
            ..
        }
    ));
    // Once a payment goes through, there is nothing to offer any more.
    let mut paid = history.to_vec();
    paid.push(payment(
        "cus-ed",
        datetime!(2026-11-23 11:55 UTC),
        PaymentOutcome::Succeeded,
        PaymentMethod::Paypal,
    ));
    let hints = realboss::hints::hints(&ed, &paid, now);
    assert!(matches!(
        value(&hints, HintKind::Payment),
        HintValue::Payment {
            unresolved_failure: false,
            offer: None,
            ..
        }
    ));
}

#[test]
fn an_overdue_promise_is_listed_as_overdue() {
    let fa = customer("cus-fa").build().unwrap();
    let now = datetime!(2026-11-23 12:00 UTC);
    let promise = |at, due_at| {
        event(
            "cus-fa",
            at,
            Channel::Email,
            Direction::Outbound,
            EventKind::Promise { due_at },
        )
    };
    let history = [
        message(
            "cus-fa",
            datetime!(2026-11-20 09:00 UTC),
            Channel::Email,
            "Where is my parcel?",
        ),
        promise(
            datetime!(2026-11-20 10:00 UTC),
            datetime!(2026-11-21 10:00 UTC),
        ),
        // An update we sent kept the first promise; then we promised again, twice.
        reply("cus-fa", datetime!(2026-11-21 09:00 UTC), Channel::Email),
        promise(
            datetime!(2026-11-21 09:05 UTC),
            datetime!(2026-11-22 09:00 UTC),
        ),
        promise(
            datetime!(2026-11-22 09:05 UTC),
            datetime!(2026-11-24 09:00 UTC),
        ),
    ];
    let hints = realboss::hints::hints(&fa, &history, now);
    match value(&hints, HintKind::Promises) {
        HintValue::Promises { owed } => {
            assert_eq!(owed.len(), 2);
            assert!(owed[0].overdue && owed[0].due_at == datetime!(2026-11-22 09:00 UTC));
            assert!(!owed[1].overdue);
        }
        other => panic!("{other:?}"),
    }
    match value(&hints, HintKind::NextBestAction) {
        HintValue::NextBestAction {
            action, reasons, ..
        } => {
            assert_eq!(*action, Action::KeepPromise);
            assert!(reasons.contains(&ActionReason::PromiseOverdue {
                due_at: datetime!(2026-11-22 09:00 UTC)
            }));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn too_little_data_says_so_instead_of_guessing() {
    let gu = customer("cus-gu").build().unwrap();
    let now = datetime!(2026-11-23 12:00 UTC);
    let history = [message(
        "cus-gu",
        now - Duration::hours(1),
        Channel::Chat,
        "hi, quick question!",
    )];
    let hints = realboss::hints::hints(&gu, &history, now);
    for kind in [HintKind::PreferredChannel, HintKind::Tone, HintKind::Topics] {
        let hint = hints.get(kind).unwrap();
        assert_eq!(
            hint.value,
            HintValue::TooLittleData { needed: 3, seen: 1 },
            "{kind:?}"
        );
        assert_eq!(hint.confidence, 0.0);
    }
    assert_eq!(
        *value(&hints, HintKind::BestTime),
        HintValue::TooLittleData { needed: 3, seen: 0 }
    );
    assert_eq!(
        *value(&hints, HintKind::Payment),
        HintValue::TooLittleData { needed: 1, seen: 0 }
    );
    // An empty history is no problem either.
    let hints = realboss::hints::hints(&gu, &[], now);
    assert_eq!(hints.hints.len(), 10);
    assert!(matches!(
        value(&hints, HintKind::NextBestAction),
        HintValue::NextBestAction {
            action: Action::NothingDue,
            ..
        }
    ));
}

#[test]
fn churn_risk_rises_with_falling_sentiment_and_a_mention_of_leaving() {
    let ha = customer("cus-ha").build().unwrap();
    let now = datetime!(2026-11-23 12:00 UTC);
    let happy = [
        "Thanks, the new router works great!",
        "Lovely service as always, thank you",
        "Great, that solved it, thanks a lot",
        "Perfect, I am very happy with the upgrade",
    ];
    let at = |day: i64| now - Duration::days(60) + Duration::days(day);
    let mut history: Vec<ContactEvent> = happy
        .iter()
        .enumerate()
        .map(|(i, t)| message("cus-ha", at(i as i64), Channel::Email, t))
        .collect();
    let before = realboss::hints::hints(&ha, &history, now);
    assert!(matches!(
        value(&before, HintKind::ChurnRisk),
        HintValue::ChurnRisk {
            level: RiskLevel::Low,
            ..
        }
    ));

    for (i, t) in [
        "The internet is down again, this is terrible",
        "Still broken, awful service, nobody calls back",
        "Third outage this month, I am furious",
        "I want to cancel my contract and switch provider",
    ]
    .iter()
    .enumerate()
    {
        history.push(message("cus-ha", at(40 + i as i64), Channel::Email, t));
    }
    let after = realboss::hints::hints(&ha, &history, now);
    match value(&after, HintKind::ChurnRisk) {
        HintValue::ChurnRisk { level, reasons } => {
            assert_eq!(*level, RiskLevel::High);
            assert!(
                matches!(reasons[0], ChurnReason::LeavingMention { .. }),
                "{reasons:?}"
            );
            assert!(reasons.iter().any(|r| matches!(r, ChurnReason::FallingSentiment { earlier, later } if later < earlier)), "{reasons:?}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_complaint_followed_by_silence_is_a_churn_reason() {
    let ik = customer("cus-ik").build().unwrap();
    let complained = datetime!(2026-10-01 12:00 UTC);
    let history = [event(
        "cus-ik",
        complained,
        Channel::Email,
        Direction::Inbound,
        EventKind::Complaint,
    )
    .with_text("My order arrived broken and nobody answers")];
    let hints = realboss::hints::hints(&ik, &history, complained + Duration::days(30));
    match value(&hints, HintKind::ChurnRisk) {
        HintValue::ChurnRisk { level, reasons } => {
            assert_eq!(*level, RiskLevel::Medium);
            assert_eq!(
                reasons,
                &[ChurnReason::SilenceAfterComplaint {
                    since: complained,
                    days: 30
                }]
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_long_standing_customer_gets_their_tenure_and_orders_acknowledged() {
    let jo = customer("cus-jo").build().unwrap();
    let jo = CustomerProfile::builder(jo.id().clone())
        .tier(Tier::Silver)
        .lifetime_value(jo.lifetime_value().unwrap())
        .customer_since(date!(2020 - 03 - 01))
        .build()
        .unwrap();
    let now = datetime!(2026-11-23 12:00 UTC);
    let history: Vec<ContactEvent> = (0..40)
        .map(|i| {
            event(
                "cus-jo",
                now - Duration::days(10 + 50 * i),
                Channel::WebForm,
                Direction::Inbound,
                EventKind::Purchase { amount: None },
            )
        })
        .collect();
    let hints = realboss::hints::hints(&jo, &history, now);
    let tenure = hints.get(HintKind::Tenure).unwrap();
    assert_eq!(
        tenure.value.to_string(),
        "a customer for 6 years, 40 orders"
    );
    assert!(matches!(
        tenure.value,
        HintValue::Tenure {
            worth_acknowledging: true,
            tier: Some(Tier::Silver),
            ..
        }
    ));
    assert_eq!(tenure.evidence.events, 40);
    // A new customer with one order is not worth a speech.
    let new = CustomerProfile::builder(jo.id().clone())
        .tier(Tier::Standard)
        .lifetime_value(jo.lifetime_value().unwrap())
        .customer_since(date!(2026 - 06 - 01))
        .build()
        .unwrap();
    let hints = realboss::hints::hints(&new, &history[..1], now);
    assert!(matches!(
        value(&hints, HintKind::Tenure),
        HintValue::Tenure {
            years: 0,
            orders: 1,
            worth_acknowledging: false,
            ..
        }
    ));
}

#[test]
fn formal_writers_get_a_formal_hint_and_casual_writers_a_casual_one() {
    let now = datetime!(2026-11-23 12:00 UTC);
    let formal = [
        "Dear Sir or Madam, I would like to request a copy of my invoice. Kind regards, K. Lee",
        "Dear support team, could you confirm the delivery date? Yours sincerely, K. Lee",
        "Dear colleagues, I kindly ask for an update on my claim. Regards, K. Lee",
    ];
    let casual = [
        "hey, where's my stuff?? 😅",
        "hi! can u check my order pls",
        "thx, that's great!!",
    ];
    let plain = [
        "My order has not arrived yet.",
        "Can you check the delivery address on my account?",
        "The parcel was left at the wrong door.",
    ];
    for (texts, expected) in [
        (formal, Tone::Formal),
        (casual, Tone::Casual),
        (plain, Tone::Plain),
    ] {
        let profile = customer("cus-kl").build().unwrap();
        let history: Vec<ContactEvent> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                message(
                    "cus-kl",
                    now - Duration::days(i as i64 + 1),
                    Channel::Email,
                    t,
                )
            })
            .collect();
        let hints = realboss::hints::hints(&profile, &history, now);
        match value(&hints, HintKind::Tone) {
            HintValue::Tone { tone, .. } => assert_eq!(*tone, expected, "{texts:?}"),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn recurring_topics_are_grouped_by_stem_shown_as_words_and_counted_per_message() {
    let li = customer("cus-li").build().unwrap();
    let now = datetime!(2026-11-23 12:00 UTC);
    let texts = [
        "My delivery is late again",
        "The deliveries keep arriving late, and the invoice is wrong",
        "Another late delivery. Please fix the invoicing",
        "Can I change my password?",
    ];
    let history: Vec<ContactEvent> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            message(
                "cus-li",
                now - Duration::days(10 - i as i64),
                Channel::Email,
                t,
            )
        })
        .collect();
    let hints = realboss::hints::hints(&li, &history, now);
    match value(&hints, HintKind::Topics) {
        HintValue::Topics { topics, messages } => {
            assert_eq!(*messages, 4);
            let found: Vec<(&str, &str, u64)> = topics
                .iter()
                .map(|t| (t.word.as_str(), t.stem.as_str(), t.count))
                .collect();
            // Shown as words: the form most messages wrote ("delivery" twice, "deliveries"
            // once), a tie to the shorter ("invoice" and "invoicing" once each).
            assert_eq!(
                found[..3],
                [
                    ("delivery", "deliveri", 3),
                    ("late", "late", 3),
                    ("invoice", "invoic", 2)
                ],
                "{found:?}"
            );
            assert!(
                !found.iter().any(|(w, ..)| *w == "password"),
                "one mention is not recurring"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_observed_channel_beats_the_declared_one_and_the_language_is_checked() {
    // She said email, but she chats and answers on chat.
    let mo = customer("cus-mo")
        .preferred_channel(Channel::Email)
        .language("es-MX".parse().unwrap())
        .build()
        .unwrap();
    let now = datetime!(2026-11-23 12:00 UTC);
    let history: Vec<ContactEvent> = (0..6)
        .map(|i| {
            message(
                "cus-mo",
                now - Duration::days(i + 1),
                Channel::Chat,
                "Hola, ¿dónde está mi pedido? Gracias por la ayuda",
            )
        })
        .collect();
    let hints = realboss::hints::hints(&mo, &history, now);
    match value(&hints, HintKind::PreferredChannel) {
        HintValue::Channel {
            channel,
            source,
            declared,
            ..
        } => {
            assert_eq!((channel, *source), (&Channel::Chat, Source::Observed));
            assert_eq!(declared.as_ref(), Some(&Channel::Email));
        }
        other => panic!("{other:?}"),
    }
    let language = hints.get(HintKind::Language).unwrap();
    assert!(matches!(
        &language.value,
        HintValue::Language {
            writes_english: Some(false),
            ..
        }
    ));
    assert!(
        language.confidence > 0.6,
        "Spanish text agrees with es-MX: {}",
        language.confidence
    );
}

#[test]
fn other_customers_and_future_events_are_ignored_and_counted() {
    let no = customer("cus-no").build().unwrap();
    let now = datetime!(2026-11-23 12:00 UTC);
    let history = [
        message("cus-no", now - Duration::days(1), Channel::Email, "Hello"),
        message(
            "cus-other",
            now - Duration::days(1),
            Channel::Email,
            "I will cancel",
        ),
        message(
            "cus-no",
            now + Duration::days(1),
            Channel::Email,
            "I will cancel",
        ),
        message(
            "cus-no",
            now - Duration::days(1000),
            Channel::Email,
            "Old news",
        ),
    ];
    let hints = realboss::hints::hints(&no, &history, now);
    assert_eq!(hints.ignored.other_customers, 1);
    assert_eq!(hints.ignored.after_now, 1);
    assert_eq!(hints.ignored.before_lookback, 1);
    assert!(!matches!(
        value(&hints, HintKind::ChurnRisk),
        HintValue::ChurnRisk {
            level: RiskLevel::High,
            ..
        }
    ));
}

#[test]
fn hints_serialize_with_kind_value_confidence_and_evidence() {
    let op = customer("cus-op").build().unwrap();
    let now = datetime!(2026-11-23 12:00 UTC);
    let history = [message(
        "cus-op",
        now - Duration::hours(2),
        Channel::Email,
        "Any update on my refund?",
    )];
    let hints = realboss::hints::hints(&op, &history, now);
    let json = serde_json::to_value(&hints).unwrap();
    let first = &json["hints"][0];
    assert_eq!(first["kind"], "preferred_channel");
    assert_eq!(first["value"]["type"], "too_little_data");
    assert!(first["confidence"].is_number());
    assert!(first["evidence"]["events"].is_number());
    let action = json["hints"].as_array().unwrap().last().unwrap();
    assert_eq!(action["kind"], "next_best_action");
    assert_eq!(action["value"]["action"], "reply");
    assert_eq!(action["value"]["channel"], "email");
    assert_eq!(action["value"]["at"], "2026-11-23T12:00:00Z");
    assert_eq!(action["evidence"]["examples"], serde_json::json!([0]));
}

#[test]
fn a_hinter_is_built_once_and_shared() {
    fn shared<T: Send + Sync>() {}
    shared::<Hinter>();
    shared::<Hints>();
    let hinter = Hinter::new(HintsConfig::default()).unwrap();
    let pe = customer("cus-pe").build().unwrap();
    let now = datetime!(2026-11-23 12:00 UTC);
    let raw = [message(
        "cus-pe",
        now - Duration::hours(1),
        Channel::Chat,
        "hey there!",
    )];
    let scored: Vec<_> = raw.iter().map(|e| hinter.score(&pe, e.clone())).collect();
    assert_eq!(
        hinter.hints(&pe, &scored, now),
        hinter.hints_from_events(&pe, &raw, now)
    );
    assert_eq!(
        hinter.hints(&pe, &scored, now),
        realboss::hints::hints(&pe, &raw, now)
    );
}

#[test]
fn every_out_of_range_setting_is_rejected_by_name() {
    type Spoil = fn(&mut HintsConfig);
    let cases: [(&str, Spoil); 6] = [
        ("min_evidence", |c| c.min_evidence = 0),
        ("min_evidence", |c| c.min_evidence = 1_001),
        ("recent_messages", |c| c.recent_messages = 3),
        ("recent_messages", |c| c.recent_messages = 10_001),
        ("top_topics", |c| c.top_topics = 0),
        ("top_topics", |c| c.top_topics = 51),
    ];
    for (field, spoil) in cases {
        let mut config = HintsConfig::default();
        spoil(&mut config);
        let err = Hinter::new(config).unwrap_err();
        assert!(
            matches!(err.kind(), realboss::ErrorKind::InvalidValue { field: f, .. } if f == field),
            "{err}"
        );
        assert!(err.to_string().contains(field), "{err}");
    }
    let err = serde_json::from_str::<HintsConfig>(r#"{"min_evidnce": 3}"#).unwrap_err();
    assert!(err.to_string().contains("min_evidnce"), "{err}");
}

#[test]
fn a_thanks_only_message_after_our_answer_leaves_nothing_to_answer() {
    let dee = customer("cus-dee").build().unwrap();
    let now = datetime!(2026-11-23 12:00 UTC);
    let asked = message(
        "cus-dee",
        datetime!(2026-11-23 10:00 UTC),
        Channel::Email,
        "Where is my parcel? It was due yesterday.",
    );
    let answered = reply("cus-dee", datetime!(2026-11-23 10:30 UTC), Channel::Email);
    let action = |history: &[ContactEvent]| match value(
        &realboss::hints::hints(&dee, history, now),
        HintKind::NextBestAction,
    ) {
        HintValue::NextBestAction { action, .. } => *action,
        other => panic!("{other:?}"),
    };
    let thanks = message(
        "cus-dee",
        datetime!(2026-11-23 10:45 UTC),
        Channel::Email,
        "Thanks, all sorted!",
    );
    assert_eq!(
        action(&[asked.clone(), answered.clone(), thanks]),
        Action::NothingDue
    );
    // A real question in the same place is waiting for us.
    let still = message(
        "cus-dee",
        datetime!(2026-11-23 10:45 UTC),
        Channel::Email,
        "Thanks, but it still has not arrived.",
    );
    assert_eq!(action(&[asked, answered, still]), Action::Reply);
}

#[test]
fn a_customer_who_writes_that_it_turned_up_is_no_longer_waiting_for_a_reply() {
    let eve = customer("cus-eve").build().unwrap();
    let now = datetime!(2026-11-23 12:00 UTC);
    let asked = message(
        "cus-eve",
        datetime!(2026-11-23 09:00 UTC),
        Channel::Email,
        "Where is my parcel? It was due yesterday.",
    );
    let action = |history: &[ContactEvent]| match value(
        &realboss::hints::hints(&eve, history, now),
        HintKind::NextBestAction,
    ) {
        HintValue::NextBestAction { action, .. } => *action,
        other => panic!("{other:?}"),
    };
    // Never answered, but the customer closes it themselves.
    let closed = message(
        "cus-eve",
        datetime!(2026-11-23 11:00 UTC),
        Channel::Email,
        "Oh, it just turned up at the neighbour's, all fine now.",
    );
    assert_eq!(action(&[asked.clone(), closed.clone()]), Action::NothingDue);
    // A new question after the closure is waiting again.
    let again = message(
        "cus-eve",
        datetime!(2026-11-23 11:30 UTC),
        Channel::Email,
        "One more thing: can I change the delivery address for the next order?",
    );
    assert_eq!(action(&[asked.clone(), closed, again]), Action::Reply);
    // Without the closure the first question still waits.
    assert_eq!(action(&[asked]), Action::Reply);
}
