//! The incremental queue returns the batch ranking's order at every `now`: random requests and
//! random operation sequences, compared after every step with `Ranker::rank_scored` over the
//! queue's requests in sequence order. Plus named tests of pop order, update, remove,
//! duplicates, serde and `now` going backwards.

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use realboss::ErrorKind;
use realboss::Policy;
use realboss::model::*;
use realboss::priority::Assessment;
use realboss::ranking::{Queue, QueueState, Ranker};
use time::macros::{date, datetime};
use time::{Duration, OffsetDateTime};

const T0: OffsetDateTime = datetime!(2026-11-23 08:00 UTC);

const TEXTS: &[&str] = &[
    "Could you send me the brochure when you have a moment?",
    "URGENT: I'm locked out of my account and can't log in",
    "I was charged twice, please refund me asap",
    "thanks, all sorted",
    "not urgent, no rush, just curious about the new plan",
    "My flight is tonight and the booking shows cancelled, I'm stranded",
    "Where is my order? It is late again. This is the third time I ask!",
    "urgent urgent urgent please help immediately",
    "Hello",
    "oh it turned up, all fine now, thanks!",
    "No rush, whenever you can — could you tell me how to export my invoices?",
    "URGENT!!! ASAP change the font of our newsletter",
];

fn customer(k: usize) -> CustomerProfile {
    let tiers = [Tier::Standard, Tier::Silver, Tier::Gold, Tier::Platinum];
    let values = [0.0, 250.0, 4_000.0, 180_000.0];
    CustomerProfile::builder(CustomerId::new(format!("cus-{k}")).unwrap())
        .tier(tiers[k % 4])
        .lifetime_value(Money::new(values[k % 4], "EUR".parse().unwrap()).unwrap())
        .customer_since(date!(2020 - 01 - 01))
        .build()
        .unwrap()
}

/// A random request shape; turned into a `Request` with a given id.
#[derive(Debug, Clone)]
struct Shape {
    customer: usize,
    channel: usize,
    received: i64,
    nanos: u32,
    text: usize,
    status: usize,
    priority: Option<usize>,
    internal: bool,
    due_in: Option<i64>,
    events: Vec<(usize, i64, usize)>,
}

fn shape() -> impl Strategy<Value = Shape> {
    (
        (
            0usize..4,
            0usize..5,
            0i64..6 * 3600,
            prop_oneof![3 => Just(0u32), 1 => 0u32..1_000_000_000],
        ),
        (
            0usize..TEXTS.len(),
            0usize..8,
            proptest::option::of(0usize..4),
            any::<bool>(),
        ),
        proptest::option::of(-3600i64..10 * 3600),
        proptest::collection::vec((0usize..10, -600i64..4 * 3600, 0usize..TEXTS.len()), 0..5),
    )
        .prop_map(
            |(
                (customer, channel, received, nanos),
                (text, status, priority, internal),
                due_in,
                events,
            )| Shape {
                customer,
                channel,
                received,
                nanos,
                text,
                status,
                priority,
                internal: internal && status % 3 == 0,
                due_in,
                events,
            },
        )
}

