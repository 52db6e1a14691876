//! The ranked queue: who to answer first, at a given `now`, and why.
//!
//! A [`Ranker`] holds one [`Analyzer`] and one [`Policy`]. [`Ranker::rank`] takes a batch of
//! requests and a `now` and returns them in the order a customer-first team answers them; each
//! ranked request carries its [`Assessment`] (priority, band, urgency level, next SLA
//! deadline), and [`Ranking::reasons`] itemizes why.
//!
//! ```
//! use realboss::model::*;
//! use realboss::ranking::Ranker;
//! use time::macros::{date, datetime};
//!
//! let customer = |id: &str, tier| -> Result<CustomerProfile, realboss::Error> {
//!     CustomerProfile::builder(CustomerId::new(id)?)
//!         .tier(tier)
//!         .lifetime_value(Money::new(900.0, "EUR".parse()?)?)
//!         .customer_since(date!(2020 - 01 - 01))
//!         .build()
//! };
//! let at = datetime!(2026-11-23 21:00 UTC);
//! let brochure = Request::builder(RequestId::new("req-1")?, customer("cus-vip", Tier::Platinum)?,
//!     Channel::Email, at)
//!     .text("Could you send me your new brochure when you have a moment?").build()?;
//! let locked_out = Request::builder(RequestId::new("req-2")?, customer("cus-small", Tier::Standard)?,
//!     Channel::Chat, at)
//!     .text("I'm locked out of my account and can't log in, I need to pay a bill today").build()?;
//!
//! let ranker = Ranker::default();
//! let requests = [brochure, locked_out];
//! let ranking = ranker.rank(&requests, datetime!(2026-11-23 21:10 UTC));
//! let first = &ranking.ranked()[0];
//! assert_eq!(requests[first.index].id().as_str(), "req-2");
//! assert_eq!(ranking.request(first).map(|r| r.id().as_str()), Some("req-2"));
//! for reason in ranking.reasons(first) {
//!     println!("{} {:+.2} {}", reason.kind.as_str(), reason.weight, reason.detail);
//! }
//! # Ok::<(), realboss::Error>(())
//! ```
//!
//! # Order
//!
//! Requests are ordered by band ([`Band`](crate::priority::Band): `MaxWait`, then `Waiting`,
//! then `NotWaiting`), then by priority, higher first. Ties are broken, in this order, by:
//! customer before colleague; the longer current wait (earlier `waiting_since`); the earlier
//! `received_at`; the request id (byte order); the position in the input. So equal inputs at
//! equal `now` always give the same order.
//!
//! Priority within a band is exactly `points + waiting_per_hour × hours waited`: every waiting
//! request ages at the same rate, so the order only changes when something happens (a contact, a
//! promise falling due, an SLA deadline or the maximum wait passing). The comparison uses
//! `points − waiting_per_hour × clock(waiting_since)`, which does not change with `now`; this
//! is what lets a queue keep its order without re-scoring.
//!
//! Requests that are resolved, or received after `now`, are not ranked; they are listed in
//! [`Ranking::skipped`] with the reason.
//!
//! # Cost
//!
//! Linear in the requests and their events, plus one sort: `O(n log n)`. Texts are scored once
//! ([`ScoredText`]); [`Ranker::rank_scored`] ranks pre-scored requests without reading text.
//!
//! # The incremental queue
//!
//! A long-running service keeps a [`Queue`]: insert requests as they arrive, update one when
//! a contact comes in or its status changes, remove one, and peek or pop the most urgent at
//! any `now`. It returns exactly the order [`Ranker::rank_scored`] gives at that `now` for
//! its requests taken in *sequence order* (the order they were inserted; the stand-in for a
//! batch's input position in the last tie-break). [`Queue::update`] keeps a request's place
//! in the sequence; removing and inserting it again moves it to the end.
//!
//! It does not re-assess every request on every call. Each assessment carries a
//! time-invariant order key (see [Order](#order)) that stays exact until a *breakpoint*: the
//! next SLA deadline, the maximum wait, an event or promise falling due, or the request's
//! arrival. The queue keeps the ranked requests in an indexed 4-ary heap ordered by a packed
//! 64-bit prefix of that key (the rare equal prefixes compare in full), and the breakpoints
//! in a min-heap where a changed breakpoint leaves its old node behind, marked stale by a
//! generation number and skipped; stale nodes are swept out in one `O(n)` pass once they
//! outnumber the current ones by more than 1,024, so each change costs `O(log n)` amortized.
//! Every call with a `now` first re-assesses only the requests whose breakpoint passed.
//! Resolved requests and requests received after `now` are held but never returned (a held
//! one becomes rankable at its `received_at`). The self-urgent discount depends on all of a
//! customer's rankable requests, so the queue counts them per customer (a list threaded
//! through the requests, no allocation per customer) and re-assesses the customer's requests
//! when the habit flips.
//!
//! | operation | cost (`n` requests held, `k` of the customer's) |
//! |---|---|
//! | [`Queue::insert`], [`Queue::update`] | scoring the one text, one assessment, `O(log n)` |
//! | [`Queue::insert_scored`], [`Queue::update_scored`] | one assessment, `O(log n)` |
//! | [`Queue::remove`], [`Queue::pop`], [`Queue::pop_scored`] | `O(log n)` (pop: one assessment at `now`, none when the stored one was made at this `now`) |
//! | [`Queue::reasons`] | one hash, one assessment and the reasons' evidence (allocates) |
//! | [`Queue::peek`] | `O(1)` plus the same assessment as pop |
//! | any call with a later `now` | one assessment and `O(log n)` per breakpoint passed |
//! | a customer's self-urgent habit flipping | `O(k log n)` once |
//! | a call with an earlier `now` than the last | everything re-assessed and both heaps rebuilt: `O(n)` assessments plus `O(n)` heap building |
//! | [`Queue::ranked`], [`Queue::state`] | `O(n log n)` |
//! | [`Queue::restore`] | scoring every text once, `O(n)`; the first call re-keys as above |
//!
//! Ids are found through open-addressing tables that hold each id's 32-bit hash and slot,
//! never a copy of the id: one hash per id per call, none when a request leaves. The hash is
//! keyed per queue from the standard library's random seed (a folded 64-bit multiply, several
//! times cheaper than SipHash on short ids), so ids cannot be chosen in advance to collide;
//! it is not a cryptographic hash, and a caller who learned a queue's keys could make its
//! lookups linear in the number of held requests. Hash values never reach an output.
//!
//! An assessment reads neither texts nor events when the request's [`ScoredText`] came from
//! [`Ranker::score`] (or [`ScoredText::with_history`] with the policy's history settings) and
//! `now` is at or after the request's last event: the text keeps a digest of the history made
//! on arrival, so the cost is constant (about 1,000 instructions under callgrind). Otherwise
//! it is linear in the request's events and scored messages.
//!
//! **Limits.** A queue holds at most `u32::MAX - 1` requests; one more is an
//! [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) on field `queue size`.
//!
//! **Memory.** Measured with a counting allocator (`tests/queue_memory.rs`, run with
//! `--release -- --nocapture`) for a request with a 110-byte message and one follow-up: about
//! 3.6 KB per queued request, of which the request itself takes 1.4 KB, its [`ScoredText`]
//! 1.3 KB (400 bytes inline: the message summary and the history digest) and the queue's own
//! bookkeeping (stored assessment, both heaps, the id and customer tables, vector growth slack)
//! about 0.9 KB.
//!
//! **Speed** (`cargo bench -p realboss-benches --bench ranking -- queue`, one core): at
//! 100 000 held requests an insert+pop pair took 1.75–2.85 µs when every call has the same
//! `now` and 1.95–3.05 µs when `now` moves 1 ms per pair, over runs on a shared 2-core machine
//! (load 1–5; about 350,000–570,000 pairs a second). Run side by side, the layout before this
//! one was 10–25 % slower. Under callgrind a pair is about 4,000 instructions: one
//! assessment of the inserted request (about 1,000), the heap's sift-down on pop (about
//! 700), and moving the 400-byte request and 416-byte scored text in and the request out (the
//! instruction figures were measured with the 376-byte text of issue 14).
//! Most of the time goes to memory, not instructions: the popped request, its bookkeeping
//! and its customer are wherever they were put long ago (a cache simulation counts about 19
//! last-level misses per pair), so the queue is short of the 5,000,000 pairs a second the
//! project aims at.
//!
//! A queue saves and restores with serde through [`QueueState`] (its requests in sequence
//! order): `serde_json::to_string(&queue.state())`, then [`Queue::restore`] with the same
//! ranker. Restoring scores every text again, which is deterministic, so the restored queue
//! pops the same order.

