//! Issue 16's stories of a ranking a support lead can read at a glance: priorities that add
//! up, the band shown as its own field, one id ranked once, and a request edited in place.
//! `cargo test story` runs them.

use crate::common::fixtures;
use realboss::model::*;
use realboss::priority::{Band, ReasonKind, ShortDuration};
use realboss::ranking::{Queue, Ranker};
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

type Result<T = ()> = std::result::Result<T, realboss::Error>;

fn request(id: &str, who: &CustomerProfile, at: OffsetDateTime, text: &str) -> Result<Request> {
    Request::builder(RequestId::new(id)?, who.clone(), Channel::Email, at)
        .text(text)
        .build()
}

#[test]
fn story_a_forgotten_request_sits_above_a_stranded_customer_and_the_table_says_why() -> Result {
    let old = fixtures::customer("cus-old", Tier::Standard, 50.0)?;
    let nora = fixtures::customer("cus-nora", Tier::Silver, 2380.0)?;
    let now = datetime!(2026-11-23 21:50 UTC);
    let requests = [
        request(
            "req-forgotten",
            &old,
            now - Duration::days(4),
            "Could you update the billing address on my account?",
        )?,
        request(
            "req-stranded",
            &nora,
            now - Duration::minutes(20),
            "My hire car is cancelled and I'm stuck at the station with my kids tonight.",
        )?,
    ];
    let ranker = Ranker::default();
    let ranking = ranker.rank(&requests, now);
    let ids: Vec<&str> = ranking
        .ranked()
        .iter()
        .map(|r| requests[r.index].id().as_str())
        .collect();
    assert_eq!(ids, ["req-forgotten", "req-stranded"]);
    let forgotten = ranking.ranked()[0];
    let stranded = ranking.ranked()[1];
    // The band is compared first and shown apart; the stranded customer has more points.
    assert_eq!(forgotten.assessment.band, Band::MaxWait);
    assert_eq!(forgotten.assessment.band_reason, ReasonKind::MaxWait);
    assert_eq!(stranded.assessment.band, Band::Waiting);
    assert_eq!(stranded.assessment.band_reason, ReasonKind::Waiting);
    for ranked in ranking.ranked() {
        let reasons = ranking.reasons(ranked);
        let sum: f64 = reasons.iter().map(|r| r.weight).sum();
        assert!(
            (sum - ranked.assessment.priority).abs() < 1e-9,
            "{reasons:?} sum to {sum}, priority {}",
            ranked.assessment.priority
        );
    }
    // The band offset is no longer points: the max-wait reason carries none.
    let reasons = ranking.reasons(&forgotten);
    let max_wait = reasons
        .iter()
        .find(|r| r.kind == ReasonKind::MaxWait)
        .expect("the band reason is listed");
    assert_eq!(max_wait.weight, 0.0);
    // One human format for a wait: the detail writes it as the table does.
    let waiting = reasons
        .iter()
        .find(|r| r.kind == ReasonKind::Waiting)
        .expect("waiting");
    let shown = ShortDuration(forgotten.assessment.waited).to_string();
    assert_eq!(shown, "4d 00h");
    assert!(waiting.detail.contains(&shown), "{}", waiting.detail);
    assert!(max_wait.detail.contains("4d 00h"), "{}", max_wait.detail);
    Ok(())
}

#[test]
fn story_reasons_come_largest_first_and_the_row_serializes_in_its_documented_form() -> Result {
    let maria = fixtures::customer("cus-maria", Tier::Gold, 8000.0)?;
    let at = datetime!(2026-11-23 09:00 UTC);
    let chased = request(
        "req-1",
        &maria,
        at,
        "I was charged twice for my order and still no refund, this is unacceptable.",
    )?
    .with_event(
        ContactEvent::new(
            maria.id().clone(),
            at + Duration::hours(2),
            Channel::Phone,
            Direction::Inbound,
            EventKind::Call {
                outcome: CallOutcome::Missed,
            },
        )
        .with_request(RequestId::new("req-1")?),
    )?;
    let requests = [chased];
    let ranker = Ranker::default();
    let ranking = ranker.rank(&requests, at + Duration::hours(3));
    let row = ranking.rows().next().expect("ranked");
    let weights: Vec<f64> = row.reasons.iter().map(|r| r.weight.abs()).collect();
    assert!(weights.windows(2).all(|w| w[0] >= w[1]), "{weights:?}");
    let json = serde_json::to_value(&row).expect("a row serializes");
    let keys: Vec<&str> = json
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    for key in [
        "id",
        "rank",
        "priority",
        "band",
        "band_reason",
        "urgency",
        "level",
        "waiting_since",
        "waited_secs",
        "next_breach",
        "customer",
        "channel",
        "requester",
        "reasons",
    ] {
        assert!(keys.contains(&key), "{key} missing from {keys:?}");
    }
    assert_eq!(json["waited_secs"], 3 * 3600);
    assert_eq!(json["band"], "waiting");
    assert_eq!(json["requester"], "customer");
    let kinds: Vec<&str> = json["reasons"]
        .as_array()
        .expect("reasons")
        .iter()
        .map(|r| r["kind"].as_str().expect("kind"))
        .collect();
    assert!(kinds.contains(&"missed_call"), "{kinds:?}");
    let sum: f64 = json["reasons"]
        .as_array()
        .expect("reasons")
        .iter()
        .map(|r| r["weight"].as_f64().expect("weight"))
        .sum();
    assert!((sum - json["priority"].as_f64().expect("priority")).abs() < 1e-9);
    Ok(())
}

