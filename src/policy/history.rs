//! [`HistoryConfig`]: how a request's contact history is read.

use serde::{Deserialize, Serialize};

use super::HumanDuration;
use super::duration::DurationText;
use crate::Error;

/// Default [`HistoryConfig::burst_window`]: 2 minutes. Someone typing a chat message in three
/// pieces sends them seconds apart; two minutes covers that without merging a real chase
/// ("any news?" after a few minutes of silence).
pub const DEFAULT_BURST_WINDOW: HumanDuration = HumanDuration::from_mins(2);

/// Largest accepted [`HistoryConfig::burst_window`]: 1 hour. A longer window would merge
/// separate chases into one and hide how often a customer had to come back.
pub const MAX_BURST_WINDOW: HumanDuration = HumanDuration::from_hours(1);

/// How history is read, part of a [`Policy`](crate::Policy) (its `history` field).
///
/// The fields are public with documented defaults; [`validate`](Self::validate) checks them,
/// and [`Policy::builder`](crate::Policy::builder)'s `build`, [`Policy::from_json`](crate::Policy::from_json)
/// and deserialization call it.
///
/// JSON form: `{"burst_window": "2m"}`; omitted fields take their defaults, unknown fields
/// are rejected, and values are validated as in [`HistoryConfig::validate`].
///
/// ```
/// use realboss::policy::{HistoryConfig, HumanDuration};
/// let config: HistoryConfig = serde_json::from_str(r#"{"burst_window": "90s"}"#)?;
/// assert_eq!(config.burst_window.as_secs(), 90);
/// let err = serde_json::from_str::<HistoryConfig>(r#"{"burst_window": "2h"}"#).unwrap_err();
/// assert!(err.to_string().contains("burst_window"));
///
/// let mut config = HistoryConfig::default();
/// config.burst_window = HumanDuration::from_hours(2);
/// assert!(config.validate().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "HistoryConfigSpec", into = "HistoryConfigSpec")]
#[non_exhaustive]
pub struct HistoryConfig {
    /// Inbound messages at most this long after the previous one count as one contact (see
    /// [`history`](crate::priority::history) for what a burst is); `0s..=`[`MAX_BURST_WINDOW`],
    /// default [`DEFAULT_BURST_WINDOW`]. Zero is accepted: then only messages at the very same
    /// instant form a burst.
    pub burst_window: HumanDuration,
}

impl Default for HistoryConfig {
    fn default() -> Self {
        HistoryConfig {
            burst_window: DEFAULT_BURST_WINDOW,
        }
    }
}

impl HistoryConfig {
    /// Checks every field against its documented range.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) with field `burst_window`
    /// when the window is longer than [`MAX_BURST_WINDOW`].
    pub fn validate(&self) -> Result<(), Error> {
        if self.burst_window > MAX_BURST_WINDOW {
            return Err(Error::invalid_shown(
                "burst_window",
                self.burst_window.to_string(),
                format!("a duration of at most {MAX_BURST_WINDOW}"),
            ));
        }
        Ok(())
    }
}

/// The JSON form of [`HistoryConfig`], before validation.
#[derive(Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(crate) struct HistoryConfigSpec {
    burst_window: DurationText,
}

impl HistoryConfigSpec {
    /// The configuration as written, its durations parsed but its ranges not yet checked.
    pub(crate) fn parse(self) -> Result<HistoryConfig, Error> {
        Ok(HistoryConfig {
            burst_window: self.burst_window.parse("burst_window")?,
        })
    }
}

impl Default for HistoryConfigSpec {
    fn default() -> Self {
        HistoryConfig::default().into()
    }
}

impl From<HistoryConfig> for HistoryConfigSpec {
    fn from(config: HistoryConfig) -> Self {
        HistoryConfigSpec {
            burst_window: config.burst_window.into(),
        }
    }
}

impl TryFrom<HistoryConfigSpec> for HistoryConfig {
    type Error = Error;
    fn try_from(spec: HistoryConfigSpec) -> Result<Self, Error> {
        let config = spec.parse()?;
        config.validate()?;
        Ok(config)
    }
}
