//! The speed gate: instruction counts under valgrind (gungraun), checked against hard limits
//! committed in `benches/gate-limits.txt`, and a zero-allocation limit on the scoring hot paths.
//!
//! Instruction counts do not depend on the machine's speed or load, so CI can fail on them: a
//! benchmark whose count exceeds its limit, or a hot path that allocates even once, fails
//! `cargo bench -p realboss-benches --bench gate` after every benchmark has run.
//!
//! Needs valgrind and `gungraun-runner` of the same version as the `gungraun` crate (`.ci/run`
//! installs it). Each workload is fixed (seeded corpora, a fixed `NOW`), so a count changes only
//! when the code, the compiler or the dependencies change. After a deliberate change in cost (a
//! faster queue, a bigger lexicon), rewrite the limits with `benches/update-gate-limits`, which
//! runs this gate with `REALBOSS_GATE_RECORD=1` (counts are measured and printed, the
//! instruction limits are not applied) and writes each count plus `HEADROOM_PERCENT` back.
//!
//! The target has `bench = false`, so the criterion smoke run (`cargo bench -- --test`) does
//! not start valgrind; run it by name.

use std::hint::black_box;

use gungraun::{
    Callgrind, Dhat, DhatMetric, EventKind, LibraryBenchmarkConfig, library_benchmark,
    library_benchmark_group, main,
};
use realboss::hints::{Hinter, HintsConfig, ScoredEvent};
use realboss::insights::{Insights, InsightsConfig};
use realboss::priority::{ScoredText, assess};
use realboss::ranking::{Queue, Ranker};
use realboss::signals::{Analyzer, AnalyzerConfig};
use realboss::{CustomerProfile, Feedback, Request};
use realboss_benches::{contact_history, corpus, feedback_stream, hints_profile, requests};
use time::OffsetDateTime;
use time::macros::datetime;

/// The committed limits: one `name instructions` pair a line, `#` starts a comment.
const LIMITS: &str = include_str!("../gate-limits.txt");

/// The clock of every workload, so that waits, deadlines and ages are the same on every run.
const NOW: OffsetDateTime = datetime!(2026-11-23 21:51 UTC);

/// Messages per text-scoring workload: enough to cover every word class of the corpus
/// generator (emoji, caps, negations, non-ASCII), few enough for valgrind's slowdown.
const MESSAGES: usize = 200;

/// Requests held by the queue in the queue workload, and the insert+pop pairs measured on it.
const QUEUE_HELD: usize = 10_000;
const QUEUE_PAIRS: usize = 1_000;

/// Requests in the batch re-rank and the pre-scored assessment workloads.
const REQUESTS: usize = 2_000;

/// Events in the hints workload's history, and feedback records in the insights workload.
const EVENTS: usize = 1_000;
const FEEDBACK: usize = 2_000;

/// The committed instruction limit of the benchmark `name`.
///
/// Panics when `name` has no line, naming the command that writes one.
fn instruction_limit(name: &str) -> u64 {
    LIMITS
        .lines()
        .map(|line| line.split('#').next().unwrap_or("").trim())
        .filter(|line| !line.is_empty())
        .find_map(|line| {
            let (key, value) = line.split_once(char::is_whitespace)?;
            (key == name).then(|| value.trim().parse().ok()).flatten()
        })
        .unwrap_or_else(|| {
            panic!(
                "benches/gate-limits.txt has no limit for `{name}`; \
                 run benches/update-gate-limits to write one"
            )
        })
}

/// Whether this run records counts for new limits instead of enforcing the committed ones.
fn recording() -> bool {
    std::env::var_os("REALBOSS_GATE_RECORD").is_some_and(|v| !v.is_empty())
}

/// Callgrind with the committed instruction limit of `name` (none while recording).
fn counted(name: &str) -> LibraryBenchmarkConfig {
    let mut config = LibraryBenchmarkConfig::default();
    if !recording() {
        config.tool(Callgrind::default().hard_limits([(EventKind::Ir, instruction_limit(name))]));
    }
    config
}

