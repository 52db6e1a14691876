//! Ranks an inbox of requests (JSON Lines): who to answer first, and why.
//!
//! ```text
//! realboss triage [FILE] [--now RFC3339|now] [--json] [--policy FILE] [--from SYSTEM [--mapping FILE]]
//! ```
//!
//! - `FILE`: one request per line in realboss's JSON form (`-` reads stdin); defaults to the
//!   sample inbox shipped in `examples/data/inbox.jsonl` (a path relative to the working directory,
//!   so the default works from the repository root).
//! - `--now`: the moment waits are measured up to. Default: the latest timestamp in the input
//!   (request `received_at` and event `at`), so the output for a given file never changes;
//!   `--now now` uses the wall clock.
//! - `--json`: JSON Lines on stdout instead of the readable table: one object per ranked
//!   request in rank order, in the library's stable form (`realboss::ranking::RankedRow`):
//!   `id`, `rank` (1-based), `priority` (the sum of the reasons' weights), `band` and
//!   `band_reason`, `urgency`, `level`, `waiting_since`, `waited_secs` (integer seconds),
//!   `next_breach`, `customer`, `channel`, `requester` and `reasons` (largest absolute weight
//!   first, each with `kind`, one of the snake_case words of `realboss::priority::ReasonKind`,
//!   its `weight` in points, a `detail` sentence and its `evidence`). Resolved requests,
//!   requests received after `now` and repeats of an id already read are not ranked and not
//!   printed; the table lists them at its foot.
//! - `--policy FILE`: a JSON policy (`realboss::Policy`); default: its defaults.
//! - `--from zendesk|freshdesk|zammad|helpscout|intercom`: FILE is that helpdesk's export, read
//!   by `realboss-helpdesk` (its docs hold the mapping tables); `--mapping FILE` says where tier,
//!   value, customer-since and leads come from. Problems are reported on stderr with their
//!   record's position; "input lines" in the repeated-id report are then record numbers.
//!
//! Every bad line is reported on stderr with its line number and skipped; the rest is still
//! read, validated as a batch and summarized. A repeated request id is reported on stderr with
//! both input lines; the first request with it is ranked, the repeat is not. Exit status: 0 when the input is clean, 1 when the
//! file cannot be read or a line or the batch is invalid, 2 for a bad command line.
//!

use std::collections::BTreeMap;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use realboss::jsonl::read_requests;
use realboss::model::{Channel, Request, Requester, Status, Tier, batch_problems};
use realboss::priority::{Reason, ShortDuration};
use realboss::{ErrorKind, LineError, Policy, Ranker, Ranking};

use crate::source::{ImportFailure, Source, import_file};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// The sample inbox read when no file is given, relative to the working directory (the
/// repository root).
const DEFAULT_INBOX: &str = "examples/data/inbox.jsonl";

/// The command line of `realboss triage`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Requests as JSON Lines, `-` for stdin (default: the sample inbox examples/data/inbox.jsonl,
    /// relative to the working directory, so it works from the repository root)
    #[arg(value_name = "FILE", default_value = DEFAULT_INBOX, hide_default_value = true)]
    file: PathBuf,
    /// Measure waits up to TIME, an RFC 3339 timestamp such as 2026-11-23T21:51:00Z, or `now` for
    /// the wall clock (default: the latest timestamp in the input)
    #[arg(long, value_name = "TIME", value_parser = parse_now)]
    now: Option<NowChoice>,
    /// Print one JSON object per ranked request, in rank order, instead of the table
    #[arg(long)]
    json: bool,
    /// Rank under the policy in FILE (JSON; default: the documented defaults)
    #[arg(long, value_name = "FILE", value_parser = read_policy)]
    policy: Option<Policy>,
    #[command(flatten)]
    source: Source,
}

impl From<Args> for Options {
    fn from(args: Args) -> Self {
        Options {
            file: args.file,
            now: args.now.unwrap_or(NowChoice::LatestInInput),
            json: args.json,
            policy: Box::new(args.policy.unwrap_or_default()),
            source: args.source,
        }
    }
}

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
    /// Boxed: a policy is large and the command line is moved around by value.
    policy: Box<Policy>,
    /// A helpdesk export instead of JSON Lines.
    source: Source,
}

