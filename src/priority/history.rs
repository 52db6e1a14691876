//! Urgency from a request's contact history: who has been waiting on us, how long, how often
//! they chased us, and which promises we broke.
//!
//! [`history_signals`] reads a [`Request`]'s events at a given `now` and returns
//! [`HistorySignals`]: typed facts with their evidence (times, channels, durations), so that the
//! priority step can weigh them and say why. It never fails and never panics; it reads the
//! events once (linear time) and looks at nothing but the request's channel, `received_at`
//! and events (not its `status`, `due_at` or `priority`, which belong to the host).
//!
//! # Definitions
//!
//! - **Now.** Events after `now` have not happened yet and are ignored, and so is the request
//!   itself when `received_at` is after `now`: with `now` before everything, every signal is
//!   empty. Events at exactly `now` count. Events at the same instant keep the request's order.
//! - **Inbound contact.** An inbound inquiry, complaint, follow-up, reply, call (any outcome) or
//!   callback request. Payment attempts, purchases, notes, promises and resolutions are not
//!   contacts, and neither are gratitude-only messages and closures (below). The request itself
//!   is an inbound contact at `received_at` on its own channel, unless an event already records
//!   an inbound contact at that very instant.
//! - **Gratitude-only messages.** A message whose text only thanks us or signs off ("thanks",
//!   "great, thanks!", "no worries") is not a contact at all: it neither
//!   counts as a repeat contact, nor starts the waiting clock, nor moves the channel. The rule:
//!   at most 280 bytes, no `?`, every word from a short closing-word list, and at least one
//!   thanks/closing word (`thanks`, `thank`, `thx`, `ty`, `cheers`, `appreciate(d)`, `sorted`,
//!   `resolved`, `solved`, `fixed`, `worries`); anything else, such as "not", "still", a
//!   digit or a word in another language, makes it a real contact. Calls and callback requests
//!   are never gratitude-only. The request's own text is not tested: a request always has to be
//!   answered. A bare "thanks" is not a closure (below): customers thank us for an
//!   acknowledgement too. A message that is both ("thanks, all sorted") is a closure.
//! - **Closure.** A written customer message whose reading is
//!   [`resolved`](crate::signals::Signals::resolved): the customer reports the problem solved or
//!   the request withdrawn ("oh it turned up, all fine now, thanks!", "works now", "please
//!   disregard"), with no urgency or complaint cue and no question ("Thanks, but still nothing"
//!   is none: it is a chase). A closure is not a contact: it is no repeat contact, starts no
//!   waiting and moves no channel. It ends the waiting period as an answer does (the customer
//!   no longer waits, so the period's repeat contacts, missed calls, channel escalation and
//!   open promises go with it), but it is not an answer: it neither makes the next reply a
//!   "next reply" nor answers a lead. [`HistorySignals::closure`] is the latest closure when no
//!   contact came after it; a later contact (a new message, a call) reopens the request and
//!   starts a new waiting period, a later gratitude-only message or answer does not. Calls and
//!   callback requests never close, and neither does the request's own text (a request that
//!   opens by withdrawing itself is still answered). With [`history_signals`] the texts are
//!   read by the default analyzer in the customer's language; ranking reads the flags of the
//!   request's [`ScoredText`](super::ScoredText) instead.
//! - **Answer.** An outbound reply, an outbound call that was answered, or a resolution (in
//!   either direction). A promise is not an answer ("I'll call you back" leaves the customer
//!   waiting), nor is an inbound call we picked up (the customer still waits for the outcome),
//!   nor a missed outbound call or a note.
//! - **Waiting period.** The inbound contacts after the last answer or closure (or all of them
//!   if there was none). [`HistorySignals::waiting_since`] is its first contact.
//! - **Bursts.** A contact at most [`HistoryConfig::burst_window`] after the previous contact
//!   of the same waiting period belongs to the same burst and is not counted again; the chain
//!   continues, so messages 50 s apart with a 1-minute window stay one contact however many
//!   there are.
//! - **Repeat contacts.** Every burst of the waiting period after the first.
//! - **Broken promise.** An outbound promise whose `due_at` is before `now` and after which no
//!   answer or closure came. Any answer after the promise keeps it, even a late one: the customer got the
//!   update, and the lateness shows in the waiting time instead.
//! - **Failed payment.** The latest payment attempt (either direction) failed.
//! - **Lead.** The host marked the request as a lead ([`Request::is_lead`]: a sales form, a
//!   `lead` tag, a CRM flag; never inferred from the channel, so an unanswered web form is not
//!   a lead unless the data says so), no answer came at or after its `received_at`, and no closure stands (the customer did not withdraw it). A lead's signal
//!   never expires otherwise: it stays, with a growing wait, however old the lead becomes, so
//!   that an unanswered prospect never sinks as it ages.
//! - **Channel escalation.** Within the waiting period, the customer reached a channel more
//!   immediate ([`Immediacy`]) than the one the period started on. The evidence is the first
//!   contact on the most immediate channel reached.
//! - **Missed calls.** Inbound calls of the waiting period that nobody picked up (missed or
//!   voicemail), each call counted, including calls inside a burst.
//!
//! # Example
//!
//! ```
//! use realboss::model::*;
//! use realboss::policy::HistoryConfig;
//! use realboss::priority::history::history_signals;
//! use time::macros::{date, datetime};
//!
//! let nora = CustomerProfile::builder(CustomerId::new("cus-0412")?)
//!     .tier(Tier::Silver)
//!     .lifetime_value(Money::new(2380.4, "GBP".parse()?)?)
//!     .customer_since(date!(2021 - 06 - 14))
//!     .build()?;
//! let call = |at, direction, kind| {
//!     ContactEvent::new(nora.id().clone(), at, Channel::Phone, direction, kind)
//! };
//! let answered = EventKind::Call { outcome: CallOutcome::Answered };
//! let request = Request::builder(
//!     RequestId::new("req-2101")?, nora.clone(), Channel::Phone, datetime!(2026-11-23 21:32 UTC),
//! )
//! .event(call(datetime!(2026-11-23 21:32 UTC), Direction::Inbound, answered.clone()))
//! .event(call(datetime!(2026-11-23 21:33 UTC), Direction::Outbound,
//!     EventKind::Promise { due_at: datetime!(2026-11-23 21:47 UTC) }))
//! .event(call(datetime!(2026-11-23 21:39 UTC), Direction::Inbound, answered))
//! .build()?;
//!
//! let signals = history_signals(&request, datetime!(2026-11-23 21:51 UTC), &HistoryConfig::default());
//! assert_eq!(signals.repeat_count(), 1);
//! assert_eq!(signals.waiting_since, Some(datetime!(2026-11-23 21:32 UTC)));
//! assert_eq!(signals.waited, time::Duration::minutes(19));
//! assert_eq!(signals.broken_promises[0].overdue, time::Duration::minutes(4));
//! # Ok::<(), realboss::Error>(())
//! ```

