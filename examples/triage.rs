//! Reads an inbox of requests (JSON Lines), validates it and summarizes it.
//!
//! ```text
//! cargo run --release --example triage -- [FILE] [--now RFC3339|now] [--json]
//! ```
//!
//! - `FILE`: one request per line in realboss's JSON form (`-` reads stdin); defaults to the
//!   sample inbox shipped in `examples/data/inbox.jsonl`.
//! - `--now`: the moment waits are measured up to. Default: the latest timestamp in the input
//!   (request `received_at` and event `at`), so the output for a given file never changes;
//!   `--now now` uses the wall clock.
//! - `--json`: one JSON object per request on stdout instead of the readable summary.
//!
//! Every bad line is reported on stderr with its line number and skipped; the rest is still
//! read, validated as a batch and summarized. Exit status: 0 when the input is clean, 1 when the
//! file cannot be read or a line or the batch is invalid, 2 for a bad command line.
//!
//! Until ranking lands, open requests are listed longest wait first: plain first come, first
//! served, the order the ranking is meant to improve on.

use std::collections::BTreeMap;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use realboss::jsonl::read_requests;
use realboss::model::{
    Channel, CustomerId, Request, RequestId, Requester, Status, Tier, batch_problems,
};
use realboss::{ErrorKind, LineError};
use serde::Serialize;
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

/// The sample inbox read when no file is given.
const DEFAULT_INBOX: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/inbox.jsonl");

const USAGE: &str = "\
usage: triage [FILE] [--now RFC3339|now] [--json]

  FILE           requests as JSON Lines, `-` for stdin
                 (default: the sample inbox examples/data/inbox.jsonl)
  --now TIME     measure waits up to TIME, an RFC 3339 timestamp such as 2026-11-23T21:51:00Z,
                 or `now` for the wall clock (default: the latest timestamp in the input)
  --json         print one JSON object per request instead of the summary
  -h, --help     print this help";

/// Longest customer label, in characters, shown in the table of open requests; longer names are
/// cut with `…` so one long company name does not push every other column off screen.
const MAX_CUSTOMER_CHARS: usize = 32;

/// The moment waits are measured up to.
#[derive(Debug, Clone, Copy, PartialEq)]
enum NowChoice {
    /// The latest timestamp in the input (reproducible).
    LatestInInput,
    /// The wall clock at start-up.
    WallClock,
    /// A moment given on the command line.
    At(OffsetDateTime),
}

/// The parsed command line.
#[derive(Debug, Clone, PartialEq)]
struct Options {
    file: PathBuf,
    now: NowChoice,
    json: bool,
}

/// What the command line asked for.
#[derive(Debug, PartialEq)]
enum Command {
    Run(Options),
    Help,
}

/// Parses the arguments after the program name; the error says what was wrong.
fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Command, String> {
    let mut file: Option<PathBuf> = None;
    let mut now = NowChoice::LatestInInput;
    let mut json = false;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--json" => json = true,
            "--now" => {
                let value = args
                    .next()
                    .ok_or("--now needs a value: an RFC 3339 timestamp or `now`")?;
                now = parse_now(&value)?;
            }
            _ => {
                if let Some(value) = arg.strip_prefix("--now=") {
                    now = parse_now(value)?;
                } else if arg.starts_with('-') && arg != "-" {
                    return Err(format!("unknown option {arg:?}"));
                } else if file.is_some() {
                    return Err(format!("more than one input file given ({arg:?})"));
                } else {
                    file = Some(PathBuf::from(arg));
                }
            }
        }
    }
    Ok(Command::Run(Options {
        file: file.unwrap_or_else(|| PathBuf::from(DEFAULT_INBOX)),
        now,
        json,
    }))
}

