//! One row per class of bad input: each gives its exact error kind, through `from_json`, through
//! the JSON Lines reader (with the right line number, and reading goes on), and through the
//! constructors where they exist. Every message names the bad value.

use realboss::jsonl::{read_feedback, read_requests};
use realboss::model::*;
use realboss::{Error, ErrorKind};
use serde_json::{Value, json};
use time::macros::{date, datetime, time};

fn base_request() -> Value {
    json!({
        "id": "req-1",
        "customer": {"id": "cus-17", "tier": "gold", "customer_since": "2019-04-02",
                     "lifetime_value": {"amount": 1234.5, "currency": "EUR"}},
        "text": "My card was charged twice.",
        "channel": "email",
        "received_at": "2026-11-23T21:32:00Z",
        "events": [{"customer": "cus-17", "at": "2026-11-23T21:40:00Z", "channel": "phone",
                    "direction": "inbound", "kind": {"type": "call", "outcome": "missed"}}]
    })
}

fn base_feedback() -> Value {
    json!({"customer": "cus-17", "at": "2026-11-24T10:00:00Z", "channel": "email",
           "text": "ok", "rating": {"nps": 9}})
}

type Check = fn(&ErrorKind) -> bool;

/// A bad request: how to spoil the base request, the kind expected, and text the message must
/// hold (the bad value, as the message quotes it).
struct Row {
    class: &'static str,
    spoil: fn(&mut Value),
    check: Check,
    shows: &'static str,
}

