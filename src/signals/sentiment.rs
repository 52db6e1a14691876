//! The sentiment pass (VADER's method, described in the
//! [module documentation](crate::signals#sentiment)) and its result, [`Sentiment`].

use std::ops::Range;

use super::Analyzer;
#[cfg(doc)]
use super::AnalyzerConfig;
use super::explain::{Rule, ValenceSource};
use super::lexicon::{self, Entry, Key, Lexicon, flag};
use super::phrase::{self, PhraseFlags, PhraseWord};
use crate::model::named::named_enum;
use crate::text::{Folded, LookBack, Token, TokenKind, tokens};

/// `N_SCALAR`, empirically derived by its authors).
pub(crate) const NEGATION_FACTOR: f64 = -0.74;

/// Valence (VADER scale) added to an upper-case sentiment word or booster in mixed-case text,
/// in the word's direction (VADER's `C_INCR`).
pub(crate) const CAPS_EMPHASIS: f64 = 0.733;

/// Valence added per `!`, in the direction of the total (VADER's figure).
pub(crate) const EXCLAMATION_EMPHASIS: f64 = 0.292;

/// Most `!` that count (VADER's cap).
pub(crate) const MAX_EXCLAMATIONS: usize = 4;

/// Valence added per `?` when a text holds two or three of them (VADER's figure).
pub(crate) const QUESTION_EMPHASIS: f64 = 0.18;

/// Valence added for four or more `?` (VADER's cap).
pub(crate) const MAX_QUESTION_EMPHASIS: f64 = 0.96;

/// Weight of sentiment before the first contrastive word ("but", "however"), VADER's figure.
pub(crate) const BEFORE_CONTRAST_WEIGHT: f64 = 0.5;

/// Weight of sentiment after the first contrastive word, VADER's figure.
pub(crate) const AFTER_CONTRAST_WEIGHT: f64 = 1.5;

/// Weight of sentiment inside a conceded clause ("although it was late, ..."); ours, chosen to
/// mirror `BEFORE_CONTRAST_WEIGHT` (0.5).
pub(crate) const CONCESSION_WEIGHT: f64 = 0.5;

/// Multiplier for "never so/this" before a sentiment word ("never so good"), VADER's figure.
pub(crate) const NEVER_SO_FACTOR: f64 = 1.25;

/// Valence of a negation that negated no sentiment word ("it doesn't charge", "not received"):
/// in a customer's message, saying that something is not the case is mostly saying that
/// something is wrong. Ours; VADER scores such text 0.
pub(crate) const LONE_NEGATION_VALENCE: f64 = -0.8;

/// Valence of "too" right before a word that is not praise ("too small", "too expensive"):
/// excess is a complaint. Ours; VADER ignores "too".
pub(crate) const EXCESS_VALENCE: f64 = -0.8;

/// How many words back a negation or booster reaches (VADER's window).
pub(crate) const LOOK_BACK_WORDS: usize = 3;

/// Dampening of a booster two and three words back (VADER's figures; one word back is 1.0).
const BOOSTER_DISTANCE_FACTOR: [f64; LOOK_BACK_WORDS] = [1.0, 0.95, 0.9];

/// VADER's normalization constant: compound = x / sqrt(x² + ALPHA).
pub(crate) const NORMALIZATION_ALPHA: f64 = 15.0;

/// Items kept in the look-back ring: the negation window plus the longest phrase.
const RING: usize = 8;

named_enum! {
    /// The sentiment class of a text, from its compound score and the configured thresholds.
    /// Its name ([`Label::as_str`], `Display`, `FromStr` and serde all use the same one) is
    /// `"positive"`, `"neutral"` or `"negative"`.
    ///
    /// ```
    /// use realboss::signals::Label;
    ///
    /// assert_eq!(Label::Positive.as_str(), "positive");
    /// assert_eq!(serde_json::to_string(&Label::Negative)?, "\"negative\"");
    /// assert_eq!("neutral".parse::<Label>().ok(), Some(Label::Neutral));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub enum Label as "label" {
        /// Compound at or above the positive threshold.
        Positive = "positive",
        /// Between the thresholds, or nothing scored.
        Neutral = "neutral",
        /// Compound at or below the negative threshold.
        Negative = "negative",
    }
}

