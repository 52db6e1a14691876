//! [`ScoredText`]: a request's messages, scored once when they arrive.

use time::OffsetDateTime;

use super::history::{Closing, Digest, Facts};
use crate::model::Request;
use crate::policy::HistoryConfig;
use crate::policy::SELF_URGENT_CORROBORATED_FROM;
use crate::signals::{Analyzer, Complaint, Cue, Signals, Urgency};

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
    /// Whether the text only thanks us or signs off ("thanks, all sorted"): such a follow-up
    /// is not a contact (see [`history`](super::history)'s definitions). From the message's
    /// reading ([`Signals::thanks_only`]), so that ranking never reads the text again.
    pub thanks_only: bool,
    /// Whether the text reports the problem solved or the request withdrawn ("it turned up,
    /// all fine now", "please disregard"; [`Signals::resolved`]). A follow-up like this is a
    /// closure, not a contact (see [`history`](super::history)'s definitions).
    pub resolved: bool,
    /// Whether the customer says it can wait ("no rush", "whenever you can", "not urgent"):
    /// then its awaiting-answer cues (a question, "could you") add no urgency
    /// ([`Urgency::calm`]).
    pub calm: bool,
}

impl MessageSignals {
    /// What ranking keeps of a message's [`Signals`] (its one reading), with when it arrived
    /// and where it sits in its request.
    pub fn new(at: OffsetDateTime, source: MessageSource, reading: &Signals) -> MessageSignals {
        MessageSignals {
            at,
            source,
            urgency: reading.urgency,
            complaint: reading.complaint,
            compound: reading.sentiment.compound,
            thanks_only: reading.thanks_only,
            resolved: reading.resolved,
            calm: reading.urgency.calm,
        }
    }
}

/// The customer's messages of one request, each scored once: the request's text and the text of
/// every inbound contact event (inquiry, complaint, follow-up, reply, call note, callback
/// request). Outbound texts are ours, not the customer's, and are not scored.
///
/// Each text is scored in the customer's language ([`LanguageTag::language`](crate::model::LanguageTag::language) of the profile's
/// tag). Build it when a request or
/// contact arrives; ranking then only reads these numbers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScoredText {
    messages: Vec<MessageSignals>,
    /// When the latest message arrived.
    latest: Option<OffsetDateTime>,
    /// Whether any message uses an explicit urgency word.
    marked: bool,
    /// The messages summarized for any `now` from `latest` on, without a self-urgent discount.
    summary: TextSummary,
    /// The request's history, read once.
    history: Option<Digest>,
}

/// The strongest text urgency among a request's messages.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct TopText {
    pub(crate) source: MessageSource,
    pub(crate) raw: f64,
    pub(crate) cue: Option<Cue>,
}

/// What the priority step reads from a request's messages up to some `now`.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct TextSummary {
    /// The message with the highest urgency score (the first of equals).
    pub(crate) top: Option<TopText>,
    /// The highest urgency after the self-urgent discount of the explicit urgency words.
    pub(crate) effective_max: f64,
    /// The strongest complaint: where, its score, its strongest cue.
    pub(crate) complaint: Option<(MessageSource, f64, Option<Cue>)>,
    /// The most negative message: where, and minus its compound.
    pub(crate) negative: Option<(MessageSource, f64)>,
}

/// The share a self-urgent customer's urgency words keep in one message: `factor` (the
/// policy's [`SelfUrgent::factor`](crate::policy::SelfUrgent::factor)) times how far the rest
/// of the message is itself urgent, `min(1, unmarked / SELF_URGENT_CORROBORATED_FROM)`
/// (0.5). Words about a trivial matter ("URGENT!!! ASAP change the font") keep nothing; words
/// about a situation that reads high without them keep `factor`. A `factor` of 1 keeps
/// everything (no discount at all).
pub(crate) fn marks_kept(factor: f64, unmarked: f64) -> f64 {
    if factor >= 1.0 {
        return 1.0;
    }
    factor * (unmarked / SELF_URGENT_CORROBORATED_FROM).clamp(0.0, 1.0)
}

