//! realboss: the customer is the real boss.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod error;
pub mod jsonl;
pub mod model;
pub mod signals;
pub mod text;

pub use error::{Error, ErrorKind};
pub use signals::{Analyzer, AnalyzerConfig, Label, Sentiment};
pub use text::Language;
