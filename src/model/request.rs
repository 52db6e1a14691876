//! Requests (tickets, conversations) and batches of them.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::channel::{Channel, NameOrOther};
use super::customer::{CustomerProfile, CustomerProfileWire};
use super::event::{ContactEvent, ContactEventWire, EventKind};
use super::formats;
use super::ids::RequestId;
use super::named::named_enum;
use crate::{Error, ErrorKind};

named_enum! {
    /// Where a request stands. JSON form: `"open"`, `"waiting_on_us"`, `"waiting_on_customer"`,
    /// `"resolved"`.
    pub enum Status as "status" {
        /// New, nobody has looked at it yet.
        Open = "open",
        /// The customer waits for us.
        WaitingOnUs = "waiting_on_us",
        /// We wait for the customer (e.g. for a screenshot).
        WaitingOnCustomer = "waiting_on_customer",
        /// Done.
        Resolved = "resolved",
    }
}

named_enum! {
    /// One scale for how pressing something is, lowest first (`Ord` follows this order): the
    /// host's priority floor on a request now, the urgency level of a message later.
    ///
    /// JSON form: `"low"`, `"normal"`, `"high"`, `"urgent"`.
    #[derive(PartialOrd, Ord)]
    pub enum Level as "level" {
        /// Can wait.
        Low = "low",
        /// The usual.
        Normal = "normal",
        /// Sooner than usual.
        High = "high",
        /// Now.
        Urgent = "urgent",
    }
}

/// Who is asking: the customer (the usual case) or a colleague asking about the customer.
///
/// JSON form: `"customer"`, or `{"internal": {"name": "Dana", "role": "manager"}}` (`name` and
/// `role` optional free text). `Default` is `Customer`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", try_from = "RequesterWire")]
pub enum Requester {
    /// The customer asks for themself.
    #[default]
    Customer,
    /// A colleague (say a manager wanting a status report) asks about the customer's matter.
    Internal {
        /// The colleague's name, if given.
        #[serde(skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        /// The colleague's role, e.g. `manager`, if given.
        #[serde(skip_serializing_if = "Option::is_none")]
        role: Option<String>,
    },
}

/// The JSON shape of a [`Requester`] before validation.
pub(crate) enum RequesterWire {
    Name(String),
    Internal(InternalDetails),
}

