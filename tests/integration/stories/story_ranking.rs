//! The ranking stories of issue 4, each with its expected order. `cargo test story` runs them.

use crate::common::fixtures::{self, order};
use realboss::model::*;
use realboss::priority::{Band, ReasonKind};
use realboss::ranking::{Ranker, SkipReason};
use time::OffsetDateTime;
use time::macros::datetime;

type Result<T = ()> = std::result::Result<T, realboss::Error>;

fn customer(id: &str, tier: Tier, value: f64) -> Result<CustomerProfile> {
    fixtures::customer(id, tier, value)
}

fn request(
    id: &str,
    who: &CustomerProfile,
    channel: Channel,
    at: OffsetDateTime,
    text: &str,
) -> RequestBuilder {
    Request::builder(RequestId::new(id).unwrap(), who.clone(), channel, at).text(text)
}

fn event(
    who: &CustomerProfile,
    at: OffsetDateTime,
    channel: Channel,
    direction: Direction,
    kind: EventKind,
) -> ContactEvent {
    ContactEvent::new(who.id().clone(), at, channel, direction, kind)
}

#[test]
fn story_stranded_customer_who_calls_twice_outranks_the_managers_status_request() -> Result {
    let nora = customer("cus-0412", Tier::Silver, 2380.4)?;
    let vip = customer("cus-0007", Tier::Platinum, 184_250.0)?;
    let answered = EventKind::Call {
        outcome: CallOutcome::Answered,
    };
    let stranded = request(
        "req-2101",
        &nora,
        Channel::Phone,
        datetime!(2026-11-23 21:32 UTC),
        "My hire car for tonight shows as cancelled and I'm stuck at the station with my kids.",
    )
    .event(event(
        &nora,
        datetime!(2026-11-23 21:32 UTC),
        Channel::Phone,
        Direction::Inbound,
        answered.clone(),
    ))
    .event(event(
        &nora,
        datetime!(2026-11-23 21:33 UTC),
        Channel::Phone,
        Direction::Outbound,
        EventKind::Promise {
            due_at: datetime!(2026-11-23 21:47 UTC),
        },
    ))
    .event(
        event(
            &nora,
            datetime!(2026-11-23 21:39 UTC),
            Channel::Phone,
            Direction::Inbound,
            answered,
        )
        .with_text("Sorry to call again, is there any news? I'm still stuck here."),
    )
    .build()?;
    let manager = request(
        "req-2102",
        &vip,
        Channel::InPerson,
        datetime!(2026-11-23 21:50 UTC),
        "Got a minute? I need a status report on the Okafor account before my 8am call.",
    )
    .requester(Requester::Internal {
        name: Some("Dana".into()),
        role: Some("manager".into()),
    })
    .build()?;
    let requests = [manager, stranded];
    let ranker = Ranker::default();
    let now = datetime!(2026-11-23 21:51 UTC);
    let ranking = ranker.rank(&requests, now);
    let first = &ranking.ranked()[0];
    assert_eq!(requests[first.index].id().as_str(), "req-2101");
    let kinds: Vec<ReasonKind> = ranking.reasons(first).iter().map(|r| r.kind).collect();
    assert!(kinds.contains(&ReasonKind::RepeatContact), "{kinds:?}");
    assert!(kinds.contains(&ReasonKind::Waiting), "{kinds:?}");
    let second = &ranking.ranked()[1];
    let manager_kinds: Vec<ReasonKind> = ranking.reasons(second).iter().map(|r| r.kind).collect();
    assert!(manager_kinds.contains(&ReasonKind::InternalRequester));
    Ok(())
}

