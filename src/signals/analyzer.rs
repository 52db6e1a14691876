//! [`Analyzer`]: built once from an [`AnalyzerConfig`], then every entry point (sentiment,
//! signals, urgency, complaint, the explanations and the batch calls). The passes they run and
//! the results they give live apart: the sentiment pass in `sentiment.rs`, the cue pass in
//! `urgency.rs`, the one reading of a message in `reading.rs`, the explanations in `explain.rs`.
//!
//! # Batch entry points
//!
//! Score a column of optional texts into a buffer the caller owns and reuses.
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

use super::closing::is_thanks_only;
use super::config::{AnalyzerConfig, CUT_SEARCH_BYTES};
use super::explain::{CueRecord, Explanation, Record, SignalsExplanation};
use super::lexicon::{self, Lexicon};
use super::reading::{MarksPass, Signals, reading};
#[cfg(doc)]
use super::sentiment::Coverage;
use super::sentiment::{
    self, Fold, Label, NoRecord, Recorder, Sentiment, TokenSink, unsupported_sentiment,
};
use super::urgency::{Complaint, CuePass, NoCueRecord, Urgency, nudged, table_for};
use crate::error::Error;
#[cfg(doc)]
use crate::error::ErrorKind;
use crate::model::Language;
use crate::text::{TokenKind, tokens};

/// Scores customer messages for sentiment. Build once with [`Analyzer::new`], then call
/// [`Analyzer::sentiment`] from any number of threads: it is `Send + Sync`, borrows its input and
/// never allocates or fails.
///
/// ```
/// use realboss::signals::{Analyzer, AnalyzerConfig, Label};
///
/// let analyzer = Analyzer::new(AnalyzerConfig::default())?;
/// let s = analyzer.sentiment("Support sorted it out in ten minutes, thank you!");
/// assert_eq!(s.label, Label::Positive);
/// let s = analyzer.sentiment("Charged twice and still waiting for my refund.");
/// assert_eq!(s.label, Label::Negative);
/// # Ok::<(), realboss::Error>(())
/// ```
#[derive(Clone)]
pub struct Analyzer {
    config: AnalyzerConfig,
    english: &'static Lexicon,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field("config", &self.config)
            .field("english_entries", &self.english.len())
            .finish()
    }
}

impl Analyzer {
    /// Builds an analyzer. The English lexicon is built once per process on first use (under a
    /// millisecond) and shared by every analyzer.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) when `positive_threshold` is not in 0..=1,
    /// `negative_threshold` is not in -1..=0 (NaN included) or `max_text_bytes` is 0.
    pub fn new(config: AnalyzerConfig) -> Result<Analyzer, Error> {
        config.validate()?;
        Ok(Analyzer {
            config,
            english: lexicon::english(),
        })
    }

    /// The configuration this analyzer was built with.
    pub fn config(&self) -> &AnalyzerConfig {
        &self.config
    }

    /// Scores `text` in the configured language. Never fails, never allocates; any text gives
    /// finite values in range. Empty text is neutral with zero coverage. Text longer than
    /// [`AnalyzerConfig::max_text_bytes`] is scored up to the cut and says so in
    /// [`Coverage::truncated_at`].
    pub fn sentiment(&self, text: &str) -> Sentiment {
        self.sentiment_in(text, self.config.language)
    }

    /// Scores `text` as written in `language`. A language without a lexicon gives a neutral
    /// result with [`Coverage::supported`] `false`.
    pub fn sentiment_in(&self, text: &str, language: Language) -> Sentiment {
        let (text, truncated_at) = self.scored_part(text);
        let mut sentiment = match language {
            Language::English => self.score(text, &mut NoRecord),
            _ => self.unsupported(text),
        };
        sentiment.coverage.truncated_at = truncated_at;
        sentiment
    }