use std::sync::OnceLock;

use serde::{Serialize, Serializer};
use time::{Duration, OffsetDateTime};

use crate::model::formats::serialize_timestamp;
use crate::model::{
    CallOutcome, Channel, ContactEvent, EventKind, Money, PaymentMethod, PaymentOutcome, Request,
};
use crate::policy::HistoryConfig;
use crate::signals::{Analyzer, AnalyzerConfig, is_thanks_only};

/// How immediate a channel is, lowest first (`Ord` follows this order); moving up while
/// waiting is a [`ChannelEscalation`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Immediacy {
    /// Answered later by nature: email, the web form, social networks.
    Written,
    /// Messages expecting a quick answer: SMS, chat, and any custom channel (a custom channel
    /// is most often a messenger such as WhatsApp).
    Messaging,
    /// The customer is on the line or in front of us: phone, in person.
    Live,
}

impl Immediacy {
    /// The immediacy of `channel`.
    pub fn of(channel: &Channel) -> Immediacy {
        match channel {
            Channel::Email | Channel::WebForm | Channel::Social => Immediacy::Written,
            Channel::Sms | Channel::Chat | Channel::Other(..) => Immediacy::Messaging,
            Channel::Phone | Channel::InPerson => Immediacy::Live,
        }
    }
}

