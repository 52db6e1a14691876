//! Zendesk Support: tickets with their comments, users and organizations.
//!
//! # Input
//!
//! One JSON object in the shape of `GET /api/v2/tickets.json?include=users,organizations`:
//! `{"tickets": [...], "users": [...], "organizations": [...]}`, optionally with
//! `"ticket_forms": [...]` (for form names). Comments go **inside each ticket** as
//! `"comments": [...]`, each in the shape of `GET /api/v2/tickets/{id}/comments.json`
//! (`author_id`, `public`, `body`/`plain_body`/`html_body`, `created_at`, `via`). A ticket
//! without `comments` (the incremental export carries none) counts its `description` as the
//! requester's first message at `created_at`.
//!
//! The incremental export (`GET /api/v2/incremental/tickets/cursor.json`, pages of
//! `{"tickets": [...], "end_time": ..., "after_cursor": ...}`) is read too, and so is a file of
//! such pages one after another (JSON Lines, one page per line): users and organizations of all
//! pages are joined, tickets kept in file order and numbered across pages.
//!
//! # Mapping table
//!
//! | Zendesk | realboss | Notes |
//! |---|---|---|
//! | status `new` | [`Status::Open`] | an agent's public comment last makes it `waiting_on_customer` (reported) |
//! | status `open` | [`Status::WaitingOnUs`] | the last public comment decides; a mismatch is reported |
//! | status `pending` | [`Status::WaitingOnCustomer`] | the last public comment decides: a customer who wrote since makes it `waiting_on_us` (reported) |
//! | status `hold` | [`Status::WaitingOnUs`] | on hold = waiting on a third party *for* the customer, who is still waiting on us; kept whoever wrote last |
//! | status `solved`, `closed` | [`Status::Resolved`] | kept whoever wrote last |
//! | other status | last public comment decides | reported as `UnknownStatus` |
//! | via `email` | [`Channel::Email`] | |
//! | via `web` | [`Channel::WebForm`] | never makes a lead by itself |
//! | via `chat`, `native_messaging`, `messaging` | [`Channel::Chat`] | |
//! | via `voice`, `phone` | [`Channel::Phone`] | |
//! | via `sms`, `text` | [`Channel::Sms`] | |
//! | via `twitter`, `facebook`, `instagram`, `instagram_dm`, `whatsapp`, `line`, `wechat` | [`Channel::Social`] | |
//! | via `api`, `mobile`, `mobile_sdk`, `rule`, `closed_ticket`, `sample_ticket`, `any_channel` | `Channel::Other(name)` | known, not reported |
//! | other via | `Channel::Other(name)` | reported as `UnknownChannel` |
//! | priority `low`/`normal`/`high`/`urgent` | [`Level`] priority floor | none → no floor; other → reported |
//! | comment `public: false` | [`EventKind::Note`] (outbound) | never the request text |
//! | first public comment of the requester side | request text | quoted earlier messages stripped |
//! | later public comment of the requester side | [`EventKind::FollowUp`], inbound | with text |
//! | public comment of an agent/admin | [`EventKind::Reply`], outbound, agent id = user id | |
//! | requester role `end-user` | [`Requester::Customer`] | customer id = user id |
//! | requester role `agent`/`admin` | [`Requester::Internal`] with name and role | a colleague asking |
//! | comment author = requester, or role `end-user` | requester side | |
//! | comment author not in `users` | skipped | reported as `UnknownAuthor` |
//! | ticket tags + user tags | profile tags | mapping `tag:` |
//! | organization name (user's, else ticket's) | mapping `org:` | |
//! | user_fields, organization_fields, ticket custom_fields (by id) | mapping `field:` | value, since |
//! | `ticket_form_id` (and its name from `ticket_forms`) | mapping `form:` | |
//! | user role | mapping `role:` | |
//! | tier, lifetime value, customer since, lead | from the [`Mapping`] only | unknown otherwise |
//!
//! [`Status::Open`]: realboss::model::Status::Open
//! [`Status::WaitingOnUs`]: realboss::model::Status::WaitingOnUs
//! [`Status::WaitingOnCustomer`]: realboss::model::Status::WaitingOnCustomer
//! [`Status::Resolved`]: realboss::model::Status::Resolved
//! [`Channel::Email`]: realboss::model::Channel::Email
//! [`Channel::WebForm`]: realboss::model::Channel::WebForm
//! [`Channel::Chat`]: realboss::model::Channel::Chat
//! [`Channel::Phone`]: realboss::model::Channel::Phone
//! [`Channel::Sms`]: realboss::model::Channel::Sms
//! [`Channel::Social`]: realboss::model::Channel::Social
//! [`Level`]: realboss::model::Level
//! [`EventKind::Note`]: realboss::model::EventKind::Note
//! [`EventKind::FollowUp`]: realboss::model::EventKind::FollowUp
//! [`EventKind::Reply`]: realboss::model::EventKind::Reply
//! [`Requester::Customer`]: realboss::model::Requester::Customer
//! [`Requester::Internal`]: realboss::model::Requester::Internal
//! [`Mapping`]: crate::Mapping

