//! Invariants of insights: the order of items at one instant does not matter, NPS stays in
//! −100..=100, and no input makes it panic.

use proptest::prelude::*;
use realboss::insights::{Insights, InsightsConfig};
use realboss::model::{
    AgentId, CallOutcome, Channel, ContactEvent, CustomerId, Direction, EventKind, Feedback,
    Rating, RequestId,
};
use time::{Duration, OffsetDateTime};

/// Message texts, so that complaint topics are counted too.
const TEXTS: [&str; 4] = [
    "refund for the parcel",
    "courier lost the parcel",
    "invoice and refund",
    "",
];

#[derive(Debug, Clone)]
enum Item {
    Event(ContactEvent, Option<f64>),
    Feedback(Feedback, Option<f64>),
}

fn feed(config: InsightsConfig, items: &[Item]) -> Insights {
    let mut insights = Insights::new(config).unwrap();
    for item in items {
        match item {
            Item::Event(e, c) => insights.observe_event(e, *c),
            Item::Feedback(f, c) => insights.observe_feedback(f, *c),
        }
    }
    insights
}

fn kind(choice: u8, due: OffsetDateTime) -> EventKind {
    match choice % 8 {
        0 => EventKind::Inquiry,
        1 => EventKind::Complaint,
        2 => EventKind::FollowUp,
        3 => EventKind::Reply,
        4 => EventKind::Call {
            outcome: CallOutcome::Answered,
        },
        5 => EventKind::Promise { due_at: due },
        6 => EventKind::Resolution,
        _ => EventKind::Note,
    }
}

/// One item at `at`: an event of one of a few requests and agents, or a rated feedback.
fn item_at(at: OffsetDateTime) -> impl Strategy<Value = Item> {
    let score = prop::option::of(-1.0f64..=1.0);
    prop_oneof![
        3 => (0u8..8, any::<bool>(), 0u8..4, prop::option::of(0u8..3), score.clone(), 0i64..600, 0usize..4)
            .prop_map(move |(k, inbound, req, agent, compound, due_min, text)| {
                let direction = if inbound { Direction::Inbound } else { Direction::Outbound };
                let mut e = ContactEvent::new(
                    CustomerId::new("cus").unwrap(),
                    at,
                    Channel::Chat,
                    direction,
                    kind(k, at + Duration::minutes(due_min)),
                )
                .with_request(RequestId::new(format!("req-{req}")).unwrap())
                .with_text(TEXTS[text]);
                if let Some(a) = agent {
                    e = e.with_agent(AgentId::new(format!("agent-{a}")).unwrap());
                }
                Item::Event(e, compound)
            }),
        1 => (0u8..=10, 1u8..=5, any::<bool>(), score).prop_map(move |(nps, stars, use_nps, compound)| {
            let rating = if use_nps { Rating::nps(nps) } else { Rating::stars(stars) };
            let f = Feedback::new(CustomerId::new("cus").unwrap(), at, Channel::Email, "")
                .with_rating(rating.unwrap());
            Item::Feedback(f, compound)
        }),
    ]
}

/// Items at a handful of instants (many sharing one), in time order, plus a shuffle of each
/// group of equal instants.
fn timeline() -> impl Strategy<Value = (Vec<Item>, Vec<Item>)> {
    let base = time::macros::datetime!(2026-11-02 9:00 UTC);
    prop::collection::vec((0i64..12, any::<u64>()), 1..60)
        .prop_flat_map(move |mut slots| {
            slots.sort_by_key(|s| s.0);
            let items: Vec<_> = slots
                .iter()
                .map(|&(slot, key)| {
                    (
                        item_at(base + Duration::minutes(slot * 7)),
                        Just(slot),
                        Just(key),
                    )
                })
                .collect();
            items
        })
        .prop_map(|items| {
            let ordered: Vec<Item> = items.iter().map(|(i, _, _)| i.clone()).collect();
            let mut shuffled = items;
            // Same instants stay together and in time order; within one instant, any order.
            shuffled.sort_by_key(|&(_, slot, key)| (slot, key));
            (ordered, shuffled.into_iter().map(|(i, _, _)| i).collect())
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn items_at_one_instant_give_the_same_report_in_any_order((ordered, shuffled) in timeline()) {
        let config = InsightsConfig::default();
        let a = feed(config, &ordered).report();
        let b = feed(config, &shuffled).report();
        // Bit for bit, through the JSON form (which writes every f64 exactly).
        prop_assert_eq!(serde_json::to_string(&a).unwrap(), serde_json::to_string(&b).unwrap());
    }

    #[test]
    fn nps_stays_within_minus_100_and_100(answers in prop::collection::vec(0u8..=10, 0..300)) {
        let mut insights = Insights::new(InsightsConfig::default()).unwrap();
        let at = time::macros::datetime!(2026-11-02 9:00 UTC);
        for n in &answers {
            let f = Feedback::new(CustomerId::new("c").unwrap(), at, Channel::Email, "")
                .with_rating(Rating::nps(*n).unwrap());
            insights.observe_feedback(&f, None);
        }
        let nps = insights.report().nps;
        prop_assert_eq!(nps.count as usize, answers.len());
        match nps.score {
            None => prop_assert!(answers.is_empty()),
            Some(score) => prop_assert!((-100.0..=100.0).contains(&score), "{}", score),
        }
    }

    #[test]
    fn no_input_makes_it_panic(
        stamps in prop::collection::vec(
            (OffsetDateTime::new_utc(time::Date::MIN, time::Time::MIDNIGHT).unix_timestamp()
                ..=OffsetDateTime::new_utc(time::Date::MAX, time::Time::MIDNIGHT).unix_timestamp(),
             0u8..8, any::<bool>(), prop::option::of(any::<f64>()), any::<i64>()),
            0..40),
        window_mins in 1u32..=(366 * 24 * 60),
        max_windows in 1usize..4,
    ) {
        let mut config = InsightsConfig::default();
        config.trend_window = realboss::policy::HumanDuration::from_mins(window_mins);
        config.max_trend_windows = max_windows;
        config.max_open_requests = 2;
        config.max_agents = 1;
        let mut insights = Insights::new(config).unwrap();
        for (i, (ts, k, inbound, compound, due)) in stamps.into_iter().enumerate() {
            let at = OffsetDateTime::from_unix_timestamp(ts).unwrap();
            let due = OffsetDateTime::from_unix_timestamp(due % 253_402_300_799).unwrap_or(at);
            let direction = if inbound { Direction::Inbound } else { Direction::Outbound };
            let e = ContactEvent::new(CustomerId::new("c").unwrap(), at, Channel::Phone, direction, kind(k, due))
                .with_request(RequestId::new(format!("r{}", i % 3)).unwrap())
                .with_agent(AgentId::new(format!("a{}", i % 2)).unwrap());
            insights.observe_event(&e, compound);
            let f = Feedback::new(CustomerId::new("c").unwrap(), at, Channel::Email, "");
            insights.observe_feedback(&f, compound);
            let r = insights.report();
            prop_assert!(r.sentiment_trend.len() <= max_windows);
            for w in &r.sentiment_trend {
                prop_assert!((-1.0..=1.0).contains(&w.mean_compound));
            }
        }
    }
}
