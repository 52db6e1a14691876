//! The ranking stories of issue 15: a customer who reports the problem solved, a customer who
//! says it can wait, and a customer who marks every trivial request urgent. Each states the
//! order or level a support team expects; `cargo test story` runs them.

use crate::common::fixtures::{self, order};
use realboss::model::*;
use realboss::priority::{Band, Evidence, MessageSource, ReasonKind};
use realboss::ranking::{Queue, Ranker};
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

type Result<T = ()> = std::result::Result<T, realboss::Error>;

fn customer(id: &str) -> Result<CustomerProfile> {
    fixtures::customer(id, Tier::Standard, 250.0)
}

fn request(id: &str, who: &CustomerProfile, at: OffsetDateTime, text: &str) -> RequestBuilder {
    Request::builder(RequestId::new(id).unwrap(), who.clone(), Channel::Email, at).text(text)
}

fn follow_up(who: &CustomerProfile, at: OffsetDateTime, text: &str) -> ContactEvent {
    ContactEvent::new(
        who.id().clone(),
        at,
        Channel::Email,
        Direction::Inbound,
        EventKind::FollowUp,
    )
    .with_text(text)
}

const PARCEL: &str = "My parcel was due yesterday and has not arrived, where is it?";

#[test]
fn story_a_customer_who_writes_that_the_parcel_turned_up_drops_below_the_open_requests() -> Result {
    // Two customers wrote the same worried message at the same time. Half an hour later one of
    // them writes again: the parcel turned up. That follow-up is no chase; the request has
    // nothing left to answer urgently and goes below the one still open.
    let (ana, ben) = (customer("cus-ana")?, customer("cus-ben")?);
    let at = datetime!(2026-11-23 10:00 UTC);
    let closed_at = datetime!(2026-11-23 10:30 UTC);
    let requests = [
        request("req-ana", &ana, at, PARCEL)
            .event(follow_up(
                &ana,
                closed_at,
                "oh it turned up, all fine now, thanks!",
            ))
            .build()?,
        request("req-ben", &ben, at, PARCEL).build()?,
        // A routine question that came in later still ranks above the closed request.
        request(
            "req-later",
            &ben,
            datetime!(2026-11-23 10:50 UTC),
            "What are your opening hours on Saturday?",
        )
        .build()?,
    ];
    let ranker = Ranker::default();
    let now = datetime!(2026-11-23 11:00 UTC);
    assert_eq!(
        order(&ranker, &requests, now),
        ["req-ben", "req-later", "req-ana"]
    );
    let ranking = ranker.rank(&requests, now);
    let closed = ranking.ranked().last().expect("three ranked");
    assert_eq!(closed.assessment.band, Band::NotWaiting);
    assert!(closed.assessment.next_breach.is_none());
    assert!(closed.assessment.level < Level::High, "{closed:?}");
    let reasons = ranking.reasons(closed);
    let kinds: Vec<ReasonKind> = reasons.iter().map(|r| r.kind).collect();
    assert!(!kinds.contains(&ReasonKind::RepeatContact), "{kinds:?}");
    assert!(!kinds.contains(&ReasonKind::Waiting), "{kinds:?}");
    let resolved = reasons
        .iter()
        .find(|r| r.kind == ReasonKind::CustomerReportsResolved)
        .expect("the closure is shown");
    assert_eq!(resolved.kind.as_str(), "customer_reports_resolved");
    assert!(resolved.weight < 0.0, "it cancels the text's points");
    match &resolved.evidence {
        Evidence::CustomerMessage { message, at } => {
            assert_eq!(*message, MessageSource::Event(0));
            assert_eq!(*at, closed_at);
        }
        other => panic!("evidence {other:?}"),
    }
    // The weights add up to the priority: the closure's negative weight is part of the sum.
    let points: f64 = reasons.iter().map(|r| r.weight).sum();
    assert!((points - closed.assessment.priority).abs() < 1e-9);
    assert_eq!(
        closed.assessment.band_reason,
        realboss::ReasonKind::CustomerReportsResolved
    );
    Ok(())
}

