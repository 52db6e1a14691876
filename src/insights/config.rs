//! [`InsightsConfig`]: how insights are computed and how much they may remember.

use serde::{Deserialize, Serialize};

use super::{
    DEFAULT_MAX_AGENTS, DEFAULT_MAX_OPEN_AGE, DEFAULT_MAX_OPEN_REQUESTS, DEFAULT_MAX_TOPICS,
    DEFAULT_MAX_TREND_WINDOWS, DEFAULT_REPORT_TOPICS, DEFAULT_TREND_WINDOW, MAX_LIMIT,
    MAX_MAX_OPEN_AGE, MAX_TREND_WINDOW, MIN_MAX_OPEN_AGE, MIN_TREND_WINDOW,
};
use crate::Error;
use crate::policy::HumanDuration;

/// How insights are computed and how much they may remember.
///
/// JSON form: `{"trend_window": "1d", "max_trend_windows": 365, "max_open_requests": 50000,
/// "max_open_age": "30d", "max_agents": 500, "top_topics": 5, "max_topics": 2000}`; omitted fields take their defaults, unknown fields are rejected, and
/// values are validated as in [`InsightsConfig::validate`].
///
/// ```
/// use realboss::insights::InsightsConfig;
/// let config: InsightsConfig = serde_json::from_str(r#"{"trend_window": "1d"}"#)?;
/// assert_eq!(config.trend_window.as_secs(), 86_400);
/// let err = serde_json::from_str::<InsightsConfig>(r#"{"max_agents": 0}"#).unwrap_err();
/// assert!(err.to_string().contains("max_agents"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "InsightsConfigSpec", into = "InsightsConfigSpec")]
#[non_exhaustive]
pub struct InsightsConfig {
    /// Length of a sentiment-trend window, [`MIN_TREND_WINDOW`]..=[`MAX_TREND_WINDOW`],
    /// default [`DEFAULT_TREND_WINDOW`].
    pub trend_window: HumanDuration,
    /// Trend windows kept, 1..=[`MAX_LIMIT`], default [`DEFAULT_MAX_TREND_WINDOWS`]; the
    /// oldest is dropped (and counted) to make room.
    pub max_trend_windows: usize,
    /// Open requests tracked at once, 1..=[`MAX_LIMIT`], default [`DEFAULT_MAX_OPEN_REQUESTS`].
    pub max_open_requests: usize,
    /// Age at which an unresolved request is evicted, [`MIN_MAX_OPEN_AGE`]..=[`MAX_MAX_OPEN_AGE`],
    /// default [`DEFAULT_MAX_OPEN_AGE`]: once an item arrives more than this after the
    /// request's first item, the request leaves memory, is counted in
    /// [`Coverage::stale_requests_evicted`](super::Coverage::stale_requests_evicted), and what is known of it is kept as for an open
    /// request in a report (its first response and whether the customer chased us; its
    /// promises past due are broken). A later event of it starts a new episode.
    pub max_open_age: HumanDuration,
    /// Agents tracked, 1..=[`MAX_LIMIT`], default [`DEFAULT_MAX_AGENTS`].
    pub max_agents: usize,
    /// Complaint topics listed in a report, 1..=[`MAX_LIMIT`], default [`DEFAULT_REPORT_TOPICS`].
    pub top_topics: usize,
    /// Distinct topic stems counted at once, 1..=[`MAX_LIMIT`], default
    /// [`DEFAULT_MAX_TOPICS`]; see [`Topics::max_undercount`](super::Topics::max_undercount).
    pub max_topics: usize,
}

impl Default for InsightsConfig {
    fn default() -> Self {
        InsightsConfig {
            trend_window: DEFAULT_TREND_WINDOW,
            max_trend_windows: DEFAULT_MAX_TREND_WINDOWS,
            max_open_requests: DEFAULT_MAX_OPEN_REQUESTS,
            max_open_age: DEFAULT_MAX_OPEN_AGE,
            max_agents: DEFAULT_MAX_AGENTS,
            top_topics: DEFAULT_REPORT_TOPICS,
            max_topics: DEFAULT_MAX_TOPICS,
        }
    }
}

