//! The tokenizer: text to [`Token`]s in one pass; the rules are in the
//! [module documentation](super).

use unicode_segmentation::{GraphemeIndices, UnicodeSegmentation};

use super::emoticon_table;

/// What a [`Token`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TokenKind {
    /// Letters and digits of any script, with inner apostrophes (`don't`, `gr8`, `Straße`).
    Word,
    /// One emoji with its modifiers and joiners.
    Emoji,
    /// An ASCII emoticon such as `:)` or `<3`, recognised as a whole chunk.
    Emoticon,
    /// Any other single character (punctuation, symbols, control characters).
    Punctuation,
}

/// One token of a message: its text, where it is, and what it is.
///
/// Borrowed from the input, `Copy`, and never allocated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    text: &'a str,
    start: usize,
    kind: TokenKind,
    all_caps: bool,
    ascii: bool,
}

impl<'a> Token<'a> {
    /// The token's text, borrowed from the input.
    pub fn as_str(&self) -> &'a str {
        self.text
    }

    /// What kind of token this is.
    pub fn kind(&self) -> TokenKind {
        self.kind
    }

    /// Byte offset of the token's first byte in the input.
    pub fn start(&self) -> usize {
        self.start
    }

    /// Byte offset just past the token's last byte in the input.
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }

    /// The token's byte range in the input (`&input[token.range()] == token.as_str()`).
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end()
    }

    /// Whether the token is a word written in capitals: it has at least one upper-case letter
    /// and no lower-case letter (`GREAT`, `OK2`; also `I`). Always `false` for other kinds.
    pub fn is_all_caps(&self) -> bool {
        self.all_caps
    }

    /// Whether the token's text is pure ASCII.
    pub fn is_ascii(&self) -> bool {
        self.ascii
    }

    /// Whether this is a punctuation token for the character `c`.
    pub fn is_punctuation(&self, c: char) -> bool {
        self.kind == TokenKind::Punctuation
            && self.text.starts_with(c)
            && self.text.len() == c.len_utf8()
    }
}

/// Splits `text` into tokens; see the [module documentation](crate::text) for the rules.
///
/// Never allocates, never panics; any input, including invalid-looking control characters and
/// megabyte-long words, gives a finite stream of tokens whose ranges are in order and do not
/// overlap.
///
/// ```
/// use realboss::text::{tokens, TokenKind};
///
/// let toks: Vec<_> = tokens("Don't go :) 👍🏽!").map(|t| (t.as_str(), t.kind())).collect();
/// assert_eq!(
///     toks,
///     [
///         ("Don't", TokenKind::Word),
///         ("go", TokenKind::Word),
///         (":)", TokenKind::Emoticon),
///         ("👍🏽", TokenKind::Emoji),
///         ("!", TokenKind::Punctuation),
///     ]
/// );
/// ```
pub fn tokens(text: &str) -> Tokens<'_> {
    Tokens {
        text,
        pos: 0,
        chunk_end: 0,
        all_ascii: text.is_ascii(),
        mode: Mode::Between,
        force_graphemes: false,
    }
}

/// The iterator returned by [`tokens`].
#[derive(Debug, Clone)]
pub struct Tokens<'a> {
    text: &'a str,
    /// Next byte to look at.
    pos: usize,
    /// End of the chunk being split (when inside one).
    chunk_end: usize,
    all_ascii: bool,
    mode: Mode<'a>,
    /// Test hook: split ASCII chunks with the grapheme path too.
    force_graphemes: bool,
}

// The grapheme cursor is large, but the iterator lives on the stack once per pass; boxing it would
// allocate per message.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
enum Mode<'a> {
    /// Between chunks.
    Between,
    /// Inside a pure-ASCII chunk, split by the byte scanner.
    Ascii,
    /// Inside a chunk with non-ASCII bytes, split by grapheme clusters. Offsets of the iterator
    /// are relative to `chunk_start`.
    Graphemes {
        chunk_start: usize,
        graphemes: GraphemeIndices<'a>,
    },
}