use std::fmt;
use std::sync::OnceLock;

mod ids;
mod queue;
use ids::{IdHasher, IdTable};
pub use queue::{Queue, QueueState};

use time::OffsetDateTime;

use crate::model::named::named_enum;
use crate::model::{Channel, CustomerId, Request, RequestId, Requester, Status};
use crate::policy::Policy;
use crate::priority::{Assessment, Reason, ScoredText, assess, reasons};
use crate::signals::{Analyzer, AnalyzerConfig};

/// Scores and ranks requests under one policy. Build once, share between threads.
#[derive(Debug, Clone)]
pub struct Ranker {
    analyzer: Analyzer,
    policy: Policy,
}

impl Default for Ranker {
    /// The default analyzer and [`Policy::default`].
    fn default() -> Self {
        Ranker::new(Policy::default())
    }
}

impl Ranker {
    /// A ranker with the default analyzer.
    pub fn new(policy: Policy) -> Ranker {
        Ranker {
            analyzer: Analyzer::new(AnalyzerConfig::default())
                .unwrap_or_else(|_| unreachable!("the default analyzer configuration is valid")),
            policy,
        }
    }

    /// A ranker with your own analyzer.
    pub fn with_analyzer(policy: Policy, analyzer: Analyzer) -> Ranker {
        Ranker { analyzer, policy }
    }

