//! The hint rules, one function per hint, over events already read once.

use std::collections::HashMap;

use time::{OffsetDateTime, Time, UtcOffset, Weekday};

use super::config::HintsConfig;
use super::message::{COMPLAINT_FROM, ScoredEvent};
use super::types::{
    Action, ActionReason, ChurnReason, DECLARED_CONFIDENCE, Evidence, Hint, HintKind, HintValue,
    Hints, Ignored, OwedPromise, RiskLevel, Source, Tone, Topic,
};
use crate::model::{
    CallOutcome, Channel, ContactEvent, CustomerProfile, Direction, EventKind, PaymentMethod,
    PaymentOutcome, Tier,
};
use crate::text::keywords::form_order;

/// Years with us from which tenure is worth acknowledging: 2.
pub(crate) const ACKNOWLEDGE_YEARS: u32 = 2;

/// Orders from which tenure is worth acknowledging: 10.
pub(crate) const ACKNOWLEDGE_ORDERS: u32 = 10;

/// Fall in mean sentiment compound, later half of their recent messages against the earlier
/// half, that counts as falling sentiment: 0.3 (VADER's neutral band is ±0.05, so 0.3 is a
/// clear change of mood, e.g. from mildly positive to negative).
pub(crate) const FALLING_SENTIMENT_DROP: f64 = 0.3;

/// Churn points of a leaving mention: 2 (every other reason counts 1). Saying "I'll cancel"
/// is the clearest sign; with one more reason the risk is high.
pub(crate) const LEAVING_POINTS: u32 = 2;

/// Churn points from which the risk is high: 3.
pub(crate) const HIGH_RISK_POINTS: u32 = 3;

/// Fewest messages a keyword must appear in to be a recurring topic: 2.
pub(crate) const MIN_TOPIC_MESSAGES: u32 = 2;

/// Confidence of a channel chosen only because it is permitted (email, then SMS) when what
/// the customer uses is not: 0.2.
pub(crate) const FALLBACK_CONFIDENCE: f64 = 0.2;

const DAY_SECS: i64 = 86_400;

/// `n / (n + k)`: how much `n` observations are worth when `k` are needed (one half at `k`).
fn weight(n: u32, k: u32) -> f64 {
    let n = f64::from(n);
    n / (n + f64::from(k.max(1)))
}

/// `part / whole`, 0 for an empty whole.
fn share(part: u32, whole: u32) -> f64 {
    if whole == 0 {
        0.0
    } else {
        f64::from(part) / f64::from(whole)
    }
}

/// What the rules share: the customer's events in time order.
struct Ctx<'a> {
    config: &'a HintsConfig,
    profile: &'a CustomerProfile,
    history: &'a [ScoredEvent],
    now: OffsetDateTime,
    /// Indexes of this customer's events up to `now`, in time order.
    all: Vec<usize>,
    /// Where the lookback starts in `all`.
    recent_from: usize,
    /// Indexes of the latest `recent_messages` customer messages with text, in time order.
    messages: Vec<usize>,
}

impl<'a> Ctx<'a> {
    fn event(&self, i: usize) -> &'a ContactEvent {
        &self.history[i].event
    }
    fn recent(&self) -> &[usize] {
        &self.all[self.recent_from..]
    }
    fn min(&self) -> u32 {
        self.config.min_evidence
    }
}

fn hint(kind: HintKind, value: HintValue, confidence: f64, evidence: Evidence) -> Hint {
    Hint {
        kind,
        value,
        // Every rule yields a value in [0, 1]; the clamp only guards against rounding.
        confidence: if confidence.is_finite() {
            confidence.clamp(0.0, 1.0)
        } else {
            0.0
        },
        evidence,
    }
}

fn too_little(kind: HintKind, needed: u32, seen: u32) -> Hint {
    hint(
        kind,
        HintValue::TooLittleData { needed, seen },
        0.0,
        Evidence::default(),
    )
}