/// How much of a text the lexicon understood, so a host can tell "neutral" from "not
/// understood".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub struct Coverage {
    /// Words, emoji and emoticons seen.
    pub words: usize,
    /// Of those, how many carried a valence: a lexicon word (directly, as a word form found
    /// through its stem, or inside a multi-word phrase), an emoji or an emoticon. Cue words such
    /// as "not" or "very" are not counted.
    pub known: usize,
    /// Whether the language has a sentiment lexicon. `false` means the text was not scored at
    /// all (compound 0, neutral 1).
    pub supported: bool,
    /// `Some(n)` when the text was longer than [`AnalyzerConfig::max_text_bytes`] and only its
    /// first `n` bytes were scored (`text[..n]`, cut at white space or a character boundary);
    /// `None` when the whole text was scored.
    pub truncated_at: Option<usize>,
}

/// The sentiment of one text.
///
/// `compound` is VADER's normalized score in -1..=1; `positive`, `neutral` and `negative` are
/// the shares of the text's words in each class (weighted by intensity, as VADER does) and sum
/// to 1. All values are finite for every input.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct Sentiment {
    /// Overall score, -1 (most negative) ..= +1 (most positive): the sum of word valences after
    /// all rules, normalized as `x / sqrt(x² + 15)` like VADER's.
    pub compound: f64,
    /// Share of positive sentiment, 0..=1.
    pub positive: f64,
    /// Share of neutral words, 0..=1 (1 when nothing scored).
    pub neutral: f64,
    /// Share of negative sentiment, 0..=1.
    pub negative: f64,
    /// Class of `compound` under the configured thresholds.
    pub label: Label,
    /// How much of the text was understood.
    pub coverage: Coverage,
}

/// The result for text in a language without a lexicon: neutral, not understood.
pub(super) fn unsupported_sentiment(words: usize) -> Sentiment {
    Sentiment {
        compound: 0.0,
        positive: 0.0,
        neutral: 1.0,
        negative: 0.0,
        label: Label::Neutral,
        coverage: Coverage {
            words,
            known: 0,
            supported: false,
            truncated_at: None,
        },
    }
}

/// Another reader of the token stream, fed by the sentiment pass's own tokenization loop so
/// that a text is split once for every signal (see [`Analyzer::signals`]).
pub(super) trait TokenSink {
    /// Sees each token, in text order, before the sentiment pass does, with the fold the
    /// pass made of it.
    fn token(&mut self, token: Token<'_>, fold: Fold<'_>);
}

/// The key the feeding pass looked a token up by, so that a word is folded and hashed once for
/// every table it is looked up in.
#[derive(Clone, Copy)]
pub(super) enum Fold<'f> {
    /// Not looked up (punctuation, emoji, or a pass without a lexicon): a reader that needs a
    /// key makes it.
    Pending,
    /// The key of a word or emoticon: its own bytes when ASCII, its [`Folded`] bytes otherwise;
    /// `None` when it is longer than [`Folded::MAX_LEN`] and so matches no table key.
    Done(Option<&'f Key<'f>>),
}

/// No other reader: plain [`Analyzer::sentiment`]. Compiles to nothing.
impl TokenSink for () {
    #[inline(always)]
    fn token(&mut self, _token: Token<'_>, _fold: Fold<'_>) {}
}

/// Scores `text` with `analyzer`'s lexicon and thresholds, handing every token, in order, to
/// `sink` from the same tokenization loop.
#[inline(always)]
pub(super) fn score<R: Recorder, S: TokenSink>(
    analyzer: &Analyzer,
    text: &str,
    record: &mut R,
    sink: &mut S,
) -> Sentiment {
    let mut pass = Pass {
        text,
        lexicon: analyzer.english(),
        ring: LookBack::new(),
        next_id: 0,
        clause: 0,
        gap: false,
        conceding: false,
        contrast: None,
        mixed_case: None,
        acc: [Accumulator::default(); 2],
        neutral_words: 0,
        words: 0,
        known: 0,
        exclamations: 0,
        questions: 0,
    };
    for token in tokens(text) {
        if !matches!(token.kind(), TokenKind::Word | TokenKind::Emoticon) {
            sink.token(token, Fold::Pending);
            pass.non_word(token, record);
        } else if token.is_ascii() && token.entity().is_none() {
            let bytes = token.as_str().as_bytes();
            // No key is longer than a folded word can be; skip hashing giant tokens.
            let key = (bytes.len() <= Folded::MAX_LEN).then(|| Key::new(bytes));
            sink.token(token, Fold::Done(key.as_ref()));
            pass.ascii_word(token, key.as_ref(), record);
        } else {
            let folded = Folded::new(token.as_str());
            let key = folded.as_ref().map(|f| Key::new(f.as_bytes()));
            sink.token(token, Fold::Done(key.as_ref()));
            pass.folded_word(token, key.as_ref(), record);
        }
    }
    // Commit what is left, oldest first, as the pass would have.
    for back in (0..pass.ring.len()).rev() {
        pass.commit_at(back, record);
    }
    pass.finish(analyzer, record)
}