/// Reads a policy file; the error names the file and what is wrong in it.
fn read_policy(path: &str) -> Result<Policy, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    Policy::from_json(&text).map_err(|e| format!("{path}: {e}"))
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
    /// What `bad_lines` counts: "bad lines", or for an export "tickets or comments".
    skipped_unit: &'static str,
}

/// Reads every line, reporting each bad one on `errors` and keeping the good ones.
fn read_inbox(input: impl BufRead, errors: &mut impl Write) -> io::Result<Inbox> {
    let mut inbox = Inbox {
        requests: Vec::new(),
        lines: Vec::new(),
        bad_lines: 0,
        skipped_unit: "bad lines",
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

/// Counts of requests by status, channel, tier and requester.
struct Counts {
    by_status: Vec<(Status, usize)>,
    by_channel: Vec<(String, usize)>,
    by_tier: Vec<(String, usize)>,
    internal: usize,
}

fn count(requests: &[Request]) -> Counts {
    let by_status = Status::ALL
        .iter()
        .map(|&s| (s, requests.iter().filter(|r| r.status() == s).count()))
        .collect();
    let mut by_tier: Vec<(String, usize)> = Tier::ALL
        .iter()
        .map(|&t| {
            let n = requests
                .iter()
                .filter(|r| r.customer().tier() == Some(t))
                .count();
            (t.as_str().to_owned(), n)
        })
        .collect();
    // Profiles from a helpdesk often have no tier; shown only when there are some.
    let unknown = requests
        .iter()
        .filter(|r| r.customer().tier().is_none())
        .count();
    if unknown > 0 {
        by_tier.push(("unknown".to_owned(), unknown));
    }
    // Built-in channels in their documented order, then custom ones by name.
    let mut by_channel: Vec<(String, usize)> = Channel::BUILT_IN
        .iter()
        .map(|c| (c.as_str().to_owned(), 0))
        .collect();
    let mut custom: BTreeMap<&str, usize> = BTreeMap::new();
    for request in requests {
        let channel = request.channel();
        match Channel::BUILT_IN.iter().position(|c| c == channel) {
            Some(i) => by_channel[i].1 += 1,
            None => *custom.entry(channel.as_str()).or_default() += 1,
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

/// One row of the ranked table.
struct Row {
    rank: String,
    id: String,
    customer: String,
    channel: String,
    waited: String,
    level: &'static str,
    band: String,
    priority: String,
    reasons: String,
}

/// Most reasons shown per row of the table; `--json` has them all.
const TABLE_REASONS: usize = 3;

/// The reasons with the most points, largest first as [`Ranking::reasons`] sorts them, as
/// `kind +points` or `kind -points`, then any other reason that takes points away (a discount,
/// a closure): what lowers a request explains its place as much as what raises it. Reasons of
/// no points are band reasons, shown in the band column.
fn top_reasons(reasons: &[Reason]) -> String {
    let counted: Vec<&Reason> = reasons.iter().filter(|r| r.weight.abs() >= 0.05).collect();
    let shown = |r: &Reason| format!("{} {:+.1}", r.kind.as_str(), r.weight);
    let mut parts: Vec<String> = counted
        .iter()
        .take(TABLE_REASONS)
        .map(|r| shown(r))
        .collect();
    parts.extend(
        counted
            .iter()
            .skip(TABLE_REASONS)
            .filter(|r| r.weight < 0.0)
            .map(|r| shown(r)),
    );
    parts.join(", ")
}

fn ranked_rows(ranking: &Ranking) -> Vec<Row> {
    ranking
        .ranked()
        .iter()
        .map(|ranked| {
            let r = &ranking.requests()[ranked.index];
            let a = &ranked.assessment;
            let reasons = ranking.reasons(ranked);
            let requester = match r.requester() {
                Requester::Customer => "",
                _ => " (internal)",
            };
            Row {
                rank: ranked.rank.to_string(),
                id: r.id().to_string(),
                customer: format!("{}{requester}", customer_label(r)),
                channel: r.channel().as_str().to_owned(),
                waited: match a.waiting_since {
                    Some(_) => ShortDuration(a.waited).to_string(),
                    None => "-".to_owned(),
                },
                level: a.level.as_str(),
                // The band's own name, and the reason that put it there when that says more.
                band: if a.band_reason.as_str() == a.band.as_str() {
                    a.band.as_str().to_owned()
                } else {
                    format!("{} ({})", a.band.as_str(), a.band_reason.as_str())
                },
                priority: format!("{:.2}", a.priority),
                reasons: top_reasons(&reasons),
            }
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
    const HEADERS: [&str; 9] = [
        "rank",
        "id",
        "customer",
        "channel",
        "waited",
        "level",
        "band",
        "priority",
        "top reasons",
    ];
    let cells = |row: &Row| -> [String; 9] {
        [
            row.rank.clone(),
            row.id.clone(),
            row.customer.clone(),
            row.channel.clone(),
            row.waited.clone(),
            row.level.to_owned(),
            row.band.clone(),
            row.priority.clone(),
            row.reasons.clone(),
        ]
    };
    let mut widths = HEADERS.map(|h| h.chars().count());
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(cells(row)) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |values: [String; 9]| -> String {
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
    ranker: &Ranker,
    source: &str,
    inbox: &Inbox,
    now: OffsetDateTime,
) -> io::Result<()> {
    let requests = &inbox.requests;
    let now_text = now.format(&Rfc3339).unwrap_or_else(|_| now.to_string());
    writeln!(out, "inbox: {source}")?;
    writeln!(
        out,
        "{} requests read, {} {} skipped; waits measured up to {now_text}",
        requests.len(),
        inbox.bad_lines,
        inbox.skipped_unit
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
    let ranking = ranker.rank(requests, now);
    let rows = ranked_rows(&ranking);
    writeln!(
        out,
        "{} requests ranked, answer from the top (waited = counted wait of the current contact):",
        rows.len()
    )?;
    write_table(out, &rows)?;
    if !ranking.skipped().is_empty() {
        let skipped: Vec<String> = ranking
            .skipped()
            .iter()
            .map(|s| format!("{} ({})", requests[s.index].id(), s.reason.detail()))
            .collect();
        writeln!(out, "\nnot ranked: {}", skipped.join(", "))?;
    }
    if !ranking.duplicates().is_empty() {
        let line = |position: usize| inbox.lines.get(position).copied().unwrap_or(0);
        let repeats: Vec<String> = ranking
            .duplicates()
            .iter()
            .map(|d| {
                format!(
                    "{} (input line {}, ranked from line {})",
                    requests[d.index].id(),
                    line(d.index),
                    line(d.first)
                )
            })
            .collect();
        writeln!(
            out,
            "repeated ids, not ranked again: {}",
            repeats.join(", ")
        )?;
    }
    Ok(())
}

/// One JSON object per ranked request, in rank order: exactly the library's
/// [`realboss::ranking::RankedRow`].
fn write_json_lines(
    out: &mut impl Write,
    ranker: &Ranker,
    requests: &[Request],
    now: OffsetDateTime,
) -> io::Result<()> {
    let ranking = ranker.rank(requests, now);
    for row in ranking.rows() {
        serde_json::to_writer(&mut *out, &row)?;
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
    /// A helpdesk export could not be read.
    Import(ImportFailure),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Open(path, e) => write!(f, "cannot open {}: {e}", path.display()),
            Failure::Output(e) => write!(f, "cannot write output: {e}"),
            Failure::Import(e) => e.fmt(f),
        }
    }
}

/// Loads the requests to rank from `file` (`-` for stdin): the one place input is read, so
/// another source (a helpdesk export, say) is another way to fill the same [`Inbox`]. Bad
/// records are reported on `errors` and counted in [`Inbox::bad_lines`]; batch problems are
/// checked afterwards, whatever the source.
fn load_inbox(file: &Path, source: &Source, errors: &mut impl Write) -> Result<Inbox, Failure> {
    if let Some(system) = source.from {
        let imported = import_file("triage", system, file, source.mapping.as_deref(), errors)
            .map_err(Failure::Import)?;
        return Ok(Inbox {
            lines: (1..=imported.requests.len()).collect(),
            requests: imported.requests,
            bad_lines: imported.lost,
            skipped_unit: "tickets or comments",
        });
    }
    let input: Box<dyn BufRead> = if file.as_os_str() == "-" {
        Box::new(io::stdin().lock())
    } else {
        let opened = File::open(file).map_err(|e| Failure::Open(file.to_path_buf(), e))?;
        Box::new(BufReader::new(opened))
    };
    read_inbox(input, errors).map_err(Failure::Output)
}

/// Runs the command; `Ok(true)` when the input was clean.
fn run(options: &Options, out: &mut impl Write, errors: &mut impl Write) -> Result<bool, Failure> {
    let inbox = load_inbox(&options.file, &options.source, errors)?;
    let problems = report_batch_problems(&inbox, errors).map_err(Failure::Output)?;
    let now = resolve_now(options.now, &inbox.requests);
    let ranker = Ranker::new((*options.policy).clone());
    let written = if options.json {
        write_json_lines(out, &ranker, &inbox.requests, now)
    } else {
        write_summary(
            out,
            &ranker,
            &options.file.display().to_string(),
            &inbox,
            now,
        )
    };
    written
        .and_then(|()| out.flush())
        .map_err(Failure::Output)?;
    Ok(inbox.bad_lines == 0 && problems == 0)
}

/// Runs `realboss triage`: ranks the inbox and prints the table or JSON Lines.
pub fn execute(args: Args) -> ExitCode {
    let mut out = BufWriter::new(io::stdout().lock());
    let mut errors = io::stderr().lock();
    let options = Options::from(args);
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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;
    use time::macros::datetime;

    /// The sample inbox, found from this crate's manifest (tests run in the crate's folder).
    const SAMPLE_INBOX: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/data/inbox.jsonl"
    );

    fn parse(list: &[&str]) -> Result<Options, clap::Error> {
        let argv = ["realboss", "triage"].iter().chain(list);
        match crate::Cli::try_parse_from(argv)?.command {
            crate::Command::Triage(args) => Ok(Options::from(*args)),
            _ => unreachable!("parsed as triage"),
        }
    }

    fn args(list: &[&str]) -> Result<Options, String> {
        parse(list).map_err(|e| e.to_string())
    }

    #[test]
    fn defaults_to_the_sample_inbox_and_its_latest_moment() {
        let expected = Options {
            file: PathBuf::from(DEFAULT_INBOX),
            now: NowChoice::LatestInInput,
            json: false,
            policy: Box::default(),
            source: Source::default(),
        };
        assert_eq!(args(&[]), Ok(expected));
    }

    #[test]
    fn reads_file_now_and_json_in_any_order() {
        let expected = Options {
            file: PathBuf::from("in.jsonl"),
            now: NowChoice::At(datetime!(2026-11-23 21:00 +01:00)),
            json: true,
            policy: Box::default(),
            source: Source::default(),
        };
        let run = Ok(expected);
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
            Ok(Options {
                now: NowChoice::WallClock,
                ..
            })
        ));
    }

    #[test]
    fn rejects_bad_arguments_with_a_reason() {
        assert!(
            args(&["--now"])
                .unwrap_err()
                .contains("a value is required")
        );
        assert!(
            args(&["--now", "tomorrow"])
                .unwrap_err()
                .contains("\"tomorrow\"")
        );
        assert!(args(&["--fast"]).unwrap_err().contains("--fast"));
        assert!(
            args(&["a.jsonl", "b.jsonl"])
                .unwrap_err()
                .contains("unexpected argument 'b.jsonl'")
        );
        assert_eq!(
            parse(&["x", "--help"]).unwrap_err().kind(),
            clap::error::ErrorKind::DisplayHelp
        );
    }

    #[test]
    fn bad_lines_are_reported_and_skipped() {
        let good = std::fs::read_to_string(SAMPLE_INBOX).unwrap();
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

    #[test]
    fn a_repeated_id_is_reported_with_its_lines_and_ranked_once() {
        let good = std::fs::read_to_string(SAMPLE_INBOX).unwrap();
        let mut lines = good.lines();
        let (first, second) = (lines.next().unwrap(), lines.next().unwrap());
        let path = std::env::temp_dir().join(format!("triage-repeat-{}.jsonl", std::process::id()));
        std::fs::write(&path, format!("{first}\n{second}\n{first}\n")).unwrap();
        let id = serde_json::from_str::<serde_json::Value>(first).unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        for json in [true, false] {
            let options = Options {
                file: path.clone(),
                now: NowChoice::LatestInInput,
                json,
                policy: Box::default(),
                source: Source::default(),
            };
            let (mut out, mut errors) = (Vec::new(), Vec::new());
            // Not a clean input: exit status 1, but the ranking is still printed.
            assert!(!run(&options, &mut out, &mut errors).unwrap());
            let out = String::from_utf8(out).unwrap();
            let errors = String::from_utf8(errors).unwrap();
            assert!(errors.contains("(input lines 1 and 3)"), "{errors}");
            let quoted = format!("\"id\":\"{id}\"");
            if json {
                assert_eq!(out.lines().count(), 2, "{out}");
                assert_eq!(out.matches(&quoted).count(), 1, "{out}");
            } else {
                assert!(
                    out.contains(&format!("{id} (input line 3, ranked from line 1)")),
                    "{out}"
                );
                assert!(out.contains("2 requests ranked"), "{out}");
            }
        }
        std::fs::remove_file(&path).ok();
    }

    #[test]
    fn a_bad_policy_file_is_refused_with_the_field_named() {
        let path = std::env::temp_dir().join(format!("triage-policy-{}.json", std::process::id()));
        std::fs::write(&path, r#"{"weights": {"lead": -2}}"#).unwrap();
        let err = args(&["--policy", path.to_str().unwrap()]).unwrap_err();
        std::fs::remove_file(&path).ok();
        assert!(err.contains("weights.lead"), "{err}");
    }

    #[test]
    fn the_sample_inbox_ranks_nora_above_the_managers_request_and_prints_json_lines() {
        let options = args(&["--json", SAMPLE_INBOX]).unwrap();
        let (mut out, mut errors) = (Vec::new(), Vec::new());
        assert!(run(&options, &mut out, &mut errors).unwrap());
        let lines: Vec<serde_json::Value> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 36, "37 requests, one resolved");
        let rank_of = |id: &str| {
            lines
                .iter()
                .find(|l| l["id"] == id)
                .map(|l| l["rank"].as_u64().unwrap())
                .unwrap()
        };
        assert!(rank_of("req-2101") < rank_of("req-2102"));
        // Sam's parcel turned up: the closure is listed with its evidence, below every open
        // request.
        let sam = lines.iter().find(|l| l["id"] == "req-2136").unwrap();
        let closure = sam["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["kind"] == "customer_reports_resolved")
            .expect("the closure reason");
        assert!(closure["weight"].as_f64().unwrap() < 0.0);
        assert_eq!(closure["evidence"]["type"], "customer_message");
        assert_eq!(closure["evidence"]["at"], "2026-11-23T20:45:00Z");
        assert_eq!(sam["band"], "not_waiting");
        assert!(rank_of("req-2136") > rank_of("req-2106"));
        for (i, line) in lines.iter().enumerate() {
            assert_eq!(line["rank"].as_u64(), Some(i as u64 + 1));
            assert!(line["priority"].as_f64().unwrap() >= 0.0);
            assert!(["low", "normal", "high", "urgent"].contains(&line["level"].as_str().unwrap()));
            for reason in line["reasons"].as_array().unwrap() {
                let kind = reason["kind"].as_str().unwrap();
                assert!(
                    kind.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                    "{kind}"
                );
                assert!(reason["weight"].is_number() && reason["detail"].is_string());
            }
        }
        // The band first, then the higher priority; the priority is the sum of the reasons.
        let band = |l: &serde_json::Value| match l["band"].as_str().unwrap() {
            "max_wait" => 0,
            "waiting" => 1,
            "not_waiting" => 2,
            other => panic!("band {other}"),
        };
        for pair in lines.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            assert!(
                band(a) < band(b)
                    || (band(a) == band(b)
                        && a["priority"].as_f64().unwrap()
                            >= b["priority"].as_f64().unwrap() - 1e-9),
                "{} before {}",
                a["id"],
                b["id"]
            );
        }
        for line in &lines {
            let sum: f64 = line["reasons"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["weight"].as_f64().unwrap())
                .sum();
            assert!(
                (sum - line["priority"].as_f64().unwrap()).abs() < 1e-9,
                "{line}"
            );
            assert!(line["band_reason"].is_string(), "{line}");
        }
    }
}
