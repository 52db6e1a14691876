//! [`Signals`]: the one reading of a message, filled in one tokenization pass, and the reader of
//! the word marks it holds besides sentiment and cues (tone, English function words, the closing
//! rule): [`MarksPass`], a third reader of the sentiment pass's tokens.
//!
//! A later signal adds its field to [`Signals`] and, when it reads words, its marks to the table
//! of marked words here, so that a message is still split and looked up once.

use super::closing::{CLOSING_WORDS, GRATITUDE_ANCHORS, MAX_GRATITUDE_BYTES};
use super::lexicon::Lexicon;
use super::sentiment::Sentiment;
use super::tone::{
    CASUAL_OPENERS, CASUAL_WORDS, ENGLISH_FUNCTION_WORDS, FORMAL_OPENERS, FORMAL_WORDS,
    IS_CONTRACTIONS, ToneMarks,
};
use super::urgency::{Complaint, CueEntry, CueKind, Urgency, word_table};
#[cfg(doc)]
use super::{Analyzer, Coverage};
use crate::text::{Token, TokenKind};

/// Everything one pass over a message gives: sentiment, urgency and complaint with their cues,
/// and what the message's words mark (the closing rule, tone, English function words). Fixed
/// size and `Copy`: computing it allocates nothing. Every consumer (ranking, hints, insights)
/// reads a message through it, so a text is tokenized once.
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
/// assert!(!s.thanks_only);
///
/// let thanks = analyzer.signals("Great, thanks! All sorted now :)");
/// assert!(thanks.thanks_only);
/// assert!(thanks.tone.casual > thanks.tone.formal);
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
    /// Whether the customer mentions leaving: a [`CueKind::Leaving`] cue (cancel, switch
    /// provider, lawyer, chargeback, …) among the strongest cues ([`Urgency::top`], one per kind
    /// first, and [`Complaint::strongest`]), so it is missed only in a text with more than three
    /// kinds of cue.
    pub leaving: bool,
    /// Whether the text only thanks us or signs off ("thanks, all sorted!") by the
    /// [closing rule](crate::signals#closing): such a message waits for no answer and is no
    /// repeat contact.
    pub thanks_only: bool,
    /// Whether the customer reports the problem solved or the request withdrawn ("it turned
    /// up, all fine now", "works now", "please disregard") with no negation before the phrase
    /// ("never turned up" is no closure) and no urgency or complaint cue anywhere in the text
    /// ("works now, but the invoice is wrong" is none either, nor is any question). A
    /// follow-up like this closes the request rather than chasing it.
    pub resolved: bool,
    /// Formal and casual marks (the [tone rule](crate::signals#tone)).
    pub tone: ToneMarks,
    /// Words, and how many of them are common English function words: the evidence for telling
    /// English text from other languages.
    pub words: WordCounts,
}

/// How many words a text has, and how many of them are common English function words ("the",
/// "my", "is", …; words shared with Spanish, French or Italian such as "a", "me", "no" are not
/// counted). Running English text has about 0.4–0.5 of them; other languages few. Words are the
/// [`TokenKind::Word`] tokens, unlike [`Coverage::words`], which also counts emoji.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WordCounts {
    /// Word tokens read.
    pub words: u32,
    /// Of those, English function words (compared in lower case, `’` read as `'`).
    pub english_function_words: u32,
}

// ---------------------------------------------------------------------------------------------
// The table of marked words: every list a word is looked up in, once per word.

/// Mark: an English function word ([`ENGLISH_FUNCTION_WORDS`]).
const FUNCTION: u16 = 1 << 0;
/// Mark: opens a formal letter as its first word ([`FORMAL_OPENERS`]).
const FORMAL_OPENER: u16 = 1 << 1;
/// Mark: a formal sign-off or request word ([`FORMAL_WORDS`]).
const FORMAL_WORD: u16 = 1 << 2;
/// Mark: opens a casual message as its first word ([`CASUAL_OPENERS`]).
const CASUAL_OPENER: u16 = 1 << 3;
/// Mark: chat shorthand or slang ([`CASUAL_WORDS`]).
const CASUAL_WORD: u16 = 1 << 4;
/// Mark: a contraction of "is" that is not a possessive ([`IS_CONTRACTIONS`]).
const IS_CONTRACTION: u16 = 1 << 5;
/// Mark: a word a closing message may consist of ([`CLOSING_WORDS`], apostrophes removed).
pub(super) const CLOSING: u16 = 1 << 6;
/// Mark: a word that makes a closing message a thanks or sign-off ([`GRATITUDE_ANCHORS`]).
pub(super) const ANCHOR: u16 = 1 << 7;