pub(crate) fn derive(
    config: &HintsConfig,
    profile: &CustomerProfile,
    history: &[ScoredEvent],
    now: OffsetDateTime,
) -> Hints {
    let mut ignored = Ignored::default();
    // Instants as integers, converted once: comparing `OffsetDateTime`s normalizes offsets on
    // every comparison, which dominated the cost on long histories.
    let now_key = now.unix_timestamp_nanos();
    let mut keyed: Vec<(i128, usize)> = Vec::with_capacity(history.len());
    for (i, scored) in history.iter().enumerate() {
        let at = scored.event.at().unix_timestamp_nanos();
        if scored.event.customer() != profile.id() {
            ignored.other_customers = ignored.other_customers.saturating_add(1);
        } else if at > now_key {
            ignored.after_now = ignored.after_now.saturating_add(1);
        } else {
            keyed.push((at, i));
        }
    }
    // Time order, equal instants in slice order; linear on an already sorted history.
    keyed.sort_by_key(|&(at, _)| at);
    let recent_from = match now.checked_sub(config.lookback.as_duration()) {
        Some(since) => {
            let since = since.unix_timestamp_nanos();
            keyed.partition_point(|&(at, _)| at < since)
        }
        None => 0,
    };
    let all: Vec<usize> = keyed.into_iter().map(|(_, i)| i).collect();
    ignored.before_lookback = u32::try_from(recent_from).unwrap_or(u32::MAX);
    let mut messages: Vec<usize> = all[recent_from..]
        .iter()
        .rev()
        .copied()
        .filter(|&i| history[i].notes.is_some())
        .take(config.recent_messages as usize)
        .collect();
    messages.reverse();
    let ctx = Ctx {
        config,
        profile,
        history,
        now,
        all,
        recent_from,
        messages,
    };

    let (channel_hint, reach) = preferred_channel(&ctx);
    let best_time = best_time(&ctx, reach.as_ref());
    let promises = promises(&ctx);
    let payment = payment(&ctx);
    let churn = churn(&ctx);
    let action = next_best_action(&ctx, &channel_hint, reach, &promises, &payment, &churn);
    Hints {
        hints: vec![
            channel_hint,
            best_time,
            language(&ctx),
            tone(&ctx),
            tenure(&ctx),
            promises,
            topics(&ctx),
            payment,
            churn,
            action,
        ],
        ignored,
    }
}

/// Whether the event shows the customer using a channel: a contact they started or an
/// answer to ours.
fn uses_channel(event: &ContactEvent) -> bool {
    event.is_customer_message()
        || matches!(
            (event.direction(), event.kind()),
            (
                Direction::Outbound,
                EventKind::Call {
                    outcome: CallOutcome::Answered
                }
            )
        )
}

/// A permitted channel for a contact we start when nothing better is known.
fn fallback_channel(profile: &CustomerProfile) -> Option<Channel> {
    [Channel::Email, Channel::Sms]
        .into_iter()
        .find(|c| profile.allows(c))
}

fn preferred_channel(ctx: &Ctx<'_>) -> (Hint, Option<Channel>) {
    let kind = HintKind::PreferredChannel;
    let mut counts: Vec<(&Channel, Evidence)> = Vec::new();
    for &i in ctx.recent() {
        let event = ctx.event(i);
        if !uses_channel(event) {
            continue;
        }
        let slot = match counts.iter().position(|(c, _)| *c == event.channel()) {
            Some(slot) => slot,
            None => {
                counts.push((event.channel(), Evidence::default()));
                counts.len() - 1
            }
        };
        counts[slot].1.add(i, event.at());
    }
    // Most used first, ties by channel order, so the result does not depend on input order.
    counts.sort_by(|a, b| b.1.events.cmp(&a.1.events).then_with(|| a.0.cmp(b.0)));
    let total: u32 = counts.iter().map(|(_, e)| e.events).sum();
    let observed = counts.first().map(|(c, _)| (*c).clone());
    let declared = ctx.profile.preferred_channel().cloned();
    let allowed_best = counts.iter().find(|(c, _)| ctx.profile.allows(c));
    let value = |channel: &Channel, source| HintValue::Channel {
        channel: channel.clone(),
        source,
        declared: declared.clone(),
        observed: observed.clone(),
    };
    if let (true, Some((channel, evidence))) = (total >= ctx.min(), allowed_best) {
        let confidence = share(evidence.events, total) * weight(total, ctx.min());
        let h = hint(
            kind,
            value(channel, Source::Observed),
            confidence,
            evidence.clone(),
        );
        return (h, Some((*channel).clone()));
    }
    if let Some(channel) = declared.as_ref().filter(|c| ctx.profile.allows(c)) {
        let h = hint(
            kind,
            value(channel, Source::Declared),
            DECLARED_CONFIDENCE,
            Evidence::default(),
        );
        return (h, Some(channel.clone()));
    }
    if total >= ctx.min() {
        // They use only channels they opted out of being contacted on.
        if let Some(channel) = fallback_channel(ctx.profile) {
            let h = hint(
                kind,
                value(&channel, Source::Fallback),
                FALLBACK_CONFIDENCE,
                Evidence::default(),
            );
            return (h, Some(channel));
        }
    }
    let seen = allowed_best.map_or(0, |(_, e)| e.events);
    (too_little(kind, ctx.min(), seen), None)
}