impl TextSummary {
    /// Summarizes the `messages` up to `now` (all with `None`); `factor` is the weight kept
    /// of explicit urgency words (1: all), see [`marks_kept`].
    fn of(messages: &[MessageSignals], now: Option<OffsetDateTime>, factor: f64) -> TextSummary {
        let mut s = TextSummary::default();
        for m in messages {
            if now.is_some_and(|now| m.at > now) {
                continue;
            }
            // A calm message's urgency already leaves its questions out (`Urgency::calm`).
            let u = &m.urgency;
            if u.score > s.top.map_or(0.0, |t| t.raw) {
                s.top = Some(TopText {
                    source: m.source,
                    raw: u.score,
                    cue: u.top[0],
                });
            }
            let kept = marks_kept(factor, u.unmarked_score);
            s.effective_max = s
                .effective_max
                .max(u.unmarked_score + kept * (u.score - u.unmarked_score));
            if m.complaint.score > s.complaint.map_or(0.0, |c| c.1) {
                s.complaint = Some((m.source, m.complaint.score, m.complaint.strongest));
            }
            if -m.compound > s.negative.map_or(0.0, |n| n.1) {
                s.negative = Some((m.source, -m.compound));
            }
        }
        s
    }
}

impl ScoredText {
    /// Scores every customer message of `request` once, and reads its history once with the
    /// default [`HistoryConfig`] (a ranker reads it with its policy's: see
    /// [`with_history`](Self::with_history)).
    pub fn new(analyzer: &Analyzer, request: &Request) -> ScoredText {
        ScoredText::with_history(analyzer, request, &HistoryConfig::default())
    }

    /// Scores every customer message of `request` once and reads its history with `config`,
    /// so that ranking at any later `now` reads neither texts nor events again. The text
    /// belongs to this very request: after a new contact, score the updated request again
    /// (a [`Queue`](crate::ranking::Queue) does so in `update`). A text used with another
    /// request (other arrival or event count) or another burst window is still right, only
    /// slower: the history is then read in full.
    pub fn with_history(
        analyzer: &Analyzer,
        request: &Request,
        config: &HistoryConfig,
    ) -> ScoredText {
        let language = request.customer().language().language();
        let mut messages = Vec::new();
        let mut score = |at, source, text: &str| {
            let reading = analyzer.signals_in(text, language);
            messages.push(MessageSignals::new(at, source, &reading));
        };
        if let Some(text) = request.text() {
            score(request.received_at(), MessageSource::RequestText, text);
        }
        for (i, event) in request.events().iter().enumerate() {
            let customer_message = event.is_customer_message();
            if let (true, Some(text)) = (customer_message, event.text()) {
                score(event.at(), MessageSource::Event(i), text);
            }
        }
        let latest = messages.iter().map(|m| m.at).max();
        let summary = TextSummary::of(&messages, None, 1.0);
        let marked = messages.iter().any(|m| m.urgency.marked);
        let mut text = ScoredText {
            messages,
            latest,
            marked,
            summary,
            history: None,
        };
        text.read_history(request, config);
        text
    }

    /// Reads `request`'s history again with `config` (another burst window), keeping the
    /// scored messages: no text is read.
    pub(crate) fn read_history(&mut self, request: &Request, config: &HistoryConfig) {
        let history = Digest::new(request, config, &mut self.closing_reader());
        self.history = history;
    }

    /// The summary of the messages up to `now`, with `factor` kept of explicit urgency words.
    pub(crate) fn summary_at(&self, now: OffsetDateTime, factor: f64) -> TextSummary {
        if factor == 1.0 && self.latest.is_none_or(|latest| latest <= now) {
            return self.summary;
        }
        TextSummary::of(&self.messages, Some(now), factor)
    }

    /// The history's facts at `now` from the digest made on arrival, when it covers `request`
    /// read with `config` at `now`.
    pub(crate) fn history_at(
        &self,
        request: &Request,
        now: OffsetDateTime,
        config: &HistoryConfig,
    ) -> Option<Facts> {
        self.history
            .as_ref()
            .and_then(|d| d.facts_at(request, now, config))
    }