    /// The part of `text` that is scored, and `Some(its length)` when that is not all of it:
    /// every entry point cuts through here, so all results agree on the cut. Constant time.
    fn scored_part<'t>(&self, text: &'t str) -> (&'t str, Option<usize>) {
        let max = self.config.max_text_bytes;
        if text.len() <= max {
            return (text, None);
        }
        let end = floor_char_boundary(text, max);
        // The limit falls right before white space: the prefix already ends with a whole word.
        if text[end..].starts_with(char::is_whitespace) && end > 0 {
            return (&text[..end], Some(end));
        }
        let from = floor_char_boundary(text, end.saturating_sub(CUT_SEARCH_BYTES));
        let cut = match text[from..end].rfind(char::is_whitespace) {
            Some(at) if from + at > 0 => from + at,
            _ => end,
        };
        (&text[..cut], Some(cut))
    }

    /// Explains the score of `text` in the configured language: each contributing span, its base
    /// valence and every rule that changed it. Allocates; its `sentiment` equals
    /// [`Analyzer::sentiment`] bit for bit.
    pub fn explain(&self, text: &str) -> Explanation {
        self.explain_in(text, self.config.language)
    }

    /// [`Analyzer::explain`] for a given language.
    pub fn explain_in(&self, text: &str, language: Language) -> Explanation {
        let (text, truncated_at) = self.scored_part(text);
        let mut record = Record::default();
        let mut sentiment = match language {
            Language::English => self.score(text, &mut record),
            _ => self.unsupported(text),
        };
        sentiment.coverage.truncated_at = truncated_at;
        record.finish(sentiment)
    }

    fn unsupported(&self, text: &str) -> Sentiment {
        let words = tokens(text)
            .filter(|t| {
                matches!(
                    t.kind(),
                    TokenKind::Word | TokenKind::Emoji | TokenKind::Emoticon
                )
            })
            .count();
        unsupported_sentiment(words)
    }

    pub(super) fn label(&self, compound: f64) -> Label {
        if compound >= self.config.positive_threshold {
            Label::Positive
        } else if compound <= self.config.negative_threshold {
            Label::Negative
        } else {
            Label::Neutral
        }
    }

    fn score<R: Recorder>(&self, text: &str, record: &mut R) -> Sentiment {
        sentiment::score(self, text, record, &mut ())
    }

    /// Scores `text` in `language` and hands every token, in order, to `sink` from the same
    /// tokenization loop: the one pass that [`Analyzer::signals`] shares between sentiment and
    /// the urgency cues. A language without a lexicon still feeds `sink` (and counts words).
    pub(super) fn sentiment_feeding<S: TokenSink>(
        &self,
        text: &str,
        language: Language,
        sink: &mut S,
    ) -> Sentiment {
        match language {
            Language::English => sentiment::score(self, text, &mut NoRecord, sink),
            _ => {
                let mut words = 0;
                for token in tokens(text) {
                    sink.token(token, Fold::Pending);
                    words += usize::from(matches!(
                        token.kind(),
                        TokenKind::Word | TokenKind::Emoji | TokenKind::Emoticon
                    ));
                }
                unsupported_sentiment(words)
            }
        }
    }

    /// Sentiment, urgency and complaint of `text` in the configured language, from one
    /// tokenization pass. Never fails, never allocates; `signals(t).sentiment` equals
    /// [`Analyzer::sentiment`]`(t)` bit for bit.
    ///
    /// ```
    /// use realboss::signals::{Analyzer, AnalyzerConfig};
    /// use realboss::Level;
    ///
    /// let analyzer = Analyzer::new(AnalyzerConfig::default())?;
    /// let s = analyzer.signals("Can't log in since this morning, any update?");
    /// assert!(s.urgency.level >= Level::High);
    /// # Ok::<(), realboss::Error>(())
    /// ```
    pub fn signals(&self, text: &str) -> Signals {
        self.signals_in(text, self.config().language)
    }

    /// [`Analyzer::signals`] for text in `language`. The cue table is English; in a language
    /// without one only the language-neutral cue counts (a `?` after a word), the
    /// sentiment is neutral with [`super::Coverage::supported`] `false`, and so no complaint
    /// is found.
    ///
    /// ```
    /// use realboss::signals::{Analyzer, AnalyzerConfig};
    /// use realboss::model::Language;
    ///
    /// let analyzer = Analyzer::new(AnalyzerConfig::default())?;
    /// let german = Language::from_bcp47("de")?;
    /// let s = analyzer.signals_in("Dringend: wann kommt mein Paket?", german);
    /// assert!(!s.sentiment.coverage.supported);
    /// assert!(s.urgency.score > 0.0); // the question still counts
    /// # Ok::<(), realboss::Error>(())
    /// ```
    pub fn signals_in(&self, text: &str, language: Language) -> Signals {
        let whole = text;
        let (text, truncated_at) = self.scored_part(text);
        let marks = MarksPass::new(whole);
        let mut cues = CuePass::with_marks(text, table_for(language), NoCueRecord, marks);
        let mut sentiment = self.sentiment_feeding(text, language, &mut cues);
        let (mut urgency, complaint, facts, marks) = cues.finish();
        sentiment.coverage.truncated_at = truncated_at;
        urgency.truncated_at = truncated_at;
        let complaint = nudged(complaint, &sentiment, facts.aimed);
        let mut signals = reading(sentiment, urgency, complaint, facts.resolved, &marks);
        if truncated_at.is_some() {
            signals.thanks_only = is_thanks_only(whole);
        }
        signals
    }

    /// Urgency of `text` in the configured language, from the cue pass alone (no sentiment is
    /// computed). Never fails, never allocates; equal to `signals(text).urgency`.
    ///
    /// ```
    /// use realboss::signals::{Analyzer, AnalyzerConfig};
    /// use realboss::Level;
    ///
    /// let analyzer = Analyzer::new(AnalyzerConfig::default())?;
    /// assert_eq!(analyzer.urgency("Please reply by 5pm today").level, Level::Urgent);
    /// assert_eq!(analyzer.urgency("NOT urgent").level, Level::Low);
    /// # Ok::<(), realboss::Error>(())
    /// ```
    pub fn urgency(&self, text: &str) -> Urgency {
        let (text, truncated_at) = self.scored_part(text);
        let mut pass = CuePass::new(text, table_for(self.config().language), NoCueRecord);
        for token in tokens(text) {
            pass.token(token, Fold::Pending);
        }
        let mut urgency = pass.finish().0;
        urgency.truncated_at = truncated_at;
        urgency
    }

    /// Complaint of `text` in the configured language; equal to `signals(text).complaint`
    /// (it needs the sentiment for its nudge, so it runs the whole pass). Never fails, never
    /// allocates.
    ///
    /// ```
    /// use realboss::signals::{Analyzer, AnalyzerConfig};
    ///
    /// let analyzer = Analyzer::new(AnalyzerConfig::default())?;
    /// assert!(analyzer.complaint("My order never arrived").score > 0.5);
    /// assert_eq!(analyzer.complaint("What are your opening hours?").score, 0.0);
    /// # Ok::<(), realboss::Error>(())
    /// ```
    pub fn complaint(&self, text: &str) -> Complaint {
        self.signals(text).complaint
    }

    /// Explains [`Analyzer::signals`] for `text` in the configured language: every cue that
    /// counted, every cue a negation cancelled, every calming phrase. Allocates.
    ///
    /// ```
    /// use realboss::signals::{Analyzer, AnalyzerConfig};
    ///
    /// let analyzer = Analyzer::new(AnalyzerConfig::default())?;
    /// let text = "No rush, whenever you get a chance.";
    /// let why = analyzer.explain_signals(text);
    /// assert_eq!(&text[why.negated[0].range()], "rush");
    /// assert_eq!(&text[why.calming[0].clone()], "whenever you get a chance");
    /// assert_eq!(why.signals.urgency.score, 0.0);
    /// # Ok::<(), realboss::Error>(())
    /// ```
    pub fn explain_signals(&self, text: &str) -> SignalsExplanation {
        let language = self.config().language;
        let whole = text;
        let (text, truncated_at) = self.scored_part(text);
        let marks = MarksPass::new(whole);
        let mut cues = CuePass::with_marks(text, table_for(language), CueRecord::default(), marks);
        let mut sentiment = self.sentiment_feeding(text, language, &mut cues);
        let (mut urgency, complaint, facts) = cues.finish_partial();
        let marks = &cues.marks;
        sentiment.coverage.truncated_at = truncated_at;
        urgency.truncated_at = truncated_at;
        let complaint = nudged(complaint, &sentiment, facts.aimed);
        let mut signals = reading(sentiment, urgency, complaint, facts.resolved, marks);
        if truncated_at.is_some() {
            signals.thanks_only = is_thanks_only(whole);
        }
        let mut record = std::mem::take(&mut cues.record);
        record.cues.sort_by_key(|c| (c.start, c.end, c.kind));
        record.negated.sort_by_key(|c| (c.start, c.end, c.kind));
        record.calming.sort_by_key(|r| (r.start, r.end));
        SignalsExplanation {
            signals,
            cues: record.cues,
            negated: record.negated,
            calming: record.calming,
        }
    }

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

    /// The English lexicon, shared by every analyzer.
    pub(super) fn english(&self) -> &'static Lexicon {
        self.english
    }
}

/// The largest character boundary of `text` at or below `at` (`str::floor_char_boundary` is
/// newer than our minimum Rust). At most three steps back: a UTF-8 character is 1–4 bytes.
fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
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
