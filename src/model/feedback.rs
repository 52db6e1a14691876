//! Feedback: what customers tell us about our service, with an optional rating.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::channel::{Channel, NameOrOther};
use super::formats;
use super::ids::{AgentId, CustomerId, RequestId};
use super::named::named_enum;
use crate::{Error, ErrorKind};

named_enum! {
    /// A thumbs rating. JSON form: `"up"` or `"down"`.
    pub enum Thumb as "thumbs" {
        /// Satisfied.
        Up = "up",
        /// Not satisfied.
        Down = "down",
    }
}

/// A rating on one of the common scales.
///
/// JSON form: externally tagged by scale: `{"stars": 4}` (1..=5), `{"csat": 5}` (1..=5),
/// `{"nps": 9}` (0..=10), `{"thumbs": "up"}`. A value off its scale (or not an integer) is an
/// [`ErrorKind::RatingOutOfRange`]; an unknown scale an [`ErrorKind::UnknownVariant`].
///
/// The numeric variants cannot be built directly outside this crate (so an out-of-range value
/// cannot exist); use [`Rating::stars`], [`Rating::csat`], [`Rating::nps`], and match them as
/// `Rating::Nps(score, ..)`.
///
/// ```
/// use realboss::model::Rating;
/// let r = Rating::nps(9)?;
/// assert_eq!(serde_json::to_string(&r).unwrap(), r#"{"nps":9}"#);
/// assert_eq!(Rating::nps(11).unwrap_err().to_string(), "NPS must be an integer in 0..=10, got 11");
/// # Ok::<(), realboss::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(
    rename_all = "snake_case",
    try_from = "serde_json::Map<String, serde_json::Value>"
)]
pub enum Rating {
    /// Star rating, 1 (worst) to 5 (best).
    #[non_exhaustive]
    Stars(u8),
    /// Customer-satisfaction score, 1 (very unsatisfied) to 5 (very satisfied).
    #[non_exhaustive]
    Csat(u8),
    /// Net Promoter Score answer, 0 (would not recommend) to 10 (would recommend).
    #[non_exhaustive]
    Nps(u8),
    /// Thumbs up or down.
    Thumbs(Thumb),
}

/// Scale name in messages, lowest and highest accepted value, range text.
type Scale = (&'static str, u8, u8, &'static str);
const STARS: Scale = ("stars", 1, 5, "1..=5");
const CSAT: Scale = ("CSAT", 1, 5, "1..=5");
const NPS: Scale = ("NPS", 0, 10, "0..=10");

fn check((scale, low, high, expected): Scale, value: i64) -> Result<u8, Error> {
    if value < i64::from(low) || value > i64::from(high) {
        return Err(ErrorKind::RatingOutOfRange {
            scale,
            value: value.to_string(),
            expected,
        }
        .into());
    }
    // In range, so it fits a u8.
    Ok(value as u8)
}

impl Rating {
    /// Stars, 1..=5.
    pub fn stars(value: u8) -> Result<Rating, Error> {
        check(STARS, value.into()).map(Rating::Stars)
    }

    /// CSAT, 1..=5.
    pub fn csat(value: u8) -> Result<Rating, Error> {
        check(CSAT, value.into()).map(Rating::Csat)
    }

    /// NPS, 0..=10.
    pub fn nps(value: u8) -> Result<Rating, Error> {
        check(NPS, value.into()).map(Rating::Nps)
    }

    /// The rating mapped onto 0.0 (worst) ..= 1.0 (best), linear in the scale's steps:
    /// stars and CSAT `(n - 1) / 4`, NPS `n / 10`, thumbs down 0 and up 1.
    pub fn normalized(&self) -> f64 {
        match *self {
            Rating::Stars(n) | Rating::Csat(n) => f64::from(n - 1) / 4.0,
            Rating::Nps(n) => f64::from(n) / 10.0,
            Rating::Thumbs(Thumb::Up) => 1.0,
            Rating::Thumbs(Thumb::Down) => 0.0,
        }
    }
}

impl TryFrom<serde_json::Map<String, serde_json::Value>> for Rating {
    type Error = Error;
    fn try_from(map: serde_json::Map<String, serde_json::Value>) -> Result<Self, Error> {
        const ACCEPTED: &str =
            r#"one of {"stars": n}, {"csat": n}, {"nps": n}, {"thumbs": "up"|"down"}"#;
        let mut entries = map.iter();
        let (scale, value) = match (entries.next(), entries.next()) {
            (Some(entry), None) => entry,
            _ => {
                let keys: Vec<&str> = map.keys().map(String::as_str).collect();
                return Err(Error::invalid_value(
                    "rating",
                    &format!("{{{}}}", keys.join(", ")),
                    ACCEPTED,
                ));
            }
        };
        let number = |s: Scale| match value.as_i64() {
            Some(n) => check(s, n),
            None => Err(ErrorKind::RatingOutOfRange {
                scale: s.0,
                value: crate::error::shown(&value.to_string()),
                expected: s.3,
            }
            .into()),
        };
        match scale.as_str() {
            "stars" => number(STARS).map(Rating::Stars),
            "csat" => number(CSAT).map(Rating::Csat),
            "nps" => number(NPS).map(Rating::Nps),
            "thumbs" => match value.as_str() {
                Some(t) => t.parse().map(Rating::Thumbs),
                None => Err(Error::invalid_value(
                    "rating.thumbs",
                    &value.to_string(),
                    "\"up\" or \"down\"",
                )),
            },
            other => Err(ErrorKind::UnknownVariant {
                field: "rating scale",
                value: crate::error::shown(other),
                expected: "stars, csat, nps, thumbs",
            }
            .into()),
        }
    }
}

