//! Intercom: conversations with their parts, and contacts.
//!
//! # Input
//!
//! One JSON object in the shape of `GET /conversations` with each conversation as
//! `GET /conversations/{id}` returns it (parts embedded), plus an optional `contacts` list in the
//! shape of `GET /contacts` (`data` there; named `contacts` here):
//!
//! ```json
//! {"type": "conversation.list", "conversations": [...], "contacts": [...]}
//! ```
//!
//! Each conversation: `id`, `created_at`, `state`, `priority`, `source` (`type`,
//! `delivered_as`, `body`, `author`), `contacts.contacts[]`, `tags.tags[]`,
//! `custom_attributes` and `conversation_parts.conversation_parts[]` (`part_type`, `body`,
//! `created_at`, `author`). Timestamps are Unix seconds (read as UTC, Intercom keeps no offset)
//! or RFC 3339 strings (offset kept). Several such objects one after another (JSON Lines, one
//! page per line) are read as one.
//!
//! # Mapping table
//!
//! | Intercom | realboss | Notes |
//! |---|---|---|
//! | state `open` | `waiting_on_us` | the last public part decides: an admin's reply last makes it `waiting_on_customer` (reported) |
//! | state `snoozed` | `waiting_on_us` | snoozed by the team to come back to: the customer still waits on us; kept |
//! | state `closed` | `resolved` | kept |
//! | other state | last public part decides | reported as `UnknownStatus` |
//! | priority `priority` | `high` floor | |
//! | priority `not_priority` or none | no floor | other → reported |
//! | source.type `conversation`, `chat` | `chat` (Messenger) | |
//! | source.type `email` | `email` | |
//! | source.type `phone_call`, `phone` | `phone` | |
//! | source.type `sms` | `sms` | |
//! | source.type `facebook`, `twitter`, `instagram`, `whatsapp` | `social` | |
//! | source.type `push`, `api` | `other` with that name | known, not reported |
//! | other source.type | `other` with that name | reported as `UnknownChannel` |
//! | source body (author user/lead/contact) | request text | HTML to text, quotes stripped |
//! | part `comment` of a user/lead/contact | `follow_up`, inbound | the first one is the request text when the admin started the conversation |
//! | part `comment` of an admin/bot/team, or `assignment`/`close`/`open`/`snoozed` with a body | `reply`, outbound, agent id = author id | |
//! | part `note` | `note` (outbound) | |
//! | part `assignment`/`close`/`open`/`snoozed`/… without body | nothing | a state change, not a message |
//! | part with another author type | skipped | `UnknownAuthor` |
//! | requester | the source's user/lead/contact author, else the first of `contacts.contacts` | Intercom has no internal requesters |
//! | conversation tags + contact tags | profile tags, mapping `tag:` | |
//! | contact `role` (`user`, `lead`) | mapping `role:` (e.g. `role:lead`) | |
//! | conversation, contact `custom_attributes` | mapping `field:` | value, since |
//! | first company name of the contact | mapping `org:` | |
//! | tier, lifetime value, customer since, lead | from the [`Mapping`] only | unknown otherwise |

use std::collections::{BTreeMap, HashMap};
use std::io::Read;

use realboss::model::{Channel, Level, Requester, Status};
use serde::Deserialize;
use serde::de::MapAccess;
use time::OffsetDateTime;

use crate::mapping::{Facts, FieldValue};
use crate::neutral::{Message, Side, Ticket, VendorStatus, or_report, other_channel, timestamp};
use crate::problem::{ProblemKind, Problems};
use crate::read::{self, Lenient, Sections};
use crate::text::html_to_text;
use crate::{Error, Import, Mapping, System};

const LIST: &str = "conversations";

#[derive(Default)]
struct Export {
    conversations: Option<Vec<Conversation>>,
    contacts: Vec<Contact>,
}

