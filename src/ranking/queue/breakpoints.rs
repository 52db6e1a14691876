//! The breakpoint heap of a [`Queue`]: when each request's assessment (or its arrival) next
//! changes. Binary; stale nodes are skipped, and swept when they outnumber the current ones.

use time::OffsetDateTime;

use super::Queue;

#[derive(Debug, Clone, Copy)]
pub(super) struct BreakNode {
    pub(super) at: i128,
    pub(super) slot: u32,
    pub(super) generation: u32,
}

/// Stale breakpoint nodes tolerated beyond the current ones before a sweep.
const STALE_SWEEP_MIN: usize = 1024;

impl Queue {
    pub(super) fn break_down(&mut self, mut i: usize) {
        let n = self.breakpoints.len();
        let node = self.breakpoints[i];
        loop {
            let left = 2 * i + 1;
            if left >= n {
                break;
            }
            let right = left + 1;
            let child = if right < n && self.breakpoints[right].at < self.breakpoints[left].at {
                right
            } else {
                left
            };
            if self.breakpoints[child].at >= node.at {
                break;
            }
            self.breakpoints[i] = self.breakpoints[child];
            i = child;
        }
        self.breakpoints[i] = node;
    }

    fn break_push(&mut self, node: BreakNode) {
        self.breakpoints.push(node);
        let mut i = self.breakpoints.len() - 1;
        while i > 0 {
            let parent = (i - 1) / 2;
            if self.breakpoints[parent].at <= node.at {
                break;
            }
            self.breakpoints[i] = self.breakpoints[parent];
            i = parent;
        }
        self.breakpoints[i] = node;
    }

    pub(super) fn break_pop(&mut self) {
        if let Some(last) = self.breakpoints.pop()
            && !self.breakpoints.is_empty()
        {
            self.breakpoints[0] = last;
            self.break_down(0);
        }
    }

    /// Sets (or clears, with `None`) a slot's breakpoint.
    pub(super) fn break_set(&mut self, slot: u32, at: Option<OffsetDateTime>) {
        let m = &mut self.meta[slot as usize];
        if m.has_breakpoint {
            m.has_breakpoint = false;
            self.live_breakpoints -= 1;
        }
        m.break_generation = m.break_generation.wrapping_add(1);
        if let Some(at) = at {
            m.has_breakpoint = true;
            let generation = m.break_generation;
            self.live_breakpoints += 1;
            self.break_push(BreakNode {
                at: at.unix_timestamp_nanos(),
                slot,
                generation,
            });
        }
        if self.breakpoints.len() > 2 * self.live_breakpoints + STALE_SWEEP_MIN {
            self.sweep_breakpoints();
        }
    }

    /// Drops the stale breakpoint nodes and rebuilds the heap: `O(n)`, after at least as many
    /// changes, so `O(1)` amortized.
    fn sweep_breakpoints(&mut self) {
        let meta = &self.meta;
        self.breakpoints.retain(|n| {
            let m = &meta[n.slot as usize];
            m.has_breakpoint && m.break_generation == n.generation
        });
        for i in (0..self.breakpoints.len() / 2).rev() {
            self.break_down(i);
        }
    }
}
