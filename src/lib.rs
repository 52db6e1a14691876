//! # realboss: the customer is the real boss
//!
//! A support rep who jumps when the manager walks in, but lets a stranded customer call back
//! twice, is working for the wrong boss. realboss puts the customer first inside your own
//! service: it reads customer messages for **sentiment**, **urgency** and **complaints**,
//! validates the **requests, contacts and feedback** your helpdesk holds, and **ranks the queue**
//! so that the customer who most needs an answer gets it first, with the reasons spelled out.
//!
//! Everything is deterministic (equal inputs give bit-equal outputs), explainable, and safe on
//! any input: no text, JSON or value makes it panic; bad input is a typed [`Error`] whose message
//! says what to fix.
//!
//! ## The flow, one module per step
//!
//! | step | module | what it holds |
//! |---|---|---|
//! | text → tokens | [`text`] | one tokenization pass (ASCII fast path), keywords and topics |
//! | tokens → one reading | [`signals`] | [`Signals`], the one reading of a message: sentiment (lexicon and rules), urgency and complaint cues, closing, tone, from one pass; explanations |
//! | the customer's world | [`model`] | customers, contact events (and how each is classified), feedback, requests, languages: validated values |
//! | the team's rules | [`policy`] | the [`Policy`] (weights, customer value, SLA targets by level, business hours and holidays, history reading), built and validated once |
//! | a request's priority | [`priority`] | history signals, scored texts, one request's assessment, and its reasons in words |
//! | ranked queue | [`ranking`] | [`Ranker`]: batch ranking with a documented tie-break, and the incremental queue |
//! | personalization | [`hints`] | per-customer hints (channel, best time, tone, promises, payment, churn risk, next best action), each with confidence and evidence |
//! | learning from feedback | [`insights`] | CSAT, NPS, sentiment trend, response and resolution times, per-agent recognition |
//! | hosts' input | [`jsonl`] | JSON Lines reading with one error per bad line |
//! | errors | [`error`] | the crate's one error type |
//! | bad input | [`bad_input`] | every class of hostile input tried, what each gets, and the test that holds it |
//!
//! ## Score a message
//!
//! Build one [`Analyzer`] (the only step that can fail, on a bad configuration) and share it
//! between threads; scoring borrows the text, never fails and allocates nothing.
//!
//! ```
//! use realboss::{Analyzer, AnalyzerConfig, Label};
//!
//! let analyzer = Analyzer::new(AnalyzerConfig::default())?;
//! let s = analyzer.sentiment("I have been on hold for an hour and nobody answers!");
//! assert_eq!(s.label, Label::Negative);
//! assert!(s.compound < -0.05 && s.compound >= -1.0);
//!
//! let s = analyzer.sentiment("The agent went above and beyond, thank you :)");
//! assert_eq!(s.label, Label::Positive);
//! # Ok::<(), realboss::Error>(())
//! ```
//!
//! [`Analyzer::explain`] says why: every word or phrase that scored, with its byte range, its
//! base valence and each rule (negation, booster, ALL CAPS, contrast, …) that changed it.
//!
//! ```
//! use realboss::{Analyzer, AnalyzerConfig};
//!
//! let analyzer = Analyzer::new(AnalyzerConfig::default())?;
//! let text = "The refund was not quick";
//! let why = analyzer.explain(text);
//! assert_eq!(why.sentiment, analyzer.sentiment(text));
//! for part in &why.contributions {
//!     println!("{:?} {:?}", &text[part.range.clone()], part.rules);
//! }
//! # Ok::<(), realboss::Error>(())
//! ```
//!
//! ## Read requests from a host
//!
//! Requests arrive as JSON Lines (one object per line; the form is documented on
//! [`Request`]). A bad line is reported with its number and reading goes on;
//! nothing is dropped silently. A batch is then checked for duplicate ids and for two different
//! profiles under one customer id.
//!
//! ```
//! let input = r#"{"id":"req-1","customer":{"id":"cus-1","tier":"gold","lifetime_value":{"amount":120.5,"currency":"EUR"},"customer_since":"2021-03-04"},"text":"I'm stranded at the station, please call me back","channel":"phone","received_at":"2026-11-23T21:32:00Z"}
//! {"id":"req-2","customer":{"id":"cus-2","tier":"diamond"}}
//! "#;
//! let mut requests = Vec::new();
//! for item in realboss::read_requests(input.as_bytes()) {
//!     match item {
//!         Ok(request) => requests.push(request),
//!         Err(bad) => eprintln!("skipped {bad}"), // e.g. "line 2: ..."
//!     }
//! }
//! assert_eq!(requests.len(), 1);
//! realboss::validate_batch(&requests)?;
//! # Ok::<(), realboss::Error>(())
//! ```
//!
//! ## Rank the queue
//!
//! A [`Ranker`] (one analyzer, one [`Policy`]) orders requests at a given `now`: who to answer
//! first, each with a priority, an urgency level, the next SLA deadline and itemized reasons.
//! The [`ranking`] module documents the order and its tie-break, [`priority`] how a priority is
//! made.
//!
//! ```
//! use realboss::model::*;
//! use time::macros::{date, datetime};
//!
//! let customer = CustomerProfile::builder(CustomerId::new("cus-1")?)
//!     .tier(Tier::Standard)
//!     .lifetime_value(Money::new(40.0, "EUR".parse()?)?)
//!     .customer_since(date!(2024 - 01 - 01))
//!     .build()?;
//! let question = Request::builder(RequestId::new("req-1")?, customer.clone(), Channel::Email,
//!     datetime!(2026-11-23 09:00 UTC)).text("What are your opening hours?").build()?;
//! let locked_out = Request::builder(RequestId::new("req-2")?, customer, Channel::Chat,
//!     datetime!(2026-11-23 09:30 UTC)).text("I'm locked out of my account!").build()?;
//!
//! let requests = [question, locked_out];
//! let ranking = realboss::rank(&requests, datetime!(2026-11-23 10:00 UTC));
//! assert_eq!(requests[ranking.ranked()[0].index].id().as_str(), "req-2");
//! # Ok::<(), realboss::Error>(())
//! ```
//!
//! ## Limits
//!
//! English is the only sentiment lexicon today; text in another language scores neutral and
//! says so in [`Coverage`](signals::Coverage). Time offsets are fixed UTC offsets: applying
//! daylight-saving changes is the host's job. Each module documents its own limits.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod bad_input;
pub mod error;
pub mod hints;
pub mod insights;
pub mod jsonl;
pub mod model;
pub mod policy;
pub mod priority;
pub mod ranking;
pub mod signals;
pub mod text;

// The crate root names what a user builds (the engines and their configurations, the inputs)
// and what they read back (the results); everything else lives in its module.
pub use error::{Error, ErrorKind};
pub use hints::{Hint, HintKind, HintValue, Hinter, Hints, HintsConfig};
pub use insights::{Insights, InsightsConfig, InsightsReport};
pub use jsonl::{LineError, read_records, read_requests};
pub use model::{
    AgentId, Channel, ContactEvent, CustomerId, CustomerProfile, EventKind, Feedback, Language,
    Level, Request, RequestId, Status, Tier, validate_batch,
};
pub use policy::Policy;
pub use priority::{Assessment, Band, Reason, ReasonKind};
pub use ranking::{Queue, Ranked, Ranker, Ranking, rank};
pub use signals::{
    Analyzer, AnalyzerConfig, Complaint, Cue, CueKind, Label, Sentiment, Signals, Urgency,
};
pub use text::keywords::Topic;

/// The README's Rust examples, compiled and run as doctests so that they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
