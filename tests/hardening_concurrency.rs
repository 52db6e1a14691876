//! One analyzer and one policy (one `Ranker`) shared by 8 threads give results bit-identical to
//! one thread: every message's sentiment, urgency and complaint, and the ranking of every batch
//! of requests.

use std::thread;

use realboss::model::*;
use realboss::ranking::Ranked;
use realboss::{Policy, Ranker, Signals};
use time::macros::{date, datetime};
use time::{Duration, OffsetDateTime};

/// Messages scored: 1,000,000 in an optimized build (`cargo test --release --test
/// hardening_concurrency`, a step of `.ci/run`), 100,000 in a debug build so that `cargo test
/// --workspace` stays quick.
const MESSAGES: usize = if cfg!(debug_assertions) {
    100_000
} else {
    1_000_000
};

/// Requests ranked, in batches of `BATCH`.
const REQUESTS: usize = if cfg!(debug_assertions) {
    4_000
} else {
    40_000
};
const BATCH: usize = 200;

const THREADS: usize = 8;

const PARTS: &[&str] = &[
    "Hi,",
    "my order #48213 never arrived",
    "and I was charged twice.",
    "Still waiting!!!",
    "The agent went above and beyond :)",
    "NOT happy.",
    "The app crashes and doesn't load",
    "support is too slow??",
    "Any update?",
    "I'm locked out of my account",
    "no rush, whenever you can",
    "thanks, all sorted 👍",
    "c'est très décevant",
    "Отлично",
    "please reply by 5pm",
    "not bad at all",
    "kind of ok I guess",
    "URGENT",
    "😡😡",
    "never again",
];

/// A deterministic message of 2–6 parts: the `i`-th of an endless varied stream.
fn message(i: usize) -> String {
    let mut x = (i as u64)
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    let parts = 2 + (x >> 60) as usize % 5;
    let mut text = String::new();
    for _ in 0..parts {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(PARTS[(x >> 33) as usize % PARTS.len()]);
    }
    text
}

/// Every number of a message's signals, as bits, folded into two words: the compound exactly,
/// and an FNV-1a digest of everything else (shares, urgency, complaint, level, cues,
/// coverage), so 1,000,000 results fit in 16 MB.
fn fingerprint(s: &Signals) -> [u64; 2] {
    let fields = [
        s.sentiment.positive.to_bits(),
        s.sentiment.neutral.to_bits(),
        s.sentiment.negative.to_bits(),
        s.sentiment.label as u64,
        s.sentiment.coverage.words as u64,
        s.sentiment.coverage.known as u64,
        s.urgency.score.to_bits(),
        s.urgency.unmarked_score.to_bits(),
        s.urgency.level as u64,
        u64::from(s.urgency.cues),
        u64::from(s.urgency.marked),
        s.complaint.score.to_bits(),
    ];
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for f in fields {
        for b in f.to_le_bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    [s.sentiment.compound.to_bits(), h]
}

fn requests() -> Vec<Request> {
    let t0 = datetime!(2026-11-23 08:00 UTC);
    let tiers = [Tier::Standard, Tier::Silver, Tier::Gold, Tier::Platinum];
    let customers: Vec<CustomerProfile> = (0..50)
        .map(|k| {
            CustomerProfile::builder(CustomerId::new(format!("cus-{k}")).unwrap())
                .tier(tiers[k % 4])
                .lifetime_value(Money::new((k * 97 % 5000) as f64, "EUR".parse().unwrap()).unwrap())
                .customer_since(date!(2020 - 01 - 01))
                .build()
                .unwrap()
        })
        .collect();
    (0..REQUESTS)
        .map(|i| {
            let who = &customers[i * 7 % customers.len()];
            let at = t0 + Duration::seconds((i * 37 % 20_000) as i64);
            let mut b = Request::builder(
                RequestId::new(format!("req-{i}")).unwrap(),
                who.clone(),
                [Channel::Email, Channel::Chat, Channel::Phone][i % 3].clone(),
                at,
            )
            .text(message(i));
            if i % 4 == 0 {
                b = b.event(
                    ContactEvent::new(
                        who.id().clone(),
                        at + Duration::minutes(5),
                        Channel::Phone,
                        Direction::Inbound,
                        EventKind::Call {
                            outcome: CallOutcome::Missed,
                        },
                    )
                    .with_text(message(i + 1)),
                );
            }
            b.build().unwrap()
        })
        .collect()
}

/// The priorities' bits and indices of a ranked batch.
fn ranked_bits(ranked: &[Ranked]) -> Vec<(usize, u64, u64)> {
    ranked
        .iter()
        .map(|r| {
            (
                r.index,
                r.assessment.priority.to_bits(),
                r.assessment.urgency.to_bits(),
            )
        })
        .collect()
}

#[test]
fn eight_threads_sharing_one_analyzer_and_policy_match_one_thread_bit_for_bit() {
    let policy = Policy::from_json(r#"{"max_wait": "1d", "off_hours_wait": 0.5}"#).unwrap();
    let ranker = Ranker::new(policy);
    let analyzer = ranker.analyzer();
    let now: OffsetDateTime = datetime!(2026-11-23 14:00 UTC);
    let requests = requests();

    // One thread.
    let alone: Vec<[u64; 2]> = (0..MESSAGES)
        .map(|i| fingerprint(&analyzer.signals(&message(i))))
        .collect();
    let alone_ranked: Vec<_> = requests
        .chunks(BATCH)
        .map(|batch| ranked_bits(ranker.rank(batch, now).ranked()))
        .collect();

    // Eight threads, interleaved (thread t takes every 8th message and batch from t), all
    // borrowing the same analyzer and ranker.
    let mut shared = vec![[0u64; 2]; MESSAGES];
    let mut shared_ranked = vec![Vec::new(); alone_ranked.len()];
    thread::scope(|scope| {
        let handles: Vec<_> = (0..THREADS)
            .map(|t| {
                let (ranker, requests) = (&ranker, &requests);
                scope.spawn(move || {
                    let analyzer = ranker.analyzer();
                    let messages: Vec<(usize, [u64; 2])> = (t..MESSAGES)
                        .step_by(THREADS)
                        .map(|i| (i, fingerprint(&analyzer.signals(&message(i)))))
                        .collect();
                    let batches: Vec<_> = requests
                        .chunks(BATCH)
                        .enumerate()
                        .skip(t)
                        .step_by(THREADS)
                        .map(|(b, batch)| (b, ranked_bits(ranker.rank(batch, now).ranked())))
                        .collect();
                    (messages, batches)
                })
            })
            .collect();
        for h in handles {
            let (messages, batches) = h.join().expect("no thread panics");
            for (i, f) in messages {
                shared[i] = f;
            }
            for (b, r) in batches {
                shared_ranked[b] = r;
            }
        }
    });

    let first_difference = alone.iter().zip(&shared).position(|(a, b)| a != b);
    assert_eq!(
        first_difference,
        None,
        "message {:?} differs",
        first_difference.map(message)
    );
    assert_eq!(shared_ranked, alone_ranked);
    assert!(
        alone_ranked.iter().all(|r| !r.is_empty()),
        "every batch ranks something"
    );
    // The stream is varied: many distinct results, not one repeated.
    let mut distinct: Vec<u64> = alone.iter().map(|f| f[0]).collect();
    distinct.sort_unstable();
    distinct.dedup();
    assert!(
        distinct.len() > 100,
        "{} distinct compounds",
        distinct.len()
    );
}
