//! [`Weights`], [`CustomerValue`] and [`SelfUrgent`]: the points a [`Policy`](crate::Policy) gives each
//! signal, plain structs with public fields and documented defaults, checked when the policy is
//! built ([`Policy::builder`](crate::Policy::builder), [`Policy::from_json`](crate::Policy::from_json)).

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::error::short_number;
use crate::model::Tier;

/// Largest accepted weight, in points. Far above any sensible setting; it keeps every sum of
/// weights (and so every priority) finite.
pub const MAX_WEIGHT: f64 = 1000.0;

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
    /// `MAX_COUNTED_REPEATS` (3) counted. Default 3.
    pub repeat_contact: f64,
    /// Per missed inbound call while waiting, at most `MAX_COUNTED_MISSED_CALLS` (3). Default 0.5.
    pub missed_call: f64,
    /// Per broken promise (an update we promised and did not give in time), at most
    /// `MAX_COUNTED_BROKEN_PROMISES` (3). Default 2.
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
    /// Per hour of counted waiting (see [`Policy::off_hours_wait`](crate::Policy::off_hours_wait)). Default 0.25.
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
}

/// Repeat contacts counted at most: after three chases the customer's point is made.
pub(crate) const MAX_COUNTED_REPEATS: usize = 3;
/// Missed calls counted at most.
pub(crate) const MAX_COUNTED_MISSED_CALLS: usize = 3;
/// Broken promises counted at most.
pub(crate) const MAX_COUNTED_BROKEN_PROMISES: usize = 3;

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
}

/// How urgent a self-urgent customer's message must read without its urgency words (its
/// [`Urgency::unmarked_score`](crate::signals::Urgency::unmarked_score), 0..1) for those words
/// to keep the full [`SelfUrgent::factor`]; below it they keep proportionally less, nothing
/// for a message that describes no urgent situation. 0.5 is where one message's urgency
/// reads `high`: one strong situation cue ("locked out", "is down", "charged twice"). Ours.
pub(crate) const SELF_URGENT_CORROBORATED_FROM: f64 = 0.5;

/// Fewest requests [`SelfUrgent::min_requests`] accepts: one request is no habit.
pub const MIN_SELF_URGENT_REQUESTS: usize = 2;

/// The discount for a customer who marks everything urgent.
///
/// A customer counts as marking everything urgent when at least `min_requests` of their
/// requests are ranked together (one batch, or one queue) and at least `share` of them use an
/// explicit urgency word (`urgent`, `asap`, `emergency`, …; see
/// [`CueKind::UrgentWord`](crate::signals::CueKind::UrgentWord)). The urgency those words add
/// is then multiplied by `factor` times how urgent the rest of the message reads: in full
/// when the message without its urgency words reads `high` (0.5, one strong situation cue),
/// proportionally less below, nothing when it describes nothing urgent. So four "URGENT!!!
/// ASAP" requests about a newsletter font keep no urgency from those words and cannot outrank
/// another customer's outage, while what the customer describes (stranded, locked out,
/// charged twice) keeps its full weight, so real distress still shows.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SelfUrgent {
    /// Requests needed before the habit is judged; at least [`MIN_SELF_URGENT_REQUESTS`].
    /// Default 3.
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

impl Weights {
    /// Checks every weight (`weights.<name>`): finite, from 0 to [`MAX_WEIGHT`].
    pub(crate) fn validate(&self) -> Result<(), Error> {
        for (name, value) in self.named() {
            check_points(&format!("weights.{name}"), value)?;
        }
        Ok(())
    }
}

impl CustomerValue {
    /// Checks the points (`customer_value.<name>`, as weights) and `lifetime_value_half`.
    pub(crate) fn validate(&self) -> Result<(), Error> {
        for (name, value) in [
            ("standard", self.standard),
            ("silver", self.silver),
            ("gold", self.gold),
            ("platinum", self.platinum),
            ("lifetime_value", self.lifetime_value),
        ] {
            check_points(&format!("customer_value.{name}"), value)?;
        }
        if !(self.lifetime_value_half.is_finite() && self.lifetime_value_half > 0.0) {
            return Err(Error::invalid_number(
                "customer_value.lifetime_value_half",
                self.lifetime_value_half,
                "a finite amount greater than 0",
            ));
        }
        Ok(())
    }
}

impl SelfUrgent {
    /// Checks `self_urgent.<name>`: enough requests, a share in (0, 1], a factor in [0, 1].
    pub(crate) fn validate(&self) -> Result<(), Error> {
        if self.min_requests < MIN_SELF_URGENT_REQUESTS {
            return Err(Error::invalid_shown(
                "self_urgent.min_requests",
                self.min_requests.to_string(),
                format!("a whole number of at least {MIN_SELF_URGENT_REQUESTS}"),
            ));
        }
        if !(self.share > 0.0 && self.share <= 1.0) {
            return Err(Error::invalid_number(
                "self_urgent.share",
                self.share,
                "a share above 0 and at most 1",
            ));
        }
        check_share("self_urgent.factor", self.factor)
    }
}

/// Checks a number of points: finite, from 0 to [`MAX_WEIGHT`].
fn check_points(field: &str, value: f64) -> Result<(), Error> {
    if (0.0..=MAX_WEIGHT).contains(&value) {
        Ok(())
    } else {
        Err(Error::invalid_number(
            field,
            value,
            format!("a number of points from 0 to {}", short_number(MAX_WEIGHT)),
        ))
    }
}

/// Checks a share: from 0 to 1.
pub(crate) fn check_share(field: &str, value: f64) -> Result<(), Error> {
    if (0.0..=1.0).contains(&value) {
        Ok(())
    } else {
        Err(Error::invalid_number(field, value, "a share from 0 to 1"))
    }
}
