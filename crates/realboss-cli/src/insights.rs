//! Reads a history of customers, contact events and feedback (JSON Lines) and prints what a
//! team lead wants to know: are customers happier, how fast do we answer, what do they complain
//! about, and which agents deserve recognition.
//!
//! ```text
//! realboss insights [FILE] [--json]
//! ```
//!
//! - `FILE`: one record per line, `{"customer": …}`, `{"event": …}` or `{"feedback": …}`
//!   (see `realboss::jsonl::Record`; `-` reads stdin); defaults to the sample history shipped in
//!   `examples/data/events.jsonl` (relative to the working directory: the repository root). Items should come in time order (the sample does).
//! - `--json`: one JSON object instead of the readable report: `file`, `records` (counts of
//!   `customers`, `events`, `feedback` and `bad_lines`), `trend_window_days`, then the fields of
//!   `realboss::insights::InsightsReport`: `csat`, `nps`, `sentiment_trend`, `first_response`,
//!   `resolution`, `repeat_contact_rate`, `topics`, `agents` and `coverage`.
//!
//! Each text (the customers' messages and feedback) is scored once with `Analyzer::sentiment`
//! and its compound score fed to `Insights`; our own replies are not scored. Every bad line is
//! reported on stderr with its line number and skipped. Exit status: 0 when the input is clean,
//! 1 when the file cannot be read or a line is bad, 2 for a bad command line.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use realboss::insights::{DurationFigures, Insights, InsightsConfig, InsightsReport, Share};
use realboss::jsonl::{Record, read_records};
use realboss::model::Direction;
use realboss::policy::HumanDuration;
use realboss::{Analyzer, AnalyzerConfig};
use serde::Serialize;

/// The sample history read when no file is given.
const DEFAULT_HISTORY: &str = "examples/data/events.jsonl";

/// Trend window of the report: four weeks, so six months of history fit in a short table.
const TREND_WINDOW_DAYS: u32 = 28;

/// Width, in characters, of the widest bar in the sentiment-trend table.
const TREND_BAR_CHARS: f64 = 20.0;

/// The command line of `realboss insights`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Customers, contact events and feedback as JSON Lines, `-` for stdin (default: the sample
    /// history examples/data/events.jsonl, relative to the working directory, so it works from
    /// the repository root)
    #[arg(value_name = "FILE", default_value = DEFAULT_HISTORY, hide_default_value = true)]
    file: PathBuf,
    /// Print one JSON object instead of the readable report
    #[arg(long)]
    json: bool,
}

/// How many records of each kind were read.
#[derive(Debug, Default, Serialize)]
struct Counts {
    customers: u64,
    events: u64,
    feedback: u64,
    bad_lines: u64,
}

/// The `--json` output: where the figures come from, then the report's own fields.
#[derive(Serialize)]
struct JsonOutput<'a> {
    file: String,
    records: &'a Counts,
    trend_window_days: u32,
    #[serde(flatten)]
    report: &'a InsightsReport,
}