fn request_rows() -> Vec<Row> {
    vec![
        Row {
            class: "unknown tier",
            spoil: |r| r["customer"]["tier"] = json!("diamond"),
            check: |k| matches!(k, ErrorKind::UnknownVariant { field: "tier", .. }),
            shows: "\"diamond\"",
        },
        Row {
            class: "unknown channel",
            spoil: |r| r["channel"] = json!("fax"),
            check: |k| {
                matches!(
                    k,
                    ErrorKind::UnknownVariant {
                        field: "channel",
                        ..
                    }
                )
            },
            shows: "\"fax\"",
        },
        Row {
            class: "unknown event type",
            spoil: |r| r["events"][0]["kind"] = json!({"type": "meeting"}),
            check: |k| {
                matches!(
                    k,
                    ErrorKind::UnknownVariant {
                        field: "event type",
                        ..
                    }
                )
            },
            shows: "\"meeting\"",
        },
        Row {
            class: "unknown status",
            spoil: |r| r["status"] = json!("closed"),
            check: |k| {
                matches!(
                    k,
                    ErrorKind::UnknownVariant {
                        field: "status",
                        ..
                    }
                )
            },
            shows: "\"closed\"",
        },
        Row {
            class: "unknown requester",
            spoil: |r| r["requester"] = json!("boss"),
            check: |k| {
                matches!(
                    k,
                    ErrorKind::UnknownVariant {
                        field: "requester",
                        ..
                    }
                )
            },
            shows: "\"boss\"",
        },
        Row {
            class: "negative money",
            spoil: |r| r["customer"]["lifetime_value"]["amount"] = json!(-12.5),
            check: |k| {
                matches!(
                    k,
                    ErrorKind::InvalidMoney {
                        field: "lifetime_value.amount",
                        ..
                    }
                )
            },
            shows: "-12.5",
        },
        Row {
            class: "negative payment amount",
            spoil: |r| {
                r["events"][0]["kind"] = json!({"type": "payment_attempt", "outcome": "failed",
                                                "amount": {"amount": -1, "currency": "EUR"}})
            },
            check: |k| {
                matches!(
                    k,
                    ErrorKind::InvalidMoney {
                        field: "kind.amount.amount",
                        ..
                    }
                )
            },
            shows: "-1",
        },
        Row {
            class: "timestamp not RFC 3339",
            spoil: |r| r["received_at"] = json!("2026-11-23 21:32"),
            check: |k| {
                matches!(
                    k,
                    ErrorKind::InvalidTimestamp {
                        field: "received_at",
                        ..
                    }
                )
            },
            shows: "\"2026-11-23 21:32\"",
        },
        Row {
            class: "timestamp without offset",
            spoil: |r| r["events"][0]["at"] = json!("2026-11-23T21:40:00"),
            check: |k| matches!(k, ErrorKind::InvalidTimestamp { field: "at", .. }),
            shows: "\"2026-11-23T21:40:00\"",
        },
        Row {
            // Valid RFC 3339, but the instant is in the year 10000 in UTC, beyond what the
            // `time` crate holds: accepting it made every later change of offset panic.
            class: "timestamp whose UTC instant is past the year 9999",
            spoil: |r| r["received_at"] = json!("9999-12-31T23:59:59-23:59"),
            check: |k| {
                matches!(
                    k,
                    ErrorKind::InvalidValue { field, .. } if field == "received_at"
                )
            },
            shows: "\"9999-12-31T23:59:59-23:59\"",
        },
        Row {
            class: "bad language tag",
            spoil: |r| r["customer"]["language"] = json!("en__US"),
            check: |k| matches!(k, ErrorKind::InvalidLanguageTag { .. }),
            shows: "\"en__US\"",
        },
        Row {
            class: "event of another customer",
            spoil: |r| r["events"][0]["customer"] = json!("cus-99"),
            check: |k| {
                matches!(k, ErrorKind::ForeignEvent { request, expected, found, index: 0 }
                    if request == "req-1" && expected == "cus-17" && found == "cus-99")
            },
            shows: "\"cus-99\"",
        },
        Row {
            class: "event of another request",
            spoil: |r| r["events"][0]["request"] = json!("req-2"),
            check: |k| matches!(k, ErrorKind::MisfiledEvent { found, .. } if found == "req-2"),
            shows: "\"req-2\"",
        },
        Row {
            class: "neither text nor events",
            spoil: |r| {
                let o = r.as_object_mut().unwrap();
                o.insert("text".into(), json!("   "));
                o.remove("events");
            },
            check: |k| matches!(k, ErrorKind::EmptyRequest { request } if request == "req-1"),
            shows: "\"req-1\"",
        },
        Row {
            class: "empty id",
            spoil: |r| r["id"] = json!(""),
            check: |k| {
                matches!(
                    k,
                    ErrorKind::InvalidId {
                        field: "request id",
                        ..
                    }
                )
            },
            shows: "\"\"",
        },
        Row {
            class: "id with a control character",
            spoil: |r| r["events"][0]["agent"] = json!("agent\t3"),
            check: |k| {
                matches!(
                    k,
                    ErrorKind::InvalidId {
                        field: "agent id",
                        ..
                    }
                )
            },
            shows: "\"agent\\t3\"",
        },
        Row {
            class: "window ends where it starts",
            spoil: |r| {
                r["customer"]["contact_windows"] =
                    json!([{"days": ["sat"], "start": "22:00", "end": "22:00"}])
            },
            check: |k| {
                matches!(
                    k,
                    ErrorKind::InvalidValue { field, .. } if field == "contact_windows.end"
                )
            },
            shows: "22:00",
        },
        Row {
            class: "bad currency",
            spoil: |r| r["customer"]["lifetime_value"]["currency"] = json!("euro"),
            check: |k| {
                matches!(
                    k,
                    ErrorKind::InvalidValue { field, .. } if field == "lifetime_value.currency"
                )
            },
            shows: "\"euro\"",
        },
        Row {
            class: "bad utc offset",
            spoil: |r| r["customer"]["utc_offset"] = json!("UTC+1"),
            check: |k| {
                matches!(
                    k,
                    ErrorKind::InvalidValue { field, .. } if field == "utc_offset"
                )
            },
            shows: "\"UTC+1\"",
        },
        Row {
            class: "detail that does not belong to the event type",
            spoil: |r| r["events"][0]["kind"] = json!({"type": "inquiry", "outcome": "missed"}),
            check: |k| {
                matches!(
                    k,
                    ErrorKind::InvalidValue { field, .. } if field == "kind.outcome"
                )
            },
            shows: "\"missed\"",
        },
        Row {
            class: "missing required field",
            spoil: |r| {
                r.as_object_mut().unwrap().remove("received_at");
            },
            check: |k| matches!(k, ErrorKind::Json { line: 1, .. }),
            shows: "received_at",
        },
        Row {
            class: "unknown (misspelt) field",
            spoil: |r| r["recieved_at"] = json!("2026-11-23T21:32:00Z"),
            check: |k| matches!(k, ErrorKind::Json { .. }),
            shows: "recieved_at",
        },
        Row {
            class: "wrong JSON type",
            spoil: |r| r["customer"]["lifetime_value"]["amount"] = json!("1234.5"),
            check: |k| matches!(k, ErrorKind::Json { .. }),
            shows: "\"1234.5\"",
        },
    ]
}