/// What a customer told us about our service: a survey answer, a review, a comment.
///
/// JSON form (`customer`, `at`, `channel` required; `text` defaults to `""`; `rating`,
/// `request`, `agent` optional and omitted when absent; unknown fields rejected):
/// ```json
/// {"customer": "cus-17", "at": "2026-11-24T10:00:00Z", "channel": "email",
///  "text": "Sorted quickly, thanks!", "rating": {"stars": 5},
///  "request": "req-1001", "agent": "agent-3"}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "FeedbackWire")]
pub struct Feedback {
    customer: CustomerId,
    #[serde(serialize_with = "formats::serialize_timestamp")]
    at: OffsetDateTime,
    channel: Channel,
    text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    rating: Option<Rating>,
    #[serde(skip_serializing_if = "Option::is_none")]
    request: Option<RequestId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    agent: Option<AgentId>,
}

impl Feedback {
    /// Feedback with text (may be empty) and no rating, request or agent.
    pub fn new(
        customer: CustomerId,
        at: OffsetDateTime,
        channel: Channel,
        text: impl Into<String>,
    ) -> Self {
        Feedback {
            customer,
            at,
            channel,
            text: text.into(),
            rating: None,
            request: None,
            agent: None,
        }
    }

    /// Sets the rating.
    #[must_use]
    pub fn with_rating(mut self, rating: Rating) -> Self {
        self.rating = Some(rating);
        self
    }

    /// Sets the request the feedback is about.
    #[must_use]
    pub fn with_request(mut self, request: RequestId) -> Self {
        self.request = Some(request);
        self
    }

    /// Sets the agent the feedback is about.
    #[must_use]
    pub fn with_agent(mut self, agent: AgentId) -> Self {
        self.agent = Some(agent);
        self
    }

    /// Reads feedback from its JSON form, keeping the exact error kind.
    pub fn from_json(json: &str) -> Result<Self, Error> {
        super::from_json_via::<FeedbackWire, _>(json)
    }

    /// Who gave the feedback.
    pub fn customer(&self) -> &CustomerId {
        &self.customer
    }
    /// When it was given.
    pub fn at(&self) -> OffsetDateTime {
        self.at
    }
    /// Where it was given.
    pub fn channel(&self) -> &Channel {
        &self.channel
    }
    /// The customer's words (may be empty).
    pub fn text(&self) -> &str {
        &self.text
    }
    /// The rating, if one was given.
    pub fn rating(&self) -> Option<Rating> {
        self.rating
    }
    /// The request it is about, if known.
    pub fn request(&self) -> Option<&RequestId> {
        self.request.as_ref()
    }
    /// The agent it is about, if known.
    pub fn agent(&self) -> Option<&AgentId> {
        self.agent.as_ref()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FeedbackWire {
    customer: String,
    at: String,
    channel: NameOrOther,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    rating: Option<serde_json::Map<String, serde_json::Value>>,
    #[serde(default)]
    request: Option<String>,
    #[serde(default)]
    agent: Option<String>,
}

impl TryFrom<FeedbackWire> for Feedback {
    type Error = Error;
    fn try_from(w: FeedbackWire) -> Result<Self, Error> {
        Ok(Feedback {
            customer: CustomerId::new(w.customer)?,
            at: formats::parse_timestamp("at", &w.at)?,
            channel: w.channel.try_into()?,
            text: w.text.unwrap_or_default(),
            rating: w.rating.map(Rating::try_from).transpose()?,
            request: w.request.map(RequestId::new).transpose()?,
            agent: w.agent.map(AgentId::new).transpose()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rating(json: &str) -> Result<Rating, Error> {
        super::super::from_json_via::<serde_json::Map<String, serde_json::Value>, Rating>(json)
    }

    #[test]
    fn ratings_are_range_checked() {
        assert_eq!(rating(r#"{"stars": 4}"#).unwrap(), Rating::Stars(4));
        assert_eq!(
            rating(r#"{"thumbs": "down"}"#).unwrap(),
            Rating::Thumbs(Thumb::Down)
        );
        for (json, shown) in [
            (r#"{"stars": 0}"#, "got 0"),
            (r#"{"csat": 6}"#, "got 6"),
            (r#"{"nps": -1}"#, "got -1"),
            (r#"{"nps": 11}"#, "got 11"),
            (r#"{"nps": 9.5}"#, "got 9.5"),
            (r#"{"stars": 300}"#, "got 300"),
        ] {
            let err = rating(json).unwrap_err();
            assert!(
                matches!(err.kind(), ErrorKind::RatingOutOfRange { .. }),
                "{json}"
            );
            assert!(err.to_string().contains(shown), "{err}");
        }
        let err = rating(r#"{"likes": 3}"#).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::UnknownVariant { .. }));
        assert!(rating(r#"{"stars": 3, "nps": 3}"#).is_err());
        assert!(rating(r#"{}"#).is_err());
        assert!(rating(r#"{"thumbs": "sideways"}"#).is_err());
    }

    #[test]
    fn normalized_spans_zero_to_one() {
        assert_eq!(Rating::stars(1).unwrap().normalized(), 0.0);
        assert_eq!(Rating::csat(5).unwrap().normalized(), 1.0);
        assert_eq!(Rating::nps(7).unwrap().normalized(), 0.7);
    }
}
