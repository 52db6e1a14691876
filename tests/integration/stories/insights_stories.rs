//! Insights in a team lead's words: how satisfied customers are, how fast we answer, who
//! deserves recognition.

use realboss::insights::{Insights, InsightsConfig};
use realboss::model::{
    AgentId, CallOutcome, Channel, ContactEvent, CustomerId, Direction, EventKind, Feedback,
    Rating, RequestId, Thumb,
};
use realboss::{Analyzer, AnalyzerConfig, ErrorKind};
use time::OffsetDateTime;
use time::macros::datetime;

fn cus(id: &str) -> CustomerId {
    CustomerId::new(id).unwrap()
}
fn agent(id: &str) -> AgentId {
    AgentId::new(id).unwrap()
}
fn inbound(req: &str, at: OffsetDateTime, kind: EventKind) -> ContactEvent {
    ContactEvent::new(cus("cus-1"), at, Channel::Chat, Direction::Inbound, kind)
        .with_request(RequestId::new(req).unwrap())
}
fn ours(req: &str, at: OffsetDateTime, kind: EventKind, by: &str) -> ContactEvent {
    ContactEvent::new(cus("cus-1"), at, Channel::Chat, Direction::Outbound, kind)
        .with_request(RequestId::new(req).unwrap())
        .with_agent(agent(by))
}
fn feedback(at: OffsetDateTime, rating: Rating) -> Feedback {
    Feedback::new(cus("cus-1"), at, Channel::Email, "").with_rating(rating)
}
/// Durations of 64 s and more come from a histogram, within 1/128 of the true value.
fn near(figure: Option<u64>, expected: u64) {
    let got = figure.expect("a figure");
    let bound = expected as f64 * realboss::insights::MAX_RELATIVE_ERROR;
    assert!(
        got.abs_diff(expected) as f64 <= bound,
        "{got} vs {expected}"
    );
}
fn fresh() -> Insights {
    Insights::new(InsightsConfig::default()).unwrap()
}

#[test]
fn csat_is_the_share_of_four_and_five_among_csat_and_star_ratings() {
    let mut i = fresh();
    let t = datetime!(2026-11-01 10:00 UTC);
    for r in [
        Rating::csat(5),
        Rating::csat(4),
        Rating::stars(3),
        Rating::stars(1),
        Rating::nps(10),
    ] {
        i.observe_feedback(&feedback(t, r.unwrap()), None);
    }
    i.observe_feedback(&feedback(t, Rating::Thumbs(Thumb::Up)), None);
    let r = i.report();
    assert_eq!((r.csat.hits, r.csat.count), (2, 4));
    assert_eq!(r.csat.share, Some(0.5));
    assert_eq!(r.coverage.feedback, 6);
}

#[test]
fn nps_is_promoters_minus_detractors_in_percent() {
    let mut i = fresh();
    let t = datetime!(2026-11-01 10:00 UTC);
    assert_eq!(
        i.report().nps.score,
        None,
        "no answers is no score, not zero"
    );
    for n in [10, 9, 9, 8, 6, 0, 3, 10, 7, 10] {
        i.observe_feedback(&feedback(t, Rating::nps(n).unwrap()), None);
    }
    let nps = i.report().nps;
    assert_eq!((nps.promoters, nps.passives, nps.detractors), (5, 2, 3));
    assert_eq!(nps.score, Some(20.0));
}

#[test]
fn a_customer_who_had_to_chase_us_counts_as_a_repeat_contact() {
    let mut i = fresh();
    let t = datetime!(2026-11-02 9:00 UTC);
    // Chased: asked, asked again, then got an answer.
    i.observe_event(&inbound("chased", t, EventKind::Inquiry), None);
    i.observe_event(
        &inbound(
            "chased",
            t + time::Duration::minutes(30),
            EventKind::FollowUp,
        ),
        None,
    );
    i.observe_event(
        &ours(
            "chased",
            t + time::Duration::hours(1),
            EventKind::Reply,
            "bo",
        ),
        None,
    );
    // Answered first, the customer's second message is a reply in a conversation.
    i.observe_event(&inbound("calm", t, EventKind::Inquiry), None);
    i.observe_event(
        &ours(
            "calm",
            t + time::Duration::minutes(5),
            EventKind::Reply,
            "ana",
        ),
        None,
    );
    i.observe_event(
        &inbound("calm", t + time::Duration::minutes(10), EventKind::Reply),
        None,
    );
    let r = i.report();
    assert_eq!(
        (r.repeat_contact_rate.hits, r.repeat_contact_rate.count),
        (1, 2)
    );
    // First responses: 5 minutes and 1 hour, nearest-rank median is the lower one.
    assert_eq!(r.first_response.count, 2);
    near(r.first_response.median_secs, 300);
    near(r.first_response.p90_secs, 3_600);
    assert_eq!(r.coverage.open_requests, 2);
}