    /// The policy.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// The analyzer.
    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// Scores a request's customer messages once (do it when the request or a contact arrives).
    pub fn score(&self, request: &Request) -> ScoredText {
        ScoredText::with_history(&self.analyzer, request, self.policy.history())
    }

    /// Ranks `requests` at `now`: scores their texts, assesses each, sorts. See the module docs
    /// for the order and its tie-break.
    ///
    /// The [`Ranking`] borrows this ranker and `requests`, so that it can explain a ranked
    /// request by itself ([`Ranking::reasons`], [`Ranking::request`]).
    pub fn rank<'a>(&'a self, requests: &'a [Request], now: OffsetDateTime) -> Ranking<'a> {
        let duplicates = duplicates(requests);
        let repeated = repeat_flags(&duplicates, requests.len());
        let is_repeat = |i: usize| repeated.get(i).copied().unwrap_or(false);
        // A repeat is neither scored nor ranked: it gets an empty text.
        let texts: Vec<ScoredText> = requests
            .iter()
            .enumerate()
            .map(|(i, r)| {
                if is_repeat(i) {
                    ScoredText::default()
                } else {
                    self.score(r)
                }
            })
            .collect();
        let ranked = self.rank_unique(requests, &texts, now, &is_repeat);
        let skipped = requests
            .iter()
            .enumerate()
            .filter(|&(i, _)| !is_repeat(i))
            .filter_map(|(index, r)| skip_reason(r, now).map(|reason| Skipped { index, reason }))
            .collect();
        Ranking {
            ranker: self,
            requests,
            ranked,
            skipped,
            duplicates,
            texts,
            now,
        }
    }

    /// Ranks pre-scored requests (`texts[i]` belongs to `requests[i]`) at `now` without reading
    /// any text. Resolved requests and requests received after `now` are left out (see
    /// [`skip_reason`]), and so is every repeat of an id already seen earlier in `requests`
    /// (the first is ranked; [`duplicates`] lists the repeats). A `texts` slice shorter than
    /// `requests` counts the missing ones as having no text.
    pub fn rank_scored(
        &self,
        requests: &[Request],
        texts: &[ScoredText],
        now: OffsetDateTime,
    ) -> Vec<Ranked> {
        let repeated = repeat_flags(&duplicates(requests), requests.len());
        self.rank_unique(requests, texts, now, &|i| {
            repeated.get(i).copied().unwrap_or(false)
        })
    }

