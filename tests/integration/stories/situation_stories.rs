//! Issue 15's situations: messages that are urgent, calm or a complaint without the usual cue
//! words, each told in our own words with its expected level or order. `cargo test story` runs
//! them.

use realboss::Level;
use realboss::model::*;
use realboss::ranking::Ranker;
use realboss::signals::CueKind;
use time::macros::{date, datetime};

use crate::common::fixtures::analyzer;

type Result<T = ()> = std::result::Result<T, realboss::Error>;

fn customer(id: &str) -> Result<CustomerProfile> {
    CustomerProfile::builder(CustomerId::new(id)?)
        .tier(Tier::Standard)
        .lifetime_value(Money::new(300.0, "EUR".parse()?)?)
        .customer_since(date!(2022 - 03 - 01))
        .build()
}

/// Whether one of the strongest cues of `urgency` is of `kind`.
fn has_top(urgency: &realboss::signals::Urgency, kind: CueKind) -> bool {
    urgency.top.iter().flatten().any(|c| c.kind == kind)
}

/// Ids in rank order, every request received at the same moment by e-mail.
fn order(texts: &[(&str, &str)]) -> Result<Vec<String>> {
    let at = datetime!(2026-12-01 10:00 UTC);
    let requests = texts
        .iter()
        .map(|(id, text)| {
            Request::builder(
                RequestId::new(*id)?,
                customer(&format!("cus-{id}"))?,
                Channel::Email,
                at,
            )
            .text(*text)
            .build()
        })
        .collect::<Result<Vec<_>>>()?;
    let ranker = Ranker::default();
    let ranking = ranker.rank(&requests, datetime!(2026-12-01 10:20 UTC));
    Ok(ranking
        .ranked()
        .iter()
        .map(|r| requests[r.index].id().as_str().to_owned())
        .collect())
}

#[test]
fn story_a_stranger_in_the_account_spending_the_saved_card_is_urgent() {
    let s = analyzer().signals(
        "Somebody has got into my account and keeps ordering things with my saved card. Make it stop!",
    );
    assert_eq!(s.urgency.level, Level::Urgent, "{:?}", s.urgency);
    assert!(has_top(&s.urgency, CueKind::MoneyAtRisk));
    assert!(s.complaint.score > 0.0);
}

#[test]
fn story_a_shop_that_is_down_and_losing_sales_is_urgent() {
    let s = analyzer().signals(
        "Our web shop went offline at 7 and has been down since this morning; nobody can check \
         out and we are losing sales every minute.",
    );
    assert_eq!(s.urgency.level, Level::Urgent, "{:?}", s.urgency);
}

#[test]
fn story_a_polite_note_about_the_last_dose_of_medicine_is_urgent() {
    let s = analyzer().signals(
        "Good evening, I hope you are well. My father has one dose of his heart medication left \
         for tonight and the repeat prescription has not come. Could someone look at it?",
    );
    assert_eq!(s.urgency.level, Level::Urgent, "{:?}", s.urgency);
    assert!(has_top(&s.urgency, CueKind::Safety));
}

#[test]
fn story_the_shop_outage_outranks_routine_questions_and_a_thank_you() -> Result {
    let ids = order(&[
        (
            "req-hours",
            "What are your opening hours over the holidays?",
        ),
        (
            "req-thanks",
            "Just wanted to say thank you, the new app is lovely.",
        ),
        (
            "req-outage",
            "Our online store has been down since 8 am, customers cannot check out and we are \
             losing money.",
        ),
        (
            "req-invoice",
            "Can you send me a copy of last month's invoice?",
        ),
    ])?;
    assert_eq!(ids[0], "req-outage", "{ids:?}");
    Ok(())
}

#[test]
fn story_no_rush_is_calm_and_neutral() {
    let a = analyzer();
    for text in [
        "No rush at all, whenever you can.",
        "Not urgent - when you have a moment, could you tell me how to export my invoices?",
    ] {
        let s = a.signals(text);
        assert_eq!(s.urgency.level, Level::Low, "{text:?}: {:?}", s.urgency);
        assert!(s.sentiment.compound >= 0.0, "{text:?}: {:?}", s.sentiment);
        assert_eq!(s.complaint.score, 0.0, "{text:?}");
    }
}

