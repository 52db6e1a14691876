//! Each rule of the sentiment analyzer on sentences written for it. Where Python VADER 3.3.2 has
//! the rule, the expected direction is the one VADER gives (its compound is noted); where the
//! rule is ours, the comment says so.

use crate::common::fixtures::analyzer;
use realboss::ErrorKind;
use realboss::model::Language;
use realboss::signals::{Analyzer, AnalyzerConfig, Label, Rule, Sentiment, ValenceSource};

fn compound(text: &str) -> f64 {
    analyzer().sentiment(text).compound
}

fn rules_of(text: &str) -> Vec<Rule> {
    analyzer()
        .explain(text)
        .contributions
        .iter()
        .flat_map(|c| c.rules.iter().map(|r| r.rule))
        .collect()
}

#[test]
fn a_plain_sentiment_word_sets_the_direction() {
    // VADER: 0.4215
    let s = analyzer().sentiment("The agent was helpful.");
    assert!(s.compound > 0.3, "{s:?}");
    assert_eq!(s.label, Label::Positive);
    assert_eq!(s.coverage.known, 1);
}

#[test]
fn negation_flips_a_sentiment_word() {
    // VADER: -0.3252
    let c = compound("The agent was not helpful.");
    assert!(c < -0.2, "{c}");
    assert!(rules_of("The agent was not helpful.").contains(&Rule::Negation));
    // "n't" words negate, listed or not.
    assert!(compound("It isn't good.") < 0.0);
    assert!(compound("It mayn't be good.") < 0.0);
}

#[test]
fn negation_does_not_cross_a_sentence_end() {
    let c = compound("It is not. Great job");
    assert!(c > 0.0, "{c}");
}

#[test]
fn boosters_strengthen_and_dampeners_weaken() {
    // VADER: very 0.4754 > plain 0.4215 > slightly 0.3626 = kind of 0.3626
    let plain = compound("The agent was helpful.");
    let very = compound("The agent was very helpful.");
    let slightly = compound("The agent was slightly helpful.");
    let kind_of = compound("The agent was kind of helpful.");
    assert!(
        very > plain && plain > slightly,
        "{very} {plain} {slightly}"
    );
    assert!((kind_of - slightly).abs() < 1e-12, "{kind_of} {slightly}");
    // A booster on a negative word makes it more negative.
    assert!(compound("It was very bad.") < compound("It was bad."));
}

#[test]
fn capitals_in_mixed_case_text_add_emphasis() {
    // VADER: 0.7531 with HELPFUL, 0.6808 without.
    assert!(
        compound("The agent was HELPFUL, thanks.") > compound("The agent was helpful, thanks.")
    );
    assert!(
        rules_of("The agent was HELPFUL, thanks.")
            .iter()
            .any(|r| matches!(r, Rule::Caps { .. }))
    );
    // A message written all in capitals is not shouting one word.
    assert!(
        !rules_of("THE AGENT WAS HELPFUL")
            .iter()
            .any(|r| matches!(r, Rule::Caps { .. }))
    );
}

#[test]
fn but_shifts_the_weight_to_the_second_clause() {
    // VADER: -0.4939 and 0.4215
    assert!(compound("The food was good but the service was terrible.") < 0.0);
    assert!(compound("The food was terrible but the service was good.") > 0.0);
    assert!(compound("The food was terrible, however the service was good.") > 0.0);
}

#[test]
fn although_concedes_its_clause() {
    // Ours (VADER: 0.0772, leaning positive): the conceded clause weighs half.
    let c = compound("Although the staff were friendly, the room was dirty.");
    assert!(c < 0.0, "{c}");
    assert!(
        rules_of("Although the staff were friendly, the room was dirty.")
            .contains(&Rule::Concession)
    );
}

