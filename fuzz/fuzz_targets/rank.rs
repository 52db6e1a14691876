//! Ranking of arbitrary request sets (any instants, duplicate ids, events out of order, any
//! text) at an arbitrary `now`: never a panic; every request is ranked or skipped exactly once;
//! ranks run 1..=n in band and priority order; priorities are finite; equal inputs give equal
//! output; pre-scored ranking agrees; reasons are explainable.
#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use realboss_fuzz::{instant, ranker, request};

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(ranker) = ranker(&mut u) else { return };
    let Ok(now) = instant(&mut u) else { return };
    let mut requests = Vec::new();
    while requests.len() < 24 && !u.is_empty() {
        // A small id pool, so duplicate ids occur.
        let Ok(id) = u.int_in_range(0u8..=20) else {
            break;
        };
        match request(&mut u, &format!("req-{id}")) {
            Ok(Some(r)) => requests.push(r),
            Ok(None) => {}
            Err(_) => break,
        }
    }
    let ranking = ranker.rank(&requests, now);
    let mut seen = vec![false; requests.len()];
    for (i, r) in ranking.ranked().iter().enumerate() {
        assert_eq!(r.rank, i + 1);
        assert!(
            !std::mem::replace(&mut seen[r.index], true),
            "{} twice",
            r.index
        );
        let a = &r.assessment;
        assert!(a.priority.is_finite() && a.priority >= 0.0, "{a:?}");
        assert!((0.0..=1.0).contains(&a.urgency), "{a:?}");
    }
    for pair in ranking.ranked().windows(2) {
        let (a, b) = (&pair[0].assessment, &pair[1].assessment);
        assert!(a.band >= b.band, "{a:?} before {b:?}");
    }
    for s in ranking.skipped() {
        assert!(
            !std::mem::replace(&mut seen[s.index], true),
            "{} twice",
            s.index
        );
    }
    assert!(
        seen.iter().all(|&s| s),
        "every request is ranked or skipped"
    );

    let again = ranker.rank(&requests, now);
    assert_eq!(again.ranked(), ranking.ranked());
    assert_eq!(again.skipped(), ranking.skipped());
    let scored = ranker.rank_scored(&requests, ranking.texts(), now);
    assert_eq!(scored, ranking.ranked());
    for r in ranking.ranked().iter().take(3) {
        for reason in ranking.reasons(r) {
            assert!(reason.weight.is_finite(), "{reason:?}");
        }
    }
    let _ = realboss::validate_batch(&requests);
});
