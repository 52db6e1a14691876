//! Keywords: the words of a text that can name what it is about, and [`Topic`], a keyword
//! counted over many texts. One extractor for every consumer: hints' recurring topics and
//! insights' complaint topics read keywords the same way.
//!
//! # Which words are keywords
//!
//! Keywords come from the [`tokens`] of a text, in one pass that allocates
//! nothing. A keyword is a [`TokenKind::Word`]
//!
//! - of letters only: numbers, codes and contractions ("4821", "x2", "didn't") name no topic;
//! - at least three letters long: shorter words are almost all function words or abbreviations;
//! - that is not a name: a capitalized word that does not start a sentence ("Kind regards,
//!   Margaret Holloway", "Dear Mr Lee") is skipped, or a signature would be every formal writer's
//!   top topic. A sentence starts the text and follows `!`, `?` or a `.` that does not end an
//!   initial or a title ("M. Holloway", "Mr. Lee");
//! - that is not on the stop list (`data/topic_stoplist.tsv`): function words, feelings, time
//!   words, greetings and words of getting in touch, each listed with its reason.
//!
//! Keywords are compared folded (lower case, `’` written `'`).
//!
//! # Topics
//!
//! A [`Topic`] groups the keywords that share a Snowball (English) stem ("delivery" and
//! "deliveries" are `deliveri`) and is shown as a word: the form seen most often, ties to the
//! shorter, then to the alphabetically first. The stem stays available for hosts that group
//! topics themselves. The stemmer is English; consumers that can tell a text is not English
//! (hints) read no keywords from it.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;

use super::{Folded, TokenKind, tokens};

/// Shortest keyword, in characters: shorter words are almost all function words or
/// abbreviations that name no topic.
const MIN_KEYWORD_CHARS: usize = 3;

/// The stop list: one `word<TAB>reason` line per word that never names a topic.
const STOP_LIST: &str = include_str!("../../data/topic_stoplist.tsv");

/// One topic: a keyword's stem, the word it is shown as, and how often it came up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Topic {
    /// The word shown, lower case: the form of the stem seen most often (ties: the shorter, then
    /// the alphabetically first), e.g. `"delivery"` for delivery ×2 and deliveries ×1.
    pub word: String,
    /// The Snowball (English) stem shared by the topic's words, lower case, e.g. `"deliveri"`:
    /// what topics are grouped and ordered by.
    pub stem: String,
    /// How often it came up; what is counted is said where a topic is given: messages that
    /// used it in [`HintValue::Topics`](crate::hints::HintValue::Topics), words in negative
    /// messages in [`Topics`](crate::insights::Topics), occurrences in one message in
    /// [`MessageNotes::keywords`](crate::hints::MessageNotes::keywords).
    pub count: u64,
}

/// Calls `f` with each keyword of `text`, folded, in text order (a keyword that comes twice is
/// given twice); see the [module documentation](self) for the rules. Allocates nothing (the
/// stop list is parsed once per process, on first use); any text is accepted.
pub(crate) fn for_each_keyword(text: &str, mut f: impl FnMut(&str)) {
    let stop = stop_list();
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
                // Written or as an HTML entity (`&#33;`).
                let c = token.punctuation_byte();
                sentence_start |= matches!(c, b'!' | b'?') || (c == b'.' && !abbreviation);
                continue;
            }
            _ => continue,
        }
        // Letters only, long enough, and whether folding would change anything.
        let (long_enough, letters, lower) = if token.is_ascii() {
            let (mut letters, mut lower) = (true, true);
            for b in word.bytes() {
                letters &= b.is_ascii_alphabetic();
                lower &= b.is_ascii_lowercase();
            }
            (word.len() >= MIN_KEYWORD_CHARS, letters, lower)
        } else {
            let long_enough = word.chars().nth(MIN_KEYWORD_CHARS - 1).is_some();
            (long_enough, word.chars().all(char::is_alphabetic), false)
        };
        if !long_enough || !letters {
            continue;
        }
        let name_like = !starts_sentence
            && !lower
            && word.chars().next().is_some_and(char::is_uppercase)
            && word.chars().skip(1).any(char::is_lowercase);
        if name_like {
            continue;
        }
        if lower {
            // Lower-case ASCII letters are their own folding.
            if !stop.contains(word) {
                f(word);
            }
        } else if let Some(folded) = Folded::new(word)
            && !stop.contains(folded.as_str())
        {
            f(folded.as_str());
        }
    }
}

/// The Snowball (English) stem of a folded keyword. Borrows the word when the stemmer leaves it
/// unchanged, allocates otherwise (the stemmer's own `Cow`).
pub(crate) fn stem(word: &str) -> Cow<'_, str> {
    Stemmer::create(Algorithm::English).stem(word)
}

/// Orders two written forms of one stem with their counts, the one shown first: the more
/// frequent, then the shorter (in characters), then the alphabetically first.
pub(crate) fn form_order(a: &str, a_count: u64, b: &str, b_count: u64) -> Ordering {
    b_count
        .cmp(&a_count)
        .then_with(|| a.chars().count().cmp(&b.chars().count()))
        .then_with(|| a.cmp(b))
}

/// Longest stop word plus one, in bytes: words this long or longer are never stop words.
const STOP_MAX_LEN: usize = 16;

