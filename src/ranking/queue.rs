//! [`Queue`]: the incremental queue of a long-running service (see the module docs of
//! [`ranking`](super)).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

mod breakpoints;
mod order;

use super::ids::{IdHasher, IdTable, NONE};
use breakpoints::BreakNode;
pub(super) use order::primary_of;
use order::{ORDER_ARITY, OrderNode, node_of};

use super::{Ranker, skip_reason};
use crate::Policy;
use crate::error::{Error, ErrorKind};
use crate::model::{CustomerId, Request, RequestId, Status};
use crate::priority::{Assessment, Reason, ScoredText, assess};

/// A queue of requests that answers "who comes first at `now`" in the same order as
/// [`Ranker::rank_scored`] over its requests in sequence order, without re-assessing every
/// request on every call. See the [module docs](super#the-incremental-queue) for the order,
/// the cost of each operation and the memory it takes.
///
/// ```
/// use realboss::model::*;
/// use realboss::ranking::{Queue, Ranker};
/// use time::macros::{date, datetime};
///
/// let customer = |id: &str| -> Result<CustomerProfile, realboss::Error> {
///     CustomerProfile::builder(CustomerId::new(id)?)
///         .tier(Tier::Standard)
///         .lifetime_value(Money::new(100.0, "EUR".parse()?)?)
///         .customer_since(date!(2020 - 01 - 01))
///         .build()
/// };
/// let at = datetime!(2026-11-23 21:00 UTC);
/// let mut queue = Queue::new(Ranker::default());
/// queue.insert(Request::builder(RequestId::new("req-1")?, customer("cus-1")?, Channel::Email, at)
///     .text("Could you send me your brochure?").build()?, at)?;
/// queue.insert(Request::builder(RequestId::new("req-2")?, customer("cus-2")?, Channel::Chat, at)
///     .text("I'm locked out of my account and can't log in, urgent").build()?, at)?;
///
/// let now = datetime!(2026-11-23 21:10 UTC);
/// let (first, assessment) = queue.pop(now).expect("two requests wait");
/// assert_eq!(first.id().as_str(), "req-2");
/// assert_eq!(assessment.band, realboss::Band::Waiting);
/// assert_eq!(queue.len(), 1);
/// # Ok::<(), realboss::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Queue {
    ranker: Ranker,
    /// Every held request, by slot; `None` marks a free slot (listed in `free`). Read when a
    /// request is taken out, assessed, or ties another one.
    requests: Vec<Option<Request>>,
    /// Each held request's scored messages, by slot (`None` for a free slot).
    texts: Vec<Option<ScoredText>>,
    /// What ranking reads of each slot, kept apart from the large requests.
    meta: Vec<Meta>,
    free: Vec<u32>,
    /// Request id → slot.
    ids: IdTable,
    customers: Vec<Customer>,
    free_customers: Vec<u32>,
    /// Customer id → customer slot.
    customer_ids: IdTable,
    /// Keyed (per queue, at random) hashing of the ids.
    hasher: IdHasher,
    /// The rankable requests, an indexed [`ORDER_ARITY`]-ary min-heap in rank order (first =
    /// top).
    order: Vec<OrderNode>,
    /// Position in `order` by slot, `NONE` when not ranked.
    order_pos: Vec<u32>,
    /// When each request's assessment (or its arrival) next changes: a min-heap in which a
    /// node whose generation is not its slot's current one is stale and skipped.
    breakpoints: Vec<BreakNode>,
    /// How many nodes of `breakpoints` are current.
    live_breakpoints: usize,
    next_seq: u64,
    /// The latest `now` the queue was brought up to, and that instant in nanoseconds.
    now: Option<(OffsetDateTime, i128)>,
    /// Scratch list of slots due for re-assessment, kept to reuse its memory.
    due: Vec<u32>,
}

/// A slot's ranking state.
#[derive(Debug, Clone)]
struct Meta {
    seq: u64,
    customer: u32,
    /// Neighbours in the customer's list of requests (`NONE` at either end).
    prev_member: u32,
    next_member: u32,
    /// The request id's hash, to find it in `ids` without hashing it again.
    id_hash: u32,
    state: Held,
    /// The generation of the slot's current breakpoint node; bumped whenever the breakpoint
    /// changes, which makes the older node stale.
    break_generation: u32,
    has_breakpoint: bool,
    /// The assessment at `assessed_at` (nanoseconds); meaningful while `state` is `Ranked`.
    assessment: Option<Assessment>,
    assessed_at: i128,
}

