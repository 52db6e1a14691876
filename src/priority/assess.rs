//! One request's priority at a given `now`: [`assess`] for the numbers (points, band, order
//! key); [`reasons`](super::reasons) turns them into prose.

use std::cmp::Ordering;

use serde::Serialize;
use time::{Duration, OffsetDateTime};

use super::history::{self, Facts, earliest};
use super::reasons::ReasonKind;
use super::scored::{MessageSource, ScoredText, TextSummary, TopText};
use crate::model::formats::{serialize_opt_timestamp, serialize_timestamp};
use crate::model::named::named_enum;
use crate::model::{Level, Request, Requester, Status};
use crate::policy::{
    MAX_COUNTED_BROKEN_PROMISES, MAX_COUNTED_MISSED_CALLS, MAX_COUNTED_REPEATS, Policy,
};
use crate::signals::Cue;

/// Points at which a request's urgency score reaches `1 - 1/e` (about 0.63, `high`): one clear
/// distress message with the default weights.
pub(crate) const URGENCY_SCALE_POINTS: f64 = 4.0;
/// Urgency score from which a request is `normal` (below: `low`).
pub(crate) const NORMAL_FROM: f64 = 0.2;
/// Urgency score from which a request is `high`.
pub(crate) const HIGH_FROM: f64 = 0.5;
/// Urgency score from which a request is `urgent`.
pub(crate) const URGENT_FROM: f64 = 0.8;

named_enum! {
    /// The three bands a request can be in. Every request of a higher band ranks above every
    /// request of a lower one; within a band, points and waiting decide.
    #[derive(PartialOrd, Ord)]
    #[non_exhaustive]
    pub enum Band as "band" {
        /// Nothing waits on us: the host marked it waiting on the customer, we answered last
        /// and nothing came in since, or the customer's latest message reports the problem
        /// solved. Its SLA clock is paused and it does not age.
        NotWaiting = "not_waiting",
        /// The customer waits on us: it ages by `waiting_per_hour` points an hour.
        Waiting = "waiting",
        /// The customer has waited longer than [`Policy::max_wait`]: above everything else,
        /// ordered within the band as in `Waiting`, so no request starves.
        MaxWait = "max_wait",
    }
}

