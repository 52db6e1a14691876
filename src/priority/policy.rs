//! [`Policy`]: every number that decides a request's priority, validated once.

use serde::{Deserialize, Serialize};

use super::history::HistoryConfig;
use crate::Error;
use crate::error::{forget_policy_error, take_policy_error};
use crate::model::Tier;
use crate::policy::{BusinessHours, HumanDuration, SlaTargets};

/// Largest accepted weight, in points. Far above any sensible setting; it keeps every sum of
/// weights (and so every priority) finite.
pub const MAX_WEIGHT: f64 = 1000.0;

/// Default [`Policy::max_wait`]: 2 days of counted waiting. A request that has waited this long
/// is overdue whatever it is about; the default is the longest first-reply target (1 day, `low`)
/// doubled.
pub const DEFAULT_MAX_WAIT: HumanDuration = HumanDuration::from_days(2);

/// Longest accepted [`Policy::max_wait`]: 365 days.
pub const MAX_MAX_WAIT: HumanDuration = HumanDuration::from_days(365);

/// Default [`Policy::internal_factor`]: an internal request keeps half of its points. With
/// the customer-value points it lacks, that puts it below a customer request of equal urgency
/// (and the tie-break puts customers first when both have no points at all).
pub const DEFAULT_INTERNAL_FACTOR: f64 = 0.5;

/// Default [`Policy::off_hours_wait`]: an hour waited while the team is away counts as half an
/// hour of waiting. The customer still waits (so it counts), but the team could not have
/// answered (so it counts less). Only matters with business hours set.
pub const DEFAULT_OFF_HOURS_WAIT: f64 = 0.5;

/// Points that each signal adds to a request's priority. All finite, from 0 to
/// [`MAX_WEIGHT`]; 0 switches a signal off.
///
/// The defaults put real distress first: one clear distress message (`text_urgency` 4 × a
/// score near 1) outweighs everything a customer's value can add (at most 1.2 points by
/// default), a customer who had to chase us once adds 3, and waiting adds a quarter point
/// an hour, so a day's wait weighs about as much as a stranded customer's message.
///
/// JSON form: an object with any of the fields below; omitted fields take their defaults.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Weights {
    /// Per unit of text urgency (0..1, the most urgent message of the request). Default 4.
    pub text_urgency: f64,
    /// Per unit of complaint score (0..1, the strongest complaint). Default 1.5.
    pub complaint: f64,
    /// Per unit of negative sentiment (0..1, minus the lowest compound below 0). Default 1.
    pub negative_sentiment: f64,
    /// Per repeat contact (the customer came back while waiting), at most
    /// [`MAX_COUNTED_REPEATS`] counted. Default 3.
    pub repeat_contact: f64,
    /// Per missed inbound call while waiting, at most [`MAX_COUNTED_MISSED_CALLS`]. Default 0.5.
    pub missed_call: f64,
    /// Per broken promise (an update we promised and did not give in time), at most
    /// [`MAX_COUNTED_BROKEN_PROMISES`]. Default 2.
    pub broken_promise: f64,
    /// When the customer's latest payment attempt failed. Default 3.
    pub failed_payment: f64,
    /// An unanswered contact-us lead. Default 4 (with the level floor `high`).
    pub lead: f64,
    /// The customer moved to a more immediate channel while waiting. Default 1.
    pub channel_escalation: f64,
    /// Per level the host set above `normal` (`high` 1×, `urgent` 2×). Default 1.5.
    pub set_priority: f64,
    /// Once the next SLA deadline has passed. Default 2.
    pub sla_breached: f64,
    /// Per hour of counted waiting (see [`Policy::off_hours_wait`]). Default 0.25.
    pub waiting_per_hour: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            text_urgency: 4.0,
            complaint: 1.5,
            negative_sentiment: 1.0,
            repeat_contact: 3.0,
            missed_call: 0.5,
            broken_promise: 2.0,
            failed_payment: 3.0,
            lead: 4.0,
            channel_escalation: 1.0,
            set_priority: 1.5,
            sla_breached: 2.0,
            waiting_per_hour: 0.25,
        }
    }
}

