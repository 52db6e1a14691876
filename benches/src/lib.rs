//! Shared corpus generators for the realboss benchmarks.
//!
//! Everything here is deterministic: the same seed gives the same corpus on every machine, so
//! figures from different runs measure the code, not the data.

/// A small deterministic pseudo-random generator (xorshift64*), enough to vary a corpus.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed (0 is replaced by a fixed non-zero value).
    pub fn new(seed: u64) -> Rng {
        Rng(if seed == 0 {
            0x9E37_79B9_7F4A_7C15
        } else {
            seed
        })
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// One item of a non-empty slice.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const NEUTRAL: &[&str] = &[
    "the",
    "my",
    "order",
    "account",
    "I",
    "it",
    "was",
    "is",
    "to",
    "and",
    "a",
    "for",
    "with",
    "phone",
    "package",
    "delivery",
    "agent",
    "team",
    "yesterday",
    "today",
    "again",
    "app",
    "invoice",
    "router",
    "ticket",
    "number",
    "#48213",
    "call",
    "email",
    "week",
    "they",
    "we",
    "have",
    "been",
    "this",
    "that",
    "on",
    "of",
    "in",
    "at",
    "you",
    "your",
    "store",
    "manager",
    "subscription",
    "update",
    "battery",
    "screen",
    "3",
    "days",
    "2024-05-01",
];
const POSITIVE: &[&str] = &[
    "great",
    "thanks",
    "love",
    "helpful",
    "excellent",
    "perfect",
    "happy",
    "resolved",
    "fast",
    "friendly",
    "recommend",
    "awesome",
    "good",
    "appreciate",
    "reliable",
];
const NEGATIVE: &[&str] = &[
    "terrible",
    "broken",
    "refund",
    "angry",
    "worst",
    "slow",
    "useless",
    "disappointed",
    "frustrated",
    "charged",
    "stranded",
    "rude",
    "awful",
    "waiting",
    "cancel",
];
const MODIFIERS: &[&str] = &[
    "not",
    "never",
    "very",
    "really",
    "extremely",
    "kind of",
    "don't",
    "didn't",
    "can't",
    "barely",
    "so",
    "no",
    "too",
    "but",
    "however",
];
const PHRASES: &[&str] = &[
    "still waiting",
    "on hold",
    "charged twice",
    "no problem",
    "highly recommend",
    "stopped working",
    "went above and beyond",
    "waste of money",
    "sorted it out",
];
const EMOJI: &[&str] = &["😀", "😡", "👍", "👍🏽", "❤️", "😢", "🙏", "👨‍👩‍👧", "🔥", "😂"];
const NON_ASCII: &[&str] = &[
    "café",
    "naïve",
    "Müller",
    "déçu",
    "très",
    "¡gracias!",
    "спасибо",
    "ありがとう",
    "重要",
    "señor",
    "Straße",
    "ça",
    "“quoted”",
    "don’t",
    "…",
];
const PUNCT: &[&str] = &[".", ",", "!", "?", "!!", "...", ":)", ":(", "?!", ";"];

/// One customer-like message of 5 to 60 words: neutral words with some sentiment words,
/// negations and boosters, phrases, capitals, emoji, emoticons and non-ASCII words.
pub fn message(rng: &mut Rng) -> String {
    let words = 5 + rng.below(56).min(rng.below(56));
    let mut out = String::with_capacity(words * 7);
    for i in 0..words {
        if i > 0 {
            out.push(' ');
        }
        let roll = rng.below(100);
        let word = match roll {
            0..=54 => rng.pick(NEUTRAL),
            55..=64 => rng.pick(POSITIVE),
            65..=74 => rng.pick(NEGATIVE),
            75..=82 => rng.pick(MODIFIERS),
            83..=85 => rng.pick(PHRASES),
            86..=88 => rng.pick(EMOJI),
            89..=91 => rng.pick(NON_ASCII),
            _ => rng.pick(PUNCT),
        };
        if rng.below(25) == 0 {
            out.push_str(&word.to_uppercase());
        } else {
            out.push_str(word);
        }
    }
    out.push_str(rng.pick(&[".", "!", "?", "", "!!!"]));
    out
}

/// `count` messages from `seed`.
pub fn corpus(seed: u64, count: usize) -> Vec<String> {
    let mut rng = Rng::new(seed);
    (0..count).map(|_| message(&mut rng)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_is_deterministic_and_customer_sized() {
        let a = corpus(7, 2000);
        assert_eq!(a, corpus(7, 2000));
        let bytes: usize = a.iter().map(String::len).sum();
        let mean = bytes as f64 / a.len() as f64;
        assert!(
            (100.0..220.0).contains(&mean),
            "mean message length {mean} bytes"
        );
        assert!(a.iter().any(|m| !m.is_ascii()));
        assert!(a.iter().any(|m| m.is_ascii()));
    }
}
