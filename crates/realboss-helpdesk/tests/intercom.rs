//! The Intercom reader on its shipped sample: every mapped field, every unmappable kind.

use realboss::model::{Channel, Direction, EventKind, Level, Requester, Status, Tier};
use realboss_helpdesk::{Error, Import, Mapping, ProblemKind, System, import};
use time::macros::{date, datetime, offset};

mod common;
use common::{event_kinds, problem_kinds, request};

const SAMPLE: &str = include_str!("../samples/intercom.json");

fn sample() -> Import {
    common::sample(System::Intercom, SAMPLE)
}

#[test]
fn an_email_from_a_key_account_keeps_its_offset_and_loses_its_quote() {
    let import = sample();
    let r = request(&import, "3001");
    assert_eq!(r.status(), Status::WaitingOnUs);
    assert_eq!(r.channel(), &Channel::Email);
    assert_eq!(r.priority(), Some(Level::High));
    assert_eq!(r.received_at(), datetime!(2026-12-01 09:00 +01:00));
    assert_eq!(r.received_at().offset(), offset!(+1));
    assert_eq!(
        r.text(),
        Some("I was charged twice for my subscription this month.")
    );
    assert_eq!(r.requester(), &Requester::Customer);
    let c = r.customer();
    assert_eq!(c.id().as_str(), "c1");
    assert_eq!(c.name(), Some("Maria Keller"));
    assert_eq!(c.tier(), Some(Tier::Platinum));
    assert_eq!(c.lifetime_value().map(|m| m.amount()), Some(15000.0));
    assert_eq!(c.customer_since(), Some(date!(2018 - 09 - 01)));
    assert!(c.tags().iter().any(|t| t == "billing") && c.tags().iter().any(|t| t == "vip"));
    assert_eq!(
        event_kinds(r),
        [EventKind::Reply, EventKind::FollowUp],
        "the bare assignment is no message"
    );
    assert_eq!(r.events()[0].agent().map(|a| a.as_str()), Some("7001"));
    assert_eq!(r.events()[0].direction(), Direction::Outbound);
    assert_eq!(
        r.events()[1].at(),
        datetime!(2026-12-01 11:00 UTC),
        "Unix seconds read as UTC"
    );
    assert!(problem_kinds(&import, "3001").is_empty());
}

#[test]
fn a_customer_who_wrote_twice_after_the_reply_is_waiting_on_us() {
    let import = sample();
    let r = request(&import, "3002");
    assert_eq!(r.status(), Status::WaitingOnUs);
    assert_eq!(r.channel(), &Channel::Chat);
    assert_eq!(r.priority(), None);
    assert_eq!(
        event_kinds(r),
        [EventKind::Reply, EventKind::FollowUp, EventKind::FollowUp]
    );
    assert_eq!(r.customer().tier(), Some(Tier::Silver));
    assert_eq!(
        r.customer().lifetime_value().map(|m| m.amount()),
        Some(75.5)
    );
    assert!(problem_kinds(&import, "3002").is_empty());
}

#[test]
fn an_intercom_lead_is_a_lead_through_the_role_mapping_only() {
    let import = sample();
    let r = request(&import, "3003");
    assert!(r.is_lead(), "role:lead");
    assert_eq!(r.customer().tier(), None);
    assert_eq!(r.customer().lifetime_value(), None);
    assert_eq!(r.customer().customer_since(), None);
    let unmapped =
        realboss_helpdesk::import(System::Intercom, SAMPLE.as_bytes(), &Mapping::default())
            .unwrap();
    assert!(unmapped.requests.iter().all(|r| !r.is_lead()));
}

#[test]
fn snoozed_waits_on_us_and_a_note_is_a_note() {
    let import = sample();
    let r = request(&import, "3004");
    assert_eq!(r.status(), Status::WaitingOnUs);
    assert_eq!(
        r.customer().tier(),
        Some(Tier::Gold),
        "conversation attribute plan=enterprise"
    );
    assert_eq!(
        event_kinds(r),
        [EventKind::Reply, EventKind::Reply, EventKind::Note]
    );
    assert_eq!(
        r.events()[0].agent().map(|a| a.as_str()),
        Some("8001"),
        "the bot answers too"
    );
    assert_eq!(r.events()[2].text(), Some("Warehouse ticket WH-31."));
    assert!(problem_kinds(&import, "3004").is_empty());
}

#[test]
fn an_admin_started_conversation_begins_with_the_customers_first_answer() {
    let import = sample();
    let r = request(&import, "3005");
    assert_eq!(r.status(), Status::Resolved);
    assert_eq!(r.channel().as_str(), "push");
    assert_eq!(r.text(), Some("Great, thank you!"));
    assert_eq!(event_kinds(r), [EventKind::Reply]);
    assert_eq!(r.customer().id().as_str(), "c5");
}

#[test]
fn every_unmappable_part_is_reported_with_its_position() {
    let import = sample();
    let r = request(&import, "3006");
    assert_eq!(r.channel().as_str(), "carrier_pigeon");
    assert_eq!(r.priority(), None);
    assert!(r.events().is_empty());
    assert_eq!(r.customer().lifetime_value(), None, "ltv -5 refused");
    let kinds = problem_kinds(&import, "3006");
    for kind in [
        ProblemKind::UnknownStatus,
        ProblemKind::UnknownPriority,
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
    assert_eq!(author.position.list, "conversations");
    assert_eq!(author.position.index, 5);
    assert_eq!(author.position.path, "conversation_parts[0].author.type");
    assert!(import.requests.iter().all(|r| r.id().as_str() != "3007"));
    assert_eq!(
        problem_kinds(&import, "3007"),
        [ProblemKind::UnknownCustomer, ProblemKind::NoCustomerMessage]
    );
    assert_eq!(import.requests.len(), 6);
}

#[test]
fn other_vendors_files_are_a_clear_error() {
    for (export, vendor) in [
        (include_str!("../samples/zendesk.json"), "Zendesk"),
        (include_str!("../samples/freshdesk.json"), "Freshdesk"),
    ] {
        let err = import(System::Intercom, export.as_bytes(), &Mapping::default()).unwrap_err();
        assert!(
            matches!(
                err,
                Error::WrongSystem {
                    expected: System::Intercom,
                    ..
                }
            ),
            "{err}"
        );
        assert!(err.to_string().contains(vendor), "{err}");
        let back = import(System::Zendesk, SAMPLE.as_bytes(), &Mapping::default()).unwrap_err();
        assert!(back.to_string().contains("Intercom"), "{back}");
        let back = import(System::Freshdesk, SAMPLE.as_bytes(), &Mapping::default()).unwrap_err();
        assert!(back.to_string().contains("Intercom"), "{back}");
    }
}