/// A contact that counted as a repeat: the first of a burst, after the waiting period's first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct RepeatContact {
    /// When the customer came back.
    #[serde(serialize_with = "serialize_timestamp")]
    pub at: OffsetDateTime,
    /// On which channel.
    pub channel: Channel,
}

/// A promise we made and did not keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct BrokenPromise {
    /// When we made the promise.
    #[serde(serialize_with = "serialize_timestamp")]
    pub promised_at: OffsetDateTime,
    /// When the update was due.
    #[serde(serialize_with = "serialize_timestamp")]
    pub due_at: OffsetDateTime,
    /// How long past due at `now`; always positive. JSON: whole seconds, `overdue_secs`.
    #[serde(rename = "overdue_secs", serialize_with = "serialize_secs")]
    pub overdue: Duration,
}

/// The latest payment attempt, which failed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct FailedPayment {
    /// When it failed.
    #[serde(serialize_with = "serialize_timestamp")]
    pub at: OffsetDateTime,
    /// How the customer tried to pay, if the event says.
    pub method: Option<PaymentMethod>,
    /// How much, if the event says.
    pub amount: Option<Money>,
}

/// A lead ([`Request::is_lead`]) nobody has answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Lead {
    /// When the form came in.
    #[serde(serialize_with = "serialize_timestamp")]
    pub received_at: OffsetDateTime,
    /// From `received_at` to `now`; grows without limit. JSON: whole seconds, `waited_secs`.
    #[serde(rename = "waited_secs", serialize_with = "serialize_secs")]
    pub waited: Duration,
}

/// The customer moved to a more immediate channel while waiting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ChannelEscalation {
    /// The channel the waiting period started on.
    pub from: Channel,
    /// The most immediate channel reached.
    pub to: Channel,
    /// When the customer first reached `to`.
    #[serde(serialize_with = "serialize_timestamp")]
    pub at: OffsetDateTime,
}

/// An inbound call nobody picked up while the customer waited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct MissedCall {
    /// When the customer called.
    #[serde(serialize_with = "serialize_timestamp")]
    pub at: OffsetDateTime,
    /// `missed` or `voicemail`.
    pub outcome: CallOutcome,
    /// The channel of the call (usually phone).
    pub channel: Channel,
}

/// The customer reported the problem solved or the request withdrawn, and nothing they sent
/// since reopened it (see [Closure](self#definitions)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Closure {
    /// When the closing message came in.
    #[serde(serialize_with = "serialize_timestamp")]
    pub at: OffsetDateTime,
    /// Its index in [`Request::events`].
    pub event: usize,
    /// On which channel.
    pub channel: Channel,
}

