//! The bad-input table of `realboss::bad_input`, row by row: each class of hostile input and
//! what it gets, through the signals, the JSON readers, the JSON Lines reader and ranking.
//! Classes already held by `sentiment_bad_input.rs` (sentiment of odd text) and
//! `bad_input.rs` (typed errors for bad values, invalid UTF-8 lines, duplicate ids) are
//! not repeated here; the table names those tests.

use crate::common::fixtures::analyzer;
use realboss::jsonl::{read_records, read_requests};
use realboss::model::*;
use realboss::ranking::{Queue, SkipReason};
use realboss::signals::DEFAULT_MAX_TEXT_BYTES;
use realboss::{ErrorKind, Label, Level, Policy, Ranker, Signals};
use serde_json::{Value, json};
use time::macros::datetime;
use time::{Date, OffsetDateTime, Time};

fn base_request() -> Value {
    json!({
        "id": "req-1",
        "customer": {"id": "cus-17", "tier": "gold", "customer_since": "2019-04-02",
                     "lifetime_value": {"amount": 1234.5, "currency": "EUR"}},
        "text": "My card was charged twice.",
        "channel": "email",
        "received_at": "2026-11-23T21:32:00Z"
    })
}

/// Signals in range, explained consistently, deterministic.
fn assert_sane(class: &str, text: &str, s: &Signals) {
    let a = analyzer();
    for v in [
        s.sentiment.compound,
        s.sentiment.positive,
        s.sentiment.neutral,
        s.sentiment.negative,
    ] {
        assert!(v.is_finite(), "{class}: {s:?}");
    }
    assert!((-1.0..=1.0).contains(&s.sentiment.compound), "{class}");
    for v in [s.urgency.score, s.urgency.unmarked_score, s.complaint.score] {
        assert!((0.0..=1.0).contains(&v), "{class}: {v}");
    }
    let why = a.explain_signals(text);
    assert_eq!(&why.signals, s, "{class}: explanation disagrees");
    for cue in &why.cues {
        assert!(text.get(cue.range()).is_some(), "{class}: {cue:?}");
    }
    assert_eq!(&a.signals(text), s, "{class}: not deterministic");
    assert_eq!(
        a.urgency(text),
        s.urgency,
        "{class}: urgency alone disagrees"
    );
}

/// How a text class must come out, beyond being sane.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Expect {
    /// Neutral sentiment, no urgency cue.
    Nothing,
    /// Scored whole, any result.
    Whole,
    /// Scored up to the default maximum length, and says so.
    Cut,
}

struct TextRow {
    class: &'static str,
    text: String,
    expect: Expect,
}

fn text_rows() -> Vec<TextRow> {
    let row = |class, text: String, expect| TextRow {
        class,
        text,
        expect,
    };
    vec![
        row("empty text", String::new(), Expect::Nothing),
        row(
            "white space only",
            " \t\n\r\u{0B}\u{0C}\u{A0}\u{3000}\u{2028}".repeat(1000),
            Expect::Nothing,
        ),
        row("10 MB single token", "x".repeat(10 << 20), Expect::Cut),
        row(
            "10 MB of words",
            "please help, I am locked out ".repeat(360_000),
            Expect::Cut,
        ),
        row(
            "NUL and control characters",
            "\0\u{1}\u{7}\u{8}\u{1B}[31murgent\u{7F}\0 refund\u{0}\u{85}\u{9F}?".into(),
            Expect::Whole,
        ),
        row(
            "right-to-left scripts and bidi controls",
            "\u{202E}tnegru\u{202C} \u{200F}مرحبا، لم يصل طلبي\u{200F} שלום \u{2067}not happy\u{2069}"
                .into(),
            Expect::Whole,
        ),
        row(
            "mixed scripts in one word",
            "urgеnt (Cyrillic е) rеfund 素晴らしいgood Отличноbad".into(),
            Expect::Whole,
        ),
        row(
            "combining-mark flood",
            format!("u{}rgent help", "\u{301}".repeat(1_000_000)),
            Expect::Cut,
        ),
        row(
            "emoji ZWJ sequences",
            "👨‍👩‍👧‍👦 👩🏽‍💻 🏳️‍🌈 ❤️‍🔥 😀‍😡‍ ‍‍‍ 🧑‍🤝‍🧑".repeat(1000),
            Expect::Whole,
        ),
        row("a million !", "!".repeat(1_000_000), Expect::Nothing),
        row(
            "a million ! after an urgent word",
            format!("please help{}", "!".repeat(1_000_000)),
            Expect::Whole,
        ),
        row(
            "long negation chain",
            format!("{}urgent, good", "not ".repeat(200_000)),
            Expect::Whole,
        ),
        row(
            "lone surrogate stand-ins and private use",
            "\u{FFFD}\u{E000}\u{10FFFF}\u{FEFF} late".into(),
            Expect::Whole,
        ),
    ]
}

