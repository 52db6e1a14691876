//! [`Queue`]: the incremental queue of a long-running service (see the module docs of
//! [`ranking`](super)).

use std::cmp::Ordering;
use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{Ranker, skip_reason};
use crate::error::{Error, ErrorKind};
use crate::model::{CustomerId, Request, RequestId, Status};
use crate::priority::{Assessment, Band, ScoredText, assess};

/// Marks "not in this heap" in the position arrays.
const NONE: u32 = u32::MAX;

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
///     CustomerProfile::builder(CustomerId::new(id)?, Tier::Standard,
///         Money::new(100.0, "EUR".parse()?)?, date!(2020 - 01 - 01)).build()
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
/// assert!(assessment.priority >= 1.0);
/// assert_eq!(queue.len(), 1);
/// # Ok::<(), realboss::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Queue {
    ranker: Ranker,
    /// Every held request, by slot; `None` marks a free slot (listed in `free`).
    entries: Vec<Option<Entry>>,
    free: Vec<u32>,
    ids: HashMap<RequestId, u32>,
    customers: Vec<Customer>,
    free_customers: Vec<u32>,
    customer_ids: HashMap<CustomerId, u32>,
    /// The rankable requests, an indexed binary min-heap in rank order (first = top).
    order: Vec<OrderNode>,
    /// Position in `order` by slot, `NONE` when not ranked.
    order_pos: Vec<u32>,
    /// When each request's assessment (or its arrival) next changes: an indexed min-heap.
    breakpoints: Vec<BreakNode>,
    /// Position in `breakpoints` by slot, `NONE` when nothing is due.
    break_pos: Vec<u32>,
    next_seq: u64,
    /// The latest `now` the queue was brought up to.
    now: Option<OffsetDateTime>,
    /// Scratch list of slots due for re-assessment, kept to reuse its memory.
    due: Vec<u32>,
}

#[derive(Debug, Clone)]
struct Entry {
    request: Request,
    text: ScoredText,
    seq: u64,
    customer: u32,
    /// Position in the customer's `members`.
    member_pos: u32,
    state: Held,
    /// The assessment at `assessed_at`; meaningful while `state` is `Ranked`.
    assessment: Option<Assessment>,
    assessed_at: OffsetDateTime,
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

/// One customer's requests and their self-urgent habit.
#[derive(Debug, Clone, Default)]
struct Customer {
    members: Vec<u32>,
    ranked: usize,
    marked: usize,
    discounted: bool,
}

/// A rankable request's place: the time-invariant part of the order packed for fast
/// comparison; the rare ties go to [`Queue::tie`].
#[derive(Debug, Clone, Copy)]
struct OrderNode {
    /// Band first (`MaxWait` = 0), then the key (higher key = smaller), then colleague after
    /// customer: compared as one number.
    primary: u128,
    slot: u32,
}

#[derive(Debug, Clone, Copy)]
struct BreakNode {
    at: i128,
    slot: u32,
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
            entries: Vec::new(),
            free: Vec::new(),
            ids: HashMap::new(),
            customers: Vec::new(),
            free_customers: Vec::new(),
            customer_ids: HashMap::new(),
            order: Vec::new(),
            order_pos: Vec::new(),
            breakpoints: Vec::new(),
            break_pos: Vec::new(),
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
        self.ids.len()
    }

    /// Whether the queue holds no request at all.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// How many requests [`Queue::pop`] could return at the latest `now` the queue saw (not
    /// resolved, received by then).
    pub fn ranked_len(&self) -> usize {
        self.order.len()
    }

    /// The held request with this id.
    pub fn get(&self, id: &RequestId) -> Option<&Request> {
        let slot = *self.ids.get(id)?;
        self.entry(slot).map(|e| &e.request)
    }

    /// Adds a request at `now`, scoring its text once.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::DuplicateRequestId`] when the queue already holds a request with this id
    /// (`first` is the held one's position in sequence order, `second` the position the new
    /// one would have had). Use [`Queue::update`] to replace a request.
    pub fn insert(&mut self, request: Request, now: OffsetDateTime) -> Result<(), Error> {
        self.check_new(&request)?;
        let text = self.ranker.score(&request);
        self.insert_scored(request, text, now)
    }