/// Characters, other than letters and digits, that a word keeps when they stand between two
/// letters or digits: the ASCII apostrophe, the right single quotation mark (the typographic
/// apostrophe) and the modifier letter apostrophe.
pub(super) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

/// Whether a grapheme whose first character is `c` is an emoji: pictographic blocks, dingbats,
/// arrows and the few Latin-1/letterlike symbols with emoji presentation.
fn is_emoji_start(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF
        | 0x2600..=0x27BF
        | 0x2300..=0x23FF
        | 0x2B00..=0x2BFF
        | 0x2190..=0x21FF
        | 0x00A9 | 0x00AE | 0x203C | 0x2049 | 0x2122 | 0x2139 | 0x3030 | 0x303D | 0x3297 | 0x3299)
}

fn is_all_caps_str(s: &str) -> bool {
    let mut upper = false;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        upper |= c.is_uppercase();
    }
    upper
}

impl<'a> Tokens<'a> {
    /// Test hook: split every chunk with the grapheme path, so tests can check that the ASCII
    /// byte scanner gives the same tokens.
    #[doc(hidden)]
    pub fn with_graphemes_only(mut self) -> Self {
        self.force_graphemes = true;
        self
    }

    fn token(&self, start: usize, end: usize, kind: TokenKind) -> Token<'a> {
        let text = &self.text[start..end];
        let ascii = self.all_ascii || text.is_ascii();
        let all_caps = kind == TokenKind::Word
            && if ascii {
                let bytes = text.as_bytes();
                !bytes.iter().any(u8::is_ascii_lowercase)
                    && bytes.iter().any(u8::is_ascii_uppercase)
            } else {
                is_all_caps_str(text)
            };
        Token {
            text,
            start,
            kind,
            all_caps,
            ascii,
        }
    }

    /// Skips white space and opens the next chunk. Returns `None` at the end of the text,
    /// otherwise whether the chunk is pure ASCII.
    fn open_chunk(&mut self) -> Option<bool> {
        let bytes = self.text.as_bytes();
        let len = bytes.len();
        let mut pos = self.pos;
        while pos < len {
            let b = bytes[pos];
            if b < 0x80 {
                if is_ascii_space(b) {
                    pos += 1;
                    continue;
                }
                break;
            }
            let c = self.text[pos..].chars().next().unwrap_or('\0');
            if c.is_whitespace() {
                pos += c.len_utf8();
                continue;
            }
            break;
        }
        if pos >= len {
            self.pos = len;
            return None;
        }
        let start = pos;
        let mut ascii = true;
        if self.all_ascii {
            while pos < len && !is_ascii_space(bytes[pos]) {
                pos += 1;
            }
        } else {
            while pos < len {
                let b = bytes[pos];
                if b < 0x80 {
                    if is_ascii_space(b) {
                        break;
                    }
                    pos += 1;
                    continue;
                }
                let c = self.text[pos..].chars().next().unwrap_or('\0');
                if c.is_whitespace() {
                    break;
                }
                ascii = false;
                pos += c.len_utf8();
            }
        }
        self.pos = start;
        self.chunk_end = pos;
        Some(ascii)
    }

    /// Sets the splitting mode for the rest of the chunk, from `self.pos`.
    fn enter_chunk(&mut self, ascii: bool) {
        self.mode = if ascii && !self.force_graphemes {
            Mode::Ascii
        } else {
            Mode::Graphemes {
                chunk_start: self.pos,
                graphemes: self.text[self.pos..self.chunk_end].grapheme_indices(true),
            }
        };
    }

    /// Cheap test before [`Tokens::emoticon_at_chunk_start`]: the chunk's first byte can start
    /// an emoticon, and the chunk is not just a word (an emoticon always has a non-alphanumeric
    /// byte before its end, or is punctuation only).
    fn may_be_emoticon(&self) -> bool {
        let bytes = &self.text.as_bytes()[..self.chunk_end];
        let first = bytes[self.pos];
        if first >= 128 || emoticon_table::FIRST_BYTES & (1u128 << first) == 0 {
            return false;
        }
        let (end, kind, _) = scan_ascii(bytes, self.pos);
        kind == TokenKind::Punctuation || end < self.chunk_end
    }

    /// If the ASCII chunk starting at `self.pos` is an emoticon, possibly followed by sentence
    /// punctuation, returns the emoticon's end.
    fn emoticon_at_chunk_start(&self) -> Option<usize> {
        let chunk = &self.text.as_bytes()[self.pos..self.chunk_end];
        // Every emoticon has a byte that is not a letter or digit before any trailing sentence
        // punctuation; a plain word ("order", "done.") is rejected without a search.
        let body = chunk
            .iter()
            .rposition(|b| !matches!(b, b'.' | b',' | b'!' | b'?'))
            .map_or(chunk, |last| &chunk[..=last]);
        if body.len() > emoticon_table::MAX_LEN || body.iter().all(u8::is_ascii_alphanumeric) {
            // Emoticons made only of punctuation ("!!" is not one) are still searched below.
            if !chunk.iter().all(|b| !b.is_ascii_alphanumeric()) {
                return None;
            }
        }
        let mut end = chunk.len();
        loop {
            let candidate = &chunk[..end];
            if is_emoticon(candidate) {
                return Some(self.pos + end);
            }
            match candidate.last() {
                Some(b'.' | b',' | b'!' | b'?') if end > 2 => end -= 1,
                _ => return None,
            }
        }
    }

    /// The whole text is ASCII: one byte loop, no chunk bookkeeping except where a chunk could
    /// be an emoticon.
    fn next_in_ascii_text(&mut self) -> Option<Token<'a>> {
        let bytes = self.text.as_bytes();
        let len = bytes.len();
        let mut pos = self.pos;
        while pos < len && is_ascii_space(bytes[pos]) {
            pos += 1;
        }
        if pos >= len {
            self.pos = len;
            return None;
        }
        let b = bytes[pos];
        let (end, kind, all_caps) = scan_ascii(bytes, pos);
        // An emoticon is a whole chunk: only worth a look at a chunk's start, for a byte that can
        // start one, and when the chunk does not end right after a plain word.
        let chunk_start = pos == 0 || is_ascii_space(bytes[pos - 1]);
        if chunk_start
            && emoticon_table::FIRST_BYTES & (1u128 << b) != 0
            && (kind == TokenKind::Punctuation || (end < len && !is_ascii_space(bytes[end])))
        {
            let mut chunk_end = end;
            while chunk_end < len && !is_ascii_space(bytes[chunk_end]) {
                chunk_end += 1;
            }
            self.pos = pos;
            self.chunk_end = chunk_end;
            if let Some(emoticon_end) = self.emoticon_at_chunk_start() {
                self.pos = emoticon_end;
                return Some(Token {
                    text: &self.text[pos..emoticon_end],
                    start: pos,
                    kind: TokenKind::Emoticon,
                    all_caps: false,
                    ascii: true,
                });
            }
        }
        self.pos = end;
        Some(Token {
            text: &self.text[pos..end],
            start: pos,
            kind,
            all_caps,
            ascii: true,
        })
    }

    /// Text with some non-ASCII bytes: ASCII tokens take the byte scanner; a chunk switches to
    /// grapheme clusters from the first token that touches a non-ASCII character (which could
    /// join it, like a combining accent), so the tokens are those of the grapheme path.
    fn next_in_mixed_text(&mut self) -> Option<Token<'a>> {
        loop {
            if let Mode::Graphemes { .. } = self.mode {
                if let Some(token) = self.next_grapheme() {
                    return Some(token);
                }
                self.pos = self.chunk_end;
                self.mode = Mode::Between;
            }
            let bytes = self.text.as_bytes();
            let len = bytes.len();
            let mut pos = self.pos;
            while pos < len {
                let b = bytes[pos];
                if b < 0x80 {
                    if !is_ascii_space(b) {
                        break;
                    }
                    pos += 1;
                } else {
                    match self.text[pos..].chars().next() {
                        Some(c) if c.is_whitespace() => pos += c.len_utf8(),
                        _ => break,
                    }
                }
            }
            if pos >= len {
                self.pos = len;
                return None;
            }
            self.pos = pos;
            let b = bytes[pos];
            if b >= 0x80 {
                if let Some(token) = self.scan_chars(pos) {
                    self.pos = token.end();
                    return Some(token);
                }
                self.graphemes_to_chunk_end();
                continue;
            }
            let (end, kind, all_caps) = scan_ascii(bytes, pos);
            // Cheap tests first; whether a chunk starts here is asked last.
            if emoticon_table::FIRST_BYTES & (1u128 << b) != 0
                && (kind == TokenKind::Punctuation || (end < len && !is_ascii_space(bytes[end])))
                && (pos == 0
                    || self.text[..pos]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_whitespace))
            {
                let (chunk_end, ascii) = self.chunk_from(pos);
                self.chunk_end = chunk_end;
                if ascii && let Some(emoticon_end) = self.emoticon_at_chunk_start() {
                    self.pos = emoticon_end;
                    return Some(Token {
                        text: &self.text[pos..emoticon_end],
                        start: pos,
                        kind: TokenKind::Emoticon,
                        all_caps: false,
                        ascii: true,
                    });
                }
            }
            // A non-ASCII character right after the token (or after an apostrophe after it) may
            // join it: let the grapheme path decide, from this token on.
            let touches = end < len
                && (bytes[end] >= 0x80
                    || (kind == TokenKind::Word
                        && bytes[end] == b'\''
                        && end + 1 < len
                        && bytes[end + 1] >= 0x80));
            if touches
                && !self.text[end..]
                    .chars()
                    .next()
                    .is_some_and(char::is_whitespace)
            {
                if let Some(token) = self.scan_chars(pos) {
                    self.pos = token.end();
                    return Some(token);
                }
                self.graphemes_to_chunk_end();
                continue;
            }
            self.pos = end;
            return Some(Token {
                text: &self.text[pos..end],
                start: pos,
                kind,
                all_caps,
                ascii: true,
            });
        }
    }

    /// End of the chunk containing `from` (next white space) and whether it is ASCII from there.
    fn chunk_from(&self, from: usize) -> (usize, bool) {
        let bytes = self.text.as_bytes();
        let mut pos = from;
        let mut ascii = true;
        while pos < bytes.len() {
            let b = bytes[pos];
            if b < 0x80 {
                if is_ascii_space(b) {
                    break;
                }
                pos += 1;
            } else {
                let c = self.text[pos..].chars().next().unwrap_or('\0');
                if c.is_whitespace() {
                    break;
                }
                ascii = false;
                pos += c.len_utf8();
            }
        }
        (pos, ascii)
    }

    /// Splits one token off at `start` (a grapheme boundary, not white space) char by char, when
    /// every grapheme it touches is provably one character (or one emoji with its modifiers,
    /// variation selectors and zero-width joins): that is, when the token's characters and the
    /// character after it are [`is_simple`]. `None` when that cannot be proved; the caller then
    /// splits the rest of the chunk by grapheme clusters, which gives the same tokens.
    #[inline]
    fn scan_chars(&self, start: usize) -> Option<Token<'a>> {
        let text = self.text;
        let first = char_at(text, start)?;
        if !is_simple(first) {
            return None;
        }
        let mut end = start + first.len_utf8();
        // What follows `end` must be white space, the end of the text, or a simple character
        // for `end` to be a grapheme boundary.
        let boundary_at = |at: usize| match char_at(text, at) {
            None => true,
            Some(c) => c.is_whitespace() || is_simple(c),
        };
        let kind = if first.is_alphanumeric() {
            let mut lower = first.is_lowercase();
            let mut upper = first.is_uppercase();
            let mut ascii = first.is_ascii();
            while let Some(c) = char_at(text, end) {
                if c.is_whitespace() {
                    break;
                }
                if !is_simple(c) {
                    return None;
                }
                if c.is_alphanumeric() {
                    lower |= c.is_lowercase();
                    upper |= c.is_uppercase();
                    ascii &= c.is_ascii();
                    end += c.len_utf8();
                    continue;
                }
                if is_apostrophe(c) {
                    let after_at = end + c.len_utf8();
                    match char_at(text, after_at) {
                        Some(a) if a.is_whitespace() => {}
                        Some(a) if !is_simple(a) => return None,
                        Some(a) if a.is_alphanumeric() => {
                            lower |= a.is_lowercase();
                            upper |= a.is_uppercase();
                            ascii &= c.is_ascii() && a.is_ascii();
                            end = after_at + a.len_utf8();
                            continue;
                        }
                        _ => {}
                    }
                }
                break;
            }
            return Some(Token {
                text: &text[start..end],
                start,
                kind: TokenKind::Word,
                all_caps: upper && !lower,
                ascii,
            });
        } else if is_emoji_start(first) {
            let pictographic = is_pictographic(first);
            while let Some(c) = char_at(text, end) {
                if is_emoji_extension(c) {
                    end += c.len_utf8();
                } else if c == ZWJ {
                    // Joins the next pictograph only after a pictograph (UAX #29, GB11).
                    match char_at(text, end + ZWJ.len_utf8()) {
                        Some(next) if pictographic && is_pictographic(next) => {
                            end += ZWJ.len_utf8() + next.len_utf8();
                        }
                        _ => return None,
                    }
                } else {
                    break;
                }
            }
            TokenKind::Emoji
        } else {
            TokenKind::Punctuation
        };
        if !boundary_at(end) {
            return None;
        }
        Some(Token {
            text: &text[start..end],
            start,
            kind,
            all_caps: false,
            ascii: first.is_ascii() && end == start + 1,
        })
    }

    /// Splits the rest of the current chunk, from `self.pos`, by grapheme clusters.
    fn graphemes_to_chunk_end(&mut self) {
        let (chunk_end, _) = self.chunk_from(self.pos);
        self.chunk_end = chunk_end;
        self.mode = Mode::Graphemes {
            chunk_start: self.pos,
            graphemes: self.text[self.pos..chunk_end].grapheme_indices(true),
        };
    }

    fn next_ascii(&mut self) -> Option<Token<'a>> {
        let start = self.pos;
        let end = self.chunk_end;
        if start >= end {
            return None;
        }
        let (token_end, kind, all_caps) = scan_ascii(&self.text.as_bytes()[..end], start);
        self.pos = token_end;
        Some(Token {
            text: &self.text[start..token_end],
            start,
            kind,
            all_caps,
            ascii: true,
        })
    }

    fn next_grapheme(&mut self) -> Option<Token<'a>> {
        let Mode::Graphemes {
            chunk_start,
            graphemes,
        } = &mut self.mode
        else {
            return None;
        };
        let base = *chunk_start;
        let (offset, g) = graphemes.next()?;
        let first = g.chars().next().unwrap_or('\0');
        let start = base + offset;
        let mut end = start + g.len();
        let kind = if first.is_alphanumeric() {
            loop {
                // Read ahead on a copy; commit only what joins the word.
                let mut ahead = graphemes.clone();
                match ahead.next() {
                    Some((o, next)) if starts_alphanumeric(next) => {
                        end = base + o + next.len();
                        *graphemes = ahead;
                    }
                    Some((_, next)) if is_single_apostrophe(next) => match ahead.next() {
                        Some((o, after)) if starts_alphanumeric(after) => {
                            end = base + o + after.len();
                            *graphemes = ahead;
                        }
                        _ => break,
                    },
                    _ => break,
                }
            }
            TokenKind::Word
        } else if is_emoji_start(first) {
            TokenKind::Emoji
        } else {
            TokenKind::Punctuation
        };
        Some(self.token(start, end, kind))
    }
}

