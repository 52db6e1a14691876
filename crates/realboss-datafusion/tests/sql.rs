//! A team scores its feedback with SQL: every score equals the core crate's for the same text,
//! bit for bit, whatever string layout the column has; NULL texts give NULL scores; averages per
//! customer come out of a GROUP BY; a CSV file on disk works the same as a table in memory.

use std::sync::Arc;

use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, Int64Array, LargeStringArray, RecordBatch, StringArray,
    StringViewArray,
};
use datafusion::arrow::datatypes::{DataType, Field, Float64Type, Int64Type, Schema};
use datafusion::prelude::{CsvReadOptions, SessionContext};
use realboss::signals::{Analyzer, AnalyzerConfig, Label};

const FEEDBACK: [(i64, Option<&str>); 10] = [
    (1, Some("My parcel never arrived and I was charged twice!!")),
    (
        1,
        Some("Still waiting for the refund, this is the third time I write."),
    ),
    (
        2,
        Some("Sorted in five minutes, the agent was brilliant :)"),
    ),
    (2, None),
    (2, Some("Thanks, all good now.")),
    (3, Some("URGENT: can't log in, please reply today")),
    (3, Some("")),
    (
        4,
        Some("Not bad at all, but the app still crashes, \"again\"."),
    ),
    (4, Some("Très déçu… le café n’était pas bon 😢")),
    (5, None),
];

fn analyzer() -> Analyzer {
    Analyzer::new(AnalyzerConfig::default()).expect("default config is valid")
}

fn context() -> SessionContext {
    let ctx = SessionContext::new();
    realboss_datafusion::register(&ctx, &analyzer());
    ctx
}

/// The feedback as a record batch whose `text` column has the given Arrow string layout.
fn feedback_batch(layout: &DataType) -> RecordBatch {
    let ids: ArrayRef = Arc::new(Int64Array::from_iter_values(FEEDBACK.iter().map(|r| r.0)));
    let texts = FEEDBACK.iter().map(|r| r.1);
    let texts: ArrayRef = match layout {
        DataType::Utf8 => Arc::new(texts.collect::<StringArray>()),
        DataType::LargeUtf8 => Arc::new(texts.collect::<LargeStringArray>()),
        DataType::Utf8View => Arc::new(texts.collect::<StringViewArray>()),
        other => panic!("not a string layout: {other}"),
    };
    let schema = Schema::new(vec![
        Field::new("customer_id", DataType::Int64, false),
        Field::new("text", layout.clone(), true),
    ]);
    RecordBatch::try_new(Arc::new(schema), vec![ids, texts]).expect("columns match the schema")
}

