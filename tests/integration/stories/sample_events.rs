//! The shipped sample history, `examples/data/events.jsonl`: every line reads, the ids hang
//! together, and each customer is who the examples and stories say they are.

use std::collections::{BTreeMap, BTreeSet};

use realboss::jsonl::{Record, read_records};
use realboss::model::{
    CallOutcome, Channel, ContactEvent, CustomerProfile, Direction, EventKind, Feedback, OptOut,
    PaymentMethod, PaymentOutcome,
};
use time::{Date, Month, OffsetDateTime};

const SAMPLE: &str = include_str!("../../../examples/data/events.jsonl");

struct Sample {
    customers: BTreeMap<String, CustomerProfile>,
    events: Vec<ContactEvent>,
    feedback: Vec<Feedback>,
}

impl Sample {
    fn events_of<'a>(&'a self, customer: &'a str) -> impl Iterator<Item = &'a ContactEvent> + 'a {
        self.events
            .iter()
            .filter(move |e| e.customer().as_str() == customer)
    }

    fn customer(&self, id: &str) -> &CustomerProfile {
        &self.customers[id]
    }

    fn last_time(&self) -> OffsetDateTime {
        let events = self.events.iter().map(ContactEvent::at);
        events
            .chain(self.feedback.iter().map(Feedback::at))
            .max()
            .unwrap()
    }
}

/// Reads the sample, failing on any bad line, a customer line after history, or history out of
/// time order.
fn sample() -> Sample {
    let mut sample = Sample {
        customers: BTreeMap::new(),
        events: Vec::new(),
        feedback: Vec::new(),
    };
    let mut last: Option<OffsetDateTime> = None;
    for (i, record) in read_records(SAMPLE.as_bytes()).enumerate() {
        let record = record.unwrap_or_else(|e| panic!("{e}"));
        let at = match record {
            Record::Customer(profile) => {
                assert!(last.is_none(), "line {}: customers come first", i + 1);
                let id = profile.id().as_str().to_owned();
                assert!(
                    sample.customers.insert(id, profile).is_none(),
                    "line {}",
                    i + 1
                );
                continue;
            }
            Record::Event(event) => {
                let at = event.at();
                sample.events.push(event);
                at
            }
            Record::Feedback(feedback) => {
                let at = feedback.at();
                sample.feedback.push(feedback);
                at
            }
            other => panic!("line {}: unexpected record {other:?}", i + 1),
        };
        assert!(
            last.is_none_or(|l| l <= at),
            "line {}: out of time order",
            i + 1
        );
        last = Some(at);
    }
    sample
}

#[test]
fn every_line_reads_and_the_history_is_several_months_long() {
    let s = sample();
    let lines = SAMPLE.lines().filter(|l| !l.trim().is_empty()).count();
    assert_eq!(lines, s.customers.len() + s.events.len() + s.feedback.len());
    assert!((300..=1_500).contains(&lines), "{lines} lines");
    assert!((8..=12).contains(&s.customers.len()));
    let first = s.events.first().unwrap().at();
    assert_eq!((first.year(), first.month()), (2026, Month::June));
    let last = s.last_time();
    assert_eq!((last.year(), last.month()), (2026, Month::November));
}

#[test]
fn ids_hang_together() {
    let s = sample();
    let mut owner = BTreeMap::new();
    let events = s
        .events
        .iter()
        .map(|e| (e.customer(), e.request(), e.agent()));
    let feedback = s
        .feedback
        .iter()
        .map(|f| (f.customer(), f.request(), f.agent()));
    let mut agents = BTreeSet::new();
    for (customer, request, agent) in events.chain(feedback) {
        assert!(s.customers.contains_key(customer.as_str()), "{customer:?}");
        if let Some(request) = request {
            let first = owner.entry(request.as_str()).or_insert(customer.as_str());
            assert_eq!(*first, customer.as_str(), "{request:?} has two customers");
        }
        agents.extend(agent.map(|a| a.as_str().to_owned()));
    }
    let expected: BTreeSet<_> = (1..=6).map(|n| format!("agent-{n:02}")).collect();
    assert_eq!(agents, expected);
    // Every customer has some history, and several time zones are represented.
    for id in s.customers.keys() {
        assert!(s.events_of(id).next().is_some(), "{id} has no events");
    }
    let offsets: BTreeSet<_> = s.customers.values().map(|c| c.utc_offset()).collect();
    assert!(offsets.len() >= 5, "{offsets:?}");
}