#[test]
fn an_agent_who_turns_an_angry_customer_around_is_credited() {
    let analyzer = Analyzer::new(AnalyzerConfig::default()).unwrap();
    let angry = "This is terrible, I was charged twice and nobody helps!";
    let happy = "Thank you so much, that is great!";
    let (a, b) = (
        analyzer.sentiment(angry).compound,
        analyzer.sentiment(happy).compound,
    );
    assert!(a < 0.0 && b > 0.0);
    let mut i = fresh();
    let t = datetime!(2026-11-03 9:00 UTC);
    i.observe_event(
        &inbound("r1", t, EventKind::Complaint).with_text(angry),
        Some(a),
    );
    i.observe_event(
        &ours(
            "r1",
            t + time::Duration::minutes(2),
            EventKind::Reply,
            "ana",
        ),
        None,
    );
    i.observe_event(
        &inbound("r1", t + time::Duration::minutes(9), EventKind::Reply).with_text(happy),
        Some(b),
    );
    i.observe_event(
        &ours(
            "r1",
            t + time::Duration::minutes(10),
            EventKind::Resolution,
            "ana",
        ),
        None,
    );
    let r = i.report();
    let ana = r.agents.iter().find(|x| x.agent.as_str() == "ana").unwrap();
    assert_eq!(ana.resolutions, 1);
    assert_eq!(ana.first_contact_resolutions, 0, "the customer wrote twice");
    let change = ana.sentiment_change.mean.unwrap();
    assert!((change - (b - a)).abs() < 1e-5, "{change} vs {}", b - a);
    near(r.resolution.median_secs, 600);
    assert_eq!(r.coverage.resolved_requests, 1);
    assert_eq!(r.coverage.open_requests, 0);
}

#[test]
fn resolving_on_the_first_contact_counts_for_the_resolver() {
    let mut i = fresh();
    let t = datetime!(2026-11-03 9:00 UTC);
    i.observe_event(&inbound("r1", t, EventKind::Inquiry), None);
    i.observe_event(
        &ours("r1", t + time::Duration::minutes(3), EventKind::Reply, "bo"),
        None,
    );
    // Resolution without an agent: credited to the latest agent on the request.
    i.observe_event(
        &ContactEvent::new(
            cus("cus-1"),
            t + time::Duration::minutes(4),
            Channel::Chat,
            Direction::Outbound,
            EventKind::Resolution,
        )
        .with_request(RequestId::new("r1").unwrap()),
        None,
    );
    // A later item closes the request for good; the report is the same either way.
    let before = i.report();
    i.observe_feedback(
        &feedback(t + time::Duration::hours(1), Rating::csat(5).unwrap()),
        None,
    );
    let after = i.report();
    assert_eq!(before.agents, after.agents);
    assert_eq!(after.agents[0].agent.as_str(), "bo");
    assert_eq!(after.agents[0].first_contact_resolutions, 1);
}

#[test]
fn a_resolution_is_an_answer_that_ends_the_wait_for_a_first_response() {
    let mut i = fresh();
    let t = datetime!(2026-11-04 9:00 UTC);
    // Resolved after 20 minutes without a reply.
    i.observe_event(&inbound("r1", t, EventKind::Inquiry), None);
    i.observe_event(
        &ours(
            "r1",
            t + time::Duration::minutes(20),
            EventKind::Resolution,
            "ana",
        ),
        None,
    );
    let r = i.report();
    assert_eq!(r.first_response.count, 1);
    near(r.first_response.median_secs, 1_200);
    near(r.resolution.median_secs, 1_200);
}

#[test]
fn promises_are_kept_by_a_timely_update_and_broken_when_the_due_time_passes() {
    let mut i = fresh();
    let t = datetime!(2026-11-04 9:00 UTC);
    let due = t + time::Duration::hours(2);
    i.observe_event(&inbound("kept", t, EventKind::Inquiry), None);
    i.observe_event(
        &ours("kept", t, EventKind::Promise { due_at: due }, "ana"),
        None,
    );
    i.observe_event(
        &ours(
            "kept",
            t + time::Duration::hours(1),
            EventKind::Reply,
            "ana",
        ),
        None,
    );
    i.observe_event(&inbound("late", t, EventKind::Inquiry), None);
    i.observe_event(
        &ours("late", t, EventKind::Promise { due_at: due }, "cy"),
        None,
    );
    i.observe_event(
        &ours("late", t + time::Duration::hours(3), EventKind::Reply, "cy"),
        None,
    );
    i.observe_event(&inbound("silent", t, EventKind::Inquiry), None);
    i.observe_event(
        &ours("silent", t, EventKind::Promise { due_at: due }, "dee"),
        None,
    );
    // Time moves on past the due time with no update on "silent".
    i.observe_feedback(
        &feedback(t + time::Duration::hours(5), Rating::csat(3).unwrap()),
        None,
    );
    let r = i.report();
    let get = |name: &str| r.agents.iter().find(|x| x.agent.as_str() == name).unwrap();
    assert_eq!(
        (get("ana").promises_kept, get("ana").promises_broken),
        (1, 0)
    );
    assert_eq!((get("cy").promises_kept, get("cy").promises_broken), (0, 1));
    assert_eq!(
        (get("dee").promises_kept, get("dee").promises_broken),
        (0, 1)
    );
}