named_enum! {
    /// Which SLA target a deadline comes from.
    #[non_exhaustive]
    pub enum DeadlineKind as "deadline kind" {
        /// First reply to a request we never answered.
        FirstReply = "first_reply",
        /// Reply to the customer's latest message after an earlier answer.
        NextReply = "next_reply",
        /// The request's own `due_at`, set by the host, earlier than the SLA target.
        DueAt = "due_at",
    }
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
///
/// # JSON
///
/// Serializes (for `triage --json` and a host's own output) as one object with these fields,
/// a stable form: `priority` (points), `band` and `band_reason` (snake_case names of
/// [`Band`] and [`ReasonKind`](super::ReasonKind)), `urgency` (0..1), `level`,
/// `waiting_since` (RFC 3339, omitted when nothing waits on us), `waited_secs` (integer
/// seconds of counted waiting) and `next_breach` (omitted when nothing waits on us: `kind`,
/// `due_at`, `remaining_secs`).
///
/// ```
/// # use realboss::model::*;
/// # use realboss::ranking::Ranker;
/// # use time::macros::{date, datetime};
/// # let customer = CustomerProfile::builder(CustomerId::new("cus-1")?)
/// #     .tier(Tier::Standard)
/// #     .lifetime_value(Money::new(10.0, "EUR".parse()?)?)
/// #     .customer_since(date!(2020 - 01 - 01))
/// #     .build()?;
/// let request = Request::builder(RequestId::new("req-1")?, customer, Channel::Email,
///     datetime!(2026-11-23 09:00 UTC)).text("Where is my parcel?").build()?;
/// let ranker = Ranker::default();
/// let now = datetime!(2026-11-23 10:00 UTC);
/// let a = ranker.rank(std::slice::from_ref(&request), now).ranked()[0].assessment;
/// let json: serde_json::Value = serde_json::to_value(a).unwrap();
/// assert_eq!(json["band"], "waiting");
/// assert_eq!(json["band_reason"], "waiting");
/// assert_eq!(json["waited_secs"], 3600);
/// assert_eq!(json["waiting_since"], "2026-11-23T09:00:00Z");
/// # Ok::<(), realboss::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Assessment {
    /// Finite, at least 0; within a band, higher = answer sooner. Exactly the sum of the
    /// weights of its [`reasons`](super::reasons): the points of every signal, plus, while
    /// the customer waits on us, the SLA breach and `waiting_per_hour` × hours waited. The
    /// band is not in it: it is [`band`](Self::band), compared first.
    pub priority: f64,
    /// Which band it is in: compared before the priority.
    pub band: Band,
    /// The reason that put it in its band: [`ReasonKind::Waiting`](super::ReasonKind::Waiting)
    /// for [`Band::Waiting`], [`ReasonKind::MaxWait`](super::ReasonKind::MaxWait) for
    /// [`Band::MaxWait`], and for [`Band::NotWaiting`] one of
    /// [`WaitingOnCustomer`](super::ReasonKind::WaitingOnCustomer),
    /// [`CustomerReportsResolved`](super::ReasonKind::CustomerReportsResolved) and
    /// [`NothingWaiting`](super::ReasonKind::NothingWaiting).
    pub band_reason: ReasonKind,
    /// How urgent the request is, 0..1, from its points (not from waiting):
    /// `1 - exp(-points / URGENCY_SCALE_POINTS)`.
    pub urgency: f64,
    /// The level of `urgency` (`NORMAL_FROM` (0.2), `HIGH_FROM` (0.5), `URGENT_FROM` (0.8)), raised to
    /// `high` for an unanswered lead or a failed payment and to the level the host set on the
    /// request. It picks the SLA target.
    pub level: Level,
    /// The earlier of the first contact of the current wait and the due time of the first
    /// broken promise; `None` when nothing waits on us.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize_opt_timestamp"
    )]
    pub waiting_since: Option<OffsetDateTime>,
    /// Counted waiting (business hours in full, other time by [`Policy::off_hours_wait`]), in
    /// whole seconds.
    #[serde(rename = "waited_secs", serialize_with = "serialize_secs")]
    pub waited: Duration,
    /// The next SLA deadline, `None` when nothing waits on us.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_breach: Option<Deadline>,
    /// Time-invariant ordering key within the band (see [`super`] docs).
    #[serde(skip)]
    pub(crate) key: f64,
    /// The assessment stays exact (up to the aging every waiting request shares) until here.
    #[serde(skip)]
    pub(crate) valid_until: Option<OffsetDateTime>,
    /// The request comes from a colleague.
    #[serde(skip)]
    pub(crate) internal: bool,
    /// The customer-marks-everything-urgent discount was applied.
    #[serde(skip)]
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

/// Everything [`assess`] and [`reasons`](super::reasons) share: the signals and their points.
pub(super) struct Breakdown {
    facts: Facts,
    pub(super) text: Option<TopText>,
    pub(super) discount: f64,
    pub(super) complaint: Option<(MessageSource, f64, Option<Cue>)>,
    pub(super) negative: Option<(MessageSource, f64)>,
    /// The closing message (event index, when) when the customer reports it resolved, and
    /// the points that cancels (negative: minus the text points above).
    pub(super) closure: Option<(usize, OffsetDateTime)>,
    pub(super) resolved_cut: f64,
    pub(super) repeat: f64,
    pub(super) missed: f64,
    pub(super) promise: f64,
    pub(super) payment: f64,
    pub(super) lead: f64,
    pub(super) escalation: f64,
    pub(super) set_priority: f64,
    pub(super) customer: f64,
    pub(super) internal_cut: f64,
    points: f64,
    pub(super) internal: bool,
}