/// What a request's history says at `now`, with evidence; see the [module docs](self) for the
/// exact definitions. Empty vectors and `None` mean "no such signal".
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct HistorySignals {
    /// Each time the customer came back while waiting on us (bursts collapsed, thanks-only
    /// messages and closures left out), oldest first. [`repeat_count`](Self::repeat_count) is its length.
    pub repeat_contacts: Vec<RepeatContact>,
    /// The first contact we have not answered; `None` if we answered everything.
    #[serde(serialize_with = "crate::model::formats::serialize_opt_timestamp")]
    pub waiting_since: Option<OffsetDateTime>,
    /// From `waiting_since` to `now`; zero when nobody waits (and never negative: a
    /// `waiting_since` after `now` cannot happen because later events are ignored). Grows
    /// with `now` while no new event arrives. JSON: whole seconds, `waited_secs`.
    #[serde(rename = "waited_secs", serialize_with = "serialize_secs")]
    pub waited: Duration,
    /// Promises past due and not kept, oldest first.
    pub broken_promises: Vec<BrokenPromise>,
    /// Set when the latest payment attempt failed.
    pub failed_payment: Option<FailedPayment>,
    /// Set for an unanswered lead.
    pub lead: Option<Lead>,
    /// Set when the customer moved to a more immediate channel while waiting.
    pub channel_escalation: Option<ChannelEscalation>,
    /// Inbound calls nobody picked up while the customer waited, oldest first.
    pub missed_calls: Vec<MissedCall>,
    /// Set when the customer's latest contact reports the problem solved: nobody waits then.
    pub closure: Option<Closure>,
}

impl HistorySignals {
    /// How many times the customer came back while waiting (bursts collapsed).
    pub fn repeat_count(&self) -> usize {
        self.repeat_contacts.len()
    }
}

/// Reads `request`'s history at `now` (see the [module docs](self) for every definition).
///
/// Infallible and deterministic; linear in the number of events and the length of their
/// texts. Whether a message only thanks us or closes the request is read from its text with
/// the default analyzer in the customer's language (built once per process on first use). Any `now` is accepted: before the request, every signal is empty; far in the future,
/// waits and overdue times are simply long (instants of the `time` crate are at most about
/// 20 000 years apart, well inside [`Duration`]).
pub fn history_signals(
    request: &Request,
    now: OffsetDateTime,
    config: &HistoryConfig,
) -> HistorySignals {
    signals_with(request, now, config, &mut |_| None)
}

/// [`history_signals`] with the closing flags of event `i` from `closing(i)` when it knows
/// them (a caller holding scored texts), else read from the text.
pub(crate) fn signals_with(
    request: &Request,
    now: OffsetDateTime,
    config: &HistoryConfig,
    closing: &mut dyn FnMut(usize) -> Option<Closing>,
) -> HistorySignals {
    run(request, now, config, closing, true).into_signals(request)
}

/// What a written customer message does to the wait, by its reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Closing {
    /// A real contact: it waits for our answer.
    Open,
    /// It only thanks us or signs off: no contact.
    ThanksOnly,
    /// It reports the problem solved or the request withdrawn: a closure.
    Resolved,
}

impl Closing {
    /// The closing flags of one reading (a closure wins over thanks).
    pub(crate) fn of(thanks_only: bool, resolved: bool) -> Closing {
        if resolved {
            Closing::Resolved
        } else if thanks_only {
            Closing::ThanksOnly
        } else {
            Closing::Open
        }
    }
}

/// The analyzer that reads a message's closing flags when no scored text holds them.
static CLOSING_READER: OnceLock<Analyzer> = OnceLock::new();

/// Reads the closing flags of `text` in `request`'s customer's language.
fn read_closing(request: &Request, text: &str) -> Closing {
    let analyzer = CLOSING_READER.get_or_init(|| {
        Analyzer::new(AnalyzerConfig::default())
            .unwrap_or_else(|_| unreachable!("the default analyzer configuration is valid"))
    });
    let reading = analyzer.signals_in(text, request.customer().language().language());
    // The closing rule on the whole text, as the reading of an over-long text has it.
    Closing::of(is_thanks_only(text), reading.resolved)
}

/// What the priority step needs from the history, as counts: the same definitions as
/// [`HistorySignals`] without the evidence, so reading it allocates nothing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Facts {
    pub(crate) repeat_count: usize,
    pub(crate) missed_calls: usize,
    pub(crate) broken_promises: usize,
    /// The earliest `due_at` among the broken promises.
    pub(crate) first_broken_due: Option<OffsetDateTime>,
    pub(crate) waiting_since: Option<OffsetDateTime>,
    pub(crate) failed_payment: bool,
    pub(crate) lead: bool,
    pub(crate) channel_escalation: bool,
    /// The first answer at or after `received_at` (up to `now`).
    pub(crate) first_answer: Option<OffsetDateTime>,
    /// The standing closure: when, and the event's index.
    pub(crate) closure: Option<(OffsetDateTime, usize)>,
    /// The next instant after `now` at which the history changes: the next event, the request
    /// arriving, or just after a promise's `due_at` (a promise is broken once `now` passes it).
    pub(crate) next_change: Option<OffsetDateTime>,
}

