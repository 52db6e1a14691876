//! Complaint topics: stemmed keywords of the customers' negative messages, counted in bounded
//! memory.

use std::collections::HashMap;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

use crate::text::Folded;

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

/// The keywords of negative messages: a cache from folded words to what they count as, and the
/// stem counts.
#[derive(Debug, Clone)]
pub(crate) struct TopicCounter {
    /// Folded word → what it counts as, for at most `cap` words, so that a known word costs
    /// one lookup (no word-list search, no stemming, and no allocation: the stemmer returns a
    /// new string for most words).
    words: HashMap<Box<str>, Word>,
    cap: usize,
    counts: StemCounts,
    messages: u64,
}

/// What a known word counts as.
#[derive(Debug, Clone)]
enum Word {
    /// A function or feeling word: never a topic.
    NotTopic,
    /// A keyword: its stem, and the stem's slot in [`StemCounts`] as of `epoch` (trusted only
    /// while no slot was freed since; [`NO_SLOT`] when the stem was not held).
    Keyword {
        stem: Box<str>,
        slot: u32,
        epoch: u64,
    },
}

/// A word's stem not held in the counts when last seen.
const NO_SLOT: u32 = u32::MAX;

/// Counts stems with the Misra–Gries summary: at most `cap` stems held; when a new stem finds
/// the table full, every count drops by one (stems reaching zero leave). A stem's count is
/// then low by at most the number of such drops, which is at most `words / (cap + 1)`.
///
/// Counts live in slots so that a word that knows its stem's slot counts without hashing the
/// stem again; `epoch` changes whenever a slot is freed, which is what may move a stem.
#[derive(Debug, Clone)]
struct StemCounts {
    index: HashMap<Box<str>, u32>,
    /// Stem and count per slot; a count of 0 marks a free slot.
    slots: Vec<(Box<str>, u64)>,
    free: Vec<u32>,
    epoch: u64,
    cap: usize,
    drops: u64,
    words: u64,
}

