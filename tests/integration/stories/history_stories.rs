//! A request's history, read the way a support lead would: who has been left waiting, how
//! often they had to come back, which promises we broke.

use realboss::ErrorKind;
use realboss::model::*;
use realboss::policy::HistoryConfig;
use realboss::policy::HumanDuration;
use realboss::priority::history::{Immediacy, history_signals};
use time::macros::{date, datetime};
use time::{Duration, OffsetDateTime};

fn nora() -> CustomerProfile {
    CustomerProfile::builder(CustomerId::new("cus-0412").unwrap())
        .tier(Tier::Silver)
        .lifetime_value(Money::new(2380.4, "GBP".parse().unwrap()).unwrap())
        .customer_since(date!(2021 - 06 - 14))
        .build()
        .unwrap()
}

fn event(
    at: OffsetDateTime,
    channel: Channel,
    direction: Direction,
    kind: EventKind,
) -> ContactEvent {
    ContactEvent::new(nora().id().clone(), at, channel, direction, kind)
}

fn message(at: OffsetDateTime, channel: Channel, text: &str) -> ContactEvent {
    event(at, channel, Direction::Inbound, EventKind::FollowUp).with_text(text)
}

fn our_reply(at: OffsetDateTime) -> ContactEvent {
    event(at, Channel::Email, Direction::Outbound, EventKind::Reply)
}

fn call(at: OffsetDateTime, direction: Direction, outcome: CallOutcome) -> ContactEvent {
    event(at, Channel::Phone, direction, EventKind::Call { outcome })
}

fn promise(at: OffsetDateTime, due_at: OffsetDateTime) -> ContactEvent {
    event(
        at,
        Channel::Phone,
        Direction::Outbound,
        EventKind::Promise { due_at },
    )
}

fn request(channel: Channel, received_at: OffsetDateTime, events: Vec<ContactEvent>) -> Request {
    Request::builder(
        RequestId::new("req-1").unwrap(),
        nora(),
        channel,
        received_at,
    )
    .text("My hire car is cancelled and I'm stuck at the station.")
    .events(events)
    .build()
    .unwrap()
}

fn defaults() -> HistoryConfig {
    HistoryConfig::default()
}

#[test]
fn the_stranded_customer_who_called_twice_is_still_waiting_at_21_51() {
    let r = request(
        Channel::Phone,
        datetime!(2026-11-23 21:32 UTC),
        vec![
            call(
                datetime!(2026-11-23 21:32 UTC),
                Direction::Inbound,
                CallOutcome::Answered,
            ),
            promise(
                datetime!(2026-11-23 21:33 UTC),
                datetime!(2026-11-23 21:47 UTC),
            ),
            call(
                datetime!(2026-11-23 21:39 UTC),
                Direction::Inbound,
                CallOutcome::Answered,
            ),
            promise(
                datetime!(2026-11-23 21:40 UTC),
                datetime!(2026-11-23 21:55 UTC),
            ),
        ],
    );
    let s = history_signals(&r, datetime!(2026-11-23 21:51 UTC), &defaults());
    assert_eq!(s.repeat_count(), 1);
    assert_eq!(s.repeat_contacts[0].at, datetime!(2026-11-23 21:39 UTC));
    assert_eq!(s.waiting_since, Some(datetime!(2026-11-23 21:32 UTC)));
    assert_eq!(s.waited, Duration::minutes(19));
    // The 21:47 promise is broken; the 21:55 one is not due yet.
    assert_eq!(s.broken_promises.len(), 1);
    let broken = s.broken_promises[0];
    assert_eq!(broken.promised_at, datetime!(2026-11-23 21:33 UTC));
    assert_eq!(broken.due_at, datetime!(2026-11-23 21:47 UTC));
    assert_eq!(broken.overdue, Duration::minutes(4));
    assert!(s.missed_calls.is_empty() && s.lead.is_none() && s.channel_escalation.is_none());
}

#[test]
fn the_sample_inbox_tells_the_same_story() {
    let line = include_str!("../../../examples/data/inbox.jsonl")
        .lines()
        .next()
        .unwrap();
    let r = Request::from_json(line).unwrap();
    assert_eq!(r.id().as_str(), "req-2101");
    let s = history_signals(&r, datetime!(2026-11-23 21:51 UTC), &defaults());
    assert_eq!(s.repeat_count(), 1);
    assert_eq!(s.waiting_since, Some(datetime!(2026-11-23 21:32 UTC)));
    assert_eq!(s.broken_promises.len(), 1);
}