#[test]
fn story_a_repeated_id_is_ranked_once_and_the_repeat_is_reported() -> Result {
    let who = fixtures::customer("cus-1", Tier::Standard, 10.0)?;
    let at = datetime!(2026-11-23 09:00 UTC);
    let requests = [
        request("req-1", &who, at, "Where is my parcel?")?,
        request("req-2", &who, at, "Locked out of my account, can't log in")?,
        // The same id again, louder: still not ranked a second time.
        request("req-1", &who, at, "URGENT where is my parcel???")?,
        request("req-1", &who, at, "hello?")?,
    ];
    let ranker = Ranker::default();
    let now = at + Duration::hours(1);
    let ranking = ranker.rank(&requests, now);
    let indices: Vec<usize> = ranking.ranked().iter().map(|r| r.index).collect();
    assert_eq!(ranking.ranked().len(), 2);
    assert!(indices.contains(&0) && indices.contains(&1), "{indices:?}");
    let repeats: Vec<(usize, usize)> = ranking
        .duplicates()
        .iter()
        .map(|d| (d.index, d.first))
        .collect();
    assert_eq!(repeats, [(2, 0), (3, 0)]);
    assert!(
        ranking.skipped().is_empty(),
        "a repeat is not a skipped request"
    );
    // Pre-scored ranking leaves the repeats out the same way.
    let scored = ranker.rank_scored(&requests, ranking.texts(), now);
    assert_eq!(scored, ranking.ranked());
    Ok(())
}

#[test]
fn story_one_new_contact_is_added_to_a_held_request_without_copying_its_fields() -> Result {
    let who = fixtures::customer("cus-1", Tier::Standard, 10.0)?;
    let other = fixtures::customer("cus-2", Tier::Standard, 10.0)?;
    let at = datetime!(2026-11-23 09:00 UTC);
    let mut queue = Queue::new(Ranker::default());
    let parcel = request("req-parcel", &who, at, "Where is my parcel?")?;
    queue.insert(parcel.clone(), at)?;
    queue.insert(
        request(
            "req-invoice",
            &other,
            at + Duration::minutes(5),
            "Where is my invoice for October?",
        )?,
        at,
    )?;
    // The invoice customer's request came later, so the parcel is first; a missed call from
    // the parcel customer adds points to it.
    let call = ContactEvent::new(
        who.id().clone(),
        at + Duration::minutes(30),
        Channel::Phone,
        Direction::Inbound,
        EventKind::Call {
            outcome: CallOutcome::Missed,
        },
    );
    let now = at + Duration::minutes(40);
    let before = queue.peek(now).map(|(_, a)| a.priority).expect("two held");
    let updated = queue.get(parcel.id()).expect("held").with_event(call)?;
    assert_eq!(updated.events().len(), 1);
    assert_eq!(updated.text(), parcel.text());
    queue.update(updated, now)?;
    // The queue explains a held request from the scores it kept, as a batch ranking does.
    let held = queue.reasons(parcel.id(), now).expect("held and ranked");
    assert!(
        held.iter().any(|r| r.kind == ReasonKind::MissedCall),
        "{held:?}"
    );
    let unknown = RequestId::new("req-unknown")?;
    assert!(queue.reasons(&unknown, now).is_none());
    let (first, text, after) = queue.pop_scored(now).expect("two held");
    assert_eq!(first.id().as_str(), "req-parcel");
    assert!(after.priority > before, "{} > {before}", after.priority);
    assert_eq!(queue.ranker().reasons(&first, &text, &after, now), held);
    let batch = [first.clone()];
    let ranker = Ranker::default();
    let ranking = ranker.rank(&batch, now);
    assert_eq!(ranking.reasons(&ranking.ranked()[0]), held);
    // A profile edits the same way.
    let gold = who.to_builder().tier(Tier::Gold).build()?;
    let moved = first.to_builder().customer(gold).build()?;
    assert_eq!(moved.customer().tier(), Some(Tier::Gold));
    assert_eq!(moved.events(), first.events());
    // An edit is validated as any build: an event of another customer is refused.
    let foreign = ContactEvent::new(
        other.id().clone(),
        now,
        Channel::Chat,
        Direction::Inbound,
        EventKind::FollowUp,
    );
    assert!(matches!(
        first.with_event(foreign).unwrap_err().kind(),
        realboss::ErrorKind::ForeignEvent { .. }
    ));
    Ok(())
}
