//! Shared input builders for the realboss fuzz targets: requests, instants and texts drawn from
//! the fuzzer's bytes, reaching the odd corners (far past and future, nanoseconds, duplicate
//! ids, events out of order, arbitrary text) as well as the ordinary ones.

use arbitrary::{Result, Unstructured};
use realboss::model::*;
use time::{Date, Duration, OffsetDateTime, Time};

/// The ordinary moment most instants are drawn around (a Monday morning).
pub const T0_UNIX: i64 = 1_795_420_800; // 2026-11-23T08:00:00Z

/// Texts a helpdesk really sees; the fuzzer mixes them with arbitrary strings.
pub const TEXTS: &[&str] = &[
    "Could you send me the brochure when you have a moment?",
    "URGENT: I'm locked out of my account and can't log in",
    "I was charged twice, please refund me asap",
    "thanks, all sorted",
    "not urgent, no rush",
    "My flight is tonight and the booking shows cancelled, I'm stranded",
    "Where is my order? It is late again!!!",
    "",
    "   ",
];

/// The first instant `time` can hold (without its large-dates feature).
pub fn earliest() -> OffsetDateTime {
    OffsetDateTime::new_utc(Date::MIN, Time::MIDNIGHT)
}

/// The last instant `time` can hold.
pub fn latest() -> OffsetDateTime {
    OffsetDateTime::new_utc(Date::MAX, Time::MAX)
}

/// An instant: mostly within days of `T0_UNIX`, sometimes anywhere `time` can represent,
/// sometimes at its very ends.
pub fn instant(u: &mut Unstructured) -> Result<OffsetDateTime> {
    let t0 = OffsetDateTime::from_unix_timestamp(T0_UNIX).expect("T0 is a valid instant");
    Ok(match u.int_in_range(0u8..=15)? {
        0 => {
            let lo = earliest().unix_timestamp();
            let hi = latest().unix_timestamp();
            let secs = u.int_in_range(lo..=hi)?;
            OffsetDateTime::from_unix_timestamp(secs).expect("in range")
                + Duration::nanoseconds(i64::from(u.int_in_range(0u32..=999_999_999)?))
                    .min(latest() - OffsetDateTime::from_unix_timestamp(secs).expect("in range"))
        }
        1 => earliest(),
        2 => latest(),
        _ => {
            let secs = u.int_in_range(-2 * 86_400i64..=5 * 86_400)?;
            let nanos = if u.ratio(1u8, 4)? {
                u.int_in_range(0i64..=999_999_999)?
            } else {
                0
            };
            t0 + Duration::seconds(secs) + Duration::nanoseconds(nanos)
        }
    })
}

/// An instant near `base`: the same, a little before or after, or anywhere.
pub fn near(u: &mut Unstructured, base: OffsetDateTime) -> Result<OffsetDateTime> {
    if u.ratio(1u8, 8)? {
        return instant(u);
    }
    let secs = u.int_in_range(-3_600i64..=3 * 86_400)?;
    Ok(base.checked_add(Duration::seconds(secs)).unwrap_or(base))
}

/// A message text: a helpdesk sentence or arbitrary (valid UTF-8) text.
pub fn text(u: &mut Unstructured) -> Result<String> {
    if u.ratio(1u8, 2)? {
        Ok((*u.choose(TEXTS)?).to_owned())
    } else {
        let s: &str = u.arbitrary()?;
        Ok(s.chars().take(200).collect())
    }
}

/// Customer `k` of a small pool, so customers share requests (the self-urgent habit).
pub fn customer(k: u8) -> CustomerProfile {
    let tiers = [Tier::Standard, Tier::Silver, Tier::Gold, Tier::Platinum];
    let values = [0.0, 250.0, 4_000.0, 1.0e12];
    let k = usize::from(k % 6);
    CustomerProfile::builder(CustomerId::new(format!("cus-{k}")).expect("valid id"))
        .tier(tiers[k % 4])
        .lifetime_value(
            Money::new(values[k % 4], "EUR".parse().expect("valid currency")).expect("valid money"),
        )
        .customer_since(
            Date::from_calendar_date(2020, time::Month::January, 1).expect("valid date"),
        )
        .build()
        .expect("valid profile")
}

