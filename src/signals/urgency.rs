//! Urgency and complaint read from a message's text: the cue table at run time, the cue pass that
//! shares the sentiment pass's tokens, and the results. The method is described in the
//! [module documentation](crate::signals#urgency-and-complaint).

use std::ops::Range;
use std::sync::LazyLock;

use serde::Serialize;

use super::lexicon::{Keyed, Lexicon};
use super::phrase::{self, PhraseFlags, PhraseWord};
use super::reading::{Looked, MarkReader, marked_words};
use super::sentiment::{Fold, Sentiment, TokenSink};
use super::urgency_table::CUES;
use crate::model::named::named_enum;
use crate::model::{Language, Level};
use crate::text::{Folded, LookBack, Token, TokenKind};

/// Weight of a `?` that ends a clause holding at least one word: the customer asked something
/// and waits for the answer ([`CueKind::AwaitingAnswer`]). Counted once per clause, so `???` is
/// one question. Ours: a question is the single best-known sign that someone waits for an
/// answer (on the forum evaluation set a bare "has a `?`" test alone reaches Spearman 0.41).
pub(crate) const QUESTION_WEIGHT: f64 = 0.3;

/// Weight of a deadline ([`CueKind::TimePressure`]): `by`, `before` or `until` followed by a
/// clock time ("by 5pm", "by 17:00", "before 9 am") or a listed moment ("by tomorrow", "by
/// Friday"). Ours.
pub(crate) const DEADLINE_WEIGHT: f64 = 0.45;

/// Weight of a short span ([`CueKind::TimePressure`]): `in` or `within`, then an amount (a
/// number or words such as "an", "a few", "the next"), then minutes or hours ("in an hour",
/// "within 30 minutes"). Ours.
pub(crate) const SHORT_SPAN_WEIGHT: f64 = 0.4;

/// Factor applied to the urgency score (once) when the customer says it can wait or that it is
/// solved ("whenever you get a chance", "no worries", "all sorted"); rows with role `calm` in
/// `data/urgency_cues.tsv`. Ours.
pub(crate) const CALM_FACTOR: f64 = 0.4;

/// Words up to which a message's cues add up in full; beyond it the sum of its cues is scaled
/// by `√(LENGTH_WORDS / words)`, but never below what the strongest cue of each kind (other than
/// a bare question) gives together. A long message is not more urgent for being long: it has more sentences, so more
/// chances for a question or a weak cue word, while people rate it no higher (on the forum
/// set, the rating follows length at Spearman 0.26, the unscaled score at 0.36). The square
/// root treats cues like a sample: their evidence per sentence is what counts, and its
/// certainty grows with the root of the length. 40 words is about a support message of three
/// or four sentences. Ours.
pub(crate) const LENGTH_WORDS: u32 = 40;

/// Bytes at either end of a message where its ask stands: a message of more than twice this
/// length has a middle, whose cues weigh `MIDDLE_FACTOR` (0.3) of their weight. A customer
/// greets, tells the story, then asks (or asks first): questions and cue words in the middle
/// of a long text are mostly its story, rhetorical questions and quoted context. 150 bytes is
/// about one or two sentences. Ours.
pub(crate) const EDGE_BYTES: usize = 150;

/// Weight factor of a cue in the middle of a long message (see `EDGE_BYTES`). Ours.
pub(crate) const MIDDLE_FACTOR: f64 = 0.3;

/// Factor applied to the urgency score (once) of a message that greets a group, introduces
/// its writer or shares a view ("hello everyone", "introduce myself", "in my opinion", "I
/// agree"; rows with role `intro`) and asks no question: such a post is social, a
/// contribution to a discussion rather than a request. Milder than `CALM_FACTOR` (0.4), because
/// the writer did not say it can wait. Ours.
pub(crate) const INTRO_FACTOR: f64 = 0.6;

/// Score at and above which a message's urgency level is [`Level::Normal`]; below it,
/// [`Level::Low`]. One weak cue (a question, "today") reaches it. Ours.
pub(crate) const NORMAL_THRESHOLD: f64 = 0.2;

/// Score at and above which the level is [`Level::High`]: one strong cue ("stranded",
/// "charged twice") or two weak ones reach it. Ours.
pub(crate) const HIGH_THRESHOLD: f64 = 0.5;

/// Score at and above which the level is [`Level::Urgent`]: two strong cues, or one strong cue
/// and a deadline. Ours.
pub(crate) const URGENT_THRESHOLD: f64 = 0.75;

/// How much negative sentiment raises a complaint that its cues found, in a text that names
/// no target (see `COMPLAINT_MOOD`): the complaint score `c` becomes
/// `c + (1 - c) × COMPLAINT_MOOD_NUDGE × (−compound)` when compound is negative and `c` is
/// above zero. Ours.
pub(crate) const COMPLAINT_MOOD_NUDGE: f64 = 0.25;

/// How much negative sentiment is complaint evidence of its own in a text aimed at the company
/// (a word of role `target`: "you", "your", "service", "staff", "order", …, or an @handle):
/// the complaint score `c` becomes `c + (1 - c) × COMPLAINT_MOOD × (−compound)`, with or
/// without a cue. A negative judgement of the service or staff ("the worst airline, rude
/// staff") is a complaint even without a word for what broke; mood about anything else ("I
/// hate rainy days") is not. 0.5: a wholly negative text aimed at us reaches the middle of the
/// scale on mood alone, below one clear broken-expectation cue (0.5–0.7). Ours.
pub(crate) const COMPLAINT_MOOD: f64 = 0.75;

/// How much the share of negative words ([`Sentiment::negative`], 0..1) adds to the complaint
/// of a text aimed at the company, whatever its compound: `c` becomes
/// `1 - (1 - c) × (1 - COMPLAINT_NEGATIVE_SHARE × negative)`. Courtesy and praise can outweigh
/// a complaint's negative words in the compound ("thanks for the quick reply, but my bag is
/// still missing"); the words are still there. Small, because the compound already carries
/// most of the mood. Ours.
pub(crate) const COMPLAINT_NEGATIVE_SHARE: f64 = 0.2;

/// How much a positive text lowers a complaint that states no clear failure (its cues' complaint
/// score below `CLEAR_FAILURE`): the score is multiplied by `1 - COMPLAINT_PRAISE × compound`.
/// Most texts that are on balance positive and name only a weak failure word report a good
/// experience ("the flight was a bit late but the crew was lovely"). Ours.
pub(crate) const COMPLAINT_PRAISE: f64 = 0.5;

/// The cues' complaint score from which a text states a clear failure: one plain statement of
/// what broke (complaint weight 0.5 and up in `data/urgency_cues.tsv`). Beside it, positive
/// words do not lower the complaint: they are courtesy or sarcasm. Ours.
pub(crate) const CLEAR_FAILURE: f64 = 0.5;

/// Factor applied to the complaint score (once) when the customer owns the mishap
/// ("accidentally", "my fault", "I forgot"; rows with role `own`): what follows is a request
/// for help with it, not a report that we broke an expectation. Ours.
pub(crate) const OWN_MISHAP_FACTOR: f64 = 0.5;

/// Factor applied to the complaint weight of a cue told as a possibility: after a word of role
/// `possible` ("if", "whether", "in case", "might", "likely", "chances") in the same clause and
/// before a comma ("if my flight is cancelled, can I rebook?", "is it likely to be
/// delayed?"). A failure that may happen is no report that it did; the customer may still be
/// worried or have been let down before, so the weight is halved rather than dropped. Its
/// urgency weight is unchanged: a question about what may happen still waits for an answer.
/// Ours.
pub(crate) const POSSIBLE_FACTOR: f64 = 0.5;

/// Complaint weight of a complaint question: a clause opened by `why`, `how come`, `how long`,
/// `what happened` or `where is` and closed by `?` ("why does checkout fail every time?"). A
/// customer who asks why something failed reports that it failed; weaker than saying what
/// broke. Its urgency weight is `ASK_WEIGHT`. Ours.
pub(crate) const ASK_COMPLAINT: f64 = 0.35;

/// Urgency weight of a complaint question (beside its `?`). Ours.
pub(crate) const ASK_WEIGHT: f64 = 0.1;

