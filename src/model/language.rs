//! Languages: [`LanguageTag`], the validated BCP 47 tag a customer profile or a config names,
//! and [`Language`], the language the analyzer reads, taken from a tag's primary subtag. One
//! parser ([`LanguageTag::new`]) reads both.

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
/// The one parser of language names in realboss: profiles, configs and [`Language`] all read
/// through [`LanguageTag::new`].
///
/// Checks the *shape*, not membership in the IANA registry: `xx-QQ` is accepted. The rules:
/// subtags separated by `-` or `_`; the first (primary language) is 2, 3 or 5 to 8 ASCII
/// letters (RFC 5646 reserves 4 letters and gives 1 letter to private use); every further
/// subtag is 1 to 8 ASCII letters or digits; at most [`MAX_LANGUAGE_TAG_BYTES`] bytes.
/// Private-use (`x-…`) and grandfathered (`i-…`) tags are not accepted.
///
/// `_` is accepted as a separator and written as `-`, so a POSIX locale name such as `en_US`
/// reads as the tag `en-US`.
///
/// Case: tags are case-insensitive, so the tag is stored in the RFC's conventional case:
/// language lowercase, a 4-letter script title case, a 2-letter or 3-digit region uppercase,
/// everything from the first single-character (extension) subtag on lowercase. So `ES-mx` reads
/// as `es-MX`, and two spellings of one tag compare equal.
///
/// JSON form: a string. `Default` is `en`.
///
/// ```
/// use realboss::model::{Language, LanguageTag};
/// let tag: LanguageTag = "zh-hant-tw".parse()?;
/// assert_eq!(tag.as_str(), "zh-Hant-TW");
/// assert_eq!(tag.primary_language(), "zh");
/// assert_eq!(LanguageTag::new("en_US")?.as_str(), "en-US");
/// assert_eq!(LanguageTag::new("en_US")?.language(), Language::English);
/// assert!("en-".parse::<LanguageTag>().is_err());
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
        for (i, sub) in tag.split(['-', '_']).enumerate() {
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
                    "subtags may hold only ASCII letters and digits, split by '-' or '_'",
                ));
            }
            if i == 0 {
                if !matches!(sub.len(), 2 | 3 | 5..=8)
                    || !sub.bytes().all(|b| b.is_ascii_alphabetic())
                {
                    return Err(bad(
                        "the primary language subtag must be 2, 3 or 5 to 8 letters",
                    ));
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

    /// The language the analyzer reads for this tag, from its primary subtag: `es-MX` is
    /// Spanish, `en-GB` English. Allocates nothing.
    pub fn language(&self) -> Language {
        let primary = self.primary_language();
        let mut bytes = [0u8; 8];
        for (slot, b) in bytes.iter_mut().zip(primary.bytes()) {
            *slot = b;
        }
        // `new` checked the primary subtag: 2, 3 or 5 to 8 lowercase ASCII letters.
        let subtag = Subtag {
            bytes,
            len: primary.len().min(8) as u8,
        };
        match subtag.as_str() {
            "en" => Language::English,
            _ => Language::Other(subtag),
        }
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

/// The language of a message, named by its BCP 47 primary language subtag (`en`, `de`, `pt`).
///
/// Only [`Language::English`] has a sentiment lexicon today; any other language is accepted and
/// carried as [`Language::Other`], and analyzers report it as unsupported instead of guessing.
/// Lexicons for more languages can be added later without changing this type's API.
///
/// A `Language` is read from a [`LanguageTag`] ([`LanguageTag::language`]); parsing one from
/// text ([`Language::from_bcp47`], `FromStr`, serde) goes through the same parser,
/// [`LanguageTag::new`], so `en_US` is accepted and `en-` is not, here as in a profile.
///
/// ```
/// use realboss::model::Language;
///
/// let lang: Language = "en-GB".parse()?;
/// assert_eq!(lang, Language::English);
/// let lang = Language::from_bcp47("pt-BR")?;
/// assert_eq!(lang.primary_subtag(), "pt");
/// assert!(!lang.has_sentiment_lexicon());
/// assert_eq!(Language::from_bcp47("en_US")?, Language::English);
/// assert!(Language::from_bcp47("").is_err());
/// # Ok::<(), realboss::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Language {
    /// English (`en`), the default. Has a sentiment lexicon.
    #[default]
    English,
    /// Any other language, by its primary subtag. No sentiment lexicon yet.
    Other(Subtag),
}

/// A BCP 47 primary language subtag: 2, 3 or 5 to 8 ASCII letters, stored in lower case.
///
/// Built only from a validated [`LanguageTag`], so it is always valid.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Subtag {
    bytes: [u8; 8],
    len: u8,
}

impl Subtag {
    /// The subtag in lower case, e.g. `"de"`.
    pub fn as_str(&self) -> &str {
        // Only ASCII letters are ever stored, so this cannot fail; fall back to "" anyway
        // rather than panic.
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or("")
    }
}

impl fmt::Debug for Subtag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Subtag({:?})", self.as_str())
    }
}

