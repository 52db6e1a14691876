//! The table generator: builds `src/signals/english_table.rs`, `src/text/emoticon_table.rs` and
//! `src/signals/urgency_table.rs` from the plain-text sources in `data/`.
//!
//! Regenerate after editing anything in `data/` with
//!
//! ```text
//! cargo run -p realboss-tools --bin tables
//! ```
//!
//! and `cargo test -p realboss-tools` (part of `cargo test --workspace`) regenerates them in
//! memory and fails if a committed file differs (`tests/tables_fresh.rs`).
//!
//! What it builds (the method is documented in `src/signals/mod.rs`):
//! - every VADER lexicon entry, folded to lower case, as a word, a phrase (entries with spaces or
//!   hyphens between words) or an emoticon (anything else that is ASCII);
//! - every emoji of VADER's emoji lexicon whose English description scores non-zero with the word
//!   lexicon (sum of its words' valences, clamped to -4..+4);
//! - `data/customer_service.tsv` entries, overriding VADER's value for the same key;
//! - `data/english_cues.tsv`: negations, boosters, contrast and concession words, markers,
//!   VADER's special-case phrases and idioms;
//! - word forms: inflections and derivations of lexicon words whose Snowball stem
//!   (rust-stemmers, English) is the stem of lexicon words that agree in sign;
//! - the urgency cue table from `data/urgency_cues.tsv` (cues, negated cues, calming phrases
//!   and the words of the time rules; a `~` word also matches its inflections with the same
//!   Snowball stem), plus the negations of `data/english_cues.tsv`.
//!
//! Words are split and folded by realboss's own tokenizer (`crate::text`, compiled from
//! `src/text/`), so every key is the one the runtime looks up.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::text::{Folded, TokenKind, tokens};
use realboss::signals::MAX_PHRASE_WORDS;
use rust_stemmers::{Algorithm, Stemmer};

/// Endings that mark a lexicon word as an adjective, which then takes `-ly` and `-ness`.
const ADJECTIVE_ENDINGS: &[&str] = &[
    "ful", "ous", "ive", "able", "ible", "al", "ic", "y", "ish", "less", "ent", "ant", "ile", "id",
    "ed", "ing",
];

/// Writes `base` + `suffix` the way English spelling does: drop a silent `e` before a vowel
/// (`bore` + `ing` = `boring`), turn a final consonant + `y` into `i` (`happy` + `ly`), `-le` + `ly`
/// into `-ly` (`horrible` → `horribly`), `-ic` + `ly` into `-ically`, add `e` to a plural after a
/// sibilant, and double the last consonant of a one-syllable word before a vowel (`sad` →
/// `saddest`).
fn attach(base: &str, suffix: &str) -> String {
    let b = base.as_bytes();
    let vowel = |c: u8| b"aeiou".contains(&c);
    let suffix_vowel = suffix.starts_with(['e', 'i']);
    let n = b.len();
    if suffix == "ly" {
        if let Some(stem) = base.strip_suffix("le") {
            return format!("{stem}ly");
        }
        if base.ends_with("ic") {
            return format!("{base}ally");
        }
    }
    if suffix == "s"
        && (base.ends_with(['s', 'x', 'z']) || base.ends_with("ch") || base.ends_with("sh"))
    {
        return format!("{base}es");
    }
    if n >= 2 && b[n - 1] == b'y' && !vowel(b[n - 2]) && suffix != "ing" {
        let stem = &base[..n - 1];
        return match suffix {
            "s" => format!("{stem}ies"),
            _ => format!("{stem}i{suffix}"),
        };
    }
    if b[n - 1] == b'e' && suffix_vowel {
        return format!("{}{suffix}", &base[..n - 1]);
    }
    let vowel_groups = b
        .iter()
        .enumerate()
        .filter(|&(i, &c)| vowel(c) && (i == 0 || !vowel(b[i - 1])))
        .count();
    if suffix_vowel
        && vowel_groups == 1
        && n >= 3
        && !vowel(b[n - 3])
        && vowel(b[n - 2])
        && !vowel(b[n - 1])
        && !b"wxy".contains(&b[n - 1])
    {
        return format!("{base}{}{suffix}", b[n - 1] as char);
    }
    format!("{base}{suffix}")
}