fn build(id: &str, s: &Shape) -> Request {
    let who = customer(s.customer);
    let channels = [
        Channel::Email,
        Channel::Chat,
        Channel::Phone,
        Channel::WebForm,
        Channel::Sms,
    ];
    let received = T0 + Duration::seconds(s.received) + Duration::nanoseconds(i64::from(s.nanos));
    let statuses = [
        Status::Open,
        Status::WaitingOnUs,
        Status::Open,
        Status::WaitingOnCustomer,
        Status::Open,
        Status::WaitingOnUs,
        Status::Open,
        Status::Resolved,
    ];
    let levels = [Level::Low, Level::Normal, Level::High, Level::Urgent];
    let mut b = Request::builder(
        RequestId::new(id).unwrap(),
        who.clone(),
        channels[s.channel].clone(),
        received,
    )
    .text(TEXTS[s.text])
    .status(statuses[s.status]);
    if let Some(p) = s.priority {
        b = b.priority(levels[p]);
    }
    if s.internal {
        b = b.requester(Requester::Internal {
            name: Some("Dana".into()),
            role: Some("manager".into()),
        });
    }
    if let Some(d) = s.due_in {
        b = b.due_at(received + Duration::seconds(d));
    }
    for &(kind, offset, text) in &s.events {
        let at =
            received + Duration::seconds(offset) + Duration::nanoseconds(i64::from(s.nanos) / 3);
        let (channel, direction, kind, text) = match kind {
            0 => (
                Channel::Email,
                Direction::Inbound,
                EventKind::FollowUp,
                Some(TEXTS[text]),
            ),
            1 => (
                Channel::Phone,
                Direction::Inbound,
                EventKind::Call {
                    outcome: CallOutcome::Missed,
                },
                None,
            ),
            2 => (
                Channel::Chat,
                Direction::Inbound,
                EventKind::Inquiry,
                Some(TEXTS[text]),
            ),
            3 => (
                Channel::Email,
                Direction::Outbound,
                EventKind::Reply,
                Some("We are on it."),
            ),
            4 => (
                Channel::Email,
                Direction::Outbound,
                EventKind::Promise {
                    due_at: at + Duration::seconds(offset.rem_euclid(7200) + 60),
                },
                None,
            ),
            5 => (
                Channel::WebForm,
                Direction::Inbound,
                EventKind::PaymentAttempt {
                    outcome: PaymentOutcome::Failed,
                    method: None,
                    amount: None,
                },
                None,
            ),
            6 => (
                Channel::WebForm,
                Direction::Inbound,
                EventKind::PaymentAttempt {
                    outcome: PaymentOutcome::Succeeded,
                    method: None,
                    amount: None,
                },
                None,
            ),
            7 => (
                Channel::Phone,
                Direction::Inbound,
                EventKind::Call {
                    outcome: CallOutcome::Answered,
                },
                None,
            ),
            8 => (
                Channel::Email,
                Direction::Outbound,
                EventKind::Resolution,
                None,
            ),
            _ => (
                Channel::Chat,
                Direction::Inbound,
                EventKind::Complaint,
                Some(TEXTS[text]),
            ),
        };
        let mut e = ContactEvent::new(who.id().clone(), at, channel, direction, kind);
        if let Some(t) = text {
            e = e.with_text(t);
        }
        b = b.event(e);
    }
    b.build().unwrap()
}

#[derive(Debug, Clone)]
enum Op {
    Insert(Shape),
    Update(usize, Shape),
    Remove(usize),
    Pop,
    /// Seconds to move `now` forward.
    Wait(i64),
    /// Switch the live queue to another policy (`Queue::set_policy`): one of `policies()`.
    SwitchPolicy(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => shape().prop_map(Op::Insert),
        2 => (any::<usize>(), shape()).prop_map(|(i, s)| Op::Update(i, s)),
        1 => any::<usize>().prop_map(Op::Remove),
        1 => Just(Op::Pop),
        3 => prop_oneof![
            Just(0i64), Just(1), 1i64..120, 60i64..3600, Just(900), Just(3600 * 5),
            // Past SLA targets and the default maximum wait of two days.
            Just(86_400 * 2 + 1),
        ].prop_map(Op::Wait),
        1 => (0usize..3).prop_map(Op::SwitchPolicy),
    ]
}

/// The policies a queue switches between: the default, office hours, and one that reads
/// history with another burst window and weighs waiting, complaints and self-urgency
/// differently.
fn policies() -> [Policy; 3] {
    [
        Policy::default(),
        office_hours(),
        Policy::from_json(
            r#"{"history": {"burst_window": "20m"}, "max_wait": "3h",
               "weights": {"waiting_per_hour": 3.0, "complaint": 4.0},
               "self_urgent": {"min_requests": 2, "share": 0.5, "factor": 0.25}}"#,
        )
        .unwrap(),
    ]
}

/// The batch ranking of the queue's requests at `now`: ids and assessments in order.
fn batch(ranker: &Ranker, queue: &Queue, now: OffsetDateTime) -> Vec<(String, Assessment)> {
    let requests = queue.state().requests;
    let texts: Vec<_> = requests.iter().map(|r| ranker.score(r)).collect();
    ranker
        .rank_scored(&requests, &texts, now)
        .into_iter()
        .map(|r| (requests[r.index].id().as_str().to_owned(), r.assessment))
        .collect()
}

