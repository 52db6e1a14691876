//! What the explain calls return, and the recorders that build it from a pass:
//! [`Explanation`] ([`Analyzer::explain`]) and [`SignalsExplanation`]
//! ([`Analyzer::explain_signals`]).

use std::ops::Range;

#[cfg(doc)]
use super::Analyzer;
use super::reading::Signals;
use super::sentiment::{AFTER_CONTRAST_WEIGHT, BEFORE_CONTRAST_WEIGHT, Recorder, Sentiment};
use super::urgency::{Cue, CueRecorder};

/// Where a contribution's base valence came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ValenceSource {
    /// A word of VADER's lexicon.
    Lexicon,
    /// A multi-word entry of VADER's lexicon or one of its special-case phrases and idioms.
    Phrase,
    /// An entry of realboss' customer-service vocabulary (word or phrase).
    CustomerService,
    /// A word form not in the lexicon whose Snowball stem is a lexicon stem.
    WordForm,
    /// An emoji, valued by its description.
    Emoji,
    /// An ASCII emoticon.
    Emoticon,
    /// A cue word scoring on its own: a negation that negated no sentiment word
    /// (`LONE_NEGATION_VALENCE` (-0.8)) or "too" before a word (`EXCESS_VALENCE` (-0.8)).
    Cue,
}

/// A rule that changed a contribution's valence.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum Rule {
    /// A negation within `LOOK_BACK_WORDS` (3) words before: valence × `NEGATION_FACTOR` (-0.74).
    Negation,
    /// "least" before the word (not "at least", "very least"): valence × `NEGATION_FACTOR` (-0.74).
    Least,
    /// "never so" / "never this" before the word: valence × `NEVER_SO_FACTOR` (1.25).
    NeverSo,
    /// A booster ("very") or dampener ("kind of") before the word added `amount`.
    Booster {
        /// Valence added (negative for a dampener on a positive word, and so on).
        amount: f64,
    },
    /// The word is in capitals in mixed-case text: `amount` added.
    Caps {
        /// Valence added.
        amount: f64,
    },
    /// "no" right before another sentiment word acts only as a negation and loses its own
    /// valence.
    NoAsNegation,
    /// Inside a clause opened by "although": valence × `CONCESSION_WEIGHT` (0.5).
    Concession,
    /// Before (× `BEFORE_CONTRAST_WEIGHT` (0.5)) or after (× `AFTER_CONTRAST_WEIGHT` (1.5)) the first
    /// "but"/"however" of the text.
    Contrast {
        /// The factor applied.
        factor: f64,
    },
}

/// One rule applied to a contribution, with the word that triggered it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct AppliedRule {
    /// The rule.
    pub rule: Rule,
    /// Byte range of the triggering word in the input.
    pub trigger: Range<usize>,
    /// The contribution's valence after this rule.
    pub valence_after: f64,
}

/// One span of the input that contributed to the score.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Contribution {
    /// Byte range in the input (a phrase spans all its words).
    pub range: Range<usize>,
    /// Valence from the lexicon before any rule, VADER scale (-4..+4).
    pub base: f64,
    /// Which table the base valence came from.
    pub source: ValenceSource,
    /// Rules applied, in order.
    pub rules: Vec<AppliedRule>,
    /// Final valence added to the total.
    pub valence: f64,
}

/// Why a text got its score: every contributing span with its rules, the punctuation emphasis,
/// and the resulting [`Sentiment`] (bit-for-bit what [`Analyzer::sentiment`] returns).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Explanation {
    /// Spans that carried a valence, in text order.
    pub contributions: Vec<Contribution>,
    /// `!` counted (all of them; at most `MAX_EXCLAMATIONS` (4) add emphasis).
    pub exclamation_marks: usize,
    /// `?` counted.
    pub question_marks: usize,
    /// Valence added to the total (in its direction) for `!` and `?`.
    pub punctuation_emphasis: f64,
    /// The result.
    pub sentiment: Sentiment,
}