/// Complaint weight of an elapsed time: `for` + an amount + a unit ("for 2 hours", "for three
/// days") or `since` + a moment ("since Monday", "since yesterday"). Time spent waiting on a
/// service is the most common complaint told without a failure word. Its urgency weight is
/// `ELAPSED_WEIGHT`. Ours.
pub(crate) const ELAPSED_COMPLAINT: f64 = 0.35;

/// Complaint weight of a length of time told with no opener ("2 hours on the tarmac", "3 days
/// and no word"): mostly time waited, but also a plan or a fact ("a 2 hour flight"), so below
/// `ELAPSED_COMPLAINT` (0.35). Ours.
pub(crate) const BARE_ELAPSED_COMPLAINT: f64 = 0.2;

/// Urgency weight of a length of time told with no opener (see `BARE_ELAPSED_COMPLAINT`).
/// Ours.
pub(crate) const BARE_ELAPSED_WEIGHT: f64 = 0.05;

/// Urgency weight of an elapsed time: the customer has waited already. Ours.
pub(crate) const ELAPSED_WEIGHT: f64 = 0.15;

/// How many words back a negation word ("not", "never", "can't", "unable") reaches to cancel
/// a cue (or to turn on a `negated` cue such as "working"), within one clause: the sentiment
/// negation window (`LOOK_BACK_WORDS` (3)).
pub(crate) const NEGATION_REACH: usize = super::LOOK_BACK_WORDS;

/// How many words back `no` reaches ("no rush", "no reply at all"); as for sentiment.
pub(crate) const NO_REACH: usize = 2;

/// Words kept for look-back: the longest cue phrase (5 words) plus one.
const RING: usize = 6;

named_enum! {
    /// What a cue says about the customer's situation. Its name ([`CueKind::as_str`], `Display`,
    /// `FromStr` and serde all use the same one) is snake_case.
    ///
    /// ```
    /// use realboss::signals::CueKind;
    ///
    /// assert_eq!(CueKind::MoneyAtRisk.as_str(), "money_at_risk");
    /// assert_eq!(serde_json::to_string(&CueKind::Stuck)?, "\"stuck\"");
    /// assert_eq!("awaiting_answer".parse::<CueKind>().ok(), Some(CueKind::AwaitingAnswer));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[non_exhaustive]
    #[derive(PartialOrd, Ord)]
    pub enum CueKind as "cue_kind" {
        /// The customer says it is urgent: urgent, asap, immediately, emergency, "right now",
        /// critical.
        UrgentWord = "urgent_word",
        /// The customer cannot go on: stranded, locked out, can't log in, not working, down,
        /// outage, blocked.
        Stuck = "stuck",
        /// The customer's money is at stake: charged twice, fraud, refund, overcharged,
        /// unauthorized charge.
        MoneyAtRisk = "money_at_risk",
        /// Someone's health or safety is at stake: medicine running out, an injury, a gas
        /// leak, a danger ("one dose left tonight", "unsafe", "allergic reaction").
        Safety = "safety",
        /// A deadline or short span: today, tonight, "by 5pm", "in an hour", "tomorrow
        /// morning", deadline.
        TimePressure = "time_pressure",
        /// The customer may leave or escalate outside: cancel, switch provider, lawyer,
        /// chargeback, never again.
        Leaving = "leaving",
        /// The customer waits for our answer: a question, "any update", "still waiting",
        /// "please advise", "please help", "how do I".
        AwaitingAnswer = "awaiting_answer",
        /// Something promised did not happen (the complaint cues): late, lost, never arrived,
        /// ignored, no reply, broken, wrong item, missing, still not.
        BrokenExpectation = "broken_expectation",
    }
}

/// How many kinds of cue there are.
const KINDS: usize = CueKind::ALL.len();

impl CueKind {
    fn index(self) -> usize {
        self as usize
    }
}

/// One cue found in a text: its kind, byte range in the text, and the weight it added.
///
/// `start..end` is a byte range of the text given to the analyzer (a phrase or time pattern
/// spans all its words). `weight` is in `[0, 1)`: the cue's share of the way to certainty in
/// the score `1 - Π(1 - weight)` (for [`Complaint::strongest`], its complaint weight).
///
/// ```
/// use realboss::signals::{Analyzer, AnalyzerConfig, CueKind};
///
/// let analyzer = Analyzer::new(AnalyzerConfig::default())?;
/// let text = "I am locked out of my account";
/// let cue = analyzer.urgency(text).top[0].expect("one cue");
/// assert_eq!(cue.kind, CueKind::Stuck);
/// assert_eq!(&text[cue.start..cue.end], "locked out");
/// assert!(cue.weight > 0.0 && cue.weight < 1.0);
/// # Ok::<(), realboss::Error>(())
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Cue {
    /// What the cue says.
    pub kind: CueKind,
    /// Byte offset of the cue's first byte in the text.
    pub start: usize,
    /// Byte offset just past the cue's last byte.
    pub end: usize,
    /// Weight added, in `[0, 1)`.
    pub weight: f64,
}

impl Cue {
    /// The cue's byte range in the text (`&text[cue.range()]` is the cue as written).
    ///
    /// ```
    /// use realboss::signals::{Analyzer, AnalyzerConfig};
    ///
    /// let analyzer = Analyzer::new(AnalyzerConfig::default())?;
    /// let text = "Please advise.";
    /// let cue = analyzer.urgency(text).top[0].expect("a cue");
    /// assert_eq!(&text[cue.range()], "Please advise");
    /// # Ok::<(), realboss::Error>(())
    /// ```
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// Whether `self` ranks before `other` among the strongest: higher weight, then earlier in
    /// the text, then shorter, then kind order (a total order, so results are deterministic).
    fn stronger_than(&self, other: &Cue) -> bool {
        self.weight
            .total_cmp(&other.weight)
            .reverse()
            .then(self.start.cmp(&other.start))
            .then(self.end.cmp(&other.end))
            .then(self.kind.cmp(&other.kind))
            .is_lt()
    }
}

/// Urgency read from one message's text.
///
/// ```
/// use realboss::signals::{Analyzer, AnalyzerConfig, CueKind};
/// use realboss::Level;
///
/// let analyzer = Analyzer::new(AnalyzerConfig::default())?;
/// let u = analyzer.urgency("URGENT: I'm stranded at the station and my card was declined!!");
/// assert_eq!(u.level, Level::Urgent);
/// assert!(u.marked);
/// assert!(u.unmarked_score < u.score);
/// assert_eq!(u.top[0].map(|c| c.kind), Some(CueKind::Stuck));
///
/// let calm = analyzer.urgency("No rush, whenever you can.");
/// assert_eq!(calm.level, Level::Low);
/// # Ok::<(), realboss::Error>(())
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Urgency {
    /// How urgently the text asks for an answer, `[0, 1]`, always finite: `1 - Π(1 - w)` over
    /// the cues that counted, scaled for a long text (see the
    /// [method](crate::signals#method-1): `LENGTH_WORDS` (40), `EDGE_BYTES` (150)), times
    /// `CALM_FACTOR` (0.4) when the customer says it can wait and `INTRO_FACTOR` (0.6) for a
    /// greeting that asks nothing.
    pub score: f64,
    /// `score` on the one scale: [`Level::Low`] below `NORMAL_THRESHOLD` (0.2), then
    /// [`Level::Normal`], [`Level::High`] from `HIGH_THRESHOLD` (0.5), [`Level::Urgent`] from
    /// `URGENT_THRESHOLD` (0.75).
    pub level: Level,
    /// The score with [`CueKind::UrgentWord`] cues left out, `[0, score]`: what the text says
    /// about the situation rather than its labels, for discounting a customer who marks
    /// everything urgent.
    pub unmarked_score: f64,
    /// Whether an un-negated [`CueKind::UrgentWord`] cue is present.
    pub marked: bool,
    /// Number of un-negated cues that counted (urgency or complaint).
    pub cues: u32,
    /// The strongest cues, strongest first: chosen one per kind as long as kinds last, then the
    /// next strongest of any kind; `None` past the last cue.
    pub top: [Option<Cue>; 3],
    /// Whether the customer says it can wait or that it is solved ("no rush", "whenever you
    /// can", "works now"): then awaiting-answer cues (a question, "could you") do not count,
    /// are not in `top`, and the score of the rest is multiplied by `CALM_FACTOR` (0.4).
    pub calm: bool,
    /// `Some(n)` when the text was longer than
    /// [`AnalyzerConfig::max_text_bytes`](super::AnalyzerConfig::max_text_bytes) and only its
    /// first `n` bytes were read for cues; `None` when the whole text was. Always equal to the
    /// sentiment's [`Coverage::truncated_at`](super::Coverage::truncated_at) for the same text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub truncated_at: Option<usize>,
}