/// The stop list, bucketed by first letter and length so that a look-up compares a word with
/// the few listed words of the same first letter and length (a handful of `memcmp`s, cheaper
/// than hashing the word).
struct StopList {
    /// Every stop word, sorted by (first letter, length, word).
    words: Vec<&'static str>,
    /// `words[starts[k]..starts[k + 1]]` are the words of bucket `k` ([`StopList::bucket`]).
    starts: Vec<u16>,
}

impl StopList {
    /// Bucket of a word starting with `a..=z` and shorter than [`STOP_MAX_LEN`]; `None` for any
    /// other word, which is never a stop word.
    fn bucket(word: &str) -> Option<usize> {
        let first = *word.as_bytes().first()?;
        (first.is_ascii_lowercase() && word.len() < STOP_MAX_LEN)
            .then(|| usize::from(first - b'a') * STOP_MAX_LEN + word.len())
    }

    fn parse(list: &'static str) -> StopList {
        let mut words: Vec<&'static str> = stop_lines(list)
            .map(|(word, _)| word)
            .filter(|w| StopList::bucket(w).is_some())
            .collect();
        words.sort_unstable_by_key(|w| (StopList::bucket(w), *w));
        words.dedup();
        let buckets = 26 * STOP_MAX_LEN;
        let mut starts = Vec::with_capacity(buckets + 1);
        let mut i = 0;
        for k in 0..=buckets {
            while i < words.len() && StopList::bucket(words[i]).is_some_and(|b| b < k) {
                i += 1;
            }
            // At most a few hundred words, far below u16::MAX.
            starts.push(u16::try_from(i).unwrap_or(u16::MAX));
        }
        StopList { words, starts }
    }

    fn contains(&self, folded: &str) -> bool {
        let Some(k) = StopList::bucket(folded) else {
            return false;
        };
        let (Some(&from), Some(&to)) = (self.starts.get(k), self.starts.get(k + 1)) else {
            return false;
        };
        self.words
            .get(usize::from(from)..usize::from(to))
            .is_some_and(|bucket| bucket.contains(&folded))
    }
}

/// The `(word, reason)` lines of a stop list (comments and blank lines skipped).
fn stop_lines(list: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    list.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (word, reason) = l.split_once('\t').unwrap_or((l, ""));
            (word.trim(), reason.trim())
        })
}

/// The embedded stop list, parsed once per process.
fn stop_list() -> &'static StopList {
    static LIST: OnceLock<StopList> = OnceLock::new();
    LIST.get_or_init(|| StopList::parse(STOP_LIST))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reasons a word may be on the stop list (its second column).
    const STOP_REASONS: &[&str] = &["function", "feeling", "time", "address", "contact"];

    fn keywords(text: &str) -> Vec<String> {
        let mut found = Vec::new();
        for_each_keyword(text, |w| found.push(w.to_owned()));
        found
    }

    #[test]
    fn every_stop_word_is_a_possible_keyword_with_a_known_reason_and_is_found() {
        let mut seen = Vec::new();
        for (word, reason) in stop_lines(STOP_LIST) {
            assert!(STOP_REASONS.contains(&reason), "{word}: reason {reason:?}");
            // Letters only, lower case, long enough: a listed word that could never reach the
            // list (a contraction, "me") would only mislead its reader.
            assert!(
                word.chars().count() >= MIN_KEYWORD_CHARS
                    && word.chars().all(|c| c.is_ascii_lowercase()),
                "{word:?}"
            );
            assert!(!seen.contains(&word), "{word} listed twice");
            seen.push(word);
            assert!(stop_list().contains(word), "{word}");
            assert!(keywords(word).is_empty(), "{word}");
        }
        assert!(seen.len() > 200, "{}", seen.len());
        assert_eq!(stop_list().words.len(), seen.len());
        // One word of each reason; comment lines are not words.
        for word in ["because", "terrible", "yesterday", "regards", "calling"] {
            assert!(stop_list().contains(word), "{word}");
        }
        for word in [
            "refund",
            "#",
            "",
            "invoice",
            "deliveries",
            "zzzzzzzzzzzzzzzzzzzz",
        ] {
            assert!(!stop_list().contains(word), "{word}");
        }
    }

    #[test]
    fn keywords_are_folded_letter_words_that_are_not_names_or_stop_words() {
        assert_eq!(
            keywords(
                "Good afternoon. Could you send a copy of the INVOICE from last month? \
                 Kind regards, M. Holloway"
            ),
            ["send", "copy", "invoice"]
        );
        // Numbers, codes, contractions and short words are not keywords; feelings neither.
        assert_eq!(
            keywords("order 4821 x2 didn't arrive, ok? terrible Delivery"),
            ["order", "arrive"]
        );
        // A name after a title's dot is still a name; a sentence's first word is not one.
        assert_eq!(
            keywords("Dear Mr. Lee. Parcel lost! Courier rude"),
            ["parcel", "lost", "courier", "rude"]
        );
        // Non-ASCII words fold too.
        assert_eq!(
            keywords("Straße straße ÉCOLE"),
            ["straße", "straße", "école"]
        );
        assert!(keywords("").is_empty());
    }

    #[test]
    fn stems_and_forms() {
        assert_eq!(stem("deliveries"), "deliveri");
        assert_eq!(stem("refund"), "refund");
        assert_eq!(form_order("refund", 2, "refunds", 3), Ordering::Greater);
        assert_eq!(form_order("refund", 3, "refunds", 3), Ordering::Less);
        assert_eq!(form_order("abc", 1, "abd", 1), Ordering::Less);
    }
}