#[test]
fn exclamation_marks_add_emphasis_up_to_four() {
    // VADER: 0.5684 with "!!!" against 0.4215.
    let one = compound("The agent was helpful!");
    let three = compound("The agent was helpful!!!");
    let four = compound("The agent was helpful!!!!");
    let nine = compound("The agent was helpful!!!!!!!!!");
    assert!(three > one && one > compound("The agent was helpful."));
    assert!(four > three);
    assert_eq!(four, nine);
    let e = analyzer().explain("The agent was helpful!!!");
    assert_eq!(e.exclamation_marks, 3);
    assert!(e.punctuation_emphasis > 0.0);
}

#[test]
fn question_marks_add_emphasis_from_two_on() {
    // VADER: 0.4871 with "??" against 0.4215 with one.
    let one = compound("Was the agent helpful?");
    let two = compound("Was the agent helpful??");
    assert!(two > one, "{two} {one}");
    assert!(compound("Was the agent helpful????") > two);
}

#[test]
fn phrases_and_idioms_score_as_a_whole() {
    // "no problems": VADER 0.3089 (through its "no" rule); here a phrase.
    assert!(compound("There were no problems.") > 0.0);
    // VADER's idioms are dead code there; live here.
    assert!(compound("I feel under the weather") < 0.0);
    assert!(compound("Our new agent is really on the ball") > 0.0);
    // Customer-service phrases.
    assert!(compound("I was charged twice") < 0.0);
    assert!(compound("She went above and beyond") > 0.5);
    let e = analyzer().explain("I was charged twice");
    assert_eq!(e.contributions.len(), 1);
    assert_eq!(e.contributions[0].range, 6..19);
    assert_eq!(e.contributions[0].source, ValenceSource::CustomerService);
    // Hyphenated lexicon entries match their pieces.
    assert!(compound("I am fed up") < 0.0);
    // A phrase does not match across a full stop.
    assert!(compound("I was charged. Twice is fine") >= compound("I was charged"));
}

#[test]
fn negation_reaches_a_phrase() {
    assert!(compound("I would highly recommend it") > 0.5);
    assert!(compound("I would not highly recommend it") < 0.0);
}

#[test]
fn emoji_and_emoticons_carry_sentiment() {
    // VADER: 0.7717 / -0.5719 / 0.7096 / -0.6908
    assert!(compound("I love it 😀") > compound("I love it"));
    assert!(compound("I hate it 😢") < compound("I hate it"));
    assert!(compound("Thanks :)") > compound("Thanks"));
    assert!(compound("It broke :(") < 0.0);
    assert!(compound("😀") > 0.0);
    // A variation selector (or skin tone) falls back to the base emoji.
    assert!(compound("❤\u{FE0F}") > 0.0);
    assert_eq!(compound("❤\u{FE0F}"), compound("❤"));
    let e = analyzer().explain("ok 😢");
    assert!(
        e.contributions
            .iter()
            .any(|c| c.source == ValenceSource::Emoji)
    );
    let e = analyzer().explain("thanks :-)!");
    assert!(
        e.contributions
            .iter()
            .any(|c| c.source == ValenceSource::Emoticon)
    );
}

#[test]
fn an_unknown_word_is_retried_by_its_stem() {
    // "awfulness" is not in VADER's lexicon; it shares its Snowball stem with "awful".
    let e = analyzer().explain("The awfulness of it");
    assert_eq!(e.contributions.len(), 1);
    assert_eq!(e.contributions[0].source, ValenceSource::WordForm);
    assert!(e.sentiment.compound < 0.0);
}

#[test]
fn never_so_and_without_doubt_are_not_negations() {
    // VADER: "Never so good." 0.5777; "Without a doubt, excellent service." 0.7013
    assert!(compound("Never so good.") > compound("good."));
    assert!(compound("Without doubt excellent service.") > 0.0);
}

#[test]
fn least_negates_except_at_least() {
    // VADER: -0.3252 and 0.0
    assert!(compound("This is the least helpful answer.") < 0.0);
    assert!(rules_of("This is the least helpful answer.").contains(&Rule::Least));
    assert!(compound("At least it helps.") > 0.0);
}