impl Weights {
    fn named(&self) -> [(&'static str, f64); 12] {
        [
            ("text_urgency", self.text_urgency),
            ("complaint", self.complaint),
            ("negative_sentiment", self.negative_sentiment),
            ("repeat_contact", self.repeat_contact),
            ("missed_call", self.missed_call),
            ("broken_promise", self.broken_promise),
            ("failed_payment", self.failed_payment),
            ("lead", self.lead),
            ("channel_escalation", self.channel_escalation),
            ("set_priority", self.set_priority),
            ("sla_breached", self.sla_breached),
            ("waiting_per_hour", self.waiting_per_hour),
        ]
    }

    /// The most points the static signals (all but waiting and the SLA) can add together.
    pub(crate) fn static_bound(&self, customer: &CustomerValue) -> f64 {
        self.text_urgency
            + self.complaint
            + self.negative_sentiment
            + self.repeat_contact * MAX_COUNTED_REPEATS as f64
            + self.missed_call * MAX_COUNTED_MISSED_CALLS as f64
            + self.broken_promise * MAX_COUNTED_BROKEN_PROMISES as f64
            + self.failed_payment
            + self.lead
            + self.channel_escalation
            + self.set_priority * 2.0
            + customer.max_points()
    }
}

/// Repeat contacts counted at most: after three chases the customer's point is made.
pub const MAX_COUNTED_REPEATS: usize = 3;
/// Missed calls counted at most.
pub const MAX_COUNTED_MISSED_CALLS: usize = 3;
/// Broken promises counted at most.
pub const MAX_COUNTED_BROKEN_PROMISES: usize = 3;

/// What a customer's value adds: a bounded curve, so that a large account never drowns a small
/// customer in real distress.
///
/// Points = `tier points` + `lifetime_value` × `ltv / (ltv + lifetime_value_half)`. The second
/// part rises quickly for small accounts, reaches half at `lifetime_value_half` and never
/// exceeds `lifetime_value`; with the defaults the whole is at most 1.2 points, less than a
/// third of one clear distress message (`text_urgency` 4). Amounts are compared as numbers in
/// the customer's own currency: realboss converts no currencies (a host with mixed currencies
/// sets `lifetime_value_half` for its main one, or converts before ranking).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CustomerValue {
    /// Points for the `standard` tier. Default 0.
    pub standard: f64,
    /// Points for `silver`. Default 0.2.
    pub silver: f64,
    /// Points for `gold`. Default 0.4.
    pub gold: f64,
    /// Points for `platinum`. Default 0.6.
    pub platinum: f64,
    /// The most points lifetime value can add. Default 0.6.
    pub lifetime_value: f64,
    /// The lifetime value (amount, any currency) that earns half of `lifetime_value`; finite and
    /// greater than 0. Default 5000.
    pub lifetime_value_half: f64,
}

impl Default for CustomerValue {
    fn default() -> Self {
        CustomerValue {
            standard: 0.0,
            silver: 0.2,
            gold: 0.4,
            platinum: 0.6,
            lifetime_value: 0.6,
            lifetime_value_half: 5000.0,
        }
    }
}

impl CustomerValue {
    /// Points for a tier.
    pub fn tier_points(&self, tier: Tier) -> f64 {
        match tier {
            Tier::Standard => self.standard,
            Tier::Silver => self.silver,
            Tier::Gold => self.gold,
            Tier::Platinum => self.platinum,
        }
    }

    /// Points for a lifetime value amount (negative or NaN amounts count as 0; `Money` never
    /// holds them).
    pub fn lifetime_value_points(&self, amount: f64) -> f64 {
        if amount.is_nan() || amount <= 0.0 {
            return 0.0;
        }
        if amount.is_infinite() {
            return self.lifetime_value;
        }
        self.lifetime_value * amount / (amount + self.lifetime_value_half)
    }

    fn max_points(&self) -> f64 {
        self.standard
            .max(self.silver)
            .max(self.gold)
            .max(self.platinum)
            + self.lifetime_value
    }
}

/// The discount for a customer who marks everything urgent.
///
/// A customer counts as marking everything urgent when at least `min_requests` of their
/// requests are ranked together (one batch, or one queue) and at least `share` of them use an
/// explicit urgency word (`urgent`, `asap`, `emergency`, …; see
/// [`CueKind::UrgentWord`](crate::signals::CueKind::UrgentWord)). The urgency those words add
/// is then multiplied by `factor`; what the customer describes (stranded, locked out, charged
/// twice) keeps its full weight, so real distress still shows.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SelfUrgent {
    /// Requests needed before the habit is judged; at least 2. Default 3.
    pub min_requests: usize,
    /// Share of those requests with an urgency word; above 0, at most 1. Default 0.75.
    pub share: f64,
    /// What the urgency words keep, 0..=1 (1 = no discount). Default 0.5.
    pub factor: f64,
}

