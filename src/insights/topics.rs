//! Complaint topics: the keywords of the customers' negative messages
//! ([`text::keywords`](crate::text::keywords)), counted by stem in bounded memory.

use std::collections::HashMap;

use crate::text::keywords::{Topic, for_each_keyword, form_order, stem};

/// The keywords of negative messages: a cache from keywords to their stems, and the stem counts.
#[derive(Debug, Clone)]
pub(crate) struct TopicCounter {
    /// Folded keyword → its stem and count, for at most `cap` words, so that a known word costs
    /// one lookup (no stemming, and no allocation: the stemmer returns a new string for most
    /// words). Never evicted: a cached word stays until the counter is dropped.
    words: HashMap<Box<str>, Word>,
    cap: usize,
    counts: StemCounts,
    messages: u64,
}

/// A cached keyword.
#[derive(Debug, Clone)]
struct Word {
    /// Its stem.
    stem: Box<str>,
    /// The stem's slot in [`StemCounts`] as of `epoch` (trusted only while no slot was freed
    /// since; [`NO_SLOT`] when the stem was not held).
    slot: u32,
    epoch: u64,
    /// Times the word was seen since it was cached: which form a topic is shown as.
    seen: u64,
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
    slots: Vec<Slot>,
    free: Vec<u32>,
    epoch: u64,
    cap: usize,
    drops: u64,
    words: u64,
}

/// One held stem; a count of 0 marks a free slot.
#[derive(Debug, Clone)]
struct Slot {
    stem: Box<str>,
    count: u64,
    /// The word that brought the stem in, kept only when the word cache was full: every other
    /// held stem has a cached word, which is where a topic's shown word is chosen from.
    uncached_word: Option<Box<str>>,
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
        let TopicCounter {
            words, cap, counts, ..
        } = self;
        for_each_keyword(text, |word| match words.get_mut(word) {
            Some(known) => {
                known.seen += 1;
                if known.slot != NO_SLOT && known.epoch == counts.epoch {
                    counts.add_at(known.slot);
                } else {
                    known.slot = counts.add(&known.stem, None);
                    known.epoch = counts.epoch;
                }
            }
            None => {
                let stem = stem(word);
                if words.len() < *cap {
                    let slot = counts.add(&stem, None);
                    let entry = Word {
                        stem: stem.as_ref().into(),
                        slot,
                        epoch: counts.epoch,
                        seen: 1,
                    };
                    words.insert(word.into(), entry);
                } else {
                    counts.add(&stem, Some(word));
                }
            }
        });
    }

    /// The `n` most counted stems, most first, ties by stem, each shown as its most seen cached
    /// word; with the counts' largest undercount, the number of negative messages and of
    /// keywords counted.
    pub(crate) fn top(&self, n: usize) -> (Vec<Topic>, u64, u64, u64) {
        let c = &self.counts;
        let mut held: Vec<u32> = (0..c.slots.len() as u32)
            .filter(|&s| c.slots[s as usize].count > 0)
            .collect();
        held.sort_by(|&a, &b| {
            let (a, b) = (&c.slots[a as usize], &c.slots[b as usize]);
            b.count.cmp(&a.count).then_with(|| a.stem.cmp(&b.stem))
        });
        held.truncate(n);
        // Each listed stem's most seen cached word: one pass over the cache, a word finding its
        // stem's rank through its slot when that is current, through the stem otherwise.
        let mut rank = vec![usize::MAX; c.slots.len()];
        for (r, &s) in held.iter().enumerate() {
            rank[s as usize] = r;
        }
        let mut by_stem: Option<HashMap<&str, usize>> = None;
        let mut best: Vec<Option<(&str, u64)>> = vec![None; held.len()];
        for (word, w) in &self.words {
            let r = if w.slot != NO_SLOT && w.epoch == c.epoch {
                rank.get(w.slot as usize).copied()
            } else {
                by_stem
                    .get_or_insert_with(|| {
                        held.iter()
                            .enumerate()
                            .map(|(r, &s)| (&*c.slots[s as usize].stem, r))
                            .collect()
                    })
                    .get(&*w.stem)
                    .copied()
            };
            if let Some(b) = r.and_then(|r| best.get_mut(r)) {
                let better = b.is_none_or(|(shown, seen)| {
                    form_order(word, w.seen, shown, seen) == std::cmp::Ordering::Less
                });
                if better {
                    *b = Some((word, w.seen));
                }
            }
        }
        let top = held
            .iter()
            .zip(best)
            .map(|(&s, best)| {
                let slot = &c.slots[s as usize];
                // Every held stem has a cached word or kept its uncached one; the stem only
                // keeps this total.
                let word = best
                    .map(|(w, _)| w)
                    .or(slot.uncached_word.as_deref())
                    .unwrap_or(&slot.stem);
                Topic {
                    word: word.to_owned(),
                    stem: slot.stem.to_string(),
                    count: slot.count,
                }
            })
            .collect();
        (top, c.drops, self.messages, c.words)
    }
}

