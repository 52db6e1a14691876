//! Property tests: every valid value survives JSON, invalid ratings and money never get in, and
//! no input makes the readers panic.

use proptest::prelude::*;
use realboss::ErrorKind;
use realboss::jsonl::{read_requests, write_line};
use realboss::model::*;
use time::{Date, OffsetDateTime, Time, UtcOffset, Weekday};

fn id_text() -> impl Strategy<Value = String> {
    // Any non-control characters, 1 to 40 chars (at most 160 bytes), cut to the 128-byte limit.
    "[^\\p{Cc}]{1,40}".prop_map(|s| {
        let mut end = s.len().min(MAX_ID_BYTES);
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s[..end].to_owned()
    })
}

fn customer_id() -> impl Strategy<Value = CustomerId> {
    id_text().prop_map(|s| CustomerId::new(s).unwrap())
}

fn request_id() -> impl Strategy<Value = RequestId> {
    id_text().prop_map(|s| RequestId::new(s).unwrap())
}

fn agent_id() -> impl Strategy<Value = AgentId> {
    id_text().prop_map(|s| AgentId::new(s).unwrap())
}

fn label() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9 _-]{0,20}"
}

fn money() -> impl Strategy<Value = Money> {
    // Every finite amount >= 0 round-trips bit for bit (serde_json's `float_roundtrip` is on).
    let amount = prop_oneof![
        // Whole cents, the common case.
        (0u64..10_000_000_000_000).prop_map(|cents| cents as f64 / 100.0),
        // Any finite non-negative f64, tiny and huge included.
        proptest::num::f64::POSITIVE | proptest::num::f64::ZERO | proptest::num::f64::SUBNORMAL,
    ];
    (amount, "[A-Z]{3}").prop_map(|(a, c)| Money::new(a, Currency::new(&c).unwrap()).unwrap())
}

fn language() -> impl Strategy<Value = LanguageTag> {
    (
        "[a-zA-Z]{2,3}",
        prop::collection::vec("[a-zA-Z0-9]{1,8}", 0..4),
    )
        .prop_map(|(p, subs)| {
            let mut tag = p;
            for s in subs {
                tag.push('-');
                tag.push_str(&s);
            }
            LanguageTag::new(&tag).unwrap()
        })
}

fn offset() -> impl Strategy<Value = UtcOffset> {
    (-(23 * 60 + 59)..=(23 * 60 + 59))
        .prop_map(|minutes: i32| UtcOffset::from_whole_seconds(minutes * 60).unwrap())
}

fn timestamp() -> impl Strategy<Value = OffsetDateTime> {
    timestamp_on(date())
}

/// An instant on one of the first or last two days JSON can write, where a change of offset
/// leaves the `time` crate's range.
fn edge_timestamp() -> impl Strategy<Value = OffsetDateTime> {
    timestamp_on(prop::sample::select(edge_dates()))
}

/// The first and last two days JSON can write.
fn edge_dates() -> Vec<Date> {
    [(0, 1), (0, 2), (9999, 364), (9999, 365)]
        .map(|(y, d)| Date::from_ordinal_date(y, d).unwrap())
        .to_vec()
}

fn timestamp_on(date: impl Strategy<Value = Date>) -> impl Strategy<Value = OffsetDateTime> {
    // Every instant JSON can carry: a local time in the years 0000 to 9999 (what RFC 3339
    // writes), any nanosecond, any whole-minute offset, as long as the instant also exists in
    // UTC (near 9999-12-31 a negative offset pushes it past the year 9999; such input is
    // rejected).
    (date, 0u32..86_400, 0u32..1_000_000_000, offset()).prop_filter_map(
        "instant past the year 9999 in UTC",
        |(d, s, n, o)| {
            let time =
                Time::from_hms_nano((s / 3600) as u8, (s / 60 % 60) as u8, (s % 60) as u8, n)
                    .unwrap();
            let at = d.with_time(time).assume_offset(o);
            at.checked_to_offset(UtcOffset::UTC).map(|_| at)
        },
    )
}