#[test]
fn no_before_a_sentiment_word_is_only_a_negation() {
    let e = analyzer().explain("no good");
    assert!(e.sentiment.compound < 0.0);
    assert!(
        e.contributions
            .iter()
            .any(|c| c.rules.iter().any(|r| r.rule == Rule::NoAsNegation))
    );
    // Alone, "no" keeps its own (negative) valence.
    assert!(compound("No.") < 0.0);
}

#[test]
fn a_negation_with_nothing_to_negate_is_a_complaint() {
    // Ours; VADER scores these 0.
    assert!(compound("It doesn't charge.") < 0.0);
    assert!(compound("The parcel has not arrived") < 0.0);
    let e = analyzer().explain("It doesn't charge.");
    assert_eq!(e.contributions[0].source, ValenceSource::Cue);
}

#[test]
fn too_before_a_plain_word_is_a_complaint() {
    // Ours; VADER scores 0.
    assert!(compound("The screen is too small.") < 0.0);
    assert_eq!(compound("I want one too."), compound("I want one."));
    assert!(compound("It is too good to be true") > 0.0);
}

#[test]
fn a_lone_booster_with_a_valence_of_its_own_scores_it() {
    assert!(compound("Simply incredible.") > 0.0);
    // Before a sentiment word it only boosts.
    let e = analyzer().explain("incredibly bad");
    assert!(e.sentiment.compound < 0.0);
}

#[test]
fn customer_service_vocabulary_overrides_general_readings() {
    // VADER reads "support" as approval (+1.7) and "urgent" as positive (+0.8).
    assert_eq!(compound("I contacted support"), 0.0);
    assert!(compound("This is urgent") < 0.0);
    assert!(compound("Still waiting for my refund") < -0.3);
}

#[test]
fn proportions_sum_to_one_and_nothing_scored_is_neutral() {
    let s = analyzer().sentiment("The parcel is in the depot");
    assert_eq!((s.positive, s.neutral, s.negative), (0.0, 1.0, 0.0));
    assert_eq!(s.compound, 0.0);
    assert_eq!(s.label, Label::Neutral);
    assert_eq!(s.coverage.known, 0);
    assert_eq!(s.coverage.words, 6);
    let s = analyzer().sentiment("Great phone, terrible battery!");
    assert!((s.positive + s.neutral + s.negative - 1.0).abs() < 1e-12);
    assert!(s.positive > 0.0 && s.negative > 0.0);
}

