//! Contact events: everything that happened between the customer and us, one step at a time.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::channel::{Channel, NameOrOther, PaymentMethod};
use super::formats;
use super::ids::{AgentId, CustomerId, RequestId};
use super::money::{Money, MoneyWire};
use super::named::named_enum;
use crate::{Error, ErrorKind};

named_enum! {
    /// Who started a contact. JSON form: `"inbound"` (from the customer) or `"outbound"` (from us).
    pub enum Direction as "direction" {
        /// From the customer to us.
        Inbound = "inbound",
        /// From us to the customer.
        Outbound = "outbound",
    }
}

named_enum! {
    /// How a phone call went. JSON form: `"answered"`, `"missed"` or `"voicemail"`.
    pub enum CallOutcome as "call outcome" {
        /// Someone picked up.
        Answered = "answered",
        /// Nobody picked up and no message was left.
        Missed = "missed",
        /// Nobody picked up; a voicemail was left.
        Voicemail = "voicemail",
    }
}

named_enum! {
    /// How a payment attempt went. JSON form: `"succeeded"` or `"failed"`.
    pub enum PaymentOutcome as "payment outcome" {
        /// The payment went through.
        Succeeded = "succeeded",
        /// The payment was declined or errored.
        Failed = "failed",
    }
}

/// What kind of thing happened in a contact.
///
/// JSON form: internally tagged by `type`: plain kinds are `{"type": "inquiry"}`; kinds with
/// details carry them beside the tag, e.g. `{"type": "call", "outcome": "missed"}`,
/// `{"type": "payment_attempt", "outcome": "failed", "method": "card",
/// "amount": {"amount": 49.9, "currency": "EUR"}}`, `{"type": "purchase"}`,
/// `{"type": "promise", "due_at": "2026-11-24T09:00:00Z"}`. A field that does not belong to the
/// type (e.g. `outcome` on an inquiry) is rejected, and so is a missing required one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", try_from = "EventKindWire")]
#[non_exhaustive]
pub enum EventKind {
    /// The customer asks something.
    Inquiry,
    /// The customer complains.
    Complaint,
    /// The customer chases an earlier contact ("any news?").
    FollowUp,
    /// Our reply to the customer.
    Reply,
    /// A phone call (its direction says who called).
    Call {
        /// How the call went.
        outcome: CallOutcome,
    },
    /// The customer asks to be called back.
    CallbackRequest,
    /// A payment attempt.
    PaymentAttempt {
        /// Whether it went through.
        outcome: PaymentOutcome,
        /// How the customer tried to pay, if known.
        #[serde(skip_serializing_if = "Option::is_none")]
        method: Option<PaymentMethod>,
        /// How much, if known.
        #[serde(skip_serializing_if = "Option::is_none")]
        amount: Option<Money>,
    },
    /// The customer bought something.
    Purchase {
        /// How much, if known.
        #[serde(skip_serializing_if = "Option::is_none")]
        amount: Option<Money>,
    },
    /// We promised the customer an update by a time.
    Promise {
        /// When the update is due.
        #[serde(serialize_with = "formats::serialize_timestamp")]
        due_at: OffsetDateTime,
    },
    /// The matter was resolved.
    Resolution,
    /// An internal note, not seen by the customer.
    Note,
}

impl EventKind {
    const NAMES: &'static str = "inquiry, complaint, follow_up, reply, call, callback_request, \
                                 payment_attempt, purchase, promise, resolution, note";

