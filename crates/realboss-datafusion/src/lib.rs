//! realboss' message scores as SQL functions on [Apache DataFusion], so a team can score years of
//! feedback where it already lives (CSV, Parquet, any table DataFusion reads), on one machine or,
//! through Ballista, on a cluster:
//!
//! ```sql
//! SELECT customer_id, avg(sentiment(text)) AS mood, max(urgency(text)) AS most_urgent
//! FROM feedback GROUP BY customer_id ORDER BY mood
//! ```
//!
//! | function | returns | meaning |
//! | --- | --- | --- |
//! | `sentiment(text)` | `DOUBLE` | compound sentiment, -1..=1 ([`realboss::signals::Sentiment::compound`]) |
//! | `sentiment_label(text)` | `VARCHAR` | `positive`, `neutral` or `negative` ([`realboss::signals::Label`], its serde name) |
//! | `urgency(text)` | `DOUBLE` | urgency, 0..=1 ([`realboss::signals::Urgency::score`]) |
//! | `complaint(text)` | `DOUBLE` | complaint, 0..=1 ([`realboss::signals::Complaint::score`]) |
//!
//! Each takes one string argument, a column or a literal: `Utf8`, `LargeUtf8` or `Utf8View` (a
//! dictionary of strings is cast to a string first; a number, boolean or bytes is refused when
//! the query is planned, with the function named). It gives `NULL` for a `NULL` text. A value
//! equals what the core crate's [`Analyzer`] gives for
//! that text, bit for bit: an array is scored with the analyzer's batch entry points
//! ([`Analyzer::sentiment_batch`] and its siblings), which allocate nothing per row. The
//! functions are immutable (equal texts, equal scores), so DataFusion may fold them on
//! literals.
//!
//! Build the functions from an [`Analyzer`] (its configuration sets the language and the label
//! thresholds) with [`udfs`], or one at a time, and register them on a `SessionContext` (or, with
//! the `register` feature, call `register`):
//!
//! ```
//! use datafusion::prelude::SessionContext;
//! use realboss::signals::{Analyzer, AnalyzerConfig};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let ctx = SessionContext::new();
//! for udf in realboss_datafusion::udfs(&Analyzer::new(AnalyzerConfig::default())?) {
//!     ctx.register_udf(udf);
//! }
//! let batches = ctx
//!     .sql("SELECT sentiment_label('I was charged twice!') AS label, urgency('Reply by 5pm today') AS u")
//!     .await?
//!     .collect()
//!     .await?;
//! let table = datafusion::arrow::util::pretty::pretty_format_batches(&batches)?.to_string();
//! assert!(table.contains("negative"));
//! # Ok(())
//! # }
//! ```
//!
//! The crate depends only on `datafusion-expr` and `datafusion-common` (and the Arrow they
//! re-export); the whole engine comes in only with the `register` feature.
//!
//! [Apache DataFusion]: https://datafusion.apache.org

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use datafusion_common::arrow::array::{Array, ArrayRef, AsArray, Float64Array, StringArray};
use datafusion_common::arrow::datatypes::DataType;
use datafusion_common::utils::take_function_args;
use datafusion_common::{Result, ScalarValue, exec_err};
use datafusion_expr::{
    ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility,
};
use realboss::signals::{Analyzer, Label};

/// SQL name of the compound sentiment function: `sentiment(text) -> DOUBLE`, -1..=1.
pub const SENTIMENT: &str = "sentiment";
/// SQL name of the sentiment label function: `sentiment_label(text) -> VARCHAR`, one of
/// `positive`, `neutral`, `negative`.
pub const SENTIMENT_LABEL: &str = "sentiment_label";
/// SQL name of the urgency function: `urgency(text) -> DOUBLE`, 0..=1.
pub const URGENCY: &str = "urgency";
/// SQL name of the complaint function: `complaint(text) -> DOUBLE`, 0..=1.
pub const COMPLAINT: &str = "complaint";