/// Longest key of the table, in bytes ("respectfully"); longer words are not looked up.
const MAX_MARKED_LEN: usize = 12;

/// The lists and the mark each gives.
const LISTS: [(&[&str], u16); 8] = [
    (ENGLISH_FUNCTION_WORDS, FUNCTION),
    (FORMAL_OPENERS, FORMAL_OPENER),
    (FORMAL_WORDS, FORMAL_WORD),
    (CASUAL_OPENERS, CASUAL_OPENER),
    (CASUAL_WORDS, CASUAL_WORD),
    (IS_CONTRACTIONS, IS_CONTRACTION),
    (CLOSING_WORDS, CLOSING),
    (GRATITUDE_ANCHORS, ANCHOR),
];

/// Every marked word with one of its marks (a word in several lists comes once per list). The
/// cue table's index merges them into its rows, so that the cue pass's one look-up of a word
/// gives its marks too.
pub(super) fn marked_words() -> impl Iterator<Item = (&'static str, u16)> {
    LISTS
        .into_iter()
        .flat_map(|(list, mark)| list.iter().map(move |&key| (key, mark)))
}

/// The marks of a lower-case (or ASCII mixed-case) word, 0 for a word in no list.
#[inline]
fn marks_of(table: &Lexicon<CueEntry>, word: &[u8]) -> u16 {
    if word.len() > MAX_MARKED_LEN {
        return 0;
    }
    table.get(word).map_or(0, |row| row.marks)
}

/// Whether an ASCII word ends with a contraction ending of [`super::tone::CONTRACTION_ENDINGS`]
/// ("n't", "'re", "'ve", "'ll", "'m", "'d"), in any case.
#[inline]
fn has_contraction_ending(word: &[u8]) -> bool {
    let n = word.len();
    // Every ending has its apostrophe second or third from the end.
    if n < 2 || (word[n - 2] != b'\'' && (n < 3 || word[n - 3] != b'\'')) {
        return false;
    }
    let lower = |b: u8| b.to_ascii_lowercase();
    let (last, before) = (lower(word[n - 1]), word[n - 2]);
    if before == b'\'' && matches!(last, b'm' | b'd') {
        return true;
    }
    if n < 3 {
        return false;
    }
    let third = word[n - 3];
    (third == b'\''
        && matches!(
            (lower(before), last),
            (b'r', b'e') | (b'v', b'e') | (b'l', b'l')
        ))
        || (lower(third) == b'n' && before == b'\'' && last == b't')
}

/// Room for a non-ASCII word folded for the tone lists; longer words can only mark a
/// contraction by their ending.
const FOLD_ROOM: usize = 64;

/// Folds a non-ASCII word as the tone rule reads words: full lower case, `’` read as `'`.
/// Returns the folded bytes' length, or `None` when they do not fit in `buf`.
fn fold_for_tone(word: &str, buf: &mut [u8]) -> Option<usize> {
    let mut len = 0;
    for c in word.chars().flat_map(char::to_lowercase) {
        let c = if c == '\u{2019}' { '\'' } else { c };
        let n = c.len_utf8();
        if len + n > buf.len() {
            return None;
        }
        c.encode_utf8(&mut buf[len..len + n]);
        len += n;
    }
    Some(len)
}