fn channel(u: &mut Unstructured) -> Result<Channel> {
    Ok(u.choose(&[
        Channel::Email,
        Channel::Chat,
        Channel::Phone,
        Channel::WebForm,
        Channel::Sms,
        Channel::Social,
        Channel::InPerson,
    ])?
    .clone())
}

fn event(
    u: &mut Unstructured,
    who: &CustomerProfile,
    received: OffsetDateTime,
) -> Result<ContactEvent> {
    let at = near(u, received)?;
    let direction = if u.arbitrary()? {
        Direction::Inbound
    } else {
        Direction::Outbound
    };
    let kind = match u.int_in_range(0u8..=11)? {
        0 => EventKind::Inquiry,
        1 => EventKind::Complaint,
        2 => EventKind::FollowUp,
        3 => EventKind::Reply,
        4 => EventKind::Call {
            outcome: *u.choose(&[
                CallOutcome::Answered,
                CallOutcome::Missed,
                CallOutcome::Voicemail,
            ])?,
        },
        5 => EventKind::CallbackRequest,
        6 => EventKind::PaymentAttempt {
            outcome: *u.choose(&[PaymentOutcome::Succeeded, PaymentOutcome::Failed])?,
            method: None,
            amount: None,
        },
        7 => EventKind::Purchase { amount: None },
        8 => EventKind::Promise {
            due_at: near(u, at)?,
        },
        9 => EventKind::Resolution,
        _ => EventKind::Note,
    };
    let mut e = ContactEvent::new(who.id().clone(), at, channel(u)?, direction, kind);
    if u.arbitrary()? {
        e = e.with_text(text(u)?);
    }
    Ok(e)
}

/// A request with id `id`, or `None` when the drawn parts do not make a valid request (the
/// builder's typed error is the expected answer then, not a finding).
pub fn request(u: &mut Unstructured, id: &str) -> Result<Option<Request>> {
    let who = customer(u.arbitrary()?);
    let received = instant(u)?;
    let mut b = Request::builder(
        RequestId::new(id).expect("valid id"),
        who.clone(),
        channel(u)?,
        received,
    );
    if u.ratio(7u8, 8)? {
        b = b.text(text(u)?);
    }
    b = b.status(*u.choose(&[
        Status::Open,
        Status::Open,
        Status::WaitingOnUs,
        Status::WaitingOnCustomer,
        Status::Resolved,
    ])?);
    if u.ratio(1u8, 4)? {
        b = b.priority(*u.choose(&[Level::Low, Level::Normal, Level::High, Level::Urgent])?);
    }
    if u.ratio(1u8, 6)? {
        b = b.requester(Requester::Internal {
            name: Some("Dana".into()),
            role: Some("manager".into()),
        });
    }
    if u.ratio(1u8, 4)? {
        b = b.due_at(near(u, received)?);
    }
    let events = u.int_in_range(0u8..=6)?;
    for _ in 0..events {
        b = b.event(event(u, &who, received)?);
    }
    Ok(b.build().ok())
}

/// One of a few policies: the default, office hours with a short maximum wait, or a tight one.
pub fn ranker(u: &mut Unstructured) -> Result<realboss::Ranker> {
    let json = *u.choose(&[
        "{}",
        r#"{"business_hours": {"utc_offset": "+01:00", "weekly": {
            "mon": ["09:00-12:30", "13:30-17:00"], "tue": ["09:00-17:00"], "wed": ["09:00-17:00"],
            "thu": ["09:00-17:00"], "fri": ["09:00-16:00"]}, "holidays": ["2026-11-24"]},
           "off_hours_wait": 0.5, "max_wait": "1d"}"#,
        r#"{"max_wait": "1h", "sla": {"urgent": {"first_reply": "1m", "next_reply": "2m"}}}"#,
    ])?;
    Ok(realboss::Ranker::new(
        realboss::Policy::from_json(json).expect("the fuzz policies are valid"),
    ))
}