#[test]
fn a_language_without_lexicon_is_reported_unsupported() {
    let a = analyzer();
    let de = Language::from_bcp47("de-DE").expect("valid tag");
    let s = a.sentiment_in("Das ist großartig, danke!", de);
    assert_eq!(s.compound, 0.0);
    assert_eq!(s.label, Label::Neutral);
    assert!(!s.coverage.supported);
    assert_eq!(s.coverage.words, 4);
    let config: AnalyzerConfig = serde_json::from_str(r#"{"language": "fr"}"#).expect("valid");
    let fr = Analyzer::new(config).expect("valid");
    assert!(!fr.sentiment("C'est super").coverage.supported);
    assert!(a.sentiment("great").coverage.supported);
}

#[test]
fn thresholds_are_configurable_and_validated() {
    let mut config = AnalyzerConfig::default();
    config.positive_threshold = 0.9;
    let strict = Analyzer::new(config).expect("valid");
    assert_eq!(
        strict.sentiment("The agent was helpful.").label,
        Label::Neutral
    );

    for (field, value) in [
        ("positive_threshold", 1.5),
        ("positive_threshold", -0.1),
        ("positive_threshold", f64::NAN),
        ("negative_threshold", 0.2),
        ("negative_threshold", -2.0),
    ] {
        let mut config = AnalyzerConfig::default();
        match field {
            "positive_threshold" => config.positive_threshold = value,
            _ => config.negative_threshold = value,
        }
        let err = Analyzer::new(config).expect_err("out of range");
        match err.kind() {
            ErrorKind::InvalidValue { field: f, .. } => assert_eq!(f, field),
            other => panic!("unexpected {other:?}"),
        }
        let message = err.to_string();
        assert!(
            message.contains(field) && message.contains("from"),
            "{message}"
        );
    }
    let err = serde_json::from_str::<AnalyzerConfig>(r#"{"language": "x-klingon"}"#)
        .expect_err("bad tag");
    assert!(err.to_string().contains("language"), "{err}");
    let err = serde_json::from_str::<AnalyzerConfig>(r#"{"positive_treshold": 0.1}"#)
        .expect_err("typo in field name");
    assert!(err.to_string().contains("positive_treshold"), "{err}");
}

#[test]
fn explain_matches_sentiment_bit_for_bit() {
    let a = analyzer();
    for text in [
        "",
        "The food was GOOD but the service was not great!!! 😡",
        "Although it was late, support sorted it out :) no problems",
        "I was charged twice and still waiting... too slow?? never again",
    ] {
        let s: Sentiment = a.sentiment(text);
        let e = a.explain(text);
        assert_eq!(
            e.sentiment.compound.to_bits(),
            s.compound.to_bits(),
            "{text}"
        );
        assert_eq!(
            e.sentiment.positive.to_bits(),
            s.positive.to_bits(),
            "{text}"
        );
        assert_eq!(e.sentiment, s, "{text}");
        for c in &e.contributions {
            assert!(c.range.end <= text.len() && c.range.start < c.range.end);
        }
    }
}

#[test]
fn the_analyzer_is_shared_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Analyzer>();
    assert_send_sync::<Sentiment>();
    let a = analyzer();
    let expected = a.sentiment("Thanks for the quick fix!");
    std::thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| assert_eq!(a.sentiment("Thanks for the quick fix!"), expected));
        }
    });
}

/// Handles, web and e-mail addresses name someone or somewhere: they never score, and a message
/// with them scores as the same message without them.
#[test]
fn handles_and_addresses_never_score() {
    let a = analyzer();
    let bare = a.sentiment("thanks!");
    assert!(bare.compound > 0.3, "{bare:?}");
    for text in [
        "@united thanks!",
        "thanks! https://united.com/great/love",
        "thanks! www.happy-good.com",
        "@AmericanAir @united thanks! love@great.com",
    ] {
        let s = a.sentiment(text);
        assert_eq!(s.compound.to_bits(), bare.compound.to_bits(), "{text}");
        assert_eq!(s.coverage.words, bare.coverage.words, "{text}");
        assert_eq!(a.explain(text).sentiment, s, "{text}");
    }
    // "united" as a word still reads as one.
    assert!(compound("we stand united") > 0.0);
}

/// An HTML entity for punctuation is that punctuation, not a word: `&gt;` is no "gt".
#[test]
fn html_entities_are_read_as_what_they_stand_for() {
    let a = analyzer();
    let s = a.sentiment("&gt; &lt; &amp; &quot;");
    assert_eq!(s.compound, 0.0, "{s:?}");
    assert_eq!(s.coverage.words, 0);
    assert_eq!(compound("&gt; the parcel"), compound("> the parcel"));
    // `&#33;` is a `!`, `&nbsp;` white space, `&#39;` an apostrophe inside a word.
    assert_eq!(compound("great&#33;&#33;"), compound("great!!"));
    assert_eq!(compound("not&nbsp;good"), compound("not good"));
    assert_eq!(compound("I don&#39;t like it"), compound("I don't like it"));
    assert!(compound("it&#39;s not good") < 0.0);
}

/// A hashtag's words score as words, and form phrases with each other.
#[test]
fn hashtag_words_score_and_form_phrases() {
    assert!(compound("#WorstService") < 0.0);
    assert_eq!(compound("#worst_service"), compound("worst service"));
    assert_eq!(compound("#NeverAgain"), compound("never again"));
    assert_eq!(
        analyzer().explain("#NeverAgain").contributions.len(),
        analyzer().explain("never again").contributions.len()
    );
}
