//! Feedback insights: whether we are getting better, and who deserves recognition.
//!
//! Feed [`Insights`] one item at a time, in time order ([`Insights::observe_feedback`],
//! [`Insights::observe_event`]), and ask for an [`InsightsReport`] whenever you like: CSAT,
//! NPS, the customers' sentiment per time window, time to first response and to resolution
//! (median and p90), the repeat-contact rate, and per agent the customers' sentiment change,
//! first-contact resolutions and promises kept or broken.
//!
//! The caller scores each text once (for example with [`Analyzer::sentiment`](crate::Analyzer::sentiment))
//! and passes the compound score, or `None` for no text; insights never score text themselves,
//! so a text scored for triage is not scored again.
//!
//! ```
//! use realboss::insights::{Insights, InsightsConfig};
//! use realboss::model::{AgentId, Channel, ContactEvent, CustomerId, Direction, EventKind,
//!     Feedback, Rating, RequestId};
//! use time::macros::datetime;
//!
//! let mut insights = Insights::new(InsightsConfig::default())?;
//! let (cus, req, ana) = (CustomerId::new("cus-1")?, RequestId::new("req-1")?, AgentId::new("ana")?);
//! let event = |at, direction, kind| {
//!     ContactEvent::new(cus.clone(), at, Channel::Chat, direction, kind).with_request(req.clone())
//! };
//! insights.observe_event(&event(datetime!(2026-11-23 9:00 UTC), Direction::Inbound, EventKind::Inquiry), Some(-0.6));
//! insights.observe_event(&event(datetime!(2026-11-23 9:05 UTC), Direction::Outbound, EventKind::Reply).with_agent(ana.clone()), None);
//! insights.observe_event(&event(datetime!(2026-11-23 9:20 UTC), Direction::Inbound, EventKind::Inquiry), Some(0.5));
//! insights.observe_event(&event(datetime!(2026-11-23 9:30 UTC), Direction::Outbound, EventKind::Resolution).with_agent(ana.clone()), None);
//! insights.observe_feedback(&Feedback::new(cus.clone(), datetime!(2026-11-23 10:00 UTC), Channel::Email, "great")
//!     .with_rating(Rating::csat(5)?), Some(0.6));
//!
//! let report = insights.report();
//! assert_eq!(report.csat.share, Some(1.0));
//! // Durations from 64 s up are read from a histogram: within 1/128 of the true value.
//! let near = |figure: Option<u64>, secs: u64| figure.is_some_and(|f| f.abs_diff(secs) <= secs / 128);
//! assert!(near(report.first_response.median_secs, 300));
//! assert!(near(report.resolution.median_secs, 1_800));
//! assert_eq!(report.repeat_contact_rate.share, Some(0.0));
//! let ana_figures = &report.agents[0];
//! assert_eq!(ana_figures.resolutions, 1);
//! assert!((ana_figures.sentiment_change.mean.unwrap() - 1.1).abs() < 1e-9);
//! # Ok::<(), realboss::Error>(())
//! ```
//!
//! ## Memory
//!
//! Memory does not grow with the number of items, only with the number of things tracked, each
//! capped by the configuration and counted in [`Coverage`] when the cap is hit:
//!
//! - two duration histograms of fixed size (30 KB each, see [`MAX_RELATIVE_ERROR`]);
//! - at most [`InsightsConfig::max_trend_windows`] trend windows (oldest dropped first, counted);
//! - at most [`InsightsConfig::max_agents`] agents (items of further agents counted, not tracked);
//! - at most [`InsightsConfig::max_topics`] distinct topic stems (Misra–Gries summary: when the
//!   table is full, a new stem lowers every count by one; [`Topics::max_undercount`] says by how
//!   much a count may be low), and a cache of at most as many words with their stems;
//! - at most [`InsightsConfig::max_open_requests`] open requests, each a few timestamps, its id,
//!   its resolving agent and at most `MAX_PROMISES_PER_REQUEST` (16) open promises. A request leaves
//!   memory once resolved (as soon as an item later than its resolution arrives), or once it is
//!   older than [`InsightsConfig::max_open_age`] unresolved (90 days by default; counted in
//!   [`Coverage::stale_requests_evicted`]). Events of a new request arriving when the cap is
//!   full are counted as untracked and feed only the trend.
//!
//! Once warm, feeding an item allocates nothing: events and feedback of requests already open
//! and agents already known, and the keywords of negative messages already seen, reuse what is
//! there. A new request, a new agent, a new trend window, a new promise (its agent's id), a
//! change of a request's agent, or a keyword not seen before (or not cached: the word cache holds
//! [`InsightsConfig::max_topics`] words) allocates.
//!
//! An event for a request after it was resolved starts a new episode of that request.
//!
//! ## What is exact, what is approximate
//!
//! Counts, CSAT, NPS and the repeat-contact rate are exact. Topic counts are exact until
//! [`InsightsConfig::max_topics`] distinct stems are seen, then lower bounds (see [`Topics`]). Means of compound scores are summed
//! in millionths (exact to 1e-6, and bit-equal in any order). Medians and p90 of durations come
//! from a log-bucket histogram: exact under 64 seconds, otherwise within [`MAX_RELATIVE_ERROR`]
//! (1/128, under 0.8 %) of the true nearest-rank value.
//!
//! ## Order
//!
//! Items must come in time order; items at the same instant may come in any order and give the
//! same report. A late item is still counted (see [`Coverage::late_items`]). One exception:
//! when a cap is full, which of several new requests or agents at the same instant gets the
//! last place, and topic counts past the topic cap, depend on the order items come in.
//!
//! ## Complaint topics
//!
//! The keywords of the customers' negative messages (compound at most `NEGATIVE_COMPOUND` (-0.05)) are
//! counted by stem: words of letters only, at least 3 long, that are not names nor on the stop
//! list of function words and words of pure feeling ("terrible" is a feeling, "refund" or
//! "broken" a topic), by the rules of [`text::keywords`](crate::text::keywords). [`Topics`] lists
//! the most frequent stems, each shown as its most frequent word.

