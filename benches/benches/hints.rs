//! Hints speed: one customer with 10,000 contact events whose texts were scored on arrival
//! (the target: under 1 ms), and end to end including reading every text.
//!
//! `cargo bench -p realboss-benches --bench hints`. Single-threaded. In criterion's test mode
//! (`-- --test`) each benchmark runs once as a smoke test; set `REALBOSS_BENCH_EVENTS` to
//! choose the history's length. The machine may be shared, so treat figures as noisy.

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, Throughput, criterion_group};
use realboss::hints::{Hinter, HintsConfig, ScoredEvent};
use realboss::model::*;
use realboss_benches::{Rng, message};
use time::macros::{date, datetime, time};
use time::{Duration, OffsetDateTime};

const NOW: OffsetDateTime = datetime!(2026-11-23 21:51 UTC);

fn events() -> usize {
    std::env::var("REALBOSS_BENCH_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}

/// A gold customer of six years with a contact window and a card and PayPal on file.
fn profile() -> CustomerProfile {
    CustomerProfile::builder(
        CustomerId::new("cus-bench").expect("valid id"),
        Tier::Gold,
        Money::new(12_000.0, "EUR".parse().expect("EUR")).expect("valid amount"),
        date!(2020 - 03 - 01),
    )
    .utc_offset(time::UtcOffset::from_hms(1, 0, 0).expect("valid offset"))
    .preferred_channel(Channel::Phone)
    .contact_window(
        ContactWindow::new(DaySet::WORKDAYS, time!(09:00), time!(20:00)).expect("valid window"),
    )
    .payment_method(PaymentMethod::Card)
    .payment_method(PaymentMethod::Paypal)
    .build()
    .expect("valid profile")
}

/// `count` events of one customer over the two years before `NOW`, in time order: messages
/// with generated text on four channels, calls both ways with every outcome, our replies,
/// payments (some failing), purchases and promises.
fn history(count: usize) -> Vec<ContactEvent> {
    let mut rng = Rng::new(7);
    let id = CustomerId::new("cus-bench").expect("valid id");
    let span = 2 * 365 * 86_400 / count.max(1) as i64;
    let channels = [Channel::Email, Channel::Chat, Channel::Phone, Channel::Sms];
    let methods = [
        PaymentMethod::Card,
        PaymentMethod::Paypal,
        PaymentMethod::BankTransfer,
    ];
    let outcomes = [
        CallOutcome::Answered,
        CallOutcome::Missed,
        CallOutcome::Voicemail,
    ];
    (0..count)
        .map(|i| {
            let at = NOW - Duration::days(730) + Duration::seconds(i as i64 * span);
            let channel = channels[rng.below(channels.len())].clone();
            let new = |channel, direction, kind| {
                ContactEvent::new(id.clone(), at, channel, direction, kind)
            };
            match rng.below(20) {
                0..=7 => {
                    let kind = [
                        EventKind::Inquiry,
                        EventKind::Complaint,
                        EventKind::FollowUp,
                        EventKind::Reply,
                    ][rng.below(4)]
                    .clone();
                    new(channel, Direction::Inbound, kind).with_text(message(&mut rng))
                }
                8..=11 => new(
                    Channel::Phone,
                    if rng.below(2) == 0 {
                        Direction::Inbound
                    } else {
                        Direction::Outbound
                    },
                    EventKind::Call {
                        outcome: outcomes[rng.below(3)],
                    },
                ),
                12..=14 => new(channel, Direction::Outbound, EventKind::Reply)
                    .with_text("Thanks, we are on it."),
                15..=16 => new(
                    Channel::WebForm,
                    Direction::Inbound,
                    EventKind::PaymentAttempt {
                        outcome: if rng.below(4) == 0 {
                            PaymentOutcome::Failed
                        } else {
                            PaymentOutcome::Succeeded
                        },
                        method: Some(methods[rng.below(3)].clone()),
                        amount: None,
                    },
                ),
                17..=18 => new(
                    Channel::WebForm,
                    Direction::Inbound,
                    EventKind::Purchase { amount: None },
                ),
                _ => new(
                    Channel::Email,
                    Direction::Outbound,
                    EventKind::Promise {
                        due_at: at + Duration::hours(24),
                    },
                ),
            }
        })
        .collect()
}

fn hints(c: &mut Criterion) {
    let n = events();
    let hinter = Hinter::new(HintsConfig::default()).expect("the default configuration is valid");
    let profile = profile();
    let raw = history(n);
    let started = Instant::now();
    let scored: Vec<ScoredEvent> = raw
        .iter()
        .map(|e| hinter.score(&profile, e.clone()))
        .collect();
    let scoring = started.elapsed();
    let started = Instant::now();
    let result = hinter.hints(&profile, &scored, NOW);
    let hinting = started.elapsed();
    let messages = scored.iter().filter(|s| s.notes.is_some()).count();
    eprintln!(
        "one-off, {n} events ({messages} customer messages): scored on arrival in {scoring:.2?} \
         ({:.2?} per event), hints in {hinting:.2?}; {} hints",
        scoring / n.max(1) as u32,
        result.hints.len()
    );
    for hint in &result.hints {
        eprintln!(
            "  {:?}: {} (confidence {:.2})",
            hint.kind, hint.value, hint.confidence
        );
    }

    let mut group = c.benchmark_group("hints");
    group.throughput(Throughput::Elements(n as u64));
    group.bench_function(format!("pre_scored/{n}"), |b| {
        b.iter(|| black_box(hinter.hints(black_box(&profile), black_box(&scored), NOW)))
    });
    group.sample_size(10);
    group.bench_function(format!("score_and_hint/{n}"), |b| {
        b.iter(|| black_box(hinter.hints_from_events(black_box(&profile), black_box(&raw), NOW)))
    });
    group.finish();
}

criterion_group!(benches, hints);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
