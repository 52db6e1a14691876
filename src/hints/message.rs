//! What a customer's message says about them, read once when it arrives: [`MessageNotes`] and
//! [`ScoredEvent`].

use rust_stemmers::{Algorithm, Stemmer};

use crate::model::{ContactEvent, CustomerProfile};
pub(crate) use crate::priority::history::is_customer_message;
use crate::signals::{Analyzer, Signals, WordCounts, marks_of_text};
use crate::text::{Folded, Language, TokenKind, tokens};

/// Most keywords kept per message for recurring topics: enough for a long email's subjects,
/// bounded so that a pasted log cannot make hints slow.
pub const MAX_KEYWORDS_PER_MESSAGE: usize = 16;

/// Share of a message's words that must be common English function words ("the", "my",
/// "is", …) for the message to count as written in English: 0.2. Running English text sits
/// near 0.4–0.5; other languages share few of these words. (The sentiment
/// [`Coverage`](crate::signals::Coverage) is no guide here: it counts only words that carry a
/// feeling, and a plain "where is my parcel" has none.)
pub const ENGLISH_FUNCTION_SHARE: f64 = 0.2;

/// Fewest words a message needs before its language is judged: 5. Shorter messages ("hi,
/// quick question!", "gracias") often hold no function word in any language.
pub const MIN_WORDS_FOR_LANGUAGE: u32 = 5;

/// Complaint score from which a message counts as a complaint for churn (0.5, the middle of
/// the complaint scale); a `complaint` event counts whatever its text.
pub const COMPLAINT_FROM: f64 = 0.5;

/// Shortest keyword kept, in characters: shorter words rarely name a topic.
const MIN_KEYWORD_CHARS: usize = 3;

/// Words that name no topic: function words, feelings and fillers (folded, before stemming).
const NOT_TOPICS: &[&str] = &[
    "about",
    "after",
    "again",
    "all",
    "also",
    "already",
    "always",
    "and",
    "any",
    "are",
    "asked",
    "because",
    "been",
    "before",
    "but",
    "can",
    "cannot",
    "could",
    "dear",
    "did",
    "does",
    "don't",
    "for",
    "from",
    "get",
    "got",
    "had",
    "has",
    "have",
    "hello",
    "help",
    "her",
    "here",
    "hey",
    "him",
    "his",
    "how",
    "i'm",
    "i've",
    "just",
    "know",
    "last",
    "like",
    "madam",
    "make",
    "many",
    "more",
    "much",
    "need",
    "never",
    "not",
    "now",
    "off",
    "one",
    "only",
    "our",
    "out",
    "over",
    "please",
    "really",
    "regards",
    "said",
    "see",
    "she",
    "should",
    "sir",
    "some",
    "still",
    "such",
    "than",
    "thank",
    "thanks",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "time",
    "today",
    "too",
    "very",
    "want",
    "was",
    "way",
    "week",
    "well",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "why",
    "will",
    "with",
    "would",
    "yes",
    "yet",
    "you",
    "your",
    "you're",
    "angry",
    "awful",
    "bad",
    "disappointed",
    "good",
    "great",
    "happy",
    "hate",
    "love",
    "nice",
    "sorry",
    "terrible",
    "upset",
    "urgent",
    "hi",
    "lol",
    "thx",
    "pls",
    "okay",
    "yeah",
    "back",
    "call",
    "called",
    "calling",
    "ago",
    "day",
    "days",
    "hour",
    "hours",
    "minute",
    "minutes",
    "month",
    "months",
    "year",
    "years",
    "yesterday",
    "tomorrow",
    "tonight",
    "morning",
    "afternoon",
    "evening",
    "come",
    "came",
    "say",
    "says",
    "tell",
    "told",
    "two",
    "three",
    "kind",
    "nothing",
    "something",
    "anything",
    "everything",
    "able",
    "try",
    "tried",
    "since",
    "keep",
    "keeps",
    "guys",
    "team",
    "omg",
    "yay",
];

pub use crate::signals::ToneMarks;

