//! The customer-first domain model: customers, their requests, the contacts in between, and
//! their feedback.
//!
//! Every type here is validated when built and when read, so a value that exists is valid:
//! constructors and builders return [`Error`], and so does each top-level type's
//! `from_json`, which keeps the exact [`ErrorKind`](crate::ErrorKind) (an unknown tier is
//! `UnknownVariant`, a negative amount `InvalidMoney`, …). The serde `Deserialize` impls apply
//! the same checks for use inside your own types; there the kind becomes part of serde's
//! message.
//!
//! JSON forms are stable and documented on each type: snake_case names, RFC 3339 timestamps
//! (`2026-11-23T21:32:00Z`), dates `YYYY-MM-DD`, UTC offsets `+01:00`, times of day `09:00`.
//! Unknown fields are rejected, so a typo is reported instead of silently dropped.

mod channel;
mod customer;
mod event;
mod feedback;
pub(crate) mod formats;
mod ids;
mod language;
mod money;
pub(crate) mod named;
mod request;
mod zone;

pub use channel::{Channel, PaymentMethod};
pub use customer::{ContactWindow, CustomerProfile, CustomerProfileBuilder, DaySet, OptOut, Tier};
pub use event::{CallOutcome, ContactEvent, Direction, EventKind, PaymentOutcome};
pub use feedback::{Feedback, Rating, Thumb};
pub use ids::{AgentId, CustomerId, MAX_ID_BYTES, MAX_LABEL_BYTES, RequestId};
pub use language::{Language, LanguageTag, MAX_LANGUAGE_TAG_BYTES, Subtag};
pub use money::{Currency, Money};
pub use request::{
    Level, Request, RequestBuilder, Requester, Status, batch_problems, validate_batch,
};
pub use zone::{TZDB_VERSION, TimeZone};

use crate::Error;

/// Parses JSON in two phases: serde reads the plain wire shape (syntax, missing fields and
/// wrong JSON types become [`ErrorKind::Json`](crate::ErrorKind::Json)), then the validating
/// conversion reports bad values with their exact kind.
pub(crate) fn from_json_via<W, T>(json: &str) -> Result<T, Error>
where
    W: serde::de::DeserializeOwned,
    T: TryFrom<W, Error = Error>,
{
    let wire: W = serde_json::from_str(json).map_err(|e| Error::json(&e))?;
    T::try_from(wire)
}
