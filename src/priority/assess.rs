//! One request's priority at a given `now`: [`assess`] for the numbers, [`reasons`] for the why.

use std::cmp::Ordering;

use serde::Serialize;
use time::{Duration, OffsetDateTime};

use super::history::{self, Facts, earliest, history_signals};
use super::policy::{
    MAX_COUNTED_BROKEN_PROMISES, MAX_COUNTED_MISSED_CALLS, MAX_COUNTED_REPEATS, Policy,
};
use super::scored::{MessageSource, ScoredText, TextSummary, TopText};
use crate::model::formats::serialize_timestamp;
use crate::model::{Level, Request, Requester, Status};
use crate::policy::HumanDuration;
use crate::signals::{Cue, CueKind};

/// Points at which a request's urgency score reaches `1 - 1/e` (about 0.63, `high`): one clear
/// distress message with the default weights.
pub const URGENCY_SCALE_POINTS: f64 = 4.0;
/// Urgency score from which a request is `normal` (below: `low`).
pub const NORMAL_FROM: f64 = 0.2;
/// Urgency score from which a request is `high`.
pub const HIGH_FROM: f64 = 0.5;
/// Urgency score from which a request is `urgent`.
pub const URGENT_FROM: f64 = 0.8;

/// The three bands a request can be in. Every request of a higher band ranks above every request
/// of a lower one; within a band, points and waiting decide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Band {
    /// Nothing waits on us: the host marked it waiting on the customer, or we answered last and
    /// nothing came in since. Its SLA clock is paused and it does not age. Priority in `[0, 1)`.
    NotWaiting,
    /// The customer waits on us. Priority at least 1.
    Waiting,
    /// The customer has waited longer than [`Policy::max_wait`]: above everything else.
    MaxWait,
}

/// Which SLA target a deadline comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DeadlineKind {
    /// First reply to a request we never answered.
    FirstReply,
    /// Reply to the customer's latest message after an earlier answer.
    NextReply,
    /// The request's own `due_at`, set by the host, earlier than the SLA target.
    DueAt,
}

/// The next SLA deadline of a request that waits on us.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Deadline {
    /// Which target.
    pub kind: DeadlineKind,
    /// When it runs out (business hours counted).
    #[serde(serialize_with = "serialize_timestamp")]
    pub due_at: OffsetDateTime,
    /// Time from `now` until `due_at`; negative once breached.
    #[serde(rename = "remaining_secs", serialize_with = "serialize_secs")]
    pub remaining: Duration,
}

impl Deadline {
    /// Whether the deadline has passed.
    pub fn breached(&self) -> bool {
        self.remaining <= Duration::ZERO
    }
}

fn serialize_secs<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_i64(d.whole_seconds())
}

/// A request's priority at one `now`: the number to order by and what it is made of.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct Assessment {
    /// Finite, at least 0; higher = answer sooner. `0..1` for [`Band::NotWaiting`], then
    /// `1 + points + waiting` for [`Band::Waiting`], plus a band offset for [`Band::MaxWait`].
    pub priority: f64,
    /// Which band it is in.
    pub band: Band,
    /// How urgent the request is, 0..1, from its points (not from waiting):
    /// `1 - exp(-points / URGENCY_SCALE_POINTS)`.
    pub urgency: f64,
    /// The level of `urgency` ([`NORMAL_FROM`], [`HIGH_FROM`], [`URGENT_FROM`]), raised to
    /// `high` for an unanswered lead or a failed payment and to the level the host set on the
    /// request. It picks the SLA target.
    pub level: Level,
    /// The earlier of the first contact of the current wait and the due time of the first
    /// broken promise; `None` when nothing waits on us.
    pub waiting_since: Option<OffsetDateTime>,
    /// Counted waiting (business hours in full, other time by [`Policy::off_hours_wait`]).
    pub waited: Duration,
    /// The next SLA deadline, `None` when nothing waits on us.
    pub next_breach: Option<Deadline>,
    /// Time-invariant ordering key within the band (see [`super`] docs).
    pub(crate) key: f64,
    /// The assessment stays exact (up to the aging every waiting request shares) until here.
    pub(crate) valid_until: Option<OffsetDateTime>,
    /// The request comes from a colleague.
    pub(crate) internal: bool,
    /// The customer-marks-everything-urgent discount was applied.
    pub(crate) discounted: bool,
}

