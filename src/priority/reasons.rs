//! The prose of a priority: [`reasons`] itemizes an [`Assessment`](super::Assessment), each
//! [`Reason`] with its points, a detail sentence for a person and its [`Evidence`].

use serde::Serialize;
use time::{Duration, OffsetDateTime};

use super::assess::{Band, Deadline, DeadlineKind, breakdown, finish};
use super::history::signals_with;
use super::scored::{MessageSource, ScoredText};
use crate::model::formats::serialize_timestamp;
use crate::model::named::named_enum;
use crate::model::{Request, Requester};
use crate::policy::Policy;
use crate::signals::{Cue, CueKind};

named_enum! {
    /// The closed list of reasons that can make up a priority, as `snake_case` words in JSON.
    #[derive(PartialOrd, Ord)]
    #[non_exhaustive]
    pub enum ReasonKind as "reason kind" {
        /// Urgency cues in the customer's words (stranded, locked out, charged twice, today).
        TextUrgency = "text_urgency",
        /// The customer marks everything urgent: their urgency words count less (negative weight).
        SelfUrgentDiscount = "self_urgent_discount",
        /// The customer reports a broken expectation (late, lost, charged, ignored).
        Complaint = "complaint",
        /// The customer's words are negative.
        NegativeSentiment = "negative_sentiment",
        /// The customer's latest message reports the problem solved or the request withdrawn
        /// ("it turned up, all fine now"): nothing waits on us, and what their earlier words
        /// added (text urgency, complaint, negative tone) is cancelled (negative weight).
        CustomerReportsResolved = "customer_reports_resolved",
        /// The customer came back while waiting.
        RepeatContact = "repeat_contact",
        /// Inbound calls nobody picked up while the customer waited.
        MissedCall = "missed_call",
        /// We promised an update and did not give it in time.
        BrokenPromise = "broken_promise",
        /// The customer's latest payment attempt failed: they want to pay and cannot.
        FailedPayment = "failed_payment",
        /// An unanswered contact-us lead.
        Lead = "lead",
        /// The customer moved to a more immediate channel while waiting.
        ChannelEscalation = "channel_escalation",
        /// The level the host set on the request.
        SetPriority = "set_priority",
        /// The customer's tier and lifetime value (bounded).
        CustomerValue = "customer_value",
        /// A colleague's request: it keeps only part of its points (negative weight).
        InternalRequester = "internal_requester",
        /// Time waited since the first unanswered contact.
        Waiting = "waiting",
        /// The SLA deadline has passed.
        SlaBreached = "sla_breached",
        /// Waited longer than the policy's maximum: top band (a band reason, no points).
        MaxWait = "max_wait",
        /// The host marked it waiting on the customer: SLA paused, below every waiting request
        /// (a band reason, no points).
        WaitingOnCustomer = "waiting_on_customer",
        /// We answered last and nothing came in since (a band reason, no points).
        NothingWaiting = "nothing_waiting",
    }
}

/// What a reason rests on.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "type")]
#[non_exhaustive]
pub enum Evidence {
    /// A cue in a customer message.
    Cue {
        /// Which message.
        message: MessageSource,
        /// What kind of cue.
        cue: CueKind,
        /// Byte range in that message's text.
        start: usize,
        /// End of the byte range.
        end: usize,
        /// The cue's words as written.
        text: String,
    },
    /// A score read from a message (complaint, sentiment) without a single cue.
    Message {
        /// Which message.
        message: MessageSource,
        /// The score.
        score: f64,
    },
    /// A customer message and when it arrived (the message that reports the problem solved).
    CustomerMessage {
        /// Which message.
        message: MessageSource,
        /// When it arrived.
        #[serde(serialize_with = "serialize_timestamp")]
        at: OffsetDateTime,
    },
    /// Instants: contacts, missed calls, promise due times, a failed payment.
    Times {
        /// The instants, oldest first.
        #[serde(serialize_with = "serialize_times")]
        at: Vec<OffsetDateTime>,
    },
    /// An SLA deadline.
    Deadline(Deadline),
    /// Nothing beyond the detail text (customer value, host-set level, status).
    None,
}

