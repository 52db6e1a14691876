//! Invariants of a request's priority and of batch ranking, on random requests.

use proptest::prelude::*;
use realboss::Policy;
use realboss::model::*;
use realboss::policy::HistoryConfig;
use realboss::policy::HumanDuration;
use realboss::priority::history::history_signals;
use realboss::priority::{Band, DeadlineKind, ReasonKind, ScoredText, assess};
use realboss::ranking::Ranker;
use realboss::{Analyzer, AnalyzerConfig};
use time::macros::{date, datetime};
use time::{Duration, OffsetDateTime};

const TEXTS: [&str; 11] = [
    "",
    "Where can I find my invoice?",
    "URGENT I'm locked out and can't log in!!",
    "I was charged twice, please refund me today",
    "Thanks, all sorted!",
    "My parcel never arrived and nobody answers. I will cancel.",
    "No rush, whenever you get a chance.",
    "Any update on this?",
    "oh it turned up, all fine now, thanks!",
    "Thanks, but still nothing",
    "No rush, whenever you can — could you tell me how to export my invoices?",
];

const START: OffsetDateTime = datetime!(2026-11-20 08:00 UTC);

fn kind_of(code: u8, minute: i64) -> (Direction, EventKind) {
    match code % 9 {
        0 => (Direction::Inbound, EventKind::FollowUp),
        1 => (
            Direction::Inbound,
            EventKind::Call {
                outcome: CallOutcome::Missed,
            },
        ),
        2 => (Direction::Outbound, EventKind::Reply),
        3 => (
            Direction::Outbound,
            EventKind::Promise {
                due_at: START + Duration::minutes(minute + 30),
            },
        ),
        4 => (
            Direction::Inbound,
            EventKind::PaymentAttempt {
                outcome: PaymentOutcome::Failed,
                method: None,
                amount: None,
            },
        ),
        5 => (Direction::Inbound, EventKind::Inquiry),
        6 => (
            Direction::Inbound,
            EventKind::Call {
                outcome: CallOutcome::Answered,
            },
        ),
        7 => (
            Direction::Outbound,
            EventKind::Call {
                outcome: CallOutcome::Answered,
            },
        ),
        _ => (Direction::Inbound, EventKind::Complaint),
    }
}

prop_compose! {
    fn a_request(id: usize)(
        tier in 0u8..4,
        value in 0.0f64..200_000.0,
        customer in 0u8..4,
        channel in 0u8..4,
        arrival in 0i64..5000,
        text in 1usize..TEXTS.len(),
        status in 0u8..5,
        internal in any::<bool>(),
        level in proptest::option::of(0u8..4),
        events in proptest::collection::vec((0i64..4000, any::<u8>(), 0usize..TEXTS.len()), 0..6),
    ) -> Request {
        let tier = [Tier::Standard, Tier::Silver, Tier::Gold, Tier::Platinum][tier as usize];
        let profile = CustomerProfile::builder(CustomerId::new(format!("cus-{customer}")).unwrap()).tier(tier).lifetime_value(Money::new(value, "EUR".parse().unwrap()).unwrap()).customer_since(date!(2020 - 01 - 01)).build().unwrap();
        let channel = [Channel::Email, Channel::Chat, Channel::Phone, Channel::WebForm][channel as usize].clone();
        let at = START + Duration::minutes(arrival);
        let mut b = Request::builder(RequestId::new(format!("req-{id}")).unwrap(), profile.clone(), channel.clone(), at)
            .text(TEXTS[text]);
        for (minute, code, text) in events {
            let (direction, kind) = kind_of(code, arrival + minute);
            let mut e = ContactEvent::new(profile.id().clone(), at + Duration::minutes(minute), channel.clone(), direction, kind);
            if !TEXTS[text].is_empty() {
                e = e.with_text(TEXTS[text]);
            }
            b = b.event(e);
        }
        if status < 3 {
            b = b.status([Status::Open, Status::WaitingOnUs, Status::WaitingOnCustomer][status as usize]);
        }
        if let Some(l) = level {
            b = b.priority([Level::Low, Level::Normal, Level::High, Level::Urgent][l as usize]);
        }
        if internal {
            b = b.requester(Requester::Internal { name: None, role: None });
        }
        b.build().unwrap()
    }
}