async fn query(ctx: &SessionContext, sql: &str) -> Vec<RecordBatch> {
    ctx.sql(sql)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .collect()
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// Reads a string column of any layout as owned optional strings.
fn strings(column: &dyn Array) -> Vec<Option<String>> {
    match column.data_type() {
        DataType::Utf8 => column
            .as_string::<i32>()
            .iter()
            .map(|s| s.map(str::to_owned))
            .collect(),
        DataType::LargeUtf8 => column
            .as_string::<i64>()
            .iter()
            .map(|s| s.map(str::to_owned))
            .collect(),
        DataType::Utf8View => column
            .as_string_view()
            .iter()
            .map(|s| s.map(str::to_owned))
            .collect(),
        other => panic!("not a string column: {other}"),
    }
}

fn floats(column: &dyn Array) -> Vec<Option<f64>> {
    column.as_primitive::<Float64Type>().iter().collect()
}

/// Asserts that each row's four scores equal the core crate's for that row's text.
fn assert_rows_match_core(batches: &[RecordBatch]) -> usize {
    let analyzer = analyzer();
    let mut rows = 0;
    for batch in batches {
        let texts = strings(batch.column(0));
        let sentiment = floats(batch.column(1));
        let labels = strings(batch.column(2));
        let urgency = floats(batch.column(3));
        let complaint = floats(batch.column(4));
        for (i, text) in texts.iter().enumerate() {
            let bits = |v: Option<f64>| v.map(f64::to_bits);
            match text {
                None => {
                    assert_eq!(sentiment[i], None, "row {i}");
                    assert_eq!(labels[i], None, "row {i}");
                    assert_eq!(urgency[i], None, "row {i}");
                    assert_eq!(complaint[i], None, "row {i}");
                }
                Some(text) => {
                    let s = analyzer.signals(text);
                    assert_eq!(
                        bits(sentiment[i]),
                        bits(Some(s.sentiment.compound)),
                        "{text:?}"
                    );
                    assert_eq!(
                        labels[i].as_deref(),
                        Some(serde_name(s.sentiment.label).as_str())
                    );
                    assert_eq!(bits(urgency[i]), bits(Some(s.urgency.score)), "{text:?}");
                    assert_eq!(
                        bits(complaint[i]),
                        bits(Some(s.complaint.score)),
                        "{text:?}"
                    );
                }
            }
            rows += 1;
        }
    }
    rows
}

fn serde_name(label: Label) -> String {
    serde_json::to_value(label)
        .expect("a label serializes")
        .as_str()
        .expect("as a string")
        .to_owned()
}

const SCORE_EVERY_ROW: &str = "SELECT text, sentiment(text), sentiment_label(text), urgency(text), \
                               complaint(text) FROM feedback";

#[tokio::test]
async fn every_row_of_an_in_memory_table_scores_as_the_core_crate_does_in_every_string_layout() {
    for layout in [DataType::Utf8, DataType::LargeUtf8, DataType::Utf8View] {
        let ctx = context();
        ctx.register_batch("feedback", feedback_batch(&layout))
            .expect("registers");
        let batches = query(&ctx, SCORE_EVERY_ROW).await;
        assert_eq!(batches[0].schema().field(1).data_type(), &DataType::Float64);
        assert_eq!(batches[0].schema().field(2).data_type(), &DataType::Utf8);
        assert_eq!(assert_rows_match_core(&batches), FEEDBACK.len(), "{layout}");
    }
}

#[tokio::test]
async fn null_texts_give_null_scores_and_nothing_else_does() {
    let ctx = context();
    ctx.register_batch("feedback", feedback_batch(&DataType::Utf8))
        .expect("registers");
    let batches = query(
        &ctx,
        "SELECT count(*) FROM feedback WHERE sentiment(text) IS NULL AND urgency(text) IS NULL \
         AND complaint(text) IS NULL AND sentiment_label(text) IS NULL",
    )
    .await;
    let missing = FEEDBACK.iter().filter(|r| r.1.is_none()).count() as i64;
    assert_eq!(
        batches[0].column(0).as_primitive::<Int64Type>().value(0),
        missing
    );

    let batches = query(
        &ctx,
        "SELECT sentiment(NULL), sentiment_label(NULL), urgency(NULL)",
    )
    .await;
    for column in batches[0].columns() {
        assert!(column.is_null(0), "{column:?}");
    }
}

#[tokio::test]
async fn a_literal_scores_as_the_core_crate_does() {
    let ctx = context();
    let text = "I was charged twice, please refund me today!";
    let batches = query(
        &ctx,
        &format!(
            "SELECT '{text}', sentiment('{text}'), sentiment_label('{text}'), urgency('{text}'), \
             complaint('{text}')"
        ),
    )
    .await;
    assert_eq!(assert_rows_match_core(&batches), 1);
    assert_eq!(strings(batches[0].column(2)), [Some("negative".to_owned())]);
}

#[tokio::test]
async fn average_sentiment_per_customer_comes_out_of_a_group_by() {
    let ctx = context();
    ctx.register_batch("feedback", feedback_batch(&DataType::Utf8))
        .expect("registers");
    let batches = query(
        &ctx,
        "SELECT customer_id, avg(sentiment(text)) AS mood, max(urgency(text)) AS most_urgent \
         FROM feedback GROUP BY customer_id ORDER BY customer_id",
    )
    .await;
    let analyzer = analyzer();
    let mut seen = Vec::new();
    for batch in &batches {
        let ids = batch.column(0).as_primitive::<Int64Type>();
        let mood = floats(batch.column(1));
        let most_urgent = floats(batch.column(2));
        for i in 0..batch.num_rows() {
            let id = ids.value(i);
            let texts: Vec<&str> = FEEDBACK
                .iter()
                .filter(|r| r.0 == id)
                .filter_map(|r| r.1)
                .collect();
            if texts.is_empty() {
                // avg and max of only NULLs is NULL, as SQL says.
                assert_eq!((mood[i], most_urgent[i]), (None, None), "customer {id}");
            } else {
                let expected = texts
                    .iter()
                    .map(|t| analyzer.sentiment(t).compound)
                    .sum::<f64>()
                    / texts.len() as f64;
                let got = mood[i].expect("some text");
                assert!(
                    (got - expected).abs() < 1e-12,
                    "customer {id}: {got} vs {expected}"
                );
                let max = texts
                    .iter()
                    .map(|t| analyzer.urgency(t).score)
                    .fold(f64::MIN, f64::max);
                assert_eq!(most_urgent[i], Some(max), "customer {id}");
            }
            seen.push(id);
        }
    }
    assert_eq!(seen, [1, 2, 3, 4, 5]);
}

#[tokio::test]
async fn a_csv_file_written_to_disk_scores_as_the_core_crate_does() {
    let dir = std::env::temp_dir().join(format!("realboss-datafusion-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("feedback.csv");
    let mut csv = String::from("customer_id,text\n");
    for (id, text) in FEEDBACK {
        match text {
            // A quoted field, so commas and quotes in the text survive.
            Some(text) => csv.push_str(&format!("{id},\"{}\"\n", text.replace('"', "\"\""))),
            None => csv.push_str(&format!("{id},\n")),
        }
    }
    std::fs::write(&path, csv).expect("writes the CSV");

    let ctx = context();
    ctx.register_csv(
        "feedback",
        path.to_str().expect("utf-8 path"),
        CsvReadOptions::new(),
    )
    .await
    .expect("registers the CSV");
    let batches = query(&ctx, SCORE_EVERY_ROW).await;
    std::fs::remove_dir_all(&dir).expect("cleans up");

    assert_eq!(assert_rows_match_core(&batches), FEEDBACK.len());
    // The texts came through the CSV reader intact, and the missing ones as NULL.
    let read: Vec<Option<String>> = batches.iter().flat_map(|b| strings(b.column(0))).collect();
    for ((_, written), read) in FEEDBACK.iter().zip(&read) {
        if let Some(written) = written.filter(|t| !t.is_empty()) {
            assert_eq!(read.as_deref(), Some(written));
        }
    }
    assert!(read[3].is_none() && read[9].is_none(), "{read:?}");
}

#[tokio::test]
async fn the_analyzer_configuration_reaches_sql() {
    let mut config = AnalyzerConfig::default();
    config.positive_threshold = 0.99;
    let strict = Analyzer::new(config).expect("valid thresholds");
    let ctx = SessionContext::new();
    realboss_datafusion::register(&ctx, &strict);
    let batches = query(&ctx, "SELECT sentiment_label('Thanks, that was good.')").await;
    assert_eq!(strings(batches[0].column(0)), [Some("neutral".to_owned())]);
    let batches = query(
        &context(),
        "SELECT sentiment_label('Thanks, that was good.')",
    )
    .await;
    assert_eq!(strings(batches[0].column(0)), [Some("positive".to_owned())]);
}

#[tokio::test]
async fn a_call_that_is_not_one_string_is_refused_with_the_function_named() {
    let ctx = context();
    // A number, a boolean or bytes is no text: refused when the query is planned, not cast.
    for sql in [
        "SELECT sentiment()",
        "SELECT urgency('a', 'b')",
        "SELECT complaint(true)",
        "SELECT sentiment(42)",
        "SELECT sentiment_label(arrow_cast('good', 'Binary'))",
    ] {
        let result = match ctx.sql(sql).await {
            Ok(frame) => frame.collect().await.map(|_| ()),
            Err(e) => Err(e),
        };
        let error = result.expect_err(sql).to_string();
        assert!(
            ["sentiment", "urgency", "complaint"]
                .iter()
                .any(|name| error.contains(name)),
            "{sql}: {error}"
        );
    }
}

#[tokio::test]
async fn a_dictionary_encoded_text_is_read_as_its_string() {
    let ctx = context();
    let text = "Thanks, the refund came quickly";
    let batches = query(
        &ctx,
        &format!("SELECT sentiment(arrow_cast('{text}', 'Dictionary(Int32, Utf8)'))"),
    )
    .await;
    assert_eq!(
        floats(batches[0].column(0)),
        [Some(analyzer().sentiment(text).compound)]
    );
}

#[test]
fn functions_are_equal_when_their_measure_and_configuration_are() {
    let default = realboss_datafusion::udfs(&analyzer());
    let again = realboss_datafusion::udfs(&analyzer());
    assert_eq!(default, again);
    let mut config = AnalyzerConfig::default();
    config.negative_threshold = -0.5;
    let other = realboss_datafusion::udfs(&Analyzer::new(config).expect("valid"));
    for (a, b) in default.iter().zip(&other) {
        assert_ne!(a, b, "{}", a.name());
    }
    assert_ne!(default[0], default[2]);
}