#[test]
fn every_text_class_gets_sane_signals_and_says_when_it_was_cut() {
    let a = analyzer();
    for row in text_rows() {
        let s = a.signals(&row.text);
        assert_sane(row.class, &row.text, &s);
        match row.expect {
            Expect::Nothing => {
                assert_eq!(s.sentiment.label, Label::Neutral, "{}", row.class);
                assert_eq!(s.sentiment.compound, 0.0, "{}", row.class);
                assert_eq!(s.urgency.cues, 0, "{}", row.class);
                assert_eq!(s.urgency.level, Level::Low, "{}", row.class);
            }
            Expect::Whole => {
                assert!(row.text.len() <= DEFAULT_MAX_TEXT_BYTES, "{}", row.class);
                assert_eq!(s.sentiment.coverage.truncated_at, None, "{}", row.class);
            }
            Expect::Cut => {
                let cut = s.sentiment.coverage.truncated_at.expect(row.class);
                assert!(cut <= DEFAULT_MAX_TEXT_BYTES && cut > 0, "{}", row.class);
                assert!(row.text.is_char_boundary(cut), "{}", row.class);
                assert_eq!(s.urgency.truncated_at, Some(cut), "{}", row.class);
            }
        }
    }
}

#[test]
fn odd_text_still_reads_as_what_it_says() {
    let a = analyzer();
    // Control characters around a word do not hide it.
    assert!(a.urgency("\0\u{7}urgent\u{7F}\0").score > 0.0);
    // A word in another script beside English does not hide the English.
    assert_eq!(
        a.sentiment("مرحبا the agent was great שלום").label,
        Label::Positive
    );
    // "!" is not an urgency cue (see `signals`); a million of them after "please help" still
    // read the "please help".
    let s = a.signals(&format!("please help{}", "!".repeat(1_000_000)));
    assert!(s.urgency.score > 0.0);
    assert_eq!(s.urgency.cues, 1);
}

/// A request line, as JSON, with `text` in place of the base text.
fn request_with_text(text: &str) -> String {
    let mut r = base_request();
    r["text"] = json!(text);
    r.to_string()
}

#[test]
fn odd_text_inside_a_request_is_kept_byte_for_byte_and_ranks() {
    let texts = [
        "\0\u{1}\u{1B}[2J".into(),
        "\u{202E}desrever".into(),
        "👨‍👩‍👧‍👦".repeat(10_000),
        "x".repeat(12 << 20),
    ];
    let ranker = Ranker::default();
    for text in &texts {
        let request = Request::from_json(&request_with_text(text)).expect("any string is a text");
        assert_eq!(request.text(), Some(text.as_str()));
        let ranking = ranker.rank(
            std::slice::from_ref(&request),
            datetime!(2026-11-24 09:00 UTC),
        );
        let a = ranking.ranked()[0].assessment;
        assert!(a.priority.is_finite() && a.priority >= 0.0, "{a:?}");
        assert_ne!(
            a.band,
            realboss::Band::NotWaiting,
            "a new message waits on us"
        );
    }
}

#[test]
fn a_request_with_empty_or_blank_text_and_no_events_is_an_empty_request() {
    for text in ["", "   \t\n ", "\u{A0}\u{3000}"] {
        let err = Request::from_json(&request_with_text(text)).unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::EmptyRequest { request } if request == "req-1"),
            "{text:?}: {err:?}"
        );
    }
    // With an event it is a request whose text says nothing.
    let mut r = base_request();
    r["text"] = json!("");
    r["events"] = json!([{"customer": "cus-17", "at": "2026-11-23T21:40:00Z",
        "channel": "phone", "direction": "inbound", "kind": {"type": "call", "outcome": "missed"}}]);
    let request = Request::from_json(&r.to_string()).unwrap();
    assert_eq!(request.text(), Some(""));
}