fn incremental(queue: &mut Queue, now: OffsetDateTime) -> Vec<(String, Assessment)> {
    queue
        .ranked(now)
        .into_iter()
        .map(|(r, a)| (r.id().as_str().to_owned(), a))
        .collect()
}

fn run(policy: Policy, ops: Vec<Op>, start: i64) -> std::result::Result<(), TestCaseError> {
    let mut ranker = Ranker::new(policy);
    let mut queue = Queue::new(ranker.clone());
    let mut now = T0 + Duration::seconds(start);
    let mut next_id = 0usize;
    let mut ids: Vec<String> = Vec::new();
    for op in ops {
        match op {
            Op::Insert(s) => {
                let id = format!("req-{next_id}");
                next_id += 1;
                queue.insert(build(&id, &s), now).unwrap();
                ids.push(id);
            }
            Op::Update(i, s) if !ids.is_empty() => {
                let id = &ids[i % ids.len()];
                queue.update(build(id, &s), now).unwrap();
            }
            Op::Remove(i) if !ids.is_empty() => {
                let id = ids.remove(i % ids.len());
                let removed = queue.remove(&RequestId::new(&id).unwrap());
                prop_assert_eq!(removed.map(|r| r.id().as_str().to_owned()), Some(id));
            }
            Op::Pop => {
                let expected = batch(&ranker, &queue, now).into_iter().next();
                let got = queue.pop(now).map(|(r, a)| (r.id().as_str().to_owned(), a));
                prop_assert_eq!(&got, &expected);
                if let Some((id, _)) = got {
                    ids.retain(|x| *x != id);
                }
            }
            Op::Wait(secs) => now += Duration::seconds(secs),
            Op::SwitchPolicy(k) => {
                let policy = policies()[k].clone();
                ranker = Ranker::new(policy.clone());
                queue.set_policy(policy);
            }
            _ => {}
        }
        prop_assert_eq!(queue.len(), ids.len());
        let expected = batch(&ranker, &queue, now);
        let got = incremental(&mut queue, now);
        prop_assert_eq!(got, expected, "at {}", now);
    }
    Ok(())
}

fn office_hours() -> Policy {
    Policy::from_json(
        r#"{"business_hours": {"utc_offset": "+01:00", "weekly": {
            "mon": ["09:00-12:30", "13:30-17:00"], "tue": ["09:00-17:00"], "wed": ["09:00-17:00"],
            "thu": ["09:00-17:00"], "fri": ["09:00-16:00"]}},
           "off_hours_wait": 0.5, "max_wait": "1d"}"#,
    )
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn queue_agrees_with_batch_ranking(ops in proptest::collection::vec(op(), 1..40), start in 0i64..8 * 3600) {
        run(Policy::default(), ops, start)?;
    }

    #[test]
    fn queue_agrees_with_batch_ranking_in_business_hours(
        ops in proptest::collection::vec(op(), 1..40),
        start in 0i64..7 * 86_400,
    ) {
        run(office_hours(), ops, start)?;
    }
}

// ---- named stories ----

fn simple(id: &str, who: usize, at: OffsetDateTime, text: &str) -> RequestBuilder {
    Request::builder(
        RequestId::new(id).unwrap(),
        customer(who),
        Channel::Email,
        at,
    )
    .text(text)
}

fn pop_all(queue: &mut Queue, now: OffsetDateTime) -> Vec<String> {
    std::iter::from_fn(|| queue.pop(now).map(|(r, _)| r.id().as_str().to_owned())).collect()
}

fn sample() -> Vec<Request> {
    vec![
        simple("req-a", 0, T0, "Could you send me the brochure?")
            .build()
            .unwrap(),
        simple(
            "req-b",
            1,
            T0 + Duration::minutes(5),
            "I'm locked out and can't log in, urgent",
        )
        .build()
        .unwrap(),
        simple(
            "req-c",
            2,
            T0 + Duration::minutes(1),
            "Where is my refund? Charged twice.",
        )
        .build()
        .unwrap(),
        simple("req-d", 3, T0, "Just a question about invoices")
            .status(Status::WaitingOnCustomer)
            .build()
            .unwrap(),
        simple("req-e", 0, T0, "All done")
            .status(Status::Resolved)
            .build()
            .unwrap(),
        simple("req-f", 1, T0 + Duration::hours(3), "Later message")
            .build()
            .unwrap(),
    ]
}