impl Urgency {
    /// The urgency of a text without any cue: score 0, [`Level::Low`].
    ///
    /// ```
    /// use realboss::signals::Urgency;
    ///
    /// assert_eq!(Urgency::none().score, 0.0);
    /// assert_eq!(Urgency::none(), Urgency::default());
    /// ```
    pub fn none() -> Urgency {
        Urgency {
            score: 0.0,
            level: Level::Low,
            unmarked_score: 0.0,
            marked: false,
            cues: 0,
            top: [None; 3],
            calm: false,
            truncated_at: None,
        }
    }
}

impl Default for Urgency {
    fn default() -> Self {
        Urgency::none()
    }
}

/// The [`Level`] of a text's urgency score (the text-urgency scale, not a request's priority)
/// under `NORMAL_THRESHOLD` (0.2), `HIGH_THRESHOLD` (0.5) and
/// `URGENT_THRESHOLD` (0.75). NaN (never produced by the analyzer) is [`Level::Low`].
///
/// ```
/// use realboss::signals::text_urgency_level;
/// use realboss::Level;
///
/// assert_eq!(text_urgency_level(0.0), Level::Low);
/// assert_eq!(text_urgency_level(0.5), Level::High);
/// assert_eq!(text_urgency_level(1.0), Level::Urgent);
/// ```
pub fn text_urgency_level(score: f64) -> Level {
    if score >= URGENT_THRESHOLD {
        Level::Urgent
    } else if score >= HIGH_THRESHOLD {
        Level::High
    } else if score >= NORMAL_THRESHOLD {
        Level::Normal
    } else {
        Level::Low
    }
}

/// A complaint: the customer reports that an expectation was broken. Not the same as negative
/// sentiment ("I hate rainy days" is negative, not a complaint).
///
/// ```
/// use realboss::signals::{Analyzer, AnalyzerConfig};
///
/// let analyzer = Analyzer::new(AnalyzerConfig::default())?;
/// let parcel = "My parcel arrived two weeks late.";
/// let c = analyzer.complaint(parcel);
/// assert!(c.score > 0.4);
/// assert_eq!(&parcel[c.strongest.expect("a cue").range()], "late");
///
/// let weather = analyzer.signals("I hate rainy days.");
/// assert!(weather.sentiment.compound < 0.0);
/// assert_eq!(weather.complaint.score, 0.0);
/// # Ok::<(), realboss::Error>(())
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Complaint {
    /// How clearly the text reports a broken expectation, `[0, 1]`, always finite:
    /// `1 - Π(1 - c)` over the complaint weights `c` of the cues that counted (judgements of
    /// the service only in a text aimed at us), then raised by negative mood (`COMPLAINT_MOOD`
    /// (0.75) in a text aimed at us, else `COMPLAINT_MOOD_NUDGE` (0.25) when above zero) or
    /// lowered by praise when no clear failure is stated (see the
    /// [method](crate::signals#method-1)).
    pub score: f64,
    /// The cue with the largest complaint weight (its `weight` is that complaint weight).
    /// `None` when no cue counted: then the score, if any, is all [`Complaint::mood`].
    pub strongest: Option<Cue>,
    /// The part of `score` that the text's negative mood added, `[0, 1]`: in a text aimed at
    /// the company, negative sentiment is complaint evidence of its own (the words behind it
    /// are those of [`Analyzer::explain`](super::Analyzer::explain)).
    pub mood: f64,
}

impl Complaint {
    /// No complaint: score 0.
    ///
    /// ```
    /// assert_eq!(realboss::signals::Complaint::none().score, 0.0);
    /// ```
    pub fn none() -> Complaint {
        Complaint {
            score: 0.0,
            strongest: None,
            mood: 0.0,
        }
    }
}

impl Default for Complaint {
    fn default() -> Self {
        Complaint::none()
    }
}

/// Adds the text's negative mood to its complaint: as evidence of its own in a text aimed at
/// the company (`COMPLAINT_MOOD` (0.5)), else as a nudge to a complaint its cues found
/// (`COMPLAINT_MOOD_NUDGE` (0.25)).
pub(super) fn nudged(complaint: Complaint, sentiment: &Sentiment, aimed: bool) -> Complaint {
    let c = complaint.score;
    let weight = if aimed {
        COMPLAINT_MOOD
    } else if c > 0.0 {
        COMPLAINT_MOOD_NUDGE
    } else {
        0.0
    };
    let compound = sentiment.compound.clamp(-1.0, 1.0);
    let score = if weight > 0.0 && compound < 0.0 {
        c + (1.0 - c) * weight * -compound
    } else if compound > 0.0 && c < CLEAR_FAILURE {
        // Praise lowers a complaint that states no clear failure; beside a clear one the
        // positive words are courtesy or sarcasm ("great, another delay").
        c * (1.0 - COMPLAINT_PRAISE * compound)
    } else {
        c
    };
    // Negative words aimed at us count even where courtesy or praise outweighs them in the
    // compound ("thanks for the quick reply, but my bag is still missing").
    let score = if aimed {
        1.0 - (1.0 - score) * (1.0 - COMPLAINT_NEGATIVE_SHARE * sentiment.negative.clamp(0.0, 1.0))
    } else {
        score
    };
    let score = score.clamp(0.0, 1.0);
    Complaint {
        score,
        mood: (score - c).max(0.0),
        ..complaint
    }
}

// ---------------------------------------------------------------------------------------------
// The cue table at run time.