#[test]
fn feedback_carries_every_rating_scale() {
    let s = sample();
    let scales: BTreeSet<_> = s
        .feedback
        .iter()
        .filter_map(|f| f.rating())
        .map(|r| format!("{r:?}").split('(').next().unwrap().to_owned())
        .collect();
    for scale in ["Csat", "Stars", "Nps"] {
        assert!(scales.contains(scale), "{scales:?}");
    }
}

fn local_hour(profile: &CustomerProfile, at: OffsetDateTime) -> u8 {
    profile.local_time(at).unwrap().hour()
}

#[test]
fn lena_answers_our_calls_only_at_lunch() {
    let s = sample();
    let lena = s.customer("cus-101");
    assert_eq!(lena.preferred_channel(), Some(&Channel::Phone));
    let (mut answered, mut unanswered) = (0, 0);
    for e in s.events_of("cus-101") {
        if let EventKind::Call { outcome } = e.kind() {
            assert_eq!(e.direction(), Direction::Outbound);
            let lunch = local_hour(lena, e.at()) == 12;
            match outcome {
                CallOutcome::Answered => {
                    assert!(lunch, "{e:?}");
                    answered += 1;
                }
                _ => {
                    assert!(!lunch, "{e:?}");
                    unanswered += 1;
                }
            }
        }
    }
    assert!(answered >= 5 && unanswered >= 5, "{answered} {unanswered}");
}

#[test]
fn harold_is_never_called_and_prefers_email() {
    let s = sample();
    let harold = s.customer("cus-102");
    assert!(harold.has_opt_out(OptOut::DoNotCall));
    assert_eq!(harold.preferred_channel(), Some(&Channel::Email));
    assert!(
        s.events_of("cus-102")
            .all(|e| e.channel() == &Channel::Email)
    );
    assert!(s.events_of("cus-102").count() >= 10);
}

#[test]
fn priya_declared_phone_but_lives_on_chat() {
    let s = sample();
    assert_eq!(
        s.customer("cus-103").preferred_channel(),
        Some(&Channel::Phone)
    );
    let inbound: Vec<_> = s
        .events_of("cus-103")
        .filter(|e| e.direction() == Direction::Inbound)
        .collect();
    assert!(inbound.len() >= 10);
    assert!(inbound.iter().all(|e| e.channel() == &Channel::Chat));
    let calls: Vec<_> = s
        .events_of("cus-103")
        .filter_map(|e| match e.kind() {
            EventKind::Call { outcome } => Some(*outcome),
            _ => None,
        })
        .collect();
    assert!(!calls.is_empty());
    assert!(calls.iter().all(|o| *o != CallOutcome::Answered));
}

#[test]
fn margaret_is_a_long_standing_customer_with_many_orders_who_writes_formally() {
    let s = sample();
    let margaret = s.customer("cus-104");
    assert!(
        margaret.customer_since().unwrap()
            <= Date::from_calendar_date(2016, Month::January, 1).unwrap()
    );
    let purchases = s
        .events_of("cus-104")
        .filter(|e| matches!(e.kind(), EventKind::Purchase { .. }))
        .count();
    assert!(purchases >= 30, "{purchases}");
    let letters: Vec<_> = s
        .events_of("cus-104")
        .filter(|e| e.direction() == Direction::Inbound)
        .filter_map(ContactEvent::text)
        .collect();
    assert!(!letters.is_empty());
    assert!(
        letters
            .iter()
            .all(|t| t.contains("Dear") || t.contains("Good afternoon"))
    );
}

#[test]
fn tomasz_paid_by_paypal_until_his_card_failed() {
    let s = sample();
    let payments: Vec<_> = s
        .events_of("cus-105")
        .filter_map(|e| match e.kind() {
            EventKind::PaymentAttempt {
                outcome, method, ..
            } => Some((*outcome, method.clone())),
            _ => None,
        })
        .collect();
    let (last, earlier) = payments.split_last().unwrap();
    assert_eq!(last, &(PaymentOutcome::Failed, Some(PaymentMethod::Card)));
    assert!(earlier.len() >= 2);
    assert!(
        earlier
            .iter()
            .all(|p| p == &(PaymentOutcome::Succeeded, Some(PaymentMethod::Paypal)))
    );
}

