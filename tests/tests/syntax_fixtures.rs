//! `vbash-syntax` against `bash -n` on the snippets in `fixtures/syntax/`.
//!
//! Every `fixtures/syntax/NAME.sh` has a `NAME.expected` written by
//! `scripts/record-syntax-fixtures`: a first line `status N` with the exit status of
//! `bash -n NAME.sh`, then bash's stderr verbatim. For each fixture:
//!
//! - the status must match: 0 when `parse` succeeds, else `err.bash_n_status()`;
//! - the messages must match: `err.render("NAME.sh: line N: ")` must equal bash's stderr with
//!   its warning lines (the here-document one) left out, and when `parse` succeeds bash must
//!   have printed nothing but warnings (this catches `[[ … ]]` errors, which `bash -n` prints
//!   but exits 0 for);
//! - when `parse` succeeds, the round-trip property must hold: printing the tree and parsing
//!   the text again gives the same tree, ignoring spans.
//!
//! All failures are listed at once. Run with
//! `cargo test -p vbash-tests --test syntax_fixtures -- --nocapture` to see the counts;
//! set `SYNTAX_FIXTURES=substring` to run only the fixtures whose name contains it.

mod common;

use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;
use std::time::Duration;

use common::{check_round_trip, clip, guarded, indent, is_warning_line, parallel_map};

/// The most a single fixture may take (parse, print, re-parse) before it counts as a hang.
const TIMEOUT: Duration = Duration::from_secs(20);

/// What `scripts/record-syntax-fixtures` recorded for one fixture.
struct Expected {
    status: i32,
    /// bash's stderr without warning lines.
    errors: String,
}

fn read_expected(path: &PathBuf) -> Result<Expected, String> {
    // bash echoes the offending line byte for byte; compare as lossy UTF-8, as `render` does.
    let bytes = fs::read(path).map_err(|e| {
        format!(
            "cannot read {}: {e} (run scripts/record-syntax-fixtures)",
            path.display()
        )
    })?;
    let text = String::from_utf8_lossy(&bytes);
    let (first, rest) = text.split_once('\n').unwrap_or((&text, ""));
    let status = first
        .strip_prefix("status ")
        .and_then(|s| s.trim().parse().ok())
        .ok_or_else(|| format!("{}: first line is not `status N`", path.display()))?;
    let errors = rest
        .split_inclusive('\n')
        .filter(|line| !is_warning_line(line.trim_end_matches('\n')))
        .collect();
    Ok(Expected { status, errors })
}

/// What vbash made of one fixture.
struct Outcome {
    status: i32,
    /// The rendered error, or empty when the parse succeeded.
    rendered: String,
    /// For a successful parse, the round-trip verdict.
    round_trip: Option<Result<(), String>>,
}

fn run_vbash(name: &str, src: Vec<u8>) -> Result<Outcome, String> {
    let name = name.to_string();
    guarded(TIMEOUT, move || match vbash_syntax::parse(&src) {
        Ok(program) => Outcome {
            status: 0,
            rendered: String::new(),
            round_trip: Some(check_round_trip(&program)),
        },
        Err(err) => Outcome {
            status: err.bash_n_status(),
            rendered: err.render(&format!("{name}: line {}: ", err.line)),
            round_trip: None,
        },
    })
}

/// One fixture's verdict: what bash recorded, what vbash did, and every disagreement.
struct FixtureResult {
    name: String,
    problems: Vec<String>,
    expected: Option<Expected>,
    outcome: Option<Outcome>,
}

#[derive(Default)]
struct Tally {
    fixtures: usize,
    bash_accepts: usize,
    status_agree: usize,
    messages_checked: usize,
    messages_agree: usize,
    round_trips_checked: usize,
    round_trips_ok: usize,
    crashed: usize,
    fully_agree: usize,
    known_differences: usize,
}

/// Fixtures whose error message vbash is known not to match yet (status and round trip are
/// still required), one `NAME.sh  reason` per line. A listed fixture that starts to agree fails
/// the test, so the list only shrinks.
const KNOWN_FILE: &str = "KNOWN-MESSAGE-DIFFERENCES";

fn known_message_differences(dir: &std::path::Path) -> std::collections::HashMap<String, String> {
    let text = fs::read_to_string(dir.join(KNOWN_FILE)).unwrap_or_default();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| match l.split_once(char::is_whitespace) {
            Some((name, reason)) => (name.to_owned(), reason.trim().to_owned()),
            None => (l.to_owned(), String::new()),
        })
        .collect()
}