/// The tone marks of a non-ASCII word and whether it ends like a contraction.
#[cold]
fn unicode_word_marks(table: &Lexicon<CueEntry>, word: &str) -> (u16, bool) {
    let mut buf = [0u8; FOLD_ROOM];
    if let Some(len) = fold_for_tone(word, &mut buf) {
        let folded = &buf[..len];
        let marks = if folded.is_ascii() {
            marks_of(table, folded)
        } else {
            0
        };
        // The closing marks are read from the word without apostrophes, elsewhere.
        return (marks & !(CLOSING | ANCHOR), ends_like_contraction(folded));
    }
    // Too long for any list: only the ending counts, and the last three characters fold to
    // at least the three bytes of the longest ending.
    let tail = word
        .char_indices()
        .rev()
        .nth(2)
        .map_or(word, |(at, _)| &word[at..]);
    let len = fold_for_tone(tail, &mut buf).unwrap_or(0);
    (0, ends_like_contraction(&buf[..len]))
}

/// [`has_contraction_ending`] for folded bytes (lower case already).
fn ends_like_contraction(folded: &[u8]) -> bool {
    super::tone::CONTRACTION_ENDINGS
        .iter()
        .any(|e| folded.ends_with(e.as_bytes()))
}

/// Whether `c` is an apostrophe the closing rule skips (`'`, `’`, `ʼ`).
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

/// The closing marks of a word with an apostrophe or non-ASCII letters: its ASCII letters in
/// lower case without apostrophes; 0 when any other character remains (it is in no list).
#[cold]
fn closing_marks_stripped(table: &Lexicon<CueEntry>, word: &str) -> u16 {
    let mut buf = [0u8; MAX_MARKED_LEN];
    let mut len = 0;
    for c in word.chars().filter(|&c| !is_apostrophe(c)) {
        if !c.is_ascii() || len == buf.len() {
            return 0;
        }
        buf[len] = c as u8;
        len += 1;
    }
    marks_of(table, &buf[..len]) & (CLOSING | ANCHOR)
}

// ---------------------------------------------------------------------------------------------
// The reader.

/// Closing rule state: still possible.
const MAY_CLOSE: u8 = 1;
/// Closing rule state: a word has been read.
const ANY_WORD: u8 = 2;
/// Closing rule state: an anchor word has been read.
const ANCHORED: u8 = 4;

/// Reads the word marks of a text from its tokens: the third reader of the sentiment pass's
/// tokenization loop (beside the sentiment and cue passes), or alone.
pub(crate) struct MarksPass {
    table: &'static Lexicon<CueEntry>,
    words: u32,
    function_words: u32,
    /// [`FORMAL_OPENER`] / [`CASUAL_OPENER`] of the first word, [`FORMAL_WORD`] /
    /// [`CASUAL_WORD`] of any word.
    marks: u16,
    contraction: bool,
    emoji: bool,
    exclamation: bool,
    /// Whether the first letter of the text is lower case, once a letter is seen.
    lowercase_start: Option<bool>,
    /// [`MAY_CLOSE`], [`ANY_WORD`], [`ANCHORED`].
    closing: u8,
}

impl MarksPass {
    /// A reader for `text` (the whole text: the closing rule needs its length and whether it
    /// asks a question, both bounded by [`MAX_GRATITUDE_BYTES`]).
    pub(crate) fn new(text: &str) -> MarksPass {
        // A question is never only thanks ("all sorted?" chases us); checked on short texts only.
        let may_close = text.len() <= MAX_GRATITUDE_BYTES && !text.contains('?');
        MarksPass {
            table: word_table(),
            words: 0,
            function_words: 0,
            marks: 0,
            contraction: false,
            emoji: false,
            exclamation: false,
            lowercase_start: None,
            closing: if may_close { MAY_CLOSE } else { 0 },
        }
    }

    /// Whether the text may still be only thanks.
    pub(crate) fn may_close(&self) -> bool {
        self.closing & MAY_CLOSE != 0
    }

    /// Reads one token, in text order, on its own (no cue pass looked it up).
    pub(crate) fn read(&mut self, token: Token<'_>) {
        MarkReader::token(self, token);
        match token.kind() {
            TokenKind::Word => MarkReader::word(self, token, Looked::No),
            TokenKind::Emoji | TokenKind::Emoticon => MarkReader::emoji(self, token),
            // Written or as an HTML entity.
            TokenKind::Punctuation if token.punctuation_byte() == b'!' => self.exclamation = true,
            // Handles and addresses are neither words nor emoji.
            _ => {}
        }
    }