fn date() -> impl Strategy<Value = Date> {
    // The ends of the range are where offsets push instants out of range, so they come often.
    prop_oneof![
        9 => (0i32..=9999, 1u16..=365).prop_map(|(y, d)| Date::from_ordinal_date(y, d).unwrap()),
        1 => prop::sample::select(edge_dates()),
    ]
}

fn channel() -> impl Strategy<Value = Channel> {
    prop_oneof![
        prop::sample::select(Channel::BUILT_IN.to_vec()),
        label().prop_map(|l| Channel::other(l).unwrap()),
    ]
}

fn payment_method() -> impl Strategy<Value = PaymentMethod> {
    prop_oneof![
        prop::sample::select(PaymentMethod::BUILT_IN.to_vec()),
        label().prop_map(|l| PaymentMethod::other(l).unwrap()),
    ]
}

fn window() -> impl Strategy<Value = ContactWindow> {
    (1u8..128, 0u32..86_399, 1u32..86_400).prop_filter_map("start < end", |(bits, a, b)| {
        let days: DaySet = (0..7)
            .filter(|i| bits & (1 << i) != 0)
            .map(|i| Weekday::Monday.nth_next(i))
            .collect();
        let t = |s: u32| Time::from_hms((s / 3600) as u8, (s / 60 % 60) as u8, (s % 60) as u8);
        ContactWindow::new(days, t(a).ok()?, t(b).ok()?).ok()
    })
}

fn profile() -> impl Strategy<Value = CustomerProfile> {
    (
        (
            customer_id(),
            prop::option::of(".{0,30}"),
            prop::sample::select(Tier::ALL.to_vec()),
        ),
        (money(), date(), language(), offset()),
        (
            prop::option::of(channel()),
            prop::collection::vec(window(), 0..3),
            prop::collection::vec(payment_method(), 0..3),
            prop::collection::vec(prop::sample::select(OptOut::ALL.to_vec()), 0..3),
            prop::collection::vec(label(), 0..3),
        ),
    )
        .prop_map(
            |((id, name, tier), (value, since, lang, off), (pref, wins, pays, opts, tags))| {
                let mut b = CustomerProfile::builder(id)
                    .tier(tier)
                    .lifetime_value(value)
                    .customer_since(since)
                    .language(lang)
                    .utc_offset(off);
                if let Some(name) = name {
                    b = b.name(name);
                }
                if let Some(pref) = pref {
                    b = b.preferred_channel(pref);
                }
                for w in wins {
                    b = b.contact_window(w);
                }
                for p in pays {
                    b = b.payment_method(p);
                }
                for o in opts {
                    b = b.opt_out(o);
                }
                for t in tags {
                    b = b.tag(t);
                }
                b.build().unwrap()
            },
        )
}

fn event_kind() -> impl Strategy<Value = EventKind> {
    prop_oneof![
        Just(EventKind::Inquiry),
        Just(EventKind::Complaint),
        Just(EventKind::FollowUp),
        Just(EventKind::Reply),
        Just(EventKind::CallbackRequest),
        Just(EventKind::Resolution),
        Just(EventKind::Note),
        prop::sample::select(CallOutcome::ALL.to_vec())
            .prop_map(|outcome| EventKind::Call { outcome }),
        (
            prop::sample::select(PaymentOutcome::ALL.to_vec()),
            prop::option::of(payment_method()),
            prop::option::of(money())
        )
            .prop_map(|(outcome, method, amount)| EventKind::PaymentAttempt {
                outcome,
                method,
                amount
            }),
        prop::option::of(money()).prop_map(|amount| EventKind::Purchase { amount }),
        timestamp().prop_map(|due_at| EventKind::Promise { due_at }),
    ]
}

fn event(customer: CustomerId, request: RequestId) -> impl Strategy<Value = ContactEvent> {
    (
        timestamp(),
        channel(),
        prop::sample::select(Direction::ALL.to_vec()),
        event_kind(),
        prop::option::of(agent_id()),
        prop::option::of(".{0,40}"),
        any::<bool>(),
    )
        .prop_map(move |(at, ch, dir, kind, agent, text, names_request)| {
            let mut e = ContactEvent::new(customer.clone(), at, ch, dir, kind);
            if let Some(a) = agent {
                e = e.with_agent(a);
            }
            if let Some(t) = text {
                e = e.with_text(t);
            }
            if names_request {
                e = e.with_request(request.clone());
            }
            e
        })
}

