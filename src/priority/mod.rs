//! A request's priority: the signals that decide who must be answered first at a given `now`.
//!
//! - [`history`]: urgency from a request's contact history (repeat contacts, how long the
//!   customer has waited, broken promises, failed payments, unanswered leads, channel
//!   escalation, missed calls), each signal with its evidence.

mod gratitude;
pub mod history;
