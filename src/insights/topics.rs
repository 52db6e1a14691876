//! Complaint topics: stemmed keywords of the customers' negative messages, counted in bounded
//! memory.

use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};

use crate::text::{Folded, TokenKind, tokens};

/// Shortest keyword kept, in characters: shorter words are almost all function words or
/// abbreviations that name no topic.
const MIN_KEYWORD_CHARS: usize = 3;

/// Words that say how the customer feels or judges, not what about: left out of topics.
/// Sentiment words that name a thing that went wrong ("refund", "delay", "broken", "charged")
/// stay, which is why the sentiment lexicon itself is not used as the filter.
const FEELING_WORDS: &[&str] = &[
    "awful",
    "terrible",
    "horrible",
    "horrendous",
    "dreadful",
    "bad",
    "worse",
    "worst",
    "poor",
    "appalling",
    "atrocious",
    "abysmal",
    "pathetic",
    "useless",
    "ridiculous",
    "unacceptable",
    "disgraceful",
    "disgusting",
    "shocking",
    "outrageous",
    "joke",
    "nightmare",
    "shame",
    "shameful",
    "angry",
    "furious",
    "livid",
    "mad",
    "annoyed",
    "annoying",
    "upset",
    "frustrated",
    "frustrating",
    "frustration",
    "disappointed",
    "disappointing",
    "disappointment",
    "unhappy",
    "sad",
    "hate",
    "hated",
    "fed",
    "sick",
    "tired",
    "sorry",
    "please",
    "thanks",
    "thank",
    "good",
    "great",
    "nice",
    "happy",
    "love",
    "lovely",
    "help",
    "never",
    "not",
    "nobody",
    "anymore",
    "really",
    "completely",
    "absolutely",
    "totally",
];

/// English function and filler words that name no topic.
const STOPWORDS: &[&str] = &[
    "about",
    "after",
    "again",
    "all",
    "also",
    "already",
    "and",
    "any",
    "are",
    "because",
    "been",
    "before",
    "being",
    "but",
    "can",
    "cannot",
    "could",
    "did",
    "does",
    "doing",
    "done",
    "for",
    "from",
    "get",
    "got",
    "had",
    "has",
    "have",
    "having",
    "her",
    "here",
    "him",
    "his",
    "how",
    "i'm",
    "i've",
    "i'd",
    "i'll",
    "into",
    "it's",
    "its",
    "just",
    "know",
    "like",
    "me",
    "more",
    "most",
    "much",
    "must",
    "my",
    "now",
    "off",
    "once",
    "only",
    "other",
    "our",
    "ours",
    "out",
    "over",
    "same",
    "she",
    "should",
    "since",
    "some",
    "still",
    "such",
    "than",
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
    "through",
    "too",
    "under",
    "until",
    "very",
    "was",
    "wasn't",
    "way",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yet",
    "one",
    "two",
    "day",
    "days",
    "week",
    "time",
    "today",
    "yesterday",
    "tomorrow",
    "hello",
    "dear",
    "regards",
    "hi",
    "hey",
    "ask",
    "asked",
    "tell",
    "told",
    "said",
    "say",
    "need",
    "want",
    "make",
    "made",
    "going",
    "went",
    "come",
    "came",
    "take",
    "took",
    "see",
    "seen",
    "let",
    "lot",
    "even",
    "ever",
    "every",
    "anyone",
    "someone",
    "something",
    "anything",
    "nothing",
    "everything",
];

/// Counts stems with the Misra–Gries summary: at most `cap` stems held; when a new stem finds
/// the table full, every count drops by one (stems reaching zero leave). A stem's count is
/// then low by at most the number of such drops, which is at most `words / (cap + 1)`.
#[derive(Debug, Clone)]
pub(crate) struct TopicCounter {
    counts: HashMap<String, u64>,
    cap: usize,
    drops: u64,
    words: u64,
    messages: u64,
}

impl TopicCounter {
    pub(crate) fn new(cap: usize) -> Self {
        TopicCounter {
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
            if STOPWORDS.contains(&folded) || FEELING_WORDS.contains(&folded) {
                continue;
            }
            let stem = stemmer.stem(folded);
            self.add_stem(&stem);
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