mod config;
mod report;
mod sketch;
mod topics;

use std::collections::{BTreeMap, HashMap, VecDeque};

use time::OffsetDateTime;

use crate::Error;
use crate::model::{AgentId, ContactEvent, Direction, EventKind, Feedback, Rating, RequestId};
use crate::policy::HumanDuration;

pub use config::InsightsConfig;
pub use report::{
    AgentInsights, Coverage, DurationFigures, InsightsReport, Mean, Nps, Share, Topics, TrendWindow,
};
use sketch::DurationSketch;
pub use sketch::MAX_RELATIVE_ERROR;
use topics::TopicCounter;

/// Default [`InsightsConfig::trend_window`]: 7 days, the week a team reviews its figures by.
pub const DEFAULT_TREND_WINDOW: HumanDuration = HumanDuration::from_days(7);

/// Shortest accepted trend window: 1 minute; shorter windows hold too few messages to mean
/// anything.
pub const MIN_TREND_WINDOW: HumanDuration = HumanDuration::from_mins(1);

/// Longest accepted trend window: 366 days.
pub const MAX_TREND_WINDOW: HumanDuration = HumanDuration::from_days(366);

/// Default [`InsightsConfig::max_trend_windows`]: 520 windows, ten years of weeks.
pub const DEFAULT_MAX_TREND_WINDOWS: usize = 520;

/// Default [`InsightsConfig::max_open_requests`]: 100,000 open requests (a few hundred bytes
/// each, so tens of megabytes at most), more than a large helpdesk has open at once.
pub const DEFAULT_MAX_OPEN_REQUESTS: usize = 100_000;

/// Default [`InsightsConfig::max_open_age`]: 90 days, a quarter; a request open that long
/// without a resolution is abandoned in practice (or its resolution was never sent).
pub const DEFAULT_MAX_OPEN_AGE: HumanDuration = HumanDuration::from_days(90);

/// Shortest accepted [`InsightsConfig::max_open_age`]: 1 hour, so that a request is not
/// evicted before anyone could answer it.
pub const MIN_MAX_OPEN_AGE: HumanDuration = HumanDuration::from_hours(1);

/// Longest accepted [`InsightsConfig::max_open_age`]: 3,660 days (about ten years).
pub const MAX_MAX_OPEN_AGE: HumanDuration = HumanDuration::from_days(3_660);

/// Default [`InsightsConfig::max_agents`]: 10,000 agents.
pub const DEFAULT_MAX_AGENTS: usize = 10_000;

