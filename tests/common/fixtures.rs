//! Fixtures the integration tests build the same way.

use realboss::ErrorKind;
use realboss::model::{CustomerId, CustomerProfile, Money, Request, Tier};
use realboss::ranking::Ranker;
use realboss::signals::{Analyzer, AnalyzerConfig};
use time::OffsetDateTime;

/// An analyzer with the default configuration.
pub fn analyzer() -> Analyzer {
    Analyzer::new(AnalyzerConfig::default()).expect("default config is valid")
}

/// The error a bad policy value gives: which field, the bad value as written, what is accepted.
pub fn policy_error(field: &str, value: &str, expected: &str) -> ErrorKind {
    ErrorKind::InvalidValue {
        field: field.to_owned(),
        value: value.to_owned(),
        expected: expected.to_owned(),
    }
}

/// A customer of `tier` with a lifetime value of `value` EUR, a customer since 2021-06-14.
pub fn customer(id: &str, tier: Tier, value: f64) -> Result<CustomerProfile, realboss::Error> {
    CustomerProfile::builder(CustomerId::new(id)?)
        .tier(tier)
        .lifetime_value(Money::new(value, "EUR".parse()?)?)
        .customer_since(time::macros::date!(2021 - 06 - 14))
        .build()
}

/// The ids of `requests` in the order `ranker` ranks them at `now`.
pub fn order(ranker: &Ranker, requests: &[Request], now: OffsetDateTime) -> Vec<String> {
    ranker
        .rank(requests, now)
        .ranked()
        .iter()
        .map(|r| requests[r.index].id().as_str().to_owned())
        .collect()
}
