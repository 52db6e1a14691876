//! What a customer's message says about them, read once when it arrives: [`MessageNotes`] and
//! [`ScoredEvent`].

use crate::model::Language;
use crate::model::{ContactEvent, CustomerProfile};
use crate::signals::{Analyzer, Signals, WordCounts, marks_of_text};
use crate::text::keywords::{Topic, for_each_keyword, form_order, stem};

/// Most keywords kept per message for recurring topics: enough for a long email's subjects,
/// bounded so that a pasted log cannot make hints slow.
pub(crate) const MAX_KEYWORDS_PER_MESSAGE: usize = 16;

/// Share of a message's words that must be common English function words ("the", "my",
/// "is", …) for the message to count as written in English: 0.2. Running English text sits
/// near 0.4–0.5; other languages share few of these words. (The sentiment
/// [`Coverage`](crate::signals::Coverage) is no guide here: it counts only words that carry a
/// feeling, and a plain "where is my parcel" has none.)
pub(crate) const ENGLISH_FUNCTION_SHARE: f64 = 0.2;

/// Fewest words a message needs before its language is judged: 5. Shorter messages ("hi,
/// quick question!", "gracias") often hold no function word in any language.
pub(crate) const MIN_WORDS_FOR_LANGUAGE: u32 = 5;

/// Complaint score from which a message counts as a complaint for churn (0.5, the middle of
/// the complaint scale); a `complaint` event counts whatever its text.
pub(crate) const COMPLAINT_FROM: f64 = 0.5;

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
    /// `MIN_WORDS_FOR_LANGUAGE` (5) words, of which at least `ENGLISH_FUNCTION_SHARE` (0.2) are
    /// common English function words (the reading's [`WordCounts`]).
    pub english: Option<bool>,
    /// Keywords ([`text::keywords`](crate::text::keywords): function words, feeling words, time
    /// words and names are left out), one per stem, at most `MAX_KEYWORDS_PER_MESSAGE` (16), most
    /// frequent first (ties by stem); each counts its words in this message and is shown as
    /// the one written most often. Empty for a message that does not read as English (the
    /// stemmer is English).
    pub keywords: Vec<Topic>,
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

/// Most distinct words kept per message: a stem's other forms beyond this count toward the stem
/// (its first form kept), so that a pasted log cannot make a message's keywords slow.
const MAX_WORDS_PER_MESSAGE: usize = 16 * MAX_KEYWORDS_PER_MESSAGE;

/// The message's keywords, one per stem, most frequent first, ties by stem, each shown as its
/// most written word.
fn keywords(text: &str) -> Vec<Topic> {
    // One entry per distinct word, for at most 4 × MAX_KEYWORDS_PER_MESSAGE stems: a word seen
    // before is counted without stemming it again.
    let mut found: Vec<Topic> = Vec::new();
    let mut stems = 0usize;
    for_each_keyword(text, |word| {
        if let Some(t) = found.iter_mut().find(|t| t.word == word) {
            t.count += 1;
            return;
        }
        let stem = stem(word);
        let held = found.iter().position(|t| *t.stem == *stem);
        match held {
            // Bounded: a pasted log adds no more than this many distinct stems.
            None if stems >= 4 * MAX_KEYWORDS_PER_MESSAGE => return,
            None => stems += 1,
            Some(i) if found.len() >= MAX_WORDS_PER_MESSAGE => {
                found[i].count += 1;
                return;
            }
            Some(_) => {}
        }
        found.push(Topic {
            word: word.to_owned(),
            stem: stem.into_owned(),
            count: 1,
        });
    });
    // Each stem's words into one keyword, shown as the most written word.
    found.sort_by(|a, b| {
        a.stem
            .cmp(&b.stem)
            .then_with(|| form_order(&a.word, a.count, &b.word, b.count))
    });
    found.dedup_by(|later, kept| {
        let same = later.stem == kept.stem;
        if same {
            kept.count += later.count;
        }
        same
    });
    found.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.stem.cmp(&b.stem)));
    found.truncate(MAX_KEYWORDS_PER_MESSAGE);
    found
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
    /// Reads `event`'s text once, in the customer's language (the profile's tag,
    /// [`LanguageTag::language`](crate::model::LanguageTag::language)).
    pub fn new(analyzer: &Analyzer, profile: &CustomerProfile, event: ContactEvent) -> ScoredEvent {
        let language = profile.language().language();
        let notes = match (event.is_customer_message(), event.text()) {
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
        let shown: Vec<(&str, &str, u64)> = n
            .keywords
            .iter()
            .map(|k| (k.word.as_str(), k.stem.as_str(), k.count))
            .collect();
        // Words, not stems; ties by stem.
        assert_eq!(
            shown,
            [
                ("copy", "copi", 1),
                ("invoice", "invoic", 1),
                ("send", "send", 1)
            ]
        );
        let spanish = notes("Hola, mi pedido sigue sin llegar y nadie me responde");
        assert!(spanish.keywords.is_empty(), "{:?}", spanish.keywords);
    }

    #[test]
    fn a_keyword_is_shown_as_its_most_written_form_and_counts_all_forms() {
        let n = notes("Refunds, refunds: where is the refund for my deliveries and delivery?");
        let shown: Vec<(&str, &str, u64)> = n
            .keywords
            .iter()
            .map(|k| (k.word.as_str(), k.stem.as_str(), k.count))
            .collect();
        assert_eq!(
            shown,
            [("refunds", "refund", 3), ("delivery", "deliveri", 2)]
        );
    }

    #[test]
    fn leaving_and_keywords_are_noted() {
        let n = notes("The invoice is wrong again, I will cancel my subscription");
        assert!(n.signals.leaving);
        assert!(
            n.keywords
                .iter()
                .any(|k| k.word == "invoice" && k.stem == "invoic"),
            "{:?}",
            n.keywords
        );
        assert!(n.keywords.len() <= MAX_KEYWORDS_PER_MESSAGE);
        let empty = notes("");
        assert!(!empty.signals.leaving && empty.keywords.is_empty() && empty.english.is_none());
    }
}
