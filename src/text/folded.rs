//! [`Folded`]: a word folded for lexicon look-up, on the stack.

use std::fmt;

use super::tokenizer::{entity_at, is_apostrophe};

/// A word folded for lexicon look-up: lower case (full Unicode lower-casing), with the
/// typographic apostrophes `’` and `ʼ`, and an apostrophe written as an HTML entity
/// (`don&#39;t`), written as `'`. Lives on the stack.
///
/// Words longer than [`Folded::MAX_LEN`] bytes once folded are not folded ([`Folded::new`] gives
/// `None`): no lexicon entry is that long, so they cannot match anything.
#[derive(Clone, Copy)]
pub(crate) struct Folded {
    bytes: [u8; Folded::MAX_LEN],
    len: u8,
}

impl Folded {
    /// Longest folded word kept, in bytes (the longest English lexicon entry is 19 bytes).
    pub const MAX_LEN: usize = 48;

    /// Folds `word`; `None` when the result would exceed [`Folded::MAX_LEN`] bytes.
    pub fn new(word: &str) -> Option<Folded> {
        if word.is_ascii() {
            let mut folded = Folded {
                bytes: [0; Folded::MAX_LEN],
                len: 0,
            };
            if word.len() > Folded::MAX_LEN {
                return None;
            }
            for (slot, b) in folded.bytes.iter_mut().zip(word.bytes()) {
                // A word token holds `&` only as an apostrophe entity.
                if b == b'&' {
                    return Folded::decoding(word);
                }
                *slot = b.to_ascii_lowercase();
            }
            folded.len = word.len() as u8;
            return Some(folded);
        }
        Folded::fold(word, true)
    }

    /// Folds `word` character by character; with `decode`, a word with `&` is handed to
    /// [`Folded::decoding`].
    fn fold(word: &str, decode: bool) -> Option<Folded> {
        let mut folded = Folded {
            bytes: [0; Folded::MAX_LEN],
            len: 0,
        };
        let mut len = 0usize;
        for c in word.chars() {
            if decode && c == '&' {
                return Folded::decoding(word);
            }
            let mapped = if is_apostrophe(c) { '\'' } else { c };
            for lower in mapped.to_lowercase() {
                let n = lower.len_utf8();
                if len + n > Folded::MAX_LEN {
                    return None;
                }
                lower.encode_utf8(&mut folded.bytes[len..len + n]);
                len += n;
            }
        }
        folded.len = len as u8;
        Some(folded)
    }

    /// [`Folded::new`] for a word with an apostrophe written as an HTML entity (a word token
    /// holds `&` only as one): the entity read as `'`.
    #[cold]
    fn decoding(word: &str) -> Option<Folded> {
        let mut plain = [0u8; Folded::MAX_LEN * 2];
        let mut len = 0;
        let bytes = word.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            let (piece, next): (&[u8], usize) = match entity_at(bytes, at) {
                Some((end, c)) if bytes[at] == b'&' && is_apostrophe(c) => (b"'", end),
                _ => (&bytes[at..at + 1], at + 1),
            };
            if len + piece.len() > plain.len() {
                return None;
            }
            plain[len..len + piece.len()].copy_from_slice(piece);
            len += piece.len();
            at = next;
        }
        // Whole characters were copied, and an entity became `'`: still UTF-8.
        Folded::fold(std::str::from_utf8(&plain[..len]).ok()?, false)
    }

    /// The folded text.
    pub fn as_str(&self) -> &str {
        // Built from whole UTF-8 characters only, so this cannot fail; "" rather than panic.
        std::str::from_utf8(self.as_bytes()).unwrap_or("")
    }

    /// The folded text as bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }
}

impl fmt::Debug for Folded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Folded({:?})", self.as_str())
    }
}
