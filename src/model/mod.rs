//! The customer-first domain model.
