//! Zammad: tickets with their articles, users and organizations.
//!
//! # Input
//!
//! A bundle object of Zammad's REST API answers:
//!
//! ```json
//! {"tickets": [...], "ticket_articles": [...], "users": [...], "organizations": [...]}
//! ```
//!
//! - `tickets`: as `GET /api/v1/tickets?expand=true` returns them (`state`, `priority`,
//!   `customer_id`, `group`, `created_at`; `state_id`/`priority_id` accepted without `expand`),
//!   optionally with `tags` (from `GET /api/v1/tags?object=Ticket&o_id=ID`). Other top-level
//!   ticket attributes are Zammad's custom fields; they are read record by record (each ticket
//!   buffered alone, never the whole file).
//! - `ticket_articles`: as `GET /api/v1/ticket_articles/by_ticket/ID` returns them, all tickets'
//!   articles in one list, joined by `ticket_id`, kept in list order (`sender`, `type`,
//!   `internal`, `body`, `content_type`, `created_by_id`, `created_at`).
//! - `users` (`firstname`, `lastname`, `organization_id`, `roles`), `organizations` (`name`).
//!
//! Several such bundles one after another (JSON Lines) are read as one.
//!
//! # Mapping table
//!
//! | Zammad | realboss | Notes |
//! |---|---|---|
//! | state `new` (id 1) | `open` | an agent's public article last makes it `waiting_on_customer` (reported) |
//! | state `open` (id 2) | `waiting_on_us` | the last public article decides; a mismatch is reported |
//! | state `pending reminder` (3), `pending close` (7) | `waiting_on_customer` | a customer who wrote since makes it `waiting_on_us` (reported) |
//! | state `closed` (4), `merged` (5) | `resolved` | a merged ticket lives on in the one it was merged into |
//! | other state | last public article decides | reported as `UnknownStatus` |
//! | priority `1 low`, `2 normal`, `3 high` (ids 1–3) | `low`, `normal`, `high` floor | other → reported |
//! | first article `type` `email` | `email` | the channel of the ticket; each article keeps its own |
//! | `web` | `web_form` | never a lead by itself |
//! | `phone` | `phone` | |
//! | `chat` | `chat` | |
//! | `sms` | `sms` | |
//! | `twitter status`, `twitter direct-message`, `facebook feed post`, `facebook feed comment`, `telegram personal-message`, `whatsapp message` | `social` | |
//! | `note`, `fax` | `other` with that name | known, not reported |
//! | other type | `other` with that name | reported as `UnknownChannel` |
//! | article `sender` `Customer` | requester side: first public one is the request text, later `follow_up` | |
//! | `sender` `Agent`, `internal: false` | `reply`, outbound, agent id = `created_by_id` | |
//! | `internal: true` | `note` (outbound) | whoever wrote it |
//! | `sender` `System` | nothing | triggers and auto-replies, not a person's message |
//! | other sender | skipped | `UnknownAuthor` |
//! | `customer_id` a user with role `Customer` | customer, id = user id | |
//! | `customer_id` a user with role `Agent`/`Admin` only | internal requester, role from the user | a colleague asking |
//! | ticket `tags` | profile tags, mapping `tag:` | |
//! | organization name | mapping `org:` | |
//! | ticket and user custom attributes | mapping `field:` | value, since |
//! | `group` | mapping `form:` | Zammad has no ticket forms; the group plays that part |
//! | tier, lifetime value, customer since, lead | from the [`Mapping`] only | unknown otherwise |

use std::collections::{BTreeMap, HashMap};
use std::io::Read;

use realboss::model::{Channel, Level, Requester, Status};
use serde::Deserialize;
use serde::de::{IgnoredAny, MapAccess};

use crate::mapping::{Facts, FieldValue};
use crate::neutral::{
    Message, Side, Ticket, VendorStatus, or_report, other_channel, required_timestamp,
};
use crate::problem::{ProblemKind, Problems};
use crate::read::{self, Sections};
use crate::text::html_to_text;
use crate::{Error, Import, Mapping, System};

const LIST: &str = "tickets";

#[derive(Default)]
struct Bundle {
    tickets: Option<Vec<ZTicket>>,
    articles: Vec<Article>,
    users: Vec<User>,
    organizations: Vec<Organization>,
}