/// What one customer message tells about its writer, computed once on arrival so that hints
/// never read text again: its one reading ([`Signals`]) and its keywords.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct MessageNotes {
    /// The message's reading: sentiment, complaint, the leaving cue ([`Signals::leaving`]),
    /// tone marks, word counts for the English check, and whether it only thanks us
    /// ([`Signals::thanks_only`]: such a message waits for no answer).
    pub signals: Signals,
    /// Whether the text reads as English (`None`: too short to tell): at least
    /// [`MIN_WORDS_FOR_LANGUAGE`] words, of which at least [`ENGLISH_FUNCTION_SHARE`] are
    /// common English function words (the reading's [`WordCounts`]).
    pub english: Option<bool>,
    /// Stemmed keywords, each once, at most [`MAX_KEYWORDS_PER_MESSAGE`], most frequent first
    /// (ties by keyword); function words, feeling words, time words and names are left out.
    /// Empty for a message that does not read as English (the stemmer is English).
    pub keywords: Vec<String>,
}

impl MessageNotes {
    /// Reads one customer message: its [`Signals`] in `language` (one tokenization pass:
    /// sentiment, complaint, the leaving cue, tone marks, word counts, thanks-only) and its
    /// keywords. Allocates (keywords); done once per message. Any text is accepted; an empty
    /// one gives neutral notes.
    ///
    /// Tone rule (see [`ToneMarks`]): a formal mark for a first word "Dear"/"Greetings" and
    /// one for a formal word (regards, sincerely, faithfully, respectfully, kindly); a casual
    /// mark for each of: a first word hi/hey/hello/…, a contraction, an emoji or emoticon, a
    /// `!`, a first letter in lowercase, chat shorthand. A message is casual when casual marks
    /// outnumber formal ones, formal when formal marks do.
    pub fn new(analyzer: &Analyzer, text: &str, language: Language) -> MessageNotes {
        let mut signals = analyzer.signals_in(text, language);
        if signals.sentiment.coverage.truncated_at.is_some() {
            // The reading covers the scored part of a text longer than the analyzer's limit;
            // the writer's tone is read from all of it, as it always was.
            let marks = marks_of_text(text);
            signals.tone = marks.tone();
            signals.words = marks.words();
        }
        let english = english_of(signals.words);
        // The stemmer and the stop list are English: other text gives no keywords.
        let keywords = if english == Some(false) {
            Vec::new()
        } else {
            keywords(text)
        };
        MessageNotes {
            signals,
            english,
            keywords,
        }
    }
}

/// The English check on a message's word counts.
fn english_of(counts: WordCounts) -> Option<bool> {
    (counts.words >= MIN_WORDS_FOR_LANGUAGE).then(|| {
        f64::from(counts.english_function_words) / f64::from(counts.words) >= ENGLISH_FUNCTION_SHARE
    })
}