fn parse_now(value: &str) -> Result<NowChoice, String> {
    if value == "now" {
        return Ok(NowChoice::WallClock);
    }
    OffsetDateTime::parse(value, &Rfc3339)
        .map(NowChoice::At)
        .map_err(|e| {
            format!(
                "--now must be an RFC 3339 timestamp such as 2026-11-23T21:51:00Z, or `now`; \
                 got {value:?} ({e})"
            )
        })
}

/// The requests read from the input, with the 1-based line each came from.
struct Inbox {
    requests: Vec<Request>,
    lines: Vec<usize>,
    bad_lines: usize,
}

/// Reads every line, reporting each bad one on `errors` and keeping the good ones.
fn read_inbox(input: impl BufRead, errors: &mut impl Write) -> io::Result<Inbox> {
    let mut inbox = Inbox {
        requests: Vec::new(),
        lines: Vec::new(),
        bad_lines: 0,
    };
    let mut reader = read_requests(input);
    while let Some(item) = reader.next() {
        match item {
            Ok(request) => {
                inbox.requests.push(request);
                inbox.lines.push(reader.lines_read());
            }
            Err(bad) => {
                inbox.bad_lines += 1;
                report_bad_line(errors, &bad)?;
            }
        }
    }
    Ok(inbox)
}

fn report_bad_line(errors: &mut impl Write, bad: &LineError) -> io::Result<()> {
    writeln!(errors, "triage: {bad}")
}

/// Reports every batch problem (duplicate ids, conflicting profiles); returns how many.
fn report_batch_problems(inbox: &Inbox, errors: &mut impl Write) -> io::Result<usize> {
    let problems = batch_problems(&inbox.requests);
    for problem in &problems {
        match problem.kind() {
            // Batch positions count good requests only; a person looks for input lines.
            ErrorKind::DuplicateRequestId { first, second, .. } => {
                let line = |position: &usize| inbox.lines.get(*position).copied().unwrap_or(0);
                writeln!(
                    errors,
                    "triage: {problem} (input lines {} and {})",
                    line(first),
                    line(second)
                )?;
            }
            _ => writeln!(errors, "triage: {problem}")?,
        }
    }
    Ok(problems.len())
}

/// The latest moment the input mentions: request arrivals and contact events.
fn latest_timestamp(requests: &[Request]) -> Option<OffsetDateTime> {
    requests
        .iter()
        .flat_map(|r| std::iter::once(r.received_at()).chain(r.events().iter().map(|e| e.at())))
        .max()
}

fn resolve_now(choice: NowChoice, requests: &[Request]) -> OffsetDateTime {
    match choice {
        NowChoice::At(at) => at,
        NowChoice::WallClock => OffsetDateTime::now_utc(),
        // An empty inbox has no latest moment; the wall clock is as good as any.
        NowChoice::LatestInInput => {
            latest_timestamp(requests).unwrap_or_else(OffsetDateTime::now_utc)
        }
    }
}

/// How long a request has waited at `now`, since it was first received. Negative when `now`
/// lies before its arrival (an early `--now`); shown as such, not hidden.
fn waited(request: &Request, now: OffsetDateTime) -> Duration {
    now - request.received_at()
}

/// A wait in the largest two units that matter: `45s`, `7m`, `3h 05m`, `2d 04h`.
struct Wait(Duration);

impl fmt::Display for Wait {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let seconds = self.0.whole_seconds();
        let sign = if seconds < 0 { "-" } else { "" };
        let s = seconds.unsigned_abs();
        let (days, hours, minutes) = (s / 86_400, s % 86_400 / 3_600, s % 3_600 / 60);
        if days > 0 {
            write!(f, "{sign}{days}d {hours:02}h")
        } else if hours > 0 {
            write!(f, "{sign}{hours}h {minutes:02}m")
        } else if minutes > 0 {
            write!(f, "{sign}{minutes}m")
        } else {
            write!(f, "{sign}{s}s")
        }
    }
}

/// Counts of requests by status, channel, tier and requester.
struct Counts {
    by_status: Vec<(Status, usize)>,
    by_channel: Vec<(String, usize)>,
    by_tier: Vec<(Tier, usize)>,
    internal: usize,
}

