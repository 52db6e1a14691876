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
        let mut folded = Folded {
            bytes: [0; Folded::MAX_LEN],
            len: 0,
        };
        if word.is_ascii() && !word.as_bytes().contains(&b'&') {
            if word.len() > Folded::MAX_LEN {
                return None;
            }
            for (slot, b) in folded.bytes.iter_mut().zip(word.bytes()) {
                *slot = b.to_ascii_lowercase();
            }
            folded.len = word.len() as u8;
            return Some(folded);
        }
        let mut len = 0usize;
        let mut chars = word.char_indices();
        while let Some((at, c)) = chars.next() {
            // A word holds `&` only as an apostrophe entity (the tokenizer's rule).
            let entity = (c == '&')
                .then(|| entity_at(word.as_bytes(), at))
                .flatten()
                .filter(|&(_, e)| is_apostrophe(e));
            let c = match entity {
                Some((end, e)) => {
                    while chars.clone().next().is_some_and(|(next, _)| next < end) {
                        chars.next();
                    }
                    e
                }
                None => c,
            };
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
