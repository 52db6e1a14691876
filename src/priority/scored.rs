//! [`ScoredText`]: a request's messages, scored once when they arrive.

use time::OffsetDateTime;

use crate::model::{Direction, EventKind, Request};
use crate::signals::{Analyzer, Complaint, Urgency};
use crate::text::Language;

/// Where a scored message sits in its request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "index")]
#[non_exhaustive]
pub enum MessageSource {
    /// The request's own text.
    RequestText,
    /// The text of the request's event at this index (in [`Request::events`] order).
    Event(usize),
}

/// The signals of one customer message, kept so that ranking never reads text again.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct MessageSignals {
    /// When the message arrived (messages after a ranking's `now` are not counted yet).
    pub at: OffsetDateTime,
    /// Which text it was.
    pub source: MessageSource,
    /// Urgency read from its text.
    pub urgency: Urgency,
    /// Complaint read from its text.
    pub complaint: Complaint,
    /// Sentiment compound, -1..=1.
    pub compound: f64,
}

/// The customer's messages of one request, each scored once: the request's text and the text of
/// every inbound contact event (inquiry, complaint, follow-up, reply, call note, callback
/// request). Outbound texts are ours, not the customer's, and are not scored.
///
/// Each text is scored in the customer's language ([`Language::from_bcp47`] of the profile's
/// tag; a tag it cannot read falls back to the analyzer's configured language). Build it when a request or
/// contact arrives; ranking then only reads these numbers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScoredText {
    messages: Vec<MessageSignals>,
}

impl ScoredText {
    /// Scores every customer message of `request` once.
    pub fn new(analyzer: &Analyzer, request: &Request) -> ScoredText {
        let language = Language::from_bcp47(request.customer().language().as_str())
            .unwrap_or(analyzer.config().language);
        let mut messages = Vec::new();
        let mut score = |at, source, text: &str| {
            let s = analyzer.signals_in(text, language);
            messages.push(MessageSignals {
                at,
                source,
                urgency: s.urgency,
                complaint: s.complaint,
                compound: s.sentiment.compound,
            });
        };
        if let Some(text) = request.text() {
            score(request.received_at(), MessageSource::RequestText, text);
        }
        for (i, event) in request.events().iter().enumerate() {
            let customer_message = event.direction() == Direction::Inbound
                && matches!(
                    event.kind(),
                    EventKind::Inquiry
                        | EventKind::Complaint
                        | EventKind::FollowUp
                        | EventKind::Reply
                        | EventKind::Call { .. }
                        | EventKind::CallbackRequest
                );
            if let (true, Some(text)) = (customer_message, event.text()) {
                score(event.at(), MessageSource::Event(i), text);
            }
        }
        ScoredText { messages }
    }

    /// The scored messages, the request's text first, then events in order.
    pub fn messages(&self) -> &[MessageSignals] {
        &self.messages
    }

    /// Whether any message up to `now` uses an explicit urgency word.
    pub fn marked_by(&self, now: OffsetDateTime) -> bool {
        self.messages
            .iter()
            .any(|m| m.at <= now && m.urgency.marked)
    }
}