#[derive(Default, Debug, Clone)]
struct Row {
    valence: Option<f64>,
    booster: Option<f64>,
    flags: BTreeSet<&'static str>,
}

enum Shape {
    Word(String),
    Phrase(Vec<String>),
    Emoticon(String),
}

/// Measurement hook: `REALBOSS_TABLES_WITHOUT=cs,forms` leaves out the customer-service table
/// and/or the word forms, to measure what each adds (`examples/eval.rs` then runs on the
/// reduced tables). Never set when committing: the freshness test would fail.
fn without(part: &str) -> bool {
    std::env::var("REALBOSS_TABLES_WITHOUT").is_ok_and(|v| v.split(',').any(|p| p == part))
}

/// The realboss repository: the tools package lives in its `tools/` folder.
pub fn repository_root() -> PathBuf {
    let tools = Path::new(env!("CARGO_MANIFEST_DIR"));
    tools.parent().unwrap_or(tools).to_path_buf()
}

fn data_dir() -> PathBuf {
    repository_root().join("data")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The folded single word `text` is, if the tokenizer sees exactly one word there.
fn single_word(text: &str) -> Option<String> {
    let mut toks = tokens(text);
    let first = toks.next()?;
    if toks.next().is_some() || first.kind() != TokenKind::Word || first.range() != (0..text.len())
    {
        return None;
    }
    Folded::new(first.as_str()).map(|f| f.as_str().to_owned())
}

fn shape(key: &str) -> Option<Shape> {
    if let Some(word) = single_word(key) {
        return Some(Shape::Word(word));
    }
    let parts: Vec<&str> = key.split([' ', '-']).filter(|p| !p.is_empty()).collect();
    if parts.len() >= 2 {
        let words: Option<Vec<String>> = parts.iter().map(|p| single_word(p)).collect();
        if let Some(words) = words
            && words.iter().any(|w| w.chars().count() >= 2)
        {
            return Some(Shape::Phrase(words));
        }
    }
    if key.is_ascii() && !key.contains(char::is_whitespace) {
        return Some(Shape::Emoticon(key.to_ascii_lowercase()));
    }
    None
}

fn fold(s: &str) -> String {
    s.to_lowercase().replace(['\u{2019}', '\u{2BC}'], "'")
}

struct Tables {
    rows: BTreeMap<String, Row>,
    emoticons: BTreeSet<String>,
    notes: Vec<String>,
}

fn put_shape(tables: &mut Tables, key: &str, what: &str) -> Option<String> {
    match shape(key) {
        Some(Shape::Word(w)) => Some(w),
        Some(Shape::Phrase(words)) => {
            assert!(
                words.len() <= MAX_PHRASE_WORDS,
                "{what}: phrase {key:?} has more than {MAX_PHRASE_WORDS} words"
            );
            let joined = words.join(" ");
            tables
                .rows
                .entry(joined.clone())
                .or_default()
                .flags
                .insert("PHRASE");
            Some(joined)
        }
        Some(Shape::Emoticon(e)) => {
            tables.emoticons.insert(e.clone());
            tables
                .rows
                .entry(e.clone())
                .or_default()
                .flags
                .insert("EMOTICON");
            Some(e)
        }
        None => {
            tables.notes.push(format!("{what}: skipped {key:?}"));
            None
        }
    }
}

fn generate() -> (String, String) {
    let dir = data_dir();
    let mut tables = Tables {
        rows: BTreeMap::new(),
        emoticons: BTreeSet::new(),
        notes: Vec::new(),
    };

    // 1. VADER lexicon. Python VADER looks words up in lower case, so an entry written with
    //    capitals (":D") is unreachable when its lower-case twin exists; the last of equal keys
    //    wins, as in a Python dict.
    let mut vader: BTreeMap<String, (f64, bool, usize)> = BTreeMap::new();
    for (line_no, line) in read(&dir.join("vader/vader_lexicon.txt"))
        .lines()
        .enumerate()
    {
        if line.trim().is_empty() {
            continue;
        }
        let mut cols = line.split('\t');
        let key = cols.next().unwrap_or_default();
        let valence: f64 = cols
            .next()
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or_else(|| panic!("vader_lexicon.txt line {}: bad valence", line_no + 1));
        let lower = fold(key);
        let was_lower = lower == key;
        match vader.get(&lower) {
            Some(&(_, true, _)) if !was_lower => {}
            _ => {
                vader.insert(lower, (valence, was_lower, line_no));
            }
        }
    }
    let mut vader_words: BTreeMap<String, f64> = BTreeMap::new();
    for (key, &(valence, _, _)) in &vader {
        if let Some(k) = put_shape(&mut tables, key, "vader_lexicon.txt") {
            if !k.contains(' ') && !tables.emoticons.contains(&k) {
                vader_words.insert(k.clone(), valence);
            }
            let row = tables.rows.entry(k).or_default();
            row.valence = Some(valence);
            row.flags.insert("V");
        }
    }

    // 2. Emoji: score the description with the word lexicon.
    let mut emoji_count = 0;
    for line in read(&dir.join("vader/emoji_utf8_lexicon.txt")).lines() {
        let Some((emoji, description)) = line.split_once('\t') else {
            continue;
        };
        let emoji = emoji.trim();
        if emoji.is_empty() {
            continue;
        }
        let mut sum = 0.0;
        for tok in tokens(description) {
            if tok.kind() == TokenKind::Word
                && let Some(v) = Folded::new(tok.as_str()).and_then(|f| vader_words.get(f.as_str()))
            {
                sum += v;
            }
        }
        let valence = (sum.clamp(-4.0, 4.0) * 1000.0).round() / 1000.0;
        if valence != 0.0 {
            let row = tables.rows.entry(emoji.to_owned()).or_default();
            row.valence = Some(valence);
            row.flags.insert("V");
            row.flags.insert("EMOJI");
            emoji_count += 1;
        }
    }

    // 3. Customer-service vocabulary overrides VADER.
    let mut cs_count = 0;
    let mut seen = HashSet::new();
    let customer_service = if without("cs") {
        String::new()
    } else {
        read(&dir.join("customer_service.tsv"))
    };
    for (line_no, line) in customer_service.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(
            cols.len() == 3 && !cols[2].trim().is_empty(),
            "customer_service.tsv line {}: want entry, valence, reason",
            line_no + 1
        );
        let valence: f64 = cols[1]
            .parse()
            .unwrap_or_else(|_| panic!("customer_service.tsv line {}: bad valence", line_no + 1));
        assert!(
            (-4.0..=4.0).contains(&valence),
            "customer_service.tsv line {}: valence outside -4..+4",
            line_no + 1
        );
        let key = put_shape(&mut tables, cols[0], "customer_service.tsv").unwrap_or_else(|| {
            panic!(
                "customer_service.tsv line {}: not a word or phrase",
                line_no + 1
            )
        });
        assert!(
            seen.insert(key.clone()),
            "customer_service.tsv line {}: {key:?} listed twice",
            line_no + 1
        );
        let row = tables.rows.entry(key).or_default();
        row.valence = Some(valence);
        row.flags.insert("V");
        row.flags.insert("CS");
        cs_count += 1;
    }

    // 4. Cues.
    for (line_no, line) in read(&dir.join("english_cues.tsv")).lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(
            cols.len() >= 4,
            "english_cues.tsv line {}: too few columns",
            line_no + 1
        );
        let key = put_shape(&mut tables, cols[0], "english_cues.tsv").unwrap_or_else(|| {
            panic!(
                "english_cues.tsv line {}: not a word or phrase",
                line_no + 1
            )
        });
        let value = cols[2];
        let row = tables.rows.entry(key).or_default();
        match cols[1] {
            "negation" => {
                row.flags.insert("NEG");
            }
            "booster" => {
                row.booster = Some(value.parse().expect("booster amount"));
                row.flags.insert("BOOST");
            }
            "phrase" => {
                row.valence = Some(value.parse().expect("phrase valence"));
                row.flags.insert("V");
                row.flags.insert("IDIOM");
            }
            "contrast" => {
                row.flags.insert("CONTRAST");
            }
            "concession" => {
                row.flags.insert("CONCEDE");
            }
            "excess" => {
                row.flags.insert("EXCESS");
            }
            "marker" => {
                let flag = match value {
                    "no" => "NO",
                    "least" => "LEAST",
                    "never" => "NEVER",
                    "without" => "WITHOUT",
                    "doubt" => "DOUBT",
                    "so_this" => "SO_THIS",
                    "at_very" => "AT_VERY",
                    "or_nor" => "OR_NOR",
                    other => panic!(
                        "english_cues.tsv line {}: unknown marker {other}",
                        line_no + 1
                    ),
                };
                row.flags.insert(flag);
            }
            other => panic!(
                "english_cues.tsv line {}: unknown role {other}",
                line_no + 1
            ),
        }
    }

    // 5. Phrase ends: the last word of each phrase carries END<n>, the first START.
    let phrases: Vec<(String, usize)> = tables
        .rows
        .keys()
        .filter(|k| k.contains(' '))
        .map(|k| (k.clone(), k.split(' ').count()))
        .collect();
    for (phrase, n) in &phrases {
        let first = phrase.split(' ').next().unwrap_or_default().to_owned();
        tables.rows.entry(first).or_default().flags.insert("START");
        let last = phrase.rsplit(' ').next().unwrap_or_default().to_owned();
        let row = tables.rows.entry(last).or_default();
        row.flags.insert(match n {
            2 => "END2",
            3 => "END3",
            4 => "END4",
            5 => "END5",
            _ => unreachable!("checked when the phrase was read"),
        });
    }

    // 6. Word forms through Snowball stems.
    let stemmer = Stemmer::create(Algorithm::English);
    let is_plain = |w: &str| w.len() >= 3 && w.bytes().all(|b| b.is_ascii_lowercase());
    let mut by_stem: BTreeMap<String, Vec<(String, f64)>> = BTreeMap::new();
    for (key, row) in &tables.rows {
        if let (Some(v), true) = (row.valence, is_plain(key)) {
            if row.flags.contains("EMOTICON") {
                continue;
            }
            by_stem
                .entry(stemmer.stem(key).into_owned())
                .or_default()
                .push((key.clone(), v));
        }
    }
    let mut stem_valence: BTreeMap<String, f64> = BTreeMap::new();
    let mut conflicts = 0;
    for (stem, words) in &by_stem {
        let positive = words.iter().any(|(_, v)| *v > 0.0);
        let negative = words.iter().any(|(_, v)| *v < 0.0);
        if positive && negative {
            conflicts += 1;
            continue;
        }
        let mean = words.iter().map(|(_, v)| v).sum::<f64>() / words.len() as f64;
        stem_valence.insert(stem.clone(), (mean * 1000.0).round() / 1000.0);
    }
    // Candidate forms, by a rough guess of the word class so that nouns do not get `-ingly`:
    // every root takes `-s`; verbs (the group has an `-ed` or `-ing` word) take `-ed` and `-ing`;
    // adjectives (by ending, or the group has an `-ly`/`-ness`/`-est` word) take `-ly` and `-ness`,
    // and short ones `-er` and `-est`. Participles in the group take `-ly` ("annoyingly").
    let mut candidates = BTreeSet::new();
    for (stem, words) in by_stem.iter().filter(|_| !without("forms")) {
        if !stem_valence.contains_key(stem) {
            continue;
        }
        let Some(root) = words
            .iter()
            .map(|(w, _)| w.as_str())
            .min_by_key(|w| (w.len(), *w))
        else {
            continue;
        };
        let has = |ending: &str| words.iter().any(|(w, _)| w != root && w.ends_with(ending));
        let verb = has("ed") || has("ing");
        let adjective = ADJECTIVE_ENDINGS.iter().any(|e| root.ends_with(e))
            || has("ly")
            || has("ness")
            || has("est");
        candidates.insert(attach(root, "s"));
        if verb {
            candidates.insert(attach(root, "ed"));
            candidates.insert(attach(root, "ing"));
        }
        if adjective {
            candidates.insert(attach(root, "ly"));
            candidates.insert(attach(root, "ness"));
            if root.len() <= 6 {
                candidates.insert(attach(root, "er"));
                candidates.insert(attach(root, "est"));
            }
        }
        for (word, _) in words {
            if word.ends_with("ing") || word.ends_with("ed") {
                candidates.insert(attach(word, "ly"));
            }
        }
    }
    let mut form_count = 0;
    for candidate in candidates {
        if tables.rows.contains_key(&candidate) || !is_plain(&candidate) {
            continue;
        }
        let stem = stemmer.stem(&candidate);
        if let Some(&v) = stem_valence.get(stem.as_ref()) {
            let row = tables.rows.entry(candidate).or_default();
            row.valence = Some(v);
            row.flags.insert("V");
            row.flags.insert("FORM");
            form_count += 1;
        }
    }

    // 7. Emit.
    let mut lexicon = String::new();
    let _ = writeln!(
        lexicon,
        "// @generated by tools/src/tables.rs from data/vader/vader_lexicon.txt,\n\
         // data/vader/emoji_utf8_lexicon.txt, data/customer_service.tsv and data/english_cues.tsv.\n\
         // Do not edit: change the data and run `cargo run -p realboss-tools --bin tables`.\n\
         //\n\
         // {} entries: {} from VADER's lexicon, {} emoji, {} customer-service entries, {} word\n\
         // forms found through Snowball stems ({} stems left out because their words disagree in\n\
         // sign).\n\
         \n\
         use super::lexicon::flag::*;\n\
         use super::lexicon::{{Entry, e}};\n\
         \n\
         /// Every entry of the English lexicon, sorted by key.\n\
         pub(crate) static ENTRIES: [Entry; {}] = [",
        tables.rows.len(),
        vader.len(),
        emoji_count,
        cs_count,
        form_count,
        conflicts,
        tables.rows.len(),
    );
    for (key, row) in &tables.rows {
        let flags = if row.flags.is_empty() {
            "0".to_owned()
        } else {
            row.flags.iter().copied().collect::<Vec<_>>().join(" | ")
        };
        let _ = writeln!(
            lexicon,
            "    e({key:?}, {:?}, {:?}, {flags}),",
            row.valence.unwrap_or(0.0),
            row.booster.unwrap_or(0.0)
        );
    }
    lexicon.push_str("];\n");
    for note in &tables.notes {
        let _ = writeln!(lexicon, "// {note}");
    }

    let mut emoticons = String::new();
    let max_len = tables.emoticons.iter().map(String::len).max().unwrap_or(1);
    let mut first: u128 = 0;
    let mut last: u128 = 0;
    for e in &tables.emoticons {
        for (set, b) in [
            (&mut first, e.as_bytes()[0]),
            (&mut last, e.as_bytes()[e.len() - 1]),
        ] {
            *set |= 1u128 << b;
            *set |= 1u128 << b.to_ascii_uppercase();
        }
    }
    let _ = writeln!(
        emoticons,
        "// @generated by tools/src/tables.rs from data/vader/vader_lexicon.txt.\n\
         // Do not edit: change the data and run `cargo run -p realboss-tools --bin tables`.\n\
         \n\
         /// The ASCII emoticons of VADER's lexicon, in lower case, sorted by bytes.\n\
         pub(crate) static EMOTICONS: [&str; {}] = [",
        tables.emoticons.len()
    );
    for e in &tables.emoticons {
        let _ = writeln!(emoticons, "    {e:?},");
    }
    let _ = writeln!(
        emoticons,
        "];\n\
         \n\
         /// Longest emoticon, in bytes.\n\
         pub(crate) const MAX_LEN: usize = {max_len};\n\
         \n\
         /// Bit `b` is set when some emoticon starts with byte `b` (either case).\n\
         pub(crate) const FIRST_BYTES: u128 = {first:#x};\n\
         \n\
         /// Bit `b` is set when some emoticon ends with byte `b` (either case).\n\
         pub(crate) const LAST_BYTES: u128 = {last:#x};"
    );
    (lexicon, emoticons)
}