fn count(requests: &[Request]) -> Counts {
    let by_status = Status::ALL
        .iter()
        .map(|&s| (s, requests.iter().filter(|r| r.status() == s).count()))
        .collect();
    let by_tier = Tier::ALL
        .iter()
        .map(|&t| {
            (
                t,
                requests.iter().filter(|r| r.customer().tier() == t).count(),
            )
        })
        .collect();
    // Built-in channels in their documented order, then custom ones by name.
    let mut by_channel: Vec<(String, usize)> = Channel::BUILT_IN
        .iter()
        .map(|c| (c.name().to_owned(), 0))
        .collect();
    let mut custom: BTreeMap<&str, usize> = BTreeMap::new();
    for request in requests {
        let channel = request.channel();
        match Channel::BUILT_IN.iter().position(|c| c == channel) {
            Some(i) => by_channel[i].1 += 1,
            None => *custom.entry(channel.name()).or_default() += 1,
        }
    }
    by_channel.extend(
        custom
            .into_iter()
            .map(|(name, n)| (format!("{name} (other)"), n)),
    );
    let internal = requests
        .iter()
        .filter(|r| matches!(r.requester(), Requester::Internal { .. }))
        .count();
    Counts {
        by_status,
        by_channel,
        by_tier,
        internal,
    }
}

/// `id Name`, cut to [`MAX_CUSTOMER_CHARS`].
fn customer_label(request: &Request) -> String {
    let profile = request.customer();
    let label = match profile.name() {
        Some(name) => format!("{} {name}", profile.id()),
        None => profile.id().to_string(),
    };
    if label.chars().count() <= MAX_CUSTOMER_CHARS {
        return label;
    }
    let mut cut: String = label.chars().take(MAX_CUSTOMER_CHARS - 1).collect();
    cut.push('…');
    cut
}

/// One row of the table of open requests.
struct Row {
    id: String,
    customer: String,
    tier: &'static str,
    channel: String,
    waited: String,
    status: &'static str,
    requester: &'static str,
}

/// Requests not yet resolved, longest wait first (ties by id, so the order is stable).
fn open_rows(requests: &[Request], now: OffsetDateTime) -> Vec<Row> {
    let mut open: Vec<&Request> = requests
        .iter()
        .filter(|r| r.status() != Status::Resolved)
        .collect();
    open.sort_by(|a, b| {
        a.received_at()
            .cmp(&b.received_at())
            .then_with(|| a.id().as_str().cmp(b.id().as_str()))
    });
    open.into_iter()
        .map(|r| Row {
            id: r.id().to_string(),
            customer: customer_label(r),
            tier: r.customer().tier().as_str(),
            channel: r.channel().name().to_owned(),
            waited: Wait(waited(r, now)).to_string(),
            status: r.status().as_str(),
            requester: match r.requester() {
                Requester::Customer => "customer",
                _ => "internal",
            },
        })
        .collect()
}

fn write_counts<K: fmt::Display>(
    out: &mut impl Write,
    title: &str,
    counts: &[(K, usize)],
) -> io::Result<()> {
    let parts: Vec<String> = counts.iter().map(|(k, n)| format!("{k} {n}")).collect();
    writeln!(out, "  {title:<10} {}", parts.join(", "))
}

/// Pads `text` to `width` characters (not bytes, so accented names line up).
fn pad(text: &str, width: usize) -> String {
    let fill = width.saturating_sub(text.chars().count());
    format!("{text}{}", " ".repeat(fill))
}

