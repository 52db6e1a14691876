//! A bounded-memory histogram of durations in whole seconds, for median and p90.

/// Durations below this many seconds get one exact bucket each.
const EXACT_BELOW: u64 = 64;

/// Sub-buckets per power of two above [`EXACT_BELOW`]: 64, so a bucket spans at most 1/64 of
/// its lower bound and the reported midpoint is within 1/128 (0.79 %) of any value in it.
const SUB_BUCKETS: u64 = 64;

/// Powers of two covered above [`EXACT_BELOW`]: 2^6 up to 2^63 seconds, every `u64`.
const OCTAVES: usize = 58;

/// Number of counters: 64 exact ones, then 64 per octave. 3,776 counters, 30,208 bytes.
const BUCKETS: usize = EXACT_BELOW as usize + OCTAVES * SUB_BUCKETS as usize;

/// Largest relative error of a median or p90 in [`DurationFigures`](super::DurationFigures),
/// as a fraction of the true value: 1/128. Durations under 64 s are exact.
pub const MAX_RELATIVE_ERROR: f64 = 1.0 / 128.0;

/// Counts of durations in log-spaced buckets: fixed memory whatever the number of values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DurationSketch {
    counts: Box<[u64]>,
    total: u64,
}

impl DurationSketch {
    pub(crate) fn new() -> Self {
        DurationSketch {
            counts: vec![0; BUCKETS].into_boxed_slice(),
            total: 0,
        }
    }

    fn bucket(secs: u64) -> usize {
        if secs < EXACT_BELOW {
            return secs as usize;
        }
        // secs >= 64, so the highest set bit is at least 6.
        let octave = 63 - u64::from(secs.leading_zeros()); // 6..=63
        let sub = (secs >> (octave - 6)) - SUB_BUCKETS; // 0..64
        EXACT_BELOW as usize + (octave as usize - 6) * SUB_BUCKETS as usize + sub as usize
    }

    /// The lowest and highest value of bucket `index`.
    fn bounds(index: usize) -> (u64, u64) {
        if index < EXACT_BELOW as usize {
            return (index as u64, index as u64);
        }
        let rel = index - EXACT_BELOW as usize;
        let octave = (rel / SUB_BUCKETS as usize) as u64 + 6;
        let sub = (rel % SUB_BUCKETS as usize) as u64 + SUB_BUCKETS;
        let shift = octave - 6;
        let low = sub << shift;
        let high = low + ((1u64 << shift) - 1);
        (low, high)
    }

    pub(crate) fn add(&mut self, secs: u64) {
        self.counts[Self::bucket(secs)] += 1;
        self.total += 1;
    }

    pub(crate) fn count(&self) -> u64 {
        self.total
    }

    /// The nearest-rank `q`-quantile (`q` in 0..=1): the midpoint of the bucket holding the
    /// value of rank `ceil(q × count)` (at least 1). `None` when empty.
    pub(crate) fn quantile(&self, q: f64) -> Option<u64> {
        if self.total == 0 {
            return None;
        }
        let rank = ((q * self.total as f64).ceil() as u64).clamp(1, self.total);
        let mut seen = 0u64;
        for (index, &n) in self.counts.iter().enumerate() {
            seen += n;
            if seen >= rank {
                let (low, high) = Self::bounds(index);
                return Some(low + (high - low) / 2);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_cover_every_value_and_bound_it() {
        for secs in (0..5_000u64).chain([u64::MAX, u64::MAX / 3, 1 << 40, (1 << 40) - 1]) {
            let (low, high) = DurationSketch::bounds(DurationSketch::bucket(secs));
            assert!(low <= secs && secs <= high, "{secs}: {low}..={high}");
            let mid = low + (high - low) / 2;
            let err = mid.abs_diff(secs) as f64 / secs.max(1) as f64;
            assert!(err <= MAX_RELATIVE_ERROR, "{secs}: mid {mid}");
        }
        assert_eq!(DurationSketch::bucket(u64::MAX), BUCKETS - 1);
    }

    #[test]
    fn quantiles_are_nearest_rank() {
        let mut s = DurationSketch::new();
        assert_eq!(s.quantile(0.5), None);
        for v in 1..=10 {
            s.add(v);
        }
        assert_eq!(s.quantile(0.5), Some(5));
        assert_eq!(s.quantile(0.9), Some(9));
        assert_eq!(s.quantile(1.0), Some(10));
    }
}
