//! Scores a CSV file of customer feedback with SQL and prints the result table.
//!
//! ```text
//! cargo run -p realboss-datafusion --example sql -- FILE.csv [--column NAME] [--sql QUERY]
//! cargo run -p realboss-datafusion --example sql -- crates/realboss-datafusion/examples/data/feedback.csv
//! ```
//!
//! The file needs a header row; `--column` names the text column (default `text`). The file is
//! the table `feedback`; without `--sql` the query scores every row, most urgent first. With
//! `--sql` any query runs, e.g.
//! `--sql "SELECT customer_id, avg(sentiment(text)) FROM feedback GROUP BY customer_id"`.

use std::process::ExitCode;

use datafusion::prelude::{CsvReadOptions, SessionContext};
use realboss::signals::{Analyzer, AnalyzerConfig};

const USAGE: &str = "usage: sql FILE.csv [--column NAME] [--sql QUERY]
Scores the text column of a CSV file (with a header row) as the table `feedback`.
  --column NAME   the column holding the customer's text (default: text)
  --sql QUERY     the query to run instead of scoring every row, most urgent first";

/// What the command line asks for.
#[derive(Debug, PartialEq)]
struct Request {
    file: String,
    column: String,
    sql: Option<String>,
}

fn parse(args: impl IntoIterator<Item = String>) -> Result<Request, String> {
    let mut file = None;
    let mut column = "text".to_owned();
    let mut sql = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--column" => column = args.next().ok_or("--column needs a column name")?,
            "--sql" => sql = Some(args.next().ok_or("--sql needs a query")?),
            "-h" | "--help" => return Err(String::new()),
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            _ if file.is_some() => return Err(format!("one file only, got a second: {arg}")),
            _ => file = Some(arg),
        }
    }
    let file = file.ok_or("give the CSV file to score")?;
    Ok(Request { file, column, sql })
}

/// The default query: every row with its four scores, most urgent first.
fn score_every_row(column: &str) -> String {
    // Double quotes make the column name an SQL identifier whatever its case or spaces.
    let c = format!("\"{}\"", column.replace('"', "\"\""));
    // Three decimals are plenty to read; the cast rounds for display only.
    let shown = |f: &str| format!("CAST({f}({c}) AS DECIMAL(4, 3)) AS {f}");
    format!(
        "SELECT *, {}, sentiment_label({c}) AS label, {}, {} FROM feedback \
         ORDER BY urgency DESC NULLS LAST, sentiment ASC",
        shown("sentiment"),
        shown("urgency"),
        shown("complaint"),
    )
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let request = match parse(std::env::args().skip(1)) {
        Ok(request) => request,
        Err(why) => {
            if !why.is_empty() {
                eprintln!("error: {why}");
            }
            eprintln!("{USAGE}");
            return if why.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            };
        }
    };
    match run(&request).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(request: &Request) -> Result<(), Box<dyn std::error::Error>> {
    let ctx = SessionContext::new();
    realboss_datafusion::register(&ctx, &Analyzer::new(AnalyzerConfig::default())?);
    // DataFusion reads any extension given the options; `.csv` is only its default.
    let extension = std::path::Path::new(&request.file)
        .extension()
        .and_then(|e| e.to_str())
        .map_or(String::new(), |e| format!(".{e}"));
    let options = CsvReadOptions::new().file_extension(&extension);
    ctx.register_csv("feedback", &request.file, options).await?;
    let sql = request
        .sql
        .clone()
        .unwrap_or_else(|| score_every_row(&request.column));
    ctx.sql(&sql).await?.show().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Vec<String> {
        line.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn a_file_alone_scores_the_text_column() {
        let request = parse(args("feedback.csv")).expect("valid");
        assert_eq!(
            (request.file.as_str(), request.column.as_str(), request.sql),
            ("feedback.csv", "text", None)
        );
    }

    #[test]
    fn the_column_and_query_can_be_chosen() {
        let request = parse(args("f.csv --column Comment --sql SELECT")).expect("valid");
        assert_eq!(request.column, "Comment");
        assert_eq!(request.sql.as_deref(), Some("SELECT"));
        assert!(score_every_row("Comment").contains("sentiment(\"Comment\")"));
    }

    #[test]
    fn bad_command_lines_say_what_is_wrong() {
        assert!(parse(args("")).unwrap_err().contains("CSV file"));
        assert!(parse(args("a.csv b.csv")).unwrap_err().contains("one file"));
        assert!(
            parse(args("a.csv --column"))
                .unwrap_err()
                .contains("column name")
        );
        assert!(
            parse(args("a.csv --colour red"))
                .unwrap_err()
                .contains("--colour")
        );
    }
}
