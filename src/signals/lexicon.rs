//! The English sentiment lexicon at run time: the generated entry table and a hash index over it.
//!
//! The entries come from `english_table.rs`, generated from `data/` by `tools/src/tables.rs`.
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
    /// Some phrase starts with this word.
    pub(crate) const START: u32 = 1 << 24;
    /// All phrase-end bits.
    pub(crate) const ENDS: u32 = END2 | END3 | END4 | END5;
}

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

/// A table row the [`Lexicon`] index can find by its key.
pub(crate) trait Keyed: 'static {
    /// The folded key.
    fn key(&self) -> &'static str;
}

impl Keyed for Entry {
    #[inline(always)]
    fn key(&self) -> &'static str {
        self.key
    }
}

impl super::phrase::PhraseEntry for Entry {
    #[inline(always)]
    fn flags(&self) -> u32 {
        self.flags
    }
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

/// Eight bytes with ASCII capitals turned to lower case, all at once (SWAR): a byte gets bit 5
/// set exactly when it is in `A..=Z`; every other byte, including non-ASCII ones, is unchanged.
#[inline]
fn lower8(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let low7 = w & !HIGH;
    let ge_a = low7 + ONES * u64::from(0x80 - b'A');
    let gt_z = low7 + ONES * u64::from(0x80 - b'Z' - 1);
    let upper = ge_a & !gt_z & !w & HIGH;
    w | (upper >> 2)
}

/// Up to eight bytes as a little-endian `u64`, zero-padded; without a variable-length copy
/// (which would call `memcpy`): overlapping fixed-size reads instead.
#[inline]
fn load8(b: &[u8]) -> u64 {
    let n = b.len();
    if n >= 8 {
        u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])
    } else if n >= 4 {
        let lo = u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
        let hi = u64::from(u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]));
        lo | (hi << (8 * (n - 4)))
    } else if n > 0 {
        u64::from(b[0])
            | (u64::from(b[n / 2]) << (8 * (n / 2)))
            | (u64::from(b[n - 1]) << (8 * (n - 1)))
    } else {
        0
    }
}

/// Hashes bytes eight at a time after folding ASCII capitals (rotate, xor, multiply), so a raw
/// ASCII word and its lower-case key hash alike. Not DoS-resistant, which is fine for a fixed
/// table of known keys: hostile text can only make its own look-ups slower by a constant factor.
#[inline]
pub(crate) fn hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        h = (h.rotate_left(5) ^ lower8(load8(chunk))).wrapping_mul(SEED);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        h = (h.rotate_left(5) ^ lower8(load8(rest))).wrapping_mul(SEED);
    }
    h
}

/// [`hash`] of a key of `len` bytes, at most eight, whose folded bytes load as `word`.
#[inline(always)]
fn short_hash(len: usize, word: u64) -> u64 {
    ((len as u64).rotate_left(5) ^ word).wrapping_mul(SEED)
}

/// A look-up key hashed once, for looking one word up in several tables ([`Lexicon::find`]):
/// every [`Lexicon`] hashes alike.
#[derive(Clone, Copy)]
pub(crate) struct Key<'a> {
    bytes: &'a [u8],
    /// The folded first eight bytes of a short key (0 for a long one).
    word: u64,
    /// The short key's hash (0 for a long one, which [`Lexicon::find`] hashes itself).
    hash: u64,
}

impl<'a> Key<'a> {
    /// The key of `bytes`: raw ASCII (capitals fold in the hash) or a [`crate::text::Folded`]
    /// word.
    #[inline(always)]
    pub(crate) fn new(bytes: &'a [u8]) -> Key<'a> {
        if bytes.len() > 8 || bytes.is_empty() {
            return Key {
                bytes,
                word: 0,
                hash: 0,
            };
        }
        let word = lower8(load8(bytes));
        Key {
            bytes,
            word,
            hash: short_hash(bytes.len(), word),
        }
    }

    /// The key's bytes.
    #[inline(always)]
    pub(crate) fn bytes(&self) -> &'a [u8] {
        self.bytes
    }
}