#[test]
fn a_burst_of_three_chat_messages_within_a_minute_is_one_contact() {
    let t = datetime!(2026-11-23 10:00 UTC);
    let r = request(
        Channel::Chat,
        t,
        vec![
            message(t + Duration::minutes(10), Channel::Chat, "hello??"),
            message(
                t + Duration::minutes(10) + Duration::seconds(20),
                Channel::Chat,
                "is anyone there",
            ),
            message(
                t + Duration::minutes(10) + Duration::seconds(55),
                Channel::Chat,
                "I need help now",
            ),
        ],
    );
    let s = history_signals(&r, t + Duration::minutes(30), &defaults());
    assert_eq!(s.repeat_count(), 1, "{s:?}");
    assert_eq!(s.repeat_contacts[0].at, t + Duration::minutes(10));

    // With a zero window every message counts on its own.
    let mut each = HistoryConfig::default();
    each.burst_window = HumanDuration::ZERO;
    each.validate().unwrap();
    assert_eq!(
        history_signals(&r, t + Duration::minutes(30), &each).repeat_count(),
        3
    );
}

#[test]
fn a_thanks_all_sorted_follow_up_is_not_a_repeat_contact() {
    let t = datetime!(2026-11-23 10:00 UTC);
    let thanks = request(
        Channel::Email,
        t,
        vec![message(
            t + Duration::hours(1),
            Channel::Email,
            "Thanks, all sorted!",
        )],
    );
    let s = history_signals(&thanks, t + Duration::hours(2), &defaults());
    assert_eq!(s.repeat_count(), 0);

    let chase = request(
        Channel::Email,
        t,
        vec![message(
            t + Duration::hours(1),
            Channel::Email,
            "Thanks, but any news?",
        )],
    );
    assert_eq!(
        history_signals(&chase, t + Duration::hours(2), &defaults()).repeat_count(),
        1
    );
}

#[test]
fn our_reply_stops_the_waiting_clock_and_a_later_message_restarts_it() {
    let t = datetime!(2026-11-23 09:00 UTC);
    let answered = request(Channel::Email, t, vec![our_reply(t + Duration::hours(1))]);
    let s = history_signals(&answered, t + Duration::hours(3), &defaults());
    assert_eq!(s.waiting_since, None);
    assert_eq!(s.waited, Duration::ZERO);

    let back = request(
        Channel::Email,
        t,
        vec![
            message(t + Duration::minutes(30), Channel::Email, "any update?"),
            our_reply(t + Duration::hours(1)),
            message(
                t + Duration::hours(2),
                Channel::Email,
                "That did not work, the card is still blocked",
            ),
        ],
    );
    let s = history_signals(&back, t + Duration::hours(3), &defaults());
    assert_eq!(s.waiting_since, Some(t + Duration::hours(2)));
    assert_eq!(s.waited, Duration::hours(1));
    // The chase before our reply was answered; the new message opens a fresh period.
    assert_eq!(s.repeat_count(), 0);
}

#[test]
fn a_promise_kept_by_a_reply_is_not_broken_even_when_late() {
    let t = datetime!(2026-11-23 09:00 UTC);
    let r = request(
        Channel::Phone,
        t,
        vec![
            promise(t + Duration::minutes(5), t + Duration::minutes(20)),
            our_reply(t + Duration::minutes(40)),
        ],
    );
    assert!(
        history_signals(&r, t + Duration::hours(1), &defaults())
            .broken_promises
            .is_empty()
    );
    // Before the late reply happened, the promise was broken.
    let s = history_signals(&r, t + Duration::minutes(30), &defaults());
    assert_eq!(s.broken_promises.len(), 1);
    assert_eq!(s.broken_promises[0].overdue, Duration::minutes(10));
}