pub(super) fn breakdown(
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
            history::facts(request, now, policy.history(), &mut text.closing_reader())
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
        // An unknown tier or value adds 0 points (the reasons say which is unknown).
        profile.tier().map_or(0.0, |t| c.tier_points(t))
            + profile
                .lifetime_value()
                .map_or(0.0, |v| c.lifetime_value_points(v.amount()))
    };
    let set_level = request.priority().map_or(0, level_index);
    let mut b = Breakdown {
        text: text_part,
        discount: w.text_urgency * (effective_max - raw_text),
        complaint,
        negative,
        closure: history.closure.map(|(at, event)| (event, at)),
        resolved_cut: 0.0,
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
    let text_points = w.text_urgency * raw_text
        + b.discount
        + w.complaint * b.complaint.map_or(0.0, |c| c.1)
        + w.negative_sentiment * b.negative.map_or(0.0, |n| n.1);
    if b.closure.is_some() {
        // What the customer wrote before reporting it solved no longer describes their case.
        b.resolved_cut = -text_points;
    }
    let sum = text_points
        + b.resolved_cut
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

/// The level of a request's urgency score on the *request* scale: `score` is
/// `1 − exp(−points / URGENCY_SCALE_POINTS)` of the request's points, cut at `NORMAL_FROM` (0.2),
/// `HIGH_FROM` (0.5) and `URGENT_FROM` (0.8) (0.2, 0.5, 0.8). Not the text scale of one message's
/// urgency words: that is `signals::text_urgency_level`, cut at 0.2, 0.5 and 0.75.
fn request_urgency_level(score: f64) -> Level {
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

/// Assesses one request at `now`.
///
/// `discount_marks` says whether the customer marks everything urgent (see
/// [`SelfUrgent`](crate::policy::SelfUrgent)); a ranker decides it from all the customer's requests
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

pub(super) fn finish(
    policy: &Policy,
    request: &Request,
    now: OffsetDateTime,
    b: &Breakdown,
    discounted: bool,
) -> Assessment {
    let w = policy.weights();
    let urgency = 1.0 - (-b.points / URGENCY_SCALE_POINTS).exp();
    let mut level = request_urgency_level(urgency);
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
        let band_reason = if request.status() == Status::WaitingOnCustomer {
            ReasonKind::WaitingOnCustomer
        } else if b.closure.is_some() {
            ReasonKind::CustomerReportsResolved
        } else {
            ReasonKind::NothingWaiting
        };
        return Assessment {
            priority: b.points,
            band: Band::NotWaiting,
            band_reason,
            urgency,
            level,
            waiting_since: None,
            waited: Duration::ZERO,
            next_breach: None,
            key: b.points,
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
    // Whole seconds, as `waited` and the waiting reason show them, so that the priority is
    // exactly the sum of its reasons.
    let waited_secs = (wait_clock(policy, now) - since_clock).max(0.0).floor();
    let max_wait = policy.max_wait().as_secs() as f64;
    let (band, band_reason) = if waited_secs >= max_wait {
        (Band::MaxWait, ReasonKind::MaxWait)
    } else {
        valid_until = earliest(valid_until, after_counted_wait(policy, since, max_wait));
        (Band::Waiting, ReasonKind::Waiting)
    };
    let rate = w.waiting_per_hour / 3600.0;
    let fixed = b.points + if breached { w.sla_breached } else { 0.0 };
    Assessment {
        priority: fixed + rate * waited_secs,
        band,
        band_reason,
        urgency,
        level,
        waiting_since: Some(since),
        waited: Duration::seconds_f64(waited_secs),
        next_breach: Some(deadline),
        key: fixed - rate * since_clock,
        valid_until,
        internal: b.internal,
        discounted,
    }
}

/// Where the wait starts: nowhere while the host says it waits on the customer (that pauses
/// it) or the customer reports it resolved (a promise we make after that does not reopen
/// it: only the customer's next contact does); else the earlier of the first unanswered contact and the first broken promise's due
/// time. A customer who writes again after we broke a promise has waited since the promise
/// fell due, not since their new message.
fn waiting_since(request: &Request, history: &Facts) -> Option<OffsetDateTime> {
    if request.status() == Status::WaitingOnCustomer || history.closure.is_some() {
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
    let targets = policy.sla().target(level);
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