/// Why a text got its urgency and complaint: every cue that counted and every cue that a
/// negation cancelled. Allocates; its `signals` equal [`Analyzer::signals`] bit for bit.
///
/// ```
/// use realboss::signals::{Analyzer, AnalyzerConfig, CueKind};
///
/// let analyzer = Analyzer::new(AnalyzerConfig::default())?;
/// let text = "Not urgent, but my login doesn't work.";
/// let why = analyzer.explain_signals(text);
/// assert_eq!(why.signals, analyzer.signals(text));
/// assert_eq!(why.negated.len(), 1);
/// assert_eq!(&text[why.negated[0].range()], "urgent");
/// assert_eq!(why.cues[0].kind, CueKind::Stuck);
/// assert_eq!(&text[why.cues[0].range()], "work");
/// # Ok::<(), realboss::Error>(())
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq)]
pub struct SignalsExplanation {
    /// The result.
    pub signals: Signals,
    /// Every cue that counted, in text order, with its urgency weight.
    pub cues: Vec<Cue>,
    /// Cues cancelled by a negation before them ("not urgent", "no rush"), in text order.
    pub negated: Vec<Cue>,
    /// Byte ranges of phrases saying it can wait or is solved ("no worries", "all sorted"),
    /// in text order; any of them multiplies the score by `CALM_FACTOR` (0.4) (once).
    pub calming: Vec<Range<usize>>,
}

/// Builds an [`Explanation`] from the events of a pass.
#[derive(Default)]
pub(super) struct Record {
    contributions: Vec<(Contribution, bool, u8)>,
    exclamations: usize,
    questions: usize,
    emphasis: f64,
    contrast: Option<(usize, usize)>,
}

impl Recorder for Record {
    fn start(&mut self, id: usize, range: Range<usize>, base: f64, source: ValenceSource) {
        debug_assert_eq!(id, self.contributions.len());
        self.contributions.push((
            Contribution {
                range,
                base,
                source,
                rules: Vec::new(),
                valence: base,
            },
            false,
            0,
        ));
    }

    fn rule(&mut self, id: usize, rule: Rule, trigger: Range<usize>, after: f64) {
        if let Some((c, _, _)) = self.contributions.get_mut(id) {
            c.rules.push(AppliedRule {
                rule,
                trigger,
                valence_after: after,
            });
            c.valence = after;
        }
    }

    fn absorbed(&mut self, id: usize) {
        if let Some((c, _, _)) = self.contributions.get_mut(id) {
            c.rules.clear();
            c.valence = f64::NAN;
        }
    }

    fn committed(&mut self, id: usize, side: u8, valence: f64) {
        if let Some((c, committed, s)) = self.contributions.get_mut(id) {
            c.valence = valence;
            *committed = true;
            *s = side;
        }
    }

    fn contrast(&mut self, trigger: Option<(usize, usize)>) {
        self.contrast = trigger;
    }

    fn punctuation(&mut self, exclamations: usize, questions: usize, emphasis: f64) {
        self.exclamations = exclamations;
        self.questions = questions;
        self.emphasis = emphasis;
    }
}

impl Record {
    pub(super) fn finish(self, sentiment: Sentiment) -> Explanation {
        let contrast = self.contrast;
        let mut contributions: Vec<Contribution> = self
            .contributions
            .into_iter()
            .filter(|(_, committed, _)| *committed)
            .map(|(mut c, _, side)| {
                if let Some((start, end)) = contrast {
                    let factor = if side == 0 {
                        BEFORE_CONTRAST_WEIGHT
                    } else {
                        AFTER_CONTRAST_WEIGHT
                    };
                    c.valence *= factor;
                    c.rules.push(AppliedRule {
                        rule: Rule::Contrast { factor },
                        trigger: start..end,
                        valence_after: c.valence,
                    });
                }
                c
            })
            .collect();
        contributions.sort_by_key(|c| c.range.start);
        Explanation {
            contributions,
            exclamation_marks: self.exclamations,
            question_marks: self.questions,
            punctuation_emphasis: self.emphasis,
            sentiment,
        }
    }
}

#[derive(Default)]
pub(super) struct CueRecord {
    pub(super) cues: Vec<Cue>,
    pub(super) negated: Vec<Cue>,
    pub(super) calming: Vec<Range<usize>>,
}

impl CueRecorder for CueRecord {
    fn counted(&mut self, cue: Cue) {
        self.cues.push(cue);
    }
    fn negated(&mut self, cue: Cue) {
        self.negated.push(cue);
    }
    fn calm(&mut self, range: Range<usize>) {
        self.calming.push(range);
    }
}
