//! The closing rule: is a message only a "thanks" or a sign-off that asks for nothing?
//!
//! A customer who writes "thanks, all sorted!" after our answer is not chasing us, so such a
//! message must not count as a repeat contact. The rule is deliberately narrow and does not
//! use the sentiment engine (a warm message can still ask a question):
//!
//! 1. the text is at most [`MAX_GRATITUDE_BYTES`] long and has no `?` (a question is never
//!    only thanks: "all sorted?" chases us);
//! 2. it has at least one word, and every word is in [`CLOSING_WORDS`]
//!    (words are runs of letters, digits and apostrophes; case is ignored and apostrophes are
//!    skipped, so "That's" matches `thats`; punctuation, spaces and emoji separate words and are
//!    otherwise ignored);
//! 3. at least one word is in [`GRATITUDE_ANCHORS`], so "ok" or "great" alone is not enough.
//!
//! Any other word (a digit, a name, "not", "still", "but", a non-English word) makes the message
//! a real contact. Erring that way keeps a chase from being dropped.

//!
//! The rule is read in the one tokenization pass of [`Analyzer::signals`] (its
//! [`Signals::thanks_only`]): each word is looked up once in the table of marked words of
//! `reading.rs`, which holds these lists as its `CLOSING` and `ANCHOR` marks.
//! [`is_thanks_only`] runs the same reader alone, for a text no analyzer read.

use super::reading::MarksPass;
#[cfg(doc)]
use super::{Analyzer, Signals};
use crate::text::tokens;

/// Longest text, in bytes, that can be thanks-only: 280, a tweet's length. Real thanks are
/// short, and the bound keeps the check cheap on huge messages (which then count as contacts).
pub(crate) const MAX_GRATITUDE_BYTES: usize = 280;

/// Words a thanks-only or closing message may consist of (lower case, apostrophes removed).
/// Negations and words that ask for something ("not", "still", "but", "please", "any") are
/// deliberately absent.
pub(super) const CLOSING_WORDS: &[&str] = &[
    "a",
    "again",
    "all",
    "and",
    "appreciate",
    "appreciated",
    "awesome",
    "brilliant",
    "cheers",
    "cool",
    "done",
    "everyone",
    "excellent",
    "fantastic",
    "fine",
    "fixed",
    "for",
    "good",
    "got",
    "great",
    "guys",
    "help",
    "helpful",
    "it",
    "its",
    "kind",
    "lot",
    "lots",
    "lovely",
    "many",
    "much",
    "nice",
    "no",
    "now",
    "ok",
    "okay",
    "perfect",
    "problem",
    "resolved",
    "so",
    "solved",
    "sorted",
    "super",
    "team",
    "thank",
    "thanks",
    "that",
    "thats",
    "the",
    "thx",
    "ty",
    "very",
    "wonderful",
    "works",
    "worries",
    "you",
    "your",
];

/// Words that make a closing message a thanks or a sign-off; at least one must be present.
pub(super) const GRATITUDE_ANCHORS: &[&str] = &[
    "appreciate",
    "appreciated",
    "cheers",
    "fixed",
    "resolved",
    "solved",
    "sorted",
    "thank",
    "thanks",
    "thx",
    "ty",
    "worries",
];

/// Whether `text` only thanks us or signs off (the rule in the module docs), read alone: the
/// same reader as [`Signals::thanks_only`]. Linear in the text's length (at most
/// [`MAX_GRATITUDE_BYTES`] are read); allocates nothing.
pub(crate) fn is_thanks_only(text: &str) -> bool {
    let mut marks = MarksPass::new(text);
    if !marks.may_close() {
        return false;
    }
    for token in tokens(text) {
        marks.read(token);
    }
    marks.thanks_only()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cue_lists_are_lower_case_and_anchors_are_closing_words() {
        for cue in CLOSING_WORDS.iter().chain(GRATITUDE_ANCHORS) {
            assert!(cue.chars().all(|c| c.is_ascii_lowercase()), "{cue}");
        }
        for anchor in GRATITUDE_ANCHORS {
            assert!(CLOSING_WORDS.contains(anchor), "{anchor}");
        }
    }

    #[test]
    fn thanks_only_messages() {
        for text in [
            "thanks",
            "Thank you!",
            "thanks, all sorted",
            "No worries",
            "Great, thanks! 🙏",
            "That’s perfect, thank you so much :)",
            "THX",
            "All sorted now, cheers",
            &"thanks ".repeat(40),
        ] {
            assert!(is_thanks_only(text), "{text:?}");
        }
    }

    #[test]
    fn messages_that_still_ask_for_something() {
        for text in [
            "",
            "!!!",
            "ok",
            "great",
            "thanks but it still doesn't work",
            "all sorted?",
            "thanks, any news?",
            "not sorted, thanks",
            "thanks for order 5521",
            "merci beaucoup",
            "Thanks, please call me back",
            &"thanks ".repeat(41),
        ] {
            assert!(!is_thanks_only(text), "{text:?}");
        }
    }
}
