//! Proptest strategies shared between the property tests.

use proptest::prelude::*;

/// Text made of up to 40 pieces of `vocabulary` (the words and marks the rules under test react
/// to), each followed by a space, nothing, two spaces or a line break, so generated text
/// exercises those rules and not only unknown words.
pub fn vocabulary_text(vocabulary: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(vocabulary),
            prop::sample::select(&[" ", "", "  ", "\n"][..]),
        ),
        0..40,
    )
    .prop_map(|parts| parts.into_iter().map(|(w, s)| format!("{w}{s}")).collect())
}

/// Any text: arbitrary Unicode, [`vocabulary_text`] of `vocabulary`, or printable ASCII.
pub fn any_text(vocabulary: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), vocabulary_text(vocabulary), "[ -~]{0,120}"]
}