/// `sentiment(text) -> DOUBLE`: the compound sentiment of each text, -1..=1, `NULL` for `NULL`.
pub fn sentiment_udf(analyzer: &Analyzer) -> ScalarUDF {
    TextScore::udf(Measure::Sentiment, analyzer)
}

/// `sentiment_label(text) -> VARCHAR`: `positive`, `neutral` or `negative` under the analyzer's
/// thresholds (the serde names of [`Label`]), `NULL` for `NULL`.
pub fn sentiment_label_udf(analyzer: &Analyzer) -> ScalarUDF {
    TextScore::udf(Measure::Label, analyzer)
}

/// `urgency(text) -> DOUBLE`: how urgently each text asks for an answer, 0..=1, `NULL` for
/// `NULL`.
pub fn urgency_udf(analyzer: &Analyzer) -> ScalarUDF {
    TextScore::udf(Measure::Urgency, analyzer)
}

/// `complaint(text) -> DOUBLE`: how clearly each text reports a broken expectation, 0..=1,
/// `NULL` for `NULL`.
pub fn complaint_udf(analyzer: &Analyzer) -> ScalarUDF {
    TextScore::udf(Measure::Complaint, analyzer)
}

/// Every function of this crate, built from `analyzer`: `sentiment`, `sentiment_label`,
/// `urgency` and `complaint`, in that order. Register each on a `SessionContext` (or a Ballista
/// executor's function registry) with `register_udf`.
///
/// ```
/// use realboss::signals::{Analyzer, AnalyzerConfig};
///
/// let udfs = realboss_datafusion::udfs(&Analyzer::new(AnalyzerConfig::default())?);
/// let names: Vec<&str> = udfs.iter().map(|f| f.name()).collect();
/// assert_eq!(names, ["sentiment", "sentiment_label", "urgency", "complaint"]);
/// # Ok::<(), realboss::Error>(())
/// ```
pub fn udfs(analyzer: &Analyzer) -> Vec<ScalarUDF> {
    vec![
        sentiment_udf(analyzer),
        sentiment_label_udf(analyzer),
        urgency_udf(analyzer),
        complaint_udf(analyzer),
    ]
}

/// Registers every function of [`udfs`] on `ctx`, replacing any function of the same name.
///
/// ```
/// use realboss::signals::{Analyzer, AnalyzerConfig};
///
/// let ctx = datafusion::prelude::SessionContext::new();
/// realboss_datafusion::register(&ctx, &Analyzer::new(AnalyzerConfig::default())?);
/// assert!(ctx.state().scalar_functions().contains_key("sentiment_label"));
/// # Ok::<(), realboss::Error>(())
/// ```
#[cfg(feature = "register")]
#[cfg_attr(docsrs, doc(cfg(feature = "register")))]
pub fn register(ctx: &datafusion::prelude::SessionContext, analyzer: &Analyzer) {
    for udf in udfs(analyzer) {
        ctx.register_udf(udf);
    }
}

/// Which score a function gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Measure {
    Sentiment,
    Label,
    Urgency,
    Complaint,
}

impl Measure {
    fn name(self) -> &'static str {
        match self {
            Measure::Sentiment => SENTIMENT,
            Measure::Label => SENTIMENT_LABEL,
            Measure::Urgency => URGENCY,
            Measure::Complaint => COMPLAINT,
        }
    }

    fn return_type(self) -> DataType {
        match self {
            Measure::Label => DataType::Utf8,
            Measure::Sentiment | Measure::Urgency | Measure::Complaint => DataType::Float64,
        }
    }
}

/// One function: a measure and the analyzer that computes it.
#[derive(Debug, Clone)]
struct TextScore {
    measure: Measure,
    analyzer: Analyzer,
    signature: Signature,
}

impl TextScore {
    fn udf(measure: Measure, analyzer: &Analyzer) -> ScalarUDF {
        ScalarUDF::new_from_impl(TextScore {
            measure,
            analyzer: analyzer.clone(),
            // One string of any of Arrow's three layouts; DataFusion casts other argument types
            // (a NULL literal, a dictionary of strings) to a string before calling us.
            signature: Signature::string(1, Volatility::Immutable),
        })
    }