fn serialize_times<S: serde::Serializer>(
    times: &[OffsetDateTime],
    s: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    let mut seq = s.serialize_seq(Some(times.len()))?;
    for t in times {
        let text =
            crate::model::formats::format_timestamp(*t).map_err(serde::ser::Error::custom)?;
        seq.serialize_element(&text)?;
    }
    seq.end()
}

/// One item of a priority's explanation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Reason {
    /// Which signal.
    pub kind: ReasonKind,
    /// Points it added to the priority (negative for a discount).
    pub weight: f64,
    /// A sentence for a person, e.g. "called again at 21:39 while waiting".
    pub detail: String,
    /// What it rests on.
    pub evidence: Evidence,
}

/// Explains an assessment: every signal that contributed, its points and its evidence.
/// Allocates.
///
/// The weights add up to the assessment's [`priority`](super::Assessment::priority) exactly
/// (up to floating-point rounding): nothing is hidden. The reasons come sorted by absolute
/// weight, largest first, ties by [`ReasonKind::as_str`]; the band reason
/// ([`Assessment::band_reason`](super::Assessment::band_reason)) is always among them, with
/// no points where it is [`ReasonKind::MaxWait`], [`ReasonKind::WaitingOnCustomer`] or
/// [`ReasonKind::NothingWaiting`].
pub fn reasons(
    policy: &Policy,
    request: &Request,
    text: &ScoredText,
    now: OffsetDateTime,
    discount_marks: bool,
) -> Vec<Reason> {
    let b = breakdown(policy, request, text, now, discount_marks);
    let a = finish(policy, request, now, &b, discount_marks);
    let w = policy.weights();
    let history = signals_with(request, now, policy.history(), &mut text.closing_reader());
    let h = &history;
    let mut out = Vec::new();
    let mut push = |kind, weight: f64, detail: String, evidence| {
        out.push(Reason {
            kind,
            weight,
            detail,
            evidence,
        });
    };
    let message_text = |source: MessageSource| -> &str {
        match source {
            MessageSource::RequestText => request.text().unwrap_or(""),
            MessageSource::Event(i) => request.events().get(i).and_then(|e| e.text()).unwrap_or(""),
        }
    };
    let where_ = |source: MessageSource| match source {
        MessageSource::RequestText => "the request".to_owned(),
        MessageSource::Event(i) => request.events().get(i).map_or_else(
            || "a message".to_owned(),
            |e| format!("the message of {}", clock(e.at())),
        ),
    };
    let cue_evidence = |source: MessageSource, cue: Cue| {
        let t = message_text(source);
        let words = t.get(cue.start..cue.end).unwrap_or("").to_owned();
        Evidence::Cue {
            message: source,
            cue: cue.kind,
            start: cue.start,
            end: cue.end,
            text: words,
        }
    };
    if let Some(t) = b.text.as_ref().filter(|t| t.raw > 0.0) {
        let (detail, evidence) = match t.cue {
            Some(cue) => {
                let ev = cue_evidence(t.source, cue);
                let words = match &ev {
                    Evidence::Cue { text, .. } => text.clone(),
                    _ => String::new(),
                };
                (
                    format!(
                        "\"{}\" ({}) in {}, urgency {:.2}",
                        shorten(&words),
                        cue.kind.as_str().replace('_', " "),
                        where_(t.source),
                        t.raw
                    ),
                    ev,
                )
            }
            None => (
                format!("urgency {:.2} in {}", t.raw, where_(t.source)),
                Evidence::Message {
                    message: t.source,
                    score: t.raw,
                },
            ),
        };
        push(
            ReasonKind::TextUrgency,
            w.text_urgency * t.raw,
            detail,
            evidence,
        );
    }
    if b.discount < 0.0 {
        push(
            ReasonKind::SelfUrgentDiscount,
            b.discount,
            format!(
                "this customer marks most requests urgent: urgency words count at most {:.0}%, \
                 and only as far as the rest of the message is urgent",
                policy.self_urgent().factor * 100.0
            ),
            Evidence::None,
        );
    }
    if let Some((source, score, cue)) = b.complaint {
        let evidence = match cue {
            Some(cue) => cue_evidence(source, cue),
            None => Evidence::Message {
                message: source,
                score,
            },
        };
        let words = match &evidence {
            Evidence::Cue { text, .. } => format!(" (\"{}\")", shorten(text)),
            _ => String::new(),
        };
        push(
            ReasonKind::Complaint,
            w.complaint * score,
            format!("complaint {score:.2} in {}{words}", where_(source)),
            evidence,
        );
    }
    if let Some((source, score)) = b.negative {
        push(
            ReasonKind::NegativeSentiment,
            w.negative_sentiment * score,
            format!("negative tone {:.2} in {}", -score, where_(source)),
            Evidence::Message {
                message: source,
                score: -score,
            },
        );
    }
    if let Some((event, at)) = b.closure {
        let message = MessageSource::Event(event);
        push(
            ReasonKind::CustomerReportsResolved,
            b.resolved_cut,
            format!(
                "the customer reported it resolved in {}: their earlier words no longer count \
                 and nothing waits on us",
                where_(message)
            ),
            Evidence::CustomerMessage { message, at },
        );
    }
    if b.repeat > 0.0 {
        let times: Vec<_> = h.repeat_contacts.iter().map(|r| r.at).collect();
        let list: Vec<String> = h
            .repeat_contacts
            .iter()
            .map(|r| format!("{} by {}", clock(r.at), r.channel))
            .collect();
        push(
            ReasonKind::RepeatContact,
            b.repeat,
            format!(
                "came back {} time{} while waiting: {}",
                times.len(),
                plural(times.len()),
                list.join(", ")
            ),
            Evidence::Times { at: times },
        );
    }
    if b.missed > 0.0 {
        let times: Vec<_> = h.missed_calls.iter().map(|c| c.at).collect();
        push(
            ReasonKind::MissedCall,
            b.missed,
            format!(
                "{} call{} nobody picked up",
                times.len(),
                plural(times.len())
            ),
            Evidence::Times { at: times },
        );
    }
    if b.promise > 0.0 {
        let times: Vec<_> = h.broken_promises.iter().map(|p| p.due_at).collect();
        let list: Vec<String> = h
            .broken_promises
            .iter()
            .map(|p| format!("due {}, {} overdue", clock(p.due_at), human(p.overdue)))
            .collect();
        push(
            ReasonKind::BrokenPromise,
            b.promise,
            format!(
                "promised an update and did not give it: {}",
                list.join("; ")
            ),
            Evidence::Times { at: times },
        );
    }
    if let Some(p) = &h.failed_payment {
        push(
            ReasonKind::FailedPayment,
            b.payment,
            format!(
                "payment failed at {}: the customer wants to pay and cannot",
                clock(p.at)
            ),
            Evidence::Times { at: vec![p.at] },
        );
    }
    if let Some(l) = &h.lead {
        push(
            ReasonKind::Lead,
            b.lead,
            format!("lead unanswered for {}", human(l.waited)),
            Evidence::Times {
                at: vec![l.received_at],
            },
        );
    }
    if let Some(e) = &h.channel_escalation {
        push(
            ReasonKind::ChannelEscalation,
            b.escalation,
            format!("moved from {} to {} at {}", e.from, e.to, clock(e.at)),
            Evidence::Times { at: vec![e.at] },
        );
    }
    if b.set_priority > 0.0 {
        push(
            ReasonKind::SetPriority,
            b.set_priority,
            format!(
                "set to {} on the request",
                request.priority().map_or("", |l| l.as_str())
            ),
            Evidence::None,
        );
    }
    let profile = request.customer();
    let unknown = profile.tier().is_none() || profile.lifetime_value().is_none();
    // An unknown tier or value is said, even at 0 points, so nobody reads a missing fact as
    // a low one. Colleagues' requests earn no customer value, so nothing is said for them.
    if b.customer > 0.0 || (unknown && !b.internal) {
        let tier = profile.tier().map_or_else(
            || "tier unknown".to_owned(),
            |t| format!("{} tier", t.as_str()),
        );
        let value = profile.lifetime_value().map_or_else(
            || "value unknown".to_owned(),
            |v| format!("lifetime value {v}"),
        );
        push(
            ReasonKind::CustomerValue,
            b.customer,
            format!("{tier}, {value}"),
            Evidence::None,
        );
    }
    if b.internal {
        let who = match request.requester() {
            Requester::Internal { name, role } => match (name, role) {
                (Some(n), Some(r)) => format!(" from {n} ({r})"),
                (Some(n), None) => format!(" from {n}"),
                (None, Some(r)) => format!(" from a {r}"),
                (None, None) => String::new(),
            },
            Requester::Customer => String::new(),
        };
        push(
            ReasonKind::InternalRequester,
            b.internal_cut,
            format!(
                "internal request{who}: keeps {:.0}% of its points; customers come first",
                policy.internal_factor() * 100.0
            ),
            Evidence::None,
        );
    }
    match (a.band, a.waiting_since, a.next_breach) {
        // The band reason the assessment chose; a closure's reason is pushed above.
        (Band::NotWaiting, _, _) => match a.band_reason {
            ReasonKind::WaitingOnCustomer => push(
                ReasonKind::WaitingOnCustomer,
                0.0,
                "waiting on the customer: SLA clock paused, below every request waiting on us"
                    .to_owned(),
                Evidence::None,
            ),
            ReasonKind::NothingWaiting => push(
                ReasonKind::NothingWaiting,
                0.0,
                "we answered last and nothing has come in since".to_owned(),
                Evidence::None,
            ),
            _ => {}
        },
        (band, Some(since), Some(deadline)) => {
            push(
                ReasonKind::Waiting,
                w.waiting_per_hour * a.waited.whole_seconds() as f64 / 3600.0,
                format!(
                    "waiting since {} ({} counted)",
                    clock(since),
                    human(a.waited)
                ),
                Evidence::Times { at: vec![since] },
            );
            if deadline.breached() {
                let what = match deadline.kind {
                    DeadlineKind::FirstReply => "first reply",
                    DeadlineKind::NextReply => "next reply",
                    DeadlineKind::DueAt => "the request's due time",
                };
                push(
                    ReasonKind::SlaBreached,
                    w.sla_breached,
                    format!(
                        "{what} ({} level) was due {}, {} overdue",
                        a.level.as_str(),
                        clock(deadline.due_at),
                        human(-deadline.remaining)
                    ),
                    Evidence::Deadline(deadline),
                );
            }
            if band == Band::MaxWait {
                push(
                    ReasonKind::MaxWait,
                    0.0,
                    format!(
                        "waited {}, more than the policy's maximum of {}: top band",
                        human(a.waited),
                        human(Duration::seconds(
                            i64::try_from(policy.max_wait().as_secs()).unwrap_or(i64::MAX)
                        ))
                    ),
                    Evidence::Times { at: vec![since] },
                );
            }
        }
        _ => {}
    }
    sort_by_weight(&mut out);
    out
}