#[test]
fn the_trend_shows_mean_sentiment_per_week_starting_on_monday() {
    let mut i = fresh();
    // 2026-11-02 is a Monday.
    i.observe_event(
        &inbound("a", datetime!(2026-11-03 9:00 UTC), EventKind::Complaint),
        Some(-0.8),
    );
    i.observe_event(
        &inbound("b", datetime!(2026-11-08 23:59 UTC), EventKind::Complaint),
        Some(-0.2),
    );
    i.observe_event(
        &inbound("c", datetime!(2026-11-09 0:00 UTC), EventKind::Inquiry),
        Some(0.4),
    );
    // Our own words do not count as the customers' sentiment.
    i.observe_event(
        &ours("c", datetime!(2026-11-09 0:01 UTC), EventKind::Reply, "ana"),
        Some(0.9),
    );
    let trend = i.report().sentiment_trend;
    assert_eq!(trend.len(), 2);
    assert_eq!(trend[0].start, datetime!(2026-11-02 0:00 UTC));
    assert_eq!(trend[0].messages, 2);
    assert!((trend[0].mean_compound + 0.5).abs() < 1e-9);
    assert_eq!(trend[1].start, datetime!(2026-11-09 0:00 UTC));
    assert!((trend[1].mean_compound - 0.4).abs() < 1e-9);
}

#[test]
fn the_top_complaint_topics_come_from_negative_messages_only() {
    let analyzer = Analyzer::new(AnalyzerConfig::default()).unwrap();
    let mut i = fresh();
    let t = datetime!(2026-11-05 9:00 UTC);
    let messages = [
        "My refund never arrived, this is awful",
        "Still no refund after three weeks, terrible service",
        "The courier lost my parcel, I am furious",
        "Refunds take forever, horrible",
        "Thanks, the courier was lovely and the parcel arrived early!",
    ];
    for (n, text) in messages.iter().enumerate() {
        let req = format!("r{n}");
        let compound = analyzer.sentiment(text).compound;
        i.observe_event(
            &inbound(&req, t, EventKind::Complaint).with_text(*text),
            Some(compound),
        );
    }
    let topics = i.report().topics;
    assert_eq!(topics.negative_messages, 4);
    assert_eq!(topics.max_undercount, 0);
    assert_eq!(topics.top[0].stem, "refund");
    // Shown as the word written most: "refund" twice, "refunds" once.
    assert_eq!(topics.top[0].word, "refund");
    assert_eq!(topics.top[0].count, 3);
    let count = |stem: &str| topics.top.iter().find(|x| x.stem == stem).map(|x| x.count);
    // The happy message's courier and parcel do not count; the angry one's do.
    assert_eq!(count("courier"), Some(1));
    assert_eq!(count("parcel"), Some(1));
    for feeling in [
        "terribl", "aw", "awful", "furious", "horribl", "the", "thi", "this",
    ] {
        assert_eq!(count(feeling), None, "{feeling} is not a topic");
    }
}

#[test]
fn caps_are_counted_never_silent() {
    let config: InsightsConfig = serde_json::from_str(
        r#"{"trend_window": "1d", "max_trend_windows": 2, "max_open_requests": 1, "max_agents": 1}"#,
    )
    .unwrap();
    let mut i = Insights::new(config).unwrap();
    let t = datetime!(2026-11-02 9:00 UTC);
    for day in 0..4 {
        i.observe_event(
            &inbound("r1", t + time::Duration::days(day), EventKind::Inquiry),
            Some(0.1),
        );
    }
    i.observe_event(
        &inbound("r2", t + time::Duration::days(4), EventKind::Inquiry),
        None,
    );
    i.observe_event(
        &ours("r1", t + time::Duration::days(4), EventKind::Reply, "ana"),
        None,
    );
    i.observe_event(
        &ours(
            "r1",
            t + time::Duration::days(4),
            EventKind::Resolution,
            "bo",
        ),
        None,
    );
    i.observe_event(&inbound("r3", t, EventKind::Inquiry), Some(f64::NAN));
    let r = i.report();
    assert_eq!(r.sentiment_trend.len(), 2);
    assert_eq!(r.coverage.trend_windows_dropped, 2);
    assert_eq!(r.coverage.events_of_untracked_requests, 2);
    assert_eq!(r.coverage.invalid_scores, 1);
    assert_eq!(r.coverage.late_items, 1);
    assert_eq!(r.agents.len(), 1);
    assert_eq!(
        r.coverage.items_of_untracked_agents, 0,
        "ana answered, bo is the resolver"
    );
    assert!(r.agents[0].agent.as_str() == "bo");
}