use std::collections::{BTreeMap, HashMap};
use std::io::Read;

use realboss::model::{Channel, Level, Requester, Status};
use serde::Deserialize;
use serde::de::{IgnoredAny, MapAccess};

use crate::mapping::{Facts, FieldValue};
use crate::neutral::{
    Message, Side, Ticket, VendorStatus, or_report, other_channel, required_timestamp, timestamp,
};
use crate::problem::{ProblemKind, Problems};
use crate::read::{self, Lenient, Sections};
use crate::{Error, Import, Mapping, System};

const LIST: &str = "tickets";

#[derive(Default)]
struct Export {
    tickets: Option<Vec<ZTicket>>,
    users: Vec<User>,
    organizations: Vec<Organization>,
    ticket_forms: Vec<Form>,
}

impl Sections for Export {
    fn read<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
        match key {
            "tickets" => self
                .tickets
                .get_or_insert_default()
                .extend(read::value::<_, Vec<ZTicket>>(map)?),
            "users" => self.users.extend(read::value::<_, Vec<User>>(map)?),
            "organizations" => self
                .organizations
                .extend(read::value::<_, Vec<Organization>>(map)?),
            "ticket_forms" => self.ticket_forms.extend(read::value::<_, Vec<Form>>(map)?),
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn merge(&mut self, page: Self) {
        read::append(&mut self.tickets, page.tickets);
        self.users.extend(page.users);
        self.organizations.extend(page.organizations);
        self.ticket_forms.extend(page.ticket_forms);
    }
}

/// A number or a string, for fields other vendors fill differently (a Freshdesk status is 2).
#[derive(Deserialize, Debug, Clone)]
#[serde(untagged)]
enum Name {
    Text(String),
    Number(f64),
}

impl Name {
    fn text(&self) -> String {
        match self {
            Name::Text(t) => t.clone(),
            Name::Number(n) => n.to_string(),
        }
    }
}

#[derive(Deserialize)]
struct ZTicket {
    id: Option<u64>,
    status: Option<Name>,
    priority: Option<Name>,
    via: Option<Via>,
    requester_id: Option<u64>,
    organization_id: Option<u64>,
    created_at: Option<String>,
    description: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    custom_fields: Lenient<Vec<CustomField>>,
    ticket_form_id: Option<u64>,
    comments: Option<Vec<Comment>>,
    // Other vendors' tell-tale record fields.
    conversations: Option<IgnoredAny>,
    state_id: Option<IgnoredAny>,
    article_ids: Option<IgnoredAny>,
}

#[derive(Deserialize)]
struct Via {
    channel: Option<Name>,
}

#[derive(Deserialize)]
struct CustomField {
    id: Name,
    value: Option<FieldValue>,
}

#[derive(Deserialize)]
struct Comment {
    author_id: Option<u64>,
    #[serde(default = "yes")]
    public: bool,
    body: Option<String>,
    plain_body: Option<String>,
    html_body: Option<String>,
    created_at: Option<String>,
    via: Option<Via>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
struct User {
    id: u64,
    name: Option<String>,
    role: Option<String>,
    organization_id: Option<u64>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    user_fields: BTreeMap<String, Option<FieldValue>>,
}

#[derive(Deserialize)]
struct Organization {
    id: u64,
    name: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    organization_fields: BTreeMap<String, Option<FieldValue>>,
}

#[derive(Deserialize)]
struct Form {
    id: u64,
    name: Option<String>,
}

/// Reads a Zendesk export; see the [module docs](self) for the shapes and the mapping table.
pub(crate) fn read(input: impl Read, mapping: &Mapping) -> Result<Import, Error> {
    let (export, other_keys) = read::merged::<Export>(System::Zendesk, input)?;
    read::check_records(
        System::Zendesk,
        LIST,
        export.tickets.as_deref(),
        |t| {
            t.via.is_none().then(|| {
                [
                    ("conversations", t.conversations.is_some()),
                    ("state_id", t.state_id.is_some()),
                    ("article_ids", t.article_ids.is_some()),
                ]
            })
        },
        &other_keys,
    )?;
    let tickets = export.tickets.unwrap_or_default();
    let users: HashMap<u64, &User> = export.users.iter().map(|u| (u.id, u)).collect();
    let orgs: HashMap<u64, &Organization> =
        export.organizations.iter().map(|o| (o.id, o)).collect();
    let forms: HashMap<u64, &Form> = export.ticket_forms.iter().map(|f| (f.id, f)).collect();
    let lookups = Lookups { users, orgs, forms };
    Ok(read::map_all(
        tickets,
        LIST,
        mapping,
        |t| t.id.map(|id| id.to_string()),
        |t, problems| lookups.neutral(t, problems),
    ))
}

struct Lookups<'a> {
    users: HashMap<u64, &'a User>,
    orgs: HashMap<u64, &'a Organization>,
    forms: HashMap<u64, &'a Form>,
}

/// The channel of a `via.channel` name, and whether the table knows it.
fn channel(name: &str) -> (Channel, bool) {
    let known = match name {
        "email" => Channel::Email,
        "web" => Channel::WebForm,
        "chat" | "native_messaging" | "messaging" => Channel::Chat,
        "voice" | "phone" => Channel::Phone,
        "sms" | "text" => Channel::Sms,
        "twitter" | "facebook" | "instagram" | "instagram_dm" | "whatsapp" | "line" | "wechat" => {
            Channel::Social
        }
        "api" | "mobile" | "mobile_sdk" | "rule" | "closed_ticket" | "sample_ticket"
        | "any_channel" => {
            return (other_channel(name), true);
        }
        _ => return (other_channel(name), false),
    };
    (known, true)
}

fn status(name: &str) -> Option<VendorStatus> {
    Some(match name {
        "new" => VendorStatus::New,
        "open" => VendorStatus::Turn(Status::WaitingOnUs),
        "pending" => VendorStatus::Turn(Status::WaitingOnCustomer),
        "hold" => VendorStatus::OnHold,
        "solved" | "closed" => VendorStatus::Done,
        _ => return None,
    })
}

fn priority(name: &str) -> Option<Level> {
    name.parse().ok()
}

impl Lookups<'_> {
    fn neutral(&self, mut ticket: ZTicket, problems: &mut Problems<'_>) -> Option<Ticket> {
        let requester_id = ticket.requester_id;
        let requester = requester_id.and_then(|id| self.users.get(&id).copied());
        if requester.is_none() {
            problems.report(
                "requester_id",
                ProblemKind::UnknownCustomer,
                format!("requester {requester_id:?} is not in `users`; customer known by id only"),
            );
        }
        let status_name = ticket.status.as_ref().map(Name::text).unwrap_or_default();
        let vendor_status = or_report(status(&status_name), problems, "status", ProblemKind::UnknownStatus, || {
            format!("unknown status {status_name:?} (accepted: new, open, pending, hold, solved, closed); the last public comment decides")
        })
        .unwrap_or(VendorStatus::Unknown);
        let priority = ticket.priority.as_ref().map(Name::text).and_then(|name| {
            or_report(priority(&name), problems, "priority", ProblemKind::UnknownPriority, || {
                format!("unknown priority {name:?} (accepted: low, normal, high, urgent); no floor set")
            })
        });
        let via = ticket
            .via
            .as_ref()
            .and_then(|v| v.channel.as_ref())
            .map(Name::text)
            .unwrap_or_default();
        let (channel, known) = channel(&via);
        if !known {
            problems.report(
                "via.channel",
                ProblemKind::UnknownChannel,
                format!("unknown channel {via:?}; mapped to other"),
            );
        }
        let role = requester.and_then(|u| u.role.clone());
        let requester_kind = match role.as_deref() {
            Some("agent" | "admin") => Requester::Internal {
                name: requester.and_then(|u| u.name.clone()),
                role: role.clone(),
            },
            _ => Requester::Customer,
        };
        let org = requester
            .and_then(|u| u.organization_id)
            .or(ticket.organization_id)
            .and_then(|id| self.orgs.get(&id).copied());
        let mut facts = Facts {
            role,
            org: org.and_then(|o| o.name.clone()),
            ..Facts::default()
        };
        facts.add_tags(&ticket.tags);
        facts.add_tags(requester.iter().flat_map(|u| &u.tags));
        facts.add_tags(org.iter().flat_map(|o| &o.tags));
        let custom_fields = std::mem::take(&mut ticket.custom_fields).into_value();
        for field in &custom_fields {
            if let Some(value) = &field.value {
                facts.fields.push((field.id.text(), value.clone()));
            }
        }
        facts.add_fields(requester.iter().flat_map(|u| &u.user_fields));
        facts.add_fields(org.iter().flat_map(|o| &o.organization_fields));
        if let Some(form) = ticket.ticket_form_id {
            facts.forms.push(form.to_string());
            if let Some(name) = self.forms.get(&form).and_then(|f| f.name.clone()) {
                facts.forms.push(name);
            }
        }
        let messages = match &ticket.comments {
            Some(comments) => self.messages(comments, requester_id, problems),
            None => description(&ticket, problems),
        };
        Some(Ticket {
            id: ticket.id.map(|id| id.to_string()).unwrap_or_default(),
            customer_id: requester_id.map(|id| id.to_string()).unwrap_or_default(),
            customer_name: requester.and_then(|u| u.name.clone()),
            requester: requester_kind,
            channel,
            status: vendor_status,
            status_name,
            priority,
            messages,
            facts,
        })
    }

