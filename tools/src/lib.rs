//! Workspace tools for realboss. Not published; run them with `cargo run -p realboss-tools --bin NAME`.
//!
//! - `dump`: writes every score, ranking, hint and insight realboss gives on the evaluation sets
//!   (when `../shared/eval` is beside the clone), the benches' corpus and `examples/data/`, so
//!   that a refactor can be shown to change nothing (`diff` two dumps).
//! - `tables`: regenerates the lexicon and cue tables under `src/` from `data/` ([`tables`]);
//!   `tests/tables_fresh.rs` fails when a committed table is stale.

pub mod tables;

/// realboss's tokenizer and word folding, compiled from its own source: the generator must key
/// every word exactly as the runtime folds it, and this way those internals need not be public.
#[path = "../../src/text/mod.rs"]
#[allow(dead_code, unused_imports)]
mod text;
