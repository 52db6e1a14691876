//! Ranking throughput: re-ranking a million pre-scored requests, the end-to-end figure with
//! text scoring, and insert+pop pairs on a queue holding 100 000 requests.
//!
//! `cargo bench -p realboss-benches --bench ranking`. Single-threaded. In criterion's test
//! mode (`-- --test`) every size is cut to 10 000 requests so the smoke run stays quick; set
//! `REALBOSS_BENCH_REQUESTS` to choose the re-rank size yourself. The machine may be shared,
//! so treat figures as noisy and compare runs made together.

use std::collections::HashMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group};
use realboss::priority::ScoredText;
use realboss::ranking::{Queue, Ranker};
use realboss::{Policy, Request};
use realboss_benches::requests;
use time::OffsetDateTime;
use time::macros::datetime;

const NOW: OffsetDateTime = datetime!(2026-11-23 21:51 UTC);

/// Whether criterion runs in test mode (each benchmark once, as a smoke test).
fn test_mode() -> bool {
    std::env::args().any(|a| a == "--test")
}

/// The size of a benchmark: `full`, or 10 000 in test mode, or the environment's override.
fn size(full: usize) -> usize {
    if let Some(n) = std::env::var("REALBOSS_BENCH_REQUESTS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        return n;
    }
    if test_mode() { full.min(10_000) } else { full }
}

fn rerank(c: &mut Criterion) {
    let n = size(1_000_000);
    let ranker = Ranker::default();
    let started = Instant::now();
    let batch = requests(1, n, NOW);
    let generated = started.elapsed();
    let started = Instant::now();
    let texts: Vec<ScoredText> = batch.iter().map(|r| ranker.score(r)).collect();
    let scored = started.elapsed();
    let started = Instant::now();
    let ranked = ranker.rank_scored(&batch, &texts, NOW);
    let ranked_in = started.elapsed();
    let messages: usize = texts.iter().map(|t| t.messages().len()).sum();
    eprintln!(
        "one-off, {n} requests ({messages} customer messages, {} ranked): generated in {:.2?}, \
         scored in {:.2?}, rank_scored in {:.2?}; end to end (scoring + ranking) {:.2?}",
        ranked.len(),
        generated,
        scored,
        ranked_in,
        scored + ranked_in
    );

    let mut group = c.benchmark_group("rerank");
    group.sample_size(10);
    group.throughput(Throughput::Elements(n as u64));
    group.bench_function(format!("rank_scored/{n}"), |b| {
        b.iter(|| black_box(ranker.rank_scored(black_box(&batch), &texts, NOW)))
    });
    // End to end on a tenth of the batch: scoring every text, then ranking.
    let tenth = &batch[..n / 10];
    group.throughput(Throughput::Elements(tenth.len() as u64));
    group.bench_function(format!("score_and_rank/{}", tenth.len()), |b| {
        b.iter(|| black_box(ranker.rank(black_box(tenth), NOW)))
    });
    group.finish();
}

/// A queue holding `held` requests plus a pool of other requests (with their scored texts)
/// to insert, all generated outside the timed loops.
struct Setup {
    queue: Queue,
    pool: Vec<Request>,
    texts: HashMap<String, ScoredText>,
}

fn setup(held: usize) -> Setup {
    let ranker = Ranker::default();
    let all = requests(2, held * 2, NOW);
    let texts: HashMap<String, ScoredText> = all
        .iter()
        .map(|r| (r.id().as_str().to_owned(), ranker.score(r)))
        .collect();
    let mut queue = Queue::new(ranker);
    let mut pool = Vec::with_capacity(held);
    for (i, r) in all.into_iter().enumerate() {
        if i % 2 == 0 {
            let text = texts[r.id().as_str()].clone();
            queue
                .insert_scored(r, text, NOW)
                .expect("generated ids are unique");
        } else {
            pool.push(r);
        }
    }
    Setup { queue, pool, texts }
}

/// Times `iters` insert+pop pairs, `step` apart in time (zero: every call at the same `now`).
fn insert_pop(
    s: &mut Setup,
    iters: u64,
    now: &mut OffsetDateTime,
    step: time::Duration,
) -> Duration {
    const CHUNK: usize = 10_000;
    let mut total = Duration::ZERO;
    let mut left = iters as usize;
    let mut popped = Vec::with_capacity(CHUNK);
    while left > 0 {
        let k = left.min(CHUNK).min(s.pool.len());
        let batch: Vec<(Request, ScoredText)> = s
            .pool
            .drain(s.pool.len() - k..)
            .map(|r| {
                let t = s.texts[r.id().as_str()].clone();
                (r, t)
            })
            .collect();
        let start = Instant::now();
        for (r, t) in batch {
            s.queue
                .insert_scored(r, t, *now)
                .expect("ids in the pool are not held");
            popped.push(s.queue.pop(*now));
            *now += step;
        }
        total += start.elapsed();
        s.pool.extend(popped.drain(..).flatten().map(|(r, _)| r));
        left -= k;
    }
    total
}

fn queue(c: &mut Criterion) {
    let held = size(100_000);
    let mut s = setup(held);
    let mut group = c.benchmark_group("queue");
    group.throughput(Throughput::Elements(1));
    let mut now = NOW;
    group.bench_function(format!("insert_pop/{held}/same_now"), |b| {
        b.iter_custom(|iters| insert_pop(&mut s, iters, &mut now, time::Duration::ZERO))
    });
    // A service's clock: every pair one millisecond after the previous one, so breakpoints
    // (SLA deadlines, promises, the maximum wait) pass and pops re-assess at the new `now`.
    group.bench_function(format!("insert_pop/{held}/advancing_now"), |b| {
        b.iter_custom(|iters| insert_pop(&mut s, iters, &mut now, time::Duration::milliseconds(1)))
    });
    group.finish();
    // A new policy on the live queue: alternately office hours with other weights and the
    // default, every held request assessed again, no text scored. The second pair also reads
    // history with another burst window, which reads every request's events again.
    let office = Policy::from_json(
        r#"{"business_hours": {"utc_offset": "+01:00", "weekly": {
            "mon": ["09:00-17:00"], "tue": ["09:00-17:00"], "wed": ["09:00-17:00"],
            "thu": ["09:00-17:00"], "fri": ["09:00-16:00"]}},
           "off_hours_wait": 0.5, "max_wait": "1d", "weights": {"waiting_per_hour": 2.0}}"#,
    )
    .expect("a valid policy");
    let reread =
        Policy::from_json(r#"{"history": {"burst_window": "10m"}}"#).expect("a valid policy");
    let mut group = c.benchmark_group("policy_change");
    group.sample_size(10);
    s.queue.peek(now);
    for (name, other) in [("weights_and_hours", office), ("burst_window", reread)] {
        let mut flip = false;
        group.bench_function(format!("{name}/{held}"), |b| {
            b.iter(|| {
                flip = !flip;
                let policy = if flip {
                    other.clone()
                } else {
                    Policy::default()
                };
                s.queue.set_policy(black_box(policy));
            })
        });
    }
    group.finish();
}

criterion_group!(benches, rerank, queue);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