/// [`counted`], plus DHAT with a limit of zero heap allocations inside the measured function.
/// This limit holds while recording too: it is a promise of the API, not a measured figure.
fn counted_without_allocation(name: &str) -> LibraryBenchmarkConfig {
    let mut config = counted(name);
    config.tool(Dhat::default().hard_limits([(DhatMetric::TotalBlocks, 0)]));
    config
}

/// A default analyzer and the seeded corpus, every message scored once so that anything built
/// lazily on first use is built before the measurement starts.
fn analyzer_and_messages() -> (Analyzer, Vec<String>) {
    let analyzer = Analyzer::new(AnalyzerConfig::default()).expect("the default config is valid");
    let messages = corpus(42, MESSAGES);
    for m in &messages {
        black_box(analyzer.signals(m));
        black_box(analyzer.explain(m));
    }
    (analyzer, messages)
}

// The measured functions return their inputs so that dropping them is not measured.

#[library_benchmark(config = counted_without_allocation("sentiment"))]
#[bench::messages(setup = analyzer_and_messages)]
fn sentiment(input: (Analyzer, Vec<String>)) -> ((Analyzer, Vec<String>), f64) {
    let (analyzer, messages) = &input;
    let mut sum = 0.0;
    for m in messages {
        sum += analyzer.sentiment(black_box(m)).compound;
    }
    (input, sum)
}

#[library_benchmark(config = counted_without_allocation("signals"))]
#[bench::messages(setup = analyzer_and_messages)]
fn signals(input: (Analyzer, Vec<String>)) -> ((Analyzer, Vec<String>), f64) {
    let (analyzer, messages) = &input;
    let mut sum = 0.0;
    for m in messages {
        let s = analyzer.signals(black_box(m));
        sum += s.sentiment.compound + s.urgency.score + s.complaint.score;
    }
    (input, sum)
}

#[library_benchmark(config = counted_without_allocation("urgency"))]
#[bench::messages(setup = analyzer_and_messages)]
fn urgency(input: (Analyzer, Vec<String>)) -> ((Analyzer, Vec<String>), f64) {
    let (analyzer, messages) = &input;
    let mut sum = 0.0;
    for m in messages {
        sum += analyzer.urgency(black_box(m)).score;
    }
    (input, sum)
}

// Explanations allocate by design (they list every token's part); only their count is gated.
#[library_benchmark(config = counted("explain"))]
#[bench::messages(setup = analyzer_and_messages)]
fn explain(input: (Analyzer, Vec<String>)) -> (Analyzer, Vec<String>) {
    let (analyzer, messages) = &input;
    for m in messages {
        black_box(analyzer.explain(black_box(m)));
    }
    input
}

/// A default ranker and `count` generated requests with their texts scored on arrival.
fn scored_requests(count: usize) -> (Ranker, Vec<Request>, Vec<ScoredText>) {
    let ranker = Ranker::default();
    let batch = requests(1, count, NOW);
    let texts = batch.iter().map(|r| ranker.score(r)).collect();
    (ranker, batch, texts)
}

// Assessing a request whose texts were scored on arrival: the per-request step of every
// ranking and of the queue, which reads no text and must not allocate.
#[library_benchmark(config = counted_without_allocation("assess_pre_scored"))]
#[bench::requests(args = (REQUESTS), setup = scored_requests)]
fn assess_pre_scored(
    input: (Ranker, Vec<Request>, Vec<ScoredText>),
) -> ((Ranker, Vec<Request>, Vec<ScoredText>), f64) {
    let (ranker, batch, texts) = &input;
    let mut sum = 0.0;
    for (r, t) in batch.iter().zip(texts) {
        sum += assess(ranker.policy(), black_box(r), t, NOW, false).priority;
    }
    (input, sum)
}

#[library_benchmark(config = counted("rank_scored"))]
#[bench::requests(args = (REQUESTS), setup = scored_requests)]
fn rank_scored(input: (Ranker, Vec<Request>, Vec<ScoredText>)) -> impl Sized {
    let (ranker, batch, texts) = &input;
    let ranked = ranker.rank_scored(black_box(batch), texts, NOW);
    (ranked, input)
}

