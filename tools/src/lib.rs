//! Workspace tools for realboss. Not published; run them with `cargo run -p realboss-tools --bin NAME`.
//!
//! - `dump`: writes every score, ranking, hint and insight realboss gives on the evaluation sets
//!   (when `../shared/eval` is beside the clone), the benches' corpus and `examples/data/`, so
//!   that a refactor can be shown to change nothing (`diff` two dumps).