/// What a held request is at the queue's `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Held {
    /// Resolved: held, never returned, no breakpoint.
    Resolved,
    /// Received after `now`: becomes rankable at `received_at`.
    NotYetReceived,
    /// Ranked; `marked` says whether its messages up to `now` use an urgency word.
    Ranked { marked: bool },
}

/// One customer's requests (a list threaded through [`Meta`]) and their self-urgent habit.
#[derive(Debug, Clone)]
struct Customer {
    first_member: u32,
    id_hash: u32,
    ranked: usize,
    marked: usize,
    discounted: bool,
}

/// What a [`Queue`] holds, in a form that serializes: its requests in sequence order. Restore
/// it with [`Queue::restore`]; the policy and analyzer are the host's (keep them in their own
/// configuration file).
///
/// JSON form: `{"requests": [ {request}, ... ]}` with each request in its
/// [JSON form](crate::model::Request).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct QueueState {
    /// Every held request (resolved and not yet received ones included), in sequence order.
    pub requests: Vec<Request>,
}

impl QueueState {
    /// A state holding `requests` in this order (for example read from a host's own store).
    pub fn new(requests: Vec<Request>) -> QueueState {
        QueueState { requests }
    }
}

impl Queue {
    /// An empty queue ranking with `ranker`'s policy and analyzer.
    pub fn new(ranker: Ranker) -> Queue {
        Queue {
            ranker,
            requests: Vec::new(),
            texts: Vec::new(),
            meta: Vec::new(),
            free: Vec::new(),
            ids: IdTable::default(),
            customers: Vec::new(),
            free_customers: Vec::new(),
            customer_ids: IdTable::default(),
            hasher: IdHasher::new(),
            order: Vec::new(),
            order_pos: Vec::new(),
            breakpoints: Vec::new(),
            live_breakpoints: 0,
            next_seq: 0,
            now: None,
            due: Vec::new(),
        }
    }

    /// The ranker the queue ranks with.
    pub fn ranker(&self) -> &Ranker {
        &self.ranker
    }

    /// How many requests the queue holds, resolved and not-yet-received ones included.
    pub fn len(&self) -> usize {
        self.ids.len
    }

    /// Whether the queue holds no request at all.
    pub fn is_empty(&self) -> bool {
        self.ids.len == 0
    }

    /// How many requests [`Queue::pop`] could return at the latest `now` the queue saw (not
    /// resolved, received by then).
    pub fn ranked_len(&self) -> usize {
        self.order.len()
    }

    /// The held request with this id.
    pub fn get(&self, id: &RequestId) -> Option<&Request> {
        let slot = self.find(id, self.hash(id.as_str()))?;
        Some(self.request(slot))
    }

    /// Adds a request at `now`, scoring its text once.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::DuplicateRequestId`] when the queue already holds a request with this id
    /// (`first` is the held one's position in sequence order, `second` the position the new
    /// one would have had). Use [`Queue::update`] to replace a request.
    pub fn insert(&mut self, request: Request, now: OffsetDateTime) -> Result<(), Error> {
        self.check_new(&request, self.hash(request.id().as_str()))?;
        let text = self.ranker.score(&request);
        self.insert_scored(request, text, now)
    }

    /// Adds a request whose messages were scored already (`text` from [`Ranker::score`] on
    /// this very request; a text scored from another request gives that request's signals).
    ///
    /// # Errors
    ///
    /// As [`Queue::insert`]. Also [`ErrorKind::InvalidValue`] on field `queue size` when the
    /// queue already holds `u32::MAX - 1` requests (see the
    /// [module docs](super#the-incremental-queue)).
    pub fn insert_scored(
        &mut self,
        request: Request,
        text: ScoredText,
        now: OffsetDateTime,
    ) -> Result<(), Error> {
        let id_hash = self.hash(request.id().as_str());
        self.check_new(&request, id_hash)?;
        if self.free.is_empty() && self.requests.len() >= MAX_HELD {
            return Err(Error::invalid_value(
                "queue size",
                &self.requests.len().to_string(),
                "fewer than 4294967295 held requests (remove or pop some first)",
            ));
        }
        self.advance(now);
        let slot = self.hold(request, text, id_hash);
        self.refresh(slot, now);
        Ok(())
    }