    /// The scored messages, the request's text first, then events in order.
    pub fn messages(&self) -> &[MessageSignals] {
        &self.messages
    }

    /// A reader of the closing flags for [`history::facts`](super::history): event `i`'s
    /// flags from the scored message of that event, `None` when no message of this text is
    /// that event's (the history then reads the text). Messages are in event order, so a
    /// cursor walks them once over a pass of the events.
    pub(crate) fn closing_reader(&self) -> impl FnMut(usize) -> Option<Closing> + '_ {
        let mut next = 0;
        move |index| {
            let messages = &self.messages;
            while let Some(m) = messages.get(next) {
                match m.source {
                    MessageSource::Event(i) if i == index => {
                        return Some(Closing::of(m.thanks_only, m.resolved));
                    }
                    MessageSource::Event(i) if i > index => break,
                    _ => next += 1,
                }
            }
            None
        }
    }

    /// Whether any message up to `now` uses an explicit urgency word.
    pub fn marked_by(&self, now: OffsetDateTime) -> bool {
        if self.latest.is_none_or(|latest| latest <= now) {
            return self.marked;
        }
        self.messages
            .iter()
            .any(|m| m.at <= now && m.urgency.marked)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signals::{AnalyzerConfig, CueKind};

    /// The one message of a request with `text`, and what ranking counts of its urgency.
    fn counted(text: &str) -> MessageSignals {
        let analyzer = Analyzer::new(AnalyzerConfig::default()).unwrap();
        let request = crate::model::Request::builder(
            crate::model::RequestId::new("req-1").unwrap(),
            crate::model::CustomerProfile::builder(crate::model::CustomerId::new("cus-1").unwrap())
                .tier(crate::model::Tier::Standard)
                .lifetime_value(crate::model::Money::new(1.0, "EUR".parse().unwrap()).unwrap())
                .customer_since(time::macros::date!(2020 - 01 - 01))
                .build()
                .unwrap(),
            crate::model::Channel::Email,
            time::macros::datetime!(2026-11-23 10:00 UTC),
        )
        .text(text)
        .build()
        .unwrap();
        let scored = ScoredText::new(&analyzer, &request);
        scored.messages()[0]
    }

    #[test]
    fn a_calm_message_counts_no_question_but_keeps_its_other_cues() {
        let asked = counted("Whenever you can, could you tell me how to export my invoices?");
        assert!(asked.calm);
        assert_eq!(asked.urgency.score, 0.0);
        assert_eq!(asked.urgency.top[0], None);
        // The same question without the calming phrase counts its question.
        let plain = counted("Could you tell me how to export my invoices?");
        assert!(!plain.calm);
        assert!(plain.urgency.score > 0.0);
        assert_eq!(
            plain.urgency.top[0].map(|c| c.kind),
            Some(CueKind::AwaitingAnswer)
        );
        // A calm message that also describes a problem keeps that part, never more than read.
        let stuck = counted("Whenever you can, could you look at why I can't log in?");
        assert!(stuck.calm, "{stuck:?}");
        assert!(stuck.urgency.score > 0.0);
        let loud = counted("Could you look at why I can't log in?");
        assert!(stuck.urgency.score < loud.urgency.score);
        assert!(stuck.urgency.top[0].is_some_and(|c| c.kind != CueKind::AwaitingAnswer));
        assert!(stuck.urgency.unmarked_score <= stuck.urgency.score);
    }

    #[test]
    fn self_urgent_marks_keep_the_factor_only_where_the_situation_is_urgent() {
        assert_eq!(marks_kept(0.5, 0.0), 0.0);
        assert_eq!(marks_kept(0.5, 0.25), 0.25);
        assert_eq!(marks_kept(0.5, SELF_URGENT_CORROBORATED_FROM), 0.5);
        assert_eq!(marks_kept(0.5, 0.9), 0.5);
        // A factor of 1 is no discount at all.
        assert_eq!(marks_kept(1.0, 0.0), 1.0);
        assert_eq!(marks_kept(0.0, 0.9), 0.0);
    }
}
