//! The hints' result types.

use std::fmt;

use serde::Serialize;
use time::{Date, OffsetDateTime, Time, UtcOffset};

use crate::model::formats;
use crate::model::named::named_enum;
use crate::model::{Channel, LanguageTag, Money, PaymentMethod, Tier};

/// Most example events an [`Evidence`] lists: the latest three.
pub(crate) const MAX_EXAMPLES: usize = 3;

/// Confidence of a hint taken only from what the customer declared in their profile, with no
/// behaviour to confirm it: 0.6 (people state preferences they do not always follow).
pub(crate) const DECLARED_CONFIDENCE: f64 = 0.6;

named_enum! {
    /// Which hint it is. JSON form: the snake_case name, e.g. `"best_time"`.
    #[derive(PartialOrd, Ord)]
    #[non_exhaustive]
    pub enum HintKind as "hint kind" {
        /// The channel to reach them on.
        PreferredChannel = "preferred_channel",
        /// The hours to reach them.
        BestTime = "best_time",
        /// The language they use.
        Language = "language",
        /// Formal, casual or plain.
        Tone = "tone",
        /// How long they have been with us and what they bought.
        Tenure = "tenure",
        /// Promises we still owe them.
        Promises = "promises",
        /// What they write about again and again.
        Topics = "topics",
        /// How they pay and what to offer after a failed payment.
        Payment = "payment",
        /// Whether they may leave, and why.
        ChurnRisk = "churn_risk",
        /// What to do next, and why.
        NextBestAction = "next_best_action",
    }
}

named_enum! {
    /// Where a hint's answer came from.
    #[non_exhaustive]
    pub enum Source as "source" {
        /// The customer's behaviour in their history.
        Observed = "observed",
        /// The customer's profile (what they told us).
        Declared = "declared",
        /// Neither: a permitted default (e.g. email when nothing else is known or allowed).
        Fallback = "fallback",
    }
}

named_enum! {
    /// Formal or casual.
    #[non_exhaustive]
    pub enum Tone as "tone" {
        /// "Dear …", "Kind regards": answer in kind.
        Formal = "formal",
        /// "hey", contractions, emoji: a relaxed answer fits.
        Casual = "casual",
        /// Both kinds of marks, neither dominating.
        Mixed = "mixed",
        /// Enough messages, but few marks either way: plain, neutral writing.
        Plain = "plain",
    }
}

named_enum! {
    /// A churn-risk level.
    #[derive(PartialOrd, Ord)]
    #[non_exhaustive]
    pub enum RiskLevel as "risk level" {
        /// No reason found.
        Low = "low",
        /// One or two points of reasons.
        Medium = "medium",
        /// Three or more points (a leaving mention counts two).
        High = "high",
    }
}

/// One reason for a churn risk. JSON form: tagged by `type`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ChurnReason {
    /// The mean sentiment of their later messages fell below that of their earlier ones.
    FallingSentiment {
        /// Mean compound of the earlier half, -1..=1.
        earlier: f64,
        /// Mean compound of the later half, -1..=1.
        later: f64,
    },
    /// More complaints in their later messages than in their earlier ones.
    RisingComplaints {
        /// Complaints in the earlier half.
        earlier: u32,
        /// Complaints in the later half.
        later: u32,
    },
    /// Their last contact was a complaint, and they have been silent since.
    SilenceAfterComplaint {
        /// When they complained.
        #[serde(serialize_with = "formats::serialize_timestamp")]
        since: OffsetDateTime,
        /// Whole days of silence.
        days: i64,
    },
    /// They mentioned leaving (cancel, switch, lawyer, chargeback, …).
    LeavingMention {
        /// The latest such message.
        #[serde(serialize_with = "formats::serialize_timestamp")]
        at: OffsetDateTime,
    },
}

impl ChurnReason {
    /// The snake_case name of the reason, as its JSON `type`.
    pub fn as_str(&self) -> &'static str {
        match self {
            ChurnReason::FallingSentiment { .. } => "falling_sentiment",
            ChurnReason::RisingComplaints { .. } => "rising_complaints",
            ChurnReason::SilenceAfterComplaint { .. } => "silence_after_complaint",
            ChurnReason::LeavingMention { .. } => "leaving_mention",
        }
    }
}

