//! realboss: the customer is the real boss.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod error;
pub mod model;
pub mod text;
pub mod signals;
pub mod jsonl;

pub use error::{Error, ErrorKind};