#[test]
fn a_failed_payment_then_a_successful_one_is_no_signal() {
    let t = datetime!(2026-11-23 09:00 UTC);
    let attempt = |at, outcome| {
        event(
            at,
            Channel::other("checkout").unwrap(),
            Direction::Inbound,
            EventKind::PaymentAttempt {
                outcome,
                method: Some(PaymentMethod::Card),
                amount: None,
            },
        )
    };
    let retried = request(
        Channel::Email,
        t,
        vec![
            attempt(t + Duration::minutes(1), PaymentOutcome::Failed),
            attempt(t + Duration::minutes(2), PaymentOutcome::Succeeded),
        ],
    );
    assert_eq!(
        history_signals(&retried, t + Duration::hours(1), &defaults()).failed_payment,
        None
    );

    let stuck = request(
        Channel::Email,
        t,
        vec![
            attempt(t + Duration::minutes(1), PaymentOutcome::Succeeded),
            attempt(t + Duration::minutes(2), PaymentOutcome::Failed),
        ],
    );
    let failed = history_signals(&stuck, t + Duration::hours(1), &defaults())
        .failed_payment
        .unwrap();
    assert_eq!(failed.at, t + Duration::minutes(2));
    assert_eq!(failed.method, Some(PaymentMethod::Card));
}

#[test]
fn a_web_form_lead_unanswered_for_three_days_keeps_its_signal() {
    let t = datetime!(2026-11-23 14:05 UTC);
    let form = request(Channel::WebForm, t, vec![]);
    // The channel alone makes no lead: only the host's data does.
    assert_eq!(
        history_signals(&form, t + Duration::days(3), &defaults()).lead,
        None
    );
    let r = marked_lead(&form);
    let lead = history_signals(&r, t + Duration::days(3), &defaults())
        .lead
        .unwrap();
    assert_eq!(lead.received_at, t);
    assert_eq!(lead.waited, Duration::days(3));
    // It never sinks: a year later it is still there, with a longer wait.
    let later = history_signals(&r, t + Duration::days(365), &defaults())
        .lead
        .unwrap();
    assert_eq!(later.waited, Duration::days(365));

    let answered = request(Channel::WebForm, t, vec![our_reply(t + Duration::hours(2))]);
    assert!(
        history_signals(&answered, t + Duration::days(3), &defaults())
            .lead
            .is_none()
    );
    // An email request is not a lead.
    let email = request(Channel::Email, t, vec![]);
    assert!(
        history_signals(&email, t + Duration::days(3), &defaults())
            .lead
            .is_none()
    );
}

#[test]
fn an_email_then_a_phone_call_while_waiting_is_a_channel_escalation() {
    let t = datetime!(2026-11-23 09:00 UTC);
    let r = request(
        Channel::Email,
        t,
        vec![call(
            t + Duration::hours(4),
            Direction::Inbound,
            CallOutcome::Voicemail,
        )],
    );
    let s = history_signals(&r, t + Duration::hours(5), &defaults());
    let up = s.channel_escalation.unwrap();
    assert_eq!(
        (up.from, up.to, up.at),
        (Channel::Email, Channel::Phone, t + Duration::hours(4))
    );
    assert_eq!(s.missed_calls.len(), 1);
    assert_eq!(s.missed_calls[0].outcome, CallOutcome::Voicemail);
    assert_eq!(Immediacy::of(&Channel::Email), Immediacy::Written);
    assert!(Immediacy::of(&Channel::Chat) < Immediacy::of(&Channel::InPerson));

    // Once we answered, the escalation belongs to the past.
    let answered = request(
        Channel::Email,
        t,
        vec![
            call(
                t + Duration::hours(4),
                Direction::Inbound,
                CallOutcome::Missed,
            ),
            call(
                t + Duration::hours(4) + Duration::minutes(3),
                Direction::Outbound,
                CallOutcome::Answered,
            ),
        ],
    );
    let s = history_signals(&answered, t + Duration::hours(5), &defaults());
    assert!(s.channel_escalation.is_none() && s.missed_calls.is_empty());
}

