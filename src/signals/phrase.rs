//! The phrase matcher shared by the sentiment pass and the cue pass: the longest phrase of a
//! table that ends at the word being read, found from the pass's look-back ring.

use super::lexicon::{Keyed, Lexicon};
use crate::text::{Folded, LookBack};

/// Longest phrase, in words, that a table holds and the passes match: multi-word entries of the
/// sentiment lexicon and of the cue table have at most this many words.
pub const MAX_PHRASE_WORDS: usize = 5;

/// A table's flag bits that the matcher reads.
pub(super) struct PhraseFlags {
    /// Some phrase starts with this word.
    pub(super) start: u32,
    /// `ends[n - 2]`: a phrase of `n` words ends with this word.
    pub(super) ends: [u32; MAX_PHRASE_WORDS - 1],
    /// The entry is a phrase (a multi-word entry).
    pub(super) phrase: u32,
}

/// A table row the matcher can read the flags of.
pub(super) trait PhraseEntry: Keyed {
    /// The row's flag bits.
    fn flags(&self) -> u32;
}

/// What the matcher needs of a word in a pass's look-back ring.
pub(super) trait PhraseWord: Copy + Default {
    /// Byte range of the word (or of the phrase it already stands for) in the text.
    fn span(&self) -> (usize, usize);
    /// The word's flag bits (of the table matched).
    fn flags(&self) -> u32;
    /// Punctuation that breaks a phrase stood between this word and the previous one.
    fn gap_before(&self) -> bool;
    /// Whether this earlier word may be part of a phrase that ends with `last`.
    fn may_join(&self, last: &Self) -> bool;
}

/// The longest phrase of `table` that ends with `last` (the word about to be pushed onto
/// `ring`), and its length in words. Phrases do not span punctuation other than `-`.
#[inline(always)]
pub(super) fn longest_ending<W: PhraseWord, E: PhraseEntry, const N: usize>(
    text: &str,
    table: &'static Lexicon<E>,
    ring: &LookBack<W, N>,
    last: &W,
    bits: &PhraseFlags,
) -> Option<(&'static E, usize)> {
    if last.gap_before() {
        return None;
    }
    for n in (2..=MAX_PHRASE_WORDS).rev() {
        // Cheap checks first: the word n-1 back must be able to start a phrase.
        if last.flags() & bits.ends[n - 2] == 0
            || ring
                .get(n - 2)
                .is_none_or(|first| first.flags() & bits.start == 0)
        {
            continue;
        }
        let mut key = [0u8; MAX_PHRASE_WORDS * (Folded::MAX_LEN + 1)];
        let mut len = 0;
        let mut ok = true;
        for back in (0..n - 1).rev() {
            let Some(word) = ring.get(back) else {
                ok = false;
                break;
            };
            let (start, end) = word.span();
            // Every word after the first must follow its neighbour without a gap.
            if (back < n - 2 && word.gap_before())
                || !word.may_join(last)
                || !push_key_word(&mut key, &mut len, &text[start..end])
            {
                ok = false;
                break;
            }
            key[len] = b' ';
            len += 1;
        }
        let (start, end) = last.span();
        if !ok || !push_key_word(&mut key, &mut len, &text[start..end]) {
            continue;
        }
        if let Some(entry) = table.get(&key[..len])
            && entry.flags() & bits.phrase != 0
        {
            return Some((entry, n));
        }
    }
    None
}

/// Appends `word` to a phrase key: ASCII as it stands (the look-up folds capitals), other text
/// folded. `false` when the word is too long to be part of any phrase.
fn push_key_word(key: &mut [u8], len: &mut usize, word: &str) -> bool {
    // A word holds `&` only as an apostrophe entity, which the fold decodes.
    if word.is_ascii() && !word.as_bytes().contains(&b'&') {
        if word.len() > Folded::MAX_LEN {
            return false;
        }
        key[*len..*len + word.len()].copy_from_slice(word.as_bytes());
        *len += word.len();
        return true;
    }
    let Some(folded) = Folded::new(word) else {
        return false;
    };
    let bytes = folded.as_bytes();
    key[*len..*len + bytes.len()].copy_from_slice(bytes);
    *len += bytes.len();
    true
}
