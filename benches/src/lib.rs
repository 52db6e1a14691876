//! Shared corpus generators for the realboss benchmarks.