/// Whether `chunk` (ASCII) is, without regard to case, one of the emoticons of
/// `data/vader/vader_lexicon.txt` (the generated `emoticon_table`).
fn is_emoticon(chunk: &[u8]) -> bool {
    use emoticon_table::{FIRST_BYTES, LAST_BYTES, MAX_LEN};
    let (Some(&first), Some(&last)) = (chunk.first(), chunk.last()) else {
        return false;
    };
    // Cheap filters first: most chunks are words with a trailing comma or full stop.
    if chunk.len() > MAX_LEN
        || first >= 128
        || last >= 128
        || FIRST_BYTES & (1u128 << first) == 0
        || LAST_BYTES & (1u128 << last) == 0
    {
        return false;
    }
    let mut key = 0u128;
    for (i, b) in chunk.iter().enumerate() {
        key |= u128::from(b.to_ascii_lowercase()) << (8 * (15 - i));
    }
    EMOTICON_KEYS.binary_search(&key).is_ok()
}

/// [`emoticon_table::EMOTICONS`] packed as integers, first byte highest and zero-padded, so that
/// a search compares integers instead of calling `memcmp`. No emoticon holds a zero byte and none
/// is longer than 16 bytes, so the packing keeps both equality and the table's byte order.
static EMOTICON_KEYS: [u128; emoticon_table::EMOTICONS.len()] = {
    const { assert!(emoticon_table::MAX_LEN <= 16) };
    let mut keys = [0u128; emoticon_table::EMOTICONS.len()];
    let mut e = 0;
    while e < keys.len() {
        let bytes = emoticon_table::EMOTICONS[e].as_bytes();
        let mut key = 0u128;
        let mut i = 0;
        while i < bytes.len() {
            key |= (bytes[i] as u128) << (8 * (15 - i));
            i += 1;
        }
        keys[e] = key;
        e += 1;
    }
    keys
};