#[test]
fn nan_and_infinite_numbers_are_json_errors_with_their_place() {
    // JSON has no NaN or infinity; each spelling is a syntax error at its column, and a
    // number too large for f64 is refused rather than read as infinity.
    for spelling in ["NaN", "Infinity", "-Infinity", "1e999", "-1e999"] {
        let line = base_request().to_string().replace("1234.5", spelling);
        let at = line.find(spelling).unwrap() + 1;
        let err = Request::from_json(&line).unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::Json { line: 1, column, .. }
                if (at..=at + spelling.len()).contains(column)),
            "{spelling} at {at}: {err:?}"
        );
        let policy = format!(r#"{{"weights": {{"text_urgency": {spelling}}}}}"#);
        let err = Policy::from_json(&policy).unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::Json { .. }),
            "{spelling}: {err:?}"
        );
        // Through the reader: the line is reported, the next is read.
        let input = format!("{line}\n{}\n", base_request());
        let items: Vec<_> = read_requests(input.as_bytes()).collect();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].as_ref().unwrap_err().line, 1);
        assert!(items[1].is_ok(), "{spelling}");
    }
    // The largest finite numbers are read and then judged as values.
    let huge = base_request()
        .to_string()
        .replace("1234.5", "1.7976931348623157e308");
    assert!(Request::from_json(&huge).is_ok());
    let err = Policy::from_json(r#"{"weights": {"text_urgency": 1.7976931348623157e308}}"#);
    assert!(err.is_err(), "a weight is bounded: {err:?}");
}

#[test]
fn deeply_nested_json_is_a_json_error_not_a_stack_overflow() {
    for depth in [200, 100_000] {
        let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let in_field = base_request().to_string().replace("\"email\"", &nested);
        for line in [nested.clone(), in_field] {
            let err = Request::from_json(&line).unwrap_err();
            assert!(matches!(err.kind(), ErrorKind::Json { .. }), "{err:?}");
            assert!(err.to_string().len() < 600, "short message");
            let err = Policy::from_json(&line).unwrap_err();
            assert!(matches!(err.kind(), ErrorKind::Json { .. }), "{err:?}");
            assert!(read_records(line.as_bytes()).next().unwrap().is_err());
        }
        let objects = format!("{}{}", "{\"a\":".repeat(depth), "}".repeat(depth));
        assert!(Request::from_json(&objects).is_err());
    }
}

#[test]
fn huge_json_is_read_or_refused_in_linear_time() {
    // One request with 100,000 events: read, kept in order, ranked.
    let mut r = base_request();
    let events: Vec<Value> = (0..100_000)
        .map(|i| {
            json!({"customer": "cus-17", "at": format!("2026-11-23T{:02}:{:02}:{:02}Z",
                       21 + i / 3600 % 3, i / 60 % 60, i % 60),
                   "channel": "phone", "direction": "inbound",
                   "kind": {"type": "call", "outcome": "missed"}})
        })
        .collect();
    r["events"] = Value::Array(events);
    let line = r.to_string();
    assert!(line.len() > 10 << 20, "{} bytes", line.len());
    let request = read_requests(line.as_bytes()).next().unwrap().unwrap();
    assert_eq!(request.events().len(), 100_000);
    let ranker = Ranker::default();
    let requests = [request];
    let ranking = ranker.rank(&requests, datetime!(2026-11-24 09:00 UTC));
    assert!(ranking.ranked()[0].assessment.priority.is_finite());
    // A line of 20 MB of garbage is one error for that line.
    let garbage = format!("{}\n{}\n", "x".repeat(20 << 20), base_request());
    let items: Vec<_> = read_requests(garbage.as_bytes()).collect();
    assert_eq!(items.len(), 2);
    assert!(items[0].is_err() && items[1].is_ok());
}

#[test]
fn events_out_of_order_are_read_and_kept_in_time_order() {
    let mut r = base_request();
    let at = |t: &str| {
        json!({"customer": "cus-17", "at": t, "channel": "phone", "direction": "inbound",
               "kind": {"type": "call", "outcome": "missed"}})
    };
    r["events"] = json!([
        at("2026-11-23T23:00:00Z"),
        at("2026-11-23T21:40:00Z"),
        at("2026-11-23T22:10:00.5Z"),
        at("2026-11-23T21:40:00Z")
    ]);
    let request = Request::from_json(&r.to_string()).unwrap();
    let times: Vec<_> = request.events().iter().map(ContactEvent::at).collect();
    let mut sorted = times.clone();
    sorted.sort();
    assert_eq!(times, sorted);
    assert_eq!(times.len(), 4, "nothing dropped, duplicates kept");
}

fn earliest() -> OffsetDateTime {
    OffsetDateTime::new_utc(Date::MIN, Time::MIDNIGHT)
}

fn latest() -> OffsetDateTime {
    OffsetDateTime::new_utc(Date::MAX, Time::MAX)
}