/// The good line placed before every bad one, so line numbers are checked.
fn good_line() -> String {
    base_request().to_string()
}

fn assert_row(class: &str, err: &Error, check: Check, shows: &str) {
    assert!(
        check(err.kind()),
        "{class}: unexpected kind {:?}",
        err.kind()
    );
    let message = err.to_string();
    assert!(
        message.contains(shows),
        "{class}: message {message:?} lacks {shows:?}"
    );
}

#[test]
fn base_values_are_valid() {
    Request::from_json(&good_line()).unwrap();
    Feedback::from_json(&base_feedback().to_string()).unwrap();
}

#[test]
fn each_bad_request_gives_its_kind_via_from_json_and_serde() {
    for row in request_rows() {
        let mut value = base_request();
        (row.spoil)(&mut value);
        let line = value.to_string();
        let err = Request::from_json(&line).unwrap_err();
        assert_row(row.class, &err, row.check, row.shows);
        // Plain serde users get the same check, with the kind's message inside serde's error.
        let serde_err = serde_json::from_str::<Request>(&line)
            .unwrap_err()
            .to_string();
        assert!(serde_err.contains(row.shows), "{}: {serde_err}", row.class);
    }
}

#[test]
fn each_bad_request_gives_its_kind_via_the_json_lines_reader() {
    let rows = request_rows();
    let mut input = String::new();
    for row in &rows {
        let mut value = base_request();
        (row.spoil)(&mut value);
        input.push_str(&good_line());
        input.push('\n');
        input.push_str(&value.to_string());
        input.push('\n');
    }
    let items: Vec<_> = read_requests(input.as_bytes()).collect();
    assert_eq!(
        items.len(),
        rows.len() * 2,
        "one item per line, nothing dropped"
    );
    for (i, row) in rows.iter().enumerate() {
        assert!(items[2 * i].is_ok(), "{}: good line before it", row.class);
        let err = items[2 * i + 1].as_ref().unwrap_err();
        assert_eq!(err.line, 2 * i + 2, "{}", row.class);
        assert!(
            err.to_string()
                .starts_with(&format!("line {}: ", 2 * i + 2))
        );
        assert_row(row.class, &err.error, row.check, row.shows);
    }
}

