//! Freshdesk: tickets with their conversations, contacts, companies and agents.
//!
//! # Input
//!
//! Freshdesk's API returns these from separate endpoints; the reader takes them as one bundle
//! object:
//!
//! ```json
//! {"tickets": [...], "contacts": [...], "companies": [...], "agents": [...]}
//! ```
//!
//! - `tickets`: each as `GET /api/v2/tickets/[id]?include=conversations` returns it, the
//!   conversations embedded as `"conversations": [...]` (`user_id`, `incoming`, `private`,
//!   `body_text`/`body`, `created_at`, `source`). The ticket's own `description_text` (else the
//!   HTML `description`) is the requester's first message, at the ticket's `created_at`.
//! - `contacts` (`GET /api/v2/contacts`), `companies` (`GET /api/v2/companies`), `agents`
//!   (`GET /api/v2/agents`, name under `contact.name`). All optional.
//!
//! Several such bundles one after another (JSON Lines, one per line) are read as one.
//!
//! # Mapping table
//!
//! | Freshdesk | realboss | Notes |
//! |---|---|---|
//! | status `2` open | `waiting_on_us` | the last public message decides; a mismatch is reported |
//! | status `3` pending, `6` waiting on customer | `waiting_on_customer` | a customer who wrote since makes it `waiting_on_us` (reported) |
//! | status `7` waiting on third party | `waiting_on_us` | like Zendesk's on-hold: the customer still waits on us; kept |
//! | status `4` resolved, `5` closed | `resolved` | kept |
//! | other status | last public message decides | reported as `UnknownStatus` |
//! | priority `1` low, `2` medium, `3` high, `4` urgent | `low`, `normal`, `high`, `urgent` floor | other → reported |
//! | source `1` email, `10` outbound email | `email` | |
//! | source `2` portal, `9` feedback widget | `web_form` | never a lead by itself |
//! | source `3` phone | `phone` | |
//! | source `7` chat, `12` bot | `chat` | |
//! | source `5` Twitter, `6` Facebook, `13` WhatsApp | `social` | |
//! | source `4` forum, `8` mobihelp, `11` ecommerce | `other` with that name | known, not reported |
//! | other source | `other` (`source-N`) | reported as `UnknownChannel` |
//! | conversation `private: true` | `note` (outbound) | |
//! | public conversation of the requester or a contact | `follow_up`, inbound | |
//! | conversation of an agent, public | `reply`, outbound, agent id = user id | |
//! | conversation `user_id` neither contact nor agent nor requester | `incoming: true`: requester's; else skipped | reported as `UnknownAuthor` |
//! | requester a contact (or unknown) | customer | customer id = requester id |
//! | requester an agent | internal requester, role `agent` | a colleague asking |
//! | ticket tags + contact tags | profile tags, mapping `tag:` | |
//! | company name | mapping `org:` | |
//! | ticket, contact, company `custom_fields` | mapping `field:` (e.g. `field:cf_plan=pro`) | value, since |
//! | ticket `type` and `form_id` | mapping `form:` | |
//! | tier, lifetime value, customer since, lead | from the [`Mapping`] only | unknown otherwise |

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
use crate::text::html_to_text;
use crate::{Error, Import, Mapping, System};

const LIST: &str = "tickets";

#[derive(Default)]
struct Bundle {
    tickets: Option<Vec<FTicket>>,
    contacts: Vec<Contact>,
    companies: Vec<Company>,
    agents: Vec<Agent>,
}