#[test]
fn pops_in_the_batch_order_and_skips_resolved_and_future_requests() {
    let ranker = Ranker::default();
    let requests = sample();
    let now = T0 + Duration::minutes(30);
    let expected: Vec<String> = ranker
        .rank(&requests, now)
        .ranked()
        .iter()
        .map(|r| requests[r.index].id().as_str().to_owned())
        .collect();
    assert_eq!(
        expected.len(),
        4,
        "resolved and future requests are not ranked"
    );
    let mut queue = Queue::new(ranker);
    for r in requests {
        queue.insert(r, T0).unwrap();
    }
    assert_eq!(queue.len(), 6);
    assert_eq!(
        queue.peek(now).map(|(r, _)| r.id().as_str().to_owned()),
        expected.first().cloned()
    );
    assert_eq!(pop_all(&mut queue, now), expected);
    assert_eq!(queue.len(), 2, "resolved and future requests stay held");
    // The future request becomes rankable at its arrival, the resolved one never.
    let later = T0 + Duration::hours(3);
    assert_eq!(pop_all(&mut queue, later), ["req-f"]);
    assert!(queue.pop(later + Duration::days(30)).is_none());
    assert!(queue.get(&RequestId::new("req-e").unwrap()).is_some());
}

#[test]
fn update_lifts_a_request_whose_customer_called_again() {
    let mut queue = Queue::new(Ranker::default());
    let who = customer(0);
    let first = simple("req-1", 0, T0, "My parcel has not arrived")
        .build()
        .unwrap();
    let second = simple("req-2", 1, T0, "My parcel has not arrived")
        .build()
        .unwrap();
    queue.insert(first.clone(), T0).unwrap();
    queue.insert(second, T0).unwrap();
    let now = T0 + Duration::minutes(20);
    let before: Vec<_> = queue
        .ranked(now)
        .into_iter()
        .map(|(r, a)| (r.id().clone(), a.priority))
        .collect();
    assert_eq!(
        before[0].0.as_str(),
        "req-2",
        "equal words: the silver customer comes first"
    );
    let called = Request::builder(first.id().clone(), who.clone(), Channel::Email, T0)
        .text("My parcel has not arrived")
        .event(ContactEvent::new(
            who.id().clone(),
            now,
            Channel::Phone,
            Direction::Inbound,
            EventKind::Call {
                outcome: CallOutcome::Missed,
            },
        ))
        .build()
        .unwrap();
    queue.update(called, now).unwrap();
    let (top, a) = queue.peek(now).unwrap();
    assert_eq!(top.id().as_str(), "req-1");
    assert!(a.priority > before[0].1, "{} > {}", a.priority, before[0].1);
    assert_eq!(queue.len(), 2);
}

#[test]
fn remove_takes_a_request_out_wherever_it_stands() {
    let mut queue = Queue::new(Ranker::default());
    for r in sample() {
        queue.insert(r, T0).unwrap();
    }
    let now = T0 + Duration::minutes(30);
    let order: Vec<String> = queue
        .ranked(now)
        .iter()
        .map(|(r, _)| r.id().as_str().to_owned())
        .collect();
    let middle = RequestId::new(order[1].as_str()).unwrap();
    assert_eq!(
        queue.remove(&middle).map(|r| r.id().clone()),
        Some(middle.clone())
    );
    assert!(queue.remove(&middle).is_none());
    assert!(queue.get(&middle).is_none());
    let mut rest = order.clone();
    rest.remove(1);
    assert_eq!(pop_all(&mut queue, now), rest);
    // Held but not ranked requests can be removed too.
    assert!(queue.remove(&RequestId::new("req-e").unwrap()).is_some());
    assert_eq!(queue.len(), 1);
}

#[test]
fn duplicate_insert_and_unknown_update_are_typed_errors() {
    let mut queue = Queue::new(Ranker::default());
    for r in sample() {
        queue.insert(r, T0).unwrap();
    }
    let again = simple("req-c", 2, T0, "again").build().unwrap();
    let err = queue.insert(again, T0).unwrap_err();
    assert_eq!(
        err.kind(),
        &ErrorKind::DuplicateRequestId {
            request: "req-c".into(),
            first: 2,
            second: 6
        }
    );
    assert_eq!(queue.len(), 6, "the queue is unchanged");
    let unknown = simple("req-zz", 2, T0, "who?").build().unwrap();
    let err = queue.update(unknown, T0).unwrap_err();
    assert!(
        matches!(
            err.kind(),
            ErrorKind::InvalidValue { field, .. } if field == "request id"
        ),
        "{err}"
    );
    assert!(err.to_string().contains("req-zz"), "{err}");
}

