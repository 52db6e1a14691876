//! Batch entry points: score a column of optional texts into a buffer the caller owns and reuses.
//!
//! An engine that hands over texts a column at a time (Apache Arrow arrays in DataFusion, a
//! Polars series, rows of a CSV file) calls these once per column instead of once per row. Each
//! method clears `out` and then appends exactly one entry per text, in order: `None` for a
//! missing text (SQL `NULL`), otherwise the very value the single-text method returns for it,
//! bit for bit. Nothing is allocated per row: once `out` has room for the column (it keeps its
//! capacity between calls, as `csv`'s `read_record` does), a call allocates nothing at all.
//!
//! There is one method per measure, rather than one returning every measure, because the
//! measures cost different amounts: [`Analyzer::urgency_batch`] runs the cue pass alone,
//! [`Analyzer::sentiment_batch`] the sentiment pass alone, and only
//! [`Analyzer::complaint_batch`] needs both (its score is nudged by the sentiment).

use super::{Analyzer, Label};

impl Analyzer {
    /// The compound sentiment score (-1..=1, as [`Sentiment::compound`](super::Sentiment)) of
    /// each text, written to `out` (cleared first), `None` where the text is `None`.
    ///
    /// Equal, entry for entry, to [`Analyzer::sentiment`]`(text).compound`. Allocates nothing
    /// once `out` has capacity for every text; any text, empty or huge, gives a finite value.
    ///
    /// ```
    /// use realboss::signals::{Analyzer, AnalyzerConfig};
    ///
    /// let analyzer = Analyzer::new(AnalyzerConfig::default())?;
    /// let column = [Some("Thanks, sorted in five minutes!"), None, Some("Charged twice.")];
    /// let mut out = Vec::with_capacity(column.len());
    /// analyzer.sentiment_batch(column, &mut out);
    /// assert_eq!(out.len(), 3);
    /// assert!(out[0].unwrap() > 0.0);
    /// assert_eq!(out[1], None);
    /// assert_eq!(out[2], Some(analyzer.sentiment("Charged twice.").compound));
    /// # Ok::<(), realboss::Error>(())
    /// ```
    pub fn sentiment_batch<'a>(
        &self,
        texts: impl IntoIterator<Item = Option<&'a str>>,
        out: &mut Vec<Option<f64>>,
    ) {
        fill(texts, out, |text| self.sentiment(text).compound);
    }

    /// The sentiment [`Label`] of each text under this analyzer's thresholds, written to `out`
    /// (cleared first), `None` where the text is `None`.
    ///
    /// Equal, entry for entry, to [`Analyzer::sentiment`]`(text).label`. Allocates nothing once
    /// `out` has capacity for every text.
    ///
    /// ```
    /// use realboss::signals::{Analyzer, AnalyzerConfig, Label};
    ///
    /// let analyzer = Analyzer::new(AnalyzerConfig::default())?;
    /// let mut out = Vec::new();
    /// analyzer.label_batch([Some("Love it"), Some("It is a box."), None], &mut out);
    /// assert_eq!(out, [Some(Label::Positive), Some(Label::Neutral), None]);
    /// # Ok::<(), realboss::Error>(())
    /// ```
    pub fn label_batch<'a>(
        &self,
        texts: impl IntoIterator<Item = Option<&'a str>>,
        out: &mut Vec<Option<Label>>,
    ) {
        fill(texts, out, |text| self.sentiment(text).label);
    }

    /// The urgency score (0..=1, as [`Urgency::score`](super::Urgency)) of each text, written to
    /// `out` (cleared first), `None` where the text is `None`.
    ///
    /// Equal, entry for entry, to [`Analyzer::urgency`]`(text).score`; runs the cue pass only.
    /// Allocates nothing once `out` has capacity for every text.
    ///
    /// ```
    /// use realboss::signals::{Analyzer, AnalyzerConfig};
    ///
    /// let analyzer = Analyzer::new(AnalyzerConfig::default())?;
    /// let mut out = Vec::new();
    /// analyzer.urgency_batch([Some("Please reply by 5pm today"), Some("No rush.")], &mut out);
    /// assert!(out[0].unwrap() > out[1].unwrap());
    /// # Ok::<(), realboss::Error>(())
    /// ```
    pub fn urgency_batch<'a>(
        &self,
        texts: impl IntoIterator<Item = Option<&'a str>>,
        out: &mut Vec<Option<f64>>,
    ) {
        fill(texts, out, |text| self.urgency(text).score);
    }

    /// The complaint score (0..=1, as [`Complaint::score`](super::Complaint)) of each text,
    /// written to `out` (cleared first), `None` where the text is `None`.
    ///
    /// Equal, entry for entry, to [`Analyzer::complaint`]`(text).score`; runs the whole pass
    /// (sentiment and cues), as that method does. Allocates nothing once `out` has capacity for
    /// every text.
    ///
    /// ```
    /// use realboss::signals::{Analyzer, AnalyzerConfig};
    ///
    /// let analyzer = Analyzer::new(AnalyzerConfig::default())?;
    /// let mut out = Vec::new();
    /// analyzer.complaint_batch([Some("My order never arrived"), None], &mut out);
    /// assert!(out[0].unwrap() > 0.5);
    /// assert_eq!(out[1], None);
    /// # Ok::<(), realboss::Error>(())
    /// ```
    pub fn complaint_batch<'a>(
        &self,
        texts: impl IntoIterator<Item = Option<&'a str>>,
        out: &mut Vec<Option<f64>>,
    ) {
        fill(texts, out, |text| self.complaint(text).score);
    }
}

/// Clears `out` and appends `score(text)` for each present text, `None` for each missing one.
fn fill<'a, T>(
    texts: impl IntoIterator<Item = Option<&'a str>>,
    out: &mut Vec<Option<T>>,
    score: impl Fn(&str) -> T,
) {
    out.clear();
    out.extend(texts.into_iter().map(|text| text.map(&score)));
}