/// A recurring topic: its word, stem and the messages that used it (`count`, each message
/// counting once).
pub use crate::text::keywords::Topic;

/// A promise we made and have not kept yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct OwedPromise {
    /// When we promised.
    #[serde(serialize_with = "formats::serialize_timestamp")]
    pub promised_at: OffsetDateTime,
    /// When it is due.
    #[serde(serialize_with = "formats::serialize_timestamp")]
    pub due_at: OffsetDateTime,
    /// Whether `due_at` has passed at `now`.
    pub overdue: bool,
}

named_enum! {
    /// What to do next.
    #[non_exhaustive]
    pub enum Action as "action" {
        /// Phone them back (only ever for a customer who allows calls).
        CallBack = "call_back",
        /// Answer their waiting message on the channel given.
        Reply = "reply",
        /// Send the update we promised.
        KeepPromise = "keep_promise",
        /// Offer the payment method that worked before.
        OfferPaymentAlternative = "offer_payment_alternative",
        /// Reach out to keep them: they may leave.
        ReachOut = "reach_out",
        /// Nothing is due.
        NothingDue = "nothing_due",
        /// Something is due but they opted out of every channel we could start a contact on:
        /// answer when they next contact us.
        WaitForThem = "wait_for_them",
    }
}

/// One reason for the next best action. JSON form: tagged by `type`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ActionReason {
    /// They contacted us this many times since our last answer.
    Waiting {
        /// Contacts since our last answer.
        contacts: u32,
        /// The channel of their latest contact.
        channel: Channel,
        /// Minutes from their first to their latest waiting contact.
        minutes: i64,
    },
    /// The channel is the one they prefer.
    Preferred {
        /// The channel.
        channel: Channel,
    },
    /// They opted out of the channel they used; we answer on another.
    OptedOut {
        /// The channel we must not start contacts on.
        channel: Channel,
    },
    /// Now is inside their contact window (local times).
    InWindow {
        /// Window start, local.
        #[serde(serialize_with = "formats::serialize_time_of_day")]
        from: Time,
        /// Window end, local.
        #[serde(serialize_with = "formats::serialize_time_of_day")]
        to: Time,
    },
    /// Now is outside their contact windows; the next one opens at `opens_at`.
    OutsideWindow {
        /// The next window's start.
        #[serde(serialize_with = "formats::serialize_timestamp")]
        opens_at: OffsetDateTime,
    },
    /// A promise is overdue.
    PromiseOverdue {
        /// When it was due.
        #[serde(serialize_with = "formats::serialize_timestamp")]
        due_at: OffsetDateTime,
    },
    /// Their latest payment failed.
    PaymentFailed {
        /// The method that failed, if known.
        method: Option<PaymentMethod>,
    },
    /// Their churn risk.
    ChurnRisk {
        /// The level.
        level: RiskLevel,
    },
}

