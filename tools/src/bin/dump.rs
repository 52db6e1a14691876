//! Writes every score, ranking, hint and insight realboss gives on a fixed set of inputs, one
//! line per item, so that two builds can be compared with `diff`:
//!
//! ```text
//! cargo run --release -p realboss-tools --bin dump -- OUT_DIR [EVAL_DIR]
//! ```
//!
//! Inputs: the benches' deterministic corpus and requests, the sample inbox and history in
//! `examples/data/`, and every `*.tsv` under `EVAL_DIR` (default `../shared/eval`, skipped when
//! absent). Output: one file per input in `OUT_DIR`. Numbers are written with `{:?}`, which
//! round-trips every `f64` exactly, so equal files mean bit-equal results.

use std::fmt::Write as _;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use realboss::hints::Hinter;
use realboss::insights::{Insights, InsightsConfig};
use realboss::jsonl::{Record, read_records, read_requests};
use realboss::model::{
    Channel, ContactEvent, CustomerId, CustomerProfile, Direction, EventKind, Money, Request,
    RequestId, Tier,
};
use realboss::ranking::Queue;
use realboss::{Analyzer, AnalyzerConfig, HintsConfig, Ranker};
use time::OffsetDateTime;
use time::macros::{date, datetime};

const NOW: OffsetDateTime = datetime!(2026-11-23 12:00 UTC);

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(out) = args.next() else {
        eprintln!("usage: dump OUT_DIR [EVAL_DIR]");
        std::process::exit(2);
    };
    let out = PathBuf::from(out);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let eval = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/eval"));
    fs::create_dir_all(&out).expect("cannot create the output folder");
    let analyzer = Analyzer::new(AnalyzerConfig::default()).expect("default analyzer");

    // Texts: every signal with its explanation.
    let corpus = realboss_benches::corpus(7, 5_000);
    write(
        &out,
        "corpus.texts",
        texts(&analyzer, corpus.iter().map(String::as_str)),
    );
    let mut tsvs = Vec::new();
    collect_tsv(&eval, &mut tsvs);
    tsvs.sort();
    for file in &tsvs {
        let lines: Vec<String> = BufReader::new(fs::File::open(file).expect("readable eval file"))
            .lines()
            .map(|l| l.expect("UTF-8 eval line"))
            .map(|l| l.split_once('\t').map_or(l.clone(), |(_, t)| t.to_owned()))
            .collect();
        let name = file
            .strip_prefix(&eval)
            .unwrap_or(file)
            .display()
            .to_string()
            .replace('/', "_");
        write(
            &out,
            &format!("{name}.texts"),
            texts(&analyzer, lines.iter().map(String::as_str)),
        );
        write(&out, &format!("{name}.ranking"), ranking_of_texts(&lines));
        write(
            &out,
            &format!("{name}.insights"),
            insights_of_texts(&analyzer, &lines),
        );
    }

    // The sample inbox: texts, ranking, queue.
    let inbox_file = root.join("examples/data/inbox.jsonl");
    let inbox: Vec<Request> =
        read_requests(BufReader::new(fs::File::open(&inbox_file).expect("inbox")))
            .filter_map(Result::ok)
            .collect();
    let inbox_texts: Vec<&str> = inbox
        .iter()
        .flat_map(|r| {
            r.text()
                .into_iter()
                .chain(r.events().iter().filter_map(|e| e.text()))
        })
        .collect();
    write(
        &out,
        "inbox.texts",
        texts(&analyzer, inbox_texts.into_iter()),
    );
    let latest = inbox.iter().map(Request::received_at).max().unwrap_or(NOW);
    write(&out, "inbox.ranking", ranking(&inbox, latest));
    write(&out, "inbox.queue", queue(&inbox, latest));
    let generated = realboss_benches::requests(11, 3_000, NOW);
    write(&out, "requests.ranking", ranking(&generated, NOW));
    write(&out, "requests.queue", queue(&generated, NOW));

    // The sample history: texts, hints, insights.
    let events_file = root.join("examples/data/events.jsonl");
    let mut customers = Vec::new();
    let mut events = Vec::new();
    let mut feedback = Vec::new();
    for record in read_records(BufReader::new(
        fs::File::open(&events_file).expect("events"),
    )) {
        match record {
            Ok(Record::Customer(c)) => customers.push(c),
            Ok(Record::Event(e)) => events.push(e),
            Ok(Record::Feedback(f)) => feedback.push(f),
            _ => {}
        }
    }
    let event_texts: Vec<&str> = events
        .iter()
        .filter_map(ContactEvent::text)
        .chain(feedback.iter().map(|f| f.text()))
        .collect();
    write(
        &out,
        "events.texts",
        texts(&analyzer, event_texts.into_iter()),
    );
    let now = events.iter().map(ContactEvent::at).max().unwrap_or(NOW);
    write(&out, "events.hints", hints(&customers, &events, now));
    let mut insights = Insights::new(InsightsConfig::default()).expect("default insights");
    for e in &events {
        let compound = match (e.direction(), e.text()) {
            (Direction::Inbound, Some(t)) => Some(analyzer.sentiment(t).compound),
            _ => None,
        };
        insights.observe_event(e, compound);
    }
    for f in &feedback {
        let t = f.text();
        insights.observe_feedback(
            f,
            (!t.trim().is_empty()).then(|| analyzer.sentiment(t).compound),
        );
    }
    write(
        &out,
        "events.insights",
        format!("{:#?}\n", insights.report()),
    );
    let profile = realboss_benches::hints_profile();
    let history = realboss_benches::contact_history(400, NOW);
    write(
        &out,
        "history.hints",
        hints(std::slice::from_ref(&profile), &history, NOW),
    );
}