    /// Replaces the held request with the same id (it got a new contact, a new status, a
    /// reply) at `now`, scoring only its text again. It keeps its place in the sequence.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidValue`] on field `request id` when the queue holds no request with
    /// this id (insert it first).
    pub fn update(&mut self, request: Request, now: OffsetDateTime) -> Result<(), Error> {
        self.check_held(&request)?;
        let text = self.ranker.score(&request);
        self.update_scored(request, text, now)
    }

    /// [`Queue::update`] with a text scored already.
    ///
    /// # Errors
    ///
    /// As [`Queue::update`].
    pub fn update_scored(
        &mut self,
        request: Request,
        text: ScoredText,
        now: OffsetDateTime,
    ) -> Result<(), Error> {
        let slot = self.check_held(&request)?;
        self.advance(now);
        if self.request(slot).customer().id() != request.customer().id() {
            // The host moved the request to another customer: leave the old one's counts first.
            self.set_state(slot, Held::Resolved, now);
            self.leave_customer(slot);
            let hash = self.hash(request.customer().id().as_str());
            let customer = self.customer_slot(request.customer().id(), hash);
            self.join_customer(slot, customer);
        }
        self.requests[slot as usize] = Some(request);
        self.texts[slot as usize] = Some(text);
        self.meta[slot as usize].assessment = None;
        self.refresh(slot, now);
        Ok(())
    }

    /// Takes the request with this id out of the queue, wherever it stands; `None` when the
    /// queue holds no such request. The other requests keep the `now` the queue last saw.
    pub fn remove(&mut self, id: &RequestId) -> Option<Request> {
        let slot = self.find(id, self.hash(id.as_str()))?;
        // Before any `now` (a queue just restored) nothing is ranked, so no request of the
        // customer needs re-assessing and any instant will do.
        let now = self.now.map_or(OffsetDateTime::UNIX_EPOCH, |(now, _)| now);
        Some(self.take(slot, now).0)
    }

    /// The request to answer first at `now` and its assessment, without taking it out; `None`
    /// when no held request is rankable at `now`.
    pub fn peek(&mut self, now: OffsetDateTime) -> Option<(&Request, Assessment)> {
        self.advance(now);
        let slot = self.order.first()?.slot;
        let assessment = self.assessment_now(slot, now);
        Some((self.request(slot), assessment))
    }

    /// Takes out the request to answer first at `now`, with its assessment at `now` (the one
    /// [`Ranker::rank_scored`] gives it); `None` when no held request is rankable at `now`.
    pub fn pop(&mut self, now: OffsetDateTime) -> Option<(Request, Assessment)> {
        self.advance(now);
        self.pop_scored(now)
            .map(|(request, _, assessment)| (request, assessment))
    }

    /// [`pop`](Self::pop), with the request's scored messages as the queue kept them, so that
    /// the host can explain the assessment ([`Ranker::reasons`]) or keep the scores without
    /// scoring the text again.
    ///
    /// ```
    /// # use realboss::model::*;
    /// # use realboss::ranking::{Queue, Ranker};
    /// # use time::macros::{date, datetime};
    /// # let customer = CustomerProfile::builder(CustomerId::new("cus-1")?)
    /// #     .tier(Tier::Standard)
    /// #     .lifetime_value(Money::new(10.0, "EUR".parse()?)?)
    /// #     .customer_since(date!(2020 - 01 - 01))
    /// #     .build()?;
    /// let at = datetime!(2026-11-23 21:00 UTC);
    /// let mut queue = Queue::new(Ranker::default());
    /// queue.insert(Request::builder(RequestId::new("req-1")?, customer, Channel::Chat, at)
    ///     .text("I'm locked out of my account and can't log in").build()?, at)?;
    /// let now = datetime!(2026-11-23 21:10 UTC);
    /// let (request, text, assessment) = queue.pop_scored(now).expect("one waits");
    /// let reasons = queue.ranker().reasons(&request, &text, &assessment, now);
    /// let sum: f64 = reasons.iter().map(|r| r.weight).sum();
    /// assert!((sum - assessment.priority).abs() < 1e-9);
    /// # Ok::<(), realboss::Error>(())
    /// ```
    pub fn pop_scored(&mut self, now: OffsetDateTime) -> Option<(Request, ScoredText, Assessment)> {
        self.advance(now);
        let slot = self.order.first()?.slot;
        let assessment = self.assessment_now(slot, now);
        let (request, text) = self.take(slot, now);
        Some((request, text, assessment))
    }

