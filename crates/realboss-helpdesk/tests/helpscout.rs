//! The Help Scout reader on its shipped sample: every mapped field, every unmappable kind.

use realboss::model::{Channel, Direction, EventKind, Requester, Status, Tier};
use realboss_helpdesk::{Error, Import, Mapping, ProblemKind, System, import};
use time::macros::{date, offset};

mod common;
use common::{event_kinds, problem_kinds, request};

const SAMPLE: &str = include_str!("../samples/helpscout.json");

fn sample() -> Import {
    common::sample(System::HelpScout, SAMPLE)
}

#[test]
fn an_email_keeps_its_offset_loses_its_quote_and_threads_run_oldest_first() {
    let import = sample();
    let r = request(&import, "4001");
    assert_eq!(r.status(), Status::WaitingOnUs);
    assert_eq!(r.channel(), &Channel::Email);
    assert_eq!(r.priority(), None, "Help Scout has no priority");
    assert_eq!(r.received_at().offset(), offset!(+1));
    assert_eq!(r.text(), Some("The coffee machine I bought leaks water."));
    assert_eq!(r.requester(), &Requester::Customer);
    let c = r.customer();
    assert_eq!(c.id().as_str(), "101");
    assert_eq!(c.name(), Some("Maria Keller"));
    assert_eq!(c.tier(), Some(Tier::Gold), "tag:vip");
    assert_eq!(c.lifetime_value().map(|m| m.amount()), Some(4200.0));
    assert_eq!(c.customer_since(), Some(date!(2021 - 02 - 03)));
    assert_eq!(c.tags(), ["vip"]);
    assert_eq!(event_kinds(r), [EventKind::Reply, EventKind::FollowUp]);
    assert_eq!(r.events()[0].agent().map(|a| a.as_str()), Some("9001"));
    assert_eq!(r.events()[0].direction(), Direction::Outbound);
    assert!(problem_kinds(&import, "4001").is_empty());
}

#[test]
fn a_customer_who_wrote_twice_on_a_pending_conversation_is_waiting_on_us_and_reported() {
    let import = sample();
    let r = request(&import, "4002");
    assert_eq!(r.status(), Status::WaitingOnUs);
    assert_eq!(r.channel(), &Channel::WebForm);
    assert_eq!(r.received_at().offset(), offset!(-5));
    assert_eq!(
        event_kinds(r),
        [EventKind::Reply, EventKind::FollowUp, EventKind::FollowUp]
    );
    assert_eq!(r.customer().tier(), Some(Tier::Silver));
    assert_eq!(
        problem_kinds(&import, "4002"),
        [ProblemKind::StatusMismatch]
    );
}

#[test]
fn a_lead_tag_makes_a_lead_and_unknown_facts_stay_unknown() {
    let import = sample();
    let r = request(&import, "4003");
    assert!(r.is_lead());
    assert_eq!(r.channel(), &Channel::WebForm);
    assert_eq!(r.customer().tier(), None);
    assert_eq!(r.customer().lifetime_value(), None);
    assert_eq!(r.customer().customer_since(), None);
}

#[test]
fn chat_threads_follow_their_author_and_a_note_is_a_note() {
    let import = sample();
    let r = request(&import, "4004");
    assert_eq!(r.status(), Status::WaitingOnCustomer);
    assert_eq!(r.channel(), &Channel::Chat);
    assert_eq!(r.customer().tier(), Some(Tier::Gold));
    assert_eq!(
        event_kinds(r),
        [EventKind::Reply, EventKind::Note],
        "the lineitem is no message"
    );
    assert_eq!(r.events()[1].text(), Some("Asked buyer, see Slack."));
    assert!(problem_kinds(&import, "4004").is_empty());
}

#[test]
fn a_closed_phone_conversation_is_resolved() {
    let import = sample();
    let r = request(&import, "4005");
    assert_eq!(r.status(), Status::Resolved);
    assert_eq!(r.channel(), &Channel::Phone);
    assert_eq!(
        r.text(),
        Some("Customer called: wants to change the delivery address.")
    );
}

#[test]
fn every_unmappable_part_is_reported_with_its_position() {
    let import = sample();
    let r = request(&import, "4006");
    assert_eq!(r.channel().as_str(), "carrier_pigeon");
    assert!(r.events().is_empty());
    let kinds = problem_kinds(&import, "4006");
    for kind in [
        ProblemKind::UnknownStatus,
        ProblemKind::UnknownChannel,
        ProblemKind::UnknownAuthor,
        ProblemKind::BadTimestamp,
        ProblemKind::BadField,
    ] {
        assert!(kinds.contains(&kind), "{kind:?} in {kinds:?}");
    }
    let author = import
        .problems
        .iter()
        .find(|p| p.kind == ProblemKind::UnknownAuthor)
        .unwrap();
    assert_eq!(author.position.index, 5);
    assert_eq!(
        author.position.path, "_embedded.threads[1].type",
        "threads as listed (newest first)"
    );
    assert!(problem_kinds(&import, "4007").contains(&ProblemKind::NoCustomerMessage));
    assert_eq!(import.requests.len(), 6);
}

#[test]
fn other_vendors_files_are_a_clear_error() {
    for (export, vendor) in [
        (include_str!("../samples/zendesk.json"), "Zendesk"),
        (include_str!("../samples/freshdesk.json"), "Freshdesk"),
        (include_str!("../samples/intercom.json"), "Intercom"),
    ] {
        let err = import(System::HelpScout, export.as_bytes(), &Mapping::default()).unwrap_err();
        assert!(
            matches!(
                err,
                Error::WrongSystem {
                    expected: System::HelpScout,
                    ..
                }
            ),
            "{err}"
        );
        assert!(err.to_string().contains(vendor), "{err}");
    }
    for system in [System::Zendesk, System::Freshdesk, System::Intercom] {
        let err = import(system, SAMPLE.as_bytes(), &Mapping::default()).unwrap_err();
        assert!(err.to_string().contains("Help Scout"), "{system}: {err}");
    }
}
