//! Amounts of money: a customer's lifetime value, a payment, a purchase.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::{Error, ErrorKind};

/// What a currency code must look like, for error messages.
const CURRENCY_EXPECTED: &str = "three uppercase letters (ISO 4217 shape) such as EUR or USD";

/// A currency code of the ISO 4217 shape: exactly three ASCII uppercase letters, e.g. `EUR`.
///
/// Only the shape is checked, not membership in the ISO list, so a host's internal unit such as
/// `PTS` is accepted. Lowercase (`eur`) is rejected rather than silently upper-cased, so the
/// same currency is always written the same way. JSON form: a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Currency([u8; 3]);

impl Currency {
    /// Validates a currency code; anything but three `A`–`Z` letters is an
    /// [`ErrorKind::InvalidValue`] for field `currency`.
    pub fn new(code: &str) -> Result<Self, Error> {
        match code.as_bytes() {
            &[a, b, c] if [a, b, c].iter().all(u8::is_ascii_uppercase) => Ok(Currency([a, b, c])),
            _ => Err(Error::invalid_value("currency", code, CURRENCY_EXPECTED)),
        }
    }

    /// The code as text, e.g. `"EUR"`.
    pub fn as_str(&self) -> &str {
        // Always three ASCII letters, so always UTF-8.
        std::str::from_utf8(&self.0).unwrap_or("XXX")
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Currency {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Currency::new(s)
    }
}

impl Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Currency::new(&text).map_err(serde::de::Error::custom)
    }
}

/// An amount of money in one currency, e.g. a customer's lifetime value.
///
/// The amount is a finite number >= 0 in the currency's main unit (euros, not cents); negative,
/// NaN or infinite amounts are an [`ErrorKind::InvalidMoney`]. A negative zero is stored as zero.
/// Because the amount is never NaN, `Money` is `Eq`.
///
/// JSON form: `{"amount": 1234.5, "currency": "EUR"}` (both fields required). Writing uses the
/// shortest decimal that reads back as the same `f64`, and reading gives every amount back bit for
/// bit (realboss enables serde_json's `float_roundtrip` parser for that).
///
/// ```
/// use realboss::model::Money;
/// let value = Money::new(1234.5, "EUR".parse()?)?;
/// assert_eq!(value.amount(), 1234.5);
/// assert_eq!(value.to_string(), "1234.50 EUR");
/// assert!(Money::new(-1.0, "EUR".parse()?).is_err());
/// # Ok::<(), realboss::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "MoneyWire")]
pub struct Money {
    amount: f64,
    currency: Currency,
}

// The amount is never NaN (checked on construction), so equality is an equivalence.
impl Eq for Money {}

impl Money {
    /// Validates an amount in a currency: an amount that is negative, NaN or infinite is an
    /// [`ErrorKind::InvalidMoney`] for field `amount`.
    pub fn new(amount: f64, currency: Currency) -> Result<Self, Error> {
        Money::checked("amount", amount, currency)
    }

    /// [`Money::new`], naming `field` (e.g. `lifetime_value.amount`) in the error.
    fn checked(field: &'static str, amount: f64, currency: Currency) -> Result<Self, Error> {
        if !amount.is_finite() || amount < 0.0 {
            return Err(ErrorKind::InvalidMoney {
                field,
                value: amount.to_string(),
            }
            .into());
        }
        // `+ 0.0` turns -0.0 into 0.0, so zero is written one way.
        Ok(Money {
            amount: amount + 0.0,
            currency,
        })
    }

    /// Zero in a currency.
    pub fn zero(currency: Currency) -> Self {
        Money {
            amount: 0.0,
            currency,
        }
    }

    /// The amount, finite and >= 0, in the currency's main unit.
    pub fn amount(&self) -> f64 {
        self.amount
    }

    /// The currency.
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// Reads money from its JSON form, keeping the exact error kind.
    pub fn from_json(json: &str) -> Result<Self, Error> {
        super::from_json_via::<MoneyWire, _>(json)
    }
}

impl fmt::Display for Money {
    /// Two decimals and the currency code, e.g. `1234.50 EUR`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.2} {}", self.amount, self.currency)
    }
}

/// The JSON shape of [`Money`] before validation.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MoneyWire {
    amount: f64,
    currency: String,
}

impl MoneyWire {
    /// The amount as written, for error messages.
    pub(crate) fn describe(&self) -> String {
        format!("{} {}", self.amount, self.currency)
    }

    /// Validates the money of `field` (e.g. `lifetime_value`), so that an error names
    /// `lifetime_value.amount` or `lifetime_value.currency` rather than a bare `amount`.
    pub(crate) fn validate(
        self,
        amount_field: &'static str,
        currency_field: &'static str,
    ) -> Result<Money, Error> {
        let currency = Currency::new(&self.currency)
            .map_err(|_| Error::invalid_value(currency_field, &self.currency, CURRENCY_EXPECTED))?;
        Money::checked(amount_field, self.amount, currency)
    }
}

impl TryFrom<MoneyWire> for Money {
    type Error = Error;
    fn try_from(w: MoneyWire) -> Result<Self, Error> {
        Money::new(w.amount, Currency::new(&w.currency)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn currency_shape_is_three_uppercase_letters() {
        assert_eq!(Currency::new("EUR").unwrap().as_str(), "EUR");
        for bad in ["eur", "EURO", "EU", "", "E1R", "ÉUR"] {
            let err = Currency::new(bad).unwrap_err();
            assert!(matches!(
                err.kind(),
                ErrorKind::InvalidValue { field, .. } if field == "currency"
            ));
        }
    }

    #[test]
    fn money_rejects_negative_and_non_finite_amounts() {
        let eur = Currency::new("EUR").unwrap();
        for bad in [-0.01, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let err = Money::new(bad, eur).unwrap_err();
            assert!(
                matches!(err.kind(), ErrorKind::InvalidMoney { .. }),
                "{bad}"
            );
        }
        let zero = Money::new(-0.0, eur).unwrap();
        assert!(zero.amount().is_sign_positive());
        assert_eq!(zero, Money::zero(eur));
    }

    #[test]
    fn money_json_keeps_the_error_kind() {
        let err = Money::from_json(r#"{"amount": -5, "currency": "EUR"}"#).unwrap_err();
        assert!(matches!(
            err.kind(),
            ErrorKind::InvalidMoney {
                field: "amount",
                ..
            }
        ));
        assert!(err.to_string().contains("-5"), "{err}");
        let ok = Money::from_json(r#"{"amount": 12.5, "currency": "USD"}"#).unwrap();
        assert_eq!(
            serde_json::to_string(&ok).unwrap(),
            r#"{"amount":12.5,"currency":"USD"}"#
        );
    }
}