fn write_table(out: &mut impl Write, rows: &[Row]) -> io::Result<()> {
    const HEADERS: [&str; 7] = [
        "id",
        "customer",
        "tier",
        "channel",
        "waited",
        "status",
        "requester",
    ];
    let cells = |row: &Row| -> [String; 7] {
        [
            row.id.clone(),
            row.customer.clone(),
            row.tier.to_owned(),
            row.channel.clone(),
            row.waited.clone(),
            row.status.to_owned(),
            row.requester.to_owned(),
        ]
    };
    let mut widths = HEADERS.map(|h| h.chars().count());
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(cells(row)) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |values: [String; 7]| -> String {
        let padded: Vec<String> = values.iter().zip(widths).map(|(v, w)| pad(v, w)).collect();
        padded.join("  ").trim_end().to_owned()
    };
    writeln!(out, "  {}", line(HEADERS.map(str::to_owned)))?;
    for row in rows {
        writeln!(out, "  {}", line(cells(row)))?;
    }
    Ok(())
}

fn write_summary(
    out: &mut impl Write,
    source: &str,
    inbox: &Inbox,
    now: OffsetDateTime,
) -> io::Result<()> {
    let requests = &inbox.requests;
    let now_text = now.format(&Rfc3339).unwrap_or_else(|_| now.to_string());
    writeln!(out, "inbox: {source}")?;
    writeln!(
        out,
        "{} requests read, {} bad lines skipped; waits measured up to {now_text}",
        requests.len(),
        inbox.bad_lines
    )?;
    writeln!(out)?;
    let counts = count(requests);
    write_counts(out, "status", &counts.by_status)?;
    write_counts(out, "channel", &counts.by_channel)?;
    write_counts(out, "tier", &counts.by_tier)?;
    write_counts(
        out,
        "requester",
        &[
            ("customer", requests.len() - counts.internal),
            ("internal", counts.internal),
        ],
    )?;
    writeln!(out)?;
    let rows = open_rows(requests, now);
    writeln!(
        out,
        "{} open requests, longest wait first (first come, first served; no ranking yet):",
        rows.len()
    )?;
    write_table(out, &rows)
}

/// The `--json` form of one request.
#[derive(Serialize)]
struct RequestLine<'a> {
    id: &'a RequestId,
    customer: &'a CustomerId,
    channel: &'a Channel,
    status: &'static str,
    waited_seconds: i64,
}

/// One JSON object per request, in input order.
fn write_json_lines(
    out: &mut impl Write,
    requests: &[Request],
    now: OffsetDateTime,
) -> io::Result<()> {
    for request in requests {
        let line = RequestLine {
            id: request.id(),
            customer: request.customer().id(),
            channel: request.channel(),
            status: request.status().as_str(),
            waited_seconds: waited(request, now).whole_seconds(),
        };
        serde_json::to_writer(&mut *out, &line)?;
        writeln!(out)?;
    }
    Ok(())
}

/// Why a run could not finish.
#[derive(Debug)]
enum Failure {
    /// The input file could not be opened.
    Open(PathBuf, io::Error),
    /// Writing to stdout or stderr failed.
    Output(io::Error),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Open(path, e) => write!(f, "cannot open {}: {e}", path.display()),
            Failure::Output(e) => write!(f, "cannot write output: {e}"),
        }
    }
}

/// Runs the command; `Ok(true)` when the input was clean.
fn run(options: &Options, out: &mut impl Write, errors: &mut impl Write) -> Result<bool, Failure> {
    let input: Box<dyn BufRead> = if options.file.as_os_str() == "-" {
        Box::new(io::stdin().lock())
    } else {
        let file = File::open(&options.file).map_err(|e| Failure::Open(options.file.clone(), e))?;
        Box::new(BufReader::new(file))
    };
    let inbox = read_inbox(input, errors).map_err(Failure::Output)?;
    let problems = report_batch_problems(&inbox, errors).map_err(Failure::Output)?;
    let now = resolve_now(options.now, &inbox.requests);
    let written = if options.json {
        write_json_lines(out, &inbox.requests, now)
    } else {
        write_summary(out, &options.file.display().to_string(), &inbox, now)
    };
    written
        .and_then(|()| out.flush())
        .map_err(Failure::Output)?;
    Ok(inbox.bad_lines == 0 && problems == 0)
}