impl<'de> Deserialize<'de> for RequesterWire {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{self, MapAccess, Visitor};
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RequesterWire;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(r#""customer" or {"internal": {"name": ..., "role": ...}}"#)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RequesterWire, E> {
                Ok(RequesterWire::Name(v.to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RequesterWire, A::Error> {
                let mut details = None;
                while let Some(key) = map.next_key::<String>()? {
                    if key != "internal" {
                        return Err(de::Error::unknown_field(&key, &["internal"]));
                    }
                    if details.is_some() {
                        return Err(de::Error::duplicate_field("internal"));
                    }
                    details = Some(map.next_value::<InternalDetails>()?);
                }
                details
                    .map(RequesterWire::Internal)
                    .ok_or_else(|| de::Error::missing_field("internal"))
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct InternalDetails {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    role: Option<String>,
}

impl TryFrom<RequesterWire> for Requester {
    type Error = Error;
    fn try_from(w: RequesterWire) -> Result<Self, Error> {
        match w {
            RequesterWire::Name(name) if name == "customer" => Ok(Requester::Customer),
            RequesterWire::Name(name) => Err(ErrorKind::UnknownVariant {
                field: "requester",
                value: crate::error::shown(&name),
                expected: r#""customer" or {"internal": {"name": …, "role": …}}"#,
            }
            .into()),
            RequesterWire::Internal(InternalDetails { name, role }) => {
                Ok(Requester::Internal { name, role })
            }
        }
    }
}

/// A customer's request: a ticket or conversation we owe an answer on, with its history.
///
/// Built with [`Request::builder`] (which validates) or read from JSON. Invariants, checked on
/// both paths:
/// - every event is from the request's customer ([`ErrorKind::ForeignEvent`] otherwise);
/// - an event that names a request names this one ([`ErrorKind::MisfiledEvent`] otherwise);
/// - there is something to answer: text that is not blank, or at least one event
///   ([`ErrorKind::EmptyRequest`] otherwise);
/// - every timestamp (its own and its events') can be written as RFC 3339, i.e. falls in the
///   years 0000 to 9999 ([`ErrorKind::InvalidValue`] otherwise).
///
/// Events are kept in time order: they are sorted stably by `at` on construction, so events
/// at the same instant keep the order they were given in. Timestamps are compared as instants
/// (offsets do not matter).
///
/// JSON form (the sample from the crate docs):
/// ```json
/// {"id": "req-1001",
///  "customer": {"id": "cus-17", "tier": "gold", "lifetime_value": {"amount": 1234.5, "currency": "EUR"},
///               "customer_since": "2019-04-02"},
///  "text": "My card was charged twice for order 5521.",
///  "channel": "email",
///  "received_at": "2026-11-23T21:32:00Z",
///  "events": [{"customer": "cus-17", "at": "2026-11-23T21:40:00Z", "channel": "phone",
///              "direction": "inbound", "kind": {"type": "call", "outcome": "missed"}}],
///  "status": "waiting_on_us", "due_at": "2026-11-24T09:00:00Z", "priority": "high",
///  "requester": "customer"}
/// ```
/// Required: `id`, `customer`, `channel`, `received_at`. Defaults when omitted or `null`:
/// `text` none, `events` empty, `status` `"open"`, `due_at` none, `priority` none, `requester`
/// `"customer"`, `lead` `false` (`"lead": true` marks a prospect, see [`Request::is_lead`]). Writing omits absent optional fields and empty `events`. Unknown fields are
/// rejected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RequestWire")]
pub struct Request {
    id: RequestId,
    customer: CustomerProfile,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    channel: Channel,
    #[serde(serialize_with = "formats::serialize_timestamp")]
    received_at: OffsetDateTime,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    events: Vec<ContactEvent>,
    status: Status,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "formats::serialize_opt_timestamp"
    )]
    due_at: Option<OffsetDateTime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    priority: Option<Level>,
    requester: Requester,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    lead: bool,
}

impl Request {
    /// Starts a request from its required fields; the rest default as in JSON.
    ///
    /// ```
    /// use realboss::model::*;
    /// use realboss::ErrorKind;
    /// use time::macros::{date, datetime};
    /// let maria = CustomerProfile::builder(CustomerId::new("cus-17")?)
    ///     .tier(Tier::Gold)
    ///     .lifetime_value(Money::new(1234.5, "EUR".parse()?)?)
    ///     .customer_since(date!(2019 - 04 - 02))
    ///     .build()?;
    /// let request = Request::builder(
    ///     RequestId::new("req-1001")?,
    ///     maria,
    ///     Channel::Email,
    ///     datetime!(2026-11-23 21:32 UTC),
    /// )
    /// .text("My card was charged twice for order 5521.")
    /// .status(Status::WaitingOnUs)
    /// .build()?;
    /// assert_eq!(request.customer().tier(), Some(Tier::Gold));
    /// assert_eq!(request.requester(), &Requester::Customer);
    ///
    /// // Nothing to answer is an error.
    /// let empty = Request::builder(request.id().clone(), request.customer().clone(),
    ///     Channel::Email, datetime!(2026-11-23 21:32 UTC)).build();
    /// assert!(matches!(empty.unwrap_err().kind(), ErrorKind::EmptyRequest { .. }));
    /// # Ok::<(), realboss::Error>(())
    /// ```
    pub fn builder(
        id: RequestId,
        customer: CustomerProfile,
        channel: Channel,
        received_at: OffsetDateTime,
    ) -> RequestBuilder {
        RequestBuilder {
            request: Request {
                id,
                customer,
                text: None,
                channel,
                received_at,
                events: Vec::new(),
                status: Status::Open,
                due_at: None,
                priority: None,
                requester: Requester::Customer,
                lead: false,
            },
        }
    }

    /// A builder holding every field of this request, to change some and build again
    /// (validated as any build).
    ///
    /// ```
    /// # use realboss::model::*;
    /// # use time::macros::{date, datetime};
    /// # let customer = CustomerProfile::builder(CustomerId::new("cus-1")?)
    /// #     .tier(Tier::Standard)
    /// #     .lifetime_value(Money::new(10.0, "EUR".parse()?)?)
    /// #     .customer_since(date!(2020 - 01 - 01))
    /// #     .build()?;
    /// let request = Request::builder(RequestId::new("req-1")?, customer, Channel::Email,
    ///     datetime!(2026-11-23 09:00 UTC)).text("Where is my parcel?").build()?;
    /// let handled = request.to_builder().status(Status::WaitingOnCustomer).clear_due_at().build()?;
    /// assert_eq!(handled.status(), Status::WaitingOnCustomer);
    /// assert_eq!(handled.text(), request.text());
    /// # Ok::<(), realboss::Error>(())
    /// ```
    pub fn to_builder(&self) -> RequestBuilder {
        RequestBuilder {
            request: self.clone(),
        }
    }

    /// This request with one more contact event, validated as [`RequestBuilder::build`]
    /// validates (the event must be this customer's and not filed under another request; its
    /// timestamps must be writable). Events stay in time order; an event at the same instant
    /// as others goes after them. The request itself is unchanged.
    ///
    /// ```
    /// # use realboss::model::*;
    /// # use time::macros::{date, datetime};
    /// # let customer = CustomerProfile::builder(CustomerId::new("cus-1")?)
    /// #     .tier(Tier::Standard)
    /// #     .lifetime_value(Money::new(10.0, "EUR".parse()?)?)
    /// #     .customer_since(date!(2020 - 01 - 01))
    /// #     .build()?;
    /// let request = Request::builder(RequestId::new("req-1")?, customer, Channel::Email,
    ///     datetime!(2026-11-23 09:00 UTC)).text("Where is my parcel?").build()?;
    /// let chase = |customer: &CustomerId, minute: u8| ContactEvent::new(customer.clone(),
    ///     datetime!(2026-11-23 09:00 UTC) + time::Duration::minutes(minute.into()),
    ///     Channel::Chat, Direction::Inbound, EventKind::FollowUp).with_text("any news?");
    /// let chased = request.with_event(chase(request.customer().id(), 20))?;
    /// assert_eq!(chased.events().len(), 1);
    ///
    /// let stranger = chase(&CustomerId::new("cus-2")?, 30);
    /// assert!(matches!(chased.with_event(stranger).unwrap_err().kind(),
    ///     realboss::ErrorKind::ForeignEvent { .. }));
    /// # Ok::<(), realboss::Error>(())
    /// ```
    pub fn with_event(&self, event: ContactEvent) -> Result<Request, Error> {
        self.to_builder().event(event).build()
    }

    /// Reads a request from its JSON form, keeping the exact error kind.
    ///
    /// ```
    /// use realboss::{ErrorKind, model::Request};
    /// let json = r#"{"id": "req-1", "channel": "email", "received_at": "2026-11-23T21:32:00Z",
    ///   "customer": {"id": "cus-17", "tier": "gold", "customer_since": "2019-04-02",
    ///                "lifetime_value": {"amount": 1234.5, "currency": "EUR"}},
    ///   "text": "Where is my refund?", "priority": "hgh"}"#;
    /// let err = Request::from_json(json).unwrap_err();
    /// assert!(matches!(err.kind(), ErrorKind::UnknownVariant { field: "level", .. }));
    /// assert_eq!(err.to_string(), r#"unknown level "hgh"; accepted: low, normal, high, urgent"#);
    /// ```
    pub fn from_json(json: &str) -> Result<Self, Error> {
        super::from_json_via::<RequestWire, _>(json)
    }

    /// The request's id.
    pub fn id(&self) -> &RequestId {
        &self.id
    }
    /// The customer's profile.
    pub fn customer(&self) -> &CustomerProfile {
        &self.customer
    }
    /// The customer's message, if the request has one (free text, kept as given).
    pub fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }
    /// The channel the request came in on.
    pub fn channel(&self) -> &Channel {
        &self.channel
    }
    /// When the request came in.
    pub fn received_at(&self) -> OffsetDateTime {
        self.received_at
    }
    /// The contact history, oldest first (stable for equal times).
    pub fn events(&self) -> &[ContactEvent] {
        &self.events
    }
    /// Where the request stands.
    pub fn status(&self) -> Status {
        self.status
    }
    /// When the host wants it answered, if set.
    pub fn due_at(&self) -> Option<OffsetDateTime> {
        self.due_at
    }
    /// The host's priority floor, if set.
    pub fn priority(&self) -> Option<Level> {
        self.priority
    }
    /// Who is asking.
    pub fn requester(&self) -> &Requester {
        &self.requester
    }
    /// Whether the host's data says this request is a lead: a prospect who has not bought yet
    /// (a sales form, a `lead` tag, a CRM flag). realboss never infers it from the channel: an
    /// unanswered lead earns [`Weights::lead`](crate::policy::Weights::lead) points.
    pub fn is_lead(&self) -> bool {
        self.lead
    }
}

/// Builds a [`Request`]; [`build`](RequestBuilder::build) validates.
#[derive(Debug, Clone)]
#[must_use]
pub struct RequestBuilder {
    request: Request,
}

impl RequestBuilder {
    /// Replaces the customer's profile (events must still be this customer's).
    pub fn customer(mut self, customer: CustomerProfile) -> Self {
        self.request.customer = customer;
        self
    }
    /// Replaces the channel the request came in on.
    pub fn channel(mut self, channel: Channel) -> Self {
        self.request.channel = channel;
        self
    }
    /// Replaces when the request came in.
    pub fn received_at(mut self, received_at: OffsetDateTime) -> Self {
        self.request.received_at = received_at;
        self
    }
    /// Removes the customer's message (a request then needs an event).
    pub fn clear_text(mut self) -> Self {
        self.request.text = None;
        self
    }
    /// Removes every event.
    pub fn clear_events(mut self) -> Self {
        self.request.events.clear();
        self
    }
    /// Removes the host's due time.
    pub fn clear_due_at(mut self) -> Self {
        self.request.due_at = None;
        self
    }
    /// Removes the host's priority floor.
    pub fn clear_priority(mut self) -> Self {
        self.request.priority = None;
        self
    }
    /// Sets the customer's message.
    pub fn text(mut self, text: impl Into<String>) -> Self {
        self.request.text = Some(text.into());
        self
    }
    /// Adds an event (order does not matter; `build` sorts by time).
    pub fn event(mut self, event: ContactEvent) -> Self {
        self.request.events.push(event);
        self
    }
    /// Adds events.
    pub fn events(mut self, events: impl IntoIterator<Item = ContactEvent>) -> Self {
        self.request.events.extend(events);
        self
    }
    /// Sets the status (default `open`).
    pub fn status(mut self, status: Status) -> Self {
        self.request.status = status;
        self
    }
    /// Sets when the host wants it answered.
    pub fn due_at(mut self, due_at: OffsetDateTime) -> Self {
        self.request.due_at = Some(due_at);
        self
    }
    /// Sets the host's priority floor.
    pub fn priority(mut self, priority: Level) -> Self {
        self.request.priority = Some(priority);
        self
    }
    /// Marks the request as a lead, or not (default not): only what the host's data says
    /// (see [`Request::is_lead`]).
    pub fn lead(mut self, lead: bool) -> Self {
        self.request.lead = lead;
        self
    }
    /// Sets who is asking (default the customer).
    pub fn requester(mut self, requester: Requester) -> Self {
        self.request.requester = requester;
        self
    }

    /// Sorts the events by time and checks the invariants listed on [`Request`].
    pub fn build(self) -> Result<Request, Error> {
        check_timestamps(&self.request)?;
        self.check_contents()
    }

    /// The checks of `build` other than timestamps, which JSON input has passed on reading.
    fn check_contents(self) -> Result<Request, Error> {
        let mut r = self.request;
        // Stable: events at the same instant keep their given order.
        r.events.sort_by_key(ContactEvent::at);
        for (index, event) in r.events.iter().enumerate() {
            if event.customer() != r.customer.id() {
                return Err(ErrorKind::ForeignEvent {
                    request: r.id.to_string(),
                    index,
                    expected: r.customer.id().to_string(),
                    found: event.customer().to_string(),
                }
                .into());
            }
            if let Some(named) = event.request()
                && *named != r.id
            {
                return Err(ErrorKind::MisfiledEvent {
                    request: r.id.to_string(),
                    index,
                    found: named.to_string(),
                }
                .into());
            }
        }
        let has_text = r.text.as_deref().is_some_and(|t| !t.trim().is_empty());
        if !has_text && r.events.is_empty() {
            return Err(ErrorKind::EmptyRequest {
                request: r.id.to_string(),
            }
            .into());
        }
        Ok(r)
    }
}

/// Checks that every timestamp of a request can be written as RFC 3339 and read back, so a
/// built request always survives a JSON round trip. Timestamps read from JSON pass by
/// construction (see `formats::parse_timestamp`).
fn check_timestamps(r: &Request) -> Result<(), Error> {
    formats::check_timestamp("received_at", r.received_at)?;
    if let Some(due_at) = r.due_at {
        formats::check_timestamp("due_at", due_at)?;
    }
    for event in &r.events {
        formats::check_timestamp("events.at", event.at())?;
        if let EventKind::Promise { due_at } = event.kind() {
            formats::check_timestamp("events.kind.due_at", *due_at)?;
        }
    }
    Ok(())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RequestWire {
    id: String,
    customer: CustomerProfileWire,
    #[serde(default)]
    text: Option<String>,
    channel: NameOrOther,
    received_at: String,
    #[serde(default)]
    events: Option<Vec<ContactEventWire>>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    due_at: Option<String>,
    #[serde(default)]
    priority: Option<String>,
    #[serde(default)]
    requester: Option<RequesterWire>,
    #[serde(default)]
    lead: Option<bool>,
}

impl TryFrom<RequestWire> for Request {
    type Error = Error;
    fn try_from(w: RequestWire) -> Result<Self, Error> {
        let mut b = Request::builder(
            RequestId::new(w.id)?,
            w.customer.try_into()?,
            w.channel.try_into()?,
            formats::parse_timestamp("received_at", &w.received_at)?,
        );
        b.request.text = w.text;
        b.request.events = w
            .events
            .unwrap_or_default()
            .into_iter()
            .map(ContactEvent::try_from)
            .collect::<Result<_, _>>()?;
        if let Some(status) = w.status {
            b.request.status = status.parse()?;
        }
        b.request.due_at = formats::parse_opt_timestamp("due_at", w.due_at.as_deref())?;
        b.request.priority = w.priority.map(|p| p.parse()).transpose()?;
        if let Some(requester) = w.requester {
            b.request.requester = requester.try_into()?;
        }
        b.request.lead = w.lead.unwrap_or(false);
        b.check_contents()
    }
}

/// Checks a batch of requests (an inbox) as a whole: request ids are unique and each customer
/// id comes with one profile.
///
/// Returns the first problem in input order: the problem found at the earliest request
/// position (a duplicate id is reported before a profile conflict at the same position).
/// Deterministic; linear time in the batch size (one hash lookup per request).
///
/// ```
/// use realboss::model::{validate_batch, Request};
/// let line = r#"{"id": "req-1", "channel": "chat", "received_at": "2026-11-23T21:32:00Z",
///   "text": "Hi!", "customer": {"id": "cus-1", "tier": "standard",
///   "customer_since": "2024-01-31", "lifetime_value": {"amount": 0, "currency": "USD"}}}"#;
/// let one = Request::from_json(line)?;
/// assert!(validate_batch(&[one.clone()]).is_ok());
/// assert!(validate_batch(&[one.clone(), one]).is_err());
/// # Ok::<(), realboss::Error>(())
/// ```
pub fn validate_batch(requests: &[Request]) -> Result<(), Error> {
    match batch_problems_up_to(requests, 1).into_iter().next() {
        Some(problem) => Err(problem),
        None => Ok(()),
    }
}

/// Every batch problem [`validate_batch`] would report first, in input order: for each request
/// a duplicate id (against the first request with that id) and a profile that differs from the
/// first profile seen for its customer. Empty when the batch is valid.
pub fn batch_problems(requests: &[Request]) -> Vec<Error> {
    batch_problems_up_to(requests, usize::MAX)
}

fn batch_problems_up_to(requests: &[Request], limit: usize) -> Vec<Error> {
    let mut problems = Vec::new();
    let mut ids: HashMap<&RequestId, usize> = HashMap::with_capacity(requests.len());
    let mut profiles: HashMap<&super::CustomerId, &Request> = HashMap::new();
    for (position, request) in requests.iter().enumerate() {
        if problems.len() >= limit {
            break;
        }
        if let Some(&first) = ids.get(request.id()) {
            problems.push(
                ErrorKind::DuplicateRequestId {
                    request: request.id().to_string(),
                    first,
                    second: position,
                }
                .into(),
            );
        } else {
            ids.insert(request.id(), position);
        }
        let profile = request.customer();
        match profiles.get(profile.id()) {
            None => {
                profiles.insert(profile.id(), request);
            }
            Some(first) => {
                if let Some(field) = first.customer().first_difference(profile) {
                    problems.push(
                        ErrorKind::ConflictingProfiles {
                            customer: profile.id().to_string(),
                            first_request: first.id().to_string(),
                            second_request: request.id().to_string(),
                            field,
                        }
                        .into(),
                    );
                }
            }
        }
    }
    problems.truncate(limit);
    problems
}
