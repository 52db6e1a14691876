//! Memory per queued request, measured: a counting global allocator tracks live heap bytes
//! while typical requests are built, scored and inserted. Its own test binary, so nothing
//! else counts. Run with `--nocapture` to see the figures.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use realboss::model::*;
use realboss::ranking::{Queue, Ranker};
use time::Duration;
use time::macros::{date, datetime};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded unchanged to the system allocator; the counter is an atomic
// that never allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: same contract as ours.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: same contract as ours.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(new_size, Ordering::Relaxed);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: same contract as ours.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn live() -> usize {
    LIVE.load(Ordering::Relaxed)
}

const N: usize = 20_000;

/// A typical request: a 130-byte message and one follow-up with text; 3 requests per customer.
fn typical(i: usize) -> Request {
    let at = datetime!(2026-11-23 08:00 UTC) + Duration::seconds(i as i64);
    let who = CustomerProfile::builder(CustomerId::new(format!("cus-{:06}", i / 3)).unwrap())
        .tier(Tier::Gold)
        .lifetime_value(Money::new(1200.0, "EUR".parse().unwrap()).unwrap())
        .customer_since(date!(2021 - 06 - 14))
        .build()
        .unwrap();
    Request::builder(RequestId::new(format!("req-{i:07}")).unwrap(), who.clone(), Channel::Email, at)
        .text("Hello, my order 48213 has not arrived yet and the tracking page has not moved since Monday. Can you check?")
        .event(
            ContactEvent::new(who.id().clone(), at + Duration::minutes(40), Channel::Chat, Direction::Inbound, EventKind::FollowUp)
                .with_text("Any news on my order?"),
        )
        .build()
        .unwrap()
}

#[test]
fn memory_per_queued_request() {
    let ranker = Ranker::default();
    let start = live();
    let requests: Vec<Request> = (0..N).map(typical).collect();
    let after_requests = live();
    let texts: Vec<_> = requests.iter().map(|r| ranker.score(r)).collect();
    let after_texts = live();
    let mut queue = Queue::new(ranker);
    for (r, t) in requests.into_iter().zip(texts) {
        queue
            .insert_scored(r, t, datetime!(2026-11-24 08:00 UTC))
            .unwrap();
    }
    // The input vectors are gone (their elements moved into the queue's entries).
    let total = (live() - start) / N;
    let request = (after_requests - start) / N;
    let text = (after_texts - after_requests) / N;
    let bookkeeping = total - request - text;
    println!(
        "per queued request: {total} B = the Request {request} B ({} inline) + its ScoredText \
         {text} B ({} inline) + the queue's bookkeeping {bookkeeping} B (entry, heaps, id and \
         customer maps, amortized over {N} requests)",
        size_of::<Request>(),
        size_of::<realboss::priority::ScoredText>(),
    );
    assert_eq!(queue.len(), N);
    // The queue's own bookkeeping stays small next to the request it holds.
    assert!(
        bookkeeping < 1024,
        "{bookkeeping} bytes of bookkeeping per request"
    );
}
