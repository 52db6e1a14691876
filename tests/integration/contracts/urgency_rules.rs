//! Urgency and complaint from text, in the words of the people who write the messages.

use crate::common::fixtures::analyzer;
use realboss::Level;
use realboss::model::Language;
use realboss::signals::{Cue, CueKind, Signals, Urgency};

fn urgency(text: &str) -> Urgency {
    analyzer().urgency(text)
}

fn signals(text: &str) -> Signals {
    analyzer().signals(text)
}

/// Every cue that counted, as (kind, text as written).
fn cues(text: &str) -> Vec<(CueKind, String)> {
    analyzer()
        .explain_signals(text)
        .cues
        .iter()
        .map(|c| (c.kind, text[c.range()].to_owned()))
        .collect()
}

fn negated(text: &str) -> Vec<String> {
    analyzer()
        .explain_signals(text)
        .negated
        .iter()
        .map(|c: &Cue| text[c.range()].to_owned())
        .collect()
}

fn has_kind(text: &str, kind: CueKind) -> bool {
    cues(text).iter().any(|(k, _)| *k == kind)
}

#[test]
fn a_customer_stranded_at_the_station_is_urgent() {
    let u = urgency("I'm stranded at the station, my card was declined, please call me back!");
    assert_eq!(u.level, Level::Urgent, "{u:?}");
    assert_eq!(u.top[0].map(|c| c.kind), Some(CueKind::Stuck));
    // Stranded alone already asks for a fast answer.
    assert!(urgency("I'm stranded at the station").level >= Level::High);
}

#[test]
fn no_rush_whenever_you_can_is_low() {
    let text = "No rush, whenever you can.";
    let u = urgency(text);
    assert_eq!(u.level, Level::Low, "{u:?}");
    assert_eq!(negated(text), ["rush"]);
    assert_eq!(u.cues, 0);
}

#[test]
fn not_urgent_in_capitals_is_low() {
    let u = urgency("NOT urgent");
    assert_eq!(u.level, Level::Low);
    assert!(!u.marked);
    assert_eq!(negated("NOT urgent"), ["urgent"]);
    // Without the negation the same word counts.
    let u = urgency("URGENT");
    assert!(u.marked);
    assert!(u.level >= Level::High);
}

#[test]
fn i_was_charged_twice_is_money_at_risk_and_a_complaint() {
    let text = "I was charged twice for my order.";
    let s = signals(text);
    assert_eq!(s.urgency.top[0].map(|c| c.kind), Some(CueKind::MoneyAtRisk));
    assert_eq!(
        cues(text),
        [(CueKind::MoneyAtRisk, "charged twice".to_owned())]
    );
    assert!(s.complaint.score >= 0.5, "{:?}", s.complaint);
    assert!(s.urgency.level >= Level::High);
}

#[test]
fn i_hate_rainy_days_is_negative_but_not_a_complaint() {
    let s = signals("I hate rainy days.");
    assert!(s.sentiment.compound < -0.3);
    assert_eq!(s.complaint.score, 0.0);
    assert_eq!(s.complaint.strongest, None);
    assert_eq!(s.urgency.level, Level::Low);
}

#[test]
fn a_parcel_two_weeks_late_is_a_complaint() {
    let text = "My parcel arrived two weeks late.";
    let s = signals(text);
    assert!(s.complaint.score >= 0.5, "{:?}", s.complaint);
    let strongest = s.complaint.strongest.expect("a complaint cue");
    assert_eq!(strongest.kind, CueKind::BrokenExpectation);
    assert_eq!(&text[strongest.range()], "late");
}

#[test]
fn please_reply_by_5pm_today_is_time_pressure() {
    let text = "Please reply by 5pm today.";
    let found = cues(text);
    assert!(
        found.contains(&(CueKind::TimePressure, "by 5pm".to_owned())),
        "{found:?}"
    );
    assert!(found.contains(&(CueKind::TimePressure, "today".to_owned())));
    assert_eq!(urgency(text).level, Level::Urgent);
}