    /// Adds a request whose messages were scored already (`text` from [`Ranker::score`] on
    /// this very request; a text scored from another request gives that request's signals).
    ///
    /// # Errors
    ///
    /// As [`Queue::insert`].
    pub fn insert_scored(
        &mut self,
        request: Request,
        text: ScoredText,
        now: OffsetDateTime,
    ) -> Result<(), Error> {
        self.check_new(&request)?;
        self.advance(now);
        let customer = self.customer_slot(request.customer().id());
        let member_pos = self.customers[customer as usize].members.len() as u32;
        let entry = Entry {
            seq: self.next_seq,
            customer,
            member_pos,
            state: Held::Resolved,
            assessment: None,
            assessed_at: now,
            text,
            request,
        };
        self.next_seq += 1;
        let slot = match self.free.pop() {
            Some(slot) => {
                self.entries[slot as usize] = Some(entry);
                slot
            }
            None => {
                self.entries.push(Some(entry));
                self.order_pos.push(NONE);
                self.break_pos.push(NONE);
                (self.entries.len() - 1) as u32
            }
        };
        self.customers[customer as usize].members.push(slot);
        let id = self.entry_ref(slot).request.id().clone();
        self.ids.insert(id, slot);
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
        if self.entry_ref(slot).request.customer().id() != request.customer().id() {
            // The host moved the request to another customer: leave the old one's counts first.
            self.set_state(slot, Held::Resolved, now);
            self.leave_customer(slot);
            let customer = self.customer_slot(request.customer().id());
            let c = &mut self.customers[customer as usize];
            let member_pos = c.members.len() as u32;
            c.members.push(slot);
            let e = self.entry_mut(slot);
            e.customer = customer;
            e.member_pos = member_pos;
        }
        let e = self.entry_mut(slot);
        e.request = request;
        e.text = text;
        e.assessment = None;
        self.refresh(slot, now);
        Ok(())
    }

    /// Takes the request with this id out of the queue, wherever it stands; `None` when the
    /// queue holds no such request. The other requests keep the `now` the queue last saw.
    pub fn remove(&mut self, id: &RequestId) -> Option<Request> {
        let slot = *self.ids.get(id)?;
        // Before any `now` (a queue just restored) nothing is ranked, so no request of the
        // customer needs re-assessing and any instant will do.
        let now = self.now.unwrap_or(OffsetDateTime::UNIX_EPOCH);
        self.take(slot, now).map(|e| e.request)
    }

    /// The request to answer first at `now` and its assessment, without taking it out; `None`
    /// when no held request is rankable at `now`.
    pub fn peek(&mut self, now: OffsetDateTime) -> Option<(&Request, Assessment)> {
        self.advance(now);
        let slot = self.order.first()?.slot;
        let assessment = self.assessment_now(slot, now);
        Some((&self.entry_ref(slot).request, assessment))
    }

    /// Takes out the request to answer first at `now`, with its assessment at `now` (the one
    /// [`Ranker::rank_scored`] gives it); `None` when no held request is rankable at `now`.
    pub fn pop(&mut self, now: OffsetDateTime) -> Option<(Request, Assessment)> {
        self.advance(now);
        let slot = self.order.first()?.slot;
        let assessment = self.assessment_now(slot, now);
        self.take(slot, now).map(|e| (e.request, assessment))
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
            .map(|(n, a)| (&self.entry_ref(n.slot).request, a))
            .collect()
    }

    /// What the queue holds, for serialization: every request in sequence order. `O(n log n)`.
    pub fn state(&self) -> QueueState {
        let mut held: Vec<&Entry> = self.entries.iter().flatten().collect();
        held.sort_unstable_by_key(|e| e.seq);
        QueueState {
            requests: held.into_iter().map(|e| e.request.clone()).collect(),
        }
    }