/// Running sums for one side of the first contrastive word.
#[derive(Debug, Clone, Copy, Default)]
struct Accumulator {
    sum: f64,
    positive: f64,
    positive_count: usize,
    negative: f64,
    negative_count: usize,
}

/// A word-like item (word, phrase, emoji, emoticon) in the look-back ring.
#[derive(Debug, Clone, Copy, Default)]
// Fields are ordered widest first and `span_words` is a byte so the item stays at 64 bytes: the
// ring copies items on every push and commit.
struct Item {
    start: usize,
    end: usize,
    id: usize,
    booster: f64,
    valence: f64,
    flags: u32,
    clause: u32,
    /// Words of text this item covers (more than one for a phrase; at most
    /// [`MAX_PHRASE_WORDS`](super::MAX_PHRASE_WORDS)).
    span_words: u8,
    all_caps: bool,
    /// A word token (phrases are made of these).
    word: bool,
    /// Punctuation that breaks a phrase stood between this item and the previous one.
    gap_before: bool,
    /// Whether this item carries a score (`valence` is meaningful).
    scored: bool,
    /// Which side of the first contrastive word it is on.
    side: u8,
    /// Inside a conceded clause.
    conceded: bool,
    /// A negation that negated something.
    negated: bool,
    /// "too" followed by a word that is not praise.
    excess: bool,
    /// A booster that boosted something.
    boosted: bool,
}

impl Item {
    fn has(&self, bits: u32) -> bool {
        self.flags & bits != 0
    }
}

/// The lexicon's phrase bits, for the shared phrase matcher.
const PHRASE_FLAGS: PhraseFlags = PhraseFlags {
    start: flag::START,
    ends: [flag::END2, flag::END3, flag::END4, flag::END5],
    phrase: flag::PHRASE,
};

impl PhraseWord for Item {
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
    /// Only single words join a phrase: not emoji, emoticons or a phrase already matched.
    #[inline(always)]
    fn may_join(&self, _last: &Self) -> bool {
        self.word && self.span_words == 1
    }
}

struct Pass<'t> {
    text: &'t str,
    lexicon: &'static Lexicon,
    ring: LookBack<Item, RING>,
    next_id: usize,
    /// Clause number: negation and boosters do not reach across `.`, `!`, `?`, `;` or `:`.
    clause: u32,
    /// Phrase-breaking punctuation seen since the last item.
    gap: bool,
    /// Inside a clause opened by "although".
    conceding: bool,
    /// Range of the first contrastive word.
    contrast: Option<(usize, usize)>,
    /// Whether the text has a lower-case letter (computed when first needed).
    mixed_case: Option<bool>,
    acc: [Accumulator; 2],
    neutral_words: usize,
    words: usize,
    known: usize,
    exclamations: usize,
    questions: usize,
}

/// What the pass reports to an explanation; a no-op for plain scoring.
pub(super) trait Recorder {
    fn start(&mut self, _id: usize, _range: Range<usize>, _base: f64, _source: ValenceSource) {}
    fn rule(&mut self, _id: usize, _rule: Rule, _trigger: Range<usize>, _after: f64) {}
    fn absorbed(&mut self, _id: usize) {}
    fn committed(&mut self, _id: usize, _side: u8, _valence: f64) {}
    fn contrast(&mut self, _trigger: Option<(usize, usize)>) {}
    fn punctuation(&mut self, _exclamations: usize, _questions: usize, _emphasis: f64) {}
}

pub(super) struct NoRecord;

impl Recorder for NoRecord {}

fn source_of(entry: &Entry) -> ValenceSource {
    source_of_flags(entry.flags)
}