/// Inflections of `base` (`-s`/`-es`, `-ed`, `-ing`, `-ion`, `-ation`, with and
/// without a doubled last consonant, so both "canceled" and "cancelled") whose Snowball stem is
/// the stem of `base`; `base` itself first. Junk candidates ("lockked") fail the stem check.
fn cue_forms(base: &str, stemmer: &Stemmer) -> Vec<String> {
    let stem = stemmer.stem(base).into_owned();
    let mut forms = vec![base.to_owned()];
    let last = base.chars().last().unwrap_or('x');
    let mut candidates = BTreeSet::new();
    for suffix in ["s", "ed", "ing", "ion", "ions", "ation", "ations"] {
        candidates.insert(attach(base, suffix));
        if suffix.starts_with(['e', 'i', 'a']) {
            candidates.insert(format!("{base}{last}{suffix}"));
        }
    }
    for candidate in candidates {
        if candidate != base && stemmer.stem(&candidate) == stem.as_str() {
            forms.push(candidate);
        }
    }
    forms
}

/// Flag names of the cue table (`cue_flag` in `src/signals/urgency.rs`) by role.
fn cue_role_flag(role: &str) -> Option<&'static str> {
    Some(match role {
        "cue" => "CUE",
        "negated" => "NEGATED",
        "calm" => "CALM",
        "negation" => "NEG",
        "by" => "BY",
        "within" => "WITHIN",
        "time_point" => "TIME_POINT",
        "time_unit" => "TIME_UNIT",
        "count" => "COUNT",
        "meridiem" => "MERIDIEM",
        "plain" => "PLAIN",
        "resolved" => "RESOLVED",
        "quote" => "QUOTE",
        "intro" => "INTRO",
        "elapsed" => "ELAPSED",
        "since" => "SINCE",
        "long_unit" => "LONG_UNIT",
        "done" => "DONE",
        "ask" => "ASK",
        "target" => "TARGET",
        "own" => "OWN",
        "possible" => "POSSIBLE",
        "judgement" => "CUE",
        _ => return None,
    })
}

