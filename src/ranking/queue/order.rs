//! The order heap of a [`Queue`]: the rankable requests in an indexed [`ORDER_ARITY`]-ary
//! min-heap keyed by a packed prefix of the rank order.

use std::cmp::Ordering;

use super::{NONE, Queue};
use crate::priority::{Assessment, Band};

/// Children per node of the order heap: a node's four children share one cache line, and the
/// heap is half as deep as a binary one.
pub(super) const ORDER_ARITY: usize = 4;

/// A rankable request's place: a coarse, time-invariant prefix of the order packed for fast
/// comparison; equal prefixes go to [`Queue::tie`].
#[derive(Debug, Clone, Copy)]
pub(super) struct OrderNode {
    /// Band (`MaxWait` = 0) in the top two bits, then the top 62 bits of the key's order
    /// (higher key = smaller).
    pub(super) primary: u64,
    pub(super) slot: u32,
}

impl Queue {
    /// The full order between two ranked slots: the packed prefix, then the rest of
    /// [`ranking::compare`](crate::ranking::compare) with the sequence number as the input
    /// position.
    pub(super) fn cmp_nodes(&self, a: &OrderNode, b: &OrderNode) -> Ordering {
        a.primary
            .cmp(&b.primary)
            .then_with(|| self.tie(a.slot, b.slot))
    }

    #[cold]
    fn tie(&self, a: u32, b: u32) -> Ordering {
        let (ma, mb) = (&self.meta[a as usize], &self.meta[b as usize]);
        let (ra, rb) = (self.request(a), self.request(b));
        let order = match (&ma.assessment, &mb.assessment) {
            (Some(x), Some(y)) => x.cmp_rank(y),
            _ => unreachable!("ranked slots {a} and {b} are assessed"),
        };
        order
            .then_with(|| ra.received_at().cmp(&rb.received_at()))
            .then_with(|| ra.id().as_str().cmp(rb.id().as_str()))
            .then_with(|| ma.seq.cmp(&mb.seq))
    }

    fn node_less(&self, a: &OrderNode, b: &OrderNode) -> bool {
        a.primary < b.primary || (a.primary == b.primary && self.tie(a.slot, b.slot).is_lt())
    }

    /// Moves the node at `i` up to its place; returns where it ended.
    fn order_up(&mut self, mut i: usize) -> usize {
        let node = self.order[i];
        while i > 0 {
            let parent = (i - 1) / ORDER_ARITY;
            let above = self.order[parent];
            if !self.node_less(&node, &above) {
                break;
            }
            self.order[i] = above;
            self.order_pos[above.slot as usize] = i as u32;
            i = parent;
        }
        self.order[i] = node;
        self.order_pos[node.slot as usize] = i as u32;
        i
    }

    /// Moves the node at `i` down to its place.
    pub(super) fn order_down(&mut self, mut i: usize) {
        let n = self.order.len();
        let node = self.order[i];
        loop {
            let first = ORDER_ARITY * i + 1;
            if first >= n {
                break;
            }
            let end = (first + ORDER_ARITY).min(n);
            let mut best = first;
            for child in first + 1..end {
                if self.node_less(&self.order[child], &self.order[best]) {
                    best = child;
                }
            }
            let below = self.order[best];
            if !self.node_less(&below, &node) {
                break;
            }
            self.order[i] = below;
            self.order_pos[below.slot as usize] = i as u32;
            i = best;
        }
        self.order[i] = node;
        self.order_pos[node.slot as usize] = i as u32;
    }

    /// Inserts or re-keys a slot.
    pub(super) fn order_set(&mut self, node: OrderNode) {
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

    pub(super) fn order_remove(&mut self, slot: u32) {
        let pos = self.order_pos[slot as usize];
        if pos == NONE {
            return;
        }
        self.order_pos[slot as usize] = NONE;
        let last = self
            .order
            .pop()
            .unwrap_or_else(|| unreachable!("slot {slot} is ranked"));
        if (pos as usize) < self.order.len() {
            self.order_fill(pos as usize, last);
        }
    }

    /// Fills the hole at `hole` with `node`: moves the hole down to a leaf along the first
    /// children (no comparison with `node`, which usually belongs near the bottom), then
    /// moves `node` up from there.
    fn order_fill(&mut self, mut hole: usize, node: OrderNode) {
        let n = self.order.len();
        loop {
            let first = ORDER_ARITY * hole + 1;
            if first >= n {
                break;
            }
            let children = &self.order[first..(first + ORDER_ARITY).min(n)];
            let mut best = 0;
            for (k, child) in children.iter().enumerate().skip(1) {
                if self.node_less(child, &children[best]) {
                    best = k;
                }
            }
            let child = first + best;
            let moved = self.order[child];
            self.order[hole] = moved;
            self.order_pos[moved.slot as usize] = hole as u32;
            hole = child;
        }
        self.order[hole] = node;
        self.order_up(hole);
    }
}

/// Packs the time-invariant part of [`Assessment::cmp_rank`] into one number, smaller first.
pub(super) fn node_of(a: &Assessment, slot: u32) -> OrderNode {
    OrderNode {
        primary: primary_of(a),
        slot,
    }
}

/// A coarse prefix of [`Assessment::cmp_rank`] as one number, smaller first: the band in the
/// top two bits, then the top 62 bits of the key's order (a higher key first). Equal numbers
/// may still differ in the key's last bits or the colleague flag; callers compare in full then.
pub(crate) fn primary_of(a: &Assessment) -> u64 {
    let band: u64 = match a.band {
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
    (band << 62) | (!ordered >> 2)
}