    /// The first letter and `!` of a token with non-ASCII characters.
    #[cold]
    fn non_ascii(&mut self, token: Token<'_>) {
        if self.lowercase_start.is_none() {
            self.first_letter(token);
        }
        if !self.exclamation {
            self.exclamation = token.as_str().contains('!');
        }
    }

    /// Whether the text's first letter, if `token` holds it, is lower case.
    #[cold]
    fn first_letter(&mut self, token: Token<'_>) {
        self.lowercase_start = token
            .as_str()
            .chars()
            .find(|c| c.is_alphabetic())
            .map(char::is_lowercase);
    }

    /// The closing rule for one word: every word must be a closing word, one an anchor.
    fn closing_word(&mut self, token: Token<'_>, marks: u16) {
        let text = token.as_str();
        let marks = if token.is_ascii() && !text.as_bytes().contains(&b'\'') {
            marks
        } else if !text.chars().any(char::is_alphanumeric) {
            // Not a word to the rule: it neither closes nor stops closing.
            return;
        } else {
            closing_marks_stripped(self.table, text)
        };
        if marks & CLOSING == 0 {
            self.closing = 0;
            return;
        }
        self.closing |= ANY_WORD;
        if marks & ANCHOR != 0 {
            self.closing |= ANCHORED;
        }
    }

    /// The tone and language marks of a word just counted in [`MarksPass::words`].
    #[inline(always)]
    fn marked(&mut self, marks: u16) {
        if self.words == 1 {
            self.marks |= marks & (FORMAL_OPENER | CASUAL_OPENER);
        }
        self.function_words = self
            .function_words
            .saturating_add(u32::from(marks & FUNCTION != 0));
        self.marks |= marks & (FORMAL_WORD | CASUAL_WORD);
        self.contraction |= marks & IS_CONTRACTION != 0;
    }

    /// Whether the text read only thanks us or signs off.
    pub(crate) fn thanks_only(&self) -> bool {
        self.closing == MAY_CLOSE | ANY_WORD | ANCHORED
    }

    /// The tone marks read.
    pub(crate) fn tone(&self) -> ToneMarks {
        let has = |mark: u16| self.marks & mark != 0;
        ToneMarks {
            formal: u8::from(has(FORMAL_OPENER)) + u8::from(has(FORMAL_WORD)),
            casual: [
                has(CASUAL_OPENER),
                self.contraction,
                self.emoji,
                self.exclamation,
                self.lowercase_start == Some(true),
                has(CASUAL_WORD),
            ]
            .iter()
            .map(|&b| u8::from(b))
            .sum(),
        }
    }

    /// The word counts read.
    pub(crate) fn words(&self) -> WordCounts {
        WordCounts {
            words: self.words,
            english_function_words: self.function_words,
        }
    }
}

/// What the cue pass found out about a word's row in the word table anyway.
#[derive(Clone, Copy)]
pub(super) enum Looked<'f> {
    /// The word's row was looked up: its marks, and for a non-ASCII word its
    /// [`Folded`](crate::text::Folded) form (the key it was looked up by).
    Row {
        /// The row's marks (0 for a word in no list).
        marks: u16,
        /// The folded key of a non-ASCII word; `None` for an ASCII word, looked up as it stands.
        folded: Option<&'f [u8]>,
    },
    /// Not looked up (no cue table for the language, or a fold too long): the reader does it.
    No,
}

impl<'f> Looked<'f> {
    /// An ASCII word looked up as it stands.
    pub(super) fn ascii(marks: u16) -> Looked<'f> {
        Looked::Row {
            marks,
            folded: None,
        }
    }

    /// A non-ASCII word looked up by its fold.
    pub(super) fn folded(marks: u16, folded: &'f [u8]) -> Looked<'f> {
        Looked::Row {
            marks,
            folded: Some(folded),
        }
    }
}