fn source_of_flags(flags: u32) -> ValenceSource {
    let has = |bits: u32| flags & bits != 0;
    if has(flag::CS) {
        ValenceSource::CustomerService
    } else if has(flag::FORM) {
        ValenceSource::WordForm
    } else if has(flag::EMOJI) {
        ValenceSource::Emoji
    } else if has(flag::EMOTICON) {
        ValenceSource::Emoticon
    } else if has(flag::PHRASE) {
        ValenceSource::Phrase
    } else {
        ValenceSource::Lexicon
    }
}

impl<'t> Pass<'t> {
    /// An ASCII word or emoticon by its key (`None`: too long to match anything). ASCII needs
    /// no folding: the key folds capitals as it hashes.
    #[inline(always)]
    fn ascii_word<R: Recorder>(&mut self, token: Token<'t>, key: Option<&Key<'_>>, record: &mut R) {
        let bytes = token.as_str().as_bytes();
        let mut entry = key.and_then(|key| self.lexicon.find(key));
        if entry.is_none()
            && bytes.len() > 3
            && bytes[bytes.len() - 3..].eq_ignore_ascii_case(b"n't")
        {
            entry = Some(&NT_NEGATION);
        }
        self.item(token, entry, record);
    }

    /// A non-ASCII word or emoticon by the key of its fold (`None`: too long to match
    /// anything).
    fn folded_word<R: Recorder>(
        &mut self,
        token: Token<'t>,
        key: Option<&Key<'_>>,
        record: &mut R,
    ) {
        let entry = key.and_then(|key| {
            let found = self.lexicon.find(key);
            // Any "n't" word negates, listed or not ("mayn't", "needn't").
            if found.is_none() && key.bytes().ends_with(b"n't") {
                return Some(&NT_NEGATION);
            }
            found
        });
        self.item(token, entry, record);
    }

    /// A token that is no word or emoticon (those come with their look-up key, through
    /// [`Pass::ascii_word`] and [`Pass::folded_word`], from [`score`]'s loop).
    fn non_word<R: Recorder>(&mut self, token: Token<'t>, record: &mut R) {
        match token.kind() {
            TokenKind::Punctuation => self.punctuation(token),
            // A handle or address says nothing; like punctuation, it parts the words around it.
            TokenKind::Mention | TokenKind::Url | TokenKind::Email => self.gap = true,
            // Read with their key by the word methods; `score` never routes them here.
            TokenKind::Word | TokenKind::Emoticon => {}
            TokenKind::Emoji => {
                let text = token.as_str();
                let entry = self.lexicon.get(text.as_bytes()).or_else(|| {
                    // Fall back to the base emoji without skin tone, variation selector or
                    // joined parts.
                    let first = text.chars().next()?;
                    let mut buf = [0u8; 4];
                    self.lexicon.get(first.encode_utf8(&mut buf).as_bytes())
                });
                self.item(token, entry, record);
            }
        }
    }

    fn punctuation(&mut self, token: Token<'t>) {
        // Written or as an HTML entity (`&#33;` is a `!`).
        let text = token.punctuation_byte();
        match text {
            b'!' => {
                self.exclamations += 1;
                self.clause = self.clause.wrapping_add(1);
                self.conceding = false;
            }
            b'?' => {
                self.questions += 1;
                self.clause = self.clause.wrapping_add(1);
                self.conceding = false;
            }
            b'.' | b';' | b':' => {
                self.clause = self.clause.wrapping_add(1);
                self.conceding = false;
            }
            b',' => self.conceding = false,
            _ => {}
        }
        if text != b'-' {
            self.gap = true;
        }
    }

    fn mixed_case(&mut self) -> bool {
        *self.mixed_case.get_or_insert_with(|| {
            if self.text.is_ascii() {
                self.text.bytes().any(|b| b.is_ascii_lowercase())
            } else {
                self.text.chars().any(char::is_lowercase)
            }
        })
    }

    #[inline(always)]
    fn item<R: Recorder>(
        &mut self,
        token: Token<'t>,
        entry: Option<&'static Entry>,
        record: &mut R,
    ) {
        self.words += 1;
        let Some(found) = entry else {
            self.plain_item(token, 0, 0.0, record);
            return;
        };
        let (flags, booster) = (found.flags, found.booster);
        if flags & (flag::V | flag::ENDS | flag::CONTRAST | flag::CONCEDE) == 0 {
            self.plain_item(token, flags, booster, record);
            return;
        }
        self.listed_item(token, found, record);
    }

