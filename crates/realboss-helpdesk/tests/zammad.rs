//! The Zammad reader on its shipped sample: every mapped field, every unmappable kind.

use realboss::model::{Channel, Direction, EventKind, Level, Requester, Status, Tier};
use realboss_helpdesk::{Error, Import, Mapping, ProblemKind, System, import};
use time::macros::{date, offset};

mod common;
use common::{event_kinds, problem_kinds, request};

const SAMPLE: &str = include_str!("../samples/zammad.json");

fn sample() -> Import {
    common::sample(System::Zammad, SAMPLE)
}

#[test]
fn an_email_from_a_key_account_keeps_its_offset_and_loses_its_german_quote() {
    let import = sample();
    let r = request(&import, "6001");
    assert_eq!(r.status(), Status::WaitingOnUs);
    assert_eq!(r.channel(), &Channel::Email);
    assert_eq!(r.priority(), Some(Level::High));
    assert_eq!(r.received_at().offset(), offset!(+1));
    assert_eq!(
        r.text(),
        Some("My washing machine was not delivered on the booked day.")
    );
    assert_eq!(r.requester(), &Requester::Customer);
    let c = r.customer();
    assert_eq!(c.id().as_str(), "101");
    assert_eq!(c.name(), Some("Maria Keller"));
    assert_eq!(c.tier(), Some(Tier::Platinum));
    assert_eq!(c.lifetime_value().map(|m| m.amount()), Some(8800.0));
    assert_eq!(c.customer_since(), Some(date!(2017 - 01 - 15)));
    assert_eq!(c.tags(), ["delivery"]);
    assert_eq!(
        event_kinds(r),
        [EventKind::Reply, EventKind::FollowUp],
        "the System auto-reply is no message"
    );
    assert_eq!(r.events()[0].agent().map(|a| a.as_str()), Some("901"));
    assert_eq!(r.events()[0].direction(), Direction::Outbound);
    assert!(problem_kinds(&import, "6001").is_empty());
}

#[test]
fn a_customer_who_wrote_twice_on_a_pending_ticket_is_waiting_on_us_and_reported() {
    let import = sample();
    let r = request(&import, "6002");
    assert_eq!(r.status(), Status::WaitingOnUs);
    assert_eq!(r.channel(), &Channel::WebForm);
    assert_eq!(r.received_at().offset(), offset!(-5));
    assert_eq!(
        event_kinds(r),
        [EventKind::Reply, EventKind::FollowUp, EventKind::FollowUp]
    );
    assert_eq!(
        r.events()[0].channel(),
        &Channel::Email,
        "each article keeps its own channel"
    );
    assert_eq!(r.customer().tier(), Some(Tier::Silver));
    assert_eq!(
        problem_kinds(&import, "6002"),
        [ProblemKind::StatusMismatch]
    );
}

#[test]
fn the_sales_group_makes_a_lead_and_unknown_facts_stay_unknown() {
    let import = sample();
    let r = request(&import, "6003");
    assert_eq!(r.status(), Status::Open);
    assert!(r.is_lead(), "form:Sales = the Sales group");
    assert_eq!(r.customer().tier(), None);
    assert_eq!(r.customer().lifetime_value(), None);
    assert_eq!(r.customer().customer_since(), None);
}

#[test]
fn an_internal_article_is_a_note_and_a_custom_ticket_attribute_maps() {
    let import = sample();
    let r = request(&import, "6004");
    assert_eq!(r.status(), Status::WaitingOnCustomer);
    assert_eq!(r.channel(), &Channel::Chat);
    assert_eq!(r.priority(), Some(Level::Low));
    assert_eq!(
        r.customer().tier(),
        Some(Tier::Gold),
        "ticket attribute plan=enterprise"
    );
    assert_eq!(event_kinds(r), [EventKind::Reply, EventKind::Note]);
    assert!(problem_kinds(&import, "6004").is_empty());
}

#[test]
fn an_admin_asking_is_an_internal_requester() {
    let import = sample();
    let r = request(&import, "6005");
    assert_eq!(
        r.requester(),
        &Requester::Internal {
            name: Some("Dana Ruiz".into()),
            role: Some("Admin".into())
        }
    );
    assert_eq!(r.channel(), &Channel::Phone);
}

#[test]
fn a_closed_html_ticket_is_resolved_without_its_quote() {
    let import = sample();
    let r = request(&import, "6006");
    assert_eq!(r.status(), Status::Resolved);
    assert_eq!(r.text(), Some("Please update my address."));
    assert_eq!(
        problem_kinds(&import, "6006"),
        [ProblemKind::BadField],
        "since \"soon\""
    );
}

#[test]
fn every_unmappable_part_is_reported_with_its_position() {
    let import = sample();
    let r = request(&import, "6007");
    assert_eq!(r.channel().as_str(), "carrier_pigeon");
    assert_eq!(r.priority(), None);
    assert!(r.events().is_empty());
    let kinds = problem_kinds(&import, "6007");
    for kind in [
        ProblemKind::UnknownStatus,
        ProblemKind::UnknownPriority,
        ProblemKind::UnknownChannel,
        ProblemKind::UnknownAuthor,
        ProblemKind::BadTimestamp,
    ] {
        assert!(kinds.contains(&kind), "{kind:?} in {kinds:?}");
    }
    let author = import
        .problems
        .iter()
        .find(|p| p.kind == ProblemKind::UnknownAuthor)
        .unwrap();
    assert_eq!(author.position.index, 6);
    assert_eq!(author.position.path, "ticket_articles[1].sender");
    assert!(problem_kinds(&import, "6008").contains(&ProblemKind::NoCustomerMessage));
    assert_eq!(import.requests.len(), 7);
}

#[test]
fn every_vendors_sample_read_as_another_vendor_is_wrong_system() {
    let samples = [
        (System::Zendesk, include_str!("../samples/zendesk.json")),
        (System::Freshdesk, include_str!("../samples/freshdesk.json")),
        (System::Zammad, SAMPLE),
        (System::HelpScout, include_str!("../samples/helpscout.json")),
        (System::Intercom, include_str!("../samples/intercom.json")),
    ];
    for (own, export) in samples {
        for other in System::ALL.into_iter().filter(|s| *s != own) {
            let err = import(other, export.as_bytes(), &Mapping::default()).unwrap_err();
            assert!(
                matches!(err, Error::WrongSystem { .. }),
                "{own} read as {other}: {err}"
            );
            assert!(
                err.to_string().contains(own.title()),
                "{own} read as {other}: {err}"
            );
        }
    }
}