#[test]
fn story_lead_from_three_days_ago_ranks_above_routine_questions() -> Result {
    let prospect = customer("cus-lead", Tier::Standard, 0.0)?;
    let regular = customer("cus-regular", Tier::Gold, 8000.0)?;
    let now = datetime!(2026-11-23 12:00 UTC);
    let requests = [
        request(
            "req-routine-1",
            &regular,
            Channel::Email,
            datetime!(2026-11-23 10:00 UTC),
            "How do I change the delivery address on my account?",
        )
        .build()?,
        request(
            "req-lead",
            &prospect,
            Channel::WebForm,
            datetime!(2026-11-20 11:00 UTC),
            "We are a team of 40 and would like a quote for your service.",
        )
        .lead(true)
        .build()?,
        request(
            "req-routine-2",
            &regular,
            Channel::Chat,
            datetime!(2026-11-23 11:30 UTC),
            "Where can I find my invoices?",
        )
        .build()?,
    ];
    let ids = order(&Ranker::default(), &requests, now);
    assert_eq!(ids[0], "req-lead", "{ids:?}");
    // A fresh lead also enters high at once.
    let ranker = Ranker::default();
    let ranking = ranker.rank(&requests[1..2], datetime!(2026-11-20 11:01 UTC));
    assert!(ranking.ranked()[0].assessment.level >= Level::High);
    // The same form unmarked is a routine question: the channel alone makes no lead.
    let unmarked: Vec<Request> = requests
        .iter()
        .map(|r| r.to_builder().lead(false).build())
        .collect::<std::result::Result<_, realboss::Error>>()?;
    let ranking = ranker.rank(&unmarked[1..2], datetime!(2026-11-20 11:01 UTC));
    assert!(ranking.ranked()[0].assessment.level < Level::High);
    assert!(
        !ranking
            .reasons(&ranking.ranked()[0])
            .iter()
            .any(|r| r.kind == ReasonKind::Lead)
    );
    Ok(())
}

#[test]
fn story_failed_payment_ranks_above_a_general_question_of_the_same_age() -> Result {
    let a = customer("cus-a", Tier::Standard, 300.0)?;
    let b = customer("cus-b", Tier::Standard, 300.0)?;
    let at = datetime!(2026-11-23 09:00 UTC);
    let failed = EventKind::PaymentAttempt {
        outcome: PaymentOutcome::Failed,
        method: Some(PaymentMethod::Card),
        amount: None,
    };
    let requests = [
        request(
            "req-question",
            &a,
            Channel::Email,
            at,
            "A question about my order",
        )
        .build()?,
        request(
            "req-payment",
            &b,
            Channel::Email,
            at,
            "A question about my order",
        )
        .event(event(
            &b,
            datetime!(2026-11-23 08:55 UTC),
            Channel::Chat,
            Direction::Inbound,
            failed,
        ))
        .build()?,
    ];
    let ids = order(
        &Ranker::default(),
        &requests,
        datetime!(2026-11-23 09:30 UTC),
    );
    assert_eq!(ids, ["req-payment", "req-question"]);
    Ok(())
}

#[test]
fn story_small_customer_locked_out_ranks_above_a_vips_polite_brochure_question() -> Result {
    let small = customer("cus-small", Tier::Standard, 45.0)?;
    let vip = customer("cus-vip", Tier::Platinum, 950_000.0)?;
    let at = datetime!(2026-11-23 14:00 UTC);
    let requests = [
        request("req-vip", &vip, Channel::Email, at,
            "Hello, could you kindly send me your new brochure when you have a moment? Many thanks.").build()?,
        request("req-small", &small, Channel::Chat, at,
            "I'm locked out of my account and can't log in.").build()?,
    ];
    let ids = order(
        &Ranker::default(),
        &requests,
        datetime!(2026-11-23 14:05 UTC),
    );
    assert_eq!(ids, ["req-small", "req-vip"]);
    Ok(())
}

