//! [`HintsConfig`]: how much evidence a hint needs and how far back it looks.

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::policy::HumanDuration;

/// Default [`HintsConfig::min_evidence`]: 3 events. One or two contacts are an anecdote; three
/// answered calls at the same hour start to be a habit.
pub const DEFAULT_MIN_EVIDENCE: u32 = 3;

/// Largest accepted [`HintsConfig::min_evidence`]: 1,000 events.
pub const MAX_MIN_EVIDENCE: u32 = 1_000;

/// Default [`HintsConfig::lookback`]: 730 days (two years), long enough to see seasonal
/// habits, short enough that a customer who changed their ways is not judged by old ones.
pub const DEFAULT_LOOKBACK: HumanDuration = HumanDuration::from_days(730);

/// Default [`HintsConfig::recent_messages`]: the customer's last 50 messages.
pub const DEFAULT_RECENT_MESSAGES: u32 = 50;

/// Accepted range of [`HintsConfig::recent_messages`]: 4 (two halves of two to compare a
/// trend) to 10,000.
pub const RECENT_MESSAGES_RANGE: std::ops::RangeInclusive<u32> = 4..=10_000;

/// Default [`HintsConfig::top_topics`]: 5 topics in a customer's topics hint, what an agent
/// reads at a glance.
pub const DEFAULT_HINT_TOPICS: u32 = 5;

/// Largest accepted [`HintsConfig::top_topics`]: 50.
pub const MAX_TOP_TOPICS: u32 = 50;

/// Default [`HintsConfig::silence_after_complaint`]: 14 days without a word after a complaint.
pub const DEFAULT_SILENCE_AFTER_COMPLAINT: HumanDuration = HumanDuration::from_days(14);

/// How hints are derived. The fields are public with documented defaults;
/// [`validate`](Self::validate) checks them, and [`Hinter::new`](super::Hinter::new) and
/// deserialization call it (so a value built in code is checked when the hinter is built).
///
/// JSON form (every field optional, unknown fields rejected, values checked as in
/// [`HintsConfig::validate`]):
/// `{"min_evidence": 3, "lookback": "730d", "recent_messages": 50, "top_topics": 5,
/// "silence_after_complaint": "14d"}`.
///
/// ```
/// use realboss::hints::{HintsConfig, Hinter};
/// let config: HintsConfig = serde_json::from_str(r#"{"min_evidence": 5}"#)?;
/// assert_eq!(config.min_evidence, 5);
/// assert!(Hinter::new(config).is_ok());
/// let mut bad = HintsConfig::default();
/// bad.min_evidence = 0;
/// assert!(Hinter::new(bad).unwrap_err().to_string().contains("min_evidence"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "HintsConfigSpec", into = "HintsConfigSpec")]
#[non_exhaustive]
pub struct HintsConfig {
    /// Fewest observations before a hint is drawn from behaviour rather than reported as
    /// [`HintValue::TooLittleData`](super::HintValue::TooLittleData): answered contacts for
    /// channel and time, messages for tone, language, topics and churn, `1..=`[`MAX_MIN_EVIDENCE`],
    /// default [`DEFAULT_MIN_EVIDENCE`]. It is also the evidence count at which a hint's
    /// confidence weight reaches one half (see [`Hint::confidence`](super::Hint::confidence)).
    pub min_evidence: u32,
    /// Events older than `now - lookback` do not describe the customer's current behaviour
    /// (channel, time, tone, language, topics, payment, churn) and are ignored and counted in
    /// [`Ignored::before_lookback`](super::Ignored::before_lookback); promises and orders
    /// count over the whole history. Any duration, default [`DEFAULT_LOOKBACK`].
    pub lookback: HumanDuration,
    /// How many of the customer's latest messages tone, language, topics and the churn trend
    /// read, in [`RECENT_MESSAGES_RANGE`], default [`DEFAULT_RECENT_MESSAGES`]. Bounds the cost
    /// of those hints whatever the history's length.
    pub recent_messages: u32,
    /// How many recurring topics to list, `1..=`[`MAX_TOP_TOPICS`], default
    /// [`DEFAULT_HINT_TOPICS`].
    pub top_topics: u32,
    /// How long a customer may stay silent after their last message was a complaint before
    /// that silence counts as a churn reason; default [`DEFAULT_SILENCE_AFTER_COMPLAINT`].
    pub silence_after_complaint: HumanDuration,
}