    /// Rebuilds a queue from a [`QueueState`], scoring every text once (scoring is
    /// deterministic, so the restored queue ranks exactly as the saved one did). The sequence
    /// order is the state's order. The first call with a `now` assesses every request.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::DuplicateRequestId`] when two requests of the state share an id (positions
    /// in `state.requests`).
    pub fn restore(ranker: Ranker, state: QueueState) -> Result<Queue, Error> {
        let mut seen: HashMap<&RequestId, usize> = HashMap::new();
        for (i, r) in state.requests.iter().enumerate() {
            if let Some(first) = seen.insert(r.id(), i) {
                return Err(ErrorKind::DuplicateRequestId {
                    request: crate::error::shown(r.id().as_str()),
                    first,
                    second: i,
                }
                .into());
            }
        }
        drop(seen);
        let mut queue = Queue::new(ranker);
        for request in state.requests {
            let text = queue.ranker.score(&request);
            queue.hold(request, text);
        }
        Ok(queue)
    }

    // ---- internals ----

    fn entry(&self, slot: u32) -> Option<&Entry> {
        self.entries.get(slot as usize).and_then(Option::as_ref)
    }

    fn entry_ref(&self, slot: u32) -> &Entry {
        self.entry(slot)
            .unwrap_or_else(|| unreachable!("slot {slot} is held"))
    }

    fn entry_mut(&mut self, slot: u32) -> &mut Entry {
        self.entries
            .get_mut(slot as usize)
            .and_then(Option::as_mut)
            .unwrap_or_else(|| unreachable!("slot {slot} is held"))
    }