/// What the cue pass hands the reading: every token, and what it found out about it anyway.
pub(super) trait MarkReader {
    /// Sees each token, in text order, first.
    fn token(&mut self, _token: Token<'_>) {}
    /// A word token, with what the cue pass's look-up of its row gave.
    fn word(&mut self, _token: Token<'_>, _looked: Looked<'_>) {}
    /// An emoji or emoticon token.
    fn emoji(&mut self, _token: Token<'_>) {}
    /// A `!` token.
    fn exclamation(&mut self) {}
}

/// No reading of marks: [`Analyzer::urgency`]. Compiles to nothing.
impl MarkReader for () {}

impl MarkReader for MarksPass {
    #[inline(always)]
    fn token(&mut self, token: Token<'_>) {
        // ASCII letters stand only in words and emoticons, whose hooks look for the first
        // letter; an ASCII `!` is a punctuation token of its own, reported by `exclamation`.
        // Other tokens may hold either anywhere in a grapheme cluster; a handle or address
        // holds no text of the message's own.
        if !token.is_ascii() && !token.kind().is_address() {
            self.non_ascii(token);
        }
    }

    #[inline(always)]
    fn word(&mut self, token: Token<'_>, looked: Looked<'_>) {
        if self.lowercase_start.is_none() {
            self.first_letter(token);
        }
        let (marks, ending) = match looked {
            Looked::Row {
                marks,
                folded: None,
            } if !self.contraction => (marks, has_contraction_ending(token.as_str().as_bytes())),
            Looked::Row {
                marks,
                folded: None,
            } => (marks, false),
            // The tone lists read `ʼ` as itself, the fold as `'`: such a word folds anew.
            Looked::Row {
                marks,
                folded: Some(folded),
            } if !token.as_str().contains('\u{02BC}') => (
                // The closing marks are read from the word without apostrophes, elsewhere.
                marks & !(CLOSING | ANCHOR),
                ends_like_contraction(folded),
            ),
            _ if token.is_ascii() => {
                let bytes = token.as_str().as_bytes();
                (marks_of(self.table, bytes), has_contraction_ending(bytes))
            }
            _ => unicode_word_marks(self.table, token.as_str()),
        };
        self.words = self.words.saturating_add(1);
        self.contraction |= ending;
        if marks != 0 {
            self.marked(marks);
        }
        if self.closing & MAY_CLOSE != 0 {
            self.closing_word(token, marks);
        }
    }

    #[inline(always)]
    fn emoji(&mut self, token: Token<'_>) {
        if self.lowercase_start.is_none() {
            self.first_letter(token);
        }
        self.emoji = true;
    }

    #[inline(always)]
    fn exclamation(&mut self) {
        self.exclamation = true;
    }
}

/// Assembles the reading from the passes' results.
pub(super) fn reading(
    sentiment: Sentiment,
    urgency: Urgency,
    complaint: Complaint,
    resolved: bool,
    marks: &MarksPass,
) -> Signals {
    let leaving = urgency
        .top
        .iter()
        .flatten()
        .chain(complaint.strongest.iter())
        .any(|c| c.kind == CueKind::Leaving);
    Signals {
        sentiment,
        urgency,
        complaint,
        leaving,
        thanks_only: marks.thanks_only(),
        resolved,
        tone: marks.tone(),
        words: marks.words(),
    }
}

/// The word marks of a whole text read alone (tone, word counts, the closing rule): what a
/// [`Signals`] holds for a text that was not cut at [`AnalyzerConfig::max_text_bytes`].
///
/// [`AnalyzerConfig::max_text_bytes`]: super::AnalyzerConfig::max_text_bytes
pub(crate) fn marks_of_text(text: &str) -> MarksPass {
    let mut marks = MarksPass::new(text);
    for token in crate::text::tokens(text) {
        marks.read(token);
    }
    marks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signals::tone::CONTRACTION_ENDINGS;
    use crate::text::tokens;
    use proptest::strategy::Strategy;

    /// The tone and language reading as hints wrote it before the one reading (each list
    /// searched per word in a folded `String`), kept as the reference.
    fn reference_tone(text: &str) -> (ToneMarks, u32, u32) {
        let mut words = 0u32;
        let mut function = 0u32;
        let (mut formal_opener, mut formal_word) = (false, false);
        let (mut casual_opener, mut contraction, mut emoji, mut shorthand) =
            (false, false, false, false);
        // The text as the reading sees it: without handles and addresses, entities decoded
        // (letters written as entities are no letters of the message).
        let mut seen = String::new();
        for token in tokens(text).filter(|t| !t.kind().is_address()) {
            match token.entity() {
                Some(c) if token.kind() == TokenKind::Punctuation => {
                    if !c.is_alphabetic() {
                        seen.push(c);
                    }
                }
                _ => seen.push_str(token.as_str()),
            }
            seen.push(' ');
        }
        let exclamation = seen.contains('!');
        let lowercase_start = seen
            .chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_lowercase);
        let mut folded = String::new();
        for token in tokens(text) {
            match token.kind() {
                TokenKind::Emoji | TokenKind::Emoticon => emoji = true,
                TokenKind::Word => {
                    folded.clear();
                    folded.extend(
                        token
                            .as_str()
                            .chars()
                            .flat_map(char::to_lowercase)
                            .map(|c| if c == '’' { '\'' } else { c }),
                    );
                    let word = folded.as_str();
                    if words == 0 {
                        formal_opener = FORMAL_OPENERS.contains(&word);
                        casual_opener = CASUAL_OPENERS.contains(&word);
                    }
                    words = words.saturating_add(1);
                    function += u32::from(ENGLISH_FUNCTION_WORDS.contains(&word));
                    formal_word |= FORMAL_WORDS.contains(&word);
                    shorthand |= CASUAL_WORDS.contains(&word);
                    contraction |= CONTRACTION_ENDINGS.iter().any(|e| word.ends_with(e))
                        || IS_CONTRACTIONS.contains(&word);
                }
                _ => {}
            }
        }
        let tone = ToneMarks {
            formal: u8::from(formal_opener) + u8::from(formal_word),
            casual: [
                casual_opener,
                contraction,
                emoji,
                exclamation,
                lowercase_start,
                shorthand,
            ]
            .iter()
            .map(|&b| u8::from(b))
            .sum(),
        };
        (tone, words, function)
    }

    /// The closing rule as `priority::gratitude` wrote it (each list searched per word).
    fn reference_thanks_only(text: &str) -> bool {
        if text.len() > MAX_GRATITUDE_BYTES || text.contains('?') {
            return false;
        }
        let same_word = |word: &str, cue: &str| {
            let mut letters = word.chars().filter(|c| !is_apostrophe(*c));
            let mut cue_letters = cue.chars();
            loop {
                match (letters.next(), cue_letters.next()) {
                    (None, None) => return true,
                    (Some(a), Some(b)) if a.to_ascii_lowercase() == b => {}
                    _ => return false,
                }
            }
        };
        let mut any_word = false;
        let mut anchored = false;
        for word in tokens(text)
            .filter(|t| t.kind() == TokenKind::Word)
            .map(|t| t.as_str())
            .filter(|w| w.chars().any(char::is_alphanumeric))
        {
            if !CLOSING_WORDS.iter().any(|cue| same_word(word, cue)) {
                return false;
            }
            any_word = true;
            anchored |= GRATITUDE_ANCHORS.iter().any(|cue| same_word(word, cue));
        }
        any_word && anchored
    }

    pub(crate) const TRICKY: &[&str] = &[
        "",
        "!!!",
        "Dear Sir or Madam, I would like to know the status. Kind regards, Ann",
        "hey, where's my parcel?? don't tell me it's lost lol 😅!",
        "DON'T, WON'T, I'M, WE'LL, THEY'RE, I'D, WE'VE",
        "don’t can’t it’s That’s THAT’S donʼt thatʼs",
        "Thanks, all sorted! 🙏",
        "That’s perfect, thank you so much :)",
        "That's great, thx",
        "thanks for order 5521",
        "Ｔhanks",
        "Kelvin oK \u{212A}",
        "İstanbul ıi Straße STRASSE",
        "\u{0D4E}! \u{0600}! x\u{0301}! !\u{0301}",
        "a\u{0301}bc’d café’s naïve’ll",
        "¿Dónde está mi pedido? Lo pagué la semana pasada",
        "Where is my order? I paid for it last week",
        "thanks ʼ ’ ' cheers",
        "supercalifragilisticexpialidociousness’t supercalifragilisticexpialidociousness’d",
        "ÄÖÜäöüßÄÖÜäöüßÄÖÜäöüßÄÖÜäöüßÄÖÜäöüßÄÖÜäöüßÄÖÜäöüßÄÖÜäöüßn’t",
        "123 thanks 4u",
        "    \t\n  thanks\u{00A0}cheers\u{3000}ty",
        ":?) thanks",
        "RESPECTFULLY, SINCERELY, FAITHFULLY, KINDLY, REGARDS",
        "Hi",
        "hello there",
        "Yo!",
        "GREETINGS from Ohio",
        "@united my bag is lost",
        "@Delta Thanks!",
        "https://x.co/!?a thanks",
        "see WWW.X.CO/ä! Ok",
        "&#33; &gt; &#233;t&eacute; thanks&#x21;",
        "#ThankYou #so_happy",
        "mail me@x.com! thanks",
    ];

    #[test]
    fn marks_agree_with_the_reference_readings() {
        let long = "thanks ".repeat(40);
        let longer = "thanks ".repeat(41);
        for text in TRICKY
            .iter()
            .copied()
            .chain([long.as_str(), longer.as_str()])
        {
            let marks = marks_of_text(text);
            let (tone, words, function) = reference_tone(text);
            assert_eq!(marks.tone(), tone, "{text:?}");
            assert_eq!(marks.words().words, words, "{text:?}");
            assert_eq!(marks.words().english_function_words, function, "{text:?}");
            assert_eq!(marks.thanks_only(), reference_thanks_only(text), "{text:?}");
        }
    }

    proptest::proptest! {
        /// Any text, in any script, with the list words and apostrophes mixed in: the one
        /// reading's marks are the reference readings'.
        #[test]
        fn marks_agree_with_the_reference_on_any_text(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(TRICKY.to_vec()).prop_map(str::to_owned),
                    proptest::sample::select(CLOSING_WORDS.to_vec()).prop_map(str::to_owned),
                    proptest::sample::select(ENGLISH_FUNCTION_WORDS.to_vec()).prop_map(str::to_owned),
                    "[a-zA-Z’ʼ'!?.:)( \u{0301}\u{1F600}]{0,8}",
                    "\\PC{0,6}",
                ],
                0..12,
            )
        ) {
            let text = parts.join(" ");
            let marks = marks_of_text(&text);
            let (tone, words, function) = reference_tone(&text);
            proptest::prop_assert_eq!(marks.tone(), tone);
            proptest::prop_assert_eq!(marks.words().words, words);
            proptest::prop_assert_eq!(marks.words().english_function_words, function);
            proptest::prop_assert_eq!(marks.thanks_only(), reference_thanks_only(&text));
            // The cue pass's look-ups feed the same marks.
            let analyzer = crate::signals::Analyzer::new(Default::default()).unwrap();
            let reading = analyzer.signals(&text);
            proptest::prop_assert_eq!(reading.tone, marks.tone());
            proptest::prop_assert_eq!(reading.words, marks.words());
            proptest::prop_assert_eq!(reading.thanks_only, marks.thanks_only());
        }
    }

    #[test]
    fn every_listed_word_carries_its_marks() {
        for (list, mark) in LISTS {
            for word in list {
                assert!(word.len() <= MAX_MARKED_LEN, "{word}");
                assert_ne!(marks_of(word_table(), word.as_bytes()) & mark, 0, "{word}");
                let upper = word.to_ascii_uppercase();
                assert_ne!(marks_of(word_table(), upper.as_bytes()) & mark, 0, "{word}");
            }
        }
        for ending in CONTRACTION_ENDINGS {
            let word = format!("x{ending}");
            assert!(has_contraction_ending(word.as_bytes()), "{word}");
            assert!(has_contraction_ending(word.to_ascii_uppercase().as_bytes()));
        }
        for word in ["x", "t", "nt", "n'x", "'x", "doesnt", "o'clock"] {
            assert!(!has_contraction_ending(word.as_bytes()), "{word}");
        }
    }
}