    /// Why the held request with this id stands where it does at `now`: its reasons, from
    /// the scores the queue kept (no text is read again), largest absolute weight first.
    /// `None` when the queue holds no such request, or holds it but does not rank it at `now`
    /// (resolved, or received after `now`). Allocates.
    pub fn reasons(&mut self, id: &RequestId, now: OffsetDateTime) -> Option<Vec<Reason>> {
        let slot = self.find(id, self.hash(id.as_str()))?;
        self.advance(now);
        if !matches!(self.meta[slot as usize].state, Held::Ranked { .. }) {
            return None;
        }
        let assessment = self.assessment_now(slot, now);
        Some(
            self.ranker
                .reasons(self.request(slot), self.text(slot), &assessment, now),
        )
    }

    /// Every request rankable at `now`, first to answer first, with its assessment at `now`.
    /// `O(r log r)` for `r` rankable requests: for hosts that show the whole queue, and tests.
    pub fn ranked(&mut self, now: OffsetDateTime) -> Vec<(&Request, Assessment)> {
        self.advance(now);
        let mut nodes = self.order.clone();
        nodes.sort_unstable_by(|a, b| self.cmp_nodes(a, b));
        let assessments: Vec<Assessment> = nodes
            .iter()
            .map(|n| self.assessment_now(n.slot, now))
            .collect();
        nodes
            .iter()
            .zip(assessments)
            .map(|(n, a)| (self.request(n.slot), a))
            .collect()
    }

    /// Ranks the held requests under `policy` from now on, without scoring any text again:
    /// weights, SLA targets, business hours, the maximum wait, customer value, the internal
    /// factor and the self-urgent rule take effect at once. Every held request is assessed
    /// again and both heaps are rebuilt in place (`O(n)` assessments, no second copy of the
    /// queue), or at the next call with a `now` when the queue has seen none yet.
    ///
    /// A change to how history is read ([`Policy::history`](crate::Policy::history), e.g. the
    /// burst window) needs the events again: this queue holds them, so it reads each request's
    /// history once more (still no text), which costs about as much as the assessments. The
    /// queue then pops exactly what a new queue under `policy` would.
    ///
    /// ```
    /// # use realboss::model::*;
    /// # use realboss::ranking::{Queue, Ranker};
    /// # use realboss::Policy;
    /// # use time::macros::{date, datetime};
    /// # let customer = CustomerProfile::builder(CustomerId::new("cus-1")?)
    /// #     .tier(Tier::Standard)
    /// #     .lifetime_value(Money::new(10.0, "EUR".parse()?)?)
    /// #     .customer_since(date!(2020 - 01 - 01))
    /// #     .build()?;
    /// let at = datetime!(2026-11-20 09:00 UTC);
    /// let mut queue = Queue::new(Ranker::default());
    /// queue.insert(Request::builder(RequestId::new("req-1")?, customer, Channel::Email, at)
    ///     .text("Could you send me a copy of my invoice?").build()?, at)?;
    /// let now = datetime!(2026-11-23 09:00 UTC);
    /// assert_eq!(queue.peek(now).map(|(_, a)| a.band), Some(realboss::Band::MaxWait));
    /// // Four days may wait under the team's new policy.
    /// queue.set_policy(Policy::from_json(r#"{"max_wait": "4d"}"#)?);
    /// assert_eq!(queue.peek(now).map(|(_, a)| a.band), Some(realboss::Band::Waiting));
    /// # Ok::<(), realboss::Error>(())
    /// ```
    pub fn set_policy(&mut self, policy: Policy) {
        let history_changed = policy.history() != self.ranker.policy.history();
        self.ranker.policy = policy;
        if history_changed {
            let config = *self.ranker.policy.history();
            for (r, t) in self.requests.iter().zip(&mut self.texts) {
                if let (Some(r), Some(t)) = (r, t) {
                    t.read_history(r, &config);
                }
            }
        }
        if let Some((now, _)) = self.now {
            self.rekey_all(now);
        }
    }