impl Sections for Export {
    fn read<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
        match key {
            "conversations" => read::append(&mut self.conversations, Some(read::value(map)?)),
            "contacts" => self.contacts.extend(read::value::<_, Vec<Contact>>(map)?),
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn merge(&mut self, page: Self) {
        read::append(&mut self.conversations, page.conversations);
        self.contacts.extend(page.contacts);
    }
}

/// A timestamp as Unix seconds or RFC 3339 text.
#[derive(Deserialize, Clone)]
#[serde(untagged)]
enum Stamp {
    Unix(i64),
    Text(String),
}

#[derive(Deserialize)]
struct Conversation {
    id: Option<FieldValue>,
    created_at: Option<Stamp>,
    state: Option<String>,
    priority: Option<String>,
    source: Option<Source>,
    contacts: Option<ContactRefs>,
    tags: Option<Tags>,
    #[serde(default)]
    custom_attributes: BTreeMap<String, Option<FieldValue>>,
    conversation_parts: Option<Parts>,
}

#[derive(Deserialize)]
struct Source {
    #[serde(rename = "type")]
    kind: Option<String>,
    body: Option<String>,
    author: Option<Author>,
}

#[derive(Deserialize)]
struct Author {
    #[serde(rename = "type")]
    kind: Option<String>,
    id: Option<FieldValue>,
    name: Option<String>,
}

#[derive(Deserialize)]
struct ContactRefs {
    #[serde(default)]
    contacts: Vec<ContactRef>,
}

#[derive(Deserialize)]
struct ContactRef {
    id: FieldValue,
}

#[derive(Deserialize, Default)]
struct Tags {
    #[serde(default, alias = "data")]
    tags: Vec<Tag>,
}

#[derive(Deserialize)]
struct Tag {
    name: Option<String>,
}

#[derive(Deserialize)]
struct Parts {
    #[serde(default)]
    conversation_parts: Vec<Part>,
}

#[derive(Deserialize)]
struct Part {
    part_type: Option<String>,
    body: Option<String>,
    created_at: Option<Stamp>,
    author: Option<Author>,
}

#[derive(Deserialize)]
struct Contact {
    id: FieldValue,
    role: Option<String>,
    name: Option<String>,
    #[serde(default)]
    tags: Lenient<Tags>,
    #[serde(default)]
    custom_attributes: BTreeMap<String, Option<FieldValue>>,
    companies: Option<Companies>,
}

#[derive(Deserialize)]
struct Companies {
    #[serde(default)]
    data: Vec<Company>,
}

#[derive(Deserialize)]
struct Company {
    name: Option<String>,
}

/// Reads an Intercom export; see the [module docs](self) for the shape and the mapping table.
pub(crate) fn read(input: impl Read, mapping: &Mapping) -> Result<Import, Error> {
    let (export, other_keys) = read::merged::<Export>(System::Intercom, input)?;
    let other_keys: Vec<String> = other_keys
        .into_iter()
        .filter(|k| k != "type" && k != "pages")
        .collect();
    read::check_records(
        System::Intercom,
        LIST,
        export.conversations.as_deref(),
        |c| {
            c.conversation_parts
                .is_none()
                .then_some([("conversation_parts", false)])
        },
        &other_keys,
    )?;
    let contacts: HashMap<String, &Contact> = export
        .contacts
        .iter()
        .map(|c| (c.id.as_text(), c))
        .collect();
    let conversations = export.conversations.unwrap_or_default();
    Ok(read::map_all(
        conversations,
        LIST,
        mapping,
        |c| c.id.as_ref().map(FieldValue::as_text),
        |c, problems| neutral(c, &contacts, problems),
    ))
}

fn at(stamp: &Stamp, path: &str, problems: &mut Problems<'_>) -> Option<OffsetDateTime> {
    match stamp {
        Stamp::Unix(seconds) => match OffsetDateTime::from_unix_timestamp(*seconds) {
            Ok(at) => Some(at),
            Err(e) => {
                problems.report(
                    path,
                    ProblemKind::BadTimestamp,
                    format!("Unix time {seconds} is out of range ({e}); skipped"),
                );
                None
            }
        },
        Stamp::Text(text) => timestamp(text, path, problems),
    }
}

fn status(name: &str) -> Option<VendorStatus> {
    Some(match name {
        "open" => VendorStatus::Turn(Status::WaitingOnUs),
        "snoozed" => VendorStatus::OnHold,
        "closed" => VendorStatus::Done,
        _ => return None,
    })
}

/// The channel of a `source.type`, and whether the table knows it.
fn channel(name: &str) -> (Channel, bool) {
    let channel = match name {
        "conversation" | "chat" => Channel::Chat,
        "email" => Channel::Email,
        "phone_call" | "phone" => Channel::Phone,
        "sms" => Channel::Sms,
        "facebook" | "twitter" | "instagram" | "whatsapp" => Channel::Social,
        "push" | "api" => other_channel(name),
        _ => return (other_channel(name), false),
    };
    (channel, true)
}

/// The side of an author type; `None` for one the table does not know.
fn side(author: Option<&Author>) -> Option<Side> {
    match author?.kind.as_deref()? {
        "user" | "lead" | "contact" => Some(Side::Requester),
        "admin" | "bot" | "team" => Some(Side::Agent),
        _ => None,
    }
}

fn neutral(
    conversation: Conversation,
    contacts: &HashMap<String, &Contact>,
    problems: &mut Problems<'_>,
) -> Option<Ticket> {
    let source = conversation.source.as_ref();
    let source_author = source.and_then(|s| s.author.as_ref());
    let requester_id = match source_author.filter(|a| side(Some(a)) == Some(Side::Requester)) {
        Some(author) => author.id.as_ref().map(FieldValue::as_text),
        None => conversation
            .contacts
            .as_ref()
            .and_then(|c| c.contacts.first())
            .map(|c| c.id.as_text()),
    };
    let contact = requester_id
        .as_ref()
        .and_then(|id| contacts.get(id).copied());
    if contact.is_none() {
        problems.report(
            "contacts",
            ProblemKind::UnknownCustomer,
            format!("contact {requester_id:?} is not in `contacts`; customer known by id only"),
        );
    }
    let status_name = conversation.state.clone().unwrap_or_default();
    let vendor_status = or_report(status(&status_name), problems, "state", ProblemKind::UnknownStatus, || {
        format!("unknown state {status_name:?} (accepted: open, snoozed, closed); the last public part decides")
    })
    .unwrap_or(VendorStatus::Unknown);
    let priority = match conversation.priority.as_deref() {
        Some("priority") => Some(Level::High),
        None | Some("not_priority") => None,
        Some(other) => {
            problems.report(
                "priority",
                ProblemKind::UnknownPriority,
                format!(
                    "unknown priority {other:?} (accepted: priority, not_priority); no floor set"
                ),
            );
            None
        }
    };
    let source_type = source.and_then(|s| s.kind.clone()).unwrap_or_default();
    let (channel, known) = channel(&source_type);
    if !known {
        problems.report(
            "source.type",
            ProblemKind::UnknownChannel,
            format!("unknown source type {source_type:?}; mapped to other"),
        );
    }
    let mut facts = Facts {
        role: contact.and_then(|c| c.role.clone()),
        org: contact
            .and_then(|c| c.companies.as_ref())
            .and_then(|c| c.data.first())
            .and_then(|c| c.name.clone()),
        ..Facts::default()
    };
    let tag_names = |tags: Option<&Tags>| -> Vec<String> {
        tags.iter()
            .flat_map(|t| &t.tags)
            .filter_map(|t| t.name.clone())
            .collect()
    };
    facts.add_tags(&tag_names(conversation.tags.as_ref()));
    facts.add_tags(&tag_names(contact.and_then(|c| c.tags.get())));
    facts.add_fields(&conversation.custom_attributes);
    facts.add_fields(contact.iter().flat_map(|c| &c.custom_attributes));
    let mut messages = Vec::new();
    if let (Some(source), Some(created)) = (source, &conversation.created_at)
        && let Some(side) = side(source_author)
        && let Some(at) = at(created, "created_at", problems)
    {
        messages.push(Message {
            at,
            side,
            public: true,
            text: source.body.as_deref().map(html_to_text).unwrap_or_default(),
            agent: agent_id(side, source_author),
            channel: None,
        });
    }
    let parts = conversation
        .conversation_parts
        .as_ref()
        .map(|p| p.conversation_parts.as_slice())
        .unwrap_or_default();
    for (i, part) in parts.iter().enumerate() {
        if let Some(message) = part_message(part, i, problems) {
            messages.push(message);
        }
    }
    Some(Ticket {
        id: conversation
            .id
            .as_ref()
            .map(FieldValue::as_text)
            .unwrap_or_default(),
        customer_id: requester_id.unwrap_or_default(),
        customer_name: contact.and_then(|c| c.name.clone()).or_else(|| {
            source_author
                .filter(|a| side(Some(a)) == Some(Side::Requester))?
                .name
                .clone()
        }),
        requester: Requester::Customer,
        channel,
        status: vendor_status,
        status_name,
        priority,
        messages,
        facts,
    })
}

fn agent_id(side: Side, author: Option<&Author>) -> Option<String> {
    (side == Side::Agent)
        .then(|| author?.id.as_ref().map(FieldValue::as_text))
        .flatten()
}

fn part_message(part: &Part, i: usize, problems: &mut Problems<'_>) -> Option<Message> {
    let path = |field: &str| format!("conversation_parts[{i}].{field}");
    let body = part.body.as_deref().filter(|b| !b.trim().is_empty());
    let public = match (part.part_type.as_deref(), body) {
        (Some("note"), Some(_)) => false,
        (_, Some(_)) => true,
        // A state change (assignment, close, snooze) without a message.
        (_, None) => return None,
    };
    let Some(side) = side(part.author.as_ref()) else {
        let kind = part.author.as_ref().and_then(|a| a.kind.clone());
        problems.report(path("author.type"), ProblemKind::UnknownAuthor, format!("author type {kind:?} is unknown (accepted: user, lead, contact, admin, bot, team); part skipped"));
        return None;
    };
    let Some(created) = &part.created_at else {
        problems.report(
            path("created_at"),
            ProblemKind::BadTimestamp,
            "no created_at; part skipped".to_owned(),
        );
        return None;
    };
    let at = at(created, &path("created_at"), problems)?;
    Some(Message {
        at,
        side,
        public,
        text: body.map(html_to_text).unwrap_or_default(),
        agent: agent_id(side, part.author.as_ref()),
        channel: None,
    })
}