#[test]
fn a_restored_queue_pops_the_same_order() {
    let ranker = Ranker::default();
    let mut queue = Queue::new(ranker.clone());
    let mut shapes = proptest::test_runner::TestRunner::deterministic();
    for i in 0..60 {
        let s = shape().new_tree(&mut shapes).unwrap().current();
        queue
            .insert(build(&format!("req-{i}"), &s), T0 + Duration::hours(1))
            .unwrap();
    }
    let json = serde_json::to_string(&queue.state()).unwrap();
    let state: QueueState = serde_json::from_str(&json).unwrap();
    assert_eq!(state, queue.state());
    let mut restored = Queue::restore(ranker, state).unwrap();
    assert_eq!(restored.len(), queue.len());
    let now = T0 + Duration::hours(5);
    let a: Vec<_> = std::iter::from_fn(|| queue.pop(now)).collect();
    let b: Vec<_> = std::iter::from_fn(|| restored.pop(now)).collect();
    assert!(a.len() > 20, "{}", a.len());
    assert_eq!(a, b);
}

#[test]
fn restoring_a_state_with_a_duplicate_id_fails() {
    let r = simple("req-1", 0, T0, "hi").build().unwrap();
    let state = QueueState::new(vec![
        r.clone(),
        simple("req-2", 0, T0, "x").build().unwrap(),
        r,
    ]);
    let err = Queue::restore(Ranker::default(), state).unwrap_err();
    assert_eq!(
        err.kind(),
        &ErrorKind::DuplicateRequestId {
            request: "req-1".into(),
            first: 0,
            second: 2
        }
    );
}

#[test]
fn now_going_backwards_re_keys_everything() {
    let ranker = Ranker::default();
    let mut queue = Queue::new(ranker.clone());
    let requests = sample();
    for r in requests.iter().cloned() {
        queue.insert(r, T0 + Duration::days(3)).unwrap();
    }
    for now in [
        T0 + Duration::days(3),
        T0 + Duration::minutes(2),
        T0 - Duration::hours(1),
        T0 + Duration::hours(4),
    ] {
        assert_eq!(
            incremental(&mut queue, now),
            batch(&ranker, &queue, now),
            "at {now}"
        );
    }
}

#[test]
fn a_promise_falling_due_exactly_at_a_call_still_breaks_afterwards() {
    let ranker = Ranker::default();
    let who = customer(0);
    let due = T0 + Duration::minutes(30);
    let promised = simple("req-1", 0, T0, "Where is my parcel?")
        .event(ContactEvent::new(
            who.id().clone(),
            T0 + Duration::minutes(1),
            Channel::Email,
            Direction::Outbound,
            EventKind::Promise { due_at: due },
        ))
        .build()
        .unwrap();
    let other = simple("req-2", 3, T0, "Where is my parcel?")
        .build()
        .unwrap();
    let mut queue = Queue::new(ranker.clone());
    queue.insert(promised, T0).unwrap();
    queue.insert(other, T0).unwrap();
    for now in [due, due + Duration::seconds(1)] {
        assert_eq!(
            incremental(&mut queue, now),
            batch(&ranker, &queue, now),
            "at {now}"
        );
    }
    assert_eq!(
        queue
            .peek(due + Duration::seconds(1))
            .unwrap()
            .0
            .id()
            .as_str(),
        "req-1"
    );
}

