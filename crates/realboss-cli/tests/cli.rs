//! The `realboss` binary run as a user would, on the sample files shipped in `examples/data/`.

use std::path::PathBuf;
use std::process::{Command, Output};

/// A sample file of the repository, by its name under `examples/data/`.
fn sample(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/data")
        .join(name)
}

fn realboss(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_realboss"))
        .args(args)
        .output()
        .expect("the realboss binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

#[test]
fn triage_ranks_the_sample_inbox_with_the_long_stranded_social_request_first() {
    let inbox = sample("inbox.jsonl");
    let out = realboss(&["triage", inbox.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let rows: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(rows.len(), 36);
    assert_eq!(rows[0]["id"], "req-2125");
    assert_eq!(rows[0]["rank"], 1);

    let table = realboss(&["triage", inbox.to_str().unwrap()]);
    assert_eq!(table.status.code(), Some(0));
    assert!(text(&table.stdout).contains("req-2125"));
}

#[test]
fn a_repeated_request_id_is_reported_and_the_run_exits_1() {
    let inbox = std::fs::read_to_string(sample("inbox.jsonl")).unwrap();
    let first = inbox.lines().next().unwrap();
    let path = std::env::temp_dir().join(format!("cli-repeat-{}.jsonl", std::process::id()));
    std::fs::write(&path, format!("{first}\n{first}\n")).unwrap();
    let out = realboss(&["triage", path.to_str().unwrap(), "--json"]);
    std::fs::remove_file(&path).ok();
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("(input lines 1 and 2)"));
    assert_eq!(text(&out.stdout).lines().count(), 1);
}

#[test]
fn hints_and_insights_print_json_that_parses() {
    let events = sample("events.jsonl");
    let hints = realboss(&["hints", events.to_str().unwrap(), "--json"]);
    assert_eq!(hints.status.code(), Some(0), "{}", text(&hints.stderr));
    for line in text(&hints.stdout).lines() {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(value["customer"].is_string() && value["hints"].is_array());
    }
    let insights = realboss(&["insights", events.to_str().unwrap(), "--json"]);
    assert_eq!(
        insights.status.code(),
        Some(0),
        "{}",
        text(&insights.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&insights.stdout).unwrap();
    assert_eq!(report["trend_window_days"], 28);
}

#[test]
fn score_answers_an_invalid_utf8_line_with_an_error_line_and_goes_on() {
    let path = std::env::temp_dir().join(format!("cli-score-{}.txt", std::process::id()));
    std::fs::write(&path, b"fine, thanks\n\xff\xfe broken\nstill waiting!\n").unwrap();
    let out = realboss(&["score", path.to_str().unwrap()]);
    std::fs::remove_file(&path).ok();
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<String> = text(&out.stdout).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 3);
    assert!(
        lines[1].starts_with("{\"error\":\"line 2: not valid UTF-8"),
        "{}",
        lines[1]
    );
    assert!(lines[2].contains("\"compound\""));
}

#[test]
fn a_bad_flag_is_a_usage_error_naming_the_flag() {
    for sub in ["triage", "score", "hints", "insights", "eval"] {
        let out = realboss(&[sub, "--fast"]);
        assert_eq!(out.status.code(), Some(2), "{sub}");
        assert!(
            text(&out.stderr).contains("'--fast'"),
            "{sub}: {}",
            text(&out.stderr)
        );
    }
}

#[test]
fn a_missing_file_is_a_clear_error() {
    let out = realboss(&["triage", "no/such/inbox.jsonl"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with("triage: cannot open no/such/inbox.jsonl: "),
        "{stderr}"
    );
}

fn export(name: &str) -> String {
    format!(
        "{}/../realboss-helpdesk/samples/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn triage_from_a_zendesk_export_ranks_the_chased_pending_ticket_and_reports_problems() {
    let (file, mapping) = (export("zendesk.json"), export("mapping.json"));
    let out = realboss(&[
        "triage",
        "--from",
        "zendesk",
        &file,
        "--mapping",
        &mapping,
        "--json",
    ]);
    // The sample holds a ticket nobody can answer: reported, skipped, exit 1.
    assert_eq!(out.status.code(), Some(1));
    let errors = text(&out.stderr);
    assert!(errors.contains("tickets[7] (id 1008)"), "{errors}");
    assert!(errors.contains("ticket skipped"), "{errors}");
    let first: serde_json::Value =
        serde_json::from_str(text(&out.stdout).lines().next().unwrap()).unwrap();
    assert_eq!(
        first["id"], "1002",
        "the pending ticket the customer chased twice"
    );
}

#[test]
fn convert_writes_requests_triage_reads_back_and_a_wrong_system_is_an_error() {
    let file = export("freshdesk.json");
    let out = realboss(&["convert", "--from", "freshdesk", &file]);
    let lines = text(&out.stdout);
    assert_eq!(lines.lines().count(), 7);
    for line in lines.lines() {
        realboss::model::Request::from_json(line).unwrap();
    }
    let wrong = realboss(&["convert", "--from", "zendesk", &file]);
    assert_eq!(wrong.status.code(), Some(1));
    assert!(wrong.stdout.is_empty());
    assert!(
        text(&wrong.stderr).contains("not a zendesk export: this looks like a Freshdesk export"),
        "{}",
        text(&wrong.stderr)
    );
    let bad = realboss(&["triage", "--from", "jira", &file]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("zendesk"));
}