/// A hint's typed answer. JSON form: tagged by `type` (`{"type": "channel", …}`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum HintValue {
    /// Not enough evidence to say: `seen` of the `needed` observations.
    TooLittleData {
        /// Observations needed ([`HintsConfig::min_evidence`](super::HintsConfig::min_evidence)).
        needed: u32,
        /// Observations found.
        seen: u32,
    },
    /// The channel to reach them on: always one they allow us to start contacts on.
    Channel {
        /// The channel to use.
        channel: Channel,
        /// Where it came from.
        source: Source,
        /// What their profile says, if anything.
        declared: Option<Channel>,
        /// The channel they use most (start contacts on and answer on), even one they
        /// opted out of being contacted on.
        observed: Option<Channel>,
    },
    /// Hours to reach them, on their clock.
    BestTime {
        /// The channel the hours are for (the preferred channel).
        channel: Channel,
        /// Start, local to `utc_offset` (included).
        #[serde(serialize_with = "formats::serialize_time_of_day")]
        from: Time,
        /// End, local (excluded).
        #[serde(serialize_with = "formats::serialize_time_of_day")]
        to: Time,
        /// The customer's UTC offset (for a profile with a `time_zone`, the zone's offset at
        /// the hints' `now`). A declared window across midnight has `to` before `from`.
        #[serde(serialize_with = "formats::serialize_offset")]
        utc_offset: UtcOffset,
        /// Where it came from.
        source: Source,
        /// Contacts they answered in these hours.
        answered: u32,
        /// Our contacts in these hours, answered or not.
        tried: u32,
    },
    /// Their language.
    Language {
        /// The language tag of their profile.
        declared: LanguageTag,
        /// Whether their messages read as English (`None`: too few to tell).
        writes_english: Option<bool>,
    },
    /// How they write.
    Tone {
        /// Formal, casual, mixed or plain.
        tone: Tone,
        /// Messages written formally.
        formal: u32,
        /// Messages written casually.
        casual: u32,
    },
    /// Tenure and value worth acknowledging ("a customer for 6 years, 40 orders"). Only when
    /// the profile has `customer_since`; without it the tenure hint is
    /// [`TooLittleData`](HintValue::TooLittleData) (needed 1, seen 0).
    Tenure {
        /// First purchase date.
        #[serde(serialize_with = "formats::serialize_date")]
        since: Date,
        /// Whole years since then at `now`.
        years: u32,
        /// Purchases in their history.
        orders: u32,
        /// What they spent with us, if the profile knows.
        #[serde(skip_serializing_if = "Option::is_none")]
        lifetime_value: Option<Money>,
        /// Their tier, if the profile knows.
        #[serde(skip_serializing_if = "Option::is_none")]
        tier: Option<Tier>,
        /// Whether to mention it: `ACKNOWLEDGE_YEARS` (2) years,
        /// `ACKNOWLEDGE_ORDERS` (10) orders, or a known gold tier and above.
        worth_acknowledging: bool,
    },
    /// Promises we have not kept yet, oldest first.
    Promises {
        /// The open promises.
        owed: Vec<OwedPromise>,
    },
    /// Topics they write about in more than one message, most first.
    Topics {
        /// The topics.
        topics: Vec<Topic>,
        /// Messages read.
        messages: u32,
    },
    /// How they pay.
    Payment {
        /// Methods that worked before, most used first.
        worked: Vec<PaymentMethod>,
        /// Methods on their profile, in the profile's order.
        on_file: Vec<PaymentMethod>,
        /// The method of their latest payment attempt, when it failed and nothing succeeded
        /// since (`None`: no unresolved failure, or the method is unknown).
        failed: Option<PaymentMethod>,
        /// Whether their latest payment attempt failed with nothing succeeding since.
        unresolved_failure: bool,
        /// The easy alternative to offer after a failure: a method that worked before, else
        /// one on their profile, never the failed one.
        offer: Option<PaymentMethod>,
    },
    /// Whether they may leave.
    ChurnRisk {
        /// The level.
        level: RiskLevel,
        /// Why, strongest first.
        reasons: Vec<ChurnReason>,
    },
    /// What to do next.
    NextBestAction {
        /// The action.
        action: Action,
        /// The channel to act on (`None` for nothing due or waiting for them).
        channel: Option<Channel>,
        /// When: `now`, or the opening of their next contact window.
        #[serde(serialize_with = "formats::serialize_timestamp")]
        at: OffsetDateTime,
        /// Why.
        reasons: Vec<ActionReason>,
    },
}

/// Which events support a hint.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[non_exhaustive]
pub struct Evidence {
    /// How many events count for it.
    pub events: u32,
    /// The earliest of them.
    #[serde(serialize_with = "formats::serialize_opt_timestamp")]
    pub first_at: Option<OffsetDateTime>,
    /// The latest of them.
    #[serde(serialize_with = "formats::serialize_opt_timestamp")]
    pub last_at: Option<OffsetDateTime>,
    /// Indexes into the history slice of up to `MAX_EXAMPLES` (3) of them, the latest.
    pub examples: Vec<usize>,
}

impl Evidence {
    /// Counts one more event; callers add events in time order, so the first added is the
    /// earliest and the last the latest (no date comparison on the hot path).
    pub(crate) fn add(&mut self, index: usize, at: OffsetDateTime) {
        self.events = self.events.saturating_add(1);
        if self.first_at.is_none() {
            self.first_at = Some(at);
        }
        self.last_at = Some(at);
        if self.examples.len() == MAX_EXAMPLES {
            self.examples.rotate_left(1);
            self.examples[MAX_EXAMPLES - 1] = index;
        } else {
            self.examples.push(index);
        }
    }
}