#[test]
fn bad_configurations_name_the_field() {
    for (json, field) in [
        (r#"{"trend_window": "30s"}"#, "trend_window"),
        (r#"{"trend_window": "400d"}"#, "trend_window"),
        (r#"{"max_trend_windows": 0}"#, "max_trend_windows"),
        (r#"{"max_open_requests": 10000001}"#, "max_open_requests"),
        (r#"{"max_agents": 0}"#, "max_agents"),
        (r#"{"top_topics": 0}"#, "top_topics"),
        (r#"{"max_topics": 0}"#, "max_topics"),
        (r#"{"max_agent": 3}"#, "max_agent"),
        (r#"{"max_open_age": "30m"}"#, "max_open_age"),
        (r#"{"max_open_age": "4000d"}"#, "max_open_age"),
    ] {
        let err = serde_json::from_str::<InsightsConfig>(json).unwrap_err();
        assert!(err.to_string().contains(field), "{json}: {err}");
    }
    let mut config = InsightsConfig::default();
    config.max_agents = 0;
    let err = Insights::new(config).unwrap_err();
    assert!(matches!(
        err.kind(),
        ErrorKind::InvalidValue { field, .. } if field == "max_agents"
    ));
}

#[test]
fn the_report_serializes_with_the_keys_a_dashboard_reads() {
    let mut i = fresh();
    let t = datetime!(2026-11-02 9:00 UTC);
    i.observe_event(
        &inbound(
            "r",
            t,
            EventKind::Call {
                outcome: CallOutcome::Missed,
            },
        ),
        None,
    );
    i.observe_feedback(&feedback(t, Rating::nps(9).unwrap()), Some(0.3));
    let json = serde_json::to_value(i.report()).unwrap();
    for key in [
        "csat",
        "nps",
        "sentiment_trend",
        "first_response",
        "resolution",
        "repeat_contact_rate",
        "agents",
        "topics",
        "coverage",
    ] {
        assert!(json.get(key).is_some(), "{key} missing in {json}");
    }
    assert_eq!(json["sentiment_trend"][0]["start"], "2026-11-02T00:00:00Z");
}

#[test]
fn a_request_forgotten_for_a_quarter_is_evicted_and_counted_not_lost() {
    let config: InsightsConfig = serde_json::from_str(r#"{"max_open_age": "30d"}"#).unwrap();
    let mut i = Insights::new(config).unwrap();
    let t = datetime!(2026-06-01 9:00 UTC);
    i.observe_event(&inbound("old", t, EventKind::Inquiry), None);
    i.observe_event(
        &ours("old", t + time::Duration::hours(2), EventKind::Reply, "ana"),
        None,
    );
    let due = t + time::Duration::days(2);
    i.observe_event(
        &ours(
            "old",
            t + time::Duration::hours(2),
            EventKind::Promise { due_at: due },
            "ana",
        ),
        None,
    );
    // Nobody resolved it. Thirty days later it is still open and still held.
    let day_30 = t + time::Duration::days(30);
    i.observe_event(&inbound("new", day_30, EventKind::Inquiry), None);
    assert_eq!(i.report().coverage.open_requests, 2);
    assert_eq!(i.report().coverage.stale_requests_evicted, 0);
    // A day past the limit, it leaves memory, counted; what was known of it stays.
    let day_31 = t + time::Duration::days(31);
    i.observe_event(&inbound("new", day_31, EventKind::FollowUp), None);
    let r = i.report();
    assert_eq!(r.coverage.stale_requests_evicted, 1);
    assert_eq!(r.coverage.open_requests, 1, "only the new request");
    near(r.first_response.median_secs, 2 * 3_600);
    assert_eq!(r.first_response.count, 1);
    let ana = r.agents.iter().find(|a| a.agent.as_str() == "ana").unwrap();
    assert_eq!((ana.promises_kept, ana.promises_broken), (0, 1));
    // A later event of the evicted request starts a new episode.
    i.observe_event(&inbound("old", day_31, EventKind::FollowUp), None);
    assert_eq!(i.report().coverage.open_requests, 2);
}

#[test]
fn insights_can_be_shared_and_sent() {
    fn is_send_sync<T: Send + Sync>() {}
    is_send_sync::<Insights>();
    is_send_sync::<realboss::insights::InsightsReport>();
}
