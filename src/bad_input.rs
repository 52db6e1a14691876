//! # Bad input: every class tried, and what it gets
//!
//! realboss runs inside other people's services on text written by the public, so no input may
//! make it panic, loop, or cost more than linear time. This page lists every class of hostile or
//! odd input that has been tried, what each one gets, and the test that holds it. Nothing is
//! dropped or clipped silently: a value is either accepted as sent, refused with a typed
//! [`Error`](crate::Error) whose message names the field and the bad value, or (only for text
//! longer than [`AnalyzerConfig::max_text_bytes`]) scored in part with a note in the result.
//!
//! This module holds no code; it is documentation.
//!
//! ## Text given to the analyzer
//!
//! What [`Analyzer::sentiment`], [`Analyzer::urgency`], [`Analyzer::signals`] and the
//! explanations give. In every row the values are finite and in range, equal inputs give
//! bit-equal results, the explanations agree with the scores bit for bit, and time grows
//! linearly with the length of the text.
//!
//! | input | what it gets | held by |
//! |---|---|---|
//! | empty text | neutral: compound 0, `neutral` 1, no words ([`Coverage::words`] 0); urgency 0, [`Level::Low`] | `sentiment_bad_input`, `hardening_bad_input::every_text_class_gets_sane_signals_and_says_when_it_was_cut` |
//! | white space only (any Unicode white space: NBSP, ideographic space, line separator) | the same as empty text | the same |
//! | a 10 MB single token | scored up to [`AnalyzerConfig::max_text_bytes`] (default 1 MiB), cut at a character boundary; [`Coverage::truncated_at`] and [`Urgency::truncated_at`] say `Some(1048576)`; one word, unknown (no lexicon entry is longer than 48 bytes). With the limit raised, scored whole in linear time | `hardening_max_text`, `hardening_bad_input`, `sentiment_bad_input::time_grows_linearly_with_length` |
//! | any text longer than the limit | its first part scored, cut at the last white space within [`CUT_SEARCH_BYTES`] of the limit; every result (sentiment, urgency, complaint, both explanations, any language) reports the same cut | `hardening_max_text::every_result_agrees_on_the_cut` |
//! | NUL and control characters (C0, C1, DEL, ANSI escapes) | separate words like punctuation; the words around them score as usual (`\0urgent\0` is urgent) | `hardening_bad_input::odd_text_still_reads_as_what_it_says`, `sentiment_bad_input` |
//! | mixed scripts, right-to-left text, bidi controls (U+202E, U+200F, U+2067) | scored as written, in logical order: words of other scripts are counted and unknown; English words beside them keep their valence | `hardening_bad_input`, `sentiment_bad_input` |
//! | a combining-mark flood (one letter with a million accents) | one grapheme cluster, one unknown word; over the limit it is cut like any text (possibly inside the cluster, at a character boundary); linear time | `hardening_bad_input`, `sentiment_bad_input` |
//! | emoji ZWJ sequences, skin tones, flags, lone joiners | one token per sequence, valued by its first code point (see [`signals`](crate::signals)) | `hardening_bad_input`, `sentiment_bad_input` |
//! | a million `!` | neutral (emphasis goes only in the direction of a non-zero total, at most `MAX_EXCLAMATIONS` (4) count); not an urgency cue | `hardening_bad_input`, `sentiment_bad_input` |
//! | long negation chains (`not not … not good`, 200,000 deep) | only the negations within `LOOK_BACK_WORDS` (3) words of a sentiment word reach it, each once; linear time | `hardening_bad_input`, `sentiment_bad_input` |
//! | invalid UTF-8 | cannot reach the analyzer (`&str`); the readers below refuse it by line | the rows below |
//! | `max_text_bytes` of 0 | [`Analyzer::new`] fails with [`ErrorKind::InvalidValue`] naming `max_text_bytes` | `hardening_max_text` |
//!
//! ## JSON and JSON Lines from hosts
//!
//! What [`Request::from_json`](crate::Request::from_json) and the other `from_json` functions,
//! [`Policy::from_json`](crate::Policy::from_json), the serde impls and the JSON Lines readers
//! ([`read_requests`](crate::read_requests), [`read_records`](crate::read_records)) give.
//!
//! | input | what it gets | held by |
//! |---|---|---|
//! | invalid UTF-8 in a JSON Lines line | that line is a [`LineError`](crate::LineError) with its line number and [`ErrorKind::InvalidUtf8`] (`valid_up_to`); reading goes on | `bad_input::syntax_errors_and_invalid_utf8_keep_their_line_and_position`, fuzz target `jsonl` |
//! | invalid UTF-8 through the `score` example | `{"error":"line N: not valid UTF-8 (invalid byte at offset K); the line was not scored"}` in that line's place; the other lines are scored | `.ci/run` step "examples: score" |
//! | a request whose text is empty or white space and which has no events | [`ErrorKind::EmptyRequest`] naming the request; with events it is accepted, its text kept as sent | `hardening_bad_input::a_request_with_empty_or_blank_text_and_no_events_is_an_empty_request` |
//! | NUL and control characters in JSON | escaped (`\u0000`): kept byte for byte; raw inside a string or outside one: [`ErrorKind::Json`] with line and column | `hardening_bad_input::nul_and_control_characters_in_json_must_be_escaped` |
//! | `NaN`, `Infinity`, `-Infinity` | not JSON: [`ErrorKind::Json`] at their column; through the reader only that line fails | `hardening_bad_input::nan_and_infinite_numbers_are_json_errors_with_their_place` |
//! | numbers beyond `f64` (`1e999`) | [`ErrorKind::Json`] "number out of range", never read as infinity; the largest finite numbers are read and then judged by the field's own rule (a policy weight over 1000 is [`ErrorKind::InvalidValue`] naming `weights.<name>`, the number shown short: `1.79e308`, not its 309 digits) | the same |
//! | NaN or infinity given to a constructor (`Money::new`, thresholds, policy weights) | the field's typed error ([`ErrorKind::InvalidMoney`] for money, [`ErrorKind::InvalidValue`] with the field path for thresholds and policy values) | `bad_input::constructors_reject_the_same_classes`, `model_props::invalid_money_is_always_rejected`, `sentiment_rules::thresholds_are_configurable_and_validated`, `priority_policy::rust_built_policies_are_validated_too`, `priority_policy::a_huge_weight_is_shown_short_and_the_limit_comes_from_the_constant` |
//! | a NaN sentiment score handed to [`Insights`](crate::insights::Insights) | not counted, and counted as such in its coverage (`invalid_scores`) | `insights_stories::caps_are_counted_never_silent` |
//! | deeply nested JSON (100,000 levels) | [`ErrorKind::Json`] at the first value of the wrong shape: our types nest a few levels at most, and serde_json's recursion limit (128) bounds the rest, so the stack is never at risk | `hardening_bad_input::deeply_nested_json_is_a_json_error_not_a_stack_overflow` |
//! | huge JSON (a 12 MB line, 100,000 events, a 20 MB garbage line) | read whole (no line limit: memory is the line's size), then ranked in linear time; a garbage line is one error; every message is cut short whatever the bad value's size | `hardening_bad_input::huge_json_is_read_or_refused_in_linear_time`, `bad_input::huge_bad_values_give_short_messages` |
//! | unknown fields, unknown words, bad ids, currencies, ratings, dates | each its own [`ErrorKind`] naming the field, the value and what is accepted | `bad_input` (one row per class) |
//! | anything else (arbitrary bytes) | read or refused with a typed error; what is read writes back to equal JSON | fuzz targets `json` and `jsonl` |
//!
//! ## Time and identity
//!
//! | input | what it gets | held by |
//! |---|---|---|
//! | timestamps far in the past or future (`0000-01-01T00:00:00Z` … `9999-12-31T23:59:59.999999999Z`) | read; a request received after `now` is skipped ([`SkipReason::NotYetReceived`]), one from long ago is in the maximum-wait band with a finite priority; ranking and the queue work at any `now`, the ends of time included | `hardening_bad_input::timestamps_at_the_ends_of_time_read_and_rank`, fuzz targets `rank` and `queue` |
//! | a year past 9999, 30 February, `24:00:00` | [`ErrorKind::Json`] quoting the value | the same |
//! | events out of order | read and kept in time order (stable; equal times keep their order); nothing dropped | `hardening_bad_input::events_out_of_order_are_read_and_kept_in_time_order` |
//! | `now` going backwards between queue calls | the queue re-keys everything and answers as a batch ranking would | `queue_agrees::now_going_backwards_re_keys_everything`, fuzz target `queue` |
//! | duplicate request ids | [`validate_batch`](crate::validate_batch) reports [`ErrorKind::DuplicateRequestId`] with both positions; [`Ranker::rank`](crate::Ranker::rank) ranks both, deterministically (equal requests keep input order); [`Queue::insert`](crate::ranking::Queue::insert) and [`Queue::restore`](crate::ranking::Queue::restore) refuse the second and leave the queue unchanged | `bad_input::batch_problems_are_duplicate_ids_and_conflicting_profiles`, `hardening_bad_input::duplicate_ids_rank_deterministically_and_are_reported_by_validation`, `queue_agrees::duplicate_insert_and_unknown_update_are_typed_errors` |
//! | one customer id with two different profiles | [`ErrorKind::ConflictingProfiles`] naming the field | `bad_input::batch_problems_are_duplicate_ids_and_conflicting_profiles` |
//!
//! ## Under load
//!
//! One [`Analyzer`] and one [`Policy`](crate::Policy) shared by 8 threads over 1,000,000
//! messages give results bit-identical to one thread (`hardening_concurrency`; 100,000 messages
//! in a debug build, 1,000,000 with `--release`).
//!
//! ## Fuzzing
//!
//! `fuzz/` holds `cargo fuzz` targets (run with `cargo fuzz run TARGET --sanitizer none`; they
//! work on the stable toolchain): `signals` (arbitrary bytes, lossily and as UTF-8, through
//! every signal and explanation), `json` (every model type, the configurations and
//! [`Policy`](crate::Policy), with round trips), `jsonl` (the readers), `rank` (arbitrary
//! request sets at any `now`) and `queue` (arbitrary operation sequences checked after every
//! step against a batch ranking of a plain list). `.ci/run` runs each for a few seconds.
//!
//! [`Analyzer`]: crate::Analyzer
//! [`Analyzer::new`]: crate::Analyzer::new
//! [`Analyzer::sentiment`]: crate::Analyzer::sentiment
//! [`Analyzer::urgency`]: crate::Analyzer::urgency
//! [`Analyzer::signals`]: crate::Analyzer::signals
//! [`AnalyzerConfig::max_text_bytes`]: crate::AnalyzerConfig::max_text_bytes
//! [`Coverage::words`]: crate::signals::Coverage::words
//! [`Coverage::truncated_at`]: crate::signals::Coverage::truncated_at
//! [`Urgency::truncated_at`]: crate::Urgency::truncated_at
//! [`CUT_SEARCH_BYTES`]: crate::signals::CUT_SEARCH_BYTES
//! [`Level::Low`]: crate::Level::Low
//! [`SkipReason::NotYetReceived`]: crate::ranking::SkipReason::NotYetReceived
//! [`ErrorKind`]: crate::ErrorKind
//! [`ErrorKind::InvalidUtf8`]: crate::ErrorKind::InvalidUtf8
//! [`ErrorKind::EmptyRequest`]: crate::ErrorKind::EmptyRequest
//! [`ErrorKind::Json`]: crate::ErrorKind::Json
//! [`ErrorKind::InvalidValue`]: crate::ErrorKind::InvalidValue
//! [`ErrorKind::InvalidMoney`]: crate::ErrorKind::InvalidMoney
//! [`ErrorKind::DuplicateRequestId`]: crate::ErrorKind::DuplicateRequestId
//! [`ErrorKind::ConflictingProfiles`]: crate::ErrorKind::ConflictingProfiles