fn requester() -> impl Strategy<Value = Requester> {
    prop_oneof![
        Just(Requester::Customer),
        (prop::option::of(".{0,20}"), prop::option::of(".{0,20}"))
            .prop_map(|(name, role)| Requester::Internal { name, role }),
    ]
}

fn request() -> impl Strategy<Value = Request> {
    (request_id(), profile()).prop_flat_map(|(id, customer)| {
        let events = prop::collection::vec(event(customer.id().clone(), id.clone()), 0..5);
        (
            Just(id),
            Just(customer),
            (prop::option::of(".{0,60}"), events, channel(), timestamp()),
            (
                prop::sample::select(Status::ALL.to_vec()),
                prop::option::of(timestamp()),
                prop::option::of(prop::sample::select(Level::ALL.to_vec())),
                requester(),
            ),
        )
            .prop_filter_map(
                "needs text or events",
                |(id, customer, (text, events, ch, at), (status, due, prio, who))| {
                    let mut b = Request::builder(id, customer, ch, at)
                        .events(events)
                        .status(status)
                        .requester(who);
                    if let Some(t) = text {
                        b = b.text(t);
                    }
                    if let Some(d) = due {
                        b = b.due_at(d);
                    }
                    if let Some(p) = prio {
                        b = b.priority(p);
                    }
                    b.build().ok()
                },
            )
    })
}

fn rating() -> impl Strategy<Value = Rating> {
    prop_oneof![
        (1u8..=5).prop_map(|n| Rating::stars(n).unwrap()),
        (1u8..=5).prop_map(|n| Rating::csat(n).unwrap()),
        (0u8..=10).prop_map(|n| Rating::nps(n).unwrap()),
        prop::sample::select(Thumb::ALL.to_vec()).prop_map(Rating::Thumbs),
    ]
}