/// Flag bits of a [`CueEntry`]. Short names because the generated table spells them out.
pub(crate) mod cue_flag {
    /// Counts as a cue of its kind unless negated.
    pub(crate) const CUE: u32 = 1 << 0;
    /// Counts as a cue of its kind only when negated ("not working").
    pub(crate) const NEGATED: u32 = 1 << 1;
    /// Says the message can wait or is solved.
    pub(crate) const CALM: u32 = 1 << 2;
    /// A negation word (sentiment's, or a cue-only one such as "unable").
    pub(crate) const NEG: u32 = 1 << 3;
    /// The word "no" (reaches `NO_REACH` (2) words).
    pub(crate) const NO: u32 = 1 << 4;
    /// Opens a deadline ("by", "before", "until").
    pub(crate) const BY: u32 = 1 << 5;
    /// Opens a short span ("in", "within").
    pub(crate) const WITHIN: u32 = 1 << 6;
    /// A moment a deadline can name ("tomorrow", "noon", "friday").
    pub(crate) const TIME_POINT: u32 = 1 << 7;
    /// A short span unit ("minutes", "hours").
    pub(crate) const TIME_UNIT: u32 = 1 << 8;
    /// An amount word inside a short span ("an", "a few", "the next").
    pub(crate) const COUNT: u32 = 1 << 9;
    /// "am" or "pm".
    pub(crate) const MERIDIEM: u32 = 1 << 10;
    /// A multi-word entry.
    pub(crate) const PHRASE: u32 = 1 << 11;
    /// A word form found through its Snowball stem (a `~` row of the data).
    pub(crate) const FORM: u32 = 1 << 12;
    /// Some phrase starts with this word.
    pub(crate) const START: u32 = 1 << 13;
    /// A phrase of 2 words ends with this word.
    pub(crate) const END2: u32 = 1 << 14;
    /// A phrase of 3 words ends with this word.
    pub(crate) const END3: u32 = 1 << 15;
    /// A phrase of 4 words ends with this word.
    pub(crate) const END4: u32 = 1 << 16;
    /// A phrase of 5 words ends with this word.
    pub(crate) const END5: u32 = 1 << 17;
    /// A phrase that holds a cue word but is no cue ("thanks for your help", "can't wait"):
    /// matching it only keeps its words from counting.
    pub(crate) const PLAIN: u32 = 1 << 18;
    /// The customer reports the problem solved ("works now", "it turned up"): with no
    /// negation before it and no cue counted in the message, the message is a closure
    /// ([`Signals::resolved`](crate::signals::Signals::resolved)).
    pub(crate) const RESOLVED: u32 = 1 << 19;
    /// Opens quoted history when a `:` follows ("… wrote:", "original message:"): the cues
    /// after it are an earlier message's, and do not count.
    pub(crate) const QUOTE: u32 = 1 << 20;
    /// Greets a group, introduces the writer or shares a view ("hello everyone", "introduce
    /// myself", "in my opinion"): a social post, not a request; the urgency score is multiplied by `INTRO_FACTOR` (0.6).
    pub(crate) const INTRO: u32 = 1 << 21;
    /// Opens an elapsed time ("for" in "for 2 hours"): `ELAPSED_WEIGHT` rule.
    pub(crate) const ELAPSED: u32 = 1 << 22;
    /// A long span unit ("days", "weeks") that can close an elapsed time.
    pub(crate) const LONG_UNIT: u32 = 1 << 23;
    /// Tells of something done ("answered", "arrived", "took"): a short span in its clause is
    /// descriptive ("answered in two minutes"), not a deadline.
    pub(crate) const DONE: u32 = 1 << 24;
    /// Opens a complaint question ("why", "how long", "what happened"): counts when its clause
    /// ends in `?` (`ASK_COMPLAINT`).
    pub(crate) const ASK: u32 = 1 << 25;
    /// Names or addresses the company or its service ("you", "your", "service", "staff",
    /// "order"): negative mood in such a text is aimed at us (`COMPLAINT_MOOD`).
    pub(crate) const TARGET: u32 = 1 << 26;
    /// "since": with a moment after it ("since Monday") an elapsed time.
    pub(crate) const SINCE: u32 = 1 << 27;
    /// The customer owns the mishap ("accidentally", "my fault"): `OWN_MISHAP_FACTOR`.
    pub(crate) const OWN: u32 = 1 << 28;
    /// A judgement of the service or staff ("worst", "rude", "useless"; role `judgement`): a
    /// cue whose complaint weight counts only in a text aimed at the company.
    pub(crate) const JUDGE: u32 = 1 << 29;
    /// Tells that what follows in its clause, up to a comma, may happen ("if", "whether",
    /// "might"): complaint weights there are `POSSIBLE_FACTOR` of theirs.
    pub(crate) const POSSIBLE: u32 = 1 << 30;
    /// All phrase-end bits.
    pub(crate) const ENDS: u32 = END2 | END3 | END4 | END5;
}

use cue_flag as flag;

/// One row of the cue table: a folded word or phrase.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct CueEntry {
    /// The folded key (words joined by one space).
    pub(crate) key: &'static str,
    /// The kind, for [`cue_flag::CUE`] and [`cue_flag::NEGATED`] rows.
    pub(crate) kind: Option<CueKind>,
    /// Urgency weight, `[0, 1)`.
    pub(crate) weight: f64,
    /// Complaint weight, `[0, 1)`.
    pub(crate) complaint: f64,
    /// [`cue_flag`] bits.
    pub(crate) flags: u32,
    /// The word marks of `reading.rs` (tone, English function word, closing), so that one
    /// look-up serves the cue pass and the reading; 0 in the generated rows, set when the index
    /// is built.
    pub(crate) marks: u16,
}

impl Keyed for CueEntry {
    #[inline(always)]
    fn key(&self) -> &'static str {
        self.key
    }
}

/// Builds a row; the generated table calls it once per row.
pub(crate) const fn c(
    key: &'static str,
    kind: Option<CueKind>,
    weight: f64,
    complaint: f64,
    flags: u32,
) -> CueEntry {
    CueEntry {
        key,
        kind,
        weight,
        complaint,
        flags,
        marks: 0,
    }
}

/// The index of the English cue table, with the marked words of `reading.rs` merged in: a
/// listed word that is a cue row gets its marks there, any other becomes a row that is no cue
/// (no kind, no flags), which the cue pass reads as a word without an entry. Built once per
/// process; the merged rows are leaked once, as the index borrows them for the process's life.
static ENGLISH_CUES: LazyLock<Lexicon<CueEntry>> = LazyLock::new(|| {
    let mut rows: Vec<CueEntry> = CUES.to_vec();
    for (key, marks) in marked_words() {
        match rows.iter_mut().find(|r| r.key == key) {
            Some(row) => row.marks |= marks,
            None => rows.push(CueEntry {
                marks,
                ..c(key, None, 0.0, 0.0, 0)
            }),
        }
    }
    Lexicon::build(Vec::leak(rows))
});

/// The table of words (cue rows and marked words), for the reading's word marks in any
/// language.
pub(super) fn word_table() -> &'static Lexicon<CueEntry> {
    &ENGLISH_CUES
}

