//! Shared corpus generators for the realboss benchmarks.
//!
//! Everything here is deterministic: the same seed gives the same corpus on every machine, so
//! figures from different runs measure the code, not the data.

/// A small deterministic pseudo-random generator (xorshift64*), enough to vary a corpus.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed (0 is replaced by a fixed non-zero value).
    pub fn new(seed: u64) -> Rng {
        Rng(if seed == 0 {
            0x9E37_79B9_7F4A_7C15
        } else {
            seed
        })
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// One item of a non-empty slice.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const NEUTRAL: &[&str] = &[
    "the",
    "my",
    "order",
    "account",
    "I",
    "it",
    "was",
    "is",
    "to",
    "and",
    "a",
    "for",
    "with",
    "phone",
    "package",
    "delivery",
    "agent",
    "team",
    "yesterday",
    "today",
    "again",
    "app",
    "invoice",
    "router",
    "ticket",
    "number",
    "#48213",
    "call",
    "email",
    "week",
    "they",
    "we",
    "have",
    "been",
    "this",
    "that",
    "on",
    "of",
    "in",
    "at",
    "you",
    "your",
    "store",
    "manager",
    "subscription",
    "update",
    "battery",
    "screen",
    "3",
    "days",
    "2024-05-01",
];
const POSITIVE: &[&str] = &[
    "great",
    "thanks",
    "love",
    "helpful",
    "excellent",
    "perfect",
    "happy",
    "resolved",
    "fast",
    "friendly",
    "recommend",
    "awesome",
    "good",
    "appreciate",
    "reliable",
];
const NEGATIVE: &[&str] = &[
    "terrible",
    "broken",
    "refund",
    "angry",
    "worst",
    "slow",
    "useless",
    "disappointed",
    "frustrated",
    "charged",
    "stranded",
    "rude",
    "awful",
    "waiting",
    "cancel",
];
const MODIFIERS: &[&str] = &[
    "not",
    "never",
    "very",
    "really",
    "extremely",
    "kind of",
    "don't",
    "didn't",
    "can't",
    "barely",
    "so",
    "no",
    "too",
    "but",
    "however",
];
const PHRASES: &[&str] = &[
    "still waiting",
    "on hold",
    "charged twice",
    "no problem",
    "highly recommend",
    "stopped working",
    "went above and beyond",
    "waste of money",
    "sorted it out",
];
const EMOJI: &[&str] = &["😀", "😡", "👍", "👍🏽", "❤️", "😢", "🙏", "👨‍👩‍👧", "🔥", "😂"];
const NON_ASCII: &[&str] = &[
    "café",
    "naïve",
    "Müller",
    "déçu",
    "très",
    "¡gracias!",
    "спасибо",
    "ありがとう",
    "重要",
    "señor",
    "Straße",
    "ça",
    "“quoted”",
    "don’t",
    "…",
];
const PUNCT: &[&str] = &[".", ",", "!", "?", "!!", "...", ":)", ":(", "?!", ";"];

/// One customer-like message of 5 to 60 words: neutral words with some sentiment words,
/// negations and boosters, phrases, capitals, emoji, emoticons and non-ASCII words.
pub fn message(rng: &mut Rng) -> String {
    let words = 5 + rng.below(56).min(rng.below(56));
    let mut out = String::with_capacity(words * 7);
    for i in 0..words {
        if i > 0 {
            out.push(' ');
        }
        let roll = rng.below(100);
        let word = match roll {
            0..=54 => rng.pick(NEUTRAL),
            55..=64 => rng.pick(POSITIVE),
            65..=74 => rng.pick(NEGATIVE),
            75..=82 => rng.pick(MODIFIERS),
            83..=85 => rng.pick(PHRASES),
            86..=88 => rng.pick(EMOJI),
            89..=91 => rng.pick(NON_ASCII),
            _ => rng.pick(PUNCT),
        };
        if rng.below(25) == 0 {
            out.push_str(&word.to_uppercase());
        } else {
            out.push_str(word);
        }
    }
    out.push_str(rng.pick(&[".", "!", "?", "", "!!!"]));
    out
}