    /// [`rank_scored`](Self::rank_scored) with the repeats known: `is_repeat(i)` leaves
    /// request `i` out.
    fn rank_unique(
        &self,
        requests: &[Request],
        texts: &[ScoredText],
        now: OffsetDateTime,
        is_repeat: &dyn Fn(usize) -> bool,
    ) -> Vec<Ranked> {
        let empty = ScoredText::default();
        let text_of = |i: usize| texts.get(i).unwrap_or(&empty);
        // One pass over the requests (they are large; every pass costs cache misses): assess
        // each without the self-urgent discount and note who used urgency words. Then re-assess
        // only the requests of customers who turn out to mark everything urgent.
        let mut marked: Vec<bool> = Vec::with_capacity(requests.len());
        let mut assessments: Vec<(usize, Assessment)> = Vec::with_capacity(requests.len());
        for (index, request) in requests.iter().enumerate() {
            if skip_reason(request, now).is_some() || is_repeat(index) {
                continue;
            }
            marked.push(text_of(index).marked_by(now));
            assessments.push((
                index,
                assess(&self.policy, request, text_of(index), now, false),
            ));
        }
        let discounted = discounted_customers(
            assessments.iter().map(|(i, _)| &requests[*i]),
            &marked,
            &self.policy,
        );
        for ((index, assessment), discount) in assessments.iter_mut().zip(discounted) {
            if discount {
                *assessment = assess(&self.policy, &requests[*index], text_of(*index), now, true);
            }
        }
        // Sort small keys, not whole assessments: the packed band/key/colleague number decides
        // almost every comparison; only its ties look further.
        let mut order: Vec<(u64, u32)> = assessments
            .iter()
            .enumerate()
            .map(|(position, (_, a))| (queue::primary_of(a), position as u32))
            .collect();
        order.sort_unstable_by(|x, y| {
            x.0.cmp(&y.0).then_with(|| {
                let (ia, a) = &assessments[x.1 as usize];
                let (ib, b) = &assessments[y.1 as usize];
                compare(a, &requests[*ia], *ia, b, &requests[*ib], *ib)
            })
        });
        order
            .iter()
            .enumerate()
            .map(|(rank, &(_, position))| {
                let (index, assessment) = assessments[position as usize];
                Ranked {
                    index,
                    rank: rank + 1,
                    assessment,
                }
            })
            .collect()
    }

    /// The reasons behind one assessment made by this ranker (see
    /// [`priority::reasons`](crate::priority::reasons)).
    pub fn reasons(
        &self,
        request: &Request,
        text: &ScoredText,
        assessment: &Assessment,
        now: OffsetDateTime,
    ) -> Vec<Reason> {
        reasons(&self.policy, request, text, now, assessment.discounted)
    }
}

/// The full order between two assessed requests (see the module docs).
pub(crate) fn compare(
    a: &Assessment,
    ra: &Request,
    ia: usize,
    b: &Assessment,
    rb: &Request,
    ib: usize,
) -> std::cmp::Ordering {
    a.cmp_rank(b)
        .then_with(|| ra.received_at().cmp(&rb.received_at()))
        .then_with(|| ra.id().as_str().cmp(rb.id().as_str()))
        .then_with(|| ia.cmp(&ib))
}

/// Which of the requests ranked together belong to a customer who marks everything urgent
/// (see [`SelfUrgent`](crate::policy::SelfUrgent)): `marked[k]` says whether the `k`-th of
/// `requests` uses urgency words. Empty when nobody is discounted (the usual case: no
/// allocation beyond the customers of marked requests). Linear: customers are found through an
/// [`IdTable`] keyed for this call.
fn discounted_customers<'a>(
    requests: impl Iterator<Item = &'a Request> + Clone,
    marked: &[bool],
    policy: &Policy,
) -> Vec<bool> {
    let marked_count = marked.iter().filter(|m| **m).count();
    if marked_count == 0 {
        return Vec::new();
    }
    // Only a customer with a marked request can be discounted, so only those customers are
    // counted: each gets an ordinal, its first marked request stands for its id.
    let hasher = IdHasher::new();
    let mut table = IdTable::with_capacity(marked_count);
    let mut customers: Vec<(&CustomerId, usize, usize)> = Vec::new();
    let find = |table: &IdTable, customers: &[(&CustomerId, usize, usize)], hash, id| {
        table.find(hash, |ord| customers[ord as usize].0 == id)
    };
    for (request, _) in requests.clone().zip(marked).filter(|(_, m)| **m) {
        let id = request.customer().id();
        let hash = hasher.hash(id.as_str().as_bytes());
        match find(&table, &customers, hash, id) {
            Some(ord) => customers[ord as usize].2 += 1,
            None => {
                table.insert(hash, customers.len() as u32);
                customers.push((id, 0, 1));
            }
        }
    }
    let ords: Vec<Option<u32>> = requests
        .map(|request| {
            let id = request.customer().id();
            let ord = find(&table, &customers, hasher.hash(id.as_str().as_bytes()), id);
            if let Some(ord) = ord {
                customers[ord as usize].1 += 1;
            }
            ord
        })
        .collect();
    let rule = policy.self_urgent();
    let discounted: Vec<bool> = customers
        .iter()
        .map(|&(_, n, marked)| rule.applies(marked, n))
        .collect();
    if !discounted.contains(&true) {
        return Vec::new();
    }
    ords.iter()
        .map(|ord| ord.is_some_and(|o| discounted[o as usize]))
        .collect()
}