#[test]
fn now_before_everything_means_nothing_has_happened_yet() {
    let t = datetime!(2026-11-23 09:00 UTC);
    let r = request(
        Channel::WebForm,
        t,
        vec![
            message(t + Duration::hours(1), Channel::Email, "any news?"),
            promise(t + Duration::hours(2), t + Duration::hours(3)),
        ],
    );
    let s = history_signals(&r, t - Duration::days(1), &defaults());
    assert_eq!(s.waiting_since, None);
    assert_eq!(s.waited, Duration::ZERO);
    assert_eq!(s.repeat_count(), 0);
    assert!(s.broken_promises.is_empty() && s.lead.is_none());
    // Events after `now` are ignored: at 09:30 only the request itself has happened.
    let s = history_signals(&r, t + Duration::minutes(30), &defaults());
    assert_eq!(s.waiting_since, Some(t));
    assert_eq!(s.repeat_count(), 0);
}

#[test]
fn the_ends_of_time_do_not_panic() {
    let first = datetime!(0000-01-01 00:00 UTC);
    let last = datetime!(9999-12-31 23:59:59 UTC);
    let r = request(
        Channel::WebForm,
        first,
        vec![
            promise(first, last),
            message(last, Channel::Chat, "still waiting"),
        ],
    );
    for now in [
        OffsetDateTime::new_utc(time::Date::MIN, time::Time::MIDNIGHT),
        first,
        last,
        OffsetDateTime::new_utc(time::Date::MAX, time::Time::MAX),
    ] {
        let s = history_signals(&r, now, &defaults());
        assert!(s.waited >= Duration::ZERO);
        serde_json::to_string(&s).unwrap();
    }
    let s = history_signals(&r, last, &defaults());
    assert_eq!(s.waiting_since, Some(first));
    assert_eq!(s.waited, last - first);
    assert_eq!(s.repeat_count(), 1);
}

#[test]
fn signals_serialize_with_named_units() {
    let t = datetime!(2026-11-23 14:05 UTC);
    let r = marked_lead(&request(Channel::WebForm, t, vec![]));
    let json =
        serde_json::to_value(history_signals(&r, t + Duration::hours(1), &defaults())).unwrap();
    assert_eq!(json["waiting_since"], "2026-11-23T14:05:00Z");
    assert_eq!(json["waited_secs"], 3600);
    assert_eq!(json["lead"]["waited_secs"], 3600);
    assert_eq!(json["failed_payment"], serde_json::Value::Null);
}

