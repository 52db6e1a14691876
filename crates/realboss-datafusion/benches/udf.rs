//! What the SQL adapter costs: the UDFs on a 1,000,000-row Utf8 array against the core crate
//! called directly, row by row, on the same texts (about 5% of them NULL).
//!
//! `cargo bench -p realboss-datafusion --bench udf`. Single-threaded. The machine may be shared,
//! so compare the two lines of a group, measured together, rather than figures across runs.
//! `-- --test` runs each once (the CI smoke mode).

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use datafusion::arrow::array::{Array, ArrayRef, StringArray};
use datafusion::arrow::datatypes::{DataType, Field};
use datafusion::common::config::ConfigOptions;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDF};
use realboss::signals::{Analyzer, AnalyzerConfig};

const ROWS: usize = 1_000_000;

/// Customer-like messages of varied length and mood; cycled to fill the column.
const MESSAGES: [&str; 12] = [
    "My parcel never arrived and I was charged twice. Still waiting for the refund!!",
    "Is there any update? This is the third time I write.",
    "Sorted in five minutes, the agent was brilliant. Thank you :)",
    "URGENT: I can't log in and my presentation starts in an hour, please call me back.",
    "No rush, just wondering when the new plans come out.",
    "The app keeps crashing when I upload a photo.",
    "Delivery was quick and the box was fine, happy overall.",
    "I'd like to cancel my account, the service has been unreliable for months and nobody \
     answers my emails. Not happy at all.",
    "Never mind, it works again. Thanks for the help!",
    "Not bad, but the checkout page is confusing.",
    "What are your opening hours on Sunday?",
    "ok",
];

fn column() -> ArrayRef {
    // Every 20th row is NULL: a text column with gaps, as feedback exports have.
    let texts = (0..ROWS).map(|i| (i % 20 != 19).then(|| MESSAGES[i % MESSAGES.len()]));
    Arc::new(texts.collect::<StringArray>())
}

fn invoke(udf: &ScalarUDF, column: &ArrayRef, return_type: DataType) -> ArrayRef {
    let args = ScalarFunctionArgs {
        args: vec![ColumnarValue::Array(Arc::clone(column))],
        arg_fields: vec![Arc::new(Field::new("text", DataType::Utf8, true))],
        number_rows: column.len(),
        return_field: Arc::new(Field::new(udf.name(), return_type, true)),
        config_options: Arc::new(ConfigOptions::default()),
    };
    match udf
        .invoke_with_args(args)
        .expect("a Utf8 column is accepted")
    {
        ColumnarValue::Array(scored) => scored,
        ColumnarValue::Scalar(_) => unreachable!("an array in gives an array out"),
    }
}

fn udf_against_core(c: &mut Criterion) {
    let analyzer = Analyzer::new(AnalyzerConfig::default()).expect("default config is valid");
    let _ = analyzer.signals("warm up"); // builds the shared tables once, outside the timing
    let column = column();
    let texts = column.as_any().downcast_ref::<StringArray>().expect("Utf8");

    let mut group = c.benchmark_group("udf_1m_rows");
    group.sample_size(10);
    group.throughput(Throughput::Elements(ROWS as u64));

    group.bench_function("sentiment/core_per_row", |b| {
        b.iter(|| {
            let scores: Vec<Option<f64>> = texts
                .iter()
                .map(|t| t.map(|t| analyzer.sentiment(t).compound))
                .collect();
            black_box(scores)
        })
    });
    let sentiment = realboss_datafusion::sentiment_udf(&analyzer);
    group.bench_function("sentiment/udf", |b| {
        b.iter(|| black_box(invoke(&sentiment, &column, DataType::Float64)))
    });

    group.bench_function("sentiment_label/core_per_row", |b| {
        b.iter(|| {
            let labels: Vec<_> = texts
                .iter()
                .map(|t| t.map(|t| analyzer.sentiment(t).label))
                .collect();
            black_box(labels)
        })
    });
    let label = realboss_datafusion::sentiment_label_udf(&analyzer);
    group.bench_function("sentiment_label/udf", |b| {
        b.iter(|| black_box(invoke(&label, &column, DataType::Utf8)))
    });

    // The cheapest measure, so the adapter's share of the time is largest here.
    group.bench_function("urgency/core_per_row", |b| {
        b.iter(|| {
            let scores: Vec<Option<f64>> = texts
                .iter()
                .map(|t| t.map(|t| analyzer.urgency(t).score))
                .collect();
            black_box(scores)
        })
    });
    let urgency = realboss_datafusion::urgency_udf(&analyzer);
    group.bench_function("urgency/udf", |b| {
        b.iter(|| black_box(invoke(&urgency, &column, DataType::Float64)))
    });
    group.finish();
}

criterion_group!(benches, udf_against_core);
criterion_main!(benches);