impl Default for SelfUrgent {
    fn default() -> Self {
        SelfUrgent {
            min_requests: 3,
            share: 0.75,
            factor: 0.5,
        }
    }
}

impl SelfUrgent {
    /// Whether a customer with `marked` of `requests` requests marked urgent gets the discount.
    pub fn applies(&self, marked: usize, requests: usize) -> bool {
        requests >= self.min_requests && marked as f64 >= self.share * requests as f64
    }
}

/// How realboss decides who comes first: weights, SLA targets, business hours, the longest
/// wait, and how history is read. Built once (the only step that can fail), then shared.
///
/// # JSON form
///
/// Every field is optional and takes its default; unknown fields are rejected.
///
/// ```json
/// {
///   "weights": {"text_urgency": 4, "repeat_contact": 3, "waiting_per_hour": 0.25},
///   "customer_value": {"platinum": 0.6, "lifetime_value": 0.6, "lifetime_value_half": 5000},
///   "self_urgent": {"min_requests": 3, "share": 0.75, "factor": 0.5},
///   "internal_factor": 0.5,
///   "sla": {"urgent": {"first_reply": "15m", "next_reply": "2h"}},
///   "business_hours": {"utc_offset": "+01:00", "weekly": {"mon": ["09:00-17:00"]}},
///   "off_hours_wait": 0.5,
///   "max_wait": "2d",
///   "history": {"burst_window": "2m"}
/// }
/// ```
///
/// Durations use the human form of [`HumanDuration`] (`"15m"`, `"2h"`, `"1d 4h"`).
///
/// ```
/// use realboss::priority::Policy;
///
/// let policy = Policy::from_json(r#"{"max_wait": "1d", "weights": {"lead": 6}}"#)?;
/// assert_eq!(policy.max_wait().as_secs(), 86_400);
/// assert_eq!(policy.weights().lead, 6.0);
///
/// let err = Policy::from_json(r#"{"weights": {"lead": -1}}"#).unwrap_err();
/// assert!(matches!(err.kind(), realboss::ErrorKind::InvalidPolicy { field, .. } if field == "weights.lead"));
/// # Ok::<(), realboss::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "PolicySpec", into = "PolicySpec")]
pub struct Policy {
    weights: Weights,
    customer_value: CustomerValue,
    self_urgent: SelfUrgent,
    internal_factor: f64,
    sla: SlaTargets,
    business_hours: BusinessHours,
    off_hours_wait: f64,
    max_wait: HumanDuration,
    history: HistoryConfig,
}

impl Default for Policy {
    /// The documented defaults: [`Weights::default`], [`CustomerValue::default`],
    /// [`SelfUrgent::default`], [`DEFAULT_INTERNAL_FACTOR`], [`SlaTargets::default`], always
    /// open, [`DEFAULT_OFF_HOURS_WAIT`], [`DEFAULT_MAX_WAIT`], [`HistoryConfig::default`].
    fn default() -> Self {
        Policy {
            weights: Weights::default(),
            customer_value: CustomerValue::default(),
            self_urgent: SelfUrgent::default(),
            internal_factor: DEFAULT_INTERNAL_FACTOR,
            sla: SlaTargets::default(),
            business_hours: BusinessHours::always(),
            off_hours_wait: DEFAULT_OFF_HOURS_WAIT,
            max_wait: DEFAULT_MAX_WAIT,
            history: HistoryConfig::default(),
        }
    }
}

impl Policy {
    /// Reads a policy from JSON (the form above).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidPolicy`](crate::ErrorKind::InvalidPolicy) naming the field (e.g. `weights.lead`, `max_wait`,
    /// `sla.high.first_reply`, `weekly.tue`) for a bad value: a negative, NaN or too large
    /// weight, a zero SLA target, overlapping business hours, an unparsable duration;
    /// [`ErrorKind::Json`](crate::ErrorKind::Json) for malformed JSON, a wrong type or an unknown field.
    pub fn from_json(json: &str) -> Result<Policy, Error> {
        forget_policy_error();
        match serde_json::from_str::<Policy>(json) {
            Ok(policy) => Ok(policy),
            Err(err) => {
                let typed = take_policy_error().filter(|typed| {
                    err.is_data() && err.to_string().starts_with(&typed.to_string())
                });
                Err(typed.unwrap_or_else(|| Error::json(&err)))
            }
        }
    }

