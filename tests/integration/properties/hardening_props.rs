//! The invariants of issue 7 that the other property tests do not already hold (see
//! `sentiment_props`, `urgency_props`, `priority_props` and `queue_agrees` for the rest):
//! another inbound contact on a waiting request never lowers its rank; negating a clearly
//! positive phrase never raises its compound; an urgency cue put in front of a text never
//! lowers its urgency.

use proptest::prelude::*;
use realboss::model::*;
use realboss::priority::Band;
use realboss::ranking::Ranker;
use realboss::{Analyzer, AnalyzerConfig};
use time::macros::{date, datetime};
use time::{Duration, OffsetDateTime};

const START: OffsetDateTime = datetime!(2026-11-20 08:00 UTC);

/// Texts without any "urgent" label, so that a contact cannot flip the customer's
/// marks-everything-urgent habit (a documented discount that may lower a request on purpose).
const TEXTS: [&str; 8] = [
    "Where can I find my invoice?",
    "I'm locked out and can't log in",
    "I was charged twice, please refund me today",
    "Thanks for the quick reply",
    "My parcel never arrived and nobody answers. I will cancel.",
    "No rush, whenever you get a chance.",
    "Any update on this?",
    "Hello",
];

fn profile(customer: u8, tier: u8, value: f64) -> CustomerProfile {
    let tier = [Tier::Standard, Tier::Silver, Tier::Gold, Tier::Platinum][usize::from(tier % 4)];
    CustomerProfile::builder(CustomerId::new(format!("cus-{customer}")).unwrap())
        .tier(tier)
        .lifetime_value(Money::new(value, "EUR".parse().unwrap()).unwrap())
        .customer_since(date!(2020 - 01 - 01))
        .build()
        .unwrap()
}

/// An event of the generated histories, promises included.
fn event_of(who: &CustomerProfile, at: OffsetDateTime, code: u8, text: usize) -> ContactEvent {
    event_or_promise(who, at, code % 6, text)
}

fn event_or_promise(
    who: &CustomerProfile,
    at: OffsetDateTime,
    code: u8,
    text: usize,
) -> ContactEvent {
    let (direction, kind) = match code {
        0 => (Direction::Inbound, EventKind::FollowUp),
        1 => (
            Direction::Inbound,
            EventKind::Call {
                outcome: CallOutcome::Missed,
            },
        ),
        2 => (Direction::Outbound, EventKind::Reply),
        3 => (Direction::Inbound, EventKind::Inquiry),
        4 => (Direction::Inbound, EventKind::Complaint),
        _ => (
            Direction::Outbound,
            EventKind::Promise {
                due_at: at + Duration::minutes(30),
            },
        ),
    };
    let e = ContactEvent::new(who.id().clone(), at, Channel::Email, direction, kind);
    if direction == Direction::Inbound {
        e.with_text(TEXTS[text])
    } else {
        e
    }
}

prop_compose! {
    fn a_request(id: usize)(
        tier in 0u8..4,
        value in 0.0f64..50_000.0,
        customer in 0u8..5,
        arrival in 0i64..3000,
        text in 0usize..TEXTS.len(),
        status in 0u8..3,
        events in proptest::collection::vec((0i64..2000, any::<u8>(), 0usize..TEXTS.len()), 0..5),
    ) -> Request {
        let who = profile(customer, tier, value);
        let at = START + Duration::minutes(arrival);
        let mut b = Request::builder(RequestId::new(format!("req-{id}")).unwrap(), who.clone(),
                Channel::Email, at)
            .text(TEXTS[text])
            .status([Status::Open, Status::WaitingOnUs, Status::Open][usize::from(status)]);
        for (minute, code, text) in events {
            b = b.event(event_of(&who, at + Duration::minutes(minute), code, text));
        }
        b.build().unwrap()
    }
}

fn requests() -> impl Strategy<Value = Vec<Request>> {
    (2usize..10).prop_flat_map(|n| (0..n).map(a_request).collect::<Vec<_>>())
}

/// `request` with one more event.
fn with_event(request: &Request, event: ContactEvent) -> Request {
    let mut b = Request::builder(
        request.id().clone(),
        request.customer().clone(),
        request.channel().clone(),
        request.received_at(),
    )
    .events(request.events().iter().cloned())
    .event(event)
    .status(request.status())
    .requester(request.requester().clone());
    if let Some(text) = request.text() {
        b = b.text(text);
    }
    if let Some(due) = request.due_at() {
        b = b.due_at(due);
    }
    if let Some(level) = request.priority() {
        b = b.priority(level);
    }
    b.build().unwrap()
}

/// The 0-based place of input `index` in the ranking at `now`, if ranked.
fn place(
    ranker: &Ranker,
    requests: &[Request],
    index: usize,
    now: OffsetDateTime,
) -> Option<usize> {
    ranker
        .rank(requests, now)
        .ranked()
        .iter()
        .position(|r| r.index == index)
}

/// Clearly positive phrases (each scores a compound above 0.4 on its own; checked below).
const POSITIVE: &[&str] = &[
    "good",
    "great",
    "very helpful",
    "excellent",
    "really happy",
    "wonderful",
    "friendly",
    "extremely kind",
    "fantastic",
    "a pleasure",
    "quick and helpful",
    "perfect",
];