/// Default [`InsightsConfig::top_topics`]: the 10 most frequent complaint topics listed in a
/// report, enough for a team's review of what customers complain about.
pub const DEFAULT_REPORT_TOPICS: usize = 10;

/// Default [`InsightsConfig::max_topics`]: 10,000 distinct stems (under a megabyte), far more
/// than the handful of topics that matter, so the top ones are counted exactly in practice.
pub const DEFAULT_MAX_TOPICS: usize = 10_000;

/// A message with a compound score at most this is negative and feeds the complaint topics:
/// −0.05, VADER's customary threshold.
pub(crate) const NEGATIVE_COMPOUND: f64 = -0.05;

/// Largest accepted value of each `max_*` limit: 10,000,000.
pub const MAX_LIMIT: usize = 10_000_000;

/// How often, in item time, open requests are checked for [`InsightsConfig::max_open_age`]:
/// every hour, so a request is evicted at most an hour after it becomes stale.
const SWEEP_INTERVAL: HumanDuration = HumanDuration::from_hours(1);

/// Open promises tracked per request: 16. A request with more open promises at once is
/// unusual; the extra ones are counted in [`Coverage::promises_not_tracked`].
pub(crate) const MAX_PROMISES_PER_REQUEST: usize = 16;

/// Compound scores are summed in units of 1/1,000,000 so that sums do not depend on order.
const MICROS: f64 = 1_000_000.0;

/// Window starts are aligned to this instant: Monday 1970-01-05 00:00 UTC, in Unix seconds.
const WINDOW_ANCHOR_UNIX: i64 = 4 * 86_400;

/// A promise of an update, waiting to be kept or broken.
#[derive(Debug, Clone)]
struct OpenPromise {
    made_at: OffsetDateTime,
    due_at: OffsetDateTime,
    agent: Option<AgentId>,
}

/// A scored customer message: (instant, compound in millionths). Compared as a pair so that
/// two messages at one instant pick the same one in any order.
type Scored = (OffsetDateTime, i64);

/// What one request episode needs for its figures. Only timestamps and minima/maxima, so that
/// items at one instant can come in any order.
#[derive(Debug, Clone)]
struct RequestState {
    /// The request's first item in this episode, for eviction by age.
    opened_at: OffsetDateTime,
    /// Earliest customer contact.
    first_contact: Option<OffsetDateTime>,
    /// Earliest customer contact strictly later than `first_contact`.
    second_contact: Option<OffsetDateTime>,
    /// Earliest answer of ours (reply or answered outbound call).
    first_answer: Option<OffsetDateTime>,
    /// The customer's first and last scored messages.
    first_scored: Option<Scored>,
    last_scored: Option<Scored>,
    resolved_at: Option<OffsetDateTime>,
    /// Agent of the resolution event, else of our latest event (ties: smallest id).
    resolver: Option<AgentId>,
    latest_agent: Option<(OffsetDateTime, AgentId)>,
    promises: Vec<OpenPromise>,
}

impl RequestState {
    fn new(opened_at: OffsetDateTime) -> Self {
        RequestState {
            opened_at,
            first_contact: None,
            second_contact: None,
            first_answer: None,
            first_scored: None,
            last_scored: None,
            resolved_at: None,
            resolver: None,
            latest_agent: None,
            promises: Vec::new(),
        }
    }

    fn add_contact(&mut self, at: OffsetDateTime) {
        match self.first_contact {
            None => self.first_contact = Some(at),
            Some(first) if at < first => {
                self.second_contact = Some(first);
                self.first_contact = Some(at);
            }
            Some(first) if at > first => {
                if self.second_contact.is_none_or(|s| at < s) {
                    self.second_contact = Some(at);
                }
            }
            Some(_) => {}
        }
    }

    /// Whether the customer contacted us again before our first answer.
    fn chased(&self) -> bool {
        match (self.second_contact, self.first_answer) {
            (Some(second), Some(answer)) => second < answer,
            (Some(_), None) => true,
            _ => false,
        }
    }

    fn opened_by_customer(&self) -> bool {
        match (self.first_contact, self.first_answer) {
            (Some(contact), Some(answer)) => contact <= answer,
            (Some(_), None) => true,
            _ => false,
        }
    }
}