#[test]
fn syntax_fixtures_match_bash() {
    let dir = common::syntax_fixtures_dir();
    let filter = std::env::var("SYNTAX_FIXTURES").ok();
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "sh"))
        .filter(|p| {
            filter.as_deref().is_none_or(|f| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().contains(f))
            })
        })
        .collect();
    files.sort();
    if filter.is_none() {
        assert!(
            files.len() >= 350,
            "expected at least 350 fixtures in {}, found {}",
            dir.display(),
            files.len()
        );
    }

    let known = known_message_differences(&dir);
    let results: Vec<FixtureResult> = parallel_map(&files, common::worker_count(), |path| {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let mut problems = Vec::new();
        let expected = match read_expected(&path.with_extension("expected")) {
            Ok(e) => Some(e),
            Err(e) => {
                problems.push(e);
                None
            }
        };
        let src = match fs::read(path) {
            Ok(s) => s,
            Err(e) => {
                problems.push(format!("cannot read: {e}"));
                return FixtureResult {
                    name,
                    problems,
                    expected,
                    outcome: None,
                };
            }
        };
        let outcome = match run_vbash(&name, src) {
            Ok(o) => Some(o),
            Err(e) => {
                problems.push(format!("vbash {e}"));
                None
            }
        };
        if let (Some(exp), Some(out)) = (&expected, &outcome) {
            if exp.status != out.status {
                problems.push(format!(
                    "status: bash -n {} vbash {}{}",
                    exp.status,
                    out.status,
                    if exp.errors == out.rendered && !exp.errors.is_empty() {
                        format!(" (both print the same message)\n{}", indent(&exp.errors))
                    } else {
                        String::new()
                    }
                ));
            }
            if exp.errors != out.rendered {
                problems.push(format!(
                    "message:\n  bash:\n{}  vbash:\n{}",
                    indent_or_none(&exp.errors),
                    indent_or_none(&out.rendered)
                ));
            }
            if let Some(Err(e)) = &out.round_trip {
                problems.push(format!("round trip: {e}"));
            }
        }
        FixtureResult {
            name,
            problems,
            expected,
            outcome,
        }
    });

    let mut tally = Tally::default();
    let mut report = String::new();
    let mut failing = 0;
    for FixtureResult {
        name,
        problems,
        expected,
        outcome,
    } in &results
    {
        tally.fixtures += 1;
        if let Some(exp) = expected {
            if exp.status == 0 && exp.errors.is_empty() {
                tally.bash_accepts += 1;
            }
        }
        match (expected, outcome) {
            (Some(exp), Some(out)) => {
                if exp.status == out.status {
                    tally.status_agree += 1;
                }
                if !exp.errors.is_empty() || !out.rendered.is_empty() {
                    tally.messages_checked += 1;
                    if exp.errors == out.rendered {
                        tally.messages_agree += 1;
                    }
                }
                if let Some(rt) = &out.round_trip {
                    tally.round_trips_checked += 1;
                    if rt.is_ok() {
                        tally.round_trips_ok += 1;
                    }
                }
            }
            (_, None) => tally.crashed += 1,
            _ => {}
        }
        let mut problems = problems.clone();
        if let Some(reason) = known.get(name.as_str()) {
            let before = problems.len();
            problems.retain(|p| !p.starts_with("message:"));
            if problems.len() == before {
                problems.push(format!(
                    "listed in {KNOWN_FILE} ({reason}) but its message now agrees: remove it"
                ));
            } else {
                tally.known_differences += 1;
            }
        }
        if problems.is_empty() {
            tally.fully_agree += 1;
        } else {
            failing += 1;
            let _ = writeln!(report, "--- {name}");
            for p in problems {
                let _ = writeln!(report, "  {}", clip(&p, 4000).replace('\n', "\n  "));
            }
        }
    }

    let summary = format!(
        "syntax fixtures: {} total ({} accepted by bash -n); {} agree fully, {} failing\n  \
         status agrees: {}/{}\n  messages agree: {}/{}\n  round trips ok: {}/{}\n  \
         vbash panicked or hung: {}\n  known message differences ({KNOWN_FILE}): {}",
        tally.fixtures,
        tally.bash_accepts,
        tally.fully_agree,
        failing,
        tally.status_agree,
        tally.fixtures,
        tally.messages_agree,
        tally.messages_checked,
        tally.round_trips_ok,
        tally.round_trips_checked,
        tally.crashed,
        tally.known_differences,
    );
    println!("{summary}");
    if failing > 0 {
        panic!("{failing} fixture(s) disagree with bash -n:\n{report}\n{summary}");
    }
}

fn indent_or_none(s: &str) -> String {
    if s.is_empty() {
        "    <nothing>\n".to_string()
    } else {
        indent(s)
    }
}