/// The message's stemmed keywords, each once, most frequent first, ties by keyword.
///
/// A capitalized word that does not start a sentence is taken for a name ("Kind regards,
/// Margaret Holloway", "Dear Mr Lee") and skipped: a signature would otherwise be every formal
/// writer's top topic.
fn keywords(text: &str) -> Vec<String> {
    let stemmer = Stemmer::create(Algorithm::English);
    let mut counts: Vec<(String, u32)> = Vec::new();
    let mut sentence_start = true;
    let mut last_word = "";
    for token in tokens(text) {
        let word = token.as_str();
        let starts_sentence = sentence_start;
        match token.kind() {
            TokenKind::Word => {
                sentence_start = false;
                last_word = word;
            }
            TokenKind::Punctuation => {
                // The dot of an initial or a title ("M. Holloway", "Mr. Lee") ends no sentence.
                let abbreviation = last_word.chars().count() == 1
                    || matches!(last_word, "Mr" | "Mrs" | "Ms" | "Dr");
                sentence_start |= matches!(word, "!" | "?") || (word == "." && !abbreviation);
            }
            _ => {}
        }
        let name_like = !starts_sentence
            && word.chars().next().is_some_and(char::is_uppercase)
            && word.chars().skip(1).any(char::is_lowercase);
        if token.kind() != TokenKind::Word
            || name_like
            || word.chars().count() < MIN_KEYWORD_CHARS
            // Letters only: numbers, codes and contractions ("where's", "didn't") name no topic.
            || !word.chars().all(char::is_alphabetic)
        {
            continue;
        }
        let Some(folded) = Folded::new(word) else {
            continue;
        };
        if NOT_TOPICS.contains(&folded.as_str()) {
            continue;
        }
        let stem = stemmer.stem(folded.as_str());
        let held = counts.len();
        match counts.iter_mut().find(|(s, _)| *s == stem) {
            Some((_, n)) => *n += 1,
            // Bounded: a pasted log adds no more than this many distinct stems.
            None if held < 4 * MAX_KEYWORDS_PER_MESSAGE => counts.push((stem.into_owned(), 1)),
            None => {}
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counts.truncate(MAX_KEYWORDS_PER_MESSAGE);
    counts.into_iter().map(|(s, _)| s).collect()
}

/// A contact event with its message read once on arrival: the input of
/// [`Hinter::hints`](super::Hinter::hints), the fast path.
///
/// `notes` is `Some` for a customer message with text (an inbound inquiry, complaint,
/// follow-up, reply, call or callback request, as in [`ScoredText`](crate::priority::ScoredText)),
/// `None` otherwise: our own texts say nothing about the customer.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ScoredEvent {
    /// The event.
    pub event: ContactEvent,
    /// What its text says about the customer, if it is a customer message with text.
    pub notes: Option<MessageNotes>,
}

impl ScoredEvent {
    /// Reads `event`'s text once, in the customer's language (the profile's tag; a tag the
    /// analyzer cannot read falls back to its configured language).
    pub fn new(analyzer: &Analyzer, profile: &CustomerProfile, event: ContactEvent) -> ScoredEvent {
        let language =
            Language::from_bcp47(profile.language().as_str()).unwrap_or(analyzer.config().language);
        let notes = match (is_customer_message(&event), event.text()) {
            (true, Some(text)) => Some(MessageNotes::new(analyzer, text, language)),
            _ => None,
        };
        ScoredEvent { event, notes }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signals::AnalyzerConfig;

    fn notes(text: &str) -> MessageNotes {
        let analyzer = Analyzer::new(AnalyzerConfig::default()).unwrap();
        MessageNotes::new(&analyzer, text, analyzer.config().language)
    }

    #[test]
    fn tone_marks_follow_the_rule() {
        let formal = notes("Dear Sir or Madam, I would like to know the status. Kind regards, Ann");
        assert_eq!(
            (formal.signals.tone.formal, formal.signals.tone.casual),
            (2, 0)
        );
        let casual = notes("hey, where's my parcel?? don't tell me it's lost lol 😅!");
        assert_eq!(casual.signals.tone.formal, 0);
        assert_eq!(casual.signals.tone.casual, 6);
    }

    #[test]
    fn english_is_told_from_other_languages() {
        assert_eq!(
            notes("Where is my order? I paid for it last week").english,
            Some(true)
        );
        assert_eq!(
            notes("¿Dónde está mi pedido? Lo pagué la semana pasada").english,
            Some(false)
        );
        assert_eq!(notes("ok thanks").english, None);
    }

    #[test]
    fn names_and_time_words_are_not_topics() {
        let n = notes(
            "Good afternoon. Could you send a copy of the invoice from last month? \
             Kind regards, M. Holloway",
        );
        assert_eq!(n.keywords, ["copi", "invoic", "send"], "{:?}", n.keywords);
        let spanish = notes("Hola, mi pedido sigue sin llegar y nadie me responde");
        assert!(spanish.keywords.is_empty(), "{:?}", spanish.keywords);
    }

    #[test]
    fn leaving_and_keywords_are_noted() {
        let n = notes("The invoice is wrong again, I will cancel my subscription");
        assert!(n.signals.leaving);
        assert!(n.keywords.iter().any(|k| k == "invoic"), "{:?}", n.keywords);
        assert!(n.keywords.len() <= MAX_KEYWORDS_PER_MESSAGE);
        let empty = notes("");
        assert!(!empty.signals.leaving && empty.keywords.is_empty() && empty.english.is_none());
    }
}
