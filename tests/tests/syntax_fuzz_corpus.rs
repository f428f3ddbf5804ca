//! Replays the committed fuzz corpus through the fuzz targets' checks, under plain `cargo test`
//! (no nightly, no libFuzzer), so CI guards every input the fuzzer ever found interesting.
//!
//! - `fuzz/corpus/parse/*`: [`checks::check_parse`]: `parse_with` (options chosen by the first
//!   byte, see [`checks::split_input`]) never panics, and a tree that parses survives
//!   print → re-parse unchanged, ignoring spans;
//! - `fuzz/corpus/arith/*`: [`arith_check::check_arith`]: the same for `arith::parse` and
//!   `arith::print`.
//!
//! Every input must also finish within [`TIMEOUT`] (a debug build; they take milliseconds).
//! The `regress-*` files are minimised findings: each fails here until its bug is fixed.
//!
//! The checks are the fuzz crate's own source (`fuzz/src/checks.rs`, `fuzz/src/arith_check.rs`),
//! compiled in here, so the replay and the fuzz targets cannot drift apart. All failures are listed at once; set
//! `FUZZ_CORPUS=substring` to replay only the files whose name contains it.

mod common;

#[allow(dead_code)]
#[path = "../../fuzz/src/checks.rs"]
mod checks;

#[path = "../../fuzz/src/arith_check.rs"]
mod arith_check;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::{clip, guarded, indent, parallel_map, repo_root, worker_count};

/// The most one input may take before it counts as a hang.
const TIMEOUT: Duration = Duration::from_secs(10);

/// The files of `fuzz/corpus/NAME/`, sorted, filtered by `$FUZZ_CORPUS`.
fn corpus(name: &str) -> Vec<PathBuf> {
    let dir = repo_root().join("fuzz").join("corpus").join(name);
    let filter = std::env::var("FUZZ_CORPUS").unwrap_or_default();
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .filter(|p| {
            let n = p.file_name().unwrap_or_default().to_string_lossy();
            // libFuzzer's temporary files are not part of the corpus.
            !n.starts_with('.') && n.contains(filter.as_str())
        })
        .collect();
    files.sort();
    files
}

/// Runs `check` on every file, in parallel, and fails listing every input that failed.
fn replay(name: &str, check: fn(&[u8]) -> Result<(), checks::Finding>, expect_at_least: usize) {
    let files = corpus(name);
    if std::env::var_os("FUZZ_CORPUS").is_none() {
        assert!(
            files.len() >= expect_at_least,
            "fuzz/corpus/{name}/ has {} files, expected at least {expect_at_least}",
            files.len()
        );
    }
    let results = parallel_map(&files, worker_count(), |path: &PathBuf| {
        let data = fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
        guarded(TIMEOUT, move || check(&data))?.map_err(|f| f.message)
    });
    let known = known_failures();
    let mut failures: Vec<String> = Vec::new();
    for (path, r) in files.iter().zip(results) {
        let file = path.file_name().unwrap_or_default().to_string_lossy();
        match (r, known.contains(file.as_ref())) {
            (Ok(()), true) => failures.push(format!(
                "{file}: listed in fuzz/KNOWN-FAILURES but now passes: remove it"
            )),
            (Err(e), false) => failures.push(describe(path, &e)),
            _ => {}
        }
    }
    println!(
        "fuzz/corpus/{name}: {} inputs, {} failed",
        files.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {} inputs in fuzz/corpus/{name}/ fail:\n\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

/// Reproducers of findings not fixed yet (`fuzz/KNOWN-FAILURES`, one `FILE  reason` per
/// line): they must keep failing until fixed, then leave the list.
fn known_failures() -> std::collections::HashSet<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/KNOWN-FAILURES");
    fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .collect()
}

fn describe(path: &Path, error: &str) -> String {
    format!(
        "{}:\n{}",
        path.file_name().unwrap_or_default().to_string_lossy(),
        indent(&clip(error, 4000))
    )
}

#[test]
fn parse_corpus() {
    replay("parse", checks::check_parse, 600);
}

#[test]
fn arith_corpus() {
    replay("arith", arith_check::check_arith, 100);
}