/// Splits one token off ASCII `bytes` at `start` (not white space): a word (letters, digits,
/// inner apostrophes) or one punctuation byte. Returns its end, kind and whether it is all caps.
#[inline]
fn scan_ascii(bytes: &[u8], start: usize) -> (usize, TokenKind, bool) {
    let b = bytes[start];
    let mut seen = ASCII_CLASS[usize::from(b)];
    if seen & ALNUM == 0 {
        return (start + 1, TokenKind::Punctuation, false);
    }
    let len = bytes.len();
    let mut pos = start + 1;
    while pos < len {
        let c = bytes[pos];
        let class = ASCII_CLASS[usize::from(c)];
        if class & ALNUM != 0 {
            seen |= class;
            pos += 1;
        } else if c == b'\''
            && pos + 1 < len
            && ASCII_CLASS[usize::from(bytes[pos + 1])] & ALNUM != 0
        {
            pos += 1;
        } else {
            break;
        }
    }
    (pos, TokenKind::Word, seen & (UPPER | LOWER) == UPPER)
}

/// [`ASCII_CLASS`] bit: an ASCII letter or digit.
const ALNUM: u8 = 1;
/// [`ASCII_CLASS`] bit: an ASCII lower-case letter.
const LOWER: u8 = 2;
/// [`ASCII_CLASS`] bit: an ASCII capital.
const UPPER: u8 = 4;