    /// What the queue holds, for serialization: every request in sequence order. `O(n log n)`.
    pub fn state(&self) -> QueueState {
        let mut held: Vec<(u64, &Request)> = self
            .requests
            .iter()
            .zip(&self.meta)
            .filter_map(|(r, m)| r.as_ref().map(|r| (m.seq, r)))
            .collect();
        held.sort_unstable_by_key(|&(seq, _)| seq);
        QueueState {
            requests: held.into_iter().map(|(_, r)| r.clone()).collect(),
        }
    }

    /// Rebuilds a queue from a [`QueueState`], scoring every text once (scoring is
    /// deterministic, so the restored queue ranks exactly as the saved one did). The sequence
    /// order is the state's order. The first call with a `now` assesses every request.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::DuplicateRequestId`] when two requests of the state share an id (positions
    /// in `state.requests`); [`ErrorKind::InvalidValue`] on field `queue size` when the state
    /// holds `u32::MAX - 1` requests or more.
    pub fn restore(ranker: Ranker, state: QueueState) -> Result<Queue, Error> {
        if state.requests.len() > MAX_HELD {
            return Err(Error::invalid_value(
                "queue size",
                &state.requests.len().to_string(),
                "fewer than 4294967295 held requests",
            ));
        }
        if let Some(repeat) = super::duplicates(&state.requests).first() {
            return Err(ErrorKind::DuplicateRequestId {
                request: crate::error::shown(state.requests[repeat.index].id().as_str()),
                first: repeat.first,
                second: repeat.index,
            }
            .into());
        }
        let mut queue = Queue::new(ranker);
        for request in state.requests {
            let text = queue.ranker.score(&request);
            let id_hash = queue.hash(request.id().as_str());
            queue.hold(request, text, id_hash);
        }
        // No `now` yet: the first call re-keys everything.
        Ok(queue)
    }

    // ---- internals ----

    fn hash(&self, id: &str) -> u32 {
        self.hasher.hash(id.as_bytes())
    }

    fn request(&self, slot: u32) -> &Request {
        self.requests
            .get(slot as usize)
            .and_then(Option::as_ref)
            .unwrap_or_else(|| unreachable!("slot {slot} is held"))
    }

    fn text(&self, slot: u32) -> &ScoredText {
        self.texts
            .get(slot as usize)
            .and_then(Option::as_ref)
            .unwrap_or_else(|| unreachable!("slot {slot} is held"))
    }

    /// The slot holding the request with this id.
    fn find(&self, id: &RequestId, hash: u32) -> Option<u32> {
        self.ids.find(hash, |slot| {
            self.requests[slot as usize]
                .as_ref()
                .is_some_and(|r| r.id() == id)
        })
    }

    fn check_new(&self, request: &Request, hash: u32) -> Result<(), Error> {
        match self.find(request.id(), hash) {
            None => Ok(()),
            Some(slot) => {
                let seq = self.meta[slot as usize].seq;
                let first = self
                    .requests
                    .iter()
                    .zip(&self.meta)
                    .filter(|(r, m)| r.is_some() && m.seq < seq)
                    .count();
                Err(ErrorKind::DuplicateRequestId {
                    request: crate::error::shown(request.id().as_str()),
                    first,
                    second: self.len(),
                }
                .into())
            }
        }
    }

    fn check_held(&self, request: &Request) -> Result<u32, Error> {
        self.find(request.id(), self.hash(request.id().as_str()))
            .ok_or_else(|| {
                Error::invalid_value(
                    "request id",
                    request.id().as_str(),
                    "the id of a request the queue holds (insert it first)",
                )
            })
    }

