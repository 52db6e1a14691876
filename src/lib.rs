//! realboss: the customer is the real boss.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod error;
pub mod jsonl;
pub mod model;
pub mod policy;
pub mod signals;
pub mod text;

pub use error::{Error, ErrorKind};
pub use jsonl::{LineError, read_requests};
pub use model::{
    AgentId, Channel, ContactEvent, CustomerId, CustomerProfile, EventKind, Feedback, Level,
    Request, RequestId, Status, Tier, validate_batch,
};
