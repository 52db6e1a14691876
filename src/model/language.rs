//! Language tags (BCP 47 shape) for a customer's preferred language.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::shown;
use crate::{Error, ErrorKind};

/// Longest accepted language tag, in bytes. RFC 5646 sets no limit but advises buffers of at
/// least 35 characters for the tags people use; 64 leaves room for extensions.
pub const MAX_LANGUAGE_TAG_BYTES: usize = 64;

/// A language tag of the BCP 47 (RFC 5646) shape, such as `en`, `es-MX` or `zh-Hant-TW`.
///
/// Checks the *shape*, not membership in the IANA registry: `xx-QQ` is accepted. The rules:
/// subtags separated by `-`; the first (primary language) is 2 to 8 ASCII letters; every
/// further subtag is 1 to 8 ASCII letters or digits; at most [`MAX_LANGUAGE_TAG_BYTES`] bytes.
/// Private-use (`x-…`) and grandfathered (`i-…`) tags are not accepted, and `_` is not a
/// separator (`en_US` is rejected, not rewritten).
///
/// Case: tags are case-insensitive, so the tag is stored in the RFC's conventional case:
/// language lowercase, a 4-letter script title case, a 2-letter or 3-digit region uppercase,
/// everything from the first single-character (extension) subtag on lowercase. So `ES-mx` reads
/// as `es-MX`, and two spellings of one tag compare equal.
///
/// JSON form: a string. `Default` is `en`.
///
/// ```
/// use realboss::model::LanguageTag;
/// let tag: LanguageTag = "zh-hant-tw".parse()?;
/// assert_eq!(tag.as_str(), "zh-Hant-TW");
/// assert_eq!(tag.primary_language(), "zh");
/// assert!("en_US".parse::<LanguageTag>().is_err());
/// # Ok::<(), realboss::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LanguageTag(String);

impl LanguageTag {
    /// Validates a tag and brings it into conventional case.
    pub fn new(tag: &str) -> Result<Self, Error> {
        let bad = |reason| {
            Error::from(ErrorKind::InvalidLanguageTag {
                value: shown(tag),
                reason,
            })
        };
        if tag.is_empty() {
            return Err(bad("it is empty"));
        }
        if tag.len() > MAX_LANGUAGE_TAG_BYTES {
            return Err(bad("it is longer than 64 bytes"));
        }
        let mut out = String::with_capacity(tag.len());
        let mut in_extension = false;
        for (i, sub) in tag.split('-').enumerate() {
            if sub.is_empty() {
                return Err(bad(
                    "it has an empty subtag (two dashes, or a dash at an end)",
                ));
            }
            if sub.len() > 8 {
                return Err(bad("a subtag is longer than 8 characters"));
            }
            if !sub.bytes().all(|b| b.is_ascii_alphanumeric()) {
                return Err(bad(
                    "subtags may hold only ASCII letters and digits, split by '-'",
                ));
            }
            if i == 0 {
                if sub.len() < 2 || !sub.bytes().all(|b| b.is_ascii_alphabetic()) {
                    return Err(bad("the primary language subtag must be 2 to 8 letters"));
                }
                out.push_str(&sub.to_ascii_lowercase());
                continue;
            }
            out.push('-');
            in_extension |= sub.len() == 1;
            let alpha = sub.bytes().all(|b| b.is_ascii_alphabetic());
            if !in_extension && alpha && sub.len() == 4 {
                // Script, e.g. Hant.
                out.push(sub.as_bytes()[0].to_ascii_uppercase() as char);
                out.push_str(&sub[1..].to_ascii_lowercase());
            } else if !in_extension && sub.len() == 2 && alpha {
                // Region, e.g. MX.
                out.push_str(&sub.to_ascii_uppercase());
            } else {
                out.push_str(&sub.to_ascii_lowercase());
            }
        }
        Ok(LanguageTag(out))
    }

    /// English (`en`), the default language of a profile that names none.
    pub fn english() -> Self {
        LanguageTag("en".to_owned())
    }

    /// The tag in conventional case, e.g. `es-MX`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The primary language subtag, lowercase: `es` for `es-MX`.
    pub fn primary_language(&self) -> &str {
        self.0.split('-').next().unwrap_or(&self.0)
    }
}

impl Default for LanguageTag {
    fn default() -> Self {
        LanguageTag::english()
    }
}

impl fmt::Display for LanguageTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for LanguageTag {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        LanguageTag::new(s)
    }
}

impl TryFrom<&str> for LanguageTag {
    type Error = Error;
    fn try_from(s: &str) -> Result<Self, Error> {
        LanguageTag::new(s)
    }
}

impl Serialize for LanguageTag {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for LanguageTag {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        LanguageTag::new(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conventional_case_is_applied() {
        let cases = [
            ("en", "en"),
            ("ES-mx", "es-MX"),
            ("zh-hant-tw", "zh-Hant-TW"),
            ("es-419", "es-419"),
            ("de-CH-1996", "de-CH-1996"),
            ("en-US-u-CA-Gregory", "en-US-u-ca-gregory"),
            ("en-a-BB-x-CCCC", "en-a-bb-x-cccc"),
        ];
        for (input, expected) in cases {
            assert_eq!(
                LanguageTag::new(input).unwrap().as_str(),
                expected,
                "{input}"
            );
        }
    }

    #[test]
    fn bad_shapes_are_rejected() {
        for bad in [
            "",
            "e",
            "en_US",
            "en-",
            "-en",
            "en--US",
            "1en",
            "x-private",
            "en-toolongtag",
            "日本",
        ] {
            let err = LanguageTag::new(bad).unwrap_err();
            assert!(
                matches!(err.kind(), ErrorKind::InvalidLanguageTag { .. }),
                "{bad}"
            );
        }
        assert!(LanguageTag::new(&"en-US".repeat(20)).is_err());
    }

    #[test]
    fn primary_language_is_the_first_subtag() {
        assert_eq!(LanguageTag::new("es-MX").unwrap().primary_language(), "es");
        assert_eq!(LanguageTag::default().primary_language(), "en");
    }
}