/// Largest absolute weight first, ties by kind name.
fn sort_by_weight(reasons: &mut [Reason]) {
    reasons.sort_by(|a, b| {
        b.weight
            .abs()
            .total_cmp(&a.weight.abs())
            .then_with(|| a.kind.as_str().cmp(b.kind.as_str()))
    });
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `HH:MM` in the instant's own offset, with the date when it is not the same day as
/// nothing else: short, for details.
fn clock(at: OffsetDateTime) -> String {
    format!(
        "{}-{:02}-{:02} {:02}:{:02}",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute()
    )
}

fn human(d: Duration) -> String {
    ShortDuration(d).to_string()
}

/// A duration for a person, in its two largest units: `45s`, `7m`, `3h 05m`, `2d 04h`,
/// `14d 13h` (days are the largest unit; a negative duration gets a `-`). The one format of
/// durations in reasons' details and `triage`'s table; JSON carries integer seconds instead.
/// It truncates: `7m 59s` shows as `7m`.
///
/// ```
/// use realboss::priority::ShortDuration;
/// use time::Duration;
/// assert_eq!(ShortDuration(Duration::minutes(3 * 60 + 5)).to_string(), "3h 05m");
/// assert_eq!(ShortDuration(Duration::hours(14 * 24 + 13)).to_string(), "14d 13h");
/// assert_eq!(ShortDuration(Duration::seconds(-45)).to_string(), "-45s");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShortDuration(pub Duration);

impl std::fmt::Display for ShortDuration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let seconds = self.0.whole_seconds();
        let sign = if seconds < 0 { "-" } else { "" };
        let s = seconds.unsigned_abs();
        let (days, hours, minutes) = (s / 86_400, s % 86_400 / 3_600, s % 3_600 / 60);
        if days > 0 {
            write!(f, "{sign}{days}d {hours:02}h")
        } else if hours > 0 {
            write!(f, "{sign}{hours}h {minutes:02}m")
        } else if minutes > 0 {
            write!(f, "{sign}{minutes}m")
        } else {
            write!(f, "{sign}{s}s")
        }
    }
}