/// One hint: what it is about, its answer, how sure, and on what evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Hint {
    /// Which hint.
    pub kind: HintKind,
    /// The answer.
    pub value: HintValue,
    /// How sure, in `[0, 1]`, always finite. With `w(n) = n / (n + min_evidence)` (one half at
    /// [`min_evidence`](super::HintsConfig::min_evidence) observations):
    ///
    /// - channel, best time, tone: the share of observations that agree with the answer ×
    ///   `w(observations)`; an answer from the profile alone `DECLARED_CONFIDENCE` (0.6); a
    ///   permitted fallback channel `FALLBACK_CONFIDENCE` (0.2);
    /// - language: `DECLARED_CONFIDENCE` (0.6), raised toward 1 when their messages agree with
    ///   the declared tag (English or not) and lowered toward 0 when they disagree, by the
    ///   majority share × `w(messages judged)`;
    /// - topics and churn risk: `w(messages read)` (how well we know them);
    /// - payment: `w(payment attempts)`, or `DECLARED_CONFIDENCE` (0.6) from profile methods alone;
    /// - tenure and promises (records, not guesses): 1;
    /// - next best action: 1 when it answers on the channel the customer just used, else the
    ///   channel's confidence (times the churn confidence for a churn outreach);
    /// - too little data: 0.
    pub confidence: f64,
    /// The events behind it.
    pub evidence: Evidence,
}

impl Hint {
    /// The channel this hint suggests that we contact the customer on, if any: never one
    /// their opt-outs forbid ([`CustomerProfile::allows`](crate::model::CustomerProfile::allows)).
    pub fn suggested_channel(&self) -> Option<&Channel> {
        match &self.value {
            HintValue::Channel { channel, .. } | HintValue::BestTime { channel, .. } => {
                Some(channel)
            }
            HintValue::NextBestAction { channel, .. } => channel.as_ref(),
            _ => None,
        }
    }
}

/// Events that [`Hinter::hints`](super::Hinter::hints) did not use, by cause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[non_exhaustive]
pub struct Ignored {
    /// Events of another customer (a host's mistake; they say nothing about this one).
    pub other_customers: u32,
    /// Events after `now` (not yet happened at `now`).
    pub after_now: u32,
    /// Events before `now - lookback`, left out of behaviour hints (still counted for
    /// promises and orders).
    pub before_lookback: u32,
}

/// The hints for one customer at one `now`, one per [`HintKind`] in declaration order.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Hints {
    /// The hints.
    pub hints: Vec<Hint>,
    /// What was left out.
    pub ignored: Ignored,
}

impl Hints {
    /// The hint of a kind.
    pub fn get(&self, kind: HintKind) -> Option<&Hint> {
        self.hints.iter().find(|h| h.kind == kind)
    }
}

impl fmt::Display for HintValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hm = formats::format_time_of_day;
        match self {
            HintValue::TooLittleData { needed, seen } => {
                write!(f, "too little data ({seen} of {needed})")
            }
            HintValue::Channel {
                channel, source, ..
            } => write!(f, "{channel} ({})", source.as_str()),
            HintValue::BestTime {
                channel,
                from,
                to,
                utc_offset,
                ..
            } => write!(
                f,
                "{channel} {}–{} (UTC{})",
                hm(*from),
                hm(*to),
                formats::format_offset(*utc_offset)
            ),
            HintValue::Language {
                declared,
                writes_english,
            } => match writes_english {
                Some(true) => write!(f, "{} (writes English)", declared.as_str()),
                Some(false) => write!(f, "{} (not English)", declared.as_str()),
                None => f.write_str(declared.as_str()),
            },
            HintValue::Tone { tone, .. } => f.write_str(tone.as_str()),
            HintValue::Tenure { years, orders, .. } => {
                write!(f, "a customer for {years} years, {orders} orders")
            }
            HintValue::Promises { owed } => {
                let overdue = owed.iter().filter(|p| p.overdue).count();
                write!(f, "{} owed, {overdue} overdue", owed.len())
            }
            HintValue::Topics { topics, .. } => {
                let words: Vec<String> = topics
                    .iter()
                    .map(|t| format!("{}×{}", t.word, t.count))
                    .collect();
                f.write_str(&words.join(" "))
            }
            HintValue::Payment {
                worked,
                on_file,
                offer,
                ..
            } => {
                let names = |list: &[PaymentMethod]| {
                    list.iter()
                        .map(PaymentMethod::as_str)
                        .collect::<Vec<_>>()
                        .join(",")
                };
                if worked.is_empty() {
                    write!(f, "no payment seen; on file: {}", names(on_file))?;
                } else {
                    write!(f, "worked: {}", names(worked))?;
                }
                if let Some(offer) = offer {
                    write!(f, "; offer {}", offer.as_str())?;
                }
                Ok(())
            }
            HintValue::ChurnRisk { level, reasons } => {
                let names: Vec<&str> = reasons.iter().map(ChurnReason::as_str).collect();
                if names.is_empty() {
                    f.write_str(level.as_str())
                } else {
                    write!(f, "{} ({})", level.as_str(), names.join(", "))
                }
            }
            HintValue::NextBestAction {
                action,
                channel,
                at,
                reasons,
            } => {
                f.write_str(action.as_str())?;
                if let Some(c) = channel {
                    write!(f, " by {c}")?;
                }
                let later = reasons
                    .iter()
                    .any(|r| matches!(r, ActionReason::OutsideWindow { .. }));
                if later {
                    write!(f, " at {}", timestamp(*at))?;
                } else if *action != Action::NothingDue {
                    f.write_str(" now")?;
                }
                for (i, reason) in reasons.iter().enumerate() {
                    f.write_str(if i == 0 { ": " } else { ", " })?;
                    write!(f, "{reason}")?;
                }
                Ok(())
            }
        }
    }
}

