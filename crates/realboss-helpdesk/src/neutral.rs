//! The vendor-neutral ticket every reader fills, and the rules shared by all vendors that turn it
//! into a realboss [`Request`]: whose turn it is, the request text, the events, the mapped facts.

use realboss::model::{
    AgentId, Channel, ContactEvent, CustomerId, CustomerProfile, Direction, EventKind, Level,
    Money, Request, RequestId, Requester, Status,
};
use time::{Date, OffsetDateTime, format_description::well_known::Rfc3339};

use crate::mapping::{Facts, FieldValue, Mapping};
use crate::problem::{ProblemKind, Problems};
use crate::text::strip_quoted;

/// Who wrote a message: the ticket's requester side (the customer, or the colleague asking) or
/// the support team answering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    Requester,
    Agent,
}

/// One comment, article, thread or part, its body already plain text.
#[derive(Debug, Clone)]
pub(crate) struct Message {
    pub(crate) at: OffsetDateTime,
    pub(crate) side: Side,
    /// Seen by the customer; private notes are `false`.
    pub(crate) public: bool,
    pub(crate) text: String,
    /// The answering agent's id (for agent messages).
    pub(crate) agent: Option<String>,
    /// The message's own channel, where the vendor gives one.
    pub(crate) channel: Option<Channel>,
}

/// What the vendor's status says, already passed through the vendor's mapping table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum VendorStatus {
    /// Nobody answered yet (new): the comments decide, `Open` unless an agent answered.
    New,
    /// A status the last public comment may overrule (reported when it does).
    Turn(Status),
    /// Waiting on a third party for the customer: waiting on us, whoever wrote last.
    OnHold,
    /// Solved or closed: resolved, whoever wrote last.
    Done,
    /// Not in the table (already reported): the comments decide.
    Unknown,
}

/// A vendor's ticket in neutral form.
#[derive(Debug, Clone)]
pub(crate) struct Ticket {
    pub(crate) id: String,
    pub(crate) customer_id: String,
    pub(crate) customer_name: Option<String>,
    pub(crate) requester: Requester,
    pub(crate) channel: Channel,
    pub(crate) status: VendorStatus,
    /// The vendor's status as written, for the mismatch report.
    pub(crate) status_name: String,
    pub(crate) priority: Option<Level>,
    pub(crate) messages: Vec<Message>,
    pub(crate) facts: Facts,
}

/// `Channel::Other(name)` for a vendor's channel name the table does not map; a name realboss
/// refuses (empty, too long) becomes `unknown`.
pub(crate) fn other_channel(name: &str) -> Channel {
    const UNKNOWN: &str = "unknown";
    Channel::other(name)
        .or_else(|_| Channel::other(UNKNOWN))
        .unwrap_or(Channel::Email)
}

/// `found`, or a report of `kind` at `path` when the table has no entry (`None`).
pub(crate) fn or_report<T>(
    found: Option<T>,
    problems: &mut Problems<'_>,
    path: &str,
    kind: ProblemKind,
    reason: impl FnOnce() -> String,
) -> Option<T> {
    if found.is_none() {
        problems.report(path, kind, reason());
    }
    found
}

/// [`timestamp`] of a field that must be there: a missing one is reported too. `what` names the
/// record skipped without it (`comment`, `article`…).
pub(crate) fn required_timestamp(
    text: Option<&str>,
    path: &str,
    what: &str,
    problems: &mut Problems<'_>,
) -> Option<OffsetDateTime> {
    match text {
        Some(text) => timestamp(text, path, problems),
        None => {
            problems.report(
                path,
                ProblemKind::BadTimestamp,
                format!("no timestamp; {what} skipped"),
            );
            None
        }
    }
}

/// Parses an RFC 3339 timestamp, keeping its offset; reports and gives `None` when bad.
pub(crate) fn timestamp(
    text: &str,
    path: &str,
    problems: &mut Problems<'_>,
) -> Option<OffsetDateTime> {
    match OffsetDateTime::parse(text, &Rfc3339) {
        Ok(at) => Some(at),
        Err(e) => {
            problems.report(
                path,
                ProblemKind::BadTimestamp,
                format!("timestamp {text:?} is not RFC 3339 ({e}); skipped"),
            );
            None
        }
    }
}

/// The status the comments say: requester wrote the last public message → waiting on us, an
/// agent → waiting on the customer; `None` without public messages.
fn turn(messages: &[Message]) -> Option<Status> {
    messages
        .iter()
        .rev()
        .find(|m| m.public)
        .map(|m| match m.side {
            Side::Requester => Status::WaitingOnUs,
            Side::Agent => Status::WaitingOnCustomer,
        })
}

/// The status to use, reporting a disagreement between vendor and comments.
fn decide_status(ticket: &Ticket, problems: &mut Problems<'_>) -> Status {
    let by_comments = turn(&ticket.messages);
    match ticket.status {
        VendorStatus::Done => Status::Resolved,
        VendorStatus::OnHold => Status::WaitingOnUs,
        VendorStatus::New => match by_comments {
            Some(Status::WaitingOnCustomer) => {
                problems.report(
                    "status",
                    ProblemKind::StatusMismatch,
                    format!(
                        "status {:?} says nobody answered, but an agent wrote the last public \
                         comment; using waiting_on_customer",
                        ticket.status_name
                    ),
                );
                Status::WaitingOnCustomer
            }
            _ => Status::Open,
        },
        VendorStatus::Turn(vendor) => match by_comments {
            Some(derived) if derived != vendor => {
                problems.report(
                    "status",
                    ProblemKind::StatusMismatch,
                    format!(
                        "status {:?} means {}, but the last public comment is from the {}; using {}",
                        ticket.status_name,
                        vendor.as_str(),
                        if derived == Status::WaitingOnUs { "requester" } else { "agent" },
                        derived.as_str()
                    ),
                );
                derived
            }
            _ => vendor,
        },
        VendorStatus::Unknown => by_comments.unwrap_or(Status::Open),
    }
}