/// The cue table for `language`, if it has one.
pub(super) fn table_for(language: Language) -> Option<&'static Lexicon<CueEntry>> {
    match language {
        Language::English => Some(&ENGLISH_CUES),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// The cue pass.

/// What the pass reports to an explanation; a no-op for plain scoring.
pub(super) trait CueRecorder {
    fn counted(&mut self, _cue: Cue) {}
    fn negated(&mut self, _cue: Cue) {}
    fn calm(&mut self, _range: Range<usize>) {}
}

pub(super) struct NoCueRecord;

impl CueRecorder for NoCueRecord {}

/// A cue found on a word, settled when the word leaves the look-back ring (a phrase ending
/// later may still absorb the word and its cue).
#[derive(Debug, Clone, Copy)]
struct Pending {
    cue: Cue,
    complaint: f64,
    /// A judgement of the service or staff (role `judgement`): its complaint weight counts
    /// only in a text aimed at the company.
    judgement: bool,
    /// Counts (`false`: cancelled by a negation, reported as negated).
    counts: bool,
}

/// A word in the look-back ring.
#[derive(Debug, Clone, Copy, Default)]
struct Word {
    start: usize,
    end: usize,
    flags: u32,
    clause: u32,
    /// Punctuation other than `-` stood between this word and the previous one.
    gap_before: bool,
    /// A number of one to four ASCII digits (an amount, or an hour).
    number: bool,
    /// A length of time: a unit after an amount ("2 hours", "a day") or a number with its unit
    /// ("2hr", "30min").
    duration: bool,
    pending: Option<Pending>,
}

/// Flags of rows that set the pass's state (closure, quotes, introductions, targets, done,
/// complaint questions, possibilities).
const SITUATION_FLAGS: u32 = flag::RESOLVED
    | flag::QUOTE
    | flag::INTRO
    | flag::TARGET
    | flag::DONE
    | flag::ASK
    | flag::OWN
    | flag::POSSIBLE;

/// The cue table's phrase bits, for the shared phrase matcher.
const PHRASE_FLAGS: PhraseFlags = PhraseFlags {
    start: flag::START,
    ends: [flag::END2, flag::END3, flag::END4, flag::END5],
    phrase: flag::PHRASE,
};

impl PhraseWord for Word {
    #[inline(always)]
    fn span(&self) -> (usize, usize) {
        (self.start, self.end)
    }
    #[inline(always)]
    fn flags(&self) -> u32 {
        self.flags
    }
    #[inline(always)]
    fn gap_before(&self) -> bool {
        self.gap_before
    }
    /// A cue phrase stays within one clause.
    #[inline(always)]
    fn may_join(&self, last: &Self) -> bool {
        self.clause == last.clause
    }
}

impl phrase::PhraseEntry for CueEntry {
    #[inline(always)]
    fn flags(&self) -> u32 {
        self.flags
    }
}

/// State of the clock-time rule after `by` + a bare hour ("by 5" then "pm", or ":" "30").
#[derive(Debug, Clone, Copy, PartialEq)]
enum Clock {
    None,
    /// `by` + hour seen; the deadline starts at the byte given.
    Hour(usize),
    /// `by` + hour + `:` seen.
    Colon(usize),
}

/// Running products and the strongest cues.
#[derive(Debug, Clone, Copy)]
struct Tally {
    /// Π(1 - w) over all counted cues.
    keep: f64,
    /// Π(1 - w) over counted cues that are not [`CueKind::UrgentWord`].
    keep_unmarked: f64,
    /// Π(1 - w) over counted cues that are not [`CueKind::AwaitingAnswer`] (what a calm
    /// message counts), and over those that are not [`CueKind::UrgentWord`] either.
    keep_unasked: f64,
    keep_unasked_unmarked: f64,
    /// Π(1 - c) over counted complaint weights.
    keep_complaint: f64,
    /// Π(1 - c) over the complaint weights of counted judgements (role `judgement`).
    keep_judged: f64,
    /// The strongest judgement, as a complaint cue.
    strongest_judged: Option<Cue>,
    marked: bool,
    cues: u32,
    /// Per kind, the largest weight of a counted cue that is not a bare question.
    strongest_of_kind: [f64; KINDS],
    /// Bare questions counted.
    questions: u32,
    best_of_kind: [Option<Cue>; KINDS],
    top: [Option<Cue>; 3],
    strongest_complaint: Option<Cue>,
}

impl Tally {
    fn new() -> Tally {
        Tally {
            keep: 1.0,
            keep_unmarked: 1.0,
            keep_unasked: 1.0,
            keep_unasked_unmarked: 1.0,
            keep_complaint: 1.0,
            keep_judged: 1.0,
            strongest_judged: None,
            marked: false,
            cues: 0,
            strongest_of_kind: [0.0; KINDS],
            questions: 0,
            best_of_kind: [None; KINDS],
            top: [None; 3],
            strongest_complaint: None,
        }
    }

    fn count(&mut self, cue: Cue, complaint: f64, question: bool, judgement: bool) {
        self.cues = self.cues.saturating_add(1);
        self.keep *= 1.0 - cue.weight;
        if question {
            self.questions = self.questions.saturating_add(1);
        } else {
            let held = &mut self.strongest_of_kind[cue.kind.index()];
            *held = held.max(cue.weight);
        }
        if cue.kind == CueKind::UrgentWord {
            self.marked = true;
        } else {
            self.keep_unmarked *= 1.0 - cue.weight;
        }
        if cue.kind != CueKind::AwaitingAnswer {
            self.keep_unasked *= 1.0 - cue.weight;
            if cue.kind != CueKind::UrgentWord {
                self.keep_unasked_unmarked *= 1.0 - cue.weight;
            }
        }
        if complaint > 0.0 {
            // A judgement waits apart until the text is known to be aimed at us.
            let (keep, strongest) = if judgement {
                (&mut self.keep_judged, &mut self.strongest_judged)
            } else {
                (&mut self.keep_complaint, &mut self.strongest_complaint)
            };
            *keep *= 1.0 - complaint;
            let as_complaint = Cue {
                weight: complaint,
                ..cue
            };
            if strongest.is_none_or(|held| as_complaint.stronger_than(&held)) {
                *strongest = Some(as_complaint);
            }
        }
        if cue.weight <= 0.0 {
            return;
        }
        let slot = &mut self.best_of_kind[cue.kind.index()];
        if slot.is_none_or(|held| cue.stronger_than(&held)) {
            *slot = Some(cue);
        }
        insert_strongest(&mut self.top, cue);
    }

    /// The scores of a text of `words` words; its judgements count as complaints when it is
    /// `aimed` at the company.
    fn finish(&self, calm: bool, words: u32, aimed: bool) -> (Urgency, Complaint) {
        if self.cues == 0 {
            // Nothing counted: no products to read and no cues to order.
            return (Urgency::none(), Complaint::none());
        }
        let factor = if calm { CALM_FACTOR } else { 1.0 };
        let length = if words > LENGTH_WORDS {
            (f64::from(LENGTH_WORDS) / f64::from(words)).sqrt()
        } else {
            1.0
        };
        // Distinct kinds of evidence count in full however long the text; repetition and
        // weak cues are what the length scales.
        // A calm message asks nothing that cannot wait: its awaiting-answer cues (a question,
        // "could you") do not count.
        let counts = |kind: CueKind| !calm || kind != CueKind::AwaitingAnswer;
        let distinct = |skip: Option<CueKind>| {
            let kept = CueKind::ALL
                .iter()
                .filter(|&&k| counts(k) && skip != Some(k))
                .map(|k| 1.0 - self.strongest_of_kind[k.index()])
                .product::<f64>();
            1.0 - kept
        };
        let (keep, keep_unmarked) = if calm {
            (self.keep_unasked, self.keep_unasked_unmarked)
        } else {
            (self.keep, self.keep_unmarked)
        };
        let aggregate =
            |keep: f64, distinct: f64| ((1.0 - keep) * length).max(distinct.min(1.0 - keep));
        let score = (aggregate(keep, distinct(None)) * factor).clamp(0.0, 1.0);
        // Without an urgency word, the unmarked score is the score.
        let unmarked = if self.marked {
            let unmarked = aggregate(keep_unmarked, distinct(Some(CueKind::UrgentWord)));
            (unmarked * factor).clamp(0.0, score)
        } else {
            score
        };
        // One cue per kind first, then the strongest of any kind not already shown.
        let mut top = [None; 3];
        for cue in self
            .best_of_kind
            .iter()
            .flatten()
            .filter(|c| counts(c.kind))
        {
            insert_strongest(&mut top, *cue);
        }
        let mut filled = top.iter().filter(|c| c.is_some()).count();
        for cue in self.top.iter().flatten().filter(|c| counts(c.kind)) {
            if filled == top.len() {
                break;
            }
            if !top.contains(&Some(*cue)) {
                top[filled] = Some(*cue);
                filled += 1;
            }
        }
        // The set prefers distinct kinds; its order is by strength alone.
        let chosen = top;
        top = [None; 3];
        for cue in chosen.iter().flatten() {
            insert_strongest(&mut top, *cue);
        }
        let urgency = Urgency {
            score,
            level: text_urgency_level(score),
            unmarked_score: unmarked,
            marked: self.marked,
            cues: self.cues,
            top,
            calm,
            truncated_at: None,
        };
        let (keep_complaint, strongest) = if aimed {
            let strongest = match (self.strongest_complaint, self.strongest_judged) {
                (Some(a), Some(b)) => Some(if b.stronger_than(&a) { b } else { a }),
                (a, b) => a.or(b),
            };
            (self.keep_complaint * self.keep_judged, strongest)
        } else {
            (self.keep_complaint, self.strongest_complaint)
        };
        let complaint = Complaint {
            score: (1.0 - keep_complaint).clamp(0.0, 1.0),
            strongest,
            mood: 0.0,
        };
        (urgency, complaint)
    }
}

/// Puts `cue` into the strongest-first list `top` if it is stronger than its weakest.
fn insert_strongest(top: &mut [Option<Cue>; 3], cue: Cue) {
    let mut at = top.len();
    for (i, held) in top.iter().enumerate() {
        match held {
            Some(held) if !cue.stronger_than(held) => {}
            _ => {
                at = i;
                break;
            }
        }
    }
    if at < top.len() {
        // Shift the weaker ones down by hand: `rotate_right` on three elements costs a
        // `memmove` call per insert on the hot path.
        let mut i = top.len() - 1;
        while i > at {
            top[i] = top[i - 1];
            i -= 1;
        }
        top[at] = Some(cue);
    }
}

/// What a cue pass tells of a text besides its scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct TextFacts {
    /// A closure phrase with no negation before it, and no cue counted.
    pub(super) resolved: bool,
    /// A word naming or addressing the company (role `target`) was read.
    pub(super) aimed: bool,
}