    /// [`Pass::item`] for a word whose entry scores, may end a phrase, contrasts or concedes.
    /// Out of line: it is large, and the common plain words should not pay for its set-up.
    #[inline(never)]
    fn listed_item<R: Recorder>(
        &mut self,
        token: Token<'t>,
        found: &'static Entry,
        record: &mut R,
    ) {
        let entry = Some(found);
        let (flags, booster) = (found.flags, found.booster);
        let mut item = Item {
            start: token.start(),
            end: token.end(),
            flags,
            booster,
            all_caps: token.is_all_caps(),
            word: token.kind() == TokenKind::Word,
            gap_before: std::mem::take(&mut self.gap),
            clause: self.clause,
            span_words: 1,
            scored: false,
            valence: 0.0,
            side: u8::from(self.contrast.is_some()),
            conceded: self.conceding,
            negated: false,
            excess: false,
            boosted: false,
            id: 0,
        };

        // "no" right before another sentiment word is a negation, not a sentiment of its own
        // ("no problems" is not two complaints).
        if flags & flag::V != 0
            && let Some(prev) = self.ring.get_mut(0)
            && prev.has(flag::NO)
            && prev.scored
            && prev.clause == item.clause
        {
            prev.valence = 0.0;
            record.rule(prev.id, Rule::NoAsNegation, item.start..item.end, 0.0);
        }

        // "too" before a word that is not praise marks excess ("too small").
        let praise = entry.is_some_and(|e| e.has(flag::V) && e.valence > 0.0);
        if let Some(prev) = self.ring.get_mut(0)
            && prev.has(flag::EXCESS)
            && prev.clause == item.clause
            && !item.gap_before
            && !praise
        {
            prev.excess = true;
        }

        // A phrase ending here replaces its words.
        let mut valence_entry = entry.filter(|e| e.has(flag::V));
        if flags & flag::ENDS != 0
            && item.word
            && let Some((phrase, n)) =
                phrase::longest_ending(self.text, self.lexicon, &self.ring, &item, &PHRASE_FLAGS)
        {
            let mut first_start = item.start;
            for _ in 1..n {
                if let Some(absorbed) = self.ring.pop() {
                    first_start = absorbed.start;
                    if absorbed.scored {
                        record.absorbed(absorbed.id);
                    }
                }
            }
            item.start = first_start;
            item.flags = phrase.flags;
            item.booster = phrase.booster;
            item.span_words = n as u8;
            item.all_caps = false;
            valence_entry = phrase.has(flag::V).then_some(phrase);
        }

        if item.has(flag::CONTRAST) && self.contrast.is_none() {
            self.contrast = Some((item.start, item.end));
        }

        if let Some(entry) = valence_entry {
            // A booster is a modifier; it scores its own valence ("simply incredible") only if
            // it boosts nothing, decided when it leaves the ring.
            if item.has(flag::BOOST) {
                item.valence = entry.valence;
            } else {
                item.scored = true;
                item.id = self.next_id;
                self.next_id += 1;
                record.start(
                    item.id,
                    item.start..item.end,
                    entry.valence,
                    source_of(entry),
                );
                item.valence = self.apply_rules(&item, entry.valence, record);
                if item.conceded {
                    item.valence *= CONCESSION_WEIGHT;
                    record.rule(
                        item.id,
                        Rule::Concession,
                        item.start..item.end,
                        item.valence,
                    );
                }
            }
        }
        if item.has(flag::CONCEDE) {
            self.conceding = true;
        }

        self.commit_oldest_if_full(record);
        self.ring.push(item);
    }

    /// [`Pass::item`] for a word with no lexicon entry or one whose flags (`flags`, with
    /// `booster`) neither score, end a phrase, contrast nor concede, the common case: only the
    /// "too" rule and the ring need it; what it modifies is decided by later items.
    #[inline(always)]
    fn plain_item<R: Recorder>(
        &mut self,
        token: Token<'t>,
        flags: u32,
        booster: f64,
        record: &mut R,
    ) {
        let gap_before = std::mem::take(&mut self.gap);
        if !gap_before
            && let Some(prev) = self.ring.get_mut(0)
            && prev.has(flag::EXCESS)
            && prev.clause == self.clause
        {
            prev.excess = true;
        }
        self.commit_oldest_if_full(record);
        self.ring.push(Item {
            start: token.start(),
            end: token.end(),
            all_caps: token.is_all_caps(),
            word: token.kind() == TokenKind::Word,
            gap_before,
            clause: self.clause,
            span_words: 1,
            flags,
            booster,
            side: u8::from(self.contrast.is_some()),
            conceded: self.conceding,
            ..Item::default()
        });
    }