    fn messages(
        &self,
        comments: &[Comment],
        requester_id: Option<u64>,
        problems: &mut Problems<'_>,
    ) -> Vec<Message> {
        let mut out = Vec::with_capacity(comments.len());
        for (i, comment) in comments.iter().enumerate() {
            let path = |field: &str| format!("comments[{i}].{field}");
            let author = comment
                .author_id
                .and_then(|id| self.users.get(&id).copied());
            let side = match author {
                _ if comment.author_id.is_some() && comment.author_id == requester_id => {
                    Side::Requester
                }
                Some(user) if matches!(user.role.as_deref(), Some("agent" | "admin")) => {
                    Side::Agent
                }
                Some(_) => Side::Requester,
                None => {
                    problems.report(
                        path("author_id"),
                        ProblemKind::UnknownAuthor,
                        format!(
                            "author {:?} is not in `users`; comment skipped",
                            comment.author_id
                        ),
                    );
                    continue;
                }
            };
            let Some(at) = required_timestamp(
                comment.created_at.as_deref(),
                &path("created_at"),
                "comment",
                problems,
            ) else {
                continue;
            };
            let text = match (&comment.body, &comment.plain_body, &comment.html_body) {
                (Some(body), _, _) | (None, Some(body), _) => body.clone(),
                (None, None, Some(html)) => crate::text::html_to_text(html),
                (None, None, None) => String::new(),
            };
            let channel = comment
                .via
                .as_ref()
                .and_then(|v| v.channel.as_ref())
                .map(|c| channel(&c.text()).0);
            out.push(Message {
                at,
                side,
                public: comment.public,
                text,
                agent: (side == Side::Agent)
                    .then(|| comment.author_id.map(|id| id.to_string()))
                    .flatten(),
                channel,
            });
        }
        out
    }
}

/// A ticket without comments (incremental export): its description is the first message.
fn description(ticket: &ZTicket, problems: &mut Problems<'_>) -> Vec<Message> {
    let (Some(text), Some(created)) = (&ticket.description, &ticket.created_at) else {
        return Vec::new();
    };
    timestamp(created, "created_at", problems)
        .map(|at| Message {
            at,
            side: Side::Requester,
            public: true,
            text: text.clone(),
            agent: None,
            channel: None,
        })
        .into_iter()
        .collect()
}