/// One left-to-right pass over a text's tokens that finds urgency and complaint cues.
pub(super) struct CuePass<'t, R: CueRecorder, M: MarkReader = ()> {
    text: &'t str,
    table: Option<&'static Lexicon<CueEntry>>,
    ring: LookBack<Word, RING>,
    clause: u32,
    /// Words in the current clause (a `?` needs one).
    clause_words: u32,
    /// Words read (word and emoji tokens), for the length-robust aggregate (`LENGTH_WORDS`).
    words: u32,
    gap: bool,
    clock: Clock,
    calm: bool,
    /// A group greeting or introduction was read (`INTRO_FACTOR`).
    intro: bool,
    /// A closure phrase was read with no negation before it.
    resolved: bool,
    /// The previous word opens quoted history if a `:` follows.
    quote_opener: bool,
    /// Quoted history: the rest of the text (after "… wrote:"), or the current line (after a
    /// `>` that opens it). Its cues do not count.
    quoted_rest: bool,
    quoted_line: bool,
    /// `quoted_rest || quoted_line`, kept as one flag for the per-token test.
    quoting: bool,
    /// No token yet on the current line (a `>` here opens a quoted line).
    line_start: bool,
    /// End of the previous token, to see line breaks between tokens.
    prev_end: usize,
    /// A word naming or addressing the company was read.
    target: bool,
    /// The customer owns the mishap (`OWN_MISHAP_FACTOR`).
    own: bool,
    /// The current clause tells of something done (a short span in it is descriptive).
    clause_done: bool,
    /// Where the complaint-question opener of the current clause starts, if it has one.
    clause_ask: Option<usize>,
    /// The rest of the current clause, up to a comma, tells what may happen
    /// (`POSSIBLE_FACTOR`).
    clause_possible: bool,
    tally: Tally,
    pub(super) record: R,
    /// The reading's word marks, fed from this pass's look-ups (`()`: none).
    pub(super) marks: M,
}

impl<R: CueRecorder, M: MarkReader> TokenSink for CuePass<'_, R, M> {
    #[inline]
    fn token(&mut self, token: Token<'_>, fold: Fold<'_>) {
        CuePass::token(self, token, fold);
    }
}

impl<'t, R: CueRecorder> CuePass<'t, R> {
    pub(super) fn new(text: &'t str, table: Option<&'static Lexicon<CueEntry>>, record: R) -> Self {
        CuePass::with_marks(text, table, record, ())
    }
}

impl<'t, R: CueRecorder, M: MarkReader> CuePass<'t, R, M> {
    /// A cue pass that also feeds the reading's word marks.
    pub(super) fn with_marks(
        text: &'t str,
        table: Option<&'static Lexicon<CueEntry>>,
        record: R,
        marks: M,
    ) -> Self {
        CuePass {
            text,
            table,
            ring: LookBack::new(),
            clause: 0,
            clause_words: 0,
            words: 0,
            gap: false,
            clock: Clock::None,
            calm: false,
            intro: false,
            resolved: false,
            quote_opener: false,
            quoted_rest: false,
            quoted_line: false,
            quoting: false,
            line_start: true,
            prev_end: 0,
            target: false,
            own: false,
            clause_done: false,
            clause_ask: None,
            clause_possible: false,
            tally: Tally::new(),
            record,
            marks,
        }
    }

    /// Reads one token; `fold` is the feeding pass's fold of it, if it made one.
    #[inline(always)]
    pub(super) fn token(&mut self, token: Token<'_>, fold: Fold<'_>) {
        self.marks.token(token);
        // Only white space stands between tokens: a line break there starts a new line.
        let between = self.text.as_bytes().get(self.prev_end..token.start());
        if between.is_some_and(has_newline) {
            self.line_start = true;
            if self.quoted_line {
                self.quoted_line = false;
                self.quoting = self.quoted_rest;
            }
        }
        self.prev_end = token.end();
        let line_start = std::mem::replace(&mut self.line_start, false);
        if self.quoting {
            self.quoted(token);
            return;
        }
        let clock = std::mem::replace(&mut self.clock, Clock::None);
        match token.kind() {
            TokenKind::Punctuation => {
                let quote_opener = std::mem::take(&mut self.quote_opener);
                match token.punctuation_byte() {
                    b'>' if line_start => {
                        self.quoted_line = true;
                        self.quoting = true;
                    }
                    b':' if quote_opener => {
                        self.quoted_rest = true;
                        self.quoting = true;
                    }
                    _ => {}
                }
                self.punctuation(token, clock);
            }
            // A handle or address is no cue; like punctuation, it parts the words around it. A
            // handle addresses someone, mostly the company ("@united"), so the text is aimed
            // at us; and it names whom a text quotes ("RT @ann:"), so a quote opener stays open
            // across it.
            TokenKind::Mention => {
                self.gap = true;
                self.target = true;
            }
            TokenKind::Url | TokenKind::Email => self.gap = true,
            _ => {
                self.quote_opener = false;
                self.word(token, clock, fold);
            }
        }
    }

    /// A token of quoted history: the reading's marks still see it; no cue counts.
    #[cold]
    fn quoted(&mut self, token: Token<'_>) {
        match token.kind() {
            TokenKind::Word => self.marks.word(token, Looked::No),
            TokenKind::Punctuation if token.punctuation_byte() == b'!' => self.marks.exclamation(),
            TokenKind::Punctuation | TokenKind::Mention | TokenKind::Url | TokenKind::Email => {}
            _ => self.marks.emoji(token),
        }
    }

    fn punctuation(&mut self, token: Token<'_>, clock: Clock) {
        // Written or as an HTML entity (`&#63;` is a `?`).
        match token.punctuation_byte() {
            // A `?` inside a contraction stands for an apostrophe lost in encoding ("I can?t",
            // "it?s"), not a question.
            b'?' if self.in_contraction(token) => {}
            b'?' => {
                if let Some(start) = self.clause_ask {
                    self.count_now(
                        Cue {
                            kind: CueKind::BrokenExpectation,
                            start,
                            end: token.end(),
                            weight: ASK_WEIGHT,
                        },
                        ASK_COMPLAINT,
                        false,
                        false,
                    );
                }
                if self.clause_words > 0 {
                    self.count_now(
                        Cue {
                            kind: CueKind::AwaitingAnswer,
                            start: token.start(),
                            end: token.end(),
                            weight: QUESTION_WEIGHT,
                        },
                        0.0,
                        true,
                        false,
                    );
                }
                self.break_clause();
            }
            b'!' => {
                self.marks.exclamation();
                self.break_clause();
            }
            b':' => {
                if let Clock::Hour(start) = clock {
                    self.clock = Clock::Colon(start);
                }
                self.break_clause();
            }
            b'.' | b';' => self.break_clause(),
            b'-' => {}
            // A comma ends a condition ("if it is late, …"), not the clause.
            b',' => {
                self.clause_possible = false;
                self.gap = true;
            }
            _ => self.gap = true,
        }
    }

    /// Whether `token` stands where a contraction's apostrophe would: right after a letter,
    /// and followed by one or two lower-case letters that end the word ("can?t", "we?re").
    fn in_contraction(&self, token: Token<'_>) -> bool {
        let bytes = self.text.as_bytes();
        if token.start() == 0 || !bytes[token.start() - 1].is_ascii_alphabetic() {
            return false;
        }
        let tail = &bytes[token.end()..];
        let letters = tail
            .iter()
            .take(3)
            .take_while(|b| b.is_ascii_lowercase())
            .count();
        (1..=2).contains(&letters) && !tail.get(letters).is_some_and(u8::is_ascii_alphanumeric)
    }

    fn break_clause(&mut self) {
        self.clause = self.clause.wrapping_add(1);
        self.clause_words = 0;
        self.clause_done = false;
        self.clause_ask = None;
        self.clause_possible = false;
        self.gap = true;
    }