    /// Replaces the weights.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidPolicy`](crate::ErrorKind::InvalidPolicy) (`weights.<name>`) for a weight that is NaN, negative or
    /// above [`MAX_WEIGHT`].
    pub fn with_weights(mut self, weights: Weights) -> Result<Policy, Error> {
        self.weights = weights;
        self.validate()?;
        Ok(self)
    }

    /// Replaces the customer-value curve.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidPolicy`](crate::ErrorKind::InvalidPolicy) (`customer_value.<name>`) for points that are NaN, negative
    /// or above [`MAX_WEIGHT`], or a `lifetime_value_half` that is not finite and positive.
    pub fn with_customer_value(mut self, value: CustomerValue) -> Result<Policy, Error> {
        self.customer_value = value;
        self.validate()?;
        Ok(self)
    }

    /// Replaces the self-urgent discount.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidPolicy`](crate::ErrorKind::InvalidPolicy) (`self_urgent.<name>`) for `min_requests` below 2, `share`
    /// outside (0, 1] or `factor` outside [0, 1].
    pub fn with_self_urgent(mut self, self_urgent: SelfUrgent) -> Result<Policy, Error> {
        self.self_urgent = self_urgent;
        self.validate()?;
        Ok(self)
    }

    /// Sets what share of its points an internal request keeps.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidPolicy`](crate::ErrorKind::InvalidPolicy) (`internal_factor`) outside [0, 1).
    pub fn with_internal_factor(mut self, factor: f64) -> Result<Policy, Error> {
        self.internal_factor = factor;
        self.validate()?;
        Ok(self)
    }

    /// Replaces the SLA targets (already validated by their own type).
    pub fn with_sla(mut self, sla: SlaTargets) -> Policy {
        self.sla = sla;
        self
    }

    /// Replaces the business hours (already validated by their own type).
    pub fn with_business_hours(mut self, hours: BusinessHours) -> Policy {
        self.business_hours = hours;
        self
    }

    /// Sets how much an hour waited outside business hours counts.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidPolicy`](crate::ErrorKind::InvalidPolicy) (`off_hours_wait`) outside [0, 1].
    pub fn with_off_hours_wait(mut self, share: f64) -> Result<Policy, Error> {
        self.off_hours_wait = share;
        self.validate()?;
        Ok(self)
    }

    /// Sets the longest wait before a request reaches the top band.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidPolicy`](crate::ErrorKind::InvalidPolicy) (`max_wait`) when zero or above [`MAX_MAX_WAIT`].
    pub fn with_max_wait(mut self, max_wait: HumanDuration) -> Result<Policy, Error> {
        self.max_wait = max_wait;
        self.validate()?;
        Ok(self)
    }

    /// Replaces how history is read (already validated by its own type).
    pub fn with_history(mut self, history: HistoryConfig) -> Policy {
        self.history = history;
        self
    }

    /// The weights.
    pub fn weights(&self) -> &Weights {
        &self.weights
    }

    /// The customer-value curve.
    pub fn customer_value(&self) -> &CustomerValue {
        &self.customer_value
    }

    /// The discount for customers who mark everything urgent.
    pub fn self_urgent(&self) -> &SelfUrgent {
        &self.self_urgent
    }

    /// Share of its points an internal request keeps, 0..1 (default
    /// [`DEFAULT_INTERNAL_FACTOR`]). Internal requests also get no customer-value points.
    pub fn internal_factor(&self) -> f64 {
        self.internal_factor
    }

    /// First-reply and next-reply targets per level. They count business hours only.
    pub fn sla(&self) -> &SlaTargets {
        &self.sla
    }

    /// When the team is at work (default: always).
    pub fn business_hours(&self) -> &BusinessHours {
        &self.business_hours
    }

    /// How much a second waited outside business hours counts toward aging and
    /// [`max_wait`](Self::max_wait), 0..=1 (default [`DEFAULT_OFF_HOURS_WAIT`]). SLA deadlines
    /// count business hours only, as helpdesks do.
    pub fn off_hours_wait(&self) -> f64 {
        self.off_hours_wait
    }

    /// After this much counted waiting a request reaches the top band, above every request that
    /// has waited less (no request starves). Default [`DEFAULT_MAX_WAIT`].
    pub fn max_wait(&self) -> HumanDuration {
        self.max_wait
    }