/// Runs `realboss insights`: learns the history and prints the report.
pub fn execute(args: Args) -> ExitCode {
    let Args { file, json } = args;
    let input: Box<dyn BufRead> = if file.as_os_str() == "-" {
        Box::new(io::stdin().lock())
    } else {
        match File::open(&file) {
            Ok(f) => Box::new(BufReader::new(f)),
            Err(e) => {
                eprintln!("insights: cannot read {}: {e}", file.display());
                return ExitCode::from(1);
            }
        }
    };
    let (report, counts) = match learn(input, &file) {
        Ok(learned) => learned,
        Err(message) => {
            eprintln!("insights: {message}");
            return ExitCode::from(1);
        }
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let written = if json {
        let output = JsonOutput {
            file: file.display().to_string(),
            records: &counts,
            trend_window_days: TREND_WINDOW_DAYS,
            report: &report,
        };
        serde_json::to_writer_pretty(&mut out, &output)
            .map_err(io::Error::other)
            .and_then(|()| writeln!(out))
    } else {
        print_report(&mut out, &file, &counts, &report)
    };
    if let Err(e) = written.and_then(|()| out.flush()) {
        // A closed pipe (`| head`) is not worth a message.
        if e.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("insights: cannot write the report: {e}");
            return ExitCode::from(1);
        }
    }
    if counts.bad_lines > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Feeds every record to [`Insights`], scoring each customer text once; bad lines go to stderr.
fn learn(input: impl BufRead, file: &std::path::Path) -> Result<(InsightsReport, Counts), String> {
    let analyzer = Analyzer::new(AnalyzerConfig::default()).map_err(|e| e.to_string())?;
    let mut config = InsightsConfig::default();
    config.trend_window = HumanDuration::from_days(TREND_WINDOW_DAYS);
    let mut insights = Insights::new(config).map_err(|e| e.to_string())?;
    let mut counts = Counts::default();
    for record in read_records(input) {
        match record {
            Ok(Record::Customer(_)) => counts.customers += 1,
            Ok(Record::Event(event)) => {
                counts.events += 1;
                // Only the customer's own words say how they feel.
                let compound = match (event.direction(), event.text()) {
                    (Direction::Inbound, Some(text)) => Some(analyzer.sentiment(text).compound),
                    _ => None,
                };
                insights.observe_event(&event, compound);
            }
            Ok(Record::Feedback(feedback)) => {
                counts.feedback += 1;
                let text = feedback.text();
                let compound = (!text.trim().is_empty()).then(|| analyzer.sentiment(text).compound);
                insights.observe_feedback(&feedback, compound);
            }
            Ok(other) => {
                counts.bad_lines += 1;
                eprintln!(
                    "{}: a record this example does not know: {other:?}",
                    file.display()
                );
            }
            Err(e) => {
                if matches!(e.kind(), realboss::ErrorKind::Io { .. }) {
                    return Err(format!("cannot read {}: {e}", file.display()));
                }
                counts.bad_lines += 1;
                eprintln!("{}: {e}", file.display());
            }
        }
    }
    Ok((insights.report(), counts))
}

fn print_report(
    out: &mut impl Write,
    file: &std::path::Path,
    counts: &Counts,
    report: &InsightsReport,
) -> io::Result<()> {
    writeln!(
        out,
        "Insights from {}: {} customers, {} events, {} feedback ({} bad lines)\n",
        file.display(),
        counts.customers,
        counts.events,
        counts.feedback,
        counts.bad_lines
    )?;
    writeln!(
        out,
        "CSAT            {}  (ratings of 4-5 among CSAT and star ratings)",
        share(&report.csat)
    )?;
    let nps = &report.nps;
    match nps.score {
        Some(score) => writeln!(
            out,
            "NPS             {score:+.1}  ({} promoters, {} passives, {} detractors)",
            nps.promoters, nps.passives, nps.detractors
        )?,
        None => writeln!(out, "NPS             no NPS answers")?,
    }
    writeln!(
        out,
        "Repeat contact  {}  (requests where the customer chased us before our first answer)",
        share(&report.repeat_contact_rate)
    )?;
    writeln!(out, "First response  {}", durations(&report.first_response))?;
    writeln!(out, "Resolution      {}", durations(&report.resolution))?;
    writeln!(
        out,
        "                (≈: from a histogram, within 0.8 % of the true value)\n"
    )?;

    writeln!(
        out,
        "Customer sentiment per {TREND_WINDOW_DAYS}-day window (mean compound, -1..1):"
    )?;
    for window in &report.sentiment_trend {
        let bar = "#".repeat((window.mean_compound.abs() * TREND_BAR_CHARS).round() as usize);
        let (left, right) = if window.mean_compound < 0.0 {
            (bar, String::new())
        } else {
            (String::new(), bar)
        };
        writeln!(
            out,
            "  {}  {:+.3}  {:>20}|{:<20}  {} messages",
            window.start.date(),
            window.mean_compound,
            left,
            right,
            window.messages
        )?;
    }
    if let (Some(first), Some(last)) = (
        report.sentiment_trend.first(),
        report.sentiment_trend.last(),
    ) {
        let change = last.mean_compound - first.mean_compound;
        let word = if change > 0.0 { "better" } else { "worse" };
        writeln!(
            out,
            "  trend: {change:+.3} from the first window to the last ({word})"
        )?;
    }

    let topics = &report.topics;
    writeln!(
        out,
        "\nTop complaint topics ({} negative messages, words counted by stem):",
        topics.negative_messages
    )?;
    let listed: Vec<String> = topics
        .top
        .iter()
        .map(|t| format!("{} {}", t.word, t.count))
        .collect();
    writeln!(out, "  {}", listed.join(", "))?;

    writeln!(
        out,
        "\nAgents           resolved  first contact  sentiment change  promises kept/broken"
    )?;
    for agent in &report.agents {
        let change = match agent.sentiment_change.mean {
            Some(mean) => format!("{mean:+.2} (n={})", agent.sentiment_change.count),
            None => "-".to_owned(),
        };
        writeln!(
            out,
            "  {:<14} {:>8}  {:>13}  {:>16}  {:>6}/{}",
            agent.agent.as_str(),
            agent.resolutions,
            agent.first_contact_resolutions,
            change,
            agent.promises_kept,
            agent.promises_broken
        )?;
    }
    let c = &report.coverage;
    writeln!(
        out,
        "\nCoverage: {} requests resolved, {} still open, {} left unresolved past the age limit, \
         {} events without a request, {} late items",
        c.resolved_requests,
        c.open_requests,
        c.stale_requests_evicted,
        c.events_without_request,
        c.late_items
    )
}

fn share(share: &Share) -> String {
    match share.share {
        Some(s) => format!("{:5.1} %  ({} of {})", 100.0 * s, share.hits, share.count),
        None => "no data".to_owned(),
    }
}

fn durations(figures: &DurationFigures) -> String {
    match (figures.median_secs, figures.p90_secs) {
        (Some(median), Some(p90)) => format!(
            "median ≈ {}, p90 ≈ {}  ({} requests)",
            human(median),
            human(p90),
            figures.count
        ),
        _ => "no data".to_owned(),
    }
}

/// Seconds as the two largest units: `42s`, `5m 10s`, `3h 05m`, `2d 4h`.
fn human(secs: u64) -> String {
    let (d, h, m, s) = (secs / 86_400, secs / 3_600 % 24, secs / 60 % 60, secs % 60);
    if d > 0 {
        format!("{d}d {h}h")
    } else if h > 0 {
        format!("{h}h {m:02}m")
    } else if m > 0 {
        format!("{m}m {s:02}s")
    } else {
        format!("{s}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    /// What the command line asks for: the file and `--json`, or clap's error.
    fn args(list: &[&str]) -> Result<(PathBuf, bool), clap::Error> {
        let argv = ["realboss", "insights"].iter().chain(list);
        match crate::Cli::try_parse_from(argv)?.command {
            crate::Command::Insights(Args { file, json }) => Ok((file, json)),
            _ => unreachable!("parsed as insights"),
        }
    }

    #[test]
    fn command_lines() {
        assert_eq!(args(&[]).unwrap(), (PathBuf::from(DEFAULT_HISTORY), false));
        assert_eq!(
            args(&["x.jsonl", "--json"]).unwrap(),
            (PathBuf::from("x.jsonl"), true)
        );
        assert_eq!(args(&["-"]).unwrap(), (PathBuf::from("-"), false));
        assert_eq!(
            args(&["--json", "--help"]).unwrap_err().kind(),
            clap::error::ErrorKind::DisplayHelp
        );
        assert!(
            args(&["--jsno"])
                .unwrap_err()
                .to_string()
                .contains("--jsno")
        );
        assert!(
            args(&["a", "b"])
                .unwrap_err()
                .to_string()
                .contains("unexpected argument 'b'")
        );
    }

    #[test]
    fn durations_read_as_people_say_them() {
        assert_eq!(human(42), "42s");
        assert_eq!(human(310), "5m 10s");
        assert_eq!(human(3 * 3_600 + 5 * 60), "3h 05m");
        assert_eq!(human(2 * 86_400 + 4 * 3_600 + 59), "2d 4h");
    }
}
