//! Helpers shared by the `syntax_*` integration tests: AST comparison ignoring spans, the
//! round-trip property, running work in parallel with panic and hang protection, corpus
//! discovery and `bash -n`.

#![allow(dead_code)]

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::Value;
use vbash_syntax::ast::Program;

/// The repository root (the parent of the `vbash-tests` crate).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// `fixtures/syntax/` in the repository.
pub fn syntax_fixtures_dir() -> PathBuf {
    repo_root().join("fixtures").join("syntax")
}

// ---------------------------------------------------------------------------------------------
// Comparing trees ignoring spans
// ---------------------------------------------------------------------------------------------

/// Deletes every object key named `span`, recursively.
pub fn strip_spans(v: &mut Value) {
    match v {
        Value::Object(map) => {
            map.remove("span");
            for (_, child) in map.iter_mut() {
                strip_spans(child);
            }
        }
        Value::Array(items) => {
            for child in items {
                strip_spans(child);
            }
        }
        _ => {}
    }
}

/// The program as JSON with every `span` removed.
pub fn ast_without_spans(program: &Program) -> Value {
    let mut v = serde_json::to_value(program).expect("the AST serializes");
    strip_spans(&mut v);
    v
}

/// Where two JSON values first differ, as `path: left != right`, or `None` when equal.
pub fn first_difference(a: &Value, b: &Value) -> Option<String> {
    fn walk(a: &Value, b: &Value, path: &mut String) -> Option<String> {
        match (a, b) {
            (Value::Object(x), Value::Object(y)) => {
                for (k, va) in x {
                    let len = path.len();
                    path.push('.');
                    path.push_str(k);
                    let d = match y.get(k) {
                        Some(vb) => walk(va, vb, path),
                        None => Some(format!("{path}: only in the original tree")),
                    };
                    path.truncate(len);
                    if d.is_some() {
                        return d;
                    }
                }
                for k in y.keys() {
                    if !x.contains_key(k) {
                        return Some(format!("{path}.{k}: only in the re-parsed tree"));
                    }
                }
                None
            }
            (Value::Array(x), Value::Array(y)) => {
                for (i, (va, vb)) in x.iter().zip(y).enumerate() {
                    let len = path.len();
                    path.push_str(&format!("[{i}]"));
                    let d = walk(va, vb, path);
                    path.truncate(len);
                    if d.is_some() {
                        return d;
                    }
                }
                if x.len() != y.len() {
                    return Some(format!(
                        "{path}: {} items in the original, {} after re-parsing",
                        x.len(),
                        y.len()
                    ));
                }
                None
            }
            _ if a == b => None,
            _ => Some(format!(
                "{}: {} != {}",
                if path.is_empty() { "<root>" } else { path },
                clip(&a.to_string(), 200),
                clip(&b.to_string(), 200)
            )),
        }
    }
    walk(a, b, &mut String::new())
}

/// The round-trip property for a tree that parsed: printing it gives text that parses to the
/// same tree, ignoring spans. `Err` describes the failure.
pub fn check_round_trip(program: &Program) -> Result<(), String> {
    let printed_bytes = vbash_syntax::print::program_bytes(program);
    let printed = String::from_utf8_lossy(&printed_bytes).into_owned();
    let reparsed = match vbash_syntax::parse(&printed_bytes) {
        Ok(p) => p,
        Err(e) => {
            return Err(format!(
                "printed text does not parse (line {}: {e})\n{}",
                e.line,
                indent(&clip(&printed, 1500))
            ))
        }
    };
    let (a, b) = (ast_without_spans(program), ast_without_spans(&reparsed));
    match first_difference(&a, &b) {
        None => Ok(()),
        Some(d) => Err(format!(
            "re-parsed tree differs at {d}\n  printed text:\n{}",
            indent(&clip(&printed, 1500))
        )),
    }
}

// ---------------------------------------------------------------------------------------------
// Running untrusted work: panics, hangs, parallelism
// ---------------------------------------------------------------------------------------------

