//! [`Policy`]: every number that decides who is answered first, and the pieces it is made of.
//!
//! The ranking step reads a policy to decide who must be answered first at a given `now`.
//! [`Policy`] (in `config.rs`) puts together:
//!
//! - [`Weights`], [`CustomerValue`], [`SelfUrgent`] and [`HistoryConfig`]: plain structs with
//!   public fields and documented defaults, checked when the policy is built;
//! - [`HumanDuration`]: a non-negative whole-second duration written the way people write it in a
//!   policy file (`"15m"`, `"1h30m"`, `"1d 4h"`).
//! - [`BusinessHours`]: a weekly schedule in a fixed UTC offset or an IANA time zone (whose
//!   daylight-saving changes it follows), with holidays, that answers "is the team at work
//!   now?", "how much working time passed between these instants?", "when does that change
//!   next?" and "when will this much working time have passed?".
//! - [`SlaTargets`]: first-reply and next-reply targets for each [`Level`](crate::Level)
//!   (`sla.target(level)`).
//!
//! A policy is built and validated once, by [`Policy::builder`] … `build()` or
//! [`Policy::from_json`] (both run the same checks); [`HumanDuration`], [`BusinessHours`] and
//! [`SlaTargets`] are validated when they are built or deserialized. That is the only place
//! that can fail, with an [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) that names
//! the field path, the bad value and what is accepted; after that every method is infallible,
//! takes `&self` and is `Send + Sync`.
//!
//! ```
//! use realboss::Level;
//! use realboss::policy::{BusinessHours, HumanDuration, SlaTargets};
//! use time::macros::datetime;
//!
//! let hours: BusinessHours = serde_json::from_str(
//!     r#"{"utc_offset": "+01:00",
//!         "weekly": {"mon": ["09:00-17:00"], "tue": ["09:00-12:00", "13:00-17:00"]},
//!         "holidays": ["2026-12-25"]}"#,
//! )?;
//! let sla = SlaTargets::default();
//!
//! // A high-level request arriving on Monday 16:30 local time: one working hour is due by
//! // Tuesday 09:30, because the office closes at 17:00 and opens again at 09:00.
//! let arrived = datetime!(2026-03-02 16:30 +01:00);
//! let due = hours.add_open_seconds(arrived, sla.target(Level::High).first_reply.as_secs());
//! assert_eq!(due, datetime!(2026-03-03 09:30 +01:00));
//! assert_eq!(sla.target(Level::High).first_reply, "1h".parse::<HumanDuration>()?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Limits: instants are those of the `time` crate (years -9999 to 9999 with its default
//! features); a fixed UTC offset does not follow daylight-saving changes; all working-time
//! arithmetic is in whole seconds.

mod config;
mod duration;
mod history;
mod hours;
mod sla;
mod weights;

pub use config::{
    DEFAULT_INTERNAL_FACTOR, DEFAULT_MAX_WAIT, DEFAULT_OFF_HOURS_WAIT, MAX_MAX_WAIT, Policy,
    PolicyBuilder,
};
pub use duration::HumanDuration;
pub use history::{DEFAULT_BURST_WINDOW, HistoryConfig, MAX_BURST_WINDOW};
pub use hours::{BusinessHours, OpenInterval};
pub use sla::{
    DEFAULT_HIGH_FIRST_REPLY, DEFAULT_HIGH_NEXT_REPLY, DEFAULT_LOW_FIRST_REPLY,
    DEFAULT_LOW_NEXT_REPLY, DEFAULT_NORMAL_FIRST_REPLY, DEFAULT_NORMAL_NEXT_REPLY,
    DEFAULT_URGENT_FIRST_REPLY, DEFAULT_URGENT_NEXT_REPLY, ReplyTargets, SlaTargets,
};
pub(crate) use weights::SELF_URGENT_CORROBORATED_FROM;
pub use weights::{CustomerValue, MAX_WEIGHT, MIN_SELF_URGENT_REQUESTS, SelfUrgent, Weights};

use crate::Error;

/// Longest excerpt of a rejected text kept in an error message, in characters, so that a
/// megabyte of garbage in a policy file does not become a megabyte of error message.
const MAX_QUOTED_CHARS: usize = 64;

/// The error for a bad value of `field`, the value written as the message shows it.
pub(crate) fn invalid(
    field: impl Into<String>,
    value: impl Into<String>,
    expected: impl Into<String>,
) -> Error {
    Error::invalid_shown(field, value, expected)
}

/// Quotes rejected text for an error message, escaping control characters and shortening it
/// (saying so) when it is longer than [`MAX_QUOTED_CHARS`].
fn quote(text: &str) -> String {
    match text.char_indices().nth(MAX_QUOTED_CHARS) {
        None => format!("{text:?}"),
        Some((cut, _)) => format!("{:?}… ({} bytes in all)", &text[..cut], text.len()),
    }
}
pub(crate) use weights::{
    MAX_COUNTED_BROKEN_PROMISES, MAX_COUNTED_MISSED_CALLS, MAX_COUNTED_REPEATS,
};