fn feedback() -> impl Strategy<Value = Feedback> {
    (
        customer_id(),
        timestamp(),
        channel(),
        ".{0,60}",
        prop::option::of(rating()),
        prop::option::of(request_id()),
        prop::option::of(agent_id()),
    )
        .prop_map(|(c, at, ch, text, rating, req, agent)| {
            let mut f = Feedback::new(c, at, ch, text);
            if let Some(r) = rating {
                f = f.with_rating(r);
            }
            if let Some(r) = req {
                f = f.with_request(r);
            }
            if let Some(a) = agent {
                f = f.with_agent(a);
            }
            f
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_valid_request_round_trips(r in request()) {
        let json = serde_json::to_string(&r).unwrap();
        prop_assert_eq!(&Request::from_json(&json).unwrap(), &r);
        // Events stay in time order.
        prop_assert!(r.events().windows(2).all(|w| w[0].at() <= w[1].at()));
    }

    #[test]
    fn requests_round_trip_through_json_lines(rs in prop::collection::vec(request(), 0..4)) {
        let mut out = Vec::new();
        for r in &rs {
            write_line(&mut out, r).unwrap();
        }
        let back: Vec<Request> = read_requests(out.as_slice()).map(Result::unwrap).collect();
        prop_assert_eq!(back, rs);
    }

    #[test]
    fn every_valid_feedback_round_trips(f in feedback()) {
        let json = serde_json::to_string(&f).unwrap();
        prop_assert_eq!(Feedback::from_json(&json).unwrap(), f);
    }

    #[test]
    fn every_valid_money_round_trips(m in money()) {
        let json = serde_json::to_string(&m).unwrap();
        prop_assert_eq!(Money::from_json(&json).unwrap(), m);
    }

    #[test]
    fn language_tags_are_case_insensitive_and_canonical(t in language()) {
        let upper = LanguageTag::new(&t.as_str().to_ascii_uppercase()).unwrap();
        let lower = LanguageTag::new(&t.as_str().to_ascii_lowercase()).unwrap();
        prop_assert_eq!(&upper, &t);
        prop_assert_eq!(&lower, &t);
        prop_assert_eq!(LanguageTag::new(t.as_str()).unwrap(), t);
    }

    #[test]
    fn ratings_off_their_scale_are_always_rejected(n in any::<i64>(), scale in 0usize..3) {
        let (key, low, high) = [("stars", 1, 5), ("csat", 1, 5), ("nps", 0, 10)][scale];
        let json = format!(
            r#"{{"customer": "c", "at": "2026-11-23T21:32:00Z", "channel": "email", "rating": {{"{key}": {n}}}}}"#
        );
        let result = Feedback::from_json(&json);
        if (low..=high).contains(&n) {
            prop_assert!(result.is_ok());
        } else {
            let err = result.unwrap_err();
            prop_assert!(matches!(err.kind(), ErrorKind::RatingOutOfRange { .. }), "{}", err);
            prop_assert!(err.to_string().contains(&n.to_string()));
        }
        if let Ok(small) = u8::try_from(n) {
            let built = [Rating::stars, Rating::csat, Rating::nps][scale](small);
            prop_assert_eq!(built.is_ok(), (low..=high).contains(&n));
        }
    }

    #[test]
    fn invalid_money_is_always_rejected(
        amount in prop::num::f64::NEGATIVE | prop::num::f64::INFINITE | prop::num::f64::QUIET_NAN
    ) {
        prop_assume!(amount != 0.0); // -0.0 is zero, which is valid.
        let eur = Currency::new("EUR").unwrap();
        let err = Money::new(amount, eur).unwrap_err();
        prop_assert!(matches!(err.kind(), ErrorKind::InvalidMoney { .. }), "{}", err);
        if amount.is_finite() {
            let json = format!(r#"{{"amount": {amount:e}, "currency": "EUR"}}"#);
            let err = Money::from_json(&json).unwrap_err();
            prop_assert!(matches!(err.kind(), ErrorKind::InvalidMoney { .. }), "{}", err);
        }
    }

    #[test]
    fn a_profile_answers_contact_time_at_any_instant(
        p in profile(),
        at in prop_oneof![timestamp(), edge_timestamp()],
    ) {
        // Must not panic, even where the customer's clock leaves the `time` crate's range; and
        // it agrees with the window check on the customer's clock wherever that exists.
        let open = p.is_contact_time(at);
        if let Some(local) = p.local_time(at) {
            let by_clock = p.contact_windows().is_empty()
                || p.contact_windows().iter().any(|w| w.contains(local.weekday(), local.time()));
            prop_assert_eq!(open, by_clock);
        }
    }

    #[test]
    fn a_valid_request_with_a_spliced_edit_is_read_or_rejected_never_mangled(
        r in request(),
        at in any::<prop::sample::Index>(),
        cut in 0usize..12,
        insert in "[\\-+:.0-9a-zA-Z\"{}\\[\\], ]{0,12}",
    ) {
        // Edits near valid JSON reach the validators, not just the JSON parser.
        let json = serde_json::to_string(&r).unwrap();
        let start = at.index(json.len());
        let end = (start + cut).min(json.len());
        if json.is_char_boundary(start) && json.is_char_boundary(end) {
            let edited = format!("{}{}{}", &json[..start], insert, &json[end..]);
            if let Ok(read) = Request::from_json(&edited) {
                // Whatever is accepted is valid: it writes and reads back unchanged.
                let again = serde_json::to_string(&read).unwrap();
                prop_assert_eq!(Request::from_json(&again).unwrap(), read);
            }
        }
    }

    #[test]
    fn any_text_gives_a_result_not_a_panic(text in ".{0,200}") {
        let _ = Request::from_json(&text);
        let _ = Feedback::from_json(&text);
        let _ = ContactEvent::from_json(&text);
    }

    #[test]
    fn any_bytes_give_at_most_one_item_per_line(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let lines = bytes.split(|b| *b == b'\n').count();
        let items = read_requests(bytes.as_slice()).count();
        prop_assert!(items <= lines);
    }
}