/// Open promises a [`Digest`] keeps; a request with more open promises is read in full.
const DIGEST_PROMISES: usize = 4;

/// A request's history read once, when it arrived, for every later `now`: what [`Facts`]
/// holds at any `now` at or after its last event. Kept in
/// [`ScoredText`](super::ScoredText) so that ranking does not read the events again.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Digest {
    /// What it was read from and with: the request's arrival and event count, and the burst
    /// window; any difference and the history is read in full.
    received_at: OffsetDateTime,
    events: usize,
    burst_window: Duration,
    /// The request's arrival or its last event, whichever is later.
    valid_from: OffsetDateTime,
    repeat_count: usize,
    missed_calls: usize,
    waiting_since: Option<OffsetDateTime>,
    failed_payment: bool,
    marked_lead: bool,
    channel_escalation: bool,
    first_answer: Option<OffsetDateTime>,
    closure: Option<(OffsetDateTime, usize)>,
    /// Due times of the promises made since the last answer, in the order made.
    open_dues: [OffsetDateTime; DIGEST_PROMISES],
    open_count: usize,
}

impl Digest {
    /// Digests `request`; `None` when it holds too many open promises to keep inline.
    pub(crate) fn new(
        request: &Request,
        config: &HistoryConfig,
        closing: &mut dyn FnMut(usize) -> Option<Closing>,
    ) -> Option<Digest> {
        let received_at = request.received_at();
        let valid_from = request
            .events()
            .last()
            .map_or(received_at, |e| e.at().max(received_at));
        let reader = run(request, valid_from, config, closing, false);
        (reader.open_count <= DIGEST_PROMISES).then(|| Digest {
            received_at,
            events: request.events().len(),
            burst_window: config.burst_window.as_duration(),
            valid_from,
            repeat_count: reader.waiting.as_ref().map_or(0, |w| w.repeat_count),
            missed_calls: reader.waiting.as_ref().map_or(0, |w| w.missed_count),
            waiting_since: reader.waiting.as_ref().map(|w| w.since),
            failed_payment: reader.last_payment_failed,
            marked_lead: request.is_lead(),
            channel_escalation: reader.waiting.as_ref().is_some_and(|w| w.escalated),
            first_answer: reader.first_answer,
            closure: reader.closure,
            open_dues: reader.open_dues,
            open_count: reader.open_count,
        })
    }

    /// The facts at `now`, when this digest covers `request` read with `config` at `now`.
    pub(crate) fn facts_at(
        &self,
        request: &Request,
        now: OffsetDateTime,
        config: &HistoryConfig,
    ) -> Option<Facts> {
        if now < self.valid_from
            || self.received_at != request.received_at()
            || self.events != request.events().len()
            || self.burst_window != config.burst_window.as_duration()
        {
            return None;
        }
        let dues = &self.open_dues[..self.open_count];
        let mut broken_promises = 0;
        let mut first_broken_due = None;
        let mut unbroken_due = None;
        for &due in dues {
            if due < now {
                broken_promises += 1;
                first_broken_due = earliest(first_broken_due, Some(due));
            } else {
                unbroken_due = earliest(unbroken_due, Some(due));
            }
        }
        Some(Facts {
            repeat_count: self.repeat_count,
            missed_calls: self.missed_calls,
            broken_promises,
            first_broken_due,
            waiting_since: self.waiting_since,
            failed_payment: self.failed_payment,
            lead: self.marked_lead && self.first_answer.is_none() && self.closure.is_none(),
            channel_escalation: self.channel_escalation,
            first_answer: self.first_answer,
            closure: self.closure,
            next_change: unbroken_due.and_then(|d| d.checked_add(Duration::NANOSECOND)),
        })
    }
}