/// Whether `word`, with ASCII capitals folded, equals the lower-case `key`.
#[inline]
fn same_folded(key: &[u8], word: &[u8]) -> bool {
    if key.len() != word.len() {
        return false;
    }
    let mut k = key.chunks_exact(8);
    let mut w = word.chunks_exact(8);
    for (kc, wc) in (&mut k).zip(&mut w) {
        if load8(kc) != lower8(load8(wc)) {
            return false;
        }
    }
    load8(k.remainder()) == lower8(load8(w.remainder()))
}

/// A read-only hash index over a static entry table (the sentiment lexicon's [`Entry`] rows, or
/// another table's rows, such as the urgency cues).
pub(crate) struct Lexicon<E: Keyed = Entry> {
    entries: &'static [E],
    /// `0` for an empty slot, else `(tag << 32) | (entry index + 1)`.
    slots: Box<[u64]>,
    mask: usize,
    /// The slot is the hash's top bits (a multiplicative hash mixes best there): `h >> shift`.
    shift: u32,
}

impl<E: Keyed> Lexicon<E> {
    /// Indexes `entries`; a later entry with the same key as an earlier one is ignored (the
    /// generator never emits duplicates).
    pub(crate) fn build(entries: &'static [E]) -> Lexicon<E> {
        // Load factor at most 1/2 keeps probe sequences short.
        let size = (entries.len() * 2).next_power_of_two().max(16);
        let mask = size - 1;
        let shift = 64 - size.trailing_zeros();
        let mut slots = vec![0u64; size].into_boxed_slice();
        for (index, entry) in entries.iter().enumerate() {
            let h = hash(entry.key().as_bytes());
            let tag = h & 0xFFFF_FFFF;
            let mut slot = (h >> shift) as usize;
            loop {
                let held = slots[slot];
                if held == 0 {
                    slots[slot] = (tag << 32) | (index as u64 + 1);
                    break;
                }
                let other = &entries[(held & 0xFFFF_FFFF) as usize - 1];
                if other.key() == entry.key() {
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        Lexicon {
            entries,
            slots,
            mask,
            shift,
        }
    }

    /// The entry for a key, if any. ASCII capitals in `key` are folded on the fly, so a raw ASCII
    /// word can be looked up as it stands; other text must be folded first ([`crate::text::Folded`]).
    #[inline(always)]
    pub(crate) fn get(&self, key: &[u8]) -> Option<&'static E> {
        if key.len() <= 8 {
            return self.get_short(key);
        }
        self.get_long(key)
    }

    /// [`Lexicon::get`] by a [`Key`] hashed before: one word looked up in several tables
    /// (sentiment, cues) is hashed once.
    #[inline(always)]
    pub(crate) fn find(&self, key: &Key<'_>) -> Option<&'static E> {
        if key.bytes.len() > 8 {
            return self.get_long(key.bytes);
        }
        if key.bytes.is_empty() {
            return None;
        }
        self.probe_short(key.bytes.len(), key.word, key.hash)
    }

    /// [`Lexicon::get`] for keys of more than 8 bytes; kept out of line so that the common short
    /// look-up needs fewer registers saved and restored.
    #[inline(never)]
    fn get_long(&self, key: &[u8]) -> Option<&'static E> {
        let h = hash(key);
        let tag = h & 0xFFFF_FFFF;
        let mut slot = (h >> self.shift) as usize;
        loop {
            let held = self.slots[slot];
            if held == 0 {
                return None;
            }
            if held >> 32 == tag {
                let entry = &self.entries[(held & 0xFFFF_FFFF) as usize - 1];
                if same_folded(entry.key().as_bytes(), key) {
                    return Some(entry);
                }
            }
            slot = (slot + 1) & self.mask;
        }
    }

    /// [`Lexicon::get`] for keys of at most eight bytes, most words: the folded word is loaded
    /// once and serves both the hash (the same value [`hash`] gives) and the comparison.
    #[inline(always)]
    fn get_short(&self, key: &[u8]) -> Option<&'static E> {
        if key.is_empty() {
            return None;
        }
        let word = lower8(load8(key));
        let h = short_hash(key.len(), word);
        self.probe_short(key.len(), word, h)
    }

    /// The probe loop of a short key of `len` bytes, folded and loaded as `word`, hashed as `h`.
    #[inline(always)]
    fn probe_short(&self, len: usize, word: u64, h: u64) -> Option<&'static E> {
        let tag = h & 0xFFFF_FFFF;
        let mut slot = (h >> self.shift) as usize;
        loop {
            let held = self.slots[slot];
            if held == 0 {
                return None;
            }
            if held >> 32 == tag {
                let entry = &self.entries[(held & 0xFFFF_FFFF) as usize - 1];
                let stored = entry.key().as_bytes();
                if stored.len() == len && load8(stored) == word {
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

    /// Mean number of slots probed to find an entry that is present (1.0 is perfect).
    #[cfg(test)]
    pub(crate) fn mean_probes(&self) -> f64 {
        let mut total = 0usize;
        for entry in self.entries {
            let h = hash(entry.key().as_bytes());
            let mut slot = (h >> self.shift) as usize;
            let mut probes = 1;
            while self.slots[slot] & 0xFFFF_FFFF != 0
                && self.entries[(self.slots[slot] & 0xFFFF_FFFF) as usize - 1].key() != entry.key()
            {
                slot = (slot + 1) & self.mask;
                probes += 1;
            }
            total += probes;
        }
        total as f64 / self.entries.len().max(1) as f64
    }
}

static ENGLISH: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::build(&ENTRIES));

/// The English lexicon, built on first use and shared by all analyzers of the process.
pub(crate) fn english() -> &'static Lexicon {
    &ENGLISH
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_is_found_by_its_key_and_by_its_capitalized_form() {
        let lexicon = english();
        for entry in ENTRIES.iter() {
            assert_eq!(
                lexicon.get(entry.key.as_bytes()),
                Some(entry),
                "{:?}",
                entry.key
            );
            if entry.key.is_ascii() {
                let upper = entry.key.to_ascii_uppercase();
                assert_eq!(lexicon.get(upper.as_bytes()), Some(entry), "{upper:?}");
            }
        }
        assert_eq!(lexicon.get(b"no-such-word-here"), None);
        assert_eq!(lexicon.get(b""), None);
    }

    #[test]
    fn a_key_hashed_once_finds_what_get_finds() {
        let lexicon = english();
        let words: Vec<String> = ENTRIES
            .iter()
            .step_by(97)
            .map(|e| e.key.to_owned())
            .chain(["", "a", "GOOD", "Terrible", "no-such-word-here", "ünïcode"].map(String::from))
            .collect();
        for word in &words {
            for form in [word.clone(), word.to_ascii_uppercase()] {
                let bytes = form.as_bytes();
                assert_eq!(
                    lexicon.find(&Key::new(bytes)),
                    lexicon.get(bytes),
                    "{form:?}"
                );
            }
        }
    }

    #[test]
    fn probe_sequences_stay_short() {
        let mean = english().mean_probes();
        assert!(mean < 1.6, "mean probes {mean}");
    }

    #[test]
    fn load8_reads_any_short_slice_zero_padded() {
        let bytes = *b"abcdefghij";
        for n in 0..=8 {
            let mut want = [0u8; 8];
            want[..n].copy_from_slice(&bytes[..n]);
            assert_eq!(load8(&bytes[..n]), u64::from_le_bytes(want), "length {n}");
        }
    }

    #[test]
    fn lower8_folds_only_ascii_capitals() {
        for b in 0..=255u8 {
            let folded = lower8(u64::from(b)) as u8;
            assert_eq!(folded, b.to_ascii_lowercase(), "byte {b:#x}");
        }
    }
}
