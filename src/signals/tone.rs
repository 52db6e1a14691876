//! How a message is written: its tone marks (formal and casual) and the English function words
//! that tell English text from other languages. The rule is in the
//! [module documentation](crate::signals#tone); the lists below are looked up once per word in
//! the table of marked words of `reading.rs`.

/// Very common English words; their share tells English text from other languages cheaply.
/// Words shared with Spanish, French or Italian ("a", "me", "no") are left out, and chat forms
/// ("u", "ur", "im") are in: they are English too.
pub(super) const ENGLISH_FUNCTION_WORDS: &[&str] = &[
    "about", "all", "an", "and", "are", "as", "at", "be", "but", "by", "can", "can't", "do",
    "don't", "for", "from", "get", "got", "have", "how", "i", "i'm", "if", "im", "in", "is", "it",
    "it's", "just", "my", "not", "now", "of", "on", "or", "our", "please", "so", "still", "that",
    "the", "there", "they", "this", "to", "u", "ur", "us", "was", "we", "what", "when", "where",
    "where's", "why", "will", "with", "would", "you", "your",
];

/// Greetings that open a formal letter (first word).
pub(super) const FORMAL_OPENERS: &[&str] = &["dear", "greetings"];
/// Words of formal letters: sign-offs and requests.
pub(super) const FORMAL_WORDS: &[&str] = &[
    "regards",
    "sincerely",
    "faithfully",
    "respectfully",
    "kindly",
];
/// Greetings that open a casual message (first word).
pub(super) const CASUAL_OPENERS: &[&str] = &["hi", "hey", "hiya", "heya", "yo", "hello"];
/// Chat shorthand and slang.
pub(super) const CASUAL_WORDS: &[&str] = &[
    "lol", "thx", "pls", "plz", "u", "ur", "gonna", "wanna", "btw", "omg", "cheers", "ta", "cuz",
    "ok", "okay", "yeah", "yep", "nope",
];
/// Contraction endings ("don't", "I'm", "we'll").
pub(super) const CONTRACTION_ENDINGS: &[&str] = &["n't", "'re", "'ve", "'ll", "'m", "'d"];
/// Contractions of "is" that are not possessives.
pub(super) const IS_CONTRACTIONS: &[&str] = &[
    "it's", "that's", "what's", "there's", "he's", "she's", "let's", "here's", "who's",
];

/// How a message is written: formal or casual, and by how many marks (see
/// the [rule](crate::signals#tone)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct ToneMarks {
    /// Formal marks: a "Dear …" opening, a formal sign-off or request word (regards,
    /// sincerely, faithfully, respectfully, kindly).
    pub formal: u8,
    /// Casual marks: a hi/hey opening, contractions, emoji or emoticons, an exclamation mark,
    /// a lowercase start, chat shorthand (thx, pls, lol, …). Each kind counts once.
    pub casual: u8,
}