impl Sections for Bundle {
    fn read<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
        match key {
            "tickets" => self
                .tickets
                .get_or_insert_default()
                .extend(read::value::<_, Vec<FTicket>>(map)?),
            "contacts" => self.contacts.extend(read::value::<_, Vec<Contact>>(map)?),
            "companies" => self.companies.extend(read::value::<_, Vec<Company>>(map)?),
            "agents" => self.agents.extend(read::value::<_, Vec<Agent>>(map)?),
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn merge(&mut self, page: Self) {
        read::append(&mut self.tickets, page.tickets);
        self.contacts.extend(page.contacts);
        self.companies.extend(page.companies);
        self.agents.extend(page.agents);
    }
}

#[derive(Deserialize)]
struct FTicket {
    id: Option<u64>,
    status: Option<FieldValue>,
    priority: Option<FieldValue>,
    source: Option<FieldValue>,
    requester_id: Option<u64>,
    company_id: Option<u64>,
    created_at: Option<String>,
    description_text: Option<String>,
    description: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    custom_fields: Lenient<BTreeMap<String, Option<FieldValue>>>,
    #[serde(rename = "type")]
    kind: Option<String>,
    form_id: Option<u64>,
    conversations: Option<Vec<Conversation>>,
    // Other vendors' tell-tale record fields.
    via: Option<IgnoredAny>,
    state_id: Option<IgnoredAny>,
    article_ids: Option<IgnoredAny>,
}

#[derive(Deserialize)]
struct Conversation {
    user_id: Option<u64>,
    #[serde(default)]
    incoming: bool,
    #[serde(default)]
    private: bool,
    body_text: Option<String>,
    body: Option<String>,
    created_at: Option<String>,
    source: Option<FieldValue>,
}

#[derive(Deserialize)]
struct Contact {
    /// A number in Freshdesk; read leniently so Intercom's string ids reach the wrong-system check.
    id: FieldValue,
    name: Option<String>,
    company_id: Option<u64>,
    #[serde(default)]
    tags: Lenient<Vec<String>>,
    #[serde(default)]
    custom_fields: BTreeMap<String, Option<FieldValue>>,
}

#[derive(Deserialize)]
struct Company {
    id: u64,
    name: Option<String>,
    #[serde(default)]
    custom_fields: BTreeMap<String, Option<FieldValue>>,
}

#[derive(Deserialize)]
struct Agent {
    id: u64,
    contact: Option<AgentContact>,
}

#[derive(Deserialize)]
struct AgentContact {
    name: Option<String>,
}

/// Reads a Freshdesk bundle; see the [module docs](self) for the shape and the mapping table.
pub(crate) fn read(input: impl Read, mapping: &Mapping) -> Result<Import, Error> {
    let (bundle, other_keys) = read::merged::<Bundle>(System::Freshdesk, input)?;
    read::check_records(
        System::Freshdesk,
        LIST,
        bundle.tickets.as_deref(),
        |t| {
            t.conversations.is_none().then(|| {
                [
                    ("via", t.via.is_some()),
                    ("state_id", t.state_id.is_some()),
                    ("article_ids", t.article_ids.is_some()),
                ]
            })
        },
        &other_keys,
    )?;
    let lookups = Lookups {
        contacts: bundle
            .contacts
            .iter()
            .filter_map(|c| Some((number(&c.id)?, c)))
            .collect(),
        companies: bundle.companies.iter().map(|c| (c.id, c)).collect(),
        agents: bundle.agents.iter().map(|a| (a.id, a)).collect(),
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
    contacts: HashMap<u64, &'a Contact>,
    companies: HashMap<u64, &'a Company>,
    agents: HashMap<u64, &'a Agent>,
}

/// A number given as a number or a numeric string.
fn number(value: &FieldValue) -> Option<u64> {
    match value {
        FieldValue::Number(n) if n.fract() == 0.0 && *n >= 0.0 => Some(*n as u64),
        FieldValue::Text(t) => t.trim().parse().ok(),
        _ => None,
    }
}

fn status(code: u64) -> Option<VendorStatus> {
    Some(match code {
        2 => VendorStatus::Turn(Status::WaitingOnUs),
        3 | 6 => VendorStatus::Turn(Status::WaitingOnCustomer),
        7 => VendorStatus::OnHold,
        4 | 5 => VendorStatus::Done,
        _ => return None,
    })
}

fn priority(code: u64) -> Option<Level> {
    Some(match code {
        1 => Level::Low,
        2 => Level::Normal,
        3 => Level::High,
        4 => Level::Urgent,
        _ => return None,
    })
}

/// The channel of a source number, and whether the table knows it.
fn channel(code: u64) -> (Channel, bool) {
    let channel = match code {
        1 | 10 => Channel::Email,
        2 | 9 => Channel::WebForm,
        3 => Channel::Phone,
        7 | 12 => Channel::Chat,
        5 | 6 | 13 => Channel::Social,
        4 => other_channel("forum"),
        8 => other_channel("mobihelp"),
        11 => other_channel("ecommerce"),
        _ => return (other_channel(&format!("source-{code}")), false),
    };
    (channel, true)
}

impl Lookups<'_> {
    fn neutral(&self, mut ticket: FTicket, problems: &mut Problems<'_>) -> Option<Ticket> {
        let requester_id = ticket.requester_id;
        let contact = requester_id.and_then(|id| self.contacts.get(&id).copied());
        let agent = requester_id.and_then(|id| self.agents.get(&id).copied());
        if contact.is_none() && agent.is_none() {
            problems.report(
                "requester_id",
                ProblemKind::UnknownCustomer,
                format!("requester {requester_id:?} is in neither `contacts` nor `agents`; customer known by id only"),
            );
        }
        let status_name = ticket
            .status
            .as_ref()
            .map(FieldValue::as_text)
            .unwrap_or_default();
        let vendor_status = or_report(
            ticket.status.as_ref().and_then(number).and_then(status),
            problems,
            "status",
            ProblemKind::UnknownStatus,
            || format!("unknown status {status_name:?} (accepted: 2, 3, 4, 5, 6, 7); the last public message decides"),
        )
        .unwrap_or(VendorStatus::Unknown);
        let priority = ticket.priority.as_ref().and_then(|p| {
            or_report(
                number(p).and_then(priority),
                problems,
                "priority",
                ProblemKind::UnknownPriority,
                || {
                    format!(
                        "unknown priority {:?} (accepted: 1, 2, 3, 4); no floor set",
                        p.as_text()
                    )
                },
            )
        });
        let source = ticket.source.as_ref().and_then(number).unwrap_or(0);
        let (channel, known) = channel(source);
        if !known {
            problems.report(
                "source",
                ProblemKind::UnknownChannel,
                format!("unknown source {source}; mapped to other"),
            );
        }
        let requester = match agent {
            Some(agent) if contact.is_none() => Requester::Internal {
                name: agent.contact.as_ref().and_then(|c| c.name.clone()),
                role: Some("agent".to_owned()),
            },
            _ => Requester::Customer,
        };
        let company = contact
            .and_then(|c| c.company_id)
            .or(ticket.company_id)
            .and_then(|id| self.companies.get(&id).copied());
        let mut facts = Facts {
            org: company.and_then(|c| c.name.clone()),
            ..Facts::default()
        };
        facts.add_tags(&ticket.tags);
        facts.add_tags(contact.iter().filter_map(|c| c.tags.get()).flatten());
        let ticket_fields = std::mem::take(&mut ticket.custom_fields).into_value();
        facts.add_fields(&ticket_fields);
        facts.add_fields(contact.iter().flat_map(|c| &c.custom_fields));
        facts.add_fields(company.iter().flat_map(|c| &c.custom_fields));
        facts.forms.extend(ticket.kind.clone());
        facts.forms.extend(ticket.form_id.map(|id| id.to_string()));
        let mut messages = Vec::new();
        let opening = ticket
            .description_text
            .clone()
            .or_else(|| ticket.description.as_deref().map(html_to_text));
        if let (Some(text), Some(created)) = (opening, &ticket.created_at)
            && let Some(at) = timestamp(created, "created_at", problems)
        {
            messages.push(Message {
                at,
                side: Side::Requester,
                public: true,
                text,
                agent: None,
                channel: None,
            });
        }
        for (i, conversation) in ticket.conversations.iter().flatten().enumerate() {
            if let Some(message) = self.message(conversation, requester_id, i, problems) {
                messages.push(message);
            }
        }
        Some(Ticket {
            id: ticket.id.map(|id| id.to_string()).unwrap_or_default(),
            customer_id: requester_id.map(|id| id.to_string()).unwrap_or_default(),
            customer_name: contact
                .and_then(|c| c.name.clone())
                .or_else(|| agent.and_then(|a| a.contact.as_ref()?.name.clone())),
            requester,
            channel,
            status: vendor_status,
            status_name,
            priority,
            messages,
            facts,
        })
    }

    fn message(
        &self,
        conversation: &Conversation,
        requester_id: Option<u64>,
        i: usize,
        problems: &mut Problems<'_>,
    ) -> Option<Message> {
        let path = |field: &str| format!("conversations[{i}].{field}");
        let user = conversation.user_id;
        let side = if user.is_some() && user == requester_id {
            Side::Requester
        } else if user.is_some_and(|id| self.agents.contains_key(&id)) {
            Side::Agent
        } else if user.is_some_and(|id| self.contacts.contains_key(&id)) {
            Side::Requester
        } else if conversation.incoming {
            problems.report(
                path("user_id"),
                ProblemKind::UnknownAuthor,
                format!("author {user:?} is in neither `contacts` nor `agents`; incoming, so kept as the requester's"),
            );
            Side::Requester
        } else {
            problems.report(
                path("user_id"),
                ProblemKind::UnknownAuthor,
                format!(
                    "author {user:?} is in neither `contacts` nor `agents`; conversation skipped"
                ),
            );
            return None;
        };
        let at = required_timestamp(
            conversation.created_at.as_deref(),
            &path("created_at"),
            "conversation",
            problems,
        )?;
        let text = conversation
            .body_text
            .clone()
            .or_else(|| conversation.body.as_deref().map(html_to_text))
            .unwrap_or_default();
        Some(Message {
            at,
            side,
            public: !conversation.private,
            text,
            agent: (side == Side::Agent)
                .then(|| user.map(|id| id.to_string()))
                .flatten(),
            channel: conversation
                .source
                .as_ref()
                .and_then(number)
                .map(|s| channel(s).0),
        })
    }
}
