//! Fixtures the integration tests build the same way.

use realboss::ErrorKind;
use realboss::signals::{Analyzer, AnalyzerConfig};

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
