//! The Zendesk reader on its shipped sample: every mapped field, every unmappable kind.

use realboss::model::{Channel, Direction, EventKind, Level, Requester, Status, Tier};
use realboss_helpdesk::{Error, Import, Mapping, ProblemKind, System, import};
use time::macros::{date, offset};

mod common;
use common::{problem_kinds, request};

const SAMPLE: &str = include_str!("../samples/zendesk.json");

fn sample() -> Import {
    common::sample(System::Zendesk, SAMPLE)
}

#[test]
fn an_email_from_a_key_account_keeps_its_offset_and_loses_its_quotes() {
    let import = sample();
    let r = request(&import, "1001");
    assert_eq!(r.status(), Status::WaitingOnUs);
    assert_eq!(r.channel(), &Channel::Email);
    assert_eq!(r.priority(), Some(Level::High));
    assert_eq!(r.received_at().offset(), offset!(+1));
    assert_eq!(
        r.text(),
        Some(
            "My parcel (order 4471) was due on Friday and the tracking has not moved since Wednesday."
        )
    );
    assert_eq!(r.requester(), &Requester::Customer);
    let c = r.customer();
    assert_eq!(c.id().as_str(), "101");
    assert_eq!(c.name(), Some("Maria Keller"));
    assert_eq!(
        c.tier(),
        Some(Tier::Platinum),
        "org:Acme GmbH wins over tag:vip"
    );
    assert_eq!(c.lifetime_value().map(|m| m.amount()), Some(12500.0));
    assert_eq!(
        c.lifetime_value()
            .map(|m| m.currency().as_str().to_owned())
            .as_deref(),
        Some("EUR")
    );
    assert_eq!(c.customer_since(), Some(date!(2019 - 03 - 14)));
    for tag in ["delivery", "vip", "key-account"] {
        assert!(
            c.tags().iter().any(|t| t == tag),
            "tag {tag} in {:?}",
            c.tags()
        );
    }
    assert!(!r.is_lead());
    let events = r.events();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0].kind(), &EventKind::Reply);
    assert_eq!(events[0].direction(), Direction::Outbound);
    assert_eq!(events[0].agent().map(|a| a.as_str()), Some("901"));
    assert_eq!(events[1].kind(), &EventKind::FollowUp);
    assert_eq!(events[1].direction(), Direction::Inbound);
    assert_eq!(
        events[1].text(),
        Some("Any news? I need it for a birthday on Thursday.")
    );
    assert_eq!(events[1].at().offset(), offset!(+1));
    assert!(problem_kinds(&import, "1001").is_empty());
}

#[test]
fn a_customer_who_wrote_twice_on_a_pending_ticket_is_waiting_on_us_and_reported() {
    let import = sample();
    let r = request(&import, "1002");
    assert_eq!(r.status(), Status::WaitingOnUs);
    assert_eq!(r.channel(), &Channel::WebForm);
    assert!(!r.is_lead(), "a web ticket is no lead by itself");
    assert_eq!(r.received_at().offset(), offset!(-5));
    let kinds: Vec<_> = r.events().iter().map(|e| e.kind().clone()).collect();
    assert_eq!(
        kinds,
        [EventKind::Reply, EventKind::FollowUp, EventKind::FollowUp]
    );
    assert_eq!(r.customer().tier(), Some(Tier::Silver), "field:plan=pro");
    assert_eq!(
        r.customer().lifetime_value().map(|m| m.amount()),
        Some(340.5)
    );
    assert_eq!(
        problem_kinds(&import, "1002"),
        [ProblemKind::StatusMismatch]
    );
    let mismatch = import
        .problems
        .iter()
        .find(|p| p.position.id.as_deref() == Some("1002"))
        .unwrap();
    assert_eq!(mismatch.position.list, "tickets");
    assert_eq!(mismatch.position.index, 1);
    assert_eq!(mismatch.position.path, "status");
    assert!(mismatch.to_string().contains("pending"), "{mismatch}");
}

#[test]
fn a_sales_form_or_lead_tag_makes_a_lead_and_unknown_facts_stay_unknown() {
    let import = sample();
    let r = request(&import, "1003");
    assert_eq!(r.status(), Status::Open);
    assert!(r.is_lead());
    assert_eq!(r.customer().tier(), None);
    assert_eq!(r.customer().lifetime_value(), None);
    assert_eq!(r.customer().customer_since(), None);
    assert_eq!(r.received_at().offset(), offset!(UTC));
}

#[test]
fn on_hold_waits_on_us_and_a_private_note_is_a_note() {
    let import = sample();
    let r = request(&import, "1004");
    assert_eq!(
        r.status(),
        Status::WaitingOnUs,
        "hold = waiting on a third party for the customer"
    );
    assert_eq!(r.channel(), &Channel::Chat);
    assert_eq!(r.priority(), Some(Level::Low));
    assert_eq!(
        r.customer().tier(),
        Some(Tier::Gold),
        "field:plan=enterprise"
    );
    assert_eq!(
        r.customer().lifetime_value(),
        None,
        "a null field is unknown"
    );
    let note = r.events().last().unwrap();
    assert_eq!(note.kind(), &EventKind::Note);
    assert_eq!(note.text(), Some("Asked supplier by mail, ref SUP-88."));
    assert!(problem_kinds(&import, "1004").is_empty());
}

#[test]
fn an_admin_asking_is_an_internal_requester() {
    let import = sample();
    let r = request(&import, "1005");
    assert_eq!(
        r.requester(),
        &Requester::Internal {
            name: Some("Dana Ruiz".into()),
            role: Some("admin".into())
        }
    );
    assert_eq!(r.priority(), Some(Level::Urgent));
    assert_eq!(r.channel().as_str(), "api");
    assert_eq!(r.status(), Status::WaitingOnUs);
}