impl Assessment {
    /// Compares two assessments for ranking: `Less` means `self` comes first. Band, then the
    /// time-invariant key (higher first), then customers before colleagues, then the longer
    /// wait, then nothing; callers break the remaining ties by arrival and id.
    pub(crate) fn cmp_rank(&self, other: &Assessment) -> Ordering {
        other
            .band
            .cmp(&self.band)
            .then_with(|| other.key.total_cmp(&self.key))
            .then_with(|| self.internal.cmp(&other.internal))
            .then_with(|| match (self.waiting_since, other.waiting_since) {
                (Some(a), Some(b)) => a.cmp(&b),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            })
    }
}

/// The closed list of reasons that can make up a priority, as `snake_case` words in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ReasonKind {
    /// Urgency cues in the customer's words (stranded, locked out, charged twice, today).
    TextUrgency,
    /// The customer marks everything urgent: their urgency words count less (negative weight).
    SelfUrgentDiscount,
    /// The customer reports a broken expectation (late, lost, charged, ignored).
    Complaint,
    /// The customer's words are negative.
    NegativeSentiment,
    /// The customer came back while waiting.
    RepeatContact,
    /// Inbound calls nobody picked up while the customer waited.
    MissedCall,
    /// We promised an update and did not give it in time.
    BrokenPromise,
    /// The customer's latest payment attempt failed: they want to pay and cannot.
    FailedPayment,
    /// An unanswered contact-us lead.
    Lead,
    /// The customer moved to a more immediate channel while waiting.
    ChannelEscalation,
    /// The level the host set on the request.
    SetPriority,
    /// The customer's tier and lifetime value (bounded).
    CustomerValue,
    /// A colleague's request: it keeps only part of its points (negative weight).
    InternalRequester,
    /// Time waited since the first unanswered contact.
    Waiting,
    /// The SLA deadline has passed.
    SlaBreached,
    /// Waited longer than the policy's maximum: top band.
    MaxWait,
    /// The host marked it waiting on the customer: SLA paused, below every waiting request.
    WaitingOnCustomer,
    /// We answered last and nothing came in since.
    NothingWaiting,
}

impl ReasonKind {
    /// The `snake_case` name used in JSON.
    pub fn name(self) -> &'static str {
        match self {
            ReasonKind::TextUrgency => "text_urgency",
            ReasonKind::SelfUrgentDiscount => "self_urgent_discount",
            ReasonKind::Complaint => "complaint",
            ReasonKind::NegativeSentiment => "negative_sentiment",
            ReasonKind::RepeatContact => "repeat_contact",
            ReasonKind::MissedCall => "missed_call",
            ReasonKind::BrokenPromise => "broken_promise",
            ReasonKind::FailedPayment => "failed_payment",
            ReasonKind::Lead => "lead",
            ReasonKind::ChannelEscalation => "channel_escalation",
            ReasonKind::SetPriority => "set_priority",
            ReasonKind::CustomerValue => "customer_value",
            ReasonKind::InternalRequester => "internal_requester",
            ReasonKind::Waiting => "waiting",
            ReasonKind::SlaBreached => "sla_breached",
            ReasonKind::MaxWait => "max_wait",
            ReasonKind::WaitingOnCustomer => "waiting_on_customer",
            ReasonKind::NothingWaiting => "nothing_waiting",
        }
    }
}

/// What a reason rests on.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "type")]
#[non_exhaustive]
pub enum Evidence {
    /// A cue in a customer message.
    Cue {
        /// Which message.
        message: MessageSource,
        /// What kind of cue.
        cue: CueKind,
        /// Byte range in that message's text.
        start: usize,
        /// End of the byte range.
        end: usize,
        /// The cue's words as written.
        text: String,
    },
    /// A score read from a message (complaint, sentiment) without a single cue.
    Message {
        /// Which message.
        message: MessageSource,
        /// The score.
        score: f64,
    },
    /// Instants: contacts, missed calls, promise due times, a failed payment.
    Times {
        /// The instants, oldest first.
        #[serde(serialize_with = "serialize_times")]
        at: Vec<OffsetDateTime>,
    },
    /// An SLA deadline.
    Deadline(Deadline),
    /// Nothing beyond the detail text (customer value, host-set level, status).
    None,
}