/// Why a request is not ranked at `now`, or `None` when it is.
pub fn skip_reason(request: &Request, now: OffsetDateTime) -> Option<SkipReason> {
    if request.status() == Status::Resolved {
        Some(SkipReason::Resolved)
    } else if request.received_at() > now {
        Some(SkipReason::NotYetReceived)
    } else {
        None
    }
}

/// The repeats of ids in `requests`: every request whose id an earlier request already has,
/// in input order, with the position of that first one. Linear: one hash of each id (keyed at
/// random per call, so ids cannot be chosen to collide), ids compared only where hashes agree.
/// At most `u32::MAX` requests are told apart; a batch that large is beyond any ranking.
///
/// ```
/// # use realboss::model::*;
/// # use time::macros::{date, datetime};
/// # let customer = CustomerProfile::builder(CustomerId::new("cus-1")?)
/// #     .tier(Tier::Standard)
/// #     .lifetime_value(Money::new(10.0, "EUR".parse()?)?)
/// #     .customer_since(date!(2020 - 01 - 01))
/// #     .build()?;
/// let at = datetime!(2026-11-23 09:00 UTC);
/// let request = |id: &str| Request::builder(RequestId::new(id)?, customer.clone(),
///     Channel::Email, at).text("Where is my parcel?").build();
/// let batch = [request("req-1")?, request("req-2")?, request("req-1")?];
/// let repeats = realboss::ranking::duplicates(&batch);
/// assert_eq!(repeats.len(), 1);
/// assert_eq!((repeats[0].index, repeats[0].first), (2, 0));
/// # Ok::<(), realboss::Error>(())
/// ```
pub fn duplicates(requests: &[Request]) -> Vec<Duplicate> {
    let hasher = IdHasher::new();
    let mut table = IdTable::with_capacity(requests.len());
    let mut out = Vec::new();
    for (index, request) in requests.iter().enumerate() {
        let id = request.id();
        let hash = hasher.hash(id.as_str().as_bytes());
        // Ids are compared only where the 32-bit hashes agree.
        match table.find(hash, |first| requests[first as usize].id() == id) {
            Some(first) => out.push(Duplicate {
                index,
                first: first as usize,
            }),
            None => table.insert(hash, index as u32),
        }
    }
    out
}

/// Whether each of `len` requests is a repeat in `duplicates`; empty (nothing allocated) when
/// there are none.
fn repeat_flags(duplicates: &[Duplicate], len: usize) -> Vec<bool> {
    if duplicates.is_empty() {
        return Vec::new();
    }
    let mut repeated = vec![false; len];
    for d in duplicates {
        repeated[d.index] = true;
    }
    repeated
}

/// A request left out of a ranking because an earlier request of the batch has its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct Duplicate {
    /// Its position in the input.
    pub index: usize,
    /// The position of the first request with this id: that one is ranked (or skipped).
    pub first: usize,
}

named_enum! {
    /// Why a request was left out of a ranking.
    #[non_exhaustive]
    pub enum SkipReason as "skip reason" {
        /// Its status is `resolved`: nobody needs to answer it.
        Resolved = "resolved",
        /// It was received after `now`.
        NotYetReceived = "not_yet_received",
    }
}