#[test]
fn bad_ratings_are_out_of_range_or_unknown() {
    let rows: [(Value, Check, &str); 5] = [
        (
            json!({"nps": 11}),
            |k| matches!(k, ErrorKind::RatingOutOfRange { scale: "NPS", .. }),
            "got 11",
        ),
        (
            json!({"stars": 0}),
            |k| matches!(k, ErrorKind::RatingOutOfRange { scale: "stars", .. }),
            "got 0",
        ),
        (
            json!({"csat": 4.5}),
            |k| matches!(k, ErrorKind::RatingOutOfRange { scale: "CSAT", .. }),
            "got 4.5",
        ),
        (
            json!({"likes": 3}),
            |k| matches!(k, ErrorKind::UnknownVariant { .. }),
            "\"likes\"",
        ),
        (
            json!({"thumbs": "sideways"}),
            |k| {
                matches!(
                    k,
                    ErrorKind::UnknownVariant {
                        field: "thumbs",
                        ..
                    }
                )
            },
            "\"sideways\"",
        ),
    ];
    let mut input = String::new();
    for (rating, check, shows) in &rows {
        let mut fb = base_feedback();
        fb["rating"] = rating.clone();
        let line = fb.to_string();
        assert_row(
            "rating",
            &Feedback::from_json(&line).unwrap_err(),
            *check,
            shows,
        );
        input.push_str(&line);
        input.push('\n');
    }
    let items: Vec<_> = read_feedback(input.as_bytes()).collect();
    assert_eq!(items.len(), rows.len());
    for (i, (item, (_, check, shows))) in items.iter().zip(&rows).enumerate() {
        let err = item.as_ref().unwrap_err();
        assert_eq!(err.line, i + 1);
        assert_row("rating via reader", &err.error, *check, shows);
    }
    // Constructors check the same ranges.
    assert_row(
        "Rating::nps",
        &Rating::nps(11).unwrap_err(),
        rows[0].1,
        "got 11",
    );
    assert_row(
        "Rating::stars",
        &Rating::stars(0).unwrap_err(),
        rows[1].1,
        "got 0",
    );
    assert!(Rating::csat(6).is_err() && Rating::csat(5).is_ok());
}

#[test]
fn syntax_errors_and_invalid_utf8_keep_their_line_and_position() {
    let good = good_line();
    let mut input = Vec::new();
    input.extend_from_slice(format!("{good}\n").as_bytes());
    input.extend_from_slice(b"{\"id\": \"req-2\",, }\n");
    input.extend_from_slice(b"\n");
    input.extend_from_slice(b"{\"id\": \"r\xe9q\"}\n");
    input.extend_from_slice(format!("{good}\n").as_bytes());
    let items: Vec<_> = read_requests(input.as_slice()).collect();
    assert_eq!(items.len(), 4);
    let syntax = items[1].as_ref().unwrap_err();
    assert_eq!(syntax.line, 2);
    assert!(
        matches!(
            syntax.kind(),
            ErrorKind::Json {
                line: 1,
                column: 16,
                ..
            }
        ),
        "{syntax}"
    );
    let utf8 = items[2].as_ref().unwrap_err();
    assert_eq!(utf8.line, 4, "the blank line 3 is skipped but counted");
    assert_eq!(utf8.kind(), &ErrorKind::InvalidUtf8 { valid_up_to: 9 });
    assert!(utf8.to_string().contains("byte offset 9"), "{utf8}");
    assert!(items[3].is_ok(), "reading goes on after bad lines");
}

