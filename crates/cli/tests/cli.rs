//! Runs the built `vbash` binary and compares what it prints with `/bin/bash` on the same input.
//!
//! Bash is started with `argv[0]` set to `vbash`, so that it names itself as vbash does and the
//! two outputs compare byte for byte. Tests that need bash skip (with a note) when it is absent.

use std::io::Write;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

const BASH: &str = "/bin/bash";

/// What a process did.
#[derive(Debug, PartialEq, Eq)]
struct Outcome {
    status: i32,
    stdout: String,
    stderr: String,
}

fn run(mut cmd: Command, dir: &Path, stdin: &[u8]) -> Outcome {
    cmd.current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn");
    // A process may exit before reading its input (`-c`); a broken pipe is fine then.
    let _ = child.stdin.take().expect("stdin").write_all(stdin);
    let out = child.wait_with_output().expect("wait");
    Outcome {
        status: out.status.code().expect("exited normally"),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn vbash(args: &[&str], dir: &Path, stdin: &[u8]) -> Outcome {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vbash"));
    cmd.args(args);
    run(cmd, dir, stdin)
}

/// `/bin/bash` named `vbash`, or `None` (after a note) when there is no bash.
fn bash(args: &[&str], dir: &Path, stdin: &[u8]) -> Option<Outcome> {
    if !Path::new(BASH).exists() {
        eprintln!("note: {BASH} is absent; skipping the comparison with bash");
        return None;
    }
    let mut cmd = Command::new(BASH);
    cmd.arg0("vbash").args(args).env_clear().env("LC_ALL", "C");
    Some(run(cmd, dir, stdin))
}

/// A fresh empty directory for one test, removed when dropped.
struct Scratch(PathBuf);

impl std::ops::Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn scratch() -> Scratch {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "vbash-cli-test-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    Scratch(dir)
}

/// Runs both shells with the same arguments and input and asserts the same status and stderr
/// (and stdout, which `-n` leaves empty).
fn same_as_bash(args: &[&str], dir: &Path, stdin: &[u8]) {
    let ours = vbash(args, dir, stdin);
    if let Some(theirs) = bash(args, dir, stdin) {
        assert_eq!(ours, theirs, "vbash {args:?} (stdin {stdin:?})");
    }
}

#[test]
fn check_success_is_silent() {
    let dir = scratch();
    let out = vbash(
        &["-n", "-c", r#"for f in *.rs; do echo "$f"; done"#],
        &dir,
        b"",
    );
    assert_eq!(
        out,
        Outcome {
            status: 0,
            stdout: String::new(),
            stderr: String::new()
        }
    );
    same_as_bash(
        &["-n", "-c", "echo hi; if true; then echo yes; fi"],
        &dir,
        b"",
    );
}

#[test]
fn check_failure_matches_bash() {
    let dir = scratch();
    same_as_bash(&["-n", "-c", "echo )"], &dir, b"");
    same_as_bash(&["-n", "-c", "true\nif true; fi"], &dir, b"");
    // `-c STRING NAME`: NAME becomes $0 and leads the message.
    same_as_bash(&["-n", "-c", "echo )", "myname", "arg"], &dir, b"");
    same_as_bash(&["-nc", "echo )"], &dir, b"");
}

#[test]
fn stdin_mode() {
    let dir = scratch();
    let ok = vbash(&["-n"], &dir, b"echo hi\n");
    assert_eq!((ok.status, ok.stderr.as_str()), (0, ""));
    same_as_bash(&["-n"], &dir, b"echo hi\n");
    same_as_bash(&["-n"], &dir, b"true\necho )\n");
    same_as_bash(&["-n", "-s", "a", "b"], &dir, b"echo )\n");
}

#[test]
fn file_mode() {
    let dir = scratch();
    std::fs::write(
        dir.join("ok.sh"),
        "echo hi\nfor f in a b; do echo \"$f\"; done\n",
    )
    .unwrap();
    std::fs::write(dir.join("bad.sh"), "true\necho )\n").unwrap();
    // Scripts are bytes: invalid UTF-8 is no error.
    std::fs::write(dir.join("latin1.sh"), b"echo caf\xe9\n").unwrap();
    std::fs::create_dir(dir.join("sub")).unwrap();
    let ok = vbash(&["-n", "ok.sh", "arg"], &dir, b"");
    assert_eq!((ok.status, ok.stderr.as_str()), (0, ""));
    same_as_bash(&["-n", "ok.sh"], &dir, b"");
    same_as_bash(&["-n", "bad.sh"], &dir, b"");
    same_as_bash(&["-n", "./bad.sh", "x", "y"], &dir, b"");
    same_as_bash(&["-n", "latin1.sh"], &dir, b"");
    same_as_bash(&["-n", "sub"], &dir, b"");
}

#[test]
fn missing_file() {
    let dir = scratch();
    let out = vbash(&["nope.sh"], &dir, b"");
    assert_eq!(out.status, 127);
    assert_eq!(out.stderr, "vbash: nope.sh: No such file or directory\n");
    same_as_bash(&["nope.sh"], &dir, b"");
    same_as_bash(&["-n", "nope.sh"], &dir, b"");
}

#[test]
fn bad_option() {
    let dir = scratch();
    for option in ["--foo", "-z"] {
        let out = vbash(&[option, "-c", "true"], &dir, b"");
        assert_eq!(out.status, 2, "{option}");
        assert!(out.stdout.is_empty());
        let first = out.stderr.lines().next().unwrap_or_default().to_owned();
        assert_eq!(first, format!("vbash: {option}: invalid option"));
        assert!(out.stderr.contains("Usage:"), "{}", out.stderr);
        if let Some(theirs) = bash(&[option, "-c", "true"], &dir, b"") {
            assert_eq!(theirs.status, out.status);
            assert_eq!(theirs.stderr.lines().next().unwrap_or_default(), first);
        }
    }
    same_as_bash(&["-c"], &dir, b"");
}

#[test]
fn dump_ast_prints_json() {
    let dir = scratch();
    let out = vbash(&["--dump-ast", "-c", "echo hi | wc -c"], &dir, b"");
    assert_eq!((out.status, out.stderr.as_str()), (0, ""));
    let tree: serde_json::Value = serde_json::from_str(&out.stdout).expect("valid JSON");
    let commands = tree
        .get("commands")
        .and_then(|c| c.as_array())
        .expect("commands");
    assert_eq!(commands.len(), 1, "{}", out.stdout);
    // A syntax error is reported as by -n, with nothing on stdout.
    let err = vbash(&["--dump-ast", "-c", "echo )"], &dir, b"");
    assert!(err.stdout.is_empty());
    if let Some(theirs) = bash(&["-n", "-c", "echo )"], &dir, b"") {
        assert_eq!((err.status, err.stderr), (theirs.status, theirs.stderr));
    }
}

#[test]
fn running_reports_syntax_errors_and_runs_scripts() {
    let dir = scratch();
    // Bash reports a syntax error the same way when running.
    same_as_bash(&["-c", "echo )"], &dir, b"");
    // Scripts that touch no files behave as in bash: output, $0, arguments, status.
    same_as_bash(&["-c", "echo \"$0 $1 $#\"; exit 3", "me", "a"], &dir, b"");
    same_as_bash(
        &[
            "-c",
            "f() { echo \"in f: $*\"; }; echo a | f b; (exit 4); echo $?",
        ],
        &dir,
        b"",
    );
    same_as_bash(&["-c", "nosuch; echo $?"], &dir, b"");
}

#[test]
fn help_and_version() {
    let dir = scratch();
    let v = vbash(&["--version"], &dir, b"");
    assert_eq!((v.status, v.stdout.as_str()), (0, "vbash 0.1.0\n"));
    let h = vbash(&["--help"], &dir, b"");
    assert_eq!(h.status, 0);
    assert!(h.stdout.contains("--dump-ast"), "{}", h.stdout);
}
