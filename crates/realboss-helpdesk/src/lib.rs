//! Importers for realboss: a support team's helpdesk export in, realboss requests out.
//!
//! Each vendor has a reader module with its mapping table: [`zendesk`], [`freshdesk`], [`zammad`], [`helpscout`], [`intercom`]. One call reads a file:
//!
//! ```
//! use realboss_helpdesk::{import, Mapping, System};
//! let export = r#"{"tickets": [{"id": 1, "status": "open", "via": {"channel": "email"},
//!   "requester_id": 7, "created_at": "2026-12-01T09:00:00+01:00",
//!   "comments": [{"author_id": 7, "public": true, "body": "My order never arrived.",
//!                 "created_at": "2026-12-01T09:00:00+01:00"}]}],
//!   "users": [{"id": 7, "name": "Ada", "role": "end-user"}]}"#;
//! let system: System = "zendesk".parse()?;
//! let import = import(system, export.as_bytes(), &Mapping::default())?;
//! assert_eq!(import.requests.len(), 1);
//! assert_eq!(import.requests[0].text(), Some("My order never arrived."));
//! assert!(import.requests[0].customer().tier().is_none()); // never invented
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! What does not map cleanly is reported in [`Import::problems`], with its position and reason;
//! nothing is dropped silently. A file of another vendor gives [`Error::WrongSystem`].
//! Timestamps keep their offsets. Quoted earlier messages are stripped ([`text`]).
#![forbid(unsafe_code)]
#![deny(missing_docs)]

use std::fmt;
use std::io::{Read, Write};
use std::str::FromStr;

pub mod error;
pub mod freshdesk;
pub mod helpscout;
pub mod intercom;
pub mod mapping;
mod neutral;
pub mod problem;
mod read;
pub mod text;
pub mod zammad;
pub mod zendesk;

pub use error::Error;
pub use mapping::Mapping;
pub use problem::{Position, Problem, ProblemKind};

/// The helpdesk a file comes from. Names: `zendesk`, `freshdesk`, `zammad`, `helpscout`,
/// `intercom`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum System {
    /// Zendesk Support.
    Zendesk,
    /// Freshdesk.
    Freshdesk,
    /// Zammad.
    Zammad,
    /// Help Scout.
    HelpScout,
    /// Intercom.
    Intercom,
}

impl System {
    /// Every system, in the order of the names.
    pub const ALL: [System; 5] = [
        System::Zendesk,
        System::Freshdesk,
        System::Zammad,
        System::HelpScout,
        System::Intercom,
    ];

    /// The name `FromStr` accepts, e.g. `helpscout`.
    pub fn as_str(self) -> &'static str {
        match self {
            System::Zendesk => "zendesk",
            System::Freshdesk => "freshdesk",
            System::Zammad => "zammad",
            System::HelpScout => "helpscout",
            System::Intercom => "intercom",
        }
    }

    /// The vendor's own spelling, e.g. `Help Scout`.
    pub fn title(self) -> &'static str {
        match self {
            System::Zendesk => "Zendesk",
            System::Freshdesk => "Freshdesk",
            System::Zammad => "Zammad",
            System::HelpScout => "Help Scout",
            System::Intercom => "Intercom",
        }
    }
}

impl fmt::Display for System {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An unknown system name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown helpdesk {0:?}: accepted are zendesk, freshdesk, zammad, helpscout, intercom")]
pub struct UnknownSystem(pub String);

impl FromStr for System {
    type Err = UnknownSystem;

    /// Parses a name, ASCII case-insensitively.
    ///
    /// ```
    /// use realboss_helpdesk::System;
    /// assert_eq!("HelpScout".parse::<System>().unwrap(), System::HelpScout);
    /// assert!("jira".parse::<System>().unwrap_err().to_string().contains("zendesk"));
    /// ```
    fn from_str(name: &str) -> Result<System, UnknownSystem> {
        System::ALL
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| UnknownSystem(name.to_owned()))
    }
}

/// The requests read from an export, in the export's order, and what did not map cleanly.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Import {
    /// The mapped requests.
    pub requests: Vec<realboss::model::Request>,
    /// Records (or parts of them) that did not map cleanly.
    pub problems: Vec<Problem>,
}

impl Import {
    /// Writes the requests as realboss JSON Lines, one request per line.
    ///
    /// ```
    /// # use realboss_helpdesk::{import, Mapping, System};
    /// # let export = r#"{"tickets": [{"id": 1, "status": "new", "via": {"channel": "web"},
    /// #   "requester_id": 7, "comments": [{"author_id": 7, "public": true, "body": "Hello?",
    /// #   "created_at": "2026-12-01T09:00:00Z"}]}], "users": [{"id": 7, "role": "end-user"}]}"#;
    /// let import = import(System::Zendesk, export.as_bytes(), &Mapping::default())?;
    /// let mut out = Vec::new();
    /// import.write_jsonl(&mut out)?;
    /// let line = String::from_utf8(out)?;
    /// assert_eq!(realboss::model::Request::from_json(line.trim_end())?, import.requests[0]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write_jsonl(&self, mut out: impl Write) -> std::io::Result<()> {
        for request in &self.requests {
            serde_json::to_writer(&mut out, request)?;
            out.write_all(b"\n")?;
        }
        out.flush()
    }
}

/// Reads `system`'s export from `input` and maps it with `mapping`.
///
/// Fails as a whole only when the input cannot be read, is not JSON, is another system's file
/// ([`Error::WrongSystem`]) or holds no records; single records that do not map cleanly are
/// reported in [`Import::problems`].
pub fn import(system: System, input: impl Read, mapping: &Mapping) -> Result<Import, Error> {
    match system {
        System::Zendesk => zendesk::read(input, mapping),
        System::Freshdesk => freshdesk::read(input, mapping),
        System::Intercom => intercom::read(input, mapping),
        System::HelpScout => helpscout::read(input, mapping),
        System::Zammad => zammad::read(input, mapping),
    }
}