/// [`ASCII_CLASS`] bit: ASCII white space (space, tab, line feed, carriage return, vertical tab,
/// form feed).
const SPACE: u8 = 8;

/// What each byte is to the ASCII scanners, looked up once per byte (one load instead of
/// three range tests). Bytes from 0x80 are none of these.
static ASCII_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_lowercase() {
            ALNUM | LOWER
        } else if c.is_ascii_uppercase() {
            ALNUM | UPPER
        } else if c.is_ascii_digit() {
            ALNUM
        } else if matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C) {
            SPACE
        } else {
            0
        };
        b += 1;
    }
    table
};

/// The character at byte `at` of `text` (`None` at the end or off a character boundary).
#[inline]
fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..)?.chars().next()
}

/// The zero width joiner, which glues emoji into one (`👨‍👩‍👧`).
const ZWJ: char = '\u{200D}';

/// Whether `c` always stands alone as a grapheme cluster next to another such character: its
/// Grapheme_Cluster_Break property is Other or Control (not Extend, ZWJ, SpacingMark, Prepend,
/// Regional_Indicator, Hangul or CR/LF), so UAX #29 breaks on both sides of it when its
/// neighbour is one too. Lists the blocks customer text mostly uses (Latin, Greek, Cyrillic,
/// general and CJK punctuation, kana, CJK ideographs, emoji); anything else is left to
/// grapheme segmentation. The unit test `simple_chars_stand_alone` checks every listed
/// character against `unicode-segmentation`.
#[inline]
fn is_simple(c: char) -> bool {
    let c = c as u32;
    if c < 0x80 {
        // CR and LF are white space, so never inside a chunk; every other ASCII character is
        // Other or Control.
        return c != 0x0D && c != 0x0A;
    }
    matches!(c,
        0x00A0..=0x02FF
        | 0x0370..=0x0482
        | 0x048A..=0x052F
        | 0x1E00..=0x1FFF
        | 0x2010..=0x2027
        | 0x2030..=0x205E
        | 0x2100..=0x23FF
        | 0x2600..=0x27BF
        | 0x3001..=0x3029
        | 0x3030..=0x303F
        | 0x3041..=0x3096
        | 0x309B..=0x30FF
        | 0x4E00..=0x9FFF
        | 0xFF01..=0xFF60)
        || is_pictographic(char::from_u32(c).unwrap_or('\0'))
}

