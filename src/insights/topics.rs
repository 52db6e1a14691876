//! Complaint topics: stemmed keywords of the customers' negative messages, counted in bounded
//! memory.

use std::collections::HashMap;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

use crate::text::{Folded, TokenKind, tokens};

/// Shortest keyword kept, in characters: shorter words are almost all function words or
/// abbreviations that name no topic.
const MIN_KEYWORD_CHARS: usize = 3;

/// Words that say how the customer feels or judges, not what about, one per line: left out of
/// topics. Sentiment words that name a thing that went wrong ("refund", "delay", "broken",
/// "charged") are not listed, which is why the sentiment lexicon itself is not the filter.
const FEELING_WORDS: &str = include_str!("../../data/topic_feelings.txt");

/// English function and filler words that name no topic, one per line.
const STOPWORDS: &str = include_str!("../../data/topic_stopwords.txt");

/// Every word that is never a topic, sorted for binary search; parsed once per process from the
/// embedded lists (a few hundred short words, so a generated table would buy nothing).
fn not_topics() -> &'static [&'static str] {
    static TABLE: OnceLock<Vec<&'static str>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut words: Vec<&'static str> = [FEELING_WORDS, STOPWORDS]
            .into_iter()
            .flat_map(str::lines)
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        words.sort_unstable();
        words.dedup();
        words
    })
}

fn is_topic_word(folded: &str) -> bool {
    not_topics().binary_search(&folded).is_err()
}

/// Counts stems with the Misra–Gries summary: at most `cap` stems held; when a new stem finds
/// the table full, every count drops by one (stems reaching zero leave). A stem's count is
/// then low by at most the number of such drops, which is at most `words / (cap + 1)`.
#[derive(Debug, Clone)]
pub(crate) struct TopicCounter {
    /// Folded word → its stem, for at most `cap` words, so that a known word costs neither
    /// stemming nor an allocation (the stemmer returns a new string for most words).
    stems: HashMap<Box<str>, Box<str>>,
    counts: HashMap<String, u64>,
    cap: usize,
    drops: u64,
    words: u64,
    messages: u64,
}

impl TopicCounter {
    pub(crate) fn new(cap: usize) -> Self {
        TopicCounter {
            stems: HashMap::new(),
            counts: HashMap::new(),
            cap,
            drops: 0,
            words: 0,
            messages: 0,
        }
    }

    /// Counts the keywords of one negative message.
    pub(crate) fn add_message(&mut self, text: &str) {
        self.messages += 1;
        let stemmer = Stemmer::create(Algorithm::English);
        for token in tokens(text) {
            if token.kind() != TokenKind::Word {
                continue;
            }
            let word = token.as_str();
            if word.chars().count() < MIN_KEYWORD_CHARS
                || !word
                    .chars()
                    .all(|c| c.is_alphabetic() || c == '\'' || c == '’')
            {
                continue;
            }
            let Some(folded) = Folded::new(word) else {
                continue;
            };
            let folded = folded.as_str();
            if !is_topic_word(folded) {
                continue;
            }
            if let Some((word, stem)) = self.stems.remove_entry(folded) {
                // Known word: no stemming; taking the entry out and putting it back moves the
                // boxes without allocating (the table never grows here).
                self.add_stem(&stem);
                self.stems.insert(word, stem);
                continue;
            }
            let stem = stemmer.stem(folded);
            self.add_stem(&stem);
            if self.stems.len() < self.cap {
                self.stems.insert(folded.into(), stem.as_ref().into());
            }
        }
    }

    fn add_stem(&mut self, stem: &str) {
        self.words += 1;
        if let Some(n) = self.counts.get_mut(stem) {
            *n += 1;
        } else if self.counts.len() < self.cap {
            self.counts.insert(stem.to_owned(), 1);
        } else {
            // The new stem's one count cancels against one count of every held stem.
            self.drops += 1;
            self.counts.retain(|_, n| {
                *n -= 1;
                *n > 0
            });
        }
    }

    /// The `n` most counted stems, most first, ties by stem; with the counts' largest
    /// undercount, the number of negative messages and of keywords counted.
    pub(crate) fn top(&self, n: usize) -> (Vec<(String, u64)>, u64, u64, u64) {
        let mut all: Vec<(&String, &u64)> = self.counts.iter().collect();
        all.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
        let top = all
            .into_iter()
            .take(n)
            .map(|(s, c)| (s.clone(), *c))
            .collect();
        (top, self.drops, self.messages, self.words)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_are_stemmed_without_function_or_sentiment_words() {
        let mut t = TopicCounter::new(100);
        t.add_message("The delivery was terrible and my deliveries are always late, order 4821");
        let (top, drops, messages, _) = t.top(10);
        assert_eq!(drops, 0);
        assert_eq!(messages, 1);
        let stems: Vec<&str> = top.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(top[0], ("deliveri".to_owned(), 2));
        assert!(
            !stems.contains(&"terribl") && !stems.contains(&"the"),
            "{stems:?}"
        );
        assert!(!stems.iter().any(|s| s.contains("4821")), "{stems:?}");
    }

    #[test]
    fn the_word_lists_are_lower_case_words_and_each_is_read() {
        let table = not_topics();
        assert!(table.len() > 150, "{}", table.len());
        for word in table {
            assert!(
                !word.is_empty() && word.chars().all(|c| c.is_lowercase() || c == '\''),
                "{word:?}"
            );
            assert!(!is_topic_word(word));
        }
        // One word from each file, and the comment lines are not words.
        assert!(!is_topic_word("terrible") && !is_topic_word("because"));
        assert!(is_topic_word("refund") && is_topic_word("#"));
    }

    #[test]
    fn a_full_table_undercounts_by_at_most_the_drops() {
        let mut t = TopicCounter::new(2);
        for stem in ["refund", "refund", "parcel", "courier", "refund", "invoice"] {
            t.add_stem(stem);
        }
        let (top, drops, _, words) = t.top(5);
        assert_eq!(words, 6);
        // "courier" found the table full: one drop, which cost "parcel" its place.
        assert_eq!(drops, 1);
        // "refund" came 3 times; its count is low by at most the drops.
        let refund = top.iter().find(|(s, _)| s == "refund").unwrap().1;
        assert!((3 - drops..=3).contains(&refund), "{refund}");
        assert!(!top.iter().any(|(s, _)| s == "parcel"));
        assert!(top.len() <= 2);
    }
}