fn main() -> ExitCode {
    let mut out = BufWriter::new(io::stdout().lock());
    let mut errors = io::stderr().lock();
    let options = match parse_args(std::env::args().skip(1)) {
        Ok(Command::Run(options)) => options,
        Ok(Command::Help) => {
            let _ = writeln!(out, "{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            let _ = writeln!(errors, "triage: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&options, &mut out, &mut errors) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        // The reader of a pipe (`| head`) has gone: nobody is left to tell.
        Err(Failure::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(failure) => {
            let _ = writeln!(errors, "triage: {failure}");
            ExitCode::FAILURE
        }
    }
}

// Run with `cargo test --example triage` (examples' own tests are not part of `cargo test`).
#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn args(list: &[&str]) -> Result<Command, String> {
        parse_args(list.iter().map(|s| s.to_string()))
    }

    #[test]
    fn defaults_to_the_sample_inbox_and_its_latest_moment() {
        let expected = Options {
            file: PathBuf::from(DEFAULT_INBOX),
            now: NowChoice::LatestInInput,
            json: false,
        };
        assert_eq!(args(&[]), Ok(Command::Run(expected)));
    }

    #[test]
    fn reads_file_now_and_json_in_any_order() {
        let expected = Options {
            file: PathBuf::from("in.jsonl"),
            now: NowChoice::At(datetime!(2026-11-23 21:00 +01:00)),
            json: true,
        };
        let run = Ok(Command::Run(expected));
        assert_eq!(
            args(&["--json", "in.jsonl", "--now", "2026-11-23T21:00:00+01:00"]),
            run
        );
        assert_eq!(
            args(&["--now=2026-11-23T21:00:00+01:00", "in.jsonl", "--json"]),
            run
        );
        let wall = args(&["--now", "now"]);
        assert!(matches!(
            wall,
            Ok(Command::Run(Options {
                now: NowChoice::WallClock,
                ..
            }))
        ));
    }

    #[test]
    fn rejects_bad_arguments_with_a_reason() {
        assert!(args(&["--now"]).unwrap_err().contains("needs a value"));
        assert!(
            args(&["--now", "tomorrow"])
                .unwrap_err()
                .contains("\"tomorrow\"")
        );
        assert!(args(&["--fast"]).unwrap_err().contains("--fast"));
        assert!(
            args(&["a.jsonl", "b.jsonl"])
                .unwrap_err()
                .contains("more than one")
        );
        assert_eq!(args(&["x", "--help"]), Ok(Command::Help));
    }

    #[test]
    fn waits_read_in_their_two_largest_units() {
        let shown = |seconds: i64| Wait(Duration::seconds(seconds)).to_string();
        assert_eq!(shown(45), "45s");
        assert_eq!(shown(7 * 60 + 59), "7m");
        assert_eq!(shown(3 * 3600 + 5 * 60), "3h 05m");
        assert_eq!(shown(2 * 86_400 + 4 * 3600 + 59), "2d 04h");
        assert_eq!(shown(-32 * 60), "-32m");
    }

    #[test]
    fn bad_lines_are_reported_and_skipped() {
        let good = std::fs::read_to_string(DEFAULT_INBOX).unwrap();
        let first = good.lines().next().unwrap();
        let input = format!("{first}\n{{oops\n\n{first}\n");
        let mut errors = Vec::new();
        let inbox = read_inbox(input.as_bytes(), &mut errors).unwrap();
        assert_eq!((inbox.requests.len(), inbox.bad_lines), (2, 1));
        assert_eq!(inbox.lines, [1, 4]);
        assert_eq!(report_batch_problems(&inbox, &mut errors).unwrap(), 1);
        let errors = String::from_utf8(errors).unwrap();
        assert!(errors.starts_with("triage: line 2: "), "{errors}");
        assert!(errors.contains("(input lines 1 and 4)"), "{errors}");
    }
}