/// Seconds since local midnight of a time of day.
fn secs_of(t: Time) -> i64 {
    i64::from(t.hour()) * 3_600 + i64::from(t.minute()) * 60 + i64::from(t.second())
}

/// The local hour (0..24) of `at` on a clock at `offset`.
fn local_hour(at: OffsetDateTime, offset: UtcOffset) -> usize {
    let local = at.unix_timestamp() + i64::from(offset.whole_seconds());
    (local.rem_euclid(DAY_SECS) / 3_600) as usize
}

/// A time of day from seconds since midnight; 24:00 reads as 23:59:59.
fn time_of(secs: i64) -> Time {
    let secs = secs.clamp(0, DAY_SECS - 1);
    Time::from_hms(
        (secs / 3_600) as u8,
        (secs / 60 % 60) as u8,
        (secs % 60) as u8,
    )
    .unwrap_or(Time::MIDNIGHT)
}

fn best_time(ctx: &Ctx<'_>, channel: Option<&Channel>) -> Hint {
    let kind = HintKind::BestTime;
    let Some(channel) = channel else {
        return too_little(kind, ctx.min(), 0);
    };
    // The customer's clock now names the hours of the answer; each event is read on the clock
    // it happened under, so a zone's summer and winter hours are the same local hours.
    let offset = ctx.profile.utc_offset_at(ctx.now);
    let mut answered = [0u32; 24];
    let mut tried = [0u32; 24];
    let mut evidence: [Evidence; 24] = Default::default();
    for &i in ctx.recent() {
        let event = ctx.event(i);
        if event.channel() != channel {
            continue;
        }
        let answer = match (event.direction(), event.kind()) {
            (Direction::Outbound, EventKind::Call { outcome }) if *channel == Channel::Phone => {
                *outcome == CallOutcome::Answered
            }
            // On written channels, the hours they write in are the hours they read us.
            _ if *channel != Channel::Phone && event.is_customer_message() => true,
            _ => continue,
        };
        let h = local_hour(event.at(), ctx.profile.utc_offset_at(event.at()));
        tried[h] += 1;
        if answer {
            answered[h] += 1;
            evidence[h].add(i, event.at());
        }
    }
    let windows = ctx.profile.contact_windows();
    // The part of hour `h` inside a declared window (the whole hour when none is declared).
    let slot = |h: usize| -> Option<(i64, i64)> {
        let (start, end) = (h as i64 * 3_600, (h as i64 + 1) * 3_600);
        if windows.is_empty() {
            return Some((start, end));
        }
        windows
            .iter()
            .flat_map(|w| {
                let (from, to) = (secs_of(w.start()), secs_of(w.end()));
                // A window across midnight is two parts of the day: to midnight and from it.
                if w.crosses_midnight() {
                    [(from, DAY_SECS), (0, to)]
                } else {
                    [(from, to), (0, 0)]
                }
            })
            .map(|(from, to)| (from.max(start), to.min(end)))
            .filter(|(s, e)| s < e)
            .max_by_key(|(s, e)| (e - s, -s))
    };
    let total: u32 = (0..24)
        .filter(|&h| slot(h).is_some())
        .map(|h| answered[h])
        .sum();
    if total >= ctx.min() {
        // Most answers, then the best answer rate, then the earliest hour.
        let best = (0..24usize)
            .filter(|&h| answered[h] > 0)
            .filter_map(|h| slot(h).map(|s| (h, s)))
            .max_by(|a, b| {
                answered[a.0]
                    .cmp(&answered[b.0])
                    .then_with(|| {
                        share(answered[a.0], tried[a.0])
                            .total_cmp(&share(answered[b.0], tried[b.0]))
                    })
                    .then_with(|| b.0.cmp(&a.0))
            });
        if let Some((h, (from, to))) = best {
            return hint(
                kind,
                HintValue::BestTime {
                    channel: channel.clone(),
                    from: time_of(from),
                    to: time_of(to),
                    utc_offset: offset,
                    source: Source::Observed,
                    answered: answered[h],
                    tried: tried[h],
                },
                share(answered[h], total) * weight(total, ctx.min()),
                evidence[h].clone(),
            );
        }
    }
    if let Some(w) = windows.first() {
        return hint(
            kind,
            HintValue::BestTime {
                channel: channel.clone(),
                from: w.start(),
                to: w.end(),
                utc_offset: offset,
                source: Source::Declared,
                answered: 0,
                tried: 0,
            },
            DECLARED_CONFIDENCE,
            Evidence::default(),
        );
    }
    too_little(kind, ctx.min(), total)
}