    fn check_new(&self, request: &Request) -> Result<(), Error> {
        match self.ids.get(request.id()) {
            None => Ok(()),
            Some(&slot) => {
                let seq = self.entry_ref(slot).seq;
                let first = self
                    .entries
                    .iter()
                    .flatten()
                    .filter(|e| e.seq < seq)
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
        self.ids.get(request.id()).copied().ok_or_else(|| {
            Error::invalid_value(
                "request id",
                request.id().as_str(),
                "the id of a request the queue holds (insert it first)",
            )
        })
    }

    /// Holds a request without assessing it (restore): the next `now` re-keys everything.
    fn hold(&mut self, request: Request, text: ScoredText) {
        let customer = self.customer_slot(request.customer().id());
        let member_pos = self.customers[customer as usize].members.len() as u32;
        let slot = self.entries.len() as u32;
        self.ids.insert(request.id().clone(), slot);
        self.customers[customer as usize].members.push(slot);
        self.entries.push(Some(Entry {
            request,
            text,
            seq: self.next_seq,
            customer,
            member_pos,
            state: Held::Resolved,
            assessment: None,
            assessed_at: OffsetDateTime::UNIX_EPOCH,
        }));
        self.order_pos.push(NONE);
        self.break_pos.push(NONE);
        self.next_seq += 1;
    }

    fn customer_slot(&mut self, id: &CustomerId) -> u32 {
        if let Some(&c) = self.customer_ids.get(id) {
            return c;
        }
        let c = match self.free_customers.pop() {
            Some(c) => c,
            None => {
                self.customers.push(Customer::default());
                (self.customers.len() - 1) as u32
            }
        };
        self.customer_ids.insert(id.clone(), c);
        c
    }

    /// Removes a slot from its customer's members, freeing the customer when it has none left.
    fn leave_customer(&mut self, slot: u32) {
        let (c, pos) = {
            let e = self.entry_ref(slot);
            (e.customer, e.member_pos)
        };
        let members = &mut self.customers[c as usize].members;
        members.swap_remove(pos as usize);
        if let Some(&moved) = members.get(pos as usize) {
            self.entry_mut(moved).member_pos = pos;
        }
        if self.customers[c as usize].members.is_empty() {
            let id = self.entry_ref(slot).request.customer().id().clone();
            self.customer_ids.remove(&id);
            let customer = &mut self.customers[c as usize];
            customer.ranked = 0;
            customer.marked = 0;
            customer.discounted = false;
            self.free_customers.push(c);
        }
    }

    /// Takes a slot out of every structure.
    fn take(&mut self, slot: u32, now: OffsetDateTime) -> Option<Entry> {
        self.set_state(slot, Held::Resolved, now);
        self.order_remove(slot);
        self.break_set(slot, None);
        self.leave_customer(slot);
        let entry = self.entries.get_mut(slot as usize)?.take()?;
        self.ids.remove(entry.request.id());
        self.free.push(slot);
        Some(entry)
    }

    /// Brings the queue up to `now`: re-assesses the requests whose breakpoint passed, or
    /// everything when `now` went backwards (or the queue was just restored).
    fn advance(&mut self, now: OffsetDateTime) {
        match self.now {
            Some(prev) if now >= prev => {}
            _ => {
                self.rekey_all(now);
                return;
            }
        }
        self.now = Some(now);
        let limit = now.unix_timestamp_nanos();
        let mut due = std::mem::take(&mut self.due);
        while let Some(top) = self.breakpoints.first()
            && top.at <= limit
        {
            let slot = top.slot;
            self.break_set(slot, None);
            due.push(slot);
        }
        for &slot in &due {
            // An earlier re-assessment in this list may have taken it (never today), so check.
            if self.entry(slot).is_some() {
                self.refresh(slot, now);
            }
        }
        due.clear();
        self.due = due;
    }

    /// Re-assesses everything at `now` from scratch: `O(n)` assessments and heap rebuilds.
    fn rekey_all(&mut self, now: OffsetDateTime) {
        self.now = Some(now);
        for c in &mut self.customers {
            c.ranked = 0;
            c.marked = 0;
        }
        for e in self.entries.iter_mut().flatten() {
            e.state = classify(&e.request, &e.text, now);
            if let Held::Ranked { marked } = e.state {
                let c = &mut self.customers[e.customer as usize];
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
        for (slot, e) in self.entries.iter_mut().enumerate() {
            self.order_pos[slot] = NONE;
            self.break_pos[slot] = NONE;
            let Some(e) = e else { continue };
            let slot = slot as u32;
            let at = match e.state {
                Held::Resolved => None,
                Held::NotYetReceived => {
                    e.assessment = None;
                    Some(e.request.received_at())
                }
                Held::Ranked { .. } => {
                    let discounted = self.customers[e.customer as usize].discounted;
                    let a = assess(&self.ranker.policy, &e.request, &e.text, now, discounted);
                    e.assessment = Some(a);
                    e.assessed_at = now;
                    self.order.push(node_of(&a, slot));
                    a.valid_until
                }
            };
            if let Some(at) = at {
                self.breakpoints.push(BreakNode {
                    at: at.unix_timestamp_nanos(),
                    slot,
                });
            }
        }
        // Heapify both (Floyd), then record positions.
        for i in (0..self.order.len() / 2).rev() {
            self.order_down(i);
        }
        for i in (0..self.breakpoints.len() / 2).rev() {
            self.break_down(i);
        }
        for (i, n) in self.order.iter().enumerate() {
            self.order_pos[n.slot as usize] = i as u32;
        }
        for (i, n) in self.breakpoints.iter().enumerate() {
            self.break_pos[n.slot as usize] = i as u32;
        }
    }

    /// Re-reads one request at `now`: its state, its customer's habit, its assessment and
    /// breakpoint. Re-assesses the customer's other requests when the habit flips.
    fn refresh(&mut self, slot: u32, now: OffsetDateTime) {
        let state = {
            let e = self.entry_ref(slot);
            classify(&e.request, &e.text, now)
        };
        let flipped = self.set_state(slot, state, now);
        match state {
            Held::Ranked { .. } => {
                if !flipped {
                    self.reassess(slot, now);
                }
            }
            Held::NotYetReceived => {
                self.order_remove(slot);
                let at = self.entry_ref(slot).request.received_at();
                self.entry_mut(slot).assessment = None;
                self.break_set(slot, Some(at));
            }
            Held::Resolved => {
                self.order_remove(slot);
                self.entry_mut(slot).assessment = None;
                self.break_set(slot, None);
            }
        }
    }

    /// Sets a slot's state and its customer's counts; when the customer's self-urgent habit
    /// flips, re-assesses the customer's other ranked requests (and this one when ranked).
    /// Returns whether it flipped.
    fn set_state(&mut self, slot: u32, state: Held, now: OffsetDateTime) -> bool {
        let e = self.entry_mut(slot);
        let old = std::mem::replace(&mut e.state, state);
        let c = e.customer as usize;
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
        let members = std::mem::take(&mut customer.members);
        for &m in &members {
            if matches!(self.entry_ref(m).state, Held::Ranked { .. }) {
                self.reassess(m, now);
            }
        }
        self.customers[c].members = members;
        true
    }

    /// Assesses a ranked slot at `now` and puts it in its place.
    fn reassess(&mut self, slot: u32, now: OffsetDateTime) {
        let e = self.entry_ref(slot);
        let discounted = self.customers[e.customer as usize].discounted;
        let a = assess(&self.ranker.policy, &e.request, &e.text, now, discounted);
        let e = self.entry_mut(slot);
        e.assessment = Some(a);
        e.assessed_at = now;
        self.order_set(node_of(&a, slot));
        self.break_set(slot, a.valid_until);
    }

    /// The slot's assessment at `now` (the queue is at `now`): the stored one when it was made
    /// at this very `now`, else a fresh one, which is stored (its order key is unchanged).
    fn assessment_now(&mut self, slot: u32, now: OffsetDateTime) -> Assessment {
        let e = self.entry_ref(slot);
        if let Some(a) = e.assessment
            && e.assessed_at == now
        {
            return a;
        }
        let discounted = self.customers[e.customer as usize].discounted;
        let a = assess(&self.ranker.policy, &e.request, &e.text, now, discounted);
        // The order key must not have moved since the stored assessment (a breakpoint would
        // have re-assessed it): this catches a missing breakpoint in tests.
        debug_assert!(
            e.assessment.is_none_or(|old| old.band == a.band
                && old.key.to_bits() == a.key.to_bits()
                && old.waiting_since == a.waiting_since),
            "request {} changed between breakpoints",
            e.request.id()
        );
        let e = self.entry_mut(slot);
        e.assessment = Some(a);
        e.assessed_at = now;
        a
    }

    // ---- the order heap ----

    /// The full order between two ranked slots: the packed primary part, then the tie-break
    /// of [`super::compare`] (longer wait, arrival, id, sequence).
    fn cmp_nodes(&self, a: &OrderNode, b: &OrderNode) -> Ordering {
        a.primary
            .cmp(&b.primary)
            .then_with(|| self.tie(a.slot, b.slot))
    }

    #[cold]
    fn tie(&self, a: u32, b: u32) -> Ordering {
        let (ea, eb) = (self.entry_ref(a), self.entry_ref(b));
        let since = |e: &Entry| e.assessment.and_then(|a| a.waiting_since);
        match (since(ea), since(eb)) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
        .then_with(|| ea.request.received_at().cmp(&eb.request.received_at()))
        .then_with(|| ea.request.id().as_str().cmp(eb.request.id().as_str()))
        .then_with(|| ea.seq.cmp(&eb.seq))
    }

    fn less(&self, i: usize, j: usize) -> bool {
        self.cmp_nodes(&self.order[i], &self.order[j]) == Ordering::Less
    }

    fn order_place(&mut self, i: usize) {
        self.order_pos[self.order[i].slot as usize] = i as u32;
    }

    fn order_up(&mut self, mut i: usize) -> usize {
        while i > 0 {
            let parent = (i - 1) / 2;
            if !self.less(i, parent) {
                break;
            }
            self.order.swap(i, parent);
            self.order_place(i);
            i = parent;
        }
        self.order_place(i);
        i
    }

    fn order_down(&mut self, mut i: usize) {
        let n = self.order.len();
        loop {
            let left = 2 * i + 1;
            if left >= n {
                break;
            }
            let right = left + 1;
            let child = if right < n && self.less(right, left) {
                right
            } else {
                left
            };
            if !self.less(child, i) {
                break;
            }
            self.order.swap(i, child);
            self.order_place(i);
            i = child;
        }
        if i < n {
            self.order_place(i);
        }
    }

    /// Inserts or re-keys a slot.
    fn order_set(&mut self, node: OrderNode) {
        let slot = node.slot as usize;
        match self.order_pos[slot] {
            NONE => {
                self.order.push(node);
                self.order_up(self.order.len() - 1);
            }
            pos => {
                let i = pos as usize;
                self.order[i] = node;
                if self.order_up(i) == i {
                    self.order_down(i);
                }
            }
        }
    }

    fn order_remove(&mut self, slot: u32) {
        let pos = self.order_pos[slot as usize];
        if pos == NONE {
            return;
        }
        self.order_pos[slot as usize] = NONE;
        let i = pos as usize;
        let last = self.order.len() - 1;
        self.order.swap(i, last);
        self.order.pop();
        if i < last {
            self.order_place(i);
            if self.order_up(i) == i {
                self.order_down(i);
            }
        }
    }

    // ---- the breakpoint heap ----

    fn break_place(&mut self, i: usize) {
        self.break_pos[self.breakpoints[i].slot as usize] = i as u32;
    }

    fn break_less(&self, i: usize, j: usize) -> bool {
        self.breakpoints[i].at < self.breakpoints[j].at
    }

    fn break_up(&mut self, mut i: usize) -> usize {
        while i > 0 {
            let parent = (i - 1) / 2;
            if !self.break_less(i, parent) {
                break;
            }
            self.breakpoints.swap(i, parent);
            self.break_place(i);
            i = parent;
        }
        self.break_place(i);
        i
    }

    fn break_down(&mut self, mut i: usize) {
        let n = self.breakpoints.len();
        loop {
            let left = 2 * i + 1;
            if left >= n {
                break;
            }
            let right = left + 1;
            let child = if right < n && self.break_less(right, left) {
                right
            } else {
                left
            };
            if !self.break_less(child, i) {
                break;
            }
            self.breakpoints.swap(i, child);
            self.break_place(i);
            i = child;
        }
        if i < n {
            self.break_place(i);
        }
    }

    /// Sets (or clears, with `None`) a slot's breakpoint.
    fn break_set(&mut self, slot: u32, at: Option<OffsetDateTime>) {
        let pos = self.break_pos[slot as usize];
        match (pos, at) {
            (NONE, None) => {}
            (NONE, Some(at)) => {
                self.breakpoints.push(BreakNode {
                    at: at.unix_timestamp_nanos(),
                    slot,
                });
                self.break_up(self.breakpoints.len() - 1);
            }
            (pos, Some(at)) => {
                let i = pos as usize;
                self.breakpoints[i].at = at.unix_timestamp_nanos();
                if self.break_up(i) == i {
                    self.break_down(i);
                }
            }
            (pos, None) => {
                self.break_pos[slot as usize] = NONE;
                let i = pos as usize;
                let last = self.breakpoints.len() - 1;
                self.breakpoints.swap(i, last);
                self.breakpoints.pop();
                if i < last {
                    self.break_place(i);
                    if self.break_up(i) == i {
                        self.break_down(i);
                    }
                }
            }
        }
    }
}

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

/// Packs the time-invariant part of [`Assessment::cmp_rank`] into one number, smaller first.
fn node_of(a: &Assessment, slot: u32) -> OrderNode {
    OrderNode {
        primary: primary_of(a),
        slot,
    }
}

/// The band, key and colleague flag of [`Assessment::cmp_rank`] as one number, smaller first.
pub(crate) fn primary_of(a: &Assessment) -> u128 {
    let band: u128 = match a.band {
        Band::MaxWait => 0,
        Band::Waiting => 1,
        Band::NotWaiting => 2,
    };
    // `total_cmp` order as unsigned bits, then inverted: a higher key comes first.
    let bits = a.key.to_bits();
    let ordered = if bits >> 63 == 1 {
        !bits
    } else {
        bits | (1 << 63)
    };
    let key = u128::from(!ordered);
    (band << 65) | (key << 1) | u128::from(a.internal)
}
