//! Help Scout: conversations with their threads (Mailbox API 2.0).
//!
//! # Input
//!
//! One JSON object in the shape of `GET /v2/conversations?embed=threads`:
//! `{"_embedded": {"conversations": [...]}, "page": {...}}`, each conversation with its threads
//! embedded as `_embedded.threads` (`type`, `body`, `createdAt`, `createdBy`). Help Scout lists
//! threads newest first; the reader orders each conversation's threads by `createdAt` (oldest
//! first, equal times keep their order). Several such pages one after another (JSON Lines) are
//! read as one.
//!
//! # Mapping table
//!
//! | Help Scout | realboss | Notes |
//! |---|---|---|
//! | status `active` | `waiting_on_us` | the last public thread decides; a mismatch is reported |
//! | status `pending` | `waiting_on_customer` | a customer who wrote since makes it `waiting_on_us` (reported) |
//! | status `closed`, `spam` | `resolved` | kept; spam is no work |
//! | other status | last public thread decides | reported as `UnknownStatus` |
//! | source.type `email`, `emailfwd` | `email` | |
//! | source.type `web`, `beacon`, `beacon-v1`, `form` | `web_form` | never a lead by itself |
//! | source.type `chat` | `chat` | |
//! | source.type `phone` | `phone` | |
//! | source.type `api`, `notification`, `message` | `other` with that name | known, not reported |
//! | other source.type | `other` with that name | reported as `UnknownChannel` |
//! | thread `customer` | requester's message: the first is the request text, later ones `follow_up` | |
//! | thread `message` | `reply`, outbound, agent id = `createdBy.id` | |
//! | thread `note` | `note` (outbound) | |
//! | thread `chat`, `phone` | by `createdBy.type`: `customer` → requester, `user` → agent | |
//! | thread `lineitem` (status changes, assignments) | nothing | a state change, not a message |
//! | other thread type, or unknown `createdBy.type` | skipped | `UnknownAuthor` |
//! | `primaryCustomer` | customer: id, first + last name | Help Scout has no internal requesters |
//! | priority | none | Help Scout has no priority |
//! | tags (`tag`) | profile tags, mapping `tag:` | |
//! | customFields (`name` → `value`) | mapping `field:` | value, since |
//! | tier, lifetime value, customer since, lead | from the [`Mapping`] only | unknown otherwise |

use std::io::Read;

use realboss::model::{Channel, Requester, Status};
use serde::Deserialize;
use serde::de::MapAccess;

use crate::mapping::{Facts, FieldValue};
use crate::neutral::{
    Message, Side, Ticket, VendorStatus, or_report, other_channel, required_timestamp,
};
use crate::problem::{ProblemKind, Problems};
use crate::read::{self, Sections};
use crate::text::html_to_text;
use crate::{Error, Import, Mapping, System};

const LIST: &str = "conversations";

#[derive(Default)]
struct Page {
    conversations: Option<Vec<Conversation>>,
}

#[derive(Deserialize)]
struct Embedded {
    conversations: Option<Vec<Conversation>>,
}