#[test]
fn a_solved_phone_ticket_is_resolved_without_its_outlook_quote() {
    let import = sample();
    let r = request(&import, "1006");
    assert_eq!(r.status(), Status::Resolved);
    assert_eq!(r.channel(), &Channel::Phone);
    assert_eq!(r.priority(), None);
    assert_eq!(r.text(), Some("Please send me a copy of invoice 2026-118."));
    assert_eq!(
        problem_kinds(&import, "1006"),
        [ProblemKind::BadField],
        "ltv \"n/a\""
    );
}

#[test]
fn every_unmappable_part_is_reported_with_its_position() {
    let import = sample();
    let r = request(&import, "1007");
    assert_eq!(r.channel().as_str(), "carrier_pigeon");
    assert_eq!(r.priority(), None);
    assert_eq!(
        r.status(),
        Status::WaitingOnUs,
        "unknown status: the comments decide"
    );
    assert!(
        r.events().is_empty(),
        "the unknown author's and the undated comment are skipped"
    );
    let problems: Vec<_> = import
        .problems
        .iter()
        .filter(|p| p.position.id.as_deref() == Some("1007"))
        .collect();
    let kinds: Vec<_> = problems.iter().map(|p| p.kind).collect();
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
    let author = problems
        .iter()
        .find(|p| p.kind == ProblemKind::UnknownAuthor)
        .unwrap();
    assert_eq!(author.position.path, "comments[1].author_id");
    assert_eq!(author.position.index, 6);
    let stamp = problems
        .iter()
        .find(|p| p.kind == ProblemKind::BadTimestamp)
        .unwrap();
    assert_eq!(stamp.position.path, "comments[2].created_at");
}

#[test]
fn a_ticket_without_a_customer_message_is_skipped_and_reported() {
    let import = sample();
    assert!(import.requests.iter().all(|r| r.id().as_str() != "1008"));
    assert!(problem_kinds(&import, "1008").contains(&ProblemKind::NoCustomerMessage));
    let r = request(&import, "1009");
    assert_eq!(r.customer().id().as_str(), "555");
    assert_eq!(
        problem_kinds(&import, "1009"),
        [ProblemKind::UnknownCustomer]
    );
    assert_eq!(
        import.requests.len(),
        8,
        "nine tickets, one skipped with a reason"
    );
}

#[test]
fn nothing_mapped_invents_nothing() {
    let import = import(System::Zendesk, SAMPLE.as_bytes(), &Mapping::default()).unwrap();
    for r in &import.requests {
        assert_eq!(r.customer().tier(), None, "{}", r.id().as_str());
        assert_eq!(r.customer().lifetime_value(), None);
        assert_eq!(r.customer().customer_since(), None);
        assert!(!r.is_lead());
    }
}

#[test]
fn the_incremental_export_as_json_lines_of_pages_is_read_in_order() {
    let pages = concat!(
        r#"{"tickets": [{"id": 1, "status": "new", "via": {"channel": "email"}, "requester_id": 7, "#,
        r#""created_at": "2026-12-01T09:00:00+02:00", "description": "Where is my order?"}], "end_time": 1}"#,
        "\n",
        r#"{"tickets": [{"id": 2, "status": "open", "via": {"channel": "web"}, "requester_id": 8, "#,
        r#""created_at": "2026-12-01T10:00:00+02:00", "description": "Wrong size delivered."}], "end_time": 2}"#,
        "\n"
    );
    let import = import(System::Zendesk, pages.as_bytes(), &Mapping::default()).unwrap();
    let ids: Vec<_> = import.requests.iter().map(|r| r.id().as_str()).collect();
    assert_eq!(ids, ["1", "2"]);
    assert_eq!(import.requests[0].text(), Some("Where is my order?"));
    assert_eq!(import.requests[0].received_at().offset(), offset!(+2));
    let unknown: Vec<_> = import
        .problems
        .iter()
        .map(|p| (p.position.index, p.kind))
        .collect();
    assert_eq!(
        unknown,
        [
            (0, ProblemKind::UnknownCustomer),
            (1, ProblemKind::UnknownCustomer)
        ]
    );
}

#[test]
fn jsonl_output_reads_back_as_realboss_requests() {
    let import = sample();
    let mut out = Vec::new();
    import.write_jsonl(&mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let back: Vec<_> = text
        .lines()
        .map(|l| realboss::model::Request::from_json(l).unwrap())
        .collect();
    assert_eq!(back, import.requests);
}

#[test]
fn another_vendors_file_or_no_export_is_a_clear_error() {
    let freshdesk = r#"{"tickets": [{"id": 1, "status": 2, "source": 1, "conversations": []}], "contacts": []}"#;
    let err = import(System::Zendesk, freshdesk.as_bytes(), &Mapping::default()).unwrap_err();
    assert!(
        matches!(
            err,
            Error::WrongSystem {
                expected: System::Zendesk,
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("Freshdesk"), "{err}");
    let helpscout = r#"{"_embedded": {"conversations": []}, "page": {"size": 25}}"#;
    let err = import(System::Zendesk, helpscout.as_bytes(), &Mapping::default()).unwrap_err();
    assert!(err.to_string().contains("Help Scout"), "{err}");
    let empty = r#"{"tickets": []}"#;
    let err = import(System::Zendesk, empty.as_bytes(), &Mapping::default()).unwrap_err();
    assert!(matches!(err, Error::NoRecords { .. }), "{err}");
    let broken = "{\"tickets\": [\n{\"id\": }";
    let err = import(System::Zendesk, broken.as_bytes(), &Mapping::default()).unwrap_err();
    assert!(matches!(err, Error::Json { line: 2, .. }), "{err}");
}