impl Sections for Bundle {
    fn read<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
        match key {
            "tickets" => read::append(&mut self.tickets, Some(read::value(map)?)),
            "ticket_articles" => self.articles.extend(read::value::<_, Vec<Article>>(map)?),
            "users" => self.users.extend(read::value::<_, Vec<User>>(map)?),
            "organizations" => self
                .organizations
                .extend(read::value::<_, Vec<Organization>>(map)?),
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn merge(&mut self, page: Self) {
        read::append(&mut self.tickets, page.tickets);
        self.articles.extend(page.articles);
        self.users.extend(page.users);
        self.organizations.extend(page.organizations);
    }
}

/// A custom attribute: a scalar, or something else (skipped).
#[derive(Deserialize)]
#[serde(untagged)]
enum Attribute {
    Scalar(FieldValue),
    Other(IgnoredAny),
}

fn scalars(
    attributes: &BTreeMap<String, Attribute>,
) -> impl Iterator<Item = (&String, Option<FieldValue>)> {
    attributes.iter().map(|(k, v)| match v {
        Attribute::Scalar(value) => (k, Some(value.clone())),
        Attribute::Other(_) => (k, None),
    })
}

#[derive(Deserialize)]
struct ZTicket {
    id: Option<u64>,
    state: Option<FieldValue>,
    state_id: Option<u64>,
    priority: Option<FieldValue>,
    priority_id: Option<u64>,
    customer_id: Option<u64>,
    organization_id: Option<u64>,
    group: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    // Other vendors' tell-tale record fields.
    via: Option<IgnoredAny>,
    conversations: Option<IgnoredAny>,
    #[serde(flatten)]
    attributes: BTreeMap<String, Attribute>,
}

#[derive(Deserialize)]
struct Article {
    ticket_id: Option<u64>,
    sender: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    internal: bool,
    body: Option<String>,
    content_type: Option<String>,
    created_by_id: Option<u64>,
    created_at: Option<String>,
}

#[derive(Deserialize)]
struct User {
    id: u64,
    firstname: Option<String>,
    lastname: Option<String>,
    organization_id: Option<u64>,
    #[serde(default)]
    roles: Vec<String>,
    #[serde(flatten)]
    attributes: BTreeMap<String, Attribute>,
}

#[derive(Deserialize)]
struct Organization {
    id: u64,
    name: Option<String>,
}

/// Reads a Zammad bundle; see the [module docs](self) for the shape and the mapping table.
pub(crate) fn read(input: impl Read, mapping: &Mapping) -> Result<Import, Error> {
    let (bundle, other_keys) = read::merged::<Bundle>(System::Zammad, input)?;
    let other_keys: Vec<String> = other_keys
        .into_iter()
        .filter(|k| k != "ticket_articles")
        .collect();
    read::check_records(
        System::Zammad,
        LIST,
        bundle.tickets.as_deref(),
        |t| {
            (t.state.is_none() && t.state_id.is_none()).then(|| {
                [
                    ("via", t.via.is_some()),
                    ("conversations", t.conversations.is_some()),
                ]
            })
        },
        &other_keys,
    )?;
    let mut articles: HashMap<u64, Vec<&Article>> = HashMap::new();
    for article in &bundle.articles {
        articles
            .entry(article.ticket_id.unwrap_or_default())
            .or_default()
            .push(article);
    }
    let lookups = Lookups {
        articles,
        users: bundle.users.iter().map(|u| (u.id, u)).collect(),
        orgs: bundle.organizations.iter().map(|o| (o.id, o)).collect(),
    };
    let tickets = bundle.tickets.unwrap_or_default();
    Ok(read::map_all(
        tickets,
        LIST,
        mapping,
        |t| t.id.map(|id| id.to_string()),
        |t, problems| lookups.neutral(t, problems),
    ))
}

struct Lookups<'a> {
    articles: HashMap<u64, Vec<&'a Article>>,
    users: HashMap<u64, &'a User>,
    orgs: HashMap<u64, &'a Organization>,
}

fn status(name: &str) -> Option<VendorStatus> {
    Some(match name {
        "new" | "1" => VendorStatus::New,
        "open" | "2" => VendorStatus::Turn(Status::WaitingOnUs),
        "pending reminder" | "3" | "pending close" | "7" => {
            VendorStatus::Turn(Status::WaitingOnCustomer)
        }
        "closed" | "4" | "merged" | "5" => VendorStatus::Done,
        _ => return None,
    })
}

fn priority(name: &str) -> Option<Level> {
    Some(match name {
        "1 low" | "1" => Level::Low,
        "2 normal" | "2" => Level::Normal,
        "3 high" | "3" => Level::High,
        _ => return None,
    })
}

/// The channel of an article type, and whether the table knows it.
fn channel(name: &str) -> (Channel, bool) {
    let channel = match name {
        "email" => Channel::Email,
        "web" => Channel::WebForm,
        "phone" => Channel::Phone,
        "chat" => Channel::Chat,
        "sms" => Channel::Sms,
        "twitter status"
        | "twitter direct-message"
        | "facebook feed post"
        | "facebook feed comment"
        | "telegram personal-message"
        | "whatsapp message" => Channel::Social,
        "note" | "fax" => other_channel(name),
        _ => return (other_channel(name), false),
    };
    (channel, true)
}