/// Reads the history's [`Facts`] without evidence: allocates nothing. `closing(i)` gives the
/// closing flags of event `i` when the caller holds them (from scored texts); `None` reads
/// them from the text.
pub(crate) fn facts(
    request: &Request,
    now: OffsetDateTime,
    config: &HistoryConfig,
    closing: &mut dyn FnMut(usize) -> Option<Closing>,
) -> Facts {
    run(request, now, config, closing, false).facts(request)
}

/// Reads the history once, keeping the evidence when `evidence` is set.
fn run(
    request: &Request,
    now: OffsetDateTime,
    config: &HistoryConfig,
    closing: &mut dyn FnMut(usize) -> Option<Closing>,
    evidence: bool,
) -> Reader {
    let received_at = request.received_at();
    let events = request.events();
    let mut reader = Reader::new(config.burst_window.as_duration(), now, evidence);
    reader.next_change = (received_at > now).then_some(received_at);
    // The request stands for itself unless an event already records that first contact;
    // events are in time order, so only events at `received_at` need a look.
    let mut request_pending = received_at <= now
        && !events
            .iter()
            .skip_while(|e| e.at() < received_at)
            .take_while(|e| e.at() == received_at)
            .any(ContactEvent::is_customer_message);
    for (i, event) in events.iter().enumerate() {
        if event.at() > now {
            reader.next_change = earliest(reader.next_change, Some(event.at()));
            break;
        }
        if request_pending && event.at() >= received_at {
            reader.contact(received_at, request.channel(), None);
            request_pending = false;
        }
        let closing = &mut *closing;
        reader.event(i, event, received_at, &mut |i, text| {
            closing(i).unwrap_or_else(|| read_closing(request, text))
        });
    }
    if request_pending {
        reader.contact(received_at, request.channel(), None);
    }
    reader
}

/// The earlier of two optional instants (either one when the other is `None`).
pub(crate) fn earliest(
    a: Option<OffsetDateTime>,
    b: Option<OffsetDateTime>,
) -> Option<OffsetDateTime> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// What an event is to the waiting customer.
enum Contact {
    /// A contact that counts; for calls, the outcome.
    Counts(Option<CallOutcome>),
    /// A thanks-only message.
    Gratitude,
    /// A message that reports the problem solved.
    Closure,
}

/// Classifies a customer message ([`ContactEvent::is_customer_message`]) as a contact; `None`
/// for every other event.
fn contact(
    index: usize,
    event: &ContactEvent,
    closing: &mut dyn FnMut(usize, &str) -> Closing,
) -> Option<Contact> {
    if !event.is_customer_message() {
        return None;
    }
    Some(match event.kind() {
        EventKind::Call { outcome } => Contact::Counts(Some(*outcome)),
        EventKind::CallbackRequest => Contact::Counts(None),
        // Every other customer message is written; a thanks-only one waits for no answer,
        // and a closure ends the wait.
        _ => match event.text().map(|text| closing(index, text)) {
            Some(Closing::ThanksOnly) => Contact::Gratitude,
            Some(Closing::Resolved) => Contact::Closure,
            Some(Closing::Open) | None => Contact::Counts(None),
        },
    })
}

/// The current waiting period: contacts since the last answer.
struct Waiting {
    since: OffsetDateTime,
    last_contact: OffsetDateTime,
    highest: Immediacy,
    repeat_count: usize,
    missed_count: usize,
    escalated: bool,
    /// Evidence, filled only when the reader keeps it.
    start_channel: Option<Channel>,
    escalation: Option<ChannelEscalation>,
    repeats: Vec<RepeatContact>,
    missed_calls: Vec<MissedCall>,
}

