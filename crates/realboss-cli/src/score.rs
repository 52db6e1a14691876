//! Scores messages, one per line, and writes one JSON object per line.
//!
//! ```text
//! realboss score [FILE] [--stats]
//! ```
//!
//! Reads UTF-8 text from FILE, or from standard input when FILE is absent or `-`. Each line is one
//! message; if a line holds a TAB, the message is what follows the last TAB (so `ID<TAB>TEXT` and
//! `LABEL<TAB>TEXT` files work as they are). For every line, in input order, it writes
//!
//! ```text
//! {"compound":-0.4767,"pos":0.0,"neu":0.656,"neg":0.344,"label":"negative","urgency":0.3,"urgency_level":"normal","complaint":0.0}
//! ```
//!
//! `compound` .. `label` are the sentiment; `urgency` is the text's urgency score in [0, 1],
//! `urgency_level` its level (`low`, `normal`, `high`, `urgent`) and `complaint` the complaint
//! score in [0, 1], all from one pass ([`Analyzer::signals`]).
//!
//! [`Analyzer::signals`]: realboss::signals::Analyzer::signals
//!
//! A line that is not valid UTF-8 yields `{"error":"line 7: not valid UTF-8 ..."}` in its place
//! and the run goes on, so output line N always answers input line N. Output is buffered.
//!
//! With `--stats`, one more JSON line goes to standard error when done:
//! `{"messages":…,"bytes":…,"scoring_seconds":…,"urgency_levels":{"low":…,…},"complaints":…}`,
//! where `urgency_levels` counts messages per urgency level, `complaints` those with a
//! complaint score of at least 0.5, and `bytes` counts the UTF-8 bytes of the
//! scored texts and the clock covers only the scoring loop — not reading, splitting or writing —
//! so its throughput can be set beside other tools measured the same way. Input is processed in
//! batches of [`BATCH_LINES`] lines, so memory stays bounded by the batch, not the input.

use std::fmt::Write as _;
use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use realboss::Level;
use realboss::signals::{Analyzer, AnalyzerConfig, Signals};

/// Lines read, scored and written together: large enough that the clock's own cost vanishes,
/// small enough to keep memory bounded on endless input.
const BATCH_LINES: usize = 4096;

/// The command line of `realboss score`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Messages, one per line (`ID<TAB>TEXT` scores the TEXT); standard input when absent or `-`
    #[arg(value_name = "FILE")]
    path: Option<String>,
    /// When done, write one JSON line of counts and scoring time to standard error
    #[arg(long)]
    stats: bool,
}

/// Runs `realboss score`: one JSON line per input line.
pub fn execute(args: Args) -> ExitCode {
    let Args { path, stats } = args;
    let analyzer = match Analyzer::new(AnalyzerConfig::default()) {
        Ok(analyzer) => analyzer,
        Err(err) => {
            eprintln!("score: cannot build the analyzer: {err}");
            return ExitCode::FAILURE;
        }
    };

    let input: Box<dyn BufRead> = match path.as_deref() {
        None | Some("-") => Box::new(io::stdin().lock()),
        Some(path) => match std::fs::File::open(path) {
            Ok(file) => Box::new(io::BufReader::new(file)),
            Err(err) => {
                eprintln!("score: cannot open {path}: {err}");
                return ExitCode::FAILURE;
            }
        },
    };
    let stdout = io::stdout().lock();
    match run(&analyzer, input, BufWriter::new(stdout)) {
        Ok(totals) => {
            if stats {
                let [low, normal, high, urgent] = totals.levels;
                eprintln!(
                    "{{\"messages\":{},\"bytes\":{},\"scoring_seconds\":{},\
                     \"urgency_levels\":{{\"low\":{low},\"normal\":{normal},\"high\":{high},\
                     \"urgent\":{urgent}}},\"complaints\":{}}}",
                    totals.messages,
                    totals.bytes,
                    totals.scoring.as_secs_f64(),
                    totals.complaints
                );
            }
            ExitCode::SUCCESS
        }
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("score: {err}");
            ExitCode::FAILURE
        }
    }
}

