//! Story: a customer who replied twice on a ticket Zendesk still marks pending is ranked above an
//! older new ticket with a polite question, because the comments, not the stale status, say whose
//! turn it is.

use realboss::ranking::Ranker;
use realboss_helpdesk::{Mapping, ProblemKind, System, import};
use time::macros::datetime;

const EXPORT: &str = r#"{
  "tickets": [
    {"id": 1, "status": "new", "priority": "normal", "via": {"channel": "web"}, "requester_id": 11,
     "created_at": "2026-12-01T07:00:00+01:00",
     "comments": [{"author_id": 11, "public": true, "created_at": "2026-12-01T07:00:00+01:00",
       "body": "Hello, could you tell me when the winter collection will be in the shop? Thank you!"}]},
    {"id": 2, "status": "pending", "priority": "normal", "via": {"channel": "email"}, "requester_id": 12,
     "created_at": "2026-12-01T08:00:00+01:00",
     "comments": [
       {"author_id": 12, "public": true, "created_at": "2026-12-01T08:00:00+01:00",
        "body": "I was charged twice for order 5521."},
       {"author_id": 90, "public": true, "created_at": "2026-12-01T08:30:00+01:00",
        "body": "Could you send us the last four digits of the card?"},
       {"author_id": 12, "public": true, "created_at": "2026-12-01T09:00:00+01:00",
        "body": "It is 4411. Please refund the second charge."},
       {"author_id": 12, "public": true, "created_at": "2026-12-01T10:00:00+01:00",
        "body": "Still no refund and nobody answers. I need that money back today!"}
     ]}
  ],
  "users": [
    {"id": 11, "name": "Polite Paula", "role": "end-user"},
    {"id": 12, "name": "Double Dan", "role": "end-user"},
    {"id": 90, "name": "Agent Alex", "role": "agent"}
  ]
}"#;

#[test]
fn story_a_customer_who_replied_twice_on_a_pending_ticket_outranks_an_older_polite_new_ticket() {
    let import = import(System::Zendesk, EXPORT.as_bytes(), &Mapping::default()).unwrap();
    assert_eq!(import.requests.len(), 2);
    assert!(
        import.problems.iter().any(|p| p.kind == ProblemKind::StatusMismatch
            && p.position.id.as_deref() == Some("2")),
        "the stale pending status is reported: {:?}",
        import.problems
    );
    let ranker = Ranker::default();
    let ranking = ranker.rank(&import.requests, datetime!(2026-12-01 09:20 UTC));
    let order: Vec<_> = ranking
        .ranked()
        .iter()
        .map(|r| import.requests[r.index].id().as_str())
        .collect();
    assert_eq!(order, ["2", "1"], "skipped: {:?}", ranking.skipped());
}
