//! [`Policy`]: every number that decides a request's priority, built and validated once by
//! [`Policy::builder`] or [`Policy::from_json`].

use serde::{Deserialize, Deserializer, Serialize};

use super::duration::DurationText;
use super::history::HistoryConfigSpec;
use super::hours::BusinessHoursSpec;
use super::sla::SlaTargetsSpec;
use super::weights::check_share;
use super::{
    BusinessHours, CustomerValue, HistoryConfig, HumanDuration, SelfUrgent, SlaTargets, Weights,
};
use crate::Error;

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

/// How realboss decides who comes first: weights, SLA targets, business hours, the longest
/// wait, and how history is read. Built and validated once (the only step that can fail), by
/// [`Policy::builder`] … [`build`](PolicyBuilder::build) or [`Policy::from_json`], which run
/// the same checks; then shared (`&self` only).
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
/// use realboss::policy::{HumanDuration, Weights};
/// use realboss::{ErrorKind, Policy};
///
/// let policy = Policy::from_json(r#"{"max_wait": "1d", "weights": {"lead": 6}}"#)?;
/// assert_eq!(policy.max_wait().as_secs(), 86_400);
/// assert_eq!(policy.weights().lead, 6.0);
///
/// let err = Policy::from_json(r#"{"weights": {"lead": -1}}"#).unwrap_err();
/// assert!(matches!(err.kind(), ErrorKind::InvalidValue { field, .. } if field == "weights.lead"));
///
/// // The same policy built in code, checked by the same rules.
/// let weights = Weights { lead: 6.0, ..Weights::default() };
/// let built = Policy::builder().weights(weights).max_wait(HumanDuration::from_days(1)).build()?;
/// assert_eq!(built, policy);
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
    /// A builder starting from the defaults ([`Policy::default`]); its
    /// [`build`](PolicyBuilder::build) checks every value once.
    pub fn builder() -> PolicyBuilder {
        PolicyBuilder {
            policy: Policy::default(),
        }
    }

    /// A builder starting from this policy, to change some of its values.
    pub fn to_builder(&self) -> PolicyBuilder {
        PolicyBuilder {
            policy: self.clone(),
        }
    }

    /// Reads a policy from JSON (the form above): the JSON is read into its plain form, then
    /// checked once by the same code as [`PolicyBuilder::build`].
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) naming the field (e.g.
    /// `weights.lead`, `max_wait`, `sla.high.first_reply`, `weekly.tue`) for a bad value: a
    /// negative, NaN or too large weight, a zero SLA target, overlapping business hours, an
    /// unparsable duration; [`ErrorKind::Json`](crate::ErrorKind::Json) for malformed JSON, a
    /// wrong type or an unknown field.
    pub fn from_json(json: &str) -> Result<Policy, Error> {
        let spec: PolicySpec = serde_json::from_str(json).map_err(|err| Error::json(&err))?;
        Policy::try_from(spec)
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

    /// The one check of a policy's values, run by [`PolicyBuilder::build`] and
    /// [`Policy::from_json`] (SLA targets and business hours are checked by their own types
    /// when they are built).
    fn validate(&self) -> Result<(), Error> {
        self.weights.validate()?;
        self.customer_value.validate()?;
        self.self_urgent.validate()?;
        if !(0.0..1.0).contains(&self.internal_factor) {
            return Err(Error::invalid_number(
                "internal_factor",
                self.internal_factor,
                "a share from 0 up to (not including) 1, so that an internal request ranks below a customer's",
            ));
        }
        check_share("off_hours_wait", self.off_hours_wait)?;
        if self.max_wait.is_zero() || self.max_wait > MAX_MAX_WAIT {
            return Err(Error::invalid_shown(
                "max_wait",
                self.max_wait.to_string(),
                format!("a duration greater than 0s and at most {MAX_MAX_WAIT}"),
            ));
        }
        self.history.validate()
    }
}

/// Builds a [`Policy`]: each setter replaces one part, [`build`](Self::build) checks them all
/// once. Start with [`Policy::builder`] (the defaults) or [`Policy::to_builder`].
///
/// ```
/// use realboss::Policy;
/// use realboss::policy::HumanDuration;
///
/// let policy = Policy::builder()
///     .internal_factor(0.25)
///     .max_wait(HumanDuration::from_days(1))
///     .build()?;
/// assert_eq!(policy.internal_factor(), 0.25);
/// assert!(Policy::builder().off_hours_wait(1.5).build().is_err());
/// # Ok::<(), realboss::Error>(())
/// ```
#[derive(Debug, Clone)]
#[must_use = "a builder does nothing until `build` is called"]
pub struct PolicyBuilder {
    /// The policy being built, not yet checked.
    policy: Policy,
}

impl PolicyBuilder {
    /// Sets the weights: each finite, from 0 to [`MAX_WEIGHT`](super::MAX_WEIGHT)
    /// (`weights.<name>`).
    pub fn weights(mut self, weights: Weights) -> Self {
        self.policy.weights = weights;
        self
    }

    /// Sets the customer-value curve: points as weights (`customer_value.<name>`), a
    /// `lifetime_value_half` finite and greater than 0.
    pub fn customer_value(mut self, value: CustomerValue) -> Self {
        self.policy.customer_value = value;
        self
    }

    /// Sets the self-urgent discount: `min_requests` at least
    /// [`MIN_SELF_URGENT_REQUESTS`](super::MIN_SELF_URGENT_REQUESTS), `share` in (0, 1],
    /// `factor` in [0, 1] (`self_urgent.<name>`).
    pub fn self_urgent(mut self, self_urgent: SelfUrgent) -> Self {
        self.policy.self_urgent = self_urgent;
        self
    }

    /// Sets what share of its points an internal request keeps, in [0, 1)
    /// (`internal_factor`); default [`DEFAULT_INTERNAL_FACTOR`].
    pub fn internal_factor(mut self, factor: f64) -> Self {
        self.policy.internal_factor = factor;
        self
    }

    /// Sets the SLA targets (already validated by their own type).
    pub fn sla(mut self, sla: SlaTargets) -> Self {
        self.policy.sla = sla;
        self
    }

    /// Sets the business hours (already validated by their own type).
    pub fn business_hours(mut self, hours: BusinessHours) -> Self {
        self.policy.business_hours = hours;
        self
    }

    /// Sets how much an hour waited outside business hours counts, in [0, 1]
    /// (`off_hours_wait`); default [`DEFAULT_OFF_HOURS_WAIT`].
    pub fn off_hours_wait(mut self, share: f64) -> Self {
        self.policy.off_hours_wait = share;
        self
    }

    /// Sets the longest wait before a request reaches the top band: greater than zero, at most
    /// [`MAX_MAX_WAIT`] (`max_wait`); default [`DEFAULT_MAX_WAIT`].
    pub fn max_wait(mut self, max_wait: HumanDuration) -> Self {
        self.policy.max_wait = max_wait;
        self
    }

    /// Sets how history is read (checked by [`HistoryConfig::validate`], `burst_window`).
    pub fn history(mut self, history: HistoryConfig) -> Self {
        self.policy.history = history;
        self
    }

    /// Checks every value once and returns the policy.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) naming the first bad field
    /// (as listed on each setter), its value and what is accepted.
    pub fn build(self) -> Result<Policy, Error> {
        self.policy.validate()?;
        Ok(self.policy)
    }
}

/// The JSON form of [`Policy`], before validation: durations and business hours as written.
#[derive(Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct PolicySpec {
    weights: Weights,
    customer_value: CustomerValue,
    self_urgent: SelfUrgent,
    internal_factor: f64,
    sla: SlaTargetsSpec,
    /// `None` (left out): always open.
    #[serde(deserialize_with = "some_hours")]
    business_hours: Option<BusinessHoursSpec>,
    off_hours_wait: f64,
    max_wait: DurationText,
    history: HistoryConfigSpec,
}