/// Per agent running totals.
#[derive(Debug, Clone, Default)]
struct AgentTotals {
    resolutions: u64,
    first_contact_resolutions: u64,
    sentiment_changes: u64,
    sentiment_change_micros: i64,
    promises_kept: u64,
    promises_broken: u64,
}

/// Totals of finished request episodes, and what a report merges open ones into.
#[derive(Debug, Clone)]
struct Totals {
    first_response: DurationSketch,
    resolution: DurationSketch,
    customer_opened: u64,
    chased: u64,
    resolved: u64,
    agents: BTreeMap<AgentId, AgentTotals>,
    items_of_untracked_agents: u64,
}

impl Totals {
    /// The agent's totals, or `None` (counted) when the agent cap is reached.
    fn agent(&mut self, agent: &AgentId, max_agents: usize) -> Option<&mut AgentTotals> {
        if !self.agents.contains_key(agent) {
            if self.agents.len() >= max_agents {
                self.items_of_untracked_agents += 1;
                return None;
            }
            self.agents.insert(agent.clone(), AgentTotals::default());
        }
        self.agents.get_mut(agent)
    }

    fn promise_outcome(&mut self, agent: Option<&AgentId>, kept: bool, max_agents: usize) {
        if let Some(t) = agent.and_then(|a| self.agent(a, max_agents)) {
            if kept {
                t.promises_kept += 1;
            } else {
                t.promises_broken += 1;
            }
        }
    }

    /// Adds what is known of an open request (for a report).
    fn add_open(&mut self, state: &RequestState, now: Option<OffsetDateTime>, max_agents: usize) {
        self.add_contact_figures(state);
        if let Some(now) = now {
            for p in &state.promises {
                if p.due_at < now {
                    self.promise_outcome(p.agent.as_ref(), false, max_agents);
                }
            }
        }
    }

    fn add_contact_figures(&mut self, state: &RequestState) {
        if state.opened_by_customer() {
            self.customer_opened += 1;
            if state.chased() {
                self.chased += 1;
            }
            if let (Some(contact), Some(answer)) = (state.first_contact, state.first_answer) {
                self.first_response.add(secs_between(contact, answer));
            }
        }
    }

    /// Adds a resolved request for good.
    fn add_resolved(&mut self, state: &RequestState, max_agents: usize) {
        self.resolved += 1;
        self.add_contact_figures(state);
        let Some(resolved_at) = state.resolved_at else {
            return;
        };
        if let Some(contact) = state.first_contact.filter(|c| *c <= resolved_at) {
            self.resolution.add(secs_between(contact, resolved_at));
        }
        for p in &state.promises {
            // The resolution is an update; promises made at or after it are owed nothing.
            if p.made_at < resolved_at {
                let kept = resolved_at <= p.due_at;
                self.promise_outcome(p.agent.as_ref(), kept, max_agents);
            }
        }
        if let Some(agent) = &state.resolver
            && let Some(t) = self.agent(agent, max_agents)
        {
            t.resolutions += 1;
            if state.first_contact.is_some() && state.second_contact.is_none() {
                t.first_contact_resolutions += 1;
            }
            if let (Some(first), Some(last)) = (state.first_scored, state.last_scored)
                && first.0 < last.0
            {
                t.sentiment_changes += 1;
                t.sentiment_change_micros += last.1 - first.1;
            }
        }
    }
}

fn secs_between(from: OffsetDateTime, to: OffsetDateTime) -> u64 {
    // Callers pass from <= to; whole seconds, rounded down, never negative.
    (to - from).whole_seconds().max(0).unsigned_abs()
}

/// Running insights over a stream of feedback and contact events.
///
/// Built once from a validated [`InsightsConfig`]; then feed items with
/// [`observe_feedback`](Self::observe_feedback) and [`observe_event`](Self::observe_event)
/// (never fail, never panic) and read figures with [`report`](Self::report). See the
/// [module docs](self) for memory bounds, precision and ordering.
#[derive(Debug, Clone)]
pub struct Insights {
    config: InsightsConfig,
    satisfied: u64,
    rated: u64,
    promoters: u64,
    passives: u64,
    detractors: u64,
    /// Window start (Unix seconds) → (messages, compound sum in millionths).
    trend: BTreeMap<i64, (u64, i64)>,
    open: HashMap<RequestId, RequestState>,
    /// Resolved requests waiting for a later item before they are closed, in resolution order.
    resolved_queue: VecDeque<(OffsetDateTime, RequestId)>,
    /// Figures of closed request episodes and the agents.
    totals: Totals,
    latest: Option<OffsetDateTime>,
    /// Item time at or after which the next sweep for stale requests runs.
    next_sweep: Option<OffsetDateTime>,
    coverage: Coverage,
    topics: TopicCounter,
}