    fn word(&mut self, token: Token<'_>, clock: Clock, fold: Fold<'_>) {
        let entry = if token.kind() == TokenKind::Word {
            let text = token.as_str();
            // A fold this pass makes itself, when the feeding pass made none.
            let own: Option<Folded>;
            // The row of the word, and what the reading's marks may take from its look-up:
            // the table is the word table, so its row's marks are the word's.
            // A word with an apostrophe entity is looked up by its fold, like a non-ASCII one.
            let ascii = token.is_ascii() && token.entity().is_none();
            let marks = |entry: Option<&CueEntry>| entry.map_or(0, |e| e.marks);
            let (entry, looked) = match (self.table, fold) {
                (None, _) => (None, Looked::No),
                (Some(table), Fold::Done(Some(key))) => {
                    let entry = table.find(key);
                    let looked = if ascii {
                        Looked::ascii(marks(entry))
                    } else {
                        Looked::folded(marks(entry), key.bytes())
                    };
                    (entry, looked)
                }
                (Some(_), Fold::Done(None)) if ascii => (None, Looked::ascii(0)),
                (Some(_), Fold::Done(None)) => (None, Looked::No),
                (Some(_), Fold::Pending) if ascii && text.len() > Folded::MAX_LEN => {
                    (None, Looked::ascii(0))
                }
                (Some(table), Fold::Pending) if ascii => {
                    let entry = table.get(text.as_bytes());
                    (entry, Looked::ascii(marks(entry)))
                }
                (Some(table), Fold::Pending) => {
                    own = Folded::new(text);
                    match own.as_ref() {
                        Some(f) => {
                            let entry = table.get(f.as_bytes());
                            (entry, Looked::folded(marks(entry), f.as_bytes()))
                        }
                        None => (None, Looked::No),
                    }
                }
            };
            self.marks.word(token, looked);
            entry
        } else {
            self.marks.emoji(token);
            None
        };
        let text = token.as_str().as_bytes();
        let digits = text.iter().take_while(|b| b.is_ascii_digit()).count();
        let mut word = Word {
            start: token.start(),
            end: token.end(),
            flags: entry.map_or(0, |e| e.flags),
            clause: self.clause,
            gap_before: std::mem::take(&mut self.gap),
            number: (1..=4).contains(&digits) && digits == text.len(),
            duration: false,
            pending: None,
        };
        self.clause_words = self.clause_words.saturating_add(1);
        self.words = self.words.saturating_add(1);
        let mut entry = entry;

        // A phrase ending here replaces its words (and their cues); it keeps their negations,
        // so that "still not" still negates "working".
        if word.flags & flag::ENDS != 0
            && !word.gap_before
            && let Some(table) = self.table
            && let Some((phrase, n)) =
                phrase::longest_ending(self.text, table, &self.ring, &word, &PHRASE_FLAGS)
        {
            let mut inherited = word.flags & (flag::NEG | flag::NO);
            for _ in 1..n {
                if let Some(absorbed) = self.ring.pop() {
                    word.start = absorbed.start;
                    inherited |= absorbed.flags & (flag::NEG | flag::NO);
                }
            }
            word.flags = phrase.flags | inherited;
            entry = Some(phrase);
        }

        if let Some(e) = entry {
            if e.flags & flag::CALM != 0 {
                self.calm = true;
                self.record.calm(word.start..word.end);
            }
            if e.flags & SITUATION_FLAGS != 0 {
                self.situation_row(e.flags, word.clause, word.start..word.end);
            }
            if let Some(kind) = e.kind
                && e.flags & (flag::CUE | flag::NEGATED) != 0
            {
                let negation = self.negation_before(word.clause);
                let negated = negation.is_some();
                let counts = if e.flags & flag::CUE != 0 {
                    !negated
                } else {
                    negated
                };
                // The specific cue replaces the generic one of its negation word: "can't log
                // in" is one Stuck cue, not "can't" and "log in".
                if e.flags & flag::NEGATED != 0
                    && let Some(back) = negation
                    && let Some(neg) = self.ring.get_mut(back)
                    && neg.flags & flag::PHRASE == 0
                {
                    // Only a negation word's own cue; a phrase such as "still not" keeps its.
                    neg.pending = None;
                }
                // A `negated` row without a negation is no cue at all ("it works").
                if counts || e.flags & flag::CUE != 0 {
                    word.pending = Some(Pending {
                        cue: Cue {
                            kind,
                            start: word.start,
                            end: word.end,
                            weight: e.weight,
                        },
                        complaint: if self.clause_possible {
                            e.complaint * POSSIBLE_FACTOR
                        } else {
                            e.complaint
                        },
                        judgement: e.flags & flag::JUDGE != 0,
                        counts,
                    });
                }
            }
        }

        self.time_rules(&mut word, text, digits, clock);

        if self.ring.len() == RING {
            self.settle_oldest();
        }
        self.ring.push(word);
    }

    /// The deadline, short-span and elapsed-time rules (`DEADLINE_WEIGHT` (0.45),
    /// `SHORT_SPAN_WEIGHT` (0.4), `ELAPSED_WEIGHT` (0.15)).
    fn time_rules(&mut self, word: &mut Word, text: &[u8], digits: usize, clock: Clock) {
        // Every rule needs a pending clock, a digit or one of these flags on this word: most
        // words leave here.
        const TIME_FLAGS: u32 =
            flag::MERIDIEM | flag::TIME_POINT | flag::TIME_UNIT | flag::LONG_UNIT | flag::ELAPSED;
        if matches!(clock, Clock::None) && digits == 0 && word.flags & TIME_FLAGS == 0 {
            return;
        }
        self.time_rules_for(word, text, digits, clock);
    }

    /// [`CuePass::time_rules`] for a word that may take part in one.
    fn time_rules_for(&mut self, word: &mut Word, text: &[u8], digits: usize, clock: Clock) {
        let elapsed = |start: usize, end: usize| Pending {
            cue: Cue {
                kind: CueKind::BrokenExpectation,
                start,
                end,
                weight: ELAPSED_WEIGHT,
            },
            complaint: ELAPSED_COMPLAINT,
            judgement: false,
            counts: true,
        };
        let deadline = |start: usize, end: usize| Pending {
            cue: Cue {
                kind: CueKind::TimePressure,
                start,
                end,
                weight: DEADLINE_WEIGHT,
            },
            complaint: 0.0,
            judgement: false,
            counts: true,
        };
        // "by 5" + "pm", "by 5" + ":" + "30".
        match clock {
            Clock::Hour(start) if word.flags & flag::MERIDIEM != 0 && !word.gap_before => {
                word.pending = Some(deadline(start, word.end));
                return;
            }
            Clock::Colon(start) if (word.number && digits == 2) || is_clock_word(text, 2) => {
                word.pending = Some(deadline(start, word.end));
                return;
            }
            _ => {}
        }
        let prev = self
            .ring
            .get(0)
            .filter(|p| p.clause == word.clause && !word.gap_before);
        if let Some(prev) = prev
            && prev.flags & flag::BY != 0
        {
            let start = prev.start;
            if word.flags & flag::TIME_POINT != 0 || is_clock_word(text, 1) {
                word.pending = Some(deadline(start, word.end));
                return;
            }
            if word.number && digits <= 2 {
                self.clock = Clock::Hour(start);
            }
        }
        // "before my exam", "by the end of": one or two amount words between.
        if word.flags & flag::TIME_POINT != 0 && !word.gap_before {
            for back in 1..3 {
                let (Some(p), Some(next)) = (self.ring.get(back), self.ring.get(back - 1)) else {
                    break;
                };
                if p.clause != word.clause || next.gap_before || next.flags & flag::COUNT == 0 {
                    break;
                }
                if p.flags & flag::BY != 0 {
                    word.pending = Some(deadline(p.start, word.end));
                    return;
                }
            }
        }
        // "since" + a moment: time already waited.
        if let Some(prev) = prev
            && prev.flags & flag::SINCE != 0
            && word.flags & flag::TIME_POINT != 0
        {
            word.pending = Some(elapsed(prev.start, word.end));
            return;
        }
        // "2hr", "30min": a number with its unit is a length of time of its own.
        if (1..=4).contains(&digits) && digits < text.len() && self.unit_suffix(&text[digits..]) {
            word.duration = true;
            if let Some(prev) = prev
                && prev.flags & flag::ELAPSED != 0
            {
                word.pending = Some(elapsed(prev.start, word.end));
                return;
            }
        }
        // "a 2 hour wait", "2 hours and counting": an elapsed word right after a length
        // (a word with a stronger complaint of its own, "two weeks late", keeps it).
        if word.flags & flag::ELAPSED != 0
            && let Some(prev) = prev
            && prev.duration
            && word.pending.is_none_or(|p| p.complaint < ELAPSED_COMPLAINT)
        {
            word.pending = Some(elapsed(prev.start, word.end));
            return;
        }
        // "in" / "within" + amount words or a number + "minutes" / "hours".
        if word.flags & (flag::TIME_UNIT | flag::LONG_UNIT) != 0 && !word.gap_before {
            // A span ahead ("in 3 days", "the next 2 hours") is no time waited.
            let mut ahead = false;
            for back in 0..4 {
                let Some(p) = self.ring.get(back) else { break };
                if p.clause != word.clause {
                    break;
                }
                ahead |=
                    p.flags & flag::WITHIN != 0 || &self.text.as_bytes()[p.start..p.end] == b"next";
                // "for 2 hours", "for three days": time already waited.
                if back > 0 && p.flags & flag::ELAPSED != 0 {
                    word.pending = Some(elapsed(p.start, word.end));
                    return;
                }
                // A short span in a clause that tells of something done is descriptive
                // ("answered in two minutes"); a long unit is never a short span.
                if back > 0
                    && p.flags & flag::WITHIN != 0
                    && word.flags & flag::TIME_UNIT != 0
                    && !self.clause_done
                {
                    let start = p.start;
                    word.pending = Some(Pending {
                        cue: Cue {
                            kind: CueKind::TimePressure,
                            start,
                            end: word.end,
                            weight: SHORT_SPAN_WEIGHT,
                        },
                        complaint: 0.0,
                        judgement: false,
                        counts: true,
                    });
                    return;
                }
                let is_amount = p.number || p.flags & flag::COUNT != 0;
                if back == 0 && is_amount {
                    word.duration = true;
                }
                // The words between must be amounts and not split by punctuation; the first
                // amount word may follow a gap only if it is the span's own opener.
                if !is_amount || (back > 0 && self.ring.get(back - 1).is_some_and(|n| n.gap_before))
                {
                    break;
                }
            }
            // A length of time told with no opener ("2 hours on the tarmac") is time waited,
            // more weakly, unless it lies ahead or the clause tells of something done.
            if word.duration
                && !ahead
                && !self.clause_done
                && word.pending.is_none()
                && let Some(amount) = self.ring.get(0)
            {
                let mut bare = elapsed(amount.start, word.end);
                bare.cue.weight = BARE_ELAPSED_WEIGHT;
                bare.complaint = BARE_ELAPSED_COMPLAINT;
                word.pending = Some(bare);
            }
        }
    }

