//! JSON parsing of every model type, the configurations and `Policy`: arbitrary bytes are read
//! or rejected with a typed error, never a panic; whatever is read writes back to JSON that
//! reads again to an equal value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use realboss::model::*;
use realboss::policy::{BusinessHours, HumanDuration, SlaTargets};
use realboss::ranking::QueueState;
use realboss::{AnalyzerConfig, HintsConfig, Policy};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::fmt::Debug;

/// Reads `data` as `T`; when it reads, the value survives a round trip through JSON.
fn round_trip<T: DeserializeOwned + Serialize + PartialEq + Debug>(data: &[u8]) {
    if let Ok(value) = serde_json::from_slice::<T>(data) {
        let json = serde_json::to_string(&value).expect("a read value writes");
        let again: T = serde_json::from_str(&json)
            .unwrap_or_else(|e| panic!("{json} does not read back: {e}"));
        assert_eq!(again, value, "{json}");
    }
}

/// Reads `data` as `T` where there is no equality to compare with.
fn reads<T: DeserializeOwned + Serialize>(data: &[u8]) {
    if let Ok(value) = serde_json::from_slice::<T>(data) {
        let json = serde_json::to_string(&value).expect("a read value writes");
        assert!(
            serde_json::from_str::<T>(&json).is_ok(),
            "{json} does not read back"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    // The typed `from_json` entry points, which keep the exact error kind.
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(r) = Request::from_json(text) {
            let json = serde_json::to_string(&r).expect("writes");
            assert_eq!(Request::from_json(&json).expect("reads back"), r);
        }
        let _ = ContactEvent::from_json(text);
        let _ = Feedback::from_json(text);
        let _ = CustomerProfile::from_json(text);
        let _ = Money::from_json(text);
        let _ = <realboss::jsonl::Record as realboss::jsonl::FromJsonLine>::from_json_line(text);
        if let Ok(p) = Policy::from_json(text) {
            let json = serde_json::to_string(&p).expect("writes");
            assert_eq!(Policy::from_json(&json).expect("reads back"), p, "{json}");
        }
    }
    round_trip::<Request>(data);
    round_trip::<ContactEvent>(data);
    round_trip::<Feedback>(data);
    round_trip::<CustomerProfile>(data);
    round_trip::<Money>(data);
    round_trip::<Currency>(data);
    round_trip::<Channel>(data);
    round_trip::<PaymentMethod>(data);
    round_trip::<Tier>(data);
    round_trip::<Status>(data);
    round_trip::<Level>(data);
    round_trip::<Requester>(data);
    round_trip::<Rating>(data);
    round_trip::<ContactWindow>(data);
    round_trip::<DaySet>(data);
    round_trip::<OptOut>(data);
    round_trip::<LanguageTag>(data);
    round_trip::<RequestId>(data);
    round_trip::<CustomerId>(data);
    round_trip::<AgentId>(data);
    round_trip::<EventKind>(data);
    round_trip::<Policy>(data);
    round_trip::<BusinessHours>(data);
    round_trip::<SlaTargets>(data);
    round_trip::<HumanDuration>(data);
    round_trip::<AnalyzerConfig>(data);
    round_trip::<QueueState>(data);
    reads::<HintsConfig>(data);
    reads::<realboss::insights::InsightsConfig>(data);
});