/// Emoji of the main pictographic blocks that `unicode-segmentation` treats as
/// Extended_Pictographic with Grapheme_Cluster_Break Other: the ones a zero width joiner glues
/// together. A few symbols in these blocks (`🌢`, `🙐`) are not, and are left out. Checked by
/// `simple_chars_stand_alone`.
#[inline]
fn is_pictographic(c: char) -> bool {
    matches!(c as u32,
        0x1F300..=0x1F321
        | 0x1F324..=0x1F393
        | 0x1F39E..=0x1F3F0
        | 0x1F400..=0x1F4FD
        | 0x1F4FF..=0x1F53D
        | 0x1F5FA..=0x1F64F
        | 0x1F680..=0x1F6C5
        | 0x1F6CB..=0x1F6D2
        | 0x1F6D5..=0x1F6E5
        | 0x1F6F3..=0x1F6FF
        | 0x1F90C..=0x1F93A
        | 0x1F93C..=0x1F945
        | 0x1F947..=0x1F9FF)
}

/// Characters that extend the emoji before them into one grapheme: variation selectors, skin
/// tones and the keycap mark (all Grapheme_Cluster_Break Extend).
#[inline]
fn is_emoji_extension(c: char) -> bool {
    matches!(c as u32, 0xFE0E | 0xFE0F | 0x1F3FB..=0x1F3FF | 0x20E3)
}

