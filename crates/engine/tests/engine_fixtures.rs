//! Runs every `fixtures/engine/*.sh` through the engine and compares stdout, stderr and the
//! exit status with what `scripts/record-engine-fixtures` recorded from /bin/bash.
//!
//! `fixtures/engine/KNOWN-FAILURES` lists cases that need what is not built yet (one
//! `NAME  reason` per line); a listed case that starts passing fails the test, so the list
//! only shrinks.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use vbash_engine::{ExecOptions, Shell};
use vbash_vfs::MemFs;

struct Expected {
    status: i32,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
}

/// Reads `status N`, `stdout LEN`, LEN bytes, `stderr LEN`, LEN bytes.
fn parse_expected(data: &[u8]) -> Expected {
    let mut rest = data;
    let line = |rest: &mut &[u8]| -> String {
        let end = rest
            .iter()
            .position(|&c| c == b'\n')
            .expect("a header line");
        let l = String::from_utf8(rest[..end].to_vec()).unwrap();
        *rest = &rest[end + 1..];
        l
    };
    let status = line(&mut rest)
        .strip_prefix("status ")
        .unwrap()
        .parse()
        .unwrap();
    let n: usize = line(&mut rest)
        .strip_prefix("stdout ")
        .unwrap()
        .parse()
        .unwrap();
    let stdout = rest[..n].to_vec();
    rest = &rest[n + 1..];
    let n: usize = line(&mut rest)
        .strip_prefix("stderr ")
        .unwrap()
        .parse()
        .unwrap();
    let stderr = rest[..n].to_vec();
    Expected {
        status,
        stdout,
        stderr,
    }
}

/// At most 2,000 characters of `b`, for readable failure reports.
fn show(b: &[u8]) -> String {
    let s = String::from_utf8_lossy(b);
    let mut cut: String = s.chars().take(2000).collect();
    if cut.len() < s.len() {
        cut.push('…');
    }
    format!("{cut:?}")
}

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/engine")
}

fn known_failures() -> HashMap<String, String> {
    let text = std::fs::read_to_string(fixtures_dir().join("KNOWN-FAILURES")).unwrap_or_default();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| match l.split_once(char::is_whitespace) {
            Some((n, r)) => (n.to_owned(), r.trim().to_owned()),
            None => (l.to_owned(), String::new()),
        })
        .collect()
}

#[test]
fn engine_matches_bash() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "sh"))
        .collect();
    files.sort();
    let known = known_failures();
    let mut failures = Vec::new();
    let mut passed = 0;
    for path in &files {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let script = std::fs::read(path).unwrap();
        let expected = parse_expected(&std::fs::read(path.with_extension("expected")).unwrap());
        let stdin = std::fs::read(path.with_extension("stdin")).unwrap_or_default();
        let fs = MemFs::new();
        for dir in ["/home/user", "/tmp"] {
            let dir = vbash_vfs::VfsPath::new(dir).unwrap();
            futures::executor::block_on(vbash_vfs::FileSystem::create_dir_all(&fs, &dir)).unwrap();
        }
        // Small limits: a fixture that loops forever (a missing builtin) fails fast.
        let limits = vbash_engine::limits::Limits {
            max_loop_iterations: 100_000,
            max_commands: 1_000_000,
            ..Default::default()
        };
        let shell = Shell::builder(Arc::new(fs)).limits(limits).build();
        let options = ExecOptions {
            stdin,
            ..ExecOptions::default()
        };
        let r = futures::executor::block_on(shell.exec_with(&script, options));
        let ok = r.exit_code == expected.status
            && r.stdout == expected.stdout
            && r.stderr == expected.stderr;
        match (ok, known.get(&name)) {
            (true, None) => passed += 1,
            (true, Some(_)) => failures.push(format!(
                "--- {name}: listed in KNOWN-FAILURES but now matches bash: remove it"
            )),
            (false, Some(_)) => {}
            (false, None) => failures.push(format!(
                "--- {name}\n  status: bash {} vbash {}\n  stdout bash:  {}\n  stdout vbash: {}\n  stderr bash:  {}\n  stderr vbash: {}",
                expected.status,
                r.exit_code,
                show(&expected.stdout),
                show(&r.stdout),
                show(&expected.stderr),
                show(&r.stderr),
            )),
        }
    }
    println!(
        "engine fixtures: {} total, {passed} match bash, {} known failures",
        files.len(),
        known.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