    /// Holds a new request, unranked, last in the sequence, under its id and customer;
    /// returns its slot.
    fn hold(&mut self, request: Request, text: ScoredText, id_hash: u32) -> u32 {
        let customer_hash = self.hash(request.customer().id().as_str());
        let customer = self.customer_slot(request.customer().id(), customer_hash);
        let seq = self.next_seq;
        self.next_seq += 1;
        let slot = self.place(request, text, seq, customer, id_hash);
        self.ids.insert(id_hash, slot);
        slot
    }

    /// Stores an entry in a free slot (or a new one), unranked, as a member of `customer`.
    fn place(
        &mut self,
        request: Request,
        text: ScoredText,
        seq: u64,
        customer: u32,
        id_hash: u32,
    ) -> u32 {
        let slot = match self.free.pop() {
            Some(slot) => {
                self.requests[slot as usize] = Some(request);
                self.texts[slot as usize] = Some(text);
                slot
            }
            None => {
                self.requests.push(Some(request));
                self.texts.push(Some(text));
                self.meta.push(Meta {
                    seq,
                    customer,
                    prev_member: NONE,
                    next_member: NONE,
                    id_hash,
                    state: Held::Resolved,
                    break_generation: 0,
                    has_breakpoint: false,
                    assessment: None,
                    assessed_at: 0,
                });
                self.order_pos.push(NONE);
                (self.requests.len() - 1) as u32
            }
        };
        let m = &mut self.meta[slot as usize];
        m.seq = seq;
        m.id_hash = id_hash;
        m.state = Held::Resolved;
        m.assessment = None;
        self.join_customer(slot, customer);
        slot
    }

    fn customer_slot(&mut self, id: &CustomerId, hash: u32) -> u32 {
        let found = self.customer_ids.find(hash, |c| {
            let first = self.customers[c as usize].first_member;
            self.requests[first as usize]
                .as_ref()
                .is_some_and(|r| r.customer().id() == id)
        });
        if let Some(c) = found {
            return c;
        }
        let fresh = Customer {
            first_member: NONE,
            id_hash: hash,
            ranked: 0,
            marked: 0,
            discounted: false,
        };
        let c = match self.free_customers.pop() {
            Some(c) => {
                self.customers[c as usize] = fresh;
                c
            }
            None => {
                self.customers.push(fresh);
                (self.customers.len() - 1) as u32
            }
        };
        self.customer_ids.insert(hash, c);
        c
    }

    /// Puts a slot at the head of its customer's list.
    fn join_customer(&mut self, slot: u32, customer: u32) {
        let first = std::mem::replace(&mut self.customers[customer as usize].first_member, slot);
        let m = &mut self.meta[slot as usize];
        m.customer = customer;
        m.prev_member = NONE;
        m.next_member = first;
        if first != NONE {
            self.meta[first as usize].prev_member = slot;
        }
    }

    /// Takes a slot out of its customer's list, freeing the customer when it has none left.
    fn leave_customer(&mut self, slot: u32) {
        let m = &self.meta[slot as usize];
        let (c, prev, next) = (m.customer, m.prev_member, m.next_member);
        if prev == NONE {
            self.customers[c as usize].first_member = next;
        } else {
            self.meta[prev as usize].next_member = next;
        }
        if next != NONE {
            self.meta[next as usize].prev_member = prev;
        }
        if self.customers[c as usize].first_member == NONE {
            let hash = self.customers[c as usize].id_hash;
            self.customer_ids.remove(hash, c);
            self.free_customers.push(c);
        }
    }

    /// Takes a slot out of every structure, with its scored messages.
    fn take(&mut self, slot: u32, now: OffsetDateTime) -> (Request, ScoredText) {
        self.set_state(slot, Held::Resolved, now);
        self.order_remove(slot);
        self.break_set(slot, None);
        self.leave_customer(slot);
        self.ids.remove(self.meta[slot as usize].id_hash, slot);
        self.free.push(slot);
        let text = self.texts[slot as usize].take().unwrap_or_default();
        let request = self.requests[slot as usize]
            .take()
            .unwrap_or_else(|| unreachable!("slot {slot} is held"));
        (request, text)
    }