#[test]
fn batch_problems_are_duplicate_ids_and_conflicting_profiles() {
    let a = Request::from_json(&good_line()).unwrap();
    let mut other = base_request();
    other["id"] = json!("req-2");
    let b = Request::from_json(&other.to_string()).unwrap();
    let mut platinum = base_request();
    platinum["id"] = json!("req-3");
    platinum["customer"]["tier"] = json!("platinum");
    let c = Request::from_json(&platinum.to_string()).unwrap();

    assert!(validate_batch(&[a.clone(), b.clone()]).is_ok());

    let err = validate_batch(&[a.clone(), b.clone(), a.clone()]).unwrap_err();
    assert!(matches!(
        err.kind(),
        ErrorKind::DuplicateRequestId { request, first: 0, second: 2 } if request == "req-1"
    ));
    assert!(err.to_string().contains("\"req-1\""), "{err}");

    let err = validate_batch(&[a.clone(), b.clone(), c.clone()]).unwrap_err();
    assert!(matches!(
        err.kind(),
        ErrorKind::ConflictingProfiles { customer, first_request, second_request, field: "tier" }
            if customer == "cus-17" && first_request == "req-1" && second_request == "req-3"
    ));
    assert!(err.to_string().contains("\"cus-17\""), "{err}");

    // The first problem in input order wins; all problems come back in order.
    let batch = [a.clone(), c.clone(), a.clone()];
    let first = validate_batch(&batch).unwrap_err();
    assert!(matches!(
        first.kind(),
        ErrorKind::ConflictingProfiles { .. }
    ));
    let all = batch_problems(&batch);
    assert_eq!(all.len(), 2);
    assert_eq!(all[0], first);
    assert!(matches!(
        all[1].kind(),
        ErrorKind::DuplicateRequestId { .. }
    ));
    assert!(batch_problems(&[a, b]).is_empty());
}

#[test]
fn constructors_reject_the_same_classes() {
    let eur = Currency::new("EUR").unwrap();
    let cases: Vec<(&str, Result<(), Error>, Check, &str)> = vec![
        (
            "money",
            Money::new(-3.0, eur).map(drop),
            |k| matches!(k, ErrorKind::InvalidMoney { .. }),
            "-3",
        ),
        (
            "money NaN",
            Money::new(f64::NAN, eur).map(drop),
            |k| matches!(k, ErrorKind::InvalidMoney { .. }),
            "NaN",
        ),
        (
            "currency",
            Currency::new("Eur").map(drop),
            |k| matches!(k, ErrorKind::InvalidValue { .. }),
            "\"Eur\"",
        ),
        (
            "language",
            LanguageTag::new("e").map(drop),
            |k| matches!(k, ErrorKind::InvalidLanguageTag { .. }),
            "\"e\"",
        ),
        (
            "id",
            CustomerId::new("x".repeat(129)).map(drop),
            |k| matches!(k, ErrorKind::InvalidId { .. }),
            "xxxx",
        ),
        (
            "tier",
            "diamond".parse::<Tier>().map(drop),
            |k| matches!(k, ErrorKind::UnknownVariant { .. }),
            "\"diamond\"",
        ),
        (
            "level",
            "asap".parse::<Level>().map(drop),
            |k| matches!(k, ErrorKind::UnknownVariant { .. }),
            "\"asap\"",
        ),
        (
            "window that ends where it starts",
            ContactWindow::new(DaySet::WORKDAYS, time!(17:00), time!(17:00)).map(drop),
            |k| matches!(k, ErrorKind::InvalidValue { .. }),
            "17:00",
        ),
        (
            "window without days",
            ContactWindow::new(DaySet::EMPTY, time!(9:00), time!(17:00)).map(drop),
            |k| matches!(k, ErrorKind::InvalidValue { .. }),
            "[]",
        ),
        (
            "other channel",
            Channel::other("").map(drop),
            |k| matches!(k, ErrorKind::InvalidValue { .. }),
            "\"\"",
        ),
    ];
    for (class, result, check, shows) in cases {
        assert_row(class, &result.unwrap_err(), check, shows);
    }

    let profile = CustomerProfile::builder(CustomerId::new("cus-17").unwrap())
        .tier(Tier::Gold)
        .lifetime_value(Money::zero(eur))
        .customer_since(date!(2019 - 04 - 02))
        .build()
        .unwrap();
    let stranger = ContactEvent::new(
        CustomerId::new("cus-99").unwrap(),
        datetime!(2026-11-23 21:40 UTC),
        Channel::Phone,
        Direction::Inbound,
        EventKind::CallbackRequest,
    );
    let at = datetime!(2026-11-23 21:32 UTC);
    let id = RequestId::new("req-1").unwrap();
    let err = Request::builder(id.clone(), profile.clone(), Channel::Phone, at)
        .event(stranger)
        .build()
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::ForeignEvent { .. }));
    let err = Request::builder(id, profile, Channel::Phone, at)
        .build()
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::EmptyRequest { .. }));
}