/// Reads a present `business_hours` (`null` is refused, as before: it is not a schedule).
fn some_hours<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<BusinessHoursSpec>, D::Error> {
    BusinessHoursSpec::deserialize(deserializer).map(Some)
}

impl Default for PolicySpec {
    fn default() -> Self {
        let defaults = Policy::default();
        PolicySpec {
            weights: defaults.weights,
            customer_value: defaults.customer_value,
            self_urgent: defaults.self_urgent,
            internal_factor: defaults.internal_factor,
            sla: defaults.sla.into(),
            business_hours: None,
            off_hours_wait: defaults.off_hours_wait,
            max_wait: defaults.max_wait.into(),
            history: defaults.history.into(),
        }
    }
}

impl From<Policy> for PolicySpec {
    fn from(p: Policy) -> Self {
        PolicySpec {
            weights: p.weights,
            customer_value: p.customer_value,
            self_urgent: p.self_urgent,
            internal_factor: p.internal_factor,
            sla: p.sla.into(),
            business_hours: Some(p.business_hours.into()),
            off_hours_wait: p.off_hours_wait,
            max_wait: p.max_wait.into(),
            history: p.history.into(),
        }
    }
}

impl TryFrom<PolicySpec> for Policy {
    type Error = Error;

    fn try_from(s: PolicySpec) -> Result<Self, Error> {
        let business_hours = match s.business_hours {
            Some(spec) => BusinessHours::try_from(spec)?,
            None => BusinessHours::always(),
        };
        PolicyBuilder {
            policy: Policy {
                weights: s.weights,
                customer_value: s.customer_value,
                self_urgent: s.self_urgent,
                internal_factor: s.internal_factor,
                sla: SlaTargets::try_from(s.sla)?,
                business_hours,
                off_hours_wait: s.off_hours_wait,
                max_wait: s.max_wait.parse("max_wait")?,
                history: s.history.parse()?,
            },
        }
        .build()
    }
}
