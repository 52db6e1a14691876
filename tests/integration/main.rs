//! realboss's integration tests, one binary (each test binary links the crate again, so one
//! binary instead of thirty builds and links far less). Grouped by what a test shows:
//!
//! - `stories`: the user's stories, on hand-built data and on the shipped samples in
//!   `examples/data/`;
//! - `properties`: proptest invariants and agreements between two ways of computing a result
//!   (their `.proptest-regressions` files sit beside them);
//! - `bad_input`: every class of bad input gets a typed error or a sane result;
//! - `contracts`: the documented defaults, rules and JSON forms of each public type.
//!
//! The binaries that must stand alone stay in `tests/`: the counting-allocator ones (a global
//! allocator is per binary) and `hardening_concurrency` (CI runs it by name in release mode).
//! Run one file's tests with a filter, e.g. `cargo test --test integration sample_inbox::`.

#[path = "../common/mod.rs"]
mod common;

mod stories {
    mod hints_sample;
    mod hints_stories;
    mod history_stories;
    mod insights_stories;
    mod sample_events;
    mod sample_inbox;
    mod situation_stories;
    mod story_closure_calm_self_urgency;
    mod story_ranking;
    mod story_readable_ranking;
    mod story_time_zones;
}

mod properties {
    mod batch_agrees;
    mod hardening_props;
    mod hints_props;
    mod history_props;
    mod insights_props;
    mod model_props;
    mod policy_hours_props;
    mod priority_props;
    mod queue_agrees;
    mod sentiment_props;
    mod urgency_props;
}

mod bad_input {
    // The file keeps its name from when it was its own test binary.
    #[allow(clippy::module_inception)]
    mod bad_input;
    mod hardening_bad_input;
    mod sentiment_bad_input;
}

mod contracts {
    mod model_json;
    mod policy_duration;
    mod policy_hours;
    mod policy_sla;
    mod policy_time_zones;
    mod priority_policy;
    mod profile_facts;
    mod profile_time_zones;
    mod sentiment_rules;
    mod urgency_rules;
}