/// Runs `f` on its own thread with a large stack, turning a panic or a run longer than
/// `timeout` into `Err`. A thread that times out is left running (it cannot be killed); the
/// process ends it when the test binary exits.
pub fn guarded<T, F>(timeout: Duration, f: F) -> Result<T, String>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    let (tx, rx) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("guarded".into())
        .stack_size(256 << 20)
        .spawn(move || {
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
            let _ = tx.send(r);
        });
    if let Err(e) = spawned {
        return Err(format!("could not spawn a thread: {e}"));
    }
    match rx.recv_timeout(timeout) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(payload)) => Err(format!("panicked: {}", panic_message(&*payload))),
        Err(mpsc::RecvTimeoutError::Timeout) => {
            Err(format!("did not finish within {}s", timeout.as_secs()))
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => Err("worker thread vanished".into()),
    }
}

/// The text of a panic payload.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "<non-string panic payload>".into()
    }
}

/// Applies `f` to every item on `threads` worker threads; results keep the input order.
pub fn parallel_map<I, O, F>(items: &[I], threads: usize, f: F) -> Vec<O>
where
    I: Sync,
    O: Send,
    F: Fn(&I) -> O + Sync,
{
    let next = AtomicUsize::new(0);
    let threads = threads.max(1).min(items.len().max(1));
    let mut chunks: Vec<Vec<(usize, O)>> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= items.len() {
                            break;
                        }
                        out.push((i, f(&items[i])));
                    }
                    out
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("worker thread panicked"))
            .collect()
    });
    let mut all: Vec<(usize, O)> = chunks.drain(..).flatten().collect();
    all.sort_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, o)| o).collect()
}

/// How many worker threads to use: the machine's parallelism, at most 8 and at least 2.
pub fn worker_count() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .clamp(2, 8)
}

// ---------------------------------------------------------------------------------------------
// bash -n
// ---------------------------------------------------------------------------------------------

/// The bash the tests compare against.
pub const BASH: &str = "/bin/bash";

/// What `bash -n` said about a file.
#[derive(Clone, Debug)]
pub struct BashVerdict {
    pub status: i32,
    pub stderr: String,
}

/// Runs `bash -n path` the way `scripts/record-syntax-fixtures` does: a clean environment,
/// the C locale, stdin from /dev/null. `cwd`, when given, is the working directory.
pub fn bash_n(path: &Path, cwd: Option<&Path>) -> std::io::Result<BashVerdict> {
    let mut cmd = Command::new(BASH);
    cmd.arg("-n")
        .arg(path)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("LC_ALL", "C")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    if let Some(dir) = cwd {
        cmd.current_dir(dir);
    }
    let out = cmd.output()?;
    Ok(BashVerdict {
        // Killed by a signal: report it as an impossible status rather than guess.
        status: out.status.code().unwrap_or(-1),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    })
}

/// Whether a `bash -n` stderr line is a warning (the here-document one), which does not make
/// the script fail and which the comparison ignores.
pub fn is_warning_line(line: &str) -> bool {
    // `NAME: line N: warning: …`
    match line.find(": line ") {
        Some(i) => {
            let rest = &line[i + ": line ".len()..];
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            digits > 0 && rest[digits..].starts_with(": warning: ")
        }
        None => false,
    }
}

// ---------------------------------------------------------------------------------------------
// Finding shell scripts on the machine
// ---------------------------------------------------------------------------------------------

/// Files larger than this are skipped.
pub const MAX_SCRIPT_BYTES: u64 = 1 << 20;

/// Shell scripts on this machine: regular files directly in /usr/bin and /usr/sbin, and
/// anywhere under /usr/share and /etc, that either end in `.sh` or start with a `#!` line
/// naming sh, bash or dash (directly or through `env`). Only regular files count: a symbolic
/// link to one counts as its target (by canonical path, so each script is checked once), links
/// to directories are not followed, and files over 1 MiB are skipped. Sorted and without
/// duplicates, so runs are deterministic.
pub fn system_shell_scripts() -> Vec<PathBuf> {
    let mut found = Vec::new();
    for dir in ["/usr/bin", "/usr/sbin"] {
        collect_scripts(Path::new(dir), false, &mut found);
    }
    for dir in ["/usr/share", "/etc"] {
        collect_scripts(Path::new(dir), true, &mut found);
    }
    found.sort();
    found.dedup();
    found
}

