//! The insights' memory stays flat as the number of items grows tenfold, and once warm they do
//! not allocate at all: a counting global allocator measures the bytes still held after feeding
//! 10,000 and then 100,000 events over the same bounded set of requests and agents, and the
//! number of allocations while feeding items of requests and agents already known. Its own
//! test binary, so nothing else counts; the tests take a lock so they do not count each other.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::Mutex;
use std::sync::atomic::{AtomicIsize, AtomicU64, Ordering};

use realboss::insights::{Insights, InsightsConfig};
use realboss::model::{
    AgentId, Channel, ContactEvent, CustomerId, Direction, EventKind, Feedback, Rating, RequestId,
};
use time::Duration;
use time::macros::datetime;

struct Counting;

static LIVE_BYTES: AtomicIsize = AtomicIsize::new(0);
static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);

/// One test at a time: each reads process-wide counters.
static SERIAL: Mutex<()> = Mutex::new(());

// SAFETY: every call is forwarded unchanged to the system allocator; the counter is a static
// atomic, so updating it never allocates or re-enters the allocator.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
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
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
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
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
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

#[test]
fn warm_insights_allocate_nothing_per_item() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    const OPEN: u64 = 50;
    const ITEMS: u64 = 20_000;
    let mut insights = Insights::new(InsightsConfig::default()).unwrap();
    let t0 = datetime!(2026-01-05 0:00 UTC);
    let customer = CustomerId::new("cus-1").unwrap();
    let request = |n: u64| RequestId::new(format!("req-{}", n % OPEN)).unwrap();
    let agent = |n: u64| AgentId::new(format!("agent-{}", n % 5)).unwrap();
    let complaint = "my parcel is lost again and the refund never came";
    // The n-th item: an item of request n % OPEN, whose agent is always agent n % 5.
    let item = |n: u64, at| {
        let r = request(n);
        let a = agent(n % OPEN);
        match n % 4 {
            0 => (
                Some(
                    ContactEvent::new(
                        customer.clone(),
                        at,
                        Channel::Chat,
                        Direction::Inbound,
                        EventKind::FollowUp,
                    )
                    .with_request(r)
                    .with_text(complaint),
                ),
                None,
                Some(-0.6),
            ),
            1 => (
                Some(
                    ContactEvent::new(
                        customer.clone(),
                        at,
                        Channel::Chat,
                        Direction::Outbound,
                        EventKind::Reply,
                    )
                    .with_request(r)
                    .with_agent(a),
                ),
                None,
                None,
            ),
            2 => (
                Some(
                    ContactEvent::new(
                        customer.clone(),
                        at,
                        Channel::Phone,
                        Direction::Outbound,
                        EventKind::Call {
                            outcome: realboss::model::CallOutcome::Answered,
                        },
                    )
                    .with_request(r)
                    .with_agent(a),
                ),
                None,
                None,
            ),
            _ => (
                None,
                Some(
                    Feedback::new(customer.clone(), at, Channel::Email, complaint)
                        .with_rating(Rating::csat((n % 5 + 1) as u8).unwrap())
                        .with_request(r)
                        .with_agent(a),
                ),
                Some(-0.4),
            ),
        }
    };
    let feed = |insights: &mut Insights,
                items: &[(Option<ContactEvent>, Option<Feedback>, Option<f64>)]| {
        for (event, feedback, compound) in items {
            if let Some(e) = event {
                insights.observe_event(e, *compound);
            }
            if let Some(f) = feedback {
                insights.observe_feedback(f, *compound);
            }
        }
    };
    // Warm-up: every request opened, every agent and keyword seen, one trend window (a week).
    let at = |n: u64| t0 + Duration::seconds(n as i64);
    let opening: Vec<_> = (0..OPEN)
        .map(|n| {
            let e = ContactEvent::new(
                customer.clone(),
                at(n),
                Channel::Chat,
                Direction::Inbound,
                EventKind::Complaint,
            )
            .with_request(request(n))
            .with_text(complaint);
            (Some(e), None, Some(-0.7))
        })
        .collect();
    feed(&mut insights, &opening);
    let warm: Vec<_> = (OPEN..OPEN * 9).map(|n| item(n, at(n))).collect();
    feed(&mut insights, &warm);
    // Built before counting: making the items allocates, feeding them must not.
    let items: Vec<_> = (OPEN * 9..OPEN * 9 + ITEMS)
        .map(|n| item(n, at(n)))
        .collect();
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    feed(&mut insights, &items);
    let allocations = ALLOCATIONS.load(Ordering::Relaxed) - before;
    assert_eq!(
        allocations, 0,
        "{ITEMS} warm items allocated {allocations} times"
    );
    // And they were all taken in: counted, topics read, and (once resolved) agents credited.
    let report = insights.report();
    assert_eq!(report.coverage.open_requests, OPEN);
    let end = at(OPEN * 9 + ITEMS);
    for n in 0..OPEN {
        let e = ContactEvent::new(
            customer.clone(),
            end,
            Channel::Chat,
            Direction::Outbound,
            EventKind::Resolution,
        )
        .with_request(request(n))
        .with_agent(agent(n));
        insights.observe_event(&e, None);
    }
    let report = insights.report();
    assert_eq!(report.coverage.resolved_requests, OPEN);
    assert_eq!(
        report.coverage.events + report.coverage.feedback,
        OPEN * 10 + ITEMS
    );
    assert!(report.topics.top.iter().any(|t| t.stem == "refund"));
    assert_eq!(report.agents.len(), 5);
    assert!(report.csat.count >= ITEMS / 4);
}