impl Insights {
    /// Empty insights with the given configuration.
    ///
    /// # Errors
    ///
    /// As [`InsightsConfig::validate`].
    pub fn new(config: InsightsConfig) -> Result<Self, Error> {
        config.validate()?;
        Ok(Insights {
            topics: TopicCounter::new(config.max_topics),
            config,
            satisfied: 0,
            rated: 0,
            promoters: 0,
            passives: 0,
            detractors: 0,
            trend: BTreeMap::new(),
            open: HashMap::new(),
            resolved_queue: VecDeque::new(),
            totals: Totals {
                first_response: DurationSketch::new(),
                resolution: DurationSketch::new(),
                customer_opened: 0,
                chased: 0,
                resolved: 0,
                agents: BTreeMap::new(),
                items_of_untracked_agents: 0,
            },
            latest: None,
            next_sweep: None,
            coverage: Coverage {
                events: 0,
                feedback: 0,
                open_requests: 0,
                resolved_requests: 0,
                events_of_untracked_requests: 0,
                events_without_request: 0,
                items_of_untracked_agents: 0,
                promises_not_tracked: 0,
                invalid_scores: 0,
                late_items: 0,
                trend_windows_dropped: 0,
                stale_requests_evicted: 0,
            },
        })
    }

    /// The configuration in use.
    pub fn config(&self) -> &InsightsConfig {
        &self.config
    }

    /// Takes in one feedback record. `compound` is the caller's score of its text
    /// (−1.0..=1.0, `None` for no text or not scored); it feeds the sentiment trend. A rating
    /// feeds CSAT (stars, CSAT) or NPS. A score that is not finite or outside −1..=1 is
    /// ignored and counted in [`Coverage::invalid_scores`].
    pub fn observe_feedback(&mut self, feedback: &Feedback, compound: Option<f64>) {
        self.coverage.feedback += 1;
        self.advance(feedback.at());
        match feedback.rating() {
            Some(Rating::Stars(n) | Rating::Csat(n)) => {
                self.rated += 1;
                if n >= 4 {
                    self.satisfied += 1;
                }
            }
            Some(Rating::Nps(n)) => match n {
                9..=10 => self.promoters += 1,
                7..=8 => self.passives += 1,
                _ => self.detractors += 1,
            },
            Some(Rating::Thumbs(_)) | None => {}
        }
        if let Some(micros) = self.micros(compound) {
            self.add_trend(feedback.at(), micros);
            if compound.is_some_and(|c| c <= NEGATIVE_COMPOUND) {
                self.topics.add_message(feedback.text());
            }
        }
    }

