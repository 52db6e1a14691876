//! Identifiers of customers, requests and agents, and the short labels used for custom names.

use std::fmt;
use std::str::FromStr;

use crate::error::shown;
use crate::{Error, ErrorKind};

/// Longest accepted id, in bytes. Helpdesk and CRM ids are far shorter; the cap keeps a broken
/// export (a whole message pasted into an id column) from passing as an id.
pub const MAX_ID_BYTES: usize = 128;

/// Longest accepted label (a tag, or the name of an `other` channel or payment method), in bytes.
pub const MAX_LABEL_BYTES: usize = 64;

/// Checks the shared id rules and says what is wrong.
fn id_problem(text: &str) -> Option<&'static str> {
    if text.is_empty() {
        Some("it is empty")
    } else if text.len() > MAX_ID_BYTES {
        Some("it is longer than 128 bytes")
    } else if text.chars().any(char::is_control) {
        Some("it contains a control character")
    } else {
        None
    }
}

/// Checks a label: 1..=[`MAX_LABEL_BYTES`] bytes, no control characters, not only spaces.
pub(crate) fn check_label(field: &'static str, text: &str) -> Result<(), Error> {
    if text.trim().is_empty() || text.len() > MAX_LABEL_BYTES || text.chars().any(char::is_control)
    {
        return Err(Error::invalid_value(
            field,
            text,
            "1 to 64 bytes of text without control characters",
        ));
    }
    Ok(())
}

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident, $what:literal) => {
        $(#[$meta])*
        ///
        /// An id is 1 to [`MAX_ID_BYTES`] bytes of UTF-8 without control characters; anything
        /// else is an [`ErrorKind::InvalidId`]. Ids are compared exactly (case-sensitive, no
        /// trimming). JSON form: a string.
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(String);

        impl $name {
            /// Validates and wraps an id.
            pub fn new(id: impl Into<String>) -> Result<Self, Error> {
                let id = id.into();
                match id_problem(&id) {
                    None => Ok($name(id)),
                    Some(reason) => Err(ErrorKind::InvalidId {
                        field: $what,
                        value: shown(&id),
                        reason,
                    }
                    .into()),
                }
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The id as an owned string.
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self, Error> {
                $name::new(s)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = Error;
            fn try_from(s: &str) -> Result<Self, Error> {
                $name::new(s)
            }
        }

        impl TryFrom<String> for $name {
            type Error = Error;
            fn try_from(s: String) -> Result<Self, Error> {
                $name::new(s)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                $name::new(text).map_err(serde::de::Error::custom)
            }
        }
    };
}

id_type!(
    /// The host's id of a customer, e.g. `cus-17`. One customer has one profile per batch.
    CustomerId,
    "customer id"
);
id_type!(
    /// The host's id of a request (a ticket or conversation), e.g. `req-1001`; unique per batch.
    RequestId,
    "request id"
);
id_type!(
    /// The host's id of an agent (a person answering customers), e.g. `agent-3`.
    AgentId,
    "agent id"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_accept_ordinary_text_and_reject_the_rest() {
        assert_eq!(CustomerId::new("cus-17").unwrap().as_str(), "cus-17");
        assert_eq!(
            RequestId::new("Ticket #5 ✓").unwrap().to_string(),
            "Ticket #5 ✓"
        );
        assert!(AgentId::new("a".repeat(MAX_ID_BYTES)).is_ok());
        for bad in [
            String::new(),
            "a".repeat(MAX_ID_BYTES + 1),
            "cus\n17".into(),
        ] {
            let err = CustomerId::new(bad.clone()).unwrap_err();
            assert!(matches!(err.kind(), ErrorKind::InvalidId { .. }), "{bad:?}");
        }
    }

    #[test]
    fn id_errors_name_the_field_and_value() {
        let err = RequestId::new("req\u{7}").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("request id"), "{msg}");
        assert!(msg.contains("\"req\\u{7}\""), "{msg}");
    }
}
