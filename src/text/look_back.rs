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
        self.head = (self.head + 1) % N;
        self.len = (self.len + 1).min(N);
    }

    /// The item `back` steps before the newest (`get(0)` is the newest); `None` past the oldest.
    pub fn get(&self, back: usize) -> Option<&T> {
        if back >= self.len {
            return None;
        }
        Some(&self.items[(self.head + N - 1 - back) % N])
    }

    /// Mutable access to the item `back` steps before the newest.
    pub fn get_mut(&mut self, back: usize) -> Option<&mut T> {
        if back >= self.len {
            return None;
        }
        Some(&mut self.items[(self.head + N - 1 - back) % N])
    }

    /// Removes and returns the newest item.
    pub fn pop(&mut self) -> Option<T> {
        if self.len == 0 {
            return None;
        }
        self.head = (self.head + N - 1) % N;
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