fn is_english_tag(profile: &CustomerProfile) -> bool {
    profile
        .language()
        .primary_language()
        .eq_ignore_ascii_case("en")
}

fn language(ctx: &Ctx<'_>) -> Hint {
    let (mut judged, mut english) = (0u32, 0u32);
    let mut evidence = Evidence::default();
    for &i in &ctx.messages {
        if let Some(e) = ctx.history[i].notes.as_ref().and_then(|n| n.english) {
            judged += 1;
            english += u32::from(e);
            evidence.add(i, ctx.event(i).at());
        }
    }
    let writes_english = if judged < ctx.min() || english * 2 == judged {
        None
    } else {
        Some(english * 2 > judged)
    };
    // Declared confidence, raised toward 1 by agreeing messages, lowered toward 0 otherwise.
    let confidence = match writes_english {
        None => DECLARED_CONFIDENCE,
        Some(writes) => {
            let majority = english.max(judged - english);
            let strength = share(majority, judged) * weight(judged, ctx.min());
            if writes == is_english_tag(ctx.profile) {
                DECLARED_CONFIDENCE + (1.0 - DECLARED_CONFIDENCE) * strength
            } else {
                DECLARED_CONFIDENCE * (1.0 - strength)
            }
        }
    };
    hint(
        HintKind::Language,
        HintValue::Language {
            declared: ctx.profile.language().clone(),
            writes_english,
        },
        confidence,
        evidence,
    )
}

fn tone(ctx: &Ctx<'_>) -> Hint {
    let kind = HintKind::Tone;
    let (mut formal, mut casual) = (0u32, 0u32);
    let (mut formal_ev, mut casual_ev) = (Evidence::default(), Evidence::default());
    for &i in &ctx.messages {
        let Some(notes) = ctx.history[i].notes.as_ref() else {
            continue;
        };
        let at = ctx.event(i).at();
        let tone = notes.signals.tone;
        if tone.formal > tone.casual {
            formal += 1;
            formal_ev.add(i, at);
        } else if tone.casual > tone.formal {
            casual += 1;
            casual_ev.add(i, at);
        }
    }
    let classed = formal + casual;
    let read = u32::try_from(ctx.messages.len()).unwrap_or(u32::MAX);
    if classed < ctx.min() {
        if read < ctx.min() {
            return too_little(kind, ctx.min(), read);
        }
        // Enough messages, few marks either way: they write plainly.
        let mut evidence = Evidence::default();
        for &i in &ctx.messages {
            evidence.add(i, ctx.event(i).at());
        }
        return hint(
            kind,
            HintValue::Tone {
                tone: Tone::Plain,
                formal,
                casual,
            },
            share(read - classed, read) * weight(read, ctx.min()),
            evidence,
        );
    }
    let (tone, agreeing, evidence) = match formal.cmp(&casual) {
        std::cmp::Ordering::Greater => (Tone::Formal, formal, formal_ev),
        std::cmp::Ordering::Less => (Tone::Casual, casual, casual_ev),
        std::cmp::Ordering::Equal => (Tone::Mixed, formal, formal_ev),
    };
    hint(
        kind,
        HintValue::Tone {
            tone,
            formal,
            casual,
        },
        share(agreeing, classed) * weight(classed, ctx.min()),
        evidence,
    )
}