impl SkipReason {
    /// A few words for a person: `"resolved"` or `"received after now"` (the name itself is
    /// [`SkipReason::as_str`]).
    pub fn detail(self) -> &'static str {
        match self {
            SkipReason::Resolved => "resolved",
            SkipReason::NotYetReceived => "received after now",
        }
    }
}

/// A request left out of a ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Skipped {
    /// Its position in the input.
    pub index: usize,
    /// Why.
    pub reason: SkipReason,
}

/// One ranked request. Serializes as `{"index", "rank", "assessment"}`; for output with the
/// request's id and reasons, use [`Ranking::row`].
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
#[non_exhaustive]
pub struct Ranked {
    /// Its position in the input.
    pub index: usize,
    /// 1-based rank.
    pub rank: usize,
    /// Its priority and what it is made of.
    pub assessment: Assessment,
}

/// The result of [`Ranker::rank`]: the ranked and the skipped requests at one `now`. It borrows
/// the ranker and the requests it ranked, and explains any of its ranked requests without being
/// handed them again.
#[derive(Clone)]
pub struct Ranking<'a> {
    ranker: &'a Ranker,
    requests: &'a [Request],
    ranked: Vec<Ranked>,
    skipped: Vec<Skipped>,
    duplicates: Vec<Duplicate>,
    texts: Vec<ScoredText>,
    now: OffsetDateTime,
}

impl fmt::Debug for Ranking<'_> {
    /// What was ranked, not the borrowed ranker and requests.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Ranking")
            .field("ranked", &self.ranked)
            .field("skipped", &self.skipped)
            .field("duplicates", &self.duplicates)
            .field("texts", &self.texts)
            .field("now", &self.now)
            .finish_non_exhaustive()
    }
}

impl<'a> Ranking<'a> {
    /// The ranked requests, first to answer first.
    pub fn ranked(&self) -> &[Ranked] {
        &self.ranked
    }

    /// The requests left out, in input order.
    pub fn skipped(&self) -> &[Skipped] {
        &self.skipped
    }

    /// The repeats of an id: requests left out because an earlier request of the batch has
    /// the same id, in input order. An id is never ranked twice; the first request with it is
    /// ranked (or skipped) as usual.
    pub fn duplicates(&self) -> &[Duplicate] {
        &self.duplicates
    }

    /// The `now` it was ranked at.
    pub fn now(&self) -> OffsetDateTime {
        self.now
    }

    /// The scored texts, by input position.
    pub fn texts(&self) -> &[ScoredText] {
        &self.texts
    }

    /// The requests that were ranked, in input order ([`Ranked::index`] and
    /// [`Skipped::index`] are positions in it).
    pub fn requests(&self) -> &'a [Request] {
        self.requests
    }

    /// The ranker that ranked them.
    pub fn ranker(&self) -> &'a Ranker {
        self.ranker
    }

    /// The request `ranked` stands for; `None` only for a [`Ranked`] of another ranking whose
    /// index is past this one's requests.
    pub fn request(&self, ranked: &Ranked) -> Option<&'a Request> {
        self.requests.get(ranked.index)
    }

    /// Why `ranked` sits where it does: every contributing signal with its points and evidence
    /// (see [`priority::reasons`](crate::priority::reasons)). Allocates. Empty for a [`Ranked`]
    /// of another ranking whose index is past this one's requests.
    pub fn reasons(&self, ranked: &Ranked) -> Vec<Reason> {
        match (
            self.requests.get(ranked.index),
            self.texts.get(ranked.index),
        ) {
            (Some(request), Some(text)) => {
                self.ranker
                    .reasons(request, text, &ranked.assessment, self.now)
            }
            _ => Vec::new(),
        }
    }
}

impl<'a> Ranking<'a> {
    /// The row of `ranked` for output: the request's id, customer and channel with the rank,
    /// the assessment and the sorted reasons (see [`RankedRow`] for its JSON form). `None` only
    /// for a [`Ranked`] of another ranking whose index is past this one's requests. Allocates
    /// the reasons.
    pub fn row(&self, ranked: &Ranked) -> Option<RankedRow<'a>> {
        let request = self.requests.get(ranked.index)?;
        Some(RankedRow {
            id: request.id(),
            rank: ranked.rank,
            assessment: ranked.assessment,
            customer: request.customer().id(),
            channel: request.channel(),
            requester: match request.requester() {
                Requester::Customer => "customer",
                Requester::Internal { .. } => "internal",
            },
            reasons: self.reasons(ranked),
        })
    }

    /// Every ranked request's [`row`](Self::row), first to answer first.
    pub fn rows(&self) -> impl Iterator<Item = RankedRow<'a>> + '_ {
        self.ranked.iter().filter_map(|r| self.row(r))
    }
}

