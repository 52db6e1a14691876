//! Id tables: request and customer ids to slots, hashed with per-call or per-queue keys. A
//! [`Queue`](super::Queue) keeps two; a batch ranking builds them to find repeated ids and
//! customers who mark everything urgent.

use std::hash::{BuildHasher, RandomState};

/// No slot: an empty bucket, or the end of a list.
pub(crate) const NONE: u32 = u32::MAX;

/// Hashes ids for [`IdTable`]: a folded 64×64→128-bit multiply per 8 bytes, with two keys
/// drawn at random for each queue (from the standard library's per-process random seed).
/// Several times cheaper than SipHash on short ids; without the keys an attacker cannot
/// precompute colliding ids. Hash values never reach an output.
#[derive(Debug, Clone)]
pub(crate) struct IdHasher {
    key: u64,
    start: u64,
}

impl IdHasher {
    pub(crate) fn new() -> IdHasher {
        let seed = RandomState::new();
        IdHasher {
            // Odd, so the multiply loses no information.
            key: seed.hash_one(0x5151_u64) | 1,
            start: seed.hash_one(0xA7A7_u64),
        }
    }

    pub(crate) fn hash(&self, bytes: &[u8]) -> u32 {
        let mut h = self.start ^ (bytes.len() as u64).rotate_left(32);
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            h = fold(h ^ u64::from_le_bytes(word), self.key);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            h = fold(h ^ u64::from_le_bytes(word), self.key);
        }
        let h = fold(h, self.key ^ self.start);
        (h ^ (h >> 32)) as u32
    }
}

/// The high and low halves of a 128-bit product, xored.
fn fold(a: u64, b: u64) -> u64 {
    let product = u128::from(a) * u128::from(b);
    (product as u64) ^ ((product >> 64) as u64)
}

/// An open-addressing table from an id's hash to a slot, comparing ids through the caller
/// (the ids live in the requests, so the table holds no copy of them). Linear probing at a
/// load of at most one half; deletion shifts the following run back, leaving no tombstones.
#[derive(Debug, Clone, Default)]
pub(crate) struct IdTable {
    buckets: Vec<Bucket>,
    pub(crate) len: usize,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    hash: u32,
    /// `NONE` marks an empty bucket.
    slot: u32,
}

const EMPTY_BUCKET: Bucket = Bucket {
    hash: 0,
    slot: NONE,
};

impl IdTable {
    /// A table that holds `n` slots without growing.
    pub(crate) fn with_capacity(n: usize) -> IdTable {
        IdTable {
            buckets: vec![EMPTY_BUCKET; (n.saturating_mul(2)).next_power_of_two().max(16)],
            len: 0,
        }
    }

    fn mask(&self) -> usize {
        self.buckets.len().wrapping_sub(1)
    }

    /// The slot whose hash is `hash` and for which `is(slot)` holds.
    pub(crate) fn find(&self, hash: u32, mut is: impl FnMut(u32) -> bool) -> Option<u32> {
        if self.buckets.is_empty() {
            return None;
        }
        let mask = self.mask();
        let mut i = hash as usize & mask;
        loop {
            let b = self.buckets[i];
            if b.slot == NONE {
                return None;
            }
            if b.hash == hash && is(b.slot) {
                return Some(b.slot);
            }
            i = (i + 1) & mask;
        }
    }

    /// Adds a slot the table does not hold.
    pub(crate) fn insert(&mut self, hash: u32, slot: u32) {
        if (self.len + 1) * 2 > self.buckets.len() {
            self.grow();
        }
        self.put(Bucket { hash, slot });
        self.len += 1;
    }

    fn put(&mut self, bucket: Bucket) {
        let mask = self.mask();
        let mut i = bucket.hash as usize & mask;
        while self.buckets[i].slot != NONE {
            i = (i + 1) & mask;
        }
        self.buckets[i] = bucket;
    }

    fn grow(&mut self) {
        let size = (self.buckets.len() * 2).max(16);
        let old = std::mem::replace(&mut self.buckets, vec![EMPTY_BUCKET; size]);
        for b in old.into_iter().filter(|b| b.slot != NONE) {
            self.put(b);
        }
    }

    /// Removes a slot the table holds under `hash`.
    pub(crate) fn remove(&mut self, hash: u32, slot: u32) {
        let mask = self.mask();
        let mut hole = hash as usize & mask;
        while self.buckets[hole].slot != slot {
            debug_assert!(
                self.buckets[hole].slot != NONE,
                "slot {slot} is in the table"
            );
            hole = (hole + 1) & mask;
        }
        // Shift back every following bucket of the run that may move into the hole (its home
        // is not between the hole and itself).
        let mut j = (hole + 1) & mask;
        loop {
            let b = self.buckets[j];
            if b.slot == NONE {
                break;
            }
            let home = b.hash as usize & mask;
            if (j.wrapping_sub(home) & mask) >= (j.wrapping_sub(hole) & mask) {
                self.buckets[hole] = b;
                hole = j;
            }
            j = (j + 1) & mask;
        }
        self.buckets[hole] = EMPTY_BUCKET;
        self.len -= 1;
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    /// The id table against a model, with hashes squeezed into a few values so that runs
    /// collide, wrap around the end of the buckets and shift back on removal.
    #[test]
    fn the_id_table_agrees_with_a_map_under_heavy_collisions() {
        let mut table = IdTable::default();
        let mut model: HashMap<u32, u32> = HashMap::new();
        // A small deterministic generator (xorshift) drives inserts and removals.
        let mut state = 0x2545_F491_4F6C_DD1D_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for step in 0..20_000u32 {
            let slot = (next() % 300) as u32;
            // Hashes near the top of the range land at the last buckets and wrap.
            let hash = u32::MAX - (slot % 7);
            match model.get(&slot) {
                Some(&h) if next() % 3 != 0 => {
                    table.remove(h, slot);
                    model.remove(&slot);
                }
                Some(_) => {}
                None => {
                    table.insert(hash, slot);
                    model.insert(slot, hash);
                }
            }
            assert_eq!(table.len, model.len(), "step {step}");
            if step % 97 == 0 {
                for probe in 0..300u32 {
                    let hash = u32::MAX - (probe % 7);
                    let found = table.find(hash, |s| s == probe);
                    assert_eq!(found.is_some(), model.contains_key(&probe), "slot {probe}");
                }
            }
        }
    }

    #[test]
    fn the_id_hasher_tells_ids_apart_by_every_byte_and_by_length() {
        let hasher = IdHasher::new();
        let ids = [
            "",
            "a",
            "b",
            "ab",
            "ba",
            "a\0",
            "req-1",
            "req-2",
            "req-10",
            "req-01",
            "customer-0001-x",
            "customer-0001-y",
            "customer-0001-xy",
        ];
        let hashes: Vec<u32> = ids.iter().map(|id| hasher.hash(id.as_bytes())).collect();
        for (i, a) in hashes.iter().enumerate() {
            // Equal inputs hash equally within a queue.
            assert_eq!(*a, hasher.hash(ids[i].as_bytes()));
            for (j, b) in hashes.iter().enumerate().skip(i + 1) {
                assert_ne!(a, b, "{:?} and {:?} collide", ids[i], ids[j]);
            }
        }
    }
}
