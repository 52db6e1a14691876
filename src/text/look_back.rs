//! [`LookBack`]: the fixed ring of look-back context a signal keeps.

/// A fixed-size ring of the last `N` items a signal has seen, newest first.
///
/// Signals keep their look-back context here (the last few words and what they were), so a pass
/// over any length of text needs constant memory and constant time per token.
///
/// ```
/// use realboss::text::LookBack;
///
/// let mut ring: LookBack<u32, 3> = LookBack::new();
/// for n in 1..=5 {
///     ring.push(n);
/// }
/// assert_eq!(ring.len(), 3);
/// assert_eq!(ring.get(0), Some(&5)); // newest
/// assert_eq!(ring.get(2), Some(&3));
/// assert_eq!(ring.get(3), None);     // older items are gone
/// ```
#[derive(Debug, Clone)]
pub struct LookBack<T, const N: usize> {
    items: [T; N],
    /// Index of the slot the next push writes.
    head: usize,
    len: usize,
}

impl<T: Copy + Default, const N: usize> LookBack<T, N> {
    /// An empty ring.
    pub fn new() -> Self {
        LookBack {
            items: [T::default(); N],
            head: 0,
            len: 0,
        }
    }

    /// Adds `item` as the newest, dropping the oldest when full. With `N == 0` nothing is kept.
    pub fn push(&mut self, item: T) {
        if N == 0 {
            return;
        }
        self.items[self.head] = item;
        self.head = if N.is_power_of_two() {
            (self.head + 1) & (N - 1)
        } else if self.head + 1 == N {
            0
        } else {
            self.head + 1
        };
        self.len = (self.len + 1).min(N);
    }

    /// The item `back` steps before the newest (`get(0)` is the newest); `None` past the oldest.
    pub fn get(&self, back: usize) -> Option<&T> {
        if back >= self.len {
            return None;
        }
        Some(&self.items[self.slot(back)])
    }

    /// Mutable access to the item `back` steps before the newest.
    pub fn get_mut(&mut self, back: usize) -> Option<&mut T> {
        if back >= self.len {
            return None;
        }
        let slot = self.slot(back);
        Some(&mut self.items[slot])
    }

    /// The slot of the item `back` steps before the newest, for `back < len`: one compare
    /// instead of a division (`N` need not be a power of two).
    #[inline(always)]
    fn slot(&self, back: usize) -> usize {
        // `head < N` and `back < len <= N`, so this is below `2N - 1`.
        let at = self.head + N - 1 - back;
        if N.is_power_of_two() {
            at & (N - 1)
        } else if at >= N {
            at - N
        } else {
            at
        }
    }

    /// Removes and returns the newest item.
    pub fn pop(&mut self) -> Option<T> {
        if self.len == 0 {
            return None;
        }
        self.head = if self.head == 0 { N - 1 } else { self.head - 1 };
        self.len -= 1;
        Some(self.items[self.head])
    }

    /// How many items are held (at most `N`).
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the ring holds nothing.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Forgets every item.
    pub fn clear(&mut self) {
        self.len = 0;
    }
}

impl<T: Copy + Default, const N: usize> Default for LookBack<T, N> {
    fn default() -> Self {
        LookBack::new()
    }
}

#[cfg(test)]
mod tests {
    use super::LookBack;
    use std::collections::VecDeque;

    /// Pushes, pops and reads against a `VecDeque` (newest at the front), for ring sizes that
    /// are and are not powers of two.
    fn agrees_with_a_deque<const N: usize>() {
        let mut ring: LookBack<u32, N> = LookBack::new();
        let mut deque: VecDeque<u32> = VecDeque::new();
        for step in 0..200u32 {
            if step % 7 == 3 {
                assert_eq!(ring.pop(), deque.pop_front(), "N={N} step {step}");
            } else {
                ring.push(step);
                deque.push_front(step);
                deque.truncate(N);
            }
            assert_eq!(ring.len(), deque.len());
            for back in 0..=N {
                assert_eq!(
                    ring.get(back),
                    deque.get(back),
                    "N={N} step {step} back {back}"
                );
            }
            if let Some(newest) = ring.get_mut(0) {
                *newest += 1000;
                *deque.front_mut().unwrap() += 1000;
            }
        }
    }

    #[test]
    fn the_ring_keeps_the_newest_items_for_any_size() {
        agrees_with_a_deque::<1>();
        agrees_with_a_deque::<3>();
        agrees_with_a_deque::<6>();
        agrees_with_a_deque::<8>();
    }
}
