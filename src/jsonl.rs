//! JSON Lines helpers for hosts.