/// Sentences around the phrase: each ends its clause, so none reaches into the phrase's.
const CONTEXT: &[&str] = &[
    "I called yesterday.",
    "My order was late!",
    "Thanks.",
    "The refund came through :)",
    "Nobody answered my emails.",
    "It is not what I expected.",
    "Great app, terrible delivery.",
    "",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A customer waiting on us who gets in touch again never drops in the queue: another
    /// inbound contact adds a repeat contact and never takes points away.
    #[test]
    fn another_inbound_contact_on_a_waiting_request_never_lowers_its_rank(
        requests in requests(),
        pick in any::<prop::sample::Index>(),
        later in 0i64..600,
        contact in 0u8..3,
        text in 0usize..TEXTS.len(),
        wait in 0i64..3000,
    ) {
        let ranker = Ranker::default();
        let index = pick.index(requests.len());
        let last = requests[index]
            .events()
            .iter()
            .map(ContactEvent::at)
            .chain([requests[index].received_at()])
            .max()
            .unwrap();
        let at = last + Duration::minutes(later);
        let now = at + Duration::minutes(wait);
        let ranking = ranker.rank(&requests, now);
        let before = ranking.ranked().iter().position(|r| r.index == index);
        let Some(before) = before else { return Ok(()) };
        if ranking.ranked()[before].assessment.band == Band::NotWaiting {
            return Ok(());
        }
        let who = requests[index].customer().clone();
        let code = [0u8, 1, 3][usize::from(contact)];
        let mut again = requests.clone();
        again[index] = with_event(&requests[index], event_of(&who, at, code, text));
        let after = place(&ranker, &again, index, now);
        prop_assert!(after.is_some(), "still ranked");
        prop_assert!(after.unwrap() <= before, "place {} -> {:?}", before, after);
        let old = ranking.ranked()[before].assessment.priority;
        let new = ranker.rank(&again, now).ranked()[after.unwrap()].assessment.priority;
        prop_assert!(new >= old, "priority {} -> {}", old, new);
    }

    /// "not" before a clearly positive phrase never makes the text more positive, whatever
    /// surrounds it.
    #[test]
    fn negating_a_clearly_positive_phrase_never_raises_its_compound(
        phrase in prop::sample::select(POSITIVE),
        before in prop::sample::select(CONTEXT),
        after in prop::sample::select(CONTEXT),
        subject in prop::sample::select(&["The agent was", "It was", "Your support is", "That was"][..]),
        negation in prop::sample::select(&["not", "never", "wasn't", "not at all"][..]),
    ) {
        let a = Analyzer::new(AnalyzerConfig::default()).unwrap();
        let plain = format!("{before} {subject} {phrase}. {after}");
        let negated = format!("{before} {subject} {negation} {phrase}. {after}");
        let negated = negated.replace("was wasn't", "wasn't").replace("is wasn't", "isn't");
        let (p, n) = (a.sentiment(&plain).compound, a.sentiment(&negated).compound);
        prop_assert!(n <= p, "{plain:?} {p} < {negated:?} {n}");
    }

    /// An urgency cue in a sentence of its own in front of any text never lowers the text's
    /// urgency (appending one is `urgency_props`).
    #[test]
    fn a_cue_in_front_never_lowers_urgency(text in any::<String>(), cue in 0usize..4) {
        let a = Analyzer::new(AnalyzerConfig::default()).unwrap();
        let cue = ["I am locked out of my account.", "Please help!", "Any update?",
                   "I need it by 5pm."][cue];
        let before = a.urgency(&text);
        let after = a.urgency(&format!("{cue} {text}"));
        prop_assert!(after.score >= before.score, "{} -> {}", before.score, after.score);
        prop_assert!(after.score > 0.0);
    }
}

#[test]
fn the_positive_phrases_are_clearly_positive() {
    let a = Analyzer::new(AnalyzerConfig::default()).unwrap();
    for phrase in POSITIVE {
        let c = a.sentiment(phrase).compound;
        assert!(c > 0.4, "{phrase}: {c}");
    }
}

/// Found by `another_inbound_contact_on_a_waiting_request_never_lowers_its_rank`: we promised
/// an update by 00:37 and did not send it, so the customer has been waiting on us since 00:37;
/// when they write again at 08:16 the wait restarts at 08:16 and the request loses 7.65 hours
/// of waiting (priority 6.11 -> 4.20). The wait now runs from the broken promise.
#[test]
fn a_contact_after_a_broken_promise_keeps_the_wait() {
    let ranker = Ranker::default();
    let who = profile(0, 0, 0.0);
    let received = datetime!(2026-11-20 08:00 UTC);
    let promised = Request::builder(
        RequestId::new("req-1").unwrap(),
        who.clone(),
        Channel::Email,
        received,
    )
    .text(TEXTS[0])
    .event(event_or_promise(&who, received, 2, 0))
    .event(event_or_promise(
        &who,
        datetime!(2026-11-21 00:07 UTC),
        5,
        0,
    ))
    .build()
    .unwrap();
    let now = datetime!(2026-11-21 08:16 UTC);
    let before = ranker.rank(std::slice::from_ref(&promised), now).ranked()[0].assessment;
    assert_eq!(before.waiting_since, Some(datetime!(2026-11-21 00:37 UTC)));
    for code in [0, 1, 3] {
        let again = with_event(&promised, event_or_promise(&who, now, code, 6));
        let after = ranker.rank(std::slice::from_ref(&again), now).ranked()[0].assessment;
        assert!(
            after.priority >= before.priority,
            "contact {code}: priority {} -> {}",
            before.priority,
            after.priority
        );
        assert_eq!(after.waiting_since, before.waiting_since);
    }
}