#[test]
fn timestamps_at_the_ends_of_time_read_and_rank() {
    // The ends of RFC 3339 read; a year past 9999 is a JSON error naming the value.
    for (at, ok) in [
        ("0000-01-01T00:00:00Z", true),
        ("9999-12-31T23:59:59.999999999Z", true),
        ("1969-12-31T23:59:59Z", true),
        ("+10000-01-01T00:00:00Z", false),
        ("2026-02-30T00:00:00Z", false),
        ("2026-11-23T24:00:00Z", false),
    ] {
        let mut r = base_request();
        r["received_at"] = json!(at);
        let result = Request::from_json(&r.to_string());
        assert_eq!(result.is_ok(), ok, "{at}: {result:?}");
        if let Err(err) = result {
            assert!(err.to_string().contains(at), "{err}");
        }
    }
    // Ranking requests from the far past and far future at the ends of time.
    let far_past = Request::from_json(&{
        let mut r = base_request();
        r["received_at"] = json!("0000-01-01T00:00:00Z");
        r.to_string()
    })
    .unwrap();
    let far_future = Request::from_json(&{
        let mut r = base_request();
        r["id"] = json!("req-2");
        r["received_at"] = json!("9999-12-31T23:59:59Z");
        r.to_string()
    })
    .unwrap();
    let requests = [far_past, far_future];
    for now in [earliest(), datetime!(2026-11-23 00:00 UTC), latest()] {
        for ranker in [
            Ranker::default(),
            Ranker::new(
                Policy::from_json(
                    r#"{"business_hours": {"utc_offset": "+14:00",
                        "weekly": {"mon": ["09:00-17:00"]}, "holidays": ["9999-12-31"]}}"#,
                )
                .unwrap(),
            ),
        ] {
            let ranking = ranker.rank(&requests, now);
            assert_eq!(ranking.ranked().len() + ranking.skipped().len(), 2);
            for r in ranking.ranked() {
                assert!(r.assessment.priority.is_finite(), "{now}: {r:?}");
                let _ = ranking.reasons(r);
            }
            let mut queue = Queue::new(ranker.clone());
            for r in &requests {
                queue.insert(r.clone(), now).unwrap();
            }
            assert_eq!(
                queue.peek(now).map(|(r, _)| r.id().clone()),
                ranking
                    .ranked()
                    .first()
                    .map(|r| requests[r.index].id().clone())
            );
        }
    }
    let ranker = Ranker::default();
    let at_start = ranker.rank(&requests, earliest());
    assert!(
        at_start
            .skipped()
            .iter()
            .all(|s| s.reason == SkipReason::NotYetReceived)
    );
}

#[test]
fn duplicate_ids_are_ranked_once_and_are_reported_by_validation() {
    let a = Request::from_json(&base_request().to_string()).unwrap();
    let mut calmer = base_request();
    calmer["text"] = json!("Hello");
    let b = Request::from_json(&calmer.to_string()).unwrap();
    let requests = [a.clone(), b, a];
    let ranker = Ranker::default();
    let ranking = ranker.rank(&requests, datetime!(2026-11-24 09:00 UTC));
    let order: Vec<usize> = ranking.ranked().iter().map(|r| r.index).collect();
    assert_eq!(order, [0], "the first request with the id is ranked, once");
    let repeats: Vec<(usize, usize)> = ranking
        .duplicates()
        .iter()
        .map(|d| (d.index, d.first))
        .collect();
    assert_eq!(repeats, [(1, 0), (2, 0)]);
    assert!(matches!(
        validate_batch(&requests).unwrap_err().kind(),
        ErrorKind::DuplicateRequestId {
            first: 0,
            second: 1,
            ..
        }
    ));
}

#[test]
fn nul_and_control_characters_in_json_must_be_escaped() {
    let escaped = request_with_text("a\u{0}b\u{1B}c");
    assert!(escaped.contains("\\u0000"));
    let request = Request::from_json(&escaped).unwrap();
    assert_eq!(request.text(), Some("a\u{0}b\u{1B}c"), "kept as sent");
    // Raw control characters inside a JSON string are a JSON error at their column.
    let raw = escaped.replace("\\u0000", "\u{0}");
    let err = Request::from_json(&raw).unwrap_err();
    let at = raw.find('\u{0}').unwrap() + 1;
    assert!(
        matches!(err.kind(), ErrorKind::Json { column, .. } if *column == at),
        "{err:?}"
    );
    // A NUL outside any string is a syntax error; through the reader, only its line.
    let input = format!("\u{0}\n{}\n", base_request());
    let items: Vec<_> = read_requests(input.as_bytes()).collect();
    assert_eq!(items.len(), 2);
    assert!(items[0].is_err() && items[1].is_ok());
}