impl Language {
    /// Parses a BCP 47 language tag (`en`, `en-GB`, `zh-Hant-TW`, or `en_US`) with
    /// [`LanguageTag::new`] and keeps its primary language subtag
    /// ([`LanguageTag::language`]); region, script and other subtags are checked, then
    /// ignored. Case does not matter.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidLanguageTag`] when the tag does not have the shape
    /// [`LanguageTag`] describes.
    pub fn from_bcp47(tag: &str) -> Result<Language, Error> {
        LanguageTag::new(tag).map(|t| t.language())
    }

    /// The primary language subtag in lower case (`"en"` for English).
    pub fn primary_subtag(&self) -> &str {
        match self {
            Language::English => "en",
            Language::Other(subtag) => subtag.as_str(),
        }
    }

    /// Whether realboss has a sentiment lexicon for this language (only English today).
    pub fn has_sentiment_lexicon(&self) -> bool {
        matches!(self, Language::English)
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.primary_subtag())
    }
}

impl FromStr for Language {
    type Err = Error;

    fn from_str(tag: &str) -> Result<Language, Error> {
        Language::from_bcp47(tag)
    }
}

impl Serialize for Language {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.primary_subtag())
    }
}

impl<'de> Deserialize<'de> for Language {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Language, D::Error> {
        let tag = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Language::from_bcp47(&tag).map_err(serde::de::Error::custom)
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
            ("en_US", "en-US"),
            ("zh_hant_TW", "zh-Hant-TW"),
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
            "abcd-US",
            "en_",
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

#[cfg(test)]
mod language_tests {
    use super::*;

    #[test]
    fn a_language_is_the_primary_subtag_of_a_tag() {
        for (tag, primary) in [
            ("en", "en"),
            ("EN-gb", "en"),
            ("en_US", "en"),
            ("pt-BR", "pt"),
            ("yue-HK", "yue"),
            ("ZH-hant-TW", "zh"),
            ("abcdefgh", "abcdefgh"),
        ] {
            let from_tag = LanguageTag::new(tag).unwrap().language();
            assert_eq!(from_tag, Language::from_bcp47(tag).unwrap(), "{tag}");
            assert_eq!(from_tag.primary_subtag(), primary, "{tag}");
            assert_eq!(from_tag == Language::English, primary == "en", "{tag}");
        }
    }

    #[test]
    fn a_language_is_refused_with_the_tag_error() {
        for bad in ["", "e", "abcd", "x-klingon", "en-", "en-toolongtag", "1en"] {
            let err = Language::from_bcp47(bad).unwrap_err();
            assert!(
                matches!(err.kind(), ErrorKind::InvalidLanguageTag { .. }),
                "{bad}"
            );
        }
    }
}