/// One pass over the events, in time order.
struct Reader {
    burst_window: Duration,
    now: OffsetDateTime,
    evidence: bool,
    waiting: Option<Waiting>,
    /// Promises made since the last answer that are past due at `now`.
    broken_count: usize,
    first_broken_due: Option<OffsetDateTime>,
    /// Evidence of the same: (made at, due at).
    broken: Vec<(OffsetDateTime, OffsetDateTime)>,
    /// Due times of the promises made since the last answer (the first few), their count, and
    /// the earliest not yet broken at `now`.
    open_dues: [OffsetDateTime; DIGEST_PROMISES],
    open_count: usize,
    unbroken_due: Option<OffsetDateTime>,
    last_payment_failed: bool,
    last_payment: Option<FailedPayment>,
    /// The first answer at or after `received_at`.
    first_answer: Option<OffsetDateTime>,
    /// The latest closure no contact came after: when, and the event's index.
    closure: Option<(OffsetDateTime, usize)>,
    next_change: Option<OffsetDateTime>,
}

impl Reader {
    fn new(burst_window: Duration, now: OffsetDateTime, evidence: bool) -> Self {
        Reader {
            burst_window,
            now,
            evidence,
            waiting: None,
            broken_count: 0,
            first_broken_due: None,
            broken: Vec::new(),
            open_dues: [OffsetDateTime::UNIX_EPOCH; DIGEST_PROMISES],
            open_count: 0,
            unbroken_due: None,
            last_payment_failed: false,
            last_payment: None,
            first_answer: None,
            closure: None,
            next_change: None,
        }
    }

    /// Ends the waiting period and what it holds (the contacts and open promises).
    fn end_wait(&mut self) {
        self.waiting = None;
        self.broken_count = 0;
        self.first_broken_due = None;
        self.broken.clear();
        self.open_count = 0;
        self.unbroken_due = None;
    }

    fn event(
        &mut self,
        index: usize,
        event: &ContactEvent,
        received_at: OffsetDateTime,
        closing: &mut dyn FnMut(usize, &str) -> Closing,
    ) {
        if event.is_answer() {
            self.end_wait();
            if event.at() >= received_at && self.first_answer.is_none() {
                self.first_answer = Some(event.at());
            }
            return;
        }
        if let Some(due_at) = event.promise_due() {
            if let Some(slot) = self.open_dues.get_mut(self.open_count) {
                *slot = due_at;
            }
            self.open_count += 1;
            if due_at < self.now {
                self.broken_count += 1;
                self.first_broken_due = earliest(self.first_broken_due, Some(due_at));
                if self.evidence {
                    self.broken.push((event.at(), due_at));
                }
            } else {
                self.unbroken_due = earliest(self.unbroken_due, Some(due_at));
            }
            return;
        }
        match event.kind() {
            EventKind::PaymentAttempt {
                outcome,
                method,
                amount,
            } => {
                self.last_payment_failed = *outcome == PaymentOutcome::Failed;
                if self.evidence {
                    self.last_payment = self.last_payment_failed.then(|| FailedPayment {
                        at: event.at(),
                        method: method.clone(),
                        amount: *amount,
                    });
                }
            }
            _ => match contact(index, event, closing) {
                Some(Contact::Counts(call)) => self.contact(event.at(), event.channel(), call),
                Some(Contact::Closure) => {
                    self.end_wait();
                    self.closure = Some((event.at(), index));
                }
                Some(Contact::Gratitude) | None => {}
            },
        }
    }

