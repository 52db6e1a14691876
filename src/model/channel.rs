//! Channels customers reach us on and the payment methods they use; both allow a custom name.

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::ids::check_label;
use crate::Error;

/// A channel a customer reaches us on (or we reach them on).
///
/// JSON form: a snake_case name (`"phone"`, `"web_form"`), or `{"other": "whatsapp"}` for a
/// channel without a variant of its own. An `other` name is 1 to 64 bytes without control
/// characters ([`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) otherwise). An
/// `other` name equal to a built-in one (`{"other": "phone"}`) reads as that variant, so a
/// channel added to this enum later still matches data written before.
///
/// `Other` cannot be built directly outside this crate; use [`Channel::other`], which
/// validates. Match it as `Channel::Other(name, ..)`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", try_from = "NameOrOther")]
#[non_exhaustive]
pub enum Channel {
    /// A phone call.
    Phone,
    /// An email.
    Email,
    /// Live chat (web or in-app).
    Chat,
    /// The website's contact-us form.
    WebForm,
    /// A text message.
    Sms,
    /// A social network (public post or direct message).
    Social,
    /// Face to face, e.g. at a store counter.
    InPerson,
    /// Any other channel, by name, e.g. `whatsapp`.
    #[non_exhaustive]
    Other(String),
}

impl Channel {
    /// The built-in channels, in declaration order.
    pub const BUILT_IN: &'static [Channel] = &[
        Channel::Phone,
        Channel::Email,
        Channel::Chat,
        Channel::WebForm,
        Channel::Sms,
        Channel::Social,
        Channel::InPerson,
    ];

    const NAMES: &'static str =
        "phone, email, chat, web_form, sms, social, in_person, or {\"other\": \"<name>\"}";

    /// A built-in channel by its exact JSON name, e.g. `"web_form"`.
    pub fn from_name(name: &str) -> Option<Channel> {
        Channel::BUILT_IN
            .iter()
            .find(|c| c.as_str() == name)
            .cloned()
    }

    /// A channel by a custom name, validated; a built-in name gives the built-in variant.
    ///
    /// ```
    /// use realboss::model::Channel;
    /// assert_eq!(Channel::other("whatsapp")?.as_str(), "whatsapp");
    /// assert_eq!(Channel::other("phone")?, Channel::Phone);
    /// assert!(Channel::other("").is_err());
    /// # Ok::<(), realboss::Error>(())
    /// ```
    pub fn other(name: impl Into<String>) -> Result<Channel, Error> {
        let name = name.into();
        if let Some(built_in) = Channel::from_name(&name) {
            return Ok(built_in);
        }
        check_label("channel.other", &name)?;
        Ok(Channel::Other(name))
    }

    /// The channel's name: the JSON name of a built-in channel, or the custom name.
    pub fn as_str(&self) -> &str {
        match self {
            Channel::Phone => "phone",
            Channel::Email => "email",
            Channel::Chat => "chat",
            Channel::WebForm => "web_form",
            Channel::Sms => "sms",
            Channel::Social => "social",
            Channel::InPerson => "in_person",
            Channel::Other(name) => name,
        }
    }

    /// Whether the customer waits on the line for an answer here (phone, chat, in person),
    /// as opposed to channels answered later (email, forms, messages).
    pub fn is_live(&self) -> bool {
        matches!(self, Channel::Phone | Channel::Chat | Channel::InPerson)
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Channel {
    type Err = Error;
    /// Parses a built-in name only; use [`Channel::other`] for custom names.
    fn from_str(s: &str) -> Result<Self, Error> {
        Channel::from_name(s).ok_or_else(|| unknown("channel", s, Channel::NAMES))
    }
}

impl TryFrom<NameOrOther> for Channel {
    type Error = Error;
    fn try_from(w: NameOrOther) -> Result<Self, Error> {
        match w {
            NameOrOther::Name(name) => name.parse(),
            NameOrOther::Other(name) => Channel::other(name),
        }
    }
}

/// A way a customer pays.
///
/// JSON form: a snake_case name (`"card"`, `"bank_transfer"`), or `{"other": "klarna"}`, with
/// the same rules as [`Channel`]'s custom names. Build `Other` with [`PaymentMethod::other`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", try_from = "NameOrOther")]
#[non_exhaustive]
pub enum PaymentMethod {
    /// Credit or debit card.
    Card,
    /// Bank transfer.
    BankTransfer,
    /// PayPal.
    Paypal,
    /// A phone or digital wallet (Apple Pay, Google Pay, …).
    Wallet,
    /// Pay on invoice.
    Invoice,
    /// Cash.
    Cash,
    /// Direct debit from a bank account.
    DirectDebit,
    /// Any other method, by name.
    #[non_exhaustive]
    Other(String),
}

impl PaymentMethod {
    /// The built-in methods, in declaration order.
    pub const BUILT_IN: &'static [PaymentMethod] = &[
        PaymentMethod::Card,
        PaymentMethod::BankTransfer,
        PaymentMethod::Paypal,
        PaymentMethod::Wallet,
        PaymentMethod::Invoice,
        PaymentMethod::Cash,
        PaymentMethod::DirectDebit,
    ];

    const NAMES: &'static str = "card, bank_transfer, paypal, wallet, invoice, cash, \
                                 direct_debit, or {\"other\": \"<name>\"}";

    /// A built-in method by its exact JSON name.
    pub fn from_name(name: &str) -> Option<PaymentMethod> {
        PaymentMethod::BUILT_IN
            .iter()
            .find(|m| m.as_str() == name)
            .cloned()
    }

    /// A method by a custom name, validated; a built-in name gives the built-in variant.
    pub fn other(name: impl Into<String>) -> Result<PaymentMethod, Error> {
        let name = name.into();
        if let Some(built_in) = PaymentMethod::from_name(&name) {
            return Ok(built_in);
        }
        check_label("payment_method.other", &name)?;
        Ok(PaymentMethod::Other(name))
    }

    /// The method's name: the JSON name of a built-in method, or the custom name.
    pub fn as_str(&self) -> &str {
        match self {
            PaymentMethod::Card => "card",
            PaymentMethod::BankTransfer => "bank_transfer",
            PaymentMethod::Paypal => "paypal",
            PaymentMethod::Wallet => "wallet",
            PaymentMethod::Invoice => "invoice",
            PaymentMethod::Cash => "cash",
            PaymentMethod::DirectDebit => "direct_debit",
            PaymentMethod::Other(name) => name,
        }
    }
}