/// One ranked request as `triage --json` prints it: a stable JSON form.
///
/// Fields in this order: `id`, `rank` (1-based), then the [`Assessment`]'s fields
/// (`priority`, `band`, `band_reason`, `urgency`, `level`, `waiting_since` (omitted when
/// nothing waits on us), `waited_secs`, `next_breach` (omitted when nothing waits on us)),
/// `customer` (the customer id), `channel`, `requester` (`"customer"` or `"internal"`) and
/// `reasons`, sorted by absolute weight, each with `kind`, `weight`, `detail` and `evidence`.
/// `priority` is the sum of the reasons' weights.
///
/// ```
/// # use realboss::model::*;
/// # use realboss::ranking::Ranker;
/// # use time::macros::{date, datetime};
/// # let customer = CustomerProfile::builder(CustomerId::new("cus-1")?)
/// #     .tier(Tier::Standard)
/// #     .lifetime_value(Money::new(10.0, "EUR".parse()?)?)
/// #     .customer_since(date!(2020 - 01 - 01))
/// #     .build()?;
/// let request = Request::builder(RequestId::new("req-1")?, customer, Channel::Email,
///     datetime!(2026-11-23 09:00 UTC)).text("I was charged twice, please refund").build()?;
/// let ranker = Ranker::default();
/// let requests = [request];
/// let ranking = ranker.rank(&requests, datetime!(2026-11-23 10:00 UTC));
/// let row = ranking.rows().next().expect("one ranked request");
/// let json = serde_json::to_value(&row).unwrap();
/// assert_eq!(json["id"], "req-1");
/// assert_eq!(json["band"], "waiting");
/// let sum: f64 = json["reasons"].as_array().unwrap().iter()
///     .map(|r| r["weight"].as_f64().unwrap()).sum();
/// assert!((sum - json["priority"].as_f64().unwrap()).abs() < 1e-9);
/// # Ok::<(), realboss::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[non_exhaustive]
pub struct RankedRow<'a> {
    /// The request's id.
    pub id: &'a RequestId,
    /// 1-based rank.
    pub rank: usize,
    /// Its priority, band and what it is made of.
    #[serde(flatten)]
    pub assessment: Assessment,
    /// The customer's id.
    pub customer: &'a CustomerId,
    /// The channel the request came in on.
    pub channel: &'a Channel,
    /// `"customer"` or `"internal"` (a colleague).
    pub requester: &'static str,
    /// Why, largest absolute weight first.
    pub reasons: Vec<Reason>,
}

/// The ranker [`rank`] uses: the default policy and analyzer, built once per process.
static DEFAULT: OnceLock<Ranker> = OnceLock::new();

/// Ranks `requests` at `now` with the default policy, as `Ranker::default().rank(requests, now)`
/// does, with a process-wide default [`Ranker`] built on the first call (the [`Ranking`]
/// borrows it).
pub fn rank(requests: &[Request], now: OffsetDateTime) -> Ranking<'_> {
    DEFAULT.get_or_init(Ranker::default).rank(requests, now)
}

#[cfg(test)]
mod tests {
    use time::macros::{date, datetime};

    use super::{Ranker, SkipReason, rank};
    use crate::model::{Channel, CustomerId, CustomerProfile, Money, Request, RequestId, Tier};

    fn request(id: &str, text: &str) -> Request {
        let customer = CustomerProfile::builder(CustomerId::new(id).unwrap())
            .tier(Tier::Standard)
            .lifetime_value(Money::new(100.0, "EUR".parse().unwrap()).unwrap())
            .customer_since(date!(2020 - 01 - 01))
            .build()
            .unwrap();
        let at = datetime!(2026-11-23 21:00 UTC);
        Request::builder(RequestId::new(id).unwrap(), customer, Channel::Email, at)
            .text(text)
            .build()
            .unwrap()
    }