fn tenure(ctx: &Ctx<'_>) -> Hint {
    // Tenure counts from the date the customer joined; without it there is nothing to say
    // (the profile never invents one): one fact needed, none seen.
    let Some(since) = ctx.profile.customer_since() else {
        return too_little(HintKind::Tenure, 1, 0);
    };
    let today = ctx.now.date();
    let mut years = today.year() - since.year();
    if (today.month() as u8, today.day()) < (since.month() as u8, since.day()) {
        years -= 1;
    }
    let years = u32::try_from(years).unwrap_or(0);
    let mut evidence = Evidence::default();
    for &i in &ctx.all {
        if matches!(ctx.event(i).kind(), EventKind::Purchase { .. }) {
            evidence.add(i, ctx.event(i).at());
        }
    }
    let orders = evidence.events;
    let tier = ctx.profile.tier();
    hint(
        HintKind::Tenure,
        HintValue::Tenure {
            since,
            years,
            orders,
            lifetime_value: ctx.profile.lifetime_value(),
            tier,
            worth_acknowledging: years >= ACKNOWLEDGE_YEARS
                || orders >= ACKNOWLEDGE_ORDERS
                || tier.is_some_and(|t| t >= Tier::Gold),
        },
        1.0,
        evidence,
    )
}

fn promises(ctx: &Ctx<'_>) -> Hint {
    let mut open: Vec<(usize, OffsetDateTime, OffsetDateTime)> = Vec::new();
    for &i in &ctx.all {
        let event = ctx.event(i);
        if event.is_answer() {
            // Any answer after a promise keeps it, as in priority::history.
            open.clear();
        } else if let Some(due_at) = event.promise_due() {
            open.push((i, event.at(), due_at));
        }
    }
    let mut evidence = Evidence::default();
    let owed = open
        .iter()
        .map(|&(i, promised_at, due_at)| {
            evidence.add(i, promised_at);
            OwedPromise {
                promised_at,
                due_at,
                overdue: due_at < ctx.now,
            }
        })
        .collect();
    hint(
        HintKind::Promises,
        HintValue::Promises { owed },
        1.0,
        evidence,
    )
}

fn topics(ctx: &Ctx<'_>) -> Hint {
    let kind = HintKind::Topics;
    // Only messages that read as English carry keywords (the stemmer is English).
    let english: Vec<usize> = ctx
        .messages
        .iter()
        .copied()
        .filter(|&i| {
            ctx.history[i]
                .notes
                .as_ref()
                .is_some_and(|n| n.english != Some(false))
        })
        .collect();
    let read = u32::try_from(english.len()).unwrap_or(u32::MAX);
    if read < ctx.min() {
        return too_little(kind, ctx.min(), read);
    }
    // Stem → (messages, the first word seen, whether another word was seen too).
    let mut counts: HashMap<&str, (u64, &str, bool)> = HashMap::new();
    let mut evidence = Evidence::default();
    for &i in &english {
        if let Some(notes) = ctx.history[i].notes.as_ref() {
            evidence.add(i, ctx.event(i).at());
            for keyword in &notes.keywords {
                let (messages, word, several) = counts.entry(keyword.stem.as_str()).or_insert((
                    0,
                    keyword.word.as_str(),
                    false,
                ));
                *messages += 1;
                *several |= *word != keyword.word;
            }
        }
    }
    let mut topics: Vec<(&str, (u64, &str, bool))> = counts
        .into_iter()
        .filter(|&(_, (n, ..))| n >= u64::from(MIN_TOPIC_MESSAGES))
        .collect();
    // Hash order never reaches the output: a total order by count, then stem.
    topics.sort_by(|a, b| b.1.0.cmp(&a.1.0).then_with(|| a.0.cmp(b.0)));
    topics.truncate(ctx.config.top_topics as usize);
    let topics: Vec<Topic> = topics
        .into_iter()
        .map(|(stem, (count, first, several))| Topic {
            word: if several {
                most_written(ctx, &english, stem).to_owned()
            } else {
                first.to_owned()
            },
            stem: stem.to_owned(),
            count,
        })
        .collect();
    hint(
        kind,
        HintValue::Topics {
            topics,
            messages: read,
        },
        weight(read, ctx.min()),
        evidence,
    )
}