    /// Scores one text (a literal, or a constant the planner folds): the same values the batch
    /// entry points give, without a buffer.
    fn score_one(&self, text: Option<&str>) -> ScalarValue {
        let analyzer = &self.analyzer;
        match self.measure {
            Measure::Sentiment => {
                ScalarValue::Float64(text.map(|t| analyzer.sentiment(t).compound))
            }
            Measure::Label => {
                ScalarValue::Utf8(text.map(|t| analyzer.sentiment(t).label.as_str().to_owned()))
            }
            Measure::Urgency => ScalarValue::Float64(text.map(|t| analyzer.urgency(t).score)),
            Measure::Complaint => ScalarValue::Float64(text.map(|t| analyzer.complaint(t).score)),
        }
    }

    /// Scores every row of a string array with one batch call; the result has the array's
    /// length, and `NULL` where the array has.
    fn score_array<'a>(&self, texts: impl ExactSizeIterator<Item = Option<&'a str>>) -> ArrayRef {
        let mut scores = Vec::with_capacity(texts.len());
        match self.measure {
            Measure::Sentiment => self.analyzer.sentiment_batch(texts, &mut scores),
            Measure::Urgency => self.analyzer.urgency_batch(texts, &mut scores),
            Measure::Complaint => self.analyzer.complaint_batch(texts, &mut scores),
            Measure::Label => {
                let mut labels = Vec::with_capacity(texts.len());
                self.analyzer.label_batch(texts, &mut labels);
                let names = labels.iter().map(|label| label.map(Label::as_str));
                return Arc::new(names.collect::<StringArray>());
            }
        }
        Arc::new(Float64Array::from(scores))
    }
}

// DataFusion compares functions to tell whether two expressions are the same (common
// subexpressions, plan equality): two functions are equal when they compute the same measure
// with the same configuration. Thresholds are validated finite numbers, so comparing them as
// floats is reflexive, and hashing their bits agrees with it once -0.0 is made 0.0.
impl PartialEq for TextScore {
    fn eq(&self, other: &Self) -> bool {
        self.measure == other.measure && self.analyzer.config() == other.analyzer.config()
    }
}

impl Eq for TextScore {}

impl Hash for TextScore {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let config = self.analyzer.config();
        self.measure.hash(state);
        config.language.hash(state);
        // `+ 0.0` turns -0.0 into 0.0, so values that compare equal hash equal.
        (config.positive_threshold + 0.0).to_bits().hash(state);
        (config.negative_threshold + 0.0).to_bits().hash(state);
    }
}

impl ScalarUDFImpl for TextScore {
    fn name(&self) -> &str {
        self.measure.name()
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(self.measure.return_type())
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let [text] = take_function_args(self.name(), args.args)?;
        match text {
            ColumnarValue::Scalar(scalar) => match scalar {
                ScalarValue::Utf8(text)
                | ScalarValue::LargeUtf8(text)
                | ScalarValue::Utf8View(text) => {
                    Ok(ColumnarValue::Scalar(self.score_one(text.as_deref())))
                }
                ScalarValue::Null => Ok(ColumnarValue::Scalar(self.score_one(None))),
                other => exec_err!(
                    "{}() takes a string (Utf8, LargeUtf8 or Utf8View), got {}",
                    self.name(),
                    other.data_type()
                ),
            },
            ColumnarValue::Array(array) => {
                let scored = match array.data_type() {
                    DataType::Utf8 => self.score_array(array.as_string::<i32>().iter()),
                    DataType::LargeUtf8 => self.score_array(array.as_string::<i64>().iter()),
                    DataType::Utf8View => self.score_array(array.as_string_view().iter()),
                    other => {
                        return exec_err!(
                            "{}() takes a string column (Utf8, LargeUtf8 or Utf8View), got {other}",
                            self.name()
                        );
                    }
                };
                Ok(ColumnarValue::Array(scored))
            }
        }
    }
}