    #[test]
    fn a_ranking_explains_its_requests_from_what_it_borrowed() {
        let requests = [
            request("req-1", "Could you send me your brochure?"),
            request(
                "req-2",
                "I'm locked out of my account and can't log in, urgent",
            ),
        ];
        let now = datetime!(2026-11-23 21:10 UTC);
        let ranker = Ranker::default();
        let ranking = ranker.rank(&requests, now);
        assert!(std::ptr::eq(ranking.ranker(), &ranker));
        assert!(std::ptr::eq(ranking.requests(), &requests[..]));
        for ranked in ranking.ranked() {
            let request = ranking.request(ranked).expect("a request of this ranking");
            assert!(std::ptr::eq(request, &requests[ranked.index]));
            let text = &ranking.texts()[ranked.index];
            let expected = ranker.reasons(request, text, &ranked.assessment, now);
            assert!(!expected.is_empty());
            assert_eq!(ranking.reasons(ranked), expected);
        }
        // A `Ranked` of a larger ranking has no request here and no reasons.
        let one = ranker.rank(&requests[..1], now);
        let last = ranking
            .ranked()
            .iter()
            .find(|r| r.index == 1)
            .expect("ranked");
        assert!(one.request(last).is_none());
        assert!(one.reasons(last).is_empty());
    }

    #[test]
    fn rank_borrows_one_default_ranker_and_ranks_as_a_default_one() {
        let requests = [
            request("req-1", "Could you send me your brochure?"),
            request(
                "req-2",
                "I'm locked out of my account and can't log in, urgent",
            ),
        ];
        let now = datetime!(2026-11-23 21:10 UTC);
        let a = rank(&requests, now);
        let b = rank(&requests[..1], now);
        assert!(
            std::ptr::eq(a.ranker(), b.ranker()),
            "one process-wide ranker"
        );
        let ranker = Ranker::default();
        let fresh = ranker.rank(&requests, now);
        assert_eq!(a.ranked(), fresh.ranked());
        for (x, y) in a.ranked().iter().zip(fresh.ranked()) {
            assert_eq!(a.reasons(x), fresh.reasons(y));
        }
    }

    #[test]
    fn duplicates_agree_with_a_map_of_first_positions() {
        // Ids drawn from a small range repeat often, some many times.
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        let requests: Vec<Request> = (0..600)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                request(&format!("req-{}", state % 250), "Where is my parcel?")
            })
            .collect();
        let mut first = std::collections::BTreeMap::new();
        let mut expected = Vec::new();
        for (index, r) in requests.iter().enumerate() {
            match first.get(r.id().as_str()) {
                Some(&f) => expected.push((index, f)),
                None => {
                    first.insert(r.id().as_str().to_owned(), index);
                }
            }
        }
        let found: Vec<(usize, usize)> = super::duplicates(&requests)
            .iter()
            .map(|d| (d.index, d.first))
            .collect();
        assert!(found.len() > 300, "the sample repeats ids");
        assert_eq!(found, expected);
        // Every id is ranked once: the first of each.
        let ranker = Ranker::default();
        let ranking = ranker.rank(&requests, datetime!(2026-11-23 22:00 UTC));
        let mut ranked: Vec<usize> = ranking.ranked().iter().map(|r| r.index).collect();
        ranked.sort_unstable();
        let mut firsts: Vec<usize> = first.values().copied().collect();
        firsts.sort_unstable();
        assert_eq!(ranked, firsts);
    }

    #[test]
    fn skip_reasons_have_one_name_for_as_str_display_and_json() {
        for reason in SkipReason::ALL {
            let json = serde_json::to_string(reason).expect("a name serializes");
            assert_eq!(json, format!("\"{}\"", reason.as_str()));
            assert_eq!(reason.to_string(), reason.as_str());
            assert_eq!(
                serde_json::from_str::<SkipReason>(&json).ok(),
                Some(*reason)
            );
        }
        assert_eq!(SkipReason::NotYetReceived.as_str(), "not_yet_received");
        assert_eq!(SkipReason::NotYetReceived.detail(), "received after now");
        assert_eq!(SkipReason::Resolved.detail(), "resolved");
    }
}