#[test]
fn story_a_fast_answer_told_afterwards_is_no_time_pressure() {
    let a = analyzer();
    let told =
        a.signals("The agent answered in two minutes and it took her five minutes to fix it.");
    assert!(
        !has_top(&told.urgency, CueKind::TimePressure),
        "{:?}",
        told.urgency
    );
    let asked = a.signals("Please call me back in two minutes.");
    assert!(has_top(&asked.urgency, CueKind::TimePressure));
}

#[test]
fn story_a_hard_deadline_named_by_an_event_is_time_pressure() {
    let s = analyzer().signals("I need the certificate before Friday's exam.");
    assert!(s.urgency.level >= Level::High, "{:?}", s.urgency);
    let s = analyzer().signals("Could the parts arrive before my surgery?");
    assert!(has_top(&s.urgency, CueKind::TimePressure));
}

#[test]
fn story_complaints_without_the_usual_words_are_graded_not_zero() {
    let a = analyzer();
    for text in [
        "Why does the checkout fail every single time?",
        "I have been waiting for three days and nobody has answered.",
        "Your support staff were rude and unhelpful.",
        "Third time this month the delivery came without the cables.",
        "It was supposed to arrive on Monday.",
    ] {
        let c = a.signals(text).complaint;
        assert!(c.score >= 0.3, "{text:?}: {c:?}");
    }
    // The same words in another sense, or the customer's own mishap, weigh less.
    let lunch = a
        .signals("Sorry for the late reply, I had a late lunch.")
        .complaint;
    assert!(lunch.score < 0.3, "{lunch:?}");
    let own = a
        .signals("I accidentally ordered the wrong size, can I swap it?")
        .complaint;
    let theirs = a
        .signals("You sent the wrong size, can I swap it?")
        .complaint;
    assert!(own.score < theirs.score, "{own:?} vs {theirs:?}");
}

#[test]
fn story_a_learner_who_shares_a_view_joins_a_discussion() {
    let a = analyzer();
    let view = a.urgency("In my opinion the second week was hard, the first problem set too.");
    let plain = a.urgency("The second week was hard, the first problem set too.");
    assert!(plain.score > 0.0, "{plain:?}");
    assert!(view.score < plain.score, "{view:?} vs {plain:?}");
    let agree = a.urgency("I agree, the first problem set was hard.");
    assert!(agree.score < a.urgency("The first problem set was hard.").score);
    // A view that then asks something is a request after all.
    let asks = a.urgency("In my opinion the quiz is broken. Where do I report it?");
    assert_eq!(
        asks.score,
        a.urgency("The quiz is broken. Where do I report it?").score
    );
}

#[test]
fn story_a_failure_that_may_happen_is_asked_about_not_reported() {
    let a = analyzer();
    let weight = |text: &str| {
        let c = a.signals(text).complaint;
        c.strongest.map_or(0.0, |cue| cue.weight)
    };
    let report = weight("My flight is cancelled, can I rebook for free?");
    assert!(report > 0.0);
    for text in [
        "If my flight is cancelled, can I rebook for free?",
        "Any chance my flight gets cancelled tomorrow?",
        "Can you tell me whether my flight is cancelled?",
    ] {
        let w = weight(text);
        assert!(w > 0.0 && w < report, "{text:?}: {w} vs {report}");
    }
    // The question still waits for an answer.
    assert_eq!(
        a.urgency("If my flight is cancelled, can I rebook for free?")
            .score,
        a.urgency("My flight is cancelled, can I rebook for free?")
            .score
    );
    // A comma ends the condition: what follows is told as fact.
    assert_eq!(
        weight("If you read this, my flight was cancelled and I need a seat."),
        weight("My flight was cancelled and I need a seat.")
    );
}