    /// Takes in one contact event. `compound` is the caller's score of its text; it counts
    /// only on the customer's own (inbound) messages, for the trend and the agents' sentiment
    /// change. Invalid scores are ignored and counted as in
    /// [`observe_feedback`](Self::observe_feedback).
    pub fn observe_event(&mut self, event: &ContactEvent, compound: Option<f64>) {
        self.coverage.events += 1;
        let at = event.at();
        self.advance(at);
        let inbound = event.direction() == Direction::Inbound;
        let customer_contact = event.is_customer_message();
        let micros = if customer_contact {
            self.micros(compound)
        } else {
            None
        };
        if let Some(m) = micros {
            self.add_trend(at, m);
            if compound.is_some_and(|c| c <= NEGATIVE_COMPOUND)
                && let Some(text) = event.text()
            {
                self.topics.add_message(text);
            }
        }
        let Some(request) = event.request() else {
            self.coverage.events_without_request += 1;
            return;
        };
        if !self.open.contains_key(request) {
            if self.open.len() >= self.config.max_open_requests {
                self.coverage.events_of_untracked_requests += 1;
                return;
            }
            self.open.insert(request.clone(), RequestState::new(at));
        }
        let max_agents = self.config.max_agents;
        let Some(state) = self.open.get_mut(request) else {
            return;
        };
        if customer_contact {
            state.add_contact(at);
            if let Some(m) = micros {
                let scored = (at, m);
                if state.first_scored.is_none_or(|f| scored < f) {
                    state.first_scored = Some(scored);
                }
                if state.last_scored.is_none_or(|l| scored > l) {
                    state.last_scored = Some(scored);
                }
            }
        }
        let outbound = !inbound;
        if outbound && let Some(agent) = event.agent() {
            let newer = match &state.latest_agent {
                None => true,
                Some((t, a)) => at > *t || (at == *t && agent < a),
            };
            if newer {
                // Only a change of agent costs an allocation (the id's clone).
                match &mut state.latest_agent {
                    Some((t, a)) if a == agent => *t = at,
                    latest => *latest = Some((at, agent.clone())),
                }
            }
        }
        // The one rule priority and hints use too: a reply, an answered call of ours, or a
        // resolution. Each answer is also an update that judges the promises before it.
        if event.is_answer() {
            if state.first_answer.is_none_or(|a| at < a) {
                state.first_answer = Some(at);
            }
            // Judge promises made strictly before this update.
            let totals = &mut self.totals;
            state.promises.retain(|p| {
                if p.made_at >= at {
                    return true;
                }
                totals.promise_outcome(p.agent.as_ref(), at <= p.due_at, max_agents);
                false
            });
        }
        if let Some(due_at) = event.promise_due() {
            if state.promises.len() < MAX_PROMISES_PER_REQUEST {
                state.promises.push(OpenPromise {
                    made_at: at,
                    due_at,
                    agent: event.agent().cloned(),
                });
            } else {
                self.coverage.promises_not_tracked += 1;
            }
        }
        if matches!(event.kind(), EventKind::Resolution) {
            if let Some(agent) = event.agent()
                && state.resolver.as_ref().is_none_or(|r| agent < r)
            {
                state.resolver = Some(agent.clone());
            }
            if state.resolved_at.is_none() {
                state.resolved_at = Some(at);
                self.resolved_queue.push_back((at, request.clone()));
            }
        }
    }

    /// The figures so far. Allocates the report; does not change the running state, so
    /// reports can be taken at any time.
    pub fn report(&self) -> InsightsReport {
        let max_agents = self.config.max_agents;
        let mut totals = self.totals.clone();
        let mut open = 0;
        for state in self.open.values() {
            if state.resolved_at.is_some() {
                let mut closing = state.clone();
                fill_resolver(&mut closing);
                totals.add_resolved(&closing, max_agents);
            } else {
                open += 1;
                totals.add_open(state, self.latest, max_agents);
            }
        }
        let figures = |s: &DurationSketch| DurationFigures {
            count: s.count(),
            median_secs: s.quantile(0.5),
            p90_secs: s.quantile(0.9),
        };
        let nps_count = self.promoters + self.passives + self.detractors;
        let sentiment_trend = self
            .trend
            .iter()
            .filter_map(|(&start, &(messages, micros))| {
                let start = OffsetDateTime::from_unix_timestamp(start).ok()?;
                Some(TrendWindow {
                    start,
                    messages,
                    mean_compound: micros as f64 / MICROS / messages.max(1) as f64,
                })
            })
            .collect();
        let agents = totals
            .agents
            .iter()
            .map(|(agent, t)| AgentInsights {
                agent: agent.clone(),
                resolutions: t.resolutions,
                first_contact_resolutions: t.first_contact_resolutions,
                sentiment_change: Mean {
                    count: t.sentiment_changes,
                    mean: (t.sentiment_changes > 0).then(|| {
                        t.sentiment_change_micros as f64 / MICROS / t.sentiment_changes as f64
                    }),
                },
                promises_kept: t.promises_kept,
                promises_broken: t.promises_broken,
            })
            .collect();
        let (top, max_undercount, negative_messages, keywords) =
            self.topics.top(self.config.top_topics);
        let topics = Topics {
            negative_messages,
            keywords,
            max_undercount,
            top,
        };
        let mut coverage = self.coverage;
        coverage.open_requests = open;
        coverage.resolved_requests = totals.resolved;
        coverage.items_of_untracked_agents = totals.items_of_untracked_agents;
        InsightsReport {
            csat: Share::new(self.satisfied, self.rated),
            nps: Nps {
                promoters: self.promoters,
                passives: self.passives,
                detractors: self.detractors,
                count: nps_count,
                score: (nps_count > 0).then(|| {
                    (self.promoters as f64 - self.detractors as f64) * 100.0 / nps_count as f64
                }),
            },
            sentiment_trend,
            first_response: figures(&totals.first_response),
            resolution: figures(&totals.resolution),
            repeat_contact_rate: Share::new(totals.chased, totals.customer_opened),
            topics,
            agents,
            coverage,
        }
    }