    /// How contact history is read (burst window).
    pub fn history(&self) -> &HistoryConfig {
        &self.history
    }

    /// Checks every value (always `Ok` for a policy built through this type's constructors).
    ///
    /// # Errors
    ///
    /// As the `with_*` methods.
    pub fn validate(&self) -> Result<(), Error> {
        for (name, value) in self.weights.named() {
            check_points(&format!("weights.{name}"), value)?;
        }
        let c = &self.customer_value;
        for (name, value) in [
            ("standard", c.standard),
            ("silver", c.silver),
            ("gold", c.gold),
            ("platinum", c.platinum),
            ("lifetime_value", c.lifetime_value),
        ] {
            check_points(&format!("customer_value.{name}"), value)?;
        }
        if !(c.lifetime_value_half.is_finite() && c.lifetime_value_half > 0.0) {
            return Err(invalid(
                "customer_value.lifetime_value_half",
                c.lifetime_value_half,
                "a finite amount greater than 0",
            ));
        }
        let s = &self.self_urgent;
        if s.min_requests < 2 {
            return Err(invalid(
                "self_urgent.min_requests",
                s.min_requests,
                "a whole number of at least 2",
            ));
        }
        if !(s.share > 0.0 && s.share <= 1.0) {
            return Err(invalid(
                "self_urgent.share",
                s.share,
                "a share above 0 and at most 1",
            ));
        }
        check_share("self_urgent.factor", s.factor)?;
        if !(0.0..1.0).contains(&self.internal_factor) {
            return Err(invalid(
                "internal_factor",
                self.internal_factor,
                "a share from 0 up to (not including) 1, so that an internal request ranks below a customer's",
            ));
        }
        check_share("off_hours_wait", self.off_hours_wait)?;
        if self.max_wait.is_zero() || self.max_wait > MAX_MAX_WAIT {
            return Err(invalid(
                "max_wait",
                self.max_wait,
                format!("a duration greater than 0s and at most {MAX_MAX_WAIT}"),
            ));
        }
        Ok(())
    }
}

/// [`crate::policy`]'s policy error, for a value shown with `Display`.
fn invalid(field: &str, value: impl std::fmt::Display, expected: impl Into<String>) -> Error {
    crate::policy::invalid(field, value.to_string(), expected)
}

fn check_points(field: &str, value: f64) -> Result<(), Error> {
    if (0.0..=MAX_WEIGHT).contains(&value) {
        Ok(())
    } else {
        Err(invalid(
            field,
            value,
            format!("a number of points from 0 to {MAX_WEIGHT}"),
        ))
    }
}

fn check_share(field: &str, value: f64) -> Result<(), Error> {
    if (0.0..=1.0).contains(&value) {
        Ok(())
    } else {
        Err(invalid(field, value, "a share from 0 to 1"))
    }
}

/// The JSON form of [`Policy`], before validation.
#[derive(Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct PolicySpec {
    weights: Weights,
    customer_value: CustomerValue,
    self_urgent: SelfUrgent,
    internal_factor: f64,
    sla: SlaTargets,
    business_hours: BusinessHours,
    off_hours_wait: f64,
    max_wait: HumanDuration,
    history: HistoryConfig,
}

impl Default for PolicySpec {
    fn default() -> Self {
        Policy::default().into()
    }
}

impl From<Policy> for PolicySpec {
    fn from(p: Policy) -> Self {
        PolicySpec {
            weights: p.weights,
            customer_value: p.customer_value,
            self_urgent: p.self_urgent,
            internal_factor: p.internal_factor,
            sla: p.sla,
            business_hours: p.business_hours,
            off_hours_wait: p.off_hours_wait,
            max_wait: p.max_wait,
            history: p.history,
        }
    }
}

impl TryFrom<PolicySpec> for Policy {
    type Error = Error;

    fn try_from(s: PolicySpec) -> Result<Self, Error> {
        let policy = Policy {
            weights: s.weights,
            customer_value: s.customer_value,
            self_urgent: s.self_urgent,
            internal_factor: s.internal_factor,
            sla: s.sla,
            business_hours: s.business_hours,
            off_hours_wait: s.off_hours_wait,
            max_wait: s.max_wait,
            history: s.history,
        };
        policy.validate()?;
        Ok(policy)
    }
}