fn collect_tsv(dir: &Path, into: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_tsv(&path, into);
        } else if path.extension().is_some_and(|e| e == "tsv") {
            into.push(path);
        }
    }
}

fn write(out: &Path, name: &str, content: String) {
    fs::write(out.join(name), content).expect("cannot write a dump file");
}

fn texts<'a>(analyzer: &Analyzer, texts: impl Iterator<Item = &'a str>) -> String {
    let mut s = String::new();
    for (i, text) in texts.enumerate() {
        let why = analyzer.explain(text);
        let signals = analyzer.explain_signals(text);
        // The fields the dump has always shown; the reading's later fields are shown by the
        // hints and rankings they feed.
        let reading = analyzer.signals(text);
        let _ = writeln!(
            s,
            "{i} Signals {{ sentiment: {:?}, urgency: {:?}, complaint: {:?} }}",
            reading.sentiment, reading.urgency, reading.complaint
        );
        let _ = writeln!(s, "{i} explain {:?}", why);
        let _ = writeln!(
            s,
            "{i} cues {:?} negated {:?} calming {:?}",
            signals.cues, signals.negated, signals.calming
        );
    }
    s
}

fn ranking(requests: &[Request], now: OffsetDateTime) -> String {
    let ranker = Ranker::default();
    let ranking = ranker.rank(requests, now);
    let mut s = String::new();
    for r in ranking.ranked() {
        let _ = writeln!(
            s,
            "{} {} {:?}",
            r.rank,
            requests[r.index].id().as_str(),
            r.assessment
        );
        for reason in ranking.reasons(r) {
            let _ = writeln!(s, "  {reason:?}");
        }
    }
    for skipped in ranking.skipped() {
        let _ = writeln!(s, "skipped {skipped:?}");
    }
    s
}

fn queue(requests: &[Request], now: OffsetDateTime) -> String {
    let mut queue = Queue::new(Ranker::default());
    let mut s = String::new();
    for (i, r) in requests.iter().enumerate() {
        let at = now - time::Duration::minutes((requests.len() - i) as i64 % 90);
        if let Err(e) = queue.insert(r.clone(), at.max(r.received_at())) {
            let _ = writeln!(s, "insert {} {e}", r.id().as_str());
        }
    }
    let mut at = now;
    while let Some((request, assessment)) = queue.pop(at) {
        let _ = writeln!(s, "{} {assessment:?}", request.id().as_str());
        at += time::Duration::seconds(37);
    }
    s
}

/// Every text as a request of one of 40 customers, a minute apart, on rotating channels.
fn ranking_of_texts(lines: &[String]) -> String {
    let channels = [
        Channel::Email,
        Channel::Chat,
        Channel::Phone,
        Channel::WebForm,
        Channel::Sms,
    ];
    let tiers = [Tier::Standard, Tier::Silver, Tier::Gold, Tier::Platinum];
    let eur = "EUR".parse().expect("EUR");
    let start = NOW - time::Duration::minutes(lines.len() as i64);
    let requests: Vec<Request> = lines
        .iter()
        .take(2_000)
        .enumerate()
        .filter_map(|(i, text)| {
            let c = i % 40;
            let profile = CustomerProfile::builder(CustomerId::new(format!("cus-{c}")).ok()?)
                .tier(tiers[c % 4])
                .lifetime_value(Money::new(c as f64 * 150.0, eur).ok()?)
                .customer_since(date!(2022 - 05 - 01))
                .build()
                .ok()?;
            Request::builder(
                RequestId::new(format!("req-{i}")).ok()?,
                profile,
                channels[i % 5].clone(),
                start + time::Duration::minutes(i as i64),
            )
            .text(text.clone())
            .build()
            .ok()
        })
        .collect();
    ranking(&requests, NOW)
}

/// Every text as an inbound message of one of 40 customers, an hour apart, then the report.
fn insights_of_texts(analyzer: &Analyzer, lines: &[String]) -> String {
    let mut insights = Insights::new(InsightsConfig::default()).expect("default insights");
    let start = NOW - time::Duration::hours(lines.len() as i64);
    for (i, text) in lines.iter().enumerate() {
        let Ok(customer) = CustomerId::new(format!("cus-{}", i % 40)) else {
            continue;
        };
        let at = start + time::Duration::hours(i as i64);
        let kind = if i % 3 == 0 {
            EventKind::Complaint
        } else {
            EventKind::Inquiry
        };
        let event = ContactEvent::new(
            customer.clone(),
            at,
            Channel::Email,
            Direction::Inbound,
            kind,
        )
        .with_text(text.clone());
        // Our side: a reply to every other message, a resolution to every fifth.
        let answer = match i % 10 {
            0 | 5 => Some(EventKind::Resolution),
            2 | 4 | 6 | 8 => Some(EventKind::Reply),
            _ => None,
        };
        insights.observe_event(&event, Some(analyzer.sentiment(text).compound));
        if let Some(kind) = answer {
            let reply = ContactEvent::new(
                customer,
                at + time::Duration::minutes(20 + (i % 7) as i64 * 30),
                Channel::Email,
                Direction::Outbound,
                kind,
            );
            insights.observe_event(&reply, None);
        }
    }
    format!("{:#?}\n", insights.report())
}

fn hints(customers: &[CustomerProfile], events: &[ContactEvent], now: OffsetDateTime) -> String {
    let hinter = Hinter::new(HintsConfig::default()).expect("default hints");
    let mut s = String::new();
    for profile in customers {
        let history: Vec<_> = events
            .iter()
            .filter(|e| e.customer() == profile.id())
            .map(|e| hinter.score(profile, e.clone()))
            .collect();
        let _ = writeln!(
            s,
            "{} {:?}",
            profile.id().as_str(),
            hinter.hints(profile, &history, now)
        );
    }
    s
}
