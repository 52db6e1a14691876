//! What the integration tests share: fixtures (`fixtures`) and proptest strategies
//! (`strategies`). A module of the `integration` binary; a standalone test binary that needs a
//! piece includes that file with `#[path = "common/….rs"] mod …;` (as the counting-allocator
//! binaries do with `counting_alloc.rs`, which is not part of this module: it installs a global
//! allocator).

pub mod fixtures;
pub mod strategies;
