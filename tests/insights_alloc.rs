//! The insights' memory stays flat as the number of items grows tenfold: a counting global
//! allocator measures the bytes still held after feeding 10,000 and then 100,000 events over
//! the same bounded set of requests and agents. Its own test binary, so nothing else counts.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};

use realboss::insights::{Insights, InsightsConfig};
use realboss::model::{
    AgentId, Channel, ContactEvent, CustomerId, Direction, EventKind, Feedback, Rating, RequestId,
};
use time::Duration;
use time::macros::datetime;

struct Counting;

static LIVE_BYTES: AtomicIsize = AtomicIsize::new(0);

// SAFETY: every call is forwarded unchanged to the system allocator; the counter is a static
// atomic, so updating it never allocates or re-enters the allocator.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE_BYTES.fetch_add(layout.size() as isize, Ordering::Relaxed);
        // SAFETY: same contract as ours.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE_BYTES.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        // SAFETY: same contract as ours.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE_BYTES.fetch_add(
            new_size as isize - layout.size() as isize,
            Ordering::Relaxed,
        );
        // SAFETY: same contract as ours.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

const REQUESTS: u64 = 300;

/// A word of letters spelling `n` in base 26: a new keyword for every event.
fn word(mut n: u64) -> String {
    let mut w = String::from("x");
    loop {
        w.push(char::from(b'a' + (n % 26) as u8));
        n /= 26;
        if n == 0 {
            return w;
        }
    }
}
const AGENTS: u64 = 25;

/// Feeds `events` contact events (and a rated feedback after each resolution) over
/// [`REQUESTS`] requests handled by [`AGENTS`] agents, one minute apart; returns the bytes the
/// insights hold afterwards.
fn bytes_held_after(events: u64) -> isize {
    let start = LIVE_BYTES.load(Ordering::Relaxed);
    let config: InsightsConfig = serde_json::from_str(
        r#"{"trend_window": "1h", "max_trend_windows": 48, "max_topics": 200}"#,
    )
    .unwrap();
    let mut insights = Insights::new(config).unwrap();
    let t0 = datetime!(2026-01-05 0:00 UTC);
    let customer = CustomerId::new("cus-1").unwrap();
    for n in 0..events {
        let at = t0 + Duration::minutes(n as i64);
        // Each request goes through a six-step episode, then starts again.
        let request = RequestId::new(format!("req-{}", n % REQUESTS)).unwrap();
        let agent = AgentId::new(format!("agent-{}", n % AGENTS)).unwrap();
        let step = (n / REQUESTS) % 6;
        let (direction, kind) = match step {
            0 => (Direction::Inbound, EventKind::Inquiry),
            1 => (Direction::Inbound, EventKind::FollowUp),
            2 => (
                Direction::Outbound,
                EventKind::Promise {
                    due_at: at + Duration::hours(8),
                },
            ),
            3 => (Direction::Outbound, EventKind::Reply),
            4 => (Direction::Inbound, EventKind::Reply),
            _ => (Direction::Outbound, EventKind::Resolution),
        };
        // Ever new words (from the event number), so the topic table must hold its cap.
        let text = format!("my parcel {} is lost again", word(n));
        let event = ContactEvent::new(customer.clone(), at, Channel::Chat, direction, kind)
            .with_request(request)
            .with_agent(agent)
            .with_text(text);
        let compound = (direction == Direction::Inbound).then_some((n % 21) as f64 / 10.0 - 1.0);
        insights.observe_event(&event, compound);
        if step == 5 {
            let f = Feedback::new(customer.clone(), at, Channel::Email, "")
                .with_rating(Rating::csat((n % 5 + 1) as u8).unwrap());
            insights.observe_feedback(&f, compound);
        }
    }
    let held = LIVE_BYTES.load(Ordering::Relaxed) - start;
    let report = insights.report();
    assert_eq!(report.coverage.events, events);
    assert!(report.coverage.resolved_requests > 0);
    assert!(
        report.topics.max_undercount > 0,
        "the topic cap was reached"
    );
    std::hint::black_box(&insights);
    held
}

#[test]
fn memory_stays_flat_as_events_grow_tenfold() {
    // Process-wide one-time set-up (lazy tables, the allocator's first blocks) is not ours.
    bytes_held_after(2_000);
    let small = bytes_held_after(10_000);
    let large = bytes_held_after(100_000);
    eprintln!("bytes held: {small} after 10,000 events, {large} after 100,000");
    // Flat: the same bounded state (histograms, 48 hourly windows, 200 topics, agents, open requests)
    // either way; 4 KB of slack (under 2 %) for the promise lists and tree nodes in flight.
    // Uncapped windows alone would add some 60 KB (1,500 more hours).
    assert!(
        large <= small + 4_096,
        "memory grew from {small} to {large} bytes"
    );
    // And it does measure something: the two duration histograms alone are 60 KB.
    assert!(small > 60_000, "{small}");
}
