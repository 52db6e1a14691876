//! Text to tokens, in one pass.
//!
//! Every signal realboss reads from a message (sentiment now; urgency and complaint cues later)
//! consumes the same token stream, so the text is split once and the splitting rules live here.
//!
//! # Tokens
//!
//! [`tokens`] walks the text and yields [`Token`]s, each borrowing its slice of the input and
//! carrying its byte range. It never allocates and never fails:
//!
//! 1. The text is cut into whitespace-separated chunks (any Unicode white space).
//! 2. A chunk that is, as a whole, a known ASCII emoticon (`:)`, `:-(`, `<3`, `:D`, `\o/` ...,
//!    compared without case) is one [`TokenKind::Emoticon`]. So is a chunk that becomes one after
//!    trailing `.`, `,`, `!` or `?` are cut off (`:)!!` gives `:)` then two `!`).
//! 3. Handles, addresses, hashtags and HTML entities are read before the rest of the chunk is
//!    split, at the place a token would start:
//!    - [`TokenKind::Mention`]: `@` at the start of a chunk or after a character that is not a
//!      letter or digit, and the ASCII letters, digits and underscores after it (`@united`,
//!      `@user_01`). `me@home` is a word, `@`, a word.
//!    - [`TokenKind::Url`]: `http://`, `https://` or `www.` (any case) and everything up to
//!      white space, less the sentence punctuation it ends with (`.` `,` `!` `?` `;` `:` `"`
//!      `'` `]` `>`, and `)` when it closes no `(` of the address).
//!    - [`TokenKind::Email`]: a name of ASCII letters, digits and `._%+-`, `@`, and a domain of
//!      at least two dot-separated labels (`name@example.com`).
//!    - A hashtag (`#` where a handle's `@` could stand, then ASCII letters, digits and
//!      underscores with at least one letter or digit) is a `#` [`TokenKind::Punctuation`]
//!      token and its words, which are [`TokenKind::Word`]s with nothing between them, so they
//!      form phrases: split at underscores (skipped), where a lower-case letter meets a capital
//!      (`#NeverAgain` is `Never`, `Again`), and where capitals meet lower-case letters: before
//!      the last capital when it can start an English word with the next letter (`#BBCNews` is
//!      `BBC`, `News`), after the run otherwise (`#JFKdelay` is `JFK`, `delay`). Digits stay
//!      with the letters before them (`#Top10Tips` is `Top10`, `Tips`).
//!    - An HTML entity (`&amp;` `&lt;` `&gt;` `&quot;` `&apos;` `&nbsp;`, `&#NNN;`, `&#xHH;`) is
//!      one [`TokenKind::Punctuation`] token, whatever it stands for; [`Token::entity`] and
//!      [`Token::punctuation_char`] give the character (`&#33;` is a `!` to the signals). An
//!      entity for white space (`&nbsp;`, `&#160;`) is skipped like white space, and an
//!      apostrophe entity between two letters or digits stays inside its word (`don&#39;t`),
//!      which the look-ups read with `'`.
//!
//!    A handle's, hashtag's or address's name must end where a word would: not in a letter of
//!    another script or a combining mark (`@unitedé` is `@`, `unitedé`). These tokens never hold
//!    white space, and [`TokenKind::is_address`] tells the signals to skip the three address
//!    kinds: they neither score nor count as words.
//! 4. Otherwise the chunk is split into
//!    - [`TokenKind::Word`]: a run of letters and digits (any script), with an apostrophe
//!      (`'`, `’` or `ʼ`) kept inside it when letters or digits stand on both sides (`don't`,
//!      `can’t`). A hyphen ends a word: `kind-of` is `kind`, `-`, `of`, and multi-word entries
//!      of a lexicon match such pieces as phrases.
//!    - [`TokenKind::Emoji`]: one emoji, kept whole with its skin tone, variation selector and
//!      zero-width-joiner sequence (`👍🏽`, `👨‍👩‍👧`).
//!    - [`TokenKind::Punctuation`]: any other character, one token each (`!!!` is three).
//!
//! The unit of a word is the extended grapheme cluster (Unicode Standard Annex #29, through
//! `unicode-segmentation`), so a letter keeps its combining marks and a flood of combining marks
//! stays one grapheme. Segmenting is costly, so it runs only where it can change the result:
//! ASCII tokens, the common case, take a hand-written byte scanner, and tokens with non-ASCII
//! characters a char scanner, as long as every character involved is one whose grapheme cluster
//! is provably itself (letters, digits and punctuation of Latin, Greek, Cyrillic, kana and CJK,
//! and common emoji with their skin tones, variation selectors and zero-width joins). From the
//! first token that touches any other character (a combining accent, Hangul jamo, a flag, an
//! Indic vowel sign), the rest of that chunk goes through grapheme segmentation. A property test
//! checks that this gives exactly the tokens of the all-grapheme path on any text, and a unit
//! test checks every character the char scanner accepts against `unicode-segmentation`.
//!
//! # Look-back
//!
//! Signals that need context ("not" three words back, a phrase that ends here) keep it in a
//! [`LookBack`] ring of fixed size, so one pass over any length of text uses constant memory.


#[rustfmt::skip] // generated by tools/src/tables.rs
mod emoticon_table;
mod folded;
pub mod keywords;
mod look_back;
mod tokenizer;

pub(crate) use folded::Folded;
pub use look_back::LookBack;
pub use tokenizer::{Token, TokenKind, Tokens, tokens};