#[test]
fn clock_times_and_short_spans_are_deadlines() {
    for (text, span) in [
        ("I need it by 5 pm", "by 5 pm"),
        ("Can you call before 17:00", "before 17:00"),
        ("Fix it by 9:30am", "by 9:30am"),
        ("We board in an hour", "in an hour"),
        ("Reply within 30 minutes please", "within 30 minutes"),
        ("I need it in the next two hours", "in the next two hours"),
        ("Has to be sorted by Friday", "by Friday"),
    ] {
        let found = cues(text);
        assert!(
            found.contains(&(CueKind::TimePressure, span.to_owned())),
            "{text:?}: {found:?}"
        );
    }
    // A number after "by" that is not a time is no deadline; neither is a long span.
    assert!(!has_kind(
        "Prices went up by 5 percent",
        CueKind::TimePressure
    ));
    assert!(!has_kind("It arrived in 3 weeks", CueKind::TimePressure));
}

#[test]
fn charging_and_charged_both_match() {
    for text in [
        "They are charging my card",
        "They charged my card",
        "Two charges on my card",
    ] {
        assert!(has_kind(text, CueKind::MoneyAtRisk), "{text:?}");
    }
}

#[test]
fn cancelled_canceling_and_cancellation_all_say_leaving() {
    for text in [
        "I cancelled my plan",
        "I am canceling my plan",
        "I want a cancellation",
    ] {
        assert!(has_kind(text, CueKind::Leaving), "{text:?}");
    }
}

#[test]
fn locked_and_locking_out_are_stuck() {
    assert_eq!(
        cues("I'm locked out of my account"),
        [(CueKind::Stuck, "locked out".to_owned())]
    );
    for text in [
        "They keep locking out customers",
        "The bank locks out my card",
    ] {
        assert!(has_kind(text, CueKind::Stuck), "{text:?}");
    }
}

#[test]
fn a_negated_function_word_means_stuck() {
    for text in [
        "My router is not working",
        "The app doesn't work",
        "I can't log in",
        "I am unable to login",
        "The page won't load",
    ] {
        assert!(has_kind(text, CueKind::Stuck), "{text:?}: {:?}", cues(text));
    }
    // Without a negation the same words say nothing.
    assert!(cues("My router is working again, I can log in").is_empty());
}

#[test]
fn cannot_alone_is_stuck_and_gives_way_to_a_specific_cue() {
    assert_eq!(
        cues("I can't find the invoice"),
        [(CueKind::Stuck, "can't".to_owned())]
    );
    // One cue for "can't log in", the specific one.
    assert_eq!(
        cues("I can't log in"),
        [(CueKind::Stuck, "log in".to_owned())]
    );
    // Eagerness and thanks are not cues.
    assert!(cues("I can't wait to try it").is_empty());
    assert!(cues("Thanks for your help").is_empty());
}

#[test]
fn a_phrase_keeps_its_negation_for_the_next_cue() {
    // "still not" is a complaint cue of its own and still negates "working".
    let found = cues("It is still not working");
    assert!(found.contains(&(CueKind::BrokenExpectation, "still not".to_owned())));
    assert!(
        found.contains(&(CueKind::Stuck, "working".to_owned())),
        "{found:?}"
    );
}

#[test]
fn waiting_for_an_answer_counts_more_than_mood() {
    // A polite question outranks an angry statement that asks nothing.
    let question = urgency("Hi, how do I reset my password? Any update on my ticket?");
    let mood = urgency("This weather is awful and I hate it.");
    assert!(question.score > mood.score);
    assert!(has_kind("Any update?", CueKind::AwaitingAnswer));
    assert!(has_kind(
        "Still waiting for my refund",
        CueKind::AwaitingAnswer
    ));
}

#[test]
fn repeated_question_marks_are_one_question() {
    let one = urgency("Is my order on its way?");
    let many = urgency("Is my order on its way???");
    assert_eq!(one.score, many.score);
    assert_eq!(many.cues, 1);
}

#[test]
fn nothing_to_answer_is_low() {
    for text in [
        "",
        "   ",
        "Hello everyone, I'm Sam from Leeds.",
        "🙂",
        "\0\u{301}",
    ] {
        let u = urgency(text);
        assert_eq!(u.score, 0.0, "{text:?}");
        assert_eq!(u.level, Level::Low);
        assert_eq!(u.top, [None; 3]);
    }
}

#[test]
fn calm_phrases_lower_the_score() {
    let plain = urgency("Can you check my invoice?");
    let calm = urgency("Can you check my invoice? No worries if not today, whenever you can.");
    assert!(calm.score < plain.score, "{calm:?} vs {plain:?}");
}