/// A number (or numeric string) field as an amount.
fn amount(value: &FieldValue) -> Option<f64> {
    match value {
        FieldValue::Number(n) => Some(*n),
        FieldValue::Text(t) => t.trim().parse().ok(),
        FieldValue::Bool(_) => None,
    }
}

/// A `YYYY-MM-DD` or RFC 3339 field as a date.
fn date(value: &FieldValue) -> Option<Date> {
    let FieldValue::Text(text) = value else {
        return None;
    };
    let text = text.trim();
    let day = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(text, &day).ok().or_else(|| {
        OffsetDateTime::parse(text, &Rfc3339)
            .ok()
            .map(|at| at.date())
    })
}

/// The customer profile: id, name, tags and what the mapping finds; everything else unknown.
fn profile(
    ticket: &Ticket,
    mapping: &Mapping,
    problems: &mut Problems<'_>,
) -> Result<CustomerProfile, realboss::Error> {
    let mut builder = CustomerProfile::builder(CustomerId::new(ticket.customer_id.as_str())?);
    if let Some(name) = &ticket.customer_name {
        builder = builder.name(name.as_str());
    }
    for tag in &ticket.facts.tags {
        builder = builder.tag(tag.as_str());
    }
    if let Some(tier) = mapping.tier_for(&ticket.facts) {
        builder = builder.tier(tier);
    }
    if let Some(rule) = &mapping.lifetime_value
        && let Some(value) = ticket.facts.field(&rule.field)
    {
        match amount(value).map(|a| Money::new(a, rule.currency)) {
            Some(Ok(money)) => builder = builder.lifetime_value(money),
            _ => problems.report(
                format!("field {}", rule.field),
                ProblemKind::BadField,
                format!(
                    "lifetime value {:?} is not a non-negative amount; value unknown",
                    value.as_text()
                ),
            ),
        }
    }
    if let Some(rule) = &mapping.customer_since
        && let Some(value) = ticket.facts.field(&rule.field)
    {
        match date(value) {
            Some(since) => builder = builder.customer_since(since),
            None => problems.report(
                format!("field {}", rule.field),
                ProblemKind::BadField,
                format!(
                    "customer-since {:?} is not YYYY-MM-DD or RFC 3339; tenure unknown",
                    value.as_text()
                ),
            ),
        }
    }
    builder.build()
}

impl Ticket {
    /// The realboss request, or `None` (reported) when the ticket cannot be one.
    pub(crate) fn into_request(
        self,
        mapping: &Mapping,
        problems: &mut Problems<'_>,
    ) -> Option<Request> {
        match self.build(mapping, problems) {
            Ok(request) => request,
            Err(e) => {
                problems.report(
                    "",
                    ProblemKind::Refused,
                    format!("realboss refused the ticket: {e}; skipped"),
                );
                None
            }
        }
    }

    fn build(
        &self,
        mapping: &Mapping,
        problems: &mut Problems<'_>,
    ) -> Result<Option<Request>, realboss::Error> {
        let Some(first) = self
            .messages
            .iter()
            .position(|m| m.public && m.side == Side::Requester)
        else {
            problems.report(
                "",
                ProblemKind::NoCustomerMessage,
                "no public message from the requester, nothing to answer; ticket skipped"
                    .to_owned(),
            );
            return Ok(None);
        };
        let status = decide_status(self, problems);
        let customer = profile(self, mapping, problems)?;
        let customer_id = customer.id().clone();
        let request_id = RequestId::new(self.id.as_str())?;
        let opening = &self.messages[first];
        let mut builder = Request::builder(
            request_id.clone(),
            customer,
            self.channel.clone(),
            opening.at,
        )
        .status(status)
        .requester(self.requester.clone())
        .lead(mapping.is_lead(&self.facts));
        let text = strip_quoted(&opening.text);
        if !text.is_empty() {
            builder = builder.text(text);
        }
        if let Some(priority) = self.priority {
            builder = builder.priority(priority);
        }
        for (index, message) in self.messages.iter().enumerate() {
            if index == first {
                continue;
            }
            let (direction, kind) = match (message.public, message.side) {
                (false, _) => (Direction::Outbound, EventKind::Note),
                (true, Side::Requester) => (Direction::Inbound, EventKind::FollowUp),
                (true, Side::Agent) => (Direction::Outbound, EventKind::Reply),
            };
            let channel = message
                .channel
                .clone()
                .unwrap_or_else(|| self.channel.clone());
            let mut event =
                ContactEvent::new(customer_id.clone(), message.at, channel, direction, kind)
                    .with_request(request_id.clone());
            if let Some(agent) = &message.agent {
                event = event.with_agent(AgentId::new(agent.as_str())?);
            }
            let text = strip_quoted(&message.text);
            if !text.is_empty() {
                event = event.with_text(text);
            }
            builder = builder.event(event);
        }
        builder.build().map(Some)
    }
}
