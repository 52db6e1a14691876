//! The incremental queue under arbitrary operation sequences (insert, update, remove, peek,
//! pop, `now` moving forward, back or far away), checked after every operation against a
//! simple model: a vector of the live requests in sequence order, ranked in batch by
//! `Ranker::rank` at the same `now`.
#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use realboss::ErrorKind;
use realboss::model::{Request, RequestId};
use realboss::priority::Assessment;
use realboss::ranking::{Queue, Ranker};
use realboss_fuzz::{instant, ranker, request};
use time::{Duration, OffsetDateTime};

/// The batch answer: the model's requests ranked at `now`, as (id, assessment).
fn batch(ranker: &Ranker, model: &[Request], now: OffsetDateTime) -> Vec<(String, Assessment)> {
    ranker
        .rank(model, now)
        .ranked()
        .iter()
        .map(|r| (model[r.index].id().as_str().to_owned(), r.assessment))
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(ranker) = ranker(&mut u) else { return };
    let Ok(mut now) = instant(&mut u) else { return };
    let mut queue = Queue::new(ranker.clone());
    let mut model: Vec<Request> = Vec::new();
    for _ in 0..64 {
        if u.is_empty() {
            break;
        }
        let Ok(op) = u.int_in_range(0u8..=9) else {
            break;
        };
        let Ok(id) = u.int_in_range(0u8..=12) else {
            break;
        };
        let id = format!("req-{id}");
        let rid = RequestId::new(&id).expect("valid id");
        let at = model.iter().position(|r| r.id() == &rid);
        match op {
            0..=2 => {
                let Ok(Some(r)) = request(&mut u, &id) else {
                    continue;
                };
                let result = queue.insert(r.clone(), now);
                match at {
                    Some(_) => {
                        let err = result.expect_err("a duplicate id is refused");
                        assert!(
                            matches!(err.kind(), ErrorKind::DuplicateRequestId { .. }),
                            "{err}"
                        );
                    }
                    None => {
                        result.expect("a new id is accepted");
                        model.push(r);
                    }
                }
            }
            3 | 4 => {
                let Ok(Some(r)) = request(&mut u, &id) else {
                    continue;
                };
                let result = queue.update(r.clone(), now);
                match at {
                    Some(i) => {
                        result.expect("a held id updates");
                        model[i] = r;
                    }
                    None => assert!(result.is_err(), "an unknown id is refused"),
                }
            }
            5 => {
                let removed = queue.remove(&rid);
                assert_eq!(removed.as_ref(), at.map(|i| &model[i]));
                if let Some(i) = at {
                    model.remove(i);
                }
            }
            6 => {
                let expected = batch(&ranker, &model, now).into_iter().next();
                let got = queue.pop(now).map(|(r, a)| (r.id().as_str().to_owned(), a));
                assert_eq!(got, expected, "pop at {now}");
                if let Some((id, _)) = got {
                    model.retain(|r| r.id().as_str() != id);
                }
            }
            7 => {
                let Ok(secs) = u.int_in_range(-3_600i64..=3 * 86_400) else {
                    break;
                };
                now = now.checked_add(Duration::seconds(secs)).unwrap_or(now);
            }
            8 => {
                let Ok(at) = instant(&mut u) else { break };
                now = at;
            }
            _ => {
                let expected = batch(&ranker, &model, now);
                let got: Vec<_> = queue
                    .ranked(now)
                    .into_iter()
                    .map(|(r, a)| (r.id().as_str().to_owned(), a))
                    .collect();
                assert_eq!(got, expected, "ranked at {now}");
            }
        }
        assert_eq!(queue.len(), model.len());
        let expected = batch(&ranker, &model, now).into_iter().next();
        let got = queue
            .peek(now)
            .map(|(r, a)| (r.id().as_str().to_owned(), a));
        assert_eq!(got, expected, "peek at {now}");
    }
});