/// The runs of letters (and apostrophes inside words) of `text`: the only words that can name
/// a topic, so digits, punctuation and emoji split words and are never part of one.
fn letter_runs(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphabetic() || c == '\'' || c == '’'))
        .map(|w| w.trim_matches(|c| c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
}

impl TopicCounter {
    pub(crate) fn new(cap: usize) -> Self {
        TopicCounter {
            words: HashMap::new(),
            cap,
            counts: StemCounts {
                index: HashMap::new(),
                slots: Vec::new(),
                free: Vec::new(),
                epoch: 0,
                cap,
                drops: 0,
                words: 0,
            },
            messages: 0,
        }
    }

    /// Counts the keywords of one negative message.
    pub(crate) fn add_message(&mut self, text: &str) {
        self.messages += 1;
        let stemmer = Stemmer::create(Algorithm::English);
        for word in letter_runs(text) {
            if word.chars().count() < MIN_KEYWORD_CHARS {
                continue;
            }
            let Some(folded) = Folded::new(word) else {
                continue;
            };
            let folded = folded.as_str();
            match self.words.get_mut(folded) {
                Some(Word::NotTopic) => {}
                Some(Word::Keyword { stem, slot, epoch }) => {
                    if *slot != NO_SLOT && *epoch == self.counts.epoch {
                        self.counts.add_at(*slot);
                    } else {
                        *slot = self.counts.add(stem);
                        *epoch = self.counts.epoch;
                    }
                }
                None => {
                    let entry = if is_topic_word(folded) {
                        let stem = stemmer.stem(folded);
                        let slot = self.counts.add(&stem);
                        Word::Keyword {
                            stem: stem.as_ref().into(),
                            slot,
                            epoch: self.counts.epoch,
                        }
                    } else {
                        Word::NotTopic
                    };
                    if self.words.len() < self.cap {
                        self.words.insert(folded.into(), entry);
                    }
                }
            }
        }
    }

    /// The `n` most counted stems, most first, ties by stem; with the counts' largest
    /// undercount, the number of negative messages and of keywords counted.
    pub(crate) fn top(&self, n: usize) -> (Vec<(String, u64)>, u64, u64, u64) {
        let c = &self.counts;
        let mut all: Vec<&(Box<str>, u64)> = c.slots.iter().filter(|(_, n)| *n > 0).collect();
        all.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let top = all
            .into_iter()
            .take(n)
            .map(|(s, c)| (s.to_string(), *c))
            .collect();
        (top, c.drops, self.messages, c.words)
    }
}

impl StemCounts {
    /// Counts one more of the stem in `slot`, which holds it.
    fn add_at(&mut self, slot: u32) {
        self.words += 1;
        if let Some((_, n)) = self.slots.get_mut(slot as usize) {
            *n += 1;
        }
    }

    /// Counts one more of `stem`; gives its slot, or [`NO_SLOT`] when the table was full.
    fn add(&mut self, stem: &str) -> u32 {
        if let Some(&slot) = self.index.get(stem) {
            self.add_at(slot);
            return slot;
        }
        self.words += 1;
        if self.index.len() < self.cap {
            let entry = (Box::from(stem), 1);
            let slot = match self.free.pop() {
                Some(slot) => {
                    self.slots[slot as usize] = entry;
                    slot
                }
                None => {
                    // At most `cap` (≤ MAX_LIMIT, far below u32::MAX) slots exist.
                    self.slots.push(entry);
                    (self.slots.len() - 1) as u32
                }
            };
            self.index.insert(stem.into(), slot);
            return slot;
        }
        // The new stem's one count cancels against one count of every held stem.
        self.drops += 1;
        let mut freed = false;
        for (slot, (held, n)) in self.slots.iter_mut().enumerate() {
            if *n == 0 {
                continue;
            }
            *n -= 1;
            if *n == 0 {
                self.index.remove(held);
                self.free.push(slot as u32);
                freed = true;
            }
        }
        if freed {
            self.epoch += 1;
        }
        NO_SLOT
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

    /// The plain Misra–Gries summary over stems, to check the slots and the word cache against.
    fn reference(stems: &[String], cap: usize) -> Vec<(String, u64)> {
        let mut counts: HashMap<String, u64> = HashMap::new();
        for stem in stems {
            if let Some(n) = counts.get_mut(stem) {
                *n += 1;
            } else if counts.len() < cap {
                counts.insert(stem.clone(), 1);
            } else {
                counts.retain(|_, n| {
                    *n -= 1;
                    *n > 0
                });
            }
        }
        let mut all: Vec<_> = counts.into_iter().collect();
        all.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        all
    }

    #[test]
    fn cached_words_and_slots_count_exactly_as_the_plain_summary() {
        let vocabulary = [
            "refund",
            "refunds",
            "parcel",
            "parcels",
            "courier",
            "invoice",
            "screen",
            "charged",
            "charge",
            "login",
            "password",
            "delivery",
            "deliveries",
            "battery",
        ];
        let stemmer = Stemmer::create(Algorithm::English);
        for cap in [1, 2, 3, 5, 8, 100] {
            let mut t = TopicCounter::new(cap);
            let mut stems = Vec::new();
            let mut x: u64 = 0x2545_F491_4F6C_DD1D;
            for _ in 0..400 {
                let mut message = String::new();
                for _ in 0..(x % 4 + 1) {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    // Skewed: low indices come far more often, as real topics do.
                    let i = ((x % 97) * (x % 97) / 97 % vocabulary.len() as u64) as usize;
                    message.push_str(vocabulary[i]);
                    message.push(' ');
                    stems.push(stemmer.stem(vocabulary[i]).into_owned());
                }
                t.add_message(&message);
            }
            let (top, ..) = t.top(usize::MAX);
            assert_eq!(top, reference(&stems, cap), "cap {cap}");
        }
    }

    #[test]
    fn a_full_table_undercounts_by_at_most_the_drops() {
        let mut t = TopicCounter::new(2);
        for stem in ["refund", "refund", "parcel", "courier", "refund", "invoice"] {
            t.counts.add(stem);
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