#[derive(Default, Debug, Clone)]
struct CueRow {
    kind: Option<&'static str>,
    weight: f64,
    complaint: f64,
    flags: BTreeSet<&'static str>,
}

/// Builds `src/signals/urgency_table.rs` from `data/urgency_cues.tsv`, with the negation words of
/// `data/english_cues.tsv` (the sentiment negations, reused for cues) added.
fn generate_cues() -> String {
    let dir = data_dir();
    let stemmer = Stemmer::create(Algorithm::English);
    let mut rows: BTreeMap<String, CueRow> = BTreeMap::new();
    let mut phrases = 0;
    let mut forms = 0;
    // Words of a phrase, folded as the tokenizer folds them; `~` marks a word to inflect.
    let words_of = |cue: &str, line_no: usize| -> Vec<(String, bool)> {
        let words: Vec<(String, bool)> = cue
            .split([' ', '-'])
            .filter(|w| !w.is_empty())
            .map(|w| {
                let inflect = w.ends_with('~');
                let w = w.trim_end_matches('~');
                let folded = single_word(w).unwrap_or_else(|| {
                    panic!("urgency_cues.tsv line {line_no}: {w:?} is not one word")
                });
                (folded, inflect)
            })
            .collect();
        assert!(
            (1..=MAX_PHRASE_WORDS).contains(&words.len()),
            "urgency_cues.tsv line {line_no}: 1 to {MAX_PHRASE_WORDS} words"
        );
        words
    };
    // Every key a cue text stands for: the words as written, and with each `~` word replaced by
    // its forms (one `~` word at a time).
    let keys_of = |words: &[(String, bool)]| -> Vec<(String, bool)> {
        let plain: Vec<&str> = words.iter().map(|(w, _)| w.as_str()).collect();
        let mut keys = vec![(plain.join(" "), false)];
        for (i, (word, inflect)) in words.iter().enumerate() {
            if !inflect {
                continue;
            }
            for form in cue_forms(word, &stemmer).into_iter().skip(1) {
                let mut parts = plain.clone();
                parts[i] = &form;
                keys.push((parts.join(" "), true));
            }
        }
        keys
    };
    let mut explicit = BTreeSet::new();
    let mut form_rows: Vec<(String, CueRow)> = Vec::new();
    for (index, line) in read(&dir.join("urgency_cues.tsv")).lines().enumerate() {
        let line_no = index + 1;
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(
            cols.len() == 6 && !cols[5].trim().is_empty(),
            "urgency_cues.tsv line {line_no}: want cue, role, kind, weight, complaint, reason"
        );
        let flag = cue_role_flag(cols[1])
            .unwrap_or_else(|| panic!("urgency_cues.tsv line {line_no}: unknown role {}", cols[1]));
        let kind = match cols[2] {
            "-" => None,
            "urgent_word" => Some("UrgentWord"),
            "stuck" => Some("Stuck"),
            "money_at_risk" => Some("MoneyAtRisk"),
            "safety" => Some("Safety"),
            "time_pressure" => Some("TimePressure"),
            "leaving" => Some("Leaving"),
            "awaiting_answer" => Some("AwaitingAnswer"),
            "broken_expectation" => Some("BrokenExpectation"),
            other => panic!("urgency_cues.tsv line {line_no}: unknown kind {other}"),
        };
        let counts = matches!(cols[1], "cue" | "negated" | "judgement");
        assert_eq!(
            kind.is_some(),
            counts,
            "urgency_cues.tsv line {line_no}: cue and negated rows need a kind, others `-`"
        );
        let weight: f64 = cols[3]
            .parse()
            .unwrap_or_else(|_| panic!("urgency_cues.tsv line {line_no}: bad weight"));
        let complaint: f64 = cols[4]
            .parse()
            .unwrap_or_else(|_| panic!("urgency_cues.tsv line {line_no}: bad complaint weight"));
        for w in [weight, complaint] {
            assert!(
                (0.0..1.0).contains(&w),
                "urgency_cues.tsv line {line_no}: weights are in [0, 1)"
            );
        }
        let words = words_of(cols[0], line_no);
        assert!(
            cols[1] != "plain" || words.len() > 1,
            "urgency_cues.tsv line {line_no}: a plain row is a phrase"
        );
        assert!(
            counts || (weight == 0.0 && complaint == 0.0),
            "urgency_cues.tsv line {line_no}: only cue and negated rows carry weights"
        );
        for (key, is_form) in keys_of(&words) {
            let mut row = CueRow {
                kind,
                weight,
                complaint,
                flags: BTreeSet::from([flag]),
            };
            if key.contains(' ') {
                row.flags.insert("PHRASE");
            }
            if cols[1] == "judgement" {
                row.flags.insert("JUDGE");
            }
            if is_form {
                row.flags.insert("FORM");
                form_rows.push((key, row));
                continue;
            }
            explicit.insert(key.clone());
            let held = rows.entry(key.clone()).or_default();
            if counts || flag == "CALM" || flag == "RESOLVED" {
                assert!(
                    !held
                        .flags
                        .iter()
                        .any(|f| matches!(*f, "CUE" | "NEGATED" | "CALM" | "RESOLVED")),
                    "urgency_cues.tsv line {line_no}: {key:?} has two cue roles"
                );
                held.kind = kind;
                held.weight = weight;
                held.complaint = complaint;
            }
            held.flags.extend(row.flags);
        }
    }
    // Forms never override a row written out in the data; a written row with no cue role of
    // its own (a `done` or `time_point` word such as "arrived") takes the form's cue role.
    let cue_role = |row: &CueRow| {
        row.flags
            .iter()
            .any(|f| matches!(*f, "CUE" | "NEGATED" | "CALM" | "RESOLVED"))
    };
    for (key, row) in form_rows {
        match rows.get_mut(&key) {
            Some(held) if !cue_role(held) => {
                held.kind = row.kind;
                held.weight = row.weight;
                held.complaint = row.complaint;
                held.flags.extend(row.flags);
            }
            Some(_) => {}
            None if explicit.contains(&key) => {}
            None => {
                forms += 1;
                rows.insert(key, row);
            }
        }
    }
    // The sentiment negations, reused so that "not", "never", "can't" and any "n't" word listed
    // there negate cues too; "no" reaches fewer words.
    for line in read(&dir.join("english_cues.tsv")).lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if line.starts_with('#') || cols.len() < 3 {
            continue;
        }
        let flag = match (cols[1], cols[2]) {
            ("negation", _) => "NEG",
            ("marker", "no") => "NO",
            _ => continue,
        };
        let words = words_of(cols[0], 0);
        let key: Vec<&str> = words.iter().map(|(w, _)| w.as_str()).collect();
        let key = key.join(" ");
        let row = rows.entry(key.clone()).or_default();
        row.flags.insert(flag);
        if key.contains(' ') {
            row.flags.insert("PHRASE");
        }
    }
    // Phrase ends and starts.
    let phrase_keys: Vec<String> = rows.keys().filter(|k| k.contains(' ')).cloned().collect();
    for phrase in &phrase_keys {
        phrases += 1;
        let n = phrase.split(' ').count();
        let first = phrase.split(' ').next().unwrap_or_default().to_owned();
        rows.entry(first).or_default().flags.insert("START");
        let last = phrase.rsplit(' ').next().unwrap_or_default().to_owned();
        rows.entry(last).or_default().flags.insert(match n {
            2 => "END2",
            3 => "END3",
            4 => "END4",
            5 => "END5",
            _ => unreachable!("checked when the phrase was read"),
        });
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "// @generated by tools/src/tables.rs from data/urgency_cues.tsv and the negations of\n\
         // data/english_cues.tsv.\n\
         // Do not edit: change the data and run `cargo run -p realboss-tools --bin tables`.\n\
         //\n\
         // {} rows: {} phrases, {} word forms found through Snowball stems.\n\
         \n\
         use super::urgency::cue_flag::*;\n\
         use super::urgency::CueKind::*;\n\
         use super::urgency::{{CueEntry, c}};\n\
         \n\
         /// Every row of the English cue table, sorted by key.\n\
         pub(crate) static CUES: [CueEntry; {}] = [",
        rows.len(),
        phrases,
        forms,
        rows.len()
    );
    for (key, row) in &rows {
        let flags = if row.flags.is_empty() {
            "0".to_owned()
        } else {
            row.flags.iter().copied().collect::<Vec<_>>().join(" | ")
        };
        let kind = row.kind.map_or("None".to_owned(), |k| format!("Some({k})"));
        let _ = writeln!(
            out,
            "    c({key:?}, {kind}, {:?}, {:?}, {flags}),",
            row.weight, row.complaint
        );
    }
    out.push_str("];\n");
    out
}

/// Every generated file: its path relative to the repository root and its fresh text.
pub fn generate_all() -> Vec<(&'static str, String)> {
    let (lexicon, emoticons) = generate();
    let cues = generate_cues();
    vec![
        ("src/signals/english_table.rs", lexicon),
        ("src/text/emoticon_table.rs", emoticons),
        ("src/signals/urgency_table.rs", cues),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cue_forms_follow_the_stem() {
        let stemmer = Stemmer::create(Algorithm::English);
        let forms = cue_forms("cancel", &stemmer);
        for want in [
            "cancel",
            "cancels",
            "canceled",
            "cancelled",
            "canceling",
            "cancelling",
            "cancellation",
        ] {
            assert!(
                forms.iter().any(|f| f == want),
                "{want} missing from {forms:?}"
            );
        }
        let forms = cue_forms("charge", &stemmer);
        for want in ["charges", "charged", "charging"] {
            assert!(
                forms.iter().any(|f| f == want),
                "{want} missing from {forms:?}"
            );
        }
        assert!(!cue_forms("lock", &stemmer).iter().any(|f| f == "lockked"));
    }
}