impl InsightsConfig {
    /// Checks every value; [`Insights::new`](super::Insights::new) and deserialization call it.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) naming the field when the
    /// trend window is outside [`MIN_TREND_WINDOW`]..=[`MAX_TREND_WINDOW`], the open age
    /// outside [`MIN_MAX_OPEN_AGE`]..=[`MAX_MAX_OPEN_AGE`] or a limit is outside
    /// 1..=[`MAX_LIMIT`].
    pub fn validate(&self) -> Result<(), Error> {
        check_duration(
            "trend_window",
            self.trend_window,
            MIN_TREND_WINDOW,
            MAX_TREND_WINDOW,
        )?;
        check_duration(
            "max_open_age",
            self.max_open_age,
            MIN_MAX_OPEN_AGE,
            MAX_MAX_OPEN_AGE,
        )?;
        for (field, value) in [
            ("max_trend_windows", self.max_trend_windows),
            ("max_open_requests", self.max_open_requests),
            ("max_agents", self.max_agents),
            ("top_topics", self.top_topics),
            ("max_topics", self.max_topics),
        ] {
            if value == 0 || value > MAX_LIMIT {
                return Err(Error::invalid_shown(
                    field,
                    value.to_string(),
                    format!("an integer from 1 to {MAX_LIMIT}"),
                ));
            }
        }
        Ok(())
    }
}

/// The JSON form of [`InsightsConfig`], before validation.
#[derive(Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct InsightsConfigSpec {
    trend_window: HumanDuration,
    max_trend_windows: usize,
    max_open_requests: usize,
    max_open_age: HumanDuration,
    max_agents: usize,
    top_topics: usize,
    max_topics: usize,
}

impl Default for InsightsConfigSpec {
    fn default() -> Self {
        InsightsConfig::default().into()
    }
}

impl From<InsightsConfig> for InsightsConfigSpec {
    fn from(c: InsightsConfig) -> Self {
        InsightsConfigSpec {
            trend_window: c.trend_window,
            max_trend_windows: c.max_trend_windows,
            max_open_requests: c.max_open_requests,
            max_open_age: c.max_open_age,
            max_agents: c.max_agents,
            top_topics: c.top_topics,
            max_topics: c.max_topics,
        }
    }
}

impl TryFrom<InsightsConfigSpec> for InsightsConfig {
    type Error = Error;
    fn try_from(s: InsightsConfigSpec) -> Result<Self, Error> {
        let config = InsightsConfig {
            trend_window: s.trend_window,
            max_trend_windows: s.max_trend_windows,
            max_open_requests: s.max_open_requests,
            max_open_age: s.max_open_age,
            max_agents: s.max_agents,
            top_topics: s.top_topics,
            max_topics: s.max_topics,
        };
        config.validate()?;
        Ok(config)
    }
}

/// Seconds in a day, to write a duration limit in days as the documentation does.
const DAY_SECS: u64 = 86_400;

/// Checks that `value` is within `min..=max`, naming `field`; the limits are written from the
/// constants (`max` in whole days, as they are documented).
fn check_duration(
    field: &str,
    value: HumanDuration,
    min: HumanDuration,
    max: HumanDuration,
) -> Result<(), Error> {
    if value < min || value > max {
        return Err(Error::invalid_shown(
            field,
            value.to_string(),
            format!("a duration from {min} to {}d", max.as_secs() / DAY_SECS),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_field_and_the_limits_of_the_constants() {
        let config = InsightsConfig {
            trend_window: HumanDuration::ZERO,
            ..InsightsConfig::default()
        };
        assert_eq!(
            config.validate().unwrap_err().to_string(),
            "trend_window must be a duration from 1m to 366d, got 0s"
        );
        let config = InsightsConfig {
            max_open_age: HumanDuration::from_mins(5),
            ..InsightsConfig::default()
        };
        assert_eq!(
            config.validate().unwrap_err().to_string(),
            "max_open_age must be a duration from 1h to 3660d, got 5m"
        );
        let config = InsightsConfig {
            max_agents: MAX_LIMIT + 1,
            ..InsightsConfig::default()
        };
        assert_eq!(
            config.validate().unwrap_err().to_string(),
            format!("max_agents must be an integer from 1 to {MAX_LIMIT}, got 10000001")
        );
    }
}