fn shorten(text: &str) -> String {
    const MAX: usize = 60;
    match text.char_indices().nth(MAX) {
        None => text.to_owned(),
        Some((cut, _)) => format!("{}…", &text[..cut]),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Band, DeadlineKind, ReasonKind};
    use super::ShortDuration;
    use time::Duration;

    #[test]
    fn durations_read_in_their_two_largest_units() {
        let shown = |seconds: i64| ShortDuration(Duration::seconds(seconds)).to_string();
        assert_eq!(shown(0), "0s");
        assert_eq!(shown(45), "45s");
        assert_eq!(shown(7 * 60 + 59), "7m");
        assert_eq!(shown(3 * 3600 + 5 * 60), "3h 05m");
        assert_eq!(shown(2 * 86_400 + 4 * 3600 + 59), "2d 04h");
        assert_eq!(shown(14 * 86_400 + 13 * 3600 + 36 * 60), "14d 13h");
        assert_eq!(shown(-32 * 60), "-32m");
        assert_eq!(
            ShortDuration(Duration::MIN).to_string().chars().next(),
            Some('-')
        );
    }

    /// Checks that every variant's JSON form is its `as_str` name and reads back.
    fn json_is_the_name<T>(all: &[T], name: fn(&T) -> &'static str)
    where
        T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
    {
        for v in all {
            let json = serde_json::to_string(v).expect("a name serializes");
            assert_eq!(json, format!("\"{}\"", name(v)));
            assert_eq!(&serde_json::from_str::<T>(&json).expect("reads back"), v);
        }
    }

    #[test]
    fn reason_band_and_deadline_names_are_their_json_names() {
        json_is_the_name(ReasonKind::ALL, |k| k.as_str());
        json_is_the_name(Band::ALL, |b| b.as_str());
        json_is_the_name(DeadlineKind::ALL, |k| k.as_str());
        // The names the JSON output has always used (triage --json, hosts' stored reasons).
        let names: Vec<&str> = ReasonKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(
            names,
            [
                "text_urgency",
                "self_urgent_discount",
                "complaint",
                "negative_sentiment",
                "customer_reports_resolved",
                "repeat_contact",
                "missed_call",
                "broken_promise",
                "failed_payment",
                "lead",
                "channel_escalation",
                "set_priority",
                "customer_value",
                "internal_requester",
                "waiting",
                "sla_breached",
                "max_wait",
                "waiting_on_customer",
                "nothing_waiting",
            ]
        );
        assert_eq!(Band::MaxWait.to_string(), "max_wait");
        assert_eq!(
            "due_at".parse::<DeadlineKind>().ok(),
            Some(DeadlineKind::DueAt)
        );
        assert!("Waiting".parse::<Band>().is_err());
        // `Ord` follows the declaration order: reasons are listed in it, bands rank by it.
        assert!(ReasonKind::ALL.windows(2).all(|w| w[0] < w[1]));
        assert!(Band::NotWaiting < Band::Waiting && Band::Waiting < Band::MaxWait);
    }
}