    /// Applies caps emphasis, boosters, negations and "least" to a base valence.
    fn apply_rules<R: Recorder>(&mut self, item: &Item, base: f64, record: &mut R) -> f64 {
        let mut v = base;
        let id = item.id;
        if item.all_caps && self.mixed_case() {
            let amount = if v > 0.0 {
                CAPS_EMPHASIS
            } else {
                -CAPS_EMPHASIS
            };
            v += amount;
            record.rule(id, Rule::Caps { amount }, item.start..item.end, v);
        }
        // Flags of the previous items in the same clause, newest first (0 past them). Only the
        // flags are copied: most previous words have none and need no further look.
        let mut prev = [0u32; LOOK_BACK_WORDS];
        let mut held = 0;
        while held < LOOK_BACK_WORDS {
            match self.ring.get(held) {
                Some(p) if p.clause == item.clause => prev[held] = p.flags,
                _ => break,
            }
            held += 1;
        }
        let is = |k: usize, bits: u32| prev[k] & bits != 0;
        for k in 0..held {
            let f = prev[k];
            // A plain word modifies nothing; a preceding sentiment word modifies nothing either
            // (VADER's rule), except "no".
            if f == 0 || (f & flag::V != 0 && f & (flag::NO | flag::BOOST) == 0) {
                continue;
            }
            let Some(&Item {
                start,
                end,
                booster,
                all_caps,
                ..
            }) = self.ring.get(k)
            else {
                break;
            };
            let has = |bits: u32| f & bits != 0;
            if has(flag::BOOST) {
                let mut amount = if v < 0.0 { -booster } else { booster };
                if all_caps && self.mixed_case() {
                    amount += if v > 0.0 {
                        CAPS_EMPHASIS
                    } else {
                        -CAPS_EMPHASIS
                    };
                }
                amount *= BOOSTER_DISTANCE_FACTOR[k];
                v += amount;
                if let Some(p) = self.ring.get_mut(k) {
                    p.boosted = true;
                }
                record.rule(id, Rule::Booster { amount }, start..end, v);
            }
            let negates = match k {
                0 => has(flag::NEG | flag::NO),
                1 => {
                    if is(1, flag::NEVER) && is(0, flag::SO_THIS) {
                        v *= NEVER_SO_FACTOR;
                        record.rule(id, Rule::NeverSo, start..end, v);
                        false
                    } else if is(1, flag::WITHOUT) && is(0, flag::DOUBT) {
                        false
                    } else {
                        has(flag::NEG | flag::NO)
                    }
                }
                _ => {
                    if is(2, flag::NEVER) && (is(1, flag::SO_THIS) || is(0, flag::SO_THIS)) {
                        v *= NEVER_SO_FACTOR;
                        record.rule(id, Rule::NeverSo, start..end, v);
                        false
                    } else if is(2, flag::WITHOUT) && (is(1, flag::DOUBT) || is(0, flag::DOUBT)) {
                        false
                    } else {
                        has(flag::NEG) || (has(flag::NO) && is(0, flag::OR_NOR))
                    }
                }
            };
            if negates {
                if let Some(p) = self.ring.get_mut(k) {
                    p.negated = true;
                }
                v *= NEGATION_FACTOR;
                record.rule(id, Rule::Negation, start..end, v);
            }
        }
        if is(0, flag::LEAST)
            && !is(1, flag::AT_VERY)
            && let Some(p) = self.ring.get(0)
        {
            v *= NEGATION_FACTOR;
            record.rule(id, Rule::Least, p.start..p.end, v);
        }
        v
    }

    /// Makes room in a full ring by committing its oldest item.
    #[inline(always)]
    fn commit_oldest_if_full<R: Recorder>(&mut self, record: &mut R) {
        if self.ring.len() == RING {
            self.commit_at(RING - 1, record);
        }
    }