#[test]
fn daniel_complains_more_each_month_and_talks_of_leaving() {
    let s = sample();
    let complaints_in = |months: &[Month]| {
        s.events_of("cus-106")
            .filter(|e| {
                matches!(e.kind(), EventKind::Complaint) && months.contains(&e.at().month())
            })
            .count()
    };
    assert_eq!(complaints_in(&[Month::June, Month::July]), 0);
    assert!(complaints_in(&[Month::October, Month::November]) >= 3);
    let last_complaint = s
        .events_of("cus-106")
        .filter(|e| matches!(e.kind(), EventKind::Complaint))
        .last()
        .unwrap();
    let text = last_complaint.text().unwrap();
    assert!(
        text.contains("cancelling") && text.contains("switching"),
        "{text}"
    );
    let ratings: Vec<f64> = s
        .feedback
        .iter()
        .filter(|f| f.customer().as_str() == "cus-106")
        .filter_map(|f| f.rating().map(|r| r.normalized()))
        .collect();
    assert!(ratings.len() >= 4, "{ratings:?}");
    assert!(ratings.first() > ratings.last(), "{ratings:?}");
}

#[test]
fn aiko_is_owed_an_overdue_promise() {
    let s = sample();
    let promise = s
        .events_of("cus-109")
        .filter(|e| matches!(e.kind(), EventKind::Promise { .. }))
        .last()
        .unwrap();
    let EventKind::Promise { due_at } = promise.kind() else {
        unreachable!()
    };
    assert!(*due_at < s.last_time());
    let request = promise.request().unwrap();
    let answered_since = s.events_of("cus-109").any(|e| {
        e.request() == Some(request)
            && e.direction() == Direction::Outbound
            && e.at() > promise.at()
    });
    assert!(!answered_since, "the promise on {request:?} was answered");
    let chases = s
        .events_of("cus-109")
        .filter(|e| e.request() == Some(request) && matches!(e.kind(), EventKind::FollowUp))
        .count();
    assert!(chases >= 2);
}

#[test]
fn jake_writes_casually_and_sofia_in_spanish() {
    let s = sample();
    let jake: Vec<_> = s
        .events_of("cus-107")
        .filter(|e| e.direction() == Direction::Inbound)
        .filter_map(ContactEvent::text)
        .collect();
    assert!(jake.len() >= 5);
    let casual = ["hey", "yo", "thx", "lol", "omg", "pls", "hiya", "ugh", "u "];
    assert!(
        jake.iter().all(|t| casual.iter().any(|c| t.contains(c))),
        "{jake:?}"
    );
    assert_eq!(s.customer("cus-108").language().primary_language(), "es");
    assert!(s.events_of("cus-108").count() >= 10);
}

#[test]
fn noah_is_brand_new_with_almost_no_history() {
    let s = sample();
    let noah = s.customer("cus-110");
    assert!(
        noah.customer_since().unwrap()
            >= Date::from_calendar_date(2026, Month::November, 1).unwrap()
    );
    let n = s.events_of("cus-110").count();
    assert!((1..=2).contains(&n), "{n}");
}

#[test]
fn resolved_requests_have_nothing_after_their_resolution_and_two_stay_open() {
    let s = sample();
    let mut resolved_at = BTreeMap::new();
    for e in &s.events {
        let Some(request) = e.request() else { continue };
        if let Some(at) = resolved_at.get(request.as_str()) {
            panic!(
                "{request:?} has an event at {} after its resolution at {at}",
                e.at()
            );
        }
        if matches!(e.kind(), EventKind::Resolution) {
            resolved_at.insert(request.as_str(), e.at());
        }
    }
    let requests: BTreeSet<_> = s.events.iter().filter_map(|e| e.request()).collect();
    let open: Vec<_> = requests
        .iter()
        .filter(|r| !resolved_at.contains_key(r.as_str()))
        .map(|r| r.as_str())
        .collect();
    // Aiko's overdue promise and Noah's first question.
    assert_eq!(open.len(), 2, "{open:?}");
}