/// The word `stem` is written as in most of the `messages` (each message's keyword counts
/// once; ties: the shorter, then the alphabetically first).
fn most_written<'a>(ctx: &Ctx<'a>, messages: &[usize], stem: &str) -> &'a str {
    let mut forms: Vec<(&'a str, u64)> = Vec::new();
    for &i in messages {
        let keywords = ctx.history[i].notes.iter().flat_map(|n| &n.keywords);
        for keyword in keywords.filter(|k| k.stem == stem) {
            match forms.iter_mut().find(|(w, _)| *w == keyword.word) {
                Some((_, n)) => *n += 1,
                None => forms.push((&keyword.word, 1)),
            }
        }
    }
    forms
        .into_iter()
        .min_by(|a, b| form_order(a.0, a.1, b.0, b.1))
        .map_or("", |(w, _)| w)
}

fn payment(ctx: &Ctx<'_>) -> Hint {
    // (method, successes, index of the latest success)
    let mut worked: Vec<(&PaymentMethod, u32, usize)> = Vec::new();
    let mut failure: Option<(usize, Option<&PaymentMethod>)> = None;
    let mut evidence = Evidence::default();
    for &i in ctx.recent() {
        let EventKind::PaymentAttempt {
            outcome, method, ..
        } = ctx.event(i).kind()
        else {
            continue;
        };
        evidence.add(i, ctx.event(i).at());
        match outcome {
            PaymentOutcome::Succeeded => {
                failure = None;
                if let Some(method) = method {
                    match worked.iter_mut().find(|(m, ..)| *m == method) {
                        Some(w) => {
                            w.1 += 1;
                            w.2 = i;
                        }
                        None => worked.push((method, 1, i)),
                    }
                }
            }
            PaymentOutcome::Failed => failure = Some((i, method.as_ref())),
        }
    }
    let attempts = evidence.events;
    let declared = ctx.profile.payment_methods();
    if attempts == 0 && declared.is_empty() {
        return too_little(HintKind::Payment, 1, 0);
    }
    // Most successes first, then the most recently used, then method order.
    worked.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| {
                let (ta, tb) = (ctx.event(a.2).at(), ctx.event(b.2).at());
                tb.cmp(&ta)
            })
            .then_with(|| a.0.cmp(b.0))
    });
    let failed = failure.and_then(|(_, m)| m);
    let offer = failure.and_then(|_| {
        worked
            .iter()
            .map(|(m, ..)| *m)
            .chain(declared.iter())
            .find(|m| Some(*m) != failed)
            .cloned()
    });
    let confidence = if attempts == 0 {
        DECLARED_CONFIDENCE
    } else {
        weight(attempts, ctx.min())
    };
    hint(
        HintKind::Payment,
        HintValue::Payment {
            worked: worked.iter().map(|(m, ..)| (*m).clone()).collect(),
            on_file: declared.to_vec(),
            failed: failed.cloned(),
            unresolved_failure: failure.is_some(),
            offer,
        },
        confidence,
        evidence,
    )
}

fn is_complaint(scored: &ScoredEvent) -> bool {
    matches!(scored.event.kind(), EventKind::Complaint)
        || scored
            .notes
            .as_ref()
            .is_some_and(|n| n.signals.complaint.score >= COMPLAINT_FROM)
}