/// `count` messages from `seed`.
pub fn corpus(seed: u64, count: usize) -> Vec<String> {
    let mut rng = Rng::new(seed);
    (0..count).map(|_| message(&mut rng)).collect()
}

/// Words that make a message urgent, stuck, or about money at risk, appended to some generated
/// requests so that a ranking has real urgency to sort by.
const URGENT_TAILS: &[&str] = &[
    " This is urgent, please answer asap.",
    " I'm locked out of my account and can't log in.",
    " I was charged twice, I need a refund today.",
    " The app is down and not working at all.",
    " I'm stranded at the airport tonight.",
    " Not urgent, no rush.",
    " thanks",
];

/// `count` customer requests from `seed`, received in the three days before `now`: one customer
/// per three requests on average (so some customers have several), every tier, lifetime values
/// from 0 to 200 000, five channels, texts from [`message`] (a third with an urgency tail),
/// up to four events (follow-ups with text, missed calls, replies, promises, failed payments),
/// some waiting on the customer, a few resolved, some with a host-set level, a few internal.
pub fn requests(seed: u64, count: usize, now: time::OffsetDateTime) -> Vec<realboss::Request> {
    use realboss::model::*;
    use time::Duration;
    let mut rng = Rng::new(seed);
    let tiers = [Tier::Standard, Tier::Silver, Tier::Gold, Tier::Platinum];
    let channels = [
        Channel::Email,
        Channel::Chat,
        Channel::Phone,
        Channel::WebForm,
        Channel::Sms,
    ];
    let eur: Currency = "EUR".parse().expect("EUR is a currency");
    let customers = (count / 3).max(1);
    let since = time::macros::date!(2020 - 01 - 01);
    (0..count)
        .map(|i| {
            let c = rng.below(customers);
            let profile =
                CustomerProfile::builder(CustomerId::new(format!("cus-{c}")).expect("valid id"))
                    .tier(tiers[c % 4])
                    .lifetime_value(
                        Money::new((c % 1000) as f64 * 200.0, eur).expect("valid amount"),
                    )
                    .customer_since(since)
                    .build()
                    .expect("valid profile");
            let received = now - Duration::seconds(rng.below(3 * 86_400) as i64);
            let mut text = message(&mut rng);
            if rng.below(3) == 0 {
                text.push_str(rng.pick(URGENT_TAILS));
            }
            let mut b = Request::builder(
                RequestId::new(format!("req-{i}")).expect("valid id"),
                profile.clone(),
                channels[rng.below(channels.len())].clone(),
                received,
            )
            .text(text)
            .status(match rng.below(20) {
                0..=2 => Status::WaitingOnCustomer,
                3 => Status::Resolved,
                4..=9 => Status::WaitingOnUs,
                _ => Status::Open,
            });
            if rng.below(8) == 0 {
                b = b.priority(
                    [Level::Low, Level::Normal, Level::High, Level::Urgent][rng.below(4)],
                );
            }
            if rng.below(25) == 0 {
                b = b.requester(Requester::Internal {
                    name: None,
                    role: Some("manager".into()),
                });
            }
            let waited = (now - received).whole_seconds().max(1);
            for _ in 0..rng.below(5) {
                let at = received + Duration::seconds(rng.below(waited as usize) as i64);
                let id = profile.id().clone();
                let event = match rng.below(5) {
                    0 => ContactEvent::new(
                        id,
                        at,
                        Channel::Email,
                        Direction::Inbound,
                        EventKind::FollowUp,
                    )
                    .with_text(message(&mut rng)),
                    1 => ContactEvent::new(
                        id,
                        at,
                        Channel::Phone,
                        Direction::Inbound,
                        EventKind::Call {
                            outcome: CallOutcome::Missed,
                        },
                    ),
                    2 => ContactEvent::new(
                        id,
                        at,
                        Channel::Email,
                        Direction::Outbound,
                        EventKind::Reply,
                    )
                    .with_text("Thanks for your patience, we are looking into it."),
                    3 => ContactEvent::new(
                        id,
                        at,
                        Channel::Email,
                        Direction::Outbound,
                        EventKind::Promise {
                            due_at: at + Duration::hours(1 + rng.below(24) as i64),
                        },
                    ),
                    _ => ContactEvent::new(
                        id,
                        at,
                        Channel::WebForm,
                        Direction::Inbound,
                        EventKind::PaymentAttempt {
                            outcome: PaymentOutcome::Failed,
                            method: None,
                            amount: None,
                        },
                    ),
                };
                b = b.event(event);
            }
            b.build().expect("a generated request is valid")
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Hints: one customer's long contact history.

/// A gold customer of six years with a contact window and a card and PayPal on file.
pub fn hints_profile() -> realboss::CustomerProfile {
    use realboss::model::*;
    use time::macros::{date, time};
    CustomerProfile::builder(CustomerId::new("cus-bench").expect("valid id"))
        .tier(Tier::Gold)
        .lifetime_value(Money::new(12_000.0, "EUR".parse().expect("EUR")).expect("valid amount"))
        .customer_since(date!(2020 - 03 - 01))
        .utc_offset(time::UtcOffset::from_hms(1, 0, 0).expect("valid offset"))
        .preferred_channel(Channel::Phone)
        .contact_window(
            ContactWindow::new(DaySet::WORKDAYS, time!(09:00), time!(20:00)).expect("valid window"),
        )
        .payment_method(PaymentMethod::Card)
        .payment_method(PaymentMethod::Paypal)
        .build()
        .expect("valid profile")
}

/// `count` events of the [`hints_profile`] customer over the two years before `now`, in time order: messages
/// with generated text on four channels, calls both ways with every outcome, our replies,
/// payments (some failing), purchases and promises.
pub fn contact_history(count: usize, now: time::OffsetDateTime) -> Vec<realboss::ContactEvent> {
    use realboss::model::*;
    use time::Duration;
    let mut rng = Rng::new(7);
    let id = CustomerId::new("cus-bench").expect("valid id");
    let span = 2 * 365 * 86_400 / count.max(1) as i64;
    let channels = [Channel::Email, Channel::Chat, Channel::Phone, Channel::Sms];
    let methods = [
        PaymentMethod::Card,
        PaymentMethod::Paypal,
        PaymentMethod::BankTransfer,
    ];
    let outcomes = [
        CallOutcome::Answered,
        CallOutcome::Missed,
        CallOutcome::Voicemail,
    ];
    (0..count)
        .map(|i| {
            let at = now - Duration::days(730) + Duration::seconds(i as i64 * span);
            let channel = channels[rng.below(channels.len())].clone();
            let new = |channel, direction, kind| {
                ContactEvent::new(id.clone(), at, channel, direction, kind)
            };
            match rng.below(20) {
                0..=7 => {
                    let kind = [
                        EventKind::Inquiry,
                        EventKind::Complaint,
                        EventKind::FollowUp,
                        EventKind::Reply,
                    ][rng.below(4)]
                    .clone();
                    new(channel, Direction::Inbound, kind).with_text(message(&mut rng))
                }
                8..=11 => new(
                    Channel::Phone,
                    if rng.below(2) == 0 {
                        Direction::Inbound
                    } else {
                        Direction::Outbound
                    },
                    EventKind::Call {
                        outcome: outcomes[rng.below(3)],
                    },
                ),
                12..=14 => new(channel, Direction::Outbound, EventKind::Reply)
                    .with_text("Thanks, we are on it."),
                15..=16 => new(
                    Channel::WebForm,
                    Direction::Inbound,
                    EventKind::PaymentAttempt {
                        outcome: if rng.below(4) == 0 {
                            PaymentOutcome::Failed
                        } else {
                            PaymentOutcome::Succeeded
                        },
                        method: Some(methods[rng.below(3)].clone()),
                        amount: None,
                    },
                ),
                17..=18 => new(
                    Channel::WebForm,
                    Direction::Inbound,
                    EventKind::Purchase { amount: None },
                ),
                _ => new(
                    Channel::Email,
                    Direction::Outbound,
                    EventKind::Promise {
                        due_at: at + Duration::hours(24),
                    },
                ),
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Insights: a stream of rated feedback.

/// `count` feedback records from `seed`, one every 3 seconds from `start` (a million span about
/// five weeks): 20,000 customers, 200 agents, a CSAT, star, NPS or thumbs rating on four in five,
/// a request id on half, and texts from [`message`].
pub fn feedback_stream(
    seed: u64,
    count: usize,
    start: time::OffsetDateTime,
) -> Vec<realboss::Feedback> {
    use realboss::model::{AgentId, Channel, CustomerId, Feedback, Rating, RequestId, Thumb};
    let mut rng = Rng::new(seed);
    let channels = [
        Channel::Email,
        Channel::Chat,
        Channel::WebForm,
        Channel::Sms,
    ];
    (0..count)
        .map(|i| {
            let at = start + time::Duration::seconds(3 * i as i64);
            let customer = CustomerId::new(format!("cus-{}", rng.below(20_000)))
                .expect("a generated id is valid");
            let channel = channels[rng.below(channels.len())].clone();
            let mut f = Feedback::new(customer, at, channel, message(&mut rng))
                .with_agent(AgentId::new(format!("agent-{}", rng.below(200))).expect("valid id"));
            let rating = match rng.below(5) {
                0 => Some(Rating::csat(1 + rng.below(5) as u8)),
                1 => Some(Rating::stars(1 + rng.below(5) as u8)),
                2 => Some(Rating::nps(rng.below(11) as u8)),
                3 => Some(Ok(Rating::Thumbs(if rng.below(2) == 0 {
                    Thumb::Up
                } else {
                    Thumb::Down
                }))),
                _ => None,
            };
            if let Some(rating) = rating {
                f = f.with_rating(rating.expect("a generated rating is in range"));
            }
            if rng.below(2) == 0 {
                f = f.with_request(
                    RequestId::new(format!("req-{}", rng.below(100_000))).expect("valid id"),
                );
            }
            f
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_is_deterministic_and_customer_sized() {
        let a = corpus(7, 2000);
        assert_eq!(a, corpus(7, 2000));
        let bytes: usize = a.iter().map(String::len).sum();
        let mean = bytes as f64 / a.len() as f64;
        assert!(
            (100.0..220.0).contains(&mean),
            "mean message length {mean} bytes"
        );
        assert!(a.iter().any(|m| !m.is_ascii()));
        assert!(a.iter().any(|m| m.is_ascii()));
    }

    #[test]
    fn corpus_has_every_word_class_the_benches_promise() {
        let a = corpus(42, 2000);
        let words = |m: &String| m.split_whitespace().count();
        assert!(a.iter().all(|m| words(m) >= 5));
        assert!(a.iter().any(|m| words(m) <= 6) && a.iter().any(|m| words(m) >= 40));
        let has = |needle: &str| a.iter().any(|m| m.contains(needle));
        assert!(has("😡") && has("👍🏽"), "emoji, with a skin tone");
        assert!(has("not ") || has("NOT "), "negations");
        assert!(
            has("TERRIBLE") || has("GREAT") || has("REFUND"),
            "words in capitals"
        );
        assert!(
            has("спасибо") && has("café"),
            "non-Latin and accented words"
        );
    }
}
