//! The sample inbox shipped in `examples/data/inbox.jsonl` reads cleanly and really holds the
//! stories the README promises: the stranded customer who calls twice, the boss asking for a
//! status report, the contact-us lead left waiting, the customer who cannot pay, and the rest.

use std::fs::File;
use std::io::BufReader;

use realboss::jsonl::read_requests;
use realboss::model::{
    CallOutcome, Channel, ContactEvent, Direction, EventKind, OptOut, PaymentOutcome, Request,
    Requester, Status, Tier, validate_batch,
};
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

const INBOX: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/inbox.jsonl");

/// The moment of the essay, and the latest timestamp in the sample.
const ESSAY_MOMENT: OffsetDateTime = datetime!(2026-11-23 21:51:00 UTC);

/// Every request of the sample; fails naming each bad line.
fn inbox() -> Vec<Request> {
    let file = File::open(INBOX).expect("the sample inbox ships with the crate");
    let (good, bad): (Vec<_>, Vec<_>) =
        read_requests(BufReader::new(file)).partition(Result::is_ok);
    let bad: Vec<String> = bad
        .into_iter()
        .filter_map(Result::err)
        .map(|e| e.to_string())
        .collect();
    assert!(
        bad.is_empty(),
        "bad lines in the sample inbox:\n{}",
        bad.join("\n")
    );
    good.into_iter().filter_map(Result::ok).collect()
}

fn events(inbox: &[Request]) -> impl Iterator<Item = (&Request, &ContactEvent)> {
    inbox
        .iter()
        .flat_map(|r| r.events().iter().map(move |e| (r, e)))
}

fn is_emoji(c: char) -> bool {
    matches!(u32::from(c), 0x1F300..=0x1FAFF | 0x2600..=0x27BF)
}

#[test]
fn reads_without_a_bad_line_and_passes_batch_validation() {
    let inbox = inbox();
    assert!(inbox.len() >= 30, "only {} requests", inbox.len());
    validate_batch(&inbox).expect("unique ids, one profile per customer");
}

#[test]
fn latest_moment_is_the_essays_2151_and_nothing_happens_after_that_day() {
    let inbox = inbox();
    let moments: Vec<OffsetDateTime> = inbox
        .iter()
        .map(Request::received_at)
        .chain(events(&inbox).map(|(_, e)| e.at()))
        .collect();
    assert_eq!(moments.iter().max(), Some(&ESSAY_MOMENT));
    let day_after = datetime!(2026-11-24 00:00:00 UTC);
    for due in inbox.iter().filter_map(Request::due_at) {
        assert!(due < day_after, "due date {due} is after 2026-11-23");
    }
}

#[test]
fn every_channel_appears_including_whatsapp_as_other() {
    let inbox = inbox();
    for channel in Channel::BUILT_IN {
        assert!(
            inbox.iter().any(|r| r.channel() == channel),
            "no request arrived by {channel}"
        );
    }
    let whatsapp = Channel::other("whatsapp").unwrap();
    assert!(inbox.iter().any(|r| *r.channel() == whatsapp));
}

#[test]
fn several_customers_of_every_tier() {
    let inbox = inbox();
    for &tier in Tier::ALL {
        let mut customers: Vec<&str> = inbox
            .iter()
            .filter(|r| r.customer().tier() == Some(tier))
            .map(|r| r.customer().id().as_str())
            .collect();
        customers.sort_unstable();
        customers.dedup();
        assert!(customers.len() >= 2, "{tier}: only {customers:?}");
    }
}

#[test]
fn every_status_appears() {
    let inbox = inbox();
    for &status in Status::ALL {
        assert!(
            inbox.iter().any(|r| r.status() == status),
            "no {status} request"
        );
    }
}

/// Times of the inbound calls on a request, in order.
fn inbound_calls(request: &Request) -> Vec<OffsetDateTime> {
    request
        .events()
        .iter()
        .filter(|e| e.direction() == Direction::Inbound)
        .filter(|e| matches!(e.kind(), EventKind::Call { .. }))
        .map(ContactEvent::at)
        .collect()
}

#[test]
fn the_stranded_customer_calls_at_2132_and_again_at_2139() {
    let inbox = inbox();
    let essay_calls = [
        datetime!(2026-11-23 21:32 UTC),
        datetime!(2026-11-23 21:39 UTC),
    ];
    let stranded = inbox
        .iter()
        .find(|r| inbound_calls(r) == essay_calls)
        .expect("a request whose inbound calls came at 21:32 and 21:39");
    assert!(essay_calls[1] - essay_calls[0] <= Duration::minutes(10));
    assert_ne!(stranded.status(), Status::Resolved);
    assert!(stranded.text().is_some_and(|t| t.contains("stuck")));
    let promised = stranded.events().iter().any(|e| {
        e.direction() == Direction::Outbound && matches!(e.kind(), EventKind::Promise { .. })
    });
    assert!(promised, "the rep promised an update");
}

