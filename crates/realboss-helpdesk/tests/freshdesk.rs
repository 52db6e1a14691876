//! The Freshdesk reader on its shipped sample: every mapped field, every unmappable kind.

use realboss::model::{Channel, Direction, EventKind, Level, Requester, Status, Tier};
use realboss_helpdesk::{Error, Import, Mapping, ProblemKind, System, import};
use time::macros::{date, offset};

mod common;
use common::{event_kinds, problem_kinds, request};

const SAMPLE: &str = include_str!("../samples/freshdesk.json");

fn sample() -> Import {
    common::sample(System::Freshdesk, SAMPLE)
}

#[test]
fn an_email_from_a_key_account_keeps_its_offset_and_loses_its_outlook_quote() {
    let import = sample();
    let r = request(&import, "2001");
    assert_eq!(r.status(), Status::WaitingOnUs);
    assert_eq!(r.channel(), &Channel::Email);
    assert_eq!(r.priority(), Some(Level::High));
    assert_eq!(r.received_at().offset(), offset!(+1));
    assert_eq!(
        r.text(),
        Some("I ordered the blue jacket in M and received a red one in XL.")
    );
    assert_eq!(r.requester(), &Requester::Customer);
    let c = r.customer();
    assert_eq!(c.id().as_str(), "301");
    assert_eq!(c.name(), Some("Maria Keller"));
    assert_eq!(c.tier(), Some(Tier::Platinum), "org:Acme GmbH");
    assert_eq!(c.lifetime_value().map(|m| m.amount()), Some(9800.0));
    assert_eq!(c.customer_since(), Some(date!(2020 - 05 - 02)));
    assert!(c.tags().iter().any(|t| t == "returns") && c.tags().iter().any(|t| t == "vip"));
    assert!(!r.is_lead());
    assert_eq!(event_kinds(r), [EventKind::Reply, EventKind::FollowUp]);
    assert_eq!(r.events()[0].agent().map(|a| a.as_str()), Some("501"));
    assert_eq!(r.events()[0].direction(), Direction::Outbound);
    assert_eq!(r.events()[1].direction(), Direction::Inbound);
    assert!(problem_kinds(&import, "2001").is_empty());
}

#[test]
fn a_customer_who_wrote_twice_on_a_pending_ticket_is_waiting_on_us_and_reported() {
    let import = sample();
    let r = request(&import, "2002");
    assert_eq!(r.status(), Status::WaitingOnUs);
    assert_eq!(r.channel(), &Channel::WebForm);
    assert_eq!(r.priority(), Some(Level::Normal));
    assert_eq!(r.received_at().offset(), offset!(-8));
    assert_eq!(
        event_kinds(r),
        [EventKind::Reply, EventKind::FollowUp, EventKind::FollowUp]
    );
    assert_eq!(r.customer().tier(), Some(Tier::Silver));
    assert_eq!(
        r.customer().lifetime_value().map(|m| m.amount()),
        Some(120.0)
    );
    assert_eq!(
        problem_kinds(&import, "2002"),
        [ProblemKind::StatusMismatch]
    );
}

#[test]
fn a_sales_type_makes_a_lead_and_unknown_facts_stay_unknown() {
    let import = sample();
    let r = request(&import, "2003");
    assert!(r.is_lead());
    assert_eq!(r.channel(), &Channel::WebForm);
    assert_eq!(r.priority(), Some(Level::Low));
    assert_eq!(r.customer().tier(), None);
    assert_eq!(r.customer().lifetime_value(), None);
    assert_eq!(r.customer().customer_since(), None);
}

#[test]
fn waiting_on_a_third_party_waits_on_us_and_a_private_note_is_a_note() {
    let import = sample();
    let r = request(&import, "2004");
    assert_eq!(r.status(), Status::WaitingOnUs);
    assert_eq!(r.channel(), &Channel::Chat);
    assert_eq!(
        r.customer().tier(),
        Some(Tier::Gold),
        "field:plan=enterprise"
    );
    assert_eq!(event_kinds(r), [EventKind::Reply, EventKind::Note]);
    assert_eq!(
        r.events()[1].text(),
        Some("Manufacturer ticket MF-204, expect 3 days.")
    );
    assert!(problem_kinds(&import, "2004").is_empty());
}

#[test]
fn an_agent_asking_is_an_internal_requester() {
    let import = sample();
    let r = request(&import, "2005");
    assert_eq!(
        r.requester(),
        &Requester::Internal {
            name: Some("Omar Diaz".into()),
            role: Some("agent".into())
        }
    );
    assert_eq!(r.channel(), &Channel::Phone);
    assert_eq!(r.priority(), Some(Level::Urgent));
}

#[test]
fn a_closed_html_ticket_is_resolved_without_its_gmail_quote() {
    let import = sample();
    let r = request(&import, "2006");
    assert_eq!(r.status(), Status::Resolved);
    assert_eq!(r.channel(), &Channel::Email);
    assert_eq!(r.text(), Some("Please cancel my newsletter subscription."));
    assert_eq!(r.events()[0].text(), Some("Done, you are unsubscribed."));
    assert_eq!(
        problem_kinds(&import, "2006"),
        [ProblemKind::BadField],
        "since \"last spring\""
    );
}

#[test]
fn every_unmappable_part_is_reported_with_its_position() {
    let import = sample();
    let r = request(&import, "2007");
    assert_eq!(r.channel().as_str(), "source-99");
    assert_eq!(r.priority(), None);
    assert!(r.events().is_empty());
    let kinds = problem_kinds(&import, "2007");
    for kind in [
        ProblemKind::UnknownStatus,
        ProblemKind::UnknownPriority,
        ProblemKind::UnknownChannel,
        ProblemKind::UnknownAuthor,
        ProblemKind::BadTimestamp,
    ] {
        assert!(kinds.contains(&kind), "{kind:?} in {kinds:?}");
    }
    let stamp = import
        .problems
        .iter()
        .find(|p| p.kind == ProblemKind::BadTimestamp)
        .unwrap();
    assert_eq!(stamp.position.path, "conversations[1].created_at");
    assert_eq!(stamp.position.index, 6);
    assert!(import.requests.iter().all(|r| r.id().as_str() != "2008"));
    assert!(problem_kinds(&import, "2008").contains(&ProblemKind::NoCustomerMessage));
    assert_eq!(import.requests.len(), 7);
}

#[test]
fn another_vendors_file_is_a_clear_error() {
    let zendesk = include_str!("../samples/zendesk.json");
    let err = import(System::Freshdesk, zendesk.as_bytes(), &Mapping::default()).unwrap_err();
    assert!(
        matches!(
            err,
            Error::WrongSystem {
                expected: System::Freshdesk,
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("Zendesk"), "{err}");
    let err = import(System::Zendesk, SAMPLE.as_bytes(), &Mapping::default()).unwrap_err();
    assert!(err.to_string().contains("Freshdesk"), "{err}");
}