#[test]
fn story_thanks_all_sorted_follow_up_does_not_lift_its_request() -> Result {
    let c = customer("cus-c", Tier::Standard, 100.0)?;
    let at = datetime!(2026-11-23 10:00 UTC);
    let base = || {
        request(
            "req-x",
            &c,
            Channel::Email,
            at,
            "Can you update my billing address?",
        )
    };
    let plain = base().build()?;
    let with_follow_up = |text: &str| {
        base()
            .event(
                event(
                    &c,
                    datetime!(2026-11-23 10:20 UTC),
                    Channel::Email,
                    Direction::Inbound,
                    EventKind::FollowUp,
                )
                .with_text(text),
            )
            .build()
    };
    let ranker = Ranker::default();
    let now = datetime!(2026-11-23 11:00 UTC);
    let p = |r: &Request| {
        ranker.rank(std::slice::from_ref(r), now).ranked()[0]
            .assessment
            .priority
    };
    // "All sorted" reports the problem solved (issue 15): a closure, below the open request.
    assert!(p(&with_follow_up("Thanks, all sorted!")?) < p(&plain));
    // A bare thank-you is no contact either way: it leaves the request where it was.
    assert_eq!(p(&with_follow_up("Thank you!")?), p(&plain));
    let chased = with_follow_up("Any news on this?")?;
    assert!(p(&chased) > p(&plain));
    Ok(())
}

#[test]
fn story_internal_request_ranks_below_a_customer_request_of_equal_urgency() -> Result {
    let c = customer("cus-d", Tier::Standard, 0.0)?;
    let at = datetime!(2026-11-23 10:00 UTC);
    let text = "The export is not working, we need it today.";
    let requests = [
        request("req-a-internal", &c, Channel::Email, at, text)
            .requester(Requester::Internal {
                name: None,
                role: Some("manager".into()),
            })
            .build()?,
        request("req-b-customer", &c, Channel::Email, at, text).build()?,
    ];
    let ids = order(
        &Ranker::default(),
        &requests,
        datetime!(2026-11-23 10:30 UTC),
    );
    assert_eq!(ids, ["req-b-customer", "req-a-internal"]);
    Ok(())
}

#[test]
fn story_waiting_on_customer_ranks_below_every_request_waiting_on_us() -> Result {
    let c = customer("cus-e", Tier::Platinum, 90_000.0)?;
    let d = customer("cus-f", Tier::Standard, 0.0)?;
    let requests = [
        request(
            "req-paused",
            &c,
            Channel::Phone,
            datetime!(2026-11-20 10:00 UTC),
            "URGENT: our whole site is down, we are losing money!",
        )
        .status(Status::WaitingOnCustomer)
        .build()?,
        request(
            "req-small-question",
            &d,
            Channel::Email,
            datetime!(2026-11-23 10:55 UTC),
            "What are your opening hours?",
        )
        .build()?,
    ];
    let ranker = Ranker::default();
    let ranking = ranker.rank(&requests, datetime!(2026-11-23 11:00 UTC));
    assert_eq!(
        requests[ranking.ranked()[0].index].id().as_str(),
        "req-small-question"
    );
    let paused = &ranking.ranked()[1].assessment;
    assert_eq!(paused.band, Band::NotWaiting);
    assert!(paused.next_breach.is_none());
    assert_eq!(paused.band_reason, realboss::ReasonKind::WaitingOnCustomer);
    // Below the question in band, though its own points may be higher.
    assert!(paused.band < ranking.ranked()[0].assessment.band);
    Ok(())
}

#[test]
fn story_a_request_past_the_maximum_wait_reaches_the_top_band() -> Result {
    let c = customer("cus-g", Tier::Standard, 0.0)?;
    let vip = customer("cus-h", Tier::Platinum, 500_000.0)?;
    let now = datetime!(2026-11-23 12:00 UTC);
    let requests = [
        request(
            "req-fresh-distress",
            &vip,
            Channel::Phone,
            datetime!(2026-11-23 11:55 UTC),
            "We are locked out, nothing works, this is an emergency, please call now!",
        )
        .build()?,
        request(
            "req-forgotten",
            &c,
            Channel::Email,
            datetime!(2026-11-20 09:00 UTC),
            "Could you tell me how to print a receipt?",
        )
        .build()?,
    ];
    let ranker = Ranker::default();
    let ranking = ranker.rank(&requests, now);
    let first = &ranking.ranked()[0];
    assert_eq!(requests[first.index].id().as_str(), "req-forgotten");
    assert_eq!(first.assessment.band, Band::MaxWait);
    Ok(())
}

