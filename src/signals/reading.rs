//! [`Signals`]: the one reading of a message, filled in one tokenization pass.

#[cfg(doc)]
use super::Analyzer;
use super::sentiment::Sentiment;
use super::urgency::{Complaint, Urgency};

/// Everything one pass over a message gives: sentiment, urgency and complaint.
///
/// ```
/// use realboss::signals::{Analyzer, AnalyzerConfig, Label};
///
/// let analyzer = Analyzer::new(AnalyzerConfig::default())?;
/// let text = "I was charged twice, please refund me today.";
/// let s = analyzer.signals(text);
/// assert_eq!(s.sentiment, analyzer.sentiment(text));
/// assert_eq!(s.sentiment.label, Label::Negative);
/// assert!(s.urgency.score > 0.5);
/// assert!(s.complaint.score > 0.5);
/// # Ok::<(), realboss::Error>(())
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Signals {
    /// The same as [`Analyzer::sentiment`] gives, bit for bit.
    pub sentiment: Sentiment,
    /// Urgency from the text's cues.
    pub urgency: Urgency,
    /// Complaint from the text's cues, nudged by negative sentiment.
    pub complaint: Complaint,
}
