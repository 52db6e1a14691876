//! The English sentiment lexicon at run time: the generated entry table and a hash index over it.
//!
//! The entries come from `english_table.rs`, generated from `data/` by `tests/tables_fresh.rs`.
//! The index is an open-addressing table of `(hash tag, entry number)` slots built once per
//! process on first use (about 30 thousand entries, well under a millisecond) and shared by every
//! analyzer; look-ups hash the folded word with a small multiply-rotate hash (Fx style) and
//! compare bytes only on a tag match.

use std::sync::LazyLock;

use super::english_table::ENTRIES;

/// Flag bits of an [`Entry`]. Short names because the generated table spells them out.
pub(crate) mod flag {
    /// The entry has a valence of its own.
    pub(crate) const V: u32 = 1 << 0;
    /// A negation ("not", "never", "no longer").
    pub(crate) const NEG: u32 = 1 << 1;
    /// A booster or dampener; its amount is [`super::Entry::booster`].
    pub(crate) const BOOST: u32 = 1 << 2;
    /// A contrastive conjunction ("but", "however").
    pub(crate) const CONTRAST: u32 = 1 << 3;
    /// Opens a conceded clause ("although").
    pub(crate) const CONCEDE: u32 = 1 << 4;
    /// A multi-word entry (its key holds spaces).
    pub(crate) const PHRASE: u32 = 1 << 5;
    /// An emoji, valence derived from its description.
    pub(crate) const EMOJI: u32 = 1 << 6;
    /// An ASCII emoticon.
    pub(crate) const EMOTICON: u32 = 1 << 7;
    /// A word form found through its Snowball stem.
    pub(crate) const FORM: u32 = 1 << 8;
    /// Valence from `data/customer_service.tsv`.
    pub(crate) const CS: u32 = 1 << 9;
    /// A VADER special-case phrase or idiom.
    pub(crate) const IDIOM: u32 = 1 << 10;
    /// The word "no".
    pub(crate) const NO: u32 = 1 << 11;
    /// The word "least".
    pub(crate) const LEAST: u32 = 1 << 12;
    /// The word "never".
    pub(crate) const NEVER: u32 = 1 << 13;
    /// The word "without".
    pub(crate) const WITHOUT: u32 = 1 << 14;
    /// The word "doubt".
    pub(crate) const DOUBT: u32 = 1 << 15;
    /// The words "so" and "this".
    pub(crate) const SO_THIS: u32 = 1 << 16;
    /// The words "at" and "very".
    pub(crate) const AT_VERY: u32 = 1 << 17;
    /// The words "or" and "nor".
    pub(crate) const OR_NOR: u32 = 1 << 18;
    /// Marks excess ("too").
    pub(crate) const EXCESS: u32 = 1 << 19;
    /// A phrase of 2 words ends with this word.
    pub(crate) const END2: u32 = 1 << 20;
    /// A phrase of 3 words ends with this word.
    pub(crate) const END3: u32 = 1 << 21;
    /// A phrase of 4 words ends with this word.
    pub(crate) const END4: u32 = 1 << 22;
    /// A phrase of 5 words ends with this word.
    pub(crate) const END5: u32 = 1 << 23;
    /// All phrase-end bits.
    pub(crate) const ENDS: u32 = END2 | END3 | END4 | END5;
}

/// Longest multi-word entry, in words (the `END*` flags go up to 5).
pub(crate) const MAX_PHRASE_WORDS: usize = 5;

/// One lexicon entry: a folded word, phrase (words joined by one space), emoticon or emoji.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Entry {
    /// The folded key.
    pub(crate) key: &'static str,
    /// Valence on VADER's -4..+4 scale; meaningful only with [`flag::V`].
    pub(crate) valence: f64,
    /// Booster amount (VADER's ±0.293); meaningful only with [`flag::BOOST`].
    pub(crate) booster: f64,
    /// [`flag`] bits.
    pub(crate) flags: u32,
}

impl Entry {
    /// Whether any of `bits` is set.
    #[inline]
    pub(crate) fn has(&self, bits: u32) -> bool {
        self.flags & bits != 0
    }
}

/// Builds an entry; the generated table calls it once per row.
pub(crate) const fn e(key: &'static str, valence: f64, booster: f64, flags: u32) -> Entry {
    Entry {
        key,
        valence,
        booster,
        flags,
    }
}

/// The multiplier of the Fx hash (from rustc's FxHasher; any odd constant with well-mixed bits
/// works).
const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// Hashes bytes eight at a time: rotate, xor, multiply. Not DoS-resistant, which is fine for a
/// fixed table of known keys (an attacker can only make look-ups of their own text slower by a
/// constant factor).
#[inline]
pub(crate) fn hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(SEED);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut word = [0u8; 8];
        word[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(SEED);
    }
    // Fold the high bits down so the low bits used for the slot see the whole key.
    h ^ (h >> 29)
}

/// A read-only hash index over a static entry table.
pub(crate) struct Lexicon {
    entries: &'static [Entry],
    /// `0` for an empty slot, else `(tag << 32) | (entry index + 1)`.
    slots: Box<[u64]>,
    mask: usize,
}

impl Lexicon {
    /// Indexes `entries`; a later entry with the same key as an earlier one is ignored (the
    /// generator never emits duplicates).
    pub(crate) fn build(entries: &'static [Entry]) -> Lexicon {
        // Load factor at most 1/2 keeps probe sequences short.
        let size = (entries.len() * 2).next_power_of_two().max(16);
        let mask = size - 1;
        let mut slots = vec![0u64; size].into_boxed_slice();
        for (index, entry) in entries.iter().enumerate() {
            let h = hash(entry.key.as_bytes());
            let tag = h >> 32;
            let mut slot = (h as usize) & mask;
            loop {
                let held = slots[slot];
                if held == 0 {
                    slots[slot] = (tag << 32) | (index as u64 + 1);
                    break;
                }
                let other = &entries[(held & 0xFFFF_FFFF) as usize - 1];
                if other.key == entry.key {
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        Lexicon {
            entries,
            slots,
            mask,
        }
    }

    /// The entry for a folded key, if any.
    #[inline]
    pub(crate) fn get(&self, key: &[u8]) -> Option<&'static Entry> {
        let h = hash(key);
        let tag = h >> 32;
        let mut slot = (h as usize) & self.mask;
        loop {
            let held = self.slots[slot];
            if held == 0 {
                return None;
            }
            if held >> 32 == tag {
                let entry = &self.entries[(held & 0xFFFF_FFFF) as usize - 1];
                if entry.key.as_bytes() == key {
                    return Some(entry);
                }
            }
            slot = (slot + 1) & self.mask;
        }
    }

    /// Number of entries.
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }
}

static ENGLISH: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::build(&ENTRIES));

/// The English lexicon, built on first use and shared by all analyzers of the process.
pub(crate) fn english() -> &'static Lexicon {
    &ENGLISH
}