impl fmt::Display for PaymentMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for PaymentMethod {
    type Err = Error;
    /// Parses a built-in name only; use [`PaymentMethod::other`] for custom names.
    fn from_str(s: &str) -> Result<Self, Error> {
        PaymentMethod::from_name(s)
            .ok_or_else(|| unknown("payment method", s, PaymentMethod::NAMES))
    }
}

impl TryFrom<NameOrOther> for PaymentMethod {
    type Error = Error;
    fn try_from(w: NameOrOther) -> Result<Self, Error> {
        match w {
            NameOrOther::Name(name) => name.parse(),
            NameOrOther::Other(name) => PaymentMethod::other(name),
        }
    }
}

fn unknown(field: &'static str, value: &str, expected: &'static str) -> Error {
    crate::ErrorKind::UnknownVariant {
        field,
        value: crate::error::shown(value),
        expected,
    }
    .into()
}

/// The JSON shape of a name-or-other value before validation: `"phone"` or `{"other": "x"}`.
pub(crate) enum NameOrOther {
    Name(String),
    Other(String),
}

impl NameOrOther {
    /// The name as written, built-in or custom.
    pub(crate) fn as_str(&self) -> &str {
        match self {
            NameOrOther::Name(name) | NameOrOther::Other(name) => name,
        }
    }
}

impl<'de> Deserialize<'de> for NameOrOther {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = NameOrOther;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(r#"a name such as "email", or {"other": "<name>"}"#)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<NameOrOther, E> {
                Ok(NameOrOther::Name(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<NameOrOther, E> {
                Ok(NameOrOther::Name(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<NameOrOther, A::Error> {
                let mut name = None;
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    if key != "other" {
                        return Err(de::Error::unknown_field(&key, &["other"]));
                    }
                    if name.is_some() {
                        return Err(de::Error::duplicate_field("other"));
                    }
                    name = Some(map.next_value::<String>()?);
                }
                name.map(NameOrOther::Other)
                    .ok_or_else(|| de::Error::missing_field("other"))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    #[test]
    fn built_in_and_custom_channels_have_stable_json() {
        let cases = [
            (Channel::WebForm, r#""web_form""#),
            (Channel::InPerson, r#""in_person""#),
            (
                Channel::other("whatsapp").unwrap(),
                r#"{"other":"whatsapp"}"#,
            ),
        ];
        for (channel, json) in cases {
            assert_eq!(serde_json::to_string(&channel).unwrap(), json);
            assert_eq!(serde_json::from_str::<Channel>(json).unwrap(), channel);
        }
        assert_eq!(
            serde_json::from_str::<Channel>(r#"{"other":"sms"}"#).unwrap(),
            Channel::Sms
        );
    }

    #[test]
    fn unknown_names_list_the_accepted_ones() {
        let err = "fax".parse::<Channel>().unwrap_err();
        assert!(matches!(
            err.kind(),
            ErrorKind::UnknownVariant {
                field: "channel",
                ..
            }
        ));
        assert!(err.to_string().contains("\"fax\"") && err.to_string().contains("web_form"));
        let err = "cheque".parse::<PaymentMethod>().unwrap_err();
        assert!(err.to_string().contains("direct_debit"), "{err}");
    }

    #[test]
    fn custom_names_are_validated() {
        assert!(Channel::other(" ").is_err());
        assert!(PaymentMethod::other("x".repeat(65)).is_err());
        assert!(PaymentMethod::other("klarna").is_ok());
        assert!(serde_json::from_str::<Channel>(r#"{"other":"x","more":1}"#).is_err());
        assert!(serde_json::from_str::<Channel>(r#"{}"#).is_err());
        assert!(serde_json::from_str::<Channel>(r#"7"#).is_err());
    }
}