#[inline]
fn is_ascii_space(b: u8) -> bool {
    ASCII_CLASS[usize::from(b)] & SPACE != 0
}

fn starts_alphanumeric(g: &str) -> bool {
    g.chars().next().is_some_and(char::is_alphanumeric)
}

fn is_single_apostrophe(g: &str) -> bool {
    let mut chars = g.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if is_apostrophe(c))
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        if !self.force_graphemes {
            return if self.all_ascii {
                self.next_in_ascii_text()
            } else {
                self.next_in_mixed_text()
            };
        }
        // The reference path: whole chunks, graphemes for any chunk with a non-ASCII byte.
        loop {
            let token = match self.mode {
                Mode::Between => None,
                Mode::Ascii => self.next_ascii(),
                Mode::Graphemes { .. } => self.next_grapheme(),
            };
            if token.is_some() {
                return token;
            }
            // The chunk is done (or none was open): open the next one.
            if let Mode::Graphemes { .. } = self.mode {
                self.pos = self.chunk_end;
            }
            self.mode = Mode::Between;
            let ascii = self.open_chunk()?;
            if ascii
                && self.may_be_emoticon()
                && let Some(end) = self.emoticon_at_chunk_start()
            {
                let start = self.pos;
                self.pos = end;
                self.enter_chunk(true);
                return Some(self.token(start, end, TokenKind::Emoticon));
            }
            self.enter_chunk(ascii);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grapheme_count(s: &str) -> usize {
        s.graphemes(true).count()
    }

    #[test]
    fn packed_emoticon_keys_keep_the_table_order_and_find_every_emoticon_in_any_case() {
        assert!(EMOTICON_KEYS.windows(2).all(|w| w[0] < w[1]));
        for emoticon in emoticon_table::EMOTICONS {
            assert!(is_emoticon(emoticon.as_bytes()), "{emoticon:?}");
            let upper = emoticon.to_ascii_uppercase();
            assert!(is_emoticon(upper.as_bytes()), "{upper:?}");
            // A byte more or less must agree with the table too.
            let longer = format!("{emoticon}x");
            let known =
                |s: &str| emoticon_table::EMOTICONS.contains(&s.to_ascii_lowercase().as_str());
            assert_eq!(is_emoticon(longer.as_bytes()), known(&longer), "{longer:?}");
            let shorter = &emoticon[..emoticon.len() - 1];
            assert_eq!(
                is_emoticon(shorter.as_bytes()),
                known(shorter),
                "{shorter:?}"
            );
        }
    }

    /// The char scanner's claims about the Unicode tables, checked character by character
    /// against `unicode-segmentation`, so a Unicode update that breaks one fails here.
    #[test]
    fn simple_chars_stand_alone() {
        // Neighbours that would join a character that is not simple: a letter (catches Extend,
        // ZWJ, SpacingMark and Prepend), Hangul jamo and syllables, a regional indicator and an
        // Indic consonant.
        let probes = [
            'a',
            '\u{1100}',
            '\u{1161}',
            '\u{11A8}',
            '\u{AC00}',
            '\u{1F1E6}',
            '\u{0915}',
        ];
        let mut checked = 0;
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if !is_simple(c) || c.is_whitespace() {
                continue;
            }
            for p in probes {
                assert_eq!(grapheme_count(&format!("{p}{c}")), 2, "{p:?} then {c:?}");
                assert_eq!(grapheme_count(&format!("{c}{p}")), 2, "{c:?} then {p:?}");
            }
            checked += 1;
        }
        assert!(checked > 25_000, "{checked}");
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if is_pictographic(c) {
                assert!(is_simple(c) && is_emoji_start(c), "{c:?}");
                assert_eq!(grapheme_count(&format!("{c}\u{200D}{c}")), 1, "{c:?}");
                for ext in ["", "\u{FE0F}", "\u{1F3FD}"] {
                    let joined = format!("{c}{ext}\u{200D}\u{1F44D}{ext}\u{200D}{c}");
                    assert_eq!(grapheme_count(&joined), 1, "{c:?} {ext:?}");
                }
            }
            if is_emoji_extension(c) {
                assert!(!is_simple(c));
                assert_eq!(grapheme_count(&format!("\u{1F44D}{c}")), 1, "{c:?}");
                assert_eq!(grapheme_count(&format!("a{c}")), 1, "{c:?}");
            }
        }
    }

    #[test]
    fn the_char_scanner_matches_the_grapheme_path_on_emoji_and_scripts() {
        let texts = [
            "déçu👍🏽!! très “bien” don’t can’t ʼtis ¡gracias! спасибо ありがとう 重要 Straße",
            "👨‍👩‍👧 ❤️ 👍🏽‍🔥 😀\u{301} x\u{200D}y 1️⃣ 🇫🇷 한국어 क्षि café\u{301} e\u{301}te",
            "ÉCOLE Ünïcödé'x naïve's ‘quoted’ …wait… ½² ™© Ω≠",
        ];
        for text in texts {
            let fast: Vec<_> = tokens(text).collect();
            let slow: Vec<_> = tokens(text).with_graphemes_only().collect();
            assert_eq!(fast, slow, "{text}");
        }
    }
}