fn requests() -> impl Strategy<Value = Vec<Request>> {
    (1usize..12).prop_flat_map(|n| (0..n).map(a_request).collect::<Vec<_>>())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// A text scored on arrival carries a digest of the history; assessing from it must give
    /// exactly what reading every event again gives, at any `now`, discounted or not.
    #[test]
    fn the_arrival_digest_gives_the_same_assessment_as_a_full_read(
        request in a_request(0), later in 0i64..20_000, discount in any::<bool>(),
    ) {
        let mut history = HistoryConfig::default();
        history.burst_window = HumanDuration::from_mins(3);
        let policy = Policy::builder().history(history).build().unwrap();
        let analyzer = Analyzer::new(AnalyzerConfig::default()).unwrap();
        let now = START + Duration::minutes(later);
        let digested = ScoredText::with_history(&analyzer, &request, policy.history());
        // Scored with another burst window: its digest does not apply, so events are read.
        let read_in_full = ScoredText::new(&analyzer, &request);
        prop_assert_eq!(
            assess(&policy, &request, &digested, now, discount),
            assess(&policy, &request, &read_in_full, now, discount)
        );
    }

    /// Assessment reads the history without evidence and takes thanks-only and closure flags
    /// from the scored texts; the wait and the deadline kind must match the history read in full.
    #[test]
    fn the_assessment_agrees_with_the_history_read_with_evidence(
        request in a_request(0), later in 0i64..20_000,
    ) {
        let policy = Policy::default();
        let ranker = Ranker::default();
        let now = START + Duration::minutes(later);
        let text = ranker.score(&request);
        let a = assess(&policy, &request, &text, now, false);
        let h = history_signals(&request, now, policy.history());
        // A standing closure (the customer reported it solved) leaves nothing waiting.
        let since = if request.status() == Status::WaitingOnCustomer || h.closure.is_some() {
            None
        } else {
            // The earlier of the first unanswered contact and the first broken promise.
            let broken = h.broken_promises.iter().map(|p| p.due_at).min();
            match (h.waiting_since, broken) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            }
        };
        prop_assert_eq!(a.waiting_since, since);
        if let (Some(since), Some(deadline)) = (since, a.next_breach) {
            let answered_before = request.events().iter().any(|e| {
                e.at() <= now && e.at() >= request.received_at() && e.at() <= since
                    && matches!((e.direction(), e.kind()),
                        (_, EventKind::Resolution)
                        | (Direction::Outbound, EventKind::Reply)
                        | (Direction::Outbound, EventKind::Call { outcome: CallOutcome::Answered }))
            });
            let expected = if answered_before { DeadlineKind::NextReply } else { DeadlineKind::FirstReply };
            prop_assert!(deadline.kind == expected || deadline.kind == DeadlineKind::DueAt,
                "deadline {:?}, expected {:?}", deadline.kind, expected);
        }
    }

    #[test]
    fn priorities_are_finite_and_reasons_add_up(requests in requests(), later in 0i64..20_000) {
        let ranker = Ranker::default();
        let now = START + Duration::minutes(later);
        let ranking = ranker.rank(&requests, now);
        for ranked in ranking.ranked() {
            let a = ranked.assessment;
            prop_assert!(a.priority.is_finite() && a.priority >= 0.0);
            prop_assert!((0.0..=1.0).contains(&a.urgency));
            let reasons = ranking.reasons(ranked);
            // No hidden base and no band offset: the priority is the sum of its reasons.
            let sum: f64 = reasons.iter().map(|r| r.weight).sum();
            prop_assert!((sum - a.priority).abs() < 1e-9 * a.priority.max(1.0),
                "priority {} but reasons give {sum}: {reasons:?}", a.priority);
            let kinds: Vec<ReasonKind> = reasons.iter().map(|r| r.kind).collect();
            prop_assert_eq!(a.band == Band::MaxWait, kinds.contains(&ReasonKind::MaxWait));
            // The band reason is listed, and fits the band.
            prop_assert!(kinds.contains(&a.band_reason), "{:?} not in {kinds:?}", a.band_reason);
            let fits = match a.band {
                Band::MaxWait => a.band_reason == ReasonKind::MaxWait,
                Band::Waiting => a.band_reason == ReasonKind::Waiting,
                _ => [ReasonKind::WaitingOnCustomer, ReasonKind::NothingWaiting,
                    ReasonKind::CustomerReportsResolved].contains(&a.band_reason),
            };
            prop_assert!(fits, "{:?} in {:?}", a.band_reason, a.band);
            // Sorted by absolute weight, largest first, ties by kind name.
            for pair in reasons.windows(2) {
                let (x, y) = (&pair[0], &pair[1]);
                prop_assert!(x.weight.abs() > y.weight.abs()
                    || (x.weight.abs() == y.weight.abs() && x.kind.as_str() < y.kind.as_str()),
                    "{x:?} before {y:?}");
            }
            prop_assert_eq!(a.band != Band::NotWaiting, a.next_breach.is_some());
        }
    }

    #[test]
    fn ranking_is_a_stable_permutation(requests in requests(), later in 0i64..20_000) {
        let ranker = Ranker::default();
        let now = START + Duration::minutes(later);
        let first = ranker.rank(&requests, now);
        let again = ranker.rank(&requests, now);
        let ids = |r: &realboss::Ranking| r.ranked().iter().map(|x| x.index).collect::<Vec<_>>();
        prop_assert_eq!(ids(&first), ids(&again));
        let mut all: Vec<usize> = ids(&first);
        all.extend(first.skipped().iter().map(|s| s.index));
        all.sort_unstable();
        prop_assert_eq!(all, (0..requests.len()).collect::<Vec<_>>());
        for (i, r) in first.ranked().iter().enumerate() {
            prop_assert_eq!(r.rank, i + 1);
        }
        // Reversing the input changes nothing but the input positions of true duplicates.
        let reversed: Vec<Request> = requests.iter().rev().cloned().collect();
        let back = ranker.rank(&reversed, now);
        let order = |rs: &[Request], r: &realboss::Ranking| r.ranked().iter()
            .map(|x| rs[x.index].id().as_str().to_owned()).collect::<Vec<_>>();
        prop_assert_eq!(order(&requests, &first), order(&reversed, &back));
    }

    #[test]
    fn a_longer_wait_never_lowers_priority(request in a_request(0), t in 0i64..20_000, more in 1i64..5000) {
        let ranker = Ranker::default();
        let requests = [request];
        let at = |m: i64| ranker.rank(&requests, START + Duration::minutes(m));
        let (early, late) = (at(t), at(t + more));
        if let (Some(a), Some(b)) = (early.ranked().first(), late.ranked().first()) {
            // Only time passes: no event lies between the two moments.
            let quiet = requests[0].events().iter().all(|e| {
                let at = e.at();
                let due = match e.kind() { EventKind::Promise { due_at } => *due_at, _ => at };
                (at <= START + Duration::minutes(t) || at > START + Duration::minutes(t + more))
                    && (due <= START + Duration::minutes(t) || due > START + Duration::minutes(t + more))
            });
            if quiet {
                prop_assert!(b.assessment.priority >= a.assessment.priority,
                    "{} then {}", a.assessment.priority, b.assessment.priority);
            }
        }
    }

    #[test]
    fn order_between_breakpoints_does_not_change_with_time(requests in requests(), t in 0i64..10_000, more in 1i64..600) {
        // With a one-hour max wait far away and no events in between, two requests keep their
        // relative order as time passes: the ordering key is time-invariant.
        let policy = Policy::default();
        let ranker = Ranker::new(policy);
        let t1 = START + Duration::minutes(t);
        let t2 = t1 + Duration::minutes(more);
        let breakpoints = |r: &Request| {
            let r1 = ranker.rank(std::slice::from_ref(r), t1);
            let r2 = ranker.rank(std::slice::from_ref(r), t2);
            match (r1.ranked().first(), r2.ranked().first()) {
                (Some(a), Some(b)) => a.assessment.band == b.assessment.band
                    && a.assessment.level == b.assessment.level
                    && a.assessment.next_breach.map(|d| d.breached()) == b.assessment.next_breach.map(|d| d.breached())
                    && r.events().iter().all(|e| e.at() <= t1 || e.at() > t2)
                    && r.events().iter().all(|e| match e.kind() { EventKind::Promise { due_at } => *due_at <= t1 || *due_at > t2, _ => true }),
                _ => false,
            }
        };
        let stable: Vec<Request> = requests.iter().filter(|r| breakpoints(r)).cloned().collect();
        let ids = |at| ranker.rank(&stable, at).ranked().iter().map(|x| x.index).collect::<Vec<_>>();
        prop_assert_eq!(ids(t1), ids(t2));
    }
}