    fn contact(&mut self, at: OffsetDateTime, channel: &Channel, call: Option<CallOutcome>) {
        // A contact after a closure reopens the request.
        self.closure = None;
        let missed = call.filter(|o| matches!(o, CallOutcome::Missed | CallOutcome::Voicemail));
        let immediacy = Immediacy::of(channel);
        let evidence = self.evidence;
        let missed_call = |outcome| MissedCall {
            at,
            outcome,
            channel: channel.clone(),
        };
        let Some(waiting) = &mut self.waiting else {
            // The first contact since the last answer opens a waiting period.
            self.waiting = Some(Waiting {
                since: at,
                last_contact: at,
                highest: immediacy,
                repeat_count: 0,
                missed_count: usize::from(missed.is_some()),
                escalated: false,
                start_channel: evidence.then(|| channel.clone()),
                escalation: None,
                repeats: Vec::new(),
                missed_calls: missed
                    .filter(|_| evidence)
                    .map(missed_call)
                    .into_iter()
                    .collect(),
            });
            return;
        };
        // Events come in time order, so `at >= last_contact`.
        if at - waiting.last_contact > self.burst_window {
            waiting.repeat_count += 1;
            if evidence {
                waiting.repeats.push(RepeatContact {
                    at,
                    channel: channel.clone(),
                });
            }
        }
        waiting.last_contact = at;
        if immediacy > waiting.highest {
            waiting.highest = immediacy;
            waiting.escalated = true;
            if let Some(from) = &waiting.start_channel {
                waiting.escalation = Some(ChannelEscalation {
                    from: from.clone(),
                    to: channel.clone(),
                    at,
                });
            }
        }
        if let Some(outcome) = missed {
            waiting.missed_count += 1;
            if evidence {
                waiting.missed_calls.push(missed_call(outcome));
            }
        }
    }

    fn is_lead(&self, request: &Request) -> bool {
        request.is_lead()
            && request.received_at() <= self.now
            && self.first_answer.is_none()
            && self.closure.is_none()
    }

    fn facts(&self, request: &Request) -> Facts {
        Facts {
            repeat_count: self.waiting.as_ref().map_or(0, |w| w.repeat_count),
            missed_calls: self.waiting.as_ref().map_or(0, |w| w.missed_count),
            broken_promises: self.broken_count,
            first_broken_due: self.first_broken_due,
            waiting_since: self.waiting.as_ref().map(|w| w.since),
            failed_payment: self.last_payment_failed,
            lead: self.is_lead(request),
            channel_escalation: self.waiting.as_ref().is_some_and(|w| w.escalated),
            first_answer: self.first_answer,
            closure: self.closure,
            // A promise is broken once `now` passes its `due_at`, so that change comes just
            // after it (a promise an answer kept never changes anything).
            next_change: earliest(
                self.next_change,
                self.unbroken_due
                    .and_then(|d| d.checked_add(Duration::NANOSECOND)),
            ),
        }
    }

    /// The full signals; meaningful when the reader kept the evidence.
    fn into_signals(self, request: &Request) -> HistorySignals {
        let now = self.now;
        let received_at = request.received_at();
        let lead = self.is_lead(request);
        let broken_promises = self
            .broken
            .iter()
            .map(|&(promised_at, due_at)| BrokenPromise {
                promised_at,
                due_at,
                overdue: now - due_at,
            })
            .collect();
        let (waiting_since, waited, repeat_contacts, channel_escalation, missed_calls) =
            match self.waiting {
                None => (None, Duration::ZERO, Vec::new(), None, Vec::new()),
                Some(w) => (
                    Some(w.since),
                    (now - w.since).max(Duration::ZERO),
                    w.repeats,
                    w.escalation,
                    w.missed_calls,
                ),
            };
        HistorySignals {
            repeat_contacts,
            waiting_since,
            waited,
            broken_promises,
            failed_payment: self.last_payment,
            lead: lead.then(|| Lead {
                received_at,
                waited: now - received_at,
            }),
            channel_escalation,
            missed_calls,
            closure: self.closure.and_then(|(at, event)| {
                Some(Closure {
                    at,
                    event,
                    channel: request.events().get(event)?.channel().clone(),
                })
            }),
        }
    }
}

fn serialize_secs<S: Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_i64(d.whole_seconds())
}