impl Lookups<'_> {
    fn neutral(&self, ticket: ZTicket, problems: &mut Problems<'_>) -> Option<Ticket> {
        let customer = ticket
            .customer_id
            .and_then(|id| self.users.get(&id).copied());
        if customer.is_none() {
            problems.report(
                "customer_id",
                ProblemKind::UnknownCustomer,
                format!(
                    "customer {:?} is not in `users`; customer known by id only",
                    ticket.customer_id
                ),
            );
        }
        let status_name = ticket
            .state
            .as_ref()
            .map(FieldValue::as_text)
            .or(ticket.state_id.map(|id| id.to_string()))
            .unwrap_or_default();
        let vendor_status = or_report(status(&status_name), problems, "state", ProblemKind::UnknownStatus, || {
            format!("unknown state {status_name:?} (accepted: new, open, pending reminder, pending close, closed, merged); the last public article decides")
        })
        .unwrap_or(VendorStatus::Unknown);
        let priority_name = ticket
            .priority
            .as_ref()
            .map(FieldValue::as_text)
            .or(ticket.priority_id.map(|id| id.to_string()));
        let priority = priority_name.and_then(|name| {
            or_report(priority(&name), problems, "priority", ProblemKind::UnknownPriority, || {
                format!("unknown priority {name:?} (accepted: 1 low, 2 normal, 3 high); no floor set")
            })
        });
        let articles = self
            .articles
            .get(&ticket.id.unwrap_or_default())
            .map(Vec::as_slice)
            .unwrap_or_default();
        let first_type = articles
            .iter()
            .find(|a| a.sender.as_deref() == Some("Customer"))
            .or(articles.first())
            .and_then(|a| a.kind.clone())
            .unwrap_or_default();
        let (channel, known) = channel(&first_type);
        if !known {
            problems.report(
                "ticket_articles[0].type",
                ProblemKind::UnknownChannel,
                format!("unknown article type {first_type:?}; mapped to other"),
            );
        }
        let name = customer.map(|u| {
            [u.firstname.as_deref(), u.lastname.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ")
        });
        let staff_only = customer.is_some_and(|u| {
            !u.roles.is_empty() && u.roles.iter().all(|r| r == "Agent" || r == "Admin")
        });
        let requester = if staff_only {
            Requester::Internal {
                name: name.clone().filter(|n| !n.is_empty()),
                role: customer.and_then(|u| u.roles.first().cloned()),
            }
        } else {
            Requester::Customer
        };
        let org = customer
            .and_then(|u| u.organization_id)
            .or(ticket.organization_id)
            .and_then(|id| self.orgs.get(&id).copied());
        let mut facts = Facts {
            org: org.and_then(|o| o.name.clone()),
            ..Facts::default()
        };
        facts.add_tags(&ticket.tags);
        let ticket_fields: Vec<_> = scalars(&ticket.attributes).collect();
        facts.add_fields(ticket_fields.iter().map(|(k, v)| (*k, v)));
        let user_fields: Vec<_> = customer
            .iter()
            .flat_map(|u| scalars(&u.attributes))
            .collect();
        facts.add_fields(user_fields.iter().map(|(k, v)| (*k, v)));
        facts.forms.extend(ticket.group.clone());
        let mut messages = Vec::with_capacity(articles.len());
        for (i, article) in articles.iter().enumerate() {
            if let Some(message) = article_message(article, i, problems) {
                messages.push(message);
            }
        }
        Some(Ticket {
            id: ticket.id.map(|id| id.to_string()).unwrap_or_default(),
            customer_id: ticket
                .customer_id
                .map(|id| id.to_string())
                .unwrap_or_default(),
            customer_name: name.filter(|n| !n.is_empty()),
            requester,
            channel,
            status: vendor_status,
            status_name,
            priority,
            messages,
            facts,
        })
    }
}

fn article_message(article: &Article, i: usize, problems: &mut Problems<'_>) -> Option<Message> {
    let path = |field: &str| format!("ticket_articles[{i}].{field}");
    let side = match article.sender.as_deref() {
        Some("Customer") => Side::Requester,
        Some("Agent") => Side::Agent,
        Some("System") => return None,
        other => {
            problems.report(
                path("sender"),
                ProblemKind::UnknownAuthor,
                format!("sender {other:?} is unknown (accepted: Customer, Agent, System); article skipped"),
            );
            return None;
        }
    };
    let at = required_timestamp(
        article.created_at.as_deref(),
        &path("created_at"),
        "article",
        problems,
    )?;
    let body = article.body.clone().unwrap_or_default();
    let text = if article.content_type.as_deref() == Some("text/html") {
        html_to_text(&body)
    } else {
        body
    };
    Some(Message {
        at,
        side,
        public: !article.internal,
        text,
        agent: (side == Side::Agent)
            .then(|| article.created_by_id.map(|id| id.to_string()))
            .flatten(),
        channel: article.kind.as_deref().map(|k| channel(k).0),
    })
}