impl Default for HintsConfig {
    fn default() -> Self {
        HintsConfig {
            min_evidence: DEFAULT_MIN_EVIDENCE,
            lookback: DEFAULT_LOOKBACK,
            recent_messages: DEFAULT_RECENT_MESSAGES,
            top_topics: DEFAULT_HINT_TOPICS,
            silence_after_complaint: DEFAULT_SILENCE_AFTER_COMPLAINT,
        }
    }
}

/// The JSON form of [`HintsConfig`], before validation: every field optional, unknown ones
/// rejected.
#[derive(Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct HintsConfigSpec {
    min_evidence: u32,
    lookback: HumanDuration,
    recent_messages: u32,
    top_topics: u32,
    silence_after_complaint: HumanDuration,
}

impl Default for HintsConfigSpec {
    fn default() -> Self {
        HintsConfig::default().into()
    }
}

impl From<HintsConfig> for HintsConfigSpec {
    fn from(c: HintsConfig) -> Self {
        HintsConfigSpec {
            min_evidence: c.min_evidence,
            lookback: c.lookback,
            recent_messages: c.recent_messages,
            top_topics: c.top_topics,
            silence_after_complaint: c.silence_after_complaint,
        }
    }
}

impl TryFrom<HintsConfigSpec> for HintsConfig {
    type Error = Error;
    fn try_from(w: HintsConfigSpec) -> Result<Self, Error> {
        let config = HintsConfig {
            min_evidence: w.min_evidence,
            lookback: w.lookback,
            recent_messages: w.recent_messages,
            top_topics: w.top_topics,
            silence_after_complaint: w.silence_after_complaint,
        };
        config.validate()?;
        Ok(config)
    }
}

impl HintsConfig {
    /// Checks every field against its documented range; [`Hinter::new`](super::Hinter::new)
    /// and deserialization call it.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) naming the first field out
    /// of range, its value and the accepted range.
    pub fn validate(&self) -> Result<(), Error> {
        let bad = |field: &str, value: u32, expected: String| -> Error {
            Error::invalid_shown(field, value.to_string(), expected)
        };
        if !(1..=MAX_MIN_EVIDENCE).contains(&self.min_evidence) {
            return Err(bad(
                "min_evidence",
                self.min_evidence,
                format!("in 1..={MAX_MIN_EVIDENCE}"),
            ));
        }
        if !RECENT_MESSAGES_RANGE.contains(&self.recent_messages) {
            return Err(bad(
                "recent_messages",
                self.recent_messages,
                format!("in {RECENT_MESSAGES_RANGE:?}"),
            ));
        }
        if !(1..=MAX_TOP_TOPICS).contains(&self.top_topics) {
            return Err(bad(
                "top_topics",
                self.top_topics,
                format!("in 1..={MAX_TOP_TOPICS}"),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_json_is_the_default_and_round_trips() {
        let json = r#"{"min_evidence": 3, "lookback": "730d", "recent_messages": 50,
            "top_topics": 5, "silence_after_complaint": "14d"}"#;
        let config: HintsConfig = serde_json::from_str(json).unwrap();
        assert_eq!(config, HintsConfig::default());
        assert!(config.validate().is_ok());
        let back: HintsConfig =
            serde_json::from_str(&serde_json::to_string(&config).unwrap()).unwrap();
        assert_eq!(back, config);
        let partial: HintsConfig = serde_json::from_str("{}").unwrap();
        assert_eq!(partial, HintsConfig::default());
        let err = serde_json::from_str::<HintsConfig>(r#"{"top_topics": 0}"#).unwrap_err();
        assert!(err.to_string().contains("top_topics"), "{err}");
    }

    #[test]
    fn messages_name_the_field_and_the_limits_of_the_constants() {
        let config = HintsConfig {
            min_evidence: 0,
            ..HintsConfig::default()
        };
        assert_eq!(
            config.validate().unwrap_err().to_string(),
            format!("min_evidence must be in 1..={MAX_MIN_EVIDENCE}, got 0")
        );
        let config = HintsConfig {
            recent_messages: 3,
            ..HintsConfig::default()
        };
        assert_eq!(
            config.validate().unwrap_err().to_string(),
            "recent_messages must be in 4..=10000, got 3"
        );
    }
}