    /// Brings the queue up to `now`: re-assesses the requests whose breakpoint passed, or
    /// everything when `now` went backwards (or the queue was just restored).
    fn advance(&mut self, now: OffsetDateTime) {
        let at = match self.now {
            // The same `now` as the last call (a service's burst of calls): skip the conversion.
            Some((last, at))
                if last.date() == now.date()
                    && last.time() == now.time()
                    && last.offset() == now.offset() =>
            {
                at
            }
            _ => now.unix_timestamp_nanos(),
        };
        match self.now {
            Some((_, prev)) if at >= prev => {}
            _ => {
                self.rekey_all(now);
                return;
            }
        }
        self.now = Some((now, at));
        let mut due = std::mem::take(&mut self.due);
        while let Some(top) = self.breakpoints.first().copied()
            && top.at <= at
        {
            self.break_pop();
            let m = &mut self.meta[top.slot as usize];
            if m.has_breakpoint && m.break_generation == top.generation {
                m.has_breakpoint = false;
                self.live_breakpoints -= 1;
                due.push(top.slot);
            }
        }
        for &slot in &due {
            // An earlier re-assessment in this list may have taken it (never today), so check.
            if self.requests[slot as usize].is_some() {
                self.refresh(slot, now);
            }
        }
        due.clear();
        self.due = due;
    }

    /// Re-assesses everything at `now` from scratch: `O(n)` assessments and heap rebuilds.
    fn rekey_all(&mut self, now: OffsetDateTime) {
        let at = now.unix_timestamp_nanos();
        self.now = Some((now, at));
        for c in &mut self.customers {
            c.ranked = 0;
            c.marked = 0;
        }
        for ((r, t), m) in self.requests.iter().zip(&self.texts).zip(&mut self.meta) {
            let (Some(r), Some(t)) = (r, t) else { continue };
            m.state = classify(r, t, now);
            if let Held::Ranked { marked } = m.state {
                let c = &mut self.customers[m.customer as usize];
                c.ranked += 1;
                c.marked += usize::from(marked);
            }
        }
        let rule = *self.ranker.policy.self_urgent();
        for c in &mut self.customers {
            c.discounted = rule.applies(c.marked, c.ranked);
        }
        self.order.clear();
        self.breakpoints.clear();
        self.live_breakpoints = 0;
        let held = self.requests.iter().zip(&self.texts).zip(&mut self.meta);
        for (slot, ((r, t), m)) in held.enumerate() {
            self.order_pos[slot] = NONE;
            m.has_breakpoint = false;
            m.break_generation = m.break_generation.wrapping_add(1);
            let (Some(r), Some(t)) = (r, t) else { continue };
            let slot = slot as u32;
            let due = match m.state {
                Held::Resolved => None,
                Held::NotYetReceived => {
                    m.assessment = None;
                    Some(r.received_at())
                }
                Held::Ranked { .. } => {
                    let discounted = self.customers[m.customer as usize].discounted;
                    let a = assess(&self.ranker.policy, r, t, now, discounted);
                    m.assessment = Some(a);
                    m.assessed_at = at;
                    self.order.push(node_of(&a, slot));
                    a.valid_until
                }
            };
            if let Some(due) = due {
                m.has_breakpoint = true;
                self.live_breakpoints += 1;
                self.breakpoints.push(BreakNode {
                    at: due.unix_timestamp_nanos(),
                    slot,
                    generation: m.break_generation,
                });
            }
        }
        // Heapify both (Floyd), then record positions.
        if self.order.len() > 1 {
            for i in (0..=(self.order.len() - 2) / ORDER_ARITY).rev() {
                self.order_down(i);
            }
        }
        for i in (0..self.breakpoints.len() / 2).rev() {
            self.break_down(i);
        }
        for (i, n) in self.order.iter().enumerate() {
            self.order_pos[n.slot as usize] = i as u32;
        }
    }