    /// Commits the item `back` steps before the newest in the ring (it stays there). A plain
    /// word that scored nothing and can score nothing as a cue only counts as neutral; that is
    /// settled here without copying it out or calling [`Pass::commit`].
    #[inline(always)]
    fn commit_at<R: Recorder>(&mut self, back: usize, record: &mut R) {
        let Some(item) = self.ring.get(back) else {
            return;
        };
        if !item.scored && !item.excess && item.flags & (flag::V | flag::BOOST | flag::NEG) == 0 {
            self.neutral_words += 1;
        } else {
            let item = *item;
            self.commit(item, record);
        }
    }

    fn commit<R: Recorder>(&mut self, mut item: Item, record: &mut R) {
        // Cue words that found nothing to modify score on their own.
        let cue = if item.scored {
            None
        } else if item.has(flag::BOOST) {
            // A booster with a valence of its own that boosted nothing.
            (item.has(flag::V) && !item.boosted)
                .then(|| (item.valence, source_of_flags(item.flags)))
        } else if item.has(flag::V) {
            None
        } else if item.has(flag::NEG) && !item.negated {
            Some((LONE_NEGATION_VALENCE, ValenceSource::Cue))
        } else if item.excess {
            Some((EXCESS_VALENCE, ValenceSource::Cue))
        } else {
            None
        };
        if let Some((base, source)) = cue {
            item.scored = true;
            item.id = self.next_id;
            self.next_id += 1;
            record.start(item.id, item.start..item.end, base, source);
            item.valence = base;
            if item.conceded {
                item.valence *= CONCESSION_WEIGHT;
                record.rule(
                    item.id,
                    Rule::Concession,
                    item.start..item.end,
                    item.valence,
                );
            }
        }
        if !item.scored {
            self.neutral_words += 1;
            return;
        }
        self.known += usize::from(item.span_words);
        let v = item.valence;
        let acc = &mut self.acc[usize::from(item.side)];
        acc.sum += v;
        if v > 0.0 {
            acc.positive += v;
            acc.positive_count += 1;
        } else if v < 0.0 {
            acc.negative -= v;
            acc.negative_count += 1;
        } else {
            self.neutral_words += 1;
        }
        record.committed(item.id, item.side, v);
    }

    fn finish<R: Recorder>(&mut self, analyzer: &Analyzer, record: &mut R) -> Sentiment {
        let before = if self.contrast.is_some() {
            BEFORE_CONTRAST_WEIGHT
        } else {
            1.0
        };
        let [a, b] = self.acc;
        let mut sum = before * a.sum + AFTER_CONTRAST_WEIGHT * b.sum;
        let exclamation = self.exclamations.min(MAX_EXCLAMATIONS) as f64 * EXCLAMATION_EMPHASIS;
        let question = match self.questions {
            0 | 1 => 0.0,
            2 | 3 => self.questions as f64 * QUESTION_EMPHASIS,
            _ => MAX_QUESTION_EMPHASIS,
        };
        let emphasis = exclamation + question;
        if sum > 0.0 {
            sum += emphasis;
        } else if sum < 0.0 {
            sum -= emphasis;
        }
        let compound = (sum / (sum * sum + NORMALIZATION_ALPHA).sqrt()).clamp(-1.0, 1.0);
        let compound = if compound.is_finite() { compound } else { 0.0 };
        let mut positive = before * a.positive
            + a.positive_count as f64
            + AFTER_CONTRAST_WEIGHT * b.positive
            + b.positive_count as f64;
        let mut negative = before * a.negative
            + a.negative_count as f64
            + AFTER_CONTRAST_WEIGHT * b.negative
            + b.negative_count as f64;
        if positive > negative {
            positive += emphasis;
        } else if negative > positive {
            negative += emphasis;
        }
        let neutral = self.neutral_words as f64;
        let total = positive + negative + neutral;
        let (positive, neutral, negative) = if total > 0.0 && total.is_finite() {
            (positive / total, neutral / total, negative / total)
        } else {
            (0.0, 1.0, 0.0)
        };
        record.contrast(self.contrast);
        record.punctuation(self.exclamations, self.questions, emphasis);
        Sentiment {
            compound,
            positive,
            neutral,
            negative,
            label: analyzer.label(compound),
            coverage: Coverage {
                words: self.words,
                known: self.known,
                supported: true,
                truncated_at: None,
            },
        }
    }
}

/// The entry given to an unlisted word ending in "n't".
static NT_NEGATION: Entry = lexicon::e("n't", 0.0, 0.0, flag::NEG);