    /// Whether `suffix`, the letters after a number ("hr" of "2hr"), is a unit of time.
    #[cold]
    fn unit_suffix(&self, suffix: &[u8]) -> bool {
        self.table
            .and_then(|table| table.get(suffix))
            .is_some_and(|e| e.flags & (flag::TIME_UNIT | flag::LONG_UNIT) != 0)
    }

    /// The closure, quote and introduction rows.
    #[cold]
    fn situation_row(&mut self, flags: u32, clause: u32, range: Range<usize>) {
        self.target |= flags & flag::TARGET != 0;
        self.own |= flags & flag::OWN != 0;
        self.clause_possible |= flags & flag::POSSIBLE != 0;
        self.clause_done |= flags & flag::DONE != 0;
        if flags & flag::ASK != 0 && self.clause_ask.is_none() {
            self.clause_ask = Some(range.start);
        }
        if flags & flag::RESOLVED != 0 && self.negation_before(clause).is_none() {
            // Solved: it can wait too (calms even when a cue elsewhere makes it no closure).
            self.resolved = true;
            self.calm = true;
            self.record.calm(range);
        }
        self.quote_opener |= flags & flag::QUOTE != 0;
        self.intro |= flags & flag::INTRO != 0;
    }

    /// How far back the nearest negation within reach stands before the word about to be
    /// pushed, if one does.
    fn negation_before(&self, clause: u32) -> Option<usize> {
        for back in 0..NEGATION_REACH {
            let p = self.ring.get(back)?;
            if p.clause != clause {
                return None;
            }
            if p.flags & flag::NEG != 0 || (back < NO_REACH && p.flags & flag::NO != 0) {
                return Some(back);
            }
        }
        None
    }

    /// Counts `cue` (a bare `?` when `question`), at `MIDDLE_FACTOR` (0.3) of its weight in
    /// the middle of a long text (`EDGE_BYTES`).
    /// A judgement's complaint weight counts only in a text aimed at us (`Tally::finish`).
    fn count_now(&mut self, mut cue: Cue, complaint: f64, question: bool, judgement: bool) {
        let len = self.text.len();
        if len > 2 * EDGE_BYTES && cue.start > EDGE_BYTES && cue.end < len - EDGE_BYTES {
            cue.weight *= MIDDLE_FACTOR;
        }
        self.tally.count(cue, complaint, question, judgement);
        self.record.counted(cue);
    }

    fn settle_oldest(&mut self) {
        let Some(oldest) = self.ring.get(RING - 1).and_then(|w| w.pending) else {
            return;
        };
        self.settle(oldest);
    }

    fn settle(&mut self, pending: Pending) {
        if pending.counts {
            self.count_now(pending.cue, pending.complaint, false, pending.judgement);
        } else {
            self.record.negated(pending.cue);
        }
    }

    /// Settles the words still in the ring, without consuming the pass (its record stays).
    /// Also says what the text tells beyond its cues ([`TextFacts`]).
    pub(super) fn finish_partial(&mut self) -> (Urgency, Complaint, TextFacts) {
        for back in (0..self.ring.len()).rev() {
            if let Some(pending) = self.ring.get(back).and_then(|w| w.pending) {
                self.settle(pending);
            }
        }
        self.ring.clear();
        let (mut urgency, mut complaint) = self.tally.finish(self.calm, self.words, self.target);
        if self.own {
            complaint.score *= OWN_MISHAP_FACTOR;
        }
        // A greeting that then asks us something is a request after all.
        if self.intro && self.tally.questions == 0 {
            urgency.score *= INTRO_FACTOR;
            urgency.unmarked_score *= INTRO_FACTOR;
            urgency.level = text_urgency_level(urgency.score);
        }
        let facts = TextFacts {
            resolved: self.resolved && self.tally.cues == 0,
            aimed: self.target,
        };
        (urgency, complaint, facts)
    }

    pub(super) fn finish(mut self) -> (Urgency, Complaint, TextFacts, M) {
        let (urgency, complaint, facts) = self.finish_partial();
        (urgency, complaint, facts, self.marks)
    }
}

/// Whether `gap` holds a line feed: a plain loop, because the gap between two tokens is
/// mostly one byte, too short to be worth a `memchr` call.
#[inline(always)]
fn has_newline(gap: &[u8]) -> bool {
    for &b in gap {
        if b == b'\n' {
            return true;
        }
    }
    false
}

/// Whether `text` is a clock time word: one or two digits then `am` or `pm` ("5pm", "11AM"),
/// or, with `min_digits` 2, two digits then optionally `am`/`pm` (the "30pm" of "5:30pm").
fn is_clock_word(text: &[u8], min_digits: usize) -> bool {
    let digits = text.iter().take_while(|b| b.is_ascii_digit()).count();
    if !(min_digits..=2).contains(&digits) {
        return false;
    }
    let rest = &text[digits..];
    rest.eq_ignore_ascii_case(b"am") || rest.eq_ignore_ascii_case(b"pm")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cue_row_is_found_by_its_key() {
        for entry in CUES.iter() {
            let found = ENGLISH_CUES.get(entry.key.as_bytes());
            // The index's row is the table's, with the reading's marks merged in.
            assert_eq!(found.map(|f| CueEntry { marks: 0, ..*f }), Some(*entry));
            assert!((0.0..1.0).contains(&entry.weight), "{}", entry.key);
            assert!((0.0..1.0).contains(&entry.complaint), "{}", entry.key);
        }
    }

    #[test]
    fn kinds_are_listed_in_index_order() {
        for (i, kind) in CueKind::ALL.iter().enumerate() {
            assert_eq!(kind.index(), i);
            assert_eq!(
                serde_json::to_string(kind).ok(),
                Some(format!("\"{kind}\""))
            );
        }
    }

    #[test]
    fn clock_words() {
        assert!(is_clock_word(b"5pm", 1));
        assert!(is_clock_word(b"11AM", 1));
        assert!(!is_clock_word(b"pm", 1));
        assert!(!is_clock_word(b"123pm", 1));
        assert!(!is_clock_word(b"5", 1));
        assert!(is_clock_word(b"30pm", 2));
    }
}