#[test]
fn story_a_customer_who_marks_everything_urgent_gets_urgency_words_discounted() -> Result {
    let shouter = customer("cus-shout", Tier::Standard, 100.0)?;
    let other = customer("cus-other", Tier::Standard, 100.0)?;
    let at = datetime!(2026-11-23 10:00 UTC);
    let now = datetime!(2026-11-23 10:05 UTC);
    let urgent_text = "URGENT!!! Please change the colour of my profile picture ASAP";
    let mut requests = vec![request("req-other", &other, Channel::Email, at, urgent_text).build()?];
    for i in 0..4 {
        requests.push(
            request(
                &format!("req-shout-{i}"),
                &shouter,
                Channel::Email,
                at,
                urgent_text,
            )
            .build()?,
        );
    }
    let ranker = Ranker::default();
    let ranking = ranker.rank(&requests, now);
    assert_eq!(
        requests[ranking.ranked()[0].index].id().as_str(),
        "req-other"
    );
    let last = ranking.ranked().last().unwrap();
    let kinds: Vec<ReasonKind> = ranking.reasons(last).iter().map(|r| r.kind).collect();
    assert!(kinds.contains(&ReasonKind::SelfUrgentDiscount), "{kinds:?}");
    Ok(())
}

#[test]
fn story_resolved_and_future_requests_are_skipped_not_ranked() -> Result {
    let c = customer("cus-i", Tier::Gold, 100.0)?;
    let now = datetime!(2026-11-23 12:00 UTC);
    let requests = [
        request(
            "req-done",
            &c,
            Channel::Email,
            datetime!(2026-11-23 09:00 UTC),
            "Help!",
        )
        .status(Status::Resolved)
        .build()?,
        request(
            "req-later",
            &c,
            Channel::Email,
            datetime!(2026-11-23 13:00 UTC),
            "Hello",
        )
        .build()?,
        request(
            "req-open",
            &c,
            Channel::Email,
            datetime!(2026-11-23 11:00 UTC),
            "Hello",
        )
        .build()?,
    ];
    let ranker = Ranker::default();
    let ranking = ranker.rank(&requests, now);
    assert_eq!(ranking.ranked().len(), 1);
    let skipped: Vec<(usize, SkipReason)> = ranking
        .skipped()
        .iter()
        .map(|s| (s.index, s.reason))
        .collect();
    assert_eq!(
        skipped,
        [(0, SkipReason::Resolved), (1, SkipReason::NotYetReceived)]
    );
    Ok(())
}

#[test]
fn story_a_friday_evening_message_is_due_on_monday_morning_and_the_weekend_counts_half() -> Result {
    use realboss::Policy;
    use realboss::policy::BusinessHours;
    use realboss::priority::DeadlineKind;
    let hours: BusinessHours = serde_json::from_str(
        r#"{"utc_offset": "+00:00",
            "weekly": {"mon": ["09:00-17:00"], "tue": ["09:00-17:00"], "wed": ["09:00-17:00"],
                       "thu": ["09:00-17:00"], "fri": ["09:00-17:00"]}}"#,
    )
    .unwrap();
    let policy = Policy::builder()
        .business_hours(hours)
        .off_hours_wait(0.5)
        .build()?;
    let ranker = Ranker::new(policy);
    let c = customer("cus-j", Tier::Standard, 0.0)?;
    // Friday 2026-11-20, 17:30: the office closed half an hour ago.
    let requests = [request(
        "req-friday",
        &c,
        Channel::Email,
        datetime!(2026-11-20 17:30 UTC),
        "Could you check the status of order 4411?",
    )
    .build()?];
    let monday = datetime!(2026-11-23 09:30 UTC);
    let a = ranker.rank(&requests, monday).ranked()[0].assessment;
    let deadline = a.next_breach.unwrap();
    assert_eq!(deadline.kind, DeadlineKind::FirstReply);
    // Whatever its level, the target counts working time only, so it runs out on Monday.
    assert!(
        deadline.due_at >= datetime!(2026-11-23 09:15 UTC),
        "{deadline:?}"
    );
    // 30 working minutes plus 63.5 closed hours at half weight.
    assert_eq!(
        a.waited,
        time::Duration::minutes(30) + time::Duration::minutes(63 * 60 + 30) / 2
    );
    Ok(())
}
