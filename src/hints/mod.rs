//! Personalization hints: how to reach each customer, in what tone, what we owe them, and what
//! to do next, each with a confidence and its evidence.
//!
//! Build one [`Hinter`] from a validated [`HintsConfig`] and share it; score each contact once
//! when it arrives ([`ScoredEvent::new`] or [`Hinter::score`]), then [`Hinter::hints`] reads
//! only numbers: hints for a customer with 10,000 events take under a millisecond (0.3–0.7 ms
//! on a shared 2-core machine; `cargo bench -p realboss-benches --bench hints`). [`hints`]
//! does everything in one call for a quick look. Cost is linear in the history's length; tone,
//! language, topics and the churn trend read at most
//! [`HintsConfig::recent_messages`] messages.
//!
//! ```
//! use realboss::model::*;
//! use realboss::hints::{HintKind, HintValue};
//! use time::macros::{date, datetime};
//!
//! let ann = CustomerProfile::builder(CustomerId::new("cus-1")?)
//!     .tier(Tier::Gold)
//!     .lifetime_value(Money::new(900.0, "EUR".parse()?)?)
//!     .customer_since(date!(2019 - 05 - 01))
//!     .build()?;
//! let call = |at| ContactEvent::new(CustomerId::new("cus-1").unwrap(), at, Channel::Phone,
//!     Direction::Outbound, EventKind::Call { outcome: CallOutcome::Answered });
//! let history = [
//!     call(datetime!(2026-10-05 12:10 UTC)),
//!     call(datetime!(2026-10-12 12:25 UTC)),
//!     call(datetime!(2026-10-19 12:05 UTC)),
//! ];
//! let hints = realboss::hints::hints(&ann, &history, datetime!(2026-11-23 09:00 UTC));
//! let best = hints.get(HintKind::BestTime).unwrap();
//! assert!(matches!(&best.value, HintValue::BestTime { channel: Channel::Phone, .. }));
//! assert_eq!(best.value.to_string(), "phone 12:00–13:00 (UTC+00:00)");
//! # Ok::<(), realboss::Error>(())
//! ```
//!
//! # Rules
//!
//! - **Opt-outs are hard rules.** No hint and no action ever suggests a channel the customer
//!   opted out of ([`CustomerProfile::allows`]); [`Hint::suggested_channel`] says which
//!   channel a hint suggests. A customer with `do_not_call` is never told to be called.
//! - **Too little data is said, not guessed**: a behaviour hint with fewer than
//!   [`HintsConfig::min_evidence`] observations is [`HintValue::TooLittleData`] unless the
//!   profile declares an answer (then [`Source::Declared`]).
//! - **Input**: events of other customers and events after `now` are ignored and counted in
//!   [`Ignored`]; events may come in any order (they are read in time order, ties in slice
//!   order). Deterministic: equal inputs give equal hints.
//! - **Preferred channel**: where they start contacts (inbound inquiries, complaints,
//!   follow-ups, calls, callback requests) and answer us (inbound replies, outbound calls they
//!   picked up), counted per channel; the most used allowed channel, ties by channel order.
//! - **Best time**: on the preferred channel, the local hour (their `time_zone`, else `utc_offset`) in which
//!   they answered most (outbound calls picked up for phone; on written channels, the hours
//!   they write to us in), only
//!   hours that overlap a declared contact window when they declared any; without enough
//!   answers, their first declared window.
//! - **Contact windows** bind contacts that interrupt (phone and SMS): outside them the
//!   action waits for the next window's opening. Replies on email, chat and other channels go
//!   out at once.
//! - **Next best action**, first that applies: answer a waiting customer (call back when they
//!   called and allow calls, else reply on the channel they used or their preferred allowed
//!   one); keep an overdue promise; offer a payment alternative after an unresolved failed
//!   payment; reach out on a medium or high churn risk; else nothing due.
//! - **Tone**: each message is formal or casual by its marks (see [`MessageNotes::new`]);
//!   with [`HintsConfig::min_evidence`] marked messages the majority decides (a tie is
//!   mixed); with enough messages but fewer marked ones, the tone is plain.
//!
//! # Known limits
//!
//! Language is told apart only as English or not (a share of English function
//! words); topics are read from English messages only.