    /// Notes the time of a new item and closes requests resolved strictly before it.
    fn advance(&mut self, at: OffsetDateTime) {
        match self.latest {
            Some(latest) if at < latest => self.coverage.late_items += 1,
            _ => self.latest = Some(at),
        }
        if self.next_sweep.is_none_or(|next| at >= next) {
            self.evict_stale(at);
        }
        while let Some((resolved_at, _)) = self.resolved_queue.front() {
            if *resolved_at >= at {
                break;
            }
            let Some((_, request)) = self.resolved_queue.pop_front() else {
                break;
            };
            if let Some(mut state) = self.open.remove(&request) {
                fill_resolver(&mut state);
                self.totals.add_resolved(&state, self.config.max_agents);
            }
        }
    }

    /// Evicts unresolved requests first seen more than `max_open_age` before `at`, keeping what
    /// is known of them in the totals. Runs at most once per [`SWEEP_INTERVAL`] of item time,
    /// so its cost (a pass over the open requests) is spread thin.
    fn evict_stale(&mut self, at: OffsetDateTime) {
        self.next_sweep = Some(at.saturating_add(SWEEP_INTERVAL.as_duration()));
        let max_age = self.config.max_open_age.as_duration();
        let (totals, coverage) = (&mut self.totals, &mut self.coverage);
        let max_agents = self.config.max_agents;
        self.open.retain(|_, state| {
            let stale = state.resolved_at.is_none() && state.opened_at.saturating_add(max_age) < at;
            if stale {
                coverage.stale_requests_evicted += 1;
                // Promises not yet due can no longer be judged: counted, not dropped silently.
                let undecided = state.promises.iter().filter(|p| p.due_at >= at).count();
                coverage.promises_not_tracked += undecided as u64;
                totals.add_open(state, Some(at), max_agents);
            }
            !stale
        });
    }

    /// The compound score in millionths, or `None` (counted when invalid).
    fn micros(&mut self, compound: Option<f64>) -> Option<i64> {
        let c = compound?;
        if !c.is_finite() || !(-1.0..=1.0).contains(&c) {
            self.coverage.invalid_scores += 1;
            return None;
        }
        Some((c * MICROS).round() as i64)
    }

    fn add_trend(&mut self, at: OffsetDateTime, micros: i64) {
        let window = self.config.trend_window.as_secs() as i64;
        let since_anchor = at.unix_timestamp() - WINDOW_ANCHOR_UNIX;
        let mut start = since_anchor.div_euclid(window) * window + WINDOW_ANCHOR_UNIX;
        if OffsetDateTime::from_unix_timestamp(start).is_err() {
            // Only before the year -9999: the window starts at the item itself.
            start = at.unix_timestamp();
        }
        if !self.trend.contains_key(&start) && self.trend.len() >= self.config.max_trend_windows {
            match self.trend.first_key_value() {
                Some((&oldest, _)) if oldest < start => {
                    self.trend.remove(&oldest);
                    self.coverage.trend_windows_dropped += 1;
                }
                // Older than every window kept: dropping it is the same as dropping the oldest.
                _ => {
                    self.coverage.trend_windows_dropped += 1;
                    return;
                }
            }
        }
        let entry = self.trend.entry(start).or_insert((0, 0));
        entry.0 += 1;
        entry.1 += micros;
    }
}

/// A resolution without an agent is credited to our latest agent on the request.
fn fill_resolver(state: &mut RequestState) {
    if state.resolver.is_none() {
        state.resolver = state.latest_agent.as_ref().map(|(_, a)| a.clone());
    }
}