fn collect_scripts(dir: &Path, recursive: bool, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let Ok(meta) = fs::symlink_metadata(&path) else {
            continue;
        };
        let ft = meta.file_type();
        if ft.is_dir() {
            // Links to directories are not followed: no loops, no trees searched twice.
            if recursive {
                collect_scripts(&path, true, out);
            }
        } else if ft.is_file() {
            if meta.len() <= MAX_SCRIPT_BYTES && is_shell_script(&path) {
                out.push(path);
            }
        } else if ft.is_symlink() {
            // A link to a regular file (`/usr/bin/x -> ../lib/x/x.sh`) counts as its target,
            // named by its canonical path so that a script reached twice is checked once.
            let Ok(target) = fs::canonicalize(&path) else {
                continue;
            };
            let Ok(meta) = fs::metadata(&target) else {
                continue;
            };
            if meta.is_file() && meta.len() <= MAX_SCRIPT_BYTES && is_shell_script(&target) {
                out.push(target);
            }
        }
    }
}

/// Whether a file is a shell script: its name ends in `.sh`, or its first line is a `#!` line
/// whose interpreter is sh, bash or dash, possibly run through `env`.
pub fn is_shell_script(path: &Path) -> bool {
    if path.extension().is_some_and(|e| e == "sh") {
        return true;
    }
    let Ok(mut file) = fs::File::open(path) else {
        return false;
    };
    let mut head = [0u8; 256];
    let mut n = 0;
    while n < head.len() {
        match file.read(&mut head[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(_) => return false,
        }
    }
    shebang_names_shell(&head[..n])
}

/// Whether the `#!` line at the start of `head` names sh, bash or dash.
pub fn shebang_names_shell(head: &[u8]) -> bool {
    let Some(rest) = head.strip_prefix(b"#!") else {
        return false;
    };
    let line = rest.split(|&b| b == b'\n').next().unwrap_or(&[]);
    let Ok(line) = std::str::from_utf8(line) else {
        return false;
    };
    let mut words = line.split_ascii_whitespace();
    let Some(interp) = words.next() else {
        return false;
    };
    let base = |w: &str| w.rsplit('/').next().unwrap_or(w).to_string();
    let mut name = base(interp);
    if name == "env" {
        // `#!/usr/bin/env bash`, `#!/usr/bin/env -S bash -e`: the first non-option word.
        match words.find(|w| !w.starts_with('-') && !w.contains('=')) {
            Some(w) => name = base(w),
            None => return false,
        }
    }
    matches!(name.as_str(), "sh" | "bash" | "dash")
}

// ---------------------------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------------------------

/// At most `max` bytes of `s` (on a character boundary), with `…` when cut.
pub fn clip(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}

/// Every line indented by four spaces.
pub fn indent(s: &str) -> String {
    s.lines().map(|l| format!("    {l}\n")).collect::<String>()
}

#[test]
fn shebang_detection() {
    assert!(shebang_names_shell(b"#!/bin/sh\necho"));
    assert!(shebang_names_shell(b"#! /bin/bash -e\n"));
    assert!(shebang_names_shell(b"#!/usr/bin/env bash\n"));
    assert!(shebang_names_shell(b"#!/usr/bin/env -S sh -eu\n"));
    assert!(shebang_names_shell(b"#!/bin/dash"));
    assert!(!shebang_names_shell(b"#!/usr/bin/python3\n"));
    assert!(!shebang_names_shell(b"#!/usr/bin/env zsh\n"));
    assert!(!shebang_names_shell(b"#!/bin/bashful\n"));
    assert!(!shebang_names_shell(b"echo #!/bin/sh\n"));
}

#[test]
fn warning_lines() {
    assert!(is_warning_line(
        "t.sh: line 2: warning: here-document at line 1 delimited by end-of-file (wanted `EOF')"
    ));
    assert!(!is_warning_line(
        "t.sh: line 2: syntax error: unexpected end of file"
    ));
    assert!(!is_warning_line("t.sh: line 2: `echo warning: x'"));
}

#[test]
fn span_stripping() {
    let mut v = serde_json::json!({
        "span": {"start": 0, "end": 1, "line": 1},
        "items": [{"span": 3, "word": {"span": 4, "text": "x"}}]
    });
    strip_spans(&mut v);
    assert_eq!(v, serde_json::json!({"items": [{"word": {"text": "x"}}]}));
    let a = serde_json::json!({"a": [1, 2, {"b": "x"}]});
    let b = serde_json::json!({"a": [1, 2, {"b": "y"}]});
    assert_eq!(first_difference(&a, &a), None);
    assert_eq!(
        first_difference(&a, &b).as_deref(),
        Some(".a[2].b: \"x\" != \"y\"")
    );
}