#[test]
fn builders_reject_dates_and_times_json_cannot_carry() {
    let eur = Currency::new("EUR").unwrap();
    let builder = |since| {
        CustomerProfile::builder(CustomerId::new("cus-17").unwrap())
            .tier(Tier::Gold)
            .lifetime_value(Money::zero(eur))
            .customer_since(since)
    };
    let err = builder(date!(-5 - 01 - 01)).build().unwrap_err();
    assert_row(
        "customer since a negative year",
        &err,
        |k| {
            matches!(
                k,
                ErrorKind::InvalidValue { field, .. } if field == "customer_since"
            )
        },
        "-0005-01-01",
    );
    let profile = builder(date!(2019 - 04 - 02)).build().unwrap();
    let request = |received_at| {
        Request::builder(
            RequestId::new("req-1").unwrap(),
            profile.clone(),
            Channel::Email,
            received_at,
        )
        .text("Hello")
    };
    let ancient = datetime!(-0001-06-01 12:00 UTC);
    let err = request(ancient).build().unwrap_err();
    assert!(
        matches!(
            err.kind(),
            ErrorKind::InvalidValue { field, .. } if field == "received_at"
        ),
        "{err}"
    );
    let promise = ContactEvent::new(
        CustomerId::new("cus-17").unwrap(),
        datetime!(2026-11-23 21:40 UTC),
        Channel::Phone,
        Direction::Outbound,
        EventKind::Promise { due_at: ancient },
    );
    let err = request(datetime!(2026-11-23 21:32 UTC))
        .event(promise)
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("events.kind.due_at"), "{err}");
    // What the builder accepts, JSON carries back unchanged.
    let ok = request(datetime!(0000-01-01 00:00 +23:59)).build().unwrap();
    let back = Request::from_json(&serde_json::to_string(&ok).unwrap()).unwrap();
    assert_eq!(back, ok);
}

#[test]
fn contact_windows_answer_at_the_end_of_time_without_panicking() {
    // 9999-12-31 23:00 UTC is already Saturday 10000-01-01 04:00 on a +05:00 clock, a date the
    // `time` crate cannot hold; the window check still answers, from Unix seconds.
    let saturday_night = ContactWindow::new(
        DaySet::EMPTY.with(time::Weekday::Saturday),
        time!(3:00),
        time!(5:00),
    )
    .unwrap();
    let profile = CustomerProfile::builder(CustomerId::new("cus-17").unwrap())
        .tier(Tier::Gold)
        .lifetime_value(Money::zero(Currency::new("EUR").unwrap()))
        .customer_since(date!(2019 - 04 - 02))
        .utc_offset(time::macros::offset!(+5))
        .contact_window(saturday_night)
        .build()
        .unwrap();
    let at = datetime!(9999-12-31 23:00 UTC);
    assert_eq!(profile.local_time(at), None);
    assert!(profile.is_contact_time(at));
    assert!(!profile.is_contact_time(datetime!(9999-12-31 21:00 UTC)));
}

#[test]
fn huge_bad_values_give_short_messages() {
    let mut value = base_request();
    value["customer"]["tier"] = json!("x".repeat(1_000_000));
    let err = Request::from_json(&value.to_string()).unwrap_err();
    assert!(
        err.to_string().len() < 300,
        "{} bytes",
        err.to_string().len()
    );
    // Also when serde_json quotes the bad value in its own message.
    value["customer"]["lifetime_value"]["amount"] = json!("1".repeat(1_000_000));
    let err = Request::from_json(&value.to_string()).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Json { .. }));
    assert!(
        err.to_string().len() < 600,
        "{} bytes",
        err.to_string().len()
    );
}