fn churn(ctx: &Ctx<'_>) -> Hint {
    let kind = HintKind::ChurnRisk;
    let msgs = &ctx.messages;
    let notes = |i: usize| ctx.history[i].notes.as_ref();
    let mut reasons = Vec::new();
    let mut points = 0;
    if let Some(&i) = msgs
        .iter()
        .rev()
        .find(|&&i| notes(i).is_some_and(|n| n.signals.leaving))
    {
        reasons.push(ChurnReason::LeavingMention {
            at: ctx.event(i).at(),
        });
        points += LEAVING_POINTS;
    }
    let last_contact = ctx
        .recent()
        .iter()
        .rev()
        .copied()
        .find(|&i| ctx.event(i).is_customer_message());
    if let Some(i) = last_contact.filter(|&i| is_complaint(&ctx.history[i])) {
        let since = ctx.event(i).at();
        let silent = ctx.now - since;
        if silent >= ctx.config.silence_after_complaint.as_duration() {
            reasons.push(ChurnReason::SilenceAfterComplaint {
                since,
                days: silent.whole_days(),
            });
            points += 1;
        }
    }
    let half = msgs.len() / 2;
    if half >= 2 {
        let (earlier, later) = (&msgs[..half], &msgs[msgs.len() - half..]);
        let complaints = |part: &[usize]| {
            part.iter()
                .filter(|&&i| is_complaint(&ctx.history[i]))
                .count() as u32
        };
        let (ce, cl) = (complaints(earlier), complaints(later));
        if cl > ce && cl >= 2 {
            reasons.push(ChurnReason::RisingComplaints {
                earlier: ce,
                later: cl,
            });
            points += 1;
        }
        let mean = |part: &[usize]| {
            part.iter()
                .map(|&i| notes(i).map_or(0.0, |n| n.signals.sentiment.compound))
                .sum::<f64>()
                / part.len() as f64
        };
        let (me, ml) = (mean(earlier), mean(later));
        if ml <= me - FALLING_SENTIMENT_DROP {
            reasons.push(ChurnReason::FallingSentiment {
                earlier: me,
                later: ml,
            });
            points += 1;
        }
    }
    let read = u32::try_from(msgs.len()).unwrap_or(u32::MAX);
    if reasons.is_empty() && read < ctx.min() {
        return too_little(kind, ctx.min(), read);
    }
    let level = match points {
        0 => RiskLevel::Low,
        p if p >= HIGH_RISK_POINTS => RiskLevel::High,
        _ => RiskLevel::Medium,
    };
    let mut evidence = Evidence::default();
    for &i in msgs {
        evidence.add(i, ctx.event(i).at());
    }
    // A reason found in few messages is still a fact; the weight tells how well we know them.
    let confidence = if reasons.is_empty() {
        weight(read, ctx.min())
    } else {
        weight(read.max(ctx.min()), ctx.min())
    };
    hint(
        kind,
        HintValue::ChurnRisk { level, reasons },
        confidence,
        evidence,
    )
}

/// When the customer's next contact window opens after `now`, if they declared any.
fn next_window_opening(profile: &CustomerProfile, now: OffsetDateTime) -> Option<OffsetDateTime> {
    let local = now.unix_timestamp() + i64::from(profile.utc_offset_at(now).whole_seconds());
    let today = local.div_euclid(DAY_SECS);
    // Every window recurs weekly, so the next opening is at most eight local days away.
    (0..=7).find_map(|d| {
        let day = today + d;
        // Day 0 of Unix time, 1970-01-01, was a Thursday.
        let weekday = Weekday::Thursday.nth_next(day.rem_euclid(7) as u8);
        let start = profile
            .contact_windows()
            .iter()
            .filter(|w| w.days().contains(weekday))
            .map(|w| day * DAY_SECS + secs_of(w.start()))
            .filter(|&s| s > local)
            .min()?;
        let at = OffsetDateTime::from_unix_timestamp(profile.instant_of_local_secs(start)).ok()?;
        at.checked_to_offset(profile.utc_offset_at(at))
    })
}