#[test]
fn the_customer_who_marks_everything_urgent() {
    let marked = urgency("URGENT!! ASAP!! Where is my brochure?");
    assert!(marked.marked);
    assert!(marked.unmarked_score < marked.score);
    // What is left is the question.
    assert!(marked.unmarked_score > 0.0);
    assert_eq!(
        marked.unmarked_score,
        urgency("Where is my brochure?").score
    );
}

#[test]
fn top_cues_are_strongest_first_and_of_distinct_kinds() {
    let text = "I'm stranded, locked out, charged twice and need help today";
    let u = urgency(text);
    let kinds: Vec<CueKind> = u.top.iter().flatten().map(|c| c.kind).collect();
    assert_eq!(kinds.len(), 3);
    assert_eq!(kinds[0], CueKind::Stuck);
    assert!(!kinds[1..].contains(&CueKind::Stuck), "{kinds:?}");
    let weights: Vec<f64> = u.top.iter().flatten().map(|c| c.weight).collect();
    assert!(weights.windows(2).all(|w| w[0] >= w[1]), "{weights:?}");
    // With one kind only, the remaining places show more cues of that kind.
    let u = urgency("stranded and locked out");
    assert_eq!(u.top.iter().flatten().count(), 2);
}

#[test]
fn more_cues_never_lower_the_score_and_it_saturates_below_one() {
    let one = urgency("My account is locked out.");
    let two = urgency("My account is locked out. I'm stranded.");
    assert!(two.score > one.score);
    let said_once = urgency("Emergency! I'm stranded and locked out!");
    assert!(said_once.score < 1.0 && said_once.score > 0.9);
    // Saying it 200 times makes it no more urgent, and its distinct kinds of evidence keep
    // it urgent however long the text.
    let many = urgency(&"Emergency! I'm stranded and locked out! ".repeat(200));
    assert!(many.score <= said_once.score, "{many:?}");
    assert_eq!(many.level, Level::Urgent);
}

#[test]
fn a_long_message_is_not_more_urgent_for_being_long() {
    let short = "The export fails with an error. Can you help?";
    let story = "We moved offices last month and the team has been settling in well. \
                 Most of our reports run overnight and we read them in the morning. ";
    let long = format!("{short} {}", story.repeat(6));
    let long = urgency(&long);
    let short = urgency(short);
    assert!(long.score <= short.score, "{long:?} vs {short:?}");
    // Weak cues piling up in a long text (questions in the middle, "problem", "issue")
    // do not add up the way they would in a short one.
    let rambling = "Is this a problem? Maybe it is an issue? Who knows? ".repeat(20);
    assert!(urgency(&rambling).score < urgency("Is this a problem? Maybe an issue?").score + 0.05);
}

#[test]
fn another_language_counts_only_language_neutral_cues() {
    let german = Language::from_bcp47("de").expect("valid tag");
    let a = analyzer();
    let s = a.signals_in(
        "Notfall!! Ich komme nicht in mein Konto, was soll ich tun?",
        german,
    );
    assert!(!s.sentiment.coverage.supported);
    assert_eq!(
        s.sentiment,
        a.sentiment_in(
            "Notfall!! Ich komme nicht in mein Konto, was soll ich tun?",
            german
        )
    );
    let why: Vec<CueKind> = s.urgency.top.iter().flatten().map(|c| c.kind).collect();
    assert_eq!(why, [CueKind::AwaitingAnswer]);
    // An English word in German text is not read as a cue.
    let s = a.signals_in("urgent", german);
    assert_eq!(s.urgency.score, 0.0);
}

#[test]
fn explanation_agrees_with_signals_and_lists_cues_in_text_order() {
    let a = analyzer();
    for text in [
        "Not urgent, but I was charged twice and the parcel never arrived. Any update?",
        "No rush at all",
        "",
        "Please help!!! I can't log in and my deadline is tonight",
    ] {
        let why = a.explain_signals(text);
        assert_eq!(why.signals, a.signals(text), "{text:?}");
        assert_eq!(why.signals.urgency, a.urgency(text), "{text:?}");
        assert_eq!(why.signals.complaint, a.complaint(text), "{text:?}");
        assert!(why.cues.windows(2).all(|w| w[0].start <= w[1].start));
        assert_eq!(why.cues.len(), why.signals.urgency.cues as usize);
    }
}

