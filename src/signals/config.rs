//! [`AnalyzerConfig`]: how a host configures an [`Analyzer`], validated once by
//! [`Analyzer::new`].

use serde::{Deserialize, Serialize};

#[cfg(doc)]
use super::{Analyzer, Coverage, Label};
use crate::error::Error;
use crate::model::Language;

/// Default [`AnalyzerConfig::positive_threshold`]: VADER's documented cut-off for a positive
/// compound score.
pub const DEFAULT_POSITIVE_THRESHOLD: f64 = 0.05;

/// Default [`AnalyzerConfig::negative_threshold`]: VADER's documented cut-off for a negative
/// compound score.
pub const DEFAULT_NEGATIVE_THRESHOLD: f64 = -0.05;

/// Default [`AnalyzerConfig::max_text_bytes`]: 1 MiB, about 150,000 English words, far more
/// than any customer message (a long email is under 20 KB). Ours: generous enough that a real
/// message is never cut, small enough that one pasted log file costs milliseconds, not seconds.
pub const DEFAULT_MAX_TEXT_BYTES: usize = 1 << 20;

/// How far back (bytes) from [`AnalyzerConfig::max_text_bytes`] a cut looks for white space,
/// so that the last word scored is a whole word. Ours: longer than any lexicon word or phrase;
/// bounded so that the cut costs the same on a text with no white space at all.
pub const CUT_SEARCH_BYTES: usize = 256;

/// How a host configures an [`Analyzer`]. Build with `Default` and change fields, or deserialize
/// from JSON/TOML (missing fields take their defaults; unknown fields are an error).
///
/// ```
/// use realboss::signals::AnalyzerConfig;
///
/// let config: AnalyzerConfig =
///     serde_json::from_str(r#"{ "language": "en-US", "positive_threshold": 0.1 }"#)?;
/// assert_eq!(config.negative_threshold, -0.05);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct AnalyzerConfig {
    /// Language of the messages given to [`Analyzer::sentiment`]. Default English. A language
    /// without a lexicon is accepted; its messages score neutral and say so in
    /// [`Coverage::supported`].
    pub language: Language,
    /// Compound score at or above which the label is [`Label::Positive`]. Range 0..=1, default
    /// [`DEFAULT_POSITIVE_THRESHOLD`].
    pub positive_threshold: f64,
    /// Compound score at or below which the label is [`Label::Negative`]. Range -1..=0, default
    /// [`DEFAULT_NEGATIVE_THRESHOLD`].
    pub negative_threshold: f64,
    /// Longest text scored, in bytes (UTF-8), at least 1; default [`DEFAULT_MAX_TEXT_BYTES`]
    /// (1 MiB). Of a longer text only the first part is scored: cut at the last white space
    /// within [`CUT_SEARCH_BYTES`] before the limit, else at the last character boundary
    /// before it. Every result says so: [`Coverage::truncated_at`] and
    /// [`Urgency::truncated_at`](super::Urgency::truncated_at) hold the number of bytes scored.
    /// Scoring time is linear in the text, so raising it is safe; it bounds the cost of one
    /// pathological message.
    pub max_text_bytes: usize,
}

impl Default for AnalyzerConfig {
    fn default() -> Self {
        AnalyzerConfig {
            language: Language::English,
            positive_threshold: DEFAULT_POSITIVE_THRESHOLD,
            negative_threshold: DEFAULT_NEGATIVE_THRESHOLD,
            max_text_bytes: DEFAULT_MAX_TEXT_BYTES,
        }
    }
}

impl AnalyzerConfig {
    /// Checks every field; the one place an analyzer's configuration can fail.
    pub(super) fn validate(&self) -> Result<(), Error> {
        if !(0.0..=1.0).contains(&self.positive_threshold) {
            return Err(Error::invalid_number(
                "positive_threshold",
                self.positive_threshold,
                "a number from 0 to 1 (compound scores at or above it are positive)",
            ));
        }
        if !(-1.0..=0.0).contains(&self.negative_threshold) {
            return Err(Error::invalid_number(
                "negative_threshold",
                self.negative_threshold,
                "a number from -1 to 0 (compound scores at or below it are negative)",
            ));
        }
        if self.max_text_bytes == 0 {
            return Err(Error::invalid_shown(
                "max_text_bytes",
                self.max_text_bytes.to_string(),
                format!(
                    "at least 1 (the longest text scored, in bytes; default {DEFAULT_MAX_TEXT_BYTES})"
                ),
            ));
        }
        Ok(())
    }
}