/// A queue holding `held` requests and `pairs` other requests (with scored texts) to insert.
fn held_queue((held, pairs): (usize, usize)) -> (Queue, Vec<(Request, ScoredText)>) {
    let ranker = Ranker::default();
    let all = requests(2, held + pairs, NOW);
    let mut queue = Queue::new(ranker.clone());
    let mut pool = Vec::with_capacity(pairs);
    for (i, r) in all.into_iter().enumerate() {
        let text = ranker.score(&r);
        if i < held {
            queue
                .insert_scored(r, text, NOW)
                .expect("generated ids are unique");
        } else {
            pool.push((r, text));
        }
    }
    // Rank once, so that the measured pairs start from a settled queue.
    black_box(queue.peek(NOW).is_some());
    (queue, pool)
}

// Insert+pop pairs on a held queue, one millisecond apart (a service's clock). Only this
// benchmark's limit changes when the queue's implementation does; the workload stays.
#[library_benchmark(config = counted("queue_insert_pop"))]
#[bench::held(args = ((QUEUE_HELD, QUEUE_PAIRS)), setup = held_queue)]
fn queue_insert_pop(input: (Queue, Vec<(Request, ScoredText)>)) -> Queue {
    let (mut queue, pool) = input;
    let mut now = NOW;
    for (r, t) in pool {
        queue
            .insert_scored(r, t, now)
            .expect("ids in the pool are not held");
        black_box(queue.pop(now));
        now += time::Duration::milliseconds(1);
    }
    queue
}

/// A default hinter, the bench customer and a history of `count` events scored on arrival.
fn scored_history(count: usize) -> (Hinter, CustomerProfile, Vec<ScoredEvent>) {
    let hinter = Hinter::new(HintsConfig::default()).expect("the default config is valid");
    let profile = hints_profile();
    let scored = contact_history(count, NOW)
        .into_iter()
        .map(|e| hinter.score(&profile, e))
        .collect();
    (hinter, profile, scored)
}

#[library_benchmark(config = counted("hints_pre_scored"))]
#[bench::events(args = (EVENTS), setup = scored_history)]
fn hints_pre_scored(input: (Hinter, CustomerProfile, Vec<ScoredEvent>)) -> impl Sized {
    let (hinter, profile, scored) = &input;
    let hints = hinter.hints(profile, black_box(scored), NOW);
    (hints, input)
}

/// `count` feedback records with their compound scores.
fn scored_feedback(count: usize) -> (Vec<Feedback>, Vec<Option<f64>>) {
    let analyzer = Analyzer::new(AnalyzerConfig::default()).expect("the default config is valid");
    let stream = feedback_stream(5, count, datetime!(2026-10-01 0:00 UTC));
    let compounds = stream
        .iter()
        .map(|f| Some(analyzer.sentiment(f.text()).compound))
        .collect();
    (stream, compounds)
}

#[library_benchmark(config = counted("insights_pre_scored"))]
#[bench::feedback(args = (FEEDBACK), setup = scored_feedback)]
fn insights_pre_scored(input: (Vec<Feedback>, Vec<Option<f64>>)) -> impl Sized {
    let (stream, compounds) = &input;
    let mut insights = Insights::new(InsightsConfig::default()).expect("default config is valid");
    for (f, c) in stream.iter().zip(compounds) {
        insights.observe_feedback(black_box(f), *c);
    }
    (insights.report(), input)
}

library_benchmark_group!(
    name = text,
    benchmarks = [sentiment, signals, urgency, explain]
);

library_benchmark_group!(
    name = triage,
    benchmarks = [assess_pre_scored, rank_scored, queue_insert_pop]
);

library_benchmark_group!(
    name = reports,
    benchmarks = [hints_pre_scored, insights_pre_scored]
);

main!(library_benchmark_groups = text, triage, reports);
