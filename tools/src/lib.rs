//! Workspace tools for realboss. Not published; run them with `cargo run -p realboss-tools --bin NAME`.
//!
//! - `dump`: writes every score, ranking, hint and insight realboss gives on the evaluation sets
//!   (when `../shared/eval` is beside the clone), the benches' corpus and `examples/data/`, so
//!   that a refactor can be shown to change nothing (`diff` two dumps).
//! - `tables`: regenerates the lexicon and cue tables under `src/` from `data/` ([`tables`]);
//!   `tests/tables_fresh.rs` fails when a committed table is stale.

pub mod tables;

// realboss's tokenizer and word folding, compiled from its own source: the generator must key
// every word exactly as the runtime folds it, and this way those internals need not be public.
// Only the three files the generator reads are included (at the root, where their `super::`
// paths to each other resolve), not the whole `text` module.
#[path = "../../src/text/emoticon_table.rs"]
#[rustfmt::skip]
mod emoticon_table;
#[path = "../../src/text/folded.rs"]
mod folded;
#[path = "../../src/text/tokenizer.rs"]
#[allow(dead_code)] // the generator uses only part of the tokenizer's API
mod tokenizer;

/// The part of realboss's `text` module the generator uses.
mod text {
    pub(crate) use crate::folded::Folded;
    pub(crate) use crate::tokenizer::{TokenKind, tokens};
}