mod config;
mod derive;
mod message;
mod types;

use std::sync::OnceLock;

use time::OffsetDateTime;

use crate::Error;
use crate::model::{ContactEvent, CustomerProfile};
use crate::signals::{Analyzer, AnalyzerConfig};

pub use config::{
    DEFAULT_HINT_TOPICS, DEFAULT_LOOKBACK, DEFAULT_MIN_EVIDENCE, DEFAULT_RECENT_MESSAGES,
    DEFAULT_SILENCE_AFTER_COMPLAINT, HintsConfig, MAX_MIN_EVIDENCE, MAX_TOP_TOPICS,
    RECENT_MESSAGES_RANGE,
};

pub use message::{MessageNotes, ScoredEvent, ToneMarks};
pub use types::{
    Action, ActionReason, ChurnReason, Evidence, Hint, HintKind, HintValue, Hints, Ignored,
    OwedPromise, RiskLevel, Source, Tone,
};

/// Derives hints: built once from a validated [`HintsConfig`], then shared (`Send + Sync`).
#[derive(Debug, Clone)]
pub struct Hinter {
    config: HintsConfig,
    analyzer: Analyzer,
}

impl Hinter {
    /// A hinter with the default analyzer.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) naming the field of
    /// `config` out of its documented range.
    pub fn new(config: HintsConfig) -> Result<Hinter, Error> {
        Hinter::with_analyzer(config, Analyzer::new(AnalyzerConfig::default())?)
    }

    /// A hinter that reads texts with `analyzer`.
    ///
    /// # Errors
    ///
    /// As [`Hinter::new`].
    pub fn with_analyzer(config: HintsConfig, analyzer: Analyzer) -> Result<Hinter, Error> {
        config.validate()?;
        Ok(Hinter { config, analyzer })
    }

    /// The configuration.
    pub fn config(&self) -> &HintsConfig {
        &self.config
    }

    /// Reads one event's text once, on arrival (see [`ScoredEvent::new`]).
    pub fn score(&self, profile: &CustomerProfile, event: ContactEvent) -> ScoredEvent {
        ScoredEvent::new(&self.analyzer, profile, event)
    }

    /// The hints for `profile` at `now` from their pre-scored history: the fast path, no text
    /// is read. One hint per [`HintKind`], in its declaration order. Never fails; see the
    /// module docs for what is ignored.
    pub fn hints(
        &self,
        profile: &CustomerProfile,
        history: &[ScoredEvent],
        now: OffsetDateTime,
    ) -> Hints {
        derive::derive(&self.config, profile, history, now)
    }

    /// [`Hinter::hints`] from raw events: scores every customer text first (the slow part).
    pub fn hints_from_events(
        &self,
        profile: &CustomerProfile,
        history: &[ContactEvent],
        now: OffsetDateTime,
    ) -> Hints {
        let scored: Vec<ScoredEvent> = history
            .iter()
            .map(|e| self.score(profile, e.clone()))
            .collect();
        self.hints(profile, &scored, now)
    }
}

/// The hints for `profile` at `now` from their raw history, with the default configuration
/// and analyzer (built once per process). Scores every text on each call: for repeated use,
/// keep [`ScoredEvent`]s and call [`Hinter::hints`].
pub fn hints(profile: &CustomerProfile, history: &[ContactEvent], now: OffsetDateTime) -> Hints {
    static DEFAULT: OnceLock<Option<Hinter>> = OnceLock::new();
    match DEFAULT.get_or_init(|| Hinter::new(HintsConfig::default()).ok()) {
        Some(hinter) => hinter.hints_from_events(profile, history, now),
        // The default configuration is valid (a unit test checks it); this arm only keeps the
        // function infallible.
        None => derive::derive(&HintsConfig::default(), profile, &[], now),
    }
}