fn next_best_action(
    ctx: &Ctx<'_>,
    channel_hint: &Hint,
    reach: Option<Channel>,
    promises: &Hint,
    payment: &Hint,
    churn: &Hint,
) -> Hint {
    let profile = ctx.profile;
    let mut reasons = Vec::new();
    let mut evidence = Evidence::default();
    // The customer's contacts since our last answer or their own closure ("it turned up,
    // all fine now"), latest last; a thanks-only message waits for no answer.
    let reading = |i: usize| ctx.history[i].notes.as_ref().map(|n| n.signals);
    let thanks_only = |i: usize| reading(i).is_some_and(|s| s.thanks_only);
    let closure =
        |i: usize| ctx.event(i).is_customer_message() && reading(i).is_some_and(|s| s.resolved);
    let mut waiting: Vec<usize> = ctx
        .all
        .iter()
        .rev()
        .copied()
        .take_while(|&i| !ctx.event(i).is_answer() && !closure(i))
        .filter(|&i| ctx.event(i).is_customer_message() && !thanks_only(i))
        .collect();
    waiting.reverse();
    let reach_or_fallback = reach.clone().or_else(|| fallback_channel(profile));
    let reach_confidence = if reach.is_some() {
        channel_hint.confidence
    } else {
        FALLBACK_CONFIDENCE
    };
    let (action, channel, confidence) =
        if let (Some(&first), Some(&last)) = (waiting.first(), waiting.last()) {
            let last_event = ctx.event(last);
            for &i in &waiting {
                evidence.add(i, ctx.event(i).at());
            }
            reasons.push(ActionReason::Waiting {
                contacts: evidence.events,
                channel: last_event.channel().clone(),
                minutes: (last_event.at() - ctx.event(first).at()).whole_minutes(),
            });
            let called = *last_event.channel() == Channel::Phone
                || matches!(
                    last_event.kind(),
                    EventKind::Call { .. } | EventKind::CallbackRequest
                );
            if called && profile.allows(&Channel::Phone) {
                (Action::CallBack, Some(Channel::Phone), 1.0)
            } else if !called && profile.allows(last_event.channel()) {
                (Action::Reply, Some(last_event.channel().clone()), 1.0)
            } else {
                let refused = if called {
                    Channel::Phone
                } else {
                    last_event.channel().clone()
                };
                reasons.push(ActionReason::OptedOut { channel: refused });
                match reach_or_fallback.clone() {
                    Some(c) => (Action::Reply, Some(c), reach_confidence),
                    None => (Action::WaitForThem, None, 1.0),
                }
            }
        } else if let HintValue::Promises { owed } = &promises.value
            && let Some(p) = owed.iter().find(|p| p.overdue)
        {
            reasons.push(ActionReason::PromiseOverdue { due_at: p.due_at });
            evidence = promises.evidence.clone();
            match reach_or_fallback.clone() {
                Some(c) => (Action::KeepPromise, Some(c), reach_confidence),
                None => (Action::WaitForThem, None, 1.0),
            }
        } else if let HintValue::Payment {
            unresolved_failure: true,
            failed,
            ..
        } = &payment.value
        {
            reasons.push(ActionReason::PaymentFailed {
                method: failed.clone(),
            });
            evidence = payment.evidence.clone();
            match reach_or_fallback.clone() {
                Some(c) => (Action::OfferPaymentAlternative, Some(c), reach_confidence),
                None => (Action::WaitForThem, None, 1.0),
            }
        } else if let HintValue::ChurnRisk { level, .. } = &churn.value
            && *level >= RiskLevel::Medium
        {
            reasons.push(ActionReason::ChurnRisk { level: *level });
            evidence = churn.evidence.clone();
            match reach_or_fallback.clone() {
                Some(c) => (
                    Action::ReachOut,
                    Some(c),
                    reach_confidence * churn.confidence,
                ),
                None => (Action::WaitForThem, None, 1.0),
            }
        } else {
            (Action::NothingDue, None, 1.0)
        };
    if let (Some(c), Some(r)) = (&channel, &reach)
        && c == r
    {
        reasons.push(ActionReason::Preferred { channel: c.clone() });
    }
    let mut at = ctx.now;
    let interrupts = matches!(channel, Some(Channel::Phone | Channel::Sms));
    if interrupts && !profile.contact_windows().is_empty() {
        if let Some(w) = profile.contact_window_at(ctx.now) {
            reasons.push(ActionReason::InWindow {
                from: w.start(),
                to: w.end(),
            });
        } else if let Some(opens_at) = next_window_opening(profile, ctx.now) {
            reasons.push(ActionReason::OutsideWindow { opens_at });
            at = opens_at;
        }
    }
    hint(
        HintKind::NextBestAction,
        HintValue::NextBestAction {
            action,
            channel,
            at,
            reasons,
        },
        confidence,
        evidence,
    )
}
