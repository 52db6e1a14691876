//! Regenerates the generated tables under `src/` from `data/` and says which files changed:
//!
//! ```text
//! cargo run -p realboss-tools --bin tables
//! ```
//!
//! `REALBOSS_TABLES_WITHOUT=cs,forms` leaves out the customer-service table and/or the word forms
//! (a measurement hook, see `realboss_tools::tables`); never commit tables made that way.

use std::process::ExitCode;

use realboss_tools::tables::{generate_all, repository_root};

fn main() -> ExitCode {
    let root = repository_root();
    for (path, fresh) in generate_all() {
        let full = root.join(path);
        if std::fs::read_to_string(&full).is_ok_and(|committed| committed == fresh) {
            println!("unchanged {path}");
            continue;
        }
        if let Err(e) = std::fs::write(&full, &fresh) {
            eprintln!("cannot write {}: {e}", full.display());
            return ExitCode::FAILURE;
        }
        println!("wrote     {path}");
    }
    ExitCode::SUCCESS
}