    /// The JSON `type` name, e.g. `"payment_attempt"`.
    pub fn as_str(&self) -> &'static str {
        match self {
            EventKind::Inquiry => "inquiry",
            EventKind::Complaint => "complaint",
            EventKind::FollowUp => "follow_up",
            EventKind::Reply => "reply",
            EventKind::Call { .. } => "call",
            EventKind::CallbackRequest => "callback_request",
            EventKind::PaymentAttempt { .. } => "payment_attempt",
            EventKind::Purchase { .. } => "purchase",
            EventKind::Promise { .. } => "promise",
            EventKind::Resolution => "resolution",
            EventKind::Note => "note",
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EventKindWire {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    outcome: Option<String>,
    #[serde(default)]
    method: Option<NameOrOther>,
    #[serde(default)]
    amount: Option<MoneyWire>,
    #[serde(default)]
    due_at: Option<String>,
}

impl TryFrom<EventKindWire> for EventKind {
    type Error = Error;
    fn try_from(w: EventKindWire) -> Result<Self, Error> {
        // Details each type carries; any other detail present is rejected, not dropped.
        let allowed: &[&str] = match w.kind.as_str() {
            "call" => &["outcome"],
            "payment_attempt" => &["outcome", "method", "amount"],
            "purchase" => &["amount"],
            "promise" => &["due_at"],
            _ => &[],
        };
        // Each detail as written, for the error message.
        let present: [(&'static str, Option<String>); 4] = [
            ("kind.outcome", w.outcome.clone()),
            (
                "kind.method",
                w.method.as_ref().map(|m| m.as_str().to_owned()),
            ),
            ("kind.amount", w.amount.as_ref().map(MoneyWire::describe)),
            ("kind.due_at", w.due_at.clone()),
        ];
        let stray = present.into_iter().find_map(|(field, value)| {
            let detail = field.trim_start_matches("kind.");
            value
                .filter(|_| !allowed.contains(&detail))
                .map(|v| (field, v))
        });
        let kind = match w.kind.as_str() {
            "inquiry" => EventKind::Inquiry,
            "complaint" => EventKind::Complaint,
            "follow_up" => EventKind::FollowUp,
            "reply" => EventKind::Reply,
            "callback_request" => EventKind::CallbackRequest,
            "resolution" => EventKind::Resolution,
            "note" => EventKind::Note,
            "call" => EventKind::Call {
                outcome: required("kind.outcome", &w.kind, w.outcome.as_deref())?.parse()?,
            },
            "payment_attempt" => EventKind::PaymentAttempt {
                outcome: required("kind.outcome", &w.kind, w.outcome.as_deref())?.parse()?,
                method: w.method.map(PaymentMethod::try_from).transpose()?,
                amount: w
                    .amount
                    .map(|m| m.validate("kind.amount.amount", "kind.amount.currency"))
                    .transpose()?,
            },
            "purchase" => EventKind::Purchase {
                amount: w
                    .amount
                    .map(|m| m.validate("kind.amount.amount", "kind.amount.currency"))
                    .transpose()?,
            },
            "promise" => EventKind::Promise {
                due_at: formats::parse_timestamp(
                    "kind.due_at",
                    required("kind.due_at", &w.kind, w.due_at.as_deref())?,
                )?,
            },
            other => {
                return Err(ErrorKind::UnknownVariant {
                    field: "event type",
                    value: crate::error::shown(other),
                    expected: EventKind::NAMES,
                }
                .into());
            }
        };
        if let Some((field, value)) = stray {
            return Err(Error::invalid_value(
                field,
                &value,
                format!("absent on an event of type `{}`", kind.as_str()),
            ));
        }
        Ok(kind)
    }
}

fn required<'a>(field: &'static str, kind: &str, value: Option<&'a str>) -> Result<&'a str, Error> {
    value.ok_or_else(|| {
        Error::invalid_value(field, "nothing", format!("present on a `{kind}` event"))
    })
}

/// One contact between the customer and us: a message, a call, a payment attempt, a note.
///
/// Built with [`ContactEvent::new`] and the `with_*` methods, or read from JSON. Every field is
/// a validated type, so any combination is valid on its own; a [`Request`](super::Request)
/// checks that its events belong to its customer.
///
/// JSON form (field names exactly these; `agent`, `text`, `request` optional, omitted when
/// absent; unknown fields rejected):
/// ```json
/// {"customer": "cus-17", "at": "2026-11-23T21:40:00Z", "channel": "phone",
///  "direction": "inbound", "kind": {"type": "call", "outcome": "missed"},
///  "agent": "agent-3", "text": "…", "request": "req-1001"}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ContactEventWire")]
pub struct ContactEvent {
    customer: CustomerId,
    #[serde(serialize_with = "formats::serialize_timestamp")]
    at: OffsetDateTime,
    channel: Channel,
    direction: Direction,
    kind: EventKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    agent: Option<AgentId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    request: Option<RequestId>,
}

impl ContactEvent {
    /// An event with no agent, text or request id.
    ///
    /// ```
    /// use realboss::model::{CallOutcome, Channel, ContactEvent, CustomerId, Direction, EventKind};
    /// use time::macros::datetime;
    /// let missed = ContactEvent::new(
    ///     CustomerId::new("cus-17")?,
    ///     datetime!(2026-11-23 21:40 UTC),
    ///     Channel::Phone,
    ///     Direction::Inbound,
    ///     EventKind::Call { outcome: CallOutcome::Missed },
    /// );
    /// assert_eq!(missed.kind().as_str(), "call");
    /// # Ok::<(), realboss::Error>(())
    /// ```
    pub fn new(
        customer: CustomerId,
        at: OffsetDateTime,
        channel: Channel,
        direction: Direction,
        kind: EventKind,
    ) -> Self {
        ContactEvent {
            customer,
            at,
            channel,
            direction,
            kind,
            agent: None,
            text: None,
            request: None,
        }
    }

    /// Sets the agent who handled the contact.
    #[must_use]
    pub fn with_agent(mut self, agent: AgentId) -> Self {
        self.agent = Some(agent);
        self
    }

    /// Sets the message text (free text, kept as given).
    #[must_use]
    pub fn with_text(mut self, text: impl Into<String>) -> Self {
        self.text = Some(text.into());
        self
    }

    /// Sets the request this event belongs to.
    #[must_use]
    pub fn with_request(mut self, request: RequestId) -> Self {
        self.request = Some(request);
        self
    }

    /// Reads an event from its JSON form, keeping the exact error kind.
    pub fn from_json(json: &str) -> Result<Self, Error> {
        super::from_json_via::<ContactEventWire, _>(json)
    }

    /// The customer this contact was with.
    pub fn customer(&self) -> &CustomerId {
        &self.customer
    }
    /// When it happened.
    pub fn at(&self) -> OffsetDateTime {
        self.at
    }
    /// The channel it happened on.
    pub fn channel(&self) -> &Channel {
        &self.channel
    }
    /// Who started it.
    pub fn direction(&self) -> Direction {
        self.direction
    }
    /// What happened.
    pub fn kind(&self) -> &EventKind {
        &self.kind
    }
    /// The agent involved, if any.
    pub fn agent(&self) -> Option<&AgentId> {
        self.agent.as_ref()
    }
    /// The message text, if any.
    pub fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }
    /// The request this event names, if any.
    pub fn request(&self) -> Option<&RequestId> {
        self.request.as_ref()
    }

    /// Whether this event is a message from the customer: an inbound inquiry, complaint,
    /// follow-up, reply, call (whatever its outcome) or callback request. Its text, if any, is
    /// the customer's own words, and it counts as a contact while they wait (a thanks-only
    /// message included; whether it asks for an answer is for the reader of its text to say).
    /// Outbound events, payment attempts, purchases, promises, resolutions and notes are not
    /// customer messages, whatever their direction.
    ///
    /// This is the one rule priority, hints and insights use.
    ///
    /// ```
    /// use realboss::model::{Channel, ContactEvent, CustomerId, Direction, EventKind};
    /// use time::macros::datetime;
    /// let at = datetime!(2026-11-23 21:40 UTC);
    /// let ask = |direction, kind| {
    ///     ContactEvent::new(CustomerId::new("cus-17").unwrap(), at, Channel::Email, direction, kind)
    /// };
    /// assert!(ask(Direction::Inbound, EventKind::FollowUp).is_customer_message());
    /// assert!(!ask(Direction::Outbound, EventKind::Reply).is_customer_message());
    /// assert!(!ask(Direction::Inbound, EventKind::Note).is_customer_message());
    /// # Ok::<(), realboss::Error>(())
    /// ```
    pub fn is_customer_message(&self) -> bool {
        if self.direction != Direction::Inbound {
            return false;
        }
        // Exhaustive on purpose: a new kind does not compile until it is classified here.
        match self.kind {
            EventKind::Inquiry
            | EventKind::Complaint
            | EventKind::FollowUp
            | EventKind::Reply
            | EventKind::Call { .. }
            | EventKind::CallbackRequest => true,
            EventKind::PaymentAttempt { .. }
            | EventKind::Purchase { .. }
            | EventKind::Promise { .. }
            | EventKind::Resolution
            | EventKind::Note => false,
        }
    }

    /// Whether this event answers the customer, ending their wait: a resolution (in either
    /// direction), an outbound reply, or an outbound call that was answered. An inbound event,
    /// a missed or voicemail call of ours, a promise (it is judged by the answer that follows
    /// it), a payment attempt, a purchase and a note answer nothing.
    ///
    /// This is the one rule priority, hints and insights use.
    ///
    /// ```
    /// use realboss::model::{CallOutcome, Channel, ContactEvent, CustomerId, Direction, EventKind};
    /// use time::macros::datetime;
    /// let at = datetime!(2026-11-23 21:40 UTC);
    /// let ours = |kind| {
    ///     ContactEvent::new(CustomerId::new("cus-17").unwrap(), at, Channel::Phone, Direction::Outbound, kind)
    /// };
    /// assert!(ours(EventKind::Call { outcome: CallOutcome::Answered }).is_answer());
    /// assert!(!ours(EventKind::Call { outcome: CallOutcome::Voicemail }).is_answer());
    /// assert!(ours(EventKind::Resolution).is_answer());
    /// # Ok::<(), realboss::Error>(())
    /// ```
    pub fn is_answer(&self) -> bool {
        let outbound = self.direction == Direction::Outbound;
        // Exhaustive on purpose: a new kind does not compile until it is classified here.
        match self.kind {
            EventKind::Resolution => true,
            EventKind::Reply => outbound,
            EventKind::Call { outcome } => outbound && outcome == CallOutcome::Answered,
            EventKind::Inquiry
            | EventKind::Complaint
            | EventKind::FollowUp
            | EventKind::CallbackRequest
            | EventKind::PaymentAttempt { .. }
            | EventKind::Purchase { .. }
            | EventKind::Promise { .. }
            | EventKind::Note => false,
        }
    }

    /// The due time of a promise we made to the customer: `Some` for an outbound promise,
    /// `None` for every other event (an inbound promise event is not ours to keep).
    ///
    /// This is the one rule priority, hints and insights use.
    pub fn promise_due(&self) -> Option<OffsetDateTime> {
        match self.kind {
            EventKind::Promise { due_at } => {
                (self.direction == Direction::Outbound).then_some(due_at)
            }
            EventKind::Inquiry
            | EventKind::Complaint
            | EventKind::FollowUp
            | EventKind::Reply
            | EventKind::Call { .. }
            | EventKind::CallbackRequest
            | EventKind::PaymentAttempt { .. }
            | EventKind::Purchase { .. }
            | EventKind::Resolution
            | EventKind::Note => None,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ContactEventWire {
    customer: String,
    at: String,
    channel: NameOrOther,
    direction: String,
    kind: EventKindWire,
    #[serde(default)]
    agent: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    request: Option<String>,
}

impl TryFrom<ContactEventWire> for ContactEvent {
    type Error = Error;
    fn try_from(w: ContactEventWire) -> Result<Self, Error> {
        Ok(ContactEvent {
            customer: CustomerId::new(w.customer)?,
            at: formats::parse_timestamp("at", &w.at)?,
            channel: w.channel.try_into()?,
            direction: w.direction.parse()?,
            kind: w.kind.try_into()?,
            agent: w.agent.map(AgentId::new).transpose()?,
            text: w.text,
            request: w.request.map(RequestId::new).transpose()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(json: &str) -> Result<EventKind, Error> {
        super::super::from_json_via::<EventKindWire, EventKind>(json)
    }

    #[test]
    fn kinds_are_internally_tagged() {
        let call = kind(r#"{"type": "call", "outcome": "missed"}"#).unwrap();
        assert_eq!(
            call,
            EventKind::Call {
                outcome: CallOutcome::Missed
            }
        );
        assert_eq!(
            serde_json::to_string(&call).unwrap(),
            r#"{"type":"call","outcome":"missed"}"#
        );
        assert_eq!(kind(r#"{"type": "note"}"#).unwrap(), EventKind::Note);
        let promise = kind(r#"{"type": "promise", "due_at": "2026-11-24T09:00:00Z"}"#).unwrap();
        assert_eq!(
            serde_json::to_string(&promise).unwrap(),
            r#"{"type":"promise","due_at":"2026-11-24T09:00:00Z"}"#
        );
    }

    #[test]
    fn details_must_match_the_type() {
        let err = kind(r#"{"type": "inquiry", "outcome": "missed"}"#).unwrap_err();
        assert!(
            matches!(
                err.kind(),
                ErrorKind::InvalidValue { field, .. } if field == "kind.outcome"
            ),
            "{err}"
        );
        let err = kind(r#"{"type": "call"}"#).unwrap_err();
        assert!(err.to_string().contains("kind.outcome"), "{err}");
        let err = kind(r#"{"type": "call", "outcome": "busy"}"#).unwrap_err();
        assert!(matches!(
            err.kind(),
            ErrorKind::UnknownVariant {
                field: "call outcome",
                ..
            }
        ));
        let err = kind(r#"{"type": "meeting"}"#).unwrap_err();
        assert!(matches!(
            err.kind(),
            ErrorKind::UnknownVariant {
                field: "event type",
                ..
            }
        ));
        let err = kind(r#"{"type": "promise", "due_at": "tomorrow"}"#).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::InvalidTimestamp { .. }));
    }
}