/// What `--stats` reports.
#[derive(Default)]
struct Totals {
    messages: u64,
    bytes: u64,
    scoring: Duration,
    /// Messages per urgency level, lowest first.
    levels: [u64; 4],
    /// Messages whose complaint score is at least [`COMPLAINT_COUNTED`].
    complaints: u64,
}

/// Complaint score from which `--stats` counts a message as a complaint.
const COMPLAINT_COUNTED: f64 = 0.5;

/// One input line: the message to score, or why it cannot be scored.
enum Line {
    Text(String),
    NotUtf8(String),
}

fn run(analyzer: &Analyzer, mut input: impl BufRead, mut out: impl Write) -> io::Result<Totals> {
    let mut totals = Totals::default();
    let mut batch: Vec<Line> = Vec::with_capacity(BATCH_LINES);
    let mut results: Vec<Signals> = Vec::with_capacity(BATCH_LINES);
    let mut raw = Vec::new();
    let mut line_number: u64 = 0;
    let mut text_out = String::new();
    loop {
        batch.clear();
        while batch.len() < BATCH_LINES {
            raw.clear();
            if input.read_until(b'\n', &mut raw)? == 0 {
                break;
            }
            line_number += 1;
            batch.push(to_line(&raw, line_number));
        }
        if batch.is_empty() {
            break;
        }

        results.clear();
        let start = Instant::now();
        for line in &batch {
            if let Line::Text(text) = line {
                results.push(analyzer.signals(text));
            }
        }
        totals.scoring += start.elapsed();

        let mut scored = results.iter();
        for line in &batch {
            text_out.clear();
            match line {
                Line::Text(text) => {
                    totals.messages += 1;
                    totals.bytes += text.len() as u64;
                    // Each Text line pushed exactly one result above.
                    if let Some(signals) = scored.next() {
                        totals.levels[level_index(signals.urgency.level)] += 1;
                        totals.complaints +=
                            u64::from(signals.complaint.score >= COMPLAINT_COUNTED);
                        write_signals(&mut text_out, signals);
                    }
                }
                Line::NotUtf8(error) => write_error(&mut text_out, error),
            }
            out.write_all(text_out.as_bytes())?;
        }
    }
    out.flush()?;
    Ok(totals)
}

/// Strips the line ending, checks UTF-8, and keeps what follows the last TAB.
fn to_line(raw: &[u8], number: u64) -> Line {
    let raw = raw.strip_suffix(b"\n").unwrap_or(raw);
    let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
    match std::str::from_utf8(raw) {
        Ok(line) => {
            let text = line.rsplit_once('\t').map_or(line, |(_, text)| text);
            Line::Text(text.to_owned())
        }
        Err(err) => Line::NotUtf8(format!(
            "line {number}: not valid UTF-8 (invalid byte at offset {}); the line was not scored",
            err.valid_up_to()
        )),
    }
}

fn level_index(level: Level) -> usize {
    match level {
        Level::Low => 0,
        Level::Normal => 1,
        Level::High => 2,
        _ => 3,
    }
}

fn write_signals(out: &mut String, signals: &Signals) {
    let s = &signals.sentiment;
    // Writing to a String cannot fail.
    let _ = writeln!(
        out,
        "{{\"compound\":{},\"pos\":{},\"neu\":{},\"neg\":{},\"label\":\"{}\",\
         \"urgency\":{},\"urgency_level\":\"{}\",\"complaint\":{}}}",
        s.compound,
        s.positive,
        s.neutral,
        s.negative,
        s.label.as_str(),
        signals.urgency.score,
        signals.urgency.level.as_str(),
        signals.complaint.score
    );
}

fn write_error(out: &mut String, error: &str) {
    // The message holds no quote or backslash, but escape through serde_json to be sure.
    let quoted = serde_json::to_string(error).unwrap_or_else(|_| "\"error\"".to_owned());
    let _ = writeln!(out, "{{\"error\":{quoted}}}");
}
