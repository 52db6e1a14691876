//! A request's priority: the signals that decide who must be answered first at a given `now`.
//!
//! - [`history`]: urgency from a request's contact history (repeat contacts, how long the
//!   customer has waited, broken promises, failed payments, unanswered leads, channel
//!   escalation, missed calls), each signal with its evidence.
//! - [`ScoredText`]: a request's customer messages, scored once on arrival (urgency, complaint,
//!   sentiment), so that ranking never reads text again.
//! - [`Policy`] (in [`policy`](crate::policy)): the weights, the customer-value curve, SLA
//!   targets, business hours, the maximum wait, validated once.
//! - [`assess`] turns all of it into an [`Assessment`] at a given `now` (priority, band,
//!   urgency level, next SLA deadline) and [`reasons`] itemizes it.
//!
//! # How a priority is made
//!
//! 1. **Points** (static until something happens): text urgency × `text_urgency` (the most
//!    urgent customer message; a customer who marks everything urgent gets their urgency words
//!    discounted, and discounted to nothing where the rest of the message describes nothing
//!    urgent, see [`SelfUrgent`]; a calm message, "no rush, whenever you can", counts none of
//!    its awaiting-answer cues, see [`MessageSignals::calm`]), complaint, negative sentiment,
//!    repeat contacts, missed calls, broken promises, a failed payment, an unanswered lead,
//!    channel escalation, the level the host set, and the customer's value
//!    ([`CustomerValue`], bounded). An internal request (a colleague, a manager) gets no
//!    customer value and keeps only [`Policy::internal_factor`] of its points: the boss is not
//!    the real boss. When the customer's latest message reports the problem solved (a
//!    [closure](history#definitions)), the text points (text urgency, the self-urgent
//!    discount, complaint, negative sentiment) are cancelled by a
//!    [`ReasonKind::CustomerReportsResolved`] of minus their sum; the closure also ended the
//!    wait, so repeat contacts, missed calls, channel escalation, the promises made before it
//!    and a lead's points are gone too. What stays is the customer's value, the host's level
//!    and a failed payment.
//! 2. **Urgency and level**: `urgency = 1 − exp(−points / 4)`; level by `NORMAL_FROM` (0.2),
//!    `HIGH_FROM` (0.5), `URGENT_FROM` (0.8), raised to `high` for a lead or a failed payment (a lead
//!    enters high at once) and to the host's level. The level picks the SLA target.
//! 3. **Band**: waiting on the customer (host status), nothing waiting (we answered last) or a
//!    standing closure (the customer reported it solved) → [`Band::NotWaiting`], priority
//!    `points`, no aging, SLA clock paused. Otherwise [`Band::Waiting`]: priority `points +
//!    sla_breached (once the deadline passed) + waiting_per_hour × hours waited`. Past
//!    [`Policy::max_wait`] of counted waiting → [`Band::MaxWait`], the same priority in the band
//!    above: no request starves. The band is compared first and is not part of the priority;
//!    [`Assessment::band_reason`] says which reason put the request there.
//!
//!    The priority is exactly the sum of the weights of its [`reasons`]: no hidden base, no
//!    band offset.
//! 4. **Waiting** counts from the first unanswered contact or the due time of the first
//!    broken promise, whichever is earlier (bursts, thanks-only messages, closures and a new
//!    message after a broken promise do not restart it; a contact after a closure starts a new
//!    wait), business hours in full and other time by
//!    [`Policy::off_hours_wait`]; SLA deadlines count business hours only.
//!
//! Every waiting request ages at the same rate, so the order between two requests changes
//! only at events, promise due times, SLA deadlines and the maximum wait.
//!
//! [`Policy`]: crate::Policy
//! [`Policy::internal_factor`]: crate::Policy::internal_factor
//! [`Policy::max_wait`]: crate::Policy::max_wait
//! [`Policy::off_hours_wait`]: crate::Policy::off_hours_wait
//! [`SelfUrgent`]: crate::policy::SelfUrgent
//! [`CustomerValue`]: crate::policy::CustomerValue

mod assess;
pub mod history;
mod reasons;
mod scored;

pub use assess::{Assessment, Band, Deadline, DeadlineKind, assess};
pub use reasons::{Evidence, Reason, ReasonKind, ShortDuration, reasons};
pub use scored::{MessageSignals, MessageSource, ScoredText};