fn serialize_times<S: serde::Serializer>(
    times: &[OffsetDateTime],
    s: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    let mut seq = s.serialize_seq(Some(times.len()))?;
    for t in times {
        let text =
            crate::model::formats::format_timestamp(*t).map_err(serde::ser::Error::custom)?;
        seq.serialize_element(&text)?;
    }
    seq.end()
}

/// One item of a priority's explanation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Reason {
    /// Which signal.
    pub kind: ReasonKind,
    /// Points it added to the priority (negative for a discount).
    pub weight: f64,
    /// A sentence for a person, e.g. "called again at 21:39 while waiting".
    pub detail: String,
    /// What it rests on.
    pub evidence: Evidence,
}

/// Everything [`assess`] and [`reasons`] share: the signals and their points.
struct Breakdown {
    facts: Facts,
    text: Option<TopText>,
    discount: f64,
    complaint: Option<(MessageSource, f64, Option<Cue>)>,
    negative: Option<(MessageSource, f64)>,
    repeat: f64,
    missed: f64,
    promise: f64,
    payment: f64,
    lead: f64,
    escalation: f64,
    set_priority: f64,
    customer: f64,
    internal_cut: f64,
    points: f64,
    internal: bool,
}

fn breakdown(
    policy: &Policy,
    request: &Request,
    text: &ScoredText,
    now: OffsetDateTime,
    discount_marks: bool,
) -> Breakdown {
    let w = policy.weights();
    let history = text
        .history_at(request, now, policy.history())
        .unwrap_or_else(|| {
            history::facts(request, now, policy.history(), &mut text.thanks_reader())
        });
    let factor = if discount_marks {
        policy.self_urgent().factor
    } else {
        1.0
    };
    let summary = text.summary_at(now, factor);
    let TextSummary {
        top: text_part,
        effective_max,
        complaint,
        negative,
    } = summary;
    let raw_text = text_part.as_ref().map_or(0.0, |t| t.raw);
    let internal = matches!(request.requester(), Requester::Internal { .. });
    let customer = if internal {
        0.0
    } else {
        let c = policy.customer_value();
        let profile = request.customer();
        c.tier_points(profile.tier()) + c.lifetime_value_points(profile.lifetime_value().amount())
    };
    let set_level = request.priority().map_or(0, level_index);
    let mut b = Breakdown {
        text: text_part,
        discount: w.text_urgency * (effective_max - raw_text),
        complaint,
        negative,
        repeat: w.repeat_contact * history.repeat_count.min(MAX_COUNTED_REPEATS) as f64,
        missed: w.missed_call * history.missed_calls.min(MAX_COUNTED_MISSED_CALLS) as f64,
        promise: w.broken_promise * history.broken_promises.min(MAX_COUNTED_BROKEN_PROMISES) as f64,
        payment: if history.failed_payment {
            w.failed_payment
        } else {
            0.0
        },
        lead: if history.lead { w.lead } else { 0.0 },
        escalation: if history.channel_escalation {
            w.channel_escalation
        } else {
            0.0
        },
        set_priority: w.set_priority * set_level.saturating_sub(1) as f64,
        customer,
        internal_cut: 0.0,
        points: 0.0,
        internal,
        facts: history,
    };
    let sum = w.text_urgency * raw_text
        + b.discount
        + w.complaint * b.complaint.map_or(0.0, |c| c.1)
        + w.negative_sentiment * b.negative.map_or(0.0, |n| n.1)
        + b.repeat
        + b.missed
        + b.promise
        + b.payment
        + b.lead
        + b.escalation
        + b.set_priority
        + b.customer;
    let sum = sum.max(0.0);
    if internal {
        b.internal_cut = -(1.0 - policy.internal_factor()) * sum;
    }
    b.points = (sum + b.internal_cut).max(0.0);
    b
}

fn level_index(level: Level) -> usize {
    match level {
        Level::Low => 0,
        Level::Normal => 1,
        Level::High => 2,
        Level::Urgent => 3,
    }
}

