//! The JSON Lines readers on arbitrary bytes (invalid UTF-8, NUL, CR, no final newline, huge
//! lines): never a panic, at most one item per line, reading stops only at the end.
#![no_main]

use libfuzzer_sys::fuzz_target;
use realboss::jsonl::{read_events, read_feedback, read_records, read_requests};

fuzz_target!(|data: &[u8]| {
    let lines = data.split(|&b| b == b'\n').count();
    let mut items = 0;
    for item in read_requests(data) {
        items += 1;
        if let Err(e) = item {
            assert!(!e.to_string().is_empty());
        }
    }
    assert!(items <= lines, "{items} items from {lines} lines");
    let records = read_records(data).count();
    assert!(records <= lines);
    assert!(read_events(data).count() <= lines);
    assert!(read_feedback(data).count() <= lines);
});
