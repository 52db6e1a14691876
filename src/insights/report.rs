//! What [`Insights::report`](super::Insights::report) returns: small typed figures.

use serde::{Serialize, Serializer};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::model::AgentId;
pub use crate::text::keywords::Topic;

/// A share of a whole: how many of `count` items had the property.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Share {
    /// Items with the property (satisfied ratings, chased requests, …).
    pub hits: u64,
    /// Items counted.
    pub count: u64,
    /// `hits / count` in 0.0..=1.0; `None` when `count` is 0 (no data, not 0 %).
    pub share: Option<f64>,
}

impl Share {
    pub(crate) fn new(hits: u64, count: u64) -> Self {
        Share {
            hits,
            count,
            share: (count > 0).then(|| hits as f64 / count as f64),
        }
    }
}

/// Net Promoter Score over the NPS ratings seen.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Nps {
    /// Answers 9 or 10.
    pub promoters: u64,
    /// Answers 7 or 8.
    pub passives: u64,
    /// Answers 0 to 6.
    pub detractors: u64,
    /// All NPS answers.
    pub count: u64,
    /// `100 × (promoters − detractors) / count`, in −100.0..=100.0; `None` without answers.
    pub score: Option<f64>,
}

/// The customers' mean sentiment in one time window.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[non_exhaustive]
pub struct TrendWindow {
    /// First instant of the window (UTC). Windows are aligned to Monday 1970-01-05 00:00 UTC,
    /// so a 7-day window starts on a Monday and a window dividing a day starts at midnight.
    #[serde(serialize_with = "rfc3339")]
    pub start: OffsetDateTime,
    /// Scored customer messages and feedback texts in the window.
    pub messages: u64,
    /// Their mean compound score, −1.0..=1.0 (summed in millionths, so exact to 1e-6 and
    /// independent of feeding order).
    pub mean_compound: f64,
}

/// Median and 90th percentile of a duration, in whole seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct DurationFigures {
    /// Durations measured.
    pub count: u64,
    /// Median in seconds (nearest rank); `None` without data. Approximate: within
    /// [`MAX_RELATIVE_ERROR`](super::MAX_RELATIVE_ERROR) of the true value, exact under 64 s.
    pub median_secs: Option<u64>,
    /// 90th percentile in seconds (nearest rank), same precision as the median.
    pub p90_secs: Option<u64>,
}

/// A mean over some count, `None` when the count is 0.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Mean {
    /// Values averaged.
    pub count: u64,
    /// Their mean; `None` without values.
    pub mean: Option<f64>,
}

/// The figures a team lead uses to recognize one agent.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct AgentInsights {
    /// The agent.
    pub agent: AgentId,
    /// Requests this agent resolved.
    pub resolutions: u64,
    /// Of those, requests where the customer contacted us only once (at one instant).
    pub first_contact_resolutions: u64,
    /// Change of the customer's compound score from their first scored message to their last
    /// scored message up to resolution, −2.0..=2.0 per request; counted only on requests with
    /// scored customer messages at two or more instants.
    pub sentiment_change: Mean,
    /// Promises (to update the customer by a time) made by this agent and kept: an update (our
    /// reply, answered call or the resolution) came after the promise and no later than it was
    /// due.
    pub promises_kept: u64,
    /// Promises made by this agent whose due time passed with no update.
    pub promises_broken: u64,
}

/// The most frequent keywords of the customers' negative messages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Topics {
    /// Negative messages (and feedback texts) read.
    pub negative_messages: u64,
    /// Keywords counted in them.
    pub keywords: u64,
    /// How much any count may be low: 0 while fewer than
    /// [`max_topics`](super::InsightsConfig::max_topics) distinct stems were seen, and never more
    /// than `keywords / (max_topics + 1)`.
    pub max_undercount: u64,
    /// The [`top_topics`](super::InsightsConfig::top_topics) most counted stems, most first,
    /// ties by stem. A topic's `count` is its negative messages' words with this stem, a lower
    /// bound, low by at most [`max_undercount`](Topics::max_undercount); its `word` is the one
    /// seen most often among the words cached (the first
    /// [`max_topics`](super::InsightsConfig::max_topics) distinct keywords).
    pub top: Vec<Topic>,
}

/// Counts that say how complete the other figures are: nothing is dropped without a count here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Coverage {
    /// Contact events observed.
    pub events: u64,
    /// Feedback records observed.
    pub feedback: u64,
    /// Requests still open (tracked, not resolved).
    pub open_requests: u64,
    /// Requests resolved.
    pub resolved_requests: u64,
    /// Events of requests not tracked because [`max_open_requests`](super::InsightsConfig::max_open_requests)
    /// requests were already open; they count only in the sentiment trend.
    pub events_of_untracked_requests: u64,
    /// Events without a request id; they count only in the sentiment trend.
    pub events_without_request: u64,
    /// Items whose agent was not tracked because
    /// [`max_agents`](super::InsightsConfig::max_agents) agents already were.
    pub items_of_untracked_agents: u64,
    /// Promises beyond `MAX_PROMISES_PER_REQUEST` (16) open on
    /// one request, not judged kept or broken.
    pub promises_not_tracked: u64,
    /// Compound scores ignored because they were not a finite number in −1.0..=1.0.
    pub invalid_scores: u64,
    /// Items older than the latest one seen before them: still counted, but durations and
    /// promise judgments assume time order, so they may be off for these.
    pub late_items: u64,
    /// Trend windows dropped (oldest first) to keep at most
    /// [`max_trend_windows`](super::InsightsConfig::max_trend_windows).
    pub trend_windows_dropped: u64,
    /// Unresolved requests evicted after [`max_open_age`](super::InsightsConfig::max_open_age);
    /// their first response and repeat contact still count, and their promises past due count
    /// as broken.
    pub stale_requests_evicted: u64,
}

/// Everything [`Insights`](super::Insights) has learned so far.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct InsightsReport {
    /// Share of CSAT and star ratings that are 4 or 5 (thumbs and NPS do not count here).
    pub csat: Share,
    /// Net Promoter Score of the NPS ratings.
    pub nps: Nps,
    /// Mean customer sentiment per window, oldest first.
    pub sentiment_trend: Vec<TrendWindow>,
    /// Time from the customer's first contact on a request to our first answer (a reply, an
    /// answered outbound call or the resolution:
    /// [`ContactEvent::is_answer`](crate::model::ContactEvent::is_answer)); requests we opened
    /// ourselves are not measured.
    pub first_response: DurationFigures,
    /// Time from the customer's first contact on a request to its resolution.
    pub resolution: DurationFigures,
    /// Share of requests (opened by the customer) where the customer contacted us again before
    /// our first answer: they had to chase us. Open requests count with what is known so far.
    pub repeat_contact_rate: Share,
    /// The most frequent keywords of negative customer messages.
    pub topics: Topics,
    /// Per agent, sorted by agent id.
    pub agents: Vec<AgentInsights>,
    /// How complete the figures are.
    pub coverage: Coverage,
}

fn rfc3339<S: Serializer>(at: &OffsetDateTime, s: S) -> Result<S::Ok, S::Error> {
    let text = at.format(&Rfc3339).map_err(serde::ser::Error::custom)?;
    s.serialize_str(&text)
}
