//! The generated lexicon and cue tables under `src/` match the plain-text sources in `data/`:
//! regenerated in memory, each must equal the committed file byte for byte. After editing
//! `data/`, regenerate with `cargo run -p realboss-tools --bin tables`.

use realboss_tools::tables::{generate_all, repository_root};

#[test]
fn generated_tables_match_the_data() {
    let root = repository_root();
    for (path, fresh) in generate_all() {
        let committed = std::fs::read_to_string(root.join(path)).unwrap_or_default();
        assert!(
            committed == fresh,
            "{path} is stale: run `cargo run -p realboss-tools --bin tables`"
        );
    }
}