#[test]
fn the_maximum_wait_counts_from_a_sub_second_arrival() {
    let policy = Policy::from_json(r#"{"max_wait": "1h"}"#).unwrap();
    let ranker = Ranker::new(policy);
    let at = T0 + Duration::milliseconds(700);
    let mut queue = Queue::new(ranker.clone());
    queue
        .insert(simple("req-1", 0, at, "hello").build().unwrap(), at)
        .unwrap();
    // Arrived 300 ms later, but a whole second later on the waiting clock.
    let later = T0 + Duration::seconds(1);
    queue
        .insert(
            simple("req-2", 3, later, "URGENT locked out, refund asap")
                .build()
                .unwrap(),
            later,
        )
        .unwrap();
    for now in [
        T0 + Duration::minutes(59),
        T0 + Duration::hours(1),
        T0 + Duration::hours(1) + Duration::milliseconds(800),
    ] {
        assert_eq!(
            incremental(&mut queue, now),
            batch(&ranker, &queue, now),
            "at {now}"
        );
    }
    assert_eq!(
        queue.peek(T0 + Duration::hours(1)).unwrap().0.id().as_str(),
        "req-1"
    );
}

#[test]
fn the_self_urgent_discount_follows_the_customers_open_requests() {
    let ranker = Ranker::default();
    let mut queue = Queue::new(ranker.clone());
    let shout = "URGENT!!! urgent, answer immediately";
    for i in 0..3 {
        queue
            .insert(
                simple(&format!("req-{i}"), 0, T0, shout).build().unwrap(),
                T0,
            )
            .unwrap();
    }
    queue
        .insert(simple("req-x", 1, T0, shout).build().unwrap(), T0)
        .unwrap();
    let now = T0 + Duration::minutes(10);
    let ranked = incremental(&mut queue, now);
    assert_eq!(ranked, batch(&ranker, &queue, now));
    assert_eq!(
        ranked[0].0, "req-x",
        "one urgent request of a customer is not a habit"
    );
    // Resolving one of the three ends the habit: the others lose their discount.
    let resolved = simple("req-1", 0, T0, shout)
        .status(Status::Resolved)
        .build()
        .unwrap();
    queue.update(resolved, now).unwrap();
    assert_eq!(incremental(&mut queue, now), batch(&ranker, &queue, now));
    assert!(queue.pop(now).is_some());
    assert_eq!(incremental(&mut queue, now), batch(&ranker, &queue, now));
}

#[test]
fn a_queue_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Queue>();
    check::<QueueState>();
}

/// A long service day on a small queue: thousands of updates and waits leave many superseded
/// breakpoints behind (the queue sweeps them once they outnumber the current ones by more
/// than a thousand) and reuse freed slots many times; the order still matches the batch
/// ranking throughout.
#[test]
fn a_long_day_of_updates_keeps_the_queue_in_batch_order() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let ops: Vec<Op> = (0..6_000)
        .map(|i| {
            let s = shape().new_tree(&mut runner).unwrap().current();
            match i % 6 {
                0 => Op::Insert(s),
                1 | 2 | 4 => Op::Update(i * 7, s),
                3 => Op::Wait((i % 50) as i64 * 7),
                _ if i % 12 == 5 => Op::Pop,
                _ => Op::Remove(i * 3),
            }
        })
        .collect();
    // Compare after every operation only near the end: the batch ranking is the slow part.
    let (warm, checked) = ops.split_at(5_800);
    let ranker = Ranker::default();
    let mut queue = Queue::new(ranker.clone());
    let mut now = T0;
    let mut ids: Vec<String> = Vec::new();
    for (n, op) in warm.iter().chain(checked).enumerate() {
        match op {
            Op::Insert(s) => {
                let id = format!("req-{n}");
                queue.insert(build(&id, s), now).unwrap();
                ids.push(id);
            }
            Op::Update(i, s) if !ids.is_empty() => {
                let id = &ids[i % ids.len()];
                queue.update(build(id, s), now).unwrap();
            }
            Op::Remove(i) if ids.len() > 40 => {
                let id = ids.remove(i % ids.len());
                assert!(queue.remove(&RequestId::new(&id).unwrap()).is_some());
            }
            Op::Pop => {
                let expected = batch(&ranker, &queue, now).into_iter().next();
                let got = queue.pop(now).map(|(r, a)| (r.id().as_str().to_owned(), a));
                assert_eq!(got, expected);
                if let Some((id, _)) = got {
                    ids.retain(|x| *x != id);
                }
            }
            Op::Wait(secs) => now += Duration::seconds(*secs),
            _ => {}
        }
        assert_eq!(queue.len(), ids.len());
        if n >= warm.len() || n % 500 == 0 {
            assert_eq!(
                incremental(&mut queue, now),
                batch(&ranker, &queue, now),
                "op {n}"
            );
        }
    }
}