#[test]
fn bad_history_configurations_say_what_to_fix() {
    let cases = [
        (r#"{"burst_window": "2h"}"#, "burst_window"),
        (r#"{"burst_window": "1h1s"}"#, "burst_window"),
        (r#"{"burst_window": "2 minutes"}"#, "duration"),
        (r#"{"burst": "2m"}"#, "unknown field"),
    ];
    for (json, needle) in cases {
        let err = serde_json::from_str::<HistoryConfig>(json).unwrap_err();
        assert!(err.to_string().contains(needle), "{json}: {err}");
    }
    let mut config = defaults();
    config.burst_window = HumanDuration::from_hours(2);
    let err = config.validate().unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::InvalidValue { field, value, expected }
            if field == "burst_window" && value == "2h" && expected.contains("1h")),
        "{err}"
    );
    config.burst_window = HumanDuration::from_hours(1);
    assert!(config.validate().is_ok());
    let round: HistoryConfig =
        serde_json::from_str(&serde_json::to_string(&defaults()).unwrap()).unwrap();
    assert_eq!(round, defaults());
    assert_eq!(
        serde_json::from_str::<HistoryConfig>("{}").unwrap(),
        defaults()
    );
}

#[test]
fn configs_and_signals_can_be_shared_between_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<HistoryConfig>();
    shared::<realboss::priority::history::HistorySignals>();
}

#[test]
fn edges_of_the_burst_window_the_promise_and_resolutions() {
    let t = datetime!(2026-11-23 09:00 UTC);
    let two_minutes = Duration::minutes(2);
    // Exactly the burst window after the previous message: still the same burst.
    let same = request(
        Channel::Chat,
        t,
        vec![message(t + two_minutes, Channel::Chat, "hello")],
    );
    assert_eq!(
        history_signals(&same, t + Duration::hours(1), &defaults()).repeat_count(),
        0
    );
    let one_second_more = request(
        Channel::Chat,
        t,
        vec![message(
            t + two_minutes + Duration::seconds(1),
            Channel::Chat,
            "hello",
        )],
    );
    assert_eq!(
        history_signals(&one_second_more, t + Duration::hours(1), &defaults()).repeat_count(),
        1
    );

    // A promise due exactly now is not broken yet; a second later it is.
    let due = t + Duration::minutes(30);
    let promised = request(
        Channel::Phone,
        t,
        vec![promise(t + Duration::minutes(1), due)],
    );
    assert!(
        history_signals(&promised, due, &defaults())
            .broken_promises
            .is_empty()
    );
    assert_eq!(
        history_signals(&promised, due + Duration::seconds(1), &defaults())
            .broken_promises
            .len(),
        1
    );

    // A resolution answers the customer, whoever recorded it.
    for direction in [Direction::Outbound, Direction::Inbound] {
        let resolved = request(
            Channel::Email,
            t,
            vec![event(
                t + Duration::hours(1),
                Channel::Email,
                direction,
                EventKind::Resolution,
            )],
        );
        let s = history_signals(&resolved, t + Duration::hours(2), &defaults());
        assert_eq!(s.waiting_since, None, "{direction:?}");
    }
    // A missed outbound call does not.
    let tried = request(
        Channel::Email,
        t,
        vec![call(
            t + Duration::hours(1),
            Direction::Outbound,
            CallOutcome::Missed,
        )],
    );
    assert_eq!(
        history_signals(&tried, t + Duration::hours(2), &defaults()).waiting_since,
        Some(t)
    );
}

#[test]
fn a_customer_who_writes_that_it_turned_up_is_no_longer_waiting_until_they_write_again() {
    let t = |m: i64| datetime!(2026-11-23 10:00 UTC) + Duration::minutes(m);
    let mut events = vec![
        message(t(20), Channel::Email, "any news?"),
        message(
            t(40),
            Channel::Email,
            "oh it turned up, all fine now, thanks!",
        ),
    ];
    let closed = history_signals(
        &request(Channel::Email, t(0), events.clone()),
        t(60),
        &defaults(),
    );
    // The closure ended the wait: no chase, no wait, and it says which message closed it.
    assert_eq!(closed.waiting_since, None);
    assert_eq!(closed.repeat_count(), 0);
    let closure = closed.closure.as_ref().expect("a closure");
    assert_eq!((closure.at, closure.event), (t(40), 1));
    assert_eq!(closure.channel, Channel::Email);
    // A thank-you afterwards, or our reply, leave it closed.
    events.push(message(t(45), Channel::Email, "Thanks!"));
    events.push(our_reply(t(50)));
    let still = history_signals(
        &request(Channel::Email, t(0), events.clone()),
        t(60),
        &defaults(),
    );
    assert_eq!(still.closure, closed.closure);
    // A new message reopens it: a new wait from that message, and no chase before it counts.
    events.push(message(
        t(70),
        Channel::Email,
        "Sorry, it was the wrong parcel after all.",
    ));
    let reopened = history_signals(&request(Channel::Email, t(0), events), t(90), &defaults());
    assert_eq!(reopened.closure, None);
    assert_eq!(reopened.waiting_since, Some(t(70)));
    assert_eq!(reopened.repeat_count(), 0);
}

#[test]
fn thanks_but_still_nothing_is_a_chase_and_a_withdrawn_lead_is_no_lead() {
    let t = |m: i64| datetime!(2026-11-23 10:00 UTC) + Duration::minutes(m);
    let chased = history_signals(
        &request(
            Channel::Email,
            t(0),
            vec![message(t(30), Channel::Email, "Thanks, but still nothing")],
        ),
        t(60),
        &defaults(),
    );
    assert_eq!(chased.repeat_count(), 1);
    assert_eq!(chased.closure, None);
    let lead = |events| {
        history_signals(
            &marked_lead(&request(Channel::WebForm, t(0), events)),
            t(60),
            &defaults(),
        )
    };
    assert!(lead(vec![]).lead.is_some());
    let withdrawn = lead(vec![message(
        t(30),
        Channel::Email,
        "please disregard, works now",
    )]);
    assert!(withdrawn.lead.is_none());
    assert!(withdrawn.closure.is_some());
}

/// The request as the host marks a lead (a sales form, a `lead` tag).
fn marked_lead(request: &Request) -> Request {
    request.to_builder().lead(true).build().unwrap()
}