impl Sections for Page {
    fn read<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
        match key {
            "_embedded" => read::append(
                &mut self.conversations,
                read::value::<_, Embedded>(map)?.conversations,
            ),
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn merge(&mut self, page: Self) {
        read::append(&mut self.conversations, page.conversations);
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Conversation {
    id: Option<FieldValue>,
    status: Option<String>,
    source: Option<Source>,
    primary_customer: Option<Person>,
    #[serde(default)]
    tags: Vec<Tag>,
    #[serde(default)]
    custom_fields: Vec<CustomField>,
    #[serde(rename = "_embedded")]
    embedded: Option<Threads>,
}

#[derive(Deserialize)]
struct Source {
    #[serde(rename = "type")]
    kind: Option<String>,
}

#[derive(Deserialize)]
struct Person {
    id: Option<FieldValue>,
    #[serde(rename = "type")]
    kind: Option<String>,
    first: Option<String>,
    last: Option<String>,
}

#[derive(Deserialize)]
struct Tag {
    tag: Option<String>,
}

#[derive(Deserialize)]
struct CustomField {
    name: Option<String>,
    value: Option<FieldValue>,
}

#[derive(Deserialize)]
struct Threads {
    #[serde(default)]
    threads: Vec<Thread>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Thread {
    #[serde(rename = "type")]
    kind: Option<String>,
    body: Option<String>,
    created_at: Option<String>,
    created_by: Option<Person>,
}

/// Reads a Help Scout export; see the [module docs](self) for the shape and the mapping table.
pub(crate) fn read(input: impl Read, mapping: &Mapping) -> Result<Import, Error> {
    let (page, other_keys) = read::merged::<Page>(System::HelpScout, input)?;
    let other_keys: Vec<String> = other_keys
        .into_iter()
        .filter(|k| k != "page" && k != "_links")
        .collect();
    read::check_records(
        System::HelpScout,
        LIST,
        page.conversations.as_deref(),
        |c| {
            c.primary_customer
                .is_none()
                .then_some([("primaryCustomer", false)])
        },
        &other_keys,
    )?;
    let conversations = page.conversations.unwrap_or_default();
    Ok(read::map_all(
        conversations,
        LIST,
        mapping,
        |c| c.id.as_ref().map(FieldValue::as_text),
        neutral,
    ))
}

fn status(name: &str) -> Option<VendorStatus> {
    Some(match name {
        "active" => VendorStatus::Turn(Status::WaitingOnUs),
        "pending" => VendorStatus::Turn(Status::WaitingOnCustomer),
        "closed" | "spam" => VendorStatus::Done,
        _ => return None,
    })
}

/// The channel of a `source.type`, and whether the table knows it.
fn channel(name: &str) -> (Channel, bool) {
    let channel = match name {
        "email" | "emailfwd" => Channel::Email,
        "web" | "beacon" | "beacon-v1" | "form" => Channel::WebForm,
        "chat" => Channel::Chat,
        "phone" => Channel::Phone,
        "api" | "notification" | "message" => other_channel(name),
        _ => return (other_channel(name), false),
    };
    (channel, true)
}

fn neutral(conversation: Conversation, problems: &mut Problems<'_>) -> Option<Ticket> {
    let customer = conversation.primary_customer.as_ref();
    let customer_id = customer
        .and_then(|c| c.id.as_ref())
        .map(FieldValue::as_text);
    if customer_id.is_none() {
        problems.report(
            "primaryCustomer",
            ProblemKind::UnknownCustomer,
            "no primaryCustomer id; customer unknown".to_owned(),
        );
    }
    let status_name = conversation.status.clone().unwrap_or_default();
    let vendor_status = or_report(status(&status_name), problems, "status", ProblemKind::UnknownStatus, || {
        format!("unknown status {status_name:?} (accepted: active, pending, closed, spam); the last public thread decides")
    })
    .unwrap_or(VendorStatus::Unknown);
    let source_type = conversation
        .source
        .as_ref()
        .and_then(|s| s.kind.clone())
        .unwrap_or_default();
    let (channel, known) = channel(&source_type);
    if !known {
        problems.report(
            "source.type",
            ProblemKind::UnknownChannel,
            format!("unknown source type {source_type:?}; mapped to other"),
        );
    }
    let mut facts = Facts::default();
    let tags: Vec<String> = conversation
        .tags
        .iter()
        .filter_map(|t| t.tag.clone())
        .collect();
    facts.add_tags(&tags);
    facts.fields.extend(
        conversation
            .custom_fields
            .iter()
            .filter_map(|f| Some((f.name.clone()?, f.value.clone()?))),
    );
    let threads = conversation
        .embedded
        .as_ref()
        .map(|e| e.threads.as_slice())
        .unwrap_or_default();
    let mut messages = Vec::with_capacity(threads.len());
    for (i, thread) in threads.iter().enumerate() {
        if let Some(message) = thread_message(thread, i, problems) {
            messages.push(message);
        }
    }
    messages.sort_by_key(|m| m.at);
    let name = customer.map(|c| {
        [c.first.as_deref(), c.last.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ")
    });
    Some(Ticket {
        id: conversation
            .id
            .as_ref()
            .map(FieldValue::as_text)
            .unwrap_or_default(),
        customer_id: customer_id.unwrap_or_default(),
        customer_name: name.filter(|n| !n.is_empty()),
        requester: Requester::Customer,
        channel,
        status: vendor_status,
        status_name,
        priority: None,
        messages,
        facts,
    })
}

fn thread_message(thread: &Thread, i: usize, problems: &mut Problems<'_>) -> Option<Message> {
    let path = |field: &str| format!("_embedded.threads[{i}].{field}");
    let by = thread.created_by.as_ref();
    let by_type = by.and_then(|b| b.kind.as_deref());
    let (side, public) = match (thread.kind.as_deref(), by_type) {
        (Some("lineitem"), _) => return None,
        (Some("customer"), _) => (Side::Requester, true),
        (Some("message"), _) => (Side::Agent, true),
        (Some("note"), _) => (Side::Agent, false),
        (Some("chat" | "phone"), Some("customer")) => (Side::Requester, true),
        (Some("chat" | "phone"), Some("user")) => (Side::Agent, true),
        (kind, by_type) => {
            problems.report(
                path("type"),
                ProblemKind::UnknownAuthor,
                format!("thread type {kind:?} by {by_type:?} is unknown (accepted: customer, message, note, lineitem, chat or phone by customer/user); thread skipped"),
            );
            return None;
        }
    };
    let at = required_timestamp(
        thread.created_at.as_deref(),
        &path("createdAt"),
        "thread",
        problems,
    )?;
    Some(Message {
        at,
        side,
        public,
        text: thread.body.as_deref().map(html_to_text).unwrap_or_default(),
        agent: (side == Side::Agent)
            .then(|| by?.id.as_ref().map(FieldValue::as_text))
            .flatten(),
        channel: None,
    })
}