#[test]
fn story_thanks_but_still_nothing_is_a_chase_and_outranks_the_quiet_customer() -> Result {
    // "Thanks, but still nothing" opens with thanks, yet the parcel is still missing: it is a
    // chase. Order: the chaser, then the customer who wrote once, then the one whose parcel
    // turned up.
    let (ana, ben, cem) = (
        customer("cus-ana")?,
        customer("cus-ben")?,
        customer("cus-cem")?,
    );
    let at = datetime!(2026-11-23 10:00 UTC);
    let later = datetime!(2026-11-23 10:40 UTC);
    let requests = [
        request("req-closed", &ana, at, PARCEL)
            .event(follow_up(
                &ana,
                later,
                "oh it turned up, all fine now, thanks!",
            ))
            .build()?,
        request("req-once", &ben, at, PARCEL).build()?,
        request("req-chased", &cem, at, PARCEL)
            .event(follow_up(&cem, later, "Thanks, but still nothing"))
            .build()?,
    ];
    let ranker = Ranker::default();
    let now = datetime!(2026-11-23 11:00 UTC);
    assert_eq!(
        order(&ranker, &requests, now),
        ["req-chased", "req-once", "req-closed"]
    );
    let ranking = ranker.rank(&requests, now);
    let chased = &ranking.ranked()[0];
    let kinds: Vec<ReasonKind> = ranking.reasons(chased).iter().map(|r| r.kind).collect();
    assert!(kinds.contains(&ReasonKind::RepeatContact), "{kinds:?}");
    assert!(
        !kinds.contains(&ReasonKind::CustomerReportsResolved),
        "{kinds:?}"
    );
    Ok(())
}

#[test]
fn story_a_polite_no_rush_question_is_not_lifted_by_its_question() -> Result {
    // The customer asks how to export invoices and says there is no rush. The question alone
    // must not make the request urgent-looking: no question points, level low.
    let dora = customer("cus-dora")?;
    let at = datetime!(2026-11-23 10:00 UTC);
    let calm_text = "No rush, whenever you can — could you tell me how to export my invoices?";
    let requests = [
        request("req-calm", &dora, at, calm_text).build()?,
        request(
            "req-asked",
            &dora,
            at,
            "Could you tell me how to export my invoices?",
        )
        .build()?,
    ];
    let ranker = Ranker::default();
    let now = datetime!(2026-11-23 10:10 UTC);
    // The same question without "no rush" comes first.
    assert_eq!(order(&ranker, &requests, now), ["req-asked", "req-calm"]);
    let ranking = ranker.rank(&requests, now);
    let calm = ranking
        .ranked()
        .iter()
        .find(|r| r.index == 0)
        .expect("ranked");
    assert_eq!(calm.assessment.level, Level::Low, "{calm:?}");
    let text_points: f64 = ranking
        .reasons(calm)
        .iter()
        .filter(|r| r.kind == ReasonKind::TextUrgency)
        .map(|r| r.weight)
        .sum();
    assert_eq!(text_points, 0.0, "{:?}", ranking.reasons(calm));
    assert!(!ranking.texts()[1].messages()[0].calm, "no calming phrase");
    Ok(())
}

#[test]
fn story_four_shouted_font_requests_do_not_outrank_another_customers_store_outage() -> Result {
    // A gold customer sends four "URGENT!!! ASAP" requests about the font of their newsletter
    // in the morning; later a small shop's online store goes down. The outage is answered
    // first, in a batch ranking and in a live queue alike, and the font requests stay below
    // `high` (so they do not get the tight SLA either).
    let fonts = fixtures::customer("cus-fonts", Tier::Gold, 12_000.0)?;
    let shop = customer("cus-shop")?;
    let first = datetime!(2026-11-23 09:00 UTC);
    let shouted = [
        "URGENT!!! ASAP: the font in our newsletter is too small, please change it",
        "URGENT!!! ASAP the headline font of the newsletter should be bold",
        "URGENT!!! ASAP put the newsletter font back to Arial!!!",
        "URGENT!!! ASAP make the newsletter font a bit darker please",
    ];
    let mut requests = Vec::new();
    for (i, text) in shouted.iter().enumerate() {
        let at = first + Duration::minutes(10 * i as i64);
        requests.push(request(&format!("req-font-{i}"), &fonts, at, text).build()?);
    }
    requests.push(
        request(
            "req-outage",
            &shop,
            datetime!(2026-11-23 10:00 UTC),
            "Our online store is down since this morning, customers cannot check out",
        )
        .build()?,
    );
    let ranker = Ranker::default();
    let now = datetime!(2026-11-23 10:15 UTC);
    let ids = order(&ranker, &requests, now);
    assert_eq!(ids[0], "req-outage", "{ids:?}");
    let ranking = ranker.rank(&requests, now);
    for ranked in &ranking.ranked()[1..] {
        let kinds: Vec<ReasonKind> = ranking.reasons(ranked).iter().map(|r| r.kind).collect();
        assert!(kinds.contains(&ReasonKind::SelfUrgentDiscount), "{kinds:?}");
        assert!(ranked.assessment.level < Level::High, "{ranked:?}");
    }
    let mut queue = Queue::new(ranker.clone());
    for r in &requests {
        queue.insert(r.clone(), now)?;
    }
    let (popped, _) = queue.pop(now).expect("five queued");
    assert_eq!(popped.id().as_str(), "req-outage");
    Ok(())
}