/// Shows the reason as a short phrase, e.g. "2 calls in 10 minutes".
impl fmt::Display for ActionReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hm = formats::format_time_of_day;
        match self {
            ActionReason::Waiting {
                contacts,
                channel,
                minutes,
            } => {
                let what = if *channel == Channel::Phone {
                    "calls"
                } else {
                    "contacts"
                };
                match (*contacts, *minutes) {
                    (1, _) => write!(f, "1 contact by {channel}"),
                    (n, m) if m < 120 => write!(f, "{n} {what} in {m} minutes"),
                    (n, m) if m < 2 * 24 * 60 => write!(f, "{n} {what} in {} hours", m / 60),
                    (n, m) => write!(f, "{n} {what} in {} days", m / (24 * 60)),
                }
            }
            ActionReason::Preferred { channel } => write!(f, "{channel} preferred"),
            ActionReason::OptedOut { channel } => write!(f, "opted out of {channel}"),
            ActionReason::InWindow { from, to } => {
                write!(f, "{}–{} is within their window", hm(*from), hm(*to))
            }
            ActionReason::OutsideWindow { opens_at } => {
                write!(f, "outside their window until {}", timestamp(*opens_at))
            }
            ActionReason::PromiseOverdue { due_at } => {
                write!(f, "promise due {} is overdue", timestamp(*due_at))
            }
            ActionReason::PaymentFailed { method } => match method {
                Some(m) => write!(f, "payment by {m} failed"),
                None => f.write_str("a payment failed"),
            },
            ActionReason::ChurnRisk { level } => write!(f, "churn risk {}", level.as_str()),
        }
    }
}

/// RFC 3339, or the debug form for an instant RFC 3339 cannot write.
fn timestamp(at: OffsetDateTime) -> String {
    formats::format_timestamp(at).unwrap_or_else(|_| format!("{at:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names Display and `as_str` give are the JSON names, and parse back.
    #[test]
    fn one_name_per_variant_in_json_display_and_parse() {
        fn check<T>(all: &[T], name: fn(T) -> &'static str)
        where
            T: Copy + fmt::Display + Serialize + std::str::FromStr + PartialEq + fmt::Debug,
        {
            for &v in all {
                let json = serde_json::to_string(&v).unwrap();
                assert_eq!(json, format!("\"{}\"", name(v)));
                assert_eq!(v.to_string(), name(v));
                assert!(name(v).parse::<T>().ok() == Some(v), "{v:?}");
            }
        }
        check(HintKind::ALL, HintKind::as_str);
        check(Source::ALL, Source::as_str);
        check(Tone::ALL, Tone::as_str);
        check(RiskLevel::ALL, RiskLevel::as_str);
        check(Action::ALL, Action::as_str);
        assert_eq!(HintKind::NextBestAction.as_str(), "next_best_action");
        assert!("best-time".parse::<HintKind>().is_err());
    }
}