fn level_of(score: f64) -> Level {
    if score >= URGENT_FROM {
        Level::Urgent
    } else if score >= HIGH_FROM {
        Level::High
    } else if score >= NORMAL_FROM {
        Level::Normal
    } else {
        Level::Low
    }
}

/// The effective waiting clock in seconds: business hours tick at full speed, other time at
/// [`Policy::off_hours_wait`]. Only differences mean anything.
pub(crate) fn wait_clock(policy: &Policy, at: OffsetDateTime) -> f64 {
    let hours = policy.business_hours();
    let wall = at.unix_timestamp() as f64;
    if hours.is_always_open() {
        return wall;
    }
    let open = hours.open_clock(at) as f64;
    let f = policy.off_hours_wait();
    open + f * (wall - open)
}

/// The earliest instant `t >= from` at which `wait_clock(t) - wait_clock(from) >= amount`
/// seconds; `None` beyond the range of instants.
fn after_counted_wait(
    policy: &Policy,
    from: OffsetDateTime,
    amount: f64,
) -> Option<OffsetDateTime> {
    let start = wait_clock(policy, from);
    if policy.business_hours().is_always_open() {
        // `wait_clock` reads whole seconds, so the count starts at `from`'s whole second.
        let second = from.unix_timestamp().checked_add(amount.ceil() as i64)?;
        let at = OffsetDateTime::from_unix_timestamp(second).ok()?;
        return if from.offset().is_utc() {
            Some(at)
        } else {
            at.checked_to_offset(from.offset())
        };
    }
    // The counted clock never runs slower than business hours alone, so the answer is at most
    // the instant that much working time has passed.
    let hi_bound = policy
        .business_hours()
        .add_open_seconds(from, amount.ceil() as u64);
    let (mut lo, mut hi) = (from.unix_timestamp(), hi_bound.unix_timestamp());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let t = OffsetDateTime::from_unix_timestamp(mid).ok()?;
        if wait_clock(policy, t) - start >= amount {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    OffsetDateTime::from_unix_timestamp(lo)
        .ok()
        .map(|t| t.to_offset(from.offset()))
}

/// The width of [`Band::Waiting`]: above any priority a request can have there, so that
/// [`Band::MaxWait`] starts above it.
pub(crate) fn band_width(policy: &Policy) -> f64 {
    let w = policy.weights();
    let aging = w.waiting_per_hour * policy.max_wait().as_secs() as f64 / 3600.0;
    (w.static_bound(policy.customer_value()) + w.sla_breached + aging + 1.0).ceil()
}

/// Assesses one request at `now`.
///
/// `discount_marks` says whether the customer marks everything urgent (see
/// [`SelfUrgent`](super::SelfUrgent)); a ranker decides it from all the customer's requests
/// it ranks. Text is not read again: only `text`'s scores are. Deterministic; never panics.
pub fn assess(
    policy: &Policy,
    request: &Request,
    text: &ScoredText,
    now: OffsetDateTime,
    discount_marks: bool,
) -> Assessment {
    let b = breakdown(policy, request, text, now, discount_marks);
    finish(policy, request, now, &b, discount_marks)
}

fn finish(
    policy: &Policy,
    request: &Request,
    now: OffsetDateTime,
    b: &Breakdown,
    discounted: bool,
) -> Assessment {
    let w = policy.weights();
    let urgency = 1.0 - (-b.points / URGENCY_SCALE_POINTS).exp();
    let mut level = level_of(urgency);
    if b.facts.lead || b.facts.failed_payment {
        level = level.max(Level::High);
    }
    if let Some(set) = request.priority() {
        level = level.max(set);
    }
    let mut valid_until = b.facts.next_change;
    let since = waiting_since(request, &b.facts);
    let Some(since) = since else {
        // Nothing waits on us: the band below, ordered by points, no aging.
        let priority = b.points / (1.0 + b.points);
        return Assessment {
            priority,
            band: Band::NotWaiting,
            urgency,
            level,
            waiting_since: None,
            waited: Duration::ZERO,
            next_breach: None,
            key: priority,
            valid_until,
            internal: b.internal,
            discounted,
        };
    };
    let answered_before = b.facts.first_answer.is_some_and(|a| a <= since);
    let deadline = deadline(policy, request, answered_before, since, level, now);
    let breached = deadline.breached();
    if !breached {
        valid_until = earliest(valid_until, Some(deadline.due_at));
    }
    let since_clock = wait_clock(policy, since);
    let waited_secs = (wait_clock(policy, now) - since_clock).max(0.0);
    let max_wait = policy.max_wait().as_secs() as f64;
    let band = if waited_secs >= max_wait {
        Band::MaxWait
    } else {
        valid_until = earliest(valid_until, after_counted_wait(policy, since, max_wait));
        Band::Waiting
    };
    let rate = w.waiting_per_hour / 3600.0;
    let fixed = b.points + if breached { w.sla_breached } else { 0.0 };
    let offset = 1.0
        + if band == Band::MaxWait {
            band_width(policy)
        } else {
            0.0
        };
    Assessment {
        priority: offset + fixed + rate * waited_secs,
        band,
        urgency,
        level,
        waiting_since: Some(since),
        waited: Duration::seconds_f64(waited_secs.floor()),
        next_breach: Some(deadline),
        key: fixed - rate * since_clock,
        valid_until,
        internal: b.internal,
        discounted,
    }
}

/// Where the wait starts: nowhere while the host says it waits on the customer (that pauses
/// it); else the earlier of the first unanswered contact and the first broken promise's due
/// time. A customer who writes again after we broke a promise has waited since the promise
/// fell due, not since their new message.
fn waiting_since(request: &Request, history: &Facts) -> Option<OffsetDateTime> {
    if request.status() == Status::WaitingOnCustomer {
        return None;
    }
    earliest(history.waiting_since, history.first_broken_due)
}

/// The SLA deadline of a wait that started at `since`; `answered_before` (an answer at or
/// after `received_at` and not after `since`) makes it a next reply.
fn deadline(
    policy: &Policy,
    request: &Request,
    answered_before: bool,
    since: OffsetDateTime,
    level: Level,
    now: OffsetDateTime,
) -> Deadline {
    let targets = policy
        .sla()
        .get(level_index(level))
        .unwrap_or(policy.sla().normal());
    let (kind, target) = if answered_before {
        (DeadlineKind::NextReply, targets.next_reply)
    } else {
        (DeadlineKind::FirstReply, targets.first_reply)
    };
    let mut due_at = policy
        .business_hours()
        .add_open_seconds(since, target.as_secs());
    let mut kind = kind;
    if let Some(host_due) = request.due_at()
        && host_due < due_at
    {
        due_at = host_due;
        kind = DeadlineKind::DueAt;
    }
    Deadline {
        kind,
        due_at,
        remaining: due_at - now,
    }
}

/// Explains an assessment: every signal that contributed, its points and its evidence, in the
/// order of [`ReasonKind`]'s list. Allocates. The weights of the reasons add up to the
/// priority minus the band base (1 for a waiting request; for [`Band::NotWaiting`] the
/// priority is `points / (1 + points)` instead).
pub fn reasons(
    policy: &Policy,
    request: &Request,
    text: &ScoredText,
    now: OffsetDateTime,
    discount_marks: bool,
) -> Vec<Reason> {
    let b = breakdown(policy, request, text, now, discount_marks);
    let a = finish(policy, request, now, &b, discount_marks);
    let w = policy.weights();
    let history = history_signals(request, now, policy.history());
    let h = &history;
    let mut out = Vec::new();
    let mut push = |kind, weight: f64, detail: String, evidence| {
        out.push(Reason {
            kind,
            weight,
            detail,
            evidence,
        });
    };
    let message_text = |source: MessageSource| -> &str {
        match source {
            MessageSource::RequestText => request.text().unwrap_or(""),
            MessageSource::Event(i) => request.events().get(i).and_then(|e| e.text()).unwrap_or(""),
        }
    };
    let where_ = |source: MessageSource| match source {
        MessageSource::RequestText => "the request".to_owned(),
        MessageSource::Event(i) => request.events().get(i).map_or_else(
            || "a message".to_owned(),
            |e| format!("the message of {}", clock(e.at())),
        ),
    };
    let cue_evidence = |source: MessageSource, cue: Cue| {
        let t = message_text(source);
        let words = t.get(cue.start..cue.end).unwrap_or("").to_owned();
        Evidence::Cue {
            message: source,
            cue: cue.kind,
            start: cue.start,
            end: cue.end,
            text: words,
        }
    };
    if let Some(t) = b.text.as_ref().filter(|t| t.raw > 0.0) {
        let (detail, evidence) = match t.cue {
            Some(cue) => {
                let ev = cue_evidence(t.source, cue);
                let words = match &ev {
                    Evidence::Cue { text, .. } => text.clone(),
                    _ => String::new(),
                };
                (
                    format!(
                        "\"{}\" ({}) in {}, urgency {:.2}",
                        shorten(&words),
                        cue.kind.as_str().replace('_', " "),
                        where_(t.source),
                        t.raw
                    ),
                    ev,
                )
            }
            None => (
                format!("urgency {:.2} in {}", t.raw, where_(t.source)),
                Evidence::Message {
                    message: t.source,
                    score: t.raw,
                },
            ),
        };
        push(
            ReasonKind::TextUrgency,
            w.text_urgency * t.raw,
            detail,
            evidence,
        );
    }
    if b.discount < 0.0 {
        push(
            ReasonKind::SelfUrgentDiscount,
            b.discount,
            format!(
                "this customer marks most requests urgent: urgency words count {:.0}%",
                policy.self_urgent().factor * 100.0
            ),
            Evidence::None,
        );
    }
    if let Some((source, score, cue)) = b.complaint {
        let evidence = match cue {
            Some(cue) => cue_evidence(source, cue),
            None => Evidence::Message {
                message: source,
                score,
            },
        };
        let words = match &evidence {
            Evidence::Cue { text, .. } => format!(" (\"{}\")", shorten(text)),
            _ => String::new(),
        };
        push(
            ReasonKind::Complaint,
            w.complaint * score,
            format!("complaint {score:.2} in {}{words}", where_(source)),
            evidence,
        );
    }
    if let Some((source, score)) = b.negative {
        push(
            ReasonKind::NegativeSentiment,
            w.negative_sentiment * score,
            format!("negative tone {:.2} in {}", -score, where_(source)),
            Evidence::Message {
                message: source,
                score: -score,
            },
        );
    }
    if b.repeat > 0.0 {
        let times: Vec<_> = h.repeat_contacts.iter().map(|r| r.at).collect();
        let list: Vec<String> = h
            .repeat_contacts
            .iter()
            .map(|r| format!("{} by {}", clock(r.at), r.channel))
            .collect();
        push(
            ReasonKind::RepeatContact,
            b.repeat,
            format!(
                "came back {} time{} while waiting: {}",
                times.len(),
                plural(times.len()),
                list.join(", ")
            ),
            Evidence::Times { at: times },
        );
    }
    if b.missed > 0.0 {
        let times: Vec<_> = h.missed_calls.iter().map(|c| c.at).collect();
        push(
            ReasonKind::MissedCall,
            b.missed,
            format!(
                "{} call{} nobody picked up",
                times.len(),
                plural(times.len())
            ),
            Evidence::Times { at: times },
        );
    }
    if b.promise > 0.0 {
        let times: Vec<_> = h.broken_promises.iter().map(|p| p.due_at).collect();
        let list: Vec<String> = h
            .broken_promises
            .iter()
            .map(|p| format!("due {}, {} overdue", clock(p.due_at), human(p.overdue)))
            .collect();
        push(
            ReasonKind::BrokenPromise,
            b.promise,
            format!(
                "promised an update and did not give it: {}",
                list.join("; ")
            ),
            Evidence::Times { at: times },
        );
    }
    if let Some(p) = &h.failed_payment {
        push(
            ReasonKind::FailedPayment,
            b.payment,
            format!(
                "payment failed at {}: the customer wants to pay and cannot",
                clock(p.at)
            ),
            Evidence::Times { at: vec![p.at] },
        );
    }
    if let Some(l) = &h.lead {
        push(
            ReasonKind::Lead,
            b.lead,
            format!("contact-us lead unanswered for {}", human(l.waited)),
            Evidence::Times {
                at: vec![l.received_at],
            },
        );
    }
    if let Some(e) = &h.channel_escalation {
        push(
            ReasonKind::ChannelEscalation,
            b.escalation,
            format!("moved from {} to {} at {}", e.from, e.to, clock(e.at)),
            Evidence::Times { at: vec![e.at] },
        );
    }
    if b.set_priority > 0.0 {
        push(
            ReasonKind::SetPriority,
            b.set_priority,
            format!(
                "set to {} on the request",
                request.priority().map_or("", |l| l.as_str())
            ),
            Evidence::None,
        );
    }
    if b.customer > 0.0 {
        let profile = request.customer();
        push(
            ReasonKind::CustomerValue,
            b.customer,
            format!(
                "{} tier, lifetime value {}",
                profile.tier().as_str(),
                profile.lifetime_value()
            ),
            Evidence::None,
        );
    }
    if b.internal {
        let who = match request.requester() {
            Requester::Internal { name, role } => match (name, role) {
                (Some(n), Some(r)) => format!(" from {n} ({r})"),
                (Some(n), None) => format!(" from {n}"),
                (None, Some(r)) => format!(" from a {r}"),
                (None, None) => String::new(),
            },
            Requester::Customer => String::new(),
        };
        push(
            ReasonKind::InternalRequester,
            b.internal_cut,
            format!(
                "internal request{who}: keeps {:.0}% of its points; customers come first",
                policy.internal_factor() * 100.0
            ),
            Evidence::None,
        );
    }
    match (a.band, a.waiting_since, a.next_breach) {
        (Band::NotWaiting, _, _) => {
            if request.status() == Status::WaitingOnCustomer {
                push(
                    ReasonKind::WaitingOnCustomer,
                    0.0,
                    "waiting on the customer: SLA clock paused, below every request waiting on us"
                        .to_owned(),
                    Evidence::None,
                );
            } else {
                push(
                    ReasonKind::NothingWaiting,
                    0.0,
                    "we answered last and nothing has come in since".to_owned(),
                    Evidence::None,
                );
            }
        }
        (band, Some(since), Some(deadline)) => {
            push(
                ReasonKind::Waiting,
                w.waiting_per_hour * a.waited.whole_seconds() as f64 / 3600.0,
                format!(
                    "waiting since {} ({} counted)",
                    clock(since),
                    human(a.waited)
                ),
                Evidence::Times { at: vec![since] },
            );
            if deadline.breached() {
                let what = match deadline.kind {
                    DeadlineKind::FirstReply => "first reply",
                    DeadlineKind::NextReply => "next reply",
                    DeadlineKind::DueAt => "the request's due time",
                };
                push(
                    ReasonKind::SlaBreached,
                    w.sla_breached,
                    format!(
                        "{what} ({} level) was due {}, {} overdue",
                        a.level.as_str(),
                        clock(deadline.due_at),
                        human(-deadline.remaining)
                    ),
                    Evidence::Deadline(deadline),
                );
            }
            if band == Band::MaxWait {
                push(
                    ReasonKind::MaxWait,
                    band_width(policy),
                    format!(
                        "waited {}, more than the policy's maximum of {}: top band",
                        human(a.waited),
                        policy.max_wait()
                    ),
                    Evidence::Times { at: vec![since] },
                );
            }
        }
        _ => {}
    }
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `HH:MM` in the instant's own offset, with the date when it is not the same day as
/// nothing else: short, for details.
fn clock(at: OffsetDateTime) -> String {
    format!(
        "{}-{:02}-{:02} {:02}:{:02}",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute()
    )
}

fn human(d: Duration) -> String {
    let secs = d.whole_seconds().max(0) as u64;
    // Round to the minute above one minute: details need no seconds.
    let secs = if secs >= 60 { secs / 60 * 60 } else { secs };
    HumanDuration::from_secs(secs).map_or_else(|_| format!("{secs}s"), |h| h.to_string())
}

fn shorten(text: &str) -> String {
    const MAX: usize = 60;
    match text.char_indices().nth(MAX) {
        None => text.to_owned(),
        Some((cut, _)) => format!("{}…", &text[..cut]),
    }
}