#[test]
fn negative_mood_aimed_at_us_is_a_complaint_and_mood_about_anything_else_is_not() {
    let a = analyzer();
    let plain = a.signals("The parcel was late.");
    let angry = a.signals("The parcel was late, terrible and disgusting service.");
    assert!(angry.sentiment.compound < plain.sentiment.compound);
    assert!(angry.complaint.score > plain.complaint.score);
    // Mood and judgements with nothing of ours named: no complaint.
    let only_mood = a.signals("Terrible, disgusting, awful, I am furious.");
    assert_eq!(only_mood.complaint.score, 0.0);
    assert_eq!(a.signals("I hate rainy days.").complaint.score, 0.0);
    // The same judgement of the staff, with no word for what broke, is a complaint.
    let judged = a.signals("Your staff were rude and useless, I am furious.");
    assert!(judged.complaint.score > 0.5, "{:?}", judged.complaint);
    assert!(judged.complaint.mood > 0.0);
    let aimed_mood = a.signals("I am so sad and angry with you.");
    assert!(aimed_mood.complaint.score > 0.0);
    assert_eq!(aimed_mood.complaint.strongest, None);
    assert_eq!(aimed_mood.complaint.score, aimed_mood.complaint.mood);
}

#[test]
fn a_follow_up_that_reports_the_problem_solved_is_a_closure() {
    let analyzer = analyzer();
    for text in [
        "oh it turned up, all fine now, thanks!",
        "Never mind, I figured it out.",
        "Works now. Please disregard my last message.",
    ] {
        let s = analyzer.signals(text);
        assert!(s.resolved, "{text:?}");
        assert_eq!(s.urgency.level, Level::Low, "{text:?}");
    }
    for text in [
        "Thanks, but still nothing",
        "The parcel never turned up",
        "It works now, but the invoice is wrong",
        "It works now. Can you also change my address?",
        "Thanks for the reply.",
    ] {
        assert!(!analyzer.signals(text).resolved, "{text:?}");
    }
}

#[test]
fn quoted_history_does_not_count() {
    let fresh = "Thanks, that helped.";
    let replied = "Thanks, that helped.\n\nOn Monday, Ann wrote:\nURGENT: I am locked out!";
    let quoted_line = "Thanks, that helped.\n> URGENT: I am locked out!\nAll good.";
    assert_eq!(urgency(replied).score, urgency(fresh).score);
    assert_eq!(urgency(quoted_line).score, urgency(fresh).score);
    // A `>` inside a line is no quote, and the quote ends with its line.
    assert!(urgency("5 > 3 and I am locked out").score > 0.5);
    assert!(urgency("> earlier words\nI am locked out").score > 0.5);
}

#[test]
fn a_question_mark_that_stands_for_a_lost_apostrophe_is_no_question() {
    assert_eq!(urgency("I can?t thank you enough, it?s perfect").score, 0.0);
    assert!(urgency("Can you check?I paid twice").score > 0.0);
}

#[test]
fn a_greeting_to_a_group_that_asks_nothing_is_social() {
    let intro = urgency("Hello everyone, I want to introduce myself. I had problems at first.");
    let plain = urgency("I want to say who I am. I had problems at first.");
    assert!(intro.score < plain.score, "{intro:?} vs {plain:?}");
    let asks = urgency("Hello everyone, where is the syllabus?");
    assert_eq!(asks.score, urgency("Where is the syllabus?").score);
}

/// Handles and addresses are no cues, and do not hide the cues around them; times and numbers
/// with units stay readable.
#[test]
fn handles_addresses_and_times_on_social_text() {
    let plain = urgency("my flight is cancelled, please help by 5pm");
    let social =
        urgency("@united my flight is cancelled, please help by 5pm #NeverAgain https://x.co/a");
    assert!(social.score >= plain.score - 1e-9, "{plain:?} {social:?}");
    assert_eq!(urgency("@urgent @asap").score, 0.0);
    assert_eq!(urgency("https://x.co/urgent/asap/refund").score, 0.0);
    assert_eq!(urgency("mail urgent.refund@x.com").score, 0.0);
    // An entity for `?` asks a question.
    let asked = cues("where is my order&#63;");
    assert!(
        asked.iter().any(|(k, _)| *k == CueKind::AwaitingAnswer),
        "{asked:?}"
    );
}