#[test]
fn the_manager_asks_for_a_status_report_at_2150() {
    let inbox = inbox();
    let internal: Vec<&Request> = inbox
        .iter()
        .filter(|r| matches!(r.requester(), Requester::Internal { .. }))
        .collect();
    let boss = internal
        .iter()
        .find(|r| {
            matches!(r.requester(), Requester::Internal { role: Some(role), .. } if role == "manager")
        })
        .expect("an internal request from a manager");
    assert_eq!(boss.received_at(), datetime!(2026-11-23 21:50 UTC));
    assert!(boss.text().unwrap_or_default().contains("status report"));
    assert!(
        inbox.len() > internal.len(),
        "customers outnumber colleagues"
    );
}

#[test]
fn a_contact_us_lead_has_waited_hours() {
    let inbox = inbox();
    let waited_longest = inbox
        .iter()
        .filter(|r| *r.channel() == Channel::WebForm && r.status() != Status::Resolved)
        .map(|r| ESSAY_MOMENT - r.received_at())
        .max()
        .expect("a web form request");
    assert!(waited_longest >= Duration::hours(3), "{waited_longest}");
}

#[test]
fn a_payment_failed() {
    let failed = events(&inbox()).any(|(_, e)| {
        matches!(
            e.kind(),
            EventKind::PaymentAttempt {
                outcome: PaymentOutcome::Failed,
                ..
            }
        )
    });
    assert!(failed);
}

#[test]
fn a_promised_update_is_overdue_at_the_latest_moment() {
    let overdue = events(&inbox()).any(|(r, e)| {
        r.status() != Status::Resolved
            && e.direction() == Direction::Outbound
            && matches!(e.kind(), EventKind::Promise { due_at } if *due_at < ESSAY_MOMENT)
    });
    assert!(overdue);
}

#[test]
fn a_do_not_call_customer_may_not_be_phoned() {
    let inbox = inbox();
    let customer = inbox
        .iter()
        .map(Request::customer)
        .find(|c| c.has_opt_out(OptOut::DoNotCall))
        .expect("a do-not-call customer");
    assert!(!customer.allows(&Channel::Phone));
    assert!(customer.allows(&Channel::Email));
}

#[test]
fn a_spanish_speaking_customer_writes_in_spanish() {
    let inbox = inbox();
    let spanish = inbox
        .iter()
        .find(|r| r.customer().language().primary_language() == "es")
        .expect("a customer whose language is es");
    let text = spanish.text().unwrap_or_default();
    assert!(
        text.contains('¿') || text.contains(" el ") || text.contains(" de "),
        "not Spanish: {text}"
    );
}

#[test]
fn agents_already_answered_some_requests() {
    let inbox = inbox();
    let answered: Vec<&str> = events(&inbox)
        .filter(|(_, e)| e.direction() == Direction::Outbound)
        .filter(|(_, e)| matches!(e.kind(), EventKind::Reply))
        .filter(|(_, e)| e.agent().is_some())
        .map(|(r, _)| r.id().as_str())
        .collect();
    assert!(answered.len() >= 3, "{answered:?}");
}

#[test]
fn angry_customers_shout_and_quiet_ones_ask_politely() {
    let inbox = inbox();
    let texts: Vec<&str> = inbox.iter().filter_map(Request::text).collect();
    let all_caps = texts.iter().any(|t| {
        let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
        letters.len() >= 20 && letters.iter().all(|c| c.is_uppercase())
    });
    assert!(all_caps, "no ALL CAPS complaint");
    assert!(texts.iter().any(|t| t.contains("!!!")), "no !!! complaint");
    let polite_and_urgent = texts.iter().any(|t| {
        let lower = t.to_lowercase();
        lower.contains("sorry") && lower.contains("thank") && lower.contains("locked")
    });
    assert!(polite_and_urgent, "no quiet but urgent request");
    let with_emoji = texts.iter().filter(|t| t.chars().any(is_emoji)).count();
    assert!(with_emoji >= 3, "only {with_emoji} texts with emoji");
}

#[test]
fn a_platinum_customer_politely_asks_for_a_brochure() {
    let asks = inbox().iter().any(|r| {
        r.customer().tier() == Some(Tier::Platinum)
            && r.text().is_some_and(|t| t.contains("brochure"))
    });
    assert!(asks);
}

#[test]
fn a_customer_says_thanks_all_sorted_after_our_reply() {
    let inbox = inbox();
    let sorted = inbox.iter().any(|r| {
        let replied = r
            .events()
            .iter()
            .position(|e| matches!(e.kind(), EventKind::Reply));
        let thanks = r.events().iter().rposition(|e| {
            e.direction() == Direction::Inbound
                && e.text()
                    .is_some_and(|t| t.to_lowercase().contains("all sorted"))
        });
        matches!((replied, thanks), (Some(reply), Some(thanks)) if reply < thanks)
    });
    assert!(sorted);
}

#[test]
fn profiles_carry_contact_windows_payment_methods_and_missed_calls() {
    let inbox = inbox();
    assert!(
        inbox
            .iter()
            .any(|r| !r.customer().contact_windows().is_empty())
    );
    assert!(
        inbox
            .iter()
            .any(|r| r.customer().payment_methods().len() >= 3)
    );
    let missed = events(&inbox).any(|(_, e)| {
        matches!(
            e.kind(),
            EventKind::Call {
                outcome: CallOutcome::Missed
            }
        )
    });
    assert!(missed, "no missed call");
}
