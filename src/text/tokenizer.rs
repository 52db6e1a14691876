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
    /// Any other single character (punctuation, symbols, control characters), or an HTML
    /// entity written for one (`&gt;`, `&#33;`; [`Token::entity`] gives the character).
    Punctuation,
    /// A handle: `@` and the letters, digits and underscores after it (`@AmericanAir`).
    Mention,
    /// A web address from `http://`, `https://` or `www.` up to white space, without the
    /// sentence punctuation it ends with.
    Url,
    /// An e-mail address (`name@example.com`).
    Email,
}

impl TokenKind {
    /// Whether tokens of this kind name someone or somewhere (a handle, a web or e-mail
    /// address) rather than say something: the signals neither look them up nor count them as
    /// words.
    pub fn is_address(self) -> bool {
        matches!(self, TokenKind::Mention | TokenKind::Url | TokenKind::Email)
    }
}

/// One token of a message: its text, where it is, and what it is.
///
/// Borrowed from the input, `Copy`, and never allocated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    text: &'a str,
    start: usize,
    /// The character an HTML entity in the token stands for.
    entity: Option<char>,
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

    /// The character an HTML entity in this token stands for: a punctuation token written as
    /// an entity (`&gt;` gives `'>'`, `&#33;` gives `'!'`), or a word whose apostrophe is
    /// written as one (`don&#39;t` gives `'\''`). `None` for a token written plainly.
    pub fn entity(&self) -> Option<char> {
        self.entity
    }

    /// The character a punctuation token stands for: itself, or what its HTML entity decodes
    /// to (`&quot;` is `'"'`). `None` for other kinds and for a punctuation grapheme of more
    /// than one character.
    pub fn punctuation_char(&self) -> Option<char> {
        if self.kind != TokenKind::Punctuation {
            return None;
        }
        if self.entity.is_some() {
            return self.entity;
        }
        let mut chars = self.text.chars();
        let c = chars.next()?;
        chars.next().is_none().then_some(c)
    }

    /// The ASCII character a punctuation token stands for (written or as an entity), 0 for any
    /// other token: a cheap form of [`Token::punctuation_char`] for the signals' `match`es.
    #[inline]
    pub fn punctuation_byte(&self) -> u8 {
        let bytes = self.text.as_bytes();
        if bytes.len() == 1 {
            return if self.kind == TokenKind::Punctuation {
                bytes[0]
            } else {
                0
            };
        }
        match (self.kind, self.entity) {
            (TokenKind::Punctuation, Some(c)) if c.is_ascii() => c as u8,
            _ => 0,
        }
    }

    /// Whether this is a punctuation token for the character `c`, written or as an HTML
    /// entity.
    pub fn is_punctuation(&self, c: char) -> bool {
        self.punctuation_char() == Some(c)
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
#[inline]
pub fn tokens(text: &str) -> Tokens<'_> {
    Tokens {
        text,
        pos: 0,
        chunk_end: 0,
        all_ascii: text.is_ascii(),
        path: if text.is_ascii() {
            Path::Ascii
        } else {
            Path::Mixed
        },
        mode: Mode::Between,
        hashtag_end: 0,
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
    /// Which scanner the next token comes from.
    path: Path,
    mode: Mode<'a>,
    /// End of the hashtag whose words are being split (no hashtag when `pos` is past it).
    hashtag_end: usize,
    /// Test hook: split ASCII chunks with the grapheme path too.
    force_graphemes: bool,
}

/// Which scanner [`Tokens`] takes the next token from: one `match` per token, so that the fast
/// scanners need no test of their own for the rare hashtag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Path {
    /// [`Tokens::next_in_ascii_text`].
    Ascii,
    /// [`Tokens::next_in_mixed_text`].
    Mixed,
    /// A hashtag's words, then back to the fast scanner of the text.
    Hashtag,
    /// The reference path of [`Tokens::with_graphemes_only`].
    Reference,
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
        self.path = Path::Reference;
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
            entity: None,
        }
    }

    /// A token of pure ASCII text from [`scan_ascii`], with no entity.
    #[inline(always)]
    fn ascii_token(&self, start: usize, end: usize, kind: TokenKind, all_caps: bool) -> Token<'a> {
        Token {
            text: &self.text[start..end],
            start,
            kind,
            all_caps,
            ascii: true,
            entity: None,
        }
    }

    /// Takes the special token found at `pos` (see [`special_at`]): the token, or `None` for
    /// white space written as an entity. A hashtag gives its `#`; its words follow from
    /// [`Tokens::next_hashtag_word`].
    #[cold]
    fn take_special(&mut self, pos: usize, special: Special) -> Option<Token<'a>> {
        match special {
            Special::Token { end, kind, entity } => {
                self.pos = end;
                let mut token = self.token(pos, end, kind);
                token.entity = entity;
                Some(token)
            }
            Special::Space { end } => {
                self.pos = end;
                None
            }
            Special::Hashtag { body_end } => {
                self.pos = pos + 1;
                self.hashtag_end = body_end;
                if self.path != Path::Reference {
                    self.path = Path::Hashtag;
                }
                Some(self.token(pos, pos + 1, TokenKind::Punctuation))
            }
        }
    }

    /// [`Path::Hashtag`]: the hashtag's next word, then the text's fast scanner again.
    #[cold]
    #[inline(never)]
    fn next_in_hashtag(&mut self) -> Option<Token<'a>> {
        while self.pos < self.hashtag_end {
            if let Some(word) = self.next_hashtag_word() {
                return Some(word);
            }
        }
        if self.all_ascii {
            self.path = Path::Ascii;
            self.next_in_ascii_text()
        } else {
            self.path = Path::Mixed;
            self.next_in_mixed_text()
        }
    }

    /// The next word of the hashtag being split (`self.pos` before its end), or `None` when
    /// only underscores are left (`self.pos` is then its end).
    fn next_hashtag_word(&mut self) -> Option<Token<'a>> {
        let bytes = self.text.as_bytes();
        let body_end = self.hashtag_end;
        let mut pos = self.pos;
        while pos < body_end && bytes[pos] == b'_' {
            pos += 1;
        }
        if pos >= body_end {
            self.pos = body_end;
            return None;
        }
        let end = hashtag_word_end(bytes, pos, body_end);
        self.pos = end;
        Some(self.token(pos, end, TokenKind::Word))
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
    #[inline(always)]
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
                    entity: None,
                });
            }
        }
        if may_be_special(bytes, pos, end, kind) {
            return self.special_in_ascii_text(pos, end, kind, all_caps);
        }
        self.pos = end;
        Some(self.ascii_token(pos, end, kind, all_caps))
    }

    /// [`Tokens::next_in_ascii_text`] where a special token may start: it, or the plain
    /// `token` that starts there. Out of line: most text has none.
    #[cold]
    #[inline(never)]
    fn special_in_ascii_text(
        &mut self,
        pos: usize,
        end: usize,
        kind: TokenKind,
        all_caps: bool,
    ) -> Option<Token<'a>> {
        if let Some(special) = special_at(self.text, pos) {
            return match self.take_special(pos, special) {
                Some(special) => Some(special),
                None => self.after_special(),
            };
        }
        if let Some(word) = self.word_over_entity(pos, end, kind) {
            self.pos = word.end();
            return Some(word);
        }
        self.pos = end;
        Some(self.ascii_token(pos, end, kind, all_caps))
    }

    /// The word from `pos` made whole over the apostrophe entity its ASCII scan stopped at
    /// (`end`; `don&#39;t`), by the char scanner, which reads such entities; `None` when there
    /// is none or the char scanner cannot tell (the grapheme path must).
    #[cold]
    fn word_over_entity(&self, pos: usize, end: usize, kind: TokenKind) -> Option<Token<'a>> {
        let bytes = self.text.as_bytes();
        if kind != TokenKind::Word || bytes.get(end) != Some(&b'&') {
            return None;
        }
        word_entity_at(bytes, end)?;
        self.scan_chars(pos)
    }

    /// [`Tokens::next_in_ascii_text`] after a special token that leaves more to do (a hashtag's
    /// words, white space written as an entity): the scanner for mixed text, which gives the
    /// same tokens on ASCII text and loops where the ASCII one does not, so that the ASCII one
    /// needs no loop and never calls itself.
    #[cold]
    #[inline(never)]
    fn after_special(&mut self) -> Option<Token<'a>> {
        self.next_in_mixed_text()
    }

    /// Text with some non-ASCII bytes: ASCII tokens take the byte scanner; a chunk switches to
    /// grapheme clusters from the first token that touches a non-ASCII character (which could
    /// join it, like a combining accent), so the tokens are those of the grapheme path.
    #[inline(always)]
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
                        entity: None,
                    });
                }
            }
            if may_be_special(bytes, pos, end, kind)
                && let Some(step) = self.special_in_mixed_text(pos, end, kind)
            {
                match step {
                    Some(token) => return Some(token),
                    None => continue,
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
            return Some(self.ascii_token(pos, end, kind, all_caps));
        }
    }

    /// [`Tokens::next_in_mixed_text`] where a special token or a word over an apostrophe
    /// entity may start: `Some(Some(token))` for it, `Some(None)` when the scanner must go on
    /// (white space written as an entity, or grapheme clusters from here), `None` for the plain
    /// token. Out of line: most text has none.
    #[cold]
    #[inline(never)]
    fn special_in_mixed_text(
        &mut self,
        pos: usize,
        end: usize,
        kind: TokenKind,
    ) -> Option<Option<Token<'a>>> {
        if let Some(special) = special_at(self.text, pos) {
            return Some(self.take_special(pos, special));
        }
        let bytes = self.text.as_bytes();
        if kind != TokenKind::Word || bytes[end] != b'&' || word_entity_at(bytes, end).is_none() {
            return None;
        }
        if let Some(word) = self.scan_chars(pos) {
            self.pos = word.end();
            return Some(Some(word));
        }
        self.graphemes_to_chunk_end();
        Some(None)
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
            let mut entity = None;
            while let Some(c) = char_at(text, end) {
                if c.is_whitespace() {
                    break;
                }
                if c == '&'
                    && let Some((entity_end, e)) = word_entity_at(text.as_bytes(), end)
                {
                    entity = entity.or(Some(e));
                    end = entity_end;
                    continue;
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
                entity,
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
            entity: None,
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
        let bytes = &self.text.as_bytes()[..end];
        let (token_end, kind, all_caps) = scan_ascii(bytes, start);
        if may_be_special(bytes, start, token_end, kind) {
            if let Some(special) = special_at(self.text, start) {
                // White space written as an entity: the chunk goes on after it.
                return self
                    .take_special(start, special)
                    .or_else(|| self.next_ascii());
            }
            if let Some(word) = self.word_over_entity(start, token_end, kind) {
                self.pos = word.end();
                return Some(word);
            }
        }
        self.pos = token_end;
        Some(self.ascii_token(start, token_end, kind, all_caps))
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
        if first.is_ascii()
            && ASCII_CLASS[first as usize] & (SIGIL | ALNUM) != 0
            && let Some(special) = special_at(self.text, start)
        {
            let token = self.take_special(start, special);
            // Split the rest of the chunk afresh after the special token (and a hashtag's
            // words).
            let from = self.pos.max(self.hashtag_end);
            self.mode = Mode::Graphemes {
                chunk_start: from,
                graphemes: self.text[from..self.chunk_end].grapheme_indices(true),
            };
            return token.or_else(|| self.next_grapheme());
        }
        let mut end = start + g.len();
        let mut entity = None;
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
                    Some((o, "&")) => match word_entity_at(self.text.as_bytes(), base + o) {
                        Some((entity_end, c)) => {
                            // The entity's ASCII bytes are graphemes of their own.
                            while ahead
                                .clone()
                                .next()
                                .is_some_and(|(n, _)| base + n < entity_end)
                            {
                                ahead.next();
                            }
                            end = entity_end;
                            entity = entity.or(Some(c));
                            *graphemes = ahead;
                        }
                        None => break,
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
        self.pos = end;
        let mut token = self.token(start, end, kind);
        token.entity = entity;
        Some(token)
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
/// An apostrophe written as an HTML entity (`don&#39;t`) ends the word here: the rare word that
/// holds one is made whole by [`Tokens::scan_chars`], out of line.
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

/// [`ASCII_CLASS`] bit: a byte that starts a handle, a hashtag or an HTML entity (`@`, `#`,
/// `&`).
const SIGIL: u8 = 16;

/// [`ASCII_CLASS`] bit: a byte that, right after a word, may continue it into a web or e-mail
/// address (`:` of `http:`, `.` of `www.`, `@`, and the other bytes of an address's name:
/// `_ % + -`) or, as `&`, over an apostrophe entity.
const ADDRESS_TAIL: u8 = 32;

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
        } else if matches!(c, b'@' | b'#' | b'&') {
            // After a word, `@` may make it an e-mail address and `&` an apostrophe entity
            // continue it.
            SIGIL | if c == b'#' { 0 } else { ADDRESS_TAIL }
        } else if matches!(c, b':' | b'.' | b'_' | b'%' | b'+' | b'-') {
            ADDRESS_TAIL
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

/// Cheap test before [`special_at`] for a token that [`scan_ascii`] found at `pos`, ending at
/// `end`: punctuation that starts a handle, hashtag or entity, or a word followed by a byte
/// that can continue it into an address. Nothing else can start a special token.
#[inline(always)]
fn may_be_special(bytes: &[u8], pos: usize, end: usize, kind: TokenKind) -> bool {
    if kind == TokenKind::Punctuation {
        ASCII_CLASS[usize::from(bytes[pos])] & SIGIL != 0
    } else {
        end < bytes.len() && ASCII_CLASS[usize::from(bytes[end])] & ADDRESS_TAIL != 0
    }
}

/// What starts at a token's first byte besides an ordinary token (see [`special_at`]).
#[derive(Debug, Clone, Copy)]
enum Special {
    /// A token of its own: a handle, an address or an HTML entity for punctuation.
    Token {
        end: usize,
        kind: TokenKind,
        entity: Option<char>,
    },
    /// An HTML entity for white space (`&nbsp;`), skipped like white space.
    Space { end: usize },
    /// A hashtag: `#` then words up to `body_end`.
    Hashtag { body_end: usize },
}

/// Longest HTML entity read, in bytes (`&#1114111;`).
const MAX_ENTITY_LEN: usize = 10;

/// The handle, address, hashtag or HTML entity that starts at byte `pos` of `text`, if any: a
/// function of the text alone, so that every scanner finds the same ones. `pos` is where a
/// token would start.
#[inline(never)]
fn special_at(text: &str, pos: usize) -> Option<Special> {
    let bytes = text.as_bytes();
    match bytes[pos] {
        b'@' => {
            let end = name_end(bytes, pos + 1);
            (end > pos + 1 && !after_alphanumeric(text, pos) && ends_cleanly(text, end)).then_some(
                Special::Token {
                    end,
                    kind: TokenKind::Mention,
                    entity: None,
                },
            )
        }
        b'#' => {
            let body_end = name_end(bytes, pos + 1);
            let has_word = bytes[pos + 1..body_end].iter().any(|&b| b != b'_');
            (has_word && !after_alphanumeric(text, pos) && ends_cleanly(text, body_end))
                .then_some(Special::Hashtag { body_end })
        }
        b'&' => entity_at(bytes, pos).map(|(end, c)| {
            if c.is_whitespace() {
                Special::Space { end }
            } else {
                Special::Token {
                    end,
                    kind: TokenKind::Punctuation,
                    entity: Some(c),
                }
            }
        }),
        b if ASCII_CLASS[usize::from(b)] & ALNUM != 0 => url_at(text, pos)
            .map(|end| Special::Token {
                end,
                kind: TokenKind::Url,
                entity: None,
            })
            .or_else(|| {
                email_at(text, pos).map(|end| Special::Token {
                    end,
                    kind: TokenKind::Email,
                    entity: None,
                })
            }),
        _ => None,
    }
}

/// End of the run of ASCII letters, digits and underscores from `from`: a handle's or a
/// hashtag's name.
fn name_end(bytes: &[u8], from: usize) -> usize {
    let mut end = from;
    while end < bytes.len()
        && (ASCII_CLASS[usize::from(bytes[end])] & ALNUM != 0 || bytes[end] == b'_')
    {
        end += 1;
    }
    end
}

/// Whether the character before byte `pos` is a letter or digit (a `@` there is an address's,
/// not a handle's).
fn after_alphanumeric(text: &str, pos: usize) -> bool {
    text[..pos]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

/// Whether a name of ASCII letters and digits that ends at `at` really ends there: at the end
/// of the text, white space, an ASCII byte, or a character that neither continues a word nor
/// joins the name's last letter into one grapheme cluster (`@unitedé` and `@united\u{301}` are
/// no handles).
fn ends_cleanly(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at) {
        None => true,
        Some(&b) if b < 0x80 => true,
        Some(_) => char_at(text, at)
            .is_some_and(|c| c.is_whitespace() || (is_simple(c) && !c.is_alphanumeric())),
    }
}

/// The HTML entity at byte `pos` (a `&`), with its end and the character it stands for:
/// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&nbsp;`, and any `&#NNN;` or `&#xHH;` of a
/// character other than NUL. Anything else is not an entity.
#[inline(never)]
pub(super) fn entity_at(bytes: &[u8], pos: usize) -> Option<(usize, char)> {
    let rest = bytes.get(pos + 1..)?;
    let semi = rest.iter().take(MAX_ENTITY_LEN).position(|&b| b == b';')?;
    let name = &rest[..semi];
    let c = match name {
        b"amp" => '&',
        b"lt" => '<',
        b"gt" => '>',
        b"quot" => '"',
        b"apos" => '\'',
        b"nbsp" => '\u{A0}',
        [b'#', b'x' | b'X', hex @ ..] if !hex.is_empty() && hex.len() <= 6 => {
            let mut v = 0u32;
            for &h in hex {
                v = v * 16 + char::from(h).to_digit(16)?;
            }
            char::from_u32(v)?
        }
        [b'#', dec @ ..] if !dec.is_empty() && dec.len() <= 7 => {
            let mut v = 0u32;
            for &d in dec {
                v = v * 10 + char::from(d).to_digit(10)?;
            }
            char::from_u32(v)?
        }
        _ => return None,
    };
    (c != '\0').then_some((pos + 1 + semi + 1, c))
}

/// An apostrophe entity at byte `pos` (a `&`) that a word keeps: one followed by an ASCII letter
/// or digit (`don&#39;t`). Its end and the apostrophe it stands for.
#[cold]
#[inline(never)]
fn word_entity_at(bytes: &[u8], pos: usize) -> Option<(usize, char)> {
    entity_at(bytes, pos).filter(|&(end, c)| {
        is_apostrophe(c)
            && bytes
                .get(end)
                .is_some_and(|&b| ASCII_CLASS[usize::from(b)] & ALNUM != 0)
    })
}

/// The end of the web address starting at byte `pos`: `http://` or `https://` and at least
/// one more character, or `www.` and a letter or digit (any case), up to white space, less the
/// sentence punctuation it ends with (a `)` only when it closes no `(` of the address).
fn url_at(text: &str, pos: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let rest = &bytes[pos..];
    let starts = |prefix: &[u8]| {
        rest.len() > prefix.len() && rest[..prefix.len()].eq_ignore_ascii_case(prefix)
    };
    let body = if starts(b"http://") {
        7
    } else if starts(b"https://") {
        8
    } else if starts(b"www.") && ASCII_CLASS[usize::from(rest[4])] & ALNUM != 0 {
        4
    } else {
        return None;
    };
    if is_ascii_space(rest[body]) || after_alphanumeric(text, pos) {
        return None;
    }
    let mut end = pos + body;
    while end < bytes.len() {
        let b = bytes[end];
        if b < 0x80 {
            if is_ascii_space(b) {
                break;
            }
            end += 1;
        } else {
            match char_at(text, end) {
                Some(c) if !c.is_whitespace() => end += c.len_utf8(),
                _ => break,
            }
        }
    }
    let opened = bytes[pos..end].iter().filter(|&&b| b == b'(').count();
    let mut closed = bytes[pos..end].iter().filter(|&&b| b == b')').count();
    while end > pos + body {
        match bytes[end - 1] {
            b'.' | b',' | b'!' | b'?' | b';' | b':' | b'"' | b'\'' | b']' | b'>' => end -= 1,
            b')' if closed > opened => {
                closed -= 1;
                end -= 1;
            }
            _ => break,
        }
    }
    Some(end)
}

/// Whether `b` may stand in an e-mail address's name (before the `@`).
fn is_local_part(b: u8) -> bool {
    ASCII_CLASS[usize::from(b)] & ALNUM != 0 || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-')
}

/// The end of the e-mail address starting at byte `pos` (a letter or digit not preceded by a
/// character of an address's name): a name of ASCII letters, digits and `._%+-`, `@`, and a
/// domain of at least two dot-separated labels of letters, digits and `-`.
fn email_at(text: &str, pos: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    if pos > 0 && is_local_part(bytes[pos - 1]) {
        return None;
    }
    let mut at = pos;
    while at < bytes.len() && is_local_part(bytes[at]) {
        at += 1;
    }
    if bytes.get(at) != Some(&b'@') {
        return None;
    }
    let domain = at + 1;
    let mut end = domain;
    while end < bytes.len()
        && (ASCII_CLASS[usize::from(bytes[end])] & ALNUM != 0 || matches!(bytes[end], b'.' | b'-'))
    {
        end += 1;
    }
    while end > domain && matches!(bytes[end - 1], b'.' | b'-') {
        end -= 1;
    }
    let labels = &bytes[domain..end];
    let dot = labels.iter().position(|&b| b == b'.')?;
    (dot > 0 && ASCII_CLASS[usize::from(labels[0])] & ALNUM != 0 && ends_cleanly(text, end))
        .then_some(end)
}

/// Whether a capital followed by a lower-case letter can start an English word ("Ne" of
/// "News", "Sh", "Tr"), for telling `BBCNews` (BBC, News) from `JFKdelay` (JFK, delay).
fn can_start_word(capital: u8, lower: u8) -> bool {
    let (a, b) = (capital.to_ascii_lowercase(), lower);
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    vowel(a)
        || vowel(b)
        || matches!(
            [a, b],
            [b'b' | b'c' | b'f' | b'g' | b'p' | b's', b'l']
                | [b'b' | b'c' | b'd' | b'f' | b'g' | b'p' | b't' | b'w', b'r']
                | [b'c' | b's' | b't' | b'w' | b'p', b'h']
                | [b's', b'c' | b'k' | b'm' | b'n' | b'p' | b't' | b'w']
                | [b't', b'w']
                | [b'k' | b'g', b'n']
                | [b'q', b'u']
        )
}

/// End of the hashtag word that starts at `start` (an ASCII letter or digit) in a hashtag body
/// ending at `body_end`: up to an underscore, a lower-case letter followed by a capital
/// (`Never|Again`), or the end of a run of capitals before lower-case letters (`BBC|News`,
/// `JFK|delay`, by [`can_start_word`]). Digits stay with the letters before them (`Top10|Tips`).
fn hashtag_word_end(bytes: &[u8], start: usize, body_end: usize) -> usize {
    let class = |i: usize| ASCII_CLASS[usize::from(bytes[i])];
    let mut last_letter = class(start) & (LOWER | UPPER);
    let mut pos = start + 1;
    while pos < body_end {
        let c = class(pos);
        if bytes[pos] == b'_' || (c & UPPER != 0 && last_letter == LOWER) {
            break;
        }
        if c & LOWER != 0
            && pos >= start + 2
            && class(pos - 1) & UPPER != 0
            && class(pos - 2) & UPPER != 0
        {
            return if can_start_word(bytes[pos - 1], bytes[pos]) {
                pos - 1
            } else {
                pos
            };
        }
        if c & (LOWER | UPPER) != 0 {
            last_letter = c & (LOWER | UPPER);
        }
        pos += 1;
    }
    pos
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        match self.path {
            Path::Ascii => return self.next_in_ascii_text(),
            Path::Mixed => return self.next_in_mixed_text(),
            Path::Hashtag => return self.next_in_hashtag(),
            Path::Reference => {}
        }
        // The reference path: whole chunks, graphemes for any chunk with a non-ASCII byte.
        loop {
            if self.pos < self.hashtag_end {
                match self.next_hashtag_word() {
                    Some(token) => return Some(token),
                    None => continue,
                }
            }
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

    /// The tokens of `text` as (text, kind) pairs, after checking that both scanners agree,
    /// in all-ASCII text and in text with a non-ASCII chunk, and that every span indexes the
    /// input.
    fn kinds(text: &str) -> Vec<(&str, TokenKind)> {
        let fast: Vec<_> = tokens(text).collect();
        let slow: Vec<_> = tokens(text).with_graphemes_only().collect();
        assert_eq!(fast, slow, "{text:?}");
        let mixed = format!("{text} é");
        let fast_mixed: Vec<_> = tokens(&mixed).collect();
        let slow_mixed: Vec<_> = tokens(&mixed).with_graphemes_only().collect();
        assert_eq!(fast_mixed, slow_mixed, "{mixed:?}");
        for t in &fast {
            assert_eq!(&text[t.range()], t.as_str(), "{text:?}");
        }
        fast.iter().map(|t| (t.as_str(), t.kind())).collect()
    }

    use TokenKind::{Email, Mention, Punctuation as P, Url, Word as W};

    #[test]
    fn handles_are_tokens_of_their_own() {
        assert_eq!(
            kinds("@united thanks! (@AmericanAir) hi.@user_01"),
            [
                ("@united", Mention),
                ("thanks", W),
                ("!", P),
                ("(", P),
                ("@AmericanAir", Mention),
                (")", P),
                ("hi", W),
                (".", P),
                ("@user_01", Mention),
            ]
        );
        // After a letter or without a name, `@` is punctuation.
        assert_eq!(
            kinds("me@home @ @!"),
            [
                ("me", W),
                ("@", P),
                ("home", W),
                ("@", P),
                ("@", P),
                ("!", P)
            ]
        );
        // A name that goes on in another script or joins a combining mark is no handle.
        assert_eq!(kinds("@unitedé")[0], ("@", P));
        assert_eq!(kinds("@united\u{301}")[0], ("@", P));
        assert_eq!(kinds("@united👍")[0], ("@united", Mention));
    }

    #[test]
    fn urls_run_to_white_space_without_their_sentence_punctuation() {
        assert_eq!(
            kinds("see https://x.co/a?b=1&amp;c=#top. or (www.Example.com/x_(y)), http://é.fr!"),
            [
                ("see", W),
                ("https://x.co/a?b=1&amp;c=#top", Url),
                (".", P),
                ("or", W),
                ("(", P),
                ("www.Example.com/x_(y)", Url),
                (")", P),
                (",", P),
                ("http://é.fr", Url),
                ("!", P),
            ]
        );
        // Not addresses: a word that only starts like one.
        assert_eq!(
            kinds("www. http:// xhttp://a"),
            [
                ("www", W),
                (".", P),
                ("http", W),
                (":", P),
                ("/", P),
                ("/", P),
                ("xhttp", W),
                (":", P),
                ("/", P),
                ("/", P),
                ("a", W)
            ]
        );
    }

    #[test]
    fn email_addresses_are_tokens_of_their_own() {
        assert_eq!(
            kinds("mail john.smith+tag@mail.example.com. or a@b.co"),
            [
                ("mail", W),
                ("john.smith+tag@mail.example.com", Email),
                (".", P),
                ("or", W),
                ("a@b.co", Email),
            ]
        );
        // No domain with a dot: a word, `@` and a word.
        assert_eq!(kinds("a@b"), [("a", W), ("@", P), ("b", W)]);
    }

    #[test]
    fn hashtags_split_into_words_on_case_and_underscores() {
        let words = |text: &'static str| -> Vec<&'static str> {
            tokens(text)
                .filter(|t| t.kind() == W)
                .map(|t| t.as_str())
                .collect()
        };
        assert_eq!(kinds("#NeverAgain"), [("#", P), ("Never", W), ("Again", W)]);
        assert_eq!(words("#worst_service"), ["worst", "service"]);
        assert_eq!(words("#JFKdelay"), ["JFK", "delay"]);
        assert_eq!(words("#BBCNews #iPhone"), ["BBC", "News", "i", "Phone"]);
        assert_eq!(
            words("#Top10Tips #2020vision"),
            ["Top10", "Tips", "2020vision"]
        );
        assert_eq!(words("#__a__B_"), ["a", "B"]);
        // After a letter, or with a name that goes on in another script, `#` is no hashtag.
        assert_eq!(words("a#BigDeal #café"), ["a", "BigDeal", "café"]);
        assert_eq!(kinds("#_ #"), [("#", P), ("_", P), ("#", P)]);
        let all_caps: Vec<_> = tokens("#NEVERAgain")
            .filter(|t| t.kind() == W)
            .map(|t| t.is_all_caps())
            .collect();
        assert_eq!(all_caps, [true, false]);
    }

    #[test]
    fn html_entities_decode_to_their_characters() {
        let toks: Vec<_> = tokens("a &gt; b &amp;&#33;&#x3F; &quot;x&quot; &bogus; &#0;").collect();
        let shown: Vec<_> = toks
            .iter()
            .map(|t| (t.as_str(), t.kind(), t.punctuation_char()))
            .collect();
        assert_eq!(
            shown,
            [
                ("a", W, None),
                ("&gt;", P, Some('>')),
                ("b", W, None),
                ("&amp;", P, Some('&')),
                ("&#33;", P, Some('!')),
                ("&#x3F;", P, Some('?')),
                ("&quot;", P, Some('"')),
                ("x", W, None),
                ("&quot;", P, Some('"')),
                ("&", P, Some('&')),
                ("bogus", W, None),
                (";", P, Some(';')),
                ("&", P, Some('&')),
                ("#", P, Some('#')),
                ("0", W, None),
                (";", P, Some(';')),
            ]
        );
        assert!(toks[4].is_punctuation('!') && toks[4].punctuation_byte() == b'!');
        assert_eq!(toks[1].entity(), Some('>'));
        assert_eq!(toks[0].entity(), None);
        kinds("a &gt; b &amp;&#33;&#x3F; &quot;x&quot; &bogus; &#0;");
    }

    #[test]
    fn white_space_entities_are_white_space() {
        assert_eq!(
            kinds("not&nbsp;good&#160; &#32;ok"),
            [("not", W), ("good", W), ("ok", W)]
        );
        assert_eq!(kinds("&nbsp;&nbsp;"), []);
    }

    #[test]
    fn an_apostrophe_entity_keeps_a_word_whole() {
        let toks: Vec<_> = tokens("don&#39;t it&apos;s can&#8217;t x&#39; &#39;y").collect();
        let shown: Vec<_> = toks
            .iter()
            .map(|t| (t.as_str(), t.kind(), t.entity()))
            .collect();
        assert_eq!(
            shown,
            [
                ("don&#39;t", W, Some('\'')),
                ("it&apos;s", W, Some('\'')),
                ("can&#8217;t", W, Some('\u{2019}')),
                ("x", W, None),
                ("&#39;", P, Some('\'')),
                ("&#39;", P, Some('\'')),
                ("y", W, None),
            ]
        );
        assert_eq!(
            crate::text::Folded::new("DON&#39;T").map(|f| f.as_str().to_owned()),
            Some("don't".to_owned())
        );
        kinds("don&#39;t it&apos;s can&#8217;t x&#39; &#39;y");
    }

    #[test]
    fn numbers_with_units_and_times_stay_words() {
        assert_eq!(
            kinds("by 5pm, 10:30 in 2h 30min 3 days"),
            [
                ("by", W),
                ("5pm", W),
                (",", P),
                ("10", W),
                (":", P),
                ("30", W),
                ("in", W),
                ("2h", W),
                ("30min", W),
                ("3", W),
                ("days", W)
            ]
        );
    }
}