    /// Re-reads one request at `now`: its state, its customer's habit, its assessment and
    /// breakpoint. Re-assesses the customer's other requests when the habit flips.
    fn refresh(&mut self, slot: u32, now: OffsetDateTime) {
        let state = classify(self.request(slot), self.text(slot), now);
        let flipped = self.set_state(slot, state, now);
        match state {
            Held::Ranked { .. } => {
                if !flipped {
                    self.reassess(slot, now);
                }
            }
            Held::NotYetReceived => {
                self.order_remove(slot);
                let at = self.request(slot).received_at();
                self.meta[slot as usize].assessment = None;
                self.break_set(slot, Some(at));
            }
            Held::Resolved => {
                self.order_remove(slot);
                self.meta[slot as usize].assessment = None;
                self.break_set(slot, None);
            }
        }
    }

    /// Sets a slot's state and its customer's counts; when the customer's self-urgent habit
    /// flips, re-assesses the customer's other ranked requests (and this one when ranked).
    /// Returns whether it flipped.
    fn set_state(&mut self, slot: u32, state: Held, now: OffsetDateTime) -> bool {
        let m = &mut self.meta[slot as usize];
        let old = std::mem::replace(&mut m.state, state);
        let c = m.customer as usize;
        let customer = &mut self.customers[c];
        if let Held::Ranked { marked } = old {
            customer.ranked -= 1;
            customer.marked -= usize::from(marked);
        }
        if let Held::Ranked { marked } = state {
            customer.ranked += 1;
            customer.marked += usize::from(marked);
        }
        let discounted = self
            .ranker
            .policy
            .self_urgent()
            .applies(customer.marked, customer.ranked);
        if discounted == customer.discounted {
            return false;
        }
        customer.discounted = discounted;
        let mut member = customer.first_member;
        while member != NONE {
            if matches!(self.meta[member as usize].state, Held::Ranked { .. }) {
                self.reassess(member, now);
            }
            member = self.meta[member as usize].next_member;
        }
        true
    }

    /// Assesses a ranked slot at `now` and puts it in its place.
    fn reassess(&mut self, slot: u32, now: OffsetDateTime) {
        let m = &self.meta[slot as usize];
        let discounted = self.customers[m.customer as usize].discounted;
        let a = assess(
            &self.ranker.policy,
            self.request(slot),
            self.text(slot),
            now,
            discounted,
        );
        let at = self
            .now
            .map_or_else(|| now.unix_timestamp_nanos(), |(_, at)| at);
        let m = &mut self.meta[slot as usize];
        m.assessment = Some(a);
        m.assessed_at = at;
        self.order_set(node_of(&a, slot));
        self.break_set(slot, a.valid_until);
    }

    /// The slot's assessment at `now` (the queue is at `now`): the stored one when it was made
    /// at this very `now`, else a fresh one, which is stored (its order key is unchanged).
    fn assessment_now(&mut self, slot: u32, now: OffsetDateTime) -> Assessment {
        let at = self
            .now
            .map_or_else(|| now.unix_timestamp_nanos(), |(_, at)| at);
        let m = &self.meta[slot as usize];
        if let Some(a) = m.assessment
            && m.assessed_at == at
        {
            return a;
        }
        let discounted = self.customers[m.customer as usize].discounted;
        let a = assess(
            &self.ranker.policy,
            self.request(slot),
            self.text(slot),
            now,
            discounted,
        );
        // The order key must not have moved since the stored assessment (a breakpoint would
        // have re-assessed it): this catches a missing breakpoint in tests.
        debug_assert!(
            m.assessment.is_none_or(|old| old.band == a.band
                && old.key.to_bits() == a.key.to_bits()
                && old.waiting_since == a.waiting_since),
            "request {} changed between breakpoints",
            self.request(slot).id()
        );
        let m = &mut self.meta[slot as usize];
        m.assessment = Some(a);
        m.assessed_at = at;
        a
    }
}

/// Slots are `u32`, with `u32::MAX` meaning "none".
const MAX_HELD: usize = u32::MAX as usize - 1;

/// What a request is at `now` (see [`skip_reason`]).
fn classify(request: &Request, text: &ScoredText, now: OffsetDateTime) -> Held {
    match skip_reason(request, now) {
        None => Held::Ranked {
            marked: text.marked_by(now),
        },
        Some(_) if request.status() == Status::Resolved => Held::Resolved,
        Some(_) => Held::NotYetReceived,
    }
}