impl StemCounts {
    /// Counts one more of the stem in `slot`, which holds it.
    fn add_at(&mut self, slot: u32) {
        self.words += 1;
        if let Some(s) = self.slots.get_mut(slot as usize) {
            s.count += 1;
        }
    }

    /// Counts one more of `stem`, brought by `uncached_word` when that word is not cached;
    /// gives its slot, or [`NO_SLOT`] when the table was full.
    fn add(&mut self, stem: &str, uncached_word: Option<&str>) -> u32 {
        if let Some(&slot) = self.index.get(stem) {
            self.add_at(slot);
            return slot;
        }
        self.words += 1;
        if self.index.len() < self.cap {
            let entry = Slot {
                stem: Box::from(stem),
                count: 1,
                uncached_word: uncached_word.map(Box::from),
            };
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
        for (slot, held) in self.slots.iter_mut().enumerate() {
            if held.count == 0 {
                continue;
            }
            held.count -= 1;
            if held.count == 0 {
                self.index.remove(&held.stem);
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
        let stems: Vec<&str> = top.iter().map(|t| t.stem.as_str()).collect();
        assert_eq!((top[0].stem.as_str(), top[0].count), ("deliveri", 2));
        assert!(
            !stems.contains(&"terribl") && !stems.contains(&"the"),
            "{stems:?}"
        );
        assert!(!stems.iter().any(|s| s.contains("4821")), "{stems:?}");
    }

    #[test]
    fn a_topic_is_shown_as_its_most_seen_word() {
        let mut t = TopicCounter::new(100);
        t.add_message("refunds refunds refund, deliveries delivery, invoice invoicing");
        let (top, ..) = t.top(10);
        let shown: Vec<(&str, &str, u64)> = top
            .iter()
            .map(|t| (t.word.as_str(), t.stem.as_str(), t.count))
            .collect();
        // The most seen word of the stem; a tie goes to the shorter word.
        assert_eq!(
            shown,
            [
                ("refunds", "refund", 3),
                ("delivery", "deliveri", 2),
                ("invoice", "invoic", 2)
            ]
        );
        // Equally long and equally seen: the alphabetically first.
        let mut t = TopicCounter::new(100);
        t.add_message("connected connection connection connected");
        assert_eq!(t.top(1).0[0].word, "connected");
    }

    #[test]
    fn a_stem_brought_by_an_uncached_word_is_shown_as_that_word() {
        // One cached word, one held stem: "refund" fills both, "parcel" first drops it, then
        // takes the freed slot without a place in the word cache.
        let mut t = TopicCounter::new(1);
        t.add_message("refund parcel parcel");
        let (top, drops, ..) = t.top(10);
        assert_eq!(drops, 1);
        assert_eq!(top.len(), 1);
        assert_eq!(
            (top[0].word.as_str(), top[0].stem.as_str(), top[0].count),
            ("parcel", "parcel", 1)
        );
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
                    stems.push(stem(vocabulary[i]).into_owned());
                }
                t.add_message(&message);
            }
            let (top, ..) = t.top(usize::MAX);
            let top: Vec<(String, u64)> = top.into_iter().map(|t| (t.stem, t.count)).collect();
            assert_eq!(top, reference(&stems, cap), "cap {cap}");
        }
    }

    #[test]
    fn a_full_table_undercounts_by_at_most_the_drops() {
        let mut t = TopicCounter::new(2);
        for stem in ["refund", "refund", "parcel", "courier", "refund", "invoice"] {
            t.counts.add(stem, None);
        }
        let (top, drops, _, words) = t.top(5);
        assert_eq!(words, 6);
        // "courier" found the table full: one drop, which cost "parcel" its place.
        assert_eq!(drops, 1);
        // "refund" came 3 times; its count is low by at most the drops.
        let refund = top.iter().find(|t| t.stem == "refund").unwrap().count;
        assert!((3 - drops..=3).contains(&refund), "{refund}");
        assert!(!top.iter().any(|t| t.stem == "parcel"));
        assert!(top.len() <= 2);
    }
}
